/* target.c: webhook and chat URLs and e-mail addresses checked before anything is sent */
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "target.h"

int
target_check_url(const char *url, int allow_http, char *err, size_t errlen)
{
	CURLU	*u;
	char	*scheme = NULL, *host = NULL, *zone = NULL;
	int	 rc = -1;

	if ((u = curl_url()) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		snprintf(err, errlen, "not a valid URL");
		goto done;
	}
	if (strcmp(scheme, "https") != 0 &&
	    !(allow_http && strcmp(scheme, "http") == 0)) {
		snprintf(err, errlen, "refused: only https:// targets are allowed");
		goto done;
	}
	/* A zone id ("[fe80::1%25eth0]") names an interface, not a place on the Internet. */
	if (curl_url_get(u, CURLUPART_ZONEID, &zone, 0) == CURLUE_OK) {
		snprintf(err, errlen, "not a valid URL host");
		goto done;
	}
	rc = 0;
done:
	curl_free(scheme);
	curl_free(host);
	curl_free(zone);
	curl_url_cleanup(u);
	return rc;
}

void
target_refusal(enum target_class c, char *err, size_t errlen)
{
	snprintf(err, errlen, "refused: the target resolves to a %s address "
	    "(LANTERN_NOTIFY_ALLOW_PRIVATE=1 allows it)", target_class_name(c));
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
