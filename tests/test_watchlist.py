"""bot/watchlist.py and bot/watchlist_checks.py: loading, and every problem at FILE:LINE."""
# ruff: noqa: E501  (the tables of cases read best one case a line)

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from bot.models import Problem
from bot.watchlist import load_watchlist_file, load_watchlists

ROOT = Path(__file__).resolve().parent.parent

GOOD = """\
name: vendors
channel: "#vendor-risk"
role: vendor
events: [partnership_formed, acquisition]
certainty: [confirmed]
event_channels:
  acquisition: "#deals"
entities:
  - name: Scale AI
    aliases: [Scale.ai, ScaleAI]
  - name: Meta
    former_names: [Facebook]
    tickers: [META]
    case_sensitive: [Meta, META]
    context: [AI, Zuckerberg]
    not_context: [analysis]
    exclude: ["meta-analysis"]
    role: competitor
    channel: "#competitive-intel"
  - name: Amazon Web Services
    aliases: [AWS]
    case_sensitive: [AWS]
    parent: Amazon
    fuzzy: false
  - name: Amazon
    case_sensitive: [Amazon]
    context: [cloud]
    include_subsidiaries: true
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list[Problem]:
    _, problems = load_watchlist_file(write(tmp_path, "w.yaml", text))
    return problems


def only(problems: list[Problem], severity: str = "error") -> list[str]:
    """Problems as FILE:LINE: message with the folder stripped, for readable asserts."""
    out = []
    for p in problems:
        if p.severity == severity:
            s = str(p)
            out.append(s[s.rfind("/", 0, s.index(":")) + 1 :])
    return out


def test_good_file_loads_every_key(tmp_path: Path) -> None:
    wl, problems = load_watchlist_file(write(tmp_path, "vendors.yaml", GOOD))
    assert problems == []
    assert wl is not None
    assert (wl.name, wl.channel, wl.role) == ("vendors", "#vendor-risk", "vendor")
    assert wl.events == ("partnership_formed", "acquisition")
    assert wl.certainties == ("confirmed",)
    assert wl.event_channels == {"acquisition": "#deals"}
    assert wl.path.endswith("vendors.yaml")
    scale, meta, aws, amazon = wl.entities
    assert (scale.name, scale.aliases, scale.line, scale.watchlist) == (
        "Scale AI",
        ("Scale.ai", "ScaleAI"),
        9,
        "vendors",
    )
    assert meta.former_names == ("Facebook",) and meta.tickers == ("META",)
    assert meta.case_sensitive_aliases == ("Meta", "META")
    assert meta.context == ("AI", "Zuckerberg") and meta.not_context == ("analysis",)
    assert meta.exclude == ("meta-analysis",)
    assert (meta.role, meta.channel) == ("competitor", "#competitive-intel")
    assert (aws.parent, aws.fuzzy) == ("Amazon", False)
    assert amazon.include_subsidiaries is True


def test_defaults_when_optional_keys_are_absent(tmp_path: Path) -> None:
    wl, problems = load_watchlist_file(
        write(tmp_path, "c.yaml", 'name: c\nchannel: "C0123ABCDEF"\nentities:\n  - name: Canva\n')
    )
    assert problems == [] and wl is not None
    assert wl.events == ("partnership_formed", "partnership_ended", "investment", "acquisition")
    assert wl.certainties == ("confirmed", "speculative")
    assert wl.channel == "C0123ABCDEF"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- a\n- b\n", "w.yaml:1: a watchlist must be a mapping"),
        ("channel: '#x'\nentities: [{name: A}]\n", "w.yaml:1: missing 'name'"),
        ("name: x\nentities: [{name: Anthropic}]\n", "w.yaml:1: missing 'channel'"),
        ("name: x\nchannel: '#x'\n", "w.yaml:1: missing 'entities'"),
        ("name: x\nchanel: '#x'\nentities: [{name: A}]\n", "w.yaml:2: unknown key 'chanel' in a watchlist; did you mean 'channel'?"),
        ("name: x\nchannel: '#x'\nentities:\n  - name: Anthropic\n    alias: [Ant]\n", "w.yaml:5: unknown key 'alias' in an entity; did you mean 'aliases'?"),
        ("name: x\nchannel: #x\nentities: [{name: Anthropic}]\n", "w.yaml:2: channel is empty; in YAML an unquoted # starts a comment"),
        ("name: x\nchannel: '#Vendor Risk'\nentities: [{name: Anthropic}]\n", "w.yaml:2: channel '#Vendor Risk' is not lower case"),
        ("name: x\nchannel: vendor-risk\nentities: [{name: Anthropic}]\n", "w.yaml:2: channel 'vendor-risk' is not a Slack channel"),
        ("name: x\nchannel: '#x'\nevents: [acquisitions]\nentities: [{name: Anthropic}]\n", "w.yaml:3: unknown event type 'acquisitions'; did you mean 'acquisition'?"),
        ("name: x\nchannel: '#x'\ncertainty: [rumoured]\nentities: [{name: Anthropic}]\n", "w.yaml:3: unknown certainty 'rumoured'"),
        ("name: x\nchannel: '#x'\nrole: vendr\nentities: [{name: Anthropic}]\n", "w.yaml:3: unknown role 'vendr'; did you mean 'vendor'?"),
        ("name: x\nchannel: '#x'\nentities: Anthropic\n", "w.yaml:3: entities must be a list"),
        ("name: x\nchannel: '#x'\nentities:\n  - name: ''\n", "w.yaml:4: entity name is empty"),
        ("name: x\nchannel: '#x'\nentities:\n  - name: A1\n    aliases: [ok, '']\n", "w.yaml:5: each of aliases is empty"),
        ("name: x\nchannel: '#x'\nentities:\n  - name: Anthropic\n    aliases: {a: b}\n", "w.yaml:5: each of aliases must be text, not a mapping"),
        ("name: x\nchannel: '#x'\nentities:\n  - name: Anthropic\n    fuzzy: sometimes\n", "w.yaml:5: fuzzy must be true or false"),
        ("name: x\nchannel: '#x'\nentities:\n  - name: Anthropic\n    case_sensitive: [Antro]\n", "w.yaml:5: case_sensitive 'Antro' is not the name"),
        ("name: x\nchannel: '#x'\nentities:\n  - name: Anthropic\n  - name: anthropic\n", "w.yaml:5: duplicate entity 'anthropic' (first at line 4)"),
        ("name: x\nchannel: '#x'\nentities:\n  - name: Scale AI\n  - name: Surge AI\n    aliases: [ScaleAI]\n", "w.yaml:6: alias 'ScaleAI' of 'Surge AI' is also the name 'Scale AI' of 'Scale AI' (line 4)"),
        ("name: x\nname: y\nchannel: '#x'\nentities: [{name: Anthropic}]\n", "w.yaml:2: duplicate key 'name' in a watchlist"),
        ("name: x\nchannel: '#x'\nentities:\n  - name: [Anthropic\n", "w.yaml:5: YAML syntax error"),
        ("name: x\nchannel: '#x'\nentities:\n\t- name: A\n", "w.yaml:4: YAML syntax error"),
        ("", "w.yaml:1: the file is empty"),
    ],
)  # fmt: skip
def test_each_error_at_its_line(tmp_path: Path, text: str, expected: str) -> None:
    errors = only(problems_of(tmp_path, text))
    assert any(e.startswith(expected) for e in errors), errors


@pytest.mark.parametrize(
    ("entity", "expected"),
    [
        ("  - name: Notion\n", "w.yaml:4: warning: name 'Notion' is a common word"),
        ("  - name: Labelbox\n    aliases: [labelbox]\n", "w.yaml:5: warning: alias 'labelbox' is written in lower case"),
        ("  - name: Advanced Micro Devices\n    aliases: [AMD]\n", "w.yaml:5: warning: alias 'AMD' has 3 letters"),
        ("  - name: Ford Motor\n    tickers: [F]\n", "w.yaml:5: warning: ticker 'F' is short or a word"),
    ],
)  # fmt: skip
def test_risky_aliases_warn(tmp_path: Path, entity: str, expected: str) -> None:
    problems = problems_of(tmp_path, "name: x\nchannel: '#x'\nentities:\n" + entity)
    assert only(problems) == []
    assert any(w.startswith(expected) for w in only(problems, "warning")), problems


def test_guarded_aliases_do_not_warn(tmp_path: Path) -> None:
    text = """\
    name: x
    channel: '#x'
    entities:
      - name: Notion
        context: [productivity]
      - name: Advanced Micro Devices
        aliases: [AMD]
        case_sensitive: [AMD]
    """
    assert problems_of(tmp_path, text) == []


def test_malformed_entity_does_not_stop_the_others(tmp_path: Path) -> None:
    text = """\
    name: x
    channel: '#x'
    entities:
      - name: Anthropic
      - name: Broken
        aliases: {not: a list}
      - nme: Typo
      - name: Nvidia
    """
    wl, problems = load_watchlist_file(write(tmp_path, "w.yaml", text))
    assert wl is not None
    # A bad part is dropped and reported; the company stays watched on its name.
    # An entry with no name at all cannot be watched.
    assert [(e.name, e.aliases) for e in wl.entities] == [
        ("Anthropic", ()),
        ("Broken", ()),
        ("Nvidia", ()),
    ]
    assert any("w.yaml:5: entity 'Broken' is watched without the parts" in str(p) for p in problems)
    assert any("w.yaml:7: unknown key 'nme'" in str(p) for p in problems)


def test_an_unknown_key_is_reported_but_the_company_stays_watched(tmp_path: Path) -> None:
    text = """\
    name: x
    channel: '#x'
    entities:
      - name: Scale AI
        ticker: SCAI
        aliases: [ScaleAI]
    """
    wl, problems = load_watchlist_file(write(tmp_path, "w.yaml", text))
    assert wl is not None
    assert [(e.name, e.aliases) for e in wl.entities] == [("Scale AI", ("ScaleAI",))]
    assert any("w.yaml:5: unknown key 'ticker'" in str(p) and "tickers" in str(p) for p in problems)


def test_folder_loads_yaml_and_yml_sorted_and_ignores_readme(tmp_path: Path) -> None:
    write(tmp_path, "b.yml", "name: b\nchannel: '#b'\nentities: [{name: Nvidia}]\n")
    write(tmp_path, "a.yaml", "name: a\nchannel: '#a'\nentities: [{name: Anthropic}]\n")
    write(tmp_path, "README.md", "# not a watchlist: {{{")
    write(tmp_path, "broken.yaml", "name: [\n")
    watchlists, problems = load_watchlists(tmp_path)
    assert [w.name for w in watchlists] == ["a", "b"]
    assert only(problems) and all(e.startswith("broken.yaml:") for e in only(problems))


def test_missing_folder_is_a_problem(tmp_path: Path) -> None:
    watchlists, problems = load_watchlists(tmp_path / "nope")
    assert watchlists == [] and "watchlist folder not found" in problems[0].message


def test_same_company_on_two_lists_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "name: a\nchannel: '#a'\nentities:\n  - name: Scale AI\n")
    write(
        tmp_path,
        "b.yaml",
        "name: b\nchannel: '#b'\nentities:\n  - name: Nvidia\n  - name: Scale AI\n",
    )
    _, problems = load_watchlists(tmp_path)
    assert only(problems) == []
    warnings = only(problems, "warning")
    assert len(warnings) == 1
    assert warnings[0].startswith("b.yaml:5: warning: 'Scale AI' is also on watchlist 'a'")
    assert "a.yaml:4" in warnings[0] and "one alert per channel" in warnings[0]


def test_alias_colliding_across_files_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "name: a\nchannel: '#a'\nentities:\n  - name: Scale AI\n")
    write(
        tmp_path,
        "b.yaml",
        "name: b\nchannel: '#b'\nentities:\n  - name: Surge AI\n    aliases: [Scale.ai]\n",
    )
    _, problems = load_watchlists(tmp_path)
    errors = only(problems)
    assert len(errors) == 1
    assert errors[0].startswith(
        "b.yaml:5: 'Scale.ai' of 'Surge AI' is also 'Scale AI' of 'Scale AI'"
    )
    assert "a.yaml:4" in errors[0]


def test_alias_shared_by_two_companies_across_files_is_an_error(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.yaml",
        "name: a\nchannel: '#a'\nentities:\n  - name: Block\n    aliases: [Square]\n",
    )
    write(
        tmp_path,
        "b.yaml",
        "name: b\nchannel: '#b'\nentities:\n  - name: Nvidia\n  - name: Square Inc\n    aliases: [Square]\n",
    )
    _, problems = load_watchlists(tmp_path)
    errors = only(problems)
    assert any(
        e.startswith("b.yaml:6: 'Square Inc' of 'Square Inc' is also 'Square' of 'Block'")
        or e.startswith("b.yaml:6: 'Square' of 'Square Inc' is also 'Square' of 'Block'")
        for e in errors
    ), errors
    assert all("a.yaml:5" in e and "not intended" in e for e in errors)


def test_alias_shared_by_two_companies_in_one_file(tmp_path: Path) -> None:
    text = "name: x\nchannel: '#x'\nentities:\n  - name: Block\n    aliases: [Square]\n  - name: Square Up\n    aliases: [Square]\n"
    assert only(problems_of(tmp_path, text)) == [
        "w.yaml:7: alias 'Square' of 'Square Up' is also the alias 'Square' of 'Block' (line 5)"
    ]


def test_bad_entity_channel_and_empty_list_at_their_lines(tmp_path: Path) -> None:
    text = "name: x\nchannel: '#x'\nentities:\n  - name: Anthropic\n    channel: 'Vendor Risk'\n  - name: Nvidia\n    aliases:\n"
    errors = only(problems_of(tmp_path, text))
    assert any(e.startswith("w.yaml:5: channel 'Vendor Risk' is not lower case") for e in errors)
    assert any(e.startswith("w.yaml:7: each of aliases must be text, not nothing") for e in errors)


def test_duplicate_watchlist_names_across_files(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "name: same\nchannel: '#a'\nentities: [{name: Anthropic}]\n")
    write(tmp_path, "b.yaml", "name: same\nchannel: '#b'\nentities: [{name: Nvidia}]\n")
    _, problems = load_watchlists(tmp_path)
    assert only(problems) == [
        "b.yaml:1: watchlist name 'same' is also used by " + str(tmp_path / "a.yaml")
    ]


def test_shipped_watchlists_load_cleanly() -> None:
    watchlists, problems = load_watchlists(ROOT / "watchlists")
    assert [str(p) for p in problems] == []
    assert {w.name for w in watchlists} == {"vendors", "customers", "competitors"}
    vendors = next(w for w in watchlists if w.name == "vendors")
    assert {"Scale AI", "Nvidia", "Amazon Web Services", "Oracle"} <= {
        e.name for e in vendors.entities
    }


def test_a_bare_name_is_an_entity(tmp_path: Path) -> None:
    text = "name: x\nchannel: '#x'\nentities:\n  - Anthropic\n  - name: Nvidia\n"
    wl, problems = load_watchlist_file(write(tmp_path, "w.yaml", text))
    assert problems == []
    assert wl is not None and [e.name for e in wl.entities] == ["Anthropic", "Nvidia"]
