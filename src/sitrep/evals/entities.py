"""``entities-re3d``: strict span+type F1 of the entity stage on re3d, by cross-validation.

Every development sentence is scored once, held out in one of ``opts.folds`` folds. For
each fold a domain NER is trained on the *permissively licensed* sentences of the other
folds (what the shipped model may legally learn from) and the whole ``EntityStage``
(rules + gazetteers + that model + stock fallback) is scored, with re3d's span convention
(``style="re3d"``: titles inside Person spans); the F1 of the shipped default ``names``
style (Person spans trimmed to the name) is given too. When ``opts.limit`` is not
set, a second run trains on *all* sentences of the other folds, for comparison, and the
stock en_core_web_sm entities mapped to re3d labels are scored as a baseline.

Labels absent from the CoNLL conversion of re3d (Vehicle, Exercise, ...) are not scored.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from ..errors import EvalDataError
from . import EvalOptions, EvalReport


def re3d(opts: EvalOptions) -> EvalReport:
    """Cross-validated entity F1 on re3d (micro and per label) and the stock baseline."""
    from ..nlp import train as tr
    from ..nlp.entities import stock_spans
    from ..nlp.parse import load_nlp

    stock = load_nlp()
    sentences = tr.read_re3d(opts.data_dir)
    if opts.limit:
        sentences = sentences[:opts.limit]
    items = tr.prepare(stock, sentences)
    report = EvalReport("entities-re3d")
    config = tr.TrainConfig(seed=opts.seed)
    runs = [("permissive", True)] + ([("all", False)] if not opts.limit else [])
    variants = {"re3d": {"style": "re3d"}, "names": {"style": "names"}}
    for name, permissive in runs:
        started = time.time()
        scores = tr.cross_validate(stock, items, config, folds=opts.folds,
                                   permissive_only=permissive, seed=opts.seed,
                                   variants=variants)
        prefix = "" if permissive else "all_"
        report.metrics.update(scores["re3d"].metrics(prefix=prefix))
        report.metrics[f"{prefix}names_style_f1"] = scores["names"].prf()[2]
        report.lines.append(scores["re3d"].table(
            f"## sitrep entities (re3d span style), {opts.folds}-fold CV, trained on the "
            f"{name} part of the other folds ({time.time() - started:.0f}s)"))
        report.lines.append(f"(shipped 'names' style, titles trimmed from Person spans: "
                            f"F1 {scores['names'].prf()[2]:.3f})")
    baseline = tr.Scores()
    for item in items:
        pred = {(s, e, label) for s, e, label, _ in stock_spans(item.doc)}
        baseline.add(tr.gold_spans(item.sentence.tags), pred)
    report.metrics.update(baseline.metrics(prefix="stock_"))
    report.lines.append(baseline.table("## stock en_core_web_sm, labels mapped to re3d"))
    report.lines.append(f"sentences: {len(items)} ({sum(s.permissive for s in sentences)} "
                        f"permissive); seed {opts.seed}")
    texts = [" ".join(s.words) for s in sentences]
    texts = [" ".join(texts[i:i + SPEED_SENTENCES_PER_TEXT])
             for i in range(0, len(texts), SPEED_SENTENCES_PER_TEXT)]
    report.metrics.update(speed(stock, texts))
    report.lines.append("## speed (words per CPU second, best of {}): en_core_web_sm alone "
                        "{:.0f}; parse + entities {:.0f}; ratio {:.2f}".format(
                            SPEED_REPEATS, report.metrics["words_per_s_stock"],
                            report.metrics["words_per_s_stages"], report.metrics["speed_ratio"]))
    return report


def re3d_shipped(opts: EvalOptions) -> EvalReport:
    """The shipped model and stage, as they are, on re3d sentences they never learnt
    from: the development sentences whose licence kept them out of training, and every
    sentence of any other ``*.conll`` file beside ``train.conll`` (a test split)."""
    from ..nlp import train as tr
    from ..nlp.entities import EntityStage
    from ..nlp.parse import load_nlp

    base = Path(opts.data_dir)
    folder = next((f for f in (base, base / "re3d", base / "entities" / "re3d")
                   if any(f.glob("*.conll"))), None)
    if folder is None:
        raise EvalDataError(f"no re3d *.conll file under {base}")
    sets = []
    if (folder / "train.conll").is_file():  # the development set: its licence table too
        sets.append(("development sentences not trained on (licence)",
                     [s for s in tr.read_re3d(folder) if not s.permissive]))
    sets += [(path.name, tr.read_conll(path)) for path in sorted(folder.glob("*.conll"))
             if path.name != "train.conll"]
    stock = load_nlp()
    stages = {style: EntityStage(stock, style=style) for style in ("re3d", "names")}
    report = EvalReport("entities-re3d-shipped")
    for k, (name, sentences) in enumerate(sets):
        sentences = sentences[:opts.limit] if opts.limit else sentences
        if not sentences:
            continue
        items = tr.prepare(stock, sentences)
        scores = {style: tr.Scores() for style in stages}
        for style, stage in stages.items():
            tr.score_stage(stage, items, scores[style])
        prefix = "" if k == 0 else f"{Path(name).stem}_"  # the first set's figures unprefixed
        report.metrics.update(scores["re3d"].metrics(prefix=prefix))
        report.metrics[f"{prefix}names_style_f1"] = scores["names"].prf()[2]
        report.lines.append(scores["re3d"].table(
            f"## the shipped entity stage (re3d span style) on {name}: {len(items)} sentences"))
        report.lines.append(f"(shipped 'names' style: F1 {scores['names'].prf()[2]:.3f})")
    return report


#: Sentences joined into one text for the speed test (about a short news article).
SPEED_SENTENCES_PER_TEXT = 10
#: Timed repetitions; the best is kept. CPU time of this process is measured, not wall
#: time, so other work on a shared machine does not skew the ratio.
SPEED_REPEATS = 3


def speed(stock: Any, texts: list[str]) -> dict[str, float]:
    """Words per CPU second of en_core_web_sm alone, exactly as the package ships it, vs
    ``ParseStage`` + ``EntityStage`` (shipped model) on ``stock``, and their ratio."""
    from ..models import Article
    from ..nlp.entities import EntityStage
    from ..nlp.parse import PIPE_BATCH_SIZE, ParseStage, load_nlp

    parse, entities = ParseStage(stock), EntityStage(stock)
    shipped = load_nlp(fast=False)
    words = sum(len(t.split()) for t in texts)

    def stock_only() -> None:
        for _ in shipped.pipe(texts, batch_size=PIPE_BATCH_SIZE):
            pass

    def stages() -> None:
        arts = [Article(id=str(i), source="speed", text=t, content_hash=str(i))
                for i, t in enumerate(texts)]
        for _ in entities.pipe(parse.pipe(arts)):
            pass

    best = {"stock": float("inf"), "stages": float("inf")}
    for _ in range(SPEED_REPEATS + 1):  # the first round warms up
        for name, run in (("stock", stock_only), ("stages", stages)):
            started = time.process_time()
            run()
            best[name] = min(best[name], time.process_time() - started)
    return {"words_per_s_stock": words / best["stock"],
            "words_per_s_stages": words / best["stages"],
            "speed_ratio": best["stock"] / best["stages"]}
