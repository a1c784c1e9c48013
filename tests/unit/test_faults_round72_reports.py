"""Round 72, area ``reports``: figures, outcomes, ``exposure compare`` and ``exposure evaluate``.

1. ``exposure.reports.figures.format_workers`` of a billion workers and more wrote them
   in millions: ``format_workers(1e9)`` was ``'1000.0M'``, ``format_workers(1e12)``
   ``'1000000.0M'`` and ``format_workers(1e300)`` a string of 300 digits ending in ``M``
   (the labels of ``plot_ranked_occupations`` for a table of world employment). Now
   ``'1.0B'``, ``'1.0T'`` and ``'1.0e+300'``; below a billion as before.
2. ``figures.plot_distribution`` of a ``soc_scores`` that holds an occupation twice
   (``"15-1252"`` on rows 1 and 3, or ``" 15-1252"`` beside ``"15-1252"``) counted its
   workers twice (the share of workers at beta 0.9 was 0.67 instead of 0.5), a
   major-group total written ``"15-0000 "`` was counted as an occupation, and a negative
   ``tot_emp`` was left out, all without a word; every other figure of the module refuses
   them. Now ``row 3, column 'soc_code': soc_scores has soc_code '15-1252' twice (rows 1
   and 3)``, the total left out as ``"15-0000"`` is, and ``soc_scores, row 3, column
   'tot_emp': employment must be at least 0.0; got -30.0``.
3. ``figures.by_major_group``, ``by_wage_decile``, ``plot_wage`` and
   ``plot_distribution`` of a ``soc_scores`` holding a SOC code and an O*NET-SOC code of
   it (``"15-1252"`` and ``"15-1252.00"``, or ``"15-1299"`` and ``"15-1299.08"``)
   counted the occupation's workers twice (the major group's employment was 3.0 for
   workers of 1.0 and 2.0 of the same occupation). Now ``row 2, column 'soc_code':
   soc_scores has the O*NET-SOC code '15-1252.00' (row 2) and its SOC code '15-1252'
   (row 1): the occupation's workers would be counted twice; give codes of one kind (SOC
   codes, or O*NET-SOC codes)``. O*NET-SOC codes of one SOC code (``15-1299.08`` and
   ``15-1299.09``) are distinct occupations, as before. So did a SOC minor or broad group
   beside a code it holds (``15-1200``, ``15-1250`` and ``15-1252``, as an OEWS national
   file lists them: the major group ``15-0000`` had 10 workers for 5). Now ``row 1,
   column 'soc_code': soc_scores: '15-1250' (row 1) is in '15-1200' (row 3), a SOC minor
   group, and both are rows: its workers would be counted twice; give the group or its
   occupations, not both`` (the words of ``exposure.rollup``); the ranked occupations,
   which add nothing up, still list both, and major-group totals (``15-0000``) are left
   out as before.
4. ``exposure.cli._report.check_folds_fit`` (``exposure evaluate``, ``exposure report
   agreement``, ``exposure train``) of labels of one occupation group: ``--folds 2 is more
   than the 1 occupation groups ...; give --folds from 2 to 1``, advice no ``--folds``
   follows. Now ``the human labels (full_labelset_train.tsv): every task is of one
   occupation group, 11-1011 (SOC 6-digit): the cross-validation holds out whole groups, so
   it needs tasks of two groups at least, whatever --folds; give labels of more
   occupations`` (the words of :func:`exposure.reports.agreement.evaluate_method`). The
   CLI reads the sha256-pinned labels, so this guards the function only.
5. ``exposure.reports.outcomes.plot_event_study`` of coefficients with ``ci_low`` and
   ``ci_high`` swapped, or a coefficient outside its own interval (the interval of
   another row): matplotlib's ``ValueError: 'yerr' must not contain negative values``; a
   (measure, outcome, spec, year) given twice (two runs stacked) was drawn twice, the
   line zigzagging between the two, and a missing measure drew a panel titled ``nan``,
   without a word. Now, as :func:`exposure.outcomes.headline` reads them: ``coefficients,
   row 1, column 'ci_low': ci_low 0.03 is above ci_high -0.01 of the same row: ...``,
   ``coefficients, row 3, column 'coef': coef 0.05 is outside its 95% interval [-0.04,
   0.0] (ci_low, ci_high): the interval holds its coefficient``, ``coefficients, row 4,
   column 'year': (beta, log_emp, baseline, 2023) appears twice (rows 3 and 4)`` and
   ``coefficients, row 2, column 'measure': the measure is missing``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exposure.cli._report import check_folds_fit
from exposure.errors import DataFormatError, ExposureError
from exposure.reports.figures import (
    by_major_group,
    by_wage_decile,
    format_workers,
    plot_distribution,
    plot_ranked_occupations,
    plot_wage,
)
from exposure.reports.outcomes import plot_event_study


def _soc(codes, emp, beta=None) -> pd.DataFrame:
    beta = [0.9, 0.1, 0.9][:len(codes)] if beta is None else beta
    return pd.DataFrame({"soc_code": codes, "soc_title": [f"occupation {i}" for i in range(len(codes))],
                         "tot_emp": emp, "a_mean": [50e3 + 10e3 * i for i in range(len(codes))],
                         "alpha": beta, "beta": beta, "gamma": beta})


# 1. a billion workers and more

def test_format_workers_writes_billions_and_trillions():
    values = (999_949_999, 999_950_000, 1e9, 3.5e9, 999.94e9, 999.95e9, 1e12, 999.9e12, 1e15, 1e300)
    assert [format_workers(v) for v in values] == [
        "999.9M", "1.0B", "1.0B", "3.5B", "999.9B", "1.0T", "1.0T", "999.9T", "1.0e+15", "1.0e+300"]
    # below a billion, as before
    assert [format_workers(v) for v in (2_595_750, 52_060, 3_100, 840, 999_500)] == [
        "2.6M", "52k", "3.1k", "840", "1.0M"]


def test_plot_ranked_occupations_labels_billions_of_workers():
    pytest.importorskip("matplotlib")
    soc = _soc(["15-1252", "47-2061"], [3.5e9, 2e12], beta=[0.9, 0.1])
    fig = plot_ranked_occupations(soc, n=1, min_employment=0)
    labels = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    assert labels == ["occupation 0 (3.5B)", "occupation 1 (2.0T)"]


# 2. plot_distribution: an occupation twice, a total with a space, a negative employment

@pytest.mark.parametrize("first", ["15-1252", " 15-1252", "15-1252 "])
def test_plot_distribution_refuses_an_occupation_given_twice(first):
    pytest.importorskip("matplotlib")
    with pytest.raises(DataFormatError) as err:
        plot_distribution(_soc([first, "47-2061", "15-1252"], [10.0, 10.0, 10.0]), bins=2)
    assert (err.value.row, err.value.column) == (3, "soc_code")
    # round 73: the frame named first, as the roll-ups name it ("row 3, column 'soc_code': soc_scores has ... twice")
    assert str(err.value) == "soc_scores, row 3, column 'soc_code': soc_code '15-1252' is given twice (rows 1 and 3)"


def test_plot_distribution_leaves_out_a_total_written_with_a_space():
    pytest.importorskip("matplotlib")
    fig = plot_distribution(_soc(["15-1252", "47-2061", "15-0000 "], [10.0, 10.0, 30.0]), bins=2)
    beta = fig.axes[0].lines[1]
    assert beta.get_ydata().tolist() == [0.5, 0.5, 0.5]  # the total's 30 workers counted as an occupation: 0.8


def test_plot_distribution_refuses_a_negative_employment():
    pytest.importorskip("matplotlib")
    with pytest.raises(DataFormatError) as err:
        plot_distribution(_soc(["15-1252", "47-2061", "19-1011"], [10.0, 10.0, -30.0]), bins=2)
    assert (err.value.row, err.value.column) == (3, "tot_emp")
    assert str(err.value) == "soc_scores, row 3, column 'tot_emp': employment must be at least 0.0; got -30.0"


# 3. a SOC code beside an O*NET-SOC code of it

_MIXED = ("soc_scores, row 2, column 'soc_code': the O*NET-SOC code '{code}' (row 2) is beside its SOC code "
          "'{soc}' (row 1): the occupation's workers would be counted twice; give codes of one kind (SOC "
          "codes, or O*NET-SOC codes)")


@pytest.mark.parametrize("soc, code", [("15-1252", "15-1252.00"), ("15-1299", "15-1299.08")])
@pytest.mark.parametrize("run", [by_major_group, by_wage_decile])
def test_tables_refuse_a_soc_code_beside_its_onet_soc_code(run, soc, code):
    with pytest.raises(DataFormatError) as err:
        run(_soc([soc, code, "47-2061"], [1.0, 2.0, 3.0]))
    assert (err.value.row, err.value.column) == (2, "soc_code")
    assert str(err.value) == _MIXED.format(code=code, soc=soc)
    # O*NET-SOC codes of one SOC code are distinct occupations, as before
    assert run(_soc(["15-1299.08", "15-1299.09", "47-2061.00"], [1.0, 2.0, 3.0]))["tot_emp"].sum() == 6.0


@pytest.mark.parametrize("draw", [plot_wage, plot_distribution])
def test_figures_refuse_a_soc_code_beside_its_onet_soc_code(draw):
    pytest.importorskip("matplotlib")
    with pytest.raises(DataFormatError) as err:
        draw(_soc(["15-1252", " 15-1252.00", "47-2061"], [1.0, 2.0, 3.0]))
    assert str(err.value) == _MIXED.format(code="15-1252.00", soc="15-1252")


_NESTED = ("soc_scores, row 1, column 'soc_code': '15-1250' (row 1) is in '15-1200' (row 3), a SOC minor group, "
           "and both are rows: its workers would be counted twice; give the group or its occupations, not both")


@pytest.mark.parametrize("run", [by_major_group, by_wage_decile, plot_wage, plot_distribution])
def test_a_soc_group_beside_a_code_it_holds_is_refused(run):
    if run in (plot_wage, plot_distribution):
        pytest.importorskip("matplotlib")
    soc = _soc(["15-1250", "15-1252", "15-1200", "47-2061"], [3.0, 2.0, 5.0, 3.0], beta=[0.5, 0.5, 0.5, 0.1])
    with pytest.raises(DataFormatError) as err:
        run(soc)
    assert (err.value.row, err.value.column) == (1, "soc_code")
    assert str(err.value) == _NESTED
    # OEWS aggregates (13-1020) and a major-group total (15-0000, left out) beside detailed codes: read as before
    aggregates = run(soc.assign(soc_code=["13-1020", "15-1252", "15-0000", "47-2061"]))
    if run is by_major_group:
        assert aggregates["tot_emp"].tolist() == [3.0, 2.0, 3.0]
        # the ranked occupations add nothing up: a group and a code it holds are both listed
        pytest.importorskip("matplotlib")
        fig = plot_ranked_occupations(_soc(["15-1250", "15-1252"], [3.0, 2.0], beta=[0.6, 0.5]), n=2,
                                      min_employment=0)
        assert len(fig.axes[0].get_yticklabels()) == 2


# 4. labels of one occupation group

def test_check_folds_fit_refuses_labels_of_one_group_without_folds_advice():
    labels = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03"]})
    with pytest.raises(ExposureError) as err:
        check_folds_fit(2, labels)
    assert str(err.value) == (
        "full_labelset_train.tsv, column 'O*NET-SOC Code': every task is of one occupation group, 11-1011 (SOC "
        "6-digit): the cross-validation holds out whole groups, so it needs tasks of two groups at least, "
        "whatever --folds; give labels of more occupations")
    assert "from 2 to 1" not in str(err.value)
    # two groups: --folds 2 fits, 3 is refused as before
    two = pd.concat([labels, pd.DataFrame({"onetsoc_code": ["13-1041.00"]})], ignore_index=True)
    check_folds_fit(2, two)
    with pytest.raises(ExposureError, match="give --folds from 2 to 2$"):
        check_folds_fit(3, two)


# 5. the event-study figure of coefficients it cannot draw

def _coefficients(**changes) -> pd.DataFrame:
    c = pd.DataFrame({"measure": "beta", "outcome": ["log_emp"] * 3, "spec": "baseline",
                      "year": [2021, 2022, 2023], "coef": [0.01, 0.0, -0.02],
                      "ci_low": [-0.01, np.nan, -0.04], "ci_high": [0.03, np.nan, 0.0]})
    return c.assign(**changes)


@pytest.mark.parametrize("coefficients, message", [
    (_coefficients(ci_low=[0.03, np.nan, -0.04], ci_high=[-0.01, np.nan, 0.0]),
     "coefficients, row 1, column 'ci_low': ci_low 0.03 is above ci_high -0.01 of the same row: the 95% interval "
     "runs from ci_low up to ci_high (are the two columns swapped?)"),
    (_coefficients(coef=[0.01, 0.0, 0.05]),
     "coefficients, row 3, column 'coef': coef 0.05 is outside its 95% interval [-0.04, 0.0] (ci_low, ci_high): "
     "the interval holds its coefficient"),
    (pd.concat([_coefficients(), _coefficients().iloc[[2]].assign(coef=0.05, ci_high=0.1)], ignore_index=True),
     "coefficients, row 4, column 'year': (beta, log_emp, baseline, 2023) appears twice (rows 3 and 4)"),
    (_coefficients(measure=["beta", None, "beta"]), "coefficients, row 2, column 'measure': the measure is missing"),
])
def test_plot_event_study_refuses_coefficients_it_cannot_draw(coefficients, message):
    pytest.importorskip("matplotlib")
    with pytest.raises(DataFormatError) as err:
        plot_event_study(coefficients)
    assert str(err.value) == message
    # the same coefficients, right: drawn as before, a coefficient at its interval's end too
    fig = plot_event_study(_coefficients(coef=[0.01, 0.0, 0.0]))
    assert [ax.get_title() for ax in fig.axes] == ["ours: beta"]
