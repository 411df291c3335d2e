#!/usr/bin/python3
"""lint-tests.py: shapes of test code that let a check pass whatever the
program does, for t/lint-tests.t.

usage: lint-tests.py SRCDIR     prints one line a finding, exits 1 if any
       lint-tests.py --self-test   plants each bad shape, prints PASS/FAIL

The shapes (each has a planted example in SAMPLES below):
  multiline-pattern  a pattern with a newline given to like, unlike or grep:
                     grep takes each line as an alternative, so
                     $'a\\nb' matches any text with an a (like_text matches
                     the whole text)
  split-condition    an assertion (ok, is, like, unlike, like_text) joined
                     to other commands by && or ||: part of the condition is
                     outside it, or it may not run at all
  traceback          like on t_js output with a pattern a Python traceback
                     matches, or unlike on t_js output (t_js prints the
                     traceback when its expression fails)
  skip-by-date       a SKIP whose guard reads the date: it turns to SKIP by
                     itself one day; choose dates relative to now instead
  no-t_done          a test on t/lib.sh whose last line is not t_done (t/lib.sh
                     fails a test that stops before it)
  not-run            a t/*.t or t/unit-*.c that Makefile.am does not list
  no-timeout         a test that make check runs without `timeout`
  no-plan            a t/*.t neither on t/lib.sh nor printing its plan first
                     (tap-driver then fails one that stops early); a t/unit-*.c
                     that does not end main with done_testing(), or calls it
                     more than once (an early return with a plan)
The shell is read with a small lexer (quotes, $'...', $(...), here-documents,
line continuations), not by lines, so a pattern that spans lines is one word.
"""
import os
import re
import subprocess
import sys

ASSERTS = {"ok", "is", "like", "unlike", "like_text"}
SEPARATORS = {"\n", ";", "&", "&&", "||", "|", "|&", "(", ")", ";;"}
REDIRECTS = {"<", ">", ">>", "<<<", "<<", "<<-", "&>", ">&", "<&", "&>>", ">|"}
OPERATORS = sorted(SEPARATORS | REDIRECTS, key=len, reverse=True)
RESERVED = {"if", "then", "else", "elif", "fi", "do", "done", "while", "until",
            "!", "{", "}", "time"}
ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\[[^]]*\])?\+?=")
# What t_js prints when its expression fails: tracebacks.
TRACEBACKS = [
    "Traceback (most recent call last):\n"
    '  File "<string>", line 1, in <module>\n'
    "KeyError: 'error'",
    "Traceback (most recent call last):\n"
    '  File "/usr/lib/python3/json/decoder.py", line 355, in raw_decode\n'
    "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)",
]
DATE_GUARD = re.compile(r"\b(19|20)[0-9]{2}\b|\bdate\b|now\(\)|current_(date|timestamp)|"
                        r"localtimestamp|EPOCH(SECONDS|REALTIME)|\bmonths?\b|\byear\b")


class Word:
    def __init__(self, line):
        self.line = line
        self.raw = ""
        self.value = ""
        self.newline = False	# a newline in the value itself, not in a $(...)
        self.expands = False	# holds a $ expansion or substitution


class Op:
    def __init__(self, text, line):
        self.text = text
        self.line = line


