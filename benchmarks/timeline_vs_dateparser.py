"""Benchmark: the nigerlens events table against dateparser's ``search_dates``.

Both tools read the same analysed text (``Article.sentences``, page furniture excluded) of the
bundled article and the four dev articles, anchored on the publication date, and are scored
against the hand-annotated ``events`` of each ``.gold.json``:

- strict: ``nigerlens.analysis.evaluate.score_rows("events", ...)``, key (date, date_end, precision);
  dateparser's single datetimes become day rows with no end date;
- lenient: the start date alone, so dateparser is not penalised for having no ranges.

Time is the median over ``--repeat`` runs of the extraction from an already loaded Article
(``nl.events``; ``search_dates`` over the sentences), after one untimed warm-up run. Run with::

    .venv/bin/python benchmarks/timeline_vs_dateparser.py [--repeat 20] [--json out/bench.json]
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
from importlib.metadata import version
from pathlib import Path

import nigerlens as nl
from nigerlens.analysis.evaluate import Score, gold_path, score_rows
from nigerlens.tables.export import records

try:
    from dateparser.search import search_dates
except ImportError:  # pragma: no cover - the message is the point
    sys.exit("dateparser is missing: pip install -e '.[bench]'")

ROOT = Path(__file__).resolve().parents[1]
DEV_DIR = ROOT / "tests" / "fixtures" / "dev"
TOOLS = ("nigerlens", "dateparser")


def article_paths() -> list[Path]:
    """The bundled article first, then the dev articles in name order."""
    dev = sorted(p for p in DEV_DIR.iterdir() if p.suffix in {".txt", ".html"})
    return [ROOT / "data" / "articles" / Path(nl.BUNDLED_ARTICLE).name, *dev]  # its gold is in the repository


def gold_events(path: Path) -> list[dict]:
    """The gold events of the article at ``path``, without the rows marked boilerplate."""
    gold = json.loads(gold_path(path).read_text(encoding="utf-8"))
    return [g for g in gold.get("events", []) if not g.get("boilerplate")]


def nigerlens_rows(article) -> list[dict]:
    """Event rows from nigerlens, as JSON-ready dicts."""
    return records(nl.events(article))


def dateparser_settings(article) -> dict:
    """dateparser settings anchored on the article's publication date, as nigerlens is."""
    return {
        "RELATIVE_BASE": datetime.combine(article.published, clock()),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }


def dateparser_hits(article) -> tuple[list[tuple[str, str, datetime]], int]:
    """(sentence, expression, datetime) for each date dateparser finds, sentence by sentence,
    and how many sentences made it raise (those count as finding nothing)."""
    settings = dateparser_settings(article)
    hits, errors = [], 0
    for sent in article.sentences:
        try:
            found = search_dates(sent.text, languages=["en"], settings=settings)
        # any failure of the baseline is "no result" for that sentence, not a crash of the run
        except Exception:
            errors += 1
            continue
        hits.extend((sent.text, text, d) for text, d in found or [])
    return hits, errors


def dateparser_rows(article) -> list[dict]:
    """dateparser's hits as event rows: a single day each."""
    hits, _ = dateparser_hits(article)
    return [
        {"date": d.date().isoformat(), "date_end": None, "precision": "day"} for _, _, d in hits
    ]


# rows to score, and the call that is timed: each tool's own output, before it is turned into rows
EXTRACT = {"nigerlens": nigerlens_rows, "dateparser": dateparser_rows}
TIMED = {"nigerlens": nl.events, "dateparser": dateparser_hits}


def date_only(rows: list[dict]) -> list[dict]:
    """``rows`` reduced to their start date, for the lenient score."""
    # score_rows reads missing keys as None, so these rows are compared on the date alone
    return [{"date": r.get("date")} for r in rows]


def credit(gold: list[dict], found: list[dict]) -> list[dict | None]:
    """For each found row, the gold row that strict scoring credits it to (``None``: a false hit).

    Mirrors the matching of ``score_rows`` (found rows in order, each taking the first unused
    gold row with the same key), so the labels add up to its counts.
    """
    keys = ("date", "date_end", "precision")
    unused = list(gold)
    out = []
    for row in found:
        match = next((g for g in unused if all(g.get(k) == row.get(k) for k in keys)), None)
        if match is not None:
            unused.remove(match)
        out.append(match)
    return out


def dateparser_reading(article, gold: list[dict]) -> dict:
    """What dateparser read as dates in ``article``: each hit, its context and its credit."""
    hits, errors = dateparser_hits(article)
    rows = dateparser_rows(article)
    out, searched_from = [], {}
    for (sentence, text, d), match in zip(hits, credit(gold, rows), strict=True):
        # a word found twice in one sentence ("we") is shown at each of its places
        at = sentence.find(text, searched_from.get(sentence, 0))
        searched_from[sentence] = at + len(text) if at >= 0 else 0
        context = sentence[max(0, at - 25) : at + len(text) + 25] if at >= 0 else sentence[:60]
        out.append(
            {
                "expression": text,
                "date": d.date().isoformat(),
                "context": " ".join(context.split()),
                "credited_to": match["expression"] if match else None,
            }
        )
    return {"errors": errors, "hits": out}


