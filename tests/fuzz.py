"""Input generators shared by the fuzz tests and the long run (``python -m tests.fuzz N``)."""

from __future__ import annotations

import csv
import json
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


# -- the long run ------------------------------------------------------------------------------
WORDS = (
    "some 1,300 between 850 and 1 100 troops soldiers French U.S. Niger Niamey Agadez base air which , . "
    "“ ” \" Read more FILE PHOTO: (RT) Gen. several hundred -strong force of its the junta withdraw said "
    "told he she adding that citing according to the diplomat Macron last Monday over the weekend late July "
    "Feb. 30 two days later rejected sanctions warned against Wagner ready to support use of force 2023-02-31 "
    "99999999999999999999 \u017fource \u212a \u0130 \r \x85 \u2028 \ufeff = + @"
).split(" ")


def random_text(rng: random.Random, samples: list[str]) -> str:
    """One fuzzed text: random characters, news words, a sample cut and spliced, or a look-alike."""
    kind = rng.randrange(4)
    if kind == 0:
        return "".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0, 0x3000), rng.randrange(0, 0x110000)])) for _ in range(rng.randrange(300)))
    if kind == 1:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randrange(60)))
    if kind == 2:  # about 800 characters of a sample, with words spliced in
        s = rng.choice(samples)
        start = rng.randrange(max(1, len(s) - 800))
        s = s[start : start + 800]
        a, b = sorted(rng.randrange(len(s) + 1) for _ in range(2))
        return s[:a] + " ".join(rng.choice(WORDS) for _ in range(rng.randrange(5))) + s[b:]
    return next(fold_mutations(rng, 1))


def random_bytes(rng: random.Random, samples: list[bytes]) -> bytes:
    """One fuzzed file: random bytes, a sample with bytes spliced in, cut short, or re-encoded."""
    kind = rng.randrange(4)
    s = rng.choice(samples)
    start = rng.randrange(max(1, len(s) - 1000))
    s = s[start : start + 1000]  # about 1,000 bytes of a sample (a cut may split a character)
    if kind == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(600)))
    if kind == 1:
        i = rng.randrange(len(s) + 1)
        return s[:i] + bytes(rng.randrange(256) for _ in range(rng.randrange(20))) + s[i:]
    if kind == 2:
        return s[: rng.randrange(len(s) + 1)]
    text = s.decode("utf-8", "replace")[: rng.randrange(3000)]
    return rng.choice([b"\xff\xfe\x00\x00" + text.encode("utf-32-le"), b"\xff\xfe" + text.encode("utf-16-le"), text.encode("cp1252", "replace"), b"\xef\xbb\xbf" + text.encode("utf-8")])


def random_sidecar(rng: random.Random) -> bytes:
    """One fuzzed JSON sidecar: fields of any type, nesting, broken JSON, control characters."""
    values = [None, 1, -1.5, True, "x", "\r=1+1", "\ud800", [], ["RT"], {"a": 1}, "9999-12-31", "0001-01-01", "2023-02-31", "é" * 300]
    meta = {rng.choice(["id", "title", "outlet", "url", "published", "language", "extra"]): rng.choice(values) for _ in range(rng.randrange(5))}
    text = json.dumps(meta)
    kind = rng.randrange(4)
    if kind == 0:
        return text.encode("utf-8")
    if kind == 1:
        return ("[" * rng.randrange(1, 3000) + "]" * rng.randrange(3000)).encode()
    if kind == 2:
        return text[: rng.randrange(len(text) + 1)].encode("utf-8")
    return bytes(rng.randrange(256) for _ in range(rng.randrange(60)))


def check_offsets(article, tables) -> int:
    """How many sentences, set-aside pieces and table rows do not point at their own text."""
    bad = sum(article.text[s.start : s.end] != s.text for s in article.sentences)
    bad += sum(p.start is not None and article.text[p.start : p.end] != p.text for p in article.set_aside)
    for name in ("deployments", "bases", "events", "quotes", "positions"):
        rows = tables[name]
        if isinstance(rows, list):  # records of extracted_records
            bad += sum(article.text[r["start"] : r["end"]] != r["sentence"] for r in rows)
        else:
            bad += sum(article.text[s:e] != t for s, e, t in zip(rows["start"], rows["end"], rows["sentence"], strict=True))
    return bad


def long_run(n: int, seed: int = 20261201) -> dict:
    """Run ``n`` fuzzed inputs (texts, files with sidecars, look-alike sentences); count the
    exceptions and offset mismatches."""
    import signal
    import tempfile
    import time
    import traceback
    from pathlib import Path

    import nigerlens as nl
    from nigerlens.extractors.run import extracted_records
    from nigerlens.ingest.load import LoadError, load_article
    from nigerlens.tables.export import to_json

    def stop(*_):  # kill -TERM: say how far the run got
        print(json.dumps({**counts, "seconds": round(time.time() - started), "stopped": True}), flush=True)
        raise SystemExit(1)

    signal.signal(signal.SIGTERM, stop)
    rng = random.Random(seed)
    samples = [nl.BUNDLED_ARTICLE.read_text(encoding="utf-8")]
    samples += [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "fixtures" / "dev").glob("*.txt"))]
    raw = [s.encode("utf-8") for s in samples]
    counts = {"inputs": 0, "texts": 0, "files": 0, "load_errors": 0, "exceptions": 0, "offset_mismatches": 0}
    started = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(n):
            try:
                if i % 2 == 0:
                    counts["texts"] += 1
                    published = rng.choice(["2023-08-14", "0001-01-01", "9999-12-31", None])
                    article = nl.from_text(random_text(rng, samples), published=published)
                else:
                    counts["files"] += 1
                    path = folder / f"f{i % 7}{rng.choice(['.txt', '.html'])}"
                    path.write_bytes(random_bytes(rng, raw))
                    sidecar = path.with_suffix(".json")
                    if rng.random() < 0.5:
                        sidecar.write_bytes(random_sidecar(rng))
                    else:
                        sidecar.unlink(missing_ok=True)
                    try:
                        article = load_article(path)
                    except LoadError as exc:
                        counts["load_errors"] += 1
                        assert "\n" not in str(exc)
                        article = None
                if article is not None and i % 10 < 2:  # the whole way: tables and JSON out
                    tables = nl.tabulate(article)
                    counts["offset_mismatches"] += check_offsets(article, tables)
                    json.dumps(to_json(tables), ensure_ascii=False).encode("utf-8")
                elif article is not None:  # the rules only (the tables add pandas, not rules)
                    counts["offset_mismatches"] += check_offsets(article, extracted_records(article))
            except Exception:  # noqa: BLE001 - counting is the point
                counts["exceptions"] += 1
                if counts["exceptions"] <= 5:
                    traceback.print_exc()
            finally:
                counts["inputs"] += 1
            if (i + 1) % 5_000 == 0:
                print(json.dumps({**counts, "seconds": round(time.time() - started)}), flush=True)
    counts["seconds"] = round(time.time() - started)
    return counts


if __name__ == "__main__":
    import sys

    # python -m tests.fuzz [N [SEED]]: several seeds can run side by side as shards of one run
    print(json.dumps(long_run(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000, *map(int, sys.argv[2:3]))))
