"""Explorers: notebook widgets over the nigerlens tables, thin UI over pure functions.

``explore(article_or_corpus)`` returns one widget with a tab per table; ``explore_deployments``,
``explore_bases``, ``explore_timeline``, ``explore_quotes`` and ``explore_positions`` show one
table each. What they show comes from pure functions that work without widgets:
:func:`filter_table` (filters), :func:`article_html` and :func:`evidence_pane_html` (escaped
HTML). Names are imported on first use, so ``filter_table`` does not import ipywidgets.
"""

from __future__ import annotations

from nigerlens._lazy import lazy_exports

_EXPORTS = {
    "Explorer": "explorer",
    "explore": "explorer",
    "explore_deployments": "explorer",
    "explore_bases": "explorer",
    "explore_timeline": "explorer",
    "explore_quotes": "explorer",
    "explore_positions": "explorer",
    "filter_table": "filters",
    "filter_tables": "filters",
    "article_html": "render",
    "evidence_pane_html": "render",
}
__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)
