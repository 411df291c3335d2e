/*
 * chat.c: incoming-webhook messages for chat services, each with the
 * incident's (or component's) name, status, latest update and link:
 * Slack's (Mattermost and Rocket.Chat take the same), Microsoft Teams'
 * MessageCard and Discord's embed.  JSON through json-c; Slack's mrkdwn
 * and Discord's Markdown get their own escaping.
 */
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "buf.h"
#include "message.h"
#include "webhook.h"

/* Colours by the page's indicator after the event, as the page's banner. */
static const char *
colour(const struct message *m)
{
	json_object	*page, *v;
	const char	*ind = NULL;

	if (json_object_object_get_ex(m->payload, "page", &page) &&
	    json_object_object_get_ex(page, "status_indicator", &v))
		ind = json_object_get_string(v);
	if (ind == NULL || strcmp(ind, "none") == 0)
		return "2fcc66";
	if (strcmp(ind, "minor") == 0)
		return "f1c40f";
	if (strcmp(ind, "major") == 0)
		return "e67e22";
	if (strcmp(ind, "critical") == 0)
		return "e74c3c";
	return "3498db";
}

/* Slack's mrkdwn: &, < and > are its markup (links, mentions). */
static const char *
slack_text(struct arena *a, const char *s)
{
	struct buf	b;

	buf_init(&b, a);
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '&')
			buf_puts(&b, "&amp;");
		else if (*s == '<')
			buf_puts(&b, "&lt;");
		else if (*s == '>')
			buf_puts(&b, "&gt;");
		else
			buf_putc(&b, *s);
	}
	return b.data;
}

/* Discord's Markdown and mentions: a backslash before each of its marks. */
static const char *
discord_text(struct arena *a, const char *s, size_t max)
{
	struct buf	b;

	buf_init(&b, a);
	for (; s != NULL && *s != '\0' && b.len < max; s++) {
		if (strchr("\\*_~`|>[]()#@<:-", *s) != NULL)
			buf_putc(&b, '\\');
		buf_putc(&b, *s);
	}
	/* Cut on a character boundary. */
	while (b.len > 0 && ((unsigned char)b.data[b.len - 1] & 0xc0) == 0x80 &&
	    *s != '\0')
		b.data[--b.len] = '\0';
	return b.data;
}

static const char *
details(struct arena *a, const struct message *m)
{
	if (m->d->kind == EVENT_CONFIRMATION)
		return arena_printf(a, "Someone asked for updates from %s to "
		    "be posted here. Confirm: %s", m->page_name, m->confirm_url);
	if (m->d->kind == EVENT_COMPONENT)
		return arena_printf(a, "%s is now %s%s%s.", m->component_name,
		    m->new_status != NULL ? m->new_status : "changed",
		    m->old_status != NULL ? " (was " : "",
		    m->old_status != NULL ? m->old_status : "");
	return m->update_body != NULL ? m->update_body : "";
}

const char *
chat_slack(struct arena *a, const struct message *m)
{
	json_object	*o = json_object_new_object(), *blocks, *b, *t, *els;
	const char	*head, *ctx;

	json_object_object_add(o, "text", json_object_new_string(m->subject));
	head = arena_printf(a, "*<%s|%s>*\n*%s*%s%s", m->subject_url,
	    slack_text(a, m->incident_name != NULL ? m->incident_name :
	    m->summary), slack_text(a, m->status_label != NULL ?
	    m->status_label : m->new_status != NULL ? m->new_status : "Update"),
	    m->impact_label != NULL ? " · impact " : "",
	    m->impact_label != NULL ? m->impact_label : "");
	if (m->d->kind == EVENT_CONFIRMATION)
		head = arena_printf(a, "*%s*", slack_text(a, m->summary));
	blocks = json_object_new_array();
	b = json_object_new_object();
	json_object_object_add(b, "type", json_object_new_string("section"));
	t = json_object_new_object();
	json_object_object_add(t, "type", json_object_new_string("mrkdwn"));
	json_object_object_add(t, "text", json_object_new_string(arena_printf(a,
	    "%s\n%s", head, slack_text(a, details(a, m)))));
	json_object_object_add(b, "text", t);
	json_object_array_add(blocks, b);
	b = json_object_new_object();
	json_object_object_add(b, "type", json_object_new_string("context"));
	els = json_object_new_array();
	t = json_object_new_object();
	json_object_object_add(t, "type", json_object_new_string("mrkdwn"));
	ctx = arena_printf(a, "%s · <%s|Unsubscribe>", slack_text(a,
	    m->page_name), m->unsubscribe_url);
	json_object_object_add(t, "text", json_object_new_string(ctx));
	json_object_array_add(els, t);
	json_object_object_add(b, "elements", els);
	json_object_array_add(blocks, b);
	json_object_object_add(o, "blocks", blocks);
	return webhook_json_text(a, o);
}

