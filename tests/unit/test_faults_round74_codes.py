"""Faults of round 74 in the schemas' code checks (each test failed before its fix).

1. An O*NET-SOC code whose suffix lost its last zero (``'15-1252.1'`` for ``15-1252.10``,
   ``'15-1252.0'`` for ``15-1252.00``: the suffix read as a number on its way) was refused
   as ``not an O*NET-SOC code (like 11-1011.00): '15-1252.1'`` without a word of why, in
   every code check (:func:`~exposure.schemas._fields.first_bad_onetsoc_code`, the
   crosswalk readers, :func:`exposure.schemas.validate`). Now the code to write is given:
   ``...: a suffix of one digit? an O*NET-SOC code has two (a trailing zero lost?): write
   '15-1252.10'``; in a column of SOC codes, ``...: an O*NET-SOC code? a SOC code has no
   suffix: write '15-1252'``.
2. A code holding a character that shows nothing (a zero-width space U+200B, a byte-order
   mark U+FEFF, a soft hyphen U+00AD, a left-to-right mark, a NUL), pasted from a web page
   or a document, looks like the code asked for and was refused as ``not a SOC code (like
   11-1011): '15-1252\\u200b'`` and no more. Now it is named, with the code to write:
   ``...: '\\u200b' (U+200B ZERO WIDTH SPACE, a character that shows nothing; pasted from a
   web page or a document?): write '15-1252'``. A dash that is not the hyphen, told first,
   gives the code with every such character set right (it was told ``write`` nothing when
   the cell also held one).
3. An O*NET-SOC code saved as a single-precision number (float32: a Parquet ``float``
   column) keeps ``151252.01`` as ``151252.015625``, shown ``151252.02``: the code checks
   told ``write it as text with its hyphen: '15-1252.02'``, a wrong code (following the
   advice gave the scores to another occupation), and :func:`exposure.schemas.validate`
   said ``got 151252.015625`` and no more. Now both say ``a code saved as a
   single-precision number (float32), which cannot tell its suffix? write it as text with
   its hyphen: the one meant of '15-1252.01' or '15-1252.02'``; a float32 that tells its
   code (``111011.03``) is given that code.
4. A NAICS code saved as a number (``'311.0'``: a column read as numbers and written out)
   in a NAICS column (the NAICS titles file, :func:`exposure.schemas.validate`) was told
   ``: a number? a spreadsheet may have saved the code as one; write it as text``, which
   it was, and so was ``'11.5'``, which no writing makes a NAICS code (the float ``311.0``
   in a validated table was told nothing). Now ``'311.0'`` and ``311.0`` are told ``: a
   code saved as a number? write it without its decimals: '311'`` (as the employment
   frame of ``to_sectors`` said it alone), and ``'11.5'`` ``: a number with decimals,
   which no NAICS code has``.
5. A group of SOC codes as the Census Bureau's ACS and IPUMS' ``OCCSOC`` write it, the
   digits it leaves open written ``X`` (``1110XX``, ``119XXX``, ``15-12XX``: a table coded
   from the ACS), in a column of SOC or O*NET-SOC codes was refused as ``not a SOC code
   (like 11-1011): '1110XX'`` without a word of why. Now ``...: a group of SOC codes (X for
   any digit, as the Census Bureau's ACS and IPUMS write the groups they code)? give a row
   for each occupation of the group``.

Tiny files in the real formats, written by the tests, and the real mirror for the CLI.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _frames import write_text
from test_faults_cli import cli, one_error_line

from exposure import crosswalks
from exposure.errors import DataFormatError, SchemaError
from exposure.measures._common import check_soc_scores
from exposure.rollup import to_occupations
from exposure.schemas import OnetToSoc, validate
from exposure.schemas._crosswalks import NaicsTitles
from exposure.schemas._fields import (
    NAICS_PATTERN,
    ONETSOC_PATTERN,
    SOC_PATTERN,
    code_hint,
    first_bad_onetsoc_code,
    first_bad_soc_code,
)

SOC_SAID = ": an O*NET-SOC code? a SOC code has no suffix: write '15-1252'"
FLOAT32_SAID = (": a code saved as a single-precision number (float32), which cannot tell its suffix? write it as "
                "text with its hyphen: the one meant of '15-1252.01' or '15-1252.02'")


def _task_scores(codes) -> pd.DataFrame:
    """Task scores of two tasks, of the occupations ``codes``."""
    return pd.DataFrame({"onetsoc_code": codes, "task_id": [1, 2], "alpha": [0.0, 0.5], "beta": [0.0, 1.0],
                         "gamma": [0.0, 1.0], "label": ["E0", "E1"]})


def _rollup_error(codes, row: int = 2) -> str:
    """The message of ``to_occupations`` refusing ``codes``, from the code check's words on."""
    with pytest.raises(DataFormatError) as info:
        to_occupations(_task_scores(codes))
    message = str(info.value)
    assert f"row {row}, column 'onetsoc_code': " in message, message
    return message[message.index("not an O*NET-SOC code"):]


