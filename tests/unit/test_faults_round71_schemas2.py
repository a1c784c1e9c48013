"""Fault round 71 (second wave): the schemas of the rollup tables and the O*NET readers' errors.

1. A NAICS code column of the rollups written as numbers (a ``sector_scores`` or
   ``subsector_scores`` table saved by R, Stata or pandas with ``naics`` as a number
   column: ``Float64``, ``double[pyarrow]``, ``float64``) was read as the text of the
   number: ``113000.0`` became the code ``'113000.0'``, which matches no OEWS industry,
   without a word (``SectorScores.naics`` had no pattern, so
   :func:`exposure.schemas.check_codes` left it to the coercion). So were ``code`` of
   ``WorkingTime``, ``group`` of ``WorkforceStats`` and ``naics`` of ``DiffSectors``. Now
   each has the pattern of its codes and a number is refused, naming the table, the row
   and the column: ``naics must be text (a code keeps its leading zeros), got 113000.0``.
   Every shipped table still validates and ``exposure recompute`` writes them
   byte-identically.
2. A failure of the schema in an O*NET file named the file's column in its place but the
   library's field in its words: ``Job Zones.txt, row 3, column 'Job Zone': job_zone must
   be at least 1, got 0`` (and ``task_id must be at least 1`` of ``Task Statements.txt``'s
   ``Task ID``), names in no file. Now the words name the file's column too: ``Job Zone
   must be at least 1, got 0``, in each failure listed; so do the other readers that name
   the file's columns (OEWS: ``TOT_EMP must be at least 0``, was ``tot_emp``).
3. A date in a code column of a frame (``pd.read_excel`` of a sheet where a spreadsheet
   had read the SOC code ``11-2011`` as November 2011: a ``Timestamp`` cell, or a
   ``datetime64`` column) was told as ``soc_code must match the pattern
   ^[0-9]{2}-[0-9]{4}\\Z, got text '2011-11-01 00:00:00'``: a text no file held, and no
   word on the date. Now :func:`exposure.schemas.check_codes` refuses it as a date, with
   the code it may have been: ``soc_code must be text (a code), got a date or time
   (2011-11-01 00:00:00): the code 11-2011 read as a date (November 2011) by a
   spreadsheet? Take the codes from the source again, ...``. A column of months (an O*NET
   ``date``) is left to its pattern, as before.

Tiny made-up files and frames written by the tests.
"""

import datetime as dt

import pandas as pd
import pytest

from exposure import onet
from exposure.errors import SchemaError
from exposure.oews import read_oews
from exposure.schemas import (
    DiffSectors,
    JobZones,
    SectorScores,
    SocScores,
    WorkforceStats,
    WorkingTime,
    validate,
)

_MEASURES = {m: [0.5] for m in ("alpha", "beta", "gamma", "share_e1", "share_exposed", "share_admin",
                                "share_routine_coding", "share_entry_creative")}


def _sectors(naics):
    return pd.DataFrame({"naics": naics, "naics_title": ["Sector 11 - Agriculture"], **_MEASURES,
                         "level": ["sector"], "tot_emp": [100.0], "covered_emp": [90.0], "coverage": [0.9],
                         "exposed_workers": [10.0], "suppressed_cells": [0], "suppressed_emp": [10.0]})


def _working_time(code):
    return pd.DataFrame({"level": ["sector"], "code": code, "title": ["Agriculture"], "gain": [0.5],
                         "tot_emp": [100.0], "covered_emp": [90.0], "saveable_share": [0.1],
                         "saveable_hours": [4.0], "workers_ge_10": [50.0], "workers_ge_20": [10.0]})


def _workforce(group):
    return pd.DataFrame({"group_type": ["sector"], "group": group, "group_title": ["Agriculture"],
                         "measure": ["beta"], "tot_emp": [100.0], "covered_emp": [90.0], "share_ge_10": [0.5],
                         "share_gt_50": [0.1], "emp_mean": [0.3], "wage_mean": [0.3]})


def _diff(naics):
    return pd.DataFrame({"naics": naics, "level": ["sector"], "naics_title": ["Agriculture"],
                         "old_beta": [0.3], "new_beta": [0.4], "delta_beta": [0.1]})


# 1. a NAICS code written as a number ---------------------------------------------------------
@pytest.mark.parametrize("dtype", ["Float64", "float64", "double[pyarrow]", "int64"])
def test_a_numeric_naics_of_the_sector_scores_is_refused(dtype):
    frame = _sectors(pd.Series([113000.0]).astype(dtype))
    with pytest.raises(SchemaError) as err:
        validate(frame, SectorScores, path="sector_scores.parquet", row_offset=1)
    assert (err.value.row, err.value.column) == (1, "naics")
    assert str(err.value).startswith("sector_scores.parquet, row 1, column 'naics': naics must be text (a code "
                                     "keeps its leading zeros), got 113000")
    assert validate(_sectors(["113000"]), SectorScores)["naics"].tolist() == ["113000"]  # as text it passes


@pytest.mark.parametrize("model, frame, column", [
    (WorkingTime, _working_time(pd.Series([11.0])), "code"),
    (WorkforceStats, _workforce(pd.Series([11.0], dtype="Float64")), "group"),
    (DiffSectors, _diff(pd.Series([11.0])), "naics"),
], ids=["working_time", "workforce", "diff_sectors"])
def test_a_numeric_code_of_the_other_industry_tables_is_refused(model, frame, column):
    with pytest.raises(SchemaError) as err:
        validate(frame, model)
    assert err.value.column == column
    assert f"{column} must be text (a code keeps its leading zeros), got 11.0" in str(err.value)
    assert validate(frame.assign(**{column: ["11"]}), model)[column].tolist() == ["11"]  # as text it passes


