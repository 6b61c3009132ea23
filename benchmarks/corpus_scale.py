"""Benchmark: nigerlens on a corpus of generated articles, from import to Dask.

Generates ``--articles N`` articles (default 1,000) by recombining the paragraphs of the bundled
article and the four dev articles (a lead paragraph from one, five to twelve body paragraphs
drawn from all of them, a new id, outlet and publication date in a JSON sidecar), then runs the
modes named by ``--runs`` (default: all of them), each on its own if asked:

- ``import``: ``import nigerlens`` in 5 fresh interpreters (target: under 20 ms);
- ``tabulate``: the bundled article loaded and fully tabulated (``nl.load_article`` +
  ``nl.tabulate``), warm (after one untimed call, so the per-sentence caches hold this
  article's sentences), 20 calls in one fresh process; CPU ms is the figure the target
  states (target: at most 20 ms CPU);
- ``jobs1``, ``jobs2`` (any ``jobsK``): ``nl.extract(paths, jobs=K)``, every table in memory;
- ``dask``: ``nl.extract_dask(paths, out)`` on Dask's local process pool (one worker per core);
- ``cluster``: ``nl.extract_dask`` on a dask.distributed ``LocalCluster`` of 2 worker processes
  (its start-up is timed apart, not in the run's wall time);
- ``stream``: ``nl.extract_to(paths, out, format="csv", jobs=2)`` at N *and* at 2N articles,
  to see whether its peak memory grows with the corpus.

Every corpus run is a fresh Python process (so its memory figures are its own), and the corpus
runs are alternated round-robin over ``--repeat K`` rounds (jobs1, jobs2, dask, ..., jobs1,
jobs2, dask, ...) so that drift in the machine's load does not bias one mode against another.
Medians are printed with the spread (min-max over the rounds).

What the figures are:

- **wall s**: elapsed time of the call (``time.perf_counter``); **art/s** = articles / wall s.
- **CPU s**: user + system time of the main process (``time.process_time``) plus that of its
  worker processes (``os.times()`` children fields: the waited-for worker processes, which
  ``nl.extract``, ``nl.extract_to`` and Dask's local pool all shut down and wait for before they
  return). For ``cluster`` the workers are asked for their own CPU time before and after the run
  (``Client.run``), as the cluster outlives the call. **CPU ms/art** = CPU s / articles: what a
  mode costs the machine per article, however many cores it uses. **cores busy** = CPU s / wall s:
  for two workers well under 2 means they waited, for the main process or for other work on the
  machine (a 2-core machine shared with other jobs starves ``jobs=2`` far more than ``jobs=1``, so
  look at it before trusting a speed-up; the per-run load average is in the JSON).
- **peak MiB**: the main process's peak resident size (``VmHWM`` in /proc/self/status; not
  ``ru_maxrss``, which Linux carries over from the parent across fork and exec); **growth**: that
  peak minus the resident size just before the call (libraries imported); **worker MiB**: the
  largest worker's peak (``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``; a maximum, not a
  sum; pages shared with the parent at fork count in it).

Targets (issue 17), and when a verdict (met / MISSED) is printed:

- ``jobs=2`` >= 1.8x ``jobs=1`` and Dask local >= 1.8x ``jobs=1`` "on 1,000 articles": read as
  throughput, articles per *wall* second, on a 2-core machine. The literal "articles per
  CPU-second" ratio cannot exceed 1x (parallel workers never lower the CPU spent per article), so
  it is printed as the CPU cost ratio beside the throughput ratio, not judged. The ratio is the
  median of the per-round ratios (each round runs the two modes one after the other), with
  their min-max. A verdict only when N is 1,000; at any other N the figure is printed with
  "(target is stated at 1,000 articles; no verdict)".
- 1,000 articles with ``extract(jobs=2)`` in under 30 s (an earlier target): the same rule, the
  median wall time of the ``jobs2`` runs measured at N = 1,000, never a per-article figure
  multiplied up.
- ``extract_to`` peak memory flat: the median peak resident size at 2N measured against that at
  N; flat = at most 10 % higher. A verdict only when N is at least ``--chunk-size`` (at smaller N
  both runs fit in one or two chunks and say nothing about a long corpus).
- ``import nigerlens`` under 20 ms and load + tabulate at most 20 ms CPU: no corpus size, always
  judged.

Run with::

    .venv/bin/python benchmarks/corpus_scale.py [--articles 1000] [--repeat 3]
        [--runs import,tabulate,jobs1,jobs2,dask,cluster,stream] [--json out/corpus_scale.json]
    .venv/bin/python benchmarks/corpus_scale.py --articles 20 --repeat 1 --runs jobs1   # seconds
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_DIR = ROOT / "tests" / "fixtures" / "dev"
CORPUS_MODES = ("jobs1", "jobs2", "dask", "cluster", "stream")
ALL_MODES = ("import", "tabulate", *CORPUS_MODES)
STATED_AT = 1000  # the corpus size the throughput targets are stated at
TARGETS = {
    "import_ms": 20.0,  # import nigerlens, under
    "tabulate_cpu_ms": 20.0,  # bundled load + tabulate, CPU, at most
    "speedup": 1.8,  # jobs=2 and Dask local against jobs=1, articles per wall second, at least
    "thousand_s": 30.0,  # 1,000 articles with extract(jobs=2), wall seconds, under
    "flat": 1.10,  # extract_to peak at 2N against N, at most
}
NO_VERDICT = f"(target is stated at {STATED_AT:,} articles; no verdict)"


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


# -- statistics ---------------------------------------------------------------------------------

def summary(values: list[float]) -> dict:
    """Median, min and max of ``values`` (and how many)."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def num(x: float) -> str:
    """Seconds to three significant figures or so: 0.53, 9.87, 15.6."""
    return f"{x:.2f}" if abs(x) < 10 else f"{x:.1f}"


