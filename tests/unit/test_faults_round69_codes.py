"""Fault round 69, codes: O*NET-SOC codes written other ways, in O*NET's files, the crosswalks and frames.

1. An ``O*NET-SOC Code`` of O*NET's own files (``Occupation Data``, ``Task Statements``,
   ``Task Ratings``, ``Tasks to DWAs``, ``Job Zones``, ``Emerging Tasks``, read by
   :mod:`exposure.onet`) written with an en dash (``11–1011.00``, pasted from a document),
   without its suffix (``11-1011``), saved as a number (``111011``), starting with a
   spreadsheet's apostrophe, or blank, was refused in pandera's words only: ``onetsoc_code
   must match the pattern ^[0-9]{2}-[0-9]{4}\\.[0-9]{2}\\Z, got text '11–1011.00' (check
   str_matches)`` (``got text ''`` for a blank cell), which does not say that the dash is
   not the hyphen. Now the message says what the cell may be, as the crosswalk readers
   say it: ``O*NET-SOC Code must be an O*NET-SOC code (like 11-1011.00), got
   '11–1011.00': '–' (U+2013, a dash that is not the hyphen '-'; pasted from a
   document?): write '11-1011.00'``; ``got '11-1011': a SOC code? an O*NET-SOC code has a
   two-digit suffix: write '11-1011.00' (the SOC occupation itself) or the O*NET-SOC code
   meant``; ``O*NET-SOC Code is blank: give an O*NET-SOC code (like 11-1011.00)``.
   (``code_hint`` moved down to ``exposure.schemas._fields``; ``exposure.crosswalks``
   still gives it.)
2. The crosswalk readers refused a SOC code in a column of O*NET-SOC 2019 codes
   (``read_onet_to_soc``'s ``O*NET-SOC 2019 Code``, ``read_census_crosswalk``'s ``Code``)
   and an O*NET-SOC code in a column of SOC 2018 codes (``2018 SOC Code`` of
   ``read_onet_to_soc`` and ``read_soc_2010_to_2018``) saying only what the column holds
   (``Code must be an O*NET-SOC 2019 code (like 11-1011.00), got '11-1011'``). Now the
   message says it is a code of the other kind and what to write (``... got '11-1011.00':
   an O*NET-SOC code? a SOC code has no suffix: write '11-1011'``). The O*NET-SOC 2010
   column gets no ``.00`` advice: its SOC code ``19-1020`` has no ``.00`` code.
3. A frame's ``onetsoc_code`` (task scores given to ``to_occupations``,
   ``check_task_scores`` and ``exposure rollup``; a crosswalk given to
   ``onet_to_soc_map``) written with an en dash or a minus sign was refused as ``not an
   O*NET-SOC code (like 11-1011.00): '11–1011.00'``: the code shown looks like the one
   asked for. Now :func:`~exposure.schemas._fields.first_bad_onetsoc_code` ends the
   message with the hint of item 1 (``: '–' (U+2013, a dash that is not the hyphen '-';
   pasted from a document?): write '11-1011.00'``); so does a code a spreadsheet read as a
   date or saved as a number.
4. The advice of a code with a dash that is not the hyphen was to write it with the
   hyphen even when that is still no code of the column: ``soc10`` ``'11–1011.00'`` (an
   O*NET-SOC code in the SOC 2010 column) was to be written ``'11-1011.00'``, a
   ``cps_code`` ``'–0010'`` written ``'-0010'``, ``2018 SOC Code`` ``'11–1011.00'``
   written ``'11-1011.00'``: each refused again once the advice was followed. Now the
   dash is named and the code to write is given only when it is one of the column.
5. A crosswalk CSV opened in a spreadsheet and saved again, whose SOC code ``11-2011`` was
   saved as the date the spreadsheet read (``Nov-11``, ``11/1/2011``), was refused as
   ``2018 SOC Code must be a SOC 2018 code (like 11-1011), got 'Nov-11'``, without a word
   of why (``exposure.oews`` says it of ``OCC_CODE``). Now the message ends ``: a date? a
   spreadsheet read a code 11-XXXX as November of a year and saved it so, which no longer
   tells the code; take the codes from the source again, and open a CSV in a spreadsheet
   with that column as text``.
"""

