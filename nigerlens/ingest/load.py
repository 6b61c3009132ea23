"""Load articles from .txt files (with a JSON sidecar of metadata) and saved .html pages.

Bad input raises :class:`LoadError` whose message is one line naming the file. In a corpus,
one bad file is recorded in ``Corpus.errors`` and the rest are still loaded.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from nigerlens.ingest.furniture import find_furniture
from nigerlens.text.article import Article
from nigerlens.text.spans import SetAside

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
SIDECAR_FIELDS = ("id", "title", "outlet", "url", "published", "language")


class LoadError(ValueError):
    """An article could not be read; the message is one line that names the file."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


def parse_date(value, *, where: str = "date") -> date | None:
    """Parse an ISO date (``YYYY-MM-DD``, or a timestamp starting with one); ``None`` stays None.

    Raises ValueError naming the value when it is not a valid date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = re.match(r"\s*(\d{4}-\d{2}-\d{2})(?:$|[T ]\d)", str(value))
    try:
        if not m:
            raise ValueError
        return date.fromisoformat(m.group(1))
    except ValueError:
        raise ValueError(f"invalid {where} {str(value)!r} (expected YYYY-MM-DD)") from None


def decode(data: bytes, path: str | Path) -> tuple[str, str]:
    """Return (text, encoding) of a file's bytes; raise LoadError for binary or undecodable data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise LoadError(path, "undecodable text: broken UTF-16") from None
    if b"\x00" in data[:4096]:
        raise LoadError(path, "binary file, not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise LoadError(path, "undecodable text: not UTF-8 and no other encoding fits")
    return str(best), best.encoding


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_sidecar(path: Path) -> dict:
    """Return the metadata in ``path``'s JSON sidecar, or {} when there is none."""
    sidecar = path.with_suffix(".json")
    if not sidecar.is_file():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LoadError(sidecar, f"invalid JSON metadata ({exc.__class__.__name__}: {exc})") from None
    if not isinstance(meta, dict):
        raise LoadError(sidecar, "metadata must be a JSON object")
    return meta


def load_article(path: str | Path, *, published=None, outlets: Iterable[str] | None = None) -> Article:
    """Load one article.

    Args:
        path: a .txt file (metadata from a .json sidecar beside it, if any) or a saved .html page
            (title and publication date from the page's meta tags).
        published: a date or ``YYYY-MM-DD`` string that overrides the metadata's.
        outlets: outlet names recognised in outlet tags such as "(RT)"; defaults to the gazetteer's.

    Returns:
        The :class:`Article`, with page furniture listed in ``set_aside``.

    Raises:
        LoadError: the file is missing, empty, binary, undecodable or has invalid metadata.
    """
    path = Path(path)
    if not path.exists():
        raise LoadError(path, "no such file")
    if path.is_dir():
        raise LoadError(path, "is a folder, not an article (use load_corpus for folders)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(path, f"cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise LoadError(path, "empty file")
    raw, encoding = decode(data, path)
    raw = _normalise_newlines(raw)
    meta = {"encoding": encoding}

    is_html = path.suffix.lower() in HTML_SUFFIXES or raw.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))
    sidecar = read_sidecar(path)
    page_aside: list[SetAside] = []
    if is_html:
        from nigerlens.ingest.webpage import extract_page

        page = extract_page(raw)
        if not page.text.strip():
            raise LoadError(path, "no article text found in the web page")
        text = page.text
        page_aside = page.set_aside
        meta.update({k: v for k, v in page.meta.items() if v})
        meta["format"] = "html"
    else:
        text = raw
        meta["format"] = "text"
    # the sidecar wins over the page where it says something
    meta.update({k: v for k, v in sidecar.items() if v not in (None, "")})
    try:
        pub = parse_date(meta.get("published"), where="publication date")
        if published is not None:
            pub = parse_date(published, where="publication date")
    except ValueError as exc:
        raise LoadError(path.with_suffix(".json") if published is None else path, str(exc)) from None

    if outlets is None:
        from nigerlens.rules.gazetteer import default_gazetteer

        outlets = default_gazetteer().outlet_names()
    outlets = set(outlets) | ({meta["outlet"]} if meta.get("outlet") else set())
    furniture = find_furniture(text, title=meta.get("title"), outlets=outlets)

    known = {k: meta.pop(k, None) for k in SIDECAR_FIELDS}
    if not known["language"]:
        known["language"] = detect_language(text, furniture)
        meta["language_detected"] = known["language"] is not None
    return Article(
        id=safe_id(known["id"] or path.stem),
        text=text,
        title=known["title"],
        outlet=known["outlet"],
        url=known["url"],
        published=pub,
        language=known["language"],
        path=str(path),
        set_aside=page_aside + furniture,
        meta=meta,
    )


def detect_language(text: str, set_aside=()) -> str | None:
    """ISO 639-1 code of the text's language (py3langid, offline), or None for too little text."""
    from nigerlens.text.segment import content_paragraphs

    sample = " ".join(p.text for p in content_paragraphs(text, set_aside))[:5000]
    if len(sample.split()) < 8:
        return None
    import py3langid

    return py3langid.classify(sample)[0]


def safe_id(value: str) -> str:
    """An article id usable as a file name: no folders, no leading dots."""
    cleaned = re.sub(r"[^\w.-]+", "-", str(value)).strip(".-")
    return cleaned or "article"


def from_text(text: str, *, id: str = "text", published=None, title=None, outlet=None) -> Article:
    """Make an Article from a string (for scratch work and tests); furniture is found as on load."""
    from nigerlens.rules.gazetteer import default_gazetteer

    text = _normalise_newlines(text)
    outlets = set(default_gazetteer().outlet_names()) | ({outlet} if outlet else set())
    return Article(
        id=safe_id(id),
        text=text,
        title=title,
        outlet=outlet,
        published=parse_date(published, where="publication date"),
        set_aside=find_furniture(text, title=title, outlets=outlets),
    )


@dataclass
class Corpus:
    """Articles loaded together, and the files that could not be loaded (path, reason)."""

    articles: list[Article] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def __getitem__(self, key: int | str) -> Article:
        if isinstance(key, str):
            for a in self.articles:
                if a.id == key:
                    return a
            raise KeyError(key)
        return self.articles[key]


def article_paths(folder: Path) -> list[Path]:
    """The article files in a folder (.txt and .html), sorted; JSON sidecars are not articles."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)


def load_corpus(source: str | Path | Iterable[str | Path], *, published=None) -> Corpus:
    """Load every article in a folder (or every path given), keeping going past bad files.

    Returns:
        A :class:`Corpus`; ``corpus.errors`` lists what could not be read and why.
    """
    if isinstance(source, (str, Path)):
        source = Path(source)
        if source.is_dir():
            paths = article_paths(source)
        else:
            paths = [source]
    else:
        paths = []
        for p in map(Path, source):
            paths.extend(article_paths(p) if p.is_dir() else [p])
    corpus = Corpus()
    for p in paths:
        try:
            corpus.articles.append(load_article(p, published=published))
        except LoadError as exc:
            corpus.errors.append(exc)
    return corpus
