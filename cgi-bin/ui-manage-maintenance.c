/*
 * ui-manage-maintenance.c: the console's scheduled maintenance, under
 * /manage/maintenance: the list, scheduling, editing, updates, cancelling
 */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "fmt.h"
#include "handlers.h"
#include "http.h"
#include "input.h"
#include "json.h"
#include "manage.h"
#include "model.h"
#include "notices.h"
#include "snapshot.h"
#include "status.h"
#include "ui-shared.h"
#include "write.h"

/* One of the form's two times, as typed, and what became of it. */
struct when {
	const char	*field;		/* the form's: "starts" */
	const char	*label;		/* "Starts" */
	const char	*api;		/* the API's: "incident.scheduled_for" */
	const char	*value;		/* as typed: "2026-10-25T02:30" */
	const char	*fold;		/* "first" or "second" when shown twice */
	int		 twice;		/* asks the person which of two */
	int		 before, after;	/* the offsets either side of the change */
	char		 iso[21];	/* the instant, UTC, for the API */
};

/* What the person typed, kept when the form is shown again. */
struct maint_form {
	const char	*name, *body;
	struct when	 starts, ends;
	int		 auto_start, auto_end;
	const char	**ids;		/* affected components, checked */
	size_t		 nids;
};

static void
read_form(struct request *req, const struct model *m, struct maint_form *f)
{
	size_t	i;

	memset(f, 0, sizeof(*f));
	f->name = manage_field(req, "name");
	f->body = manage_field(req, "body");
	f->starts = (struct when){ "starts", "Starts", "incident.scheduled_for",
	    manage_field(req, "starts"), manage_field(req, "starts_fold"), 0, 0,
	    0, "" };
	f->ends = (struct when){ "ends", "Ends", "incident.scheduled_until",
	    manage_field(req, "ends"), manage_field(req, "ends_fold"), 0, 0, 0,
	    "" };
	f->auto_start = manage_field(req, "auto_start") != NULL;
	f->auto_end = manage_field(req, "auto_end") != NULL;
	f->ids = arena_calloc(req->arena, m->ncomponents + 1, sizeof(*f->ids));
	for (i = 0; i < m->ncomponents; i++)
		if (manage_field(req, arena_printf(req->arena, "component-%s",
		    m->components[i].id)) != NULL)
			f->ids[f->nids++] = m->components[i].id;
}

struct zone {
	struct db	*db;
	const char	*name;
};

static int
page_offset(void *ctx, long long at, int *offset)
{
	const struct zone	*z = ctx;

	return db_zone_offset(z->db, z->name, at, offset);
}

/* A refusal of the console's own, as the API's are kept. */
static int
refuse(struct write_outcome *out, int status, const char *message,
    const char *field)
{
	*out = (struct write_outcome){ .status = status, .message = message,
	    .field = field };
	return -1;
}

/*
 * w's wall time in the page's zone into w->iso.  A time the clocks skip
 * is refused; one they show twice (the change back) is asked about, and
 * the answer (w->fold) chooses: no guess is right for both a 02:30 job
 * and an operator who meant the earlier hour.
 */
static int
to_utc(struct request *req, const struct page *p, struct when *w,
    struct write_outcome *out)
{
	struct zone		 z = { req->db, p->time_zone };
	struct clock_local_time	 t;
	struct arena		*a = req->arena;
	long long		 wall;
	int			 gap;

