"""Score extracted tables against hand annotations (``.gold.json`` files beside the articles).

Scoring follows the annotation guide (shared ANNOTATION.md, "Scoring"): per article, **distinct
facts** are compared, so a fact stated in three sentences is one gold row and a tool that gives
one row per mention is judged on its distinct rows:

- deployments on ``(actor, count, count_high)``, bases on ``(actor, place)``, events on
  ``(date, date_end)`` (a row whose date is unresolved is not scored), positions on
  ``(actor, issue, stance)``;
- quotes on their first words: a found quote matches a gold one when its text begins with the
  gold ``starts_with`` (quote marks, case and spacing normalised);
- attribution, scored as a line of its own: each distinct found quote is an attribution; it is
  right when it matches a gold quote and its speaker or affiliation names the gold speaker or
  affiliation (a quote with no speaker, or the wrong one, counts against precision).

Gold rows flagged ``"boilerplate": true`` sit in page furniture: finding them is a false hit.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

# the fields that make a row one distinct fact
KEYS = {
    "deployments": ("actor", "count", "count_high"),
    "bases": ("actor", "place"),
    "events": ("date", "date_end"),
    "quotes": ("starts_with",),
    "attribution": ("starts_with", "speaker"),
    "positions": ("actor", "issue", "stance"),
}
# tables read from gold files and extraction (attribution is scored from the quotes)
TABLES = ("deployments", "bases", "events", "quotes", "positions")


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


def _value(v):
    if v is None or v != v:  # None, NaN, pandas NA (NA != NA is NA, which is falsy... guarded below)
        return None
    if isinstance(v, float):
        return int(v)
    return v


def _key(row: dict, keys: tuple[str, ...]) -> tuple:
    out = []
    for k in keys:
        v = row.get(k)
        try:
            out.append(_value(v))
        except TypeError:  # pandas NA refuses truth tests
            out.append(None)
    return tuple(out)


def score_rows(table: str, gold: list[dict], found: list[dict]) -> Score:
    """Compare the distinct key tuples of ``found`` with those of ``gold``.

    Each distinct gold fact is found or missed once; each distinct found fact that is not gold
    is one false hit, however many rows state it.
    """
    keys = KEYS[table]
    wanted = list(dict.fromkeys(_key(g, keys) for g in gold))
    got = list(dict.fromkeys(_key(r, keys) for r in found))
    score = Score(table)
    score.true_pos = sum(k in got for k in wanted)
    score.misses = [k for k in wanted if k not in got]
    score.false_hits = [k for k in got if k not in wanted]
    score.false_neg, score.false_pos = len(score.misses), len(score.false_hits)
    return score


# --- quotes and attribution ------------------------------------------------------------------

_MARKS = str.maketrans({c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟«»″"})


def _norm(text) -> str:
    """Text compared loosely: NFKC, quote marks unified, case folded, spaces collapsed."""
    text = unicodedata.normalize("NFKC", str(text or "")).translate(_MARKS).casefold()
    return re.sub(r"\s+", " ", text).strip(" \"'.,;:…-–—")


def _name(text) -> str:
    """A name compared loosely: accents dropped on top of :func:`_norm`."""
    text = unicodedata.normalize("NFKD", _norm(text))
    return "".join(c for c in text if not unicodedata.combining(c))


def _names_match(found: set[str], gold: set[str]) -> bool:
    return bool(found & gold)


def _quote_for(text, starts: list[str]) -> str | None:
    t = _norm(text)
    return next((s for s in starts if s and t.startswith(s)), None)


def score_quotes(gold: list[dict], found: list[dict]) -> tuple[Score, Score]:
    """(quotes, attribution) scores for one article.

    A found quote stands for the gold quote whose first words it begins with; found quotes that
    match no gold quote are distinct by their text.
    """
    starts = list(dict.fromkeys(_norm(g["starts_with"]) for g in gold))
    by_start = {}
    for g in gold:
        names = {_name(g.get("speaker")), _name(g.get("affiliation"))} - {""}
        by_start.setdefault(_norm(g["starts_with"]), set()).update(names)
    quotes, attribution = Score("quotes"), Score("attribution")
    matched: dict[str, bool] = {}  # gold start -> attributed right by some found row
    stray_quotes: dict[str, set] = {}
    for r in found:
        start = _quote_for(r.get("text"), starts)
        names = {_name(r.get("speaker")), _name(r.get("speaker_affiliation"))} - {""}
        if start is None:
            stray_quotes.setdefault(_norm(r.get("text")), set()).update(names)
            continue
        right = _names_match(names, by_start[start])
        matched[start] = matched.get(start, False) or right
        if not right:
            attribution.false_hits.append((start, r.get("speaker")))
    quotes.true_pos = len(matched)
    quotes.misses = [(s,) for s in starts if s not in matched]
    quotes.false_hits = [(t,) for t in stray_quotes]
    attribution.true_pos = sum(matched.values())
    attribution.misses = [(s, ", ".join(sorted(by_start[s]))) for s in starts if not matched.get(s)]
    # a wrong speaker on a quote later attributed right by another row of it is not a false hit
    attribution.false_hits = [h for h in dict.fromkeys(attribution.false_hits) if not matched.get(h[0])]
    attribution.false_hits += [(t, ", ".join(sorted(n))) for t, n in stray_quotes.items()]
    for s in (quotes, attribution):
        s.false_neg, s.false_pos = len(s.misses), len(s.false_hits)
    return quotes, attribution


# --- articles and folders --------------------------------------------------------------------


def gold_path(article_path: str | Path) -> Path:
    p = Path(article_path)
    return p.with_name(p.stem + ".gold.json")


def _scored(table: str, rows: list[dict]) -> list[dict]:
    if table == "events":  # an unresolved date is not scored
        return [r for r in rows if _key(r, ("date",))[0] is not None]
    return rows


def evaluate_article(article, tables: dict, gold_file: str | Path) -> dict[str, Score]:
    """Scores per table (and for attribution) for one article annotated in ``gold_file``."""
    gold = json.loads(Path(gold_file).read_text(encoding="utf-8"))
    return score_article(article.id, tables, gold)


def score_article(article_id: str, tables: dict, gold: dict) -> dict[str, Score]:
    """Scores per table (and for attribution) of the rows of ``article_id`` in ``tables``
    against ``gold`` (a gold file's content: table name -> gold rows)."""
    from nigerlens.tables.export import records

    out = {}
    for table in TABLES:
        found = [r for r in records(tables[table]) if r["article_id"] == article_id]
        # gold rows marked boilerplate (a caption's date) must not be found: they are not gold
        wanted = [g for g in gold.get(table, []) if not g.get("boilerplate")]
        if table == "quotes":
            out["quotes"], out["attribution"] = score_quotes(wanted, found)
        else:
            out[table] = score_rows(table, _scored(table, wanted), _scored(table, found))
    return out


def evaluate_reviews(paths, reviews) -> tuple[dict[str, Score], dict[str, dict[str, Score]], list[str]]:
    """Score the rules on the articles at ``paths`` against an analyst's decisions in the review
    folder ``reviews``: confirmed, corrected and added rows are gold, every other extracted row
    a false hit (see :mod:`nigerlens.review.gold`). Returns what :func:`evaluate_dir` returns."""
    from nigerlens.extractors.run import tabulate
    from nigerlens.ingest.load import load_corpus
    from nigerlens.review.apply import apply_reviews
    from nigerlens.review.gold import gold_rows

    corpus = load_corpus(paths)
    problems = [str(e) for e in corpus.errors]
    articles = {a.id: a for a in corpus}
    tables = tabulate(corpus)
    reviewed = apply_reviews(tables, reviews, articles=articles)
    problems += [row["error"] for row in reviewed["errors"].to_dict("records") if row["path"] not in {e.path for e in corpus.errors}]
    per_article = {i: score_article(i, tables, gold_rows(reviewed, i)) for i in articles}
    return _totals(per_article), per_article, problems


def _totals(per_article: dict[str, dict[str, Score]]) -> dict[str, Score]:
    totals: dict[str, Score] = {}
    for scores in per_article.values():
        for table, s in scores.items():
            totals[table] = totals[table] + s if table in totals else s
    return totals


def gold_articles(gold_dir: str | Path) -> list[tuple[Path, Path]]:
    """(article, gold file) pairs in a folder: every ``X.gold.json`` with an article ``X.txt`` or
    ``X.html`` beside it."""
    from nigerlens.ingest.load import SUFFIXES

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
    from nigerlens.extractors.run import tabulate
    from nigerlens.ingest.load import LoadError, load_article

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
    return _totals(per_article), per_article, problems


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
