/*
 * cache.h: a snapshot's renditions: each public answer rendered at most
 * once per snapshot, kept with its strong ETag and a gzip copy, and served
 * from memory after that.  Dies with its snapshot, so nothing here is ever
 * out of date.
 *
 * Only answers that are kept take room: a 404 for a made-up id, or any
 * other answer not kept, leaves nothing behind but a hash in a small ring,
 * so junk addresses cannot fill the cache.  Answers that had to read the
 * database (old months, old incidents, a cursor) have a smaller pool of
 * their own: every month since 1970 cannot crowd out the snapshot's pages.
 */
#ifndef LANTERN_CACHE_H
#define LANTERN_CACHE_H

#include <stddef.h>
#include <time.h>

struct request;
struct response;

enum cache_pool {
	CACHE_SNAPSHOT,		/* made from the snapshot alone */
	CACHE_DATABASE,		/* needed a read of the database */
	CACHE__POOLS
};

/* A kept answer; never changed once another worker can see it. */
struct rendition {
	char		*key;		/* path and the query that matters */
	char		*content_type;
	char		*cache_control;
	time_t		 last_modified;
	int		 cors;
	char		 etag[28];	/* of the identity body */
	char		 etag_gz[28];	/* of the gzip body */
	char		*body;
	size_t		 len;
	char		*gz;		/* NULL when gzip would not be smaller */
	size_t		 gzlen;
};

struct cache	*cache_new(void);
void		 cache_free(struct cache *);
/* The answer kept under key, or NULL.  Lock-free. */
const struct rendition *cache_find(struct cache *, const char *key);
/*
 * Brackets one rendering of key, so that while one worker renders it the
 * others that want it wait for its answer instead of rendering it again.
 * Look with cache_find() again after cache_begin(); render if it is still
 * not there; then cache_end() with the token, saying whether the answer
 * was kept.  A key lately rendered and not kept is not waited for.
 */
int		 cache_begin(struct cache *, const char *key);
void		 cache_end(struct cache *, int token, int kept);
/*
 * Keeps a copy of a 200 answer under key in pool, with its ETags and gzip
 * copy; NULL when the pool's entries or bytes would pass its budget.
 */
const struct rendition *cache_keep(struct cache *, const char *key,
		    enum cache_pool, const struct response *);
/* Makes resp the kept answer, gzip if the request takes it. */
void		 cache_serve(const struct rendition *, const struct request *,
		    struct response *);

#endif
