/* dispatch.c: one request, one way: accept, route, handle, render */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "attic.h"
#include "buf.h"
#include "cache.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "dispatch.h"
#include "http.h"
#include "input.h"
#include "manage.h"
#include "mirror.h"
#include "page.h"
#include "query.h"
#include "refresh.h"
#include "route.h"
#include "shelf.h"
#include "snapshot.h"

/* A client that asks for JSON and not HTML gets its errors in JSON. */
static int
prefers_json(const char *path, const char *accept)
{
	if (strncmp(path, "/api/", 5) == 0 || strncmp(path, "/v1/", 4) == 0)
		return 1;
	return accept != NULL && strstr(accept, "application/json") != NULL &&
	    strstr(accept, "text/html") == NULL;
}

/*
 * The body of a POST, PUT or PATCH, read whole into the arena.  Capped by
 * its declared length before a byte is read; nginx caps it too.
 */
static int
read_body(FCGX_Request *fr, struct request *req, struct response *resp)
{
	const char	*cl = FCGX_GetParam("CONTENT_LENGTH", fr->envp);
	char		*body, *end;
	unsigned long	 n;
	int		 got, want;
	size_t		 have = 0;

	if (cl == NULL || *cl == '\0')
		return 0;
	n = strtoul(cl, &end, 10);
	if (*end != '\0' || cl[0] == '-') {
		http_error(req, resp, 400, "Content-Length is not a number.");
		return -1;
	}
	if (n > INPUT_MAX_BYTES) {
		http_error(req, resp, 413, "The body is larger than 64 KiB.");
		return -1;
	}
	body = arena_alloc(req->arena, n + 1);
	while (have < n) {
		want = (int)(n - have);
		if ((got = FCGX_GetStr(body + have, want, fr->in)) <= 0)
			break;
		have += (size_t)got;
	}
	if (have != n) {
		http_error(req, resp, 400, "The body is shorter than its Content-Length.");
		return -1;
	}
	body[n] = '\0';
	req->body = body;
	req->body_len = n;
	return 0;
}

/*
 * What a kept rendition is filed under: the path and the one query value
 * the answer depends on.  Only well-formed ones are looked up (ids are
 * digits, a month or page number is short), and only 200s are kept, so
 * junk addresses fill no slots.
 */
static const char *
rendition_key(struct request *req, const struct route *route)
{
	struct buf	 key;
	const char	*p, *v;
	char		*name;
	size_t		 n;
	int		 i;

	for (i = 0; i < req->nparams; i++)
		if (!input_is_id(req->params[i]))
			return NULL;
	buf_init(&key, req->arena);
	buf_puts(&key, req->path);
	for (p = route->param; p != NULL && *p != '\0'; p += n + (p[n] == ' ')) {
		n = strcspn(p, " ");
		name = arena_strndup(req->arena, p, n);
		if ((v = query_get(req->arena, req->query, name)) == NULL)
			continue;
		if (*v == '\0' || strlen(v) > 16 ||
		    strspn(v, "0123456789-") != strlen(v))
			return NULL;
		buf_printf(&key, "%c%s=%s", key.len == strlen(req->path) ?
		    '?' : '&', name, v);
	}
	return key.data;
}

/*
 * A page that says how old its data is: one copy per wording, and per
 * time it says the data is as of (the database can come back, confirm the
 * same snapshot, and go again).
 */
static const char *
stale_key(struct request *req, const struct route *route, const char *key)
{
	if ((route->flags & ROUTE_HTML) && req->stale_for != NULL)
		return arena_printf(req->arena, "%s#%lld %s", key,
		    (long long)req->confirmed, req->stale_for);
	return key;
}

/*
 * A page rendered at another moment, with the stale note this request
 * calls for (or as it was, if it calls for none); in the arena.
 */
