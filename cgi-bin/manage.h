/*
 * manage.h: what the console's pages (ui-manage-*.c, under /manage/)
 * share: the guard every route marked ROUTE_SESSION passes first, the
 * frame, forms and their CSRF token.
 */
#ifndef LANTERN_MANAGE_H
#define LANTERN_MANAGE_H

struct buf;
struct request;
struct response;

/*
 * For ROUTE_SESSION, before the handler: a POST must come from a page of
 * ours (Origin is LANTERN_BASE_URL's) and carry the session's CSRF token;
 * anyone not signed in is sent to the sign-in form (303); with owner_only,
 * an editor is refused (403).  0 to go on, with req->session set; -1 when
 * resp is the answer.
 */
int	manage_guard(struct request *, struct response *, int owner_only);
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
/* The hidden field that carries the session's CSRF token in every form. */
void	manage_csrf(struct buf *, const struct request *);

#endif
