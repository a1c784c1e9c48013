"""Fault round 73: the measures table (``exposure.load("measures")``), ``exposure compare`` and the reproduction report.

1. ``exposure.load("measures")`` of a ``reports/measures_table.csv`` written by R's
   ``write.csv`` (``row.names = TRUE`` by default: a first column named ``""`` holding
   ``"1"``, ``"2"``, ...) was told pandas' advice only: ``..., row 1: column 1 has values
   but no name in the header (first at row 2): the row numbers pandas writes with to_csv()
   (index=True by default)? write the table again with to_csv(..., index=False), or delete
   that column``, which an R user cannot follow. Now row names numbered from 1 are named as
   R's, with R's fix: ``the row names R writes with write.csv() (row.names = TRUE by
   default)? write the table again with write.csv(..., row.names = FALSE), or delete that
   column``; numbered from 0, pandas' advice as before; numbered otherwise, both.
2. ``exposure.load("measures")`` of a table written by R's ``write.csv`` with a missing
   measure (R writes it ``NA``) said ``..., row 3, column 'beta': not a number: 'NA'``,
   without a word of what ``NA`` is or what to do. Now: ``not a number: 'NA': NA is R's
   mark of a missing value, which write.csv() writes; an empty cell only is missing
   here: write the table again with write.csv(..., na = "")``; following it, the cell is
   read as missing.
3. ``exposure.reports.reproduction.workforce_shares`` of a measure on a 0-100 scale said
   ``soc_scores, row 1, column 'beta': beta must be a fraction from 0 to 1, got 45.0``,
   without the hint that ``_check_share`` (and ``compare``'s ``check_soc_scores``) give
   for such values. Now ``... got 45.0 (scores on a 0-100 scale? divide them by 100)``;
   divided by 100, the shares are those of the fractions.
4. ``exposure.load("measures")`` of a table whose fraction column (``beta``, ``ilo_2025``)
   is on a 0-100 scale said ``..., row 2, column 'beta': beta is a fraction, from 0 to 1;
   got 45.0``, without that hint either. Now ``... got 45.0 (scores on a 0-100 scale?
   divide them by 100)``; a z-score (Felten's AIOE) and ``tot_emp`` get no such hint.
5. ``exposure compare --top -1`` said ``--top must be a whole number of 0 or more, got int
   -1``: the Python API's words (a type, for a value argparse has already read as a whole
   number). Now ``exposure compare: error: --top must be 0 or more, got -1``, as ``exposure
   diff --top`` and ``exposure rollup --bootstrap`` word it, before any work.
6. ``exposure.load("measures")`` kept its own check of a zip archive ahead of the shared
   one (``check_delimited_file(one_name=True)``): a zipped CSV file saved under the name
   ``measures_table.csv`` was told ``file is a zip archive (an .xlsx workbook?), not CSV
   text: save it as CSV ('CSV UTF-8')``, though it is CSV already, zipped. Now the shared
   check alone names it: ``file is a zip archive, not delimited text: extract the table
   from it (unzip) and give that file``; an ``.xlsx`` workbook so named is still told to
   be saved as CSV (``... not delimited text: save it as CSV ('CSV UTF-8')``).
7. ``exposure.load("measures")`` of a table with a line of separators only between its
   rows (``,,,``: a row whose cells were cleared in a spreadsheet) said ``..., row 3,
   column 'soc_code': soc_code missing``, as if the row wanted a code. Now it is refused
   as the measure readers (``_common.read_csv``) and the table's own reader (an empty
   line) refuse it: ``..., row 3: empty line (remove it: only the empty lines ending the
   file are ignored)``; removed, the table reads. Such lines ending the file are ignored,
   as before.
"""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

import exposure
from exposure.errors import DataFormatError
from exposure.reports import reproduction


def _measures_dir(tmp_path, text: str):
    """``tmp_path`` holding ``reports/measures_table.csv`` of ``text``; return the table's path."""
    (tmp_path / "reports").mkdir(exist_ok=True)
    path = tmp_path / "reports" / "measures_table.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _refusal(tmp_path) -> str:
    with pytest.raises(DataFormatError) as info:
        exposure.load("measures", directory=tmp_path)
    return str(info.value)


# ---------------------------------------------------------------------------------------
# 1. R's row names (write.csv, row.names = TRUE) are named as R's, with R's fix
# ---------------------------------------------------------------------------------------

