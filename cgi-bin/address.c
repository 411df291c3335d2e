/* address.c: subscribers' e-mail addresses and webhook URLs, checked */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "address.h"
#include "ipclass.h"

/*
 * Bytes no address of ours may carry: spaces, controls, what breaks a
 * header, and what lantern-notify refuses to put in To: and RCPT TO:
 * (notify/target.c), so that no subscriber is accepted here who could
 * never be sent a mail.
 */
static int
forbidden(unsigned char c)
{
	return c <= ' ' || c >= 0x7f || strchr("\"<>()[],;:\\", c) != NULL;
}

const char *
address_email(const char *s)
{
	const char	*at, *p, *label;
	size_t		 len = strlen(s);

	if (len < 3 || len > ADDRESS_EMAIL_MAX)
		return "must be an e-mail address of 3 to 254 characters";
	for (p = s; *p != '\0'; p++) {
		/* No SMTPUTF8 on the way out: a domain goes as its xn-- form. */
		if ((unsigned char)*p >= 0x80)
			return "must be an e-mail address in ASCII (a domain in "
			    "another script as its xn-- form)";
		if (forbidden((unsigned char)*p))
			return "must be an e-mail address, without spaces, quotes "
			    "or brackets";
	}
	if ((at = strchr(s, '@')) == NULL || strchr(at + 1, '@') != NULL ||
	    at == s || at[1] == '\0')
		return "must be an e-mail address: name@example.com";
	/* Dotted labels, none empty, none starting or ending with a hyphen. */
	for (label = p = at + 1;; p++) {
		if (*p == '.' || *p == '\0') {
			if (p == label || *label == '-' || p[-1] == '-')
				return "must be an e-mail address with a valid domain";
			if (*p == '\0')
				break;
			label = p + 1;
		} else if (!isalnum((unsigned char)*p) && *p != '-')
			return "must be an e-mail address with a valid domain";
	}
	if (strchr(at + 1, '.') == NULL)
		return "must be an e-mail address with a full domain (example.com)";
	return NULL;
}

/* Whether host (as in a URL: brackets around IPv6) is private. */
static int
private_host(const char *host, size_t n)
{
	char			 buf[64];
	enum target_class	 class;
	const char		*p;
	static const char	 local[] = ".localhost";

	if (n == 0 || n >= sizeof(buf))
		return n == 0;
	memcpy(buf, host, n);
	buf[n] = '\0';
	if (strcasecmp(buf, "localhost") == 0 || (n > sizeof(local) - 1 &&
	    strcasecmp(buf + n - (sizeof(local) - 1), local) == 0))
		return 1;
	/* An address, with IPv6 in brackets: its class (ipclass.c). */
	if (buf[0] == '[' && buf[n - 1] == ']') {
		buf[n - 1] = '\0';
		return target_classify_text(buf + 1, &class) == -1 ||
		    class != TARGET_PUBLIC;
	}
	if (target_classify_text(buf, &class) == 0)
		return class != TARGET_PUBLIC;
	/*
	 * A number inet_pton does not take (0x7f.1, 2130706433) is no name
	 * either: no top-level domain is all digits or begins with 0x.
	 */
	for (p = host + n; p > host && p[-1] != '.'; p--)
		;
	if (strncasecmp(p, "0x", 2) == 0)
		return 1;
	for (; p < host + n && isdigit((unsigned char)*p); p++)
		;
	return p == host + n;
}

const char *
address_url(const char *s, int allow_private)
{
	const char	*host, *end, *p, *port;
	size_t		 len = strlen(s);

	if (len > ADDRESS_URL_MAX)
		return "must be a URL of at most 2048 characters";
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f || *p == '"' || *p == '<' ||
		    *p == '>' || *p == '\\')
			return "must be a URL without spaces, quotes or controls";
	if (strncasecmp(s, "https://", 8) == 0)
		host = s + 8;
	else if (allow_private && strncasecmp(s, "http://", 7) == 0)
		host = s + 7;
	else
		return allow_private ? "must be an http:// or https:// URL" :
		    "must be an https:// URL";
	end = host + strcspn(host, "/?#");
	if (memchr(host, '@', (size_t)(end - host)) != NULL)
		return "must not carry user information";
	/* The port: digits after the last colon, outside IPv6 brackets. */
	port = NULL;
	for (p = end; p > host && p[-1] != ':' && p[-1] != ']'; p--)
		;
	if (p > host && p[-1] == ':')
		port = p - 1;
	if (port != NULL) {
		if (port + 1 == end || (size_t)(end - port - 1) > 5)
			return "must have a valid port";
		for (p = port + 1; p < end; p++)
			if (!isdigit((unsigned char)*p))
				return "must have a valid port";
	} else
		port = end;
	if (port == host)
		return "has no host";
	if (!allow_private && private_host(host, (size_t)(port - host)))
		return "must not point at a loopback, private or link-local address "
		    "(LANTERN_NOTIFY_ALLOW_PRIVATE=1 allows them)";
	return NULL;
}
