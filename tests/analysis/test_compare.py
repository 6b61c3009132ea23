"""Comparing sources across a corpus: troop counts, conflicting dates, positions over time, and
the two corpus plots. The sample corpus is data/corpus (see its README)."""

import math

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
import pytest

import nigerlens as nl
from nigerlens.analysis.chronology import CONFLICT_WINDOW_DAYS, parse_dates
from nigerlens.analysis.compare import (
    COMPARE_COLUMNS,
    compare_deployments,
    deployment_reports,
    positions_over_time,
    reports_agree,
)
from nigerlens.analysis.counts import count_interval
from nigerlens.plots import plot_chronology, plot_troop_reports
from nigerlens.plots.corpus import CONFLICT_COLOR
from nigerlens.resources import SAMPLE_CORPUS
from nigerlens.tables.schema import frame


@pytest.fixture(scope="session")
def corpus():
    return nl.extract(SAMPLE_CORPUS)


def report(qualifier, count, count_high=None):
    low, high, estimate = count_interval(qualifier, count, count_high)
    return {"lower_bound": low if not math.isnan(low) else None,
            "upper_bound": high if not math.isnan(high) else None, "estimate": estimate}


# --- reading a stated count ----------------------------------------------------------------

# (qualifier, count, count_high, (lower_bound, upper_bound, estimate))
INTERVALS = [
    (None, 1500, None, (1500, 1500, 1500)),
    ("about", 1100, None, (990, 1210, 1100)),
    ("some", 1300, None, (1170, 1430, 1300)),
    ("between", 1000, 1500, (1000, 1500, 1250)),
    (None, 850, 1100, (850, 1100, 975)),  # a range without "between"
    ("more than", 1100, None, (1100, math.inf, None)),
    ("at least", 100, None, (100, math.inf, None)),
    ("nearly", 1500, None, (1350, 1500, None)),
    ("up to", 1500, None, (0, 1500, None)),
]


@pytest.mark.parametrize("qualifier, count, count_high, expected", INTERVALS,
                         ids=[f"{q} {c}" for q, c, _, _ in INTERVALS])
def test_a_stated_count_allows_an_interval_of_figures(qualifier, count, count_high, expected):
    low, high, estimate = count_interval(qualifier, count, count_high)
    assert (low, high) == pytest.approx(expected[:2])
    assert estimate == (None if expected[2] is None else pytest.approx(expected[2]))


def test_a_count_without_a_number_allows_nothing_to_compare():
    low, high, estimate = count_interval("several", None)
    assert math.isnan(low) and math.isnan(high) and estimate is None


# (report a, report b, agree?)
AGREEMENT = [
    (("some", 1300), ("about", 1100), False),  # no figure within 10 % of both
    (("about", 1000), ("about", 1100), True),  # 1,000 and 1,100 each within 10 % of the other
    (("about", 1300), ("about", 1000), False),
    ((None, 1500), ("around", 1500), True),
    ((None, 1500), (None, 1450), False),  # two exact figures that differ
    (("around", 1500), ("between", 1000, 1500), False),  # 1,500 fits both, the range's 1,250 does not
    (("between", 1000, 1500), ("between", 1200, 1500), True),
    (("between", 850, 1100), ("between", 1200, 1500), False),  # ranges apart
    (("more than", 1100), ("some", 1300), True),
    (("more than", 1100), ("about", 1000), False),
    (("nearly", 1500), ("about", 1400), True),
    (("nearly", 1500), (None, 1600), False),
    (("up to", 1500), ("about", 800), True),
    (("several", None), ("about", 1100), True),  # no number: nothing to disagree with
]


@pytest.mark.parametrize("a, b, agree", AGREEMENT,
                         ids=[f"{a} vs {b}" for a, b, _ in AGREEMENT])
def test_when_two_reports_agree(a, b, agree):
    assert reports_agree(report(*a), report(*b)) is agree
    assert reports_agree(report(*b), report(*a)) is agree  # symmetric


def deployments(*rows):
    """A corpus deployments table from (article_id, outlet, published, actor, count, qualifier[, status])."""
    records = []
    for article_id, _, _, actor, count, qualifier, *status in rows:
        records.append({"article_id": article_id, "actor": actor, "count": count,
                        "qualifier": qualifier, "unit": "troops", "host": "Niger",
                        "status": status[0] if status else "present",
                        "sentence": " ".join(w for w in (actor, "has", qualifier, f"{count:,}", "troops in Niger.") if w)})
    df = frame("deployments", records)
    df.insert(1, "outlet", pd.Series([r[1] for r in rows], dtype="string"))
    df.insert(2, "published", pd.Series([r[2] for r in rows], dtype="string"))
    return df