def _onet_to_soc_csv(tmp_path, onetsoc: str, soc: str):
    return write_text(tmp_path, "o2s.csv", "O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,2018 SOC Code,2018 SOC Title\n"
                                           f"11-1011.00,Chief Executives,11-1011,Chief Executives\n"
                                           f"{onetsoc},Software Developers,{soc},Software Developers\n")


# --- 1. an O*NET-SOC code whose suffix lost its last zero ------------------------------------------

@pytest.mark.parametrize("cell, code", [("15-1252.1", "15-1252.10"), ("15-1252.0", "15-1252.00")])
def test_1_task_scores_with_a_one_digit_suffix_are_told_the_code(cell, code):
    assert _rollup_error(["11-1011.00", cell]) == (
        f"not an O*NET-SOC code (like 11-1011.00): {cell!r}: a suffix of one digit? an O*NET-SOC code has two (a trailing zero lost?): write {code!r}")


def test_1_crosswalk_file_says_it_in_both_code_columns(tmp_path):
    with pytest.raises(SchemaError) as info:
        crosswalks.read_onet_to_soc(_onet_to_soc_csv(tmp_path, "15-1252.1", "15-1252"))
    assert str(info.value).endswith("row 3, column 'O*NET-SOC 2019 Code': O*NET-SOC 2019 Code must be an O*NET-SOC "
                                    "2019 code (like 11-1011.03), got '15-1252.1': a suffix of one digit? an "
                                    "O*NET-SOC code has two (a trailing zero lost?): write '15-1252.10'")
    with pytest.raises(SchemaError) as info:
        crosswalks.read_onet_to_soc(_onet_to_soc_csv(tmp_path, "15-1252.00", "15-1252.0"))
    assert str(info.value).endswith(f"row 3, column '2018 SOC Code': 2018 SOC Code must be a SOC 2018 code (like "
                                    f"11-1011), got '15-1252.0'{SOC_SAID}")


def test_1_the_soc_check_and_other_look_alikes():
    assert first_bad_soc_code(pd.Series(["11-1011", "15-1252.1"])) == (
        1, f"not a SOC code (like 11-1011): '15-1252.1'{SOC_SAID}")
    # a dash and spaces set right too: the code meant is given
    assert code_hint("15\u20131252.1 ", ONETSOC_PATTERN).endswith(": write '15-1252.10'")
    assert code_hint("15-1252.1 ", ONETSOC_PATTERN) == (": spaces around the code: a suffix of one digit? an "
                                                        "O*NET-SOC code has two (a trailing zero lost?): write "
                                                        "'15-1252.10'")


# --- 2. a character that shows nothing --------------------------------------------------------------

