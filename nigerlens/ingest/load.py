"""Load articles from .txt files (with a JSON sidecar of metadata) and saved .html pages.

Bad input raises :class:`LoadError` whose message is one line naming the file. In a corpus,
one bad file is recorded in ``Corpus.errors`` and the rest are still loaded.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
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
# the largest article file read (``--max-bytes``; NIGERLENS_MAX_BYTES for worker processes)
MAX_BYTES = 128 * 2**20
SIDECAR_MAX_BYTES = 2**20
# an article id is a file name (``<id>.html``): at most this many UTF-8 bytes, hash included
ID_MAX_BYTES = 120
# files nigerlens wrote (reports, notebook copies) say so in their head; they are not articles
GENERATOR_MARK = b'<meta name="generator" content="nigerlens">'


_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(message: str) -> str:
    """``message`` with control characters (a line feed in a file name ...) written as escapes."""
    return _CONTROLS.sub(lambda m: repr(m.group())[1:-1], message)


_SURROGATES = re.compile("[\ud800-\udfff]")


def shown(path) -> str:
    """A path (or any text) that can be written anywhere: bytes of a file name that are not
    UTF-8 (kept by Python as surrogate escapes) and lone surrogates (``"\\ud800"`` in a JSON
    sidecar) become U+FFFD."""
    text = str(path)
    return text if text.isascii() else _SURROGATES.sub("\ufffd", text)


class LoadError(ValueError):
    """An article could not be read; the message is one line that names the file."""

    def __init__(self, path: str | Path, reason: str):
        self.path = shown(path)
        self.reason = reason
        super().__init__(one_line(f"{self.path}: {reason}"))


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
    """Return (text, encoding) of a file's bytes; raise LoadError for binary or undecodable data.

    A byte-order mark decides (UTF-32 before UTF-16, whose mark is a prefix of it); then UTF-8
    (or CESU-8, its variant with encoded surrogate pairs), then cp1252 (Windows Latin-1, the
    usual other encoding of Western news copy); the detector (charset_normalizer) only past
    that, and its guess is named with its confidence.
    """
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), name
            except UnicodeDecodeError:
                raise LoadError(path, f"undecodable text: broken {name.upper()} after its byte-order mark") from None
    if b"\x00" in data[:4096]:
        raise LoadError(path, "binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    cesu = _cesu(data)
    if cesu is not None:
        return cesu, "cesu-8"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise LoadError(path, "undecodable text: not UTF-8 and no other encoding fits")
    return str(best), f"{best.encoding} (detected, {1 - best.chaos:.0%} confidence)"


def _cesu(data: bytes) -> str | None:
    """Text written as CESU-8 (UTF-8 with characters beyond U+FFFF as two encoded surrogates,
    as Java and some databases write it), or None when ``data`` is not that."""
    try:
        text = data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None
    try:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:  # a lone surrogate: not CESU-8 either
        return None


# (byte-order mark, codec, name in the articles table): UTF-32's marks first, UTF-16's are prefixes of them
BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8", "utf-8"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)


def max_bytes_setting() -> int:
    """The size limit of an article file: NIGERLENS_MAX_BYTES if set (the CLI's ``--max-bytes``
    sets it, so worker processes see it too), else :data:`MAX_BYTES`."""
    try:
        return max(1, int(os.environ.get("NIGERLENS_MAX_BYTES", MAX_BYTES)))
    except ValueError:
        return MAX_BYTES


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; raise LoadError for anything else
    (a FIFO or a device is never opened for reading: it could block or never end)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise LoadError(path, _os_reason(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        article_paths(path)  # says so if the folder cannot be read
        raise LoadError(path, "is a folder, not an article (use load_corpus for folders)")
    if not stat.S_ISREG(info.st_mode):
        raise LoadError(path, "not a regular file (a pipe, socket or device); only files are read")
    if info.st_size > limit:
        raise LoadError(path, f"too large: {info.st_size:,} bytes, over the limit of {limit:,} (--max-bytes)")
    try:
        # O_NONBLOCK: should the file be swapped for a FIFO after the stat, open does not block
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise LoadError(path, "not a regular file (a pipe, socket or device); only files are read")
            data = f.read(limit + 1)
    except OSError as exc:
        raise LoadError(path, _os_reason(exc)) from None
    if len(data) > limit:
        raise LoadError(path, f"too large: over the limit of {limit:,} bytes (--max-bytes)")
    return data


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file"
    return f"cannot read ({exc.strerror or exc})"


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_sidecar(path: Path) -> dict:
    """Return the metadata in ``path``'s JSON sidecar, or {} when there is none.

    Raises LoadError (one line naming the sidecar, and the field) for invalid JSON, JSON nested
    too deeply, or a field of the wrong type (see :data:`SIDECAR_SCHEMA`).
    """
    sidecar = path.with_suffix(".json")
    try:
        if not sidecar.is_file():
            return {}
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:  # a name too long to have a sidecar beside it
            return {}
        raise LoadError(sidecar, _os_reason(exc)) from None
    data = read_limited(sidecar, SIDECAR_MAX_BYTES)
    try:
        meta = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LoadError(sidecar, f"invalid JSON metadata ({exc.__class__.__name__}: {exc})".replace("\n", " ")) from None
    except RecursionError:
        raise LoadError(sidecar, "invalid JSON metadata (nested too deeply)") from None
    if not isinstance(meta, dict):
        raise LoadError(sidecar, "metadata must be a JSON object")
    # JSON may escape lone surrogates, which no UTF-8 output (CSV, HTML, stdout) can hold
    meta = {shown(k): shown(v) if isinstance(v, str) else v for k, v in meta.items()}
    for name, value in meta.items():
        types = SIDECAR_SCHEMA.get(name)
        if types is not None and value is not None and not isinstance(value, types):
            raise LoadError(sidecar, f"field {shown(name)!r} must be {SIDECAR_TYPES[name]}, not {_json_type(value)}")
    return meta


# each known sidecar field: the JSON types it may have (null is always allowed)
SIDECAR_SCHEMA = {name: (str,) for name in SIDECAR_FIELDS}
SIDECAR_TYPES = {name: "a string" for name in SIDECAR_FIELDS}


def _json_type(value) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def written_by_nigerlens(data: bytes) -> bool:
    """Whether a file's first bytes carry the mark of a page nigerlens wrote."""
    return GENERATOR_MARK in data[:2048]


