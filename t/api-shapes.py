#!/usr/bin/env python3
# api-shapes.py: checks a JSON answer against Statuspage's API v2 shapes
# (exact key sets, types, enums, timestamp format), standard library only.
#
#   api-shapes.py check KIND BASE_URL <body   KIND: summary, status,
#       components, incidents, maintenances, incident, history, uptime.
#       Prints one line per problem; exits 1 if there is any.
#   api-shapes.py get EXPR <body   prints eval(EXPR) with d = the document
#       (the test's own expressions, never data from the server).
import json
import re
import sys

TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

PAGE = {"id", "name", "url", "time_zone", "updated_at"}
STATUS = {"indicator", "description"}
COMPONENT = {"id", "name", "status", "created_at", "updated_at", "position",
             "description", "showcase", "start_date", "group_id", "page_id",
             "group", "only_show_if_degraded"}
GROUP = COMPONENT | {"components"}
INCIDENT = {"id", "name", "status", "created_at", "updated_at",
            "monitoring_at", "resolved_at", "impact", "shortlink",
            "started_at", "page_id", "incident_updates", "components"}
MAINTENANCE = INCIDENT | {"scheduled_for", "scheduled_until"}
UPDATE = {"id", "status", "body", "incident_id", "created_at", "updated_at",
          "display_at", "affected_components", "deliver_notifications",
          "custom_tweet", "tweet_id"}
AFFECTED = {"code", "name", "old_status", "new_status"}

COMPONENT_STATUS = {"operational", "degraded_performance", "partial_outage",
                    "major_outage", "under_maintenance"}
INCIDENT_STATUS = {"investigating", "identified", "monitoring", "resolved",
                   "postmortem"}
MAINTENANCE_STATUS = {"scheduled", "in_progress", "verifying", "completed"}
IMPACT = {"none", "minor", "major", "critical"}
INDICATOR = {"none", "minor", "major", "critical", "maintenance"}

problems = []


def bad(where, what):
    problems.append(f"{where}: {what}")


def keys(where, o, want):
    if not isinstance(o, dict):
        bad(where, f"not an object: {o!r:.80}")
        return False
    got = set(o)
    if got != want:
        missing, extra = want - got, got - want
        bad(where, f"keys: missing {sorted(missing)}, extra {sorted(extra)}")
        return False
    return True


def string(where, v, nullable=False):
    if v is None and nullable:
        return
    if not isinstance(v, str) or v == "":
        bad(where, f"not a non-empty string: {v!r:.80}")


def time(where, v, nullable=True):
    if v is None and nullable:
        return
    if not isinstance(v, str) or not TIME.match(v):
        bad(where, f"not an ISO 8601 time with ms and offset: {v!r}")


def boolean(where, v):
    if not isinstance(v, bool):
        bad(where, f"not a boolean: {v!r}")


def enum(where, v, allowed):
    if v not in allowed:
        bad(where, f"{v!r} not one of {sorted(allowed)}")


def page(where, o, base):
    if not keys(where, o, PAGE):
        return
    string(where + ".id", o["id"])
    string(where + ".name", o["name"])
    if o["url"] != base:
        bad(where + ".url", f"{o['url']!r} is not the base URL {base!r}")
    string(where + ".time_zone", o["time_zone"])
    time(where + ".updated_at", o["updated_at"], nullable=False)


def status(where, o):
    if keys(where, o, STATUS):
        enum(where + ".indicator", o["indicator"], INDICATOR)
        string(where + ".description", o["description"])


def component(where, o, page_id):
    is_group = isinstance(o, dict) and o.get("group") is True
    if not keys(where, o, GROUP if is_group else COMPONENT):
        return
    for k in ("id", "name", "page_id"):
        string(f"{where}.{k}", o[k])
    if o["page_id"] != page_id:
        bad(where + ".page_id", "not the page's id")
    enum(where + ".status", o["status"], COMPONENT_STATUS)
    time(where + ".created_at", o["created_at"], nullable=False)
    time(where + ".updated_at", o["updated_at"], nullable=False)
    if not isinstance(o["position"], int) or isinstance(o["position"], bool):
        bad(where + ".position", f"not an integer: {o['position']!r}")
    string(where + ".description", o["description"], nullable=True)
    boolean(where + ".showcase", o["showcase"])
    boolean(where + ".group", o["group"])
    boolean(where + ".only_show_if_degraded", o["only_show_if_degraded"])
    if o["start_date"] is not None and not DATE.match(str(o["start_date"])):
        bad(where + ".start_date", f"not a date: {o['start_date']!r}")
    string(where + ".group_id", o["group_id"], nullable=True)
    if is_group:
        if o["group_id"] is not None:
            bad(where + ".group_id", "a group is in no group")
        if not isinstance(o["components"], list):
            bad(where + ".components", "not a list")
        else:
            for i, c in enumerate(o["components"]):
                string(f"{where}.components[{i}]", c)


