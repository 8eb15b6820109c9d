"""Integrations with data tools, each an optional extra: Dask (``newslint[dask]``), pandas
(``newslint[pandas]``), Hugging Face datasets (``newslint[hf]``) and datatrove (``newslint[datatrove]``)."""
