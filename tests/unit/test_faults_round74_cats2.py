"""Fault round 74 (second wave), the category report, the retrieval index and the Dask roll-ups.

1. A bad row of a release's ``onet.tasks`` named the table after the row and column, in
   the message only, where the roll-ups of this round name their frame first:
   ``row 2, column 'task_id': onet.tasks: task ID is missing`` (``write_category_reports``)
   and ``row 2, column 'task_id': onet.tasks: task ID missing`` (``build_index``). Now
   ``onet.tasks, row 2, column 'task_id': task ID is missing`` (the same for a code, a task
   ID that is no whole number, a task listed twice and a task text the tagger refuses).
2. ``exposure.dask.to_occupations`` named the code column twice, where the pandas
   roll-ups name it once: ``scored.partitions[0], row 2, column 'onetsoc_code':
   onetsoc_code not an O*NET-SOC code ...`` (``soc_code not a SOC code ...``,
   ``O*NET-SOC Code not an O*NET-SOC code ...``). Now ``scored.partitions[0], row 2,
   column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): ...``.
3. ``exposure.dask.to_sectors`` (and ``to_occupations``) of ``dd.concat([a, b])``, ``a``
   with codes as numbers (``int64``) and ``b`` with True/False in ``by``: Dask cast the
   partitions of ``b`` to the concat's ``int64``, so True became the code ``1`` and False
   ``0``, rolled up as two industries without a word (the roll-up refuses True/False
   codes, but saw 1 and 0). Now refused when called: ``column 'naics': naics of frame 2 of
   a dd.concat holds True/False (bool), which Dask casts to the concat's int64 (True is
   the code 1): ...``.
4. The frames given to ``precision_recall``, ``validation_metrics``,
   ``annotator_agreement`` and ``category_estimates`` were named after the row, in the
   message only (``row 1, column 'weight': sample: weight must be a positive, finite
   number, got -10.0``; ``row 1, column 'admin': expected: admin must be True or False
   ...``), while a weight that is not a number of the same call named the frame first
   (``sample, row 1, column 'weight': not a number: 'ten'``). Now all name it first:
   ``sample, row 1, column 'weight': weight must be ...``.
5. A stratum written in another case or with spaces (``Uniform``, ``'uniform '``: a
   spreadsheet's cell) was refused with the strata listed only, in a ``sample.csv`` of the
   validation sample and in a frame given to ``validation_metrics``: ``stratum must be
   uniform or enriched, got 'Uniform'``. Now told what to write: ``...: write 'uniform'
   (the choices are case-sensitive)`` (``(without the spaces)``).
6. ``task_employment`` refused a ``task_type`` of ``core`` as ``is not Core or
   Supplemental (O*NET's task types, spelt exactly so), nor missing``: blank and ``n/a``,
   which it reads as missing, were not said, nor the type to write. Now ``..., nor
   missing, blank or n/a: write 'Core' (the choices are case-sensitive)``.
7. ``exposure.scoring.retrieval.build_index`` of a release whose ``onet.tasks`` lacks
   ``onetsoc_code``, or whose ``onet.dwas`` lacks ``dwa_title`` (``onet.task_dwas``
   ``dwa_id``), raised pandas' ``KeyError: 'onetsoc_code'``; a missing DWA title raised
   ``AttributeError: 'float' object has no attribute 'lower'``, a missing DWA ID
   ``TypeError: 'float' object is not subscriptable``; a missing task code was indexed as
   the occupation ``'nan'``, and a code with spaces around it (``'43-9061.00 '``) left
   its task without work activities (and job zone 0), without a word. Now refused,
   naming the table first, then the row and column: ``onet.tasks, row 1, column
   'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): '43-9061.00 ': spaces around
   the code: write '43-9061.00'``; ``onet.dwas, row 1, column 'dwa_title': dwa_title is
   missing``. The index of O*NET 29.1 is built byte for byte as before.
"""

from __future__ import annotations

from types import SimpleNamespace

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

