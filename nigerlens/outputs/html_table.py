"""A table as HTML for people: every cell escaped, blanks for missing values, rows numbered
from 1 (as the row lists and the evidence number them), headers left-aligned over their
columns, and dates that never wrap in the middle ("2023-\\n08-12")."""

from __future__ import annotations

from datetime import datetime, time
from html import escape

# columns holding dates: kept on one line
DATE_COLUMNS = ("date", "date_end", "published", "as_of", "anchor")
NOWRAP = '<span style="white-space:nowrap">{}</span>'


def html_table(df, *, classes: tuple[str, ...] = ("nl-table",), max_rows: int | None = None, clip: int | None = None) -> str:
    """Return ``df`` (its first ``max_rows`` rows) as ``<table class="...">`` markup.

    Every value and header is escaped here, so article text carrying markup stays text; with
    ``clip``, a longer text cell is cut to that many characters and an ellipsis.
    """
    shown = df if max_rows is None else df.head(max_rows)
    cells = {}
    for column in shown.columns:
        values = [_cell(v, clip) for v in shown[column].tolist()]
        if column in DATE_COLUMNS:
            values = [NOWRAP.format(v) if v else v for v in values]
        cells[escape(str(column))] = values
    import pandas as pd

    table = pd.DataFrame(cells, index=range(1, len(shown) + 1), dtype=object)
    html = table.to_html(escape=False, border=0)
    html = html.replace('<table class="dataframe">', f'<table class="{" ".join(classes)}">', 1)
    html = html.replace('<tr style="text-align: right;">', '<tr style="text-align: left;">', 1)
    # on each header cell too: notebook and dashboard style sheets centre or right-align th
    return html.replace("<th>", '<th style="text-align:left">')


def cell_text(value) -> str:
    """A cell as text for people: empty for a missing value, a day of a date column (a Timestamp
    at midnight) as its ISO date, anything else as ``str`` gives it."""
    import pandas as pd

    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    return value.date().isoformat() if isinstance(value, datetime) and value.time() == time() else str(value)


def _cell(value, clip: int | None = None) -> str:
    text = cell_text(value)
    if clip is not None and len(text) > clip:
        text = text[:clip] + "\u2026"
    return escape(text)