from __future__ import annotations

import re

import openpyxl
import pandas as pd
import pytest
from _cli import _no_env, rollup_args  # noqa: F401 (_no_env: autouse fixture)
from test_faults_cli import cli, one_error_line

from exposure import crosswalks, onet
from exposure.errors import DataFormatError, SchemaError
from exposure.rollup import to_occupations
from exposure.rollup._occupations import check_task_scores

EN = "\u2013"
DASH_SAID = "'\u2013' (U+2013, a dash that is not the hyphen '-'; pasted from a document?)"
SOC_SAID = ("a SOC code? an O*NET-SOC code has a two-digit suffix: write '11-1011.00' (the SOC occupation "
            "itself) or the O*NET-SOC code meant")

# --- 1. O*NET's own files --------------------------------------------------------------------

#: One O*NET file per reader: (name, header, a good row after the code, reader).
ONET_FILES = {
    "occupations": ("Occupation Data.txt", "O*NET-SOC Code\tTitle\tDescription", "\tChief Executives\tPlan.",
                    onet.read_occupations),
    "tasks": ("Task Statements.txt", "O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\t"
              "Domain Source", "\t{id}\tConfer.\tCore\t95\t08/2023\tIncumbent", onet.read_tasks),
    "task_ratings": ("Task Ratings.txt", "O*NET-SOC Code\tTask ID\tScale ID\tCategory\tData Value\tN\t"
                     "Standard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tDate\tDomain Source",
                     "\t{id}\tIM\tn/a\t4.5\t20\t0.1\t4.3\t4.7\tN\t08/2023\tIncumbent", onet.read_task_ratings),
    "task_dwas": ("Tasks to DWAs.txt", "O*NET-SOC Code\tTask ID\tDWA ID\tDate\tDomain Source",
                  "\t{id}\t4.A.4.b.4.I09.D02\t03/2014\tAnalyst", onet.read_task_dwas),
    "job_zones": ("Job Zones.txt", "O*NET-SOC Code\tJob Zone\tDate\tDomain Source", "\t5\t08/2023\tAnalyst",
                  onet.read_job_zones),
    "emerging_tasks": ("Emerging Tasks.txt", "O*NET-SOC Code\tTask\tCategory\tOriginal Task ID\tOriginal Task\t"
                       "Date\tDomain Source", "\tReview payroll {id}.\tNew\tn/a\tn/a\t08/2024\tIncumbent",
                       onet.read_emerging_tasks),
}


