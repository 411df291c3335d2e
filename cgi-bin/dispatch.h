/* dispatch.h: one request, one way: accept, route, handle, render */
#ifndef LANTERN_DISPATCH_H
#define LANTERN_DISPATCH_H

#include <fcgiapp.h>

struct attic;
struct config;
struct db;
struct refresher;
struct shelf;
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
};

void	dispatch(FCGX_Request *, struct worker_ctx *);

#endif
