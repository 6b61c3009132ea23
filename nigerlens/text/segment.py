"""Paragraphs and sentences with character offsets into the article text.

Sentences come from nltk's Punkt tokenizer built from parameters (abbreviations from
``data/lexicon/abbreviations.csv``), so nothing needs downloading. A quotation that runs across
sentences is kept in one sentence so that its attribution stays in reach.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache
from itertools import accumulate

from nigerlens.resources import lexicon
from nigerlens.text.spans import SetAside, Span

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_NEWLINE = re.compile(r"\r?\n|\r")


def _punkt_module():
    """nltk's ``tokenize.punkt`` module, loaded without running the ``nltk`` package's
    ``__init__`` (which imports the whole library and compiles hundreds of patterns: ~0.5 s of a
    cold start, against ~0.05 s for punkt and the few modules it needs).

    When nltk is already imported, that module is used. Otherwise the two parent packages are
    stood in for by empty namespace modules while punkt loads, and every ``nltk`` module loaded
    on the way is taken out of ``sys.modules`` again: this copy is nigerlens's own, and a later
    ``import nltk`` by the user loads the real package as if nothing had happened.
    """
    import importlib
    import importlib.util
    import sys
    import types

    if "nltk" in sys.modules:
        return importlib.import_module("nltk.tokenize.punkt")
    spec = importlib.util.find_spec("nltk")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("nltk is not installed (pip install nltk): it splits the sentences")
    root = list(spec.submodule_search_locations)
    before = set(sys.modules)
    for name, path in (("nltk", root), ("nltk.tokenize", [f"{root[0]}/tokenize"])):
        stand_in = types.ModuleType(name)
        stand_in.__path__ = path
        sys.modules[name] = stand_in
    try:
        return importlib.import_module("nltk.tokenize.punkt")
    finally:
        for name in set(sys.modules) - before:
            if name == "nltk" or name.startswith("nltk."):
                del sys.modules[name]


@cache
def _punkt():
    punkt = _punkt_module()  # loaded here: `import nigerlens` must stay fast
    params = punkt.PunktParameters()
    params.abbrev_types = {row["abbreviation"].lower() for row in lexicon("abbreviations")}
    return punkt.PunktSentenceTokenizer(params)


def blocks(text: str) -> Iterable[tuple[int, int]]:
    """Paragraph spans: split on blank lines, or on single line breaks when there are none."""
    splitter = _BLANK_LINE if _BLANK_LINE.search(text) else _NEWLINE
    start = 0
    for m in splitter.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _trimmed(text: str, start: int, end: int) -> Span | None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    lead = len(piece) - len(piece.lstrip())
    return Span(start + lead, start + lead + len(stripped), stripped)


def content_paragraphs(text: str, set_aside: Iterable[SetAside] = ()) -> list[Span]:
    """Return the paragraphs of ``text`` minus the spans set aside, with offsets into ``text``."""
    holes = sorted((s.start, s.end) for s in set_aside if s.start is not None and s.end is not None)
    # running maximum of the hole ends: sorted even if holes overlap, so bisect finds the first
    # hole that can reach past a cursor
    ends = list(accumulate((h_end for _, h_end in holes), max))
    out: list[Span] = []
    for start, end in blocks(text):
        cursor = start
        # blocks and holes are both in text order: start at the first hole that ends after us
        for h_start, h_end in holes[bisect_right(ends, cursor) :]:
            if h_start >= end:
                break
            if h_end <= cursor:
                continue
            if h_start > cursor and (span := _trimmed(text, cursor, h_start)):
                out.append(span)
            cursor = max(cursor, h_end)
        if cursor < end and (span := _trimmed(text, cursor, end)):
            out.append(span)
    return out


def _quote_balance(s: str) -> int:
    """How many quotations ``s`` leaves open (curly quotes counted by side, straight by parity)."""
    return (s.count("\u201c") - s.count("\u201d")) + (s.count('"') % 2)


def split_sentences(paragraph: Span) -> list[Span]:
    """Split a paragraph into sentences; offsets stay absolute."""
    spans = list(_punkt().span_tokenize(paragraph.text))
    merged: list[tuple[int, int]] = []
    open_quotes = 0
    for s, e in spans:
        if merged and open_quotes > 0:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
        open_quotes = _quote_balance(paragraph.text[merged[-1][0] : merged[-1][1]])
    base = paragraph.start
    return [Span(base + s, base + e, paragraph.text[s:e]) for s, e in merged]
