"""The Article: the text as loaded, what was set aside from it, and its paragraphs and sentences.

Every offset in nigerlens points into ``Article.text``, the text exactly as read from the file
(for a web page: the main text extracted from it). Page furniture is not cut out of that text;
it is listed in ``Article.set_aside`` with its kind, reason and span, and the sentences that the
extractors read skip it. So nothing is lost and every row can be traced back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from nigerlens.text.segment import content_paragraphs, split_sentences
from nigerlens.text.spans import SetAside, Span

__all__ = ["Article", "SetAside", "Span"]


@dataclass
class Article:
    """A loaded news article.

    Attributes:
        id: a stable identifier (the sidecar's ``id`` or the file name without suffix).
        text: the article text; all offsets point into it.
        title, outlet, url, language: metadata, ``None`` when unknown.
        published: the publication date, ``None`` when unknown.
        path: where it was read from, if from a file.
        set_aside: page furniture kept out of the analysis, with reasons.
        meta: every other metadata field that was read.
    """

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None
    path: str | None = None
    set_aside: list[SetAside] = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Paragraphs of the analysed text (furniture removed), with offsets into ``text``."""
        return content_paragraphs(self.text, self.set_aside)

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences of the analysed text, in order, with offsets into ``text``."""
        return [s for p in self.paragraphs for s in split_sentences(p)]

    @property
    def clean_text(self) -> str:
        """The analysed text: the paragraphs joined by blank lines (for reading, not for offsets)."""
        return "\n\n".join(p.text for p in self.paragraphs)

    def with_published(self, published: date | None) -> Article:
        """Return a copy of the article with another publication date."""
        from dataclasses import replace

        return replace(self, published=published)

    def __repr__(self) -> str:
        return (
            f"Article(id={self.id!r}, outlet={self.outlet!r}, published={self.published}, "
            f"chars={len(self.text)}, set_aside={len(self.set_aside)})"
        )
