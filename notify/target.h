/*
 * target.h: where lantern-notify may send.  Webhook and chat targets are
 * URLs a visitor or operator typed; left unchecked they would make the
 * notifier a way into the private network behind it (the cloud's metadata
 * service, an admin interface on loopback).  The URL is checked here,
 * without the network; the address is checked where it is used: libcurl
 * resolves the name on a thread of its own (so a slow DNS server holds
 * back only its own delivery), and http.c's socket callback classifies
 * each address just before connect(), so the address checked is the one
 * connected to, whatever DNS answered a moment before.
 */
#ifndef LANTERN_NOTIFY_TARGET_H
#define LANTERN_NOTIFY_TARGET_H

#include <stddef.h>

#include "ipclass.h"

/*
 * A URL lantern-notify may try: libcurl can parse it, and it is https
 * (or http when allow_http, since plain HTTP is for tests and private
 * networks).  0, or -1 with why in err.
 */
int	target_check_url(const char *url, int allow_http, char *err,
	    size_t errlen);

/* Why a connection to an address of class c was refused, into err. */
void	target_refusal(enum target_class c, char *err, size_t errlen);

/*
 * An e-mail address the notifier writes into To: and RCPT TO: ASCII
 * without spaces, controls or any of <>()[],;:"\ and one @ with text on
 * both sides.  0, or -1.
 */
int	target_check_email(const char *);

#endif
