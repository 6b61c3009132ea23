"""Where nigerlens finds its editable data: the gazetteer, the lexicons, the issues and the
bundled article.

The rules ship inside the package (``nigerlens/data/``, package data read with
importlib.resources), so an installed wheel works anywhere; an analyst extends them by editing
a copy of that folder and pointing ``NIGERLENS_DATA`` at it. The repository's top-level
``data/`` keeps the articles and the sample corpus.
"""

from __future__ import annotations

import csv
import os
import unicodedata
from contextlib import contextmanager
from functools import cache
from importlib.resources import files
from pathlib import Path

PACKAGE_DATA = Path(str(files("nigerlens") / "data"))
DATA_DIR = Path(os.environ["NIGERLENS_DATA"]) if os.environ.get("NIGERLENS_DATA") else PACKAGE_DATA
BUNDLED_ARTICLE = PACKAGE_DATA / "articles" / "rt-20230814-washington-niger.txt"
# in a checkout of the repository only (not in an installed wheel)
REPOSITORY = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = REPOSITORY / "data" / "corpus"


def sample_articles() -> list[Path]:
    """The bundled article, then the sample corpus's articles (in a checkout), by name."""
    corpus = sorted(p for p in SAMPLE_CORPUS.glob("*") if p.suffix in (".txt", ".html")) if SAMPLE_CORPUS.is_dir() else []
    return [BUNDLED_ARTICLE, *(p for p in corpus if p.name != BUNDLED_ARTICLE.name)]
# the largest number read as a count of troops (more is no troop count, and an Int64 holds it)
MAX_COUNT = 1_000_000


def use_data(folder) -> Path:
    """Read the rules from ``folder`` from now on in this process (and its worker processes):
    the command line's ``--data``. Set it before any article is read: patterns built from the
    lexicons are compiled when their modules are first imported. Returns the folder."""
    global DATA_DIR
    DATA_DIR = Path(folder)
    os.environ["NIGERLENS_DATA"] = str(DATA_DIR)  # worker processes started later read it too
    read_rows.cache_clear()
    return DATA_DIR


def other_data(folder) -> bool:
    """Whether ``folder`` (a ``data=`` argument) is a data folder other than the one this process
    reads (None is this process's own)."""
    return folder is not None and os.path.abspath(folder) != os.path.abspath(DATA_DIR)


@contextmanager
def data_environment(folder):
    """``NIGERLENS_DATA`` set to ``folder`` inside the block (for the interpreters started in
    it), as it was after."""
    saved = os.environ.get("NIGERLENS_DATA")
    os.environ["NIGERLENS_DATA"] = os.path.abspath(folder)
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("NIGERLENS_DATA", None)
        else:
            os.environ["NIGERLENS_DATA"] = saved


class DataFolder:
    """One fresh Python process that reads the rules from ``folder``: what the library's
    ``data=`` parameters run in. The rules' patterns are compiled from the lexicons when their
    modules load, so only a new interpreter reads another folder; this one is started on the
    first :meth:`run` and reused until :meth:`close` (or the end of a ``with`` block).

    Raises:
        ValueError: ``folder`` is not a folder (one line naming it).
    """

    def __init__(self, folder):
        if not Path(folder).is_dir():
            raise ValueError(f"data folder {folder}: not a folder")
        self.folder = os.path.abspath(folder)
        self._pool = None

    def run(self, fn, /, *args, **kwargs):
        """``fn(*args, **kwargs)`` in the folder's process (arguments and result are pickled)."""
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            with data_environment(self.folder):  # read by the interpreter started now
                self._pool.submit(os.getpid).result()
        return self._pool.submit(fn, *args, **kwargs).result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def __enter__(self) -> DataFolder:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def in_data(folder, fn, /, *args, **kwargs):
    """``fn(*args, **kwargs)``, in a fresh process reading the rules from ``folder`` when it is
    another data folder than this process's (:class:`DataFolder`), else here."""
    if not other_data(folder):
        return fn(*args, **kwargs)
    with DataFolder(folder) as elsewhere:
        return elsewhere.run(fn, *args, **kwargs)


def data_path(*parts: str) -> Path:
    """Return the path of a file under the data folder."""
    return DATA_DIR.joinpath(*parts)


