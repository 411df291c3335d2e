/* escape.h: the one place where untrusted bytes become markup or log text */
#ifndef LANTERN_ESCAPE_H
#define LANTERN_ESCAPE_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* Text between HTML or XML tags. */
void	esc_html_text(struct buf *, const char *);
/* A double-quoted HTML or XML attribute value. */
void	esc_html_attr(struct buf *, const char *);
/*
 * An iCalendar TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma
 * and newlines escaped; broken UTF-8 and what esc_forbidden() names as
 * U+FFFD.
 * Folding long lines is esc_ical_fold's.
 */
void	esc_ical_text(struct buf *, const char *);
/*
 * A URL component (a path segment or a query name or value), as cgit's
 * html_url_arg: every byte but A-Z a-z 0-9 - . _ ~ percent-encoded, '/'
 * too.  Broken UTF-8 and what esc_forbidden() names become U+FFFD
 * (%EF%BF%BD) first, so the text a URL decodes to is what esc_html_text
 * would show.  The output is ASCII that no markup context changes.
 */
void	esc_url(struct buf *, const char *);
/*
 * The body of a JSON string, without its quotes, as json-c writes it
 * (" and \ escaped, \b \f \n \r \t, other controls as \u00xx, '/' as
 * is); broken UTF-8, which JSON may not carry (RFC 8259 8.1), as U+FFFD.
 */
void	esc_json_str(struct buf *, const char *);
/*
 * An iCalendar content line already escaped (esc_ical_text), folded:
 * lines stop at 75 octets (RFC 5545 3.1), never inside a character, go
 * on after CRLF and a space, and the last ends in CRLF.
 */
void	esc_ical_fold(struct buf *, const char *line);
/*
 * A log line: printable ASCII only, everything else as \xNN, trailing
 * newlines dropped, cut to fit size.
 */
void	esc_log(char *dst, size_t size, const char *);
/*
 * Markup made elsewhere (cmark's HTML) with every character HTML or XML
 * forbids, and broken UTF-8, made U+FFFD; nothing else changes.
 */
void	esc_markup_clean(struct buf *, const char *);
/* Length of the valid UTF-8 sequence at s (1..4), or 0 if it is not one. */
size_t	esc_utf8_len(const unsigned char *s, size_t n);
/* The same, with its code point in *cp. */
size_t	esc_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/*
 * Whether HTML and XML forbid code point cp in text: controls other than
 * tab, newline and carriage return, DEL and the C1 controls, and the
 * noncharacters (U+FDD0..U+FDEF, U+FFFE and U+FFFF of every plane).
 */
int	esc_forbidden(uint32_t cp);

#endif
