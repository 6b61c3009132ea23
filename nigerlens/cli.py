"""The `nigerlens` command: a thin shell over the library.

    nigerlens extract PATH... [--published YYYY-MM-DD] [--format json|csv] [--out DIR]
    nigerlens report PATH... --out DIR [--published YYYY-MM-DD]
    nigerlens evaluate GOLD_DIR [--quiet]

Each sub-command mirrors a library call (``extract`` -> :func:`nigerlens.pipeline.extract`,
``report`` -> :func:`nigerlens.report.write_report`, ``evaluate`` ->
:func:`nigerlens.evaluate.evaluate_dir`).
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
    ex.add_argument("--format", choices=("json", "csv"), default="json", help="output format (default json)")
    ex.add_argument("--out", metavar="DIR", help="write files to DIR instead of printing JSON")
    ex.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (0 = one per core; default 1)")
    rep = sub.add_parser("report", help="write a self-contained HTML report per article (tables, figures, evidence)")
    rep.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders of articles")
    rep.add_argument("--out", metavar="DIR", required=True, help="folder for <article_id>.html (and index.html)")
    rep.add_argument("--published", metavar="YYYY-MM-DD", help="publication date, overriding the metadata")
    ev = sub.add_parser("evaluate", help="score the extraction against .gold.json annotations in a folder")
    ev.add_argument("gold_dir", metavar="GOLD_DIR", help="folder with articles and their X.gold.json files")
    ev.add_argument("--quiet", action="store_true", help="print the scores only, not the misses and false hits")
    return parser


def _evaluate(args) -> int:
    from .evaluate import evaluate_dir, report

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
    from .export import to_json, write_tables
    from .load import parse_date
    from .pipeline import extract

    try:
        published = parse_date(args.published, where="--published date")
    except ValueError as exc:
        print(f"nigerlens: {exc}", file=sys.stderr)
        return 2
    if args.format == "csv" and not args.out:
        print("nigerlens: --format csv writes one file per table: give --out DIR", file=sys.stderr)
        return 2
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


def _report(args) -> int:
    from .load import load_corpus, parse_date
    from .report import write_report

    try:
        published = parse_date(args.published, where="--published date")
    except ValueError as exc:
        print(f"nigerlens: {exc}", file=sys.stderr)
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
