"""Fault round 23: the published measures' readers and ``compare``.

1. ``compare(loaded={...})`` with a measure on SOC 2010 codes (``15-1132``, split into
   ``15-1252`` and others in 2018): the codes reached no OEWS code and no other measure,
   so they dropped out of every correlation, while the coverage table counted them as SOC
   codes reached (5 of 5, with 2 that no correlation could use), without a word. Now such a
   code is refused, naming the measure, the row and the column: with ``soc_structure``, a
   code that is neither a SOC 2018 code nor a code of the employment; without it, a code
   that reaches no code of the employment (a SOC 2018 code OEWS does not publish, such as
   ``11-1031``, is kept when the structure is given, as for the published measures).
2. A Webb file whose percentile column holds only 0 and 1 (flags, or fractions rounded):
   read as the percentiles 0 and 1 (``webb_ai`` 0.0 and 0.01) without a word. Webb
   publishes percentiles from 1 to 100; a column whose every value is from 0 to 1 is now
   refused, whether or not one of them lies strictly between 0 and 1.
3. A Webb file whose percentile column is empty on every row (a release that dropped its
   values): the measure came out missing everywhere (0 SOC codes in ``compare``), without
   a word. Now refused, naming the file and the column.
4. A truncated line (fields missing at its end) of a Webb file, and of every file read by
   :func:`exposure.measures._common.read_csv`: pandas filled the missing cells as empty,
   so ``webb_ai`` of the occupation was missing without a word; a line with a field too
   many was ``cannot parse as CSV: Error tokenizing data. C error: Expected 6 fields in
   line 2, saw 7``, naming no row. Now both refused with the row, line and column, as the
   task tables are (:func:`exposure._tables.read_text_table`).
5. The Eloundou readers re-implemented the shared text-table reading: a truncated line of
   ``full_labelset_train.tsv`` was read with ``gpt4_exposure_alt_rubric``,
   ``gpt_3_relevant`` and ``gpt4_automation`` missing; a line with a field too many was
   ``cannot parse: Error tokenizing data. C error: ...`` (no row); a header written with
   spaces (`` Title ``) was ``missing column(s) ['Title']``; a line of spaces ending the
   file was "missing O*NET-SOC code". They now read through
   :func:`exposure._tables.read_text_table`.
6. ``compare(loaded={...})`` with a measure frame without rows, or whose measure is
   missing on every row: the measure was compared, every correlation NaN, its coverage 0
   SOC codes (the frame of missing values counted 4 codes matched), without a word. Now
   refused, naming the measure.
"""

import io

import numpy as np
import pandas as pd
import pytest
from _frames import write_text

from exposure.errors import DataFormatError
from exposure.measures import compare as cmp
from exposure.measures import eloundou, webb

EMP = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021", "53-3032", "15-1211"],
                    "tot_emp": [200.0, 1000.0, 50.0, 900.0, 300.0]})
SOC18 = ["11-1011", "11-1031", "15-1252", "15-1211", "43-9021", "53-3032"]
STRUCTURE = pd.DataFrame({"soc_code": SOC18, "level": "detailed",
                          "broad_code": [c[:6] + "0" for c in SOC18]})
WEBB_HEADER = "occ1990dd,occ1990dd_title,lswt2010,pct_software,pct_robot,pct_ai\n"
LABELS_HEADER = ("\tO*NET-SOC Code\tTask ID\tTask\tTask Type\tTitle\thuman_exposure_agg\tgpt4_exposure\t"
                 "gpt4_exposure_alt_rubric\tgpt_3_relevant\tgpt4_automation\n")
LABELS_ROW = "0\t11-1011.00\t8823.0\tDirect budgets.\tCore\tChief Executives\tE2\tE1\tE1\tFalse\tT2\n"
OCC_HEADER = ("O*NET-SOC Code,Title,dv_rating_alpha,dv_rating_beta,dv_rating_gamma,"
              "human_rating_alpha,human_rating_beta,human_rating_gamma\n")
OCC_ROW = "11-1011.00,Chief Executives,0.1,0.4,0.7,0.2,0.5,0.8\n"


def _measure(name, codes, values):
    return pd.DataFrame({"soc_code": codes, name: values})


B = _measure("b", ["11-1011", "15-1252", "43-9021", "53-3032", "15-1211"], [0.2, 0.7, 0.9, 0.1, 0.4])


# 1. a loaded measure on SOC 2010 codes


