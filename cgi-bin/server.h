/* server.h: the listening socket, the worker threads and a clean stop */
#ifndef LANTERN_SERVER_H
#define LANTERN_SERVER_H

struct config;

/* Serves until SIGTERM or SIGINT; returns the process's exit status. */
int	server_run(const struct config *);

#endif
