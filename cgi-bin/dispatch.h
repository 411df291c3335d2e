/* dispatch.h: one request, one way: accept, route, handle, render */
#ifndef LANTERN_DISPATCH_H
#define LANTERN_DISPATCH_H

#include <fcgiapp.h>

struct arena;
struct attic;
struct config;
struct db;
struct mirror;
struct refresher;
struct rendition;
struct shelf;
struct snapshot;
struct snapshot_reader;

/* What one worker brings to every request it serves. */
struct worker_ctx {
	const struct config	*cfg;
	struct db		*db;		/* its own connections: reads */
	struct db		*wdb;		/* and writes (ROUTE_WRITE) */
	struct shelf		*shelf;		/* where snapshots are published */
	struct snapshot_reader	*reader;	/* its hazard slot there */
	struct refresher	*refresher;	/* told of every write */
	struct attic		*attic;		/* NULL: no answers kept on disk */
	struct mirror		*mirror;	/* NULL: no public files */
};

void	dispatch(FCGX_Request *, struct worker_ctx *);
/*
 * The kept rendition of a public GET of path (no query) in snap, rendered
 * as a request would render it, for the public files (mirror.c); NULL if
 * the answer is not a kept 200 with a Last-Modified, or if pages would say
 * the data is old.
 */
const struct rendition *dispatch_rendition(struct worker_ctx *,
	    struct snapshot *, struct arena *, const char *path);

#endif
