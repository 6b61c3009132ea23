"""The explorers: notebook widgets over the tables of one article or a corpus.

:func:`explore` shows every table in tabs with shared filters; ``explore_deployments`` and its
siblings show one table. The widget is thin: tables come from :func:`nigerlens.tabulate` once per
article (events again, via :func:`nigerlens.events`, once per assumed publication date), choices go
through :func:`~nigerlens.explorers.filters.filter_table`, and what is shown comes from the pure
functions of :mod:`nigerlens.explorers.render`. Only the visible tab is redrawn, and a plot is
redrawn only when its rows changed.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from contextlib import contextmanager

import ipywidgets as w

from nigerlens.explorers import render
from nigerlens.explorers import widgets as ui
from nigerlens.explorers.filters import (
    KINDS,
    actors_present,
    event_dates,
    filter_table,
    issues_present,
)
from nigerlens.text.article import Article

PLOT_CACHE = 32  # PNGs kept per explorer, so going back to earlier choices does not redraw


def _articles(source) -> tuple[list[Article], list]:
    """The articles of an Article, a Corpus or a list, and the corpus's load errors."""
    if isinstance(source, Article):
        return [source], []
    errors = list(getattr(source, "errors", []))
    articles = list(source)
    if not articles:
        raise ValueError("nothing to explore: no articles" + (f" ({len(errors)} could not be loaded)" if errors else ""))
    return articles, errors


def _like(df, template):
    """``df`` with the columns of ``template`` (a table from :func:`nigerlens.tabulate`, which may
    add per-article columns such as ``outlet``), copied from its first row, in its order."""
    import pandas as pd

    for column in template.columns:
        if column not in df.columns:
            df[column] = template[column].iloc[0] if len(template) else pd.NA
    return df[list(template.columns)].astype(template.dtypes.to_dict())


