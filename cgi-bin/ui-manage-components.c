/*
 * ui-manage-components.c: the console's components and component groups,
 * under /manage/components/ and /manage/groups/
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "fmt.h"
#include "handlers.h"
#include "http.h"
#include "json.h"
#include "manage.h"
#include "model.h"
#include "snapshot.h"
#include "ui-shared.h"
#include "write.h"

/*
 * POST /manage/components/{id}/status (the Now screen's forms): the
 * component's new status, as the API's PATCH of the component writes it
 * (the same validation, status history, audit row and change notice).
 * 303 to the Now screen once the snapshot shows it; the Now screen again
 * with the refusal (4xx) if it is refused.
 */
void
ui_manage_component_status(struct request *req, struct response *resp)
{
	const char		*status = manage_field(req, "status");
	const char		*ids[1] = { req->params[0] };
	json_object		*body = json_own(req->arena, json_object_new_object());
	json_object		*c = json_object_new_object();
	struct write_outcome	 out;

	json_object_object_add(c, "status", json_object_new_string(status != NULL ?
	    status : ""));
	json_object_object_add(body, "component", c);
	if (manage_write(req, resp, &api_v1_component_update, ids, 1, body,
	    &out) == 0)
		manage_redirect(req, resp, "/manage/");
	else
		manage_now(req, resp, &out);
}

/* A component or a group: what the screens of each say and write. */
struct thing {
	const char		*path;		/* "components": /manage/components/ */
	const char		*key;		/* the API's body: "component" */
	const char		*noun;		/* "component" */
	const char		*gone;		/* what deleting it does */
	const struct write_op	*create, *update, *remove;
};

static const struct thing component = { "components", "component",
	"component", "Its status history and uptime go with it; incidents that "
	"moved it keep their text.", &api_v1_component_create,
	&api_v1_component_update, &api_v1_component_delete };
static const struct thing group = { "groups", "component_group", "group",
	"Its components stay on the page, ungrouped.", &api_v1_group_create,
	&api_v1_group_update, &api_v1_group_delete };

/* What the form shows: as stored, or as typed. */
struct thing_form {
	const char	*name, *description;
	const char	*group_id;	/* a component's; NULL: none */
};

static const struct group *
find_group(const struct model *m, const char *id)
{
	size_t	i;

	for (i = 0; id != NULL && i < m->ngroups; i++)
		if (strcmp(m->groups[i].id, id) == 0)
			return &m->groups[i];
	return NULL;
}

/*
 * The path's component or group as the snapshot has it into *f, or -1
 * with resp the 404 (or 503).
 */
static int
find(struct request *req, struct response *resp, const struct thing *t,
    struct thing_form *f)
{
	const struct snapshot	*s;
	const struct component	*c;
	const struct group	*g;

	if ((s = manage_snapshot(req, resp)) == NULL)
		return -1;
	if (t == &component && (c = model_component(&s->model,
	    req->params[0])) != NULL) {
		*f = (struct thing_form){ c->name, c->description, c->group_id };
		return 0;
	}
	if (t == &group && (g = find_group(&s->model, req->params[0])) != NULL) {
		*f = (struct thing_form){ g->name, g->description, NULL };
		return 0;
	}
	http_error(req, resp, 404, t == &component ? "There is no such "
	    "component on this page." : "There is no such component group on "
	    "this page.");
	return -1;
}

/* The attributes that tie an input to the refusal that names its field. */
static void
invalid(struct buf *b, const struct write_outcome *out, const struct thing *t,
    const char *field)
{
	size_t	n = strlen(t->key);

	if (out != NULL && out->field != NULL &&
	    strncmp(out->field, t->key, n) == 0 && out->field[n] == '.' &&
	    strcmp(out->field + n + 1, field) == 0)
		buf_puts(b, " aria-invalid=\"true\" aria-describedby=\"form-error\"");
}

