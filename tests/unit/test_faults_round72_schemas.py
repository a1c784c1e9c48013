"""Faults of round 72 in the schemas' code checks, the O*NET reader and the crosswalks.

1. A code a spreadsheet read as a date (``11-2011`` read as 1 November 2011, a cell
   ``2011-11-01``) was said to be one with advice that does not work: ``... got
   '2011-11-01': a date? a spreadsheet read the code 11-2011 as one; save the column as
   text`` (formatting the column as text afterwards shows the date's serial number,
   ``40848``, not the code). Now: ``...; take the codes from the source again and import
   that column as Text when opening the file, or type the code with a leading apostrophe
   ('11-2011)``. Likewise a Census ``cps_code`` that lost its leading zeros (``20``) was
   told ``(leading zeros lost? save the column as text, so that 0010 keeps them)``, which
   gives no zero back; now ``(leading zeros lost? write '0020', and import that column as
   Text when opening the file in a spreadsheet)``; so an ISCO-08 group of ESCO's file
   (``110`` for ``0110``, ``1`` for the armed forces' ``01``), told ``Save the column as
   text, so that 0110 keeps it``, is now told ``write '0110', and import that column as
   Text when opening the file in a spreadsheet``.
2. An O*NET ``Date`` a spreadsheet or R rewrote (``2024-08-01`` from R, ``8/1/2024`` or
   ``01/08/2024`` from a spreadsheet, ``Aug-24``) was refused as ``Date must be a month
   written MM/YYYY (like 08/2023), got '2024-08-01'``, without saying what happened or
   which month to write. Now the message goes on ``: a date a spreadsheet or R rewrote?
   write '08/2024', as O*NET does: take the file from O*NET again, and import that column
   as Text if you open it in a spreadsheet``; a date of another day (``2024-08-15``) is
   refused as before.
3. A SOC code (``11-1011``) in a table's O*NET-SOC column (task scores given to
   ``to_occupations`` or ``exposure rollup``, a crosswalk given to ``onet_to_soc_map``)
   was refused as ``onetsoc_code not an O*NET-SOC code (like 11-1011.00): '11-1011'``,
   without the ``'11-1011.00'`` advice the O*NET and crosswalk readers give. Now
   :func:`~exposure.schemas._fields.first_bad_onetsoc_code` adds it: ``...: '11-1011': a
   SOC code? an O*NET-SOC code has a two-digit suffix: write '11-1011.00' (the SOC
   occupation itself) or the O*NET-SOC code meant``.
4. :func:`~exposure.crosswalks.code_list` (``oews_code_map``'s ``soc_codes`` and
   ``oews_codes``, ``census_weights``'s ``scored``) refused a SOC code given as a number
   (``111011``, ``'111011'``) and a code of the other kind (``'11-1011.00'`` among SOC
   codes, ``'11-1011'`` among O*NET-SOC codes) naming only position and value: ``soc_codes
   must be a list of SOC codes (like 11-1011), got 111011 at position 0``. Now it says
   what they are and the code to write: ``...: a code saved as a number? write it as text
   with its hyphen: '11-1011'``; ``...: an O*NET-SOC code? a SOC code has no suffix: write
   '11-1011'``.

Tiny files in the real formats, written by the tests, and the roll-up fixtures.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from _cli import _no_env, rollup_args  # noqa: F401 (_no_env: autouse fixture)
from _frames import write_text
from test_faults_cli import cli, one_error_line

from exposure import crosswalks, onet
from exposure.errors import DataFormatError, SchemaError
from exposure.rollup import census_weights, to_occupations
from exposure.rollup._occupations import check_task_scores
from exposure.schemas._fields import code_hint, first_bad_onetsoc_code

ONET_TO_SOC = "O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,2018 SOC Code,2018 SOC Title\n"
CENSUS = "Job Zone,Occupation,Data-level,Code,cps_code\n"
TASK_HEAD = "O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\n"
TASK_ROW = "11-1011.00\t8823\tDirect or coordinate financial activities.\tCore\t95\t{date}\tIncumbent\n"
RATING_HEAD = ("O*NET-SOC Code\tTask ID\tScale ID\tCategory\tData Value\tN\tStandard Error\t"
               "Lower CI Bound\tUpper CI Bound\tRecommend Suppress\tDate\tDomain Source\n")
RATING_ROW = "11-1011.00\t8823\tIM\tn/a\t4.5\t60\t0.1\t4.3\t4.7\tN\t{date}\tIncumbent\n"
DATE_SAID = ("a date? a spreadsheet read the code 11-2011 as one; take the codes from the source again and "
             "import that column as Text when opening the file, or type the code with a leading apostrophe "
             "('11-2011)")
SOC_SAID = ("a SOC code? an O*NET-SOC code has a two-digit suffix: write '11-1011.00' (the SOC occupation "
            "itself) or the O*NET-SOC code meant")


def _ends(said: str) -> str:
    """A ``match`` pattern for a message ending with ``said``."""
    return re.escape(said) + "$"


# --- 1. advice on a code read as a date, and on lost leading zeros, that works -------------------

@pytest.mark.parametrize("cell", ["2011-11-01", "2011-11-01 00:00:00", "2011-11-01T00:00:00"])
def test_1_code_read_as_a_date_gets_advice_that_works(tmp_path, cell):
    path = write_text(tmp_path, "o2s.csv", ONET_TO_SOC + f"11-2011.00,Accountants,{cell},Accountants\n")
    with pytest.raises(SchemaError, match=_ends(f"got {cell!r}: {DATE_SAID}")) as info:
        crosswalks.read_onet_to_soc(path)
    assert (info.value.row, info.value.column) == (2, "2018 SOC Code")
    assert "save the column as text" not in code_hint(cell)


@pytest.mark.parametrize("cell, code", [("20", "0020"), ("20.0", "0020"), ("430", "0430")])
def test_1_census_code_that_lost_its_zeros_is_told_the_code_to_write(tmp_path, cell, code):
    path = write_text(tmp_path, "census.csv", CENSUS + f"5,Chief Executives,Y,11-1011.00,{cell}\n")
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_census_crosswalk(path)
    assert str(info.value) == (f"{path}, row 2, column 'cps_code': cps_code must be a four-digit Census 2018 "
                               f"OCC code (like '0010'), got {cell!r} (leading zeros lost? write {code!r}, and "
                               "import that column as Text when opening the file in a spreadsheet)")


def test_1_isco_group_that_lost_its_zero_is_told_the_code_to_write(tmp_path):
    path = write_text(tmp_path, "ISCOGroups_en.csv", "conceptType,code,preferredLabel\nISCOGroup,0,Armed forces\n"
                                                     "ISCOGroup,110,Commissioned armed forces officers\n")
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_isco_groups(path)
    assert str(info.value) == (f"{path}, row 3, column 'code': '110' is no ISCO-08 group (no sub-major or minor "
                               "group has a 0 after its first digit): the unit group '0110' with its leading zero "
                               "lost? write '0110', and import that column as Text when opening the file in a "
                               "spreadsheet")


# --- 2. an O*NET Date a spreadsheet or R rewrote -------------------------------------------------

def _rewritten(month: str) -> str:
    return (f": a date a spreadsheet or R rewrote? write {month!r}, as O*NET does: take the file from O*NET "
            "again, and import that column as Text if you open it in a spreadsheet")


@pytest.mark.parametrize("date, month", [
    ("2024-08-01", "08/2024"),  # R's write.csv of a Date
    ("2024-08-01 00:00:00", "08/2024"),
    ("8/1/2024", "08/2024"),  # a spreadsheet in a US setting
    ("01/08/2024", "08/2024"),  # day first
    ("1/1/2024", "01/2024"),
    ("Aug-24", "08/2024"),  # Excel's 'mmm-yy'
    ("August 2024", "08/2024"),
    ("12/98", "12/1998"),
])
def test_2_onet_date_rewritten_by_a_spreadsheet_says_so_and_the_month(tmp_path, date, month):
    path = write_text(tmp_path, "Task Statements.txt", TASK_HEAD + TASK_ROW.format(date=date))
    with pytest.raises(SchemaError) as info:
        onet.read_tasks(path)
    assert str(info.value) == (f"{path}, row 2, column 'Date': Date must be a month written MM/YYYY (like "
                               f"08/2023), got {date!r}{_rewritten(month)}")
    # following the advice works
    path.write_text(TASK_HEAD + TASK_ROW.format(date=month), encoding="utf-8")
    assert onet.read_tasks(path)["date"].tolist() == [month]


def test_2_onet_date_of_the_ratings_says_so_too_but_not_of_a_date_of_no_month(tmp_path):
    path = write_text(tmp_path, "Task Ratings.txt", RATING_HEAD + RATING_ROW.format(date="08/2023")
                      + RATING_ROW.format(date="2023-08-01").replace("\tIM\t", "\tRT\t"))
    with pytest.raises(SchemaError, match=r"row 3, column 'Date': .*got '2023-08-01'" + _ends(_rewritten("08/2023"))):
        onet.read_task_ratings(path)
    for date in ("8/2/2024", "13/2024", "Smarch 2024"):  # no month a spreadsheet made: as before
        path = write_text(tmp_path, "Task Statements.txt", TASK_HEAD + TASK_ROW.format(date=date))
        with pytest.raises(SchemaError) as info:
            onet.read_tasks(path)
        assert str(info.value).endswith(f"Date must be a month written MM/YYYY (like 08/2023), got {date!r}")
    # round 81: a date with its day, which can be told (15 is no month), gets the month to write
    path = write_text(tmp_path, "Task Statements.txt", TASK_HEAD + TASK_ROW.format(date="2024-08-15"))
    with pytest.raises(SchemaError) as info:
        onet.read_tasks(path)
    assert str(info.value).endswith("Date must be a month written MM/YYYY (like 08/2023), got '2024-08-15': a date "
                                    "with its day, 15 August 2024? Date is a month: write '08/2024'")


# --- 3. a SOC code in an O*NET-SOC column of a table given -----------------------------------------

def _scores(fixtures, code) -> pd.DataFrame:
    frame = pd.read_csv(fixtures / "rollup" / "task_scores_tiny.csv", dtype={"onetsoc_code": str})
    frame.loc[1, "onetsoc_code"] = code
    return frame


def test_3_first_bad_onetsoc_code_says_a_soc_code_is_one():
    assert first_bad_onetsoc_code(pd.Series(["11-1011.00", "11-1011"])) == (
        1, f"not an O*NET-SOC code (like 11-1011.00): '11-1011': {SOC_SAID}")
    # a code of another form is not said to be a SOC code; a padded one is, its spaces named (round 73)
    assert first_bad_onetsoc_code(pd.Series(["11-101"]))[1] == "not an O*NET-SOC code (like 11-1011.00): '11-101'"
    assert first_bad_onetsoc_code(pd.Series(["11-1011 "]))[1] == (
        f"not an O*NET-SOC code (like 11-1011.00): '11-1011 ': spaces around the code: {SOC_SAID}")


def test_3_task_scores_with_a_soc_code_are_told_the_code_to_write(fixtures):
    ts = _scores(fixtures, "11-1011")
    for call in (lambda: to_occupations(ts, weights="equal"), lambda: check_task_scores(ts)):
        with pytest.raises(DataFormatError) as info:
            call()
        assert str(info.value) == ("task_scores, row 2, column 'onetsoc_code': not an O*NET-SOC code (like "
                                   f"11-1011.00): '11-1011': {SOC_SAID}")


def test_3_rollup_command_tells_the_code_to_write(fixtures, tmp_path, capsys):
    scores = tmp_path / "scores.csv"
    _scores(fixtures, "11-1011").to_csv(scores, index=False)
    code, _, err = cli(capsys, *rollup_args(fixtures, scores, tmp_path / "out"))
    line = one_error_line(err, command="rollup")
    assert code == 2
    assert line.endswith(f"{scores}, row 3, column 'onetsoc_code': not an O*NET-SOC code (like "
                         f"11-1011.00): '11-1011': {SOC_SAID}"), line
    assert not (tmp_path / "out").exists()


def test_3_crosswalk_frame_with_a_soc_code_is_told_the_code_to_write():
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021"], "soc_code": ["11-1011", "13-1020"]})
    with pytest.raises(DataFormatError) as info:
        crosswalks.onet_to_soc_map(xw)
    assert str(info.value) == ("crosswalk, row 2, column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): "
                               "'13-1021': a SOC code? an O*NET-SOC code has a two-digit suffix: write "
                               "'13-1021.00' (the SOC occupation itself) or the O*NET-SOC code meant")


# --- 4. a list of codes with a code saved as a number or of the other kind -------------------------

NUMBER_SAID = ": a code saved as a number? write it as text with its hyphen: '11-1011'"


@pytest.mark.parametrize("code, said", [
    (111011, NUMBER_SAID), ("111011", NUMBER_SAID), (111011.0, NUMBER_SAID),
    ("11-1011.00", ": an O*NET-SOC code? a SOC code has no suffix: write '11-1011'"),
])
def test_4_oews_code_map_says_what_a_code_is(code, said):
    for args, name in ((([code], ["11-1011"]), "soc_codes"), ((["11-1011"], [code]), "oews_codes")):
        with pytest.raises(DataFormatError) as info:
            crosswalks.oews_code_map(*args)
        assert str(info.value) == (f"{name} must be a list of SOC codes (like 11-1011), got {code!r} at position 0"
                                   f"{said}")


def test_4_census_weights_scored_says_a_soc_code_is_one():
    cxw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03"], "census_occ": ["0010"] * 2})
    cemp = pd.DataFrame({"soc_code": ["11-1011"], "tot_emp": [200.0]})
    for code, said in (("11-1011", f": {SOC_SAID}"),
                       (111011, ": a code saved as a number? write it as text with its hyphen and suffix: "
                                "'11-1011.00' (the SOC occupation itself) or the O*NET-SOC code meant")):
        with pytest.raises(DataFormatError) as info:
            census_weights(cxw, cemp, scored=["11-1011.00", code])
        assert str(info.value) == ("scored must be a list of O*NET-SOC codes (like 11-1011.00), got "
                                   f"{code!r} at position 1{said}")
    with pytest.raises(DataFormatError, match=r"got 5 at position 1$"):  # no code: nothing to advise
        census_weights(cxw, cemp, scored=["11-1011.00", 5])
