/* ui-manage-shared.c: the console's guard, frame and forms */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "fmt.h"
#include "http.h"
#include "manage.h"
#include "page.h"
#include "password.h"
#include "query.h"
#include "session.h"
#include "snapshot.h"
#include "write.h"

/* Assets are cached for a year by nginx; the version makes a new one seen. */
#define ASSET_VERSION	PACKAGE_VERSION

int
manage_origin_ok(const struct request *req)
{
	const struct config	*cfg = req->cfg;
	size_t			 n = strlen(cfg->base_url) - strlen(cfg->base_path);

	/*
	 * Browsers send Origin with every POST; a request without one is not
	 * a form of ours, nor is "null" (a sandboxed or privacy-bound page).
	 */
	return req->origin != NULL && strlen(req->origin) == n &&
	    strncasecmp(req->origin, cfg->base_url, n) == 0;
}

int
manage_next_ok(const char *path)
{
	static const char	 plain[] = "abcdefghijklmnopqrstuvwxyz"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-_";

	/*
	 * Only a path of the console (beyond /manage/, where signing in
	 * leads anyway), in characters that need no escaping anywhere: never
	 * another site ("//evil", "/\\evil"), never a query.
	 */
	return path != NULL && strncmp(path, "/manage/", 8) == 0 &&
	    path[8] != '\0' && strspn(path, plain) == strlen(path) &&
	    strstr(path, "//") == NULL &&
	    strncmp(path, "/manage/sign-", 13) != 0;
}

int
manage_origin_refused(const struct request *req, struct response *resp)
{
	if (manage_origin_ok(req))
		return 0;
	http_error(req, resp, 403, "This form was not sent from this console's "
	    "own page (its Origin is missing or another site's). Nothing was "
	    "changed.");
	return 1;
}

const char *
manage_field(const struct request *req, const char *name)
{
	if (req->body == NULL || req->content_type == NULL ||
	    strncasecmp(req->content_type, "application/x-www-form-urlencoded",
	    33) != 0)
		return NULL;
	return query_get(req->arena, req->body, name);
}

void
manage_redirect(const struct request *req, struct response *resp,
    const char *path)
{
	resp->status = 303;
	resp->location = arena_printf(req->arena, "%s%s", req->cfg->base_path,
	    path);
	resp->body.len = 0;
	resp->body.data[0] = '\0';
}

/* A token compared in time independent of where a guess goes wrong. */
static int
csrf_ok(const struct request *req, const struct session *s)
{
	const char	*got = manage_field(req, "csrf");

	return got != NULL && strlen(got) == strlen(s->csrf) &&
	    password_equal(got, s->csrf, strlen(s->csrf));
}

int
manage_guard(struct request *req, struct response *resp, int owner_only)
{
	struct session	*s;
	int		 post = req->method != HTTP_GET && req->method != HTTP_HEAD;

	resp->cache_control = "no-store";
	if (post && manage_origin_refused(req, resp))
		return -1;
	switch (session_find(req, &s)) {
	case SESSION_OK:
		break;
	case SESSION_NONE:
		/* A link from a chat or a page: back to it once signed in. */
		manage_redirect(req, resp, !post && manage_next_ok(req->path) ?
		    arena_printf(req->arena, "/manage/sign-in?next=%s",
		    req->path) : "/manage/sign-in");
		/* A cookie of a session that has ended is of no more use. */
		if (session_cookie_present(req))
			resp->set_cookie = session_cookie_clear();
		return -1;
	case SESSION_DB_ERROR:
		http_db_unavailable(req, resp);
		return -1;
	}
	if (post && !csrf_ok(req, s)) {
		http_error(req, resp, 403, "This form's security token is missing "
		    "or out of date: reload the page and send it again. Nothing "
		    "was changed.");
		return -1;
	}
	if (owner_only && s->role != ROLE_OWNER) {
		http_error(req, resp, 403, "Only an owner may open this page.");
		return -1;
	}
	req->session = s;
	return 0;
}

void
manage_csrf(struct buf *b, const struct request *req)
{
	buf_fmt(b, "<input type=\"hidden\" name=\"csrf\" value=\"%a\">",
	    req->session->csrf);
}

void
manage_form_tokens(struct buf *b, const struct request *req)
{
	unsigned char	once[16];
	char		hex[2 * sizeof(once) + 1];
	size_t		i;

	password_random(once, sizeof(once));
	for (i = 0; i < sizeof(once); i++)
		snprintf(hex + 2 * i, 3, "%02x", once[i]);
	manage_csrf(b, req);
	buf_fmt(b, "<input type=\"hidden\" name=\"once\" value=\"%a\">", hex);
}

