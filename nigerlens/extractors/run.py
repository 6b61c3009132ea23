"""One article (or a few in memory) to its tables: every extractor run over it, rows combined.

:func:`tabulate` is the library call; the corpus runs (:mod:`nigerlens.corpus`) use
:func:`article_rows` per file or window and :func:`combine` to join the results. Rows stay plain
records (dicts) until :func:`combine` builds one DataFrame per table for the whole batch: worker
processes hand back records, which pickle cheaply, and the outlet and publication date of each
row are looked up once per row, not mapped onto a DataFrame per article.
"""

from __future__ import annotations

from collections.abc import Iterable

from nigerlens.ingest.load import Corpus
from nigerlens.rules.gazetteer import Gazetteer
from nigerlens.tables.schema import EXTRACTED, frame
from nigerlens.text.article import Article
from nigerlens.text.windows import windows


def article_record(a: Article) -> dict:
    return {
        "article_id": a.id,
        "title": a.title,
        "outlet": a.outlet,
        "url": a.url,
        "published": a.published.isoformat() if a.published else None,
        "language": a.language,
        "encoding": a.meta.get("encoding"),
        "path": a.path,
        "chars": len(a.text),
        "set_aside": len(a.set_aside),
    }


def set_aside_records(article: Article) -> list[dict]:
    """The page furniture set aside from ``article``, as set_aside records (kind, reason, text, span)."""
    return [{"article_id": article.id, "kind": s.kind, "reason": s.reason, "text": s.text, "start": s.start, "end": s.end}
            for s in article.set_aside]


def set_aside(article: Article):
    """The page furniture set aside from ``article``, as a table (kind, reason, text, span)."""
    return frame("set_aside", set_aside_records(article))


TABLES = EXTRACTED
SUPPORTED_LANGUAGES = ("en",)


def unsupported(article: Article) -> str | None:
    """Why the English rules do not read ``article`` (its language), or None when they do."""
    if article.language and article.language.lower().split("-")[0] not in SUPPORTED_LANGUAGES:
        how = "detected" if article.meta.get("language_detected") else "declared"
        return f"{article.path or article.id}: language {article.language!r} ({how}) is not supported by the English rules; no rows extracted"
    return None


def article_rows(article: Article, *, gazetteer: Gazetteer | None = None, issues: str | None = None) -> dict[str, list[dict]]:
    """The rows of every table of one article (set_aside, deployments, bases, events, quotes,
    positions), as lists of records.

    A very long text is read window by window (:mod:`nigerlens.text.windows`), so the working memory
    follows the window size, not the length of the text."""
    records: dict[str, list[dict]] = {"set_aside": set_aside_records(article), **{name: [] for name in TABLES}}
    if not unsupported(article):  # rules for English news would produce nonsense rows
        for window in windows(article):
            for name, rows in window_records(window, gazetteer=gazetteer, issues=issues).items():
                records[name].extend(rows)
    return records


def window_records(window, *, gazetteer: Gazetteer | None = None, issues: str | None = None) -> dict[str, list[dict]]:
    """The extracted rows (records, not yet tables) that belong to one window of an article."""
    records = extracted_records(window.article, gazetteer=gazetteer, issues=issues)
    if window.whole:
        return records
    return {name: window.keep(rows) for name, rows in records.items()}


# a short text that every extractor reads something in, for warm_up()
_WARM_UP = ('Some 1,100 US troops are at Air Base 201 in Agadez, the Pentagon said on Monday. '
            '"We oppose any military intervention," an ECOWAS official told Reuters last week.')


def warm_up(*, gazetteer: Gazetteer | None = None, issues: str | None = None) -> None:
    """Read one short article, so that every rule's patterns and the gazetteer are built in this
    process: worker processes forked after it share them instead of each building its own
    (about 0.2 s of CPU per worker)."""
    from datetime import date

    extracted_records(Article(id="warm-up", text=_WARM_UP, published=date(2023, 8, 14)), gazetteer=gazetteer, issues=issues)


def extracted_records(article: Article, *, gazetteer: Gazetteer | None = None, issues: str | None = None) -> dict[str, list[dict]]:
    """The rows of every extracted table of ``article``, as lists of records; ``issues`` is the
    path of another issue taxonomy (TOML, like data/issues.toml) for the positions."""
    from nigerlens.extractors.bases import base_records
    from nigerlens.extractors.deployments import deployment_records
    from nigerlens.extractors.events import event_records
    from nigerlens.extractors.positions import position_records
    from nigerlens.extractors.quotes import attribute_article
    from nigerlens.rules.gazetteer import default_gazetteer

    # quotes and positions share one attribution pass over the article
    attribution = attribute_article(article, gazetteer or default_gazetteer())
    return {
        "deployments": deployment_records(article, gazetteer=gazetteer),
        "bases": base_records(article, gazetteer=gazetteer),
        "events": event_records(article, gazetteer=gazetteer),
        "quotes": attribution[0],
        "positions": position_records(article, gazetteer=gazetteer, issues=issues, attribution=attribution),
    }


def combine_rows(articles: list[dict], per_article: list[dict], errors: list[dict], meta: list[dict] | None = None) -> dict[str, list[dict]]:
    """The rows of many articles, table by table (``per_article``: one dict of table name ->
    records per article or window, as :func:`article_rows` returns).

    Every extracted row gets its article's outlet and publication date (from ``meta``, article
    records, when the rows are windows of an article recorded before); the same article given
    twice (a file and its folder) keeps its first outlet and date."""
    owners: dict = {}
    for record in articles if meta is None else meta:
        owners.setdefault(record["article_id"], (record.get("outlet"), record.get("published")))
    out: dict[str, list[dict]] = {"articles": list(articles)}
    for name in ("set_aside", *TABLES):
        rows = [row for t in per_article for row in t[name]]
        if name != "set_aside":
            rows = [{**row, "outlet": outlet, "published": published}
                    for row in rows for outlet, published in [owners.get(row["article_id"], (None, None))]]
        out[name] = rows
    out["errors"] = list(errors)
    return out


def frames(rows: dict[str, list[dict]]) -> dict:
    """:func:`combine_rows`'s rows as one DataFrame per table (the extracted tables with their
    outlet and published columns)."""
    return {name: frame(name, records, context=name in TABLES) for name, records in rows.items()}


def combine(articles: list[dict], per_article: list[dict], errors: list[dict], meta: list[dict] | None = None) -> dict:
    """One DataFrame per table from the rows of many articles (see :func:`combine_rows`)."""
    return frames(combine_rows(articles, per_article, errors, meta))


def tabulate(articles: Article | Corpus | Iterable[Article], *, gazetteer: Gazetteer | None = None, issues: str | None = None) -> dict:
    """Return every table for the articles: a dict of table name -> DataFrame.

    The extracted tables are the article tables concatenated, each row with its article's
    ``outlet`` and ``published`` date. A Corpus's load errors become the ``errors`` table.
    ``issues`` is the path of another issue taxonomy for the positions table.
    """
    if isinstance(articles, Article):
        articles = [articles]
    errors = [{"path": e.path, "error": str(e)} for e in articles.errors] if isinstance(articles, Corpus) else []
    articles = list(articles)
    errors += [{"path": a.path or a.id, "error": why} for a in articles if (why := unsupported(a))]
    return combine([article_record(a) for a in articles], [article_rows(a, gazetteer=gazetteer, issues=issues) for a in articles], errors)
