"""Reproduce Eloundou et al. (2023) from their published train-split labels.

:func:`write_reproduction_reports` writes four reports (``exposure report reproduction``
runs it; about 10 s):

- ``reproduction_occ_level.csv``: the occupation-level alpha, beta and gamma rebuilt from
  the task labels (:func:`reproduce_occ_level`) against the published ``occ_level_train.csv``;
- ``workforce_2021.csv``: workforce shares with OEWS May 2021 for every choice that moves
  them (:func:`reproduce_workforce_2021`);
- ``workforce_2021_bootstrap.csv``: bootstrap intervals of the headline shares;
- ``reproduction_coverage.csv``: the share of OEWS employment scored (:func:`coverage_table`).

The label files are read by :mod:`exposure.measures.eloundou`, their one reader.
"""

from __future__ import annotations

import contextlib
import logging
import math
import threading
from collections.abc import Iterator

import numpy as np
import pandas as pd

from exposure._args import check_name, check_path, shown
from exposure._io import atomic_paths, check_output_path, write_csv
from exposure._measures import EXPOSURE_MEASURES
from exposure._outdir import check_files_dir, refuse_file_named_dir
from exposure._tables import first_repeat
from exposure.crosswalks import load_onet_to_soc
from exposure.errors import DataFormatError
from exposure.fetch import fetch, refuse_read_folders, refuse_spaces
from exposure.measures import _common
from exposure.measures.eloundou import load_occ_level, load_task_labels
from exposure.oews import load_oews
from exposure.onet import read_tasks
from exposure.reports.rubric import checked_labels
from exposure.rollup import _run as _rollup_run
from exposure.rollup import _soc as _rollup_soc
from exposure.rollup import coverage, rollup, scores_from_labels, to_occupations, to_soc
from exposure.rollup._sectors import ROUNDING
from exposure.rollup._soc import (
    _refuse_repeated_column,
    check_codes,
    measure_values,
    refuse_nested_codes,
    require_frame,
)
from exposure.schemas._fields import first_bad_onetsoc_code
from exposure.scoring._train import check_label_task_types

__all__ = [
    "LABELERS",
    "PAPER",
    "reproduce_occ_level",
    "workforce_shares",
    "reproduce_workforce_2021",
    "coverage_table",
    "write_reproduction_reports",
]

log = logging.getLogger(__name__)

#: Label column of the task labels and prefix of the occupation-level columns (as read by
#: :mod:`exposure.measures.eloundou`), by labeler.
LABELERS = {"human": ("human_exposure_agg", "human"), "gpt4": ("gpt4_exposure", "gpt4")}

#: The reports :func:`write_reproduction_reports` writes (file names without ``.csv``), in order.
REPORT_NAMES = ("reproduction_occ_level", "workforce_2021", "workforce_2021_bootstrap", "reproduction_coverage")
#: What the report directory gets, for the messages that refuse it.
REPRODUCTION_WRITES = ", ".join(f"{name}.csv" for name in REPORT_NAMES[:-1]) + f" and {REPORT_NAMES[-1]}.csv"

#: The paper's headline figures (share of workers with at least 10% / at least 50% of
#: their tasks exposed).
PAPER = {"ge_10": 0.80, "ge_50": 0.19}


def _checked_labels(labels) -> pd.DataFrame:
    """``labels`` checked as the agreement and rubric reports check theirs, naming ``labels``, the row and the column.

    :func:`exposure.reports.rubric.checked_labels` (both labels on every task, each task
    once, O*NET-SOC codes, integer task IDs) and a ``task_type`` of ``Core``,
    ``Supplemental`` or missing. The roll-up's own errors named no frame, or ``frame``
    (``frame lacks column(s) ['gpt4_exposure']``), and a task without a label was left out
    of its occupation, without a word, where the published scores count every task.
    """
    labels = checked_labels(labels, [column for column, _ in LABELERS.values()], ["task_type"])
    check_label_task_types(labels)
    return labels


