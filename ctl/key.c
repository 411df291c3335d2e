/* key.c: API keys: 256 random bits from getrandom(2), stored as SHA-256 */
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

/*
 * SHA-256 and the constant-time comparison come from OpenSSL's libcrypto:
 * a reviewed, tested and maintained implementation that Debian patches,
 * rather than cryptographic code of our own.
 */
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "key.h"

void
key_hex(const unsigned char *in, size_t len, char *out)
{
	static const char	digits[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 0x0f];
	}
	out[2 * len] = '\0';
}

int
key_generate(char out[KEY_LEN + 1])
{
	unsigned char	raw[KEY_RANDOM_LEN];
	size_t		got = 0;
	ssize_t		n;

	/* Blocks only until the kernel's pool is first initialised. */
	while (got < sizeof(raw)) {
		n = getrandom(raw + got, sizeof(raw) - got, 0);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		got += (size_t)n;
	}
	memcpy(out, KEY_PREFIX, KEY_PREFIX_LEN);
	key_hex(raw, sizeof(raw), out + KEY_PREFIX_LEN);
	OPENSSL_cleanse(raw, sizeof(raw));
	return 0;
}

int
key_wellformed(const char *s)
{
	size_t	i;

	if (strncmp(s, KEY_PREFIX, KEY_PREFIX_LEN) != 0)
		return 0;
	s += KEY_PREFIX_LEN;
	for (i = 0; i < 2 * KEY_RANDOM_LEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[i] == '\0';
}

const char *
key_from_header(const char *header)
{
	static const char *const schemes[] = { "OAuth ", "Bearer " };
	size_t	i, n;

	if (header == NULL)
		return NULL;
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		n = strlen(schemes[i]);
		if (strncasecmp(header, schemes[i], n) == 0) {
			header += n;
			while (*header == ' ')
				header++;
			return header;
		}
	}
	return NULL;
}

int
key_hash(const char *s, size_t len, unsigned char out[KEY_HASH_LEN])
{
	unsigned int	outlen = 0;

	if (EVP_Digest(s, len, out, &outlen, EVP_sha256(), NULL) != 1 ||
	    outlen != KEY_HASH_LEN)
		return -1;
	return 0;
}

int
key_equal(const unsigned char *a, const unsigned char *b, size_t len)
{
	/* CRYPTO_memcmp reads every byte whatever differs, and the compiler
	 * cannot turn it into an early-exit memcmp. */
	return CRYPTO_memcmp(a, b, len) == 0;
}
