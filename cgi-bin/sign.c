/* sign.c: a subscriber's signed links: HMAC-SHA256 under the link key */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* HMAC and the constant-time comparison are libcrypto's, as key.c's hash is. */
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "sign.h"

int
sign_key_load(struct sign_key *key, const char *path, char *err, size_t errlen)
{
	struct stat	st;
	ssize_t		n;
	size_t		got = 0;
	int		fd;
	unsigned char	extra;

	key->len = 0;
	if (path == NULL || *path == '\0') {
		snprintf(err, errlen, "not set");
		return -1;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		goto fail;
	}
	/* A key others can read signs links for them too. */
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		snprintf(err, errlen, "%s: group or others may read it (chmod 600)", path);
		goto fail;
	}
	while (got < sizeof(key->bytes)) {
		n = read(fd, key->bytes + got, sizeof(key->bytes) - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	if (got == sizeof(key->bytes) && read(fd, &extra, 1) == 1) {
		snprintf(err, errlen, "%s: longer than %d bytes", path, SIGN_KEY_MAX);
		goto fail;
	}
	if (got < SIGN_KEY_MIN) {
		snprintf(err, errlen, "%s: %zu bytes, at least %d random bytes needed", path, got,
		    SIGN_KEY_MIN);
		goto fail;
	}
	close(fd);
	key->len = got;
	return 0;
fail:
	OPENSSL_cleanse(key->bytes, sizeof(key->bytes));
	close(fd);
	return -1;
}

int
subscriber_link_purpose(const char *purpose)
{
	return purpose != NULL && (strcmp(purpose, "confirm") == 0 ||
	    strcmp(purpose, "manage") == 0 || strcmp(purpose, "unsubscribe") == 0);
}

int
subscriber_link_sig(const struct sign_key *key, long long id, const char *purpose,
    char out[SIGN_SIG_LEN + 1])
{
	static const char	digits[] = "0123456789abcdef";
	unsigned char		mac[EVP_MAX_MD_SIZE];
	unsigned int		maclen = 0;
	char			msg[96];
	int			len, i;

	out[0] = '\0';
	if (id <= 0 || !subscriber_link_purpose(purpose) || key->len < SIGN_KEY_MIN)
		return -1;
	len = snprintf(msg, sizeof(msg), "lantern-subscriber:%lld:%s", id, purpose);
	if (HMAC(EVP_sha256(), key->bytes, (int)key->len, (const unsigned char *)msg,
	    (size_t)len, mac, &maclen) == NULL || maclen * 2 != SIGN_SIG_LEN)
		return -1;
	for (i = 0; i < (int)maclen; i++) {
		out[2 * i] = digits[mac[i] >> 4];
		out[2 * i + 1] = digits[mac[i] & 0x0f];
	}
	out[SIGN_SIG_LEN] = '\0';
	return 0;
}

int
subscriber_link(const struct sign_key *key, const char *base_url, long long id,
    const char *purpose, char *out, size_t outlen)
{
	char	sig[SIGN_SIG_LEN + 1];
	size_t	blen = strlen(base_url);
	int	n;

	if (subscriber_link_sig(key, id, purpose, sig) == -1)
		return -1;
	while (blen > 0 && base_url[blen - 1] == '/')
		blen--;
	n = snprintf(out, outlen, "%.*s/subscriptions/%lld/%s/%s", (int)blen, base_url, id,
	    purpose, sig);
	if (n < 0 || (size_t)n >= outlen)
		return -1;
	return n;
}

int
subscriber_link_verify(const struct sign_key *key, long long id, const char *purpose,
    const char *sig)
{
	char	want[SIGN_SIG_LEN + 1];

	if (sig == NULL || strlen(sig) != SIGN_SIG_LEN ||
	    subscriber_link_sig(key, id, purpose, want) == -1)
		return 0;
	return CRYPTO_memcmp(want, sig, SIGN_SIG_LEN) == 0;
}
