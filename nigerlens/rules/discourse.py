"""Who is speaking: speakers of quotations and claims, and the chain of outlets they came through.

News attributes in a few set ways: the speaker after the quote ("..., a French diplomatic source
told the paper") or before it ("Blinken told reporters that ..."), a participle that continues
the sentence's speaker ("adding that"), a pronoun ("he added", resolved to the last person
named), a description that refers back ("the diplomat", "the paper's source within the foreign
ministry" = the source already introduced) and "citing" or "according to" phrases.
:class:`Discourse` keeps what an article has introduced so far: people, anonymous sources,
documents, organisations and the outlets that relayed them ("told Le Figaro", "the paper").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache

from nigerlens.resources import alternation, fold, lexicon
from nigerlens.rules.clauses import owner_mentions
from nigerlens.rules.gazetteer import Gazetteer, Mention, government_of
from nigerlens.rules.quotations import Quotation, blanked, find_quotations
from nigerlens.text.article import Article
from nigerlens.text.spans import Span

PRONOUN = re.compile(r"^(?:he|she|they|it|we|him|her|them)$", re.IGNORECASE)
# the gender a pronoun agrees with; "they", "we" and "it" take no person
PRONOUN_GENDER = {"he": "m", "she": "f", "him": "m", "her": "f", "his": "m"}
# adverbs and auxiliaries between a subject and its verb: "The spokesman also denounced", "He
# still described ..." (data/lexicon/subject_adverbs.csv)
_SUBJECT_ADVERBS = alternation(r["word"] for r in lexicon("subject_adverbs"))
AUX_END = re.compile(rf"(?:\s+(?:{_SUBJECT_ADVERBS}))+$", re.IGNORECASE)
# a verb after "and", "but" or "then" has no subject of its own: "He called it "illegal" and said
# ...", "The junta hosted Russian envoys and stepped up ..." (searched in the text before the verb)
COORDINATED_VERB = re.compile(rf"\b(?:and|but|then)(?:\s+(?:\w+ly|{_SUBJECT_ADVERBS}))*\s*$", re.IGNORECASE)
# a form of "be" (and an adverb) right before a verb: a passive ("shall be continued", "was demanded")
BE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# where a new main clause with its own subject begins: "..., but France refused"
CONTRAST = re.compile(r"(?:[,;]\s*(?:but|while|whereas|although|though|yet)|;)\s+", re.IGNORECASE)
DEFINITE = re.compile(r"^(?:the|this|that|these|those|our|its|their|his|her)\b|^the\s+\w+[’']s\b", re.IGNORECASE)
@cache
def title_regex() -> re.Pattern:
    """A title before a name, to strip from it: the titles of data/lexicon/titles.csv ("Senator",
    "Lt. Col.", "Dr") and the offices and roles news puts before names."""
    offices = ("Assistant Secretary of State", "Deputy Secretary of State", "spokesman", "spokeswoman")
    # "Finance Minister Wale Edun", "Foreign Affairs Minister ...": a portfolio before the office
    portfolio = r"(?:[A-Z][a-z]+\s+){1,3}(?:Minister|Secretary|Commissioner|Adviser|Advisor)"
    return re.compile(rf"\b(?:{portfolio}|{alternation([*(r['title'] for r in lexicon('titles')), *offices])})(?![\w-])\s+")


_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]+(?:-[A-Za-zÀ-ÖØ-Þß-öø-ÿ'’]+)*"  # "Élodie", "Jean-Yves"
NAME = re.compile(rf"\b{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|de|al|bin|van|von|da))*\s+{_NAME_WORD}\b")
_FULL_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}"  # two to four capitalised words: "Hannah Armstrong"
# sources an outlet relies on, introduced without a quote: "citing two U.S. officials familiar
# with the plans", "quoting a source close to the French presidency"
_NP_CHARS = r"(?:[^,.;:\"\u201c\u201d]|\.(?=\w)|(?<=\b[A-Z])\.)"  # "U.S." keeps its dots
# an anonymous source that speaks without quotation marks: "A spokesman for ECOWAS, who asked not
# to be named, said ..." (the description, then at most 80 characters to the verb)
# (read in the 140 characters before each speech verb only: scanning whole sentences with it is slow)
SOURCE_SPEAKS = re.compile(rf"\b(?:an?|the)\s+(?P<np>{_NP_CHARS}{{1,60}})(?P<tail>(?:[^.;\"\u201c\u201d]|\.(?=\w)){{0,80}}?)$", re.IGNORECASE)
# a name with an apposition right before a speech verb: "Cheikh Ndiaye, a Sahel analyst, said"
NAMED_SPEAKS = re.compile(rf"(?<![\w.-])(?P<name>{_FULL_NAME}),\s+(?P<app>(?:an?|the)\s+[^,.;]{{1,90}}),\s*$")
# "one of them", "two of them": a member of the group named last
_OF_THEM = re.compile(r"^(?:one|two|three|some|several|many|each|another|none|all)\s+of\s+them$", re.IGNORECASE)
# plural unnamed sources with no determiner that speak without quotation marks: "Diplomatic
# sources said", "Western officials told Reuters"
# "one of the officials", "two of those diplomats": a member of a group named before
MEMBER_OF = re.compile(r"^(?:one|two|three|some|several|many|each|another)\s+of\s+(?:the|those|these)\s+", re.IGNORECASE)
_DETERMINERS = re.compile(r"^(?:a|an|the|one|another|some|several|two|three)\s+", re.IGNORECASE)


# "of the ministry", "for the bloc": a source that belongs to an organisation named before
@cache
def _of_back() -> re.Pattern:
    return re.compile(rf"\b(?:of|for|at|from)\s+(?:the|its)\s+(?:{_back_nouns('organisation')}|{_back_nouns('institution')})\b", re.IGNORECASE)


@cache
def _bare_sources() -> re.Pattern:
    """Plural unnamed sources with no determiner right before a speech verb, opening a clause."""
    plurals = alternation(n for n, k in source_nouns().items() if k == "anonymous source" and n.endswith("s") and n[:-1] in source_nouns())
    return re.compile(rf"(?:^|[,;]\s+)(?P<np>(?:[A-Z][\w.-]*\s+)?(?:[a-zA-Z][\w.-]*\s+)?(?:{plurals}))\s*$")


@cache
def _back_nouns(refers_to: str) -> str:
    return alternation(r["noun"] for r in lexicon("back_nouns") if r["refers_to"] == refers_to)


@cache
def outlet_back() -> re.Pattern:
    """"the paper", "the newspaper" ... refer to the last outlet named (data/lexicon/back_nouns.csv)."""
    return re.compile(rf"\bthe\s+(?:{_back_nouns('outlet')})(?:[’']s)?\b", re.IGNORECASE)


@cache
def org_back() -> re.Pattern:
    """"the bloc", "the Commission" ... refer to the last organisation named; "the ministry", "the
    government" (an institution) to the last organisation or state."""
    nouns = alternation(r["noun"] for r in lexicon("back_nouns") if r["refers_to"] in ("organisation", "institution"))
    return re.compile(rf"^(?:the|its)\s+(?:{nouns})\b", re.IGNORECASE)


