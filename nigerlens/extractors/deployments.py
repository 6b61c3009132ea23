"""The deployments table: who has how many troops where, stated how.

A deployment is a count ("some 1,300", "between 850 and 1,100", "a thousand", "1.500") followed by
a unit word ("soldiers", "troops", "military personnel" from data/lexicon/units.csv), or a force
noun with a count ("a 1,000-strong force", "a contingent of 1,500"). Counts with no unit of their
own are tied to a force counted or named before (data/lexicon/count_links.csv): sub-counts by
place ("about 1,000 at its air base in Niamey and 400 at forward bases", with ``location``),
"N of them", "N others", "fewer than 40 remain", "1,000 of the 1,500 French troops", past
strengths ("down from 120 before the takeover"). Vague sizes ("several hundred"), casualties,
staff, clock times, dates and absurd numbers give no row. Its actor is resolved from the clause
(see :mod:`nigerlens.rules.clauses`; a relative clause closed before the count hands it back to its
antecedent), else from a force noun ("the U.S. contingent") or the sentences before; its host is
the state after "in"/"to", else the country of the place it is at ("to Tillaberi" is Niger); its
status from cue words (data/lexicon/status_cues.csv).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache

from nigerlens.resources import MAX_COUNT, alternation, lexicon, phrase_pattern
from nigerlens.rules.clauses import JOINED, OWNER_KINDS, clause_at, owner_mentions, resolve_owner
from nigerlens.rules.counts import (
    COUNT,
    NUMBER,
    number_value,
    parse_count,
    qualifier_regex,
)
from nigerlens.rules.dates import find_expressions
from nigerlens.rules.gazetteer import Gazetteer, gazetteer_for
from nigerlens.tables.schema import frame
from nigerlens.text.article import Article

# words that may stand between a count and its unit ("1,000 U.S. troops", "1,500 French military
# personnel") must not be one of these: they end the noun phrase
_STOP = (
    "the a an of in on at to for from with by and or but that which who whom whose are were is was "
    "be been have has had will would can could may might it its their his her days weeks months "
    "years hours minutes kilometres kilometers km miles percent per cent dollars euros than as "
    "while when where after before since until"
).split()
_MODIFIER = rf"(?!(?:{'|'.join(_STOP)})\b)[A-Za-zÀ-ÿ][\w.'’-]*"


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    unit = alternation(r["word"] for r in lexicon("units"))
    force = alternation(r["word"] for r in lexicon("force_nouns"))
    # COUNT [modifiers] UNIT          "some 1,300 soldiers", "1,000 U.S. troops"
    # COUNT-strong [modifiers] FORCE  "a 1,000-strong force"
    counted = re.compile(
        rf"(?<![\w$€£.,:-])(?<![Bb]ase\s)(?P<count>{COUNT})"  # "Air Base 101" is a name
        rf"(?:(?P<strong>-strong)(?:\s+{_MODIFIER}){{0,3}}?\s+(?P<force>{force})"
        rf"|(?:\s+(?:of\s+(?:its|their|the|his|her)\s+)?(?:{_MODIFIER}\s+){{0,3}}?)(?P<unit>{unit}))(?!\w)",
        re.IGNORECASE | re.VERBOSE,
    )
    # FORCE of COUNT                  "a contingent of about 1,500", "a force of 1,300 men",
    # FORCE numbers COUNT             "its contingent numbers fewer than 350", "the force stands at 1,100"
    force_of = re.compile(
        rf"\b(?P<force>{force}),?\s+(?:of|numbering|numbers|numbered|totals|totalled|totaled|stands\s+at|stood\s+at)\s+(?P<count>{COUNT})(?![\d,.]*\s*(?:{unit}))(?!\s+(?:{_MODIFIER}\s+){{1,3}}(?:{unit})\b)(?!\s*(?:-|\u2013|to)\s*\d)(?![\w%,])",
        re.IGNORECASE | re.VERBOSE,
    )
    return counted, force_of


@cache
def _linked_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """Counts with no unit of their own, tied to a force counted before (data/lexicon/count_links.csv):
    ``COUNT of them`` / ``COUNT [are] at|in|there ...`` (group ``anaphor`` or ``place``), and
    ``down from COUNT`` (a past strength)."""
    words = {}
    for r in lexicon("count_links"):
        words.setdefault(r["kind"], []).append(r["word"])
    kind = {k: alternation(v) for k, v in words.items()}
    linked = re.compile(
        rf"(?<![\w$€£.,:-])(?P<count>{COUNT})"
        rf"(?:\s+of\s+(?P<anaphor>{kind['anaphor']})\b|\s+(?:(?P<copula>(?:{kind['copula']})(?:\s+(?:{kind['copula']}))?)\s+)?(?P<place>{kind['place']})\b"
        rf"|\s+(?P<remain>{kind['remain']})\b|\s+(?P<others>{kind['others']})\b)",
        re.IGNORECASE | re.VERBOSE,
    )
    past = re.compile(rf"\b(?P<past>{kind['past']})\s+(?P<count>{COUNT})(?![\w%$€£])", re.IGNORECASE | re.VERBOSE)
    # "Of these soldiers, about a thousand are stationed in Niamey": the anaphor before the count
    lead = re.compile(rf"\bof\s+(?:{kind['anaphor']})\b(?:\s+[\w-]+){{0,2}},\s+(?P<count>{COUNT})(?![\w%$€£,.]*\s*\w+\s+of\b)", re.IGNORECASE | re.VERBOSE)
    partitive = re.compile(rf"(?<![\w$€£.,:-])(?P<count>{COUNT})\s+(?:{kind['partitive']})\s+(?=\d)", re.IGNORECASE | re.VERBOSE)
    return linked, past, partitive, lead


@cache
def _unit_word() -> re.Pattern:
    return re.compile(rf"\b(?:{alternation(r['word'] for r in lexicon('units'))})\b", re.IGNORECASE)


# a bare four-digit year is not a sub-count ("1,500 troops in Niger, 2013 in Mali" is not written)
_YEARLIKE = re.compile(r"(?:19|20)\d{2}")
_NAME_BEFORE = re.compile(r"(?<![\w.])[A-Z][\w-]*[ \t]+$")


@cache
def _status_cues() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple(
        (re.compile(rf"\b{phrase_pattern(r['cue'])}\b", re.IGNORECASE), r["status"])
        for r in lexicon("status_cues")
    )


AS_OF = re.compile(r"\b(?:before|since|as\s+of|until|prior\s+to|at\s+the\s+time\s+of)\s+(?:the\s+)?[^,;.]{1,40}", re.IGNORECASE)
_HOST = re.compile(
    r"\b(?:in|into|to|from|out\s+of|inside|across)\s+(?:the\s+)?"
    r"(?:(?:neighbouring|neighboring|nearby|northern|southern|eastern|western|central)\s+)?$",
    re.IGNORECASE,
)


# "had" before a participle is an auxiliary ("it had repositioned its troops"), not possession
_AUXILIARY = re.compile(r"\s+(?:not\s+|already\s+|also\s+)?(?:been|[a-z]+ed)\b", re.IGNORECASE)
# a relative clause after the count speaks of something else: "troops in Niger who had been helping"
_RELATIVE = re.compile(r"\b(?:who|which|that|whose)\b", re.IGNORECASE)


def status_of(clause: str, pos: int) -> str:
    """Status of a force from cue words in its clause; the cue nearest before ``pos`` wins. A
    relative clause after ``pos`` is not read, nor "had" as an auxiliary."""
    relative = _RELATIVE.search(clause, pos)
    if relative:
        clause = clause[: relative.start()]
    best: tuple[int, str] | None = None
    for start, end, status in _cue_hits(clause):
        distance = pos - end if end <= pos else 10_000 + start - pos
        if best is None or distance < best[0]:
            best = (distance, status)
    return best[1] if best else "present"


@lru_cache(maxsize=512)
def _cue_hits(clause: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, status) of every status cue in ``clause``, scanned once per clause (a sentence
    with many counts asks for the same clause again and again)."""
    hits = []
    for rx, status in _status_cues():
        for m in rx.finditer(clause):
            if status == "past" and m.group().lower() == "had" and _AUXILIARY.match(clause, m.end()):
                continue
            hits.append((m.start(), m.end(), status))
    # a cue inside a longer one is the longer one's word: "will be withdrawn" is not "withdrawn"
    return tuple(h for h in hits if not any(o != h and o[0] <= h[0] and h[1] <= o[1] and o[1] - o[0] > h[1] - h[0] for o in hits))


