"""Shared by the durability script tests (durability_*.sh): a database with
one organization whose x1060-2021 portfolio has in-house services, an API
token, `cdcf serve` on a free loopback port, plain HTTP requests, and the
checks every test ends with (integrity, sanitizer reports).

Every request opens its own connection, as independent clients do. A test
reports its figures on its last lines and exits 1 on any loss.
"""
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback

FW = "x1060-2021"
ENTRY = "/api/v1/orgs/%d/portfolios/" + FW + "/entries/"
# the services the tests write to, all assigned in-house to team T
REFS = ("A-1 A-2 A-3 A-4 A-5 A-6 A-7 A-8 A-9 A-10 A-11 A-12 A-13 "
        "B-1 B-2 B-3 B-4 C-1 C-2 C-3 C-4 D-1 D-2 D-3").split()
SANITIZER = re.compile(r"ERROR: (Address|Leak)Sanitizer|runtime error:")


class Failure(Exception):
    pass


SERVERS = []          # every server started, killed when the test ends
THREAD_ERRORS = []    # exceptions that ended a thread started by spawn()


def fail(msg):
    raise Failure(msg)


def pg_server():
    """The folder of the tests' PostgreSQL server (tests/pg/server.sh) when the test runs
    on PostgreSQL (CDCF_TEST_PG), else None."""
    return os.environ.get("CDCF_TEST_PG") or None


def pg_admin(sql):
    """One statement on the tests' PostgreSQL server, in its maintenance database."""
    with open(os.path.join(pg_server(), "url")) as f:
        url = f.read().strip()
    r = subprocess.run(["psql", "-q", "-X", "-At", "-d", url + "/postgres", "-c", sql],
                       capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        fail("psql %r: %s" % (sql, r.stderr.strip()[:300]))
    return r.stdout


def db_named(work, name):
    """A database of the test's engine called name (not created): a file in work, or a
    database of the tests' PostgreSQL server (its name made unique to this process)."""
    if not pg_server():
        return os.path.join(work, name + ".db")
    with open(os.path.join(pg_server(), "url")) as f:
        return "%s/d_%d_%s" % (f.read().strip(), os.getpid(), name)


def db_copy_raw(src, dst):
    """dst becomes a copy of src as it is stored (files copied, or a PostgreSQL database
    made from src as its template); src must be idle."""
    if pg_server():
        s, d = src.rsplit("/", 1)[1], dst.rsplit("/", 1)[1]
        pg_admin("DROP DATABASE IF EXISTS %s WITH (FORCE)" % d)
        pg_admin("CREATE DATABASE %s TEMPLATE %s" % (d, s))
        return
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(dst + suffix):
            os.unlink(dst + suffix)
        if os.path.exists(src + suffix):
            shutil.copyfile(src + suffix, dst + suffix)


def db_create(db):
    """An empty database at db (a file needs nothing: cdcf init makes it)."""
    if pg_server():
        pg_admin("CREATE DATABASE %s" % db.rsplit("/", 1)[1])


def db_dump_hash(db):
    """sha256 of every row of db (tests/case-lib/db.sh db_dump). On PostgreSQL once no
    session is left on db: a client killed -9 leaves a backend that rolls back (or
    finishes a commit already sent) a moment later."""
    if pg_server():
        name = db.rsplit("/", 1)[1]
        deadline = time.time() + 30
        while pg_admin("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '%s'"
                       % name).strip() != "0":
            if time.time() > deadline:
                fail("a session stays on %s" % name)
            time.sleep(0.05)
    lib = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "case-lib",
                       "db.sh")
    r = subprocess.run(["bash", "-c", '. "$1"; set -o pipefail; db_dump', "db_dump", lib],
                       capture_output=True, timeout=120, env=dict(os.environ, CDCF_DB=db))
    if r.returncode != 0:
        fail("dump of %s: %s" % (db, r.stderr.decode(errors="replace")[:300]))
    return hashlib.sha256(r.stdout).hexdigest()


