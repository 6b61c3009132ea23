"""The dashboard in a real browser, used as a person uses it.

Voilà serves notebooks/00_overview.ipynb on 127.0.0.1 with two articles (the bundled one and the
dev web page, whose reader comments carry ``<script>alert('xss')</script>`` and an
``<img src=x onerror=...>``); Debian's Chromium, headless and driven by Playwright, loads the
page, picks an actor, clicks a row and opens the hostile page. One Voilà, one browser and one
page for the whole module; each test sets the choices it relies on. Screenshots go to
out/browser/.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pytest

from nigerlens.outputs.notebooks import NOTEBOOKS_DIR
from nigerlens.resources import BUNDLED_ARTICLE

from ..conftest import DEV, ROOT
from .browser_support import CHROMIUM, CHROMIUM_ARGS, only_loopback, voila

if not CHROMIUM.is_file():
    pytest.skip(
        f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium); skipped",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright: pip install -e '.[dev]'")
pytest.importorskip("voila", reason="browser tests need voila: pip install -e '.[dev]'")

HOSTILE = DEV / "web-20231011-us-coup-designation.html"
SHOTS = ROOT / "out" / "browser"
FIRST_RENDER_MS = 120_000  # a fresh kernel runs the whole notebook; slow on a loaded 2-core box
UPDATE_MS = 30_000  # one widget change: a round trip to the kernel and maybe a plot
VIEWPORT = {"width": 1280, "height": 900}

# values of one column of an explorer table, found by its header (index cells align: th + td)
COLUMN_JS = """([kind, name]) => {
    const table = document.querySelector(`.nl-table-view-${kind} table.nl-table`);
    if (!table) return null;
    const heads = [...table.querySelectorAll('thead tr:last-child th')].map(th => th.innerText.trim());
    const i = heads.indexOf(name);
    if (i < 0) return null;
    return [...table.querySelectorAll('tbody tr')].map(tr => tr.children[i].innerText.trim());
}"""


@dataclass
class Dashboard:
    """The loaded page and the dialogs it opened (each dismissed)."""

    page: object
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def reviews(tmp_path_factory):
    """The dashboard's review folder."""
    return tmp_path_factory.mktemp("reviews")


@pytest.fixture(scope="session")
def server(tmp_path_factory, reviews):
    """Voilà serving the overview notebook on both articles, decisions kept in ``reviews``."""
    articles = os.pathsep.join(str(p) for p in (BUNDLED_ARTICLE, HOSTILE))
    with voila(
        NOTEBOOKS_DIR / "00_overview.ipynb",
        tmp_path_factory.mktemp("voila"),
        env={"NIGERLENS_DASHBOARD_ARTICLES": articles, "NIGERLENS_REVIEWS": str(reviews)},
    ) as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless; Playwright gives it a fresh profile in a temporary folder."""
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def dashboard(server, browser):
    """The dashboard loaded once, every host but 127.0.0.1 blocked, dialogs recorded."""
    context = browser.new_context(viewport=VIEWPORT)
    board = Dashboard(context.new_page())

    def dialog(d):
        board.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    context.route("**/*", only_loopback)
    board.page.on("dialog", dialog)
    board.page.set_default_timeout(UPDATE_MS)
    try:
        board.page.goto(server.url, timeout=FIRST_RENDER_MS)
        board.page.wait_for_selector(".nl-explorer table.nl-table", timeout=FIRST_RENDER_MS)
    except sync_api.Error as exc:
        screenshot(board.page, "00-failed-render")
        raise AssertionError(f"the dashboard did not render: {exc}\nvoila log:\n{server.log_tail()}") from None
    screenshot(board.page, "01-first-load")
    yield board
    context.close()


def screenshot(page, name: str, selector: str | None = None) -> None:
    """Save the whole dashboard (or one element) to out/browser/NAME.png.

    Voilà scrolls inside #rendered_cells rather than the window, so the viewport is stretched to
    the content's height for the picture and then put back.
    """
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate(
        "() => (document.querySelector('#rendered_cells') || document.documentElement).scrollHeight"
    )
    page.set_viewport_size({"width": VIEWPORT["width"], "height": max(height, VIEWPORT["height"])})
    try:
        target = page.locator(selector) if selector else page
        target.screenshot(path=str(SHOTS / f"{name}.png"))
    finally:
        page.set_viewport_size(VIEWPORT)


def column(page, kind: str, name: str) -> list[str] | None:
    """The values shown in column ``name`` of the explorer's ``kind`` table (None if not shown)."""
    return page.evaluate(COLUMN_JS, [kind, name])


