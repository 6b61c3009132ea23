"""The notebooks run headless on an article, are committed clean, and show escaped evidence."""

from __future__ import annotations

from html import escape
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from nigerlens.ingest.load import from_text
from nigerlens.outputs.evidence import evidence_html, set_aside_html
from nigerlens.outputs.notebooks import NOTEBOOKS_DIR, error_line, execute, main, to_html
from nigerlens.resources import BUNDLED_ARTICLE

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "fixtures" / "dev"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))

# (article, actors the deployments table must name)
RUNS = [
    pytest.param((BUNDLED_ARTICLE, ["United States", "France"]), id="bundled"),
    pytest.param((DEV / "web-20231011-us-coup-designation.html", ["Italy"]), id="dev-web-page"),
]


@pytest.fixture(autouse=True)
def elsewhere(tmp_path, monkeypatch):
    """Run each test from a scratch folder: nothing may depend on the current directory."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module", params=RUNS)
def executed(request, tmp_path_factory):
    """01_deployments executed once per article (one kernel each): (notebook, html, actors)."""
    article, actors = request.param
    out = tmp_path_factory.mktemp("notebooks")
    path = execute(NOTEBOOKS_DIR / "01_deployments.ipynb", out, {"article": str(article)}, timeout=300)
    return nbformat.read(path, as_version=4), to_html(path), actors


def cell_errors(nb):
    """The error outputs of an executed notebook's code cells."""
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]


def tagged(nb, tag):
    """The code cell of ``nb`` carrying ``tag``."""
    (cell,) = [c for c in nb.cells if tag in c.metadata.get("tags", [])]
    return cell


def test_notebook_runs_without_errors(executed):
    nb, _, _ = executed
    errors = cell_errors(nb)
    assert not errors, errors[0]["ename"] + ": " + errors[0]["evalue"]


def test_notebook_shows_deployments_table(executed):
    nb, _, actors = executed
    (table,) = [o for o in tagged(nb, "deployments").outputs if "text/html" in o.get("data", {})]
    for actor in actors:
        assert actor in table["data"]["text/html"]


