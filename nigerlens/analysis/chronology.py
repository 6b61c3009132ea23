"""Group event mentions into events for a chronology.

The article tables keep every mention ("a coup in late July" and "the coup took place on July
26" are two rows). :func:`merge_events` groups mentions, across sentences and articles, that
date compatible ranges (their date ranges overlap) and speak of the same thing (a shared actor
and a shared content word in their summaries, or the same actors).

Sources also disagree about dates: one outlet dates Nuland's visit to Niamey to Sunday, August 6,
another to Monday, August 7. Day-precise mentions in different articles that speak of the same
thing (the same actors and a shared content word) but give different days at most
``CONFLICT_WINDOW_DAYS`` apart are grouped into one event marked ``conflict``, with every date
and its sources in ``dates``, rather than merged silently or left as two unrelated events.
"""

from __future__ import annotations

import re
from datetime import date

from nigerlens.tables.schema import DATE, STRING, day

_STOP = set(
    "the a an of in on at to for with and or but by from that this these those its their his her it they "
    "he she we was were is are be been has have had will would said says say told also after before since "
    "into over about than as who which when while".split()
)


CONFLICT_WINDOW_DAYS = 14  # further apart than this, two dated mentions are taken for two events
# Words that two mentions of different events share all the time: titles and reporting words.
_GENERIC = set(
    "acting deputy secretary president minister general leader leaders official officials spokesman "
    "spokeswoman reporters statement then".split()
)


def _interval(row) -> tuple[date, date] | None:
    start = day(row["date"])
    if start is None:
        return None
    return start, day(row["date_end"]) or start


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
    actors (all), ``conflict`` (True when the sources give different days for it, see below),
    ``dates`` (each distinct date or ``start/end`` range of its mentions with the sources that
    give it, e.g. ``"2023-08-06 (Example Daily); 2023-08-07 (RT, Sahel Monitor)"``; sources are
    the ``outlet`` column of a corpus table, else article ids) and ``rows`` (the index labels of
    the grouped mentions in ``events``). Unresolved mentions are left out.

    Two mentions are joined as one event when their dates overlap and they speak of the same
    thing, or, as a conflict, when both are day-precise, come from different articles, are at
    most ``CONFLICT_WINDOW_DAYS`` apart and speak of the same thing in a stricter sense (the
    actors of one are all among the other's, and the summaries share a word that is not an
    actor's name or alias, a title or a reporting word). A conflicting event is dated by the day
    most articles give (ties: the earliest).
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
    conflicting: set[int] = set()  # mentions joined to another despite a different day
    for n, (i, ri, (s1, e1)) in enumerate(rows):
        for j, rj, (s2, e2) in rows[n + 1 :]:
            a1, a2 = info[i][0], info[j][0]
            if s1 <= e2 and s2 <= e1:
                same_thing = (a1 & a2 and words[i] & words[j]) or (a1 and a1 == a2)
                if same_thing:
                    parent[find(j)] = find(i)
            elif _conflict(ri, rj, s1, s2) and _same_event(a1, a2, ri["summary"], rj["summary"]):
                parent[find(j)] = find(i)
                conflicting.update((i, j))

    groups: dict[int, list] = {}
    for i, r, iv in rows:
        groups.setdefault(find(i), []).append((i, r, iv))
    has_outlet = "outlet" in events.columns
    out = []
    for members in groups.values():
        conflict = any(m[0] in conflicting for m in members)
        support = _support(members) if conflict else {}
        # A conflict is dated by the day most articles give (then the earliest); the other days
        # stay in ``dates``.
        i, best, (start, end) = min(
            members, key=lambda m: ((m[2][1] - m[2][0]).days, -support.get(m[2][0], 0), m[2][0])
        )
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
                "conflict": conflict,
                "dates": _dates(members, has_outlet),
                "rows": [m[0] for m in members],
            }
        )
    out.sort(key=lambda e: (e["date"], e["date_end"] or e["date"]))
    columns = ["date", "date_end", "precision", "mentions", "articles", "expressions", "summary", "actors",
               "conflict", "dates", "rows"]
    text = ("precision", "articles", "expressions", "summary", "actors", "dates")
    df = pd.DataFrame(out, columns=columns).astype({"conflict": bool, "date": DATE, "date_end": DATE, **dict.fromkeys(text, STRING)})
    df.insert(0, "event_id", range(1, len(df) + 1))
    return df


