"""nigerlens check-data: a data folder with each kind of fault gives one line per fault."""

import shutil

import pytest

from nigerlens.resources import PACKAGE_DATA
from nigerlens.rules.check import check_data


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(PACKAGE_DATA, folder, ignore=shutil.ignore_patterns("articles"))
    return folder


def append(path, line):
    with path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")


def test_the_shipped_data_is_clean():
    assert check_data(PACKAGE_DATA) == []


@pytest.mark.parametrize("file, line, message", [
    ("actors.csv", "France,state,Gaul,", "duplicate name 'France'"),
    ("actors.csv", "Frankreich,state,France|Frankreich,", "alias 'France' of 'Frankreich' is also an alias of 'France'"),
    ("actors.csv", "Jane Doe,person,Jane Doe,Atlantis", "affiliation 'Atlantis' names no actor"),
    ("actors.csv", "Sahel Watch,blog,Sahel Watch,", "kind 'blog' is not one of"),
    ("actors.csv", "Lonely,state", "2 cells, the header has 4"),
    ("places.csv", "Nowhere,Nowhere,Niger,,,hand", "place 'Nowhere' has no coordinates"),
    ("places.csv", "Elsewhere,Elsewhere,Niger,123,2,hand", "are not degrees"),
    ("places.csv", "Agadès,Agadez,Niger,16.97,7.99,hand", "alias 'Agadez' of 'Agadès' is also an alias of 'Agadez'"),
    ("lexicon/speech_verbs.csv", ",said", "empty cue"),
])
def test_each_fault_is_one_line_naming_the_file_and_line(data, file, line, message):
    append(data / file, line)
    problems = check_data(data)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{data / file}:") and message in problems[0]
    assert problems[0].split(":")[1].isdigit()  # the line number


def test_unknown_issue_ids_in_frames_and_broken_issues(data):
    (data / "frames.csv").write_text("predicate,issue,stance\nthreatened force,military_intervention,support\nbanned dancing,dancing,oppose\n", encoding="utf-8")
    append(data / "issues.toml", '\n[elections]\nlabel = "Elections"\nkeywords = []')
    problems = check_data(data)
    assert any("frames.csv:3: issue 'dancing' is not in issues.toml" in p for p in problems), problems
    assert any("[elections] has no keywords" in p for p in problems)
    assert len(problems) == 2


def test_a_missing_file_and_invalid_toml(data):
    (data / "places.csv").unlink()
    (data / "issues.toml").write_text("[broken\n", encoding="utf-8")
    problems = check_data(data)
    assert f"{data / 'places.csv'}: missing" in problems
    assert any("issues.toml: invalid TOML" in p for p in problems)


def test_not_a_folder(tmp_path):
    assert check_data(tmp_path / "none") == [f"{tmp_path / 'none'}: not a folder"]
