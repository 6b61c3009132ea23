"""Tests for nigerlens.plots: what is drawn, not just that a call returns."""

import matplotlib
import matplotlib.pyplot as plt
import pytest

from nigerlens.plots import ACTOR_COLORS, actor_colors, count_kind, plot_bases_map, plot_troops
from nigerlens.tables.schema import frame

NIAMEY, AGADEZ, OUALLAM = (13.5137, 2.1098), (16.9733, 7.9911), (14.318, 2.086)



@pytest.fixture
def ax():
    return plt.subplots(figsize=(8, 5))[1]


def deployments(*rows):
    """Return a deployments table; each row is (actor, count, qualifier) or a dict of columns."""
    records = []
    for row in rows:
        if isinstance(row, tuple):
            actor, count, qualifier = row
            row = {"actor": actor, "count": count, "qualifier": qualifier}
        records.append({"article_id": "a1", "unit": "soldiers", "host": "Niger",
                        "status": "present", **row})
    return frame("deployments", records)


def bases(*rows):
    """Return a bases table from (actor, place, (lat, lon) or None) tuples."""
    return frame("bases", [
        {"article_id": "a1", "actor": actor, "place": place,
         "latitude": where[0] if where else None, "longitude": where[1] if where else None}
        for actor, place, where in rows
    ])


def gid_artists(ax, prefix):
    artists = [*ax.patches, *ax.collections, *ax.lines, *ax.texts]
    return [a for a in artists if (a.get_gid() or "").startswith(prefix)]


def bars(ax):
    return gid_artists(ax, "nigerlens-bar")


def display_x(ax, xy, coords):
    return (ax.transData if coords == "data" else coords).transform(xy)[0]


# --- count kinds ---------------------------------------------------------------------------


@pytest.mark.parametrize("qualifier, count_high, kind", [
    (None, None, "exact"),
    ("some", None, "approximate"),
    ("around", None, "approximate"),
    ("estimated", None, "approximate"),
    ("circa", None, "approximate"),  # not in the lexicon: never drawn as exact
    ("more than", None, "lower"),
    ("at least", None, "lower"),
    ("nearly", None, "upper"),
    ("up to", None, "upper"),
    ("fewer than", None, "upper"),
    ("between", 1100, "range"),
    ("between", None, "range"),
    (None, 1100, "range"),
    ("several", None, "unknown"),
    ("hundreds", None, "unknown"),
])
def test_count_kind(qualifier, count_high, kind):
    assert count_kind(qualifier, count_high) == kind


# --- troop bars ----------------------------------------------------------------------------


@pytest.mark.parametrize("qualifier, count, high, kind, left, width", [
    (None, 1000, None, "exact", 0, 1000),
    ("some", 1300, None, "approximate", 0, 1300),
    ("around", 1500, None, "approximate", 0, 1500),
    ("more than", 1100, None, "lower", 0, 1100),
    ("at least", 250, None, "lower", 0, 250),
    ("nearly", 100, None, "upper", 0, 100),
    ("up to", 1000, None, "upper", 0, 1000),
    ("between", 850, 1100, "range", 850, 250),
])
def test_bar_geometry(ax, qualifier, count, high, kind, left, width):
    rows = deployments({"actor": "France", "count": count, "count_high": high,
                        "qualifier": qualifier})
    (bar,) = bars(plot_troops(rows, ax=ax))
    assert bar.get_gid() == f"nigerlens-bar:{kind}"
    assert bar.get_x() == pytest.approx(left)
    assert bar.get_width() == pytest.approx(width)


@pytest.mark.parametrize("qualifier, looks_approximate", [
    (None, False),
    ("some", True),
    ("about", True),
    ("roughly", True),
    ("more than", False),
    ("between", False),
])
def test_approximate_bars_are_hatched_and_light_with_whisker(ax, qualifier, looks_approximate):
    rows = deployments({"actor": "France", "count": 1000, "qualifier": qualifier,
                        "count_high": 1200 if qualifier == "between" else None})
    plot_troops(rows, ax=ax)
    (bar,) = bars(ax)
    assert (bar.get_hatch() == "///") is looks_approximate
    assert ((bar.get_alpha() or 1.0) < 0.5) is looks_approximate
    whiskers = [c for c in ax.collections if c.get_gid() == "nigerlens-whisker"]
    assert len(whiskers) == looks_approximate
    labels = [t.get_text() for t in gid_artists(ax, "nigerlens-label")]
    assert labels[0].startswith("~ ") is looks_approximate


def test_whisker_spans_ten_percent(ax):
    plot_troops(deployments(("France", 1000, "around")), ax=ax)
    (whisker,) = [c for c in ax.collections if c.get_gid() == "nigerlens-whisker"]
    (segment,) = whisker.get_segments()
    assert sorted(x for x, _ in segment) == pytest.approx([900, 1100])


