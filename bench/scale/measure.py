#!/usr/bin/env python3
"""Start `cdcf serve` on DB and time the pages that must not grow with organizations.

usage: measure.py CDCF DB PASSWORD REQUESTS WARMUP

Prints one row per target: p50 and p99 in ms over REQUESTS fetches on one
keep-alive connection (after WARMUP), each built anew (the server runs with
--cache 0), the answer's size, then the server's
peak RSS. Users: "all" (a viewer of every organization), "one" (an editor of
Org 000001), "root" (a site administrator), all with PASSWORD.
"""
import http.client
import re
import socket
import subprocess
import sys
import time

CDCF, DB, PW, REQUESTS, WARMUP = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
FW = "x1060-2021"


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


port = free_port()
# --cache 0: every fetch builds its answer (what a first view costs); the answer cache's
# effect is measured against nginx by versus_nginx.sh
srv = subprocess.Popen([CDCF, "--db", DB, "serve", "--listen", "127.0.0.1:%d" % port, "--cache", "0"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def conn():
    return http.client.HTTPConnection("127.0.0.1", port, timeout=300)


for _ in range(300):
    try:
        h = conn(); h.request("GET", "/healthz"); h.getresponse().read(); break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("measure.py: the server did not start")


def login(user):
    h = conn(); h.request("GET", "/login"); r = h.getresponse(); page = r.read().decode()
    ck = "; ".join(v.split(";")[0] for k, v in r.getheaders() if k.lower() == "set-cookie")
    csrf = re.search(r'name="csrf" value="([^"]*)"', page).group(1)
    h.request("POST", "/login", "csrf=%s&name=%s&password=%s" % (csrf, user, PW),
              {"Cookie": ck, "Content-Type": "application/x-www-form-urlencoded"})
    r = h.getresponse(); r.read()
    s = "; ".join(v.split(";")[0] for k, v in r.getheaders() if k.lower() == "set-cookie")
    if "session" not in s:
        sys.exit("measure.py: could not sign in as " + user)
    return s


cookies = {u: login(u) for u in ("all", "one", "root")}
h = conn(); h.request("GET", "/orgs?q=Org%20000001", headers={"Cookie": cookies["root"]})
org1 = re.search(r'href="/o/(\d+)">Org 0+1<', h.getresponse().read().decode()).group(1)
pf = "/o/%s/p/%s" % (org1, FW)
targets = [
    ("dashboard, member of one", "one", "/", {}),
    ("dashboard, member of all", "all", "/", {}),
    ("/orgs, member of one", "one", "/orgs", {}),
    ("/orgs, member of all", "all", "/orgs", {}),
    ("GET /api/v1/orgs, member of all", "all", "/api/v1/orgs", {}),
    ("portfolio page", "one", pf + "/portfolio", {}),
    ("portfolio page, gzip", "one", pf + "/portfolio", {"Accept-Encoding": "gzip"}),
    ("report page", "one", pf + "/report", {}),
    ("GET /api/v1/orgs/{org}/portfolios/{fw}", "one", "/api/v1/orgs/%s/portfolios/%s" % (org1, FW), {}),
    ("group view of Org 000001", "root", "/o/%s/group/%s" % (org1, FW), {}),
    ("group view, next page", "root", "/o/%s/group/%s?after=Org%%20000050" % (org1, FW), {}),
    ("surveys dashboard", "root", "/surveys", {}),
]
print("| %-42s | %9s | %9s | %10s |" % ("target", "p50 ms", "p99 ms", "bytes"))
print("|%s|%s|%s|%s|" % ("-" * 44, "-" * 11, "-" * 11, "-" * 12))
for name, who, path, extra in targets:
    h = conn(); hd = dict(extra); hd["Cookie"] = cookies[who]
    ts, size, status = [], 0, 0
    for k in range(WARMUP + REQUESTS):
        t = time.perf_counter(); h.request("GET", path, headers=hd); r = h.getresponse(); d = r.read()
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
    p50 = ts[len(ts) // 2] * 1e3
    p99 = ts[min(len(ts) - 1, int(len(ts) * 0.99))] * 1e3
    print("| %-42s | %9.1f | %9.1f | %10d |" % (name, p50, p99, size))
with open("/proc/%d/status" % srv.pid) as f:
    hwm = [l.split()[1] for l in f if l.startswith("VmHWM")][0]
print("server peak RSS (VmHWM): %.1f MiB" % (int(hwm) / 1024))
srv.terminate(); srv.wait()
