/* unit-key.c: API keys: their form, SHA-256 of known vectors, key_equal */
#include <string.h>

#include "key.h"
#include "tap.h"

static const char *
hex_sha256(const char *s, size_t len)
{
	static char	hex[2 * KEY_HASH_LEN + 1];
	unsigned char	h[KEY_HASH_LEN];

	if (key_hash(s, len, h) == -1)
		return "(failed)";
	key_hex(h, sizeof(h), hex);
	return hex;
}

int
main(void)
{
	char		a[KEY_LEN + 1], b[KEY_LEN + 1];
	unsigned char	x[KEY_HASH_LEN], y[KEY_HASH_LEN];
	const char	*m;

	/* FIPS 180-2 examples and the empty string. */
	is_str(hex_sha256("abc", 3),
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	    "sha256(\"abc\")");
	is_str(hex_sha256("", 0),
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	    "sha256(\"\")");
	m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	is_str(hex_sha256(m, strlen(m)),
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	    "sha256 of the 448-bit FIPS message");
	/* The whole key string is hashed, prefix included. */
	m = "lantern_0000000000000000000000000000000000000000000000000000000000000000";
	is_str(hex_sha256(m, strlen(m)),
	    "d9ddc059cb920e1179c99715f4f853420480839c8d659128969248a0b10015cc",
	    "sha256 of a key string");

	ok(key_generate(a) == 0, "a key is made");
	is_int(strlen(a), 72, "72 characters");
	ok(key_wellformed(a), "\"lantern_\" and 64 lowercase hex digits: %s", a);
	ok(key_generate(b) == 0 && strcmp(a, b) != 0, "two keys differ");

	ok(!key_wellformed("lantern_"), "the prefix alone is not a key");
	ok(!key_wellformed("lantern_0123456789abcdef0123456789abcdef0123456789abcdef0123456789ABCDEF"),
	    "upper-case hex is not a key");
	ok(!key_wellformed("lantern_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde"),
	    "63 digits are not a key");
	ok(!key_wellformed("lantern_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0"),
	    "65 digits are not a key");
	ok(!key_wellformed("Lantern_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
	    "the prefix is lower case");

	is_str(key_from_header("OAuth lantern_x"), "lantern_x", "OAuth <key>");
	is_str(key_from_header("bearer   lantern_x"), "lantern_x",
	    "bearer, any case, spaces skipped");
	is_str(key_from_header("OAuth "), "", "a scheme with no key: empty");
	ok(key_from_header("Basic dXNlcjpwYXNz") == NULL, "Basic presents no key");
	ok(key_from_header("OAuthlantern_x") == NULL, "the scheme needs its space");
	ok(key_from_header(NULL) == NULL, "no header, no key");

	ok(key_hash(a, strlen(a), x) == 0 && key_hash(a, strlen(a), y) == 0,
	    "a key hashes");
	ok(key_equal(x, y, sizeof(x)), "key_equal: the same hash");
	y[31] ^= 1;
	ok(!key_equal(x, y, sizeof(x)), "key_equal: the last bit differs");
	y[31] ^= 1;
	y[0] ^= 0x80;
	ok(!key_equal(x, y, sizeof(x)), "key_equal: the first bit differs");
	ok(key_equal(x, y, 0), "key_equal: nothing equals nothing");
	return done_testing();
}
