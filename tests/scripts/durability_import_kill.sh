#!/bin/bash
# `cdcf import` is all or nothing even when killed with -9. A large archive
# (one organization, two full portfolios, 6,000 actions, 4 MB) is imported
# to completion into copies of a database (the reference; twice, to show the
# result is reproducible) and timed; then imports into fresh copies are killed
# with -9 at delays spread from 0 to a little past that duration, 20 times.
# After each kill integrity_check is ok and the database is either
# exactly as before (sha256 of its dump) or exactly the reference; a
# database left by a killed import takes the import again. On PostgreSQL
# (CDCF_TEST_PG) the copies are databases made from the first as a template, and
# the import again is compared by the organization's export (a killed import used
# up identity values: PostgreSQL does not roll sequences back).
set -u
CDCF=$1
. "$(dirname "$0")/lib/durability_env.sh"
export CDCF_NOW=2026-04-01T09:00:00Z

python3 - "$CDCF" "$W" <<'PY'
import copy, json, os, random, signal, subprocess, time
from durability import (Env, db_copy_raw, db_create, db_dump_hash, db_named, fail, main,
                        pg_server)

FRAMEWORKS = ("x1060-2021", "x1060-2026")
ACTIONS = 3000          # per portfolio
# long titles make the transaction larger than SQLite's page cache, so that
# the WAL is written during much of the import, not only at the commit
DETAIL = " ".join(["document, approve and rehearse the procedure"] * 12)
KILLS = 20              # imports killed mid-way
SPREAD = 1.25           # kills are spread over this many times the import's duration
MIN_KILLS = 5           # fewer means the build is too slow to tell anything
BUDGET = 30.0           # seconds for the kill loop, whatever the build's speed
PG_BUDGET = 60.0        # on PostgreSQL: each attempt also makes its database from a template


dump_hash, copy_db = db_dump_hash, db_copy_raw


def wal_size(db):
    if pg_server():
        return 0
    try:
        return os.stat(db + "-wal").st_size
    except OSError:
        return 0


def same_as_reference(env, db, refdb, after):
    """db holds what the reference import made. On PostgreSQL a killed import used up
    identity values (sequences are not rolled back), so the import again gets other ids:
    the organization's export, which has none, is compared instead of every row."""
    if not pg_server():
        return dump_hash(db) == after
    out = []
    for d in (db, refdb):
        path = os.path.join(env.work, "export-%d.json" % len(out))
        r = subprocess.run([env.cdcf, "--db", d, "export", "Big", "-o", path],
                           capture_output=True, timeout=120)
        if r.returncode != 0:
            return False
        with open(path, "rb") as f:
            out.append(f.read())
    return out[0] == out[1]


def make_archive(env, path):
    """Two full-cdc portfolios, every service in-house and scored, and many
    actions, built from what the CLI wrote and exported (so every value is
    one the CLI accepted), multiplied."""
    env.cli("init")
    env.cli("org", "add", "Big")
    env.cli("team", "add", "Big", "T")
    env.cli("provider", "add", "Big", "P")
    for fw in FRAMEWORKS:
        env.cli("portfolio", "new", "Big", fw, "--preset", "full-cdc")
        env.cli("assign", "Big", fw, "A-1", "--insource", "T")
        env.cli("score", "Big", fw, "A-1", "--side", "insource", "--current", "2", "--target",
                "4", "--note", "as measured")
        env.cli("action", "add", "Big", fw, "A-1", "Write the procedure", "--owner", "CISO",
                "--due", "2026-06-30", "--target", "4")
    base = os.path.join(env.work, "base.json")
    env.cli("export", "Big", "-o", base)
    with open(base) as f:
        doc = json.load(f)
    entries = actions = 0
    for p in doc["portfolios"]:
        model = [e for e in p["entries"] if e["ref"] == "A-1"][0]
        action = p["actions"][0]
        for e in p["entries"]:
            for k in ("assignment", "team", "provider", "insource", "outsource", "note"):
                e[k] = copy.deepcopy(model[k])
        refs = [e["ref"] for e in p["entries"]]
        p["actions"] = []
        for i in range(ACTIONS):
            a = copy.deepcopy(action)
            a["ref"] = refs[i % len(refs)]
            a["title"] = "Improvement %d for %s: %s" % (i, a["ref"], DETAIL)
            p["actions"].append(a)
        entries += len(p["entries"])
        actions += len(p["actions"])
    with open(path, "w") as f:
        json.dump(doc, f)
    return entries, actions


