/*
 * fuzz-escape.c: libFuzzer target for the escapers: whatever the bytes,
 * each writes valid UTF-8 with nothing its context forbids, and text
 * that needed no repair comes back when the entities are read.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "escape.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Valid UTF-8 and nothing esc_forbidden() names; 1 if so. */
static int
clean(const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	uint32_t		 cp;
	size_t			 i, n;

	for (i = 0; i < len; i += n)
		if ((n = esc_utf8_decode(s + i, len - i, &cp)) == 0 ||
		    esc_forbidden(cp))
			return 0;
	return 1;
}

/* The entities the escapers write, read back. */
static char *
unescape(struct arena *a, const char *s)
{
	static const struct {
		const char	*ent;
		char		 c;
	} ents[] = { { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
	    { "&quot;", '"' }, { "&#39;", '\'' } };
	char	*out = arena_alloc(a, strlen(s) + 1), *o = out;
	size_t	 i;

	while (*s != '\0') {
		for (i = 0; i < sizeof(ents) / sizeof(ents[0]); i++)
			if (strncmp(s, ents[i].ent, strlen(ents[i].ent)) == 0)
				break;
		if (i < sizeof(ents) / sizeof(ents[0])) {
			*o++ = ents[i].c;
			s += strlen(ents[i].ent);
		} else
			*o++ = *s++;
	}
	*o = '\0';
	return out;
}

/* Every '&' starts one of the entities. */
static void
entities_only(const char *s)
{
	for (; (s = strchr(s, '&')) != NULL; s++)
		if (strncmp(s, "&amp;", 5) != 0 && strncmp(s, "&lt;", 4) != 0 &&
		    strncmp(s, "&gt;", 4) != 0 && strncmp(s, "&quot;", 6) != 0 &&
		    strncmp(s, "&#39;", 5) != 0)
			__builtin_trap();
}

static void
markup(struct arena *a, const char *in, int was_clean)
{
	struct buf	text, attr, kept;

	buf_init(&text, a);
	esc_html_text(&text, in);
	if (!clean(text.data, text.len) || strpbrk(text.data, "<>") != NULL)
		__builtin_trap();
	entities_only(text.data);
	buf_init(&attr, a);
	esc_html_attr(&attr, in);
	if (!clean(attr.data, attr.len) ||
	    strpbrk(attr.data, "<>\"'") != NULL)
		__builtin_trap();
	entities_only(attr.data);
	if (was_clean && (strcmp(unescape(a, text.data), in) != 0 ||
	    strcmp(unescape(a, attr.data), in) != 0))
		__builtin_trap();
	/* Markup is left as it is, only repaired: clean text unchanged. */
	buf_init(&kept, a);
	esc_markup_clean(&kept, in);
	if (!clean(kept.data, kept.len) ||
	    (was_clean && strcmp(kept.data, in) != 0))
		__builtin_trap();
}

static void
ical(struct arena *a, const char *in)
{
	struct buf	 b;
	const char	*p;

	buf_init(&b, a);
	esc_ical_text(&b, in);
	if (!clean(b.data, b.len) || strpbrk(b.data, "\r\n") != NULL)
		__builtin_trap();
	/* Every ';' ',' and '\\' is escaped by a backslash. */
	for (p = b.data; *p != '\0'; p++) {
		if (*p == ';' || *p == ',')
			__builtin_trap();
		if (*p == '\\') {
			if (strchr("\\;,n", p[1]) == NULL || p[1] == '\0')
				__builtin_trap();
			p++;
		}
	}
}

static void
logline(const char *in)
{
	char	out[64], big[1024];
	size_t	i, n;

	esc_log(out, sizeof(out), in);
	esc_log(big, sizeof(big), in);
	/* Printable ASCII only, cut to fit, a prefix of the longer one. */
	n = strlen(out);
	if (n >= sizeof(out) || strncmp(out, big, n) != 0)
		__builtin_trap();
	for (i = 0; big[i] != '\0'; i++)
		if (big[i] < 0x20 || big[i] > 0x7e)
			__builtin_trap();
	esc_log(out, 1, in);
	if (out[0] != '\0')
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	char		*in;
	uint32_t	 cp;
	size_t		 n;

	/* A block of its own size, so ASan sees a read past the end. */
	if ((in = malloc(size + 1)) == NULL)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	size = strlen(in);
	/* A sequence esc_utf8_decode takes is the encoding of its code point. */
	if ((n = esc_utf8_decode((const unsigned char *)in, size, &cp)) != 0) {
		if (n != (cp < 0x80 ? 1u : cp < 0x800 ? 2u : cp < 0x10000 ? 3u : 4u) ||
		    esc_utf8_len((const unsigned char *)in, size) != n)
			__builtin_trap();
	}
	a = arena_new();
	markup(a, in, clean(in, size));
	ical(a, in);
	logline(in);
	arena_free(a);
	free(in);
	return 0;
}
