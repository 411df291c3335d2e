/* page.c: the frame every HTML page shares: head, masthead, footer */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "buf.h"
#include "clock.h"
#include "escape.h"
#include "http.h"
#include "page.h"
#include "ui-shared.h"

/* Assets are cached for a year by nginx; the version makes a new one seen. */
#define ASSET_VERSION	PACKAGE_VERSION
/* Where the stale note goes: right after it (see page_restale). */
#define MAIN_OPEN	"<main id=\"main\">\n"

/* The page outlives its database, and says so rather than pretend. */
static void
stale_note(struct buf *b, const struct request *req)
{
	struct moment	t = clock_moment(req->arena,
			    (long long)req->confirmed * 1000, 0);

	buf_puts(b, "<p class=\"stale\" role=\"status\">Status as of ");
	ui_time(b, &t);
	buf_puts(b, ", ");
	esc_html_text(b, req->stale_for);
	buf_puts(b, ": the status service cannot reach its database, so "
	    "this page may be out of date.</p>\n");
}

void
page_open(struct buf *b, const struct request *req, const char *title,
    const char *site)
{
	const char	*bp = req->cfg->base_path;

	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>");
	esc_html_text(b, title);
	buf_puts(b, "</title>\n<link rel=\"stylesheet\" href=\"");
	esc_html_attr(b, bp);
	buf_puts(b, "/static/lantern.css?v=" ASSET_VERSION "\">\n"
	    "<link rel=\"icon\" type=\"image/svg+xml\" href=\"");
	esc_html_attr(b, bp);
	buf_puts(b, "/static/favicon.svg?v=" ASSET_VERSION "\">\n");
	buf_puts(b, "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"");
	esc_html_attr(b, site);
	buf_puts(b, " notice history (RSS)\" href=\"");
	esc_html_attr(b, bp);
	buf_puts(b, "/history.rss\">\n"
	    "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"");
	esc_html_attr(b, site);
	buf_puts(b, " notice history (Atom)\" href=\"");
	esc_html_attr(b, bp);
	/* Optional: shows times in the reader's zone; nothing needs it. */
	buf_puts(b, "/history.atom\">\n<script src=\"");
	esc_html_attr(b, bp);
	buf_puts(b, "/static/lantern.js?v=" ASSET_VERSION "\" defer></script>\n"
	    "</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
	    "<header class=\"masthead\">\n<a class=\"site\" href=\"");
	esc_html_attr(b, bp);
	buf_puts(b, "/\">");
	esc_html_text(b, site);
	buf_puts(b, "</a>\n<nav aria-label=\"Site\">\n<a href=\"");
	esc_html_attr(b, bp);
	buf_puts(b, "/\">Status</a>\n<a href=\"");
	esc_html_attr(b, bp);
	buf_puts(b, "/history\">History</a>\n</nav>\n</header>\n" MAIN_OPEN);
	if (req->stale_for != NULL)
		stale_note(b, req);
}

const char *
page_restale(const struct request *req, const char *html, size_t len,
    size_t *outlen)
{
	static const char	 note[] = "<p class=\"stale\"";
	const char		*at, *end;
	struct buf		 b;
	size_t			 head;

	*outlen = len;
	if (req->stale_for == NULL ||
	    (at = memmem(html, len, MAIN_OPEN, sizeof(MAIN_OPEN) - 1)) == NULL)
		return html;
	head = (size_t)(at - html) + sizeof(MAIN_OPEN) - 1;
	buf_init(&b, req->arena);
	buf_append(&b, html, head);
	stale_note(&b, req);
	html += head;
	len -= head;
	/* A note of its own, from another moment, gives way to this one. */
	if (len >= sizeof(note) - 1 && memcmp(html, note, sizeof(note) - 1) == 0 &&
	    (end = memmem(html, len, "</p>\n", 5)) != NULL) {
		len -= (size_t)(end + 5 - html);
		html = end + 5;
	}
	buf_append(&b, html, len);
	*outlen = b.len;
	return b.data;
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
	buf_puts(b, "<section class=\"error\">\n<h1>");
	esc_html_text(b, title);
	buf_puts(b, "</h1>\n<p>");
	esc_html_text(b, message);
	buf_puts(b, "</p>\n<p><a href=\"");
	esc_html_attr(b, req->cfg->base_path);
	buf_puts(b, "/\">Back to the status page</a></p>\n</section>\n");
	page_close(b);
}