def focus_country(article: Article, gazetteer: Gazetteer) -> str | None:
    """The state an article's forces are mostly in: the state most often named after "in", "to",
    "from" ("in Niger"), else the most often named state. The default host of a force."""
    placed: Counter = Counter()
    named: Counter = Counter()
    for s in article.sentences:
        for m in gazetteer.actor_mentions(s.text, kinds=("state",)):
            named[m.name] += 1
            if _HOST.search(s.text[max(0, m.start - 30) : m.start]):
                placed[m.name] += 1
    best = (placed or named).most_common(1)
    return best[0][0] if best else None


def host_of(sentence: str, start: int, actor: str | None, gazetteer: Gazetteer, default: str | None) -> str | None:
    """The country a force is in: a state after "in"/"to"/"from" in the sentence, else ``default``."""
    for m in gazetteer.actor_mentions(sentence, kinds=("state",)):
        if m.name != actor and _HOST.search(sentence[max(0, m.start - 30) : m.start]):
            return m.name
    return default


def deployment_records(article: Article, *, gazetteer: Gazetteer | None = None) -> list[dict]:
    """Deployment rows (dicts) for ``article``, in text order."""
    gaz = gazetteer_for(article, gazetteer)  # the junta is "the government" after the coup
    counted, force_of = _patterns()
    default_host = None
    rows: list[dict] = []
    previous_owners: list = []
    history: list[tuple[str, list, list[dict]]] = []  # (text, owners, rows) of the sentences before, latest last
    last_person = None  # the person named last, for "he" and "she"
    for sent in article.sentences:
        text = sent.text
        current_owners = owner_mentions(text, gaz)
        matches = [(m, "count+unit") for m in counted.finditer(text)]
        matches += [(m, "force-of-count") for m in force_of.finditer(text)]
        recent = history[-_CONTEXT_SENTENCES:]
        troops_before = any(_unit_word().search(t) or r for t, _, r in recent[-2:])
        unit_here = _unit_word().search(text)  # searched once: "N of them" after a unit word speaks of troops
        first_unit = unit_here.start() if unit_here else len(text)
        if matches or troops_before or unit_here:  # counts with no unit speak of troops named nearby only
            matches += _linked_matches(text)
        if matches:
            dates = [(e.start, e.end) for e in find_expressions(text)]
            # "On 26 July soldiers ...": a number inside a date counts no one
            matches = [(m, r) for m, r in matches if not any(m.start("count") < e and s_ < m.end("count") for s_, e in dates)]
        matches.sort(key=lambda x: (x[0].start(), -x[0].end()))
        taken: list[tuple[int, int]] = []
        sentence_rows: list[dict] = []
        for n, (m, rule) in enumerate(matches):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue  # "a battalion of between 850 and 1,100 soldiers" is one statement
            linked = rule in _LINKED_RULES
            if not linked and _not_a_force(text, m):
                continue
            whole = next((x for x, r in matches if r == "count+unit" and x.start() == m.end()), None) if rule == "part-of" else None
            if rule == "part-of" and whole is None:
                continue  # "1,000 of the 1,500 French troops": only a part of a troop count
            if linked and rule != "part-of" and not _linked_allowed(m, rule, first_unit, sentence_rows, troops_before):
                continue
            taken.append(m.span())
            count_m = re.match(COUNT, m.group("count"), re.IGNORECASE | re.VERBOSE)
            count, high, qualifier = parse_count(count_m)
            if count is None or not 0 < count <= MAX_COUNT or (high is not None and not count <= high <= MAX_COUNT):
                continue  # a vague size ("several hundred") is no count; nor is an absurd number
            shared = _respectively(text, m, current_owners, count, qualifier)
            if shared:  # "Germany and Italy have about 100 and 300 soldiers respectively"
                pairs = [(owner, n, None, q, "respectively") for owner, n, q in shared]
            else:
                owner, how = _owner_of(text, whole or m, gaz, previous_owners)
                if owner is None and last_person and _HE_SHE.search(text, 0, m.start()):
                    owner, how = last_person, "pronoun"  # "He said the 1,500 troops would leave"
                if linked and rule in ("of-them", "remaining") and not sentence_rows and how != "inside" and recent:
                    # "At least 1,000 of them ...": the force counted or named just before
                    owner, how = _earlier_force(recent[-2:], kinds=OWNER_KINDS) or (owner, how)
                elif linked and sentence_rows and (owner is None or rule in ("past-strength", "remaining", "of-them")):
                    owner, how = sentence_rows[-1]["_owner"], "total before"
                if owner is None:
                    # "What is left of the U.S. contingent, fewer than 200 personnel": the actor of
                    # a force noun; else the force of the sentences before ("France's last soldiers
                    # flew out ... Roughly fifty troops boarded"), never a person's
                    owner, how = (
                        _possessive_owner(text, m.start(), gaz)
                        or _force_noun_owner(text, gaz)
                        or _earlier_force(recent, kinds=_CARRIED_KINDS)
                        or (None, how)
                    )
                pairs = [(owner, count, high, qualifier, how), *(_gapped(text, m, current_owners) if not linked else [])]
            i, cs = clause_at(text, m.start())
            clause_text = text[cs[i].start : cs[i].end]
            if default_host is None:
                default_host = focus_country(article, gaz) or ""
            following = next((x.start() for x, _ in matches[n + 1 :] if x.start() >= m.end()), len(text))
            # after the count ("had 1,100 troops before the coup"), else before it back to the
            # previous count ("Before the coup, France had 1,500"): never another count's
            previous_end = max((e for s_, e in taken[:-1] if e <= m.start()), default=0)
            as_of = AS_OF.search(text, m.end(), following) or _last(AS_OF.finditer(text, previous_end, m.start()))
            location = _location(text, m.end(), following, gaz) if linked else None
            total = sentence_rows[-1] if linked and sentence_rows else None
            for owner, count, high, qualifier, how in pairs:
                actor = gaz.side_of(owner.name) if owner else None
                status = status_of(clause_text, m.start() - cs[i].start)
                row_as_of = as_of.group().strip() if as_of and _same_clause(cs, m.start(), as_of.start()) else None
                if rule == "past-strength":
                    status = "past"
                elif total is not None and rule == "sub-count":  # a breakdown shares its total's time
                    status = total["status"] if status == "present" else status
                    row_as_of = row_as_of or total["as_of"]
                host = (
                    host_of(text, m.start(), actor, gaz, None)
                    or _place_country(text, m.end(), following, gaz)
                    or (default_host if default_host != actor else None)
                )
                row = {
                    "article_id": article.id,
                    "actor": actor,
                    "actor_mention": owner.surface if owner else None,
                    "count": count,
                    "count_high": high,
                    "qualifier": qualifier,
                    "unit": _unit_of(whole) if whole else (total or {}).get("unit") or _unit_of(m) if linked else _unit_of(m),
                    "host": host,
                    "status": status,
                    "as_of": row_as_of,
                    "location": location,
                    "sentence": text,
                    "start": sent.start,
                    "end": sent.end,
                    "rule": f"{rule}; actor:{how}",
                }
                rows.append(row)
                sentence_rows.append({**row, "_owner": owner})
        previous_owners = current_owners
        history = [*history[-_CONTEXT_SENTENCES + 1 :], (text, current_owners, sentence_rows)]
        last_person = next((o for o in reversed(current_owners) if o.kind == "person"), last_person)
    return rows


