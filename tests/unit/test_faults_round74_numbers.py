"""Fault round 74, numbers read from cells and arguments.

1. A number written with a decimal comma was told an example, not the number to write, in
   four copies of the advice: the shared reader (O*NET ratings, OEWS through it) said
   ``not a number: '4,50': a comma must separate thousands (1,234); write decimals with a
   point (9.5), not a comma`` whatever the cell; the measure files, ``exposure.load``'s
   measures table, the roll-ups' employment and the validation sample said ``... (0.5)
   ...`` (``got '1.200,5': ... with a point (0.5)``: 1200.5 was meant); the roll-ups'
   measures and ``--gain`` told ``,25`` to write ``'.25'``. Now one helper,
   ``exposure._tables.number_hint``, gives the number to write: ``... write decimals with
   a point (4.50), not a comma``, ``(1200.5)``, ``'0.25'``; and the advice followed is read.
2. Thousands separated by a space, a no-break space or a narrow no-break space (``1 234``,
   as LibreOffice and Excel write them in French, Swedish or Czech locales), or by points
   (``1.234.567``), and the minus sign U+2212 (``−0.5``), were refused as ``not a
   number: '1\\xa0234'`` and no more (a cell that reads as a number). Now the same helper
   names the character and gives the number to write (``: a no-break space does not
   separate thousands here: write '1234'``; ``: '−' (U+2212) is not read as a minus
   sign: write '-0.5'``), in the shared reader, the measure files, the roll-ups'
   employment and the validation sample. A share written as a percentage (``50%``: a
   measure of the roll-ups, ``--gain``, the sample's ``inclusion_prob``) is told the
   fraction to write (``'0.5'``); it was ``not a number: '50%'`` (``--gain``:
   ``invalid float value: '50%'``).
3. ``exposure.reports.categories.task_employment`` named its frame after the row, or not
   at all: ``row 1, column 'task_type': tasks: task_type 'core' is not ...``,
   ``row 1, column 'tot_emp': soc_scores: tot_emp is missing ...``. Now the frame first,
   as the roll-ups and its own "given twice" say it: ``tasks, row 1, column 'task_type':
   task_type 'core' is not ...``.
4. The number arguments (``exposure._args.check_positive``, ``check_count``): a
   ``decimal.Decimal`` (what a database driver gives for a ``NUMERIC`` column) was refused
   as ``hours must be a positive number, got Decimal`` -- of ``Decimal('37.5')``, a
   positive number, too, and naming no value (``Decimal('NaN')`` and ``Decimal('-1')``
   said the same). Now a finite Decimal is read (``working_time(..., hours=Decimal('37.5'))``
   runs) and a bad one is shown (``got Decimal NaN``; a ``Fraction`` too: ``got Fraction
   1/3``). A positive number that is 0 as a float (``Fraction(1, 10**400)``,
   ``Decimal('1e-400')``) passed ``check_positive`` and came back as 0.0; it is refused,
   saying so. ``check_count`` returned ``int(value)`` of a number that only rounded to a
   whole float (``Fraction(2**61 + 1, 2)``, ``2**60 + 0.5``, came back as ``2**60``);
   it is refused. A bool stays refused.
"""

from __future__ import annotations

import decimal
import fractions
from pathlib import Path

import pandas as pd
import pytest
from _frames import crosswalk, employment, occupation_scores, soc_scores

import exposure
from exposure import onet
from exposure._args import check_count, check_positive
from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.measures._crosswalk import to_float
from exposure.reports.categories import read_validation_sample, task_employment
from exposure.rollup import employment_frame, to_soc, working_time

# O*NET's Task Ratings, as published: tab-separated, CRLF
TR_HEAD = ["O*NET-SOC Code", "Task ID", "Scale ID", "Category", "Data Value", "N", "Standard Error",
           "Lower CI Bound", "Upper CI Bound", "Recommend Suppress", "Date", "Domain Source"]
TR_ROW = ["11-1011.00", "8823", "RT", "n/a", "95.50", "60", "1.20", "90.00", "99.00", "N", "08/2023", "Incumbent"]


def _ratings(tmp_path: Path, index: int, cell: str) -> Path:
    row = list(TR_ROW)
    row[index] = cell
    path = tmp_path / "Task Ratings.txt"
    path.write_bytes(("\r\n".join("\t".join(r) for r in [TR_HEAD, row]) + "\r\n").encode())
    return path


def _read_ratings(tmp_path: Path, index: int, cell: str) -> str:
    """The error of ``read_task_ratings`` of a file whose row 2 holds ``cell`` at ``index``."""
    with pytest.raises(DataFormatError) as info:
        onet.read_task_ratings(_ratings(tmp_path, index, cell))
    return str(info.value)


