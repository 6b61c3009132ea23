"""Extract a large corpus straight to disk, chunk by chunk, so memory does not grow with it.

:func:`extract_to` is :func:`nigerlens.corpus.extract.extract` for corpora too big to hold as tables:
it tabulates ``chunk_size`` files at a time and appends each chunk's tables to the output, as
CSV (``<table>.csv``, cells neutralised as in :func:`nigerlens.tables.export.write_tables`) or Parquet
(``<table>/part-00000.parquet``, one part per chunk). Everything is written into a hidden staging
folder inside ``out_dir`` and moved into place only when the whole corpus is done, so a failure
leaves ``out_dir`` as it was. :func:`read_parquet_tables` reads the Parquet layout back (it is
also the layout of :func:`nigerlens.corpus.dask.extract_dask`).
"""

from __future__ import annotations

import os
from contextlib import closing
from pathlib import Path

from nigerlens.tables.export import STAGING_PREFIX, Staging, remove_stale_staging  # noqa: F401  (the streamed writer's API)
from nigerlens.tables.schema import TABLES, same_dtypes

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
    issues=None,
    options=None,
) -> dict:
    """Extract the articles at ``paths`` (files or folders) into ``out_dir``, ``chunk_size`` files
    at a time, holding only about two chunks' tables in memory.

    The tables and their rows are those of :func:`nigerlens.corpus.extract.extract` (bad files go to
    ``errors``); the CSV files are byte for byte those of ``write_tables(extract(paths))``.

    Args:
        format: ``"csv"`` (``<table>.csv``) or ``"parquet"`` (``<table>/part-NNNNN.parquet``,
            one part per chunk; needs pyarrow, in the ``nigerlens[dask]`` extra).
        jobs: worker processes (1 = in this process; 0 or None = one per core).
        chunk_size: files tabulated between two writes.
        progress: show a tqdm progress bar; by default only for 50 or more files on a terminal.
        issues: the path of another issue taxonomy for the positions.
        options: a :class:`~nigerlens.corpus.options.RunOptions` instead of the keyword
            arguments above (its format must be csv or parquet).

    Returns:
        ``{"counts": {table: rows}, "errors": [{"path", "error"}, ...], "written": [Path, ...]}``.
        If anything fails, the exception propagates and ``out_dir`` keeps its previous files.

    Raises:
        MissingExtraError: Parquet output without pyarrow installed.
    """
    import sys

    from nigerlens.corpus import scheduler
    from nigerlens.corpus.extract import as_list, progress_bar
    from nigerlens.extractors.run import combine

    if options is not None:
        format, published, jobs, chunk_size, progress, issues = (
            getattr(options, n) for n in ("format", "published", "jobs", "chunk_size", "progress", "issues"))
        format = format or "csv"
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r} (csv or parquet)")
    if format == "parquet":
        require("pyarrow", "Parquet output")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, not {chunk_size}")
    files = scheduler.expand_paths(as_list(paths))
    jobs = jobs or os.cpu_count() or 1
    if progress is None:
        progress = len(files) >= 50 and sys.stderr.isatty()
    counts = dict.fromkeys(TABLES, 0)
    errors: list[dict] = []
    batches = scheduler.batches(files, published=published, gazetteer=gazetteer, jobs=jobs, chunk_size=chunk_size, issues=str(issues) if issues else None)
    with (
        Staging(out_dir) as staging,
        _Writer(staging.path, format) as writer,
        closing(batches),
        progress_bar(len(files), progress) as bar,
    ):
        index = 0
        for index, batch in enumerate(batches):
            results = list(batch)
            combined = combine(*scheduler.split(results))
            writer.write(combined, index)
            for name, df in combined.items():
                counts[name] += len(df)
            errors.extend(e for r in results if (e := r.error) is not None)
            bar.update(sum(r.files for r in results))
        if not files:  # every table still gets its file, with the header
            writer.write(combine([], [], []), 0)
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
        from nigerlens.tables.export import neutralise

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
