"""One JSON shape for every API error, and the handlers that produce it.

Every error, whether raised by sitrep (``SitrepError``), by FastAPI's request
validation (422), by routing (404/405) or by a bug (500), is answered as::

    {"error": {"status": 404, "code": "not_found", "message": "...", "details": [...]}}

``details`` is a list (empty unless validation failed). Pages a browser asks
for (``Accept: text/html`` outside ``/api/``) get the same facts as an HTML page.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import (
    ConfigError, InputError, ModelError, NotFound, SitrepError, StorageError, UsageError,
)

log = logging.getLogger("sitrep.api")

#: HTTP status → error code of the JSON shape.
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 406: "not_acceptable", 413: "too_large",
         415: "unsupported_media_type", 422: "invalid_request", 500: "internal_error",
         501: "not_implemented", 503: "unavailable"}


class ApiError(Exception):
    """An error with an HTTP status, raised by route code."""

    def __init__(self, status: int, message: str, details: list[Any] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details or []


def error_body(status: int, message: str, details: list[Any] | None = None) -> dict[str, Any]:
    """The JSON error shape."""
    return {"error": {"status": status, "code": CODES.get(status, "error"),
                      "message": message, "details": details or []}}


def status_of(exc: SitrepError) -> int:
    """HTTP status of a sitrep error."""
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, ConfigError):
        return 500
    if isinstance(exc, (UsageError, InputError)):
        return 400
    if isinstance(exc, (StorageError, ModelError)):
        return 503
    return 500


def _wants_html(request: Request) -> bool:
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


def render(request: Request, status: int, message: str,
           details: list[Any] | None = None, headers: dict[str, str] | None = None):
    """The error response: JSON, or an HTML page for a browser's page request."""
    if _wants_html(request):
        templates = request.app.state.templates
        return templates.TemplateResponse(request, "error.html", {
            "status": status, "message": message, "details": details or []},
            status_code=status, headers=headers)
    return JSONResponse(error_body(status, message, details), status_code=status, headers=headers)


def _clean_validation(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Validation errors as plain JSON (``input``/``ctx`` may hold non-JSON values)."""
    return [{"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", "")),
             "type": str(e.get("type", ""))} for e in errors]


def install(app: FastAPI) -> None:
    """Register the handlers that give every error the one shape."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error")
        return render(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        return render(request, 422, "invalid request", _clean_validation(list(exc.errors())))

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        return render(request, exc.status, exc.message, exc.details)

    @app.exception_handler(SitrepError)
    async def sitrep_error(request: Request, exc: SitrepError):
        status = status_of(exc)
        if status >= 500:
            log.error("server error on %s: %s", request.url.path, exc)
        return render(request, status, str(exc))

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception):
        log.exception("bug on %s", request.url.path)
        return render(request, 500, "internal error (the server log has the traceback)")


__all__ = ["ApiError", "error_body", "install", "render", "status_of"]
