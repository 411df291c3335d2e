/* main.c: the Lantern FastCGI program: read settings, then serve */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "server.h"
#include "supervise.h"

#define EX_USAGE	64
#define EX_CONFIG	78	/* sysexits.h: a setting is missing or wrong */

static void
usage(FILE *f)
{
	fputs("usage: lantern [--supervise] [--check-config] [--help] [--version]\n"
	    "\n"
	    "The Lantern status page as a FastCGI program.  Settings come from the\n"
	    "environment:\n"
	    "  LANTERN_DATABASE_URL   PostgreSQL connection URL for reads, of a role\n"
	    "                         that may only read (required)\n"
	    "  LANTERN_WRITE_DATABASE_URL  the same for writes: the write API and\n"
	    "                         the ticker (default LANTERN_DATABASE_URL)\n"
	    "  LANTERN_BASE_URL       public address of the page (required)\n"
	    "  LANTERN_SOCKET         unix socket to listen on; without it, the\n"
	    "                         socket handed over on fd 0 or by systemd\n"
	    "  LANTERN_SOCKET_GROUP   group to give the socket (mode 0660)\n"
	    "  LANTERN_WORKERS        worker threads, 1-256 (default 4)\n"
	    "  LANTERN_DB_TIMEOUT_MS  any wait for the database, in ms (default 3000)\n"
	    "  LANTERN_TICK_SECONDS   how often maintenance is started and completed\n"
	    "                         on schedule (default 15)\n"
	    "  LANTERN_POLL_SECONDS   how often the data's version is checked for\n"
	    "                         changes LISTEN missed (1-60, default 2)\n"
	    "  LANTERN_REQUEST_MEMORY_MB  memory one request may use, 1-4096\n"
	    "                         (default 32); past it the answer is 503\n"
	    "  LANTERN_SNAPSHOT_FILE  where every snapshot is kept, for a start\n"
	    "                         while the database is down\n"
	    "  LANTERN_PUBLIC_DIR     a link the program points at the answers at\n"
	    "                         fixed addresses, as files nginx serves\n"
	    "\n"
	    "  --supervise     hold the socket and keep a serving process on it,\n"
	    "                  started again within 200 ms if it dies\n"
	    "  --check-config  validate the settings and exit\n", f);
}

static const char *
env_lookup(const char *name)
{
	return getenv(name);
}

int
main(int argc, char *argv[])
{
	struct config	cfg;
	char		err[256];
	int		check = 0, watch = 0, i, status, fd;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--check-config") == 0)
			check = 1;
		else if (strcmp(argv[i], "--supervise") == 0)
			watch = 1;
		else if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(argv[i], "--version") == 0) {
			puts("lantern " PACKAGE_VERSION);
			return 0;
		} else {
			fprintf(stderr, "lantern: unknown argument: %s\n", argv[i]);
			usage(stderr);
			return EX_USAGE;
		}
	}

	if (config_load(&cfg, env_lookup, err, sizeof(err)) == -1) {
		fprintf(stderr, "lantern: %s\n", err);
		return EX_CONFIG;
	}
	if (check) {
		printf("lantern: settings are valid (base URL %s, %d workers)\n",
		    cfg.base_url, cfg.workers);
		config_free(&cfg);
		return 0;
	}
	/*
	 * A page of hundreds of components is megabytes: such blocks are
	 * mapped and given back whole.  glibc's own threshold rises with
	 * every such block freed, after which they stay in the heap for good.
	 */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
	if (watch)
		status = supervise(&cfg);
	else if ((fd = server_listen(&cfg)) == -1)
		status = 1;
	else
		status = server_run(&cfg, fd, cfg.socket_path != NULL);
	config_free(&cfg);
	return status;
}