# 2. the file's column named in the words of a schema failure ------------------------------------
def test_a_job_zone_out_of_range_is_told_by_the_files_column(tmp_path):
    path = tmp_path / "Job Zones.txt"
    path.write_bytes(b"O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n11-1011.00\t5\t08/2023\tAnalyst\r\n"
                     b"11-1011.03\t0\t08/2021\tAnalyst\r\n11-2011.00\t9\t08/2021\tAnalyst\r\n")
    with pytest.raises(SchemaError) as err:
        onet.read_job_zones(path)
    assert (err.value.row, err.value.column) == (3, "Job Zone")
    assert str(err.value) == (f"{path}, row 3, column 'Job Zone': Job Zone must be at least 1, got 0 (check "
                              "greater_than_or_equal_to(1)); 1 more: row 4, column 'Job Zone': Job Zone must be "
                              "at most 5, got 9 (check less_than_or_equal_to(5))")


def test_a_task_id_of_zero_is_told_by_the_files_column(tmp_path):
    path = tmp_path / "Task Statements.txt"
    path.write_bytes(b"O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\r\n"
                     b"11-1011.00\t0\tDo things.\tCore\t87\t08/2023\tIncumbent\r\n")
    with pytest.raises(SchemaError) as err:
        onet.read_tasks(path)
    assert str(err.value).startswith(f"{path}, row 2, column 'Task ID': Task ID must be at least 1, got 0")


def test_an_oews_value_out_of_range_is_told_by_the_files_column(tmp_path):
    head = ("AREA,AREA_TITLE,AREA_TYPE,NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,"
            "A_MEAN,MEAN_PRSE,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90,ANNUAL,"
            "HOURLY,BLS_INDUSTRY_CODE,BLS_OCC_CODE,FOOTNOTE_CODES\n")
    row = ("99,U.S.,1,000000,Cross-industry,cross-industry,{code},{title},{group},{emp},1.0,30.00,62400,1.0,15.00,"
           "20.00,25.00,35.00,50.00,31200,41600,52000,72800,104000,,,000000,{code},\n")
    path = tmp_path / "oews.csv"
    path.write_text(head + row.format(code="00-0000", title="All Occupations", group="total", emp="1000")
                    + row.format(code="11-1011", title="Chief Executives", group="detailed", emp="-5"),
                    encoding="utf-8")
    with pytest.raises(SchemaError) as err:
        read_oews(path)
    assert str(err.value).startswith(f"{path}, row 3, column 'TOT_EMP': TOT_EMP must be at least 0, got -5 ")


# 3. a date in a code column --------------------------------------------------------------------
def _soc(codes):
    return pd.DataFrame({"soc_code": codes, "soc_title": ["Chief Executives", "Marketing Managers"], **{
        m: [0.5, 0.4] for m in _MEASURES}, "tot_emp": [100.0, 50.0], "a_mean": [90000.0, 80000.0],
        "n_onet": [1, 1], "crosswalk_weight": [1.0, 1.0]})


_ADVICE = ("Take the codes from the source again, and open a CSV in a spreadsheet with that column as text")


@pytest.mark.parametrize("codes", [
    pd.Series(["11-1011", pd.Timestamp("2011-11-01")], dtype=object),
    pd.Series(["11-1011", dt.date(2011, 11, 1)], dtype=object),
    pd.Series(pd.to_datetime(["2011-10-01", "2011-11-01"])),
], ids=["timestamp", "date", "datetime64"])
def test_a_date_in_a_code_column_is_told_as_a_date(codes):
    with pytest.raises(SchemaError) as err:
        validate(_soc(codes), SocScores, path="soc.xlsx", row_offset=2)
    row = 3 if codes.dtype == object else 2
    first = "2011-11-01" if codes.dtype == object else "2011-10-01"
    assert (err.value.row, err.value.column) == (row, "soc_code")
    assert str(err.value).startswith(f"soc.xlsx, row {row}, column 'soc_code': soc_code must be text (a code), "
                                     f"got a date or time ({first}")
    month = "November" if first == "2011-11-01" else "October"
    assert str(err.value).endswith(f": the code {first[5:7]}-2011 read as a date ({month} 2011) by a spreadsheet? "
                                   + _ADVICE)
    # the codes as text pass
    assert validate(_soc(["11-1011", "11-2011"]), SocScores)["soc_code"].tolist() == ["11-1011", "11-2011"]


def test_a_date_no_code_of_the_column_is_told_without_a_code():
    frame = _sectors(pd.Series([pd.Timestamp("2011-11-01")], dtype=object))
    with pytest.raises(SchemaError) as err:
        validate(frame, SectorScores)
    assert str(err.value) == ("SectorScores, row 0, column 'naics': naics must be text (a code), got a date or "
                              "time (2011-11-01 00:00:00): a code read as a date by a spreadsheet? " + _ADVICE)
    # a column of months is left to its pattern
    zones = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "job_zone": [5], "date": [pd.Timestamp("2023-08-01")],
                          "domain_source": ["Analyst"]})
    with pytest.raises(SchemaError, match=r"date must match the pattern"):
        validate(zones, JobZones)

