"""Extract a large corpus straight to disk, chunk by chunk, so memory does not grow with it.

:func:`extract_to` is :func:`nigerlens.pipeline.extract` for corpora too big to hold as tables:
it tabulates ``chunk_size`` files at a time and appends each chunk's tables to the output, as
CSV (``<table>.csv``, cells neutralised as in :func:`nigerlens.export.write_tables`) or Parquet
(``<table>/part-00000.parquet``, one part per chunk). Everything is written into a hidden staging
folder inside ``out_dir`` and moved into place only when the whole corpus is done, so a failure
leaves ``out_dir`` as it was. :func:`read_parquet_tables` reads the Parquet layout back (it is
also the layout of :func:`nigerlens.distributed.extract_dask`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import closing
from pathlib import Path

from .tables import TABLES, same_dtypes

FORMATS = ("csv", "parquet")
INSTALL_HINT = "install nigerlens[dask] (pip install 'nigerlens[dask]')"


class MissingExtraError(ImportError):
    """An optional dependency is not installed; the message is one line saying what to install."""


def require(module: str, what: str) -> None:
    """Raise MissingExtraError naming the ``nigerlens[dask]`` extra when ``module`` is missing."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise MissingExtraError(f"{what} needs {module}: {INSTALL_HINT}")


def part_name(index: int | str) -> str:
    """File name of the ``index``-th Parquet part of a table (zero-padded, so names sort in
    order); a string index is used as it is (a provisional name)."""
    return f"part-{index}.parquet" if isinstance(index, str) else f"part-{index:05d}.parquet"


def write_parquet_part(tables: dict, folder: Path, index: int | str) -> list[Path]:
    """Write each table to ``folder/<table>/part-NNNNN.parquet`` (empty tables too, to keep
    the schema); return the paths."""
    written = []
    for name, df in tables.items():
        path = Path(folder) / name / part_name(index)
        path.parent.mkdir(parents=True, exist_ok=True)
        df.to_parquet(path, index=False)
        written.append(path)
    return written


def read_parquet_tables(out_dir) -> dict:
    """Read the Parquet tables under ``out_dir`` (one folder of parts per table) back into
    DataFrames, parts concatenated in order; returns table name -> DataFrame."""
    import pandas as pd

    require("pyarrow", "reading Parquet")
    out = {}
    for folder in sorted(p for p in Path(out_dir).iterdir() if p.is_dir() and not p.name.startswith(".")):
        parts = sorted(folder.glob("part-*.parquet"), key=lambda p: int(p.stem.split("-")[1]))
        if parts:
            frames = [pd.read_parquet(p) for p in parts]
            out[folder.name] = same_dtypes(pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0])
    return {name: out[name] for name in sorted(out, key=_table_order)}


def _table_order(name: str) -> tuple:
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
        from .export import MANIFEST, atomic_write, manifest

        final = []
        with _locked(self.out_dir):
            for staged in sorted(self.path.iterdir(), key=lambda p: _table_order(p.name.split(".")[0])):
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


def extract_to(
    paths,
    out_dir,
    *,
    format: str = "csv",
    published=None,
    gazetteer=None,
    jobs: int = 1,
    chunk_size: int = 200,
    progress: bool | None = None,
) -> dict:
    """Extract the articles at ``paths`` (files or folders) into ``out_dir``, ``chunk_size`` files
    at a time, holding only about two chunks' tables in memory.

    The tables and their rows are those of :func:`nigerlens.pipeline.extract` (bad files go to
    ``errors``); the CSV files are byte for byte those of ``write_tables(extract(paths))``.

    Args:
        format: ``"csv"`` (``<table>.csv``) or ``"parquet"`` (``<table>/part-NNNNN.parquet``,
            one part per chunk; needs pyarrow, in the ``nigerlens[dask]`` extra).
        jobs: worker processes (1 = in this process; 0 or None = one per core).
        chunk_size: files tabulated between two writes.
        progress: show a tqdm progress bar; by default only for 50 or more files on a terminal.

    Returns:
        ``{"counts": {table: rows}, "errors": [{"path", "error"}, ...], "written": [Path, ...]}``.
        If anything fails, the exception propagates and ``out_dir`` keeps its previous files.

    Raises:
        MissingExtraError: Parquet output without pyarrow installed.
    """
    import sys

    from . import pipeline, runner

    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r} (csv or parquet)")
    if format == "parquet":
        require("pyarrow", "Parquet output")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, not {chunk_size}")
    files = pipeline.expand_paths(pipeline._as_list(paths))
    jobs = jobs or os.cpu_count() or 1
    if progress is None:
        progress = len(files) >= 50 and sys.stderr.isatty()
    counts = dict.fromkeys(TABLES, 0)
    errors: list[dict] = []
    batches = runner.batches(files, published=published, gazetteer=gazetteer, jobs=jobs, chunk_size=chunk_size)
    with (
        Staging(out_dir) as staging,
        _Writer(staging.path, format) as writer,
        closing(batches),
        pipeline._bar(len(files), progress) as bar,
    ):
        index = 0
        for index, batch in enumerate(batches):
            results = list(batch)
            combined = pipeline._combine(*runner.split(results))
            writer.write(combined, index)
            for name, df in combined.items():
                counts[name] += len(df)
            errors.extend(e for r in results if (e := r.error) is not None)
            bar.update(sum(r.files for r in results))
        if not files:  # every table still gets its file, with the header
            writer.write(pipeline._combine([], [], []), 0)
        writer.close()
        written = staging.commit()
    return {"counts": counts, "errors": errors, "written": written}


class _Writer:
    """Appends chunks of tables to the staged output files."""

    def __init__(self, folder: Path, format: str):
        self.folder, self.format = folder, format
        self.handles: dict = {}

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def write(self, tables: dict, index: int) -> None:
        if self.format == "parquet":
            write_parquet_part(tables, self.folder, index)
            return
        from .export import neutralise

        for name, df in tables.items():
            first = name not in self.handles
            if first:
                self.handles[name] = open(self.folder / f"{name}.csv", "w", encoding="utf-8", newline="")
            safe = df.astype(object).map(neutralise) if len(df) else df
            if first or len(df):
                safe.to_csv(self.handles[name], index=False, header=first)

    def close(self) -> None:
        for handle in self.handles.values():
            handle.close()
        self.handles = {}
