#!/bin/bash
# Sign-in under a storm, at the real Argon2id costs and default settings: a
# parallel burst of wrong passwords for one account from 127.0.0.2 reaches the
# password check at most WEB_THROTTLE_USER (5) times, every other attempt is
# refused with 429 or 503 and Retry-After, the server's resident memory stays
# under 200 MiB (the hash cap, not the thread count, bounds it), the attacking
# address stays refused even with the right password, and the owner signs in
# from 127.0.0.3 at once. With --hash-limit 1 and 32 threads the memory stays
# at about one hash and what waits too long is answered 503, not counted.
# Then the growing delay for the account as a whole (CDCF_NOW pins the clock):
# refused from a new address, never for the address the owner signed in from.
set -u
CDCF=$1
command -v python3 >/dev/null || { echo "skip: python3 is not installed"; exit 77; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
unset CDCF_ARGON2 CDCF_NOW CDCF_LANG
. "$(dirname "$0")/lib/test_db.sh"
CDCF_DB=$(new_db s.db) && DELAY_DB=$(new_db delay.db) || { echo "FAIL: no database"; exit 1; }
export CDCF_DB
"$CDCF" init >/dev/null || { echo "FAIL: init"; exit 1; }
printf 'Owner-Passw0rd-2026\n' | "$CDCF" user add --admin owner --password-stdin >/dev/null ||
	{ echo "FAIL: user add"; exit 1; }
timeout 150 python3 - "$CDCF" "$W" "$DELAY_DB" <<'PY'
import ctypes, http.client, os, re, signal, sqlite3, subprocess, sys, threading, time

CDCF, W, DELAY_DB = sys.argv[1:4]
LIMIT_MIB = 200
def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)

def db_value(sql):
    """The one value of a query on $CDCF_DB: a file, or a postgres:// URL (through psql)."""
    url = os.environ["CDCF_DB"]
    if url.startswith(("postgres://", "postgresql://")):
        r = subprocess.run(["psql", "-X", "-q", "-At", "-d", url, "-c", sql],
                           capture_output=True, text=True)
        if r.returncode != 0:
            fail("psql %r: %s" % (sql, r.stderr.strip()))
        return int(r.stdout.strip())
    db = sqlite3.connect(url)
    try:
        return db.execute(sql).fetchone()[0]
    finally:
        db.close()

def die_with_parent():
    """A server outlives no test, even one stopped by its timeout (PR_SET_PDEATHSIG)."""
    ctypes.CDLL(None).prctl(1, signal.SIGTERM)

class Server:
    def __init__(self, *args, env=None):
        self.log = open(os.path.join(W, "log"), "w+")
        self.proc = subprocess.Popen([CDCF, "serve", "--listen", "127.0.0.1:0", *args],
                                     stdout=subprocess.DEVNULL, stderr=self.log,
                                     env=dict(os.environ, **(env or {})),
                                     preexec_fn=die_with_parent)
        self.port = None
        for _ in range(300):
            self.log.seek(0)
            m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", self.log.read())
            if m:
                self.port = int(m.group(1))
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        fail("the server did not start")

    def rss_kib(self, field="VmRSS"):
        with open("/proc/%d/status" % self.proc.pid) as f:
            return int(f.read().split(field + ":")[1].split()[0])

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

