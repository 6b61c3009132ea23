"""How a stated troop count reads: its kind (exact, approximate, range, lower, upper, unknown),
the interval of figures its words allow, and the phrase as written.

Computation only: :mod:`nigerlens.analysis.compare` compares reports with these intervals and
:func:`nigerlens.plots.plot_troops` draws them (an approximate count's whisker is the same
±``APPROX_TOLERANCE``).
"""

from __future__ import annotations

import re

from nigerlens.resources import lexicon

APPROX_TOLERANCE = 0.10  # "about 1,100" allows 990-1,210; the whisker of an approximate bar


def count_kind(qualifier, count_high=None) -> str:
    """Return how a count should be read: exact, approximate, lower, upper, range or unknown.

    Args:
        qualifier: The ``qualifier`` column of a deployments row (<NA> for an exact count).
        count_high: The ``count_high`` column; a value makes the row a range.

    Returns:
        ``"lower"`` for "more than"/"at least" (the true number is higher), ``"upper"`` for
        "nearly"/"up to", ``"range"`` for "between", ``"unknown"`` for "several"/"hundreds",
        otherwise the ``kind`` from ``data/lexicon/qualifiers.csv``; a qualifier not in the
        lexicon counts as approximate.
    """
    if present(count_high):
        return "range"
    if not present(qualifier):
        return "exact"
    q = str(qualifier).strip().lower()
    if q == "between":
        return "range"
    if q in ("several", "hundreds", "thousands", "dozens"):
        return "unknown"
    return _qualifiers()[0].get(q, "approximate")


def count_interval(qualifier=None, count=None, count_high=None) -> tuple[float, float, float | None]:
    """Return ``(lower_bound, upper_bound, estimate)``: the figures a stated count allows and its
    own figure (None when one-sided). E.g. ``count_interval("about", 1100)`` is
    ``(990.0, 1210.0, 1100.0)``; a count without a number is ``(nan, nan, None)``."""
    kind = count_kind(qualifier, count_high)
    if not present(count):
        kind = "unknown"
    low, high, estimate = interval(kind, count, count_high, qualifier)
    return (float("nan") if low is None else low, float("nan") if high is None else high, estimate)


def interval(kind, count, count_high, qualifier):
    """``(lower_bound, upper_bound, estimate)`` for a report of ``kind``; Nones without a number."""
    if kind == "unknown" or not present(count):
        return None, None, None
    n = float(count)
    if kind == "range":
        high = float(count_high) if present(count_high) else n
        return n, high, (n + high) / 2
    if kind == "approximate":
        return n * (1 - APPROX_TOLERANCE), n * (1 + APPROX_TOLERANCE), n
    if kind == "lower":
        return n, float("inf"), None
    if kind == "upper":
        near = str(qualifier).strip().lower() == "nearly"  # "nearly 1,500": just under it
        return (n * (1 - APPROX_TOLERANCE) if near else 0.0), n, None
    return n, n, n


def as_written(row) -> str:
    """Return the count phrase as the sentence has it, or rebuilt from the columns."""
    sentence = row.get("sentence")
    qualifier = row.get("qualifier") if present(row.get("qualifier")) else ""
    unit = row.get("unit") if present(row.get("unit")) else ""
    count, high = row.get("count"), row.get("count_high")
    if present(count):
        number = _number(count)
        if present(high):
            number += r"\s*(?:and|to|-|–)\s*" + _number(high)
    else:
        number = ""
    if present(sentence) and (number or qualifier):
        phrases = _qualifiers()[1].get(str(qualifier).lower(), [])
        prefix = "|".join(re.escape(p) for p in sorted({*phrases, str(qualifier)}, key=len, reverse=True) if p)
        units = "|".join(re.escape(w) for w in _unit_words(unit))
        head = rf"(?:(?:{prefix})\s+)?{number}" if number else rf"(?:{prefix})"
        tails = [rf"(?:\s+[\w,'-]+){{0,3}}?\s+(?:{units})\b", ""] if units else [""]
        for tail in tails:
            found = re.search(rf"(?<!\w){head}{tail}", str(sentence), flags=re.IGNORECASE)
            if found:
                return found.group(0)
    if present(count) and present(high):
        text = f"{qualifier or 'between'} {int(count):,} and {int(high):,}"
    elif present(count):
        text = f"{qualifier} {int(count):,}".strip()
    else:
        text = qualifier or "unstated number of"
    return f"{text} {unit}".strip()


def _number(value) -> str:
    value = int(value)
    forms = {f"{value:,}", str(value), f"{value:,}".replace(",", " ")}
    return "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?!\d)"


def high_count(row) -> int:
    high = row.get("count_high")
    return int(high) if present(high) else int(row["count"])


def _qualifiers():
    """Return ``({qualifier: kind}, {qualifier: [phrases]})`` from the qualifiers lexicon."""
    kinds: dict[str, str] = {}
    phrases: dict[str, list[str]] = {}
    for row in lexicon("qualifiers"):
        q = row.get("qualifier", "").lower()
        kinds.setdefault(q, row.get("kind", "approximate"))
        phrases.setdefault(q, []).append(row.get("phrase", ""))
    return kinds, phrases


def _unit_words(unit: str) -> list[str]:
    if not unit:
        return []
    words = {unit} | {r["word"] for r in lexicon("units") if r.get("unit") == unit}
    return sorted(words, key=len, reverse=True)


def present(value) -> bool:
    import pandas as pd

    return value is not None and not pd.isna(value)
