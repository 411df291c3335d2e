/*
 * xmalloc.h: the program's one out-of-memory policy (after tmux's
 * xmalloc.c), for memory that is not a request's.
 *
 * Outside a request (settings, workers, the shelf, snapshots and their
 * renditions, the snapshot file's buffer, the arenas' own chunks) memory
 * is the program's bookkeeping, small and bounded by what it serves: when
 * malloc fails there is nothing sane left to do, so these say so on
 * standard error and abort, and the supervisor (lantern --supervise, or
 * systemd) starts the program again.  A request's memory comes from its
 * arena (arena.h), whose cap ends a request that would need too much as a
 * 503 long before malloc can fail; a size that someone else chose (a
 * request body's keys, the columns of a snapshot file) is checked where it
 * is read and refused there, as input, not here.
 */
#ifndef LANTERN_XMALLOC_H
#define LANTERN_XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

#endif
