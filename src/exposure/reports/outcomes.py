"""Tables and figures of the outcomes analysis (:mod:`exposure.outcomes`), as files.

:func:`write_outcomes` writes what ``exposure outcomes`` produces and the documentation page
"What happened after ChatGPT" reads: CSV tables (:data:`FILES`) and the event-study
figures (:func:`figure_names`: ours, the published headline measures, every other measure
of the run), one panel per measure, coefficients with their 95% intervals by year
(:func:`plot_event_study`). Every file is written atomically; the figures are
byte-for-byte reproducible (:func:`exposure.reports.figures.write_png`).
"""

from __future__ import annotations

import json
import logging
import math
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np
import pandas as pd

from exposure._args import check_count, check_flag, check_name, check_names, check_path, shown
from exposure._io import atomic_paths, json_ready, write_csv, write_json
from exposure._tables import first_repeat, first_repeat_of
from exposure.errors import DataFormatError, ExposureError
from exposure.fetch import refuse_read_folders
from exposure.measures._common import check_table, numbers
from exposure.outcomes import (
    BASE_YEAR,
    OUR_MEASURES,
    PANEL_YEARS,
    PRE_YEAR,
    Outcomes,
    _check_coefficients,
    _check_measure_cells,
    _check_outcome_cells,
    _check_year,
)
from exposure.reports import figures

__all__ = [
    "MEASURE_LABELS",
    "FIGURE_MEASURES",
    "OTHER_FIGURE",
    "FILES",
    "figure_names",
    "last_year",
    "plot_event_study",
    "summary_table",
    "quintile_table",
    "write_outcomes",
]

log = logging.getLogger(__name__)

#: Panel titles of the measures.
MEASURE_LABELS = {
    "alpha": "ours: alpha",
    "beta": "ours: beta",
    "gamma": "ours: gamma",
    "share_admin": "ours: administrative share",
    "share_routine_coding": "ours: routine coding share",
    "share_entry_creative": "ours: entry-level creative share",
    "eloundou_gpt4_beta": "Eloundou et al.: GPT-4 beta",
    "eloundou_human_beta": "Eloundou et al.: human beta",
    "felten_aioe": "Felten et al.: AIOE",
    "felten_lm_aioe": "Felten et al.: LM-AIOE",
    "felten_ig_aioe": "Felten et al.: image AIOE",
    "webb_ai": "Webb: AI patents",
    "webb_software": "Webb: software patents",
    "webb_robot": "Webb: robot patents",
    "microsoft_applicability": "Microsoft: AI applicability",
    "anthropic_usage": "Anthropic: Claude usage",
    "anthropic_automation": "Anthropic: automation",
    "anthropic_augmentation": "Anthropic: augmentation",
    "ilo_2025": "ILO 2025",
    "ilo_2023": "ILO 2023",
}

#: The two figures: our beta next to one headline measure of each published source, and
#: our six measures.
FIGURE_MEASURES = {
    "outcomes_event_study_published": (
        "beta", "eloundou_human_beta", "eloundou_gpt4_beta", "felten_aioe", "felten_lm_aioe",
        "webb_ai", "microsoft_applicability", "anthropic_usage", "ilo_2025",
    ),
    "outcomes_event_study_ours": OUR_MEASURES,
}

#: The figure of every other measure of a run (neither figure of :data:`FIGURE_MEASURES`
#: draws it): a published measure such as ``webb_robot``, or one's own exposure column
#: given to :func:`exposure.outcomes.run_outcomes`. Such a run drew no figure of it, and
#: with no other measure no figure at all, without a word.
OTHER_FIGURE = "outcomes_event_study_other"

#: Files written by :func:`write_outcomes` (without the figures), and what they hold.
FILES = {
    "outcomes_summary.csv": "the headline, formatted for reading (percent per SD of exposure)",
    "outcomes_quintiles_emp.csv": "employment growth May 2022-2025 of each exposure quintile, "
    "per measure, formatted",
    "outcomes_quintiles_wage.csv": "mean-wage growth May 2022-2025 of each exposure quintile, "
    "per measure, formatted",
    "outcomes_headline.csv": "per measure and outcome: the May 2025 coefficient, its 95% interval, "
    "the pre-trend (2021) coefficient and the range over the robustness specifications",
    "outcomes_coefficients.csv": "every event-study coefficient, every specification",
    "outcomes_pretrend.csv": "the pre-trend test (2021 coefficient) of the baseline",
    "outcomes_growth.csv": "employment and mean-wage growth of the exposure quintiles",
    "outcomes_groups.csv": "the exposure quintile of each occupation code, per measure",
    "outcomes_exposures.csv": "every measure on the panel's occupation codes",
    "outcomes.json": "settings, sample sizes and the estimator",
    "outcomes_sectors.csv": "with --sectors: employment growth of each NAICS sector next to its "
    "exposure (the sector scores exposure.load('sector_scores') reads, not --soc-scores)",
}