def _onet_file(tmp_path, kind: str, code: str):
    name, header, rest, reader = ONET_FILES[kind]
    path = tmp_path / name
    lines = [header, "11-1011.03" + rest.format(id=1), code + rest.format(id=2)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path, reader


@pytest.mark.parametrize("kind", list(ONET_FILES))
def test_1_onet_file_code_with_an_en_dash_is_said_to_hold_one(tmp_path, kind):
    path, reader = _onet_file(tmp_path, kind, f"11{EN}1011.00")
    with pytest.raises(SchemaError) as info:
        reader(path)
    assert str(info.value) == (f"{path}, row 3, column 'O*NET-SOC Code': O*NET-SOC Code must be an O*NET-SOC "
                               f"code (like 11-1011.00), got '11{EN}1011.00': {DASH_SAID}: write '11-1011.00'")
    assert (info.value.row, info.value.column) == (3, "O*NET-SOC Code")
    path, reader = _onet_file(tmp_path, kind, "11-1011.00")  # written right: read as before
    assert reader(path)["onetsoc_code"].tolist() == ["11-1011.03", "11-1011.00"]


@pytest.mark.parametrize("kind", list(ONET_FILES))
def test_1_onet_file_code_without_its_suffix_is_said_to_be_a_soc_code(tmp_path, kind):
    path, reader = _onet_file(tmp_path, kind, "11-1011")
    with pytest.raises(SchemaError, match=re.escape(f"got '11-1011': {SOC_SAID}") + "$"):
        reader(path)


@pytest.mark.parametrize("code, said", [
    ("111011", "got '111011': a code saved as a number? write it as text with its hyphen and suffix: '11-1011.00' "
               "(the SOC occupation itself) or the O*NET-SOC code meant"),
    ("'11-1011.00", "got \"'11-1011.00\": a leading apostrophe (a spreadsheet's mark for text)? remove it"),
    ("11\u22121011.00", "got '11\u22121011.00': '\u2212' (U+2212, a dash that is not the hyphen '-'; pasted "
                        "from a document?): write '11-1011.00'"),
    ("", "O*NET-SOC Code is blank: give an O*NET-SOC code (like 11-1011.00)"),
])
def test_1_onet_file_code_written_otherwise_is_said_what_it_may_be(tmp_path, code, said):
    path, reader = _onet_file(tmp_path, "tasks", code)
    with pytest.raises(SchemaError, match=re.escape(said) + "$") as info:
        reader(path)
    assert "check str_matches" not in str(info.value)
    assert (info.value.row, info.value.column) == (3, "O*NET-SOC Code")


def test_1_onet_workbook_code_with_an_en_dash_is_said_to_hold_one(tmp_path):
    path = tmp_path / "Job Zones.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["O*NET-SOC Code", "Title", "Job Zone", "Date", "Domain Source"],
                [f"11{EN}1011.00", "Chief Executives", 5, "08/2023", "Analyst"]):
        ws.append(row)
    wb.save(path)
    with pytest.raises(SchemaError, match=re.escape(f"{DASH_SAID}: write '11-1011.00'") + "$"):
        onet.read_job_zones(path)
    assert crosswalks.code_hint(f"11{EN}1011") == f": {DASH_SAID}: write '11-1011'"  # still given there


# --- 2. a code of the other kind in a crosswalk ------------------------------------------------

ONET_TO_SOC = "O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,2018 SOC Code,2018 SOC Title\n"
SOC_2010 = "O*NET-SOC 2010 Code,O*NET-SOC 2010 Title,2018 SOC Code,2018 SOC Title\n"
CENSUS = "Job Zone,Occupation,Data-level,Code,cps_code\n"


@pytest.mark.parametrize("name, text, reader, column, said", [
    ("o2s.csv", ONET_TO_SOC + "11-1011,Chief Executives,11-1011,Chief Executives\n", crosswalks.read_onet_to_soc,
     "O*NET-SOC 2019 Code", f"got '11-1011': {SOC_SAID}"),
    ("o2s.csv", ONET_TO_SOC + "11-1011.03,Chief Sustainability Officers,11-1011.03,Chief Executives\n",
     crosswalks.read_onet_to_soc, "2018 SOC Code",
     "got '11-1011.03': an O*NET-SOC code? a SOC code has no suffix: write '11-1011'"),
    ("census.csv", CENSUS + "5,Chief Executives,Y,11-1011,0010\n", crosswalks.read_census_crosswalk, "Code",
     f"got '11-1011': {SOC_SAID}"),
])
def test_2_crosswalk_code_of_the_other_kind_is_said_to_be_one(tmp_path, name, text, reader, column, said):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError, match=re.escape(said) + "$") as info:
        reader(path)
    assert (info.value.row, info.value.column) == (2, column)


