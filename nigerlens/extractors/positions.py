"""The positions table: who supports or opposes what, and who says so.

A position is read from a stance cue or a stance frame governing an issue:

- stance cues (data/lexicon/stance_cues.csv: "insisting on", "ready to", "lifted", "would be
  treated as a declaration of war") take their issue from a keyword of data/issues.toml in the
  same clause, after the cue or before it (column ``topic``); a noun cue ("threat of",
  "deadline", column ``holder`` = owner) needs its holder named: a possessive, a light verb or an
  agent ("ECOWAS's threat of force", "set a deadline", "the deadline set by ECOWAS");
- stance frames (data/frames.csv) name their issue themselves when their target stands on their
  side within ``gap`` words ("{bazoum} ... must be returned to office", "illegal and inhuman
  sanctions", "ordered {forces} out"); targets ({bazoum}, {forces}, {junta}, {accords},
  {russia}) come with their modifiers (data/lexicon/stance_targets.csv).

A cue governing the next one composes with it ("rejected calls for talks" opposes talks); what
the issue names is to go turns the stance round ("wanted foreign forces gone", "the withdrawal of
French troops", data/lexicon/stance_turns.csv); a negated support cue is opposition, a negated
opposition no position. The holder is the agent of a passive ("was demanded by the regime"), the
speaker's actor for a stance inside a quotation, else the cue's subject: a pronoun resolved
through the discourse ("she warned" = the last person named, "they" = the coordinated actors
before it), "the bloc" (the organisation named last), a description the discourse resolves, or
the owner found as for deployments (coordinated actors all count). No row for hypotheticals
("could", "would ... if", a cue inside an if-clause; data/lexicon/stance_hedges.csv), questions,
crowds, or one stakeholder's claim about another's stance ("ECOWAS said the junta rejected
dialogue"). ``claimed_by`` names who asserts the position when it is not the actor speaking for
itself ("..., the diplomat said"; "..., Le Figaro said"). ``rule`` names the frame (or the cue's
side) and how the holder was found.
"""

from __future__ import annotations

import re
from functools import cache

from nigerlens.extractors.quotes import attribute_article, np_before
from nigerlens.resources import (
    alternation,
    fold,
    in_data,
    lexicon,
    other_data,
    phrase_pattern,
    read_rows,
)
from nigerlens.rules.clauses import (
    JOINED,
    OWNER_KINDS,
    RELATIVE_SET_IN,
    clause_at,
    owner_mentions,
    resolve_owner,
)
from nigerlens.rules.dates import find_expressions
from nigerlens.rules.discourse import (
    BE_BEFORE,
    CONTRAST,
    COORDINATED_VERB,
    PRONOUN,
    Discourse,
    Speaker,
    org_back,
    outside_quotes,
    speech_cues,
    via_chain,
)
from nigerlens.rules.gazetteer import Gazetteer, Mention, gazetteer_for, government_of
from nigerlens.rules.issues import (
    issue_start,
    issues_in,
    issues_removed,
    keyword_spans,
    phrase_regex,
    starts_with_turn,
    taxonomy,
)
from nigerlens.tables.schema import frame
from nigerlens.text.article import Article
from nigerlens.text.spans import Span


@cache
def _anaphora() -> tuple[re.Pattern, re.Pattern]:
    """What refers back to an issue (data/lexicon/stance_anaphora.csv): "that plan" (the previous
    sentence's issue) and an object pronoun right after the cue ("lifted most of them": the
    issue named before it in the sentence; a pronoun further back is as likely a people's)."""
    rows = lexicon("stance_anaphora")
    nouns = alternation(r["word"] for r in rows if r["kind"] == "noun") or r"(?!)"
    pronouns = alternation(r["word"] for r in rows if r["kind"] == "pronoun") or r"(?!)"
    return (
        re.compile(rf"\b(?:that|the|this|these|those)\s+(?:{nouns})\b", re.IGNORECASE),
        re.compile(rf"\s+(?:{pronouns})(?![\w-])(?!\s+to\b)", re.IGNORECASE),  # not "urged them to"
    )


# a cue that governs the next one: "rejected calls for talks", "urged ECOWAS to lift", "ended its
# suspension of aid" (the stances compose: opposing a demand for talks opposes talks)
# the words between a cue and the cue it governs: two words ("urged them to"), or a name or title
# of up to four capitalised words before "to" ("urged President Bola Tinubu to favour")
_GOVERNS = re.compile(r"\s+(?:[\w'\u2019-]+\s+){0,2}|\s+(?:[A-Z][\w'\u2019.-]*\s+){1,4}to\s+")
_INFINITIVE = re.compile(r"\bto\s*$", re.IGNORECASE)
_COORDINATED = re.compile(JOINED + r"|\s*or\s*")  # "illegal and inhuman sanctions": two cues side by side
_OWN_WITHDRAWAL_ISSUE = "foreign_troops_presence"
_DEMAND_BEFORE = re.compile(r"\b(?:deadline|ultimatum|call|demand|order|appeal|plea|request)s?\s+(?:to\s+)?$", re.IGNORECASE)
# "by the end of the year": the end of a time is no stance (a cue ending right before it)
_TIME_END = re.compile(r"\s+of\s+(?:the\s+|this\s+|next\s+)?(?:year|month|week|day|decade|summer|winter|spring|autumn|fall|mandate|transition)\b", re.IGNORECASE)
_OWN_TARGET = re.compile(r"\s(?:its|their|our)\s+$", re.IGNORECASE)  # right before the issue keyword
_NOT_TO = re.compile(r"\b(?:not|never)\s+to\b", re.IGNORECASE)
NEGATION = re.compile(r"\b(?:not|never|no\s+longer)\s+(?:\w+\s+)?$|n[’']t\s+(?:\w+\s+)?$", re.IGNORECASE)
# words between a subject and its verb that are not the subject: "it was ready to", "she still"
_AUX = re.compile(r"(?:\s+(?:has|have|had|was|were|is|are|been|be|would|will|could|also|still|simply|first|then|now|formally|already|not))*\s*$", re.IGNORECASE)
# the subject is "the bloc", "the regional body" ...: it points back at an organisation
@cache
def _org_back_start() -> re.Pattern:
    nouns = alternation(r["noun"] for r in lexicon("holder_back_nouns")) or r"(?!)"
    return re.compile(rf"[\W\s]*(?:the|its)\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})(?![\w-])", re.IGNORECASE)


