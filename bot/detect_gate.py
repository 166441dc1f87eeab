"""A cheap test before each rule's regex: is any of its trigger words in the sentence?

Most of detect's time went on running some seventy rule patterns over every
sentence. Each rule gets a gate, a set of word starts (the first three letters
of a word, or a whole shorter word) one of which any match must contain; the
sentence's word starts are collected once, and a rule whose gate misses them is
skipped. The gate is read from the pattern's leading word group, or given as
Rule.keys where that group is optional or not plain words.
"""

from __future__ import annotations

import re

from bot.detect_lexicon import Rule

# Word starts as the gates spell them: a word's first three characters, whole when shorter
# (one match per word: inside a word there is no \b).
_WORD_START = re.compile(r"\b\w{1,3}")
_OPENERS = re.compile(r"(?:\\b|\(\?<[=!](?:[^()]|\([^()]*\))*\)\s*)*\(\?:")


def _group_end(pattern: str, start: int) -> int:
    """Index just past the group that opens at start (its "(")."""
    depth = 0
    i = start
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = pattern.index("]", i + 1) + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def _top_alternatives(group: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for c in group:
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        if c == "|" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += c
    return [*out, cur]


def _key(alt: str) -> str | None:
    """The word start an alternative begins with, or None when it cannot be read off."""
    m = re.match(r"[a-z]+", alt)
    if not m:
        return None
    word = m.group()
    nxt = alt[m.end() : m.end() + 1]
    if len(word) >= 3:
        return word[:3]
    # A short whole word ("an increase in", "co-leads"): it must end where the \w run ends.
    return word if nxt in ("", " ", "-", "\\") and not alt[m.end() :].startswith("\\w") else None


def _leading(pattern: str) -> frozenset[str]:
    m = _OPENERS.match(pattern)
    if not m:
        return frozenset()
    open_at = m.end() - 3
    end = _group_end(pattern, open_at)
    if end < 0 or pattern[end : end + 1] in ("?", "*", "{"):
        return frozenset()  # an optional group proves nothing
    keys = [_key(a) for a in _top_alternatives(pattern[open_at + 3 : end - 1])]
    return frozenset(k for k in keys if k) if all(keys) else frozenset()


def gate(rule: Rule) -> frozenset[str]:
    """Word starts one of which any match of rule contains; empty means always run."""
    if rule.keys:
        return frozenset(rule.keys.split())
    return leading_keys(rule)


def leading_keys(rule: Rule) -> frozenset[str]:
    """Word starts one of which begins every match; empty when the pattern does not say."""
    branches = [_leading(b) for b in _top_alternatives(rule.pattern)]
    return frozenset().union(*branches) if all(branches) else frozenset()


def word_positions(masked: str) -> dict[str, list[int]]:
    """The gate words of a masked sentence and where each word with that start begins."""
    where: dict[str, list[int]] = {}
    for m in _WORD_START.finditer(masked):
        where.setdefault(m.group(), []).append(m.start())
    return where


# Second gates: word starts one of which a match must ALSO contain, read off a required
# group later in the pattern (its deal or stake noun, its verb); these rules' first gates
# pass in most sentences (speed: cProfile over bench/eval_detect.py's texts).
SECOND: dict[str, frozenset[str]] = {
    name: frozenset(keys.split())
    for name, keys in {
        "sign-deal": "par pac all col coo agr dea con tie joi jv jvs ven let mem mou ord sup",
        "stake-buy": "sta sha hol int",
        "stake-buy-pre": "sta sha",
        "stock-buy": "sto sha equ",
        "in-deal": "joi par all sup lic clo chi com col dea",
        "jointly": "dev bui mak pro lau cre des rol off bri",
        # Their first gates are common words ("work", "will", "agreed", "deal"); the second
        # is the word that makes the rule (cProfile over bench/analyze.py).
        "deal-ends": "win exp lap ren end",
        "stop-carrying": "sel car sto use usi buy off",
        "renewal-with": "ren ext",
        "tie-stands": "par rel tie all joi ven con agr col dea pac",
        "leave-venture": "joi jv jvs ven",
        "selected-by": "by",
        "acquihire-pay": "hir reh poa",
    }.items()
}
