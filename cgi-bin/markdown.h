/* markdown.h: update and postmortem texts, from Markdown to safe HTML */
#ifndef LANTERN_MARKDOWN_H
#define LANTERN_MARKDOWN_H

struct buf;

/*
 * Appends text rendered as HTML.  Raw HTML in it is shown as text, never
 * passed through; line breaks are kept, since operators type plain text;
 * headings start below heading_base so the page's outline stays in order.
 */
void	markdown_html(struct buf *, const char *text, int heading_base);

#endif
