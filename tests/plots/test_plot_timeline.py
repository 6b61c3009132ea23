"""Tests for nigerlens.plots.plot_timeline: what is drawn, not just that a call returns."""

import datetime as dt
import subprocess
import sys

import matplotlib
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pytest

from nigerlens.plots import actor_colors, plot_timeline
from nigerlens.plots.timeline import NO_ACTOR_COLOR
from nigerlens.tables.schema import frame


@pytest.fixture
def ax():
    return plt.subplots(figsize=(9, 3.6), layout="constrained")[1]


def event(date, date_end=None, expression="", summary="", actors=None, precision=None,
          anchor="2023-08-14", how="from the publication date"):
    """Return an events row; the precision is "day" or "week" unless given."""
    if precision is None:
        precision = "day" if date_end is None else "week"
    return {"article_id": "rt-1", "date": date, "date_end": date_end, "precision": precision,
            "expression": expression, "anchor": anchor, "how": how, "summary": summary,
            "actors": actors}


def events(*rows):
    return frame("events", rows)


# The five events of the RT article of 2023-08-14, in the order the extractor finds them.
RT = (
    event("2023-08-12", "2023-08-13", "over the weekend", "Le Figaro reported", "Le Figaro",
          precision="weekend"),
    event("2023-07-21", "2023-07-31", "late July",
          "a new military government came to power in Niger in a coup", "Niger junta; Niger",
          precision="part-of-month"),
    event("2023-07-26", None, "July 26", "The coup in Niger took place", "Niger"),
    event("2023-08-14", None, "On Monday",
          "Niger's military government agreed to hold talks with ECOWAS", "Niger junta; ECOWAS"),
    event("2023-08-07", None, "last Monday", "Nuland visited Niger", "Victoria Nuland; Niger"),
)
UNRESOLVED = event(None, None, "earlier", "troops were moved", "France", precision="unresolved",
                   anchor=None, how="no calendar anchor in the sentence")


def gid_artists(ax, prefix):
    artists = [*ax.patches, *ax.collections, *ax.lines, *ax.texts]
    return [a for a in artists if (a.get_gid() or "") == prefix]


def days(ax):
    return gid_artists(ax, "nigerlens-day")


def spans(ax):
    return gid_artists(ax, "nigerlens-span")


def labels(ax):
    return [t.get_text() for t in gid_artists(ax, "nigerlens-label")]


def num(iso):
    return mdates.date2num(dt.date.fromisoformat(iso))


# --- marks ---------------------------------------------------------------------------------


@pytest.mark.parametrize("rows, n_days, n_spans", [
    (RT, 3, 2),
    ([event("2023-07-26")], 1, 0),
    ([event("2023-07-26"), event("2023-07-26")], 2, 0),  # one row per event, even on one day
    ([event("2023-07-26", "2023-07-26")], 1, 0),  # an end on the start day is a single day
    ([event("2023-07-01", "2023-07-31", precision="month")], 0, 1),
    ([*RT, UNRESOLVED], 3, 2),
    ([event("2023-07-26"), event(None, precision="day")], 1, 0),  # no date: not drawn
])
def test_one_marker_per_single_day_and_one_bar_per_range(ax, rows, n_days, n_spans):
    plot_timeline(events(*rows), ax=ax)
    assert len(days(ax)) == n_days
    assert all(len(m.get_xdata()) == 1 for m in days(ax))
    assert len(spans(ax)) == n_spans


@pytest.mark.parametrize("start, end, precision, width", [
    ("2023-08-12", "2023-08-13", "weekend", 2),
    ("2023-07-21", "2023-07-31", "part-of-month", 11),
    ("2023-07-01", "2023-07-31", "month", 31),
    ("2023-08-07", "2023-08-13", "week", 7),
    ("2023-07-01", "2023-09-30", "quarter", 92),
])
def test_a_range_is_a_bar_from_its_start_to_the_end_of_its_last_day(ax, start, end, precision,
                                                                      width):
    plot_timeline(events(event(start, end, precision=precision)), ax=ax)
    (bar,) = spans(ax)
    assert bar.get_x() == pytest.approx(num(start))
    assert bar.get_x() + bar.get_width() == pytest.approx(num(end) + 1)
    assert bar.get_width() == pytest.approx(width)


