/* escape.c: the one place where untrusted bytes become markup or log text */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "escape.h"

#define REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD */

size_t
esc_utf8_len(const unsigned char *s, size_t n)
{
	uint32_t	cp;
	size_t		len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are not text. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/*
 * HTML and XML forbid most C0 controls and DEL; a browser or a feed
 * parser would choke on them, so they become U+FFFD like broken UTF-8.
 */
static int
is_forbidden_control(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
}

static void
esc_markup(struct buf *b, const char *str, int quotes)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 n = strlen(str), run = 0, len;

	/* Runs of harmless bytes are copied in one go. */
	while (n > 0) {
		const char	*rep = NULL;

		switch (s[run]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = quotes ? "&quot;" : NULL;
			break;
		case '\'':
			rep = quotes ? "&#39;" : NULL;
			break;
		default:
			break;
		}
		len = rep == NULL ? esc_utf8_len(s + run, n) : 1;
		if (len == 0 || (len == 1 && is_forbidden_control(s[run]))) {
			rep = REPLACEMENT;
			len = 1;
		}
		if (rep != NULL) {
			buf_append(b, (const char *)s, run);
			buf_puts(b, rep);
			s += run + len;
			n -= len;
			run = 0;
			continue;
		}
		run += len;
		n -= len;
	}
	buf_append(b, (const char *)s, run);
}

void
esc_html_text(struct buf *b, const char *s)
{
	esc_markup(b, s, 0);
}

void
esc_html_attr(struct buf *b, const char *s)
{
	esc_markup(b, s, 1);
}

void
esc_ical_text(struct buf *b, const char *str)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 n = strlen(str), len;

	while (n > 0) {
		len = esc_utf8_len(s, n);
		if (len == 0) {
			buf_puts(b, REPLACEMENT);
			len = 1;
		} else if (len > 1)
			buf_append(b, (const char *)s, len);
		else if (*s == '\\' || *s == ';' || *s == ',') {
			buf_putc(b, '\\');
			buf_putc(b, (char)*s);
		} else if (*s == '\n')
			buf_puts(b, "\\n");
		else if ((*s < 0x20 && *s != '\t' && *s != '\r') || *s == 0x7f)
			buf_puts(b, REPLACEMENT);
		else if (*s != '\r')	/* CRLF or LF: one \n says it */
			buf_putc(b, (char)*s);
		s += len;
		n -= len;
	}
}

void
esc_log(char *dst, size_t size, const char *src)
{
	static const char	 hex[] = "0123456789abcdef";
	const unsigned char	*s = (const unsigned char *)src;
	size_t			 o = 0, n = strlen(src);

	if (size == 0)
		return;
	/* libpq's messages end in a newline that would only cost a line. */
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
		n--;
	for (; n > 0 && o + 1 < size; s++, n--) {
		if (*s >= 0x20 && *s < 0x7f && *s != '\\') {
			dst[o++] = (char)*s;
			continue;
		}
		if (o + 4 >= size)
			break;
		dst[o++] = '\\';
		dst[o++] = 'x';
		dst[o++] = hex[*s >> 4];
		dst[o++] = hex[*s & 0xf];
	}
	dst[o] = '\0';
}