@cache
def _institution_back() -> re.Pattern:
    return re.compile(rf"^(?:the|its)\s+(?:{_back_nouns('institution')})\b", re.IGNORECASE)


@cache
def source_intro() -> re.Pattern:
    """"citing two U.S. officials", "which cited a source in ...": a source introduced without a quote."""
    cues = alternation(r["cue"] for r in lexicon("source_intros"))
    return re.compile(rf"\b(?:{cues})\s+(?P<np>{_NP_CHARS}{{3,80}})", re.IGNORECASE)


@cache
def speaks_verb() -> re.Pattern:
    """Any finite speech verb of data/lexicon/speech_verbs.csv, after a space."""
    return re.compile(rf"\s(?:{finite_cues()})(?![\w-])", re.IGNORECASE)


@cache
def finite_cues() -> str:
    """The finite speech verbs as a regex alternation (longest first): reporting verbs ("said")
    and evaluative ones ("denounced", "praised"), which attribute a quotation but do not make
    their subject the reporter of a stance."""
    return alternation(c for c, f in speech_cues().items() if f in ("finite", "evaluative"))


@cache
def document_intro() -> re.Pattern:
    """"said in a memo", "issued a joint statement": a document the text can refer back to."""
    docs = alternation(n for n, k in source_nouns().items() if k == "document")
    return re.compile(rf"\b(?:in|issued|released|published|sent|circulated)\s+an?\s+(?P<doc>(?:joint\s+)?(?:{docs}))(?![\w-])", re.IGNORECASE)


@cache
def speech_cues() -> dict[str, str]:
    """Speech verb -> form (finite, evaluative, participle, preposition), from data/lexicon/speech_verbs.csv."""
    return {r["cue"]: r["form"] for r in lexicon("speech_verbs")}


@cache
def speech_regex() -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{alternation(speech_cues())})(?![\w-])", re.IGNORECASE)


@cache
def source_nouns() -> dict[str, str]:
    """Noun -> "anonymous source" or "document", from data/lexicon/source_nouns.csv."""
    return {fold(r["noun"]): r["kind"] for r in lexicon("source_nouns")}


@cache
def _source_regex() -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{alternation(source_nouns())})(?![\w-])", re.IGNORECASE)


@dataclass
class Speaker:
    """Someone (or something) quoted: a person, an anonymous source, an organisation, a document."""

    name: str
    kind: str  # named person / anonymous source / organisation / document
    affiliation: str | None = None
    via: tuple[str, ...] = ()  # intermediaries between the article's outlet and the speaker
    nouns: frozenset = field(default_factory=frozenset)  # role nouns: {"source", "diplomat"}


def outside_quotes(text: str) -> str:
    """The text with every quotation blanked out (same length, so offsets still hold)."""
    return blanked(text, find_quotations(text))


_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|near|based\s+in)\s+$", re.IGNORECASE)


@cache
def seat_institution() -> re.Pattern:
    """An institution whose seat a capital after it names (data/lexicon/seat_institutions.csv)."""
    return re.compile(rf"(?<![\w-])(?:{alternation(r['word'] for r in lexicon('seat_institutions'))})(?![\w-])", re.IGNORECASE)


class Timeline:
    """Items at text offsets, kept in text order."""

    def __init__(self):
        self._pos: list[int] = []
        self._items: list = []

    def add(self, pos: int, item) -> None:
        i = bisect_right(self._pos, pos)
        self._pos.insert(i, pos)
        self._items.insert(i, item)

    def before(self, pos: int):
        """The items before offset ``pos``, latest first."""
        for i in range(bisect_left(self._pos, pos) - 1, -1, -1):
            yield self._items[i]

    def placed_before(self, pos: int, limit: int = 200):
        """(offset, item) pairs before offset ``pos``, latest first, at most ``limit`` of them."""
        lo = bisect_left(self._pos, pos)
        for i in range(lo - 1, max(lo - 1 - limit, -1), -1):
            yield self._pos[i], self._items[i]


