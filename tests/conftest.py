"""Shared fixtures: the news corpus that tests read real inputs from."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus folder, from NEWSWIRE_CORPUS or beside the clone; tests skip without it."""
    configured = os.environ.get("NEWSWIRE_CORPUS")
    path = Path(configured) if configured else REPO_ROOT.parent / "shared" / "corpus"
    if not path.is_dir():
        pytest.skip(f"news corpus not found at {path}: set NEWSWIRE_CORPUS to the shared corpus folder")
    return path
