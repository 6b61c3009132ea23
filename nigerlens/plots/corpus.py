"""Plots across the articles of a corpus: how reported troop counts moved, and where sources
give different dates for one event.

:func:`plot_troop_reports` draws every stated count at its publication date, one series per
actor and one marker shape per source, with the encodings of :func:`plot_troops`: an exact
count is a filled marker, an approximate one ("some", "about") a hollow marker with a ±10 %
whisker, a range a vertical span, "more than" an arrow up and "nearly"/"up to" an arrow down.
:func:`plot_chronology` draws the output of :func:`nigerlens.merge_events`, with the events whose
sources disagree on the day in red, each day given and who gives it.

Artists carry gids: ``nigerlens-report:<kind>`` (one marker per report), ``nigerlens-whisker``,
``nigerlens-range``, ``nigerlens-arrow:<kind>``, ``nigerlens-series``, ``nigerlens-day``,
``nigerlens-span``, ``nigerlens-conflict``, ``nigerlens-conflict-date``,
``nigerlens-conflict-label``, ``nigerlens-label``, ``nigerlens-note``.
"""

from __future__ import annotations

import datetime as dt

from nigerlens.plots.colors import (
    NOTE_STYLE,
    actor_colors,
    as_date,
    message,
    present,
    style_date_axis,
)

MARKERS = ("o", "s", "D", "^", "v", "P", "X", "h", "<", ">", "p", "*")  # one per source, in order
CONFLICT_COLOR = "#c00000"
EVENT_COLOR = "0.35"  # events the sources agree on: neutral, so that red means a conflict
LABEL_PAD = 6  # points between a mark and its label
DODGE = 9  # points between reports published on the same day


# --- troop counts over publication time ------------------------------------------------------


def plot_troop_reports(deployments, *, ax=None, statuses=None, **kwargs):
    """Draw every stated troop count at its publication date: how the reported figure moved.

    x is the publication date, y the count; one colour per actor, one marker shape per source
    (outlet), and a thin line through one source's reports of an actor (their own figures, in
    publication order); reports of different sources are not joined.
    Exact counts are filled markers; approximate ones hollow, with a ±10 % whisker; "between
    1,000 and 1,500" is a vertical span with end caps and a hollow marker at its middle; "more
    than" has an arrow pointing up, "nearly"/"up to" one pointing down. Markers are labelled
    with the figure ("~1,300", "1,000–1,500", ">1,100") where the actor's reports first give it.
    Reports published the same day are set a few points apart. Reports that are not the
    force on the ground when published (``status`` "past" or "pledged" by default) and counts
    without a number are listed in a note under the axis instead. Legends right of the Axes
    name the actors, the sources and the encodings (use ``layout="constrained"`` or
    ``bbox_inches="tight"`` to keep them in the picture).

    Args:
        deployments: The tables of :func:`nigerlens.extract` (a dict) or a deployments table
            with ``outlet`` and ``published`` columns.
        ax: The matplotlib Axes to draw on; the current Axes by default.
        statuses: The ``status`` values drawn; by default
            :data:`nigerlens.analysis.compare.CURRENT_STATUSES` (present, withdrawing).
        **kwargs: Passed to ``Axes.plot`` for the report markers (e.g. ``markersize``).

    Returns:
        The Axes drawn on.
    """
    import matplotlib.pyplot as plt

    from nigerlens.analysis.compare import CURRENT_STATUSES, deployment_reports

    ax = plt.gca() if ax is None else ax
    statuses = CURRENT_STATUSES if statuses is None else tuple(statuses)
    reports = deployment_reports(deployments).to_dict("records")
    for r in reports:
        r["day"] = as_date(r.get("published"))
    keep = [r["status"] in statuses and r["kind"] != "unknown" and r["day"] is not None
            for r in reports]
    drawn = [r for r, k in zip(reports, keep, strict=True) if k]
    left_out = [r for r, k in zip(reports, keep, strict=True) if not k]
    if drawn:
        _draw_reports(ax, drawn, kwargs)
    else:
        message(ax, "no dated troop counts")
    if left_out:
        lines = [f"{r['source']}: {r['actor']} \u201c{r['stated']}\u201d ({_why(r, statuses)})"
                 for r in left_out]
        below = ax.xaxis.label if drawn else ax
        ax.annotate("Not drawn:\n" + "\n".join(lines), xy=(0, 0), xycoords=below,
                    xytext=(0, -6), textcoords="offset points", gid="nigerlens-note",
                    **NOTE_STYLE)
    return ax


def _why(report, statuses) -> str:
    if report["status"] not in statuses:
        return f"{report['status']}, not the force when published"
    if report["kind"] == "unknown":
        return "no number"
    return "no publication date"


