"""Evaluation commands over the development gold sets in ``shared/data``.

Each entry maps a set's name to ``module:function``; the function takes an
``EvalOptions`` and returns an ``EvalReport``. Entries are imported only when
run, so a missing optional resource never breaks the CLI.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EvalDataError, NotFound

#: name → "module:function" of every evaluation.
EVALS: dict[str, str] = {
    "extraction-zyte": "sitrep.evals.extraction:zyte",
    "extraction-wcxb": "sitrep.evals.extraction:wcxb",
    "extraction-flattext": "sitrep.evals.extraction:flattext",
    "entities-re3d": "sitrep.evals.entities:re3d",
    "entities-re3d-shipped": "sitrep.evals.entities:re3d_shipped",
    "actors-ngec": "sitrep.evals.actors:ngec",
    "geo-lgl": "sitrep.evals.geo:lgl",
    "events-plover": "sitrep.evals.events:plover",
    "events-pentaclass": "sitrep.evals.events:pentaclass",
}


@dataclass
class EvalOptions:
    """What every evaluation takes: where the data is, and how much of it to use."""

    data_dir: Path
    limit: int | None = None
    folds: int = 5
    seed: int = 0


@dataclass
class EvalReport:
    """Figures of one evaluation: ``metrics`` for machines, ``lines`` for people."""

    name: str
    metrics: dict[str, float] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def text(self) -> str:
        """The report as printed by ``sitrep eval``."""
        head = [f"# {self.name}"]
        body = self.lines or [f"{k}: {v:.4f}" if isinstance(v, float) else f"{k}: {v}"
                              for k, v in self.metrics.items()]
        return "\n".join(head + body)


def find_data_dir(explicit: str | None = None) -> Path:
    """Locate the development data: ``explicit``, ``$SITREP_DATA``, or ``shared/data``
    found beside or above the current directory or this checkout."""
    candidates = [explicit, os.environ.get("SITREP_DATA")]
    here = Path.cwd().resolve()
    repo = Path(__file__).resolve().parents[3]
    for base in (here, *here.parents, repo, *repo.parents):
        candidates += [str(base / "shared" / "data")]
    for cand in candidates:
        if cand and Path(cand).is_dir():
            return Path(cand)
    raise EvalDataError("development data not found: give --data DIR or set SITREP_DATA")


def get(name: str) -> Callable[[EvalOptions], EvalReport]:
    """Return the evaluation function registered under ``name``."""
    try:
        target = EVALS[name]
    except KeyError:
        raise NotFound(f"unknown evaluation {name!r}; known: {', '.join(sorted(EVALS))}") from None
    module, func = target.split(":")
    return getattr(importlib.import_module(module), func)
