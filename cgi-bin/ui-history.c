/* ui-history.c: the notice history, three months a page, GET /history */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "clock.h"
#include "config.h"
#include "fmt.h"
#include "handlers.h"
#include "model.h"
#include "notices.h"
#include "page.h"
#include "input.h"
#include "query.h"
#include "snapshot.h"
#include "ui-shared.h"

#define MONTHS	SNAPSHOT_HISTORY_MONTHS

static void
history_link(struct buf *b, const struct request *req, int from, const char *rel,
    const char *before, const char *after)
{
	buf_fmt(b, "<a rel=\"%a\" href=\"%a/history?from=%u\">%h", rel,
	    req->cfg->base_path, clock_month_text(req->arena, from), before);
	ui_date(b, clock_month_text(req->arena, from));
	buf_puts(b, " to ");
	ui_date(b, clock_month_text(req->arena, from + MONTHS - 1));
	buf_fmt(b, "%h</a>\n", after);
}

static void
render_uptime(struct buf *b, const struct request *req, const struct model *m,
    int from)
{
	struct uptime_sum	 total, month;
	const struct component	*c;
	const char		*key, *lo, *hi;
	char			 pct[32];
	size_t			 i, k;
	int			 mo;

	lo = clock_month_text(req->arena, from);
	hi = clock_month_text(req->arena, from + MONTHS);
	buf_puts(b, "<section class=\"uptime-summary\" aria-labelledby=\"uptime-h\">\n"
	    "<h2 id=\"uptime-h\">Uptime</h2>\n<ul class=\"component-list\">\n");
	for (i = 0; i < m->ncomponents; i++) {
		c = &m->components[i];
		/* The model may hold more days than these months'. */
		total = (struct uptime_sum){ 0, 0, 0 };
		for (k = 0; k < c->ndays; k++)
			if (strcmp(c->days[k].date, lo) >= 0 &&
			    strcmp(c->days[k].date, hi) < 0)
				uptime_add(&total, &c->days[k]);
		uptime_format(pct, sizeof(pct), &total);
		buf_fmt(b, "<li class=\"component\">\n<div class=\"component-head\">\n"
		    "<span class=\"name\">%h</span>\n", c->name);
		ui_component_status(b, c->status);
		buf_fmt(b, "\n</div>\n<p class=\"uptime-months\"><span class=\"total\">"
		    "%h uptime</span>\n", pct);
		for (mo = from; mo < from + MONTHS; mo++) {
			key = clock_month_text(req->arena, mo);
			month = (struct uptime_sum){ 0, 0, 0 };
			for (k = 0; k < c->ndays; k++)
				if (strncmp(c->days[k].date, key, 7) == 0)
					uptime_add(&month, &c->days[k]);
			uptime_format(pct, sizeof(pct), &month);
			buf_puts(b, "<span class=\"month\">");
			/* As the seed writes it: "Jan 2026 · 100.0%  Feb · 99.98%". */
			if (mo == from)
				ui_date(b, key);
			else
				ui_month_name(b, key);
			buf_fmt(b, " \xc2\xb7 %h</span>\n", pct);
		}
		buf_puts(b, "</p>\n</li>\n");
	}
	buf_puts(b, "</ul>\n</section>\n");
}

/* A link to the notices of these months older than the last one shown. */
static void
older_link(struct buf *b, const struct request *req, int from,
    const struct notices *ns)
{
	buf_fmt(b, "<p class=\"more\"><a rel=\"next\" href=\"%a/history?from=%u"
	    "&amp;before=%u\">%zu older notices of these months \xe2\x86\x92</a>"
	    "</p>\n", req->cfg->base_path, clock_month_text(req->arena, from),
	    ns->items[ns->n - 1].id, ns->total - ns->n);
}

static void
render_month(struct buf *b, const struct request *req, const struct notices *ns,
    const char *key)
{
	size_t	i, n = 0;

	buf_fmt(b, "<section class=\"month\" aria-labelledby=\"m-%a\">\n"
	    "<h2 id=\"m-%a\">", key, key);
	ui_date(b, key);
	buf_puts(b, "</h2>\n");
	for (i = 0; i < ns->n; i++) {
		const struct notice *no = &ns->items[i];

		if (strcmp(no->month, key) != 0)
			continue;
		n++;
		buf_fmt(b, "<article class=\"notice impact-%a\">\n<h3>",
		    impacts[no->impact].name);
		ui_notice_link(b, req, no);
		buf_puts(b, "</h3>\n");
		ui_notice_updates(b, no, 3);
		buf_puts(b, "</article>\n");
	}
	if (n == 0)
		buf_puts(b, "<p class=\"empty\">No notices reported this month</p>\n");
	buf_puts(b, "</section>\n");
}