static const char *
restale(const struct request *req, const char *html, size_t len,
    size_t *outlen)
{
	static const char	 note[] = "<p class=\"stale\"";
	const char		*at, *end;
	struct buf		 b;
	size_t			 head;

	*outlen = len;
	if (req->stale_for == NULL || (at = memmem(html, len, PAGE_MAIN_OPEN,
	    sizeof(PAGE_MAIN_OPEN) - 1)) == NULL)
		return html;
	head = (size_t)(at - html) + sizeof(PAGE_MAIN_OPEN) - 1;
	buf_init(&b, req->arena);
	buf_append(&b, html, head);
	page_stale_note(&b, req);
	html += head;
	len -= head;
	/* A note of its own, from another moment, gives way to this one. */
	if (len >= sizeof(note) - 1 && memcmp(html, note, sizeof(note) - 1) == 0 &&
	    (end = memmem(html, len, "</p>\n", 5)) != NULL) {
		len -= (size_t)(end + 5 - html);
		html = end + 5;
	}
	buf_append(&b, html, len);
	*outlen = b.len;
	return b.data;
}

/*
 * An answer that needed the database, which cannot be read: the copy in
 * the attic, if an earlier read left one, rather than a 503.
 */
static void
from_attic(struct request *req, struct response *resp, struct attic *attic,
    const char *key)
{
	struct response	 kept;

	if (attic == NULL || !resp->db_unavailable ||
	    attic_get(attic, key, req->arena, &kept) == -1)
		return;
	if (strncmp(kept.content_type, "text/html", 9) == 0) {
		kept.data = restale(req, kept.data, kept.data_len,
		    &kept.data_len);
		http_etag_of(kept.data, kept.data_len, "", kept.etag,
		    sizeof(kept.etag));
	}
	*resp = kept;
}

/*
 * A public read: from the snapshot, and for ROUTE_ONCE from its kept
 * rendition, rendered by the first request that wants it.  Only a 200 is
 * kept; one that read the database goes to the cache's smaller pool.
 */
static void
read_snapshot(struct request *req, struct response *resp,
    const struct route *route, const struct snapshot *snap,
    struct attic *attic)
{
	const struct rendition	*r = NULL;
	const char		*base, *key = NULL;
	unsigned long		 queries;
	int			 token;

	resp->vary = 1;
	if (snap == NULL) {
		http_db_unavailable(req, resp);
		return;
	}
	if (!snap->has_page) {
		http_no_page(req, resp);
		return;
	}
	req->snap = snap;
	if (route->flags & ROUTE_ONCE &&
	    (base = rendition_key(req, route)) != NULL)
		key = stale_key(req, route, base);
	if (key == NULL) {
		route->handler(req, resp);
		return;
	}
	if ((r = cache_find(snap->cache, key)) == NULL) {
		token = cache_begin(snap->cache, key);
		/* Whoever rendered it while we waited may have kept it. */
		if ((r = cache_find(snap->cache, key)) == NULL) {
			queries = req->db->queries;
			route->handler(req, resp);
			if (resp->status == 200 && !resp->transient &&
			    !arena_over(req->arena))
				r = cache_keep(snap->cache, key,
				    req->db->queries == queries ?
				    CACHE_SNAPSHOT : CACHE_DATABASE, resp);
			if (r != NULL && attic != NULL &&
			    req->db->queries != queries)
				attic_put(attic, base, r);
		}
		cache_end(snap->cache, token, r != NULL);
		if (r == NULL) {
			from_attic(req, resp, attic, base);
			return;
		}
	}
	cache_serve(r, req, resp);
}

/*
 * How old the picture in req->snap is: the time since the database last
 * confirmed it; pages say so past refresh_stale_after().
 */
static void
note_age(struct request *req, struct refresher *r)
{
	time_t	now = time(NULL);

	if ((req->confirmed = refresh_confirmed(r)) == 0)
		req->confirmed = req->snap->built;
	req->data_age = now > req->confirmed ? (long long)(now - req->confirmed) : 0;
	if (req->data_age > refresh_stale_after(req->cfg))
		req->stale_for = clock_ago(req->arena, req->data_age);
}