@cache
def _org_back_end() -> re.Pattern:
    """A subject that points back at an organisation: "the bloc", "the 15-nation bloc", "the
    regional body" (data/lexicon/holder_back_nouns.csv, up to two words before the noun)."""
    nouns = alternation(r["noun"] for r in lexicon("holder_back_nouns")) or r"(?!)"
    return re.compile(rf"(?:^|\s)(?:the|its)\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})$", re.IGNORECASE)
SUBJECT_REACH = 40  # characters from a clause's start within which its subject is named
FRAME_GAP = 3  # words that may stand between a frame's predicate and a target after it (column `gap`)
_HOLDER_KINDS = ("state", "organisation", "armed group")
_TERM_WORDS = 3  # a quotation this short is a quoted term, not a statement
WINDOW = 140  # characters after a cue in which its issue must be named


def _cue_pattern(cue: str) -> str:
    # "warned ... against": up to six words may stand in the gap
    return r"\s+(?:\S+\s+){0,6}?".join(phrase_pattern(part) for part in cue.split("..."))


@cache
def frames() -> tuple[dict, ...]:
    """The stance frames of data/frames.csv, one dict per predicate wording: a predicate that
    names its issue itself when its target stands on its ``side`` ("{bazoum} ... be returned to
    office" supports reinstate_bazoum). An analyst adds a frame there without touching code."""
    out = []
    for r in read_rows("frames.csv"):
        body = "|".join(phrase_regex(t) for t in r["target"].split("|") if t.strip())
        # a target after its predicate stands within `gap` words of it ("illegal and inhuman
        # sanctions", "respond firmly to any aggression"); one before it anywhere in the clause;
        # a frame with no target names its issue alone ("our door remains open")
        words = int(r["gap"]) if r.get("gap", "").isdigit() else FRAME_GAP
        gap = rf"\s+(?:[^\s,;:.]+\s+){{0,{words}}}?" if r["side"] == "after" else ""
        target = re.compile(rf"{gap}(?<![\w-])(?:{body})(?![\w-])" if body else "", re.IGNORECASE)
        for wording in r["predicate"].split("|"):
            if wording.strip():
                out.append({**r, "cue": wording.strip(), "topic": r["side"], "target": target})
    return tuple(out)


@cache
def _cue_table() -> tuple[tuple[str, tuple[dict, ...]], ...]:
    """Every cue wording, longest first, with its rows: the generic stance cues of
    data/lexicon/stance_cues.csv (their issue named by a keyword) and the frames (first)."""
    by_cue: dict[str, list[dict]] = {}
    for r in (*frames(), *lexicon("stance_cues")):
        by_cue.setdefault(r["cue"].lower(), []).append(r)
    return tuple(sorted(((c, tuple(rows)) for c, rows in by_cue.items()), key=lambda x: len(x[0]), reverse=True))


@cache
def _stance_cues() -> dict[str, re.Pattern]:
    """By first word: the cues that begin with it, longest first (a match tried at a first word
    only runs through the few cues that can start there)."""
    table = _cue_table()
    return {
        word: re.compile("|".join(rf"(?P<c{i}>{_cue_pattern(table[i][0])}(?![\w-]))" for i in idx), re.IGNORECASE)
        for word, idx in _by_first_word().items()
    }


@cache
def _first_words() -> re.Pattern:
    words = {c.split()[0] for c, _ in _cue_table()}
    return re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, sorted(words, key=len, reverse=True)))})(?![\w-])", re.IGNORECASE)


def find_cues(text: str) -> list[re.Match]:
    """Stance cues in ``text``, longest first at each place, without overlaps. Cues are tried only
    where a first word of theirs stands, and only those that begin with it."""
    cues: list[re.Match] = []
    by_word = _stance_cues()
    for w in _first_words().finditer(text):
        if cues and w.start() < cues[-1].end():
            continue
        m = by_word[fold(w.group())].match(text, w.start())
        if m:
            cues.append(m)
    return cues


@cache
def _cue_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(rf"(?P<c{i}>{_cue_pattern(c)}(?![\w-]))", re.IGNORECASE) for i, (c, _) in enumerate(_cue_table()))


def _shorter_cues(text: str, cue: re.Match) -> list[re.Match]:
    """The other cues that match where ``cue`` starts, longest first: "defend" when "defend the
    country" (a frame with its target before it) finds no attack named before it."""
    here = int(cue.lastgroup[1:])
    out = []
    for i in _by_first_word().get(cue.group().split()[0].lower(), ()):
        if i > here:  # the table is longest first
            m = _cue_patterns()[i].match(text, cue.start())
            if m and m.end() <= cue.end():
                out.append(m)
    return out


@cache
def _by_first_word() -> dict[str, tuple[int, ...]]:
    groups: dict[str, list[int]] = {}
    for i, (c, _) in enumerate(_cue_table()):
        groups.setdefault(fold(c.split()[0]), []).append(i)
    return {w: tuple(idx) for w, idx in groups.items()}


def _rows_of(cue: re.Match) -> tuple[dict, ...]:
    return _cue_table()[int(cue.lastgroup[1:])][1]


_POSSESSIVE_END = re.compile(r"['\u2019]s?\s*$")
_SET_OFF_PARTICIPLE = re.compile(r"[a-z]+ing\b", re.IGNORECASE)


@cache
def _said_participles() -> re.Pattern:
    words = alternation(c for c, f in speech_cues().items() if f == "participle")
    return re.compile(rf",\s+(?:{words})\b", re.IGNORECASE)


