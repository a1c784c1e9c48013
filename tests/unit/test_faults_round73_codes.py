"""Faults of round 73 in the schemas' code checks and the crosswalks (each test failed before its fix).

1. An O*NET-SOC code (``11-1011.00``) in a column of SOC codes (``exposure compare
   --ours``, the measures table, ``to_isco``, ``task_employment``, every check of
   :func:`~exposure.schemas._fields.first_bad_soc_code`) was refused as ``soc_code not a
   SOC code (like 11-1011): '11-1011.00'``, without the code to write that its O*NET-SOC
   twin and the measures readers give. Now the one SOC check says it: ``...:
   '11-1011.00': an O*NET-SOC code? a SOC code has no suffix: write '11-1011'``.
2. A SOC code saved as a number (``111011``: a table from Stata or R, IPUMS' ``OCCSOC``
   codes, a spreadsheet) in a column of SOC codes was told ``: a number? a spreadsheet
   may have saved the code as one; write it as text``, and writing ``'111011'`` as text
   still fails (no hyphen). Now the code to write is given, by
   :func:`~exposure.schemas._fields.code_hint` for every check and reader: ``: a code saved
   as a number? write it as text with its hyphen: '11-1011'`` (``'11-1011.00' (the SOC
   occupation itself) or the O*NET-SOC code meant`` in a column of O*NET-SOC codes, and
   ``'15-1252.01'`` for the number ``151252.01``), as
   :func:`~exposure.crosswalks.code_list` alone said it (its copy is gone). A number
   that gives no code (the ISCO-08 ``1112.0``) keeps the old words.
3. A code column failing its pattern in :func:`exposure.schemas.validate` (``exposure
   outcomes --panel`` reads the user's panel through it) was refused in the pattern's
   words alone: ``soc_code must match the pattern ^[0-9]{2}-[0-9]{4}\\Z, got text
   '11-1011.00' (check str_matches)`` (so for ``'11\u20131011'``, an en dash pasted from a
   document, and ``'111011'``). Now the hint of the code checks follows the value: ``...,
   got text '11-1011.00': an O*NET-SOC code? a SOC code has no suffix: write '11-1011'
   (check str_matches)``.
4. A number in a code column of a validated table (a panel whose ``soc_code`` was saved
   as ``111011``) was told ``soc_code must be text (a code keeps its leading zeros), got
   111011``, without the code to write. Now ``...: a code saved as a number? write it as
   text with its hyphen: '11-1011'``; a number that gives no code (the ISCO-08 ``110``)
   is told as before.
5. A code holding a full-width character (``'\uff11\uff11-\uff11\uff10\uff11\uff11'``,
   typed in an East Asian input mode) or a space that is not the plain one
   (``'15-1252\\xa0'``, a no-break space pasted from a web page) looks like the code asked
   for and was refused as ``not a SOC code (like 11-1011): '15-1252\\xa0'`` without a word
   of why. Now it is named, with the code to write: ``...: '\\xa0' (U+00A0, a space that
   is not the plain space; pasted from a web page?): write '15-1252'``; ``...: '\uff11'
   (U+FF11, a full-width character; typed in an East Asian input mode?): write
   '11-1011'``.

Tiny files in the real formats, written by the tests, and the real mirror for the CLI.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from _compare_files import compare_error_line as _compare_line
from _compare_files import ours_with_workers as _ours
from _frames import write_text
from test_faults_cli import cli, one_error_line

from exposure import crosswalks
from exposure.errors import DataFormatError, SchemaError
from exposure.measures import ilo
from exposure.measures._common import check_soc_scores
from exposure.schemas import OccupationPanel, OnetToSoc, validate
from exposure.schemas._crosswalks import Soc10Isco08
from exposure.schemas._fields import (
    ISCO_UNIT_PATTERN,
    NUMBER_HINT,
    code_hint,
    first_bad_onetsoc_code,
    first_bad_soc_code,
)

SUFFIX_SAID = ": an O*NET-SOC code? a SOC code has no suffix: write '11-1011'"
NUMBER_SAID = ": a code saved as a number? write it as text with its hyphen: '11-1011'"
SOC_TO_ISCO = pd.DataFrame({"soc_code": ["11-1011", "15-1252"], "isco08_code": ["1120", "2512"]})


def _panel(tmp_path, cell=None, *, ints=False):
    """An ``exposure outcomes --panel`` parquet of two occupations, 2021-2025, row 4 holding ``cell``."""
    rows = [{"soc_code": code, "year": year, "soc_title": "t", "soc_major": code[:2] + "-0000",
             "code_type": "detailed", "tot_emp": 100.0, "a_mean": 1.0, "a_median": 1.0, "balanced": True}
            for year in range(2021, 2026) for code in ("11-1011", "13-1020")]
    frame = pd.DataFrame(rows)
    if ints:  # saved as numbers by Stata or R
        frame["soc_code"] = frame["soc_code"].str.replace("-", "").astype(int)
    else:
        frame.loc[3, "soc_code"] = cell
    path = tmp_path / "panel.parquet"
    frame.to_parquet(path)
    return path


def _outcomes_line(capsys, tmp_path, shared_data, path) -> str:
    code, _, err = cli(capsys, "outcomes", "--mirror", shared_data, "--data-dir", tmp_path / "cache",
                       "--panel", path, "-o", tmp_path / "out")
    assert code == 2
    assert not (tmp_path / "out").exists()
    return one_error_line(err, command="outcomes")


# --- 1. an O*NET-SOC code in a column of SOC codes ------------------------------------------------

def test_1_compare_ours_with_an_onetsoc_code_is_told_the_code_to_write(tmp_path, shared_data, capsys):
    path = _ours(tmp_path, ["15-1252", "11-1011.00"])
    line = _compare_line(capsys, tmp_path, shared_data, path)
    assert line.endswith(f"{path}, row 2, column 'soc_code': soc_code not a SOC code (like 11-1011): "
                         f"'11-1011.00'{SUFFIX_SAID}"), line


def test_1_measures_table_and_to_isco_say_it_too():
    soc = pd.DataFrame({"soc_code": ["15-1252", "11-1011.03"], "beta": [0.6, 0.4]})
    with pytest.raises(DataFormatError) as info:
        check_soc_scores(soc, ["beta"])
    assert str(info.value).endswith(f"not a SOC code (like 11-1011): '11-1011.03'{SUFFIX_SAID}")
    with pytest.raises(DataFormatError) as info:
        ilo.to_isco(soc, links=SOC_TO_ISCO)
    assert str(info.value) == ("soc_scores, row 2, column 'soc_code': soc_code not a SOC code (like 11-1011): "
                               f"'11-1011.03'{SUFFIX_SAID}")


def test_1_the_one_soc_check_says_it_of_a_category_column():
    codes = pd.Series(["15-1252", "11-1011.00"], dtype="category")
    assert first_bad_soc_code(codes) == (1, f"not a SOC code (like 11-1011): '11-1011.00'{SUFFIX_SAID}")


# --- 2. a SOC code saved as a number --------------------------------------------------------------

def test_2_compare_ours_with_codes_saved_as_numbers_is_told_the_code_to_write(tmp_path, shared_data, capsys):
    path = _ours(tmp_path, [111011, 151252])  # IPUMS' OCCSOC, or a Stata table
    line = _compare_line(capsys, tmp_path, shared_data, path)
    assert line.endswith(f"{path}, row 1, column 'soc_code': soc_code not a SOC code (like 11-1011): "
                         f"'111011'{NUMBER_SAID}"), line


@pytest.mark.parametrize("codes, said", [
    ([111011, 151252], (0, f"not a SOC code (like 11-1011): '111011'{NUMBER_SAID}")),
    ([111011.0, 151252.0], (0, f"not a SOC code (like 11-1011): '111011.0'{NUMBER_SAID}")),
])
def test_2_the_soc_check_gives_the_code(codes, said):
    assert first_bad_soc_code(pd.Series(codes)) == said


@pytest.mark.parametrize("code, written", [
    (111011, "with its hyphen and suffix: '11-1011.00' (the SOC occupation itself) or the O*NET-SOC code meant"),
    (151252.01, "with its hyphen: '15-1252.01'"),
    (111011.1, "with its hyphen: '11-1011.10'"),  # 11-1011.10, its last zero lost
])
def test_2_the_onetsoc_check_gives_the_code(code, written):
    bad = first_bad_onetsoc_code(pd.Series(["11-1011.00", code], dtype=object))
    assert bad == (1, f"not an O*NET-SOC code (like 11-1011.00): {str(code)!r}: a code saved as a number? "
                      f"write it as text {written}")


def test_2_crosswalk_files_give_the_code(tmp_path):
    path = write_text(tmp_path, "o2s.csv", "O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,2018 SOC Code,2018 SOC Title\n"
                                           "13-1021.00,Buyers,131021,Buyers\n")
    with pytest.raises(SchemaError) as info:
        crosswalks.read_onet_to_soc(path)
    assert str(info.value).endswith("2018 SOC Code must be a SOC 2018 code (like 11-1011), got '131021': a code "
                                    "saved as a number? write it as text with its hyphen: '13-1021'")
    path = write_text(tmp_path, "soc10_isco08.csv", "soc10,isco08\n111011,1112\n111021.0,1120\n")
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_soc10_isco08(path)
    assert str(info.value).endswith("got '111021.0': a code saved as a number? write it as text with its hyphen: "
                                    "'11-1021'")
    assert code_hint("1112.0", ISCO_UNIT_PATTERN) == NUMBER_HINT  # no code to write: as before


# --- 3. validate: a code failing its column's pattern ---------------------------------------------

@pytest.mark.parametrize("cell, said", [
    ("11-1011.00", SUFFIX_SAID),
    ("11\u20131011", ": '\u2013' (U+2013, a dash that is not the hyphen '-'; pasted from a document?): "
                     "write '11-1011'"),
    ("111011", NUMBER_SAID),
])
def test_3_outcomes_panel_with_a_code_written_otherwise_says_what_it_may_be(tmp_path, shared_data, capsys,
                                                                            cell, said):
    path = _panel(tmp_path, cell)
    line = _outcomes_line(capsys, tmp_path, shared_data, path)
    assert line.endswith(f"{path}, row 4, column 'soc_code': soc_code must match the pattern "
                         f"^[0-9]{{2}}-[0-9]{{4}}\\Z, got text {cell!r}{said} (check str_matches)"), line


def test_3_validate_says_it_of_any_code_column():
    frame = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "onetsoc_title": ["CEOs"],
                          "soc_code": ["11-1011.00"], "soc_title": ["CEOs"]})
    with pytest.raises(SchemaError) as info:
        validate(frame, OnetToSoc, path="xw.csv", row_offset=2)
    assert str(info.value).startswith("xw.csv, row 2, column 'soc_code': soc_code must match the pattern "
                                      f"^[0-9]{{2}}-[0-9]{{4}}\\Z, got text '11-1011.00'{SUFFIX_SAID} "
                                      "(check str_matches)")


# --- 4. validate: a number in a code column -------------------------------------------------------

def test_4_outcomes_panel_of_numbers_is_told_the_code_to_write(tmp_path, shared_data, capsys):
    path = _panel(tmp_path, ints=True)
    line = _outcomes_line(capsys, tmp_path, shared_data, path)
    assert line.endswith(f"{path}, row 1, column 'soc_code': soc_code must be text (a code keeps its leading "
                         f"zeros), got 111011{NUMBER_SAID}"), line


def test_4_validate_gives_the_code_only_when_there_is_one():
    frame = pd.DataFrame({"soc_2010_code": ["11-1011"], "isco08_code": ["1112"]})
    with pytest.raises(SchemaError) as info:
        validate(frame.assign(soc_2010_code=[111011.0]), Soc10Isco08, path="s.csv", row_offset=2)
    assert str(info.value) == ("s.csv, row 2, column 'soc_2010_code': soc_2010_code must be text (a code keeps "
                               f"its leading zeros), got 111011.0{NUMBER_SAID}")
    with pytest.raises(SchemaError) as info:
        validate(frame.assign(isco08_code=[110]), Soc10Isco08, path="s.csv", row_offset=2)
    assert str(info.value) == ("s.csv, row 2, column 'isco08_code': isco08_code must be text (a code keeps its "
                               "leading zeros), got 110")


# --- 5. a full-width character or a space that is not the plain one -------------------------------

def test_5_compare_ours_with_a_no_break_space_names_it(tmp_path, shared_data, capsys):
    path = _ours(tmp_path, ["11-1011", "15-1252\xa0"])
    line = _compare_line(capsys, tmp_path, shared_data, path)
    assert line.endswith(r"not a SOC code (like 11-1011): '15-1252\xa0': '\xa0' (U+00A0, a space that is not "
                         "the plain space; pasted from a web page?): write '15-1252'"), line


@pytest.mark.parametrize("check, code, said", [
    (first_bad_soc_code, "\uff11\uff11-\uff11\uff10\uff11\uff11",
     "not a SOC code (like 11-1011): '\uff11\uff11-\uff11\uff10\uff11\uff11': '\uff11' (U+FF11, a full-width "
     "character; typed in an East Asian input mode?): write '11-1011'"),
    (first_bad_onetsoc_code, "11-1011.00\u3000",
     r"not an O*NET-SOC code (like 11-1011.00): '11-1011.00\u3000': '\u3000' (U+3000, a space that is not the "
     "plain space; pasted from a web page?): write '11-1011.00'"),
    (first_bad_soc_code, "11\xa01011",  # inside the code: named, no code to write
     r"not a SOC code (like 11-1011): '11\xa01011': '\xa0' (U+00A0, a space that is not the plain space; pasted "
     "from a web page?)"),
])
def test_5_the_code_checks_name_the_character(check, code, said):
    assert check(pd.Series(["11-1011.00" if check is first_bad_onetsoc_code else "11-1011", code])) == (1, said)


def test_5_validate_names_it_too():
    panel = pd.DataFrame({"soc_code": ["\uff11\uff11-\uff11\uff10\uff11\uff11"], "year": [2021], "soc_title": ["t"],
                          "soc_major": ["11-0000"], "code_type": ["detailed"], "tot_emp": [1.0], "a_mean": [1.0],
                          "a_median": [1.0], "balanced": [True]})
    with pytest.raises(SchemaError, match=re.escape("(U+FF11, a full-width character; typed in an East Asian input "
                                                    "mode?): write '11-1011' (check str_matches)")):
        validate(panel, OccupationPanel, path="p.csv", row_offset=2)
