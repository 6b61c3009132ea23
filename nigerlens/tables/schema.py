"""Table schemas: every table has stable columns and dtypes, even when empty.

Each extractor returns a list of records (dicts); :func:`frame` turns them into a DataFrame with
the table's columns in order. Evidence columns are the same in every table: the sentence, its
``start``/``end`` offsets into ``Article.text`` and the ``rule`` that produced the row.

Missing values are pandas's own: ``<NA>`` in text and number columns, ``NaT`` in the date columns
(``published``, and the events' ``date``, ``date_end`` and ``anchor``, which are
``datetime64[s]`` days). Records (the extractors' rows, JSON) hold dates as ISO strings, and the
CSV files write them so.
"""

from __future__ import annotations

from functools import cache

EVIDENCE = {"sentence": "string", "start": "Int64", "end": "Int64", "rule": "string"}

SCHEMAS: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "string",
        "title": "string",
        "outlet": "string",
        "url": "string",
        "published": "date",
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
        "date": "date",  # start of the range, missing when unresolved
        "date_end": "date",  # end of the range (weekend, week, part of month, month ...), else missing
        "precision": "string",  # day / weekend / week / part-of-month / month / quarter / year / unresolved
        "expression": "string",  # the words that date it
        "anchor": "date",  # the publication date used to resolve it, or missing
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
EXTRACTED = ("deployments", "bases", "events", "quotes", "positions")  # the tables the rules fill
PRECISIONS = ("day", "weekend", "week", "part-of-month", "month", "quarter", "year", "unresolved")


# the columns :func:`nigerlens.extractors.run.combine` adds to every extracted table, after article_id
CONTEXT = {"outlet": "string", "published": "date"}


def columns(table: str, *, context: bool = False) -> dict[str, str]:
    """The columns of ``table`` and their dtypes, in order; with ``context``, the
    :data:`CONTEXT` columns right after ``article_id`` (as in a corpus run's tables)."""
    schema = SCHEMAS[table]
    if not context:
        return schema
    first, *rest = schema
    return {first: schema[first], **CONTEXT, **{c: schema[c] for c in rest}}


def frame(table: str, records=(), *, context: bool = False):
    """Return ``records`` (dicts) as a DataFrame with the columns and dtypes of ``table`` (and
    the :data:`CONTEXT` columns, with ``context``)."""
    import pandas as pd

    records = list(records)
    # column by column straight into the nullable dtypes (several times faster than
    # from_records followed by astype), arrays made here handed over without a copy
    return pd.DataFrame({c: _array([r.get(c) for r in records], d) for c, d in columns(table, context=context).items()},
                        index=pd.RangeIndex(len(records)), copy=False)


def _array(values: list, dtype: str):
    """``values`` as the extension array of ``dtype``, built by its own class: what ``pd.array``
    would return, without looking the dtype up by name each time (half the cost of a small table)."""
    kind, cls = _array_types()[dtype]
    if dtype == "date":  # ISO strings (or dates) and None: numpy parses them twice as fast as pandas
        import numpy as np

        return cls._from_sequence(np.array(values, dtype="datetime64[D]").astype(DATE), dtype=kind)
    return cls._from_sequence(values, dtype=kind)


@cache
def _array_types() -> dict:
    """Each schema dtype name with its dtype object and array class."""
    import numpy as np
    import pandas as pd

    kinds = {"string": pd.api.types.pandas_dtype(STRING), "Int64": pd.Int64Dtype(), "Float64": pd.Float64Dtype(), "date": np.dtype(DATE)}
    return {name: (kind, pd.arrays.DatetimeArray if name == "date" else kind.construct_array_type()) for name, kind in kinds.items()}


# text columns use pandas's Python-backed string dtype: it still reads "string", and building
# it from a few dozen values is several times cheaper than the Arrow-backed default of pandas 3
STRING = "string[python]"
# dates are days: datetime64 at second resolution (NaT when missing) holds every year the rules
# resolve; records carry them as ISO strings, and CSV and JSON get them back as ISO strings
DATE = "datetime64[s]"
# the columns that hold dates, in whichever table has them
DATE_COLUMNS = tuple(dict.fromkeys(c for schema in (*SCHEMAS.values(), CONTEXT) for c, d in schema.items() if d == "date"))


def same_dtypes(df):
    """``df`` with its text columns in the tables' string dtype and its dates in :data:`DATE` (for
    frames read back from Parquet, which come back Arrow-backed and in milliseconds)."""
    import pandas as pd

    text = {c: STRING for c, d in df.dtypes.items() if isinstance(d, pd.StringDtype) and d.storage != "python"}
    dates = {c: DATE for c, d in df.dtypes.items() if str(d).startswith("datetime64") and str(d) != DATE}
    return df.astype({**text, **dates}) if text or dates else df


def day(value):
    """The day ``value`` stands for (a date, a datetime or pandas Timestamp, a numpy datetime64,
    or an ISO string such as a table's date cell), or None when it is missing or not a date."""
    import datetime as dt

    if isinstance(value, dt.date) and value == value:  # NaT is a datetime, but not equal to itself
        return value.date() if isinstance(value, dt.datetime) else value
    if type(value).__name__ == "datetime64":  # numpy's, from a column's .values ("NaT" parses to None)
        value = str(value)
    if not isinstance(value, str):  # None, NaN, NaT, pandas NA, numbers
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def iso_day(value) -> str | None:
    """``value`` as an ISO day ("2023-08-14"), or None when it is missing or not a date."""
    found = day(value)
    return found.isoformat() if found else None