def test_single_days_are_drawn_at_their_date(ax):
    plot_timeline(events(*RT), ax=ax)
    xs = sorted(m.get_xdata()[0] for m in days(ax))
    assert xs == pytest.approx([num("2023-07-26"), num("2023-08-07"), num("2023-08-14")])


def test_rows_are_chronological_with_the_earliest_on_top(ax):
    plot_timeline(events(*RT), ax=ax)
    starts = {m.get_ydata()[0]: m.get_xdata()[0] for m in days(ax)}
    starts |= {b.get_y() + b.get_height() / 2: b.get_x() for b in spans(ax)}
    rows = sorted(starts)
    assert rows == pytest.approx(range(5))
    assert [starts[y] for y in rows] == sorted(starts.values())
    bottom, top = ax.get_ylim()
    assert top < bottom  # row 0 at the top


# --- labels --------------------------------------------------------------------------------


@pytest.mark.parametrize("row, label", [
    (event("2023-08-07", None, "last Monday", "Nuland visited Niger"),
     'Nuland visited Niger \u2014 "last Monday"'),
    (event("2023-08-12", "2023-08-13", "over the weekend", "Le Figaro reported"),
     'Le Figaro reported \u2014 "over the weekend"'),
    (event("2023-08-07", None, "", "Nuland visited Niger"), "Nuland visited Niger"),
    (event("2023-08-07", None, "last Monday", None), '"last Monday"'),
    (event("2023-08-14", None, "On Monday",
           "Niger's military government agreed to hold talks with ECOWAS"),
     'Niger\'s military government agreed to\u2026 \u2014 "On Monday"'),  # cut at a word
])
def test_labels_give_the_summary_and_the_words_that_date_it(ax, row, label):
    plot_timeline(events(row), ax=ax)
    assert labels(ax) == [label]


@pytest.mark.parametrize("max_label", [10, 25, 40, 80])
def test_summaries_are_cut_to_max_label(ax, max_label):
    summary = "a new military government came to power in Niger in a coup"
    plot_timeline(events(event("2023-07-26", None, "July 26", summary)), ax=ax,
                  max_label=max_label)
    (label,) = labels(ax)
    shown = label.split(" \u2014 ")[0]
    assert len(shown) <= max_label
    assert shown == summary if len(summary) <= max_label else shown.endswith("\u2026")
    assert label.endswith('"July 26"')


def test_labels_of_the_article_are_all_there_and_inside_the_axes(ax):
    plot_timeline(events(*RT), ax=ax)
    texts = labels(ax)
    for row in RT:
        assert any(row["summary"][:20] in t and f'"{row["expression"]}"' in t for t in texts)
    ax.figure.canvas.draw()
    box = ax.get_window_extent()
    for text in gid_artists(ax, "nigerlens-label"):
        extent = text.get_window_extent()
        assert box.x0 - 1 <= extent.x0 and extent.x1 <= box.x1 + 1


def test_a_label_that_fits_nowhere_widens_the_axis_but_ticks_stay_on_the_dates(ax):
    long = "France kept its soldiers at the air base in Niamey all along"
    plot_timeline(events(event("2023-01-01", "2023-12-31", "this year", long, "France",
                               precision="year")), ax=ax, publication="2023-08-14", max_label=80)
    ax.figure.canvas.draw()
    (text,) = gid_artists(ax, "nigerlens-label")
    assert text.get_window_extent().x1 <= ax.get_window_extent().x1 + 1
    assert max(ax.get_xticks()) <= num("2024-01-01") + 30


# --- publication ---------------------------------------------------------------------------


