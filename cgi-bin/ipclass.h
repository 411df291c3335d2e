/*
 * ipclass.h: the classes of IP addresses, and which of them a URL typed
 * by someone outside may reach (TARGET_PUBLIC only, unless a setting
 * allows the rest: LANTERN_NOTIFY_ALLOW_PRIVATE).
 */
#ifndef LANTERN_IPCLASS_H
#define LANTERN_IPCLASS_H

#include <sys/socket.h>

/* What kind of address; all but TARGET_PUBLIC are refused by default. */
enum target_class {
	TARGET_PUBLIC,
	TARGET_UNSPECIFIED,	/* 0.0.0.0/8, :: */
	TARGET_LOOPBACK,		/* 127/8, ::1 */
	TARGET_PRIVATE,		/* RFC 1918, fc00::/7 (ULA) */
	TARGET_LINK_LOCAL,	/* 169.254/16, fe80::/10 */
	TARGET_METADATA,		/* 169.254.169.254, fd00:ec2::254 */
	TARGET_CGNAT,		/* 100.64/10 */
	TARGET_MULTICAST,		/* 224/4, ff00::/8 */
	TARGET_RESERVED		/* 240/4, broadcast, 192.0.0/24, 198.18/15, fec0::/10 */
};

/* The class of an IPv4 or IPv6 socket address (IPv4-mapped: its IPv4). */
enum target_class	 target_classify(const struct sockaddr *);
/* "loopback", "private", ...: for the error a refusal records. */
const char	*target_class_name(enum target_class);

/*
 * The class of an address written as text (IPv4 dotted, or IPv6 without
 * brackets) into *out: 0, or -1 if literal is no address.
 */
int	target_classify_text(const char *literal, enum target_class *out);

#endif
