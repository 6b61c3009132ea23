"""Check a data folder (the editable rules: actors, people, places, issues, frames, lexicons)
before using it: one line per problem, ``file:line: what is wrong``.

Each file has its checks in :data:`CHECKS` (small functions over its rows); a file that is not
there is skipped, except the three every folder needs (:data:`REQUIRED`). ``nigerlens
check-data [DIR]`` prints the lines and exits 1 when there are any.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

REQUIRED = ("actors.csv", "places.csv", "issues.toml")
ACTOR_KINDS = ("state", "organisation", "armed group", "outlet", "person")
Row = tuple[int, dict[str, str]]  # line number, cells


def check_data(folder=None) -> list[str]:
    """Problems found in the data ``folder`` (the one in use by default), one line each."""
    from nigerlens.resources import DATA_DIR

    folder = Path(folder or DATA_DIR)
    if not folder.is_dir():
        return [f"{folder}: not a folder"]
    problems = [f"{folder / name}: missing" for name in REQUIRED if not (folder / name).is_file()]
    actors = _actor_names(folder)
    issues = _issue_ids(folder, problems)
    for name, checks in CHECKS.items():
        path = folder / name
        if not path.is_file() or name.endswith(".toml"):
            continue
        rows, header_problems = _rows(path)
        problems += header_problems
        for check in checks:
            problems += [f"{path}:{line}: {message}" for line, message in check(rows, actors=actors, issues=issues)]
    for path in sorted((folder / "lexicon").glob("*.csv")) if (folder / "lexicon").is_dir() else []:
        rows, header_problems = _rows(path)
        problems += header_problems + [f"{path}:{line}: {m}" for line, m in _complete(rows)]
    return problems


# -- reading -----------------------------------------------------------------------------------


def _rows(path: Path) -> tuple[list[Row], list[str]]:
    """The rows of a CSV file with their line numbers, and the problems of its shape."""
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            if not header:
                return [], [f"{path}: empty file (no header line)"]
            header = [h.strip() for h in header]
            rows, problems = [], []
            for values in reader:
                line = reader.line_num
                if not any(v.strip() for v in values):
                    continue
                if len(values) != len(header):
                    problems.append(f"{path}:{line}: {len(values)} cells, the header has {len(header)} ({', '.join(header)})")
                    continue
                rows.append((line, {h: v.strip() for h, v in zip(header, values, strict=True)}))
            return rows, problems
    except UnicodeDecodeError as exc:
        return [], [f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})"]


def _actor_names(folder: Path) -> set[str]:
    path = folder / "actors.csv"
    return {r["name"] for _, r in _rows(path)[0] if r.get("name")} if path.is_file() else set()


def _issue_ids(folder: Path, problems: list[str]) -> set[str]:
    path = folder / "issues.toml"
    if not path.is_file():
        return set()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: invalid TOML ({exc})")
        return set()
    for issue, body in raw.items():
        if not isinstance(body, dict) or not isinstance(body.get("keywords", []), list):
            problems.append(f"{path}: [{issue}] must be a table with a keywords list")
        elif not body.get("keywords"):
            problems.append(f"{path}: [{issue}] has no keywords (it can never be found)")
    return set(raw)


# -- checks: each yields (line, message) -------------------------------------------------------


def _complete(rows: list[Row], **_) -> Iterator[tuple[int, str]]:
    """The first column of every row is filled in."""
    for line, row in rows:
        first = next(iter(row), None)
        if first is not None and not row[first]:
            yield line, f"empty {first}"


def _named(rows, **_):
    for line, row in rows:
        if not row.get("name"):
            yield line, "a row without a name"


def _unique_names(rows, **_):
    seen: dict[str, int] = {}
    for line, row in rows:
        name = row.get("name", "")
        if name and name in seen:
            yield line, f"duplicate name {name!r} (also on line {seen[name]})"
        seen.setdefault(name, line)


def _unique_aliases(rows, **_):
    """The same alias (case-insensitive) under two names: the look-up would pick one at random."""
    owner: dict[str, tuple[str, int]] = {}
    for line, row in rows:
        for alias in filter(None, (a.strip() for a in row.get("aliases", "").split("|"))):
            key = alias.casefold()
            if key in owner and owner[key][0] != row.get("name"):
                yield line, f"alias {alias!r} of {row.get('name')!r} is also an alias of {owner[key][0]!r} (line {owner[key][1]})"
            owner.setdefault(key, (row.get("name", ""), line))


def _known_kind(rows, **_):
    for line, row in rows:
        if row.get("kind") not in ACTOR_KINDS:
            yield line, f"kind {row.get('kind')!r} is not one of {', '.join(ACTOR_KINDS)}"


def _affiliation_is_an_actor(rows, *, actors, **_):
    for line, row in rows:
        for column in ("affiliation", "actor"):
            value = row.get(column)
            if value and value not in actors:
                yield line, f"{column} {value!r} names no actor of actors.csv"


def _coordinates(rows, **_):
    for line, row in rows:
        lat, lon = row.get("latitude", ""), row.get("longitude", "")
        if not lat or not lon:
            yield line, f"place {row.get('name')!r} has no coordinates (off the map unless the offline GeoNames extract knows it)"
            continue
        try:
            ok = -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180
        except ValueError:
            ok = False
        if not ok:
            yield line, f"place {row.get('name')!r}: coordinates {lat!r}, {lon!r} are not degrees of latitude and longitude"


def _known_issue(rows, *, issues, **_):
    for line, row in rows:
        if row.get("issue") and row["issue"] not in issues:
            yield line, f"issue {row['issue']!r} is not in issues.toml"


def _known_stance(rows, **_):
    for line, row in rows:
        if row.get("stance") and row["stance"] not in ("support", "oppose", "reverse"):
            yield line, f"stance {row['stance']!r} is not support or oppose"


Check = Callable[..., Iterator[tuple[int, str]]]
# the checks of each editable file, in order
CHECKS: dict[str, tuple[Check, ...]] = {
    "actors.csv": (_named, _unique_names, _unique_aliases, _known_kind, _affiliation_is_an_actor),
    "people.csv": (_named, _unique_names, _unique_aliases, _affiliation_is_an_actor),
    "places.csv": (_named, _unique_names, _unique_aliases, _coordinates),
    "frames.csv": (_complete, _known_issue, _known_stance),
    "issues.toml": (),
}
