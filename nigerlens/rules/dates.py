"""Date expressions in news text, and their resolution against the publication date.

:func:`find_expressions` finds the words that date something ("on July 26", "last Monday",
"over the weekend", "in late July", "no later than Sept. 15", "two days later");
:func:`resolve` turns one into a date or a date range with its precision and a short account of
how ("Monday before the publication date 2023-08-14"). Each rule is news convention:

- explicit dates take the publication year unless the clause points forward ("will", "by",
  "no later than", "next") and the date is before publication (then the next year), or a
  past-tense verb governs a date after publication (then the year before); with no tense either
  way, the year that puts the date nearest the publication;
- weekdays: past or present tense = the latest such day on or before publication, "last" =
  strictly before, "next" = strictly after, future tense = on or after;
- spans: "over the weekend" = the Saturday-Sunday before publication; weeks, months and years
  as calendar ranges; "early/mid/late July" = days 1-10, 11-20, 21-end;
- "two days later" counts from a date earlier in the same sentence, never from a guess;
- with no publication date, relative expressions stay unresolved and say why.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import NamedTuple

from nigerlens.resources import alternation, fold, lexicon
from nigerlens.rules.counts import word_number

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
WEEKDAYS.update({"tues": 1, "wed": 2, "thur": 3, "thurs": 3})

_FULL_MONTH = "|".join(m for m in calendar.month_name if m)
_MONTH = rf"(?:{_FULL_MONTH}|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?"
_WEEKDAY = "|".join(d for d in calendar.day_name)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d,]\d)"
_YEAR_DIGITS = r"(?:19|20)\d{2}"
_YEAR = rf"(?P<year>{_YEAR_DIGITS})(?!\d)"
# "July 26 last year", "in December of last year": the year relative to publication
_REL_YEAR = r"(?:,?\s+(?:(?i:of)\s+)?(?P<relyear>(?i:last|this|next))\s+(?i:year)\b)"
# time nouns and deictic words, shared by the patterns and their triggers (TRIGGERS)
_UNITS = ("day", "week", "month", "year")
_DEICTIC = ("yesterday", "today", "tomorrow")
_DIRECTIONS = ("later", "earlier", "after", "before", "ago")  # "two days later", "a year ago"
_DIRECTION_WORDS = "|".join(_DIRECTIONS)
_UNIT = "|".join(u + "s?" for u in _UNITS)  # "days?|weeks?|months?|years?"
_DEICTIC_WORDS = "|".join(_DEICTIC)
_NUM = r"(?P<n>\d{1,3}|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"
_ON = r"(?:(?i:on|since|until|till|from|by|before|after|no\s+later\s+than|not\s+later\s+than)\s+)?"
_IN = r"(?:(?i:in|since|until|till|by|from|during|before|after)\s+)?"

# (rule, pattern): tried in order; a later rule never overlaps an earlier match. Month and weekday
# names must be capitalised ("march" and "may" are verbs); the words around them match any case.
PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", rf"{_ON}(?P<iso>{_YEAR_DIGITS}-[01]\d-[0-3]\d)\b"),
    ("month-day", rf"{_ON}(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH})\s+{_DAY}(?:,?\s+{_YEAR}\b|{_REL_YEAR}|\b)"),
    ("day-month", rf"{_ON}(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<mon>{_MONTH})(?:,?\s+{_YEAR}\b|{_REL_YEAR}|\b)"),
    ("part-of-month", rf"{_IN}(?:(?i:the)\s+)?(?P<part>(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of))[\s-]+(?P<mon>{_MONTH})(?:,?\s+{_YEAR}\b|{_REL_YEAR}|\b)"),
    ("month-year", rf"{_IN}(?P<mon>{_MONTH})\s+{_YEAR}"),
    ("quarter", rf"(?i:(?:(?:in|during|by)\s+)?(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter)(?:\s+of\s+{_YEAR})?"),
    ("month", rf"(?:(?i:in|since|until|till|by|from|during|through|throughout|before|after)\s+|(?<=\b[Tt]he\s))(?P<mon>{_FULL_MONTH})\b(?!\s+\d){_REL_YEAR}?"),
    ("relative-offset", rf"{_NUM}\s+(?i:(?P<unit>{_UNIT})\s+(?P<dir>{_DIRECTION_WORDS}))\b(?:(?:(?<=after)|(?<=before))\s+(?P<ref>(?i:the|his|her|its|their)\s+[a-z]+))?"),
    ("weekend", r"(?i:(?:(?:over|at|during|on)\s+)?(?P<rel>the|this|last|next|past)\s+weekend)\b"),
    ("week", r"(?i:(?P<rel>(?:earlier|later)\s+this|last|this|next|the\s+past|the\s+previous|past|previous)\s+week)\b"),
    ("month-relative", r"(?i:(?:(?P<part>early|late|earlier|later)\s+)?(?P<rel>last|this|next|the\s+previous|previous)\s+month)\b"),
    ("year-relative", r"(?i:(?:(?P<part>earlier|later)\s+)?(?P<rel>last|this|next|the\s+previous|previous)\s+year)\b"),
    ("year", rf"(?i:in|until|by|during|from|throughout)\s+{_YEAR}(?!\s*(?i:troops|soldiers|people|personnel))"),
    # a year that dates a noun: "a 2012 status-of-forces agreement", "the 2021 coup in Mali"
    ("year", rf"(?<![\w-])(?:(?i:a|an|the|its|their)\s+){_YEAR}(?=\s+[a-z][a-z-]+)(?!\s*(?i:troops|soldiers|people|personnel|percent|per\s+cent))"),
    ("weekday", rf"(?:(?P<rel>(?i:last|next|this|on|since|until|by|from|late|early))\s+)?(?P<wd>{_WEEKDAY})(?:'s|’s)?\b"),
    ("deictic", rf"(?P<deictic>(?i:{_DEICTIC_WORDS}))\b"),
)


# The words without which a rule cannot match: each a word that every match of the rule contains.
# Month and weekday names are compared as written (they are capitalised in every match: "march"
# and "may" are verbs), the other words case-folded, as the rules' any-case words match ("DAYS",
# "dayſ", "wee\u212a"); the four digits of a year are the one pattern. A rule is tried on a
# sentence only when one of its triggers is in it, and most sentences hold none; a trigger that
# missed a match would drop a date, so the tests check that every match of a rule holds one of
# its triggers.
YEAR_DIGITS = _YEAR_DIGITS
MONTH_STEMS = tuple(m[:3] for m in calendar.month_name if m)  # "Jan" ... "Dec": every name and abbreviation in _MONTH starts with one
WEEKDAY_NAMES = tuple(calendar.day_name)
CASED_TRIGGERS = frozenset((*MONTH_STEMS, *WEEKDAY_NAMES))
TRIGGERS: dict[str, tuple[str, ...]] = {
    "iso": (YEAR_DIGITS,),
    "month-day": MONTH_STEMS,
    "day-month": MONTH_STEMS,
    "part-of-month": MONTH_STEMS,
    "month-year": MONTH_STEMS,
    "quarter": ("quarter",),
    "month": MONTH_STEMS,  # the rule takes the full names only (_FULL_MONTH)
    "relative-offset": _DIRECTIONS,  # rarer in text than the units ("day" is in every weekday)
    "weekend": ("weekend",),
    "week": ("week",),
    "month-relative": ("month",),
    "year-relative": ("year",),
    "year": (YEAR_DIGITS,),
    "weekday": WEEKDAY_NAMES,
    "deictic": _DEICTIC,
}
_COMPILED = tuple((rule, re.compile(rf"(?<![\w-])(?:{p})")) for rule, p in PATTERNS)
_YEAR_RX = re.compile(YEAR_DIGITS)


def trigger_in(trigger: str, text: str) -> bool:
    """Whether ``trigger`` (a word of :data:`TRIGGERS`) is in ``text``, by the case rule above."""
    if trigger == YEAR_DIGITS:
        return bool(_YEAR_RX.search(text))
    return trigger in (text if trigger in CASED_TRIGGERS else text.casefold())


def _rules_of(trigger: str) -> frozenset[int]:
    """The rules (indices into _COMPILED) that ``trigger`` lets through."""
    return frozenset(i for i, (rule, _) in enumerate(_COMPILED) if trigger in TRIGGERS[rule])


# each trigger once with its rules: a substring test per word is several times cheaper than a
# regular expression search
_EVERY_TRIGGER = tuple(dict.fromkeys(t for rule, _ in PATTERNS for t in TRIGGERS[rule]))
_CASED_RULES = tuple((t, _rules_of(t)) for t in _EVERY_TRIGGER if t in CASED_TRIGGERS)
_FOLDED_RULES = tuple((t, _rules_of(t)) for t in _EVERY_TRIGGER if t not in CASED_TRIGGERS and t != YEAR_DIGITS)
_YEAR_RULES = _rules_of(YEAR_DIGITS)
# "ABUJA, Aug 10 — ..." dates the report, not an event
DATELINE = re.compile(rf"^[A-Z][A-Z.'’ -]+,\s+(?:(?:{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH})\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?\s*(?:\([^()]{{1,40}}\)\s*)?[-\u2013\u2014]")


def dateline_date(sentences, year_hint: int | None = None) -> date | None:
    """The date of a dateline ("ABUJA, Aug 10 (Reuters) —") opening one of the first sentences,
    with its own year or ``year_hint``; None when there is none. The anchor of an article that
    carries no publication date."""
    for text in list(sentences)[:3]:
        m = DATELINE.match(text)
        if m:
            year = int(m.group("year")) if m.group("year") else year_hint
            return _safe_date(year, MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("day"))) if year else None
    return None


# a capitalised word right before a capitalised "Today" makes it part of a name
_IN_A_NAME = re.compile(r"(?<![\w.])[A-Z][\w&'’.-]*[ \t]+$")
# rules whose words are also outlet and programme names
_NAMEABLE = ("deictic", "week", "weekend", "month-relative", "year-relative")


def _in_a_name(sentence: str, m: re.Match) -> bool:
    """Whether a relative date's words are capitalised inside a sentence (not at its start) and
    follow a capitalised word or are all capitals: "Vostok Today", "This Week in Africa"."""
    words = m.group().split()
    if not words or not all(w[0].isupper() for w in words) or not sentence[: m.start()].strip():
        return False
    return bool(_IN_A_NAME.search(sentence, 0, m.start())) or len(words) > 1 or m.group().isupper()

@dataclass(frozen=True)
class Expression:
    """Words in a sentence that date something; offsets into the sentence."""

    rule: str
    start: int
    end: int
    text: str
    groups: dict


@dataclass(frozen=True)
class Resolution:
    """A resolved expression: ISO dates (``None`` when unresolved), precision and how."""

    date: date | None
    date_end: date | None
    precision: str
    how: str
    anchored: bool  # whether the publication date was used

    @property
    def span(self) -> tuple[date, date] | None:
        if self.date is None:
            return None
        return self.date, self.date_end or self.date


def find_expressions(sentence: str) -> list[Expression]:
    """The date expressions in a sentence, in text order, without overlaps (earlier rules win)."""
    return list(_expressions(sentence))


@lru_cache(maxsize=1024)
def _expressions(sentence: str) -> tuple[Expression, ...]:
    """:func:`find_expressions`, once per sentence text (the deployments and events tables both ask)."""
    live: set[int] = set()  # the rules whose trigger is in the sentence: no other can match
    for trigger, rules in _CASED_RULES:
        if trigger in sentence:
            live |= rules
    folded = sentence.casefold()
    for trigger, rules in _FOLDED_RULES:
        if trigger in folded:
            live |= rules
    if _YEAR_RX.search(sentence):
        live |= _YEAR_RULES
    return _scan(sentence, live) if live else ()


def _scan(sentence: str, live) -> tuple[Expression, ...]:
    """The matches of the rules numbered in ``live`` (indices into the patterns), in text order,
    without overlaps (earlier rules win) and without the dateline."""
    found: list[Expression] = []
    dateline = DATELINE.match(sentence)
    taken = [(0, dateline.end())] if dateline else []
    for i, (rule, rx) in enumerate(_COMPILED):
        if i not in live:
            continue
        for m in rx.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if rule in ("month-day", "day-month") and not 1 <= int(m.group("day")) <= 31:
                continue
            if rule in _NAMEABLE and _in_a_name(sentence, m):
                continue  # "Vostok Today", "USA TODAY", "This Week in Africa": a name, not a date
            text = m.group().strip()
            if not text:
                continue
            taken.append(m.span())
            found.append(Expression(rule, m.start(), m.end(), text, {k: v for k, v in m.groupdict().items() if v}))
    return tuple(sorted(found, key=lambda e: e.start))


# -- tense ---------------------------------------------------------------------------------
@cache
def _tense_cues() -> dict[str, re.Pattern]:
    by_tense: dict[str, list[str]] = {}
    for row in lexicon("tense_cues"):
        by_tense.setdefault(row["tense"], []).append(row["cue"])
    return {t: re.compile(rf"(?<![\w'])(?:{alternation(c)})(?!\w)", re.IGNORECASE) for t, c in by_tense.items()}


_REGULAR_PAST = re.compile(r"\b(?:has|have|had)\s+\w+ed\b|\b[a-z]{3,}ed\b")
@cache
def _modal() -> re.Pattern:
    """Modal verbs (tense_cues.csv rows whose note starts with "modal"): a clause with one points forward."""
    cues = (r["cue"] for r in lexicon("tense_cues") if r["note"].startswith("modal"))
    return re.compile(rf"(?<![\w'])(?:{alternation(cues)})(?!\w)", re.IGNORECASE)


# a comma inside a number ("1,100") does not end a chunk
CHUNK_BREAK = re.compile(r",(?!\d{3})|;|:|\s[\u2014\u2013-]\s|\u2014")


def chunk_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the comma- or dash-delimited stretch of the sentence around ``[start, end)``."""
    left = max((m.end() for m in CHUNK_BREAK.finditer(sentence, 0, start)), default=0)
    right = next((m.start() for m in CHUNK_BREAK.finditer(sentence, end)), len(sentence))
    return left, right


