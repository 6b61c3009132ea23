"""Execute the notebooks headless and write every table as CSV: the job behind ``make run``.

    python -m nigerlens.outputs.notebooks --article data/articles/rt-20230814-washington-niger.txt --out out

Each ``notebooks/*.ipynb`` runs in order with papermill (its ``article`` parameter set to the
article's absolute path); the executed notebook and an HTML copy go to ``OUT/notebooks/``, the
tables to ``OUT/tables/``, and a self-contained HTML report of the article (tables, figures,
evidence; :func:`nigerlens.outputs.report.write_report`) to ``OUT/notebooks/<article_id>.html``, beside
the notebooks, for readers who will not open one. A failing notebook is reported in one line
and the others still run; the exit status is non-zero if anything failed.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from nigerlens.resources import BUNDLED_ARTICLE, REPOSITORY

NOTEBOOKS_DIR = REPOSITORY / "notebooks"
KERNEL = "python3"
CELL_TIMEOUT = 600  # seconds allowed per cell
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class Outcome:
    """What running one notebook produced: the files written and the error, if it failed."""

    notebook: Path
    written: list[Path] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    took_article: bool = True  # False for a notebook with inputs of its own (the corpus)


def parameter_names(notebook: Path) -> set[str]:
    """The names a notebook's ``parameters`` cell assigns (papermill injects only those)."""
    import json
    import re as re_

    cells = json.loads(Path(notebook).read_text(encoding="utf-8")).get("cells", [])
    for cell in cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            return set(re_.findall(r"^(\w+)\s*=", "".join(cell.get("source", [])), re_.MULTILINE))
    return set()


def _ipc_kernel_manager():
    """A kernel manager whose kernel talks over IPC sockets: a local kernel needs no TCP port,
    and ipykernel warns on every start when it runs over TCP without encryption."""
    from jupyter_client.manager import KernelManager

    class IPCKernelManager(KernelManager):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"

    return IPCKernelManager


@contextmanager
def kernel_env() -> Iterator[None]:
    """Let kernels started inside this block choose their own matplotlib backend.

    ``make run`` sets MPLBACKEND=Agg for this process; kernels inherit the environment, and under
    Agg ipykernel would not install its inline backend, so the notebooks would embed no figures.
    """
    saved = os.environ.pop("MPLBACKEND", None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ["MPLBACKEND"] = saved


def kernel_warning() -> str | None:
    """Return a warning when the ``python3`` kernel would not run this interpreter, else None.

    jupyter_client runs a kernelspec whose argv starts with plain ``python`` on ``sys.executable``;
    a user-level kernelspec pointing at another Python would not see this nigerlens.
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        exe = KernelSpecManager().get_kernel_spec(KERNEL).argv[0]
    except NoSuchKernel:
        return f"no Jupyter kernel named {KERNEL!r} (is ipykernel installed in {sys.prefix}?)"
    if re.fullmatch(r"python[\d.]*", exe) or Path(exe) == Path(sys.executable):
        return None
    return f"the {KERNEL!r} kernel runs {exe}, not {sys.executable}; notebooks may import another nigerlens"


def error_line(exc: BaseException) -> str:
    """One line describing why a notebook failed (the cell and the exception, no traceback)."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        text = f"cell {exc.exec_count}: {exc.ename}: {exc.evalue}"
    else:
        text = f"{type(exc).__name__}: {exc}"
    lines = [ln.strip() for ln in _ANSI.sub("", text).splitlines() if ln.strip()]
    return lines[0] if lines else type(exc).__name__


# like the report's: the page may show inline styles and data: images, and load nothing at all
HTML_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none'"
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)
# the exporter's links to require.js, MathJax, jQuery, widget and Mermaid scripts on a CDN
_NO_CDN = {"require_js_url": "", "mathjax_url": "", "jquery_url": "", "widget_renderer_url": "", "mermaid_js_url": "", "jupyter_widgets_base_url": ""}


def offline_html(body: str) -> str:
    """An exported notebook page that needs nothing from the network: every script removed (the
    outputs are static tables and PNG figures), a Content-Security-Policy that forbids any fetch,
    and the generator mark by which a later ``extract`` knows it is not an article."""
    body = _SCRIPT.sub("", body)
    head = (f'<meta http-equiv="Content-Security-Policy" content="{HTML_CSP}">'
            '<meta name="generator" content="nigerlens">')
    return re.sub(r"<head\b[^>]*>", lambda m: m.group() + head, body, count=1, flags=re.IGNORECASE)


