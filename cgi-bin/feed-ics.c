/* feed-ics.c: scheduled maintenance as an iCalendar feed, GET /maintenance.ics */
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "clock.h"
#include "config.h"
#include "escape.h"
#include "feeds.h"
#include "fmt.h"
#include "handlers.h"
#include "http.h"
#include "model.h"
#include "notices.h"
#include "snapshot.h"

/*
 * One content line, NAME:value, written by buf_fmt (values as %i, TEXT)
 * and folded by esc_ical_fold: lines stop at 75 octets (RFC 5545 3.1),
 * never inside a character, and end in CRLF.
 */
#define ical_prop(b, ...) do {						\
	struct buf	 line_;						\
									\
	buf_init(&line_, (b)->arena);					\
	buf_fmt(&line_, __VA_ARGS__);					\
	esc_ical_fold((b), line_.data);					\
} while (0)

/* A UTC DATE-TIME value (RFC 5545 3.3.5) in out. */
static const char *
ical_time(char out[20], long long epoch)
{
	clock_ical_utc((time_t)epoch, out);
	return out;
}

/* Maintenance that is over is confirmed history; none is ever cancelled yet. */
static void
vevent(struct buf *b, const struct request *req, const struct notice *n)
{
	struct buf	desc;
	char		t[20];
	size_t		i;

	buf_puts(b, "BEGIN:VEVENT\r\n");
	ical_prop(b, "UID:incident-%i@%i", n->id, feed_host(req));
	ical_prop(b, "DTSTAMP:%i", ical_time(t, n->activity_epoch));
	ical_prop(b, "LAST-MODIFIED:%i", ical_time(t, n->activity_epoch));
	ical_prop(b, "CREATED:%i", ical_time(t, n->created_epoch));
	ical_prop(b, "DTSTART:%i", ical_time(t, n->scheduled_for_epoch));
	ical_prop(b, "DTEND:%i", ical_time(t, n->scheduled_until_epoch));
	ical_prop(b, "SUMMARY:%i", n->name);
	/*
	 * The status and every update, newest first, as plain text: one
	 * property, escaped a piece at a time, folded as the others.
	 */
	buf_init(&desc, req->arena);
	buf_fmt(&desc, "DESCRIPTION:Status: %i", notice_statuses[n->status].label);
	for (i = 0; i < n->nupdates; i++)
		buf_fmt(&desc, "\\n\\n%i (%i): %i", n->updates[i].label,
		    n->updates[i].at.display, n->updates[i].body);
	esc_ical_fold(b, desc.data);
	ical_prop(b, "URL:%i", feed_notice_url(req, n));
	ical_prop(b, "STATUS:CONFIRMED");
	ical_prop(b, "TRANSP:TRANSPARENT");
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
	ical_prop(b, "VERSION:2.0");
	ical_prop(b, "PRODID:-//Lantern//Status page " PACKAGE_VERSION "//EN");
	ical_prop(b, "CALSCALE:GREGORIAN");
	ical_prop(b, "METHOD:PUBLISH");
	ical_prop(b, "X-WR-CALNAME:%i maintenance", s->model.page.name);
	for (i = 0; i < ns->n; i++)
		vevent(b, req, &ns->items[i]);
	buf_puts(b, "END:VCALENDAR\r\n");
}
