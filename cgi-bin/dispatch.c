/* dispatch.c: one request, one way: accept, route, handle, render */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "dispatch.h"
#include "http.h"
#include "input.h"
#include "route.h"

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

void
dispatch(FCGX_Request *fr, const struct config *cfg, struct db *db)
{
	struct arena		*a = arena_new();
	struct request		 req;
	struct response		 resp;
	struct buf		 out;
	const struct route	*route;
	const char		*path;
	unsigned		 allow;

	memset(&req, 0, sizeof(req));
	req.arena = a;
	req.cfg = cfg;
	req.db = db;
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
	response_init(&resp, a);

	if (req.path[0] != '/') {
		http_error(&req, &resp, 400, "The request carries no path.");
		goto render;
	}
	if ((req.method & (HTTP_POST | HTTP_PUT | HTTP_PATCH | HTTP_DELETE)) &&
	    read_body(fr, &req, &resp) == -1)
		goto render;
	switch (route_match(routes, nroutes, &req, &route, &allow)) {
	case ROUTE_FOUND:
		req.wants_json |= route->json;
		route->handler(&req, &resp);
		break;
	case ROUTE_NOT_FOUND:
		http_error(&req, &resp, 404, "There is nothing at this address.");
		break;
	case ROUTE_BAD_METHOD:
		req.wants_json |= route->json;
		resp.allow = allow;
		if (req.method == HTTP_OPTIONS) {
			resp.status = 204;
			break;
		}
		http_error(&req, &resp, 405, arena_printf(a, "This address "
		    "answers only %s.", http_allow_header(a, allow)));
		break;
	}
render:
	http_conditional(&req, &resp);
	buf_init(&out, a);
	http_render(&req, &resp, &out);
	FCGX_PutStr(out.data, (int)out.len, fr->out);
	arena_free(a);
}
