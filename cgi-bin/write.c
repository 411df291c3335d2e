/* write.c: one write through the API, start to end */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "key.h"
#include "refresh.h"
#include "session.h"
#include "handlers.h"
#include "write.h"

static int
hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The database's silence or absence, before anything was written. */
static void
unreachable(struct write *w)
{
	w->message = w->req->db->late ? "The database did not answer in time; "
	    "nothing was written." : "The database cannot be reached; nothing "
	    "was written.";
	http_error(w->req, w->resp, 503, w->message);
}

/*
 * Finds the key's token.  The database looks it up by its hash (a key of
 * 256 random bits leaks nothing through an index); the stored hash is
 * then compared again in constant time, so no comparison of ours ever
 * depends on how much of a guess was right.
 */
static int
authenticate(struct write *w, int *read_only, const char **page_scope)
{
	struct request		*req = w->req;
	struct store_token	 t;
	unsigned char		 hash[KEY_HASH_LEN], stored[KEY_HASH_LEN];
	char			 hex[2 * KEY_HASH_LEN + 1];
	const char		*key = key_from_header(req->authorization), *h;
	enum store_result	 r;
	size_t			 i;
	int			 found;

	if (key == NULL) {
		w->resp->authenticate = 1;
		http_error(req, w->resp, 401, "This needs an API key: send "
		    "Authorization: OAuth <key> (or Bearer <key>).");
		return -1;
	}
	if (!key_wellformed(key) || key_hash(key, strlen(key), hash) == -1)
		goto invalid;
	key_hex(hash, sizeof(hash), hex);
	if ((r = store_token_find(&w->tx, hex, &t)) == STORE_FAILED) {
		unreachable(w);
		return -1;
	}
	found = r == STORE_OK;
	if (found) {
		h = t.hash != NULL ? t.hash : "";
		for (i = 0; i < KEY_HASH_LEN && strlen(h) == 2 * KEY_HASH_LEN; i++)
			stored[i] = (unsigned char)(hexval(h[2 * i]) << 4 |
			    hexval(h[2 * i + 1]));
		found = i == KEY_HASH_LEN && key_equal(stored, hash, KEY_HASH_LEN);
	}
	if (found) {
		w->token_id = w->who.token = t.id;
		*page_scope = t.page_id;
		*read_only = t.read_only;
		return 0;
	}
invalid:
	w->resp->authenticate = 1;
	http_error(w->req, w->resp, 401, "The API key is not valid or has been revoked.");
	return -1;
}

/* The id in a kept answer ("id": "42"), for the console's way on. */
static const char *
replayed_id(struct request *req, const char *text)
{
	json_object	*o = json_own(req->arena, text != NULL ?
			    json_tokener_parse(text) : NULL), *id;

	return json_object_object_get_ex(o, "id", &id) ?
	    arena_strdup(req->arena, json_object_get_string(id)) : NULL;
}

static int
replay(struct write *w)
{
	struct store_answer	 a;
	enum store_result	 r;

	if (store_idem_lock(&w->tx, &w->who, w->once) != STORE_OK ||
	    (r = store_idem_get(&w->tx, &w->who, w->once, &a)) == STORE_FAILED) {
		write_failed(w, "idempotency");
		return -1;
	}
	if (r == STORE_NONE)
		return 0;
	if (a.request_sha256 == NULL || strcmp(a.request_sha256, w->body_sha256) != 0) {
		write_error(w, 409, w->who.person != NULL ? "This form was sent "
		    "already, with other values: reload the page to start again." :
		    "This Idempotency-Key was used for a different request.",
		    w->who.person != NULL ? NULL : "Idempotency-Key");
		return -1;
	}
	/* The same request again: the first answer, and nothing written. */
	db_rollback(w->req->db);
	w->replayed = 1;
	w->id = replayed_id(w->req, a.body);
	w->resp->status = a.status;
	w->resp->content_type = "application/json";
	w->resp->cache_control = "no-store";
	buf_puts(&w->resp->body, a.body != NULL ? a.body : "");
	w->done = 1;
	return -1;
}

