/*
 * hash.h: FNV-1a, 64 bits: fast, and enough that two different pages or
 * keys hashing alike is unlikely.  Not for anything an attacker could
 * gain by colliding (nothing here trusts a match without a full compare,
 * except the ETag, whose worst case is a client keeping an old copy).
 */
#ifndef LANTERN_HASH_H
#define LANTERN_HASH_H

#include <stddef.h>
#include <stdint.h>

static inline uint64_t
hash_bytes(const void *p, size_t n)
{
	const unsigned char	*s = p;
	uint64_t		 h = 0xcbf29ce484222325ULL;

	while (n-- > 0) {
		h ^= *s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

#endif