def incident(where, o, page_id, base, maintenance):
    if not keys(where, o, MAINTENANCE if maintenance else INCIDENT):
        return
    for k in ("id", "name", "page_id"):
        string(f"{where}.{k}", o[k])
    enum(where + ".status", o["status"],
         MAINTENANCE_STATUS if maintenance else INCIDENT_STATUS)
    enum(where + ".impact", o["impact"], IMPACT)
    time(where + ".created_at", o["created_at"], nullable=False)
    time(where + ".updated_at", o["updated_at"], nullable=False)
    for k in ("monitoring_at", "resolved_at", "started_at"):
        time(f"{where}.{k}", o[k])
    if not maintenance and o["started_at"] is None:
        bad(where + ".started_at", "an incident has begun")
    if maintenance:
        time(where + ".scheduled_for", o["scheduled_for"], nullable=False)
        time(where + ".scheduled_until", o["scheduled_until"], nullable=False)
    if o["shortlink"] != f"{base}/incidents/{o['id']}":
        bad(where + ".shortlink", f"{o['shortlink']!r}")
    ups = o["incident_updates"]
    if not isinstance(ups, list) or not ups:
        bad(where + ".incident_updates", "not a non-empty list")
        ups = []
    ids = set()
    for i, u in enumerate(ups):
        w = f"{where}.incident_updates[{i}]"
        if not keys(w, u, UPDATE):
            continue
        string(w + ".id", u["id"])
        ids.add(u["id"])
        if u["incident_id"] != o["id"]:
            bad(w + ".incident_id", "not the incident's id")
        enum(w + ".status", u["status"], INCIDENT_STATUS | MAINTENANCE_STATUS)
        string(w + ".body", u["body"])
        for k in ("created_at", "updated_at", "display_at"):
            time(f"{w}.{k}", u[k], nullable=False)
        boolean(w + ".deliver_notifications", u["deliver_notifications"])
        string(w + ".custom_tweet", u["custom_tweet"], nullable=True)
        string(w + ".tweet_id", u["tweet_id"], nullable=True)
        ac = u["affected_components"]
        if ac is not None:
            if not isinstance(ac, list) or not ac:
                bad(w + ".affected_components", "neither null nor a non-empty list")
                ac = []
            for j, a in enumerate(ac):
                wa = f"{w}.affected_components[{j}]"
                if keys(wa, a, AFFECTED):
                    string(wa + ".code", a["code"])
                    string(wa + ".name", a["name"])
                    enum(wa + ".old_status", a["old_status"], COMPONENT_STATUS)
                    enum(wa + ".new_status", a["new_status"], COMPONENT_STATUS)
    if len(ids) != len(ups):
        bad(where + ".incident_updates", "update ids are not unique")
    # Newest first; offsets are the page's, so compare the instants.
    from datetime import datetime
    try:
        at = [datetime.fromisoformat(u["created_at"]) for u in ups]
        if at != sorted(at, reverse=True):
            bad(where + ".incident_updates", "not newest first")
    except (KeyError, TypeError, ValueError):
        pass
    if not isinstance(o["components"], list):
        bad(where + ".components", "not a list")
    else:
        for i, c in enumerate(o["components"]):
            component(f"{where}.components[{i}]", c, page_id)


def notices(where, lst, page_id, base, maintenance):
    if not isinstance(lst, list):
        bad(where, "not a list")
        return
    for i, o in enumerate(lst):
        incident(f"{where}[{i}]", o, page_id, base, maintenance)


