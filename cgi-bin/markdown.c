/* markdown.c: update and postmortem texts, from Markdown to safe HTML (cmark) */
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "arena.h"
#include "buf.h"
#include "escape.h"
#include "fmt.h"
#include "markdown.h"

/*
 * cmark's safe mode drops raw HTML ("<!-- raw HTML omitted -->") and
 * dangerous link schemes.  Dropping hides what the operator wrote, so raw
 * HTML becomes literal text instead, which the renderer escapes.
 */
static void
html_to_text(struct arena *a, cmark_node *node)
{
	cmark_node	*text, *para, *repl;
	const char	*lit = cmark_node_get_literal(node);
	size_t		 len;

	if (lit == NULL)
		lit = "";
	len = strlen(lit);
	while (len > 0 && lit[len - 1] == '\n')
		len--;
	text = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(text, arena_strndup(a, lit, len));
	repl = text;
	if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK) {
		para = cmark_node_new(CMARK_NODE_PARAGRAPH);
		cmark_node_append_child(para, text);
		repl = para;
	}
	cmark_node_replace(node, repl);
	cmark_node_free(node);
}

static void
free_doc(void *doc)
{
	cmark_node_free(doc);
}

/*
 * The document and the HTML cmark makes are the arena's (arena_cleanup()),
 * so no way out leaves anything behind; once the HTML is copied both go
 * at once, as a page of many updates renders many.
 */
void
markdown_html(struct buf *b, const char *text, int heading_base)
{
	struct arena	 *a = b->arena;
	cmark_node	 *doc, *node, **html = NULL;
	cmark_iter	 *it;
	cmark_event_type  ev;
	size_t		  n = 0, cap = 0, i;
	int		  level;
	char		 *out;

	doc = arena_cleanup(a, free_doc, cmark_parse_document(text,
	    strlen(text), CMARK_OPT_VALIDATE_UTF8));
	if (doc == NULL)
		goto fallback;

	/* Collect first: the tree must not change under the iterator. */
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			if (n == cap) {
				html = arena_grow(a, html, cap * sizeof(*html),
				    (cap ? cap * 2 : 8) * sizeof(*html));
				cap = cap ? cap * 2 : 8;
			}
			html[n++] = node;
			break;
		case CMARK_NODE_HEADING:
			level = cmark_node_get_heading_level(node) + heading_base;
			cmark_node_set_heading_level(node, level > 6 ? 6 : level);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	for (i = 0; i < n; i++)
		html_to_text(a, html[i]);

	/* Safe mode stays on: no javascript: links even without raw HTML. */
	if ((out = arena_cleanup(a, free, cmark_render_html(doc,
	    CMARK_OPT_HARDBREAKS))) == NULL)
		goto fallback;
	/* cmark turns "&#x1;" into the character itself. */
	esc_markup_clean(b, out);
	arena_release(a, out);
	arena_release(a, doc);
	return;
fallback:
	/* Out of memory inside cmark: the text, escaped, still gets shown. */
	buf_fmt(b, "<p>%h</p>\n", text);
}
