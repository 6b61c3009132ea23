"""Who stands where: a matrix of actors (rows) by issues (columns) from the positions table.

A cell is green when the actor supports the issue, red-orange when it opposes it, purple when
the article reports both, and light grey when it reports neither; the counts are written in the
cell ("+2", "−1", "+1 −1"). A cell whose every position is asserted by someone else (a non-empty
``claimed_by``) is hatched. Cells carry the gid ``nigerlens-cell:<state>``, counts
``nigerlens-count`` and the note ``nigerlens-note``.
"""

from __future__ import annotations

import textwrap

from nigerlens.plots.colors import NOTE_STYLE, message, present

STATE_COLORS = {
    "support": "#3a9a4a",
    "oppose": "#e0542b",
    "mixed": "#8e63b5",
    "none": "#f0f0f0",
}
STATE_LABELS = {
    "support": "support",
    "oppose": "oppose",
    "mixed": "both (support and oppose)",
    "none": "no position reported",
}
CLAIMED_HATCH = "///"
MINUS = "\u2212"
LABEL_WIDTH = 14  # characters per line of a column label


def issue_labels() -> dict[str, str]:
    """Return ``{issue id: label}`` from the issue taxonomy, in taxonomy order."""
    from nigerlens.rules.issues import taxonomy

    return {issue: entry["label"] for issue, entry in taxonomy().items()}


def cell_state(support: int, oppose: int) -> str:
    """Return ``"support"``, ``"oppose"``, ``"mixed"`` or ``"none"`` for a cell's counts."""
    if support and oppose:
        return "mixed"
    return "support" if support else "oppose" if oppose else "none"


def plot_stance_matrix(positions, *, ax=None, issues=None, **kwargs):
    """Draw who stands where: a cell per actor (row) and issue (column), coloured by stance.

    Rows are the actors with the most positions first; columns are the issues present, in the
    order of ``data/issues.toml``, labelled with the taxonomy's labels (an issue missing from it
    is labelled by its id). A cell is green (support), red-orange (oppose), purple (both) or
    light grey (none), with its counts written in it: ``+2``, ``−1``, ``+1 −1``. A cell whose
    positions are all asserted by someone other than the actor (``claimed_by``) is hatched. The
    legend sits right of the Axes: use ``layout="constrained"`` or ``bbox_inches="tight"`` to
    keep it in the picture.

    Args:
        positions: The positions table (``nigerlens.tables.schema.frame("positions", ...)``).
        ax: The matplotlib Axes to draw on; the current Axes by default.
        issues: Issue ids to show as columns, in this order (even those without positions);
            positions on other issues are then left out and counted in a note.
        **kwargs: Passed to the cells' ``Rectangle`` patches (e.g. ``linewidth``, ``alpha``),
            overriding the defaults.

    Returns:
        The Axes drawn on.
    """
    import matplotlib.pyplot as plt

    ax = plt.gca() if ax is None else ax
    rows = _stances(positions)
    labels = issue_labels()
    if issues is None:
        present = dict.fromkeys(r["issue"] for r in rows)
        columns = [i for i in labels if i in present] + [i for i in present if i not in labels]
    else:
        columns = list(dict.fromkeys(issues))
    left_out = [r for r in rows if r["issue"] not in columns]
    rows = [r for r in rows if r["issue"] in columns]
    if not rows:
        message(ax, "no positions")
    else:
        _draw_matrix(ax, rows, columns, labels, kwargs)
    if left_out:
        names = ", ".join(dict.fromkeys(labels.get(r["issue"], r["issue"]) for r in left_out))
        ax.annotate(f"Not shown: {len(left_out)} position(s) on {names}", xy=(0, 0),
                    xycoords="axes fraction", xytext=(0, -6), textcoords="offset points",
                    gid="nigerlens-note", **NOTE_STYLE)
    return ax


def _stances(positions) -> list[dict]:
    """Return the rows with an actor, an issue and a support/oppose stance, as plain dicts."""
    if positions is None or len(positions) == 0:
        return []
    rows = []
    for r in positions.to_dict("records"):
        stance = str(r.get("stance")).strip().lower() if present(r.get("stance")) else ""
        if stance not in ("support", "oppose") or not present(r.get("issue")):
            continue
        actor = str(r["actor"]).strip() if present(r.get("actor")) else "unknown actor"
        claimer = str(r["claimed_by"]).strip() if present(r.get("claimed_by")) else ""
        rows.append({"actor": actor, "issue": str(r["issue"]).strip(), "stance": stance,
                     "claimed": bool(claimer) and claimer != actor})
    return rows


def _draw_matrix(ax, rows, columns, labels, kwargs):
    from matplotlib.patches import Rectangle

    cells: dict[tuple[str, str], dict] = {}
    for r in rows:
        cell = cells.setdefault((r["actor"], r["issue"]),
                                {"support": 0, "oppose": 0, "claimed": True})
        cell[r["stance"]] += 1
        cell["claimed"] &= r["claimed"]
    totals: dict[str, int] = {}
    for r in rows:  # dicts keep the first-seen order: ties stay in the article's order
        totals[r["actor"]] = totals.get(r["actor"], 0) + 1
    actors = sorted(totals, key=lambda a: -totals[a])
    states = set()
    claimed_any = False
    for y, actor in enumerate(actors):
        for x, issue in enumerate(columns):
            cell = cells.get((actor, issue), {"support": 0, "oppose": 0, "claimed": False})
            state = cell_state(cell["support"], cell["oppose"])
            states.add(state)
            claimed = state != "none" and cell["claimed"]
            claimed_any |= claimed
            style = {"facecolor": STATE_COLORS[state], "edgecolor": "white", "linewidth": 2.0,
                     "hatch": CLAIMED_HATCH if claimed else None, **kwargs}
            ax.add_patch(Rectangle((x, y), 1, 1, gid=f"nigerlens-cell:{state}", **style))
            text = _count_text(cell["support"], cell["oppose"])
            if text:
                ax.text(x + 0.5, y + 0.5, text, ha="center", va="center", fontsize=9,
                        fontweight="bold", color="white", gid="nigerlens-count",
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": STATE_COLORS[state],
                              "edgecolor": "none"} if claimed else None)
    ax.set_xlim(0, len(columns))
    ax.set_ylim(len(actors), 0)
    ax.set_xticks([x + 0.5 for x in range(len(columns))],
                  [textwrap.fill(labels.get(i, i), LABEL_WIDTH) for i in columns], fontsize=8.5)
    ax.set_yticks([y + 0.5 for y in range(len(actors))], actors, fontsize=9)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    ax.set_title("Who stands where", fontsize=11)
    _legend(ax, states, claimed_any)


def _count_text(support: int, oppose: int) -> str:
    parts = ([f"+{support}"] if support else []) + ([f"{MINUS}{oppose}"] if oppose else [])
    return " ".join(parts)


def _legend(ax, states, claimed):
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=STATE_COLORS[s], edgecolor="0.75" if s == "none" else "none",
                     label=STATE_LABELS[s])
               for s in ("support", "oppose", "mixed", "none") if s in states]
    if claimed:
        handles.append(Patch(facecolor="0.55", edgecolor="white", hatch=CLAIMED_HATCH,
                             label="claimed by another source"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
              frameon=False, labelspacing=0.9, handleheight=1.3, handlelength=2.2,
              title="positions reported\n(+n support, \u2212n oppose)", title_fontsize=8,
              alignment="left")
