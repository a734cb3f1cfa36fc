"""One exception tree for sitrep.

Errors of other libraries (lxml, spaCy, SQLAlchemy, gzip, …) are translated at
the boundary into these, with the document id attached where there is one. The
CLI and the API each render a ``SitrepError`` one way; anything else is a bug
and is reported with its traceback.
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base of every error sitrep raises on purpose."""

    def __init__(self, message: str, *, doc_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.doc_id = doc_id

    def __str__(self) -> str:
        return f"{self.doc_id}: {self.message}" if self.doc_id else self.message


class UsageError(SitrepError):
    """The caller asked for something that cannot be done (bad option, unknown id)."""


class ConfigError(UsageError):
    """A setting (database URL, model path, …) is missing or invalid."""


class NotFound(UsageError):
    """A requested object (article, event, data set) does not exist."""


class InputError(SitrepError):
    """An input document cannot be read or parsed."""


class Dropped(SitrepError):
    """A document is deliberately not kept: empty, binary, too large, no text, …

    A drop is an expected outcome, counted with its ``reason``; it is not a bug.
    """

    def __init__(self, reason: str, *, doc_id: str | None = None) -> None:
        super().__init__(reason, doc_id=doc_id)
        self.reason = reason


class PipelineError(SitrepError):
    """The pipeline is mis-assembled (a stage's needs are not met before it)."""


class ModelError(SitrepError):
    """A model or resource could not be loaded."""


class StorageError(SitrepError):
    """The store failed (connection, migration, constraint)."""


class EvalDataError(UsageError):
    """A development gold set is missing or malformed."""
