"""Reading inputs (files, directories, stdin, JSON Lines, WARC, feeds) into ``RawDocument``s."""

from .readers import DEFAULT_MAX_BYTES, iter_documents

__all__ = ["DEFAULT_MAX_BYTES", "iter_documents"]