import exposure.dask as xd
from exposure.errors import DataFormatError
from exposure.reports.categories import (
    annotator_agreement,
    category_estimates,
    precision_recall,
    read_validation_sample,
    task_employment,
    validation_metrics,
    write_category_reports,
)
from exposure.scoring import retrieval as rt

HEAD = "onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\n"
TASKS = pd.DataFrame({"onetsoc_code": ["43-9061.00", "47-2021.00"], "task_id": [1, 2],
                      "task": ["Answer telephones.", "Lay bricks."]})
FLAGS = pd.DataFrame({"admin": [True, False], "routine_coding": [False, False],
                      "entry_creative": [False, True]})


def _release(tasks: pd.DataFrame) -> SimpleNamespace:
    """A made-up release of ``tasks``, with one work activity (enough for build_index)."""
    return SimpleNamespace(
        tasks=tasks,
        task_dwas=pd.DataFrame({"onetsoc_code": ["43-9061.00"], "task_id": [1], "dwa_id": ["4.A.4.a.2.I03.D01"]}),
        dwas=pd.DataFrame({"dwa_id": ["4.A.4.a.2.I03.D01"], "iwa_id": ["4.A.4.a.2.I03"],
                           "dwa_title": ["Respond to customer inquiries."]}),
        occupations=pd.DataFrame({"onetsoc_code": ["43-9061.00", "47-2021.00"], "job_zone": [2, 2]}))


def _report_error(tmp_path, tasks: pd.DataFrame) -> str:
    sample = tmp_path / "h.csv"
    sample.write_text(HEAD + "43-9061.00,1,random,True,False,False,phones\n")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(DataFormatError) as info:
        write_category_reports({"development": sample}, out, onet=_release(tasks))
    assert list(out.iterdir()) == []
    return str(info.value)


def _sample(**changes) -> pd.DataFrame:
    """A validation sample of two strata (three tasks each), as a frame."""
    frame = pd.DataFrame({"onetsoc_code": ["43-9061.00"] * 6, "task_id": [str(k) for k in range(1, 7)],
                          "stratum": ["uniform"] * 3 + ["enriched"] * 3, "weight": [10.0] * 3 + [1.0] * 3,
                          "admin": [True, False, False, True, True, False], "routine_coding": False,
                          "entry_creative": False})
    return frame.assign(**changes)


def _scored(codes, by: str) -> pd.DataFrame:
    n = len(codes)
    return pd.DataFrame({by: codes, "alpha": [0.2] * n, "beta": [0.3] * n, "gamma": [0.4] * n,
                         "admin": False, "routine_coding": False, "entry_creative": False})


# 1 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("changes, message", [
    ({"task_id": [1.0, np.nan]}, "onet.tasks, row 2, column 'task_id': task ID is missing"),
    ({"task_id": [1, 2.5]}, "onet.tasks, row 2, column 'task_id': not a task ID (a whole number, like 20699): 2.5"),
    ({"onetsoc_code": ["43-9061.00", "47-2021"]},
     "onet.tasks, row 2, column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): '47-2021': a SOC "
     "code? an O*NET-SOC code has a two-digit suffix: write '47-2021.00' (the SOC occupation itself) or the "
     "O*NET-SOC code meant"),
    ({"onetsoc_code": ["43-9061.00"] * 2, "task_id": [1, 1]},
     "onet.tasks, row 2, column 'task_id': task (43-9061.00, 1) is listed twice, first on row 1"),
])
def test_1_a_bad_row_of_the_release_names_onet_tasks_first(tmp_path, changes, message):
    assert _report_error(tmp_path, TASKS.assign(**changes)) == message


def test_1_a_task_text_the_tagger_refuses_names_onet_tasks_first(tmp_path):
    tasks = TASKS.assign(task=pd.Series(["Answer telephones.", ""], dtype=object))
    assert _report_error(tmp_path, tasks).startswith(
        "onet.tasks, row 2, column 'task': task text must be a non-empty string")