/* New (id NULL) or an edit of id: name, description, and a component's group. */
static void
render_form(struct request *req, struct response *resp, const struct thing *t,
    const char *id, const struct thing_form *f, const struct write_outcome *out)
{
	const struct model	*m = &req->snap->model;
	struct buf		*b = &resp->body;
	const char		*bp = req->cfg->base_path;
	const char		*title;
	size_t			 i;

	title = id == NULL ? arena_printf(req->arena, "New %s", t->noun) :
	    arena_printf(req->arena, "Edit %s", f->name);
	manage_open(b, req, title);
	buf_fmt(b, "<h1>%h</h1>\n", title);
	if (out != NULL) {
		buf_puts(b, "<div id=\"form-error\">");
		manage_refusal(b, out);
		buf_puts(b, "</div>\n");
	}
	if (id == NULL)
		buf_fmt(b, "<form method=\"post\" class=\"stack\" action=\"%a/manage/"
		    "%a/new\">\n", bp, t->path);
	else
		buf_fmt(b, "<form method=\"post\" class=\"stack\" action=\"%a/manage/"
		    "%a/%u\">\n", bp, t->path, id);
	manage_form_tokens(b, req);
	buf_fmt(b, "\n<label for=\"t-name\">Name</label>\n<input type=\"text\" "
	    "id=\"t-name\" name=\"name\" required maxlength=\"200\" value=\"%a\"",
	    f->name != NULL ? f->name : "");
	invalid(b, out, t, "name");
	buf_puts(b, ">\n<label for=\"t-description\">Description</label>\n"
	    "<textarea id=\"t-description\" name=\"description\" rows=\"3\" "
	    "maxlength=\"2000\"");
	invalid(b, out, t, "description");
	buf_fmt(b, ">%h</textarea>\n", f->description != NULL ?
	    f->description : "");
	if (t == &component) {
		buf_puts(b, "<label for=\"t-group\">Group</label>\n<select "
		    "id=\"t-group\" name=\"group_id\"");
		invalid(b, out, t, "group_id");
		buf_puts(b, ">\n<option value=\"\">No group</option>\n");
		for (i = 0; i < m->ngroups; i++)
			buf_fmt(b, "<option value=\"%a\"%s>%h</option>\n",
			    m->groups[i].id, f->group_id != NULL &&
			    strcmp(f->group_id, m->groups[i].id) == 0 ?
			    " selected" : "", m->groups[i].name);
		buf_puts(b, "</select>\n");
	}
	buf_fmt(b, "<button type=\"submit\">%s</button>\n</form>\n", id == NULL ?
	    "Create" : "Save changes");
	if (id != NULL)
		buf_fmt(b, "<p><a href=\"%a/manage/%a/%u/delete\">Delete this "
		    "%h</a></p>\n", bp, t->path, id, t->noun);
	buf_fmt(b, "<p><a href=\"%a/manage/components\">Back to components</a>"
	    "</p>\n", bp);
	manage_close(b, req);
}

static void
form_new(struct request *req, struct response *resp, const struct thing *t)
{
	struct thing_form	f = { NULL, NULL, NULL };

	if (manage_snapshot(req, resp) != NULL)
		render_form(req, resp, t, NULL, &f, NULL);
}

static void
form_edit(struct request *req, struct response *resp, const struct thing *t)
{
	struct thing_form	f;

	if (find(req, resp, t, &f) == 0)
		render_form(req, resp, t, req->params[0], &f, NULL);
}

/*
 * The form's fields as the API's body: {"component": {"name", ...}};
 * *f what was typed.  A component's group: "" is none (null, which takes
 * it out of its group on an edit; left out of a creation).
 */
static json_object *
form_body(struct request *req, const struct thing *t, int create,
    struct thing_form *f)
{
	json_object	*body = json_own(req->arena, json_object_new_object());
	json_object	*o = json_object_new_object();
	const char	*g = manage_field(req, "group_id");

	f->name = manage_field(req, "name");
	f->description = manage_field(req, "description");
	f->group_id = g != NULL && *g != '\0' ? g : NULL;
	json_object_object_add(o, "name", json_object_new_string(f->name != NULL ?
	    f->name : ""));
	json_object_object_add(o, "description", json_object_new_string(
	    f->description != NULL ? f->description : ""));
	if (t == &component && (f->group_id != NULL || !create))
		json_object_object_add(o, "group_id", f->group_id != NULL ?
		    json_object_new_string(f->group_id) : NULL);
	json_object_object_add(body, t->key, o);
	return body;
}