_SERIES = (("log_emp", "employment", "#1f5fa8", -0.08), ("log_wage", "mean wage", "#c0392b", 0.08))


def figure_names(measures) -> dict[str, list[str]]:
    """The figures a run of ``measures`` draws: file name (without ``.png``) -> its measures.

    :data:`FIGURE_MEASURES` in order, each with the measures it draws, then
    :data:`OTHER_FIGURE` with the measures neither of them draws (in the order given).

    Raises
    ------
    exposure.errors.DataFormatError
        ``measures`` that is not a list of names (:func:`exposure._args.check_names`): one
        string was read letter by letter (``"beta"``: the figure of the measures ``b``,
        ``e``, ``t``, ``a``), None or a number raised a ``TypeError``.

    Examples
    --------
    >>> figure_names(["beta", "webb_robot", "my_exposure"])  # doctest: +NORMALIZE_WHITESPACE
    {'outcomes_event_study_published': ['beta'], 'outcomes_event_study_ours': ['beta'],
     'outcomes_event_study_other': ['webb_robot', 'my_exposure']}
    """
    measures = list(dict.fromkeys(check_names(measures, "measures")))  # "beta" was ['b', 'e', 't', 'a']
    out = {}
    for name, drawn in FIGURE_MEASURES.items():
        have = [m for m in drawn if m in set(measures)]
        if have:
            out[name] = have
    drawn = set().union(*FIGURE_MEASURES.values())
    other = [m for m in measures if m not in drawn]
    if other:
        out[OTHER_FIGURE] = other
    return out


def _version(dist: str) -> str | None:
    try:
        return version(dist)
    except PackageNotFoundError:
        return None


