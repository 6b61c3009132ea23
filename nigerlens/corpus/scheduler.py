"""Run the per-file work of :func:`nigerlens.corpus.extract.extract` and :func:`nigerlens.corpus.stream.extract_to`,
in this process or on a pool of worker processes, in file order.

Files are handed out in batches (``chunk_size`` at a time). A file larger than
:data:`nigerlens.text.windows.WINDOW` bytes is a batch of its own: it is loaded here and its windows
(:mod:`nigerlens.text.windows`) are handed out to the workers, so one huge article is read on every
core and only a few windows' rows are held at a time.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import chain
from pathlib import Path

from nigerlens.extractors.run import (
    article_record,
    article_rows,
    set_aside_records,
    unsupported,
    warm_up,
    window_records,
)
from nigerlens.ingest.load import LoadError, article_paths, load_article
from nigerlens.resources import other_data
from nigerlens.rules.gazetteer import Gazetteer
from nigerlens.text.windows import WINDOW, windows


@dataclass
class Result:
    """The outcome of one file, or of one window of a long file.

    ``record`` is the article's row of the articles table (on its first result only), ``tables``
    the rows of its tables, as lists of records (None when the file could not be read), ``error`` an errors-table row;
    ``meta`` is the article's record on every result (for the outlet and date of each row), and
    ``files`` is 1 on the result that finishes a file (for progress bars).
    """

    record: dict | None = None
    tables: dict | None = None
    error: dict | None = None
    meta: dict | None = None
    files: int = 1


def from_process_path(result: tuple) -> Result:
    record, tables, error = result
    return Result(record, tables, error, record)


def split(results: Iterable[Result]) -> tuple[list[dict], list[dict], list[dict], list[dict]]:
    """(article records, per-article rows, error rows, metadata records) of ``results``."""
    articles, per_article, errors, meta = [], [], [], []
    for r in results:
        if r.record is not None:
            articles.append(r.record)
        if r.tables is not None:
            per_article.append(r.tables)
        if r.error is not None:
            errors.append(r.error)
        if r.meta is not None:
            meta.append(r.meta)
    return articles, per_article, errors, meta


def is_long(path: str) -> bool:
    """Whether a file may hold a text longer than one window (judged by its size on disk)."""
    try:
        return os.path.getsize(path) > WINDOW
    except OSError:  # missing or unreadable: the loader says why, like for any file
        return False


def units(files: list[str], chunk_size: int) -> Iterator[tuple[str, list[str]]]:
    """("files", paths) batches of at most ``chunk_size`` files, and ("long", [path]) for each
    long file, in file order."""
    small: list[str] = []
    for f in files:
        if is_long(f):
            if small:
                yield "files", small
                small = []
            yield "long", [f]
            continue
        small.append(f)
        if len(small) == chunk_size:
            yield "files", small
            small = []
    if small:
        yield "files", small


def batches(files: list[str], *, published=None, gazetteer=None, jobs: int = 1, chunk_size: int = 200, issues=None, data=None) -> Iterator[Iterable[Result]]:
    """Yield the results of ``files`` in order, one batch (an iterable of :class:`Result`) per chunk of files and one per
    window of a long file.

    With a pool, the next chunk of files is submitted before the current one is handed back, so
    the workers keep busy while the caller writes; a long file keeps ``2 * jobs`` windows in
    flight. A batch's results are produced lazily: read them before asking for the next batch.

    ``data`` (another data folder than the one this process reads) runs every file in fresh
    worker processes started with ``NIGERLENS_DATA`` set to it: the rules' patterns are built
    from the lexicons when their modules load, so only a new interpreter reads another folder.
    """
    plan = list(units(files, chunk_size))
    if other_data(data):
        yield from _with_data(files, data, published=published, jobs=jobs, chunk_size=chunk_size, issues=issues)
        return
    if jobs == 1 or (len(files) < 2 and not any(kind == "long" for kind, _ in plan)):
        for kind, paths in plan:
            if kind == "long":
                yield from _long_file(paths[0], published, gazetteer, map, issues)
            else:
                yield (from_process_path(process_path(f, published, gazetteer, issues)) for f in paths)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if multiprocessing.get_start_method() == "fork":  # the workers inherit what is built here
        warm_up(gazetteer=gazetteer, issues=issues)
    with ProcessPoolExecutor(max_workers=jobs, initializer=exit_with_parent, initargs=(os.getpid(),)) as pool:

        def submit(unit):
            kind, paths = unit
            if kind == "long":
                return None  # long files are read here when their turn comes
            n = len(paths)
            return pool.map(process_path, paths, [published] * n, [gazetteer] * n, [issues] * n, chunksize=max(1, min(25, n // (jobs * 4))))

        try:
            pending = submit(plan[0]) if plan else None
            for i, unit in enumerate(plan):
                following = submit(plan[i + 1]) if i + 1 < len(plan) else None
                if unit[0] == "long":
                    yield from _long_file(unit[1][0], published, gazetteer, partial(_ahead, pool, ahead=2 * jobs), issues)
                else:
                    yield map(from_process_path, pending)
                pending = following
        except BaseException:  # a failed batch, or the caller gave up: drop the queued work
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def exit_with_parent(parent: int, *, every: float = 1.0) -> None:
    """Run in each worker process: exit as soon as the process that started it is gone (killed
    with -9, it cannot tell its workers), instead of living on re-parented to init.

    A daemon thread checks the parent every ``every`` seconds (not Linux's PR_SET_PDEATHSIG:
    that fires when the *thread* that started the worker ends, which may be long before the
    process does).
    """
    import threading

    if os.getppid() != parent:  # the parent died before the signal was set up
        os._exit(1)

    def watch() -> None:
        import time

        while True:
            time.sleep(every)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="nigerlens-parent-watch", daemon=True).start()


def _with_data(files, data, *, published, jobs, chunk_size, issues) -> Iterator[Iterable[Result]]:
    """:func:`batches` in spawned workers that read the rules from ``data``."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from nigerlens.resources import data_environment

    # workers are started on demand, so the environment holds while the pool is in use
    with data_environment(data), ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=multiprocessing.get_context("spawn"),
                                                     initializer=exit_with_parent, initargs=(os.getpid(),)) as pool:
        for start in range(0, len(files), chunk_size):
            chunk = files[start : start + chunk_size]
            n = len(chunk)
            results = list(pool.map(process_path, chunk, [published] * n, [None] * n, [issues] * n))
            yield map(from_process_path, results)


