"""Benchmark: large input completes with bounded memory (issue 7).

Two runs, each in a fresh process so its peak resident size (VmHWM) is its own:

- one article of about 50 MB (the bundled and dev texts repeated), streamed to CSV with
  ``nigerlens.corpus.stream.extract_to`` on all cores (it is read in windows, ``nigerlens.text.windows``);
- a corpus of 10,000 generated articles (``corpus_scale.generate_corpus``) streamed to CSV
  on all cores.

Prints wall time, rows written and the peak resident size of the main process (and of the
largest worker for the corpus). Usage: ``python benchmarks/large_input.py [--mb 50] [--n 10000]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {here!r})
from nigerlens.corpus.stream import extract_to

paths, out, jobs = {paths!r}, {out!r}, {jobs!r}
t = time.perf_counter()
result = extract_to(paths, out, format="csv", jobs=jobs, chunk_size=200)
wall = time.perf_counter() - t
hwm = next(int(l.split()[1]) for l in Path("/proc/self/status").read_text().splitlines() if l.startswith("VmHWM"))
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({{"wall_s": wall, "rows": result["counts"], "errors": len(result["errors"]),
                  "peak_mib": hwm / 1024, "worker_peak_mib": children / 1024}}))
"""


def run(paths: list[str], out: Path, jobs: int) -> dict:
    code = CHILD.format(here=str(HERE), paths=paths, out=str(out), jobs=jobs)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def big_article(folder: Path, mb: float) -> Path:
    from corpus_scale import source_articles

    import nigerlens as nl

    texts = [a.text for a in source_articles()]
    unit = "\n\n".join(texts)
    copies = max(1, int(mb * 1024 * 1024 / len(unit.encode("utf-8"))))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "big.txt"
    path.write_text("\n\n".join([unit] * copies), encoding="utf-8")
    path.with_suffix(".json").write_text(json.dumps({"id": "big", "published": "2023-08-14", "language": "en", "outlet": "RT"}))
    assert nl.load_article(path).language == "en"
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="size of the one large article")
    parser.add_argument("--n", type=int, default=10_000, help="articles in the large corpus")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes for the large article (0 = one per core)")
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    from corpus_scale import generate_corpus

    report = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        article = big_article(tmp / "big", args.mb)
        size = article.stat().st_size / 1024 / 1024
        report["big_article"] = {"mb": size, **run([str(article)], tmp / "out-big", args.jobs)}
        corpus = generate_corpus(tmp / "corpus", args.n)
        report["corpus"] = {"articles": len(corpus), **run([str(tmp / "corpus")], tmp / "out-corpus", 0)}
    b, c = report["big_article"], report["corpus"]
    print(f"one article of {b['mb']:.1f} MB: {b['wall_s']:.0f} s, rows {b['rows']}, peak {b['peak_mib']:.0f} MiB "
          f"(largest worker {b['worker_peak_mib']:.0f} MiB)")
    print(f"{c['articles']:,} articles, all cores: {c['wall_s']:.0f} s ({1000 * c['wall_s'] / c['articles']:.1f} ms/article), "
          f"errors {c['errors']}, peak {c['peak_mib']:.0f} MiB (largest worker {c['worker_peak_mib']:.0f} MiB)")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
