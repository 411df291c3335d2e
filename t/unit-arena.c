/* unit-arena.c: a growing buffer keeps its bytes and leaves no dead copies behind */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "tap.h"

/* Which cleanups ran, in order. */
static int	cleaned[8], ncleaned;

static void
note(void *arg)
{
	cleaned[ncleaned++] = *(int *)arg;
}

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>

/*
 * Under ASan a block is fenced like a malloc()ed one: the byte past its end
 * is poisoned, in a shared chunk, in a big block and after a grow.
 */
static void
test_poisoned(void)
{
	struct arena	*a = arena_new();
	char		*p, *q, *big;

	p = arena_alloc(a, 5);
	q = arena_alloc(a, 16);
	ok(!__asan_address_is_poisoned(p + 4) &&
	    __asan_address_is_poisoned(p + 5), "ASan: a 5-byte block ends at 5");
	ok(__asan_address_is_poisoned(q + 16) && !__asan_address_is_poisoned(q),
	    "ASan: a 16-byte block is followed by a red zone");
	big = arena_alloc(a, 100000);
	ok(__asan_address_is_poisoned(big + 100000),
	    "ASan: a block of its own chunk ends where it says");
	big = arena_grow(a, big, 100000, 300001);
	ok(!__asan_address_is_poisoned(big + 300000) &&
	    __asan_address_is_poisoned(big + 300001),
	    "ASan: grown in place, it ends at its new size");
	p = arena_grow(a, p, 5, 7);
	ok(__asan_address_is_poisoned(p + 7),
	    "ASan: grown by a copy, too");
	arena_free(a);
}
#else
static void
test_poisoned(void)
{
	ok(1, "# SKIP built without AddressSanitizer");
}
#endif

int
main(void)
{
	struct arena	*a = arena_new();
	struct buf	 b;
	char		*p, *q, *r, x[100];
	size_t		 i, before;

	memset(x, 'x', sizeof(x));
	p = arena_alloc(a, 100);
	memset(p, 'x', 100);
	q = arena_alloc(a, 10);
	r = arena_grow(a, p, 100, 200);
	ok(r != p && memcmp(r, x, 100) == 0,
	    "a block that shares its chunk grows by a copy, bytes kept");
	ok(r != q, "and does not run over its neighbour");

	buf_init(&b, a);
	for (i = 0; i < 100000; i++)
		buf_putc(&b, (char)('a' + i % 26));
	ok(b.len == 100000 && b.data[99999] == 'a' + 99999 % 26 &&
	    b.data[0] == 'a', "100,000 bytes appended one by one are all there");
	before = arena_size(a);
	for (i = 0; i < 900000; i++)
		buf_putc(&b, 'z');
	ok(b.len == 1000000 && b.data[99999] == 'a' + 99999 % 26,
	    "a million, the first ones unchanged");
	/* Doubling by copies would leave 1 MiB of dead copies: here 1 MiB in all. */
	ok(arena_size(a) - before <= 1024 * 1024 + 16 * 1024,
	    "the arena grew by the buffer's growth, no dead copies (%zu bytes)",
	    arena_size(a) - before);
	arena_free(a);

	{
		static int	 one = 1, two = 2, three = 3;
		struct arena	*c = arena_new();

		ok(arena_cleanup(c, note, &one) == &one, "a cleanup gives its arg back");
		arena_cleanup(c, note, &two);
		arena_cleanup(c, note, &three);
		ok(arena_cleanup(c, note, NULL) == NULL, "NULL is kept for nothing");
		arena_release(c, &two);
		ok(ncleaned == 1 && cleaned[0] == 2, "a release runs its cleanup now");
		arena_free(c);
		ok(ncleaned == 3 && cleaned[1] == 3 && cleaned[2] == 1,
		    "the rest run at arena_free, newest first, none twice");
	}

	test_poisoned();
	return done_testing();
}