@pytest.mark.parametrize("qualifier, points_right", [
    ("more than", True),
    ("at least", True),
    ("nearly", False),
    ("up to", False),
])
def test_bound_arrows_point_the_right_way(ax, qualifier, points_right):
    plot_troops(deployments(("France", 1000, qualifier)), ax=ax)
    kind = "lower" if points_right else "upper"
    (arrow,) = gid_artists(ax, f"nigerlens-arrow:{kind}")
    tip = display_x(ax, arrow.xy, arrow.xycoords)
    tail = display_x(ax, arrow.xyann, arrow.anncoords)
    end = ax.transData.transform((1000, 0))[0]
    assert bool(tip > tail) is points_right
    assert min(tip, tail) == pytest.approx(end)  # both arrows start at the bar's end


def test_range_has_end_marks_at_low_and_high(ax):
    plot_troops(deployments({"actor": "Ivory Coast", "count": 850, "count_high": 1100,
                             "qualifier": "between"}), ax=ax)
    ends = sorted(line.get_xdata()[0] for line in gid_artists(ax, "nigerlens-range-end"))
    assert ends == [850, 1100]


@pytest.mark.parametrize("row, label", [
    ({"count": 1300, "qualifier": "some", "sentence": "The US has some 1,300 soldiers in Niger."},
     "~ some 1,300 soldiers"),
    ({"count": 850, "count_high": 1100, "qualifier": "between", "status": "pledged",
      "sentence": "It would contribute between 850 and 1,100 soldiers."},
     "between 850 and 1,100 soldiers (pledged)"),
    ({"count": 1000, "qualifier": "as many as", "unit": "mercenaries",
      "sentence": "Mali hosts as many as 1,000 Wagner mercenaries."},
     "as many as 1,000 Wagner mercenaries"),
    ({"count": 1500, "status": "withdrawing", "sentence": "France will withdraw its 1,500 soldiers."},
     "1,500 soldiers (withdrawing)"),
    ({"count": 1100, "qualifier": "more than"}, "more than 1,100 soldiers"),  # no sentence: rebuilt
])
def test_bars_are_annotated_with_the_words_as_written(ax, row, label):
    plot_troops(deployments({"actor": "United States", **row}), ax=ax)
    assert [t.get_text() for t in gid_artists(ax, "nigerlens-label")] == [label]


@pytest.mark.parametrize("rows, drawn, noted", [
    ([("France", 1500, "around")], 1, 0),
    ([("France", 1500, "around"), ("United States", 1300, "some")], 2, 0),
    ([("United States", 1000, None), ("United States", 1100, "more than")], 2, 0),
    ([("France", 1500, None), ("ECOWAS", None, "several")], 1, 1),
    ([("France", 1500, None), ("ECOWAS", 300, "several"), ("Niger", None, None)], 1, 2),
])
def test_one_bar_per_row_with_a_count_and_a_note_for_the_rest(ax, rows, drawn, noted):
    plot_troops(deployments(*rows), ax=ax)
    assert len(bars(ax)) == drawn
    notes = gid_artists(ax, "nigerlens-note")
    assert len(notes) == bool(noted)
    if noted:
        assert notes[0].get_text().count("\n") == noted  # a header line, then one per row


def test_note_quotes_the_vague_count(ax):
    rows = deployments(("France", 1500, None),
                       {"actor": "Niger junta", "count": None, "qualifier": "hundreds",
                        "sentence": "The junta mobilised hundreds of soldiers."})
    plot_troops(rows, ax=ax)
    (note,) = gid_artists(ax, "nigerlens-note")
    assert "Niger junta: \u201chundreds of soldiers\u201d" in note.get_text()


@pytest.mark.parametrize("rows", [
    [],
    [("ECOWAS", None, "several")],
])
def test_no_counts_gives_a_message(ax, rows):
    assert plot_troops(deployments(*rows), ax=ax) is ax
    assert not bars(ax)
    assert [t.get_text() for t in gid_artists(ax, "nigerlens-message")] == ["no troop counts"]


def test_source_ids_label_rows_when_sources_differ(ax):
    rows = deployments({"actor": "United States", "count": 1000, "article_id": "rt-1"},
                       {"actor": "United States", "count": 1100, "article_id": "ap-2"})
    plot_troops(rows, ax=ax)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["United States\nap-2", "United States\nrt-1"]


