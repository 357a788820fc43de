#!/bin/bash
# Slow and many clients against `cdcf serve`, on loopback only:
#  - a client sending one header line a second is cut off by --header-timeout
#    while other requests from the same address are served meanwhile, and
#    one trickling its body is cut off by --body-timeout;
#  - a kept-alive connection serves several requests in a row;
#  - with --trust-proxy, more connections than the per-address limit (64)
#    from the proxy's one address are served when they carry different
#    X-Forwarded-For addresses, while one forwarded address past 64 requests
#    in progress gets 429 with Retry-After, and is served again once one ends.
set -u
CDCF=$1
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed"; exit 77; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
. "$(dirname "$0")/lib/test_db.sh"
# t: the served database; c: only named by refused command lines
T=$(new_db t.db) && C=$(new_db c.db) || fail "no database"

"$CDCF" --db "$T" init >/dev/null || fail "init"
timeout 150 python3 - "$CDCF" "$W" "$T" "$C" <<'PY'
import os, socket, subprocess, sys, time

CDCF, W, T_DB, C_DB = sys.argv[1:5]
HEADER_TIMEOUT, BODY_TIMEOUT, LIMIT = 3, 3, 64
servers = []


def fail(msg):
    print("FAIL: " + msg)
    for s in servers:
        s.terminate()
    for s in servers:
        s.wait()
    for name in ("serve1.log", "serve2.log"):
        path = os.path.join(W, name)
        if os.path.exists(path):
            print("--- %s (tail)" % name)
            print("".join(open(path, errors="replace").readlines()[-20:]))
    sys.exit(1)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def serve(log, *extra):
    p = free_port()
    proc = subprocess.Popen([CDCF, "--db", T_DB, "serve", "--listen",
                             "127.0.0.1:%d" % p, "--header-timeout", str(HEADER_TIMEOUT),
                             "--body-timeout", str(BODY_TIMEOUT)] + list(extra),
                            stdout=subprocess.DEVNULL, stderr=open(os.path.join(W, log), "w"))
    servers.append(proc)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", p), timeout=1).close()
            return proc, p
        except OSError:
            time.sleep(0.05)
    fail("the server did not start")


def connect(p):
    k = socket.create_connection(("127.0.0.1", p), timeout=10)
    k.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return k


