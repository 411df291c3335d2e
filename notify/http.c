/*
 * http.c: a webhook's or chat message's transfer: one POST, signed, to
 * the address checked (address.c), with a 30 s limit as Statuspage's and
 * no redirect followed (a 3xx is a failure: following one would let a
 * public target hand the request to a private one).
 */
#include <stdio.h>
#include <string.h>

#include "target.h"
#include "arena.h"
#include "job.h"
#include "notify-config.h"
#include "signature.h"

#define HTTP_TIMEOUT		30
#define HTTP_CONNECT_TIMEOUT	10
#define HTTP_USER_AGENT		"Lantern-Notify"

/* The answer's body is not read: a receiver's status says it all. */
static size_t
discard(char *p, size_t size, size_t n, void *arg)
{
	return size * n;
}

/*
 * The last word before connect(): the address curl is about to use is
 * checked again, whatever brought curl to it (the pinned entry, an IPv6
 * fallback, a cached connection's peer).
 */
static curl_socket_t
open_checked(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
	const struct notify_config	*cfg = arg;

	if (!cfg->allow_private && target_classify(&a->addr) != TARGET_PUBLIC)
		return CURL_SOCKET_BAD;
	return socket(a->family, a->socktype, a->protocol);
}

int
http_prepare(struct job *j, const struct notify_config *cfg, long long now)
{
	struct target	 t;
	char			 err[256], sig[8 + SIGNATURE_HEX_LEN];
	CURL			*e;

	if (target_check_url(j->d.address, cfg->allow_private, &t, err,
	    sizeof(err)) == -1) {
		snprintf(j->detail, sizeof(j->detail), "%s", err);
		/* A name that does not resolve today may tomorrow; a refusal stands. */
		j->result = strncmp(err, "refused", 7) == 0 ||
		    strncmp(err, "not a valid", 11) == 0 ? JOB_FAILED : JOB_RETRY;
		return -1;
	}
	if (signature_header_value(j->d.secret, now, j->body, j->len, sig) == -1) {
		snprintf(j->detail, sizeof(j->detail), "cannot sign the body");
		j->result = JOB_RETRY;
		return -1;
	}
	if ((e = j->easy = curl_easy_init()) == NULL) {
		snprintf(j->detail, sizeof(j->detail), "out of memory");
		j->result = JOB_RETRY;
		return -1;
	}
	j->resolve = curl_slist_append(NULL, t.resolve);
	j->list = curl_slist_append(NULL, "Content-Type: application/json");
	j->list = curl_slist_append(j->list, "Expect:");
	j->list = curl_slist_append(j->list, arena_printf(j->arena,
	    "Lantern-Delivery: %lld", j->d.id));
	j->list = curl_slist_append(j->list, arena_printf(j->arena,
	    "Lantern-Timestamp: %lld", now));
	j->list = curl_slist_append(j->list, arena_printf(j->arena,
	    "Lantern-Signature: %s", sig));
	curl_easy_setopt(e, CURLOPT_PRIVATE, j);
	curl_easy_setopt(e, CURLOPT_URL, j->d.address);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, cfg->allow_private ?
	    "http,https" : "https");
	curl_easy_setopt(e, CURLOPT_RESOLVE, j->resolve);
	curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, open_checked);
	curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, (void *)cfg);
	/* The environment's proxy would connect where the check did not look. */
	curl_easy_setopt(e, CURLOPT_PROXY, "");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, j->list);
	curl_easy_setopt(e, CURLOPT_USERAGENT, HTTP_USER_AGENT);
	curl_easy_setopt(e, CURLOPT_POSTFIELDS, j->body);
	curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)j->len);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, (long)HTTP_TIMEOUT);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, (long)HTTP_CONNECT_TIMEOUT);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, j->errbuf);
	return 0;
}
