"""Faults of round 73 (second pass) in the schemas' code checks and the reproduction report (each test failed before its fix).

1. A code with a dash that is not the hyphen or a full-width character, which once set
   right is a code of the other kind (``'11\u20131011'``, an en dash pasted from a
   document, in a column of O*NET-SOC codes), was told of its dash alone: ``not an
   O*NET-SOC code (like 11-1011.00): '11\u20131011': '\u2013' (U+2013, a dash that is not
   the hyphen '-'; pasted from a document?)``, and writing ``'11-1011'`` failed again.
   Now :func:`~exposure.schemas._fields.code_hint` gives the code to write of the cleaned
   code too: ``...; pasted from a document?): a SOC code? an O*NET-SOC code has a
   two-digit suffix: write '11-1011.00' (the SOC occupation itself) or the O*NET-SOC code
   meant`` (``'11-1011'`` for ``'11\u20131011.00'`` among SOC codes), except in a column
   of O*NET-SOC 2010 codes (``check_code_cells(..., other_kind=False)``, the keyword
   ``other_kind`` of ``code_hint``), where ``.00`` is no advice.
2. A number in the O*NET-SOC 2010 column of ``crosswalks.read_soc_2010_to_2018``
   (``191020``) was told ``write it as text with its hyphen and suffix: '19-1020.00' (the
   SOC occupation itself) or the O*NET-SOC code meant``, but O*NET-SOC 2010 has no
   ``19-1020.00`` (the column is checked with ``other_kind=False`` for that reason). Now:
   ``...: a code saved as a number? write it as text with its hyphen and its two-digit
   suffix: the O*NET-SOC code meant ('19-1020.00' if its suffix was 00)``.
3. An O*NET-SOC code saved as a number (``151252.01``) in a column of SOC codes (``exposure
   compare --ours``, the measures table, a validated panel) was told the generic ``: a
   number? a spreadsheet may have saved the code as one; write it as text``, and writing
   ``'151252.01'`` as text fails again. Now: ``: an O*NET-SOC code saved as a number? a
   SOC code has no suffix: write '15-1252'``.
4. A code with spaces around it (``'11-1011 '``) in a column of SOC or O*NET-SOC codes
   (``compare(soc_scores=...)``, ``exposure compare --ours``, ``to_occupations``, the code
   lists) was refused as ``not a SOC code (like 11-1011): '11-1011 '`` without saying the
   spaces are the fault (the measure readers strip them). Now: ``...: '11-1011 ': spaces
   around the code: write '11-1011'`` (``a tab or a line break around the code`` for
   those; with the other kind's advice when the code inside is of the other kind).
5. ``reports.reproduction.reproduce_occ_level`` put the frame's name inside two messages,
   ``row 1, column 'onetsoc_code': occ_level: onetsoc_code is missing`` and ``row 2,
   column 'onetsoc_code': occ_level has onetsoc_code '11-1011.00' twice (rows 1 and 2)``,
   while its other errors name it first (``path="occ_level"``). Now ``occ_level, row 1,
   column 'onetsoc_code': missing`` and ``occ_level, row 2, column 'onetsoc_code':
   onetsoc_code '11-1011.00' is given twice (rows 1 and 2)``.
6. :func:`exposure.schemas.validate` of a frame of the O*NET-SOC 2010 crosswalk
   (:class:`~exposure.schemas._crosswalks.Soc2010To2018`) told a SOC code in
   ``onetsoc_2010_code`` (``'19-1020'``) to ``write '19-1020.00' (the SOC occupation
   itself) or the O*NET-SOC code meant``, which O*NET-SOC 2010 does not have (its reader
   keeps that advice back, ``other_kind=False``), and a number (``191020.0``) likewise.
   Now the 2010 column (:data:`~exposure.schemas._fields.ONETSOC_2010_COLUMNS`) is told
   no ``.00``: ``..., got text '19-1020' (check str_matches)``, and for the number the
   suffix is asked for as in 2.
7. A code written as a spreadsheet formula, ``="13-1021"`` (a CSV written so that a
   spreadsheet keeps the code as text, its leading zeros kept), was refused without a
   word of why: ``2018 SOC Code must be a SOC 2018 code (like 11-1011), got
   '="13-1021"'``. Now it is named, with the code to write: ``...: a formula ="..."
   (written so that a spreadsheet keeps the code as text)? remove the = and the quotes:
   write '13-1021'``.

Tiny files and frames in the real formats, written by the tests, and the real mirror for the CLI.
"""

