/* feeds.h: what the RSS, Atom and iCalendar feeds share */
#ifndef LANTERN_FEEDS_H
#define LANTERN_FEEDS_H

#include <time.h>

struct arena;
struct notice;
struct request;

#define FEED_ITEMS	50

/*
 * An id for a notice that no edit changes: a tag URI (RFC 4151) of the
 * base URL's host, the day the notice was created, and its number.
 */
const char	*feed_notice_id(const struct request *, const struct notice *);
/* The notice's page: base URL + "/incidents/" + id. */
const char	*feed_notice_url(const struct request *, const struct notice *);
/* The base URL's host, for tag URIs and iCalendar UIDs. */
const char	*feed_host(const struct request *);

#endif
