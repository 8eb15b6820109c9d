from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# the shared reference data sits next to the checkout (../shared), or further up for nested worktrees
SHARED = next((d / "shared" for d in ROOT.parents if (d / "shared" / "corpus").is_dir()), ROOT.parent / "shared")
SEED = SHARED / "corpus" / "seed" / "macron-putin-call.txt"
CORPUS = SHARED / "corpus"

sys.path.insert(0, str(Path(__file__).resolve().parent))


def pytest_configure(config):
    config.addinivalue_line("markers", "corpus: reads the real articles in ../shared (skipped when absent)")


@pytest.fixture
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("../shared/corpus/seed is not present")
    return SEED


@pytest.fixture
def corpus_files() -> list[Path]:
    files = sorted(CORPUS.glob("*.jsonl"))
    if not files:
        pytest.skip("../shared/corpus is not present")
    return files


@pytest.fixture(scope="session")
def precommit_home(tmp_path_factory) -> Path:
    """One PRE_COMMIT_HOME for the session, so hook environments are built once for all tests."""
    return tmp_path_factory.mktemp("pre-commit-home")


def default_sigint() -> None:
    """``preexec_fn`` of a child the test will send Ctrl-C: SIGINT as a terminal starts a program.

    A background job of a non-interactive shell (``pytest ... &``) starts with SIGINT ignored, and
    Python then installs no KeyboardInterrupt handler, so a newslint run would rightly carry on."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