@pytest.mark.parametrize("column, value, message", [
    ("task", None, "onet.tasks, row 2, column 'task': task text must be a non-empty string"),
    ("task_id", None, "onet.tasks, row 2, column 'task_id': task ID missing"),
    ("task_id", 1.5, "onet.tasks, row 2, column 'task_id': task ID 1.5 is not an integer"),
])
def test_1_build_index_names_onet_tasks_first(column, value, message):
    tasks = TASKS.astype(object)
    tasks.loc[1, column] = value
    with pytest.raises(DataFormatError) as info:
        rt.build_index(_release(tasks))
    assert str(info.value).startswith(message), str(info.value)
    with pytest.raises(DataFormatError, match=r"^onet\.tasks: holds no task statement"):  # no row: as before
        rt.build_index(_release(TASKS.iloc[:0]))
    assert rt.build_index(_release(TASKS)).task_ids.tolist() == [1, 2]


# 2 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("by, codes, message", [
    ("onetsoc_code", ["15-1252.00", "15-1252"],
     "scored.partitions[0], row 2, column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): '15-1252': "
     "a SOC code?"),
    ("soc_code", ["15-1252", "15-1252.00"],
     "scored.partitions[0], row 2, column 'soc_code': not a SOC code (like 11-1011): '15-1252.00'"),
    ("O*NET-SOC Code", ["15-1252.00", "151252"],
     "scored.partitions[0], row 2, column 'O*NET-SOC Code': not an O*NET-SOC code (like 11-1011.00): '151252'"),
])
def test_2_dask_names_the_code_column_once(by, codes, message):
    with pytest.raises(DataFormatError) as info:
        xd.to_occupations(dd.from_pandas(_scored(codes, by), npartitions=1), by=by).compute()
    assert str(info.value).startswith(message), str(info.value)


# 3 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("numbers", [[52, 23], [52.0, 23.0]], ids=["int64", "float64"])
def test_3_a_concat_that_casts_true_false_codes_to_numbers_is_refused(numbers):
    parts = dd.concat([dd.from_pandas(_scored(numbers, "naics"), npartitions=1),
                       dd.from_pandas(_scored([True, False], "naics"), npartitions=1)])
    # before: four industries, 0 and 1 among them (True and False cast by Dask), without a word
    with pytest.raises(DataFormatError) as info:
        xd.to_sectors(parts)
    assert str(info.value) == (
        f"column 'naics': naics of frame 2 of a dd.concat holds True/False (bool), which Dask casts to the "
        f"concat's {parts.dtypes['naics']} (True is the code 1): True/False is no occupation or industry code "
        "(is by= the column of the codes?)")
    with pytest.raises(DataFormatError, match=r"^column 'naics': naics of frame 2 of a dd\.concat holds True"):
        xd.to_occupations(parts, by="naics")
    # frames of dd.from_delayed (whose expression holds nodes of no meta) too
    delayed = [dd.from_delayed([dask.delayed(f)], meta=f.iloc[:0], verify_meta=False)
               for f in (_scored(numbers, "naics"), _scored([True, False], "naics"))]
    with pytest.raises(DataFormatError, match=r"^column 'naics': naics of frame 2 of a dd\.concat holds True"):
        xd.to_sectors(dd.concat(delayed))
    # as before: a concat of codes alone, and True/False in a column other than by
    codes = dd.concat([dd.from_pandas(_scored(numbers, "naics").assign(flag=1), npartitions=1),
                       dd.from_pandas(_scored([52, 11], "naics").assign(flag=True), npartitions=1)])
    sec = xd.to_sectors(codes).compute()
    assert sec.index.tolist() == ["11", "23", "52"] and sec["n_rows"].tolist() == [1, 1, 2]
    # a concat that keeps the cells (object codes) leaves True to the partition's check, as before
    kept = dd.concat([dd.from_pandas(_scored(["52", "23"], "naics"), npartitions=1),
                      dd.from_pandas(_scored([True, False], "naics"), npartitions=1)])
    with pytest.raises(DataFormatError, match=r"^scored\.partitions\[1\], row 1, column 'naics': naics must "
                                              r"be a code \(text, or a whole number\), got True"):
        xd.to_sectors(kept).compute()


