"""The reviewed tables: an analyst's decisions applied to the tables of a run.

Rejected rows are dropped (or kept, marked, with ``show_rejected``), corrections applied,
added rows appended with their evidence sentence, and every reviewed table gets a ``review``
column: unreviewed, confirmed, corrected, added (or rejected), and a ``review_key`` column (the
key of the row as extracted, which decisions on it use). A decision whose row no longer
appears is kept in its file and listed in the ``review_orphans`` table; a review file that
cannot be read is listed in ``errors`` and its article stays unreviewed.
"""

from __future__ import annotations

from nigerlens.review.keys import REVIEWED, row_key
from nigerlens.review.store import Decision, ReviewError, read_decisions
from nigerlens.tables.schema import STRING

ORPHANS = "review_orphans"
STATUS = {"confirm": "confirmed", "correct": "corrected", "add": "added", "reject": "rejected"}


def apply_reviews(tables: dict, folder, *, show_rejected: bool = False, articles=None) -> dict:
    """``tables`` (from :func:`nigerlens.tabulate` or :func:`nigerlens.extract`) with the
    decisions in the review ``folder`` applied; a new dict, the input is left as it was.

    Args:
        articles: Article objects by id, to take an added row's sentence from its text
            (without them, an added row's sentence is left empty).
    """
    import pandas as pd

    from nigerlens.tables.schema import frame

    out = dict(tables)
    ids = [a for a in tables["articles"]["article_id"].tolist()] if "articles" in tables else []
    decisions, errors = {}, []
    for article_id in ids:
        try:
            decisions[article_id] = read_decisions(folder, article_id)
        except ReviewError as exc:
            errors.append({"path": str(exc).split(": ", 1)[0], "error": str(exc)})
    orphans = []
    for table in REVIEWED:
        if table not in tables:
            continue
        df = tables[table].copy()
        df["review"] = pd.Series(["unreviewed"] * len(df), index=df.index, dtype=STRING)
        keys = [row_key(table, r) for r in df.to_dict("records")]
        df["review_key"] = pd.Series(keys, index=df.index, dtype=STRING)  # the row as extracted
        drop, added = [], []
        for article_id, ds in decisions.items():
            mine = [d for d in ds if d.table == table]
            rows = {k: i for k, i, a in zip(keys, df.index, df["article_id"], strict=True) if a == article_id}
            for d in mine:
                if d.action == "add":
                    added.append(_added_row(d, article_id, tables, articles) | {"review_key": d.key})
                    continue
                if d.key not in rows:
                    orphans.append({"article_id": article_id, "table": table, "key": d.key, "action": d.action,
                                    "row": str(d.row), "by": d.by, "at": d.at})
                    continue
                i = rows[d.key]
                df.loc[i, "review"] = STATUS[d.action]
                if d.action == "reject" and not show_rejected:
                    drop.append(i)
                for name, change in d.changes.items():
                    df.loc[i, name] = change["new"]
        df = df.drop(index=drop)
        if added:
            extra = frame(table, added)
            for column in df.columns:
                if column not in extra.columns:
                    extra[column] = pd.NA
            extra["review"] = "added"
            for column in ("review_key", "outlet", "published"):  # not in the table's schema, but in the run's
                extra[column] = [a.get(column) for a in added]
            df = pd.concat([df, extra[df.columns].astype(df.dtypes.to_dict())], ignore_index=True)
        out[table] = df.reset_index(drop=True)
    out[ORPHANS] = pd.DataFrame(orphans, columns=["article_id", "table", "key", "action", "row", "by", "at"]).astype(STRING)
    if errors:
        out["errors"] = pd.concat([tables["errors"], frame("errors", errors)], ignore_index=True)
    return out


def _added_row(d: Decision, article_id: str, tables: dict, articles) -> dict:
    row = dict(d.row)
    row["article_id"] = article_id
    article = (articles or {}).get(article_id)
    if article is not None:
        row["sentence"] = article.text[row["start"]:row["end"]]
    row["rule"] = "added by review"
    meta = tables.get("articles")
    if meta is not None and len(meta):
        found = meta[meta["article_id"] == article_id]
        if len(found):
            for column in ("outlet", "published"):
                if column in found.columns:
                    row[column] = found.iloc[0][column]
    return row