def to_html(ipynb: Path) -> Path:
    """Write an HTML copy of a notebook beside it (figures embedded, nothing loaded from the
    network: :func:`offline_html`) and return its path."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(ipynb), as_version=4)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            # a widget needs a live kernel: the page shows its static HTML copy instead
            if "text/html" in data:
                data.pop("application/vnd.jupyter.widget-view+json", None)
    body, _ = HTMLExporter(**_NO_CDN).from_notebook_node(nb)
    html = ipynb.with_suffix(".html")
    html.write_text(offline_html(body), encoding="utf-8")
    return html


def execute(notebook: Path, out_dir: Path, parameters: dict, *, timeout: int = CELL_TIMEOUT) -> Path:
    """Execute ``notebook`` with papermill in its own folder and return the executed copy's path.

    Args:
        notebook: the .ipynb to run.
        out_dir: where the executed notebook is saved (same file name).
        parameters: values for the notebook's ``parameters`` cell.
        timeout: seconds allowed per cell.

    Raises:
        papermill.PapermillExecutionError: a cell raised (the executed copy is still saved).
    """
    import papermill as pm

    out_dir.mkdir(parents=True, exist_ok=True)
    executed = out_dir / notebook.name
    executed.unlink(missing_ok=True)  # a failed run must not leave the last run's copy in place
    with kernel_env():
        pm.execute_notebook(
            str(notebook),
            str(executed),
            parameters=parameters,
            kernel_name=KERNEL,
            cwd=str(notebook.parent),
            execution_timeout=timeout,
            progress_bar=False,
            log_output=False,
            kernel_manager_class=_ipc_kernel_manager(),
        )
    return executed


def run_notebooks(
    article: Path,
    out: Path,
    *,
    published: str | None = None,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    timeout: int = CELL_TIMEOUT,
) -> list[Outcome]:
    """Run every notebook in ``notebooks_dir`` (sorted) on ``article``; return one Outcome each.

    The executed notebooks and their HTML copies go to ``out/notebooks``; a failing notebook is
    still saved and converted so that the error can be read in place.
    """
    parameters = {"article": str(Path(article).resolve())}
    if published:
        parameters["published"] = published
    out_dir = Path(out) / "notebooks"
    outcomes = []
    for nb in sorted(Path(notebooks_dir).glob("*.ipynb")):
        names = parameter_names(nb)
        outcome = Outcome(nb, took_article="article" in names)
        began = time.perf_counter()
        try:
            executed = execute(nb, out_dir, {k: v for k, v in parameters.items() if k in names}, timeout=timeout)
        except Exception as exc:  # any failure (cell error, dead kernel, timeout) is one line
            outcome.error = error_line(exc)
            executed = out_dir / nb.name
        outcome.seconds = time.perf_counter() - began
        if executed.is_file():
            outcome.written.append(executed)
            try:
                outcome.written.append(to_html(executed))
            except Exception as exc:
                outcome.error = outcome.error or f"HTML export failed: {error_line(exc)}"
        outcomes.append(outcome)
    return outcomes


def write_csv_tables(article: Path, out: Path, *, published: str | None = None) -> list[Path]:
    """Extract every table from ``article`` and write them as CSV to ``out/tables``."""
    import nigerlens as nl  # the public names, which stay put when modules move

    tables = nl.extract([article], published=published)
    return nl.write_tables(tables, Path(out) / "tables", format="csv")


def write_article_report(article: Path, out: Path, *, published: str | None = None) -> list[Path]:
    """Write the HTML report of ``article`` to ``out/notebooks`` (beside the notebooks)."""
    from nigerlens.outputs.report import write_report

    return write_report([article], Path(out) / "notebooks", published=published)


def _shown(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it (for messages)."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    """Run the notebooks and write the tables; return the exit status (0 when all succeeded)."""
    parser = argparse.ArgumentParser(
        prog="python -m nigerlens.outputs.notebooks",
        description="Execute notebooks/*.ipynb on an article (HTML to OUT/notebooks), write its tables as CSV "
        "(OUT/tables) and its report (OUT/notebooks/<article_id>.html).",
    )
    parser.add_argument("--article", type=Path, default=BUNDLED_ARTICLE, help="a .txt or .html article (default: the bundled one)")
    parser.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out)")
    parser.add_argument("--published", help="override the publication date (YYYY-MM-DD)")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS_DIR, help="folder of notebooks to run")
    parser.add_argument("--timeout", type=int, default=CELL_TIMEOUT, help="seconds allowed per cell")
    args = parser.parse_args(argv)

    if not args.article.is_file():
        print(f"nigerlens: no such article: {args.article}", file=sys.stderr)
        return 2
    if warning := kernel_warning():
        print(f"warning: {warning}", file=sys.stderr)

    failures = []
    outcomes = run_notebooks(
        args.article, args.out, published=args.published, notebooks_dir=args.notebooks, timeout=args.timeout
    )
    if not outcomes:
        failures.append(f"no notebooks in {_shown(args.notebooks)}")
    for o in outcomes:
        for path in o.written:
            print(f"wrote {_shown(path)}")
        if o.error:
            failures.append(f"{o.notebook.name}: {o.error}")
            print(f"FAILED {o.notebook.name} after {o.seconds:.1f} s: {o.error}", file=sys.stderr)
        else:
            print(f"ran {o.notebook.name} in {o.seconds:.1f} s")

    written: dict[str, list[Path]] = {}
    for what, write in (("tables", write_csv_tables), ("the report", write_article_report)):
        try:
            written[what] = write(args.article, args.out, published=args.published)
        except Exception as exc:  # one line per failed step; the run goes on and exits non-zero
            failures.append(f"{what}: {error_line(exc)}")
            print(f"FAILED writing {what}: {error_line(exc)}", file=sys.stderr)
            written[what] = []
        for path in written[what]:
            print(f"wrote {_shown(path)}")
    tables, report = written["tables"], written["the report"]

    on_article = [o for o in outcomes if o.took_article]
    ok = sum(o.error is None for o in on_article)
    others = [o for o in outcomes if not o.took_article]
    print(
        f"\n{ok} of {len(on_article)} notebooks ran on {_shown(args.article)}"
        + "".join(f", {o.notebook.stem} {'ran' if o.error is None else 'FAILED'} on its own inputs" for o in others) + "; "
        f"HTML in {_shown(args.out / 'notebooks')}, {len(tables)} tables in {_shown(args.out / 'tables')}"
        + (f", report {_shown(report[0])}" if report else "")
    )
    if failures:
        print(f"{len(failures)} failed: " + "; ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
