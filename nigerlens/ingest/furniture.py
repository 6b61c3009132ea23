"""Find page furniture in scraped article text: captions, related-link blocks, outlet tags ...

Nothing is cut out of the text: each piece found becomes a :class:`SetAside` with its kind,
the reason it was set aside and its span, and the sentence splitter skips those spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from nigerlens.resources import alternation, lexicon
from nigerlens.text.spans import SetAside

# (kind, reason, pattern): each match is set aside. Patterns run with re.MULTILINE.
LINE_RULES: tuple[tuple[str, str, str], ...] = (
    (
        "caption",
        "photo caption or credit",
        r"\b(?:FILE PHOTO|File photo|PHOTO|Photo|IMAGE|PICTURE)\s*:.*$",
    ),
    ("caption", "photo credit", r"(?:©|\bPhoto by |\bCredit: ).{0,120}$"),
    ("share", "share or follow buttons", r"^\s*(?:Share this (?:article|story)|Share on|Follow us on|Sign up for)\b.*$"),
    ("byline", "byline", r"^\s*By [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4}(?: and [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})?\s*(?:[,·|].{0,60})?$"),
    ("footer", "copyright notice", r"^.{0,80}\bAll rights reserved\b.*$"),
    ("timestamp", "publication or update time", r"^\s*(?:Issued|Published|Updated|Modified|Last updated)(?: on)?\s*:.{0,60}$"),
    # a line that is only a date and a time: "Mon 7 Aug 2023 12.30 BST", "August 7, 2023 at 9:14 a.m."
    (
        "timestamp",
        "publication or update time",
        r"^\s*(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?)\s+\d{4}"
        r"(?:,?\s+(?:at\s+)?\d{1,2}[.:]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?\s*$",
    ),
    # a byline without "By": "Jason Burke, Africa correspondent"
    ("byline", "byline", r"^\s*[A-Z][\w.'\u2019-]+(?: [A-Z][\w.'\u2019-]+){1,3},(?: [\w-]+){0,4} (?:correspondent|editor|reporter|writer)\s*$"),
    ("byline", "news agency credit", r"^\s*(?:\(?(?:AFP|AP|Reuters|dpa|ANSA|EFE)\)?|with (?:AFP|AP|Reuters)(?: and (?:AFP|AP|Reuters))?)\s*$"),
    # a reference list (Wikipedia and reference pages): a cited headline in quotation marks after
    # a caret or a note number, or a line that ends in the date it was retrieved
    ("references", "citation in a reference list", r'^\s*(?:\^|\[\d{1,3}\]|\d{1,3}\.)\s*(?:\^\s*)?(?:[a-z]\s+)*["\u201c][^"\u201d\n]{3,200}["\u201d].*$'),
    ("references", "citation in a reference list", r"^.*\bRetrieved (?:on )?(?:\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+ \d{1,2},?) \d{4}\.?\s*$"),
    # a table of contents: "Contents" and numbered section titles ("1 2023", "1.1 July")
    ("contents", "table of contents", r"^[ \t]*(?:Contents|Table of contents)[ \t]*\n(?:[ \t]*\d{1,2}(?:\.\d{1,2})*[ \t]+[^\n]{1,80}(?:\n|$))+"),
    ("heading", "section heading of a reference page", r"^\s*(?:References|See also|External links|Further reading|Notes|Bibliography|Sources)\s*(?:\[edit\])?\s*$"),
    # wire credits closing the story: "(Reporting by John Irish; Editing by Alex Richardson)"
    (
        "byline",
        "reporting and editing credits",
        r"^\s*\((?:Additional\s+[Rr]eporting|Reporting|Writing|Editing|Compiled|Reported)\s+by\b[^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)\s*$",
    ),
)


def _stamp_words(kind: str) -> str:
    return alternation(r["word"] for r in lexicon("page_stamps") if r["kind"] == kind)


# a date as page stamps write it: "31/08/2024", "18.09.2023", "30 Jul 2023", "August 21, 2023", "2023-08-14"
_STAMP_DATE = (
    r"(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}"
    r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})"
)
_CLOCK = r"\d{1,2}(?:[:.h]\d{2}|\s*[ap]\.?m\.?)(?:\s*[ap]\.?m\.?)?(?:\s+(?:[A-Z]{2,5}|\([^()\n]{1,30}\)))?"
_NO_SENTENCE_END = r"(?:(?<=[ap]\.m\.)|(?<![.!?\u201d\"]))"  # "... at 7:02 a.m." is no sentence end


def _page_stamp_rules() -> tuple[tuple[str, str, str], ...]:
    """Rules for stamps of the page itself, built from data/lexicon/page_stamps.csv: none of
    them dates an event."""
    return (
        # an AP-style caption: "FILE - Soldiers stand guard in Niamey, Niger, Aug. 2, 2023."
        ("caption", "photo caption", rf"^[ \t]*(?:{_stamp_words('caption_dash')})[ \t]+[-\u2013\u2014][ \t][^\n]*$"),
        # "Published the 31/08/2024 at 10h12", "Coastline Times · Live coverage · Updated 30 Jul 2023 18:52 GMT"
        (
            "timestamp",
            "publication or update time",
            rf"^[^\n]{{0,80}}?\b(?:{_stamp_words('stamp')})\b(?:\s+(?:on|the|le|at))?\s*:?\s*"
            rf"(?:[A-Z][a-z]+,?\s+)?{_STAMP_DATE}[^\n]{{0,60}}{_NO_SENTENCE_END}$",
        ),
        # a short line that opens with the page's date: "Aug 9, 2023, 10:31 AM ET", "August 9, 20234:26 PM GMT+1"
        # ... or with "on": "on May 03, 2024 at 10:52 AM" under a byline
        ("timestamp", "publication or update time", rf"^[ \t]*(?:[Oo]n[ \t]+)?(?:[A-Z][a-z]+,?\s+)?{_STAMP_DATE}(?=[^\n]{{0,60}}$)[^\n]*{_NO_SENTENCE_END}$"),
        # a live-blog entry time on its own line: "18:40 GMT"
        ("timestamp", "live-blog entry time", rf"^[ \t]*{_CLOCK}[ \t]*$"),
        # a header or footer line: words, separators and a date, not a sentence
        # ("FVN NEWS | Politics | Friday, 11 August 2023 | 07:30 WAT", "LAKE CHAD DAILY \u2014 Monday, August 21, 2023 Home \u203a News")
        (
            "header",
            "page header with the page's date",
            rf"^(?=[^\n]*(?:\s[|\u00b7\u203a\u2014\u2022]\s))(?=[^\n]*{_STAMP_DATE})[^\n]{{0,200}}{_NO_SENTENCE_END}$",
        ),
        ("caption", "photo caption", rf"^\s*(?:{_stamp_words('caption')})\s*:.*$"),
        # a related-link line within another block: marker, colon, a headline with no sentence end
        ("related_links", "related-link line", rf"^[ \t]*(?i:{_stamp_words('related')})[ \t]*:[^\n]{{3,200}}{_NO_SENTENCE_END}$"),
        ("tags", "tag list", rf"^\s*(?:{_stamp_words('tags')})\s*:.*$"),
        # a numbered source note closing a brief: "[2] Le Journal du Sahel, 6 September 2023."
        ("footnote", "source note", r"^[ \t]*\[\d{1,3}\][ \t]+[^\n]{0,200}$"),
        # a caption with no label: the scene, the place and the date, then the credit
        # ("An Air Force C-17 on the flight line at Air Base 201, Agadez, Niger, July 28, 2024. (Sgt. A. Name/U.S. Air Force)")
        (
            "caption",
            "photo caption (ends with its date and credit)",
            rf"^[^\n]{{10,300}},\s+{_STAMP_DATE}\.[ \t]*(?:\([^()\n]{{1,80}}\)|(?:{_stamp_words('credit')})[/ ][^\n]{{1,60}})?[ \t]*$",
        ),
        # a caption closing with a copyright credit: "A convoy leaves the base in Ouallam, Niger, on October 10, 2023. \u00a9 AFP"
        ("caption", "photo caption (ends with its credit)", r"^[^\n]{10,300}[.)][ \t]+\u00a9[^\n]{1,60}$"),
        # a caption closing with an agency credit: "A soldier guards the base in Niamey. REUTERS/A. Name"
        ("caption", "photo caption (ends with its credit)", rf"^[^\n]{{10,300}}[.)][ \t]+(?:{_stamp_words('credit')})/[^\n]{{1,60}}$"),
    )


_LINE_RULES = tuple((k, r, re.compile(p, re.MULTILINE)) for k, r, p in (*LINE_RULES, *_page_stamp_rules()))

# a marker line; what follows it on the same paragraph (a headline, a list of topic links) goes with it
@cache
def read_more() -> re.Pattern:
    """A marker line (data/lexicon/page_stamps.csv, kind related): what follows it on the same
    paragraph (a headline, a list of topic links) goes with it."""
    return re.compile(rf"^\s*(?:{_stamp_words('related')})\b\s*:?\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)


_MAX_LINKS = 6  # headlines a bare "Read more" marker may head
_PARA = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]+)*")
_TERMINAL = ("." , "!", "?", "\u201d", '"', "'", "\u2019", ")", ":", ";")


# what a link may carry after its headline: a video's length "(01:12)", a date "(Dec. 5)", "(Dec. 11, 2023)"
_DURATION = re.compile(r"\s*\((?:\d{1,2}:\d{2}(?::\d{2})?|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?)\)$")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARA.finditer(text) if m.group().strip()]


def _is_doubled(s: str) -> bool:
    """'Headline Headline': scraped link blocks often carry the title twice (image alt + link)."""
    s = s.strip()
    n = len(s)
    if n < 20:
        return False
    half = (n - 1) // 2
    return s[:half].strip() == s[half + 1 :].strip() and s[half] == " "


def _headline_like(s: str) -> bool:
    s = _DURATION.sub("", s.strip())  # "... in Niamey (01:12)", "... security missions (Dec. 5)"
    return bool(s) and len(s.split()) <= 25 and not s.endswith(_TERMINAL)


def _links(rest: str) -> bool:
    """Whether what follows a marker in its paragraph is headlines: one, or a list of them, a line
    each ("- Germany says its 100 soldiers stay", "• Analysis: ...")."""
    lines = [line.strip().lstrip("-\u2013\u2022* ").strip() for line in rest.splitlines() if line.strip()]
    # a headline may end on a quoted word ("... US military presence 'illegal'"); a sentence ends
    # its quotation with a stop inside the marks
    lines = [_QUOTED_END.sub("", line) for line in lines]
    if _headline_like(rest):
        return True
    return bool(lines) and all(_headline_like(line) for line in lines[:_MAX_LINKS * 2])


_QUOTED_END = re.compile(r"(?<=\w)['\"\u2019\u201d]+$")


def related_link_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of related-link blocks: a 'Read more' marker with the headline paragraphs around it,
    or a paragraph that is one headline written twice."""
    paras = _paragraphs(text)
    blocks: list[tuple[int, int]] = []
    used: set[int] = set()
    for i, (s, e) in enumerate(paras):
        m = read_more().match(text[s:e])
        if not m or i in used or (m.group("rest") and not _links(m.group("rest"))):
            continue  # "Related to the coup, France said ...": a sentence, not a marker
        lo = hi = i
        if not m.group("rest"):  # a bare marker: take the headlines just before and after
            while lo - 1 >= 0 and lo - 1 not in used and _headline_like(text[slice(*paras[lo - 1])]):
                lo -= 1
                if _is_doubled(text[slice(*paras[lo])]):
                    break
            while hi + 1 < len(paras) and hi - i < _MAX_LINKS and _headline_like(text[slice(*paras[hi + 1])]):
                hi += 1  # the headlines listed after it
        used.update(range(lo, hi + 1))
        blocks.append((paras[lo][0], paras[hi][1]))
    for i, (s, e) in enumerate(paras):
        if i not in used and _is_doubled(text[s:e]) and _headline_like(text[s:e]):
            blocks.append((s, e))
    return sorted(blocks)


