/*
 * session.h: who is signed in to the console.  Signing in (with the
 * throttle on failures), the session cookie, finding a request's session,
 * and ending one or all of a person's.  Free of HTML.
 */
#ifndef LANTERN_SESSION_H
#define LANTERN_SESSION_H

struct arena;
struct request;

/* The cookie: __Host- binds it to this host, path / and HTTPS (or loopback). */
#define SESSION_COOKIE		"__Host-lantern_session"
/* A session ends after this long unused, and after this long whatever. */
#define SESSION_IDLE_SECONDS	43200	/* 12 hours */
#define SESSION_MAX_SECONDS	604800	/* 7 days */
/* Failed sign-ins before the door closes: per account, per client address. */
#define SIGNIN_ACCOUNT_LIMIT	5
#define SIGNIN_ADDRESS_LIMIT	20
#define SESSION_HEX		64	/* 256 bits in hex */

enum person_role {
	ROLE_EDITOR,	/* incidents, maintenance, components */
	ROLE_OWNER,	/* and people, API keys, page settings */
};

struct session {
	const char		*person_id;
	const char		*email;
	enum person_role	 role;
	char			 id_hash[SESSION_HEX + 1];	/* SHA-256 of the id, hex */
	char			 csrf[SESSION_HEX + 1];	/* what every form carries */
};

enum session_result {
	SESSION_OK,
	SESSION_NONE,		/* no cookie, a malformed one, or it has ended */
	SESSION_DB_ERROR,	/* the database did not answer */
};

/*
 * The session the request's cookie names, if it is live: its idle expiry
 * moves on.  *out is in the arena.
 */
enum session_result session_find(struct request *, struct session **out);

enum signin_result {
	SIGNIN_OK,		/* *cookie is the new session's Set-Cookie value */
	SIGNIN_REFUSED,		/* wrong password, no such person, disabled: one answer */
	SIGNIN_THROTTLED,	/* too many failures: *retry_after seconds */
	SIGNIN_DB_ERROR,
};

/*
 * Checks e-mail and password against people, counting the attempt per
 * client address and per account first.  Takes one Argon2id check's time
 * whether or not the person exists.
 */
enum signin_result session_sign_in(struct request *, const char *email,
		    const char *password, const char **cookie, int *retry_after);
/* Ends this session; or every session of its person.  0, or -1 (database). */
int		 session_end(struct request *, const struct session *);
int		 session_end_all(struct request *, const struct session *);
/* The Set-Cookie value that makes a browser forget the session. */
const char	*session_cookie_clear(void);
/*
 * The session id in a Cookie header: the first of our cookies whose value
 * is 64 lowercase hex digits, into out; 0, or -1 if there is none.
 */
int		 session_cookie_id(const char *header, char out[SESSION_HEX + 1]);
/* Whether the request carries a session cookie at all (live or not). */
int		 session_cookie_present(const struct request *);
const char	*session_role_name(enum person_role);

#endif
