/* cache.c: a snapshot's renditions, each made once and served from memory */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "cache.h"
#include "config.h"
#include "hash.h"
#include "http.h"
#include "xmalloc.h"

/* Open addressing; a slot once filled keeps its rendition for the snapshot's life. */
#define CACHE_SLOTS	1024
/* Renders under way: one per worker at most. */
#define CACHE_BUSY	CONFIG_WORKERS_MAX
/* Keys lately rendered and not kept: their renders need not queue. */
#define CACHE_MISSES	64

/*
 * What each pool may hold, in renditions and bytes: what years of history
 * may not pass.  Together well under the slots, so a probe always ends.
 */
static const struct {
	size_t	entries;
	size_t	bytes;
} budget[CACHE__POOLS] = {
	[CACHE_SNAPSHOT] = { 512, 32u << 20 },
	[CACHE_DATABASE] = { 128, 8u << 20 },
};

struct cache {
	_Atomic(struct rendition *) slots[CACHE_SLOTS];
	atomic_size_t		 count[CACHE__POOLS];
	atomic_size_t		 bytes[CACHE__POOLS];
	pthread_mutex_t		 lock;		/* of busy and missed */
	pthread_cond_t		 done;		/* a render ended */
	uint64_t		 busy[CACHE_BUSY];	/* keys' hashes, 0: free */
	uint64_t		 missed[CACHE_MISSES];	/* a ring of hashes */
	size_t			 nmissed;
};

static uint64_t
hash(const char *s)
{
	return hash_bytes(s, strlen(s));
}

struct cache *
cache_new(void)
{
	struct cache	*c = xcalloc(1, sizeof(*c));
	size_t		 i;

	for (i = 0; i < CACHE_SLOTS; i++)
		atomic_init(&c->slots[i], NULL);
	for (i = 0; i < CACHE__POOLS; i++) {
		atomic_init(&c->count[i], 0);
		atomic_init(&c->bytes[i], 0);
	}
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->done, NULL);
	return c;
}

static void
rendition_free(struct rendition *r)
{
	if (r == NULL)
		return;
	free(r->key);
	free(r->content_type);
	free(r->cache_control);
	free(r->body);
	free(r->gz);
	free(r);
}

void
cache_free(struct cache *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < CACHE_SLOTS; i++)
		rendition_free(atomic_load(&c->slots[i]));
	pthread_cond_destroy(&c->done);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

const struct rendition *
cache_find(struct cache *c, const char *key)
{
	struct rendition	*seen;
	size_t			 i, probe;

	for (probe = 0, i = hash(key) % CACHE_SLOTS; probe < CACHE_SLOTS;
	    probe++, i = (i + 1) % CACHE_SLOTS) {
		if ((seen = atomic_load(&c->slots[i])) == NULL)
			return NULL;
		if (strcmp(seen->key, key) == 0)
			return seen;
	}
	return NULL;
}

/* 0 marks a free place in busy and missed, so no key hashes to it. */
static uint64_t
busy_hash(const char *key)
{
	return hash(key) | 1;
}

int
cache_begin(struct cache *c, const char *key)
{
	uint64_t	h = busy_hash(key);
	size_t		i;
	int		token = -1;

	pthread_mutex_lock(&c->lock);
	/* A 404 asked for by many at once is rendered by each at once. */
	for (i = 0; i < CACHE_MISSES; i++)
		if (c->missed[i] == h)
			goto done;
	for (i = 0; i < CACHE_BUSY; i++)
		if (c->busy[i] == h) {
			/* One wait: the answer is kept now, or not to be. */
			while (c->busy[i] == h)
				pthread_cond_wait(&c->done, &c->lock);
			goto done;
		}
	for (i = 0; i < CACHE_BUSY && c->busy[i] != 0; i++)
		continue;
	if (i < CACHE_BUSY) {
		c->busy[i] = h;
		token = (int)i;
	}
done:
	pthread_mutex_unlock(&c->lock);
	return token;
}

void
cache_end(struct cache *c, int token, int kept)
{
	if (token < 0)
		return;
	pthread_mutex_lock(&c->lock);
	if (!kept)
		c->missed[c->nmissed++ % CACHE_MISSES] = c->busy[token];
	c->busy[token] = 0;
	pthread_cond_broadcast(&c->done);
	pthread_mutex_unlock(&c->lock);
}

