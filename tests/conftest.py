"""Shared fixtures: every test gets its own data folder and store."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point READER_HOME at a temp folder so no test touches the user's data."""
    home = tmp_path / "reader-home"
    monkeypatch.setenv("READER_HOME", str(home))
    monkeypatch.delenv("READER_DB", raising=False)
    return home
