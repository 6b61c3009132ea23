"""``data=`` on every library entry point: the article is read by the rules of another data
folder (in a fresh process), and this process keeps reading its own."""

import datetime as dt
import shutil

import pandas as pd
import pytest

import nigerlens as nl
from nigerlens.outputs.report import write_report
from nigerlens.resources import PACKAGE_DATA, DataFolder, in_data, other_data

TEXT = ("NIAMEY, Aug 14, 2023 \u2014 Freedonia opposes any military intervention in Niger, its foreign "
        "minister said last Monday. Freedonian officials also rejected the sanctions.\n")


@pytest.fixture(scope="module")
def freedonia(tmp_path_factory):
    """A copy of the data folder that knows one more state, and an article about it."""
    root = tmp_path_factory.mktemp("freedonia")
    data = root / "data"
    shutil.copytree(PACKAGE_DATA, data, ignore=shutil.ignore_patterns("articles"))
    with (data / "actors.csv").open("a", encoding="utf-8") as f:
        f.write("Freedonia,state,Freedonia|Freedonian,\n")
    path = root / "freedonia-20230814.txt"
    path.write_text(TEXT, encoding="utf-8")
    return data, path


def stances(df):
    return sorted((r.actor, r.issue, r.stance) for r in df.itertuples() if r.actor == "Freedonia")


def test_positions_read_another_data_folder(freedonia):
    data, path = freedonia
    article = nl.load_article(path)
    assert stances(nl.positions(article)) == []
    found = nl.positions(article, data=data)
    assert ("Freedonia", "military_intervention", "oppose") in stances(found)
    assert list(found.columns) == list(nl.positions(article).columns)
    assert stances(nl.positions(article)) == []  # this process still reads its own folder


def test_the_report_reads_another_data_folder(freedonia, tmp_path):
    data, path = freedonia
    (plain,) = write_report([path], tmp_path / "plain")
    (custom,) = write_report([path], tmp_path / "custom", data=data)
    assert "Freedonia</td>" not in plain.read_text(encoding="utf-8")
    assert custom.read_text(encoding="utf-8").count("Freedonia</td>") >= 1


def test_the_explorer_reads_another_data_folder_and_keeps_its_process(freedonia):
    data, path = freedonia
    ex = nl.explore(nl.load_article(path), data=data)
    try:
        assert ("Freedonia", "military_intervention", "oppose") in stances(ex.tables["positions"])
        assert "Freedonia" in ex.gazetteer.canonical_names()
        # a new assumed publication date re-resolves the dates in the same process
        events = ex.events_as_of(dt.date(2023, 8, 21))
        assert events.set_index("expression").loc["last Monday", "date"] == pd.Timestamp("2023-08-14")
        assert ex._elsewhere._pool is not None
    finally:
        ex.close()
    assert ex._elsewhere._pool is None
    assert "Freedonia" not in nl.explore(nl.load_article(path)).gazetteer.canonical_names()


def test_a_data_folder_that_is_not_one_is_one_line(tmp_path):
    with pytest.raises(ValueError, match=r"^data folder .*missing: not a folder$"):
        DataFolder(tmp_path / "missing")
    with pytest.raises(ValueError, match="not a folder"):
        nl.positions(nl.from_text("Freedonia opposes sanctions."), data=tmp_path / "missing")


def test_this_process_s_own_folder_runs_here():
    from nigerlens import resources

    assert not other_data(None) and not other_data(resources.DATA_DIR)
    assert in_data(resources.DATA_DIR, len, "here") == 4
