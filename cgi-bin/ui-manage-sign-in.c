/* ui-manage-sign-in.c: signing in to the console and out of it */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "fmt.h"
#include "handlers.h"
#include "http.h"
#include "manage.h"
#include "query.h"
#include "session.h"

/*
 * The form, with a message above it or none.  It never repeats what was
 * typed: the answer to a wrong password and to an unknown e-mail must be
 * the same bytes.
 */
static void
sign_in_page(const struct request *req, struct response *resp,
    const char *message, const char *next)
{
	struct buf	*b = &resp->body;

	resp->content_type = "text/html; charset=utf-8";
	resp->body.len = 0;
	resp->body.data[0] = '\0';
	manage_open(b, req, "Sign in");
	buf_puts(b, "<section class=\"sign-in\" aria-labelledby=\"sign-in-h\">\n"
	    "<h1 id=\"sign-in-h\">Sign in</h1>\n");
	if (message != NULL)
		buf_fmt(b, "<p class=\"form-error\" role=\"alert\">%h</p>\n",
		    message);
	buf_fmt(b, "<form method=\"post\" action=\"%a/manage/sign-in\" "
	    "class=\"stack\">\n"
	    "<label for=\"email\">E-mail</label>\n"
	    "<input id=\"email\" name=\"email\" type=\"email\" "
	    "autocomplete=\"username\" required maxlength=\"254\">\n"
	    "<label for=\"password\">Password</label>\n"
	    "<input id=\"password\" name=\"password\" type=\"password\" "
	    "autocomplete=\"current-password\" required>\n",
	    req->cfg->base_path);
	if (manage_next_ok(next))
		buf_fmt(b, "<input type=\"hidden\" name=\"next\" value=\"%a\">\n",
		    next);
	buf_puts(b, "<button type=\"submit\">Sign in</button>\n</form>\n"
	    "</section>\n");
	manage_close(b, req);
}

/* GET /manage: the console is /manage/. */
void
ui_manage_root(struct request *req, struct response *resp)
{
	manage_redirect(req, resp, "/manage/");
}

/*
 * GET /manage/sign-in[?next=/manage/...] (and HEAD): the form, which
 * leads on to next (a console path, else /manage/).  200.  Reads
 * nothing: who is signed in already is asked only where it matters.
 */
void
ui_manage_sign_in_form(struct request *req, struct response *resp)
{
	sign_in_page(req, resp, NULL, query_get(req->arena, req->query, "next"));
}

/*
 * POST /manage/sign-in, a form (email, password), from this console's own
 * origin (else 403, nothing counted).  Success: a session, its cookie
 * (__Host-, HttpOnly, Secure, SameSite=Strict) and 303 to /manage/.  A
 * wrong password, an unknown or disabled account: 403 with the form and
 * one message, the same bytes every time.  Too many failures from this
 * address or for this account: 429 with Retry-After.  503 when the
 * database does not answer.
 */
void
ui_manage_sign_in(struct request *req, struct response *resp)
{
	const char	*email, *password, *cookie, *p, *next;
	char		*trimmed;
	size_t		 n;
	int		 wait;

	resp->cache_control = "no-store";
	if (manage_origin_refused(req, resp))
		return;
	email = manage_field(req, "email");
	password = manage_field(req, "password");
	next = manage_field(req, "next");
	if (email == NULL || password == NULL) {
		resp->status = 400;
		sign_in_page(req, resp, "Give an e-mail and a password.", next);
		return;
	}
	/* What a phone's keyboard adds around an address is not part of it. */
	for (p = email; *p == ' '; p++)
		continue;
	n = strlen(p);
	while (n > 0 && p[n - 1] == ' ')
		n--;
	trimmed = arena_strndup(req->arena, p, n);
	switch (session_sign_in(req, trimmed, password, &cookie, &wait)) {
	case SIGNIN_OK:
		resp->set_cookie = cookie;
		manage_redirect(req, resp, manage_next_ok(next) ? next : "/manage/");
		return;
	case SIGNIN_REFUSED:
		resp->status = 403;
		sign_in_page(req, resp, "The e-mail or the password is wrong.", next);
		return;
	case SIGNIN_THROTTLED:
		resp->status = 429;
		resp->retry_after = wait;
		sign_in_page(req, resp, arena_printf(req->arena, "Too many failed "
		    "sign-ins. Try again in %d seconds.", wait), next);
		return;
	case SIGNIN_DB_ERROR:
		http_db_unavailable(req, resp);
		return;
	}
}

/* Ends what end ends, forgets the cookie, and goes back to the sign-in form. */
static void
sign_out(struct request *req, struct response *resp,
    int (*end)(struct request *, const struct session *))
{
	if (end(req, req->session) == -1) {
		http_db_unavailable(req, resp);
		return;
	}
	resp->set_cookie = session_cookie_clear();
	manage_redirect(req, resp, "/manage/sign-in");
}

/*
 * POST /manage/sign-out (ROUTE_SESSION: Origin and CSRF token checked):
 * ends this session, forgets the cookie, 303 to the sign-in form; 503
 * when the database does not answer.
 */
void
ui_manage_sign_out(struct request *req, struct response *resp)
{
	sign_out(req, resp, session_end);
}

/*
 * POST /manage/sign-out-everywhere (ROUTE_SESSION): ends every session of
 * the person signed in, this one included; then as sign-out.
 */
void
ui_manage_sign_out_everywhere(struct request *req, struct response *resp)
{
	sign_out(req, resp, session_end_all);
}
