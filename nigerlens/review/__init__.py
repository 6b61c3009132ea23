"""Analysts' review of the rows: decisions kept per article in plain JSON files, applied to the
tables of every later run, exported as gold annotations (see :mod:`nigerlens.review.store` and
:mod:`nigerlens.review.apply`)."""
