import pandas as pd
import pytest

import nigerlens as nl
from nigerlens.cli import main

from .conftest import BUNDLED_PATH, DEV

TABLES = ("deployments", "bases", "events", "quotes", "positions")


@pytest.fixture(scope="module")
def corpus_tables():
    return nl.extract([DEV, BUNDLED_PATH])


def test_corpus_tables_keep_article_outlet_and_date(corpus_tables):
    for name in TABLES:
        df = corpus_tables[name]
        assert list(df.columns[:3]) == ["article_id", "outlet", "published"], name
        assert df["outlet"].notna().all() and df["published"].notna().all(), name
    rt = corpus_tables["deployments"][corpus_tables["deployments"]["article_id"] == "rt-20230814-washington-niger"]
    assert set(rt["outlet"]) == {"RT"} and set(rt["published"]) == {"2023-08-14"}


def test_parallel_extraction_equals_single_process(corpus_tables):
    parallel = nl.extract([DEV, BUNDLED_PATH], jobs=2)
    for name in ("articles", "set_aside", *TABLES, "errors"):
        pd.testing.assert_frame_equal(parallel[name], corpus_tables[name], check_like=False)


def test_a_bad_file_is_an_error_row_and_the_rest_go_on(tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01binary")
    tables = nl.extract([bad, BUNDLED_PATH], jobs=2)
    assert tables["errors"]["path"].tolist() == [str(bad)]
    assert "binary file" in tables["errors"]["error"].iloc[0]
    assert tables["articles"]["article_id"].tolist() == ["rt-20230814-washington-niger"]


def test_evaluate_command_prints_scores_per_table(capsys):
    assert main(["evaluate", str(DEV)]) == 0
    out = capsys.readouterr().out
    lines = {line.split()[0]: line.split() for line in out.splitlines() if line and not line.startswith(("table", "miss", "false", "problem"))}
    assert set(lines) == set(TABLES)
    assert float(lines["deployments"][3]) == 1.0  # F1
    assert "false hit" in out  # the misses and false hits are listed


@pytest.mark.parametrize("args, code, message", [(["evaluate", "/nonexistent-gold"], 2, "not a folder"), (["evaluate", "."], 1, "no article with a .gold.json")])
def test_evaluate_command_errors(args, code, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(args) == code
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