def test_compare_refuses_soc_2010_codes_with_structure():
    a = _measure("a", ["11-1011", "15-1132", "15-1133", "43-9021", "53-3032"], [0.3, 0.9, 0.8, 0.1, 0.5])
    with pytest.raises(DataFormatError) as err:
        cmp.compare(measures=[], employment=EMP, soc_structure=STRUCTURE, loaded={"a": a, "b": B})
    msg = str(err.value)
    assert msg.startswith("measure 'a', row 2, column 'soc_code': '15-1132' is not a SOC 2018 code")
    assert "SOC 2010" in msg
    assert err.value.row == 2 and err.value.column == "soc_code"


def test_compare_refuses_codes_reaching_no_oews_code_without_structure():
    a = _measure("a", ["11-1011", "43-9021", "15-1132", "53-3032"], [0.3, 0.1, 0.9, 0.5])
    with pytest.raises(DataFormatError) as err:
        cmp.compare(measures=[], employment=EMP, loaded={"a": a, "b": B})
    msg = str(err.value)
    assert msg.startswith("measure 'a', row 3, column 'soc_code': '15-1132' reaches no code of the employment")
    assert "soc_structure" in msg


def test_compare_keeps_soc_2018_codes_oews_does_not_publish_with_structure():
    a = _measure("a", ["11-1011", "11-1031", "15-1252", "43-9021", "53-3032"], [0.3, 0.4, 0.9, 0.1, 0.5])
    res = cmp.compare(measures=[], employment=EMP, soc_structure=STRUCTURE, loaded={"a": a, "b": B})
    cov = res.coverage.set_index("measure")
    assert cov.loc["a", "soc_codes"] == 5
    assert res.table.set_index("soc_code").loc["11-1031", "a"] == 0.4
    assert res.correlations.loc[0, "n"] == 4


def test_compare_soc_2018_codes_still_compared():
    a = _measure("a", ["11-1011", "15-1252", "43-9021", "53-3032"], [0.3, 0.9, 0.1, 0.5])
    res = cmp.compare(measures=[], employment=EMP, loaded={"a": a, "b": B})
    assert res.coverage.set_index("measure").loc["a", "soc_codes"] == 4
    assert res.correlations.loc[0, "n"] == 4


# 2. Webb percentiles written as 0/1


def test_webb_zero_one_column_refused(tmp_path):
    path = write_text(tmp_path, "webb.csv", WEBB_HEADER + "4,Chiefs,10.5,30,9,1\n7,Fin,3,20,1,0\n8,HR,2,10,5,1\n")
    with pytest.raises(DataFormatError) as err:
        webb.read_webb(path)
    msg = str(err.value)
    assert msg.startswith(f"{path}, row 2, column 'pct_ai': pct_ai holds percentiles from 1 to 100, but every "
                          "value is 0 or 1")
    assert err.value.column == "pct_ai"


def test_webb_fractions_still_refused():
    with pytest.raises(DataFormatError, match=r"row 3, column 'pct_ai': .*fractions; multiply them by 100"):
        webb.read_webb(io.StringIO(WEBB_HEADER + "4,Chiefs,10.5,30,9,1\n7,Fin,3,20,1,0.5\n"))


def test_webb_percentiles_one_and_hundred_read():
    out = webb.read_webb(io.StringIO(WEBB_HEADER + "4,Chiefs,10.5,30,9,1\n7,Fin,3,20,1,100\n"))
    assert out["webb_ai"].tolist() == [0.01, 1.0]


# 3. a Webb column empty on every row


def test_webb_column_missing_everywhere_refused(tmp_path):
    path = write_text(tmp_path, "webb.csv", WEBB_HEADER + "4,Chiefs,10.5,30,9,\n7,Fin,3,20,1,\n")
    with pytest.raises(DataFormatError) as err:
        webb.read_webb(path)
    assert str(err.value) == (f"{path}, column 'pct_ai': pct_ai is missing in every row (the file gives no "
                              "percentile of this measure)")


# 4. truncated and long lines of the measures' CSV files


def test_webb_truncated_line_refused(tmp_path):
    path = write_text(tmp_path, "webb.csv", WEBB_HEADER + "4,Chiefs,10.5,30,9\n7,Fin,3,20,1,5\n")
    with pytest.raises(DataFormatError) as err:
        webb.read_webb(path)
    assert str(err.value) == (f"{path}, row 2, column 'pct_ai': too few fields: expected 6, got 5 "
                              "(truncated file or line?)")


def test_webb_line_with_field_too_many_names_row(tmp_path):
    path = write_text(tmp_path, "webb.csv", WEBB_HEADER + "4,Chiefs,10.5,30,9,5\n7,Fin,3,20,1,5,6\n")
    with pytest.raises(DataFormatError) as err:
        webb.read_webb(path)
    assert err.value.row == 3
    assert "too many fields: expected 6, got 7" in str(err.value)