	if (w->value == NULL || *w->value == '\0')
		return refuse(out, 422, arena_printf(a, "%s: give a date and a "
		    "time.", w->label), w->api);
	switch (clock_local_parse(w->value, strlen(w->value), &wall)) {
	case CLOCK_LOCAL_OK:
		break;
	default:
		return refuse(out, 422, arena_printf(a, "%s: \"%s\" is not a "
		    "date and time from 1970 on (YYYY-MM-DDTHH:MM).", w->label,
		    w->value), w->api);
	}
	switch (clock_local_instant(wall, page_offset, &z, &t)) {
	case CLOCK_LOCAL_OK:
		break;
	case CLOCK_LOCAL_TWICE:
		w->before = t.before;
		w->after = t.after;
		if (w->fold != NULL && strcmp(w->fold, "second") == 0)
			t.first = t.second;
		else if (w->fold == NULL || strcmp(w->fold, "first") != 0) {
			w->twice = 1;
			return refuse(out, 422, arena_printf(a, "%s: %s happens "
			    "twice in %s, as the clocks go back from %s to %s: "
			    "choose which one below.", w->label,
			    clock_local_text(a, wall, 0), p->time_zone,
			    clock_offset_text(a, t.before),
			    clock_offset_text(a, t.after)), w->api);
		}
		break;
	case CLOCK_LOCAL_GAP:
		gap = (t.after - t.before) / 60;
		return refuse(out, 422, arena_printf(a, "%s: %s does not exist "
		    "in %s: the clocks go forward %d minutes then (from %s to "
		    "%s). Choose a time before or after the change.", w->label,
		    clock_local_text(a, wall, 0), p->time_zone, gap,
		    clock_offset_text(a, t.before), clock_offset_text(a,
		    t.after)), w->api);
	case CLOCK_LOCAL_FORM:
	case CLOCK_LOCAL_FAILED:
		return refuse(out, 503, "The page's time zone cannot be read "
		    "just now; nothing was written. Try again in a moment.",
		    w->api);
	}
	clock_iso_utc((time_t)t.first, w->iso);
	return 0;
}

/*
 * The form's times that are news (starts, ends) into UTC.  Both are
 * looked at, so that one answer asks every question (two times shown
 * twice), but the first refusal is the one *out says.
 */
static int
both_utc(struct request *req, struct maint_form *f, int starts, int ends,
    struct write_outcome *out)
{
	const struct page	*p = &req->snap->model.page;
	struct write_outcome	 second;
	int			 bad = 0;

	if (starts && to_utc(req, p, &f->starts, out) == -1)
		bad = 1;
	if (ends && to_utc(req, p, &f->ends, bad ? &second : out) == -1)
		bad = 1;
	return bad ? -1 : 0;
}

/* The page's wall-clock form of a stored time, for an input's value. */
static const char *
local_value(const struct moment *m)
{
	/* The ISO form is the page's wall clock already: 2026-10-25T02:30:00.000+02:00. */
	static const size_t	n = sizeof("2026-10-25T02:30") - 1;

	return m->iso != NULL && strlen(m->iso) > n ? m->iso : NULL;
}

static const char *
local_of(struct arena *a, const struct moment *m)
{
	const char	*iso = local_value(m);

	return iso != NULL ? arena_strndup(a, iso, 16) : "";
}

/* The attributes that tie an input to the refusal that names it. */
static void
invalid(struct buf *b, const struct write_outcome *out, const char *api)
{
	if (out != NULL && out->field != NULL &&
	    strncmp(out->field, api, strlen(api)) == 0)
		buf_puts(b, " aria-invalid=\"true\" aria-describedby=\"form-error\"");
}

static void
refusal(struct buf *b, const struct write_outcome *out)
{
	if (out == NULL)
		return;
	buf_puts(b, "<div id=\"form-error\">");
	manage_refusal(b, out);
	buf_puts(b, "</div>\n");
}

static void
when_input(struct buf *b, const struct request *req, const struct when *w,
    const struct write_outcome *out)
{
	struct arena	*a = req->arena;

	buf_fmt(b, "<label for=\"m-%a\">%h</label>\n<input type=\"datetime-local\" "
	    "id=\"m-%a\" name=\"%a\" required value=\"%a\"", w->field, w->label,
	    w->field, w->field, w->value != NULL ? w->value : "");
	/* The zone is said once, above both times; each points to it. */
	if (out != NULL && out->field != NULL && strcmp(out->field, w->api) == 0)
		buf_puts(b, " aria-invalid=\"true\" aria-describedby=\"form-error "
		    "m-zone\">\n");
	else
		buf_puts(b, " aria-describedby=\"m-zone\">\n");
	if (!w->twice)
		return;
	buf_fmt(b, "<fieldset class=\"choice\">\n<legend>%h: which %h?</legend>\n"
	    "<label><input type=\"radio\" name=\"%a_fold\" value=\"first\"> "
	    "The first, at %h (before the clocks go back)</label>\n"
	    "<label><input type=\"radio\" name=\"%a_fold\" value=\"second\"> "
	    "The second, at %h (after)</label>\n</fieldset>\n", w->label,
	    w->value, w->field, clock_offset_text(a, w->before), w->field,
	    clock_offset_text(a, w->after));
}

