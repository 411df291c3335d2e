/*
 * signature.h: the Lantern-Signature header of a webhook: hex
 * HMAC-SHA256 under the subscriber's secret (its 64 hex digits, as the
 * operator was shown them) over the timestamp, a dot and the body, so a
 * receiver checks both who sent it and that it is not an old one replayed.
 */
#ifndef LANTERN_NOTIFY_SIGNATURE_H
#define LANTERN_NOTIFY_SIGNATURE_H

#include <stddef.h>

#define SIGNATURE_HEX_LEN	64

/* out gets "sha256=" and the hex digits: 0, or -1. */
int	signature_header_value(const char *secret, long long timestamp,
	    const char *body, size_t len, char out[8 + SIGNATURE_HEX_LEN]);

#endif
