/* escape.h: the one place where untrusted bytes become markup or log text */
#ifndef LANTERN_ESCAPE_H
#define LANTERN_ESCAPE_H

#include <stddef.h>

struct buf;

/* Text between HTML or XML tags. */
void	esc_html_text(struct buf *, const char *);
/* A double-quoted HTML or XML attribute value. */
void	esc_html_attr(struct buf *, const char *);
/*
 * An iCalendar TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma
 * and newlines escaped, other controls and broken UTF-8 as U+FFFD.
 * Folding long lines is the writer's job.
 */
void	esc_ical_text(struct buf *, const char *);
/*
 * A log line: printable ASCII only, everything else as \xNN, trailing
 * newlines dropped, cut to fit size.
 */
void	esc_log(char *dst, size_t size, const char *);
/* Length of the valid UTF-8 sequence at s (1..4), or 0 if it is not one. */
size_t	esc_utf8_len(const unsigned char *s, size_t n);

#endif
