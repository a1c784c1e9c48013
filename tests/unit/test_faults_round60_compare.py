"""Fault round 60: ``exposure compare`` and the published measures' loaders.

1. A number with thousands separators in a measure file (Webb's ``lswt2010`` of
   ``"1,350,430"``, as a spreadsheet writes a weight of 1.35 million): refused as
   ``not a number: '1,350,430'``, while the task tables and the OEWS files read it. Now read
   as 1350430 by every measure file reader (:func:`exposure.measures._crosswalk.to_float`);
   a decimal comma (``0,5``) is still refused, now saying to write decimals with a point.
   Frames given in Python (``compare``'s employment and measures) still refuse text with
   commas (``test_faults_round14_rollup``).
2. A SOC code that a spreadsheet turned into a date (``11-2011`` became November 2011) in
   Felten's workbook (read ``2011-11-01 00:00:00``) or Microsoft's CSV (``2011-11-01``):
   ``not a SOC 2010 code (like 11-1011): '2011-11-01 00:00:00'``, without the ``a date?``
   hint the crosswalk readers give. Now the same hint (and the crosswalk readers' hints of a
   code saved as a number) is given by every measure reader that checks codes
   (:func:`exposure.measures._common.check_codes`).
3. ``exposure compare --ours`` of a Parquet file saved from
   ``.set_index(["soc_code", "tot_emp"])`` (a two-level index): refused as ``soc_scores
   lacks column(s) ['soc_code'] (columns are ['alpha', 'beta', 'gamma'])``, although a
   one-level ``soc_code`` index is read. Now the levels are read as columns.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest
from _frames import write_csv
from test_faults_cli import cli, one_error_line

from exposure.errors import DataFormatError
from exposure.measures.felten import read_felten_occupations
from exposure.measures.microsoft import read_applicability
from exposure.measures.webb import read_webb

WEBB = "occ1990dd,occ1990dd_title,lswt2010,pct_software,pct_robot,pct_ai\n"


# 1. thousands separators in the measure files


def test_webb_weight_with_thousands_separators_is_read(tmp_path):
    path = write_csv(tmp_path, WEBB + '4,Chiefs,"1,350,430",30,9,28\n7,Managers,12.5,40,8,20\n')
    got = read_webb(path)
    assert got["lswt2010"].tolist() == [1350430.0, 12.5]


def test_a_decimal_comma_in_a_measure_file_is_still_refused_saying_why(tmp_path):
    path = write_csv(tmp_path, WEBB + '4,Chiefs,"0,5",30,9,28\n')
    with pytest.raises(DataFormatError, match=r"row 2, column 'lswt2010': not a number: '0,5': a comma must "
                                              r"separate thousands \(1,234\); write decimals with a point"):
        read_webb(path)


# 2. a SOC code read as a date


def test_felten_code_read_as_a_date_says_so(tmp_path):
    path = tmp_path / "lm.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "LM AIOE"
    for row in (["SOC Code", "Occupation Title", "Language Modeling AIOE"], ["11-1011", "Chief Executives", 1.3],
                [dt.datetime(2011, 11, 1), "Farmers", 0.2]):
        ws.append(row)
    wb.save(path)
    with pytest.raises(DataFormatError, match=r"row 3, column 'SOC Code': not a SOC 2010 code \(like 11-1011\): "
                                              r"'2011-11-01 00:00:00': a date\? a spreadsheet read the code "
                                              r"11-2011 as one; take the codes from the source again and "
                                              r"import that column as Text when opening the file, or type the "
                                              r"code with a leading apostrophe \('11-2011\)$"):
        read_felten_occupations(path, "lm")


@pytest.mark.parametrize("cell, hint", [
    ("2011-11-01", "a date? a spreadsheet read the code 11-2011 as one"),
    ("111011", "a code saved as a number? write it as text with its hyphen: '11-1011'"),
])
def test_microsoft_code_read_as_a_date_or_number_says_so(cell, hint):
    text = f"SOC Code,title,ai_applicability_score\n11-1011,Chief Executives,0.2\n{cell},Farmers,0.1\n"
    with pytest.raises(DataFormatError) as err:
        read_applicability(io.StringIO(text))
    assert (err.value.row, err.value.column) == (3, "SOC Code")
    assert hint in str(err.value)


# 3. --ours saved with a two-level index


def test_cli_ours_with_soc_code_in_a_multiindex(tmp_path, shared_data, capsys):
    path = tmp_path / "ours.parquet"
    frame = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021", "53-3032"],
                          "tot_emp": [200.0, 1000.0, 50.0, 900.0], "beta": [0.1, 0.5, 0.9, 0.3]})
    frame.set_index(["soc_code", "tot_emp"]).to_parquet(path)
    code, _, err = cli(capsys, "compare", "--mirror", shared_data, "--data-dir", tmp_path / "cache",
                       "-o", tmp_path / "out", "--ours", path)
    assert code == 0, one_error_line(err, command="compare")
    table = pd.read_csv(tmp_path / "out" / "measures_table.csv", dtype={"soc_code": str})
    assert table.set_index("soc_code").loc["15-1252", "beta"] == 0.5
