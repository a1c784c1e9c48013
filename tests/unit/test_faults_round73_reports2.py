"""Faults of round 73 in the release diffs and the recompute commands (area ``reports2``).

1. ``exposure diff OLD NEW`` (and ``exposure recompute --compare``) where a directory is
   an output of ``exposure rollup -o`` said ``NEW: not an exposure recompute output:
   task_digests.parquet, task_scores.parquet missing``, as if a recompute had lost two of
   its tables. Now: ``NEW: an output of exposure rollup (it holds coverage.json), not of
   exposure recompute: the diff compares two recompute outputs, reading the task
   fingerprints and scores (task_digests.parquet, task_scores.parquet) that a roll-up does
   not write; give the --out directory of a run of exposure recompute instead``.
2. ``diff_tasks`` / ``diff_outputs``: a task moved to another occupation AND reworded was
   reported as ``moved`` only: its new wording went unsaid (``tasks_reworded`` 0, no row
   saying the text changed). Now it is also a ``reworded`` row under its new occupation
   (counted in ``tasks_reworded``; its ``old_beta`` is its score in its old occupation),
   and still one task change of each occupation (``tasks_changed``).
3. ``exposure diff`` given the folder that holds the recompute outputs (the user data
   directory's ``processed``, holding ``onet-29.1_oews-2025`` and ``onet-30.1_oews-2025``),
   or a folder inside an output (its ``reports``), said ``DIR: not an exposure recompute
   output: task_digests.parquet, task_scores.parquet, occupation_scores.parquet,
   sector_scores.parquet, subsector_scores.parquet missing`` and nothing of where the
   outputs are. Now the message goes on ``; it is a folder of recompute outputs
   (onet-29.1_oews-2025, onet-30.1_oews-2025): give one of them, such as
   DIR/onet-29.1_oews-2025`` or ``; it lies inside the recompute output DIR: give that
   directory``.
4. A release a ``manifest.json`` records as ``null`` (unknown; ``diff_summary.csv`` leaves
   its cell empty) was shown as Python's ``None``: ``exposure diff`` printed ``new (oews
   None, onet 30.1)``, and a table of another recompute was refused as ``... but
   manifest.json records (oews None, onet 29.1)``. Now ``oews unknown``.
5. A hand-checked or validation sample CSV saved by Excel with a cleared row among its
   rows (``,,,,,,``) was refused as a cell of it, as if a label were missing:
   ``h.csv, row 3, column 'admin': expected True or False (or 1 / 0), got ''``. Now:
   ``h.csv, row 3: every cell of this row is empty (a row cleared in a spreadsheet?):
   delete the row; only the empty rows ending the file are ignored`` (such rows ending the
   file are ignored, as before).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure._io import write_parquet
from exposure.errors import DataFormatError, ExposureError
from exposure.pipeline import task_digests
from exposure.reports.categories import read_hand_checked, read_validation_sample
from exposure.reports.diff import check_diff_dir, diff_outputs, diff_tasks

ROLLUP = Path(__file__).resolve().parents[1] / "data" / "rollup"

# ------------------------------------------------------------ 1. a roll-up output given to exposure diff


@pytest.fixture
def rollup_out(tmp_path, capsys):
    """A real output of ``exposure rollup -o`` (tiny crosswalk and employment files)."""
    out = tmp_path / "rolled"
    code, _, err = cli(capsys, "rollup", ROLLUP / "task_scores_tiny.csv", "-o", out,
                       "--crosswalk", ROLLUP / "onet_to_soc_tiny.csv", "--employment", ROLLUP / "oews_tiny.csv")
    assert code == 0, err
    assert (out / "coverage.json").is_file() and (out / "occupation_scores.parquet").is_file()
    return out


def test_a_rollup_output_is_named_as_such(rollup_out):
    with pytest.raises(ExposureError) as info:
        check_diff_dir(rollup_out)
    message = str(info.value)
    # before: "...: not an exposure recompute output: task_digests.parquet, task_scores.parquet missing"
    assert message.startswith(f"{rollup_out}: an output of exposure rollup (it holds coverage.json), "
                               "not of exposure recompute")
    assert "task_digests.parquet, task_scores.parquet" in message
    assert message.endswith("give the --out directory of a run of exposure recompute instead")


def test_a_rollup_output_but_not_a_damaged_recompute_output(tmp_path, rollup_out):
    """A directory with a manifest.json beside coverage.json is a damaged recompute: the old message."""
    with pytest.raises(ExposureError, match=r"an output of exposure rollup"):  # before: "not an exposure ..."
        diff_outputs(_out(tmp_path / "old", [("11-1011.00", 1, "Direct operations.")], {1: 0.5}, "29.1"),
                     rollup_out)
    d = _out(tmp_path / "d", [("11-1011.00", 1, "Direct operations.")], {1: 0.5}, "29.1")
    (d / "task_scores.parquet").unlink()
    (d / "coverage.json").write_text("{}")
    with pytest.raises(ExposureError, match=r": not an exposure recompute output: task_scores.parquet missing$"):
        check_diff_dir(d)


def test_exposure_diff_of_a_rollup_output(tmp_path, rollup_out, capsys):
    old = _out(tmp_path / "old", [("11-1011.00", 1, "Direct operations.")], {1: 0.5}, "29.1")
    code, _, err = cli(capsys, "diff", old, rollup_out, "--reports", tmp_path / "r")
    line = one_error_line(err, command="diff")
    assert code == 2 and "an output of exposure rollup (it holds coverage.json)" in line
    assert not (tmp_path / "r").exists()
    # recompute --compare checks it before any work, in the same words
    code, _, err = cli(capsys, "recompute", "--compare", rollup_out, "--out", tmp_path / "new", "--quiet")
    line = one_error_line(err, command="recompute")
    assert code == 2 and "an output of exposure rollup (it holds coverage.json)" in line
    assert not (tmp_path / "new").exists()


# ------------------------------------------------------------ 2. a task moved and reworded


def _out(d: Path, tasks, beta: dict, release: str) -> Path:
    """A small recompute output holding ``tasks`` (code, id, text), all Core, scored ``beta``."""
    d.mkdir()
    frame = pd.DataFrame(tasks, columns=["onetsoc_code", "task_id", "task"]).assign(task_type="Core")
    write_parquet(task_digests(frame), d / "task_digests.parquet")
    write_parquet(frame[["onetsoc_code", "task_id"]].assign(beta=[beta[t] for t in frame["task_id"]]),
                  d / "task_scores.parquet")
    occ = frame.groupby("onetsoc_code", as_index=False).size().rename(columns={"size": "n_tasks"})
    write_parquet(occ.assign(beta=0.5), d / "occupation_scores.parquet")
    for level, naics in (("sector", "52"), ("subsector", "522000")):
        write_parquet(pd.DataFrame({"naics": [naics], "naics_title": ["Finance"], "level": level, "beta": 0.4,
                                    "exposed_workers": 100.0}), d / f"{level}_scores.parquet")
    (d / "manifest.json").write_text(json.dumps({"releases": {"onet": release, "oews": "2025"}}))
    return d


def test_diff_tasks_reports_a_moved_task_reworded_too():
    old = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [1, 3],
                        "text_digest": ["a", "c"]})
    new = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-2011.00"], "task_id": [1, 3],
                        "text_digest": ["a", "C"]})
    # before: [("11-2011.00", 3, "moved")] only
    assert diff_tasks(old, new).to_dict("list") == {
        "onetsoc_code": ["11-2011.00", "11-2011.00"], "task_id": [3, 3], "change": ["moved", "reworded"]}
    # moved with the same text: moved only
    assert diff_tasks(old, new.assign(text_digest=["a", "c"]))["change"].tolist() == ["moved"]


def test_diff_outputs_of_a_moved_and_reworded_task(tmp_path):
    old = _out(tmp_path / "old", [("11-1011.00", 1, "Direct operations."), ("11-1011.00", 3, "Prepare budgets."),
                                  ("13-2011.00", 10, "Audit accounts.")], {1: 0.5, 3: 0.25, 10: 0.5}, "29.1")
    new = _out(tmp_path / "new", [("11-1011.00", 1, "Direct operations."),
                                  ("13-2011.00", 3, "Prepare and review annual budgets."),
                                  ("13-2011.00", 10, "Audit accounts.")], {1: 0.5, 3: 0.75, 10: 0.5}, "30.1")
    d = diff_outputs(old, new)
    rows = d.tasks.set_index("change")
    assert list(d.tasks["change"]) == ["moved", "reworded"]  # before: ["moved"]
    for change in ("moved", "reworded"):
        assert rows.loc[change, "onetsoc_code"] == "13-2011.00" and rows.loc[change, "task_id"] == 3
        assert rows.loc[change, "old_beta"] == 0.25 and rows.loc[change, "new_beta"] == 0.75
    s = dict(zip(d.summary["item"], d.summary["count"], strict=True))
    assert (s["tasks_moved"], s["tasks_reworded"]) == (1, 1)  # before: (1, 0)
    # one task change of each occupation, not two of the new one
    occ = d.occupations.set_index("onetsoc_code")["tasks_changed"]
    assert occ.to_dict() == {"11-1011.00": 1, "13-2011.00": 1}
    assert s["occupations_with_task_changes"] == 2
    assert not d.unchanged


# ------------------------------------------------------------ 3. a folder of outputs, or a folder inside one


def test_a_folder_of_recompute_outputs_names_them(tmp_path, capsys):
    processed = tmp_path / "processed"
    processed.mkdir()
    old = _out(processed / "onet-29.1_oews-2025", [("11-1011.00", 1, "Direct operations.")], {1: 0.5}, "29.1")
    new = _out(processed / "onet-30.1_oews-2025", [("11-1011.00", 1, "Direct operations.")], {1: 0.5}, "30.1")
    (processed / "notes").mkdir()  # a folder that is no output: not listed
    with pytest.raises(ExposureError) as info:
        check_diff_dir(processed)
    # before: it ended "... sector_scores.parquet, subsector_scores.parquet missing"
    assert str(info.value).endswith("subsector_scores.parquet missing; it is a folder of recompute outputs "
                                    "(onet-29.1_oews-2025, onet-30.1_oews-2025): give one of them, such as "
                                    f"{old}")
    code, _, err = cli(capsys, "diff", processed, new)
    line = one_error_line(err, command="diff")
    assert code == 2 and "it is a folder of recompute outputs (onet-29.1_oews-2025, onet-30.1_oews-2025)" in line
    # following the advice works
    assert cli(capsys, "diff", old, new, "--quiet")[0] == 0


def test_a_folder_inside_a_recompute_output_names_it(tmp_path, capsys):
    old = _out(tmp_path / "old", [("11-1011.00", 1, "Direct operations.")], {1: 0.5}, "29.1")
    new = _out(tmp_path / "new", [("11-1011.00", 1, "Direct operations.")], {1: 0.75}, "30.1")
    (new / "reports").mkdir()
    code, _, err = cli(capsys, "diff", old, new / "reports")
    line = one_error_line(err, command="diff")
    assert code == 2 and line.endswith(f"missing; it lies inside the recompute output {new}: give that directory")
    # an empty directory elsewhere keeps the plain message
    (tmp_path / "empty").mkdir()
    with pytest.raises(ExposureError, match=r"subsector_scores.parquet missing$"):
        check_diff_dir(tmp_path / "empty")


# ------------------------------------------------------------ 4. a release recorded as null


def _unknown_oews(d: Path) -> Path:
    manifest = json.loads((d / "manifest.json").read_text())
    (d / "manifest.json").write_text(json.dumps({**manifest, "releases": {**manifest["releases"], "oews": None}}))
    return d


def test_an_unknown_release_is_printed_unknown(tmp_path, capsys):
    old = _out(tmp_path / "old", [("11-1011.00", 1, "Direct operations.")], {1: 0.5}, "29.1")
    new = _unknown_oews(_out(tmp_path / "new", [("11-1011.00", 1, "Direct operations.")], {1: 0.75}, "30.1"))
    code, out, err = cli(capsys, "diff", old, new)
    assert code == 0, err
    # before: "... -> .../new (oews None, onet 30.1)"
    assert out.splitlines()[0] == f"{old} (oews 2025, onet 29.1) -> {new} (oews unknown, onet 30.1)"
    assert "new_oews_release,\n" in (new / "reports" / "diff_summary.csv").read_text()


def test_an_unknown_release_in_the_message_of_a_table_of_another_run(tmp_path):
    old = _out(tmp_path / "old", [("11-1011.00", 1, "Direct operations.")], {1: 0.5}, "29.1")
    new = _unknown_oews(_out(tmp_path / "new", [("11-1011.00", 1, "Direct operations.")], {1: 0.75}, "30.1"))
    path = new / "occupation_scores.parquet"
    write_parquet(pd.read_parquet(path), path,
                  metadata={"exposure.releases": json.dumps({"oews": "2025", "onet": "29.1"})})
    # before: "... but manifest.json records (oews None, onet 30.1) ..."
    with pytest.raises(DataFormatError, match=r"records the releases \(oews 2025, onet 29\.1\), but manifest\.json "
                                              r"records \(oews unknown, onet 30\.1\): it comes from another"):
        diff_outputs(old, new)


# ------------------------------------------------------------ 5. a cleared row among a sample's rows

HAND = "onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\r\n"
CLEARED = (r"^{path}, row 3: every cell of this row is empty \(a row cleared in a spreadsheet\?\): delete the row; "
           r"only the empty rows ending the file are ignored$")


def test_a_cleared_row_among_the_hand_checked_rows(tmp_path):
    path = tmp_path / "h.csv"
    rows = ["43-9061.00,1,random,TRUE,FALSE,FALSE,phones", ",,,,,,", "47-2021.00,3,random,FALSE,FALSE,FALSE,bricks"]
    path.write_bytes(("\ufeff" + HAND + "\r\n".join(rows) + "\r\n,,,,,,\r\n").encode())
    # before: "h.csv, row 3, column 'admin': expected True or False (or 1 / 0), got ''"
    with pytest.raises(DataFormatError, match=CLEARED.format(path=re.escape(str(path)))):
        read_hand_checked(path)
    # deleting the row, as advised, reads the file (its cleared rows at the end ignored)
    path.write_bytes(("\ufeff" + HAND + "\r\n".join(rows[::2]) + "\r\n,,,,,,\r\n").encode())
    assert read_hand_checked(path)["admin"].tolist() == [True, False]


def test_a_cleared_row_among_the_validation_sample_rows(tmp_path):
    design = "onetsoc_code,task_id,stratum,enriched_population,inclusion_prob,weight,double\n"
    labels = "onetsoc_code,task_id,admin,routine_coding,entry_creative,note\n"
    (tmp_path / "sample.csv").write_text(design + "43-9061.00,1,uniform,TRUE,0.5,2,TRUE\n"
                                         "11-1011.00,2,uniform,FALSE,0.25,4,FALSE\n")
    (tmp_path / "labels_annotator_a.csv").write_text(labels + "43-9061.00,1,TRUE,FALSE,FALSE,x\n,,,,,\n"
                                                     "11-1011.00,2,FALSE,FALSE,FALSE,y\n")
    (tmp_path / "labels_annotator_b.csv").write_text(labels + "43-9061.00,1,TRUE,FALSE,FALSE,x\n")
    path = tmp_path / "labels_annotator_a.csv"
    # before: "labels_annotator_a.csv, row 3, column 'onetsoc_code': missing"
    with pytest.raises(DataFormatError, match=CLEARED.format(path=re.escape(str(path)))):
        read_validation_sample(tmp_path)
