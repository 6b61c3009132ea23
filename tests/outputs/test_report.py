"""HTML reports: self-contained, every row with its evidence, article text always escaped."""

from __future__ import annotations

import dataclasses
from html import escape

import lxml.html
import matplotlib.pyplot as plt
import pytest

import nigerlens.outputs.report as report
from nigerlens.cli import main
from nigerlens.ingest.load import from_text, load_article
from nigerlens.outputs.report import write_report
from nigerlens.text.spans import SetAside

from ..conftest import BUNDLED_PATH, DEV

WEB = DEV / "web-20231011-us-coup-designation.html"
WIRE = DEV / "wire-20230811-ecowas-standby.txt"
BUNDLED_ID = "rt-20230814-washington-niger"
WEB_ID = "web-20231011-us-coup-designation"
# attributes through which a page loads or runs something
LOADING = ("src", "href", "srcset", "action", "formaction", "poster", "data", "background")
HOSTILE_COMMENT = "Great reporting! <script>alert('xss')</script><img src=x onerror=\"alert('xss2')\">"


@pytest.fixture(scope="module")
def several(tmp_path_factory):
    """write_report on the bundled article, the hostile dev page and a missing file (rendered once)."""
    out = tmp_path_factory.mktemp("report")
    missing = out.parent / "missing.txt"
    written = write_report([BUNDLED_PATH, WEB, missing], out)
    assert plt.get_fignums() == []  # figures are drawn off pyplot and leave nothing open
    return out, missing, written


@pytest.fixture
def no_figures(monkeypatch):
    """Skip drawing (seconds per report) where the test is about the page, not the figures."""
    monkeypatch.setattr(report, "figure_html", lambda kind, tables, article: f"<figure>{kind}</figure>")


def parsed(html: str):
    return lxml.html.document_fromstring(html)


def assert_self_contained_and_inert(html: str):
    doc = parsed(html)
    assert doc.xpath("//script | //iframe | //object | //embed | //link | //base | //form") == []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), f"<{el.tag} {name}=...>"
            if name.lower() in LOADING:
                assert value.startswith(("data:image/png;base64,", "#")) or ":" not in value, f"{name}={value[:60]}"
                assert not value.startswith("//"), value
    assert "url(" not in "".join(doc.xpath("//style/text()"))


def test_writes_one_report_per_article_and_an_index(several):
    out, _, written = several
    assert [p.name for p in written] == [f"{BUNDLED_ID}.html", f"{WEB_ID}.html", "index.html"]
    assert all(p.parent == out and p.is_file() for p in written)
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []  # no temporary files left


def test_bundled_report_shows_tables_figures_and_evidence(several):
    out, _, _ = several
    html = (out / f"{BUNDLED_ID}.html").read_text(encoding="utf-8")
    for text in ("United States", "France", "last Monday", "French diplomatic source", "Washington accused of betraying allies over Niger"):
        assert text in html, text
    assert html.count('src="data:image/png;base64,') >= 5
    assert "<mark>" in html
    doc = parsed(html)
    assert [h.text_content() for h in doc.xpath("//h2")] == ["Deployments", "Timeline", "Quotes", "Positions", "Evidence", "What was set aside"]
    assert_self_contained_and_inert(html)


def test_article_url_is_text_not_a_link(several):
    out, _, _ = several
    doc = parsed((out / f"{BUNDLED_ID}.html").read_text(encoding="utf-8"))
    assert "https://www.rt.com/" in doc.text_content()
    assert [v for v in doc.xpath("//@href | //@src") if "http" in v] == []


def test_hostile_page_report_is_inert(several):
    out, _, _ = several
    html = (out / f"{WEB_ID}.html").read_text(encoding="utf-8")
    assert_self_contained_and_inert(html)
    for raw in ("<script", "<img src=x", "onerror="):
        assert raw not in html
    assert escape("alert('xss')") in html  # the reader comment is shown, as text
    assert "Italy" in html


