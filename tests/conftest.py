import os
from pathlib import Path

# tests draw off screen; set before anything imports matplotlib.pyplot
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest  # noqa: E402

import nigerlens as nl  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "fixtures" / "dev"
DEV_ARTICLES = sorted(p for p in DEV.iterdir() if p.suffix in (".txt", ".html"))
BUNDLED_PATH = ROOT / "data" / "articles" / "rt-20230814-washington-niger.txt"


def pytest_addoption(parser):
    parser.addoption("--run-slow", action="store_true", help="also run the tests marked slow (always on when CI=true)")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--run-slow") or os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        return
    skip = pytest.mark.skip(reason="slow: runs when CI=true or with --run-slow (make test CI=true)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def bundled():
    return nl.load_article(nl.BUNDLED_ARTICLE)


@pytest.fixture(scope="session")
def web_page():
    return nl.load_article(DEV / "web-20231011-us-coup-designation.html")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
