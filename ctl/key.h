/* key.h: API keys: generation, SHA-256, constant-time comparison */
#ifndef LANTERN_KEY_H
#define LANTERN_KEY_H

#include <stddef.h>

#define KEY_PREFIX	"lantern_"
#define KEY_PREFIX_LEN	(sizeof(KEY_PREFIX) - 1)
#define KEY_RANDOM_LEN	32			/* 256 bits */
#define KEY_LEN		(KEY_PREFIX_LEN + 2 * KEY_RANDOM_LEN)	/* 72 */
#define KEY_HASH_LEN	32			/* SHA-256 */

/* A new key, "lantern_" + 64 lowercase hex digits, NUL-terminated in out.
 * Returns 0, or -1 with errno set if the kernel gave no randomness. */
int	key_generate(char out[KEY_LEN + 1]);

/* 1 if s has the form of a key (prefix, 64 lowercase hex digits). */
int	key_wellformed(const char *s);

/* The key an Authorization header presents: what follows "OAuth " (as
 * Statuspage's clients send it) or "Bearer ", either case, and any spaces;
 * NULL for another scheme or no header.  Points into header. */
const char	*key_from_header(const char *header);

/* SHA-256 of the len bytes at s (for a key: the whole string, prefix
 * included).  Returns 0, or -1 if libcrypto failed. */
int	key_hash(const char *s, size_t len, unsigned char out[KEY_HASH_LEN]);

/* 1 if the len bytes at a and b are equal, taking the same time whatever
 * they hold: for comparing a presented key's hash with a stored one. */
int	key_equal(const unsigned char *a, const unsigned char *b, size_t len);

/* Lowercase hex of len bytes into out (2 * len + 1 bytes). */
void	key_hex(const unsigned char *in, size_t len, char *out);

#endif
