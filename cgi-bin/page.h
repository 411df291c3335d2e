/* page.h: the frame every HTML page shares: head, masthead, footer */
#ifndef LANTERN_PAGE_H
#define LANTERN_PAGE_H

struct buf;
struct request;

/* Opens the document up to and including <main>; title and site are text. */
void	page_open(struct buf *, const struct request *, const char *title,
	    const char *site);
void	page_close(struct buf *);
/*
 * Where every page's content starts; the stale note, when there is one,
 * comes right after it (dispatch.c puts one into a page kept from
 * another moment).
 */
#define PAGE_MAIN_OPEN	"<main id=\"main\">\n"
/* "Status as of ...": req->stale_for says how old the data is. */
void	page_stale_note(struct buf *, const struct request *);
/* A whole error page: status, reason and a message for the reader. */
void	page_error(struct buf *, const struct request *, int status,
	    const char *reason, const char *message);

#endif
