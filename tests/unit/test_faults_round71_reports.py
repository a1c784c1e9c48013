"""Round 71, area ``reports``: figures, outcomes and the reproduction and category reports.

1. ``exposure.reports.figures.weighted_mean`` of a frame with a negative weight
   (``tot_emp`` 300 and -100): the row was dropped, as one of weight 0, without a word (the
   mean of 0.2 and 0.6 was 0.2). Now ``frame, row 2, column 'tot_emp': weight must be at
   least 0.0; got -100.0``.
2. ``figures.format_workers(inf)`` was ``'infM'``, ``format_workers(-5e6)`` ``'-5000000'``
   and ``format_workers(-0.0)`` ``'-0'``. Now an infinite or negative number of workers is
   refused (``value must be a finite number of workers of 0 or more (or missing), got
   inf``), and -0.0 is ``'0'``. ``plot_ranked_occupations`` of a ``soc_scores`` with a
   negative ``tot_emp`` drew it in brackets (``(-300)``); now ``soc_scores, row 2, column
   'tot_emp': employment must be at least 0.0; got -300.0``.
3. ``exposure.outcomes.exposure_groups(values, cuts=[0.7])`` of a list of numpy float32
   values (``list(array)``): float32's 0.7 (0.699999988) went to the group below the cut
   0.7 as written, where the same values as a float32 array went to the group above it.
   Now each float32 (float16) item of a list is compared with the cuts rounded as it is
   stored, as an array's values are.
4. ``exposure.reports.outcomes.summary_table(headline(c, pre_year=2020))``: the pre-trend
   column was labelled ``pre-trend, May 2021 (%)`` whatever the headline's pre-trend year.
   Now ``summary_table`` takes ``pre_year`` (default 2021, as ``headline``) and names it:
   ``pre-trend, May 2020 (%)``; a ``pre_year`` that is not a whole number is refused.
5. ``exposure report categories --hand-checked FILE`` (and ``read_hand_checked``,
   ``read_validation_sample``) of an old binary ``.xls`` workbook: ``file is an old binary
   Excel .xls workbook (or another OLE file): save it as .xlsx or CSV``, though an
   ``.xlsx`` sample is refused (``file is an .xlsx workbook, not CSV text``). Now ``...:
   save it as CSV ('CSV UTF-8')``, which is read.
6. The prefix that ``exposure.reports.reproduction.coverage_table`` gives the warnings of
   :func:`exposure.rollup.to_soc` (``OEWS release '2025', occupations 'x': ...``) was
   given to those of a ``to_soc`` run in another thread at the same time too (and the
   reproduction report's dropped note was dropped from another thread too): the filter
   was the logger's, for every thread. Now only the records logged in the report's own
   thread are rewritten.
7. ``figures.by_wage_decile`` of a ``soc_scores`` with a negative ``a_mean`` (-40000): the
   occupation was sorted into the lowest quantile and its wage averaged into that
   quantile's ``wage_mean`` (``wage_low`` -40000.0, ``wage_mean`` -5000.0), without a
   word. Now ``soc_scores, row 2, column 'a_mean': a mean annual wage must be at least 0.0;
   got -40000.0``.
8. ``exposure.reports.outcomes.figure_names("beta")`` (one measure written without a
   list): ``{'outcomes_event_study_other': ['b', 'e', 't', 'a']}``, a figure of four
   measures named by letters; None raised ``TypeError: 'NoneType' object is not
   iterable``. Now ``measures must be a list of measure names, got str 'beta': write
   ['beta']`` (``got NoneType None``).
"""

from __future__ import annotations

import logging
import threading

import numpy as np
import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure.errors import DataFormatError
from exposure.outcomes import exposure_groups, headline
from exposure.reports.categories import read_hand_checked
from exposure.reports.figures import (
    by_wage_decile,
    format_workers,
    plot_ranked_occupations,
    weighted_mean,
)
from exposure.reports.outcomes import figure_names, summary_table
from exposure.reports.reproduction import coverage_table
from exposure.rollup import to_soc

# 1. a negative weight of weighted_mean

def test_weighted_mean_refuses_a_negative_weight_naming_row_and_column():
    frame = pd.DataFrame({"beta": [0.2, 0.6], "tot_emp": [300.0, -100.0]})
    with pytest.raises(DataFormatError) as err:
        weighted_mean(frame, "beta")
    assert (err.value.row, err.value.column) == (2, "tot_emp")
    assert str(err.value) == "frame, row 2, column 'tot_emp': weight must be at least 0.0; got -100.0"
    # weights of 0 or more as before: a weight of 0 leaves its row out
    assert weighted_mean(frame.assign(tot_emp=[300.0, 0.0]), "beta") == pytest.approx(0.2)


