"""Faults of the roll-ups found in round 6, each a case that broke a promise before.

1. ``exposure score`` reads O*NET's own headers (``O*NET-SOC Code``, ``Task ID``, ``Task
   Type``, ``Task``, ``Title``) but ``exposure rollup`` said ``missing column(s)
   ['onetsoc_code', 'task_id']``: both commands now read them by one rule (the alias map
   of :mod:`exposure.scoring._files`);
2. ``rollup`` (and ``to_occupations``) silently stripped whitespace around an
   ``onetsoc_code`` (`` 15-1211.00``), which ``score`` refuses: both refuse it now,
   naming the row and column;
3. ``workforce_stats`` and ``working_time`` read measures with
   ``pd.to_numeric(errors="coerce")``: ``True`` was 1.0, text became NaN and a complex
   value was cut to its real part, without a word. They check measures with
   :func:`~exposure.rollup._soc.measure_values`, as ``to_soc`` and ``to_sectors`` do.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _cli import _no_env, rollup_args, run  # noqa: F401 (_no_env: autouse fixture)

from exposure.cli._rollup import read_task_scores
from exposure.errors import DataFormatError
from exposure.rollup import to_occupations, workforce_stats, working_time
from exposure.rollup._occupations import check_task_scores
from exposure.scoring._files import ONET_HEADER_ALIASES

TEXTS = ["Direct the organization.", "Approve budgets.", "Plan events.", "Hire staff.", "Set goals.",
         "Review reports.", "Buy supplies.", "Compare bids.", "Write code.", "Test code."]


def _scores_frame(fixtures) -> pd.DataFrame:
    """The tiny task scores, every cell as text, with a task text and a title column."""
    frame = pd.read_csv(fixtures / "rollup" / "task_scores_tiny.csv", dtype=str, keep_default_na=False)
    return frame.assign(task=TEXTS, title="Some title")


def _write(frame: pd.DataFrame, path) -> None:
    frame.to_csv(path, index=False)


# ------------------------------------------------- 1: O*NET's published headers
def _published(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the library's column names replaced by O*NET's (the alias map reversed)."""
    return frame.rename(columns={dst: src for src, dst in ONET_HEADER_ALIASES.items()})


def test_alias_map_covers_the_headers_of_the_finding():
    assert {"O*NET-SOC Code", "Task ID", "Task Type", "Task", "Title"} <= set(ONET_HEADER_ALIASES)


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_rollup_reads_onet_published_headers_as_score_does(fixtures, tmp_path, capsys, fmt):
    """The same scores under O*NET's headers give the same files, byte for byte."""
    ours, theirs = tmp_path / "ours.csv", tmp_path / "theirs.csv"
    _write(_scores_frame(fixtures), ours)
    _write(_published(_scores_frame(fixtures)), theirs)
    assert "O*NET-SOC Code,Task ID," in theirs.read_text().splitlines()[0]
    assert run(capsys, *rollup_args(fixtures, ours, tmp_path / "a", "--format", fmt)) == (0, "")
    # before: exit 2, "theirs.csv: missing column(s) ['onetsoc_code', 'task_id']"
    assert run(capsys, *rollup_args(fixtures, theirs, tmp_path / "b", "--format", fmt)) == (0, "")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir()) and len(names) == 7
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_rollup_task_type_header_drives_core_weights(fixtures, tmp_path, capsys):
    """``Task Type`` is read as ``task_type``: core weights need no task statements."""
    frame = _published(_scores_frame(fixtures))
    frame.loc[2, "Task Type"] = "core"  # a type the roll-up refuses, under O*NET's header
    bad = tmp_path / "theirs.csv"
    _write(frame, bad)
    code, line = run(capsys, *rollup_args(fixtures, bad, tmp_path / "o"))
    assert code == 2
    assert line.endswith(f"{bad}, row 4, column 'task_type': task_type must be Core or Supplemental "
                         "(or missing, blank or n/a), got 'core': write 'Core' (the choices are "
                         "case-sensitive)"), line
    assert not (tmp_path / "o").exists()