def _measures(tmp_path: Path, cell: str) -> str:
    """The error of ``exposure.load("measures")`` of a table whose ``tot_emp`` is ``cell``."""
    path = tmp_path / "reports" / "measures_table.csv"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f'soc_code,tot_emp,beta\n11-1011,"{cell}",0.5\n', encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        exposure.load("measures", directory=tmp_path)
    return str(info.value).removeprefix(f"{path}, row 2, column 'tot_emp': ")


def _with(frame: pd.DataFrame, column: str, pos: int, value) -> pd.DataFrame:
    out = frame.copy()
    out[column] = out[column].astype(object)
    out.iloc[pos, out.columns.get_loc(column)] = value
    return out


def _employment_error(value) -> str:
    """The error of ``employment_frame`` of an OEWS frame whose row 4 ``tot_emp`` is ``value``."""
    with pytest.raises(DataFormatError) as info:
        employment_frame(_with(employment(), "tot_emp", 3, value))
    return str(info.value).removeprefix("employment frame, row 4, column 'tot_emp': tot_emp must be a number "
                                        "or a BLS special value (** * # ~), got ")


SAMPLE_HEAD = "onetsoc_code,task_id,stratum,enriched_population,inclusion_prob,weight,double\n"
LABELS_HEAD = "onetsoc_code,task_id,admin,routine_coding,entry_creative,note\n"


def _sample_error(tmp_path: Path, prob: str, weight: str) -> str:
    """The error of ``read_validation_sample`` of a one-task sample (quoted cells, as a spreadsheet saves them)."""
    d = tmp_path / "v2"
    d.mkdir()
    (d / "sample.csv").write_text(SAMPLE_HEAD + f'43-9061.00,1,uniform,True,"{prob}","{weight}",False\n')
    (d / "labels_annotator_a.csv").write_text(LABELS_HEAD + "43-9061.00,1,True,False,False,filing\n")
    (d / "labels_annotator_b.csv").write_text(LABELS_HEAD)
    with pytest.raises(DataFormatError) as info:
        read_validation_sample(d)
    return str(info.value).removeprefix(f"{d / 'sample.csv'}, row 2, ")


COMMA = ": a comma must separate thousands (1,234); write decimals with a point ({}), not a comma"
SHARE = ": a decimal comma? write decimals with a point: {!r}"


# 1. the number to write, not an example -------------------------------------------------------------


@pytest.mark.parametrize("index, cell, written", [(4, "95,50", "95.50"), (6, "1,25", "1.25"), (7, "90,25", "90.25")])
def test_1_onet_decimal_comma_is_told_the_number_to_write(tmp_path, index, cell, written):
    said = _read_ratings(tmp_path, index, cell)
    assert said == f"{tmp_path / 'Task Ratings.txt'}, row 2, column '{TR_HEAD[index]}': not a number: {cell!r}" + (
        COMMA.format(written))
    assert not onet.read_task_ratings(_ratings(tmp_path, index, written)).empty  # the advice followed is read


def test_1_measures_table_and_measure_files_are_told_the_number(tmp_path):
    assert _measures(tmp_path, "1.350,5") == "not a number: '1.350,5'" + COMMA.format("1350.5")
    frame = pd.DataFrame({"lswt2010": ["1,350,430", "0,75"]})
    with pytest.raises(DataFormatError) as info:
        to_float(frame, "lswt2010", "w.csv")
    assert str(info.value) == "w.csv, row 3, column 'lswt2010': not a number: '0,75'" + COMMA.format("0.75")


def test_1_rollup_employment_is_told_the_number(tmp_path):
    assert _employment_error("60,0") == "'60,0'" + COMMA.format("60.0")
    assert employment_frame(_with(employment(), "tot_emp", 3, "60.0"))["tot_emp"].iloc[3] == 60.0
    soc = soc_scores().assign(tot_emp=["1.200,5", 30.0])
    with pytest.raises(DataFormatError) as info:
        working_time(soc)
    assert str(info.value).endswith("got '1.200,5'" + COMMA.format("1200.5"))


def test_1_a_measure_written_without_a_leading_zero_is_told_one():
    with pytest.raises(DataFormatError) as info:
        to_soc(occupation_scores(beta=[0.2, ",25", 0.3]), crosswalk(), employment())
    assert str(info.value) == ("occupation_scores, row 2, column 'beta': not a number: ',25'" + SHARE.format("0.25"))


