"""Faults of round 75 in the schemas' code checks (each test failed before its fix).

1. A SOC code saved as a number with its hyphen read as a decimal point (``15.1252`` for
   ``15-1252``; ``13.102`` for ``13-1020``, the number keeping no trailing zero), in a
   column of SOC or O*NET-SOC codes (``exposure compare --ours``, the measures table,
   ``to_occupations``, the crosswalk files, :func:`exposure.schemas.validate`), was told
   ``: a number? a spreadsheet may have saved the code as one; write it as text``, and
   ``'15.1252'`` written as text was refused again. Now the code to write is given:
   ``: a SOC code saved as a number, its hyphen read as a decimal point? write it as text
   with its hyphen: '15-1252'`` (``'13-1020' (a number keeps no trailing zero)``; among
   O*NET-SOC codes ``... and suffix: '15-1252.00' (the SOC occupation itself) or the
   O*NET-SOC code meant``). A whole number (``11.0``) and other columns are told as before.
2. A code with a footnote mark after it, as BLS and published tables mark one
   (``15-1252*``, ``15-1252†``, ``15-1252¹``, ``15-1252 (1)``), was refused as ``not a SOC
   code (like 11-1011): '15-1252*'`` without a word of why. Now ``...: a footnote mark '*'
   after the code (as published tables mark one)? write the code without it: '15-1252'``
   (a code of the other kind is told its code, as without the mark).
3. A code and its title in one cell, as the O*NET site (``15-1252.00 - Software
   Developers``), BLS or a published table (``15-1252 Software Developers``, ``Software
   Developers (15-1252)``) show them, was refused as ``not an O*NET-SOC code (like
   11-1011.00): '15-1252.00 - Software Developers'`` without a word of why. Now ``...: a
   code and its title in one cell? write the code alone: '15-1252.00'``.
4. A code in quotes (``'15-1252'``, as Python's ``repr`` or SQL write a text value) was
   told ``: a leading apostrophe (a spreadsheet's mark for text)? remove it``; following
   the advice left ``15-1252'``, refused again without a word. A code in double or curly
   quotes (``"15-1252"``, ``“15-1252”``, pasted from a word processor) was told nothing.
   Now ``...: quotes around the code? remove them: write '15-1252'``. A leading apostrophe
   alone (``'0110``) is told as before.

Tiny files in the real formats, written by the tests, and the real mirror for the CLI.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _frames import write_text
from test_faults_cli import cli, one_error_line
from test_faults_round74_codes import _task_scores  # two tasks of the occupations given

from exposure import crosswalks
from exposure.errors import DataFormatError, SchemaError
from exposure.measures._common import check_soc_scores
from exposure.rollup import to_occupations
from exposure.schemas import OnetToSoc, validate
from exposure.schemas._fields import (
    ISCO_UNIT_PATTERN,
    NAICS_PATTERN,
    ONETSOC_PATTERN,
    SOC_PATTERN,
    code_hint,
    first_bad_onetsoc_code,
    first_bad_soc_code,
)

DECIMAL = ": a SOC code saved as a number, its hyphen read as a decimal point? write it as text with its hyphen"
ONET_DECIMAL = f"{DECIMAL} and suffix: '15-1252.00' (the SOC occupation itself) or the O*NET-SOC code meant"
MARK = "after the code (as published tables mark one)? write the code without it"
TITLE = ": a code and its title in one cell? write the code alone"
QUOTES = ": quotes around the code? remove them"


def _rollup_error(codes, row: int = 2) -> str:
    """The message of ``to_occupations`` refusing ``codes``, from the code check's words on."""
    with pytest.raises(DataFormatError) as info:
        to_occupations(_task_scores(codes))
    message = str(info.value)
    assert message.startswith(f"task_scores, row {row}, column 'onetsoc_code': "), message
    return message[message.index("not an O*NET-SOC code"):]


def _measures_error(cell) -> str:
    """The message of the measures table's check refusing the SOC code ``cell`` (row 2)."""
    with pytest.raises(DataFormatError) as info:
        check_soc_scores(pd.DataFrame({"soc_code": ["11-1011", cell], "beta": [0.6, 0.4]}), ["beta"])
    message = str(info.value)
    assert message.startswith("soc_scores, row 2, column 'soc_code': soc_code not a SOC code (like 11-1011): "), message
    return message[message.index("(like 11-1011): ") + len("(like 11-1011): "):]


