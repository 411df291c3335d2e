/* cache.c: a snapshot's renditions, each made once and served from memory */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "cache.h"
#include "http.h"

/* Open addressing; a slot once filled keeps its key for the snapshot's life. */
#define CACHE_SLOTS	1024
#define CACHE_MAX	(CACHE_SLOTS / 2)	/* so a probe always ends */
/* Renditions of one snapshot, in bytes: what years of history may not pass. */
#define CACHE_BYTES	(32u << 20)

struct cache {
	_Atomic(struct rendition *) slots[CACHE_SLOTS];
	atomic_size_t		 count;
	atomic_size_t		 bytes;
};

static uint64_t
hash(const char *s)
{
	uint64_t	h = 0xcbf29ce484222325ULL;

	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

struct cache *
cache_new(void)
{
	struct cache	*c = calloc(1, sizeof(*c));
	size_t		 i;

	if (c == NULL)
		return NULL;
	for (i = 0; i < CACHE_SLOTS; i++)
		atomic_init(&c->slots[i], NULL);
	atomic_init(&c->count, 0);
	atomic_init(&c->bytes, 0);
	return c;
}

static void
rendition_free(struct rendition *r)
{
	if (r == NULL)
		return;
	pthread_mutex_destroy(&r->lock);
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
	free(c);
}

static struct rendition *
rendition_new(const char *key)
{
	struct rendition	*r = calloc(1, sizeof(*r));

	if (r == NULL || (r->key = strdup(key)) == NULL) {
		free(r);
		return NULL;
	}
	pthread_mutex_init(&r->lock, NULL);
	atomic_init(&r->state, RENDITION_EMPTY);
	return r;
}

struct rendition *
cache_slot(struct cache *c, const char *key)
{
	struct rendition	*mine = NULL, *seen;
	size_t			 i, probe;

	for (probe = 0, i = hash(key) % CACHE_SLOTS; probe < CACHE_SLOTS;
	    probe++, i = (i + 1) % CACHE_SLOTS) {
		seen = atomic_load(&c->slots[i]);
		if (seen == NULL) {
			if (mine == NULL) {
				/* Room is claimed before the slot, so the bound holds. */
				if (atomic_fetch_add(&c->count, 1) >= CACHE_MAX) {
					atomic_fetch_sub(&c->count, 1);
					return NULL;
				}
				if ((mine = rendition_new(key)) == NULL) {
					atomic_fetch_sub(&c->count, 1);
					return NULL;
				}
			}
			if (atomic_compare_exchange_strong(&c->slots[i], &seen,
			    mine))
				return mine;
			/* Another worker took this slot first: seen is theirs. */
		}
		if (strcmp(seen->key, key) == 0) {
			if (mine != NULL) {
				rendition_free(mine);
				atomic_fetch_sub(&c->count, 1);
			}
			return seen;
		}
	}
	if (mine != NULL) {
		rendition_free(mine);
		atomic_fetch_sub(&c->count, 1);
	}
	return NULL;
}

/* The gzip member of body, or NULL if it would not be smaller. */
static char *
gzip(const char *body, size_t len, size_t *outlen)
{
	z_stream	 z;
	size_t		 cap = deflateBound(NULL, (uLong)len) + 32;
	char		*out;

	if (len < 256 || (out = malloc(cap)) == NULL)
		return NULL;
	memset(&z, 0, sizeof(z));
	/* 15 + 16: a gzip header and trailer, not raw zlib. */
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
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

int
cache_keep(struct cache *c, struct rendition *r, const struct response *resp)
{
	const char	*body = resp->body.data;
	size_t		 len = resp->body.len, gzlen = 0, cost;
	char		*gz;

	gz = gzip(body, len, &gzlen);
	cost = len + gzlen + strlen(r->key) + sizeof(*r);
	if (atomic_fetch_add(&c->bytes, cost) + cost > CACHE_BYTES) {
		atomic_fetch_sub(&c->bytes, cost);
		free(gz);
		return -1;
	}
	r->body = malloc(len + 1);
	r->content_type = strdup(resp->content_type);
	r->cache_control = strdup(resp->cache_control != NULL ?
	    resp->cache_control : "no-cache");
	if (r->body == NULL || r->content_type == NULL || r->cache_control == NULL) {
		free(r->body);
		free(r->content_type);
		free(r->cache_control);
		r->body = r->content_type = r->cache_control = NULL;
		atomic_fetch_sub(&c->bytes, cost);
		free(gz);
		return -1;
	}
	memcpy(r->body, body, len);
	r->body[len] = '\0';
	r->len = len;
	r->gz = gz;
	r->gzlen = gzlen;
	r->last_modified = resp->last_modified;
	r->cors = resp->cors;
	/* A representation's strong tag: gzip bytes are another one. */
	http_etag_of(body, len, "", r->etag, sizeof(r->etag));
	http_etag_of(body, len, "-gz", r->etag_gz, sizeof(r->etag_gz));
	return 0;
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
