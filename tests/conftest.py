"""Fixtures shared by the whole suite.

``shared_dir`` is the one way tests reach ``../shared`` (seeds, gold sets, TEI schemas);
``ALINEA_SHARED`` overrides its location. Outside CI a missing ``shared/`` skips the tests
that need it; in CI (``CI=true``) it is an error, because CI always has it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The project's shared data folder (``../shared`` or ``$ALINEA_SHARED``)."""
    path = Path(os.environ.get("ALINEA_SHARED", REPO.parent / "shared")).resolve()
    if not (path / "data").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"shared data folder not found at {path} (set ALINEA_SHARED)")
        pytest.skip(f"shared data folder not found at {path}")
    return path


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    """The real mid.ru transcripts in ``shared/seeds``."""
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """alinea's own sample corpus in ``examples/``."""
    return EXAMPLES
