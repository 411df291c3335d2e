/* ui-group.c: a component group's page, GET /groups/{id} */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "fmt.h"
#include "handlers.h"
#include "http-error.h"
#include "model.h"
#include "page.h"
#include "snapshot.h"
#include "ui-shared.h"

/*
 * GET /groups/{id} (and HEAD): the group's status and description, and
 * each of its components with its status and 90-day bar, from the
 * snapshot; / shows the group as one row and links here.  200/304; 404
 * for an id that is no group of this page (a component's included).
 */
void
ui_group(struct request *req, struct response *resp)
{
	const struct snapshot	*s = req->snap;
	const struct model	*m = &s->model;
	const struct group	*g = NULL;
	struct buf		*b = &resp->body;
	size_t			 i;

	for (i = 0; i < m->ngroups && g == NULL; i++)
		if (strcmp(m->groups[i].id, req->params[0]) == 0)
			g = &m->groups[i];
	if (g == NULL) {
		http_error(req, resp, 404, "There is no group of components with "
		    "this number on this status page.");
		return;
	}

	resp->last_modified = ui_bars_modified(s);
	page_open(b, req, arena_printf(req->arena, "%s \xe2\x80\x93 %s", g->name,
	    m->page.name), m->page.name);
	buf_fmt(b, "<section class=\"components\" aria-labelledby=\"group-h\">\n"
	    "<div class=\"component-head\">\n<h1 id=\"group-h\">%h</h1>\n",
	    g->name);
	ui_component_status(b, g->status);
	buf_puts(b, "\n</div>\n");
	if (g->description != NULL && *g->description != '\0')
		buf_fmt(b, "<p class=\"description\">%h</p>\n", g->description);
	if (g->nchildren == 0)
		buf_puts(b, "<p>This group has no components.</p>\n");
	else {
		buf_puts(b, "<ul class=\"component-list\">\n");
		for (i = 0; i < m->ncomponents; i++)
			if (m->components[i].group_id != NULL &&
			    strcmp(m->components[i].group_id, g->id) == 0 &&
			    ui_component_shown(&m->components[i]))
				ui_component_row(b, &m->components[i], s->bar_first);
		buf_puts(b, "</ul>\n");
	}
	buf_fmt(b, "</section>\n<p class=\"more\"><a href=\"%a/\">All components"
	    "</a></p>\n", req->cfg->base_path);
	page_close(b);
}
