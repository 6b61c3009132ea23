"""Input generators shared by the fuzz tests and the long run (``python -m tests.fuzz N``)."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator

from nigerlens.resources import data_path

# letters that re.IGNORECASE matches as other letters (the long s, the Kelvin sign, dotted and dotless i)
LOOK_ALIKES = {"s": "\u017f", "S": "\u017f", "k": "\u212a", "K": "\u212a", "i": "\u0131\u0130", "I": "\u0131\u0130"}
FRAMES = (
    "A French diplomatic {w} told the paper that 1,500 troops would stay in Niger last Monday.",
    "Some {w} 300 soldiers were deployed near Niamey, a {w} said on Tuesday.",
    "The {w} said: \u201cWe reject the sanctions,\u201d adding that {w} 200 troops remain.",
    "{w} {w}, the {w} of ECOWAS, warned against the use of force over the weekend.",
)


def lexicon_words() -> list[str]:
    """The first column of every lexicon file and every actor and place alias."""
    words: set[str] = set()
    for path in sorted(data_path("lexicon").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            words.update(row[0] for row in list(csv.reader(f))[1:] if row and row[0])
    for name in ("actors.csv", "places.csv"):
        with data_path(name).open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                words.update(a.strip() for a in [row["name"], *(row.get("aliases") or "").split("|")] if a.strip())
    return sorted(words)


def mutate(word: str, rng: random.Random) -> str:
    return "".join(rng.choice(LOOK_ALIKES[c]) if c in LOOK_ALIKES and rng.random() < 0.7 else c for c in word)


def fold_mutations(rng: random.Random, n: int) -> Iterator[str]:
    """``n`` sentences holding lexicon words with look-alike letters."""
    words = lexicon_words()
    for _ in range(n):
        yield rng.choice(FRAMES).format(w=mutate(rng.choice(words), rng))
