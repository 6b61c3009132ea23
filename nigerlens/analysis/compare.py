"""Compare what the sources of a corpus say: troop counts per actor, and positions by date.

Every deployments row is a *report*: a stated count, read as the interval of figures its words
allow. "1,500" allows 1,500; "about 1,100" or "some 1,300" allow ±``APPROX_TOLERANCE`` around
the number (990-1,210 and 1,170-1,430); "between 1,000 and 1,500" allows that range; "more than
1,100" allows 1,100 and up; "nearly 1,500" 90-100 % of it; "up to 1,500" anything to 1,500.
Reports also have a figure of their own: the number, or a range's midpoint (one-sided reports
have none).

Two reports **disagree** when they cannot both be right about one figure, read as written: their
intervals do not overlap, or the figure of one falls outside the interval of the other. "some
1,300" and "about 1,100" disagree (no figure is within 10 % of both); "around 1,500" and
"between 1,000 and 1,500" disagree (1,500 fits both, but the range's own figure, 1,250, is not
"around 1,500"); "about 1,000" and "about 1,100" agree. Sources disagree about an actor's force
when two reports from different articles do (one article giving a figure before the coup and
one now states a change, not a dispute).

Whether a disagreement is a contradiction or a force that changed between publication dates is
for the reader: the ``counts`` column and :func:`nigerlens.plots.plot_troop_reports` show when
each figure was published.
"""

from __future__ import annotations

from itertools import combinations

from nigerlens.analysis.counts import (
    as_written,
    count_kind,
    high_count,
    interval,
    present,
)
from nigerlens.tables.schema import DATE, STRING, day, iso_day

# Rows that state the force on the ground when the article was published; "past" (what a force
# was before the coup) and "pledged" (troops promised) are left out of the comparison.
CURRENT_STATUSES = ("present", "withdrawing")

REPORT_COLUMNS = [
    "article_id", "outlet", "published", "actor", "host", "status", "as_of", "stated", "count",
    "count_high", "qualifier", "kind", "lower_bound", "upper_bound", "estimate", "source",
    "sentence", "start", "end",
]
COMPARE_COLUMNS = [
    "actor", "host", "counts", "low", "high", "n_reports", "n_sources", "sources", "first",
    "last", "disagree", "disagreement",
]


def deployment_reports(tables, *, statuses=None):
    """Return one row per stated troop count in the corpus, with the figures its words allow.

    Args:
        tables: The dict of tables from :func:`nigerlens.extract` (its ``deployments``), or a
            deployments DataFrame (without ``outlet``/``published`` columns, sources are named
            by article id).
        statuses: Keep only rows with these ``status`` values (e.g. ``CURRENT_STATUSES``);
            None keeps every row.

    Returns:
        A DataFrame sorted by publication date: article_id, outlet, published, actor, host,
        status, as_of, ``stated`` (the count as written, e.g. "some 1,300"), count, count_high,
        qualifier, ``kind`` (exact / approximate / range / lower / upper / unknown, see
        :func:`nigerlens.plots.count_kind`), ``lower_bound`` and ``upper_bound`` (the figures the
        words allow; inf for "more than"), ``estimate`` (the report's own figure, <NA> when
        one-sided or without a number), ``source`` ("RT 2023-08-14") and the evidence columns.
        Rows without an actor cannot be compared and are left out.
    """
    import pandas as pd

    df = _deployments(tables)
    records = []
    for row in df.to_dict("records"):
        if not present(row.get("actor")):
            continue
        if statuses is not None and row.get("status") not in set(statuses):
            continue
        kind = count_kind(row.get("qualifier"), row.get("count_high"))
        if not present(row.get("count")):
            kind = "unknown"
        low, high, estimate = interval(kind, row.get("count"), row.get("count_high"), row.get("qualifier"))
        records.append({
            **{c: row.get(c) for c in REPORT_COLUMNS if c in row},
            "stated": as_written(row),
            "kind": kind,
            "lower_bound": low,
            "upper_bound": high,
            "estimate": estimate,
            "source": _source(row),
        })
    out = pd.DataFrame.from_records(records, columns=REPORT_COLUMNS)
    out = out.astype({"count": "Int64", "count_high": "Int64", "lower_bound": "Float64",
                      "upper_bound": "Float64", "estimate": "Float64", "start": "Int64",
                      "end": "Int64"})
    for column in ("article_id", "outlet", "actor", "host", "status", "as_of",
                   "stated", "qualifier", "kind", "source", "sentence"):
        out[column] = out[column].astype(STRING)
    out["published"] = out["published"].astype(DATE)
    out = out.sort_values(["published", "actor", "outlet"], na_position="last", kind="stable")
    return out.reset_index(drop=True)


