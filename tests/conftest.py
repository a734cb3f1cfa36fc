"""Shared fixtures."""

import pytest

from helpers import CapitalStage, TextExtractor  # noqa: F401


@pytest.fixture
def tiny_pipeline():
    from sitrep.pipeline import Pipeline

    return Pipeline(TextExtractor(), [CapitalStage()])


@pytest.fixture
def store(tmp_path):
    from sitrep.store import Store

    s = Store.open(str(tmp_path / "t.db"))
    yield s
    s.close()