def test_one_article_giving_a_past_and_a_present_figure_is_no_disagreement():
    df = deployments(("a1", "Wire", "2024-05-20", "United States", 1000, "about"),
                     ("a1", "Wire", "2024-05-20", "United States", 1300, None, "past"))
    (row,) = compare_deployments(df, statuses=None).itertuples()
    assert row.n_reports == 2 and not row.disagree


def test_past_and_pledged_counts_are_left_out_by_default():
    df = deployments(("a1", "Wire", "2023-08-08", "United States", 1100, "about"),
                     ("a2", "Daily", "2023-08-09", "United States", 1300, None, "past"),
                     ("a3", "Daily", "2023-08-10", "Ivory Coast", 850, None, "pledged"))
    compared = compare_deployments(df)
    assert compared["actor"].tolist() == ["United States"]
    assert not compared["disagree"].iloc[0] and compared["n_reports"].iloc[0] == 1


def test_disagreement_names_the_closest_pair_in_time():
    df = deployments(("a1", "Monitor", "2023-08-08", "United States", 1100, "about"),
                     ("a2", "RT", "2023-08-14", "United States", 1300, "some"),
                     ("a3", "Wire", "2024-05-20", "United States", 1000, "about"))
    (row,) = compare_deployments(df).itertuples()
    assert row.disagree
    assert row.disagreement == "about 1,100 troops (Monitor 2023-08-08) vs some 1,300 troops (RT 2023-08-14)"
    assert row.counts == ("1,100 (about, Monitor 2023-08-08); 1,300 (some, RT 2023-08-14); "
                          "1,000 (about, Wire 2024-05-20)")
    assert (row.low, row.high, row.n_sources, row.first, row.last) == (1000, 1300, 3, pd.Timestamp("2023-08-08"), pd.Timestamp("2024-05-20"))


def test_one_article_table_names_sources_by_article_id(bundled):
    compared = compare_deployments(nl.deployments(bundled))
    assert set(compared["actor"]) == {"United States", "France"}
    assert set(compared["sources"]) == {bundled.id}
    assert not compared["disagree"].any()


def test_empty_deployments_give_an_empty_comparison():
    compared = compare_deployments(frame("deployments"))
    assert len(compared) == 0 and list(compared.columns) == COMPARE_COLUMNS
    assert len(deployment_reports(frame("deployments"))) == 0


# --- the sample corpus ---------------------------------------------------------------------


def test_sample_corpus_loads_every_article(corpus):
    assert len(corpus["articles"]) == 9 and len(corpus["errors"]) == 0
    assert corpus["articles"]["published"].notna().all()
    assert corpus["articles"]["outlet"].nunique() == 7


# The counts the texts written for the corpus are meant to give:
# (article, actor, count, count_high, qualifier, status)
WRITTEN = [
    ("sm-20230808-nuland-niamey", "United States", 1100, None, "about", "present"),
    ("ed-20230820-paris-washington-rift", "France", 1000, 1500, "between", "present"),
    ("ed-20230820-paris-washington-rift", "United States", 1100, None, "about", "present"),
    ("er-20230908-us-troops-agadez", "United States", 1100, None, "roughly", "present"),
    ("er-20230908-us-troops-agadez", "France", 1500, None, None, "present"),
    ("epa-20231222-last-french-troops", "France", 1500, None, "about", "past"),
]


def test_written_texts_give_the_intended_counts(corpus):
    df = corpus["deployments"]
    ours = df[df["article_id"].isin({w[0] for w in WRITTEN})]
    got = {(r.article_id, r.actor, r.count, None if pd.isna(r.count_high) else r.count_high,
            None if pd.isna(r.qualifier) else r.qualifier, r.status) for r in ours.itertuples()}
    assert got == set(WRITTEN)


def test_sample_corpus_us_figures_disagree(corpus):
    compared = compare_deployments(corpus).set_index("actor")
    us = compared.loc["United States"]
    assert us["disagree"]
    for figure in ("1,300 (some, RT 2023-08-14)", "1,100 (about, Sahel Monitor 2023-08-08)",
                   "1,000 (about, Example News 2023-10-11)"):
        assert figure in us["counts"]
    assert (us["low"], us["high"]) == (1000, 1300)
    assert "some 1,300" in us["disagreement"] and "RT 2023-08-14" in us["disagreement"]