class Discourse:
    """What an article has introduced up to a point: people, sources, documents, outlets."""

    def __init__(self, article: Article, gazetteer: Gazetteer):
        self.article = article
        self.gaz = gazetteer
        self._sentence_index = {s.start: i for i, s in enumerate(article.sentences)}
        # quotations are found over the article, paragraph by paragraph (a quotation may run over
        # sentences and paragraphs); sentences are blanked with them
        self.quotations = find_quotations(article.text, [(p.start, p.end) for p in article.paragraphs])
        self._quote_ends = [q.end for q in self.quotations]
        self._para_starts = [p.start for p in article.paragraphs]
        self._sent_starts = [s.start for s in article.sentences]
        self._spoke: set[int] = set()  # offsets of people timeline entries that are quote speakers
        self._genders: dict[str, str] = {}  # genders read from the text ("Mr Issa", "Ms Diallo")
        # each kept in text order, so "the latest before here" is a binary search away
        self.entities = Timeline()  # anonymous sources and documents, for descriptions that refer back
        self.outlets = Timeline()
        self.people = Timeline()  # named people and anonymous sources, for "he" / "she"
        self.orgs = Timeline()  # organisations, states, armed groups and documents, for "it"
        for sent in article.sentences:
            blank = self.blank(sent)
            for m in gazetteer.actor_mentions(blank, sent.start, kinds=("outlet",)):
                self.outlets.add(m.start, m.name)
            # places ("in Abuja") and comparisons are not what "it" can stand for; a person named
            # anywhere ("met Tinubu", "spoke to Pistorius") is someone "he" or "she" can be
            for m in owner_mentions(blank, gazetteer):
                if gazetteer.actors[m.name].kind != "person":
                    self.orgs.add(sent.start + m.start, Speaker(m.name, "organisation", m.name))
            for m in gazetteer.actor_mentions(blank, kinds=("person",)):
                self.people.add(sent.start + m.start, self.person_named(blank, m, sent.start))
            for t in titled_name().finditer(blank):
                name = t.group("name")
                if gazetteer.actor_mentions(name, kinds=("person",)) or set(name.split()) & _institution_words():
                    continue
                row = _titles()[re.sub(r"\s+", " ", t.group("title"))]
                if row["gender"]:
                    self._genders.setdefault(name, row["gender"])
                owner = owner_mentions(blank[max(0, t.start() - 60) : t.start()], gazetteer)
                side = gazetteer.side_of(owner[-1].name) if owner else None
                self.people.add(sent.start + t.start("name"), Speaker(name, "named person", side, nouns=frozenset({row["word"]})))
            for r in _role_named().finditer(blank):
                # "Sahel analyst Hannah Armstrong", "Élodie Vasseur, researcher at IFRI": someone
                # "she" can be, though no lexicon knows her
                name = _LEADING_WORDS.sub("", r.group("name") or r.group("name2"))
                if " " not in name or gazetteer.actor_mentions(name) or set(name.split()) & _institution_words():
                    continue
                role = (r.group("role") or r.group("role2")).lower()
                self.people.add(sent.start + r.start("name" if r.group("name") else "name2"), Speaker(name, "named person", None, nouns=frozenset({role})))
            for intro in source_intro().finditer(blank):
                source = self._introduced(intro.group("np"), sent.start + intro.start("np"), blank, sent.start)
                if source:
                    self.entities.add(sent.start + intro.start("np"), source)
                    self.people.add(sent.start + intro.start("np"), source)
            for verb in speaks_verb().finditer(blank):
                lo = max(0, verb.start() - 140)
                named = NAMED_SPEAKS.search(blank[lo : verb.start()])
                if named and not gazetteer.actor_mentions(named.group("name")) and not set(named.group("name").split()) & _institution_words():
                    # "Cheikh Ndiaye, a Sahel analyst at ..., said": a person, not "a Sahel analyst"
                    side = apposition_actors(named.group("app"), gazetteer)
                    self.people.add(sent.start + lo + named.start("name"),
                                    Speaker(named.group("name"), "named person", gazetteer.side_of(side[0].name) if side else None))
                    continue
                bare = _bare_sources().search(blank[lo : verb.start()])
                if bare and (lo == 0 or bare.start() > 0):  # "^" is the sentence's start only
                    at = sent.start + lo + bare.start("np")
                    source = self._introduced(bare.group("np"), at, blank, sent.start)
                    if source:
                        self.people.add(at, source)
                        continue
                speaks = SOURCE_SPEAKS.search(blank[lo : verb.start()])
                if speaks:
                    at = sent.start + lo + speaks.start("np")
                    source = self._introduced(speaks.group("np"), at, blank, sent.start, speaks.group("tail"))
                    # "The spokesman also warned ...": a definite description of someone named
                    # before refers back rather than introducing a source
                    definite = speaks.group(0).lower().startswith("the ")
                    if source and not (definite and any(self.person_for(at, title=n) for n in source.nouns)):
                        self.people.add(at, source)
            # "said in a joint statement": a document others can refer back to ("The statement ...")
            for d in document_intro().finditer(blank):
                issuers = owner_mentions(blank[: d.start()], gazetteer)
                name = re.sub(r"\s+", " ", d.group("doc").lower())
                doc = Speaker(name, "document", gazetteer.side_of(issuers[0].name) if issuers else None, nouns=frozenset({name, name.split()[-1]}))
                self.entities.add(sent.start + d.start(), doc)
                self.orgs.add(sent.start + d.start(), doc)

    def _introduced(self, np: str, pos: int, blank: str, offset: int, tail: str = "") -> Speaker | None:
        """An anonymous source described by ``np`` (affiliation from it and ``tail``, the outlet
        of its sentence as intermediary), or None when ``np`` names no anonymous source."""
        nouns = [m for m in _source_regex().finditer(np) if source_nouns()[fold(m.group())] == "anonymous source"]
        if not nouns or self.gaz.actor_mentions(np[: nouns[0].start()], kinds=("person",)):
            return None
        noun = nouns[0]
        if re.match(r"(?:the\s+)?same\b", np, re.IGNORECASE):
            # "citing the same diplomat": the source of that kind introduced before
            earlier = next((sp for sp in self.entities.before(pos) if getattr(sp, "kind", None) == "anonymous source"
                            and noun.group().lower() in sp.nouns), None)
            if earlier is not None:
                return earlier
        text = np + " " + tail
        # "a diplomat in Niamey": a town after a preposition is where the source is, not whom it
        # speaks for; but "a spokesman of the ministry in Berlin": the capital names whose ministry
        mentions = [m for m in self.gaz.actor_mentions(text)
                    if not (_PLACE_BEFORE.search(text, 0, m.start) and self.gaz.place_mentions(m.surface)
                            and not seat_institution().search(text, 0, m.start))]
        outlets = [m.name for m in self.gaz.actor_mentions(blank, kinds=("outlet",)) if m.start < pos - offset]
        affiliation = self._affiliation(mentions, pos)
        if affiliation is None and _of_back().search(np):
            # "a spokeswoman of the ministry": the ministry of the sentence before
            i = self._sentence_index.get(offset)
            prev = self.previous_subject(self.article.sentences[i]) if i else None
            affiliation = self.gaz.side_of(prev.name) if prev else None
        return Speaker(_description(np, noun), "anonymous source", affiliation,
                       via=tuple(outlets[-1:]), nouns=frozenset({noun.group().lower()}))

    # -- look-ups ---------------------------------------------------------------------------
    def quotations_in(self, span: Span) -> list[Quotation]:
        """The article's quotations that overlap ``span``, in text order."""
        out = []
        for k in range(bisect_right(self._quote_ends, span.start), len(self.quotations)):
            q = self.quotations[k]
            if q.start >= span.end:
                break
            out.append(q)
        return out

    def blank(self, span: Span) -> str:
        """The text of ``span`` with the article's quotations blanked out (same length)."""
        return blanked(span.text, self.quotations_in(span), span.start)

    def last_outlet(self, before: int) -> str | None:
        return next(self.outlets.before(before), None)

    def last_person(self, before: int) -> Speaker | None:
        return next(self.people.before(before), None)

    def gender_of(self, s: Speaker) -> str | None:
        """"m", "f" or None (unknown) for a speaker: the people lexicon, else honorifics in the text."""
        a = self.gaz.actors.get(s.name)
        if a is not None and a.gender:
            return a.gender
        return self._genders.get(s.name)

    def titled(self, s: Speaker, title: str) -> bool:
        """Whether ``s`` can be called "the <title>": a title of theirs in the people lexicon, or
        the role noun of an anonymous source ("the spokesman" after "a spokesman for ECOWAS")."""
        a = self.gaz.actors.get(s.name)
        titles = (a.titles if a is not None else ()) + tuple(s.nouns) + ((s.name.lower(),) if s.kind != "named person" else ())
        return any(t == title or _head(t) == title or t.split()[-1].removesuffix("s") == title for t in titles if t)

    def person_for(self, pos: int, *, gender: str | None = None, title: str | None = None, side: str | None = None) -> Speaker | None:
        """The person a pronoun or a definite description at ``pos`` refers to.

        Agreement first (a "she" never goes to a man; "the minister" to someone with that title),
        then salience: the latest fitting mention in the same sentence; else, in the same
        paragraph, the first fitting mention of the latest sentence that has one; else, in the
        latest earlier paragraph that has one, its latest quote speaker or else its first mention
        (the subject of a paragraph is named early)."""
        sent_start = self._sent_starts[max(bisect_right(self._sent_starts, pos) - 1, 0)] if self._sent_starts else 0
        para_start = self._para_starts[max(bisect_right(self._para_starts, pos) - 1, 0)] if self._para_starts else 0
        fits = []
        for at, s in self.people.placed_before(pos):
            if gender and (self.gender_of(s) or gender) != gender:
                continue
            if gender and (s.kind not in ("named person", "anonymous source") or _plural(s)):
                continue  # "he" is not "two officials"
            if title and not self.titled(s, title):
                continue
            if side and s.affiliation and s.affiliation != side:
                continue
            fits.append((at, s))
        if not fits:
            return None
        if fits[0][0] >= sent_start:
            return fits[0][1]
        group_start = sent_start
        if fits[0][0] >= para_start:  # the latest sentence of this paragraph with a fitting mention
            group_start = self._sent_starts[max(bisect_right(self._sent_starts, fits[0][0]) - 1, 0)]
            group = [f for f in fits if f[0] >= group_start]
            return group[-1][1]
        group_start = self._para_starts[max(bisect_right(self._para_starts, fits[0][0]) - 1, 0)]
        group = [f for f in fits if f[0] >= group_start]
        spoke = [f for f in group if f[0] in self._spoke]
        return spoke[0][1] if spoke else group[-1][1]

    def last_org(self, before: int, *, kinds=("organisation", "armed group", "state")) -> Speaker | None:
        """The organisation (or document) named most recently before ``before``; ``kinds`` are the
        actor kinds that count ("the bloc" wants an organisation, "it" any of them)."""
        for s in self.orgs.before(before):
            if s.kind == "document" or (s.name in self.gaz.actors and self.gaz.actors[s.name].kind in kinds):
                return s
        return None

    def previous_subject(self, sent: Span) -> Speaker | None:
        """The subject of the sentence before ``sent``: a document, an organisation or a state."""
        i = self._sentence_index.get(sent.start, 0)
        if i == 0:
            return None
        p = self.article.sentences[i - 1]
        head = self.blank(p)
        m = _source_regex().search(head[:40])
        if m and source_nouns()[fold(m.group())] == "document" and DEFINITE.match(head.strip()):
            doc = self.refer_back("document", frozenset({m.group().lower()}), None, p.start)
            if doc:
                return doc
        owners = [o for o in owner_mentions(head, self.gaz) if self.gaz.actors[o.name].kind in ("organisation", "armed group", "state")]
        back = org_back().match(head.strip())
        lead = len(head) - len(head.lstrip())
        if back and not (owners and _qualifies(head[lead + back.end() : owners[0].start])):
            return self.last_org(p.start, kinds=("organisation",))
        if owners:
            o = owners[0]
            return Speaker(o.name, "organisation", o.name)
        return None

    def refer_back(self, kind: str, nouns: frozenset, affiliation: str | None, before: int) -> Speaker | None:
        """The most recent entity of ``kind`` compatible with a definite description."""
        for s in self.entities.before(before):
            if s.kind != kind:
                continue
            if affiliation and s.affiliation and affiliation != s.affiliation:
                continue
            if kind == "document" and nouns and not (nouns & s.nouns) and "statement" not in " ".join(nouns):
                continue
            if kind == "anonymous source" and nouns and not _same_role(nouns, s):
                continue  # "the source" is not the officials named before
            return s
        return None

    def mention(self, pos: int, speaker: Speaker) -> None:
        """Record that ``speaker`` spoke at ``pos``: the latest mention is what pronouns and
        descriptions refer back to."""
        if speaker.kind in ("anonymous source", "document"):
            self.entities.add(pos, speaker)
        if speaker.kind in ("named person", "anonymous source"):
            self.people.add(pos, speaker)
            self._spoke.add(pos)
        else:
            self.orgs.add(pos, speaker)

    # -- speakers ---------------------------------------------------------------------------
    def speaker_from(self, phrase: str, pos: int, sent: Span) -> Speaker | None:
        """The speaker named by ``phrase`` (at absolute offset ``pos``) in sentence ``sent``."""
        phrase = AUX_END.sub("", phrase.strip(" ,;:\u2014\u2013-"))
        if not phrase:
            return None
        group = _OF_THEM.match(phrase)
        if group or phrase.lower() in ("they", "them"):
            # "they said", "one of them told Reuters": the group of unnamed sources named last, if
            # it is in this paragraph or the one before; else an organisation, as for "it"
            found = self._last_group(pos)
            if found is not None:
                return found
            if group:
                return None
        if PRONOUN.match(phrase):
            word = phrase.lower()
            if word in PRONOUN_GENDER:
                return self.person_for(pos, gender=PRONOUN_GENDER[word])
            before = self.blank(sent)[: pos - sent.start]
            here = [o for o in owner_mentions(before, self.gaz)
                    if self.gaz.actors[o.name].kind in ("organisation", "armed group", "state")]
            # "..., but France refused, saying it ...": the subject of the pronoun's own clause
            joint = max((m.end() for m in CONTRAST.finditer(before)), default=0)
            here = [o for o in here if o.start >= joint] or here
            if here:
                return Speaker(here[0].name, "organisation", here[0].name)
            return self.previous_subject(sent) or self.last_org(pos)
        mentions = self.gaz.actor_mentions(phrase, pos)
        people = [m for m in mentions if self.gaz.actors[m.name].kind == "person"]
        if people:
            after = people[-1].end - pos
            kin = _relation().match(phrase, after)
            if kin:  # "Mr Bazoum's son Salem", "Bazoum's lawyers": a relative speaks, for no side
                return Speaker(kin.group("name") or kin.group("rest").strip(), "named person" if kin.group("name") else "anonymous source", None)
            aide = _AIDE_NAMED.match(phrase, after)
            if aide:  # "Tinubu's spokesman Ajuri Ngelale": the aide speaks, for the side of the one named
                boss = self.person_named(phrase, people[-1], pos)
                return Speaker(aide.group("name"), "named person", boss.affiliation)
            return self.person_named(phrase, people[-1], pos)
        surname = _SURNAME.fullmatch(title_regex().sub("", phrase).strip())
        if surname:  # "Miller said", "Ndiaye added": the person of that surname named before
            for _, s in self.people.placed_before(pos):
                if s.kind == "named person" and s.name.split()[-1] == surname.group() and s.name != surname.group():
                    return s
        named = _NAMED_APPOSITION.match(phrase)
        if named:  # "Ibrahim Yahaya, a senior analyst at the Crisis Group": the person the apposition describes
            name = title_regex().sub(" ", named.group("name")).strip()
            if " " in name:
                known = _fuzzy_person(self.gaz, name)
                if known is not None:
                    return Speaker(known.name, "named person", known.affiliation)
                roles = frozenset(m.group().lower() for m in _source_regex().finditer(named.group("app")))
                # "a French diplomat" says whose side; "a group in Niamey" only where it is
                return Speaker(name, "named person", self._affiliation(owner_mentions(named.group("app"), self.gaz), pos), nouns=roles)
        possessive = _possessive_org().match(phrase)
        if possessive:  # "His ministry later said": the ministry of the man last named
            owner = self.person_for(pos, gender=PRONOUN_GENDER[possessive.group(1).lower().replace("his", "he").replace("her", "she")])
            if owner is not None and owner.affiliation:
                return Speaker(owner.affiliation, "organisation", owner.affiliation)
        noun = None
        for m in _source_regex().finditer(phrase):
            noun = m
        name = _person_name(phrase)
        if name and any(name in m.surface or m.surface in name for m in mentions):
            name = None  # "the National Council for ...": an institution's name, not a person's
        # a name after the role noun is the speaker: "foreign minister Ahmed Attaf"
        if name and (noun is None or phrase.rfind(name.split()[-1]) > noun.start()):
            honorific = re.search(rf"\b(\w+\.?)\s+{re.escape(name)}", phrase)
            gender = _titles().get(honorific.group(1), {}).get("gender") if honorific else None
            if gender:  # "Ms Aissata Kane" (data/lexicon/titles.csv)
                self._genders.setdefault(name, gender)
            known = _fuzzy_person(self.gaz, name)
            if known is not None:  # "Boris Pistorious": a misspelt lexicon name
                return Speaker(known.name, "named person", known.affiliation)
            affiliation = self._affiliation(mentions, pos)
            whose = re.match(r"(his|her)\s", phrase, re.IGNORECASE)
            if whose and affiliation is None:  # "His spokesman Stephane Dujarric": the side of his boss
                boss = self.person_for(pos, gender=PRONOUN_GENDER[fold(whose.group(1))])
                affiliation = boss.affiliation if boss is not None else None
            return Speaker(name, "named person", affiliation)
        actors = [m for m in mentions if self.gaz.actors[m.name].kind in ("organisation", "armed group", "state", "outlet")]
        titled = self._titled(phrase, pos, actors)
        if titled is not None:
            return titled
        if noun is not None:
            kind = source_nouns()[fold(noun.group())]
            nouns = frozenset({noun.group().lower()})
            # "a resident of Niamey" is where they live, "a Nigerien activist" whose they are
            own_voice = bool(nouns & _own_voices())
            affiliation = self._affiliation(owner_mentions(phrase, self.gaz) if own_voice else actors, pos)
            if (DEFINITE.match(phrase) or MEMBER_OF.match(phrase)) and not (kind == "anonymous source" and _is_new_title(phrase)):
                back = self.refer_back(kind, nouns, affiliation, pos)
                if back:
                    return back
            name = _description(phrase, noun)
            if kind == "anonymous source" and affiliation is None and not own_voice:
                prev = self.previous_subject(sent)
                affiliation = self.gaz.side_of(prev.name) if prev else None
            return Speaker(name, kind, affiliation, nouns=nouns)
        if actors:
            name = actors[0].name
            side = self.gaz.side_of(name)
            if _government_body().search(phrase):  # "Niger's defence ministry" after the coup: the junta's
                side = government_of(side, self.article.published) if side else side
            return Speaker(name, "organisation", side)
        if org_back().match(phrase):
            if _institution_back().match(phrase):
                # "the ministry said": the state or organisation the sentence before is about, else
                # the side of the person last named ("Pistorius said, according to the ministry")
                prev = self.previous_subject(sent)
                if prev is not None:
                    return prev
                person = self.person_for(pos)
                if person is not None and person.affiliation:
                    return Speaker(person.affiliation, "organisation", person.affiliation)
                return self.last_org(pos)
            found = self.last_org(pos, kinds=("organisation",))
            if found is None:  # "ECOWAS ordered ... The bloc also demanded": the subject of the sentence before
                prev = self.previous_subject(sent)
                if prev is not None and getattr(self.gaz.actors.get(prev.name), "kind", None) == "organisation":
                    return prev
            return found
        words = phrase.split()
        if DEFINITE.match(phrase) and 1 < len(words) <= 4 and words[-1].lower() in _title_heads(self.gaz):
            return Speaker(" ".join(words[1:]), "official", None, nouns=frozenset({words[-1].lower()}))  # "the ambassador"
        return None

    def person_named(self, text: str, m: Mention, offset: int = 0) -> Speaker:
        """The person a lexicon mention in ``text`` names. A surname alone after another given
        name is someone else of that family ("Zazia Bazoum" is not Mohamed Bazoum), unless the
        full name is a spelling variant of the lexicon's (fuzzy match: "Abdurahamane Tchiani")."""
        a = self.gaz.actors[m.name]
        local = m.start - offset if m.start >= offset and m.start - offset <= len(text) else m.start
        given = _GIVEN_BEFORE.search(text[: max(local, 0)])
        if given and " " not in m.surface.strip() and given.group(1) not in _titles() and not self.gaz.actor_of(given.group(1)):
            full = f"{given.group(1)} {m.surface}"
            # imported here: rapidfuzz costs ~20 ms to import and most texts never need it
            from rapidfuzz import fuzz

            if not set(full.split()) & _institution_words() and max((fuzz.ratio(full, x) for x in a.aliases if " " in x), default=0) < _SAME_NAME:
                return Speaker(full, "named person", None)
        return Speaker(a.name, "named person", a.affiliation)

    def _last_group(self, pos: int) -> Speaker | None:
        """The latest plural unnamed source ("diplomatic sources", "two officials") named in the
        paragraph of ``pos`` or the one before."""
        para = bisect_right(self._para_starts, pos) - 1
        since = self._para_starts[max(para - 1, 0)] if self._para_starts else 0
        for at, s in self.people.placed_before(pos):
            if at < since:
                return None
            if s.kind == "anonymous source" and _plural(s):
                return s
        return None

    def _titled(self, phrase: str, pos: int, actors: list[Mention]) -> Speaker | None:
        """A definite description by title ("the general", "the minister", "the German defence
        minister"): the last person so titled (see :meth:`person_for`), else the one person of
        the people lexicon holding that title for the actor the description names."""
        if not (DEFINITE.match(phrase) or _POSSESSED.match(phrase)) or MEMBER_OF.match(phrase):
            return None
        words = re.sub(r"^(?:the|this|that)\s+", "", phrase, flags=re.IGNORECASE).split()
        # the title's head noun: "the head of State" is a head, "the German defence minister" a minister
        head = _head(" ".join(words).lower()) if words else ""
        if not words or len(words) > 6 or head not in _title_heads(self.gaz):
            return None
        side = self._affiliation(actors, pos)
        found = self.person_for(pos, title=head, side=side)
        if found is not None:
            return Speaker(found.name, found.kind, found.affiliation, found.via, found.nouns)
        if side is None:
            return None
        # the title without the actor's words: "the junta's spokesman", "the German defence minister"
        title = " ".join(w for w in words if not re.search(r"[’']s$", w) and not self.gaz.actor_of(w)).lower()
        holders = [a for a in self.gaz.actors.values() if a.kind == "person" and a.affiliation == side and title in a.titles
                   and self._holds_role(a, side)]
        if len(holders) == 1:
            return Speaker(holders[0].name, "named person", side)
        described = " ".join(w for w in words if not re.search(r"[’']s$", w)) or " ".join(words)
        return Speaker(described, "official", side, nouns=frozenset({head}))

    def _holds_role(self, a, side: str) -> bool:
        """Whether person ``a`` holds a role for ``side`` on the article's date (open dates hold)."""
        when = self.article.published
        return any(actor == side and (when is None or ((start is None or start <= when) and (end is None or when < end)))
                   for actor, start, end in a.roles) if a.roles else True

    def _affiliation(self, mentions: list[Mention], pos: int) -> str | None:
        for m in mentions:
            if self.gaz.actors[m.name].kind != "outlet":
                return self.gaz.side_of(m.name)
        return None


