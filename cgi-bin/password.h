/*
 * password.h: people's passwords, hashed with Argon2id (libsodium's
 * crypto_pwhash_str at its interactive cost), and the random bytes of
 * session ids.  Shared by the program and lanternctl.
 */
#ifndef LANTERN_PASSWORD_H
#define LANTERN_PASSWORD_H

#include <stddef.h>

/* Room for a hash in libsodium's string form, NUL included. */
#define PASSWORD_HASH_MAX	128
/* What a new password must be: long enough to resist guessing offline. */
#define PASSWORD_MIN_CHARS	10
#define PASSWORD_MAX_BYTES	1024

/* libsodium ready; safe to call from any thread, any number of times. 0 or -1. */
int	password_init(void);
/* Argon2id of pw into out (PASSWORD_HASH_MAX bytes): 0, or -1 (out of memory). */
int	password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);
/*
 * 1 if pw matches hash, else 0.  A NULL hash (no such person) is checked
 * against a hash of a password nobody knows, made once, so an unknown
 * account costs the same time as a wrong password.
 */
int	password_verify(const char *hash, const char *pw);
/* Whether a new password is acceptable: NULL, or why not. */
const char *password_weak(const char *pw);
/* n random bytes from the kernel. */
void	password_random(unsigned char *out, size_t n);
/* 1 if the n bytes at a and b are equal, in time independent of where they differ. */
int	password_equal(const void *a, const void *b, size_t n);

#endif