from __future__ import annotations

import pandas as pd
import pytest
from _compare_files import compare_error_line as _compare_line
from _compare_files import ours_with_workers as _ours
from _frames import write_text

from exposure import crosswalks
from exposure.errors import DataFormatError, SchemaError
from exposure.measures._common import check_soc_scores
from exposure.reports.reproduction import reproduce_occ_level
from exposure.rollup import to_occupations
from exposure.schemas import OccupationPanel, OnetToSoc, Soc2010To2018, validate
from exposure.schemas._fields import (
    ONETSOC_PATTERN,
    code_hint,
    first_bad_onetsoc_code,
    first_bad_soc_code,
)

DASH = ": '\u2013' (U+2013, a dash that is not the hyphen '-'; pasted from a document?)"
ADD_SUFFIX = (": a SOC code? an O*NET-SOC code has a two-digit suffix: write '11-1011.00' (the SOC occupation "
              "itself) or the O*NET-SOC code meant")
ONET_NUMBER = ": an O*NET-SOC code saved as a number? a SOC code has no suffix: write '15-1252'"
HEAD_2010 = "O*NET-SOC 2010 Code,O*NET-SOC 2010 Title,2018 SOC Code,2018 SOC Title\n"


def _soc_2010_error(tmp_path, cell) -> str:
    """The error of ``read_soc_2010_to_2018`` on a file whose second O*NET-SOC 2010 code is ``cell``."""
    path = write_text(tmp_path, "x2010.csv", f"{HEAD_2010}11-1011.00,Chief Executives,11-1011,Chief Executives\n"
                                             f"{cell},Biologists,19-1029,Biological Scientists\n")
    with pytest.raises(SchemaError) as info:
        crosswalks.read_soc_2010_to_2018(path)
    return str(info.value)


# --- 1. a dash or a full-width character in a code of the other kind ------------------------------

def test_1_an_en_dash_in_a_soc_code_among_onetsoc_codes_is_told_the_code_to_write():
    bad = first_bad_onetsoc_code(pd.Series(["11-1011.00", "11\u20131011"]))
    assert bad == (1, f"not an O*NET-SOC code (like 11-1011.00): '11\u20131011'{DASH}{ADD_SUFFIX}")
    bad = first_bad_soc_code(pd.Series(["11-1011", "11\u20131011.00"]))
    assert bad == (1, f"not a SOC code (like 11-1011): '11\u20131011.00'{DASH}: an O*NET-SOC code? a SOC code has "
                      "no suffix: write '11-1011'")


def test_1_the_task_scores_of_to_occupations_say_it(tmp_path):
    tasks = pd.DataFrame({"onetsoc_code": ["11-1011.00", "\uff11\uff11-\uff11\uff10\uff11\uff11"],
                          "task_id": [1, 2], "task_type": ["Core", "Core"],
                          "alpha": [0.1, 0.2], "beta": [0.1, 0.2], "gamma": [0.1, 0.2]})
    with pytest.raises(DataFormatError) as info:
        to_occupations(tasks)
    assert str(info.value).endswith("'\uff11' (U+FF11, a full-width character; typed in an East Asian input mode?)"
                                    f"{ADD_SUFFIX}"), str(info.value)


def test_1_the_onetsoc_crosswalk_file_says_it_and_the_2010_column_does_not(tmp_path):
    path = write_text(tmp_path, "o2s.csv", "O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,2018 SOC Code,2018 SOC Title\n"
                                           "13\u20131021,Buyers,13-1021,Buyers\n")
    with pytest.raises(SchemaError) as info:
        crosswalks.read_onet_to_soc(path)
    assert str(info.value).endswith(f"got '13\u20131021'{DASH}{ADD_SUFFIX.replace('11-1011', '13-1021')}")
    # an O*NET-SOC 2010 column: its SOC code 19-1020 has no '.00' code, no advice to add it
    assert _soc_2010_error(tmp_path, "19\u20131020").endswith(f"got '19\u20131020'{DASH}")
    assert code_hint("11\u20131011", ONETSOC_PATTERN, other_kind=False) == DASH


# --- 2. a number in the O*NET-SOC 2010 column ------------------------------------------------------

