/* session.c: signing in to the console, and the sessions that follow */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "db.h"
#include "escape.h"
#include "http.h"
#include "log.h"
#include "password.h"
#include "session.h"

#define STR_(x)	#x
#define STR(x)	STR_(x)

/* The longest e-mail an address may have (RFC 5321's path, less <>). */
#define EMAIL_MAX	254

static const struct db_sql sql_attempt = { "signin_attempt",
    "SELECT signin_attempt($1, lower($2), $3::integer) AS wait" };
static const struct db_sql sql_person = { "person_by_email",
    "SELECT id::text AS id, password_hash, disabled_at IS NOT NULL AS disabled"
    "  FROM people WHERE lower(email) = lower($1)" };
/* The session, and the sessions long over, which nobody will ask for again. */
static const struct db_sql sql_succeeded = { "signin_succeeded",
    "SELECT signin_succeeded($1, lower($2), " STR(SIGNIN_ADDRESS_LIMIT) ")" };
static const struct db_sql sql_session_new = { "session_new",
    "WITH gone AS ("
    "  DELETE FROM sessions WHERE expires_at < now() OR idle_expires_at < now())"
    "INSERT INTO sessions (id_hash, person_id, csrf_secret, idle_expires_at,"
    "                      expires_at, address)"
    "VALUES (decode($1, 'hex'), $2::bigint, decode($3, 'hex'),"
    "        now() + interval '" STR(SESSION_IDLE_SECONDS) " seconds',"
    "        now() + interval '" STR(SESSION_MAX_SECONDS) " seconds', $4)" };
/* A live session moves its idle expiry on, never past its absolute one. */
static const struct db_sql sql_session_touch = { "session_touch",
    "UPDATE sessions s"
    "   SET last_seen_at = now(),"
    "       idle_expires_at = least(now() + interval '" STR(SESSION_IDLE_SECONDS)
    " seconds', s.expires_at)"
    "  FROM people p"
    " WHERE s.id_hash = decode($1, 'hex') AND p.id = s.person_id"
    "   AND s.expires_at > now() AND s.idle_expires_at > now()"
    "   AND p.disabled_at IS NULL"
    " RETURNING p.id::text AS person_id, p.email, p.role::text AS role,"
    "           encode(s.csrf_secret, 'hex') AS csrf" };
static const struct db_sql sql_session_end = { "session_end",
    "DELETE FROM sessions WHERE id_hash = decode($1, 'hex')" };
static const struct db_sql sql_session_end_all = { "session_end_all",
    "DELETE FROM sessions WHERE person_id = $1::bigint" };

const char *
session_role_name(enum person_role r)
{
	return r == ROLE_OWNER ? "owner" : "editor";
}

/* The id's SHA-256 in hex: all the database ever sees of it. */
static void
id_hash(const char *id_hex, char out[SESSION_HEX + 1])
{
	unsigned char	h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)id_hex, strlen(id_hex));
	sodium_bin2hex(out, SESSION_HEX + 1, h, sizeof(h));
}

int
session_cookie_id(const char *header, char out[SESSION_HEX + 1])
{
	static const char	name[] = SESSION_COOKIE "=";
	const char		*p = header, *end;
	size_t			 n;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == '\t')
			p++;
		end = strchr(p, ';');
		n = end != NULL ? (size_t)(end - p) : strlen(p);
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n == sizeof(name) - 1 + SESSION_HEX &&
		    memcmp(p, name, sizeof(name) - 1) == 0 &&
		    strspn(p + sizeof(name) - 1, "0123456789abcdef") >= SESSION_HEX) {
			memcpy(out, p + sizeof(name) - 1, SESSION_HEX);
			out[SESSION_HEX] = '\0';
			return 0;
		}
		p = end != NULL ? end + 1 : NULL;
	}
	return -1;
}

int
session_cookie_present(const struct request *req)
{
	return req->cookie != NULL && strstr(req->cookie, SESSION_COOKIE "=") != NULL;
}

