/*
 * ui-manage-templates.c: the console's incident templates, under
 * /manage/templates: texts an editor posts again and again, to start a
 * new incident from
 */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "fmt.h"
#include "handlers.h"
#include "http.h"
#include "json.h"
#include "manage.h"
#include "manage-incident.h"
#include "snapshot.h"
#include "store.h"
#include "template.h"
#include "write.h"

/* How many templates the screen lists at most. */
#define TEMPLATES_LISTED	200

/* Name, title and body; the values t's, or the form's as posted. */
static void
template_fields(struct buf *b, const struct store_template *t,
    const struct write_outcome *out)
{
	incform_text(b, "name", "Name (to pick it by)", t->name, 100, out,
	    "template.name");
	incform_text(b, "title", "Incident name", t->title, 300, out,
	    "template.title");
	incform_textarea(b, "body", "Message", "Markdown. {page} becomes the "
	    "page's name, {components} the names of the components the incident "
	    "affects; nothing else is replaced.", t->body, 6, out,
	    "template.body");
}

static void
render_list(struct request *req, struct response *resp,
    const struct store_template *posted, const struct write_outcome *out)
{
	struct store		 st = { req->db, req->arena };
	struct store_template	*t, blank = { NULL, "", "", "" };
	struct buf		*b = &resp->body;
	const char		*bp = req->cfg->base_path;
	size_t			 n, i;

	if (store_templates(&st, req->snap->model.page.id, NULL, TEMPLATES_LISTED,
	    &t, &n) != STORE_OK) {
		http_db_unavailable(req, resp);
		return;
	}
	manage_open(b, req, "Templates");
	buf_puts(b, "<h1>Templates</h1>\n");
	if (out != NULL)
		incform_refusal(b, out);
	buf_fmt(b, "<p>A template fills the <a href=\"%a/manage/incidents/new\">new "
	    "incident</a> form.</p>\n", bp);
	if (n == 0)
		buf_puts(b, "<p class=\"empty\">No templates yet.</p>\n");
	else
		buf_puts(b, "<ul class=\"manage-list\">\n");
	for (i = 0; i < n; i++)
		buf_fmt(b, "<li class=\"manage-row\">\n<span class=\"name\"><a href=\""
		    "%a/manage/templates/%u\">%h</a></span>\n<span class=\"when\">%h"
		    "</span>\n</li>\n", bp, t[i].id, t[i].name, t[i].title);
	if (n > 0)
		buf_puts(b, "</ul>\n");
	buf_fmt(b, "<section aria-labelledby=\"new-template-h\">\n<h2 "
	    "id=\"new-template-h\">New template</h2>\n<form method=\"post\" "
	    "class=\"stack wide\" action=\"%a/manage/templates\">\n", bp);
	manage_form_tokens(b, req);
	template_fields(b, posted != NULL ? posted : &blank, out);
	buf_puts(b, "<div class=\"actions\"><button type=\"submit\">Save template"
	    "</button></div>\n</form>\n</section>\n");
	manage_close(b, req);
}

static void
render_one(struct request *req, struct response *resp,
    const struct store_template *t, const struct write_outcome *out)
{
	struct buf	*b = &resp->body;
	const char	*bp = req->cfg->base_path;

	manage_open(b, req, arena_printf(req->arena, "Template %s", t->name));
	buf_fmt(b, "<h1>Template \xe2\x80\x9c%h\xe2\x80\x9d</h1>\n", t->name);
	if (out != NULL)
		incform_refusal(b, out);
	buf_fmt(b, "<p><a href=\"%a/manage/incidents/new?template=%u\">Open an "
	    "incident from it</a> \xc2\xb7 <a href=\"%a/manage/templates\">All "
	    "templates</a></p>\n<form method=\"post\" class=\"stack wide\" "
	    "action=\"%a/manage/templates/%u\">\n", bp, t->id, bp, bp, t->id);
	manage_form_tokens(b, req);
	template_fields(b, t, out);
	buf_fmt(b, "<div class=\"actions\"><button type=\"submit\">Save changes"
	    "</button></div>\n</form>\n<section aria-labelledby=\"delete-h\">\n"
	    "<h2 id=\"delete-h\">Delete</h2>\n<form method=\"post\" class=\"stack\" "
	    "action=\"%a/manage/templates/%u/delete\">\n", bp, t->id);
	manage_form_tokens(b, req);
	buf_puts(b, "<div class=\"actions\"><button type=\"submit\" class=\"danger\">"
	    "Delete template</button></div>\n</form>\n</section>\n");
	manage_close(b, req);
}