def spread(s: dict, fmt="{:.1f}", unit: str = "") -> str:
    """``median<unit> (min-max)``, or just the value for one sample; ``fmt`` a format string or a function."""
    show = fmt if callable(fmt) else fmt.format
    if s["n"] == 1:
        return show(s["median"]) + unit
    return f"{show(s['median'])}{unit} ({show(s['min'])}-{show(s['max'])})"


# -- measurements in fresh processes ------------------------------------------------------------

def import_samples(repeat: int = 5) -> tuple[list[float], bool]:
    """Seconds of ``import nigerlens`` in ``repeat`` fresh interpreters, and whether pandas came with it."""
    code = "import sys, time; t = time.perf_counter(); import nigerlens; print(time.perf_counter() - t, 'pandas' in sys.modules)"
    times, pandas_loaded = [], False
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        times.append(float(out[0]))
        pandas_loaded |= out[1] == "True"
    return times, pandas_loaded


def measure_tabulate(repeat: int) -> dict:
    """Wall and CPU seconds of ``nl.tabulate(nl.load_article(bundled))``, ``repeat`` calls after
    an untimed one (in this fresh process); also of ``nl.tabulate`` alone on the loaded article."""
    import nigerlens as nl

    nl.tabulate(nl.load_article(nl.BUNDLED_ARTICLE))
    wall, cpu, alone = [], [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        article = nl.load_article(nl.BUNDLED_ARTICLE)
        nl.tabulate(article)
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        c = time.process_time()
        nl.tabulate(article)
        alone.append(time.process_time() - c)
    return {"wall_s": wall, "cpu_s": cpu, "tabulate_only_cpu_s": alone}


def measure(spec: dict) -> dict:
    """Run one extraction as ``spec`` says (in this fresh process) and return its figures."""
    import resource

    import pandas  # noqa: F401 - imported before the baseline, as every mode needs it

    import nigerlens as nl

    if spec["mode"] == "tabulate":
        return measure_tabulate(spec["repeat"])
    if spec["mode"] in ("dask", "cluster"):
        import dask.bag  # noqa: F401 - libraries imported before the baseline, as for the other modes
        import dask.multiprocessing  # noqa: F401
        import pyarrow.parquet  # noqa: F401

    paths, out, mode, jobs = spec["paths"], spec["out"], spec["mode"], spec["jobs"]
    baseline = proc_status_mib("VmRSS")
    before, cpu0 = os.times(), time.process_time()
    cluster_start = worker_cpu = None
    if mode == "extract":
        started = time.perf_counter()
        result = nl.extract(paths, jobs=jobs, progress=False)
        wall = time.perf_counter() - started
        rows = sum(len(df) for name, df in result.items() if name != "errors")
        errors = len(result.get("errors", ()))
    elif mode == "stream":
        started = time.perf_counter()
        result = nl.extract_to(paths, out, format="csv", jobs=jobs, chunk_size=spec["chunk_size"], progress=False)
        wall = time.perf_counter() - started
        rows, errors = sum(result["counts"].values()) - result["counts"].get("errors", 0), len(result["errors"])
    elif mode == "dask":
        started = time.perf_counter()
        result = nl.extract_dask(paths, out)
        wall = time.perf_counter() - started
        rows, errors = sum(result["counts"].values()) - result["counts"].get("errors", 0), len(result["errors"])
    else:  # cluster
        from distributed import Client, LocalCluster

        t = time.perf_counter()
        with LocalCluster(n_workers=jobs, threads_per_worker=1, host="127.0.0.1", dashboard_address=None, processes=True) as cluster, \
                Client(cluster, set_as_default=False) as client:
            cluster_start = time.perf_counter() - t

            def worker_seconds() -> float:  # run in each worker: its own user + system CPU
                import os

                return sum(os.times()[:2])

            cpu_before = client.run(worker_seconds)
            started = time.perf_counter()
            result = nl.extract_dask(paths, out, scheduler=cluster.scheduler_address)
            wall = time.perf_counter() - started
            cpu_after = client.run(worker_seconds)
            worker_cpu = sum(cpu_after[w] - cpu_before.get(w, 0.0) for w in cpu_after)
        rows, errors = sum(result["counts"].values()) - result["counts"].get("errors", 0), len(result["errors"])
    after, cpu1 = os.times(), time.process_time()
    main_cpu = cpu1 - cpu0
    children_cpu = (after[2] + after[3]) - (before[2] + before[3])
    if worker_cpu is None:
        worker_cpu = children_cpu
    # VmHWM, not RUSAGE_SELF: Linux carries the parent's peak over fork + exec into ru_maxrss
    self_peak = proc_status_mib("VmHWM")
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"wall_s": wall, "main_cpu_s": main_cpu, "worker_cpu_s": worker_cpu, "cpu_s": main_cpu + worker_cpu,
            "children_cpu_s": children_cpu, "rows": rows, "errors": errors, "peak_mib": self_peak, "growth_mib": self_peak - baseline,
            "worker_peak_mib": child_peak or None, "cluster_start_s": cluster_start}


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

