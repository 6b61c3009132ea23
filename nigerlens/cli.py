"""The `nigerlens` command: a thin shell over the library.

    nigerlens [--version] [--data DIR] COMMAND ...
    nigerlens extract PATH... [--published YYYY-MM-DD] [--format json|csv|parquet|xlsx|geojson|events]
                      [--out DIR] [--excel] [--jobs N] [--stream [--chunk-size N]]
                      [--dask | --scheduler tcp://HOST:PORT] [--max-bytes N] [--issues FILE]
                      [--reviews DIR]
    nigerlens report PATH... --out DIR [--published YYYY-MM-DD] [--max-bytes N] [--issues FILE]
                     [--reviews DIR]
    nigerlens evaluate GOLD_DIR [--quiet]
    nigerlens evaluate PATH... --reviews DIR [--quiet]
    nigerlens review PATH... --reviews DIR [--table T] [--confirm KEY] [--reject KEY]
                     [--set KEY FIELD=VALUE] [--export-gold DIR]
    nigerlens check-data [DIR]

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
    from importlib.metadata import PackageNotFoundError, version

    try:
        v = version("nigerlens")
    except PackageNotFoundError:  # run from a checkout that was never installed
        from nigerlens import __version__ as v
    parser = argparse.ArgumentParser(prog="nigerlens", description="Tables from news about the 2023 Niger crisis.")
    parser.add_argument("--version", action="version", version=f"nigerlens {v}")
    parser.add_argument("--data", metavar="DIR", help="another data folder (actors, people, places, issues.toml, lexicon/): see nigerlens check-data")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract every table from articles (.txt with .json sidecar, or .html)")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders of articles")
    ex.add_argument("--published", metavar="YYYY-MM-DD", help="publication date, overriding the metadata")
    ex.add_argument("--format", choices=("json", "csv", "parquet", "xlsx", "geojson", "events"),
                    help="output format (default json; parquet with --dask or --scheduler): xlsx is one workbook, a sheet per table; "
                         "geojson the bases as points; events an ACLED-like event table (events.csv)")
    ex.add_argument("--excel", action="store_true", help="CSV for Excel: UTF-8 with a byte-order mark, so curly quotes and accents open right")
    ex.add_argument("--out", metavar="DIR", help="write files to DIR instead of printing JSON")
    ex.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (0 = one per core; default 1)")
    ex.add_argument("--stream", action="store_true", help="write csv or parquet chunk by chunk, so memory does not grow with the corpus (parquet always streams)")
    ex.add_argument("--chunk-size", type=int, default=200, metavar="N", help="files per chunk with --stream (default 200)")
    _max_bytes_option(ex)
    scale = ex.add_mutually_exclusive_group()
    scale.add_argument("--dask", action="store_true", help="run on Dask's local scheduler and write Parquet (needs nigerlens[dask])")
    scale.add_argument("--scheduler", metavar="ADDRESS", help="run on the dask.distributed cluster at ADDRESS (tcp://HOST:PORT) and write Parquet")
    ex.add_argument("--partitions", type=int, metavar="N", help="Dask bag partitions (default: about 200 articles each, at least two per worker, a multiple of the workers)")
    _shared_options(ex)
    rep = sub.add_parser("report", help="write a self-contained HTML report per article (tables, figures, evidence)")
    rep.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders of articles")
    rep.add_argument("--out", metavar="DIR", required=True, help="folder for <article_id>.html (and index.html)")
    rep.add_argument("--published", metavar="YYYY-MM-DD", help="publication date, overriding the metadata")
    _max_bytes_option(rep)
    _shared_options(rep)
    ev = sub.add_parser("evaluate", help="score the extraction against .gold.json annotations, or against an analyst's review")
    ev.add_argument("gold_dir", nargs="+", metavar="GOLD_DIR", help="folder with articles and their X.gold.json files (with --reviews: the articles)")
    ev.add_argument("--reviews", metavar="DIR", help="score against the decisions in this review folder instead of gold files")
    ev.add_argument("--quiet", action="store_true", help="print the scores only, not the misses and false hits")
    rv = sub.add_parser("review", help="list rows with their review keys, record decisions, export the reviewed rows as gold")
    rv.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders of articles")
    rv.add_argument("--reviews", metavar="DIR", required=True, help="the review folder (one <article>.review.json per article)")
    rv.add_argument("--table", choices=("deployments", "bases", "events", "quotes", "positions"), help="list this table only")
    rv.add_argument("--confirm", metavar="KEY", action="append", default=[], help="confirm the row with this key (repeatable)")
    rv.add_argument("--reject", metavar="KEY", action="append", default=[], help="reject the row with this key (repeatable)")
    rv.add_argument("--set", metavar=("KEY", "FIELD=VALUE"), nargs=2, action="append", default=[], help="correct a field of a row")
    rv.add_argument("--by", metavar="NAME", help="who decides (default: $USER)")
    rv.add_argument("--export-gold", metavar="DIR", help="write the reviewed rows as .gold.json files beside copies of the articles")
    cd = sub.add_parser("check-data", help="check a data folder (actors, people, places, issues, frames, lexicons): one line per problem")
    cd.add_argument("folder", nargs="?", metavar="DIR", help="the data folder (default: the one in use)")
    return parser


def _shared_options(parser) -> None:
    parser.add_argument("--issues", metavar="FILE", help="another issue taxonomy (TOML, like nigerlens/data/issues.toml) for the positions")
    parser.add_argument("--reviews", metavar="DIR", help="apply the decisions of this review folder (a review column in every table)")


def _max_bytes_option(parser) -> None:
    from nigerlens.ingest.load import MAX_BYTES

    parser.add_argument("--max-bytes", type=int, metavar="N", help=f"skip (and list in errors) article files larger than N bytes (default {MAX_BYTES:,})")


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


def _evaluate(args) -> int:
    from nigerlens.analysis.evaluate import evaluate_dir, evaluate_reviews, report

    if args.reviews is None and len(args.gold_dir) != 1:
        return _fail("give one folder of gold annotations (or articles and --reviews DIR)", 2)
    try:
        if args.reviews is not None:
            totals, per_article, problems = evaluate_reviews(args.gold_dir, args.reviews)
        else:
            totals, per_article, problems = evaluate_dir(args.gold_dir[0])
    except ValueError as exc:
        print(f"nigerlens: {exc}", file=sys.stderr)
        return 2
    if not per_article:
        where = " ".join(args.gold_dir)
        print(f"nigerlens: {where}: no article with a .gold.json annotation" if args.reviews is None else f"nigerlens: {where}: no article could be read", file=sys.stderr)
        return 1
    print(report(totals, per_article, problems, details=not args.quiet))
    return 0


def _options(args):
    """The run's :class:`~nigerlens.corpus.options.RunOptions` from the command line, or the
    one-line problem with them (a str)."""
    from nigerlens.corpus.options import OptionsError, RunOptions

    scheduler = getattr(args, "scheduler", None) or ("local" if getattr(args, "dask", False) else None)
    try:
        return RunOptions(
            published=args.published, jobs=getattr(args, "jobs", 1), chunk_size=getattr(args, "chunk_size", 200),
            format=getattr(args, "format", None), out=args.out, stream=getattr(args, "stream", False), scheduler=scheduler,
            partitions=getattr(args, "partitions", None), issues=args.issues, reviews=args.reviews,
            excel=getattr(args, "excel", False), max_bytes=args.max_bytes,
        )
    except OptionsError as exc:
        return str(exc)


def _extract(args) -> int:
    from nigerlens.corpus.extract import extract, extract_records
    from nigerlens.tables.export import row_records, to_json

    opts = _options(args)
    if isinstance(opts, str):
        return _fail(opts, 2)
    if _out_problem(args.out):
        return _fail(f"cannot write to {args.out}: {_out_problem(args.out)}")
    _apply_max_bytes(args)
    _no_articles_in(args)
    if opts.to_disk:
        return _extract_to_disk(args, opts)
    # JSON and CSV need no DataFrame: the rows go straight out, and pandas is never imported
    plain = opts.reviews is None and (not args.out or opts.resolved_format in ("json", "csv"))
    tables = row_records(extract_records(args.paths, options=opts)) if plain else extract(args.paths, options=opts)
    for message in (e["error"] for e in tables["errors"]) if plain else tables["errors"]["error"]:
        print(f"nigerlens: {message}", file=sys.stderr)
    if len(tables["articles"]) == 0:
        return 1  # nothing could be read: the errors above say why
    if args.out:
        try:
            written = _write(tables, opts)
        except OSError as exc:  # a full disk, or --out made unwritable meanwhile
            return _fail(f"cannot write to {args.out}: {exc.strerror or exc}")
        for path in written:
            print(f"wrote {path}", file=sys.stderr)
    else:
        text = json.dumps(to_json(tables), ensure_ascii=False, indent=2) + "\n"
        return _to_stdout(text)
    return 0


def _write(tables: dict, opts) -> list:
    """Write ``tables`` (DataFrames, or rows for CSV and JSON) to ``opts.out`` in ``opts.format``;
    return the files written."""
    from pathlib import Path

    from nigerlens.tables.export import write_tables

    out, fmt = Path(opts.out), opts.resolved_format
    if fmt == "xlsx":
        from nigerlens.outputs.formats import write_xlsx

        return [write_xlsx(tables, out / "tables.xlsx")]
    if fmt == "geojson":
        from nigerlens.outputs.formats import write_geojson

        return [write_geojson(tables, out / "bases.geojson")]
    if fmt == "events":
        from nigerlens.outputs.formats import event_data

        return write_tables({"events": event_data(tables)}, out, excel=opts.excel)
    if isinstance(tables["articles"], list):  # rows, not DataFrames (see _extract)
        from nigerlens.tables.export import write_rows

        return write_rows(tables, out, format=fmt, excel=opts.excel)
    return write_tables(tables, out, format=fmt, excel=opts.excel)


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


def _extract_to_disk(args, opts) -> int:
    """``extract --stream`` / ``--format parquet`` / ``--dask`` / ``--scheduler``: tables written
    to --out as they are made."""
    from nigerlens.corpus.stream import MissingExtraError, extract_to

    try:
        if opts.dask:
            from nigerlens.corpus.dask import extract_dask

            result = extract_dask(args.paths, args.out, options=opts)
        else:
            result = extract_to(args.paths, args.out, options=opts)
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

    opts = _options(args)
    if isinstance(opts, str):
        return _fail(opts, 2)
    published = opts.published
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
        written = write_report(corpus, args.out, issues=opts.library_kwargs("issues")["issues"], reviews=opts.reviews)
    except (OSError, ValueError) as exc:  # e.g. --out is a file, or not writable
        print(f"nigerlens: cannot write the report to {args.out}: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return 0


def _review(args) -> int:
    """List the rows with their keys and review status; record --confirm / --reject / --set;
    --export-gold writes the reviewed rows as gold files."""
    from nigerlens.extractors.run import tabulate
    from nigerlens.ingest.load import load_corpus
    from nigerlens.review import store
    from nigerlens.review.apply import apply_reviews
    from nigerlens.review.keys import REVIEWED

    corpus = load_corpus(args.paths)
    for error in corpus.errors:
        print(f"nigerlens: {error}", file=sys.stderr)
    if not corpus.articles:
        return 1
    articles = {a.id: a for a in corpus}
    tables = tabulate(corpus)
    reviewed = apply_reviews(tables, args.reviews, articles=articles, show_rejected=True)
    rows = {r["review_key"]: (table, r) for table in REVIEWED for r in reviewed[table].to_dict("records")}
    decisions: dict[str, list] = {}
    try:
        asked = [("confirm", k, None) for k in args.confirm] + [("reject", k, None) for k in args.reject] + [("correct", k, fv) for k, fv in args.set]
        for action, key, field_value in asked:
            if key not in rows:
                return _fail(f"no row with key {key!r} (nigerlens review PATH --reviews DIR lists them)", 2)
            table, row = rows[key]
            if action == "correct":
                name, sep, value = field_value.partition("=")
                if not sep:
                    return _fail(f"--set {key} {field_value!r}: give FIELD=VALUE", 2)
                decision = store.correct(table, row, {name.strip(): value.strip()}, by=args.by)
            else:
                decision = getattr(store, action)(table, row, by=args.by)
            decisions.setdefault(row["article_id"], []).append(decision)
    except store.ReviewError as exc:  # a refused value: nothing is written
        return _fail(str(exc), 2)
    for article_id, ds in decisions.items():
        path = store.record(args.reviews, article_id, ds)
        print(f"recorded {len(ds)} decision{'s' if len(ds) != 1 else ''} in {path}", file=sys.stderr)
    if decisions:
        reviewed = apply_reviews(tables, args.reviews, articles=articles, show_rejected=True)
    for message in reviewed["errors"]["error"]:
        print(f"nigerlens: {message}", file=sys.stderr)
    for orphan in reviewed["review_orphans"].to_dict("records"):
        print(f"nigerlens: orphaned decision {orphan['key']} ({orphan['action']}, {orphan['article_id']}): its row is no longer extracted", file=sys.stderr)
    if args.export_gold:
        from nigerlens.review.gold import export_gold

        for path in export_gold(reviewed, args.export_gold, articles=articles):
            print(f"wrote {path}", file=sys.stderr)
        return 0
    lines = []
    for table in (args.table,) if args.table else REVIEWED:
        for r in reviewed[table].to_dict("records"):
            lines.append("\t".join([r["review_key"], str(r["review"]), r["article_id"], _row_summary(table, r)]))
    return _to_stdout("\n".join(lines) + ("\n" if lines else ""))


def _row_summary(table: str, r: dict) -> str:
    from nigerlens.review.keys import IDENTITY

    fields = [f for f in IDENTITY[table] if f not in ("quote_start", "quote_end")] or ["speaker"]
    if table == "quotes":
        fields = ["speaker", "text"]
    return " | ".join(f"{f}={r.get(f)}" for f in fields if r.get(f) is not None)


def _check_data(args) -> int:
    from nigerlens.rules.check import check_data

    problems = check_data(args.folder)
    for line in problems:
        print(line)
    if not problems:
        from nigerlens.resources import DATA_DIR

        print(f"{args.folder or DATA_DIR}: no problems found", file=sys.stderr)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    saved = os.environ.get("NIGERLENS_MAX_BYTES")
    if args.data is not None:
        if not os.path.isdir(args.data):
            return _fail(f"--data {args.data}: not a folder", 2)
        from nigerlens.resources import use_data

        use_data(args.data)
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "report":
            return _report(args)
        if args.command == "evaluate":
            return _evaluate(args)
        if args.command == "review":
            return _review(args)
        if args.command == "check-data":
            return _check_data(args)
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
