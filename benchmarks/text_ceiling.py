"""What the text alone can say of the human labels: the work activities they follow (prints figures; asserts nothing).

Usage::

    python benchmarks/text_ceiling.py [--mirror ../shared/data] [--seeds 0 1]

Under the grouped cross-validation of the agreement report (5 folds by SOC 6-digit code,
:func:`exposure.scoring._train.grouped_folds`), for each fold seed, prints:

- ``dwa_kappa``: Cohen's kappa of a label read off the held-out task's detailed work
  activities (DWAs) alone, as O*NET 29.1 links them to the task: each DWA's label
  distribution over the training folds' labelled tasks (add-0.5 smoothing), multiplied
  over the task's DWAs (naive Bayes), its most probable class. No word of the task is
  read. Tasks none of whose DWAs is linked to a training task (and tasks without a DWA)
  get the training folds' most frequent label; ``dwa_covered`` is the share that had at
  least one, and ``dwa_kappa_covered`` the kappa on those alone.
- ``hit1``, ``hit5``: the share of held-out tasks one of whose DWAs is the first (or among
  the first five) of a text classifier's DWAs: a linear SVM (scikit-learn ``LinearSVC``,
  C 0.5) on word 1-2 gram TF-IDF of the training folds' statements, one row per
  (task, DWA) link, English stop words left out.
- ``dwa_from_text_kappa``: the kappa of the label read off the classifier's first DWA
  (that DWA's most probable label in the training folds).
- ``tfidf_lr_kappa``: the plain scikit-learn baseline of the agreement report
  (:func:`exposure.reports.agreement.baseline_cv`, text alone), for scale.

The labelled tasks are those of the train split of Eloundou et al. in the mirror; their
DWAs come from O*NET 29.1 (``Tasks to DWAs.txt``). 1.5 to 3 minutes a fold seed on the two-core
reference machine. Figures and what they mean: docs/validation/agreement.md ("What the
labels follow").
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from exposure.measures.eloundou import load_task_labels
from exposure.onet import load_onet
from exposure.reports.agreement import baseline_cv
from exposure.scoring._evaluate import cohen_kappa
from exposure.scoring._train import grouped_folds, training_frame

SMOOTH = 0.5


def _dwa_label_table(train: pd.DataFrame) -> pd.DataFrame:
    """Log label distribution (E0, E1, E2) of each DWA over the training rows' links."""
    links = train[["dwas", "y"]].explode("dwas").dropna(subset=["dwas"])
    counts = pd.crosstab(links["dwas"], links["y"]).reindex(columns=[0, 1, 2], fill_value=0)
    counts = counts + SMOOTH
    return np.log(counts.div(counts.sum(axis=1), axis=0))


def _fold(rows: pd.DataFrame, held: np.ndarray) -> pd.DataFrame:
    """Each held-out task's predictions of one fold (columns as the module docstring's figures)."""
    train, test = rows[~held], rows[held]
    prior = int(np.bincount(train["y"], minlength=3).argmax())
    table = _dwa_label_table(train)
    known = set(table.index)
    out = pd.DataFrame({"y": test["y"].to_numpy()}, index=test.index)

    seen = [[d for d in dwas if d in known] for dwas in test["dwas"]]
    out["dwa_covered"] = [bool(s) for s in seen]
    out["dwa"] = [int(table.loc[s].to_numpy().sum(axis=0).argmax()) if s else prior for s in seen]

    links = train[["task", "dwas"]].explode("dwas").dropna(subset=["dwas"])
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, stop_words="english")
    svm = LinearSVC(C=0.5).fit(vec.fit_transform(links["task"]), links["dwas"].to_numpy())
    top = np.argsort(-svm.decision_function(vec.transform(test["task"])), axis=1)[:, :5]
    classes = svm.classes_
    truth = [set(d) for d in test["dwas"]]
    out["hit1"] = [classes[t[0]] in s for t, s in zip(top, truth)]
    out["hit5"] = [bool(s.intersection(classes[t])) for t, s in zip(top, truth)]
    out["dwa_from_text"] = table.reindex(classes[top[:, 0]]).to_numpy().argmax(axis=1)
    return out


def _figures(pred: pd.DataFrame) -> dict:
    """Kappas and shares of a frame of :func:`_fold` predictions."""
    y = pred["y"].to_numpy()
    return {"dwa_kappa": cohen_kappa(y, pred["dwa"].to_numpy()),
            "dwa_covered": pred["dwa_covered"].mean(),
            "dwa_kappa_covered": cohen_kappa(y[pred["dwa_covered"]], pred.loc[pred["dwa_covered"], "dwa"].to_numpy()),
            "hit1": pred["hit1"].mean(), "hit5": pred["hit5"].mean(),
            "dwa_from_text_kappa": cohen_kappa(y, pred["dwa_from_text"].to_numpy()),
            "tfidf_lr_kappa": cohen_kappa(y, pred["tfidf_lr"].to_numpy())}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", default="../shared/data")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    args = parser.parse_args(argv)

    labels = load_task_labels(mirror=args.mirror)
    rows = training_frame(labels, load_onet("29.1", mirror=args.mirror)).reset_index(drop=True)
    n_dwa = int(rows["dwas"].map(len).gt(0).sum())
    print(f"labelled tasks: {len(rows)}, with at least one DWA in O*NET 29.1: {n_dwa}")
    for seed in args.seeds:
        start = time.perf_counter()
        folds = grouped_folds(rows["soc6"], 5, seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", category=FutureWarning)
            per = [_fold(rows, folds == k) for k in range(5)]
        baseline = baseline_cv(rows, folds).argmax(axis=1)
        for pred in per:
            pred["tfidf_lr"] = baseline[pred.index]
        pooled = _figures(pd.concat(per, ignore_index=True))
        by_fold = [_figures(p) for p in per]
        print(f"fold seed {seed} ({time.perf_counter() - start:.0f} s), all held-out tasks (and by fold):")
        for name, value in pooled.items():
            print(f"  {name:20s} {value:.3f}   (" + ", ".join(f"{f[name]:.3f}" for f in by_fold) + ")")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
