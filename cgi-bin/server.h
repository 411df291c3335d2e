/* server.h: the listening socket, the worker threads and a clean stop */
#ifndef LANTERN_SERVER_H
#define LANTERN_SERVER_H

struct config;

/*
 * The listening socket: LANTERN_SOCKET made anew (a stale file left by a
 * crash removed), else the one handed over on fd 0 or by systemd; -1
 * (logged) if neither.
 */
int	server_listen(const struct config *);
/*
 * Serves on fd until SIGTERM or SIGINT; returns the process's exit status.
 * own: the socket is LANTERN_SOCKET, ours to shut down and remove at the
 * end; else it outlives us and queues requests for the next program.
 */
int	server_run(const struct config *, int fd, int own);

#endif