def test_sample_corpus_france_figures_disagree(corpus):
    compared = compare_deployments(corpus).set_index("actor")
    france = compared.loc["France"]
    assert france["disagree"]
    assert "1,000\u20131,500 (between, Example Daily 2023-08-20)" in france["counts"]
    assert "between 1,000 and 1,500" in france["disagreement"]
    assert "1,500 (past" not in france["counts"]  # "France had about 1,500" is not compared


def test_sample_corpus_single_reports_do_not_disagree(corpus):
    compared = compare_deployments(corpus)
    assert compared["disagree"].tolist() == [True, True, False, False]  # disagreements first
    assert compared.loc[~compared["disagree"], "disagreement"].isna().all()


def test_reports_are_sorted_by_publication_date_and_carry_their_sentence(corpus):
    reports = deployment_reports(corpus)
    assert reports["published"].tolist() == sorted(reports["published"])
    assert len(reports) == len(corpus["deployments"].dropna(subset=["actor"]))
    rt = reports[(reports["outlet"] == "RT") & (reports["actor"] == "United States")].iloc[0]
    assert rt["stated"] == "some 1,300 soldiers" and rt["kind"] == "approximate"
    assert "1,300" in rt["sentence"]


# --- conflicting dates ---------------------------------------------------------------------


def test_sample_corpus_nuland_visit_is_one_event_with_a_conflict(corpus):
    merged = nl.merge_events(corpus["events"])
    conflicts = merged[merged["conflict"]]
    assert len(conflicts) == 1
    nuland = conflicts.iloc[0]
    assert "Victoria Nuland" in nuland["actors"] and nuland["mentions"] == 3
    assert nuland["dates"] == "2023-08-06 (Example Daily); 2023-08-07 (RT, Sahel Monitor)"
    assert nuland["date"] == pd.Timestamp("2023-08-07")  # the day two of the three articles give
    assert sorted(corpus["events"].loc[nuland["rows"], "expression"]) == ["last Monday", "on Monday", "on Sunday, Aug. 6"]


def event(article_id, date, summary, actors, precision="day", date_end=None, outlet=None):
    return {"article_id": article_id, "outlet": outlet or article_id, "date": date,
            "date_end": date_end, "precision": precision, "expression": date,
            "summary": summary, "actors": actors}


def events(*rows):
    df = frame("events", rows)
    df.insert(1, "outlet", pd.Series([r["outlet"] for r in rows], dtype="string"))
    return df


NULAND = event("a1", "2023-08-07", "Nuland visited Niger", "Victoria Nuland; Niger")

# (second mention, one event with a conflict?)
CONFLICT_CASES = [
    pytest.param(event("a2", "2023-08-06", "Victoria Nuland visited Niamey", "Victoria Nuland; Niger"),
                 True, id="other article, other day, same actors and verb"),
    pytest.param(event("a2", "2023-08-06", "Acting Deputy Secretary of State Nuland visited Niamey",
                       "United States; Victoria Nuland; Niger"),
                 True, id="more actors in one mention"),
    pytest.param(event("a1", "2023-08-06", "Nuland visited Niger", "Victoria Nuland; Niger"),
                 False, id="same article: two visits"),
    pytest.param(event("a2", "2023-08-22", "Nuland visited Niger", "Victoria Nuland; Niger"),
                 False, id="15 days apart"),
    pytest.param(event("a2", "2023-08-06", "Nuland spoke to reporters", "Victoria Nuland"),
                 False, id="no shared word"),
    pytest.param(event("a2", "2023-08-06", "Blinken visited Niger", "Antony Blinken; Niger"),
                 False, id="other actors"),
    pytest.param(event("a2", "2023-08-01", "Nuland visited Niger", "Victoria Nuland; Niger",
                       precision="week", date_end="2023-08-06"),
                 False, id="a week before, not a day"),
    pytest.param(event("a2", "2023-08-07", "Nuland visited Niger", "Victoria Nuland; Niger"),
                 None, id="same day: merged without conflict"),
]


@pytest.mark.parametrize("other, conflict", CONFLICT_CASES)
def test_conflict_rules(other, conflict):
    merged = nl.merge_events(events(NULAND, other))
    if conflict is None:
        assert len(merged) == 1 and not merged["conflict"].iloc[0]
    elif conflict:
        assert len(merged) == 1 and merged["conflict"].iloc[0]
        assert merged["dates"].iloc[0] == f"{other['date']} (a2); 2023-08-07 (a1)"
    else:
        assert len(merged) == 2 and not merged["conflict"].any()


def test_conflict_window_is_two_weeks():
    assert CONFLICT_WINDOW_DAYS == 14
    fourteen = event("a2", "2023-08-21", "Nuland visited Niger", "Victoria Nuland; Niger")
    assert nl.merge_events(events(NULAND, fourteen))["conflict"].tolist() == [True]


