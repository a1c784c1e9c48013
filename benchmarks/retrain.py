"""How closely ``exposure train`` reproduces the shipped learned model (prints figures; asserts nothing).

Usage::

    python benchmarks/retrain.py [--mirror ../shared/data] [--threads N] [--artifact-dir DIR]

Retrains the learned scorer with ``exposure train`` (about 10 minutes on the two-core
reference machine, 1 GiB of memory) into a temporary directory, or reads a retrained
artifact already in ``--artifact-dir`` (its ``learned-v1.npz``, ``retrieval-v1.npz``,
``vectors-v1.npz`` and ``registry.txt``), then prints for each coefficient set the largest
difference from the shipped artifact's coefficients, and for the 18,796 O*NET 29.1 tasks
scored three ways (by their ids with the release, as text alone, as text with their code
and title) how many labels differ and the largest difference of a class probability.

``--threads N`` sets ``OMP_NUM_THREADS`` and ``OPENBLAS_NUM_THREADS`` for the training
process. The logistic regressions run on one BLAS thread whatever they say (since round 44:
with 2 threads their sums added in another order, and the coefficients moved), so two runs
with the same libraries give the same coefficients with any ``--threads``. Other library
builds or versions still make the regularised fits (L-BFGS) stop at slightly different
points, in directions the predictions barely depend on. The shipped artifact's ``onet`` and
``text`` sets were fitted before the environment of 4 December 2026 (its ``free`` set was
refitted then, with 2 BLAS threads): see docs/methods/scoring.md, "Retraining".
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from pathlib import Path

import numpy as np

from exposure import score_tasks
from exposure.onet import load_onet
from exposure.scoring.learned import load_model, shipped_model_path


def _train(out: Path, mirror: str, threads: int | None) -> float:
    env = dict(os.environ)
    if threads:
        env.update(OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "exposure", "train", "--mirror", mirror,
                    "--out", str(out / "learned-v1.npz")], check=True, env=env)
    return time.perf_counter() - start


def _coefficients(path: Path) -> dict[str, np.ndarray]:
    with zipfile.ZipFile(path) as z, np.load(path, allow_pickle=False) as arrays:
        names = [n[:-4] for n in z.namelist() if n.startswith(("coef_", "intercept_"))]
        return {n: arrays[n] for n in names}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mirror", default=os.environ.get("EXPOSURE_MIRROR", "../shared/data"))
    ap.add_argument("--threads", type=int, default=None, help="BLAS threads of the training run")
    ap.add_argument("--artifact-dir", default=None, help="a retrained artifact's directory (no training)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="exposure-retrain-") as tmp:
        folder = Path(args.artifact_dir) if args.artifact_dir else Path(tmp)
        if not args.artifact_dir:
            print(f"exposure train: {_train(folder, args.mirror, args.threads):.0f} s")
        shipped, again = _coefficients(shipped_model_path()), _coefficients(folder / "learned-v1.npz")
        for name in sorted(shipped):
            same = " (byte-identical)" if np.array_equal(shipped[name], again[name]) else ""
            print(f"{name:16s} largest |difference| from the shipped coefficients: "
                  f"{float(np.abs(shipped[name] - again[name]).max()):.3g}{same}")
        onet = load_onet("29.1", mirror=args.mirror)
        tasks = onet.tasks
        ways = {"by id": (tasks, {"onet": onet}), "text alone": (tasks[["task"]], {}),
                "text + code": (tasks.drop(columns=["task_id"]), {})}
        models = {"shipped": load_model(),
                  "retrained": load_model(folder / "learned-v1.npz", registry=folder / "registry.txt")}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for way, (frame, extra) in ways.items():
                a, b = (score_tasks(frame, model=m, **extra) for m in models.values())
                dp = max(float(np.abs(a[c] - b[c]).max()) for c in ("p_e0", "p_e1", "p_e2"))
                print(f"{way:12s} {len(a):,} tasks: {int((a['label'] != b['label']).sum())} labels differ, "
                      f"largest |probability difference| {dp:.2g}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