def plot_event_study(coefficients: pd.DataFrame, measures=None, *, spec: str = "baseline",
                     ncols: int = 3, base_year: int = BASE_YEAR):
    """Event-study coefficients and 95% intervals by year, one panel per measure.

    Each panel shows log employment (blue) and log mean wage (red) relative to the base
    year, per standard deviation of exposure; the dashed line separates the years before
    and after ChatGPT (30 November 2022).

    Parameters
    ----------
    coefficients : pandas.DataFrame
        :func:`exposure.outcomes.event_study` rows.
    measures : sequence of str, optional
        Panels, in order; default every measure of ``coefficients``.
    spec : str, default "baseline"
    ncols : int, default 3
    base_year : int, default 2022

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    exposure.errors.ExposureError
        ``coefficients`` not a frame or without one of ``measure, outcome, spec, year,
        coef, ci_low, ci_high``, a year or coefficient that is not a number, an outcome
        that is not ``log_emp`` or ``log_wage`` (``Log_Emp`` was not drawn) (naming the row
        and the column), no row of ``spec`` or of a measure asked for; ``measures``
        one string (it was read letter by letter: ``['b', 'e', 't', 'a']``) or not a list
        of names, ``spec`` not a string, ``ncols`` not a whole number of 1 or more (0 was
        read as 1), ``base_year`` not a whole number. As :func:`exposure.outcomes.headline`
        reads them (:func:`exposure.outcomes._check_coefficients`), naming the row and the
        column: a (``measure``, ``outcome``, ``spec``, ``year``) given twice (both drawn,
        the line zigzagging between them), a missing measure (a panel titled ``nan``), a
        measure with spaces around it (``"beta "``: a panel of its own, without its label), a
        ``ci_low`` above its ``ci_high`` (swapped columns) or a year that is not a whole
        number; and a ``coef`` outside its own interval. The last two raised matplotlib's
        ``ValueError: 'yerr' must not contain negative values``.

    Examples
    --------
    >>> c = pd.DataFrame({"measure": "beta", "outcome": ["log_emp"] * 3, "spec": "baseline",
    ...     "year": [2021, 2022, 2023], "coef": [0.01, 0.0, -0.02],
    ...     "ci_low": [-0.01, np.nan, -0.04], "ci_high": [0.03, np.nan, 0.0]})
    >>> fig = plot_event_study(c)
    >>> [ax.get_title() for ax in fig.axes]
    ['ours: beta']
    """
    from matplotlib.figure import Figure

    check_table(coefficients, "coefficients", ["measure", "outcome", "spec", "year", "coef", "ci_low", "ci_high"])
    _check_outcome_cells(coefficients, "coefficients")  # "Log_Emp": a panel without its line, silently
    check_name(spec, "spec", "a specification name")  # a list: "Lengths must match to compare"
    if measures is not None:
        measures = check_names(measures, "measures")  # "beta" was ['b', 'e', 't', 'a']
    ncols = check_count(ncols, "ncols", 1)  # 0 was read as 1, "2" a TypeError
    base_year = check_count(base_year, "base_year", 0)
    values = {col: numbers(coefficients, col, "coefficients").to_numpy(dtype=float)
              for col in ("year", "coef", "ci_low", "ci_high")}  # text: a ValueError when drawn
    # as headline reads them: a row twice was drawn twice (a zigzag line), a missing measure as
    # a panel "nan", swapped interval columns raised matplotlib's "'yerr' must not contain
    # negative values"
    _check_coefficients(coefficients, ["measure", "outcome", "spec", "year", "coef", "ci_low", "ci_high"])
    _check_inside(values)
    coefficients = coefficients.reset_index(drop=True).assign(**values)
    c = coefficients[(coefficients["spec"] == spec).to_numpy(dtype=bool)]
    if c.empty:  # "Number of rows must be a positive integer, not 0"
        raise ExposureError(f"no {spec} coefficients to draw")
    names = list(dict.fromkeys(c["measure"])) if measures is None else measures
    missing = [m for m in names if m not in set(c["measure"])]
    if missing:
        raise ExposureError(f"no {spec} coefficients for measure(s) {missing}")
    ncols = max(1, min(ncols, len(names)))
    nrows = math.ceil(len(names) / ncols)
    with figures._style():
        fig = Figure(figsize=(figures.WIDTH, 2.1 * nrows + 0.6), dpi=100, layout="constrained")
        axes = fig.subplots(nrows, ncols, squeeze=False, sharex=True, sharey=True)
        for ax, m in zip(axes.ravel(), names):
            for outcome, label, color, dx in _SERIES:
                s = c[(c["measure"] == m) & (c["outcome"] == outcome)].sort_values("year")
                if s.empty:
                    continue
                x = s["year"].to_numpy(float) + dx
                y = s["coef"].to_numpy(float)
                # a coefficient past its interval by float rounding only (_check_inside): at it
                err = np.fmax(np.vstack([y - s["ci_low"].to_numpy(float), s["ci_high"].to_numpy(float) - y]), 0)
                ax.errorbar(x, y, yerr=np.nan_to_num(err), fmt="o-", color=color, ms=3.5, lw=1.2,
                            capsize=2, label=label)
            ax.axhline(0, color="#555555", lw=0.8)
            ax.axvline(base_year + 0.5, color="#888888", lw=0.8, ls="--")
            ax.set_title(str(MEASURE_LABELS.get(m, m)).replace("$", r"\$"))  # one's own name, drawn as written
        for ax in axes.ravel()[len(names):]:
            ax.set_visible(False)
        for ax in axes[:, 0]:
            ax.set_ylabel("log points per SD")
        years = sorted(c["year"].unique())
        for ax in axes[-1, :]:
            ax.set_xticks(years)
        handles, labels = axes[0, 0].get_legend_handles_labels()
        if handles:
            fig.legend(handles, labels, loc="outside upper center", ncols=len(labels))
    return fig


def _check_inside(values: dict) -> None:
    """Refuse a ``coef`` outside its own 95% interval, naming the row: no error bar can draw it.

    ``values``: the ``coef``, ``ci_low`` and ``ci_high`` of :func:`plot_event_study`, as
    floats (the interval checked the right way round already). A coefficient beyond its
    interval by float rounding only (1e-9 of its size) is at it.
    """
    coef, low, high = values["coef"], values["ci_low"], values["ci_high"]
    tolerance = 1e-9 * np.fmax(np.abs(coef), 1e-300)
    with np.errstate(invalid="ignore"):
        outside = (coef < low - tolerance) | (coef > high + tolerance)
    if outside.any():  # matplotlib's "'yerr' must not contain negative values"
        pos = int(np.flatnonzero(outside)[0])
        raise DataFormatError(f"coef {float(coef[pos])!r} is outside its 95% interval [{float(low[pos])!r}, "
                              f"{float(high[pos])!r}] (ci_low, ci_high): the interval holds its coefficient",
                              path="coefficients", row=pos + 1, column="coef")


