"""Benchmark: the nigerlens events table against dateparser's ``search_dates`` and datefinder.

``nigerlens`` is ``nl.events(article)``, the events DataFrame; ``nigerlens-rows`` the same events
as the extractor's records (``event_records``): the difference is the cost of building the
DataFrame. ``nigerlens-dates`` is the dates alone (``dated_expressions``: each expression with its
resolved date or range, without the summary and actors of each event), which is the job the
peers do and what they return (lists of hits).

Every tool reads the same analysed text (``Article.sentences``, page furniture excluded) of the
bundled article, the dev articles and the train texts, anchored on the publication date, and is
scored against the hand-annotated ``events`` of each ``.gold.json`` with
``nigerlens.analysis.evaluate.score_rows`` (distinct facts, as ANNOTATION.md scores):

- strict: key (date, date_end); the peers' single datetimes become days with no end date;
- date-only: the start date alone, so the peers are not penalised for having no ranges.

Timing is honest about what it measures: CPU time (``time.process_time``) and wall time of the
extraction from an already loaded Article, one call per tool in turn (the order rotated each
round, so drift and caches do not favour one tool), ``--repeat`` rounds after one untimed
warm-up; medians and the spread (25th-75th percentile) are printed. Run with::

    .venv/bin/python benchmarks/timeline_peers.py [--repeat 20] [--tools nigerlens,datefinder] [--json out/bench.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import warnings
from datetime import datetime
from datetime import time as clock
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import nigerlens as nl
from nigerlens.analysis.evaluate import Score, gold_path, score_rows
from nigerlens.tables.export import records

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = (ROOT / "tests" / "fixtures" / "dev", ROOT / "tests" / "fixtures" / "train")
# nigerlens-rows: the same events as records, without building the DataFrame that nl.events
# returns; nigerlens-dates: their dates alone, without summaries and actors (what the peers find)
TOOLS = ("nigerlens", "nigerlens-rows", "nigerlens-dates", "dateparser", "datefinder")


def article_paths() -> list[Path]:
    """The bundled article first (its gold is in the repository), then the dev and train texts."""
    found = [p for folder in FOLDERS for p in sorted(folder.iterdir()) if p.suffix in {".txt", ".html"} and gold_path(p).is_file()]
    return [ROOT / "data" / "articles" / Path(nl.BUNDLED_ARTICLE).name, *found]


def gold_events(path: Path) -> list[dict]:
    """The gold events of the article at ``path``, without the rows marked boilerplate."""
    gold = json.loads(gold_path(path).read_text(encoding="utf-8"))
    return [g for g in gold.get("events", []) if not g.get("boilerplate") and g.get("date")]


def anchor(article) -> datetime:
    return datetime.combine(article.published, clock())


# -- each tool: the timed call, and its output as event rows ------------------------------------


def forget() -> None:
    """Empty nigerlens's caches: the date expressions of recent sentences (the deployments and
    events tables both ask for them) and the actors found in recent texts (here the events'
    summaries), so that every timed call reads its article anew."""
    from nigerlens.rules.dates import _expressions
    from nigerlens.rules.gazetteer import default_gazetteer

    _expressions.cache_clear()
    gazetteer = default_gazetteer()
    for g in (gazetteer, *gazetteer._as_of_cache.values()):
        g._mention_cache.clear()


def nigerlens_call(article):
    forget()
    return nl.events(article)


def nigerlens_records_call(article):
    from nigerlens.extractors.events import event_records

    forget()
    return event_records(article)


def nigerlens_dates_call(article):
    from nigerlens.extractors.events import dated_expressions

    forget()
    return list(dated_expressions(article))


def nigerlens_date_rows(found) -> list[dict]:
    return [{"date": r.date.isoformat(), "date_end": r.date_end.isoformat() if r.date_end else None} for _, _, r, _ in found if r.date]


def nigerlens_rows(found) -> list[dict]:
    return [r for r in records(found) if r.get("date")]


def dateparser_call(article):
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": anchor(article), "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    hits = []
    for sent in article.sentences:
        try:
            hits.extend(search_dates(sent.text, languages=["en"], settings=settings) or [])
        except Exception:  # a failure of the peer is "found nothing" in that sentence
            continue
    return hits


def datefinder_call(article):
    import datefinder

    hits = []
    for sent in article.sentences:
        try:
            hits.extend(datefinder.find_dates(sent.text, source=True, base_date=anchor(article)))
        except Exception:  # as above
            continue
    return hits


def peer_rows(found) -> list[dict]:
    """A peer's hits as day rows: dateparser gives (text, datetime), datefinder (datetime, text)."""
    days = (a if isinstance(a, datetime) else b for a, b in found)
    return [{"date": d.date().isoformat(), "date_end": None} for d in days]


CALLS = {"nigerlens": nigerlens_call, "nigerlens-rows": nigerlens_records_call, "nigerlens-dates": nigerlens_dates_call,
         "dateparser": dateparser_call, "datefinder": datefinder_call}
ROWS = {"nigerlens": nigerlens_rows, "nigerlens-rows": nigerlens_rows, "nigerlens-dates": nigerlens_date_rows,
        "dateparser": peer_rows, "datefinder": peer_rows}
