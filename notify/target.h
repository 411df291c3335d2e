/*
 * target.h: where lantern-notify may send.  Webhook and chat targets are
 * URLs a visitor or operator typed; left unchecked they would make the
 * notifier a way into the private network behind it (the cloud's metadata
 * service, an admin interface on loopback).  A target is resolved once,
 * every address checked, and the connection pinned to the address checked
 * (CURLOPT_RESOLVE, and the socket callback checks again), so a DNS answer
 * that changes between check and connect cannot slip past.
 */
#ifndef LANTERN_NOTIFY_TARGET_H
#define LANTERN_NOTIFY_TARGET_H

#include <stddef.h>

#include "ipclass.h"

/* A target URL's host resolved and checked, ready to pin. */
struct target {
	char	host[256];	/* as in the URL, without brackets */
	int	port;
	char	ip[64];		/* the address checked, as text */
	char	resolve[400];	/* "host:port:ip" for CURLOPT_RESOLVE */
};

/*
 * Resolves url's host (http or https only; http only when allow_private,
 * since plain HTTP is for tests and private networks), refuses it if any
 * address is not public unless allow_private, and fills t with the first
 * address.  0, or -1 with why in err.
 */
int	target_check_url(const char *url, int allow_private,
	    struct target *t, char *err, size_t errlen);

/*
 * An e-mail address the notifier writes into To: and RCPT TO: ASCII
 * without spaces, controls or any of <>()[],;:"\ and one @ with text on
 * both sides.  0, or -1.
 */
int	target_check_email(const char *);

#endif
