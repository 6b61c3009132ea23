"""Many articles: the batch run, its scheduler over worker processes, streamed output and Dask."""
