"""resources.alternation and trie_alternation: the trie-shaped regex matches exactly what the
longest-first alternation of the same phrases matches, wherever it is embedded."""

import re

import pytest
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from nigerlens.resources import alternation, lexicon, phrase_pattern, trie_alternation
from nigerlens.rules.gazetteer import _has_upper, default_gazetteer


def flat(phrases, spaces=True) -> str:
    """The alternation as it was written before the trie: every phrase, longest first."""
    return "|".join(phrase_pattern(p) if spaces else re.escape(p) for p in sorted(set(phrases), key=len, reverse=True) if p.strip())


# embeddings the package uses: bounded words, a continuation that can fail, a match anchored at the end
FRAMES = (r"(?<![\w-])(?:{})(?![\w-])", r"(?:{})\s+(?:[\w-]+\s+){{0,2}}$", r"\b(?:{})\s+\w+", r"(?:{})")


def same_matches(a: str, b: str, text: str, flags: int) -> bool:
    return [m.span() for m in re.finditer(a, text, flags)] == [m.span() for m in re.finditer(b, text, flags)]


@pytest.mark.parametrize("phrases, text, expected", [
    (["withdraw", "withdrawal of", "without"], "the withdrawal of troops, without delay", ["withdrawal of", "without"]),
    (["pull out", "pull-out of", "pullout of"], "a pull-out of forces and a pull  out", ["pull-out of", "pull  out"]),
    (["US", "US Army", "U.S."], "the US Army and the U.S. envoy", ["US Army", "U.S."]),
])
def test_the_longest_phrase_wins(phrases, text, expected):
    rx = re.compile(rf"(?<![\w.])(?:{alternation(phrases)})(?!\w)")
    assert [m.group() for m in rx.finditer(text)] == expected


def test_it_is_a_trie_when_no_two_branches_differ_only_in_case():
    assert trie_alternation(["Niger", "Nigeria", "Nigerien"]) == "Niger(?:i(?:a|en))?"
    assert alternation(["end to", "end of"]) == r"end\s+(?:of|to)"


def test_branches_that_differ_only_in_case_fall_back_to_the_longest_first_alternation():
    # under re.IGNORECASE both "C" and "c" would match, and the branch order would choose
    assert alternation(["CNSP", "coup leaders"]) == r"coup\s+leaders|CNSP"
    rx = re.compile(rf"(?:{alternation(['CNSP', 'cnsp leaders'])})", re.IGNORECASE)
    assert rx.match("CNSP leaders").group() == "CNSP leaders"


def test_a_generator_is_read_once():
    # the fallback reads the phrases a second time: a generator must not come back empty
    assert alternation(p for p in ["CNSP", "coups"]) == "coups|CNSP"
    assert alternation(p for p in ["end to", "end of"]) == r"end\s+(?:of|to)"


def test_nothing_to_match_is_an_empty_pattern():
    assert alternation([]) == alternation(["", "  "]) == ""


WORDS = ["a", "ab", "abc", "b", "ba", "A", "Ab", "ſ", "s", "K", "\u212a", "-", "'", "."]


@seed(20261201)
@settings(max_examples=400, deadline=None)
@given(phrases=st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join), min_size=1, max_size=8),
       text=st.lists(st.sampled_from([*WORDS, " ", "  ", "x"]), max_size=12).map("".join),
       frame=st.sampled_from(FRAMES), flags=st.sampled_from([0, re.IGNORECASE]), spaces=st.booleans())
def test_the_trie_matches_what_the_longest_first_alternation_matches(phrases, text, frame, flags, spaces):
    # letters that re.IGNORECASE matches as others (long s, Kelvin sign), phrases that are
    # prefixes of others, runs of spaces inside phrases and texts
    ours = trie_alternation(phrases, spaces=r"\s+" if spaces else None)
    assert same_matches(frame.format(ours), frame.format(flat(phrases, spaces)), text, flags)


@pytest.mark.parametrize("name, column", [("stance_cues", "cue"), ("speech_verbs", "cue"), ("tense_cues", "cue"), ("stance_targets", "phrase")])
def test_the_lexicons_match_as_before(name, column, every_sentence):
    phrases = [r[column] for r in lexicon(name) if r.get(column)]
    assert phrases
    frame = FRAMES[0]
    changed = [s for s in every_sentence if not same_matches(frame.format(alternation(phrases)), frame.format(flat(phrases)), s, re.IGNORECASE)]
    assert changed == []


def test_the_gazetteer_finds_the_names_it_found_before(every_sentence):
    g = default_gazetteer()
    for aliases, flags in (([a for a in g._actor_alias if _has_upper(a)], 0), ([a for a in g._actor_alias if not _has_upper(a)], re.IGNORECASE)):
        ours = rf"(?<![\w.])(?:{trie_alternation(aliases)})(?!\w)"
        theirs = rf"(?<![\w.])(?:{flat(aliases, spaces=False)})(?!\w)"
        assert [s for s in every_sentence if not same_matches(ours, theirs, s, flags)] == []


@pytest.fixture(scope="module")
def every_sentence():
    from .test_dates import SENTENCES

    return SENTENCES