/*
 * An empty description is none: the API refuses "" (so an edit cannot
 * clear one yet; it keeps what is there).
 */
static void
drop_empty_description(json_object *body, const struct thing *t)
{
	json_object	*o, *d;

	if (json_object_object_get_ex(body, t->key, &o) &&
	    json_object_object_get_ex(o, "description", &d) &&
	    *json_object_get_string(d) == '\0')
		json_object_object_del(o, "description");
}

static int
same(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

/*
 * After the last of a group's components (in NULL: of the page's top
 * level), where a new one goes too: the API keeps a moved component's
 * position, which means nothing among its new siblings.
 */
static long
last_place(const struct model *m, const char *in)
{
	long	next = 0;
	size_t	i;

	for (i = 0; i < m->ncomponents; i++)
		if (same(m->components[i].group_id, in) &&
		    m->components[i].position >= next)
			next = m->components[i].position + 1;
	for (i = 0; in == NULL && i < m->ngroups; i++)
		if (m->groups[i].position >= next)
			next = m->groups[i].position + 1;
	return next;
}

static void
create(struct request *req, struct response *resp, const struct thing *t)
{
	struct thing_form	 f;
	struct write_outcome	 out;
	json_object		*body;

	if (manage_snapshot(req, resp) == NULL)
		return;
	body = form_body(req, t, 1, &f);
	drop_empty_description(body, t);
	if (manage_write(req, resp, t->create, NULL, 0, body, &out) == -1)
		render_form(req, resp, t, NULL, &f, &out);
	else
		manage_redirect(req, resp, "/manage/components");
}

static void
edit(struct request *req, struct response *resp, const struct thing *t)
{
	struct thing_form	 f, now;
	struct write_outcome	 out;
	const char		*ids[1] = { req->params[0] };
	json_object		*body;

	if (find(req, resp, t, &now) == -1)
		return;
	body = form_body(req, t, 0, &f);
	drop_empty_description(body, t);
	if (t == &component && !same(f.group_id, now.group_id))
		json_object_object_add(json_object_object_get(body, t->key),
		    "position", json_object_new_int64(last_place(&req->snap->model,
		    f.group_id)));
	if (manage_write(req, resp, t->update, ids, 1, body, &out) == -1)
		render_form(req, resp, t, req->params[0], &f, &out);
	else
		manage_redirect(req, resp, "/manage/components");
}

static void
confirm_delete(struct request *req, struct response *resp,
    const struct thing *t)
{
	struct thing_form	 f;
	struct buf		*b = &resp->body;
	const char		*bp = req->cfg->base_path;

	if (find(req, resp, t, &f) == -1)
		return;
	manage_open(b, req, arena_printf(req->arena, "Delete %s", f.name));
	buf_fmt(b, "<h1>Delete the %h \xe2\x80\x9c%h\xe2\x80\x9d?</h1>\n<p>%h</p>\n"
	    "<form method=\"post\" action=\"%a/manage/%a/%u/delete\">", t->noun,
	    f.name, t->gone, bp, t->path, req->params[0]);
	manage_form_tokens(b, req);
	buf_fmt(b, "<button type=\"submit\">Delete it</button></form>\n"
	    "<p><a href=\"%a/manage/%a/%u\">Keep it</a></p>\n", bp, t->path,
	    req->params[0]);
	manage_close(b, req);
}

static void
delete(struct request *req, struct response *resp, const struct thing *t)
{
	struct thing_form	 f;
	struct write_outcome	 out;
	const char		*ids[1] = { req->params[0] };

	if (find(req, resp, t, &f) == -1)
		return;
	if (manage_write(req, resp, t->remove, ids, 1, NULL, &out) == -1)
		render_form(req, resp, t, req->params[0], &f, &out);
	else
		manage_redirect(req, resp, "/manage/components");
}

/* One step up or down; the list again with the refusal if refused. */
static void
move(struct request *req, struct response *resp, const struct write_op *op)
{
	const char		*dir = manage_field(req, "direction");
	const char		*ids[1] = { req->params[0] };
	json_object		*body = json_own(req->arena, json_object_new_object());
	struct write_outcome	 out;

	json_object_object_add(body, "direction", json_object_new_string(
	    dir != NULL ? dir : ""));
	if (manage_write(req, resp, op, ids, 1, body, &out) == 0)
		manage_redirect(req, resp, "/manage/components");
	else
		manage_components(req, resp, &out);
}

/* Up and down, one form: each button says what it moves, to a screen reader. */
static void
move_form(struct buf *b, const struct request *req, const char *path,
    const char *id, const char *name, int first, int last)
{
	buf_fmt(b, "<form method=\"post\" class=\"move-form\" "
	    "action=\"%a/manage/%a/%u/move\">", req->cfg->base_path, path, id);
	manage_form_tokens(b, req);
	if (!first)
		buf_fmt(b, "<button type=\"submit\" class=\"quiet\" name=\"direction\" "
		    "value=\"up\">Up<span class=\"visually-hidden\">: move %h up"
		    "</span></button>", name);
	if (!last)
		buf_fmt(b, "<button type=\"submit\" class=\"quiet\" name=\"direction\" "
		    "value=\"down\">Down<span class=\"visually-hidden\">: move %h "
		    "down</span></button>", name);
	buf_puts(b, "</form>\n");
}

static void
component_row(struct buf *b, const struct request *req,
    const struct component *c, int first, int last)
{
	buf_fmt(b, "<li class=\"manage-row%s\">\n<span class=\"name\"><a "
	    "href=\"%a/manage/components/%u\">%h</a></span>\n",
	    c->group_id != NULL ? " in-group" : "", req->cfg->base_path, c->id,
	    c->name);
	ui_component_status(b, c->status);
	buf_puts(b, "\n");
	move_form(b, req, "components", c->id, c->name, first, last);
	buf_puts(b, "</li>\n");
}

/* The page's top level: groups and ungrouped components, in its order. */
struct top {
	const struct component	*c;
	const struct group	*g;
	long			 position;
	long long		 id;
};

static int
top_order(const void *x, const void *y)
{
	const struct top	*a = x, *b = y;

	if (a->position != b->position)
		return a->position < b->position ? -1 : 1;
	/* db.c's: an ungrouped component before a group at the same place. */
	if ((a->g != NULL) != (b->g != NULL))
		return a->g != NULL ? 1 : -1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static void
group_rows(struct buf *b, const struct request *req, const struct model *m,
    const struct group *g, int first, int last)
{
	const struct component	*c;
	size_t			 i;

	buf_fmt(b, "<li class=\"manage-group\">\n<span class=\"name\"><a "
	    "href=\"%a/manage/groups/%u\">%h</a></span>\n", req->cfg->base_path,
	    g->id, g->name);
	move_form(b, req, "groups", g->id, g->name, first, last);
	buf_puts(b, "</li>\n");
	for (i = 0; i < g->nchildren; i++)
		if ((c = model_component(m, g->children[i])) != NULL)
			component_row(b, req, c, i == 0, i + 1 == g->nchildren);
	if (g->nchildren == 0)
		buf_puts(b, "<li class=\"manage-row in-group empty\">No components "
		    "in this group.</li>\n");
}

void
manage_components(struct request *req, struct response *resp,
    const struct write_outcome *refused)
{
	const struct snapshot	*s;
	const struct model	*m;
	struct buf		*b = &resp->body;
	struct top		*top;
	const char		*bp = req->cfg->base_path;
	size_t			 i, n = 0;

	if ((s = manage_snapshot(req, resp)) == NULL)
		return;
	m = &s->model;
	top = arena_calloc(req->arena, m->ncomponents + m->ngroups + 1,
	    sizeof(*top));
	for (i = 0; i < m->ncomponents; i++)
		if (m->components[i].group_id == NULL)
			top[n++] = (struct top){ &m->components[i], NULL,
			    m->components[i].position,
			    strtoll(m->components[i].id, NULL, 10) };
	for (i = 0; i < m->ngroups; i++)
		top[n++] = (struct top){ NULL, &m->groups[i], m->groups[i].position,
		    strtoll(m->groups[i].id, NULL, 10) };
	qsort(top, n, sizeof(*top), top_order);
	manage_open(b, req, "Components");
	buf_fmt(b, "<h1>Components</h1>\n<p class=\"actions\"><a "
	    "href=\"%a/manage/components/new\">New component</a> <a "
	    "href=\"%a/manage/groups/new\">New group</a></p>\n", bp, bp);
	if (refused != NULL)
		manage_refusal(b, refused);
	if (n == 0)
		buf_puts(b, "<p class=\"empty\">No components yet.</p>\n");
	else
		buf_puts(b, "<ul class=\"manage-list\">\n");
	for (i = 0; i < n; i++)
		if (top[i].c != NULL)
			component_row(b, req, top[i].c, i == 0, i + 1 == n);
		else
			group_rows(b, req, m, top[i].g, i == 0, i + 1 == n);
	if (n > 0)
		buf_puts(b, "</ul>\n");
	manage_close(b, req);
}

/*
 * GET /manage/components, signed in: the page's components and groups in
 * its order, each with its status, a link to edit it and buttons to move
 * it up or down; links to make new ones.  From the snapshot.  200; 503
 * without one.  Reads only.
 */
void
ui_manage_components(struct request *req, struct response *resp)
{
	manage_components(req, resp, NULL);
}

/*
 * GET /manage/components/new and /manage/groups/new, signed in: the
 * form (name, description, and a component's group).  200.  Reads only.
 */
void
ui_manage_component_new(struct request *req, struct response *resp)
{
	form_new(req, resp, &component);
}

void
ui_manage_group_new(struct request *req, struct response *resp)
{
	form_new(req, resp, &group);
}

/*
 * POST /manage/components/new and /manage/groups/new, signed in: a new
 * one, last of its group or of the page, through the API's creation.
 * 303 to the list once the snapshot has it; the form again, as typed,
 * with the refusal (4xx: a name the page has, an empty one).
 */
void
ui_manage_component_create(struct request *req, struct response *resp)
{
	create(req, resp, &component);
}

void
ui_manage_group_create(struct request *req, struct response *resp)
{
	create(req, resp, &group);
}

/*
 * GET /manage/components/{id} and /manage/groups/{id}, signed in: the
 * form to rename it, describe it and (a component) put it into a group
 * or take it out, and the way to delete it.  200; 404.  Reads only.
 */
void
ui_manage_component_edit_form(struct request *req, struct response *resp)
{
	form_edit(req, resp, &component);
}

void
ui_manage_group_edit_form(struct request *req, struct response *resp)
{
	form_edit(req, resp, &group);
}

/*
 * POST /manage/components/{id} and /manage/groups/{id}, signed in: the
 * edit, through the API's update.  303 to the list; 404; the form again
 * with the refusal (4xx).
 */
void
ui_manage_component_edit(struct request *req, struct response *resp)
{
	edit(req, resp, &component);
}

void
ui_manage_group_edit(struct request *req, struct response *resp)
{
	edit(req, resp, &group);
}

/*
 * GET /manage/components/{id}/delete and /manage/groups/{id}/delete,
 * signed in: asks to confirm, saying what goes with it.  200; 404.
 */
void
ui_manage_component_delete_form(struct request *req, struct response *resp)
{
	confirm_delete(req, resp, &component);
}

void
ui_manage_group_delete_form(struct request *req, struct response *resp)
{
	confirm_delete(req, resp, &group);
}

/*
 * POST /manage/components/{id}/delete and /manage/groups/{id}/delete,
 * signed in, from the confirmation: through the API's deletion.  303 to
 * the list; 404.
 */
void
ui_manage_component_delete(struct request *req, struct response *resp)
{
	delete(req, resp, &component);
}

void
ui_manage_group_delete(struct request *req, struct response *resp)
{
	delete(req, resp, &group);
}

/*
 * POST /manage/components/{id}/move and /manage/groups/{id}/move, signed
 * in: direction up or down, one place among its siblings (a group's
 * components, or the page's top level).  303 to the list; 404; the list
 * with the refusal (409 at either end, 422 for another direction).
 */
void
ui_manage_component_move(struct request *req, struct response *resp)
{
	move(req, resp, &manage_component_move);
}

void
ui_manage_group_move(struct request *req, struct response *resp)
{
	move(req, resp, &manage_group_move);
}
