/* unit-attic.c: answers kept on disk come back whole, under their own key only */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "attic.h"
#include "cache.h"
#include "http.h"
#include "tap.h"

static struct attic	at;

static int
get(const char *key, struct arena *a, struct response *resp)
{
	return attic_get(&at, key, a, resp);
}

int
main(void)
{
	char			 dir[] = "/tmp/lantern-attic.XXXXXX", path[256];
	struct arena		*a = arena_new();
	struct response		 resp;
	struct rendition	 r;
	char			 type[] = "application/json";
	char			 cc[] = "public, max-age=10";
	char			 body[] = "{\"a\":\"\xe2\x9c\x93\"}\n\0tail";

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/answers", dir);
	ok(attic_open(&at, path) == 0, "opens, making its folder");

	memset(&r, 0, sizeof(r));
	r.content_type = type;
	r.cache_control = cc;
	r.last_modified = 1767225600;
	r.cors = 1;
	r.body = body;
	r.len = 17;
	strcpy(r.etag, "\"1\"");
	attic_put(&at, "/history.json?before=7", &r);

	ok(get("/history.json?before=7", a, &resp) == 0, "what was put comes back");
	ok(resp.status == 200 && resp.data_len == 17 &&
	    memcmp(resp.data, r.body, 17) == 0, "byte for byte, NUL and all");
	is_str(resp.content_type, "application/json", "with its type");
	is_str(resp.cache_control, "public, max-age=10", "its Cache-Control");
	ok(resp.last_modified == 1767225600 && resp.cors, "its date and CORS");
	ok(resp.etag[0] == '"' && resp.transient, "an ETag, and never kept in memory");
	ok(get("/history.json?before=8", a, &resp) == -1, "another key: nothing");

	/* A damaged or cut file is refused, not served. */
	{
		char	cmd[512];

		snprintf(cmd, sizeof(cmd), "for f in %s/answers/*; do "
		    "truncate -s -3 \"$f\"; done", dir);
		ok(system(cmd) == 0, "cut the file short");
	}
	ok(get("/history.json?before=7", a, &resp) == -1, "a cut file is refused");

	r.len = ATTIC_MAX_BODY + 1;
	attic_put(&at, "/incidents/9", &r);
	ok(get("/incidents/9", a, &resp) == -1, "an answer over the limit is not kept");

	{
		char	cmd[512];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		ok(system(cmd) == 0, "clean up");
	}
	arena_free(a);
	return done_testing();
}