def apposition_actors(text: str, gaz: Gazetteer) -> list[Mention]:
    """Actors an apposition ties a person to ("a Nigerien trader", "the bloc's envoy"), not the
    places it names ("an analyst at the Dakar-based institute", "a trader in Niamey")."""
    return [m for m in owner_mentions(text, gaz) if gaz.actors[m.name].kind != "person" and not text[m.end : m.end + 6].startswith("-based")]


def _plural(s: Speaker) -> bool:
    """Whether an anonymous source is a group ("officials", "witnesses"): its nouns are plurals of
    other source nouns."""
    nouns = source_nouns()
    return bool(s.nouns) and all(n.endswith("s") and (n[:-1] in nouns or n[:-2] in nouns) for n in s.nouns)


_SURNAME = re.compile(_NAME_WORD)


@cache
def _possessive_org() -> re.Pattern:
    return re.compile(rf"^(his|her)\s+(?:{_back_nouns('organisation')}|{_back_nouns('institution')})\b", re.IGNORECASE)


# a capitalised given name right before a mention ("Zazia Bazoum")
_GIVEN_BEFORE = re.compile(rf"(?<![\w.])({_NAME_WORD})\s+$")
# how alike two spellings of one full name are (rapidfuzz ratio, 0-100): "Abdourahamane Tiani"
# and "Abdurahamane Tiani" are one person, "Zazia Bazoum" and "Mohamed Bazoum" two
_SAME_NAME = 85


