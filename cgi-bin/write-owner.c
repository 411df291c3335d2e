/*
 * write-owner.c: the console's owner writes, declared as write_ops so
 * they run the API's pipeline (lock, before, change, after, audit row,
 * one-time token, change notice): API keys made and revoked, the page's
 * settings, people added, changed and removed.  There is no route of
 * the write API for them: only an owner signed in reaches them
 * (ROUTE_OWNER), through manage_write().
 */
#include <string.h>

#include "arena.h"
#include "handlers.h"
#include "input.h"
#include "json.h"
#include "key.h"
#include "password.h"
#include "write.h"

static json_object *
token_json(struct write *w, const char *id)
{
	return store_token_json(&w->tx, w->page_id, id);
}

static json_object *
page_json(struct write *w, const char *id)
{
	return store_page_json(&w->tx, w->page_id, id);
}

static json_object *
person_json(struct write *w, const char *id)
{
	return store_person_json(&w->tx, w->page_id, id);
}

static const struct write_resource token = {
	.type = "api_token",
	.what = "API key",
	.lock = &store_token_lock,
	.missing = "There is no such API key.",
	.field = "api_key_id",
	.json = token_json,
};

static const struct write_resource page = {
	.type = "page",
	.what = "page",
	.lock = &store_page_lock,
	.missing = "There is no such page.",
	.field = "page_id",
	.json = page_json,
};

static const struct write_resource person = {
	.type = "person",
	.what = "person",
	.lock = &store_person_lock,
	.missing = "There is no such person.",
	.field = "person_id",
	.json = person_json,
};

static const char *const roles[] = { "owner", "editor", NULL };

struct token_new {
	const char	*name;
	int		 read_only;
};

static int
read_token(struct write *w, void *arg, struct input_error *err)
{
	static const char *const keys[] = { "name", "read_only", NULL };
	struct token_new	*t = arg;
	json_object		*o;

	return input_object(w->body, "", "api_key", 1, &o, err) == -1 ||
	    input_known_keys(o, "api_key", keys, err) == -1 ||
	    input_string(o, "api_key", "name", 1, 200, &t->name, err) == -1 ||
	    input_bool(o, "api_key", "read_only", 1, &t->read_only, err) == -1 ?
	    -1 : 0;
}

/* The key exists only here and on the answer page: the database gets its SHA-256. */
static int
token_insert(struct write *w, void *arg, const char **id)
{
	const struct token_new	*t = arg;
	char			*key = arena_calloc(w->req->arena, 1, KEY_LEN + 1);
	unsigned char		 hash[KEY_HASH_LEN];
	char			 hex[2 * KEY_HASH_LEN + 1];

	if (key_generate(key) == -1 || key_hash(key, KEY_LEN, hash) == -1) {
		write_error(w, 503, "No key could be made just now (no randomness "
		    "or hashing); nothing was written.", NULL);
		return -1;
	}
	key_hex(hash, sizeof(hash), hex);
	if (write_stored(w, &token, store_token_insert(&w->tx, w->page_id,
	    t->name, hex, t->read_only, id)) == -1)
		return -1;
	w->secret = key;
	return 0;
}

static int
token_revoke(struct write *w, void *arg, const char **id)
{
	(void)arg;
	switch (store_token_revoke(&w->tx, w->page_id, *id)) {
	case STORE_OK:
		return 0;
	case STORE_NONE:
		write_error(w, 409, "This API key is revoked already.", NULL);
		return -1;
	case STORE_FAILED:
		break;
	}
	write_failed(w, token.what);
	return -1;
}

/*
 * A new API key of the page, read-only or able to write ("api_key":
 * {"name", "read_only"}): 201; the key itself is w->secret, shown once.
 */
const struct write_op owner_token_create = { NULL, &token, "token.create",
	201, ANSWER_AFTER, BEFORE_NONE, read_token, token_insert, NULL,
	sizeof(struct token_new), NULL };

/* A key revoked for good: 200; 409 if it was already; 404 if no key of the page's. */
const struct write_op owner_token_revoke = { &token, &token, "token.revoke",
	200, ANSWER_AFTER, BEFORE_READ, NULL, token_revoke, NULL, 0, NULL };

struct page_patch {
	const char	*name, *url, *time_zone;
};

static int
read_page(struct write *w, void *arg, struct input_error *err)
{
	static const char *const keys[] = { "name", "url", "time_zone", NULL };
	struct page_patch	*p = arg;
	json_object		*o;

	return input_object(w->body, "", "page", 1, &o, err) == -1 ||
	    input_known_keys(o, "page", keys, err) == -1 ||
	    input_string(o, "page", "name", 0, 200, &p->name, err) == -1 ||
	    input_string(o, "page", "url", 0, 2048, &p->url, err) == -1 ||
	    input_string(o, "page", "time_zone", 0, 64, &p->time_zone, err) == -1 ?
	    -1 : 0;
}

static int
page_update(struct write *w, void *arg, const char **id)
{
	const struct page_patch	*p = arg;

	return write_stored(w, &page, store_page_settings(&w->tx, *id, p->name,
	    p->url, p->time_zone));
}

/*
 * The page's name, URL and time zone ("page": {...}, each optional): 200;
 * 422 naming the field the schema refuses (a time zone PostgreSQL does
 * not know, a URL that is not http(s)).  Uptime days are cut anew in a
 * new zone (0002's trigger).
 */
