"""Analysis over the tables: count kinds and intervals, comparing sources, chronology, evaluation."""