static void
components_fieldset(struct buf *b, const struct model *m,
    const struct maint_form *f, const struct write_outcome *out)
{
	size_t	i, j;
	int	on;

	if (m->ncomponents == 0)
		return;
	buf_puts(b, "<fieldset class=\"checks\"");
	if (out != NULL && out->field != NULL &&
	    strncmp(out->field, "incident.component", 18) == 0)
		buf_puts(b, " aria-describedby=\"form-error\"");
	buf_puts(b, ">\n<legend>Components affected</legend>\n");
	for (i = 0; i < m->ncomponents; i++) {
		const struct component	*c = &m->components[i];

		for (on = 0, j = 0; j < f->nids && !on; j++)
			on = strcmp(f->ids[j], c->id) == 0;
		buf_fmt(b, "<label><input type=\"checkbox\" name=\"component-%a\" "
		    "value=\"1\"%s> %h</label>\n", c->id, on ? " checked" : "",
		    c->name);
	}
	buf_puts(b, "</fieldset>\n");
}

/* The schedule: new (n NULL) or an edit of n; f what to show in it. */
static void
schedule_form(struct buf *b, const struct request *req, const struct snapshot *s,
    const struct notice *n, const struct maint_form *f,
    const struct write_outcome *out)
{
	const char	*bp = req->cfg->base_path;

	if (n == NULL)
		buf_fmt(b, "<form method=\"post\" class=\"stack\" "
		    "action=\"%a/manage/maintenance/new\">\n", bp);
	else
		buf_fmt(b, "<form method=\"post\" class=\"stack\" "
		    "action=\"%a/manage/maintenance/%u\">\n", bp, n->id);
	manage_form_tokens(b, req);
	buf_fmt(b, "\n<label for=\"m-name\">Name</label>\n<input type=\"text\" "
	    "id=\"m-name\" name=\"name\" required maxlength=\"300\" value=\"%a\"",
	    f->name != NULL ? f->name : "");
	invalid(b, out, "incident.name");
	buf_fmt(b, ">\n<p class=\"hint\" id=\"m-zone\">Times are the page's: "
	    "%h.</p>\n", s->model.page.time_zone);
	when_input(b, req, &f->starts, out);
	when_input(b, req, &f->ends, out);
	if (n == NULL) {
		buf_fmt(b, "<label><input type=\"checkbox\" name=\"auto_start\" "
		    "value=\"1\"%s> Start by itself at that time</label>\n"
		    "<label><input type=\"checkbox\" name=\"auto_end\" value=\"1\"%s>"
		    " Complete by itself at the end</label>\n",
		    f->auto_start ? " checked" : "", f->auto_end ? " checked" : "");
		buf_puts(b, "<label for=\"m-body\">Message (Markdown)</label>\n"
		    "<textarea id=\"m-body\" name=\"body\" rows=\"5\"");
		invalid(b, out, "incident.body");
		buf_fmt(b, ">%h</textarea>\n", f->body != NULL ? f->body : "");
	}
	components_fieldset(b, &s->model, f, out);
	buf_fmt(b, "<button type=\"submit\">%s</button>\n</form>\n", n == NULL ?
	    "Schedule" : "Save changes");
}

static void
render_new(struct request *req, struct response *resp,
    const struct maint_form *f, const struct write_outcome *out)
{
	const struct snapshot	*s = req->snap;
	struct buf		*b = &resp->body;

	manage_open(b, req, "Schedule maintenance");
	buf_puts(b, "<h1>Schedule maintenance</h1>\n");
	refusal(b, out);
	schedule_form(b, req, s, NULL, f, out);
	manage_close(b, req);
}

/*
 * GET /manage/maintenance/new, signed in: the form to schedule
 * maintenance, times in the page's zone, starting and completing by
 * itself unless unticked.  200; 503 without a snapshot.  Reads only.
 */
