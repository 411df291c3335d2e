/* shelf.c: the current snapshot, published without locks, freed when unread */
#include <stdlib.h>

#include "shelf.h"
#include "snapshot.h"
#include "xmalloc.h"

void
shelf_init(struct shelf *sh, size_t nreaders)
{
	size_t	i;

	atomic_init(&sh->current, NULL);
	sh->retired = NULL;
	sh->nreaders = nreaders;
	sh->readers = xcalloc(nreaders, sizeof(*sh->readers));
	for (i = 0; i < nreaders; i++)
		atomic_init(&sh->readers[i].hazard, NULL);
}

void
shelf_destroy(struct shelf *sh)
{
	struct snapshot	*s, *next;

	snapshot_free(atomic_exchange(&sh->current, NULL));
	for (s = sh->retired; s != NULL; s = next) {
		next = s->next_retired;
		snapshot_free(s);
	}
	sh->retired = NULL;
	free(sh->readers);
	sh->readers = NULL;
}

/*
 * Announce, then check.  Once the slot names s and s is still current,
 * the publisher's scan (which follows its swap) is bound to see the slot,
 * so s cannot be freed under us.  All of it sequentially consistent.
 */
struct snapshot *
snapshot_acquire(struct shelf *sh, struct snapshot_reader *r)
{
	struct snapshot	*s;

	do {
		s = atomic_load(&sh->current);
		atomic_store(&r->hazard, s);
	} while (s != atomic_load(&sh->current));
	return s;
}

void
snapshot_release(struct snapshot_reader *r)
{
	atomic_store(&r->hazard, NULL);
}

static int
held(const struct shelf *sh, const struct snapshot *s)
{
	size_t	i;

	for (i = 0; i < sh->nreaders; i++)
		if (atomic_load(&sh->readers[i].hazard) == s)
			return 1;
	return 0;
}

void
shelf_reclaim(struct shelf *sh)
{
	struct snapshot	**pp = &sh->retired, *s;

	while ((s = *pp) != NULL) {
		if (held(sh, s)) {
			pp = &s->next_retired;
			continue;
		}
		*pp = s->next_retired;
		snapshot_free(s);
	}
}

void
shelf_publish(struct shelf *sh, struct snapshot *s)
{
	struct snapshot	*old = atomic_exchange(&sh->current, s);

	if (old != NULL) {
		old->next_retired = sh->retired;
		sh->retired = old;
	}
	shelf_reclaim(sh);
}

struct snapshot *
shelf_peek(struct shelf *sh)
{
	return atomic_load(&sh->current);
}