# 4 ---------------------------------------------------------------------------------------
def test_4_flags_and_design_of_frames_name_the_frame_first():
    with pytest.raises(DataFormatError) as info:
        precision_recall(FLAGS.assign(admin=["False", "True"]), FLAGS)
    assert str(info.value) == ("expected, row 1, column 'admin': admin must be True or False (or 1 / 0), "
                               "got str 'False'")
    with pytest.raises(DataFormatError) as info:
        precision_recall(FLAGS, pd.concat([FLAGS, FLAGS[["admin"]]], axis=1))
    assert str(info.value) == "predicted, column 'admin': given more than once: keep one"
    predicted = _sample()[["admin", "routine_coding", "entry_creative"]]
    with pytest.raises(DataFormatError) as info:
        validation_metrics(_sample(weight=[-10.0] + [10.0] * 2 + [1.0] * 3), predicted, n_boot=5)
    assert str(info.value) == "sample, row 1, column 'weight': weight must be a positive, finite number, got -10.0"
    with pytest.raises(DataFormatError) as info:  # the weight's other error, of the same call, as before
        validation_metrics(_sample(weight=["ten"] + [10.0] * 2 + [1.0] * 3), predicted, n_boot=5)
    assert str(info.value) == "sample, row 1, column 'weight': not a number: 'ten'"
    with pytest.raises(DataFormatError) as info:
        annotator_agreement(_sample(admin_b=[True, None, None, None, None, "x"], routine_coding_b=None,
                                    entry_creative_b=None))
    assert str(info.value) == ("sample, row 6, column 'admin_b': admin_b must be True or False (or 1 / 0) or "
                               "missing, got str 'x'")
    emp = pd.Series([1.0] * 6)
    with pytest.raises(DataFormatError) as info:
        category_estimates(_sample(admin=2), emp, _sample(), emp, n_boot=5)
    assert str(info.value) == "tags, row 1, column 'admin': admin must be True or False (or 1 / 0), got int 2"


# 5 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("stratum, hint", [
    ("Uniform", ": write 'uniform' (the choices are case-sensitive)"),
    ("uniform ", ": write 'uniform' (without the spaces around it)"),
    ("random", ""),
])
def test_5_a_stratum_in_another_case_is_told_the_one_to_write(stratum, hint):
    predicted = _sample()[["admin", "routine_coding", "entry_creative"]]
    with pytest.raises(DataFormatError) as info:
        validation_metrics(_sample(stratum=[stratum] + ["uniform"] * 2 + ["enriched"] * 3), predicted, n_boot=5)
    assert str(info.value) == (f"sample, row 1, column 'stratum': stratum must be uniform or enriched, got "
                               f"{stratum!r}{hint}")


def _validation_dir(directory, stratum: str):
    directory.mkdir()
    (directory / "sample.csv").write_text(
        "onetsoc_code,task_id,stratum,enriched_population,inclusion_prob,weight,double\n"
        f"43-9061.00,1,{stratum},True,0.5,2.0,False\n47-2021.00,2,uniform,False,0.25,4.0,False\n")
    head = "onetsoc_code,task_id,admin,routine_coding,entry_creative,note\n"
    (directory / "labels_annotator_a.csv").write_text(
        head + "43-9061.00,1,True,False,False,x\n47-2021.00,2,False,False,False,x\n")
    (directory / "labels_annotator_b.csv").write_text(head)
    return directory


