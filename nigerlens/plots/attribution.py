"""Who is really speaking: the chain from the outlet to the speaker of each quote, per article.

Columns from left to right: the outlet (the outermost element of ``via``), the intermediaries
(the rest of ``via``, one column per step), the speakers and their quotes. Positions are in
axes coordinates and the font shrinks to fit, so the diagram reads the same in any figure.
Node boxes carry the gid ``nigerlens-node:<outlet|intermediary|speaker>``, arrows between
them ``nigerlens-edge``, quotes ``nigerlens-quote`` and the lines to them ``nigerlens-quote-link``.
"""

from __future__ import annotations

from nigerlens.plots.colors import actor_colors, message, present

NO_AFFILIATION = "#9a9a9a"
OUTLET_STYLE = {"facecolor": "0.25", "edgecolor": "0.25", "color": "white"}
INTERMEDIARY_STYLE = {"facecolor": "white", "edgecolor": "0.4", "color": "0.1"}
PAD = 0.35  # box padding, in font sizes
MAX_FONT, MIN_FONT = 9.0, 4.0
ROW_FONTS = 1.7  # a row is this many font sizes high
MIN_GAP, MAX_GAP = 0.05, 0.12  # room for arrows between columns, in axes widths
HEAD = 0.07  # the strip at the top kept for column headers, in axes heights
SPEAKER_ROWS = 2  # rows a speaker takes at least (its label has two lines)


def plot_attribution(quotes, *, ax=None, max_quote=40, **kwargs):
    """Draw who is speaking in each quote, and through whom: outlet → intermediaries → speaker.

    One block per article: the outlet (first element of ``via``, or the article id when
    ``via`` is empty) on the left, each further element of ``via`` in the next column, then the
    speaker, labelled with its kind and affiliation and outlined in the affiliation's colour
    (:func:`actor_colors`), and its quotes listed to its right. When ``via`` is only the outlet,
    the outlet points straight at the speaker. The layout is in axes coordinates (the axis is
    turned off) and the font shrinks so that many quotes stay readable; the legend of
    affiliations sits below the Axes (use ``layout="constrained"`` to keep it in the picture).

    Args:
        quotes: The quotes table (``nigerlens.tables.schema.frame("quotes", ...)``).
        ax: The matplotlib Axes to draw on; the current Axes by default.
        max_quote: Quotes longer than this many characters are cut, ending in "…".
        **kwargs: Passed to ``Axes.text`` for the node boxes and the quotes (e.g. ``fontsize``
            or ``fontfamily``), overriding the defaults.

    Returns:
        The Axes drawn on.
    """
    import matplotlib.pyplot as plt

    ax = plt.gca() if ax is None else ax
    articles = _chains(quotes)
    ax.axis("off")
    if not articles:
        message(ax, "no quotes")
        return ax
    colors = actor_colors(s["affiliation"] for a in articles for s in _speakers(a))
    ax.set_title("Who is speaking, and through whom", fontsize=11)
    _legend(ax, articles, colors)
    _draw(ax, articles, colors, max_quote, kwargs)
    return ax


# --- the tree ------------------------------------------------------------------------------


def _chains(quotes) -> list[dict]:
    """Return one tree per article: ``{"id", "roots"}``; a node has a kind, a label, children."""
    if quotes is None or len(quotes) == 0:
        return []
    articles: dict[str, dict] = {}
    nodes: dict[tuple, dict] = {}
    for row in quotes.to_dict("records"):
        article = _text(row.get("article_id"))
        tree = articles.setdefault(article, {"id": article, "roots": []})
        chain = [p.strip() for p in _text(row.get("via")).split(">") if p.strip()]
        chain = chain or [article or "unknown outlet"]
        parent, path = None, (article,)
        for depth, name in enumerate(chain):
            path += (name,)
            node = nodes.get(path)
            if node is None:
                node = {"kind": "outlet" if depth == 0 else "intermediary", "label": name,
                        "depth": depth, "children": []}
                nodes[path] = node
                (parent["children"] if parent else tree["roots"]).append(node)
            parent = node
        speaker = _text(row.get("speaker")) or "unnamed speaker"
        path += ("\0speaker", speaker)
        node = nodes.get(path)
        if node is None:
            kind, affiliation = _text(row.get("speaker_kind")), _text(row.get("speaker_affiliation"))
            node = {"kind": "speaker", "speaker": speaker, "affiliation": affiliation or None,
                    "label": _speaker_label(speaker, kind, affiliation), "children": [],
                    "quotes": []}
            nodes[path] = node
            parent["children"].append(node)
        node["quotes"].append(_text(row.get("text")))
    return list(articles.values())