class Env:
    """The work directory, the binary and one database: a file, or a new database of the
    tests' PostgreSQL server when CDCF_TEST_PG names one."""

    def __init__(self, cdcf, work):
        self.cdcf = cdcf
        self.work = work
        self.db = os.path.join(work, "d.db")
        if pg_server():
            server = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                  "pg", "server.sh")
            r = subprocess.run(["bash", server, "newdb", pg_server()], capture_output=True,
                               text=True, timeout=60)
            if r.returncode != 0:
                fail("no PostgreSQL database: " + r.stderr.strip()[:300])
            self.db = r.stdout.strip()
        self.token = None
        self.org = None
        self.logs = []

    def cli(self, *args, check=True, timeout=60):
        r = subprocess.run([self.cdcf, "--db", self.db] + list(args), capture_output=True,
                           text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        if check and r.returncode != 0:
            fail("cdcf %s: exit %d: %s" % (" ".join(args), r.returncode, r.stderr.strip()[:300]))
        return r

    def setup(self, refs=REFS):
        """init, organization O with team T and provider P, the full-cdc
        x1060-2021 portfolio with refs in-house, an administrator and a token."""
        self.cli("init")
        self.cli("org", "add", "O")
        self.cli("team", "add", "O", "T")
        self.cli("provider", "add", "O", "P")
        self.cli("portfolio", "new", "O", FW, "--preset", "full-cdc")
        for ref in refs:
            self.cli("assign", "O", FW, ref, "--insource", "T")
        r = subprocess.run([self.cdcf, "--db", self.db, "user", "add", "--admin", "admin",
                            "--password-stdin"], input="Durability-Passw0rd-2026\n",
                           capture_output=True, text=True)
        if r.returncode != 0:
            fail("user add: " + r.stderr.strip()[:300])
        self.token = self.cli("token", "create", "admin", "durability").stdout.strip().split()[-1]
        self.org = None

    def integrity(self):
        if pg_server():  # the server checks its own pages; the rows must be readable
            rows = self.sql("SELECT COUNT(*) AS n FROM entries")
            return "ok" if rows and rows[0]["n"] >= 0 else "no answer"
        r = subprocess.run(["sqlite3", self.db, "PRAGMA integrity_check"], capture_output=True,
                           text=True, timeout=60)
        lines = (r.stdout.strip() or r.stderr.strip() or "(no answer)").splitlines()
        return "; ".join(lines[:4]) + ("; ..." if len(lines) > 4 else "")

    def sql(self, query):
        """The rows of query as dicts."""
        if pg_server():
            r = subprocess.run(["psql", "-q", "-X", "-At", "-d", self.db, "-c",
                                "SELECT COALESCE(json_agg(t), '[]'::json) FROM (%s) t" % query],
                               capture_output=True, text=True, timeout=60)
            if r.returncode != 0:
                fail("psql %r: %s" % (query, r.stderr.strip()[:300]))
            return json.loads(r.stdout or "[]")
        r = subprocess.run(["sqlite3", "-json", self.db, query], capture_output=True, text=True,
                           timeout=60)
        if r.returncode != 0:
            fail("sqlite3 %r: %s" % (query, r.stderr.strip()[:300]))
        return json.loads(r.stdout or "[]")

    def sanitizer_reports(self):
        """Memory errors a sanitizer build wrote to any server log."""
        found = []
        for path in self.logs:
            try:
                with open(path, errors="replace") as f:
                    text = f.read()
            except OSError:
                continue
            m = SANITIZER.search(text)
            if m:
                found.append("%s:\n%s" % (path, text[m.start():m.start() + 3000]))
        return found


def spawn(target, *args):
    """A started thread whose exception, if any, fails the test."""
    def guarded():
        try:
            target(*args)
        except BaseException:
            THREAD_ERRORS.append(traceback.format_exc(limit=3))
    t = threading.Thread(target=guarded)
    t.start()
    return t


def free_port(host="127.0.0.1"):
    s = socket.socket()
    s.bind((host, 0))
    p = s.getsockname()[1]
    s.close()
    return p


class Server:
    """One `cdcf serve` process on a free port of 127.0.0.1."""

    def __init__(self, env, name, args=()):
        self.env = env
        self.port = free_port()
        self.log = os.path.join(env.work, "%s.log" % name)
        env.logs.append(self.log)
        with open(self.log, "a") as log:
            self.proc = subprocess.Popen(
                [env.cdcf, "--db", env.db, "serve", "--listen", "127.0.0.1:%d" % self.port]
                + list(args),
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)
        SERVERS.append(self)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                fail("server exited with %d at start: %s" % (self.proc.returncode, self.tail()))
            try:
                h = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                h.request("GET", "/healthz")
                h.getresponse().read()
                h.close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            self.kill9()
            fail("server did not start within 60 s")
        if env.org is None:
            st, _, body, _ = self.req("GET", "/api/v1/orgs")
            if st != 200:
                fail("GET /api/v1/orgs answered %d" % st)
            env.org = [o["id"] for o in json.loads(body)["items"] if o["name"] == "O"][0]

    def tail(self):
        try:
            with open(self.log, errors="replace") as f:
                return f.read()[-600:]
        except OSError:
            return ""

    def req(self, method, path, body=None, headers=None, timeout=60):
        """(status, ETag, body, Retry-After) of one request on a new connection."""
        h = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        hd = {"Authorization": "Bearer " + self.env.token}
        hd.update(headers or {})
        if body is not None:
            hd["Content-Type"] = "application/json"
            body = json.dumps(body)
        try:
            h.request(method, path, body=body, headers=hd)
            r = h.getresponse()
            data = r.read()
            return r.status, r.getheader("ETag"), data, r.getheader("Retry-After")
        finally:
            h.close()

    def entry_path(self, ref):
        return (ENTRY % self.env.org) + ref

    def get_entry(self, ref):
        """(status, ETag, entry as a dict or None)."""
        st, etag, data, _ = self.req("GET", self.entry_path(ref))
        return st, etag, (json.loads(data) if st == 200 else None)

    def patch_note(self, ref, etag, note):
        """(status, Retry-After, ETag) of a PATCH of the note under If-Match: etag."""
        st, new_etag, _, retry = self.req("PATCH", self.entry_path(ref), {"note": note},
                                          {"If-Match": etag})
        return st, retry, new_etag

    def kill9(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        """Graceful stop (a sanitizer build then reports leaks in the log)."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill9()
                fail("server did not stop within 30 s of SIGTERM")


def version(etag):
    m = re.fullmatch(r'"v(\d+)"', etag or "")
    if not m:
        fail("entry ETag %r is not a strong \"vN\" validator" % etag)
    return int(m.group(1))


def main(run):
    """Run run(env) with the binary from argv[1] and a work directory from
    argv[2]; print FAIL and exit 1 on a Failure."""
    env = Env(sys.argv[1], sys.argv[2])
    try:
        ok = run(env)
        if THREAD_ERRORS:
            fail("a client thread failed:\n" + "\n".join(THREAD_ERRORS[:3]))
        reports = env.sanitizer_reports()
        if reports:
            fail("the server reported memory errors:\n" + "\n".join(reports))
    except Failure as e:
        print("FAIL: %s" % e)
        ok = False
    finally:
        for srv in SERVERS:
            srv.kill9()
    sys.exit(0 if ok else 1)