class Explorer(w.VBox):
    """A widget over the tables of one or more articles; see :func:`explore`.

    Attributes:
        value: the current filtered table of the active tab (DataFrame).
        tables: the current filtered tables, by kind.
        filters: the filter widgets by name: ``actor``, ``issue``, ``dates``, ``published``,
            ``article``, ``kind`` (those that apply to the tables shown).
        rows: the list of the active table's rows; its value is the chosen row's index label.
        evidence: HTML pane with the chosen row's sentence in context and the article.
        furniture: checkbox that shows the page furniture set aside by the loader.
        error: HTML pane where errors raised in callbacks are shown.
        article: the Article shown; ``articles`` all of them, ``load_errors`` a Corpus's.
        tabs: the Tab widget (None for a one-table explorer); ``table_views``, ``plots``: the
            table HTML and plot Output of each kind; ``article_view``: the Article tab's HTML.
        axes: the Axes last drawn for each kind.
        timings: milliseconds spent by the last update (``ready``: tables, rows and evidence
            shown; ``plot``: the plot; ``total``).
    """

    def __init__(self, source, *, kinds=KINDS, article_tab=True, gazetteer=None,
                 max_rows: int = 50, library=None, reviews=None, issues=None, data=None, **kwargs):
        from nigerlens.resources import DataFolder, other_data
        from nigerlens.rules.gazetteer import default_gazetteer

        self.articles, self.load_errors = _articles(source)
        self.kinds = tuple(kinds)
        # another data folder: every table is made in one fresh process that reads it
        self._elsewhere = DataFolder(data) if other_data(data) else None
        self.gazetteer = gazetteer or (self._elsewhere.run(default_gazetteer) if self._elsewhere else default_gazetteer())
        self.max_rows = max_rows
        self.last_error = None
        self.axes, self.timings, self.tables = {}, {}, {}
        self._holding = False
        self._full: dict[str, dict] = {}  # article id -> unfiltered tables
        self._events: dict[tuple, object] = {}  # (article id, ISO date) -> events table
        self._shown: dict[str, tuple] = {}  # pane -> key of what it shows
        self._png: OrderedDict = OrderedDict()
        self._picked: dict[str, object] = {}  # kind -> index label of the row picked in it
        self.article = self.articles[0]
        self.published = self.article.published
        # files offered by the "open" bar (None: no bar); the chooser lists them
        self.library = None if library is None else [str(p) for p in library]
        # the review folder (None: no review controls); tables are shown as reviewed
        self.reviews = reviews
        self.issues = str(issues) if issues else None  # another issue taxonomy for the positions

        self.error = ui.error_pane()
        self.status = ui.css(w.HTML(), "nl-status")
        self.date_readout = ui.css(w.Label(layout=w.Layout(width="auto", min_width="16em")), "nl-date-readout")
        self.filters = self._make_filters()
        self.table_views = {k: ui.table_pane(k) for k in self.kinds}
        self.plots = {k: ui.plot_pane(k) for k in self.kinds}
        self.article_view = ui.css(w.HTML(), "nl-article") if article_tab else None
        self.rows, self.evidence, self.furniture = ui.rows_list(), ui.evidence_pane(), ui.furniture_toggle()
        self.opener = ui.opener(self.library) if self.library is not None else None
        self.review_box, self.review = ui.review_bar() if reviews is not None else (None, {})
        self.tabs = self._make_tabs()
        super().__init__(children=self._layout(), **kwargs)
        self.add_class("nl-explorer")
        self._observe()
        with self._hold():
            self._load(0)
        self._guarded_refresh()

    def _repr_mimebundle_(self, **kwargs):
        """The widget for a live kernel, and a static HTML rendering of the active table for
        pages without one (an executed notebook's HTML): the table and a line saying how to
        make it interactive."""
        bundle = super()._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        if isinstance(data, dict):
            data["text/html"] = self.static_html()
        return bundle

    def static_html(self) -> str:
        """The active table as static HTML, with a note that ``make app`` or ``make lab``
        serves the interactive explorer."""
        note = ('<p class="nl-static-note" style="color:#666">A static copy of the explorer\'s '
                f"{ui.TITLES[self.kind].lower()} table: run <code>make app</code> (the dashboard) or "
                "<code>make lab</code> to filter the rows and read each one's sentence.</p>")
        return note + render.table_html(self.value, kind=self.kind, max_rows=self.max_rows)

    # -- construction ----------------------------------------------------------------------
    def _make_filters(self) -> dict:
        f = {}
        if len(self.articles) > 1 or self.library is not None:
            f["article"] = ui.article_picker(self.articles)
        f["actor"] = ui.actor_filter()
        if "positions" in self.kinds:
            f["issue"] = ui.issue_filter()
        if "events" in self.kinds:
            f["dates"] = ui.date_filter()
            f["published"] = ui.published_picker(self.published)
        if len(self.kinds) > 1:
            f["kind"] = ui.kind_picker(self.kinds, self.kinds[0])
        return f

    def _make_tabs(self):
        panes = [ui.css(w.VBox([self.table_views[k], self.plots[k]]), f"nl-tab-{k}") for k in self.kinds]
        if self.article_view is not None:
            panes.append(ui.css(w.VBox([self.article_view]), "nl-tab-article"))
        if len(panes) == 1:
            return None
        titles = [ui.TITLES[k] for k in self.kinds] + (["Article"] if self.article_view else [])
        return ui.css(w.Tab(children=panes, titles=titles), "nl-tabs")

    def _layout(self) -> list:
        f = self.filters
        top = [f[n] for n in ("article", "published", "kind") if n in f] + [self.furniture]
        pickers = [f[n] for n in ("actor", "issue") if n in f]
        body = self.tabs or ui.css(w.VBox([self.table_views[self.kinds[0]], self.plots[self.kinds[0]]]),
                                   f"nl-tab-{self.kinds[0]}")
        evidence = ui.css(w.HBox([self.rows, self.evidence]), "nl-evidence-box")
        boxes = [ui.css(w.HBox(top, layout=w.Layout(flex_flow="row wrap")), "nl-filters"),
                 ui.css(w.HBox(pickers), "nl-pickers")]
        if "dates" in f:
            boxes.append(ui.css(w.HBox([f["dates"], self.date_readout]), "nl-dates"))
        opener = [self.opener[0]] if self.opener is not None else []
        review = [self.review_box] if self.review_box is not None else []
        return opener + boxes + [self.error, self.status, body, evidence] + review

    def _observe(self) -> None:
        f = self.filters
        for name in ("actor", "issue", "dates"):
            if name in f:
                f[name].observe(self._on_filter, names="value")
        if "published" in f:
            f["published"].observe(self._on_published, names="value")
        if "article" in f:
            f["article"].observe(self._on_article, names="value")
        if "kind" in f:
            f["kind"].observe(self._on_kind, names="value")
        if self.tabs is not None:
            self.tabs.observe(self._on_tab, names="selected_index")
        self.rows.observe(self._on_row, names="value")
        if self.review:
            r = self.review
            r["confirm"].on_click(lambda _: self._on_review("confirm"))
            r["reject"].on_click(lambda _: self._on_review("reject"))
            r["set"].on_click(lambda _: self._on_review("correct"))
            r["add"].on_click(lambda _: self._on_review("add"))
        if self.opener is not None:
            _, choose, path, button = self.opener
            choose.observe(self._on_choose, names="value")
            button.on_click(lambda _: self._on_open())
            path.on_submit(lambda _: self._on_open())
        self.furniture.observe(self._on_furniture, names="value")

    @contextmanager
    def _hold(self):
        """Update widgets without their observers reacting (one refresh follows instead)."""
        before, self._holding = self._holding, True
        try:
            yield
        finally:
            self._holding = before

    # -- state -----------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        """The table kind shown: the active tab's, or the Table picker's on the Article tab."""
        if self.tabs is not None and self.tabs.selected_index is not None:
            if self.tabs.selected_index < len(self.kinds):
                return self.kinds[self.tabs.selected_index]
        return self.filters["kind"].value if "kind" in self.filters else self.kinds[0]

    @property
    def value(self):
        """The current filtered table of the active tab (or of the chosen kind on the Article tab)."""
        return self.tables[self.kind]

    @property
    def on_article_tab(self) -> bool:
        return self.tabs is not None and self.tabs.selected_index == len(self.kinds)

    def choices(self) -> dict:
        """What the user chose, as keyword arguments of :func:`filter_table`."""
        f = self.filters
        return {
            "actors": tuple(f["actor"].value),
            "issues": tuple(f["issue"].value) if "issue" in f else (),
            "date_range": ui.chosen_dates(f["dates"]) if "dates" in f else None,
        }

    def unfiltered(self) -> dict:
        """The current article's tables before filtering (events as of the assumed date)."""
        tables = dict(self._full[self.article.id])
        if "events" in self.kinds:
            tables["events"] = self.events_as_of(self.published)
        return {k: tables[k] for k in KINDS if k in self.kinds or k == "deployments"}

    def events_as_of(self, published):
        """The events table of the current article resolved against ``published`` (cached)."""
        from nigerlens.extractors.events import events

        key = (self.article.id, published.isoformat() if published else None)
        if key not in self._events:
            if self._elsewhere is not None:
                table = self._elsewhere.run(events, self.article, published=published)
            else:
                table = events(self.article, gazetteer=self.gazetteer, published=published)
            self._events[key] = _like(table, self._full[self.article.id]["events"])
        return self._events[key]

    def _load(self, index: int) -> None:
        """Make article ``index`` current: tabulate it (once), reset the publication date and
        offer the actors, issues and dates found in it."""
        self.article = self.articles[index]
        if self.article.id not in self._full:
            self._full[self.article.id] = self._reviewed(self._tabulate())
            key = (self.article.id, self.article.published.isoformat() if self.article.published else None)
            self._events[key] = self._full[self.article.id]["events"]
        self.published = self.article.published
        if "published" in self.filters:
            self.filters["published"].value = self.published
        self._offer_choices()

    def _tabulate(self) -> dict:
        """Every table of the current article, from this process's rules or the data folder's."""
        from nigerlens.extractors.run import tabulate

        if self._elsewhere is not None:
            return self._elsewhere.run(tabulate, self.article, issues=self.issues)
        return tabulate(self.article, gazetteer=self.gazetteer, issues=self.issues)

    def close(self) -> None:
        """Close the widget (and the data folder's process, if it has one)."""
        if self._elsewhere is not None:
            self._elsewhere.close()
        super().close()

    def _reviewed(self, tables: dict) -> dict:
        """``tables`` with the review folder's decisions applied (as they are without one)."""
        if self.reviews is None:
            return tables
        from nigerlens.review.apply import apply_reviews

        return apply_reviews(tables, self.reviews, articles={self.article.id: self.article})

    def review_row(self, action: str, *, changes: dict | None = None, row: dict | None = None) -> None:
        """Record a decision on the chosen row (``confirm``, ``reject``, ``correct`` with
        ``changes``) or add ``row`` (fields and its evidence ``start``/``end``) to the active
        table, then show the tables as reviewed."""
        from nigerlens.review import store

        kind = self.kind
        if action == "add":
            decision = store.add(kind, row or {})
        else:
            idx = self.rows.value
            if idx is None or idx not in self.value.index:
                raise ui.UserError("pick a row first")
            chosen = self.value.loc[idx].to_dict()
            decision = store.correct(kind, chosen, changes or {}) if action == "correct" else getattr(store, action)(kind, chosen)
        store.record(self.reviews, self.article.id, [decision])
        self._full[self.article.id] = self._reviewed(self._tabulate())
        self._shown.clear()
        self._events = {k: v for k, v in self._events.items() if k[0] != self.article.id}
        key = (self.article.id, self.article.published.isoformat() if self.article.published else None)
        self._events[key] = self._full[self.article.id]["events"]
        self.review["status"].value = f'<span style="color:#2e7d32">{action}ed: {decision.key}</span>'
        self.refresh()

    def _offer_choices(self) -> None:
        tables, f = self.unfiltered(), self.filters
        ui.keep_selection(f["actor"], actors_present({k: tables[k] for k in self.kinds}, gazetteer=self.gazetteer))
        if "issue" in f:
            from nigerlens.plots.stance import issue_labels

            labels = issue_labels()
            ui.keep_selection(f["issue"], [(labels.get(i, i), i) for i in issues_present(tables["positions"])])
        if "dates" in f:
            ui.set_dates(f["dates"], event_dates(tables["events"]), keep=ui.chosen_dates(f["dates"]))

    # -- updates ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Filter every table with the current choices and redraw what is visible."""
        t0 = time.perf_counter()
        choices = self.choices()
        self.tables = {k: filter_table(df, table=k, gazetteer=self.gazetteer, **choices)
                       for k, df in self.unfiltered().items()}
        self.status.value = self._status()
        if "dates" in self.filters:
            self.date_readout.value = ui.date_readout(self.filters["dates"])
        self._render_visible(t0)

    def _render_visible(self, t0=None) -> None:
        t0 = t0 or time.perf_counter()
        kind = self.kind
        if self.tabs is None or not self.on_article_tab:
            key = self._key(kind)
            if self._shown.get(f"table:{kind}") != key:
                self.table_views[kind].value = render.table_html(self.value, kind=kind, max_rows=self.max_rows)
                self._shown[f"table:{kind}"] = key
        else:
            self._render_article()
        self._render_rows()
        ready = time.perf_counter()
        if not self.on_article_tab:
            self._render_plot(kind)
        done = time.perf_counter()
        self.timings = {"ready": (ready - t0) * 1e3, "plot": (done - ready) * 1e3, "total": (done - t0) * 1e3}
        ui.clear_error(self.error)

    def _key(self, kind: str) -> tuple:
        """What a pane of ``kind`` depends on: the article, the assumed date and the rows."""
        published = self.published.isoformat() if self.published else None
        rows = tuple(self.tables[kind].index)
        extra = tuple(self.tables["deployments"].index) if kind == "bases" else ()
        return (self.article.id, published, rows, extra)

    def _render_plot(self, kind: str) -> None:
        key = self._key(kind)
        if self._shown.get(f"plot:{kind}") == key:
            return
        self._shown.pop(f"plot:{kind}", None)
        png = self._png.get((kind, key))
        if png is None:
            try:
                png, self.axes[kind] = render.plot_png(kind, self.tables, published=self.published)
            except Exception:
                ui.show_text(self.plots[kind], f"The {ui.TITLES[kind].lower()} plot could not be drawn (see the error above).")
                raise
            self._png[(kind, key)] = png
            while len(self._png) > PLOT_CACHE:
                self._png.popitem(last=False)
        self._png.move_to_end((kind, key))
        ui.show_png(self.plots[kind], png, alt=f"{kind} plot")
        self._shown[f"plot:{kind}"] = key

    def _render_article(self) -> None:
        table = self.value
        marks = list(zip(table["start"], table["end"], strict=True)) if len(table) else []
        self.article_view.value = render.article_header(self.article) + render.article_html(
            self.article, marks=marks, furniture=self.furniture.value)

    def _offer_review_fields(self) -> None:
        from nigerlens.review.store import editable_fields

        r = self.review
        with self._hold():
            r["field"].options = editable_fields(self.kind)
            r["sentence"].options = render.sentence_options(self.article)

    def _render_rows(self) -> None:
        if self.review:
            self._offer_review_fields()
        table, picked = self.value, self._picked.get(self.kind)
        with self._hold():
            self.rows.options = render.row_options(table, self.kind)
            self.rows.value = picked if picked in table.index else None
        self._render_evidence()

    def _render_evidence(self) -> None:
        idx = self.rows.value
        row = None if idx is None or idx not in self.value.index else self.value.loc[[idx]]
        self.evidence.value = render.evidence_pane_html(row, self.article, furniture=self.furniture.value)

    def _status(self) -> str:
        from html import escape

        parts = [f"{ui.TITLES[k]}: {len(self.tables[k])} of {len(df)}" for k, df in self.unfiltered().items() if k in self.kinds]
        text = " · ".join(parts)
        if self.load_errors:
            text += " · not loaded: " + "; ".join(str(e) for e in self.load_errors)
        return f'<span style="color:#666">{escape(text)}</span>'

    # -- callbacks -------------------------------------------------------------------------
    @ui.guarded
    def _guarded_refresh(self, change=None):
        self.refresh()

    @ui.guarded
    def _on_filter(self, change):
        self.refresh()

    @ui.guarded
    def _on_published(self, change):
        self.published = change["new"] or self.article.published
        with self._hold():
            self._offer_choices()
        self.refresh()

    @ui.guarded
    def _on_article(self, change):
        with self._hold():
            self._load(change["new"])
            self._picked.clear()
        self.refresh()

    def open_article(self, path) -> Article:
        """Load the article at ``path`` (a .txt or .html file), add it to the explorer and show
        it; an article already loaded (same id) is shown again, not loaded twice."""
        from nigerlens.ingest.load import load_article

        article = load_article(path)
        ids = [a.id for a in self.articles]
        if article.id in ids:
            index = ids.index(article.id)
        else:
            self.articles.append(article)
            index = len(self.articles) - 1
            picker = self.filters["article"]
            with self._hold():
                picker.options = ui.article_picker(self.articles).options
        self.filters["article"].value = index  # _on_article loads and redraws
        return self.articles[index]

    @ui.guarded
    def _on_review(self, action):
        from nigerlens.review.store import ReviewError

        try:
            self._review_from_controls(action)
        except ReviewError as exc:  # a refused value: one line, nothing written
            raise ui.UserError(str(exc)) from None

    def _review_from_controls(self, action):
        r = self.review
        if action == "correct":
            if not r["field"].value:
                raise ui.UserError("choose the field to set")
            self.review_row("correct", changes={r["field"].value: r["value"].value})
        elif action == "add":
            if r["sentence"].value is None:
                raise ui.UserError("choose the sentence the missing row comes from")
            start, end = r["sentence"].value
            try:
                fields = dict(pair.split("=", 1) for pair in (p.strip() for p in r["fields"].value.split(",")) if pair)
            except ValueError:
                raise ui.UserError("give the row's fields as name=value, separated by commas") from None
            self.review_row("add", row={**{k.strip(): v.strip() for k, v in fields.items()}, "start": start, "end": end})
        else:
            self.review_row(action)

    @ui.guarded
    def _on_choose(self, change):
        if change["new"]:
            self.opener[2].value = change["new"]

    @ui.guarded
    def _on_open(self, change=None):
        from nigerlens.ingest.load import LoadError

        path = self.opener[2].value.strip() or self.opener[1].value
        if not path:
            raise ui.UserError("choose an article or type the path of one")
        try:
            self.open_article(path)
        except LoadError as exc:  # one line naming the file, in the error pane
            raise ui.UserError(str(exc)) from None

    @ui.guarded
    def _on_tab(self, change):
        if not self.on_article_tab and "kind" in self.filters:
            with self._hold():
                self.filters["kind"].value = self.kind
        self._render_visible()

    @ui.guarded
    def _on_kind(self, change):
        if self.tabs is not None and not self.on_article_tab:
            self.tabs.selected_index = self.kinds.index(change["new"])  # _on_tab redraws
        else:
            self._render_visible()

    @ui.guarded
    def _on_row(self, change):
        self._picked[self.kind] = change["new"]
        self._render_evidence()

    @ui.guarded
    def _on_furniture(self, change):
        self._render_evidence()
        if self.on_article_tab:
            self._render_article()


