"""Where the quotations of a text are: spans in quotation marks, whatever marks the page uses.

The marks and their families are data (``data/lexicon/quote_marks.csv``): straight, curly, single,
guillemets, low marks. A quotation opens with a mark of a family and closes with the next closing
mark of the same family, so mixed pairs as scraped pages have them (an opening “ closed by a
straight ") are one quotation. Around that:

- a closing single mark between letters is an apostrophe (Niger’s, don’t); one after an ``s``
  and before a lower-case word (the soldiers’ families) closes only when nothing better does;
- a quotation inside another (‘They say “all options are on the table”.’) stays inside it;
- a mark that never closes ends its quotation at the end of the paragraph, so the rest of the
  article is still read; when the next paragraph reopens the mark, the quotation runs on
  (news style for a quotation over several paragraphs) and is one quotation;
- what the marks hold is not always someone's words: slogans and placards, scare quotes
  ("so-called"), related-link headlines and headlines (no closing punctuation) are told apart by
  the frame before the mark (``data/lexicon/quote_frames.csv``), see :func:`frame_of`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from nigerlens.resources import alternation, fold, lexicon


@dataclass(frozen=True)
class Quotation:
    """A span in quotation marks; offsets are into the text the finder was given."""

    start: int  # at the opening mark
    end: int  # after the closing mark (or at the paragraph's end when the mark never closes)
    text: str  # the words inside the marks (paragraphs of a run-on quotation joined by a space)
    family: str  # double, single, guillemet, ...
    closed: bool = True


@cache
def _marks() -> dict[str, tuple[str, str]]:
    """Mark -> (family, side) with side one of open, close, both."""
    return {r["mark"]: (r["family"], r["side"]) for r in lexicon("quote_marks") if r["mark"]}


@cache
def _mark_regex() -> re.Pattern:
    return re.compile("[" + "".join(re.escape(m) for m in _marks()) + "]")


def _word(c: str) -> bool:
    return c.isalnum()


def _opens(text: str, i: int) -> str | None:
    """The family of the quotation a mark at ``i`` opens, or None."""
    family, side = _marks()[text[i]]
    if side == "close":
        return None
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after == text[i] or (after.isspace() and side == "both"):
        return None  # a straight mark followed by a space closes or stands alone ("« oui »" opens)
    if family == "single" and (_word(before) or after.isdigit()):
        return None  # an apostrophe: rock‘n’roll, O'Neill, the ’90s
    if side == "both" and _word(before):
        return None  # "said"quoted: a straight mark glued to a word is a closer
    return family


def _closer(text: str, i: int, family: str) -> int:
    """2 when the mark at ``i`` surely closes a ``family`` quotation, 1 when it may, 0 when not."""
    fam, side = _marks()[text[i]]
    if fam != family or side == "open":
        return 0
    if family != "single":
        return 2
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if _word(before) and _word(after):
        return 0  # Niger’s, don’t
    if before.isspace():
        return 0
    if before in "sS" and after == " " and text[i + 2 : i + 3].islower():
        return 1  # the soldiers’ families: a possessive, unless nothing else closes
    return 2


def _close_at(text: str, start: int, family: str, depth: int = 0) -> int | None:
    """Offset of the mark that closes the ``family`` quotation opened at ``start``."""
    weak = None
    i = start + 1
    rx = _mark_regex()
    unclosed: set[str] = set()  # inner families that found no closer: they will not later either
    while True:
        m = rx.search(text, i)
        if m is None:
            return weak
        j = m.start()
        strength = _closer(text, j, family)
        if strength == 2:
            return j
        if strength == 1 and weak is None:
            weak = j
        inner = _opens(text, j)
        if inner and inner != family:
            # a quotation inside this one: its marks are not ours (two levels deep at most)
            end = _close_at(text, j, inner, depth + 1) if depth < 2 and inner not in unclosed else None
            if end is not None:
                i = end + 1
                continue
            unclosed.add(inner)
        elif inner == family and weak is not None:
            return weak  # a new quotation of ours opens: the possessive-looking mark closed
        i = j + 1


def _opens_sentence(text: str, j: int) -> bool:
    """Whether the mark at ``j`` opens a sentence (paragraph start, or after . : ! ?) before a capital."""
    before = text[:j].rstrip()
    return (not before or before[-1] in ".:!?") and text[j + 1 : j + 2].isupper()


def _in_paragraph(text: str, base: int) -> list[Quotation]:
    found: list[Quotation] = []
    i = 0
    rx = _mark_regex()
    while True:
        m = rx.search(text, i)
        if m is None:
            return found
        j = m.start()
        family = _opens(text, j)
        if family is None:
            i = j + 1
            continue
        end = _close_at(text, j, family)
        if end is None and family == "single" and not _opens_sentence(text, j):
            i = j + 1  # a single mark that never closes inside a sentence is an apostrophe ('em, ‘cause)
            continue
        if end is None:  # never closes: the quotation ends with the paragraph
            inner = text[j + 1 :].rstrip()
            if inner.strip():
                found.append(Quotation(base + j, base + len(text.rstrip()), inner.strip(), family, closed=False))
            return found
        inner = text[j + 1 : end]
        if inner.strip():
            found.append(Quotation(base + j, base + end + 1, inner, family))
        i = end + 1


def find_quotations(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[Quotation]:
    """Every quotation in ``text`` (offsets into it), paragraph by paragraph.

    ``paragraphs`` are (start, end) offsets; by default each line is a paragraph. A quotation left
    open at a paragraph's end runs on when the next paragraph opens with a mark of its family.
    """
    if not text:
        return []
    if paragraphs is None:
        paragraphs, pos = [], 0
        for line in text.split("\n"):
            paragraphs.append((pos, pos + len(line)))
            pos += len(line) + 1
    out: list[Quotation] = []
    for start, end in paragraphs:
        found = _in_paragraph(text[start:end], start)
        if found and out and not out[-1].closed and _leads(text, start, found[0]) and found[0].family == out[-1].family:
            first = found.pop(0)
            prev = out.pop()
            out.append(Quotation(prev.start, first.end, f"{prev.text} {first.text}", prev.family, first.closed))
        out.extend(found)
    return out


def _leads(text: str, start: int, q: Quotation) -> bool:
    """Whether ``q`` opens its paragraph (only spaces before it)."""
    return not text[start : q.start].strip()


def blanked(text: str, quotations: list[Quotation], offset: int = 0) -> str:
    """``text`` (which starts at ``offset``) with every quotation's span blanked out, same length."""
    chars = list(text)
    for q in quotations:
        lo, hi = max(q.start - offset, 0), min(q.end - offset, len(text))
        if lo < hi:
            chars[lo:hi] = " " * (hi - lo)
    return "".join(chars)


