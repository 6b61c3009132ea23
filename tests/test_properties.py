"""Property-based checks: on any text, the loader and extractors raise nothing and every
evidence span points at its sentence."""


import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

import nigerlens as nl
from nigerlens.tables.schema import PRECISIONS

from .conftest import DEV_ARTICLES

SAMPLES = [p.read_text(encoding="utf-8") for p in DEV_ARTICLES if p.suffix == ".txt"]
SAMPLES.append(nl.BUNDLED_ARTICLE.read_text(encoding="utf-8"))

news_words = st.sampled_from(
    ["some", "1,300", "between", "850", "and", "1 100", "troops", "soldiers", "French", "U.S.", "Niger", "Niamey",
     "Agadez", "base", "air", "which", ",", ".", "“", "”", '"', "\n\n", "Read more", "FILE PHOTO:", "(RT)", "Gen.",
     "several hundred", "-strong", "force", "of", "its", "the", "junta", "withdraw", "Air Base 101",
     "said", "told", "he", "she", "it", "adding that", "citing", "according to", "the diplomat", "Macron",
     "last Monday", "over the weekend", "late July", "Feb. 30", "Sunday, Aug. 6", "two days later", "rejected",
     "sanctions", "warned", "against", "Wagner", "ready to support", "use of force", "2023-02-31", "in 2023"]
)
texts = st.one_of(
    st.text(max_size=400),
    st.lists(news_words, max_size=60).map(" ".join),
    st.tuples(st.sampled_from(SAMPLES), st.integers(0, 4000), st.integers(0, 4000), st.text(max_size=30)).map(
        lambda t: t[0][: t[1]] + t[3] + t[0][t[2] :]
    ),
)


def check(article):
    for s in article.sentences:
        assert article.text[s.start : s.end] == s.text
    for piece in article.set_aside:
        if piece.start is not None:  # pieces of a web page left out of its text have no span
            assert article.text[piece.start : piece.end] == piece.text
    tables = nl.tabulate(article)
    for name in ("deployments", "bases", "events", "quotes", "positions"):
        for row in tables[name].itertuples():
            assert 0 <= row.start <= row.end <= len(article.text)
            assert article.text[row.start : row.end] == row.sentence
    for row in tables["quotes"].itertuples():
        assert row.start <= row.quote_start < row.quote_end <= row.end
    counts = tables["deployments"]["count"].dropna()
    assert (counts >= 0).all()
    for column in ("date", "date_end"):
        assert tables["events"][column].dtype == "datetime64[s]"
        for value in tables["events"][column].dropna():
            assert 1 <= value.year <= 9999
    assert set(tables["events"]["precision"]) <= set(PRECISIONS)
    assert set(tables["positions"]["stance"]) <= {"support", "oppose"}


@pytest.mark.slow
@seed(20231011)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_gives_consistent_tables(text):
    check(nl.from_text(text, published="2023-08-14"))


samples_bytes = [p.read_bytes() for p in DEV_ARTICLES] + [nl.BUNDLED_ARTICLE.read_bytes()]
file_bytes = st.one_of(
    st.binary(max_size=600),
    st.tuples(st.sampled_from(samples_bytes), st.integers(0, 4000), st.binary(max_size=20)).map(
        lambda t: t[0][: t[1]] + t[2] + t[0][t[1] :]
    ),
    st.tuples(st.sampled_from(samples_bytes), st.integers(0, 4000)).map(lambda t: t[0][: t[1]]),  # truncated
)


@seed(20230814)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=file_bytes, suffix=st.sampled_from([".txt", ".html"]))
def test_any_file_loads_or_fails_with_one_line(tmp_path_factory, data, suffix):
    from nigerlens.ingest.load import LoadError, load_article

    path = tmp_path_factory.mktemp("prop") / f"article{suffix}"
    path.write_bytes(data)
    try:
        article = load_article(path)
    except LoadError as exc:
        assert str(path) in str(exc) and "\n" not in str(exc)
        return
    check(article)


@seed(20261128)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.integers(1, 1500), st.integers(0, 3000))
def test_windows_tile_the_text_and_keep_rows_in_place(text, size, context):
    from nigerlens.extractors import run as pipeline
    from nigerlens.text.windows import windows

    article = nl.from_text(text, published="2023-08-14")
    ws = list(windows(article, size=size, context=context))
    assert ws[0].start == 0 and ws[-1].end == len(article.text)
    assert all(a.end == b.start for a, b in zip(ws, ws[1:], strict=False))
    found: dict = {}
    for w in ws:
        assert w.article.text == article.text[w.offset : w.offset + len(w.article.text)]
        for name, rows in pipeline.window_records(w).items():
            found.setdefault(name, []).extend(rows)
            for r in rows:
                assert w.start <= r["start"] < w.end
                assert article.text[r["start"] : r["end"]] == r["sentence"]
    if context >= len(article.text):  # every window reads the whole text: nothing lost or doubled
        assert found == pipeline.extracted_records(article)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
sidecars = st.one_of(
    st.dictionaries(st.sampled_from(["id", "title", "outlet", "url", "published", "language", "extra"]), json_values, max_size=6).map(
        lambda d: __import__("json").dumps(d).encode("utf-8")
    ),
    st.binary(max_size=200),
    st.integers(1, 200_000).map(lambda n: b"[" * n + b"]" * n),
)


@seed(20261201)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(sidecar=sidecars)
def test_any_sidecar_loads_or_fails_with_one_line(tmp_path_factory, sidecar):
    from nigerlens.ingest.load import LoadError, load_article

    folder = tmp_path_factory.mktemp("sidecar")
    (folder / "a.txt").write_text("Some 300 Italian soldiers remain in Niger, the ministry said.", encoding="utf-8")
    (folder / "a.json").write_bytes(sidecar)
    try:
        article = load_article(folder / "a.txt")
    except LoadError as exc:
        assert str(folder / "a.json") in str(exc) and "\n" not in str(exc)
        return
    check(article)
    assert len(article.id.encode("utf-8")) <= 120


def _lexicon_words():
    from .fuzz import lexicon_words

    return lexicon_words()


@pytest.mark.slow
@seed(20261202)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(word=st.sampled_from(_lexicon_words()), mask=st.integers(0, 2**32), frame=st.integers(0, 3))
def test_case_fold_look_alikes_of_lexicon_words(word, mask, frame):
    """Each s, k or i of a lexicon word or alias replaced (by ``mask``) with a letter that
    re.IGNORECASE matches as it (long s, Kelvin sign, dotted/dotless i): no exception, rows in place."""
    from .fuzz import FRAMES, LOOK_ALIKES

    letters = [LOOK_ALIKES[c][(mask >> i) % len(LOOK_ALIKES[c])] if c in LOOK_ALIKES and (mask >> i) & 1 else c for i, c in enumerate(word)]
    check(nl.from_text(FRAMES[frame].format(w="".join(letters)), published="2023-08-14"))
