"""The issue taxonomy: what stakeholders take positions on (data/issues.toml, editable).

See the comments at the top of data/issues.toml for how to add an issue.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache

from nigerlens.resources import alternation, data_path, lexicon, phrase_pattern

# "{bazoum}" in a keyword or a frame target: a target of data/lexicon/stance_targets.csv
PLACEHOLDER = re.compile(r"\{(\w+)\}")
_APOSTROPHE = re.compile(r"['\u2019]")


@cache
def taxonomy(path: str | None = None) -> dict[str, dict]:
    """The issue taxonomy: id -> {"label", "keywords", "not_held_by"} from data/issues.toml (or
    ``path``); ``not_held_by`` lists actors that take no position on the issue (the junta on
    recognising itself)."""
    path = path or data_path("issues.toml")
    try:
        with open(path, "rb") as f:
            raw = tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: invalid issue taxonomy ({exc})") from None
    return {
        k: {"label": v.get("label", k), "keywords": list(v.get("keywords", [])), "not_held_by": list(v.get("not_held_by", []))}
        for k, v in raw.items()
    }


@cache
def target_pattern(name: str) -> str:
    """A regex for target ``name`` of data/lexicon/stance_targets.csv: one of its heads after up
    to four of its modifiers or counts ("ousted President Mohamed Bazoum", "the 1,500 French troops")."""
    rows = [r for r in lexicon("stance_targets") if r["target"] == name]
    heads = alternation(r["phrase"] for r in rows if r["part"] == "head")
    if not heads:
        return r"(?!)"  # an unknown target matches nothing
    mods = alternation(r["phrase"] for r in rows if r["part"] == "modifier")
    mods = rf"(?:{mods}|\d[\d,.]*)" if mods else r"\d[\d,.]*"
    return rf"(?:{mods}\s+){{0,4}}(?:{heads})"


def phrase_regex(phrase: str) -> str:
    """A regex for a keyword or a frame target: literal words, any whitespace between them, either
    apostrophe, and ``{name}`` standing for a target of data/lexicon/stance_targets.csv."""
    parts = PLACEHOLDER.split(phrase)
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(target_pattern(part))
        elif part.strip():
            lead, trail = (r"\s+" if part[:1].isspace() and i else ""), (r"\s+" if part[-1:].isspace() and i + 1 < len(parts) else "")
            out.append(lead + _APOSTROPHE.sub("['\u2019]", phrase_pattern(part)) + trail)
    return "".join(out)


# an issue that is the subject of its own failure is a condition, not what a stance is about:
# "threatened to use force if diplomacy fails", "should the talks collapse"
_FAILS = r"(?!\s+(?:fails?|failed|failing|collapses?|collapsed|breaks?\s+down|broke\s+down)\b)"


@cache
def _issue_patterns(path: str | None = None) -> tuple[tuple[str, re.Pattern], ...]:
    return tuple(
        (issue, re.compile(r"(?<![\w-])(?:" + "|".join(phrase_regex(k) for k in sorted(v["keywords"], key=len, reverse=True)) + r")(?![\w-])" + _FAILS, re.IGNORECASE))
        for issue, v in taxonomy(path).items()
        if v["keywords"]
    )


def keyword_spans(text: str, path: str | None = None) -> list[tuple[int, int]]:
    """Spans of the issue keywords in ``text`` ("budget support"), in no particular order."""
    return [m.span() for _, rx in _issue_patterns(path) for m in rx.finditer(text)]


def issue_start(text: str, issue: str, path: str | None = None) -> int:
    """Where the first keyword of ``issue`` stands in ``text`` (-1 if none)."""
    for name, rx in _issue_patterns(path):
        if name == issue:
            m = rx.search(text)
            return m.start() if m else -1
    return -1


def issues_in(text: str, path: str | None = None) -> list[str]:
    """Issue ids whose keywords appear in ``text``, in taxonomy order."""
    return [issue for issue, rx in _issue_patterns(path) if rx.search(text)]


# "wanted foreign forces gone", "called for the French military presence to end", "the withdrawal
# of French troops", "options other than the use of force": what the keyword names is to go (or
# is not wanted), so the stance towards it turns round (data/lexicon/stance_turns.csv)
@cache
def _turns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    rows = lexicon("stance_turns")
    after = alternation(r["phrase"] for r in rows if r["place"] == "after")
    before = alternation(r["phrase"] for r in rows if r["place"] == "before")
    return (
        # "foreign forces gone", "French troops one month to leave"
        re.compile(rf"\s+(?:to\s+)?(?:{after})(?![\w-])|\s+(?:[\w,-]+\s+){{1,3}}?to\s+(?:{after})(?![\w-])", re.IGNORECASE),
        re.compile(rf"(?<![\w-])(?:{before})\s+(?:[\w-]+\s+){{0,2}}$", re.IGNORECASE),
        re.compile(rf"(?:{before})\s", re.IGNORECASE),  # the keyword begins with it: "withdrawal of {forces}"
    )


def starts_with_turn(text: str) -> bool:
    """Whether ``text`` begins with a word that sends the next keyword away ("an end to", "the
    lifting of", "withdrawal of")."""
    return bool(_turns()[2].match(text))


def issues_removed(text: str, path: str | None = None) -> set[str]:
    """Issue ids whose keyword in ``text`` is followed by its removal ("foreign forces gone") or
    comes after "other than", "instead of" ... ("options other than the use of force")."""
    after, before, head = _turns()
    return {
        issue
        for issue, rx in _issue_patterns(path)
        for m in rx.finditer(text)
        if after.match(text, m.end()) or before.search(text, 0, m.start()) or head.match(m.group())
    }
