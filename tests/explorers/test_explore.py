"""The explorers, driven through their widgets in Python (no browser), and their pure filters."""

import datetime as dt
import subprocess
import sys

import pandas as pd
import pytest

import nigerlens as nl
from nigerlens.explorers import article_html, evidence_pane_html, filter_table
from nigerlens.explorers.filters import actors_present, event_dates, table_kind
from nigerlens.tables.schema import frame
from nigerlens.text.spans import SetAside

from ..conftest import DEV

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
STANDBY = DEV / "wire-20230811-ecowas-standby.txt"
HOSTILE = DEV / "web-20231011-us-coup-designation.html"


def explore(source, **kwargs):
    from nigerlens.explorers import explore

    return explore(source, **kwargs)


@pytest.fixture(scope="module")
def gazetteer():
    return nl.default_gazetteer()


@pytest.fixture
def ex(bundled):
    return explore(bundled)


def actor_values(df, column):
    return set(df[column].dropna())


# -- pure filters ----------------------------------------------------------------------------

DEPLOYMENTS = frame("deployments", [
    {"actor": "France", "count": 1500},
    {"actor": "United States", "count": 1100},
    {"actor": "Italy", "count": 300},
    {"actor": None, "count": 10},
])
EVENTS = frame("events", [
    {"date": "2023-07-26", "actors": "Niger junta; Niger"},
    {"date": "2023-08-12", "date_end": "2023-08-13", "actors": "France"},
    {"date": "2023-07-21", "date_end": "2023-07-31", "actors": "ECOWAS; France"},
    {"date": None, "actors": "Victoria Nuland"},
    {"date": "2023-09-01", "actors": None},
])
QUOTES = frame("quotes", [
    {"speaker": "Matthew Miller", "speaker_affiliation": "United States"},
    {"speaker": "French diplomatic source", "speaker_affiliation": "France"},
    {"speaker": "a witness", "speaker_affiliation": None},
])
POSITIONS = frame("positions", [
    {"actor": "France", "issue": "reinstate_bazoum", "stance": "support"},
    {"actor": "France", "issue": "military_intervention", "stance": "support"},
    {"actor": "ECOWAS", "issue": "sanctions", "stance": "support"},
    {"actor": "United States", "issue": "reinstate_bazoum", "stance": "oppose"},
])


@pytest.mark.parametrize("df, choices, expected", [
    (DEPLOYMENTS, {}, [0, 1, 2, 3]),
    (DEPLOYMENTS, {"actors": ()}, [0, 1, 2, 3]),
    (DEPLOYMENTS, {"actors": ["France"]}, [0]),
    (DEPLOYMENTS, {"actors": ["France", "Italy"]}, [0, 2]),
    (DEPLOYMENTS, {"actors": ["Russia"]}, []),
    (DEPLOYMENTS, {"issues": ["sanctions"]}, [0, 1, 2, 3]),  # no issue column: ignored
    (DEPLOYMENTS, {"date_range": ("2023-08-01", None)}, [0, 1, 2, 3]),  # not dated: ignored
    (EVENTS, {"actors": ["France"]}, [1, 2]),  # one of the "; "-joined actors
    (EVENTS, {"actors": ["Niger"]}, [0]),  # a whole name, not a substring of "Niger junta"
    (EVENTS, {"date_range": ("2023-08-01", "2023-08-31")}, [1]),
    (EVENTS, {"date_range": ("2023-07-30", "2023-08-12")}, [1, 2]),  # ranges overlap the ends
    (EVENTS, {"date_range": ("2023-07-26", "2023-07-26")}, [0, 2]),  # inside late July
    (EVENTS, {"date_range": (None, "2023-07-25")}, [2]),
    (EVENTS, {"date_range": (dt.date(2023, 9, 1), None)}, [4]),  # dates or ISO strings
    (EVENTS, {"date_range": (None, None)}, [0, 1, 2, 4]),  # a range drops undated events
    (EVENTS, {"actors": ["France"], "date_range": ("2023-08-01", None)}, [1]),
    (QUOTES, {"actors": ["France"]}, [1]),
    (QUOTES, {"actors": ["United States", "France"]}, [0, 1]),
    (POSITIONS, {"issues": ["reinstate_bazoum"]}, [0, 3]),
    (POSITIONS, {"actors": ["France"], "issues": ["reinstate_bazoum"]}, [0]),
    (POSITIONS, {"issues": ["aid_to_niger"]}, []),
])
def test_filter_table(df, choices, expected):
    out = filter_table(df, **choices)
    assert list(out.index) == expected
    assert list(out.columns) == list(df.columns)
    assert (out.dtypes == df.dtypes).all()