def test_notebook_draws_figures(executed):
    nb, html, _ = executed
    pngs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {})]
    assert len(pngs) >= 2
    assert html.read_text(encoding="utf-8").count('src="data:image/png') >= 2


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_committed_clean(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", []), "first code cell must be tagged parameters"
    assert [c.execution_count for c in code if c.execution_count is not None] == []
    assert [i for i, c in enumerate(code) if c.outputs] == []


def test_there_are_notebooks():
    assert NOTEBOOKS, f"no notebooks in {NOTEBOOKS_DIR}"


HOSTILE = 'Troops <script>alert(1)</script> left. "France has 1,500 soldiers," he said.'


def test_evidence_marks_span_and_escapes_text():
    art = from_text(HOSTILE)
    span = "France has 1,500 soldiers"
    start = HOSTILE.index(span)
    table = pd.DataFrame(
        [{"actor": "France", "count": 1500, "sentence": HOSTILE, "start": start, "end": start + len(span), "rule": "test"}]
    )
    html = evidence_html(table, art)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html  # the previous sentence is shown, escaped
    assert html.count("<mark>") == 1
    assert f"<mark>{escape(span)}</mark>" in html
    assert "France" in html.split("<mark>")[0]  # the summary line names the actor


@pytest.mark.parametrize(
    "value, shown",
    [
        ('<img src=x onerror="alert(1)">', "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ],
)
def test_evidence_escapes_table_values(value, shown):
    art = from_text(HOSTILE)
    table = pd.DataFrame([{"actor": value, "sentence": value, "start": pd.NA, "end": pd.NA, "rule": value}])
    html = evidence_html(table, art)
    assert value not in html
    assert shown in html


def test_set_aside_html_escapes_furniture():
    art = from_text("France keeps 1,500 troops in Niger.\n\nFILE PHOTO: <script>alert(1)</script>")
    assert art.set_aside, "the caption should be set aside"
    html = set_aside_html(art)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_failed_notebook_is_one_line(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("raise ValueError('no article\\nsecond line')")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(Exception) as info:
        execute(path, tmp_path / "out", {})
    assert error_line(info.value) == "cell 1: ValueError: no article"
    assert (tmp_path / "out" / "broken.ipynb").is_file()  # saved, so the error can be read in place


def test_run_writes_tables_and_fails_without_notebooks(tmp_path, capsys):
    status = main(["--article", str(BUNDLED_ARTICLE), "--out", str(tmp_path / "out"), "--notebooks", str(tmp_path)])
    assert status == 1
    assert "no notebooks in" in capsys.readouterr().err
    assert (tmp_path / "out" / "tables" / "deployments.csv").is_file()


def test_run_names_missing_article(tmp_path, capsys):
    assert main(["--article", str(tmp_path / "nope.txt")]) == 2
    assert "nope.txt" in capsys.readouterr().err


# (article, expressions the events table must show)
TIMELINE_RUNS = [
    pytest.param((BUNDLED_ARTICLE, ["last Monday", "over the weekend", "in late July"]), id="bundled"),
    pytest.param((DEV / "web-20231011-us-coup-designation.html", ["on Tuesday", "last month"]), id="dev-web-page"),
]


@pytest.fixture(scope="module", params=TIMELINE_RUNS)
def timeline_run(request, tmp_path_factory):
    """02_timeline executed once per article: (notebook, expected expressions)."""
    article, expressions = request.param
    out = tmp_path_factory.mktemp("timeline")
    path = execute(NOTEBOOKS_DIR / "02_timeline.ipynb", out, {"article": str(article)}, timeout=300)
    return nbformat.read(path, as_version=4), expressions


def test_timeline_notebook_runs_and_shows_events(timeline_run):
    nb, expressions = timeline_run
    errors = cell_errors(nb)
    assert not errors, errors[0]["ename"] + ": " + errors[0]["evalue"]
    (table,) = [o for o in tagged(nb, "events").outputs if "text/html" in o.get("data", {})]
    for expression in expressions:
        assert expression in table["data"]["text/html"]
    assert any("image/png" in o.get("data", {}) for o in tagged(nb, "timeline-plot").outputs)


def test_timeline_notebook_shows_what_moves_with_the_publication_date(timeline_run):
    nb, _ = timeline_run
    (table,) = [o for o in tagged(nb, "anchor-shift").outputs if "text/html" in o.get("data", {})]
    html = table["data"]["text/html"]
    assert "moved" in html and "True" in html and "False" in html


# (article, a speaker the quotes table must show)
STAKEHOLDER_RUNS = [
    pytest.param((BUNDLED_ARTICLE, "French diplomatic source"), id="bundled"),
    pytest.param((DEV / "wire-20230811-ecowas-standby.txt", "Bola Tinubu"), id="dev-wire"),
]


@pytest.fixture(scope="module", params=STAKEHOLDER_RUNS)
def stakeholders_run(request, tmp_path_factory):
    """03_stakeholders executed once per article: (notebook, expected speaker)."""
    article, speaker = request.param
    out = tmp_path_factory.mktemp("stakeholders")
    path = execute(NOTEBOOKS_DIR / "03_stakeholders.ipynb", out, {"article": str(article)}, timeout=300)
    return nbformat.read(path, as_version=4), speaker


def test_stakeholders_notebook_runs_without_errors(stakeholders_run):
    nb, _ = stakeholders_run
    errors = cell_errors(nb)
    assert not errors, errors[0]["ename"] + ": " + errors[0]["evalue"]


def test_stakeholders_notebook_shows_quotes_with_their_chains(stakeholders_run):
    nb, speaker = stakeholders_run
    (table,) = [o for o in tagged(nb, "quotes").outputs if "text/html" in o.get("data", {})]
    html = table["data"]["text/html"]
    assert speaker in html
    for column in ("speaker_kind", "speaker_affiliation", "via", "cue"):
        assert column in html


def test_stakeholders_notebook_shows_where_positions_come_from(stakeholders_run):
    nb, _ = stakeholders_run
    (table,) = [o for o in tagged(nb, "position-sources").outputs if "text/html" in o.get("data", {})]
    for column in ("actor", "issue", "stance", "claimed_by", "via", "cue"):
        assert column in table["data"]["text/html"]


@pytest.mark.parametrize("tag", ["stance-plot", "attribution-plot"])
def test_stakeholders_notebook_draws_both_figures(stakeholders_run, tag):
    nb, _ = stakeholders_run
    assert any("image/png" in o.get("data", {}) for o in tagged(nb, tag).outputs)


def test_run_writes_the_report_beside_the_notebooks(tmp_path, capsys):
    status = main(["--article", str(BUNDLED_ARTICLE), "--out", str(tmp_path / "out"), "--notebooks", str(tmp_path)])
    assert status == 1  # no notebooks in tmp_path; the tables and the report are still written
    report = tmp_path / "out" / "notebooks" / "rt-20230814-washington-niger.html"
    assert report.is_file()
    assert 'src="data:image/png;base64,' in report.read_text(encoding="utf-8")
    assert "report" in capsys.readouterr().out.splitlines()[-1]


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    """04_corpus executed once, on the sample corpus (data/corpus)."""
    out = tmp_path_factory.mktemp("corpus")
    path = execute(NOTEBOOKS_DIR / "04_corpus.ipynb", out, {}, timeout=300)
    return nbformat.read(path, as_version=4)


def html_table(nb, tag):
    (table,) = [o for o in tagged(nb, tag).outputs if "text/html" in o.get("data", {})]
    return table["data"]["text/html"]


def test_corpus_notebook_runs_and_shows_where_sources_disagree(corpus_run):
    nb = corpus_run
    errors = cell_errors(nb)
    assert not errors, errors[0]["ename"] + ": " + errors[0]["evalue"]
    (us,) = [row for row in html_table(nb, "compare").split("<tr") if "United States" in row]
    assert "<td>True</td>" in us  # the disagree column
    assert "some 1,300" in html_table(nb, "disagreements")
    assert "Example Daily" in html_table(nb, "conflicts")  # Nuland's visit on Aug 6 vs Aug 7
    for tag in ("troop-plot", "chronology-plot"):
        assert any("image/png" in o.get("data", {}) for o in tagged(nb, tag).outputs)


@pytest.fixture(scope="module")
def review_run(tmp_path_factory):
    """05_review executed on the bundled article with a review folder of the test's own."""
    out = tmp_path_factory.mktemp("review")
    reviews = out / "reviews"
    path = execute(NOTEBOOKS_DIR / "05_review.ipynb", out, {"reviews": str(reviews)}, timeout=300)
    return nbformat.read(path, as_version=4), reviews


def test_review_notebook_applies_and_keeps_the_decisions(review_run):
    nb, reviews = review_run
    errors = cell_errors(nb)
    assert not errors, errors[0]["ename"] + ": " + errors[0]["evalue"]
    (table,) = [o for o in tagged(nb, "reviewed").outputs if "text/html" in o.get("data", {})]
    assert "corrected" in table["data"]["text/html"] and "about" in table["data"]["text/html"]
    (bases,) = [o for o in tagged(nb, "bases").outputs if "text/html" in o.get("data", {})]
    assert "added" in bases["data"]["text/html"]
    import json

    (file,) = reviews.glob("*.review.json")
    actions = sorted(d["action"] for d in json.loads(file.read_text(encoding="utf-8"))["decisions"])
    assert actions == ["add", "confirm", "correct", "reject"]
    printed = "".join(o.get("text", "") for o in tagged(nb, "evaluate").outputs)
    assert "deployments" in printed and "positions" in printed