def median_ms(extract, article, repeat: int) -> float:
    """Median wall time in ms of ``extract(article)`` over ``repeat`` runs, after one warm-up."""
    extract(article)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        extract(article)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def run(repeat: int) -> dict:
    """Scores, timings, nigerlens's false hits and dateparser's reading of each article, as a
    JSON-ready dict."""
    out = {"dateparser_version": version("dateparser"), "repeat": repeat, "articles": []}
    totals = {
        tool: {"strict": Score("events"), "lenient": Score("events"), "ms": []} for tool in TOOLS
    }
    caught: dict[str, int] = {}
    for path in article_paths():
        article = nl.load_article(path)
        gold = gold_events(path)
        entry = {"id": article.id, "gold": len(gold), "tools": {}}
        for tool in TOOLS:
            with warnings.catch_warnings(record=True) as seen:
                warnings.simplefilter("always")
                found = EXTRACT[tool](article)
                ms = median_ms(TIMED[tool], article, repeat)
            for w in seen:
                key = f"{tool}: {w.category.__name__}: {w.message}"
                caught[key] = caught.get(key, 0) + 1
            strict = score_rows("events", gold, found)
            lenient = score_rows("events", date_only(gold), date_only(found))
            totals[tool]["strict"] += strict
            totals[tool]["lenient"] += lenient
            totals[tool]["ms"].append(ms)
            entry["tools"][tool] = _numbers(strict, lenient, ms)
            if tool == "nigerlens":
                entry["nigerlens_false_hits"] = [
                    {
                        "expression": row["expression"],
                        "date": row["date"],
                        "date_end": row["date_end"],
                        "precision": row["precision"],
                    }
                    for row, match in zip(found, credit(gold, found), strict=True)
                    if match is None
                ]
        entry["dateparser_reading"] = dateparser_reading(article, gold)
        out["articles"].append(entry)
    out["total"] = {
        tool: _numbers(t["strict"], t["lenient"], statistics.mean(t["ms"]))
        for tool, t in totals.items()
    }
    out["warnings"] = caught
    return out


def _numbers(strict: Score, lenient: Score, ms: float) -> dict:
    return {
        "precision": strict.precision,
        "recall": strict.recall,
        "f1": strict.f1,
        "tp": strict.true_pos,
        "fp": strict.false_pos,
        "fn": strict.false_neg,
        "f1_date_only": lenient.f1,
        "ms_per_article": ms,
    }


def report(result: dict) -> str:
    """The side-by-side table, what each tool got wrong, and the verdict."""
    lines = [
        f"nigerlens {nl.__version__} vs dateparser {result['dateparser_version']} "
        f"(search_dates, languages=['en']); median of {result['repeat']} warm runs",
        "",
        f"{'article':<34} {'tool':<10} {'gold':>4} {'tp':>3} {'fp':>3} {'fn':>3} "
        f"{'P':>5} {'R':>5} {'F1':>5} {'F1date':>6} {'ms/art':>8}",
    ]
    rule = "-" * len(lines[-1])
    lines.append(rule)
    rows = [(a["id"], a["gold"], a["tools"]) for a in result["articles"]]
    rows.append(
        (
            "TOTAL (ms: mean per article)",
            sum(a["gold"] for a in result["articles"]),
            result["total"],
        )
    )
    for name, n_gold, tools in rows:
        if name.startswith("TOTAL"):
            lines.append(rule)
        for tool in TOOLS:
            t = tools[tool]
            lines.append(
                f"{name:<34} {tool:<10} {n_gold:>4} {t['tp']:>3} {t['fp']:>3} {t['fn']:>3} "
                f"{t['precision']:>5.2f} {t['recall']:>5.2f} {t['f1']:>5.2f} {t['f1_date_only']:>6.2f} "
                f"{t['ms_per_article']:>8.2f}"
            )
            name = ""
    lines += ["", "F1 = strict (date, date_end, precision); F1date = start date only", ""]

    lines.append("nigerlens's false hits (rows no gold row is left for):")
    for a in result["articles"]:
        for h in a["nigerlens_false_hits"]:
            end = f"..{h['date_end']}" if h["date_end"] else ""
            lines.append(
                f"  {a['id']:<34} {h['expression']!r:<20} -> {h['date']}{end} ({h['precision']})"
            )
    lines.append("")
    lines.append(
        "What dateparser read as dates. Credit is by key alone, as score_rows counts it, so a hit "
        "can be credited to a gold row it is not about."
    )
    for a in result["articles"]:
        reading = a["dateparser_reading"]
        lines.append(f"{a['id']} ({reading['errors']} sentences raised):")
        for h in reading["hits"]:
            credit = f"credited to gold {h['credited_to']!r}" if h["credited_to"] else "false hit"
            lines.append(
                f"  {h['expression']!r:<17} -> {h['date']}  {credit:<42} ...{h['context']}..."
            )
        lines.append("")
    if result["warnings"]:
        lines.append("Warnings raised during extraction:")
        lines += [f"  {n} x {msg}" for msg, n in sorted(result["warnings"].items())]
    else:
        lines.append("Warnings raised during extraction: none")
    lines.append("")

    nlt, dpt = result["total"]["nigerlens"], result["total"]["dateparser"]

    def yes(flag: bool) -> str:
        return "yes" if flag else "no"

    lines.append(
        f"nigerlens ahead on F1: strict {yes(nlt['f1'] > dpt['f1'])} ({nlt['f1']:.2f} vs {dpt['f1']:.2f}), "
        f"date-only {yes(nlt['f1_date_only'] > dpt['f1_date_only'])} "
        f"({nlt['f1_date_only']:.2f} vs {dpt['f1_date_only']:.2f}); "
        f"ahead on time per article: {yes(nlt['ms_per_article'] < dpt['ms_per_article'])} "
        f"({nlt['ms_per_article']:.2f} vs {dpt['ms_per_article']:.2f} ms)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--repeat",
        type=int,
        default=20,
        metavar="N",
        help="timed runs per tool and article (default 20)",
    )
    parser.add_argument(
        "--json", type=Path, metavar="PATH", help="also write the numbers as JSON to PATH"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    result = run(args.repeat)
    print(report(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