def reproduce_occ_level(labels: pd.DataFrame, occ_level: pd.DataFrame) -> pd.DataFrame:
    """Compare :func:`~exposure.rollup.to_occupations` (core weights) with the published file.

    Parameters
    ----------
    labels : pandas.DataFrame
        Task labels as read by :func:`exposure.measures.eloundou.read_task_labels`
        (``onetsoc_code``, ``task_id``, ``task_type``, ``human_exposure_agg``,
        ``gpt4_exposure``).
    occ_level : pandas.DataFrame
        Published occupation scores as read by
        :func:`exposure.measures.eloundou.read_occ_level` (``onetsoc_code``,
        ``human_alpha`` ... ``gpt4_gamma``).

    Returns
    -------
    pandas.DataFrame
        One row per labeler and measure: ``labeler, measure, n_occupations, n_matched,
        max_abs_diff``.

    Raises
    ------
    exposure.errors.DataFormatError
        ``occ_level`` not a frame or without ``onetsoc_code`` or a score column, a code
        missing or given twice (it counted as two occupations, each compared), a score that
        is missing (counted as matched, its difference NaN) or not a number (``AttributeError``, ``KeyError``, ``ValueError`` before), naming
        the row and the column. ``labels`` as the agreement reports check theirs
        (:func:`exposure.reports.rubric.checked_labels`), naming ``labels``, the row and
        the column: a column missing, a label missing or other than E0, E1, E2, a task
        twice, a code or task ID missing or malformed, a ``task_type`` other than Core,
        Supplemental or missing (the roll-up's errors named no frame, or ``frame``; a task
        without a label was left out of its occupation without a word). Also, naming the
        row and column: a code that is not an O*NET-SOC code (``13-1021``, ``131021.00``,
        a number, a padded code: none matched, ``n_matched`` 0 and ``max_abs_diff`` NaN),
        a score outside 0-1 (a 0-100 scale, compared as it came); a column given twice
        (a ``ValueError`` from pandas); a published table without rows, or none of whose
        occupations is among the labels' (six rows of ``n_matched`` 0 and NaN before).
        Published occupations that the labels lack, beside others that match, are counted
        (``n_occupations``) and not compared.

    Examples
    --------
    >>> lab = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2],
    ...     "task_type": ["Core", None], "human_exposure_agg": ["E1", "E0"],
    ...     "gpt4_exposure": ["E2", "E2"]})
    >>> ref = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "human_alpha": [2 / 3],
    ...     "human_beta": [2 / 3], "human_gamma": [2 / 3], "gpt4_alpha": [0.0],
    ...     "gpt4_beta": [0.5], "gpt4_gamma": [1.0]})
    >>> reproduce_occ_level(lab, ref)[["labeler", "measure", "n_matched", "max_abs_diff"]]
      labeler measure  n_matched  max_abs_diff
    0   human   alpha          1           0.0
    1   human    beta          1           0.0
    2   human   gamma          1           0.0
    3    gpt4   alpha          1           0.0
    4    gpt4    beta          1           0.0
    5    gpt4   gamma          1           0.0
    """
    labels = _checked_labels(labels)  # 'frame lacks column(s)', a missing label left out silently
    columns = [f"{prefix}_{m}" for _, prefix in LABELERS.values() for m in EXPOSURE_MEASURES]
    _common.check_table(occ_level, "occ_level", ["onetsoc_code", *columns])
    for c in ["onetsoc_code", *columns]:  # a frame from inside: 'not a number: array([...])', a ValueError
        _refuse_repeated_column(occ_level, "occ_level", c)
    if len(occ_level) == 0:  # six rows of n_matched 0 and max_abs_diff NaN
        raise DataFormatError("occ_level has no rows: no published occupation to compare with")
    codes = occ_level["onetsoc_code"]
    gaps = codes.isna().to_numpy(dtype=bool)
    if gaps.any():  # an unmatched occupation 'nan' before; the frame named as its other errors name it
        raise DataFormatError("missing", path="occ_level", row=int(gaps.argmax()) + 1, column="onetsoc_code")
    _check_published_codes(codes)
    repeat = first_repeat(codes)
    if repeat is not None:
        pos, first = repeat
        raise DataFormatError(f"onetsoc_code {codes.iloc[pos]!r} is given twice (rows {first + 1} and {pos + 1})",
                              path="occ_level", row=pos + 1, column="onetsoc_code")
    ref = pd.DataFrame({c: _common.numbers(occ_level, c, "occ_level").to_numpy(dtype=float) for c in columns},
                       index=pd.Index(codes.to_numpy(), name="onetsoc_code"))
    for c in columns:  # a missing score was counted as matched (n_matched 1, max_abs_diff NaN)
        gaps = ref[c].isna().to_numpy(dtype=bool)
        if gaps.any():
            raise DataFormatError("missing", path="occ_level", row=int(gaps.argmax()) + 1, column=c)
        _check_share(ref[c].to_numpy(), c)
    rows, occupations = [], {}
    for labeler, (column, _) in LABELERS.items():
        occupations[labeler] = to_occupations(scores_from_labels(labels, column),
                                              weights="core").set_index("onetsoc_code")
    our_codes = next(iter(occupations.values())).index
    if not ref.index.isin(our_codes).any():  # n_matched 0 and max_abs_diff NaN: nothing compared
        raise DataFormatError(f"occ_level: none of its {len(ref)} occupations is among the {len(our_codes)} "
                              f"occupations of the labels (first: {str(ref.index[0])!r}): is it the table "
                              "of these labels?")
    for labeler, (_, prefix) in LABELERS.items():
        occ = occupations[labeler]
        for m in EXPOSURE_MEASURES:
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