def _ahead(pool, fn: Callable, items: Iterable, *, ahead: int) -> Iterator:
    """``map(fn, items)`` on ``pool``, in order, with at most ``ahead`` items in flight."""
    queue: deque = deque()
    for item in items:
        queue.append(pool.submit(fn, item))
        if len(queue) >= ahead:
            yield queue.popleft().result()
    while queue:
        yield queue.popleft().result()


def _long_file(path: str, published, gazetteer, run: Callable, issues=None) -> Iterator[Iterable[Result]]:
    """The batches of one long file: one per window, the article's record and its set-aside
    pieces with the first, the file counted as done with the last."""
    try:
        article = load_article(path, published=published)
    except LoadError as exc:
        yield [Result(error={"path": exc.path, "error": str(exc)})]
        return
    record = article_record(article)
    why = unsupported(article)
    if why:
        yield [Result(record, article_rows(article, issues=issues), {"path": article.path, "error": why}, record)]
        return
    rows = run(partial(window_records, gazetteer=gazetteer, issues=issues), windows(article))
    # one window behind, so the last one is known: it finishes the file
    previous, first = next(rows), True
    for following in chain(rows, [None]):
        tables = {"set_aside": set_aside_records(article) if first else [], **previous}
        yield [Result(record if first else None, tables, None, record, files=int(following is None))]
        previous, first = following, False


def process_path(path: str, published=None, gazetteer: Gazetteer | None = None, issues=None) -> tuple[dict | None, dict | None, dict | None]:
    """Load and read one file: (article record, rows of its tables, None) or (None, None, error
    record). Runs in worker processes, so it takes and returns plain values (records, not
    DataFrames: they pickle several times faster)."""
    try:
        article = load_article(path, published=published)
    except LoadError as exc:
        return None, None, {"path": exc.path, "error": str(exc)}
    why = unsupported(article)
    return article_record(article), article_rows(article, gazetteer=gazetteer, issues=issues), ({"path": article.path, "error": why} if why else None)


def expand_paths(paths) -> list[str]:
    """Files as given, and the article files inside folders, in order."""
    out: list[str] = []
    for p in map(Path, paths):
        try:
            out.extend(str(x) for x in (article_paths(p) if p.is_dir() else [p]))
        except LoadError:  # a folder that cannot be listed: loading it says why, in errors
            out.append(str(p))
    return out
