/*
 * ui-manage-incident.c: one incident in the console, /manage/incidents/{id}:
 * its whole timeline, and its writes: an update, a correction, resolving,
 * the postmortem, deleting it (after a confirmation)
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
#include "markdown.h"
#include "notices.h"
#include "snapshot.h"
#include "status.h"
#include "ui-shared.h"
#include "write.h"

/* Which of the page's forms was refused, so it is shown as it was sent. */
struct refused {
	const char			*form;	/* "update", "resolve", "correct-ID", ... */
	const struct write_outcome	*out;
};

/*
 * The incident of the path, read from the database (a resolved one's
 * whole timeline is not all in the snapshot).  0, or -1 when resp is the
 * answer: 404 for none (or maintenance, which is not this screen's), 503.
 */
static int
load(struct request *req, struct response *resp, struct notice **n)
{
	if (!incform_page(req, resp))
		return -1;
	switch (input_is_id(req->params[0]) ? notices_load_one(req->db,
	    req->arena, &req->snap->model.page, req->params[0], n) :
	    MODEL_NOT_FOUND) {
	case MODEL_OK:
		if ((*n)->kind == KIND_INCIDENT)
			return 0;
		/* FALLTHROUGH */
	case MODEL_NOT_FOUND:
		http_error(req, resp, 404, "There is no incident with this number "
		    "on this page.");
		return -1;
	case MODEL_DB_ERROR:
		break;
	}
	http_db_unavailable(req, resp);
	return -1;
}

static int
is_refused(const struct refused *r, const char *form)
{
	return r != NULL && strcmp(r->form, form) == 0;
}

/* What a refused form said, else what the incident holds. */
static const char *
kept(const struct request *req, const struct refused *r, const char *form,
    const char *field, const char *value)
{
	return is_refused(r, form) ? incform_field(req, field) : value;
}

static const struct write_outcome *
outcome(const struct refused *r, const char *form)
{
	return is_refused(r, form) ? r->out : NULL;
}

static void
form_open(struct buf *b, const struct request *req, const struct notice *n,
    const char *action)
{
	buf_fmt(b, "<form method=\"post\" class=\"stack wide\" action=\"%a/manage/"
	    "incidents/%u%a\">\n", req->cfg->base_path, n->id, action);
	manage_form_tokens(b, req);
}

static void
render_update_form(struct buf *b, const struct request *req,
    const struct notice *n, const struct refused *r)
{
	const struct write_outcome	*out = outcome(r, "update");

	buf_puts(b, "<section aria-labelledby=\"update-h\">\n<h2 id=\"update-h\">"
	    "Post an update</h2>\n");
	form_open(b, req, n, "/update");
	incform_status(b, kept(req, r, "update", "status",
	    notice_statuses[n->status].name), out);
	incform_textarea(b, "message", "Message", "Markdown.", kept(req, r,
	    "update", "message", ""), 5, out, "incident.body");
	incform_components(b, req, 0, out != NULL, n, out);
	incform_notify(b, req, out != NULL);
	buf_puts(b, "<div class=\"actions\"><button type=\"submit\">Post update"
	    "</button></div>\n</form>\n</section>\n");
}

static void
render_resolve_form(struct buf *b, const struct request *req,
    const struct notice *n)
{
	buf_puts(b, "<section aria-labelledby=\"resolve-h\">\n<h2 id=\"resolve-h\">"
	    "Resolve</h2>\n");
	form_open(b, req, n, "/resolve");
	buf_fmt(b, "<div class=\"check\"><input type=\"checkbox\" id=\"operational\" "
	    "name=\"operational\" value=\"1\" checked>\n<label for=\"operational\">"
	    "Set its components back to %h</label></div>\n",
	    status_label(STATUS_OPERATIONAL));
	buf_puts(b, "<div class=\"actions\"><button type=\"submit\">Resolve "
	    "incident</button></div>\n</form>\n</section>\n");
}