def _said_participle(text: str, cue_start: int) -> int | None:
    """Where a speech participle set off by a comma ("..., saying") stands before the cue: what it
    reports is its main clause's subject's view, not that of an actor named inside the report."""
    found = [m.start() for m in _said_participles().finditer(text, 0, cue_start)]
    return found[-1] if found else None
_JOINED_THE = re.compile(JOINED + r"(?:the\s+)?", re.IGNORECASE)  # "the US and the European Union"
_POSSESSIVE = re.compile(r"['\u2019]s?\s+\w")


def _appositive(text: str, head: Mention, m: Mention) -> bool:
    """Whether ``m`` only describes ``head`` in an appositive: "Algeria, Niger's northern
    neighbour, ..." (a possessive after a bare comma), not "Algeria, Mali and Chad"."""
    return text[head.end : m.start].strip() == "," and bool(_POSSESSIVE.match(text, m.end))


def _coordinated(text: str, mentions: list[Mention], m: Mention) -> list[Mention]:
    """``m`` and the owners joined to it by "and" or commas: "Mali and Burkina Faso"; for the
    possessive of an appositive ("Algeria, Niger's neighbour"), the actor it describes."""
    group = [m]
    earlier = [x for x in mentions if x.end <= group[0].start]
    while earlier and _JOINED_THE.fullmatch(text[earlier[-1].end : group[0].start]):
        if _appositive(text, earlier[-1], group[0]):
            group[0] = earlier.pop()
            continue
        group.insert(0, earlier.pop())
    return group


def _subject(text: str, sent: Span, cue_start: int, side: str, gaz: Gazetteer, disc: Discourse) -> tuple[list[str], str]:
    """Canonical actors holding the stance expressed at ``cue_start``, and how they were found."""
    head = _POSSESSIVE_END.sub("", _AUX.sub("", outside_quotes(text)[:cue_start]))  # "the bloc's decision to"
    last = head.split()[-1] if head.split() else ""
    if PRONOUN.match(last):
        pos = sent.start + len(head) - len(last)
        if last.lower() == "they":  # "Benin and Senegal said they were ready to": each of them
            joint = max((j.end() for j in CONTRAST.finditer(head)), default=0)
            before = [o for o in owner_mentions(head[: len(head) - len(last)], gaz) if gaz.actors[o.name].kind != "person" and o.start >= joint]
            group = before[-1:]
            for o in reversed(before[:-1]):
                if not _JOINED_THE.fullmatch(text[o.end : group[0].start]):
                    break
                group.insert(0, o)
            if len(group) > 1:
                return list(dict.fromkeys(gaz.side_of(o.name) for o in group)), "pronoun"
        sp = disc.speaker_from(last, pos, sent)
        if sp and (sp.affiliation or sp.name):
            return [gaz.side_of(sp.affiliation or sp.name) or sp.name], "pronoun"
    back = _org_back_end().search(head)
    if not back:  # "The 15-nation bloc remained committed to": the clause begins with it
        i, cs = clause_at(text, cue_start)
        first = _org_back_start().match(head, cs[i].start) if cs[i].start < len(head) else None
        back = first if first and not gaz.actor_mentions(head[first.end() :], kinds=OWNER_KINDS) else None
    if back:  # "... has said the bloc is ready to": the organisation named last
        here = [m.name for m in gaz.actor_mentions(head[: back.start()], kinds=("organisation",))]
        org = here[-1] if here else getattr(disc.last_org(sent.start + back.start(), kinds=("organisation",)), "name", None)
        if not org:  # "The bloc's decision ..., though the deadline set by ECOWAS": named later in the sentence
            later = gaz.actor_mentions(text[cue_start:], kinds=("organisation",))
            org = later[0].name if later else None
        if org:
            return [gaz.side_of(org) or org], "the bloc"
    # a second verb ("The junta hosted Russian envoys and stepped up ..."): the clause's subject
    second_verb = side == "after" and COORDINATED_VERB.search(text, 0, cue_start)
    # ", threatening to use force": a participle set off by a comma has the main clause's subject
    set_off = side == "after" and _SET_OFF_PARTICIPLE.match(text, cue_start) and text[:cue_start].rstrip().endswith(",")
    if side == "before" or second_verb or set_off:
        i, cs = clause_at(text, cue_start)
        # a name inside a relative clause set in ("Tinubu, who chairs ECOWAS,") is not the subject
        set_in = [m.span() for m in RELATIVE_SET_IN.finditer(text, 0, cue_start)]
        mentions = [o for o in owner_mentions(text, gaz) if not any(a < o.start < b for a, b in set_in)]
        owners = [o for o in mentions if cs[i].start <= o.start < cue_start] or [o for o in mentions if o.start < cue_start]
        said = _said_participle(text, cue_start) if side == "before" else None
        if said is not None:  # "The junta ordered U.S. forces out, saying their presence was illegal"
            owners = [o for o in mentions if o.start < said][:1] or owners
        if owners and second_verb and owners[0].start > cs[i].start + SUBJECT_REACH:
            owners = []  # the subject is not named first in the clause: leave it to the resolver
        if owners:
            # the subject, with what is coordinated to it: "the juntas in Mali and Burkina Faso"
            group = [owners[0]]
            for o in owners[1:]:
                if _JOINED_THE.fullmatch(text[group[-1].end : o.start]) and not _appositive(text, group[-1], o):
                    group.append(o)
            return list(dict.fromkeys(gaz.side_of(o.name) for o in group)), "clause-subject"
    owner, how = resolve_owner(text, cue_start, cue_start, gaz)
    if owner is not None and how == "sentence" and _own_subject(text, cue_start):
        owner = None  # "..., and the World Bank paused disbursements": the clause has its own subject
    if owner is None:
        described = _described_subject(text, sent, cue_start, gaz, disc)
        return ([described], "description") if described else ([], how)
    group = _coordinated(text, owner_mentions(text, gaz), owner) if how == "clause" else [owner]
    return list(dict.fromkeys(gaz.side_of(o.name) for o in group)), how


