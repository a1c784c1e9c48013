"""Round 58, area ``load``: ``exposure.load`` of the processed tables and the shared table readers.

1. A ``reports/measures_table.csv`` written again by pandas with its default ``index=True``
   (``pd.read_csv(...).to_csv(path)``): ``exposure.load("measures", directory=d)`` returned
   the row numbers as a column ``'Unnamed: 0'`` beside the measures, without a word, where
   ``exposure score`` refuses a column without a name that holds values. Now refused the
   same way (:func:`exposure._tables.drop_unnamed`), saying what to do: ``d/reports/
   measures_table.csv, row 1: column 1 has values but no name in the header (first at row
   2): the row numbers pandas writes with to_csv() (index=True by default)? ...``. A column
   with no name and no value (a separator ending every line) is dropped, as ``read_frame``
   drops it (it was returned as ``'Unnamed: 2'``).
2. A header cell of an ``.xlsx`` starting with a byte-order mark (a CSV header pasted into a
   sheet) was matched, but errors named the column ``'\\ufeffO*NET-SOC Code'`` (and the
   reader's own words ``\\ufeffO*NET-SOC 2019 Code must be ...``); a wrapped header cell
   (``2018 SOC`` and ``Code`` on two lines of the cell, in a workbook or a CSV saved from
   it) was named ``'2018 SOC\\nCode'`` and split the reader's message over two lines. Now
   the column is named as it reads, ``'O*NET-SOC Code'``, ``'2018 SOC Code'``
   (:func:`exposure._tables.header_name`, the names a ``RawTable`` keeps).
3. An ``.xlsx`` column of flags typed partly as booleans and partly as text cells ``TRUE``
   / ``FALSE`` (an OEWS ``ANNUAL`` or ``HOURLY`` column, a cell formatted as Text): refused
   as ``a TRUE (boolean) cell in a column of text``, though both mean TRUE. Now read, both
   as ``TRUE`` (the OEWS flag True); a boolean among other text is still refused.
4. UTF-16 text without a byte-order mark given to a reader that checks NUL bytes itself
   (the hand-checked samples of ``exposure report categories``): ``h.csv: a binary file,
   not CSV text``. Now named by :func:`exposure._tables.check_file`, which every reader
   calls first: ``h.csv: file looks like UTF-16 text without a byte-order mark: save it as
   UTF-8 ('CSV UTF-8')``, as ``read_frame`` says it.
5. A CSV whose header has a quoted cell holding a line break (a wrapped header cell of a
   spreadsheet, saved as CSV): the header was read from the first line only.
   ``read_frame`` named the column ``'job'`` for ``'job\\ntitle'`` without a word, and a
   file with columns after that cell was refused, ``row 1: too many fields: expected 3,
   got 4 (an unquoted comma inside a field?)`` (``exposure rollup``, ``evaluate``, the
   crosswalk and OEWS readers, ``exposure validate --file``), while ``exposure score``
   read it. Now the header is the first record, as pandas and ``exposure score`` read it.
6. ``exposure.load("measures", directory=d)`` of the output directory of ``exposure
   compare -o d`` (``d/measures_table.csv``), or of the ``reports`` folder itself: ``no
   measures table at d/reports/measures_table.csv (run `exposure compare -o d/reports` to
   create it)`` of a table that is there. Now it says where the table is and what to pass
   or move: ``...; d/measures_table.csv (as `exposure compare -o d` writes it) is not
   read: ...``; ``...; r is the reports folder, which holds measures_table.csv: pass the
   directory above it, directory='...'``.
"""

from __future__ import annotations

import pandas as pd
import pytest
from _frames import write_text, write_xlsx
from test_faults_cli import cli, one_error_line

import exposure
from exposure._tables import read_frame, read_table
from exposure.crosswalks import read_onet_to_soc
from exposure.errors import DataFormatError, ExposureError
from exposure.oews import read_oews
from exposure.reports.categories import read_hand_checked

MEASURES = pd.DataFrame({"soc_code": ["11-1011", "11-1021"], "tot_emp": [200.0, 3000.0],
                         "beta": [0.45, 0.40]})


