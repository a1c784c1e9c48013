"""Fault round 75 (second wave): an O*NET release whose files come from different releases.

1. An ``Emerging Tasks`` file of another release beside the ``Task Statements`` (29.1's
   emerging tasks with 30.1's statements, where 12 of them have become statements; a
   release folder put together from two downloads) listed as emerging, "not yet in the
   statements", tasks that are statements of their occupation: ``load_onet`` (so
   ``exposure recompute --onet-release 31.0``) and ``check_references`` read it without a
   word. Now refused, naming the file, row and column and the statement:
   ``.../Emerging Tasks.txt, row 4, column 'Task': Task 'Confer with board members.' of
   11-1011.00 is already task 102 of Task Statements.txt: an emerging task is one the
   statements do not hold yet (an Emerging Tasks file of another O*NET release? take the
   Emerging Tasks and the Task Statements of one release)``; ``check_references``:
   ``emerging_tasks, row 25, column 'task': task 'Mentor others on mathematical
   techniques.' of 15-2021.00 is already task 24002 of tasks: ...``.
2. A ``Revision`` whose ``Original Task`` is not the text of the statement it names by its
   ``Original Task ID`` (the statement rewritten in the release of the ``Task
   Statements``) was read without a word. Now refused: ``.../Emerging Tasks.txt, row 4,
   column 'Original Task': Original Task 'Confer with members.' is not the text of task 102
   of 11-1011.00 in Task Statements.txt, 'Confer with board members.': the Original Task of
   a revision quotes the statement it revises (an Emerging Tasks file of another O*NET
   release? ...)`` (sheet row of a workbook). Texts are compared with runs of white space
   made one. Every row of O*NET 29.1 and 30.1 passes both checks.
3. A ``Job Zones`` file without the job zone of an occupation that has task statements (a
   ``Job Zones`` file of an earlier release, without the occupations added since) was read
   with that occupation's job zone missing, and its tasks scored without one, without a
   word (in O*NET 29.1 and 30.1 every occupation with task statements has a job zone).
   Now refused, naming the statements' row: ``.../Task Statements.txt, row 4, column
   'O*NET-SOC Code': 1 value(s) not found in Job Zones.txt (O*NET-SOC Code); first:
   '15-1252.00': every occupation with task statements has a job zone (a Job Zones file of
   another release?)``. (``check_references`` of the caller's own frames still accepts
   a release without job zones, as before.)

Tiny made-up releases in the real formats (29.1 text, 30.1 Excel) written by the tests, and
the real mirror (``EXPOSURE_MIRROR``).
"""

from __future__ import annotations

import dataclasses

import openpyxl
import pytest
from test_faults_round20_onet_rollup import ONET_FILES

from exposure import onet
from exposure.errors import SchemaError
from exposure.fetch import DataStore

EMERGING = ["O*NET-SOC Code", "Task", "Category", "Original Task ID", "Original Task", "Date", "Domain Source"]
REAL = ("29.1", "30.1")


def _release(tmp_path, fmt="text", **tables):
    """A mirror holding a made-up O*NET 31.0 (round 20's files); ``tables`` replaces files by name."""
    folder = tmp_path / "mirror" / "onet" / "31.0"
    folder.mkdir(parents=True)
    for base, rows in {**ONET_FILES, **tables}.items():
        if fmt == "text":
            (folder / f"{base}.txt").write_text("".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")
        else:
            wb = openpyxl.Workbook()
            for row in rows:
                wb.active.append(row)
            wb.save(folder / f"{base}.xlsx")
    return DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=tmp_path / "mirror"), folder


def _load_error(store, fmt="text") -> SchemaError:
    with pytest.raises(SchemaError) as info:
        onet.load_onet("31.0", store=store, fmt=fmt)
    return info.value


@pytest.fixture(scope="module")
def real():
    return {release: onet.load_onet(release) for release in REAL}


# 1. an emerging task that is already a statement ----------------------------------------

@pytest.mark.parametrize("fmt, suffix", [("text", "txt"), ("excel", "xlsx")])
def test_load_onet_refuses_an_emerging_task_that_is_a_statement(tmp_path, fmt, suffix):
    # task 102 of round 20's statements, spaced otherwise
    store, folder = _release(tmp_path, fmt, **{"Emerging Tasks": [
        EMERGING, *ONET_FILES["Emerging Tasks"][1:],
        ["11-1011.00", "Confer  with board members.", "New", "n/a", "n/a", "08/2024", "Incumbent"]]})
    error = _load_error(store, fmt)
    assert error.path == str(folder / f"Emerging Tasks.{suffix}")
    assert str(error).split("; nothing was pinned: ")[0] == (
        f"{error.path}, row 4, column 'Task': Task 'Confer  with board members.' of 11-1011.00 is already task "
        f"102 of Task Statements.{suffix}: an emerging task is one the statements do not hold yet (an "
        "Emerging Tasks file of another O*NET release? take the Emerging Tasks and the Task Statements of one "
        "release)")


