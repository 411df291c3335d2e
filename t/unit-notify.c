/* unit-notify.c: lantern-notify's pure parts: address classes, backoff, signatures, headers, messages */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "target.h"
#include "arena.h"
#include "buf.h"
#include "mail.h"
#include "message.h"
#include "notify-config.h"
#include "queue.h"
#include "signature.h"
#include "tap.h"
#include "webhook.h"

static enum target_class
classify(const char *ip)
{
	struct sockaddr_in	s4;
	struct sockaddr_in6	s6;

	memset(&s4, 0, sizeof(s4));
	memset(&s6, 0, sizeof(s6));
	if (inet_pton(AF_INET, ip, &s4.sin_addr) == 1) {
		s4.sin_family = AF_INET;
		return target_classify((struct sockaddr *)&s4);
	}
	if (inet_pton(AF_INET6, ip, &s6.sin6_addr) == 1) {
		s6.sin6_family = AF_INET6;
		return target_classify((struct sockaddr *)&s6);
	}
	return (enum target_class)-1;
}

static const struct {
	const char	*ip;
	enum target_class	 c;
} classes[] = {
	{ "93.184.216.34", TARGET_PUBLIC },
	{ "8.8.8.8", TARGET_PUBLIC },
	{ "0.0.0.0", TARGET_UNSPECIFIED },
	{ "0.1.2.3", TARGET_UNSPECIFIED },
	{ "127.0.0.1", TARGET_LOOPBACK },
	{ "127.255.255.254", TARGET_LOOPBACK },
	{ "10.0.0.1", TARGET_PRIVATE },
	{ "172.16.0.1", TARGET_PRIVATE },
	{ "172.31.255.255", TARGET_PRIVATE },
	{ "172.32.0.1", TARGET_PUBLIC },
	{ "172.15.255.255", TARGET_PUBLIC },
	{ "192.168.1.1", TARGET_PRIVATE },
	{ "169.254.1.1", TARGET_LINK_LOCAL },
	{ "169.254.169.254", TARGET_METADATA },
	{ "100.64.0.1", TARGET_CGNAT },
	{ "100.127.255.255", TARGET_CGNAT },
	{ "100.128.0.1", TARGET_PUBLIC },
	{ "224.0.0.1", TARGET_MULTICAST },
	{ "239.255.255.250", TARGET_MULTICAST },
	{ "255.255.255.255", TARGET_RESERVED },
	{ "240.0.0.1", TARGET_RESERVED },
	{ "::", TARGET_UNSPECIFIED },
	{ "::1", TARGET_LOOPBACK },
	{ "fe80::1", TARGET_LINK_LOCAL },
	{ "fc00::1", TARGET_PRIVATE },
	{ "fd12:3456::1", TARGET_PRIVATE },
	{ "fd00:ec2::254", TARGET_METADATA },
	{ "ff02::1", TARGET_MULTICAST },
	{ "2606:4700::1111", TARGET_PUBLIC },
	{ "::ffff:127.0.0.1", TARGET_LOOPBACK },
	{ "::ffff:169.254.169.254", TARGET_METADATA },
	{ "::ffff:10.1.2.3", TARGET_PRIVATE },
	{ "::ffff:8.8.8.8", TARGET_PUBLIC },
	{ "64:ff9b::a00:1", TARGET_PRIVATE },
	{ "::127.0.0.1", TARGET_LOOPBACK },
};

static void
test_classes(void)
{
	size_t	i;

	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		is_str(target_class_name(classify(classes[i].ip)),
		    target_class_name(classes[i].c), "%s is %s", classes[i].ip,
		    target_class_name(classes[i].c));
}