void
ui_manage_maintenance_new(struct request *req, struct response *resp)
{
	struct maint_form	f;

	if (manage_snapshot(req, resp) == NULL)
		return;
	memset(&f, 0, sizeof(f));
	f.starts = (struct when){ "starts", "Starts", "incident.scheduled_for",
	    NULL, NULL, 0, 0, 0, "" };
	f.ends = (struct when){ "ends", "Ends", "incident.scheduled_until",
	    NULL, NULL, 0, 0, 0, "" };
	f.auto_start = f.auto_end = 1;
	render_new(req, resp, &f, NULL);
}

static void
add_string(json_object *o, const char *key, const char *v)
{
	if (v != NULL)
		json_object_object_add(o, key, json_object_new_string(v));
}

static json_object *
id_array(const struct maint_form *f)
{
	json_object	*ids = json_object_new_array();
	size_t		 i;

	for (i = 0; i < f->nids; i++)
		json_object_array_add(ids, json_object_new_string(f->ids[i]));
	return ids;
}

/* {"incident": {...}} in the arena; *inc the inner object. */
static json_object *
incident_body(struct request *req, json_object **inc)
{
	json_object	*body = json_own(req->arena, json_object_new_object());

	*inc = json_object_new_object();
	json_object_object_add(body, "incident", *inc);
	return body;
}

/*
 * POST /manage/maintenance/new, signed in, from the form: schedules the
 * maintenance through the API's incident creation (status scheduled,
 * the times in UTC, Statuspage's scheduled_auto_in_progress and
 * _completed, the components it affects).  303 to its screen once the
 * snapshot holds it; the form again (4xx) with the input kept if a time
 * does not exist in the page's zone, happens twice there (then asking
 * which), or the API refuses.
 */
void
ui_manage_maintenance_create(struct request *req, struct response *resp)
{
	const struct snapshot	*s;
	struct maint_form	 f;
	struct write_outcome	 out;
	json_object		*body, *inc;
	const char		*text;

	if ((s = manage_snapshot(req, resp)) == NULL)
		return;
	read_form(req, &s->model, &f);
	body = incident_body(req, &inc);
	add_string(inc, "name", f.name != NULL ? f.name : "");
	add_string(inc, "status", notice_statuses[NOTICE_SCHEDULED].name);
	text = f.body != NULL && *f.body != '\0' ? f.body : NULL;
	add_string(inc, "body", text);
	json_object_object_add(inc, "scheduled_auto_in_progress",
	    json_object_new_boolean(f.auto_start));
	json_object_object_add(inc, "scheduled_auto_completed",
	    json_object_new_boolean(f.auto_end));
	json_object_object_add(inc, "component_ids", id_array(&f));
	if (both_utc(req, &f, 1, 1, &out) == -1) {
		resp->status = out.status;
		render_new(req, resp, &f, &out);
		return;
	}
	add_string(inc, "scheduled_for", f.starts.iso);
	add_string(inc, "scheduled_until", f.ends.iso);
	if (manage_write(req, resp, &api_v1_incident_create, NULL, 0, body,
	    &out) == -1) {
		render_new(req, resp, &f, &out);
		return;
	}
	manage_redirect(req, resp, arena_printf(req->arena,
	    "/manage/maintenance/%s", out.id));
}

/* The maintenance of the path, or NULL with resp the 404 (or 503). */
static const struct notice *
find(struct request *req, struct response *resp)
{
	const struct snapshot	*s;
	const struct notice	*n = NULL;

	if ((s = manage_snapshot(req, resp)) == NULL)
		return NULL;
	if (!input_is_id(req->params[0]))
		goto none;
	switch (snapshot_find_notice(s, req->db, req->arena, req->params[0], &n)) {
	case MODEL_OK:
		if (n->kind == KIND_MAINTENANCE)
			return n;
		break;
	case MODEL_NOT_FOUND:
		break;
	case MODEL_DB_ERROR:
		http_db_unavailable(req, resp);
		return NULL;
	}
none:
	http_error(req, resp, 404, "There is no such maintenance on this page.");
	return NULL;
}

/* The form as stored, for an edit not yet typed in. */
static void
stored_form(struct request *req, const struct notice *n, struct maint_form *f)
{
	size_t	i;

	memset(f, 0, sizeof(*f));
	f->name = n->name;
	f->starts = (struct when){ "starts", "Starts", "incident.scheduled_for",
	    local_of(req->arena, &n->scheduled_for), NULL, 0, 0, 0, "" };
	f->ends = (struct when){ "ends", "Ends", "incident.scheduled_until",
	    local_of(req->arena, &n->scheduled_until), NULL, 0, 0, 0, "" };
	f->ids = arena_calloc(req->arena, n->naffected + 1, sizeof(*f->ids));
	for (i = 0; i < n->naffected; i++)
		f->ids[f->nids++] = n->affected[i].id;
}

