"""Round 20: the O*NET readers (``exposure.onet``) and the task roll-up (``exposure.rollup``).

1. ``task_weights(scores, "core")`` with a ``task_type`` column of the scores holding
   ``core``, ``"Core "`` or a number: the row weighed 1, as if Supplemental, without a
   word (``to_occupations`` and ``rollup`` refuse such a type; ``task_weights`` is public
   and did not). Refused now, naming the row and column, as ``check_task_scores`` does.
2. An ``IM`` rating of ``task_ratings`` outside O*NET's importance scale 1-5 (``40``, a
   percentage; ``0.5``) weighed the task 40 (or 0.5) times, without a word. Refused now,
   naming the task.
3. An ``FT`` percentage above 100 (``500``) was used as it was. Refused now, naming the
   ``task_ratings`` row and column.
4. ``tasks`` or ``task_ratings`` frames whose ``onetsoc_code`` is padded (``'11-1011.00 '``)
   or missing: every task of the code was said to be "not in the O*NET task statements"
   or to "have no IM rating", naming the scores' row. Refused now, naming the frame's own
   row and column and the code.
5. ``task_ratings`` whose ``scale_id`` is written otherwise (``im``, ``'IM '``): with no
   row spelled ``IM`` the error said ``needs O*NET Task Ratings (scale IM); pass
   task_ratings=`` though they were passed; beside rows spelled ``IM`` such rows were left
   out. Refused now, naming the row; ratings without the scale say which scales they have.
6. Task scores whose row gives some of alpha, beta, gamma and not the others (``beta``
   given, ``alpha`` and ``gamma`` missing): each measure was averaged over other tasks,
   so the occupation broke the rubric (beta 0.5 above gamma 0.0). Refused now, naming the
   row and the missing measure; a measure missing on every row is still left out.
7. ``load_onet`` of a release whose files do not match (a ``Tasks to DWAs`` row of a task
   the ``Task Statements`` do not hold, a ``Job Zones`` row of an occupation ``Occupation
   Data`` does not hold) named the table and its 0-based frame row
   (``task_dwas, row 4, column 'onetsoc_code/task_id': ... first: ('15-1252.00',
   np.int64(999))``), not the file. Now the file, its line (sheet row) and the columns as
   written in it, and the value as written.
8. ``Emerging Tasks`` rows whose ``Original Task ID`` contradicts their ``Category`` (a
   ``Revision`` without the task it revises, a ``New`` task with one) were read as they
   were. Refused now, naming the file, row and column; and ``check_references`` (so
   ``load_onet``) refuses a revision of a task the task statements do not hold.

Tiny made-up files in the real formats (O*NET 29.1 text, 30.1 Excel), written by the tests.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _release_files import onet_text, onet_workbook, write_mirror_release

from exposure import onet
from exposure.errors import DataFormatError, SchemaError
from exposure.fetch import DataStore
from exposure.rollup import label_scores, rollup, task_weights, to_occupations

CODE = "11-1011.00"

ONET_FILES = {
    "Occupation Data": [
        ["O*NET-SOC Code", "Title", "Description"],
        ["11-1011.00", "Chief Executives", "Determine policies."],
        ["15-1252.00", "Software Developers", "Write code."],
    ],
    "Task Statements": [
        ["O*NET-SOC Code", "Task ID", "Task", "Task Type", "Incumbents Responding", "Date",
         "Domain Source"],
        ["11-1011.00", "101", "Approve budgets.", "Core", "95", "08/2023", "Incumbent"],
        ["11-1011.00", "102", "Confer with board members.", "Supplemental", "95", "08/2023",
         "Incumbent"],
        ["15-1252.00", "104", "Write software.", "Core", "120", "07/2024", "Incumbent"],
    ],
    "Task Ratings": [
        ["O*NET-SOC Code", "Task ID", "Scale ID", "Category", "Data Value", "N", "Standard Error",
         "Lower CI Bound", "Upper CI Bound", "Recommend Suppress", "Date", "Domain Source"],
        ["11-1011.00", "101", "IM", "n/a", "4.50", "60", "0.10", "4.30", "4.70", "N", "08/2023",
         "Incumbent"],
    ],
    "Tasks to DWAs": [
        ["O*NET-SOC Code", "Task ID", "DWA ID", "Date", "Domain Source"],
        ["11-1011.00", "101", "4.A.4.b.4.I09.D02", "03/2014", "Analyst"],
        ["15-1252.00", "104", "4.A.3.b.1.I01.D01", "03/2014", "Analyst"],
    ],
    "DWA Reference": [
        ["Element ID", "IWA ID", "DWA ID", "DWA Title"],
        ["4.A.3.b.1", "4.A.3.b.1.I01", "4.A.3.b.1.I01.D01", "Program computer systems."],
        ["4.A.4.b.4", "4.A.4.b.4.I09", "4.A.4.b.4.I09.D02", "Direct financial operations."],
    ],
    "IWA Reference": [
        ["Element ID", "IWA ID", "IWA Title"],
        ["4.A.3.b.1", "4.A.3.b.1.I01", "Program computer systems or applications."],
        ["4.A.4.b.4", "4.A.4.b.4.I09", "Manage budgets or finances."],
    ],
    "Job Zones": [
        ["O*NET-SOC Code", "Job Zone", "Date", "Domain Source"],
        ["11-1011.00", "5", "08/2023", "Analyst"],
        ["15-1252.00", "4", "08/2024", "Analyst"],
    ],
    "Emerging Tasks": [
        ["O*NET-SOC Code", "Task", "Category", "Original Task ID", "Original Task", "Date",
         "Domain Source"],
        ["11-1011.00", "Approve budgets and forecasts.", "Revision", "101", "Approve budgets.",
         "08/2024", "Incumbent"],
        ["15-1252.00", "Review AI-generated code.", "New", "n/a", "n/a", "08/2025",
         "Occupational Expert"],
    ],
}


def _text(rows) -> str:
    """The text file of ``rows`` (the header first), as O*NET publishes it (:func:`_release_files.onet_text`)."""
    return onet_text(rows[0], rows[1:]).decode()


def _write_release(tmp_path, fmt="text", **changes):
    """A mirror holding the eight O*NET 31.0 files; ``changes`` adds rows by file."""
    write = onet_text if fmt == "text" else onet_workbook
    files = {base: write(rows[0], rows[1:] + changes.get(base.replace(" ", "_").lower(), []))
             for base, rows in ONET_FILES.items()}
    folder = write_mirror_release(tmp_path / "mirror", files, fmt=fmt)
    return DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=tmp_path / "mirror"), folder


def _scores(**columns) -> pd.DataFrame:
    labels = pd.Series(columns.pop("label", ["E1", "E0", "E2"]), name="label")
    base = pd.DataFrame({"onetsoc_code": [CODE] * len(labels), "task_id": range(1, len(labels) + 1),
                         "label": labels})
    base = pd.concat([base, label_scores(labels)], axis=1)
    for name, values in columns.items():
        base[name] = values
    return base


def _importance(values, **columns) -> pd.DataFrame:
    frame = pd.DataFrame({"onetsoc_code": [CODE] * len(values), "task_id": range(1, len(values) + 1),
                          "scale_id": "IM", "category": pd.NA, "data_value": values})
    for name, value in columns.items():
        frame[name] = value
    return frame


def _frequency(percentages) -> pd.DataFrame:
    """FT rows of tasks 1-3: categories 1 and 7, ``percentages`` (six values) in that order."""
    return pd.DataFrame({"onetsoc_code": CODE, "task_id": [1, 1, 2, 2, 3, 3], "scale_id": "FT",
                         "category": [1, 7] * 3, "data_value": percentages})


# 1. task_weights of a task_type column it would misread --------------------------------------


@pytest.mark.parametrize("value", ["core", "Core ", "CORE", 1])
def test_task_weights_refuses_a_task_type_it_would_weigh_as_supplemental(value):
    scores = _scores(task_type=["Core", value, "Supplemental"])
    with pytest.raises(DataFormatError) as info:
        task_weights(scores, "core")
    assert str(info.value) == (f"task_scores, row 2, column 'task_type': task_type must be Core or Supplemental "  # (round 74)
                               f"(or missing, blank or n/a), got {value!r}"
                               + (": write 'Core' (the choices are case-sensitive)" if value in ("core", "CORE") else
                                  ": write 'Core' (without the spaces around it)" if value == "Core " else ""))


def test_task_weights_of_good_task_types_are_unchanged():
    scores = _scores(label=["E1", "E0", "E2", "E0", "E1"],
                     task_type=["Core", "Supplemental", None, "", "n/a"])
    assert task_weights(scores, "core").tolist() == [2.0, 1.0, 1.0, 1.0, 1.0]


# 2. IM ratings outside O*NET's importance scale --------------------------------------------


@pytest.mark.parametrize("value", [40.0, 0.5, 5.01])
def test_importance_outside_one_to_five_is_refused(value):
    ratings = _importance([4.0, value, 2.0])
    with pytest.raises(DataFormatError) as info:
        to_occupations(_scores(), "importance", task_ratings=ratings)
    assert str(info.value) == (
        f"task_scores, row 2: weights='importance': the IM rating of 11-1011.00 task 2 is {value!r}, outside "
        "O*NET's importance scale 1 to 5 (1 of 3 tasks): check the Task Ratings data values")


def test_importance_within_one_to_five_weighs_as_before():
    occ = to_occupations(_scores(), "importance", task_ratings=_importance([1.0, 5.0, 2.0]))
    assert occ["alpha"].tolist() == [pytest.approx(1 / 8)]
    assert occ["gamma"].tolist() == [pytest.approx(3 / 8)]


# 3. FT percentages above 100 ------------------------------------------------------------


def test_frequency_percentage_above_100_is_refused():
    ratings = _frequency([50.0, 50.0, 500.0, 0.0, 50.0, 50.0])
    with pytest.raises(DataFormatError) as info:
        task_weights(_scores(), "frequency", task_ratings=ratings)
    assert str(info.value) == ("task_ratings, row 3, column 'data_value': FT percentages must be at "
                               "most 100, got 500.0")


def test_frequency_percentages_of_100_are_read():
    weights = task_weights(_scores(), "frequency", task_ratings=_frequency([100.0, 0.0, 0.0, 100.0,
                                                                            50.0, 50.0]))
    assert weights.tolist() == [1.0, 2000.0, 1000.5]


# 4. padded or missing codes in tasks and task_ratings -------------------------------------


@pytest.mark.parametrize("code, shown", [
    ("11-1011.00 ", "not an O*NET-SOC code (like 11-1011.00): '11-1011.00 ': spaces around the code: "
                    "write '11-1011.00'"),
    (None, "missing"),
])
def test_tasks_with_a_bad_code_are_refused_naming_their_row(code, shown):
    statements = pd.DataFrame({"onetsoc_code": [CODE, code, CODE], "task_id": [1, 2, 3],
                               "task_type": ["Core", "Core", "Supplemental"]})
    with pytest.raises(DataFormatError) as info:
        to_occupations(_scores(), "core", tasks=statements)
    assert str(info.value) == f"tasks, row 2, column 'onetsoc_code': {shown}"


@pytest.mark.parametrize("weights", ["importance", "frequency"])
def test_task_ratings_with_a_padded_code_are_refused_naming_their_row(weights):
    ratings = (_importance([4.0, 3.0, 2.0]) if weights == "importance"
               else _frequency([50.0] * 6))
    ratings["onetsoc_code"] = ratings["onetsoc_code"] + " "
    with pytest.raises(DataFormatError) as info:
        to_occupations(_scores(), weights, task_ratings=ratings)
    assert str(info.value) == ("task_ratings, row 1, column 'onetsoc_code': not an "
                               "O*NET-SOC code (like 11-1011.00): '11-1011.00 ': spaces around the code: "
                               "write '11-1011.00'")


# 5. scale_id spelled otherwise --------------------------------------------------------------


@pytest.mark.parametrize("scale", ["im", "IM ", "Im"])
def test_a_scale_written_otherwise_is_refused_naming_its_row(scale):
    ratings = _importance([4.0, 3.0, 2.0])
    ratings.loc[1, "scale_id"] = scale
    with pytest.raises(DataFormatError) as info:
        to_occupations(_scores(), "importance", task_ratings=ratings)
    assert str(info.value) == (f"task_ratings, row 2, column 'scale_id': scale_id {scale!r} is not "
                               "O*NET's spelling of scale IM, which weights='importance' reads: "
                               "write IM")


def test_ratings_without_the_scale_say_which_scales_they_have():
    ratings = _importance([40.0, 30.0, 20.0], scale_id="RT")
    with pytest.raises(DataFormatError) as info:
        to_occupations(_scores(), "importance", task_ratings=ratings)
    assert str(info.value) == ("weights='importance' reads the O*NET Task Ratings of scale IM, and "
                               "task_ratings has none (its scale_id values: 'RT')")


# 6. measures given on part of a row ---------------------------------------------------------


def test_a_row_with_some_measures_missing_is_refused():
    scores = pd.DataFrame({"onetsoc_code": [CODE] * 2, "task_id": [1, 2], "alpha": [np.nan, 0.0],
                           "beta": [1.0, 0.0], "gamma": [np.nan, 0.0]})
    with pytest.raises(DataFormatError) as info:
        to_occupations(scores, "equal")
    assert str(info.value) == (
        "task_scores, row 1, column 'alpha': beta is given and alpha, gamma are missing: a task gives alpha, "
        "beta and gamma, or none of them (each is averaged over the same tasks); leave a measure "
        "empty on every row to leave it out")


def test_a_measure_missing_on_every_row_is_still_left_out():
    scores = pd.DataFrame({"onetsoc_code": [CODE] * 2, "task_id": [1, 2], "alpha": [np.nan] * 2,
                           "beta": [1.0, 0.0], "gamma": [np.nan] * 2})
    occ = to_occupations(scores, "equal")
    assert occ["beta"].tolist() == [0.5] and occ["alpha"].isna().all()


def test_rows_without_any_measure_are_still_left_out():
    scores = _scores(label=["E1", None, "E2"])
    assert to_occupations(scores, "equal")["n_scored"].tolist() == [2]


# 7. load_onet names the file of a broken reference ----------------------------------------


def test_load_onet_names_the_dwa_link_of_a_task_not_in_the_task_file(tmp_path):
    store, folder = _write_release(tmp_path, tasks_to_dwas=[
        ["15-1252.00", "999", "4.A.3.b.1.I01.D01", "03/2014", "Analyst"]])
    with pytest.raises(SchemaError) as info:
        onet.load_onet("31.0", store=store)
    assert str(info.value).split("; nothing was pinned: ")[0] == (
        f"{info.value.path}, row 4, column 'O*NET-SOC Code/Task ID': 1 value(s) not found "
        f"in Task Statements.txt (O*NET-SOC Code/Task ID); first: ('15-1252.00', 999)")
    assert Path(info.value.path).read_bytes() == (folder / "Tasks to DWAs.txt").read_bytes()
    assert Path(info.value.path).name == "Tasks to DWAs.txt" and info.value.row == 4


def test_load_onet_names_the_job_zone_of_an_occupation_not_in_the_file_by_sheet_row(tmp_path):
    store, folder = _write_release(tmp_path, fmt="excel", job_zones=[
        ["19-9999.00", "3", "08/2023", "Analyst"]])
    with pytest.raises(SchemaError) as info:
        onet.load_onet("31.0", store=store, fmt="excel")
    assert str(info.value).split("; nothing was pinned: ")[0] == (
        f"{info.value.path}, row 4, column 'O*NET-SOC Code': 1 value(s) not found in "
        "Occupation Data.xlsx (O*NET-SOC Code); first: '19-9999.00'")
    assert Path(info.value.path).name == "Job Zones.xlsx"
    assert Path(info.value.path).read_bytes() == (folder / "Job Zones.xlsx").read_bytes()


def test_load_onet_of_matching_files_is_unchanged(tmp_path):
    store, _ = _write_release(tmp_path)
    release = onet.load_onet("31.0", store=store)
    assert release.occupations["job_zone"].tolist() == [5, 4]
    assert release.row_counts()["task_dwas"] == 2


def test_check_references_shows_the_value_as_written():
    occ = pd.DataFrame({"onetsoc_code": [CODE]})
    tasks = pd.DataFrame({"onetsoc_code": [CODE], "task_id": np.array([101], dtype="int64")})
    links = pd.DataFrame({"onetsoc_code": [CODE], "task_id": np.array([999], dtype="int64"),
                          "dwa_id": ["4.A.4.b.4.I09.D02"]})
    dwas = pd.DataFrame({"dwa_id": ["4.A.4.b.4.I09.D02"], "iwa_id": ["4.A.4.b.4.I09"]})
    iwas = pd.DataFrame({"iwa_id": ["4.A.4.b.4.I09"]})
    empty = pd.DataFrame({"onetsoc_code": pd.Series([], dtype=str)})
    with pytest.raises(SchemaError) as info:
        onet.check_references(onet.OnetRelease("x", occ, tasks, links, dwas, iwas, empty, empty))
    assert str(info.value).endswith("first: ('11-1011.00', 999)")


# 8. Emerging Tasks whose Original Task ID contradicts the Category -------------------------


@pytest.mark.parametrize("row, message", [
    (["11-1011.00", "Approve forecasts.", "Revision", "n/a", "n/a", "08/2024", "Incumbent"],
     "row 4, column 'Original Task ID': a Revision row needs the Original Task ID of the task it "
     "revises (the cell is 'n/a')"),
    (["11-1011.00", "Approve forecasts.", "New", "101", "Approve budgets.", "08/2024", "Incumbent"],
     "row 4, column 'Original Task ID': a New task revises no task: its Original Task ID must be "
     "n/a or empty, got '101' (is its Category Revision?)"),
])
def test_emerging_task_with_a_category_its_original_task_id_contradicts_is_refused(tmp_path, row,
                                                                                   message):
    path = tmp_path / "Emerging Tasks.txt"
    path.write_text(_text(ONET_FILES["Emerging Tasks"] + [row]), encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        onet.read_emerging_tasks(path)
    assert str(info.value) == f"{path}, {message}"


def test_emerging_task_rows_of_a_workbook_are_named_by_sheet_row(tmp_path):
    header, *rows = ONET_FILES["Emerging Tasks"]
    path = tmp_path / "Emerging Tasks.xlsx"
    path.write_bytes(onet_workbook(header, [
        *rows, ["11-1011.00", "Approve forecasts.", "Revision", None, None, "08/2024", "Incumbent"]]))
    with pytest.raises(SchemaError, match=r"Emerging Tasks.xlsx, row 4, column 'Original Task ID': a "
                       r"Revision row needs"):
        onet.read_emerging_tasks(path)


def test_load_onet_refuses_a_revision_of_a_task_not_in_the_task_file(tmp_path):
    store, folder = _write_release(tmp_path, emerging_tasks=[
        ["15-1252.00", "Write and test software.", "Revision", "777", "Write software.", "08/2025",
         "Incumbent"]])
    with pytest.raises(SchemaError) as info:
        onet.load_onet("31.0", store=store)
    assert str(info.value).split("; nothing was pinned: ")[0] == (
        f"{info.value.path}, row 4, column 'O*NET-SOC Code/Original Task ID': 1 value(s) "
        "not found in Task Statements.txt (O*NET-SOC Code/Task ID); first: ('15-1252.00', 777)")
    assert Path(info.value.path).read_bytes() == (folder / "Emerging Tasks.txt").read_bytes()


def test_the_real_emerging_tasks_still_pass(shared_data):
    for path in (shared_data / "onet/29.1/Emerging Tasks.txt", shared_data / "onet/30.1/Emerging Tasks.xlsx"):
        frame = onet.read_emerging_tasks(path)
        revision = frame["category"] == "Revision"
        assert frame.loc[revision, "original_task_id"].notna().all()
        assert frame.loc[~revision, "original_task_id"].isna().all()


# the roll-up as a whole --------------------------------------------------------------------


def test_rollup_of_good_scores_is_unchanged():
    scores = _scores(task_type=["Core", "Supplemental", "Core"])
    xw = pd.DataFrame({"onetsoc_code": [CODE], "soc_code": ["11-1011"]})
    emp = pd.DataFrame({"naics": ["000000"], "i_group": ["cross-industry"], "occ_code": ["11-1011"],
                        "o_group": ["detailed"], "tot_emp": [100.0]})
    result = rollup(scores, xw, emp, weights="core")
    assert result.occupations["beta"].tolist() == [pytest.approx((2 * 1.0 + 1 * 0.0 + 2 * 0.5) / 5)]
