"""Benchmark: how long the explorer takes to update after each kind of filter change.

Builds ``nl.explore(bundled article)`` and, for each change (actor, issue, date range, assumed
publication date, tab switch, row select, furniture toggle, and switching the article in a
two-article corpus), sets the widget's value back and forth and times the set: observers run
synchronously in Python, so the set returns when the update is done. Each figure is the median
of ``--repeat`` sets, after one untimed warm-up in each direction. Three figures per change:

- ready: until the table, the rows list and the evidence pane are updated (``Explorer.timings``);
- warm: the whole update, with the explorer's caches as a user would have them (a plot already
  drawn for the same rows is not redrawn);
- cold: the whole update with the plot and events caches emptied before each set, so the
  visible plot is drawn and saved as PNG every time.

The target is an update under 100 ms. Run with::

    MPLBACKEND=Agg .venv/bin/python benchmarks/explorer_latency.py [--repeat 20] [--json out/latency.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

import nigerlens as nl  # noqa: E402
from nigerlens.explorers.explorer import Explorer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
STANDBY = ROOT / "tests" / "fixtures" / "dev" / "wire-20230811-ecowas-standby.txt"
TARGET_MS = 100.0
TABS = {"deployments": 0, "bases": 1, "events": 2, "quotes": 3, "positions": 4, "article": 5}


def scenarios(bundled):
    """(name, explorer, tab, widget getter, attribute, value A, value B) for each change."""
    x = Explorer(bundled)
    issue = dict(x.filters["issue"].options)["A military intervention in Niger"]
    corpus = Explorer(nl.Corpus([bundled, nl.load_article(STANDBY)]))
    return [
        ("actor", x, "deployments", lambda: x.filters["actor"], "value", (), ("France",)),
        ("issue", x, "positions", lambda: x.filters["issue"], "value", (), (issue,)),
        ("date range", x, "events", lambda: x.filters["dates"], "value",
         ("2023-07-21", "2023-08-14"), ("2023-08-07", "2023-08-14")),
        ("published date", x, "events", lambda: x.filters["published"], "value",
         dt.date(2023, 8, 14), dt.date(2023, 8, 21)),
        ("tab switch", x, None, lambda: x.tabs, "selected_index", TABS["deployments"], TABS["events"]),
        ("row select", x, "quotes", lambda: x.rows, "value", 0, 1),
        ("furniture toggle", x, "article", lambda: x.furniture, "value", False, True),
        ("article switch", corpus, "deployments", lambda: corpus.filters["article"], "value", 0, 1),
    ]


def clear_caches(x: Explorer) -> None:
    """Forget every drawn plot and every re-resolved events table (not the article's own)."""
    x._png.clear()
    x._shown.clear()
    own = {(a.id, a.published.isoformat() if a.published else None) for a in x.articles}
    for key in [k for k in x._events if k not in own]:
        del x._events[key]


def measure(x, tab, widget, attr, a, b, *, repeat: int, cold: bool) -> tuple[list[float], list[float]]:
    """Times (ms) of setting ``attr`` alternately to b and a; and the explorer's ``ready`` times."""
    for key in ("actor", "issue"):
        if key in x.filters:
            x.filters[key].value = ()
    if "dates" in x.filters:
        x.filters["dates"].index = (0, len(x.filters["dates"].options) - 1)
    if tab is not None:
        x.tabs.selected_index = TABS[tab]
    setattr(widget(), attr, a)
    for value in (b, a):  # warm-up: imports, first draws
        setattr(widget(), attr, value)
    totals, ready = [], []
    for i in range(repeat):
        value = b if i % 2 == 0 else a
        if cold:
            clear_caches(x)
        x.timings = {}
        t0 = time.perf_counter()
        setattr(widget(), attr, value)
        totals.append((time.perf_counter() - t0) * 1e3)
        ready.append(x.timings.get("ready", totals[-1]))
        if x.last_error is not None:
            raise SystemExit(f"the explorer reported an error: {x.last_error!r}")
    return totals, ready


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed sets per change (default 20)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    args = parser.parse_args(argv)

    bundled = nl.load_article(nl.BUNDLED_ARTICLE)
    t0 = time.perf_counter()
    Explorer(bundled)
    build_ms = (time.perf_counter() - t0) * 1e3
    results = {}
    for name, x, tab, widget, attr, a, b in scenarios(bundled):
        warm, ready = measure(x, tab, widget, attr, a, b, repeat=args.repeat, cold=False)
        cold, _ = measure(x, tab, widget, attr, a, b, repeat=args.repeat, cold=True)
        results[name] = {
            "ready_ms": statistics.median(ready),
            "warm_ms": statistics.median(warm),
            "cold_ms": statistics.median(cold),
        }

    print(f"Explorer latency on {nl.BUNDLED_ARTICLE.name}: median of {args.repeat} sets "
          f"(building the explorer: {build_ms:.0f} ms, once)\n")
    header = f"{'change':<18} {'ready ms':>9} {'warm ms':>9} {'cold ms':>9}   under {TARGET_MS:.0f} ms (ready / warm / cold)"
    print(header)
    print("-" * len(header))
    for name, r in results.items():
        ok = " / ".join("yes" if r[k] < TARGET_MS else "NO" for k in ("ready_ms", "warm_ms", "cold_ms"))
        print(f"{name:<18} {r['ready_ms']:>9.1f} {r['warm_ms']:>9.1f} {r['cold_ms']:>9.1f}   {ok}")
    print("\nready: table, rows and evidence updated; warm: whole update, caches as in use;"
          "\ncold: whole update, plot and events caches emptied first (the visible plot is redrawn).")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"build_ms": build_ms, "repeat": args.repeat,
                                         "target_ms": TARGET_MS, "changes": results}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