def _check_published_codes(codes: pd.Series) -> None:
    """Refuse a published code that is not an O*NET-SOC code, naming its row.

    A SOC code (``13-1021``), a code without its dash, a number or a padded code matched
    none of the labels' occupations: ``n_matched`` 0 and ``max_abs_diff`` NaN, silently.

    Examples
    --------
    >>> _check_published_codes(pd.Series(["13-1021.00", "15-1252"]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: occ_level, row 2, column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): '15-1252': a SOC code? an O*NET-SOC code has a two-digit suffix: write '15-1252.00' (the SOC occupation itself) or the O*NET-SOC code meant
    """
    bad = first_bad_onetsoc_code(codes.reset_index(drop=True))
    if bad is None:
        return
    pos, what = bad  # a SOC code is said to be one by first_bad_onetsoc_code (round 72)
    raise DataFormatError(what, path="occ_level", row=pos + 1, column="onetsoc_code")


def _check_share(values: np.ndarray, column: str) -> None:
    """Refuse a published score outside 0-1 (a table on a 0-100 scale), naming its row.

    It was compared as it came: ``max_abs_diff`` 82.5 for ``83.3``.

    Examples
    --------
    >>> _check_share(np.array([0.5, 50.0]), "human_beta")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: occ_level, row 2, column 'human_beta': human_beta must be a share of tasks from 0 to 1, got 50.0 (scores on a 0-100 scale? divide them by 100)
    """
    outside = np.flatnonzero((values < 0) | (values > 1))
    if not len(outside):
        return
    pos = int(outside[0])
    hint = _common.percent_hint(values)
    raise DataFormatError(f"{column} must be a share of tasks from 0 to 1, got {float(values[pos])!r}{hint}",
                          path="occ_level", row=pos + 1, column=column)