def import_into(env, db):
    return subprocess.Popen([env.cdcf, "--db", db, "import", env.archive],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL)


def run(env):
    env.archive = os.path.join(env.work, "big.json")
    os.mkdir(os.path.join(env.work, "src"))
    entries, actions = make_archive(Env(env.cdcf, os.path.join(env.work, "src")), env.archive)

    # the database the archive goes into: initialised, one other organization
    pristine = db_named(env.work, "pristine")
    db_create(pristine)
    target = Env(env.cdcf, env.work)
    target.db = pristine
    target.cli("init")
    target.cli("org", "add", "Other")
    before = dump_hash(pristine)

    # the reference: the whole import, timed (twice: the faster one counts, so
    # that few imports end before their kill)
    durations, refs = [], []
    for n in range(2):
        db = db_named(env.work, "ref%d" % n)
        copy_db(pristine, db)
        t = time.time()
        p = import_into(env, db)
        _, err = p.communicate()
        durations.append(time.time() - t)
        if p.returncode != 0:
            fail("import of the large archive: exit %d: %s"
                 % (p.returncode, err.decode(errors="replace").strip()[:300]))
        refs.append(dump_hash(db))
    if refs[0] != refs[1]:
        fail("two complete imports of one archive into copies of one database differ")
    after, refdb = refs[0], db_named(env.work, "ref0")
    if after == before:
        fail("the import changed nothing")
    duration = min(durations)

    # kill -9 at delays spread evenly over the import's duration and a little
    # beyond (the machine may be slower now): a kill that comes too late is not
    # counted, and another import is started
    outcomes = {"nothing": 0, "all": 0, "other": 0}
    killed = finished = 0
    wal_at_kill = []
    problems = []
    reimported = False
    db = db_named(env.work, "k")
    slots = list(range(KILLS))
    random.shuffle(slots)
    t0 = time.time()
    attempts = 0
    budget = PG_BUDGET if pg_server() else BUDGET
    while killed < KILLS and time.time() - t0 < budget and attempts < 3 * KILLS:
        slot = slots[attempts % KILLS]
        attempts += 1
        delay = SPREAD * duration * (slot + random.random()) / KILLS
        copy_db(pristine, db)
        p = import_into(env, db)
        time.sleep(delay)
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            p.wait()
            killed += 1
            wal_at_kill.append(wal_size(db))
        else:
            p.communicate()
            finished += 1
            if p.returncode != 0:
                problems.append("an import that was not killed ended with exit %d"
                                % p.returncode)
        target.db = db  # the same checks, on the database just imported into
        ic = target.integrity()
        if ic != "ok":
            problems.append("integrity_check after a kill at %.3f s: %s" % (delay, ic[:200]))
        h = dump_hash(db)
        outcome = "nothing" if h == before else "all" if h == after else "other"
        outcomes[outcome] += 1
        if outcome == "other":
            problems.append("after a kill at %.3f s the database is neither as before nor "
                            "the reference" % delay)
        if outcome == "nothing" and not reimported and p.returncode == -signal.SIGKILL:
            # what a killed import left behind takes the import again
            q = import_into(env, db)
            _, err = q.communicate()
            same = q.returncode == 0 and same_as_reference(env, db, refdb, after)
            if not same:
                problems.append("after a killed import, importing again gave exit %d (%s) and "
                                "not the reference" % (q.returncode,
                                                       err.decode(errors="replace").strip()[:200]))
            reimported = True

    for x in problems[:5]:
        print("problem: " + x)
    writing = sum(1 for s in wal_at_kill if s > 0)
    phases = ("on PostgreSQL" if pg_server() else
              "%d before anything was written, %d while the WAL was written"
              % (killed - writing, writing))
    print("durability_import_kill: archive of %d entries and %d actions (%.1f MB), import "
          "takes %.2f s; %d imports killed -9 at 0-%.2f s (%s), %d finished first; %.1f s"
          % (entries, actions, os.path.getsize(env.archive) / 1e6, duration, killed, SPREAD * duration,
             phases, finished, time.time() - t0))
    print("outcomes: %d nothing, %d all, %d partial (must be 0); lost or torn imports: %d; "
          "integrity_check failures: %d"
          % (outcomes["nothing"], outcomes["all"], outcomes["other"], outcomes["other"],
             sum(1 for x in problems if x.startswith("integrity"))))
    ok = not problems and killed >= MIN_KILLS
    if killed < MIN_KILLS:
        print("FAIL: only %d imports were killed mid-way" % killed)
    print("ok" if ok else "FAIL")
    return ok


main(run)
PY
