"""Release diffs between two recompute output directories (made-up tiny tables)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from exposure._io import write_parquet
from exposure.errors import ExposureError
from exposure.pipeline import task_digests
from exposure.reports.diff import diff_outputs, diff_tasks, write_diff_reports


def _tasks(rows):
    return pd.DataFrame(rows, columns=["onetsoc_code", "task_id", "task", "task_type"])


def _write_out(d, tasks, task_beta, occ_beta, sector_beta, release):
    d.mkdir()
    write_parquet(task_digests(tasks), d / "task_digests.parquet")
    ts = tasks[["onetsoc_code", "task_id"]].copy()
    ts["beta"] = [task_beta[t] for t in ts["task_id"]]
    write_parquet(ts, d / "task_scores.parquet")
    occ = pd.DataFrame({"onetsoc_code": list(occ_beta), "beta": list(occ_beta.values())})
    occ["n_tasks"] = [int((tasks["onetsoc_code"] == c).sum()) for c in occ["onetsoc_code"]]
    write_parquet(occ, d / "occupation_scores.parquet")
    write_parquet(pd.DataFrame({"soc_code": ["11-1011", "13-2011"],
                                "soc_title": ["Chief Executives", "Accountants and Auditors"]}),
                  d / "soc_scores.parquet")
    for level, naics in (("sector", ["52", "62"]), ("subsector", ["522"])):
        write_parquet(pd.DataFrame({
            "naics": naics, "naics_title": [f"title {n}" for n in naics], "level": level,
            "beta": [sector_beta[n] for n in naics],
            "exposed_workers": [1000.0 * sector_beta[n] for n in naics],
        }), d / f"{level}_scores.parquet")
    (d / "manifest.json").write_text(json.dumps({"releases": {"onet": release, "oews": "2025"}}))


@pytest.fixture
def two_outputs(tmp_path):
    old_tasks = _tasks([
        ("11-1011.00", 1, "Direct operations.", "Core"),
        ("11-1011.00", 2, "Confer with board members.", "Core"),
        ("11-1011.00", 3, 'Prepare "budget" reports.', "Supplemental"),
        ("13-2011.00", 10, "Audit accounts.", "Core"),
        ("13-2011.00", 11, "Advise clients.", None),
    ])
    new_tasks = _tasks([
        ("11-1011.00", 1, "  direct   OPERATIONS ", "Core"),     # whitespace/case only
        ("11-1011.00", 2, "Confer with the board.", "Core"),     # reworded
        ("13-2011.00", 3, 'Prepare "budget" reports.', "Core"),  # moved occupation
        ("13-2011.00", 10, "Audit accounts.", "Core"),
        ("13-2011.00", 12, "Use AI assistants.", "Core"),        # added (11 removed)
        ("15-1252.00", 20, "Write code.", "Core"),               # new occupation
    ])
    old, new = tmp_path / "old", tmp_path / "new"
    _write_out(old, old_tasks, {1: 0.5, 2: 0.0, 3: 1.0, 10: 0.5, 11: 0.0},
               {"11-1011.00": 0.5, "13-2011.00": 0.25}, {"52": 0.4, "62": 0.1, "522": 0.5},
               "29.1")
    _write_out(new, new_tasks, {1: 0.5, 2: 1.0, 3: 1.0, 10: 0.5, 12: 1.0, 20: 1.0},
               {"11-1011.00": 0.75, "13-2011.00": 0.8, "15-1252.00": 1.0},
               {"52": 0.45, "62": 0.1, "522": 0.5}, "30.1")
    return old, new


def test_diff_tasks_classifies_each_change(two_outputs):
    old, new = two_outputs
    d = diff_outputs(old, new)
    got = {(r.onetsoc_code, r.task_id): r.change for r in d.tasks.itertuples()}
    assert got == {
        ("11-1011.00", 2): "reworded",
        ("13-2011.00", 3): "moved",
        ("13-2011.00", 11): "removed",
        ("13-2011.00", 12): "added",
        ("15-1252.00", 20): "added",
    }
    t = d.tasks.set_index("task_id")
    assert t.loc[2, "old_beta"] == 0.0 and t.loc[2, "new_beta"] == 1.0
    assert pd.isna(t.loc[11, "new_beta"]) and t.loc[11, "old_beta"] == 0.0
    assert pd.isna(t.loc[12, "old_beta"]) and t.loc[12, "new_beta"] == 1.0


def test_summary_counts(two_outputs):
    d = diff_outputs(*two_outputs)
    s = dict(zip(d.summary["item"], d.summary["count"]))
    assert s["tasks_old"] == 5 and s["tasks_new"] == 6
    assert (s["tasks_added"], s["tasks_removed"], s["tasks_reworded"], s["tasks_moved"]) == (2, 1, 1, 1)
    assert (s["occupations_old"], s["occupations_new"]) == (2, 3)
    assert (s["occupations_added"], s["occupations_removed"]) == (1, 0)
    assert s["occupations_with_task_changes"] == 3
    assert s["occupations_beta_moved_gt_0.05"] == 2
    assert s["sectors_beta_moved_gt_0.01"] == 1
    assert d.old_releases["onet"] == "29.1" and d.new_releases["onet"] == "30.1"


def test_occupations_sorted_by_absolute_move(two_outputs):
    d = diff_outputs(*two_outputs)
    occ = d.occupations
    assert occ["onetsoc_code"].tolist() == ["13-2011.00", "11-1011.00", "15-1252.00"]
    assert occ["delta_beta"].iloc[0] == pytest.approx(0.55)
    assert occ["delta_beta"].iloc[1] == pytest.approx(0.25)
    assert pd.isna(occ["delta_beta"].iloc[2])  # new occupation: no old value
    assert occ["soc_title"].tolist()[:2] == ["Accountants and Auditors", "Chief Executives"]
    assert occ["tasks_changed"].tolist() == [3, 2, 1]  # 11-1011.00: task 2 reworded, task 3 moved out
    assert occ["new_n_tasks"].tolist() == [3.0, 2.0, 1.0]


def test_a_soc_code_without_an_oews_row_takes_the_occupation_title(two_outputs):
    """A SOC code OEWS publishes only inside an aggregate takes its occupation's title.

    It has no soc_scores row; the soc_title cell was empty before.
    """
    old, new = two_outputs
    assert pd.isna(diff_outputs(old, new).occupations["soc_title"].iloc[2])  # no title anywhere
    occ = pd.read_parquet(new / "occupation_scores.parquet")
    occ["title"] = [f"O*NET title of {c}" for c in occ["onetsoc_code"]]
    write_parquet(occ, new / "occupation_scores.parquet")
    titles = diff_outputs(old, new).occupations.set_index("onetsoc_code")["soc_title"]
    assert titles["15-1252.00"] == "O*NET title of 15-1252.00"
    assert titles["13-2011.00"] == "Accountants and Auditors"  # the OEWS title first


def test_sectors(two_outputs):
    d = diff_outputs(*two_outputs)
    sec = d.sectors
    assert list(zip(sec["naics"], sec["level"])) == [("52", "sector"), ("62", "sector"),
                                                     ("522", "subsector")]
    assert sec["delta_beta"].round(6).tolist() == [0.05, 0.0, 0.0]
    assert sec["naics_title"].tolist()[0] == "title 52"
    assert sec["new_exposed_workers"].tolist()[0] == pytest.approx(450.0)


def test_negative_top_is_refused(two_outputs, tmp_path):
    """--top -3 listed all but the last three occupations."""
    from exposure.errors import ExposureError
    with pytest.raises(ExposureError, match="top must be 0 or more, got -3"):
        write_diff_reports(diff_outputs(*two_outputs), tmp_path / "r", top=-3)
    assert not (tmp_path / "r").exists()


def test_reports_written_and_deterministic(two_outputs, tmp_path):
    d = diff_outputs(*two_outputs)
    a, b = tmp_path / "ra", tmp_path / "rb"
    write_diff_reports(d, a, top=2)
    write_diff_reports(diff_outputs(*two_outputs), b, top=2)
    for name in ("diff_summary.csv", "diff_tasks.csv", "diff_occupations.csv", "diff_sectors.csv"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    summary = (a / "diff_summary.csv").read_text().splitlines()
    assert summary[:3] == ["item,count", "old_oews_release,2025", "old_onet_release,29.1"]
    assert "tasks_reworded,1" in summary
    occ = pd.read_csv(a / "diff_occupations.csv")
    assert len(occ) == 2 and occ["delta_beta"].tolist() == [0.55, 0.25]
    sectors = pd.read_csv(a / "diff_sectors.csv", dtype={"naics": str})
    assert sectors["naics"].tolist() == ["52", "62"]


def test_missing_table_is_a_clear_error(two_outputs):
    old, new = two_outputs
    (new / "task_digests.parquet").unlink()
    with pytest.raises(ExposureError, match="not an exposure recompute output: task_digests.parquet missing"):
        diff_outputs(old, new)


def test_diff_tasks_identical_releases_is_empty():
    t = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "text_digest": ["a"]})
    assert diff_tasks(t, t).empty


def test_kept_tasks_type_and_dwa_changes(two_outputs):
    old, new = two_outputs
    d = pd.read_parquet(new / "task_digests.parquet")
    d.loc[d["task_id"] == 10, "dwa_digest"] = "ffffffffffffffff"
    d.loc[d["task_id"] == 1, "task_type"] = "Supplemental"
    write_parquet(d, new / "task_digests.parquet")
    ts = pd.read_parquet(new / "task_scores.parquet")
    ts.loc[ts["task_id"] == 10, "beta"] = 0.9   # rescored after its DWAs changed
    write_parquet(ts, new / "task_scores.parquet")
    res = diff_outputs(old, new)
    s = dict(zip(res.summary["item"], res.summary["count"]))
    # kept: tasks 1, 2 (11-1011.00) and 10 (13-2011.00)
    assert s["tasks_kept"] == 3
    assert s["tasks_kept_type_changed"] == 1
    assert s["tasks_kept_dwas_changed"] == 1
    # task 2 (reworded, 0 -> 1) and task 10 (DWAs, 0.5 -> 0.9)
    assert s["tasks_kept_beta_moved_gt_0.01"] == 2
    assert s["tasks_same_text_and_dwas_beta_moved_gt_0.01"] == 0
    occ = res.occupations.set_index("onetsoc_code")
    assert occ.loc["13-2011.00", "tasks_dwas_changed"] == 1
    assert occ.loc["11-1011.00", "tasks_type_changed"] == 1
    assert occ.loc["15-1252.00", "tasks_dwas_changed"] == 0


def test_a_directory_diffed_with_itself_is_refused(two_outputs):
    old, _ = two_outputs
    with pytest.raises(ExposureError, match="same directory"):
        diff_outputs(old, old)


def test_a_table_changed_after_its_recompute_is_refused(two_outputs):
    """The manifest's sha256 of each table: an edited or copied-in table is not diffed."""
    import hashlib

    old, new = two_outputs
    manifest = json.loads((new / "manifest.json").read_text())
    manifest["tables"] = {f"{t}.parquet": {"sha256": hashlib.sha256((new / f"{t}.parquet").read_bytes()).hexdigest()}
                          for t in ("task_digests", "task_scores", "occupation_scores", "sector_scores",
                                    "subsector_scores", "soc_scores")}  # every table, as recompute lists them
    (new / "manifest.json").write_text(json.dumps(manifest))
    diff_outputs(old, new)  # as recorded: fine
    scores = pd.read_parquet(new / "occupation_scores.parquet")
    write_parquet(scores.assign(beta=scores["beta"] + 0.1), new / "occupation_scores.parquet")
    with pytest.raises(ExposureError, match=r"occupation_scores.parquet: this table is not the one manifest.json "
                                            r"recorded \(sha256"):
        diff_outputs(old, new)


