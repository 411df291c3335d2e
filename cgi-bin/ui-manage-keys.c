/*
 * ui-manage-keys.c: the write API's keys, under /manage/keys: listed with
 * scope and last use, made (the key shown once), revoked after a
 * confirmation.  Owners only (ROUTE_OWNER).
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
#include "write.h"

/* The page's keys and those for every page (lanternctl's); never a hash. */
static const struct db_sql sql_keys = { "console_keys",
    "SELECT t.id, t.name, t.read_only, t.page_id IS NULL AS every_page,"
    "       t.revoked_at IS NOT NULL AS revoked, "
    LOCAL_TIME("t.created_at", "created") ", "
    LOCAL_TIME("t.last_used_at", "used") ", "
    LOCAL_TIME("t.revoked_at", "revoked")
    "  FROM api_tokens t JOIN pages p ON p.id = $1"
    " WHERE t.page_id = p.id OR t.page_id IS NULL"
    " ORDER BY t.revoked_at IS NOT NULL, t.id DESC" };

static const struct db_sql sql_key = { "console_key",
    "SELECT name, revoked_at IS NOT NULL AS revoked FROM api_tokens"
    " WHERE (page_id = $1 OR page_id IS NULL) AND id = $2" };

static int
yes(const PGresult *res, int row, const char *col)
{
	return *PQgetvalue(res, row, PQfnumber(res, col)) == 't';
}

static void
key_row(struct buf *b, const struct request *req, const PGresult *res, int i)
{
	const char	*id = PQgetvalue(res, i, PQfnumber(res, "id"));
	int		 revoked = yes(res, i, "revoked");

	buf_fmt(b, "<li class=\"manage-row%s\">\n<span class=\"name\">%h</span>\n"
	    "<span><span class=\"badge\">%s</span> <span class=\"badge\">%s"
	    "</span>%s</span>\n<span class=\"when\">#%h, made ",
	    revoked ? " revoked" : "", PQgetvalue(res, i, PQfnumber(res, "name")),
	    yes(res, i, "read_only") ? "read only" : "write",
	    yes(res, i, "every_page") ? "every page" : "this page",
	    revoked ? " <span class=\"badge\">revoked</span>" : "", id);
	owner_time(b, req, res, i, "created", "");
	buf_puts(b, ", last used ");
	owner_time(b, req, res, i, "used", "never");
	if (revoked) {
		buf_puts(b, ", revoked ");
		owner_time(b, req, res, i, "revoked", "");
	}
	buf_puts(b, "</span>\n");
	if (!revoked)
		buf_fmt(b, "<a class=\"button-link\" href=\"%a/manage/keys/%u/revoke\">"
		    "Revoke<span class=\"visually-hidden\"> %h</span></a>\n",
		    req->cfg->base_path, id, PQgetvalue(res, i, PQfnumber(res,
		    "name")));
	buf_puts(b, "</li>\n");
}

/* The screen: a refusal (and the input it refused) if out is one; status as resp's. */
static void
keys_screen(struct request *req, struct response *resp,
    const struct write_outcome *out)
{
	struct buf	*b = &resp->body;
	const char	*page = owner_page(req, resp), *params[1];
	const char	*access = owner_field(req, "access");
	PGresult	*res;
	int		 i;

	if (page == NULL)
		return;
	params[0] = page;
	if ((res = db_own(req->arena, db_run(req->db, &sql_keys, 1,
	    params))) == NULL) {
		http_db_unavailable(req, resp);
		return;
	}
	manage_open(b, req, "API keys");
	buf_puts(b, "<h1>API keys</h1>\n<p>Scripts and tools use the write API "
	    "(<code>/v1/pages/\xe2\x80\xa6</code>) with a key, sent as "
	    "<code>Authorization: OAuth &lt;key&gt;</code>. A key is shown once, "
	    "when it is made: only its SHA-256 is kept.</p>\n");
	owner_refusal(b, out);
	buf_fmt(b, "<section aria-labelledby=\"new-key-h\">\n<h2 id=\"new-key-h\">"
	    "New key</h2>\n<form method=\"post\" class=\"stack\" "
	    "action=\"%a/manage/keys\">", req->cfg->base_path);
	manage_form_tokens(b, req);
	buf_fmt(b, "<label for=\"key-name\">Name</label>\n<input type=\"text\" "
	    "id=\"key-name\" name=\"name\" maxlength=\"200\" required "
	    "autocomplete=\"off\" value=\"%a\"", owner_field(req, "name"));
	owner_invalid(b, out, "api_key.name", NULL);
	buf_fmt(b, ">\n<fieldset>\n<legend>Access</legend>\n"
	    "<label><input type=\"radio\" name=\"access\" value=\"write\"%s> "
	    "Write: incidents, maintenance, components</label>\n"
	    "<label><input type=\"radio\" name=\"access\" value=\"read\"%s> "
	    "Read only</label>\n</fieldset>\n"
	    "<button type=\"submit\">Make key</button></form>\n</section>\n"
	    "<section aria-labelledby=\"keys-h\">\n<h2 id=\"keys-h\">Keys</h2>\n",
	    strcmp(access, "read") != 0 ? " checked" : "",
	    strcmp(access, "read") == 0 ? " checked" : "");
	if (PQntuples(res) == 0)
		buf_puts(b, "<p class=\"empty\">No keys yet.</p>\n");
	else {
		buf_puts(b, "<ul class=\"manage-list\">\n");
		for (i = 0; i < PQntuples(res); i++)
			key_row(b, req, res, i);
		buf_puts(b, "</ul>\n");
	}
	buf_puts(b, "</section>\n");
	manage_close(b, req);
}

