"""Plots of the nigerlens tables: troops by actor, bases on a map of Niger, events on a timeline,
who stands where on each issue, and who is speaking through whom.

Each helper takes ``ax=None``, draws on that Axes (the current one by default), returns it and
passes ``**kwargs`` to matplotlib. Data are drawn as reported: an approximate count does not look
exact, a date range is a span rather than a point, and what cannot be drawn (a count without a
number, a base without coordinates, an undated event) is listed in a note instead. matplotlib,
basemap and pandas are imported inside the functions so that ``import nigerlens`` stays fast.

Artists that carry data have a ``gid`` (``nigerlens-bar:<kind>``, ``nigerlens-base``,
``nigerlens-span``, ``nigerlens-cell:<state>``, ``nigerlens-node:<kind>`` ...) so that tests and
callers can find them.
"""

from nigerlens.analysis.counts import count_kind
from nigerlens.plots.attribution import plot_attribution
from nigerlens.plots.bases_map import plot_bases_map
from nigerlens.plots.colors import ACTOR_COLORS, actor_colors
from nigerlens.plots.corpus import plot_chronology, plot_troop_reports
from nigerlens.plots.stance import plot_stance_matrix
from nigerlens.plots.timeline import plot_timeline
from nigerlens.plots.troops import plot_troops

__all__ = ["ACTOR_COLORS", "actor_colors", "count_kind", "plot_attribution", "plot_bases_map",
           "plot_stance_matrix", "plot_timeline", "plot_troops", "plot_chronology",
           "plot_troop_reports"]
