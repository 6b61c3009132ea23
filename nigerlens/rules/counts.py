"""Numbers as news writes them: "1,300", "1 300", "1,000-strong", "a thousand", "ten",
"between 850 and 1,100", "several hundred" (a size with no count).

:data:`COUNT` is a regular expression (verbose, case-insensitive) for a count with its qualifier;
:func:`parse_count` turns a match into (count, count_high, qualifier).
"""

from __future__ import annotations

import re

from nigerlens.resources import alternation, fold, lexicon

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# sizes with no count: "several hundred", "hundreds of", "a few dozen"
VAGUE = r"(?:several|a\s+few|a\s+couple\s+of)\s+(?:hundred|thousand|dozen)|(?:hundreds|thousands|dozens)\s+of"

_WORD = "|".join(sorted([*UNITS, *SCALES, "dozen"], key=len, reverse=True))
# "1,300", "1 300" (French copy), "1.500" (German copy: a dot before exactly three digits), "300", "1.5"
_DIGITS = r"\d{1,3}(?:(?:,|\u00a0|\u202f|\u2009|\s)\d{3})+(?!\d)|\d{1,3}(?:\.\d{3})+(?![\d.,])|\d+(?:\.\d+)?"
# a count of more than resources.MAX_COUNT is not a troop count (and hundreds of digits no number)
_MAX_DIGITS = 15
NUMBER = (
    rf"(?:(?:{_DIGITS})(?:\s+(?:million|thousand))?"
    rf"|(?:an?\s+)?(?:{_WORD})(?:(?:\s+|-)(?:and\s+)?(?:{_WORD}))*)(?![\w])"
)


def qualifier_phrases() -> dict[str, str]:
    """Phrase as written (lower case) -> canonical qualifier, from data/lexicon/qualifiers.csv."""
    return {fold(r["phrase"]): r["qualifier"] for r in lexicon("qualifiers")}


def qualifier_regex() -> str:
    return alternation(qualifier_phrases())


COUNT = rf"""
    (?:
        (?P<between>between)\s+(?P<low>{NUMBER})\s+(?:and|to)\s+(?P<high>{NUMBER})
      | (?P<vague>{VAGUE})
      | (?:(?P<qual>{qualifier_regex()})\s+)?(?P<num>{NUMBER})
        (?:\s*(?:-|\u2013|to)\s*(?P<num_high>{_DIGITS}))?
    )
"""


def word_number(words: str) -> int | None:
    """Value of a number written in words ("a thousand", "two hundred and fifty"), else None."""
    total = current = 0
    seen = False
    for w in re.split(r"[\s-]+", fold(words)):
        if w in ("a", "an", "and", ""):
            continue
        if w in UNITS:
            current += UNITS[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def number_value(text: str) -> int | None:
    """Value of a number as written in digits or words; None when it is not a whole count."""
    text = text.strip()
    m = re.fullmatch(r"([\d,.\u00a0\u202f\u2009\s]+?)(?:\s+(million|thousand))?", text)
    if m:
        digits = re.sub(r"[,\u00a0\u202f\u2009\s]", "", m.group(1))
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):  # "1.500": a thousands separator
            digits = digits.replace(".", "")
        if len(digits) > _MAX_DIGITS:
            return None
        try:
            value = float(digits)
        except ValueError:
            return None
        if m.group(2):
            value *= SCALES[m.group(2)]
        return int(value) if value == int(value) else None
    return word_number(text)


def parse_count(m: re.Match) -> tuple[int | None, int | None, str | None]:
    """(count, count_high, qualifier) of a match of :data:`COUNT`."""
    if m.group("between"):
        return number_value(m.group("low")), number_value(m.group("high")), "between"
    if m.group("vague"):
        # "several hundred" stays as written; "hundreds of" becomes "hundreds"
        vague = re.sub(r"\s+", " ", m.group("vague").lower()).removesuffix(" of")
        return None, None, vague
    count = number_value(m.group("num"))
    high = number_value(m.group("num_high")) if m.group("num_high") else None
    if high is not None:
        return count, high, "between"
    qual = m.group("qual")
    return count, None, qualifier_phrases()[re.sub(r"\s+", " ", fold(qual))] if qual and count is not None else None
