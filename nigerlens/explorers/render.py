"""What the explorers show, as pure functions: HTML of tables, rows and articles, and plots.

Every piece of article text goes through :func:`html.escape` (or pandas' ``escape=True``)
before it becomes markup: scraped pages can carry ``<script>`` or ``onerror=`` attributes.
Plots are drawn on a Figure that pyplot does not track, so nothing needs closing and nothing
leaks when an explorer redraws.
"""

from __future__ import annotations

import io
from html import escape

from nigerlens.outputs.evidence import evidence_html, set_aside_html
from nigerlens.outputs.html_table import cell_text, html_table

# the plot helper of each table, looked up in nigerlens.plots at call time
PLOTTERS = {
    "deployments": "plot_troops",
    "bases": "plot_bases_map",
    "events": "plot_timeline",
    "quotes": "plot_attribution",
    "positions": "plot_stance_matrix",
}
FIGSIZES = {
    "deployments": (7.5, 3.0),
    "bases": (7.0, 5.0),
    "events": (8.5, 3.5),
    "quotes": (8.5, 4.0),
    "positions": (7.5, 3.5),
}
DPI = 72
EVIDENCE_COLUMNS = ("sentence", "start", "end", "rule", "quote_start", "quote_end")
MAX_LABEL = 90
MUTED = "color:#999"


def table_html(df, *, kind: str, max_rows: int = 50) -> str:
    """Return ``df`` as an HTML ``<table class="nl-table nl-table-<kind> dataframe">`` with every
    cell escaped, rows numbered from 1 as in the row list, at most ``max_rows`` rows, and a line
    saying how many rows there are."""
    # the evidence pane shows each row's sentence and offsets; the table stays readable
    df = df.drop(columns=[c for c in EVIDENCE_COLUMNS if c in df.columns])
    table = html_table(df, classes=("nl-table", f"nl-table-{kind}", "dataframe"), max_rows=max_rows)
    note = f"{len(df)} row{'s' if len(df) != 1 else ''}"
    if len(df) > max_rows:
        note += f" (showing {max_rows})"
    return (
        f'<div class="nl-table-count" style="{MUTED}">{note}</div>'
        f'<div class="nl-table-wrap" style="max-height:22em;overflow:auto">{table}</div>'
    )


def _text(value) -> str:
    """A cell as stripped text: empty for None and NA, dates as ISO days."""
    return cell_text(value).strip()


