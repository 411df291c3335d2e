/* feed-ics.c: scheduled maintenance as an iCalendar feed, GET /maintenance.ics */
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "clock.h"
#include "config.h"
#include "escape.h"
#include "feeds.h"
#include "handlers.h"
#include "http.h"
#include "model.h"
#include "notices.h"
#include "snapshot.h"

/* Content lines stop at 75 octets (RFC 5545 3.1), never inside a character. */
#define ICAL_LINE	75

/* NAME:value, with value already escaped, folded and ended by CRLF. */
static void
ical_prop(struct buf *b, const char *name, const char *value)
{
	struct buf	 line;
	const char	*p;
	size_t		 col = 0, len;

	buf_init(&line, b->arena);
	buf_puts(&line, name);
	buf_putc(&line, ':');
	buf_puts(&line, value);
	for (p = line.data; *p != '\0'; p += len) {
		len = esc_utf8_len((const unsigned char *)p, strlen(p));
		if (len == 0)
			len = 1;	/* escaped values hold valid UTF-8 */
		if (col + len > ICAL_LINE) {
			buf_puts(b, "\r\n ");
			col = 1;
		}
		buf_append(b, p, len);
		col += len;
	}
	buf_puts(b, "\r\n");
}

static void
ical_text(struct buf *b, const char *name, const char *text)
{
	struct buf	v;

	buf_init(&v, b->arena);
	esc_ical_text(&v, text);
	ical_prop(b, name, v.data);
}

static void
ical_time(struct buf *b, const char *name, long long epoch)
{
	char	out[17];

	clock_ical_utc((time_t)epoch, out);
	ical_prop(b, name, out);
}

/* Maintenance that is over is confirmed history; none is ever cancelled yet. */
static void
vevent(struct buf *b, const struct request *req, const struct notice *n)
{
	struct buf	desc;
	size_t		i;

	buf_puts(b, "BEGIN:VEVENT\r\n");
	ical_text(b, "UID", arena_printf(req->arena, "incident-%s@%s", n->id,
	    feed_host(req)));
	ical_time(b, "DTSTAMP", n->activity_epoch);
	ical_time(b, "LAST-MODIFIED", n->activity_epoch);
	ical_time(b, "CREATED", n->created_epoch);
	ical_time(b, "DTSTART", n->scheduled_for_epoch);
	ical_time(b, "DTEND", n->scheduled_until_epoch);
	ical_text(b, "SUMMARY", n->name);
	/* The status and every update, newest first, as plain text. */
	buf_init(&desc, req->arena);
	buf_printf(&desc, "Status: %s", notice_status_label(n->status));
	for (i = 0; i < n->nupdates; i++)
		buf_printf(&desc, "\n\n%s (%s): %s", n->updates[i].label,
		    n->updates[i].at.display, n->updates[i].body);
	ical_text(b, "DESCRIPTION", desc.data);
	ical_text(b, "URL", feed_notice_url(req, n));
	ical_prop(b, "STATUS", "CONFIRMED");
	ical_prop(b, "TRANSP", "TRANSPARENT");
	buf_puts(b, "END:VEVENT\r\n");
}

/*
 * GET /maintenance.ics (and HEAD): the 50 newest scheduled maintenance
 * windows, past and to come, for calendar subscriptions, from the
 * snapshot.  200/304.
 */
void
feed_maintenance_ics(struct request *req, struct response *resp)
{
	const struct snapshot	*s = req->snap;
	const struct notices	*ns = &s->recent_maintenance;
	struct buf		*b = &resp->body;
	size_t			 i;

	resp->content_type = "text/calendar; charset=utf-8";
	resp->last_modified = s->model.page.updated;
	buf_puts(b, "BEGIN:VCALENDAR\r\n");
	ical_prop(b, "VERSION", "2.0");
	ical_prop(b, "PRODID", "-//Lantern//Status page " PACKAGE_VERSION "//EN");
	ical_prop(b, "CALSCALE", "GREGORIAN");
	ical_prop(b, "METHOD", "PUBLISH");
	ical_text(b, "X-WR-CALNAME", arena_printf(req->arena, "%s maintenance",
	    s->model.page.name));
	for (i = 0; i < ns->n; i++)
		vevent(b, req, &ns->items[i]);
	buf_puts(b, "END:VCALENDAR\r\n");
}