def _measures_dir(tmp_path, write) -> object:
    (tmp_path / "reports").mkdir()
    write(tmp_path / "reports" / "measures_table.csv")
    return tmp_path


# 1. the measures table written again with pandas' row numbers ----------------------------------


def test_measures_table_written_with_the_pandas_index_is_refused(tmp_path):
    d = _measures_dir(tmp_path, MEASURES.to_csv)  # index=True: ",soc_code,..." and 0, 1
    with pytest.raises(DataFormatError) as info:
        exposure.load("measures", directory=d)
    assert str(info.value) == (
        f"{d / 'reports' / 'measures_table.csv'}, row 1: column 1 has values but no name in the header "
        "(first at row 2): the row numbers pandas writes with to_csv() (index=True by default)? write "
        "the table again with to_csv(..., index=False), or delete that column")
    MEASURES.to_csv(d / "reports" / "measures_table.csv", index=False)  # as the message says
    frame = exposure.load("measures", directory=d)
    assert list(frame.columns) == ["soc_code", "tot_emp", "beta"]
    assert frame["beta"].tolist() == [0.45, 0.40]


def test_an_empty_column_without_a_name_is_dropped_from_the_measures_table(tmp_path):
    d = _measures_dir(tmp_path, lambda p: p.write_text(
        "soc_code,tot_emp,beta,\n11-1011,200,0.45,\n11-1021,3000,0.4,\n"))
    assert list(exposure.load("measures", directory=d).columns) == ["soc_code", "tot_emp", "beta"]


# 2. a header cell with a byte-order mark or a line break -------------------------------------------

_CROSSWALK_HEAD = ["O*NET-SOC 2019 Code", "O*NET-SOC 2019 Title", "2018 SOC Code", "2018 SOC Title"]


def _crosswalk_xlsx(tmp_path, header, code="11-101"):
    return write_xlsx(tmp_path, "cw.xlsx", [
        ["O*NET-SOC 2019 Occupation Listings"], [], header,
        ["11-1011.00", "Chief Executives", "11-1011", "Chief Executives"],
        ["11-1011.03", "Chief Sustainability Officers", code, "Chief Executives"]])


def test_a_header_cell_starting_with_a_byte_order_mark_is_named_without_it(tmp_path):
    src = _crosswalk_xlsx(tmp_path, ["\ufeffO*NET-SOC 2019 Code", *_CROSSWALK_HEAD[1:]], code="11-1011")
    raw = read_table(src, {"code": "O*NET-SOC 2019 Code", "title": "O*NET-SOC 2019 Title"})
    assert raw.sources == {"code": "O*NET-SOC 2019 Code", "title": "O*NET-SOC 2019 Title"}
    bad = write_xlsx(tmp_path, "bad.xlsx", [
        ["\ufeffO*NET-SOC 2019 Code", *_CROSSWALK_HEAD[1:]],
        ["11-1011.0", "Chief Executives", "11-1011", "Chief Executives"]])
    with pytest.raises(ExposureError) as info:
        read_onet_to_soc(bad)
    assert "\ufeff" not in str(info.value)
    assert str(info.value).startswith(f"{bad}, row 2, column 'O*NET-SOC 2019 Code': O*NET-SOC 2019 Code must be")


def test_a_column_given_twice_is_named_without_the_byte_order_mark(tmp_path):
    src = write_xlsx(tmp_path, "twice.xlsx", [["\ufeffCode", "Title", "code"], ["11-1011.00", "CEOs", "x"]])
    with pytest.raises(DataFormatError) as info:
        read_table(src, {"code": "Code", "title": "Title"})
    assert str(info.value) == (f"{src}, row 1, column 'Code': given more than once "
                               "(columns 1 and 3, written 'Code' and 'code'): keep one")


def test_a_wrapped_header_cell_of_a_workbook_is_named_on_one_line(tmp_path):
    src = _crosswalk_xlsx(tmp_path, [*_CROSSWALK_HEAD[:2], "2018 SOC\nCode", "2018 SOC Title"])
    with pytest.raises(ExposureError) as info:
        read_onet_to_soc(src)
    assert str(info.value) == (f"{src}, row 5, column '2018 SOC Code': 2018 SOC Code must be a SOC 2018 "
                               "code (like 11-1011), got '11-101'")


