"""Round 67: the reproduction, source and agreement reports and ``exposure report``.

Faults found (each test below failed before its fix):

1. ``reproduction.coverage_table`` (``reproduction_coverage.csv`` of ``exposure report
   reproduction``) rolls several occupation sets up with several OEWS releases, and the
   warnings of ``to_soc`` named neither: every run of the report gave ``1 scored O*NET-SOC
   code reaches no OEWS occupation code ... (e.g. '45-3031.00' ...)``, ``2 scored ...
   (e.g. '11-1031.00' ...)`` and ``1 scored ... (e.g. '11-1031.00' ...)``, the last two
   naming the same code, where its errors say ``OEWS release '2025', occupations '...':``.
   Now each warning says so: ``OEWS release '2025', occupations 'Eloundou et al. train
   split': 1 scored O*NET-SOC code reaches no OEWS occupation code ...``. A direct
   ``to_soc`` call warns as before.
2. Every ``exposure report reproduction`` (``write_reproduction_reports``) warned ``the
   employment has no sector or 3-digit industry rows (an OEWS national table?): the sector
   and subsector tables are empty ...; give the OEWS by-industry table for them``: the
   report rolls the labels up with OEWS May 2021's national table on purpose (for the
   bootstrap of its headline shares, the ``all`` rows only), and the command has no option
   for another table. The note is no longer given there; ``rollup`` of a national table
   still gives it.
3. ``write_reproduction_reports`` read the O*NET task statements only after every other
   report was computed (the bootstrap included): a mirror or cache without them (or with
   a damaged copy) failed at the very end (34 s into ``exposure report reproduction``).
   Now every input is read before any report is computed: the error comes before the
   roll-up runs (no record of the roll-up's loggers).
4. ``write_reproduction_reports("reports ")`` and ``write_source_reports(counts, loaded,
   "reports ")`` (a directory with surrounding spaces, or the ``\\r`` of a CRLF line) made a
   new directory ``'reports '`` beside ``reports``, where ``exposure report ... --out-dir``
   and ``write_diff_reports`` refuse it; ``write_source_reports`` into a file or a symbolic
   link to nothing said ``report_dir/validate_row_counts.csv: cannot write: a parent of the
   path is not a directory``. Now ``report_dir 'reports ' has surrounding spaces (or a
   line end): remove them (...)``, ``afile: output exists and is not a directory`` and
   ``output path dangling is a symbolic link to nowhere, ...``, before anything is written.
5. A choice in another case was refused without saying what to write, where the commands
   do: ``evaluate_method("Rubric", ...)`` said ``unknown method 'Rubric'; choose learned,
   rubric or reference``, ``sources.validate_file("Tasks", path)`` listed the tables; and
   ``agreement.report_name`` checked the type only: ``report_name("Rubric")`` was
   ``agreement_Rubric.csv``, ``report_name("bogus")`` ``agreement_bogus.csv``. Now ``...:
   write 'rubric' (the choices are case-sensitive)`` (``write 'tasks'``), and
   ``report_name`` refuses an unknown method as ``evaluate_method`` does.
6. ``reproduction.coverage_table`` counted ``n_onet`` and the naive join's employment over
   the occupations with a ``beta``, but the shares (``n_oews_scored``, ``covered_emp``,
   ``share``, ``prefix_share``, from :func:`exposure.rollup.coverage`) over those with a
   value of alpha, beta or gamma: occupation scores without a beta on some rows (alpha and
   gamma only) gave one row saying ``n_onet`` 1, ``n_oews_scored`` 2, ``covered_emp`` 4 and
   ``naive_join_emp`` 1, the naive join (which counts a code's workers once per O*NET
   child) below the covered employment. Now all are counted as ``coverage`` counts them:
   ``n_onet`` 2, ``naive_join_emp`` 4. The shipped report is unchanged (every occupation
   there has all three).
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import pandas as pd
import pytest

from exposure.errors import DataFormatError, ExposureError
from exposure.reports.agreement import evaluate_method, report_name
from exposure.reports.reproduction import coverage_table, write_reproduction_reports
from exposure.reports.sources import validate_file, write_source_reports
from exposure.rollup import rollup, to_soc

NO_OEWS = "reaches no OEWS occupation code"
NO_SECTORS = "no sector or 3-digit industry rows"


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def _occ(codes) -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": list(codes), "alpha": 0.1, "beta": 0.2, "gamma": 0.3, "n_tasks": 2})


def _xw() -> pd.DataFrame:
    # 55-1011 (military): a SOC code OEWS does not publish
    return pd.DataFrame({"onetsoc_code": ["13-1021.00", "15-1252.00", "55-1011.00"],
                         "soc_code": ["13-1021", "15-1252", "55-1011"]})


def _emp() -> pd.DataFrame:
    return pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["13-1021", "15-1252"],
                         "o_group": "detailed", "tot_emp": [1.0, 3.0]})


# ------------------------------------------------------------------ 1. coverage_table's warnings named
def test_coverage_table_warnings_name_the_release_and_the_set(caplog):
    caplog.set_level(logging.WARNING)
    sets = {"all": _occ(["13-1021.00", "55-1011.00"]), "train": _occ(["15-1252.00", "55-1011.00"])}
    coverage_table(sets, _xw(), {"2021": _emp()})
    lost = [m for m in _warnings(caplog) if NO_OEWS in m]
    assert len(lost) == 2
    assert lost[0].startswith(f"OEWS release '2021', occupations 'all': 1 scored O*NET-SOC code {NO_OEWS}")
    assert lost[1].startswith(f"OEWS release '2021', occupations 'train': 1 scored O*NET-SOC code {NO_OEWS}")
    assert "'55-1011.00'" in lost[1]
    caplog.clear()  # a direct to_soc, after: as before, without a prefix
    to_soc(_occ(["13-1021.00", "55-1011.00"]), _xw(), _emp())
    assert [m[:len(NO_OEWS) + 24] for m in _warnings(caplog)] == [f"1 scored O*NET-SOC code {NO_OEWS}"]


# ------------------------------------------------------------------ 1, 2. the real report's warnings
def test_reproduction_report_warns_of_its_sets_and_not_of_sectors(shared_data, tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    reports = write_reproduction_reports(tmp_path / "out", mirror=shared_data, n_draws=2)
    assert len(reports) == 4
    messages = _warnings(caplog)
    assert not [m for m in messages if NO_SECTORS in m]
    lost = [m for m in messages if NO_OEWS in m]
    assert lost and all(m.startswith("OEWS release '") for m in lost)
    assert any(m.startswith("OEWS release '2025', occupations 'Eloundou et al. train split': ") for m in lost)
    caplog.clear()  # rollup of a national table, after: the note as before
    ts = pd.DataFrame({"onetsoc_code": ["13-1021.00", "15-1252.00"], "task_id": [1, 2], "label": ["E1", "E0"],
                       "alpha": [1.0, 0.0], "beta": [1.0, 0.0], "gamma": [1.0, 0.0]})
    rollup(ts, _xw().iloc[:2], _emp(), weights="equal")
    assert [m for m in _warnings(caplog) if NO_SECTORS in m]


# ------------------------------------------------------------------ 3. every input read before the reports
def _mirror_without_task_statements(shared_data, root):
    """A mirror of links to the real one's folders, without O*NET 29.1's task statements.

    The links are absolute: the CI gives the mirror as a relative path (``../shared/data``).
    """
    shared_data = Path(shared_data).resolve()
    root.mkdir()
    for name in ("crosswalks", "oews", "reference"):
        os.symlink(shared_data / name, root / name)
    onet = root / "onet" / "29.1"
    onet.mkdir(parents=True)
    for path in (shared_data / "onet" / "29.1").iterdir():
        if path.name != "Task Statements.txt":
            os.symlink(path, onet / path.name)
    return root


def test_reproduction_reports_read_the_task_statements_before_any_report(shared_data, tmp_path, caplog):
    mirror = _mirror_without_task_statements(shared_data, tmp_path / "mirror")
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ExposureError, match=r"onet/29\.1/Task Statements\.txt: not found in mirror"):
        write_reproduction_reports(tmp_path / "out", mirror=mirror, data_dir=tmp_path / "cache", n_draws=2)
    assert not [r for r in caplog.records if r.name.startswith("exposure.rollup")]  # no report was computed
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ 4. report directories with spaces, files, links
def _counts() -> pd.DataFrame:
    return pd.DataFrame({"source": ["oews"], "release": ["2025"], "table": ["national"],
                         "rows": pd.array([1400], dtype="Int64")})


@pytest.mark.parametrize("name", ["reports ", "reports\r", " reports"])
def test_write_source_reports_refuses_a_directory_with_spaces(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports").mkdir()
    with pytest.raises(ExposureError, match=rf"report_dir {re.escape(repr(name))} has surrounding spaces \(or a line end\): "
                                            r"remove them"):
        write_source_reports(_counts(), {}, name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]
    (tmp_path / name).mkdir()  # a directory of that very name: written into as before
    paths = write_source_reports(_counts(), {}, name)
    assert [p.read_text().splitlines()[0] for p in paths] == ["source,release,table,rows", "source,release,figure,value"]


def test_write_source_reports_names_a_file_and_a_link_to_nothing(tmp_path):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(DataFormatError, match=r"afile: output exists and is not a directory \(a file\): give a directory "  # round 81: the kind of entry said, and what to give
                                          r"\(one that does not exist is made\)$"):
        write_source_reports(_counts(), {}, tmp_path / "afile")
    os.symlink(tmp_path / "nowhere", tmp_path / "dangling")
    with pytest.raises(ExposureError, match=r"dangling is a symbolic link to .*nowhere, which does not exist"):
        write_source_reports(_counts(), {}, tmp_path / "dangling")
    assert not (tmp_path / "nowhere").exists()


def test_write_reproduction_reports_refuses_a_directory_with_spaces(tmp_path):
    (tmp_path / "mirror").mkdir()
    with pytest.raises(ExposureError, match=r"out_dir '.*reports ' has surrounding spaces \(or a line end\)"):
        write_reproduction_reports(tmp_path / "reports ", mirror=tmp_path / "mirror", data_dir=tmp_path / "cache")
    assert not (tmp_path / "reports ").exists()


# ------------------------------------------------------------------ 5. choices in another case
def test_evaluate_method_in_another_case_says_what_to_write():
    with pytest.raises(ExposureError, match=r"unknown method 'Rubric'; choose learned, rubric or reference: "
                                            r"write 'rubric' \(the choices are case-sensitive\)$"):
        evaluate_method("Rubric", pd.DataFrame())


@pytest.mark.parametrize(("method", "hint"), [("Rubric", ": write 'rubric'"), ("bogus", "")])
def test_report_name_refuses_an_unknown_method(method, hint):
    with pytest.raises(ExposureError, match=rf"unknown method '{method}'; choose learned, rubric or reference{hint}"):
        report_name(method)


def test_validate_file_table_in_another_case_says_what_to_write(tmp_path):
    path = tmp_path / "Task Statements.txt"
    path.write_text("x")
    with pytest.raises(ExposureError, match=r"unknown table 'Tasks'; choose from occupations, tasks, .*census_crosswalk"
                                            r": write 'tasks' \(the choices are case-sensitive\)$"):
        validate_file("Tasks", path)


# ------------------------------------------------------------------ 6. coverage_table counts as coverage does
def test_coverage_table_counts_an_occupation_without_a_beta_as_the_shares_do():
    # alpha and gamma only (beta left out on every row: a row of some measures is refused by to_soc, round 71)
    occ = _occ(["13-1021.00", "15-1252.00"]).assign(beta=[None, None])
    row = coverage_table({"x": occ}, _xw(), {"2025": _emp()}).iloc[0]
    assert (row["n_onet"], row["n_oews_scored"]) == (2, 2)
    assert (row["covered_emp"], row["naive_join_emp"], row["share"]) == (4, 4, 1.0)
    none = _occ(["13-1021.00", "15-1252.00"]).assign(alpha=[0.1, None], beta=[0.2, None], gamma=[0.3, None])
    row = coverage_table({"x": none}, _xw(), {"2025": _emp()}).iloc[0]  # a row without any value: not scored
    assert (row["n_onet"], row["n_oews_scored"], row["covered_emp"], row["naive_join_emp"]) == (1, 1, 1, 1)
