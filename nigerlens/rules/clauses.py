"""Which actor a phrase in a sentence belongs to: clause boundaries and actor resolution.

News packs several actors into one sentence ("The US has ... some 1,300 soldiers and almost
equaling that of France, which has around 1,500 servicemen"). The owner of a phrase is found in
its own clause: an actor adjective inside the phrase ("1,000 U.S. troops"), else the nearest actor
named before it in the clause that is not a place or a point of comparison ("in Niger", "that of
France", "alongside Nigerien units"), else the antecedent of a relative clause (", which ..."),
else the sentence's subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from nigerlens.resources import alternation, lexicon
from nigerlens.rules.gazetteer import Gazetteer, Mention

# a new clause starts here; the group `rel` marks a relative clause whose subject is the antecedent
BOUNDARY = re.compile(
    r";|\s[-\u2013\u2014]\s"
    r"|,\s+(?=(?:while|whereas|but|although|though|as|and\s+(?:the|its|their|his|her)\b))"
    r"|(?P<rel>,\s+(?:which|who|whose)\b)"
    r"|\s(?=while\b|whereas\b)",
    re.IGNORECASE,
)
# a mention right after one of these words is a place, a partner or a point of comparison,
# not the owner of what the clause talks about ("in Niger", "that of France", "with the Americans")
NOT_OWNER_BEFORE = re.compile(
    r"\b(?:in|into|to|from|at|near|across|inside|outside|around|toward|towards|of|with|alongside|"
    r"against|than|like|between|over|for|on|behind|within|throughout|beyond|out\s+of|next\s+to)"
    r"(?:\s+(?:the|a|an|its|their|neighbouring|neighboring|northern|southern|eastern|western|"
    r"central|remaining|other|both|fellow|\w+ian|\w+ese))*\s*$",
    re.IGNORECASE,
)
# ... except after a quantifier or a governing noun: "most of the French contingent" is France's,
# "the juntas in Mali and Burkina Faso" are Mali's and Burkina Faso's
QUANTIFIED_OF = re.compile(
    r"\b(?:(?:most|some|many|all|part|half|each|one|none|several|much|rest|bulk|remainder)\s+of"
    r"|(?:juntas?|governments?|leaders?|authorities|rulers|officials|ministers?|presidents?|militar(?:y|ies)|regimes?)\s+(?:in|of))"
    r"(?:\s+(?:the|its|their|neighbouring|neighboring))?\s*$",
    re.IGNORECASE,
)
OWNER_KINDS = ("state", "organisation", "armed group", "person")
# what stands between coordinated actors: "Mali and Burkina Faso", "Germany, Italy and Chad"
JOINED = r"\s*(?:,|and|,\s*and)\s*"


@dataclass(frozen=True)
class Clause:
    start: int  # offsets into the sentence text
    end: int
    relative: bool  # starts with ", which/who/whose"


def clauses(sentence: str) -> list[Clause]:
    """Split a sentence into clauses (offsets into the sentence)."""
    out: list[Clause] = []
    start, relative = 0, False
    for m in BOUNDARY.finditer(sentence):
        out.append(Clause(start, m.start(), relative))
        start, relative = m.start(), bool(m.group("rel"))
    out.append(Clause(start, len(sentence), relative))
    return out


def clause_at(sentence: str, pos: int) -> tuple[int, list[Clause]]:
    """Index of the clause containing offset ``pos``, and all clauses."""
    cs = clauses(sentence)
    for i, c in enumerate(cs):
        if c.start <= pos < c.end or (i == len(cs) - 1):
            return i, cs
    return len(cs) - 1, cs


# a relative clause set in after a subject, up to its closing comma; a list of names inside it
# runs on to its "and" ("Faye, who has visited Bamako, Ouagadougou and Niamey since May, said")
_CAPITALISED = r"[A-Z][\w'’.-]*"
# a place or a name of one to three capitalised words: "Accra", "Port Moresby", "Papua New Guinea"
PLACE_NAME = rf"{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,2}}"
_NAME_ITEM = rf"{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,3}}"
# (a comma inside a number, "a 2,000-kilometre pipeline", does not close it)
_NO_COMMA = r"(?:[^,]|,(?=\d{3}))"
RELATIVE_CLAUSE = rf",\s*(?:who|which|whose)\b{_NO_COMMA}*(?:(?:,\s*{_NAME_ITEM})+,?\s+(?:and|or)\s+{_NO_COMMA}*)?"
RELATIVE_SET_IN = re.compile(RELATIVE_CLAUSE + ",")

# a country set off after the town it is in: "in Accra, Ghana, convened", "in Port Moresby,
# Papua New Guinea, on Friday" (not "In Niamey, the junta said", where the actor is the subject)
_TOWN_BEFORE = re.compile(rf"\b(?i:in|at|from|near|outside)\s+{PLACE_NAME},\s*$")
_SET_OFF_AFTER = re.compile(r"\s*(?:[,.;)]|$)")
# a nationality before flags or colours names what a crowd waves, not who holds a view
_FLAGS_AFTER = re.compile(r"(?:\s+(?:and|or)\s+[\w'’-]+)?\s+(?:flags?|banners?|colou?rs)\b", re.IGNORECASE)


def owner_mentions(sentence: str, gazetteer: Gazetteer) -> list[Mention]:
    """Actor mentions in a sentence that can own what the clause says (places and comparisons dropped)."""
    owners = []
    for m in gazetteer.actor_mentions(sentence, kinds=OWNER_KINDS):
        before = sentence[max(0, m.start - 60) : m.start]
        if _TOWN_BEFORE.search(before) and _SET_OFF_AFTER.match(sentence, m.end):
            continue
        if _FLAGS_AFTER.match(sentence, m.end):  # "waving Nigerien and Russian flags"
            continue
        if not NOT_OWNER_BEFORE.search(before) or QUANTIFIED_OF.search(before):
            owners.append(m)
    return owners


@cache
def _owner_block() -> re.Pattern:
    """Words after which an actor owns nothing that follows (data/lexicon/owner_blocks.csv):
    a passive's agent ("by the junta"), a host ("his counterpart, General ...")."""
    words = alternation(r["word"] for r in lexicon("owner_blocks"))
    return re.compile(rf"\b(?:{words}),?\s+(?:(?:the|his|her|its|their)\s+)?(?:[A-Z][\w.-]*\s+){{0,3}}$", re.IGNORECASE)


