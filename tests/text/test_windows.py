"""A long text read in windows gives the rows of the text read whole, at the same offsets."""

import pytest

import nigerlens as nl
from nigerlens.extractors import run as pipeline
from nigerlens.tables.schema import frame
from nigerlens.text import windows
from nigerlens.text.spans import SetAside

from ..conftest import BUNDLED_PATH, DEV_ARTICLES


@pytest.fixture(scope="module")
def long_article(tmp_path_factory):
    """The bundled and dev articles one after another, three times over (about 35,000
    characters), loaded from one file so its page furniture is set aside as usual."""
    texts = [nl.load_article(p).text for p in [BUNDLED_PATH, *DEV_ARTICLES]]
    path = tmp_path_factory.mktemp("long") / "dump.txt"
    path.write_text("\n\n".join(texts * 3), encoding="utf-8")
    (path.with_suffix(".json")).write_text('{"published": "2023-08-14", "outlet": "RT"}')
    article = nl.load_article(path)
    assert article.set_aside  # captions and related links: cuts must avoid them
    return article


@pytest.fixture(scope="module")
def whole(long_article):
    return pipeline.extracted_records(long_article)


def windowed(article, size, context) -> dict:
    found: dict = {}
    for w in windows.windows(article, size=size, context=context):
        for name, rows in pipeline.window_records(w).items():
            found.setdefault(name, []).extend(rows)
    return found


# the context is longer than any of the articles (at most 3,728 characters), as the default
# CONTEXT is longer than a news article: the first article of a window is read from its start
@pytest.mark.parametrize("size, context, at_least", [
    (1_000, 4_000, 25),  # windows smaller than an article
    (2_500, 4_000, 12),
    (6_000, 4_000, 5),
    (15_000, 8_000, 2),
])
def test_windows_give_the_rows_of_the_whole_text(long_article, whole, size, context, at_least):
    assert len(list(windows.windows(long_article, size=size, context=context))) >= at_least
    got = windowed(long_article, size, context)
    for name, rows in whole.items():
        assert len(rows) > 10, name  # every table has rows to lose
        assert frame(name, got[name]).equals(frame(name, rows)), name


def test_context_is_what_keeps_the_edges(long_article, whole):
    """Without context, a sentence just after a cut loses the speaker named before it."""
    got = windowed(long_article, 2_500, 0)
    assert frame("quotes", got["quotes"])["speaker"].tolist() != frame("quotes", whole["quotes"])["speaker"].tolist()


def test_rows_point_into_the_whole_text(long_article):
    text = long_article.text
    for name, rows in windowed(long_article, 2_500, 1_500).items():
        for r in rows:
            assert text[r["start"] : r["end"]] == r["sentence"], name
            if name == "quotes":
                quotation = text[r["quote_start"] : r["quote_end"]]
                assert quotation[0] in "\"\u201c" and r["text"] in quotation


def test_windows_tile_the_text_at_paragraph_breaks_outside_furniture(long_article):
    text = long_article.text
    ws = list(windows.windows(long_article, size=2_500, context=1_500))
    assert ws[0].start == 0 and ws[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(ws, ws[1:], strict=False))
    starts = set(windows.breaks(text))
    holes = [(s.start, s.end) for s in long_article.set_aside]
    for w in ws:
        assert w.article.text == text[w.offset : w.offset + len(w.article.text)]
        assert w.offset <= w.start < w.end <= w.offset + len(w.article.text)
        if w.start:
            assert w.start in starts
            assert not any(a < w.start < b for a, b in holes)
        # the furniture inside the window is set aside in the window too
        for piece in w.article.set_aside:
            assert 0 <= piece.start < piece.end <= len(w.article.text)


@pytest.mark.parametrize("text, size, expected", [
    ("One.\n\nTwo.\n\nThree.", 100, [0, 18]),  # short: one window
    ("aaaa\n\nbbbb\n\ncccc\n\ndddd", 7, [0, 12, 22]),  # the first break at or after 7, then after 19: none
    ("aaaa\n\nbbbb\n\ncccc\n\ndddd", 5, [0, 6, 12, 18, 22]),  # the last 4 characters fit in a window
    ("aaaa\nbbbb\ncccc\ndddd", 5, [0, 5, 10, 15, 19]),  # no blank lines: single line breaks
    ("aaaa bbbb cccc dddd", 7, [0, 10, 19]),  # one paragraph: spaces
    ("x" * 50, 5, [0, 50]),  # nowhere to cut: one window
])
def test_cuts(text, size, expected):
    assert windows.cuts(text, size=size) == expected


def test_a_cut_moves_past_furniture():
    text = "aaaa\n\nPhoto: x\n\nbbbb\n\ncccc"  # paragraphs begin at 6, 16 and 22
    caption = SetAside("caption", "Photo: x", "a photo caption", 6, 14)
    assert windows.cuts(text, size=5) == [0, 6, 16, 22, 26]
    assert windows.cuts(text, [caption], size=5) == [0, 6, 16, 22, 26]  # 6 is the caption's start: fine
    around = SetAside("caption", "\n\nPhoto: x\n\n", "a photo caption", 4, 16)
    assert windows.cuts(text, [around], size=5) == [0, 16, 22, 26]


def test_a_long_file_is_read_in_windows_by_extract_and_extract_to(long_article, tmp_path, monkeypatch):
    """Through the public entry points: the same rows, on one core or two."""
    path = tmp_path / "dump.txt"
    path.write_text(long_article.text, encoding="utf-8")
    (path.with_suffix(".json")).write_text('{"published": "2023-08-14", "outlet": "RT"}')
    reference = nl.extract(path)  # one window: the file is shorter than WINDOW
    monkeypatch.setattr(windows, "WINDOW", 3_000)
    monkeypatch.setattr(windows, "CONTEXT", 1_500)
    for jobs in (1, 2):
        assert nl.extract(path, jobs=jobs)["quotes"].equals(reference["quotes"])
        result = nl.extract_to(path, tmp_path / f"out{jobs}", jobs=jobs)
        assert result["counts"] == {name: len(df) for name, df in reference.items()}
    assert (tmp_path / "out1" / "positions.csv").read_bytes() == (tmp_path / "out2" / "positions.csv").read_bytes()
