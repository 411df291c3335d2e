/* route.c: matching a request path against the route table */
#include <stddef.h>
#include <string.h>

#include "arena.h"
#include "route.h"

/*
 * Matches one pattern against path segment by segment.  A {name} segment
 * takes any non-empty segment; the captures go to params.  Text after the
 * closing brace ("{id}.json") must end the segment and is not captured,
 * so /incidents/{id}.json and /incidents/{id} can live side by side.
 */
static int
match(const char *pat, const char *path, struct arena *a,
    const char **params, const char **names, int *nparams)
{
	const char	*pe, *se;
	int		 n = 0;

	for (;;) {
		if (*pat != '/' || *path != '/')
			return 0;
		pat++;
		path++;
		pe = strchr(pat, '/');
		se = strchr(path, '/');
		if (pe == NULL)
			pe = pat + strlen(pat);
		if (se == NULL)
			se = path + strlen(path);
		if (*pat == '{') {
			const char	*close = memchr(pat, '}', (size_t)(pe - pat));
			size_t		 suffix;

			if (close == NULL)	/* "{id" alone: no suffix */
				close = pe - 1;
			suffix = (size_t)(pe - close - 1);

			if (se - path <= (ptrdiff_t)suffix || n == ROUTE_MAX_PARAMS ||
			    memcmp(se - suffix, close + 1, suffix) != 0)
				return 0;
			names[n] = arena_strndup(a, pat + 1, (size_t)(close - pat - 1));
			params[n++] = arena_strndup(a, path,
			    (size_t)(se - path) - suffix);
		} else if (pe - pat != se - path ||
		    memcmp(pat, path, (size_t)(pe - pat)) != 0)
			return 0;
		pat = pe;
		path = se;
		if (*pat == '\0' && *path == '\0') {
			*nparams = n;
			return 1;
		}
	}
}

enum route_result
route_match(const struct route *table, size_t n, struct request *req,
    const struct route **hit, unsigned *allow)
{
	const char	*params[ROUTE_MAX_PARAMS], *names[ROUTE_MAX_PARAMS];
	unsigned	 methods, want;
	size_t		 i;
	int		 np, k, found = 0;

	*allow = 0;
	*hit = NULL;
	want = req->method == HTTP_HEAD ? HTTP_GET : req->method;
	for (i = 0; i < n; i++) {
		if (!match(table[i].pattern, req->path, req->arena, params,
		    names, &np))
			continue;
		methods = table[i].methods;
		if (methods & HTTP_GET)
			methods |= HTTP_HEAD;
		*allow |= methods;
		if (!found)
			*hit = &table[i];
		found = 1;
		if (!(table[i].methods & want))
			continue;
		*hit = &table[i];
		for (k = 0; k < np; k++) {
			req->params[k] = params[k];
			req->param_names[k] = names[k];
		}
		req->nparams = np;
		return ROUTE_FOUND;
	}
	return found ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
}
