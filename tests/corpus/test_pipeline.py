import pandas as pd
import pytest

import nigerlens as nl
from nigerlens.cli import main

from ..conftest import BUNDLED_PATH, DEV

TABLES = ("deployments", "bases", "events", "quotes", "positions")


@pytest.fixture(scope="module")
def corpus_tables():
    return nl.extract([DEV, BUNDLED_PATH])


def test_corpus_tables_keep_article_outlet_and_date(corpus_tables):
    for name in TABLES:
        df = corpus_tables[name]
        assert list(df.columns[:3]) == ["article_id", "outlet", "published"], name
        assert df["outlet"].notna().all() and df["published"].notna().all(), name
    rt = corpus_tables["deployments"][corpus_tables["deployments"]["article_id"] == "rt-20230814-washington-niger"]
    assert set(rt["outlet"]) == {"RT"} and set(rt["published"]) == {pd.Timestamp("2023-08-14")}


def test_parallel_extraction_equals_single_process(corpus_tables):
    parallel = nl.extract([DEV, BUNDLED_PATH], jobs=2)
    for name in ("articles", "set_aside", *TABLES, "errors"):
        pd.testing.assert_frame_equal(parallel[name], corpus_tables[name], check_like=False)


def test_a_bad_file_is_an_error_row_and_the_rest_go_on(tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01binary")
    tables = nl.extract([bad, BUNDLED_PATH], jobs=2)
    assert tables["errors"]["path"].tolist() == [str(bad)]
    assert "binary file" in tables["errors"]["error"].iloc[0]
    assert tables["articles"]["article_id"].tolist() == ["rt-20230814-washington-niger"]


def test_evaluate_command_prints_scores_per_table(capsys):
    assert main(["evaluate", str(DEV)]) == 0
    out = capsys.readouterr().out
    lines = {line.split()[0]: line.split() for line in out.splitlines() if line and not line.startswith(("table", "miss", "false", "problem"))}
    assert set(lines) == set(TABLES) | {"attribution"}
    assert float(lines["deployments"][3]) == 1.0  # F1
    assert main(["evaluate", str(DEV.parent / "train")]) == 0
    out = capsys.readouterr().out
    assert "false hit" in out and "miss " in out  # the misses and false hits are listed


@pytest.mark.parametrize("args, code, message", [(["evaluate", "/nonexistent-gold"], 2, "not a folder"), (["evaluate", "."], 1, "no article with a .gold.json")])
def test_evaluate_command_errors(args, code, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(args) == code
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


FRENCH = (
    "La France retirera ses quelque 1 500 soldiers du Niger d'ici la fin de l'année, a annoncé "
    "dimanche le président Emmanuel Macron, qui a également rappelé l'ambassadeur. La junta au "
    "pouvoir à Niamey a salué cette décision comme une nouvelle étape vers la souveraineté du pays."
)


@pytest.mark.parametrize("sidecar, how", [(None, "detected"), ('{"language": "fr"}', "declared")])
def test_non_english_articles_are_reported_not_extracted(tmp_path, sidecar, how):
    path = tmp_path / "fr.txt"
    path.write_text(FRENCH, encoding="utf-8")
    if sidecar:
        (tmp_path / "fr.json").write_text(sidecar, encoding="utf-8")
    tables = nl.extract([path, BUNDLED_PATH])
    assert nl.load_article(path).language == "fr"
    (message,) = tables["errors"]["error"]
    assert message == f"{path}: language 'fr' ({how}) is not supported by the English rules; no rows extracted"
    # the mixed French/English words ("1 500 soldiers") produce no rows; the English article does
    assert set(tables["deployments"]["article_id"]) == {"rt-20230814-washington-niger"}
    assert "fr" in set(tables["articles"]["article_id"])


def test_english_is_detected_when_not_declared(tmp_path):
    path = tmp_path / "en.txt"
    path.write_text("About 1,000 U.S. troops remain in Niger, most of them at a drone base near Agadez, officials said on Tuesday.", encoding="utf-8")
    article = nl.load_article(path)
    assert (article.language, article.meta["language_detected"]) == ("en", True)
    assert len(nl.extract(path)["deployments"]) == 1


def test_the_same_article_twice_does_not_break_the_corpus():
    tables = nl.extract([BUNDLED_PATH, BUNDLED_PATH.parent])
    assert tables["articles"]["article_id"].tolist() == ["rt-20230814-washington-niger"] * 2
    assert set(tables["deployments"]["outlet"]) == {"RT"}


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_custom_issue_taxonomy_is_used_corpus_wide(tmp_path, jobs):
    from nigerlens.resources import PACKAGE_DATA

    taxonomy = tmp_path / "issues.toml"
    taxonomy.write_text(PACKAGE_DATA.joinpath("issues.toml").read_text(encoding="utf-8")
                        + '\n[elections]\nlabel = "Elections"\nkeywords = ["a return to civilian rule", "elections"]\n', encoding="utf-8")
    for i, who in enumerate(("ECOWAS", "France")):
        (tmp_path / f"a{i}.txt").write_text(f"{who} demanded elections in Niger on Monday.\n", encoding="utf-8")
    plain = nl.extract([tmp_path / "a0.txt", tmp_path / "a1.txt"], jobs=jobs)
    custom = nl.extract([tmp_path / "a0.txt", tmp_path / "a1.txt"], jobs=jobs, issues=taxonomy)
    assert "elections" not in set(plain["positions"]["issue"])
    assert sorted(custom["positions"].query("issue == 'elections'")["actor"]) == ["ECOWAS", "France"]
