"""Write tables out: CSV files (one per table) or one JSON object, written atomically.

In CSV text cells, control characters other than the line feed (carriage returns, tabs, other
C0 and C1 controls, Unicode line separators) become spaces, so no reader breaks a row inside a
cell (a cell holding a line feed is quoted); then a cell that a spreadsheet would run as a
formula (starting, after any spaces, with =, +, -, @, or their full-width forms) gets a leading apostrophe, as
OWASP's CSV-injection guidance advises. JSON stays exact, but for lone surrogates (from file
names that are not UTF-8, or escapes in a sidecar), which no UTF-8 output can hold: they become
U+FFFD everywhere.

A CSV run writes every table into a staging folder first and moves them into place together
(:class:`Staging`, below), then writes ``manifest.json`` naming each file with its
size and SHA-256: :func:`check_output` tells whether a folder holds one run's tables.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from nigerlens.tables.schema import EXTRACTED, TABLES, columns, iso_day

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# every C0 and C1 control but the line feed, and the Unicode line and paragraph separators
_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_SURROGATES = re.compile("[\ud800-\udfff]")
MANIFEST = "manifest.json"


def writable(value: str) -> str:
    """``value`` with lone surrogates replaced by U+FFFD, so that it can be written as UTF-8."""
    return _SURROGATES.sub("\ufffd", value) if not value.isascii() else value


def neutralise(value):
    """A text cell made safe for a spreadsheet: controls but the line feed become spaces, lone
    surrogates U+FFFD, and a cell that would be read as a formula gets a leading apostrophe."""
    if not isinstance(value, str):
        return value
    value = _CONTROLS.sub(" ", writable(value))
    # " =1+1": some spreadsheets trim the spaces of an imported cell before reading it
    if value.lstrip().startswith(FORMULA_START):
        return "'" + value
    return value


def records(df) -> list[dict]:
    """A table as JSON-ready records: missing values become None, numbers stay numbers and dates
    become ISO strings ("2023-08-14"), as the extractors' records hold them."""
    if isinstance(df, list):
        return df
    dates = [c for c, d in df.dtypes.items() if str(d).startswith("datetime64")]
    if dates:
        df = df.assign(**{c: df[c].dt.strftime("%Y-%m-%d") for c in dates})
    out = []
    for row in df.astype(object).where(df.notna(), None).to_dict(orient="records"):
        out.append({k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()})
    return out