static int
is_open(const struct notice *n)
{
	return notice_statuses[n->status].phase != PHASE_OVER;
}

/* An update: a new status and a message for the timeline. */
static void
update_form(struct buf *b, const struct request *req, const struct notice *n,
    const struct write_outcome *out)
{
	int	i;

	buf_fmt(b, "<form method=\"post\" class=\"stack\" "
	    "action=\"%a/manage/maintenance/%u/update\">\n", req->cfg->base_path,
	    n->id);
	manage_form_tokens(b, req);
	buf_puts(b, "\n<label for=\"u-status\">Status</label>\n"
	    "<select id=\"u-status\" name=\"status\">\n");
	for (i = 0; i < NOTICE_STATUS_INPUTS; i++)
		if (notice_statuses[i].kind == KIND_MAINTENANCE)
			buf_fmt(b, "<option value=\"%a\"%s>%h</option>\n",
			    notice_statuses[i].name, i == (int)n->status ?
			    " selected" : "", notice_statuses[i].label);
	buf_puts(b, "</select>\n<label for=\"u-body\">Message (Markdown)</label>\n"
	    "<textarea id=\"u-body\" name=\"body\" rows=\"4\"");
	invalid(b, out, "incident.body");
	buf_puts(b, "></textarea>\n<button type=\"submit\">Post update</button>\n"
	    "</form>\n");
}

/* Its screen; a refusal (and the edit form as typed, f) on top if not NULL. */
static void
render_one(struct request *req, struct response *resp, const struct notice *n,
    const struct maint_form *typed, const struct write_outcome *out)
{
	const struct snapshot	*s = req->snap;
	struct buf		*b = &resp->body;
	const char		*bp = req->cfg->base_path;
	struct maint_form	 f;

	manage_open(b, req, n->name);
	buf_fmt(b, "<h1>%h</h1>\n<p><span class=\"badge\">%h</span> ", n->name,
	    notice_statuses[n->status].label);
	ui_time(b, &n->scheduled_for);
	buf_puts(b, " \xe2\x80\x93 ");
	ui_time(b, &n->scheduled_until);
	buf_fmt(b, "</p>\n<p><a href=\"%a/incidents/%u\">On the status page</a>"
	    "</p>\n", bp, n->id);
	refusal(b, out);
	if (is_open(n)) {
		if (typed == NULL)
			stored_form(req, n, &f);
		buf_puts(b, "<section aria-labelledby=\"edit-h\">\n"
		    "<h2 id=\"edit-h\">Edit</h2>\n");
		schedule_form(b, req, s, n, typed != NULL ? typed : &f, out);
		buf_puts(b, "</section>\n<section aria-labelledby=\"update-h\">\n"
		    "<h2 id=\"update-h\">Post an update</h2>\n");
		update_form(b, req, n, out);
		buf_puts(b, "</section>\n");
		if (notice_statuses[n->status].phase == PHASE_TO_COME)
			buf_fmt(b, "<p><a class=\"button-link\" "
			    "href=\"%a/manage/maintenance/%u/cancel\">Cancel this "
			    "maintenance</a></p>\n", bp, n->id);
	}
	buf_puts(b, "<section aria-labelledby=\"timeline-h\">\n"
	    "<h2 id=\"timeline-h\">Timeline</h2>\n");
	ui_notice_updates(b, n, 3);
	buf_puts(b, "</section>\n");
	manage_close(b, req);
}

/*
 * The API's update of n with body: 303 back to its screen, or the screen
 * again with the refusal (and the edit form as typed, if typed).
 */
static void
update_write(struct request *req, struct response *resp, const struct notice *n,
    json_object *body, const struct maint_form *typed)
{
	struct write_outcome	 out;
	const char		*ids[1] = { n->id };

	if (manage_write(req, resp, &api_v1_incident_update, ids, 1, body,
	    &out) == -1)
		render_one(req, resp, n, typed, &out);
	else
		manage_redirect(req, resp, arena_printf(req->arena,
		    "/manage/maintenance/%s", n->id));
}

