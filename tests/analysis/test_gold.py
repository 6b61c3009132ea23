"""Quality gate: the dev articles' tables against their hand annotations.

The bar (stated in README): F1 >= 0.9 per table over the four dev articles (0.85 for positions,
the most interpretive table), and no article below 0.75 (0.6 for positions). Today's scores are
printed with -s.
"""

import pytest

import nigerlens as nl
from nigerlens.analysis.evaluate import KEYS, evaluate_article, evaluate_dir, gold_path

from ..conftest import BUNDLED_PATH, DEV, DEV_ARTICLES

BAR = {"deployments": 0.9, "bases": 0.9, "events": 0.9, "quotes": 0.9, "attribution": 0.9, "positions": 0.85}
PER_ARTICLE_BAR = {"deployments": 0.75, "bases": 0.75, "events": 0.75, "quotes": 0.75, "attribution": 0.75, "positions": 0.6}

TRAIN = DEV.parent / "train"
# floors over the 20 train texts (house styles of real outlets): raised as the rules improve, so
# that a change that loses ground fails here
TRAIN_FLOOR = {"deployments": 0.95, "bases": 0.97, "events": 0.99, "quotes": 0.98, "attribution": 0.97, "positions": 0.95}


@pytest.fixture(scope="module")
def scores():
    totals, per_article, problems = evaluate_dir(DEV)
    assert not problems and len(per_article) == len(DEV_ARTICLES)
    return per_article


@pytest.mark.parametrize("table", list(KEYS))
def test_dev_articles_meet_the_bar(scores, table):
    total = None
    for article_scores in scores.values():
        total = article_scores[table] if total is None else total + article_scores[table]
    print(f"\n{total}")
    assert total.f1 >= BAR[table], f"{total}; misses={total.misses} false hits={total.false_hits}"


@pytest.mark.parametrize("table", list(KEYS))
def test_no_dev_article_falls_far_below(scores, table):
    for article_id, article_scores in scores.items():
        s = article_scores[table]
        assert s.f1 >= PER_ARTICLE_BAR[table], f"{article_id}: {s}; misses={s.misses} false hits={s.false_hits}"


HELDOUT = DEV.parent / "heldout"
# floors on texts no rule was written from (tests/fixtures/heldout/README.md): a change that
# generalises worse fails here even when the train texts still score
HELDOUT_FLOOR = {
    "a": {"deployments": 0.85, "bases": 0.75, "events": 0.90, "quotes": 0.95, "attribution": 0.80, "positions": 0.70},
    "b": {"deployments": 0.75, "bases": 0.80, "events": 0.88, "quotes": 0.90, "attribution": 0.70, "positions": 0.52},
    # never read: written after the c-tuned fixes, measured once (deployments 1.00, bases 1.00,
    # events 0.97, quotes 1.00, attribution 0.80, positions 0.75)
    "d": {"deployments": 0.90, "bases": 0.90, "events": 0.90, "quotes": 0.95, "attribution": 0.78, "positions": 0.70},
    # measured unseen once (attribution 0.76, positions 0.65), then read to fix classes of speakers
    "c-tuned": {"deployments": 0.80, "bases": 0.80, "events": 0.90, "quotes": 0.95, "attribution": 0.80, "positions": 0.60},
    # measured unseen once (attribution 0.74, positions 0.57), then read to fix classes
    "e-tuned": {"deployments": 0.75, "bases": 0.80, "events": 0.90, "quotes": 0.95, "attribution": 0.78, "positions": 0.62},
    # never read: written after the E' fixes, measured at the session start and after them
    # (attribution 0.78 -> 0.82, positions 0.55 -> 0.60; deployments 0.85, bases 0.95, events 0.90, quotes 0.98)
    "f": {"deployments": 0.80, "bases": 0.90, "events": 0.85, "quotes": 0.95, "attribution": 0.75, "positions": 0.50},
    # measured unseen once at the end of a session (attribution 0.62, events 0.65, quotes 0.80,
    # positions 0.56), then read to fix classes (a timeline's year headings, reference lists)
    "g-tuned": {"deployments": 0.72, "bases": 0.90, "events": 0.85, "quotes": 0.95, "attribution": 0.72, "positions": 0.50},
}


@pytest.mark.parametrize("folder", list(HELDOUT_FLOOR))
def test_held_out_texts_stay_above_their_floor(folder):
    totals, per_article, problems = evaluate_dir(HELDOUT / folder)
    assert not problems and per_article
    low = {t: round(totals[t].f1, 2) for t, floor in HELDOUT_FLOOR[folder].items() if totals[t].f1 < floor}
    assert not low, f"below the floor on held-out {folder}: {low}"


@pytest.fixture(scope="module")
def train_totals():
    totals, per_article, problems = evaluate_dir(TRAIN)
    assert not problems and len(per_article) == 20
    return totals


@pytest.mark.parametrize("table", list(TRAIN_FLOOR))
def test_train_texts_stay_above_their_floor(train_totals, table):
    print(f"\n{train_totals[table]}")
    assert train_totals[table].f1 >= TRAIN_FLOOR[table], str(train_totals[table])


# the positions gate of issue 14, over the train, dev and bundled texts together
POSITIONS_GATE = {"precision": 0.85, "recall": 0.80}


