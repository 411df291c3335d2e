/*
 * ui-manage-people.c: who may sign in to the console, under
 * /manage/people: listed, added (a password typed or made and shown
 * once), given a role, disabled and enabled, removed after a
 * confirmation.  Owners only (ROUTE_OWNER).  The last owner who can sign
 * in stays one: the database's rule (0017), which lanternctl user meets
 * too.
 */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "db.h"
#include "fmt.h"
#include "handlers.h"
#include "http.h"
#include "input.h"
#include "json.h"
#include "manage-owner.h"
#include "manage.h"
#include "session.h"
#include "write.h"

/* Live sessions count; hashes never leave the database. */
static const struct db_sql sql_people = { "people",
    "SELECT pp.id, pp.email, pp.role::text AS role,"
    "       pp.disabled_at IS NOT NULL AS disabled, "
    LOCAL_TIME("pp.created_at", "created") ","
    "       (SELECT count(*) FROM sessions s WHERE s.person_id = pp.id"
    "           AND s.expires_at > now() AND s.idle_expires_at > now())"
    "           AS sessions"
    "  FROM people pp JOIN pages p ON p.id = $1 ORDER BY lower(pp.email)" };

static const struct db_sql sql_person = { "console_person",
    "SELECT email FROM people WHERE id = $1" };

static void
role_form(struct buf *b, const struct request *req, const char *id,
    const char *email, const char *role)
{
	buf_fmt(b, "<form method=\"post\" class=\"status-form\" "
	    "action=\"%a/manage/people/%u\">", req->cfg->base_path, id);
	manage_form_tokens(b, req);
	buf_fmt(b, "<label class=\"visually-hidden\" for=\"role-%a\">Role of "
	    "%h</label><select id=\"role-%a\" name=\"role\">"
	    "<option value=\"editor\"%s>Editor</option>"
	    "<option value=\"owner\"%s>Owner</option></select>"
	    "<button type=\"submit\" class=\"quiet\">Set role</button></form>\n",
	    id, email, id, strcmp(role, "editor") == 0 ? " selected" : "",
	    strcmp(role, "owner") == 0 ? " selected" : "");
}

static void
person_row(struct buf *b, const struct request *req, const PGresult *res,
    int i)
{
	const char	*id = PQgetvalue(res, i, PQfnumber(res, "id"));
	const char	*email = PQgetvalue(res, i, PQfnumber(res, "email"));
	int		 disabled = *PQgetvalue(res, i, PQfnumber(res,
			    "disabled")) == 't';

	buf_fmt(b, "<li class=\"manage-row\">\n<span class=\"name\">%h</span>\n"
	    "<span><span class=\"badge\">%h</span>%s</span>\n"
	    "<span class=\"when\">since ", email,
	    PQgetvalue(res, i, PQfnumber(res, "role")),
	    disabled ? " <span class=\"badge\">disabled</span>" : "");
	owner_time(b, req, res, i, "created", "");
	buf_fmt(b, ", %h live session(s)</span>\n<div class=\"actions\">\n",
	    PQgetvalue(res, i, PQfnumber(res, "sessions")));
	role_form(b, req, id, email, PQgetvalue(res, i, PQfnumber(res, "role")));
	/* Oneself: never disabled nor removed here (write-owner.c refuses it too). */
	if (strcmp(id, req->session->person_id) == 0) {
		buf_puts(b, "</div>\n</li>\n");
		return;
	}
	buf_fmt(b, "<form method=\"post\" action=\"%a/manage/people/%u\">",
	    req->cfg->base_path, id);
	manage_form_tokens(b, req);
	buf_fmt(b, "<input type=\"hidden\" name=\"disabled\" value=\"%s\">"
	    "<button type=\"submit\" class=\"quiet\">%s<span "
	    "class=\"visually-hidden\"> %h</span></button></form>\n"
	    "<a class=\"button-link\" href=\"%a/manage/people/%u/remove\">Remove"
	    "<span class=\"visually-hidden\"> %h</span></a>\n</div>\n</li>\n",
	    disabled ? "0" : "1", disabled ? "Enable" : "Disable", email,
	    req->cfg->base_path, id, email);
}

