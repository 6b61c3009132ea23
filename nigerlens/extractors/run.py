"""One article (or a few in memory) to its tables: every extractor run over it, rows combined.

:func:`tabulate` is the library call; the corpus runs (:mod:`nigerlens.corpus`) use
:func:`article_tables` per file or window and :func:`combine` to join the results.
"""

from __future__ import annotations

from collections.abc import Iterable

from nigerlens.ingest.load import Corpus
from nigerlens.rules.gazetteer import Gazetteer
from nigerlens.tables.schema import STRING, frame
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


def set_aside(article: Article):
    """The page furniture set aside from ``article``, as a table (kind, reason, text, span)."""
    return frame(
        "set_aside",
        (
            {"article_id": article.id, "kind": s.kind, "reason": s.reason, "text": s.text, "start": s.start, "end": s.end}
            for s in article.set_aside
        ),
    )


TABLES = ("deployments", "bases", "events", "quotes", "positions")
SUPPORTED_LANGUAGES = ("en",)


def unsupported(article: Article) -> str | None:
    """Why the English rules do not read ``article`` (its language), or None when they do."""
    if article.language and article.language.lower().split("-")[0] not in SUPPORTED_LANGUAGES:
        how = "detected" if article.meta.get("language_detected") else "declared"
        return f"{article.path or article.id}: language {article.language!r} ({how}) is not supported by the English rules; no rows extracted"
    return None


def article_tables(article: Article, *, gazetteer: Gazetteer | None = None, issues: str | None = None) -> dict:
    """Every extracted table of one article (deployments, bases, events, quotes, positions,
    and set_aside), as DataFrames.

    A very long text is read window by window (:mod:`nigerlens.text.windows`), so the working memory
    follows the window size, not the length of the text."""
    records: dict[str, list[dict]] = {name: [] for name in TABLES}
    if not unsupported(article):  # rules for English news would produce nonsense rows
        for window in windows(article):
            for name, rows in window_records(window, gazetteer=gazetteer, issues=issues).items():
                records[name].extend(rows)
    return {"set_aside": set_aside(article), **{name: frame(name, rows) for name, rows in records.items()}}


def window_records(window, *, gazetteer: Gazetteer | None = None, issues: str | None = None) -> dict[str, list[dict]]:
    """The extracted rows (records, not yet tables) that belong to one window of an article."""
    records = extracted_records(window.article, gazetteer=gazetteer, issues=issues)
    if window.whole:
        return records
    return {name: window.keep(rows) for name, rows in records.items()}


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


def combine(articles: list[dict], per_article: list[dict], errors: list[dict], meta: list[dict] | None = None) -> dict:
    """Concatenate per-article tables; every extracted row keeps its article's outlet and date
    (from ``meta``, article records, when the tables are windows of an article recorded before)."""
    import pandas as pd

    articles_df = frame("articles", articles)
    meta_df = articles_df if meta is None else frame("articles", meta)
    # the same article given twice (a file and its folder) keeps one outlet/date per id
    meta = meta_df.drop_duplicates("article_id").set_index("article_id")[["outlet", "published"]]
    tables = {"articles": articles_df}
    for name in ("set_aside", *TABLES):
        frames = [t[name] for t in per_article if len(t[name])]
        if len(frames) == 1:
            df = frames[0].copy()
        else:
            df = pd.concat(frames, ignore_index=True) if frames else frame(name)
        if name != "set_aside":
            df.insert(1, "outlet", df["article_id"].map(meta["outlet"]).astype(STRING))
            df.insert(2, "published", df["article_id"].map(meta["published"]).astype(STRING))
        tables[name] = df
    tables["errors"] = frame("errors", errors)
    return tables


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
    return combine([article_record(a) for a in articles], [article_tables(a, gazetteer=gazetteer, issues=issues) for a in articles], errors)
