"""The CSV files of a run are those written before the tables were built from plain rows
(tests/fixtures/snapshot/, written on 2026-12-01 by the DataFrame-per-article code), byte for byte,
in one process, on two workers and streamed. A change of the rules that changes a row is
expected to change these files: regenerate them with

    nigerlens extract data/articles tests/fixtures/dev --out tests/fixtures/snapshot && rm tests/fixtures/snapshot/manifest.json

and read the diff before committing it.
"""

import pandas as pd
import pytest

import nigerlens as nl
from nigerlens.tables.export import write_tables
from nigerlens.tables.schema import SCHEMAS, columns

from ..conftest import ROOT

SNAPSHOT = ROOT / "tests" / "fixtures" / "snapshot"
INPUTS = ["data/articles", "tests/fixtures/dev"]  # relative, as the path column was written
EXTRACTED = ("deployments", "bases", "events", "quotes", "positions")


def expected_files() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(SNAPSHOT.glob("*.csv"))}


def written_files(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


@pytest.mark.parametrize("jobs", [1, 2])
def test_extracted_csv_files_are_the_snapshot_byte_for_byte(tmp_path, monkeypatch, jobs):
    monkeypatch.chdir(ROOT)
    write_tables(nl.extract(INPUTS, jobs=jobs, progress=False), tmp_path)
    got, want = written_files(tmp_path), expected_files()
    assert sorted(got) == sorted(want) == sorted(f"{t}.csv" for t in SCHEMAS)
    for name in want:
        assert got[name] == want[name], name


def test_streamed_csv_files_are_the_snapshot_byte_for_byte(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    nl.extract_to(INPUTS, tmp_path, chunk_size=2, progress=False)  # three chunks: rows cross chunk bounds
    assert written_files(tmp_path) == expected_files()


def test_every_table_has_its_schema_dtypes_and_the_context_columns_after_article_id(monkeypatch):
    monkeypatch.chdir(ROOT)
    tables = nl.extract(INPUTS, progress=False)
    for name, df in tables.items():
        schema = columns(name, context=name in EXTRACTED)
        assert list(schema)[1:3] == (["outlet", "published"] if name in EXTRACTED else list(SCHEMAS[name])[1:3])
        if name in EXTRACTED:
            assert len(df) > 0, name
        assert list(df.columns) == list(schema), name
        for column, dtype in schema.items():
            got = df[column].dtype
            if dtype == "string":  # the Python-backed string dtype, as frame() builds it
                assert isinstance(got, pd.StringDtype) and got.storage == "python", (name, column, got)
            elif dtype == "date":
                assert str(got) == "datetime64[s]", (name, column, got)
            else:
                assert str(got) == dtype, (name, column, got)


@pytest.mark.parametrize("excel", [False, True])
def test_the_command_line_writes_the_snapshot_from_rows(tmp_path, monkeypatch, excel):
    from nigerlens.cli import main

    monkeypatch.chdir(ROOT)
    assert main(["extract", *INPUTS, "--out", str(tmp_path), "--format", "csv", *(["--excel"] if excel else [])]) == 0
    want = expected_files()
    if excel:  # the byte-order mark Excel needs, then the same bytes
        want = {name: b"\xef\xbb\xbf" + data for name, data in want.items()}
    assert written_files(tmp_path) == want
