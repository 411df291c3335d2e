/* unit-config.c: settings are validated, and errors name the setting */
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "config.h"
#include "sign.h"
#include "tap.h"

static const char *const *env;
static char key_path[] = "/tmp/unit-config-key.XXXXXX";

/* vars's; LANTERN_LINK_KEY_FILE is a good key unless vars name one. */
static const char *
lookup(const char *name)
{
	size_t	n = strlen(name);
	int	i;

	for (i = 0; env[i] != NULL; i++)
		if (strncmp(env[i], name, n) == 0 && env[i][n] == '=')
			return env[i] + n + 1;
	return strcmp(name, "LANTERN_LINK_KEY_FILE") == 0 ? key_path : NULL;
}

/* Loads from vars; returns the error text, or "" on success. */
static const char *
load(struct config *cfg, const char *const *vars)
{
	static char	err[256];

	env = vars;
	err[0] = '\0';
	if (config_load(cfg, lookup, err, sizeof(err)) == 0)
		return "";
	return err;
}

#define GOOD_DB	"LANTERN_DATABASE_URL=postgresql:///lantern?host=/tmp"
#define GOOD_URL "LANTERN_BASE_URL=https://status.example.com/"

int
main(void)
{
	struct config	cfg;
	char		err[128];
	int		v, fd;

	/* 32 bytes, mode 0600 (mkstemp's). */
	if ((fd = mkstemp(key_path)) == -1 ||
	    write(fd, "0123456789abcdef0123456789abcdef", 32) != 32)
		abort();
	close(fd);
	{
		const char *vars[] = { GOOD_DB, GOOD_URL, NULL };

		is_str(load(&cfg, vars), "", "minimal settings load");
		is_str(cfg.base_url, "https://status.example.com",
		    "trailing slash dropped from base URL");
		is_str(cfg.base_path, "", "no base path");
		is_int(cfg.workers, CONFIG_WORKERS_DEFAULT, "default workers");
		ok(cfg.socket_path == NULL, "no socket: use the handed one");
		config_free(&cfg);
	}
	{
		const char *vars[] = { GOOD_DB, GOOD_URL,
		    "LANTERN_WRITE_DATABASE_URL=postgresql:///lantern?user=w", NULL };

		is_str(load(&cfg, vars), "", "a write database URL loads");
		is_str(cfg.write_database_url, "postgresql:///lantern?user=w",
		    "writes go to it");
		is_str(cfg.database_url, "postgresql:///lantern?host=/tmp",
		    "reads stay on the first");
		config_free(&cfg);
	}
	{
		const char *vars[] = { GOOD_DB, GOOD_URL,
		    "LANTERN_WRITE_DATABASE_URL=", NULL };

		is_str(load(&cfg, vars), "", "an empty write database URL loads");
		is_str(cfg.write_database_url, "postgresql:///lantern?host=/tmp",
		    "and writes go where reads go");
		config_free(&cfg);
	}
	{
		const char *vars[] = { GOOD_DB, GOOD_URL,
		    "LANTERN_WRITE_DATABASE_URL=postgresql://x:secret@h/db?bogus=1",
		    NULL };
		const char *e = load(&cfg, vars);

		ok(strstr(e, "LANTERN_WRITE_DATABASE_URL is not a valid") &&
		    !strstr(e, "secret"), "a malformed write database URL named, "
		    "without its password");
	}
	{
		const char *vars[] = { GOOD_DB,
		    "LANTERN_BASE_URL=http://127.0.0.1:8080/status",
		    "LANTERN_WORKERS=16", "LANTERN_SOCKET=/run/lantern.sock",
		    NULL };

		is_str(load(&cfg, vars), "", "full settings load");
		is_str(cfg.base_path, "/status", "base path kept for links");
		is_int(cfg.workers, 16, "workers read");
		is_str(cfg.socket_path, "/run/lantern.sock", "socket read");
		config_free(&cfg);
	}
	{
		const char *vars[] = { GOOD_URL, NULL };

		ok(strstr(load(&cfg, vars), "LANTERN_DATABASE_URL is not set"),
		    "missing database URL named");
	}
	{
		const char *vars[] = { "LANTERN_DATABASE_URL=host='unterminated",
		    GOOD_URL, NULL };

		ok(strstr(load(&cfg, vars), "LANTERN_DATABASE_URL"),
		    "malformed database URL named");
	}
	{
		const char *vars[] = { "LANTERN_DATABASE_URL=postgresql://x:secret@h/db?bogus=1",
		    GOOD_URL, NULL };
		const char *e = load(&cfg, vars);

		ok(strstr(e, "LANTERN_DATABASE_URL") && !strstr(e, "secret"),
		    "unknown URL option refused without echoing the password");
	}
	{
		const char *vars[] = { GOOD_DB, NULL };

		ok(strstr(load(&cfg, vars), "LANTERN_BASE_URL is not set"),
		    "missing base URL named");
	}
	{
		const char *vars[] = { GOOD_DB, "LANTERN_BASE_URL=status.example.com",
		    NULL };

		ok(strstr(load(&cfg, vars), "LANTERN_BASE_URL must start with"),
		    "base URL without scheme refused");
	}
	{
		const char *vars[] = { GOOD_DB, GOOD_URL, "LANTERN_WORKERS=0", NULL };

		ok(strstr(load(&cfg, vars), "LANTERN_WORKERS"), "0 workers refused");
	}
	{
		const char *vars[] = { GOOD_DB, GOOD_URL, "LANTERN_WORKERS=4x", NULL };

		ok(strstr(load(&cfg, vars), "LANTERN_WORKERS"),
		    "trailing junk in workers refused");
	}
	{
		const char *vars[] = { GOOD_DB, GOOD_URL, "LANTERN_SOCKET=run/x.sock",
		    NULL };

		ok(strstr(load(&cfg, vars), "LANTERN_SOCKET must be an absolute"),
		    "relative socket path refused");
	}
	{
		char long_path[200] = "LANTERN_SOCKET=/";
		const char *vars[] = { GOOD_DB, GOOD_URL, long_path, NULL };

		memset(long_path + 16, 'a', sizeof(long_path) - 17);
		long_path[sizeof(long_path) - 1] = '\0';
		ok(strstr(load(&cfg, vars), "LANTERN_SOCKET is longer"),
		    "over-long socket path refused");
	}
	{
		const char *vars[] = { GOOD_DB, GOOD_URL,
		    "LANTERN_DB_TIMEOUT_MS=5", NULL };

		ok(strstr(load(&cfg, vars), "LANTERN_DB_TIMEOUT_MS"),
		    "too short database timeout refused");
	}

	{
		const char *rel[] = { GOOD_DB, GOOD_URL,
		    "LANTERN_SNAPSHOT_FILE=state/snapshot", NULL };
		const char *dir[] = { GOOD_DB, GOOD_URL,
		    "LANTERN_SNAPSHOT_FILE=/tmp/", NULL };
		const char *missing[] = { GOOD_DB, GOOD_URL,
		    "LANTERN_SNAPSHOT_FILE=/nonexistent/lantern/snapshot", NULL };
		const char *good[] = { GOOD_DB, GOOD_URL,
		    "LANTERN_SNAPSHOT_FILE=/tmp/lantern-snapshot", NULL };

		ok(strstr(load(&cfg, rel), "LANTERN_SNAPSHOT_FILE must be the "
		    "absolute path"), "a relative snapshot file refused");
		ok(strstr(load(&cfg, dir), "LANTERN_SNAPSHOT_FILE"),
		    "a folder is not a file");
		ok(strstr(load(&cfg, missing), "cannot write in /nonexistent/lantern"),
		    "a folder that is not there is named");
		is_str(load(&cfg, good), "", "a file in a folder we can write to");
		is_str(cfg.snapshot_file, "/tmp/lantern-snapshot", "kept as given");
		config_free(&cfg);
	}

	{
		const char *vars[] = { GOOD_DB, GOOD_URL, "LANTERN_TICK_SECONDS=0", NULL };

		ok(strstr(load(&cfg, vars), "LANTERN_TICK_SECONDS"),
		    "a tick of 0 seconds refused");
	}

	ok(config_check_base_url("https://a.example", err, sizeof(err)) == 0,
	    "https origin accepted");
	ok(config_check_base_url("ftp://a.example", err, sizeof(err)) == -1,
	    "ftp refused");
	ok(config_check_base_url("https://", err, sizeof(err)) == -1,
	    "empty host refused");
	ok(config_check_base_url("https://a.example/?q=1", err, sizeof(err)) == -1,
	    "query refused");
	ok(config_check_base_url("https://a.example/#x", err, sizeof(err)) == -1,
	    "fragment refused");
	ok(config_check_base_url("https://a b.example", err, sizeof(err)) == -1,
	    "space refused");
	ok(config_check_base_url("https://u:p@a.example/", err, sizeof(err)) == -1,
	    "user information refused");
	ok(config_check_base_url("https://a.example/\"><script>", err, sizeof(err)) == -1,
	    "markup refused");
	ok(config_check_base_url("https://a.example/path@x", err, sizeof(err)) == 0,
	    "@ in the path is fine");

	ok(config_parse_int("42", 1, 100, &v) == 0 && v == 42, "42 parsed");
	ok(config_parse_int("", 1, 100, &v) == -1, "empty refused");
	ok(config_parse_int(" 4", 1, 100, &v) == -1, "leading space refused");
	ok(config_parse_int("101", 1, 100, &v) == -1, "above range refused");
	ok(config_parse_int("99999999999999999999", 1, 100, &v) == -1,
	    "overflow refused");
	{
		const char *vars[] = { GOOD_DB, GOOD_URL, "LANTERN_LINK_KEY_FILE=", NULL };

		ok(strstr(load(&cfg, vars), "LANTERN_LINK_KEY_FILE not set") != NULL,
		    "no link key: refused, naming the setting");
	}
	{
		const char *vars[] = { GOOD_DB, GOOD_URL,
		    "LANTERN_LINK_KEY_FILE=/nonexistent/key", NULL };

		ok(strstr(load(&cfg, vars), "LANTERN_LINK_KEY_FILE /nonexistent/key: ") != NULL,
		    "a missing key file: refused, naming setting and file");
	}
	{
		const char *vars[] = { GOOD_DB, GOOD_URL, NULL };

		is_str(load(&cfg, vars), "", "a good key loads");
		is_int(cfg.link_key->len, 32, "  all of it");
		is_int(cfg.notify_allow_private, 0, "private webhook targets are refused by default");
		config_free(&cfg);
	}
	{
		const char *vars[] = { GOOD_DB, GOOD_URL, "LANTERN_NOTIFY_ALLOW_PRIVATE=1", NULL };

		is_str(load(&cfg, vars), "", "LANTERN_NOTIFY_ALLOW_PRIVATE=1 loads");
		is_int(cfg.notify_allow_private, 1, "  and allows them");
		config_free(&cfg);
	}
	{
		const char *vars[] = { GOOD_DB, GOOD_URL, "LANTERN_NOTIFY_ALLOW_PRIVATE=yes", NULL };

		ok(strstr(load(&cfg, vars), "LANTERN_NOTIFY_ALLOW_PRIVATE must be 0 or 1") != NULL,
		    "LANTERN_NOTIFY_ALLOW_PRIVATE=yes is refused");
	}
	unlink(key_path);
	return done_testing();
}
