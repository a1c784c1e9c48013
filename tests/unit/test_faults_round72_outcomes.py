"""Round 72, area ``outcomes``: the outcomes tables and ``exposure outcomes --soc-scores``.

1. A measure name with spaces around it (``"beta "``: a table edited by hand, or a CSV
   header written by Excel) was a measure of its own, without a word:
   :func:`exposure.reports.outcomes.quintile_table` of growth rows of ``"beta"`` and
   ``"beta "`` gave two rows, ``ours: beta`` with Q1 only and ``beta `` (no label) with
   Q2 only; :func:`~exposure.reports.outcomes.summary_table` showed ``beta `` without its
   label ``ours: beta``; :func:`~exposure.reports.outcomes.plot_event_study` drew a panel
   titled ``beta ``; :func:`exposure.outcomes.run_outcomes` of exposures with a column
   ``"beta "`` ran it as a measure of its own (a headline row ``beta ``, drawn in the
   figure of other measures). A missing measure in ``summary_table`` was a row with a
   blank label. Now ``growth, row 2, column 'measure': measure 'beta ' has spaces around
   it: write 'beta'`` (``headline``, ``coefficients`` alike: :func:`~exposure.outcomes.headline`
   and :func:`~exposure.outcomes.pretrend` read the coefficients so),
   ``headline, row 1, column 'measure': measure missing``, and ``exposures, column 'beta
   ': the measure name 'beta ' has spaces around it: rename the column 'beta'``
   (``measures=["beta "]``: ``measures: the measure name 'beta ' has spaces around it:
   write 'beta' ...``).
2. ``exposure outcomes --soc-scores FILE`` of a file without ``soc_code``: the
   ``occupation_scores.parquet``, ``task_scores.parquet`` or ``sector_scores.parquet`` of
   ``exposure recompute`` given for the SOC scores, or another tool's file keyed by
   ``occ_code``, was refused as ``FILE: soc_scores lacks column(s) ['soc_code']``: a
   frame ``soc_scores`` never given, without the file's columns or what to give, where
   ``exposure compare --ours`` says what the file holds. Now as ``--ours`` says it:
   ``FILE: holds O*NET-SOC occupation scores (occupation_scores.parquet) (column
   'onetsoc_code'), not SOC scores: --soc-scores takes scores by SOC code (soc_code,
   alpha, beta, gamma), as the soc_scores.parquet of exposure recompute`` (and ``FILE:
   soc_scores lacks column(s) ['soc_code'] (columns are ['occ_code', 'beta']):
   --soc-scores takes ...``).
3. :func:`exposure.reports.outcomes.summary_table` of a headline holding a measure and
   outcome twice (the headlines of two runs stacked) showed both rows, ``ours: beta,
   employment, -1.13`` beside ``ours: beta, employment, 2.00``, without a word (the
   quintile table refuses a (measure, group) twice). Now ``headline, row 3, column
   'outcome': measure 'beta', outcome 'log_emp' is given twice (rows 1 and 3): the
   headline has one row per measure and outcome``.
4. :func:`exposure.outcomes.run_outcomes` (``group_growth``, ``event_study``,
   ``robustness``) without ``measures`` of exposures read from a CSV saved with pandas'
   ``to_csv()`` (``index=True`` by default) ran the row numbers, the column ``Unnamed:
   0``, as an exposure measure, without a word: a headline row ``Unnamed: 0, log_emp,
   -0.0128`` beside beta's, and a figure of it. Now ``exposures, column 'Unnamed: 0':
   column 'Unnamed: 0' has no name in the file the frame was read from (the row numbers
   pandas writes with to_csv(), index=True by default?), so it is no measure: drop it
   (read the file with index_col=0), or name the measures with measures=[...]``; both
   ways out work.
"""

from __future__ import annotations

import io

import matplotlib
import pandas as pd
import pytest
from _frames import outcome_exposures, outcome_panel
from test_faults_cli import cli, one_error_line

from exposure import outcomes
from exposure.errors import DataFormatError
from exposure.reports.outcomes import plot_event_study, quintile_table, summary_table

matplotlib.use("Agg")


def _headline(**changes) -> pd.DataFrame:
    row = {"measure": "beta", "outcome": "log_emp", "coef": -0.0113, "ci_low": -0.0282, "ci_high": 0.0056,
           "p_value": 0.19, "pre_coef": 0.0056, "pre_p_value": 0.11, "robust_min": -0.0179,
           "robust_min_spec": "drop_major_51", "robust_max": 0.0146, "robust_max_spec": "unweighted",
           "n_occupations": 782}
    return pd.DataFrame([row]).assign(**changes)


def _coefficients(measure: str = "beta") -> pd.DataFrame:
    return pd.DataFrame({"measure": measure, "outcome": "log_emp", "spec": "baseline", "year": [2021, 2022, 2023],
                         "coef": [0.01, 0.0, -0.02], "ci_low": [-0.01, None, -0.04], "ci_high": [0.03, None, 0.0],
                         "se": [0.01, None, 0.01], "p_value": [0.3, None, 0.05], "n_occupations": 8})


# 1. a measure name with spaces around it ----------------------------------------------------
def test_quintile_table_refuses_a_measure_with_spaces_around_it():
    growth = pd.DataFrame({"measure": ["beta", "beta "], "group": [1, 2], "emp_growth_post": [0.05, -0.02]})
    with pytest.raises(DataFormatError) as err:
        quintile_table(growth)
    assert str(err.value) == ("growth, row 2, column 'measure': measure 'beta ' has spaces around it: "
                              "write 'beta'")