/* Every update, newest first, each with a form to correct its text. */
static void
render_timeline(struct buf *b, struct request *req, const struct notice *n,
    const struct refused *r)
{
	const struct notice_update	*u;
	const char			*form, *id;
	size_t				 i, k;

	buf_puts(b, "<section aria-labelledby=\"timeline-h\">\n<h2 id=\"timeline-h\">"
	    "Timeline</h2>\n<ol class=\"updates\">\n");
	for (i = 0; i < n->nupdates; i++) {
		u = &n->updates[i];
		form = arena_printf(req->arena, "correct-%s", u->id);
		id = arena_printf(req->arena, "correct-%s", u->id);
		buf_fmt(b, "<li class=\"update update-%a\">\n<h3 class=\"label\">%h "
		    "<span class=\"when\">", notice_statuses[u->status].name,
		    u->label);
		ui_time(b, &u->at);
		buf_puts(b, "</span></h3>\n<div class=\"body\">\n");
		markdown_html(b, u->body, 3);
		buf_puts(b, "</div>\n");
		if (u->nchanges > 0)
			buf_puts(b, "<ul class=\"changes\">\n");
		for (k = 0; k < u->nchanges; k++)
			buf_fmt(b, "<li>%h: %h \xe2\x86\x92 %h</li>\n",
			    u->changes[k].component, status_label(u->changes[k].from),
			    status_label(u->changes[k].to));
		if (u->nchanges > 0)
			buf_puts(b, "</ul>\n");
		buf_fmt(b, "<details%s>\n<summary>Correct this update</summary>\n",
		    is_refused(r, form) ? " open" : "");
		buf_fmt(b, "<form method=\"post\" class=\"stack wide\" action=\"%a/"
		    "manage/incidents/%u/updates/%u\">\n", req->cfg->base_path,
		    n->id, u->id);
		manage_form_tokens(b, req);
		incform_textarea(b, id, "Corrected text", NULL, kept(req, r, form,
		    id, u->body), 4, outcome(r, form), "incident_update.body");
		buf_puts(b, "<div class=\"actions\"><button type=\"submit\">Save "
		    "correction</button></div>\n</form>\n</details>\n</li>\n");
	}
	buf_puts(b, "</ol>\n</section>\n");
}

static void
render_postmortem(struct buf *b, struct request *req, const struct notice *n,
    const struct refused *r)
{
	int	resolved = n->status == NOTICE_RESOLVED;

	buf_puts(b, "<section aria-labelledby=\"postmortem-h\">\n<h2 id=\"postmortem-h\">"
	    "Postmortem</h2>\n");
	if (n->postmortem != NULL) {
		buf_puts(b, "<p>Published ");
		ui_time(b, &n->postmortem_at);
		buf_puts(b, ".</p>\n<div class=\"body\">\n");
		markdown_html(b, n->postmortem, 3);
		buf_puts(b, "</div>\n</section>\n");
		return;
	}
	form_open(b, req, n, "/postmortem");
	incform_textarea(b, "postmortem", "Draft", "Markdown. Readers see it "
	    "once it is published, which the incident must be resolved for.",
	    kept(req, r, "postmortem", "postmortem", n->postmortem_draft),
	    8, outcome(r, "postmortem"), "postmortem.body_draft");
	buf_puts(b, "<div class=\"actions\"><button type=\"submit\">Save draft"
	    "</button></div>\n</form>\n");
	if (resolved && n->postmortem_draft != NULL) {
		form_open(b, req, n, "/postmortem/publish");
		/* As Statuspage: a postmortem is told only when asked. */
		buf_puts(b, "<div class=\"check\"><input type=\"checkbox\" "
		    "id=\"notify-postmortem\" name=\"notify\" value=\"1\">\n"
		    "<label for=\"notify-postmortem\">Notify subscribers</label>"
		    "</div>\n<div class=\"actions\"><button type=\"submit\">Publish "
		    "postmortem</button></div>\n</form>\n");
	}
	buf_puts(b, "</section>\n");
}