class Lexer:
    def __init__(self, src):
        self.s = src
        self.i = 0
        self.line = 1

    def peek(self, k=0):
        j = self.i + k
        return self.s[j] if j < len(self.s) else ""

    def take(self):
        c = self.s[self.i]
        self.i += 1
        if c == "\n":
            self.line += 1
        return c

    def tokens(self):
        out = []
        heredocs = []
        while self.i < len(self.s):
            c = self.peek()
            if c == "\\" and self.peek(1) == "\n":
                self.take(), self.take()
            elif c in " \t":
                self.take()
            elif c == "\n":
                out.append(Op("\n", self.line))
                self.take()
                for delim, strip in heredocs:
                    self.skip_heredoc(delim, strip)
                heredocs = []
            elif c == "#":
                while self.i < len(self.s) and self.peek() != "\n":
                    self.take()
            else:
                op = next((o for o in OPERATORS if self.s.startswith(o, self.i)), None)
                if op is not None and not (op in "<>" and self.peek(1) == "("):
                    out.append(Op(op, self.line))
                    self.i += len(op)
                    if op in ("<<", "<<-"):
                        while self.peek() in (" ", "\t"):
                            self.take()
                        w = self.word()
                        heredocs.append((w.value, op == "<<-"))
                else:
                    out.append(self.word())
        return out

    def skip_heredoc(self, delim, strip):
        while self.i < len(self.s):
            end = self.s.find("\n", self.i)
            end = len(self.s) if end == -1 else end
            text = self.s[self.i:end]
            self.i = min(end + 1, len(self.s))
            self.line += 1
            if (text.lstrip("\t") if strip else text) == delim:
                return

    def word(self):
        w = Word(self.line)
        start = self.i
        while self.i < len(self.s):
            c = self.peek()
            if c in " \t\n|&;()<>":
                if c in "<>" and self.peek(1) == "(":	# <(...) >(...)
                    self.take()
                    self.subst(w)
                    continue
                break
            if c == "\\":
                self.take()
                if self.peek() == "\n":
                    self.take()
                elif self.i < len(self.s):
                    w.value += self.take()
            elif c == "'":
                self.take()
                while self.i < len(self.s) and self.peek() != "'":
                    ch = self.take()
                    w.value += ch
                    w.newline |= ch == "\n"
                self.i += 1
            elif c == "$" and self.peek(1) == "'":
                self.i += 2
                self.ansi_c(w)
            elif c == '"':
                self.take()
                self.double(w)
            elif c == "$" or c == "`":
                self.expansion(w)
            else:
                w.value += self.take()
        w.raw = self.s[start:self.i]
        return w

    def ansi_c(self, w):
        names = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"',
                 "a": "\a", "e": "\x1b", "0": "\0"}
        while self.i < len(self.s) and self.peek() != "'":
            ch = self.take()
            if ch == "\\" and self.i < len(self.s):
                ch = self.take()
                if ch == "x":
                    digits = ""
                    while len(digits) < 2 and self.peek() in "0123456789abcdefABCDEF" and self.peek():
                        digits += self.take()
                    ch = chr(int(digits, 16)) if digits else "\\x"
                else:
                    ch = names.get(ch, "\\" + ch)
            w.value += ch
            w.newline |= ch == "\n"
        self.i += 1

    def double(self, w):
        while self.i < len(self.s) and self.peek() != '"':
            c = self.peek()
            if c == "\\":
                self.take()
                if self.peek() == "\n":
                    self.take()
                    continue
                if self.peek() and self.peek() not in '"\\$`':
                    w.value += "\\"
                if self.i < len(self.s):
                    w.value += self.take()
            elif c == "$" or c == "`":
                self.expansion(w)
            else:
                ch = self.take()
                w.value += ch
                w.newline |= ch == "\n"
        self.i += 1

    def expansion(self, w):
        """$(...), $((...)), ${...}, $name, `...`: their text is not the value."""
        w.expands = True
        w.value += "\0"
        if self.peek() == "`":
            self.take()
            while self.i < len(self.s) and self.peek() != "`":
                if self.take() == "\\":
                    self.take()
            self.i += 1
        elif self.peek(1) == "(":
            self.take()
            self.subst(w)
        elif self.peek(1) == "{":
            self.take(), self.take()
            depth = 1
            while self.i < len(self.s) and depth:
                c = self.take()
                if c == "\\":
                    self.take()
                elif c == "'" and depth:
                    while self.i < len(self.s) and self.take() != "'":
                        pass
                elif c == '"':
                    self.double(Word(self.line))
                elif c == "{":
                    depth += 1
                elif c == "}":
                    depth -= 1
        else:
            self.take()
            if self.peek() and (self.peek().isalpha() or self.peek() == "_"):
                while self.peek() and (self.peek().isalnum() or self.peek() == "_"):
                    self.take()
            elif self.peek() and self.peek() in "?#@*!$-0123456789":
                self.take()	# $?, $#, $1, $@ ...
            else:	# a $ before anything else is itself
                w.value = w.value[:-1] + "$"

    def subst(self, w):
        """From the ( of $( or <(: to the matching ), quotes and all."""
        self.take()
        depth = 1
        while self.i < len(self.s) and depth:
            c = self.peek()
            if c == "\\":
                self.take()
                if self.i < len(self.s):
                    self.take()
            elif c == "'":
                self.take()
                while self.i < len(self.s) and self.take() != "'":
                    pass
            elif c == "$" and self.peek(1) == "'":
                self.i += 2
                self.ansi_c(Word(self.line))
            elif c == '"':
                self.take()
                self.double(Word(self.line))
            elif c == "$" or c == "`":
                self.expansion(Word(self.line))
            else:
                self.take()
                depth += c == "("
                depth -= c == ")"


