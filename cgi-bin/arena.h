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
 * is alone in its chunk (a large block), else a copy in new room.
 */
void		*arena_grow(struct arena *, void *p, size_t n, size_t m);
char		*arena_strdup(struct arena *, const char *);
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_printf(struct arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

#endif