def workforce_shares(soc_scores: pd.DataFrame, measure: str) -> dict:
    """Shares of covered workers above 10% and 50% of tasks exposed, with >= and >.

    A measure within :data:`exposure.rollup._sectors.ROUNDING` (1e-12) of a threshold is
    at it (float rounding of a mean of means, as
    :func:`~exposure.rollup.workforce_stats` counts it): ``0.10000000000000002`` was
    counted above 0.10 and ``0.09999999999999999`` below it. The sums are exact
    (:func:`math.fsum`), so the rows in any order give the same shares (numpy's sums gave
    another last digit for fractional employments in another order).

    Parameters
    ----------
    soc_scores : pandas.DataFrame
        ``tot_emp`` and the ``measure`` column; rows without a value are not covered.
    measure : str
        ``alpha``, ``beta`` or ``gamma``.

    Returns
    -------
    dict
        ``covered_emp`` and the shares ``ge_10``, ``gt_10``, ``ge_50``, ``gt_50`` of it.

    Examples
    --------
    >>> soc = pd.DataFrame({"beta": [0.1, 0.5, 0.7, None], "tot_emp": [1.0, 1.0, 2.0, 5.0]})
    >>> workforce_shares(soc, "beta")
    {'covered_emp': 4.0, 'ge_10': 1.0, 'gt_10': 0.75, 'ge_50': 0.75, 'gt_50': 0.5}

    Raises
    ------
    exposure.errors.DataFormatError
        ``soc_scores`` not a DataFrame or without ``tot_emp`` or ``measure``; ``measure``
        not a string, or ``tot_emp`` or ``soc_code`` (the employment was told to be divided
        by 100, the codes that they were not numbers); a value that is not a number, or a negative ``tot_emp`` (a share of
        1.5 before), a measure outside 0-1 (``2.0`` was counted as exposed; values from 0 to
        100 are told they may be percent, to divide by 100), naming the
        row (counted from 1) and the column; no covered worker (the measure missing on
        every row, or ``tot_emp`` 0 or missing where it is given) or an employment whose
        sum overflows: NaN shares before; ``measure`` or ``tot_emp`` given twice (refused as
        ``not a number: array([...])`` before). With a ``soc_code`` column, a code that is
        missing or not a SOC code, given twice, or a SOC group beside a code it holds
        (``15-1250`` and ``15-1252``), as :func:`~exposure.rollup.coverage` and
        :func:`~exposure.rollup.workforce_stats` refuse them: their workers were counted
        twice (``share_ge_50`` 0.33 for 0.2).
    """
    check_name(measure, "measure")  # None raised ``KeyError: None``
    if measure in ("tot_emp", "soc_code"):  # 'tot_emp' was told to divide the employment by 100
        raise DataFormatError(f"measure {measure!r} is the {'employment' if measure == 'tot_emp' else 'code'} "
                              "column of soc_scores, not a measure: give the column of the measure (alpha, beta "
                              "or gamma)")
    _common.check_table(soc_scores, "soc_scores", [measure, "tot_emp"])
    for c in (measure, "tot_emp"):  # 'not a number: array([0.1, 0.2], dtype=object)'
        _refuse_repeated_column(soc_scores, "soc_scores", c)
    if "soc_code" in soc_scores.columns:  # as coverage and workforce_stats check the codes of the same frame:
        # a code given twice, or a group beside a code it holds, counted their workers twice
        check_codes(soc_scores.reset_index(drop=True), "soc_scores", ["soc_code"])
        require_frame(soc_scores, "soc_scores", unique="soc_code")
        refuse_nested_codes(soc_scores["soc_code"].reset_index(drop=True), "soc_scores", "soc_code", "rows")
    x = _common.numbers(soc_scores, measure, "soc_scores").to_numpy(dtype=float)
    emp = _common.numbers(soc_scores, "tot_emp", "soc_scores").fillna(0).to_numpy(dtype=float)
    if (emp < 0).any():
        pos = int((emp < 0).argmax())
        raise DataFormatError(f"tot_emp must be a number of 0 or more, got {float(emp[pos])!r}", path="soc_scores",
                              row=pos + 1, column="tot_emp")
    ok = ~np.isnan(x)
    outside = np.flatnonzero(ok & ((x < 0) | (x > 1)))
    if len(outside):  # 2.0 was counted among the exposed
        pos = int(outside[0])
        raise DataFormatError(f"{measure} must be a fraction from 0 to 1, got {float(x[pos])!r}"
                              f"{_common.percent_hint(x)}", path="soc_scores", row=pos + 1, column=measure)
    try:  # exact sums (math.fsum): numpy's gave another last digit for the same rows in another order
        cov = math.fsum(emp[ok])
    except OverflowError:  # inf, and NaN shares
        raise DataFormatError("the employment adds up to more than a float can hold (tot_emp too large)",
                              path="soc_scores", column="tot_emp") from None
    if cov == 0:  # NaN shares, with numpy's warnings
        raise DataFormatError(f"no covered worker: {measure} is missing on every row, or tot_emp is 0 or "
                              "missing where it is given", path="soc_scores")
    xv = np.where(ok, x, -1.0)
    # a measure at a threshold but for float rounding (a mean of means: 0.10000000000000002) is
    # at it, as workforce_stats counts it: it was counted above 0.10 (585,270 workers of
    # 53-7064, human labels, core weights, n_tasks: share_gt_10 0.837 for 0.8316)
    return {
        "covered_emp": cov,
        "ge_10": math.fsum(emp[xv >= 0.1 - ROUNDING]) / cov,
        "gt_10": math.fsum(emp[xv > 0.1 + ROUNDING]) / cov,
        "ge_50": math.fsum(emp[xv >= 0.5 - ROUNDING]) / cov,
        "gt_50": math.fsum(emp[xv > 0.5 + ROUNDING]) / cov,
    }


