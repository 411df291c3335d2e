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
#include "write.h"

static int
hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The database's silence or absence, before anything was written. */
static void
unreachable(struct request *req, struct response *resp)
{
	http_error(req, resp, 503, req->db->late ? "The database did not "
	    "answer in time; nothing was written." : "The database cannot be "
	    "reached; nothing was written.");
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
	struct request	*req = w->req;
	unsigned char	 hash[KEY_HASH_LEN], stored[KEY_HASH_LEN];
	char		 hex[2 * KEY_HASH_LEN + 1];
	const char	*key = key_from_header(req->authorization), *params[1], *h;
	PGresult	*res;
	size_t		 i;
	int		 found;

	if (key == NULL) {
		w->resp->authenticate = 1;
		http_error(req, w->resp, 401, "This needs an API key: send "
		    "Authorization: OAuth <key> (or Bearer <key>).");
		return -1;
	}
	if (!key_wellformed(key) || key_hash(key, strlen(key), hash) == -1)
		goto invalid;
	key_hex(hash, sizeof(hash), hex);
	params[0] = hex;
	if ((res = db_query(req->db, STMT_TOKEN_BY_HASH, 1, params)) == NULL) {
		unreachable(req, w->resp);
		return -1;
	}
	found = PQntuples(res) == 1;
	if (found) {
		h = PQgetvalue(res, 0, PQfnumber(res, "hash"));
		for (i = 0; i < KEY_HASH_LEN && strlen(h) == 2 * KEY_HASH_LEN; i++)
			stored[i] = (unsigned char)(hexval(h[2 * i]) << 4 |
			    hexval(h[2 * i + 1]));
		found = i == KEY_HASH_LEN && key_equal(stored, hash, KEY_HASH_LEN);
	}
	if (found) {
		w->token_id = db_get(req->arena, res, 0, "id");
		*page_scope = db_get(req->arena, res, 0, "page_id");
		*read_only = strcmp(PQgetvalue(res, 0, PQfnumber(res, "read_only")), "t") == 0;
	}
	PQclear(res);
	if (found)
		return 0;
invalid:
	w->resp->authenticate = 1;
	http_error(w->req, w->resp, 401, "The API key is not valid or has been revoked.");
	return -1;
}

static int
replay(struct write *w)
{
	const char	*params[2] = { w->token_id, w->req->idempotency_key };
	PGresult	*res;

	if ((res = db_query(w->req->db, STMT_IDEM_LOCK, 2, params)) == NULL) {
		write_failed(w, "idempotency");
		return -1;
	}
	PQclear(res);
	if ((res = db_query(w->req->db, STMT_IDEM_GET, 2, params)) == NULL) {
		write_failed(w, "idempotency");
		return -1;
	}
	if (PQntuples(res) == 0) {
		PQclear(res);
		return 0;
	}
	if (strcmp(PQgetvalue(res, 0, PQfnumber(res, "hash")), w->body_sha256) != 0) {
		PQclear(res);
		write_error(w, 409, "This Idempotency-Key was used for a different "
		    "request.", "Idempotency-Key");
		return -1;
	}
	/* The same request again: the first answer, and nothing written. */
	db_rollback(w->req->db);
	w->resp->status = atoi(PQgetvalue(res, 0, PQfnumber(res, "status")));
	w->resp->content_type = "application/json";
	w->resp->cache_control = "no-store";
	buf_puts(&w->resp->body, PQgetvalue(res, 0, PQfnumber(res, "response")));
	PQclear(res);
	w->done = 1;
	return -1;
}

