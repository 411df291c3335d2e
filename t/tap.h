/* tap.h: the Test Anything Protocol for the C unit tests, header-only */
#ifndef LANTERN_TAP_H
#define LANTERN_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_str(got, want, ...) tap_is_str((got), (want), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, ...) tap_is_int((long)(got), (long)(want), __FILE__, __LINE__, __VA_ARGS__)

static inline void tap_ok(int, const char *, int, const char *, ...)
    __attribute__((format(printf, 4, 5)));

static inline void tap_vok(int, const char *, int, const char *, va_list)
    __attribute__((format(printf, 4, 0)));

static inline void
tap_vok(int pass, const char *file, int line, const char *fmt, va_list ap)
{
	tap_n++;
	printf("%sok %d - ", pass ? "" : "not ", tap_n);
	vprintf(fmt, ap);
	putchar('\n');
	if (!pass) {
		tap_failed++;
		printf("#   Failed at %s line %d\n", file, line);
	}
}

static inline void
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	tap_vok(pass, file, line, fmt, ap);
	va_end(ap);
}

static inline void tap_is_str(const char *, const char *, const char *, int,
    const char *, ...) __attribute__((format(printf, 5, 6)));

static inline void
tap_is_str(const char *got, const char *want, const char *file, int line,
    const char *fmt, ...)
{
	va_list	ap;
	int	pass = got != NULL && want != NULL ? strcmp(got, want) == 0 :
		    got == want;

	va_start(ap, fmt);
	tap_vok(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("#          got: '%s'\n#     expected: '%s'\n",
		    got ? got : "(null)", want ? want : "(null)");
}

static inline void tap_is_int(long, long, const char *, int, const char *, ...)
    __attribute__((format(printf, 5, 6)));

static inline void
tap_is_int(long got, long want, const char *file, int line, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	tap_vok(got == want, file, line, fmt, ap);
	va_end(ap);
	if (got != want)
		printf("#          got: %ld\n#     expected: %ld\n", got, want);
}

static inline int
done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}

#endif
