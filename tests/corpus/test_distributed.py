"""extract_dask on a LocalCluster and on the local scheduler gives the tables of extract()."""

import sys

import pandas as pd
import pytest

import nigerlens as nl
from nigerlens.cli import main
from nigerlens.corpus.dask import extract_dask, read_parquet_tables

from ..conftest import BUNDLED_PATH, DEV_ARTICLES


@pytest.fixture(scope="module")
def paths(tmp_path_factory):
    bad = tmp_path_factory.mktemp("bad") / "broken.txt"
    bad.write_bytes(b"\x00\x01binary")
    # absolute paths, as the cluster path gives them (workers do not share our working directory)
    return [str(p) for p in (*DEV_ARTICLES, bad, BUNDLED_PATH)]


@pytest.fixture(scope="module")
def reference(paths):
    return nl.extract(paths)


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None, processes=True) as cluster:
        yield cluster


def assert_same_tables(out_dir, reference):
    back = read_parquet_tables(out_dir)
    assert list(back) == list(reference)
    for name, df in reference.items():
        # nothing normalised: bag partitions keep the file order, parts are read in partition
        # order, and pandas stores its string/Int64/Float64 dtypes in the Parquet metadata
        pd.testing.assert_frame_equal(back[name], df, obj=name)


def test_cluster_tables_equal_single_process(cluster, paths, reference, tmp_path):
    result = extract_dask(paths, tmp_path, scheduler=cluster.scheduler_address, npartitions=3)
    assert_same_tables(tmp_path, reference)
    assert sorted(p.name for p in (tmp_path / "quotes").iterdir()) == [f"part-{i:05d}.parquet" for i in range(3)]
    assert result["counts"] == {name: len(df) for name, df in reference.items()}
    assert [e["path"] for e in result["errors"]] == [paths[4]]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # staging folder gone


def test_cli_scheduler_writes_parquet(cluster, paths, reference, tmp_path, capsys):
    assert main(["extract", *paths, "--scheduler", cluster.scheduler_address, "--out", str(tmp_path)]) == 0
    assert_same_tables(tmp_path, reference)
    err = capsys.readouterr().err
    assert "binary file" in err and "rows: articles 5," in err


def test_local_scheduler_tables_equal_single_process(paths, reference, tmp_path):
    pytest.importorskip("dask")
    result = extract_dask(paths, tmp_path)  # Dask's local process pool
    assert_same_tables(tmp_path, reference)
    assert [e["error"] for e in result["errors"]] == [f"{paths[4]}: binary file, not text"]


def test_errors_table_has_the_bad_file(paths, tmp_path):
    pytest.importorskip("dask")
    extract_dask([paths[4], str(BUNDLED_PATH)], tmp_path, scheduler="sync")
    tables = read_parquet_tables(tmp_path)
    assert tables["errors"]["path"].tolist() == [paths[4]]
    assert tables["articles"]["article_id"].tolist() == ["rt-20230814-washington-niger"]


@pytest.mark.parametrize("flag", [["--scheduler", "tcp://127.0.0.1:8786"], ["--dask"]])
def test_without_the_extra_the_cli_says_what_to_install(flag, tmp_path, monkeypatch, capsys):
    for module in ("dask", "distributed"):
        monkeypatch.setitem(sys.modules, module, None)  # find_spec then reports it missing
    assert main(["extract", str(BUNDLED_PATH), *flag, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "install nigerlens[dask]" in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args, message", [
    (["--scheduler", "tcp://127.0.0.1:port", "--out", "x"], "invalid scheduler address"),
    (["--dask"], "give --out DIR"),
    (["--dask", "--format", "csv", "--out", "x"], "write Parquet"),
])
def test_cli_dask_usage_errors_are_one_line(args, message, capsys):
    assert main(["extract", str(BUNDLED_PATH), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


@pytest.mark.parametrize("scheduler", [None, "threads", "sync"])
def test_a_local_scheduler_does_not_import_dask_distributed(tmp_path, scheduler):
    # Dask looks a scheduler's name up only after importing dask.distributed (0.4 s before any
    # work starts); extract_dask hands it the local scheduler's function instead
    import subprocess

    code = ("import sys, nigerlens as nl; "
            f"nl.extract_dask([{str(DEV_ARTICLES[0])!r}], {str(tmp_path / 'out')!r}, scheduler={scheduler!r}); "
            "print('distributed' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "False"
    assert (tmp_path / "out" / "quotes").is_dir()
