"""Run every extractor over articles and collect the tables (the library twin of `nigerlens extract`)."""

from __future__ import annotations

from collections.abc import Iterable

from .article import Article
from .gazetteer import Gazetteer
from .load import Corpus, load_corpus
from .tables import frame


def article_record(a: Article) -> dict:
    return {
        "article_id": a.id,
        "title": a.title,
        "outlet": a.outlet,
        "url": a.url,
        "published": a.published.isoformat() if a.published else None,
        "language": a.language,
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


def tabulate(articles: Article | Corpus | Iterable[Article], *, gazetteer: Gazetteer | None = None) -> dict:
    """Return every table for the articles: a dict of table name -> DataFrame.
    A Corpus's load errors become the ``errors`` table."""
    import pandas as pd

    from .extractors.bases import bases
    from .extractors.deployments import deployments
    from .extractors.positions import positions
    from .extractors.quotes import quotes
    from .extractors.timeline import events

    if isinstance(articles, Article):
        articles = [articles]
    errors = list(articles.errors) if isinstance(articles, Corpus) else []
    articles = list(articles)

    def concat(table, frames):
        frames = [f for f in frames if len(f)]
        return pd.concat(frames, ignore_index=True) if frames else frame(table)

    tables = {
        "articles": frame("articles", map(article_record, articles)),
        "set_aside": concat("set_aside", [set_aside(a) for a in articles]),
        "deployments": concat("deployments", [deployments(a, gazetteer=gazetteer) for a in articles]),
        "bases": concat("bases", [bases(a, gazetteer=gazetteer) for a in articles]),
        "events": concat("events", [events(a, gazetteer=gazetteer) for a in articles]),
        "quotes": concat("quotes", [quotes(a, gazetteer=gazetteer) for a in articles]),
        "positions": concat("positions", [positions(a, gazetteer=gazetteer) for a in articles]),
    }
    tables["errors"] = frame("errors", ({"path": e.path, "error": str(e)} for e in errors))
    return tables


def extract(paths, *, published=None, gazetteer: Gazetteer | None = None) -> dict:
    """Load the articles at ``paths`` (files or folders) and tabulate them; bad files go to ``errors``."""
    if isinstance(paths, (str,)) or not isinstance(paths, Iterable):
        paths = [paths]
    return tabulate(load_corpus(paths, published=published), gazetteer=gazetteer)