def publication_x(ax):
    (line,) = gid_artists(ax, "nigerlens-publication")
    assert line.get_linestyle() == "--"
    return line.get_xdata()[0]


@pytest.mark.parametrize("publication", ["2023-08-14", dt.date(2023, 8, 14),
                                         dt.datetime(2023, 8, 14, 9, 30)])
def test_publication_line_is_at_the_given_date(ax, publication):
    plot_timeline(events(*RT), ax=ax, publication=publication)
    assert publication_x(ax) == pytest.approx(num("2023-08-14"))
    (label,) = gid_artists(ax, "nigerlens-publication-label")
    assert label.get_text() == "published 2023-08-14"


def test_publication_defaults_to_the_most_common_anchor(ax):
    rows = [*RT, event("2023-02-01", anchor="2023-08-20"), event("2023-03-01", anchor=None)]
    plot_timeline(events(*rows), ax=ax)
    assert publication_x(ax) == pytest.approx(num("2023-08-14"))


def test_no_anchor_and_no_publication_draws_no_line(ax):
    plot_timeline(events(event("2023-07-26", anchor=None)), ax=ax)
    assert not gid_artists(ax, "nigerlens-publication")


def test_a_publication_that_is_not_a_date_is_an_error(ax):
    with pytest.raises(ValueError, match="publication"):
        plot_timeline(events(*RT), ax=ax, publication="mid-August")


# --- unresolved and empty ------------------------------------------------------------------


def test_unresolved_rows_are_listed_in_a_note_not_drawn(ax):
    plot_timeline(events(*RT, UNRESOLVED), ax=ax)
    assert len(labels(ax)) == len(RT)
    assert not any("troops were moved" in t for t in labels(ax))
    (note,) = gid_artists(ax, "nigerlens-note")
    assert '"earlier": no calendar anchor in the sentence' in note.get_text()


def test_a_row_marked_unresolved_is_not_drawn_even_with_a_date(ax):
    row = {**UNRESOLVED, "date": "2023-08-14"}
    plot_timeline(events(event("2023-07-26"), row), ax=ax)
    assert len(days(ax)) == 1
    assert len(gid_artists(ax, "nigerlens-note")) == 1


@pytest.mark.parametrize("rows, noted", [
    ([], 0),
    ([UNRESOLVED], 1),
    ([UNRESOLVED, {**UNRESOLVED, "expression": "later"}], 2),
])
def test_nothing_dated_gives_a_message(ax, rows, noted):
    assert plot_timeline(events(*rows), ax=ax) is ax
    assert not days(ax) and not spans(ax)
    assert [t.get_text() for t in gid_artists(ax, "nigerlens-message")] == ["no dated events"]
    notes = gid_artists(ax, "nigerlens-note")
    assert len(notes) == bool(noted)
    if noted:
        assert notes[0].get_text().count("\n") == noted  # a header line, then one per row


def test_none_gives_a_message(ax):
    plot_timeline(None, ax=ax)
    assert [t.get_text() for t in gid_artists(ax, "nigerlens-message")] == ["no dated events"]


# --- colours and legend --------------------------------------------------------------------


def mark_colors(ax):
    """Return {label: hex colour of its mark}; rows are y positions shared by mark and label."""
    by_row = {m.get_ydata()[0]: m.get_color() for m in days(ax)}
    by_row |= {b.get_y() + b.get_height() / 2: b.get_facecolor() for b in spans(ax)}
    return {t.get_text(): matplotlib.colors.to_hex(by_row[t.xy[1]])
            for t in gid_artists(ax, "nigerlens-label")}


@pytest.mark.parametrize("actors, side", [
    ("Niger", "Niger"),
    ("Niger junta; ECOWAS", "Niger junta"),  # the first actor is the main one
    ("Chad", "Chad"),  # not a main actor: a fallback colour
    ("Victoria Nuland; Niger", "United States"),  # a person: the side they speak for
    ("Le Figaro", "Le Figaro"),
])
@pytest.mark.parametrize("date_end", [None, "2023-08-13"])
def test_marks_are_coloured_by_main_actor(ax, actors, side, date_end):
    plot_timeline(events(event("2023-08-12", date_end, "then", "it happened", actors)), ax=ax)
    assert list(mark_colors(ax).values()) == [actor_colors([side])[side]]


