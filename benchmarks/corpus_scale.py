"""Benchmark: nigerlens on a corpus of generated articles, from import to Dask.

Generates ``--n`` articles (default 1,000) by recombining the paragraphs of the bundled article
and the four dev articles (a lead paragraph from one, five to twelve body paragraphs drawn from
all of them, a new id, outlet and publication date in a JSON sidecar), then prints side by side:

- ``import nigerlens``: median of 5 fresh interpreters (target < 0.5 s);
- the bundled article fully tabulated (``nl.tabulate``) warm: median of 20 (target < 50 ms);
- ``extract()`` with jobs = 1, 2 and all cores: wall time, ms per article, articles per second
  (target: N = 1,000 in < 30 s on two cores);
- ``extract_to`` (streamed CSV, two workers) at N and 2N articles, to show that its peak memory
  does not grow with the corpus;
- ``extract_dask`` on Dask's local scheduler and on a LocalCluster (2 worker processes).

Every run is a fresh Python process, so its peak memory is its own: the peak resident size
(VmHWM in /proc/self/status) of the main process, and ``resource.getrusage(RUSAGE_CHILDREN)
.ru_maxrss`` for the largest worker process (the largest waited-for child, not a sum; pages
shared with the parent at fork count in it). "growth" is the main process's peak minus its
resident size just before the run (libraries imported).
Run with::

    .venv/bin/python benchmarks/corpus_scale.py [--n 1000] [--json out/corpus_scale.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_DIR = ROOT / "tests" / "fixtures" / "dev"
TARGETS = {"import_s": 0.5, "tabulate_ms": 50.0, "thousand_on_two_cores_s": 30.0}


# -- the corpus ---------------------------------------------------------------------------------

def source_articles() -> list:
    """The bundled article and the dev articles, loaded (web pages as their main text)."""
    import nigerlens as nl

    dev = sorted(p for p in DEV_DIR.iterdir() if p.suffix in {".txt", ".html"})
    return [nl.load_article(p) for p in (Path(nl.BUNDLED_ARTICLE), *dev)]


def generate_corpus(folder: Path, n: int, *, seed: int = 2023, start: int = 0) -> list[Path]:
    """Write ``n`` recombined articles (``.txt`` and ``.json`` sidecar) into ``folder``."""
    rng = random.Random(seed + start)
    sources = source_articles()
    paragraphs = [[p for p in re.split(r"\n\s*\n", a.text) if p.strip()] for a in sources]
    body = [p for paras in paragraphs for p in paras[1:]]
    outlets = sorted({a.outlet for a in sources if a.outlet})
    first_day, days = date(2023, 7, 26), (date(2024, 6, 30) - date(2023, 7, 26)).days
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(start, start + n):
        lead = rng.choice(paragraphs)[0]
        text = "\n\n".join([lead, *rng.sample(body, rng.randint(5, 12))]) + "\n"
        meta = {
            "id": f"gen-{i:06d}",
            "title": lead if len(lead) < 120 else lead[:80].rsplit(" ", 1)[0],
            "outlet": rng.choice(outlets),
            "url": None,
            "published": (first_day + timedelta(days=rng.randrange(days))).isoformat(),
            "language": "en",
        }
        path = folder / f"gen-{i:06d}.txt"
        path.write_text(text, encoding="utf-8")
        path.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
        written.append(path)
    return written


# -- measurements in this process ---------------------------------------------------------------

def import_seconds(repeat: int = 5) -> tuple[float, bool]:
    """Median seconds of ``import nigerlens`` in fresh interpreters, and whether pandas came with it."""
    code = "import sys, time; t = time.perf_counter(); import nigerlens; print(time.perf_counter() - t, 'pandas' in sys.modules)"
    times, pandas_loaded = [], False
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        times.append(float(out[0]))
        pandas_loaded |= out[1] == "True"
    return statistics.median(times), pandas_loaded


def tabulate_ms(repeat: int = 20) -> tuple[float, float]:
    """Median wall and CPU ms of ``nl.tabulate`` on the loaded bundled article, after one
    warm-up run (CPU time is the steadier figure on a busy machine)."""
    import nigerlens as nl

    article = nl.load_article(nl.BUNDLED_ARTICLE)
    nl.tabulate(article)
    wall, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        nl.tabulate(article)
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


# -- one run in a fresh process ------------------------------------------------------------------

def measure(spec: dict) -> dict:
    """Run one extraction as ``spec`` says (in this fresh process) and return its figures."""
    import resource

    import pandas  # noqa: F401 - imported before the baseline, as every mode needs it

    from nigerlens.corpus.dask import extract_dask
    from nigerlens.corpus.extract import extract
    from nigerlens.corpus.stream import extract_to

    paths, out, mode, jobs = spec["paths"], spec["out"], spec["mode"], spec["jobs"]
    baseline = proc_status_mib("VmRSS")
    times = os.times()
    started = extra = None
    if mode == "extract":
        started = time.perf_counter()
        tables = extract(paths, jobs=jobs, progress=False)
        rows = sum(map(len, tables.values()))
    elif mode == "extract_to":
        started = time.perf_counter()
        rows = sum(extract_to(paths, out, format="csv", jobs=jobs, chunk_size=spec["chunk_size"], progress=False)["counts"].values())
    elif mode == "dask-local":
        started = time.perf_counter()
        rows = sum(extract_dask(paths, out)["counts"].values())
    else:  # dask-cluster
        from distributed import LocalCluster

        t = time.perf_counter()
        with LocalCluster(n_workers=jobs, threads_per_worker=1, host="127.0.0.1", dashboard_address=None, processes=True) as cluster:
            extra = time.perf_counter() - t
            started = time.perf_counter()
            rows = sum(extract_dask(paths, out, scheduler=cluster.scheduler_address)["counts"].values())
            wall = time.perf_counter() - started
        started = None
    if started is not None:
        wall = time.perf_counter() - started
    after = os.times()
    cpu = sum(after[:4]) - sum(times[:4])  # user + system, this process and its waited-for children
    # VmHWM, not RUSAGE_SELF: Linux carries the parent's peak over fork + exec into ru_maxrss
    self_peak = proc_status_mib("VmHWM")
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"wall_s": wall, "cpu_s": cpu, "rows": rows, "peak_mib": self_peak, "growth_mib": self_peak - baseline,
            "worker_peak_mib": child_peak or None, "cluster_start_s": extra}


def proc_status_mib(field: str) -> float:
    """A memory figure of this process from /proc/self/status (VmRSS: now, VmHWM: peak), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_fresh(spec: dict) -> dict:
    """``measure(spec)`` in a new interpreter; its last stdout line is the JSON result."""
    proc = subprocess.run([sys.executable, __file__, "--measure", json.dumps(spec)], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"run {spec['label']} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- the whole benchmark -------------------------------------------------------------------------

def run(n: int, chunk_size: int) -> dict:
    cores = os.cpu_count() or 1
    report = {"n": n, "cores": cores, "python": sys.version.split()[0], "runs": []}
    report["import_s"], report["import_loads_pandas"] = import_seconds()
    report["tabulate_ms"], report["tabulate_cpu_ms"] = tabulate_ms()
    report["load_average"] = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="nigerlens-bench-") as tmp:
        tmp = Path(tmp)
        first = generate_corpus(tmp / "corpus" / "a", n)
        generate_corpus(tmp / "corpus" / "b", n, start=n)
        report["mean_chars"] = statistics.mean(len(p.read_text(encoding="utf-8")) for p in first)
        one, two = [str(tmp / "corpus" / "a")], [str(tmp / "corpus" / "a"), str(tmp / "corpus" / "b")]
        plan = [(f"extract() jobs={j}" + (" (all cores)" if j == cores else ""), "extract", one, j) for j in sorted({1, 2, cores})]
        plan += [
            ("extract_to csv, N", "extract_to", one, min(2, cores)),
            ("extract_to csv, 2N", "extract_to", two, min(2, cores)),
            ("extract_dask local", "dask-local", one, cores),
            ("extract_dask LocalCluster", "dask-cluster", one, min(2, cores)),
        ]
        for i, (label, mode, paths, jobs) in enumerate(plan):
            print(f"  running {label} ...", file=sys.stderr, flush=True)
            spec = {"label": label, "mode": mode, "paths": paths, "jobs": jobs, "chunk_size": chunk_size, "out": str(tmp / f"out-{i}")}
            result = run_fresh(spec)
            articles = n * len(paths)
            result.update(label=label, mode=mode, jobs=jobs, articles=articles,
                          ms_per_article=result["wall_s"] / articles * 1000, articles_per_s=articles / result["wall_s"])
            report["runs"].append(result)
    return report


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def print_report(r: dict) -> None:
    print(f"nigerlens corpus benchmark: {r['n']:,} generated articles (mean {r['mean_chars']:,.0f} chars), "
          f"{r['cores']} cores, Python {r['python']}")
    print()
    print(f"{'measure':<40}{'value':>12}  {'target':>10}")
    print(f"{'import nigerlens (median of 5)':<40}{r['import_s'] * 1000:>9.0f} ms  {'< 500 ms':>10}  "
          f"{verdict(r['import_s'] < TARGETS['import_s'])}" + ("  (pandas imported!)" if r["import_loads_pandas"] else ""))
    print(f"{'bundled article tabulated, warm (med 20)':<40}{r['tabulate_ms']:>9.1f} ms  {'< 50 ms':>10}  "
          f"{verdict(r['tabulate_ms'] < TARGETS['tabulate_ms'])}  (CPU {r['tabulate_cpu_ms']:.1f} ms)")
    two = next((x for x in r["runs"] if x["mode"] == "extract" and x["jobs"] == 2), None)
    if two:
        per_thousand = two["wall_s"] / two["articles"] * 1000
        print(f"{'1,000 articles, extract() on 2 cores':<40}{per_thousand:>10.1f} s  {'< 30 s':>10}  "
              f"{verdict(per_thousand < TARGETS['thousand_on_two_cores_s'])}")
    print()
    head = f"{'run':<28}{'jobs':>5}{'articles':>9}{'wall s':>9}{'ms/art':>8}{'art/s':>8}{'CPU s':>8}{'peak MiB':>10}{'growth':>8}{'worker':>8}"
    print(head)
    print("-" * len(head))
    for x in r["runs"]:
        worker = f"{x['worker_peak_mib']:.0f}" if x["worker_peak_mib"] else "-"
        print(f"{x['label']:<28}{x['jobs']:>5}{x['articles']:>9,}{x['wall_s']:>9.1f}{x['ms_per_article']:>8.1f}"
              f"{x['articles_per_s']:>8.1f}{x['cpu_s']:>8.1f}{x['peak_mib']:>10.0f}{x['growth_mib']:>8.0f}{worker:>8}")
    cluster = next((x for x in r["runs"] if x["mode"] == "dask-cluster"), None)
    print()
    print("CPU s: user + system time of the main process and its waited-for worker processes (not")
    print("the LocalCluster's workers). peak MiB: the main process's peak resident size (VmHWM); growth:")
    print("that peak minus its resident size just before the run; worker: the largest worker process")
    print("(RUSAGE_CHILDREN; '-' where workers are not this process's children).")
    print(f"load average (1 min) at the start: {r['load_average']:.2f} on {r['cores']} cores")
    if cluster:
        print(f"LocalCluster start-up ({cluster['jobs']} workers): {cluster['cluster_start_s']:.1f} s, not in its wall time.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles to generate (default 1000; the streamed run also does 2N)")
    parser.add_argument("--chunk-size", type=int, default=200, help="extract_to chunk size (default 200)")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: one run in a fresh process
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(json.loads(args.measure))))
        return
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        sys.exit("dask is missing: pip install -e '.[dask]'")
    report = run(args.n, args.chunk_size)
    print_report(report)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
