"""Read a very long text in windows, so the working memory follows the window, not the text.

A text longer than :data:`WINDOW` characters (a dump of many articles, a long report) is cut at
paragraph breaks into windows of about that size. Each window is read as an article of its own,
together with about :data:`CONTEXT` characters of the text before and after it, so that sentences
near its edges keep the speakers, outlets and dates that came just before. Only the rows whose
sentence starts inside the window itself are kept, and their offsets are shifted back into the
whole text, so every row still points at its sentence in ``Article.text``. The rows are those of
the whole text read at once, unless a sentence leans on something more than ``CONTEXT``
characters back (a speaker named once, far earlier, and then called "the diplomat"): the
context is longer than a news article, so each window's first article is read from its start.

Two article-level hints are taken from the window and its context rather than from the whole
text: the country an article's forces are mostly in (the default host of a deployment) and, for
an undated text, the latest year it names. For a dump of many articles that is closer to the
truth than one figure for the whole dump.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

from nigerlens.text.article import Article
from nigerlens.text.segment import blocks
from nigerlens.text.spans import SetAside

WINDOW = 400_000  # characters read at a time; a text this long or shorter is read whole
CONTEXT = 20_000  # characters of text read before and after a window, for its edges

_SPACE = re.compile(r"\s+")

# offset columns of the extracted tables: shifted from the window into the whole text
OFFSET_COLUMNS = ("start", "end", "quote_start", "quote_end")


@dataclass(frozen=True)
class Window:
    """One window of a long article.

    ``article`` is the window with its context, as an article of its own; ``offset`` is where its
    text begins in the whole text. Rows whose sentence starts in ``[start, end)`` (offsets into
    the whole text) belong to this window.
    """

    start: int
    end: int
    offset: int
    article: Article

    @property
    def whole(self) -> bool:
        """Whether the window is the whole article (a text no longer than one window)."""
        return self.offset == 0 and self.start == 0 and self.end == len(self.article.text)

    def keep(self, records: list[dict]) -> list[dict]:
        """The ``records`` (extracted in the window's article) that belong to this window, with
        their offsets shifted into the whole text."""
        lo, hi, shift = self.start - self.offset, self.end - self.offset, self.offset
        kept = []
        for r in records:
            if lo <= r["start"] < hi:
                kept.append({k: (v + shift if k in OFFSET_COLUMNS and v is not None else v) for k, v in r.items()})
        return kept


def breaks(text: str) -> list[int]:
    """Offsets where paragraphs begin (after each paragraph break), in order; the same breaks
    that :mod:`nigerlens.text.segment` splits paragraphs on."""
    found = [start for start, _ in blocks(text)][1:]
    if not found:  # one huge paragraph: fall back on spaces (sentences at the cuts may differ)
        found = [m.end() for m in _SPACE.finditer(text)]
    return found


def cuts(text: str, set_aside: list[SetAside] = (), *, size: int | None = None) -> list[int]:
    """Window boundaries: 0, a paragraph break at or after every ``size`` characters (default
    :data:`WINDOW`; never inside a piece set aside), and ``len(text)``."""
    size = size or WINDOW
    at = breaks(text)
    holes = sorted((s.start, s.end) for s in set_aside if s.start is not None and s.end is not None and s.end > s.start)
    starts = [h[0] for h in holes]
    out = [0]
    while len(text) - out[-1] > size:
        target = out[-1] + size
        while True:
            i = bisect_left(at, target)
            if i == len(at):
                return [*out, len(text)]
            cut = at[i]
            h = bisect_right(starts, cut - 1) - 1  # the last hole starting before the cut
            if h >= 0 and holes[h][1] > cut:
                target = holes[h][1]  # the cut falls inside furniture: move past it
                continue
            break
        out.append(cut)
    return [*out, len(text)] if out[-1] < len(text) else out


def windows(article: Article, *, size: int | None = None, context: int | None = None) -> Iterator[Window]:
    """The windows of ``article`` (``size`` and ``context`` default to :data:`WINDOW` and
    :data:`CONTEXT`): one window holding the whole article when its text is no longer than
    ``size`` characters."""
    size = size or WINDOW
    context = CONTEXT if context is None else context
    text = article.text
    if len(text) <= size:
        yield Window(0, len(text), 0, article)
        return
    bounds = cuts(text, article.set_aside, size=size)
    at = [0, *breaks(text), len(text)]
    pieces = sorted((s for s in article.set_aside if s.start is not None and s.end is not None), key=lambda s: s.start)
    piece_starts = [s.start for s in pieces]
    for start, end in itertools.pairwise(bounds):
        # widen to paragraph breaks about `context` characters away on either side
        lo = at[max(0, bisect_right(at, max(0, start - context)) - 1)]
        hi = at[min(len(at) - 1, bisect_left(at, min(len(text), end + context)))]
        first = bisect_left(piece_starts, lo)
        if first and pieces[first - 1].end > lo:  # a piece reaching into the context from before it
            first -= 1
        inside = pieces[first : bisect_left(piece_starts, hi)]
        shifted = [replace(s, start=max(s.start, lo) - lo, end=min(s.end, hi) - lo) for s in inside]
        sub = replace(article, text=text[lo:hi], set_aside=shifted)
        yield Window(start, end, lo, sub)