def chunk_around(sentence: str, start: int, end: int) -> str:
    """The comma- or dash-delimited stretch of the sentence around an expression."""
    left, right = chunk_bounds(sentence, start, end)
    return sentence[left:right]


# the three words before a date: "Macron said on Sunday that ... would", "had warned in late July";
# a match never starts inside a word (one more letter to its left would make an earlier match),
# so the look-behind changes no match and spares the search a try at every letter
_WORDS_BEFORE = re.compile(r"(?<![\w'’])((?:[\w'’]+\s+){1,3})$")


def _past_verb_before(sentence: str, expr: Expression) -> bool:
    """Whether a past-tense verb stands right before ``expr`` with no modal among the three words
    before it: that verb governs the date even if a modal follows ("said on Sunday that troops
    would leave"; but "will be held on Monday" is not past)."""
    m = _WORDS_BEFORE.search(sentence, 0, expr.start)
    if not m:
        return False
    words = m.group(1).split()
    last = words[-1]
    cues = _tense_cues()
    if _modal().search(" ".join(words)) or cues["be"].fullmatch(last):
        return False
    if cues["future"].fullmatch(last) or any(cues["passive"].fullmatch(w) for w in words[:-1]):
        return False  # "is scheduled on Friday", "are expected on Monday": present passive, not past
    return bool(_tense_cues()["past"].fullmatch(last) or re.fullmatch(r"[a-z]{3,}ed", last))