@pytest.mark.parametrize("actors, with_gazetteer, expected", [
    (["United States"], False, []),
    (["United States"], True, [3]),  # Nuland speaks for the United States
    (["Victoria Nuland"], True, [3]),
])
def test_filter_table_counts_people_for_their_side(actors, with_gazetteer, expected, gazetteer):
    out = filter_table(EVENTS, actors=actors, gazetteer=gazetteer if with_gazetteer else None)
    assert list(out.index) == expected


@pytest.mark.parametrize("df, kind", [
    (DEPLOYMENTS, "deployments"), (EVENTS, "events"), (QUOTES, "quotes"),
    (POSITIONS, "positions"), (frame("bases"), "bases"), (pd.DataFrame({"x": [1]}), None),
])
def test_table_kind(df, kind):
    assert table_kind(df) == kind


def test_actors_present_and_event_dates(gazetteer):
    tables = {"deployments": DEPLOYMENTS, "events": EVENTS, "quotes": QUOTES}
    assert actors_present(tables, gazetteer=gazetteer) == [
        "United States", "France", "Niger junta", "Niger", "ECOWAS", "Italy", "Victoria Nuland"]
    assert event_dates(EVENTS) == ["2023-07-21", "2023-07-26", "2023-07-31", "2023-08-12",
                                   "2023-08-13", "2023-09-01"]


