/* http.h: one request and its response, and the one writer of headers */
#ifndef LANTERN_HTTP_H
#define LANTERN_HTTP_H

#include <time.h>

#include "buf.h"
#include "http-error.h"	/* every handler answers errors through it */

struct arena;
struct config;
struct db;
struct refresher;
struct session;
struct snapshot;

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
/* Seconds a 503 asks a client to wait before it tries again. */
#define HTTP_RETRY_AFTER 5

/* What a handler may know of a request: parsed, nothing raw. */
struct request {
	struct arena		*arena;
	const struct config	*cfg;
	/*
	 * The worker's reading connection (history not in snap, /healthz),
	 * or for a ROUTE_WRITE its writing one: a write's reads are in its
	 * transaction.
	 */
	struct db		*db;
	const struct snapshot	*snap;		/* routes that read the public picture */
	const void		*arg;		/* the route's arg (route.h) */
	/*
	 * Since when snap is known to be the latest picture, and how many
	 * seconds ago (-1: no picture); stale_for is "6 minutes ago" once
	 * the database has not confirmed it for longer than a refresh, NULL
	 * while it is fresh.
	 */
	time_t			 confirmed;
	long long		 data_age;
	const char		*stale_for;
	struct refresher	*refresher;	/* told of every write */
	enum http_method	 method;
	const char		*path;		/* decoded, as nginx normalised it */
	const char		*query;		/* raw query string, "" if none */
	int			 wants_json;	/* errors answer in JSON */
	const char		*if_none_match;	/* conditional GET, NULL if absent */
	const char		*authorization;	/* the write API's key, NULL if absent */
	const char		*idempotency_key;
	const char		*content_type;
	const char		*body;		/* POST/PUT/PATCH, NUL-terminated */
	size_t			 body_len;
	const char		*if_modified_since;
	int			 gzip_ok;	/* Accept-Encoding takes gzip */
	const char		*params[ROUTE_MAX_PARAMS]; /* {id} segments */
	const char		*param_names[ROUTE_MAX_PARAMS]; /* "incident_id" */
	int			 nparams;
	/* The console's (/manage/): */
	const char		*cookie;	/* the Cookie header, NULL if absent */
	const char		*origin;	/* the Origin header, NULL if absent */
	const char		*remote_addr;	/* the client, as nginx saw it */
	const struct session	*session;	/* ROUTE_SESSION: who is signed in */
};

struct response {
	int			 status;
	const char		*content_type;
	const char		*cache_control;
	unsigned		 allow;		/* methods, for 405 and OPTIONS */
	time_t			 last_modified;	/* 0: none; set, it makes 304s */
	int			 authenticate;	/* 401: add WWW-Authenticate */
	int			 cors;		/* public data: any origin may read it */
	int			 vary;		/* Vary: Accept-Encoding */
	const char		*encoding;	/* Content-Encoding, NULL: identity */
	char			 etag[28];	/* set by http_conditional() if empty */
	struct buf		 body;
	int			 transient;	/* made without all it needs: not kept */
	int			 db_unavailable; /* a 503: the database was needed */
	/* A body kept elsewhere (a rendition) instead of body; NULL if none. */
	const char		*data;
	size_t			 data_len;
	const char		*location;	/* a redirect's target, NULL: none */
	const char		*set_cookie;	/* one Set-Cookie value, NULL: none */
	int			 retry_after;	/* seconds, for a 429; 0: none */
	/*
	 * A console write's: the page version that holds it.  The answer
	 * waits (a little) for that snapshot, so the next screen shows it.
	 */
	long long		 settle_version;
};

enum http_method	 http_method_parse(const char *);
const char		*http_reason(int status);
/* "GET, HEAD" for a method mask, in the arena. */
const char		*http_allow_header(struct arena *, unsigned);

void	response_init(struct response *, struct arena *);
/*
 * For a 200 answer to GET or HEAD: tags the body with a strong ETag and,
 * if the client's copy is current (If-None-Match, else If-Modified-Since,
 * as RFC 9110 orders them), turns the answer into a 304 without a body.
 */
void	http_conditional(const struct request *, struct response *);
/* A strong ETag of body, "\"<hash><suffix>\"". */
void	http_etag_of(const char *body, size_t len, const char *suffix,
	    char *out, size_t outlen);
/* Whether an Accept-Encoding header takes gzip (q=0 refuses it). */
int	http_accepts_gzip(const char *accept_encoding);
/* Whether an If-None-Match list names etag (weak comparison, or "*"). */
int	http_etag_match(const char *if_none_match, const char *etag);
/* Serialises the status and headers into out. */
void	http_render(const struct request *, const struct response *,
	    struct buf *out);
/* The bytes of the body to send after them: none for HEAD and 304. */
const char *http_body(const struct request *, const struct response *,
	    size_t *len);

#endif
