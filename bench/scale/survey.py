#!/usr/bin/env python3
"""The survey part of the scale benchmark (bench/scale/run.sh, bench/README.md "Surveys").

usage: survey.py CDCF DB PASSWORD REQUESTS WARMUP

On DB (the organizations made by clone.py; a file, or a postgres:// URL): a survey "Scale" on every service
of x1060-2021 is made through the CLI, every organization is invited (one SQL
statement: the setup is not what is measured), and a CSV with one row per
organization and service is written. Then, in the same run:
  - `cdcf survey import Scale FILE.csv` (every response, one transaction) is
    timed against the sqlite3 shell's `.import` of the same file into an
    equivalent table of a fresh database (on PostgreSQL: psql's `\copy` into
    an equivalent table of the same database; the ratio is printed; goal 1.5x);
  - on PostgreSQL, what the answers' primary key alone costs: the answers cdcf wrote,
    copied out and `\copy`'d back 8,192 to a statement (as cdcf sends them) into a table
    with that key and nothing else;
  - `cdcf survey stats Scale --check` (the kept figures against the answers);
  - `cdcf serve` is started and the survey dashboard `/surveys/{id}` (first
    page of invites and the results) and a later page of invites are fetched
    REQUESTS times as root on one keep-alive connection (after WARMUP): p50/p99.
"""
import csv
import http.client
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time

CDCF, DB, PW, REQUESTS, WARMUP = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
FW = "x1060-2021"
SV = "Scale"


def cli(*args, **kw):
    return subprocess.run([CDCF, "--db", DB] + list(args), check=True, capture_output=True, text=True, **kw)


def timed(argv):
    t = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - t


PG = DB.startswith("postgres://") or DB.startswith("postgresql://")


def sql(query):
    """The rows of query (no parameters: the benchmark's own text) as lists of text."""
    if PG:
        r = subprocess.run(["psql", "-q", "-X", "-At", "-F", "\t", "-d", DB, "-c", query],
                           check=True, capture_output=True, text=True)
        return [l.split("\t") for l in r.stdout.splitlines()]
    db = sqlite3.connect(DB)
    rows = [[str(c) for c in r] for r in db.execute(query)]
    db.commit()
    db.close()
    return rows


cli("survey", "new", SV, "--framework", FW)
refs = [l.split(",")[0].lstrip("\ufeff") for l in cli("survey", "template", SV).stdout.splitlines()[1:] if l]
sql("INSERT INTO survey_invites (survey_id, org_id, invited_at) SELECT s.id, o.id, "
    "'2026-12-07T00:00:00Z' FROM surveys s, organizations o WHERE s.name = '%s'" % SV)
sid = int(sql("SELECT id FROM surveys WHERE name = '%s'" % SV)[0][0])
orgs = [r[0] for r in sql("SELECT name FROM organizations ORDER BY name")]

work = tempfile.mkdtemp(prefix="cdcf-survey-")
path = os.path.join(work, "responses.csv")
levels, sides = ("basic", "standard", "advanced"), ("insource", "outsource", "hybrid")
with open(path, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["organization", "ref", "implemented", "level", "assignment", "current", "note"])
    for i, o in enumerate(orgs):
        for j, r in enumerate(refs):
            k = i + j
            if k % 5 == 4:
                w.writerow([o, r, "no", levels[k % 3], "", "", ""])
            else:
                w.writerow([o, r, "yes", levels[k % 3], sides[k % 3], str(k % 3 + 1), ""])
rows = len(orgs) * len(refs)
size = os.path.getsize(path)

COLS = ("organization TEXT, ref TEXT, implemented TEXT, level TEXT, assignment TEXT, "
        "current TEXT, note TEXT")
if PG:
    shell_name = "psql \\copy (same CSV)"
    sql("CREATE TABLE bench_answers (%s)" % COLS)
    t_shell = timed(["psql", "-q", "-X", "-d", DB, "-c",
                     "\\copy bench_answers FROM '%s' WITH (FORMAT csv, HEADER true)" % path])
    sql("DROP TABLE bench_answers")
else:
    shell_name = "sqlite3 shell .import (same CSV)"
    shell_db = os.path.join(work, "shell.db")
    subprocess.run(["sqlite3", shell_db, "CREATE TABLE answers (%s)" % COLS], check=True)
    t_shell = timed(["sqlite3", shell_db, ".import --csv --skip 1 %s answers" % path])