static void
render(struct request *req, struct response *resp, const struct notice *n,
    const struct refused *r)
{
	struct buf	*b = &resp->body;
	const char	*bp = req->cfg->base_path;

	manage_open(b, req, n->name);
	buf_fmt(b, "<h1>%h</h1>\n<p class=\"meta\"><span class=\"badge\">%h</span> "
	    "<span class=\"badge\">%h impact</span> <span class=\"when\">began ",
	    n->name, notice_statuses[n->status].label, impacts[n->impact].label);
	ui_time(b, &n->started);
	buf_fmt(b, "</span></p>\n<p><a href=\"%a/incidents/%u\">See it on the "
	    "status page</a></p>\n", bp, n->id);
	if (r != NULL)
		incform_refusal(b, r->out);
	if (notice_statuses[n->status].phase != PHASE_OVER) {
		render_update_form(b, req, n, r);
		render_resolve_form(b, req, n);
	}
	render_timeline(b, req, n, r);
	render_postmortem(b, req, n, r);
	buf_fmt(b, "<section aria-labelledby=\"delete-h\">\n<h2 id=\"delete-h\">"
	    "Delete</h2>\n<p><a href=\"%a/manage/incidents/%u/delete\">Delete this "
	    "incident</a> (you are asked to confirm)</p>\n</section>\n", bp, n->id);
	manage_close(b, req);
}

/*
 * GET /manage/incidents/{id} (and HEAD), signed in: the incident with its
 * whole timeline read from the database, and its forms: an update, a
 * correction of each update, resolving, the postmortem, a link to delete
 * it.  200; 404 for an unknown id or maintenance; 503.  Reads only.
 */
void
ui_manage_incident(struct request *req, struct response *resp)
{
	struct notice	*n;

	if (load(req, resp, &n) == 0)
		render(req, resp, n, NULL);
}

/*
 * A write on the incident: 303 back to its page once the snapshot shows
 * it, or the page again with the refused form as it was sent (4xx).
 */
static void
write_incident(struct request *req, struct response *resp,
    const struct write_op *op, const char *update, json_object *body,
    const char *form)
{
	const char		*ids[2] = { req->params[0], update };
	struct write_outcome	 out;
	struct refused		 r = { form, &out };
	struct notice		*n;
	int			 status;

	if (manage_write(req, resp, op, ids, update != NULL ? 2 : 1, body,
	    &out) == 0) {
		manage_redirect(req, resp, arena_printf(req->arena,
		    "/manage/incidents/%s", req->params[0]));
		return;
	}
	status = resp->status;
	if (load(req, resp, &n) == 0) {
		render(req, resp, n, &r);
		resp->status = status;
	}
}

/* {"incident": {...}} */
static json_object *
incident_body(struct request *req, json_object **inc)
{
	json_object	*body = json_own(req->arena, json_object_new_object());

	*inc = json_object_new_object();
	json_object_object_add(body, "incident", *inc);
	return body;
}

/*
 * POST /manage/incidents/{id}/update, signed in: status, message and
 * components' new statuses, as the API's PATCH of the incident (an entry
 * on the timeline).  303 to the incident; the page again with the
 * refusal (4xx).
 */
void
ui_manage_incident_update(struct request *req, struct response *resp)
{
	json_object	*inc, *body = incident_body(req, &inc);

	if (req->snap != NULL && req->snap->has_page)
		incform_read_components(req, inc, 0, NULL);
	json_object_object_add(inc, "status", json_object_new_string(
	    incform_field(req, "status")));
	incform_add(inc, "body", incform_field(req, "message"));
	write_incident(req, resp, &api_v1_incident_update, NULL, body, "update");
}

/*
 * POST /manage/incidents/{id}/resolve, signed in: resolved in one step,
 * its components back to operational unless the box was cleared.  303;
 * the page with the refusal (4xx).
 */
void
ui_manage_incident_resolve(struct request *req, struct response *resp)
{
	json_object	*inc, *body = incident_body(req, &inc), *moves;
	struct notice	*n;
	size_t		 i;

	json_object_object_add(inc, "status", json_object_new_string(
	    notice_statuses[NOTICE_RESOLVED].name));
	/* What it affects, as it is when the form comes. */
	if (*incform_field(req, "operational") != '\0' && req->snap != NULL &&
	    req->snap->has_page && input_is_id(req->params[0]) &&
	    notices_load_one(req->db, req->arena, &req->snap->model.page,
	    req->params[0], &n) == MODEL_OK && n->naffected > 0) {
		moves = json_object_new_object();
		for (i = 0; i < n->naffected; i++)
			json_object_object_add(moves, n->affected[i].id,
			    json_object_new_string(status_name(STATUS_OPERATIONAL)));
		json_object_object_add(inc, "components", moves);
	}
	write_incident(req, resp, &api_v1_incident_update, NULL, body, "resolve");
}

