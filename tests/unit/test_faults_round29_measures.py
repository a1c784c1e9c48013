"""Round 29: the published measures' readers (Felten, ILO) and their crosswalk links.

1. A Felten workbook whose score cell holds a formula never computed (a workbook written by
   a program): read as empty, refused in pandera's words ("FeltenOccupationScores validation
   failed ... check not_nullable: nan"); an error cell (``#N/A``) the same. A last row of
   such formulas was dropped as a blank row: an occupation lost without a word. The
   ``pd.read_excel`` readers skipped the shared readers' check (round 28). Refused now,
   naming the cell's row and the sheet's column and saying what to do.
2. The ILO workbook with a formula never computed (``missing ISCO-08 unit group code``) or
   an error cell ``#DIV/0!`` (``missing value``): the wrong reason. Refused now as such.
3. An ILO cell of text ``NA`` or ``None`` (pandas' default missing tokens): "missing value".
   Read as the text now.
4. ``read_ilo(path, sheet=None)`` or ``sheet=[0]``: an AttributeError (pandas returned a
   dict of sheets). Refused, saying what ``sheet`` takes.
5. A Felten industry sheet with a malformed or missing NAICS code (``113310``, ``''``), or
   one code and title given twice: pandera's words under the library's column ``naics``
   (``check str_matches('^[0-9]{4}(A[0-9])?\\Z')``, ``check multiple_fields_uniqueness:
   '(the row)'``). Refused in plain words, naming the sheet's column ``NAICS``.
6. A Felten industry sheet whose title column is ``Industry title`` (another case): refused
   as a missing ``NAICS Description``. Read now, as the other columns are.
7. A Felten sheet with a blank row above a repeated SOC code: the message named the rows
   by position ("appears twice (rows 2 and 4)" for sheet rows 2 and 5). Sheet rows now.
8. ``to_isco(..., counts="tot_emp")`` (a name for a list): its letters, none a column, so
   employment was left out of the result without a word; ``values="beta"`` was "missing
   column(s) ['b', 'e', 't', 'a']"; ``links="x.csv"`` a TypeError. Refused, saying so.
9. ``compose_links`` (public) with a path, a link table without ``crosswalk_weight`` or a
   weight of text: AttributeError, KeyError, TypeError; a negative weight or a link given
   twice was carried into the chain (a weight of -1, of 2). Refused, naming the table, row
   and column, as ``apply_links`` refuses them.
10. ``links_from_pairs`` with codes as numbers of a column with a blank cell (``110.0``):
    the code ``'110.0'``, which matched no score. Read as ``110``; decimals refused.

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import numpy as np
import openpyxl
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.measures import felten, ilo
from exposure.measures._crosswalk import compose_links, links_from_pairs

LM = ["SOC Code", "Occupation Title", "Language Modeling AIOE"]
ILO = ["ISCO_08", "Title", "taskID", "mean_score_2025", "SD_2025", "mean_score_2023", "SD_2023", "potential25",
       "potential23"]
UNSAVED = "and no saved value"
ERROR = r"holds an error value \(#N/A, #DIV/0! or another"


def _book(path, title, rows, errors=()):
    """An .xlsx of ``rows`` on sheet ``title``; ``errors`` are cells (``C3``) made error cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for ref in errors:
        ws[ref].data_type = "e"
    wb.save(path)
    return path


def _ilo_row(task=1, code="2512", **changes):
    row = dict(zip(ILO, [code, "Software developers", task, 0.5, 0.1, 0.4, 0.1, "Exposed: Gradient 3",
                         "Automation Potential"]))
    row.update(changes)
    return list(row.values())


# 1. Felten: formulas never computed and error cells


def test_felten_score_formula_never_computed_is_refused(tmp_path):
    p = _book(tmp_path / "lm.xlsx", "LM AIOE", [LM, ["11-1011", "Chief Executives", 1.3],
                                                 ["11-1021", "Managers", "=C2*2"]])
    with pytest.raises(DataFormatError, match=r"lm\.xlsx, row 3, column 'Language Modeling AIOE': the cell "
                       rf"holds the formula =C2\*2 {UNSAVED}") as err:
        felten.read_felten_occupations(p, "lm")
    assert "not_nullable" not in str(err.value)


def test_felten_error_cell_is_refused(tmp_path):
    p = _book(tmp_path / "lm.xlsx", "LM AIOE", [LM, ["11-1011", "Chief Executives", 1.3],
                                                 ["11-1021", "Managers", "#N/A"]], errors=["C3"])
    with pytest.raises(DataFormatError, match=rf"row 3, column 'Language Modeling AIOE': the cell {ERROR}"):
        felten.read_felten_occupations(p, "lm")


