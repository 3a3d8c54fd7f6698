"""Reads an iCalendar file as strictly as we can with PyPI's icalendar (RFC 5545), and prints
its events as JSON for the Swift test to compare with the claims it came from.

    python3 Tests/Reference/check_ics.py FILE

Fails (exit 1) on a bare line break, a line over 75 octets, a parse error icalendar records on
any component, a missing required property, or an event that ends before it starts."""
import json
import sys

from icalendar import Calendar

data = open(sys.argv[1], "rb").read()
lines = data.split(b"\r\n")
assert lines[-1] == b"", "the file must end with CRLF"
for n, line in enumerate(lines[:-1], 1):
    assert b"\n" not in line and b"\r" not in line, f"line {n}: a bare line break"
    assert len(line) <= 75, f"line {n}: {len(line)} octets, over 75"
    line.decode("utf-8")
cal = Calendar.from_ical(data)
errors = [(c.name, c.errors) for c in cal.walk() if c.errors]
assert not errors, f"parse errors: {errors}"
assert cal.name == "VCALENDAR" and str(cal["VERSION"]) == "2.0" and "PRODID" in cal
events = []
for e in cal.walk("VEVENT"):
    for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION"):
        assert prop in e, f"an event lacks {prop}"
    start, end = e.decoded("DTSTART"), e.decoded("DTEND")
    assert end > start, f"{e['UID']} ends before it starts"
    categories = []
    if "CATEGORIES" in e:
        for c in (e["CATEGORIES"] if isinstance(e["CATEGORIES"], list) else [e["CATEGORIES"]]):
            categories += [str(x) for x in c.cats]
    events.append({
        "uid": str(e["UID"]), "start": start.isoformat(), "end": end.isoformat(),
        "summary": str(e["SUMMARY"]), "description": str(e["DESCRIPTION"]),
        "categories": categories, "url": str(e.get("URL", "")),
    })
print(json.dumps(events, ensure_ascii=False))
