/*
 * manage.h: what the console's pages (ui-manage-*.c, under /manage/)
 * share: the guard every route marked ROUTE_SESSION passes first, the
 * frame, forms and their CSRF token.
 */
#ifndef LANTERN_MANAGE_H
#define LANTERN_MANAGE_H

#include <json-c/json.h>

struct buf;
struct request;
struct response;
struct write_op;
struct write_outcome;

/*
 * For ROUTE_SESSION, before the handler: a POST must come from a page of
 * ours (Origin is LANTERN_BASE_URL's) and carry the session's CSRF token;
 * anyone not signed in is sent to the sign-in form (303); with owner_only,
 * an editor is refused (403).  0 to go on, with req->session set; -1 when
 * resp is the answer.
 */
int	manage_guard(struct request *, struct response *, int owner_only);
/*
 * Whether path may be where signing in leads on ("next"): a console path
 * other than signing in or out, with nothing in it to escape.
 */
int	manage_next_ok(const char *path);
/* Whether the request's Origin is LANTERN_BASE_URL's scheme, host and port. */
int	manage_origin_ok(const struct request *);
/* Not manage_origin_ok: a 403 that says so in resp, and 1; else 0. */
int	manage_origin_refused(const struct request *, struct response *);
/* A field of a form POSTed (application/x-www-form-urlencoded), or NULL. */
const char *manage_field(const struct request *, const char *name);
/* 303 See Other to a path of the console ("/manage/"), under the base path. */
void	manage_redirect(const struct request *, struct response *, const char *path);
/* The console's frame, up to and including <main>, and after it. */
void	manage_open(struct buf *, const struct request *, const char *title);
void	manage_close(struct buf *, const struct request *);
/*
 * The hidden fields every form carries: the session's CSRF token, and a
 * one-time token of this rendering, so that the form sent twice (a double
 * click, a reload) writes once.
 */
void	manage_csrf(struct buf *, const struct request *);
void	manage_form_tokens(struct buf *, const struct request *);
/*
 * A console write: op on the page's resource ids (the page's id is put
 * first), with body in the API's JSON shape, as the signed-in person and
 * the form's one-time token (write_form).  0: written (or the form was
 * sent before), and the answer will wait for the snapshot that holds it;
 * the caller redirects.  -1: refused, resp->status the refusal's and *out
 * its message, for the caller to show the form again.
 */
int	manage_write(struct request *, struct response *,
	    const struct write_op *, const char *const *ids, int nids,
	    json_object *body, struct write_outcome *out);
/* A refusal's message, above the form it concerns. */
void	manage_refusal(struct buf *, const struct write_outcome *);
/* The Now screen (GET /manage/), with a refusal on top if not NULL. */
void	manage_now(struct request *, struct response *,
	    const struct write_outcome *refused);

#endif