@cache
def _link_words(kind: str) -> re.Pattern:
    return re.compile(rf"\b(?:{alternation(r['word'] for r in lexicon('count_links') if r['kind'] == kind)})\b", re.IGNORECASE)


def _not_a_force(text: str, m: re.Match) -> bool:
    """Whether a counted phrase is no deployment: staff, not troops ("100 embassy personnel"), or
    casualties ("killed 17 soldiers", "17 soldiers were killed", "the deaths of 17 soldiers")."""
    if m.groupdict().get("unit") and _link_words("not military").search(text, m.end("count"), m.start("unit")):
        return True
    if _ONE_OF.match(text, m.start("count")):  # "One of the instructors told RTN": a person, not a force
        return True
    before = text[max(0, m.start() - 25) : m.start()]
    after = text[m.end() : m.end() + 30]
    return bool(_link_words("casualty").search(before) or _link_words("casualty").match(after.lstrip()) or _casualty_after().match(after))


@cache
def _casualty_after() -> re.Pattern:
    """"17 soldiers were killed", "29 soldiers have reportedly died": a casualty word after a short verb phrase."""
    aux = alternation(r["word"] for r in lexicon("count_links") if r["kind"] == "auxiliary")
    return re.compile(rf"\s+(?:(?:{aux})\s+){{1,2}}(?:\w+\s+)?{_link_words('casualty').pattern}", re.IGNORECASE)


