"""Score extracted tables against hand annotations (the ``.gold.json`` files of the dev articles).

A gold row and an extracted row match when they agree on the table's key fields; each gold row
is matched at most once. Scores are precision, recall and F1 per table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

# the fields that must agree for an extracted row to count as finding a gold row
KEYS = {
    "deployments": ("actor", "count", "count_high", "qualifier", "host"),
    "bases": ("actor", "place"),
    "events": ("date", "date_end", "precision"),
    "quotes": ("speaker", "starts_with"),
    "positions": ("actor", "issue", "stance"),
}


@dataclass
class Score:
    table: str
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0
    misses: list = field(default_factory=list)
    false_hits: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_pos + self.false_pos
        return self.true_pos / found if found else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_pos + self.false_neg
        return self.true_pos / gold if gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.table,
            self.true_pos + other.true_pos,
            self.false_pos + other.false_pos,
            self.false_neg + other.false_neg,
            self.misses + other.misses,
            self.false_hits + other.false_hits,
        )

    def __str__(self) -> str:
        return f"{self.table}: P={self.precision:.2f} R={self.recall:.2f} F1={self.f1:.2f} (tp={self.true_pos} fp={self.false_pos} fn={self.false_neg})"


def _key(row: dict, keys: tuple[str, ...]) -> tuple:
    out = []
    for k in keys:
        v = row.get(k)
        out.append(None if v is None or v != v else (int(v) if isinstance(v, float) else v))
    return tuple(out)


def score_rows(table: str, gold: list[dict], found: list[dict]) -> Score:
    """Match ``found`` rows against ``gold`` rows on the table's key fields."""
    keys = KEYS[table]
    score = Score(table)
    remaining = [_key(g, keys) for g in gold]
    for row in found:
        k = _key(row, keys)
        if k in remaining:
            remaining.remove(k)
            score.true_pos += 1
        else:
            score.false_pos += 1
            score.false_hits.append(k)
    score.false_neg = len(remaining)
    score.misses = remaining
    return score


def gold_path(article_path: str | Path) -> Path:
    p = Path(article_path)
    return p.with_name(p.stem + ".gold.json")


def evaluate_article(article, tables: dict, gold_file: str | Path) -> dict[str, Score]:
    """Scores per table for one article whose gold annotation is ``gold_file``."""
    from .export import records

    gold = json.loads(Path(gold_file).read_text(encoding="utf-8"))
    out = {}
    for table in KEYS:
        found = [r for r in records(tables[table]) if r["article_id"] == article.id]
        if table == "quotes":
            # a found quote matches a gold one when the speaker agrees and its text starts with
            # the gold's first words
            starts = [g["starts_with"] for g in gold.get("quotes", [])]
            for r in found:
                r["starts_with"] = next((s for s in starts if (r["text"] or "").startswith(s)), r["text"])
        if table == "positions":
            # gold lists each (actor, issue, stance) once; several statements of it count once
            found = list({_key(r, KEYS[table]): r for r in found}.values())
        # gold rows marked boilerplate (a caption's date) must not be found: they are not gold
        wanted = [g for g in gold.get(table, []) if not g.get("boilerplate")]
        out[table] = score_rows(table, wanted, found)
    return out


def gold_articles(gold_dir: str | Path) -> list[tuple[Path, Path]]:
    """(article, gold file) pairs in a folder: every ``X.gold.json`` with an article ``X.txt`` or
    ``X.html`` beside it."""
    from .load import SUFFIXES

    pairs = []
    for gold in sorted(Path(gold_dir).glob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        article = next((gold.with_name(stem + s) for s in SUFFIXES if gold.with_name(stem + s).is_file()), None)
        if article is not None:
            pairs.append((article, gold))
    return pairs


def evaluate_dir(gold_dir: str | Path) -> tuple[dict[str, Score], dict[str, dict[str, Score]], list[str]]:
    """Score every annotated article in ``gold_dir``.

    Returns:
        (totals per table, scores per article id and table, problems): a problem is a gold
        file without its article or an article that could not be loaded (one line each).
    """
    from .load import LoadError, load_article
    from .pipeline import tabulate

    folder = Path(gold_dir)
    if not folder.is_dir():
        raise ValueError(f"{folder}: not a folder of gold annotations")
    pairs = gold_articles(folder)
    problems = [f"{g}: no article beside it" for g in sorted(folder.glob("*.gold.json")) if g not in {p[1] for p in pairs}]
    per_article: dict[str, dict[str, Score]] = {}
    for article_path, gold in pairs:
        try:
            article = load_article(article_path)
            per_article[article.id] = evaluate_article(article, tabulate(article), gold)
        except (LoadError, ValueError, KeyError) as exc:
            problems.append(f"{gold}: {exc}")
    totals: dict[str, Score] = {}
    for scores in per_article.values():
        for table, s in scores.items():
            totals[table] = totals[table] + s if table in totals else s
    return totals, per_article, problems


def report(totals: dict[str, Score], per_article: dict[str, dict[str, Score]], problems: list[str], *, details: bool = True) -> str:
    """A plain-text report of the scores: a table per table kind, then misses and false hits."""
    lines = [f"{'table':<12} {'P':>5} {'R':>5} {'F1':>5} {'gold':>5} {'found':>6}"]
    for table, s in totals.items():
        lines.append(f"{table:<12} {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f} {s.true_pos + s.false_neg:5d} {s.true_pos + s.false_pos:6d}")
    if details:
        for article_id, scores in per_article.items():
            for table, s in scores.items():
                for miss in s.misses:
                    lines.append(f"miss       {article_id} {table}: {miss}")
                for hit in s.false_hits:
                    lines.append(f"false hit  {article_id} {table}: {hit}")
    lines += [f"problem    {p}" for p in problems]
    return "\n".join(lines)