def test_check_references_refuses_the_emerging_tasks_of_another_release(real):
    for release in REAL:  # every row of the real releases passes
        onet.check_references(real[release])
    mixed = dataclasses.replace(real["30.1"], emerging_tasks=real["29.1"].emerging_tasks)
    with pytest.raises(SchemaError) as info:
        onet.check_references(mixed)
    assert str(info.value) == (
        "emerging_tasks, row 25, column 'task': task 'Mentor others on mathematical techniques.' of 15-2021.00 "
        "is already task 24002 of tasks: an emerging task is one the statements do not hold yet (an Emerging "
        "Tasks file of another O*NET release? take the Emerging Tasks and the Task Statements of one release)")


# 2. a revision quoting another text than its statement -----------------------------------

@pytest.mark.parametrize("fmt, suffix", [("text", "txt"), ("excel", "xlsx")])
def test_load_onet_refuses_a_revision_of_another_text(tmp_path, fmt, suffix):
    # the statement quoted with other spacing is read
    store, _ = _release(tmp_path / "good", fmt, **{"Emerging Tasks": [
        EMERGING, *ONET_FILES["Emerging Tasks"][1:],
        ["11-1011.00", "Confer with the board.", "Revision", "102", " Confer with  board members.", "08/2024",
         "Incumbent"]]})
    assert len(onet.load_onet("31.0", store=store, fmt=fmt).emerging_tasks) == 3
    store, folder = _release(tmp_path, fmt, **{"Emerging Tasks": [
        EMERGING, *ONET_FILES["Emerging Tasks"][1:],
        ["11-1011.00", "Confer with the board.", "Revision", "102", "Confer with members.", "08/2024",
         "Incumbent"]]})
    error = _load_error(store, fmt)
    assert error.path == str(folder / f"Emerging Tasks.{suffix}")
    assert str(error).split("; nothing was pinned: ")[0] == (
        f"{error.path}, row 4, column 'Original Task': Original Task 'Confer with members.' is not the text of "
        f"task 102 of 11-1011.00 in Task Statements.{suffix}, 'Confer with board members.': the Original Task "
        "of a revision quotes the statement it revises (an Emerging Tasks file of another O*NET release? take "
        "the Emerging Tasks and the Task Statements of one release)")


def test_check_references_refuses_a_revision_of_another_text(real):
    emerging = real["29.1"].emerging_tasks.copy()
    first = int(emerging["original_task_id"].notna().to_numpy().nonzero()[0][0])
    emerging.loc[emerging.index[first], "original_task"] = "Plan budgets."
    with pytest.raises(SchemaError) as info:
        onet.check_references(dataclasses.replace(real["29.1"], emerging_tasks=emerging))
    assert str(info.value).startswith(
        f"emerging_tasks, row {first}, column 'original_task': original_task 'Plan budgets.' is not the text of "
        "task 21280 of 11-3013.00 in tasks, 'Plan, administer, and control budgets for contracts, equipment, "
        "and supplies.': the Original Task of a revision quotes the statement it revises")


# 3. an occupation with task statements and no job zone -----------------------------------

@pytest.mark.parametrize("fmt, suffix", [("text", "txt"), ("excel", "xlsx")])
def test_load_onet_refuses_tasks_of_an_occupation_without_a_job_zone(tmp_path, real, fmt, suffix):
    store, folder = _release(tmp_path, fmt, **{"Job Zones": ONET_FILES["Job Zones"][:2]})
    error = _load_error(store, fmt)
    assert error.path == str(folder / f"Task Statements.{suffix}")
    assert str(error).split("; nothing was pinned: ")[0] == (
        f"{error.path}, row 4, column 'O*NET-SOC Code': 1 value(s) not found in Job Zones.{suffix} "
        "(O*NET-SOC Code); first: '15-1252.00': every occupation with task statements has a job zone (a Job "
        "Zones file of another release?)")
    # a release of the caller's own frames may leave job_zones empty, as before
    tables = {t: getattr(real["29.1"], t) for t in onet.OnetRelease.TABLES}
    onet.check_references(onet.OnetRelease("x", **{**tables, "job_zones": tables["job_zones"].iloc[:0]}))