def reproduce_workforce_2021(labels: pd.DataFrame, onet_to_soc: pd.DataFrame, employment: pd.DataFrame) -> pd.DataFrame:
    """Workforce shares from the train labels and OEWS May 2021, for every choice that moves them.

    Parameters
    ----------
    labels : pandas.DataFrame
        Task labels (see :func:`reproduce_occ_level`).
    onet_to_soc : pandas.DataFrame
        O*NET-SOC -> SOC 2018 crosswalk (:func:`exposure.crosswalks.load_onet_to_soc`).
    employment : pandas.DataFrame
        OEWS employment (:func:`exposure.oews.load_oews`).

    Returns
    -------
    pandas.DataFrame
        One row per labeler (human, gpt4) x task weights (core, equal) x how O*NET
        children share a SOC code (equal, n_tasks) x measure (alpha, beta, gamma). Columns
        give the covered employment (train occupations only), its share of OEWS
        employment, and the shares of covered workers with measure >= / > 0.10 and
        >= / > 0.50, next to the paper's figures (about 80% and about 19%).

    Raises
    ------
    exposure.errors.DataFormatError
        ``labels`` that :func:`reproduce_occ_level` refuses (naming ``labels``, the row
        and the column: a task without a label was left out of its occupation's shares
        without a word); the errors of :func:`~exposure.rollup.to_soc` for
        ``onet_to_soc`` and ``employment``.

    Examples
    --------
    >>> lab = pd.DataFrame({"onetsoc_code": ["13-1021.00", "13-1021.00", "15-1252.00"],
    ...     "task_id": [1, 2, 3], "task_type": ["Core", None, "Core"],
    ...     "human_exposure_agg": ["E1", "E0", "E0"], "gpt4_exposure": ["E2", "E2", "E1"]})
    >>> xw = pd.DataFrame({"onetsoc_code": ["13-1021.00", "15-1252.00"],
    ...                    "soc_code": ["13-1021", "15-1252"]})
    >>> emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry",
    ...     "occ_code": ["13-1021", "15-1252"], "o_group": "detailed", "tot_emp": [1.0, 3.0]})
    >>> wf = reproduce_workforce_2021(lab, xw, emp)
    >>> wf.query("labeler == 'human' and weights == 'core' and combine == 'equal'")[
    ...     ["measure", "covered_emp", "share_ge_10", "share_ge_50"]]
      measure  covered_emp  share_ge_10  share_ge_50
    0   alpha          4.0         0.25         0.25
    1    beta          4.0         0.25         0.25
    2   gamma          4.0         0.25         0.25
    """
    labels = _checked_labels(labels)  # 'frame lacks column(s)', a missing label left out silently
    rows = []
    for labeler, (column, _) in LABELERS.items():
        ts = scores_from_labels(labels, column)
        for weights in ("core", "equal"):
            occ = to_occupations(ts, weights=weights)
            for combine in ("equal", "n_tasks"):
                soc = to_soc(occ, onet_to_soc, employment, combine=combine)
                cov = coverage(soc)
                for m in EXPOSURE_MEASURES:
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


#: The loggers whose warnings :func:`~exposure.rollup.to_soc` and
#: :func:`~exposure.rollup.coverage` give (codes outside the crosswalk or reaching no OEWS
#: code; several OEWS aggregates in a broad group, from the crosswalks' code map).
_TO_SOC_LOGGERS = (_rollup_soc.log, logging.getLogger("exposure.crosswalks"))


class _Prefixed(logging.Filter):
    """Prefix the records of some loggers with ``prefix`` (:func:`_prefixed_warnings`).

    A filter of a logger sees the records logged on that logger itself (not those of its
    children), before its handlers and those it propagates to. It rewrites only the
    records logged in the thread that made it (a logger's filters run in the thread that
    logs): the warnings of a :func:`~exposure.rollup.to_soc` run in another thread during
    the report were given the report's prefix (``OEWS release '2025', occupations ...:``).
    """

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix, self.thread = prefix, threading.get_ident()

    def filter(self, record: logging.LogRecord) -> bool:  # noqa: A003 - logging's name
        if threading.get_ident() == self.thread:  # another thread's record passes as it is
            record.msg, record.args = self.prefix + record.getMessage(), None
        return True