/* The template of the path: 0, or -1 when resp is the answer (404, 503). */
static int
load(struct request *req, struct response *resp, struct store_template **t)
{
	struct store	st = { req->db, req->arena };
	size_t		n;

	if (!incform_page(req, resp))
		return -1;
	switch (input_is_id(req->params[0]) ? store_templates(&st,
	    req->snap->model.page.id, req->params[0], 1, t, &n) : STORE_NONE) {
	case STORE_OK:
		return 0;
	case STORE_NONE:
		http_error(req, resp, 404, "There is no such template.");
		return -1;
	case STORE_FAILED:
		break;
	}
	http_db_unavailable(req, resp);
	return -1;
}

/* The form's fields as posted, and the API-shaped body made of them. */
static json_object *
posted(struct request *req, struct store_template *t)
{
	json_object	*body = json_own(req->arena, json_object_new_object());
	json_object	*o = json_object_new_object();

	t->name = incform_field(req, "name");
	t->title = incform_field(req, "title");
	t->body = incform_field(req, "body");
	json_object_object_add(body, "template", o);
	json_object_object_add(o, "name", json_object_new_string(t->name));
	json_object_object_add(o, "title", json_object_new_string(t->title));
	json_object_object_add(o, "body", json_object_new_string(t->body));
	return body;
}

/*
 * GET /manage/templates (and HEAD), signed in: the page's templates and
 * the form of a new one.  200; 503.  Reads only.
 */
void
ui_manage_templates(struct request *req, struct response *resp)
{
	if (incform_page(req, resp))
		render_list(req, resp, NULL, NULL);
}

/*
 * POST /manage/templates, signed in: a new template (name, title, body),
 * audited as incident_template.create.  303 to the templates; the screen
 * again with the input and the refusal (4xx: a blank field, a name taken).
 */
void
ui_manage_template_create(struct request *req, struct response *resp)
{
	struct store_template	 t = { NULL, "", "", "" };
	struct write_outcome	 out;
	json_object		*body;
	int			 status;

	if (!incform_page(req, resp))
		return;
	body = posted(req, &t);
	if (manage_write(req, resp, &template_create, NULL, 0, body, &out) == 0) {
		manage_redirect(req, resp, "/manage/templates");
		return;
	}
	status = resp->status;
	render_list(req, resp, &t, &out);
	if (resp->status < 500)
		resp->status = status;
}

/*
 * GET /manage/templates/{id} (and HEAD), signed in: the template's form,
 * and the one that deletes it.  200; 404; 503.  Reads only.
 */
void
ui_manage_template(struct request *req, struct response *resp)
{
	struct store_template	*t;

	if (load(req, resp, &t) == 0)
		render_one(req, resp, t, NULL);
}

/*
 * POST /manage/templates/{id}, signed in: its new name, title and body
 * (incident_template.update).  303 to the templates; the form again with
 * the refusal (4xx).
 */
void
ui_manage_template_update(struct request *req, struct response *resp)
{
	struct store_template	 t = { req->params[0], "", "", "" }, *was;
	struct write_outcome	 out;
	const char		*ids[1] = { req->params[0] };
	json_object		*body;
	int			 status;

	if (!incform_page(req, resp))
		return;
	body = posted(req, &t);
	if (manage_write(req, resp, &template_update, ids, 1, body, &out) == 0) {
		manage_redirect(req, resp, "/manage/templates");
		return;
	}
	status = resp->status;
	if (load(req, resp, &was) == 0) {
		render_one(req, resp, &t, &out);
		resp->status = status;
	}
}

/*
 * POST /manage/templates/{id}/delete, signed in: removes it
 * (incident_template.delete); incidents opened from it keep their text.
 * 303 to the templates; 404 when it is gone.
 */
void
ui_manage_template_delete(struct request *req, struct response *resp)
{
	struct store_template	*t;
	struct write_outcome	 out;
	const char		*ids[1] = { req->params[0] };
	int			 status;

	if (!incform_page(req, resp))
		return;
	if (manage_write(req, resp, &template_delete, ids, 1, NULL, &out) == 0) {
		manage_redirect(req, resp, "/manage/templates");
		return;
	}
	status = resp->status;
	if (load(req, resp, &t) == 0) {
		render_one(req, resp, t, &out);
		resp->status = status;
	}
}