/*
 * The months' notices and uptime: the current page's from the snapshot;
 * older ones from the database, once per snapshot (the answer is kept).
 */
static enum model_result
load_months(struct request *req, int from, const char *before, struct model *m,
    struct notices *ns)
{
	const struct snapshot	*s = req->snap;
	const char		*first, *end;
	enum model_result	 r;
	size_t			 i;

	*m = s->model;
	if (from == s->month_now - (MONTHS - 1) && before == NULL) {
		*ns = s->history;
		return MODEL_OK;
	}
	first = clock_month_day1(req->arena, from);
	end = clock_month_day1(req->arena, from + MONTHS);
	if ((r = notices_load_between(req->db, req->arena, &m->page, first, end,
	    before, SNAPSHOT_HISTORY_MAX, ns)) != MODEL_OK)
		return r;
	if (strcmp(first, s->uptime_first) >= 0)
		return MODEL_OK;
	/* Days of our own: the snapshot's components are not ours to change. */
	m->components = arena_calloc(req->arena, m->ncomponents + 1,
	    sizeof(*m->components));
	for (i = 0; i < m->ncomponents; i++)
		m->components[i] = s->model.components[i];
	return model_load_uptime(req->db, req->arena, m, first,
	    clock_day_add(req->arena, end, -1));
}

/* A cursor that is not a notice of the page: malformed, or made up. */
static void
bad_before(const struct request *req, struct response *resp)
{
	http_error(req, resp, 400, "The before parameter must be the number "
	    "of a notice, as the link to older notices gives it.");
}

/*
 * GET /history[?from=YYYY-MM[&before=ID]] (and HEAD): three calendar
 * months, newest first, from `from` or ending with the current month:
 * each component's uptime over them and month by month, then every
 * incident and maintenance with all its updates.  A page holds 250
 * notices at most; a busier quarter goes on at ?before=<the last shown>,
 * and a month is shown only where its notices are.  200/304; 400 for a
 * bad `from`, or a `before` that is no notice of the page; 503 when older
 * months cannot be read.
 */
void
ui_history(struct request *req, struct response *resp)
{
	const struct snapshot	*s = req->snap;
	struct model		 m;
	struct notices		 ns;
	struct buf		*b = &resp->body;
	const char		*from_s, *before;
	int			 now = s->month_now, from, mo;

	from = now - (MONTHS - 1);
	from_s = query_get(req->arena, req->query, "from");
	if (from_s != NULL && (clock_month_parse(from_s, &from) == -1 || from > now)) {
		http_error(req, resp, 400, arena_printf(req->arena,
		    "The from parameter must be a month written YYYY-MM, "
		    "from 1970-01 to %s, such as /history?from=%s.",
		    clock_month_text(req->arena, now), clock_month_text(req->arena, now - 2)));
		return;
	}
	before = query_get(req->arena, req->query, "before");
	if (before != NULL && !input_is_id(before)) {
		bad_before(req, resp);
		return;
	}
	switch (load_months(req, from, before, &m, &ns)) {
	case MODEL_OK:
		break;
	case MODEL_NOT_FOUND:
		bad_before(req, resp);
		return;
	case MODEL_DB_ERROR:
		http_db_unavailable(req, resp);
		return;
	}

	resp->last_modified = m.page.updated;
	page_open(b, req, arena_printf(req->arena, "%s \xe2\x80\x93 Notice history",
	    m.page.name), m.page.name);
	buf_puts(b, "<h1>Notice history</h1>\n<p class=\"range\">");
	ui_date(b, clock_month_text(req->arena, from));
	buf_puts(b, " to ");
	ui_date(b, clock_month_text(req->arena, from + MONTHS - 1));
	buf_puts(b, "</p>\n<nav class=\"pager\" aria-label=\"Earlier and later months\">\n");
	history_link(b, req, from - MONTHS, "prev", "\xe2\x86\x90 ", "");
	if (from + MONTHS <= now)
		history_link(b, req, from + MONTHS, "next", "", " \xe2\x86\x92");
	buf_puts(b, "</nav>\n");
	render_uptime(b, req, &m, from);
	for (mo = from + MONTHS - 1; mo >= from; mo--)
		if (notices_speak_for(&ns, before != NULL,
		    clock_month_text(req->arena, mo)))
			render_month(b, req, &ns, clock_month_text(req->arena, mo));
	if (ns.total > ns.n && ns.n > 0)
		older_link(b, req, from, &ns);
	page_close(b);
}
