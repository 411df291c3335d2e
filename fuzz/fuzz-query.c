/* fuzz-query.c: libFuzzer target for a request's address: path and query string */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "input.h"
#include "query.h"
#include "route.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
none(struct request *req, struct response *resp)
{
	(void)req;
	(void)resp;
}

/* The shapes of routes.c: plain, {id} with and without a suffix, deep. */
static const struct route table[] = {
	{ "/", HTTP_GET, none, 0, NULL, NULL },
	{ "/history", HTTP_GET, none, 0, NULL, "from before" },
	{ "/incidents/{id}.json", HTTP_GET, none, 0, NULL, NULL },
	{ "/incidents/{id}", HTTP_GET, none, 0, NULL, NULL },
	{ "/components/{id}/history.rss", HTTP_GET, none, 0, NULL, NULL },
	{ "/v1/pages/{page_id}/incidents/{incident_id}", HTTP_PATCH | HTTP_PUT,
	    none, 0, NULL, NULL },
	{ "/v1/pages/{page_id}/incidents/{incident_id}", HTTP_DELETE, none, 0,
	    NULL, NULL },
	{ "/v1/pages/{page_id}/incidents/{incident_id}/incident_updates/"
	    "{incident_update_id}", HTTP_PATCH, none, 0, NULL, NULL },
	{ "/api/v2/summary.json", HTTP_GET, none, 0, NULL, NULL },
	{ "/history.json", HTTP_GET, none, 0, NULL, "page before" },
};

static const char	hex[] = "0123456789ABCDEF";

/* key=<every byte of v %-escaped>: query_get must give v back. */
static void
round_trip(struct arena *a, const char *key, const char *v)
{
	size_t		 n = strlen(v), i, o;
	char		*q = arena_alloc(a, strlen(key) + 1 + 3 * n + 1);
	const char	*back;

	o = (size_t)sprintf(q, "%s=", key);
	for (i = 0; i < n; i++) {
		q[o++] = '%';
		q[o++] = hex[(unsigned char)v[i] >> 4];
		q[o++] = hex[(unsigned char)v[i] & 0xf];
	}
	q[o] = '\0';
	if ((back = query_get(a, q, key)) == NULL || strcmp(back, v) != 0)
		__builtin_trap();
}

static void
values(struct arena *a, const char *query)
{
	static const char *const keys[] = { "from", "page", "before", "x", "" };
	const char	*v;
	char		 text[16];
	size_t		 i;
	long		 page;
	int		 month;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if ((v = query_get(a, query, keys[i])) == NULL)
			continue;
		/* Decoding only ever shortens. */
		if (strlen(v) > strlen(query))
			__builtin_trap();
		if (keys[i][0] != '\0')
			round_trip(a, keys[i], v);
		if (clock_month_parse(v, &month) == 0) {
			if (month < 1970 * 12 || month > 9999 * 12 + 11)
				__builtin_trap();
			snprintf(text, sizeof(text), "%04d-%02d", month / 12,
			    month % 12 + 1);
			if (strcmp(text, v) != 0)
				__builtin_trap();
		}
		if (query_page(v, 1000, &page) == 0) {
			snprintf(text, sizeof(text), "%ld", page);
			if (page < 1 || page > 1000 || strcmp(text, v) != 0)
				__builtin_trap();
		}
		if (input_is_id(v) && (strlen(v) > 18 || v[0] == '0' ||
		    strspn(v, "0123456789") != strlen(v)))
			__builtin_trap();
	}
}

static void
path(struct arena *a, const char *p, enum http_method method)
{
	struct request		 req;
	const struct route	*hit;
	unsigned		 allow;
	int			 i;

	memset(&req, 0, sizeof(req));
	req.arena = a;
	req.path = p;
	req.method = method;
	switch (route_match(table, sizeof(table) / sizeof(table[0]), &req,
	    &hit, &allow)) {
	case ROUTE_FOUND:
		if (hit == NULL || req.nparams < 0 ||
		    req.nparams > ROUTE_MAX_PARAMS)
			__builtin_trap();
		/* A capture is one whole, non-empty segment. */
		for (i = 0; i < req.nparams; i++)
			if (req.params[i][0] == '\0' ||
			    strchr(req.params[i], '/') != NULL ||
			    strstr(p, req.params[i]) == NULL)
				__builtin_trap();
		break;
	case ROUTE_BAD_METHOD:
		if (allow == 0 || (allow & method))
			__builtin_trap();
		break;
	case ROUTE_NOT_FOUND:
		break;
	}
}

/*
 * A request target, "/path?query", as nginx hands its two halves over.
 * The input is copied to a block of its own size, so ASan sees a read
 * past its end (the arena's chunks would hide it).
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	char		*s, *q;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	a = arena_new();
	if ((q = strchr(s, '?')) != NULL)
		*q++ = '\0';
	else
		q = s;
	path(a, s, HTTP_GET);
	path(a, s, HTTP_DELETE);
	values(a, q);
	arena_free(a);
	free(s);
	return 0;
}
