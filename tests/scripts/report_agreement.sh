#!/bin/bash
# One report model for every view: the web report page, the dashboard card,
# `cdcf report` in text, md, csv, json and html, and the page's downloads give
# the same figures. The golden organization has the cases two copies of the
# rules once disagreed on:
#   - A-1 unassigned with scores on both sides (in-house 1 -> 2, outsourced
#     target 5 after the assignment cleared its current): current 1, target
#     3.5, gap 2.5, its sides shown as "In-house 1 → 2 / Outsourced — → 5";
#   - progress 13/57 (22.8 %), 11/12 (91.7 %) and 5/12 (41.7 %), where
#     truncating and rounding disagree: 23 %, 92 %, 42 % everywhere;
#   - a hybrid entry with an n/a side, a hybrid one with a figure of 2.5, a
#     negative gap (-1), entries not assessed (—);
# and two closed cycles, so the HTML report and the page carry the trend.
set -u
CDCF=$1
for tool in curl python3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool is not installed"; exit 77; }
done
. "$(dirname "${BASH_SOURCE[0]}")/lib/server_workdir.sh"
CDCF_DB=$(new_db c.db) || { echo "FAIL: no database"; exit 1; }
export CDCF_DB CDCF_ARGON2=min CDCF_NOW=2026-04-01T09:00:00Z
FW=x1060-2021
fail() { echo "FAIL: $*"; [ -s "$W/serve.log" ] && tail -n 20 "$W/serve.log"; exit 1; }
c() { "$CDCF" "$@"; }

# ---- the golden organization ----
c init >/dev/null || fail init
c org add O >/dev/null && c team add O T >/dev/null && c provider add O P >/dev/null &&
	c portfolio new O $FW >/dev/null || fail "set-up"
c select O $FW A-1 A-2 A-3 A-4 A-5 A-6 A-7 A-8 A-9 A-10 A-11 A-12 --level basic >/dev/null ||
	fail select
# a custom service makes the catalogue 57 services; not required, it is no selection
c service add O $FW X-1 "Own service" --category A --level not_required >/dev/null ||
	fail "service add"
for r in A-2 A-4 A-6 A-7 A-8 A-9 A-10 A-11 A-12; do
	c assign O $FW $r --insource T >/dev/null || fail "assign $r"
done
c assign O $FW A-3 --hybrid T P >/dev/null && c assign O $FW A-5 --hybrid T P >/dev/null ||
	fail "assign hybrid"
c assign O $FW A-1 --hybrid T P >/dev/null &&
	c score O $FW A-1 --side insource --current 1 --target 2 >/dev/null &&
	c score O $FW A-1 --side outsource --current 5 --target 5 >/dev/null &&
	c assign O $FW A-1 --unassigned >/dev/null || fail "A-1 set-up"
c score O $FW A-2 --side insource --current 2 --target 4 >/dev/null || fail "score A-2"
answers='{"catalogue":{"appropriate":"yes","environment":"yes"},"profile":{"assignments":"keep"},"portfolio":{"scores":"up","targets":"same"}}'
c evaluate O $FW --answers <(echo "$answers") --approved-by CISO >/dev/null || fail "evaluate 1"
c score O $FW A-2 --side insource --current 3 --target 4 >/dev/null &&
	c score O $FW A-3 --side insource --current 3 --target 4 >/dev/null &&
	c score O $FW A-3 --side outsource --current n/a --target n/a >/dev/null &&
	c score O $FW A-4 --side insource --current 4 --target 3 >/dev/null &&
	c score O $FW A-5 --side insource --current 2 --target 4 >/dev/null &&
	c score O $FW A-5 --side outsource --current 3 --target 5 >/dev/null || fail "scores"
c evaluate O $FW --answers <(echo "$answers") --approved-by CISO >/dev/null || fail "evaluate 2"
c score O $FW A-2 --side insource --current 2 --target 4 >/dev/null || fail "score A-2 again"
for f in text md csv json html; do
	c report O $FW --format $f -o "$W/cli.$f" || fail "report --format $f"
done
echo 'report-password-1' | c user add --admin admin --password-stdin >/dev/null 2>&1 ||
	fail "user add"

# ---- the server: the report page, the dashboard, every download ----
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$CDCF" serve --listen "127.0.0.1:$PORT" >"$W/serve.out" 2>"$W/serve.log" &
SERVER_PID=$!
U="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -fs -o /dev/null "$U/healthz" && break; sleep 0.1; done
curl -fs -o /dev/null "$U/healthz" || fail "server did not start"
J="$W/jar"
tok=$(curl -s -c "$J" -b "$J" "$U/login" | grep -o 'name="csrf" value="[^"]*"' | head -1 |
	sed 's/.*value="//; s/"$//')
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$J" -b "$J" --data-urlencode name=admin \
	--data-urlencode password=report-password-1 --data-urlencode "csrf=$tok" "$U/login")
[ "$code" = 303 ] || fail "sign-in gave $code"
ORG=$(curl -s -b "$J" "$U/orgs" | grep -o 'href="/o/[0-9]*">O<' | grep -o '[0-9]\+')
[ -n "$ORG" ] || fail "/orgs does not list O"
PF="/o/$ORG/p/$FW"
curl -fs -b "$J" "$U$PF/report?lang=en" -o "$W/page.html" || fail "report page"
curl -fs -b "$J" "$U/?lang=en" -o "$W/dashboard.html" || fail "dashboard"
for f in text md csv json html; do
	curl -fs -b "$J" "$U$PF/download/$f?lang=en" -o "$W/dl.$f" || fail "download $f"
done

# ---- the same figures everywhere ----
python3 - "$W" <<'PY' || fail "the views disagree"
import csv, html, io, json, re, sys
W = sys.argv[1]
DASH = "\u2014"
bad = []
def check(ok, what):
    if not ok:
        bad.append(what)