const char *
session_cookie_clear(void)
{
	return SESSION_COOKIE "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0";
}

enum session_result
session_find(struct request *req, struct session **out)
{
	char		 id[SESSION_HEX + 1];
	struct session	*s;
	const char	*params[1], *role;
	PGresult	*res;

	*out = NULL;
	if (req->cookie == NULL || session_cookie_id(req->cookie, id) == -1)
		return SESSION_NONE;
	s = arena_calloc(req->arena, 1, sizeof(*s));
	id_hash(id, s->id_hash);
	sodium_memzero(id, sizeof(id));
	params[0] = s->id_hash;
	/*
	 * Found by the hash of 256 random bits: an index lookup leaks
	 * nothing a guess could use (see write.c's keys).
	 */
	if (db_begin(req->db) == -1)
		return SESSION_DB_ERROR;
	if ((res = db_run(req->db, &sql_session_touch, 1, params)) == NULL ||
	    db_commit(req->db) == -1) {
		PQclear(res);
		db_rollback(req->db);
		return SESSION_DB_ERROR;
	}
	if (PQntuples(res) != 1) {
		PQclear(res);
		return SESSION_NONE;
	}
	s->person_id = db_get(req->arena, res, 0, "person_id");
	s->email = db_get(req->arena, res, 0, "email");
	role = PQgetvalue(res, 0, PQfnumber(res, "role"));
	s->role = strcmp(role, "owner") == 0 ? ROLE_OWNER : ROLE_EDITOR;
	snprintf(s->csrf, sizeof(s->csrf), "%s",
	    PQgetvalue(res, 0, PQfnumber(res, "csrf")));
	PQclear(res);
	*out = s;
	return SESSION_OK;
}

/*
 * What the throttle counts an account by: the e-mail lower-cased (by the
 * database), or for one no person can have (too long, not UTF-8, with
 * controls) one bucket of its own, and no lookup.
 */
static int
plausible_email(const char *email)
{
	const unsigned char	*p = (const unsigned char *)email;
	size_t			 n = strlen(email), k;
	uint32_t		 cp;

	if (n == 0 || n > EMAIL_MAX)
		return 0;
	while (n > 0) {
		if ((k = esc_utf8_decode(p, n, &cp)) == 0 || cp < 0x20 ||
		    esc_forbidden(cp))
			return 0;
		p += k;
		n -= k;
	}
	return 1;
}

/* One attempt against one key: 0 to go on, >0 seconds to wait, -1 failed. */
static int
attempt(struct request *req, const char *kind, const char *key, int limit)
{
	const char	*params[3];
	char		 lim[16];
	PGresult	*res;
	int		 wait;

	snprintf(lim, sizeof(lim), "%d", limit);
	params[0] = kind;
	params[1] = key;
	params[2] = lim;
	if ((res = db_run(req->db, &sql_attempt, 3, params)) == NULL)
		return -1;
	wait = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	return wait;
}

/* The attempt counted, per address then per account, in one transaction. */
static enum signin_result
throttle(struct request *req, const char *address, const char *account,
    int *retry_after)
{
	int	wait;

	if (db_begin(req->db) == -1)
		return SIGNIN_DB_ERROR;
	if ((wait = attempt(req, "address", address, SIGNIN_ADDRESS_LIMIT)) == 0)
		wait = attempt(req, "account", account, SIGNIN_ACCOUNT_LIMIT);
	if (wait == -1 || db_commit(req->db) == -1) {
		db_rollback(req->db);
		return SIGNIN_DB_ERROR;
	}
	*retry_after = wait;
	return wait > 0 ? SIGNIN_THROTTLED : SIGNIN_OK;
}

