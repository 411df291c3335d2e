/*
 * fmt.c: the one writer of pages, feeds and mail, whose conversions escape
 * for where their text goes (see fmt.h for the conversions and why).
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "fmt.h"
#include "log.h"

/*
 * A programming error, not a reader's: said in the output where a test
 * sees it, and in the log, rather than read past the arguments or abort
 * a worker in the middle of an outage.
 */
static void
fmt_bad(struct buf *b, const char *fmt, char conv, const char *what)
{
	if (conv != '\0')
		buf_printf(b, "%%!%c(%s)", conv, what);
	else
		buf_printf(b, "%%!(%s)", what);
	log_warnx("buf_fmt \"%s\": %s", fmt, what);
}

static void
fmt_string(struct buf *b, char conv, const char *s)
{
	if (s == NULL)
		return;
	switch (conv) {
	case 'h':
	case 'x':
		esc_html_text(b, s);
		break;
	case 'a':
		esc_html_attr(b, s);
		break;
	case 'u':
		esc_url(b, s);
		break;
	case 'j':
		esc_json_str(b, s);
		break;
	case 'i':
		esc_ical_text(b, s);
		break;
	case 's':
		buf_puts(b, s);
		break;
	}
}

static void
fmt_number(struct buf *b, const struct fmt_arg *a, int zero, int width)
{
	char	out[32];

	if (a->type == FMT_INT)
		snprintf(out, sizeof(out), zero ? "%0*lld" : "%*lld", width,
		    a->v.i);
	else
		snprintf(out, sizeof(out), zero ? "%0*llu" : "%*llu", width,
		    a->v.u);
	buf_puts(b, out);
}

void
fmt_write(struct buf *b, const char *fmt, const struct fmt_arg *args,
    size_t n)
{
	const struct fmt_arg	*a;
	const char		*p = fmt, *run;
	size_t			 used = 0;
	int			 zero, width, number;
	char			 conv;

	while (*p != '\0') {
		for (run = p; *p != '\0' && *p != '%'; p++)
			continue;
		buf_append(b, run, (size_t)(p - run));
		if (*p == '\0')
			break;
		if (*++p == '%') {
			buf_putc(b, '%');
			p++;
			continue;
		}
		zero = *p == '0';
		for (width = 0; *p >= '0' && *p <= '9'; p++)
			width = width < 100 ? width * 10 + (*p - '0') : width;
		/* Length modifiers only say "a number": the tag knows its type. */
		number = 0;
		if (p[0] == 'z' && p[1] == 'u') {
			number = 1;
			p++;
		} else if (*p == 'l') {
			number = 1;
			p += p[1] == 'l' ? 2 : 1;
			if (*p != 'd') {
				fmt_bad(b, fmt, *p, "unknown conversion");
				continue;
			}
		}
		if ((conv = *p) == '\0') {
			fmt_bad(b, fmt, '%', "format ends in %");
			break;
		}
		p++;
		number |= conv == 'd';
		if (!number && strchr("hxaujis", conv) == NULL) {
			fmt_bad(b, fmt, conv, "unknown conversion");
			continue;
		}
		if (used == n) {
			fmt_bad(b, fmt, conv, "missing");
			continue;
		}
		a = &args[used++];
		if (number && a->type == FMT_STR)
			fmt_bad(b, fmt, conv, "not a number");
		else if (!number && a->type != FMT_STR)
			fmt_bad(b, fmt, conv, "not a string");
		else if (number)
			fmt_number(b, a, zero, width);
		else
			fmt_string(b, conv, a->v.s);
	}
	if (used < n)
		fmt_bad(b, fmt, '\0', "extra");
}