def compare_deployments(tables, *, statuses=CURRENT_STATUSES):
    """Return, per actor and host country, every stated troop count and whether sources disagree.

    Args:
        tables: The dict of tables from :func:`nigerlens.extract`, or a deployments DataFrame.
        statuses: The ``status`` values compared (by default the force on the ground when
            published: present and withdrawing); None compares every row.

    Returns:
        A DataFrame with one row per actor and host: ``counts`` (every report in publication
        order, e.g. "1,300 (some, RT 2023-08-14); 1,100 (about, Sahel Monitor 2023-08-08)"),
        ``low``/``high`` (the smallest and largest number stated), n_reports, n_sources (distinct
        sources), sources, ``first``/``last`` (publication dates), ``disagree`` (see the module
        docstring) and ``disagreement`` (two reports that disagree, the pair published closest
        together, e.g. "some 1,300 (RT 2023-08-14) vs about 1,100 (Example Daily 2023-08-20)").
        Rows where sources disagree come first.
    """
    import pandas as pd

    reports = deployment_reports(tables, statuses=statuses)
    groups: dict[tuple, list[dict]] = {}
    for r in reports.to_dict("records"):
        host = r["host"] if present(r["host"]) else None
        groups.setdefault((r["actor"], host), []).append(r)
    out = []
    for (actor, host), rows in groups.items():
        numbered = [r for r in rows if present(r["lower_bound"])]
        # An article that gives two figures (before the coup, now) states a change, not a dispute.
        pairs = [(a, b) for a, b in combinations(numbered, 2)
                 if a["article_id"] != b["article_id"] and not reports_agree(a, b)]
        closest = min(pairs, key=lambda p: (_days_apart(*p), -_gap(*p)), default=None)
        sources = list(dict.fromkeys(_outlet(r) for r in rows))
        dates = [r["published"] for r in rows if present(r["published"])]
        out.append({
            "actor": actor,
            "host": host,
            "counts": "; ".join(_count_label(r) for r in rows),
            "low": min((int(r["count"]) for r in numbered), default=None),
            "high": max((high_count(r) for r in numbered), default=None),
            "n_reports": len(rows),
            "n_sources": len(sources),
            "sources": "; ".join(sources),
            "first": min(dates, default=None),
            "last": max(dates, default=None),
            "disagree": bool(pairs),
            "disagreement": None if closest is None else " vs ".join(
                f"{r['stated']} ({r['source']})" for r in closest),
        })
    out.sort(key=lambda r: (not r["disagree"], -r["n_reports"], r["actor"], r["host"] or ""))
    df = pd.DataFrame(out, columns=COMPARE_COLUMNS)
    return df.astype({"low": "Int64", "high": "Int64", "n_reports": "Int64", "n_sources": "Int64",
                      "first": DATE, "last": DATE, "disagree": bool,
                      **dict.fromkeys(("actor", "host", "counts", "sources", "disagreement"), STRING)})


