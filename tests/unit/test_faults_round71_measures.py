"""Fault round 71: the published measures, their crosswalks and the measures table.

1. ``_crosswalk.apply_links`` named no frame in some errors when no ``path`` was given,
   although it names ``scores`` in the others: ``column 'v': missing column(s) ['v']``,
   ``row 1, column 'v': not a number: 'x'``, ``column 'c': none of the 1 codes matches the
   crosswalk (e.g. '9999')``; ``ilo.to_isco`` (which gives no path) said ``row 1, column
   'beta': not a number: 'x'`` of its ``soc_scores``. Now every error names the frame, as
   its other errors do (``scores, column 'beta': column 'beta' is named in both values and
   counts ...``): ``scores, row 1, column 'v': not a number: 'x'``. Round 61's test of a
   complex number given to ``to_isco`` pinned the message without a frame; it follows.
2. The readers of published CSV files (``_common.read_csv``: Webb, Microsoft, Anthropic)
   told an old binary ``.xls`` file to ``save it as .xlsx or CSV``, and no such reader
   reads an ``.xlsx`` workbook; the readers of the Felten and ILO workbooks
   (``_common.check_workbook``) said the same of an ``.xls`` file, and ``save it as UTF-8
   ('CSV UTF-8')`` of UTF-16 text, though a CSV file is refused there ("not an .xlsx
   workbook"). Now the CSV readers say ``save it as CSV ('CSV UTF-8')`` and the workbook
   readers ``save it as .xlsx`` / ``give the table as an .xlsx workbook``; following the
   advice works.
3. ``felten.felten_to_soc`` (so ``load_felten``) left a well-written SOC 2010 code without
   a link in the crosswalk out of the result with a log line at INFO level only
   (``attrs["unmatched"]``), while the ILO reader warns of codes left out so. Now one
   warning names the codes, in the ILO reader's words (``_common.warn_unmatched``, the one
   helper of both): ``felten_to_soc: 1 of the 3 SOC 2010 codes have no SOC 2018 link and
   are left out of the result (attrs['unmatched']): '11-9999'``.
4. ``compare.coverage`` and ``compare.compare`` refused an employment frame whose columns
   are written in OEWS's capitals (``TOT_EMP``, ``SOC_CODE``): ``employment lacks
   column(s) ['tot_emp'] (columns: ['soc_code', 'TOT_EMP'])``, while its optional ``Title``
   was read in any case. Now ``soc_code`` and ``tot_emp`` are read in any case or spacing
   too (``_common.check_employment``), a column given twice so (``tot_emp`` and
   ``TOT_EMP``) is refused naming both, and the caller's frame is not renamed.
5. ``load("measures")`` read ``reports/measures_table.csv`` with pandas' default missing
   tokens: a measure cell ``#N/A`` (a spreadsheet's failed lookup), ``NULL`` or ``NA`` was
   a missing value without a word, and a ``soc_title`` column of blank cells was a column
   of floats (``.str`` failed on it). Now an empty cell only is missing (the library
   writes no other): ``measures_table.csv, row 2, column 'beta': not a number: '#N/A'``;
   the titles are text.
6. ``load("measures")`` gave advice that does not work for ``reports/measures_table.csv``,
   which is read comma-separated under that one name: an old ``.xls`` file was told to
   ``save it as .xlsx or CSV``, an ``.xlsx`` workbook so named to ``give it its own
   extension``, a tab-separated file to ``rename it .tsv (a .csv file is read as
   comma-separated)``, a semicolon-separated one to ``save it as 'CSV UTF-8 (comma
   delimited)', or as tab-separated .tsv``; none of these files is read. Now each is told
   to save it as CSV (``save it as CSV ('CSV UTF-8')``; ``the file is read
   comma-separated, as published: save it as 'CSV UTF-8 (comma delimited)'``).
7. ``load("measures")`` refused a ``measures_table.csv`` saved by Excel with lines of
   separators only (``,,,``: rows whose cells were cleared) at its end: ``row 4, column
   'soc_code': soc_code missing``, while the readers of the published measures ignore such
   lines (``_common.read_csv``). Now they are ignored too; one between rows is still
   refused, naming its row.
"""

from __future__ import annotations

import io
import logging

import pandas as pd
import pytest

import exposure
from exposure.errors import DataFormatError
from exposure.measures import _common, compare, felten, ilo, microsoft, webb
from exposure.measures._crosswalk import apply_links

# ---------------------------------------------------------------------------------------
# 1. apply_links names the frame in every error; to_isco names soc_scores
# ---------------------------------------------------------------------------------------

LINK = pd.DataFrame({"source_code": ["2511"], "target_code": ["15-1211"], "crosswalk_weight": [1.0]})