const struct write_op owner_page_update = { &page, &page, "page.update", 200,
	ANSWER_AFTER, BEFORE_READ, read_page, page_update, NULL,
	sizeof(struct page_patch), NULL };

struct person_patch {
	const char	*email, *role, *password;
	int		 disabled;
};

static int
read_person(struct write *w, int create, struct person_patch *p,
    struct input_error *err)
{
	static const char *const keys[] = { "email", "role", "password",
	    "disabled", NULL };
	json_object	*o;

	p->disabled = -1;
	return input_object(w->body, "", "person", 1, &o, err) == -1 ||
	    input_known_keys(o, "person", keys, err) == -1 ||
	    input_string(o, "person", "email", create, 254, &p->email, err) == -1 ||
	    input_enum(o, "person", "role", create, roles, &p->role, err) == -1 ||
	    input_string(o, "person", "password", 0, 1024, &p->password,
	    err) == -1 ||
	    input_bool(o, "person", "disabled", 0, &p->disabled, err) == -1 ?
	    -1 : 0;
}

static int
read_person_new(struct write *w, void *arg, struct input_error *err)
{
	return read_person(w, 1, arg, err);
}

static int
read_person_patch(struct write *w, void *arg, struct input_error *err)
{
	return read_person(w, 0, arg, err);
}

/*
 * A password nobody chose: 24 characters of an alphabet without
 * look-alikes (no 0/O, 1/l), about 121 bits, for reading aloud.
 */
static const char *
password_new(struct arena *a)
{
	static const char	 abc[] = "abcdefghijkmnopqrstuvwxyz23456789";
	unsigned char		 r[24];
	char			*pw = arena_calloc(a, 1, sizeof(r) + 1);
	size_t			 i;

	password_random(r, sizeof(r));
	/* Draws past the last whole multiple of 33 are drawn again: uniform. */
	for (i = 0; i < sizeof(r); i++) {
		while (r[i] >= 256 - 256 % (sizeof(abc) - 1))
			password_random(&r[i], 1);
		pw[i] = abc[r[i] % (sizeof(abc) - 1)];
	}
	return pw;
}

static int
person_insert(struct write *w, void *arg, const char **id)
{
	const struct person_patch	*p = arg;
	const char			*pw = p->password, *weak;
	char				 hash[PASSWORD_HASH_MAX];

	if (pw == NULL)
		pw = w->secret = password_new(w->req->arena);
	else if ((weak = password_weak(pw)) != NULL) {
		write_error(w, 422, arena_printf(w->req->arena, "person.password: "
		    "%s", weak), "person.password");
		return -1;
	}
	if (password_hash(pw, hash) == -1) {
		write_error(w, 503, "The password could not be hashed just now; "
		    "nothing was written.", NULL);
		return -1;
	}
	return write_stored(w, &person, store_person_insert(&w->tx, p->email,
	    hash, p->role, id));
}

/* What an owner may not do to themselves: lock themselves out, or vanish from the log. */
static int
not_yourself(struct write *w, const char *id, const char *what)
{
	if (w->who.person == NULL || strcmp(w->who.person, id) != 0)
		return 0;
	write_error(w, 409, arena_printf(w->req->arena, "You cannot %s "
	    "yourself: another owner can.", what), NULL);
	return -1;
}

static int
person_update(struct write *w, void *arg, const char **id)
{
	const struct person_patch	*p = arg;

	if (p->email != NULL || p->password != NULL) {
		write_error(w, 422, "Only role and disabled change here: a new "
		    "password is lanternctl user passwd's.", p->email != NULL ?
		    "person.email" : "person.password");
		return -1;
	}
	if (p->disabled == 1 && not_yourself(w, *id, "disable") == -1)
		return -1;
	return write_stored(w, &person, store_person_update(&w->tx, *id, p->role,
	    p->disabled));
}

static int
person_delete(struct write *w, void *arg, const char **id)
{
	(void)arg;
	if (not_yourself(w, *id, "remove") == -1)
		return -1;
	return write_stored(w, &person, store_person_delete(&w->tx, w->page_id,
	    *id));
}

/*
 * Someone who may sign in ("person": {"email", "role", "password"?}):
 * 201; without a password one is made and is w->secret, shown once.
 * 409 for an e-mail taken, 422 for a weak password or a bad e-mail.
 */
const struct write_op owner_person_create = { NULL, &person, "person.create",
	201, ANSWER_AFTER, BEFORE_NONE, read_person_new, person_insert, NULL,
	sizeof(struct person_patch), NULL };

/*
 * A role, or disabled / enabled ("person": {"role", "disabled"}): 200.
 * Disabling ends their sessions at once.  422 when it would leave no
 * owner who can sign in (the database's rule, 0017); 409 for disabling
 * oneself.
 */
const struct write_op owner_person_update = { &person, &person,
	"person.update", 200, ANSWER_AFTER, BEFORE_READ, read_person_patch,
	person_update, NULL, sizeof(struct person_patch), NULL };

/*
 * Removed, with their sessions: 204 (the audit row keeps them in
 * "before", and their entries keep their e-mail).  422 for the last
 * owner; 409 for oneself.
 */
const struct write_op owner_person_delete = { &person, &person,
	"person.delete", 204, ANSWER_NOTHING, BEFORE_NEEDED, NULL,
	person_delete, NULL, 0, NULL };
