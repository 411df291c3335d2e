/* unit-route.c: every URL finds its handler, or a real 404 or 405 */
#include "arena.h"
#include "handlers.h"
#include "route.h"
#include "tap.h"

static void h_a(struct request *r, struct response *s) { (void)r; (void)s; }
static void h_b(struct request *r, struct response *s) { (void)r; (void)s; }

static const struct route table[] = {
	{ "/",			HTTP_GET,		h_a, 0, NULL, NULL, NULL },
	{ "/incidents/{id}",	HTTP_GET,		h_b, 0, NULL, NULL, NULL },
	{ "/v1/pages/{p}/incidents/{id}", HTTP_PATCH | HTTP_DELETE, h_a, ROUTE_JSON, NULL, NULL, NULL },
	{ "/v1/pages/{p}/incidents/{id}", HTTP_GET,	h_b, ROUTE_JSON, NULL, NULL, NULL },
};
#define NTABLE (sizeof(table) / sizeof(table[0]))

static enum route_result
look(struct arena *a, struct request *req, enum http_method m, const char *path,
    const struct route **hit, unsigned *allow)
{
	memset(req, 0, sizeof(*req));
	req->arena = a;
	req->method = m;
	req->path = path;
	return route_match(table, NTABLE, req, hit, allow);
}

int
main(void)
{
	struct arena		*a = arena_new();
	struct request		 req;
	const struct route	*hit;
	unsigned		 allow;

	is_int(look(a, &req, HTTP_GET, "/", &hit, &allow), ROUTE_FOUND, "GET /");
	ok(hit->handler == h_a, "GET / goes to its handler");
	is_int(look(a, &req, HTTP_HEAD, "/", &hit, &allow), ROUTE_FOUND,
	    "HEAD answered by the GET handler");
	is_int(look(a, &req, HTTP_POST, "/", &hit, &allow), ROUTE_BAD_METHOD,
	    "POST / is a bad method");
	is_str(http_allow_header(a, allow), "GET, HEAD", "Allow for /");
	is_int(look(a, &req, HTTP_GET, "/nope", &hit, &allow), ROUTE_NOT_FOUND,
	    "unknown path");
	is_int(look(a, &req, HTTP_GET, "", &hit, &allow), ROUTE_NOT_FOUND,
	    "empty path");
	is_int(look(a, &req, HTTP_GET, "//", &hit, &allow), ROUTE_NOT_FOUND,
	    "double slash is not /");

	is_int(look(a, &req, HTTP_GET, "/incidents/42", &hit, &allow), ROUTE_FOUND,
	    "parameter segment");
	is_int(req.nparams, 1, "one parameter");
	is_str(req.params[0], "42", "parameter captured");
	is_int(look(a, &req, HTTP_GET, "/incidents/", &hit, &allow),
	    ROUTE_NOT_FOUND, "empty parameter does not match");
	is_int(look(a, &req, HTTP_GET, "/incidents/4/2", &hit, &allow),
	    ROUTE_NOT_FOUND, "parameter is one segment");
	is_int(look(a, &req, HTTP_GET, "/incidents", &hit, &allow),
	    ROUTE_NOT_FOUND, "missing parameter");

	is_int(look(a, &req, HTTP_GET, "/v1/pages/p1/incidents/9", &hit, &allow),
	    ROUTE_FOUND, "second route with the same pattern");
	ok(hit->handler == h_b, "method picks the handler");
	is_str(req.params[0], "p1", "first of two parameters");
	is_str(req.params[1], "9", "second of two parameters");
	is_int(look(a, &req, HTTP_PUT, "/v1/pages/p1/incidents/9", &hit, &allow),
	    ROUTE_BAD_METHOD, "PUT not taken");
	is_str(http_allow_header(a, allow), "GET, HEAD, PATCH, DELETE",
	    "Allow joins every route of the path");
	ok((hit->flags & ROUTE_JSON), "405 on a JSON route answers in JSON");

	/* The program's own table. */
	memset(&req, 0, sizeof(req));
	req.arena = a;
	req.method = HTTP_GET;
	req.path = "/";
	is_int(route_match(routes, nroutes, &req, &hit, &allow), ROUTE_FOUND,
	    "program: GET /");
	ok(hit->handler == ui_index, "program: / is the status page");
	req.path = "/healthz";
	is_int(route_match(routes, nroutes, &req, &hit, &allow), ROUTE_FOUND,
	    "program: GET /healthz");
	ok(hit->handler == api_healthz && (hit->flags & ROUTE_JSON), "program: /healthz is JSON");
	/* A capture with a literal suffix: the JSON twin of the HTML page. */
	req.path = "/incidents/42.json";
	is_int(route_match(routes, nroutes, &req, &hit, &allow), ROUTE_FOUND,
	    "program: GET /incidents/42.json");
	ok(hit->handler == api_v2_incident && (hit->flags & ROUTE_JSON),
	    "program: /incidents/{id}.json is the JSON incident");
	is_str(req.params[0], "42", "the suffix is not captured");
	req.path = "/incidents/42";
	is_int(route_match(routes, nroutes, &req, &hit, &allow), ROUTE_FOUND,
	    "program: GET /incidents/42");
	ok(hit->handler == ui_incident, "program: without .json it is the page");
	req.path = "/incidents/.json";
	is_int(route_match(routes, nroutes, &req, &hit, &allow), ROUTE_FOUND,
	    "program: /incidents/.json");
	ok(hit->handler == ui_incident, "an empty capture before the suffix "
	    "does not match {id}.json");
	req.method = HTTP_POST;
	req.path = "/";
	is_int(route_match(routes, nroutes, &req, &hit, &allow), ROUTE_BAD_METHOD,
	    "program: POST / is 405");

	is_int(http_method_parse("GET"), HTTP_GET, "GET parsed");
	is_int(http_method_parse("get"), HTTP_OTHER, "methods are case-sensitive");
	is_int(http_method_parse(NULL), HTTP_OTHER, "no method");

	arena_free(a);
	return done_testing();
}
