"""Tests for nigerlens.plots.plot_stance_matrix: what is drawn, not just that a call returns."""

import matplotlib
import matplotlib.pyplot as plt
import pytest

from nigerlens.plots import plot_stance_matrix
from nigerlens.plots.stance import CLAIMED_HATCH, STATE_COLORS, issue_labels
from nigerlens.tables.schema import frame


@pytest.fixture
def ax():
    return plt.subplots(figsize=(10, 4), layout="constrained")[1]


def positions(*rows):
    """Return a positions table from (actor, issue, stance) or (actor, issue, stance, claimed_by)."""
    return frame("positions", [
        {"article_id": "rt-1", "actor": r[0], "issue": r[1], "stance": r[2],
         "claimed_by": r[3] if len(r) > 3 else None}
        for r in rows
    ])


def cells(ax):
    """Return {(actor, issue label): cell patch}, read from the cell's place under the ticks."""
    actors = [t.get_text() for t in ax.get_yticklabels()]
    issues = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
    found = {}
    for patch in ax.patches:
        if (patch.get_gid() or "").startswith("nigerlens-cell:"):
            found[actors[int(patch.get_y())], issues[int(patch.get_x())]] = patch
    return found


def counts(ax):
    """Return {(actor, issue label): count text}."""
    actors = [t.get_text() for t in ax.get_yticklabels()]
    issues = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
    return {(actors[int(t.get_position()[1])], issues[int(t.get_position()[0])]): t.get_text()
            for t in ax.texts if t.get_gid() == "nigerlens-count"}


def state(patch):
    return patch.get_gid().split(":", 1)[1]


def messages(ax):
    return [t.get_text() for t in ax.texts if t.get_gid() == "nigerlens-message"]


LABEL = issue_labels()

# The positions of the RT article of 2023-08-14, as in the brief.
RT = (
    ("France", "reinstate_bazoum", "support"),
    ("France", "military_intervention", "support"),
    ("France", "military_intervention", "support"),
    ("ECOWAS", "military_intervention", "support"),
    ("ECOWAS", "sanctions", "support"),
    ("United States", "talks_with_junta", "support", "Le Figaro"),
    ("United States", "russia_wagner_ties", "oppose"),
    ("Niger junta", "talks_with_junta", "support"),
    ("United States", "foreign_troops_presence", "support", "French diplomatic source"),
    ("Niger junta", "military_intervention", "oppose"),
    ("Mali", "military_intervention", "oppose"),
    ("Algeria", "military_intervention", "oppose"),
    ("United States", "aid_to_niger", "oppose"),
    ("France", "recognise_junta", "oppose"),
    ("Niger junta", "foreign_troops_presence", "oppose"),
    ("United States", "reinstate_bazoum", "support"),
    ("United States", "reinstate_bazoum", "oppose"),
)


# --- cells ---------------------------------------------------------------------------------


@pytest.mark.parametrize("rows, cell, expected", [
    ([("France", "sanctions", "support")], ("France", "sanctions"), "support"),
    ([("France", "sanctions", "oppose")], ("France", "sanctions"), "oppose"),
    ([("France", "sanctions", "support"), ("France", "sanctions", "oppose")],
     ("France", "sanctions"), "mixed"),
    ([("France", "sanctions", "support"), ("ECOWAS", "aid_to_niger", "oppose")],
     ("France", "aid_to_niger"), "none"),
    (RT, ("United States", "reinstate_bazoum"), "mixed"),
    (RT, ("France", "military_intervention"), "support"),
    (RT, ("Mali", "military_intervention"), "oppose"),
    (RT, ("Mali", "sanctions"), "none"),
])
def test_cells_are_coloured_by_state(ax, rows, cell, expected):
    plot_stance_matrix(positions(*rows), ax=ax)
    patch = cells(ax)[cell[0], LABEL[cell[1]]]
    assert state(patch) == expected
    assert matplotlib.colors.to_hex(patch.get_facecolor()) == STATE_COLORS[expected]


def test_the_four_states_look_different():
    assert len({matplotlib.colors.to_hex(c) for c in STATE_COLORS.values()}) == 4


def test_one_cell_per_actor_and_issue(ax):
    plot_stance_matrix(positions(*RT), ax=ax)
    assert len(cells(ax)) == 6 * 8  # six actors, all eight issues appear in the article


@pytest.mark.parametrize("stances, text", [
    (["support"], "+1"),
    (["support", "support"], "+2"),
    (["oppose"], "\u22121"),
    (["support", "oppose"], "+1 \u22121"),
    (["oppose", "support", "support", "oppose", "support"], "+3 \u22122"),
])
def test_counts_are_written_in_the_cell(ax, stances, text):
    plot_stance_matrix(positions(*[("France", "sanctions", s) for s in stances]), ax=ax)
    assert counts(ax) == {("France", LABEL["sanctions"]): text}


def test_empty_cells_have_no_count(ax):
    plot_stance_matrix(positions(*RT), ax=ax)
    written = counts(ax)
    assert ("Mali", LABEL["sanctions"]) not in written
    assert written["France", LABEL["military_intervention"]] == "+2"
    assert len(written) == 15  # one per (actor, issue) pair in the article


@pytest.mark.parametrize("claims, hatched", [
    ([None], False),
    ([""], False),
    (["Le Figaro"], True),
    (["Le Figaro", "French diplomatic source"], True),
    (["Le Figaro", None], False),  # the actor also speaks for itself
    (["United States"], False),  # claimed by the actor itself
])
def test_cells_claimed_by_another_source_are_hatched(ax, claims, hatched):
    rows = [("United States", "talks_with_junta", "support", c) for c in claims]
    plot_stance_matrix(positions(*rows, ("France", "sanctions", "support")), ax=ax)
    patch = cells(ax)["United States", LABEL["talks_with_junta"]]
    assert (patch.get_hatch() == CLAIMED_HATCH) is hatched
    assert cells(ax)["France", LABEL["sanctions"]].get_hatch() is None
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert ("claimed by another source" in legend) is hatched


