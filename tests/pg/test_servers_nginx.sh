#!/bin/bash
# Several servers, one PostgreSQL database: two `cdcf serve --trust-proxy` behind Debian's
# nginx as a round-robin load balancer (no stickiness), every request through nginx.
#  1. a user signs in (the form's CSRF token from one server, the sign-in on either) and works
#     through a build and an evaluation with the session's cookie and CSRF token: select,
#     assign, score, an improvement action, an evaluation that closes a cycle; both servers
#     answered part of it, every answer is 2xx;
#  2. concurrent edits of one entry with If-Match through nginx: every 2xx bumped the
#     version once (no lost update), the others are 409, nothing else;
#  3. one server killed -9 while clients write different entries: every note answered 2xx is
#     there afterwards (nginx answers 502 for what the dead one was given: not acknowledged);
#  4. sign-in throttling holds across servers: wrong passwords for one account, spread over
#     both servers, lock it on both.
# $1: the cdcf binary; CDCF_TEST_PG: the tests' PostgreSQL server (tests/pg/server.sh).
set -u
CDCF=$1
[ -n "${CDCF_TEST_PG:-}" ] || { echo "FAIL: CDCF_TEST_PG is not set (ctest sets it)"; exit 1; }
command -v nginx >/dev/null || { echo "FAIL: nginx is not installed (scripts/deps.sh installs it)"; exit 1; }
. "$(dirname "$0")/../scripts/lib/durability_env.sh"

python3 - "$CDCF" "$W" <<'PY'
import http.client, json, os, re, subprocess, threading, time, urllib.parse
from durability import FW, REFS, Failure, Server, fail, free_port, main, spawn, version

PASSWORD = "Durability-Passw0rd-2026"


