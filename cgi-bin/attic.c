/* attic.c: answers that had to read the database, kept on disk */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "attic.h"
#include "cache.h"
#include "fdio.h"
#include "hash.h"
#include "http.h"
#include "log.h"

/*
 * A slot's file: MAGIC, one line of sizes and fields, then the key, the
 * content type, the Cache-Control value and the body, back to back.  The
 * key is kept whole: two keys that share a slot are told apart by it.
 */
#define MAGIC		"lantern attic 1\n"
#define MAGIC_LEN	(sizeof(MAGIC) - 1)
#define FIELD_MAX	4096	/* a key, a content type, a Cache-Control */

int
attic_open(struct attic *at, const char *dir)
{
	memset(at->held, 0, sizeof(at->held));
	pthread_mutex_init(&at->lock, NULL);
	at->dir[0] = '\0';
	if (strlen(dir) >= sizeof(at->dir)) {
		log_warnx("%s: the path is too long", dir);
		return -1;
	}
	if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
		log_warnx("mkdir %s: %s", dir, strerror(errno));
		return -1;
	}
	snprintf(at->dir, sizeof(at->dir), "%s", dir);
	return 0;
}

static size_t
slot_of(const char *key)
{
	return (size_t)(hash_bytes(key, strlen(key)) % ATTIC_SLOTS);
}


void
attic_put(struct attic *at, const char *key, const struct rendition *r)
{
	const char	*cc = r->cache_control != NULL ? r->cache_control : "";
	char		 path[PATH_MAX], tmp[PATH_MAX], head[160];
	size_t		 slot, klen = strlen(key), tlen = strlen(r->content_type),
			 clen = strlen(cc);
	uint64_t	 tag;
	int		 fd, n, rc;

	if (at->dir[0] == '\0' || r->len > ATTIC_MAX_BODY ||
	    klen > FIELD_MAX || tlen > FIELD_MAX || clen > FIELD_MAX)
		return;
	slot = slot_of(key);
	tag = (hash_bytes(key, klen) ^ hash_bytes(r->etag, strlen(r->etag))) | 1;
	pthread_mutex_lock(&at->lock);
	n = at->held[slot] == tag;
	pthread_mutex_unlock(&at->lock);
	if (n)
		return;

	/* Each thread its own temporary file; rename makes the swap whole. */
	snprintf(path, sizeof(path), "%s/%04zu", at->dir, slot);
	snprintf(tmp, sizeof(tmp), "%s/%04zu.tmp.%lu", at->dir, slot,
	    (unsigned long)pthread_self());
	n = snprintf(head, sizeof(head), MAGIC "%zu %zu %zu %lld %d %zu\n",
	    klen, tlen, clen, (long long)r->last_modified, r->cors, r->len);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) == -1) {
		log_warnx("%s: %s", tmp, strerror(errno));
		return;
	}
	rc = fd_write_all(fd, head, (size_t)n) | fd_write_all(fd, key, klen) |
	    fd_write_all(fd, r->content_type, tlen) | fd_write_all(fd, cc, clen) |
	    fd_write_all(fd, r->body, r->len);
	if (close(fd) == -1)
		rc = -1;
	if (rc == -1 || rename(tmp, path) == -1) {
		log_warnx("%s: %s", path, strerror(errno));
		unlink(tmp);
		return;
	}
	pthread_mutex_lock(&at->lock);
	at->held[slot] = tag;
	pthread_mutex_unlock(&at->lock);
}

/* n bytes of f into the arena, NUL-terminated; NULL if f ends first. */
static char *
read_part(FILE *f, struct arena *a, size_t n)
{
	char	*s = arena_alloc(a, n + 1);

	if (s == NULL || fread(s, 1, n, f) != n)
		return NULL;
	s[n] = '\0';
	return s;
}

int
attic_get(struct attic *at, const char *key, struct arena *a,
    struct response *resp)
{
	char		 path[PATH_MAX], magic[MAGIC_LEN];
	char		*k, *type, *cc, *body;
	size_t		 klen, tlen, clen, len;
	long long	 modified;
	int		 cors, rc = -1;
	FILE		*f;

	if (at->dir[0] == '\0')
		return -1;
	snprintf(path, sizeof(path), "%s/%04zu", at->dir, slot_of(key));
	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	if (fread(magic, 1, MAGIC_LEN, f) != MAGIC_LEN ||
	    memcmp(magic, MAGIC, MAGIC_LEN) != 0 ||
	    fscanf(f, "%zu %zu %zu %lld %d %zu", &klen, &tlen, &clen,
	    &modified, &cors, &len) != 6 || fgetc(f) != '\n' ||
	    klen > FIELD_MAX || tlen > FIELD_MAX || clen > FIELD_MAX ||
	    len > ATTIC_MAX_BODY)
		goto done;
	if ((k = read_part(f, a, klen)) == NULL || strcmp(k, key) != 0 ||
	    (type = read_part(f, a, tlen)) == NULL ||
	    (cc = read_part(f, a, clen)) == NULL ||
	    (body = read_part(f, a, len)) == NULL)
		goto done;
	response_init(resp, a);
	resp->status = 200;
	resp->content_type = type;
	resp->cache_control = cc[0] != '\0' ? cc : NULL;
	resp->last_modified = (time_t)modified;
	resp->cors = cors != 0;
	resp->vary = 1;
	resp->data = body;
	resp->data_len = len;
	http_etag_of(body, len, "", resp->etag, sizeof(resp->etag));
	/* Served in place of a 503: never kept as the snapshot's answer. */
	resp->transient = 1;
	rc = 0;
done:
	fclose(f);
	return rc;
}
