"""The `nigerlens` command: a thin shell over the library.

    nigerlens extract PATH... [--published YYYY-MM-DD] [--format json|csv|parquet] [--out DIR]
                      [--jobs N] [--stream [--chunk-size N]] [--dask | --scheduler tcp://HOST:PORT]
                      [--max-bytes N]
    nigerlens report PATH... --out DIR [--published YYYY-MM-DD] [--max-bytes N]
    nigerlens evaluate GOLD_DIR [--quiet]

Each sub-command mirrors a library call (``extract`` -> :func:`nigerlens.corpus.extract.extract`;
with ``--stream`` or ``--format parquet`` -> :func:`nigerlens.corpus.stream.extract_to`; with ``--dask``
or ``--scheduler`` -> :func:`nigerlens.corpus.dask.extract_dask`;
``report`` -> :func:`nigerlens.outputs.report.write_report`, ``evaluate`` ->
:func:`nigerlens.analysis.evaluate.evaluate_dir`).
User errors are one line on stderr and a non-zero exit, never a traceback: a bad file among
good ones is one line and the others are processed; output that cannot be written (a closed
pipe, a full disk, --out naming a file or a folder that is not writable) ends the run with one
line and exit status 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nigerlens", description="Tables from news about the 2023 Niger crisis.")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract every table from articles (.txt with .json sidecar, or .html)")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders of articles")
    ex.add_argument("--published", metavar="YYYY-MM-DD", help="publication date, overriding the metadata")
    ex.add_argument("--format", choices=("json", "csv", "parquet"), help="output format (default json; parquet with --dask or --scheduler)")
    ex.add_argument("--out", metavar="DIR", help="write files to DIR instead of printing JSON")
    ex.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (0 = one per core; default 1)")
    ex.add_argument("--stream", action="store_true", help="write csv or parquet chunk by chunk, so memory does not grow with the corpus (parquet always streams)")
    ex.add_argument("--chunk-size", type=int, default=200, metavar="N", help="files per chunk with --stream (default 200)")
    _max_bytes_option(ex)
    scale = ex.add_mutually_exclusive_group()
    scale.add_argument("--dask", action="store_true", help="run on Dask's local scheduler and write Parquet (needs nigerlens[dask])")
    scale.add_argument("--scheduler", metavar="ADDRESS", help="run on the dask.distributed cluster at ADDRESS (tcp://HOST:PORT) and write Parquet")
    ex.add_argument("--partitions", type=int, metavar="N", help="Dask bag partitions (default: about 200 articles each, at least two per worker, a multiple of the workers)")
    rep = sub.add_parser("report", help="write a self-contained HTML report per article (tables, figures, evidence)")
    rep.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders of articles")
    rep.add_argument("--out", metavar="DIR", required=True, help="folder for <article_id>.html (and index.html)")
    rep.add_argument("--published", metavar="YYYY-MM-DD", help="publication date, overriding the metadata")
    _max_bytes_option(rep)
    ev = sub.add_parser("evaluate", help="score the extraction against .gold.json annotations in a folder")
    ev.add_argument("gold_dir", metavar="GOLD_DIR", help="folder with articles and their X.gold.json files")
    ev.add_argument("--quiet", action="store_true", help="print the scores only, not the misses and false hits")
    return parser


def _max_bytes_option(parser) -> None:
    from nigerlens.ingest.load import MAX_BYTES

    parser.add_argument("--max-bytes", type=int, metavar="N", help=f"skip (and list in errors) article files larger than N bytes (default {MAX_BYTES:,})")


_INVALID = object()


def _fail(message: str, status: int = 1) -> int:
    print(f"nigerlens: {message}", file=sys.stderr)
    return status


def _out_problem(out) -> str | None:
    """Why ``--out`` cannot be written to, checked before any work is done (None when it looks
    fine): it names a file, lies under a file, or its first existing folder is not writable."""
    if out is None:
        return None
    path = os.path.abspath(out)
    if os.path.exists(path) and not os.path.isdir(path):
        return "is a file, not a folder"
    parent = path
    while not os.path.exists(parent):  # the first folder that exists is where it will be made
        parent = os.path.dirname(parent)
    if not os.path.isdir(parent):
        return f"{parent} is a file, not a folder"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"{parent} is not writable"
    return None


def _option_problem(args) -> str | None:
    """Problems of the options shared by extract and report (one line), else None."""
    if args.max_bytes is not None and args.max_bytes < 1:
        return "--max-bytes must be at least 1"
    if getattr(args, "jobs", 0) is not None and getattr(args, "jobs", 0) < 0:
        return "--jobs must be 0 (one worker per core) or more"
    return None


def _apply_max_bytes(args) -> None:
    """Set --max-bytes for this run (restored by :func:`main`): through the environment, so
    worker processes see it too."""
    if args.max_bytes is not None:
        os.environ["NIGERLENS_MAX_BYTES"] = str(args.max_bytes)


def _no_articles_in(args) -> None:
    """Say so for each folder given that holds no article (one that cannot be read is listed
    with the errors, like a file)."""
    from nigerlens.ingest.load import folder_problems

    for problem in folder_problems(args.paths):
        if problem.startswith("no articles found"):
            print(f"nigerlens: {problem}", file=sys.stderr)


def _published(args):
    """The --published date, None when not given, or _INVALID after printing why."""
    from nigerlens.ingest.load import parse_date

    try:
        return parse_date(args.published, where="--published date")
    except ValueError as exc:
        print(f"nigerlens: {exc}", file=sys.stderr)
        return _INVALID


def _evaluate(args) -> int:
    from nigerlens.analysis.evaluate import evaluate_dir, report

    try:
        totals, per_article, problems = evaluate_dir(args.gold_dir)
    except ValueError as exc:
        print(f"nigerlens: {exc}", file=sys.stderr)
        return 2
    if not per_article:
        print(f"nigerlens: {args.gold_dir}: no article with a .gold.json annotation", file=sys.stderr)
        return 1
    print(report(totals, per_article, problems, details=not args.quiet))
    return 0


def _extract(args) -> int:
    from nigerlens.corpus.extract import extract
    from nigerlens.tables.export import to_json, write_tables

    published = _published(args)
    if published is _INVALID:
        return 2
    dask = args.dask or args.scheduler is not None
    fmt = args.format or ("parquet" if dask else "json")
    problem = None
    if fmt in ("csv", "parquet") and not args.out:
        problem = f"--format {fmt} writes one file per table: give --out DIR"
    elif dask and fmt != "parquet":
        problem = "--dask and --scheduler write Parquet: use --format parquet (or leave --format out)"
    elif dask and not args.out:
        problem = "--dask and --scheduler write Parquet files: give --out DIR"
    elif args.stream and fmt == "json":
        problem = "--stream writes csv or parquet files: give --format csv or --format parquet, and --out DIR"
    elif args.chunk_size < 1 or (args.partitions is not None and args.partitions < 1):
        problem = "--chunk-size and --partitions must be at least 1"
    elif _option_problem(args):
        problem = _option_problem(args)
    elif args.scheduler is not None:
        from nigerlens.corpus.dask import check_address

        try:
            check_address(args.scheduler)
        except ValueError as exc:
            problem = str(exc)
    if problem:
        print(f"nigerlens: {problem}", file=sys.stderr)
        return 2
    if _out_problem(args.out):
        return _fail(f"cannot write to {args.out}: {_out_problem(args.out)}")
    _apply_max_bytes(args)
    _no_articles_in(args)
    if dask or args.stream or fmt == "parquet":
        return _extract_to_disk(args, published, fmt, dask)
    tables = extract(args.paths, published=published, jobs=args.jobs)
    for message in tables["errors"]["error"]:
        print(f"nigerlens: {message}", file=sys.stderr)
    if len(tables["articles"]) == 0:
        return 1  # nothing could be read: the errors above say why
    if args.out:
        try:
            written = write_tables(tables, args.out, format=fmt)
        except OSError as exc:  # a full disk, or --out made unwritable meanwhile
            return _fail(f"cannot write to {args.out}: {exc.strerror or exc}")
        for path in written:
            print(f"wrote {path}", file=sys.stderr)
    else:
        text = json.dumps(to_json(tables), ensure_ascii=False, indent=2) + "\n"
        return _to_stdout(text)
    return 0


def _to_stdout(text: str) -> int:
    """Write ``text`` to standard output; a closed pipe or a full disk is one line and exit 1."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return _fail("output closed before everything was written (broken pipe)")
    except OSError as exc:
        _silence_stdout()
        return _fail(f"cannot write the output: {exc.strerror or exc}")
    return 0


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that Python's final flush of what is left in its
    buffer does not fail a second time with a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _extract_to_disk(args, published, fmt: str, dask: bool) -> int:
    """``extract --stream`` / ``--format parquet`` / ``--dask`` / ``--scheduler``: tables written
    to --out as they are made."""
    from nigerlens.corpus.stream import MissingExtraError, extract_to

    try:
        if dask:
            from nigerlens.corpus.dask import extract_dask

            result = extract_dask(args.paths, args.out, scheduler=args.scheduler, published=published, npartitions=args.partitions)
        else:
            result = extract_to(args.paths, args.out, format=fmt, published=published, jobs=args.jobs, chunk_size=args.chunk_size)
    except MissingExtraError as exc:
        flag = "--scheduler" if args.scheduler else "--dask" if args.dask else "--format parquet"
        print(f"nigerlens: {flag}: {exc}", file=sys.stderr)
        return 2
    except ConnectionError as exc:  # the scheduler cannot be reached (the message names it)
        print(f"nigerlens: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # e.g. --out is a file, or not writable, or the disk is full
        print(f"nigerlens: cannot write to {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    for error in result["errors"]:
        print(f"nigerlens: {error['error']}", file=sys.stderr)
    for path in result["written"]:
        print(f"wrote {path}", file=sys.stderr)
    print("rows: " + ", ".join(f"{name} {n}" for name, n in result["counts"].items()), file=sys.stderr)
    return 1 if result["counts"].get("articles", 0) == 0 else 0


def _report(args) -> int:
    from nigerlens.ingest.load import load_corpus
    from nigerlens.outputs.report import write_report

    published = _published(args)
    if published is _INVALID:
        return 2
    problem = _option_problem(args)
    if problem:
        return _fail(problem, 2)
    if _out_problem(args.out):
        return _fail(f"cannot write the report to {args.out}: {_out_problem(args.out)}")
    _apply_max_bytes(args)
    _no_articles_in(args)
    corpus = load_corpus(args.paths, published=published)
    for error in corpus.errors:
        print(f"nigerlens: {error}", file=sys.stderr)
    if not corpus.articles:
        return 1  # nothing could be read: the errors above say why
    try:
        written = write_report(corpus, args.out)
    except (OSError, ValueError) as exc:  # e.g. --out is a file, or not writable
        print(f"nigerlens: cannot write the report to {args.out}: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    saved = os.environ.get("NIGERLENS_MAX_BYTES")
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "report":
            return _report(args)
        if args.command == "evaluate":
            return _evaluate(args)
    except BrokenPipeError:  # stderr or stdout closed early (| head)
        _silence_stdout()
        return 1
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except OSError as exc:  # e.g. the disk filled up while writing
        return _fail(f"cannot write the output: {exc.strerror or exc}")
    finally:
        if saved is None:
            os.environ.pop("NIGERLENS_MAX_BYTES", None)
        else:
            os.environ["NIGERLENS_MAX_BYTES"] = saved
    return 2  # argparse rejects unknown commands before this


if __name__ == "__main__":
    sys.exit(main())
