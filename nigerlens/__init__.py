"""nigerlens: analysis-ready tables from news about the 2023 Niger crisis, every row tied to its sentence.

Scratch-work use::

    import nigerlens as nl
    art = nl.load_article(nl.BUNDLED_ARTICLE)
    nl.deployments(art)

Names are imported on first use so that ``import nigerlens`` stays fast (pandas, matplotlib and
nltk load only when a table or a plot is asked for).
"""

from __future__ import annotations

from nigerlens._lazy import lazy_exports

__version__ = "0.1.0"

_EXPORTS = {
    "Article": "text.article",
    "SetAside": "text.spans",
    "BUNDLED_ARTICLE": "resources",
    "load_article": "ingest.load",
    "load_corpus": "ingest.load",
    "from_text": "ingest.load",
    "Corpus": "ingest.load",
    "LoadError": "ingest.load",
    "Gazetteer": "rules.gazetteer",
    "default_gazetteer": "rules.gazetteer",
    "deployments": "extractors.deployments",
    "bases": "extractors.bases",
    "events": "extractors.events",
    "quotes": "extractors.quotes",
    "positions": "extractors.positions",
    "taxonomy": "rules.issues",
    "merge_events": "analysis.chronology",
    "compare_deployments": "analysis.compare",
    "deployment_reports": "analysis.compare",
    "positions_over_time": "analysis.compare",
    "anchor_shift": "extractors.events",
    "set_aside": "extractors.run",
    "tabulate": "extractors.run",
    "extract": "corpus.extract",
    "write_tables": "tables.export",
    "extract_to": "corpus.stream",
    "read_parquet_tables": "corpus.stream",
    "extract_dask": "corpus.dask",
    "explore": "explorers",
    "explore_deployments": "explorers",
    "explore_bases": "explorers",
    "explore_timeline": "explorers",
    "explore_quotes": "explorers",
    "explore_positions": "explorers",
    "plot_troops": "plots",
    "plot_bases_map": "plots",
    "plot_timeline": "plots",
    "plot_stance_matrix": "plots",
    "plot_attribution": "plots",
    "plot_troop_reports": "plots",
    "plot_chronology": "plots",
    "apply_reviews": "review.apply",
    "show_evidence": "outputs.evidence",
    "set_aside_html": "outputs.evidence",
}
__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)
