"""HTTP API and web UI of sitrep (``sitrep serve``)."""

from .app import create_app
from .settings import Settings, check_bind

__all__ = ["Settings", "check_bind", "create_app"]