def test_felten_last_row_of_formulas_is_not_dropped(tmp_path):
    p = _book(tmp_path / "lm.xlsx", "LM AIOE", [LM, ["11-1011", "Chief Executives", 1.3], ["=A2", "=B2", "=C2"]])
    with pytest.raises(DataFormatError, match=rf"row 3, column 'SOC Code': the cell holds the formula =A2 {UNSAVED}"):
        felten.read_felten_occupations(p, "lm")


def test_felten_industry_error_cell_is_refused(tmp_path):
    rows = [["NAICS", "NAICS Description", "Image Generation AIIE"], ["113300", "Logging", "#DIV/0!"]]
    p = _book(tmp_path / "ig.xlsx", "IG AIIE", rows, errors=["C2"])
    with pytest.raises(DataFormatError, match=rf"row 2, column 'Image Generation AIIE': the cell {ERROR}"):
        felten.read_felten_industries(p, "ig")


# 2. ILO: formulas never computed and error cells


def test_ilo_formula_never_computed_is_refused(tmp_path):
    p = _book(tmp_path / "ilo.xlsx", "Sheet1", [ILO, _ilo_row(1), _ilo_row(2, mean_score_2025="=D2")])
    with pytest.raises(DataFormatError, match=rf"ilo\.xlsx, row 3, column 'mean_score_2025': the cell holds the "
                       rf"formula =D2 {UNSAVED}"):
        ilo.read_ilo(p)


def test_ilo_error_cell_is_refused(tmp_path):
    p = _book(tmp_path / "ilo.xlsx", "Sheet1", [ILO, _ilo_row(1), _ilo_row(2, SD_2025="#DIV/0!")], errors=["E3"])
    with pytest.raises(DataFormatError, match=rf"row 3, column 'SD_2025': the cell {ERROR}"):
        ilo.read_ilo(p)


def test_ilo_error_cell_in_a_column_not_read_is_ignored(tmp_path):
    rows = [[*ILO, "note"], [*_ilo_row(1), "#N/A"]]
    p = _book(tmp_path / "ilo.xlsx", "Sheet1", rows, errors=["J2"])
    assert ilo.read_ilo(p)["isco08_code"].tolist() == ["2512"]


# 3. ILO: text read as missing


def test_ilo_text_none_is_read_as_text(tmp_path):
    p = _book(tmp_path / "ilo.xlsx", "Sheet1", [ILO, _ilo_row(1, potential23="None")])
    assert ilo.read_ilo(p)["potential_2023"].tolist() == ["None"]


def test_ilo_empty_cell_is_still_missing(tmp_path):
    p = _book(tmp_path / "ilo.xlsx", "Sheet1", [ILO, _ilo_row(1, SD_2023=None)])
    with pytest.raises(DataFormatError, match=r"row 2, column 'SD_2023': missing value"):
        ilo.read_ilo(p)


# 4. ILO: sheet that is neither a name nor a position


@pytest.mark.parametrize("sheet", [None, [0], True, 1.0])
def test_ilo_sheet_of_another_kind_is_refused(tmp_path, sheet):
    p = _book(tmp_path / "ilo.xlsx", "Sheet1", [ILO, _ilo_row(1)])
    with pytest.raises(DataFormatError, match=r"sheet must be a sheet name \(str\) or a 0-based position \(int\)"):
        ilo.read_ilo(p, sheet=sheet)


def test_ilo_sheet_as_numpy_integer_is_read(tmp_path):
    p = _book(tmp_path / "ilo.xlsx", "Sheet1", [ILO, _ilo_row(1)])
    assert len(ilo.read_ilo(p, sheet=np.int64(0))) == 1


# 5. and 6. Felten industries: codes, repeats, the title column


def _industries(tmp_path, rows, title="NAICS Description"):
    return _book(tmp_path / "lm.xlsx", "LM AIIE", [["NAICS", title, "Language Modeling AIIE"], *rows])


@pytest.mark.parametrize(("code", "said"), [("113310", "not a NAICS industry code (like 1133, 113300 or 3250A1): "
                                                       "'113310'"),
                                             ("", "missing NAICS industry code")])
def test_felten_bad_naics_code_is_refused_in_the_sheets_words(tmp_path, code, said):
    p = _industries(tmp_path, [["1133", "Logging", 0.5], [code, "Sawmills", 1.0]])
    with pytest.raises(DataFormatError, match=r"row 3, column 'NAICS': " + said.replace("(", r"\(").replace(")", r"\)")) as err:
        felten.read_felten_industries(p, "lm")
    assert "str_matches" not in str(err.value)


def test_felten_industry_given_twice_is_refused_naming_both_rows(tmp_path):
    p = _industries(tmp_path, [["113300", "Logging", 0.5], ["1133", "Logging", 1.0]])
    with pytest.raises(DataFormatError, match=r"row 3, column 'NAICS': industry 1133 'Logging' appears twice "
                       r"\(rows 2 and 3\)"):
        felten.read_felten_industries(p, "lm")


