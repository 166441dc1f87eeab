"""Check a labelled detection file against the format in tests/data/README.md.

Authors of new sets run it before handing a file over; it catches the slips that
silently skew a measure (a party name not in the text, a role that does not fit
the type, a duplicate id).

    python bench/check_labels.py tests/data/detect_holdout6.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

TYPES = {"partnership_formed", "partnership_ended", "investment", "acquisition"}
CERTAINTIES = {"confirmed", "speculative", "denied"}
ROLES = {
    "partnership_formed": {"party"},
    "partnership_ended": {"party"},
    "investment": {"investor", "investee"},
    "acquisition": {"acquirer", "target"},
}
LAYOUTS = {"headline+lede", "headline", "lede"}


def problems(record: dict[str, Any]) -> list[str]:
    """Everything wrong with one labelled line, as readable sentences."""
    out: list[str] = []
    for key in ("id", "title", "summary", "watch", "aliases", "events", "kind"):
        if key not in record:
            out.append(f"missing key {key!r}")
    if out:
        return out
    text = f"{record['title']}\n{record['summary']}"
    aliases: dict[str, list[str]] = record["aliases"]
    for name in record["watch"]:
        forms = [name, *aliases.get(name, [])]
        if not any(form in text for form in forms):
            out.append(f"watched {name!r} (or an alias) is not in the text")
    layout = record["kind"].rsplit("/", 1)[-1]
    if layout not in LAYOUTS:
        out.append(f"kind layout {layout!r} is not one of {sorted(LAYOUTS)}")
    if not record["events"] and "neg-" not in record["kind"]:
        out.append("no events but kind does not start with neg-")
    if record["events"] and record["kind"].startswith("neg-"):
        out.append("kind says negative but events are listed")
    if not record["events"] and not record.get("note"):
        out.append("negatives need a note")
    for event in record["events"]:
        kind = event.get("type")
        if kind not in TYPES:
            out.append(f"unknown type {kind!r}")
            continue
        if event.get("certainty") not in CERTAINTIES:
            out.append(f"unknown certainty {event.get('certainty')!r}")
        if (kind == "investment") != ("direction" in event):
            out.append("direction belongs on investment events only, and always there")
        if kind == "investment" and event.get("direction") not in ("in", "out"):
            out.append(f"direction {event.get('direction')!r} is not in/out")
        watched = False
        for party in event.get("parties", []):
            name, role = party.get("name", ""), party.get("role")
            if role not in ROLES[kind]:
                out.append(f"role {role!r} does not fit {kind}")
            if name in record["watch"]:
                watched = True
            elif name not in text:
                out.append(f"party {name!r} is neither watched nor written in the text")
        if not watched:
            out.append(f"{kind} event has no watched party")
    return out


def main(paths: list[str]) -> int:
    bad = 0
    for path in paths:
        seen: set[str] = set()
        for number, line in enumerate(Path(path).read_text().splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{path}:{number}: not JSON: {exc}")
                bad += 1
                continue
            found = problems(record)
            if record.get("id") in seen:
                found.append(f"duplicate id {record.get('id')!r}")
            seen.add(record.get("id", ""))
            for problem in found:
                print(f"{path}:{number} ({record.get('id')}): {problem}")
            bad += bool(found)
    print(f"{bad} line(s) with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
