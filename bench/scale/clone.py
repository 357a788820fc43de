#!/usr/bin/env python3
"""Clone one organization of a cdcf database N times, for the scale benchmark.

usage: clone.py DB SEED_ORG N [--member USER] [--member-of-first USER] [--group K]

The seed organization (built through the cdcf CLI, so every row is one cdcf
wrote) is copied with its teams, providers, portfolios, entries, actions,
cycles and quadrant positions as "Org 000001" ... "Org N", in one transaction,
with fresh ids. --member USER makes USER a viewer of every copy,
--member-of-first USER an editor of "Org 000001"; --group K puts the K copies after the first under
"Org 000001" (a parent with K subsidiaries). The rows are copied, not
made by cdcf's rules: the seed's rows are already valid and the copies differ
only in ids and names. Only the benchmark uses this; it never touches a
database people work in.
"""
import sqlite3
import sys


def columns(db, table):
    return [r[1] for r in db.execute("PRAGMA table_info(%s)" % table)]


def main():
    args = sys.argv[1:]
    member = first = None
    group = 0
    if "--group" in args:
        i = args.index("--group"); group = int(args[i + 1]); del args[i:i + 2]
    if "--member" in args:
        i = args.index("--member"); member = args[i + 1]; del args[i:i + 2]
    if "--member-of-first" in args:
        i = args.index("--member-of-first"); first = args[i + 1]; del args[i:i + 2]
    path, seed_name, n = args[0], args[1], int(args[2])
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("BEGIN IMMEDIATE")
    seed = db.execute("SELECT id, created_at FROM organizations WHERE name = ?", (seed_name,)).fetchone()
    if not seed:
        sys.exit("clone.py: no organization %r" % seed_name)
    seed_id, created = seed
    width = max(6, len(str(n)))

    def rows(table, where, arg):
        cols = columns(db, table)
        return cols, db.execute("SELECT %s FROM %s WHERE %s" % (", ".join(cols), table, where), (arg,)).fetchall()

    tcols, teams = rows("teams", "org_id = ?", seed_id)
    pcols, provs = rows("providers", "org_id = ?", seed_id)
    fcols, pfs = rows("portfolios", "org_id = ?", seed_id)
    per_pf = {}
    for pf in pfs:
        pid = pf[fcols.index("id")]
        per_pf[pid] = {t: rows(t, "portfolio_id = ?", pid) for t in ("entries", "actions", "cycles", "positions")}

    def next_id(table):
        return (db.execute("SELECT COALESCE(MAX(id), 0) FROM %s" % table).fetchone()[0]) + 1

    ids = {t: next_id(t) for t in ("organizations", "teams", "providers", "portfolios", "entries", "actions", "cycles")}
    users = {}
    for u in (member, first):
        if u:
            r = db.execute("SELECT id FROM users WHERE name = ?", (u,)).fetchone()
            if not r:
                sys.exit("clone.py: no user %r" % u)
            users[u] = r[0]

    def insert(table, cols, values):
        db.executemany("INSERT INTO %s (%s) VALUES (%s)" % (table, ", ".join(cols), ", ".join("?" * len(cols))), values)

    batch = {t: [] for t in ("organizations", "teams", "providers", "portfolios", "entries", "actions", "cycles", "positions", "memberships")}
    def flush():
        order = ("organizations", "teams", "providers", "portfolios", "entries", "actions", "cycles", "positions", "memberships")
        cols_of = {"organizations": ["id", "name", "parent_id", "created_at"], "teams": tcols, "providers": pcols,
                   "portfolios": fcols, "memberships": ["user_id", "org_id", "role", "team_id"]}
        for t in order:
            if batch[t]:
                c = cols_of.get(t) or per_pf_cols[t]
                insert(t, c, batch[t])
                batch[t] = []

    per_pf_cols = {}
    for pid, tabs in per_pf.items():
        for t, (c, _) in tabs.items():
            per_pf_cols[t] = c

    for i in range(1, n + 1):
        oid = ids["organizations"]; ids["organizations"] += 1
        if i == 1:
            parent = oid
        batch["organizations"].append((oid, "Org %0*d" % (width, i), parent if 1 < i <= group + 1 else None, created))
        team_map, prov_map, pf_map = {}, {}, {}
        for t in teams:
            t = list(t); tid = ids["teams"]; ids["teams"] += 1
            team_map[t[tcols.index("id")]] = tid
            t[tcols.index("id")] = tid; t[tcols.index("org_id")] = oid
            batch["teams"].append(t)
        for p in provs:
            p = list(p); vid = ids["providers"]; ids["providers"] += 1
            prov_map[p[pcols.index("id")]] = vid
            p[pcols.index("id")] = vid; p[pcols.index("org_id")] = oid
            batch["providers"].append(p)
        for pf in pfs:
            pf = list(pf); old = pf[fcols.index("id")]; new = ids["portfolios"]; ids["portfolios"] += 1
            pf_map[old] = new
            pf[fcols.index("id")] = new; pf[fcols.index("org_id")] = oid
            batch["portfolios"].append(pf)
            for t, (c, rs) in per_pf[old].items():
                for r in rs:
                    r = list(r)
                    if "id" in c:
                        r[c.index("id")] = ids[t]; ids[t] += 1
                    r[c.index("portfolio_id")] = new
                    if "team_id" in c and r[c.index("team_id")] is not None:
                        r[c.index("team_id")] = team_map[r[c.index("team_id")]]
                    if "provider_id" in c and r[c.index("provider_id")] is not None:
                        r[c.index("provider_id")] = prov_map[r[c.index("provider_id")]]
                    batch[t].append(r)
        if member:
            batch["memberships"].append((users[member], oid, "viewer", None))
        if first and i == 1:
            batch["memberships"].append((users[first], oid, "editor", None))
        if i % 2000 == 0:
            flush()
    flush()
    db.execute("COMMIT")
    # no ANALYZE: cdcf never runs it, and statistics from this skewed data (one user a
    # member of every organization) make SQLite scan memberships for a member of one
    db.close()


if __name__ == "__main__":
    main()
