/* unit-cache.c: what the render cache keeps, and what it refuses room */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "cache.h"
#include "http.h"
#include "tap.h"

/* How many of n keys "prefix<i>" pool keeps, each a 200 of 300 bytes. */
static int
keep_many(struct cache *c, struct arena *a, const char *prefix, int n,
    enum cache_pool pool)
{
	struct response	resp;
	char		key[64];
	int		i, kept = 0;

	response_init(&resp, a);
	resp.status = 200;
	resp.content_type = "text/html";
	for (i = 0; i < 300; i++)
		buf_putc(&resp.body, 'a' + i % 26);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "%s%d", prefix, i);
		kept += cache_keep(c, key, pool, &resp) != NULL;
	}
	return kept;
}

int
main(void)
{
	struct arena	*a = arena_new();
	struct cache	*c = cache_new();
	int		 token;

	ok(cache_find(c, "/incidents/999999") == NULL, "nothing is kept at first");
	/* An answer not kept leaves no entry, only a note not to queue. */
	token = cache_begin(c, "/incidents/999999");
	ok(token >= 0, "the first to render a key holds it");
	cache_end(c, token, 0);
	ok(cache_find(c, "/incidents/999999") == NULL, "a 404 is not kept");
	is_int(cache_begin(c, "/incidents/999999"), -1,
	    "a key lately not kept is rendered without queueing");

	is_int(keep_many(c, a, "/history?from=old-", 300, CACHE_DATABASE), 128,
	    "answers that read the database: 128 kept of 300");
	is_int(keep_many(c, a, "/incidents/", 20, CACHE_SNAPSHOT), 20,
	    "the snapshot's own are still kept after them");
	ok(cache_find(c, "/incidents/7") != NULL, "and found");
	is_int(cache_find(c, "/incidents/7")->len, 300, "whole");
	ok(cache_find(c, "/incidents/7")->gz != NULL, "with a gzip copy");
	is_int(keep_many(c, a, "/incidents/", 20, CACHE_SNAPSHOT), 20,
	    "keeping a kept key again gives the one kept");
	is_int(keep_many(c, a, "/incidents/more-", 1000, CACHE_SNAPSHOT), 492,
	    "the snapshot's pool holds 512 in all");
	ok(cache_find(c, "/history?from=old-127") != NULL &&
	    cache_find(c, "/history?from=old-128") == NULL,
	    "each pool kept its first comers");

	cache_free(c);
	arena_free(a);
	return done_testing();
}
