/* query.h: reading a request's query string and its values */
#ifndef LANTERN_QUERY_H
#define LANTERN_QUERY_H

struct arena;

/*
 * The percent-decoded value of the first key=value pair named key, in the
 * arena; NULL if there is none.  A malformed %-escape is kept as it is,
 * and so is %00: a NUL would silently cut the value short.
 */
const char	*query_get(struct arena *, const char *query, const char *key);

/* A page number: digits only, no sign, no leading zero, 1..max. */
int		 query_page(const char *, long max, long *out);

#endif