_BOX_TITLE_WORDS = 8


def repeated_boxes(text: str) -> list[tuple[int, int]]:
    """Spans of titled boxes printed more than once on the page ("Situation in Niger" over the
    same two sentences at the top and the foot of the page). Only a paragraph that opens with a
    short title line counts: a plain paragraph may repeat when a file holds many copies of a story."""
    paras = []
    for s, e in _paragraphs(text):
        first, _, rest = text[s:e].partition("\n")
        if rest.strip() and _headline_like(first) and len(first.split()) <= _BOX_TITLE_WORDS:
            paras.append((s, e, _norm(text[s:e])))
    counts: dict[str, int] = {}
    for *_, key in paras:
        counts[key] = counts.get(key, 0) + 1
    return [(s, e) for s, e, key in paras if counts[key] > 1]


def outlet_tag(text: str, outlets: Iterable[str]) -> tuple[int, int] | None:
    """Span of an outlet tag such as '(RT)' closing the article or '(Reuters) -' opening it."""
    names = "|".join(re.escape(o) for o in sorted(set(outlets), key=len, reverse=True) if o)
    if not names:
        return None
    for pattern in (rf"\s*\((?:{names})\)\s*\Z", rf"\A\s*\((?:{names})\)\s*[-\u2013\u2014]?\s*"):
        m = re.search(pattern, text)
        if m:
            return m.start(), m.end()
    return None


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def find_furniture(text: str, *, title: str | None = None, outlets: Iterable[str] = ()) -> list[SetAside]:
    """Return the page furniture in ``text`` as :class:`SetAside` pieces, in text order."""
    pieces: list[tuple[int, int, str, str]] = []  # (start, end, kind, reason), in rule order

    def add(kind: str, reason: str, start: int, end: int) -> None:
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        start, end = start + lead, start + len(piece.rstrip())
        if end > start:
            pieces.append((start, end, kind, reason))

    paras = _paragraphs(text)
    if title and paras and _norm(text[slice(*paras[0])]) == _norm(title):
        add("title", "repeats the article's title", *paras[0])
    for start, end in related_link_blocks(text):
        add("related_links", "related-link block (headlines of other articles)", start, end)
    for start, end in repeated_boxes(text):
        add("box", "titled box repeated on the page", start, end)
    tag = outlet_tag(text, outlets)
    if tag:
        add("outlet_tag", "outlet tag", *tag)
    for kind, reason, rx in _LINE_RULES:
        for m in rx.finditer(text):
            add(kind, reason, m.start(), m.end())
    # one sweep in text order: a piece inside another is dropped, overlapping pieces become one
    # (a caption running to the end of its line may swallow a closing outlet tag); at the same
    # span the earlier rule wins (the sort is stable)
    pieces.sort(key=lambda p: (p[0], -p[1]))
    merged: list[list] = []
    for start, end, kind, reason in pieces:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end, kind, reason])
    return [SetAside(kind, text[start:end], reason, start, end) for start, end, kind, reason in merged]
