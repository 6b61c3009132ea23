"""One module per table: each exposes a function named for its table, taking
``(article, *, gazetteer=None)`` and returning a DataFrame with the table's schema."""
