/* unit-fmt.c: buf_fmt's conversions, each escaping for its context */
#include <limits.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "escape.h"
#include "fmt.h"
#include "tap.h"

static struct arena	*a;
static struct buf	 b;

/* Each check starts from an empty buffer and returns what was written. */
#define F(...) (buf_init(&b, a), buf_fmt(&b, __VA_ARGS__), b.data)

static const char *
url(const char *s)
{
	buf_init(&b, a);
	esc_url(&b, s);
	return b.data;
}

static const char *
json(const char *s)
{
	buf_init(&b, a);
	esc_json_str(&b, s);
	return b.data;
}

static const char *
fold(const char *s)
{
	buf_init(&b, a);
	esc_ical_fold(&b, s);
	return b.data;
}

int
main(void)
{
	const char	*null = NULL, *name = "<b>\"A&B\"</b> it's";
	char		 longline[200];
	size_t		 i;

	a = arena_new();

	/* The plain parts and the raw conversion. */
	is_str(F("<p>plain</p>"), "<p>plain</p>", "a format alone is copied");
	is_str(F(""), "", "an empty format writes nothing");
	is_str(F("100%% sure"), "100% sure", "%%%% is one percent sign");
	is_str(F("<details%s>", 1 ? " open" : ""), "<details open>",
	    "%%s writes a literal as it is");

	/* %h and %x: text between tags. */
	is_str(F("<p>%h</p>", name),
	    "<p>&lt;b&gt;\"A&amp;B\"&lt;/b&gt; it's</p>",
	    "%%h escapes < > &, keeps quotes");
	is_str(F("%x", name), "&lt;b&gt;\"A&amp;B\"&lt;/b&gt; it's",
	    "%%x is the same for XML");
	is_str(F("%h", "bad\xff byte \xc0\xaf"),
	    "bad\xef\xbf\xbd byte \xef\xbf\xbd\xef\xbf\xbd",
	    "%%h: broken UTF-8 becomes U+FFFD");
	is_str(F("%h", "bell\x07 nc\xef\xbf\xbe c1\xc2\x85 nl\n"),
	    "bell\xef\xbf\xbd nc\xef\xbf\xbd c1\xef\xbf\xbd nl\n",
	    "%%h: a control, a noncharacter and a C1 control become U+FFFD");
	is_str(F("%x", "caf\xc3\xa9 \xf0\x9f\x94\xb2"),
	    "caf\xc3\xa9 \xf0\x9f\x94\xb2", "%%x: UTF-8 passes");

	/* %a: a double-quoted attribute. */
	is_str(F("<a title=\"%a\">", name),
	    "<a title=\"&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt; it&#39;s\">",
	    "%%a escapes both quotes too");
	is_str(F("%a", "x\xed\xa0\x80y\x01"),
	    "x\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdy\xef\xbf\xbd",
	    "%%a: a surrogate and a control become U+FFFD");

	/* %u: a URL component. */
	is_str(F("/incidents/%u?from=%u", "42", "2026-01"),
	    "/incidents/42?from=2026-01", "%%u keeps digits, letters and -");
	is_str(F("%u", "a b/c?d=e&f#g%h+i\"j<k'l"),
	    "a%20b%2Fc%3Fd%3De%26f%23g%25h%2Bi%22j%3Ck%27l",
	    "%%u encodes space, / ? = & # %% + and the quotes");
	is_str(F("%u", "A-Z_a.z~09"), "A-Z_a.z~09",
	    "%%u leaves the unreserved characters");
	is_str(F("%u", "caf\xc3\xa9 \xe2\x9c\x85"), "caf%C3%A9%20%E2%9C%85",
	    "%%u encodes UTF-8 byte by byte, in upper-case hex");
	is_str(F("%u", "bad\xff\x07nc\xef\xbf\xbf"),
	    "bad%EF%BF%BD%EF%BF%BDnc%EF%BF%BD",
	    "%%u: broken UTF-8, controls and noncharacters as U+FFFD");
	is_str(url("tab\tnl\n"), "tab%09nl%0A", "esc_url: tab and newline encoded");
	is_str(url(""), "", "esc_url: empty string");

	/* %j: a JSON string's body. */
	is_str(F("{\"name\":\"%j\"}", "say \"hi\" \\ to a/b"),
	    "{\"name\":\"say \\\"hi\\\" \\\\ to a/b\"}",
	    "%%j escapes \" and \\, not /");
	is_str(F("%j", "\b\f\n\r\t\x01\x1f\x7f"),
	    "\\b\\f\\n\\r\\t\\u0001\\u001f\x7f",
	    "%%j: controls as json-c writes them, DEL as it is");
	is_str(F("%j", "caf\xc3\xa9 <b>&"), "caf\xc3\xa9 <b>&",
	    "%%j: UTF-8 and markup characters pass");
	is_str(F("%j", "bad\xff \xe2\x9c"), "bad\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd",
	    "%%j: broken UTF-8 becomes U+FFFD");
	is_str(json("\xef\xbf\xbe"), "\xef\xbf\xbe",
	    "esc_json_str: a noncharacter is valid JSON and stays");

	/* %i: iCalendar TEXT. */
	is_str(F("SUMMARY:%i", "Upgrade; primary, then \\replicas\r\nnow"),
	    "SUMMARY:Upgrade\\; primary\\, then \\\\replicas\\nnow",
	    "%%i escapes ; , \\ and newlines");
	is_str(F("%i", "bell\x07 \xff"), "bell\xef\xbf\xbd \xef\xbf\xbd",
	    "%%i: controls and broken UTF-8 become U+FFFD");

	/* Numbers. */
	is_str(F("%d %d %ld %lld", 0, -7, 123456789L, -9000000000LL),
	    "0 -7 123456789 -9000000000", "%%d, %%ld and %%lld");
	is_str(F("%zu %zu", (size_t)42, (size_t)-1), "42 18446744073709551615",
	    "%%zu");
	is_str(F("%04d-%02d x%3d", 2026, 1, 5), "2026-01 x  5",
	    "width and zero padding");
	is_str(F("%d %d", LLONG_MIN, 'A'), "-9223372036854775808 65",
	    "any integer type for %%d");
	is_str(F("%d", 3u), "3", "an unsigned for %%d");

	/* Programming errors are said, not undefined. */
	is_str(F("<%h>", 42), "<%!h(not a string)>", "a number for %%h is said");
	is_str(F("<%d>", "42"), "<%!d(not a number)>", "a string for %%d is said");
	is_str(F("<%h|%a>", "x"), "<x|%!a(missing)>", "a missing argument is said");
	is_str(F("<%h>", "x", "y"), "<x>%!(extra)", "an extra argument is said");
	is_str(F("<%q>", "x"), "<%!q(unknown conversion)>%!(extra)",
	    "an unknown conversion is said");
	is_str(F("%lu", (size_t)1), "%!u(unknown conversion)u%!(extra)",
	    "%%lu is not a conversion (say %%zu)");
	is_str(F("end %"), "end %!%(format ends in %)", "a trailing %% is said");
	is_str(F("<%h>", null), "<>", "NULL writes nothing");

	/* Appends to what the buffer holds. */
	buf_init(&b, a);
	buf_puts(&b, "<ul>");
	buf_fmt(&b, "<li>%h</li>", "a<b");
	is_str(b.data, "<ul><li>a&lt;b</li>", "appends");

	/* iCalendar folding. */
	is_str(fold("VERSION:2.0"), "VERSION:2.0\r\n", "a short line ends in CRLF");
	for (i = 0; i < 80; i++)
		longline[i] = 'a';
	longline[80] = '\0';
	is_str(fold(longline), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "\r\n aaaaa\r\n", "75 octets, then CRLF and a space");
	for (i = 0; i < 37; i++) {
		longline[2 * i] = '\xc3';
		longline[2 * i + 1] = '\xa9';
	}
	longline[74] = 'x';
	longline[75] = '\xc3';
	longline[76] = '\xa9';
	longline[77] = '\0';
	ok(strstr(fold(longline), "x\r\n \xc3\xa9\r\n") != NULL,
	    "a character is never cut by a fold");

	arena_free(a);
	return done_testing();
}