/*
 * GET /manage/maintenance/{id}, signed in: one maintenance, its times in
 * the page's zone; while open, forms to edit it and to post an update,
 * and before it begins a link to cancel it; its timeline.  200; 404 for
 * no maintenance of the page.  Reads only.
 */
void
ui_manage_maintenance_show(struct request *req, struct response *resp)
{
	const struct notice	*n;

	if ((n = find(req, resp)) != NULL)
		render_one(req, resp, n, NULL, NULL);
}

/*
 * POST /manage/maintenance/{id}, signed in, from its edit form: a new
 * name, times (sent only if changed, so an untouched time shown twice
 * is not asked about again) and affected components, through the API's
 * incident update (no timeline entry).  303 back to its screen; the
 * screen again (4xx) with the input kept if refused.
 */
void
ui_manage_maintenance_edit(struct request *req, struct response *resp)
{
	const struct notice	*n;
	struct maint_form	 f;
	struct write_outcome	 out;
	json_object		*body, *inc;

	if ((n = find(req, resp)) == NULL)
		return;
	read_form(req, &req->snap->model, &f);
	body = incident_body(req, &inc);
	add_string(inc, "name", f.name != NULL ? f.name : "");
	json_object_object_add(inc, "component_ids", id_array(&f));
	if (both_utc(req, &f, f.starts.value == NULL || strcmp(f.starts.value,
	    local_of(req->arena, &n->scheduled_for)) != 0, f.ends.value == NULL ||
	    strcmp(f.ends.value, local_of(req->arena, &n->scheduled_until)) != 0,
	    &out) == -1) {
		resp->status = out.status;
		render_one(req, resp, n, &f, &out);
		return;
	}
	add_string(inc, "scheduled_for", f.starts.iso[0] != '\0' ?
	    f.starts.iso : NULL);
	add_string(inc, "scheduled_until", f.ends.iso[0] != '\0' ?
	    f.ends.iso : NULL);
	update_write(req, resp, n, body, &f);
}

/*
 * POST /manage/maintenance/{id}/update, signed in: a status (scheduled,
 * in_progress, verifying, completed) and a message (empty: the status's
 * own text) on the timeline, through the API's incident update.  303
 * back to its screen; the screen again with the refusal (4xx).
 */
void
ui_manage_maintenance_update(struct request *req, struct response *resp)
{
	const struct notice	*n;
	json_object		*body, *inc;
	const char		*status = manage_field(req, "status");
	const char		*text = manage_field(req, "body");

	if ((n = find(req, resp)) == NULL)
		return;
	body = incident_body(req, &inc);
	add_string(inc, "status", status != NULL ? status : "");
	add_string(inc, "body", text != NULL && *text != '\0' ? text : NULL);
	update_write(req, resp, n, body, NULL);
}

/* The path's maintenance if it may be cancelled; NULL with resp the 404 or 409. */
static const struct notice *
to_cancel(struct request *req, struct response *resp)
{
	const struct notice	*n;

	if ((n = find(req, resp)) == NULL)
		return NULL;
	if (notice_statuses[n->status].phase != PHASE_TO_COME) {
		http_error(req, resp, 409, "This maintenance has begun: end it "
		    "with a Completed update instead.");
		return NULL;
	}
	return n;
}

/*
 * GET /manage/maintenance/{id}/cancel, signed in: asks to confirm.  A
 * maintenance that has begun cannot be cancelled (it is ended with a
 * Completed update instead): 409 saying so.
 */
void
ui_manage_maintenance_cancel_form(struct request *req, struct response *resp)
{
	const struct notice	*n;
	struct buf		*b = &resp->body;

	if ((n = to_cancel(req, resp)) == NULL)
		return;
	manage_open(b, req, "Cancel maintenance");
	buf_fmt(b, "<h1>Cancel \xe2\x80\x9c%h\xe2\x80\x9d?</h1>\n<p>", n->name);
	ui_time(b, &n->scheduled_for);
	buf_puts(b, " \xe2\x80\x93 ");
	ui_time(b, &n->scheduled_until);
	buf_fmt(b, "</p>\n<p>It has not begun. Cancelled, it leaves the status "
	    "page, its JSON and the calendar feed; the audit log keeps what it "
	    "was.</p>\n<form method=\"post\" action=\"%a/manage/maintenance/%u/"
	    "cancel\">", req->cfg->base_path, n->id);
	manage_form_tokens(b, req);
	buf_fmt(b, "<button type=\"submit\">Cancel the maintenance</button>"
	    "</form>\n<p><a href=\"%a/manage/maintenance/%u\">Keep it</a></p>\n",
	    req->cfg->base_path, n->id);
	manage_close(b, req);
}

