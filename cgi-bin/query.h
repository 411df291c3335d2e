/* query.h: reading one key of a request's query string */
#ifndef LANTERN_QUERY_H
#define LANTERN_QUERY_H

struct arena;

/*
 * The percent-decoded value of the first key=value pair named key, in the
 * arena; NULL if there is none.  A malformed %-escape is kept as it is,
 * and so is %00: a NUL would silently cut the value short.
 */
const char	*query_get(struct arena *, const char *query, const char *key);

#endif