@pytest.mark.parametrize("actors", [None, "", " ; "])
def test_no_actor_is_grey(ax, actors):
    plot_timeline(events(event("2023-08-07", None, "then", "it happened", actors)), ax=ax)
    assert list(mark_colors(ax).values()) == [NO_ACTOR_COLOR]
    assert "no actor named" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_legend_names_the_actors_and_the_two_marks(ax):
    plot_timeline(events(*RT), ax=ax)
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    # actors in the order of their first row, top to bottom
    assert texts[:4] == ["Niger junta", "Niger", "United States (Victoria Nuland)", "Le Figaro"]
    assert texts[4] == "single day"
    assert texts[5].startswith("date range")


@pytest.mark.parametrize("rows, marks", [
    ([event("2023-07-26")], ["single day"]),
    ([event("2023-07-01", "2023-07-31")], ["date range"]),
])
def test_legend_lists_only_the_marks_used(ax, rows, marks):
    plot_timeline(events(*rows), ax=ax)
    texts = [t.get_text().split("\n")[0] for t in ax.get_legend().get_texts()]
    assert texts[-len(marks):] == marks and len(texts) == len(marks) + 1  # + "no actor named"


# --- axes ----------------------------------------------------------------------------------


def test_the_axis_is_a_date_axis_with_concise_labels(ax):
    plot_timeline(events(*RT), ax=ax)
    assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)
    left, right = ax.get_xlim()
    assert left < num("2023-07-21") and right > num("2023-08-14")


def test_passing_ax_returns_it():
    fig, (left, right) = plt.subplots(1, 2)
    assert plot_timeline(events(*RT), ax=right) is right
    assert not left.lines and not left.patches


def test_draws_on_the_current_axes_by_default():
    fig, ax = plt.subplots()
    assert plot_timeline(events(*RT)) is ax
    assert plt.get_fignums() == [fig.number]


def test_draws_inside_a_subfigure():
    fig = plt.figure(layout="constrained")
    left, _ = fig.subfigures(1, 2)
    ax = left.subplots()
    assert plot_timeline(events(*RT), ax=ax) is ax


def test_kwargs_reach_the_marks_that_have_them(ax):
    plot_timeline(events(*RT), ax=ax, height=0.3, markersize=4, alpha=0.5)
    assert all(b.get_height() == pytest.approx(0.3) for b in spans(ax))
    assert all(m.get_markersize() == 4 for m in days(ax))
    assert all(a.get_alpha() == 0.5 for a in [*spans(ax), *days(ax)])


def test_unknown_kwargs_are_an_error(ax):
    with pytest.raises(TypeError, match="no_such_property"):
        plot_timeline(events(*RT), ax=ax, no_such_property=1)


def test_importing_the_plots_loads_neither_matplotlib_nor_pandas():
    code = ("import sys, nigerlens.plots; "
            "print(sorted(m for m in ('matplotlib', 'pandas', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("text, colour", [
    # the event's own actor, not the first actor of its sentence (issue 15)
    ("Pistorius said 60 soldiers stayed after the July 2023 coup.", None),
    ("Tinubu recalled the July 26 coup in Niamey.", None),
    ("Germany closed its base on Aug. 30, Pistorius said.", "Germany"),
])
def test_events_are_coloured_by_their_own_actor(ax, text, colour):
    import nigerlens as nl

    plot_timeline(nl.events(nl.from_text(text, published="2024-09-01")), ax=ax)
    expected = NO_ACTOR_COLOR if colour is None else actor_colors([colour])[colour]
    assert [matplotlib.colors.to_hex(c) for c in mark_colors(ax).values()] == [matplotlib.colors.to_hex(expected)]
