#!/bin/bash
# Acknowledged changes survive other processes and kill -9. `cdcf serve`
# takes concurrent API writes (8 threads, each updating the note of its own
# entries with If-Match) while `cdcf org list`, `cdcf status`, the sqlite3
# shell (psql on PostgreSQL) and CLI writes (`cdcf action add`, some of them killed with -9
# mid-run) open and close the same database file again and again. The
# server is then killed with -9, once after the writes and once in the
# middle of them, and restarted: the last acknowledged note of every entry
# and every acknowledged CLI action is there, and integrity_check is ok.
set -u
CDCF=$1
. "$(dirname "$0")/lib/durability_env.sh"

python3 - "$CDCF" "$W" <<'PY'
import random, subprocess, threading, time
from durability import FW, REFS, Failure, Server, main, pg_server, spawn

WRITERS = 8
ROUNDS = 2          # kill -9 after the writes, then in the middle of them
PATCHES = 40        # per writer and round
CLI_REF = "E-1"     # actions added by the CLI writer go to this service


def round_of_writes(env, figures, name, kill_midway):
    srv = Server(env, name)
    lock = threading.Lock()
    stop = threading.Event()
    # ref -> acknowledged notes in order; ref -> note sent but not answered yet
    acked, pending = {}, {}
    problems = []
    done_patches = [0]

    def writer(k):
        mine = REFS[k::WRITERS]
        for i in range(PATCHES):
            if stop.is_set():
                return
            ref = mine[i % len(mine)]
            note = "%s w%d-%d" % (name, k, i)
            try:
                st, etag, _ = srv.get_entry(ref)
                if st != 200:
                    with lock:
                        figures["other"] += 1
                        if st >= 500:
                            problems.append("GET %s -> %d" % (ref, st))
                    continue
                with lock:
                    pending[ref] = note
                st, retry, _ = srv.patch_note(ref, etag, note)
            except OSError as e:
                if not stop.is_set():
                    with lock:
                        problems.append("PATCH %s: %s" % (ref, e))
                return
            with lock:
                done_patches[0] += 1
                if 200 <= st < 300:
                    acked.setdefault(ref, []).append(note)
                    pending.pop(ref, None)
                    figures["acked"] += 1
                elif st == 409:
                    pending.pop(ref, None)
                    figures["409"] += 1
                elif st == 503 and retry:
                    pending.pop(ref, None)
                    figures["503"] += 1
                else:
                    pending.pop(ref, None)
                    figures["other"] += 1
                    if st >= 500:
                        problems.append("PATCH %s -> %d%s" % (
                            ref, st, " without Retry-After" if st == 503 else ""))

    def readers():
        # other processes open and close the file again and again
        while not stop.is_set():
            for args in (("org", "list"), ("status", "O", FW)):
                r = env.cli(*args, check=False)
                if r.returncode != 0:
                    with lock:
                        problems.append("cdcf %s: exit %d: %s" % (
                            " ".join(args), r.returncode, r.stderr.strip()[:200]))
            if pg_server():  # another client of the database
                env.sql("SELECT count(*) AS n FROM entries")
            else:  # a reader that also checkpoints, as any SQLite client may
                subprocess.run(["sqlite3", env.db, "SELECT count(*) FROM entries; "
                                "PRAGMA wal_checkpoint(PASSIVE);"],
                               capture_output=True, stdin=subprocess.DEVNULL)
            figures["openers"] += 3
            time.sleep(0.02)

    cli_acked, cli_killed = [], []

    def cli_writer():
        n = 0
        while not stop.is_set():
            title = "%s cli %d" % (name, n)
            n += 1
            p = subprocess.Popen([env.cdcf, "--db", env.db, "action", "add", "O", FW, CLI_REF,
                                  title], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 stdin=subprocess.DEVNULL, text=True)
            if n % 3 == 0:
                time.sleep(random.uniform(0, 0.02))
                if p.poll() is None:
                    p.kill()
                    p.wait()
                    cli_killed.append(title)
                    continue
            _, err = p.communicate()
            if p.returncode == 0:
                cli_acked.append(title)
            elif p.returncode < 0:
                cli_killed.append(title)
            else:
                problems.append("cdcf action add: exit %d: %s" % (p.returncode, err.strip()[:200]))
            time.sleep(0.01)

    side = [spawn(readers), spawn(cli_writer)]
    ts = [spawn(writer, k) for k in range(WRITERS)]
    if kill_midway:
        want = WRITERS * PATCHES // 2
        deadline = time.time() + 60
        while done_patches[0] < want and time.time() < deadline:
            time.sleep(0.005)
        stop.set()
        srv.kill9()
    for t in ts:
        t.join()
    stop.set()
    for t in side:
        t.join()
    srv.kill9()
    figures["kills"] += 1
    figures["cli_acked"] += len(cli_acked)
    figures["cli_killed"] += len(cli_killed)

    # restart: every acknowledged change is there
    figures["entries"] += len(acked)
    figures["problems"] += problems
    try:
        srv = Server(env, name + "-restart")
    except Failure as e:
        # nothing acknowledged can be found in a database that no longer opens
        figures["problems"].append("restart after kill -9: %s" % e)
        figures["lost"] += len(acked)
        figures["lost_writes"] += sum(len(notes) for notes in acked.values())
        figures["integrity"] = env.integrity()
        return False
    for ref, notes in sorted(acked.items()):
        st, _, en = srv.get_entry(ref)
        have = en.get("note") if st == 200 else "(GET answered %d)" % st
        if have == notes[-1] or have == pending.get(ref):   # pending: in flight at the kill
            continue
        # the acknowledged notes after the one that is there are lost
        lost = len(notes) - 1 - notes.index(have) if have in notes else len(notes)
        figures["lost_writes"] += lost
        figures["lost"] += 1
        figures.setdefault("lost_examples", []).append(
            "%s: %r instead of %r" % (ref, have, notes[-1]))
    srv.stop()
    try:
        have = {r["title"] for r in env.sql(
            "SELECT title FROM actions WHERE title LIKE '%s cli %%'" % name)}
    except Failure as e:
        figures["problems"].append(str(e))
        have = set()
    for title in cli_acked:
        if title not in have:
            figures["cli_lost"] += 1
    unexpected = have - set(cli_acked) - set(cli_killed)
    if unexpected:
        figures["problems"].append("actions nobody added: %s" % sorted(unexpected)[:3])
    ic = env.integrity()
    if ic != "ok":
        figures["integrity"] = ic
        return False
    return True


