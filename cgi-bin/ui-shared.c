/* ui-shared.c: pieces of HTML more than one page draws */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "clock.h"
#include "config.h"
#include "fmt.h"
#include "http.h"
#include "markdown.h"
#include "snapshot.h"
#include "ui-shared.h"
#include "uptime.h"

/* "Jan 19, 2026" or "Jan 2026" into out; ymd as it is if it is neither. */
static void
date_words(char *out, size_t size, const char *ymd)
{
	int	y, m, d = 0;

	if (sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) < 2 || m < 1 || m > 12)
		snprintf(out, size, "%s", ymd);
	else if (d > 0)
		snprintf(out, size, "%s %d, %d", clock_month_abbr(m), d, y);
	else
		snprintf(out, size, "%s %d", clock_month_abbr(m), y);
}

void
ui_date(struct buf *b, const char *ymd)
{
	char	words[64];

	date_words(words, sizeof(words), ymd);
	buf_fmt(b, "%h", words);
}

void
ui_month_name(struct buf *b, const char *ym)
{
	int	y, m;

	if (sscanf(ym, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12)
		buf_fmt(b, "%h", clock_month_abbr(m));
}

void
ui_time(struct buf *b, const struct moment *t)
{
	if (t->iso == NULL)
		return;
	buf_fmt(b, "<time datetime=\"%a\">%h</time>", t->iso, t->display);
}

/* Icons are decoration: the status is always said in words too. */
static const char *
status_icon(enum component_status s)
{
	switch (s) {
	case STATUS_OPERATIONAL:		return "\xe2\x9c\x93";	/* ✓ */
	case STATUS_DEGRADED_PERFORMANCE:	return "\xe2\x97\x94";	/* ◔ */
	case STATUS_PARTIAL_OUTAGE:		return "\xe2\x97\x91";	/* ◑ */
	case STATUS_MAJOR_OUTAGE:		return "\xe2\x9c\x95";	/* ✕ */
	case STATUS_UNDER_MAINTENANCE:		return "\xe2\x9a\x92";	/* ⚒ */
	}
	return "";
}

void
ui_component_status(struct buf *b, enum component_status s)
{
	buf_fmt(b, "<span class=\"status status-%a\"><span class=\"icon\" "
	    "aria-hidden=\"true\">%h</span> %h</span>", status_name(s),
	    status_icon(s), status_label(s));
}

void
ui_notice_link(struct buf *b, const struct request *req, const struct notice *n)
{
	buf_fmt(b, "<a href=\"%a/incidents/%u\">%h</a>", req->cfg->base_path,
	    n->id, n->name);
}

static void
update_entry(struct buf *b, enum notice_status status, const char *label,
    const char *body, const struct moment *at, const struct change *changes,
    size_t nchanges, int heading_base)
{
	size_t	i;

	buf_fmt(b, "<li class=\"update update-%a\">\n<strong class=\"label\">%h"
	    "</strong>\n<div class=\"body\">\n", notice_statuses[status].name,
	    label);
	markdown_html(b, body, heading_base);
	buf_puts(b, "</div>\n");
	if (nchanges > 0) {
		buf_puts(b, "<ul class=\"changes\">\n");
		for (i = 0; i < nchanges; i++) {
			buf_fmt(b, "<li>%h: %h \xe2\x86\x92 %h</li>\n",
			    changes[i].component, status_label(changes[i].from),
			    status_label(changes[i].to));
		}
		buf_puts(b, "</ul>\n");
	}
	buf_puts(b, "<p class=\"when\">");
	ui_time(b, at);
	buf_puts(b, "</p>\n</li>\n");
}

void
ui_notice_updates(struct buf *b, const struct notice *n, int heading_base)
{
	const struct notice_update	*u;
	size_t				 i;

	buf_puts(b, "<ol class=\"updates\">\n");
	if (n->postmortem != NULL)
		update_entry(b, NOTICE_POSTMORTEM,
		    notice_statuses[NOTICE_POSTMORTEM].label, n->postmortem,
		    &n->postmortem_at, NULL, 0, heading_base);
	for (i = 0; i < n->nupdates; i++) {
		u = &n->updates[i];
		update_entry(b, u->status, u->label, u->body, &u->at, u->changes,
		    u->nchanges, heading_base);
	}
	buf_puts(b, "</ol>\n");
}

/*
 * A day whose cell tells only its date and its colour: no downtime, or no
 * data, and nothing else that day.  Most of the 90 days of every
 * component are such days; those alike in a row are one cell.
 */
static int
day_plain(const struct uptime_day *d)
{
	enum uptime_level	l = uptime_level(d);

	return l == UPTIME_NODATA || (l == UPTIME_OK && d->degraded == 0 &&
	    d->maintenance == 0 && d->nincidents == 0);
}

/* "Sep 12 – Oct 30, 2026", or "Dec 20, 2025 – Jan 10, 2026". */
static void
span_words(struct buf *b, const char *from, const char *to)
{
	char	first[64], last[64];
	int	y, m, d;

	date_words(first, sizeof(first), from);
	date_words(last, sizeof(last), to);
	if (strncmp(from, to, 4) == 0 &&
	    sscanf(from, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12)
		snprintf(first, sizeof(first), "%s %d", clock_month_abbr(m), d);
	buf_fmt(b, "%a \xe2\x80\x93 %a", first, last);
}

/*
 * One cell's tooltip: the day (or the days of a run of plain ones), its
 * outage minutes, its incidents.  A day without outage says so in two
 * words instead of two lines of zeros.
 */
static void
day_title(struct buf *b, const struct uptime_day *d, const struct uptime_day *last)
{
	char	day[64], dur[32];
	size_t	i;

	if (last != d)
		span_words(b, d->date, last->date);
	else {
		date_words(day, sizeof(day), d->date);
		buf_fmt(b, "%a", day);
	}
	if (uptime_level(d) == UPTIME_NODATA) {
		buf_puts(b, "\nNo data");
		return;
	}
	if (d->major == 0 && d->partial == 0)
		buf_puts(b, "\nNo downtime");
	else {
		uptime_duration(dur, sizeof(dur), d->major);
		buf_fmt(b, "\nMajor outage: %a", dur);
		uptime_duration(dur, sizeof(dur), d->partial);
		buf_fmt(b, "\nPartial outage: %a", dur);
	}
	if (d->degraded > 0) {
		uptime_duration(dur, sizeof(dur), d->degraded);
		buf_fmt(b, "\nDegraded performance: %a", dur);
	}
	if (d->maintenance > 0) {
		uptime_duration(dur, sizeof(dur), d->maintenance);
		buf_fmt(b, "\nMaintenance: %a", dur);
	}
	for (i = 0; i < d->nincidents; i++)
		buf_fmt(b, "\n%a", d->incidents[i]);
}

/* A bar's frame: its label for assistive technology, then the cells. */
static void
bar_open(struct buf *b, const char *name, const char *pct, size_t ndays)
{
	buf_fmt(b, "<div class=\"uptime\">\n<div class=\"uptime-bar\" "
	    "role=\"img\" aria-label=\"%a: %a uptime over the last %zu days\">\n",
	    name, pct, ndays);
}

static void
bar_close(struct buf *b, const char *pct, size_t ndays)
{
	buf_fmt(b, "\n</div>\n<p class=\"uptime-legend\"><span>%zu days ago</span>"
	    "<span class=\"uptime-pct\">%h uptime</span><span>Today</span></p>\n"
	    "</div>\n", ndays, pct);
}

/* One cell of level spanning n days; its tooltip, if any, is the caller's. */
static void
cell_open(struct buf *b, enum uptime_level level, size_t n)
{
	buf_fmt(b, "<i class=\"%a", uptime_level_name(level));
	if (n > 1)
		buf_fmt(b, " s%zu", n);
	buf_puts(b, "\"");
}

/*
 * The bar is laid out by CSS (a grid of a column a day), so a cell is one
 * empty element with its level, the days it spans past one (sN) and its
 * tooltip, and nothing else: no coordinates, sizes or whitespace.  A day
 * with anything to tell has a cell of its own; plain days alike in a row
 * share one, which CSS still draws as a tick a day.  <i> because it is
 * the shortest; inside role="img" the cells are presentation, the label
 * says the sum.
 */
void
ui_uptime_bar(struct buf *b, const char *name, const struct uptime_day *days,
    size_t ndays)
{
	struct uptime_sum	 sum = { 0, 0, 0 };
	enum uptime_level	 level;
	char			 pct[32];
	size_t			 i, j;

	for (i = 0; i < ndays; i++)
		uptime_add(&sum, &days[i]);
	uptime_format(pct, sizeof(pct), &sum);

	bar_open(b, name, pct, ndays);
	for (i = 0; i < ndays; i = j) {
		level = uptime_level(&days[i]);
		j = i + 1;
		if (day_plain(&days[i]))
			while (j < ndays && day_plain(&days[j]) &&
			    uptime_level(&days[j]) == level)
				j++;
		cell_open(b, level, j - i);
		buf_puts(b, " title=\"");
		day_title(b, &days[i], &days[j - 1]);
		buf_puts(b, "\"></i>");
	}
	bar_close(b, pct, ndays);
}

/*
 * A group's bar: each day's worst among the members from..to-1 of m, and
 * the uptime of them all (those shown with their uptime; none, no bar).  Its cells are colour alone, days alike in a
 * row one cell: what each day was, and to whom, is on the group's page,
 * where each member has its own bar.
 */
void
ui_group_bar(struct buf *b, struct arena *a, const struct model *m,
    size_t from, size_t to, const char *name, const char *first)
{
	const struct uptime_day	*days;
	struct uptime_sum	 sum = { 0, 0, 0 };
	enum uptime_level	 level, *levels = NULL;
	char			 pct[32];
	size_t			 i, j, k, n, ndays = 0;

	for (i = from; i < to; i++) {
		if (!m->components[i].showcase ||
		    !ui_component_shown(&m->components[i]))
			continue;
		days = model_days_from(&m->components[i], first, &n);
		if (levels == NULL) {
			ndays = n;
			levels = arena_calloc(a, ndays + 1, sizeof(*levels));
		}
		for (k = 0; k < n && k < ndays; k++) {
			uptime_add(&sum, &days[k]);
			if ((level = uptime_level(&days[k])) > levels[k])
				levels[k] = level;
		}
	}
	if (levels == NULL)
		return;
	uptime_format(pct, sizeof(pct), &sum);
	bar_open(b, name, pct, ndays);
	for (i = 0; i < ndays; i = j) {
		for (j = i + 1; j < ndays && levels[j] == levels[i]; j++)
			;
		cell_open(b, levels[i], j - i);
		buf_puts(b, "></i>");
	}
	bar_close(b, pct, ndays);
}

void
ui_component_row(struct buf *b, const struct component *c, const char *first)
{
	const struct uptime_day	*days;
	size_t			 ndays;

	buf_fmt(b, "<li class=\"component\">\n<div class=\"component-head\">\n"
	    "<span class=\"name\">%h</span>\n", c->name);
	ui_component_status(b, c->status);
	buf_puts(b, "\n</div>\n");
	if (*c->description != '\0')
		buf_fmt(b, "<p class=\"description\">%h</p>\n", c->description);
	if (c->showcase) {
		days = model_days_from(c, first, &ndays);
		ui_uptime_bar(b, c->name, days, ndays);
	}
	buf_puts(b, "</li>\n");
}

int
ui_component_shown(const struct component *c)
{
	return !c->only_show_if_degraded || c->status != STATUS_OPERATIONAL;
}

time_t
ui_bars_modified(const struct snapshot *s)
{
	const struct model	*m = &s->model;
	time_t			 midnight = s->built;

	/*
	 * The bars move on at midnight, and grow during an outage without
	 * any change in the data, with a snapshot a minute (snapshot.c): then
	 * the page is as of its snapshot.  The public file keeps the time
	 * its bytes last changed (mirror.c), never later than this.
	 */
	if (s->overall.indicator != INDICATOR_NONE)
		return m->page.updated > s->built ? m->page.updated : s->built;
	midnight -= midnight % 86400;
	return m->page.updated > midnight ? m->page.updated : midnight;
}
