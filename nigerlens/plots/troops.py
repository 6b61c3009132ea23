"""Troops by actor: a horizontal bar per deployments row, drawn as the article reports it.

An approximate count does not look exact, a range is drawn from its low to its high value and
a count without a number is listed in a note instead of drawn as zero. Bars carry the gid
``nigerlens-bar:<kind>`` (see :func:`count_kind`); whiskers, arrows, range ends, labels and the
note have gids too, so that tests and callers can find them.
"""

from __future__ import annotations

from nigerlens.analysis.counts import APPROX_TOLERANCE, as_written, count_kind, high_count
from nigerlens.plots.colors import NOTE_STYLE, actor_colors, message, present, records, shifted


def plot_troops(deployments, *, ax=None, **kwargs):
    """Draw a horizontal bar per deployments row with a count, coloured by actor.

    Encodings: an exact count is a solid bar; an approximate one ("some", "around") is a
    lighter hatched bar with a ±10 % whisker and "~" before its label; "more than"/"at least"
    has an arrow pointing right from the bar's end, "nearly"/"up to" an arrow pointing left;
    "between 850 and 1,100" is a span from 850 to 1,100. Each bar is annotated with the words
    of the article (and its status unless present). Rows without a number are listed in a note
    below the axes. A legend right of the Axes explains the encodings used (use
    ``layout="constrained"`` or ``bbox_inches="tight"`` to keep it in the picture).

    Args:
        deployments: The deployments table (``nigerlens.tables.schema.frame("deployments", ...)``).
        ax: The matplotlib Axes to draw on; the current Axes by default.
        **kwargs: Passed to ``Axes.barh`` (e.g. ``height``), overriding the defaults.

    Returns:
        The Axes drawn on.
    """
    import matplotlib.pyplot as plt

    ax = plt.gca() if ax is None else ax
    rows = records(deployments)
    for row in rows:
        row["kind"] = count_kind(row.get("qualifier"), row.get("count_high"))
        if row["kind"] != "unknown" and not present(row.get("count")):
            row["kind"] = "unknown"
    drawn = [r for r in rows if r["kind"] != "unknown"]
    notes = [r for r in rows if r["kind"] == "unknown"]
    if not drawn:
        message(ax, "no troop counts")
    else:
        _draw_bars(ax, drawn, kwargs)
    if notes:
        lines = [f"{r['actor']}: \u201c{as_written(r)}\u201d{_status_suffix(r)}" for r in notes]
        below = ax.xaxis.label if drawn else ax  # under the axis title, or the empty Axes
        ax.annotate("No number given, not drawn:\n" + "\n".join(lines), xy=(0, 0),
                    xycoords=below, xytext=(0, -6), textcoords="offset points",
                    gid="nigerlens-note", **NOTE_STYLE)
    return ax



