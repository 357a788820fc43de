#!/bin/bash
# Two `cdcf serve` on one database file, the second started after the first
# has served concurrent traffic. Clients through both update one entry with
# If-Match: every update answered 2xx bumped the version once (final version
# minus first = number of 2xx: no lost update), the others are 409, nothing
# is 5xx. Then clients through both update different entries: nothing is
# answered 5xx except 503 with Retry-After (a busy database), both servers are
# killed with -9, and after a restart every last acknowledged note is there;
# integrity_check is ok.
set -u
CDCF=$1
. "$(dirname "$0")/lib/durability_env.sh"

python3 - "$CDCF" "$W" <<'PY'
import threading, time
from durability import REFS, Failure, Server, fail, main, spawn, version

WARM_THREADS, WARM_GETS = 8, 20
SAME_THREADS, SAME_TRIES = 16, 12     # clients on one entry, tries each
MANY_TRIES = 10                       # per entry, one client per entry of REFS
HOT = "A-1"
OWN = [r for r in REFS if r != HOT]   # one client each in the second part


def run(env):
    env.setup()
    t0 = time.time()
    problems = []
    lock = threading.Lock()

    # the first server serves concurrent traffic, then the second starts
    s1 = Server(env, "serve1")
    warm = [spawn(lambda: [s1.get_entry(HOT) for _ in range(WARM_GETS)])
            for _ in range(WARM_THREADS)]
    for t in warm:
        t.join()
    s2 = Server(env, "serve2")
    servers = (s1, s2)

    # one entry, clients through both servers
    st, etag, _ = s1.get_entry(HOT)
    if st != 200:
        fail("GET %s answered %d" % (HOT, st))
    v0 = version(etag)
    same = {"2xx": 0, "409": 0, "other": 0}
    acked_notes = set()        # notes of the updates answered 2xx

    def same_entry(k):
        srv = servers[k % 2]
        for i in range(SAME_TRIES):
            note = "same c%d-%d" % (k, i)
            try:
                st, etag, _ = srv.get_entry(HOT)
                if st == 200:
                    st, _, _ = srv.patch_note(HOT, etag, note)
            except OSError as e:
                with lock:
                    problems.append("one entry: %s" % e)
                continue
            with lock:
                if 200 <= st < 300:
                    same["2xx"] += 1
                    acked_notes.add(note)
                elif st == 409:
                    same["409"] += 1
                else:
                    same["other"] += 1
                    problems.append("one entry: answered %d" % st)

    ts = [spawn(same_entry, k) for k in range(SAME_THREADS)]
    for t in ts:
        t.join()
    finals = [s.get_entry(HOT) for s in servers]
    if any(st != 200 for st, _, _ in finals):
        # an entry that cannot be read holds none of the updates
        problems.append("GET %s after the updates answered %s" % (HOT, [f[0] for f in finals]))
        v1 = v2 = v0
    else:
        v1, v2 = version(finals[0][1]), version(finals[1][1])
        if finals[0][2].get("note") not in acked_notes:
            problems.append("%s holds note %r, which no update answered 2xx wrote"
                            % (HOT, finals[0][2].get("note")))
    if v1 != v2:
        problems.append("the two servers see versions %d and %d of %s" % (v1, v2, HOT))
    lost_same = same["2xx"] - (v1 - v0)

    # different entries, one client each, alternating between the servers
    many = {"2xx": 0, "409": 0, "503": 0, "other": 0}
    acked = {}

    def own_entry(k):
        ref = OWN[k]
        for i in range(MANY_TRIES):
            srv = servers[(k + i) % 2]
            note = "many %s-%d" % (ref, i)
            try:
                st, etag, _ = srv.get_entry(ref)
                retry = None
                if st == 200:
                    st, retry, _ = srv.patch_note(ref, etag, note)
            except OSError as e:
                with lock:
                    problems.append("different entries: %s" % e)
                continue
            with lock:
                if 200 <= st < 300:
                    many["2xx"] += 1
                    acked.setdefault(ref, []).append(note)
                elif st == 409:
                    many["409"] += 1
                elif st == 503 and retry:
                    many["503"] += 1
                else:
                    many["other"] += 1
                    problems.append("different entries: answered %d%s" % (
                        st, " without Retry-After" if st == 503 else ""))

    ts = [spawn(own_entry, k) for k in range(len(OWN))]
    for t in ts:
        t.join()

    # kill -9 both, restart one: every last acknowledged note is there
    s1.kill9()
    s2.kill9()
    try:
        s3 = Server(env, "serve3")
    except Failure as e:
        # nothing acknowledged can be found in a database that no longer opens
        problems.append("restart after kill -9: %s" % e)
        s3 = None
    lost_many, lost_writes = [], 0
    for ref, notes in sorted(acked.items()):
        st, _, en = s3.get_entry(ref) if s3 else (0, None, None)
        have = en.get("note") if st == 200 else None
        if have != notes[-1]:
            # the acknowledged notes after the one that is there are lost
            lost_writes += len(notes) - 1 - notes.index(have) if have in notes else len(notes)
            lost_many.append("%s: %r instead of %r" % (ref, have, notes[-1]))
    st, etag, _ = s3.get_entry(HOT) if s3 else (0, None, None)
    lost_same_restart = max(0, v1 - version(etag) if st == 200 else v1 - v0)
    if s3:
        s3.stop()
    ic = env.integrity()

    for p in problems[:5]:
        print("problem: " + p)
    for x in lost_many[:5]:
        print("lost: " + x)
    print("durability_two_servers: one entry through two servers: %d updates acknowledged, "
          "%d answered 409, %d other; version %d -> %d; different entries: %d acknowledged, "
          "%d 409, %d 503 with Retry-After, %d other; 2 servers killed -9; %.1f s"
          % (same["2xx"], same["409"], same["other"], v0, v1, many["2xx"], many["409"],
             many["503"], many["other"], time.time() - t0))
    print("lost writes: %d of %d on one entry (%d more after kill -9), %d of %d on different "
          "entries (%d of %d entries lost their last acknowledged note); integrity_check: %s"
          % (lost_same, same["2xx"], lost_same_restart, lost_writes, many["2xx"],
             len(lost_many), len(acked), ic))
    ok = (not problems and not lost_same and not lost_same_restart and not lost_many
          and ic == "ok" and same["2xx"] > 0 and many["2xx"] > 0)
    print("ok" if ok else "FAIL")
    return ok


main(run)
PY
