/* http.h: one request and its response, and the one writer of headers */
#ifndef LANTERN_HTTP_H
#define LANTERN_HTTP_H

#include "buf.h"

struct arena;
struct config;
struct db;

enum http_method {
	HTTP_GET	= 1 << 0,
	HTTP_HEAD	= 1 << 1,
	HTTP_POST	= 1 << 2,
	HTTP_PUT	= 1 << 3,
	HTTP_PATCH	= 1 << 4,
	HTTP_DELETE	= 1 << 5,
	HTTP_OPTIONS	= 1 << 6,
	HTTP_OTHER	= 1 << 7,
};

#define ROUTE_MAX_PARAMS 4

/* What a handler may know of a request: parsed, nothing raw. */
struct request {
	struct arena		*arena;
	const struct config	*cfg;
	struct db		*db;
	enum http_method	 method;
	const char		*path;		/* decoded, as nginx normalised it */
	const char		*query;		/* raw query string, "" if none */
	int			 wants_json;	/* errors answer in JSON */
	const char		*params[ROUTE_MAX_PARAMS]; /* {id} segments */
	int			 nparams;
};

struct response {
	int			 status;
	const char		*content_type;
	const char		*cache_control;
	unsigned		 allow;		/* methods, for 405 and OPTIONS */
	struct buf		 body;
};

enum http_method	 http_method_parse(const char *);
const char		*http_reason(int status);
/* "GET, HEAD" for a method mask, in the arena. */
const char		*http_allow_header(struct arena *, unsigned);

void	response_init(struct response *, struct arena *);
/* An error in the shape the client asked for: JSON or an HTML page. */
void	http_error(const struct request *, struct response *, int status,
	    const char *message);
/* Serialises status, headers and (unless HEAD) body into out. */
void	http_render(const struct request *, const struct response *,
	    struct buf *out);

#endif