def test_a_wrapped_header_cell_is_named_on_one_line_by_exposure_validate(tmp_path, capsys):
    src = _crosswalk_xlsx(tmp_path, [*_CROSSWALK_HEAD[:2], "2018 SOC\r\nCode", "2018 SOC Title"])
    code, _, err = cli(capsys, "validate", "--file", "onet_to_soc", src)
    assert code == 2
    assert one_error_line(err, command="validate") == (
        f"exposure validate: error: onet_to_soc: {src}, row 5, column '2018 SOC Code': 2018 SOC Code must "
        "be a SOC 2018 code (like 11-1011), got '11-101'")


# 3. booleans and the text TRUE/FALSE in one column of flags ----------------------------------------

_OEWS_HEAD = ["NAICS", "NAICS_TITLE", "I_GROUP", "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP", "EMP_PRSE",
              "H_MEAN", "A_MEAN", "MEAN_PRSE", "H_MEDIAN", "A_MEDIAN", "ANNUAL", "HOURLY"]


def test_an_oews_flag_column_of_booleans_and_text_true_is_read(tmp_path):
    cross = ["000000", "Cross-industry", "cross-industry"]
    src = write_xlsx(tmp_path, "o.xlsx", [
        _OEWS_HEAD,
        [*cross, "00-0000", "All Occupations", "total", 1000, 1.0, 30.0, 62400, 0.5, 25.0, 52000, None, None],
        [*cross, "11-1011", "Chief Executives", "detailed", 200, 1.0, "*", 100000, 0.5, "*", 90000, True, None],
        [*cross, "11-1021", "Managers", "detailed", 300, 1.0, "*", 120000, 0.5, "*", 104000, "TRUE", False],
        [*cross, "11-1031", "Legislators", "detailed", 50, 1.0, "*", 60000, 0.5, "*", 50000, " true ", "FALSE"]])
    frame = read_oews(src)
    assert frame["annual"].tolist() == [False, True, True, True]
    assert frame["hourly"].tolist() == [False, False, False, False]


def test_a_column_of_booleans_and_text_true_false_reads_as_flags(tmp_path):
    src = write_xlsx(tmp_path, "f.xlsx", [["task", "core"], ["Answer telephones.", True],
                                          ["Weld.", "FALSE"], ["Sew.", False], ["Cook.", "TRUE"]])
    assert read_frame(src)["core"].tolist() == ["TRUE", "FALSE", "FALSE", "TRUE"]
    assert read_table(src, {"task": "task", "core": "core"}).frame["core"].tolist() == [
        "TRUE", "FALSE", "FALSE", "TRUE"]
    # a boolean among other text is still refused
    src = write_xlsx(tmp_path, "b.xlsx", [["task", "core"], ["Answer telephones.", "TRUE"],
                                          ["Weld.", "yes"], ["Sew.", False]])
    with pytest.raises(DataFormatError, match=r"b\.xlsx, row 4, column 'core': a FALSE \(boolean\) cell"):
        read_frame(src)
    with pytest.raises(DataFormatError, match=r"b\.xlsx, row 4, column 'core': a FALSE \(boolean\) cell"):
        read_table(src, {"task": "task", "core": "core"})


# 4. UTF-16 without a byte-order mark, for every reader ----------------------------------------------

_SAMPLE = ("onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\n"
           "43-6014.00,9,random,True,False,False,filing\n")
_UTF16 = "file looks like UTF-16 text without a byte-order mark: save it as UTF-8 ('CSV UTF-8')"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_named_by_the_category_sample_reader(tmp_path, encoding):
    src = tmp_path / "h.csv"
    src.write_bytes(_SAMPLE.encode(encoding))
    with pytest.raises(DataFormatError) as info:
        read_hand_checked(src)
    assert str(info.value) == f"{src}: {_UTF16}"