def _conflict(r1, r2, d1: date, d2: date) -> bool:
    """Whether two mentions that do not overlap may still be one event dated differently."""
    return (
        _is_day(r1)
        and _is_day(r2)
        and str(r1["article_id"]) != str(r2["article_id"])  # one article giving two days: two events
        and abs((d1 - d2).days) <= CONFLICT_WINDOW_DAYS
    )


def _same_event(a1: set[str], a2: set[str], summary1, summary2) -> bool:
    """Whether two differently dated mentions speak of one event: the actors of one are all among
    the other's, and their summaries share a word that is not an actor's name or alias, a title
    or a reporting word ("visited" in "Nuland visited Niger" and "Nuland visited Niamey")."""
    if not (a1 and a2 and (a1 <= a2 or a2 <= a1)):
        return False
    names = _alias_words(a1 | a2)
    w1 = _words(summary1, set()) - names - _GENERIC
    w2 = _words(summary2, set()) - names - _GENERIC
    return bool(w1 & w2)


def _alias_words(actors: set[str]) -> set[str]:
    """The lower-case words of the actors' names and gazetteer aliases ("niamey" for Niger)."""
    names = set(actors)
    try:
        from nigerlens.rules.gazetteer import default_gazetteer

        gazetteer = default_gazetteer()
        names |= {alias for a in actors if a in gazetteer.actors for alias in gazetteer.actors[a].aliases}
    except (OSError, KeyError, ValueError):  # no usable data folder: the names alone
        pass
    return {w for name in names for w in re.findall(r"[a-z]+", name.lower())}


def _is_day(row) -> bool:
    precision = row["precision"]
    return isinstance(precision, str) and precision == "day"


def _support(members) -> dict[date, int]:
    """The number of articles giving each single day among ``members``."""
    articles: dict[date, set] = {}
    for _, r, (start, end) in members:
        if start == end:
            articles.setdefault(start, set()).add(str(r["article_id"]))
    return {day: len(ids) for day, ids in articles.items()}


def _source(row, has_outlet: bool) -> str:
    outlet = row["outlet"] if has_outlet else None
    return str(outlet) if isinstance(outlet, str) and outlet else str(row["article_id"])


def _dates(members, has_outlet: bool) -> str:
    """``"2023-08-06 (Example Daily); 2023-08-07 (RT, Sahel Monitor)"``: each distinct date or
    range of ``members``, in date order, with its sources."""
    sources: dict[tuple[date, date], dict[str, None]] = {}
    for _, r, interval in members:
        sources.setdefault(interval, {})[_source(r, has_outlet)] = None
    parts = []
    for start, end in sorted(sources, key=lambda iv: (iv[0], iv[1])):
        when = start.isoformat() if end == start else f"{start.isoformat()}/{end.isoformat()}"
        parts.append(f"{when} ({', '.join(sources[(start, end)])})")
    return "; ".join(parts)


def parse_dates(value) -> list[tuple[date, date, list[str]]]:
    """Return the ``dates`` cell of :func:`merge_events` as ``[(start, end, [sources])]``."""
    if not isinstance(value, str) or not value:
        return []
    out = []
    for item in re.split(r"; (?=\d{4}-\d{2}-\d{2})", value):
        found = re.match(r"(\d{4}-\d{2}-\d{2})(?:/(\d{4}-\d{2}-\d{2}))? \((.*)\)$", item.strip())
        if found:
            start = date.fromisoformat(found.group(1))
            end = date.fromisoformat(found.group(2)) if found.group(2) else start
            out.append((start, end, [s.strip() for s in found.group(3).split(", ") if s.strip()]))
    return out