def _cut(text: str, limit: int = MAX_LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def row_label(row, kind: str) -> str:
    """Return a one-line plain-text label for a table row (for a list to pick rows from)."""

    def get(name: str) -> str:
        return _text(row.get(name))

    if kind == "deployments":
        what = " ".join(x for x in (get("qualifier"), get("count"), get("unit")) if x)
        label = f"{get('actor') or '?'}: {what}" + (f" ({get('status')})" if get("status") else "")
    elif kind == "bases":
        label = f"{get('actor') or '?'} · {get('place') or '?'}"
    elif kind == "events":
        when = (get("date") or "undated") + (f"–{get('date_end')}" if get("date_end") else "")
        label = f"{when} · “{get('expression')}” · {get('summary')}"
    elif kind == "quotes":
        label = f"{get('speaker') or '?'}: “{get('text')}”"
    elif kind == "positions":
        stance = {"support": "supports", "oppose": "opposes"}.get(get("stance"), get("stance") or "?")
        label = f"{get('actor') or '?'} {stance} {get('issue') or '?'}"
    else:
        label = get("sentence")
    return _cut(label)


def sentence_options(article) -> list[tuple[str, tuple[int, int]]]:
    """``(label, (start, end))`` for each sentence of ``article``, numbered, for adding a row."""
    return [(f"{n}. {_cut(s.text, 80)}", (s.start, s.end)) for n, s in enumerate(article.sentences, 1)]


def row_options(df, kind: str) -> list[tuple[str, object]]:
    """``(label, index)`` pairs, one per row of ``df``, numbered so that labels are unique."""
    return [(f"{n}. {row_label(row, kind)}", idx) for n, (idx, row) in enumerate(df.iterrows(), 1)]


def _segments(article, marks, furniture_spans):
    """Cut ``article.text`` where a mark or a piece of furniture starts or ends."""
    n = len(article.text)
    cuts = {0, n}
    for a, b in list(marks) + [(s.start, s.end) for s in furniture_spans]:
        cuts.update((max(0, min(a, n)), max(0, min(b, n))))
    points = sorted(cuts)
    for a, b in zip(points, points[1:], strict=False):
        piece = next((s for s in furniture_spans if s.start <= a and b <= s.end), None)
        marked = any(x <= a and b <= y for x, y in marks)
        yield a, b, piece, marked


def article_html(article, *, marks=(), furniture: bool = False) -> str:
    """Return the article as escaped HTML, with the spans in ``marks`` in ``<mark>``.

    Page furniture the loader set aside (captions, related links ...) is shown greyed out in
    place when ``furniture`` is true, followed by :func:`nigerlens.outputs.evidence.set_aside_html` (which
    also lists furniture that is not in the text, such as a web page's scripts and comments);
    otherwise each piece is replaced by a short grey note of its kind.

    Args:
        article: the Article.
        marks: ``(start, end)`` character offsets into ``article.text`` to highlight.
        furniture: whether to show the set-aside furniture.
    """
    marks = [(int(a), int(b)) for a, b in marks if a is not None and b is not None]
    placed = [s for s in article.set_aside if s.start is not None and s.end is not None]
    parts = []
    for a, b, piece, marked in _segments(article, marks, placed):
        if piece is not None and not furniture:
            if a == piece.start:
                parts.append(f'<span class="nl-furniture-hidden" style="{MUTED};font-size:85%">'
                             f"[{escape(piece.kind)} set aside]</span>")
            continue
        chunk = escape(article.text[a:b])
        if piece is not None:
            chunk = (f'<span class="nl-furniture" style="{MUTED}" '
                     f'title="{escape(piece.reason)}">{chunk}</span>')
        if marked:
            chunk = f'<mark class="nl-mark">{chunk}</mark>'
        parts.append(chunk)
    body = f'<div class="nl-article-text" style="white-space:pre-wrap">{"".join(parts)}</div>'
    if furniture:
        body += (f'<div class="nl-set-aside"><b style="{MUTED}">Set aside by the loader</b>'
                 f"{set_aside_html(article)}</div>")
    return body


def article_header(article) -> str:
    """Return an escaped one-paragraph header: title, outlet, publication date and id."""
    bits = [escape(article.title or article.id)]
    meta = [x for x in (article.outlet, article.published and article.published.isoformat()) if x]
    meta.append(f"id {article.id}")
    return (f'<p class="nl-article-header"><b>{bits[0]}</b> '
            f'<span style="{MUTED}">({escape(" · ".join(meta))})</span></p>')


def evidence_pane_html(row, article, *, furniture: bool = False) -> str:
    """Return the evidence of one row: :func:`nigerlens.evidence_html` (its sentence in context,
    the span in ``<mark>``) and then the whole article with that span highlighted.

    Args:
        row: a one-row table (DataFrame), or None for the hint to pick a row.
    """
    if row is None or not len(row):
        return f'<p style="{MUTED}">Pick a row to see the sentence it came from.</p>'
    first = row.iloc[0]
    # a quote's own words are the most precise span; other rows point at their sentence
    span = (first.get("quote_start"), first.get("quote_end"))
    if not all(_text(v) for v in span):
        span = (first.get("start"), first.get("end"))
    marks = [span] if all(_text(v) for v in span) else []
    decision = _text(first.get("review"))
    review = (f'<p class="nl-review-decision" style="{MUTED}">Review: <b>{escape(decision)}</b> '
              f'({escape(_text(first.get("review_key")))})</p>') if decision else ""
    return (
        review
        + evidence_html(row, article)
        + f'<details class="nl-evidence-article" open><summary style="{MUTED}">In the article</summary>'
        + '<div style="max-height:20em;overflow:auto">'
        + article_html(article, marks=marks, furniture=furniture)
        + "</div></details>"
    )


def plot_table(kind: str, tables: dict, *, ax, published=None):
    """Draw the plot of table ``kind`` (``PLOTTERS``) from ``tables`` on ``ax`` and return the Axes.

    The bases map sizes its markers from ``tables["deployments"]``; the timeline marks
    ``published``.
    """
    from nigerlens import plots

    draw = getattr(plots, PLOTTERS[kind])
    if kind == "bases":
        return draw(tables["bases"], tables.get("deployments"), ax=ax)
    if kind == "events":
        return draw(tables["events"], ax=ax, publication=published)
    return draw(tables[kind], ax=ax)


PAD = 0.1  # inches of margin around what was drawn


def _fit_figure(fig, ax) -> None:
    """Resize ``fig`` to what is drawn on it (labels and legends outside the Axes included) and
    keep the Axes where they are in inches: the crop of ``bbox_inches="tight"`` without its two
    extra draws. Extents come from the renderer's text metrics, not from drawing."""
    renderer = fig.canvas.get_renderer()
    box = fig.get_tightbbox(renderer)  # inches
    if box is None or not box.width or not box.height:
        return
    w0, h0 = fig.get_size_inches()
    pos = ax.get_position()
    left, bottom, aw, ah = pos.x0 * w0, pos.y0 * h0, pos.width * w0, pos.height * h0
    w1, h1 = box.width + 2 * PAD, box.height + 2 * PAD
    fig.set_size_inches(w1, h1)
    ax.set_position([(left - box.x0 + PAD) / w1, (bottom - box.y0 + PAD) / h1, aw / w1, ah / h1])


def plot_png(kind: str, tables: dict, *, published=None, figsize=None, dpi: int = DPI):
    """Return ``(png bytes, Axes)``: :func:`plot_table` drawn on a new Figure and saved as PNG
    (fitted to what was drawn, legends outside the Axes included, in one final draw).

    The Figure is not registered with pyplot, so nothing needs closing: it is freed with the Axes.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    width, height = figsize or FIGSIZES[kind]
    if kind == "events" and figsize is None:
        height = min(max(height, 1.2 + 0.35 * len(tables["events"])), 9.0)
    # no layout engine: the timeline fits its labels by drawing, and constrained layout would
    # rerun at every such draw (5x slower)
    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    ax = plot_table(kind, tables, ax=fig.add_subplot(), published=published)
    _fit_figure(fig, ax)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)  # one draw: the room was made above
    return buf.getvalue(), ax
