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

/* Where the group starting at component i ends: its last member + 1. */
static size_t
group_end(const struct model *m, size_t i)
{
	const char	*group = m->components[i].group_id;

	while (i < m->ncomponents && m->components[i].group_id != NULL &&
	    strcmp(m->components[i].group_id, group) == 0)
		i++;
	return i;
}

/*
 * A group on / is one row: its worst status, by name those of its members
 * that are not operational, and one bar of each day's worst.  Each
 * member's own bar is on the group's page (ui-group.c).  So / grows with
 * what is wrong, not with the number of components or their history: it
 * is the page everyone opens in the worst hour.
 */
static void
render_group(struct buf *b, const struct request *req, const struct model *m,
    size_t from, size_t to, const char *first)
{
	const struct component	*c = &m->components[from];
	enum component_status	 worst = STATUS_OPERATIONAL;
	size_t			 i, shown = 0, trouble = 0;

	for (i = from; i < to; i++) {
		if (status_severity(m->components[i].status) >
		    status_severity(worst))
			worst = m->components[i].status;
		trouble += m->components[i].status != STATUS_OPERATIONAL;
		shown += ui_component_shown(&m->components[i]);
	}
	if (shown == 0)
		return;
	buf_fmt(b, "<li class=\"group\">\n<div class=\"component-head\">\n"
	    "<span class=\"name\">%h</span>\n", c->group);
	ui_component_status(b, worst);
	buf_puts(b, "\n</div>\n");
	if (trouble > 0) {
		buf_puts(b, "<ul class=\"trouble\">\n");
		for (i = from; i < to; i++) {
			if (m->components[i].status == STATUS_OPERATIONAL)
				continue;
			buf_fmt(b, "<li><span class=\"name\">%h</span> ",
			    m->components[i].name);
			ui_component_status(b, m->components[i].status);
			buf_puts(b, "</li>\n");
		}
		buf_puts(b, "</ul>\n");
	}
	ui_group_bar(b, req->arena, m, from, to, c->group, first);
	buf_fmt(b, "<p class=\"more\"><a href=\"%a/groups/%u\">%zu component%s, "
	    "each with its uptime</a></p>\n</li>\n", req->cfg->base_path,
	    c->group_id, shown, shown == 1 ? "" : "s");
}

static void
render_components(struct buf *b, const struct request *req,
    const struct model *m, const char *first)
{
	size_t	i, end;

	buf_puts(b, "<section class=\"components\" aria-labelledby=\"components-h\">\n"
	    "<h2 id=\"components-h\">Components</h2>\n<ul class=\"component-list\">\n");
	/* Rows come grouped, a group at its own position. */
	for (i = 0; i < m->ncomponents; i = end) {
		end = i + 1;
		if (m->components[i].group_id != NULL) {
			end = group_end(m, i);
			render_group(b, req, m, i, end, first);
		} else if (ui_component_shown(&m->components[i]))
			ui_component_row(b, &m->components[i], first);
	}
	buf_puts(b, "</ul>\n</section>\n");
}

/*
 * GET / (and HEAD): the overall status, open incidents, maintenance, and
 * every component with its status and 90-day uptime (a group's as one),
 * from the snapshot.
 * 200 (304 when the client's copy is current).
 */
void
ui_index(struct request *req, struct response *resp)
{
	const struct snapshot	*s = req->snap;
	const struct model	*m = &s->model;
	struct buf		*b = &resp->body;

	resp->last_modified = ui_bars_modified(s);
	page_open(b, req, m->page.name, m->page.name);
	buf_fmt(b, "<section class=\"banner indicator-%a\" "
	    "aria-label=\"Overall status\">\n<h1>%h</h1>\n</section>\n",
	    indicator_name(s->overall.indicator), s->overall.description);
	render_notices(b, req, &s->open, KIND_INCIDENT, "Active incidents", "incidents-h");
	render_notices(b, req, &s->open, KIND_MAINTENANCE, "Scheduled maintenance", "maintenance-h");
	render_components(b, req, m, s->bar_first);
	buf_fmt(b, "<p class=\"more\"><a href=\"%a/history\">Notice history</a>"
	    "</p>\n", req->cfg->base_path);
	ui_subscribe_form(b, req, m, NULL);
	page_close(b);
}