_ONE_OF = re.compile(r"one\s+of\s+(?:the|its|their|these|those|our|his|her)\b", re.IGNORECASE)
_LINKED_RULES = ("of-them", "remaining", "sub-count", "past-strength", "part-of")
_CONTEXT_SENTENCES = 3  # how far back a count with no owner of its own looks for its force
_CARRIED_KINDS = ("state", "organisation", "armed group")


def _earlier_force(recent: list, *, kinds: tuple[str, ...]):
    """(owner mention, how) of the force counted last in ``recent`` sentences, else the first
    owner of the kinds ``kinds`` named in the latest of them that names one; None otherwise."""
    for _, _, rows in reversed(recent):
        owned = [r for r in rows if r["_owner"] is not None and r["_owner"].kind in kinds]
        if owned:
            return owned[-1]["_owner"], "previous count"
    for _, owners, _ in reversed(recent):
        owned = [o for o in owners if o.kind in kinds]
        if owned:
            return owned[0], "previous sentence"
    return None


@cache
def _force_word() -> re.Pattern:
    words = alternation([r["word"] for r in lexicon("force_nouns")] + [r["word"] for r in lexicon("units")])
    return re.compile(rf"\s+(?:{words})\b", re.IGNORECASE)


_POSSESSIVE = re.compile(r"['\u2019]s?\s+$")