def read_head(k):
    """The status line and headers of one response (also a 100 Continue)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = k.recv(4096)
        if not chunk:
            raise ConnectionError("closed after %r" % data[:80])
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, rest


def read_response(k):
    """Status and headers of one response; its body is read and dropped."""
    status, headers, rest = read_head(k)
    need = int(headers.get("content-length", "0")) - len(rest)
    while need > 0:
        chunk = k.recv(min(need, 65536))
        if not chunk:
            raise ConnectionError("body cut short")
        need -= len(chunk)
    return status, headers


def get(p, path="/login", headers=""):
    k = connect(p)
    try:
        k.sendall(("GET %s HTTP/1.1\r\nHost: t\r\nConnection: close\r\n%s\r\n"
                   % (path, headers)).encode())
        return read_response(k)[0]
    finally:
        k.close()


def wait_closed(k, deadline, feed):
    """Call feed() once a second until the server closes k; seconds taken, or None."""
    t0 = time.time()
    k.settimeout(0.2)
    while time.time() - t0 < deadline:
        try:
            feed(k)
        except OSError:
            return time.time() - t0
        t1 = time.time()
        while time.time() - t1 < 1:
            try:
                d = k.recv(4096)
                if not d:
                    return time.time() - t0
            except socket.timeout:
                pass
            except OSError:
                return time.time() - t0
    return None


# ---- A: deadlines, from one address ----
srv, p = serve("serve1.log")

# a kept-alive connection serves requests one after another
k = connect(p)
for i in range(3):
    k.sendall(b"GET /login HTTP/1.1\r\nHost: t\r\n\r\n")
    st, _ = read_response(k)
    if st != 200:
        fail("request %d on a kept-alive connection gave %d" % (i + 1, st))
k.close()

# slow headers: one line a second, cut off after the header deadline, while
# other clients from 127.0.0.1 are served
slow = connect(p)
slow.sendall(b"GET /login HTTP/1.1\r\nHost: t\r\n")
served = []
n = [0]


def trickle_header(k):
    n[0] += 1
    k.sendall(b"X-Slow-%d: 1\r\n" % n[0])
    served.append(get(p))


took = wait_closed(slow, HEADER_TIMEOUT + 10, trickle_header)
slow.close()
if took is None:
    fail("a client sending a header line every second was still connected after %ds"
         % (HEADER_TIMEOUT + 10))
if took < HEADER_TIMEOUT - 1:
    fail("the slow-header client was cut after %.1fs, before the %ds deadline" % (took, HEADER_TIMEOUT))
ok = served.count(200)
if ok < 2 or ok != len(served):
    fail("during the slow-header client, GETs gave %s" % served)
print("ok: slow headers cut after %.1fs (deadline %ds); %d GETs from the same address served meanwhile"
      % (took, HEADER_TIMEOUT, ok))

# slow body: headers complete, then one body byte a second
slow = connect(p)
slow.sendall(b"POST /no-such-page HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\n"
             b"Content-Length: 1000\r\n\r\n")
took = wait_closed(slow, BODY_TIMEOUT + 10, lambda k: k.sendall(b"x"))
slow.close()
if took is None:
    fail("a client sending a body byte every second was still connected after %ds"
         % (BODY_TIMEOUT + 10))
if took < BODY_TIMEOUT - 1:
    fail("the slow-body client was cut after %.1fs, before the %ds deadline" % (took, BODY_TIMEOUT))
if get(p) != 200:
    fail("the server does not answer after cutting slow clients")
print("ok: slow body cut after %.1fs (deadline %ds)" % (took, BODY_TIMEOUT))
srv.terminate()
srv.wait()
log = open(os.path.join(W, "serve1.log")).read()
for what in ("the request headers took over %ds" % HEADER_TIMEOUT,
             "the request body took over %ds" % BODY_TIMEOUT):
    if what not in log:
        fail("the log does not say '%s'" % what)

# ---- B: behind a trusted proxy: the forwarded address is the client ----
srv, p = serve("serve2.log", "--trust-proxy")


def hold(p, xff):
    """A POST whose headers are in and whose body is not: a request in progress."""
    k = connect(p)
    k.sendall(("POST /no-such-page HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: %s\r\n"
               "Content-Type: text/plain\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n"
               % xff).encode())
    try:
        st, headers, _ = read_head(k)  # 100 once counted, or the refusal
    except OSError:
        return k, "the connection closed", {}
    return k, st, headers


def finish(k):
    k.sendall(b"ok")
    st, _ = read_response(k)
    k.close()
    return st


many = LIMIT + 16
conns = []
for i in range(many):
    k, st, _ = hold(p, "10.1.%d.%d" % (i // 200, i % 200 + 1))
    if st != 100:
        fail("connection %d of %d from the proxy, each for another client, got %s" % (i + 1, many, st))
    conns.append(k)
answers = [finish(k) for k in conns]
if answers.count(404) != many:
    fail("%d requests in progress for different forwarded clients gave %s" % (many, sorted(set(answers))))
print("ok: %d concurrent connections from the proxy's one address served (%d forwarded clients)"
      % (many, many))

conns = []
for i in range(LIMIT):
    k, st, _ = hold(p, "10.9.9.9")
    if st != 100:
        fail("request %d of %d in progress from one forwarded client got %s" % (i + 1, LIMIT, st))
    conns.append(k)
k, st, headers = hold(p, "10.9.9.9")
k.close()
if st != 429 or headers.get("retry-after") != "1":
    fail("request %d in progress from one forwarded client got %s (Retry-After %s), not 429"
         % (LIMIT + 1, st, headers.get("retry-after")))
if get(p, headers="X-Forwarded-For: 10.9.9.10\r\n") != 200:
    fail("another forwarded client was refused while 10.9.9.9 was at its limit")
if finish(conns.pop()) != 404:
    fail("a held request was not answered")
# the server counts a request as ended once MHD reports it complete, which may
# be a moment after the client has read the answer
for attempt in range(50):
    k, st, _ = hold(p, "10.9.9.9")
    if st != 429:
        break
    k.close()
    time.sleep(0.02)
if st != 100 or finish(k) != 404:
    fail("10.9.9.9 was refused again after one of its requests ended (%s)" % st)
for k in conns:
    k.close()
print("ok: forwarded client 10.9.9.9 refused with 429 at %d requests in progress, others served"
      % (LIMIT + 1))
srv.terminate()
srv.wait()

# --client-limit sets the number of requests in progress per client
srv, p = serve("serve3.log", "--trust-proxy", "--client-limit", "3")
conns = []
for i in range(3):
    k, st, _ = hold(p, "10.7.7.7")
    if st != 100:
        fail("request %d of 3 in progress under --client-limit 3 got %s" % (i + 1, st))
    conns.append(k)
k, st, headers = hold(p, "10.7.7.7")
k.close()
if st != 429:
    fail("request 4 in progress under --client-limit 3 got %s, not 429" % st)
for k in conns:
    k.close()
print("ok: --client-limit 3 refused the 4th request in progress with 429")
srv.terminate()
srv.wait()
for bad in ("0", "100001", "x"):
    r = subprocess.run([CDCF, "--db", C_DB, "serve", "--client-limit", bad],
                       capture_output=True, text=True, timeout=20)
    if r.returncode != 1 or "--client-limit must be" not in r.stderr:
        fail("--client-limit %s gave exit %d: %s" % (bad, r.returncode, r.stderr.strip()))
for name in ("serve1.log", "serve2.log", "serve3.log"):
    text = open(os.path.join(W, name), errors="replace").read()
    if "Sanitizer" in text or "runtime error:" in text:
        print(text[-4000:])
        fail("the server reported memory errors in %s" % name)
PY
rc=$?
[ $rc = 124 ] && fail "timed out"
[ $rc = 0 ] || exit 1
echo "slow clients: ok"
