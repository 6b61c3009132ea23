import re

import pytest

from nigerlens.rules.counts import COUNT, number_value, parse_count


@pytest.mark.parametrize(
    "text, value",
    [
        ("1,300", 1300),
        ("1 300", 1300),
        ("1\u00a0300", 1300),
        ("300", 300),
        ("ten", 10),
        ("a thousand", 1000),
        ("two hundred", 200),
        ("two hundred and fifty", 250),
        ("twenty-five", 25),
        ("a dozen", 12),
        ("1.5 million", 1_500_000),
        ("3 thousand", 3000),
        ("1.5", None),
        ("several", None),
        # issue 15: German separators, number words, absurd lengths
        ("1.500", 1500),
        ("12.000", 12000),
        ("two dozen", 24),
        ("fifteen hundred", 1500),
        ("a thousand", 1000),
        ("9" * 400, None),
        ("1" + ",000" * 300, None),
        ("", None),
    ],
)
def test_number_value(text, value):
    assert number_value(text) == value


@pytest.mark.parametrize(
    "text, expected",
    [
        ("some 1,300", (1300, None, "some")),
        ("around 1,500", (1500, None, "around")),
        ("About 1,000", (1000, None, "about")),
        ("roughly 300", (300, None, "roughly")),
        ("nearly 1,100", (1100, None, "nearly")),
        ("almost 1,100", (1100, None, "almost")),  # the hedge as written (ANNOTATION.md)
        ("more than 1,100", (1100, None, "more than")),
        ("over 2,000", (2000, None, "over")),
        ("at least 500", (500, None, "at least")),
        ("up to 5,000", (5000, None, "up to")),
        ("an estimated 1,200", (1200, None, "estimated")),
        ("between 850 and 1,100", (850, 1100, "between")),
        ("between 1,000 and 1,500", (1000, 1500, "between")),
        ("1,000-1,500", (1000, 1500, "between")),
        ("several hundred", (None, None, "several hundred")),
        ("hundreds of", (None, None, "hundreds")),
        ("a thousand", (1000, None, None)),
        ("1,500", (1500, None, None)),
    ],
)
def test_parse_count(text, expected):
    m = re.fullmatch(COUNT, text, re.IGNORECASE | re.VERBOSE)
    assert m, text
    assert parse_count(m) == expected
