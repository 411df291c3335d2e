/*
 * cache.h: a snapshot's renditions: each public answer rendered at most
 * once per snapshot, kept with its strong ETag and a gzip copy, and served
 * from memory after that.  Dies with its snapshot, so nothing here is ever
 * out of date.
 */
#ifndef LANTERN_CACHE_H
#define LANTERN_CACHE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <time.h>

struct request;
struct response;

enum rendition_state {
	RENDITION_EMPTY,	/* nobody has rendered it yet */
	RENDITION_READY,	/* kept: serve it */
	RENDITION_PASS,		/* not kept (an error, or no room): render each time */
};

struct rendition {
	char		*key;		/* path and the query that matters */
	pthread_mutex_t	 lock;		/* held by the one who renders */
	atomic_int	 state;
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
/*
 * The rendition for key, made empty if there was none; NULL when the
 * cache is full, and then the caller renders for itself.  Lock-free.
 */
struct rendition *cache_slot(struct cache *, const char *key);
/*
 * Keeps a copy of a 200 answer in r with its ETags and gzip copy; -1 when
 * the cache's byte budget would be passed (r is then left as it was).
 * Called with r->lock held, once.
 */
int		 cache_keep(struct cache *, struct rendition *,
		    const struct response *);
/* Makes resp the kept answer, gzip if the request takes it. */
void		 cache_serve(const struct rendition *, const struct request *,
		    struct response *);

#endif
