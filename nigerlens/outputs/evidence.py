"""Show the evidence behind table rows: each row's sentence, in context, with its span marked.

Every piece of article text is passed through :func:`html.escape` before it goes into markup:
scraped pages may carry ``<script>`` or ``onerror=`` and the fragments end up in notebooks.
"""

from __future__ import annotations

from html import escape

from nigerlens.outputs.html_table import cell_text
from nigerlens.tables.schema import EVIDENCE
from nigerlens.text.article import Article

# shown in the summary line of each row only when filled; evidence columns are shown separately
_NOT_SUMMARISED = set(EVIDENCE) | {"article_id"}
_MUTED = "color:#888"
_BOX = "margin:0 0 0.8em 0;padding:0.4em 0.6em;border-left:3px solid #ccc"


def _filled(value) -> bool:
    """True unless ``value`` is None, NA/NaN or a blank string."""
    return bool(cell_text(value).strip())


def row_summary(row) -> str:
    """Return the filled non-evidence fields of a table row as escaped ``name: value`` pairs.

    Args:
        row: a row of a nigerlens table (a pandas Series).
    """
    parts = [
        f"<b>{escape(str(name))}</b>: {escape(cell_text(value))}"
        for name, value in row.items()
        if name not in _NOT_SUMMARISED and _filled(value)
    ]
    return " · ".join(parts) or "<i>(no fields filled)</i>"


def _clipped(piece: str, clip: int | None, *, keep: str = "both") -> str:
    """``piece`` escaped, cut to ``clip`` characters (its start, its end or both kept) with an ellipsis."""
    if clip is None or len(piece) <= clip:
        return escape(piece)
    if keep == "start":
        return escape(piece[:clip]) + "…"
    if keep == "end":
        return "…" + escape(piece[-clip:])
    return escape(piece[: clip // 2]) + " … " + escape(piece[-(clip // 2) :])


def _marked(text: str, start: int, end: int, lo: int, hi: int, clip: int | None = None) -> str:
    """Escape ``text[start:end]``, wrapping its overlap with ``[lo, hi)`` in <mark>; with ``clip``,
    at most that many characters of each of the three parts are shown."""
    lo, hi = max(lo, start), min(hi, end)
    if lo >= hi:
        return _clipped(text[start:end], clip)
    return (
        _clipped(text[start:lo], clip, keep="end") + "<mark>" + _clipped(text[lo:hi], clip) + "</mark>"
        + _clipped(text[hi:end], clip, keep="start")
    )


def sentence_in_context(article: Article, start: int, end: int, *, context: int = 1, clip: int | None = None) -> str:
    """Return HTML of the sentences holding ``[start, end)`` and ``context`` sentences either side.

    The span is wrapped in <mark>; the surrounding sentences are greyed out. A span outside the
    analysed sentences (e.g. in text that was set aside) is shown on its own.

    Args:
        article: the article the offsets point into.
        start, end: character offsets into ``article.text``.
        context: how many sentences before and after to show.
        clip: show at most about this many characters of each piece (for very long sentences).
    """
    text, sentences = article.text, article.sentences
    hits = [i for i, s in enumerate(sentences) if s.start < end and start < s.end]
    if not hits:
        return (
            f'<span style="{_MUTED}">(outside the analysed sentences)</span> '
            + _marked(text, start, end, start, end, clip)
        )
    lo, hi = max(hits[0] - context, 0), min(hits[-1] + context, len(sentences) - 1)
    pieces = []
    for i in range(lo, hi + 1):
        s = sentences[i]
        if i in hits:
            pieces.append(_marked(text, s.start, s.end, start, end, clip))
        else:
            pieces.append(f'<span style="{_MUTED}">{_clipped(text[s.start : s.end], clip, keep="end" if i < hits[0] else "start")}</span>')
    return " ".join(pieces)


def evidence_html(table, article: Article, *, context: int = 1, clip: int | None = None) -> str:
    """Return an HTML fragment showing, for each row of ``table``, what it says and where.

    Each row gets a one-line summary of its filled fields (actor, count, place ...), its rule and
    offsets, and its sentence with ``context`` sentences either side, the row's span in <mark>.

    Args:
        table: a nigerlens table (DataFrame with ``start``, ``end``, ``sentence`` and ``rule``
            columns). Rows of other articles (by ``article_id``) are skipped.
        article: the article the rows were extracted from.
        context: how many sentences before and after each row's sentence to show.
        clip: show at most about this many characters of each piece of text (None: all).

    Returns:
        The HTML fragment; all article text in it is escaped.
    """
    import pandas as pd

    if "article_id" in table.columns:
        ids = table["article_id"]
        table = table[ids.isna() | (ids == article.id)]
    if not len(table):
        return f'<p style="{_MUTED}">No rows for article {escape(article.id)}.</p>'
    blocks = []
    for n, (_, row) in enumerate(table.iterrows(), start=1):
        start, end = row.get("start"), row.get("end")
        rule = row.get("rule")
        where = f"chars {start}–{end}" if not (pd.isna(start) or pd.isna(end)) else "no offsets"
        meta = f"rule: {escape(str(rule))} · {where}" if _filled(rule) else where
        if pd.isna(start) or pd.isna(end):
            sentence = row.get("sentence")
            body = _clipped(str(sentence), clip) if _filled(sentence) else "<i>(no sentence)</i>"
        else:
            body = sentence_in_context(article, int(start), int(end), context=context, clip=clip)
        blocks.append(
            f'<div style="{_BOX}"><div>{n}. {row_summary(row)} '
            f'<small style="{_MUTED}">({meta})</small></div>'
            f"<div>{body}</div></div>"
        )
    return '<div class="nigerlens-evidence">' + "".join(blocks) + "</div>"


def set_aside_html(article: Article, *, clip: int | None = None) -> str:
    """Return an HTML list of the page furniture set aside from ``article`` (kind, reason, text),
    greyed out; all text is escaped, each piece cut to about ``clip`` characters if given."""
    if not article.set_aside:
        return f'<p style="{_MUTED}">Nothing was set aside from {escape(article.id)}.</p>'
    items = "".join(
        f"<li><b>{escape(s.kind)}</b> <i>({escape(s.reason)})</i>: {_clipped(s.text, clip)}</li>"
        for s in article.set_aside
    )
    return f'<ul class="nigerlens-set-aside" style="{_MUTED}">{items}</ul>'


def show_evidence(table, article: Article, *, context: int = 1):
    """Return :func:`evidence_html` as an ``IPython.display.HTML`` object for a notebook."""
    from IPython.display import HTML

    return HTML(evidence_html(table, article, context=context))
