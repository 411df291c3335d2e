/* ui-incident.c: one incident or maintenance with its timeline, GET /incidents/{id} */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "escape.h"
#include "handlers.h"
#include "model.h"
#include "notices.h"
#include "page.h"
#include "snapshot.h"
#include "ui-shared.h"
#include "uptime.h"

/* Each component the notice touched, with every status it went through. */
static void
render_affected(struct buf *b, struct arena *a, const struct notice *n)
{
	const char		**names;
	struct buf		 *chains;
	const struct change	 *c;
	size_t			  nnames = 0, total = 0, i, k, j;

	for (i = 0; i < n->nupdates; i++)
		total += n->updates[i].nchanges;
	if (total == 0)
		return;
	names = arena_calloc(a, total, sizeof(*names));
	chains = arena_calloc(a, total, sizeof(*chains));
	/* Updates are newest first: walk them oldest first. */
	for (i = n->nupdates; i-- > 0;) {
		for (k = 0; k < n->updates[i].nchanges; k++) {
			c = &n->updates[i].changes[k];
			for (j = 0; j < nnames && strcmp(names[j], c->component) != 0; j++)
				continue;
			if (j == nnames) {
				names[nnames++] = c->component;
				buf_init(&chains[j], a);
				buf_puts(&chains[j], status_label(c->from));
			}
			buf_printf(&chains[j], " \xe2\x86\x92 %s", status_label(c->to));
		}
	}
	buf_puts(b, "<dt>Affected components</dt>\n<dd><ul class=\"affected\">\n");
	for (j = 0; j < nnames; j++) {
		buf_puts(b, "<li><span class=\"name\">");
		esc_html_text(b, names[j]);
		buf_puts(b, "</span>: ");
		esc_html_text(b, chains[j].data);
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
	buf_printf(b, "<p class=\"affected-line\">This %s affected: ",
	    n->maintenance ? "scheduled maintenance" : "incident");
	for (i = 0; i < n->naffected; i++) {
		if (i > 0)
			buf_puts(b, n->naffected == 2 ? " and " :
			    i + 1 == n->naffected ? ", and " : ", ");
		esc_html_text(b, n->affected[i].name);
	}
	buf_puts(b, ".</p>\n");
}

static void
render_facts(struct buf *b, struct arena *a, const struct notice *n)
{
	char	dur[32];

	buf_puts(b, "<dl class=\"facts\">\n");
	if (n->maintenance) {
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
		buf_printf(b, "<dt>%s</dt>\n<dd>", n->maintenance ? "Completed" : "Resolved");
		ui_time(b, &n->resolved);
		buf_puts(b, "</dd>\n");
	}
	if (n->duration >= 0) {
		uptime_duration(dur, sizeof(dur), n->duration);
		buf_printf(b, "<dt>%s</dt>\n<dd>%s</dd>\n",
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

	resp->last_modified = m->page.updated;
	page_open(b, req, arena_printf(req->arena, "%s \xe2\x80\x93 %s", n->name,
	    m->page.name), m->page.name);
	buf_puts(b, "<article class=\"incident impact-");
	esc_html_attr(b, n->impact);
	buf_puts(b, "\">\n<h1>");
	esc_html_text(b, n->name);
	buf_puts(b, "</h1>\n<p class=\"meta\">");
	if (!n->maintenance) {
		buf_puts(b, "<span class=\"badge\">");
		esc_html_text(b, notice_impact_label(n->impact));
		buf_puts(b, " impact</span> ");
	}
	buf_puts(b, "<span class=\"badge\">");
	esc_html_text(b, notice_status_label(n->status));
	buf_puts(b, "</span></p>\n");
	render_facts(b, req->arena, n);
	buf_puts(b, "<section aria-labelledby=\"updates-h\">\n"
	    "<h2 id=\"updates-h\">Updates</h2>\n");
	ui_notice_updates(b, n, 2);
	render_affected_line(b, n);
	buf_puts(b, "</section>\n</article>\n");
	page_close(b);
}
