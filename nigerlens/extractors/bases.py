"""The bases table: which actor has a base where.

A base statement is a sentence with a base word (data/lexicon/base_words.csv: "air base", "drone
facility", "stationed at" ...) or a named base ("Air Base 201") and a gazetteer place in the same
clause or after it ("two bases, located in ... Niamey and ... Agadez"). The actor is an actor
adjective right before the base word ("the French base"), else the actor whose forces it houses,
named right after it ("the base that houses French troops"), else resolved as for deployments. A
sentence with a base word and no actor ("A smaller group is stationed at ...") continues the
previous sentence's actor. A named base seen with a place ("Air Base 101, next to the airport in
... Niamey") is remembered, so a later "part of Air Base 101" places the base in Niamey. When a
sentence names several bases at several places, each place gets the base named before it.
"""

from __future__ import annotations

import re
from functools import cache

from nigerlens.resources import alternation, lexicon
from nigerlens.rules.clauses import OWNER_KINDS, clause_at, resolve_owner
from nigerlens.rules.discourse import CONTRAST
from nigerlens.rules.gazetteer import Gazetteer, default_gazetteer
from nigerlens.tables.schema import frame
from nigerlens.text.article import Article

NAMED_BASE = re.compile(r"\b(?:Air\s+Base|Base\s+A[ée]rienne|Camp|Forward\s+Operating\s+Base|Base)\s+(?:\d{1,4}|[A-Z][a-z]+)\b")
# "based on", "power base", "support base" are not military bases
NOT_A_BASE = re.compile(r"\bbased\s+on\b|\b(?:power|support|voter|political|tax|customer|industrial|data|knowledge|evidence)\s+bases?\b", re.IGNORECASE)
_DESCRIBERS = r"(?:(?:air|drone|transport|logistics|surveillance|military|naval|forward|operating|support|counterterrorism|training)\s+){0,3}"


@cache
def _base_word() -> re.Pattern:
    words = alternation(r["word"] for r in lexicon("base_words"))
    return re.compile(rf"\b{_DESCRIBERS}(?:{words})\b", re.IGNORECASE)


def _description(text: str) -> str:
    desc = re.sub(r"\s+", " ", text.strip()).lower()
    if desc.startswith(("based", "stationed")):
        return ""
    return re.sub(r"\bbases\b", "base", desc)