@cache
def _crowd() -> re.Pattern:
    """A clause whose subject is a crowd ("Thousands of people marched ... to demand"): the
    nouns of data/lexicon/crowd_nouns.csv among its first words, before any actor."""
    nouns = alternation(r["noun"] for r in lexicon("crowd_nouns")) or r"(?!)"
    return re.compile(rf"^\W*(?:[\w'\u2019-]+\s+){{0,3}}?(?:{nouns})(?![\w-])", re.IGNORECASE)


def _crowd_subject(text: str, cue_start: int, gaz: Gazetteer) -> bool:
    """Whether the cue's subject is a crowd, not a stakeholder (its slogans are no position)."""
    i, cs = clause_at(text, cue_start)
    lo = 0 if cs[i].relative else cs[i].start
    head = outside_quotes(text)[lo:cue_start]
    head = head[head.rfind(" - ") + 3 :] if " - " in head else head  # "NIAMEY (Agency) - Thousands ..."
    m = _crowd().match(head)
    return bool(m) and not gaz.actor_mentions(head[: m.start() + len(m.group())])


def _own_subject(text: str, cue_start: int) -> bool:
    """Whether the cue's clause names a subject of its own before the cue (not a pronoun)."""
    i, cs = clause_at(text, cue_start)
    if i == 0:
        return False
    words = re.findall(r"[\w'\u2019-]+", outside_quotes(text)[cs[i].start : cue_start])
    words = [w for w in words if w.lower() not in ("and", "but", "while", "whereas", "the", "its", "their", "his", "her")]
    return bool(words) and not PRONOUN.match(words[0])


def _described_subject(text: str, sent: Span, cue_start: int, gaz: Gazetteer, disc: Discourse) -> str | None:
    """The actor of a subject named by a description the discourse resolves ("The president,
    who still refuses to ...": the president named before; "The minister refused ...")."""
    i, cs = clause_at(text, cue_start)
    end = cs[i].start if cs[i].relative else cue_start
    np = np_before(outside_quotes(text)[:end]) if end > 0 else ""
    if not np or PRONOUN.match(np):
        return None
    sp = disc.speaker_from(np, sent.start + end - len(np), sent)
    side = gaz.side_of(sp.affiliation or sp.name) if sp else None
    return side if side in gaz.actors and gaz.actors[side].kind in ("state", "organisation", "armed group") else None


@cache
def _finite_speech() -> re.Pattern:
    finite = "|".join(re.escape(c) for c, f in speech_cues().items() if f == "finite")
    return re.compile(rf"(?<![\w-])(?:{finite})(?![\w-])", re.IGNORECASE)


def _reporter(sent: Span, disc: Discourse, quoted: Speaker | None, since: int = 0, until: int | None = None) -> tuple[Speaker | None, set[str], int]:
    """Who asserts the sentence ("..., Le Figaro said"; "according to X"), the actors named in
    that attribution (a position of theirs is not a claim about them) and where the attribution
    ends (-1 when it is not in the sentence). Only the sentence from ``since`` on is read: a
    clause after ", but" is not reported by a verb before it, nor one before ", while" by a verb
    after it (up to ``until``)."""
    blank = " " * since + outside_quotes(sent.text)[since:until]
    gaz = disc.gaz
    m = re.search(r"according\s+to\s+(?P<np>[^,.;]+)", blank, re.IGNORECASE)
    if m:
        sp = disc.speaker_from(m.group("np"), sent.start + m.start("np"), sent)
        return sp, {gaz.side_of(x.name) for x in gaz.actor_mentions(m.group("np"))}, m.end()
    for c in _finite_speech().finditer(blank):
        if COORDINATED_VERB.search(blank[: c.start()]):
            # "The bloc also demanded ... and said": the verb shares the subject opening the clause
            lead = blank[since : c.start()]
            opening = len(lead) - len(lead.lstrip())
            back = org_back().match(lead.lstrip())
            sp = disc.speaker_from(back.group(), sent.start + since + opening, sent) if back else None
            if sp:
                return sp, {gaz.side_of(sp.affiliation or sp.name)}, c.end()
        np = np_before(blank[: c.start()])
        if not np:
            continue
        sp = disc.speaker_from(np, sent.start + c.start() - len(np), sent)
        if sp:
            return sp, {gaz.side_of(x.name) for x in gaz.actor_mentions(np)} | {gaz.side_of(sp.affiliation or sp.name)}, c.end()
    if quoted:
        return quoted, {gaz.side_of(quoted.affiliation or quoted.name)}, -1
    return None, set(), -1


_REDUCED_HEAD = re.compile(r"(?:\S+\s+){0,4}$")  # the words before a participle: the noun it describes
_PARTICIPLE = re.compile(r"\w+(?:ed|en)\b", re.IGNORECASE)  # "demanded", "frozen"; not "insisting"


def _is_participle(cue: str) -> bool:
    """Whether a cue opens with a past participle ("demanded", "frozen"), not an adjective that
    only ends like one ("open to", "keen on": data/lexicon/not_participles.csv)."""
    m = _PARTICIPLE.match(cue)
    return bool(m) and fold(m.group()) not in _not_participles()


@cache
def _not_participles() -> frozenset:
    return frozenset(fold(r["word"]) for r in lexicon("not_participles"))


@cache
def _agent_intro() -> re.Pattern:
    """What introduces the agent of a passive or of a noun: "demanded by the CNSP", "the deadline
    set by ECOWAS" (a participle in -ed, or one of data/lexicon/agent_participles.csv)."""
    words = alternation(r["participle"] for r in lexicon("agent_participles")) or r"(?!)"
    return re.compile(rf"\s+(?:(?:\w+ed|{words})\s+)?by\s+", re.IGNORECASE)
_QUESTION_END = re.compile(r"\?[\s\"'\u201d\u2019)\]]*$")


