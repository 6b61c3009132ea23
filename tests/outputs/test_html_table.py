"""Tables as HTML for people (explorers, dashboard, report): aligned, numbered from 1, escaped."""

import re

import pandas as pd
import pytest

from nigerlens.outputs.html_table import html_table
from nigerlens.tables.schema import frame


def rows_of(html: str) -> list[list[str]]:
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S) for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)]


@pytest.mark.parametrize("table, records", [
    ("positions", [{"article_id": "a", "actor": "France", "issue": "talks_with_junta", "stance": "support", "cue": "open to"}] * 3),
    ("events", [{"article_id": "a", "date": "2023-08-12", "date_end": "2023-08-13", "precision": "weekend", "expression": "over the weekend"}]),
])
def test_every_row_has_one_cell_per_header_and_rows_count_from_one(table, records):
    html = html_table(frame(table, records))
    head, *body = rows_of(html)
    assert all(len(r) == len(head) for r in body)
    assert [r[0] for r in body] == [str(i) for i in range(1, len(records) + 1)]
    assert '<tr style="text-align: left;">' in html  # headers sit over their columns' left edge


def test_dates_do_not_wrap_and_missing_values_are_blank():
    html = html_table(frame("events", [{"article_id": "a", "date": "2023-08-12", "precision": "day"}]))
    head, row = rows_of(html)
    cell = dict(zip(head, row, strict=True))
    assert cell["date"] == '<span style="white-space:nowrap">2023-08-12</span>'
    assert cell["date_end"] == "" and "&lt;NA&gt;" not in html and "NaN" not in html


@pytest.mark.parametrize("text", ['<img src=x onerror="alert(1)">', "</td></tr><script>alert(1)</script>"])
def test_cells_are_escaped(text):
    html = html_table(pd.DataFrame({"text": [text], "<b>col</b>": ["x"]}))
    assert "<img" not in html and "<script" not in html and "<b>" not in html
    assert "&lt;img" in html or "&lt;/td&gt;" in html


def test_max_rows_shows_the_first_rows():
    html = html_table(pd.DataFrame({"n": range(10)}), max_rows=3)
    assert [r[0] for r in rows_of(html)[1:]] == ["1", "2", "3"]
