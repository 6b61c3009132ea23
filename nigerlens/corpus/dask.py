"""Corpus extraction on Dask: the same per-article function, scaled out (``nigerlens[dask]``).

:func:`extract_dask` puts the files in a ``dask.bag``, maps each through
:func:`nigerlens.corpus.scheduler.process_path` and writes every bag partition as Parquet parts,
``out_dir/<table>/part-NNNNN.parquet`` (the layout of :func:`nigerlens.corpus.stream.extract_to`;
read it back with :func:`read_parquet_tables`). The tables equal those of
:func:`nigerlens.corpus.extract.extract`. Dask is imported only when it is called.

On a dask.distributed cluster the workers read the articles and write the parts themselves, so
``paths`` and ``out_dir`` must be paths that every worker sees (a shared file system) and the
workers need nigerlens installed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from nigerlens.corpus.stream import (
    Staging,
    part_name,
    read_parquet_tables,
    require,
    write_parquet_part,
)

__all__ = ["extract_dask", "read_parquet_tables"]

LOCAL_SCHEDULERS = ("processes", "threads", "sync", "synchronous", "single-threaded")


def is_address(scheduler) -> bool:
    """Whether ``scheduler`` is a dask.distributed scheduler address (``tcp://HOST:PORT`` ...)."""
    return isinstance(scheduler, str) and "://" in scheduler


def check_address(address: str) -> None:
    """Raise ValueError (one line) unless ``address`` reads as SCHEME://HOST[:PORT]."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(address)
        port_ok = parts.port is None or 0 < parts.port
    except ValueError:
        port_ok = False
    if not (parts.scheme and parts.hostname and port_ok) or parts.path not in ("", "/"):
        raise ValueError(f"invalid scheduler address {address!r} (expected tcp://HOST:PORT)")


def extract_dask(paths, out_dir, *, scheduler=None, published=None, gazetteer=None, npartitions: int | None = None, options=None) -> dict:
    """Extract the articles at ``paths`` (files or folders) on Dask into Parquet under ``out_dir``.

    Args:
        scheduler: ``None`` for Dask's local process pool (one worker per core), a local
            scheduler name (``"threads"``, ``"processes"``, ``"sync"``), or the address of a
            dask.distributed scheduler (``"tcp://HOST:PORT"``): a ``Client`` is connected to it for
            this call and closed after.
        npartitions: bag partitions, one Parquet part per table each; by default about 200
            articles a partition, at least two per worker and a multiple of the workers.
        options: a :class:`~nigerlens.corpus.options.RunOptions` instead of the keyword
            arguments above (its scheduler ``"local"`` is Dask's local process pool).

    Returns:
        ``{"counts": {table: rows}, "errors": [{"path", "error"}, ...], "written": [Path, ...]}``,
        as :func:`nigerlens.corpus.stream.extract_to`. Parts are staged in a hidden folder and moved
        into place when all are written, so a failed run leaves ``out_dir`` as it was.

    Raises:
        MissingExtraError: dask, distributed (for an address) or pyarrow is not installed.
        ConnectionError: the scheduler cannot be reached (one line naming the address).
    """
    from nigerlens.corpus.scheduler import expand_paths

    if options is not None:
        scheduler = None if options.scheduler == "local" else options.scheduler
        published, npartitions = options.published, options.partitions
    require("dask", "extraction on Dask")
    require("pyarrow", "Parquet output")
    if is_address(scheduler):
        require("distributed", f"connecting to the Dask scheduler at {scheduler}")
        check_address(scheduler)
    elif scheduler is not None and scheduler not in LOCAL_SCHEDULERS:
        raise ValueError(f"unknown scheduler {scheduler!r}: an address such as tcp://HOST:PORT, or one of {', '.join(LOCAL_SCHEDULERS)}")
    if isinstance(paths, (str, os.PathLike)) or not isinstance(paths, Iterable):
        paths = [paths]
    files = expand_paths(paths)
    if is_address(scheduler):
        # a cluster's workers do not share this process's working directory (so the path
        # column holds absolute paths there)
        files = [str(Path(f).absolute()) for f in files]
    with Staging(out_dir) as staging:
        if is_address(scheduler):
            from distributed import Client

            try:
                client = Client(scheduler, set_as_default=False)
            except (OSError, ValueError, TypeError) as exc:  # unreachable, or not an address
                raise ConnectionError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
            with client:
                workers = sum(client.nthreads().values()) or 1
                parts = _compute(files, staging.path, published, gazetteer, npartitions, workers, client)
        else:
            parts = _compute(files, staging.path, published, gazetteer, npartitions, os.cpu_count() or 1, scheduler or "processes")
        written = staging.commit()
    counts: dict[str, int] = {}
    errors: list[dict] = []
    for part in parts:
        for name, n in part["counts"].items():
            counts[name] = counts.get(name, 0) + n
        errors.extend(part["errors"])
    return {"counts": counts, "errors": errors, "written": written}


def _compute(files: list[str], folder: Path, published, gazetteer, npartitions, workers: int, scheduler) -> list[dict]:
    """Run the bag; return each partition's counts and errors, in partition order."""
    import dask
    import dask.bag as db

    from nigerlens.corpus.scheduler import exit_with_parent, process_path

    if not files:  # a bag needs items: write one empty part so every table has its schema
        parts = write_partition([], str(folder))
    else:
        if npartitions is None:  # ~200 articles each, a multiple of the workers so none idles at the end
            npartitions = -(-max(2 * workers, -(-len(files) // 200)) // workers) * workers
        npartitions = max(1, min(npartitions, len(files)))
        bag = db.from_sequence(files, npartitions=npartitions).map(process_path, published=published, gazetteer=gazetteer)
        # one input bag, so Dask fuses reading, tabulating and writing into one task per
        # partition: the tables never leave the worker that made them
        tasks = bag.map_partitions(write_partition, folder=str(folder))
        # the local process pool hands out tasks in batches of 6 by default, which would put
        # a handful of big partitions on one worker
        # and its workers exit when this process is killed (nigerlens.runner.exit_with_parent)
        options = {"chunksize": 1, "initializer": partial(exit_with_parent, os.getpid())} if scheduler == "processes" else {}
        with _forked_workers(scheduler, gazetteer):
            (parts,) = dask.compute(tasks, scheduler=_local_get(scheduler), **options)
    # the workers name their parts at random; number them in partition order
    for index, part in enumerate(parts):
        for name in part["counts"]:
            (folder / name / part_name(part["token"])).rename(folder / name / part_name(index))
    return parts


def _local_get(scheduler):
    """A local scheduler's function for a name ("processes", "threads", "sync" ...): Dask looks
    a name up only after importing dask.distributed to look for a client (0.4 s, before any
    work starts); a function or a Client passes through."""
    if not isinstance(scheduler, str) or is_address(scheduler):
        return scheduler
    if scheduler == "processes":
        import dask.multiprocessing

        return dask.multiprocessing.get
    if scheduler == "threads":
        import dask.threaded

        return dask.threaded.get
    import dask.local

    return dask.local.get_sync  # "sync", "synchronous", "single-threaded"


def _forked_workers(scheduler, gazetteer):
    """For Dask's local process pool on a system that forks (Linux): the rules are built here
    once and the workers are forked from this process, so each starts with them (Dask spawns
    fresh interpreters by default, which import nigerlens, pandas and pyarrow and build every
    rule again: about half a second of CPU per worker). Elsewhere, nothing changes."""
    import contextlib
    import multiprocessing

    if scheduler != "processes" or "fork" not in multiprocessing.get_all_start_methods() or os.name != "posix":
        return contextlib.nullcontext()
    import dask
    import pandas  # noqa: F401  (the workers write Parquet: import it once, before forking)
    import pyarrow  # noqa: F401

    from nigerlens.extractors.run import warm_up

    warm_up(gazetteer=gazetteer)
    return dask.config.set({"multiprocessing.context": "fork"})


def write_partition(results, folder) -> list[dict]:
    """Write one bag partition of ``process_path`` results as Parquet parts with a provisional
    random name; return ``[{"token": name, "counts": {table: rows}, "errors": [...]}]`` (a list:
    it is a bag partition too)."""
    import uuid

    from nigerlens.corpus.scheduler import from_process_path, split
    from nigerlens.extractors.run import combine

    articles, per_article, errors, meta = split(map(from_process_path, results))
    combined = combine(articles, per_article, errors, meta)
    token = uuid.uuid4().hex
    write_parquet_part(combined, Path(folder), token)
    return [{"token": token, "counts": {name: len(df) for name, df in combined.items()}, "errors": errors}]
