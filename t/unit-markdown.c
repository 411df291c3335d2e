/* unit-markdown.c: operator text renders legibly and never as raw HTML */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "markdown.h"
#include "tap.h"

static const char *
md(struct arena *a, const char *text)
{
	struct buf	b;

	buf_init(&b, a);
	markdown_html(&b, text, 3);
	return b.data;
}

int
main(void)
{
	struct arena	*a = arena_new();
	const char	*out;

	is_str(md(a, "This incident has been resolved."),
	    "<p>This incident has been resolved.</p>\n", "a plain sentence");
	is_str(md(a, "<script>alert(1)</script>"),
	    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n", "an HTML block is shown as text");
	is_str(md(a, "a <b onclick=\"x()\">bold</b> word"),
	    "<p>a &lt;b onclick=&quot;x()&quot;&gt;bold&lt;/b&gt; word</p>\n",
	    "inline HTML is shown as text");
	out = md(a, "[click](javascript:alert(1))");
	ok(strstr(out, "javascript:") == NULL, "javascript: links are dropped");
	is_str(md(a, "line one\nline two"), "<p>line one<br />\nline two</p>\n",
	    "line breaks are kept");
	is_str(md(a, "# Heading"), "<h4>Heading</h4>\n", "headings start below the page's");
	is_str(md(a, "###### Deep"), "<h6>Deep</h6>\n", "and stop at h6");
	out = md(a, "Before (hangs):\n\n    spawn(cmd, args, { stdio: [\"pipe\"] })\n");
	ok(strstr(out, "<pre><code>spawn(cmd, args, { stdio: [&quot;pipe&quot;] })") != NULL,
	    "an indented code line is code");
	out = md(a, "━━━━━━━━\n\nSUMMARY\n\n1. SSH into sandbox\n\n2. cat /tmp/vm0-agent-*.log");
	ok(strstr(out, "<p>━━━━━━━━</p>") != NULL, "a ruled line stays a line");
	ok(strstr(out, "<li>") != NULL, "numbered steps become a list");
	out = md(a, "✅ Fix stdin → \"ignore\" (#1316)\n🔲 Add real Claude test in CI (TODO)");
	ok(strstr(out, "✅ Fix stdin → &quot;ignore&quot; (#1316)<br />\n🔲 Add real") != NULL,
	    "checklist lines stay one per line");
	is_str(md(a, ""), "", "empty text");
	/* cmark turns numeric references into the characters themselves. */
	is_str(md(a, "bell &#x7; stop &#xFFFE; end &#x1;"),
	    "<p>bell \xef\xbf\xbd stop \xef\xbf\xbd end \xef\xbf\xbd</p>\n",
	    "a control or noncharacter by reference becomes U+FFFD, not raw");
	arena_free(a);
	return done_testing();
}