def test_hostile_text_everywhere_is_escaped(tmp_path, no_figures):
    """Markup in the title, outlet, URL, body and set-aside text reaches the page only as text."""
    page = load_article(WEB)
    hostile = dataclasses.replace(
        page,
        title="<script>alert('title')</script>",
        outlet='<img src=x onerror="alert(1)">',
        url="javascript:alert(1)",
        set_aside=[*page.set_aside, SetAside("comments", HOSTILE_COMMENT, "reader comments")],
    )
    (path,) = write_report(hostile, tmp_path)
    html = path.read_text(encoding="utf-8")
    assert_self_contained_and_inert(html)
    assert "&lt;script&gt;" in html
    for raw in ("<script", "<img src=x", "<img "):  # onerror="..." may remain, as text after &lt;img
        assert raw not in html
    assert escape(HOSTILE_COMMENT) in html


def test_index_links_reports_and_lists_what_could_not_be_read(several):
    out, missing, _ = several
    doc = parsed((out / "index.html").read_text(encoding="utf-8"))
    assert doc.xpath("//a/@href") == [f"{BUNDLED_ID}.html", f"{WEB_ID}.html"]
    assert all((out / href).is_file() for href in doc.xpath("//a/@href"))
    (item,) = doc.xpath("//h2[.='Could not be read']/following-sibling::ul/li")
    assert item.text_content() == f"{missing}: no such file"


def test_nothing_readable_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="no such file"):
        write_report([tmp_path / "nope.txt"], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_repeated_ids_and_index_do_not_overwrite(tmp_path, no_figures):
    arts = [from_text("France keeps 1,500 troops in Niger.", id=i) for i in ("index", "index", "a")]
    written = write_report(arts, tmp_path)
    assert [p.name for p in written] == ["index-2.html", "index-3.html", "a.html", "index.html"]


@pytest.mark.parametrize("name", ["../escape.html", "/tmp/elsewhere.html", "sub/x.html"])
def test_report_path_stays_inside_out(tmp_path, name):
    with pytest.raises(ValueError, match="outside"):
        report._inside(tmp_path, name)


def test_published_overrides_the_date(tmp_path, no_figures):
    (path,) = write_report(BUNDLED_PATH, tmp_path, published="2023-08-21")
    html = path.read_text(encoding="utf-8")
    assert "<dd>2023-08-21</dd>" in html
    assert "2023-08-14" in html  # "last Monday" now resolves to the 14th


def test_empty_tables_are_said_so(tmp_path, no_figures):
    (path,) = write_report(from_text("Nothing happened today.", id="quiet"), tmp_path)
    html = path.read_text(encoding="utf-8")
    assert "No deployments found." in html and "No quotes found." in html


# --- the CLI is a shell over write_report


def test_cli_writes_the_same_files_as_write_report(tmp_path, capsys, no_figures):
    args = [str(tmp_path / "missing.txt"), str(BUNDLED_PATH), str(WIRE)]
    lib = write_report(args, tmp_path / "lib")
    assert main(["report", *args, "--out", str(tmp_path / "cli")]) == 0
    err = capsys.readouterr().err
    assert "missing.txt: no such file" in err and "wrote" in err
    cli = sorted((tmp_path / "cli").iterdir())
    assert [p.name for p in cli] == sorted(p.name for p in lib)
    for path in cli:
        assert path.read_bytes() == (tmp_path / "lib" / path.name).read_bytes(), path.name


def test_cli_missing_file_alone_is_one_line(tmp_path, capsys):
    code = main(["report", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out")])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err == f"nigerlens: {tmp_path / 'nope.txt'}: no such file\n"
    assert not (tmp_path / "out").exists()


def test_cli_invalid_published_is_one_line(tmp_path, capsys):
    code = main(["report", str(BUNDLED_PATH), "--out", str(tmp_path), "--published", "14/08/2023"])
    assert code == 2
    assert capsys.readouterr().err == "nigerlens: invalid --published date '14/08/2023' (expected YYYY-MM-DD)\n"


def test_cli_out_is_a_file_is_one_line(tmp_path, capsys, no_figures):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code = main(["report", str(BUNDLED_PATH), "--out", str(blocker)])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("nigerlens: cannot write the report") and err.count("\n") == 1