@pytest.mark.parametrize("cell, char, name", [
    ("15-1252\u200b", "\\u200b", "U+200B ZERO WIDTH SPACE, a character"),
    ("\ufeff15-1252", "\\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE, a character"),
    ("15\xad-1252", "\\xad", "U+00AD SOFT HYPHEN, a character"),
    ("15-1252\u200e", "\\u200e", "U+200E LEFT-TO-RIGHT MARK, a character"),
    ("15-1252\x00", "\\x00", "U+0000, a control character"),
])
def test_2_the_soc_check_names_the_character_and_the_code(cell, char, name):
    assert first_bad_soc_code(pd.Series(["11-1011", cell])) == (
        1, f"not a SOC code (like 11-1011): {cell!r}: '{char}' ({name} that shows nothing; pasted from a web page or "
           "a document?): write '15-1252'")


def test_2_compare_ours_with_a_zero_width_space_is_told_the_code(tmp_path, shared_data, capsys):
    path = tmp_path / "ours.parquet"
    pd.DataFrame({"soc_code": ["11-1011", "15-1252\u200b"], "tot_emp": [200.0, 1000.0],
                  "beta": [0.1, 0.5]}).to_parquet(path)
    code, _, err = cli(capsys, "compare", "--mirror", shared_data, "--data-dir", tmp_path / "cache",
                       "-o", tmp_path / "out", "--ours", path)
    assert code == 2
    assert not (tmp_path / "out").exists()
    line = one_error_line(err, command="compare")
    assert line.endswith(f"{path}, row 2, column 'soc_code': soc_code not a SOC code (like 11-1011): "
                         "'15-1252\\u200b': '\\u200b' (U+200B ZERO WIDTH SPACE, a character that shows nothing; "
                         "pasted from a web page or a document?): write '15-1252'"), line


def test_2_task_scores_and_crosswalk_files_say_it_too(tmp_path):
    assert _rollup_error(["11-1011.00", "15-1252.00\ufeff"]).endswith(
        "'15-1252.00\\ufeff': '\\ufeff' (U+FEFF ZERO WIDTH NO-BREAK SPACE, a character that shows nothing; pasted "
        "from a web page or a document?): write '15-1252.00'")
    with pytest.raises(SchemaError) as info:
        crosswalks.read_onet_to_soc(_onet_to_soc_csv(tmp_path, "15-1252.00", "15-1252\u200b"))
    assert str(info.value).endswith("got '15-1252\\u200b': '\\u200b' (U+200B ZERO WIDTH SPACE, a character that "
                                    "shows nothing; pasted from a web page or a document?): write '15-1252'")


def test_2_a_dash_told_first_gives_the_code_with_the_character_removed():
    assert code_hint("15\u20131252\u200b", SOC_PATTERN) == (
        ": '\u2013' (U+2013, a dash that is not the hyphen '-'; pasted from a document?): write '15-1252'")


# --- 3. an O*NET-SOC code saved as a float32 ---------------------------------------------------------

def test_3_task_scores_with_float32_codes_are_not_told_a_wrong_code():
    codes = np.array([151252.01, 111011.0], dtype="float32")  # 151252.01 is kept as 151252.015625
    assert _rollup_error(codes, row=1) == f"not an O*NET-SOC code (like 11-1011.00): '151252.02'{FLOAT32_SAID}"


@pytest.mark.parametrize("dtype", ["float32", "Float32"])
def test_3_the_onetsoc_check_gives_the_codes_a_float32_may_hold(dtype):
    assert first_bad_onetsoc_code(pd.Series([151252.01], dtype=dtype)) == (
        0, f"not an O*NET-SOC code (like 11-1011.00): '151252.02'{FLOAT32_SAID}")
    # a float32 that tells its code is given it; among SOC codes, the SOC code
    assert first_bad_onetsoc_code(pd.Series([111011.03], dtype=dtype))[1].endswith(
        ": a code saved as a number? write it as text with its hyphen: '11-1011.03'")
    assert first_bad_soc_code(pd.Series([151252.01], dtype=dtype))[1].endswith(
        ": an O*NET-SOC code saved as a number? a SOC code has no suffix: write '15-1252'")


