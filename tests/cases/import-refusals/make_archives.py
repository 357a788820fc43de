#!/usr/bin/env python3
"""Write the bad archives of this case, each good.json with one thing wrong.

good.json is a real 'cdcf export' (organization Acme, team SOC, provider MSSP;
x1060-2021 entries A-1 in-house, A-2 outsourced, A-3 hybrid, A-90 custom,
C-1 unassigned; actions on A-1 (open) and A-2 (done); the open cycle 1).
ceiling.json is good.json for organization Ceiling, with A-1 at the highest
version. Run from this directory after changing good.json; the test does not
run it.
"""
import copy
import json


def entry(d, ref):
    return next(e for e in d["portfolios"][0]["entries"] if e["ref"] == ref)


def action(d, i):
    return d["portfolios"][0]["actions"][i]


def put(obj, key, value):
    obj[key] = value


CASES = {
    # score: the framework's rubric, the sides the assignment uses
    "score-above-rubric": lambda d: put(entry(d, "A-1")["insource"], "current", 100),
    "score-below-rubric": lambda d: put(entry(d, "A-1")["insource"], "target", 0),
    "score-na-unused-side": lambda d: put(entry(d, "A-1")["outsource"], "current", "n/a"),
    "score-unused-side": lambda d: put(entry(d, "A-2")["insource"], "current", 3),
    "score-unassigned-done": lambda d: put(entry(d, "C-1")["insource"], "current", 3),
    # select and service add: services of the framework, custom services
    "ref-unknown": lambda d: put(entry(d, "A-2"), "ref", "Z-99"),
    "ref-category": lambda d: put(entry(d, "A-2"), "ref", "A"),
    "framework-unknown": lambda d: put(d["portfolios"][0], "framework", "x9999"),
    "custom-clash": lambda d: put(entry(d, "A-90"), "ref", "A-4"),
    "custom-ref-text": lambda d: put(entry(d, "A-90"), "ref", "A 90"),
    "custom-no-name": lambda d: put(entry(d, "A-90")["custom"], "name_en", ""),
    "custom-category": lambda d: put(entry(d, "A-90")["custom"], "category", "Q"),
    # assign: the parties an assignment needs, and only those
    "hybrid-no-provider": lambda d: put(entry(d, "A-3"), "provider", None),
    "insource-no-team": lambda d: put(entry(d, "A-1"), "team", None),
    "outsource-with-team": lambda d: put(entry(d, "A-2"), "team", "SOC"),
    "unassigned-with-provider": lambda d: put(entry(d, "C-1"), "provider", "MSSP"),
    # evidence: http(s) links only
    "evidence-javascript": lambda d: put(
        entry(d, "A-1"), "evidence", "https://example.com/runbook\njavascript:alert(1)"),
    # versions: 1 to the ceiling
    "version-huge": lambda d: put(entry(d, "A-1"), "version", 9223372036854775807),
    "version-ceiling": lambda d: put(entry(d, "A-1"), "version", 9007199254740992),
    "version-zero": lambda d: put(entry(d, "A-3"), "version", 0),
    # recorded times: real UTC instants, years 1970-9999
    "time-not-calendar": lambda d: put(d["organization"], "created_at", "9999-99-99T99:99:99Z"),
    "time-feb-30": lambda d: put(d["portfolios"][0], "created_at", "2026-02-30T09:00:00Z"),
    "time-no-zone": lambda d: put(action(d, 0), "created_at", "2026-04-01 09:00:00"),
    "time-hour-24": lambda d: put(action(d, 1), "done_at", "2026-04-01T24:00:00Z"),
    "time-before-1970": lambda d: put(d["portfolios"][0]["cycles"][0], "opened_at",
                                      "1969-12-31T23:59:59Z"),
    # action add / done: a service of the portfolio, title, due date, target, status
    "action-ref-unknown": lambda d: put(action(d, 0), "ref", "Z-99"),
    "action-ref-not-selected": lambda d: put(action(d, 0), "ref", "A-5"),
    "action-no-title": lambda d: put(action(d, 0), "title", ""),
    "action-due-feb-30": lambda d: put(action(d, 0), "due", "2026-02-30"),
    "action-target": lambda d: put(action(d, 0), "target", 9),
    "action-status": lambda d: put(action(d, 0), "status", "closed"),
    "action-done-no-time": lambda d: put(action(d, 1), "done_at", None),
    "action-open-with-time": lambda d: put(action(d, 0), "done_at", "2026-04-02T09:00:00Z"),
}

if __name__ == "__main__":
    good = json.load(open("good.json", encoding="utf-8"))
    for name, change in CASES.items():
        d = copy.deepcopy(good)
        change(d)
        with open("bad-%s.json" % name, "w", encoding="utf-8") as f:
            f.write(json.dumps(d, indent=2, ensure_ascii=False))  # as cdcf export writes
    # a good archive whose A-1 sits at the version ceiling (ENTRY_VERSION_MAX)
    d = copy.deepcopy(good)
    d["organization"]["name"] = "Ceiling"
    entry(d, "A-1")["version"] = 9007199254740991
    with open("ceiling.json", "w", encoding="utf-8") as f:
        f.write(json.dumps(d, indent=2, ensure_ascii=False))
    print("\n".join("try import bad-%s.json" % name for name in CASES))
