/* ui-manage-now.c: the console's first screen, GET /manage/ ("Now") */
#include <string.h>

#include "buf.h"
#include "config.h"
#include "fmt.h"
#include "handlers.h"
#include "http.h"
#include "manage.h"
#include "model.h"
#include "notices.h"
#include "snapshot.h"
#include "status.h"
#include "ui-shared.h"

static int
is_maintenance(const struct notice *n)
{
	return n->kind == KIND_MAINTENANCE;
}

/* Scheduled, not begun: "to come" rather than "under way". */
static int
is_to_come(const struct notice *n)
{
	return notice_statuses[n->status].phase == PHASE_TO_COME;
}

/* One step: the status a component is in, changed by one form. */
static void
status_form(struct buf *b, const struct request *req, const struct component *c)
{
	int	i;

	buf_fmt(b, "<form method=\"post\" class=\"status-form\" "
	    "action=\"%a/manage/components/%u/status\">", req->cfg->base_path,
	    c->id);
	manage_form_tokens(b, req);
	buf_fmt(b, "<label class=\"visually-hidden\" for=\"status-%a\">Status "
	    "of %h</label><select id=\"status-%a\" name=\"status\">", c->id,
	    c->name, c->id);
	for (i = 0; i < STATUS_COUNT; i++)
		buf_fmt(b, "<option value=\"%a\"%s>%h</option>",
		    status_name((enum component_status)i),
		    i == (int)c->status ? " selected" : "",
		    status_label((enum component_status)i));
	buf_puts(b, "</select><button type=\"submit\">Set</button></form>\n");
}

static void
render_components(struct buf *b, const struct request *req,
    const struct model *m)
{
	const char	*group = NULL;
	size_t		 i;

	buf_puts(b, "<section aria-labelledby=\"components-h\">\n"
	    "<h2 id=\"components-h\">Components</h2>\n");
	if (m->ncomponents == 0)
		buf_puts(b, "<p class=\"empty\">No components yet.</p>\n");
	else
		buf_puts(b, "<ul class=\"manage-list\">\n");
	for (i = 0; i < m->ncomponents; i++) {
		const struct component	*c = &m->components[i];

		/* Rows come grouped: a group's name heads its components. */
		if (c->group != NULL && (group == NULL || strcmp(group, c->group) != 0))
			buf_fmt(b, "<li class=\"manage-group\">%h</li>\n", c->group);
		group = c->group;
		buf_fmt(b, "<li class=\"manage-row%s\">\n<span class=\"name\">%h"
		    "</span>\n", c->group != NULL ? " in-group" : "", c->name);
		ui_component_status(b, c->status);
		buf_puts(b, "\n");
		status_form(b, req, c);
		buf_puts(b, "</li>\n");
	}
	if (m->ncomponents > 0)
		buf_puts(b, "</ul>\n");
	buf_puts(b, "</section>\n");
}

/* One notice: its name (the public page), status, and when. */
static void
render_notice(struct buf *b, const struct request *req, const struct notice *n)
{
	buf_puts(b, "<li class=\"manage-row\">\n<span class=\"name\">");
	/* An open incident is worked on from its console page. */
	if (is_maintenance(n))
		ui_notice_link(b, req, n);
	else
		buf_fmt(b, "<a href=\"%a/manage/incidents/%u\">%h</a>",
		    req->cfg->base_path, n->id, n->name);
	buf_fmt(b, "</span>\n<span class=\"badge\">%h</span>\n<span class=\"when\">",
	    notice_statuses[n->status].label);
	if (is_maintenance(n)) {
		ui_time(b, &n->scheduled_for);
		buf_puts(b, " \xe2\x80\x93 ");
		ui_time(b, &n->scheduled_until);
	} else {
		buf_fmt(b, "%h impact, since ", impacts[n->impact].label);
		ui_time(b, &n->started);
	}
	buf_puts(b, "</span>\n</li>\n");
}

/* The open notices of one kind and phase, under a heading; or "none". */
static void
render_notices(struct buf *b, const struct request *req,
    const struct notices *open, int maintenance, int to_come,
    const char *id, const char *title, const char *none)
{
	size_t	i, n = 0;

	buf_fmt(b, "<section aria-labelledby=\"%a\">\n<h2 id=\"%a\">%h</h2>\n",
	    id, id, title);
	for (i = 0; i < open->n; i++) {
		const struct notice	*x = &open->items[i];

		if (is_maintenance(x) != maintenance ||
		    (maintenance && is_to_come(x) != to_come))
			continue;
		if (n++ == 0)
			buf_puts(b, "<ul class=\"manage-list\">\n");
		render_notice(b, req, x);
	}
	if (n > 0)
		buf_puts(b, "</ul>\n");
	else
		buf_fmt(b, "<p class=\"empty\">%h</p>\n", none);
	buf_puts(b, "</section>\n");
}

void
manage_now(struct request *req, struct response *resp,
    const struct write_outcome *refused)
{
	const struct snapshot	*s = req->snap;
	struct buf		*b = &resp->body;

	if (s == NULL) {
		http_db_unavailable(req, resp);
		return;
	}
	if (!s->has_page) {
		http_no_page(req, resp);
		return;
	}
	manage_open(b, req, "Now");
	buf_fmt(b, "<h1>Now: %h</h1>\n<p class=\"banner indicator-%a\">%h</p>\n",
	    s->model.page.name, indicator_name(s->overall.indicator),
	    s->overall.description);
	if (refused != NULL)
		manage_refusal(b, refused);
	render_notices(b, req, &s->open, 0, 0, "incidents-h", "Open incidents",
	    "No open incidents.");
	render_notices(b, req, &s->open, 1, 0, "under-way-h",
	    "Maintenance under way", "No maintenance under way.");
	render_notices(b, req, &s->open, 1, 1, "to-come-h", "Maintenance to come",
	    "No maintenance scheduled.");
	render_components(b, req, &s->model);
	manage_close(b, req);
}

/*
 * GET /manage/ (and HEAD), signed in (ROUTE_SESSION), owner or editor:
 * the overall status, open incidents, maintenance under way and to come,
 * every component with its status and a form to change it, from the
 * snapshot (fresh within a second of any write, and a console write's
 * redirect waits for it).  200, Cache-Control: no-store; 503 without a
 * snapshot or a page.  Reads only.
 */
void
ui_manage_now(struct request *req, struct response *resp)
{
	manage_now(req, resp, NULL);
}
