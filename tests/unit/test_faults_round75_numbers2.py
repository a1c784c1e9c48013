"""Fault round 75, numbers in cells and arguments.

1. A file that is no ``.xlsx`` workbook given to a reader of one workbook (the Felten and
   ILO readers, ``_common.check_workbook``; the O*NET and crosswalk readers of an ``.xlsx``
   file, ``_tables.read_xlsx_table``) was ``not an .xlsx workbook (no zip signature)``
   whatever it was: a Parquet or Stata file, gzip data named ``.xlsx`` were not named, and
   the O*NET readers said nothing of text either. Now the file is named for what it is, by
   the shared ``_tables.binary_signature`` (given what to save it as): ``lm.xlsx: not an
   .xlsx workbook: it is a Parquet file; save it as an .xlsx workbook``, ``... it is a
   Stata .dta file; ...``, ``... it is gzip-compressed data; decompress it first``, ``...
   it looks like delimited text (a CSV or TSV file named .xlsx?); open it in a spreadsheet
   and save it as an .xlsx workbook`` (a CSV saved by Excel with a byte-order mark too).
2. ``exposure._args.is_number`` said yes of a ``fractions.Fraction`` and of an int beyond
   numpy's 64 bits, which its callers then gave to numpy: ``outcomes.event_study(...,
   min_emp=Fraction(10))`` (``exclude_major=Fraction(15)``, ``base_year=Fraction(2022)``,
   ``exclude_major=2**64``) raised ``TypeError: ufunc 'isfinite' not supported for the
   input types``. Now they are not numbers there, as a ``Decimal`` was not: refused naming
   the argument and the value as written (``min_emp must be a number of workers (0 or
   more) or None, got Fraction 10``). ``check_positive`` and ``check_count``, which return
   a float or an int, still read a Fraction and a Decimal, and now read a float32 as the
   decimal it shows, as ``as_shown`` does (``check_positive(np.float32(0.9))`` was
   0.8999999761581421, now 0.9).
3. The employment given to ``compare.coverage`` and ``compare.compare``
   (``_common.check_employment``) read a text cell ``'1.200'`` (1,200 workers written with a
   point, as a spreadsheet in a German locale writes it) as 1.2 workers without a word:
   ``coverage`` said 51.2 workers covered of 1,200 + 50. Now it is refused as the roll-ups
   refuse it: ``employment, row 1, column 'tot_emp': tot_emp must be a whole number of
   workers (OEWS counts jobs), got '1.200' (write 1200 for 1,200 workers: a point is read as
   the decimal point)``; a text cell that is whole either way (``'2.000'``) is read as 2,
   with one warning naming the first such cell, their count and the number to write.
4. The SOC scores given to ``outcomes.exposure_table`` and ``compare.compare``
   (``_common.check_soc_scores``): a share written with a decimal comma or as a percentage
   was ``soc_scores, row 1, column 'beta': not a number: '0,46'`` and no more, where the
   roll-ups give the number to write; a blank text cell (a frame read with
   ``keep_default_na=False``) was ``not a number: ''``, where the roll-ups read it as
   missing; ``Decimal('sNaN')`` raised ``decimal.InvalidOperation`` from inside pandas. Now
   ``not a number: '0,46': a decimal comma? write decimals with a point: '0.46'`` (``'46%'``:
   ``a percentage? write it as a fraction of 1: '0.46'``), by the shared
   ``_tables.number_hint``; blank text is missing; ``not a number: Decimal('sNaN')``.
5. ``exposure._tables.task_id_numbers`` (the task IDs of the roll-ups, ``score_tasks``, the
   reference scorer) given a ``Decimal('sNaN')`` (a ``NUMERIC`` column of a database)
   raised ``decimal.InvalidOperation`` from inside pandas (``Series.notna``), naming no row:
   ``to_occupations`` of such task scores too. Now ``task_scores, row 2, column 'task_id':
   task ID Decimal('sNaN') is not an integer``; the shared ``_tables.signalling_nan`` finds
   such a cell for any check (``check_soc_scores`` above uses it too).
"""

from __future__ import annotations

import decimal
import fractions
import gzip
import logging
import warnings

import numpy as np
import pandas as pd
import pytest
from _frames import outcome_exposures, outcome_panel

from exposure import onet, outcomes
from exposure._args import check_count, check_positive, is_number
from exposure._tables import task_id_numbers
from exposure.errors import DataFormatError
from exposure.measures import felten, ilo
from exposure.measures.compare import coverage
from exposure.rollup import to_occupations