def _possessive_owner(text: str, pos: int, gaz: Gazetteer):
    """An actor in the possessive right before the count: "the last of France's 1,500 troops"."""
    before = gaz.actor_mentions(text[max(0, pos - 40) : pos], max(0, pos - 40), kinds=OWNER_KINDS)
    if before and _POSSESSIVE.fullmatch(text, before[-1].end, pos):
        return before[-1], "possessive"
    return None


def _force_noun_owner(text: str, gaz: Gazetteer):
    """The actor named right before a force noun in the sentence: "the U.S. contingent", "the US
    presence"."""
    for m in gaz.actor_mentions(text, kinds=OWNER_KINDS):
        if _force_word().match(text, m.end):
            return m, "force noun"
    return None


def _linked_rule(m: re.Match) -> str:
    if m.group("anaphor") or m.group("others"):
        return "of-them"
    return "remaining" if m.group("remain") else "sub-count"


def _linked_matches(text: str) -> list[tuple[re.Match, str]]:
    linked, past, partitive, lead = _linked_patterns()
    out = [(m, _linked_rule(m)) for m in linked.finditer(text)]
    out += [(m, "of-them") for m in lead.finditer(text)]
    out += [(m, "past-strength") for m in past.finditer(text)]
    out += [(m, "part-of") for m in partitive.finditer(text)]
    # a year, or the number of a name ("Air Base 101 in the capital"), is no count
    return [(m, r) for m, r in out if not (_YEARLIKE.fullmatch(m.group("count").strip()) or _NAME_BEFORE.search(text, 0, m.start()))]


