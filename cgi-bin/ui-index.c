/* ui-index.c: the status page itself, GET / */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "fmt.h"
#include "handlers.h"
#include "model.h"
#include "notices.h"
#include "page.h"
#include "snapshot.h"
#include "ui-shared.h"

static void
render_notice(struct buf *b, const struct request *req, const struct notice *n)
{
	const struct notice_update	*u = n->nupdates > 0 ? &n->updates[0] : NULL;

	buf_fmt(b, "<article class=\"notice impact-%a\">\n<h3>",
	    impacts[n->impact].name);
	ui_notice_link(b, req, n);
	buf_puts(b, "</h3>\n<p class=\"meta\">");
	if (n->kind == KIND_MAINTENANCE) {
		buf_fmt(b, "<span class=\"badge\">%h</span> ",
		    notice_statuses[n->status].label);
		ui_time(b, &n->scheduled_for);
		buf_puts(b, " \xe2\x80\x93 ");
		ui_time(b, &n->scheduled_until);
	} else {
		buf_fmt(b, "<span class=\"badge\">%h impact</span> Started ",
		    impacts[n->impact].label);
		ui_time(b, &n->started);
	}
	buf_puts(b, "</p>\n");
	if (u != NULL) {
		struct notice latest = *n;

		/* Only the latest update: the rest is a click away. */
		latest.postmortem = NULL;
		latest.nupdates = 1;
		ui_notice_updates(b, &latest, 3);
	}
	buf_puts(b, "</article>\n");
}

static void
render_notices(struct buf *b, const struct request *req,
    const struct notices *ns, enum notice_kind kind, const char *title,
    const char *id)
{
	size_t	i, n = 0;

	for (i = 0; i < ns->n; i++)
		n += ns->items[i].kind == kind;
	if (n == 0)
		return;
	buf_fmt(b, "<section class=\"notices\" aria-labelledby=\"%a\">\n"
	    "<h2 id=\"%a\">%h</h2>\n", id, id, title);
	for (i = 0; i < ns->n; i++)
		if (ns->items[i].kind == kind)
			render_notice(b, req, &ns->items[i]);
	buf_puts(b, "</section>\n");
}

static void
render_component(struct buf *b, const struct component *c, const char *first)
{
	const struct uptime_day	*days;
	size_t			 ndays;

	buf_fmt(b, "<li class=\"component\">\n<div class=\"component-head\">\n"
	    "<span class=\"name\">%h</span>\n", c->name);
	ui_component_status(b, c->status);
	buf_puts(b, "\n</div>\n");
	if (*c->description != '\0')
		buf_fmt(b, "<p class=\"description\">%h</p>\n", c->description);
	days = model_days_from(c, first, &ndays);
	ui_uptime_bar(b, c->name, days, ndays);
	buf_puts(b, "</li>\n");
}

/* The worst status in the group that starts at component i. */
static enum component_status
group_status(const struct model *m, size_t i)
{
	enum component_status	worst = STATUS_OPERATIONAL;
	const char		*group = m->components[i].group;

	for (; i < m->ncomponents && m->components[i].group != NULL &&
	    strcmp(m->components[i].group, group) == 0; i++)
		if (status_severity(m->components[i].status) >
		    status_severity(worst))
			worst = m->components[i].status;
	return worst;
}

static void
render_components(struct buf *b, const struct model *m, const char *first)
{
	const char	*group = NULL;
	size_t		 i;

	buf_puts(b, "<section class=\"components\" aria-labelledby=\"components-h\">\n"
	    "<h2 id=\"components-h\">Components</h2>\n<ul class=\"component-list\">\n");
	for (i = 0; i < m->ncomponents; i++) {
		const struct component *c = &m->components[i];

		/* Rows come grouped; open a nested list where a group starts. */
		if (group != NULL && (c->group == NULL || strcmp(group, c->group) != 0)) {
			buf_puts(b, "</ul>\n</details>\n</li>\n");
			group = NULL;
		}
		if (c->group != NULL && group == NULL) {
			enum component_status worst = group_status(m, i);

			group = c->group;
			/* Folded while all is well, open as soon as it is not. */
			buf_fmt(b, "<li class=\"group\">\n<details%s>\n<summary>"
			    "<span class=\"name\">%h</span> ",
			    worst == STATUS_OPERATIONAL ? "" : " open", group);
			ui_component_status(b, worst);
			buf_puts(b, "</summary>\n<ul class=\"component-list\">\n");
		}
		render_component(b, c, first);
	}
	if (group != NULL)
		buf_puts(b, "</ul>\n</details>\n</li>\n");
	buf_puts(b, "</ul>\n</section>\n");
}

/*
 * GET / (and HEAD): the overall status, open incidents, maintenance, and
 * every component with its status and 90-day uptime, from the snapshot.
 * 200 (304 when the client's copy is current).
 */
void
ui_index(struct request *req, struct response *resp)
{
	const struct snapshot	*s = req->snap;
	const struct model	*m = &s->model;
	struct buf		*b = &resp->body;

	/*
	 * The bars move on at midnight, and grow during an outage without
	 * any change in the data, with a snapshot a minute (snapshot.c): then
	 * the page is as of its snapshot.  The public file keeps the time
	 * its bytes last changed (mirror.c), never later than this.
	 */
	if (s->overall.indicator == INDICATOR_NONE) {
		time_t midnight = s->built;

		midnight -= midnight % 86400;
		resp->last_modified = m->page.updated > midnight ?
		    m->page.updated : midnight;
	} else
		resp->last_modified = m->page.updated > s->built ?
		    m->page.updated : s->built;
	page_open(b, req, m->page.name, m->page.name);
	buf_fmt(b, "<section class=\"banner indicator-%a\" "
	    "aria-label=\"Overall status\">\n<h1>%h</h1>\n</section>\n",
	    indicator_name(s->overall.indicator), s->overall.description);
	render_notices(b, req, &s->open, KIND_INCIDENT, "Active incidents", "incidents-h");
	render_notices(b, req, &s->open, KIND_MAINTENANCE, "Scheduled maintenance", "maintenance-h");
	render_components(b, m, s->bar_first);
	buf_fmt(b, "<p class=\"more\"><a href=\"%a/history\">Notice history</a>"
	    "</p>\n", req->cfg->base_path);
	ui_subscribe_form(b, req, m, NULL);
	page_close(b);
}