/*
 * 1 to 255 visible ASCII characters (a UUID, a hash): never bytes the
 * key's column would refuse as text.
 */
static int
idempotency_key_ok(const char *key)
{
	size_t	n;

	for (n = 0; key[n] != '\0'; n++)
		if (key[n] < 0x21 || key[n] > 0x7e)
			return 0;
	return n >= 1 && n <= 255;
}

/*
 * What both ways in share once the actor is known: the page (404), the
 * transaction, and a form or POST sent again answered from its first
 * answer.  text is what a replay must match besides the path: the body.
 * 0 to go on; -1 when w->done.
 */
static int
write_open(struct write *w, const char *text, size_t len)
{
	struct request		*req = w->req;
	unsigned char		 hash[KEY_HASH_LEN];
	struct buf		 what;
	enum store_result	 r;

	if ((r = store_page_exists(&w->tx, w->page_id)) == STORE_FAILED) {
		unreachable(w);
		return -1;
	}
	if (r == STORE_NONE) {
		w->message = "There is no such page.";
		http_error_field(req, w->resp, 404, w->message, "page_id");
		return -1;
	}
	buf_init(&what, req->arena);
	buf_puts(&what, w->path);
	buf_putc(&what, '\n');
	buf_append(&what, text, len);
	key_hash(what.data, what.len, hash);
	key_hex(hash, sizeof(hash), w->body_sha256);
	if (db_begin(req->db) == -1) {
		unreachable(w);
		return -1;
	}
	w->done = 0;
	if (w->token_id != NULL && store_token_used(&w->tx, w->token_id) !=
	    STORE_OK) {
		write_failed(w, "token");
		return -1;
	}
	if (w->once != NULL) {
		if (!idempotency_key_ok(w->once)) {
			write_error(w, 400, "Idempotency-Key must be 1 to 255 "
			    "visible ASCII characters.", "Idempotency-Key");
			return -1;
		}
		if (replay(w) == -1)
			return -1;
	}
	return 0;
}

static void
write_init(struct write *w, struct request *req, struct response *resp)
{
	memset(w, 0, sizeof(*w));
	w->req = req;
	w->resp = resp;
	w->tx = (struct store){ req->db, req->arena };
	w->done = 1;
	w->path = req->path;
	resp->cache_control = "no-store";
}

/*
 * The API's way in: checks the key (401/403; a read-only key only when
 * reading), the path's ids (404), parses the body if need_body (4xx
 * naming the field), then, unless reading, write_open().  Returns 0 to go
 * on; -1 when w->done (an error or a replay is already the answer;
 * nothing was written).
 */
static int
write_begin(struct write *w, struct request *req, struct response *resp,
    int need_body, int reading)
{
	struct input_error	 err;
	const char		*scope = NULL;
	int			 read_only = 0, i;

	write_init(w, req, resp);
	if (authenticate(w, &read_only, &scope) == -1)
		return -1;
	if (read_only && !reading) {
		http_error(req, resp, 403, "This API key may only read.");
		return -1;
	}
	w->page_id = req->params[0];
	if (scope != NULL && strcmp(scope, w->page_id) != 0) {
		http_error(req, resp, 403, "This API key is for another page.");
		return -1;
	}
	/*
	 * Every id in the path is a positive integer, or it names nothing:
	 * said here once, so no statement ever sees a malformed one.
	 */
	for (i = 0; i < req->nparams; i++) {
		if (!input_is_id(req->params[i])) {
			http_error_field(req, resp, 404, arena_printf(req->arena,
			    "There is nothing with this %s.", req->param_names[i]),
			    req->param_names[i]);
			return -1;
		}
		w->ids[w->nids++] = req->params[i];
	}
	if (need_body) {
		if (req->content_type == NULL ||
		    strncasecmp(req->content_type, "application/json", 16) != 0) {
			http_error_field(req, resp, 415, "Send the body as "
			    "Content-Type: application/json.", "Content-Type");
			return -1;
		}
		w->body = json_own(req->arena, input_parse(req->body != NULL ?
		    req->body : "", req->body_len, &err));
		if (w->body == NULL) {
			http_error_field(req, resp, err.status, err.message,
			    err.field[0] != '\0' ? err.field : NULL);
			return -1;
		}
	}
	if (reading) {
		w->done = 0;
		return 0;
	}
	if (req->method == HTTP_POST)
		w->once = req->idempotency_key;
	return write_open(w, req->body != NULL ? req->body : "", req->body_len);
}