def test_2_soc_2010_crosswalk_names_an_onetsoc_code_as_its_soc_code_but_gives_2010_codes_no_suffix(tmp_path):
    path = tmp_path / "s2010.csv"
    path.write_text(SOC_2010 + "11-1011.00,Chief Executives,11-1011.00,Chief Executives\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=re.escape("got '11-1011.00': an O*NET-SOC code? a SOC code has no "
                                                    "suffix: write '11-1011'") + "$") as info:
        crosswalks.read_soc_2010_to_2018(path)
    assert (info.value.row, info.value.column) == (2, "2018 SOC Code")
    # the O*NET-SOC 2010 code 19-1020.01 has no 19-1020.00: no advice to add '.00'
    path.write_text(SOC_2010 + "19-1020,Biologists,19-1029,Biological Scientists\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"got '19-1020'$"):
        crosswalks.read_soc_2010_to_2018(path)


# --- 3. frames ---------------------------------------------------------------------------------

def _scores(fixtures, code: str) -> pd.DataFrame:
    frame = pd.read_csv(fixtures / "rollup" / "task_scores_tiny.csv", dtype={"onetsoc_code": str})
    frame.loc[1, "onetsoc_code"] = code
    return frame


@pytest.mark.parametrize("code, hint", [
    (f"11{EN}1011.00", f"{DASH_SAID}: write '11-1011.00'"),
    ("11\u22121011.00", "'\u2212' (U+2212, a dash that is not the hyphen '-'; pasted from a document?): "
                        "write '11-1011.00'"),
    # round 81: the advice gives a code the column accepts (it said to type '11-2011, refused again)
    ("2011-11-01 00:00:00", "a date? a spreadsheet read the code 11-2011 as one: a SOC code? an O*NET-SOC code "
                            "has a two-digit suffix: write '11-2011.00' (the SOC occupation itself) or the "
                            "O*NET-SOC code meant"),
])
def test_3_task_scores_code_written_otherwise_is_said_what_it_may_be(fixtures, code, hint):
    ts = _scores(fixtures, code)
    for call in (lambda: to_occupations(ts, weights="equal"), lambda: check_task_scores(ts)):
        with pytest.raises(DataFormatError) as info:
            call()
        assert str(info.value) == (f"task_scores, row 2, column 'onetsoc_code': not an O*NET-SOC code "
                                   f"(like 11-1011.00): {code!r}: {hint}")


def test_3_rollup_command_names_the_en_dash(fixtures, tmp_path, capsys):
    scores = tmp_path / "scores.csv"
    _scores(fixtures, f"11{EN}1011.00").to_csv(scores, index=False)
    code, _, err = cli(capsys, *rollup_args(fixtures, scores, tmp_path / "out"))
    line = one_error_line(err, command="rollup")
    assert code == 2
    assert line.endswith(f"{scores}, row 3, column 'onetsoc_code': not an O*NET-SOC code (like "
                         f"11-1011.00): '11{EN}1011.00': {DASH_SAID}: write '11-1011.00'"), line
    assert not (tmp_path / "out").exists()


def test_3_onet_to_soc_map_names_the_en_dash():
    cw = pd.DataFrame({"onetsoc_code": ["11-1011.00", f"11{EN}1011.03"], "soc_code": ["11-1011", "11-1011"]})
    with pytest.raises(DataFormatError) as info:
        crosswalks.onet_to_soc_map(cw)
    assert str(info.value) == (f"crosswalk, row 2, column 'onetsoc_code': not an O*NET-SOC code (like "
                               f"11-1011.00): '11{EN}1011.03': {DASH_SAID}: write '11-1011.03'")


# --- 4. the hyphen advised only when it gives a code of the column ----------------------------

@pytest.mark.parametrize("name, text, good, reader, said", [
    ("soc10_isco08.csv", f"soc10,isco08\n11{EN}1011.00,1112\n", f"soc10,isco08\n11{EN}1011,1112\n",
     crosswalks.read_soc10_isco08,
     f"soc10 must be a SOC 2010 code (like 11-1011 or 111011), got '11{EN}1011.00': {DASH_SAID}"),
    ("census.csv", CENSUS + f"5,Chief Executives,Y,11-1011.00,{EN}0010\n",
     CENSUS + f"5,Chief Executives,Y,11{EN}1011.00,0010\n", crosswalks.read_census_crosswalk,
     f"cps_code must be a four-digit Census 2018 OCC code (like '0010'), got '{EN}0010': {DASH_SAID}"),
    ("o2s.csv", ONET_TO_SOC + f"11-1011.00,Chief Executives,11{EN}1011.00,Chief Executives\n",
     ONET_TO_SOC + f"11-1011.00,Chief Executives,11{EN}1011,Chief Executives\n", crosswalks.read_onet_to_soc,
     # the SOC code of the O*NET-SOC code it is, since round 73 (code_hint)
     f"2018 SOC Code must be a SOC 2018 code (like 11-1011), got '11{EN}1011.00': {DASH_SAID}: an O*NET-SOC "
     "code? a SOC code has no suffix: write '11-1011'"),
])
def test_4_dash_advice_only_when_it_gives_a_code_of_the_column(tmp_path, name, text, good, reader, said):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFormatError, match=re.escape(said) + "$"):
        reader(path)
    path.write_text(good, encoding="utf-8")  # the hyphen gives a code of the column: advised as before
    with pytest.raises(DataFormatError, match=re.escape(f"{DASH_SAID}: write '11-1011") + r"(\.00)?'$"):
        reader(path)


