"""Load and validate watchlists/*.yaml; every problem carries FILE:LINE.

The YAML is composed to a node tree (not `safe_load`) so each key and value
keeps its line. Bad input never stops the worker: a malformed entity is
skipped with a Problem and the rest of its file still loads; a file that is
not a watchlist at all is skipped with a Problem and the other files load.
Checks that need every file at once (collisions, risky aliases) are in
bot/watchlist_checks.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import process

from bot.models import CERTAINTIES, EVENT_TYPES, Entity, Problem, Watchlist
from bot.watchlist_checks import Lines, cross_file_problems, file_problems

TOP_KEYS = (
    "name",
    "channel",
    "role",
    "events",
    "certainty",
    "entities",
    "event_channels",
    "description",
    "digest",
)
ENTITY_KEYS = (
    "name", "aliases", "former_names", "tickers", "case_sensitive", "context", "not_context",
    "exclude", "parent", "role", "channel", "fuzzy", "include_subsidiaries",
)  # fmt: skip
LIST_KEYS = (
    "aliases",
    "former_names",
    "tickers",
    "case_sensitive",
    "context",
    "not_context",
    "exclude",
)
ROLES = ("vendor", "customer", "competitor", "partner", "investor", "portfolio")
# Slack: channel names are lower case letters, digits, hyphens, underscores,
# up to 80 characters; ids start with C (public), G (private) or D (direct).
CHANNEL_NAME_RE = re.compile(r"^#[a-z0-9\u00c0-\uffff][a-z0-9_\-.\u00c0-\uffff]{0,79}$")
CHANNEL_ID_RE = re.compile(r"^[CGD][A-Z0-9]{8,}$")
# A digest time: "HH:MM", 24-hour, UTC ("8:00" allowed, stored as "08:00").
DIGEST_TIME_RE = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")


def is_channel(value: str) -> bool:
    """A Slack channel as newsbot can post to it: "#name" or a channel id."""
    return bool(CHANNEL_NAME_RE.match(value) or CHANNEL_ID_RE.match(value))


DIGEST_OFF = ("off", "false", "no", "", "~", "null")
SUGGEST_CUTOFF = 70  # rapidfuzz WRatio; "chanel" -> "channel", "alias" -> "aliases"
STR_TAGS = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


class _File:
    """Problems for one file, with a helper per node kind."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)
        self.problems: list[Problem] = []
        self.entity = ""  # the entry being read, for `lines`
        self.lines: Lines = {}

    def error(self, node: yaml.Node | None, message: str, severity: str = "error") -> None:
        line = node.start_mark.line + 1 if node is not None else 1
        self.problems.append(
            Problem(self.path, line, message, "warning" if severity == "warning" else "error")
        )

    def mapping(
        self, node: yaml.Node, what: str, known: tuple[str, ...]
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} must be a mapping of keys to values")
            return None
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for k, v in node.value:
            key = str(k.value)
            if key in out:
                self.error(k, f"duplicate key '{key}' in {what}")
            elif key not in known:
                hint = process.extractOne(key, known, score_cutoff=SUGGEST_CUTOFF)
                tip = (
                    f"; did you mean '{hint[0]}'?" if hint else f"; known keys: {', '.join(known)}"
                )
                self.error(k, f"unknown key '{key}' in {what}{tip}")
            else:
                out[key] = (k, v)
        return out

    def string(self, node: yaml.Node, what: str, allow_empty: bool = False) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag not in STR_TAGS:
            kind = "nothing" if node.tag.endswith(":null") else node.tag.rsplit(":", 1)[-1]
            if isinstance(node, yaml.SequenceNode):
                kind = "a list"
            elif isinstance(node, yaml.MappingNode):
                kind = "a mapping"
            self.error(node, f"{what} must be text, not {kind}")
            return None
        value = str(node.value).strip()
        if not value and not allow_empty:
            self.error(node, f"{what} is empty")
            return None
        self.lines.setdefault((self.entity, value), node.start_mark.line + 1)
        return value

    def strings(self, node: yaml.Node, what: str) -> tuple[str, ...]:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        out = [self.string(n, f"each of {what}") for n in items]
        return tuple(s for s in out if s)

    def flag(self, node: yaml.Node, what: str) -> bool | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return str(node.value).lower() in ("true", "yes", "on")
        self.error(node, f"{what} must be true or false")
        return None

    def channel(self, node: yaml.Node, what: str) -> str:
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
            self.error(
                node, f'{what} is empty; in YAML an unquoted # starts a comment: write "#name"'
            )
            return ""
        value = self.string(node, what) or ""
        if value and not is_channel(value):
            upper = value.lower() != value
            why = "lower case (Slack channel names are)" if upper else "a Slack channel"
            self.error(
                node,
                f"{what} '{value}' is not {why}: write \"#name\" (lower-case letters, digits,"
                " - and _) or a channel id like C0123456789",
            )
            return ""
        return value

    def choices(self, node: yaml.Node, what: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        out = []
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        for n in items:
            value = self.string(n, f"each of {what}")
            if value is None:
                continue
            if value not in allowed:
                hint = process.extractOne(value, allowed, score_cutoff=SUGGEST_CUTOFF)
                tip = f"did you mean '{hint[0]}'? " if hint else ""
                self.error(n, f"unknown {what} '{value}'; {tip}known: {', '.join(allowed)}")
                continue
            out.append(value)
        return tuple(out)


def load_watchlists(folder: Path) -> tuple[list[Watchlist], list[Problem]]:
    """Every *.yaml / *.yml in `folder`, sorted; README.md and other files are ignored."""
    folder = Path(folder)
    if not folder.is_dir():
        return [], [Problem(str(folder), 0, "watchlist folder not found")]
    watchlists: list[Watchlist] = []
    problems: list[Problem] = []
    lines: dict[str, Lines] = {}
    for path in sorted(
        p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()
    ):
        wl, found, lines[str(path)] = _load(path)
        problems += found
        if wl is not None:
            watchlists.append(wl)
    problems += cross_file_problems(watchlists, lines)
    return watchlists, problems


def load_watchlist_file(path: Path) -> tuple[Watchlist | None, list[Problem]]:
    wl, problems, _ = _load(path)
    return wl, problems


def _load(path: Path) -> tuple[Watchlist | None, list[Problem], Lines]:
    f = _File(path)
    wl, problems = _parse(f, path)
    return wl, problems, f.lines


def _parse(f: _File, path: Path) -> tuple[Watchlist | None, list[Problem]]:
    try:
        text = Path(path).read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark is not None else 1
        return None, [Problem(f.path, line, f"YAML syntax error: {e.problem or e}")]
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        return None, [Problem(f.path, 1, f"cannot read watchlist: {e}")]
    if root is None:
        return None, [
            Problem(f.path, 1, "the file is empty; a watchlist needs name, channel and entities")
        ]
    top = f.mapping(root, "a watchlist", TOP_KEYS)
    if top is None:
        return None, f.problems
    name = f.string(top["name"][1], "name") if "name" in top else None
    for key in ("name", "channel", "entities"):
        if key not in top:
            f.error(root, f"missing '{key}'")
    if not name:
        return None, f.problems
    channel = f.channel(top["channel"][1], "channel") if "channel" in top else ""
    role = _role(f, top.get("role"))
    entities = _entities(f, top["entities"][1], name) if "entities" in top else ()
    extra: dict[str, Any] = {}
    if "events" in top:
        extra["events"] = f.choices(top["events"][1], "event type", EVENT_TYPES)
    if "certainty" in top:
        extra["certainties"] = f.choices(top["certainty"][1], "certainty", CERTAINTIES)
    if "event_channels" in top:
        extra["event_channels"] = _event_channels(f, top["event_channels"][1])
    if "digest" in top:
        extra["digest"] = _digest(f, top["digest"][1])
    wl = Watchlist(name=name, channel=channel, path=f.path, entities=entities, role=role, **extra)
    f.problems += file_problems(wl, f.lines)
    return wl, f.problems


def _role(f: _File, pair: tuple[yaml.Node, yaml.Node] | None) -> str:
    if pair is None:
        return ""
    found = f.choices(pair[1], "role", ROLES)
    return found[0] if found else ""


def _digest(f: _File, node: yaml.Node) -> str:
    """ "HH:MM" or "" (off). The node keeps the text as written, so an unquoted off
    (YAML: false) and 17:30 (YAML 1.1: a base-60 integer) both read as meant."""
    value = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else "?"
    if value.lower() in DIGEST_OFF and node.tag.endswith((":bool", ":str", ":null")):
        return ""
    if (m := DIGEST_TIME_RE.match(value)) and node.tag.endswith((":str", ":int")):
        return f"{int(m.group(1)):02d}:{m.group(2)}"
    f.error(node, f"digest '{value}' is not a time of day: write a UTC time like \"08:00\", or off")
    return ""


def _event_channels(f: _File, node: yaml.Node) -> dict[str, str]:
    items = f.mapping(node, "event_channels", EVENT_TYPES)
    return {k: c for k, (_, v) in (items or {}).items() if (c := f.channel(v, f"channel for {k}"))}


def _entities(f: _File, node: yaml.Node, watchlist: str) -> tuple[Entity, ...]:
    if not isinstance(node, yaml.SequenceNode):
        f.error(node, "entities must be a list of entries, each starting with '- name:'")
        return ()
    if not node.value:
        f.error(node, "entities is empty")
    out = []
    for item in node.value:
        entity = _entity(f, item, watchlist)
        if entity is not None:
            out.append(entity)
    return tuple(out)


def _entity(f: _File, node: yaml.Node, watchlist: str) -> Entity | None:
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
        # "- Scale AI" is a name with nothing else: watch it as such.
        bare = " ".join(str(node.value).split())
        if not bare:
            f.error(node, "empty entity; write '- name: Company'")
            return None
        f.lines[(bare, bare)] = node.start_mark.line + 1
        return Entity(name=bare, watchlist=watchlist, line=node.start_mark.line + 1)
    before = len(f.problems)
    keys = f.mapping(node, "an entity", ENTITY_KEYS)
    if keys is None:
        return None
    if "name" not in keys:
        f.error(node, "entity has no 'name'; skipped")
        return None
    f.entity = ""
    name = f.string(keys["name"][1], "entity name")
    if not name:
        return None
    f.entity = name
    f.lines[(name, name)] = keys["name"][1].start_mark.line + 1
    fields: dict[str, Any] = {k: f.strings(keys[k][1], k) for k in LIST_KEYS if k in keys}
    fields["case_sensitive_aliases"] = fields.pop("case_sensitive", ())
    for key in ("parent", "channel"):
        if key in keys:
            value = (
                f.channel(keys[key][1], key) if key == "channel" else f.string(keys[key][1], key)
            )
            fields[key] = value or ""
    if "role" in keys:
        fields["role"] = _role(f, keys["role"])
    for key in ("fuzzy", "include_subsidiaries"):
        if key in keys and (flag := f.flag(keys[key][1], key)) is not None:
            fields[key] = flag
    written = {
        name,
        *fields.get("aliases", ()),
        *fields.get("former_names", ()),
        *fields.get("tickers", ()),
    }
    for cs in fields["case_sensitive_aliases"]:
        if cs not in written:
            f.error(
                keys["case_sensitive"][1],
                f"case_sensitive '{cs}' is not the name, an alias or a ticker of '{name}'",
            )
    if any(p.severity == "error" for p in f.problems[before:]):
        # The company is still watched, on what was valid: an unknown key or a
        # bad guard must not silently stop alerts on a vendor until someone looks.
        f.problems.append(
            Problem(
                f.path,
                node.start_mark.line + 1,
                f"entity '{name}' is watched without the parts above until they are fixed",
            )
        )
    return Entity(name=name, watchlist=watchlist, line=node.start_mark.line + 1, **fields)
