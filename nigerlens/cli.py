"""The `nigerlens` command: a thin shell over the library.

    nigerlens extract PATH... [--published YYYY-MM-DD] [--format json|csv|parquet] [--out DIR]
                      [--jobs N] [--stream [--chunk-size N]] [--dask | --scheduler tcp://HOST:PORT]
    nigerlens report PATH... --out DIR [--published YYYY-MM-DD]
    nigerlens evaluate GOLD_DIR [--quiet]

Each sub-command mirrors a library call (``extract`` -> :func:`nigerlens.corpus.extract.extract`;
with ``--stream`` or ``--format parquet`` -> :func:`nigerlens.corpus.stream.extract_to`; with ``--dask``
or ``--scheduler`` -> :func:`nigerlens.corpus.dask.extract_dask`;
``report`` -> :func:`nigerlens.outputs.report.write_report`, ``evaluate`` ->
:func:`nigerlens.analysis.evaluate.evaluate_dir`).
User errors are one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
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
    scale = ex.add_mutually_exclusive_group()
    scale.add_argument("--dask", action="store_true", help="run on Dask's local scheduler and write Parquet (needs nigerlens[dask])")
    scale.add_argument("--scheduler", metavar="ADDRESS", help="run on the dask.distributed cluster at ADDRESS (tcp://HOST:PORT) and write Parquet")
    ex.add_argument("--partitions", type=int, metavar="N", help="Dask bag partitions (default: about 200 articles each, at least two per worker, a multiple of the workers)")
    rep = sub.add_parser("report", help="write a self-contained HTML report per article (tables, figures, evidence)")
    rep.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders of articles")
    rep.add_argument("--out", metavar="DIR", required=True, help="folder for <article_id>.html (and index.html)")
    rep.add_argument("--published", metavar="YYYY-MM-DD", help="publication date, overriding the metadata")
    ev = sub.add_parser("evaluate", help="score the extraction against .gold.json annotations in a folder")
    ev.add_argument("gold_dir", metavar="GOLD_DIR", help="folder with articles and their X.gold.json files")
    ev.add_argument("--quiet", action="store_true", help="print the scores only, not the misses and false hits")
    return parser


_INVALID = object()


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
    elif args.scheduler is not None:
        from nigerlens.corpus.dask import check_address

        try:
            check_address(args.scheduler)
        except ValueError as exc:
            problem = str(exc)
    if problem:
        print(f"nigerlens: {problem}", file=sys.stderr)
        return 2
    if dask or args.stream or fmt == "parquet":
        return _extract_to_disk(args, published, fmt, dask)
    tables = extract(args.paths, published=published, jobs=args.jobs)
    for message in tables["errors"]["error"]:
        print(f"nigerlens: {message}", file=sys.stderr)
    if len(tables["articles"]) == 0:
        return 1  # nothing could be read: the errors above say why
    if args.out:
        for path in write_tables(tables, args.out, format=args.format):
            print(f"wrote {path}", file=sys.stderr)
    else:
        json.dump(to_json(tables), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return 0


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
    except OSError as exc:  # e.g. --out is a file, or not writable
        print(f"nigerlens: cannot write to {args.out}: {exc}", file=sys.stderr)
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
    corpus = load_corpus(args.paths, published=published)
    for error in corpus.errors:
        print(f"nigerlens: {error}", file=sys.stderr)
    if not corpus.articles:
        return 1  # nothing could be read: the errors above say why
    try:
        written = write_report(corpus, args.out)
    except (OSError, ValueError) as exc:  # e.g. --out is a file, or not writable
        print(f"nigerlens: cannot write the report to {args.out}: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    if args.command == "extract":
        return _extract(args)
    if args.command == "report":
        return _report(args)
    if args.command == "evaluate":
        return _evaluate(args)
    return 2  # argparse rejects unknown commands before this


if __name__ == "__main__":
    sys.exit(main())
