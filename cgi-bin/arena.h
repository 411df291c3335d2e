/* arena.h: per-request memory; everything a request allocates dies with it */
#ifndef LANTERN_ARENA_H
#define LANTERN_ARENA_H

#include <stddef.h>

struct arena;

struct arena	*arena_new(void);
/*
 * An arena that stops at cap bytes: past it arena_over() says so and
 * bufs stop growing, so a request that would need more ends as a 503
 * instead of taking the memory of every worker.  0: no cap.
 */
struct arena	*arena_new_capped(size_t cap);
void		 arena_free(struct arena *);
int		 arena_over(const struct arena *);
/* Bytes taken from malloc so far. */
size_t		 arena_size(const struct arena *);
void		*arena_alloc(struct arena *, size_t);
void		*arena_calloc(struct arena *, size_t, size_t);
/*
 * Room for m bytes in place of p's n (from this arena): p grown where it
 * is alone in its chunk (a large block), else a copy in new room.  p may
 * be NULL when n is 0: the first room of something that grows.
 */
void		*arena_grow(struct arena *, void *p, size_t n, size_t m);
char		*arena_strdup(struct arena *, const char *);
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_printf(struct arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
/*
 * Makes arg die with the arena, as nginx's pool cleanups do: fn(arg) runs
 * at arena_free(), the newest first, so a request's json-c objects,
 * PGresults and cmark buffers go with it on every path, success or error,
 * without a release written by hand on each.  Returns arg; NULL is kept
 * for nothing.  The typed forms: json_own() (json.h), db_own() (db.h).
 */
void		*arena_cleanup(struct arena *, void (*fn)(void *), void *arg);
/* Runs arg's cleanup now, not at the end: for what is big and done with. */
void		 arena_release(struct arena *, void *arg);

#endif
