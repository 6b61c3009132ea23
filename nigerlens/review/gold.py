"""Reviewed rows as gold annotations, in the format of the annotation guide (``.gold.json``).

An article's gold is its rows that an analyst confirmed, corrected or added; rejected and
unreviewed rows are not gold (so an article is best reviewed whole before it is scored).
:func:`export_gold` writes the files beside copies of the articles, so the folder is a gold set
that ``nigerlens evaluate`` reads; ``nigerlens evaluate --reviews`` scores with the same gold.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from nigerlens.review.keys import REVIEWED

GOLD_STATUSES = ("confirmed", "corrected", "added")
FIELDS = {
    "deployments": ("actor", "count", "count_high", "qualifier", "host", "status", "as_of"),
    "bases": ("actor", "place"),
    "events": ("date", "date_end", "precision", "expression", "summary"),
    "quotes": ("speaker", "speaker_affiliation", "via", "text"),
    "positions": ("actor", "issue", "stance"),
}
STARTS_WITH_WORDS = 6


def gold_rows(tables: dict, article_id: str) -> dict[str, list[dict]]:
    """The gold of ``article_id`` from reviewed ``tables`` (see :func:`nigerlens.review.apply.apply_reviews`)."""
    from nigerlens.tables.export import records

    gold: dict[str, list[dict]] = {}
    for table in REVIEWED:
        rows = [r for r in records(tables[table]) if r["article_id"] == article_id and r.get("review") in GOLD_STATUSES]
        gold[table] = [_gold_row(table, r) for r in rows]
    return gold


def _gold_row(table: str, r: dict) -> dict:
    row = {f: r.get(f) for f in FIELDS[table]}
    if table == "quotes":
        text = row.pop("text") or ""
        row["affiliation"] = row.pop("speaker_affiliation")
        row["via"] = row["via"].split(" > ") if row.get("via") else []
        row["starts_with"] = " ".join(text.split()[:STARTS_WITH_WORDS])
    row["evidence"] = " ".join((r.get("sentence") or "").split()[:8])
    return row


def export_gold(tables: dict, out_dir, *, articles: dict) -> list[Path]:
    """Write ``<id>.gold.json`` for every article of ``tables`` (reviewed), each beside a copy
    of its article file and sidecar; returns the gold files written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for article_id in tables["articles"]["article_id"].tolist():
        article = articles.get(article_id)
        if article is None or not article.path:
            continue
        source = Path(article.path)
        copy = out_dir / f"{article_id}{source.suffix}"
        shutil.copyfile(source, copy)
        sidecar = source.with_suffix(".json")
        meta = json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.is_file() else {}
        meta.update({"id": article_id, "published": article.published.isoformat() if article.published else None})
        copy.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        gold = {**gold_rows(tables, article_id), "notes": "Exported from an analyst's review by nigerlens review --export-gold."}
        path = out_dir / f"{article_id}.gold.json"
        path.write_text(json.dumps(gold, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
        written.append(path)
    return written
