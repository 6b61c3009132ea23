"""Write every table of the bundled, sample-corpus, dev, train and held-out articles to one text file.

Used to check that a change that should not change behaviour (moving code) does not: run it
before and after, and diff the two files::

    python scripts/table_snapshot.py > before.txt   # ... change ...
    python scripts/table_snapshot.py > after.txt && diff before.txt after.txt

Folders given as arguments replace the default ones.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nigerlens as nl

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FOLDERS = (ROOT / "data" / "articles", ROOT / "data" / "corpus", FIXTURES / "dev", FIXTURES / "train",
           *sorted(p for p in (FIXTURES / "heldout").iterdir() if p.is_dir()))


def main(argv: list[str]) -> int:
    folders = [Path(a).resolve() for a in argv] or FOLDERS
    paths = [str(p) for folder in folders for p in sorted(folder.iterdir()) if p.suffix in (".txt", ".html")]
    tables = nl.extract(paths, jobs=1, progress=False)
    for name, df in tables.items():
        if "path" in df.columns:
            df = df.assign(path=df["path"].map(lambda p: Path(p).name if isinstance(p, str) else p))
        sys.stdout.write(f"== {name} ({len(df)} rows)\n")
        sys.stdout.write(df.to_csv(index=False))
        sys.stdout.write(f"-- dtypes: {dict(df.dtypes.astype(str))}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