def _fuzzy_person(gaz: Gazetteer, name: str):
    """The lexicon person whose full name (or a full variant) ``name`` is a misspelling of, or None."""
    from rapidfuzz import fuzz, process

    names = _full_names(gaz)
    best = process.extractOne(name, list(names), scorer=fuzz.ratio, score_cutoff=_SAME_NAME + 5) if " " in name else None
    return gaz.actors[names[best[0]]] if best else None


@cache
def _full_names(gaz: Gazetteer) -> dict[str, str]:
    """Full-name aliases of the lexicon's people -> canonical name."""
    return {x: a.name for a in gaz.actors.values() if a.kind == "person" for x in a.aliases if " " in x}


def _head(title: str) -> str:
    """The noun a title is named by: "foreign minister" -> minister, "head of state" -> head."""
    return title.split(" of ")[0].split()[-1]


# "Niger's prime minister": a title owned by an actor is as definite as "the prime minister"
_POSSESSED = re.compile(r"^[A-Z][\w-]*[’']s\s")


def _qualifies(gap: str) -> bool:
    """Whether the words between a noun and an actor make one name ("the Ministry of the
    Defence german", "the Commission of ECOWAS"): function words and capitalised words only."""
    return all(w.lower() in ("of", "the", "for", "and") or w[:1].isupper() for w in gap.split())