@cache
def _present_passive() -> re.Pattern:
    words = alternation(r["cue"] for r in lexicon("tense_cues") if r["tense"] == "passive")
    return re.compile(rf"\b(?:{words})\s+(?:\w+\s+)?$", re.IGNORECASE)


def _past_in(chunk: str) -> bool:
    """Whether a past-tense verb stands in ``chunk``: a past cue, or a regular past that is not a
    future cue ("scheduled") nor a present passive ("are planned")."""
    if _tense_cues()["past"].search(chunk):
        return True
    for m in _REGULAR_PAST.finditer(chunk):
        word = m.group().split()[-1]
        if not (_tense_cues()["future"].fullmatch(word) or _present_passive().search(chunk, 0, m.start())):
            return True
    return False


def _looks_ahead(sentence: str, expr: Expression) -> bool:
    """Whether a look-ahead cue ("until") stands right before a weekday or opens it."""
    ahead = _tense_cues()["ahead"]
    before = sentence[max(0, expr.start - 20) : expr.start]
    return bool(ahead.match(expr.text)) or any(m.end() == len(before.rstrip()) for m in ahead.finditer(before.rstrip()))


def _forward_cue_at_end(text: str) -> bool:
    return any(m.end() == len(text.rstrip()) for m in _tense_cues()["forward"].finditer(text.rstrip()))