# ---------------------------------------------------------------------------------------
# 1. a file that is no workbook, named for what it is
# ---------------------------------------------------------------------------------------

FRAME = pd.DataFrame({"SOC_Code": ["11-1011"], "AIOE": [1.3]})
SAVE = "save it as an .xlsx workbook"


def _parquet(path):
    FRAME.to_parquet(path)


def _stata(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        FRAME.to_stata(path, write_index=False)


def _stata_old(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        FRAME.to_stata(path, write_index=False, version=114)


def _gzip(path):
    path.write_bytes(gzip.compress(b"SOC Code,AIOE\n11-1011,1.3\n"))


def _bom_csv(path):
    path.write_bytes(b"\xef\xbb\xbfSOC Code,AIOE\n11-1011,1.3\n")


KINDS = [
    (_parquet, f"it is a Parquet file; {SAVE}"),
    (_stata, f"it is a Stata .dta file; {SAVE}"),
    (_stata_old, f"it is a Stata .dta file; {SAVE}"),
    (_gzip, "it is gzip-compressed data; decompress it first"),
    (_bom_csv, f"it looks like delimited text (a CSV or TSV file named .xlsx?); open it in a spreadsheet and {SAVE}"),
]


@pytest.mark.parametrize("write, said", KINDS)
def test_felten_and_ilo_readers_name_what_the_file_is(tmp_path, write, said):
    path = tmp_path / "lm.xlsx"
    write(path)
    for read in (felten.read_felten_occupations, felten.read_felten_industries, ilo.read_ilo):
        with pytest.raises(DataFormatError) as info:
            read(path)
        assert str(info.value) == f"{path}: not an .xlsx workbook: {said}"


@pytest.mark.parametrize("write, said", KINDS)
def test_onet_reader_of_a_workbook_names_what_the_file_is(tmp_path, write, said):
    path = tmp_path / "Task Ratings.xlsx"
    write(path)
    with pytest.raises(DataFormatError) as info:
        onet.read_task_ratings(path)
    assert str(info.value) == f"{path}: not an .xlsx workbook: {said}"


# ---------------------------------------------------------------------------------------
# 2. a Fraction or an int beyond 64 bits given where numpy computes with the argument
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("argument, value, said", [
    # an exact Fraction is read since round 76 (_args.as_real): these are no such number
    ("min_emp", fractions.Fraction(10**400), "min_emp must be a number of workers (0 or more) or None, got Fraction "
     + str(10**400)[:57] + "..."),
    ("exclude_major", fractions.Fraction(31, 2),
     "exclude_major must be a SOC major group ('15-0000' or '15') or None, got Fraction 31/2"),
    ("exclude_major", 2**64,
     "exclude_major must be a SOC major group ('15-0000' or '15') or None, got int 18446744073709551616"),
    ("base_year", fractions.Fraction(4045, 2), "base_year must be a year (int), got Fraction 4045/2"),
])
def test_event_study_refuses_a_number_numpy_cannot_read(argument, value, said):
    panel = outcome_panel()
    with pytest.raises(DataFormatError) as info:
        outcomes.event_study(panel, outcome_exposures(panel), **{argument: value})
    assert str(info.value) == said


def test_is_number_is_what_numpy_reads():
    assert [is_number(v) for v in (3, 2**64 - 1, 0.5, np.float32(0.5), np.int8(1))] == [True] * 5
    assert [is_number(v) for v in (True, np.True_, fractions.Fraction(1, 2), 2**64, -2**63 - 1, "1")] == [False] * 6


def test_float32_is_read_as_the_decimal_it_shows():
    assert check_positive(np.float32(0.9), "hours") == 0.9
    assert check_positive(np.float16(0.3), "hours") == 0.3
    # a Fraction is still read by the checks that return a float or an int
    assert check_positive(fractions.Fraction(1, 4), "hours") == 0.25
    assert check_count(fractions.Fraction(4), "n") == 4


# ---------------------------------------------------------------------------------------
# 3. employment written with points: '1.200' is no 1.2 workers
# ---------------------------------------------------------------------------------------

def _measure() -> pd.DataFrame:
    m = pd.DataFrame({"soc_code": ["11-1011", "31-1122"], "value": [0.1, 0.2]})
    m.attrs.update(n_source=3, n_matched=2)
    return m


def _employment(*cells) -> pd.DataFrame:
    return pd.DataFrame({"soc_code": ["11-1011", "31-1120", "15-1252"], "tot_emp": list(cells)})


def test_coverage_refuses_workers_written_with_a_point():
    with pytest.raises(DataFormatError) as info:
        coverage(_measure(), _employment("50", "1.200", "850"), name="m")
    assert str(info.value) == ("employment, row 2, column 'tot_emp': tot_emp must be a whole number of workers "
                               "(OEWS counts jobs), got '1.200' (write 1200 for 1,200 workers: a point is read as the "
                               "decimal point)")
    # following the advice: 1,250 workers covered
    assert coverage(_measure(), _employment("50", "1200", "850"), name="m")["emp_covered"] == 1250.0


def test_coverage_refuses_a_part_of_a_worker_given_as_text():
    with pytest.raises(DataFormatError, match=r"row 1, column 'tot_emp': tot_emp must be a whole number of workers "
                                              r"\(OEWS counts jobs\), got '12\.5'$"):
        coverage(_measure(), _employment("12.5", "50", "850"), name="m")


def test_coverage_warns_once_of_thousands_that_may_be_points(caplog):
    with caplog.at_level(logging.WARNING):
        row = coverage(_measure(), _employment("2.000", "50", "3.000"), name="m")
    assert row["emp_covered"] == 52.0  # read as 2 and 50 workers, as written
    said = [r.getMessage() for r in caplog.records if "is read as" in r.getMessage()]
    assert said == ["employment, row 1, column 'tot_emp': '2.000' is read as 2 worker(s), the point as the decimal "
                    "point (2 cell(s) written so): if the points separate thousands, write 2000"]
    # numbers (estimates may have decimals) and OEWS's '1,200' are read as before, without a word
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        row = coverage(_measure(), _employment(2.5, 1200.0, "1,200"), name="m")
    assert row["emp_covered"] == 1202.5 and not [r for r in caplog.records if "is read as" in r.getMessage()]


# ---------------------------------------------------------------------------------------
# 4. SOC scores of outcomes and compare: the advice of the roll-ups, blank text, a signalling NaN
# ---------------------------------------------------------------------------------------

def _exposure_table(cell):
    panel = outcome_panel()
    scores = pd.DataFrame({"soc_code": list(panel["soc_code"].unique()), "beta": [0.1, 0.2, 0.3, 0.4] * 2},
                          ).astype({"beta": object})
    scores.loc[1, "beta"] = cell
    return outcomes.exposure_table(panel, scores, measures=["beta"])


@pytest.mark.parametrize("cell, said, written", [
    ("0,46", "not a number: '0,46': a decimal comma? write decimals with a point: '0.46'", "0.46"),
    ("46%", "not a number: '46%': a percentage? write it as a fraction of 1: '0.46'", "0.46"),
    (decimal.Decimal("sNaN"), "not a number: Decimal('sNaN')", None),
])
def test_soc_scores_say_what_to_write(cell, said, written):
    with pytest.raises(DataFormatError) as info:
        _exposure_table(cell)
    assert str(info.value) == f"soc_scores, row 2, column 'beta': {said}"
    if written is not None:  # the advice followed is read
        assert _exposure_table(written)["beta"].iloc[1] == 0.46


@pytest.mark.parametrize("cell", ["", "  "])
def test_soc_scores_blank_text_is_missing(cell):
    assert np.isnan(_exposure_table(cell)["beta"].iloc[1])


# ---------------------------------------------------------------------------------------
# 5. a signalling NaN among task IDs
# ---------------------------------------------------------------------------------------

def test_task_ids_refuse_a_signalling_nan_naming_its_row():
    ids = pd.Series([decimal.Decimal("8823"), decimal.Decimal("sNaN"), decimal.Decimal("NaN")], dtype=object)
    with pytest.raises(DataFormatError) as info:
        task_id_numbers(ids, path="tasks.csv", row_offset=2)
    assert str(info.value) == "tasks.csv, row 3, column 'task_id': task ID Decimal('sNaN') is not an integer"
    # a quiet NaN is a missing ID, as before
    assert task_id_numbers(ids.drop(1)).isna().tolist() == [False, True]


def test_to_occupations_refuses_a_signalling_nan_task_id():
    ids = pd.Series([decimal.Decimal("8823"), decimal.Decimal("sNaN")], dtype=object)
    scores = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": ids, "p_e0": [0.2, 0.3],
                           "p_e1": [0.5, 0.4], "p_e2": [0.3, 0.3], "label": ["E1", "E1"], "alpha": [0.5, 0.4],
                           "beta": [0.65, 0.55], "gamma": [0.8, 0.7]})
    with pytest.raises(DataFormatError) as info:
        to_occupations(scores, weights="equal")
    assert str(info.value) == "task_scores, row 2, column 'task_id': task ID Decimal('sNaN') is not an integer"
