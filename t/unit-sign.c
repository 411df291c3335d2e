/* unit-sign.c: a subscriber's signed links: known signatures, links, verify, the key file */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sign.h"
#include "tap.h"

/* Writes n bytes to a new file of the given mode; its path. */
static const char *
key_file(const char *dir, const char *name, const void *bytes, size_t n, mode_t mode)
{
	static char	path[4096];
	int		fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd == -1 || write(fd, bytes, n) != (ssize_t)n || fchmod(fd, mode) == -1)
		abort();
	close(fd);
	return path;
}

int
main(void)
{
	struct sign_key	k;
	char		dir[] = "/tmp/unit-sign.XXXXXX";
	char		sig[SIGN_SIG_LEN + 1], link[512], err[256], big[SIGN_KEY_MAX + 1];
	unsigned char	raw[32];
	int		i;

	for (i = 0; i < 32; i++)
		raw[i] = (unsigned char)i;
	if (mkdtemp(dir) == NULL)
		abort();

	ok(sign_key_load(&k, key_file(dir, "k", raw, 32, 0600), err, sizeof(err)) == 0,
	    "a 32-byte key of mode 0600 is taken");
	is_int(k.len, 32, "all of it");

	/* Vectors from Python's hmac module over the same key (bytes 0..31). */
	ok(subscriber_link_sig(&k, 1, "confirm", sig) == 0, "confirm signs");
	is_str(sig, "b419fe0ce78c288ab8d7c94d4deef0adbacf55e9f1ef9fdfc9bb4335f39ecb1d",
	    "HMAC-SHA256(key, \"lantern-subscriber:1:confirm\")");
	ok(subscriber_link_sig(&k, 42, "unsubscribe", sig) == 0, "unsubscribe signs");
	is_str(sig, "fd88af06ae42c44a0fba2149fb8c07d43db48f497fa1ab60ad1af3934168e658",
	    "HMAC-SHA256(key, \"lantern-subscriber:42:unsubscribe\")");
	ok(subscriber_link_sig(&k, 1, "delete", sig) == -1, "an unknown purpose signs nothing");
	ok(subscriber_link_sig(&k, 0, "manage", sig) == -1, "nor an id of 0");

	ok(subscriber_link(&k, "https://status.example.com/", 42, "unsubscribe", link,
	    sizeof(link)) > 0, "a link is made");
	is_str(link, "https://status.example.com/subscriptions/42/unsubscribe/"
	    "fd88af06ae42c44a0fba2149fb8c07d43db48f497fa1ab60ad1af3934168e658",
	    "base URL, id, purpose, signature; one slash");
	ok(subscriber_link(&k, "https://status.example.com", 42, "manage", link, 40) == -1,
	    "a buffer too small is -1, not a cut link");

	ok(subscriber_link_verify(&k, 42, "unsubscribe",
	    "fd88af06ae42c44a0fba2149fb8c07d43db48f497fa1ab60ad1af3934168e658"), "it verifies");
	ok(!subscriber_link_verify(&k, 43, "unsubscribe",
	    "fd88af06ae42c44a0fba2149fb8c07d43db48f497fa1ab60ad1af3934168e658"),
	    "not for another subscriber");
	ok(!subscriber_link_verify(&k, 42, "manage",
	    "fd88af06ae42c44a0fba2149fb8c07d43db48f497fa1ab60ad1af3934168e658"),
	    "not for another purpose");
	ok(!subscriber_link_verify(&k, 42, "unsubscribe",
	    "FD88AF06AE42C44A0FBA2149FB8C07D43DB48F497FA1AB60AD1AF3934168E658"),
	    "lowercase hex only");
	ok(!subscriber_link_verify(&k, 42, "unsubscribe",
	    "fd88af06ae42c44a0fba2149fb8c07d43db48f497fa1ab60ad1af3934168e65"), "63 digits");
	ok(!subscriber_link_verify(&k, 42, "unsubscribe", ""), "empty");
	ok(!subscriber_link_verify(&k, 42, "unsubscribe", NULL), "none");

	ok(sign_key_load(&k, key_file(dir, "short", raw, 31, 0600), err, sizeof(err)) == -1,
	    "31 bytes are refused");
	ok(strstr(err, "at least 32") != NULL, "saying why: %s", err);
	ok(sign_key_load(&k, key_file(dir, "open", raw, 32, 0640), err, sizeof(err)) == -1,
	    "a key the group may read is refused");
	ok(strstr(err, "chmod 600") != NULL, "saying why: %s", err);
	memset(big, 'x', sizeof(big));
	ok(sign_key_load(&k, key_file(dir, "big", big, sizeof(big), 0600), err,
	    sizeof(err)) == -1, "a file over the limit is refused");
	ok(sign_key_load(&k, "/nonexistent/key", err, sizeof(err)) == -1, "a missing file too");
	ok(strstr(err, "/nonexistent/key") != NULL, "naming it: %s", err);
	ok(sign_key_load(&k, "", err, sizeof(err)) == -1, "and no path at all");

	unlink(key_file(dir, "k", raw, 1, 0600));
	unlink(key_file(dir, "short", raw, 1, 0600));
	unlink(key_file(dir, "open", raw, 1, 0600));
	unlink(key_file(dir, "big", raw, 1, 0600));
	rmdir(dir);
	return done_testing();
}
