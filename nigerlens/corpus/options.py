"""One settings object for corpus runs: :func:`nigerlens.extract`, :func:`nigerlens.extract_to`,
:func:`nigerlens.extract_dask` and ``nigerlens extract`` take the same validated options.

``RunOptions(...)`` checks its values when it is made and raises :class:`OptionsError` with one
line naming the option (the CLI prints it and exits with status 2)::

    opts = RunOptions(jobs=0, format="csv", out="tables", stream=True)
    nl.extract_to(paths, opts.out, options=opts)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

# what `extract` can write; json goes to standard output without --out
FORMATS = ("json", "csv", "parquet", "xlsx", "geojson", "events")
FILE_FORMATS = ("csv", "parquet", "xlsx", "geojson", "events")


class OptionsError(ValueError):
    """An option value that cannot be used; the message is one line naming it."""


@dataclass(frozen=True)
class RunOptions:
    """The settings of one corpus run.

    Attributes:
        published: publication date for every article, overriding the metadata (a date or
            ``YYYY-MM-DD``).
        jobs: worker processes (1 = in this process; 0 = one per core).
        chunk_size: files tabulated between two writes of a streamed run.
        progress: a progress bar (None: only for 50 or more files on a terminal).
        format: json, csv, parquet, xlsx (one workbook), geojson (the bases) or events (an
            ACLED-like event table); None for json, or parquet on Dask.
        out: the output folder (needed by every format but json).
        stream: write csv or parquet chunk by chunk (memory does not grow with the corpus).
        scheduler: None (this machine), ``"local"`` (Dask's local scheduler) or the address of
            a dask.distributed scheduler (``tcp://HOST:PORT``).
        partitions: Dask bag partitions.
        issues: another issue taxonomy (TOML, like data/issues.toml) for the positions.
        data: another data folder (actors, people, places, issues, lexicons); see
            :func:`nigerlens.resources.use_data`.
        reviews: a review folder whose decisions are applied to the tables.
        excel: CSV written for Excel (UTF-8 with a byte-order mark).
        max_bytes: article files larger than this are skipped and listed in errors.
    """

    published: date | str | None = None
    jobs: int = 1
    chunk_size: int = 200
    progress: bool | None = None
    format: str | None = None
    out: str | os.PathLike | None = None
    stream: bool = False
    scheduler: str | None = None
    partitions: int | None = None
    issues: str | os.PathLike | None = None
    data: str | os.PathLike | None = None
    reviews: str | os.PathLike | None = None
    excel: bool = False
    max_bytes: int | None = None

    def __post_init__(self):
        problem = self.problem()
        if problem:
            raise OptionsError(problem)
        if isinstance(self.published, str):
            from nigerlens.ingest.load import parse_date

            try:
                object.__setattr__(self, "published", parse_date(self.published, where="--published date"))
            except ValueError as exc:
                raise OptionsError(str(exc)) from None

    @property
    def dask(self) -> bool:
        return self.scheduler is not None

    @property
    def resolved_format(self) -> str:
        return self.format or ("parquet" if self.dask else "json")

    @property
    def to_disk(self) -> bool:
        """Whether tables are written as they are made (streamed, Parquet or Dask)."""
        return self.dask or self.stream or self.resolved_format == "parquet"

    def problem(self) -> str | None:
        """What is wrong with these settings (one line), or None."""
        fmt = self.format or ("parquet" if self.scheduler is not None else "json")
        checks = (
            (fmt not in FORMATS, f"--format {fmt!r}: one of {', '.join(FORMATS)}"),
            (fmt in FILE_FORMATS and not self.out, f"--format {fmt} writes files: give --out DIR"),
            (self.scheduler is not None and fmt != "parquet", "--dask and --scheduler write Parquet: use --format parquet (or leave --format out)"),
            (self.stream and fmt not in ("csv", "parquet"), "--stream writes csv or parquet files: give --format csv or --format parquet, and --out DIR"),
            (self.excel and fmt != "csv", "--excel is for CSV output (--format csv)"),
            (not isinstance(self.jobs, int) or self.jobs < 0, "--jobs must be 0 (one worker per core) or more"),
            (not isinstance(self.chunk_size, int) or self.chunk_size < 1, "--chunk-size must be at least 1"),
            (self.partitions is not None and self.partitions < 1, "--partitions must be at least 1"),
            (self.max_bytes is not None and self.max_bytes < 1, "--max-bytes must be at least 1"),
            (self.issues is not None and not Path(self.issues).is_file(), f"--issues {self.issues}: no such file"),
            (self.data is not None and not Path(self.data).is_dir(), f"--data {self.data}: not a folder"),
        )
        problem = next((message for failed, message in checks if failed), None)
        if problem is None and self.scheduler not in (None, "local"):
            from nigerlens.corpus.dask import check_address

            try:
                check_address(self.scheduler)
            except ValueError as exc:
                problem = str(exc)
        return problem

    def library_kwargs(self, *names: str) -> dict:
        """The settings that the library calls take as keyword arguments (those in ``names``)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values["issues"] = str(self.issues) if self.issues else None
        return {n: values[n] for n in names}
