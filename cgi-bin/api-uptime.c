/*
 * api-uptime.c: Lantern's own uptime data as JSON, GET /api/uptime.json.
 * Statuspage's API has no such endpoint, so this shape is Lantern's; it
 * shares the page object with API v2.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "clock.h"
#include "config.h"
#include "handlers.h"
#include "json.h"
#include "model.h"
#include "snapshot.h"
#include "ui-shared.h"
#include "uptime.h"

#define MONTHS		SNAPSHOT_UPTIME_MONTHS
#define FORMULA		"statuspage"
#define EXPRESSION	"1 - (major_outage_seconds + 0.3 * partial_outage_seconds)" \
			" / seconds_with_data"

/*
 * A percentage with two decimals, rounded down as the page shows it
 * (100.00 only without any downtime), or null without data.  Written
 * from the integer so no binary fraction leaks into the text.
 */
static json_object *
percent(struct arena *a, const struct uptime_sum *sum)
{
	long	h = uptime_hundredths(sum);

	if (h < 0)
		return NULL;
	return json_object_new_double_s((double)h / 100.0,
	    arena_printf(a, "%ld.%02ld", h / 100, h % 100));
}

static json_object *
component(struct arena *a, const struct component *c, const char *first_day,
    int month0, int nmonths)
{
	json_object		*o = json_object_new_object(), *days, *months, *d;
	struct uptime_sum	 total = { 0, 0, 0 }, month;
	const char		*key;
	size_t			 k;
	int			 i;

	json_object_object_add(o, "id", json_object_new_string(c->id));
	json_object_object_add(o, "name", json_object_new_string(c->name));
	days = json_object_new_array();
	for (k = 0; k < c->ndays; k++) {
		if (strcmp(c->days[k].date, first_day) < 0)
			continue;
		uptime_add(&total, &c->days[k]);
		d = json_object_new_object();
		json_object_object_add(d, "date",
		    json_object_new_string(c->days[k].date));
		json_object_object_add(d, "partial_outage_seconds",
		    json_object_new_int64(c->days[k].partial));
		json_object_object_add(d, "major_outage_seconds",
		    json_object_new_int64(c->days[k].major));
		json_object_array_add(days, d);
	}
	json_object_object_add(o, "uptime", percent(a, &total));
	json_object_object_add(o, "days", days);

	months = json_object_new_array();
	for (i = 0; i < nmonths; i++) {
		key = clock_month_text(a, month0 + i);
		month = (struct uptime_sum){ 0, 0, 0 };
		for (k = 0; k < c->ndays; k++)
			if (strncmp(c->days[k].date, key, 7) == 0)
				uptime_add(&month, &c->days[k]);
		d = json_object_new_object();
		json_object_object_add(d, "name", json_object_new_string(key));
		json_object_object_add(d, "uptime", percent(a, &month));
		json_object_array_add(months, d);
	}
	json_object_object_add(o, "months", months);
	return o;
}

/*
 * GET /api/uptime.json (and HEAD): per component, the outage seconds of
 * each of the last 90 page-local days and the uptime over them, and the
 * uptime of each of the last 12 calendar months, oldest first:
 *
 *   {"page": {page},
 *    "formula": {"name": "statuspage", "expression": "1 - (...) / ..."},
 *    "from": "2026-08-31", "to": "2026-11-28",
 *    "components": [{"id", "name", "uptime": 99.98 or null,
 *                    "days": [{"date", "partial_outage_seconds",
 *                              "major_outage_seconds"}],
 *                    "months": [{"name": "2026-01",
 *                                "uptime": 99.33 or null}]}]}
 *
 * Uptimes are percentages with two decimals rounded down, null where
 * there is no data (before a component started).  200/304; 503.
 */
void
api_uptime(struct request *req, struct response *resp)
{
	const struct snapshot	*s = req->snap;
	const struct model	*m = &s->model;
	struct buf		*b = &resp->body;
	json_object		*f;
	time_t			 now;
	size_t			 i;
	int			 outage = 0;

	/*
	 * One component's objects at a time: with hundreds of components
	 * the whole tree took ten times the answer's size.
	 */
	f = json_object_new_object();
	json_object_object_add(f, "name", json_object_new_string(FORMULA));
	json_object_object_add(f, "expression", json_object_new_string(EXPRESSION));
	resp->content_type = "application/json";
	buf_puts(b, "{\"page\":");
	json_append(b, json_page(req, &m->page));
	buf_puts(b, ",\"formula\":");
	json_append(b, f);
	buf_puts(b, ",\"from\":");
	json_append(b, json_object_new_string(s->bar_first));
	buf_puts(b, ",\"to\":");
	json_append(b, json_object_new_string(m->page.today));
	buf_puts(b, ",\"components\":[");
	for (i = 0; i < m->ncomponents; i++) {
		if (i > 0)
			buf_putc(b, ',');
		json_append(b, component(req->arena, &m->components[i],
		    s->bar_first, s->month_now - (MONTHS - 1), MONTHS));
		outage |= m->components[i].status == STATUS_PARTIAL_OUTAGE ||
		    m->components[i].status == STATUS_MAJOR_OUTAGE;
	}
	buf_puts(b, "]}\n");

	/*
	 * The figures move without any change in the data: at the page's
	 * midnight (on a quarter hour in every zone) and, slowly, as a month
	 * with downtime goes on.  During an outage they move with every
	 * snapshot (one a minute then, snapshot.c): the answer is as of its
	 * snapshot, and the public file keeps the time its bytes last
	 * changed (mirror.c), never later.
	 */
	now = s->built;
	if (!outage)
		now -= now % 900;
	resp->last_modified = m->page.updated > now ? m->page.updated : now;
}