def test_positions_meet_their_precision_and_recall_gate(train_totals, scores):
    from nigerlens.analysis.evaluate import evaluate_dir as over

    total = train_totals["positions"]
    for article_scores in scores.values():
        total = total + article_scores["positions"]
    total = total + over(BUNDLED_PATH.parent)[0]["positions"]
    print(f"\n{total}")
    assert total.precision >= POSITIONS_GATE["precision"], f"{total}; false hits={total.false_hits}"
    assert total.recall >= POSITIONS_GATE["recall"], f"{total}; misses={total.misses}"


def test_scoring_counts_distinct_facts_not_mentions():
    from nigerlens.analysis.evaluate import score_rows

    gold = [{"actor": "France", "count": 1500, "count_high": None}]
    found = [{"actor": "France", "count": 1500, "count_high": None}] * 3 + [{"actor": "Mali", "count": 10, "count_high": None}] * 2
    s = score_rows("deployments", gold, found)
    assert (s.true_pos, s.false_pos, s.false_neg) == (1, 1, 0)


@pytest.mark.parametrize(
    "found, quotes, attribution",
    [
        # first words match, whatever the marks and case; the affiliation is enough to be right
        ([{"text": "We Will  respond to any aggression.", "speaker": "the spokesman", "speaker_affiliation": "Niger junta"}], (1, 0, 0), (1, 0, 0)),
        ([{"text": "we will respond, he said", "speaker": "Amadou Abdramane", "speaker_affiliation": None}], (1, 0, 0), (1, 0, 0)),
        # found, but said by someone else: a quote hit, an attribution false hit and miss
        ([{"text": "We will respond to any aggression", "speaker": "Bola Tinubu", "speaker_affiliation": "Nigeria"}], (1, 0, 0), (0, 1, 1)),
        # found with no speaker: counts against attribution precision too
        ([{"text": "We will respond to any aggression", "speaker": None, "speaker_affiliation": None}], (1, 0, 0), (0, 1, 1)),
        # a quote that is not gold, twice: one false hit for each score
        ([{"text": "Down with France", "speaker": None, "speaker_affiliation": None}] * 2, (0, 1, 1), (0, 1, 1)),
        # two rows of one gold quote, one of them right: one true positive, nothing false
        ([{"text": "We will respond", "speaker": "Bola Tinubu", "speaker_affiliation": None}, {"text": "We will respond", "speaker": None, "speaker_affiliation": "Niger junta"}], (1, 0, 0), (1, 0, 0)),
    ],
)
def test_quotes_match_on_first_words_and_attribution_on_speaker_or_affiliation(found, quotes, attribution):
    from nigerlens.analysis.evaluate import score_quotes

    gold = [{"speaker": "Amadou Abdramane", "affiliation": "Niger junta", "starts_with": "“We will respond"}]
    q, a = score_quotes(gold, found)
    assert (q.true_pos, q.false_pos, q.false_neg) == quotes
    assert (a.true_pos, a.false_pos, a.false_neg) == attribution


def test_scoring_counts_misses_and_false_hits():
    from nigerlens.analysis.evaluate import score_rows

    gold = [{"actor": "France", "place": "Niamey"}, {"actor": "France", "place": "Ayorou"}]
    found = [{"actor": "France", "place": "Niamey"}, {"actor": "Niger", "place": "Niamey"}]
    s = score_rows("bases", gold, found)
    assert (s.true_pos, s.false_pos, s.false_neg) == (1, 1, 1)
    assert s.misses == [("France", "Ayorou")] and s.false_hits == [("Niger", "Niamey")]
    assert s.f1 == pytest.approx(0.5)


@pytest.mark.parametrize("path", DEV_ARTICLES, ids=lambda p: p.stem)
def test_gold_status_and_as_of_are_found(path):
    import json

    gold = json.loads(gold_path(path).read_text(encoding="utf-8"))
    found = nl.deployments(nl.load_article(path))
    for g in gold["deployments"]:
        row = found[(found["actor"] == g["actor"]) & (found["count"] == g["count"])].iloc[0]
        if "status" in g:
            assert row["status"] == g["status"]
        if "as_of" in g:
            assert row["as_of"] == g["as_of"]


# the notes of the dev gold files accept either side for these speakers
ACCEPTED_AFFILIATIONS = {"Bola Tinubu": {"Nigeria", "ECOWAS"}, "joint statement": {"United States", "Niger"}}


@pytest.mark.parametrize("path", [*DEV_ARTICLES, BUNDLED_PATH], ids=lambda p: p.stem)
def test_quote_speakers_affiliations_and_chains(path):
    import json

    gold = json.loads(gold_path(path).read_text(encoding="utf-8"))
    found = nl.quotes(nl.load_article(path))
    for g in gold["quotes"]:
        rows = found[found["text"].str.startswith(g["starts_with"])]
        assert len(rows) == 1, g["starts_with"]
        row = rows.iloc[0]
        assert row["speaker"] == g["speaker"]
        assert row["speaker_affiliation"] in ACCEPTED_AFFILIATIONS.get(g["speaker"], {g["affiliation"]})
        if "via" in g:
            assert row["via"].split(" > ") == g["via"]


def test_bundled_article_meets_its_own_gold():
    article = nl.load_article(BUNDLED_PATH)
    scores = evaluate_article(article, nl.tabulate(article), gold_path(BUNDLED_PATH))
    for table, s in scores.items():
        assert (s.false_neg, s.f1) == (0, 1.0) or table == "positions", f"{s}; misses={s.misses} false hits={s.false_hits}"
    assert scores["positions"].recall == 1.0, scores["positions"].misses