def choose_article(page, article_id: str) -> None:
    """Pick the article in the explorer's dropdown and wait until its tables are shown."""
    page.get_by_role("tab", name="Deployments").click()
    select = page.locator(".nl-article-select select")
    (label,) = [o for o in select.locator("option").all_inner_texts() if article_id in o]
    select.select_option(label=label.replace("\xa0", " "))
    page.wait_for_function(
        f"() => ({COLUMN_JS})(['deployments', 'article_id']).every(v => v === {article_id!r})"
    )


def choose_actors(page, *actors: str) -> None:
    """Select exactly ``actors`` in the actor filter (as a click on each option would)."""
    page.get_by_role("tab", name="Deployments").click()
    page.locator(".nl-actor-filter select").select_option(list(actors))


def test_page_renders_the_tables_and_figures(dashboard):
    page = dashboard.page
    outputs = page.locator("#rendered_cells").inner_text()
    for actor in ("United States", "France", "Italy"):  # Italy: the second article is there too
        assert actor in outputs
    # the map, the chronology and the stance matrix drawn by the notebook (MPLBACKEND was Agg)
    figures = page.evaluate(
        """() => [...document.querySelectorAll('img[src^="data:image/png"]')]
                 .filter(img => !img.closest('.nl-explorer')).length"""
    )
    assert figures >= 3
    assert column(page, "deployments", "actor") == ["United States", "France"]
    assert dashboard.dialogs == []


def test_actor_filter_leaves_only_that_actors_rows(dashboard):
    page = dashboard.page
    choose_article(page, "rt-20230814-washington-niger")
    choose_actors(page)  # start from every actor, so that the plot changes below
    page.wait_for_function(f"() => ({COLUMN_JS})(['deployments', 'actor']).length === 2")
    plot = page.locator(".nl-plot-deployments img")
    before = plot.get_attribute("src")

    choose_actors(page, "France")

    page.wait_for_function(
        f"() => {{ const a = ({COLUMN_JS})(['deployments', 'actor']); return a && a.length && a.every(v => v === 'France'); }}"
    )
    assert column(page, "deployments", "actor") == ["France"]
    assert column(page, "deployments", "count") == ["1500"]
    # the redrawn figure arrives after the table text
    page.wait_for_function("src => document.querySelector('.nl-plot-deployments img').src !== src", arg=before)
    (row,) = page.locator(".nl-rows option").all_inner_texts()
    assert "France" in row and "1500" in row
    screenshot(page, "02-filtered-france")


def test_clicking_a_row_highlights_its_sentence(dashboard):
    page = dashboard.page
    choose_article(page, "rt-20230814-washington-niger")
    choose_actors(page, "France")
    page.wait_for_function(f"() => ({COLUMN_JS})(['deployments', 'actor']).join() === 'France'")

    page.locator(".nl-rows option", has_text="France").click()

    mark = page.locator(".nl-evidence mark").first
    mark.wait_for()
    assert "1,500 servicemen" in mark.inner_text()
    assert "1,500 servicemen" in page.locator(".nl-evidence").inner_text()
    screenshot(page, "03-row-evidence", ".nl-explorer")


def test_hostile_page_markup_does_not_execute(dashboard):
    page = dashboard.page
    choose_article(page, "web-20231011-us-coup-designation")
    choose_actors(page)
    page.locator(".nl-furniture-toggle input[type=checkbox]").check()
    page.locator(".nl-rows option").first.click()  # evidence pane: the article with its furniture
    page.get_by_role("tab", name="Article").click()

    shown = page.locator(".nl-tab-article").get_by_text("alert('xss')")
    shown.first.wait_for()
    page.wait_for_timeout(500)  # an onerror handler or a dialog would fire by now

    assert dashboard.dialogs == []
    assert page.evaluate("""() => document.querySelectorAll('img[src="x"]').length""") == 0
    assert page.evaluate("() => document.querySelectorAll('[onerror]').length") == 0
    assert page.evaluate("() => [...document.scripts].filter(s => s.textContent.includes('alert(')).length") == 0
    assert page.locator(".nl-explorer script").count() == 0
    assert shown.first.is_visible()  # shown as text, escaped
    assert "alert('xss')" in page.locator(".nl-evidence").inner_text()  # the furniture, in the evidence pane
    screenshot(page, "04-hostile-page", ".nl-explorer")