class Nginx:
    """nginx in the foreground on a free port, round robin over the servers' ports."""

    def __init__(self, env, ports):
        d = os.path.join(env.work, "nginx")
        os.makedirs(os.path.join(d, "tmp"), exist_ok=True)
        os.chmod(env.work, 0o755)
        self.port = free_port()
        upstream = "".join("server 127.0.0.1:%d max_fails=0; " % p for p in ports)
        temp = "".join("%s_temp_path %s/tmp/%s; " % (k, d, k)
                       for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        conf = os.path.join(d, "nginx.conf")
        with open(conf, "w") as f:
            f.write("worker_processes 1; daemon off; pid %s/nginx.pid; "
                    "error_log %s/error.log warn; events { worker_connections 512; } "
                    "http { access_log off; %s upstream cdcf { %s} server { "
                    "listen 127.0.0.1:%d; location / { proxy_pass http://cdcf; "
                    "proxy_set_header Host $host; "
                    "proxy_set_header X-Forwarded-For $remote_addr; "
                    "proxy_set_header X-Forwarded-Proto http; "
                    "proxy_next_upstream error timeout; } } }\n"
                    % (d, d, temp, upstream, self.port))
        self.proc = subprocess.Popen(["nginx", "-e", d + "/error.log", "-p", d, "-c", conf],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                self.req("GET", "/healthz")
                return
            except OSError:
                time.sleep(0.05)
        fail("nginx did not start")

    def req(self, method, path, body=None, headers=None, form=False):
        """(status, headers, body) of one request through nginx on a new connection."""
        h = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        hd = dict(headers or {})
        if body is not None and not form:
            hd["Content-Type"] = "application/json"
            body = json.dumps(body)
        elif body is not None:
            hd["Content-Type"] = "application/x-www-form-urlencoded"
            body = urllib.parse.urlencode(body)
        try:
            h.request(method, path, body=body, headers=hd)
            r = h.getresponse()
            return r.status, r, r.read()
        finally:
            h.close()

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def cookies(r):
    return "; ".join(v.split(";")[0] for k, v in r.getheaders() if k.lower() == "set-cookie")


def requests_served(server):
    """The requests the server's access log shows."""
    with open(server.log, errors="replace") as f:
        return sum(1 for line in f if re.search(r" (GET|POST|PATCH|PUT|DELETE) /", line))


def sign_in(lb, name, password):
    """(status of the sign-in POST, session cookie)"""
    st, r, page = lb.req("GET", "/login")
    if st != 200:
        fail("GET /login answered %d" % st)
    pre = cookies(r)
    csrf = re.search(r'name="csrf" value="([^"]*)"', page.decode()).group(1)
    st, r, _ = lb.req("POST", "/login", {"csrf": csrf, "name": name, "password": password},
                      {"Cookie": pre}, form=True)
    return st, cookies(r)


def run(env):
    env.setup(refs=REFS[:4])
    # behind the proxy: the forwarded address is the client's
    servers = [Server(env, "serve1", ["--trust-proxy"]), Server(env, "serve2", ["--trust-proxy"])]
    lb = None
    try:
        lb = Nginx(env, [s.port for s in servers])
        org = env.org
        P = "/api/v1/orgs/%d/portfolios/%s" % (org, FW)

        # 1. sign in, a build and an evaluation, every request through nginx
        st, sess = sign_in(lb, "admin", PASSWORD)
        if st not in (302, 303) or "session" not in sess:
            fail("sign-in through nginx answered %d, cookie %r" % (st, sess))
        st, _, me = lb.req("GET", "/api/v1/me", headers={"Cookie": sess})
        if st != 200:
            fail("GET /api/v1/me with the session answered %d" % st)
        tok = json.loads(me)["csrf_token"]
        auth = {"Cookie": sess, "X-CSRF-Token": tok}
        steps = [
            ("PATCH", P + "/entries/E-1", {"level": "standard"}),
            ("PATCH", P + "/entries/E-2", {"level": "basic"}),
            ("POST", P + "/services", {"ref": "Z-1", "name_en": "Our own watch", "category": "A",
                                       "level": "standard"}),
            ("PATCH", P + "/entries/E-1", {"assignment": "insource", "team": "T"}),
            ("PATCH", P + "/entries/E-1", {"insource": {"current": 2, "target": 4}}),
            ("PATCH", P + "/entries/E-2", {"assignment": "outsource", "provider": "P"}),
            ("PATCH", P + "/entries/E-2", {"outsource": {"current": 3, "target": 4}}),
            ("POST", P + "/actions", {"ref": "E-1", "title": "Write the runbook"}),
            ("POST", P + "/evaluate", {"answers": {
                "catalogue": {"appropriate": "yes", "environment": "same"},
                "profile": {"assignments": "ok"},
                "portfolio": {"scores": "first", "targets": "agreed"}}}),
        ]
        for method, path, body in steps:
            hd = dict(auth)
            if method == "PATCH":  # under the entry's version, read first
                st, r, _ = lb.req("GET", path, headers=auth)
                hd["If-Match"] = r.getheader("ETag") or '"v0"'
            st, _, data = lb.req(method, path, body, hd)
            if st // 100 != 2:
                fail("%s %s through nginx answered %d: %s" % (method, path, st, data[:200]))
        for path in (P + "/report", P + "/cycles", "/o/%d/p/%s/report" % (org, FW)):
            for _ in range(2):
                st, _, data = lb.req("GET", path, headers={"Cookie": sess})
                if st != 200:
                    fail("GET %s through nginx answered %d" % (path, st))
        cycles = json.loads(lb.req("GET", P + "/cycles", headers={"Cookie": sess})[2])
        if not any(c.get("closed_at") for c in cycles["cycles"]):
            fail("the evaluation through nginx closed no cycle: %s" % str(cycles)[:200])
        served = [requests_served(s) for s in servers]
        if min(served) == 0:
            fail("one server answered nothing: %s" % served)

        # 2. one entry, concurrent edits through nginx
        E = P + "/entries/A-1"
        st, r, _ = lb.req("GET", E, headers=auth)
        v0 = version(r.getheader("ETag"))
        stat, lock, acked = {}, threading.Lock(), [0]

        def same(k):
            for i in range(10):
                st, r, _ = lb.req("GET", E, headers=auth)
                st, r, _ = lb.req("PATCH", E, {"note": "n%d-%d" % (k, i)},
                                  dict(auth, **{"If-Match": r.getheader("ETag")}))
                with lock:
                    stat[st] = stat.get(st, 0) + 1
                    if st // 100 == 2:
                        acked[0] += 1
        for t in [spawn(same, k) for k in range(8)]:
            t.join()
        v1 = version(lb.req("GET", E, headers=auth)[1].getheader("ETag"))
        bad = {k: v for k, v in stat.items() if k // 100 != 2 and k != 409}
        if bad or acked[0] == 0 or acked[0] != v1 - v0:
            fail("one entry through nginx: answers %s, %d acknowledged, version %d -> %d"
                 % (stat, acked[0], v0, v1))

        # 3. a server killed -9 while clients write different entries
        last = {}
        others = {}

        def writer(ref):
            for i in range(30):
                st, r, _ = lb.req("GET", P + "/entries/" + ref, headers=auth)
                if st != 200:
                    with lock:
                        others[st] = others.get(st, 0) + 1
                    continue
                note = "%s-%d" % (ref, i)
                st, _, _ = lb.req("PATCH", P + "/entries/" + ref, {"note": note},
                                  dict(auth, **{"If-Match": r.getheader("ETag")}))
                with lock:
                    if st // 100 == 2:
                        last[ref] = note
                    else:
                        others[st] = others.get(st, 0) + 1
        refs = REFS[1:4]
        threads = [spawn(writer, ref) for ref in refs]
        time.sleep(0.3)
        servers[0].kill9()
        for t in threads:
            t.join()
        lost = []
        for ref, note in last.items():
            st, _, data = lb.req("GET", P + "/entries/" + ref, headers=auth)
            if st != 200 or json.loads(data).get("note") != note:
                lost.append(ref)
        if lost or not last:
            fail("after kill -9 of one server: %d acknowledged last notes lost (%s); answers "
                 "other than 2xx: %s" % (len(lost), lost, others))
        if any(k // 100 == 5 and k not in (502, 503) for k in others):
            fail("answers during the kill: %s" % others)

        # 4. sign-in throttling across servers (the one left, and a new one)
        servers[0] = Server(env, "serve3", ["--trust-proxy"])
        lb.stop()
        lb = Nginx(env, [servers[0].port, servers[1].port])
        codes = [sign_in(lb, "admin", "wrong-password-%d" % i)[0] for i in range(12)]
        st, sess2 = sign_in(lb, "admin", PASSWORD)
        locked = "session" not in sess2
        if not locked:
            fail("12 wrong passwords through two servers did not lock the account (codes %s)"
                 % codes)
        print("servers_nginx: build and evaluation through nginx (requests per server %s); "
              "one entry: %d acknowledged, version %d -> %d, answers %s; kill -9 of one: "
              "%d entries' last notes kept, other answers %s; sign-in locked after 12 wrong "
              "passwords over two servers" % (served, acked[0], v0, v1, stat, len(last),
                                               others))
        return True
    finally:
        if lb:
            lb.stop()
        for srv in servers:
            srv.kill9()


main(run)
PY