def reports_agree(a, b) -> bool:
    """Whether two reports (rows of :func:`deployment_reports`, or dicts with ``lower_bound``,
    ``upper_bound`` and ``estimate``) can both be right: their intervals overlap and each one's
    own figure fits the other's interval. Reports without a number agree with everything."""
    if not (present(a.get("lower_bound")) and present(b.get("lower_bound"))):
        return True
    if a["lower_bound"] > b["upper_bound"] or b["lower_bound"] > a["upper_bound"]:
        return False
    for x, y in ((a, b), (b, a)):
        e = x.get("estimate")
        if present(e) and not (y["lower_bound"] <= e <= y["upper_bound"]):
            return False
    return True


def positions_over_time(tables, *, actor=None, issue=None):
    """Return the positions of the corpus by publication date: who stood where, when, per source.

    Args:
        tables: The dict of tables from :func:`nigerlens.extract` (its ``positions``), or a
            positions DataFrame.
        actor: Keep this actor (a canonical name) or these actors (a list); None keeps all.
        issue: Keep this issue id (from ``data/issues.toml``) or these; None keeps all.

    Returns:
        A DataFrame sorted by publication date (then outlet, actor, issue): published, outlet,
        actor, issue, stance, claimed_by, cue, article_id, sentence, and ``changed`` (True when
        the actor's stance on the issue differs from the one stated before it in the corpus).
    """
    import pandas as pd

    df = tables["positions"] if isinstance(tables, dict) else tables
    df = df.copy()
    for column, dtype in (("outlet", "string"), ("published", DATE)):
        if column not in df.columns:
            df[column] = pd.Series(None, index=df.index, dtype=dtype)
    if actor is not None:
        df = df[df["actor"].isin([actor] if isinstance(actor, str) else list(actor))]
    if issue is not None:
        df = df[df["issue"].isin([issue] if isinstance(issue, str) else list(issue))]
    columns = ["published", "outlet", "actor", "issue", "stance", "claimed_by", "cue", "article_id", "sentence"]
    df = df[columns].sort_values(["published", "outlet", "actor", "issue"], na_position="last", kind="stable")
    df = df.reset_index(drop=True)
    previous = df.groupby(["actor", "issue"], dropna=False)["stance"].shift()
    df["changed"] = (previous.notna() & (previous != df["stance"])).astype(bool)
    return df


# --- helpers ----------------------------------------------------------------------------


def _deployments(tables):
    from nigerlens.tables.schema import frame

    df = tables["deployments"] if isinstance(tables, dict) else tables
    if df is None:
        return frame("deployments")
    return df


def _source(row) -> str:
    """"RT 2023-08-14": the outlet (else the article id) and the publication date."""
    date = iso_day(row.get("published"))
    return f"{_outlet(row)} {date}" if date else _outlet(row)


def _outlet(row) -> str:
    outlet = row.get("outlet")
    return str(outlet) if present(outlet) and str(outlet) else str(row.get("article_id"))


def _count_label(row) -> str:
    """"1,300 (some, RT 2023-08-14)", "1,000-1,500 (between, Example Daily 2023-08-20)"."""
    if present(row.get("count")):
        number = f"{int(row['count']):,}"
        if present(row.get("count_high")):
            number += f"\u2013{int(row['count_high']):,}"
    else:
        number = "no number"
    qualifier = row.get("qualifier")
    words = [str(qualifier)] if present(qualifier) else []
    status = row.get("status")
    if present(status) and status != "present":
        words.append(str(status))
    return f"{number} ({', '.join([*words, row['source']])})"


def _days_apart(a, b) -> int:
    days = [day(r["published"]) for r in (a, b)]
    if None in days:  # an undated report: as far as can be
        return 10**6
    return abs((days[0] - days[1]).days)


def _gap(a, b) -> float:
    ea = a["estimate"] if present(a.get("estimate")) else a["lower_bound"]
    eb = b["estimate"] if present(b.get("estimate")) else b["lower_bound"]
    return abs(float(ea) - float(eb))
