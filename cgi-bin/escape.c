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

	return esc_utf8_decode(s, n, &cp);
}

int
esc_forbidden(uint32_t cp)
{
	if (cp < 0x20)
		return cp != '\t' && cp != '\n' && cp != '\r';
	if (cp >= 0x7f && cp <= 0x9f)
		return 1;
	/* The noncharacters: U+FDD0..U+FDEF and the last two of each plane. */
	return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
}

size_t
esc_utf8_decode(const unsigned char *s, size_t n, uint32_t *out)
{
	uint32_t	cp;
	size_t		len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*out = s[0];
		return 1;
	}
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
	*out = cp;
	return len;
}

/*
 * The length of the character at s if HTML and XML may carry it, else 0:
 * broken UTF-8, and what esc_forbidden() names, which a browser or a feed
 * parser would choke on, become U+FFFD.
 */
static size_t
markup_char(const unsigned char *s, size_t n, size_t *skip)
{
	uint32_t	cp;
	size_t		len = esc_utf8_decode(s, n, &cp);

	*skip = len > 0 ? len : 1;
	return len > 0 && !esc_forbidden(cp) ? len : 0;
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
		if (rep == NULL && markup_char(s + run, n, &len) == 0)
			rep = REPLACEMENT;
		else if (rep != NULL)
			len = 1;
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
esc_markup_clean(struct buf *b, const char *str)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 n = strlen(str), run = 0, len;

	while (run < n) {
		if (markup_char(s + run, n - run, &len) != 0) {
			run += len;
			continue;
		}
		buf_append(b, (const char *)s, run);
		buf_puts(b, REPLACEMENT);
		s += run + len;
		n -= run + len;
		run = 0;
	}
	buf_append(b, (const char *)s, run);
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
		if (markup_char(s, n, &len) == 0)
			buf_puts(b, REPLACEMENT);
		else if (len > 1)
			buf_append(b, (const char *)s, len);
		else if (*s == '\\' || *s == ';' || *s == ',') {
			buf_putc(b, '\\');
			buf_putc(b, (char)*s);
		} else if (*s == '\n')
			buf_puts(b, "\\n");
		else if (*s != '\r')	/* CRLF or LF: one \n says it */
			buf_putc(b, (char)*s);
		s += len;
		n -= len;
	}
}

/* Content lines stop at 75 octets (RFC 5545 3.1). */
#define ICAL_LINE	75

void
esc_ical_fold(struct buf *b, const char *line)
{
	const unsigned char	*s = (const unsigned char *)line;
	size_t			 n = strlen(line), col = 0, len;

	for (; n > 0; s += len, n -= len) {
		len = esc_utf8_len(s, n);
		if (len == 0)
			len = 1;	/* escaped values hold valid UTF-8 */
		if (col + len > ICAL_LINE) {
			buf_puts(b, "\r\n ");
			col = 1;
		}
		buf_append(b, (const char *)s, len);
		col += len;
	}
	buf_puts(b, "\r\n");
}

static const char	hex_upper[] = "0123456789ABCDEF";

void
esc_url(struct buf *b, const char *str)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 n = strlen(str), len, i;
	char			 pct[3] = { '%', 0, 0 };

	for (; n > 0; s += len, n -= len) {
		if (markup_char(s, n, &len) == 0) {
			buf_puts(b, "%EF%BF%BD");
			continue;
		}
		for (i = 0; i < len; i++) {
			if ((s[i] >= 'A' && s[i] <= 'Z') ||
			    (s[i] >= 'a' && s[i] <= 'z') ||
			    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
			    s[i] == '.' || s[i] == '_' || s[i] == '~') {
				buf_putc(b, (char)s[i]);
				continue;
			}
			pct[1] = hex_upper[s[i] >> 4];
			pct[2] = hex_upper[s[i] & 0xf];
			buf_append(b, pct, 3);
		}
	}
}

/* What JSON writes for cp, one of the characters it must escape. */
static const char *
json_escape(uint32_t cp, char u[7])
{
	static const char	hex[] = "0123456789abcdef";

	switch (cp) {
	case '"':	return "\\\"";
	case '\\':	return "\\\\";
	case '\b':	return "\\b";
	case '\f':	return "\\f";
	case '\n':	return "\\n";
	case '\r':	return "\\r";
	case '\t':	return "\\t";
	}
	snprintf(u, 7, "\\u00%c%c", hex[cp >> 4 & 0xf], hex[cp & 0xf]);
	return u;
}

void
esc_json_str(struct buf *b, const char *str)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 n = strlen(str), run = 0, len;
	uint32_t		 cp;
	const char		*rep;
	char			 u[7];

	/* Runs of plain characters are copied in one go, as in esc_markup. */
	while (run < n) {
		len = esc_utf8_decode(s + run, n - run, &cp);
		if (len == 0) {
			rep = REPLACEMENT;
			len = 1;
		} else if (cp >= 0x20 && cp != '"' && cp != '\\') {
			run += len;
			continue;
		} else
			rep = json_escape(cp, u);
		buf_append(b, (const char *)s, run);
		buf_puts(b, rep);
		s += run + len;
		n -= run + len;
		run = 0;
	}
	buf_append(b, (const char *)s, run);
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