def tense(sentence: str, expr: Expression) -> str:
    """"future", "past" or "unknown" for the verb governing ``expr`` (from its comma chunk)."""
    before = sentence[max(0, expr.start - 20) : expr.start]
    chunk = chunk_around(sentence, expr.start, expr.end)
    if len(chunk.split()) <= len(expr.text.split()) + 1:
        # "By Dec. 13, some 1,346 of them had already gone": the verb is in the next chunk
        _, right = chunk_bounds(sentence, expr.start, expr.end)
        chunk += " " + chunk_around(sentence, min(right + 1, len(sentence)), min(right + 1, len(sentence)))
    cues = _tense_cues()
    if _past_verb_before(sentence, expr):
        return "past"
    # the main clause that the date opens governs it, not a clause reported after "that":
    # "On April 19, the two sides agreed that US forces would leave" is past
    at = chunk.find(expr.text)
    that = re.search(r"\bthat\b", chunk[at + len(expr.text):]) if at >= 0 else None
    if that:
        head = chunk[: at + len(expr.text) + that.start()]
        if _past_in(head) and not _modal().search(head):
            return "past"
    if _modal().search(chunk):
        return "future"
    forward_start = cues["forward"].match(expr.text)
    if _forward_cue_at_end(before) or (forward_start and re.match(r"\s", expr.text[forward_start.end() :])):
        return "past" if _past_in(chunk) else "future"
    if _past_in(chunk):
        return "past"
    if cues["future"].search(chunk) or re.match(r"next\b", expr.text, re.IGNORECASE):
        return "future"
    # a chunk with no verb of its own after a place set off by commas: "leaders will meet in the
    # Nigerian capital, Abuja, on Sunday" is dated by the clause before it
    left, _ = chunk_bounds(sentence, expr.start, expr.end)
    head = sentence[:left]
    if left and _PLACE_SET_OFF.search(head):
        clause = re.split(r"[;:]|\s[\u2014\u2013-]\s", head)[-1]
        if _modal().search(clause):
            return "future"
        if _past_in(clause):
            return "past"
    return "unknown"


