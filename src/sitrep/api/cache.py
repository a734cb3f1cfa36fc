"""A small per-app cache of aggregate queries (facets, network, country list).

Aggregates over a whole store of a million events take a second or more; they
only change when the data is written, so each result is kept under its query key
and the store's data version (``Store.version``), which every write moves,
whichever process makes it (merging happenings changes counts without adding
an event, so the largest event id is not enough). Held by the app
(``app.state.cache``), never at module level.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from ..store import Store

#: Results kept; each is at most a few hundred rows or an encoded dyad series
#: (up to about 80 kB for ten years by week), so at most some 40 MB.
MAX_ENTRIES = 512


class AggregateCache:
    """LRU of aggregate results, keyed by (name, args, data version)."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._data: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, store: Store, name: str, key: Any, compute: Callable[[], Any]) -> Any:
        """The cached result of ``compute`` for this key and store state."""
        full = (name, repr(key), store.version())
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
