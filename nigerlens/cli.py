"""The `nigerlens` command: a thin shell over the library.

    nigerlens extract PATH... [--published YYYY-MM-DD] [--format json|csv] [--out DIR]

Each sub-command mirrors a library call (``extract`` -> :func:`nigerlens.pipeline.extract`).
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
    return parser


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
    tables = extract(args.paths, published=published)
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


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    if args.command == "extract":
        return _extract(args)
    return 2  # argparse rejects unknown commands before this


if __name__ == "__main__":
    sys.exit(main())
