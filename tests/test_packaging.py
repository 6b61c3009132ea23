"""The package stands on its own: a wheel built from the repository, installed into a fresh
virtual environment outside it, has its rules and bundled article and extracts an article.

Offline: the wheel is built without build isolation and installed with --no-index; the fresh
environment sees the dependencies (pandas, nltk ...) of the test environment through a .pth
line placed after its own site-packages, so its ``nigerlens`` is the wheel's, not the checkout's.
"""

import json
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from .conftest import ROOT

ARTICLE = "An ECOWAS summit opened in Abuja on Thursday. France keeps some 1,500 troops in Niger.\n"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp / "dist"), str(ROOT)],
                           check=True, capture_output=True, text=True, cwd=tmp)
    (tmp / "build.log").write_text(build.stdout + build.stderr, encoding="utf-8")
    wheel = next((tmp / "dist").glob("nigerlens-*.whl"))
    env = tmp / "env"
    venv.EnvBuilder(with_pip=False).create(env)
    python = env / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    # the test environment's packages, after the fresh one's own (no editable finder from it)
    (site / "zz-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel)],
                   check=True, capture_output=True)
    return env, tmp


def run(env: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(env / "bin" / "python"), *args], capture_output=True, text=True, cwd=cwd,
                          env={"PATH": f"{env / 'bin'}:/usr/bin:/bin", "HOME": str(cwd)})


def test_the_build_has_no_license_warning(installed):
    log = (installed[1] / "build.log").read_text(encoding="utf-8")
    assert "project.license" not in log and "License classifiers are deprecated" not in log, log[-2000:]


def test_the_installed_package_is_the_wheel_and_carries_its_data(installed):
    env, tmp = installed
    code = ("import nigerlens, nigerlens.resources as r; print(nigerlens.__file__); "
            "print(r.data_path('actors.csv').is_file(), r.data_path('issues.toml').is_file(), "
            "r.data_path('lexicon', 'speech_verbs.csv').is_file(), r.BUNDLED_ARTICLE.is_file())")
    out = run(env, tmp, "-c", code)
    assert out.returncode == 0, out.stderr
    where, found = out.stdout.splitlines()
    assert where.startswith(str(env)) and not where.startswith(str(ROOT))
    assert found == "True True True True"


def test_the_installed_command_extracts_an_article_outside_the_repository(installed):
    env, tmp = installed
    (tmp / "note.txt").write_text(ARTICLE, encoding="utf-8")
    out = subprocess.run([str(env / "bin" / "nigerlens"), "extract", "note.txt", "--published", "2023-08-14"],
                         capture_output=True, text=True, cwd=tmp, env={"PATH": f"{env / 'bin'}:/usr/bin:/bin", "HOME": str(tmp)})
    assert out.returncode == 0, out.stderr
    tables = json.loads(out.stdout)
    assert [(r["actor"], r["count"], r["qualifier"]) for r in tables["deployments"]] == [("France", 1500, "some")]
    assert "2023-08-10" in {r["date"] for r in tables["events"]}


def test_the_installed_package_reads_the_bundled_article(installed):
    env, tmp = installed
    out = run(env, tmp, "-c", "import nigerlens as nl; print(len(nl.quotes(nl.load_article(nl.BUNDLED_ARTICLE))))")
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) == 8
