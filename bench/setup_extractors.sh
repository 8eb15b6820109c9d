#!/usr/bin/env bash
# Create bench/.venv-extractors with the article extractors bench/extractors.py runs (PyPI only).
# They are not newslint dependencies: they live in their own environment so that their pins
# (lxml, charset detectors, NLTK...) never meet newslint's. Nothing is downloaded at run time:
# every extractor is handed the page's HTML string.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv-extractors"
python3 -m venv "$venv"
"$venv/bin/pip" install -q --upgrade pip
"$venv/bin/pip" install -q \
    "trafilatura>=1.12" "readability-lxml>=0.8" "newspaper4k>=0.9" "goose3>=3.1" \
    "justext>=3.0" "boilerpy3>=1.0" "inscriptis>=2.5" "html-text>=0.6" "resiliparse>=0.14" \
    "lxml_html_clean" "tinysegmenter" "jieba"
"$venv/bin/python" - <<'PY'
import importlib
for name in ("trafilatura", "readability", "newspaper", "goose3", "justext", "boilerpy3",
             "inscriptis", "html_text", "resiliparse"):
    mod = importlib.import_module(name)
    print(name, getattr(mod, "__version__", ""))
PY