@pytest.mark.parametrize(("frame", "message"), [
    (pd.DataFrame({"c": ["2511"]}), r"^scores, column 'v': missing column\(s\) \['v'\]$"),
    (pd.DataFrame({"c": ["2511"], "v": ["x"]}), r"^scores, row 1, column 'v': not a number: 'x'$"),
    (pd.DataFrame({"c": ["9999"], "v": [0.1]}),
     r"^scores, column 'c': none of the 1 codes matches the crosswalk \(e\.g\. '9999'\)$"),
], ids=["missing-column", "not-a-number", "none-matches"])
def test_apply_links_names_the_scores_in_every_error(frame, message):
    with pytest.raises(DataFormatError, match=message):
        apply_links(frame, LINK, code="c", values=["v"])
    with pytest.raises(DataFormatError, match=message.replace("^scores", r"^s\.csv")):  # the path given
        apply_links(frame, LINK, code="c", values=["v"], path="s.csv")


def test_to_isco_names_the_scores():
    links = pd.DataFrame({"source_code": ["15-1252"], "target_code": ["2512"], "crosswalk_weight": [1.0]})
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 1, column 'beta': not a number: 'x'$"):
        ilo.to_isco(pd.DataFrame({"soc_code": ["15-1252"], "beta": ["x"]}), links=links, values=["beta"])
    with pytest.raises(DataFormatError, match=r"^soc_scores, column 'soc_code': none of the 1 codes matches"):
        ilo.to_isco(pd.DataFrame({"soc_code": ["15-1299"], "beta": [0.3]}), links=links)
    out = ilo.to_isco(pd.DataFrame({"soc_code": ["15-1252"], "beta": [0.3]}), links=links)
    assert out["isco08_code"].tolist() == ["2512"] and out["beta"].tolist() == [0.3]


# ---------------------------------------------------------------------------------------
# 2. the .xls and UTF-16 advice of the CSV and workbook readers
# ---------------------------------------------------------------------------------------

XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
XLS_SAID = "file is an old binary Excel .xls workbook (or another OLE file)"
APPLICABILITY = "SOC Code,title,ai_applicability_score\n11-1011,Chief Executives,0.15\n"


@pytest.mark.parametrize("read", [microsoft.read_applicability, webb.read_webb, _common.read_csv],
                         ids=["microsoft", "webb", "read_csv"])
def test_csv_readers_tell_an_xls_file_to_be_saved_as_csv(tmp_path, read):
    path = tmp_path / "scores.xls"
    path.write_bytes(XLS)
    with pytest.raises(DataFormatError) as info:
        read(path)
    assert str(info.value) == f"{path}: {XLS_SAID}: save it as CSV ('CSV UTF-8')"
    # following the advice works
    path = tmp_path / "scores.csv"
    path.write_text(APPLICABILITY, encoding="utf-8")
    assert microsoft.read_applicability(path)["soc_code"].tolist() == ["11-1011"]


@pytest.mark.parametrize("read", [felten.read_felten_occupations, ilo.read_ilo], ids=["felten", "ilo"])
def test_workbook_readers_tell_an_xls_file_to_be_saved_as_xlsx(tmp_path, read):
    path = tmp_path / "AIOE_DataAppendix.xls"
    path.write_bytes(XLS)
    with pytest.raises(DataFormatError) as info:
        read(path)
    assert str(info.value) == f"{path}: {XLS_SAID}: save it as .xlsx"
    if read is felten.read_felten_occupations:  # following the advice works
        path = tmp_path / "AIOE_DataAppendix.xlsx"
        pd.DataFrame({"SOC Code": ["11-1011"], "Occupation Title": ["Chief Executives"], "AIOE": [1.3]}).to_excel(
            path, sheet_name="Appendix A", index=False)
        assert read(path)["aioe"].tolist() == [1.3]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_workbook_readers_tell_utf16_text_to_be_a_workbook(tmp_path, encoding):
    path = tmp_path / "AIOE_DataAppendix.xlsx"
    path.write_bytes("SOC Code,Occupation Title,AIOE\n11-1011,Chief Executives,1.3\n".encode(encoding))
    with pytest.raises(DataFormatError) as info:
        felten.read_felten_occupations(path)
    assert str(info.value).endswith(": give the table as an .xlsx workbook")
    assert "CSV" not in str(info.value)


# ---------------------------------------------------------------------------------------
# 3. felten_to_soc warns of SOC 2010 codes without a link, once
# ---------------------------------------------------------------------------------------

