"""The bases table: which actor has a base where.

A base statement is a sentence with a base word (data/lexicon/base_words.csv: "air base", "drone
facility", "stationed at" ...) or a named base ("Air Base 201") and a gazetteer place in the same
clause or after it ("two bases, located in ... Niamey and ... Agadez"). The actor is an actor
adjective right before the base word ("the French base"), else the actor whose forces it houses,
named right after it ("the base that houses French troops"), else resolved as for deployments. A
sentence with a base word and no actor ("A smaller group is stationed at ...") continues the
previous sentence's actor. Each place belongs to the actor of the base word named nearest before
it ("Italy has a base in Niamey, while US personnel remain at a drone base outside Agadez"); a town
used as an adjective ("the Niamey base") is no owner; the forces a base houses ("that still houses
American troops", "where US troops are also stationed") get a row there too; a town a force goes
to ("flew ... to N'Djamena") is not a base. Named installations and "the capital of Niger" are
place aliases in data/places.csv (Air Base 101 is Niamey). A named base seen with a place ("Air Base 101, next to the airport in
... Niamey") is remembered, so a later "part of Air Base 101" places the base in Niamey. When a
sentence names several bases at several places, each place gets the base named before it.
"""

from __future__ import annotations

import re
from functools import cache

from nigerlens.extractors.deployments import closed_relative_owner
from nigerlens.resources import alternation, lexicon
from nigerlens.rules.clauses import OWNER_KINDS, clause_at, owner_mentions, resolve_owner
from nigerlens.rules.discourse import CONTRAST
from nigerlens.rules.gazetteer import Gazetteer, gazetteer_for
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
    gaz = gazetteer_for(article, gazetteer)  # the junta is "the government" after the coup
    rows: list[dict] = []
    named_places: dict[str, str] = {}  # "Air Base 101" -> "Niamey"
    last_actor: str | None = None
    previous_owners: list = []
    for sent in article.sentences:
        text = sent.text
        not_bases = [m.span() for m in NOT_A_BASE.finditer(text)]
        cues = [c for c in _base_word().finditer(text) if not any(c.start() < e and s < c.end() for s, e in not_bases)]
        named = list(NAMED_BASE.finditer(text))
        cues = [c for c in cues if not any(c.start() < n.end() and n.start() < c.end() for n in named)]
        if not cues and not named:
            last_actor = None
            previous_owners = owner_mentions(text, gaz)
            continue
        places = gaz.place_mentions(text)
        anchor = min([m.start() for m in cues] + [m.start() for m in named])
        i, cs = clause_at(text, anchor)
        linked = _not_destinations(text, [p for p in places if p.start >= cs[i].start], [*cues, *named])
        fallback = last_actor or _previous_subject(text, previous_owners, gaz)
        previous_owners = owner_mentions(text, gaz)
        for nb in named:  # remember where a named base is; use what was remembered
            key = re.sub(r"\s+", " ", nb.group())
            itself = [p for p in places if p.start < nb.end() and nb.start() < p.end]  # "Air Base 101" is Niamey
            after = itself or [p for p in linked if p.start >= nb.end()]
            if after:
                named_places.setdefault(key, after[0].name)
        remembered = [named_places[k] for k in (re.sub(r"\s+", " ", nb.group()) for nb in named) if k in named_places]
        place_names = list(dict.fromkeys([p.name for p in linked] + remembered))
        cue = (cues or named)[0]
        actor, how = _actor_of(text, cue, gaz, places)
        if actor is None and fallback:
            actor, how = fallback, "previous sentence"
        if not place_names or actor is None:
            last_actor = actor  # "French soldiers are confined to their bases. ... at the air base in Niamey"
            continue
        last_actor = actor
        # each place belongs to the actor of the base named nearest before it ("Italy has a base
        # in Niamey, while US personnel remain at a drone base outside Agadez")
        actors = {name: _place_actor(name, text, linked, cues, named, gaz, places) or (actor, how) for name in place_names}
        actors = {name: (a if a[0] else (actor, how)) for name, a in actors.items()}
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
        pairs = [(name, *actors[name]) for name in place_names]
        pairs += _housed_extras(text, cues, linked, pairs, gaz)
        for name, place_actor, place_how in pairs:
            place = gaz.places[name]
            if len(place_names) > 1:  # "a drone base outside Agadez and Air Base 101 in Niamey": each its own
                description = _nearest_description(name, linked, named_places, described) or description
            rows.append(
                {
                    "article_id": article.id,
                    "actor": place_actor,
                    "place": name,
                    "latitude": place.latitude,
                    "longitude": place.longitude,
                    "description": description or None,
                    "sentence": text,
                    "start": sent.start,
                    "end": sent.end,
                    "rule": f"base-word+place; actor:{place_how}",
                }
            )
    return rows