def _blocked(sentence: str, m: Mention) -> bool:
    return bool(_owner_block().search(sentence, max(0, m.start - 60), m.start))


def resolve_owner(sentence: str, start: int, end: int, gazetteer: Gazetteer) -> tuple[Mention | None, str]:
    """The actor mention that owns the phrase at ``sentence[start:end]``, and how it was found.

    Returns (mention or None, rule) where rule is one of "inside", "clause", "relative",
    "sentence".
    """
    inside = [m for m in gazetteer.actor_mentions(sentence[start:end], start, kinds=OWNER_KINDS)]
    if inside:
        return inside[0], "inside"
    mentions = owner_mentions(sentence, gazetteer)
    i, cs = clause_at(sentence, start)
    clause = cs[i]
    before = [m for m in mentions if clause.start <= m.start < start]
    # an actor named in a relative clause set in before the phrase owns nothing after it: "urged
    # Tinubu, who chairs ECOWAS, to strengthen the diplomatic option" is not ECOWAS's
    set_in = [r.span() for r in RELATIVE_SET_IN.finditer(sentence, clause.start, start)]
    kept = [m for m in before if not _blocked(sentence, m) and not any(s <= m.start < e for s, e in set_in)]
    if kept:
        return kept[-1], "clause"
    if clause.relative:
        antecedent = [m for m in gazetteer.actor_mentions(sentence[: clause.start], kinds=OWNER_KINDS)]
        if antecedent and sentence[antecedent[-1].end : clause.start].strip(" ,'’s") == "":
            return antecedent[-1], "relative"
    earlier = [m for m in mentions if m.start < clause.start]
    if earlier:
        # the main clause's subject: the first owner named in the sentence
        return earlier[0], "sentence"
    return None, "none"
