"""Stretches of an article's text: sentences and paragraphs (Span) and page furniture (SetAside).

A leaf module: every other part of nigerlens may import it, it imports nothing of nigerlens.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SetAside:
    """A piece of the page that is not article text (caption, related links, outlet tag ...).

    ``start``/``end`` are offsets into ``Article.text``; they are ``None`` for pieces of a web page
    that the HTML extraction left out of the text altogether (navigation, scripts, comments).
    """

    kind: str
    text: str
    reason: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Span:
    """A stretch of the article text: a paragraph or a sentence."""

    start: int
    end: int
    text: str