/* The route's promises for this request, before anything is read or run. */
static void
route_apply(struct request *req, struct response *resp, const struct route *route)
{
	req->arg = route->arg;
	req->wants_json |= (route->flags & ROUTE_JSON) != 0;
	resp->cors = (route->flags & ROUTE_CORS) != 0;
	resp->cache_control = route->cache;
}

/* A request of this worker's, nothing read from it yet. */
static void
request_init(struct request *req, struct worker_ctx *w, struct arena *a)
{
	memset(req, 0, sizeof(*req));
	req->arena = a;
	req->cfg = w->cfg;
	req->db = w->db;
	req->refresher = w->refresher;
	req->data_age = -1;
}

const struct rendition *
dispatch_rendition(struct worker_ctx *w, struct snapshot *snap,
    struct arena *a, const char *path)
{
	const struct route	*route;
	struct request		 req;
	struct response		 resp;
	unsigned		 allow;

	request_init(&req, w, a);
	req.method = HTTP_GET;
	req.path = path;
	req.query = "";
	req.gzip_ok = 1;
	response_init(&resp, a);
	if (route_match(routes, nroutes, &req, &route, &allow) != ROUTE_FOUND ||
	    (route->flags & (ROUTE_SNAPSHOT | ROUTE_ONCE)) !=
	    (ROUTE_SNAPSHOT | ROUTE_ONCE) || snap == NULL || !snap->has_page)
		return NULL;
	route_apply(&req, &resp, route);
	req.snap = snap;
	note_age(&req, w->refresher);
	if (req.stale_for != NULL)
		return NULL;
	read_snapshot(&req, &resp, route, snap, w->attic);
	/*
	 * nginx gives a file its mtime as Last-Modified: an answer that
	 * leaves it out (/ while something is wrong, whose bars grow with no
	 * change in the data) stays the program's.
	 */
	if (resp.status != 200 || arena_over(a) || resp.last_modified == 0)
		return NULL;
	return cache_find(snap->cache, path);
}

/*
 * A console write is on the next screen: its redirect waits until the
 * published snapshot holds version (the refresher was poked by the
 * commit), 2 s at most; then the screen says what it shows anyway.
 */
static void
settle(struct worker_ctx *w, long long version)
{
	const struct timespec	 tick = { 0, 10 * 1000 * 1000 };
	struct snapshot		*s;
	int			 i, held;

	for (i = 0; i < 200; i++) {
		s = snapshot_acquire(w->shelf, w->reader);
		held = s != NULL && s->version >= version;
		snapshot_release(w->reader);
		if (held)
			return;
		nanosleep(&tick, NULL);
	}
}

