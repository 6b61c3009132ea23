"""Main text and metadata of a saved web page, and a list of everything else on it.

trafilatura finds the article text and reads the title and date from the page's own meta tags.
lxml then walks the page so that every piece of text left out (navigation, scripts, comments,
cookie banners, related links, captions) is kept as a :class:`SetAside` with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nigerlens.text.spans import SetAside

# (kind, reason, tags, class/id pattern): the first rule an element matches decides its kind.
DROP_RULES: tuple[tuple[str, str, tuple[str, ...], str | None], ...] = (
    ("script", "script or tracking code", ("script", "noscript", "template"), None),
    ("style", "style sheet", ("style",), None),
    ("cookie_banner", "cookie or consent banner", (), r"cookie|consent|gdpr"),
    ("comments", "reader comments", (), r"comment"),
    ("related_links", "related-link list", ("aside",), r"related|recommend|read-?more|more-stories|trending"),
    ("share", "share or social buttons", (), r"\bshare|social"),
    ("navigation", "site navigation", ("nav",), r"\bnav|menu|breadcrumb"),
    ("byline", "byline", (), r"byline|author|dateline"),
    ("caption", "photo caption", ("figcaption",), r"caption"),
    ("header", "page header", ("header",), None),
    ("footer", "page footer", ("footer",), r"footer"),
    ("form", "form or button", ("form", "button", "select", "input"), None),
)
NEVER_TEXT = {"script", "style", "cookie_banner", "navigation", "share", "form", "footer", "comments"}
_BLOCK_LEAVES = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dd", "dt"}
_SPACE = re.compile(r"\s+")


@dataclass
class Page:
    """What :func:`extract_page` found: article text, metadata and the pieces left out."""

    text: str
    meta: dict = field(default_factory=dict)
    set_aside: list[SetAside] = field(default_factory=list)


def _norm(s: str) -> str:
    return _SPACE.sub(" ", s).strip()


def _rule_for(el) -> tuple[str, str] | None:
    tag = el.tag if isinstance(el.tag, str) else ""
    ident = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("role")))).lower()
    for kind, reason, tags, pattern in DROP_RULES:
        if tag in tags or (pattern and ident and re.search(pattern, ident)):
            return kind, reason
    return None


def _left_out(root, kept: str) -> list[SetAside]:
    """Walk the page; return every piece of text that is not in ``kept`` with its kind."""
    from lxml import etree

    out: list[SetAside] = []

    def add(kind: str, reason: str, text: str) -> None:
        text = _norm(text)
        if text:
            out.append(SetAside(kind, text, reason))

    def walk(el) -> None:
        if isinstance(el, etree._Comment):
            add("html_comment", "HTML comment", el.text or "")
            return
        if not isinstance(el.tag, str):
            return
        if el.tag in ("title", "meta", "link", "base"):
            return
        rule = _rule_for(el)
        if rule:
            add(*rule, " ".join(el.itertext()) if el.tag not in ("script", "style") else (el.text or ""))
            return
        if el.tag in _BLOCK_LEAVES:
            text = _norm(" ".join(el.itertext()))
            if text and text not in kept:
                add("boilerplate", "left out by the main-text extraction", text)
            return
        own = _norm(el.text or "")
        if own and own not in kept:
            add("boilerplate", "left out by the main-text extraction", own)
        for child in el:
            walk(child)
            tail = _norm(child.tail or "")
            if tail and tail not in kept:
                add("boilerplate", "left out by the main-text extraction", tail)

    walk(root)
    return out


def extract_page(html: str) -> Page:
    """Extract the article text, metadata (title, published, author, language) and left-out parts."""
    import lxml.html
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        with_metadata=True,
        # only the page's own statement of its date, no guessing from the text or the URL
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = ""
    meta: dict = {}
    if doc is not None:
        # trafilatura separates paragraphs by one line break; nigerlens uses a blank line
        text = "\n\n".join(line.strip() for line in (doc.text or "").split("\n") if line.strip())
        meta = {"title": doc.title, "published": doc.date, "author": doc.author, "outlet": doc.sitename}
    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # lxml raises several types on broken markup; the text above still stands
        return Page(text, meta)
    meta.setdefault("language", None)
    meta["language"] = root.get("lang") or None
    kept = _norm(text)
    left_out = _left_out(root, kept)
    # a paragraph that is only the text of a script, a <noscript>, a banner or the navigation is
    # not article text, even when the main-text extraction kept it
    furniture = {_norm(p.text) for p in left_out if p.kind in NEVER_TEXT}
    paragraphs = [p for p in text.split("\n\n") if _norm(p) not in furniture]
    return Page("\n\n".join(paragraphs), meta, left_out)