FELTEN_LINKS = pd.DataFrame({"source_code": ["15-1132", "15-1133"], "target_code": ["15-1252", "15-1252"],
                             "crosswalk_weight": [1.0, 1.0]})


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_felten_to_soc_warns_of_a_code_without_link(caplog):
    scores = pd.DataFrame({"soc10_code": ["15-1132", "11-9999", "15-1133"], "title": ["a", "b", "c"],
                           "aioe": [1.0, 5.0, 2.0]})
    with caplog.at_level(logging.INFO):
        out = felten.felten_to_soc(scores, FELTEN_LINKS)
    assert out["aioe"].tolist() == [1.5] and out.attrs["unmatched"] == ["11-9999"]
    assert _warnings(caplog) == ["felten_to_soc: 1 of the 3 SOC 2010 codes have no SOC 2018 link and are left "
                                 "out of the result (attrs['unmatched']): '11-9999'"]
    assert [r.name for r in caplog.records if r.levelno >= logging.WARNING] == ["exposure.measures.felten"]
    caplog.clear()  # every code linked: nothing said
    felten.felten_to_soc(scores[scores["soc10_code"] != "11-9999"], FELTEN_LINKS)
    assert _warnings(caplog) == []


# ---------------------------------------------------------------------------------------
# 4. compare and coverage read OEWS's capitals (TOT_EMP, SOC_CODE)
# ---------------------------------------------------------------------------------------

CODES = ["11-1011", "15-1252", "43-9021"]
EMP = pd.DataFrame({"soc_code": CODES, "tot_emp": [100.0, 50.0, 20.0]})


@pytest.mark.parametrize("columns", [{"tot_emp": "TOT_EMP"}, {"soc_code": "SOC_CODE", "tot_emp": "TOT_EMP"},
                                     {"soc_code": "Soc_Code"}], ids=["TOT_EMP", "both", "Soc_Code"])
def test_coverage_reads_employment_in_capitals(columns):
    measure = pd.DataFrame({"soc_code": CODES[:2], "value": [0.1, 0.2]})
    employment = EMP.rename(columns=columns)
    got = compare.coverage(measure, employment)
    assert got == compare.coverage(measure, EMP)
    assert (got["emp_covered"], got["emp_share"]) == (150.0, 150.0 / 170.0)
    assert list(employment.columns) == [columns.get(c, c) for c in EMP.columns]  # not renamed


def test_compare_reads_employment_in_capitals():
    loaded = {"a": pd.DataFrame({"soc_code": CODES, "a": [0.1, 0.2, 0.5]}),
              "b": pd.DataFrame({"soc_code": CODES, "b": [0.3, 0.2, 0.1]})}
    employment = EMP.rename(columns={"soc_code": "SOC_CODE", "tot_emp": "TOT_EMP"})
    got = compare.compare(measures=[], employment=employment, loaded=loaded)
    want = compare.compare(measures=[], employment=EMP, loaded=loaded)
    pd.testing.assert_frame_equal(got.table, want.table)
    assert got.table["tot_emp"].tolist() == [100.0, 50.0, 20.0]
    assert list(employment.columns) == ["SOC_CODE", "TOT_EMP"]


def test_employment_column_given_twice_in_two_cases_is_refused():
    employment = EMP.assign(TOT_EMP=[1.0, 2.0, 3.0])
    with pytest.raises(DataFormatError, match=r"^employment, column 'tot_emp': given more than once "
                                              r"\(columns 2 and 3, written 'tot_emp' and 'TOT_EMP'\): keep one$"):
        compare.coverage(pd.DataFrame({"soc_code": CODES, "value": [0.1, 0.2, 0.3]}), employment)


def test_employment_without_employment_is_still_refused():
    with pytest.raises(DataFormatError, match=r"^employment, column 'tot_emp': missing column\(s\) \['tot_emp'\]"):
        compare.coverage(pd.DataFrame({"soc_code": CODES, "value": [0.1, 0.2, 0.3]}), EMP[["soc_code"]])


# ---------------------------------------------------------------------------------------
# 5. load("measures"): only an empty cell is missing; titles are text
# ---------------------------------------------------------------------------------------


def _measures_dir(tmp_path, text: str):
    (tmp_path / "reports").mkdir()
    path = tmp_path / "reports" / "measures_table.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("cell", "column"), [("#N/A", "beta"), ("NULL", "beta"), ("NA", "felten_aioe"),
                                               ("n/a", "tot_emp")])
