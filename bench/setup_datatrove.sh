#!/usr/bin/env bash
# Create bench/.venv-datatrove with datatrove and what its quality filters need (PyPI only).
# The filters run offline: no model or data is downloaded at run time (see bench/README.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv-datatrove"
python3 -m venv "$venv"
"$venv/bin/pip" install -q --upgrade pip
# datatrove's word tokenizers use spaCy's blank language classes (no model download);
# the [processing] extra brings nltk, fasttext and the other filter dependencies, but not spaCy.
"$venv/bin/pip" install -q "datatrove[processing]==0.10.1" "spacy>=3.7,<4"
"$venv/bin/python" -c "import datatrove, spacy; print('datatrove', datatrove.__version__ if hasattr(datatrove, '__version__') else '', 'spacy', spacy.__version__)"