# ", Abuja," right before a date's chunk: a town set off by commas, the clause runs on past it
_PLACE_SET_OFF = re.compile(r",\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2},\s*$")


# -- resolution ----------------------------------------------------------------------------
def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(d: date, months: int) -> date:
    m = d.month - 1 + months
    return date(d.year + m // 12, m % 12 + 1, 1)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def infer_year(month: int, day: int, anchor: date, tense_: str, *, last_day: int | None = None) -> tuple[int, str]:
    """Year of a date written without one, and why (see the module docstring)."""
    y = anchor.year
    this = _safe_date(y, month, min(day, calendar.monthrange(y, month)[1]))
    if tense_ == "future" and this < anchor and (last_day is None or _safe_date(y, month, last_day) < anchor):
        return y + 1, f"the next {calendar.month_name[month]} after the publication date {anchor} (the clause points forward)"
    if tense_ == "past" and this > anchor:
        return y - 1, f"the {calendar.month_name[month]} before the publication date {anchor} (past tense)"
    if tense_ == "unknown":
        candidates = [yy for yy in (y - 1, y, y + 1)]
        best = min(candidates, key=lambda yy: abs((_safe_date(yy, month, min(day, calendar.monthrange(yy, month)[1])) - anchor).days))
        if best != y:
            return best, f"the {calendar.month_name[month]} nearest the publication date {anchor}"
    return y, f"the publication year {y}"


def _weekday_year(month: int, day: int, wd: int, anchor: date) -> tuple[int, str] | None:
    """The year next to the publication's in which ``day`` ``month`` falls on weekday ``wd``
    (nearest the publication date), and why; None when none of the three does."""
    fits = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _safe_date(y, month, day)) and d.weekday() == wd]
    if not fits:
        return None
    best = min(fits, key=lambda d: abs((d - anchor).days))
    return best.year, f"the year in which {calendar.month_name[month]} {day} is a {calendar.day_name[wd]}"


def _weekday(anchor: date, wd: int, mode: str) -> date:
    """mode: on-or-before, before, after, on-or-after."""
    delta = (anchor.weekday() - wd) % 7
    if mode == "on-or-before":
        return anchor - timedelta(days=delta)
    if mode == "before":
        return anchor - timedelta(days=delta or 7)
    ahead = (wd - anchor.weekday()) % 7
    if mode == "on-or-after":
        return anchor + timedelta(days=ahead)
    return anchor + timedelta(days=ahead or 7)


_REL_YEARS = {"last": -1, "this": 0, "next": 1}
_ORDINAL_Q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_PARTS = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20), "middle": (11, 20), "late": (21, None), "end": (21, None)}


def _no_anchor(expr: Expression) -> Resolution:
    return Resolution(None, None, "unresolved", f"no publication date to resolve {expr.text!r} against", False)


def _within_calendar(resolve):
    """A resolution that would fall outside years 1-9999 (a publication date at the limits)
    stays unresolved instead of raising."""

    def guarded(expr, *args, **kwargs):
        try:
            return resolve(expr, *args, **kwargs)
        except (OverflowError, ValueError, TypeError):
            return Resolution(None, None, "unresolved", f"{expr.text!r} falls outside the calendar (years 1-9999)", False)

    return guarded


