# lint-escape.t: page, feed and mail code writes nothing raw (t/lint-escape.pl),
# and the check is shown to fail on planted bad code.
. "$LANTERN_SRCDIR/t/lib.sh"

LINT="perl $LANTERN_SRCDIR/t/lint-escape.pl"

# The code the rule covers: every page, feed and mail writer.
shopt -s nullglob
files=("$LANTERN_SRCDIR"/cgi-bin/{ui,feed,mail}-*.c "$LANTERN_SRCDIR"/notify/mail-*.c
	"$LANTERN_SRCDIR"/cgi-bin/page.c
	"$LANTERN_SRCDIR"/cgi-bin/markdown.c)
shopt -u nullglob
[ ${#files[@]} -ge 8 ] && pass "the pages, feeds and frame are found (${#files[@]} files)" ||
	fail "the pages, feeds and frame are found" "only: ${files[*]}"
out=$($LINT "${files[@]}" 2>&1)
is "$?:$out" "0:" "no raw writer in page, feed or mail code"

# lints NAME C-CODE REGEX: the snippet, as cgi-bin/mail-NAME.c, is refused
# with a message matching REGEX.
lints() {
	printf '%s\n' "$2" >"$T_DIR/mail-$1.c"
	out=$($LINT "$T_DIR/mail-$1.c" 2>&1)
	local rc=$?
	if [ $rc -eq 1 ] && grep -Eq -- "$3" <<<"$out"; then pass "refused: $1"
	else fail "refused: $1" "exit $rc" "$out"; fi
}

lints raw-s 'void f(struct buf *b, const char *name)
{
	buf_fmt(b, "<p>%s</p>", name);
}' 'mail-raw-s\.c:3: buf_fmt: raw %s of name'
lints raw-s-call 'void f(struct buf *b, const struct notice *n)
{
	buf_fmt(b, "<p>%h %s</p>",
	    n->name, notice_status_label(n->status));
}' ':4: buf_fmt: raw %s of notice_status_label'
lints raw-s-ternary 'void f(struct buf *b, int x, const char *name)
{
	buf_fmt(b, "<p%s>", x ? " open" : name);
}' 'raw %s of x \? " open" : name'
lints printf 'void f(struct buf *b, const char *name)
{
	buf_printf(b, "<p>%s</p>", name);
}' ':3: buf_printf writes raw bytes'
lints append 'void f(struct buf *b, const char *s, size_t n)
{
	buf_append(b, s, n);
}' 'buf_append writes raw bytes'
lints fcgx 'void f(FCGX_Stream *out, const char *s)
{
	FCGX_PutS(s, out);
}' 'FCGX_PutS writes raw bytes'
lints puts-var 'void f(struct buf *b, const char *name)
{
	buf_puts(b, "<p>");
	buf_puts(b, name);
}' ':4: buf_puts of name'
lints putc-var 'void f(struct buf *b, char c)
{
	buf_putc(b, c);
}' 'buf_putc of a variable'
lints count 'void f(struct buf *b, const char *name)
{
	buf_fmt(b, "<a href=\"%a\">%h</a>", name);
}' '2 conversions, 1 arguments'
lints unknown 'void f(struct buf *b, unsigned n)
{
	buf_fmt(b, "%lu items", n);
}' 'unknown conversion %l'
lints format-var 'void f(struct buf *b, const char *fmt)
{
	buf_fmt(b, fmt);
}' 'the format must be a string literal'
lints macro 'void f(struct buf *b, const char *name)
{
	#define line(b, ...) do { buf_fmt((b), __VA_ARGS__); } while (0)
	line(b, "SUMMARY:%i", name);
	line(b, "URL:%s", name);
}' ':5: line: raw %s of name'

# What the rule allows is not refused.
printf '%s\n' '/* A comment may say buf_printf(b, "%s", x); */
#define prop(b, ...) do { buf_fmt(&l, __VA_ARGS__); } while (0)
void f(struct buf *b, const char *name, int open, size_t n)
{
	buf_puts(b, "<ul>" VERSION "\n");
	buf_putc(b, '"'"'\n'"'"');
	buf_fmt(b, "<details%s><a href=\"%a/x/%u\">%h</a> %d %zu %lld %%\n",
	    open ? " open" : "", name, name, name, open, n, (long long)n);
	buf_fmt(b, "%s", (open ? "a" : ("b")));
	buf_fmt(b, "<p>%x %j %i</p>", name, name, name);
	prop(b, "SUMMARY:%i", name);
	esc_markup_clean(b, name);
	p->buf_printf(b, name);
}' >"$T_DIR/mail-good.c"
out=$($LINT "$T_DIR/mail-good.c" 2>&1)
is "$?:$out" "0:" "literals, escaping conversions and escapers pass"
t_done