@cache
def _hedges() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Modal verbs right before a cue ("could impose"), "would" (hypothetical beside a condition)
    and conditions ("if", "unless"), from data/lexicon/stance_hedges.csv."""
    rows = lexicon("stance_hedges")

    def words(kind: str) -> str:
        return alternation(r["phrase"] for r in rows if r["kind"] == kind) or r"(?!)"

    return (
        re.compile(rf"(?<![\w-])(?:{words('modal')})\s+(?:not\s+)?(?:\w+\s+){{0,2}}$", re.IGNORECASE),
        re.compile(rf"(?<![\w-])(?:{words('conditional modal')})\s+(?:not\s+)?(?:\w+\s+){{0,3}}$", re.IGNORECASE),
        re.compile(rf"(?<![\w-])(?:{words('condition')})(?![\w-])", re.IGNORECASE),
    )


def _hypothetical(text: str, start: int) -> bool:
    """Whether the cue at ``start`` is a hypothesis: "could impose", "would back sanctions if",
    "which would trigger a cut", "if the bloc were to use force" (the cue inside a condition's
    clause)."""
    modal, would, condition = _hedges()
    before = text[max(0, start - 40) : start]
    if modal.search(before):
        return True
    conditions = list(condition.finditer(text))
    # "would" is hypothetical beside a condition, or where no one is reported ("a designation
    # which would trigger a cut in aid"); "warned that the CNSP would respond" reports a stance
    if would.search(before) and (conditions or not _finite_speech().search(text, 0, start)):
        return True
    last = [m for m in conditions if m.end() <= start]
    return bool(last) and not re.search(r"[,;:]", text[last[-1].end() : start])


@cache
def _owned() -> re.Pattern:
    """What stands before a noun cue that has its holder: a possessive ("ECOWAS's threat of",
    "its decision to") or a light verb of data/lexicon/light_verbs.csv ("set a deadline")."""
    light = alternation(r["verb"] for r in lexicon("light_verbs")) or r"(?!)"
    return re.compile(
        rf"(?:['\u2019]s?|(?<![\w-])(?:its|their|his|her|our))\s+(?:[\w-]+\s+)?$"
        rf"|(?<![\w-])(?:{light})\s+(?:(?:an?|the|its|their|new|fresh|final)\s+){{0,2}}(?:[\w-]+\s+)?$",
        re.IGNORECASE,
    )


def _is_question(text: str) -> bool:
    return bool(_QUESTION_END.search(text))


def _agent(text: str, sent: Span, end: int, gaz: Gazetteer, disc: Discourse) -> list[str]:
    """The actors after "by" right after a cue: "demanded by the CNSP", "set by ECOWAS and the
    AU", "imposed by the bloc" (the organisation named last)."""
    m = _agent_intro().match(text, end)
    if not m:
        return []
    back = org_back().match(text[m.end() :])
    if back:
        org = disc.last_org(sent.start + m.end(), kinds=("organisation",))
        return [gaz.side_of(org.name) or org.name] if org else []
    mentions = [o for o in owner_mentions(text, gaz) if o.start >= m.end()]
    if not mentions or not re.fullmatch(r"(?:the\s+)?", text[m.end() : mentions[0].start], re.IGNORECASE):
        return []
    group = [mentions[0]]
    for o in mentions[1:]:
        if _JOINED_THE.fullmatch(text[group[-1].end : o.start]):
            group.append(o)
    return list(dict.fromkeys(gaz.side_of(o.name) for o in group))


def _quote_speakers(quote_rows: list[dict], gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """The quotations (absolute spans) whose speaker stands for an actor, and that actor."""
    out = []
    for q in quote_rows:
        actor = gaz.side_of(q.get("speaker_affiliation")) or gaz.side_of(q.get("speaker"))
        if actor in gaz.actors and gaz.actors[actor].kind != "outlet":
            out.append((q["quote_start"], q["quote_end"], actor))
    return out


def _overlapping(spans: list[tuple[int, int, str]], sent: Span) -> list[tuple[int, int, str]]:
    """The quotations that overlap ``sent`` (one may run over several sentences and paragraphs)."""
    return [x for x in spans if x[0] < sent.end and x[1] > sent.start]


def _quoted_holder(text: str, sent: Span, pos: int, quoted: list[tuple[int, int, str]], gaz: Gazetteer, side: str = "after") -> tuple[str | None, bool]:
    """For a cue inside a quotation: the speaker's actor ("we will respond" said by the junta's
    spokesman is the junta), and whether the cue stands in a quoted statement (not in a fragment
    set into the reporter's clause, whose speaker is only the fallback holder). A quotation whose clause names
    another actor as the subject ("ECOWAS imposed ...") is the speaker's claim about it: no holder
    (unless the cue's target stands there, ``side`` "before": "President Bazoum must be released")."""
    at = sent.start + pos
    for qs, qe, actor in quoted:
        if qs < at < qe:
            i, cs = clause_at(text, pos)
            if qs > sent.start and re.search(r"\w", outside_quotes(text)[cs[i].start : qs - sent.start]):
                # a fragment set into the reporter's clause ('Americans want "to keep their
                # bases"'): the clause's own subject holds it (the speaker, failing that)
                return actor, False
            lo = max(qs - sent.start, cs[i].start)
            others = [o for o in owner_mentions(text[lo:pos], gaz) if gaz.side_of(o.name) != actor] if side == "after" else []
            # a junta speaking of its country ("Niger will defend itself") speaks for itself
            others = [o for o in others if not actor.startswith(o.name)]
            return (None if others else actor), True
    return None, False


def _speaking_for(reporter: Speaker | None, actor: str, gaz: Gazetteer) -> str:
    """The junta's minister saying "Niger remains open to dialogue" speaks for the junta: a
    reporter whose side is named after the actor's country holds what it says of it."""
    if reporter is None:
        return actor
    side = gaz.side_of(reporter.affiliation or reporter.name)
    if side in gaz.actors and side != actor and side.startswith(actor + " "):
        return side
    return actor


def _claim_about_other(reporter: Speaker | None, reporter_sides: set[str], actor: str, between: str, gaz: Gazetteer, *, named: bool = False) -> bool:
    """Whether a stakeholder reports another's stance ("ECOWAS said the junta rejected dialogue"):
    not the other party's position. ``between`` is the text from the reporting verb to the cue,
    where the other party must be named (``named``: it is, as the agent after the cue). Outlets
    and unnamed sources only carry a claim (``claimed_by``)."""
    if reporter is None or reporter.kind not in ("organisation", "named person", "document") or actor in reporter_sides:
        return False
    if not named and not any(gaz.side_of(o.name) == actor for o in owner_mentions(between, gaz)):
        return False
    side = gaz.side_of(reporter.affiliation or reporter.name)
    return side in gaz.actors and gaz.actors[side].kind in ("state", "organisation", "armed group") and side != actor


def _trailing_reporter(reported: tuple, pos: int, gaz: Gazetteer) -> str | None:
    """The stakeholder whose attribution comes after the cue at ``pos`` ("..., the minister said")."""
    reporter, _, said_at = reported
    if reporter is None or said_at <= pos:
        return None
    side = gaz.side_of(reporter.affiliation or reporter.name)
    return side if side in gaz.actors and gaz.actors[side].kind in ("state", "organisation", "armed group") else None


# ", and" before a capitalised word opens a clause with a subject of its own: "Rome favoured a
# diplomatic way out, and Foreign Minister Tajani warned that an armed intervention ..."
_AND_NEW_SUBJECT = re.compile(r",\s+and\s+(?=[A-Z])")


@cache
def _window_ends() -> re.Pattern:
    """Where a cue's reach ends: "until", "in a bid to" ... (data/lexicon/window_ends.csv)."""
    words = alternation(r["phrase"] for r in lexicon("window_ends")) or r"(?!)"
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE)


