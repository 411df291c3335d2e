/* password.c: Argon2id passwords and random bytes, through libsodium */
#include <pthread.h>
#include <string.h>

#include <sodium.h>

#include "password.h"

static pthread_once_t	 once = PTHREAD_ONCE_INIT, dummy_once = PTHREAD_ONCE_INIT;
static int		 ready = -1;
/* The hash an unknown account is checked against (see password_verify). */
static char		 dummy[crypto_pwhash_STRBYTES];

static void
init_once(void)
{
	if (sodium_init() >= 0)
		ready = 0;
}

int
password_init(void)
{
	pthread_once(&once, init_once);
	return ready;
}

/* Made at the first sign-in, not at start: it costs one hash (64 MiB). */
static void
make_dummy(void)
{
	unsigned char	secret[32];
	char		hex[2 * sizeof(secret) + 1];

	/* A password nobody knows, not even this process once it is hashed. */
	randombytes_buf(secret, sizeof(secret));
	sodium_bin2hex(hex, sizeof(hex), secret, sizeof(secret));
	if (crypto_pwhash_str(dummy, hex, strlen(hex),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		dummy[0] = '\0';	/* then verify fails at once: no memory */
	sodium_memzero(secret, sizeof(secret));
	sodium_memzero(hex, sizeof(hex));
}

int
password_hash(const char *pw, char out[PASSWORD_HASH_MAX])
{
	char	h[crypto_pwhash_STRBYTES];

	if (password_init() == -1 || crypto_pwhash_str(h, pw, strlen(pw),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return -1;
	_Static_assert(sizeof(h) <= PASSWORD_HASH_MAX, "room for a hash");
	memcpy(out, h, sizeof(h));
	return 0;
}

int
password_verify(const char *hash, const char *pw)
{
	int	ok;

	if (password_init() == -1)
		return 0;
	/* Made at the first check, whichever: the first costs the same both ways. */
	pthread_once(&dummy_once, make_dummy);
	/*
	 * A stored hash that is not Argon2id, or not ours, is checked like
	 * an unknown account's, and never matches.
	 */
	if (hash == NULL || strlen(hash) >= crypto_pwhash_STRBYTES ||
	    strncmp(hash, "$argon2id$", 10) != 0) {
		/* Its answer means nothing: only its time does. */
		ok = crypto_pwhash_str_verify(dummy, pw, strlen(pw));
		(void)ok;
		return 0;
	}
	ok = crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
	return ok;
}

const char *
password_weak(const char *pw)
{
	const unsigned char	*p;
	size_t			 chars = 0;

	if (strlen(pw) > PASSWORD_MAX_BYTES)
		return "the password is longer than 1024 bytes";
	for (p = (const unsigned char *)pw; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return "the password contains a control character";
		/* Characters, not bytes: continuation bytes do not count. */
		chars += (*p & 0xc0) != 0x80;
	}
	if (chars < PASSWORD_MIN_CHARS)
		return "the password is shorter than 10 characters";
	return NULL;
}

void
password_random(unsigned char *out, size_t n)
{
	(void)password_init();
	randombytes_buf(out, n);
}

int
password_equal(const void *a, const void *b, size_t n)
{
	return sodium_memcmp(a, b, n) == 0;
}