class _Context(NamedTuple):
    expr: Expression
    sentence: str
    anchor: date | None
    groups: dict
    earlier: list
    year_hint: int | None

    @property
    def tense(self) -> str:
        """The tense of the verb governing the expression, worked out only for the resolvers that
        ask: explicit years, quarters and dates counted from the publication date never do."""
        return tense(self.sentence, self.expr)


@_within_calendar
def resolve(expr: Expression, sentence: str, anchor: date | None, *, earlier: list[Resolution] = (), year_hint: int | None = None) -> Resolution:
    """Resolve one expression of ``sentence`` with the resolver of its rule (:data:`RESOLVERS`).

    Args:
        anchor: the publication date, or None.
        earlier: resolutions of the expressions before it in the same sentence (for "two days later").
        year_hint: a year to use for dates without one when there is no publication date.
    """
    g = expr.groups
    if "relyear" in g and anchor is not None:  # "July 26 last year": the year is stated
        g = {**g, "year": str(anchor.year + _REL_YEARS[fold(g["relyear"])])}
    resolver = RESOLVERS.get(expr.rule)
    if resolver is None:
        return Resolution(None, None, "unresolved", f"no rule resolves {expr.text!r}", False)
    if anchor is None and expr.rule in NEEDS_ANCHOR:
        return _no_anchor(expr)
    return resolver(_Context(expr, sentence, anchor, g, list(earlier), year_hint))


def _resolve_iso(c: _Context) -> Resolution:
    """2023-08-07"""
    expr, sentence, anchor, g, earlier, year_hint = c
    try:
        return Resolution(date.fromisoformat(g["iso"]), None, "day", "written in full", False)
    except ValueError:
        return _invalid(expr)


def _resolve_month_day(c: _Context) -> Resolution:
    """Resolve "July 26", "26 July 2023", "Sunday, Aug. 6"."""
    expr, sentence, anchor, g, earlier, year_hint = c
    month, day = MONTHS[fold(g["mon"]).rstrip(".")], int(g["day"])
    if "year" in g:
        d = _safe_date(int(g["year"]), month, day)
        return Resolution(d, None, "day", "written in full", False) if d else _invalid(expr)
    if anchor is None:
        if year_hint is None:
            return Resolution(None, None, "unresolved", f"{expr.text!r} has no year and there is no publication date", False)
        d = _safe_date(year_hint, month, day)
        return Resolution(d, None, "day", f"year {year_hint} from another date in the article (no publication date)", False) if d else _invalid(expr)
    year, why = infer_year(month, day, anchor, c.tense)
    if "wd" in g:  # "Sunday, Aug. 6": the year in which that date is that weekday
        year, why = _weekday_year(month, day, WEEKDAYS[fold(g["wd"])], anchor) or (year, why)
    d = _safe_date(year, month, day)
    return Resolution(d, None, "day", why, True) if d else _invalid(expr)


def _resolve_part_of_month(c: _Context) -> Resolution:
    """Resolve "late July", "July", "July 2023"."""
    expr, sentence, anchor, g, earlier, year_hint = c
    month = MONTHS[fold(g["mon"]).rstrip(".")]
    part = re.sub(r"\s+of$", "", g["part"].lower()).split()[-1] if "part" in g else None
    lo, hi = _PARTS.get(part, (1, None)) if part else (1, None)
    if "year" in g:
        year, why, anchored = int(g["year"]), "written with its year", False
    elif anchor is None:
        if year_hint is None:
            return Resolution(None, None, "unresolved", f"{expr.text!r} has no year and there is no publication date", False)
        year, why, anchored = year_hint, f"year {year_hint} from another date in the article (no publication date)", False
    else:
        # a month is the latest such month on or before publication unless the clause looks ahead
        t = c.tense
        t = "past" if t == "unknown" else t
        year, why = infer_year(month, lo, anchor, t, last_day=hi or calendar.monthrange(anchor.year, month)[1])
        anchored = True
    end = _month_end(year, month) if hi is None else date(year, month, hi)
    if part:
        return Resolution(date(year, month, lo), end, "part-of-month", f"{part} {calendar.month_name[month]}: days {lo}-{end.day}; {why}", anchored)
    return Resolution(date(year, month, 1), end, "month", f"the month of {calendar.month_name[month]}; {why}", anchored)


