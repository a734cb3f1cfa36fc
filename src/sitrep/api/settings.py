"""Settings of the HTTP API and web UI, and the bind-address safety check."""

from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass

from ..errors import ConfigError

#: Default address: loopback only, so a laptop's API is not open to its network.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765

#: Largest ingestion request body (bytes). 20 MB holds a few thousand articles
#: of JSON Lines; bigger batches belong to ``sitrep ingest``.
MAX_INGEST_BYTES = 20 * 1024 * 1024

#: Environment variable holding the write token.
TOKEN_ENV = "SITREP_TOKEN"
#: Environment variable that turns annotation of ingested documents off ("0").
ANNOTATE_ENV = "SITREP_ANNOTATE"


@dataclass
class Settings:
    """What ``create_app`` needs besides the store.

    ``token`` guards every writing endpoint (ingest, watchlists); when it is
    None writes are refused. ``host``/``port`` are only used by ``sitrep serve``.
    """

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    token: str | None = None
    max_ingest_bytes: int = MAX_INGEST_BYTES
    annotate: bool = True

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        """Settings with the token taken from ``$SITREP_TOKEN`` and annotation from
        ``$SITREP_ANNOTATE`` ("0" = off) unless given."""
        values: dict[str, object] = {"token": os.environ.get(TOKEN_ENV) or None,
                                     "annotate": os.environ.get(ANNOTATE_ENV, "1") != "0"}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(settings: Settings) -> None:
    """Refuse to listen beyond loopback without a write token configured."""
    if not is_loopback(settings.host) and not settings.token:
        raise ConfigError(
            f"refusing to bind to {settings.host}: writing endpoints would be open to the "
            f"network. Set a token (--token or ${TOKEN_ENV}) or bind to {DEFAULT_HOST}.")


def new_token() -> str:
    """A random write token for a local session."""
    return secrets.token_urlsafe(24)


def token_matches(given: str | None, expected: str | None) -> bool:
    """Constant-time token comparison; False when no token is configured."""
    if not expected or not given:
        return False
    return secrets.compare_digest(given.encode(), expected.encode())