UNNAMED = "row 1: column 1 has values but no name in the header (first at row 2): "
#: The table as R's write.csv writes it by default: quoted text, row names, NA for missing.
R_TABLE = ('"","soc_code","tot_emp","beta"\n'
           '"1","11-1011",200,0.45\n'
           '"2","11-1021",3000,0.4\n')


def test_r_row_names_get_r_advice(tmp_path):
    path = _measures_dir(tmp_path, R_TABLE)
    assert _refusal(tmp_path) == (
        f"{path}, {UNNAMED}the row names R writes with write.csv() (row.names = TRUE by default)? write the "
        "table again with write.csv(..., row.names = FALSE), or delete that column")
    # following the advice: write.csv(..., row.names = FALSE) writes no such column
    _measures_dir(tmp_path, '"soc_code","tot_emp","beta"\n"11-1011",200,0.45\n"11-1021",3000,0.4\n')
    assert exposure.load("measures", directory=tmp_path)["beta"].tolist() == [0.45, 0.4]


def test_pandas_row_numbers_keep_pandas_advice_and_others_get_both(tmp_path):
    path = _measures_dir(tmp_path, ",soc_code,beta\n0,11-1011,0.45\n1,11-1021,0.4\n")
    assert _refusal(tmp_path) == (
        f"{path}, {UNNAMED}the row numbers pandas writes with to_csv() (index=True by default)? write the "
        "table again with to_csv(..., index=False), or delete that column")
    # rows of a subset (R's row names 5 and 9, pandas' index 4 and 8): either may have written them
    _measures_dir(tmp_path, '"","soc_code","beta"\n"5","11-1011",0.45\n"9","11-1021",0.4\n')
    assert _refusal(tmp_path) == (
        f"{path}, {UNNAMED}row numbers, as pandas' to_csv() (index=True by default) or R's write.csv() "
        "(row.names = TRUE by default) write them? write the table again with to_csv(..., index=False) or "
        "write.csv(..., row.names = FALSE), or delete that column")


# ---------------------------------------------------------------------------------------
# 2. R's NA is named as R's mark of a missing value
# ---------------------------------------------------------------------------------------


def test_r_na_is_named_with_what_to_write(tmp_path):
    path = _measures_dir(tmp_path, '"soc_code","tot_emp","beta"\n"11-1011",200,0.45\n"11-1021",3000,NA\n')
    assert _refusal(tmp_path) == (
        f"{path}, row 3, column 'beta': not a number: 'NA': NA is R's mark of a missing value, which "
        'write.csv() writes; an empty cell only is missing here: write the table again with write.csv(..., '
        'na = "")')
    # following the advice: write.csv(..., na = "") writes an empty cell, which is missing
    _measures_dir(tmp_path, '"soc_code","tot_emp","beta"\n"11-1011",200,0.45\n"11-1021",3000,\n')
    frame = exposure.load("measures", directory=tmp_path)
    assert frame["beta"].tolist()[0] == 0.45 and np.isnan(frame["beta"].tolist()[1])
    # other text is refused as before, without the hint
    _measures_dir(tmp_path, "soc_code,tot_emp,beta\n11-1011,200,0.45\n11-1021,3000,NAN\n")
    assert _refusal(tmp_path) == f"{path}, row 3, column 'beta': not a number: 'NAN'"


# ---------------------------------------------------------------------------------------
# 3. workforce_shares: a measure on a 0-100 scale is told to be divided by 100
# ---------------------------------------------------------------------------------------


def test_workforce_shares_hints_at_percent():
    soc = pd.DataFrame({"beta": [45.0, 5.0, 60.0, None], "tot_emp": [1.0, 1.0, 2.0, 5.0]})
    with pytest.raises(DataFormatError) as info:
        reproduction.workforce_shares(soc, "beta")
    assert str(info.value) == ("soc_scores, row 1, column 'beta': beta must be a fraction from 0 to 1, got 45.0 "
                               "(scores on a 0-100 scale? divide them by 100)")
    # following the advice
    shares = reproduction.workforce_shares(soc.assign(beta=soc["beta"] / 100), "beta")
    assert shares == {"covered_emp": 4.0, "ge_10": 0.75, "gt_10": 0.75, "ge_50": 0.5, "gt_50": 0.5}
    # not percent (a negative value): no hint
    with pytest.raises(DataFormatError, match=r"got -0\.5$"):
        reproduction.workforce_shares(soc.assign(beta=[-0.5, 0.1, 2.0, None]), "beta")


# ---------------------------------------------------------------------------------------
# 4. load("measures"): a fraction column on a 0-100 scale is told to be divided by 100
# ---------------------------------------------------------------------------------------


