"""Tests for nigerlens.plots.plot_attribution: what is drawn, not just that a call returns."""

import itertools

import matplotlib
import matplotlib.pyplot as plt
import pytest

from nigerlens.plots import actor_colors, plot_attribution
from nigerlens.plots.attribution import truncate
from nigerlens.tables.schema import frame


@pytest.fixture
def ax():
    return plt.subplots(figsize=(11, 4.5), layout="constrained")[1]


def quote(text, speaker="French diplomatic source", kind="anonymous source", affiliation="France",
          via="RT > Le Figaro", article="rt-1", cue="told"):
    return {"article_id": article, "text": text, "speaker": speaker, "speaker_kind": kind,
            "speaker_affiliation": affiliation, "via": via, "cue": cue}


def quotes(*rows):
    return frame("quotes", rows)


FRENCH = [
    "did the exact opposite of what we thought they would do",
    "with allies like these, we do not need enemies.",
    "For [French President] Emmanuel Macron, the credibility of France, particularly in terms "
    "of discourse on democracy, was at stake...",
    "to keep their bases",
    "will not hesitate",
    "constitutional legality",
    "The United States, like our other allies for that matter, has a habit of letting us take "
    "the hits",
]
JUNTA = quote("deteriorating security situation and bad governance.", "Niger junta", "organisation",
              "Niger junta", "RT", cue="citing")
# The quotes of the RT article of 2023-08-14.
RT = [*(quote(t) for t in FRENCH), JUNTA]


def gid(ax, name):
    return [t for t in ax.texts if (t.get_gid() or "") == name]


def nodes(ax, kind=None):
    prefix = "nigerlens-node:" + (kind or "")
    return [t for t in ax.texts if (t.get_gid() or "").startswith(prefix)]


def edges(ax):
    """Return (parent label, child label) for each arrow between nodes."""
    return [(a.anncoords.get_text(), a.xycoords.get_text()) for a in gid(ax, "nigerlens-edge")]


def shown_quotes(ax):
    return [t.get_text()[1:-1] for t in gid(ax, "nigerlens-quote")]  # without the “ ”


# --- nodes and edges -----------------------------------------------------------------------


@pytest.mark.parametrize("rows, outlets, intermediaries, speakers, n_edges", [
    (RT, 1, 1, 2, 3),
    ([quote("a")], 1, 1, 1, 2),
    ([quote("a", via="RT")], 1, 0, 1, 1),
    ([quote("a", via="")], 1, 0, 1, 1),  # no chain: the article is the outlet
    ([quote("a", via="Reuters > AFP > State Department")], 1, 2, 1, 3),
    ([quote("a"), quote("b"), quote("c")], 1, 1, 1, 2),  # one speaker, three quotes
    ([quote("a", via="RT"), quote("b", via="RT > Le Figaro")], 1, 1, 2, 3),  # two chains
    ([quote("a", via="RT", article="rt-1"), quote("b", via="RT", article="rt-2")], 2, 0, 2, 2),
    ([quote("a", speaker="Matthew Miller"), quote("b")], 1, 1, 2, 3),
])
def test_one_node_per_outlet_intermediary_and_speaker(ax, rows, outlets, intermediaries,
                                                      speakers, n_edges):
    plot_attribution(quotes(*rows), ax=ax)
    assert len(nodes(ax, "outlet")) == outlets
    assert len(nodes(ax, "intermediary")) == intermediaries
    assert len(nodes(ax, "speaker")) == speakers
    assert len(nodes(ax)) == outlets + intermediaries + speakers
    assert len(edges(ax)) == n_edges == len(nodes(ax)) - outlets  # a tree per outlet


def test_edges_follow_the_chain(ax):
    plot_attribution(quotes(*RT), ax=ax)
    assert sorted(edges(ax)) == sorted([
        ("RT", "Le Figaro"),
        ("Le Figaro", "French diplomatic source\n(anonymous source, France)"),
        ("RT", "Niger junta\n(organisation)"),  # via only the outlet: straight to the speaker
    ])


def test_edges_are_arrows_and_quote_links_are_lines(ax):
    plot_attribution(quotes(*RT), ax=ax)
    assert all(a.arrow_patch.get_arrowstyle().__class__.__name__ == "CurveFilledB"
               for a in gid(ax, "nigerlens-edge"))
    links = gid(ax, "nigerlens-quote-link")
    assert len(links) == len(RT)
    assert {a.anncoords.get_text() for a in links} == {
        "French diplomatic source\n(anonymous source, France)", "Niger junta\n(organisation)"}


