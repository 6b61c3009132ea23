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