int
write_begin(struct write *w, struct request *req, struct response *resp,
    int need_body)
{
	struct input_error	 err;
	unsigned char		 hash[KEY_HASH_LEN];
	struct buf		 what;
	const char		*scope = NULL, *params[1];
	PGresult		*res;
	int			 read_only = 0, exists, i;

	memset(w, 0, sizeof(*w));
	w->req = req;
	w->resp = resp;
	w->done = 1;
	resp->cache_control = "no-store";
	if (authenticate(w, &read_only, &scope) == -1)
		return -1;
	if (read_only) {
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
	}
	params[0] = w->page_id;
	if ((res = db_query(req->db, STMT_PAGE_EXISTS, 1, params)) == NULL) {
		unreachable(req, resp);
		return -1;
	}
	exists = PQntuples(res);
	PQclear(res);
	if (!exists) {
		http_error_field(req, resp, 404, "There is no such page.", "page_id");
		return -1;
	}
	if (need_body) {
		if (req->content_type == NULL ||
		    strncasecmp(req->content_type, "application/json", 16) != 0) {
			http_error_field(req, resp, 415, "Send the body as "
			    "Content-Type: application/json.", "Content-Type");
			return -1;
		}
		w->body = input_parse(req->body != NULL ? req->body : "",
		    req->body_len, &err);
		if (w->body == NULL) {
			http_error_field(req, resp, err.status, err.message,
			    err.field[0] != '\0' ? err.field : NULL);
			return -1;
		}
	}
	/* What a replay must match: the same address and the same body. */
	buf_init(&what, req->arena);
	buf_puts(&what, req->path);
	buf_putc(&what, '\n');
	buf_append(&what, req->body != NULL ? req->body : "", req->body_len);
	key_hash(what.data, what.len, hash);
	key_hex(hash, sizeof(hash), w->body_sha256);
	if (db_begin(req->db) == -1) {
		unreachable(req, resp);
		return -1;
	}
	w->done = 0;
	params[0] = w->token_id;
	if ((res = db_query(req->db, STMT_TOKEN_USED, 1, params)) == NULL) {
		write_failed(w, "token");
		return -1;
	}
	PQclear(res);
	if (req->method == HTTP_POST && req->idempotency_key != NULL) {
		if (strlen(req->idempotency_key) == 0 ||
		    strlen(req->idempotency_key) > 255) {
			write_error(w, 400, "Idempotency-Key must be 1 to 255 "
			    "characters.", "Idempotency-Key");
			return -1;
		}
		if (replay(w) == -1)
			return -1;
	}
	return 0;
}

void
write_error(struct write *w, int status, const char *message, const char *field)
{
	db_rollback(w->req->db);
	http_error_field(w->req, w->resp, status, message, field);
	w->done = 1;
}

void
write_refuse(struct write *w, const struct input_error *err)
{
	/* Field messages are predicates: "incident.name must be a string". */
	if (err->field[0] != '\0' && err->message[0] >= 'a' && err->message[0] <= 'z')
		write_error(w, err->status, arena_printf(w->req->arena, "%s %s",
		    err->field, err->message), err->field);
	else
		write_error(w, err->status, err->message,
		    err->field[0] != '\0' ? err->field : NULL);
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

void
write_commit(struct write *w, int status, const char *action,
    const char *entity_type, const char *entity_id, json_object *before,
    json_object *result)
{
	struct request	*req = w->req;
	const char	*text = json_object_to_json_string_ext(result,
			    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	const char	*audit[6], *idem[7];
	PGresult	*res;

	audit[0] = w->token_id;
	audit[1] = action;
	audit[2] = entity_type;
	audit[3] = entity_id;
	audit[4] = before != NULL ? json_object_to_json_string_ext(before,
	    JSON_C_TO_STRING_PLAIN) : NULL;
	/* A deletion has no after; a 204 has no body either. */
	audit[5] = status == 204 || (status == 200 && strstr(action, "delete") !=
	    NULL) ? NULL : text;
	if ((res = db_query(req->db, STMT_AUDIT, 6, audit)) == NULL)
		goto failed;
	PQclear(res);
	if (req->method == HTTP_POST && req->idempotency_key != NULL) {
		idem[0] = w->token_id;
		idem[1] = req->idempotency_key;
		idem[2] = "POST";
		idem[3] = req->path;
		idem[4] = w->body_sha256;
		idem[5] = arena_printf(req->arena, "%d", status);
		idem[6] = text;
		if ((res = db_query(req->db, STMT_IDEM_PUT, 7, idem)) == NULL)
			goto failed;
		PQclear(res);
	}
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
	json_object_put(before);
	json_object_put(result);
	return;
failed:
	json_object_put(before);
	json_object_put(result);
	write_failed(w, action);
}

void
write_end(struct write *w)
{
	if (!w->done)
		db_rollback(w->req->db);
	json_object_put(w->body);
	w->body = NULL;
}