def test_read_task_scores_renames_onet_headers(fixtures, tmp_path):
    ours, theirs = tmp_path / "ours.csv", tmp_path / "theirs.csv"
    _write(_scores_frame(fixtures), ours)
    _write(_published(_scores_frame(fixtures)), theirs)
    pd.testing.assert_frame_equal(read_task_scores(theirs), read_task_scores(ours))


def test_read_task_scores_keeps_the_library_column_beside_onet_header(fixtures, tmp_path):
    """Where both names are columns, the library's is read and O*NET's kept as it is (as score does)."""
    frame = _scores_frame(fixtures)
    frame.insert(0, "O*NET-SOC Code", "99-9999.99")
    path = tmp_path / "both.csv"
    _write(frame, path)
    got = read_task_scores(path)
    assert got["onetsoc_code"].tolist() == frame["onetsoc_code"].tolist()
    assert (got["O*NET-SOC Code"] == "99-9999.99").all()


def test_rollup_still_names_what_is_missing(tmp_path, capsys):
    path = tmp_path / "s.csv"
    path.write_text("O*NET-SOC Code,Task ID,alpha,beta\n11-1011.00,1,1,1\n")
    code, line = run(capsys, "rollup", path, "-o", tmp_path / "o")
    assert code == 2
    assert line.endswith(f"{path}: missing column(s) ['gamma']"), line


# ------------------------------------------------- 2: a padded onetsoc_code
@pytest.mark.parametrize("cell, tail", [
    # the spaces named since round 73 (code_hint)
    (" 11-1011.00", ": spaces around the code: write '11-1011.00'"),
    ("11-1011.00 ", ": spaces around the code: write '11-1011.00'"),
    ("11-1011.00\t", ": a tab or a line break around the code: write '11-1011.00'"),
    # the no-break space is named since round 73 (code_hint)
    ("\u00a011-1011.00", ": '\\xa0' (U+00A0, a space that is not the plain space; pasted from a web page?): "
                         "write '11-1011.00'"),
])
def test_rollup_refuses_a_padded_onetsoc_code_as_score_does(fixtures, tmp_path, capsys, cell, tail):
    frame = _scores_frame(fixtures)
    frame.loc[1, "onetsoc_code"] = cell  # file row 3
    bad = tmp_path / "padded.csv"
    _write(frame, bad)
    code, line = run(capsys, *rollup_args(fixtures, bad, tmp_path / "o"))
    # before: exit 0, the tables of the clean file
    assert code == 2
    assert line.endswith(f"{bad}, row 3, column 'onetsoc_code': not an O*NET-SOC code "
                         f"(like 11-1011.00): {cell!r}{tail}"), line
    assert not (tmp_path / "o").exists()
    # exposure score refuses the same cell, on the same row and column
    code, line = run(capsys, "score", bad, "-o", tmp_path / "scored.csv", "--method", "rubric", "--onet", "none")
    assert code == 2
    assert f"{bad}, row 3, column 'onetsoc_code': " in line, line


@pytest.mark.parametrize("cell", [" 11-1011.00", "11-1011.00 ", "11-1011.00\n"])
def test_to_occupations_refuses_a_padded_onetsoc_code(fixtures, cell):
    ts = pd.read_csv(fixtures / "rollup" / "task_scores_tiny.csv", dtype={"onetsoc_code": str})
    ts.loc[4, "onetsoc_code"] = cell.replace("11-1011.00", "11-1011.03")
    shown = cell.replace("11-1011.00", "11-1011.03")
    for call in (lambda: to_occupations(ts, weights="equal"), lambda: check_task_scores(ts)):
        with pytest.raises(DataFormatError) as info:
            call()
        around = "spaces" if cell.strip(" ") == "11-1011.00" else "a tab or a line break"
        assert str(info.value) == (f"task_scores, row 5, column 'onetsoc_code': not an O*NET-SOC code "
                                   f"(like 11-1011.00): {shown!r}: {around} around the code: write '11-1011.03'")
        assert (info.value.row, info.value.column) == (5, "onetsoc_code")


