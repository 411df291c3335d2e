/* buf.h: a growing byte string living in a request's arena */
#ifndef LANTERN_BUF_H
#define LANTERN_BUF_H

#include <stddef.h>

struct arena;

struct buf {
	struct arena	*arena;
	char		*data;	/* always NUL-terminated */
	size_t		 len;
	size_t		 cap;
};

void	buf_init(struct buf *, struct arena *);
void	buf_append(struct buf *, const char *, size_t);
void	buf_puts(struct buf *, const char *);
void	buf_putc(struct buf *, char);
void	buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
