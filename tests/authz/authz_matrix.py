#!/usr/bin/env python3
"""The authorization matrix of cdcf, checked against a running server.

matrix.tsv has one row per route of the route table (`cdcf serve --routes`):
method, pattern, variant ("-" for the route's one main row; extra rows with a
name try the same route with another request), the expected status for each
principal, the path parameters and the body. A cell is "S" (the same status
for the principal's own organization and the other one) or "OWN/OTHER".

Checked before any request:
  - every route of the table has a main row, and every row names a route;
  - every operation of /api/v1/openapi.json has a row;
  - anonymous cells of routes that are not public are 303 to /login (pages)
    or 401 (API), as the route table's flags say.
Then every cell is requested: pages with the principal's session cookie (and
the session's CSRF token in every form), the API with the principal's token.
Exit status 0 when every answer is the expected one.
"""
import argparse
import concurrent.futures
import http.client
import json
import re
import secrets
import sys
import time
import urllib.parse

PRINCIPALS = ["anonymous", "viewer", "assessor", "editor", "admin", "siteadmin", "nonmember"]
ORGS = ["own", "other"]
COLUMNS = ["method", "pattern", "variant"] + PRINCIPALS + ["params", "body"]
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
FORM_COOKIE = "cdcf_form"  # the double-submit cookie of forms shown before signing in
CSRF_REFUSED = b"security token is missing"  # the page the CSRF check answers with
# The organizations each principal is not a member of: no answer may name them.
HIDDEN_FROM = {p: ("Bravo",) for p in PRINCIPALS}
HIDDEN_FROM.update(anonymous=("Alpha", "Bravo"), nonmember=("Alpha", "Bravo"), siteadmin=())


def api_document(path):
    """Answers that hold no data of an organization (and may contain any word)."""
    return path.startswith("/static/") or path == "/api/v1/openapi.json" or \
        path.startswith("/api/v1/frameworks")


class Server:
    def __init__(self, base):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port

    def request(self, method, path, headers=None, body=None):
        """(status, headers as a dict of lower-case names, body bytes)"""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            data = r.read()
            hdrs = {}
            for k, v in r.getheaders():
                k = k.lower()
                hdrs[k] = hdrs[k] + "\n" + v if k in hdrs else v
            return r.status, hdrs, data
        finally:
            conn.close()

    def json(self, method, path, token, body=None):
        h = {"Authorization": "Bearer " + token}
        if body is not None:
            h["Content-Type"] = "application/json"
            body = json.dumps(body)
        s, _, data = self.request(method, path, h, body)
        if s // 100 != 2:
            raise RuntimeError(f"{method} {path}: {s} {data[:200]!r}")
        return json.loads(data)


def read_routes(path):
    routes = []
    with open(path) as f:
        for line in f:
            method, pattern, flags = line.rstrip("\n").split("\t")
            routes.append((method, pattern, set(flags.split(",")) - {"-"}))
    return routes


def read_matrix(path, problems):
    rows = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if fields[0] == "method":
                if fields != COLUMNS:
                    problems.append(f"{path}:{n}: the header must be {' '.join(COLUMNS)}")
                continue
            if len(fields) != len(COLUMNS):
                problems.append(f"{path}:{n}: {len(fields)} columns, want {len(COLUMNS)}")
                continue
            row = dict(zip(COLUMNS, fields))
            row["line"] = n
            row["expect"] = {}
            for p in PRINCIPALS:
                cell = row[p].split("/")
                if len(cell) == 1:
                    cell = cell * 2
                if len(cell) != 2 or not all(re.fullmatch(r"[1-5]\d\d", c) for c in cell):
                    problems.append(f"{path}:{n}: {p}: '{row[p]}' is not STATUS or OWN/OTHER")
                    continue
                row["expect"][p] = dict(zip(ORGS, map(int, cell)))
            rows.append(row)
    return rows


def check_coverage(routes, ops, rows, problems):
    """Every route and every documented operation has a row; every row a route."""
    table = {(m, p) for m, p, _ in routes}
    main = {}
    for r in rows:
        key = (r["method"], r["pattern"])
        if key not in table:
            problems.append(f"matrix.tsv:{r['line']}: {key[0]} {key[1]} is not a route")
        if r["variant"] == "-":
            if key in main:
                problems.append(f"matrix.tsv:{r['line']}: a second main row for {key[0]} {key[1]}")
            main[key] = r
    for m, p in sorted(table):
        if (m, p) not in main:
            problems.append(f"route {m} {p} has no row in matrix.tsv")
    for m, p in sorted(ops):
        if (m, p) not in main:
            problems.append(f"OpenAPI operation {m} {p} has no row in matrix.tsv")
    return main


