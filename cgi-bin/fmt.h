/*
 * fmt.h: the one writer of pages, feeds and mail, whose conversions escape
 * for where their text goes, so untrusted bytes reach markup only escaped.
 *
 *	buf_fmt(b, "<a href=\"%a/incidents/%u\">%h</a>\n",
 *	    base_path, n->id, n->name);
 *
 *	%h	HTML text (between tags)		esc_html_text
 *	%a	HTML or XML attribute value, in ""	esc_html_attr
 *	%x	XML text (feeds)			esc_html_text
 *	%u	URL component (path segment, query)	esc_url
 *	%j	JSON string body, quotes not added	esc_json_str
 *	%i	iCalendar TEXT value			esc_ical_text
 *	%s	raw: string literals only (see below)
 *	%d %ld %lld %zu	a decimal integer, of any integer type; a width
 *			and the 0 flag as printf's (%02d)
 *	%%	a percent sign
 *
 * Careful with printf habits: %u is a URL component, not an unsigned
 * number (that is %zu, or %d), and %x and %i are not numbers either.  A
 * NULL string writes nothing.  Escaping text that happens to be safe
 * costs nothing and changes no byte: use %h or %a for a constant that
 * comes through a variable, and %s only for a literal.
 *
 * Why a macro and not __attribute__((format(printf))): GCC cannot check
 * custom conversions, and %h, %a, %j, %x, %i and %u all mean something
 * else to printf, so the attribute would reject or mis-check every call.
 * Instead the macro
 *   - takes only a string literal as the format (it is pasted between
 *     two "": anything else does not compile);
 *   - wraps each argument in a tagged struct fmt_arg chosen by its type
 *     (_Generic), so an argument that is neither a string nor an integer
 *     does not compile, and a string given to %d or a number to %h is
 *     caught at run time and written as "%!h(not a string)" instead of
 *     reading the wrong type off the stack (Go's fmt does the same);
 *     a missing or extra argument is written "%!h(missing)", "%!(extra)";
 *     each is logged;
 * and t/lint-escape.t checks the rest before anything runs: the number
 * of arguments matches the conversions, every %s argument is a string
 * literal, and page, feed and mail code has no raw writer left.
 * At most 15 arguments after the format.
 */
#ifndef LANTERN_FMT_H
#define LANTERN_FMT_H

#include <stddef.h>

struct buf;

enum fmt_type {
	FMT_STR,
	FMT_INT,
	FMT_UINT
};

/* One argument, with the type the compiler saw. */
struct fmt_arg {
	enum fmt_type	type;
	union {
		const char		*s;
		long long		 i;
		unsigned long long	 u;
	} v;
};

static inline struct fmt_arg
fmt_str_(const char *s)
{
	return (struct fmt_arg){ .type = FMT_STR, .v.s = s };
}

static inline struct fmt_arg
fmt_int_(long long i)
{
	return (struct fmt_arg){ .type = FMT_INT, .v.i = i };
}

static inline struct fmt_arg
fmt_uint_(unsigned long long u)
{
	return (struct fmt_arg){ .type = FMT_UINT, .v.u = u };
}

/* Writes fmt onto b with its n arguments; see above. */
void	fmt_write(struct buf *b, const char *fmt, const struct fmt_arg *args,
	    size_t n);

/* No default: an argument of any other type is a compile error. */
#define FMT_ARG(x) _Generic((x),					\
	char *: fmt_str_, const char *: fmt_str_,			\
	char: fmt_int_, signed char: fmt_int_, short: fmt_int_,	\
	int: fmt_int_, long: fmt_int_, long long: fmt_int_,		\
	_Bool: fmt_uint_, unsigned char: fmt_uint_,			\
	unsigned short: fmt_uint_, unsigned int: fmt_uint_,		\
	unsigned long: fmt_uint_, unsigned long long: fmt_uint_)(x)

/* The number of arguments (1 to 16), and FMT_ARG applied to each. */
#define FMT_N_(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13,	\
	_14, _15, _16, n, ...) n
#define FMT_N(...) FMT_N_(__VA_ARGS__, 16, 15, 14, 13, 12, 11, 10, 9, 8,	\
	7, 6, 5, 4, 3, 2, 1, 0)
#define FMT_CAT_(a, b) a##b
#define FMT_CAT(a, b) FMT_CAT_(a, b)
#define FMT_MAP(...) FMT_CAT(FMT_MAP_, FMT_N(__VA_ARGS__))(__VA_ARGS__)
#define FMT_MAP_1(a) FMT_ARG(a)
#define FMT_MAP_2(a, ...) FMT_ARG(a), FMT_MAP_1(__VA_ARGS__)
#define FMT_MAP_3(a, ...) FMT_ARG(a), FMT_MAP_2(__VA_ARGS__)
#define FMT_MAP_4(a, ...) FMT_ARG(a), FMT_MAP_3(__VA_ARGS__)
#define FMT_MAP_5(a, ...) FMT_ARG(a), FMT_MAP_4(__VA_ARGS__)
#define FMT_MAP_6(a, ...) FMT_ARG(a), FMT_MAP_5(__VA_ARGS__)
#define FMT_MAP_7(a, ...) FMT_ARG(a), FMT_MAP_6(__VA_ARGS__)
#define FMT_MAP_8(a, ...) FMT_ARG(a), FMT_MAP_7(__VA_ARGS__)
#define FMT_MAP_9(a, ...) FMT_ARG(a), FMT_MAP_8(__VA_ARGS__)
#define FMT_MAP_10(a, ...) FMT_ARG(a), FMT_MAP_9(__VA_ARGS__)
#define FMT_MAP_11(a, ...) FMT_ARG(a), FMT_MAP_10(__VA_ARGS__)
#define FMT_MAP_12(a, ...) FMT_ARG(a), FMT_MAP_11(__VA_ARGS__)
#define FMT_MAP_13(a, ...) FMT_ARG(a), FMT_MAP_12(__VA_ARGS__)
#define FMT_MAP_14(a, ...) FMT_ARG(a), FMT_MAP_13(__VA_ARGS__)
#define FMT_MAP_15(a, ...) FMT_ARG(a), FMT_MAP_14(__VA_ARGS__)
#define FMT_MAP_16(a, ...) FMT_ARG(a), FMT_MAP_15(__VA_ARGS__)
#define FMT_FIRST_(a, ...) a
#define FMT_FIRST(...) FMT_FIRST_(__VA_ARGS__, ~)

/*
 * buf_fmt(b, "literal format", args...): the format goes through FMT_MAP
 * with the arguments (so a call without arguments is valid C11) and is
 * skipped by the + 1; the "" around it admit only a string literal.
 */
#define buf_fmt(b, ...)							\
	fmt_write((b), "" FMT_FIRST(__VA_ARGS__) "",			\
	    (const struct fmt_arg[]){ FMT_MAP(__VA_ARGS__) } + 1,	\
	    (size_t)FMT_N(__VA_ARGS__) - 1)

#endif
