/* query.c: reading a request's query string and its values */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "query.h"

static int
hexval(int c)
{
	if (isdigit(c))
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static char *
decode(struct arena *a, const char *s, size_t n)
{
	char	*out = arena_alloc(a, n + 1), *o = out;
	size_t	 i;
	int	 hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '+')
			*o++ = ' ';
		else if (s[i] == '%' && i + 2 < n &&
		    (hi = hexval((unsigned char)s[i + 1])) >= 0 &&
		    (lo = hexval((unsigned char)s[i + 2])) >= 0 &&
		    (hi | lo) != 0) {
			*o++ = (char)(hi << 4 | lo);
			i += 2;
		} else
			*o++ = s[i];
	}
	*o = '\0';
	return out;
}

const char *
query_get(struct arena *a, const char *query, const char *key)
{
	size_t		 klen = strlen(key), n;
	const char	*p = query, *end, *eq;

	while (p != NULL && *p != '\0') {
		end = strchr(p, '&');
		n = end != NULL ? (size_t)(end - p) : strlen(p);
		eq = memchr(p, '=', n);
		if ((eq != NULL ? (size_t)(eq - p) : n) == klen &&
		    memcmp(p, key, klen) == 0)
			return eq != NULL ? decode(a, eq + 1, n - klen - 1) :
			    arena_strdup(a, "");
		p = end != NULL ? end + 1 : NULL;
	}
	return NULL;
}

int
query_page(const char *s, long max, long *out)
{
	long	n = 0;
	size_t	i;

	if (s[0] < '1' || s[0] > '9' || strlen(s) > 9)
		return -1;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		n = n * 10 + (s[i] - '0');
	}
	if (n > max)
		return -1;
	*out = n;
	return 0;
}