def check_flags(routes, main, problems):
    """What the route table itself says about anonymous callers."""
    for m, p, flags in routes:
        r = main.get((m, p))
        if not r or "public" in flags or "anonymous" not in r["expect"]:
            continue
        want = 401 if "api" in flags else 303
        got = r["expect"]["anonymous"]
        if got["own"] != want or got["other"] != want:
            problems.append(f"matrix.tsv:{r['line']}: {m} {p} is not public: anonymous must "
                            f"be {want}, the row says {r['anonymous']}")


class Principal:
    def __init__(self, name, token=None):
        self.name, self.token = name, token
        self.cookie = None  # "cdcf_session=..." for pages
        self.csrf = None


def sign_in(srv, name, password):
    """A new session: (cookie header value, CSRF token of its forms)."""
    form_token = secrets.token_urlsafe(32)[:43]
    body = urllib.parse.urlencode({"csrf": form_token, "name": name, "password": password,
                                   "next": "/"})
    s, h, data = srv.request("POST", "/login", {
        "Cookie": f"{FORM_COOKIE}={form_token}",
        "Content-Type": "application/x-www-form-urlencoded"}, body)
    m = re.search(r"cdcf_session=([^;]+)", h.get("set-cookie", ""))
    if s != 303 or not m:
        raise RuntimeError(f"sign-in of {name}: {s} {data[:300]!r}")
    cookie = "cdcf_session=" + m.group(1)
    s, _, data = srv.request("GET", "/api/v1/me", {"Cookie": cookie})
    if s != 200:
        raise RuntimeError(f"/api/v1/me of {name}'s session: {s}")
    return cookie, json.loads(data)["csrf_token"]


def substitute(text, values):
    def one(m):
        if m.group(1) not in values:
            raise KeyError(f"unknown placeholder ${m.group(1)}")
        return str(values[m.group(1)])
    return re.sub(r"\$([a-z_0-9]+)", one, text)


def build_request(row, principal, org, seed, password, via):
    """(method, path, headers, body, fresh_session) of one cell; via is how a
    signed-in principal calls the API: "token" (Bearer) or "session" (the
    cookie, with the session's CSRF token in X-CSRF-Token)."""
    values = dict(seed[org])
    values["password"] = password
    params, query, extra = dict(seed["params"]), "", {}
    for item in ([] if row["params"] == "-" else row["params"].split(" ")):
        k, _, v = item.partition("=")
        v = substitute(v, values)
        if k == "query":
            query = "?" + v
        elif k in ("if-match", "fresh-session", "org"):
            extra[k] = v
        else:
            params[k] = v
    # org=$client: the organization that shares with Alpha as its provider, whoever asks
    params["org"] = extra.get("org", values["org"])

    def param(m):
        name = m.group(1).rstrip("*")
        if name not in params:
            raise KeyError(f"matrix.tsv:{row['line']}: no value for {{{name}}}")
        return urllib.parse.quote(str(params[name]), safe="/")
    path = re.sub(r"\{([a-z*]+)\}", param, row["pattern"]) + query
    method = "GET" if row["method"] == "*" else row["method"]
    api = row["pattern"].startswith("/api/") or row["pattern"] == "/healthz"
    body = None if row["body"] == "-" else substitute(row["body"], values)
    headers = {}
    if "if-match" in extra:
        headers["If-Match"] = extra["if-match"]
    if api:
        if principal.token and via == "token":
            headers["Authorization"] = "Bearer " + principal.token
        elif principal.cookie is not None:
            headers["Cookie"] = "$COOKIE"
            if method in STATE_CHANGING:
                headers["X-CSRF-Token"] = "$CSRF"
        if body is not None:
            headers["Content-Type"] = "application/json"
    else:
        if method in STATE_CHANGING:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = body or ""
            if principal.cookie is None:  # a valid double-submit token: CSRF is not the question
                tok = seed["form_token"]
                headers["Cookie"] = f"{FORM_COOKIE}={tok}"
                body = (body + "&" if body else "") + "csrf=" + tok
            else:
                body = (body + "&" if body else "") + "csrf=$CSRF"
        if principal.cookie is not None:
            headers["Cookie"] = "$COOKIE"
    return method, path, headers, body, extra.get("fresh-session") == "yes"


