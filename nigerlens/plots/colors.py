"""Actor colours shared by every plot, and the small helpers the plot modules have in common.

matplotlib and pandas are imported inside the helpers so that importing the plots stays fast.
"""

from __future__ import annotations

import zlib

from nigerlens.analysis.counts import present  # noqa: F401  (the plots' test for a missing value)
from nigerlens.tables.schema import day as as_date  # noqa: F401  (the plots' reading of a date cell)

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


# --- shared ------------------------------------------------------------------------------


def shifted(ax, points):
    """Return the data transform moved ``points`` to the right (a screen offset, any zoom)."""
    from matplotlib.transforms import ScaledTranslation

    return ax.transData + ScaledTranslation(points / 72, 0, ax.figure.dpi_scale_trans)


def message(ax, text):
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", fontsize=11,
            color="0.4", gid="nigerlens-message")
    ax.set_xticks([])
    ax.set_yticks([])


def records(df) -> list[dict]:
    """Return the rows of a table as dicts, naming a missing actor so it can be coloured."""
    if df is None or len(df) == 0:
        return []
    rows = df.to_dict("records")
    for row in rows:
        if not present(row.get("actor")):
            row["actor"] = "unknown actor"
    return rows




def style_date_axis(ax) -> None:
    """A bare date axis for event charts: concise date ticks, no y ticks, light vertical grid."""
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_yticks([])
    ax.spines[["left", "top", "right"]].set_visible(False)
    ax.grid(axis="x", color="0.9", linewidth=0.6)
    ax.set_axisbelow(True)