@pytest.mark.parametrize("row, label", [
    (quote("a"), "French diplomatic source\n(anonymous source, France)"),
    (JUNTA, "Niger junta\n(organisation)"),  # the affiliation is the speaker: said once
    (quote("a", "Matthew Miller", "named person", "United States"),
     "Matthew Miller\n(named person, United States)"),
    (quote("a", "joint statement", "document", None), "joint statement\n(document)"),
    (quote("a", "Bola Tinubu", None, None), "Bola Tinubu"),
    (quote("a", None, None, None), "unnamed speaker"),
])
def test_speaker_nodes_name_the_speaker_its_kind_and_affiliation(ax, row, label):
    plot_attribution(quotes(row), ax=ax)
    assert [t.get_text() for t in nodes(ax, "speaker")] == [label]


@pytest.mark.parametrize("via, chain", [
    ("RT > Le Figaro", ["RT", "Le Figaro"]),
    ("RT", ["RT"]),
    (" Reuters >AFP ", ["Reuters", "AFP"]),
    (None, ["rt-1"]),
])
def test_outlet_and_intermediary_labels(ax, via, chain):
    plot_attribution(quotes(quote("a", via=via)), ax=ax)
    assert [t.get_text() for t in nodes(ax, "outlet")] == chain[:1]
    assert [t.get_text() for t in nodes(ax, "intermediary")] == chain[1:]


def test_speakers_are_coloured_by_affiliation(ax):
    rows = [*RT, quote("a", "Matthew Miller", "named person", "United States", via="RT")]
    plot_attribution(quotes(*rows), ax=ax)
    colors = actor_colors(["France", "Niger junta", "United States"])
    edge = {t.get_text().split("\n")[0]: matplotlib.colors.to_hex(t.get_bbox_patch().get_edgecolor())
            for t in nodes(ax, "speaker")}
    assert edge == {"French diplomatic source": colors["France"],
                    "Niger junta": colors["Niger junta"], "Matthew Miller": colors["United States"]}
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["outlet", "intermediary (cited by the outlet)", "speaks for France",
                      "speaks for Niger junta", "speaks for United States"]


def test_a_speaker_without_affiliation_is_grey_and_in_the_legend(ax):
    plot_attribution(quotes(quote("a", affiliation=None, via="Reuters")), ax=ax)
    (speaker,) = nodes(ax, "speaker")
    assert matplotlib.colors.to_hex(speaker.get_bbox_patch().get_edgecolor()) == "#9a9a9a"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["outlet", "no affiliation given"]  # no intermediary: not in the legend


# --- quotes --------------------------------------------------------------------------------


def test_quotes_are_listed_in_order_right_of_their_speaker(ax):
    plot_attribution(quotes(*RT), ax=ax)
    shown = gid(ax, "nigerlens-quote")
    assert len(shown) == len(RT)
    assert shown_quotes(ax)[3:6] == ["to keep their bases", "will not hesitate",
                                     "constitutional legality"]
    assert [t.get_position()[1] for t in shown] == sorted((t.get_position()[1] for t in shown),
                                                          reverse=True)  # top to bottom
    ax.figure.canvas.draw()
    speakers = max(t.get_window_extent().x1 for t in nodes(ax, "speaker"))
    assert all(t.get_window_extent().x0 > speakers for t in shown)


@pytest.mark.parametrize("max_quote", [10, 20, 40, 80, 200])
def test_quotes_are_cut_to_max_quote(ax, max_quote):
    plot_attribution(quotes(*RT), ax=ax, max_quote=max_quote)
    for text, shown in zip([r["text"] for r in RT], shown_quotes(ax), strict=True):
        assert len(shown) <= max_quote
        if len(text) <= max_quote:
            assert shown == text
        else:
            assert shown.endswith("\u2026")
            assert text.startswith(shown[:-1])


@pytest.mark.parametrize("text, limit, expected", [
    ("to keep their bases", 40, "to keep their bases"),
    ("did the exact opposite of what we thought they would do", 40,
     "did the exact opposite of what we\u2026"),  # on a word
    ("with allies like these, we do not need enemies.", 25, "with allies like these\u2026"),
    ("constitutional legality", 10, "constitut\u2026"),  # no space late enough: cut the word
    ("abc", 3, "abc"),
])
def test_truncate(text, limit, expected):
    assert truncate(text, limit) == expected
    assert len(truncate(text, limit)) <= limit