def test_3_validate_gives_the_codes_a_float32_may_hold():
    frame = pd.DataFrame({"onetsoc_code": np.array([151252.01], dtype="float32"), "onetsoc_title": ["Devs"],
                          "soc_code": ["15-1252"], "soc_title": ["Devs"]})
    with pytest.raises(SchemaError) as info:
        validate(frame, OnetToSoc, path="xw.parquet", row_offset=2)
    assert str(info.value) == ("xw.parquet, row 2, column 'onetsoc_code': onetsoc_code must be text (a code keeps "
                               f"its leading zeros), got 151252.015625{FLOAT32_SAID}")


# --- 4. a NAICS code saved as a number ---------------------------------------------------------------

def _naics_csv(tmp_path, cell: str):
    return write_text(tmp_path, "naics.csv", "2022 NAICS US Code,2022 NAICS US Title\n31-33,Manufacturing\n"
                                             f"{cell},Food Manufacturing\n")


@pytest.mark.parametrize("cell, said", [
    ("311.0", ": a code saved as a number? write it without its decimals: '311'"),
    ("11.5", ": a number with decimals, which no NAICS code has"),
])
def test_4_naics_titles_file_with_a_number_is_told_what_to_write(tmp_path, cell, said):
    path = _naics_csv(tmp_path, cell)
    with pytest.raises(SchemaError) as info:
        crosswalks.read_naics_titles(path)
    assert str(info.value) == (f"{path}, row 3, column '2022 NAICS US Code': 2022 NAICS US Code must be a NAICS code "
                               f"of 2 to 6 digits (like 311, or a sector range like 31-33), got {cell!r}{said}")


def test_4_following_the_advice_works(tmp_path):
    assert crosswalks.read_naics_titles(_naics_csv(tmp_path, "311"))["naics"].tolist() == ["31-33", "311"]
    assert code_hint("113000.0", NAICS_PATTERN) == ": a code saved as a number? write it without its decimals: '113000'"


def test_4_validate_tells_a_naics_number_its_code():
    frame = pd.DataFrame({"naics": [311.0], "naics_title": ["Food Manufacturing"], "level": [3]})
    with pytest.raises(SchemaError) as info:
        validate(frame, NaicsTitles, path="naics.parquet", row_offset=2)
    assert str(info.value) == ("naics.parquet, row 2, column 'naics': naics must be text (a code keeps its leading "
                               "zeros), got 311.0: a code saved as a number? write it without its decimals: '311'")


# --- 5. a group of SOC codes ------------------------------------------------------------------------

GROUP_SAID = (": a group of SOC codes (X for any digit, as the Census Bureau's ACS and IPUMS write the groups they "
              "code)? give a row for each occupation of the group")


@pytest.mark.parametrize("cell", ["1110XX", "119XXX", "15-12XX", "15-12xx", " 1110XX"])
def test_5_the_soc_check_says_a_group_is_one(cell):
    assert first_bad_soc_code(pd.Series(["11-1011", cell])) == (
        1, f"not a SOC code (like 11-1011): {cell!r}" + (": spaces around the code" if cell[0] == " " else "")
           + GROUP_SAID)


def test_5_measures_table_and_task_scores_say_it_too():
    with pytest.raises(DataFormatError) as info:
        check_soc_scores(pd.DataFrame({"soc_code": ["15-1252", "1110XX"], "beta": [0.6, 0.4]}), ["beta"])
    assert str(info.value).endswith(f"not a SOC code (like 11-1011): '1110XX'{GROUP_SAID}")
    assert _rollup_error(["11-1011.00", "15-12XX"]).endswith(f"'15-12XX'{GROUP_SAID}")
    assert code_hint("1110XX", NAICS_PATTERN) == ""  # not said of other codes
