"""Shared fixtures: every test gets its own data folder and store; Hypothesis
runs without clocks."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"

# Hypothesis' default 200 ms deadline per example and its too_slow health
# check are wall-clock budgets: a busy machine fails them. Every test here
# runs without them (the time bars live in benchmarks/).
settings.register_profile("reader", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("reader")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point READER_HOME at a temp folder so no test touches the user's data."""
    home = tmp_path / "reader-home"
    monkeypatch.setenv("READER_HOME", str(home))
    monkeypatch.delenv("READER_DB", raising=False)
    return home
