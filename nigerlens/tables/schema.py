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
        "encoding": "string",
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
        "location": "string",  # the town(s) of a sub-count by place ("Ouallam and Ayorou"), else empty
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
    "events": {
        "article_id": "string",
        "date": "string",  # ISO date (start of the range), empty when unresolved
        "date_end": "string",  # ISO date, for ranges (weekend, week, part of month, month ...)
        "precision": "string",  # day / weekend / week / part-of-month / month / quarter / year / unresolved
        "expression": "string",  # the words that date it
        "anchor": "string",  # the publication date used to resolve it, or empty
        "how": "string",  # a short account of the resolution
        "summary": "string",  # the clause the date governs, trimmed to the event
        "actors": "string",  # canonical names found in that clause, joined by "; "
        **EVIDENCE,
    },
    "quotes": {
        "article_id": "string",
        "text": "string",  # the words between the quotation marks
        "speaker": "string",  # as named: "Matthew Miller", "French diplomatic source", "joint statement"
        "speaker_kind": "string",  # named person / anonymous source / organisation / document
        "speaker_affiliation": "string",  # canonical actor the speaker speaks for
        "via": "string",  # chain of outlets and intermediaries, outermost first, joined by " > "
        "cue": "string",  # said, told, added, according to, citing, called ...
        "quote_start": "Int64",  # offsets of the quotation (marks included) in the article text
        "quote_end": "Int64",
        **EVIDENCE,
    },
    "positions": {
        "article_id": "string",
        "actor": "string",  # canonical actor holding the position
        "issue": "string",  # an id from data/issues.toml
        "stance": "string",  # support / oppose
        "cue": "string",  # the words that carry it
        "claimed_by": "string",  # who asserts it, when not the actor speaking for itself
        "via": "string",  # outlets it passed through, outermost first, joined by " > "
        **EVIDENCE,
    },
    "errors": {"path": "string", "error": "string"},
}
TABLES = ("articles", "set_aside", "deployments", "bases", "events", "quotes", "positions", "errors")
PRECISIONS = ("day", "weekend", "week", "part-of-month", "month", "quarter", "year", "unresolved")


# the columns :func:`nigerlens.extractors.run.combine` adds to every extracted table, after article_id
CONTEXT = {"outlet": "string", "published": "string"}


def frame(table: str, records=(), **context):
    """Return ``records`` (dicts) as a DataFrame with the columns and dtypes of ``table``.

    ``context`` columns (:data:`CONTEXT`: ``outlet=[...]``, ``published=[...]``, one value per
    record) go right after ``article_id``."""
    import pandas as pd

    schema = SCHEMAS[table]
    records = list(records)
    columns = {c: [r.get(c) for r in records] for c in schema}
    dtypes = schema
    if context:
        first, *rest = schema
        dtypes = {first: schema[first], **{c: CONTEXT[c] for c in context}, **{c: schema[c] for c in rest}}
        columns = {first: columns[first], **context, **{c: columns[c] for c in rest}}
    # column by column straight into the nullable dtypes: several times faster than
    # from_records followed by astype
    return pd.DataFrame({c: pd.array(columns[c], dtype=_DTYPES.get(d, d)) for c, d in dtypes.items()})


# text columns use pandas's Python-backed string dtype: it still reads "string", and building
# it from a few dozen values is several times cheaper than the Arrow-backed default of pandas 3
STRING = "string[python]"
_DTYPES = {"string": STRING}


def same_dtypes(df):
    """``df`` with its text columns in the tables' string dtype (for frames read back from
    Parquet, which come back Arrow-backed)."""
    import pandas as pd

    text = [c for c, d in df.dtypes.items() if isinstance(d, pd.StringDtype) and d.storage != "python"]
    return df.astype({c: _DTYPES["string"] for c in text}) if text else df
