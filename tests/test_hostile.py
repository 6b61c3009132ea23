"""Hostile and broken input: clear one-line errors, nothing lost, nothing run."""

import json

import pytest

import nigerlens as nl
from nigerlens.cli import main
from nigerlens.load import LoadError, load_article

from .conftest import DEV

PAGE_WITHOUT_ARTICLE = """<!DOCTYPE html><html lang="en"><head><title>Niger troops</title>
<meta property="article:published_time" content="2023-08-14T08:00:00Z"></head>
<body><div class="nav"><a href="/">Home</a></div><div class="content">
<p>About 1,000 U.S. troops remain in Niger, most of them at a drone base near Agadez, officials said on Tuesday.</p>
<p>France keeps around 1,500 soldiers in the country, according to its defence ministry.</p>
</div></body></html>"""

ONLY_SCRIPTS = """<!DOCTYPE html><html><head><script>var a = 1;</script></head>
<body><script>document.write('hello')</script><noscript>enable JS</noscript></body></html>"""


def test_html_page_without_article_element(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE_WITHOUT_ARTICLE, encoding="utf-8")
    tables = nl.extract(path)
    assert tables["articles"]["published"].tolist() == ["2023-08-14"]
    assert tables["deployments"][["actor", "count"]].values.tolist() == [["United States", 1000], ["France", 1500]]


def test_html_page_with_only_scripts(tmp_path):
    path = tmp_path / "scripts.html"
    path.write_text(ONLY_SCRIPTS, encoding="utf-8")
    with pytest.raises(LoadError, match=r"scripts\.html: no article text found in the web page$"):
        load_article(path)


def test_mixed_line_endings(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"First paragraph.\r\n\r\nSecond paragraph.\n\nThird paragraph.\r\rFourth.")
    article = load_article(path)
    assert "\r" not in article.text
    assert [s.text for s in article.sentences] == ["First paragraph.", "Second paragraph.", "Third paragraph.", "Fourth."]


def test_json_output_stays_exact(capsys):
    assert main(["extract", str(DEV / "web-20231011-us-coup-designation.html")]) == 0
    data = json.loads(capsys.readouterr().out)
    comments = [s["text"] for s in data["set_aside"] if s["kind"] == "comments"]
    assert '=HYPERLINK("http://example.invalid","click me")' in comments[0]  # not neutralised in JSON


@pytest.mark.parametrize("value", ["../../etc/passwd", "/etc/passwd", "..", "a/../../b", "C:\\\\evil"])
def test_ids_from_metadata_stay_file_names(tmp_path, value):
    (tmp_path / "a.txt").write_text("Some 300 Italian soldiers remain in Niger.", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"id": value}), encoding="utf-8")
    article_id = load_article(tmp_path / "a.txt").id
    assert "/" not in article_id and "\\" not in article_id and not article_id.startswith(".")
    out = tmp_path / "out"
    assert main(["report", str(tmp_path / "a.txt"), "--out", str(out)]) == 0
    assert all(p.resolve().is_relative_to(out.resolve()) for p in out.rglob("*"))