def login(srv, name, pw, src):
    """GET the form, POST it: (status, Retry-After, Set-Cookie of the POST)."""
    h = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60, source_address=(src, 0))
    try:
        h.request("GET", "/login")
        r = h.getresponse()
        page = r.read().decode("utf-8", "replace")
        cookie = "; ".join(v.split(";")[0] for k, v in r.getheaders() if k.lower() == "set-cookie")
        m = re.search(r'name="csrf" value="([^"]*)"', page)
        if not m:
            return ("no csrf field", None, "")
        body = "csrf=%s&name=%s&password=%s" % (m.group(1), name, pw)
        h.request("POST", "/login", body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
        r = h.getresponse()
        r.read()
        return (r.status, r.getheader("Retry-After"), r.getheader("Set-Cookie") or "")
    except OSError as ex:
        return ("error: %s" % ex, None, "")
    finally:
        h.close()

# ---- the burst, default settings ----
srv = Server()
base = srv.rss_kib()
peak = [base]
done = threading.Event()
def sample():
    while not done.is_set():
        try:
            peak[0] = max(peak[0], srv.rss_kib())
        except (OSError, IndexError, ValueError):
            pass
        time.sleep(0.01)
def burst(n, attempt):
    """n parallel sign-ins attempt(i) while the server's memory is sampled."""
    done.clear()
    sampler = threading.Thread(target=sample)
    sampler.start()
    outs = [None] * n
    def run(i):
        outs[i] = attempt(i)
    ts = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    t0 = time.time()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    took = time.time() - t0
    done.set()
    sampler.join()
    return outs, took
outs, took = burst(30, lambda i: login(srv, "owner", "wrong-password-%d" % i, "127.0.0.2"))
hwm = srv.rss_kib("VmHWM")
statuses = [o[0] for o in outs]
checked = [s for s in statuses if s not in (429, 503)]
print("burst of %d: %d checked, %d answered 429, %d answered 503 in %.1f s; VmRSS %d MiB at start, "
      "%d MiB at the sampled peak, VmHWM %d MiB"
      % (len(outs), len(checked), statuses.count(429), statuses.count(503), took, base // 1024,
         peak[0] // 1024, hwm // 1024))
if any(s != 401 for s in checked):
    srv.stop()
    fail("unexpected answers in the burst: %s" % statuses)
if len(checked) > 5:
    srv.stop()
    fail("%d of %d wrong passwords from one address reached the password check (limit 5)"
         % (len(checked), len(outs)))
for s, retry, _ in outs:
    if s in (429, 503) and not (retry and retry.isdigit() and int(retry) > 0):
        srv.stop()
        fail("a %d answer without a positive Retry-After: %r" % (s, retry))
if max(peak[0], hwm) >= LIMIT_MIB * 1024:
    srv.stop()
    fail("the burst took the server to %d MiB (limit %d)" % (max(peak[0], hwm) // 1024, LIMIT_MIB))

# the attacking address stays refused, even with the right password
s, retry, _ = login(srv, "owner", "Owner-Passw0rd-2026", "127.0.0.2")
if s != 429:
    srv.stop()
    fail("the right password from the throttled address answered %s, not 429" % s)
# the owner, from another address, signs in at once
s, retry, ck = login(srv, "owner", "Owner-Passw0rd-2026", "127.0.0.3")
srv.stop()
if s != 303 or "cdcf_session=" not in ck:
    fail("the owner from 127.0.0.3 could not sign in after the burst (status %s)" % s)

# ---- --hash-limit 1 with 32 threads: one Argon2id at a time ----
# 32 parallel sign-ins of different names from different addresses pass the
# throttle; the cap holds the memory to about one hash, and what waits too long
# for the slot is answered 503 with Retry-After: never checked, not counted.
srv = Server("--threads", "32", "--hash-limit", "1")
base = srv.rss_kib()
peak = [base]
outs, took = burst(32, lambda i: login(srv, "stranger-%d" % i, "wrong-password", "127.0.3.%d" % (i + 1)))
hwm = srv.rss_kib("VmHWM")
srv.stop()
statuses = [o[0] for o in outs]
print("hash limit 1, 32 threads: %d checked, %d answered 503 in %.1f s; VmRSS %d MiB at start, "
      "VmHWM %d MiB" % (statuses.count(401), statuses.count(503), took, base // 1024, hwm // 1024))
if any(s not in (401, 503) for s in statuses):
    fail("unexpected answers with --hash-limit 1: %s" % statuses)
if any(s == 503 and not (r and r.isdigit()) for s, r, _ in outs):
    fail("a 503 without Retry-After")
if max(peak[0], hwm) >= base + 120 * 1024:
    fail("with --hash-limit 1 the server grew by %d MiB (one hash is 64 MiB, two 128)"
         % ((max(peak[0], hwm) - base) // 1024))
counted = db_value("SELECT COUNT(*) FROM signin_attempts WHERE account LIKE 'stranger-%'")
if counted != statuses.count(401):
    fail("%d attempts counted for %d checked: a 503 was counted as a failure"
         % (counted, statuses.count(401)))

# ---- the account as a whole: a growing delay, not a lock-out ----
# With a pinned clock (CDCF_NOW) on a fresh database: ten wrong passwords from
# five addresses (two each, under every per-address limit) use up the
# account's free failures, so a new address waits 1 s, then 2 s after one
# more failure; the address the owner signed in from does not wait.
os.environ["CDCF_DB"] = DELAY_DB
subprocess.run([CDCF, "init"], stdout=subprocess.DEVNULL, check=True)
subprocess.run([CDCF, "user", "add", "owner", "--password-stdin"], input=b"Owner-Passw0rd-2026\n",
               stdout=subprocess.DEVNULL, check=True)
def at(clock):
    return Server(env={"CDCF_NOW": "2026-03-01T" + clock + "Z"})
def expect_refused(srv, src, wait):
    s, retry, _ = login(srv, "owner", "Owner-Passw0rd-2026", src)
    if s != 429 or retry != str(wait):
        srv.stop()
        fail("a new address answered %s with Retry-After %r, not 429 with %d" % (s, retry, wait))
def expect_signed_in(srv, src, why):
    s, _, ck = login(srv, "owner", "Owner-Passw0rd-2026", src)
    if s != 303 or "cdcf_session=" not in ck:
        srv.stop()
        fail("%s: the owner from %s got %s" % (why, src, s))
srv = at("09:00:00")
expect_signed_in(srv, "127.0.0.3", "first sign-in")
srv.stop()
srv = at("10:00:00")
for i in range(10):
    s = login(srv, "owner", "wrong-%d" % i, "127.0.1.%d" % (i // 2 + 1))[0]
    if s != 401:
        srv.stop()
        fail("wrong password %d of the delay test answered %s, not 401" % (i, s))
expect_refused(srv, "127.0.2.1", 1)
expect_signed_in(srv, "127.0.0.3", "known address during the delay")
srv.stop()
srv = at("10:00:01")
s = login(srv, "owner", "wrong-10", "127.0.1.6")[0]
if s != 401:
    srv.stop()
    fail("the 11th wrong password, after the wait, answered %s, not 401" % s)
expect_refused(srv, "127.0.2.1", 2)
srv.stop()
srv = at("10:10:00")
expect_signed_in(srv, "127.0.2.1", "ten minutes later")
srv.stop()
print("ok: account delay 1 s, then 2 s, for a new address; none for the owner's")
PY
