"""Many articles from files and folders to one set of tables (the library twin of ``nigerlens extract``)."""

from __future__ import annotations

from collections.abc import Iterable

from nigerlens.corpus import scheduler
from nigerlens.extractors.run import combine
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
    import os
    import sys

    if options is not None:
        published, jobs, progress, issues, reviews, data = (
            getattr(options, n) for n in ("published", "jobs", "progress", "issues", "reviews", "data"))

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
    tables = combine(*scheduler.split(results))
    if reviews is not None:
        from nigerlens.review.apply import apply_reviews

        tables = apply_reviews(tables, reviews)
    return tables


def as_list(paths) -> list:
    """``paths`` as a list: one path (str or PathLike) becomes a list of one."""
    import os

    return [paths] if isinstance(paths, (str, os.PathLike)) or not isinstance(paths, Iterable) else list(paths)


def progress_bar(total: int, show: bool):
    """A tqdm progress bar, or a stand-in that does nothing when ``show`` is false."""
    from tqdm import tqdm

    return tqdm(total=total, unit="article", desc="nigerlens", disable=not show)
