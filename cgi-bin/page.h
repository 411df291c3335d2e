/* page.h: the frame every HTML page shares: head, masthead, footer */
#ifndef LANTERN_PAGE_H
#define LANTERN_PAGE_H

#include <stddef.h>

struct buf;
struct request;

/* Opens the document up to and including <main>; title and site are text. */
void	page_open(struct buf *, const struct request *, const char *title,
	    const char *site);
void	page_close(struct buf *);
/*
 * A page rendered at another moment, with the stale note the request
 * calls for now (or as it was, if it calls for none); in the arena.
 */
const char *page_restale(const struct request *, const char *html,
	    size_t len, size_t *outlen);
/* A whole error page: status, reason and a message for the reader. */
void	page_error(struct buf *, const struct request *, int status,
	    const char *reason, const char *message);

#endif
