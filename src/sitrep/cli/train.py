"""``sitrep train``: rebuild the models sitrep ships (``train ner``, ...)."""

from __future__ import annotations

from pathlib import Path

import click

from .. import evals


@click.group(name="train")
def train() -> None:
    """Rebuild a shipped model from the development data (offline, CPU)."""


@train.command(name="ner")
@click.option("--data", "data_dir", default=None, metavar="DIR",
              help="Development data folder (default: $SITREP_DATA or a shared/data found nearby).")
@click.option("--out", "out_dir", default=None, metavar="DIR",
              help="Where to save the model (default: the shipped sitrep/nlp/model).")
@click.option("--folds", type=int, default=5, show_default=True,
              help="Cross-validation folds scored before training (0: skip).")
@click.option("--epochs", type=int, default=None, help="Training epochs (default: TrainConfig).")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
def ner(data_dir: str | None, out_dir: str | None, folds: int, epochs: int | None,
        seed: int) -> None:
    """Train the domain NER on the permissively licensed re3d sentences and save it."""
    from ..nlp.entities import MODEL_DIR
    from ..nlp.train import TrainConfig, train_ner

    config = TrainConfig(seed=seed)
    if epochs is not None:
        config.epochs = epochs
    train_ner(evals.find_data_dir(data_dir), Path(out_dir) if out_dir else MODEL_DIR,
              config=config, folds=folds, log=click.echo)


@train.command(name="events")
@click.option("--data", "data_dir", default=None, metavar="DIR",
              help="Development data folder (default: $SITREP_DATA or a shared/data found nearby).")
@click.option("--out", "out_dir", default=None, metavar="DIR",
              help="Where to save the model (default: the shipped sitrep/events/model).")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
def events(data_dir: str | None, out_dir: str | None, seed: int) -> None:
    """Train the event classifier (PLOVER types and PentaClass) and save it."""
    from ..events.train import train_events

    clf = train_events(evals.find_data_dir(data_dir), Path(out_dir) if out_dir else None, seed=seed)
    click.echo(f"event model {clf.version}: {clf.meta}")


@train.command(name="flat-title")
@click.option("--data", "data_dir", default=None, metavar="DIR",
              help="Development data folder (default: $SITREP_DATA or a shared/data found nearby).")
@click.option("--l2", "lam", type=float, default=3.0, show_default=True,
              help="Pull of the weights towards the previous round's.")
def flat_title(data_dir: str | None, lam: float) -> None:
    """Fit the flat-text cleaner's title weights; print split-half figures and the weights
    (to paste into FlatTextOptions.title_weights)."""
    from ..extract.flat_title_fit import fit_title_weights

    fit_title_weights(evals.find_data_dir(data_dir), lam=lam, log=click.echo)
