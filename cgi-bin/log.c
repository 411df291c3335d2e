/* log.c: one-line messages to standard error, safe to call from any thread */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "log.h"

/* One fprintf per line: stdio locks the stream, so threads don't interleave. */
static void vlog(const char *, const char *, va_list)
    __attribute__((format(printf, 2, 0)));

static void
vlog(const char *level, const char *fmt, va_list ap)
{
	char	line[1024];

	vsnprintf(line, sizeof(line), fmt, ap);
	fprintf(stderr, "lantern: %s%s\n", level, line);
}

void
log_warnx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vlog("warning: ", fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vlog("", fmt, ap);
	va_end(ap);
}

