/*
 * fcgi-static.c: the fastest FastCGI answer libfcgi can give, as a ceiling for
 * Lantern's uncached program.  Every request gets the same bytes, read once
 * from a file at start, with the same threads-share-one-socket design as
 * cgi-bin/server.c, so the only difference left is the work Lantern does.
 *
 *   fcgi-static SOCKET CONTENT-TYPE FILE [THREADS]     (threads: default 2)
 *
 * Built by bench/run: cc -O2 -o fcgi-static fcgi-static.c -lfcgi -lpthread.
 * Runs until killed; whoever started it removes the socket.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcgiapp.h>

static int	 listen_fd;
static char	*head;		/* the CGI header block, ready to send */
static size_t	 head_len;
static char	*body;
static size_t	 body_len;

static void *
worker(void *arg)
{
	FCGX_Request	 req;

	(void)arg;
	FCGX_InitRequest(&req, listen_fd, 0);
	while (FCGX_Accept_r(&req) >= 0) {
		FCGX_PutStr(head, (int)head_len, req.out);
		FCGX_PutStr(body, (int)body_len, req.out);
		FCGX_Finish_r(&req);
	}
	return NULL;
}

static void
die(const char *what)
{
	fprintf(stderr, "fcgi-static: %s: %s\n", what, strerror(errno));
	exit(1);
}

int
main(int argc, char **argv)
{
	FILE		*f;
	pthread_t	*threads;
	long		 n;
	int		 i, nthreads = 2;

	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: fcgi-static SOCKET CONTENT-TYPE FILE [THREADS]\n");
		return 64;
	}
	if (argc == 5 && (nthreads = atoi(argv[4])) < 1)
		nthreads = 1;

	if ((f = fopen(argv[3], "rb")) == NULL)
		die(argv[3]);
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0)
		die(argv[3]);
	body_len = (size_t)n;
	/* One byte more, so an empty file still gets a real pointer. */
	if ((body = malloc(body_len + 1)) == NULL)
		die("malloc");
	if (fread(body, 1, body_len, f) != body_len)
		die(argv[3]);
	fclose(f);

	/* The same headers Lantern sends that matter to nginx and wrk. */
	n = snprintf(NULL, 0, "Status: 200 OK\r\nContent-Type: %s\r\n"
	    "Content-Length: %zu\r\n\r\n", argv[2], body_len);
	if ((head = malloc((size_t)n + 1)) == NULL)
		die("malloc");
	head_len = (size_t)snprintf(head, (size_t)n + 1, "Status: 200 OK\r\n"
	    "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n", argv[2], body_len);

	if (FCGX_Init() != 0) {
		fprintf(stderr, "fcgi-static: FCGX_Init failed\n");
		return 1;
	}
	/*
	 * libfcgi catches SIGTERM only to mark a shutdown that threads blocked
	 * in accept() never see; nothing here needs a clean stop, so die.
	 */
	signal(SIGTERM, SIG_DFL);
	if ((listen_fd = FCGX_OpenSocket(argv[1], 128)) < 0)
		die(argv[1]);

	if ((threads = calloc((size_t)nthreads, sizeof(*threads))) == NULL)
		die("calloc");
	for (i = 0; i < nthreads; i++)
		if ((errno = pthread_create(&threads[i], NULL, worker, NULL)) != 0)
			die("pthread_create");
	for (i = 0; i < nthreads; i++)
		pthread_join(threads[i], NULL);
	return 0;
}
