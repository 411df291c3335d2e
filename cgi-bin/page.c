/* page.c: the frame every HTML page shares: head, masthead, footer */
#include <stdio.h>

#include "config.h"
#include "buf.h"
#include "clock.h"
#include "fmt.h"
#include "http.h"
#include "page.h"
#include "ui-shared.h"

/* Assets are cached for a year by nginx; the version makes a new one seen. */
#define ASSET_VERSION	PACKAGE_VERSION

/* The page outlives its database, and says so rather than pretend. */
void
page_stale_note(struct buf *b, const struct request *req)
{
	struct moment	t = clock_moment(req->arena,
			    (long long)req->confirmed * 1000, 0);

	buf_puts(b, "<p class=\"stale\" role=\"status\">Status as of ");
	ui_time(b, &t);
	buf_fmt(b, ", %h: the status service cannot reach its database, so "
	    "this page may be out of date.</p>\n", req->stale_for);
}

void
page_open(struct buf *b, const struct request *req, const char *title,
    const char *site)
{
	const char	*bp = req->cfg->base_path;

	buf_fmt(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>%h</title>\n"
	    "<link rel=\"stylesheet\" href=\"%a/static/lantern.css?v=" ASSET_VERSION
	    "\">\n<link rel=\"icon\" type=\"image/svg+xml\" "
	    "href=\"%a/static/favicon.svg?v=" ASSET_VERSION "\">\n"
	    "<link rel=\"alternate\" type=\"application/rss+xml\" "
	    "title=\"%a notice history (RSS)\" href=\"%a/history.rss\">\n"
	    "<link rel=\"alternate\" type=\"application/atom+xml\" "
	    "title=\"%a notice history (Atom)\" href=\"%a/history.atom\">\n",
	    title, bp, bp, site, bp, site, bp);
	/* Optional: shows times in the reader's zone; nothing needs it. */
	buf_fmt(b, "<script src=\"%a/static/lantern.js?v=" ASSET_VERSION "\" "
	    "defer></script>\n</head>\n<body>\n"
	    "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
	    "<header class=\"masthead\">\n<a class=\"site\" href=\"%a/\">%h</a>\n"
	    "<nav aria-label=\"Site\">\n<a href=\"%a/\">Status</a>\n"
	    "<a href=\"%a/history\">History</a>\n</nav>\n</header>\n"
	    PAGE_MAIN_OPEN, bp, bp, site, bp, bp);
	if (req->stale_for != NULL)
		page_stale_note(b, req);
}

void
page_close(struct buf *b)
{
	buf_puts(b, "</main>\n<footer class=\"footer\">\n"
	    "<p>Powered by Lantern</p>\n</footer>\n</body>\n</html>\n");
}

void
page_error(struct buf *b, const struct request *req, int status,
    const char *reason, const char *message)
{
	char	title[64];

	snprintf(title, sizeof(title), "%d %s", status, reason);
	page_open(b, req, title, "Status");
	buf_fmt(b, "<section class=\"error\">\n<h1>%h</h1>\n<p>%h</p>\n"
	    "<p><a href=\"%a/\">Back to the status page</a></p>\n</section>\n",
	    title, message, req->cfg->base_path);
	page_close(b);
}