const char *
chat_teams(struct arena *a, const struct message *m)
{
	json_object	*o = json_object_new_object(), *sections, *s, *acts, *act;
	json_object	*targets, *t;

	json_object_object_add(o, "@type", json_object_new_string("MessageCard"));
	json_object_object_add(o, "@context",
	    json_object_new_string("https://schema.org/extensions"));
	json_object_object_add(o, "summary", json_object_new_string(m->subject));
	json_object_object_add(o, "themeColor", json_object_new_string(colour(m)));
	json_object_object_add(o, "title", json_object_new_string(
	    m->incident_name != NULL ? m->incident_name : m->summary));
	sections = json_object_new_array();
	s = json_object_new_object();
	json_object_object_add(s, "activityTitle", json_object_new_string(
	    m->status_label != NULL ? m->status_label : m->new_status != NULL ?
	    m->new_status : m->page_name));
	json_object_object_add(s, "activitySubtitle",
	    json_object_new_string(m->page_name));
	json_object_object_add(s, "text", json_object_new_string(details(a, m)));
	json_object_array_add(sections, s);
	json_object_object_add(o, "sections", sections);
	acts = json_object_new_array();
	act = json_object_new_object();
	json_object_object_add(act, "@type", json_object_new_string("OpenUri"));
	json_object_object_add(act, "name", json_object_new_string(
	    m->d->kind == EVENT_CONFIRMATION ? "Confirm" : "View"));
	targets = json_object_new_array();
	t = json_object_new_object();
	json_object_object_add(t, "os", json_object_new_string("default"));
	json_object_object_add(t, "uri", json_object_new_string(
	    m->d->kind == EVENT_CONFIRMATION ? m->confirm_url : m->subject_url));
	json_object_array_add(targets, t);
	json_object_object_add(act, "targets", targets);
	json_object_array_add(acts, act);
	json_object_object_add(o, "potentialAction", acts);
	return webhook_json_text(a, o);
}

const char *
chat_discord(struct arena *a, const struct message *m)
{
	json_object	*o = json_object_new_object(), *embeds, *e, *f, *fields;
	json_object	*am;
	long		 c = strtol(colour(m), NULL, 16);

	json_object_object_add(o, "content", json_object_new_string(
	    discord_text(a, m->subject, 1900)));
	/* Nobody is pinged by what an update says. */
	am = json_object_new_object();
	json_object_object_add(am, "parse", json_object_new_array());
	json_object_object_add(o, "allowed_mentions", am);
	embeds = json_object_new_array();
	e = json_object_new_object();
	json_object_object_add(e, "title", json_object_new_string(discord_text(a,
	    m->incident_name != NULL ? m->incident_name : m->summary, 240)));
	json_object_object_add(e, "url", json_object_new_string(
	    m->d->kind == EVENT_CONFIRMATION ? m->confirm_url : m->subject_url));
	json_object_object_add(e, "description", json_object_new_string(
	    discord_text(a, details(a, m), 3900)));
	json_object_object_add(e, "color", json_object_new_int((int)c));
	fields = json_object_new_array();
	if (m->status_label != NULL || m->new_status != NULL) {
		f = json_object_new_object();
		json_object_object_add(f, "name", json_object_new_string("Status"));
		json_object_object_add(f, "value", json_object_new_string(
		    m->status_label != NULL ? m->status_label : m->new_status));
		json_object_object_add(f, "inline", json_object_new_boolean(1));
		json_object_array_add(fields, f);
	}
	json_object_object_add(e, "fields", fields);
	f = json_object_new_object();
	json_object_object_add(f, "text", json_object_new_string(discord_text(a,
	    m->page_name, 1000)));
	json_object_object_add(e, "footer", f);
	json_object_array_add(embeds, e);
	json_object_object_add(o, "embeds", embeds);
	return webhook_json_text(a, o);
}