def parse_runs(text: str) -> list[str]:
    """The modes of ``--runs``, in the order given, each once; ``jobsK`` for any K >= 1."""
    modes = []
    for name in (m.strip() for m in text.split(",")):
        if not name:
            continue
        if name == "all":
            modes.extend(ALL_MODES)
        elif name in ALL_MODES or re.fullmatch(r"jobs[1-9][0-9]*", name):
            modes.append(name)
        else:
            raise argparse.ArgumentTypeError(f"unknown run {name!r} (choose from {', '.join(ALL_MODES)}, jobsK, all)")
    return list(dict.fromkeys(modes))


def plan_round(modes: list[str], one: list[str], two: list[str], cores: int) -> list[dict]:
    """The corpus runs of one round, in order: ``stream`` is two runs (N, then 2N)."""
    plan = []
    for mode in modes:
        if mode.startswith("jobs"):
            k = int(mode[4:])
            plan.append({"key": mode, "label": f"extract() jobs={k}", "mode": "extract", "paths": one, "jobs": k})
        elif mode == "dask":
            plan.append({"key": "dask", "label": "extract_dask local", "mode": "dask", "paths": one, "jobs": cores})
        elif mode == "cluster":
            plan.append({"key": "cluster", "label": "extract_dask LocalCluster", "mode": "cluster", "paths": one, "jobs": 2})
        elif mode == "stream":
            plan.append({"key": "stream_n", "label": "extract_to csv, N", "mode": "stream", "paths": one, "jobs": 2})
            plan.append({"key": "stream_2n", "label": "extract_to csv, 2N", "mode": "stream", "paths": two, "jobs": 2})
    return plan