void
write_error(struct write *w, int status, const char *message, const char *field)
{
	db_rollback(w->req->db);
	http_error_field(w->req, w->resp, status, message, field);
	w->message = message;
	w->field = field;
	w->done = 1;
}

/* A refused field: rolls back and answers err. */
static void
write_refuse(struct write *w, const struct input_error *err)
{
	struct arena	*a = w->req->arena;
	/* err is write_run()'s: what the console reads later must outlive it. */
	const char	*field = err->field[0] != '\0' ?
			    arena_strdup(a, err->field) : NULL;

	/* Field messages are predicates: "incident.name must be a string". */
	if (field != NULL && err->message[0] >= 'a' && err->message[0] <= 'z')
		write_error(w, err->status, arena_printf(a, "%s %s", field,
		    err->message), field);
	else
		write_error(w, err->status, arena_strdup(a, err->message), field);
}

/* The database's rules that a client can break, said in its terms. */
static const struct {
	const char	*constraint;
	const char	*message;
	const char	*field;
} rules[] = {
	{ "incidents_schedule_order", "scheduled_until must be after scheduled_for.",
	    "incident.scheduled_until" },
	{ "components_page_id_name_key", "A component of that name exists already.",
	    "component.name" },
	{ "component_groups_page_id_name_key", "A group of that name exists already.",
	    "component_group.name" },
	{ "components_name_check", "component.name must not begin or end with "
	    "spaces.", "component.name" },
	{ "component_groups_name_check", "component_group.name must not begin or "
	    "end with spaces.", "component_group.name" },
	{ "incidents_resolved_order", "The incident cannot end before it began.",
	    "incident.status" },
	{ "incidents_name_check", "incident.name must not begin or end with "
	    "spaces.", "incident.name" },
	{ "incident_updates_body_check", "The update's text must not be blank.",
	    "incident.body" },
	{ "incidents_monitoring_order", "The incident cannot be monitored "
	    "before it began.", "incident.status" },
	{ "incidents_postmortem_order", "The postmortem cannot be published "
	    "before the incident is resolved.", "incident.status" },
	/* The console's owner screens (write-owner.c). */
	{ "pages_name_check", "page.name must be 1 to 200 characters, without "
	    "spaces at either end.", "page.name" },
	{ "pages_url_check", "page.url must be an http:// or https:// address "
	    "without a trailing slash, query or fragment.", "page.url" },
	{ "pages_time_zone", "page.time_zone must be a time zone the database "
	    "knows, such as UTC or Europe/Berlin.", "page.time_zone" },
	{ "people_email_key", "Someone has this e-mail already.", "person.email" },
	{ "people_email_check", "person.email must be an e-mail address "
	    "(name@host, without spaces).", "person.email" },
	{ "people_last_owner", "This is the last owner who can sign in: make "
	    "another owner first.", "person.role" },
	{ "api_tokens_name_check", "api_key.name must be 1 to 200 characters, "
	    "without spaces at either end.", "api_key.name" },
};

void
write_failed(struct write *w, const char *what)
{
	const struct db	*db = w->req->db;
	int		 status = db_error_status(db);
	size_t		 i;

	if (db->commit_unknown) {
		write_error(w, 503, "The database stopped answering while it "
		    "committed: the change may or may not have been written. "
		    "Retrying with the same Idempotency-Key is safe.", NULL);
		return;
	}
	if (status == 503) {
		write_error(w, 503, db->late ? "The database did not answer in "
		    "time; nothing was written." : "The database failed; nothing "
		    "was written.", NULL);
		return;
	}
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (strcmp(db->constraint, rules[i].constraint) == 0) {
			write_error(w, status, rules[i].message, rules[i].field);
			return;
		}
	/*
	 * A trigger of ours (RAISE, P0001) speaks our words.  Anything else
	 * would name tables and constraints: the log has it, the client a
	 * sentence of ours.
	 */
	if (strcmp(db->sqlstate, "P0001") == 0)
		write_error(w, status, arena_printf(w->req->arena,
		    "Refused (%s): %s", what, db->detail), NULL);
	else
		write_error(w, status, arena_printf(w->req->arena,
		    "Refused (%s): the change breaks a rule of this page's "
		    "data; nothing was written.", what), NULL);
}

