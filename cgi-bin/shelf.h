/*
 * shelf.h: where the current snapshot is published to every worker, by a
 * pointer swap.  Readers take no lock: each worker announces the snapshot
 * it is about to read in a slot of its own (a hazard pointer), then checks
 * that it is still the current one; the one thread that publishes frees a
 * replaced snapshot only once no slot names it.
 */
#ifndef LANTERN_SHELF_H
#define LANTERN_SHELF_H

#include <stdatomic.h>
#include <stddef.h>

struct snapshot;

/* One worker's hazard slot. */
struct snapshot_reader {
	_Atomic(struct snapshot *) hazard;
};

/* Where snapshots are published, and the slots of their readers. */
struct shelf {
	_Atomic(struct snapshot *) current;
	struct snapshot_reader	*readers;
	size_t			 nreaders;
	struct snapshot		*retired;	/* the publisher's alone */
};

void		 shelf_init(struct shelf *, size_t nreaders);
/* Frees every snapshot: only once no reader can run any more. */
void		 shelf_destroy(struct shelf *);
/* The current snapshot, NULL if none yet; held until snapshot_release(). */
struct snapshot	*snapshot_acquire(struct shelf *, struct snapshot_reader *);
void		 snapshot_release(struct snapshot_reader *);
/* The publisher's: makes s current and frees what no reader holds. */
void		 shelf_publish(struct shelf *, struct snapshot *s);
void		 shelf_reclaim(struct shelf *);
/* The current snapshot for its publisher, which alone may free it. */
struct snapshot	*shelf_peek(struct shelf *);

#endif