t_dry = timed([CDCF, "--db", DB, "survey", "import", SV, path, "--dry-run"])
t_cdcf = timed([CDCF, "--db", DB, "survey", "import", SV, path])
t_check = timed([CDCF, "--db", DB, "survey", "stats", SV, "--check"])
t_keyed = None
if PG:
    # what the answers' own primary key costs: the rows cdcf wrote, copied out and \copy'd
    # back into a table with that key (and nothing else), 8,192 a statement as cdcf sends them
    ans = os.path.join(work, "answers.csv")
    subprocess.run(["psql", "-q", "-X", "-d", DB, "-c",
                    "\\copy (SELECT * FROM survey_answers) TO '%s' WITH (FORMAT csv)" % ans], check=True)
    chunks, out = [], None
    with open(ans) as f:
        for k, line in enumerate(f):
            if k % 8192 == 0:
                if out:
                    out.close()
                chunks.append(os.path.join(work, "chunk%05d.csv" % len(chunks)))
                out = open(chunks[-1], "w")
            out.write(line)
    if out:
        out.close()
    sql("CREATE TABLE bench_keyed (LIKE survey_answers INCLUDING CONSTRAINTS INCLUDING INDEXES)")
    script = os.path.join(work, "keyed.sql")
    with open(script, "w") as f:
        f.write("BEGIN;\n")
        for c in chunks:
            f.write("\\copy bench_keyed FROM '%s' WITH (FORMAT csv)\n" % c)
        f.write("COMMIT;\n")
    t_keyed = timed(["psql", "-q", "-X", "-d", DB, "-f", script])
    sql("DROP TABLE bench_keyed")
print("survey: %d responses x %d services = %d rows, CSV %.1f MiB" % (len(orgs), len(refs), rows, size / 1048576))
print("| %-42s | %9s | %9s |" % ("bulk import of every response", "s", "x shell"))
print("|%s|%s|%s|" % ("-" * 44, "-" * 11, "-" * 11))
print("| %-42s | %9.2f | %9s |" % (shell_name, t_shell, "1.00"))
if t_keyed is not None:
    print("| %-42s | %9.2f | %9.2f |" % ("psql \\copy, table with the answers' key", t_keyed,
                                         t_keyed / t_shell))
print("| %-42s | %9.2f | %9.2f |" % ("cdcf survey import --dry-run", t_dry, t_dry / t_shell))
print("| %-42s | %9.2f | %9.2f |" % ("cdcf survey import", t_cdcf, t_cdcf / t_shell))
print("| %-42s | %9.2f | %9s |" % ("cdcf survey stats --check (from scratch)", t_check, ""))


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


port = free_port()
srv = subprocess.Popen([CDCF, "--db", DB, "serve", "--listen", "127.0.0.1:%d" % port],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def conn():
    return http.client.HTTPConnection("127.0.0.1", port, timeout=300)


try:
    for _ in range(300):
        try:
            h = conn(); h.request("GET", "/healthz"); h.getresponse().read(); break
        except OSError:
            time.sleep(0.1)
    else:
        sys.exit("survey.py: the server did not start")
    h = conn(); h.request("GET", "/login"); r = h.getresponse(); page = r.read().decode()
    ck = "; ".join(v.split(";")[0] for k, v in r.getheaders() if k.lower() == "set-cookie")
    csrf = re.search(r'name="csrf" value="([^"]*)"', page).group(1)
    h.request("POST", "/login", "csrf=%s&name=root&password=%s" % (csrf, PW),
              {"Cookie": ck, "Content-Type": "application/x-www-form-urlencoded"})
    r = h.getresponse(); r.read()
    cookie = "; ".join(v.split(";")[0] for k, v in r.getheaders() if k.lower() == "set-cookie")
    mid = orgs[len(orgs) // 2].replace(" ", "%20")
    targets = [("survey dashboard /surveys/{id}", "/surveys/%d" % sid),
               ("  a later page of invites (?after=)", "/surveys/%d?after=%s" % (sid, mid))]
    print("| %-42s | %9s | %9s | %10s |" % ("target", "p50 ms", "p99 ms", "bytes"))
    print("|%s|%s|%s|%s|" % ("-" * 44, "-" * 11, "-" * 11, "-" * 12))
    for name, p in targets:
        h = conn(); ts, size, status = [], 0, 0
        for k in range(WARMUP + REQUESTS):
            t = time.perf_counter(); h.request("GET", p, headers={"Cookie": cookie}); r = h.getresponse(); d = r.read()
            dt = time.perf_counter() - t
            status, size = r.status, len(d)
            if status != 200:
                break
            if k >= WARMUP:
                ts.append(dt)
        if status != 200:
            print("| %-42s | %9s | %9s | %10s |" % (name, "n/a", "", "HTTP %d" % status))
            continue
        ts.sort()
        print("| %-42s | %9.1f | %9.1f | %10d |" % (name, ts[len(ts) // 2] * 1e3,
                                                    ts[min(len(ts) - 1, int(len(ts) * 0.99))] * 1e3, size))
finally:
    srv.terminate(); srv.wait()
    for f in os.listdir(work):
        os.unlink(os.path.join(work, f))
    os.rmdir(work)
