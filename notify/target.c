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
