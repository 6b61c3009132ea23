"""The quotes table: every direct quotation, who said it and through whom.

Quotations come from :mod:`nigerlens.rules.quotations` (every mark style; slogans, scare quotes and
headlines set apart). Each is read with the sentences it spans, and a sieve of passes gives its
speaker, most precise first; the pass that found the speaker is the row's ``rule``
(``quote; speaker:<pass>``), so an analyst can keep the sure ones:

1. ``after:inverted``: "..., said Macron"; "..., said Niger military spokesman, Amadou Abdramane";
2. ``after``: the speaker right after the quote ("..., State Department spokesman Matthew Miller
   said"; "..., Amadou Issa, a local trader, said"; "..., Bola Tinubu, who chairs the bloc, told
   the summit");
3. ``before``: the nearest speech verb before the quote in the sentence ("Blinken told reporters
   that ..."; "She added: ..."; "what he called ..."); a participle ("adding that", "citing")
   continues the sentence's speaker, or its main clause's subject (``before:participle``);
   "according to X, ..." (``before:according-to``);
4. ``before:colon``: a speaker before a colon with no speech verb ("The CNSP's line: ...");
5. ``after:according-to``: "... is "a prudent adjustment", according to an AFRICOM statement";
6. ``after-clause``: a speech verb later in the sentence ("Americans want '...' in the region,
   the diplomat said");
7. ``next-sentence``: "... ." followed, in the same paragraph, by "The diplomat said so ...";
   ``before:announced``: a paragraph that opens with the quote after "the ministry said:";
8. ``continuation``: a quotation with no speech verb continues the previous speaker, in the same
   paragraph or opening the next one.

Who a phrase names (pronouns by gender, titles, descriptions that refer back, unnamed sources,
the post-coup government) is :class:`nigerlens.attribution.Discourse`'s job.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cache

from nigerlens.resources import alternation, lexicon
from nigerlens.rules.clauses import PLACE_NAME, RELATIVE_CLAUSE, owner_mentions
from nigerlens.rules.dates import MONTH_STEMS, WEEKDAY_NAMES
from nigerlens.rules.discourse import (
    AUX_END,
    BE_BEFORE,
    COORDINATED_VERB,
    NAME,
    PRONOUN,
    Discourse,
    Speaker,
    apposition_actors,
    finite_cues,
    outlet_back,
    seat_institution,
    speech_cues,
    speech_regex,
    via_chain,
)
from nigerlens.rules.gazetteer import Gazetteer, default_gazetteer, gazetteer_for, government_of
from nigerlens.rules.quotations import Quotation, frame_of, is_headline
from nigerlens.tables.schema import frame
from nigerlens.text.article import Article
from nigerlens.text.spans import Span

_REL = re.compile(RELATIVE_CLAUSE + ",?")
_LEAD = re.compile(r"^(?:and|but|while|as|so|then|also|now)\s+", re.IGNORECASE)
_MAX_NP_WORDS = 9
# a participle right after one of these has the main clause's subject: "He said ..., while insisting"
_SUBORDINATOR = re.compile(r"^(?:while|before|after|when|as|without|even|also|and|but)?$", re.IGNORECASE)
# an apposition of a place after a set-in phrase that ends in a place noun: ", meeting in the
# Ghanaian capital, Accra," (not the subject after "Speaking in Lagos on Friday, Emmanuel Macron")
_PLACE_APPOSITION = re.compile(rf"^{PLACE_NAME}$")
_PLACE_NOUN_END = re.compile(r"\b(?:capital|city|town|village|region|province|state|port|base|border)$", re.IGNORECASE)
# a time phrase opening the subject chunk: "On Friday Tchiani said", "Late on Monday the CNSP said"
_TIME_LEAD = re.compile(
    r"^(?:(?:on|late|early|last|this|since|by)\s+)*(?:(?:on|late|early)\s+)?"
    rf"(?:{'|'.join(WEEKDAY_NAMES)}|Today|Yesterday|Tonight|(?:{'|'.join(MONTH_STEMS)})[a-z]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?)"
    r"(?:\s+(?:morning|afternoon|evening|night))?,?\s+(?=[A-Z])",
    re.IGNORECASE,
)


def np_before(text: str) -> str:
    """The subject phrase ending ``text``: the last comma chunk, without a leading conjunction.

    A pronoun right before the verb is the subject ("who he said were ..."); a participle or
    relative clause set off by commas is skipped ("A US official, speaking on condition of
    anonymity, told"); an apposition keeps the name it describes ("Amadou Issa, a local trader")."""
    words = text.split()
    if words and PRONOUN.match(words[-1]):  # "what he called", "but she said", "who he said"
        return words[-1]
    # "X, who chairs the bloc, has said": the relative clause is set in, the subject runs past it
    text = _REL.sub(" ", text).rstrip(" ,;:")
    text = AUX_END.sub("", text)
    chunks = [c.strip() for c in re.split(r"[,;:\u2014\u2013]", text)]
    # "Aissata Kane, 34, a trader, said": an age set in after a name is no part of the subject
    chunks = [c for k, c in enumerate(chunks) if not (k and _AGE.fullmatch(c))] or chunks
    # "Army chiefs, meeting in the Ghanaian capital, Accra, said": the set-in phrase and the place
    # that names its end run to the verb
    while len(chunks) > 2 and _PLACE_APPOSITION.match(chunks[-1]) and _SET_IN.match(chunks[-2]) and _PLACE_NOUN_END.search(chunks[-2]):
        chunks.pop()
    while len(chunks) > 1 and _SET_IN.match(chunks[-1]):
        chunks.pop()
    chunk = _TIME_LEAD.sub("", _LEAD.sub("", chunks[-1]))
    if len(chunks) > 1 and _POSSESSIVE_TITLE.fullmatch(chunks[-2]) and NAME.fullmatch(chunk):
        return f"{chunks[-2]} {chunk}"  # "His spokesman, Stephane Dujarric": whose spokesman he is
    if len(chunks) > 1 and _APPOSITION.match(chunk) and NAME.search(chunks[-2] + " "):
        name = NAME.findall(chunks[-2])[-1]
        rest = chunks[-2].rstrip()[: -len(name)].split()
        # "Amadou Issa, a local trader": the name is its chunk's subject, not the end of an
        # adjunct ("In a statement broadcast on Tele Sahel, the CNSP")
        if chunks[-2].rstrip().endswith(name) and len(rest) <= 3 and not (rest and _NOT_SUBJECT.match(rest[0])):
            return f"{name}, {chunk}"
    words = chunk.split()
    if words and PRONOUN.match(words[-1]):
        return words[-1]
    return " ".join(words[-_MAX_NP_WORDS:])


# a phrase set in between a subject and its verb: ", speaking on condition of anonymity,"
# or a past participle with its complement: ", addressed to the French embassy," ", backed by Paris,"
_SET_IN = re.compile(r"^(?:[a-z]+ing|who|which|whose|in|on|at|during|[a-z]+ed\s+(?:by|to|in|at|on|from|with|after|for))\b")
# "His spokesman", "her foreign minister" before a name
_POSSESSIVE_TITLE = re.compile(r"(?:his|her)\s+(?:\w+\s+){0,2}\w+", re.IGNORECASE)
_AGE = re.compile(r"\d{1,3}")
# an apposition after a name: ", a local trader", ", the bloc's commissioner"
_APPOSITION = re.compile(r"^(?:an?|the)\s+\S", re.IGNORECASE)


def _frame_via(blank: str, sent: Span, disc: Discourse) -> tuple[str, ...]:
    """Outlets that relay the whole sentence: "According to Le Figaro, ...", "..., Le Figaro said"."""
    out = []
    for m in disc.gaz.actor_mentions(blank, sent.start, kinds=("outlet",)):
        local = m.start - sent.start
        before, after = blank[max(0, local - 20) : local], blank[m.end - sent.start : m.end - sent.start + 25]
        if re.search(r"according\s+to\s*$", before, re.IGNORECASE) or re.match(r"\s+(?:reported|said|says|wrote|reports)\b", after):
            out.append(m.name)
    return tuple(out)


# "wrote in the Washington Post", "said in an interview with Le Monde", "told the paper"
_IN_OUTLET = re.compile(
    r"\s*(?:(?:in|for|to)\s+(?:an?\s+(?:op-ed|opinion\s+piece|article|column|interview|letter)\s+(?:in|for|with|to)\s+)?"
    r"|in\s+an?\s+interview\s+with\s+)",
    re.IGNORECASE,
)


def _told_outlet(cue: str, rest: str, pos: int, disc: Discourse) -> tuple[str, ...]:
    """ "told Le Figaro" / "told the paper" / "wrote in the Washington Post" / "said in an
    interview with Le Monde": the outlet that relayed the speaker's words."""
    if cue not in ("told", "tells"):
        inside = _IN_OUTLET.match(rest)
        if not inside or not inside.group().strip():
            return ()
        rest = rest[inside.end() :]
    who = rest.lstrip()[:40]
    outlets = disc.gaz.actor_mentions(who, kinds=("outlet",))
    if outlets and who[: outlets[0].start].lower() in ("", "the "):
        return (outlets[0].name,)
    if outlet_back().match(who):
        last = disc.last_outlet(pos)
        return (last,) if last else ()
    return ()


@dataclass(frozen=True)
class Site:
    """Where a quotation sits: its sentences, its offsets in them, the blanked text, the discourse."""

    sent: Span
    q_start: int  # offsets into sent.text
    q_end: int
    blank: str
    disc: Discourse
    sentence_speaker: Speaker | None  # who spoke the sentence's earlier quotations

    # the passes read at most this far on either side of the quotation: a sentence longer than
    # that (a mark left open over a whole page) must not make each quotation cost the whole text
    REACH = 600

    @property
    def after(self) -> str:
        return self.blank[self.q_end : self.q_end + self.REACH]

    @property
    def before_start(self) -> int:
        return max(0, self.q_start - self.REACH)

    @property
    def before(self) -> str:
        return self.blank[self.before_start : self.q_start]

    def before_at(self, local: int) -> int:
        """Absolute offset of ``local``, an offset into :attr:`before`."""
        return self.sent.start + self.before_start + local

    def at(self, local: int) -> int:
        return self.sent.start + local


# up to three comma-set phrases between a speaker and the verb: ", who chairs the bloc," or
# ", the bloc's commissioner for political affairs, peace and security, Abdel-Fatau Musah,"
_INSERT = r"(?P<rel>(?:,\s*[^,.;\"\u201c\u201d]{1,80}?){1,3},)?"
_NOT_SUBJECT = re.compile(r"(?:to|in|on|at|for|with|and|of|from)\b", re.IGNORECASE)


@cache
def _after_tag() -> re.Pattern:
    return re.compile(
        rf"^\s*,?\s*(?P<np>(?:[^\s,.;]+\s+){{0,8}}?[^\s,.;]+){_INSERT}\s+(?:has\s+|had\s+)?(?P<cue>{finite_cues()})(?![\w-])",
        re.IGNORECASE,
    )


@cache
def _inverted_tag() -> re.Pattern:
    # ", said X" / ", said Niger military spokesman, Amadou Abdramane, in a statement"
    name = r"(?:(?:[A-Z][\w.'\u2019-]*|de|al|bin)\s+){0,4}[A-Z][\w'\u2019-]+"
    # the phrase keeps the dots of abbreviated titles ("Maj. Gen. Kenneth Ekman") and stops at a
    # preposition that starts an adjunct ("the General during the ceremony")
    # (and of initials: "U.S. Air Force Gen. Michael Langley")
    np = rf"(?:(?<![\w.])(?:{_abbreviated_titles()})\s+|(?!\s(?:{_ADJUNCT})\s)(?:[^,.;]|\.(?=\w)|(?<=\b[A-Z])\.))+"
    app = r"(?:an?|the)\s+[^,.;\"\u201c\u201d]{1,60}"
    # machine-translated French puts an auxiliary first: "..., has declared the president",
    # "..., has he added" ("a déclaré le président", "a-t-il ajouté")
    aux = rf"(?:(?:{_auxiliaries()})\s+)"
    return re.compile(
        rf"^\s*,?\s*(?:{aux}(?P<pro>he|she|it|they)\s+(?P<procue>{finite_cues()})\b|{aux}?(?P<cue>{finite_cues()})\s+(?P<np>{np})"
        rf"(?:,\s*(?:(?P<name>{name})(?=\s*[,.;]|\s+[a-z]|\s*$)|(?P<app>{app})))?)"
    )


@cache
def _auxiliaries() -> str:
    """Auxiliaries that may open an inverted tag (data/lexicon/tag_auxiliaries.csv)."""
    return alternation(r["word"] for r in lexicon("tag_auxiliaries"))


_ADJUNCT = "during|in|on|at|after|before|from|with|while|as|when|to"


@cache
def _abbreviated_titles() -> str:
    return alternation(t for t in (r["title"] for r in lexicon("titles")) if t.endswith("."))


def _with_apposition(site: Site, np: str, np_pos: int, extra: str | None) -> Speaker | None:
    """The speaker named by ``np``, or by the name in its apposition ``extra`` when ``np`` is only
    a title ("said the spokesman, Colonel Amadou Abdramane")."""
    disc = site.disc
    sp = disc.speaker_from(np, np_pos, site.sent)
    if sp is not None and sp.kind == "named person" or not extra:
        if sp is not None and sp.affiliation is None and extra:
            # "Amadou Issa, a Nigerien trader,": the apposition may name the actor
            actors = apposition_actors(extra, disc.gaz)
            return replace(sp, affiliation=disc.gaz.side_of(actors[0].name)) if actors else sp
        return sp
    if sp is None and _ONE_NAME.fullmatch(np.strip()) and not disc.gaz.actor_of(np.strip()) and _APPOSITION.match(extra.strip(" ,")):
        # "said Moussa, a 30-year-old trader": a person known by one name, described by the apposition
        actors = apposition_actors(extra, disc.gaz)
        return Speaker(np.strip(), "named person", disc.gaz.side_of(actors[0].name) if actors else None)
    both = disc.speaker_from(f"{np} {extra.strip(' ,')}", np_pos, site.sent)
    if both is not None and both.kind == "named person":
        if both.affiliation is None and sp is not None:
            return replace(both, affiliation=sp.affiliation)
        return both
    return sp or both


_ONE_NAME = re.compile(r"[A-Z][a-zà-ÿ'’-]{2,}")


def tag_after(site: Site):
    """``after``: the speaker right after the quote, "..., State Department spokesman Matthew
    Miller said", "..., Amadou Issa, a local trader, said"."""
    m = _after_tag().match(site.after)
    if not m or _NOT_SUBJECT.match(m.group("np")):
        return None
    np_pos = site.at(site.q_end + m.start("np"))
    sp = _with_apposition(site, m.group("np"), np_pos, m.group("rel"))
    if sp:
        cue = m.group("cue").lower()
        return sp, cue, "after", _told_outlet(cue, site.after[m.end("cue") :], np_pos, site.disc)
    return None


def tag_inverted(site: Site):
    """``after:inverted``: "..., said Macron", "..., said Niger military spokesman, Amadou Abdramane"."""
    m = _inverted_tag().match(site.after)
    if m and m.group("pro"):  # "..., has he added": the pronoun, resolved as after any tag
        sp = _with_apposition(site, m.group("pro"), site.at(site.q_end + m.start("pro")), None)
        return (sp, m.group("procue").lower(), "after:inverted", ()) if sp else None
    if not m or re.match(r"(?:that|the\s+\w+\s+(?:was|were|had))\b", m.group("np")):
        return None
    np, np_pos, told = m.group("np"), site.at(site.q_end + m.start("np")), ()
    seat = _SEAT.match(site.after, m.end("np"))
    if seat and seat_institution().search(np):  # "..., said a spokesman of the ministry in Berlin"
        np = np + seat.group()
    lead = _TOLD_FIRST.match(np)
    if lead:  # "..., indicated to AFP a spokeswoman of ...": the outlet comes first
        outlets = site.disc.gaz.actor_mentions(lead.group("who"), kinds=("outlet",))
        told = (outlets[0].name,) if outlets else ()
        np, np_pos = np[lead.end() :], np_pos + lead.end()
    sp = _with_apposition(site, np, np_pos, m.group("name") or m.group("app"))
    return (sp, m.group("cue").lower(), "after:inverted", told) if sp else None


# where an institution sits: " in Berlin", " in Paris" after "a spokesman of the ministry"
_SEAT = re.compile(r"\s+(?:in|at)\s+[A-Z][\w'\u2019-]+")
_TOLD_FIRST = re.compile(r"(?:to|in)\s+(?P<who>[^,]+?)\s+(?=(?:an?|the|one)\s)", re.IGNORECASE)


def tag_before(site: Site):
    """``before``: the nearest speech verb before the quote ("Blinken told reporters that ...",
    "She added: ..."); a participle continues the sentence's speaker or names its subject
    (``before:participle``); "according to X, ..." (``before:according-to``)."""
    disc, before, cues = site.disc, site.before, speech_cues()
    found = [c for c in speech_regex().finditer(before)
             if cues.get(c.group().lower(), "finite") not in ("finite", "evaluative") or not BE_BEFORE.search(before[: c.start()])]
    if not found:
        return None
    c = found[-1]
    cue = c.group().lower()
    form = cues.get(cue, "finite")
    if form == "participle":
        if site.sentence_speaker:
            return site.sentence_speaker, cue, "before:participle", ()
        chunk = re.split(r"[,;:\u2014\u2013]", before[: c.start()].rstrip(" ,;:"))[-1]
        first = before.split()[:1]
        if _SUBORDINATOR.match(chunk.strip()) and first and PRONOUN.match(first[0]):
            # "He said the bloc was ready, while insisting that ...": the sentence's subject
            sp = disc.speaker_from(first[0], site.before_at(before.index(first[0])), site.sent)
            if sp:
                return sp, cue, "before:participle", ()
        # the participle's subject is its main clause's: the first actor that can own the clause
        # (a person set in right before it is: ", with their spokesman, Col. X, calling ...")
        near = owner_mentions(chunk, disc.gaz)
        set_in = [o for o in near if disc.gaz.actors[o.name].kind == "person" and o.end >= len(chunk.rstrip())
                  and all(w[:1].isupper() for w in chunk[: o.start].split())]  # "Col. Amadou Abdramane"
        owners = set_in or owner_mentions(before[: c.start()], disc.gaz) or near
        if owners:
            o = _head_owner(owners, before)
            a = disc.gaz.actors[o.name]
            if a.kind == "person":
                return Speaker(o.name, "named person", a.affiliation), cue, "before:participle", ()
            return Speaker(o.name, "organisation", disc.gaz.side_of(o.name)), cue, "before:participle", ()
        sp = disc.speaker_from(np_before(chunk), site.before_at(c.start() - len(chunk)), site.sent)
        words = chunk.split()
        if sp is None and words and PRONOUN.match(words[0]):
            # "She was quoted by the agency as saying ...": the clause's subject is the pronoun
            sp = disc.speaker_from(words[0], site.before_at(c.start() - len(chunk)), site.sent)
        return (sp, cue, "before:participle", ()) if sp else None
    if form == "preposition":  # according to X, "..."
        np = re.split(r"[,;:]", before[c.end() :])[0]
        sp = disc.speaker_from(np, site.before_at(c.end()), site.sent)
        return (sp, cue, "before:according-to", ()) if sp else None
    # "The junta has said it ... and has accused ECOWAS of ...": a verb with no subject of its own
    # shares the subject of the verb before it
    shared = False
    for c in found[::-1][:3]:
        if cues.get(c.group().lower(), "finite") not in ("finite", "evaluative"):
            break
        if COORDINATED_VERB.search(before[: c.start()]):  # "... and said it": the subject is further back
            shared = shared or c
            continue
        np = np_before(before[: c.start()])
        np_pos = site.before_at(c.start() - len(np))
        sp = disc.speaker_from(np, np_pos, site.sent)
        if sp:
            cue = c.group().lower()
            return sp, cue, "before", _told_outlet(cue, before[c.end() :], np_pos, disc)
    if shared:  # "The junta had ended the pact and had called it "illegal"": the clause's subject
        clause = re.split(r"[;:\u2014]", before[: shared.start()])[-1]
        owners = owner_mentions(clause, disc.gaz)
        if owners and not clause[: owners[0].start].strip(" ,").count(" ") > 2:  # it opens the clause
            o = _head_owner(owners, clause)
            a = disc.gaz.actors[o.name]
            kind = "named person" if a.kind == "person" else "organisation"
            sp = Speaker(o.name, kind, a.affiliation if a.kind == "person" else disc.gaz.side_of(o.name))
            return sp, shared.group().lower(), "before", ()
    return None


def _head_owner(owners: list, text: str):
    """The first owner that heads its phrase: a possessor ("Niger's ruling council, the CNSP")
    gives way to the owner it possesses, named within the next few words."""
    o = owners[0]
    if text[o.end : o.end + 2] in ("'s", "\u2019s") and len(owners) > 1 and owners[1].start - o.end < 60:
        return owners[1]
    return o


_COLON = re.compile(r"(?P<np>[^.;:!?]{1,120}):\s*$")
# an interview's answer labels: "A:", "Answer:", or the speaker's surname in capitals ("ARMSTRONG:")
_ANSWER_LABEL = re.compile(r"A|Answer|R|Réponse", re.IGNORECASE)
_NAME_LABEL = re.compile(r"[A-Z][A-Z'’-]{2,}(?:\s+[A-Z][A-Z'’-]{2,})?")


def tag_colon(site: Site):
    """``before:colon``: a speaker before a colon with no speech verb ("The CNSP's line has not
    moved: "..."", "Macron, on television: "...""): the first actor or person of the phrase."""
    m = _COLON.search(site.before)
    if not m:
        return None
    np = m.group("np")
    label = np.strip()
    if _ANSWER_LABEL.fullmatch(label):  # an interview's "A:": the person interviewed, named last
        sp = site.disc.person_for(site.before_at(m.start("np")))
        return (sp, None, "before:colon", ()) if sp else None
    if _NAME_LABEL.fullmatch(label):  # "ARMSTRONG:" opening an answer: that speaker, by surname
        sp = site.disc.speaker_from(label.title(), site.before_at(m.start("np")), site.sent)
        return (sp, None, "before:colon", ()) if sp else None
    owners = owner_mentions(np, site.disc.gaz)
    words = np.split()
    if not owners and not (words and PRONOUN.match(words[0])):
        return None
    phrase = owners[0].surface if owners else words[0]
    sp = site.disc.speaker_from(phrase, site.before_at(m.start("np") + (owners[0].start if owners else 0)), site.sent)
    return (sp, None, "before:colon", ()) if sp else None


@cache
def _according_after() -> re.Pattern:
    """A preposition cue of speech_verbs.csv ("according to") later in the quotation's sentence."""
    cues = alternation(c for c, f in speech_cues().items() if f == "preposition")
    return re.compile(rf"^[^.;]{{0,80}}?(?<![\w-])(?P<cue>{cues})\s+(?P<np>[^,.;]{{2,80}})", re.IGNORECASE)


def according_after(site: Site):
    """``after:according-to``: "... is "a prudent adjustment", according to an AFRICOM statement"."""
    m = _according_after().match(site.after)
    if not m:
        return None
    sp = site.disc.speaker_from(m.group("np"), site.at(site.q_end + m.start("np")), site.sent)
    return (sp, re.sub(r"\s+", " ", m.group("cue").lower()), "after:according-to", ()) if sp else None


def tag_later(site: Site):
    """``after-clause``: a speech verb later in the sentence ("Americans want '...' in the
    region, the diplomat said"); a verb with no speaker of its own ("... and urged the president
    to act, Senate President Godswill Akpabio said") gives way to the next."""
    for later in re.finditer(rf"(?<![\w-])(?:{finite_cues()})(?![\w-])", site.after, re.IGNORECASE):
        inverted = re.search(rf",\s*(?:{_auxiliaries()})\s+$", site.after[: later.start()], re.IGNORECASE)
        subject = re.match(r"\s*([^,.;]{2,80})", site.after[later.end():]) if inverted else None
        if subject:  # machine-translated French: "..., with a departure by December, has precised the head of State"
            np, np_pos = subject.group(1).strip(), site.at(site.q_end + later.end() + subject.start(1))
        else:
            np = np_before(site.after[: later.start()])
            np_pos = site.at(site.q_end + later.start() - len(np))
        sp = site.disc.speaker_from(np, np_pos, site.sent)
        if sp:
            cue = later.group().lower()
            return sp, cue, "after-clause", _told_outlet(cue, site.after[later.end() :], np_pos, site.disc)
    return None


# the sieve inside a quotation's sentences, most precise pass first; the next sentence and the
# previous speaker ("next-sentence", "continuation") are tried after it, in attribute_article
PASSES = (tag_inverted, tag_after, tag_before, tag_colon, according_after, tag_later)


def attribute(sent: Span, q: Quotation, blank: str, disc: Discourse, sentence_speaker: Speaker | None):
    """(speaker, cue, rule, told_via) for quotation ``q`` in ``sent`` (the sentences it spans),
    whose text with the quotations blanked is ``blank``; speaker may be None. ``rule`` names the
    pass of :data:`PASSES` that found the speaker."""
    site = Site(sent, q.start - sent.start, q.end - sent.start, blank, disc, sentence_speaker)
    for attribution_pass in PASSES:
        found = attribution_pass(site)
        if found:
            return found
    return None, None, None, ()


# speakers that speak for a state's government: a document, an unnamed source, an official
_STATE_VOICES = ("document", "anonymous source", "official")


def quote_records(article: Article, *, gazetteer: Gazetteer | None = None) -> list[dict]:
    """Quote rows (dicts) for ``article``, in text order."""
    return attribute_article(article, gazetteer or default_gazetteer())[0]


def attribute_article(article: Article, gaz: Gazetteer) -> tuple[list[dict], Discourse, dict[int, Speaker]]:
    """Quote rows, the discourse they built, and the speaker of each sentence that has one."""
    gaz = gazetteer_for(article, gaz)
    disc = Discourse(article, gaz)
    speakers: dict[int, Speaker] = {}
    rows: list[dict] = []
    previous: Speaker | None = None
    previous_para = -1
    sentences = article.sentences
    starts = [s.start for s in sentences]
    paragraphs = article.paragraphs
    para_starts = [p.start for p in paragraphs]
    context, sentence_speaker = None, None
    headlines: dict[int, bool] = {}  # line start -> whether the line is a headline
    for q in disc.quotations:
        i = max(bisect_right(starts, q.start) - 1, 0)
        j = max(bisect_right(starts, max(q.end - 1, q.start)) - 1, i)
        if not sentences:
            break
        para = paragraphs[max(bisect_right(para_starts, q.start) - 1, 0)]
        if _not_words(article.text, q, para, disc, headlines):
            continue  # a slogan, a scare quote, a headline: no one's words
        if context is None or (context[0].start, context[0].end) != (sentences[i].start, sentences[j].end):
            # the quotation's sentences, read once for all the quotations they hold
            sent = Span(sentences[i].start, sentences[j].end, article.text[sentences[i].start : sentences[j].end])
            blank = disc.blank(sent)
            context, sentence_speaker = (sent, blank, _frame_via(blank, sent, disc)), None
        sent, blank, frame_via = context
        speaker, cue, rule, told = attribute(sent, q, blank, disc, sentence_speaker)
        if speaker is None and j + 1 < len(sentences) and sentences[j + 1].start < para.end:
            nxt = sentences[j + 1]  # in the same paragraph: a new paragraph is a new matter
            m = _next_sentence_tag().match(disc.blank(nxt))
            if m:
                speaker = disc.speaker_from(m.group("np"), nxt.start, nxt)
                cue, rule = m.group("cue").lower(), "next-sentence"
        if speaker is None and i > 0 and not article.text[para.start : q.start].strip():
            speaker, cue, rule, told = _announced(sentences[i - 1], disc) or (None, None, None, ())
        here = bisect_right(para_starts, q.start) - 1
        if speaker is None and previous is not None and not speech_regex().search(blank) and _continues(article.text, para, q, here - previous_para):
            speaker, cue, rule = previous, None, "continuation"
        if speaker is not None:
            if told and not speaker.via:
                speaker.via = told
            if speaker.kind in _STATE_VOICES and speaker.affiliation:
                # "a statement by the Nigerien Foreign Ministry", "a Nigerien official" after the
                # coup speak for the junta (data/governments.csv); a named person keeps their side
                speaker = replace(speaker, affiliation=government_of(speaker.affiliation, article.published))
            disc.mention(q.start, speaker)
            sentence_speaker = speaker
            previous, previous_para = speaker, here
            speakers.setdefault(i, speaker)
        if rule in _UNSURE and len(q.text.split()) <= _SCARE_WORDS and not speech_regex().search(blank):
            continue  # a term in quotation marks with no speech verb of its own: a scare quote
        rows.append(
            {
                "article_id": article.id,
                "text": q.text.strip().rstrip(",").strip(),
                "speaker": speaker.name if speaker else None,
                "speaker_kind": speaker.kind if speaker else None,
                "speaker_affiliation": speaker.affiliation if speaker else None,
                "via": via_chain(article, speaker, frame_via if speaker is None or speaker.name not in frame_via else ()),
                "cue": cue,
                "quote_start": q.start,
                "quote_end": q.end,
                "sentence": sent.text,
                "start": sent.start,
                "end": sent.end,
                "rule": f"quote; speaker:{rule or 'none'}",
            }
        )
    return rows, disc, speakers


def _announced(prev: Span, disc: Discourse):
    """``before:announced``: a quotation that opens its paragraph after a sentence ending in a
    colon ("In a statement, the ministry said:" / "Macron told the nation:") is that sentence's."""
    blank = disc.blank(prev)
    if not blank.rstrip().endswith(":"):
        return None
    site = Site(prev, len(blank), len(blank), blank, disc, None)
    found = tag_before(site) or tag_colon(site)
    return (found[0], found[1], "before:announced", found[3]) if found else None


def _continues(text: str, para: Span, q: Quotation, paragraphs_since: int) -> bool:
    """Whether a quotation with no tag continues the previous speaker: in the same paragraph as
    the previous speaker's quotation, or opening the paragraph right after it."""
    if paragraphs_since == 0:
        return True
    return paragraphs_since == 1 and not text[para.start : q.start].strip()


def _not_words(text: str, q: Quotation, para: Span, disc: Discourse, headlines: dict[int, bool]) -> bool:
    """Whether quotation ``q`` holds no one's words: a slogan, scare quote or link by the frame
    right before it, or a headline by its line (judged once per line)."""
    line = _line_at(text, q.start, para)
    lo = max(line.start, q.start - 120)
    before = disc.blank(Span(lo, q.start, text[lo : q.start]))
    if frame_of(before, line.text, headline=False):
        return True
    if line.start not in headlines:
        headlines[line.start] = len(line.text) <= 250 and is_headline(line.text, disc.quotations_in(line), line.start)
    return headlines[line.start]


def _line_at(text: str, pos: int, para: Span) -> Span:
    """The line of paragraph ``para`` around offset ``pos`` (a page header packs several lines)."""
    lo = max(text.rfind("\n", para.start, pos) + 1, para.start)
    hi = text.find("\n", pos, para.end)
    hi = para.end if hi < 0 else hi
    return Span(lo, hi, text[lo:hi])


# a quotation this short, attributed only by the passes that read no speech verb of its own
# sentence, is a quoted term ("its main ISR "hub""), not someone's words
_SCARE_WORDS = 3
_UNSURE = {None, "continuation"}


@cache
def _next_sentence_tag() -> re.Pattern:
    """"The talks failed." Tinubu said so ...: a sentence that opens with its speaker and a verb."""
    # reporting verbs only: "Ivory Coast has promised to contribute" reports nothing said before
    finite = alternation(c for c, f in speech_cues().items() if f == "finite")
    return re.compile(rf"^\s*(?P<np>(?:[^\s,.;]+\s+){{0,6}}?[^\s,.;]+)\s+(?P<cue>{finite})(?![\w-])", re.IGNORECASE)


def quotes(article: Article, *, gazetteer: Gazetteer | None = None):
    """The quotes table of ``article``: one row per direct quotation.

    Columns: article_id, text, speaker, speaker_kind, speaker_affiliation, via, cue,
    quote_start, quote_end, and the evidence (sentence, start, end, rule).
    """
    return frame("quotes", quote_records(article, gazetteer=gazetteer))