def run(env):
    env.setup()
    figures = dict(acked=0, entries=0, lost=0, lost_writes=0, kills=0, openers=0, cli_acked=0,
                   cli_killed=0, cli_lost=0, integrity="ok", problems=[], other=0)
    figures["409"] = figures["503"] = 0
    t0 = time.time()
    for r in range(ROUNDS):
        if not round_of_writes(env, figures, "r%d" % r, kill_midway=(r % 2 == 1)):
            break
    f = figures
    for p in f["problems"][:5]:
        print("problem: " + p)
    for x in f.get("lost_examples", [])[:5]:
        print("lost: " + x)
    print("durability_writes: %d API writes acknowledged (%d 409, %d 503 with Retry-After, "
          "%d other), %d entries checked after %d kill -9 of the server, %d other-process "
          "opens; CLI: %d actions acknowledged, %d CLI writes killed -9, %.1f s"
          % (f["acked"], f["409"], f["503"], f["other"], f["entries"], f["kills"],
             f["openers"], f["cli_acked"], f["cli_killed"], time.time() - t0))
    print("lost writes: %d of %d acknowledged API writes (%d of %d entries lost their last "
          "acknowledged note), %d of %d acknowledged CLI actions; integrity_check: %s"
          % (f["lost_writes"], f["acked"], f["lost"], f["entries"], f["cli_lost"],
             f["cli_acked"], f["integrity"]))
    ok = not f["lost"] and not f["cli_lost"] and f["integrity"] == "ok" and not f["problems"]
    if not f["acked"] or not f["cli_acked"]:
        print("FAIL: nothing was acknowledged")
        ok = False
    print("ok" if ok else "FAIL")
    return ok


main(run)
PY
