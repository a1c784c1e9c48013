"""Fault round 73, second pass over the roll-ups (``exposure.rollup``) and ``exposure rollup``.

1. A choice of the roll-ups written in another case was refused with the choices listed
   only, where the library's other choices (``weights='Core'``, ``--format CSV``) say
   which to write (:func:`exposure._args.choice_hint`): a label ``'e1'`` of the task
   scores (``row 3, column 'label': unknown exposure label 'e1' (expected E0, E1 or
   E2)``), a task type ``'core'`` or ``'CORE'`` (``... task_type must be Core or
   Supplemental (or missing, blank or n/a), got 'core'``; also from ``exposure rollup``,
   naming the file), ``to_sectors(level='Sector')`` (``unknown level 'Sector'; expected
   'sector' or 'subsector'``), ``to_soc(combine='N_tasks')`` and
   ``workforce_stats(measures=['Beta'])``. Now each adds ``: write 'E1' (the choices are
   case-sensitive)`` (``'Core'``, ``'sector'``, ``'n_tasks'``, ``'beta'``), and following
   it works. A value that is no choice in any case (``'E3'``, ``'Core '``) is refused as
   before.
2. A NAICS code of an employment frame that is not an OEWS industry code was given
   :func:`~exposure.crosswalks.code_hint`'s hint without the pattern of NAICS codes: a code
   with an en dash was told to write the code with a hyphen even when that is no code
   (``'3–33'``: ``write '3-33'``, refused again); a code with spaces around it (``' 52'``)
   was named without a word of why; a whole number written as text (``'11.0'``, which the
   frame reads as ``11`` when it is a number) was told "a number? ... write it as text",
   which it was. Now the dash is named without advice when the code would still be none,
   ``' 11'`` says ``spaces around the code: write '11'``, and ``'11.0'`` says ``a code
   saved as a number? write it without its decimals: '11'``; each advice, followed, works.
3. A ``tot_emp`` or ``a_mean`` of an employment frame (or of ``soc_scores``) written with a
   decimal comma (``'60,0'``, ``'45.000,50'``) was refused as ``tot_emp must be a number or
   a BLS special value (** * # ~), got '60,0'`` and no more, where the readers of OEWS's
   and O*NET's files and of the published measures say why. Now the message adds ``: a
   comma must separate thousands (1,234); write decimals with a point (0.5), not a comma``
   (their :data:`~exposure.measures._crosswalk.COMMA_NOTE`); thousands (``'1,234'``) are
   read as before, and other text gets no such advice.
4. ``exposure rollup --gain 0,5`` (a decimal comma) was refused as ``argument --gain:
   invalid float value: '0,5'`` and no more. Now ``... invalid float value: '0,5': a
   decimal comma? write decimals with a point: '0.5'`` (the advice of a measure so
   written), and ``--gain 0.5`` runs.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _frames import crosswalk, employment, occupation_scores, soc_scores
from test_faults_cli import cli

from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.rollup import (
    employment_frame,
    task_weights,
    to_occupations,
    to_sectors,
    to_soc,
    workforce_stats,
    working_time,
)
from exposure.rollup._occupations import check_task_scores

HINT = " (the choices are case-sensitive)"


def _task_scores(fixtures: Path) -> pd.DataFrame:
    """The tiny task scores of the roll-up fixtures (row 1: label E1, task type Core)."""
    return pd.read_csv(fixtures / "rollup" / "task_scores_tiny.csv", dtype={"onetsoc_code": str})


def _with(frame: pd.DataFrame, column: str, pos: int, value) -> pd.DataFrame:
    """``frame`` with ``column`` as objects and ``value`` at position ``pos``."""
    out = frame.copy()
    out[column] = out[column].astype(object)
    out.iloc[pos, out.columns.get_loc(column)] = value
    return out


# 1. a choice written in another case is told the one to write -----------------------------


def test_1_a_label_in_lower_case_is_told_the_label_to_write(fixtures):
    ts = _task_scores(fixtures)
    with pytest.raises(DataFormatError) as info:
        check_task_scores(_with(ts, "label", 0, "e1"))
    assert str(info.value) == ("task_scores, row 1, column 'label': unknown exposure label 'e1' (expected E0, E1 "
                               f"or E2): write 'E1'{HINT}")
    assert to_occupations(_with(ts, "label", 0, "E1"), "equal").equals(to_occupations(ts, "equal"))
    with pytest.raises(DataFormatError) as info:  # no label in any case: as before
        check_task_scores(_with(ts, "label", 0, "E3"))
    assert str(info.value).endswith("unknown exposure label 'E3' (expected E0, E1 or E2)")


@pytest.mark.parametrize(("value", "meant"), [("core", "Core"), ("CORE", "Core"), ("supplemental", "Supplemental")])
def test_1_a_task_type_in_another_case_is_told_the_type_to_write(fixtures, value, meant):
    ts = _task_scores(fixtures)
    pos = int(np.flatnonzero(ts["task_type"].eq(meant).to_numpy())[0])
    with pytest.raises(DataFormatError) as info:
        task_weights(_with(ts, "task_type", pos, value), "core")
    assert str(info.value) == (f"task_scores, row {pos + 1}, column 'task_type': task_type must be Core or "  # (round 74)
                               f"Supplemental (or missing, blank or n/a), got {value!r}: write {meant!r}{HINT}")
    tasks = ts[["onetsoc_code", "task_id", "task_type"]]
    with pytest.raises(DataFormatError, match=f"^tasks, row {pos + 1}, column 'task_type': .*got {value!r}: "
                                              f"write {meant!r}"):
        task_weights(ts.drop(columns="task_type"), "core", tasks=_with(tasks, "task_type", pos, value))
    np.testing.assert_array_equal(task_weights(_with(ts, "task_type", pos, meant), "core"),
                                  task_weights(ts, "core"))
    with pytest.raises(DataFormatError) as info:  # padded: told the type to write too (round 74)
        task_weights(_with(ts, "task_type", pos, f"{meant} "), "core")
    assert str(info.value).endswith(f"got '{meant} ': write {meant!r} (without the spaces around it)")


def test_1_exposure_rollup_tells_the_label_to_write(fixtures, tmp_path, capsys):
    scores = tmp_path / "my scores.csv"
    _with(_task_scores(fixtures), "label", 0, "e1").to_csv(scores, index=False)
    d = fixtures / "rollup"
    args = ["--crosswalk", d / "onet_to_soc_tiny.csv", "--employment", d / "oews_tiny.csv"]
    code, _, err = cli(capsys, "rollup", scores, "-o", tmp_path / "out", *args)
    assert code == 2
    lines = [ln for ln in err.splitlines() if ": error: " in ln]
    assert lines == [f"exposure rollup: error: {scores}, row 2, column 'label': unknown exposure label 'e1' "
                     f"(expected E0, E1 or E2): write 'E1'{HINT}"], err
    assert not (tmp_path / "out").exists()


def test_1_level_combine_and_measures_in_another_case():
    with pytest.raises(DataFormatError) as info:
        to_sectors(soc_scores(), employment(), level="Sector")
    assert str(info.value) == f"unknown level 'Sector'; expected 'sector' or 'subsector': write 'sector'{HINT}"
    assert to_sectors(soc_scores(), employment(), level="sector")["naics"].tolist() == ["11"]
    with pytest.raises(DataFormatError) as info:
        to_soc(occupation_scores(), crosswalk(), employment(), combine="N_tasks")
    assert str(info.value) == f"unknown combine 'N_tasks'; expected one of equal, n_tasks: write 'n_tasks'{HINT}"
    assert len(to_soc(occupation_scores(), crosswalk(), employment(), combine="n_tasks")) == 2
    with pytest.raises(DataFormatError) as info:
        workforce_stats(soc_scores(tot_emp=[10.0, 30.0]), measures=["Beta"])
    assert str(info.value) == ("measures must be among alpha, beta, gamma (the measures of the workforce table), "
                               f"got 'Beta': write 'beta'{HINT}")
    assert set(workforce_stats(soc_scores(tot_emp=[10.0, 30.0]), measures=["beta"])["measure"]) == {"beta"}


# 2. a NAICS code that is none: the hint of NAICS codes -------------------------------------


def _naics(value) -> pd.DataFrame:
    """The employment fixture with the NAICS of its sector rows set to ``value``."""
    emp = employment()
    emp["naics"] = emp["naics"].astype(object)
    emp.loc[emp["i_group"] == "sector", "naics"] = value
    return emp


@pytest.mark.parametrize("value", ["3\u201333", "1\u20131"])
def test_2_a_dash_is_not_told_to_write_a_code_that_is_none(value):
    with pytest.raises(DataFormatError) as info:
        to_sectors(soc_scores(), _naics(value))
    assert str(info.value) == (
        f"employment frame, row 3, column 'naics': naics not an OEWS industry code (like 11, 31-33 or 113000): "
        f"{value!r}: '\u2013' (U+2013, a dash that is not the hyphen '-'; pasted from a document?)")
    with pytest.raises(DataFormatError) as info:  # a dash in a code that is one: told the code, as before
        to_sectors(soc_scores(), _naics("31\u201333"))
    assert str(info.value).endswith(": write '31-33'")


@pytest.mark.parametrize(("value", "hint"), [
    (" 11", ": spaces around the code: write '11'"),
    ("11 ", ": spaces around the code: write '11'"),
    ("11.0", ": a code saved as a number? write it without its decimals: '11'"),
    ("11.00", ": a code saved as a number? write it without its decimals: '11'"),
])
def test_2_padded_or_decimal_naics_text_is_told_the_code(value, hint):
    with pytest.raises(DataFormatError) as info:
        to_sectors(soc_scores(), _naics(value))
    assert str(info.value) == (f"employment frame, row 3, column 'naics': naics not an OEWS industry code (like 11, "
                               f"31-33 or 113000): {value!r}{hint}")
    written = hint.rsplit("'", 2)[1]
    assert to_sectors(soc_scores(), _naics(written)).equals(to_sectors(soc_scores(), employment()))


# 3. a decimal comma in an employment number -----------------------------------------------

COMMA = ": a comma must separate thousands (1,234); write decimals with a point ({}), not a comma"  # (round 74)


@pytest.mark.parametrize(("column", "value", "written"), [
    ("tot_emp", "60,0", "60.0"), ("a_mean", "45000,5", "45000.5"), ("a_mean", "45.000,50", "45,000.50")])
def test_3_a_decimal_comma_in_the_employment_frame_says_why(column, value, written):
    emp = employment().assign(a_mean=50000.0)
    with pytest.raises(DataFormatError) as info:
        employment_frame(_with(emp, column, 3, value))
    assert str(info.value) == (f"employment frame, row 4, column '{column}': {column} must be a number or a BLS "
                               f"special value (** * # ~), got {value!r}{COMMA.format(written.replace(',', ''))}")
    # the advice followed is read
    assert employment_frame(_with(emp, column, 3, written))[column].iloc[3] == float(written.replace(",", ""))


def test_3_a_decimal_comma_in_the_soc_scores_tot_emp_says_why():
    soc = soc_scores().assign(tot_emp=["10,5", 30.0])
    with pytest.raises(DataFormatError) as info:
        working_time(soc)
    assert str(info.value) == ("soc_scores, row 1, column 'tot_emp': tot_emp must be a number or a BLS special "
                               f"value (** * # ~), got '10,5'{COMMA.format('10.5')}")
    # thousands are read as before; text that is no number gets no comma advice
    assert working_time(soc.assign(tot_emp=["1,234", 30.0]))["tot_emp"].tolist() == [1234.0, 30.0]
    with pytest.raises(DataFormatError) as info:
        working_time(soc.assign(tot_emp=["n/a, suppressed", 30.0]))
    assert str(info.value).endswith("got 'n/a, suppressed'")


# 4. exposure rollup --gain with a decimal comma --------------------------------------------


def _gain_error(capsys, args) -> str:
    """The last line of ``exposure rollup ARGS`` refused by argparse (exit 2)."""
    with pytest.raises(SystemExit) as info:
        main([str(a) for a in args])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err.splitlines()[-1]


def test_4_gain_with_a_decimal_comma_is_told_the_number(fixtures, tmp_path, capsys):
    d = fixtures / "rollup"
    args = ["rollup", d / "task_scores_tiny.csv", "-o", tmp_path / "out", "--crosswalk", d / "onet_to_soc_tiny.csv",
            "--employment", d / "oews_tiny.csv"]
    assert _gain_error(capsys, [*args, "--gain", "0,5"]) == (
        "exposure rollup: error: argument --gain: invalid float value: '0,5': a decimal comma? write decimals with "
        "a point: '0.5'")
    assert not (tmp_path / "out").exists()
    # no number either way: as before
    assert _gain_error(capsys, [*args, "--gain", "abc"]) == ("exposure rollup: error: argument --gain: invalid "
                                                             "float value: 'abc'")
    code, out, err = cli(capsys, *args, "--gain", "0.5")
    assert code == 0, err
    assert "wrote 7 files" in out