def _linked_allowed(m: re.Match, rule: str, first_unit: int, sentence_rows: list, troops_before: bool) -> bool:
    """Whether a count with no unit of its own speaks of troops: a sub-count or a past strength
    needs a troop count before it in the sentence, "N of them" troops (a unit word before it, at
    ``first_unit``) in this sentence or the two before."""
    if rule in ("of-them", "remaining"):
        return bool(sentence_rows) or troops_before or first_unit < m.start()
    if rule == "sub-count" and not sentence_rows and troops_before and m.group("copula") and m.string[: m.start()].strip(" ,") == "":
        return True  # the sentence's subject: "Roughly 600 are at Agadez" after "... 1,000 troops in Niger."
    return bool(sentence_rows)


def _location(text: str, start: int, end: int, gaz: Gazetteer) -> str | None:
    """The places named in ``text[start:end]`` (a sub-count's stretch), as "A, B and C"."""
    stop = re.search(r"[;:]", text[start:end])
    names = list(dict.fromkeys(p.name for p in gaz.place_mentions(text[start : start + stop.start() if stop else end], start)))
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _place_country(text: str, start: int, end: int, gaz: Gazetteer) -> str | None:
    """The country of the first gazetteer place after a count (up to the next count): a force
    sent "to Tillaberi" or "at Air Base 201 near Agadez" is in Niger, whatever the dateline."""
    places = gaz.place_mentions(text[start:end], start)
    return gaz.places[places[0].name].country if places else None


_HE_SHE = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
# "The US has about 1,100 troops in Niger, and France some 1,500": a second actor and count
# sharing the first one's verb and unit
_GAP = re.compile(r"[^,;.]{0,40}?(?:\s*,?\s+(?:and|while|with)\s+|\s*,\s+)(?:the\s+)?", re.IGNORECASE)


@cache
def _gapped_count() -> re.Pattern:
    return re.compile(rf"\s+(?:has\s+|have\s+|had\s+)?(?P<count>{COUNT})(?=\s*(?:[,.;)]|$)|\s+more\b|\s+and\b)", re.IGNORECASE | re.VERBOSE)


def _gapped(text: str, m: re.Match, owners: list) -> list[tuple]:
    """``[(owner, count, high, qualifier, "gapped"), ...]`` for the counts after ``m`` whose verb
    and unit are left out ("..., and France some 1,500"; "Nigeria would provide up to 1,000
    soldiers, Ivory Coast between 850 and 1,100"); else ``[]``."""
    out: list[tuple] = []
    end = m.end()
    while len(out) < _MAX_GAPPED:
        gap = _GAP.match(text, end)
        owner = next((o for o in owners if gap and o.start == gap.end()), None)
        c = _gapped_count().match(text, owner.end) if owner else None
        if not c:
            break
        count, high, qualifier = parse_count(re.match(COUNT, c.group("count"), re.IGNORECASE | re.VERBOSE))
        if count is not None and 0 < count <= MAX_COUNT:
            out.append((owner, count, high, qualifier, "gapped"))
        end = c.end("count")
    return out


_MAX_GAPPED = 6


def _owner_of(text: str, m: re.Match, gaz: Gazetteer, previous_owners: list) -> tuple:
    """The owner mention (or None) of the count matched by ``m``, and how it was found."""
    owner, how = resolve_owner(text, m.start(), m.end(), gaz)
    if how == "clause":
        closed = closed_relative_owner(text, m.start(), gaz)
        if closed is not None:  # "France, which left Mali last year, has 1,500 troops": France's
            owner, how = closed, "closed relative"
    if how in ("none", "sentence"):  # "1,000 troops from Chad": the origin names the owner
        owner, how = _origin(text, m.end(), gaz) or (owner, how)
    if owner is None and previous_owners and re.search(r"\b(?:its|their)\s+(?:\S+\s+){0,2}$", text[: m.start()], re.IGNORECASE):
        # "Its 1,500 soldiers ...": the possessive points at the previous sentence's subject
        owner, how = previous_owners[0], "previous sentence"
    return owner, how


# "..., of about 100 and 300 soldiers respectively": the counts before the matched one
_RESPECTIVELY = re.compile(r"[^.;:]{0,50}?\brespectively\b", re.IGNORECASE)  # "... soldiers (in Niger), respectively"
_COUNT_LIST = re.compile(rf"(?:(?P<qual>{qualifier_regex()})\s+)?(?P<first>{NUMBER})(?P<more>(?:\s*,\s*{NUMBER})*)\s*,?\s+and\s+$", re.IGNORECASE)