def _window(text: str, cues: list[re.Match], k: int, side: str) -> str:
    """The text where the issue of cue ``k`` is named: its clause before it (side "before"), else
    up to the next cue, a contrastive joint (", while ...") or the end of a relative clause."""
    c = cues[k]
    i, cs = clause_at(text, c.start())
    if side == "before":
        lo = cs[i].start  # "the sanctions imposed by the bloc as unjust": over a cue before it
        lo = max([lo] + [m.end() for m in _window_ends().finditer(text, lo, c.start())])
        return text[lo : c.start()]
    hi = min(cues[k + 1].start() if k + 1 < len(cues) else len(text), c.end() + WINDOW)
    joints = [m for m in (CONTRAST.search(text, c.end(), hi), _window_ends().search(text, c.end(), hi), _AND_NEW_SUBJECT.search(text, c.end(), hi)) if m]
    joint = min(joints, key=lambda m: m.start()) if joints else None
    if joint:
        hi = joint.start()
    if cs[i].relative:  # "Algeria, which opposes any intervention, unveiled a transition plan"
        hi = min(hi, cs[i].end if i + 1 < len(cs) else hi)
        comma = text.find(",", c.end(), hi)
        hi = comma if comma > 0 else hi
    return text[c.start() : hi]


@cache
def _partners() -> tuple[tuple[re.Pattern, re.Pattern, str, str], ...]:
    """Cooperation named without its partner (data/lexicon/stance_partners.csv): "agreed to expand
    military cooperation" in a sentence that names Moscow is about ties with Russia."""
    return tuple(
        (re.compile(rf"(?<![\w-]){phrase_pattern(r['phrase'])}(?![\w-])", re.IGNORECASE),
         re.compile(rf"(?<![\w-]){phrase_regex('{' + r['partner'] + '}')}(?![\w-])", re.IGNORECASE), r["issue"], r["instead_of"])
        for r in lexicon("stance_partners")
    )


def _with_partner(found: list[str], window: str, sentence: str) -> list[str]:
    """``found`` with the issue of a cooperation whose partner the sentence names."""
    for phrase, partner, issue, instead in _partners():
        if phrase.search(window) and partner.search(sentence):
            found = [issue if f == instead else f for f in found]
            if issue not in found:
                found.append(issue)
    return list(dict.fromkeys(found))


def _issues_of(row: dict, window: str, cue: re.Match, issues: str | None) -> list[str]:
    """The issues the cue's row speaks of in ``window``: its own for a frame whose target is
    there (right after the cue, for a target after it), else those whose keywords are there."""
    if row.get("issue"):
        if row["topic"] == "after":
            return [row["issue"]] if row["target"].match(window, len(cue.group())) else []
        return [row["issue"]] if row["target"].search(window) else []
    return issues_in(window, issues)


