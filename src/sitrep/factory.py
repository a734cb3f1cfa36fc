"""Assembling the standard pipeline from its stages.

Models are loaded once here and handed to the stages that use them (no
module-level caches). ``upto`` cuts the pipeline after a stage, for commands
that need only part of it (``extract`` needs no spaCy at all).
"""

from __future__ import annotations

from .pipeline import Pipeline, Stage

#: The standard stage order after extraction.
STAGE_ORDER = ("parse", "entities", "actors", "places", "events")


def build_stages(upto: str = "events", kb: object | None = None,
                 sites: object | None = None) -> list[Stage]:
    """Instantiate the stages up to and including ``upto``; the actor stage learns
    into ``kb`` and the place stage into ``sites`` (``SiteProfiles``) when given."""
    if upto not in STAGE_ORDER:
        raise ValueError(f"unknown stage {upto!r}")
    names = STAGE_ORDER[: STAGE_ORDER.index(upto) + 1]
    from .nlp.parse import ParseStage, load_nlp

    nlp = load_nlp()
    stages: list[Stage] = [ParseStage(nlp=nlp)]
    if "entities" in names:
        from .nlp.entities import EntityStage

        stages.append(EntityStage(nlp=nlp))
    if "actors" in names:
        from .nlp.actors import ActorStage

        stages.append(ActorStage(kb=kb))
    if "places" in names:
        from .nlp.places import PlaceStage

        stages.append(PlaceStage(sites=sites))
    if "events" in names:
        from .events.coder import EventStage

        stages.append(EventStage())
    if "places" in names:
        from .nlp.captions import CaptionStage

        stages.append(CaptionStage(stages[: names.index("places") + 1]))
    return stages


def build_pipeline(annotate: bool = True, kb: object | None = None,
                   sites: object | None = None) -> Pipeline:
    """The extractor, followed by every stage when ``annotate`` is true."""
    from .extract import Extractor

    return Pipeline(Extractor(), build_stages(kb=kb, sites=sites) if annotate else [])
