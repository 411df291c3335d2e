/*
 * fuzz-auth.c: libFuzzer target for the Authorization header: the key it
 * presents, whether that has a key's form, and its hash.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "key.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char	 hash[KEY_HASH_LEN], again[KEY_HASH_LEN];
	char		 hex[2 * KEY_HASH_LEN + 1];
	char		*h;
	const char	*key;

	/* A block of its own size, so ASan sees a read past the end. */
	if ((h = malloc(size + 1)) == NULL)
		return 0;
	memcpy(h, data, size);
	h[size] = '\0';
	if ((key = key_from_header(h)) == NULL) {
		/* Only the two schemes present a key. */
		if (strncasecmp(h, "OAuth ", 6) == 0 ||
		    strncasecmp(h, "Bearer ", 7) == 0)
			__builtin_trap();
		goto done;
	}
	/* The key is the rest of the header after the scheme and spaces. */
	if (key < h + 6 || key > h + strlen(h) || key[0] == ' ' ||
	    key[-1] != ' ')
		__builtin_trap();
	if (!key_wellformed(key))
		goto done;
	/* A key's form: the prefix and 64 lowercase hex digits, no more. */
	if (strlen(key) != KEY_LEN ||
	    strncmp(key, KEY_PREFIX, KEY_PREFIX_LEN) != 0 ||
	    strspn(key + KEY_PREFIX_LEN, "0123456789abcdef") !=
	    2 * KEY_RANDOM_LEN)
		__builtin_trap();
	if (key_hash(key, strlen(key), hash) == -1 ||
	    key_hash(key, strlen(key), again) == -1 ||
	    !key_equal(hash, again, sizeof(hash)))
		__builtin_trap();
	key_hex(hash, sizeof(hash), hex);
	if (strlen(hex) != 2 * KEY_HASH_LEN ||
	    strspn(hex, "0123456789abcdef") != 2 * KEY_HASH_LEN)
		__builtin_trap();
	/* One bit off is another hash. */
	again[0] ^= 1;
	if (key_equal(hash, again, sizeof(hash)))
		__builtin_trap();
done:
	free(h);
	return 0;
}