# -- what the marks hold -------------------------------------------------------------------------


@cache
def _frames() -> dict[str, str]:
    return {fold(r["cue"]): r["kind"] for r in lexicon("quote_frames")}


@cache
def _frame_regex() -> re.Pattern:
    # the cue, then at most a few words (no sentence end) up to the opening mark
    return re.compile(rf"(?<![\w-])(?P<cue>{alternation(_frames())})(?![\w-])(?P<gap>[^.,;:!?\"“”‘’«»]{{0,30}})$", re.IGNORECASE)


@cache
def _link_regex() -> re.Pattern:
    """A related-link line: it opens with a link cue ("Read also: ...")."""
    return re.compile(rf"^\s*(?:{alternation(c for c, k in _frames().items() if k == 'link')})(?![\w-])", re.IGNORECASE)


_SENTENCE_END = re.compile(r"[.!?]")
_QUOTED_SENTENCE = re.compile(r"[.!?,]\s*$")


def is_headline(paragraph: str, quotations: list[Quotation], offset: int = 0) -> bool:
    """A headline or a link line: no sentence ends in it, outside quotations or inside them
    (and every mark in it closes: a quotation left open is running prose)."""
    if len(paragraph) > 250 or _SENTENCE_END.search(blanked(paragraph, quotations, offset)):
        return False
    if not all(q.closed for q in quotations):
        return False
    return not any(_QUOTED_SENTENCE.search(q.text) for q in quotations)


def frame_of(before: str, paragraph: str, quotations: list[Quotation] = (), offset: int = 0, *, headline: bool = True) -> str | None:
    """Why a quotation is not someone's words: "slogan", "scare", "link" or "headline", from the
    text ``before`` its mark (in its sentence) and its ``paragraph`` (starting at ``offset``, with
    its ``quotations``; ``headline=False`` leaves the headline test to the caller); None when it
    may be."""
    if _link_regex().match(paragraph):
        return "link"
    m = _frame_regex().search(before[-80:])
    if m:
        kind = _frames()[fold(m.group("cue"))]
        # a scare cue sits right before the mark ("so-called “partners”"); a slogan cue may have
        # words between ("placards reading “France, leave”")
        if kind != "scare" or len(m.group("gap").split()) <= 1:
            return kind
    if headline and is_headline(paragraph, list(quotations), offset):
        return "headline"
    return None