@contextlib.contextmanager
def _prefixed_warnings(prefix: str) -> Iterator[None]:
    """Within the block, the warnings of :func:`~exposure.rollup.to_soc` and its coverage start with ``prefix``.

    :func:`coverage_table` rolls several occupation sets up with several OEWS releases:
    ``exposure report reproduction`` gave three warnings ``1 scored O*NET-SOC code reaches
    no OEWS occupation code ... (e.g. '45-3031.00' ...)``, ``2 scored ... (e.g.
    '11-1031.00' ...)``, ``1 scored ... (e.g. '11-1031.00' ...)``, none saying of which
    release and set (the second and third named the same code), where its errors say
    ``OEWS release '2025', occupations '...': ...``. A filter (:class:`_Prefixed`), as
    neither :func:`~exposure.rollup.to_soc` nor the crosswalks' code map takes a name for
    their warnings (the roll-up's note of a national table, which the report does not give,
    is :func:`~exposure.rollup._run.no_industry_said`'s).
    """
    prefixed = _Prefixed(prefix)
    for logger in _TO_SOC_LOGGERS:
        logger.addFilter(prefixed)
    try:
        yield
    finally:
        for logger in _TO_SOC_LOGGERS:
            logger.removeFilter(prefixed)


def coverage_table(occupation_sets: dict, onet_to_soc: pd.DataFrame, employments: dict) -> pd.DataFrame:
    """Share of OEWS employment scored by prefix matching and by :func:`~exposure.rollup.to_soc`.

    Parameters
    ----------
    occupation_sets : dict of str to pandas.DataFrame
        Name -> OccupationScores (only which occupations have a beta matters).
    onet_to_soc : pandas.DataFrame
    employments : dict of str to pandas.DataFrame
        OEWS release -> employment frame.

    Returns
    -------
    pandas.DataFrame
        One row per OEWS release and occupation set: codes and employment covered, the
        covered share by prefix matching and through the crosswalk, and the employment a
        naive join would count (a SOC code's workers once per O*NET child). ``n_onet`` and
        the naive join count the occupations scored as :func:`~exposure.rollup.coverage`
        counts them for the shares (a value of alpha, beta or gamma: an occupation with
        alpha and gamma but no beta was left out of them alone, and the naive join came
        out below ``covered_emp``), read as :func:`~exposure.rollup.to_soc` reads them (a
        blank text is missing: it was counted);
        the frames are read as ``to_soc`` reads them, by position (one indexed by its code
        with the column kept, ``set_index("onetsoc_code", drop=False)``, raised pandas'
        ``ValueError: 'onetsoc_code' is both an index level and a column label``) and each
        crosswalk pair once (a pair listed twice doubled the naive join's workers).

    Raises
    ------
    exposure.errors.DataFormatError
        ``occupation_sets`` or ``employments`` not a dict (an ``AttributeError`` before) or
        empty (a ``KeyError`` before);
        the errors of :func:`~exposure.rollup.to_soc` and :func:`~exposure.rollup.coverage`,
        naming the OEWS release and the occupation set (``employment frame has no
        cross-industry detailed occupation rows`` did not say of which release).

    Warns
    -----
    The warnings of :func:`~exposure.rollup.to_soc` (scored codes that are not in the
    crosswalk, or reach no OEWS code), prefixed as its errors are, for example
    ``OEWS release '2025', occupations 'Eloundou et al. train split': 1 scored ...``
    (they named neither: three such warnings in one run of the reproduction report, two
    naming the same code).

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
    if not isinstance(occupation_sets, dict):  # None: AttributeError 'NoneType' object has no attribute 'items'
        raise DataFormatError(f"occupation_sets must be a dict of names to occupation scores, got "
                              f"{shown(occupation_sets)}")
    if not isinstance(employments, dict):
        raise DataFormatError(f"employments must be a dict of OEWS releases to employment frames, got "
                              f"{shown(employments)}")
    if not occupation_sets:  # KeyError: "None of [Index(['oews_emp', ...])] are in the [columns]"
        raise DataFormatError("occupation_sets is empty: give at least one set of occupation scores")
    if not employments:
        raise DataFormatError("employments is empty: give at least one OEWS release (name -> employment frame)")
    rows = []
    for release, emp in employments.items():
        for name, occ in occupation_sets.items():
            try:  # its warnings name the release and the set, as its errors do
                with _prefixed_warnings(f"OEWS release {release!r}, occupations {name!r}: "):
                    soc = to_soc(occ, onet_to_soc, emp)
                    cov = coverage(soc, occ)
            except DataFormatError as exc:  # said "employment frame has no ... rows": of which release?
                raise DataFormatError(f"OEWS release {release!r}, occupations {name!r}: {exc.reason}",
                                      path=exc.path, row=exc.row, column=exc.column) from None
            # the trap: joining employment to every O*NET row by its SOC code counts a
            # code's workers once per O*NET child. The frames by position, as to_soc reads
            # them: a frame indexed by its code with the column kept (set_index(...,
            # drop=False)) raised pandas' "'onetsoc_code' is both an index level and a column
            # label"; read as to_soc reads them (a blank text is missing: it counted as scored).
            # Scored as coverage counts it (shares, prefix_share): a value of alpha, beta or
            # gamma; beta alone left an occupation scored without a beta out of n_onet and of
            # the naive join (below covered_emp, which counted it)
            occ = occ.reset_index(drop=True)
            valued = ~np.isnan(measure_values(occ, "occupation_scores", EXPOSURE_MEASURES)).all(axis=1)
            xw = onet_to_soc[["onetsoc_code", "soc_code"]].reset_index(drop=True).astype(str).drop_duplicates()
            scored = occ.loc[valued, ["onetsoc_code"]].astype(str).merge(xw, on="onetsoc_code")
            naive = scored.merge(soc[["soc_code", "tot_emp"]], on="soc_code")["tot_emp"].sum()
            rows.append({"oews_release": release, "occupations": name, "n_onet": int(valued.sum()),
                         "n_oews_codes": cov["n_codes"], "n_oews_scored": cov["n_covered"],
                         "oews_emp": cov["tot_emp"], "covered_emp": cov["covered_emp"],
                         "prefix_share": cov["prefix_share"], "share": cov["share"],
                         "naive_join_emp": float(naive)})
    out = pd.DataFrame(rows)
    cols = ["oews_emp", "covered_emp", "naive_join_emp"]
    out[cols] = out[cols].round().astype("int64")
    return out


def write_reproduction_reports(out_dir, *, mirror=None, data_dir=None,
                               n_draws: int = 1000) -> dict[str, pd.DataFrame]:
    """Write the reproduction reports (see the module docstring) into ``out_dir``.

    Needs the real data (a mirror laid out like the shared data folder); takes about 10 s.

    Parameters
    ----------
    out_dir : str or os.PathLike
        Report directory (the docs read ``data/processed/reports``); created if needed.
    mirror, data_dir : str or os.PathLike, optional
        Passed to :func:`exposure.fetch.fetch`.
    n_draws : int, default 1000
        Bootstrap draws of ``workforce_2021_bootstrap.csv`` (seed 0).

    Returns
    -------
    dict of str to pandas.DataFrame
        Report name (the file name without ``.csv``) to the table written, in the order
        written.

    Raises
    ------
    exposure.errors.DataFormatError
        Before any input is read: ``out_dir`` not a path, empty, a file or a directory
        that cannot be written, or a report path that is a directory (refused only after
        the reports were computed, ``None`` a ``TypeError``); ``n_draws`` not a whole number, or below 1 (0 wrote a bootstrap
        report without intervals).
    exposure._outdir.OutputPathError
        Before any input is read: ``out_dir`` inside the mirror (``mirror``, else
        ``$EXPOSURE_MIRROR``), the download cache's folders or the installed package
        (:func:`exposure.fetch.refuse_read_folders`); ``out_dir`` that is no directory yet
        and is named like a file (``reports.csv``: a directory of that name was made to
        hold the four reports; :func:`exposure._outdir.refuse_file_named_dir`).
    exposure.errors.ExposureError
        Before any input is read: ``out_dir`` with surrounding spaces or a line end
        (``"reports "``, a value read with its CRLF end), unless a directory of that very
        name exists (:func:`exposure.fetch.refuse_spaces`, as ``exposure report
        reproduction --out-dir`` refuses it): a new directory ``'reports '`` was made beside
        ``reports``. The errors of the loaders: every input (the task statements too, which
        were read only after the bootstrap) is read before any report is computed.

    Warns
    -----
    The warnings of :func:`coverage_table`, naming their OEWS release and occupation set.
    Not the roll-up's note that OEWS May 2021's national table has no sector rows (it
    advised to give the OEWS by-industry table): that table is the report's choice, and
    the bootstrap reads its ``all`` rows only.

    Examples
    --------
    >>> import tempfile
    >>> reports = write_reproduction_reports(tempfile.mkdtemp(), mirror="../shared/data")  # doctest: +SKIP
    >>> reports["reproduction_occ_level"]["max_abs_diff"].max() < 1e-12  # doctest: +SKIP
    True
    """
    # before the inputs are read (about 10 s): None was a TypeError, a file was refused only
    # after every report was computed, and 0 draws wrote a bootstrap report without intervals
    out = check_path(out_dir, "out_dir", "a directory path")
    refuse_spaces(out, "out_dir")  # "reports " (a CRLF line's value): a new directory beside reports
    refuse_read_folders(out, mirror=mirror, data_dir=data_dir)  # the mirror it reads: as the CLI
    refuse_file_named_dir(out, "out_dir", REPRODUCTION_WRITES)  # "r.csv": a directory r.csv of the reports
    out = check_files_dir(out)
    if isinstance(n_draws, bool) or not isinstance(n_draws, (int, np.integer)):
        raise DataFormatError(f"n_draws must be a whole number of bootstrap draws (e.g. 1000), got {shown(n_draws)}")
    if n_draws < 2:  # one draw gave no interval (the roll-up inside refuses it, after the inputs are read)
        raise DataFormatError(f"n_draws must be 2 or more: workforce_2021_bootstrap.csv holds the bootstrap "
                              f"intervals, got {int(n_draws)}")
    for name in REPORT_NAMES:  # a report path that is a directory: refused after every input was read
        check_output_path(out / f"{name}.csv")
    # every input read before any report is computed: the task statements were read after
    # the bootstrap, so a missing or damaged copy failed at the very end
    labels = load_task_labels(mirror=mirror, data_dir=data_dir)
    occ_level = load_occ_level(mirror=mirror, data_dir=data_dir)
    xw = load_onet_to_soc(mirror=mirror, data_dir=data_dir)
    emp2021 = load_oews("2021", "national", mirror=mirror, data_dir=data_dir)
    emp2025 = load_oews("2025", "by_industry", mirror=mirror, data_dir=data_dir)
    tasks = read_tasks(fetch("onet/29.1/Task Statements.txt", mirror=mirror, data_dir=data_dir))
    reports, formats = {}, {}

    def write(name, frame, float_format):  # kept; all written as one set at the end
        reports[name], formats[name] = frame, float_format

    write("reproduction_occ_level", reproduce_occ_level(labels, occ_level), "%.3g")
    wf = reproduce_workforce_2021(labels, xw, emp2021)
    wf[["oews_emp", "covered_emp"]] = wf[["oews_emp", "covered_emp"]].round().astype("int64")
    write("workforce_2021", wf, "%.4f")
    # bootstrap intervals of the headline shares (human labels, core weights, equal combination)
    human = scores_from_labels(labels, "human_exposure_agg")
    # the national table on purpose (the "all" rows only): not the roll-up's note of
    # empty sector tables, whose advice (the by-industry table) the command has no option for
    with _rollup_run.no_industry_said():
        r = rollup(human, xw, emp2021, weights="core", n_draws=n_draws, seed=0)
    boot = r.workforce[r.workforce["group_type"] == "all"].drop(
        columns=["group_type", "group", "group_title"])
    boot[["tot_emp", "covered_emp"]] = boot[["tot_emp", "covered_emp"]].round().astype("int64")
    write("workforce_2021_bootstrap", boot, "%.4f")
    # coverage of OEWS employment: all O*NET occupations with task statements vs the train split
    every = tasks[["onetsoc_code", "task_id"]].assign(alpha=0.0, beta=0.0, gamma=0.0)
    sets = {
        "O*NET 29.1 occupations with tasks": to_occupations(every, weights="equal"),
        "Eloundou et al. train split": to_occupations(human, "equal"),
    }
    write("reproduction_coverage", coverage_table(sets, xw, {"2021": emp2021, "2025": emp2025}),
          "%.4f")
    # one set: a failure part-way (the bootstrap, a missing file) leaves the previous reports
    with atomic_paths([out / f"{name}.csv" for name in reports]) as paths:
        for (name, frame), path in zip(reports.items(), paths, strict=True):
            write_csv(frame, path, float_format=formats[name])
    log.info("wrote %s to %s", ", ".join(f"{name}.csv" for name in reports), out)
    return reports