def run(n: int, modes: list[str], repeat: int, chunk_size: int) -> dict:
    cores = os.cpu_count() or 1
    report = {"articles": n, "repeat": repeat, "runs_asked": modes, "chunk_size": chunk_size, "cores": cores,
              "python": sys.version.split()[0], "load_average_start": os.getloadavg()[0], "modes": {}, "samples": []}
    if "import" in modes:
        print("  import nigerlens x 5 ...", file=sys.stderr, flush=True)
        times, pandas_loaded = import_samples()
        report["import"] = {"s": times, "summary_ms": summary([t * 1000 for t in times]), "loads_pandas": pandas_loaded}
    if "tabulate" in modes:
        print("  load + tabulate x 20 ...", file=sys.stderr, flush=True)
        tab = run_fresh({"label": "tabulate", "mode": "tabulate", "repeat": 20})
        report["tabulate"] = {**tab, "cpu_ms": summary([c * 1000 for c in tab["cpu_s"]]),
                              "wall_ms": summary([w * 1000 for w in tab["wall_s"]]),
                              "tabulate_only_cpu_ms": summary([c * 1000 for c in tab["tabulate_only_cpu_s"]])}
    corpus_modes = [m for m in modes if m not in ("import", "tabulate")]
    if corpus_modes:
        with tempfile.TemporaryDirectory(prefix="nigerlens-bench-") as tmp:
            tmp = Path(tmp)
            first = generate_corpus(tmp / "corpus" / "a", n)
            if "stream" in corpus_modes:
                generate_corpus(tmp / "corpus" / "b", n, start=n)
            report["mean_chars"] = statistics.mean(len(p.read_text(encoding="utf-8")) for p in first)
            one, two = [str(tmp / "corpus" / "a")], [str(tmp / "corpus" / "a"), str(tmp / "corpus" / "b")]
            plan = plan_round(corpus_modes, one, two, cores)
            for r in range(repeat):
                for step in plan:
                    print(f"  round {r + 1}/{repeat}: {step['label']} ...", file=sys.stderr, flush=True)
                    spec = {**step, "chunk_size": chunk_size, "out": str(tmp / f"out-{r}-{step['key']}")}
                    load = os.getloadavg()[0]
                    result = run_fresh(spec)
                    result["load_average_before"] = load
                    shutil.rmtree(spec["out"], ignore_errors=True)
                    articles = n * len(step["paths"])
                    result.update(key=step["key"], label=step["label"], jobs=step["jobs"], round=r + 1, articles=articles)
                    report["samples"].append(result)
        for step in plan:
            runs = [s for s in report["samples"] if s["key"] == step["key"]]
            articles = runs[0]["articles"]
            report["modes"][step["key"]] = {
                "label": step["label"], "jobs": step["jobs"], "articles": articles, "rows": runs[0]["rows"], "errors": runs[0]["errors"],
                "wall_s": summary([s["wall_s"] for s in runs]),
                "articles_per_s": summary([articles / s["wall_s"] for s in runs]),
                "cpu_s": summary([s["cpu_s"] for s in runs]),
                "main_cpu_s": summary([s["main_cpu_s"] for s in runs]),
                "worker_cpu_s": summary([s["worker_cpu_s"] for s in runs]),
                "cpu_ms_per_article": summary([s["cpu_s"] / articles * 1000 for s in runs]),
                "cores_busy": summary([s["cpu_s"] / s["wall_s"] for s in runs]),
                "peak_mib": summary([s["peak_mib"] for s in runs]),
                "growth_mib": summary([s["growth_mib"] for s in runs]),
                "worker_peak_mib": summary([s["worker_peak_mib"] for s in runs]) if runs[0]["worker_peak_mib"] else None,
                "cluster_start_s": summary([s["cluster_start_s"] for s in runs]) if runs[0]["cluster_start_s"] is not None else None,
            }
    report["load_average_end"] = os.getloadavg()[0]
    report["verdicts"] = verdicts(report)
    return report


def paired(report: dict, key: str, base: str, field: str) -> dict | None:
    """Per round, ``field`` of mode ``key`` over that of mode ``base``: a summary of the ratios."""
    by_round = {}
    for s in report["samples"]:
        by_round.setdefault(s["round"], {})[s["key"]] = s
    ratios = [r[key][field] / r[base][field] for r in by_round.values() if key in r and base in r]
    return summary(ratios) if ratios else None