def test_measures_table_missing_tokens_are_refused(tmp_path, cell, column):
    row = {"tot_emp": "100", "felten_aioe": "1.2", "beta": "0.5", column: cell}
    path = _measures_dir(tmp_path, "soc_code,tot_emp,felten_aioe,beta\n"
                                   f"11-1011,{row['tot_emp']},{row['felten_aioe']},{row['beta']}\n"
                                   "11-1021,200,0.3,0.4\n")
    with pytest.raises(DataFormatError) as info:
        exposure.load("measures", directory=tmp_path)
    # round 73: R's NA is named as R's mark of a missing value, with what to write instead
    r_na = (": NA is R's mark of a missing value, which write.csv() writes; an empty cell only is missing here: "
            'write the table again with write.csv(..., na = "")') if cell == "NA" else ""
    # round 77: a spreadsheet's error value is said to be one (exposure._tables.number_hint)
    failed = (": a spreadsheet's error value (a formula that failed in the spreadsheet): correct the formula there, "
              "or leave the cell empty") if cell == "#N/A" else ""
    assert str(info.value) == f"{path}, row 2, column '{column}': not a number: '{cell}'{r_na}{failed}"


def test_measures_table_blank_titles_are_text(tmp_path):
    _measures_dir(tmp_path, "soc_code,soc_title,tot_emp,felten_aioe,beta\n11-1011,,100,,0.5\n11-1021,,,0.3,\n")
    frame = exposure.load("measures", directory=tmp_path)
    assert pd.api.types.is_string_dtype(frame["soc_title"])  # float64 before: .str failed on it
    assert frame["soc_title"].str.len().isna().tolist() == [True, True]
    # an empty cell is still missing
    assert frame.isna().sum().to_dict() == {"soc_code": 0, "soc_title": 2, "tot_emp": 1, "felten_aioe": 1, "beta": 1}


# ---------------------------------------------------------------------------------------
# 6. load("measures"): the advice for a workbook or a file separated otherwise
# ---------------------------------------------------------------------------------------

COMMA = "the file is read comma-separated, as published: save it as 'CSV UTF-8 (comma delimited)'"


def _workbook_bytes() -> bytes:
    buffer = io.BytesIO()
    pd.DataFrame({"soc_code": ["11-1011"], "beta": [0.5]}).to_excel(buffer, index=False)
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "said"), [
    (XLS, f": {XLS_SAID}: save it as CSV ('CSV UTF-8')"),
    (None, ": file is a zip archive (an .xlsx workbook?), not delimited text: save it as CSV ('CSV UTF-8')"),
    (b"soc_code\ttot_emp\tbeta\n11-1011\t100\t0.5\n",
     f", row 1: the header holds tabs and no ',': the file looks tab-separated; {COMMA}"),
    (b"soc_code;tot_emp;beta\n11-1011;100;0,5\n",
     ", row 1: the header holds ';' and no ',': the file looks semicolon-separated (Excel's CSV in some European "
     "settings); the file is read comma-separated, as published: open it in LibreOffice (separated by ';') and "
     "Save As 'Text CSV' with the character set 'Unicode (UTF-8)' and the field delimiter ',' (Excel writes ';' "
     "in its CSV where the list separator is ';', in 'CSV UTF-8 (comma delimited)' too)"),  # (round 73: {COMMA})
], ids=["xls", "xlsx", "tab", "semicolon"])
def test_measures_table_advice_is_to_save_it_as_csv(tmp_path, data, said):
    path = _measures_dir(tmp_path, "")
    path.write_bytes(_workbook_bytes() if data is None else data)
    with pytest.raises(DataFormatError) as info:
        exposure.load("measures", directory=tmp_path)
    assert str(info.value) == f"{path}{said}"
    # following the advice works
    path.write_text("soc_code,tot_emp,beta\n11-1011,100,0.5\n", encoding="utf-8")
    assert exposure.load("measures", directory=tmp_path)["beta"].tolist() == [0.5]


# ---------------------------------------------------------------------------------------
# 7. load("measures"): lines of commas only ending the file (Excel's cleared rows)
# ---------------------------------------------------------------------------------------


def test_measures_table_empty_records_ending_the_file_are_ignored(tmp_path):
    text = "soc_code,tot_emp,beta\r\n11-1011,100,0.5\r\n11-1021,200,0.4\r\n"
    path = _measures_dir(tmp_path, text + ",,\r\n,,\r\n")
    frame = exposure.load("measures", directory=tmp_path)
    assert frame["soc_code"].tolist() == ["11-1011", "11-1021"] and frame["tot_emp"].tolist() == [100.0, 200.0]
    path.write_text("soc_code,tot_emp,beta\n11-1011,100,0.5\n,,\n11-1021,200,0.4\n", encoding="utf-8")
    # between rows: refused as an empty line, as the measure readers refuse it (round 73: "soc_code missing")
    with pytest.raises(DataFormatError, match=r", row 3: empty line \(remove it: only the empty lines ending the "
                                              r"file are ignored\)$"):
        exposure.load("measures", directory=tmp_path)
