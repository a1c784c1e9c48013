"""Our scores on Census 2018 occupation codes, to merge with CPS or ACS microdata.

CPS and ACS code occupations with the Census Bureau's 2018 occupation code (``OCC``,
four digits, e.g. ``0010`` Chief executives), coarser than O*NET-SOC: one Census code
holds up to 37 O*NET-SOC occupations. :func:`to_census_occ` maps scores through the
O*NET-SOC -> Census crosswalk (``crosswalks/onet_to_census_occ2018.csv``,
:func:`exposure.crosswalks.read_census_crosswalk`) and averages the O*NET occupations of
each Census code weighted by OEWS employment:

- each O*NET-SOC code ``i`` belongs to one OEWS occupation code (its SOC 2018 code, or
  the OEWS aggregate that publishes it, as in :func:`exposure.rollup.to_soc`);
- the OEWS code's employment is split equally among its scored O*NET children, so that
  each worker is counted once: ``w_i = tot_emp(OEWS code) / n_scored_children``;
- the Census code's measure is ``sum_i w_i x_i / sum_i w_i`` over its scored O*NET codes;
- when none of them has OEWS employment (e.g. the military codes 55-xxxx, which OEWS does
  not survey) the plain mean is used (``weighting = "equal"``).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from exposure import crosswalks
from exposure._load import load
from exposure._measures import MEASURES
from exposure.crosswalks import oews_code_map
from exposure.errors import DataFormatError
from exposure.rollup._soc import require_frame
from exposure.schemas import validate
from exposure.schemas._outcomes import CensusScores

__all__ = ["to_census_occ", "census_weights"]

log = logging.getLogger(__name__)


def census_weights(crosswalk: pd.DataFrame, employment: pd.DataFrame, scored=None,
                   soc_structure: pd.DataFrame | None = None) -> pd.DataFrame:
    """Weight of each O*NET-SOC code within its Census 2018 code.

    Parameters
    ----------
    crosswalk : pandas.DataFrame
        ``onetsoc_code``, ``census_occ`` (:func:`exposure.crosswalks.read_census_crosswalk`).
    employment : pandas.DataFrame
        ``soc_code`` (OEWS detailed-level codes, aggregates included), ``tot_emp``.
    scored : iterable of str, optional
        O*NET-SOC codes that carry a score (default all): an OEWS code's employment is
        split among these only.
    soc_structure : pandas.DataFrame, optional
        SOC structure for :func:`exposure.crosswalks.oews_code_map`.

    Returns
    -------
    pandas.DataFrame
        ``onetsoc_code``, ``census_occ``, ``occ_code`` (OEWS code, missing when OEWS does
        not publish it), ``weight`` (workers; 0 when not scored or no employment).

    Examples
    --------
    >>> xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"],
    ...                    "census_occ": ["0010", "0010", "0010"]})
    >>> emp = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "tot_emp": [200.0, 50.0]})
    >>> census_weights(xw, emp)[["onetsoc_code", "occ_code", "weight"]]
      onetsoc_code occ_code  weight
    0   11-1011.00  11-1011   100.0
    1   11-1011.03  11-1011   100.0
    2   13-1021.00  13-1020    50.0
    """
    xw = crosswalk[["onetsoc_code", "census_occ"]].dropna().astype(str).reset_index(drop=True)
    soc = xw["onetsoc_code"].str.slice(0, 7)
    cmap = oews_code_map(soc, employment["soc_code"].astype(str), soc_structure)
    xw["occ_code"] = soc.map(cmap.set_index("soc_code")["occ_code"]).to_numpy()
    emp = employment.drop_duplicates("soc_code").set_index("soc_code")["tot_emp"].astype(float)
    is_scored = xw["onetsoc_code"].isin(set(map(str, scored))) if scored is not None else pd.Series(
        True, index=xw.index)
    n_children = xw[is_scored].groupby("occ_code")["onetsoc_code"].transform("size")
    w = xw.loc[is_scored, "occ_code"].map(emp) / n_children
    xw["weight"] = w.reindex(xw.index).fillna(0.0).to_numpy()
    return xw


def to_census_occ(scores: pd.DataFrame, crosswalk: pd.DataFrame | None = None,
                  employment: pd.DataFrame | None = None, *, measures=None,
                  soc_structure: pd.DataFrame | None = None, mirror=None, data_dir=None) -> pd.DataFrame:
    """Put scores on Census 2018 occupation codes (CPS/ACS ``OCC``), employment-weighted.

    Parameters
    ----------
    scores : pandas.DataFrame
        O*NET-SOC level (``onetsoc_code``, e.g. ``exposure.load("occupations")``), or OEWS
        code level (``soc_code``, e.g. ``exposure.load("soc")``: each O*NET code then takes
        the value of its OEWS code).
    crosswalk : pandas.DataFrame, optional
        O*NET-SOC -> Census crosswalk; default the registered file
        (:func:`exposure.crosswalks.load_census_crosswalk`, with ``mirror``/``data_dir``).
    employment : pandas.DataFrame, optional
        ``soc_code``, ``tot_emp`` of the OEWS codes; default those columns of ``scores``
        when it has them, else of the shipped ``soc_scores`` table (OEWS May 2025).
    measures : list of str, optional
        Columns to carry; default those of :data:`exposure._measures.MEASURES` present.
    soc_structure : pandas.DataFrame, optional
        SOC structure for the SOC -> OEWS code map.
    mirror, data_dir : optional
        Passed to :func:`exposure.fetch.fetch` when the crosswalk is loaded.

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._outcomes.CensusScores`, one row per Census code of the
        crosswalk, sorted by code.

    Examples
    --------
    Two O*NET children of 11-1011 (100 workers each) and 13-1021 (in the OEWS aggregate
    13-1020, 50 workers) share Census code 0010:

    >>> occ = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"],
    ...                     "beta": [0.2, 0.4, 0.8]})
    >>> xw = pd.DataFrame({"onetsoc_code": occ["onetsoc_code"], "census_occ": "0010"})
    >>> emp = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "tot_emp": [200.0, 50.0]})
    >>> to_census_occ(occ, xw, emp)[["census_occ", "beta", "tot_emp", "n_onet", "weighting"]]
      census_occ  beta  tot_emp  n_onet   weighting
    0       0010   0.4    250.0       3  employment
    """
    require_frame(scores, "scores")  # the scores are checked before anything is loaded
    key = next((k for k in ("onetsoc_code", "soc_code") if k in scores.columns), None)
    if key is None:
        raise DataFormatError("scores need an onetsoc_code or a soc_code column")
    require_frame(scores, "scores", unique=key)
    names = [m for m in MEASURES if m in scores.columns] if measures is None else list(measures)
    missing = [m for m in names if m not in scores.columns]
    if missing or not names:
        raise DataFormatError(f"scores lack the measure column(s) {missing or list(MEASURES)}")
    if crosswalk is None:
        crosswalk = crosswalks.load_census_crosswalk(mirror=mirror, data_dir=data_dir)
    if employment is None:
        has_emp = {"soc_code", "tot_emp"} <= set(scores.columns)
        employment = scores if has_emp else load("soc_scores")
        employment = employment[["soc_code", "tot_emp"]]
    xw = crosswalk[["onetsoc_code", "census_occ"]].astype({"onetsoc_code": str})
    if "onetsoc_code" in scores.columns:
        values = xw.merge(scores[["onetsoc_code", *names]].astype({"onetsoc_code": str}),
                          on="onetsoc_code", how="left")
        unknown = set(scores["onetsoc_code"].astype(str)) - set(xw["onetsoc_code"])
        if unknown:
            log.warning("%d O*NET-SOC codes are not in the Census crosswalk (e.g. %s)",
                        len(unknown), sorted(unknown)[0])
    else:
        soc = xw["onetsoc_code"].str.slice(0, 7)
        cmap = oews_code_map(soc, scores["soc_code"].astype(str), soc_structure)
        occ_code = soc.map(cmap.set_index("soc_code")["occ_code"])
        by_code = scores.set_index("soc_code")[names]
        values = pd.concat([xw.reset_index(drop=True),
                            by_code.reindex(occ_code.to_numpy()).reset_index(drop=True)], axis=1)
    values = values[values["census_occ"].notna()].reset_index(drop=True)
    scored = values.loc[values[names].notna().any(axis=1), "onetsoc_code"]
    weights = census_weights(values, employment, scored, soc_structure)
    w = weights["weight"].to_numpy(float)
    rows = []
    for code, idx in values.groupby("census_occ", sort=True).indices.items():
        has = values.loc[idx, names].notna().to_numpy()
        wi = w[idx]
        use_emp = (wi[has.any(axis=1)] > 0).any()
        wi_eff = np.where(has.any(axis=1), wi if use_emp else 1.0, 0.0)
        row = {"census_occ": code}
        for j, m in enumerate(names):
            x = values.loc[idx, m].to_numpy(float)
            ww = np.where(has[:, j], wi_eff, 0.0)
            row[m] = float((ww * np.nan_to_num(x)).sum() / ww.sum()) if ww.sum() > 0 else np.nan
        row["tot_emp"] = float(wi[has.any(axis=1)].sum())
        row["n_onet"] = int(has.any(axis=1).sum())
        row["weighting"] = "none" if not has.any() else ("employment" if use_emp else "equal")
        rows.append(row)
    out = pd.DataFrame(rows, columns=["census_occ", *names, "tot_emp", "n_onet", "weighting"])
    return validate(out, CensusScores, path="census scores")