# --- 5. a code Excel saved as the month it read ------------------------------------------------

MONTH_SAID = ("a date? a spreadsheet read a code 11-XXXX as November of a year and saved it so, which no longer "
              "tells the code; take the codes from the source again, and open a CSV in a spreadsheet with that "
              "column as text")


@pytest.mark.parametrize("name, text, reader, said", [
    ("o2s.csv", ONET_TO_SOC + "11-2011.00,Advertising and Promotions Managers,Nov-11,Advertising and "
     "Promotions Managers\n", crosswalks.read_onet_to_soc,
     f"2018 SOC Code must be a SOC 2018 code (like 11-1011), got 'Nov-11': {MONTH_SAID}"),
    ("o2s.csv", ONET_TO_SOC + "11-2011.00,Advertising and Promotions Managers,11/1/2011,Advertising and "
     "Promotions Managers\n", crosswalks.read_onet_to_soc,
     f"2018 SOC Code must be a SOC 2018 code (like 11-1011), got '11/1/2011': {MONTH_SAID}"),
    ("s2010.csv", SOC_2010 + "11-2011.00,Advertising and Promotions Managers,Nov-11,Advertising and "
     "Promotions Managers\n", crosswalks.read_soc_2010_to_2018,
     f"2018 SOC Code must be a SOC 2018 code (like 11-1011), got 'Nov-11': {MONTH_SAID}"),
])
def test_5_crosswalk_code_saved_as_a_month_is_said_to_be_one(tmp_path, name, text, reader, said):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError, match=re.escape(said) + "$") as info:
        reader(path)
    assert (info.value.row, info.value.column) == (2, "2018 SOC Code")


def test_5_soc_structure_code_saved_as_a_month_is_said_to_be_one(tmp_path):
    path = tmp_path / "soc_structure.csv"
    path.write_text("Major Group,Minor Group,Broad Occupation,Detailed Occupation,SOC or O*NET-SOC 2019 Title\n"
                    "11-0000,,,,Management Occupations\n,11-2000,,,Advertising Managers\n"
                    ",,11-2010,,Advertising Managers\n,,,Nov-11,Advertising Managers\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=re.escape(f"got 'Nov-11': {MONTH_SAID}") + "$") as info:
        crosswalks.read_soc_structure(path)
    assert (info.value.row, info.value.column) == (5, "Detailed Occupation")