static void
test_urls(void)
{
	char	err[256];

	/* Addresses are the socket callback's (t/notify-dns.t): no lookup here. */
	ok(target_check_url("https://127.0.0.1/hook", 0, err, sizeof(err)) == 0,
	    "a URL is taken without looking at its address");
	ok(target_check_url("https://hook.example/x", 0, err, sizeof(err)) == 0,
	    "a name is not looked up");
	ok(target_check_url("http://10.0.0.1/x", 0, err, sizeof(err)) == -1 &&
	    strstr(err, "https") != NULL, "plain http is refused without the setting: %s", err);
	ok(target_check_url("ftp://example.com/x", 1, err, sizeof(err)) == -1,
	    "another scheme is refused even with the setting");
	ok(target_check_url("http://127.0.0.1:8080/hook", 1, err, sizeof(err)) == 0,
	    "plain http is taken with the setting");
	ok(target_check_url("https://[fe80::1%25eth0]/x", 1, err, sizeof(err)) == -1 &&
	    strstr(err, "host") != NULL, "an IPv6 zone id is refused: %s", err);
	ok(target_check_url("hook.example/x", 0, err, sizeof(err)) == -1 &&
	    strstr(err, "not a valid") != NULL, "no scheme: %s", err);
	target_refusal(TARGET_METADATA, err, sizeof(err));
	is_str(err, "refused: the target resolves to a metadata address "
	    "(LANTERN_NOTIFY_ALLOW_PRIVATE=1 allows it)", "a refusal names the class");
}

static void
test_email(void)
{
	ok(target_check_email("a@example.com") == 0, "a plain address");
	ok(target_check_email("first.last+tag@sub.example.org") == 0, "a tagged address");
	ok(target_check_email("a@b@c") == -1, "two @ refused");
	ok(target_check_email("@example.com") == -1, "no local part refused");
	ok(target_check_email("a@") == -1, "no domain refused");
	ok(target_check_email("a b@example.com") == -1, "a space refused");
	ok(target_check_email("a@example.com>\r\nBcc: x@y") == -1, "a header injection refused");
	ok(target_check_email("\xc3\xa9@example.com") == -1, "non-ASCII refused");
}

static void
test_backoff(void)
{
	int	w;

	w = queue_backoff(30, 1, 0);
	is_int(w, 15, "the first retry: half of 30 s at the least jitter");
	w = queue_backoff(30, 1, 15);
	is_int(w, 30, "and all of it at the most");
	w = queue_backoff(30, 3, 0);
	is_int(w, 60, "doubling: the third waits 60 to 120 s");
	w = queue_backoff(30, 40, 123456);
	ok(w >= 1800 && w <= 3600, "capped at an hour (%d)", w);
}

static void
test_signature(void)
{
	char	v[8 + SIGNATURE_HEX_LEN];

	/* Worked out with: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret */
	ok(signature_header_value("secret", 1700000000, "{\"a\":1}", 7, v) == 0,
	    "a body is signed");
	is_str(v, "sha256=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686",
	    "HMAC-SHA256(secret, timestamp.body)");
}

static void
test_header_text(void)
{
	struct arena	*a = arena_new();
	struct buf	 b;

	buf_init(&b, a);
	mail_header_text(&b, "[Status] All good");
	is_str(b.data, "[Status] All good", "ASCII stays as it is");
	buf_init(&b, a);
	mail_header_text(&b, "Caf\xc3\xa9 down");
	is_str(b.data, "=?UTF-8?B?Q2Fmw6kgZG93bg==?=", "UTF-8 is an encoded-word");
	buf_init(&b, a);
	mail_header_text(&b, "\xe2\x9a\xa0\xef\xb8\x8f \xe3\x83\x87\xe3\x83\xbc\xe3\x82\xbf"
	    "\xe3\x83\x99\xe3\x83\xbc\xe3\x82\xb9\xe3\x81\x8c\xe5\xbf\x9c\xe7\xad\x94\xe3\x81"
	    "\x97\xe3\x81\xbe\xe3\x81\x9b\xe3\x82\x93\xe3\x80\x82\xe8\xaa\xbf\xe6\x9f\xbb\xe4"
	    "\xb8\xad\xe3\x81\xa7\xe3\x81\x99");
	ok(strstr(b.data, "?=\r\n =?UTF-8?B?") != NULL, "a long one is folded into words");
	{
		const char	*p, *line = b.data;
		int		 longest = 0;

		for (p = b.data; ; p++)
			if (*p == '\r' || *p == '\0') {
				if (p - line > longest)
					longest = (int)(p - line);
				if (*p == '\0')
					break;
				line = p + 3;
			}
		ok(longest <= 76, "no line over 76 octets (%d)", longest);
	}
	arena_free(a);
}

int
main(void)
{
	test_classes();
	test_urls();
	test_email();
	test_backoff();
	test_signature();
	test_header_text();
	return done_testing();
}
