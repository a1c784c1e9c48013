"""Reproduce Eloundou et al. (2023) from their published train-split labels.

Run ``python -m exposure.rollup.reproduction --mirror ../shared/data`` to write
``data/processed/reports/reproduction_occ_level.csv`` (the occupation-level check) and
``data/processed/reports/workforce_2021.csv`` (workforce shares with OEWS May 2021).
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import numpy as np
import pandas as pd

from exposure.rollup._occupations import scores_from_labels, to_occupations
from exposure.rollup._soc import coverage, to_soc

__all__ = [
    "LABELERS",
    "read_labels",
    "reproduce_occ_level",
    "workforce_shares",
    "reproduce_workforce_2021",
    "coverage_table",
    "main",
]

log = logging.getLogger(__name__)

LABELS_FILE = "reference/eloundou2023/full_labelset_train.tsv"
OCC_LEVEL_FILE = "reference/eloundou2023/occ_level_train.csv"

#: Label column of the labels file and prefix of the occ_level columns, by labeler.
LABELERS = {"human": ("human_exposure_agg", "human_rating"), "gpt4": ("gpt4_exposure", "dv_rating")}

#: The paper's headline figures (share of workers with at least 10% / at least 50% of
#: their tasks exposed).
PAPER = {"ge_10": 0.80, "ge_50": 0.19}


def read_labels(path) -> pd.DataFrame:
    """Read ``full_labelset_train.tsv`` to ``onetsoc_code, task_id, task_type`` + label columns.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "l.tsv"
    >>> _ = p.write_text("\\tO*NET-SOC Code\\tTask ID\\tTask Type\\thuman_exposure_agg\\tgpt4_exposure\\n"
    ...                  "0\\t11-1011.00\\t8823.0\\tCore\\tE1\\tE2\\n")
    >>> read_labels(p)[["onetsoc_code", "task_id", "task_type", "gpt4_exposure"]].to_dict("records")
    [{'onetsoc_code': '11-1011.00', 'task_id': 8823, 'task_type': 'Core', 'gpt4_exposure': 'E2'}]
    """
    f = pd.read_csv(path, sep="\t", dtype={"O*NET-SOC Code": str, "Task Type": str})
    f = f.rename(columns={"O*NET-SOC Code": "onetsoc_code", "Task ID": "task_id", "Task Type": "task_type"})
    f["task_id"] = pd.to_numeric(f["task_id"]).astype("int64")
    return f


def reproduce_occ_level(labels: pd.DataFrame, occ_level: pd.DataFrame) -> pd.DataFrame:
    """Compare :func:`to_occupations` (core weights) with the published ``occ_level_train.csv``.

    Returns
    -------
    pandas.DataFrame
        One row per labeler and measure: ``labeler, measure, n_occupations, n_matched,
        max_abs_diff``.

    Examples
    --------
    >>> lab = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2],
    ...     "task_type": ["Core", None], "human_exposure_agg": ["E1", "E0"],
    ...     "gpt4_exposure": ["E2", "E2"]})
    >>> ref = pd.DataFrame({"O*NET-SOC Code": ["11-1011.00"], "human_rating_alpha": [2 / 3],
    ...     "human_rating_beta": [2 / 3], "human_rating_gamma": [2 / 3], "dv_rating_alpha": [0.0],
    ...     "dv_rating_beta": [0.5], "dv_rating_gamma": [1.0]})
    >>> bool(reproduce_occ_level(lab, ref)["max_abs_diff"].max() < 1e-15)
    True
    """
    ref = occ_level.rename(columns={"O*NET-SOC Code": "onetsoc_code"}).set_index("onetsoc_code")
    rows = []
    for labeler, (column, prefix) in LABELERS.items():
        occ = to_occupations(scores_from_labels(labels, column), weights="core").set_index("onetsoc_code")
        for m in ("alpha", "beta", "gamma"):
            published = ref[f"{prefix}_{m}"].astype(float)
            ours = occ[m].reindex(published.index)
            rows.append(
                {
                    "labeler": labeler,
                    "measure": m,
                    "n_occupations": int(len(published)),
                    "n_matched": int(ours.notna().sum()),
                    "max_abs_diff": float(np.abs(ours - published).max()),
                }
            )
    return pd.DataFrame(rows)


def workforce_shares(soc_scores: pd.DataFrame, measure: str) -> dict:
    """Shares of covered workers above 10% and 50% of tasks exposed, with >= and >.

    Examples
    --------
    >>> soc = pd.DataFrame({"beta": [0.1, 0.5, 0.7, None], "tot_emp": [1.0, 1.0, 2.0, 5.0]})
    >>> workforce_shares(soc, "beta")
    {'covered_emp': 4.0, 'ge_10': 1.0, 'gt_10': 0.75, 'ge_50': 0.75, 'gt_50': 0.5}
    """
    x = soc_scores[measure].to_numpy(dtype=float)
    emp = soc_scores["tot_emp"].fillna(0).to_numpy(dtype=float)
    ok = ~np.isnan(x)
    cov = float(emp[ok].sum())
    xv = np.where(ok, x, -1.0)
    return {
        "covered_emp": cov,
        "ge_10": float(emp[xv >= 0.1].sum() / cov),
        "gt_10": float(emp[xv > 0.1].sum() / cov),
        "ge_50": float(emp[xv >= 0.5].sum() / cov),
        "gt_50": float(emp[xv > 0.5].sum() / cov),
    }


def reproduce_workforce_2021(labels: pd.DataFrame, onet_to_soc: pd.DataFrame, employment: pd.DataFrame) -> pd.DataFrame:
    """Workforce shares from the train labels and OEWS May 2021, for every choice that moves them.

    Rows: labeler (human, gpt4) x task weights (core, equal) x how O*NET children share a
    SOC code (equal, n_tasks) x measure (alpha, beta, gamma). Columns give the covered
    employment (train occupations only), its share of OEWS employment, and the shares of
    covered workers with measure >= / > 0.10 and >= / > 0.50, next to the paper's
    figures (about 80% and about 19%).
    """
    rows = []
    for labeler, (column, _) in LABELERS.items():
        ts = scores_from_labels(labels, column)
        for weights in ("core", "equal"):
            occ = to_occupations(ts, weights=weights)
            for combine in ("equal", "n_tasks"):
                soc = to_soc(occ, onet_to_soc, employment, combine=combine)
                cov = coverage(soc)
                for m in ("alpha", "beta", "gamma"):
                    s = workforce_shares(soc, m)
                    rows.append(
                        {
                            "labeler": labeler,
                            "weights": weights,
                            "combine": combine,
                            "measure": m,
                            "oews_emp": cov["tot_emp"],
                            "covered_emp": s["covered_emp"],
                            "coverage": cov["share"],
                            "share_ge_10": s["ge_10"],
                            "share_gt_10": s["gt_10"],
                            "share_ge_50": s["ge_50"],
                            "share_gt_50": s["gt_50"],
                            "paper_ge_10": PAPER["ge_10"],
                            "paper_ge_50": PAPER["ge_50"],
                        }
                    )
    return pd.DataFrame(rows)


def coverage_table(occupation_sets: dict, onet_to_soc: pd.DataFrame, employments: dict) -> pd.DataFrame:
    """Share of OEWS employment scored by prefix matching and by :func:`to_soc`.

    Parameters
    ----------
    occupation_sets : dict of str to pandas.DataFrame
        Name -> OccupationScores (only which occupations have a beta matters).
    onet_to_soc : pandas.DataFrame
    employments : dict of str to pandas.DataFrame
        OEWS release -> employment frame.

    Examples
    --------
    >>> occ = pd.DataFrame({"onetsoc_code": ["13-1021.00"], "alpha": [0.1], "beta": [0.2],
    ...                     "gamma": [0.3], "n_tasks": [2]})
    >>> xw = pd.DataFrame({"onetsoc_code": ["13-1021.00"], "soc_code": ["13-1021"]})
    >>> emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry",
    ...     "occ_code": ["13-1020", "15-1252"], "o_group": "detailed", "tot_emp": [1.0, 3.0]})
    >>> coverage_table({"x": occ}, xw, {"2025": emp})[["prefix_share", "share"]].to_numpy().tolist()
    [[0.0, 0.25]]
    """
    rows = []
    for release, emp in employments.items():
        for name, occ in occupation_sets.items():
            soc = to_soc(occ, onet_to_soc, emp)
            cov = coverage(soc, occ)
            # the trap: joining employment to every O*NET row by its SOC code counts a
            # code's workers once per O*NET child
            scored = occ.loc[occ["beta"].notna(), ["onetsoc_code"]].merge(onet_to_soc, on="onetsoc_code")
            naive = scored.merge(soc[["soc_code", "tot_emp"]], on="soc_code")["tot_emp"].sum()
            rows.append({"oews_release": release, "occupations": name, "n_onet": int(occ["beta"].notna().sum()),
                         "n_oews_codes": cov["n_codes"], "n_oews_scored": cov["n_covered"],
                         "oews_emp": cov["tot_emp"], "covered_emp": cov["covered_emp"],
                         "prefix_share": cov["prefix_share"], "share": cov["share"],
                         "naive_join_emp": float(naive)})
    out = pd.DataFrame(rows)
    cols = ["oews_emp", "covered_emp", "naive_join_emp"]
    out[cols] = out[cols].round().astype("int64")
    return out


def main(argv=None) -> int:
    """Write the reproduction reports (see the module docstring); return the exit code.

    Needs the real data (a mirror laid out like the shared data folder) and takes about
    30 s.

    Examples
    --------
    >>> main(["--mirror", "../shared/data", "--out", "data/processed/reports"])  # doctest: +SKIP
    0
    """
    from exposure._io import write_csv
    from exposure.crosswalks import load_onet_to_soc
    from exposure.fetch import fetch
    from exposure.oews import load_oews
    from exposure.onet import read_tasks
    from exposure.rollup._run import rollup

    parser = argparse.ArgumentParser(prog="python -m exposure.rollup.reproduction")
    parser.add_argument("--mirror", default=None, help="data mirror directory (default $EXPOSURE_MIRROR)")
    parser.add_argument("--out", default="data/processed/reports", help="report directory")
    args = parser.parse_args(argv)
    labels = read_labels(fetch(LABELS_FILE, mirror=args.mirror))
    occ_level = pd.read_csv(fetch(OCC_LEVEL_FILE, mirror=args.mirror), dtype={"O*NET-SOC Code": str})
    out = Path(args.out)
    rep = reproduce_occ_level(labels, occ_level)
    write_csv(rep, out / "reproduction_occ_level.csv", float_format="%.3g")
    print(rep.to_string(index=False))
    xw = load_onet_to_soc(mirror=args.mirror)
    emp2021 = load_oews("2021", "national", mirror=args.mirror)
    emp2025 = load_oews("2025", "by_industry", mirror=args.mirror)
    wf = reproduce_workforce_2021(labels, xw, emp2021)
    wf[["oews_emp", "covered_emp"]] = wf[["oews_emp", "covered_emp"]].round().astype("int64")
    write_csv(wf, out / "workforce_2021.csv", float_format="%.4f")
    print(wf.to_string(index=False))
    # bootstrap intervals of the headline shares (human labels, core weights, equal combination)
    r = rollup(scores_from_labels(labels, "human_exposure_agg"), xw, emp2021, weights="core",
               n_draws=1000, seed=0)
    boot = r.workforce[r.workforce["group_type"] == "all"].drop(columns=["group_type", "group", "group_title"])
    boot[["tot_emp", "covered_emp"]] = boot[["tot_emp", "covered_emp"]].round().astype("int64")
    write_csv(boot, out / "workforce_2021_bootstrap.csv", float_format="%.4f")
    print(boot.to_string(index=False))
    # coverage of OEWS employment: all O*NET occupations with task statements vs the train split
    tasks = read_tasks(fetch("onet/29.1/Task Statements.txt", mirror=args.mirror))
    every = tasks[["onetsoc_code", "task_id"]].assign(alpha=0.0, beta=0.0, gamma=0.0)
    sets = {
        "O*NET 29.1 occupations with tasks": to_occupations(every, weights="equal"),
        "Eloundou et al. train split": to_occupations(scores_from_labels(labels, "human_exposure_agg"), "equal"),
    }
    cov = coverage_table(sets, xw, {"2021": emp2021, "2025": emp2025})
    write_csv(cov, out / "reproduction_coverage.csv", float_format="%.4f")
    print(cov.to_string(index=False))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
