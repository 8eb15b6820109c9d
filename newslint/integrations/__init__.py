"""Integrations with distributed engines (optional extras: ``pip install newslint[dask]``)."""