def test_importing_the_filters_does_not_import_ipywidgets():
    code = ("import sys, nigerlens, nigerlens.explorers; from nigerlens.explorers import filter_table; "
            "assert 'ipywidgets' not in sys.modules and 'matplotlib' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_nl_explore_is_callable_after_importing_the_package(bundled):
    import nigerlens.explorers  # noqa: F401  (no module of that name hides the function any more)

    x = nl.explore(bundled)
    assert type(x).__name__ == "Explorer"


# -- the explorer: filters change what is shown ------------------------------------------------

def test_structure_and_css_classes(ex):
    assert ex.tabs.titles == ("Deployments", "Bases map", "Timeline", "Quotes", "Positions", "Article")
    assert "nl-explorer" in ex._dom_classes and "nl-tabs" in ex.tabs._dom_classes
    assert [c._dom_classes[0] for c in ex.tabs.children] == [
        "nl-tab-deployments", "nl-tab-bases", "nl-tab-events", "nl-tab-quotes", "nl-tab-positions", "nl-tab-article"]
    assert set(ex.filters) == {"actor", "issue", "dates", "published", "kind"}
    classes = {name: f._dom_classes for name, f in ex.filters.items()}
    assert "nl-actor-filter" in classes["actor"] and "nl-issue-filter" in classes["issue"]
    assert "nl-date-filter" in classes["dates"] and "nl-published" in classes["published"]
    assert ex.filters["dates"].continuous_update is False
    assert "nl-rows" in ex.rows._dom_classes and "nl-evidence" in ex.evidence._dom_classes
    assert "nl-error" in ex.error._dom_classes
    assert '<table class="nl-table nl-table-deployments dataframe">' in ex.table_views["deployments"].value
    assert ex.last_error is None and ex.error.value == ""


def test_actor_filter_france(ex):
    assert "France" in ex.filters["actor"].options
    ex.filters["actor"].value = ("France",)
    t = ex.tables
    assert actor_values(t["deployments"], "actor") == {"France"} and len(t["deployments"]) == 1
    assert actor_values(t["positions"], "actor") == {"France"} and len(t["positions"]) >= 2
    assert actor_values(t["quotes"], "speaker_affiliation") == {"France"}
    assert all("France" in a.split("; ") for a in t["events"]["actors"])
    html = ex.table_views["deployments"].value
    assert "France" in html and "United States" not in html
    assert [label for label, _ in ex.rows.options] == ["1. France: around 1500 servicemen (present)"]
    ex.filters["actor"].value = ()
    assert len(ex.tables["deployments"]) == 2


def test_actor_filter_narrows_events_and_counts_people_for_their_side(ex):
    ex.filters["actor"].value = ("United States",)
    events = ex.tables["events"]
    assert list(events["expression"]) == ["last Monday"]  # Victoria Nuland visited Niger
    ex.tabs.selected_index = 2
    assert "Nuland" in ex.table_views["events"].value and "Le Figaro" not in ex.table_views["events"].value


def test_issue_filter_narrows_positions(ex):
    labels = dict(ex.filters["issue"].options)
    ex.filters["issue"].value = (labels["A military intervention in Niger"],)
    positions = ex.tables["positions"]
    assert set(positions["issue"]) == {"military_intervention"} and 0 < len(positions) < 11
    assert len(ex.tables["deployments"]) == 2  # no issue column: untouched
    ex.tabs.selected_index = 4
    assert ex.value.equals(positions)
    assert "reinstate_bazoum" not in ex.table_views["positions"].value


def test_date_range_narrows_events(ex):
    dates = ex.filters["dates"]
    assert dates.options[0] == "2023-07-21" and dates.options[-1] == "2023-08-14"
    assert ex.date_readout.value.startswith("all dates")
    dates.value = ("2023-08-07", "2023-08-14")
    assert ex.date_readout.value == "2023-08-07 to 2023-08-14"
    events = ex.tables["events"]
    assert set(events["expression"]) == {"over the weekend", "On Monday", "last Monday"}
    assert len(ex.tables["deployments"]) == 2
    dates.index = (0, len(dates.options) - 1)  # the whole range: no date filter
    assert len(ex.tables["events"]) == 5


def test_changing_published_moves_relative_dates(ex):
    ex.tabs.selected_index = 2

    def last_monday():
        return ex.value.set_index("expression").loc["last Monday", "date"]

    assert last_monday() == pd.Timestamp("2023-08-07")
    ex.filters["published"].value = dt.date(2023, 8, 21)
    assert last_monday() == pd.Timestamp("2023-08-14")
    assert "2023-08-14" in ex.table_views["events"].value
    assert "2023-08-21" in ex.filters["dates"].options  # the slider follows the new dates
    ex.filters["published"].value = dt.date(2023, 8, 14)
    assert last_monday() == pd.Timestamp("2023-08-07")


def test_switching_the_article_changes_the_tables(bundled):
    standby = nl.load_article(STANDBY)
    x = explore(nl.Corpus([bundled, standby]))
    picker = x.filters["article"]
    assert "nl-article-select" in picker._dom_classes and picker.value == 0
    before = {k: df.copy() for k, df in x.tables.items()}
    picker.value = 1
    assert x.article is standby
    assert set(x.tables["events"]["article_id"]) == {standby.id}
    assert not x.tables["positions"].equals(before["positions"])
    assert x.filters["published"].value == standby.published
    assert "ECOWAS" in x.filters["actor"].options
    assert standby.id in x.table_views["deployments"].value or len(x.tables["deployments"]) == 0
    picker.value = 0
    assert x.tables["positions"].equals(before["positions"])


def test_selecting_a_row_shows_its_sentence_marked(ex):
    ex.tabs.selected_index = 3  # quotes
    label, idx = ex.rows.options[0]
    assert "French diplomatic source" in label
    assert "Pick a row" in ex.evidence.value
    ex.rows.value = idx
    html = ex.evidence.value
    sentence = ex.value.loc[idx, "sentence"]
    assert "<mark>" in html and "did the exact opposite" in html
    assert sentence.split()[0] in html
    assert 'class="nl-mark"' in html  # and the whole article with the quote highlighted
    ex.tabs.selected_index = 4  # another table: its own pick (none yet)
    assert ex.rows.value is None and "Pick a row" in ex.evidence.value
    ex.tabs.selected_index = 3
    assert ex.rows.value == idx and "did the exact opposite" in ex.evidence.value
    ex.filters["actor"].value = ("Niger junta",)  # filtered out: nothing picked
    assert ex.rows.value is None and "Pick a row" in ex.evidence.value


def test_kind_picker_follows_the_tabs_and_drives_the_article_tab(ex):
    ex.filters["kind"].value = "positions"
    assert ex.tabs.selected_index == 4 and ex.kind == "positions"
    ex.tabs.selected_index = 5  # Article
    assert ex.kind == "positions" and ex.value is ex.tables["positions"]
    assert ex.article_view.value.count('<mark class="nl-mark">') >= 1
    ex.filters["kind"].value = "deployments"
    assert ex.rows.options[0][0].startswith("1. United States")


def test_hostile_page_is_escaped(web_page):
    x = explore(web_page)
    x.tabs.selected_index = 5
    x.furniture.value = True
    x.tabs.selected_index = 3
    x.rows.value = x.rows.options[0][1]
    shown = [x.evidence.value, x.article_view.value] + [v.value for v in x.table_views.values()]
    for html in shown:
        assert "<script" not in html.lower() and "<img" not in html.lower()
        assert "onerror=" not in html.lower()
    assert "alert(&#x27;xss&#x27;)" in x.evidence.value  # the comments, greyed out
    assert "nigerlens-set-aside" in x.evidence.value


def test_markup_in_article_and_furniture_is_shown_as_text():
    art = nl.from_text(
        'Niger\'s junta said <script>alert(1)</script> France has 1,500 troops in Niger. '
        'It <img src=x onerror="alert(2)"> left on July 26, 2023.', id="hostile", published="2023-08-14")
    art.set_aside.append(SetAside("comments", "<script>alert(3)</script><img src=x onerror=alert(4)>", "reader comments"))
    x = explore(art)
    x.furniture.value = True
    x.tabs.selected_index = 2
    x.rows.value = x.rows.options[0][1]
    x.tabs.selected_index = 5
    for html in (x.evidence.value, x.article_view.value, x.table_views["events"].value):
        assert "&lt;img src=x onerror=" in html
        assert "<script" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)" in x.article_view.value
    assert "&lt;script&gt;alert(3)" in x.evidence.value
    html = article_html(art, marks=[(0, 5)], furniture=True)
    assert "<mark" in html and "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in html


