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