static void
add_form(struct buf *b, const struct request *req,
    const struct write_outcome *out)
{
	const char	*role = owner_field(req, "role");

	buf_fmt(b, "<section aria-labelledby=\"add-h\">\n<h2 id=\"add-h\">Add "
	    "someone</h2>\n<form method=\"post\" class=\"stack\" "
	    "action=\"%a/manage/people\">", req->cfg->base_path);
	manage_form_tokens(b, req);
	buf_fmt(b, "<label for=\"person-email\">E-mail</label>\n<input "
	    "type=\"email\" id=\"person-email\" name=\"email\" required "
	    "autocomplete=\"off\" value=\"%a\"", owner_field(req, "email"));
	owner_invalid(b, out, "person.email", NULL);
	buf_fmt(b, ">\n<label for=\"person-role\">Role</label>\n<select "
	    "id=\"person-role\" name=\"role\"><option value=\"editor\"%s>Editor: "
	    "incidents, maintenance, components</option><option value=\"owner\"%s>"
	    "Owner: also people, API keys, settings</option></select>\n"
	    "<label for=\"person-password\">Password</label>\n<span class=\"hint\" "
	    "id=\"person-password-hint\">At least 10 characters; leave it empty "
	    "to have one made and shown to you once.</span>\n<input "
	    "type=\"password\" id=\"person-password\" name=\"password\" "
	    "autocomplete=\"new-password\"",
	    strcmp(role, "owner") != 0 ? " selected" : "",
	    strcmp(role, "owner") == 0 ? " selected" : "");
	owner_invalid(b, out, "person.password", "person-password-hint");
	buf_puts(b, ">\n<button type=\"submit\">Add</button></form>\n</section>\n");
}

static void
people_screen(struct request *req, struct response *resp,
    const struct write_outcome *out)
{
	struct buf	*b = &resp->body;
	const char	*page = owner_page(req, resp), *params[1];
	PGresult	*res;
	int		 i;

	if (page == NULL)
		return;
	params[0] = page;
	if ((res = db_own(req->arena, db_run(req->db, &sql_people, 1,
	    params))) == NULL) {
		http_db_unavailable(req, resp);
		return;
	}
	manage_open(b, req, "People");
	buf_puts(b, "<h1>People</h1>\n<p>Who may sign in here. Owners manage "
	    "people, API keys and the page; editors incidents, maintenance and "
	    "components. Someone disabled is signed out at once and cannot sign "
	    "in. There is always an owner who can sign in.</p>\n");
	owner_refusal(b, out);
	buf_puts(b, "<section aria-labelledby=\"people-h\">\n<h2 id=\"people-h\">"
	    "Everyone</h2>\n<ul class=\"manage-list\">\n");
	for (i = 0; i < PQntuples(res); i++)
		person_row(b, req, res, i);
	buf_puts(b, "</ul>\n</section>\n");
	add_form(b, req, out);
	manage_close(b, req);
}

/*
 * GET /manage/people (and HEAD): every person with role, since when, live
 * sessions, and what an owner may change.  200; 503 when the database
 * does not answer.
 */
void
ui_manage_people(struct request *req, struct response *resp)
{
	people_screen(req, resp, NULL);
}

/*
 * POST /manage/people (email, role, password): someone new.  303 to the
 * people; 200 with the password made, this once, when none was typed.
 * The screen again with the refusal (4xx) naming the field.
 */