def test_furniture_is_hidden_or_greyed(bundled):
    hidden = article_html(bundled)
    shown = article_html(bundled, furniture=True)
    caption = next(s for s in bundled.set_aside if s.kind == "caption")
    assert caption.text[:30] not in hidden and "[caption set aside]" in hidden
    assert 'class="nl-furniture"' in shown and caption.text[:30] in shown
    assert evidence_pane_html(None, bundled).startswith("<p")


def test_error_in_a_callback_is_shown(ex, monkeypatch, caplog):
    import nigerlens.plots

    def boom(*args, **kwargs):
        raise RuntimeError("troops plot <b>broke</b>")

    monkeypatch.setattr(nigerlens.plots, "plot_troops", boom)
    ex.filters["actor"].value = ("France",)  # not drawn before: the plot is redrawn
    assert "nl-error" in ex.error._dom_classes and ex.error.layout.display is None
    assert "RuntimeError" in ex.error.value and "troops plot &lt;b&gt;broke&lt;/b&gt;" in ex.error.value
    assert isinstance(ex.last_error, RuntimeError)
    assert "could not be drawn" in str(ex.plots["deployments"].outputs)
    assert len(ex.value) == 1  # the table was still updated
    assert any("explorer callback" in r.message for r in caplog.records)
    monkeypatch.undo()
    ex.filters["actor"].value = ("United States",)
    assert ex.error.value == "" and ex.error.layout.display == "none"


