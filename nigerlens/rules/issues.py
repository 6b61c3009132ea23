"""The issue taxonomy: what stakeholders take positions on (data/issues.toml, editable).

See the comments at the top of data/issues.toml for how to add an issue.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache

from nigerlens.resources import data_path, phrase_pattern


@cache
def taxonomy(path: str | None = None) -> dict[str, dict]:
    """The issue taxonomy: id -> {"label", "keywords"} from data/issues.toml (or ``path``)."""
    path = path or data_path("issues.toml")
    try:
        with open(path, "rb") as f:
            raw = tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: invalid issue taxonomy ({exc})") from None
    return {k: {"label": v.get("label", k), "keywords": list(v.get("keywords", []))} for k, v in raw.items()}


@cache
def _issue_patterns(path: str | None = None) -> tuple[tuple[str, re.Pattern], ...]:
    return tuple(
        (issue, re.compile(r"(?<![\w-])(?:" + "|".join(phrase_pattern(k) for k in sorted(v["keywords"], key=len, reverse=True)) + r")(?![\w-])", re.IGNORECASE))
        for issue, v in taxonomy(path).items()
        if v["keywords"]
    )


def keyword_spans(text: str, path: str | None = None) -> list[tuple[int, int]]:
    """Spans of the issue keywords in ``text`` ("budget support"), in no particular order."""
    return [m.span() for _, rx in _issue_patterns(path) for m in rx.finditer(text)]


def issues_in(text: str, path: str | None = None) -> list[str]:
    """Issue ids whose keywords appear in ``text``, in taxonomy order."""
    return [issue for issue, rx in _issue_patterns(path) if rx.search(text)]


# "wanted foreign forces gone", "called for the French military presence to end": what the
# keyword names is to be removed, so the stance towards it turns round
REMOVAL = re.compile(
    r"\s+(?:(?:to\s+)?(?:leave|go|end|withdraw|be\s+withdrawn|be\s+removed|be\s+lifted|pull\s+out)|gone|out|removed|withdrawn|expelled|ended|lifted)\b",
    re.IGNORECASE,
)


# "options other than the use of force", "talks instead of sanctions": the keyword is what is
# not wanted
EXCEPT = re.compile(r"\b(?:other\s+than|instead\s+of|rather\s+than|short\s+of|except|without)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


def issues_removed(text: str, path: str | None = None) -> set[str]:
    """Issue ids whose keyword in ``text`` is followed by its removal ("foreign forces gone") or
    comes after "other than", "instead of" ... ("options other than the use of force")."""
    return {
        issue
        for issue, rx in _issue_patterns(path)
        for m in rx.finditer(text)
        if REMOVAL.match(text, m.end()) or EXCEPT.search(text, 0, m.start())
    }
