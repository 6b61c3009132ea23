"""The date-word pre-filter of rules/dates.py: a rule is tried on a sentence only when one of its
TRIGGERS is in it, and that must never drop a date expression."""


import pytest
from hypothesis import given, seed, settings
from hypothesis import strategies as st

import nigerlens as nl
from nigerlens.rules.dates import _COMPILED, PATTERNS, TRIGGERS, _scan, find_expressions, trigger_in

from ..conftest import BUNDLED_PATH, ROOT
from ..extractors.test_events import CASES

EVERY_RULE = range(len(_COMPILED))
FIXTURES = ROOT / "tests" / "fixtures"
ARTICLES = [BUNDLED_PATH, *sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".txt", ".html") and p.parent.name != "styles")]


def every_sentence() -> list[str]:
    """The sentences of the date case table and of every article with gold (bundled, dev, train, held-out)."""
    sentences = [text for text, _, _ in CASES]
    for path in ARTICLES:
        sentences += [s.text for s in nl.load_article(path).sentences]
    return sentences


SENTENCES = every_sentence()


def test_the_sentences_hold_matches_of_every_rule():
    """The checks below see each rule match, so they would catch a trigger that misses it."""
    matched = {rule for rule, rx in _COMPILED if any(rx.search(s) for s in SENTENCES)}
    assert matched == {rule for rule, _ in PATTERNS}
    assert len(SENTENCES) > 1000


def test_every_rule_has_triggers():
    assert set(TRIGGERS) == {rule for rule, _ in PATTERNS}
    assert all(TRIGGERS[rule] for rule in TRIGGERS)


def test_every_match_of_a_rule_holds_one_of_its_triggers():
    missed = [(rule, m.group()) for s in SENTENCES for rule, rx in _COMPILED for m in rx.finditer(s)
              if not any(trigger_in(t, m.group()) for t in TRIGGERS[rule])]
    assert missed == []


@pytest.mark.parametrize("trigger, text, held", [
    ("Aug", "on Aug. 10", True), ("Aug", "on aug. 10", False), ("Sep", "Sept. 15", True), ("Monday", "MONDAY", False),
    ("day", "two DAYS later", True), ("day", "two dayſ later", True), ("week", "last wee\u212a", True),
    ("week", "a weekly rally", True), ("year", "in 2023", False), (r"(?:19|20)\d{2}", "in 2023", True), (r"(?:19|20)\d{2}", "1,300 troops", False),
])
def test_a_trigger_is_a_word_compared_by_its_case_rule(trigger, text, held):
    assert trigger_in(trigger, text) is held


def test_the_prefilter_keeps_every_expression_of_the_case_tables_and_articles():
    changed = [s for s in SENTENCES if tuple(find_expressions(s)) != _scan(s, EVERY_RULE)]
    assert changed == []


# (sentence, [(rule, text)]): odd capitals and letters that re.IGNORECASE matches as others
# (long s as "s", Kelvin sign as "k"), a combining accent after the word; found with the
# pre-filter exactly as by every rule
ODD = [
    ("YESTERDAY the junta met envoys.", [("deictic", "YESTERDAY")]),
    ("The junta met envoys yeſterday.", [("deictic", "yeſterday")]),
    ("Troops left the base today\u0301.", [("deictic", "today")]),
    ("Talks resumed last wee\u212a.", [("week", "last wee\u212a")]),
    ("ECOWAS met on July 30 and TWO DAYS LATER the junta replied.", [("month-day", "on July 30"), ("relative-offset", "TWO DAYS LATER")]),
    ("ECOWAS met on July 30 and two dayſ later the junta replied.", [("month-day", "on July 30"), ("relative-offset", "two dayſ later")]),
    ("The drawdown ends in the THIRD QUARTER of 2024.", [("quarter", "in the THIRD QUARTER of 2024")]),
    ("They met in the ſecond quarter.", [("quarter", "in the ſecond quarter")]),
    ("Aid returned a YEAR AGO.", [("relative-offset", "a YEAR AGO")]),
    ("The base closed in 2019, two years after the raid.", [("year", "in 2019"), ("relative-offset", "two years after the raid")]),
    ("The envoy arrived in mid-July.", [("part-of-month", "in mid-July")]),
    ("He left on 2023-08-07.", [("iso", "on 2023-08-07")]),
    ("Sunday's rally drew crowds.", [("weekday", "Sunday's")]),
    ("We may march on the capital in March.", [("month", "in March")]),
    ("ABUJA, Aug 10 — West African leaders met on Monday.", [("weekday", "on Monday")]),
    # month and weekday names are capitalised or not dates ("march", "may"): none here
    ("the coup came on july 26 and talks began on monday.", []),
    ("Leaders met on Mon. and Tues.", []),
    ("Some 1,300 US soldiers are in Niger.", []),
    ("", []),
]


@pytest.mark.parametrize("sentence, expected", ODD, ids=[s[:40] for s, _ in ODD])
def test_odd_inputs_with_the_prefilter(sentence, expected):
    assert [(e.rule, e.text) for e in find_expressions(sentence)] == expected
    assert tuple(find_expressions(sentence)) == _scan(sentence, EVERY_RULE)


# date words in any case with their look-alike letters, among other words
_PIECES = ["on", "in", "by", "last", "next", "this", "the", "earlier", "two", "a", "3", "26", "2023", "2023-08-07", ",", ".",
           "July", "Sept.", "Monday", "Tues", "day", "DAYS", "dayſ", "week", "WEEKEND", "wee\u212a", "month", "year", "years",
           "quarter", "third", "later", "ago", "after", "yesterday", "TODAY", "tomorrow", "mid-", "late", "of", "troops", "ABUJA,", "—"]


@seed(20261201)
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map(" ".join))
def test_the_prefilter_finds_what_every_rule_finds(sentence):
    assert tuple(find_expressions(sentence)) == _scan(sentence, EVERY_RULE)
