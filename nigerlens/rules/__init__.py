"""Language rules as code over data: the gazetteer, clauses, counts, dates, speakers and issues."""
