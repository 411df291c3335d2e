/* ui-incident.c: one incident or maintenance with its timeline, GET /incidents/{id} */
#include <stdio.h>
#include <string.h>

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
#include "uptime.h"

/* The statuses component name went through, oldest first: "A → B → C". */
static void
render_chain(struct buf *b, const struct notice *n, const char *name)
{
	const struct change	*c;
	size_t			 i, k;
	int			 first = 1;

	/* Updates are newest first: walk them oldest first. */
	for (i = n->nupdates; i-- > 0;) {
		for (k = 0; k < n->updates[i].nchanges; k++) {
			c = &n->updates[i].changes[k];
			if (strcmp(c->component, name) != 0)
				continue;
			if (first)
				buf_fmt(b, "%h", status_label(c->from));
			buf_fmt(b, " \xe2\x86\x92 %h", status_label(c->to));
			first = 0;
		}
	}
}

/* Each component the notice touched, with every status it went through. */
static void
render_affected(struct buf *b, struct arena *a, const struct notice *n)
{
	const char		**names;
	const struct change	 *c;
	size_t			  nnames = 0, total = 0, i, k, j;

	for (i = 0; i < n->nupdates; i++)
		total += n->updates[i].nchanges;
	if (total == 0)
		return;
	names = arena_calloc(a, total, sizeof(*names));
	/* In the order they were first touched, oldest update first. */
	for (i = n->nupdates; i-- > 0;) {
		for (k = 0; k < n->updates[i].nchanges; k++) {
			c = &n->updates[i].changes[k];
			for (j = 0; j < nnames && strcmp(names[j], c->component) != 0; j++)
				continue;
			if (j == nnames)
				names[nnames++] = c->component;
		}
	}
	buf_puts(b, "<dt>Affected components</dt>\n<dd><ul class=\"affected\">\n");
	for (j = 0; j < nnames; j++) {
		buf_fmt(b, "<li><span class=\"name\">%h</span>: ", names[j]);
		render_chain(b, n, names[j]);
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul></dd>\n");
}

/*
 * Statuspage's line under the timeline: "This incident affected: Web
 * Page and API." (a list of three or more: "A, B, and C.").
 */
static void
render_affected_line(struct buf *b, const struct notice *n)
{
	size_t	i;

	if (n->naffected == 0)
		return;
	buf_fmt(b, "<p class=\"affected-line\">This %h affected: ",
	    notice_kinds[n->kind].noun);
	for (i = 0; i < n->naffected; i++)
		buf_fmt(b, "%s%h", i == 0 ? "" : n->naffected == 2 ? " and " :
		    i + 1 == n->naffected ? ", and " : ", ",
		    n->affected[i].name);
	buf_puts(b, ".</p>\n");
}

static void
render_facts(struct buf *b, struct arena *a, const struct notice *n)
{
	char	dur[32];

	buf_puts(b, "<dl class=\"facts\">\n");
	if (n->kind == KIND_MAINTENANCE) {
		buf_puts(b, "<dt>Scheduled</dt>\n<dd>");
		ui_time(b, &n->scheduled_for);
		buf_puts(b, " \xe2\x80\x93 ");
		ui_time(b, &n->scheduled_until);
		buf_puts(b, "</dd>\n");
	}
	if (n->started.iso != NULL) {
		buf_puts(b, "<dt>Started</dt>\n<dd>");
		ui_time(b, &n->started);
		buf_puts(b, "</dd>\n");
	}
	if (n->resolved.iso != NULL) {
		buf_fmt(b, "<dt>%s</dt>\n<dd>", n->kind == KIND_MAINTENANCE ?
		    "Completed" : "Resolved");
		ui_time(b, &n->resolved);
		buf_puts(b, "</dd>\n");
	}
	if (n->duration >= 0) {
		uptime_duration(dur, sizeof(dur), n->duration);
		buf_fmt(b, "<dt>%s</dt>\n<dd>%h</dd>\n",
		    n->resolved.iso != NULL ? "Duration" : "Ongoing for", dur);
	}
	render_affected(b, a, n);
	buf_puts(b, "</dl>\n");
}

/*
 * GET /incidents/{id} (and HEAD): title, impact, affected components with
 * what they went from and to, start and duration, every update and the
 * postmortem, and under them the components it affected.  From the
 * snapshot when it holds the incident, else read once per snapshot.
 * 200/304; 404 for an unknown id; 503 when an incident outside the
 * snapshot cannot be read.
 */
void
ui_incident(struct request *req, struct response *resp)
{
	const struct model	*m = &req->snap->model;
	const struct notice	*n = NULL;
	struct buf		*b = &resp->body;

	switch (snapshot_find_notice(req->snap, req->db, req->arena,
	    req->params[0], &n)) {
	case MODEL_OK:
		break;
	case MODEL_NOT_FOUND:
		http_error(req, resp, 404, "There is no incident with this "
		    "number on this status page.");
		return;
	case MODEL_DB_ERROR:
		http_db_unavailable(req, resp);
		return;
	}

	/* "Ongoing for" moves with every snapshot, the data or not. */
	resp->last_modified = m->page.updated;
	if (n->resolved.iso == NULL && n->duration >= 0 &&
	    req->snap->built > resp->last_modified)
		resp->last_modified = req->snap->built;
	page_open(b, req, arena_printf(req->arena, "%s \xe2\x80\x93 %s", n->name,
	    m->page.name), m->page.name);
	buf_fmt(b, "<article class=\"incident impact-%a\">\n<h1>%h</h1>\n"
	    "<p class=\"meta\">", impacts[n->impact].name, n->name);
	if (n->kind == KIND_INCIDENT)
		buf_fmt(b, "<span class=\"badge\">%h impact</span> ",
		    impacts[n->impact].label);
	buf_fmt(b, "<span class=\"badge\">%h</span></p>\n",
	    notice_statuses[n->status].label);
	render_facts(b, req->arena, n);
	buf_puts(b, "<section aria-labelledby=\"updates-h\">\n"
	    "<h2 id=\"updates-h\">Updates</h2>\n");
	ui_notice_updates(b, n, 2);
	render_affected_line(b, n);
	buf_puts(b, "</section>\n</article>\n");
	if (n->resolved.iso == NULL)
		ui_subscribe_form(b, req, m, n);
	page_close(b);
}