# where the text of each header and of the first row's cell below it begins (pixels)
ALIGNMENT_JS = """(kind) => {
    const table = document.querySelector(`.nl-table-view-${kind} table.nl-table`);
    const left = (el) => { const r = document.createRange(); r.selectNodeContents(el);
                           const box = r.getBoundingClientRect(); return box.width ? box.left : null; };
    const heads = [...table.querySelectorAll('thead tr:last-child th')];
    const first = table.querySelector('tbody tr');
    return heads.map((th, i) => [th.innerText.trim(), left(th), left(first.children[i]), first.children[i].innerText.trim()])
                .filter(([h, a, b]) => a !== null && b !== null);
}"""


@pytest.mark.parametrize("tab, kind", [("Positions", "positions"), ("Timeline", "events")])
def test_table_headers_sit_over_their_columns_and_rows_count_from_one(dashboard, tab, kind):
    page = dashboard.page
    choose_article(page, "rt-20230814-washington-niger")
    choose_actors(page)
    page.get_by_role("tab", name=tab).click()
    page.wait_for_selector(f".nl-table-view-{kind} table.nl-table tbody tr")
    cells = page.evaluate(ALIGNMENT_JS, kind)
    assert len(cells) > 4 and all(abs(head - cell) < 2 for _, head, cell, _ in cells), cells
    assert column(page, kind, "")[0] == "1"  # numbered as the row list numbers them
    first = page.locator(".nl-rows option").first.inner_text().replace("\xa0", " ")
    assert first.startswith("1. ")
    if kind == "events":  # an ISO date on one line: its cell is one line high
        dates = page.locator(f".nl-table-view-{kind} tbody tr td span").first
        assert dates.bounding_box()["height"] < 24


def test_the_open_bar_opens_another_article(dashboard):
    page = dashboard.page
    path = str(ROOT / "data" / "corpus" / "wire-20230925-france-withdrawal.txt")
    page.get_by_role("tab", name="Deployments").click()  # only the visible tab is redrawn
    page.locator(".nl-open-path input").fill(path)
    page.locator(".nl-open-button").click()
    page.wait_for_function(
        f"() => {{ const a = ({COLUMN_JS})(['deployments', 'article_id']); return a && a.length && a.every(v => v === 'wire-20230925-france-withdrawal'); }}"
    )
    page.locator(".nl-open-path input").fill("/no/such/file.txt")
    page.locator(".nl-open-button").click()
    page.locator(".nl-error", has_text="no such file").wait_for()
    assert "traceback" not in page.locator(".nl-error").inner_text()
    screenshot(page, "05-opened-article", ".nl-explorer")


def test_a_rejected_row_stays_rejected_after_a_reload_and_an_added_row_reaches_the_csv(dashboard, server, reviews, tmp_path):
    import subprocess
    import sys

    import pandas as pd

    page = dashboard.page
    choose_article(page, "rt-20230814-washington-niger")
    choose_actors(page)
    page.wait_for_function(f"() => ({COLUMN_JS})(['deployments', 'actor']).length === 2")
    page.locator(".nl-rows option", has_text="France").click()
    page.locator("button.nl-review-reject").click()
    page.wait_for_function(f"() => ({COLUMN_JS})(['deployments', 'actor']).join() === 'United States'")
    # a new page on the same dashboard: a fresh kernel reads the review folder
    page.goto(server.url, timeout=FIRST_RENDER_MS)
    page.wait_for_selector(".nl-explorer table.nl-table", timeout=FIRST_RENDER_MS)
    choose_article(page, "rt-20230814-washington-niger")
    assert column(page, "deployments", "actor") == ["United States"]
    assert column(page, "deployments", "review") == ["unreviewed"]
    # a row the rules missed, on a chosen sentence
    page.locator(".nl-review-sentence select").select_option(index=2)
    page.locator(".nl-review-fields input").fill("actor=Chad, count=40")
    page.locator("button.nl-review-add").click()
    page.wait_for_function(f"() => ({COLUMN_JS})(['deployments', 'actor']).includes('Chad')")
    screenshot(page, "06-review", ".nl-explorer")
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "nigerlens", "extract", str(BUNDLED_ARTICLE), "--reviews", str(reviews), "--format", "csv", "--out", str(out)],
                   check=True, capture_output=True)
    rows = pd.read_csv(out / "deployments.csv")
    assert sorted(zip(rows["actor"], rows["review"], strict=True)) == [("Chad", "added"), ("United States", "unreviewed")]