def percent(where, v):
    if v is None:
        return
    if not isinstance(v, (int, float)) or isinstance(v, bool) or not 0 <= v <= 100:
        bad(where, f"not a percentage: {v!r}")


def check(kind, d, base):
    top = {
        "summary": {"page", "components", "incidents", "scheduled_maintenances", "status"},
        "status": {"page", "status"},
        "components": {"page", "components"},
        "incidents": {"page", "incidents"},
        "maintenances": {"page", "scheduled_maintenances"},
        "incident": {"page", "incident"},
        "history": {"page", "months", "newer", "older", "next", "remaining"},
        "uptime": {"page", "formula", "from", "to", "components"},
    }[kind]
    if not keys("top", d, top):
        return
    page("page", d["page"], base)
    pid = d["page"].get("id") if isinstance(d["page"], dict) else None
    if "status" in d:
        status("status", d["status"])
    if "components" in d and kind != "uptime":
        if not isinstance(d["components"], list):
            bad("components", "not a list")
        else:
            for i, c in enumerate(d["components"]):
                component(f"components[{i}]", c, pid)
    if "incidents" in d:
        notices("incidents", d["incidents"], pid, base, False)
    if "scheduled_maintenances" in d:
        notices("scheduled_maintenances", d["scheduled_maintenances"], pid, base, True)
    if kind == "incident":
        o = d["incident"]
        incident("incident", o, pid, base,
                 isinstance(o, dict) and "scheduled_for" in o)
    if kind == "history":
        for k in ("newer", "older", "next"):
            if d[k] is not None and not str(d[k]).startswith(base + "/history.json?page="):
                bad(k, f"{d[k]!r}")
        if d["next"] is not None and not re.search(r"&before=[1-9][0-9]*$", d["next"]):
            bad("next", f"{d['next']!r}")
        if not isinstance(d["remaining"], int) or isinstance(d["remaining"], bool) \
                or d["remaining"] < 0 or (d["remaining"] > 0) != (d["next"] is not None):
            bad("remaining", f"{d['remaining']!r} with next {d['next']!r}")
        for i, m in enumerate(d["months"]):
            w = f"months[{i}]"
            if keys(w, m, {"name", "incidents", "scheduled_maintenances"}):
                if not re.match(r"^\d{4}-\d{2}$", str(m["name"])):
                    bad(w + ".name", f"{m['name']!r}")
                notices(w + ".incidents", m["incidents"], pid, base, False)
                notices(w + ".scheduled_maintenances",
                        m["scheduled_maintenances"], pid, base, True)
    if kind == "uptime":
        if keys("formula", d["formula"], {"name", "expression"}):
            string("formula.name", d["formula"]["name"])
            string("formula.expression", d["formula"]["expression"])
        for k in ("from", "to"):
            if not DATE.match(str(d[k])):
                bad(k, f"{d[k]!r}")
        for i, c in enumerate(d["components"]):
            w = f"components[{i}]"
            if not keys(w, c, {"id", "name", "uptime", "days", "months"}):
                continue
            string(w + ".id", c["id"])
            percent(w + ".uptime", c["uptime"])
            if len(c["days"]) != 90:
                bad(w + ".days", f"{len(c['days'])} days, not 90")
            for j, day in enumerate(c["days"]):
                wd = f"{w}.days[{j}]"
                if keys(wd, day, {"date", "partial_outage_seconds",
                                  "major_outage_seconds"}):
                    if not DATE.match(str(day["date"])):
                        bad(wd + ".date", f"{day['date']!r}")
                    for k in ("partial_outage_seconds", "major_outage_seconds"):
                        if not isinstance(day[k], int) or day[k] < 0:
                            bad(f"{wd}.{k}", f"{day[k]!r}")
            if len(c["months"]) != 12:
                bad(w + ".months", f"{len(c['months'])} months, not 12")
            for j, m in enumerate(c["months"]):
                wm = f"{w}.months[{j}]"
                if keys(wm, m, {"name", "uptime"}):
                    percent(wm + ".uptime", m["uptime"])


def main():
    d = json.load(sys.stdin)
    if sys.argv[1] == "get":
        v = eval(sys.argv[2], {"d": d})
        print(v if isinstance(v, str) else json.dumps(v))
        return 0
    check(sys.argv[2], d, sys.argv[3])
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