def verdicts(report: dict) -> list[dict]:
    """One line per target that this run measured: the figure, and met / MISSED when the run
    measured it at the size the target states (``verdict`` None otherwise, with the reason)."""
    lines = []
    n, modes = report["articles"], report["modes"]
    at_size = n == STATED_AT
    if "import" in report:
        s = report["import"]["summary_ms"]
        lines.append({"target": "import nigerlens < 20 ms", "measured": f"{spread(s)} ms, median of {s['n']} interpreters"
                      + ("; pandas imported!" if report["import"]["loads_pandas"] else ""),
                      "verdict": s["median"] < TARGETS["import_ms"]})
    if "tabulate" in report:
        t = report["tabulate"]
        lines.append({"target": "bundled load + tabulate <= 20 ms CPU, warm",
                      "measured": f"{spread(t['cpu_ms'])} ms CPU, median of {t['cpu_ms']['n']} (wall {t['wall_ms']['median']:.1f} ms; "
                                  f"tabulate alone {t['tabulate_only_cpu_ms']['median']:.1f} ms CPU)",
                      "verdict": t["cpu_ms"]["median"] <= TARGETS["tabulate_cpu_ms"]})
    for key, name in (("jobs2", "extract(jobs=2)"), ("dask", "extract_dask local")):
        if key in modes and "jobs1" in modes:
            speed = paired(report, "jobs1", key, "wall_s")  # jobs1 wall / mode wall = throughput ratio
            cost = paired(report, key, "jobs1", "cpu_s")
            line = {"target": f"{name} >= 1.8x extract(jobs=1) in articles per wall second, on {STATED_AT:,} articles",
                    "measured": f"{spread(speed, '{:.2f}', 'x')} at {n:,} articles, median of {speed['n']} round(s); "
                                f"CPU per article {spread(cost, '{:.2f}', 'x')} that of jobs=1",
                    "verdict": speed["median"] >= TARGETS["speedup"] if at_size else None, "ratio": speed, "cpu_cost_ratio": cost}
            lines.append(line)
    if "jobs2" in modes:
        w = modes["jobs2"]["wall_s"]
        lines.append({"target": f"{STATED_AT:,} articles with extract(jobs=2) < 30 s",
                      "measured": f"{spread(w, num)} s for {n:,} articles", "verdict": w["median"] < TARGETS["thousand_s"] if at_size else None})
    if "stream_n" in modes:
        a, b = modes["stream_n"]["peak_mib"], modes["stream_2n"]["peak_mib"]
        change = b["median"] / a["median"] - 1
        line = {"target": "extract_to peak memory flat (2N at most 10 % above N)",
                "measured": f"{spread(a, '{:.0f}')} MiB at {n:,}, {spread(b, '{:.0f}')} MiB at {2 * n:,} ({change:+.0%})",
                "verdict": b["median"] <= a["median"] * TARGETS["flat"] if n >= report["chunk_size"] else None}
        if n < report["chunk_size"]:
            line["why_none"] = f"(N is under one chunk of {report['chunk_size']} files; no verdict)"
        lines.append(line)
    for line in lines:
        if line["verdict"] is None:
            line.setdefault("why_none", NO_VERDICT)
    return lines