int
manage_write(struct request *req, struct response *resp,
    const struct write_op *op, const char *const *ids, int nids,
    json_object *body, struct write_outcome *out)
{
	const char	*all[ROUTE_MAX_PARAMS];
	const char	*once = manage_field(req, "once");
	int		 i;

	memset(out, 0, sizeof(*out));
	if (req->snap == NULL || !req->snap->has_page) {
		out->status = 503;
		out->message = "The page cannot be read just now; nothing was "
		    "written. Try again in a moment.";
	} else if (once == NULL) {
		/* Every form of ours carries it: this one is not a form of ours. */
		out->status = 400;
		out->message = "This form is incomplete: reload the page and "
		    "send it again. Nothing was written.";
	} else {
		all[0] = req->snap->model.page.id;
		for (i = 0; i < nids && i + 1 < ROUTE_MAX_PARAMS; i++)
			all[i + 1] = ids[i];
		if (write_form(req, op, all, i + 1, body, once, out) == 0) {
			resp->settle_version = out->version;
			return 0;
		}
	}
	resp->status = out->status;
	return -1;
}

const struct snapshot *
manage_snapshot(const struct request *req, struct response *resp)
{
	if (req->snap == NULL) {
		http_db_unavailable(req, resp);
		return NULL;
	}
	if (!req->snap->has_page) {
		http_no_page(req, resp);
		return NULL;
	}
	return req->snap;
}

void
manage_refusal(struct buf *b, const struct write_outcome *out)
{
	buf_fmt(b, "<p class=\"form-error\" role=\"alert\">%h</p>\n", out->message);
}

void
manage_open(struct buf *b, const struct request *req, const char *title)
{
	const char	*bp = req->cfg->base_path;

	buf_fmt(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n"
	    "<title>%h \xc2\xb7 Lantern console</title>\n"
	    "<link rel=\"stylesheet\" href=\"%a/static/lantern.css?v="
	    ASSET_VERSION "\">\n"
	    "<link rel=\"stylesheet\" href=\"%a/static/manage.css?v="
	    ASSET_VERSION "\">\n"
	    "<link rel=\"icon\" type=\"image/svg+xml\" "
	    "href=\"%a/static/favicon.svg?v=" ASSET_VERSION "\">\n"
	    "</head>\n<body class=\"manage\">\n"
	    "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
	    "<header class=\"masthead\">\n"
	    "<a class=\"site\" href=\"%a/manage/\">Console</a>\n"
	    "<nav aria-label=\"Console\">\n", title, bp, bp, bp, bp);
	if (req->session != NULL)
		buf_fmt(b, "<a href=\"%a/manage/\">Now</a>\n"
		    "<a href=\"%a/manage/incidents\">Incidents</a>\n"
		    "<a href=\"%a/manage/incidents/new\">New incident</a>\n"
		    "<a href=\"%a/manage/maintenance\">Maintenance</a>\n"
		    "<a href=\"%a/manage/components\">Components</a>\n"
		    "<a href=\"%a/manage/subscribers\">Subscribers</a>\n",
		    bp, bp, bp, bp, bp, bp);
	if (req->session != NULL && req->session->role == ROLE_OWNER)
		buf_fmt(b, "<a href=\"%a/manage/people\">People</a>\n"
		    "<a href=\"%a/manage/keys\">API keys</a>\n"
		    "<a href=\"%a/manage/audit\">Audit log</a>\n"
		    "<a href=\"%a/manage/settings\">Settings</a>\n", bp, bp, bp, bp);
	buf_fmt(b, "<a href=\"%a/\">Status page</a>\n</nav>\n", bp);
	if (req->session != NULL) {
		buf_fmt(b, "<div class=\"who\">\n<span>%h (%h)</span>\n"
		    "<form method=\"post\" action=\"%a/manage/sign-out\">",
		    req->session->email, session_role_name(req->session->role),
		    bp);
		manage_csrf(b, req);
		buf_puts(b, "<button type=\"submit\">Sign out</button></form>\n"
		    "</div>\n");
	}
	buf_puts(b, "</header>\n" PAGE_MAIN_OPEN);
	if (req->stale_for != NULL)
		page_stale_note(b, req);
}

void
manage_close(struct buf *b, const struct request *req)
{
	buf_puts(b, "</main>\n<footer class=\"footer\">\n");
	if (req->session != NULL) {
		/* A lost phone: every session of this person ends, this one too. */
		buf_fmt(b, "<form method=\"post\" action=\"%a/manage/sign-out-everywhere\">",
		    req->cfg->base_path);
		manage_csrf(b, req);
		buf_puts(b, "<button type=\"submit\" class=\"quiet\">Sign out "
		    "everywhere</button></form>\n");
	}
	buf_puts(b, "<p>Lantern console</p>\n</footer>\n</body>\n</html>\n");
}
