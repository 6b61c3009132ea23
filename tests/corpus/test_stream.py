"""extract_to writes the tables of extract() chunk by chunk, and nothing half-written on failure."""

import sys

import pandas as pd
import pytest

import nigerlens as nl
from nigerlens.cli import main
from nigerlens.corpus import scheduler
from nigerlens.corpus.stream import MissingExtraError, extract_to, read_parquet_tables
from nigerlens.tables.export import write_tables

from ..conftest import BUNDLED_PATH, DEV_ARTICLES


@pytest.fixture(scope="module")
def bad_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("bad") / "broken.txt"
    path.write_bytes(b"\x00\x01binary")
    return path


@pytest.fixture(scope="module")
def paths(bad_file):
    # the bad file sits between good ones, so it lands inside a chunk, not at an edge
    return [DEV_ARTICLES[0], bad_file, *DEV_ARTICLES[1:], BUNDLED_PATH]


@pytest.fixture(scope="module")
def reference(paths):
    return nl.extract(paths)


def snapshot(folder) -> dict:
    """Every file under ``folder`` (hidden ones included): relative path -> bytes; of the
    manifest, only the files it lists (its run id differs from run to run)."""
    import json

    files = {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    if "manifest.json" in files:
        files["manifest.json"] = json.loads(files["manifest.json"])["files"]
    return files


@pytest.mark.parametrize("jobs, chunk_size", [(1, 2), (2, 3), (1, 200)])
def test_csv_files_are_those_of_write_tables(paths, reference, tmp_path, jobs, chunk_size):
    write_tables(reference, tmp_path / "whole", format="csv")
    result = extract_to(paths, tmp_path / "streamed", format="csv", jobs=jobs, chunk_size=chunk_size)
    assert snapshot(tmp_path / "streamed") == snapshot(tmp_path / "whole")  # byte for byte, one header each
    assert result["counts"] == {name: len(df) for name, df in reference.items()}
    assert [p.name for p in result["written"]] == [f"{name}.csv" for name in reference]


def test_parquet_tables_equal_extract(paths, reference, tmp_path):
    result = extract_to(paths, tmp_path, format="parquet", chunk_size=2)
    back = read_parquet_tables(tmp_path)
    assert list(back) == list(reference)
    for name, df in reference.items():
        # nothing normalised: parts are read in order and pandas keeps string/Int64/Float64 in the file
        pd.testing.assert_frame_equal(back[name], df, obj=name)
    # 6 files in chunks of 2: one part per chunk for every table, empty ones included
    assert sorted(p.name for p in (tmp_path / "events").iterdir()) == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    assert result["counts"]["articles"] == 5


def test_a_bad_file_is_listed_and_the_rest_go_on(paths, bad_file, tmp_path):
    result = extract_to(paths, tmp_path, chunk_size=2)
    assert [e["path"] for e in result["errors"]] == [str(bad_file)]
    assert "binary file" in result["errors"][0]["error"]
    errors = pd.read_csv(tmp_path / "errors.csv")
    assert errors["path"].tolist() == [str(bad_file)]


def test_only_bad_files_still_write_every_table_with_its_header(bad_file, tmp_path):
    result = extract_to([bad_file], tmp_path)
    assert result["counts"]["articles"] == 0 and result["counts"]["errors"] == 1
    assert (tmp_path / "deployments.csv").read_text().startswith("article_id,outlet,published,actor,")


def failing_on_second_chunk(monkeypatch, chunk_size):
    """Make process_path raise from the first file of the second chunk on."""
    real, calls = scheduler.process_path, []

    def process_path(path, published=None, gazetteer=None, issues=None):
        calls.append(path)
        if len(calls) > chunk_size:
            raise RuntimeError("extractor crashed")
        return real(path, published, gazetteer, issues)

    monkeypatch.setattr(scheduler, "process_path", process_path)


@pytest.mark.parametrize("format", ["csv", "parquet"])
def test_a_failed_run_writes_nothing(paths, tmp_path, monkeypatch, format):
    failing_on_second_chunk(monkeypatch, chunk_size=2)
    with pytest.raises(RuntimeError, match="extractor crashed"):
        extract_to(paths, tmp_path, format=format, chunk_size=2)
    assert list(tmp_path.iterdir()) == []  # no table, no staging folder left behind


@pytest.mark.parametrize("format", ["csv", "parquet"])
def test_a_failed_run_keeps_the_previous_output(paths, tmp_path, monkeypatch, format):
    extract_to([BUNDLED_PATH], tmp_path, format=format)
    before = snapshot(tmp_path)
    failing_on_second_chunk(monkeypatch, chunk_size=2)
    with pytest.raises(RuntimeError):
        extract_to(paths, tmp_path, format=format, chunk_size=2)
    assert snapshot(tmp_path) == before


def test_a_rerun_replaces_the_parquet_parts(paths, tmp_path):
    extract_to(paths, tmp_path, format="parquet", chunk_size=1)
    extract_to([BUNDLED_PATH], tmp_path, format="parquet")
    assert [p.name for p in (tmp_path / "quotes").iterdir()] == ["part-00000.parquet"]
    assert read_parquet_tables(tmp_path)["articles"]["article_id"].tolist() == ["rt-20230814-washington-niger"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_parquet_without_pyarrow_names_the_extra(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # find_spec then reports it missing
    with pytest.raises(MissingExtraError, match=r"install nigerlens\[dask\]"):
        extract_to([BUNDLED_PATH], tmp_path, format="parquet")
    assert main(["extract", str(BUNDLED_PATH), "--format", "parquet", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "pip install 'nigerlens[dask]'" in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_cli_stream_writes_the_same_csv(paths, reference, tmp_path, capsys):
    write_tables(reference, tmp_path / "whole", format="csv")
    code = main(["extract", *map(str, paths), "--stream", "--format", "csv", "--chunk-size", "2", "--out", str(tmp_path / "streamed")])
    assert code == 0
    assert snapshot(tmp_path / "streamed") == snapshot(tmp_path / "whole")
    err = capsys.readouterr().err
    assert "binary file" in err and "rows: articles 5," in err


@pytest.mark.parametrize("args, message", [
    (["--stream"], "--stream writes csv or parquet"),
    (["--stream", "--format", "json", "--out", "x"], "--stream writes csv or parquet"),
    (["--format", "parquet"], "give --out DIR"),
    (["--stream", "--format", "csv", "--out", "x", "--chunk-size", "0"], "at least 1"),
])
def test_cli_stream_usage_errors_are_one_line(args, message, capsys):
    assert main(["extract", str(BUNDLED_PATH), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_a_non_english_article_is_listed_as_in_extract(tmp_path):
    from .test_pipeline import FRENCH

    path = tmp_path / "fr.txt"
    path.write_text(FRENCH, encoding="utf-8")
    reference = nl.extract([path, BUNDLED_PATH])
    write_tables(reference, tmp_path / "whole", format="csv")
    extract_to([path, BUNDLED_PATH], tmp_path / "streamed", chunk_size=1)
    assert snapshot(tmp_path / "streamed") == snapshot(tmp_path / "whole")
    articles = pd.read_csv(tmp_path / "streamed" / "articles.csv")
    assert articles["article_id"].tolist() == ["fr", "rt-20230814-washington-niger"]
    assert "language 'fr' (detected)" in pd.read_csv(tmp_path / "streamed" / "errors.csv")["error"][0]