def print_report(r: dict) -> None:
    corpus = f"{r['articles']:,} generated articles (mean {r['mean_chars']:,.0f} chars)" if "mean_chars" in r else "no corpus runs"
    print(f"nigerlens corpus benchmark: {corpus}, {r['cores']} cores, Python {r['python']}")
    print(f"runs: {','.join(r['runs_asked'])}; {r['repeat']} round(s), corpus runs alternated round-robin, each a fresh process")
    print(f"load average (1 min): {r['load_average_start']:.2f} at the start, {r['load_average_end']:.2f} at the end")
    if r["modes"]:
        print()
        print("median (min-max) over the rounds")
        head = (f"{'run':<27}{'jobs':>5}{'articles':>9}  {'wall s':<18}{'art/s':>7}  {'CPU s':<18}{'CPU ms/art':>11}"
                f"{'main+workers CPU s':>20}  cores busy")
        print(head)
        print("-" * len(head))
        for m in r["modes"].values():
            split = f"{num(m['main_cpu_s']['median'])}+{num(m['worker_cpu_s']['median'])}"
            print(f"{m['label']:<27}{m['jobs']:>5}{m['articles']:>9,}  {spread(m['wall_s'], num):<18}{m['articles_per_s']['median']:>7.1f}  "
                  f"{spread(m['cpu_s'], num):<18}{m['cpu_ms_per_article']['median']:>11.1f}{split:>20}  "
                  f"{spread(m['cores_busy'], '{:.2f}')}")
        print()
        head = f"{'run':<27}{'peak MiB':<14}{'growth':>8}{'worker MiB':>12}"
        print(head)
        print("-" * len(head))
        for m in r["modes"].values():
            worker = f"{m['worker_peak_mib']['median']:.0f}" if m["worker_peak_mib"] else "-"
            print(f"{m['label']:<27}{spread(m['peak_mib'], '{:.0f}'):<14}{m['growth_mib']['median']:>8.0f}{worker:>12}")
        same_size = {m["label"]: m["rows"] for m in r["modes"].values() if m["articles"] == r["articles"]}
        if len(set(same_size.values())) == 1:
            print(f"rows (all tables but errors): {next(iter(same_size.values())):,} in every {r['articles']:,}-article run")
        else:
            print(f"rows (all tables but errors) DIFFER between the {r['articles']:,}-article runs: {same_size}")
        errors = {m["label"]: m["errors"] for m in r["modes"].values() if m["errors"]}
        if errors:
            print(f"load errors: {errors}")
        print()
        print("wall s: elapsed time of the call; art/s: articles per wall second. CPU s: user + system")
        print("time of the main process and of its workers (waited-for worker processes; the LocalCluster's")
        print("workers report their own): what the run cost the machine. cores busy: CPU s / wall s; for two")
        print("workers, well under 2 means they waited (for the main process, or for other work on the")
        print("machine, and then the wall times say more about the machine than about the code).")
        print("peak MiB: the main process's peak resident size (VmHWM); growth: that peak minus its resident")
        print("size just before the call; worker MiB: the largest worker process (RUSAGE_CHILDREN; '-' where")
        print("workers are not this process's children).")
        cluster = r["modes"].get("cluster")
        if cluster:
            print(f"LocalCluster start-up ({cluster['jobs']} workers): {spread(cluster['cluster_start_s'])} s, not in its wall time.")
    if r["verdicts"]:
        print()
        print(f"targets (issue 17; speed-ups are throughput, articles per wall second, on {r['cores']} cores; a verdict only")
        print("for a target measured at the size it states)")
        for v in r["verdicts"]:
            verdict = v["why_none"] if v["verdict"] is None else ("met" if v["verdict"] else "MISSED")
            print(f"  {v['target']}")
            print(f"      {v['measured']}  ->  {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", "--n", type=int, default=STATED_AT, metavar="N",
                        help=f"articles to generate (default {STATED_AT}; the throughput targets are judged only at {STATED_AT}; "
                             "'stream' also runs 2N)")
    parser.add_argument("--repeat", type=int, default=3, metavar="K", help="rounds of the corpus runs, alternated round-robin (default 3)")
    parser.add_argument("--runs", type=parse_runs, default=list(ALL_MODES), metavar="LIST",
                        help=f"comma-separated modes, run in this order each round (default all: {','.join(ALL_MODES)}; "
                             "jobsK for extract(jobs=K))")
    parser.add_argument("--chunk-size", type=int, default=200, help="extract_to chunk size (default 200)")
    parser.add_argument("--json", metavar="PATH", help="also write every sample, summary and verdict as JSON")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: one run in a fresh process
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(json.loads(args.measure))))
        return
    if args.articles < 1 or args.repeat < 1:
        parser.error("--articles and --repeat must be at least 1")
    if {"dask", "cluster"} & set(args.runs):
        try:
            import dask  # noqa: F401
            import pyarrow  # noqa: F401
            if "cluster" in args.runs:
                import distributed  # noqa: F401
        except ImportError:
            sys.exit("dask is missing: pip install -e '.[dask]' (or leave dask and cluster out of --runs)")
    report = run(args.articles, args.runs, args.repeat, args.chunk_size)
    print_report(report)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