class Command:
    def __init__(self):
        self.words = []		# words, redirection targets left out
        self.heredoc_input = False
        self.before = "\n"	# the operator before it
        self.after = "\n"	# and after it

    @property
    def line(self):
        return self.words[0].line if self.words else 0

    def name_index(self):
        for k, w in enumerate(self.words):
            if w.raw in RESERVED or ASSIGNMENT.match(w.raw):
                continue
            return k
        return None

    @property
    def name(self):
        k = self.name_index()
        return self.words[k].raw if k is not None else ""

    def args(self):
        k = self.name_index()
        return self.words[k + 1:] if k is not None else []


def commands(src):
    out = []
    cur = Command()
    skip_next = False
    for t in Lexer(src).tokens():
        if isinstance(t, Op) and t.text in SEPARATORS:
            if cur.words:
                cur.after = t.text
                out.append(cur)
            cur = Command()
            cur.before = t.text
        elif isinstance(t, Op):
            skip_next = True
        elif skip_next:
            skip_next = False
        else:
            cur.words.append(t)
    if cur.words:
        out.append(cur)
    return out


def grep_matches(pattern, text):
    try:
        return subprocess.run(["grep", "-Eq", "--", pattern], input=text.encode(),
                              stderr=subprocess.DEVNULL).returncode == 0
    except OSError:
        return False