# -- values, plots and the small explorers -----------------------------------------------------

def test_value_equals_the_filtered_table(ex, bundled):
    ex.filters["actor"].value = ("ECOWAS",)
    ex.tabs.selected_index = 4
    expected = filter_table(nl.tabulate(bundled)["positions"], actors=["ECOWAS"])
    pd.testing.assert_frame_equal(ex.value, expected)
    assert ex.value is ex.tables["positions"]


def test_only_the_visible_plot_is_drawn(ex):
    assert set(ex.axes) == {"deployments"}
    assert any(p.get_gid() and p.get_gid().startswith("nigerlens-bar") for p in ex.axes["deployments"].patches)
    assert "image/png" in ex.plots["deployments"].outputs[0]["data"]
    assert ex.plots["events"].outputs == ()
    ex.tabs.selected_index = 2
    assert "image/png" in ex.plots["events"].outputs[0]["data"]
    assert {"ready", "plot", "total"} <= set(ex.timings)


@pytest.mark.parametrize("name, kind, filters", [
    ("explore_deployments", "deployments", {"actor"}),
    ("explore_bases", "bases", {"actor"}),
    ("explore_timeline", "events", {"actor", "dates", "published"}),
    ("explore_quotes", "quotes", {"actor"}),
    ("explore_positions", "positions", {"actor", "issue"}),
])
def test_small_explorers(name, kind, filters, bundled):
    import nigerlens.explorers as ne

    x = getattr(ne, name)(bundled)
    assert x.tabs is None and set(x.filters) == filters
    assert x.kind == kind and len(x.value) == len(nl.tabulate(bundled)[kind])
    assert any(f"nl-tab-{kind}" in c._dom_classes for c in x.children)
    actor = x.filters["actor"].options[0]
    x.filters["actor"].value = (actor,)
    assert x.value.equals(x.tables[kind]) and len(x.value) >= 1
    assert "image/png" in x.plots[kind].outputs[0]["data"]
    assert x.error.value == ""


# -- opening another article ------------------------------------------------------------------


@pytest.fixture
def library():
    from nigerlens.ingest.load import article_paths
    from nigerlens.resources import SAMPLE_CORPUS

    return [nl.BUNDLED_ARTICLE, *article_paths(SAMPLE_CORPUS)]


@pytest.mark.parametrize("pick", [3, -1])
def test_the_open_bar_loads_a_chosen_article_and_shows_it(bundled, library, pick):
    x = nl.explore(bundled, library=library)
    box, choose, path, button = x.opener
    choose.value = str(library[pick])
    button.click()
    assert x.last_error is None
    chosen = nl.load_article(library[pick])
    assert x.article.id == chosen.id and len(x.articles) == 2
    assert x.filters["article"].value == 1
    assert len(x.tables["deployments"]) == len(nl.deployments(chosen))
    button.click()  # the same file again: shown, not loaded twice
    assert len(x.articles) == 2


@pytest.mark.parametrize("typed, message", [("/no/such/article.txt", "/no/such/article.txt: no such file"), ("", "choose an article")])
def test_the_open_bar_reports_a_bad_path_in_one_line(bundled, library, typed, message):
    x = nl.explore(bundled, library=library)
    x.opener[2].value = typed
    x.opener[3].click()
    assert message in x.error.value and "traceback" not in x.error.value
    assert x.article.id == bundled.id and len(x.articles) == 1


def test_without_a_library_there_is_no_open_bar(bundled):
    assert nl.explore(bundled).opener is None