def load_article(path: str | Path, *, published=None, outlets: Iterable[str] | None = None, max_bytes: int | None = None) -> Article:
    """Load one article.

    Args:
        path: a .txt file (metadata from a .json sidecar beside it, if any) or a saved .html page
            (title and publication date from the page's meta tags).
        published: a date or ``YYYY-MM-DD`` string that overrides the metadata's.
        outlets: outlet names recognised in outlet tags such as "(RT)"; defaults to the gazetteer's.
        max_bytes: refuse larger files (default :func:`max_bytes_setting`, 128 MiB).

    Returns:
        The :class:`Article`, with page furniture listed in ``set_aside``.

    Raises:
        LoadError: the file is missing, not a regular file, too large, empty, binary,
            undecodable, written by nigerlens, or has invalid metadata.
    """
    path = Path(path)
    data = read_limited(path, max_bytes or max_bytes_setting())
    if not data.strip():
        raise LoadError(path, "empty file")
    if written_by_nigerlens(data):
        raise LoadError(path, "written by nigerlens (a report or notebook copy), not an article")
    raw, encoding = decode(data, path)
    if not raw.replace("\ufeff", "").replace("\u200b", "").strip():  # a byte-order mark alone, or only spaces
        raise LoadError(path, "empty file")
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
        path=shown(path),
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
    """An article id usable as a file name: no folders, no leading dots, at most
    :data:`ID_MAX_BYTES` UTF-8 bytes (a longer id is cut and gets a hash of the whole, so two
    long ids stay apart)."""
    cleaned = re.sub(r"[^\w.-]+", "-", shown(value)).strip(".-") or "article"
    if len(cleaned.encode("utf-8")) <= ID_MAX_BYTES:
        return cleaned
    digest = hashlib.sha1(shown(value).encode("utf-8")).hexdigest()[:12]
    head = cleaned.encode("utf-8")[: ID_MAX_BYTES - len(digest) - 1].decode("utf-8", "ignore").rstrip(".-")
    return f"{head}-{digest}"


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
    """The article files in a folder (.txt and .html), sorted; JSON sidecars are not articles,
    nor pages nigerlens wrote (reports). Raises LoadError when the folder cannot be read."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
        found = [Path(e.path) for e in entries if Path(e.name).suffix.lower() in SUFFIXES and e.is_file()]
    except OSError as exc:
        raise LoadError(folder, f"cannot read the folder ({exc.strerror or exc})") from None
    return [p for p in found if p.suffix.lower() not in HTML_SUFFIXES or not _is_ours(p)]


def _is_ours(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return written_by_nigerlens(f.read(2048))
    except OSError:
        return False  # the loader says why when it reads the file


def folder_problems(paths) -> list[str]:
    """One line per folder among ``paths`` with no article in it (or that cannot be read)."""
    problems = []
    for p in map(Path, _listed(paths)):
        if p.is_dir():
            try:
                if not article_paths(p):
                    problems.append(one_line(f"no articles found in {shown(p)}"))
            except LoadError as exc:
                problems.append(str(exc))
    return problems


def _listed(paths) -> list:
    return [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)


def load_corpus(source: str | Path | Iterable[str | Path], *, published=None, max_bytes: int | None = None) -> Corpus:
    """Load every article in a folder (or every path given), keeping going past bad files.

    Returns:
        A :class:`Corpus`; ``corpus.errors`` lists what could not be read and why.
    """
    corpus = Corpus()
    paths = []
    for p in map(Path, _listed(source)):
        try:
            paths.extend(article_paths(p) if p.is_dir() else [p])
        except LoadError as exc:  # a folder that cannot be listed: the others go on
            corpus.errors.append(exc)
    for p in paths:
        try:
            corpus.articles.append(load_article(p, published=published, max_bytes=max_bytes))
        except LoadError as exc:
            corpus.errors.append(exc)
    return corpus