def position_records(article: Article, *, gazetteer: Gazetteer | None = None, issues: str | None = None, attribution=None) -> list[dict]:
    """Position rows (dicts) for ``article``, in text order; ``issues`` is another taxonomy file;
    ``attribution`` is :func:`attribute_article`'s result when the caller has it already."""
    issues = str(issues) if issues is not None else None
    gaz = gazetteer_for(article, gazetteer)  # "Niamey", "the regime" are the junta after the coup
    quote_rows, disc, sentence_speakers = attribution or attribute_article(article, gaz)
    quoted_by = _quote_speakers(quote_rows, gaz)
    rows: list[dict] = []
    sentences = article.sentences
    for n, sent in enumerate(sentences):
        text = sent.text
        cues = find_cues(text)
        if not cues or _is_question(text):
            continue
        # "support" in "halted budget support" is part of the issue, not a stance (a keyword that
        # begins with the cue, "threatened force", leaves it a cue)
        keywords = keyword_spans(text, issues)
        cues = [c for c in cues if not any(s < c.start() and c.end() <= e for s, e in keywords)]
        # words that date something are no stance: "since the end of August", "by the end of
        # July" (but "a day after the deadline set by ECOWAS" names the deadline it counts from)
        dated = [(e.start, e.end) for e in find_expressions(text) if e.rule != "relative-offset"]
        cues = [c for c in cues if not any(s <= c.start() and c.end() <= e for s, e in dated) and not _TIME_END.match(text, c.end())]
        # "ignored a deadline to restore Bazoum": the infinitive is the demand of whoever set the
        # deadline, not a stance of the clause's subject
        cues = [c for c in cues if not _DEMAND_BEFORE.search(text, max(0, c.start() - 30), c.start())]
        reporters: dict[int, tuple] = {}  # by the joint the cue's clause starts at

        def reporter_of(pos: int, sent=sent, n=n, reporters=reporters) -> tuple:
            joint = max((j.end() for j in CONTRAST.finditer(sent.text, 0, pos)), default=0)
            after = CONTRAST.search(sent.text, pos)
            until = after.start() if after else None
            if (joint, until) not in reporters:
                # a quoted term ("a 'standby force'") is not its speaker asserting the sentence
                stated = any(len(q["text"].split()) > _TERM_WORDS for q in quote_rows if q["quote_start"] < sent.end and q["quote_end"] > sent.start)
                reporters[joint, until] = _reporter(sent, disc, sentence_speakers.get(n) if stated else None, since=joint, until=until)
            return reporters[joint, until]

        seen = set()
        last_actors: list[str] = []
        governed: dict[int, tuple] = {}  # cue index -> (the cue governing it, that cue's stance)
        for k, c in enumerate(cues):
            outer = governed.get(k)
            hypothetical = _hypothetical(text, (outer[0] if outer else c).start())
            readings = [] if hypothetical else [(m, row) for m in (c, *_shorter_cues(text, c)) for row in _rows_of(m)]
            read = False
            for m, row in readings:
                c = cues[k] = m  # a shorter cue at the same place when the longer one names no issue
                made = _rows_for_cue(article, sent, n, cues, k, row, gaz, disc, issues, _overlapping(quoted_by, sent), last_actors, reporter_of, outer)
                if made is None:
                    continue
                read = True
                actors, how, found, removed, stance, frame_name = made
                last_actors = actors or last_actors
                for actor in actors:
                    for issue in found:
                        held = stance
                        if issue in removed:  # "wanted foreign forces gone"
                            held = "oppose" if stance == "support" else "support"
                        if frame_name.startswith("stance:after") and _NOT_TO.search(text, c.end(), c.end() + max(0, issue_start(text[c.end():], issue, issues))):
                            held = "oppose" if held == "support" else "support"  # "urged ECOWAS not to intervene"
                        if outer is None and frame_name.startswith("stance:") and issue == _OWN_WITHDRAWAL_ISSUE and held == "oppose" and _OWN_TARGET.search(text, c.end(), c.end() + max(0, issue_start(text[c.end():], issue, issues))):
                            continue  # "France will end its military presence": withdrawing its own troops, no stance
                        reporter, reporter_sides, said_at = reporter_of(c.start())
                        found_by = how.replace(" (governing cue)", "")
                        # the actor the reporter speaks for, and Niger's government after the coup
                        actor = government_of(_speaking_for(reporter, actor, gaz), article.published)
                        if actor in taxonomy(issues)[issue]["not_held_by"] or (actor, issue, held) in seen:
                            continue
                        # "X said the bloc / it ...": X speaks of its own side
                        # the other party is named between the reporting verb and the cue, or
                        # after it as the agent ("... would not accept sanctions imposed by ECOWAS")
                        between = text[said_at : c.start()] if 0 <= said_at <= c.start() else ""
                        # an agent is named after the cue, wherever the reporting verb stands
                        agent = found_by == "agent" and said_at >= 0
                        if found_by not in ("quote speaker", "the bloc", "pronoun") and _claim_about_other(reporter, reporter_sides, actor, between, gaz, named=agent):
                            continue
                        seen.add((actor, issue, held))
                        claimed = reporter if reporter is not None and actor not in reporter_sides and found_by != "quote speaker" else None
                        rows.append(
                            {
                                "article_id": article.id,
                                "actor": actor,
                                "issue": issue,
                                "stance": held,
                                "cue": re.sub(r"\s+", " ", c.group()),
                                "claimed_by": claimed.name if claimed else None,
                                "via": via_chain(article, claimed),
                                "sentence": text,
                                "start": sent.start,
                                "end": sent.end,
                                "rule": f"{frame_name}; actor:{how}",
                            }
                        )
                break  # the first row of the cue that speaks of an issue is its reading
            gap = text[c.end() : cues[k + 1].start()] if k + 1 < len(cues) else ""
            # a frame says its stance in full ("denounced the unjust measures"): it is governed only
            # as an infinitive ("refused to recognise the putschists")
            inner = _rows_of(cues[k + 1]) if gap else ()
            frame_next = bool(inner) and all(r.get("issue") for r in inner) and not _INFINITIVE.search(gap)
            generic = [r for r in _rows_of(c) if not r.get("issue")]  # only a stance cue governs
            after = any(r["topic"] == "after" for r in inner if not r.get("issue")) or (bool(inner) and all(r.get("issue") for r in inner))
            if not read and gap and generic and after and _GOVERNS.fullmatch(RELATIVE_SET_IN.sub("", gap)) and not _COORDINATED.fullmatch(gap) and not frame_next:
                own = _stance_of(text, c, generic[0])
                composed = own if outer is None else ("support" if own == outer[1] else "oppose")
                governed[k + 1] = ((outer[0] if outer else c), composed)
    return rows


def _without_cue(window: str, cue: re.Match) -> str:
    """``window`` with the cue blanked when it starts there: a cue that is itself a removal ("an
    end to", "the lifting of") has said so already, its words do not turn the stance again."""
    n = len(cue.group())
    return " " * n + window[n:] if window.startswith(cue.group()) and starts_with_turn(window) else window