def row_records(rows: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """A run's rows (table name -> records, as :func:`nigerlens.extractors.run.combine_rows` gives
    them) as the records its DataFrames would give: every column of the table in order, missing
    values None, numbers as their column's type and dates as ISO strings. JSON written from
    them is the JSON written from the DataFrames, without building any."""
    out = {}
    for name, records_ in rows.items():
        typed = {c: _PLAIN[d] for c, d in columns(name, context=name in EXTRACTED).items()}
        out[name] = [{c: _plain(row.get(c), kind) for c, kind in typed.items()} for row in records_]
    return out


_PLAIN = {"string": str, "Int64": int, "Float64": float, "date": iso_day}


def _plain(value, kind):
    if value is None or value != value:  # None, NaN
        return None
    return kind(value)


def to_json(tables: dict) -> dict:
    """All tables as one JSON-ready dict: {"articles": [...], "deployments": [...], ...}.

    ``via`` chains ("RT > Le Figaro" in the tables) become lists, outermost first.
    """
    out = {name: records(table) for name, table in tables.items()}
    for rows in out.values():
        for row in rows:
            for key, value in row.items():
                if isinstance(value, str):
                    row[key] = writable(value)
            if "via" in row:
                row["via"] = row["via"].split(" > ") if row["via"] else []
    return out


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    # mkstemp makes the file owner-only; outputs are meant to be shared like any written file
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_tables(tables: dict, out_dir, *, format: str = "csv", excel: bool = False) -> list[Path]:
    """Write ``tables`` to ``out_dir``: ``<table>.csv`` per DataFrame, or ``tables.json``.

    Tables that are still plain lists (not built yet) are left out of the CSV output. With
    ``excel``, CSV files start with a UTF-8 byte-order mark, which Excel needs to read them as
    UTF-8 (curly quotes and accents); every other reader skips it. Returns the paths written.
    """
    out_dir = Path(out_dir)
    if format == "json":
        path = out_dir / "tables.json"
        atomic_write(path, json.dumps(to_json(tables), ensure_ascii=False, indent=2) + "\n")
        return [path]
    if format != "csv":
        raise ValueError(f"unknown format {format!r} (csv or json)")
    with Staging(out_dir) as staging:
        for name, table in tables.items():
            if isinstance(table, list):
                continue
            safe = table.astype(object).map(neutralise) if len(table) else table
            with open(staging.path / f"{name}.csv", "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as f:
                safe.to_csv(f, index=False)
        return staging.commit()


def write_rows(rows: dict[str, list[dict]], out_dir, *, format: str = "csv", excel: bool = False) -> list[Path]:
    """:func:`write_tables` for a run's rows (:func:`row_records`), without building DataFrames:
    the same files, byte for byte (pandas writes CSV through the same ``csv`` writer)."""
    import csv

    if format == "json":
        return write_tables(rows, out_dir, format="json")
    if format != "csv":
        raise ValueError(f"unknown format {format!r} (csv or json)")
    with Staging(out_dir) as staging:
        for name, records_ in rows.items():
            with open(staging.path / f"{name}.csv", "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as f:
                writer = csv.writer(f, lineterminator="\n")
                header = list(columns(name, context=name in EXTRACTED))
                writer.writerow(header)
                writer.writerows([neutralise(r[c]) for c in header] for r in records_)
        return staging.commit()


def manifest(paths, out_dir, *, run: str) -> str:
    """The text of ``manifest.json`` for the files of one run: path (relative to ``out_dir``),
    bytes and SHA-256 of each."""
    import hashlib

    files = {}
    for path in paths:
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(2**20), b""):
                digest.update(block)
        files[path.relative_to(out_dir).as_posix()] = {"bytes": path.stat().st_size, "sha256": digest.hexdigest()}
    return json.dumps({"generator": "nigerlens", "run": run, "files": files}, indent=2) + "\n"


def check_output(out_dir) -> list[str]:
    """What is wrong with a folder of CSV tables: [] when every file ``manifest.json`` names is
    there, as that run wrote it (so the tables come from one run), else one line per problem."""
    import hashlib

    out_dir = Path(out_dir)
    try:
        files = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [f"{out_dir / MANIFEST}: no readable manifest ({exc.__class__.__name__})"]
    problems = []
    for name, want in files.items():
        path = out_dir / name
        try:
            if Path(name).is_absolute() or ".." in Path(name).parts:
                raise OSError
            got = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            problems.append(f"{path}: missing")
            continue
        if got != want.get("sha256"):
            problems.append(f"{path}: not the file of this run (another run, or cut short)")
    return problems


# -- staging: one run, one consistent folder -------------------------------------------------


def table_order(name: str) -> tuple:
    return (TABLES.index(name), name) if name in TABLES else (len(TABLES), name)


STAGING_PREFIX = ".nigerlens-"


class Staging:
    """A hidden folder inside ``out_dir`` where outputs are built; :meth:`commit` moves them into
    place (replacing older ones), and leaving the ``with`` block removes what is left, so a run
    that fails leaves ``out_dir`` as it was.

    The folder is named for this process (``.nigerlens-<pid>-XXXX``): a run killed before it
    could clean up leaves one behind, and the next run in that folder removes the folders of
    processes that are gone (listed in ``removed``).
    """

    def __init__(self, out_dir):
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.removed = remove_stale_staging(self.out_dir)
        self.path = Path(tempfile.mkdtemp(dir=self.out_dir, prefix=f"{STAGING_PREFIX}{os.getpid()}-"))

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def commit(self) -> list[Path]:
        """Move every staged file or folder into ``out_dir``; return the final paths.

        Each file is replaced atomically (``os.replace``); a table folder is swapped with two
        renames, the old one parked in the staging folder and removed with it. Two runs that
        commit into one folder at once take turns (a lock on the folder), and ``manifest.json``
        is written last, naming what this run wrote (see :func:`nigerlens.export.check_output`).
        """
        final = []
        with _locked(self.out_dir):
            for staged in sorted(self.path.iterdir(), key=lambda p: table_order(p.name.split(".")[0])):
                target = self.out_dir / staged.name
                # only the staging folder itself is owner-only (mkdtemp); what is made inside it has
                # the usual permissions, so nothing needs a chmod
                if staged.is_dir():
                    if target.is_dir():
                        target.rename(self.path / f".old-{staged.name}")
                    staged.rename(target)
                else:
                    os.replace(staged, target)
                final.append(target)
            files = [f for p in final for f in (sorted(p.rglob("*")) if p.is_dir() else [p]) if f.is_file()]
            atomic_write(self.out_dir / MANIFEST, manifest(files, self.out_dir, run=self.path.name.removeprefix(STAGING_PREFIX)))
        return final


class _locked:
    """An exclusive lock on a folder (flock on the folder itself, so no lock file is left)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.fd = None

    def __enter__(self):
        try:
            import fcntl

            self.fd = os.open(self.folder, os.O_RDONLY)
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except (ImportError, OSError):  # no flock here (Windows, some network file systems)
            if self.fd is not None:
                os.close(self.fd)
            self.fd = None
        return self

    def __exit__(self, *exc):
        if self.fd is not None:
            os.close(self.fd)  # closing releases the lock


def remove_stale_staging(out_dir: Path, *, max_age: float = 24 * 3600) -> list[Path]:
    """Remove the staging folders in ``out_dir`` left by runs that were killed: those of a
    process that no longer exists, and unnamed ones older than ``max_age`` seconds; return them."""
    import time

    removed = []
    try:
        entries = [p for p in out_dir.iterdir() if p.name.startswith(STAGING_PREFIX) and p.is_dir()]
    except OSError:
        return removed
    for folder in entries:
        pid = folder.name.removeprefix(STAGING_PREFIX).split("-")[0]
        try:
            stale = not _alive(int(pid)) if pid.isdigit() else time.time() - folder.stat().st_mtime > max_age
        except OSError:
            continue
        if stale:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process: leave its folder alone
    return True
