"""Table schemas: every table has stable columns and dtypes, even when empty.

Each extractor returns a list of records (dicts); :func:`frame` turns them into a DataFrame with
the table's columns in order. Evidence columns are the same in every table: the sentence, its
``start``/``end`` offsets into ``Article.text`` and the ``rule`` that produced the row.
"""

from __future__ import annotations

EVIDENCE = {"sentence": "string", "start": "Int64", "end": "Int64", "rule": "string"}

SCHEMAS: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "string",
        "title": "string",
        "outlet": "string",
        "url": "string",
        "published": "string",
        "language": "string",
        "path": "string",
        "chars": "Int64",
        "set_aside": "Int64",
    },
    "set_aside": {
        "article_id": "string",
        "kind": "string",
        "reason": "string",
        "text": "string",
        "start": "Int64",
        "end": "Int64",
    },
    "deployments": {
        "article_id": "string",
        "actor": "string",
        "actor_mention": "string",
        "count": "Int64",
        "count_high": "Int64",
        "qualifier": "string",
        "unit": "string",
        "host": "string",
        "status": "string",
        "as_of": "string",
        **EVIDENCE,
    },
    "bases": {
        "article_id": "string",
        "actor": "string",
        "place": "string",
        "latitude": "Float64",
        "longitude": "Float64",
        "description": "string",
        **EVIDENCE,
    },
    "errors": {"path": "string", "error": "string"},
}
TABLES = ("articles", "set_aside", "deployments", "bases", "errors")


def frame(table: str, records=()):
    """Return ``records`` (dicts) as a DataFrame with the columns and dtypes of ``table``."""
    import pandas as pd

    schema = SCHEMAS[table]
    df = pd.DataFrame.from_records(list(records), columns=list(schema))
    return df.astype(schema)