# 2. an infinite or negative number of workers

@pytest.mark.parametrize("value, shown", [(float("inf"), "inf"), (float("-inf"), "-inf"), (-5e6, "-5000000.0"),
                                          (np.float64(-1.0), "-1.0")])
def test_format_workers_refuses_an_infinite_or_negative_number(value, shown):
    with pytest.raises(DataFormatError) as err:
        format_workers(value)
    assert str(err.value) == f"value must be a finite number of workers of 0 or more (or missing), got {shown}"


def test_format_workers_of_minus_zero_is_zero():
    assert [format_workers(v) for v in (-0.0, 0, 840, 2_595_750)] == ["0", "0", "840", "2.6M"]


def test_plot_ranked_occupations_refuses_a_negative_employment():
    pytest.importorskip("matplotlib")
    soc = pd.DataFrame({"soc_code": ["15-1252", "47-2061"], "soc_title": ["Developers", "Laborers"],
                        "tot_emp": [1.62e6, -300.0], "alpha": [0.5, 0.0], "beta": [0.7, 0.05],
                        "gamma": [0.9, 0.1]})
    with pytest.raises(DataFormatError) as err:
        plot_ranked_occupations(soc, n=1, min_employment=0)
    assert (err.value.row, err.value.column) == (2, "tot_emp")
    assert str(err.value) == "soc_scores, row 2, column 'tot_emp': employment must be at least 0.0; got -300.0"


# 3. a list of float32 values against fixed cuts

def test_exposure_groups_reads_a_list_of_float32_as_its_array():
    values = np.array([0.7, 0.5, 0.9], dtype=np.float32)
    as_array = exposure_groups(values, cuts=[0.7]).tolist()
    assert as_array == [2, 1, 2]
    assert exposure_groups(list(values), cuts=[0.7]).tolist() == as_array
    assert exposure_groups(pd.Series(list(values), dtype=object), cuts=[0.7]).tolist() == as_array


def test_exposure_groups_rounds_the_cuts_per_item_of_a_mixed_list():
    # float32's 0.7 is at the cut 0.7; the float 0.6999999 is below it, as before
    got = exposure_groups([np.float32(0.7), 0.6999999, np.float16(0.7), 0.7], cuts=[0.7]).tolist()
    assert got == [2, 1, 2, 2]


# 4. the pre-trend year of the summary table

def _coefficients() -> pd.DataFrame:
    rows = [("baseline", 2020, 0.01), ("baseline", 2021, 0.02), ("baseline", 2022, 0.0), ("baseline", 2025, -0.02),
            ("unweighted", 2025, -0.01)]
    return pd.DataFrame({"measure": "beta", "outcome": "log_emp", "spec": [r[0] for r in rows],
                         "year": [r[1] for r in rows], "coef": [r[2] for r in rows],
                         "ci_low": [r[2] - 0.01 for r in rows], "ci_high": [r[2] + 0.01 for r in rows],
                         "p_value": 0.5, "n_occupations": 700})


def test_summary_table_names_the_pre_trend_year_given():
    h = headline(_coefficients(), pre_year=2020)
    table = summary_table(h, pre_year=2020)
    assert "pre-trend, May 2020 (%)" in table.columns
    assert "pre-trend, May 2021 (%)" not in table.columns
    assert table["pre-trend, May 2020 (%)"].tolist() == [1.0]
    # the default is 2021, as headline's
    assert summary_table(headline(_coefficients()))["pre-trend, May 2021 (%)"].tolist() == [2.0]


@pytest.mark.parametrize("pre_year", ["May 2020", 2020.5, True, None])  # round 81: "2020" is read as 2020
def test_summary_table_refuses_a_pre_year_that_is_no_year(pre_year):
    with pytest.raises(DataFormatError, match="pre_year must be a year"):
        summary_table(headline(_coefficients()), pre_year=pre_year)


# 5. the advice for an old .xls sample

_XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def test_read_hand_checked_tells_an_old_xls_to_be_saved_as_csv(tmp_path):
    path = tmp_path / "hand checked.xls"
    path.write_bytes(_XLS)
    with pytest.raises(DataFormatError) as err:
        read_hand_checked(path)
    assert str(err.value).endswith("file is an old binary Excel .xls workbook (or another OLE file): save it as CSV "
                                   "('CSV UTF-8')")


def test_report_categories_tells_an_old_xls_to_be_saved_as_csv(tmp_path, capsys):
    path = tmp_path / "hand checked.csv"
    path.write_bytes(_XLS)
    code, _, err = cli(capsys, "report", "categories", "--hand-checked", path, "--out-dir", tmp_path / "out")
    line = one_error_line(err, command="report categories")
    assert code == 2
    assert line.endswith(f"{path}: file is an old binary Excel .xls workbook (or another OLE file): save it as CSV "
                         "('CSV UTF-8')")
    assert ".xlsx" not in line


# 6. another thread's warnings during coverage_table

class _Recorder(logging.Handler):
    """Record (thread, message) of the library's records; at the first, run ``to_soc`` in another thread.

    Without a lock: the other thread's record comes to this handler while the first is
    being handled (a lock would make it wait for the join).
    """

    def __init__(self, other) -> None:
        super().__init__(logging.WARNING)
        self.other, self.seen = other, []

    def createLock(self) -> None:  # noqa: N802 - logging's name
        self.lock = None

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append((threading.current_thread().name, record.getMessage()))
        if len(self.seen) == 1:
            thread = threading.Thread(target=self.other, name="other")
            thread.start()
            thread.join()


def test_coverage_table_leaves_the_warnings_of_another_thread_as_they_are():
    occ = pd.DataFrame({"onetsoc_code": ["13-1021.00", "99-9999.00"], "alpha": 0.1, "beta": 0.2, "gamma": 0.3,
                        "n_tasks": 2})
    xw = pd.DataFrame({"onetsoc_code": ["13-1021.00"], "soc_code": ["13-1021"]})
    emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["13-1020", "15-1252"],
                        "o_group": "detailed", "tot_emp": [1.0, 3.0]})
    recorder = _Recorder(lambda: to_soc(occ, xw, emp))
    logger = logging.getLogger("exposure")
    logger.addHandler(recorder)
    try:
        coverage_table({"x": occ}, xw, {"2025": emp})
    finally:
        logger.removeHandler(recorder)
    warning = ("1 O*NET-SOC code of the scores is not in the crosswalk onet_to_soc (e.g. '99-9999.00'), "
               "so its scores count for no OEWS code, sector or worker: add it to the crosswalk, or give it as the "
               "O*NET-SOC 2019 code it stands for (the crosswalk's taxonomy, e.g. '11-1011.00')")
    here = threading.current_thread().name
    assert recorder.seen == [(here, f"OEWS release '2025', occupations 'x': {warning}"), ("other", warning)]


# 7. a negative mean wage of by_wage_decile

def test_by_wage_decile_refuses_a_negative_wage_naming_the_row():
    soc = pd.DataFrame({"soc_code": ["15-1252", "47-2061", "19-1011", "43-9061"],
                        "a_mean": [30e3, -40e3, 80e3, 90e3], "tot_emp": 10.0, "beta": [0.1, 0.3, 0.5, 0.9]})
    with pytest.raises(DataFormatError) as err:
        by_wage_decile(soc, ["beta"], n=2)
    assert (err.value.row, err.value.column) == (2, "a_mean")
    assert str(err.value) == ("soc_scores, row 2, column 'a_mean': a mean annual wage must be at least 0.0; "
                              "got -40000.0")
    # wages of 0 or more as before
    got = by_wage_decile(soc.assign(a_mean=[30e3, 40e3, 80e3, 90e3]), ["beta"], n=2)
    assert got[["wage_low", "wage_mean", "beta"]].to_numpy().tolist() == [[30e3, 35e3, 0.2], [80e3, 85e3, 0.7]]


# 8. one measure given to figure_names as a string

@pytest.mark.parametrize("measures, message", [
    ("beta", "measures must be a list of measure names, got str 'beta': write ['beta']"),
    (None, "measures must be a list of measure names, got NoneType None"),
])
def test_figure_names_refuses_measures_that_are_not_a_list(measures, message):
    with pytest.raises(DataFormatError) as err:
        figure_names(measures)
    assert str(err.value) == message
    assert figure_names(["beta"]) == {"outcomes_event_study_published": ["beta"], "outcomes_event_study_ours": ["beta"]}