void
ui_manage_person_add(struct request *req, struct response *resp)
{
	struct buf		*b = &resp->body;
	json_object		*body = json_own(req->arena, json_object_new_object());
	json_object		*p = json_object_new_object();
	const char		*pw = owner_field(req, "password");
	struct write_outcome	 out;

	json_object_object_add(p, "email", json_object_new_string(owner_field(req,
	    "email")));
	json_object_object_add(p, "role", json_object_new_string(owner_field(req,
	    "role")));
	if (*pw != '\0')
		json_object_object_add(p, "password", json_object_new_string(pw));
	json_object_object_add(body, "person", p);
	if (manage_write(req, resp, &owner_person_create, NULL, 0, body,
	    &out) == -1) {
		people_screen(req, resp, &out);
		return;
	}
	if (out.secret == NULL && !(out.replayed && *pw == '\0')) {
		manage_redirect(req, resp, "/manage/people");
		return;
	}
	if (out.secret == NULL) {
		/* A password made by the first of two sends is shown by neither again. */
		manage_open(b, req, "Someone added");
		buf_fmt(b, "<h1>%h may sign in</h1>\n<p role=\"status\">This form "
		    "was sent twice: they were added once, and the password made for "
		    "them was shown only on the first answer, which your browser may "
		    "not have shown. If you have not copied it, remove them and add "
		    "them again, or give them one with <code>lanternctl user "
		    "passwd</code>.</p>\n<p><a href=\"%a/manage/people\">Back to the "
		    "people</a></p>\n", owner_field(req, "email"), req->cfg->base_path);
		manage_close(b, req);
		return;
	}
	manage_open(b, req, "Someone added");
	buf_fmt(b, "<h1>%h may sign in</h1>\n<p role=\"status\">Give them this "
	    "password by a safe way: it is shown this once and never again.</p>\n"
	    "<div class=\"stack\"><label for=\"new-password\">Password</label>\n"
	    "<input type=\"text\" id=\"new-password\" class=\"secret\" readonly "
	    "spellcheck=\"false\" autocomplete=\"off\" value=\"%a\"></div>\n"
	    "<p><a href=\"%a/manage/people\">Back to the people</a></p>\n",
	    owner_field(req, "email"), out.secret, req->cfg->base_path);
	manage_close(b, req);
}

/*
 * POST /manage/people/{id} (role=owner|editor, or disabled=1|0): 303 to
 * the people once written (disabling ends their sessions at once); the
 * people with the refusal (4xx): the last owner, oneself disabled.
 */
void
ui_manage_person_change(struct request *req, struct response *resp)
{
	json_object		*body = json_own(req->arena, json_object_new_object());
	json_object		*p = json_object_new_object();
	const char		*ids[1] = { req->params[0] };
	const char		*role = manage_field(req, "role");
	const char		*disabled = manage_field(req, "disabled");
	struct write_outcome	 out;

	if (role != NULL)
		json_object_object_add(p, "role", json_object_new_string(role));
	if (disabled != NULL)
		json_object_object_add(p, "disabled", json_object_new_boolean(
		    strcmp(disabled, "0") != 0));
	json_object_object_add(body, "person", p);
	if (manage_write(req, resp, &owner_person_update, ids, 1, body,
	    &out) == 0)
		manage_redirect(req, resp, "/manage/people");
	else
		people_screen(req, resp, &out);
}

/* GET /manage/people/{id}/remove: the confirmation.  200; 404. */
void
ui_manage_person_remove_form(struct request *req, struct response *resp)
{
	struct buf	*b = &resp->body;
	const char	*params[1] = { req->params[0] };
	PGresult	*res;

	if (!input_is_id(req->params[0])) {
		http_error(req, resp, 404, "There is no such person.");
		return;
	}
	if ((res = db_own(req->arena, db_run(req->db, &sql_person, 1,
	    params))) == NULL) {
		http_db_unavailable(req, resp);
		return;
	}
	if (PQntuples(res) == 0) {
		http_error(req, resp, 404, "There is no such person.");
		return;
	}
	manage_open(b, req, "Remove someone");
	buf_fmt(b, "<h1>Remove %h</h1>\n", PQgetvalue(res, 0, 0));
	owner_confirm(b, req, arena_printf(req->arena, "/people/%s/remove",
	    req->params[0]), "They are signed out and can no longer sign in. "
	    "The audit log keeps what they did, under their e-mail. To keep "
	    "them but stop them for now, disable them instead.",
	    "Remove them", "/people");
	manage_close(b, req);
}

/* POST /manage/people/{id}/remove: 303 to the people; the people with the refusal (4xx). */
void
ui_manage_person_remove(struct request *req, struct response *resp)
{
	const char		*ids[1] = { req->params[0] };
	struct write_outcome	 out;

	if (manage_write(req, resp, &owner_person_delete, ids, 1, NULL,
	    &out) == 0)
		manage_redirect(req, resp, "/manage/people");
	else
		people_screen(req, resp, &out);
}