def base_records(article: Article, *, gazetteer: Gazetteer | None = None) -> list[dict]:
    """Base rows (dicts) for ``article``, in text order."""
    gaz = gazetteer or default_gazetteer()
    rows: list[dict] = []
    named_places: dict[str, str] = {}  # "Air Base 101" -> "Niamey"
    last_actor: str | None = None
    for sent in article.sentences:
        text = sent.text
        not_bases = [m.span() for m in NOT_A_BASE.finditer(text)]
        cues = [c for c in _base_word().finditer(text) if not any(c.start() < e and s < c.end() for s, e in not_bases)]
        named = list(NAMED_BASE.finditer(text))
        cues = [c for c in cues if not any(c.start() < n.end() and n.start() < c.end() for n in named)]
        if not cues and not named:
            last_actor = None
            continue
        places = gaz.place_mentions(text)
        anchor = min([m.start() for m in cues] + [m.start() for m in named])
        i, cs = clause_at(text, anchor)
        linked = [p for p in places if p.start >= cs[i].start]
        for nb in named:  # remember where a named base is; use what was remembered
            key = re.sub(r"\s+", " ", nb.group())
            after = [p for p in linked if p.start >= nb.end()]
            if after:
                named_places.setdefault(key, after[0].name)
        remembered = [named_places[k] for k in (re.sub(r"\s+", " ", nb.group()) for nb in named) if k in named_places]
        place_names = list(dict.fromkeys([p.name for p in linked] + remembered))
        if not place_names:
            continue
        cue = (cues or named)[0]
        owner, how = _adjective_owner(text, cue, gaz) or _housed_owner(text, cue, gaz) or resolve_owner(text, cue.start(), cue.start(), gaz)
        actor = gaz.side_of(owner.name) if owner else None
        if actor is None and last_actor:
            actor, how = last_actor, "previous sentence"
        if actor is None:
            continue
        last_actor = actor
        described = [(n.start(), re.sub(r"\s+", " ", n.group())) for n in named] + [(c.start(), _description(c.group())) for c in cues]
        descriptions = [d for _, d in described]
        descriptions = [d for d in dict.fromkeys(filter(None, descriptions)) if not any(o != d and o.endswith(" " + d) for o in descriptions)]
        description = "; ".join(descriptions)
        if len(place_names) == 1 and len(descriptions) > 1:
            # "... at the drone facility, while the rest were at Air Base 101 near Niamey": only
            # the bases in the place's own clause ("Air Base 201, a drone facility near Agadez" keeps both)
            at = next((p.start for p in linked if p.name == place_names[0]), len(text))
            joint = max((j.end() for j in CONTRAST.finditer(text, 0, at)), default=0)
            own = [d for start, d in described if d and start >= joint and d in descriptions]
            description = "; ".join(dict.fromkeys(own)) or description
        for name in place_names:
            place = gaz.places[name]
            if len(place_names) > 1:  # "a drone base outside Agadez and Air Base 101 in Niamey": each its own
                description = _nearest_description(name, linked, named_places, described) or description
            rows.append(
                {
                    "article_id": article.id,
                    "actor": actor,
                    "place": name,
                    "latitude": place.latitude,
                    "longitude": place.longitude,
                    "description": description or None,
                    "sentence": text,
                    "start": sent.start,
                    "end": sent.end,
                    "rule": f"base-word+place; actor:{how}",
                }
            )
    return rows


def _nearest_description(place: str, linked, named_places: dict, described: list[tuple[int, str]]) -> str | None:
    """The base a place belongs to when a sentence names several: the named base remembered at
    that place, else the base word closest before the place's first mention."""
    for key, where in named_places.items():
        if where == place and any(d == key for _, d in described):
            return key
    at = next((p.start for p in linked if p.name == place), None)
    before = [(start, d) for start, d in described if d and at is not None and start < at]
    return max(before)[1] if before else None


_HOUSES = re.compile(
    r"\s*,?\s+(?:(?:that|which)\s+(?:houses|hosts|housed|hosted|is\s+used\s+by|was\s+used\s+by)|housing|hosting|used\s+by)"
    r"\s+(?:the\s+|some\s+|about\s+|around\s+)?(?:[\d,]+\s+)?",
    re.IGNORECASE,
)


def _housed_owner(text: str, cue: re.Match, gaz: Gazetteer):
    """The actor whose forces a base houses, named right after it: "the base that houses French
    troops", "the base housing US troops"."""
    m = _HOUSES.match(text, cue.end())
    if not m:
        return None
    mentions = gaz.actor_mentions(text[m.end() : m.end() + 40], m.end(), kinds=OWNER_KINDS)
    if mentions and mentions[0].start == m.end():
        return mentions[0], "housed"
    return None


def _adjective_owner(text: str, cue: re.Match, gaz: Gazetteer):
    """An actor named right before the base word: "the French base", "a US drone base"."""
    before = text[max(0, cue.start() - 30) : cue.start()]
    mentions = gaz.actor_mentions(before, kinds=OWNER_KINDS)
    if mentions and before[mentions[-1].end - 0 :].strip() == "":
        return mentions[-1], "adjective"
    return None


def bases(article: Article, *, gazetteer: Gazetteer | None = None):
    """The bases table of ``article``: one row per (actor, place) named in a base statement.

    Columns: article_id, actor, place, latitude, longitude, description, and the evidence
    (sentence, start, end, rule).
    """
    return frame("bases", base_records(article, gazetteer=gazetteer))
