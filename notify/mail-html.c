/* mail-html.c: the HTML part of a notification mail, through the escaping writer */
#include "buf.h"
#include "fmt.h"
#include "mail.h"
#include "markdown.h"
#include "message.h"

/* Inline styles only: mail clients drop <style> and never fetch a sheet. */
#define P_STYLE "margin:0 0 12px"
#define SMALL_STYLE "color:#666;font-size:13px;margin:24px 0 0"

static void
incident(struct buf *b, const struct message *m)
{
	buf_fmt(b, "<h1 style=\"font-size:20px;margin:0 0 12px\">"
	    "<a href=\"%a\">%h</a></h1>\n", m->subject_url, m->incident_name);
	buf_fmt(b, "<p style=\"%s\"><strong>%h</strong>", P_STYLE,
	    m->status_label != NULL ? m->status_label : "Update");
	if (m->impact_label != NULL)
		buf_fmt(b, " &middot; %h impact", m->impact_label);
	if (m->update_time != NULL)
		buf_fmt(b, " &middot; %h", m->update_time);
	buf_puts(b, "</p>\n");
	if (m->update_body != NULL) {
		buf_puts(b, "<div>");
		/* The page's h1 is the incident: the update's headings start below. */
		markdown_html(b, m->update_body, 2);
		buf_puts(b, "</div>\n");
	}
}

static void
component(struct buf *b, const struct message *m)
{
	buf_fmt(b, "<h1 style=\"font-size:20px;margin:0 0 12px\">%h</h1>\n",
	    m->summary);
	buf_fmt(b, "<p style=\"%s\">%h", P_STYLE, m->component_name);
	if (m->old_status != NULL)
		buf_fmt(b, " was %h and", m->old_status);
	buf_fmt(b, " is now <strong>%h</strong>.</p>\n", m->new_status);
}

void
mail_html(struct buf *b, const struct message *m)
{
	buf_fmt(b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
	    "<title>%h</title></head>\n<body style=\"font-family:sans-serif;"
	    "line-height:1.5;max-width:40em\">\n", m->subject);
	if (m->d->kind == EVENT_CONFIRMATION) {
		buf_fmt(b, "<p style=\"%s\">Someone, we hope you, asked for "
		    "updates from %h at this address.</p>\n<p style=\"%s\">"
		    "<a href=\"%a\">Confirm your subscription</a></p>\n"
		    "<p style=\"%s\">If it was not you, ignore this message: "
		    "nothing more will be sent.</p>\n", P_STYLE, m->page_name,
		    P_STYLE, m->confirm_url, SMALL_STYLE);
		buf_puts(b, "</body></html>\n");
		return;
	}
	if (m->d->kind == EVENT_COMPONENT)
		component(b, m);
	else
		incident(b, m);
	if (m->page_status != NULL)
		buf_fmt(b, "<p style=\"%s\">%h now: %h</p>\n", P_STYLE,
		    m->page_name, m->page_status);
	buf_fmt(b, "<p style=\"%s\"><a href=\"%a\">View on %h</a></p>\n",
	    P_STYLE, m->subject_url, m->page_name);
	buf_fmt(b, "<p style=\"%s\">You get this because you subscribed to %h. "
	    "<a href=\"%a\">Manage your subscription</a> or "
	    "<a href=\"%a\">unsubscribe</a>.</p>\n</body></html>\n",
	    SMALL_STYLE, m->page_name, m->manage_url, m->unsubscribe_url);
}