def _resolve_quarter(c: _Context) -> Resolution:
    """Resolve "the third quarter of 2023"."""
    expr, sentence, anchor, g, earlier, year_hint = c
    q = _ORDINAL_Q[fold(g["q"])]
    if "year" in g:
        year, anchored = int(g["year"]), False
    elif anchor is None:
        return _no_anchor(expr)
    else:
        year, anchored = anchor.year, True
    start = date(year, 3 * q - 2, 1)
    return Resolution(start, _month_end(year, 3 * q), "quarter", f"quarter {q} of {year}", anchored)


def _resolve_year(c: _Context) -> Resolution:
    """Resolve "in 2023"."""
    expr, sentence, anchor, g, earlier, year_hint = c
    y = int(g["year"])
    return Resolution(date(y, 1, 1), date(y, 12, 31), "year", "written in full", False)


def _resolve_relative_offset(c: _Context) -> Resolution:
    """Resolve "two days later", "a week ago"."""
    expr, sentence, anchor, g, earlier, year_hint = c
    return _offset(expr, anchor, earlier)


def _resolve_deictic(c: _Context) -> Resolution:
    """Resolve "yesterday", "today", "tomorrow"."""
    expr, sentence, anchor, g, earlier, year_hint = c
    shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[fold(g["deictic"])]
    return Resolution(anchor + timedelta(days=shift), None, "day", f"{g['deictic'].lower()} relative to the publication date {anchor}", True)


def _resolve_weekday(c: _Context) -> Resolution:
    """Resolve "on Monday", "last Monday", "next Friday"."""
    expr, sentence, anchor, g, earlier, year_hint = c
    wd = WEEKDAYS[fold(g["wd"])]
    rel, t = (g.get("rel") or "").lower(), c.tense
    if _looks_ahead(sentence, expr) and t != "past":  # "until this Friday"; not "had given them until Sunday"
        rel, t = ("" if rel in ("until", "till", "this") else rel), "future"
    if rel == "last":
        mode, why = "before", "before"
    elif rel == "next" or (t == "future" and rel != "since"):
        mode, why = ("after", "after") if rel == "next" else ("on-or-after", "on or after")
    else:
        mode, why = "on-or-before", "on or before"
    d = _weekday(anchor, wd, mode)
    return Resolution(d, None, "day", f"{calendar.day_name[wd]} {why} the publication date {anchor}", True)


def _resolve_weekend(c: _Context) -> Resolution:
    """Resolve "over the weekend", "at the weekend"."""
    expr, sentence, anchor, g, earlier, year_hint = c
    rel, t = g["rel"].lower(), c.tense
    if rel == "next" or (rel in ("this", "the") and t == "future"):  # "will meet at the weekend"
        sat = _weekday(anchor, 5, "after")
        why = "the next weekend after"
    else:
        sat = _weekday(anchor - timedelta(days=1), 5, "on-or-before")
        why = "the weekend before"
    return Resolution(sat, sat + timedelta(days=1), "weekend", f"{why} the publication date {anchor}", True)


def _resolve_week(c: _Context) -> Resolution:
    """Resolve "last week", "earlier this week"."""
    expr, sentence, anchor, g, earlier, year_hint = c
    rel = re.sub(r"\s+", " ", g["rel"].lower())
    monday = anchor - timedelta(days=anchor.weekday())
    if rel in ("last", "the past", "the previous", "past", "previous"):
        return Resolution(monday - timedelta(days=7), monday - timedelta(days=1), "week", f"the calendar week before the publication date {anchor}", True)
    if rel == "next":
        return Resolution(monday + timedelta(days=7), monday + timedelta(days=13), "week", f"the calendar week after the publication date {anchor}", True)
    if rel == "earlier this":  # as "earlier this month" (ANNOTATION.md): up to the publication date
        return Resolution(monday, anchor, "week", f"from Monday of the publication week to the publication date {anchor}", True)
    return Resolution(monday, monday + timedelta(days=6), "week", f"the calendar week of the publication date {anchor}", True)


