"""Fixtures of the batch tests: databases on both backends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from helpers import backend_url

@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> Iterator[str]:
    """An empty database on each backend (PostgreSQL needs SITREP_TEST_PG_URL)."""
    yield from backend_url(request.param, tmp_path)
