"""Write tables out: CSV files (one per table) or one JSON object, written atomically.

CSV cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
return) get a leading apostrophe, as OWASP's CSV-injection guidance advises; JSON stays exact.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix a text cell that a spreadsheet would read as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def records(df) -> list[dict]:
    """A table as JSON-ready records: missing values become None, numbers stay numbers."""
    if isinstance(df, list):
        return df
    out = []
    for row in df.astype(object).where(df.notna(), None).to_dict(orient="records"):
        out.append({k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()})
    return out


def to_json(tables: dict) -> dict:
    """All tables as one JSON-ready dict: {"articles": [...], "deployments": [...], ...}.

    ``via`` chains ("RT > Le Figaro" in the tables) become lists, outermost first.
    """
    out = {name: records(table) for name, table in tables.items()}
    for rows in out.values():
        for row in rows:
            if "via" in row:
                row["via"] = row["via"].split(" > ") if row["via"] else []
    return out


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    # mkstemp makes the file owner-only; outputs are meant to be shared like any written file
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_tables(tables: dict, out_dir, *, format: str = "csv") -> list[Path]:
    """Write ``tables`` to ``out_dir``: ``<table>.csv`` per DataFrame, or ``tables.json``.

    Tables that are still plain lists (not built yet) are left out of the CSV output.
    Returns the paths written.
    """
    out_dir = Path(out_dir)
    if format == "json":
        path = out_dir / "tables.json"
        atomic_write(path, json.dumps(to_json(tables), ensure_ascii=False, indent=2) + "\n")
        return [path]
    if format != "csv":
        raise ValueError(f"unknown format {format!r} (csv or json)")
    written = []
    for name, table in tables.items():
        if isinstance(table, list):
            continue
        safe = table.astype(object).map(neutralise) if len(table) else table
        path = out_dir / f"{name}.csv"
        atomic_write(path, safe.to_csv(index=False))
        written.append(path)
    return written