def lint_shell(path, src):
    found = []

    def say(line, rule, msg):
        found.append((path, line, rule, msg))

    for c in commands(src):
        name, args = c.name, c.args()
        if name in ASSERTS and ({c.before, c.after} & {"&&", "||"}):
            say(c.line, "split-condition",
                f"{name} joined to other commands by && or ||: put the whole condition "
                f"inside it (is \"$((a && b))\" 1, or ok ... test ... -a ...)")
        if name in ("like", "unlike") and len(args) >= 2 and args[1].newline:
            say(args[1].line, "multiline-pattern",
                f"{name}'s pattern has a newline: grep takes each line as an "
                f"alternative; use like_text, or a pattern on one line")
        for k, w in enumerate(c.words):
            if w.value == "grep":
                for a in c.words[k + 1:]:
                    if a.newline:
                        say(a.line, "multiline-pattern",
                            "grep with a newline in an argument: each line is a "
                            "pattern of its own (alternatives, not a sequence)")
                        break
                break
        if name in ("like", "unlike") and len(args) >= 2 and "t_js" in args[0].raw:
            if name == "unlike":
                say(c.line, "traceback",
                    "unlike on t_js output: a Python traceback passes it; check a value with is")
            elif not args[1].expands and any(grep_matches(args[1].value, t) for t in TRACEBACKS):
                say(c.line, "traceback",
                    f"like on t_js output with /{args[1].value}/, which a Python traceback "
                    f"matches: check the value itself (is \"$(t_js 'isinstance(...)')\" True)")

    lines = src.split("\n")
    for n, text in enumerate(lines):
        if "SKIP" not in text or text.lstrip().startswith("#"):
            continue
        guard = text
        indent = len(text) - len(text.lstrip())
        for m in range(n - 1, -1, -1):
            t = lines[m]
            if not t.strip():
                continue
            ind = len(t) - len(t.lstrip())
            if ind < indent and re.match(r"\s*(if|elif|while|until)\b", t):
                cond = t
                k = m
                while "then" not in cond and "do" not in cond and k + 1 < n:
                    k += 1
                    cond += "\n" + lines[k]
                guard += "\n" + cond
                indent = ind
            elif ind < indent:
                indent = ind
            if indent == 0:
                break
        if DATE_GUARD.search(guard):
            say(n + 1, "skip-by-date",
                "a SKIP guarded by the date turns to SKIP by itself one day: "
                "choose dates relative to now")

    code = [t.strip() for t in lines if t.strip() and not t.strip().startswith("#")]
    if path.endswith(".t"):
        if any(re.match(r'\.\s+"?\$LANTERN_SRCDIR/t/lib\.sh"?$', t) for t in code):
            if not code or code[-1] != "t_done":
                say(len(lines), "no-t_done",
                    "the last line of a test is t_done: t/lib.sh fails a test that stops before it")
        elif not plan_first(code):
            say(1, "no-plan", 'a test sources "$LANTERN_SRCDIR/t/lib.sh" and ends with t_done, '
                "or prints its plan (echo \"1..N\") before its first check")
    return found


def plan_first(code):
    """The plan ("1..N") is printed before any check."""
    plan = next((k for k, t in enumerate(code) if re.match(r'echo "?1\.\.', t)), None)
    check = next((k for k, t in enumerate(code) if re.search(r'\becho "?(not )?ok\b', t)), None)
    return plan is not None and (check is None or plan < check)


def makefile_vars(text):
    text = re.sub(r"\\\n", " ", text)
    vs = {}
    for line in text.split("\n"):
        m = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)\s*(\+?=)\s*(.*)$", line)
        if m and not line.startswith("\t"):
            name, op, value = m.groups()
            vs[name] = (vs.get(name, "") + " " + value).strip() if op == "+=" else value.strip()
    return vs


def expand(vs, value, depth=0):
    if depth > 10:
        return value
    return re.sub(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)",
                  lambda m: expand(vs, vs.get(m.group(1), ""), depth + 1), value)


def lint_makefile(path, text, test_files, unit_files):
    """Every test listed, and run under timeout whatever its extension."""
    found = []
    vs = makefile_vars(text)
    tests = expand(vs, vs.get("TESTS", "")).split()
    exts = expand(vs, vs.get("TEST_EXTENSIONS", "")).split()
    for t in tests:
        ext = next((e for e in exts if t.endswith(e)), None)
        var = (ext[1:].upper() + "_LOG_COMPILER") if ext else "LOG_COMPILER"
        compiler = expand(vs, vs.get(var, "")).split()
        if not (len(compiler) >= 2 and compiler[0] == "timeout"
                and re.match(r"^[0-9]+[smh]?$", next((a for a in compiler[1:]
                                                       if not a.startswith("-")), ""))):
            found.append((path, 1, "no-timeout",
                          f"{t} runs through {var} = '{vs.get(var, '')}', without timeout DURATION"))
    listed = set(tests)
    for f in test_files:
        if f not in listed:
            found.append((path, 1, "not-run", f"{f} is not in TESTS (add it to INTEGRATION_TESTS)"))
    for f in unit_files:
        if f[:-2] not in listed:
            found.append((path, 1, "not-run", f"{f} is not in TESTS (add it to check_PROGRAMS)"))
    return found


