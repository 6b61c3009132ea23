import csv
import json
import subprocess
import sys

import pytest

from nigerlens.cli import main

from .conftest import DEV, ROOT

BUNDLED = str(ROOT / "data" / "articles" / "rt-20230814-washington-niger.txt")


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_every_table(capsys):
    code, out, _ = run(capsys, "extract", BUNDLED)
    data = json.loads(out)
    assert code == 0
    assert {"articles", "deployments", "bases", "events", "quotes", "positions", "errors"} <= set(data)
    assert data["errors"] == []
    assert len(data["quotes"]) == 8 and data["quotes"][0]["via"] == ["RT", "Le Figaro"]  # chains are lists in JSON
    assert {"actor": "France", "issue": "reinstate_bazoum", "stance": "support"}.items() <= data["positions"][0].items()
    assert [(e["expression"], e["date"]) for e in data["events"]][-1] == ("last Monday", "2023-08-07")
    assert [(d["actor"], d["count"], d["qualifier"]) for d in data["deployments"]] == [("United States", 1300, "some"), ("France", 1500, "around")]
    assert [(b["actor"], b["place"]) for b in data["bases"]] == [("United States", "Niamey"), ("United States", "Agadez")]


def test_published_overrides_metadata(capsys):
    _, out, _ = run(capsys, "extract", BUNDLED, "--published", "2023-08-21")
    data = json.loads(out)
    assert data["articles"][0]["published"] == "2023-08-21"
    # relative dates move with it
    assert {e["expression"]: e["date"] for e in data["events"]}["last Monday"] == "2023-08-14"


def test_invalid_published_is_one_line(capsys):
    code, out, err = run(capsys, "extract", BUNDLED, "--published", "20/08/2023")
    assert code == 2 and out == ""
    assert err == "nigerlens: invalid --published date '20/08/2023' (expected YYYY-MM-DD)\n"


@pytest.mark.parametrize("content, reason", [(None, "no such file"), (b"", "empty file"), (b"\x00\x01\x02binary", "binary file, not text"), (bytes(range(128, 256)) * 3, "undecodable text")])
def test_bad_file_alone_is_one_line_and_nonzero(tmp_path, capsys, content, reason):
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, "extract", str(path))
    assert code == 1 and out == ""
    assert err.startswith(f"nigerlens: {path}: {reason}") and err.count("\n") == 1


def test_bad_file_among_good_ones_is_reported_and_the_rest_processed(tmp_path, capsys):
    missing = tmp_path / "missing.txt"
    code, out, err = run(capsys, "extract", str(missing), BUNDLED, str(DEV / "wire-20230811-ecowas-standby.txt"))
    data = json.loads(out)
    assert code == 0
    assert [e["path"] for e in data["errors"]] == [str(missing)]
    assert len(data["articles"]) == 2
    assert "no such file" in err


def test_csv_output_writes_one_file_per_table(tmp_path, capsys):
    code, _, err = run(capsys, "extract", BUNDLED, "--format", "csv", "--out", str(tmp_path))
    assert code == 0
    assert {p.name for p in tmp_path.iterdir()} == {"articles.csv", "set_aside.csv", "deployments.csv", "bases.csv", "events.csv", "quotes.csv", "positions.csv", "errors.csv", "manifest.json"}
    rows = list(csv.DictReader((tmp_path / "deployments.csv").open(encoding="utf-8")))
    assert [(r["actor"], r["count"], r["qualifier"]) for r in rows] == [("United States", "1300", "some"), ("France", "1500", "around")]
    assert "wrote" in err


def test_csv_cells_cannot_run_as_formulas(tmp_path, capsys):
    page = DEV / "web-20231011-us-coup-designation.html"
    run(capsys, "extract", str(page), "--format", "csv", "--out", str(tmp_path))
    text = (tmp_path / "set_aside.csv").read_text(encoding="utf-8")
    assert "=HYPERLINK" in text  # the comment is kept ...
    for row in csv.DictReader(text.splitlines()):
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value  # ... but not as a formula


def test_csv_without_out_is_refused(capsys):
    code, _, err = run(capsys, "extract", BUNDLED, "--format", "csv")
    assert code == 2 and "--out" in err


def test_console_script_runs_without_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "nigerlens.cli", "extract", str(tmp_path / "nope.txt")], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "nope.txt: no such file" in proc.stderr


JSON_INPUTS = [ROOT / "data" / "articles", DEV, ROOT / "tests" / "fixtures" / "train", ROOT / "tests" / "fixtures" / "styles"]


def test_json_written_from_rows_is_the_json_written_from_the_tables(capsys, tmp_path):
    """The command line writes JSON from the rows, never building a DataFrame; it must be the
    JSON of the tables, byte for byte (numbers typed by column, missing values null, dates ISO)."""
    from nigerlens.corpus.extract import extract
    from nigerlens.tables.export import to_json

    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01binary")  # an errors row too
    paths = [*map(str, JSON_INPUTS), str(broken)]
    code, out, _ = run(capsys, "extract", *paths)
    assert code == 0
    from_tables = json.dumps(to_json(extract(paths)), ensure_ascii=False, indent=2) + "\n"
    assert out == from_tables
    data = json.loads(out)
    assert len(data["errors"]) == 1 and len(data["articles"]) == 33
    assert all(isinstance(b["latitude"], float) for b in data["bases"] if b["latitude"] is not None)


def test_json_on_the_command_line_does_not_import_pandas_or_tqdm():
    code = ("import sys, runpy; sys.argv = ['nigerlens', 'extract', sys.argv[1], '--format', 'json'];"
            "import io, contextlib\n"
            "buf = io.StringIO()\n"
            "with contextlib.redirect_stdout(buf):\n"
            "    try: runpy.run_module('nigerlens', run_name='__main__')\n"
            "    except SystemExit as e: assert e.code in (0, None), e.code\n"
            "assert '\"deployments\"' in buf.getvalue()\n"
            "print(sorted(m for m in ('pandas', 'numpy', 'tqdm', 'matplotlib') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code, str(BUNDLED)], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]", done.stderr