def _resolve_month_relative(c: _Context) -> Resolution:
    """Resolve "last month", "earlier this month"."""
    expr, sentence, anchor, g, earlier, year_hint = c
    rel = re.sub(r"\s+", " ", g["rel"].lower())
    part = (g.get("part") or "").lower()
    first = anchor.replace(day=1)
    if rel in ("last", "previous", "the previous"):
        first, why = _shift_month(first, -1), "the calendar month before"
    elif rel == "next":
        first, why = _shift_month(first, 1), "the calendar month after"
    else:
        why = "the calendar month of"
    end = _month_end(first.year, first.month)
    if part == "earlier" and rel == "this":
        return Resolution(first, anchor, "part-of-month", f"from the 1st to the publication date {anchor}", True)
    if part in ("early", "late"):
        lo, hi = _PARTS[part]
        return Resolution(first.replace(day=lo), end if hi is None else first.replace(day=hi), "part-of-month", f"{part} in {why} the publication date {anchor}", True)
    return Resolution(first, end, "month", f"{why} the publication date {anchor}", True)


def _resolve_year_relative(c: _Context) -> Resolution:
    """Resolve "last year", "earlier this year"."""
    expr, sentence, anchor, g, earlier, year_hint = c
    rel = re.sub(r"\s+", " ", g["rel"].lower())
    y = anchor.year + {"last": -1, "previous": -1, "the previous": -1, "next": 1}.get(rel, 0)
    if (g.get("part") or "").lower() == "earlier" and rel == "this":
        return Resolution(date(y, 1, 1), max(date(y, 1, 1), anchor - timedelta(days=1)), "year", f"from January 1 to the day before the publication date {anchor}", True)
    return Resolution(date(y, 1, 1), date(y, 12, 31), "year", f"the calendar year {y} ({rel} year from the publication date {anchor})", True)


# the resolver of each pattern rule, in the order of PATTERNS' families; the `rule` column of
# the events table names the pattern, so a row leads to its function here
RESOLVERS: dict[str, Callable[[_Context], Resolution]] = {
    "iso": _resolve_iso,
    "month-day": _resolve_month_day,
    "day-month": _resolve_month_day,
    "part-of-month": _resolve_part_of_month,
    "month": _resolve_part_of_month,
    "month-year": _resolve_part_of_month,
    "quarter": _resolve_quarter,
    "year": _resolve_year,
    "relative-offset": _resolve_relative_offset,
    "deictic": _resolve_deictic,
    "weekday": _resolve_weekday,
    "weekend": _resolve_weekend,
    "week": _resolve_week,
    "month-relative": _resolve_month_relative,
    "year-relative": _resolve_year_relative,
}
# rules whose dates count from the publication date: unresolved without one
NEEDS_ANCHOR = frozenset({"deictic", "month-relative", "week", "weekday", "weekend", "year-relative"})


def _invalid(expr: Expression) -> Resolution:
    return Resolution(None, None, "unresolved", f"{expr.text!r} is not a valid calendar date", False)


def _offset(expr: Expression, anchor: date | None, earlier: list[Resolution]) -> Resolution:
    g = expr.groups
    n = int(g["n"]) if g["n"].isdigit() else (word_number(g["n"]) or 1)
    unit = g["unit"].lower().rstrip("s")
    direction = g["dir"].lower()
    sign = 1 if direction in ("later", "after") else -1
    if direction == "ago":
        if anchor is None:
            return _no_anchor(expr)
        base, base_why, anchored = anchor, f"the publication date {anchor}", True
    elif direction in ("after", "before"):
        # "less than a month after the first team arrived": counted from an event whose date is not given
        ref = g.get("ref") or "the reference"
        return Resolution(None, None, "unresolved", f"counted from {ref!r}, whose date is not given: not guessed", False)
    else:
        days_refs = [r for r in earlier if r.precision == "day" and r.date]
        if not days_refs:
            ref = g.get("ref") or "the reference"
            return Resolution(None, None, "unresolved", f"{ref!r} has no date in this sentence: not guessed", False)
        base, base_why, anchored = days_refs[-1].date, f"{days_refs[-1].date} earlier in the sentence", days_refs[-1].anchored
    if unit == "day":
        d = base + timedelta(days=sign * n)
    elif unit == "week":
        d = base + timedelta(days=sign * 7 * n)
    elif unit == "month":
        first = _shift_month(base.replace(day=1), sign * n)
        d = first.replace(day=min(base.day, calendar.monthrange(first.year, first.month)[1]))
        return Resolution(d, None, "day", f"{n} month(s) {'after' if sign > 0 else 'before'} {base_why}", anchored)
    else:
        d = _safe_date(base.year + sign * n, base.month, min(base.day, 28 if base.month == 2 else base.day))
    return Resolution(d, None, "day", f"{n} {unit}(s) {'after' if sign > 0 else 'before'} {base_why}", anchored)
