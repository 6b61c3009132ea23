"""The positions table: who supports or opposes what, and who says so.

A position is a stance cue (data/lexicon/stance_cues.csv: "insisting on", "ready to support",
"rejected", "warned ... against", "would be treated as a declaration of war") governing an issue
keyword (data/issues.toml) in the same clause: after the cue for most cues, before it for cues
such as "illegal". A negation ("not", "never", "no longer") turns a support cue into opposition.
The actor is the cue's subject: a pronoun resolved through the discourse ("she warned" = the
last person named), else the owner found as for deployments (coordinated actors such as "the
juntas in Mali and Burkina Faso" all count). ``claimed_by`` names who asserts the position when
it is not the actor speaking for itself ("..., the diplomat said"; "..., Le Figaro said").
"""

from __future__ import annotations

import re
from functools import cache

from nigerlens.extractors.quotes import _np_before, attribute_article
from nigerlens.resources import lexicon, phrase_pattern
from nigerlens.rules.clauses import JOINED, clause_at, owner_mentions, resolve_owner
from nigerlens.rules.discourse import (
    CONTRAST,
    PRONOUN,
    Discourse,
    Speaker,
    outside_quotes,
    speech_cues,
    via_chain,
)
from nigerlens.rules.gazetteer import Gazetteer, Mention, default_gazetteer
from nigerlens.rules.issues import issues_in, issues_removed, keyword_spans
from nigerlens.tables.schema import frame
from nigerlens.text.article import Article
from nigerlens.text.spans import Span

ANAPHORA = re.compile(r"\b(?:that|the|this)\s+(?:plan|proposal|move|idea|demand|offer|decision)\b", re.IGNORECASE)
NEGATION = re.compile(r"\b(?:not|never|no\s+longer)\s+(?:\w+\s+)?$|n[’']t\s+(?:\w+\s+)?$", re.IGNORECASE)
# words between a subject and its verb that are not the subject: "it was ready to", "she still"
_AUX = re.compile(r"(?:\s+(?:has|have|had|was|were|is|are|been|be|would|will|could|also|still|simply|first|then|now|formally|already|not))*\s*$", re.IGNORECASE)
# the subject is "the bloc", "the regional body" ...: it points back at an organisation
_ORG_BACK_END = re.compile(r"(?:^|\s)(?:the|its)\s+(?:regional\s+)?(?:bloc|organisation|organization|alliance|body)$", re.IGNORECASE)
WINDOW = 140  # characters after a cue in which its issue must be named


def _cue_pattern(cue: str) -> str:
    # "warned ... against": up to five words may stand in the gap
    return r"\s+(?:\S+\s+){0,5}?".join(phrase_pattern(part) for part in cue.split("..."))


@cache
def _stance_cues() -> re.Pattern:
    rows = sorted(lexicon("stance_cues"), key=lambda r: len(r["cue"]), reverse=True)
    return re.compile("|".join(rf"(?P<c{i}>(?<![\w-]){_cue_pattern(r['cue'])}(?![\w-]))" for i, r in enumerate(rows)), re.IGNORECASE)


@cache
def _first_words() -> re.Pattern:
    words = {r["cue"].split()[0] for r in lexicon("stance_cues")}
    return re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, sorted(words, key=len, reverse=True)))})(?![\w-])", re.IGNORECASE)


def find_cues(text: str) -> list[re.Match]:
    """Stance cues in ``text``, longest first at each place, without overlaps. The full pattern
    is tried only where a cue's first word stands (it has ~70 alternatives: slow to scan with)."""
    cues: list[re.Match] = []
    full = _stance_cues()
    for w in _first_words().finditer(text):
        if cues and w.start() < cues[-1].end():
            continue
        m = full.match(text, w.start())
        if m:
            cues.append(m)
    return cues


@cache
def _cue_rows() -> tuple[dict, ...]:
    return tuple(sorted(lexicon("stance_cues"), key=lambda r: len(r["cue"]), reverse=True))


_JOINED = re.compile(JOINED)
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
    while earlier and _JOINED.fullmatch(text[earlier[-1].end : group[0].start]):
        if _appositive(text, earlier[-1], group[0]):
            group[0] = earlier.pop()
            continue
        group.insert(0, earlier.pop())
    return group


def _subject(text: str, sent: Span, cue_start: int, side: str, gaz: Gazetteer, disc: Discourse) -> tuple[list[str], str]:
    """Canonical actors holding the stance expressed at ``cue_start``, and how they were found."""
    head = _AUX.sub("", outside_quotes(text)[:cue_start])
    last = head.split()[-1] if head.split() else ""
    if PRONOUN.match(last):
        pos = sent.start + len(head) - len(last)
        sp = disc.speaker_from(last, pos, sent)
        if sp and (sp.affiliation or sp.name):
            return [gaz.side_of(sp.affiliation or sp.name) or sp.name], "pronoun"
    back = _ORG_BACK_END.search(head)
    if back:  # "... has said the bloc is ready to": the organisation named last
        here = [m.name for m in gaz.actor_mentions(head[: back.start()], kinds=("organisation",))]
        org = here[-1] if here else getattr(disc.last_org(sent.start + back.start(), kinds=("organisation",)), "name", None)
        if org:
            return [gaz.side_of(org) or org], "the bloc"
    if side == "before":
        i, cs = clause_at(text, cue_start)
        mentions = owner_mentions(text, gaz)
        owners = [o for o in mentions if cs[i].start <= o.start < cue_start] or [o for o in mentions if o.start < cue_start]
        if owners:
            # the subject, with what is coordinated to it: "the juntas in Mali and Burkina Faso"
            group = [owners[0]]
            for o in owners[1:]:
                if _JOINED.fullmatch(text[group[-1].end : o.start]) and not _appositive(text, group[-1], o):
                    group.append(o)
            return list(dict.fromkeys(gaz.side_of(o.name) for o in group)), "clause-subject"
    owner, how = resolve_owner(text, cue_start, cue_start, gaz)
    if owner is None:
        return [], how
    group = _coordinated(text, owner_mentions(text, gaz), owner) if how == "clause" else [owner]
    return list(dict.fromkeys(gaz.side_of(o.name) for o in group)), how


