"""The command line's newer options: --version, --data, --issues, --reviews, the export formats,
--excel, check-data and review (issues 11, 16, 18)."""

import json
import shutil
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest

from nigerlens.cli import main
from nigerlens.corpus.options import OptionsError, RunOptions
from nigerlens.resources import PACKAGE_DATA

from .conftest import BUNDLED_PATH, DEV

BUNDLED = str(BUNDLED_PATH)
WIRE = str(DEV / "wire-20230925-france-withdrawal.txt")


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("nigerlens 0.")


@pytest.mark.parametrize("kwargs, message", [
    ({"format": "csv"}, "--format csv writes files: give --out DIR"),
    ({"format": "xlsx"}, "--format xlsx writes files"),
    ({"format": "yaml"}, "--format 'yaml': one of"),
    ({"scheduler": "local", "format": "csv", "out": "x"}, "write Parquet"),
    ({"stream": True}, "--stream writes csv or parquet"),
    ({"excel": True, "format": "json"}, "--excel is for CSV"),
    ({"jobs": -1}, "--jobs must be 0"),
    ({"chunk_size": 0}, "--chunk-size must be at least 1"),
    ({"issues": "/no/such.toml"}, "--issues /no/such.toml: no such file"),
    ({"data": "/no/such/folder"}, "--data /no/such/folder: not a folder"),
    ({"published": "2023-13-01"}, "--published date"),
])
def test_run_options_are_validated_in_one_line(kwargs, message):
    with pytest.raises(OptionsError, match=message.replace("(", r"\(").replace(")", r"\)")):
        RunOptions(**kwargs)


def test_the_library_takes_the_same_options_object():
    import nigerlens as nl

    opts = RunOptions(published="2023-08-21")
    tables = nl.extract([BUNDLED], options=opts)
    assert set(tables["articles"]["published"]) == {pd.Timestamp("2023-08-21")}


@pytest.mark.parametrize("fmt, file", [("xlsx", "tables.xlsx"), ("geojson", "bases.geojson"), ("events", "events.csv")])
def test_export_formats_from_the_command_line(tmp_path, fmt, file, capsys):
    assert main(["extract", BUNDLED, WIRE, "--format", fmt, "--out", str(tmp_path)]) == 0
    path = tmp_path / file
    if fmt == "xlsx":
        assert "deployments" in openpyxl.load_workbook(path).sheetnames
    elif fmt == "geojson":
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        assert {f["properties"]["place"] for f in features} >= {"Niamey", "Agadez"}
    else:
        events = pd.read_csv(path)
        assert {"event_date", "actor1", "iso3", "notes"} <= set(events.columns) and len(events) > 5


def test_excel_csv_starts_with_a_byte_order_mark_and_reads_back(tmp_path):
    assert main(["extract", BUNDLED, "--format", "csv", "--excel", "--out", str(tmp_path)]) == 0
    raw = (tmp_path / "quotes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    quotes = pd.read_csv(tmp_path / "quotes.csv", encoding="utf-8-sig")
    assert quotes.columns[0] == "article_id" and len(quotes) == 8


def test_check_data_command(tmp_path, capsys):
    assert main(["check-data"]) == 0
    bad = tmp_path / "data"
    shutil.copytree(PACKAGE_DATA, bad, ignore=shutil.ignore_patterns("articles"))
    with (bad / "actors.csv").open("a", encoding="utf-8") as f:
        f.write("France,state,Gaul,\n")
    capsys.readouterr()
    assert main(["check-data", str(bad)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and "duplicate name 'France'" in out[0]


@pytest.fixture
def freedonia(tmp_path):
    """A copy of the data folder that knows one more state, and an article about it."""
    data = tmp_path / "data"
    shutil.copytree(PACKAGE_DATA, data, ignore=shutil.ignore_patterns("articles"))
    with (data / "actors.csv").open("a", encoding="utf-8") as f:
        f.write("Freedonia,state,Freedonia|Freedonian,\n")
    article = tmp_path / "a.txt"
    article.write_text("Freedonia has some 400 troops in Niger.\n", encoding="utf-8")
    return data, article


def test_data_option_reads_another_data_folder(freedonia):
    data, article = freedonia
    run = [sys.executable, "-m", "nigerlens"]
    plain = json.loads(subprocess.run([*run, "extract", str(article)], capture_output=True, text=True, check=True).stdout)
    custom = json.loads(subprocess.run([*run, "--data", str(data), "extract", str(article)], capture_output=True, text=True, check=True).stdout)
    assert not any(r["actor"] == "Freedonia" for r in plain["deployments"])
    assert [(r["actor"], r["count"]) for r in custom["deployments"]] == [("Freedonia", 400)]


def test_review_from_the_command_line(tmp_path, capsys):
    reviews = tmp_path / "reviews"
    assert main(["review", BUNDLED, "--reviews", str(reviews), "--table", "deployments"]) == 0
    listed = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert len(listed) == 2 and all(status == "unreviewed" for _, status, *_ in listed)
    (k1, *_), (k2, *_) = listed
    assert main(["review", BUNDLED, "--reviews", str(reviews), "--reject", k1, "--set", k2, "qualifier=about", "--table", "deployments"]) == 0
    listed = {line.split("\t")[0]: line.split("\t")[1] for line in capsys.readouterr().out.splitlines()}
    assert listed == {k1: "rejected", k2: "corrected"}
    assert main(["review", BUNDLED, "--reviews", str(reviews), "--set", k2, "count=-5"]) == 2
    assert "not a count" in capsys.readouterr().err
    assert main(["review", BUNDLED, "--reviews", str(reviews), "--confirm", "deployments-0000000000"]) == 2
    # the reviewed table in every export
    out = tmp_path / "out"
    assert main(["extract", BUNDLED, "--reviews", str(reviews), "--format", "csv", "--out", str(out)]) == 0
    deployments = pd.read_csv(out / "deployments.csv")
    assert deployments["review"].tolist() == ["corrected"] and deployments["qualifier"].tolist() == ["about"]
    # gold from the review, scored the same both ways
    gold = tmp_path / "gold"
    assert main(["review", BUNDLED, "--reviews", str(reviews), "--export-gold", str(gold)]) == 0
    capsys.readouterr()
    assert main(["evaluate", str(gold), "--quiet"]) == 0
    from_file = capsys.readouterr().out
    assert main(["evaluate", BUNDLED, "--reviews", str(reviews), "--quiet"]) == 0
    assert capsys.readouterr().out == from_file


def test_issues_option_on_the_command_line(tmp_path, capsys):
    taxonomy = tmp_path / "issues.toml"
    taxonomy.write_text(PACKAGE_DATA.joinpath("issues.toml").read_text(encoding="utf-8")
                        + '\n[elections]\nlabel = "Elections"\nkeywords = ["elections"]\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("ECOWAS demanded elections in Niger on Monday.\n", encoding="utf-8")
    assert main(["extract", str(article), "--issues", str(taxonomy)]) == 0
    positions = json.loads(capsys.readouterr().out)["positions"]
    assert [(p["actor"], p["issue"]) for p in positions] == [("ECOWAS", "elections")]


def test_extract_reads_another_data_folder_in_fresh_workers(freedonia):
    import nigerlens as nl

    data, article = freedonia

    def actors(tables):
        return [(r.actor if isinstance(r.actor, str) else None, r.count) for r in tables["deployments"].itertuples()]

    assert actors(nl.extract([article])) == [(None, 400)]
    assert actors(nl.extract([article], data=data)) == [("Freedonia", 400)]
    assert actors(nl.extract([article])) == [(None, 400)]  # this process still reads its own folder
