"""Round 14: the public API of crosswalks, oews, releases, the release diff and ``load``.

1. ``onet_to_soc_map`` with a missing, malformed or padded code (two missing codes raised
   ``IndexError``; a padded or numeric code came out as a key that matches nothing) or a
   column given twice (``TypeError`` from pandas).
2. ``read_soc10_isco08``, ``read_isco_groups`` and ``read_census_crosswalk`` given the
   table as a workbook: ``TypeError: read_xlsx_table() got an unexpected keyword
   argument 'sep'``.
3. A number too large for a count (``TOT_EMP``, ``Job Zone``): ``TypeError: cannot safely
   cast non-equivalent float64 to int64``.
4. ``diff_outputs`` on tables without a column it reads (``n_tasks``, ``level``,
   ``soc_title``: ``KeyError``, or a schema error naming an output that does not exist)
   or with keys of the wrong kind (``onetsoc_code`` as numbers, ``task_id`` as text:
   pandas' merge ``ValueError``; a missing code: the task dropped without a word).
5. ``diff_tasks``, ``write_diff_reports``, ``check_diff_dir`` and ``diff_outputs`` given
   arguments of the wrong kind (``KeyError``, ``TypeError``, ``AttributeError``).
6. The lock file: a file pinned twice with different sha256 (the last line won without a
   word), a lock written with a byte-order mark (called "not a lock file"), ``Lock(None)``,
   ``pin`` of something that is not a source or of a missing file, and
   ``releases_frame`` of a lock that pins a file of no release layout (which
   ``fetch_table`` itself writes for a custom source).
7. ``load("measures", validate=False)`` beside a ``soc_scores`` table without titles or
   with a code twice (``KeyError``, ``InvalidIndexError``); ``load`` and ``load_manifest``
   with a ``directory`` that is a file or does not exist (the messages blamed a table or
   a manifest inside it).

Tiny made-up files written by the tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from exposure import crosswalks, releases
from exposure._io import write_parquet
from exposure._load import load, load_manifest
from exposure.errors import DataFormatError, ExposureError
from exposure.oews import read_oews
from exposure.pipeline import task_digests
from exposure.reports.diff import (
    ReleaseDiff,
    check_diff_dir,
    diff_outputs,
    diff_tasks,
    write_diff_reports,
)
from exposure.sources import Source


def _xlsx(path: Path, rows) -> Path:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


# 1. onet_to_soc_map ------------------------------------------------------------------


@pytest.mark.parametrize("onet, soc, column, row", [
    ([None, None], ["11-1011", "11-1012"], "onetsoc_code", 1),          # IndexError
    (["11-1011.00", None], ["11-1011", "11-1012"], "onetsoc_code", 2),  # a NaN key
    (["11-1011.00 "], ["11-1011"], "onetsoc_code", 1),                  # matched nothing
    ([111011.0], ["11-1011"], "onetsoc_code", 1),
    (["11-1011.00", "11-1011.03"], ["11-1011", None], "soc_code", 2),   # mapped to None
    (["11-1011.00"], [111011], "soc_code", 1),
])
def test_onet_to_soc_map_refuses_a_missing_or_malformed_code(onet, soc, column, row):
    frame = pd.DataFrame({"onetsoc_code": onet, "soc_code": soc})
    with pytest.raises(DataFormatError, match=f"crosswalk, row {row}, column '{column}'"):
        crosswalks.onet_to_soc_map(frame)


def test_onet_to_soc_map_refuses_a_column_given_twice():
    frame = pd.DataFrame([["11-1011.00", "11-1011", "11-1011"]],
                         columns=["onetsoc_code", "soc_code", "soc_code"])
    with pytest.raises(DataFormatError, match="crosswalk, column 'soc_code': given more than once: keep one"):
        crosswalks.onet_to_soc_map(frame)



# 2. the CSV crosswalks given as workbooks ---------------------------------------------


def test_csv_crosswalks_read_as_workbooks_give_the_csv_result(tmp_path):
    isco = [["soc10", "isco08"], ["111011", "1112"], ["551011", "110"]]
    got = crosswalks.read_soc10_isco08(_xlsx(tmp_path / "soc10_isco08.xlsx", isco))
    assert got.values.tolist() == [["11-1011", "1112"], ["55-1011", "0110"]]
    groups = [["conceptType", "code", "preferredLabel", "description"],
              ["ISCOGroup", "0110", "Commissioned armed forces officers", "Officers."]]
    got = crosswalks.read_isco_groups(_xlsx(tmp_path / "ISCOGroups_en.xlsx", groups))
    assert got[["isco08_code", "level"]].values.tolist() == [["0110", 4]]
    census = [["Job Zone", "Occupation", "Data-level", "Code", "cps_code"],
              ["5", "Chief Executives", "Y", "11-1011.00", "0010"]]
    got = crosswalks.read_census_crosswalk(_xlsx(tmp_path / "census.xlsx", census))
    assert got[["onetsoc_code", "census_occ", "job_zone"]].values.tolist() == [["11-1011.00", "0010", 5.0]]


# 3. numbers too large for a count -----------------------------------------------------


@pytest.mark.parametrize("value", ["99999999999999999999999", "1e30"])
def test_read_census_crosswalk_names_a_job_zone_too_large(tmp_path, value):
    p = tmp_path / "census.csv"
    p.write_text(f"Job Zone,Occupation,Data-level,Code,cps_code\n5,A,Y,11-1011.00,0010\n"
                 f"{value},B,Y,11-1012.00,0010\n")
    with pytest.raises(DataFormatError, match=r"census.csv, row 3, column 'Job Zone': Job Zone must be"):
        crosswalks.read_census_crosswalk(p)


_OEWS_HEADER = ("naics,naics_title,i_group,occ_code,occ_title,o_group,tot_emp,emp_prse,h_mean,"
                "a_mean,mean_prse,h_median,a_median\n")


def _oews_row(code: str, emp: str) -> str:
    return f"000000,Cross-industry,cross-industry,{code},Managers,detailed,{emp},1.2,50,104000,0.5,50,104000\n"


@pytest.mark.parametrize("value", ["99999999999999999999999", "1e30", "-1e30"])
def test_read_oews_names_a_tot_emp_too_large(tmp_path, value):
    p = tmp_path / "oews.csv"
    p.write_text(_OEWS_HEADER + _oews_row("11-1011", "100") + _oews_row("11-1021", value))
    with pytest.raises(DataFormatError, match=r"oews.csv, row 3, column 'tot_emp': tot_emp is too large"):
        read_oews(p)
    p.write_text(_OEWS_HEADER + _oews_row("11-1011", '"1,234,567"') + _oews_row("11-1021", "123456789012"))
    assert read_oews(p)["tot_emp"].tolist() == [1234567, 123456789012]  # counts that fit: as before


# 4. diff_outputs on tables it cannot read ---------------------------------------------


def _recompute(d: Path, release: str) -> Path:
    d.mkdir()
    tasks = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-2011.00"], "task_id": [1, 10],
                          "task": ["Direct operations.", "Audit accounts."], "task_type": ["Core"] * 2})
    write_parquet(task_digests(tasks), d / "task_digests.parquet")
    write_parquet(tasks[["onetsoc_code", "task_id"]].assign(beta=[0.5, 0.25]), d / "task_scores.parquet")
    write_parquet(pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-2011.00"], "beta": [0.5, 0.25],
                                "n_tasks": [1, 1]}), d / "occupation_scores.parquet")
    write_parquet(pd.DataFrame({"soc_code": ["11-1011"], "soc_title": ["Chief Executives"]}),
                  d / "soc_scores.parquet")
    for level, naics in (("sector", ["52", "62"]), ("subsector", ["522"])):
        write_parquet(pd.DataFrame({"naics": naics, "naics_title": [f"title {n}" for n in naics],
                                    "level": level, "beta": 0.5, "exposed_workers": 100.0}),
                      d / f"{level}_scores.parquet")
    (d / "manifest.json").write_text(json.dumps({"releases": {"onet": release, "oews": "2025"}}))
    return d


@pytest.fixture
def outputs(tmp_path):
    return _recompute(tmp_path / "old", "29.1"), _recompute(tmp_path / "new", "30.1")


def _edit(directory: Path, table: str, change) -> None:
    path = directory / f"{table}.parquet"
    write_parquet(change(pd.read_parquet(path)), path)


@pytest.mark.parametrize("table, change, where", [
    ("occupation_scores", lambda f: f.drop(columns="n_tasks"), "missing column(s) ['n_tasks']"),
    ("occupation_scores", lambda f: f.assign(n_tasks=["a", "b"]), "column 'n_tasks': not numbers"),
    ("sector_scores", lambda f: f.drop(columns="level"), "missing column(s) ['level']"),
    ("subsector_scores", lambda f: f.drop(columns="naics_title"), "missing column(s) ['naics_title']"),
    ("soc_scores", lambda f: f.drop(columns="soc_title"), "missing column(s) ['soc_title']"),
    ("occupation_scores", lambda f: f.assign(onetsoc_code=[11, 13]), "row 1, column 'onetsoc_code'"),
    ("task_scores", lambda f: f.assign(onetsoc_code=[None, "13-2011.00"]), "row 1, column 'onetsoc_code'"),
    ("task_scores", lambda f: f.assign(task_id=["1", "10"]), "column 'task_id'"),
    ("sector_scores", lambda f: f.assign(naics=[52, 62]), "row 1, column 'naics'"),
])
def test_diff_names_the_table_and_column_it_cannot_read(outputs, table, change, where):
    old, new = outputs
    _edit(new, table, change)
    with pytest.raises(DataFormatError) as info:
        diff_outputs(old, new)
    assert str(info.value).startswith(f"{new / table}.parquet") and where in str(info.value)


# 5. arguments of the wrong kind -------------------------------------------------------


_DIGESTS = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "text_digest": ["a"]})


@pytest.mark.parametrize("old, match", [
    ("task_digests.parquet", r"old must be a pandas DataFrame"),
    (_DIGESTS.drop(columns="text_digest"), r"old: missing column\(s\) \['text_digest'\]"),
    (_DIGESTS.assign(task_id=[np.nan]), r"old, row 1, column 'task_id': missing"),
    (_DIGESTS.assign(task_id=["1"]), r"old, row 1, column 'task_id': not a task id"),
    (_DIGESTS.assign(onetsoc_code=[None]), r"old, row 1, column 'onetsoc_code'"),
    (pd.concat([_DIGESTS, _DIGESTS.assign(text_digest="b")]), r"old, row 2, column 'task_id': .* twice"),
])
def test_diff_tasks_refuses_frames_it_cannot_compare(old, match):
    with pytest.raises(DataFormatError, match=match):
        diff_tasks(old, _DIGESTS)


@pytest.mark.parametrize("top", ["5", None, 2.5, True])
def test_write_diff_reports_refuses_a_top_that_is_not_a_whole_number(outputs, tmp_path, top):
    diff = diff_outputs(*outputs)
    with pytest.raises(DataFormatError, match="top must be a whole number"):
        write_diff_reports(diff, tmp_path / "r", top=top)
    assert not (tmp_path / "r").exists()


def test_write_diff_reports_refuses_what_is_not_a_diff_or_a_directory(outputs, tmp_path):
    with pytest.raises(DataFormatError, match="diff must be a ReleaseDiff"):
        write_diff_reports(None, tmp_path / "r")
    d = diff_outputs(*outputs)
    with pytest.raises(DataFormatError, match="reports_dir must be a directory path"):
        write_diff_reports(d, None)
    assert isinstance(d, ReleaseDiff) and d.tasks.empty  # good tables: as before
    assert d.occupations["delta_beta"].tolist() == [0.0, 0.0]
    assert d.occupations["soc_title"].fillna("-").tolist() == ["Chief Executives", "-"]
    assert len(write_diff_reports(d, tmp_path / "r", top=1.0)) == 4


def test_diff_directories_that_are_not_paths_are_named(outputs):
    old, _ = outputs
    with pytest.raises(DataFormatError, match="directory must be a directory path .* got NoneType None"):
        check_diff_dir(None)
    with pytest.raises(DataFormatError, match="new_dir must be a directory path .* got int 5"):
        diff_outputs(old, 5)


# 6. the lock file ---------------------------------------------------------------------


_LOCK_HEAD = "name\tsize\tsha256\turl\tmember\n"


def _lock_line(name: str, digit: str) -> str:
    return f"{name}\t3\t{digit * 64}\thttps://example.org/a.zip\tdb/x.txt\n"


def test_a_lock_pinning_a_file_twice_is_refused(tmp_path):
    p = tmp_path / "exposure.lock"
    p.write_text("# comment\n" + _LOCK_HEAD + _lock_line("onet/31.0/Job Zones.txt", "a")
                 + _lock_line("onet/31.0/Job Zones.txt", "b"))
    with pytest.raises(DataFormatError, match=r"exposure.lock, row 4, column 'name': .*pinned twice \(rows 3 and 4\)"):
        releases.Lock(p).entries()


def test_a_lock_saved_with_a_byte_order_mark_is_read(tmp_path):
    p = tmp_path / "exposure.lock"
    p.write_bytes(("\ufeff" + _LOCK_HEAD + _lock_line("onet/31.0/Job Zones.txt", "a")).replace(
        "\n", "\r\n").encode("utf-8"))
    assert releases.Lock(p).entries()["onet/31.0/Job Zones.txt"]["sha256"] == "a" * 64


def test_lock_arguments_of_the_wrong_kind_are_named(tmp_path):
    with pytest.raises(DataFormatError, match="path must be a lock file path .* got NoneType None"):
        releases.Lock(None)
    lock = releases.Lock(tmp_path / "exposure.lock")
    (tmp_path / "x.txt").write_text("abc")
    with pytest.raises(DataFormatError, match="src must be an exposure.sources.Source"):
        lock.pin("onet/31.0/Job Zones.txt", tmp_path / "x.txt")
    src = releases.layout_source("onet/31.0/Job Zones.txt")
    with pytest.raises(ExposureError, match="nope.txt: cannot read"):
        lock.pin(src, tmp_path / "nope.txt")
    with pytest.raises(ExposureError, match="cannot read: is a directory"):
        lock.pin(src, tmp_path)
    assert not lock.path.exists()


def test_releases_frame_skips_a_lock_entry_of_no_release_layout(tmp_path):
    p = tmp_path / "exposure.lock"
    p.write_text(_LOCK_HEAD + _lock_line("demo/a.csv", "a") + _lock_line("onet/31.0/Job Zones.txt", "b"))
    frame = releases.releases_frame(releases.Lock(p))
    mine = frame[frame["pinned_by"] == str(p)]
    assert mine[["kind", "release", "files"]].values.tolist() == [["onet", "31.0", 1]]
    demo = Source(name="demo/b.csv", release="1", url="https://example.org/b.csv", sha256="", size=0,
                  licence="x", attribution="x", notes="x", kind="other")
    (tmp_path / "b.csv").write_text("x\n")
    releases.Lock(p).pin(demo, tmp_path / "b.csv")  # as fetch_table pins a custom source
    assert len(releases.releases_frame(releases.Lock(p))) == len(frame)


# 7. load ------------------------------------------------------------------------------


def _measures_dir(d: Path, soc: pd.DataFrame) -> Path:
    (d / "reports").mkdir(parents=True)
    (d / "reports" / "measures_table.csv").write_text("soc_code,beta\n11-1011,0.5\n")
    write_parquet(soc, d / "soc_scores.parquet")
    return d


@pytest.mark.parametrize("soc, match", [
    (pd.DataFrame({"soc_code": ["11-1011"]}), r"soc_scores.parquet: missing column\(s\) \['soc_title'\]"),
    (pd.DataFrame({"soc_code": ["11-1011", "11-1011"], "soc_title": ["a", "b"]}),
     r"soc_scores.parquet, row 2, column 'soc_code': SOC code '11-1011' appears twice"),
])
def test_load_measures_unvalidated_names_a_soc_table_without_titles(tmp_path, soc, match):
    with pytest.raises(DataFormatError, match=match):
        load("measures", directory=_measures_dir(tmp_path / "out", soc), validate=False)
    good = _measures_dir(tmp_path / "good", pd.DataFrame({"soc_code": ["11-1011"], "soc_title": ["CEO"]}))
    assert load("measures", directory=good, validate=False)["soc_title"].tolist() == ["CEO"]


@pytest.mark.parametrize("kind", ["file", "missing"])
def test_load_and_load_manifest_name_a_directory_that_is_not_one(tmp_path, kind):
    d = tmp_path / "out"
    if kind == "file":
        d.write_text("x")
    reason = "is a file, not a directory" if kind == "file" else "directory not found"
    with pytest.raises(DataFormatError, match=f"out: {reason}"):
        load("tasks", directory=d)
    with pytest.raises(DataFormatError, match=f"out: {reason}"):
        load_manifest(d)


@pytest.mark.parametrize("value", ["1e30", "9223372036854775808", "-1e19"])
def test_onet_whole_number_too_large_for_int64_is_named(tmp_path, value):
    """A whole number past 64 bits in an O*NET integer column is named by file, row and column.

    ``to_number(integer=True)`` raised pandas' "cannot safely cast" TypeError on ``1e30``.
    """
    from exposure.onet import read_job_zones

    path = tmp_path / "Job Zones.txt"
    path.write_text("O*NET-SOC Code\tJob Zone\tDate\tDomain Source\n"
                    "11-1011.00\t5\t08/2023\tAnalyst\n"
                    f"11-2011.00\t{value}\t08/2023\tAnalyst\n")
    with pytest.raises(DataFormatError, match=r"row 3, column 'Job Zone': not an integer of at most 64 bits"):
        read_job_zones(path)


@pytest.mark.parametrize("lead", ["\n", "\n\n", "\r\n"])
def test_table_starting_with_an_empty_line_is_named(tmp_path, lead):
    """A table whose first line is empty said "too many fields: expected 0, got 1"."""
    from exposure.onet import read_job_zones

    path = tmp_path / "Job Zones.txt"
    path.write_bytes((lead + "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\n"
                      "11-1011.00\t5\t08/2023\tAnalyst\n").encode())
    with pytest.raises(DataFormatError, match=r"row 1: empty line .*the header must be the first line"):
        read_job_zones(path)


def test_oews_row_given_twice_names_both_rows(tmp_path):
    """A repeated industry x occupation cell said only "check multiple_fields_uniqueness: '(the row)'"."""
    from exposure.oews import read_oews

    header = ("AREA,AREA_TITLE,AREA_TYPE,NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,"
              "EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN,ANNUAL,HOURLY\n")
    row = ("99,U.S.,1,000000,Cross-industry,cross-industry,11-1011,Chief Executives,detailed,100,0.1,10,20000,"
           "0.1,9,19000,,\n")
    other = row.replace("11-1011,Chief Executives", "11-1021,General Managers")
    path = tmp_path / "oews.csv"
    path.write_text(header + row + other + row)
    with pytest.raises(DataFormatError, match=r"oews.csv, row 4: NAICS/OCC_CODE/O_GROUP 000000/11-1011/detailed "
                                              r"is given twice \(rows 2 and 4\)"):
        read_oews(path)
    path.write_text(header + row + other)
    assert len(read_oews(path)) == 2


def test_soc_structure_with_a_detailed_code_in_two_broad_groups_is_refused():
    """``oews_code_map`` took the last of two broad groups of one detailed code without a word."""
    from exposure.crosswalks import oews_code_map

    structure = pd.DataFrame({"level": ["broad", "broad", "detailed", "detailed", "detailed"],
                              "soc_code": ["13-1020", "13-1030", "13-1021", "13-1022", "13-1021"],
                              "broad_code": [None, None, "13-1020", "13-1020", "13-1030"]})
    with pytest.raises(DataFormatError, match=r"soc_structure, row 5, column 'broad_code': detailed code "
                                              r"'13-1021' is in broad group '13-1020' on row 3 and '13-1030' here"):
        oews_code_map(["13-1021"], ["13-1020"], structure)
    again = pd.concat([structure.iloc[:4], structure.iloc[[2]]], ignore_index=True)  # repeated as it is
    assert oews_code_map(["13-1021"], ["13-1020"], again)["occ_code"].tolist() == ["13-1020"]
