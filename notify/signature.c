/* signature.c: a webhook's HMAC-SHA256 over timestamp and body (libcrypto's HMAC) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "signature.h"
#include "xmalloc.h"

int
signature_header_value(const char *secret, long long timestamp,
    const char *body, size_t len, char out[8 + SIGNATURE_HEX_LEN])
{
	unsigned char	 mac[EVP_MAX_MD_SIZE];
	unsigned int	 maclen = 0, i;
	char		*msg;
	int		 n;

	msg = xmalloc(len + 32);
	n = snprintf(msg, 32, "%lld.", timestamp);
	memcpy(msg + n, body, len);
	if (HMAC(EVP_sha256(), secret, (int)strlen(secret),
	    (const unsigned char *)msg, (size_t)n + len, mac, &maclen) == NULL ||
	    maclen * 2 != SIGNATURE_HEX_LEN) {
		free(msg);
		return -1;
	}
	free(msg);
	memcpy(out, "sha256=", 7);
	for (i = 0; i < maclen; i++)
		snprintf(out + 7 + 2 * i, 3, "%02x", mac[i]);
	return 0;
}