@pytest.mark.parametrize("measure, said", [
    (" beta", "headline, row 1, column 'measure': measure ' beta' has spaces around it: write 'beta'"),
    (None, "headline, row 1, column 'measure': measure missing"),
])
def test_summary_table_refuses_a_measure_with_spaces_or_missing(measure, said):
    with pytest.raises(DataFormatError) as err:
        summary_table(_headline(measure=[measure]))
    assert str(err.value) == said
    # a name as written, spaces inside it, is shown as before
    assert summary_table(_headline(measure=["my exposure"]))["measure"].tolist() == ["my exposure"]
    assert summary_table(_headline())["measure"].tolist() == ["ours: beta"]


@pytest.mark.parametrize("read", [lambda c: plot_event_study(c), lambda c: outcomes.headline(c),
                                  lambda c: outcomes.pretrend(c)])
def test_coefficients_with_a_measure_with_spaces_are_refused(read):
    with pytest.raises(DataFormatError) as err:
        read(_coefficients("beta\t"))
    assert str(err.value) == ("coefficients, row 1, column 'measure': measure 'beta\\t' has spaces around it: "
                              "write 'beta'")


def test_run_outcomes_refuses_an_exposures_column_with_spaces_around_its_name():
    panel = outcome_panel()
    ex = outcome_exposures(panel).rename(columns={"beta": "beta "})
    with pytest.raises(DataFormatError) as err:
        outcomes.run_outcomes(panel, ex, q=2, with_robustness=False)
    assert str(err.value) == ("exposures, column 'beta ': the measure name 'beta ' has spaces around it: "
                              "rename the column 'beta'")
    with pytest.raises(DataFormatError, match=r"^measures: the measure name 'beta ' has spaces around it: "
                                              r"write 'beta' \(and name the column of exposures so\)$"):
        outcomes.run_outcomes(panel, ex, ["beta "], q=2, with_robustness=False)


# 2. exposure outcomes --soc-scores of a file without soc_code -------------------------------
@pytest.mark.parametrize("frame, said", [
    (pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1021.00"], "title": ["a", "b"], "beta": [0.2, 0.4]}),
     "holds O*NET-SOC occupation scores (occupation_scores.parquet) (column 'onetsoc_code'), not SOC scores: "
     "--soc-scores takes scores by SOC code (soc_code, alpha, beta, gamma), as the soc_scores.parquet of "
     "exposure recompute"),
    (pd.DataFrame({"naics": ["52", "62"], "level": "sector", "beta": [0.2, 0.4]}),
     "holds sector scores (sector_scores.parquet, subsector_scores.parquet) (column 'naics'), not SOC scores: "
     "--soc-scores takes"),
    (pd.DataFrame({"occ_code": ["11-1011", "11-1021"], "beta": [0.2, 0.4]}),
     "soc_scores lacks column(s) ['soc_code'] (columns are ['occ_code', 'beta']): --soc-scores takes scores "
     "by SOC code"),
])
def test_soc_scores_of_another_level_say_what_the_file_holds(capsys, tmp_path, frame, said):
    path = tmp_path / "my scores.parquet"
    frame.to_parquet(path, index=False)
    code, _, err = cli(capsys, "outcomes", "--panel", "shipped", "--soc-scores", path, "--measure", "beta",
                       "--no-robustness", "--no-figures", "-o", tmp_path / "o")
    line = one_error_line(err, command="outcomes")
    assert code == 2
    assert line.startswith(f"exposure outcomes: error: {path}: {said}"), line


# 3. summary_table of a headline with a measure and outcome twice ----------------------------
def test_summary_table_refuses_a_measure_and_outcome_twice():
    h = _headline()
    stacked = pd.concat([h, h.assign(outcome="log_wage"), h.assign(coef=0.02, ci_high=0.03)])
    with pytest.raises(DataFormatError) as err:
        summary_table(stacked)
    assert str(err.value) == ("headline, row 3, column 'outcome': measure 'beta', outcome 'log_emp' is given "
                              "twice (rows 1 and 3): the headline has one row per measure and outcome")
    assert len(summary_table(stacked.iloc[:2])) == 2  # one row per measure and outcome, as before


# 4. exposures read from a CSV saved with its row numbers ------------------------------------
def test_run_outcomes_refuses_the_row_numbers_of_to_csv_as_a_measure():
    panel = outcome_panel()
    text = outcome_exposures(panel).to_csv()  # index=True: a first column of row numbers, without a name
    with pytest.raises(DataFormatError) as err:
        outcomes.run_outcomes(panel, pd.read_csv(io.StringIO(text)), q=2, with_robustness=False)
    assert str(err.value) == (
        "exposures, column 'Unnamed: 0': column 'Unnamed: 0' has no name in the file the frame was read from "
        "(the row numbers pandas writes with to_csv(), index=True by default?), so it is no measure: drop it "
        "(read the file with index_col=0), or name the measures with measures=[...]")
    # the advice works, both ways
    for exposures, measures in ((pd.read_csv(io.StringIO(text), index_col=0), None),
                                (pd.read_csv(io.StringIO(text)), ["beta"])):
        res = outcomes.run_outcomes(panel, exposures, measures, q=2, with_robustness=False)
        assert res.headline["measure"].unique().tolist() == ["beta"]
