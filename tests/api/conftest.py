"""Fixtures of the API tests: a seeded store and an in-process client."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.api_seed import seed
from helpers import CapitalStage, TextExtractor
from sitrep.api import Settings, create_app
from sitrep.pipeline import Pipeline
from sitrep.store import Store

TOKEN = "test-token-123"


@pytest.fixture
def seeded(tmp_path):
    store = Store.open(str(tmp_path / "api.db"))
    arts = seed(store)
    yield store, arts
    store.close()


@pytest.fixture
def app(seeded):
    store, _ = seeded
    return create_app(store, Settings(token=TOKEN),
                      pipeline=Pipeline(TextExtractor(), [CapitalStage()]))


@pytest.fixture
def client(app):
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture
def arts(seeded):
    return seeded[1]


@pytest.fixture
def auth():
    return {"Authorization": f"Bearer {TOKEN}"}