void
dispatch(FCGX_Request *fr, struct worker_ctx *w)
{
	struct arena		*a = arena_new_capped(w->cfg->request_memory);
	struct arena		*spare = NULL;
	struct snapshot		*snap = NULL;
	struct request		 req;
	struct response		 resp;
	struct buf		 out;
	const struct route	*route;
	const char		*path, *body;
	unsigned		 allow;
	size_t			 len;

	request_init(&req, w, a);
	req.method = http_method_parse(FCGX_GetParam("REQUEST_METHOD", fr->envp));
	/* nginx's $document_uri: percent-decoded, dot segments resolved. */
	path = FCGX_GetParam("DOCUMENT_URI", fr->envp);
	req.path = path != NULL ? arena_strdup(a, path) : "";
	path = FCGX_GetParam("QUERY_STRING", fr->envp);
	req.query = path != NULL ? arena_strdup(a, path) : "";
	req.wants_json = prefers_json(req.path,
	    FCGX_GetParam("HTTP_ACCEPT", fr->envp));
	req.if_none_match = FCGX_GetParam("HTTP_IF_NONE_MATCH", fr->envp);
	req.if_modified_since = FCGX_GetParam("HTTP_IF_MODIFIED_SINCE", fr->envp);
	req.authorization = FCGX_GetParam("HTTP_AUTHORIZATION", fr->envp);
	req.idempotency_key = FCGX_GetParam("HTTP_IDEMPOTENCY_KEY", fr->envp);
	req.content_type = FCGX_GetParam("CONTENT_TYPE", fr->envp);
	req.cookie = FCGX_GetParam("HTTP_COOKIE", fr->envp);
	req.origin = FCGX_GetParam("HTTP_ORIGIN", fr->envp);
	req.remote_addr = FCGX_GetParam("REMOTE_ADDR", fr->envp);
	req.gzip_ok = http_accepts_gzip(FCGX_GetParam("HTTP_ACCEPT_ENCODING",
	    fr->envp));
	response_init(&resp, a);

	if (req.path[0] != '/') {
		http_error(&req, &resp, 400, "The request carries no path.");
		goto render;
	}
	switch (route_match(routes, nroutes, &req, &route, &allow)) {
	case ROUTE_FOUND:
		route_apply(&req, &resp, route);
		if (route->flags & ROUTE_WRITE)
			req.db = w->wdb;
		if ((route->flags & ROUTE_KEY) && req.authorization == NULL) {
			resp.authenticate = 1;
			http_error(&req, &resp, 401, "This needs an API key: send "
			    "Authorization: OAuth <key> (or Bearer <key>).");
			break;
		}
		if ((route->flags & ROUTE_BODY) && read_body(fr, &req, &resp) == -1)
			break;
		/* The console: signed in, the right role, a POST really from a form of ours. */
		if ((route->flags & ROUTE_SESSION) &&
		    manage_guard(&req, &resp, route->flags & ROUTE_OWNER) == -1)
			break;
		if (route->flags & (ROUTE_SNAPSHOT | ROUTE_PEEK) &&
		    (snap = snapshot_acquire(w->shelf, w->reader)) != NULL) {
			req.snap = snap;
			note_age(&req, w->refresher);
		}
		if (route->flags & ROUTE_SNAPSHOT)
			read_snapshot(&req, &resp, route, snap, w->attic);
		/* nginx found no file of it: the mirror may write one. */
		if ((route->flags & ROUTE_FILE) && w->mirror != NULL &&
		    snap != NULL && req.stale_for == NULL && *req.query == '\0' &&
		    resp.status == 200 && resp.last_modified != 0)
			mirror_ask(w->mirror, snap->serial, req.path);
		if (!(route->flags & ROUTE_SNAPSHOT)) {
			req.snap = snap;
			route->handler(&req, &resp);
		}
		break;
	case ROUTE_NOT_FOUND:
		http_error(&req, &resp, 404, "There is nothing at this address.");
		break;
	case ROUTE_BAD_METHOD:
		req.wants_json |= (route->flags & ROUTE_JSON) != 0;
		resp.allow = allow;
		if (req.method == HTTP_OPTIONS) {
			resp.status = 204;
			break;
		}
		http_error(&req, &resp, 405, arena_printf(a, "This address "
		    "answers only %s.", http_allow_header(a, allow)));
		break;
	}
	/*
	 * An answer that outgrew the request's memory is not sent half made:
	 * it becomes a 503, written in memory of its own.
	 */
	if (arena_over(a)) {
		spare = arena_new();
		req.arena = spare;
		response_init(&resp, spare);
		http_error(&req, &resp, 503, "This answer would need more memory "
		    "than one request may take. Please try again later.");
	}
render:
	if (resp.settle_version > 0) {
		/* The request's snapshot is let go: settle() takes its slot. */
		if (snap != NULL)
			snapshot_release(w->reader);
		snap = NULL;
		settle(w, resp.settle_version);
	}
	http_conditional(&req, &resp);
	buf_init(&out, req.arena);
	http_render(&req, &resp, &out);
	FCGX_PutStr(out.data, (int)out.len, fr->out);
	body = http_body(&req, &resp, &len);
	FCGX_PutStr(body, (int)len, fr->out);
	if (snap != NULL)
		snapshot_release(w->reader);
	arena_free(spare);
	arena_free(a);
}
