/*
 * http.c: a webhook's or chat message's transfer: one POST, signed, with
 * a 30 s limit as Statuspage's and no redirect followed (a 3xx is a
 * failure: following one would let a public target hand the request to a
 * private one).  libcurl resolves the name on its own thread; the address
 * it is about to connect to is checked here (ipclass.c), in the socket
 * callback.
 */
#include <stdio.h>
#include <string.h>

#include "target.h"
#include "arena.h"
#include "job.h"
#include "notify-config.h"
#include "signature.h"

#define HTTP_TIMEOUT		30
/* Name resolution and the TCP (and TLS) handshake, within the 30 s. */
#define HTTP_CONNECT_TIMEOUT	10
#define HTTP_USER_AGENT		"Lantern-Notify"

/* The answer's body is not read: a receiver's status says it all. */
static size_t
discard(char *p, size_t size, size_t n, void *arg)
{
	return size * n;
}

/*
 * The guard: every address libcurl is about to connect() to, whichever
 * answer of the name it is (IPv4 or IPv6, first or a fallback), is
 * classified here.  Checking the address connected to, not an earlier
 * lookup's, leaves a name whose DNS answer changes in between (DNS
 * rebinding) nothing to slip through.  A refusal is kept on the job, so
 * the transfer's "could not connect" can be told as what it is.
 */
static curl_socket_t
open_checked(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct job		*j = arg;
	enum target_class	 c = target_classify(&a->addr);

	if (c != TARGET_PUBLIC && !j->allow_private) {
		if (!j->refused) {
			j->refused = 1;
			j->refused_class = c;
		}
		return CURL_SOCKET_BAD;
	}
	j->opened++;
	return socket(a->family, a->socktype, a->protocol);
}

int
http_refused(struct job *j, CURLcode rc)
{
	/* An address that was allowed and did not answer is an ordinary failure. */
	if (rc != CURLE_COULDNT_CONNECT || !j->refused || j->opened > 0)
		return 0;
	target_refusal(j->refused_class, j->detail, sizeof(j->detail));
	/* A refusal stands: trying again would only be refused again. */
	j->result = JOB_FAILED;
	return 1;
}

int
http_prepare(struct job *j, const struct notify_config *cfg, long long now)
{
	char	 err[256], sig[8 + SIGNATURE_HEX_LEN];
	CURL	*e;

	if (target_check_url(j->d.address, cfg->allow_private, err,
	    sizeof(err)) == -1) {
		snprintf(j->detail, sizeof(j->detail), "%s", err);
		j->result = strcmp(err, "out of memory") == 0 ? JOB_RETRY :
		    JOB_FAILED;
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
	j->allow_private = cfg->allow_private;
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
	curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, open_checked);
	curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, j);
	/*
	 * No proxy, whatever http_proxy, https_proxy or ALL_PROXY say: the
	 * socket callback would see only the proxy's address, and the proxy
	 * would connect to the target unchecked.
	 */
	curl_easy_setopt(e, CURLOPT_PROXY, "");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, j->list);
	curl_easy_setopt(e, CURLOPT_USERAGENT, HTTP_USER_AGENT);
	curl_easy_setopt(e, CURLOPT_POSTFIELDS, j->body);
	curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)j->len);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, (long)HTTP_TIMEOUT);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, (long)HTTP_CONNECT_TIMEOUT);
	/*
	 * A transfer that ends while its lookup still runs (the connect
	 * timeout, a stop) would otherwise have libcurl wait for the
	 * resolver's thread, up to the resolver's own timeout, and every
	 * other delivery with it: the thread is left to end by itself.
	 */
	curl_easy_setopt(e, CURLOPT_QUICK_EXIT, 1L);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, j->errbuf);
	return 0;
}