def _draw_reports(ax, rows, kwargs):
    import matplotlib.dates as mdates
    from matplotlib.patheffects import withStroke

    halo = [withStroke(linewidth=2.5, foreground="white")]
    colors = actor_colors(r["actor"] for r in rows)
    outlets = list(dict.fromkeys(_outlet(r) for r in rows))
    markers = {o: MARKERS[i % len(MARKERS)] for i, o in enumerate(outlets)}
    # Reports published the same day sit side by side, a few points apart, so that their
    # whiskers and spans do not overlap.
    same_day: dict = {}
    for r in rows:
        same_day.setdefault(r["day"], []).append(r)
    for group in same_day.values():
        for i, r in enumerate(sorted(group, key=lambda r: r["actor"])):
            r["dodge"] = (i - (len(group) - 1) / 2) * DODGE
    for actor, outlet in dict.fromkeys((r["actor"], _outlet(r)) for r in rows):
        # A line joins one source's figures for an actor (stated as one number, not a range's
        # middle or a bound): reports of different sources stay points, with no line implying
        # a trend over the months between them.
        series = sorted((r for r in rows if r["actor"] == actor and _outlet(r) == outlet and r["kind"] in ("exact", "approximate")),
                        key=lambda r: r["day"])
        if len(series) > 1:
            ax.plot([mdates.date2num(r["day"]) for r in series], [_figure(r) for r in series],
                    color=colors[actor], linewidth=1, alpha=0.45, zorder=1,
                    gid="nigerlens-series")
    labelled: set = set()
    top = 0.0
    for r in sorted(rows, key=lambda r: r["day"]):
        x, color, kind = mdates.date2num(r["day"]), colors[r["actor"]], r["kind"]
        y = _figure(r)
        at = shifted(ax, r["dodge"])
        if kind in ("approximate", "range"):
            low, high = r["lower_bound"], r["upper_bound"]
            style = ({"linewidth": 1, "alpha": 0.8, "marker": "_", "markersize": 7,
                      "gid": "nigerlens-whisker"} if kind == "approximate" else
                     {"linewidth": 7, "alpha": 0.35, "solid_capstyle": "butt",
                      "gid": "nigerlens-range"})
            ax.plot([x, x], [low, high], color=color, zorder=2, transform=at, **style)
            if kind == "range":
                ax.plot([x, x], [low, high], linestyle="none", marker="_", markersize=12,
                        markeredgewidth=1.4, color=color, zorder=2, transform=at,
                        gid="nigerlens-range-end")
        elif kind in ("lower", "upper"):
            # "more than" points up, away from the figure; "up to" points down, below it
            ax.annotate("", xy=(x, y), xycoords=shifted(ax, r["dodge"], 20 if kind == "lower" else -20),
                        xytext=(x, y), textcoords=at, gid=f"nigerlens-arrow:{kind}",
                        arrowprops={"arrowstyle": "-|>", "color": color, "lw": 1.3,
                                    "shrinkA": 5, "shrinkB": 0})
        style = {"linestyle": "none", "marker": markers[_outlet(r)], "markersize": 8,
                 "color": color, "markeredgecolor": color, "markeredgewidth": 1.6,
                 "markerfacecolor": color if kind == "exact" else "white", "zorder": 3}
        (mark,) = ax.plot([x], [y], transform=at, **{**style, **kwargs})
        mark.set_gid(f"nigerlens-report:{kind}")
        # Each figure is labelled where an actor's reports first give it: the labels say where
        # the reported figure moved without covering every marker.
        words = _short(r)
        if (r["actor"], words) not in labelled:
            labelled.add((r["actor"], words))
            ax.annotate(words, xy=(x, y), xycoords=at, xytext=(7, 0), textcoords="offset points",
                        va="center", fontsize=7.5, color="0.2", path_effects=halo, zorder=4,
                        gid="nigerlens-label")
        top = max(top, r["upper_bound"] if kind != "lower" else y * 1.15)
    ax.set_ylim(0, top * 1.12)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    days = [mdates.date2num(r["day"]) for r in rows]
    pad = max(5.0, 0.04 * (max(days) - min(days)))
    ax.set_xlim(min(days) - pad, max(days) + pad * 2)  # room for the labels on the right
    ax.yaxis.set_major_formatter("{x:,.0f}")
    ax.set_xlabel("publication date", loc="left", fontsize=9, color="0.3")
    ax.set_ylabel("troops, as reported")
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(color="0.92", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_title("Troop counts as each source reported them, by publication date", fontsize=11)
    _troop_legends(ax, colors, markers, {r["kind"] for r in rows})


def shifted(ax, right=0.0, up=0.0):
    """The data transform moved ``right`` and ``up`` points (a screen offset, any zoom)."""
    from matplotlib.transforms import ScaledTranslation

    return ax.transData + ScaledTranslation(right / 72, up / 72, ax.figure.dpi_scale_trans)


def _troop_legends(ax, colors, markers, kinds):
    from matplotlib.lines import Line2D

    actors = [Line2D([], [], color=c, marker="o", linewidth=1, label=a) for a, c in colors.items()]
    sources = [Line2D([], [], color="0.35", marker=m, linestyle="none", markerfacecolor="0.35",
                      label=o) for o, m in markers.items()]
    encodings = [
        ("exact", Line2D([], [], color="0.35", marker="o", linestyle="none", label="exact count")),
        ("approximate", Line2D([], [], color="0.35", marker="o", markerfacecolor="white",
                               linestyle="none", label="~ approximate, whisker \u00b110 %")),
        ("range", Line2D([], [], color="0.35", alpha=0.5, linewidth=6, label="range (between)")),
        ("lower", Line2D([], [], color="0.35", marker=r"$\uparrow$", linestyle="none",
                         markersize=10, label="more than / at least")),
        ("upper", Line2D([], [], color="0.35", marker=r"$\downarrow$", linestyle="none",
                         markersize=10, label="nearly / up to")),
    ]
    kept = [h for k, h in encodings if k in kinds]
    handles = [*actors, *sources, *kept]
    titles = ["actor"] * len(actors) + ["source"] * len(sources) + ["count"] * len(kept)
    # one legend, in three groups, each under a heading
    grouped, labels, last = [], [], None
    for handle, title in zip(handles, titles, strict=True):
        if title != last:
            grouped.append(Line2D([], [], linestyle="none"))
            labels.append(title.upper())
            last = title
        grouped.append(handle)
        labels.append(handle.get_label())
    ax.legend(grouped, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
              frameon=False, handlelength=2.0, labelspacing=0.6)


def _figure(report) -> float:
    """Where a report sits on the y axis: its own figure, or its bound when one-sided."""
    if present(report["estimate"]):
        return report["estimate"]
    return report["lower_bound"] if report["kind"] == "lower" else report["upper_bound"]


def _short(report) -> str:
    low = f"{int(report['count']):,}"
    kind = report["kind"]
    if kind == "range":
        return f"{low}\u2013{int(report['count_high']):,}"
    return {"approximate": "~", "lower": ">", "upper": "<"}.get(kind, "") + low


def _outlet(report) -> str:
    return report["outlet"] if present(report.get("outlet")) else str(report["article_id"])


# --- the merged chronology ---------------------------------------------------------------------


def plot_chronology(merged, *, ax=None, max_label=45, **kwargs):
    """Draw merged events (:func:`nigerlens.merge_events`) on a date axis, conflicts in red.

    One row per event, the earliest at the top: a single day is a marker, a range a bar (as in
    :func:`plot_timeline`), labelled with the summary and the number of articles that mention
    it. An event whose sources give different days (``conflict``) is red: a red bar from the
    first day given to the last, and under it one line per day, with a marker at that day and
    the sources that give it, e.g. ``Aug 6: Example Daily`` and ``Aug 7: RT, Sahel Monitor``.
    Events the sources agree on are grey (not coloured by actor: red is kept for conflicts, and
    France's colour is red too).

    Args:
        merged: The table returned by :func:`nigerlens.merge_events` (its ``conflict`` and
            ``dates`` columns; without them no conflict is drawn).
        ax: The matplotlib Axes to draw on; the current Axes by default.
        max_label: Summaries longer than this many characters are cut, ending in "…".
        **kwargs: Passed to ``Axes.plot`` for the day markers (e.g. ``markersize``).

    Returns:
        The Axes drawn on.
    """
    import matplotlib.pyplot as plt

    ax = plt.gca() if ax is None else ax
    rows = [] if merged is None else merged.to_dict("records")
    for r in rows:
        r["start"], r["end"] = as_date(r.get("date")), as_date(r.get("date_end"))
    rows = sorted((r for r in rows if r["start"] is not None),
                  key=lambda r: (r["start"], r["end"] or r["start"]))
    if not rows:
        message(ax, "no dated events")
        return ax
    _draw_chronology(ax, rows, max_label, kwargs)
    return ax


def _draw_chronology(ax, rows, max_label, kwargs):
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.patheffects import withStroke

    from nigerlens.analysis.chronology import parse_dates
    from nigerlens.plots.timeline import fit_labels

    halo = [withStroke(linewidth=3, foreground="white")]
    labels, y = [], 0.0
    for r in rows:
        conflict = bool(r.get("conflict")) if present(r.get("conflict")) else False
        days = [(s, sources) for s, e, sources in parse_dates(r.get("dates")) if s == e]
        start = mdates.date2num(r["start"])
        end = start
        if conflict and len(days) > 1:
            # the days given, from the first to the last, as a red bar with end ticks
            xs = [mdates.date2num(d) for d, _ in days]
            ax.plot([min(xs), max(xs)], [y, y], color=CONFLICT_COLOR, linewidth=2.5,
                    marker="|", markersize=11, markeredgewidth=2, zorder=2,
                    gid="nigerlens-conflict")
            start, end = min(xs), max(xs)
        elif r["end"] is None or r["end"] <= r["start"]:
            (mark,) = ax.plot([start], [y], **{"linestyle": "none", "marker": "o", "markersize": 7,
                                               "color": EVENT_COLOR, "markeredgecolor": "white",
                                               "zorder": 3, **kwargs})
            mark.set_gid("nigerlens-day")
        else:
            end = mdates.date2num(r["end"] + dt.timedelta(days=1))
            bars = ax.barh([y], [end - start], left=start, height=0.45, color=EVENT_COLOR,
                           alpha=0.45, edgecolor=EVENT_COLOR, zorder=2)
            bars.patches[0].set_gid("nigerlens-span")
        label = ax.annotate(_event_label(r, max_label, conflict), xy=(end, y),
                            xytext=(LABEL_PAD, 0), textcoords="offset points", va="center",
                            ha="left", fontsize=8.5, zorder=4, path_effects=halo,
                            color=CONFLICT_COLOR if conflict else "0.15",
                            fontweight="bold" if conflict else "normal", gid="nigerlens-label")
        labels.append((label, start, end))
        if conflict and len(days) > 1:
            # under it, one line per day given: a marker at that day and who gives it
            for d, sources in days:
                y += 0.62
                x = mdates.date2num(d)
                (mark,) = ax.plot([x], [y], **{"linestyle": "none", "marker": "o",
                                               "markersize": 6, "color": CONFLICT_COLOR,
                                               "markeredgecolor": "white", "zorder": 3, **kwargs})
                mark.set_gid("nigerlens-conflict-date")
                text = ax.annotate(f"{d:%b} {d.day}: {', '.join(sources)}", xy=(x, y),
                                   xytext=(LABEL_PAD, 0), textcoords="offset points",
                                   va="center", ha="left", fontsize=8, color=CONFLICT_COLOR,
                                   path_effects=halo, zorder=4, gid="nigerlens-conflict-label")
                labels.append((text, x, x))
        y += 1.0
    ax.set_ylim(y - 0.4, -0.8)
    lo = min(s for _, s, _ in labels)
    hi = max(e for _, _, e in labels)
    pad = max(2.0, 0.03 * (hi - lo))
    ax.set_xlim(lo - pad, hi + pad)
    style_date_axis(ax)
    ax.set_xlabel("date of the event, as the articles give it", loc="left", fontsize=9,
                  color="0.3")
    ax.set_title("Chronology across sources: red where they give different days", fontsize=11)
    handles = [Line2D([], [], linestyle="none", marker="o", markersize=7, color=EVENT_COLOR,
                      markeredgecolor="white", label="one day")]
    if any(r["end"] is not None and r["end"] > r["start"] for r in rows):
        handles.append(Patch(facecolor=EVENT_COLOR, alpha=0.45, label="date range"))
    if any(bool(r.get("conflict")) for r in rows if present(r.get("conflict"))):
        handles.append(Line2D([], [], color=CONFLICT_COLOR, marker="|", markersize=11,
                              markeredgewidth=2, linewidth=2.5,
                              label="sources give\ndifferent days"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
              frameon=False, labelspacing=0.9)
    fit_labels(ax, labels)


def _event_label(row, max_label, conflict) -> str:
    summary = str(row.get("summary")).strip() if present(row.get("summary")) else ""
    if len(summary) > max_label:
        cut = summary[: max(max_label - 1, 0)]
        if " " in cut[len(cut) // 2:]:
            cut = cut[: cut.rindex(" ")]
        summary = cut.rstrip(" ,;:") + "\u2026"
    articles = [a for a in str(row.get("articles") or "").split("; ") if a]
    count = f"{len(articles)} articles" if len(articles) > 1 else ""
    parts = [p for p in (summary, count) if p]
    text = " \u2014 ".join(parts) or "(no summary)"
    return text + (" \u2014 dates disagree" if conflict else "")
