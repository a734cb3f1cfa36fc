"""`sitrep serve` bind safety and `sitrep watch`."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from sitrep.api.settings import Settings, check_bind, is_loopback, token_matches
from sitrep.cli import main
from sitrep.errors import ConfigError
from sitrep.store import query as Q
from sitrep.store import watchlists as W


def test_loopback_detection():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2") and not is_loopback("example.org")


def test_binding_elsewhere_needs_a_token():
    with pytest.raises(ConfigError, match="refusing to bind to 0.0.0.0"):
        check_bind(Settings(host="0.0.0.0"))
    check_bind(Settings(host="0.0.0.0", token="x"))
    check_bind(Settings())


def test_token_comparison():
    assert token_matches("abc", "abc") and not token_matches("abd", "abc")
    assert not token_matches(None, "abc") and not token_matches("abc", None)


def test_serve_refuses_public_bind_without_token(tmp_path, monkeypatch):
    monkeypatch.delenv("SITREP_TOKEN", raising=False)
    out = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "x.db"), "--host", "0.0.0.0"])
    assert out.exit_code == 2
    assert "refusing to bind to 0.0.0.0" in out.output


def test_watch_prints_new_events_and_marks_seen(seeded, tmp_path):
    store, _ = seeded
    db = str(store.engine.url.database)
    W.save(store, "pair", Q.EventFilter(dyad=("CHN", "RUS"), types=["AGREE"]))
    run = CliRunner().invoke
    out = run(main, ["watch", "--db", db])
    assert out.exit_code == 0, out.output
    assert "# pair: 2 new since the start" in out.output and "AGREE" in out.output
    out = run(main, ["watch", "pair", "--db", db, "--seen", "--format", "json"])
    assert out.exit_code == 0 and len(out.output.strip().splitlines()) == 2
    out = run(main, ["watch", "pair", "--db", db])
    assert "0 new" in out.output and "(none)" in out.output
    out = run(main, ["watch", "nope", "--db", db])
    assert out.exit_code == 2 and "no watchlist" in out.output


def test_worker_factory_reads_store_and_token_from_env(tmp_path, monkeypatch):
    """``app_from_env`` is what each uvicorn worker process builds."""
    from fastapi.testclient import TestClient

    from sitrep.api.app import app_from_env

    monkeypatch.setenv("SITREP_DB", str(tmp_path / "w.db"))
    monkeypatch.setenv("SITREP_TOKEN", "worker-token")
    app = app_from_env()
    assert app.state.settings.token == "worker-token"
    assert TestClient(app).get("/api/health").json()["counts"]["events"] == 0
    assert (tmp_path / "w.db").exists()


def test_serve_with_two_worker_processes(tmp_path):
    """`sitrep serve --workers 2`: real processes answer, writes need the token."""
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "SITREP_TOKEN": "t0ken"}
    sitrep = str(Path(sys.executable).parent / "sitrep")
    proc = subprocess.Popen([sitrep, "serve", "--db", str(tmp_path / "m.db"),
                             "--port", str(port), "--workers", "2", "--no-annotate"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            raise AssertionError(proc.stderr.read1().decode() if proc.poll() is not None else "no answer")
        body, plain = "Navy ships sailed from the port on Monday.", {"content-type": "text/plain"}
        denied = httpx.post(base + "/api/ingest", content=body, headers=plain, timeout=30)
        assert denied.status_code == 401
        ok = httpx.post(base + "/api/ingest", content=body, timeout=30,
                        headers={**plain, "Authorization": "Bearer t0ken"})
        assert ok.status_code == 200, ok.text
        counts = {httpx.get(base + "/api/health", timeout=5).json()["counts"]["articles"]
                  for _ in range(6)}  # whichever process answers sees the write
        assert counts == {1}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
