# lint-statements.t: every prepared statement has a name of its own.  A
# connection prepares each statement once, by name, the first time it runs:
# two statements of one name would each run the other's text on a
# connection that met the other first (a bug found in store-subscriber.c).
. "$LANTERN_SRCDIR/t/lib.sh"

names=$(cd "$LANTERN_SRCDIR/cgi-bin" && {
	grep -ho 'db_sql [a-z_]* = { "[a-z_0-9]*"' ./*.c | sed 's/.*{ "//; s/"$//'
	grep -ho '\[STMT_[A-Z_]*\] = { "[a-z_0-9]*"' db.c | sed 's/.*{ "//; s/"$//'
})
ok "the statements are found ($(wc -l <<<"$names"))" [ "$(wc -l <<<"$names")" -gt 50 ]
is "$(sort <<<"$names" | uniq -d | paste -sd' ')" "" "no two statements share a name"

# The check itself: a name given twice is found.
like "$(printf '%s\n' "$names" notice | sort | uniq -d | paste -sd' ')" "(^| )notice( |$)" "  a name given twice is caught"

t_done