def read(name):
    return open(W + "/" + name, encoding="utf-8").read()
def cells(row):
    return [html.unescape(re.sub(r"<[^>]+>", " ", c)).split() for c in
            re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
def html_row(doc, ref, after=""):
    """The cells (as text) of the first table row for ref after marker."""
    doc = doc[doc.index(after):] if after else doc
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", doc, re.S):
        c = [" ".join(x) for x in cells(row)]
        if c and re.match(r"%s\b" % re.escape(ref), c[0]):
            return c
    return None

# The golden figures: current, target, gap (as the report writes them).
expect = {
    "A-1": ("1", "3.5", "2.5"),  # unassigned, scores on both sides
    "A-2": ("2", "4", "2"),
    "A-3": ("3", "4", "1"),      # hybrid, outsourced side n/a
    "A-4": ("4", "3", "-1"),     # a negative gap
    "A-5": ("2.5", "4.5", "2"),  # hybrid 2 -> 4 and 3 -> 5
    "A-6": (DASH, DASH, DASH),   # not assessed
}
percent = ["23%", "92%", "42%"]  # 13/57, 11/12, 5/12: rounded, never truncated
sides_a1 = "In-house 1 \u2192 2 / Outsourced \u2014 \u2192 5"
overall = ("2.5", "3.8")

for src in ("cli.json", "dl.json"):
    rep = json.loads(read(src))
    ent = {e["ref"]: e for e in rep["entries"]}
    for ref, fig in expect.items():
        got = tuple(DASH if ent[ref][k] is None else "%g" % ent[ref][k]
                    for k in ("current", "target", "gap"))
        check(got == fig, "%s: %s has %s, not %s" % (src, ref, got, fig))
    pg = rep["progress"]
    check([(pg[k]["done"], pg[k]["total"]) for k in ("catalogue", "profile", "portfolio")] ==
          [(13, 57), (11, 12), (5, 12)], "%s: progress %s" % (src, pg))
    o = rep["overall"]
    check(("%g" % o["current"], "%g" % o["target"]) == overall, "%s: overall %s" % (src, o))

for src in ("cli.csv", "dl.csv"):
    rows = {r["ref"]: r for r in csv.DictReader(io.StringIO(read(src)))}
    for ref, fig in expect.items():
        got = tuple(rows[ref][k] or DASH for k in ("current", "target", "gap"))
        check(got == fig, "%s: %s has %s, not %s" % (src, ref, got, fig))

for src in ("cli.text", "dl.text"):
    txt = read(src)
    for ref, fig in expect.items():
        line = next((l for l in txt.splitlines() if re.match(r"%s " % re.escape(ref), l)), "")
        check(tuple(line.split()[-3:]) == fig, "%s: %s reads %r" % (src, ref, line))
    check(sides_a1 in txt, "%s: A-1's sides" % src)
    check(re.findall(r"\b(\d+%)\s*$", txt, re.M) == percent,
          "%s: progress %s" % (src, re.findall(r"\b(\d+%)\s*$", txt, re.M)))

for src in ("cli.md", "dl.md"):
    md = read(src)
    for ref, fig in expect.items():
        line = next((l for l in md.splitlines() if l.startswith("| %s " % ref)), "")
        got = tuple(c.strip() for c in line.strip("|").split("|")[-3:])
        check(got == fig, "%s: %s reads %r" % (src, ref, line))
    check(sides_a1 in md, "%s: A-1's sides" % src)
    check(re.findall(r"\| (\d+%) \|$", md, re.M) == percent, "%s: progress" % src)

# the HTML report, the HTML download and the web report page: the same rows
for src in ("cli.html", "dl.html", "page.html"):
    doc = read(src)
    # the portfolio table's rows: the summary's top gaps list some of them first
    table = 'id="table"' if src == "page.html" else 'id="portfolio"'
    for ref, fig in expect.items():
        row = html_row(doc, ref, table)
        check(row is not None and tuple(row[-3:]) == fig,
              "%s: %s's row reads %s, not %s" % (src, ref, row, fig))
    row = html_row(doc, "A-1", table)
    check(row is not None and sides_a1 in row, "%s: A-1's sides: %s" % (src, row))
    text = html.unescape(re.sub(r"<[^>]+>", " ", doc))
    got = re.findall(r"(\d+%)", text[text.index("Build progress"):])
    check(all(p in got for p in percent), "%s: progress %s" % (src, got))
    for p in ("22%", "91%", "41%"):
        check(p not in text, "%s: a truncated percentage %s" % (src, p))
    check(re.search(r"quadrant", text, re.I), "%s: no procurement quadrant" % src)
    check(re.search(r"Trend", text), "%s: no trend" % src)
    # the trend: two closed cycles, the same figures in each view
    tr = [c for c in (html_row(doc, "1", 'aria-label="Overall current and target per'),
                      html_row(doc, "2", 'aria-label="Overall current and target per'))]
    check(tr[0] is not None and tr[0][2:] == ["1.5", "3.75", "2"],
          "%s: trend of cycle 1 %s" % (src, tr[0]))
    check(tr[1] is not None and tr[1][2:] == ["2.7", "3.8", "5"],
          "%s: trend of cycle 2 %s" % (src, tr[1]))

# the dashboard card: the same progress and overall figures
dash = html.unescape(re.sub(r"<[^>]+>", " ", read("dashboard.html")))
for p in percent:
    check("(%s)" % p in dash, "dashboard: no %s" % p)
check("%s \u2192 %s" % overall in dash, "dashboard: overall figures")

if bad:
    print("\n".join(bad))
    sys.exit(1)
PY
echo "report agreement: ok"