def explore(source, *, gazetteer=None, max_rows: int = 50, library=None, reviews=None, issues=None, data=None) -> Explorer:
    """Return a widget to explore every table of an article or a corpus.

    Tabs: Deployments, Bases map, Timeline, Quotes, Positions (each a table and its plot) and
    Article (the text with the rows of the chosen table marked). Filters shared by the tabs:
    actor, issue (positions), date range (events), the assumed publication date (re-resolves
    relative dates), the table kind and, for several articles, the article. Picking a row in the
    list shows its sentence, highlighted, in the article.

    Args:
        source: an Article, a Corpus or a list of Articles.
        gazetteer: the gazetteer for extraction and actor names; the default one when None.
        max_rows: rows shown in a table (``.value`` always holds all of them).
        library: article files offered by an "Open" bar (a chooser, a path field and a
            button) that loads another article into the explorer; None for no bar. The
            dashboard offers the bundled article and the sample corpus.
        reviews: a review folder: the tables are shown as reviewed (a ``review`` column) and
            review controls confirm, reject or correct the chosen row, or add a missing one on a
            chosen sentence; decisions are written to the folder at once.
        issues: another issue taxonomy (TOML, like data/issues.toml) for the positions.
        data: another data folder (actors, people, places, issues, lexicons): the tables are
            made in one fresh process that reads it, kept while the explorer is open.

    Returns:
        The :class:`Explorer`; ``.value`` is the active tab's filtered table, ``.tables`` all of
        them, ``.filters`` the filter widgets by name; ``.open_article(path)`` opens an article.
    """
    return Explorer(source, gazetteer=gazetteer, max_rows=max_rows, library=library, reviews=reviews, issues=issues, data=data)


def _single(kind: str):
    title = ui.TITLES[kind].lower()

    def explorer(source, *, gazetteer=None, max_rows: int = 50, issues=None, data=None) -> Explorer:
        return Explorer(source, kinds=(kind,), article_tab=False, gazetteer=gazetteer, max_rows=max_rows, issues=issues, data=data)

    explorer.__name__ = explorer.__qualname__ = f"explore_{kind}"
    explorer.__doc__ = (
        f"Return a widget over the {kind} table of an article or a corpus: the table, its "
        f"{title} plot, the filters that apply to it and the evidence of a chosen row.\n\n"
        f"Same arguments as :func:`explore`; ``.value`` is the filtered {kind} table."
    )
    return explorer


explore_deployments = _single("deployments")
explore_bases = _single("bases")
explore_timeline = _single("events")
explore_quotes = _single("quotes")
explore_positions = _single("positions")
