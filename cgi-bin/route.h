/* route.h: the table that maps a method and path to its handler */
#ifndef LANTERN_ROUTE_H
#define LANTERN_ROUTE_H

#include "http.h"

typedef void (*handler_fn)(struct request *, struct response *);

/* What a route needs and promises; dispatch() sees to each before the handler runs. */
enum route_flag {
	ROUTE_JSON	= 1 << 0,	/* errors answer in JSON */
	ROUTE_SNAPSHOT	= 1 << 1,	/* reads the public picture: req->snap is set */
	ROUTE_ONCE	= 1 << 2,	/* rendered once per snapshot, then from memory */
	ROUTE_CORS	= 1 << 3,	/* public data any origin may read */
	ROUTE_KEY	= 1 << 4,	/* needs a write key (Authorization) */
	ROUTE_BODY	= 1 << 5,	/* reads a request body */
	ROUTE_PEEK	= 1 << 6,	/* req->snap if there is one, NULL if not */
	ROUTE_HTML	= 1 << 7,	/* a page: says so when its data is stale */
	ROUTE_WRITE	= 1 << 8,	/* changes data: req->db is the writing connection */
	ROUTE_SESSION	= 1 << 9,	/* the console: someone signed in, req->session;
					   a POST checked for its Origin and CSRF token */
	ROUTE_OWNER	= 1 << 10,	/* with ROUTE_SESSION: owners only (403) */
	ROUTE_FILE	= 1 << 11,	/* with ROUTE_ONCE: a file once asked for,
					   without a query (mirror_ask()) */
};

struct route {
	const char	*pattern;	/* "/incidents/{id}": {x} is one segment */
	unsigned	 methods;	/* HTTP_GET also answers HEAD */
	handler_fn	 handler;
	unsigned	 flags;		/* enum route_flag */
	const char	*cache;		/* Cache-Control of a 200, NULL: none */
	const char	*param;		/* query keys the answer depends on: "a b" */
	const void	*arg;		/* the handler's, as req->arg: the write
					   API's write_op; NULL for most */
};

enum route_result {
	ROUTE_FOUND,
	ROUTE_NOT_FOUND,
	ROUTE_BAD_METHOD,
};

/*
 * Looks path up in table.  On ROUTE_FOUND *hit is the route and the {}
 * segments are in req->params; on ROUTE_BAD_METHOD *allow holds the methods
 * the path does take.
 */
enum route_result route_match(const struct route *table, size_t n,
	    struct request *req, const struct route **hit, unsigned *allow);

/* The program's own table, in routes.c. */
extern const struct route	routes[];
extern const size_t		nroutes;

#endif