/*
 * Records the audit row (before/after may be NULL), stores the answer for
 * the Idempotency-Key, commits, and answers status with result.  A 204
 * answers no body and records no after (result may be NULL).
 */
static void
write_commit(struct write *w, int status, const char *action,
    const char *entity_type, const char *entity_id, json_object *before,
    json_object *result)
{
	struct request		*req = w->req;
	/*
	 * A copy: json-c writes an object's text into one buffer of the
	 * object's, which serialising before (the same object when a
	 * deletion answers with what it was) would overwrite or move.
	 */
	const char		*text = arena_strdup(req->arena,
				    json_object_to_json_string_ext(result,
				    JSON_C_TO_STRING_PLAIN |
				    JSON_C_TO_STRING_NOSLASHESCAPE));
	struct store_answer	 answer = { status, w->body_sha256, text };

	/* A deletion has no after; a 204 has no body either. */
	if (store_audit(&w->tx, &w->who, action, entity_type, entity_id,
	    before != NULL ? json_object_to_json_string_ext(before,
	    JSON_C_TO_STRING_PLAIN) : NULL, status == 204 || (status == 200 &&
	    strstr(action, "delete") != NULL) ? NULL : text) != STORE_OK)
		goto failed;
	/* The console waits for the snapshot that holds the change. */
	if (w->who.person != NULL && store_page_version(&w->tx, w->page_id,
	    &w->version) == STORE_FAILED)
		goto failed;
	/* Shown in the answer (and a retry's), never in the audit row. */
	if (w->reveal != NULL && result != NULL) {
		json_object_object_foreach(w->reveal, k, v)
			json_object_object_add(result, k, json_object_get(v));
		text = arena_strdup(req->arena, json_object_to_json_string_ext(result,
		    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
		answer.body = text;
	}
	if (w->once != NULL && store_idem_put(&w->tx, &w->who, w->once, w->path,
	    &answer) != STORE_OK)
		goto failed;
	if (db_commit(req->db) == -1)
		goto failed;
	/* Readers see it as soon as the snapshot is rebuilt, not at the next poll. */
	refresh_poke(req->refresher);
	w->resp->status = status;
	w->resp->content_type = "application/json";
	w->resp->cache_control = "no-store";
	if (status != 204) {
		buf_puts(&w->resp->body, text);
		buf_putc(&w->resp->body, '\n');
	}
	w->done = 1;
	return;
failed:
	write_failed(w, action);
}

/*
 * Every write ends here: one not answered yet rolls back.  What it read
 * (the body, the locked row, before and after) is the request's arena's.
 */
static void
write_end(struct write *w)
{
	if (!w->done)
		db_rollback(w->req->db);
}

/* Locks the op's target, the path's first id: -1 when w->done (404, or a failure). */
static int
lock_target(struct write *w, const struct write_resource *res)
{
	switch (store_lock(&w->tx, res->lock, w->page_id, w->ids[1],
	    &w->target)) {
	case STORE_OK:
		db_own(w->req->arena, w->target);
		return 0;
	case STORE_NONE:
		write_error(w, 404, res->missing, res->field);
		return -1;
	case STORE_FAILED:
		break;
	}
	write_failed(w, res->what);
	return -1;
}

const PGresult *
write_target(const struct write *w)
{
	return w->target;
}

int
write_stored(struct write *w, const struct write_resource *res,
    enum store_result r)
{
	if (r == STORE_OK)
		return 0;
	write_failed(w, res->what);
	return -1;
}

/* Runs op once w is open; arg is its, for read and apply. */
static void
write_run(struct write *w, const struct write_op *op, void *arg)
{
	const struct write_resource	*res = op->res;
	struct arena			*a = w->req->arena;
	struct input_error		 err;
	json_object			*before = NULL, *result = NULL;
	const char			*id = w->nids > 1 ? w->ids[w->nids - 1] : NULL;

	if (op->read != NULL && op->read(w, arg, &err) == -1) {
		write_refuse(w, &err);
		return;
	}
	if (op->target != NULL && lock_target(w, op->target) == -1)
		return;
	if (op->before != BEFORE_NONE && (before = json_own(a, res->json(w,
	    id))) == NULL && op->before == BEFORE_NEEDED) {
		write_failed(w, res->what);
		return;
	}
	if (op->remove != NULL ? write_stored(w, res, op->remove(&w->tx,
	    w->page_id, id)) == -1 : op->apply(w, arg, &id) == -1)
		return;
	switch (op->answer) {
	case ANSWER_AFTER:
		if ((result = json_own(a, res->json(w, id))) == NULL) {
			write_failed(w, res->what);
			return;
		}
		break;
	case ANSWER_BEFORE:
		result = before;
		break;
	case ANSWER_NOTHING:
		break;
	case ANSWER_MADE:
		result = w->made;
		break;
	}
	if (op->queue != NULL && op->queue(w, arg, id, before, result) == -1)
		return;
	w->id = id;
	write_commit(w, op->status, op->action, res->type, id, before, result);
}

static void *
write_arg(struct request *req, const struct write_op *op)
{
	return op->size > 0 ? arena_calloc(req->arena, 1, op->size) : NULL;
}

int
write_read_begin(struct write *w, struct request *req, struct response *resp)
{
	return write_begin(w, req, resp, 0, 1);
}

/*
 * Every route of the write API (routes.c): the write its route declares,
 * in /v1/pages/{page_id}/...; the statuses each write_op's comment says.
 */
void
api_v1_write(struct request *req, struct response *resp)
{
	const struct write_op	*op = req->arg;
	struct write		 w;

	if (write_begin(&w, req, resp, op->read != NULL, 0) == 0)
		write_run(&w, op, write_arg(req, op));
	write_end(&w);
}

int
write_form(struct request *req, const struct write_op *op,
    const char *const *ids, int nids, json_object *body, const char *once,
    struct write_outcome *out)
{
	struct response	 scratch;
	struct write	 w;
	const char	*text;
	json_object	*shown;
	int		 i;

	/* The API's answer is made, as ever, but the console speaks its own. */
	response_init(&scratch, req->arena);
	write_init(&w, req, &scratch);
	w.who.person = req->session->person_id;
	w.body = body;
	w.once = once;
	for (i = 0; i < nids && i < ROUTE_MAX_PARAMS; i++) {
		if (!input_is_id(ids[i])) {
			w.message = "There is nothing with this id.";
			http_error(req, &scratch, 404, w.message);
			goto done;
		}
		w.ids[w.nids++] = ids[i];
	}
	w.page_id = w.ids[0];
	text = body != NULL ? json_object_to_json_string_ext(body,
	    JSON_C_TO_STRING_PLAIN) : "";
	if (write_open(&w, text, strlen(text)) == 0)
		write_run(&w, op, write_arg(req, op));
done:
	write_end(&w);
	/* One thing to show once, whichever way the write made it. */
	if (w.secret == NULL && w.reveal != NULL &&
	    json_object_object_get_ex(w.reveal, "secret", &shown))
		w.secret = json_object_get_string(shown);
	*out = (struct write_outcome){ scratch.status, w.id, w.message, w.field,
	    w.replayed, w.version,
	    scratch.status < 400 ? w.secret : NULL };
	if (out->status >= 400 && out->message == NULL)
		out->message = "The change could not be written.";
	return out->status < 400 ? 0 : -1;
}

int
write_read_direction(struct write *w, void *arg, struct input_error *err)
{
	static const char *const directions[] = { "down", "up", NULL };
	const char		*dir;

	if (input_enum(w->body, "", "direction", 1, directions, &dir, err) == -1)
		return -1;
	*(int *)arg = strcmp(dir, "up") == 0;
	return 0;
}
