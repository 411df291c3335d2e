/*
 * ui-manage-incidents.c: the console's incidents: the list
 * (/manage/incidents) and a new one (/manage/incidents/new), with its
 * preview and its templates
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "db.h"
#include "fmt.h"
#include "handlers.h"
#include "http.h"
#include "json.h"
#include "manage.h"
#include "manage-incident.h"
#include "markdown.h"
#include "query.h"
#include "snapshot.h"
#include "status.h"
#include "store.h"
#include "template.h"
#include "ui-shared.h"
#include "write.h"

/* How many templates the new incident's form offers at most. */
#define TEMPLATES_MAX	200

/* Newest first, by when they began; one more than a page, to know of the next. */
static const struct db_sql sql_incident_list = { "console_incidents",
    "SELECT i.id, i.name, i.status::text AS status, i.impact::text AS impact,"
    "       floor(extract(epoch FROM i.started_at) * 1000)::bigint AS started_ms,"
    "       extract(epoch FROM i.started_at AT TIME ZONE p.time_zone"
    "               - i.started_at AT TIME ZONE 'UTC')::integer AS started_offset"
    "  FROM incidents i JOIN pages p ON p.id = i.page_id"
    " WHERE i.page_id = $1 AND i.kind = 'incident'"
    " ORDER BY i.started_at DESC NULLS FIRST, i.id DESC"
    " LIMIT $2 OFFSET $3" };

/*
 * GET /manage/incidents[?page=N] (and HEAD), signed in: the page's
 * incidents, newest first, INCFORM_PAGE_SIZE a page, each linking its
 * console page.  200; 400 for a page number that is none; 503 when the
 * database does not answer.  Reads only.
 */
void
ui_manage_incidents(struct request *req, struct response *resp)
{
	struct buf	*b = &resp->body;
	const char	*bp = req->cfg->base_path, *ps, *params[3];
	struct moment	 at;
	PGresult	*res;
	long		 page = 1;
	int		 i, n;

	if (!incform_page(req, resp))
		return;
	ps = query_get(req->arena, req->query, "page");
	if (ps != NULL && query_page(ps, 100000, &page) == -1) {
		http_error(req, resp, 400, "page must be a page number, 1 or more.");
		return;
	}
	params[0] = req->snap->model.page.id;
	params[1] = arena_printf(req->arena, "%d", INCFORM_PAGE_SIZE + 1);
	params[2] = arena_printf(req->arena, "%ld", (page - 1) * INCFORM_PAGE_SIZE);
	if ((res = db_own(req->arena, db_run(req->db, &sql_incident_list, 3,
	    params))) == NULL) {
		http_db_unavailable(req, resp);
		return;
	}
	n = PQntuples(res);
	manage_open(b, req, "Incidents");
	buf_fmt(b, "<h1>Incidents</h1>\n<p class=\"actions\"><a class=\"button\" "
	    "href=\"%a/manage/incidents/new\">New incident</a> <a href=\"%a/manage/"
	    "templates\">Templates</a></p>\n", bp, bp);
	if (n == 0)
		buf_puts(b, "<p class=\"empty\">No incidents here.</p>\n");
	else
		buf_puts(b, "<ul class=\"manage-list\">\n");
	for (i = 0; i < n && i < INCFORM_PAGE_SIZE; i++) {
		enum notice_status	st;
		enum impact		im;

		notice_status_parse(PQgetvalue(res, i, PQfnumber(res, "status")), &st);
		impact_parse(PQgetvalue(res, i, PQfnumber(res, "impact")), &im);
		at = db_moment(req->arena, res, i, "started");
		buf_fmt(b, "<li class=\"manage-row\">\n<span class=\"name\"><a "
		    "href=\"%a/manage/incidents/%u\">%h</a></span>\n<span "
		    "class=\"badge\">%h</span>\n<span class=\"when\">%h impact, "
		    "began ", bp, PQgetvalue(res, i, PQfnumber(res, "id")),
		    PQgetvalue(res, i, PQfnumber(res, "name")),
		    notice_statuses[st].label, impacts[im].label);
		ui_time(b, &at);
		buf_puts(b, "</span>\n</li>\n");
	}
	if (n > 0)
		buf_puts(b, "</ul>\n");
	if (page > 1 || n > INCFORM_PAGE_SIZE) {
		buf_puts(b, "<nav class=\"pager\" aria-label=\"Pages of incidents\">\n");
		if (page > 1)
			buf_fmt(b, "<a href=\"%a/manage/incidents?page=%d\">Newer</a>\n",
			    bp, page - 1);
		if (n > INCFORM_PAGE_SIZE)
			buf_fmt(b, "<a href=\"%a/manage/incidents?page=%d\">Older</a>\n",
			    bp, page + 1);
		buf_puts(b, "</nav>\n");
	}
	manage_close(b, req);
}

