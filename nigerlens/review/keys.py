"""Row keys: what ties an analyst's decision to a row across re-runs and rule changes.

A key is the table, the evidence span (``start``-``end`` of the row's sentence) and the fields
that say which fact the row is (:data:`IDENTITY`), hashed into a short stable id such as
``deployments-9c1f20ab77``. A rule change that leaves a row's sentence and identifying fields
as they were leaves its key as it was; a row whose facts changed gets a new key, and the old
decision is reported as orphaned (never dropped).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

from nigerlens.tables.schema import iso_day

# the fields that make a row the fact it is, per reviewed table
IDENTITY: dict[str, tuple[str, ...]] = {
    "deployments": ("actor", "count", "count_high", "status"),
    "bases": ("actor", "place"),
    "events": ("date", "date_end", "expression"),
    "quotes": ("quote_start", "quote_end"),
    "positions": ("actor", "issue", "stance"),
}
REVIEWED = tuple(IDENTITY)


def plain(value):
    try:
        if value is None or value != value:  # None, NaN
            return None
    except TypeError:  # pandas NA refuses truth tests
        return None
    if isinstance(value, date):  # a date cell (a Timestamp) keys as its ISO day, as records hold it
        return iso_day(value)
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value


def identity(table: str, row: dict) -> dict:
    """The identifying fields of ``row`` and its evidence span, as plain values."""
    fields = {f: plain(row.get(f)) for f in IDENTITY[table]}
    return {"start": plain(row.get("start")), "end": plain(row.get("end")), **fields}


def row_key(table: str, row: dict) -> str:
    """The stable key of a row of ``table`` (the article is the review file's)."""
    if table not in IDENTITY:
        raise ValueError(f"table {table!r} is not reviewed (one of {', '.join(REVIEWED)})")
    payload = json.dumps([table, identity(table, row)], sort_keys=True, ensure_ascii=False, default=str)
    return f"{table}-{hashlib.sha1(payload.encode('utf-8')).hexdigest()[:10]}"
