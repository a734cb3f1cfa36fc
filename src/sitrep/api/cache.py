"""A small per-app cache of aggregate queries (facets, network, country list).

Aggregates over a whole store of a million events take a second or more; they
only change when events are added, so each result is kept under its query key
and the store's largest event id (``query.last_event_id``), which any ingest
moves. Held by the app (``app.state.cache``), never at module level.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from ..store import Store
from ..store import query as Q

#: Results kept; each is at most a few hundred rows.
MAX_ENTRIES = 256


class AggregateCache:
    """LRU of aggregate results, keyed by (name, args, last event id)."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._data: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, store: Store, name: str, key: Any, compute: Callable[[], Any]) -> Any:
        """The cached result of ``compute`` for this key and store state."""
        full = (name, repr(key), Q.last_event_id(store))
        with self._lock:
            if full in self._data:
                self._data.move_to_end(full)
                return self._data[full]
        value = compute()
        with self._lock:
            self._data[full] = value
            while len(self._data) > self.max_entries:
                self._data.popitem(last=False)
        return value