@pytest.mark.parametrize("table,change,match", [
    ("occupation_scores", lambda f: f.drop(columns="beta"), r"occupation_scores.parquet: missing column\(s\) \['beta'\]"),
    ("task_scores", lambda f: f.assign(beta=f["beta"].astype(str)), r"task_scores.parquet, column 'beta': not numbers"),
    ("task_scores", lambda f: pd.concat([f, f.iloc[[0]]]), r"task_scores.parquet, row 7, column 'task_id': key \('11-1011.00', 1\) appears twice"),
    ("sector_scores", lambda f: f.drop(columns="exposed_workers"), r"sector_scores.parquet: missing column"),
])
def test_tables_without_what_the_diff_reads_are_refused(two_outputs, table, change, match):
    """Tables read unvalidated (no manifest to check against): a traceback or wrong counts before."""
    old, new = two_outputs
    write_parquet(change(pd.read_parquet(new / f"{table}.parquet")), new / f"{table}.parquet")
    with pytest.raises(ExposureError, match=match):
        diff_outputs(old, new)


def test_diff_names_a_missing_directory_or_a_file(tmp_path):
    """Both said "processed table 'task_digests' not found ... run exposure recompute"."""
    from exposure.errors import DataFormatError
    from exposure.reports.diff import diff_outputs

    (tmp_path / "old").mkdir()
    (tmp_path / "file").write_text("x")
    with pytest.raises(DataFormatError, match="file: is a file, not a directory"):
        diff_outputs(tmp_path / "old", tmp_path / "file")
    with pytest.raises(DataFormatError, match="missing: directory not found"):
        diff_outputs(tmp_path / "old", tmp_path / "missing")
