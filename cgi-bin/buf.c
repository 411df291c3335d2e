/* buf.c: a growing byte string living in a request's arena */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"

void
buf_init(struct buf *b, struct arena *a)
{
	b->arena = a;
	b->cap = 256;
	b->len = 0;
	b->data = arena_alloc(a, b->cap);
	b->data[0] = '\0';
}

/*
 * Doubling keeps the arena's dead copies below the final size, and past
 * a chunk's size a buffer has a chunk of its own, grown without a copy.
 */
static void
buf_reserve(struct buf *b, size_t extra)
{
	size_t	 cap = b->cap;

	if (b->len + extra < b->cap)
		return;
	while (cap <= b->len + extra)
		cap *= 2;
	b->data = arena_grow(b->arena, b->data, b->cap, cap);
	b->cap = cap;
}

void
buf_append(struct buf *b, const char *s, size_t n)
{
	/* Past the request's cap the answer is a 503: stop growing. */
	if (arena_over(b->arena))
		return;
	buf_reserve(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_append(b, &c, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	if (arena_over(b->arena))
		return;
	buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}