/*
 * POST /manage/maintenance/{id}/cancel, signed in, from the confirmation:
 * maintenance that has not begun is deleted through the API's incident
 * deletion (Statuspage has no "cancelled" status; one that never happened
 * should not stay in the history or in calendars as if it had).  303 to
 * the list; 409 once it has begun.
 */
void
ui_manage_maintenance_cancel(struct request *req, struct response *resp)
{
	const struct notice	*n;
	struct write_outcome	 out;
	const char		*ids[1] = { req->params[0] };

	if ((n = to_cancel(req, resp)) == NULL)
		return;
	if (manage_write(req, resp, &api_v1_incident_delete, ids, 1, NULL,
	    &out) == -1) {
		render_one(req, resp, n, NULL, &out);
		return;
	}
	manage_redirect(req, resp, "/manage/maintenance");
}

static void
list_row(struct buf *b, const struct request *req, const struct notice *n)
{
	buf_fmt(b, "<li class=\"manage-row\">\n<span class=\"name\"><a "
	    "href=\"%a/manage/maintenance/%u\">%h</a></span>\n<span "
	    "class=\"badge\">%h</span>\n<span class=\"when\">",
	    req->cfg->base_path, n->id, n->name,
	    notice_statuses[n->status].label);
	ui_time(b, &n->scheduled_for);
	buf_puts(b, " \xe2\x80\x93 ");
	ui_time(b, &n->scheduled_until);
	buf_puts(b, "</span>\n</li>\n");
}

/* Those of ns in phase (open ones) or over (phase PHASE_OVER), under a heading. */
static void
list_section(struct buf *b, const struct request *req, const struct notices *ns,
    enum notice_phase phase, const char *id, const char *title,
    const char *none)
{
	size_t	i, n = 0;

	buf_fmt(b, "<section aria-labelledby=\"%a\">\n<h2 id=\"%a\">%h</h2>\n",
	    id, id, title);
	for (i = 0; i < ns->n; i++) {
		const struct notice	*x = &ns->items[i];

		if (x->kind != KIND_MAINTENANCE ||
		    notice_statuses[x->status].phase != phase)
			continue;
		if (n++ == 0)
			buf_puts(b, "<ul class=\"manage-list\">\n");
		list_row(b, req, x);
	}
	if (n > 0)
		buf_puts(b, "</ul>\n");
	else
		buf_fmt(b, "<p class=\"empty\">%h</p>\n", none);
	buf_puts(b, "</section>\n");
}

/*
 * GET /manage/maintenance, signed in: maintenance under way, to come and
 * recently completed, each linking to its screen, and the way to schedule
 * more, from the snapshot.  200; 503 without one.  Reads only.
 */
void
ui_manage_maintenance(struct request *req, struct response *resp)
{
	const struct snapshot	*s;
	struct buf		*b = &resp->body;

	if ((s = manage_snapshot(req, resp)) == NULL)
		return;
	manage_open(b, req, "Maintenance");
	buf_fmt(b, "<h1>Maintenance</h1>\n<p><a class=\"button-link\" "
	    "href=\"%a/manage/maintenance/new\">Schedule maintenance</a></p>\n"
	    "<p class=\"hint\">Times are the page's: %h.</p>\n",
	    req->cfg->base_path, s->model.page.time_zone);
	list_section(b, req, &s->open, PHASE_UNDER_WAY, "under-way-h",
	    "Under way", "No maintenance under way.");
	list_section(b, req, &s->open, PHASE_TO_COME, "to-come-h", "To come",
	    "No maintenance scheduled.");
	list_section(b, req, &s->recent_maintenance, PHASE_OVER, "done-h",
	    "Completed lately", "None completed lately.");
	manage_close(b, req);
}