def _onet_to_soc_csv(tmp_path, onetsoc: str, soc: str):
    """``2019_to_SOC_Crosswalk`` as a CSV of two rows, the second of codes ``onetsoc`` and ``soc``."""
    return write_text(tmp_path, "o2s.csv", "O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,2018 SOC Code,2018 SOC Title\n"
                                           "11-1011.00,Chief Executives,11-1011,Chief Executives\n"
                                           f"\"{onetsoc}\",Software Developers,\"{soc}\",Software Developers\n")


def _crosswalk_error(tmp_path, onetsoc: str, soc: str) -> str:
    """The message of ``read_onet_to_soc`` refusing the second row, from the column on."""
    path = _onet_to_soc_csv(tmp_path, onetsoc, soc)
    with pytest.raises(SchemaError) as info:
        crosswalks.read_onet_to_soc(path)
    message = str(info.value)
    assert message.startswith(f"{path}, row 3, column "), message
    return message[len(f"{path}, row 3, column "):]


# --- 1. a SOC code saved as a number, its hyphen read as a decimal point -----------------------------

@pytest.mark.parametrize("value, said", [
    (15.1252, f"'15.1252'{DECIMAL}: '15-1252'"),
    ("15.1252", f"'15.1252'{DECIMAL}: '15-1252'"),
    (13.102, f"'13.102'{DECIMAL}: '13-1020' (a number keeps no trailing zero)"),  # 13-1020 kept no last zero
    (np.float32(15.1252), f"'15.1252'{DECIMAL}: '15-1252'"),  # held as 15.125200271606445
])
def test_1_the_soc_check_gives_the_code_to_write(value, said):
    assert first_bad_soc_code(pd.Series(["11-1011", value], dtype=object)) == (1, f"not a SOC code (like 11-1011): {said}")
    assert _measures_error(value) == said


def test_1_compare_ours_with_codes_read_as_decimals_is_told_the_code(tmp_path, shared_data, capsys):
    path = tmp_path / "ours.parquet"
    pd.DataFrame({"soc_code": [11.1011, 15.1252], "tot_emp": [200.0, 1000.0], "beta": [0.1, 0.5]}).to_parquet(path)
    code, _, err = cli(capsys, "compare", "--mirror", shared_data, "--data-dir", tmp_path / "cache",
                       "-o", tmp_path / "out", "--ours", path)
    assert code == 2
    assert not (tmp_path / "out").exists()
    line = one_error_line(err, command="compare")
    assert line.endswith(f"{path}, row 1, column 'soc_code': soc_code not a SOC code (like 11-1011): '11.1011'"
                         f"{DECIMAL}: '11-1011'"), line


def test_1_task_scores_crosswalks_and_validate_say_it_too_and_the_advice_works(tmp_path):
    assert _rollup_error([11.1011, 15.1252], row=1) == (
        f"not an O*NET-SOC code (like 11-1011.00): '11.1011'{ONET_DECIMAL.replace('15-1252', '11-1011')}")
    assert _crosswalk_error(tmp_path, "15-1252.00", "15.1252") == (
        f"'2018 SOC Code': 2018 SOC Code must be a SOC 2018 code (like 11-1011), got '15.1252'{DECIMAL}: '15-1252'")
    frame = pd.DataFrame({"onetsoc_code": [15.1252], "onetsoc_title": ["Devs"], "soc_code": ["15-1252"],
                          "soc_title": ["Devs"]})
    with pytest.raises(SchemaError) as info:
        validate(frame, OnetToSoc, path="xw.parquet", row_offset=2)
    assert str(info.value) == ("xw.parquet, row 2, column 'onetsoc_code': onetsoc_code must be text (a code keeps "
                               f"its leading zeros), got 15.1252{ONET_DECIMAL}")
    # following the advice works; other numbers are told as before
    assert len(crosswalks.read_onet_to_soc(_onet_to_soc_csv(tmp_path, "15-1252.00", "15-1252"))) == 2
    number = ": a number? a spreadsheet may have saved the code as one; write it as text"
    # a whole number is the number as well as a major group; no SOC code has more than four digits after its hyphen
    assert code_hint("11.0", SOC_PATTERN) == code_hint("15.12521", SOC_PATTERN) == number
    assert code_hint("15.1252", ISCO_UNIT_PATTERN) == number  # not a code of the column
    assert code_hint("15.1252", NAICS_PATTERN) == ": a number with decimals, which no NAICS code has"


# --- 2. a footnote mark after the code --------------------------------------------------------------------

@pytest.mark.parametrize("cell, mark", [
    ("15-1252*", "'*'"), ("15-1252**", "'**'"), ("15-1252\u2020", "'†'"), ("15-1252\u00b9", "'¹'"),
    ("15-1252 (1)", "'(1)'"), ("15-1252[a]", "'[a]'"),
])
def test_2_the_soc_check_gives_the_code_without_the_mark(cell, mark):
    assert first_bad_soc_code(pd.Series(["11-1011", cell])) == (
        1, f"not a SOC code (like 11-1011): {cell!r}: a footnote mark {mark} {MARK}: '15-1252'")