/* What the new incident's form holds: from a template, or as posted. */
struct draft {
	const char	*name, *status, *impact, *message;
	const char	*template_id;	/* filled from it: substitute on the way */
	int		 posted;
};

static void
impact_select(struct buf *b, const char *selected, const struct write_outcome *out)
{
	int	i;

	buf_puts(b, "<label for=\"impact\">Impact</label>\n<select id=\"impact\" "
	    "name=\"impact\"");
	incform_invalid(b, out, "incident.impact_override");
	buf_fmt(b, ">\n<option value=\"\"%s>From the components' statuses</option>\n",
	    *selected == '\0' ? " selected" : "");
	for (i = 0; i < IMPACT_COUNT; i++)
		buf_fmt(b, "<option value=\"%a\"%s>%h</option>\n", impacts[i].name,
		    strcmp(selected, impacts[i].name) == 0 ? " selected" : "",
		    impacts[i].label);
	buf_puts(b, "</select>\n");
}

/* The templates to start from, as a form of its own that only reads. */
static void
template_picker(struct buf *b, struct request *req, const char *chosen)
{
	struct store		 st = { req->db, req->arena };
	struct store_template	*t;
	const char		*bp = req->cfg->base_path;
	size_t			 n, i;

	if (store_templates(&st, req->snap->model.page.id, NULL, TEMPLATES_MAX,
	    &t, &n) != STORE_OK)
		n = 0;
	buf_puts(b, "<section aria-labelledby=\"templates-h\">\n<h2 id=\"templates-h\">"
	    "Start from a template</h2>\n");
	if (n == 0) {
		buf_fmt(b, "<p class=\"empty\">No templates yet: <a href=\"%a/manage/"
		    "templates\">write one</a> for texts you post again and "
		    "again.</p>\n</section>\n", bp);
		return;
	}
	buf_fmt(b, "<form method=\"get\" class=\"inline-form\" action=\"%a/manage/"
	    "incidents/new\">\n<label for=\"template\">Template</label>\n"
	    "<select id=\"template\" name=\"template\">\n", bp);
	for (i = 0; i < n; i++)
		buf_fmt(b, "<option value=\"%a\"%s>%h</option>\n", t[i].id,
		    chosen != NULL && strcmp(chosen, t[i].id) == 0 ? " selected" : "",
		    t[i].name);
	buf_fmt(b, "</select>\n<button type=\"submit\" class=\"quiet\">Fill in"
	    "</button>\n</form>\n<p><a href=\"%a/manage/templates\">Edit the "
	    "templates</a></p>\n</section>\n", bp);
}

static const char *
filled(struct request *req, const struct draft *d, const char *text,
    const char *names)
{
	return d->template_id != NULL && *d->template_id != '\0' ?
	    template_fill(req->arena, text, req->snap->model.page.name, names) :
	    text;
}

/* The form, as it was posted (or fresh); the preview under it if asked. */
static void
render_new(struct request *req, struct response *resp, const struct draft *d,
    const struct write_outcome *out, int preview)
{
	struct buf	*b = &resp->body;
	json_object	*scratch;
	const char	*names = "";

	manage_open(b, req, "New incident");
	buf_puts(b, "<h1>New incident</h1>\n");
	if (out != NULL)
		incform_refusal(b, out);
	template_picker(b, req, d->template_id);
	buf_fmt(b, "<section aria-labelledby=\"incident-h\">\n<h2 id=\"incident-h\">"
	    "The incident</h2>\n<form method=\"post\" class=\"stack wide\" "
	    "action=\"%a/manage/incidents/new\">\n", req->cfg->base_path);
	manage_form_tokens(b, req);
	if (d->template_id != NULL && *d->template_id != '\0')
		buf_fmt(b, "<input type=\"hidden\" name=\"template\" value=\"%a\">\n",
		    d->template_id);
	incform_text(b, "name", "Name", d->name, 300, out, "incident.name");
	incform_status(b, d->status, out);
	impact_select(b, d->impact, out);
	incform_components(b, req, 1, d->posted, NULL, out);
	incform_textarea(b, "message", "Message", "Markdown. From a template, "
	    "{page} becomes the page's name and {components} the affected "
	    "components'.", d->message, 6, out, "incident.body");
	incform_notify(b, req, d->posted);
	buf_puts(b, "<div class=\"actions\">\n<button type=\"submit\" name=\"do\" "
	    "value=\"create\">Open incident</button>\n<button type=\"submit\" "
	    "class=\"quiet\" name=\"do\" value=\"preview\">Preview</button>\n"
	    "</div>\n</form>\n</section>\n");
	if (preview) {
		scratch = json_own(req->arena, json_object_new_object());
		incform_read_components(req, scratch, 1, &names);
		buf_fmt(b, "<section aria-labelledby=\"preview-h\" class=\"preview\">\n"
		    "<h2 id=\"preview-h\">Preview</h2>\n<h3>%h</h3>\n<div "
		    "class=\"body\">\n", filled(req, d, d->name, names));
		markdown_html(b, *d->message != '\0' ? filled(req, d, d->message,
		    names) : notice_statuses[NOTICE_INVESTIGATING].body, 3);
		buf_puts(b, "</div>\n</section>\n");
	}
	manage_close(b, req);
}

