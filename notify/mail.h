/*
 * mail.h: a delivery as an Internet message (RFC 5322, MIME): headers,
 * a text part and an HTML part (multipart/alternative), CRLF line ends,
 * ready for SMTP's DATA.
 */
#ifndef LANTERN_NOTIFY_MAIL_H
#define LANTERN_NOTIFY_MAIL_H

#include <stddef.h>
#include <time.h>

struct arena;
struct buf;
struct message;
struct notify_config;

/* The whole message for m onto b, dated now. */
void	mail_render(struct buf *b, const struct notify_config *,
	    const struct message *m, time_t now);

/* The HTML part (mail-html.c, through the escaping writer). */
void	mail_html(struct buf *b, const struct message *m);

/*
 * s as a header's value: itself if it is printable ASCII, else RFC 2047
 * encoded-words (UTF-8, base64), never splitting a character, folded so
 * no line passes 76 octets.  Controls never reach the header either way.
 */
void	mail_header_text(struct buf *b, const char *s);

/* n bytes as base64 lines of 76 characters, each ending in CRLF. */
void	mail_base64_lines(struct buf *b, const char *s, size_t n);

#endif