def _stance_of(text: str, c: re.Match, row: dict) -> str:
    """The cue's stance, turned round by a negation before a support cue ("did not demand")."""
    if row["stance"] == "support" and NEGATION.search(text[max(0, c.start() - 25) : c.start()]):
        return "oppose"
    return row["stance"]


def _rows_for_cue(article, sent, n, cues, k, row, gaz, disc, issues, quoted, last_actors, reporter_of, outer=None):
    """What cue ``k`` read by ``row`` says: (actors, how they were found, issues, issues whose
    target is to go, stance, frame name), or None when it names no issue."""
    text, c = sent.text, cues[k]
    if row["stance"] == "oppose" and NEGATION.search(text[max(0, c.start() - 25) : c.start()]):
        return None  # "has not ruled out force", "did not reject talks": a negation is no position
    stance, side = _stance_of(text, c, row), row["topic"]
    agent = _agent(text, sent, c.end(), gaz, disc)
    # a passive ("was demanded by"), or a participle with its agent ("sanctions imposed by the
    # bloc"): what the cue governs is before it
    be_passive = BE_BEFORE.search(text, 0, c.start())
    # "is committed to dialogue", "is opposed to force": a participle with "to" is an adjective of
    # its subject; only a participle with an agent, or a bare one after "is", is a passive
    passive = side == "after" and not row.get("issue") and _is_participle(c.group()) and (
        agent or (be_passive and not re.search(r"\bto$", c.group(), re.IGNORECASE)))
    window = _window(text, cues, k, "before" if passive else side)
    if passive and not be_passive:  # "sanctions imposed by ECOWAS": the participle's own noun
        window = _REDUCED_HEAD.search(text, 0, c.start()).group()
    found = _issues_of(row, window, c, issues)
    if not row.get("issue"):
        found = _with_partner(found, window, text)
    noun_back, pronoun_back = _anaphora()
    if not row.get("issue") and not passive and pronoun_back.match(text, c.end()):
        # "lifted most of them": the object is the issue named before, not what follows
        found = issues_in(text[: c.start()], issues) or found
    if not found and noun_back.search(window) and n > 0:
        found = issues_in(article.sentences[n - 1].text, issues)
    if not found:
        return None
    if outer is not None:  # "rejected calls for talks": the outer cue's subject, the stances composed
        outer_cue, outer_stance = outer
        stance = "support" if stance == outer_stance else "oppose"
        holder, _ = _quoted_holder(text, sent, outer_cue.start(), quoted, gaz)
        actors, how = ([holder], "quote speaker") if holder else _subject(text, sent, outer_cue.start(), "after", gaz, disc)
        actors = [a for a in actors if a in gaz.actors and gaz.actors[a].kind in _HOLDER_KINDS]
        return actors, f"{how} (governing cue)", found, issues_removed(_without_cue(window, c), issues), stance, f"stance:{side}"
    frame_name = f"frame:{row['frame']}" if row.get("issue") else f"stance:{'passive' if passive else side}"
    holder, inside = _quoted_holder(text, sent, c.start(), quoted, gaz, "before" if passive else side)
    fragment_speaker = None if inside else holder
    holder = holder if inside else None
    if passive and not agent and not inside:
        # "Constitutional order must be restored, Nigeria said": the one who says it; "until
        # constitutional order is restored": a passive that names no one
        said = _trailing_reporter(reporter_of(c.start()), c.start(), gaz)
        if not said:
            return None
        return [said], "reporter", found, issues_removed(_without_cue(window, c), issues), stance, frame_name
    if row.get("holder") == "owner" and not agent and not _owned().search(text, max(0, c.start() - 40), c.start()):
        return None  # "the threat of force would not help": a noun cue whose holder is not named
    if agent:
        actors, how = agent, "agent"
    elif holder:
        actors, how = [holder], "quote speaker"
    elif inside and quoted:
        actors, how = [], "quoted claim"
    elif last_actors and k and re.fullmatch(r"[^,;]*\band\s+(?:also\s+|still\s+)?", text[cues[k - 1].end() : c.start()]):
        # "Paris refuses to recognise the junta and insists on ...": one subject, two verbs
        actors, how = last_actors, "coordinated verb"
    elif side == "before" and _trailing_reporter(reporter_of(c.start()), c.start(), gaz):
        # "The French presence is illegal, the junta's prime minister said": the one who says it
        actors, how = [_trailing_reporter(reporter_of(c.start()), c.start(), gaz)], "reporter"
    elif _crowd_subject(text, c.start(), gaz):
        return None
    else:
        actors, how = _subject(text, sent, c.start(), side, gaz, disc)
        if not actors and fragment_speaker:  # 'described the sanctions as "unjust"', he said
            actors, how = [fragment_speaker], "quoted fragment"
        if not actors and last_actors and side == "after":  # "it imposed sanctions and gave the junta ...": same subject
            actors, how = last_actors, "coordinated verb"
    # a frame's stance is its own: "ordered {forces} out" already says they are to go
    removed = set() if row.get("issue") else issues_removed(_without_cue(window, c), issues)
    # a position is a stakeholder's: an unnamed "minister" or a person with no side holds none
    actors = [a for a in actors if a in gaz.actors and gaz.actors[a].kind in _HOLDER_KINDS]
    return actors, how, found, removed, stance, frame_name


def positions(article: Article, *, gazetteer: Gazetteer | None = None, issues: str | None = None, data=None):
    """The positions table of ``article``: one row per stance statement.

    Args:
        issues: path of an issue taxonomy (TOML, like data/issues.toml) to use instead of the
            default one.
        data: another data folder (actors, people, places, issues, lexicons): the article is
            read in a fresh process that uses it (its gazetteer, not ``gazetteer``).

    Columns: article_id, actor, issue (an id from the taxonomy), stance (support / oppose),
    cue, claimed_by, via, and the evidence (sentence, start, end, rule).
    """
    if other_data(data):
        return frame("positions", in_data(data, position_records, article, issues=issues))
    return frame("positions", position_records(article, gazetteer=gazetteer, issues=issues))
