/*
 * arena.c: a bump allocator freed in one call at the end of a request,
 * with what else the request holds (cleanups)
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "xmalloc.h"

#define ARENA_CHUNK	(16 * 1024)

/*
 * Under AddressSanitizer (the tests, the fuzz targets) the room of a chunk
 * not handed out is poisoned, and each block is followed by a red zone, so
 * a read or write past a block's end is reported as it is for malloc();
 * else the chunk would hide it.
 */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN	1
#endif
#endif
#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define REDZONE			sizeof(max_align_t)
#define POISON(p, n)		ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n)		ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define REDZONE			0
#define POISON(p, n)		((void)(p), (void)(n))
#define UNPOISON(p, n)		((void)(p), (void)(n))
#endif

struct chunk {
	struct chunk	*next;
	size_t		 used;
	size_t		 size;
	max_align_t	 data[];
};

/* Something the arena frees beside its bytes (arena_cleanup()). */
struct cleanup {
	struct cleanup	*next;
	void		(*fn)(void *);
	void		*arg;
};

struct arena {
	struct chunk	*head;
	struct cleanup	*cleanups;	/* newest first */
	size_t		 size;	/* of all chunks */
	size_t		 cap;	/* 0: none */
};

struct arena *
arena_new_capped(size_t cap)
{
	struct arena	*a = xmalloc(sizeof(*a));

	a->head = NULL;
	a->cleanups = NULL;
	a->size = 0;
	a->cap = cap;
	return a;
}

struct arena *
arena_new(void)
{
	return arena_new_capped(0);
}

int
arena_over(const struct arena *a)
{
	return a->cap != 0 && a->size > a->cap;
}

size_t
arena_size(const struct arena *a)
{
	return a->size;
}

void
arena_free(struct arena *a)
{
	struct cleanup	*k;
	struct chunk	*c, *next;

	if (a == NULL)
		return;
	/* Newest first: what was made last may hold on to what came before. */
	for (k = a->cleanups; k != NULL; k = k->next)
		if (k->fn != NULL)
			k->fn(k->arg);
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

/* The room a block of n bytes takes in its chunk: aligned, red zone too. */
static size_t
span(size_t n)
{
	const size_t	align = sizeof(max_align_t);

	if (n > SIZE_MAX - align - REDZONE - sizeof(struct chunk))
		abort();
	return (n + REDZONE + align - 1) / align * align;
}

void *
arena_alloc(struct arena *a, size_t want)
{
	struct chunk	*c = a->head;
	size_t		 size, n = span(want);
	void		*p;

	if (c == NULL || c->size - c->used < n) {
		size = n > ARENA_CHUNK ? n : ARENA_CHUNK;
		c = xmalloc(sizeof(*c) + size);
		POISON(c->data, size);
		c->used = 0;
		c->size = size;
		a->size += size;
		/* A big one-off block goes behind the head so the head keeps its room. */
		if (a->head != NULL && n > ARENA_CHUNK) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	p = (char *)c->data + c->used;
	c->used += n;
	UNPOISON(p, want);
	return p;
}

void *
arena_grow(struct arena *a, void *p, size_t had, size_t want)
{
	struct chunk	**pp, *c;
	size_t		  n = span(had), m = span(want);
	void		 *q;

	/* A block that is alone in its chunk grows with it: no copy left. */
	for (pp = &a->head; *pp != NULL; pp = &(*pp)->next) {
		if ((void *)(*pp)->data != p || (*pp)->used != n)
			continue;
		c = xrealloc(*pp, sizeof(*c) + m);
		a->size += m - c->size;
		c->size = c->used = m;
		POISON(c->data, m);
		UNPOISON(c->data, want);
		*pp = c;
		return c->data;
	}
	q = arena_alloc(a, want);
	/* From NULL (a first allocation) there is nothing to copy. */
	if (had > 0)
		memcpy(q, p, had < want ? had : want);
	return q;
}

void *
arena_calloc(struct arena *a, size_t nmemb, size_t size)
{
	void	*p;

	if (size != 0 && nmemb > SIZE_MAX / size)
		abort();
	p = arena_alloc(a, nmemb * size);
	memset(p, 0, nmemb * size);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	char	*p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void *
arena_cleanup(struct arena *a, void (*fn)(void *), void *arg)
{
	struct cleanup	*k;

	if (arg == NULL)
		return NULL;
	k = arena_alloc(a, sizeof(*k));
	k->fn = fn;
	k->arg = arg;
	k->next = a->cleanups;
	a->cleanups = k;
	return arg;
}

void
arena_release(struct arena *a, void *arg)
{
	struct cleanup	*k;

	for (k = a->cleanups; arg != NULL && k != NULL; k = k->next)
		if (k->arg == arg && k->fn != NULL) {
			k->fn(k->arg);
			k->fn = NULL;
			return;
		}
}
