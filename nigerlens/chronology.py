"""Group event mentions into events for a chronology.

The article tables keep every mention ("a coup in late July" and "the coup took place on July
26" are two rows). :func:`merge_events` groups mentions, across sentences and articles, that
date compatible ranges (their date ranges overlap) and speak of the same thing (a shared actor
and a shared content word in their summaries, or the same actors).
"""

from __future__ import annotations

import re
from datetime import date

_STOP = set(
    "the a an of in on at to for with and or but by from that this these those its their his her it they "
    "he she we was were is are be been has have had will would said says say told also after before since "
    "into over about than as who which when while".split()
)


def _interval(row) -> tuple[date, date] | None:
    if not isinstance(row["date"], str) or not row["date"]:
        return None
    start = date.fromisoformat(row["date"])
    end = date.fromisoformat(row["date_end"]) if isinstance(row["date_end"], str) and row["date_end"] else start
    return start, end


def _words(summary, actors: set[str]) -> set[str]:
    if not isinstance(summary, str):
        return set()
    actor_words = {w.lower() for a in actors for w in a.split()}
    return {w for w in re.findall(r"[a-z]{4,}", summary.lower()) if w not in _STOP and w not in actor_words}


def _actors(value) -> set[str]:
    return {a.strip() for a in value.split(";")} if isinstance(value, str) and value else set()


def merge_events(events):
    """Group the mentions in an events table (one article's or a corpus's) into events.

    Returns a DataFrame with one row per event: event_id, date, date_end, precision (of the
    narrowest mention), mentions, articles, expressions, summary (the narrowest mention's),
    actors (all), and ``rows`` (the index labels of the grouped mentions in ``events``).
    Unresolved mentions are left out.
    """
    import pandas as pd

    rows = [(i, r, _interval(r)) for i, r in events.iterrows()]
    rows = [(i, r, iv) for i, r, iv in rows if iv is not None]
    parent = {i: i for i, _, _ in rows}

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    info = {i: (_actors(r["actors"]), iv) for i, r, iv in rows}
    words = {i: _words(r["summary"], info[i][0]) for i, r, _ in rows}
    for n, (i, _, (s1, e1)) in enumerate(rows):
        for j, _, (s2, e2) in rows[n + 1 :]:
            if s1 <= e2 and s2 <= e1:
                a1, a2 = info[i][0], info[j][0]
                same_thing = (a1 & a2 and words[i] & words[j]) or (a1 and a1 == a2)
                if same_thing:
                    parent[find(j)] = find(i)

    groups: dict[int, list] = {}
    for i, r, iv in rows:
        groups.setdefault(find(i), []).append((i, r, iv))
    out = []
    for members in groups.values():
        i, best, (start, end) = min(members, key=lambda m: ((m[2][1] - m[2][0]).days, m[2][0]))
        out.append(
            {
                "date": start.isoformat(),
                "date_end": end.isoformat() if end != start else None,
                "precision": best["precision"],
                "mentions": len(members),
                "articles": "; ".join(dict.fromkeys(str(m[1]["article_id"]) for m in members)),
                "expressions": "; ".join(str(m[1]["expression"]) for m in members),
                "summary": best["summary"],
                "actors": "; ".join(dict.fromkeys(a for m in members for a in sorted(_actors(m[1]["actors"])))) or None,
                "rows": [m[0] for m in members],
            }
        )
    out.sort(key=lambda e: (e["date"], e["date_end"] or e["date"]))
    df = pd.DataFrame(out, columns=["date", "date_end", "precision", "mentions", "articles", "expressions", "summary", "actors", "rows"])
    df.insert(0, "event_id", range(1, len(df) + 1))
    return df