def test_clean_codes_still_roll_up(fixtures):
    ts = pd.read_csv(fixtures / "rollup" / "task_scores_tiny.csv", dtype={"onetsoc_code": str})
    occ = to_occupations(ts, weights="equal")
    assert occ["onetsoc_code"].tolist() == ["11-1011.00", "11-1011.03", "13-1021.00", "15-1252.00"]


# ------------------------------------------------- 3: measures of workforce_stats, working_time
def _soc_emp(**changes) -> pd.DataFrame:
    """SOC scores with employment and wages (what workforce_stats and working_time read)."""
    soc = pd.DataFrame({"soc_code": ["11-1011", "13-1020", "15-1252"], "soc_title": ["A", "B", "C"],
                        "alpha": [0.3, 0.0, 0.7], "beta": [0.4, 0.3, 0.8], "gamma": [0.5, 0.6, 0.9],
                        "tot_emp": [100.0, 50.0, 30.0], "a_mean": [50.0, 60.0, 70.0]})
    return soc.assign(**changes)


BAD = [  # (values of beta, the row refused, why)
    (pd.Series([0.4, True, 0.8], dtype=object), 2, "not a number: True"),
    (pd.Series([False, True, True]), 1, "not a number: False"),  # a bool column: its first row
    (pd.Series([0.4, np.True_, 0.8], dtype=object), 2, "not a number: True"),
    (pd.Series([pd.NA, True, False], dtype="boolean"), 2, "not a number: True"),
    (pd.Series([0.4, "0,3", 0.8], dtype=object), 2, "not a number: '0,3': a decimal comma? write decimals with a point: '0.3'"),
    (pd.Series([0.4, "high", 0.8], dtype=object), 2, "not a number: 'high'"),
    (pd.Series([0.4, 0.3 + 1j, 0.8], dtype=object), 2, "not a number: (0.3+1j)"),
    (pd.Series([0.4, 0.3 + 1j, 0.8]), 1, "not a number: (0.4+0j)"),  # a complex column: its first row
    (pd.Series([0.4, 1.5, 0.8]), 2, "must be in [0, 1], got 1.5"),
    (pd.Series([0.4, -0.1, 0.8]), 2, "must be in [0, 1], got -0.1"),
    (pd.Series([0.4, np.inf, 0.8]), 2, "must be in [0, 1], got inf"),
]


@pytest.mark.parametrize(("values", "row", "reason"), BAD)
@pytest.mark.parametrize("call", [
    lambda soc: workforce_stats(soc),
    lambda soc: workforce_stats(soc, measures=["beta"]),
    lambda soc: working_time(soc),
    lambda soc: working_time(soc, gain=1.0, measure="beta"),
], ids=["workforce_stats", "workforce_stats_beta", "working_time", "working_time_beta"])
def test_bad_measures_are_refused_naming_row_and_column(call, values, row, reason):
    # before: True read as 1.0, text as missing, (0.3+1j) as 0.3, 1.5 passed by working_time
    with pytest.raises(DataFormatError) as info:
        call(_soc_emp(beta=values))
    assert str(info.value) == f"soc_scores, row {row}, column 'beta': {reason}"
    assert (info.value.row, info.value.column) == (row, "beta")


def test_working_time_checks_the_measure_it_reads():
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 3, column 'gamma': not a number: True$"):
        working_time(_soc_emp(gamma=pd.Series([0.5, 0.6, True], dtype=object)), measure="gamma")
    # a bad value in a measure it does not read is not its business
    working_time(_soc_emp(gamma=pd.Series([0.5, 0.6, True], dtype=object)), measure="beta")


@pytest.mark.parametrize("call", [lambda soc: workforce_stats(soc), lambda soc: working_time(soc)])
def test_missing_measures_stay_missing_and_numeric_text_is_read(call):
    expected = call(_soc_emp(beta=[0.4, None, 0.8]))
    for blank in ("", "  ", np.nan, pd.NA):
        pd.testing.assert_frame_equal(call(_soc_emp(beta=pd.Series([0.4, blank, 0.8], dtype=object))), expected)
    pd.testing.assert_frame_equal(call(_soc_emp(beta=pd.Series(["0.4", "0.3", "0.8"], dtype=object))),
                                  call(_soc_emp()))
