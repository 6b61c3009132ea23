"""The review store: one JSON file per article in a folder the user chooses.

``<folder>/<article id>.review.json`` holds the analyst's decisions on that article's rows::

    {"nigerlens_review": 1, "article_id": "...", "decisions": [
        {"key": "deployments-9c1f20ab77", "table": "deployments", "action": "reject",
         "row": {"start": 120, "end": 250, "actor": "France", ...}, "by": "ana", "at": "2026-12-01T10:00:00+00:00"},
        {"action": "correct", "changes": {"count": {"old": 1500, "new": 1600}}, ...},
        {"action": "add", "row": {... the whole row, with its evidence span ...}, ...}]}

One decision per row key (the latest wins), sorted by key so that the file diffs well. Writes
go through a lock file and an atomic rename, and each write re-reads the file under the lock,
so two sessions editing the same article keep each other's decisions.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from nigerlens.resources import MAX_COUNT
from nigerlens.review.keys import IDENTITY, REVIEWED, identity, plain, row_key
from nigerlens.tables.schema import SCHEMAS

VERSION = 1
ACTIONS = ("confirm", "reject", "correct", "add")
STATUSES = ("present", "withdrawing", "withdrawn", "past", "pledged")
STANCES = ("support", "oppose")


class ReviewError(ValueError):
    """A review file or decision that cannot be used; the message names the file and entry."""


@dataclass
class Decision:
    key: str
    table: str
    action: str
    row: dict = field(default_factory=dict)
    changes: dict = field(default_factory=dict)
    by: str | None = None
    at: str | None = None

    def to_json(self) -> dict:
        out = {"key": self.key, "table": self.table, "action": self.action, "row": self.row}
        if self.changes:
            out["changes"] = self.changes
        return out | {"by": self.by, "at": self.at}


def review_path(folder, article_id: str) -> Path:
    """The review file of ``article_id`` in ``folder``."""
    safe = re.sub(r"[^\w.-]", "_", article_id)
    return Path(folder) / f"{safe}.review.json"


def read_decisions(folder, article_id: str) -> list[Decision]:
    """The decisions on ``article_id`` (none when it has no review file); a malformed file, one
    from a newer version or an entry naming an unknown table or field raises ReviewError."""
    path = review_path(folder, article_id)
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ReviewError(f"{path}: not a review file ({exc.__class__.__name__}: {str(exc)[:120]})") from None
    if not isinstance(data, dict) or not isinstance(data.get("decisions"), list):
        raise ReviewError(f"{path}: not a review file (no decisions list)")
    version = data.get("nigerlens_review")
    if not isinstance(version, int) or version > VERSION:
        raise ReviewError(f"{path}: review file version {version!r}; this nigerlens reads version {VERSION}")
    return [_decision(path, i, entry) for i, entry in enumerate(data["decisions"], 1)]


def _decision(path: Path, n: int, entry) -> Decision:
    where = f"{path}: decision {n}"
    if not isinstance(entry, dict):
        raise ReviewError(f"{where}: not an object")
    table, action = entry.get("table"), entry.get("action")
    if table not in REVIEWED:
        raise ReviewError(f"{where}: unknown table {table!r} (one of {', '.join(REVIEWED)})")
    if action not in ACTIONS:
        raise ReviewError(f"{where}: unknown action {action!r} (one of {', '.join(ACTIONS)})")
    row, changes = entry.get("row") or {}, entry.get("changes") or {}
    if not isinstance(row, dict) or not isinstance(changes, dict):
        raise ReviewError(f"{where}: row and changes must be objects")
    for name in [*row, *changes]:
        if name not in SCHEMAS[table] and name not in ("start", "end"):
            raise ReviewError(f"{where}: unknown field {name!r} of {table}")
    if not isinstance(entry.get("key"), str):
        raise ReviewError(f"{where}: no key")
    return Decision(entry["key"], table, action, row, changes, entry.get("by"), entry.get("at"))


def check_value(table: str, name: str, value) -> object:
    """``value`` for field ``name`` of ``table`` as it will be stored, or ReviewError saying why
    it is not valid (a count of -5, a date 2023-02-30, an issue outside the taxonomy ...)."""
    if name not in SCHEMAS.get(table, {}) or name not in editable_fields(table):
        raise ReviewError(f"{table}: {name!r} is not a field an analyst sets")
    if value in (None, ""):
        return None
    kind = SCHEMAS[table][name]
    if kind == "Int64":
        try:
            number = int(str(value).replace(",", ""))
        except ValueError:
            raise ReviewError(f"{table}.{name}: {value!r} is not a whole number") from None
        if not 0 <= number <= MAX_COUNT:
            raise ReviewError(f"{table}.{name}: {number} is not a count between 0 and {MAX_COUNT:,}")
        return number
    if kind == "Float64":
        try:
            return float(value)
        except ValueError:
            raise ReviewError(f"{table}.{name}: {value!r} is not a number") from None
    if isinstance(value, date):  # a date cell (a Timestamp), as its ISO day
        value = value.isoformat()[:10]
    text = str(value).strip()
    if name in ("date", "date_end", "as_of"):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise ReviewError(f"{table}.{name}: {text!r} is not a date (YYYY-MM-DD)") from None
    if name == "issue":
        from nigerlens.rules.issues import taxonomy

        if text not in taxonomy():
            raise ReviewError(f"{table}.issue: {text!r} is not in the taxonomy ({', '.join(taxonomy())})")
    if name == "stance" and text not in STANCES:
        raise ReviewError(f"{table}.stance: {text!r} is not support or oppose")
    if name == "status" and text not in STATUSES:
        raise ReviewError(f"{table}.status: {text!r} is not one of {', '.join(STATUSES)}")
    return text


def editable_fields(table: str) -> list[str]:
    """The fields of ``table`` an analyst may set (not the article, evidence or rule)."""
    return [f for f in SCHEMAS[table] if f not in ("article_id", "sentence", "start", "end", "rule")]


@contextmanager
def _locked(path: Path):
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def record(folder, article_id: str, decisions: list[Decision]) -> Path:
    """Add ``decisions`` to the article's review file (a decision replaces the one with the same
    key), under a lock and written atomically; returns the file."""
    path = review_path(folder, article_id)
    with _locked(path):
        current = {d.key: d for d in read_decisions(folder, article_id)}
        now = datetime.now(UTC).isoformat(timespec="seconds")
        for d in decisions:
            d.at = d.at or now
            d.by = d.by or os.environ.get("USER") or None
            before = current.get(d.key)
            if before is not None and before.action == d.action == "correct":  # a second edit of a row
                d.changes = {**before.changes, **d.changes}
            current[d.key] = d
        body = {"nigerlens_review": VERSION, "article_id": article_id,
                "decisions": [current[k].to_json() for k in sorted(current)]}
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(body, f, ensure_ascii=False, indent=1, default=str)
                f.write("\n")
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return path


# -- building decisions ------------------------------------------------------------------------


def _key(table: str, row: dict) -> str:
    """The key of ``row``: its ``review_key`` (a row of reviewed tables, perhaps corrected) or
    the key of its fields as they are."""
    key = plain(row.get("review_key"))
    return key if isinstance(key, str) and key else row_key(table, row)


def confirm(table: str, row: dict, *, by: str | None = None) -> Decision:
    return Decision(_key(table, row), table, "confirm", identity(table, row), by=by)


def reject(table: str, row: dict, *, by: str | None = None) -> Decision:
    return Decision(_key(table, row), table, "reject", identity(table, row), by=by)


def correct(table: str, row: dict, changes: dict, *, by: str | None = None) -> Decision:
    """A correction of ``row``: ``changes`` maps fields to new values (checked)."""
    checked = {name: {"old": identity_value(row, name), "new": check_value(table, name, value)} for name, value in changes.items()}
    return Decision(_key(table, row), table, "correct", identity(table, row), checked, by=by)


def add(table: str, row: dict, *, by: str | None = None) -> Decision:
    """A row the rules missed: its fields (checked) and its evidence span ``start``/``end``."""
    if row.get("start") is None or row.get("end") is None:
        raise ReviewError(f"{table}: an added row needs its evidence span (start and end)")
    fields = {k: check_value(table, k, v) for k, v in row.items() if k not in ("start", "end", "sentence", "article_id")}
    missing = [f for f in IDENTITY[table] if f not in ("quote_start", "quote_end") and fields.get(f) is None and f not in ("count_high", "date_end", "status")]
    if missing:
        raise ReviewError(f"{table}: an added row needs {', '.join(missing)}")
    full = {"start": int(row["start"]), "end": int(row["end"]), **fields}
    return Decision(row_key(table, full), table, "add", full, by=by)


def identity_value(row: dict, name: str):
    return plain(row.get(name))
