/* route.h: the table that maps a method and path to its handler */
#ifndef LANTERN_ROUTE_H
#define LANTERN_ROUTE_H

#include "http.h"

typedef void (*handler_fn)(struct request *, struct response *);

struct route {
	const char	*pattern;	/* "/incidents/{id}": {x} is one segment */
	unsigned	 methods;	/* HTTP_GET also answers HEAD */
	handler_fn	 handler;
	int		 json;		/* errors on this route answer in JSON */
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