def test_felten_industry_code_under_two_titles_is_read(tmp_path):
    p = _industries(tmp_path, [["1133", "Logging", 0.5], ["1133", "Sawmills", 1.0], ["3250A1", "Chemicals", 0.1]])
    assert felten.read_felten_industries(p, "lm")["naics"].tolist() == ["1133", "1133", "3250A1"]


def test_felten_industry_title_in_another_case_is_read(tmp_path):
    p = _book(tmp_path / "a.xlsx", "Appendix B", [["NAICS", "Industry title", "AIIE"], ["1133", "Logging", 0.5]])
    assert felten.read_felten_industries(p)["title"].tolist() == ["Logging"]


# 7. Felten: rows of a message after a blank row


def test_felten_repeat_after_a_blank_row_names_the_sheet_rows(tmp_path):
    rows = [LM, ["11-1011", "CEO", 1.0], [None] * 3, ["11-1021", "GM", 2.0], ["11-1011", "CEO", 3.0]]
    p = _book(tmp_path / "lm.xlsx", "LM AIOE", rows)
    with pytest.raises(DataFormatError, match=r"row 5, column 'SOC Code': SOC 2010 code '11-1011' appears twice "
                       r"\(rows 2 and 5\)"):
        felten.read_felten_occupations(p, "lm")


# 8. to_isco arguments

SOC = pd.DataFrame({"soc_code": ["15-1252", "15-1253"], "beta": [0.6, 0.4], "tot_emp": [100.0, 50.0]})
TO_ISCO = pd.DataFrame({"source_code": ["15-1252", "15-1253"], "target_code": ["2512", "2512"],
                        "crosswalk_weight": [1.0, 1.0]})


@pytest.mark.parametrize("arg", ["values", "counts"])
def test_to_isco_bare_column_name_is_refused(arg):
    with pytest.raises(DataFormatError, match=rf"{arg} must be a list of column names, not '\w+' "
                       r"\(write \['\w+'\]\)"):
        ilo.to_isco(SOC, links=TO_ISCO, **{arg: "tot_emp" if arg == "counts" else "beta"})


def test_to_isco_counts_as_list_split_employment():
    out = ilo.to_isco(SOC, links=TO_ISCO, counts=["tot_emp"])
    assert out["tot_emp"].tolist() == [150.0]


def test_to_isco_links_as_path_is_refused():
    with pytest.raises(DataFormatError, match=r"links must be a pandas DataFrame, got str 'x\.csv'"):
        ilo.to_isco(SOC, links="x.csv")


# 9. compose_links checks its tables

LINK = pd.DataFrame({"source_code": ["a"], "target_code": ["m"], "crosswalk_weight": [1.0]})
ON = LINK.assign(source_code="m", target_code="t")


@pytest.mark.parametrize(("first", "second", "said"), [
    ("x.csv", ON, r"first must be a pandas DataFrame, got str 'x\.csv'"),
    (LINK, ON.drop(columns="crosswalk_weight"), r"second lacks column\(s\) \['crosswalk_weight'\]"),
    (LINK, ON.assign(crosswalk_weight=["x"]), r"second, row 1, column 'crosswalk_weight': not a number: 'x'"),
    (LINK, ON.assign(crosswalk_weight=[-1.0]), r"second, row 1, column 'crosswalk_weight': crosswalk_weight must "
                                               r"be a number of 0 or more, got -1\.0"),
    (pd.concat([LINK, LINK]), ON, r"first, row 2, column 'target_code': the link 'a' -> 'm' is given twice"),
])
def test_compose_links_refuses_bad_tables(first, second, said):
    with pytest.raises(DataFormatError, match=said):
        compose_links(first, second)


def test_compose_links_still_chains():
    assert compose_links(LINK, ON).to_dict("records") == [{"source_code": "a", "target_code": "t",
                                                           "crosswalk_weight": 1.0}]


# 10. links_from_pairs with codes as numbers


def test_links_from_pairs_reads_whole_numbers_as_codes():
    pairs = pd.DataFrame({"isco": [110.0, np.nan, 1112.0], "soc": ["55-1011", "x", "11-1011"]})
    assert links_from_pairs(pairs, "isco", "soc")["source_code"].tolist() == ["110", "1112"]


def test_links_from_pairs_refuses_a_code_with_decimals():
    pairs = pd.DataFrame({"isco": [110.0, 1112.5], "soc": ["55-1011", "11-1011"]})
    with pytest.raises(DataFormatError, match=r"crosswalk, row 2, column 'isco': not a code: 1112\.5"):
        links_from_pairs(pairs, "isco", "soc")
