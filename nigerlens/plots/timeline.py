"""Events on a date axis: a marker for a single day, a bar for a range, one row per event.

A date is drawn as precisely as the article gives it: "over the weekend" is a two-day bar and
"late July" a bar from the 21st to the 31st, never a point. Rows the resolver could not date are
listed in a note under the axis instead of drawn. Artists carry gids (``nigerlens-day``,
``nigerlens-span``, ``nigerlens-label``, ``nigerlens-publication``, ``nigerlens-note`` ...) so
that tests and callers can find them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from nigerlens.plots.colors import (
    NOTE_STYLE,
    actor_colors,
    as_date,
    message,
    present,
    style_date_axis,
)

NO_ACTOR_COLOR = "#b0b0b0"  # lighter than the grey in the fallback palette
LABEL_PAD = 6  # points between a mark and its label
LABEL_STYLE = {"fontsize": 8.5, "color": "0.15", "va": "center"}
SPAN_HEIGHT = 0.45  # rows are 1 apart
MARKER_SIZE = 7.5


def plot_timeline(events, *, ax=None, publication=None, max_label=40, **kwargs):
    """Draw the events table on a date axis, one row per event, the earliest at the top.

    A single day is a marker; a range (``date_end`` set: a weekend, a week, "late July", a
    month) is a bar from ``date`` to the end of ``date_end``. Each is coloured by its main actor
    (the first of ``actors``; a person takes the colour of the actor they speak for, see
    :meth:`nigerlens.Gazetteer.side_of`) and labelled with its summary and the words that date
    it, e.g. ``Nuland visited Niger — "last Monday"``. A dashed line marks the publication date.
    Unresolved rows are listed in a note under the axis. A legend right of the Axes names the
    actors and the two marks (use ``layout="constrained"`` or ``bbox_inches="tight"`` to keep it
    in the picture).

    Args:
        events: The events table (``nigerlens.tables.schema.frame("events", ...)``).
        ax: The matplotlib Axes to draw on; the current Axes by default.
        publication: The publication date (a date or an ISO string) to mark; by default the
            most common ``anchor`` in the table, and no line if there is none.
        max_label: Summaries longer than this many characters are cut, ending in "…".
        **kwargs: Artist properties set on the bars and markers, overriding the defaults; each
            gets those it has (``alpha`` both, ``height`` the bars, ``markersize`` the markers).

    Returns:
        The Axes drawn on.
    """
    import matplotlib.pyplot as plt

    ax = plt.gca() if ax is None else ax
    span_kw, day_kw = _split_kwargs(kwargs)
    rows = [] if events is None else events.to_dict("records")
    for row in rows:
        row["start"], row["end"] = _dates(row)
    drawn = sorted((r for r in rows if r["start"] is not None),
                   key=lambda r: (r["start"], r["end"] or r["start"]))
    unresolved = [r for r in rows if r["start"] is None]
    published = _publication(publication, rows)
    if drawn:
        _draw_events(ax, drawn, published, max_label, span_kw, day_kw)
    else:
        message(ax, "no dated events")
    if unresolved:
        lines = [f'"{_text(r.get("expression")) or _text(r.get("summary"))}": '
                 f'{_text(r.get("how")) or "no reason given"}' for r in unresolved]
        below = ax.xaxis.label if drawn else ax  # under the axis title, or the empty Axes
        ax.annotate("Not dated, not drawn:\n" + "\n".join(lines), xy=(0, 0), xycoords=below,
                    xytext=(0, -6), textcoords="offset points", gid="nigerlens-note",
                    **NOTE_STYLE)
    return ax


def _draw_events(ax, rows, published, max_label, span_kw, day_kw):
    import matplotlib.dates as mdates

    sides, persons = _sides(rows)
    colors = actor_colors(s for s in sides if s)
    labels = _draw_marks(ax, rows, [colors.get(s, NO_ACTOR_COLOR) for s in sides], max_label,
                         span_kw, day_kw)
    when = None if published is None else mdates.date2num(published)
    if when is not None:
        ax.axvline(when, color="0.35", linestyle="--", linewidth=1, zorder=1,
                   gid="nigerlens-publication")
    lo = min(start for _, start, _ in labels)
    hi = max(end for _, _, end in labels)
    lo, hi = (lo, hi) if when is None else (min(lo, when), max(hi, when))
    pad = max(1.0, 0.04 * (hi - lo))
    lo, hi = lo - pad, hi + pad
    ax.set_xlim(lo, hi)
    ax.set_ylim(len(rows) - 0.5, -1.2)  # the earliest event at the top, under a free strip
    style_date_axis(ax)
    ax.set_xlabel("date, as resolved from the article", loc="left", fontsize=9, color="0.3")
    ax.set_title("Events by date, as reported", fontsize=11)
    _legend(ax, colors, persons, sides, rows)
    fit_labels(ax, labels)
    if ax.get_xlim()[1] > hi:  # widened for the labels: tick only the dates' span
        share = (hi - lo) / (ax.get_xlim()[1] - lo)  # as many ticks per inch as before
        fewer = mdates.AutoDateLocator(minticks=2, maxticks=max(3, round(9 * share)))
        ticks = fewer.tick_values(mdates.num2date(lo), mdates.num2date(hi))
        ax.set_xticks([t for t in ticks if lo <= t <= hi])
        ax.spines["bottom"].set_bounds(lo, hi)
        fit_labels(ax, labels)  # new tick labels may have changed the layout
    if when is not None:  # in the free strip, on the side of the line with more room
        right = when > sum(ax.get_xlim()) / 2
        ax.annotate(f"published {published.isoformat()}", xy=(when, 1),
                    xytext=(-4 if right else 4, -3), xycoords=ax.get_xaxis_transform(),
                    textcoords="offset points", ha="right" if right else "left", va="top",
                    fontsize=8, color="0.3", gid="nigerlens-publication-label", in_layout=False)


def _draw_marks(ax, rows, colors, max_label, span_kw, day_kw):
    """Draw a marker or a bar and a label per row; return ``[(label, start, end)]`` in date numbers."""
    import matplotlib.dates as mdates
    from matplotlib.patheffects import withStroke

    halo = [withStroke(linewidth=3, foreground="white")]
    labels = []
    for y, (row, color) in enumerate(zip(rows, colors, strict=True)):
        start = mdates.date2num(row["start"])
        if row["end"] is None:
            end = start
            (mark,) = ax.plot([start], [y], **{"linestyle": "none", "marker": "o",
                                               "markersize": MARKER_SIZE, "color": color,
                                               "markeredgecolor": "white", "zorder": 3, **day_kw})
            mark.set_gid("nigerlens-day")
        else:  # the bar covers date_end too: it ends at the start of the next day
            end = mdates.date2num(row["end"] + dt.timedelta(days=1))
            bars = ax.barh([y], [end - start], left=start,
                           **{"height": SPAN_HEIGHT, "color": color, "alpha": 0.6,
                              "edgecolor": color, "linewidth": 1.2, "zorder": 2, **span_kw})
            bars.patches[0].set_gid("nigerlens-span")
        label = ax.annotate(_label(row, max_label), xy=(end, y), xytext=(LABEL_PAD, 0),
                            textcoords="offset points", ha="left", gid="nigerlens-label",
                            path_effects=halo, zorder=4, **LABEL_STYLE)
        labels.append((label, start, end))
    return labels


def _legend(ax, colors, persons, sides, rows):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    first_seen = dict.fromkeys(s for s in sides if s)  # top to bottom, as drawn
    handles = [Patch(color=colors[s], label=_side_label(s, persons.get(s))) for s in first_seen]
    if None in sides:
        handles.append(Patch(color=NO_ACTOR_COLOR, label="no actor named"))
    if any(r["end"] is None for r in rows):
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=MARKER_SIZE,
                              color="0.45", markeredgecolor="white", label="single day"))
    if any(r["end"] is not None for r in rows):
        handles.append(Patch(facecolor="0.45", alpha=0.6, edgecolor="0.45",
                             label="date range\n(weekend, week, part of month …)"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
              frameon=False, labelspacing=0.9)


def fit_labels(ax, labels):
    """Put each label right of its mark, or left of it when it would leave the Axes there.

    When a label fits on neither side, the x axis is widened to the right so that it fits
    there: a label starting ``label`` pixels after anchor ``a`` ends inside an Axes ``width``
    pixels wide from ``left`` to ``right`` when ``right >= left + (a - left) * width / (width -
    label)``.
    """
    try:
        renderer = ax.figure.canvas.get_renderer()
    except AttributeError:  # a backend without a renderer: labels stay right of the marks
        return
    for text, _, _ in labels:
        text.set_in_layout(False)  # its room is made inside the Axes, not around them
    for _ in range(3):
        ax.figure.figure.draw_without_rendering()  # a layout engine settles the Axes' width
        box = ax.get_window_extent(renderer)
        left, right = ax.get_xlim()
        needed = right
        for text, start, end in labels:
            width = text.get_window_extent(renderer).width + LABEL_PAD * ax.figure.dpi / 72 + 2
            after = box.x1 - ax.transData.transform((end, 0))[0]
            before = ax.transData.transform((start, 0))[0] - box.x0
            if width <= after or width > before:
                text.xy, text.xyann = (end, text.xy[1]), (LABEL_PAD, 0)
                text.set_ha("left")
                if after < width < box.width * 0.9:  # one wider than the Axes cannot be helped
                    needed = max(needed, left + (end - left) * box.width / (box.width - width))
            else:
                text.xy, text.xyann = (start, text.xy[1]), (-LABEL_PAD, 0)
                text.set_ha("right")
        if needed <= right:
            return
        ax.set_xlim(left, needed)


def _dates(row):
    """Return ``(start, end)`` as dates; ``end`` is None for a single day, both None if unresolved."""
    if _text(row.get("precision")) == "unresolved":
        return None, None
    start, end = as_date(row.get("date")), as_date(row.get("date_end"))
    if start is None:
        return None, None
    return start, end if end is not None and end > start else None


def _publication(publication, rows):
    if publication is not None:
        day = as_date(publication)
        if day is None:
            raise ValueError(f"publication: not a date: {publication!r}")
        return day
    anchors = Counter(d for d in (as_date(r.get("anchor")) for r in rows) if d is not None)
    return anchors.most_common(1)[0][0] if anchors else None


def _sides(rows):
    """Return the colour key (the actor, or a person's side) of each row, and who is behind it."""
    try:
        from nigerlens.rules.gazetteer import default_gazetteer

        side_of = default_gazetteer().side_of
    except (OSError, KeyError, ValueError):  # no usable data folder: colour by the name itself
        def side_of(name):
            return name
    sides, persons = [], {}
    for row in rows:
        main = next((a.strip() for a in _text(row.get("actors")).split(";") if a.strip()), None)
        side = side_of(main) if main else None
        if side and side != main:
            persons.setdefault(side, []).append(main)
        sides.append(side)
    return sides, persons


def _side_label(side, persons):
    return f"{side} ({', '.join(dict.fromkeys(persons))})" if persons else side


def _label(row, max_label):
    summary, expression = _text(row.get("summary")), _text(row.get("expression"))
    if len(summary) > max_label:
        cut = summary[: max(max_label - 1, 0)]
        if " " in cut[len(cut) // 2:]:  # end on a whole word unless that loses half the text
            cut = cut[: cut.rindex(" ")]
        summary = cut.rstrip(" ,;:") + "\u2026"
    quoted = f'"{expression}"' if expression else ""
    return " \u2014 ".join(p for p in (summary, quoted) if p)


def _text(value) -> str:
    return str(value).strip() if present(value) else ""


def _split_kwargs(kwargs):
    """Return the properties of ``kwargs`` that bars have and those that markers have."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    span = {k: v for k, v in kwargs.items() if hasattr(Rectangle, f"set_{k}")}
    day = {k: v for k, v in kwargs.items() if hasattr(Line2D, f"set_{k}")}
    unknown = sorted(set(kwargs) - set(span) - set(day))
    if unknown:
        raise TypeError(f"plot_timeline(): neither bars nor markers have {', '.join(unknown)}")
    return span, day
