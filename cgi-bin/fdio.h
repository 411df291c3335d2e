/* fdio.h: whole writes to a file descriptor, for the files the program keeps */
#ifndef LANTERN_FDIO_H
#define LANTERN_FDIO_H

#include <stddef.h>

/* All n bytes of p to fd, through short writes and EINTR; 0, or -1 (errno). */
int	fd_write_all(int fd, const void *p, size_t n);

#endif