_MINUS = "\u2212"  # a typographic minus: text cells never start with "-" or "+"


def _pct(x, digits: int = 2) -> str:
    """``x`` in percent as text, negative with a typographic minus (never ``+``/``-`` first)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    text = f"{abs(100 * x):.{digits}f}"
    return (_MINUS + text) if x < 0 and float(text) != 0 else text


def _plain(value):
    """``value`` for a message: numpy scalars as Python ones (``2.5``, not ``np.float64(2.5)``)."""
    return value.item() if isinstance(value, np.generic) else value


def _spec(spec: str) -> str:
    """Short name of a specification: ``drop_major_43`` -> ``without 43``."""
    if spec.startswith("drop_major_"):
        return "without " + spec.rsplit("_", 1)[1]
    return {"drop_small": "without the smallest"}.get(spec, spec)


def _check_measures(frame: pd.DataFrame, name: str) -> None:
    """Refuse a cell of ``frame["measure"]`` that is not a measure's name, naming ``name``, the row and the column.

    A missing measure was a row labelled NaN (:func:`summary_table`: a blank one), a name
    with spaces around it (``"beta "``) a row of its own, beside the row of ``beta`` and
    without its label ``ours: beta`` (:func:`exposure.outcomes._check_measure_cells`).
    """
    blank = ~frame["measure"].map(lambda m: isinstance(m, str) and bool(m.strip())).to_numpy(dtype=bool)
    if blank.any():
        pos = int(blank.argmax())
        cell = frame["measure"].iloc[pos]
        said = ("measure missing" if pd.api.types.is_scalar(cell) and pd.isna(cell)
                else f"measure must be a measure's name, got {_plain(cell)!r}")
        raise DataFormatError(said, path=name, row=pos + 1, column="measure")
    _check_measure_cells(frame, name)


#: Columns of :func:`exposure.outcomes.headline` that :func:`summary_table` reads.
_HEADLINE_COLUMNS = ("measure", "outcome", "coef", "ci_low", "ci_high", "p_value", "pre_coef", "pre_p_value",
                     "robust_min", "robust_min_spec", "robust_max", "robust_max_spec", "n_occupations")


def summary_table(headline: pd.DataFrame, *, year: int | None = None, pre_year: int = PRE_YEAR) -> pd.DataFrame:
    """The headline (:func:`exposure.outcomes.headline`) formatted for reading.

    Coefficients are shown in percent (100 x log points) per standard deviation of
    exposure; text cells use a typographic minus.

    Parameters
    ----------
    headline : pandas.DataFrame
    year : int, optional
        The year of the headline's effect (the last year of the panel), named in the
        column ``May YEAR (% per SD)``; default 2025, the last year of the OEWS panel
        (:data:`exposure.outcomes.PANEL_YEARS`). :func:`write_outcomes` gives the last
        year of the event study (a panel ending in 2024 was labelled May 2025).
    pre_year : int, default 2021
        The year of the headline's pre-trend (the ``pre_year`` given to
        :func:`exposure.outcomes.headline`), named in the column ``pre-trend, May PRE_YEAR
        (%)`` (the coefficient of ``headline(c, pre_year=2020)`` was labelled May 2021).

    Raises
    ------
    exposure.errors.DataFormatError
        ``year`` or ``pre_year`` that is not a whole number; ``headline`` not a frame or
        without a column read; an outcome that is not ``log_emp`` or ``log_wage`` (``Log_Emp``, missing: a
        blank cell before); a coefficient, interval or p
        value that is not a number (the text ``"x"`` came out as 100 ``x``), a
        robustness specification that is not text, a number of occupations that is not a
        whole number of 0 or more (1.5 was shown as 1, NaN raised pandas'
        ``IntCastingNaNError``), a measure missing (a blank row), not a name or with spaces
        around it (``"beta "`` was shown without its label ``ours: beta``), or a (measure,
        outcome) given twice (two headlines stacked: both shown), naming the row and the
        column.

    Examples
    --------
    >>> h = pd.DataFrame({"measure": ["beta"], "outcome": ["log_emp"], "coef": [-0.0113],
    ...     "ci_low": [-0.0282], "ci_high": [0.0056], "p_value": [0.19], "pre_coef": [0.0056],
    ...     "pre_p_value": [0.11], "robust_min": [-0.0179], "robust_min_spec": ["drop_major_51"],
    ...     "robust_max": [0.0146], "robust_max_spec": ["unweighted"], "n_occupations": [782]})
    >>> row = summary_table(h).iloc[0]
    >>> float(row["May 2025 (% per SD)"]), row["95% interval"], row["robustness range"]
    (-1.13, '[\u22122.82, 0.56]', '\u22121.79 (without 51) to 1.46 (unweighted)')
    """
    year = PANEL_YEARS[-1] if year is None else _check_year(year, "year")
    pre_year = _check_year(pre_year, "pre_year")  # it was May 2021 whatever the headline's pre-trend year
    check_table(headline, "headline", _HEADLINE_COLUMNS)  # a KeyError from inside before
    _check_outcome_cells(headline, "headline")  # "Log_Emp" was shown as a blank outcome
    _check_measures(headline, "headline")  # "beta ": shown without its label "ours: beta", missing: blank
    # two headlines stacked: two rows of one measure and outcome, with other numbers, side by side
    repeat = first_repeat_of(headline.reset_index(drop=True), ["measure", "outcome"])
    if repeat is not None:
        pos, first = repeat
        raise DataFormatError(f"measure {headline['measure'].iloc[pos]!r}, outcome {headline['outcome'].iloc[pos]!r} "
                              f"is given twice (rows {first + 1} and {pos + 1}): the headline has one row per "
                              "measure and outcome", path="headline", row=pos + 1, column="outcome")
    num = {col: numbers(headline, col, "headline").to_numpy(dtype=float)
           for col in ("coef", "ci_low", "ci_high", "p_value", "pre_coef", "pre_p_value", "robust_min",
                       "robust_max", "n_occupations")}
    n = num["n_occupations"]
    bad = ~(np.isfinite(n) & (n >= 0) & (np.mod(n, 1) == 0))
    if bad.any():
        pos = int(bad.argmax())
        raise DataFormatError(f"n_occupations must be a whole number of 0 or more, got {float(n[pos])!r}",
                              path="headline", row=pos + 1, column="n_occupations")
    for col in ("robust_min_spec", "robust_max_spec"):
        bad = ~headline[col].map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
        if bad.any():  # NaN: "'float' object has no attribute 'startswith'"
            pos = int(bad.argmax())
            raise DataFormatError(f"{col} must be a specification name (str), got {_plain(headline[col].iloc[pos])!r}",
                                  path="headline", row=pos + 1, column=col)
    return pd.DataFrame({
        "measure": headline["measure"].map(lambda m: MEASURE_LABELS.get(m, m)).to_numpy(),
        "outcome": headline["outcome"].map({"log_emp": "employment", "log_wage": "mean wage"}).to_numpy(),
        f"May {year} (% per SD)": (100 * num["coef"]).round(2),
        "95% interval": [f"[{_pct(a)}, {_pct(b)}]" for a, b in zip(num["ci_low"].tolist(), num["ci_high"].tolist())],
        "p": num["p_value"].round(3),
        f"pre-trend, May {pre_year} (%)": (100 * num["pre_coef"]).round(2),
        "pre-trend p": num["pre_p_value"].round(3),
        "robustness range": [f"{_pct(a)} ({_spec(sa)}) to {_pct(b)} ({_spec(sb)})" for a, sa, b, sb in
                             zip(num["robust_min"].tolist(), headline["robust_min_spec"],
                                 num["robust_max"].tolist(), headline["robust_max_spec"])],
        "occupations": n.astype(int),
    }, index=headline.index)


def quintile_table(growth: pd.DataFrame, column: str = "emp_growth_post") -> pd.DataFrame:
    """One row per measure, one column per exposure group: ``column`` in percent.

    The first group is named the least exposed and the last group the most exposed; a table of one
    group (``exposure outcomes --quantiles 1``) names it ``Q1 (all occupations)`` (it was
    ``Q1 (least exposed)``, though it holds every occupation). The first and last groups
    are those ``growth`` holds: tied values that leave groups 1 and 2 empty (a share that is
    0 for most occupations) make ``Q3`` the least exposed (no column was named so).

    Raises
    ------
    exposure.errors.DataFormatError
        ``growth`` not a frame, without ``measure``, ``group`` or ``column``, or without
        rows; ``column`` not a string; a measure that is missing or not a name (it was a row
        labelled NaN) or has spaces around it (``"beta "`` was a row of its own, beside
        the row of ``beta`` and without its label), a group that is not a whole number of 1 or more
        (``"1"`` lost its "least exposed" name, 2.5 became ``Q2.5``), a value that is not
        a number, or a (measure, group) given twice (pandas' "Index contains duplicate
        entries"), naming the row and the column.

    Examples
    --------
    >>> g = pd.DataFrame({"measure": "beta", "group": [1, 2], "emp_growth_post": [0.05, -0.02]})
    >>> quintile_table(g).to_dict("records")
    [{'measure': 'ours: beta', 'Q1 (least exposed)': 5.0, 'Q2 (most exposed)': -2.0}]
    """
    check_name(column, "column")  # a list: "unhashable type"
    check_table(growth, "growth", ["measure", "group", column])  # a KeyError from inside before
    if growth.empty:
        raise DataFormatError("growth has no rows: no exposure group to show")
    group = numbers(growth, "group", "growth").to_numpy(dtype=float)
    bad = ~(np.isfinite(group) & (group >= 1) & (np.mod(group, 1) == 0))
    if bad.any():
        pos = int(bad.argmax())
        raise DataFormatError(f"group must be a whole number of 1 or more, got {_plain(growth['group'].iloc[pos])!r}",
                              path="growth", row=pos + 1, column="group")
    value = numbers(growth, column, "growth").to_numpy(dtype=float)
    _check_measures(growth, "growth")  # a missing measure was a row labelled NaN, "beta " one of its own
    growth = pd.DataFrame({"measure": growth["measure"].to_numpy(), "group": group.astype(int), column: value})
    repeat = first_repeat(growth["measure"].astype(str) + "|" + growth["group"].astype(str))
    if repeat is not None:
        pos, first = repeat
        raise DataFormatError(f"measure {growth['measure'].iloc[pos]!r}, group {growth['group'].iloc[pos]} is given "
                              f"twice (rows {first + 1} and {pos + 1})", path="growth", row=pos + 1, column="group")
    wide = growth.pivot(index="measure", columns="group", values=column)
    wide = wide.reindex(list(dict.fromkeys(growth["measure"])))
    first, last = int(wide.columns.min()), int(wide.columns.max())
    # one group (--quantiles 1, or ties filling one) holds every occupation: it was called
    # "Q1 (least exposed)"; the first group filled is the least exposed one (ties leave
    # groups 1 and 2 empty: no column was named so, though "Q5 (most exposed)" was)
    names = {g: f"Q{g}" + (" (all occupations)" if first == last else " (least exposed)" if g == first
                           else " (most exposed)" if g == last else "")
             for g in wide.columns}
    out = (100 * wide).round(1).rename(columns=names)
    out.index = out.index.map(lambda m: MEASURE_LABELS.get(m, m))
    out.columns.name = None
    return out.rename_axis("measure").reset_index()


def _round(frame: pd.DataFrame, digits: int = 6, significant: int = 3, most: int = 12) -> pd.DataFrame:
    """The float columns of ``frame`` rounded to ``digits`` decimals, a small value to ``significant`` digits.

    A value below ``10 ** (significant - 1 - digits)`` (1e-4) takes the decimals its
    ``significant`` digits need, up to ``most`` (the 12 decimals the library's tables are
    written with: float noise, such as 1e-17 for 0, is still 0.0). Six decimals left a
    measure on a small scale (a share of all conversations, 1e-6) as ``0.0`` in
    ``outcomes_exposures.csv`` and in each group's ``exposure_low`` and ``exposure_high``,
    a p-value of 3e-9 as ``0.0`` and a coefficient of -2.79e-06 as ``-3e-06``, without a
    word. Values of 1e-4 and more are rounded as before.

    Examples
    --------
    >>> x = [0.123456789, 4.108311525e-06, 1.2345e-07, 0.0, 1.5e-17, np.nan]
    >>> _round(pd.DataFrame({"x": x}))["x"].tolist()
    [0.123457, 4.11e-06, 1.23e-07, 0.0, 0.0, nan]
    """
    out = frame.copy()
    for pos in range(frame.shape[1]):  # by position: a name may be given twice (one's own exposures)
        if not pd.api.types.is_float_dtype(frame.dtypes.iloc[pos]):
            continue
        values = frame.iloc[:, pos].to_numpy(dtype=float, na_value=np.nan, copy=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            magnitude = np.floor(np.log10(np.abs(values)))  # -inf for 0, NaN for NaN
        decimals = np.where(np.isfinite(magnitude), np.clip(significant - 1 - magnitude, digits, most),
                            digits).astype(int)
        for d in np.unique(decimals):
            at = decimals == d
            values[at] = np.round(values[at], int(d))
        out.isetitem(pos, values)
    return out


def last_year(result: Outcomes) -> int:
    """The year of ``result``'s headline effect: the last year of its baseline event study.

    :func:`exposure.outcomes.headline` reports that year (2025 on the OEWS panel); the
    command printed "May 2025" whatever it was.
    """
    base = result.coefficients[(result.coefficients["spec"] == "baseline").to_numpy(dtype=bool)]
    years = pd.to_numeric(base["year"], errors="coerce").dropna()
    return int(years.max()) if len(years) else PANEL_YEARS[-1]


def _json_value(obj):
    """``obj`` (which :mod:`json` cannot write) as :func:`~exposure._io.write_json` writes it.

    A numpy number (a float32 level, an int64 seed) was refused as a setting although
    ``write_json`` writes it; anything it cannot write (a path) is refused as before.
    """
    ready = json_ready(obj, None)
    if ready is obj:
        raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")
    return ready


def _settings(settings, meta: dict) -> dict:
    """``settings`` of :func:`write_outcomes`, checked: a dict of JSON values not named like ``meta``'s entries."""
    if settings is None:
        return {}
    if not isinstance(settings, dict):  # a list: "'list' object is not a mapping"
        raise DataFormatError(f"settings must be a dict of extra outcomes.json entries or None, got {shown(settings)}")
    for key, value in settings.items():
        if not isinstance(key, str):
            raise DataFormatError(f"settings must be named by text (str), got the name {shown(key)}")
        if key in meta:  # {"years": [1999]} replaced the panel's years without a word
            raise DataFormatError(f"settings[{key!r}] would replace the entry {key!r} that write_outcomes "
                                  "computes; give it another name")
        try:  # numpy numbers (a float32 level, an int64 seed) as write_json writes them
            json.dumps(value, allow_nan=False, default=_json_value)
        except (TypeError, ValueError) as exc:  # a Path: "Object of type PosixPath is not JSON serializable"
            raise DataFormatError(f"settings[{key!r}] cannot be written to JSON ({exc}): give text, numbers, "
                                  "True/False or None") from None
    return dict(settings)


def write_outcomes(result: Outcomes, out_dir, *, figures_too: bool = True,
                   settings: dict | None = None, sectors: pd.DataFrame | None = None) -> dict[str, Path]:
    """Write the tables (and figures) of an :class:`~exposure.outcomes.Outcomes` result.

    Parameters
    ----------
    result : exposure.outcomes.Outcomes
    out_dir : str or os.PathLike
        Created if missing. The files are written as one set
        (:func:`exposure._io.atomic_paths`): a failure part-way leaves the previous ones.
        Then the files of an earlier run that this one does not write (figures, the
        sectors table) are removed, so the directory holds one run.
    figures_too : bool, default True
        Also draw the event-study figures (needs matplotlib).
    settings : dict, optional
        Extra entries of ``outcomes.json`` (e.g. the command line): names (str) of values
        JSON holds (text, numbers, True/False, None, lists and dicts of them), none named
        like an entry written here (``years``, ``measures``, ...).
    sectors : pandas.DataFrame, optional
        :func:`exposure.outcomes.sector_growth`, written to ``outcomes_sectors.csv``.

    Returns
    -------
    dict of str to pathlib.Path
        File name -> path of every file written.

    Raises
    ------
    exposure.errors.DataFormatError
        ``result`` that is not an :class:`~exposure.outcomes.Outcomes` (or whose
        ``base_year``, written to ``outcomes.json``, is not a whole number), ``out_dir`` that is
        not a path, ``figures_too`` that is not True or False, ``sectors`` that is not a
        frame or None, ``settings`` that is not a dict, has a value JSON cannot hold (a
        path, NaN) or an entry that would replace one written here; ``result.coefficients``
        without ``measure`` or ``spec``, ``result.panel`` without ``year``, ``soc_code`` or
        ``balanced`` (a ``KeyError`` before).
    exposure._outdir.OutputPathError
        ``out_dir`` inside the mirror, the download cache's folders or the installed
        package (:func:`exposure.fetch.refuse_read_folders`), before any work.

    Examples
    --------
    >>> import tempfile
    >>> from exposure.outcomes import run_outcomes
    >>> rows = [(f"11-10{i}1", t, 100.0 * (i + 1) * (1 + 0.01 * ((3 * i + t) % 4)), "11-0000")
    ...         for i in range(6) for t in (2021, 2022, 2023)]
    >>> panel = pd.DataFrame(rows, columns=["soc_code", "year", "tot_emp", "soc_major"]).assign(
    ...     a_mean=50e3, balanced=True)
    >>> ex = pd.DataFrame({"soc_code": panel["soc_code"].unique(), "beta": np.linspace(0, 1, 6)})
    >>> res = run_outcomes(panel, ex, q=2, with_robustness=False)
    >>> sorted(write_outcomes(res, tempfile.mkdtemp(), figures_too=False))[:3]
    ['outcomes.json', 'outcomes_coefficients.csv', 'outcomes_exposures.csv']
    """
    if not isinstance(result, Outcomes):  # an AttributeError on None before
        raise DataFormatError(f"result must be an exposure.outcomes.Outcomes (the result of run_outcomes), "
                              f"got {shown(result)}")
    out = check_path(out_dir, "out_dir", "a directory path")
    refuse_read_folders(out)  # the mirror, the cache, the package: as the CLI
    check_flag(figures_too, "figures_too")  # "no" drew the figures
    if sectors is not None and not isinstance(sectors, pd.DataFrame):
        raise DataFormatError(f"sectors must be a pandas DataFrame (the result of sector_growth) or None, "
                              f"got {shown(sectors)}")
    # a KeyError 'spec' or 'balanced' below: named as the other tables of the result are
    check_table(result.coefficients, "coefficients", ["measure", "spec"])
    check_table(result.panel, "panel", ["year", "soc_code", "balanced"])
    base_year = _check_year(result.base_year, "result.base_year")  # run_outcomes(base_year=2023): it said 2022
    tables = {
        "outcomes_summary.csv": summary_table(result.headline, year=last_year(result)),
        "outcomes_quintiles_emp.csv": quintile_table(result.growth, "emp_growth_post"),
        "outcomes_quintiles_wage.csv": quintile_table(result.growth, "wage_growth_post"),
        "outcomes_headline.csv": result.headline,
        "outcomes_coefficients.csv": result.coefficients,
        "outcomes_pretrend.csv": result.pretrend,
        "outcomes_growth.csv": result.growth,
        "outcomes_groups.csv": result.groups,
        "outcomes_exposures.csv": result.exposures,
    }
    if sectors is not None:
        tables["outcomes_sectors.csv"] = sectors
    base = result.coefficients[result.coefficients["spec"] == "baseline"]
    meta = {
        "years": sorted(int(y) for y in result.panel["year"].unique()),
        "base_year": base_year,
        "occupation_codes": int(result.panel["soc_code"].nunique()),
        "balanced_codes": int(result.panel.loc[result.panel["balanced"], "soc_code"].nunique()),
        "measures": list(dict.fromkeys(base["measure"])),
        "specs": list(dict.fromkeys(result.coefficients["spec"])),
        "estimator": "statsmodels WLS on within-transformed data, cluster-robust (CR1) by occupation",
        "statsmodels": _version("statsmodels"),
    }
    meta.update(_settings(settings, meta))
    drawn = {}
    if figures_too:  # every measure in a figure: one outside both was drawn in none, silently
        drawn = {f"{name}.png": have for name, have in figure_names(meta["measures"]).items()}
    names = [*tables, "outcomes.json", *drawn]
    # one set: a failure (or SIGTERM) part-way leaves the previous files
    with atomic_paths([out / name for name in names]) as paths:
        tmp = dict(zip(names, paths, strict=True))
        for name, frame in tables.items():
            write_csv(_round(frame), tmp[name], index=False)
        write_json(json.loads(json.dumps(meta)), tmp["outcomes.json"])
        for name, have in drawn.items():
            figures.write_png(plot_event_study(result.coefficients, have), tmp[name])
    # files of an earlier run that this one does not write (figures left out with
    # --no-figures or for lack of their measures, the sectors table) would mix two runs
    for name in sorted(({f"{n}.png" for n in [*FIGURE_MEASURES, OTHER_FIGURE]} | {"outcomes_sectors.csv"})
                       - set(names)):
        if (out / name).is_file():
            log.info("removing %s of an earlier run", out / name)
            (out / name).unlink()
    log.info("wrote %d files to %s", len(names), out)
    return {name: out / name for name in sorted(names)}