def test_2_task_scores_crosswalks_and_the_measures_table_say_it_too(tmp_path):
    assert _rollup_error(["11-1011.00", "15-1252.00*"]) == (
        f"not an O*NET-SOC code (like 11-1011.00): '15-1252.00*': a footnote mark '*' {MARK}: '15-1252.00'")
    assert _crosswalk_error(tmp_path, "15-1252.00\u2020", "15-1252") == (
        "'O*NET-SOC 2019 Code': O*NET-SOC 2019 Code must be an O*NET-SOC 2019 code (like 11-1011.03), got "
        f"'15-1252.00†': a footnote mark '†' {MARK}: '15-1252.00'")
    assert _measures_error("13-1020 (2)") == f"'13-1020 (2)': a footnote mark '(2)' {MARK}: '13-1020'"


def test_2_a_code_of_the_other_kind_is_told_its_code():
    assert first_bad_onetsoc_code(pd.Series(["15-1252*"]))[1].endswith(
        f"a footnote mark '*' {MARK}: a SOC code? an O*NET-SOC code has a two-digit suffix: write '15-1252.00' "
        "(the SOC occupation itself) or the O*NET-SOC code meant")
    assert code_hint("15-125*", SOC_PATTERN) == ""  # no code without the mark: nothing said, as before


# --- 3. a code and its title in one cell ------------------------------------------------------------------

@pytest.mark.parametrize("cell", ["15-1252.00 - Software Developers", "15-1252.00 Software Developers",
                                  "15-1252.00: Software Developers", "Software Developers (15-1252.00)"])
def test_3_task_scores_with_code_and_title_are_told_the_code(cell):
    assert _rollup_error(["11-1011.00", cell]) == (
        f"not an O*NET-SOC code (like 11-1011.00): {cell!r}{TITLE}: '15-1252.00'")


def test_3_the_soc_check_and_the_crosswalk_say_it_too(tmp_path):
    assert _measures_error("15-1252 Software Developers") == f"'15-1252 Software Developers'{TITLE}: '15-1252'"
    # the O*NET site's 'code - title' among SOC codes: the SOC code
    assert first_bad_soc_code(pd.Series(["15-1252.00 - Software Developers"]))[1].endswith(
        f"{TITLE}: an O*NET-SOC code? a SOC code has no suffix: write '15-1252'")
    assert _crosswalk_error(tmp_path, "15-1252.00", "15-1252 Software Developers") == (
        "'2018 SOC Code': 2018 SOC Code must be a SOC 2018 code (like 11-1011), got '15-1252 Software Developers'"
        f"{TITLE}: '15-1252'")
    assert code_hint("15-125 Software Developers", SOC_PATTERN) == ""  # no code in it: nothing said


# --- 4. quotes around the code ----------------------------------------------------------------------------

@pytest.mark.parametrize("cell", ["'15-1252'", '"15-1252"', "\u201815-1252\u2019", "\u201c15-1252\u201d"])
def test_4_the_soc_check_says_remove_the_quotes(cell):
    assert first_bad_soc_code(pd.Series(["11-1011", cell])) == (
        1, f"not a SOC code (like 11-1011): {cell!r}{QUOTES}: write '15-1252'")


def test_4_crosswalk_and_task_scores_say_it_too(tmp_path):
    assert _crosswalk_error(tmp_path, "'15-1252.00'", "15-1252") == (
        "'O*NET-SOC 2019 Code': O*NET-SOC 2019 Code must be an O*NET-SOC 2019 code (like 11-1011.03), got "
        f"\"'15-1252.00'\"{QUOTES}: write '15-1252.00'")
    assert _rollup_error(["11-1011.00", "'15-1252'"]) == (
        f"not an O*NET-SOC code (like 11-1011.00): \"'15-1252'\"{QUOTES}: a SOC code? an O*NET-SOC code has a "
        "two-digit suffix: write '15-1252.00' (the SOC occupation itself) or the O*NET-SOC code meant")


def test_4_a_leading_apostrophe_alone_is_told_as_before():
    assert code_hint("'0110", ISCO_UNIT_PATTERN) == code_hint("'", SOC_PATTERN) == (
        ": a leading apostrophe (a spreadsheet's mark for text)? remove it")
    assert code_hint("'11-1011'", ONETSOC_PATTERN, other_kind=False) == QUOTES  # no .00 advised