/* GET /manage/keys: every key of the page, and the form for a new one.  200; 503. */
void
ui_manage_keys(struct request *req, struct response *resp)
{
	keys_screen(req, resp, NULL);
}

/*
 * POST /manage/keys (name, access=write|read): a new key of this page.
 * 200 with the key, this once; the form sent again shows it no more.
 * The screen again with the refusal (4xx) if refused.
 */
void
ui_manage_key_create(struct request *req, struct response *resp)
{
	struct buf		*b = &resp->body;
	json_object		*body = json_own(req->arena, json_object_new_object());
	json_object		*k = json_object_new_object();
	struct write_outcome	 out;

	json_object_object_add(k, "name", json_object_new_string(owner_field(req,
	    "name")));
	json_object_object_add(k, "read_only", json_object_new_boolean(
	    strcmp(owner_field(req, "access"), "write") != 0));
	json_object_object_add(body, "api_key", k);
	if (manage_write(req, resp, &owner_token_create, NULL, 0, body,
	    &out) == -1) {
		keys_screen(req, resp, &out);
		return;
	}
	manage_open(b, req, "New API key");
	buf_puts(b, "<h1>New API key</h1>\n");
	if (out.secret == NULL)
		buf_puts(b, "<p role=\"status\">This form was sent twice: the key "
		    "was made once, and shown only on the first answer, which your "
		    "browser may not have shown. If you have not copied it, revoke "
		    "it and make another.</p>\n");
	else
		buf_fmt(b, "<p role=\"status\">The key <strong>%h</strong> is made. "
		    "Copy it now: it is shown this once and never again.</p>\n"
		    "<div class=\"stack\"><label for=\"new-key\">Key</label>\n"
		    "<input type=\"text\" id=\"new-key\" class=\"secret\" readonly "
		    "spellcheck=\"false\" autocomplete=\"off\" value=\"%a\"></div>\n",
		    owner_field(req, "name"), out.secret);
	buf_fmt(b, "<p><a href=\"%a/manage/keys\">Back to the keys</a></p>\n",
	    req->cfg->base_path);
	manage_close(b, req);
}

/* GET /manage/keys/{id}/revoke: the confirmation.  200; 404 for no key of the page's. */
void
ui_manage_key_revoke_form(struct request *req, struct response *resp)
{
	struct buf	*b = &resp->body;
	const char	*page = owner_page(req, resp), *params[2];
	PGresult	*res;

	if (page == NULL)
		return;
	if (!input_is_id(req->params[0])) {
		http_error(req, resp, 404, "There is no such API key.");
		return;
	}
	params[0] = page;
	params[1] = req->params[0];
	if ((res = db_own(req->arena, db_run(req->db, &sql_key, 2,
	    params))) == NULL) {
		http_db_unavailable(req, resp);
		return;
	}
	if (PQntuples(res) == 0) {
		http_error(req, resp, 404, "There is no such API key.");
		return;
	}
	manage_open(b, req, "Revoke an API key");
	buf_fmt(b, "<h1>Revoke \xe2\x80\x9c%h\xe2\x80\x9d</h1>\n",
	    PQgetvalue(res, 0, 0));
	if (yes(res, 0, "revoked"))
		buf_fmt(b, "<p>This key is revoked already.</p>\n<p><a href=\""
		    "%a/manage/keys\">Back to the keys</a></p>\n",
		    req->cfg->base_path);
	else
		owner_confirm(b, req, arena_printf(req->arena, "/keys/%s/revoke",
		    req->params[0]), "Whatever uses this key is refused from the "
		    "moment it is revoked. A revoked key never works again.",
		    "Revoke the key", "/keys");
	manage_close(b, req);
}

/* POST /manage/keys/{id}/revoke: 303 to the keys; the keys with the refusal (4xx) if refused. */
void
ui_manage_key_revoke(struct request *req, struct response *resp)
{
	const char		*ids[1] = { req->params[0] };
	struct write_outcome	 out;

	if (manage_write(req, resp, &owner_token_revoke, ids, 1, NULL, &out) == 0)
		manage_redirect(req, resp, "/manage/keys");
	else
		keys_screen(req, resp, &out);
}
