/*
 * sign.h: a subscriber's signed links (confirm, manage, unsubscribe).
 * Links are signed, not stored: {base}/subscriptions/{id}/{purpose}/{sig},
 * sig = lowercase hex HMAC-SHA256(key, "lantern-subscriber:{id}:{purpose}"),
 * the key read from the file LANTERN_LINK_KEY_FILE names.  Shared by the
 * program (which checks links) and lantern-notify (which sends them).
 */
#ifndef LANTERN_SIGN_H
#define LANTERN_SIGN_H

#include <stddef.h>

#define SIGN_KEY_MIN	32	/* bytes: the key must carry 256 bits at least */
#define SIGN_KEY_MAX	1024
#define SIGN_SIG_LEN	64	/* hex digits of a signature, NUL not counted */

struct sign_key {
	unsigned char	bytes[SIGN_KEY_MAX];
	size_t		len;
};

/*
 * The whole file at path is the key: SIGN_KEY_MIN to SIGN_KEY_MAX bytes,
 * a regular file that neither group nor others may read.  0, or -1 with
 * why (naming the path) in err.
 */
int	sign_key_load(struct sign_key *key, const char *path, char *err, size_t errlen);

/* Whether purpose is one a link may have: "confirm", "manage", "unsubscribe". */
int	subscriber_link_purpose(const char *purpose);
/* The signature of subscriber id's link for purpose: 0, or -1 (unknown purpose, id <= 0). */
int	subscriber_link_sig(const struct sign_key *key, long long id, const char *purpose,
	    char out[SIGN_SIG_LEN + 1]);
/*
 * The link itself, base_url (no trailing slash needed) first, into out
 * (outlen bytes): its length, or -1 (unknown purpose, or out too small).
 */
int	subscriber_link(const struct sign_key *key, const char *base_url, long long id,
	    const char *purpose, char *out, size_t outlen);
/* 1 if sig is the signature of id's link for purpose, compared in constant time; else 0. */
int	subscriber_link_verify(const struct sign_key *key, long long id, const char *purpose,
	    const char *sig);

#endif