@cache
def _title_heads(gaz: Gazetteer) -> frozenset:
    """Last words of the titles in the people lexicon ("minister", "spokesman", "general")."""
    return frozenset(_head(t) for a in gaz.actors.values() for t in a.titles if t) | frozenset(r["word"] for r in _titles().values())


def _same_role(nouns: frozenset, s: Speaker) -> bool:
    """Whether a description with role ``nouns`` ("diplomat", "officials") can refer back to
    ``s`` ("French diplomatic source", "U.S. officials"): a noun's singular stem is in its name or
    role nouns. Generic nouns ("source", "official") fit any anonymous source."""
    described = (s.name + " " + " ".join(s.nouns)).lower()
    for noun in nouns:
        stem = noun.lower().removesuffix("s")
        if stem in ("source", "official", "person familiar", "people familiar") or stem in described:
            return True
    return False


# "Tinubu's spokesman Ajuri Ngelale", "Macron's diplomatic adviser Emmanuel Bonne"
_AIDE_NAMED = re.compile(rf"[’']s\s+(?:[a-z][\w-]*\s+){{1,3}}(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD})+)\s*$")


@cache
def _relation() -> re.Pattern:
    """A relative or a lawyer of the person named right before (data/lexicon/relation_nouns.csv)."""
    nouns = alternation(r["noun"] for r in lexicon("relation_nouns"))
    return re.compile(rf"[’']s\s+(?P<rest>(?:{nouns})\b(?:,?\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD})*))?)", re.IGNORECASE)


