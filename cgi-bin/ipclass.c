/*
 * ipclass.c: which addresses a URL typed by a visitor or an operator may
 * lead Lantern to.  One table of address classes for the page, which
 * refuses a subscriber's webhook at a private address when it is made
 * (address.c), and for lantern-notify, which checks every address a
 * target resolves to before it connects (notify/target.c).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>

#include "ipclass.h"

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

int
target_classify_text(const char *literal, enum target_class *out)
{
	struct sockaddr_in6	 s6;
	struct sockaddr_in	 s4;

	memset(&s4, 0, sizeof(s4));
	memset(&s6, 0, sizeof(s6));
	if (inet_pton(AF_INET, literal, &s4.sin_addr) == 1) {
		s4.sin_family = AF_INET;
		*out = target_classify((const struct sockaddr *)(const void *)&s4);
		return 0;
	}
	if (inet_pton(AF_INET6, literal, &s6.sin6_addr) == 1) {
		s6.sin6_family = AF_INET6;
		*out = target_classify((const struct sockaddr *)(const void *)&s6);
		return 0;
	}
	return -1;
}
