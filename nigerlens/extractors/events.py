"""The events table: one row per dated (or datable) event mention.

Each date expression in the analysed text (page furniture is never read) is resolved by
:mod:`nigerlens.rules.dates` against the publication date; the row keeps the words, the dates, the
precision, how it was worked out, the clause it governs (``summary``) and the actors named there.
"""

from __future__ import annotations

import re
from dataclasses import replace

from nigerlens.ingest.load import parse_date
from nigerlens.rules.dates import (
    CHUNK_BREAK,
    Resolution,
    chunk_bounds,
    dateline_date,
    find_expressions,
    resolve,
)
from nigerlens.rules.gazetteer import Gazetteer, gazetteer_for
from nigerlens.tables.schema import frame
from nigerlens.text.article import Article

MAX_SUMMARY_WORDS = 12
# a year on a line of its own ("2023", "2024[edit]"): a timeline's section heading
_YEAR_HEADING = re.compile(r"^[ \t]*((?:19|20)\d{2})[ \t]*(?:\[edit\])?[ \t]*$", re.MULTILINE)
_SECTION_DATED = ("month-day", "day-month", "part-of-month", "month")
# the caption of an old picture: its date is the picture's, not an event's (ANNOTATION.md: dates in
# captions of unrelated scenes are not events)
_ARCHIVE_PICTURE = re.compile(r"\b(?:file|archive|archival|stock)\s+(?:photo|photograph|picture|image|footage)s?\b", re.IGNORECASE)
# a purpose or manner clause is not part of the event: "agreed to hold talks in a bid to defuse"
_PURPOSE = re.compile(r"\s+(?:in\s+a\s+bid\s+to|in\s+order\s+to|so\s+as\s+to|aimed\s+at|citing|according\s+to)\b.*$", re.IGNORECASE)
_LEAD = re.compile(r"^(?:and|but|while|when|whereas|which|who|as|after|before|ever\s+since|since|then|now|also)\b\s*", re.IGNORECASE)
_TRAIL = re.compile(r"\s+\b(?:the|a|an|of|in|on|at|to|for|with|and|or|by|from|that|its|their)$", re.IGNORECASE)


def _chunks(sentence: str, start: int, end: int) -> tuple[str, str]:
    """Text before and after the expression within its comma-delimited chunk."""
    left, right = chunk_bounds(sentence, start, end)
    before, after = sentence[left:start], sentence[end:right]
    if len(before.split()) + len(after.split()) < 2 and right < len(sentence):
        # "On Monday, Niger's military government agreed ...": the event is in the next chunk
        nxt = CHUNK_BREAK.search(sentence, right)
        _, next_right = chunk_bounds(sentence, nxt.end(), nxt.end()) if nxt else (0, len(sentence))
        after = sentence[nxt.end() if nxt else right : next_right]
    return before, after