def _speaker_label(speaker, kind, affiliation):
    details = [d for d in (kind, affiliation) if d and d != speaker]
    return f"{speaker}\n({', '.join(details)})" if details else speaker


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node["children"])


def _speakers(article):
    return [n for n in _walk(article["roots"]) if n["kind"] == "speaker"]


def _text(value) -> str:
    return str(value).strip() if present(value) else ""


def truncate(text: str, limit: int) -> str:
    """Return ``text`` cut to at most ``limit`` characters, on a word if possible, ending in "…"."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    if " " in cut[len(cut) // 2:]:  # end on a whole word unless that loses half the text
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "\u2026"


# --- drawing -------------------------------------------------------------------------------


def _draw(ax, articles, colors, max_quote, kwargs):
    """Lay the trees out in rows (a quote a row) and columns, then draw boxes, arrows and quotes."""
    hops = max(n["depth"] for a in articles for n in _walk(a["roots"]) if n["kind"] != "speaker")
    speaker_col, quote_col = hops + 1, hops + 2
    several = len(articles) > 1
    row, placed = 0, []  # placed: (node, column, first row, last row)
    headers = []
    for i, article in enumerate(articles):
        if i:
            row += 1  # a blank row between articles
        if several:
            headers.append((article["id"], row))
            row += 1
        for root in article["roots"]:
            row = _place(root, row, speaker_col, placed)
    step = (1 - HEAD) / row

    fig = ax.figure.figure  # .figure twice: the root of a subfigure
    fig.draw_without_rendering()  # let a layout engine settle the Axes' size first
    renderer = fig.canvas.get_renderer()
    box = ax.get_window_extent(renderer)
    points = 72 / fig.dpi
    font = max(MIN_FONT, min(MAX_FONT, box.height * points * step / ROW_FONTS))

    def y(first, last):
        return 1 - HEAD - (first + last + 1) / 2 * step

    texts = []  # (text, column)
    boxes = {}
    for node, col, first, last in placed:
        style = _node_style(node, colors)
        text = ax.text(0, y(first, last), node["label"], transform=ax.transAxes, ha="left",
                       va="center", color=style.pop("color"), zorder=3, in_layout=False,
                       linespacing=1.15, gid=f"nigerlens-node:{node['kind']}",
                       bbox={"boxstyle": f"round,pad={PAD}", **style}, **kwargs)
        texts.append((text, col))
        boxes[id(node)] = text
        for j, words in enumerate(node.get("quotes", [])):
            middle = (first + last) / 2 - (len(node["quotes"]) - 1) / 2 + j
            quote = ax.text(0, y(middle, middle), f"\u201c{truncate(words, max_quote)}\u201d",
                            transform=ax.transAxes, ha="left", va="center", color="0.15",
                            style="italic", zorder=3, in_layout=False, gid="nigerlens-quote",
                            **kwargs)
            texts.append((quote, quote_col))
            _link(ax, text, quote, "-", "0.7", 0.8, "nigerlens-quote-link")
    for node, _, _, _ in placed:
        for child in node["children"]:
            _link(ax, boxes[id(node)], boxes[id(child)], "-|>", "0.35", 1.1, "nigerlens-edge")
    for label, r in headers:
        texts.append((ax.text(0, y(r, r), label, transform=ax.transAxes, ha="left",
                              va="center", fontweight="bold", color="0.3", in_layout=False,
                              gid="nigerlens-article"), None))
    names = {0: "outlet", speaker_col: "speaker (kind, affiliation)", quote_col: "quoted words"}
    names |= {c: "via" for c in range(1, speaker_col)}
    for col, name in names.items():
        texts.append((ax.text(0, 1 - HEAD / 2, name, transform=ax.transAxes, ha="left",
                              va="center", color="0.45", style="italic", in_layout=False,
                              gid="nigerlens-column"), col))
    _fit_columns(ax, texts, quote_col + 1, font, "fontsize" in kwargs, renderer, box, points)


def _place(node, row, speaker_col, placed):
    """Give ``node`` and its subtree rows from ``row`` on; return the next free row."""
    first = row
    entry = [node, speaker_col if node["kind"] == "speaker" else node["depth"], row, row]
    placed.append(entry)
    if node["kind"] == "speaker":
        row += max(len(node["quotes"]), SPEAKER_ROWS)
    for child in node["children"]:
        row = _place(child, row, speaker_col, placed)
    entry[2], entry[3] = first, row - 1
    return row


def _node_style(node, colors):
    if node["kind"] == "outlet":
        return {**OUTLET_STYLE}
    if node["kind"] == "intermediary":
        return {**INTERMEDIARY_STYLE}
    color = colors.get(node["affiliation"], NO_AFFILIATION)
    return {"facecolor": _tint(color), "edgecolor": color, "linewidth": 1.6, "color": "0.1"}


def _link(ax, parent, child, arrowstyle, color, width, gid):
    """Connect the right of ``parent``'s box to the left of ``child``'s; both follow their text.

    The arrow's shape (its arms and how far it stops short of the boxes) is set once the
    columns are placed, in :func:`_fit_columns`.
    """
    ax.annotate("", xy=(0, 0.5), xycoords=child, xytext=(1, 0.5), textcoords=parent,
                gid=gid, zorder=2, annotation_clip=False,
                arrowprops={"arrowstyle": arrowstyle, "color": color, "lw": width,
                            "shrinkA": 0, "shrinkB": 0, "mutation_scale": 9})


def _fit_columns(ax, texts, ncols, font, fixed, renderer, box, points):
    """Set the font and put each column right of the one before, all inside the Axes' width.

    The font shrinks until the widest text of every column fits; spare width widens the gaps
    between columns (up to ``MAX_GAP``) for the arrows. Arrows start and end at the text, so
    each link is shrunk by the box padding.
    """
    pad = 0.0
    for _ in range(6):
        if not fixed:
            for text, _ in texts:
                small = _gid(text) == "nigerlens-column"
                text.set_fontsize(max(font * 0.85, 6.0) if small else font)
        widths = [0.0] * ncols
        for text, col in texts:
            if col is None:
                continue
            size = text.get_fontsize()
            pad = PAD * size / points / box.width if text.get_bbox_patch() else 0.0
            extent = text.get_window_extent(renderer).width / box.width + 2 * pad
            widths[col] = max(widths[col], extent)
        total = sum(widths) + MIN_GAP * (ncols - 1)
        if total <= 1 or fixed or font <= MIN_FONT:
            break
        font = max(MIN_FONT, font * 0.97 / total)
    gap = min(MAX_GAP, max(MIN_GAP, (1 - sum(widths)) / max(ncols - 1, 1)))
    lefts = [sum(widths[:c]) + gap * c for c in range(ncols)]
    for text, col in texts:
        if col is None:
            text.set_x(0)
            continue
        has_box = text.get_bbox_patch() is not None
        pad = PAD * text.get_fontsize() / points / box.width if has_box else 0.0
        text.set_x(lefts[col] + pad)
    # Arrows run horizontally out of a box and into the next one, then bend in between.
    arm = min(10.0, 0.3 * gap * box.width * points)
    for ann in ax.texts:
        if _gid(ann) in ("nigerlens-edge", "nigerlens-quote-link"):
            child, parent = ann.xycoords, ann.anncoords
            shrink = [PAD * t.get_fontsize() + 1 if t.get_bbox_patch() else 2 for t in (parent, child)]
            ann.arrow_patch.shrinkA, ann.arrow_patch.shrinkB = shrink
            ann.arrow_patch.set_connectionstyle(
                f"arc,angleA=0,angleB=180,armA={arm + shrink[0]:.1f},armB={arm + shrink[1]:.1f},rad=3")


def _gid(artist):
    return artist.get_gid() or ""


def _legend(ax, articles, colors):
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=OUTLET_STYLE["facecolor"], label="outlet")]
    if any(n["kind"] == "intermediary" for a in articles for n in _walk(a["roots"])):
        handles.append(Patch(facecolor="white", edgecolor=INTERMEDIARY_STYLE["edgecolor"],
                             label="intermediary (cited by the outlet)"))
    affiliations = dict.fromkeys(s["affiliation"] for a in articles for s in _speakers(a))
    for name in affiliations:
        color = colors.get(name, NO_AFFILIATION)
        handles.append(Patch(facecolor=_tint(color), edgecolor=color, linewidth=1.6,
                             label=f"speaks for {name}" if name else "no affiliation given"))
    # As many legend columns as fit under the Axes (measured before a layout engine runs, as
    # a legend wider than the Axes would make constrained layout squeeze them).
    renderer = ax.figure.figure.canvas.get_renderer()
    room = 0.95 * ax.get_position(original=True).width * ax.figure.bbox.width
    for ncols in range(min(len(handles), 4), 0, -1):
        legend = ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0),
                           fontsize=8, frameon=False, ncols=ncols, handlelength=1.6)
        if legend.get_window_extent(renderer).width <= room:
            break


def _tint(color):
    import matplotlib.colors as mcolors

    return [0.2 * c + 0.8 for c in mcolors.to_rgb(color)]