/*
 * POST /manage/incidents/{id}/updates/{update_id}, signed in: the
 * update's corrected text, as the API's PATCH of the update.  303; the
 * page with the refusal (4xx).
 */
void
ui_manage_update_correct(struct request *req, struct response *resp)
{
	json_object	*body = json_own(req->arena, json_object_new_object());
	json_object	*u = json_object_new_object();
	const char	*form = arena_printf(req->arena, "correct-%s", req->params[1]);

	json_object_object_add(body, "incident_update", u);
	json_object_object_add(u, "body", json_object_new_string(
	    incform_field(req, form)));
	write_incident(req, resp, &api_v1_update_edit, req->params[1], body, form);
}

/*
 * POST /manage/incidents/{id}/postmortem, signed in: the draft, as the
 * API's PUT of the postmortem.  303; the page with the refusal (4xx, 409
 * once published).
 */
void
ui_manage_postmortem_draft(struct request *req, struct response *resp)
{
	json_object	*body = json_own(req->arena, json_object_new_object());
	json_object	*pm = json_object_new_object();

	json_object_object_add(body, "postmortem", pm);
	json_object_object_add(pm, "body_draft", json_object_new_string(
	    incform_field(req, "postmortem")));
	write_incident(req, resp, &api_v1_postmortem_draft, NULL, body,
	    "postmortem");
}

/*
 * POST /manage/incidents/{id}/postmortem/publish, signed in: publishes
 * the draft, told to subscribers when "Notify subscribers" is ticked.  303; the page with the refusal (409 before it is resolved
 * or without a draft).
 */
void
ui_manage_postmortem_publish(struct request *req, struct response *resp)
{
	json_object	*body = json_own(req->arena, json_object_new_object());
	json_object	*pm = json_object_new_object();

	json_object_object_add(body, "postmortem", pm);
	json_object_object_add(pm, "notify_subscribers", json_object_new_boolean(
	    *incform_field(req, "notify") != '\0'));
	write_incident(req, resp, &api_v1_postmortem_publish, NULL, body,
	    "publish");
}

static void
render_confirm(struct request *req, struct response *resp,
    const struct notice *n, const struct write_outcome *out)
{
	struct buf	*b = &resp->body;
	const char	*bp = req->cfg->base_path;

	manage_open(b, req, arena_printf(req->arena, "Delete %s", n->name));
	buf_fmt(b, "<h1>Delete \xe2\x80\x9c%h\xe2\x80\x9d?</h1>\n", n->name);
	if (out != NULL)
		incform_refusal(b, out);
	buf_fmt(b, "<p>It goes from the status page, the history, the feeds and "
	    "the API with its %d update(s) and its postmortem. The components "
	    "keep their status. This cannot be undone.</p>\n<form method=\"post\" "
	    "class=\"stack\" action=\"%a/manage/incidents/%u/delete\">\n",
	    n->nupdates, bp, n->id);
	manage_form_tokens(b, req);
	buf_fmt(b, "<div class=\"actions\"><button type=\"submit\" class=\"danger\">"
	    "Delete incident</button>\n<a href=\"%a/manage/incidents/%u\">Keep it"
	    "</a></div>\n</form>\n", bp, n->id);
	manage_close(b, req);
}

/*
 * GET /manage/incidents/{id}/delete (and HEAD), signed in: what deleting
 * it removes, and the form that does.  200; 404; 503.  Reads only.
 */
void
ui_manage_incident_delete_form(struct request *req, struct response *resp)
{
	struct notice	*n;

	if (load(req, resp, &n) == 0)
		render_confirm(req, resp, n, NULL);
}

/*
 * POST /manage/incidents/{id}/delete, signed in: removes it, as the API's
 * DELETE.  303 to the list of incidents; the confirmation again with the
 * refusal (4xx), or a 404 page when it is gone.
 */
void
ui_manage_incident_delete(struct request *req, struct response *resp)
{
	const char		*ids[1] = { req->params[0] };
	struct write_outcome	 out;
	struct notice		*n;
	int			 status;

	if (manage_write(req, resp, &api_v1_incident_delete, ids, 1, NULL,
	    &out) == 0) {
		manage_redirect(req, resp, "/manage/incidents");
		return;
	}
	status = resp->status;
	if (load(req, resp, &n) == 0) {
		render_confirm(req, resp, n, &out);
		resp->status = status;
	}
}