@cache
def _government_body() -> re.Pattern:
    """A government body named with its state ("Niger's defence ministry", "the Nigerien
    government"): the institution nouns of data/lexicon/back_nouns.csv, and the offices and
    bodies that never refer back on their own."""
    words = [r["noun"] for r in lexicon("back_nouns") if r["refers_to"] == "institution"]
    return re.compile(rf"\b(?:{alternation([*words, 'ministries', 'cabinet', 'authorities', 'foreign minister', 'prime minister'])})\b", re.IGNORECASE)


# capitalised words that open a sentence or a clause before a name: "For Élodie Vasseur, ..."
_LEADING_WORDS = re.compile(r"^(?:(?:For|According|As|With|Like|In|On|At|To|From|By|But|And|However|Meanwhile|Then|While|When|After|Before|Asked|Speaking|Says|Said|Yet|Also)\s+)+")


@cache
def _role_named() -> re.Pattern:
    """A name with a role noun of data/lexicon/source_nouns.csv before it ("analyst Hannah
    Armstrong") or after it, set off by a comma ("Élodie Vasseur, researcher at ...")."""
    roles = alternation(n for n, k in source_nouns().items() if k == "anonymous source" and not n.endswith("s"))
    return re.compile(rf"(?<![\w.-])(?P<role>(?i:{roles}))\s+(?P<name>{_FULL_NAME})(?![\w-])"
                      rf"|(?<![\w.-])(?P<name2>{_FULL_NAME}),\s+(?:(?i:an?|the)\s+)?(?:[\w-]+\s+){{0,2}}(?P<role2>(?i:{roles}))\b")