/*
 * GET /manage/incidents/new[?template=ID] (and HEAD), signed in: the form
 * of a new incident, filled from the template if one is named.  200; 404
 * for a template that is not there; 503 without the page.  Reads only.
 */
void
ui_manage_incident_new(struct request *req, struct response *resp)
{
	struct store		 st = { req->db, req->arena };
	struct store_template	*t;
	struct draft		 d = { "", "investigating", "", "", NULL, 0 };
	const char		*id = query_get(req->arena, req->query, "template");
	size_t			 n;

	if (!incform_page(req, resp))
		return;
	if (id != NULL) {
		switch (input_is_id(id) ? store_templates(&st,
		    req->snap->model.page.id, id, 1, &t, &n) : STORE_NONE) {
		case STORE_OK:
			d.name = t->title;
			d.message = t->body;
			d.template_id = t->id;
			break;
		case STORE_NONE:
			http_error(req, resp, 404, "There is no such template.");
			return;
		case STORE_FAILED:
			http_db_unavailable(req, resp);
			return;
		}
	}
	render_new(req, resp, &d, NULL, 0);
}

/*
 * POST /manage/incidents/new, signed in: do=preview shows the form again
 * with the message rendered under it, writing nothing (200); otherwise
 * opens the incident through the API's create (the same validation,
 * store, audit row naming the person, change notice): 303 to its console
 * page once the snapshot shows it, or the form again with the person's
 * input and the refusal (4xx).  From a template, {page} and {components}
 * in the name and message are replaced.
 */
void
ui_manage_incident_create(struct request *req, struct response *resp)
{
	struct draft		 d;
	struct write_outcome	 out;
	json_object		*body, *inc;
	const char		*names = "";
	enum notice_status	 st;

	if (!incform_page(req, resp))
		return;
	d = (struct draft){ incform_field(req, "name"), incform_field(req,
	    "status"), incform_field(req, "impact"), incform_field(req,
	    "message"), incform_field(req, "template"), 1 };
	if (strcmp(incform_field(req, "do"), "preview") == 0) {
		render_new(req, resp, &d, NULL, 1);
		return;
	}
	/* The API would take a maintenance word as a maintenance: not here. */
	if (notice_status_parse(d.status, &st) == -1 ||
	    notice_statuses[st].kind != KIND_INCIDENT || st == NOTICE_POSTMORTEM) {
		out = (struct write_outcome){ .status = 422, .field =
		    "incident.status", .message = "Choose one of an incident's "
		    "statuses: investigating, identified, monitoring or resolved." };
		resp->status = out.status;
		render_new(req, resp, &d, &out, 0);
		return;
	}
	body = json_own(req->arena, json_object_new_object());
	inc = json_object_new_object();
	json_object_object_add(body, "incident", inc);
	incform_read_components(req, inc, 1, &names);
	json_object_object_add(inc, "name", json_object_new_string(filled(req,
	    &d, d.name, names)));
	json_object_object_add(inc, "status", json_object_new_string(d.status));
	incform_add(inc, "impact_override", d.impact);
	incform_add(inc, "body", filled(req, &d, d.message, names));
	if (manage_write(req, resp, &api_v1_incident_create, NULL, 0, body,
	    &out) == 0)
		manage_redirect(req, resp, out.id != NULL ? arena_printf(req->arena,
		    "/manage/incidents/%s", out.id) : "/manage/incidents");
	else
		render_new(req, resp, &d, &out, 0);
}
