"""Building blocks of the explorers: the filter widgets, the panes, and safe callbacks.

Every widget gets stable CSS classes (``nl-actor-filter``, ``nl-table``, ``nl-rows`` ...) so that
a browser test can find it. Callbacks are wrapped by :func:`guarded`: an exception is shown in
the explorer's error pane (class ``nl-error``) and logged, never swallowed.
"""

from __future__ import annotations

import base64
import functools
import logging
import traceback
from html import escape

import ipywidgets as w

logger = logging.getLogger("nigerlens.explorers")

TITLES = {
    "deployments": "Deployments",
    "bases": "Bases map",
    "events": "Timeline",
    "quotes": "Quotes",
    "positions": "Positions",
    "article": "Article",
}
NO_DATES = "(no dates)"
_WIDE = {"description_width": "initial"}


def css(widget, *classes: str):
    """Add CSS classes to ``widget`` and return it."""
    for c in classes:
        widget.add_class(c)
    return widget


def guarded(method):
    """Wrap an Explorer callback: skip it while the explorer updates its own widgets, and show
    any exception in the explorer's error pane (and the log) instead of letting ipywidgets
    swallow it into the kernel log."""

    @functools.wraps(method)
    def run(self, change=None):
        if self._holding:
            return None
        try:
            result = method(self, change)
        except Exception as exc:  # shown to the user and logged, see show_error
            show_error(self.error, exc, where=method.__name__.strip("_"))
            self.last_error = exc
            return None
        return result

    return run


class UserError(ValueError):
    """A mistake of the user's (a missing file, an empty path): shown as its one line, with no
    traceback, and not logged as a failure."""


def show_error(pane, exc: BaseException, *, where: str) -> None:
    """Show ``exc`` in the error ``pane`` (escaped, with the traceback folded) and log it; a
    :class:`UserError` is shown as its message alone."""
    if isinstance(exc, UserError):
        pane.value = ('<div class="nl-error-message" style="color:#b00020;border-left:3px solid #b00020;'
                      f'padding:0.3em 0.6em">{escape(str(exc))}</div>')
        pane.layout.display = None
        return
    logger.error("error in explorer callback %s", where, exc_info=exc)
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    pane.value = (
        '<div class="nl-error-message" style="color:#b00020;border-left:3px solid #b00020;'
        f'padding:0.3em 0.6em">Error while updating ({escape(where)}): '
        f"<b>{escape(type(exc).__name__)}</b>: {escape(str(exc))}"
        f"<details><summary>traceback</summary><pre>{escape(trace)}</pre></details></div>"
    )
    pane.layout.display = None


def clear_error(pane) -> None:
    """Empty and hide the error pane."""
    pane.value = ""
    pane.layout.display = "none"


def error_pane():
    return css(w.HTML(value="", layout=w.Layout(display="none")), "nl-error")


def actor_filter(options=()):
    """Multi-select of actors (nothing selected: every actor)."""
    return css(w.SelectMultiple(options=list(options), description="Actor", rows=6,
                                style=_WIDE, layout=w.Layout(width="16em")), "nl-actor-filter")


def issue_filter(options=()):
    """Multi-select of issues: ``(label, issue id)`` pairs (nothing selected: every issue)."""
    return css(w.SelectMultiple(options=list(options), description="Issue", rows=6,
                                style=_WIDE, layout=w.Layout(width="20em")), "nl-issue-filter")


def date_filter(dates=()):
    """A range slider over the events' dates; only set on release (``continuous_update=False``)."""
    # readout=False: the slider's own readout cuts "2023-07-21–2023-10-11" short; see date_readout
    slider = w.SelectionRangeSlider(options=[NO_DATES], description="Dates", readout=False,
                                    continuous_update=False, style=_WIDE,
                                    layout=w.Layout(width="34em"))
    set_dates(slider, dates)
    return css(slider, "nl-date-filter")


def set_dates(slider, dates, keep=None) -> None:
    """Give the date slider the ``dates`` (ISO strings); select ``keep`` (first, last) when both
    are among them, else the full range. Without dates the slider is disabled."""
    dates = list(dates) or [NO_DATES]
    slider.options = dates
    slider.disabled = dates == [NO_DATES]
    if keep and keep[0] in dates and keep[1] in dates:
        slider.index = (dates.index(keep[0]), dates.index(keep[1]))
    else:
        slider.index = (0, len(dates) - 1)


def chosen_dates(slider):
    """The (first, last) chosen on the slider, or None when it covers every date (no filter,
    so undated events stay) or is disabled."""
    lo, hi = slider.index
    if slider.disabled or (lo == 0 and hi == len(slider.options) - 1):
        return None
    return slider.options[lo], slider.options[hi]


def date_readout(slider) -> str:
    """The range chosen on the date slider, as text ("all dates" when it covers them all)."""
    if slider.disabled:
        return "no dated events"
    chosen = chosen_dates(slider)
    if chosen is None:
        return f"all dates ({slider.options[0]} to {slider.options[-1]}, and undated)"
    return f"{chosen[0]} to {chosen[1]}"