def test_measures_table_fraction_hints_at_percent(tmp_path):
    path = _measures_dir(tmp_path, "soc_code,tot_emp,felten_aioe,beta\n11-1011,200,1.2,45\n11-1021,3000,-0.3,60\n")
    assert _refusal(tmp_path) == (f"{path}, row 2, column 'beta': beta is a fraction, from 0 to 1; got 45.0 "
                                  "(scores on a 0-100 scale? divide them by 100)")
    _measures_dir(tmp_path, "soc_code,tot_emp,felten_aioe,beta\n11-1011,200,1.2,0.45\n11-1021,3000,-0.3,0.6\n")
    assert exposure.load("measures", directory=tmp_path)["beta"].tolist() == [0.45, 0.6]
    # a count of workers is no fraction: no hint
    _measures_dir(tmp_path, "soc_code,tot_emp,beta\n11-1011,-200,0.45\n11-1021,3000,0.6\n")
    assert _refusal(tmp_path) == (f"{path}, row 2, column 'tot_emp': tot_emp is a number of workers, 0 or more; "
                                  "got -200.0")


# ---------------------------------------------------------------------------------------
# 5. exposure compare --top -1: in the words of the other commands
# ---------------------------------------------------------------------------------------


def test_compare_negative_top_is_worded_as_other_commands(tmp_path, capsys):
    code, _, err = cli(capsys, "compare", "--top", "-1", "--ours", "none", "-o", tmp_path / "out")
    assert code == 2
    assert one_error_line(err, command="compare") == "exposure compare: error: --top must be 0 or more, got -1"
    assert not (tmp_path / "out").exists()  # before any work
    # exposure diff says it so
    code, _, err = cli(capsys, "diff", tmp_path / "a", tmp_path / "b", "--top", "-1")
    assert one_error_line(err, command="diff") == "exposure diff: error: --top must be 0 or more, got -1"


# ---------------------------------------------------------------------------------------
# 6. load("measures"): a zipped CSV file is told to be extracted, by the shared check
# ---------------------------------------------------------------------------------------

TABLE = "soc_code,tot_emp,beta\n11-1011,200,0.45\n11-1021,3000,0.4\n"


def test_zipped_csv_is_told_to_be_extracted(tmp_path):
    path = _measures_dir(tmp_path, "")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("measures_table.csv", TABLE)
    path.write_bytes(buffer.getvalue())
    assert _refusal(tmp_path) == (f"{path}: file is a zip archive, not delimited text: extract the table from it "
                                  "(unzip) and give that file")
    # following the advice
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        path.write_bytes(archive.read("measures_table.csv"))
    assert exposure.load("measures", directory=tmp_path)["beta"].tolist() == [0.45, 0.4]


def test_xlsx_workbook_is_still_told_to_be_saved_as_csv(tmp_path):
    path = _measures_dir(tmp_path, "")
    buffer = io.BytesIO()
    pd.read_csv(io.StringIO(TABLE), dtype={"soc_code": str}).to_excel(buffer, index=False)
    path.write_bytes(buffer.getvalue())
    assert _refusal(tmp_path) == (f"{path}: file is a zip archive (an .xlsx workbook?), not delimited text: save it "
                                  "as CSV ('CSV UTF-8')")


# ---------------------------------------------------------------------------------------
# 7. load("measures"): a row of empty cells between rows is an empty line
# ---------------------------------------------------------------------------------------


def test_cleared_row_between_rows_is_an_empty_line(tmp_path):
    path = _measures_dir(tmp_path, "soc_code,soc_title,beta\n11-1011,Chief Executives,0.45\n,,\n"
                                   "11-1021,General and Operations Managers,0.4\n,,\n")
    assert _refusal(tmp_path) == (f"{path}, row 3: empty line (remove it: only the empty lines ending the file are "
                                  "ignored)")
    # as an empty line there is refused
    _measures_dir(tmp_path, "soc_code,beta\n11-1011,0.45\n\n11-1021,0.4\n")
    assert _refusal(tmp_path) == (f"{path}, row 3: empty line (remove it: only the empty lines ending the file are "
                                  "ignored)")
    # removed, the table reads (the line ending the file is ignored)
    _measures_dir(tmp_path, "soc_code,soc_title,beta\n11-1011,Chief Executives,0.45\n"
                            "11-1021,General and Operations Managers,0.4\n,,\n")
    assert exposure.load("measures", directory=tmp_path)["beta"].tolist() == [0.45, 0.4]
