# program-config.t: the program refuses bad settings, naming the setting.
. "$LANTERN_SRCDIR/t/lib.sh"

# run VAR=VALUE...: runs the program with only these settings; sets OUT, RC.
run() {
	OUT=$(env -i PATH="$PATH" ASAN_OPTIONS="$ASAN_OPTIONS" UBSAN_OPTIONS="$UBSAN_OPTIONS" \
		LANTERN_LINK_KEY_FILE="$LANTERN_LINK_KEY_FILE" "$@" "$LANTERN_BIN" --check-config 2>&1 </dev/null)
	RC=$?
}

db="LANTERN_DATABASE_URL=postgresql:///lantern?host=$T_DIR"
url=LANTERN_BASE_URL=http://127.0.0.1:8080

run "$url"
is "$RC" 78 "no database URL: exit status 78 (EX_CONFIG)"
like "$OUT" "LANTERN_DATABASE_URL is not set" "no database URL: the setting is named"

run "LANTERN_DATABASE_URL=postgresql://u:hunter2@h/db?nonsense=1" "$url"
is "$RC" 78 "bad database URL refused"
like "$OUT" "LANTERN_DATABASE_URL is not a valid" "bad database URL named"
unlike "$OUT" "hunter2" "its password is not echoed"
run "$db" "LANTERN_WRITE_DATABASE_URL=postgresql://u:hunter3@h/db?nonsense=1" "$url"
is "$RC" 78 "bad write database URL refused"
like "$OUT" "LANTERN_WRITE_DATABASE_URL is not a valid" "bad write database URL named"
unlike "$OUT" "hunter3" "its password is not echoed"
run "$db" "LANTERN_WRITE_DATABASE_URL=postgresql:///lantern?host=$T_DIR&user=w" "$url"
is "$RC" 0 "a good write database URL is accepted"

run "$db"
like "$OUT" "LANTERN_BASE_URL is not set" "no base URL named"
run "$db" LANTERN_BASE_URL=status.example.com
like "$OUT" "LANTERN_BASE_URL must start with http" "base URL without scheme named"
run "$db" "$url" LANTERN_WORKERS=many
like "$OUT" "LANTERN_WORKERS must be a whole number" "bad worker count named"
run "$db" "$url" LANTERN_SOCKET=relative.sock
like "$OUT" "LANTERN_SOCKET must be an absolute path" "relative socket named"

run "$db" "$url" LANTERN_PUBLIC_DIR=public
like "$OUT" "LANTERN_PUBLIC_DIR must be an absolute path" "a relative public folder named"
mkdir "$T_DIR/folder"
run "$db" "$url" "LANTERN_PUBLIC_DIR=$T_DIR/folder"
like "$OUT" "LANTERN_PUBLIC_DIR: .*is not a symbolic link" "a public folder that is not the program's link is refused"
ok "  and left alone" [ -d "$T_DIR/folder" ]
run "$db" "$url" "LANTERN_PUBLIC_DIR=$T_DIR/nowhere/public"
like "$OUT" "LANTERN_PUBLIC_DIR: cannot write in $T_DIR/nowhere" "a public folder where nothing can be written is refused"
run "$db" "$url" "LANTERN_PUBLIC_DIR=$T_DIR/public"
is "$RC" 0 "a public folder's link still to make is accepted"
run "$db" "$url" LANTERN_LINK_KEY_FILE=
is "$RC" 78 "no link key: refused"
like "$OUT" "LANTERN_LINK_KEY_FILE not set" "  naming the setting"
head -c 16 /dev/urandom >"$T_DIR/short.key"
chmod 600 "$T_DIR/short.key"
run "$db" "$url" LANTERN_LINK_KEY_FILE="$T_DIR/short.key"
like "$OUT" "LANTERN_LINK_KEY_FILE .*short.key: 16 bytes" "a short key: refused, naming the setting"
chmod 644 "$LANTERN_LINK_KEY_FILE"
run "$db" "$url"
like "$OUT" "LANTERN_LINK_KEY_FILE .*chmod 600" "a key others may read: refused"
chmod 600 "$LANTERN_LINK_KEY_FILE"
run "$db" "$url" LANTERN_NOTIFY_ALLOW_PRIVATE=yes
like "$OUT" "LANTERN_NOTIFY_ALLOW_PRIVATE must be 0 or 1" "LANTERN_NOTIFY_ALLOW_PRIVATE named"

run "$db" "$url"
is "$RC" 0 "--check-config accepts good settings"
like "$OUT" "settings are valid" "and says so"

# Without --check-config and with nothing to listen on, it stops and says why.
OUT=$(env -i PATH="$PATH" LANTERN_LINK_KEY_FILE="$LANTERN_LINK_KEY_FILE" "$db" "$url" "$LANTERN_BIN" 2>&1 </dev/null)
RC=$?
ok "no socket: non-zero exit" [ "$RC" -ne 0 ]
like "$OUT" "LANTERN_SOCKET is not set" "no socket: the setting is named"

OUT=$("$LANTERN_BIN" --frobnicate 2>&1)
is "$?" 64 "unknown argument: exit status 64"
OUT=$("$LANTERN_BIN" --help)
like "$OUT" "LANTERN_DATABASE_URL" "--help lists the settings"
t_done