def test_webb_buffer_truncated_line_refused():
    with pytest.raises(DataFormatError, match=r"^<webb scores>, row 3, column 'pct_ai': too few fields"):
        webb.read_webb(io.StringIO(WEBB_HEADER + "4,Chiefs,10.5,30,9,5\n7,Fin,3,20,1\n"))


def test_onet_to_occ1990dd_truncated_line_refused(tmp_path):
    path = write_text(tmp_path, "x.csv", "onet_name,onetsoccode,occ1990dd\nChief Executives,11-1011.00\n"
                      "Fin,11-3031.00,7\n")
    with pytest.raises(DataFormatError, match=r"row 2, column 'occ1990dd': too few fields"):
        webb.read_onet_to_occ1990dd(path)


# 5. the Eloundou readers through the shared text-table reader


def test_eloundou_labels_truncated_line_refused(tmp_path):
    short = "1\t11-1011.00\t8824.0\tPlan.\tCore\tChief Executives\tE2\tE1\n"
    path = write_text(tmp_path, "labels.tsv", LABELS_HEADER + LABELS_ROW + short)
    with pytest.raises(DataFormatError) as err:
        eloundou.read_task_labels(path)
    assert str(err.value) == (f"{path}, row 3, column 'gpt4_exposure_alt_rubric': too few fields: expected 11, "
                              "got 8 (truncated file or line?)")


def test_eloundou_labels_line_with_field_too_many_names_row(tmp_path):
    path = write_text(tmp_path, "labels.tsv", LABELS_HEADER + LABELS_ROW + LABELS_ROW.rstrip("\n") + "\tx\n")
    with pytest.raises(DataFormatError) as err:
        eloundou.read_task_labels(path)
    assert err.value.row == 3
    assert "too many fields: expected 11, got 12" in str(err.value)


def test_eloundou_occ_level_line_with_field_too_many_names_row(tmp_path):
    path = write_text(tmp_path, "occ.csv", OCC_HEADER + OCC_ROW + OCC_ROW.rstrip("\n") + ",9\n")
    with pytest.raises(DataFormatError) as err:
        eloundou.read_occ_level(path)
    assert err.value.row == 3
    assert "too many fields: expected 8, got 9" in str(err.value)


def test_eloundou_header_with_spaces_read(tmp_path):
    path = write_text(tmp_path, "occ.csv", OCC_HEADER.replace("Title", " Title ") + OCC_ROW)
    assert eloundou.read_occ_level(path)["title"].tolist() == ["Chief Executives"]


def test_eloundou_line_of_spaces_ending_file_ignored(tmp_path):
    path = write_text(tmp_path, "occ.csv", OCC_HEADER + OCC_ROW + "   \n")
    assert eloundou.read_occ_level(path)["onetsoc_code"].tolist() == ["11-1011.00"]


def test_eloundou_labels_quoted_task_and_empty_cells(tmp_path):
    row = '0\t11-1031.00\t15287.0\t"Conduct ""head counts"" of votes."\t\tLegislators\tE2\tE2\t\t\t\n'
    out = eloundou.read_task_labels(write_text(tmp_path, "labels.tsv", LABELS_HEADER + row))
    assert out.loc[0, "task"] == 'Conduct "head counts" of votes.'
    assert out[["task_type", "gpt4_exposure_alt_rubric", "gpt_3_relevant", "gpt4_automation"]].isna().all(axis=None)


def test_eloundou_header_only_still_refused(tmp_path):
    path = write_text(tmp_path, "occ.csv", OCC_HEADER)
    with pytest.raises(DataFormatError, match=r"no rows below the header \(row 1\)"):
        eloundou.read_occ_level(path)


# 6. a loaded measure without any value


@pytest.mark.parametrize("frame", [B.iloc[:0], B.assign(b=np.nan)], ids=["no rows", "all missing"])
def test_compare_refuses_loaded_measure_without_values(frame):
    a = _measure("a", ["11-1011", "15-1252", "43-9021", "53-3032"], [0.3, 0.9, 0.1, 0.5])
    with pytest.raises(DataFormatError) as err:
        cmp.compare(measures=[], employment=EMP, loaded={"a": a, "b": frame})
    assert str(err.value).startswith("measure 'b', column 'b': b has no value")


def test_webb_zeros_only_refused():
    with pytest.raises(DataFormatError, match=r"row 2, column 'pct_robot': pct_robot holds percentiles from 1 to 100, "
                                              r"but every value is 0 or 1"):
        webb.read_webb(io.StringIO(WEBB_HEADER + "4,Chiefs,10.5,30,0,5\n7,Fin,3,20,0,5\n"))
