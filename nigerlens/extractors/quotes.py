"""The quotes table: every direct quotation, who said it and through whom.

Attribution rules, tried in order for each quotation (see :mod:`nigerlens.attribution`):

1. ``after``: the speaker right after the quote ("..., State Department spokesman Matthew Miller
   said"; "..., said Macron"; "..., Bola Tinubu, who chairs the bloc, told the summit");
2. ``before``: the nearest speech verb before the quote in the sentence ("Blinken told reporters
   that ..."; "she said the talks had been ..."; "what he called ..."); a participle ("adding
   that", "citing", "calling") continues the sentence's speaker, or its clause's subject;
3. ``after-clause``: a speech verb later in the sentence ("Americans want '...' in the region,
   the diplomat said");
4. ``next-sentence``: "... ." followed by "The diplomat said so ..." style attribution;
5. ``continuation``: a quotation with no speech verb continues the previous speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from ..article import Article, Span
from ..attribution import (
    outlet_back,
    PRONOUN,
    Discourse,
    Speaker,
    speech_cues,
    speech_regex,
    via_chain,
)
from ..clauses import owner_mentions
from ..gazetteer import Gazetteer, default_gazetteer, gazetteer_for
from ..quotations import Quotation, frame_of
from ..resources import alternation
from ..tables import frame

_REL = re.compile(r",\s*(?:who|which|whose)\b[^,]*,?")
_LEAD = re.compile(r"^(?:and|but|while|as|so|then|also|now)\s+", re.IGNORECASE)
_MAX_NP_WORDS = 9
_AUX_END = re.compile(r"(?:\s+(?:has|have|had|also|later|then|previously|reportedly))+$", re.IGNORECASE)


def _np_before(text: str) -> str:
    """The subject phrase ending ``text``: the last comma chunk, without a leading conjunction."""
    # "X, who chairs the bloc, has said": the relative clause is set in, the subject runs past it
    text = _REL.sub(" ", text).rstrip(" ,;:")
    text = _AUX_END.sub("", text)
    chunk = re.split(r"[,;:\u2014\u2013]", text)[-1].strip()
    chunk = _LEAD.sub("", chunk)
    words = chunk.split()
    if words and PRONOUN.match(words[-1]):  # "what he called", "but she said"
        return words[-1]
    return " ".join(words[-_MAX_NP_WORDS:])


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


def attribute(sent: Span, q: Quotation, blank: str, disc: Discourse, sentence_speaker: Speaker | None):
    """(speaker, cue, rule, told_via) for quotation ``q`` in ``sent`` (the sentences it spans),
    whose text with the quotations blanked is ``blank``; speaker may be None."""
    q_start, q_end = q.start - sent.start, q.end - sent.start
    cues = speech_cues()
    finite = "|".join(re.escape(c) for c in sorted((c for c, f in cues.items() if f == "finite"), key=len, reverse=True))
    after = blank[q_end :]
    base = sent.start
    # 1. speaker right after the quote: ", X said" / ", said X"
    m = re.match(rf"^\s*,?\s*(?P<np>(?:[^\s,.;]+\s+){{0,8}}?[^\s,.;]+)(?P<rel>,\s*(?:who|which)\b[^,]*,)?\s+(?:has\s+|had\s+)?(?P<cue>{finite})\b", after, re.IGNORECASE)
    inverted = re.match(r"^\s*,?\s*(?P<cue>said|says|added|adds)\s+(?P<np>[^,.;]+)", after, re.IGNORECASE)
    if inverted and not re.match(r"(?:that|the\s+\w+\s+(?:was|were|had))\b", inverted.group("np")):
        np_pos = base + q_end + inverted.start("np")
        sp = disc.speaker_from(inverted.group("np"), np_pos, sent)
        if sp:
            return sp, inverted.group("cue").lower(), "after", ()
    if m and not re.match(r"(?:to|in|on|at|for|with|and|of|from)\b", m.group("np"), re.IGNORECASE):
        np_pos = base + q_end + m.start("np")
        sp = disc.speaker_from(m.group("np"), np_pos, sent)
        if sp:
            return sp, m.group("cue").lower(), "after", _told_outlet(m.group("cue").lower(), after[m.end("cue") :], np_pos, disc)
    # 2. the nearest speech verb before the quote
    before = blank[: q_start]
    found = list(speech_regex().finditer(before))
    if found:
        c = found[-1]
        cue = c.group().lower()
        form = cues.get(cue, "finite")
        if form == "participle":
            if sentence_speaker:
                return sentence_speaker, cue, "before:participle", ()
            chunk = re.split(r"[,;:\u2014\u2013]", before[: c.start()].rstrip(" ,;:"))[-1]
            owners = owner_mentions(chunk, disc.gaz)
            if owners:
                o = owners[0]
                a = disc.gaz.actors[o.name]
                if a.kind == "person":
                    return Speaker(o.name, "named person", a.affiliation), cue, "before:participle", ()
                return Speaker(o.name, "organisation", disc.gaz.side_of(o.name)), cue, "before:participle", ()
            sp = disc.speaker_from(_np_before(chunk), base + c.start() - len(chunk), sent)
            if sp:
                return sp, cue, "before:participle", ()
        elif form == "preposition":  # according to X, "..."
            np = re.split(r"[,;:]", before[c.end() :])[0]
            sp = disc.speaker_from(np, base + c.end(), sent)
            if sp:
                return sp, cue, "before:according-to", ()
        else:
            np = _np_before(before[: c.start()])
            np_pos = base + c.start() - len(np)
            sp = disc.speaker_from(np, np_pos, sent)
            if sp:
                return sp, cue, "before", _told_outlet(cue, before[c.end() :], np_pos, disc)
    # 3. a speech verb later in the sentence: "..., the diplomat said"
    later = list(re.finditer(rf"(?<![\w-])(?:{finite})(?![\w-])", after, re.IGNORECASE))
    if later:
        c = later[0]
        np = _np_before(after[: c.start()])
        np_pos = base + q_end + c.start() - len(np)
        sp = disc.speaker_from(np, np_pos, sent)
        if sp:
            return sp, c.group().lower(), "after-clause", _told_outlet(c.group().lower(), after[c.end() :], np_pos, disc)
    return None, None, None, ()


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
    sentences = article.sentences
    starts = [s.start for s in sentences]
    paragraphs = article.paragraphs
    para_starts = [p.start for p in paragraphs]
    context_start, sentence_speaker = None, None
    for q in disc.quotations:
        i = max(bisect_right(starts, q.start) - 1, 0)
        j = max(bisect_right(starts, max(q.end - 1, q.start)) - 1, i)
        if not sentences:
            break
        sent = Span(sentences[i].start, sentences[j].end, article.text[sentences[i].start : sentences[j].end])
        para = paragraphs[max(bisect_right(para_starts, q.start) - 1, 0)]
        if frame_of(disc.blank(sentences[i])[: q.start - sentences[i].start], para.text):
            continue  # a slogan, a scare quote, a headline: no one's words
        blank = disc.blank(sent)
        if sent.start != context_start:
            context_start, sentence_speaker = sent.start, None
        frame_via = _frame_via(blank, sent, disc)
        speaker, cue, rule, told = attribute(sent, q, blank, disc, sentence_speaker)
        if speaker is None and j + 1 < len(sentences):
            nxt = sentences[j + 1]
            m = _next_sentence_tag().match(disc.blank(nxt))
            if m:
                speaker = disc.speaker_from(m.group("np"), nxt.start, nxt)
                cue, rule = m.group("cue").lower(), "next-sentence"
        if speaker is None and previous is not None and not speech_regex().search(blank):
            speaker, cue, rule = previous, None, "continuation"
        if speaker is not None:
            if told and not speaker.via:
                speaker.via = told
            disc.mention(q.start, speaker)
            sentence_speaker = speaker
            previous = speaker
            speakers.setdefault(i, speaker)
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


@cache
def _next_sentence_tag() -> re.Pattern:
    """"The talks failed." Tinubu said so ...: a sentence that opens with its speaker and a verb."""
    finite = alternation(c for c, f in speech_cues().items() if f == "finite")
    return re.compile(rf"^\s*(?P<np>(?:[^\s,.;]+\s+){{0,6}}?[^\s,.;]+)\s+(?P<cue>{finite})(?![\w-])", re.IGNORECASE)


def quotes(article: Article, *, gazetteer: Gazetteer | None = None):
    """The quotes table of ``article``: one row per direct quotation.

    Columns: article_id, text, speaker, speaker_kind, speaker_affiliation, via, cue,
    quote_start, quote_end, and the evidence (sentence, start, end, rule).
    """
    return frame("quotes", quote_records(article, gazetteer=gazetteer))