/* The new session's rows, and the cookie that names it. */
static enum signin_result
open_session(struct request *req, const char *person, const char *address,
    const char *account, const char **cookie)
{
	unsigned char	 id[32], csrf[32];
	char		 id_hex[SESSION_HEX + 1], csrf_hex[SESSION_HEX + 1];
	char		 hash[SESSION_HEX + 1];
	const char	*params[4];
	PGresult	*res;

	password_random(id, sizeof(id));
	password_random(csrf, sizeof(csrf));
	sodium_bin2hex(id_hex, sizeof(id_hex), id, sizeof(id));
	sodium_bin2hex(csrf_hex, sizeof(csrf_hex), csrf, sizeof(csrf));
	id_hash(id_hex, hash);
	if (db_begin(req->db) == -1)
		return SIGNIN_DB_ERROR;
	params[0] = address;
	params[1] = account;
	if ((res = db_run(req->db, &sql_succeeded, 2, params)) == NULL)
		goto fail;
	PQclear(res);
	params[0] = hash;
	params[1] = person;
	params[2] = csrf_hex;
	params[3] = address;
	if ((res = db_run(req->db, &sql_session_new, 4, params)) == NULL)
		goto fail;
	PQclear(res);
	if (db_commit(req->db) == -1)
		goto fail;
	*cookie = arena_printf(req->arena, "%s=%s; Path=/; Secure; HttpOnly; "
	    "SameSite=Strict; Max-Age=%d", SESSION_COOKIE, id_hex,
	    SESSION_MAX_SECONDS);
	sodium_memzero(id_hex, sizeof(id_hex));
	return SIGNIN_OK;
fail:
	db_rollback(req->db);
	return SIGNIN_DB_ERROR;
}

enum signin_result
session_sign_in(struct request *req, const char *email, const char *password,
    const char **cookie, int *retry_after)
{
	const char		*address = req->remote_addr, *params[1];
	const char		*account, *hash = NULL, *person = NULL;
	enum signin_result	 r;
	PGresult		*res = NULL;
	char			 who[80];
	int			 ok, disabled = 0;

	*cookie = NULL;
	*retry_after = 0;
	if (address == NULL || *address == '\0' || strlen(address) > 64)
		address = "unknown";
	account = plausible_email(email) ? email : "(not an e-mail)";
	esc_log(who, sizeof(who), address);
	if ((r = throttle(req, address, account, retry_after)) != SIGNIN_OK) {
		/* The address only: an e-mail typed is not for the log. */
		if (r == SIGNIN_THROTTLED)
			log_warnx("console: sign-in from %s refused for %d s: too "
			    "many failures", who, *retry_after);
		return r;
	}
	if (account == email) {
		params[0] = email;
		if ((res = db_run(req->db, &sql_person, 1, params)) == NULL)
			return SIGNIN_DB_ERROR;
		if (PQntuples(res) == 1) {
			person = db_get(req->arena, res, 0, "id");
			hash = db_get(req->arena, res, 0, "password_hash");
			disabled = *PQgetvalue(res, 0, PQfnumber(res, "disabled")) == 't';
		}
		PQclear(res);
	}
	/* Checked whatever came before, so every refusal takes one check's time. */
	ok = password_verify(strlen(password) <= PASSWORD_MAX_BYTES ? hash : NULL,
	    password);
	if (!ok || disabled || person == NULL) {
		log_info("console: sign-in from %s refused", who);
		return SIGNIN_REFUSED;
	}
	return open_session(req, person, address, account, cookie);
}

/* One statement of one parameter in a transaction of its own: 0 or -1. */
static int
run_one(struct request *req, const struct db_sql *st, const char *param)
{
	const char	*params[1] = { param };
	PGresult	*res;

	if (db_begin(req->db) == -1)
		return -1;
	if ((res = db_run(req->db, st, 1, params)) == NULL ||
	    db_commit(req->db) == -1) {
		PQclear(res);
		db_rollback(req->db);
		return -1;
	}
	PQclear(res);
	return 0;
}

int
session_end(struct request *req, const struct session *s)
{
	return run_one(req, &sql_session_end, s->id_hash);
}

int
session_end_all(struct request *req, const struct session *s)
{
	return run_one(req, &sql_session_end_all, s->person_id);
}