@cache
def read_rows(*parts: str) -> tuple[dict[str, str], ...]:
    """Return the rows of a CSV file under the data folder as dicts of stripped strings."""
    with data_path(*parts).open(encoding="utf-8", newline="") as f:
        # cells past the header (a stray comma) are left out: `nigerlens check-data` reports them
        return tuple({k: (v or "").strip() for k, v in row.items() if isinstance(k, str) and not isinstance(v, list)}
                     for row in csv.DictReader(f))


def lexicon(name: str) -> tuple[dict[str, str], ...]:
    """Return the rows of ``data/lexicon/<name>.csv``."""
    return read_rows("lexicon", f"{name}.csv")


def phrase_pattern(phrase: str) -> str:
    """A regex for a lexicon phrase: literal, with any run of whitespace between its words."""
    import re

    return r"\s+".join(re.escape(w) for w in phrase.split())


def alternation(phrases) -> str:
    """A regex alternation of lexicon phrases, longest first (so "military personnel" beats
    "personnel"), any run of whitespace between their words; written as a trie (see
    :func:`trie_alternation`)."""
    return trie_alternation(phrases, spaces=r"\s+")


def trie_alternation(phrases, *, spaces: str | None = None) -> str:
    r"""A regex matching any of ``phrases`` as their alternation longest first would, written as a
    trie: "Niger(?:i(?:a|en))?" rather than "Nigerien|Nigeria|Niger". At each place in a text the
    regex engine then tries one branch per next letter instead of every phrase, several times
    faster over a few dozen phrases and more so over a few hundred names. The longest phrase that
    lets the rest of the pattern match wins, as in the longest-first alternation.

    Whitespace in a phrase matches ``spaces`` (a regex, such as ``r"\s+"``), or itself when None.
    Phrases that differ only in case where they branch (the order of the branches would then choose
    between them under re.IGNORECASE) are written as the plain longest-first alternation.
    """
    import re

    phrases = [p for p in phrases if p.strip()]  # read once: a generator is read for the fallback too
    keys = {tuple(_tokens(p, spaces is not None)) for p in phrases}
    root: dict = {}
    for key in keys:
        node = root
        for token in key:
            node = node.setdefault(token, {})
        node[""] = {}  # a phrase ends here

    def piece(token: str) -> str:
        return spaces if token == " " and spaces is not None else re.escape(token)

    def branch(node: dict) -> str | None:
        tokens = [t for t in node if t]
        if len({fold(t) for t in tokens}) < len(tokens):
            return None  # "P" and "p" side by side: under re.IGNORECASE both would match
        nexts = []
        for token in sorted(tokens):
            rest = branch(node[token])
            if rest is None:
                return None
            nexts.append(piece(token) + rest)
        if not nexts:
            return ""
        body = nexts[0] if len(nexts) == 1 else "(?:" + "|".join(nexts) + ")"
        return f"(?:{body})?" if "" in node else body  # a phrase may end here: the longer ones first

    found = branch(root)
    if found is not None:
        return found
    flat = sorted(set(phrases), key=len, reverse=True)
    return "|".join(phrase_pattern(p) if spaces is not None else re.escape(p) for p in flat)


def _tokens(phrase: str, split_spaces: bool) -> list[str]:
    """The letters of ``phrase``, its runs of whitespace as one " " when ``split_spaces``."""
    if not split_spaces:
        return list(phrase)
    out: list[str] = []
    for i, word in enumerate(phrase.split()):
        out += ([" "] if i else []) + list(word)
    return out


# re.IGNORECASE matches the dotted capital I and the dotless i as "i"; casefold keeps them apart
_FOLD_LIKE_RE = str.maketrans({"\u0130": "i", "\u0131": "i"})


def fold(text: str) -> str:
    """A look-up key for text matched by a case-insensitive pattern: NFKC, case-folded.

    ``re.IGNORECASE`` matches the long s (U+017F) as "s" and the Kelvin sign as "k"; ``lower()``
    keeps them, so a lexicon keyed by lower-case words would miss them. Lexicon keys and matched
    words both go through this function.
    """
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).translate(_FOLD_LIKE_RE).casefold())
