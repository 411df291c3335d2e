/*
 * supervise.h: lantern --supervise: a small parent that holds the
 * listening socket and keeps one serving process on it, started again
 * within 200 ms when it dies (a crash, kill -9).  Requests wait in the
 * socket's queue meanwhile instead of being refused, as with systemd's
 * socket activation.
 */
#ifndef LANTERN_SUPERVISE_H
#define LANTERN_SUPERVISE_H

struct config;

/* Until SIGTERM or SIGINT, handed on to the serving process; exit status. */
int	supervise(const struct config *);

#endif
