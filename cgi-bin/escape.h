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
 * Folding long lines is the writer's job.
 */
void	esc_ical_text(struct buf *, const char *);
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