def lint_unit(path, src):
    """done_testing() prints the plan: once, as main's last word.  A unit
    test that exits without it is an error to tap-driver (no plan); one
    that calls it early would pass with fewer checks."""
    if src.count("done_testing()") != 1 or not re.search(
            r"return done_testing\(\);\s*}\s*$", src):
        return [(path, 1, "no-plan",
                 "a unit test calls done_testing() once: main ends with return done_testing();")]
    return []


def lint_tree(top):
    found = []
    tdir = os.path.join(top, "t")
    names = sorted(os.listdir(tdir))
    tests = ["t/" + n for n in names if n.endswith(".t")]
    units = ["t/" + n for n in names if n.startswith("unit-") and n.endswith(".c")]
    for f in tests:
        with open(os.path.join(top, f), encoding="utf-8", errors="replace") as fh:
            found += lint_shell(f, fh.read())
    for f in units:
        with open(os.path.join(top, f), encoding="utf-8", errors="replace") as fh:
            found += lint_unit(f, fh.read())
    with open(os.path.join(top, "Makefile.am"), encoding="utf-8") as fh:
        found += lint_makefile("Makefile.am", fh.read(), tests, units)
    return found


# Planted examples: (name, rule it must raise, file name, text).  The last
# ones must raise nothing.
LIB = '. "$LANTERN_SRCDIR/t/lib.sh"\n'
SAMPLES = [
    ("like with a pattern on two lines", "multiline-pattern", "t/x.t", LIB + """
like "$storage" '<title>[0-9]{4}
?Major outage: 0 min' "the tooltip"
t_done
"""),
    ("like with $'\\r\\n '", "multiline-pattern", "t/x.t",
     LIB + """like "$T_BODY" $'\\r\\n ' "long lines are folded"\nt_done\n"""),
    ("grep -q in ok with a newline", "multiline-pattern", "t/x.t",
     LIB + """ok "two lines" grep -q "first\nsecond" "$T_DIR/feed"\nt_done\n"""),
    ("ok ... [ ] && [ ]", "split-condition", "t/x.t",
     LIB + """ok "refuses (exit $rc)" [ $rc -ne 0 ] && [ $rc -ne 124 ]\nt_done\n"""),
    ("cmd || ok", "split-condition", "t/x.t",
     LIB + """[ -s "$f" ] || ok "empty" true\nt_done\n"""),
    ("is ... || other", "split-condition", "t/x.t",
     LIB + """is "$T_STATUS" 200 "ok" ||\n\tdiag "the body: $T_BODY"\nt_done\n"""),
    ("says why with [A-Za-z] on t_js", "traceback", "t/x.t", LIB + """
for b in x y; do
	like "$(t_js 'd["error"]')" '[A-Za-z]' "  and says why: $(t_js 'd.get("error")' | head -c 9)"
done
t_done
"""),
    ("unlike on t_js", "traceback", "t/x.t",
     LIB + """unlike "$(t_js 'd["body"]')" "secret" "no secret"\nt_done\n"""),
    ("SKIP guarded by a fixed month", "skip-by-date", "t/x.t", LIB + """
if [ "$(get '"2026-01" in [m["name"] for m in d["months"]]')" = true ]; then
	is "$(get 'd["x"]')" 99.33 "January"
else
	pass "# SKIP January 2026 is no longer among the last twelve months"
fi
t_done
"""),
    ("SKIP guarded by date +%Y", "skip-by-date", "t/x.t",
     LIB + """[ "$(date +%Y)" -lt 2027 ] || pass "# SKIP too late"\nt_done\n"""),
    ("no t_done at the end", "no-t_done", "t/x.t", LIB + """is 1 1 "one"\n"""),
    ("t_done, then more checks", "no-t_done", "t/x.t", LIB + """t_done\nis 1 1 "one"\n"""),
    ("without t/lib.sh and no plan first", "no-plan", "t/x.t", """echo "ok 1 - x"\necho "1..1"\n"""),
    ("a unit test without done_testing()", "no-plan", "t/unit-x.c",
     """int main(void) { ok(1, "x"); return 0; }\n"""),
    ("a unit test that can stop early with a plan", "no-plan", "t/unit-x.c",
     """int main(void) { if (f() == NULL) return done_testing();\n"""
     """ ok(1, "x"); return done_testing(); }\n"""),
    ("a test extension without timeout", "no-timeout", "Makefile.am", """
check_PROGRAMS = t/unit-a
INTEGRATION_TESTS = t/a.t t/b.sh
TESTS = $(check_PROGRAMS) $(INTEGRATION_TESTS)
TEST_EXTENSIONS = .t .sh
LOG_COMPILER = timeout --kill-after=30 60
T_LOG_COMPILER = timeout 600 $(BASH)
SH_LOG_COMPILER = $(BASH)
"""),
    ("a test not listed", "not-run", "Makefile.am", """
check_PROGRAMS = t/unit-a
TESTS = $(check_PROGRAMS)
LOG_COMPILER = timeout 60
"""),
    ("good: every shape done right", None, "t/x.t", LIB + """
# a comment with like "x" $'a\\nb' "y", SKIP and 2026, ok x && y
like "$storage" '<title>[0-9]{4}Major outage: 0 min' "the tooltip"
like "$lm" "GMT$" "a $ before a quote"
like_text "$T_BODY" $'\\r\\n ' "long lines are folded"
is "$((rc != 0 && rc != 124))" 1 "refuses (exit $rc)"
ok "folded" grep -q $'\\r$' "$T_DIR/feed"
t_psql -c "SELECT 1
           FROM x" >/dev/null || fail "SQL"
is "$(t_js 'isinstance(d.get("error"), str)')" True "says why"
like "$(t_js 'd["error"]')" "noncharacters \\(U\\+FFFE" "and the character"
like "$(t_js '[c["days"][-1] for c in d["components"]][0]')" '^[1-9][0-9]*$' "a number"
cat >"$T_DIR/a.sql" <<-'SQL'
	like "x" 'a
	b' "in a here-document"
	SQL
out=$(printf '%s\\n' "a
b" | grep -c a)
[ -n "$x" ] && diag "x is $x"
if [ "$(page_of 2026-01)" = "$p" ]; then
	is 1 1 "a branch on the date, both sides checked"
fi
if [ -z "$CHROMIUM" ]; then
	pass "# SKIP no browser"
fi
t_done
"""),
    ("good: the plan first, without t/lib.sh", None, "t/x.t",
     """set -uo pipefail\necho "1..2"\necho "ok 1 - x"\necho "ok 2 - y"\n"""),
    ("good: a unit test", None, "t/unit-x.c",
     """int main(void) { ok(1, "x"); return done_testing(); }\n"""),
    ("good: the Makefile.am shape", None, "Makefile.am", """
check_PROGRAMS = t/unit-a
INTEGRATION_TESTS = \\
\tt/a.t
TESTS = $(check_PROGRAMS) $(INTEGRATION_TESTS)
TEST_EXTENSIONS = .t
LOG_COMPILER = timeout --kill-after=30 60
T_LOG_COMPILER = timeout --kill-after=30 600 $(BASH)
"""),
]


def lint_sample(fname, text):
    if fname == "Makefile.am":
        return lint_makefile(fname, text, ["t/a.t"], ["t/unit-a.c"])
    if fname.endswith(".c"):
        return lint_unit(fname, text)
    return lint_shell(fname, text)


def self_test():
    bad = 0
    for name, rule, fname, text in SAMPLES:
        rules = sorted({f[2] for f in lint_sample(fname, text)})
        good = rules == ([rule] if rule else [])
        bad += not good
        want = f"finds {rule}" if rule else "finds nothing"
        print(f"{'PASS' if good else 'FAIL'} planted: {name}: {want}"
              + ("" if good else f" (found: {', '.join(rules) or 'nothing'})"))
    return 1 if bad else 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    if len(sys.argv) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 64
    found = lint_tree(sys.argv[1])
    for path, line, rule, msg in found:
        print(f"{path}:{line}: {rule}: {msg}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