def test_one_source_labels_rows_by_actor_only(ax):
    plot_troops(deployments(("France", 1500, None), ("Italy", 300, "roughly")), ax=ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["France", "Italy"]


def test_bars_are_coloured_by_actor_and_labels_fit(ax):
    rows = deployments(("France", 1500, None), ("Chad", 300, "some"))
    plot_troops(rows, ax=ax)
    colors = actor_colors(["France", "Chad"])
    for bar, actor in zip(bars(ax), ["France", "Chad"], strict=True):
        assert matplotlib.colors.to_hex(bar.get_facecolor()) == colors[actor]
    ax.figure.canvas.draw()
    right = ax.get_window_extent().x1
    assert all(t.get_window_extent().x1 <= right + 1 for t in gid_artists(ax, "nigerlens-label"))


@pytest.mark.parametrize("rows", [
    [("France", 1500, "around"), ("United States", 1300, "some")],   # the largest bar approximate
    [("Chad", 40000, "about"), ("Mali", 900, None)],
    [("Russia", 100, "more than"), ("Germany", 90, "about")],         # the largest a lower bound
])
@pytest.mark.parametrize("layout", [None, "constrained", "tight"])
def test_labels_and_whiskers_of_the_largest_bar_stay_inside(rows, layout):
    fig, ax = plt.subplots(figsize=(7, 3), layout=layout)
    plot_troops(deployments(*rows), ax=ax)
    fig.canvas.draw()
    right = ax.get_window_extent().x1
    labels = gid_artists(ax, "nigerlens-label")
    assert len(labels) == len(rows)
    assert all(t.get_window_extent().x1 <= right + 1 for t in labels), [t.get_text() for t in labels]
    for whisker in gid_artists(ax, "nigerlens-whisker"):
        for segments in (c.get_segments() for c in whisker.get_children() if hasattr(c, "get_segments")):
            assert max(x for seg in segments for x, _ in seg) <= ax.get_xlim()[1]


def test_legend_lists_only_the_encodings_used(ax):
    plot_troops(deployments(("France", 1500, None), ("Italy", 300, "up to")), ax=ax)
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["exact count", "nearly / up to\n(could be lower)"]


def test_kwargs_reach_the_bars(ax):
    plot_troops(deployments(("France", 1500, None)), ax=ax, height=0.3)
    assert bars(ax)[0].get_height() == pytest.approx(0.3)


def test_draws_on_the_current_axes_by_default():
    fig, ax = plt.subplots()
    assert plot_troops(deployments(("France", 1500, None))) is ax
    assert plt.get_fignums() == [fig.number]


# --- actor colours -------------------------------------------------------------------------


def test_main_actors_have_fixed_distinct_colours():
    colors = actor_colors(ACTOR_COLORS)
    assert colors == ACTOR_COLORS
    assert len(set(colors.values())) == len(colors)


@pytest.mark.parametrize("names", [
    ["Chad", "Benin", "Senegal"],
    ["Senegal", None, "Chad", "Chad"],
    ["France", "Benin", "United Kingdom", "Chad", "China"],
])
def test_other_actors_get_stable_distinct_fallback_colours(names):
    colors = actor_colors(names)
    assert set(colors) == {n for n in names if n}
    assert len(set(colors.values())) == len(colors)



def test_fallback_colour_does_not_depend_on_the_main_actors_plotted():
    alone = actor_colors(["Chad"])["Chad"]
    assert actor_colors(["France", "Chad", "Russia"])["Chad"] == alone
    assert alone not in ACTOR_COLORS.values()


# --- bases map -----------------------------------------------------------------------------


def markers(ax):
    return gid_artists(ax, "nigerlens-base")


@pytest.mark.parametrize("rows, expected", [
    ([("United States", "Niamey", NIAMEY)], 1),
    ([("United States", "Niamey", NIAMEY), ("United States", "Niamey", NIAMEY)], 1),
    ([("United States", "Niamey", NIAMEY), ("France", "Niamey", NIAMEY)], 2),
    ([("United States", "Niamey", NIAMEY), ("United States", "Agadez", AGADEZ),
      ("France", "Niamey", NIAMEY), ("France", "Ouallam", OUALLAM)], 4),
    ([("United States", "Niamey", NIAMEY), ("Wagner Group", "Tillia", None)], 1),
    ([("United States", "Niamey", NIAMEY), ("United States", "Niamey", None)], 1),
])
def test_one_marker_per_actor_and_place_with_coordinates(ax, rows, expected):
    assert plot_bases_map(bases(*rows), ax=ax) is ax
    assert len(markers(ax)) == expected
    assert all(len(m.get_offsets()) == 1 for m in markers(ax))
    places = {r[1] for r in rows if r[2]}
    assert sorted(t.get_text() for t in gid_artists(ax, "nigerlens-place")) == sorted(places)


def test_bases_without_coordinates_are_listed(ax):
    plot_bases_map(bases(("United States", "Niamey", NIAMEY), ("Wagner Group", "Tillia", None)),
                   ax=ax)
    (note,) = gid_artists(ax, "nigerlens-note")
    assert "Wagner Group at Tillia" in note.get_text()


def test_marker_size_grows_with_troop_count(ax):
    troops = deployments(("United States", 1300, "some"), ("France", 500, None),
                         {"actor": "France", "count": 400, "qualifier": None},
                         {"actor": "Italy", "count": 5000, "host": "Mali"})  # not in Niger
    rows = bases(("United States", "Agadez", AGADEZ), ("France", "Ouallam", OUALLAM),
                 ("Italy", "Niamey", NIAMEY))
    plot_bases_map(rows, troops, ax=ax)
    size = {m.get_label().split(" at ")[0]: m.get_sizes()[0] for m in markers(ax)}
    assert size["United States"] > size["France"]
    assert size["United States"] / size["France"] == pytest.approx(1300 / 500)  # area ∝ troops
    assert size["Italy"] < size["United States"]  # no count in Niger: the default size


def legend_texts(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def test_two_bases_sized_by_a_national_total_say_so(ax):
    # 1,300 troops in Niger, two bases: the markers are not two forces of 1,300
    plot_bases_map(bases(("United States", "Niamey", NIAMEY), ("United States", "Agadez", AGADEZ)),
                   deployments(("United States", 1300, "some")), ax=ax)
    assert any("national total, not per base" in t for t in legend_texts(ax))


@pytest.mark.parametrize("located", [
    [("Niamey", 800), ("Agadez", 500)],
    [("Niamey", 100), ("Agadez", 1000)],
])
def test_a_count_tied_to_a_base_sizes_its_marker(ax, located):
    rows = [("United States", 1300, "some")] + [{"actor": "United States", "count": n, "qualifier": None, "location": place} for place, n in located]
    plot_bases_map(bases(("United States", "Niamey", NIAMEY), ("United States", "Agadez", AGADEZ)),
                   deployments(*rows).assign(location=[None] + [p for p, _ in located]), ax=ax)
    size = {m.get_label().split(" at ")[1]: m.get_sizes()[0] for m in markers(ax)}
    (a, na), (b, nb) = located
    assert size[a] / size[b] == pytest.approx(na / nb)
    assert any("at the base" in t for t in legend_texts(ax))


def test_actors_sharing_a_place_are_drawn_apart(ax):
    plot_bases_map(bases(("United States", "Niamey", NIAMEY), ("France", "Niamey", NIAMEY)),
                   ax=ax)
    ax.figure.canvas.draw()
    centres = [m.get_offset_transform().transform(m.get_offsets()[0]) for m in markers(ax)]
    assert abs(centres[0][0] - centres[1][0]) > 5  # pixels apart
    assert centres[0][1] == pytest.approx(centres[1][1])


def test_markers_use_actor_colours_and_legend_names_them(ax):
    plot_bases_map(bases(("United States", "Niamey", NIAMEY), ("Chad", "Agadez", AGADEZ)),
                   deployments(("United States", 1300, "some")), ax=ax)
    colors = actor_colors(["United States", "Chad"])
    fill = {m.get_label().split(" at ")[0]: m.get_facecolor()[0] for m in markers(ax)}
    edge = {m.get_label().split(" at ")[0]: m.get_edgecolor()[0] for m in markers(ax)}
    assert matplotlib.colors.to_hex(fill["United States"]) == colors["United States"]
    assert matplotlib.colors.to_hex(edge["Chad"]) == colors["Chad"]  # no count: a ring
    assert matplotlib.colors.to_hex(fill["Chad"]) == "#ffffff"
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts[:2] == ["United States", "Chad"]
    assert "not known" in texts  # Chad has no count: the size key says so


def test_empty_bases_still_draw_the_map(ax):
    plot_bases_map(bases(), ax=ax)
    assert not markers(ax)
    assert [t.get_text() for t in gid_artists(ax, "nigerlens-message")] == ["no bases with coordinates"]
    countries = [t.get_text() for t in gid_artists(ax, "nigerlens-country")]
    assert "NIGER" in countries and "MALI" in countries
    assert ax._nigerlens_basemap.llcrnrlon == pytest.approx(-1)


def test_rows_without_actor_are_still_drawn(ax):
    plot_troops(deployments({"actor": None, "count": 200}), ax=ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["unknown actor"]


@pytest.mark.parametrize("plot, table", [
    (plot_troops, lambda: deployments(("France", 1500, None))),
    (plot_bases_map, lambda: bases(("France", "Niamey", NIAMEY))),
])
def test_draws_inside_a_subfigure(plot, table):
    fig = plt.figure(layout="constrained")
    left, _ = fig.subfigures(1, 2)
    ax = left.subplots()
    assert plot(table(), ax=ax) is ax