def test_utf16_without_a_byte_order_mark_is_named_by_exposure_report_categories(tmp_path, capsys):
    src = tmp_path / "h.csv"
    src.write_bytes(_SAMPLE.encode("utf-16-le"))
    code, _, err = cli(capsys, "report", "categories", "--hand-checked", src, "--out-dir", tmp_path / "out")
    assert code == 2
    assert one_error_line(err, command="report categories") == (
        f"exposure report categories: error: {src}: {_UTF16}")
    assert not (tmp_path / "out").exists()


# 5. a quoted header cell holding a line break ----------------------------------------------------


def test_a_wrapped_last_header_cell_keeps_its_whole_name(tmp_path):
    src = write_text(tmp_path, "w.csv", 'task,"job\ntitle"\nWeld the joints.,Welder\nSew the seams.,Tailor\n')
    frame = read_frame(src)
    assert list(frame.columns) == ["task", "job\ntitle"]
    assert frame["job\ntitle"].tolist() == ["Welder", "Tailor"]


def test_a_wrapped_header_cell_before_other_columns_is_read(tmp_path):
    src = write_text(tmp_path, "w.csv", '"job\ntitle",task,note\nWelder,Weld the joints.,a\nTailor,Sew.,b\n')
    frame = read_frame(src)
    assert list(frame.columns) == ["job\ntitle", "task", "note"]
    assert frame["note"].tolist() == ["a", "b"]
    # a quote in the header that is never closed is still named
    src = write_text(tmp_path, "u.csv", 'task,"title\nWeld.,Welder\nSew.,Tailor\n')
    with pytest.raises(DataFormatError, match=r"u\.csv, row 1: the quoted cell that starts on this line is "
                                              r"not closed"):
        read_frame(src)


def test_a_crosswalk_csv_with_a_wrapped_header_cell_is_validated(tmp_path, capsys):
    src = write_text(tmp_path, "cw.csv",
                     'O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,"2018 SOC\nCode",2018 SOC Title\n'
                     "11-1011.00,Chief Executives,11-1011,Chief Executives\n"
                     "11-1011.03,Chief Sustainability Officers,11-1011,Chief Executives\n")
    assert read_onet_to_soc(src)["soc_code"].tolist() == ["11-1011", "11-1011"]
    code, out, err = cli(capsys, "validate", "--file", "onet_to_soc", src)
    assert code == 0, err
    assert "onet_to_soc" in out


# 6. the measures table beside the reports folder ------------------------------------------------


def test_the_measures_table_of_exposure_compare_o_dir_is_pointed_at(tmp_path):
    MEASURES.to_csv(tmp_path / "measures_table.csv", index=False)  # exposure compare -o tmp_path
    with pytest.raises(ExposureError) as info:
        exposure.load("measures", directory=tmp_path)
    assert str(info.value) == (
        f"no measures table at {tmp_path / 'reports' / 'measures_table.csv'}; "
        f"{tmp_path / 'measures_table.csv'} (as `exposure compare -o {tmp_path}` writes it) is not read: "
        "load('measures') reads the reports folder of an output directory: move the file into "
        f"{tmp_path / 'reports'}, or write it there with `exposure compare -o {tmp_path / 'reports'}`")
    (tmp_path / "measures_table.csv").unlink()  # no table anywhere: as before
    with pytest.raises(ExposureError) as info:
        exposure.load("measures", directory=tmp_path)
    assert str(info.value) == (f"no measures table at {tmp_path / 'reports' / 'measures_table.csv'} (run "
                               f"`exposure compare -o {tmp_path / 'reports'}` to create it)")


def test_the_reports_folder_given_as_the_directory_is_named(tmp_path):
    d = _measures_dir(tmp_path, lambda p: MEASURES.to_csv(p, index=False))
    with pytest.raises(ExposureError) as info:
        exposure.load("measures", directory=d / "reports")
    assert str(info.value) == (
        f"no measures table at {d / 'reports' / 'reports' / 'measures_table.csv'}; {d / 'reports'} is the "
        f"reports folder, which holds measures_table.csv: pass the directory above it, directory={str(d)!r}")
    assert exposure.load("measures", directory=d)["soc_code"].tolist() == ["11-1011", "11-1021"]