def test_2_a_number_in_the_onetsoc_2010_column_is_not_told_to_add_00(tmp_path):
    said = _soc_2010_error(tmp_path, "191020")
    assert said.endswith("O*NET-SOC 2010 Code must be an O*NET-SOC 2010 code (like 11-1011.00), got '191020': a code "
                         "saved as a number? write it as text with its hyphen and its two-digit suffix: the O*NET-SOC "
                         "code meant ('19-1020.00' if its suffix was 00)"), said
    assert "the SOC occupation itself" not in said
    # the suffix kept in the decimals: the code itself, as before
    assert _soc_2010_error(tmp_path, "191020.01").endswith("got '191020.01': a code saved as a number? write it as "
                                                           "text with its hyphen: '19-1020.01'")


# --- 3. an O*NET-SOC code saved as a number among SOC codes ----------------------------------------

def test_3_compare_ours_with_an_onetsoc_number_is_told_the_soc_code(tmp_path, shared_data, capsys):
    path = _ours(tmp_path, [151252.01, 111011.0])  # a Stata table of O*NET-SOC codes
    line = _compare_line(capsys, tmp_path, shared_data, path)
    assert line.endswith(f"{path}, row 1, column 'soc_code': soc_code not a SOC code (like 11-1011): "
                         f"'151252.01'{ONET_NUMBER}"), line
    bad = first_bad_soc_code(pd.Series(["11-1011", 151252.01], dtype=object))
    assert bad == (1, f"not a SOC code (like 11-1011): '151252.01'{ONET_NUMBER}")


def test_3_the_measures_table_a_code_list_and_a_validated_panel_say_it():
    with pytest.raises(DataFormatError) as info:
        check_soc_scores(pd.DataFrame({"soc_code": ["11-1011", "151252.01"], "beta": [0.6, 0.4]}), ["beta"])
    assert str(info.value).endswith(f"'151252.01'{ONET_NUMBER}")
    with pytest.raises(DataFormatError) as info:
        crosswalks.code_list([151252.01], "soc_codes")
    assert str(info.value).endswith(f"at position 0{ONET_NUMBER}")
    panel = pd.DataFrame({"soc_code": [151252.01], "year": [2021], "soc_title": ["t"], "soc_major": ["15-0000"],
                          "code_type": ["detailed"], "tot_emp": [1.0], "a_mean": [1.0], "a_median": [1.0],
                          "balanced": [True]})
    with pytest.raises(SchemaError) as info:
        validate(panel, OccupationPanel, path="p.csv", row_offset=2)
    assert str(info.value) == ("p.csv, row 2, column 'soc_code': soc_code must be text (a code keeps its leading "
                               f"zeros), got 151252.01{ONET_NUMBER}")


# --- 4. spaces around a code ------------------------------------------------------------------------

def test_4_compare_ours_with_a_padded_code_names_the_spaces(tmp_path, shared_data, capsys):
    path = _ours(tmp_path, ["11-1011", "15-1252 "])
    line = _compare_line(capsys, tmp_path, shared_data, path)
    assert line.endswith(f"{path}, row 2, column 'soc_code': soc_code not a SOC code (like 11-1011): '15-1252 ': "
                         "spaces around the code: write '15-1252'"), line


def test_4_compare_soc_scores_names_the_spaces():
    with pytest.raises(DataFormatError) as info:
        check_soc_scores(pd.DataFrame({"soc_code": [" 11-1011", "15-1252"], "beta": [0.6, 0.4]}), ["beta"])
    assert str(info.value).endswith("not a SOC code (like 11-1011): ' 11-1011': spaces around the code: "
                                    "write '11-1011'")
    # spaces around what is no code either: not named (they may not be the only fault)
    assert first_bad_soc_code(pd.Series(["11-101 "])) == (0, "not a SOC code (like 11-1011): '11-101 '")


@pytest.mark.parametrize("check, code, said", [
    (first_bad_onetsoc_code, "11-1011.03\n", "a tab or a line break around the code: write '11-1011.03'"),
    (first_bad_soc_code, "\t11-1011", "a tab or a line break around the code: write '11-1011'"),
    (first_bad_soc_code, "11-1011.00 ", "spaces around the code: an O*NET-SOC code? a SOC code has no suffix: "
                                        "write '11-1011'"),
    (first_bad_onetsoc_code, " 11-1011", f"spaces around the code{ADD_SUFFIX}"),
])
def test_4_the_code_checks_name_spaces_tabs_and_line_breaks(check, code, said):
    bad = check(pd.Series([code]))
    assert bad is not None and bad[1].endswith(f"{code!r}: {said}"), bad