PACKAGES = {"nigerlens": "nigerlens", "nigerlens-rows": "nigerlens", "nigerlens-dates": "nigerlens", "dateparser": "dateparser", "datefinder": "datefinder"}
OURS = ("nigerlens", "nigerlens-rows", "nigerlens-dates")


def date_only(rows: list[dict]) -> list[dict]:
    return [{"date": r.get("date")} for r in rows]


def quartiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        v = values[0] if values else float("nan")
        return v, v, v
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], statistics.median(values), q[2]


def run(repeat: int, tools: tuple[str, ...]) -> dict:
    """Scores and timings per tool over every article, as a JSON-ready dict."""
    articles = [(nl.load_article(p), gold_events(p)) for p in article_paths()]
    scores = {t: {"strict": Score("events"), "date_only": Score("events")} for t in tools}
    cpu = {t: [] for t in tools}  # per round: CPU ms over all articles
    wall = {t: [] for t in tools}
    caught: dict[str, int] = {}
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        for tool in tools:  # scores, and the untimed warm-up
            for article, gold in articles:
                rows = ROWS[tool](CALLS[tool](article))
                scores[tool]["strict"] += score_rows("events", gold, rows)
                scores[tool]["date_only"] += score_rows("events", date_only(gold), date_only(rows))
        for round_ in range(repeat):
            order = tools[round_ % len(tools):] + tools[: round_ % len(tools)]
            for tool in order:
                c0, w0 = time.process_time(), time.perf_counter()
                for article, _ in articles:
                    CALLS[tool](article)
                cpu[tool].append((time.process_time() - c0) * 1e3 / len(articles))
                wall[tool].append((time.perf_counter() - w0) * 1e3 / len(articles))
    for w in seen:
        key = f"{w.category.__name__}: {str(w.message)[:120]}"
        caught[key] = caught.get(key, 0) + 1
    out = {"articles": len(articles), "gold_events": sum(len(g) for _, g in articles), "repeat": repeat, "tools": {}}
    for tool in tools:
        s, d = scores[tool]["strict"], scores[tool]["date_only"]
        try:
            v = version(PACKAGES[tool])
        except PackageNotFoundError:
            v = "?"
        out["tools"][tool] = {
            "version": v, "precision": s.precision, "recall": s.recall, "f1": s.f1, "f1_date_only": d.f1,
            "tp": s.true_pos, "fp": s.false_pos, "fn": s.false_neg,
            "cpu_ms_per_article": quartiles(cpu[tool]), "wall_ms_per_article": quartiles(wall[tool]),
        }
    out["warnings"] = caught
    return out


def report(result: dict) -> str:
    lines = [f"{result['articles']} articles, {result['gold_events']} gold events; {result['repeat']} timed rounds, tools alternated",
             "",
             f"{'tool':<14} {'version':<8} {'P':>5} {'R':>5} {'F1':>5} {'F1date':>6}   {'CPU ms/article (q1 median q3)':>30}   {'wall ms':>8}"]
    for tool, t in result["tools"].items():
        q1, med, q3 = t["cpu_ms_per_article"]
        lines.append(f"{tool:<14} {t['version']:<8} {t['precision']:5.2f} {t['recall']:5.2f} {t['f1']:5.2f} {t['f1_date_only']:6.2f}   "
                     f"{q1:9.2f} {med:9.2f} {q3:9.2f}   {t['wall_ms_per_article'][1]:8.2f}")
    lines += ["", "F1 = strict (date, date_end), distinct facts per article; F1date = start date only"]
    tools = result["tools"]
    for ours in (t for t in OURS if t in tools):
        mine = tools[ours]
        for peer in (t for t in tools if t not in OURS):
            other = tools[peer]
            ratio = other["cpu_ms_per_article"][1] / mine["cpu_ms_per_article"][1] if mine["cpu_ms_per_article"][1] else float("inf")
            lines.append(f"{ours} vs {peer}: F1 {mine['f1']:.2f} vs {other['f1']:.2f} ({'ahead' if mine['f1'] > other['f1'] else 'NOT ahead'}); "
                         f"CPU per article {mine['cpu_ms_per_article'][1]:.2f} vs {other['cpu_ms_per_article'][1]:.2f} ms "
                         f"(the peer takes {ratio:.1f}x nigerlens's time)")
    lines.append("warnings during extraction: " + ("; ".join(f"{n} x {m}" for m, n in sorted(result["warnings"].items())) or "none"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, metavar="N", help="timed rounds (default 20)")
    parser.add_argument("--tools", default=",".join(TOOLS), help=f"comma-separated, from {', '.join(TOOLS)} (default all)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the numbers as JSON to PATH")
    args = parser.parse_args(argv)
    tools = tuple(t.strip() for t in args.tools.split(",") if t.strip())
    if args.repeat < 1 or not tools or any(t not in TOOLS for t in tools):
        parser.error(f"--repeat must be at least 1 and --tools a list from {', '.join(TOOLS)}")
    for tool in tools:
        try:
            version(PACKAGES[tool])
        except PackageNotFoundError:
            parser.error(f"{tool} is not installed: pip install -e '.[bench]'")
    result = run(args.repeat, tools)
    print(report(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
