"""Storage: one small interface (``Store``) and one query layer (``query``)."""

from .store import DEFAULT_DB, Store, resolve_url

__all__ = ["DEFAULT_DB", "Store", "resolve_url"]