# --- 5. the reproduction report names occ_level first -----------------------------------------------

LABELS = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2], "task_type": ["Core", None],
                       "human_exposure_agg": ["E1", "E0"], "gpt4_exposure": ["E2", "E2"]})
OCC_LEVEL = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "human_alpha": [2 / 3], "human_beta": [2 / 3],
                          "human_gamma": [2 / 3], "gpt4_alpha": [0.0], "gpt4_beta": [0.5], "gpt4_gamma": [1.0]})


@pytest.mark.parametrize("occ_level, said", [
    (OCC_LEVEL.assign(onetsoc_code=[None]), "occ_level, row 1, column 'onetsoc_code': missing"),
    (pd.concat([OCC_LEVEL, OCC_LEVEL.assign(human_alpha=0.1)], ignore_index=True),
     "occ_level, row 2, column 'onetsoc_code': onetsoc_code '11-1011.00' is given twice (rows 1 and 2)"),
])
def test_5_reproduce_occ_level_names_the_frame_first(occ_level, said):
    with pytest.raises(DataFormatError) as info:
        reproduce_occ_level(LABELS, occ_level)
    assert str(info.value) == said


# --- 6. validate: the O*NET-SOC 2010 column is told no '.00' ---------------------------------------

XW_2010 = pd.DataFrame({"onetsoc_2010_code": ["11-1011.00", "19-1020"], "onetsoc_2010_title": ["CEOs", "Biologists"],
                        "soc_2010_code": ["11-1011", "19-1020"], "soc_code": ["11-1011", "19-1029"],
                        "soc_title": ["CEOs", "Biological Scientists"]})


def test_6_validate_tells_the_2010_column_no_00():
    with pytest.raises(SchemaError) as info:
        validate(XW_2010, Soc2010To2018, path="x.csv", row_offset=2)
    assert str(info.value) == ("x.csv, row 3, column 'onetsoc_2010_code': onetsoc_2010_code must match the pattern "
                               "^[0-9]{2}-[0-9]{4}\\.[0-9]{2}\\Z, got text '19-1020' (check str_matches)")
    with pytest.raises(SchemaError) as info:
        validate(XW_2010.assign(onetsoc_2010_code=[111011.0, 191020.0]), Soc2010To2018, path="x.csv", row_offset=2)
    assert str(info.value) == ("x.csv, row 2, column 'onetsoc_2010_code': onetsoc_2010_code must be text (a code keeps "
                               "its leading zeros), got 111011.0: a code saved as a number? write it as text with its "
                               "hyphen and its two-digit suffix: the O*NET-SOC code meant ('11-1011.00' if its suffix "
                               "was 00)")
    # the 2019 column of another table still gets the '.00' advice: O*NET-SOC 2019 has every SOC 2018 code's
    with pytest.raises(SchemaError, match=r"write '19-1029\.00' \(the SOC occupation itself\)"):
        validate(pd.DataFrame({"onetsoc_code": ["19-1029"], "onetsoc_title": ["B"], "soc_code": ["19-1029"],
                               "soc_title": ["B"]}), OnetToSoc, path="x.csv", row_offset=2)


# --- 7. a code written as a spreadsheet formula ----------------------------------------------------

FORMULA = ': a formula ="..." (written so that a spreadsheet keeps the code as text)? remove the = and the quotes'


def test_7_a_crosswalk_file_with_formula_codes_is_told_the_code_to_write(tmp_path):
    path = write_text(tmp_path, "o2s.csv", "O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,2018 SOC Code,2018 SOC Title\n"
                                           '13-1021.00,Buyers,="13-1021",Buyers\n')
    with pytest.raises(SchemaError) as info:
        crosswalks.read_onet_to_soc(path)
    assert str(info.value).endswith(f"""2018 SOC Code must be a SOC 2018 code (like 11-1011), got '="13-1021"'"""
                                    f"{FORMULA}: write '13-1021'"), str(info.value)


def test_7_the_code_checks_say_it():
    assert first_bad_soc_code(pd.Series(['="11-1011"'])) == (
        0, f"""not a SOC code (like 11-1011): '="11-1011"'{FORMULA}: write '11-1011'""")
    assert first_bad_onetsoc_code(pd.Series(['="11-1011"'])) == (
        0, f"""not an O*NET-SOC code (like 11-1011.00): '="11-1011"'{FORMULA}{ADD_SUFFIX}""")
