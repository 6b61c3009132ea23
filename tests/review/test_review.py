"""Reviewing rows: decisions persist per article, survive re-runs and rule changes, are applied
to every table, exported as gold, and scored (issue 18)."""

import json
import multiprocessing
import shutil

import pandas as pd
import pytest

import nigerlens as nl
from nigerlens.analysis.evaluate import evaluate_dir, evaluate_reviews
from nigerlens.review import store
from nigerlens.review.apply import apply_reviews
from nigerlens.review.gold import export_gold
from nigerlens.review.keys import row_key

from ..conftest import BUNDLED_PATH


@pytest.fixture
def article(tmp_path):
    """A copy of the bundled article (and its sidecar) to review."""
    for suffix in (".txt", ".json"):
        shutil.copyfile(BUNDLED_PATH.with_suffix(suffix), tmp_path / f"bundled{suffix}")
    return nl.load_article(tmp_path / "bundled.txt")


@pytest.fixture
def reviews(tmp_path):
    return tmp_path / "reviews"


def rows(tables, table):
    return tables[table].to_dict("records")


def test_every_decision_shows_in_the_review_column(article, reviews):
    tables = nl.tabulate(article)
    dep, pos = rows(tables, "deployments"), rows(tables, "positions")
    store.record(reviews, article.id, [store.reject("deployments", dep[0]), store.correct("deployments", dep[1], {"count": "1,350"}),
                                       store.confirm("positions", pos[0])])
    reviewed = apply_reviews(tables, reviews)
    assert reviewed["deployments"][["actor", "count", "review"]].values.tolist() == [[dep[1]["actor"], 1350, "corrected"]]
    assert reviewed["positions"]["review"].tolist()[0] == "confirmed"
    assert set(reviewed["positions"]["review"].tolist()[1:]) == {"unreviewed"}
    shown = apply_reviews(tables, reviews, show_rejected=True)
    assert sorted(shown["deployments"]["review"]) == ["corrected", "rejected"]
    assert "review" in reviewed["quotes"].columns and set(reviewed["quotes"]["review"]) == {"unreviewed"}


def test_an_added_row_carries_its_sentence_and_is_in_the_csv(article, reviews, tmp_path):
    start = article.text.index("The US has chosen")
    end = article.text.index(".", start) + 1
    store.record(reviews, article.id, [store.add("positions", {"actor": "Russia", "issue": "sanctions", "stance": "oppose", "start": start, "end": end})])
    reviewed = apply_reviews(nl.tabulate(article), reviews, articles={article.id: article})
    added = reviewed["positions"][reviewed["positions"]["review"] == "added"].iloc[0]
    assert (added["actor"], added["issue"], added["sentence"]) == ("Russia", "sanctions", article.text[start:end])
    nl.write_tables(reviewed, tmp_path / "out")
    assert "Russia,sanctions,oppose" in (tmp_path / "out" / "positions.csv").read_text(encoding="utf-8")


def test_a_decision_survives_a_rerun_and_a_change_to_an_unrelated_rule(article, reviews, tmp_path, monkeypatch):
    from nigerlens import resources

    tables = nl.tabulate(article)
    target = next(r for r in rows(tables, "deployments") if r["actor"] == "United States")
    store.record(reviews, article.id, [store.reject("deployments", target)])
    # an unrelated rule change: a copy of the data with a new speech verb and a new stance cue
    data = tmp_path / "data"
    shutil.copytree(resources.PACKAGE_DATA, data, ignore=shutil.ignore_patterns("articles"))
    with (data / "lexicon" / "speech_verbs.csv").open("a", encoding="utf-8") as f:
        f.write("quipped,past\n")
    monkeypatch.setattr(resources, "DATA_DIR", data)
    resources.read_rows.cache_clear()
    try:
        again = apply_reviews(nl.tabulate(nl.load_article(article.path)), reviews)
    finally:
        resources.read_rows.cache_clear()
    assert "United States" not in set(again["deployments"]["actor"])
    assert len(again["review_orphans"]) == 0


def test_a_decision_whose_row_is_gone_is_listed_as_orphaned(article, reviews):
    tables = nl.tabulate(article)
    ghost = dict(rows(tables, "bases")[0], place="Dirkou")
    store.record(reviews, article.id, [store.confirm("bases", ghost)])
    reviewed = apply_reviews(tables, reviews)
    (orphan,) = reviewed["review_orphans"].to_dict("records")
    assert (orphan["table"], orphan["key"], orphan["action"]) == ("bases", row_key("bases", ghost), "confirm")
    assert json.loads(store.review_path(reviews, article.id).read_text())["decisions"]  # still in the file