def test_1_validation_sample_is_told_the_number(tmp_path):
    assert _sample_error(tmp_path, "0.8", "1,25") == ("column 'weight': weight must be a number, got '1,25'"
                                                      + COMMA.format("1.25"))


# 2. thousands separated by spaces or points, the minus sign U+2212, a percentage ---------------------


@pytest.mark.parametrize("cell, name", [("1 060", "a space"), ("1\u00a0060", "a no-break space"),
                                        ("1\u202f060", "a narrow no-break space")])
def test_2_onet_thousands_separated_by_a_space_are_told_the_number(tmp_path, cell, name):
    said = _read_ratings(tmp_path, 5, cell)
    assert said.endswith(f"column 'N': not an integer: {cell!r}: {name} does not separate thousands here: "
                         "write '1060'"), said
    assert onet.read_task_ratings(_ratings(tmp_path, 5, "1060"))["n"].tolist() == [1060]
    # a cell read two ways (1234, or 1.234?) gets no advice
    for cell in ("1.234", "1,234.5"):
        assert _read_ratings(tmp_path, 5, cell).endswith(f"column 'N': not an integer: {cell!r}")


def test_2_a_typographic_minus_is_named(tmp_path):
    frame = pd.DataFrame({"felten_aioe": ["0.25", "\u22121.5"]})  # a standardised score, as LibreOffice wrote it
    with pytest.raises(DataFormatError) as info:
        to_float(frame, "felten_aioe", "f.csv")
    assert str(info.value) == ("f.csv, row 3, column 'felten_aioe': not a number: '\u22121.5': '\u2212' (U+2212) is "
                               "not read as a minus sign: write '-1.5'")
    assert to_float(frame.assign(felten_aioe=["0.25", "-1.5"]), "felten_aioe", "f.csv").tolist() == [0.25, -1.5]


def test_2_measures_table_employment_and_sample_name_the_separator(tmp_path):
    assert _measures(tmp_path, "1.350.430") == ("not a number: '1.350.430': a point does not separate thousands "
                                                "here: write '1350430'")
    assert _employment_error("12\u00a0500") == "'12\\xa0500': a no-break space does not separate thousands here: write '12500'"
    assert _sample_error(tmp_path, "0.0008", "1 250") == ("column 'weight': weight must be a number, got '1 250': a "
                                                          "space does not separate thousands here: write '1250'")


def test_2_a_share_written_as_a_percentage_is_told_the_fraction(tmp_path, fixtures, capsys):
    with pytest.raises(DataFormatError) as info:
        to_soc(occupation_scores(beta=[0.2, "12.5%", 0.3]), crosswalk(), employment())
    assert str(info.value) == ("occupation_scores, row 2, column 'beta': not a number: '12.5%': a percentage? write "
                               "it as a fraction of 1: '0.125'")
    assert (_sample_error(tmp_path, "50%", "2") == "column 'inclusion_prob': inclusion_prob must be a number, got "
                                                    "'50%': a percentage? write it as a fraction of 1: '0.5'")
    d = fixtures / "rollup"
    args = ["rollup", d / "task_scores_tiny.csv", "-o", tmp_path / "out", "--crosswalk", d / "onet_to_soc_tiny.csv",
            "--employment", d / "oews_tiny.csv", "--gain", "50%"]
    with pytest.raises(SystemExit) as exit_info:
        main([str(a) for a in args])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2 and "Traceback" not in err
    assert err.splitlines()[-1] == ("exposure rollup: error: argument --gain: invalid float value: '50%': a "
                                    "percentage? write it as a fraction of 1: '0.5'")
    # a share that is none either way gets no advice that would not work
    for value in ("150%", "1,5", "\u22120.5", "1 234"):
        with pytest.raises(DataFormatError) as info:
            to_soc(occupation_scores(beta=[0.2, value, 0.3]), crosswalk(), employment())
        assert str(info.value) == f"occupation_scores, row 2, column 'beta': not a number: {value!r}"


@pytest.mark.parametrize("cell", ["n/a, 3", "see note, p. 4", "$1,234"])
def test_2_no_advice_that_would_not_work(cell):
    """Text with a comma that is no number was told to write decimals with a point (0.5)."""
    with pytest.raises(DataFormatError) as info:
        to_float(pd.DataFrame({"x": ["1", cell]}), "x", "m.csv")
    # round 80: a currency sign is told the number to write (advice that works)
    hint = ": a currency sign is not read: write '1234'" if cell.startswith("$") else ""
    assert str(info.value) == f"m.csv, row 3, column 'x': not a number: {cell!r}{hint}"





