"""Hostile and broken input: clear one-line errors, nothing lost, nothing run."""

import json
import os

import pandas as pd
import pytest

import nigerlens as nl
from nigerlens.cli import main
from nigerlens.ingest.load import LoadError, load_article

from .conftest import DEV, ROOT

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
    assert tables["articles"]["published"].tolist() == [pd.Timestamp("2023-08-14")]
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
    from nigerlens.tables import export

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


@pytest.mark.slow
def test_a_50_mb_text_completes_in_bounded_memory(tmp_path):
    """A 50 MB text (the bundled and dev articles over and over: every paragraph is news about
    Niger) is read in windows on every core and streamed to CSV. Each copy gives the rows of one,
    every row points at its sentence, and the run stays far below the 1.1 GiB it took while
    the article was held whole."""
    import subprocess
    import sys

    import pandas as pd

    from .conftest import BUNDLED_PATH, DEV_ARTICLES

    unit = "\n\n".join(load_article(p).text for p in [BUNDLED_PATH, *DEV_ARTICLES])
    copies = -(-50 * 2**20 // len(unit.encode("utf-8")))
    sidecar = '{"id": "dump", "published": "2023-08-14", "outlet": "RT", "language": "en"}'
    for name, n in [("one", 1), ("big", copies)]:
        (tmp_path / f"{name}.txt").write_text("\n\n".join([unit] * n), encoding="utf-8")
        (tmp_path / f"{name}.json").write_text(sidecar, encoding="utf-8")
    assert (tmp_path / "big.txt").stat().st_size >= 50 * 2**20

    # run under a small parent that reports the largest resident size among its children (the
    # command and its workers), so nothing else this test session started is counted
    measure = "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)"
    command = [sys.executable, "-m", "nigerlens", "extract", str(tmp_path / "big.txt"), "--stream", "--format", "csv", "--jobs", "0", "--out", str(tmp_path / "out")]
    run = subprocess.run([sys.executable, "-c", measure, *command], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "rows: articles 1," in run.stderr
    peak_mib = int(run.stdout.split()[-1]) / 1024
    assert peak_mib < 700, peak_mib

    one = nl.extract(tmp_path / "one.txt")
    text = (tmp_path / "big.txt").read_text(encoding="utf-8")
    for name in ("set_aside", "deployments", "bases", "events", "quotes", "positions"):
        df = pd.read_csv(tmp_path / "out" / f"{name}.csv", dtype={"start": "Int64", "end": "Int64", "text": str, "sentence": str}, keep_default_na=False)
        assert len(one[name]) > 0 and len(df) == copies * len(one[name]), name
        column = "text" if name == "set_aside" else "sentence"
        assert all(text[s:e] == value for s, e, value in zip(df["start"], df["end"], df[column], strict=True)), name


# -- issue 12: case-fold look-alikes, counts and dates at the limits ---------------------------
@pytest.mark.parametrize(
    "text",
    [
        "A French diplomatic \u017fource told the paper that the junta would fall.",  # long s in a source noun
        "The \u017ftatement said the sanctions would stay, the \u017ftatement added.",
        "Some 1,500 French troops remain in Niger, a \u212aenyan official said.",
        "Around 300 \u212a\u0131ndred soldiers left Niamey, \u017fome diplomats said on \u017funday.",
        "\u017fome 1,000 U.S. troops remain in Niger, officials \u017faid la\u017ft \u212aonday.",
        "An adv\u0130\u017fer to the pre\u017fident told reporters that ECOWAS was ready.",
    ],
)
def test_case_fold_look_alikes_do_not_crash(text):
    tables = nl.tabulate(nl.from_text(text, published="2023-08-14"))
    for name in ("deployments", "bases", "events", "quotes", "positions"):
        for row in tables[name].itertuples():
            assert nl.from_text(text).text[row.start : row.end] == row.sentence


@pytest.mark.parametrize(
    "surface, word",
    [("\u017fource", "source"), ("\u212aILLED", "killed"), ("SOURCE", "source"), ("adv\u0130ser", "adviser"), ("\u0131n", "in"), ("stra\u00dfe", "strasse")],
)
def test_fold_matches_the_way_ignorecase_patterns_do(surface, word):
    import re

    from nigerlens.resources import fold

    assert fold(surface) == fold(word)
    if "\u00df" not in surface:  # re does not match ß with ss; fold does, which is harmless
        assert re.fullmatch(re.escape(word), surface, re.IGNORECASE)


@pytest.mark.slow
def test_fold_fuzzer_over_the_lexicon_words():
    """Every lexicon word and actor alias, its s/k/i replaced by look-alikes that IGNORECASE
    matches, in a few sentence frames: no exception (fixed seed)."""
    import random

    from .fuzz import fold_mutations

    for text in fold_mutations(random.Random(20261201), 400):
        nl.tabulate(nl.from_text(text, published="2023-08-14"))


@pytest.mark.parametrize(
    "text",
    [
        "99999999999999999999 soldiers are in Niger.",
        "Some 10000000000000000000 troops remain in Niger.",
        "Some " + "9" * 400 + " French troops remain in Niger.",
        "About 3" + "0" * 30 + " million U.S. soldiers stay in Niamey.",
        "Some two hundred million million million soldiers are in Niger.",
    ],
)
def test_counts_out_of_range_are_not_troop_counts(text):
    assert len(nl.tabulate(nl.from_text(text, published="2023-08-14"))["deployments"]) == 0


@pytest.mark.parametrize("text, count", [("Some 1,500 French troops remain in Niger.", 1500), ("About 1100 U.S. soldiers remain in Niger.", 1100)])
def test_counts_in_range_still_count(text, count):
    assert nl.tabulate(nl.from_text(text, published="2023-08-14"))["deployments"]["count"].tolist() == [count]


@pytest.mark.parametrize("published", ["0001-01-01", "0001-01-02", "9999-12-31", "9999-12-25"])
@pytest.mark.parametrize(
    "text",
    [
        "The troops will leave next Monday, officials said.",
        "The junta met over the weekend and again two days later.",
        "Talks began yesterday; the envoy returns next week, in early January or late December.",
        "The deadline is Dec. 31 and the meeting was on Jan. 1; it ends in the first quarter.",
    ],
)
def test_dates_at_the_calendar_limits_stay_unresolved(published, text):
    events = nl.tabulate(nl.from_text(text, published=published))["events"]
    assert len(events) > 0
    assert events["date"].dtype == "datetime64[s]"
    for value in events["date"].dropna():
        assert 1 <= value.year <= 9999


def test_published_at_the_calendar_limits_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("The troops will leave next Monday, over the weekend, officials said.", encoding="utf-8")
    for published in ("0001-01-01", "9999-12-31"):
        assert main(["extract", str(path), "--published", published]) == 0
        assert json.loads(capsys.readouterr().out)["articles"][0]["published"] == published


# -- issue 12: hostile files in a batch: one line each, the good files still processed ---------
GOOD = "Some 300 Italian soldiers remain in Niger, the ministry in Rome said on Tuesday."


def batch(tmp_path, *, good: int = 1):
    """A folder with ``good`` good articles (good-N.txt); hostile files are added by the test."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(good):
        (folder / f"good-{n}.txt").write_text(GOOD, encoding="utf-8")
    return folder


def run_cli(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def good_processed(out: str, n: int = 1) -> bool:
    data = json.loads(out)
    ids = [a["article_id"] for a in data["articles"]]
    italy = [d for d in data["deployments"] if d["actor"] == "Italy" and d["count"] == 300]
    return all(f"good-{i}" in ids for i in range(n)) and len(italy) >= n


@pytest.mark.parametrize(
    "field, value, kind",
    [
        ("title", 123, "a number"),
        ("title", ["a"], "a list"),
        ("outlet", ["RT"], "a list"),
        ("outlet", {"a": 1}, "an object"),
        ("outlet", 5, "a number"),
        ("language", 5, "a number"),
        ("published", 20230814, "a number"),
        ("id", True, "a boolean"),
        ("url", 1.5, "a number"),
    ],
)
def test_sidecar_field_of_the_wrong_type_is_one_line(tmp_path, capsys, field, value, kind):
    folder = batch(tmp_path)
    (folder / "bad.txt").write_text(GOOD, encoding="utf-8")
    (folder / "bad.json").write_text(json.dumps({field: value}), encoding="utf-8")
    code, out, err = run_cli(capsys, "extract", folder)
    assert code == 0 and good_processed(out)
    assert err == f"nigerlens: {folder / 'bad.json'}: field {field!r} must be a string, not {kind}\n"
    assert json.loads(out)["errors"][0]["path"] == str(folder / "bad.json")


@pytest.mark.parametrize("nesting", ["[" * 100_000 + "]" * 100_000, '{"a": ' * 50_000 + "1" + "}" * 50_000])
def test_deeply_nested_sidecar_is_one_line(tmp_path, capsys, nesting):
    folder = batch(tmp_path)
    (folder / "deep.txt").write_text(GOOD, encoding="utf-8")
    (folder / "deep.json").write_text(nesting, encoding="utf-8")
    code, out, err = run_cli(capsys, "extract", folder)
    assert code == 0 and good_processed(out)
    assert err == f"nigerlens: {folder / 'deep.json'}: invalid JSON metadata (nested too deeply)\n"


@pytest.mark.parametrize("length", [251, 255 - len(".txt")])
def test_long_file_name_loads(tmp_path, capsys, length):
    folder = batch(tmp_path)
    (folder / ("n" * length + ".txt")).write_text(GOOD, encoding="utf-8")
    code, out, err = run_cli(capsys, "extract", folder)
    assert code == 0 and err == "" and good_processed(out)
    ids = [a["article_id"] for a in json.loads(out)["articles"]]
    assert len(ids) == 2 and all(len(i.encode("utf-8")) <= 120 for i in ids)


def _bad_name(folder, name: bytes):
    path = os.path.join(os.fsencode(folder), name)
    with open(path, "wb") as f:
        f.write(GOOD.encode("utf-8"))
    return path


@pytest.mark.parametrize("name, shown", [(b"bad\xff\xfename.txt", "bad\ufffd\ufffdname.txt"), (b"caf\xe9.txt", "caf\ufffd.txt")])
def test_file_name_not_utf8_is_shown_with_replacement_characters(tmp_path, name, shown):
    import subprocess
    import sys

    import pandas as pd

    folder = batch(tmp_path)
    _bad_name(folder, name)
    run = subprocess.run([sys.executable, "-m", "nigerlens", "extract", str(folder)], capture_output=True)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout.decode("utf-8"))  # strict UTF-8
    assert sorted(os.path.basename(a["path"]) for a in data["articles"]) == sorted(["good-0.txt", shown])
    assert main(["extract", str(folder), "--format", "csv", "--out", str(tmp_path / "csv")]) == 0
    paths = pd.read_csv(tmp_path / "csv" / "articles.csv", encoding="utf-8")["path"].map(os.path.basename)
    assert sorted(paths) == sorted(["good-0.txt", shown])
    assert main(["report", str(folder), "--out", str(tmp_path / "report")]) == 0
    assert len(list((tmp_path / "report").glob("*.html"))) == 3  # two reports and the index
    (page,) = [p for p in (tmp_path / "report").glob("*.html") if p.name not in ("good-0.html", "index.html")]
    assert shown in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "sidecar_id, file_name",
    [("x" * 300, "a.txt"), ("\u00e9" * 200, "b.txt"), (None, "\u00e9" * 120 + ".txt"), ("\u0915\u093f" * 90, "c.txt")],
)
def test_report_on_long_ids(tmp_path, capsys, sidecar_id, file_name):
    folder = batch(tmp_path)
    (folder / file_name).write_text(GOOD, encoding="utf-8")
    if sidecar_id is not None:
        (folder / file_name).with_suffix(".json").write_text(json.dumps({"id": sidecar_id}), encoding="utf-8")
    code, _, err = run_cli(capsys, "report", folder, "--out", tmp_path / "out")
    assert code == 0, err
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(names) == 3 and "good-0.html" in names and "index.html" in names
    assert all(len(n.encode("utf-8")) <= 130 for n in names)


def test_long_ids_stay_apart():
    from nigerlens.ingest.load import safe_id

    a, b = safe_id("x" * 300 + "a"), safe_id("x" * 300 + "b")
    assert a != b and len(a.encode()) <= 120 and len(b.encode()) <= 120
    assert safe_id("\u00e9" * 200).startswith("\u00e9" * 50) and len(safe_id("\u00e9" * 200).encode()) <= 120
    assert safe_id("short-id") == "short-id"


def test_unreadable_folder_is_one_line(tmp_path, capsys, monkeypatch):
    folder = batch(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = run_cli(capsys, "extract", locked, folder)
    assert code == 0 and good_processed(out)
    assert err == f"nigerlens: {locked}: cannot read the folder (Permission denied)\n"
    corpus = nl.load_corpus([locked, folder])
    assert [a.id for a in corpus] == ["good-0"] and str(corpus.errors[0]) == f"{locked}: cannot read the folder (Permission denied)"


def test_unreadable_folder_as_an_unprivileged_user():
    """The real thing: run as nobody (when the tests run as root) on a folder it may not list."""
    import shutil
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="nigerlens-perm-") as tmp:
        tmp_path = Path(tmp)
        tmp_path.chmod(0o755)
        folder = batch(tmp_path)
        locked = tmp_path / "locked"
        locked.mkdir()
        (locked / "x.txt").write_text(GOOD, encoding="utf-8")
        prefix = []
        if os.geteuid() == 0:
            if not shutil.which("setpriv"):
                pytest.skip("needs setpriv to drop root")
            prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            locked.chmod(0o700)  # root's, so nobody may not list it
        else:
            locked.chmod(0)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": tmp, "MPLCONFIGDIR": str(tmp_path / "mpl")}
        try:
            run = subprocess.run([*prefix, sys.executable, "-m", "nigerlens", "extract", str(locked), str(folder)],
                                 capture_output=True, text=True, env=env, cwd=tmp)
        finally:
            locked.chmod(0o700)
        if run.returncode != 0 and not run.stderr.startswith("nigerlens: "):
            pytest.skip(f"an unprivileged user cannot run this Python: {run.stderr.strip().splitlines()[-1:]}")
        assert run.returncode == 0, run.stderr
        assert run.stderr == f"nigerlens: {locked}: cannot read the folder (Permission denied)\n"
        assert good_processed(run.stdout)


@pytest.mark.parametrize("make", ["empty", "x.txt"])
def test_folder_without_articles_says_so(tmp_path, capsys, make):
    empty = tmp_path / make
    empty.mkdir()
    (empty / "notes.md").write_text("not an article", encoding="utf-8")
    code, out, err = run_cli(capsys, "extract", empty)
    assert (code, out, err) == (1, "", f"nigerlens: no articles found in {empty}\n")
    folder = batch(tmp_path)
    code, out, err = run_cli(capsys, "extract", empty, folder)
    assert code == 0 and good_processed(out) and err == f"nigerlens: no articles found in {empty}\n"
    code, _, err = run_cli(capsys, "report", empty, "--out", tmp_path / "r")
    assert code == 1 and err == f"nigerlens: no articles found in {empty}\n"


def test_fifo_and_devices_are_not_read(tmp_path, capsys):
    folder = batch(tmp_path)
    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would wait for a writer forever
    os.mkfifo(folder / "in-folder.txt")  # in a folder, not a file: not an article
    code, out, err = run_cli(capsys, "extract", folder, tmp_path / "pipe.txt", "/dev/zero")
    assert code == 0 and good_processed(out)
    assert err.splitlines() == [
        f"nigerlens: {tmp_path / 'pipe.txt'}: not a regular file (a pipe, socket or device); only files are read",
        "nigerlens: /dev/zero: not a regular file (a pipe, socket or device); only files are read",
    ]


def test_files_over_max_bytes_are_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("NIGERLENS_MAX_BYTES", raising=False)
    folder = batch(tmp_path)
    (folder / "big.txt").write_text(GOOD + " " + "Niger. " * 40, encoding="utf-8")
    size = (folder / "big.txt").stat().st_size
    code, out, err = run_cli(capsys, "extract", folder, "--max-bytes", 200)
    monkeypatch.delenv("NIGERLENS_MAX_BYTES", raising=False)
    assert code == 0 and good_processed(out)
    assert err == f"nigerlens: {folder / 'big.txt'}: too large: {size:,} bytes, over the limit of 200 (--max-bytes)\n"
    code, _, err = run_cli(capsys, "extract", folder, "--max-bytes", 0)
    assert code == 2 and err == "nigerlens: --max-bytes must be at least 1\n"
    with pytest.raises(LoadError, match="too large"):
        load_article(folder / "big.txt", max_bytes=100)
    assert load_article(folder / "big.txt").text.startswith("Some 300")  # the default is 128 MiB


# -- output failures ---------------------------------------------------------------------------
def _cli(*args, **kwargs):
    import subprocess
    import sys

    return subprocess.Popen([sys.executable, "-m", "nigerlens", *map(str, args)], stderr=subprocess.PIPE, text=True, **kwargs)


def test_broken_pipe_is_one_line(tmp_path):
    import subprocess

    folder = batch(tmp_path, good=3)
    proc = _cli("extract", folder, stdout=subprocess.PIPE)
    proc.stdout.close()  # like `| head -c 0`: the reader is gone before anything is written
    _, err = proc.communicate()
    assert proc.returncode == 1
    assert err == "nigerlens: output closed before everything was written (broken pipe)\n"


def test_full_disk_on_stdout_is_one_line(tmp_path):
    folder = batch(tmp_path)
    with open("/dev/full", "w") as full:
        proc = _cli("extract", folder, stdout=full)
        _, err = proc.communicate()
    assert proc.returncode == 1
    assert err == "nigerlens: cannot write the output: No space left on device\n"


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["--jobs", "-1"], 2, "--jobs must be 0 (one worker per core) or more"),
        (["--jobs", "-3", "--out", "{tmp}/o", "--format", "csv"], 2, "--jobs must be 0 (one worker per core) or more"),
        (["--out", "{tmp}/in/good-0.txt", "--format", "csv"], 1, "cannot write to {tmp}/in/good-0.txt: is a file, not a folder"),
        (["--out", "{tmp}/in/good-0.txt/sub", "--format", "csv"], 1, "cannot write to {tmp}/in/good-0.txt/sub: {tmp}/in/good-0.txt is a file, not a folder"),
        (["--out", "{tmp}/in/good-0.txt", "--stream", "--format", "csv"], 1, "cannot write to {tmp}/in/good-0.txt: is a file, not a folder"),
    ],
)
def test_bad_output_options_are_one_line(tmp_path, capsys, args, code, message):
    batch(tmp_path)
    args = [a.format(tmp=tmp_path) for a in args]
    assert run_cli(capsys, "extract", tmp_path / "in", *args) == (code, "", f"nigerlens: {message.format(tmp=tmp_path)}\n")


def test_unwritable_out_folder_is_one_line(tmp_path, capsys, monkeypatch):
    batch(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if os.fspath(p) == str(locked) else real(p, mode, **kw))
    code, _, err = run_cli(capsys, "extract", tmp_path / "in", "--format", "csv", "--out", locked / "tables")
    assert (code, err) == (1, f"nigerlens: cannot write to {locked / 'tables'}: {locked} is not writable\n")
    code, _, err = run_cli(capsys, "report", tmp_path / "in", "--out", locked)
    assert (code, err) == (1, f"nigerlens: cannot write the report to {locked}: {locked} is not writable\n")


@pytest.mark.parametrize("stream", [False, True])
def test_full_disk_on_out_is_one_line(tmp_path, capsys, monkeypatch, stream):
    import csv
    import errno

    batch(tmp_path)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    # every CSV goes through the csv module's writer: the rows path directly, pandas's to_csv inside
    monkeypatch.setattr(csv, "writer", full)
    extra = ["--stream"] if stream else []
    code, _, err = run_cli(capsys, "extract", tmp_path / "in", "--format", "csv", "--out", tmp_path / "o", *extra)
    assert (code, err) == (1, f"nigerlens: cannot write to {tmp_path / 'o'}: No space left on device\n")
    assert [p for p in (tmp_path / "o").iterdir()] == []  # nothing half-written, no staging folder


# -- spreadsheet safety ------------------------------------------------------------------------
DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\uff1d")


@pytest.mark.parametrize("stream", [False, True])
def test_control_characters_cannot_smuggle_a_formula(tmp_path, stream):
    import csv

    import pandas as pd

    folder = batch(tmp_path)
    sidecars = {
        "title": {"title": "Niger report\r=cmd|' /C calc'!A0", "outlet": "\r=2+2"},
        "url": {"url": "https://example.invalid/\r\n@SUM(1+1)", "outlet": "RT\x85=1+1"},
        "c1": {"title": "\x1b=1+1 \u2028+1 \x0b-2\x0c@3", "outlet": "\t=2"},
    }
    for stem, meta in sidecars.items():
        (folder / f"{stem}.txt").write_text(GOOD + "\n\nFILE PHOTO: \r=HYPERLINK(1)", encoding="utf-8")
        (folder / f"{stem}.json").write_text(json.dumps(meta), encoding="utf-8")
    _bad_name(folder, b"name\r=1+1.txt")
    args = ["extract", str(folder), "--format", "csv", "--out", str(tmp_path / "out")] + (["--stream"] if stream else [])
    assert main(args) == 0
    tables = sorted((tmp_path / "out").glob("*.csv"))
    assert len(tables) == 8
    for path in tables:
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        width = len(rows[0])
        for row in rows:
            assert len(row) == width, (path.name, row)  # no row broken inside a cell
            assert not any(cell.lstrip().startswith(DANGEROUS) for cell in row if cell not in rows[0]), (path.name, row)
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        assert not any(str(v).lstrip().startswith(DANGEROUS) for v in df.to_numpy().ravel()), path.name
    articles = pd.read_csv(tmp_path / "out" / "articles.csv", dtype=str, keep_default_na=False)
    assert len(articles) == 5 and "good-0" in set(articles["article_id"])
    assert "' =2+2" in set(pd.read_csv(tmp_path / "out" / "deployments.csv", dtype=str)["outlet"])


@pytest.mark.parametrize(
    "value, cell",
    [("\r=1+1", "' =1+1"), (" =1", "' =1"), ("\u2028-1", "' -1"), ("a\rb", "a b"), ("a\nb", "a\nb"), ("\x00@x", "' @x"), ("ok =1", "ok =1"), ("\ufe0f", "\ufe0f"), ("\ud800x", "\ufffdx"), ("\uff1d1+1", "'\uff1d1+1"), (12, 12)],
)
def test_cells_are_normalised_then_neutralised(value, cell):
    from nigerlens.tables.export import neutralise

    assert neutralise(value) == cell


# -- one run, one folder -----------------------------------------------------------------------
def test_tables_of_one_run_appear_together(tmp_path, monkeypatch):
    from nigerlens.tables import export

    folder = batch(tmp_path, good=2)
    out = tmp_path / "out"
    first = nl.extract(folder / "good-0.txt")
    export.write_tables(first, out)
    assert export.check_output(out) == []
    calls = []
    real = os.replace

    def dies_midway(src, dst):  # kill -9 or a full disk after three tables of the next run
        calls.append(dst)
        if len(calls) > 3:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", dies_midway)
    with pytest.raises(OSError):
        export.write_tables(nl.extract(folder), out)
    monkeypatch.setattr(os, "replace", real)
    problems = export.check_output(out)
    assert problems and all("not the file of this run" in p for p in problems)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # the staging folder is gone
    export.write_tables(nl.extract(folder), out)  # the next good run makes it whole again
    assert export.check_output(out) == []


def test_simultaneous_runs_leave_one_run_s_tables(tmp_path):
    import threading

    import pandas as pd

    from nigerlens.tables import export

    folder = batch(tmp_path, good=3)
    runs = [nl.extract(folder / f"good-{i}.txt") for i in range(3)]
    out = tmp_path / "out"
    threads = [threading.Thread(target=export.write_tables, args=(runs[i % 3], out)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert export.check_output(out) == []
    ids = {name: set(pd.read_csv(out / f"{name}.csv", dtype=str)["article_id"]) for name in ("articles", "deployments")}
    assert ids["articles"] == ids["deployments"] and len(ids["articles"]) == 1


@pytest.mark.parametrize("stream", [False, True])
def test_stale_staging_folders_are_removed(tmp_path, stream):
    from nigerlens.corpus import stream as streaming
    from nigerlens.tables import export

    folder = batch(tmp_path)
    out = tmp_path / "out"
    dead = out / ".nigerlens-999999999-abc123"  # a process id no system hands out
    alive = out / f".nigerlens-{os.getppid()}-xyz"  # a running process: its run may be going on
    for d in (dead, alive):
        (d / "quotes").mkdir(parents=True)
    if stream:
        streaming.extract_to(folder, out)
    else:
        export.write_tables(nl.extract(folder), out)
    assert not dead.exists() and alive.exists()
    assert export.check_output(out) == []


def test_workers_exit_when_their_parent_is_killed(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import os, sys, time\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from nigerlens.corpus.scheduler import exit_with_parent\n"
        "pool = ProcessPoolExecutor(2, initializer=exit_with_parent, initargs=(os.getpid(),))\n"
        "pids = {f.result() for f in [pool.submit(os.getpid) for _ in range(8)]}\n"
        "print(' '.join(map(str, pids)), flush=True)\n"
        "time.sleep(120)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    workers = [int(p) for p in proc.stdout.readline().split()]
    assert workers
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    deadline = time.time() + 10
    while time.time() < deadline and any(_running(p) for p in workers):
        time.sleep(0.2)
    assert not any(_running(p) for p in workers)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie waiting for init to reap it is gone too
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1][0] != "Z"
    except OSError:
        return False


# -- the report stays bounded ------------------------------------------------------------------
@pytest.mark.slow
def test_report_on_a_long_one_line_text_is_bounded(tmp_path):
    import time

    from nigerlens.outputs.report import REPORT_ROWS, write_report

    sentence = 'About 1,000 U.S. troops remain in Niger, near Agadez, officials said on Tuesday. "We reject the sanctions," the junta said. '
    path = tmp_path / "long.txt"
    path.write_text(sentence * (300_000 // len(sentence)), encoding="utf-8")
    one = tmp_path / "oneline.txt"
    one.write_text("Niger " * 60_000 + "troops.", encoding="utf-8")  # a 360 KB sentence
    started = time.time()
    written = write_report([path, one], tmp_path / "out")
    assert time.time() - started < 120
    html = (tmp_path / "out" / "long.html").read_text(encoding="utf-8")
    assert len(html) < 3_000_000 and f"The first {REPORT_ROWS} of" in html
    assert (tmp_path / "out" / "oneline.html").stat().st_size < 200_000
    assert len(written) == 3


# -- encodings ---------------------------------------------------------------------------------
FRENCH = "Le président français a déjà dit que 1 500 soldats restent au Niger, « pour l’instant »."
ENGLISH = "Some 1,500 French soldiers remain in Niger, where the junta has demanded that they leave, officials said."


@pytest.mark.parametrize(
    "data, text, encoding",
    [
        (b"\xff\xfe\x00\x00" + ENGLISH.encode("utf-32-le"), ENGLISH, "utf-32"),
        (b"\x00\x00\xfe\xff" + ENGLISH.encode("utf-32-be"), ENGLISH, "utf-32"),
        (b"\xff\xfe" + ENGLISH.encode("utf-16-le"), ENGLISH, "utf-16"),
        (b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), FRENCH, "utf-8"),
        (FRENCH.replace("’", "'").encode("cp1252"), FRENCH.replace("’", "'"), "cp1252"),
        (FRENCH.encode("cp1252"), FRENCH, "cp1252"),
        ("Déjà, français: “quoted” — 1 500 soldats.".encode("cp1252"), "Déjà, français: “quoted” — 1 500 soldats.", "cp1252"),
    ],
)
def test_encodings(tmp_path, data, text, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    article = load_article(path)
    assert article.text == text
    assert nl.tabulate(article)["articles"]["encoding"].tolist() == [encoding]


def test_utf32_text_is_read_as_english(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xff\xfe\x00\x00" + ENGLISH.encode("utf-32-le"))
    tables = nl.extract(path)
    assert tables["articles"]["language"].tolist() == ["en"] and tables["deployments"]["count"].tolist() == [1500]


@pytest.mark.parametrize(
    "data",
    [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\xef\xbb\xbf  \n\t\r\n", " \u00a0\u3000\n".encode("utf-8"), b"\xff\xfe" + " \n".encode("utf-16-le"), "\ufeff\u200b ".encode("utf-8")],
)
def test_bom_or_whitespace_only_is_empty(tmp_path, capsys, data):
    folder = batch(tmp_path)
    (folder / "blank.txt").write_bytes(data)
    code, out, err = run_cli(capsys, "extract", folder)
    assert code == 0 and good_processed(out)
    assert err == f"nigerlens: {folder / 'blank.txt'}: empty file\n"


# -- files nigerlens wrote ---------------------------------------------------------------------
def test_reports_written_into_the_input_folder_are_not_articles(tmp_path, capsys):
    folder = batch(tmp_path, good=3)
    code, before, _ = run_cli(capsys, "extract", folder)
    assert code == 0
    assert main(["report", str(folder), "--out", str(folder)]) == 0
    capsys.readouterr()
    assert len(list(folder.glob("*.html"))) == 4
    code, after, err = run_cli(capsys, "extract", folder)
    assert code == 0 and err == ""
    assert len(json.loads(after)["articles"]) == 3
    assert len(json.loads(after)["deployments"]) == len(json.loads(before)["deployments"]) == 3
    with pytest.raises(LoadError, match="written by nigerlens"):
        load_article(folder / "index.html")


def test_notebook_html_needs_nothing_from_the_network(tmp_path):
    import re
    import shutil

    from nigerlens.ingest.load import written_by_nigerlens
    from nigerlens.outputs.notebooks import NOTEBOOKS_DIR, to_html

    notebook = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))[0]
    shutil.copy(notebook, tmp_path / notebook.name)
    html = to_html(tmp_path / notebook.name).read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert not re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html, re.IGNORECASE)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert written_by_nigerlens(html.encode("utf-8"))


def _cesu8(text: str) -> bytes:
    """``text`` as CESU-8: a character beyond U+FFFF as its two UTF-16 surrogates, each in UTF-8."""
    def pair(c):
        n = ord(c) - 0x10000
        return chr(0xD800 + (n >> 10)) + chr(0xDC00 + (n & 0x3FF)) if n >= 0 else c

    return "".join(map(pair, text)).encode("utf-8", "surrogatepass")


@pytest.mark.parametrize("text", ["Niger \U0001f1f3\U0001f1ea troops, 1,500 of them \U0001f4cc.", "Emoji \U0001f600 only, d\u00e9j\u00e0"])
def test_cesu8_surrogate_pairs_are_decoded(tmp_path, text):
    path = tmp_path / "a.txt"
    path.write_bytes(_cesu8(text))
    article = load_article(path)
    assert (article.text, article.meta["encoding"]) == (text, "cesu-8")


def test_lone_encoded_surrogate_is_not_cesu8(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Troops \ud800 left Niger.".encode("utf-8", "surrogatepass"))
    assert load_article(path).meta["encoding"] == "cp1252"


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_report_at_the_calendar_limits_is_written(tmp_path, capsys, published):
    folder = batch(tmp_path)
    (folder / "later.txt").write_text("The troops will leave next Monday; the junta met over the weekend. " + GOOD, encoding="utf-8")
    code, _, err = run_cli(capsys, "report", folder, "--out", tmp_path / "out", "--published", published)
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good-0.html", "index.html", "later.html"]


@pytest.mark.parametrize("name, escaped", [("bad\nname.txt", "bad\\nname.txt"), ("bad\rname.txt", "bad\\rname.txt"), ("x\x1b[31m.txt", "x\\x1b[31m.txt")])
def test_error_about_a_file_name_with_control_characters_is_one_line(tmp_path, capsys, name, escaped):
    folder = batch(tmp_path)
    (folder / name).write_bytes(b"")
    code, out, err = run_cli(capsys, "extract", folder)
    assert code == 0 and good_processed(out)
    assert err == f"nigerlens: {folder / escaped}: empty file\n"


def test_kill_9_of_a_streamed_run_with_two_workers(tmp_path):
    """The audit's scenario: kill -9 of `extract --stream --jobs 2` mid-run. Its workers exit,
    and the next run in the folder removes the staging folder it left."""
    import signal
    import subprocess
    import sys
    import time

    from nigerlens.corpus import stream

    folder = batch(tmp_path, good=1)
    text = nl.BUNDLED_ARTICLE.read_text(encoding="utf-8")
    for i in range(60):
        (folder / f"copy-{i:02d}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "nigerlens", "extract", str(folder), "--stream", "--format", "csv", "--jobs", "2",
                             "--chunk-size", "4", "--out", str(out)], stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline, workers = time.time() + 60, []
    while time.time() < deadline and not (workers and list(out.glob(".nigerlens-*"))):
        time.sleep(0.1)
        try:
            with open(f"/proc/{proc.pid}/task/{proc.pid}/children") as f:
                workers = [int(p) for p in f.read().split()]
        except OSError:
            workers = []
    assert workers and proc.poll() is None, "the run ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    (staged,) = out.glob(".nigerlens-*")
    deadline = time.time() + 10
    while time.time() < deadline and any(_running(p) for p in workers):
        time.sleep(0.2)
    assert not any(_running(p) for p in workers)
    result = stream.extract_to(folder / "good-0.txt", out)
    assert not staged.exists() and result["counts"]["articles"] == 1
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def test_full_disk_under_report_out_is_one_line(tmp_path, capsys, monkeypatch):
    import errno

    from nigerlens.outputs import report

    batch(tmp_path)

    def full(path, text):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(report, "atomic_write", full)
    code, _, err = run_cli(capsys, "report", tmp_path / "in", "--out", tmp_path / "r")
    assert (code, err) == (1, f"nigerlens: cannot write the report to {tmp_path / 'r'}: No space left on device\n")


@pytest.mark.parametrize("field", ["id", "title", "outlet", "url"])
@pytest.mark.parametrize("value", ["\\ud800", "x\\udcff y", "\\ud83d\\ude00 ok"])
def test_lone_surrogates_in_a_sidecar_become_replacement_characters(tmp_path, capsys, field, value):
    """Found by the long fuzz run: JSON may escape a lone surrogate, which no UTF-8 output holds."""
    folder = batch(tmp_path)
    (folder / "s.txt").write_text(GOOD, encoding="utf-8")
    (folder / "s.json").write_text(f'{{"{field}": "{value}"}}', encoding="utf-8")
    code, out, err = run_cli(capsys, "extract", folder)
    assert code == 0 and err == "" and good_processed(out)
    out.encode("utf-8")
    assert main(["report", str(folder), "--out", str(tmp_path / "r")]) == 0
    assert main(["extract", str(folder), "--format", "csv", "--out", str(tmp_path / "c")]) == 0
    assert len(list((tmp_path / "r").glob("*.html"))) == 3