def _draw_bars(ax, rows, kwargs):
    from matplotlib.patches import Patch

    colors = actor_colors([r["actor"] for r in rows])
    peak = {}
    for r in rows:
        peak[r["actor"]] = max(peak.get(r["actor"], 0), high_count(r))
    # Actors with the largest counts on top; an actor's rows stay together.
    rows = sorted(rows, key=lambda r: (-peak[r["actor"]], r["actor"], -high_count(r)))
    several_sources = len({r.get("article_id") for r in rows}) > 1
    labels, texts = [], []
    for y, r in enumerate(rows):
        low, high, kind, color = int(r["count"]), high_count(r), r["kind"], colors[r["actor"]]
        style = {"height": 0.6, "color": color, "edgecolor": color, "linewidth": 1.0}
        if kind == "approximate":
            style.update(alpha=0.45, hatch="///")
        elif kind == "range":
            style.update(alpha=0.75)
        bars = ax.barh([y], [high - low if kind == "range" else low],
                       left=low if kind == "range" else 0, **{**style, **kwargs})
        bars.patches[0].set_gid(f"nigerlens-bar:{kind}")
        pad = 4
        if kind == "approximate":
            ax.errorbar([low], [y], xerr=[[APPROX_TOLERANCE * low], [APPROX_TOLERANCE * low]],
                        fmt="none", ecolor="0.25", elinewidth=0.9, capsize=3, alpha=0.7,
                        gid="nigerlens-whisker")
            pad = 5
        elif kind in ("lower", "upper"):
            # Both arrows sit right of the bar's end: "more than" points away from it, "up to"
            # points back at it, so they show on any bar colour and never cross zero.
            out = shifted(ax, 20)
            tip, tail = (out, "data") if kind == "lower" else ("data", out)
            ax.annotate("", xy=(low, y), xycoords=tip, xytext=(low, y), textcoords=tail,
                        gid=f"nigerlens-arrow:{kind}",
                        arrowprops={"arrowstyle": "-|>", "color": "0.15", "lw": 1.4,
                                    "shrinkA": 0, "shrinkB": 0, "mutation_scale": 11})
            pad = 24
        elif kind == "range":
            for end in (low, high):
                ax.plot([end, end], [y - 0.36, y + 0.36], color="0.15", lw=1.4,
                        gid="nigerlens-range-end")
        words = ("~ " if kind == "approximate" else "") + as_written(r) + _status_suffix(r)
        anchor = low * (1 + APPROX_TOLERANCE) if kind == "approximate" else high
        texts.append(ax.annotate(words, xy=(anchor, y), xytext=(pad, 0),
                                 textcoords="offset points", va="center", fontsize=8.5,
                                 color="0.15", gid="nigerlens-label",
                                 # measured before the limits make room for it: never skip it
                                 annotation_clip=False))
        source = f"\n{r['article_id']}" if several_sources and present(r.get("article_id")) else ""
        labels.append(f"{r['actor']}{source}")
    ax.set_yticks(range(len(rows)), labels, fontsize=9 if not several_sources else 8)
    ax.set_ylim(len(rows) - 0.4, -0.6)
    ax.set_xlabel("troops, as reported", loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", color="0.9", linewidth=0.6)
    ax.set_axisbelow(True)

    kinds = {r["kind"] for r in rows}
    entries = [
        ("exact", Patch(facecolor="0.45", edgecolor="0.45", label="exact count")),
        ("approximate", Patch(facecolor="0.45", alpha=0.45, hatch="///", edgecolor="0.45",
                              label="~ approximate (some, around, …)\n   whisker ±10 %")),
        ("lower", _arrow_handle(r"$\rightarrow$", "more than / at least\n(could be higher)")),
        ("upper", _arrow_handle(r"$\leftarrow$", "nearly / up to\n(could be lower)")),
        ("range", Patch(facecolor="0.45", alpha=0.75, edgecolor="0.15", linewidth=1.4,
                        label="range: between low and high")),
    ]
    ax.legend(handles=[h for kind, h in entries if kind in kinds], loc="upper left",
              bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False, handlelength=2.2,
              labelspacing=1.0)
    ax.set_title("Troops by actor, as reported", fontsize=11)
    largest = max(high_count(r) for r in rows)
    _fit_right(ax, texts, largest)
    # The axis is wider than the data to leave room for labels: tick only the data's span.
    ticks = [t for t in ax.get_xticks() if 0 <= t <= largest * 1.15]
    ax.set_xticks(ticks)
    ax.spines["bottom"].set_bounds(0, ticks[-1])


def _arrow_handle(marker, label):
    from matplotlib.lines import Line2D

    return Line2D([], [], linestyle="none", marker=marker, markersize=14, color="0.15",
                  label=label)


def _fit_right(ax, texts, largest):
    """Widen the x axis so that the labels right of the bars end inside the Axes.

    A label starts a fixed number of points after its anchor, so the limit ``right`` must
    satisfy ``width * anchor / right + label <= width`` for every label (sizes in pixels).
    """
    # the whisker of an approximate count, where its label is anchored, ends past the count
    right = max([largest, *(t.xy[0] for t in texts)]) * 1.03
    ax.set_xlim(0, right)
    try:
        renderer = ax.figure.canvas.get_renderer()
    except AttributeError:  # a backend without a renderer: keep the plain limit
        return
    for text in texts:
        text.set_in_layout(False)  # its room is made inside the Axes, not around them
    ax.figure.figure.draw_without_rendering()  # a layout engine settles the Axes' width first
    width = ax.get_window_extent(renderer).width
    for text in texts:
        label = text.get_window_extent(renderer).x1 - ax.transData.transform(text.xy)[0]
        if label < width * 0.8:  # a label wider than the Axes cannot be helped
            right = max(right, text.xy[0] * width / (width - label - 4))
    ax.set_xlim(0, right)


def _status_suffix(row) -> str:
    status = row.get("status")
    return f" ({status})" if present(status) and status != "present" else ""