def _actor_of(text: str, cue: re.Match, gaz: Gazetteer, places) -> tuple[str | None, str]:
    """The actor that keeps the base at ``cue``, and how it was found: an actor adjective ("the
    French base"; not a town used as one, "the Niamey base"), the forces it houses, the antecedent
    of a closed relative clause, else the owner of the clause."""
    found = _adjective_owner(text, cue, gaz, places) or _housed_owner(text, cue, gaz)
    if not found:
        owner, how = resolve_owner(text, cue.start(), cue.start(), gaz)
        if owner is None or how == "sentence":
            # "On the Air Base 101 are now installed the Russian instructors": the force after it
            owner, how = _force_after(text, cue, gaz) or (owner, how)
        if owner is not None and _is_place(owner, places):  # "keep the Niamey base": not Niger's
            i, cs = clause_at(text, cue.start())
            others = [o for o in owner_mentions(text, gaz) if cs[i].start <= o.start < owner.start and not _is_place(o, places)]
            owner, how = (others[-1], "clause") if others else (None, "none")
        if how == "clause":
            closed = closed_relative_owner(text, cue.start(), gaz)
            owner, how = (closed, "closed relative") if closed is not None else (owner, how)
        found = owner, how
    owner, how = found
    return (gaz.side_of(owner.name) if owner else None), how


@cache
def _place_link(kind: str) -> re.Pattern:
    words = alternation(r["word"] for r in lexicon("place_links") if r["kind"] == kind)
    if kind == "destination":
        return re.compile(rf"\b(?:{words})\s+(?:the\s+)?$", re.IGNORECASE)
    return re.compile(rf"\s*,?\s+(?:{words})\s+(?:the\s+)?", re.IGNORECASE)


def _not_destinations(text: str, linked: list, cues: list) -> list:
    """The places of a base sentence without the towns a force goes to ("flew from the air base in
    Niamey to N'Djamena"): a town after "to" with no base word since the place before it. A named
    base is kept ("moving personnel from Air Base 101 ... to Air Base 201")."""
    kept = []
    for n, p in enumerate(linked):
        since = linked[n - 1].end if n else 0
        destination = _place_link("destination").search(text[max(since, p.start - 15) : p.start])
        named = any(ch.isdigit() for ch in p.surface)
        if n and destination and not named and not any(since <= c.start() < p.start for c in cues):
            continue
        kept.append(p)
    return kept


def _housed_extras(text: str, cues, linked, pairs, gaz: Gazetteer) -> list[tuple]:
    """(place, actor, "housed") for the forces a base word says it houses when another actor keeps
    the base: "The Russians now live on Air Base 101, the installation that still houses American
    troops" gives the United States a row at Niamey too."""
    extras = []
    for p in linked:  # "the air base in Niamey, where US troops are also stationed"
        where = _place_link("housing").match(text, p.end)
        force = _force_after_at(text, where.end(), gaz) if where else None
        actor = gaz.side_of(force.name) if force else None
        if actor and all((p.name, actor) != (n, a) for n, a, _ in [*pairs, *extras]):
            extras.append((p.name, actor, "where"))
    for cue in cues:
        housed = _housed_owner(text, cue, gaz, reach=_HOUSED_REACH)
        if not housed or not linked:
            continue
        actor = gaz.side_of(housed[0].name)
        place = min(linked, key=lambda p: abs(p.start - cue.start())).name
        if all((place, actor) != (n, a) for n, a, _ in [*pairs, *extras]):
            extras.append((place, actor, "housed"))
    return extras


def _is_place(mention, places) -> bool:
    return any(p.start < mention.end and mention.start < p.end for p in places)


