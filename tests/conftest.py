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
