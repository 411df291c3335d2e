/* unit-escape.c: what untrusted text becomes in HTML and in the logs */
#include "arena.h"
#include "buf.h"
#include "escape.h"
#include "tap.h"

/* What an escaper writes for s, in the arena. */
static const char *
run(struct arena *a, void (*escaper)(struct buf *, const char *), const char *s)
{
	struct buf	b;

	buf_init(&b, a);
	escaper(&b, s);
	return b.data;
}

static const char *
text(struct arena *a, const char *s)
{
	return run(a, esc_html_text, s);
}

static const char *
attr(struct arena *a, const char *s)
{
	return run(a, esc_html_attr, s);
}

static const char *
ical(struct arena *a, const char *s)
{
	return run(a, esc_ical_text, s);
}

static const char *
fold(struct arena *a, const char *s)
{
	return run(a, esc_ical_fold, s);
}

int
main(void)
{
	struct arena	*a = arena_new();
	char		 log[64];

	is_str(text(a, "plain words"), "plain words", "plain text unchanged");
	is_str(text(a, "<script>alert(1)</script>"),
	    "&lt;script&gt;alert(1)&lt;/script&gt;", "tags become text");
	is_str(text(a, "AT&T"), "AT&amp;T", "ampersand escaped");
	is_str(text(a, "it's \"quoted\""), "it's \"quoted\"",
	    "quotes stay in text");
	is_str(attr(a, "x\" onmouseover=\"alert(1)"),
	    "x&quot; onmouseover=&quot;alert(1)", "attribute quote escaped");
	is_str(attr(a, "a'b"), "a&#39;b", "single quote escaped in attribute");
	is_str(text(a, "caf\xc3\xa9 \xe2\x9c\x85 \xf0\x9f\x94\xb2"),
	    "caf\xc3\xa9 \xe2\x9c\x85 \xf0\x9f\x94\xb2", "UTF-8 passes");
	is_str(text(a, "bad\xff byte"), "bad\xef\xbf\xbd byte",
	    "invalid byte becomes U+FFFD");
	is_str(text(a, "x\xef\xbf\xbey\xef\xbf\xbfz"),
	    "x\xef\xbf\xbdy\xef\xbf\xbdz",
	    "U+FFFE and U+FFFF, which XML forbids, become U+FFFD whole");
	is_str(text(a, "c1\xc2\x85 \xef\xb7\x90 \xf0\x9f\xbf\xbf"),
	    "c1\xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd",
	    "a C1 control, U+FDD0 and U+1FFFF too");
	is_str(text(a, "tab\tnl\ncr\r"), "tab\tnl\ncr\r",
	    "tab, newline and carriage return stay");
	is_str(text(a, "over\xc0\xaflong"), "over\xef\xbf\xbd\xef\xbf\xbdlong",
	    "overlong encoding rejected");
	is_str(text(a, "sur\xed\xa0\x80rogate"),
	    "sur\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdrogate",
	    "surrogate rejected");
	is_str(text(a, "cut \xe2\x9c"), "cut \xef\xbf\xbd\xef\xbf\xbd",
	    "truncated sequence rejected");
	is_str(text(a, "bell\x07 del\x7f"), "bell\xef\xbf\xbd del\xef\xbf\xbd",
	    "control characters replaced");
	is_str(text(a, "tab\tline\nret\r"), "tab\tline\nret\r",
	    "tab and newlines kept");
	is_str(text(a, ""), "", "empty string");

	is_str(ical(a, "Upgrade; primary, then replicas"),
	    "Upgrade\\; primary\\, then replicas", "iCalendar: ; and , escaped");
	is_str(ical(a, "a\\b"), "a\\\\b", "iCalendar: backslash escaped");
	is_str(ical(a, "one\r\ntwo\nthree"), "one\\ntwo\\nthree",
	    "iCalendar: CRLF and LF become \\n");
	is_str(ical(a, "bell\x07 tab\t"), "bell\xef\xbf\xbd tab\t",
	    "iCalendar: controls replaced, tab kept");
	is_str(ical(a, "caf\xc3\xa9 \xff"), "caf\xc3\xa9 \xef\xbf\xbd",
	    "iCalendar: UTF-8 kept, broken bytes replaced");
	/* RFC 5545 3.1: 75 octets a line, then CRLF and a space. */
	is_str(fold(a, "SUMMARY:0123456789012345678901234567890123456789"
	    "01234567890123456789012345678901234567890"),
	    "SUMMARY:0123456789012345678901234567890123456789"
	    "012345678901234567890123456\r\n 78901234567890\r\n",
	    "iCalendar: a line is folded after 75 octets");
	is_str(fold(a, "X:345678901234567890123456789012345678901234567890"
	    "123456789012345678901234\xc3\xa9"),
	    "X:345678901234567890123456789012345678901234567890"
	    "123456789012345678901234\r\n \xc3\xa9\r\n",
	    "iCalendar: never inside a character (74 octets, then a 2-octet one)");

	esc_log(log, sizeof(log), "GET /\x1b[31m\\ ok\n");
	is_str(log, "GET /\\x1b[31m\\x5c ok", "log line scrubbed, newline dropped");
	esc_log(log, 8, "abcdefghijkl");
	is_str(log, "abcdefg", "log line cut to size");
	esc_log(log, 6, "ab\x01xyz");
	is_str(log, "ab", "escape not cut in half");

	arena_free(a);
	return done_testing();
}