def _reporter(sent: Span, disc: Discourse, quoted: Speaker | None, since: int = 0) -> tuple[Speaker | None, set[str]]:
    """Who asserts the sentence ("..., Le Figaro said"; "according to X"), and the actors named
    in that attribution (a position of theirs is not a claim about them). Only the sentence from
    ``since`` on is read: a clause after ", but" is not reported by a verb before it."""
    blank = " " * since + outside_quotes(sent.text)[since:]
    gaz = disc.gaz
    m = re.search(r"according\s+to\s+(?P<np>[^,.;]+)", blank, re.IGNORECASE)
    if m:
        sp = disc.speaker_from(m.group("np"), sent.start + m.start("np"), sent)
        return sp, {gaz.side_of(x.name) for x in gaz.actor_mentions(m.group("np"))}
    finite = "|".join(re.escape(c) for c, f in speech_cues().items() if f == "finite")
    for c in re.finditer(rf"(?<![\w-])(?:{finite})(?![\w-])", blank, re.IGNORECASE):
        np = _np_before(blank[: c.start()])
        if not np:
            continue
        sp = disc.speaker_from(np, sent.start + c.start() - len(np), sent)
        if sp:
            return sp, {gaz.side_of(x.name) for x in gaz.actor_mentions(np)} | {gaz.side_of(sp.affiliation or sp.name)}
    if quoted:
        return quoted, {gaz.side_of(quoted.affiliation or quoted.name)}
    return None, set()


def position_records(article: Article, *, gazetteer: Gazetteer | None = None, issues: str | None = None, attribution=None) -> list[dict]:
    """Position rows (dicts) for ``article``, in text order; ``issues`` is another taxonomy file;
    ``attribution`` is :func:`attribute_article`'s result when the caller has it already."""
    issues = str(issues) if issues is not None else None
    gaz = gazetteer or default_gazetteer()
    _, disc, sentence_speakers = attribution or attribute_article(article, gaz)
    cue_rows = _cue_rows()
    rows: list[dict] = []
    sentences = article.sentences
    for n, sent in enumerate(sentences):
        text = sent.text
        cues = find_cues(text)
        if not cues:
            continue
        # "support" in "halted budget support" is part of the issue, not a stance (a keyword that
        # begins with the cue, "threatened force", leaves it a cue)
        keywords = keyword_spans(text, issues)
        cues = [c for c in cues if not any(s < c.start() and c.end() <= e for s, e in keywords)]
        reporters: dict[int, tuple] = {}  # by the joint the cue's clause starts at
        seen = set()
        last_actors: list[str] = []
        for k, c in enumerate(cues):
            row = cue_rows[int(c.lastgroup[1:])]
            stance, side = row["stance"], row["topic"]
            if stance == "support" and NEGATION.search(text[max(0, c.start() - 25) : c.start()]):
                stance = "oppose"
            if side == "before":
                lo = cues[k - 1].end() if k else clause_at(text, c.start())[1][clause_at(text, c.start())[0]].start
                window = text[lo : c.start()]
            else:
                hi = min(cues[k + 1].start() if k + 1 < len(cues) else len(text), c.end() + WINDOW)
                window = text[c.start() : hi]
            found = issues_in(window, issues)
            if not found and ANAPHORA.search(window) and n > 0:
                found = issues_in(sentences[n - 1].text, issues)
            if not found:
                continue
            if last_actors and k and re.fullmatch(r"[^,;]*\band\s+(?:also\s+|still\s+)?", text[cues[k - 1].end() : c.start()]):
                # "Paris refuses to recognise the junta and insists on ...": one subject, two verbs
                actors, how = last_actors, "coordinated verb"
            else:
                actors, how = _subject(text, sent, c.start(), side, gaz, disc)
            if not actors and last_actors:  # "it imposed sanctions and gave the junta ...": same subject
                actors, how = last_actors, "coordinated verb"
            last_actors = actors or last_actors
            removed = issues_removed(window, issues)
            for actor in actors:
                for issue in found:
                    held = stance
                    if issue in removed:  # "wanted foreign forces gone"
                        held = "oppose" if stance == "support" else "support"
                    if (actor, issue, held) in seen:
                        continue
                    seen.add((actor, issue, held))
                    joint = max((j.end() for j in CONTRAST.finditer(text, 0, c.start())), default=0)
                    if joint not in reporters:
                        reporters[joint] = _reporter(sent, disc, sentence_speakers.get(n), since=joint)
                    reporter, reporter_sides = reporters[joint]
                    claimed = reporter if reporter is not None and actor not in reporter_sides else None
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
                            "rule": f"stance:{side}; actor:{how}",
                        }
                    )
    return rows


def positions(article: Article, *, gazetteer: Gazetteer | None = None, issues: str | None = None):
    """The positions table of ``article``: one row per stance statement.

    Args:
        issues: path of an issue taxonomy (TOML, like data/issues.toml) to use instead of the
            default one.

    Columns: article_id, actor, issue (an id from the taxonomy), stance (support / oppose),
    cue, claimed_by, via, and the evidence (sentence, start, end, rule).
    """
    return frame("positions", position_records(article, gazetteer=gazetteer, issues=issues))
