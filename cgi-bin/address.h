/*
 * address.h: where a subscriber is told: an e-mail address, or the URL of
 * a webhook (or a chat's incoming webhook), checked before it is stored.
 */
#ifndef LANTERN_ADDRESS_H
#define LANTERN_ADDRESS_H

#define ADDRESS_EMAIL_MAX	254	/* RFC 5321's path limit */
#define ADDRESS_URL_MAX		2048

/*
 * Whether s is an e-mail address we can send to: local@domain, 3 to 254
 * bytes, no spaces, controls, quotes or angle brackets, a domain of dotted
 * labels (letters, digits, hyphens; or any UTF-8).  NULL if it is, else
 * why not.
 */
const char	*address_email(const char *s);
/*
 * Whether s is a webhook URL: https://host[:port][/path], no user
 * information, no spaces or controls.  Unless allow_private, plain http
 * and hosts that are loopback, private, link-local (cloud metadata) or
 * unspecified addresses, or "localhost", are refused; names that resolve
 * to them are lantern-notify's to refuse when it connects.  NULL if it
 * is, else why not.
 */
const char	*address_url(const char *s, int allow_private);

#endif