@pytest.mark.parametrize("table, field, value, message", [
    ("deployments", "count", "-5", "not a count between 0"),
    ("deployments", "count", "many", "not a whole number"),
    ("events", "date", "2023-02-30", "not a date"),
    ("positions", "issue", "dancing", "not in the taxonomy"),
    ("positions", "stance", "maybe", "not support or oppose"),
    ("positions", "sentence", "x", "not a field an analyst sets"),
])
def test_an_invalid_correction_is_refused_and_nothing_is_written(article, reviews, table, field, value, message):
    row = rows(nl.tabulate(article), table)[0]
    with pytest.raises(store.ReviewError, match=message):
        store.correct(table, row, {field: value})
    assert not store.review_path(reviews, article.id).exists()


@pytest.mark.parametrize("content, message", [
    ("{not json", "not a review file"),
    ('{"nigerlens_review": 9, "decisions": []}', "version 9"),
    ('{"nigerlens_review": 1, "decisions": [{"key": "k", "table": "weather", "action": "reject"}]}', "decision 1: unknown table 'weather'"),
    ('{"nigerlens_review": 1, "decisions": [{"key": "k", "table": "bases", "action": "reject", "row": {"colour": 1}}]}', "unknown field 'colour'"),
])
def test_a_bad_review_file_is_an_error_row_and_the_article_stays_unreviewed(article, reviews, content, message):
    path = store.review_path(reviews, article.id)
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    tables = nl.tabulate(article)
    reviewed = apply_reviews(tables, reviews)
    (error,) = reviewed["errors"].to_dict("records")
    assert message in error["error"] and str(path) in error["error"]
    assert len(reviewed["deployments"]) == len(tables["deployments"]) and set(reviewed["deployments"]["review"]) == {"unreviewed"}


def _writer(args):
    folder, article_id, table, n, offset = args
    for i in range(n):
        row = {"actor": f"Actor {offset + i}", "issue": "sanctions", "stance": "support", "start": i, "end": i + 1}
        store.record(folder, article_id, [store.add(table, row)])


def test_two_writers_on_one_article_lose_no_decision(reviews):
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_writer, [(str(reviews), "a1", "positions", 25, 0), (str(reviews), "a1", "positions", 25, 100)])
    decisions = store.read_decisions(reviews, "a1")
    assert len(decisions) == 50
    assert {d.row["actor"] for d in decisions} == {f"Actor {i}" for i in (*range(25), *range(100, 125))}


def test_exported_gold_is_read_by_evaluate_with_the_same_scores(article, reviews, tmp_path):
    tables = nl.tabulate(article)
    decisions = [store.confirm(t, r) for t in ("deployments", "bases", "events", "quotes", "positions") for r in rows(tables, t)]
    decisions[0] = store.reject("deployments", rows(tables, "deployments")[0])
    decisions.append(store.add("bases", {"actor": "France", "place": "Niamey", "start": 0, "end": 10}))
    store.record(reviews, article.id, decisions)
    reviewed = apply_reviews(tables, reviews, articles={article.id: article})
    (gold,) = export_gold(reviewed, tmp_path / "gold", articles={article.id: article})
    from_file, _, problems = evaluate_dir(tmp_path / "gold")
    from_reviews, _, problems2 = evaluate_reviews([article.path], reviews)
    assert not problems and not problems2
    for table, s in from_file.items():
        assert (s.true_pos, s.false_pos, s.false_neg) == (from_reviews[table].true_pos, from_reviews[table].false_pos, from_reviews[table].false_neg), table
    assert from_file["deployments"].false_pos == 1  # the rejected row
    assert from_file["bases"].false_neg == 1  # the added one the rules miss
    assert json.loads(gold.read_text())["quotes"][0]["starts_with"]


def test_two_corrections_of_a_row_keep_both_fields(article, reviews):
    tables = nl.tabulate(article)
    row = rows(tables, "positions")[0]
    store.record(reviews, article.id, [store.correct("positions", row, {"stance": "oppose"})])
    shown = rows(apply_reviews(tables, reviews), "positions")[0]
    store.record(reviews, article.id, [store.correct("positions", shown, {"issue": "talks_with_junta"})])
    again = rows(apply_reviews(tables, reviews), "positions")[0]
    assert (again["stance"], again["issue"], again["review"]) == ("oppose", "talks_with_junta", "corrected")
    assert len(store.read_decisions(reviews, article.id)) == 1


def test_an_added_row_keeps_its_articles_outlet_and_date(article, reviews):
    store.record(reviews, article.id, [store.add("bases", {"actor": "France", "place": "Niamey", "start": 0, "end": 10})])
    added = apply_reviews(nl.tabulate(article), reviews)["bases"].query("review == 'added'").iloc[0]
    assert (added["outlet"], added["published"]) == ("RT", pd.Timestamp("2023-08-14"))
