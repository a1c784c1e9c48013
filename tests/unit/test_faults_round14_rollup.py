"""Round 14: roll-ups and published measures given what a user passes by mistake.

1. An empty line inside a published-measure CSV (Webb, Microsoft, Anthropic) was skipped
   by pandas, so every error below it named the row above the one at fault.
2. :func:`exposure.measures.compare.coverage` did not check its frames: a repeated or
   text employment raised pandas' ``cannot reindex on an axis with duplicate labels`` or
   ``could not convert string to float``; a negative or boolean ``tot_emp`` was summed.
3. An employment frame whose ``tot_emp`` is 0 or missing on every row gave an
   ``emp_share`` of 0.0 for every measure (:func:`~exposure.measures.compare.compare`,
   :func:`~exposure.measures.compare.coverage`), as if nothing were covered.
4. :func:`~exposure.measures.compare.correlations` and
   :func:`~exposure.measures.compare.disagreements` with a measure or weight column of
   text: ``Invalid comparison between dtype=str and int``, ``x must be a list of
   numbers ... got Series`` (no column named), ranks of the text sorted as strings;
   a measure named twice gave ``got DataFrame`` and a garbled correlation matrix.
5. :func:`~exposure.measures.compare.to_oews_codes` (and the measure crosswalks) with a
   value column of text: ``could not convert string to float``.
6. :func:`exposure.rollup.workforce_stats` with bootstrap ``draws`` of the wrong shape:
   ``IndexError`` or ``TypeError``.
7. OEWS frames given to the roll-up functions: a column given twice in different case
   (``tot_emp`` and ``TOT_EMP``) raised ``AttributeError``; a missing or malformed
   ``occ_code`` was reported as a position of an internal ``oews_codes`` list; a row with
   a missing or unknown ``o_group``/``i_group`` was dropped without a word (its workers
   lost); a sector row without its NAICS code was reported as a duplicate cell of NAICS
   ``'nan'``, and a padded one made an industry of its own.
8. :mod:`exposure.reports.figures`: a plot given a frame without a column it draws raised
   ``KeyError``; ``plot_distribution(bins=0)`` an ``IndexError``; ``plot_wage`` of scores
   without a wage, a ``KeyError`` (``by_wage_decile`` returned a frame with no columns).

No mirror and no network: tiny frames and files written by the tests.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from exposure import rollup as R
from exposure.errors import DataFormatError
from exposure.measures import anthropic, microsoft, webb
from exposure.measures import compare as cmp
from exposure.measures._common import read_csv
from exposure.reports import figures

# 1. an empty line inside a published-measure CSV --------------------------------------

WEBB_HEADER = "occ1990dd,occ1990dd_title,lswt2010,pct_software,pct_robot,pct_ai\n"


def test_an_empty_line_of_a_measure_file_is_named_by_its_row(tmp_path):
    path = tmp_path / "webb.csv"
    path.write_text(WEBB_HEADER + "4,Chiefs,10.5,30,9,28\n\n64,Scientists,5,abc,9,28\n")
    with pytest.raises(DataFormatError) as err:
        webb.read_webb(path)
    assert err.value.row == 3 and "empty line" in str(err.value)


@pytest.mark.parametrize("reader, text", [
    (microsoft.read_applicability, "SOC Code,title,ai_applicability_score\n11-1011,CEO,0.2\n\n"
                                   "43-9022,Typists,high\n"),
    (anthropic.read_task_usage, "task_name,pct\nweld.,50\n\nsew.,lots\n"),
], ids=["microsoft", "anthropic"])
def test_no_error_below_an_empty_line_names_the_row_above(tmp_path, reader, text):
    path = tmp_path / "m.csv"
    path.write_text(text)
    with pytest.raises(DataFormatError) as err:
        reader(path)
    # the empty line itself, not "row 3" for the bad value of row 4
    assert err.value.row == 3 and "empty line" in str(err.value)


def test_empty_lines_ending_a_measure_file_are_still_ignored(tmp_path):
    path = tmp_path / "webb.csv"
    path.write_text(WEBB_HEADER + "4,Chiefs,10.5,30,9,28\n\n\n")
    assert webb.read_webb(path)["occ1990dd"].tolist() == ["4"]


def test_a_measure_file_starting_with_an_empty_line_is_not_called_empty(tmp_path):
    path = tmp_path / "webb.csv"
    path.write_text("\n" + WEBB_HEADER + "4,Chiefs,10.5,30,9,28\n")
    with pytest.raises(DataFormatError) as err:
        read_csv(path)
    assert err.value.row == 1 and "empty line" in str(err.value)
    with pytest.raises(DataFormatError, match="file is empty"):
        read_csv(io.StringIO(""), "t.csv")


# 2-3. compare.coverage and the employment of the comparison ----------------------------

MEASURE = pd.DataFrame({"soc_code": ["11-1011", "31-1122"], "value": [0.1, 0.2]})


@pytest.mark.parametrize("employment, row, column", [
    (pd.DataFrame({"soc_code": ["11-1011", "11-1011"], "tot_emp": [1.0, 2.0]}), 2, "soc_code"),
    # round 72: '1,200' (thousands separators, as OEWS writes them) is read as 1200; 'x' is refused
    (pd.DataFrame({"soc_code": ["11-1011", "31-1120"], "tot_emp": ["1,200", "x"]}), 2, "tot_emp"),
    (pd.DataFrame({"soc_code": ["11-1011", "31-1120"], "tot_emp": [-5.0, 10.0]}), 1, "tot_emp"),
    (pd.DataFrame({"soc_code": ["11-1011", "31-1120"], "tot_emp": [True, True]}), 1, "tot_emp"),
], ids=["repeated-code", "text", "negative", "boolean"])
def test_coverage_names_the_bad_employment_row(employment, row, column):
    with pytest.raises(DataFormatError) as err:
        cmp.coverage(MEASURE, employment, name="m")
    assert (err.value.row, err.value.column) == (row, column)
    assert str(err.value).startswith("employment, row")


def test_coverage_names_a_measure_value_that_is_not_a_number():
    measure = MEASURE.assign(value=["a", 0.2])
    employment = pd.DataFrame({"soc_code": ["11-1011"], "tot_emp": [1.0]})
    with pytest.raises(DataFormatError) as err:
        cmp.coverage(measure, employment, name="m")
    assert (err.value.row, err.value.column) == (1, "value") and "not a number" in str(err.value)


def test_coverage_of_good_frames_is_unchanged():
    m = MEASURE.copy()
    m.attrs.update(n_source=3, n_matched=2)
    emp = pd.DataFrame({"soc_code": ["11-1011", "31-1120", "15-1252"], "tot_emp": [100.0, 50.0, 850.0]})
    c = cmp.coverage(m, emp, name="m")
    assert (c["match_rate"], c["emp_covered"], c["emp_share"]) == (2 / 3, 150.0, 0.15)


@pytest.mark.parametrize("tot_emp", [[0.0, 0.0], [None, None]], ids=["zero", "missing"])
def test_employment_with_no_worker_is_refused(tot_emp):
    employment = pd.DataFrame({"soc_code": ["11-1011", "31-1120"], "tot_emp": tot_emp})
    with pytest.raises(DataFormatError, match="0 or missing on every row"):
        cmp.coverage(MEASURE, employment, name="m")
    loaded = {"a": pd.DataFrame({"soc_code": ["11-1011", "31-1120"], "a": [0.1, 0.9]})}
    with pytest.raises(DataFormatError, match="0 or missing on every row"):
        cmp.compare(measures=[], employment=employment, loaded=loaded)


# 4. correlations, disagreements, correlation matrix -------------------------------------

TABLE = pd.DataFrame({"soc_code": ["11-1011", "13-1020", "15-1252", "17-2011"],
                      "a": [0.1, 0.2, 0.3, 0.4], "b": [1.0, 3.0, 2.0, 4.0],
                      "tot_emp": [1.0, 1.0, 1.0, 1.0]})


@pytest.mark.parametrize("table, column", [
    (TABLE.assign(a=["0.1", "x", "0.3", "0.4"]), "a"),
    (TABLE.assign(tot_emp=["1", "lots", "3", "4"]), "tot_emp"),
    (TABLE.assign(b=[True, False, True, False]), "b"),
], ids=["measure-text", "weight-text", "measure-bool"])
def test_correlations_name_a_column_that_is_not_numbers(table, column):
    with pytest.raises(DataFormatError) as err:
        cmp.correlations(table, ["a", "b"])
    assert err.value.column == column and err.value.row is not None
    assert str(err.value).startswith("table, row")


@pytest.mark.parametrize("table", [TABLE.assign(a=["0.1", "x", "0.3", "0.4"]),
                                   TABLE.assign(a=[0.1, "x", 0.3, 0.4])], ids=["text", "mixed"])
def test_disagreements_refuse_text_instead_of_ranking_it(table):
    with pytest.raises(DataFormatError) as err:
        cmp.disagreements(table, ["a", "b"])
    assert (err.value.row, err.value.column) == (2, "a")


@pytest.mark.parametrize("call", [
    lambda: cmp.correlations(TABLE, ["a", "a"]),
    lambda: cmp.disagreements(TABLE, ["a", "b", "a"]),
    lambda: cmp.correlation_matrix(cmp.correlations(TABLE, ["a", "b"]), measures=["a", "a"]),
], ids=["correlations", "disagreements", "correlation_matrix"])
def test_a_measure_named_twice_is_refused(call):
    with pytest.raises(DataFormatError, match="measures names 'a' twice"):
        call()


def test_correlations_of_numbers_are_unchanged():
    out = cmp.correlations(TABLE, ["a", "b"])
    assert out[["n", "pearson", "spearman", "spearman_emp"]].round(2).to_dict("records") == [
        {"n": 4, "pearson": 0.8, "spearman": 0.8, "spearman_emp": 0.8}]


# 5. values of text through the measure crosswalks -----------------------------------------

def test_to_oews_codes_names_a_value_that_is_not_a_number():
    frame = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "m": ["0.1", "high"]})
    with pytest.raises(DataFormatError) as err:
        cmp.to_oews_codes(frame, ["m"], ["11-1011", "13-1020"])
    assert (err.value.row, err.value.column) == (2, "m") and "not a number: 'high'" in str(err.value)


# 6. bootstrap draws of the wrong shape --------------------------------------------------

SOC = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "alpha": [0.1, 0.2], "beta": [0.2, 0.3],
                    "gamma": [0.3, 0.4], "tot_emp": [100.0, 200.0]})


@pytest.mark.parametrize("draws, shown", [
    ({"beta": np.zeros((3, 5))}, "shape (3, 5)"),
    ({"beta": np.zeros(2)}, "shape (2,)"),
    ({"beta": [["a", "b"]]}, "list"),
], ids=["columns", "one-dimension", "text"])
def test_workforce_stats_names_draws_of_the_wrong_shape(draws, shown):
    with pytest.raises(DataFormatError) as err:
        R.workforce_stats(SOC, draws=draws)
    assert "draws['beta']" in str(err.value) and shown in str(err.value)


def test_workforce_stats_with_good_draws_is_unchanged():
    w = R.workforce_stats(SOC, measures=["beta"], draws={"beta": np.full((4, 2), 0.3)})
    assert w.loc[0, "share_ge_10_ci_low"] == 1.0


# 7. OEWS frames given to the roll-up functions ------------------------------------------

def _employment(**change) -> pd.DataFrame:
    emp = pd.DataFrame({
        "naics": ["000000", "000000", "11", "11", "11"],
        "naics_title": ["Cross-industry"] * 2 + ["Agriculture"] * 3,
        "i_group": ["cross-industry"] * 2 + ["sector"] * 3,
        "occ_code": ["11-1011", "13-1020", "00-0000", "11-1011", "13-1020"],
        "o_group": ["detailed", "detailed", "total", "detailed", "detailed"],
        "tot_emp": [1000.0, 500.0, 150.0, 100.0, 50.0],
    })
    for column, (row, value) in change.items():
        emp.loc[row, column] = value
    return emp


OCC = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "alpha": [0.1, 0.2],
                    "beta": [0.2, 0.3], "gamma": [0.3, 0.4]})
XW = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "soc_code": ["11-1011", "13-1021"]})


def test_an_employment_column_given_twice_in_another_case_is_named():
    emp = _employment().assign(TOT_EMP=[1.0] * 5)
    with pytest.raises(DataFormatError, match="'tot_emp' and 'TOT_EMP'"):
        R.to_soc(OCC, XW, emp)


@pytest.mark.parametrize("column, value, message", [
    ("occ_code", None, "occ_code missing"),
    ("occ_code", "11-1011 ", "occ_code not a SOC code"),
    ("occ_code", "11-1011.00", "occ_code not a SOC code"),
    ("o_group", None, "o_group missing"),
    ("o_group", "Detailed", "o_group must be one of"),
    ("i_group", None, "i_group missing"),
    ("i_group", "Cross-Industry", "i_group must be one of"),
])
def test_a_bad_employment_row_is_named_not_dropped(column, value, message):
    with pytest.raises(DataFormatError) as err:
        R.to_soc(OCC, XW, _employment(**{column: (0, value)}))
    assert (err.value.row, err.value.column) == (1, column) and message in str(err.value)


@pytest.mark.parametrize("value, message", [(None, "naics missing"), (" 11", "naics not an OEWS")])
def test_a_bad_industry_code_of_a_sector_row_is_named(value, message):
    soc = R.to_soc(OCC, XW, _employment())
    with pytest.raises(DataFormatError) as err:
        R.to_sectors(soc, _employment(naics=(3, value)))
    assert (err.value.row, err.value.column) == (4, "naics") and message in str(err.value)


def test_the_roll_up_of_a_good_employment_frame_is_unchanged():
    soc = R.to_soc(OCC, XW, _employment())
    assert soc["tot_emp"].tolist() == [1000.0, 500.0]
    assert R.to_sectors(soc, _employment())["covered_emp"].tolist() == [150.0]


# 8. figures ------------------------------------------------------------------------------

SCORES = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "soc_title": ["a", "b"],
                       "alpha": [0.1, 0.2], "beta": [0.2, 0.3], "gamma": [0.3, 0.4],
                       "tot_emp": [100.0, 200.0], "a_mean": [50e3, 60e3]})
SECTORS = pd.DataFrame({"naics": ["51"], "naics_title": ["Information"], "level": ["sector"],
                        "alpha": [0.4], "beta": [0.5], "gamma": [0.6], "coverage": [0.9]})


@pytest.mark.parametrize("plot, frame, column", [
    (figures.plot_sectors, SECTORS.drop(columns="level"), "level"),
    (figures.plot_coverage, SECTORS.drop(columns="coverage"), "coverage"),
    (figures.plot_wage, SCORES.drop(columns="a_mean"), "a_mean"),
    (figures.plot_distribution, SCORES.drop(columns="gamma"), "gamma"),
    (figures.plot_ranked_occupations, SCORES.drop(columns="soc_title"), "soc_title"),
], ids=["sectors", "coverage", "wage", "distribution", "occupations"])
def test_a_plot_names_the_column_its_frame_lacks(plot, frame, column):
    with pytest.raises(DataFormatError, match=rf"lacks column\(s\) \['{column}'\]"):
        plot(frame)


def test_plot_distribution_refuses_no_bins():
    with pytest.raises(DataFormatError, match="bins must be a whole number of 1 or more"):
        figures.plot_distribution(SCORES, bins=0)


def test_plot_wage_of_scores_without_a_wage_draws_no_point():
    deciles = figures.by_wage_decile(SCORES.assign(a_mean=np.nan))
    assert deciles.empty and {"quantile", "wage_mean", "beta"} <= set(deciles.columns)
    fig = figures.plot_wage(SCORES.assign(a_mean=np.nan))
    assert len(fig.axes[0].collections[0].get_offsets()) == 0


def test_plots_of_good_frames_are_unchanged():
    assert [t.get_text() for t in figures.plot_sectors(SECTORS).axes[0].get_yticklabels()] == [
        "Information"]
    assert len(figures.plot_distribution(SCORES, bins=4).axes[0].lines) == 3


def test_output_dir_under_a_file_is_refused_before_any_work(tmp_path):
    """``-o afile/sub``: the roll-up ran in full, then failed at the lock file ("File exists")."""
    from exposure._outdir import OutputPathError, check_output_dir

    (tmp_path / "afile").write_text("x")
    with pytest.raises(OutputPathError, match=r"lies under .*afile, which is a file, not a directory"):
        check_output_dir(tmp_path / "afile" / "sub" / "deeper")
    assert check_output_dir(tmp_path / "new" / "sub") == tmp_path / "new" / "sub"


def test_rollup_cli_output_under_a_file_fails_before_reading_scores(tmp_path, capsys):
    """The command names the file in the way, before it reads the (here unreadable) scores."""
    from exposure.cli import main

    (tmp_path / "afile").write_text("x")
    (tmp_path / "scores.csv").write_text("not,task,scores\n")
    code = main(["rollup", str(tmp_path / "scores.csv"), "-o", str(tmp_path / "afile" / "sub")])
    assert code == 2
    err = capsys.readouterr().err
    assert "which is a file, not a directory" in err and "lock" not in err


def test_outcome_tables_name_a_missing_column():
    """``summary_table`` and ``quintile_table`` raised a KeyError from inside on a frame without a column."""
    from exposure.reports.outcomes import quintile_table, summary_table

    with pytest.raises(DataFormatError, match=r"headline lacks column\(s\) \['ci_low', 'ci_high'"):
        summary_table(pd.DataFrame({"measure": ["beta"], "outcome": ["log_emp"], "coef": [-0.01]}))
    with pytest.raises(DataFormatError, match=r"growth lacks column\(s\) \['emp_growth_post'\]"):
        quintile_table(pd.DataFrame({"measure": ["beta"], "group": [1], "growth": [0.1]}))
    with pytest.raises(DataFormatError, match=r"growth must be a pandas DataFrame, got NoneType"):
        quintile_table(None)
