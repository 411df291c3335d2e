/*
 * attic.h: answers that had to read the database (an old incident, an old
 * month of history, a cursor page), kept on disk beside the snapshot file.
 * The snapshot and its tape carry the public picture through an outage;
 * these are the rest.  While the database cannot be read, such an address
 * is answered from here, as it last was, instead of with a 503, even by a
 * program started during the outage.  A cache, not a record: a bounded
 * number of slots, overwritten freely, never fsynced.
 */
#ifndef LANTERN_ATTIC_H
#define LANTERN_ATTIC_H

#include <limits.h>
#include <pthread.h>
#include <stdint.h>

struct arena;
struct rendition;
struct response;

#define ATTIC_SLOTS	1024
/* Larger answers (a whole history.json) are not kept here. */
#define ATTIC_MAX_BODY	(1024u * 1024)

struct attic {
	char		 dir[PATH_MAX - 64];	/* "": none kept; room for a name */
	pthread_mutex_t	 lock;
	/* What each slot holds (key and ETag hashed), so an answer that did
	 * not change is not written again at every snapshot; 0: unknown. */
	uint64_t	 held[ATTIC_SLOTS];
};

/* Opens (making it if missing) the directory; -1, logged, if it cannot. */
int	attic_open(struct attic *, const char *dir);
/* Keeps r, kept in memory under key, on disk too. */
void	attic_put(struct attic *, const char *key, const struct rendition *);
/* The answer last kept under key as a 200 in resp; -1 if there is none. */
int	attic_get(struct attic *, const char *key, struct arena *,
	    struct response *);

#endif