/* The gzip member of body, or NULL if it would not be smaller. */
static char *
gzip(const char *body, size_t len, size_t *outlen)
{
	z_stream	 z;
	size_t		 cap = deflateBound(NULL, (uLong)len) + 32;
	char		*out;

	if (len < 256)
		return NULL;
	out = xmalloc(cap);
	memset(&z, 0, sizeof(z));
	/*
	 * 15 + 16: a gzip header and trailer, not raw zlib.  The smallest
	 * zlib makes (level 9, all its memory): done once per snapshot, sent
	 * to every reader; 4-7% less than level 6 on the larger answers, for
	 * a few milliseconds on a megabyte.
	 */
	if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9,
	    Z_DEFAULT_STRATEGY) != Z_OK) {
		free(out);
		return NULL;
	}
	z.next_in = (Bytef *)(uintptr_t)body;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END || z.total_out >= len) {
		deflateEnd(&z);
		free(out);
		return NULL;
	}
	*outlen = z.total_out;
	deflateEnd(&z);
	return out;
}

/* A copy of resp under key, with its ETags and gzip copy; NULL if out of memory. */
static struct rendition *
rendition_new(const char *key, const struct response *resp)
{
	struct rendition	*r = xcalloc(1, sizeof(*r));
	const char		*body = resp->body.data;
	size_t			 len = resp->body.len;

	r->key = xstrdup(key);
	r->body = xmalloc(len + 1);
	r->content_type = xstrdup(resp->content_type);
	r->cache_control = xstrdup(resp->cache_control != NULL ?
	    resp->cache_control : "no-cache");
	memcpy(r->body, body, len);
	r->body[len] = '\0';
	r->len = len;
	r->gz = gzip(body, len, &r->gzlen);
	r->last_modified = resp->last_modified;
	r->cors = resp->cors;
	/* A representation's strong tag: gzip bytes are another one. */
	http_etag_of(body, len, "", r->etag, sizeof(r->etag));
	http_etag_of(body, len, "-gz", r->etag_gz, sizeof(r->etag_gz));
	return r;
}

const struct rendition *
cache_keep(struct cache *c, const char *key, enum cache_pool pool,
    const struct response *resp)
{
	struct rendition	*r, *seen;
	size_t			 cost, i, probe;

	/* Room is claimed before the slot, so the bounds hold. */
	if (atomic_fetch_add(&c->count[pool], 1) >= budget[pool].entries) {
		atomic_fetch_sub(&c->count[pool], 1);
		return NULL;
	}
	if ((r = rendition_new(key, resp)) == NULL) {
		atomic_fetch_sub(&c->count[pool], 1);
		return NULL;
	}
	cost = r->len + r->gzlen + strlen(key) + sizeof(*r);
	if (atomic_fetch_add(&c->bytes[pool], cost) + cost > budget[pool].bytes)
		goto refuse;
	for (probe = 0, i = hash(key) % CACHE_SLOTS; probe < CACHE_SLOTS;
	    probe++, i = (i + 1) % CACHE_SLOTS) {
		seen = NULL;
		if (atomic_compare_exchange_strong(&c->slots[i], &seen, r))
			return r;
		/* Kept meanwhile by a worker that did not wait for us. */
		if (strcmp(seen->key, key) == 0) {
			atomic_fetch_sub(&c->bytes[pool], cost);
			atomic_fetch_sub(&c->count[pool], 1);
			rendition_free(r);
			return seen;
		}
	}
	/* Not reached while the budgets stay under the slots. */
refuse:
	atomic_fetch_sub(&c->bytes[pool], cost);
	atomic_fetch_sub(&c->count[pool], 1);
	rendition_free(r);
	return NULL;
}

void
cache_serve(const struct rendition *r, const struct request *req,
    struct response *resp)
{
	resp->status = 200;
	resp->content_type = r->content_type;
	resp->cache_control = r->cache_control;
	resp->last_modified = r->last_modified;
	resp->cors = r->cors;
	resp->vary = 1;
	if (req->gzip_ok && r->gz != NULL) {
		resp->data = r->gz;
		resp->data_len = r->gzlen;
		resp->encoding = "gzip";
		memcpy(resp->etag, r->etag_gz, sizeof(resp->etag));
	} else {
		resp->data = r->body;
		resp->data_len = r->len;
		resp->encoding = NULL;
		memcpy(resp->etag, r->etag, sizeof(resp->etag));
	}
}