def run_cell(srv, row, principal, org, seed, password, via, session):
    """Request one cell; session: (cookie, csrf) of a session of its own, or None."""
    method, path, headers, body, _ = build_request(row, principal, org, seed, password, via)
    cookie, csrf = session or (principal.cookie, principal.csrf)
    headers = {k: {"$COOKIE": cookie, "$CSRF": csrf}.get(v, v) for k, v in headers.items()}
    if body is not None and csrf:
        body = body.replace("csrf=$CSRF", "csrf=" + urllib.parse.quote(csrf))
    status, hdrs, data = srv.request(method, path, headers, body)
    want = row["expect"][principal.name][org]
    who = principal.name + (" (session)" if via == "session" else "")
    problem = None
    if status != want:
        detail = data[:160].decode("utf-8", "replace").replace("\n", " ")
        if status in (301, 302, 303):
            detail = "Location: " + hdrs.get("location", "")
        problem = (f"{row['method']} {row['pattern']} [{row['variant']}] {who} "
                   f"{org} ({method} {path}): {status}, want {want}  {detail}")
    elif status == 403 and (b"csrf_failed" in data or CSRF_REFUSED in data):
        problem = (f"{row['method']} {row['pattern']} [{row['variant']}] {who} {org}: "
                   f"403 from the CSRF check, not from the role")
    elif status // 100 == 2 and not api_document(path):
        # a user never learns that an organization they are not a member of exists
        for org_name in HIDDEN_FROM[principal.name]:
            if org_name.encode() in data:
                problem = (f"{row['method']} {row['pattern']} [{row['variant']}] "
                           f"{who} {org} ({method} {path}): {status} shows "
                           f"'{org_name}'")
    elif status == 303:
        # a 303 answers nobody with the sign-in page, and somebody with anything else
        to_login = hdrs.get("location", "").startswith("/login?next=")
        if principal.cookie is None and not to_login and row["pattern"] != "/login":
            problem = (f"{row['method']} {row['pattern']} anonymous {org}: 303 to "
                       f"{hdrs.get('location')}, not to /login")
        if principal.cookie is not None and to_login:
            problem = (f"{row['method']} {row['pattern']} {who} {org}: sent to "
                       f"/login although signed in")
    return problem, (row, who, org, method, path, status, hdrs.get("location", ""))