def test_a_conflict_is_dated_by_the_day_most_articles_give():
    rows = [event("a1", "2023-08-06", "Nuland visited Niger", "Victoria Nuland; Niger"),
            event("a2", "2023-08-07", "Nuland visited Niger", "Victoria Nuland; Niger"),
            event("a3", "2023-08-07", "Nuland visited Niamey", "Victoria Nuland; Niger")]
    (row,) = nl.merge_events(events(*rows)).itertuples()
    assert row.date == pd.Timestamp("2023-08-07") and row.conflict and row.mentions == 3


def test_without_outlets_sources_are_article_ids(bundled):
    merged = nl.merge_events(nl.events(bundled))
    assert not merged["conflict"].any()
    assert merged["dates"].str.contains(bundled.id).all()


@pytest.mark.parametrize("value, parsed", [
    ("2023-08-06 (Example Daily); 2023-08-07 (RT, Sahel Monitor)",
     [("2023-08-06", "2023-08-06", ["Example Daily"]), ("2023-08-07", "2023-08-07", ["RT", "Sahel Monitor"])]),
    ("2023-07-21/2023-07-31 (RT)", [("2023-07-21", "2023-07-31", ["RT"])]),
    ("2023-08-06 (Radio (Niamey); Daily)", [("2023-08-06", "2023-08-06", ["Radio (Niamey); Daily"])]),
    (None, []),
])
def test_parse_dates(value, parsed):
    got = [(s.isoformat(), e.isoformat(), sources) for s, e, sources in parse_dates(value)]
    assert got == parsed


# --- positions over time -------------------------------------------------------------------


def test_positions_are_sorted_by_publication_date(corpus):
    positions = positions_over_time(corpus)
    assert positions["published"].tolist() == sorted(positions["published"])
    assert len(positions) == len(corpus["positions"])
    assert list(positions.columns[:6]) == ["published", "outlet", "actor", "issue", "stance", "claimed_by"]


@pytest.mark.parametrize("actor, issue", [
    ("France", None), (None, "foreign_troops_presence"), ("France", "reinstate_bazoum"),
    (["France", "United States"], None), (None, ["sanctions", "aid_to_niger"]),
])
def test_positions_filter_by_actor_and_issue(corpus, actor, issue):
    positions = positions_over_time(corpus, actor=actor, issue=issue)
    assert len(positions) > 0
    if actor is not None:
        assert set(positions["actor"]) <= ({actor} if isinstance(actor, str) else set(actor))
    if issue is not None:
        assert set(positions["issue"]) <= ({issue} if isinstance(issue, str) else set(issue))


def test_positions_mark_a_changed_stance():
    import pandas as pd

    rows = frame("positions", [{"article_id": a, "actor": "France", "issue": "foreign_troops_presence", "stance": s}
                               for a, s in (("a1", "support"), ("a2", "support"), ("a3", "oppose"))])
    rows.insert(1, "outlet", pd.Series(["W", "W", "W"], dtype="string"))
    rows.insert(2, "published", pd.Series(["2023-09-08", "2023-10-01", "2023-12-22"], dtype="string"))
    france = positions_over_time(rows, actor="France", issue="foreign_troops_presence")
    assert france[["published", "stance", "changed"]].values.tolist() == [
        ["2023-09-08", "support", False], ["2023-10-01", "support", False], ["2023-12-22", "oppose", True]]


def test_positions_of_one_article(bundled):
    positions = positions_over_time(nl.positions(bundled), actor="United States")
    assert len(positions) > 0 and positions["published"].isna().all()


# --- plots ---------------------------------------------------------------------------------


@pytest.fixture
def ax():
    return plt.subplots(figsize=(10, 5), layout="constrained")[1]


def gid_artists(ax, gid):
    """The artists whose gid is ``gid``, or starts with it when it ends in ":"."""
    artists = [*ax.patches, *ax.collections, *ax.lines, *ax.texts]
    if gid.endswith(":"):
        return [a for a in artists if (a.get_gid() or "").startswith(gid)]
    return [a for a in artists if a.get_gid() == gid]


