"""nigerlens: analysis-ready tables from news about the 2023 Niger crisis, every row tied to its sentence.

Scratch-work use::

    import nigerlens as nl
    art = nl.load_article(nl.BUNDLED_ARTICLE)
    nl.deployments(art)

Names are imported on first use so that ``import nigerlens`` stays fast (pandas, matplotlib and
nltk load only when a table or a plot is asked for).
"""

from __future__ import annotations

from .lazy import lazy_exports

__version__ = "0.1.0"

_EXPORTS = {
    "Article": "article",
    "SetAside": "article",
    "BUNDLED_ARTICLE": "resources",
    "load_article": "load",
    "load_corpus": "load",
    "from_text": "load",
    "Corpus": "load",
    "LoadError": "load",
    "Gazetteer": "gazetteer",
    "default_gazetteer": "gazetteer",
    "deployments": "extractors.deployments",
    "bases": "extractors.bases",
    "events": "extractors.timeline",
    "quotes": "extractors.quotes",
    "positions": "extractors.positions",
    "taxonomy": "taxonomy",
    "merge_events": "chronology",
    "compare_deployments": "compare",
    "deployment_reports": "compare",
    "positions_over_time": "compare",
    "anchor_shift": "extractors.timeline",
    "set_aside": "pipeline",
    "tabulate": "pipeline",
    "extract": "pipeline",
    "write_tables": "export",
    "extract_to": "stream",
    "read_parquet_tables": "stream",
    "extract_dask": "distributed",
    "explore": "explore",
    "explore_deployments": "explore",
    "explore_bases": "explore",
    "explore_timeline": "explore",
    "explore_quotes": "explore",
    "explore_positions": "explore",
    "plot_troops": "plots",
    "plot_bases_map": "plots",
    "plot_timeline": "plots",
    "plot_stance_matrix": "plots",
    "plot_attribution": "plots",
    "plot_troop_reports": "plots",
    "plot_chronology": "plots",
    "show_evidence": "evidence",
    "set_aside_html": "evidence",
}
__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)