# 3. task_employment names the frame first -------------------------------------------------------------

TASKS = pd.DataFrame({"onetsoc_code": ["43-9061.00", "43-9061.00"], "task_type": ["Core", "Supplemental"]})
SOC = pd.DataFrame({"soc_code": ["43-9061"], "tot_emp": [300.0]})
XW = pd.DataFrame({"onetsoc_code": ["43-9061.00"], "soc_code": ["43-9061"]})


@pytest.mark.parametrize("tasks, soc, expected", [
    (TASKS.assign(task_type=["Core", "core"]), SOC,
     "tasks, row 2, column 'task_type': task_type 'core' is not Core or Supplemental"),
    (TASKS.assign(onetsoc_code=["43-9061.00", None]), SOC, "tasks, row 2, column 'onetsoc_code': onetsoc_code is missing"),
    (TASKS.assign(onetsoc_code=["43-9061.00", "43-9061"]), SOC,
     "tasks, row 2, column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): '43-9061'"),
    (TASKS, SOC.assign(soc_code=["43-9061.00"]), "soc_scores, row 1, column 'soc_code': not a SOC code"),
    (TASKS, SOC.assign(soc_code=[None]), "soc_scores, row 1, column 'soc_code': soc_code is missing"),
    (TASKS, SOC.assign(tot_emp=[None]), "soc_scores, row 1, column 'tot_emp': tot_emp is missing"),
    (TASKS, SOC.assign(tot_emp=[-5.0]), "soc_scores, row 1, column 'tot_emp': tot_emp must be a number of 0 or more"),
])
def test_3_task_employment_names_the_frame_first(tasks, soc, expected):
    with pytest.raises(DataFormatError) as info:
        task_employment(tasks, soc, XW)
    assert str(info.value).startswith(expected), str(info.value)
    assert task_employment(TASKS, SOC, XW).tolist() == [200.0, 100.0]


# 4. Decimal, Fraction and bools given as number arguments --------------------------------------------


def test_4_a_decimal_is_read():
    assert check_positive(decimal.Decimal("37.5"), "hours") == 37.5
    assert check_count(decimal.Decimal("3"), "n_draws", 1) == 3
    soc = soc_scores(tot_emp=[100.0, 50.0])
    assert working_time(soc, hours=decimal.Decimal("37.5")).equals(working_time(soc, hours=37.5))
    for value in (True, False):  # a bool stays refused
        with pytest.raises(DataFormatError, match=rf"^hours must be a positive number, got bool {value}$"):
            check_positive(value, "hours")
        with pytest.raises(DataFormatError, match=rf"^n must be a whole number of 0 or more, got bool {value}$"):
            check_count(value, "n")


@pytest.mark.parametrize("value, shown", [
    (decimal.Decimal("NaN"), "Decimal NaN"), (decimal.Decimal("sNaN"), "Decimal sNaN"),
    (decimal.Decimal("-1"), "Decimal -1"), (decimal.Decimal("Infinity"), "Decimal Infinity"),
    (fractions.Fraction(-1, 3), "Fraction -1/3"),
])
def test_4_a_bad_decimal_or_fraction_is_shown(value, shown):
    with pytest.raises(DataFormatError) as info:
        check_positive(value, "hours", "a positive number of hours")
    assert str(info.value) == f"hours must be a positive number of hours, got {shown}"


@pytest.mark.parametrize("value", [fractions.Fraction(1, 10**400), decimal.Decimal("1e-400")])
def test_4_a_positive_number_that_is_zero_as_a_float_is_refused(value):
    with pytest.raises(DataFormatError, match=r"^lam must be a ridge weight above 0, got (Fraction|Decimal) .*: it is "
                                              r"0 as a float \(too close to 0\)$"):
        check_positive(value, "lam", "a ridge weight above 0")


def test_4_a_count_is_not_cut_to_the_whole_float_it_rounds_to():
    """2**60 + 0.5 is 2**60 as a float: it came back as 2**60."""
    for value in (fractions.Fraction(2**61 + 1, 2), decimal.Decimal(2**60) + decimal.Decimal("0.5")):
        with pytest.raises(DataFormatError, match=r"^seed must be a whole number of 0 or more, got "):
            check_count(value, "seed")
    assert check_count(fractions.Fraction(2**61, 2), "seed") == 2**60


def test_4_working_time_hours_of_a_decimal_nan_names_it():
    with pytest.raises(DataFormatError) as info:
        working_time(soc_scores(tot_emp=[100.0, 50.0]), hours=decimal.Decimal("NaN"))
    assert str(info.value).endswith("got Decimal NaN")