def _respectively(text: str, m: re.Match, owners: list, count: int | None, qualifier: str | None) -> list[tuple]:
    """``[(owner, count, qualifier), ...]`` when the count at ``m`` (``count``) closes a list of
    counts that "respectively" pairs with as many coordinated actors before it; else ``[]``."""
    if not _RESPECTIVELY.match(text, m.end()) or qualifier == "between":
        return []
    listed = _COUNT_LIST.search(text[: m.start()])
    if not listed:
        return []
    more = listed.group("more").strip(" ,")
    numbers = [listed.group("first"), *(re.split(r"\s*,\s*", more) if more else [])]
    counts = [number_value(n) for n in numbers] + [count]
    if None in counts:
        return []
    before = [o for o in owners if o.end <= listed.start()]
    group = before[-1:]
    while len(group) < len(counts) and len(before) > len(group):
        prev = before[-len(group) - 1]
        if not re.fullmatch(rf"{JOINED}(?:the\s+)?", text[prev.end : group[0].start], re.IGNORECASE):
            break
        group.insert(0, prev)
    if len(group) != len(counts):
        return []
    shared = listed.group("qual") or qualifier
    return [(owner, n, shared) for owner, n in zip(group, counts, strict=True)]


_COMMA = re.compile(r",(?!\d{3})")


def closed_relative_owner(text: str, pos: int, gaz: Gazetteer):
    """The antecedent of a relative clause that closed before ``pos``: in "France, which moved its
    force after leaving Mali, has about 1,500 troops" the count follows the comma that ends the
    ", which ..." clause, so it is France's, not Mali's. None when the clause at ``pos`` is not
    relative, is still open, or an owner is named after its closing comma."""
    i, cs = clause_at(text, pos)
    clause = cs[i]
    if not clause.relative:
        return None
    commas = [c.end() for c in _COMMA.finditer(text, clause.start + 1, pos)]
    if not commas:
        return None
    # an owner named after the clause's closing comma ("Italy, which has 300 soldiers in Niger,
    # and Germany, with around 100 ...") owns what follows, not the antecedent
    if any(commas[0] <= o.start < pos for o in owner_mentions(text, gaz)):
        return None
    antecedent = gaz.actor_mentions(text[: clause.start], kinds=OWNER_KINDS)
    if antecedent and text[antecedent[-1].end : clause.start].strip(" ,'’s") == "":
        return antecedent[-1]
    return None


_FROM = re.compile(r"\s+(?:from|of)\s+(?:the\s+)?", re.IGNORECASE)


def _origin(text: str, pos: int, gaz: Gazetteer):
    """The actor in "1,000 troops from Chad" / "300 soldiers of the French army"."""
    m = _FROM.match(text, pos)
    if not m:
        return None
    mentions = gaz.actor_mentions(text[m.end() : m.end() + 60], m.end(), kinds=OWNER_KINDS)
    if mentions and mentions[0].start == m.end():
        return mentions[0], "origin"
    return None


def _last(matches):
    """The last of an iterator of matches, or None."""
    last = None
    for m in matches:
        last = m
    return last


def _same_clause(cs, a: int, b: int) -> bool:
    return any(c.start <= a < c.end and c.start <= b < c.end for c in cs)


def _unit_of(m: re.Match) -> str:
    unit_map = {r["word"].lower(): r["unit"] for r in lexicon("units")}
    if m.groupdict().get("unit"):
        return unit_map.get(re.sub(r"\s+", " ", m.group("unit").lower()), m.group("unit").lower())
    return "troops"


def deployments(article: Article, *, gazetteer: Gazetteer | None = None):
    """The deployments table of ``article``: one row per statement of a force's size.

    Columns: article_id, actor, actor_mention, count, count_high, qualifier (the hedge as
    written), unit, host, status, as_of, location (the towns of a sub-count by place), and the
    evidence (sentence, start, end, rule). Sizes with no number ("several hundred") give no row;
    ``count_high`` is set for ranges.
    """
    return frame("deployments", deployment_records(article, gazetteer=gazetteer))