# --- layout --------------------------------------------------------------------------------


def columns(ax):
    """Return the left edge (pixels) of each kind of text, as drawn."""
    ax.figure.canvas.draw()
    left = {}
    for kind in ("outlet", "intermediary", "speaker"):
        left[kind] = {round(t.get_window_extent().x0) for t in nodes(ax, kind)}
    left["quote"] = {round(t.get_window_extent().x0) for t in gid(ax, "nigerlens-quote")}
    return left


def test_columns_run_left_to_right(ax):
    plot_attribution(quotes(*RT), ax=ax)
    left = columns(ax)
    assert all(len(v) == 1 for v in left.values())  # each kind lines up in its column
    xs = [left[k].pop() for k in ("outlet", "intermediary", "speaker", "quote")]
    assert xs == sorted(xs) and len(set(xs)) == 4


@pytest.mark.parametrize("figsize", [(11, 4.5), (7, 4), (5, 3), (14, 8)])
@pytest.mark.parametrize("n_quotes", [1, 8, 16])
def test_many_quotes_stay_readable_in_any_figure(figsize, n_quotes):
    fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    rows = [quote(f"quote number {i} of the diplomatic source, which is long") for i in range(n_quotes)]
    plot_attribution(quotes(*rows, JUNTA), ax=ax)
    fig.canvas.draw()
    box = ax.get_window_extent()
    shown = [t.get_window_extent() for t in [*nodes(ax), *gid(ax, "nigerlens-quote")]]
    for extent in shown:  # everything inside the Axes
        assert box.x0 - 2 <= extent.x0 and extent.x1 <= box.x1 + 2
        assert box.y0 - 2 <= extent.y0 and extent.y1 <= box.y1 + 2
    quote_boxes = [t.get_window_extent() for t in gid(ax, "nigerlens-quote")]
    for a, b in itertools.combinations(quote_boxes, 2):  # no two quotes overlap
        assert a.y1 <= b.y0 + 0.5 or b.y1 <= a.y0 + 0.5
    boxes = [t.get_bbox_patch().get_window_extent() for t in nodes(ax)]
    for a, b in itertools.combinations(boxes, 2):  # nor two node boxes
        assert not a.overlaps(b)
    assert all(t.get_fontsize() >= 4 for t in gid(ax, "nigerlens-quote"))
    assert all(t.get_transform() == ax.transAxes for t in nodes(ax))


def test_several_articles_get_a_block_each_with_a_header(ax):
    rows = [*RT, quote("a", "Bola Tinubu", "named person", "Nigeria", via="", article="wire-2")]
    plot_attribution(quotes(*rows), ax=ax)
    assert [t.get_text() for t in gid(ax, "nigerlens-article")] == ["rt-1", "wire-2"]
    assert [t.get_text() for t in nodes(ax, "outlet")] == ["RT", "wire-2"]


def test_one_article_has_no_header(ax):
    plot_attribution(quotes(*RT), ax=ax)
    assert not gid(ax, "nigerlens-article")
    assert ax.get_title() == "Who is speaking, and through whom"
    assert not ax.axison


# --- empty and the Axes --------------------------------------------------------------------


@pytest.mark.parametrize("table", [None, frame("quotes")])
def test_no_quotes_gives_a_message(ax, table):
    assert plot_attribution(table, ax=ax) is ax
    assert not nodes(ax) and not gid(ax, "nigerlens-edge")
    assert [t.get_text() for t in gid(ax, "nigerlens-message")] == ["no quotes"]


def test_passing_ax_returns_it():
    fig, (left, right) = plt.subplots(1, 2)
    assert plot_attribution(quotes(*RT), ax=right) is right
    assert not left.texts


def test_draws_on_the_current_axes_by_default():
    fig, ax = plt.subplots()
    assert plot_attribution(quotes(*RT)) is ax
    assert plt.get_fignums() == [fig.number]


def test_draws_inside_a_subfigure():
    fig = plt.figure(layout="constrained")
    left, _ = fig.subfigures(1, 2)
    ax = left.subplots()
    assert plot_attribution(quotes(*RT), ax=ax) is ax
    fig.canvas.draw()


def test_kwargs_reach_the_nodes_and_quotes(ax):
    plot_attribution(quotes(*RT), ax=ax, fontsize=7, fontfamily="serif")
    shown = [*nodes(ax), *gid(ax, "nigerlens-quote")]
    assert all(t.get_fontsize() == 7 and t.get_fontfamily() == ["serif"] for t in shown)