def published_picker(value=None):
    """Date picker of the assumed publication date, against which relative dates resolve."""
    return css(w.DatePicker(value=value, description="Published", style=_WIDE), "nl-published")


def article_picker(articles):
    """Dropdown of the articles, by title (index values)."""
    options = [(f"{a.title or a.id} [{a.id}]", i) for i, a in enumerate(articles)]
    return css(w.Dropdown(options=options, value=0, description="Article", style=_WIDE,
                          layout=w.Layout(width="40em")), "nl-article-select")


def opener(library):
    """The "open another article" bar: a dropdown of the offered files, a path field and a
    button. Returns ``(box, dropdown, path, button)``."""
    from pathlib import Path

    options = [("(choose an article)", "")] + [(Path(p).name, str(p)) for p in library]
    choose = css(w.Dropdown(options=options, value="", description="Open", style=_WIDE,
                            layout=w.Layout(width="28em")), "nl-open-choice")
    path = css(w.Text(placeholder="or a path: /data/article.txt or .html", layout=w.Layout(width="26em")), "nl-open-path")
    button = css(w.Button(description="Open", tooltip="load this article and show it", layout=w.Layout(width="6em")), "nl-open-button")
    return css(w.HBox([choose, path, button], layout=w.Layout(flex_flow="row wrap")), "nl-open"), choose, path, button


def review_bar():
    """The review controls for the chosen row: confirm, reject, set a field, and add a row the
    rules missed on a chosen sentence. Returns ``(box, controls by name)``."""
    c = {
        "confirm": css(w.Button(description="Confirm", button_style="success", layout=w.Layout(width="7em")), "nl-review-confirm"),
        "reject": css(w.Button(description="Reject", button_style="danger", layout=w.Layout(width="7em")), "nl-review-reject"),
        "field": css(w.Dropdown(options=[], description="Field", style=_WIDE, layout=w.Layout(width="14em")), "nl-review-field"),
        "value": css(w.Text(placeholder="new value", layout=w.Layout(width="14em")), "nl-review-value"),
        "set": css(w.Button(description="Set", layout=w.Layout(width="5em")), "nl-review-set"),
        "sentence": css(w.Dropdown(options=[], description="Add on", style=_WIDE, layout=w.Layout(width="30em")), "nl-review-sentence"),
        "fields": css(w.Text(placeholder="actor=Russia, issue=sanctions, stance=oppose", layout=w.Layout(width="24em")), "nl-review-fields"),
        "add": css(w.Button(description="Add row", layout=w.Layout(width="7em")), "nl-review-add"),
        "status": css(w.HTML(), "nl-review-status"),
    }
    rows = [w.HBox([c["confirm"], c["reject"], c["field"], c["value"], c["set"], c["status"]], layout=w.Layout(flex_flow="row wrap")),
            w.HBox([c["sentence"], c["fields"], c["add"]], layout=w.Layout(flex_flow="row wrap"))]
    return css(w.VBox(rows), "nl-review"), c


def kind_picker(kinds, value):
    """Dropdown of the table kind: which table the rows list (and the Article tab) shows."""
    options = [(TITLES[k], k) for k in kinds]
    return css(w.Dropdown(options=options, value=value, description="Table", style=_WIDE,
                          layout=w.Layout(width="16em")), "nl-kind")


def furniture_toggle():
    return css(w.Checkbox(value=False, description="show set-aside furniture", indent=False),
               "nl-furniture-toggle")


def rows_list():
    """The rows of the current table, one short label each; picking one shows its evidence."""
    return css(w.Select(options=[], value=None, rows=10, layout=w.Layout(width="34em")), "nl-rows")


def evidence_pane():
    return css(w.HTML(value="", layout=w.Layout(flex="1 1 auto", width="auto")), "nl-evidence")


def table_pane(kind: str):
    return css(w.HTML(value=""), "nl-table-view", f"nl-table-view-{kind}")


def plot_pane(kind: str):
    return css(w.Output(), "nl-plot", f"nl-plot-{kind}")


def show_png(out, png: bytes, *, alt: str = "plot") -> None:
    """Show a PNG in an Output widget (set directly: works with and without a kernel)."""
    out.outputs = ({
        "output_type": "display_data",
        "data": {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": f"<{alt}>"},
        "metadata": {},
    },)


def show_text(out, text: str) -> None:
    """Show plain text in an Output widget."""
    out.outputs = ({"output_type": "display_data", "data": {"text/plain": text}, "metadata": {}},)


def keep_selection(widget, options) -> None:
    """Set a SelectMultiple's options, keeping the chosen values that are still offered."""
    before = tuple(widget.value)
    widget.options = list(options)
    values = [o[1] if isinstance(o, tuple) else o for o in widget.options]
    widget.value = tuple(v for v in before if v in values)
