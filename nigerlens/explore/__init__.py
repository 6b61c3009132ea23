"""Explorers: notebook widgets over the nigerlens tables, thin UI over pure functions.

``explore(article_or_corpus)`` returns one widget with a tab per table; ``explore_deployments``,
``explore_bases``, ``explore_timeline``, ``explore_quotes`` and ``explore_positions`` show one
table each. What they show comes from pure functions that work without widgets:
:func:`filter_table` (filters), :func:`article_html` and :func:`evidence_pane_html` (escaped
HTML). Names are imported on first use, so ``filter_table`` does not import ipywidgets.
"""

from __future__ import annotations

import sys
import types

from ..lazy import lazy_exports

_EXPORTS = {
    "Explorer": "explorers",
    "explore": "explorers",
    "explore_deployments": "explorers",
    "explore_bases": "explorers",
    "explore_timeline": "explorers",
    "explore_quotes": "explorers",
    "explore_positions": "explorers",
    "filter_table": "filters",
    "filter_tables": "filters",
    "article_html": "render",
    "evidence_pane_html": "render",
}
__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)


class _CallableModule(types.ModuleType):
    """This package calls :func:`explore` when called.

    Why: importing the package (``from nigerlens.explore import filter_table``) makes Python set
    ``nigerlens.explore`` to the package, hiding the function ``nl.explore``; calling through keeps
    ``nl.explore(article)`` working whatever was imported first.
    """

    def __call__(self, *args, **kwargs):
        from .explorers import explore

        return explore(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
