/* target.c: webhook and chat targets resolved, classified and pinned; e-mail addresses checked */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "target.h"

static const char *const class_names[] = {
	[TARGET_PUBLIC] = "public",
	[TARGET_UNSPECIFIED] = "unspecified",
	[TARGET_LOOPBACK] = "loopback",
	[TARGET_PRIVATE] = "private",
	[TARGET_LINK_LOCAL] = "link-local",
	[TARGET_METADATA] = "metadata",
	[TARGET_CGNAT] = "carrier-grade NAT",
	[TARGET_MULTICAST] = "multicast",
	[TARGET_RESERVED] = "reserved",
};

const char *
target_class_name(enum target_class c)
{
	return class_names[c];
}

/* a (host order) inside net/bits. */
static int
in4(uint32_t a, uint32_t net, int bits)
{
	uint32_t	mask = bits == 0 ? 0 : 0xffffffffu << (32 - bits);

	return (a & mask) == (net & mask);
}

static enum target_class
classify4(uint32_t a)
{
	if (a == 0xa9fea9feu)			/* 169.254.169.254 */
		return TARGET_METADATA;
	if (in4(a, 0x00000000u, 8))
		return TARGET_UNSPECIFIED;
	if (in4(a, 0x7f000000u, 8))
		return TARGET_LOOPBACK;
	if (in4(a, 0x0a000000u, 8) || in4(a, 0xac100000u, 12) ||
	    in4(a, 0xc0a80000u, 16))
		return TARGET_PRIVATE;
	if (in4(a, 0xa9fe0000u, 16))
		return TARGET_LINK_LOCAL;
	if (in4(a, 0x64400000u, 10))
		return TARGET_CGNAT;
	if (in4(a, 0xe0000000u, 4))
		return TARGET_MULTICAST;
	if (in4(a, 0xf0000000u, 4) || in4(a, 0xc0000000u, 24) ||
	    in4(a, 0xc6120000u, 15))
		return TARGET_RESERVED;
	return TARGET_PUBLIC;
}

static enum target_class
classify6(const unsigned char *b)
{
	static const unsigned char	zero[16], metadata[16] = {
		0xfd, 0x00, 0x0e, 0xc2, [14] = 0x02, [15] = 0x54 };
	static const unsigned char	mapped[12] = {
		[10] = 0xff, [11] = 0xff };
	static const unsigned char	nat64[12] = {
		0x00, 0x64, 0xff, 0x9b };
	uint32_t			v4;

	if (memcmp(b, metadata, 16) == 0)
		return TARGET_METADATA;
	/* An IPv4 address inside IPv6 reaches that IPv4 address. */
	if (memcmp(b, mapped, 12) == 0 || memcmp(b, nat64, 12) == 0 ||
	    (memcmp(b, zero, 12) == 0 && (b[12] | b[13]) != 0)) {
		memcpy(&v4, b + 12, 4);
		return classify4(ntohl(v4));
	}
	if (memcmp(b, zero, 16) == 0)
		return TARGET_UNSPECIFIED;
	if (memcmp(b, zero, 15) == 0 && b[15] == 1)
		return TARGET_LOOPBACK;
	if ((b[0] & 0xfe) == 0xfc)
		return TARGET_PRIVATE;
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
		return TARGET_LINK_LOCAL;
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)
		return TARGET_RESERVED;
	if (b[0] == 0xff)
		return TARGET_MULTICAST;
	return TARGET_PUBLIC;
}

enum target_class
target_classify(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return classify4(ntohl(((const struct sockaddr_in *)
		    (const void *)sa)->sin_addr.s_addr));
	if (sa->sa_family == AF_INET6)
		return classify6(((const struct sockaddr_in6 *)
		    (const void *)sa)->sin6_addr.s6_addr);
	return TARGET_RESERVED;
}

/* url's scheme, host and port, through libcurl's own parser (the one that connects). */
static int
split_url(const char *url, int allow_http, struct target *t, char *err,
    size_t errlen)
{
	CURLU	*u;
	char	*scheme = NULL, *host = NULL, *port = NULL;
	int	 rc = -1;
	size_t	 n;

	if ((u = curl_url()) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK) {
		snprintf(err, errlen, "not a valid URL");
		goto done;
	}
	if (strcmp(scheme, "https") != 0 &&
	    !(allow_http && strcmp(scheme, "http") == 0)) {
		snprintf(err, errlen, "refused: only https:// targets are allowed");
		goto done;
	}
	n = strlen(host);
	if (host[0] == '[' && n > 2 && host[n - 1] == ']') {
		host[n - 1] = '\0';
		memmove(host, host + 1, n - 1);
	}
	if (strlen(host) >= sizeof(t->host) || strchr(host, '%') != NULL) {
		snprintf(err, errlen, "not a valid URL host");
		goto done;
	}
	strcpy(t->host, host);
	t->port = atoi(port);
	rc = 0;
done:
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return rc;
}

int
target_check_url(const char *url, int allow_private, struct target *t,
    char *err, size_t errlen)
{
	struct addrinfo	 hints, *res = NULL, *ai;
	enum target_class	 c;
	const void	*raw;
	int		 gai;

	memset(t, 0, sizeof(*t));
	if (split_url(url, allow_private, t, err, errlen) == -1)
		return -1;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if ((gai = getaddrinfo(t->host, NULL, &hints, &res)) != 0) {
		snprintf(err, errlen, "cannot resolve the host: %s",
		    gai_strerror(gai));
		return -1;
	}
	/*
	 * Every address must pass, not just the one used: a name that
	 * answers with one public and one private address is someone
	 * trying.
	 */
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6)
			continue;
		c = target_classify(ai->ai_addr);
		if (c != TARGET_PUBLIC && !allow_private) {
			snprintf(err, errlen, "refused: the target resolves to "
			    "a %s address (LANTERN_NOTIFY_ALLOW_PRIVATE=1 "
			    "allows it)", target_class_name(c));
			freeaddrinfo(res);
			return -1;
		}
		if (t->ip[0] != '\0')
			continue;
		raw = ai->ai_family == AF_INET ?
		    (const void *)&((struct sockaddr_in *)(void *)ai->ai_addr)->sin_addr :
		    (const void *)&((struct sockaddr_in6 *)(void *)ai->ai_addr)->sin6_addr;
		inet_ntop(ai->ai_family, raw, t->ip, sizeof(t->ip));
		snprintf(t->resolve, sizeof(t->resolve),
		    ai->ai_family == AF_INET6 ? "%s:%d:[%s]" : "%s:%d:%s",
		    t->host, t->port, t->ip);
	}
	freeaddrinfo(res);
	if (t->ip[0] == '\0') {
		snprintf(err, errlen, "the host has no IPv4 or IPv6 address");
		return -1;
	}
	return 0;
}

int
target_check_email(const char *s)
{
	const char	*p, *at = NULL;

	for (p = s; *p != '\0'; p++) {
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f ||
		    strchr("<>()[],;:\"\\", *p) != NULL)
			return -1;
		if (*p == '@') {
			if (at != NULL)
				return -1;
			at = p;
		}
	}
	if (at == NULL || at == s || at[1] == '\0' || p - s > 254)
		return -1;
	return 0;
}