def test_5_a_stratum_of_sample_csv_in_another_case_is_told_the_one_to_write(tmp_path, capsys):
    v2 = _validation_dir(tmp_path / "v2", "Uniform")
    with pytest.raises(DataFormatError) as info:
        read_validation_sample(v2)
    message = (f"{v2 / 'sample.csv'}, row 2, column 'stratum': stratum must be uniform or enriched, got "
               "'Uniform': write 'uniform' (the choices are case-sensitive)")
    assert str(info.value) == message
    hand = tmp_path / "h.csv"
    hand.write_text(HEAD + "43-9061.00,1,random,True,False,False,phones\n")
    (tmp_path / "mirror").mkdir()
    code, _, err = cli(capsys, "report", "categories", "--hand-checked", hand, "--validation", v2,
                       "--mirror", tmp_path / "mirror", "--data-dir", tmp_path / "cache",
                       "--out-dir", tmp_path / "out")
    assert code == 2
    assert one_error_line(err, command="report categories") == f"exposure report categories: error: {message}"
    assert read_validation_sample(_validation_dir(tmp_path / "v3", "enriched"))["stratum"].tolist() == [
        "enriched", "uniform"]


# 6 ---------------------------------------------------------------------------------------
def test_6_task_employment_says_the_task_type_to_write():
    tasks = pd.DataFrame({"onetsoc_code": ["43-9061.00"] * 2 + ["43-9061.01"],
                          "task_type": ["Core", "core", "Core"]})
    soc = pd.DataFrame({"soc_code": ["43-9061"], "tot_emp": [300.0]})
    xw = pd.DataFrame({"onetsoc_code": ["43-9061.00", "43-9061.01"], "soc_code": ["43-9061"] * 2})
    with pytest.raises(DataFormatError) as info:
        task_employment(tasks, soc, xw)
    assert str(info.value) == ("tasks, row 2, column 'task_type': task_type 'core' is not Core or Supplemental "
                               "(O*NET's task types, spelt exactly so), nor missing, blank or n/a: write 'Core' "
                               "(the choices are case-sensitive)")
    # following the advice works; blank and n/a weigh as missing (1), as said
    assert task_employment(tasks.assign(task_type=["Core", "Core", "Core"]), soc, xw).tolist() == [75.0, 75.0, 150.0]
    assert task_employment(tasks.assign(task_type=["Core", "n/a", " "]), soc, xw).tolist() == [100.0, 50.0, 150.0]


# 7 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("table, change, message", [
    ("tasks", lambda t: t.drop(columns="onetsoc_code"),
     "onet.tasks: missing column 'onetsoc_code' (columns: ['task_id', 'task'])"),
    ("tasks", lambda t: t.assign(onetsoc_code=["43-9061.00", None]), "onet.tasks, row 2, column 'onetsoc_code': missing"),
    ("tasks", lambda t: t.assign(onetsoc_code=["43-9061.00 ", "47-2021.00"]),
     "onet.tasks, row 1, column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): '43-9061.00 ': spaces "
     "around the code: write '43-9061.00'"),
    ("dwas", lambda d: d.drop(columns="dwa_title"),
     "onet.dwas: missing column(s) ['dwa_title'] (columns: ['dwa_id', 'iwa_id'])"),
    ("dwas", lambda d: d.assign(dwa_title=[None]), "onet.dwas, row 1, column 'dwa_title': dwa_title is missing"),
    ("dwas", lambda d: d.assign(dwa_id=[None]), "onet.dwas, row 1, column 'dwa_id': dwa_id is missing"),
    ("task_dwas", lambda d: d.drop(columns="dwa_id"),
     "onet.task_dwas: missing column(s) ['dwa_id'] (columns: ['onetsoc_code', 'task_id'])"),
])
def test_7_build_index_refuses_tables_it_would_misread(table, change, message):
    release = _release(TASKS)
    setattr(release, table, change(getattr(release, table)))
    with pytest.raises(DataFormatError) as info:
        rt.build_index(release)
    assert str(info.value) == message
    index = rt.build_index(_release(TASKS))  # as before
    assert index.onetsoc_codes.tolist() == ["43-9061.00", "47-2021.00"] and index.task_activity[0].sum() > 0
