"""Benchmark: the cost of one article grows linearly with its length (issue 17: 10 KB to 5 MB).

Builds texts of about 10 KB, 100 KB, 1 MB and 5 MB from the bundled and dev articles' paragraphs
(in turn, with blank lines between them: a long dump of news, not one huge paragraph), loads
each and tabulates it (``nl.tabulate``; texts over 400,000 characters are read in windows) in
this process, after one small warm-up, and prints CPU seconds and CPU ms per KB. The cost is
linear when the ms per KB stays level: the verdict compares the largest size's ms per KB with
the smallest's (at most 1.5x). Usage: ``python benchmarks/text_size.py [--sizes 10,100,1000,5000]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nigerlens as nl

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "data" / "articles" / "rt-20230814-washington-niger.txt",
           *sorted((ROOT / "tests" / "fixtures" / "dev").glob("*.txt"))]
LINEAR = 1.5  # the largest size may cost at most this many times the smallest's ms per KB


def paragraphs() -> list[str]:
    out = []
    for path in SOURCES:
        out += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return out


def text_of(kb: int, pieces: list[str]) -> str:
    parts, size, i = [], 0, 0
    while size < kb * 1000:
        parts.append(pieces[i % len(pieces)])
        size += len(parts[-1]) + 2
        i += 1
    return "\n\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000,5000", help="text sizes in KB, comma-separated")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    pieces = paragraphs()
    nl.tabulate(nl.from_text(text_of(5, pieces), published="2023-08-14"))  # warm-up: rules built
    print(f"{'size':>8} {'chars':>10} {'rows':>7} {'CPU s':>8} {'ms per KB':>10}")
    per_kb = []
    for kb in sizes:
        text = text_of(kb, pieces)
        t = time.process_time()
        tables = nl.tabulate(nl.from_text(text, published="2023-08-14"))
        cpu = time.process_time() - t
        rows = sum(len(tables[n]) for n in ("deployments", "bases", "events", "quotes", "positions"))
        per_kb.append(cpu * 1000 / (len(text) / 1000))
        print(f"{kb:>6} KB {len(text):>10,} {rows:>7,} {cpu:>8.2f} {per_kb[-1]:>10.2f}")
    ratio = per_kb[-1] / per_kb[0]
    print(f"ms per KB at {sizes[-1]} KB / at {sizes[0]} KB: {ratio:.2f}x (linear if at most {LINEAR}x)  ->  "
          f"{'met' if ratio <= LINEAR else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