@cache
def _own_voices() -> frozenset:
    """Nouns of unnamed sources who speak for themselves (data/lexicon/own_voice_nouns.csv): a
    resident, a protester or an analyst does not take the side of the institution named before."""
    return frozenset(r["noun"].lower() for r in lexicon("own_voice_nouns"))


def _is_new_title(phrase: str) -> bool:
    """"the State Department spokesman" names a role afresh rather than referring back."""
    return bool(re.match(r"^the\s+(?:[A-Z]\w+\s+){2,}", phrase))


# ", a senior analyst at the International Crisis Group": an apposition after a name
_APPOSITION_TAIL = re.compile(r",\s+(?:an?|the)\s.*$", re.IGNORECASE)
# a name and its apposition: "Amadou Issa, a local trader", "Ibrahim Yahaya, the head of ..."
_NAMED_APPOSITION = re.compile(rf"^(?P<name>(?:{_NAME_WORD}\.?\s+)*{_NAME_WORD}),\s+(?P<app>(?:an?|the)\s.+)$")


def _person_name(phrase: str) -> str | None:
    """A personal name in a phrase ("Nigeria's President Bola Tinubu" -> "Bola Tinubu"); before an
    apposition, the name it describes ("Ibrahim Yahaya, an analyst at the Crisis Group")."""
    head = _APPOSITION_TAIL.sub("", phrase)
    stripped = title_regex().sub(" ", head if NAME.search(head) else phrase)
    names = [re.sub(r"^(?:His|Her|Their|Its|Our)\s+", "", n) for n in NAME.findall(stripped)]
    names = [n for n in names if " " in n.strip() and not re.match(r"^(?:The|A|An|State|Department|Foreign|Ministry)\b", n)]
    # "Air Force Michael Langley": the name is what follows the institution's words
    kept = []
    for n in names:
        words = n.split()
        cut = max((k + 1 for k, w in enumerate(words) if w in _institution_words()), default=0)
        if len(words) - cut >= 2:
            kept.append(" ".join(words[cut:]))
    return kept[-1] if kept else None


@cache
def _institution_words() -> frozenset:
    """Capitalised words that make a name an institution's (data/lexicon/institution_words.csv)."""
    return frozenset(r["word"] for r in lexicon("institution_words"))


@cache
def _titles() -> dict[str, dict[str, str]]:
    """Titles before a name (data/lexicon/titles.csv): title -> its row (word, gender)."""
    return {r["title"]: r for r in lexicon("titles")}


@cache
def titled_name() -> re.Pattern:
    """A person the text introduces with a title ("the General Mamane Sani Kiaou", "Col. Issa
    Diallo"): someone "the general" or "he" can refer to later, lexicon or not."""
    return re.compile(rf"(?<![\w.])(?P<title>{alternation(_titles())})\s+(?P<name>{_FULL_NAME})")


_QUALIFIED = re.compile(r"\s+(?:close\s+to|familiar\s+with)\s+(?:[\w.'\u2019-]+\s*){1,5}")


def _description(phrase: str, noun: re.Match) -> str:
    """"a French diplomatic source told" -> "French diplomatic source"; keeps "within ..." out
    but "close to ..." and "familiar with ..." in ("a source close to the French presidency")."""
    qualified = _QUALIFIED.match(phrase, noun.end())
    text = phrase[: qualified.end() if qualified else noun.end()].rstrip()
    text = _DETERMINERS.sub("", text.strip())
    text = _DETERMINERS.sub("", text)
    text = re.sub(r"^(?:the\s+)?\w+[’']s\s+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def via_chain(article: Article, speaker: Speaker | None, frame_via: tuple[str, ...] = ()) -> str | None:
    """The chain of outlets, outermost first, joined by " > " (e.g. "RT > Le Figaro")."""
    chain = [article.outlet] if article.outlet else []
    for name in (*frame_via, *(speaker.via if speaker else ())):
        if name and name not in chain and (speaker is None or name != speaker.name):
            chain.append(name)
    return " > ".join(chain) or None