def test_rt_claimed_cells(ax):
    plot_stance_matrix(positions(*RT), ax=ax)
    hatched = {k for k, p in cells(ax).items() if p.get_hatch()}
    assert hatched == {("United States", LABEL["talks_with_junta"]),
                       ("United States", LABEL["foreign_troops_presence"])}


# --- rows and columns ----------------------------------------------------------------------


def test_taxonomy_labels_every_issue():
    assert set(LABEL) == {"reinstate_bazoum", "military_intervention", "talks_with_junta",
                          "sanctions", "foreign_troops_presence", "russia_wagner_ties",
                          "aid_to_niger", "recognise_junta"}
    assert LABEL["reinstate_bazoum"] == "Reinstating President Bazoum"


@pytest.mark.parametrize("issues, columns", [
    (["sanctions"], ["Sanctions on Niger"]),
    (["recognise_junta", "reinstate_bazoum"],  # taxonomy order, not the table's
     ["Reinstating President Bazoum", "Recognising the junta"]),
    (["elections", "sanctions"], ["Sanctions on Niger", "elections"]),  # not in it: the id, last
])
def test_columns_are_the_issues_present_labelled_from_the_taxonomy(ax, issues, columns):
    plot_stance_matrix(positions(*[("France", i, "support") for i in issues]), ax=ax)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert [t.replace("\n", " ") for t in labels] == columns
    assert all(len(line) <= 14 for t in labels for line in t.split("\n") if " " in line)


@pytest.mark.parametrize("issues, columns, left_out", [
    (["sanctions", "aid_to_niger"], ["Sanctions on Niger", "Aid to Niger"], 15),
    (["aid_to_niger", "sanctions"], ["Aid to Niger", "Sanctions on Niger"], 15),
    (["sanctions", "elections"], ["Sanctions on Niger", "elections"], 16),  # not in the taxonomy
    (list(LABEL), list(LABEL.values()), 0),
])
def test_issues_force_the_columns(ax, issues, columns, left_out):
    plot_stance_matrix(positions(*RT), ax=ax, issues=issues)
    assert [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()] == columns
    notes = [t.get_text() for t in ax.texts if t.get_gid() == "nigerlens-note"]
    assert len(notes) == bool(left_out)
    if left_out:
        assert notes[0].startswith(f"Not shown: {left_out} position(s) on ")


def test_a_forced_issue_without_positions_is_a_column_of_empty_cells(ax):
    plot_stance_matrix(positions(("France", "sanctions", "support")), ax=ax,
                       issues=["sanctions", "aid_to_niger"])
    assert state(cells(ax)["France", "Aid to Niger"]) == "none"


def test_rows_are_actors_with_most_positions_first(ax):
    plot_stance_matrix(positions(*RT), ax=ax)
    actors = [t.get_text() for t in ax.get_yticklabels()]
    assert actors == ["United States", "France", "Niger junta", "ECOWAS", "Mali", "Algeria"]


def test_rows_without_a_stance_or_issue_are_ignored(ax):
    plot_stance_matrix(positions(("France", "sanctions", "support"), ("Mali", "sanctions", None),
                                 ("Chad", None, "oppose")), ax=ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["France"]


# --- legend, title, empty ------------------------------------------------------------------


def test_title_and_legend_name_the_states_used(ax):
    plot_stance_matrix(positions(*RT), ax=ax)
    assert ax.get_title() == "Who stands where"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["support", "oppose", "both (support and oppose)", "no position reported",
                      "claimed by another source"]


def test_legend_lists_only_the_states_drawn(ax):
    plot_stance_matrix(positions(("France", "sanctions", "support")), ax=ax)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["support"]


@pytest.mark.parametrize("table", [
    None,
    frame("positions"),
    positions(("France", "sanctions", None)),
])
def test_no_positions_gives_a_message(ax, table):
    assert plot_stance_matrix(table, ax=ax) is ax
    assert not cells(ax)
    assert messages(ax) == ["no positions"]


def test_forced_issues_without_positions_gives_a_message_and_a_note(ax):
    plot_stance_matrix(positions(("France", "sanctions", "support")), ax=ax, issues=["aid_to_niger"])
    assert messages(ax) == ["no positions"]
    (note,) = [t.get_text() for t in ax.texts if t.get_gid() == "nigerlens-note"]
    assert note == "Not shown: 1 position(s) on Sanctions on Niger"


# --- the Axes ------------------------------------------------------------------------------


def test_passing_ax_returns_it():
    fig, (left, right) = plt.subplots(1, 2)
    assert plot_stance_matrix(positions(*RT), ax=right) is right
    assert not left.patches and not left.texts


def test_draws_on_the_current_axes_by_default():
    fig, ax = plt.subplots()
    assert plot_stance_matrix(positions(*RT)) is ax
    assert plt.get_fignums() == [fig.number]


def test_draws_inside_a_subfigure():
    fig = plt.figure(layout="constrained")
    left, _ = fig.subfigures(1, 2)
    ax = left.subplots()
    assert plot_stance_matrix(positions(*RT), ax=ax) is ax
    fig.canvas.draw()


def test_kwargs_reach_the_cells(ax):
    plot_stance_matrix(positions(*RT), ax=ax, linewidth=0.5, alpha=0.7)
    assert all(p.get_linewidth() == 0.5 and p.get_alpha() == 0.7 for p in cells(ax).values())
