"""Checks on loaded watchlists: duplicates, collisions, risky aliases (pure).

Two spellings collide when their joined normalised forms are equal ("Scale.ai"
and "ScaleAI"), because that is what the matcher would see. The same company
on two lists is allowed (one alert per channel) and said as a warning; an
alias that is another company's name is an error, since every mention would
alert as both.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from bot.match_index import is_common
from bot.models import Entity, Problem, Watchlist
from bot.normalize import core_tokens, normalize_name

Lines = dict[tuple[str, str], int]  # (entity name, value as written) -> line
# Aliases this short are noise unless guarded ("AI", "AMD", "X"); the
# matcher already takes them only as written, the warning makes that explicit.
SHORT_WARN_LEN = 3
KIND_WORDS = {"name": "name", "alias": "alias", "former": "former name", "ticker": "ticker"}


def _forms(e: Entity) -> Iterator[tuple[str, str]]:
    yield e.name, "name"
    yield from ((a, "alias") for a in e.aliases)
    yield from ((a, "former") for a in e.former_names)
    yield from ((t, "ticker") for t in e.tickers)


def _key(written: str) -> str:
    return normalize_name(written).replace(" ", "")


def _line(lines: Lines, e: Entity, written: str) -> int:
    return lines.get((e.name, written), e.line)


def file_problems(wl: Watchlist, lines: Lines) -> list[Problem]:
    out: list[Problem] = []
    names: dict[str, Entity] = {}
    aliases: dict[str, tuple[Entity, str, str]] = {}
    for e in wl.entities:
        key = _key(e.name)
        if key in names:
            first = names[key]
            out.append(
                Problem(
                    wl.path, e.line, f"duplicate entity '{e.name}' (first at line {first.line})"
                )
            )
            continue
        names[key] = e
        for written, kind in _forms(e):
            k = _key(written)
            line = _line(lines, e, written)
            if not k:
                out.append(
                    Problem(
                        wl.path, line, f"{KIND_WORDS[kind]} '{written}' has no letters or digits"
                    )
                )
                continue
            other = aliases.get(k)
            if other is not None and other[0].name != e.name:
                o, o_written, o_kind = other
                out.append(
                    Problem(
                        wl.path,
                        line,
                        f"{KIND_WORDS[kind]} '{written}' of '{e.name}' is also the"
                        f" {KIND_WORDS[o_kind]} '{o_written}' of '{o.name}'"
                        f" (line {_line(lines, o, o_written)})",
                    )
                )
            aliases.setdefault(k, (e, written, kind))
        out += _risky(wl, e, lines)
    return out


def _risky(wl: Watchlist, e: Entity, lines: Lines) -> Iterator[Problem]:
    guarded_by_case = set(e.case_sensitive_aliases)
    has_context = bool(e.context)
    for written, kind in _forms(e):
        toks, _, _ = core_tokens(written)
        line = _line(lines, e, written)
        what = f"{KIND_WORDS[kind]} '{written}'"
        if written in guarded_by_case or has_context:
            continue
        letters = "".join(toks)
        if kind == "ticker":
            if len(letters) <= 3 or is_common(toks):
                yield Problem(
                    wl.path,
                    line,
                    f"{what} is short or a word and has no context: list it under"
                    " case_sensitive or add context words (bare, it matches only after $"
                    " or an exchange)",
                    "warning",
                )
            continue
        if is_common(toks) and not e.exclude:
            yield Problem(
                wl.path,
                line,
                f"{what} is a common word: add context words so it matches the"
                " company, not the word (until then only capitalised, mid-sentence, or followed"
                " by a company verb)",
                "warning",
            )
        elif len(toks) == 1 and written.isalpha() and written.islower() and len(written) >= 3:
            yield Problem(
                wl.path,
                line,
                f"{what} is written in lower case like a dictionary word: write it"
                " as the company does, or list it under case_sensitive",
                "warning",
            )
        elif len(letters) <= SHORT_WARN_LEN:
            yield Problem(
                wl.path,
                line,
                f"{what} has {len(letters)} letters: list it under case_sensitive"
                " (it is matched only as written) or add context words",
                "warning",
            )


def cross_file_problems(watchlists: Sequence[Watchlist], lines: dict[str, Lines]) -> list[Problem]:
    out: list[Problem] = []
    seen_lists: dict[str, Watchlist] = {}
    owners: dict[str, tuple[Watchlist, Entity, str]] = {}
    for wl in watchlists:
        if wl.name in seen_lists:
            out.append(
                Problem(
                    wl.path,
                    lines.get(wl.path, {}).get(("", wl.name), 1),
                    f"watchlist name '{wl.name}' is also used by {seen_lists[wl.name].path}",
                )
            )
        seen_lists.setdefault(wl.name, wl)
        told: set[tuple[str, str]] = set()
        mine: dict[str, tuple[Watchlist, Entity, str]] = {}
        for e in wl.entities:
            for written, _ in _forms(e):
                k = _key(written)
                other = owners.get(k)
                if k and other is not None and other[0].path != wl.path:
                    o_wl, o, o_written = other
                    where = (
                        f"{o_wl.path}:{lines.get(o_wl.path, {}).get((o.name, o_written), o.line)}"
                    )
                    line = lines.get(wl.path, {}).get((e.name, written), e.line)
                    if normalize_name(o.name) == normalize_name(e.name):
                        if (o_wl.path, e.name) not in told:
                            told.add((o_wl.path, e.name))
                            out.append(
                                Problem(
                                    wl.path,
                                    e.line,
                                    f"'{e.name}' is also on watchlist '{o_wl.name}' ({where}):"
                                    " intended if both channels should hear of it"
                                    " (one alert per channel)",
                                    "warning",
                                )
                            )
                    else:
                        out.append(
                            Problem(
                                wl.path,
                                line,
                                f"'{written}' of '{e.name}' is also '{o_written}' of '{o.name}'"
                                f" on watchlist '{o_wl.name}' ({where}):"
                                " every mention would alert as both; not intended unless they"
                                " are one company (then give both entries the same name)",
                            )
                        )
                if k:
                    mine.setdefault(k, (wl, e, written))
        for k, v in mine.items():
            owners.setdefault(k, v)
    return out
