/* unit-session.c: the console's parsing of what a browser sends, and passwords */
#include <string.h>

#include "arena.h"
#include "config.h"
#include "http.h"
#include "manage.h"
#include "password.h"
#include "session.h"
#include "tap.h"

#define ID	"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

/* The session id session_cookie_id() finds in header, or "-" for none. */
static const char *
id_in(const char *header)
{
	static char	out[SESSION_HEX + 1];

	return session_cookie_id(header, out) == 0 ? out : "-";
}

/* Whether a request from origin passes for a console at base_url. */
static int
origin(const char *base_url, const char *base_path, const char *o)
{
	struct config	cfg;
	struct request	req;

	memset(&cfg, 0, sizeof(cfg));
	memset(&req, 0, sizeof(req));
	cfg.base_url = (char *)base_url;
	cfg.base_path = (char *)base_path;
	req.cfg = &cfg;
	req.origin = o;
	return manage_origin_ok(&req);
}

int
main(void)
{
	struct arena	*a = arena_new();
	struct request	 req;
	char		 hash[PASSWORD_HASH_MAX];

	is_str(id_in("__Host-lantern_session=" ID), ID, "the cookie alone");
	is_str(id_in("a=b; __Host-lantern_session=" ID "; c=d"), ID, "among others");
	is_str(id_in("a=b;__Host-lantern_session=" ID " ;"), ID, "spaces around it");
	is_str(id_in("__Host-lantern_session=bad; __Host-lantern_session=" ID), ID,
	    "the first well-formed one");
	is_str(id_in("__Host-lantern_session=" ID "0"), "-", "65 digits: none");
	is_str(id_in("__Host-lantern_session=0123"), "-", "4 digits: none");
	is_str(id_in("__Host-lantern_session=0123456789ABCDEF0123456789abcdef"
	    "0123456789abcdef0123456789abcdef"), "-", "upper case: none");
	is_str(id_in("x__Host-lantern_session=" ID), "-", "another cookie's name: none");
	is_str(id_in("lantern_session=" ID), "-", "without the prefix: none");
	is_str(id_in(""), "-", "an empty header: none");

	ok(origin("https://status.example.com", "", "https://status.example.com"),
	    "the base URL's origin passes");
	ok(origin("https://example.com/status", "/status", "https://example.com"),
	    "a base URL with a path: its scheme, host and port");
	ok(!origin("https://status.example.com", "", "http://status.example.com"),
	    "another scheme fails");
	ok(!origin("https://status.example.com", "", "https://status.example.com.evil"),
	    "a longer host fails");
	ok(!origin("http://127.0.0.1:8080", "", "http://127.0.0.1:8443"),
	    "another port fails");
	ok(!origin("http://127.0.0.1:8080", "", "http://127.0.0.1:8081"),
	    "one that differs only in its last character fails");
	ok(!origin("https://status.example.com", "", "null"), "Origin: null fails");
	ok(!origin("https://status.example.com", "", NULL), "no Origin fails");

	memset(&req, 0, sizeof(req));
	req.arena = a;
	req.body = "csrf=abc&email=a%40b.c";
	req.content_type = "application/x-www-form-urlencoded";
	is_str(manage_field(&req, "email"), "a@b.c", "a form field, decoded");
	req.content_type = "text/plain";
	ok(manage_field(&req, "csrf") == NULL, "not a form: no fields");

	ok(password_weak("short") != NULL, "a short password is weak");
	ok(password_weak("long enough, really") == NULL, "a long one is not");
	ok(password_weak("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9") != NULL, "nine characters in eighteen bytes: weak");
	ok(password_weak("ten chars\x01") != NULL, "a control character: refused");
	is_int(password_hash("correct horse battery", hash), 0, "a hash is made");
	ok(strncmp(hash, "$argon2id$", 10) == 0, "Argon2id: %s", hash);
	ok(password_verify(hash, "correct horse battery"), "the password matches");
	ok(!password_verify(hash, "correct horse batterY"), "another does not");
	ok(!password_verify(NULL, "correct horse battery"), "no hash: no match");
	ok(!password_verify("$2y$10$notargon", "x"), "a hash of another kind: no match");
	arena_free(a);
	return done_testing();
}
