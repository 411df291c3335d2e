#!/usr/bin/python3
"""feed-check.py: what real parsers make of a feed, for t/feeds.t.

usage: feed-check.py rss|atom|ics FILE
Prints one line per fact, "key<TAB>value", for the shell test to compare:
the parser's complaints (bozo), each entry's title, link, id, dates and
text.  Uses Debian's python3-feedparser and python3-icalendar: the parsers
subscribers' tools are built on.  feedparser sanitizes the HTML it hands
over (it drops <script>), so each entry's HTML is also given as the XML
carries it ("raw", read with ElementTree), for checks a reader without
feedparser's cleaning would need.
"""
import sys
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"


def out(key, value):
    # One fact a line: newlines and tabs shown as \n and \t.
    value = str(value).replace("\n", "\\n").replace("\t", "\\t")
    print(f"{key}\t{value}")


def feed(path):
    import feedparser
    with open(path, "rb") as f:
        d = feedparser.parse(f.read())
    out("bozo", int(bool(d.bozo)))
    if d.bozo:
        out("bozo_exception", repr(d.bozo_exception))
    out("version", d.version)
    out("title", d.feed.get("title", ""))
    for link in d.feed.get("links", []):
        out("feed_link_" + link.get("rel", ""), link.get("href", ""))
    out("entries", len(d.entries))
    raw = raw_html(path)
    for i, e in enumerate(d.entries):
        out(f"{i}.title", e.get("title", ""))
        out(f"{i}.link", e.get("link", ""))
        out(f"{i}.id", e.get("id", ""))
        out(f"{i}.published", int(e.get("published_parsed") is not None))
        out(f"{i}.updated", e.get("updated", ""))
        text = e.get("content", [{}])[0].get("value") if "content" in e else e.get("summary", "")
        out(f"{i}.text", text)
        out(f"{i}.raw", raw[i] if i < len(raw) else "")


def raw_html(path):
    """Each entry's HTML as the XML carries it, unsanitized."""
    root = ET.parse(path).getroot()
    if root.tag == ATOM + "feed":
        return ["".join(e.find(ATOM + "content").itertext())
                if e.find(ATOM + "content") is not None else ""
                for e in root.iter(ATOM + "entry")]
    return [i.findtext("description") or "" for i in root.iter("item")]


def ics(path):
    import icalendar
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    out("calname", str(cal.get("X-WR-CALNAME", "")))
    out("events", len(events))
    for i, e in enumerate(events):
        out(f"{i}.uid", str(e.get("UID")))
        out(f"{i}.summary", str(e.get("SUMMARY")))
        out(f"{i}.start", e.decoded("DTSTART").isoformat())
        out(f"{i}.end", e.decoded("DTEND").isoformat())
        out(f"{i}.url", str(e.get("URL")))
        out(f"{i}.description", str(e.get("DESCRIPTION")))


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    try:
        ics(path) if kind == "ics" else feed(path)
    except Exception as exc:  # the test reports it as a failure
        out("error", repr(exc))
        sys.exit(1)
