/* ui-index.c: the status page itself, GET / */
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "handlers.h"
#include "model.h"
#include "page.h"

/* Icons are decoration: the status is always said in words too. */
static const char *
status_icon(enum component_status s)
{
	switch (s) {
	case STATUS_OPERATIONAL:		return "\xe2\x9c\x93";	/* ✓ */
	case STATUS_DEGRADED_PERFORMANCE:	return "\xe2\x97\x94";	/* ◔ */
	case STATUS_PARTIAL_OUTAGE:		return "\xe2\x97\x91";	/* ◑ */
	case STATUS_MAJOR_OUTAGE:		return "\xe2\x9c\x95";	/* ✕ */
	case STATUS_UNDER_MAINTENANCE:		return "\xf0\x9f\x94\xa7"; /* 🔧 */
	}
	return "";
}

static void
render_component(struct buf *b, const struct component *c)
{
	buf_printf(b, "<li class=\"component status-%s\">\n"
	    "<span class=\"name\">", status_name(c->status));
	esc_html_text(b, c->name);
	buf_puts(b, "</span>\n");
	if (c->description != NULL && *c->description != '\0') {
		buf_puts(b, "<span class=\"description\">");
		esc_html_text(b, c->description);
		buf_puts(b, "</span>\n");
	}
	buf_printf(b, "<span class=\"status\"><span class=\"icon\" "
	    "aria-hidden=\"true\">%s</span> %s</span>\n</li>\n",
	    status_icon(c->status), status_label(c->status));
}

/*
 * GET / (and HEAD): the page name, the overall status and every component
 * with its current status.  200, or 503 when the database cannot be read.
 */
void
ui_index(struct request *req, struct response *resp)
{
	struct model	 m;
	struct buf	*b = &resp->body;
	const char	*group = NULL;
	size_t		 i;

	switch (model_load(req->db, req->arena, &m)) {
	case MODEL_OK:
		break;
	case MODEL_NO_PAGE:
		http_error(req, resp, 503, "This status page has not been "
		    "set up yet: the database holds no page.");
		return;
	case MODEL_DB_ERROR:
		http_error(req, resp, 503, "The status page cannot read its "
		    "database right now. Please try again in a moment.");
		return;
	}

	resp->cache_control = "public, max-age=10";
	page_open(b, req, m.page_name, m.page_name);
	buf_printf(b, "<section class=\"banner indicator-%s\" "
	    "aria-label=\"Overall status\">\n<h1>",
	    indicator_name(m.overall.indicator));
	esc_html_text(b, m.overall.description);
	buf_puts(b, "</h1>\n</section>\n");

	buf_puts(b, "<section class=\"components\" aria-labelledby=\"components-h\">\n"
	    "<h2 id=\"components-h\">Components</h2>\n<ul class=\"component-list\">\n");
	for (i = 0; i < m.ncomponents; i++) {
		const struct component *c = &m.components[i];

		/* Rows come grouped; open a nested list where a group starts. */
		if (group != NULL && (c->group == NULL || strcmp(group, c->group) != 0)) {
			buf_puts(b, "</ul>\n</details>\n</li>\n");
			group = NULL;
		}
		if (c->group != NULL && group == NULL) {
			group = c->group;
			buf_puts(b, "<li class=\"group\">\n<details open>\n<summary>");
			esc_html_text(b, group);
			buf_puts(b, "</summary>\n<ul class=\"component-list\">\n");
		}
		render_component(b, c);
	}
	if (group != NULL)
		buf_puts(b, "</ul>\n</details>\n</li>\n");
	buf_puts(b, "</ul>\n</section>\n");
	page_close(b);
}
