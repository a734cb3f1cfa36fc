"""The FastAPI application: JSON API under ``/api``, web pages, static files.

``create_app(store, settings)`` builds an app around an open ``Store``; the
routes read through ``sitrep.store.query`` only (no SQL here). The ingestion
pipeline is built lazily on the first ingest (``sitrep.factory.build_pipeline``)
unless one is handed in (tests pass a tiny one).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..errors import ModelError, SitrepError
from ..pipeline import Pipeline
from ..service import Ingestor
from ..store import Store
from . import errors
from .cache import AggregateCache
from .settings import Settings

HERE = Path(__file__).resolve().parent

#: Content-Security-Policy of every response: only this origin's scripts,
#: styles and data; no inline script, no plug-ins, no framing, no base tag.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")

#: Other security headers of every response.
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

#: The CSP of the OpenAPI docs page (Swagger UI is not served: no CDN).
API_DESCRIPTION = """Read and search the sitrep store: articles, events, actors, places,
dyad time series, exports and watchlists. Writing endpoints (ingest, watchlists)
need the token (``Authorization: Bearer <token>``). Every error has one shape:
``{"error": {"status", "code", "message", "details"}}``."""


class PipelineHolder:
    """The ingestor (pipeline, KB, story index), built once on first use (models load slowly)."""

    def __init__(self, store: Store, pipeline: Pipeline | None, annotate: bool) -> None:
        self._store = store
        self._pipeline = pipeline
        self._annotate = annotate
        self._ingestor: Ingestor | None = None
        self._lock = threading.Lock()

    def get(self) -> Ingestor:
        """The ingestor, building it on first call."""
        with self._lock:
            if self._ingestor is None:
                try:
                    self._ingestor = Ingestor.standard(self._store, self._annotate, self._pipeline)
                except SitrepError:
                    raise
                except Exception as exc:  # noqa: BLE001 - a missing stage or model
                    raise ModelError(f"cannot build the ingestion pipeline: {exc}") from exc
            return self._ingestor


def create_app(store: Store, settings: Settings | None = None,
               pipeline: Pipeline | None = None) -> FastAPI:
    """The sitrep web app over ``store``."""
    from . import pages, routes_read, routes_write

    settings = settings or Settings.from_env()
    app = FastAPI(title="sitrep", version=_version(), description=API_DESCRIPTION,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.store = store
    app.state.settings = settings
    app.state.pipeline = PipelineHolder(store, pipeline, settings.annotate)
    app.state.ingest_lock = threading.Lock()
    app.state.cache = AggregateCache()
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["nav"] = pages.NAV
    app.state.templates = templates
    errors.install(app)

    app.add_middleware(SecurityHeaders)
    app.include_router(routes_read.router)
    app.include_router(routes_write.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    return app


def app_from_env() -> FastAPI:
    """The app over the store named by ``$SITREP_DB`` with ``Settings.from_env()``.

    The factory uvicorn calls in each worker process when serving with several
    (``uvicorn --factory --workers N sitrep.api.app:app_from_env``): the API is
    CPU-bound Python, so one process uses one core however many threads it has.
    Each worker has its own connections and caches (caches key on the store's
    data version, so a write through one worker is seen by the others).
    """
    return create_app(Store.open(None), Settings.from_env())


class SecurityHeaders:
    """ASGI middleware: security headers on every response, and any bug answered
    in the one error shape (with the headers) instead of a bare 500.

    A plain ASGI class rather than ``@app.middleware("http")``: the latter costs
    a few milliseconds per request under load (measured with bench/api_bench.py).
    """

    def __init__(self, app: Any) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                have = {k for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in self.headers if h[0] not in have]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:  # noqa: BLE001 - a bug: answered in the one error shape
            errors.log.exception("bug on %s", scope.get("path"))
            if started:
                raise
            response = errors.render(Request(scope), 500,
                                     "internal error (the server log has the traceback)")
            await response(scope, receive, send_with_headers)


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("sitrep")
    except Exception:  # noqa: BLE001 - not installed (source tree)
        return "0"
