"""Every row of a lexicon reaches every rule of its kind: a word added to a CSV file works
wherever words of that kind are used (issue 11). Rules with their own per-row tests elsewhere:
units, qualifiers, casualty words (test_deployments), page stamps (test_furniture), speech
verbs and source nouns (test_quotes), stance cues and frames (test_positions)."""

import pytest

import nigerlens as nl
from nigerlens.resources import lexicon


def rows_of(name, **match):
    return [r for r in lexicon(name) if all(r.get(k) == v for k, v in match.items())]


@pytest.mark.parametrize("row", rows_of("abbreviations"), ids=lambda r: r["abbreviation"])
def test_an_abbreviation_does_not_end_a_sentence(row):
    abbr = row["abbreviation"]
    written = abbr[0].upper() + abbr[1:] + "."
    article = nl.from_text(f"The troops of the {written} Smith group arrived in Niamey. They left later.")
    assert len(article.sentences) == 2, [s.text for s in article.sentences]


@pytest.mark.parametrize("row", rows_of("base_words"), ids=lambda r: r["word"])
def test_each_base_word_makes_a_base(row):
    bases = nl.bases(nl.from_text(f"The United States operates a {row['word']} in Agadez."))
    assert [(b.actor, b.place) for b in bases.itertuples()] == [("United States", "Agadez")]


@pytest.mark.parametrize("row", rows_of("force_nouns"), ids=lambda r: r["word"])
def test_each_force_noun_carries_a_count(row):
    found = nl.deployments(nl.from_text(f"Italy keeps a {row['word']} of 300 in Niger."))
    assert [(d.actor, d.count) for d in found.itertuples()] == [("Italy", 300)]


@pytest.mark.parametrize("row", rows_of("status_cues"), ids=lambda r: r["cue"])
def test_each_status_cue_sets_its_status(row):
    # the cue right before the count, as in "Chad pledged 400 soldiers in Niger"
    found = nl.deployments(nl.from_text(f"Chad {row['cue']} 400 soldiers in Niger.", published="2023-09-01"))
    assert [(d.actor, d.count, d.status) for d in found.itertuples()] == [("Chad", 400, row["status"])]


@pytest.mark.parametrize("row", rows_of("subject_adverbs"), ids=lambda r: r["word"])
@pytest.mark.parametrize("template", [
    "Macron {w} said France would “stay the course”.",
    "Tinubu met the envoys and {w} told reporters that force was “the last resort”.",
])
def test_each_subject_adverb_leaves_the_subject_its_verb(row, template):
    quotes = nl.quotes(nl.from_text(template.format(w=row["word"]), published="2023-08-14"))
    assert [q.speaker for q in quotes.itertuples()] == ["Emmanuel Macron" if "Macron" in template else "Bola Tinubu"]


@pytest.mark.parametrize("row", rows_of("seat_institutions"), ids=lambda r: r["word"])
def test_each_seat_institution_takes_the_country_of_its_capital(row):
    quotes = nl.quotes(nl.from_text(f"“We regret it,” said a spokesman of the {row['word']} in Berlin.", published="2024-07-07"))
    assert [(q.speaker_kind, q.speaker_affiliation) for q in quotes.itertuples()] == [("anonymous source", "Germany")]