def _place_actor(name: str, text: str, linked, cues, named, gaz: Gazetteer, places):
    """(actor, how) of the base word or named base nearest before the place ``name``'s first
    mention in the sentence; None when none stands before it."""
    at = next((p for p in linked if p.name == name), None)
    if at is None:
        return None
    before = [c for c in [*cues, *named] if c.start() <= at.start]
    if not before:
        return None
    return _actor_of(text, max(before, key=lambda c: c.start()), gaz, places)


def _previous_subject(text: str, previous_owners: list, gaz: Gazetteer) -> str | None:
    """The previous sentence's first owner, when this sentence points back at it ("At least 1,000
    of them are at the air base in Niamey", "their base")."""
    if previous_owners and _points_back().search(text):
        return gaz.side_of(previous_owners[0].name)
    return None


@cache
def _points_back() -> re.Pattern:
    words = alternation(r["word"] for r in lexicon("count_links") if r["kind"] == "anaphor")
    return re.compile(rf"\b(?:of\s+(?:{words})|the\s+rest)\b", re.IGNORECASE)


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
    r"\s*,?\s+(?:(?:that|which)\s+(?:still\s+|also\s+|now\s+)?(?:houses|hosts|housed|hosted|is\s+used\s+by|was\s+used\s+by)|housing|hosting|used\s+by)"
    r"\s+(?:the\s+|some\s+|about\s+|around\s+)?(?:[\d,]+\s+)?",
    re.IGNORECASE,
)


@cache
def _unit_after() -> re.Pattern:
    return re.compile(rf"\s+(?:(?:{alternation(r['word'] for r in lexicon('units'))})|military)\b", re.IGNORECASE)


def _force_after_at(text: str, pos: int, gaz: Gazetteer):
    """An actor named right at ``pos`` with a unit word after it ("US troops"), else None."""
    mentions = gaz.actor_mentions(text[pos : pos + 40], pos, kinds=OWNER_KINDS)
    if mentions and mentions[0].start == pos and _unit_after().match(text, mentions[0].end):
        return mentions[0]
    return None


def _force_after(text: str, cue: re.Match, gaz: Gazetteer):
    """An actor named with a unit word after the base in its clause ("... are now installed the
    Russian instructors", "... that still houses American troops")."""
    i, cs = clause_at(text, cue.end())
    for m in gaz.actor_mentions(text[cue.end() : cs[i].end], cue.end(), kinds=OWNER_KINDS):
        if _unit_after().match(text, m.end):
            return m, "force after"
    return None


_HOUSED_REACH = 50  # characters between a base word and "that houses" ("installation next to the airport that still houses")


def _housed_owner(text: str, cue: re.Match, gaz: Gazetteer, *, reach: int = 0):
    """The actor whose forces a base houses, named right after it ("the base that houses French
    troops", "the base housing US troops") or, with ``reach``, up to that many characters after it
    in the same clause."""
    m = _HOUSES.match(text, cue.end())
    if not m and reach:
        stop = re.search(r"[;.]", text[cue.end() : cue.end() + reach])
        m = _HOUSES.search(text, cue.end(), cue.end() + (stop.start() if stop else reach))
    if not m:
        return None
    mentions = gaz.actor_mentions(text[m.end() : m.end() + 40], m.end(), kinds=OWNER_KINDS)
    if mentions and mentions[0].start == m.end():
        return mentions[0], "housed"
    return None


def _adjective_owner(text: str, cue: re.Match, gaz: Gazetteer, places=()):
    """An actor named right before the base word: "the French base", "France's air base"; a town
    there ("the Niamey base") says where the base is, not whose."""
    lo = max(0, cue.start() - 30)
    before = text[lo : cue.start()]
    mentions = gaz.actor_mentions(before, kinds=OWNER_KINDS)
    if mentions and before[mentions[-1].end - 0 :].strip() in ("", "'s", "\u2019s"):  # "the French base", "France's base"
        last = mentions[-1]
        if any(p.start < lo + last.end and lo + last.start < p.end for p in places):
            return None  # a town, not an owner
        return last, "adjective"
    return None


def bases(article: Article, *, gazetteer: Gazetteer | None = None):
    """The bases table of ``article``: one row per (actor, place) named in a base statement.

    Columns: article_id, actor, place, latitude, longitude, description, and the evidence
    (sentence, start, end, rule).
    """
    return frame("bases", base_records(article, gazetteer=gazetteer))
