"""Self-contained HTML reports (tables, figures, evidence) for readers who will not open a notebook.

The library twin of ``nigerlens report``: :func:`write_report` writes ``<article_id>.html`` per
article and, for several inputs, an ``index.html`` linking them and listing what could not be read.
A report loads nothing from anywhere: the CSS is inline, figures are base64 PNG data URIs, there
is no JavaScript, and a Content-Security-Policy forbids anything else. Every piece of article
text is escaped (scraped pages carry ``<script>`` and ``onerror=``).
"""

from __future__ import annotations

import base64
import dataclasses
import io
from html import escape
from pathlib import Path
from urllib.parse import quote

from nigerlens.ingest.load import Corpus, LoadError, load_corpus, parse_date
from nigerlens.outputs.evidence import evidence_html, set_aside_html
from nigerlens.outputs.html_table import html_table
from nigerlens.resources import in_data, other_data
from nigerlens.tables.export import atomic_write
from nigerlens.text.article import Article

# images only as data: URIs, inline styles, nothing else (no scripts, frames, fetches)
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{margin-bottom:.2em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
dl.meta{display:grid;grid-template-columns:max-content auto;gap:.2em 1em;color:#444}
dl.meta dt{font-weight:600}dl.meta dd{margin:0;overflow-wrap:anywhere}
nav a{margin-right:1em}
table.nl-table{border-collapse:collapse;font-size:.85em;margin:.6em 0}
table.nl-table th,table.nl-table td{border:1px solid #ddd;padding:.25em .5em;vertical-align:top;text-align:left}
table.nl-table thead th{background:#f4f4f4}
.scroll{overflow-x:auto}
figure{margin:1em 0}figure img{max-width:100%;height:auto}
mark{background:#ffe58a}
.empty,.note{color:#888}
"""
# section title -> (table, its heading, the plots drawn under it), in report order; the Evidence
# section then follows the same tables
SECTIONS = {
    "Deployments": (("deployments", "Troops", ("troops",)), ("bases", "Bases", ("bases_map",))),
    "Timeline": (("events", "Events", ("timeline",)),),
    "Quotes": (("quotes", "Quotes", ("attribution",)),),
    "Positions": (("positions", "Positions", ("stance",)),),
}
# left out of the report's tables: shown under Evidence instead
HIDDEN_COLUMNS = ("article_id", "sentence", "start", "end", "quote_start", "quote_end")
# a report stays readable and bounded for any text: at most this many rows of each table (and
# in its figures and evidence), pieces of text cut to about this many characters
REPORT_ROWS = 200
CLIP_CHARS = 600


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="nigerlens">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def _rows_of(table, article: Article):
    """The rows of ``table`` that belong to ``article``."""
    if "article_id" in table.columns:
        return table[table["article_id"].isna() | (table["article_id"] == article.id)].reset_index(drop=True)
    return table


def table_html(table, name: str) -> str:
    """Return ``table`` as an escaped HTML table, rows numbered from 1 as in the evidence."""
    if not len(table):
        return f'<p class="empty">No {escape(name)} found.</p>'
    body = html_table(table.drop(columns=[c for c in HIDDEN_COLUMNS if c in table.columns]), clip=CLIP_CHARS)
    return f'<div class="scroll">{body}</div>'


def _draw(kind: str, tables: dict, article: Article, ax):
    from nigerlens import plots

    if kind == "troops":
        plots.plot_troops(tables["deployments"], ax=ax)
    elif kind == "bases_map":
        plots.plot_bases_map(tables["bases"], deployments=tables["deployments"], ax=ax)
    elif kind == "timeline":
        plots.plot_timeline(tables["events"], ax=ax, publication=article.published)
    elif kind == "attribution":
        plots.plot_attribution(tables["quotes"], ax=ax)
    elif kind == "stance":
        plots.plot_stance_matrix(tables["positions"], ax=ax)


# figure size (inches) and layout per plot, as in the notebooks
FIGURES = {
    "troops": ((7, 3.5), None, "Troops by actor, as reported"),
    "bases_map": ((7, 6), None, "Bases on a map of Niger"),
    "timeline": ((9, 3.5), "constrained", "Events on a timeline"),
    "attribution": ((10, 4.5), "constrained", "Who is speaking through whom"),
    "stance": ((10, 4), "constrained", "Who stands where on each issue"),
}


def figure_html(kind: str, tables: dict, article: Article) -> str:
    """Draw one plot and return it as an ``<figure>`` holding a base64 PNG data URI."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    size, layout, caption = FIGURES[kind]
    # a bare Figure, not pyplot's: nothing global to leak, and closed (cleared) once saved
    fig = Figure(figsize=size, layout=layout)
    FigureCanvasAgg(fig)
    try:
        _draw(kind, tables, article, fig.add_subplot())
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=90, bbox_inches="tight", metadata={"Software": None})
    except (ValueError, OverflowError) as exc:  # e.g. dates at the calendar limits, which matplotlib cannot place
        return f'<p class="empty">{escape(caption)}: not drawn ({escape(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)})</p>'
    finally:
        fig.clear()
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<figure><img alt="{escape(caption)}" src="data:image/png;base64,{data}"></figure>'


def _meta_html(article: Article) -> str:
    fields = [
        ("Outlet", article.outlet),
        ("Published", article.published.isoformat() if article.published else None),
        ("URL", article.url),  # shown as text, never a link
        ("Source", article.path),
        ("Article id", article.id),
    ]
    items = "".join(
        f"<dt>{name}</dt><dd>{escape(str(value)) if value else '<span class=empty>unknown</span>'}</dd>"
        for name, value in fields
    )
    return f'<dl class="meta">{items}</dl>'


def _slug(title: str) -> str:
    return title.lower().replace(" ", "-")


def report_html(article: Article, tables: dict) -> str:
    """Return the self-contained HTML report of one article.

    Args:
        article: the article the tables were extracted from (title, outlet, date, text).
        tables: the tables of :func:`nigerlens.extractors.run.tabulate`; rows of other articles are
            left out.

    Returns:
        A complete HTML page: metadata, then Deployments, Timeline, Quotes, Positions (each a
        table and its figures), Evidence (each row's sentence, its span marked) and what was
        set aside. All article text is escaped; nothing is loaded from outside the page.
    """
    tables = {name: _rows_of(t, article) for name, t in tables.items()}
    cut = {name: len(t) for name, t in tables.items() if len(t) > REPORT_ROWS}
    tables = {name: t.head(REPORT_ROWS) for name, t in tables.items()}
    title = article.title or article.id
    titles = [*SECTIONS, "Evidence", "What was set aside"]
    nav = "<nav>" + "".join(f'<a href="#{_slug(t)}">{escape(t)}</a>' for t in titles) + "</nav>"
    parts = [f"<h1>{escape(title)}</h1>", _meta_html(article), nav]
    for section, shown in SECTIONS.items():
        parts.append(f'<h2 id="{_slug(section)}">{escape(section)}</h2>')
        for name, heading, kinds in shown:
            if len(shown) > 1:
                parts.append(f"<h3>{escape(heading)}</h3>")
            if name in cut:
                parts.append(f'<p class="note">The first {REPORT_ROWS} of {cut[name]:,} rows (all of them are in the output of <code>nigerlens extract</code>).</p>')
            parts.append(table_html(tables[name], name))
            parts.extend(figure_html(kind, tables, article) for kind in kinds)
    parts.append('<h2 id="evidence">Evidence</h2>')
    parts.append('<p class="note">Each row of the tables above, numbered as there, with its sentence; '
                 "the words it was read from are marked.</p>")
    for shown in SECTIONS.values():
        for name, heading, _ in shown:
            parts.append(f"<h3>{escape(heading)}</h3>")
            parts.append(evidence_html(tables[name], article, clip=CLIP_CHARS))
    parts.append('<h2 id="what-was-set-aside">What was set aside</h2>')
    parts.append(set_aside_html(article, clip=CLIP_CHARS))
    return _page(f"{title} · nigerlens report", "\n".join(parts))


def index_html(entries: list[tuple[str, Article]], errors: list[LoadError]) -> str:
    """Return the index page: a relative link per report, then the files that could not be read."""
    parts = ["<h1>nigerlens reports</h1>"]
    if entries:
        items = "".join(
            f'<li><a href="{escape(quote(name))}">{escape(a.title or a.id)}</a> '
            f'<span class="note">({escape(" · ".join(str(v) for v in (a.outlet, a.published, a.id) if v))})</span></li>'
            for name, a in entries
        )
        parts.append(f"<ul>{items}</ul>")
    if errors:
        items = "".join(f"<li><b>{escape(e.path)}</b>: {escape(e.reason)}</li>" for e in errors)
        parts.append(f"<h2>Could not be read</h2><ul>{items}</ul>")
    return _page("nigerlens reports", "\n".join(parts))


def _inside(out_dir: Path, name: str) -> Path:
    """``out_dir / name``, refusing any name that would land outside ``out_dir``."""
    path = out_dir / name
    if path.resolve().parent != out_dir.resolve():
        raise ValueError(f"report name {name!r} would be written outside {out_dir}")
    return path


def _corpus(source, published) -> Corpus:
    """Articles and load errors from paths, folders, Articles or Corpora (mixed is fine)."""
    day = parse_date(published, where="publication date")  # before loading: one error, not one per file
    if isinstance(source, (Article, Corpus, str, Path)):
        source = [source]
    corpus, paths = Corpus(), []
    for item in source:
        if isinstance(item, Corpus):
            corpus.articles.extend(item.articles)
            corpus.errors.extend(item.errors)
        elif isinstance(item, Article):
            corpus.articles.append(item)
        else:
            paths.append(item)
    if day is not None:
        corpus.articles = [dataclasses.replace(a, published=day) for a in corpus.articles]
    if paths:
        loaded = load_corpus(paths, published=day)
        corpus.articles.extend(loaded.articles)
        corpus.errors.extend(loaded.errors)
    return corpus


def write_report(paths_or_articles, out_dir, *, published=None, issues=None, reviews=None, data=None) -> list[Path]:
    """Write one self-contained HTML report per article to ``out_dir``; return the paths written.

    Args:
        paths_or_articles: article files or folders, Articles, a Corpus, or an iterable of these.
        out_dir: the folder to write to (created if needed).
        published: a date or ``YYYY-MM-DD`` string overriding every article's publication date.
        issues: the path of another issue taxonomy for the positions.
        reviews: a review folder whose decisions are applied to the tables shown.
        data: another data folder (actors, people, places, issues, lexicons): the report is
            made in a fresh process that uses it.

    Returns:
        ``<article_id>.html`` per article (a repeated id gets ``-2``, ``-3`` ...), then
        ``index.html`` when there was more than one input: it links the reports and lists the
        files that could not be read, with their reasons.

    Raises:
        ValueError: no article could be read (the message gives each file's reason), or
            ``published`` is not a date.
    """
    from nigerlens.extractors.run import tabulate

    if other_data(data):
        return in_data(data, write_report, paths_or_articles, out_dir, published=published, issues=issues, reviews=reviews)
    corpus = _corpus(paths_or_articles, published)
    if not corpus.articles:
        reasons = "; ".join(str(e) for e in corpus.errors) or "no articles given"
        raise ValueError(f"no article could be read: {reasons}")
    out_dir = Path(out_dir)
    taken = {"index"}  # the index page's name is never an article's
    entries, written = [], []
    for article in corpus.articles:
        stem, n = article.id, 1
        while stem.lower() in taken:
            n += 1
            stem = f"{article.id}-{n}"
        taken.add(stem.lower())
        path = _inside(out_dir, f"{stem}.html")
        tables = tabulate(article, issues=str(issues) if issues else None)
        if reviews is not None:
            from nigerlens.review.apply import apply_reviews

            tables = apply_reviews(tables, reviews, articles={article.id: article})
        atomic_write(path, report_html(article, tables))
        entries.append((path.name, article))
        written.append(path)
    if len(corpus.articles) + len(corpus.errors) > 1:
        path = _inside(out_dir, "index.html")
        atomic_write(path, index_html(entries, corpus.errors))
        written.append(path)
    return written