# -- reviewing rows ---------------------------------------------------------------------------


def test_the_review_bar_confirms_rejects_sets_and_adds_and_a_new_explorer_sees_it(bundled, tmp_path):
    x = nl.explore(bundled, reviews=tmp_path)
    assert set(x.value["review"]) == {"unreviewed"}
    first, second = x.value.index[:2]
    x.rows.value = first
    x.review["reject"].click()
    assert x.last_error is None and len(x.value) == 1
    x.rows.value = x.value.index[0]
    x.review["field"].value, x.review["value"].value = "qualifier", "about"
    x.review["set"].click()
    assert x.value["qualifier"].tolist() == ["about"] and x.value["review"].tolist() == ["corrected"]
    assert "Review: <b>corrected</b>" in x.evidence.value
    x.review["sentence"].value = x.review["sentence"].options[0][1]
    x.review["fields"].value = "actor=Chad, count=40"
    x.review["add"].click()
    assert x.value[["actor", "review"]].values.tolist()[-1] == ["Chad", "added"]
    again = nl.explore(nl.load_article(bundled.path), reviews=tmp_path)
    assert again.value["review"].tolist() == ["corrected", "added"]


@pytest.mark.parametrize("field, value, message", [("count", "-5", "not a count"), ("count", "lots", "not a whole number")])
def test_the_review_bar_refuses_a_bad_value_in_one_line(bundled, tmp_path, field, value, message):
    x = nl.explore(bundled, reviews=tmp_path)
    x.rows.value = x.value.index[0]
    x.review["field"].value, x.review["value"].value = field, value
    x.review["set"].click()
    assert message in x.error.value and "traceback" not in x.error.value and not list(tmp_path.iterdir())


def test_a_review_action_needs_a_row(bundled, tmp_path):
    x = nl.explore(bundled, reviews=tmp_path)
    x.rows.value = None
    x.review["confirm"].click()
    assert "pick a row first" in x.error.value


@pytest.mark.parametrize("kind", ["deployments", "bases", "events", "quotes", "positions"])
def test_plot_pngs_are_fitted_to_what_is_drawn_in_one_save(bundled, kind, monkeypatch):
    import struct

    from matplotlib.figure import Figure

    from nigerlens.explorers import render

    draws = []
    real = Figure.draw
    monkeypatch.setattr(Figure, "draw", lambda self, renderer: (draws.append(1), real(self, renderer))[1])
    saves = []
    real_save = Figure.savefig

    def savefig(self, *args, **kwargs):
        before = len(draws)
        saves.append(kwargs.get("bbox_inches"))
        out = real_save(self, *args, **kwargs)
        saves.append(len(draws) - before)
        return out

    monkeypatch.setattr(Figure, "savefig", savefig)
    png, ax = render.plot_png(kind, nl.tabulate(bundled))
    assert saves == [None, 1]  # saved as laid out, drawn once
    width, height = struct.unpack(">II", png[16:24])
    fig = ax.figure
    assert [abs(a - v * render.DPI) <= 1 for a, v in zip((width, height), fig.get_size_inches(), strict=True)] == [True, True]
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    w, h = fig.get_size_inches()
    assert box.x0 >= -0.01 and box.y0 >= -0.01 and box.x1 <= w + 0.01 and box.y1 <= h + 0.01  # nothing cut off


def test_a_custom_taxonomy_reaches_the_explorer(tmp_path):
    from nigerlens.resources import PACKAGE_DATA

    taxonomy = tmp_path / "issues.toml"
    taxonomy.write_text(PACKAGE_DATA.joinpath("issues.toml").read_text(encoding="utf-8")
                        + '\n[elections]\nlabel = "Elections"\nkeywords = ["elections"]\n', encoding="utf-8")
    article = nl.from_text("ECOWAS demanded elections in Niger on Monday.", published="2023-08-14")
    x = nl.explore(article, issues=taxonomy)
    assert x.tables["positions"]["issue"].tolist() == ["elections"]