def audit_events(srv, token, base):
    """{id: actor} of every audit event of an organization."""
    events, page = {}, 1
    while True:
        j = srv.json("GET", f"{base}/audit?per_page=200&page={page}", token)
        events.update({e["id"]: e["actor"] for e in j["items"]})
        if page * j["per_page"] >= j["total"]:
            return events
        page += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--routes", required=True)
    ap.add_argument("--matrix", required=True)
    ap.add_argument("--tokens", required=True)
    ap.add_argument("--password", required=True)
    ap.add_argument("--framework", required=True)
    ap.add_argument("--bystander-token-id", required=True)
    ap.add_argument("--jobs", type=int, default=8)
    ap.add_argument("--show", action="store_true", help="print every cell's answer")
    a = ap.parse_args()
    started = time.monotonic()
    srv = Server(a.base)
    problems = []

    routes = read_routes(a.routes)
    rows = read_matrix(a.matrix, problems)
    s, _, data = srv.request("GET", "/api/v1/openapi.json")
    if s != 200:
        sys.exit(f"FAIL: GET /api/v1/openapi.json: {s}")
    doc = json.loads(data)
    ops = {(m.upper(), p) for p, item in doc["paths"].items() for m in item
           if m in ("get", "put", "post", "patch", "delete", "head", "options")}
    main_rows = check_coverage(routes, ops, rows, problems)
    check_flags(routes, main_rows, problems)
    if problems:
        print("\n".join("FAIL: " + p for p in problems))
        return 1

    # ---- the principals and the ids the rows refer to ----
    tokens = dict(line.rstrip("\n").split("\t") for line in open(a.tokens))
    people = {"anonymous": Principal("anonymous")}
    for name in PRINCIPALS[1:]:
        p = Principal(name, tokens[name])
        p.cookie, p.csrf = sign_in(srv, name, a.password)
        people[name] = p
    admin = tokens["siteadmin"]
    orgs = {o["name"]: o["id"] for o in srv.json("GET", "/api/v1/orgs", admin)["items"]}
    fw = a.framework
    seed = {"params": {"fw": fw, "ref": "A-1", "a": 1, "b": 2, "format": "csv",
                       "token": secrets.token_urlsafe(32)[:43], "rest": "no-such-thing",
                       "user": srv.json("GET", "/api/v1/me", tokens["bystander"])["user"]["id"],
                       "id": "0"},
            "form_token": secrets.token_urlsafe(32)[:43]}
    _, _, login = srv.request("GET", "/login")
    asset = re.search(rb'/static/([^"?]+)"', login)
    seed["params"]["file"] = asset.group(1).decode() if asset else "missing"
    for which, name in (("own", "Alpha"), ("other", "Bravo")):
        base = f"/api/v1/orgs/{orgs[name]}/portfolios/{fw}"
        actions = srv.json("GET", base + "/actions", admin)["items"]
        v = {"org": orgs[name], "action": actions[0]["id"],
             "bystander": seed["params"]["user"], "bystander_token": a.bystander_token_id,
             "client": orgs["Charlie"]}
        for ref in ("A-1", "A-2", "A-4"):
            e = srv.json("GET", f"{base}/entries/{ref}", admin)
            key = ref.lower().replace("-", "")
            v["version_" + key] = e["version"]
            v["etag_" + key] = f'"v{e["version"]}"'
        seed[which] = v
    seed["own"]["other_action"] = seed["other"]["action"]
    seed["other"]["other_action"] = seed["own"]["action"]

    audit_before = {name: audit_events(srv, admin, f"/api/v1/orgs/{orgs[name]}")
                    for name in ("Alpha", "Bravo")}

    # ---- every cell (sign-outs on sessions of their own) ----
    cells = [(r, people[p], o, "token") for r in rows for p in PRINCIPALS for o in ORGS]
    # the API answers a session as it answers a token
    again = [(r, people[p], o, "session") for r in rows for p in PRINCIPALS[1:] for o in ORGS
             if r["pattern"].startswith("/api/")]
    # sessions of their own are opened first, one at a time: the sign-in is not the question
    sessions = {}
    for i, (r, p, o, via) in enumerate(cells + again):
        if p.cookie is not None and build_request(r, p, o, seed, a.password, via)[4]:
            sessions[i] = sign_in(srv, p.name, a.password)

    def one(i, cell):
        r, p, o, via = cell
        return run_cell(srv, r, p, o, seed, a.password, via, sessions.get(i))
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        results = list(pool.map(one, range(len(cells + again)), cells + again))
    problems = [p for p, _ in results if p]
    if a.show:
        for _, (row, who, org, method, path, status, loc) in results:
            print(f"{status} {who:9} {org:5} {method:5} {path} [{row['variant']}] {loc}")

    # what was refused changed nothing: the only writers are those whose role allows it
    writers = {"Alpha": {"editor", "admin", "siteadmin"}, "Bravo": {"siteadmin"}}
    for name in ("Alpha", "Bravo"):
        after = audit_events(srv, admin, f"/api/v1/orgs/{orgs[name]}")
        actors = {after[i] for i in set(after) - set(audit_before[name])}
        for who in sorted(actors - writers[name]):
            problems.append(f"organization {name} has an audit event by '{who}', whose role "
                            f"there allows no change")
        if "siteadmin" not in actors:  # the cells that may write did, and were recorded
            problems.append(f"no audit event of {name} names 'siteadmin': the check above "
                            f"cannot see who wrote")

    # the cells must not have changed what the others saw: the seeded entries are as they were
    for which, name in (("own", "Alpha"), ("other", "Bravo")):
        base = f"/api/v1/orgs/{orgs[name]}/portfolios/{fw}"
        for ref in ("A-1", "A-2", "A-4"):
            e = srv.json("GET", f"{base}/entries/{ref}", admin)
            key = "version_" + ref.lower().replace("-", "")
            if e["version"] != seed[which][key]:
                problems.append(f"{name}'s {ref} changed from version {seed[which][key]} to "
                                f"{e['version']}: a cell wrote where it should not have")

    n_routes = len(main_rows)
    print(f"authz matrix: {n_routes} routes ({len(rows) - n_routes} extra rows), "
          f"{len(ops)} OpenAPI operations; {len(rows)} rows x {len(PRINCIPALS)} principals x "
          f"{len(ORGS)} organizations = {len(cells)} cells checked (and {len(again)} API cells "
          f"again with a session instead of a token) in {time.monotonic() - started:.1f} s")
    if problems:
        print("\n".join("FAIL: " + p for p in problems))
        print(f"{len(problems)} problems in {len(cells) + len(again)} cells")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