def test_nothing_is_written_half(tmp_path, monkeypatch):
    from nigerlens import export

    target = tmp_path / "tables"
    target.mkdir()
    (target / "deployments.csv").write_text("old,complete\n", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(export.os, "replace", broken_replace)
    with pytest.raises(OSError):
        export.write_tables(nl.extract(DEV / "wire-20230811-ecowas-standby.txt"), target)
    assert (target / "deployments.csv").read_text(encoding="utf-8") == "old,complete\n"
    assert [p.name for p in target.iterdir()] == ["deployments.csv"]  # no temporary file left


def test_a_50_mb_text_completes_in_bounded_memory(tmp_path):
    """A 50 MB text (the bundled and dev articles over and over: every paragraph is news about
    Niger) is read in windows on every core and streamed to CSV. Each copy gives the rows of one,
    every row points at its sentence, and the run stays far below the 1.1 GiB it took while
    the article was held whole."""
    import subprocess
    import sys

    import pandas as pd

    from .conftest import BUNDLED_PATH, DEV_ARTICLES

    unit = "\n\n".join(load_article(p).text for p in [BUNDLED_PATH, *DEV_ARTICLES])
    copies = -(-50 * 2**20 // len(unit.encode("utf-8")))
    sidecar = '{"id": "dump", "published": "2023-08-14", "outlet": "RT", "language": "en"}'
    for name, n in [("one", 1), ("big", copies)]:
        (tmp_path / f"{name}.txt").write_text("\n\n".join([unit] * n), encoding="utf-8")
        (tmp_path / f"{name}.json").write_text(sidecar, encoding="utf-8")
    assert (tmp_path / "big.txt").stat().st_size >= 50 * 2**20

    # run under a small parent that reports the largest resident size among its children (the
    # command and its workers), so nothing else this test session started is counted
    measure = "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)"
    command = [sys.executable, "-m", "nigerlens", "extract", str(tmp_path / "big.txt"), "--stream", "--format", "csv", "--jobs", "0", "--out", str(tmp_path / "out")]
    run = subprocess.run([sys.executable, "-c", measure, *command], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "rows: articles 1," in run.stderr
    peak_mib = int(run.stdout.split()[-1]) / 1024
    assert peak_mib < 700, peak_mib

    one = nl.extract(tmp_path / "one.txt")
    text = (tmp_path / "big.txt").read_text(encoding="utf-8")
    for name in ("set_aside", "deployments", "bases", "events", "quotes", "positions"):
        df = pd.read_csv(tmp_path / "out" / f"{name}.csv", dtype={"start": "Int64", "end": "Int64", "text": str, "sentence": str}, keep_default_na=False)
        assert len(one[name]) > 0 and len(df) == copies * len(one[name]), name
        column = "text" if name == "set_aside" else "sentence"
        assert all(text[s:e] == value for s, e, value in zip(df["start"], df["end"], df[column], strict=True)), name


# -- issue 12: case-fold look-alikes, counts and dates at the limits ---------------------------
@pytest.mark.parametrize(
    "text",
    [
        "A French diplomatic \u017fource told the paper that the junta would fall.",  # long s in a source noun
        "The \u017ftatement said the sanctions would stay, the \u017ftatement added.",
        "Some 1,500 French troops remain in Niger, a \u212aenyan official said.",
        "Around 300 \u212a\u0131ndred soldiers left Niamey, \u017fome diplomats said on \u017funday.",
        "\u017fome 1,000 U.S. troops remain in Niger, officials \u017faid la\u017ft \u212aonday.",
        "An adv\u0130\u017fer to the pre\u017fident told reporters that ECOWAS was ready.",
    ],
)
def test_case_fold_look_alikes_do_not_crash(text):
    tables = nl.tabulate(nl.from_text(text, published="2023-08-14"))
    for name in ("deployments", "bases", "events", "quotes", "positions"):
        for row in tables[name].itertuples():
            assert nl.from_text(text).text[row.start : row.end] == row.sentence


@pytest.mark.parametrize(
    "surface, word",
    [("\u017fource", "source"), ("\u212aILLED", "killed"), ("SOURCE", "source"), ("adv\u0130ser", "adviser"), ("\u0131n", "in"), ("stra\u00dfe", "strasse")],
)
def test_fold_matches_the_way_ignorecase_patterns_do(surface, word):
    import re

    from nigerlens.resources import fold

    assert fold(surface) == fold(word)
    if "\u00df" not in surface:  # re does not match ß with ss; fold does, which is harmless
        assert re.fullmatch(re.escape(word), surface, re.IGNORECASE)


def test_fold_fuzzer_over_the_lexicon_words():
    """Every lexicon word and actor alias, its s/k/i replaced by look-alikes that IGNORECASE
    matches, in a few sentence frames: no exception (fixed seed)."""
    import random

    from .fuzz import fold_mutations

    for text in fold_mutations(random.Random(20261201), 400):
        nl.tabulate(nl.from_text(text, published="2023-08-14"))


@pytest.mark.parametrize(
    "text",
    [
        "99999999999999999999 soldiers are in Niger.",
        "Some 10000000000000000000 troops remain in Niger.",
        "Some " + "9" * 400 + " French troops remain in Niger.",
        "About 3" + "0" * 30 + " million U.S. soldiers stay in Niamey.",
        "Some two hundred million million million soldiers are in Niger.",
    ],
)
def test_counts_out_of_range_are_not_troop_counts(text):
    assert len(nl.tabulate(nl.from_text(text, published="2023-08-14"))["deployments"]) == 0


@pytest.mark.parametrize("text, count", [("Some 1,500 French troops remain in Niger.", 1500), ("About 1100 U.S. soldiers remain in Niger.", 1100)])
def test_counts_in_range_still_count(text, count):
    assert nl.tabulate(nl.from_text(text, published="2023-08-14"))["deployments"]["count"].tolist() == [count]


@pytest.mark.parametrize("published", ["0001-01-01", "0001-01-02", "9999-12-31", "9999-12-25"])
@pytest.mark.parametrize(
    "text",
    [
        "The troops will leave next Monday, officials said.",
        "The junta met over the weekend and again two days later.",
        "Talks began yesterday; the envoy returns next week, in early January or late December.",
        "The deadline is Dec. 31 and the meeting was on Jan. 1; it ends in the first quarter.",
    ],
)
def test_dates_at_the_calendar_limits_stay_unresolved(published, text):
    events = nl.tabulate(nl.from_text(text, published=published))["events"]
    assert len(events) > 0
    for value in events["date"].dropna():
        assert "0001-01-01" <= value <= "9999-12-31"


def test_published_at_the_calendar_limits_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("The troops will leave next Monday, over the weekend, officials said.", encoding="utf-8")
    for published in ("0001-01-01", "9999-12-31"):
        assert main(["extract", str(path), "--published", published]) == 0
        assert json.loads(capsys.readouterr().out)["articles"][0]["published"] == published
