"""Many articles from files and folders to one set of tables (the library twin of ``nigerlens extract``)."""

from __future__ import annotations

from collections.abc import Iterable

from nigerlens.corpus import scheduler
from nigerlens.extractors.run import combine_rows, frames
from nigerlens.rules.gazetteer import Gazetteer


def extract(paths, *, published=None, gazetteer: Gazetteer | None = None, jobs: int = 1, progress: bool | None = None,
            issues=None, reviews=None, data=None, options=None) -> dict:
    """Load the articles at ``paths`` (files or folders) and tabulate them; bad files go to ``errors``.

    Args:
        jobs: worker processes (1 = in this process; 0 or None = one per core).
        progress: show a tqdm progress bar; by default only for 50 or more files on a terminal.
        issues: the path of another issue taxonomy (TOML, like data/issues.toml), used for the
            positions of every article.
        reviews: a review folder: its decisions are applied (:func:`nigerlens.apply_reviews`).
        data: another data folder (actors, people, places, issues, lexicons): the articles are
            read in fresh worker processes that use it.
        options: a :class:`~nigerlens.corpus.options.RunOptions` (the same settings as the
            command line) instead of the keyword arguments above.
    """
    if options is not None:
        reviews = options.reviews
    tables = frames(extract_records(paths, published=published, gazetteer=gazetteer, jobs=jobs, progress=progress,
                                    issues=issues, data=data, options=options))
    if reviews is not None:
        from nigerlens.review.apply import apply_reviews

        tables = apply_reviews(tables, reviews)
    return tables


def extract_records(paths, *, published=None, gazetteer: Gazetteer | None = None, jobs: int = 1, progress: bool | None = None,
                    issues=None, data=None, options=None) -> dict[str, list[dict]]:
    """:func:`extract` without the DataFrames (and without reviews): table name -> rows, each a
    dict with its table's columns (``outlet`` and ``published`` in the extracted tables'). For
    JSON and other plain output, where pandas would only be imported to be taken apart again;
    :func:`nigerlens.tables.export.row_records` gives them every column, typed as a table's."""
    import os
    import sys

    if options is not None:
        published, jobs, progress, issues, data = (getattr(options, n) for n in ("published", "jobs", "progress", "issues", "data"))

    files = scheduler.expand_paths(as_list(paths))
    jobs = jobs or os.cpu_count() or 1
    if progress is None:
        progress = len(files) >= 50 and sys.stderr.isatty()
    results: list = []
    with progress_bar(len(files), progress) as bar:
        for batch in scheduler.batches(files, published=published, gazetteer=gazetteer, jobs=jobs, chunk_size=max(1, len(files)), issues=str(issues) if issues else None, data=data):
            for result in batch:
                results.append(result)
                bar.update(result.files)
    return combine_rows(*scheduler.split(results))


def as_list(paths) -> list:
    """``paths`` as a list: one path (str or PathLike) becomes a list of one."""
    import os

    return [paths] if isinstance(paths, (str, os.PathLike)) or not isinstance(paths, Iterable) else list(paths)


def progress_bar(total: int, show: bool):
    """A tqdm progress bar, or a stand-in that does nothing when ``show`` is false (tqdm is
    imported only for a bar that is shown)."""
    if not show:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="article", desc="nigerlens")


class _NoBar:
    """The part of tqdm's interface the runs use, doing nothing."""

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc) -> None:
        return None

    def update(self, n: int = 1) -> None:
        return None