def test_troop_reports_draw_one_marker_per_current_report(ax, corpus):
    plot_troop_reports(corpus, ax=ax)
    reports = deployment_reports(corpus, statuses=("present", "withdrawing"))
    marks = gid_artists(ax, "nigerlens-report:")
    assert len(marks) == len(reports) == 13
    kinds = sorted(m.get_gid().split(":")[1] for m in marks)
    assert kinds == sorted(reports["kind"])
    assert len(gid_artists(ax, "nigerlens-range")) == 1
    (ends,) = gid_artists(ax, "nigerlens-range-end")
    assert sorted(ends.get_ydata()) == [1000, 1500]
    assert len(gid_artists(ax, "nigerlens-whisker")) == (reports["kind"] == "approximate").sum()
    (note,) = gid_artists(ax, "nigerlens-note")
    assert "pledged" in note.get_text() and note.get_text().count("past") == 2


def test_troop_reports_put_each_report_at_its_publication_date_and_count(ax):
    df = deployments(("a1", "Monitor", "2023-08-08", "United States", 1100, "about"),
                     ("a2", "RT", "2023-08-14", "United States", 1300, None))
    plot_troop_reports(df, ax=ax)
    marks = sorted(gid_artists(ax, "nigerlens-report:"), key=lambda m: m.get_xdata()[0])
    assert [m.get_xdata()[0] for m in marks] == pytest.approx([mdates.datestr2num("2023-08-08"), mdates.datestr2num("2023-08-14")])
    assert [m.get_ydata()[0] for m in marks] == [1100, 1300]
    assert marks[0].get_markerfacecolor() == "white"  # approximate: hollow
    assert marks[1].get_markerfacecolor() != "white"  # exact: filled
    assert marks[0].get_marker() != marks[1].get_marker()  # one shape per source
    assert not gid_artists(ax, "nigerlens-series")  # two sources: points, no line between them


@pytest.mark.parametrize("outlets, lines", [(("RT", "RT", "Monitor"), [[1100, 1300]]), (("RT", "Monitor", "Wire"), [])])
def test_troop_reports_join_only_one_sources_reports(ax, outlets, lines):
    days = ("2023-08-08", "2023-09-14", "2024-03-01")
    df = deployments(*((f"a{i}", o, d, "United States", n, None) for i, (o, d, n) in enumerate(zip(outlets, days, (1100, 1300, 1000), strict=True))))
    plot_troop_reports(df, ax=ax)
    assert [list(s.get_ydata()) for s in gid_artists(ax, "nigerlens-series")] == lines


@pytest.mark.parametrize("qualifier, gid", [("more than", "nigerlens-arrow:lower"), ("up to", "nigerlens-arrow:upper")])
def test_troop_reports_one_sided_counts_have_arrows(ax, qualifier, gid):
    plot_troop_reports(deployments(("a1", "Wire", "2023-08-08", "France", 1000, qualifier)), ax=ax)
    assert len(gid_artists(ax, gid)) == 1


def test_troop_reports_without_counts_say_so(ax):
    plot_troop_reports(frame("deployments"), ax=ax)
    assert [t.get_text() for t in gid_artists(ax, "nigerlens-message")] == ["no dated troop counts"]


def test_troop_reports_return_the_axes_they_were_given(ax, corpus):
    assert plot_troop_reports(corpus, ax=ax) is ax


def test_chronology_marks_the_conflict_in_red(ax, corpus):
    merged = nl.merge_events(corpus["events"])
    assert plot_chronology(merged, ax=ax) is ax
    (line,) = gid_artists(ax, "nigerlens-conflict")
    assert line.get_color() == CONFLICT_COLOR
    dates = gid_artists(ax, "nigerlens-conflict-date")
    assert sorted(m.get_xdata()[0] for m in dates) == pytest.approx(
        [mdates.datestr2num("2023-08-06"), mdates.datestr2num("2023-08-07")])
    labels = [t.get_text() for t in gid_artists(ax, "nigerlens-conflict-label")]
    assert labels == ["Aug 6: Example Daily", "Aug 7: RT, Sahel Monitor"]
    red = [t.get_text() for t in gid_artists(ax, "nigerlens-label") if t.get_color() == CONFLICT_COLOR]
    assert red == ["Nuland visited Niger \u2014 3 articles \u2014 dates disagree"]
    # every other event is drawn once, as a day or a range
    others = len(gid_artists(ax, "nigerlens-day")) + len(gid_artists(ax, "nigerlens-span"))
    assert others == len(merged) - 1


def test_chronology_without_conflicts_has_no_red(ax, bundled):
    plot_chronology(nl.merge_events(nl.events(bundled)), ax=ax)
    assert gid_artists(ax, "nigerlens-conflict") == []
    assert len(gid_artists(ax, "nigerlens-label")) == 4


def test_chronology_of_nothing_says_so(ax):
    plot_chronology(nl.merge_events(frame("events")), ax=ax)
    assert [t.get_text() for t in gid_artists(ax, "nigerlens-message")] == ["no dated events"]
