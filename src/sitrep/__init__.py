"""sitrep: defence and security news to structured, deduplicated PLOVER events."""

__version__ = "0.1.0"
