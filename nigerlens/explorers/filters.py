"""Filters of the explorers as pure functions: a table and what the user chose in, rows out.

Each table keeps the actor in a different column (``ACTOR_COLUMNS``); only the events table is
dated. A filter that a table has no column for leaves it unchanged, so one set of choices can be
applied to every table. pandas is imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Iterable

from nigerlens.tables.schema import iso_day

KINDS = ("deployments", "bases", "events", "quotes", "positions")
# the column holding the actor of each table; in events it is a "; "-joined list
ACTOR_COLUMNS = {
    "deployments": "actor",
    "bases": "actor",
    "events": "actors",
    "quotes": "speaker_affiliation",
    "positions": "actor",
}
LIST_SEPARATOR = "; "


def table_kind(df) -> str | None:
    """Return which nigerlens table ``df`` is (``"events"``, ``"quotes"`` ...) from its columns,
    or None when its columns match none of them."""
    from nigerlens.tables.schema import SCHEMAS

    columns = set(df.columns)
    for kind in KINDS:
        if set(SCHEMAS[kind]) <= columns:
            return kind
    return None


def _names(value) -> list[str]:
    """The actor names in a cell: none for NA, several for an events ``actors`` list."""
    if not isinstance(value, str) or not value.strip():
        return []
    return [n.strip() for n in value.split(LIST_SEPARATOR.strip()) if n.strip()]


def actor_mask(df, actors: Iterable[str], *, table: str, gazetteer=None):
    """Return a boolean Series: True for the rows of ``df`` whose actor is one of ``actors``.

    Args:
        df: a nigerlens table of kind ``table``.
        actors: canonical actor names.
        table: the table kind; its actor column is ``ACTOR_COLUMNS[table]``.
        gazetteer: when given, a person also counts for the actor they speak for
            (:meth:`nigerlens.Gazetteer.side_of`: Victoria Nuland for the United States).
    """
    import pandas as pd

    wanted = set(actors)
    column = ACTOR_COLUMNS.get(table)
    if column is None or column not in df.columns:
        return pd.Series(True, index=df.index)

    def hit(cell) -> bool:
        names = _names(cell)
        if gazetteer is not None:
            names += [gazetteer.side_of(n) for n in names]
        return any(n in wanted for n in names)

    return df[column].map(hit).astype(bool)


def date_mask(df, date_range):
    """Return a boolean Series: True for the rows whose dates overlap ``date_range``.

    A row spans ``date`` to ``date_end`` (or ``date`` alone); undated rows never match.
    ``date_range`` is ``(first, last)``, dates or ISO strings, inclusive; either may be None
    for an open end.
    """
    import pandas as pd

    lo, hi = (iso_day(v) for v in date_range)
    if "date" not in df.columns:
        return pd.Series(True, index=df.index)
    start = df["date"].astype("string")
    end = df["date_end"].astype("string").fillna(start) if "date_end" in df.columns else start
    mask = start.notna()
    if hi is not None:
        mask &= start.fillna("9999") <= hi  # ISO dates compare as strings
    if lo is not None:
        mask &= end.fillna("0000") >= lo
    return mask.astype(bool)


def filter_table(df, *, actors=None, issues=None, date_range=None, table=None, gazetteer=None):
    """Return the rows of a nigerlens table that match what was chosen (same columns, same index).

    A filter that is None or empty keeps every row, and one the table has no column for is
    ignored: the issue filter applies to positions, the date range to events.

    Args:
        df: a deployments, bases, events, quotes or positions table.
        actors: canonical actor names; keeps rows whose actor column (``ACTOR_COLUMNS``) holds
            one of them (for events: any of the "; "-joined ``actors``).
        issues: issue ids (``data/issues.toml``); keeps positions on those issues.
        date_range: ``(first, last)`` dates or ISO strings, inclusive, either end None for open;
            keeps events whose ``date``–``date_end`` overlaps it, and drops undated events.
        table: the table kind; inferred from the columns when None.
        gazetteer: when given, a person counts for the actor they speak for.
    """
    kind = table or table_kind(df)
    mask = None
    if actors:
        mask = actor_mask(df, actors, table=kind, gazetteer=gazetteer)
    if issues and "issue" in df.columns:
        m = df["issue"].isin(list(issues)).fillna(False).astype(bool)
        mask = m if mask is None else mask & m
    if date_range is not None and kind == "events":
        m = date_mask(df, date_range)
        mask = m if mask is None else mask & m
    return df if mask is None else df[mask]


def filter_tables(tables: dict, **choices) -> dict:
    """Apply :func:`filter_table` with the same ``choices`` to each table in ``tables`` (by kind)."""
    return {kind: filter_table(df, table=kind, **choices) for kind, df in tables.items()}


def actors_present(tables: dict, *, gazetteer=None) -> list[str]:
    """The actor names found in the actor columns of ``tables``, in gazetteer order (names the
    gazetteer does not know come last, sorted)."""
    found: set[str] = set()
    for kind, df in tables.items():
        column = ACTOR_COLUMNS.get(kind)
        if column in getattr(df, "columns", ()):
            for cell in df[column].dropna():
                found.update(_names(cell))
    order = gazetteer.canonical_names() if gazetteer is not None else []
    known = [n for n in order if n in found]
    return known + sorted(found - set(known))


def issues_present(positions) -> list[str]:
    """The issue ids in a positions table, in the order of the issue taxonomy."""
    from nigerlens.rules.issues import taxonomy

    found = set(positions["issue"].dropna()) if "issue" in positions.columns else set()
    order = list(taxonomy())
    return [i for i in order if i in found] + sorted(found - set(order))


def event_dates(events) -> list[str]:
    """The distinct ISO dates (starts and ends) in an events table, sorted."""
    dates: set[str] = set()
    for column in ("date", "date_end"):
        if column in events.columns:
            dates.update(iso_day(v) for v in events[column].dropna())
    dates.discard(None)
    return sorted(dates)
