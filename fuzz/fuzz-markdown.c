/*
 * fuzz-markdown.c: libFuzzer target for update and postmortem texts,
 * Markdown to HTML: what comes out is valid UTF-8 with no character HTML
 * or XML forbids, and its only tags are the ones cmark writes.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "escape.h"
#include "markdown.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Every element cmark's HTML renderer makes (no raw HTML gets through). */
static const char *const tags[] = { "p", "em", "strong", "code", "pre",
	"a", "img", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
	"blockquote", "hr", "br", NULL };

static int
known_tag(const char *s, size_t *len)
{
	size_t	i, n;

	n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789");
	for (i = 0; tags[i] != NULL; i++)
		if (strlen(tags[i]) == n && memcmp(s, tags[i], n) == 0) {
			*len = n;
			return 1;
		}
	return 0;
}

/* The attributes cmark writes: links, images, list starts, fences. */
static int
known_attr(const char *s, size_t n)
{
	static const char *const attrs[] = { "href", "title", "src", "alt",
	    "start", "class", NULL };
	size_t	i;

	for (i = 0; attrs[i] != NULL; i++)
		if (strlen(attrs[i]) == n && memcmp(s, attrs[i], n) == 0)
			return 1;
	return 0;
}

/* Links and images: no script scheme, whatever the case. */
static void
check_url(const char *s)
{
	static const char *const bad[] = { "javascript:", "vbscript:",
	    "file:", NULL };
	size_t	i;

	for (i = 0; bad[i] != NULL; i++)
		if (strncasecmp(s, bad[i], strlen(bad[i])) == 0)
			__builtin_trap();
}

/* At a tag: its end if it is one cmark writes, well formed, else NULL. */
static const char *
check_tag(const char *p, int heading_base)
{
	const char	*q = p + 1 + (p[1] == '/');
	size_t		 tag, n;

	if (!known_tag(q, &tag))
		return NULL;
	/* Headings start below heading_base. */
	if (q[0] == 'h' && tag == 2 && q[1] - '0' <= heading_base)
		return NULL;
	q += tag;
	/* Then only name="value" pairs, each value escaped. */
	while (*q == ' ' && q[1] >= 'a' && q[1] <= 'z') {
		q++;
		n = strspn(q, "abcdefghijklmnopqrstuvwxyz");
		if (q[n] != '=' || q[n + 1] != '"')
			return NULL;
		if (!known_attr(q, n))
			return NULL;
		if ((n == 4 && memcmp(q, "href", 4) == 0) ||
		    (n == 3 && memcmp(q, "src", 3) == 0))
			check_url(q + n + 2);
		/* A fence's info string: only ever a language's name. */
		if (n == 5 && memcmp(q, "class", 5) == 0 &&
		    strncmp(q + n + 2, "language-", 9) != 0)
			return NULL;
		q += n + 2;
		q += strcspn(q, "\"<>");
		if (*q++ != '"')
			return NULL;
	}
	if (strncmp(q, " />", 3) == 0)
		return q + 3;
	return *q == '>' ? q + 1 : NULL;
}

static void
check(const char *out, size_t len, int heading_base)
{
	const unsigned char	*s = (const unsigned char *)out;
	const char		*p = out;
	uint32_t		 cp;
	size_t			 i, n;

	if (strlen(out) != len)
		__builtin_trap();
	for (i = 0; i < len; i += n)
		if ((n = esc_utf8_decode(s + i, len - i, &cp)) == 0 ||
		    esc_forbidden(cp))
			__builtin_trap();
	/* Text and tags: no '<' or '>' that is not part of a tag. */
	while (*(p += strcspn(p, "<>")) != '\0') {
		if (*p == '>' || (p = check_tag(p, heading_base)) == NULL)
			__builtin_trap();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	struct buf	 b;
	char		*text;
	int		 base;

	if (size < 1)
		return 0;
	base = data[0] % 4;
	/* A block of its own size, so ASan sees a read past the end. */
	if ((text = malloc(size)) == NULL)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	a = arena_new();
	buf_init(&b, a);
	markdown_html(&b, text, base);
	check(b.data, b.len, base);
	arena_free(a);
	free(text);
	return 0;
}