# a date that modifies a noun names its event: "the July 26 coup", "Sunday's rally"
_DETERMINER = re.compile(r"(?:^|\s)(?:the|a|an|this|that)\s+$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_NOUN = re.compile(r"\s+(?P<mod>(?:military|presidential|emergency|extraordinary|regional|national|general|special|peace)\s+)?(?P<noun>[a-z][a-z-]+)\b")
_NOT_NOUNS = frozenset(
    "the a an and or but of in on at to for by with from that which who when as is are was were has had have be been "
    "will would said says told after before since until during".split()
)


def _modified_noun(sentence: str, start: int, end: int) -> str | None:
    """``"the July 26 coup"`` when the expression at ``sentence[start:end]`` modifies a noun
    (after a determiner, or with a possessive: "Sunday's rally", "last week's meeting")."""
    words = sentence[start:end]
    possessive = words.endswith(("'s", "\u2019s")) or bool(_POSSESSIVE.match(sentence, end))
    if possessive and not words.endswith("s"):
        words, end = words + sentence[end : end + 2], end + 2
    determiner = _DETERMINER.search(sentence[:start])
    if not possessive and not determiner:
        return None
    m = _NOUN.match(sentence, end)
    if not m or m.group("noun").lower() in _NOT_NOUNS:
        return None
    lead = "" if possessive or not determiner else determiner.group().strip() + " "
    return f"{lead}{words} {m.group('mod') or ''}{m.group('noun')}"


def summarize(sentence: str, start: int, end: int) -> str:
    """The clause an expression at ``sentence[start:end]`` dates, trimmed to at most 12 words;
    the noun phrase when the date modifies a noun ("the July 26 coup")."""
    noun_phrase = _modified_noun(sentence, start, end)
    if noun_phrase:
        return noun_phrase
    before, after = _chunks(sentence, start, end)
    before_words = _LEAD.sub("", _PURPOSE.sub("", before).strip()).split()
    after_words = _PURPOSE.sub("", after).strip().rstrip(".!?\"”").split()
    words = before_words[-MAX_SUMMARY_WORDS:] if len(before_words) >= 2 else before_words
    words = words + after_words[: max(0, MAX_SUMMARY_WORDS - len(words))]
    text = " ".join(words).strip(" ,.;:\"“”")
    text = _LEAD.sub("", text)
    for _ in range(3):
        text, trimmed = _TRAIL.subn("", text)
        if not trimmed:  # nothing left to trim: another pass would find nothing either
            break
    return text


def actors_in(text: str, gazetteer: Gazetteer) -> list[str]:
    """Canonical names of the actors named in ``text``, in order of first mention."""
    return list(dict.fromkeys(m.name for m in gazetteer.actor_mentions(text)))


def _year_hint(article: Article) -> int | None:
    years = [int(m.group(1)) for s in article.sentences for m in re.finditer(r"\b((?:19|20)\d{2})\b", s.text)]
    return max(years) if years else None


def dated_expressions(article: Article, *, published=None):
    """Each date expression of ``article``'s analysed text with its resolution, in text order, as
    ``(sentence, expression, resolution, anchor)``; ``published`` overrides the publication date
    (``anchor``, None when none is known and no dateline gives one). The events table without its
    summaries and actors: what date finders such as dateparser's ``search_dates`` return."""
    anchor = parse_date(published, where="publication date") if published is not None else article.published
    hint = None if anchor else _year_hint(article)
    if anchor is None:  # no publication date: the article's own dateline dates it
        anchor = dateline_date((s.text for s in article.sentences), hint)
    headings = [(m.start(), m.group(1)) for m in _YEAR_HEADING.finditer(article.text)]
    for sent in article.sentences:
        if _ARCHIVE_PICTURE.search(sent.text):
            continue  # "in a 2021 file photo", "(archive picture from 2023)": when a picture was taken
        earlier: list[Resolution] = []
        for expr in find_expressions(sent.text):
            year = next((y for at, y in reversed(headings) if at < sent.start + expr.start), None)
            headed = bool(year) and expr.rule in _SECTION_DATED and "year" not in expr.groups and "relyear" not in expr.groups
            if headed:  # a timeline's "2023" heading dates the "28 July" under it
                expr = replace(expr, groups={**expr.groups, "year": year})
            r = resolve(expr, sent.text, anchor, earlier=earlier, year_hint=hint)
            if headed:
                r = replace(r, how=f"{r.how}; the year from the section heading {year}")
            earlier.append(r)
            yield sent, expr, r, anchor


def event_records(article: Article, *, gazetteer: Gazetteer | None = None, published=None) -> list[dict]:
    """Event rows (dicts) for ``article`` in text order; ``published`` overrides its date."""
    gaz = gazetteer_for(article, gazetteer)  # the junta is "the government" after the coup
    rows = []
    for sent, expr, r, anchor in dated_expressions(article, published=published):
        summary = summarize(sent.text, expr.start, expr.end)
        # the event's own actors, from the clause it dates: not whoever else the sentence
        # names ("the July 2023 coup" is not Germany's because Pistorius speaks of it)
        actors = actors_in(summary, gaz)
        rows.append(
            {
                "article_id": article.id,
                "date": r.date.isoformat() if r.date else None,
                "date_end": r.date_end.isoformat() if r.date_end else None,
                "precision": r.precision,
                "expression": expr.text,
                "anchor": anchor.isoformat() if anchor and r.anchored else None,
                "how": r.how,
                "summary": summary or None,
                "actors": "; ".join(actors) or None,
                "sentence": sent.text,
                "start": sent.start,
                "end": sent.end,
                "rule": f"date:{expr.rule}",
            }
        )
    return rows


def events(article: Article, *, gazetteer: Gazetteer | None = None, published=None):
    """The events table of ``article``: one row per dated event mention.

    Args:
        published: a publication date (date or YYYY-MM-DD) to resolve against instead of the
            article's own; with none known, relative dates stay unresolved and ``how`` says why.

    Columns: article_id, date, date_end, precision, expression, anchor, how, summary, actors,
    and the evidence (sentence, start, end, rule).
    """
    return frame("events", event_records(article, gazetteer=gazetteer, published=published))


def anchor_shift(article: Article, published, *, gazetteer: Gazetteer | None = None):
    """What depends on the publication date: each event resolved against the article's own date
    and against ``published``, side by side, with a ``moved`` flag.

    Returns a DataFrame: expression, summary, date/date_end as published, date/date_end against
    ``published`` (suffix ``_other``), moved.
    """
    own = events(article, gazetteer=gazetteer)
    other = events(article, gazetteer=gazetteer, published=published)
    keep = ["expression", "summary", "date", "date_end", "precision"]
    out = own[keep].join(other[["date", "date_end", "precision"]].add_suffix("_other"))
    out["moved"] = (out["date"].fillna("") != out["date_other"].fillna("")) | (
        out["date_end"].fillna("") != out["date_end_other"].fillna("")
    )
    return out
