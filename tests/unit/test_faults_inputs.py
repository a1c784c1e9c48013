"""Issue 11, inputs and outputs through the Python API: every bad input is an ExposureError.

Each test is a case of issue 11 that broke a promise before: a traceback from inside
(AttributeError, TypeError, UnicodeEncodeError, IsADirectoryError), a silently wrong
result, or a lost file. The read-only file system cases mount a tmpfs read-only (skipped
with a reason where mounting is not allowed).
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from _privileges import mount_tmpfs, remount_readonly, umount

from exposure._io import (
    check_output_path,
    neutralise_formulas,
    write_csv,
    write_json,
    write_parquet,
    write_stata,
    write_xlsx,
)
from exposure._tables import read_frame, write_frame
from exposure.errors import DataFormatError, ExposureError, InputError, OutputError
from exposure.onet import read_tasks
from exposure.scoring import score_tasks, task_score_table

FRAME = pd.DataFrame({"task": ["Weld pipes.", "Answer telephones."], "beta": [0.25, 0.5]})
WRITERS = [write_csv, write_parquet, write_xlsx, write_stata]


@pytest.fixture
def readonly_dir():
    """A read-only tmpfs holding ``old.csv`` (skipped where mounting is not allowed)."""
    mnt = Path(tempfile.mkdtemp(prefix="exposure-ro-"))
    mount_tmpfs(mnt)
    try:
        (mnt / "old.csv").write_text("task\nold\n")
        remount_readonly(mnt)
        yield mnt
    finally:
        umount(mnt)
        mnt.rmdir()


@pytest.fixture
def full_dir():
    """A 64 KiB tmpfs, so that writing a larger file fails with ENOSPC."""
    mnt = Path(tempfile.mkdtemp(prefix="exposure-full-"))
    mount_tmpfs(mnt, size="64k")
    try:
        (mnt / "old.csv").write_text("task\nold\n")
        yield mnt
    finally:
        umount(mnt)
        mnt.rmdir()


# ------------------------------------------------------------------ writes that cannot happen
@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.__name__)
def test_write_to_a_read_only_file_system_is_an_output_error(readonly_dir, writer):
    with pytest.raises(OutputError) as err:
        writer(FRAME, readonly_dir / "old.csv")
    assert err.value.errno == errno.EROFS and "read-only file system" in str(err.value)
    assert str(readonly_dir / "old.csv") in str(err.value)
    assert (readonly_dir / "old.csv").read_text() == "task\nold\n"


def test_write_to_a_full_file_system_leaves_the_old_file(full_dir):
    big = pd.DataFrame({"task": ["x" * 1000] * 200})
    with pytest.raises(OutputError, match="no space left"):
        write_csv(big, full_dir / "old.csv")
    assert (full_dir / "old.csv").read_text() == "task\nold\n"
    assert sorted(p.name for p in full_dir.iterdir()) == ["old.csv"]


@pytest.mark.parametrize("writer", [*WRITERS, write_json], ids=lambda w: w.__name__)
def test_write_to_a_directory_is_an_output_error(tmp_path, writer):
    """Issue 11: ``-o`` naming a directory raised IsADirectoryError from os.replace."""
    (tmp_path / "out.csv").mkdir()
    with pytest.raises(OutputError, match="is a directory"):
        writer(FRAME if writer is not write_json else {}, tmp_path / "out.csv")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_write_below_a_file_is_an_output_error(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="not a directory"):
        write_csv(FRAME, tmp_path / "file" / "out.csv")


def test_parquet_to_a_non_utf8_path(tmp_path):
    """Issue 11: pyarrow could not encode a file name with a non-UTF-8 byte."""
    name = os.fsdecode(b"scores-\xff.parquet")
    write_parquet(FRAME, tmp_path / name)
    assert os.listdir(os.fsencode(tmp_path)) == [b"scores-\xff.parquet"]
    pd.testing.assert_frame_equal(read_frame(tmp_path / name), FRAME)


def test_output_error_is_an_oserror_and_an_exposure_error(tmp_path):
    (tmp_path / "d").mkdir()
    with pytest.raises(OSError):
        write_csv(FRAME, tmp_path / "d")
    with pytest.raises(ExposureError):
        write_csv(FRAME, tmp_path / "d")


# ------------------------------------------------------------------ output paths checked first
def test_check_output_path_refuses_the_input_itself(tmp_path):
    """Issue 11 item 5: ``score in.csv -o in.csv`` replaced the input without a word."""
    src = tmp_path / "in.csv"
    src.write_text("task\nWeld.\n")
    for same in (src, tmp_path / "." / "in.csv"):
        with pytest.raises(OutputError, match="the output is the input file"):
            check_output_path(same, src)
    (tmp_path / "link.csv").symlink_to(src)
    os.link(src, tmp_path / "hard.csv")
    for alias in ("link.csv", "hard.csv"):
        with pytest.raises(OutputError, match="the output is the input file"):
            check_output_path(tmp_path / alias, src)
    assert check_output_path(tmp_path / "new" / "out.csv", src) == tmp_path / "new" / "out.csv"


def test_check_output_path_names_a_read_only_file_system(readonly_dir):
    with pytest.raises(OutputError, match="read-only file system"):
        check_output_path(readonly_dir / "new.csv")


def test_check_output_path_refuses_a_device(tmp_path):
    with pytest.raises(OutputError, match="not a regular file"):
        check_output_path("/dev/null")
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="not a regular file"):
        write_csv(FRAME, fifo)  # renaming over it would replace the pipe
    assert fifo.is_fifo()


def test_check_output_path_refuses_a_directory(tmp_path):
    with pytest.raises(OutputError, match="is a directory"):
        check_output_path(tmp_path)
    with pytest.raises(OutputError, match="is a directory"):
        check_output_path(str(tmp_path / "not-yet") + "/")


# ------------------------------------------------------------------ formulas
def test_formula_cells_are_neutralised_in_csv(tmp_path):
    """Issue 11 'Also': =cmd|... and @SUM(...) were written verbatim for Excel to run."""
    frame = pd.DataFrame({"task": ["=cmd|' /C calc'!A0", "@SUM(A1:A2)", "+1+1", "Weld.", "-0.5"],
                          "beta": [-0.5, 0.0, 0.1, 0.2, 0.3]})
    out = write_csv(frame, tmp_path / "o.csv")
    back = pd.read_csv(out, dtype=str)
    assert back["task"].tolist() == ["'=cmd|' /C calc'!A0", "'@SUM(A1:A2)", "'+1+1", "Weld.", "-0.5"]
    assert back["beta"].tolist() == ["-0.5", "0.0", "0.1", "0.2", "0.3"]
    write_csv(frame, tmp_path / "k.csv", formulas="keep")
    assert pd.read_csv(tmp_path / "k.csv", dtype=str)["task"].iloc[0] == "=cmd|' /C calc'!A0"
    assert neutralise_formulas(frame)[1] == 3


def test_formula_cells_stay_text_in_xlsx(tmp_path):
    write_frame(pd.DataFrame({"task": ["=1+1", "@SUM(A1)"]}), tmp_path / "o.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "o.xlsx").active
    assert [(c.value, c.data_type) for c in ws["A"][1:]] == [("=1+1", "s"), ("@SUM(A1)", "s")]


# ------------------------------------------------------------------ score_tasks inputs
@pytest.mark.parametrize(
    "tasks, message",
    [
        (None, "expected a pandas DataFrame, got NoneType"),
        (pd.Series(["Weld pipes."], name="task"), "got Series"),
        (pd.DataFrame([["Weld pipes.", "Type."]], columns=["task", "task"]),
         "column 'task' appears more than once"),
        (pd.DataFrame([["Weld pipes.", "x"]], columns=pd.MultiIndex.from_tuples([("task", ""), ("title", "")])),
         "multi-level column names"),
        (pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": ["99999999999999999999"],
                       "task": ["Weld pipes."]}), "row 1, column 'task_id': task ID .* is not an integer"),
        (pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [2.0**70], "task": ["Weld pipes."]}),
         "column 'task_id'"),
        (pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": ["7", "1e30"], "task": ["Weld.", "Sew."]}),
         "row 2, column 'task_id': task ID '1e30' is not an integer that fits in 64 bits"),
        (pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": ["9007199254740993.5"], "task": ["Weld."]}),
         "row 1, column 'task_id': task ID '9007199254740993.5' is not an integer"),
        (pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [7, True], "task": ["Weld.", "Sew."]}),
         "row 2, column 'task_id': task ID True is not an integer"),
        (pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": pd.array([None, False], dtype="boolean"),
                       "task": ["Weld.", "Sew."]}), "row 2, column 'task_id': task ID False is not an integer"),
    ],
    ids=["none", "series", "duplicated-task-column", "multiindex", "task-id-beyond-int64", "float-id-2**70",
         "scientific-id-beyond-int64", "fraction-past-2**53", "bool-id", "boolean-column"],
)
def test_score_tasks_bad_frames_are_data_format_errors(tasks, message):
    """Issue 11: AttributeError (duplicated ``task``) and TypeError (task_id > int64) from inside."""
    with pytest.raises(DataFormatError, match=message):
        score_tasks(tasks, "rubric")


def test_task_ids_past_2_53_keep_every_digit_beside_a_float_looking_id():
    """A column that pandas reads as float64 (one ID written '1e3') loses no digit of another."""
    scored = score_tasks(pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 3,
                                       "task_id": ["9007199254740993", "1e3", None],
                                       "task": ["Weld pipes.", "Sew hems.", "Type letters."]}), "rubric")
    assert task_score_table(scored)["task_id"].tolist() == [9007199254740993, 1000, pd.NA]


def test_score_tasks_largest_int64_task_id_is_fine():
    out = score_tasks(pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [str(2**63 - 1)],
                                    "task": ["Weld pipes."]}), "rubric")
    assert out["label"].notna().all() and not np.isnan(out["beta"].to_numpy(dtype=float)).any()


def test_unreadable_input_is_an_input_error(tmp_path):
    """The API raises ExposureError subclasses: a file that cannot be read is an InputError."""
    if os.geteuid() == 0:
        path = tmp_path / "d.csv"
        path.mkdir()
        with pytest.raises(DataFormatError, match="is a directory"):
            read_frame(path)
        pytest.skip("root reads any file: the permission case runs as nobody in test_faults_cli.py")
    path = tmp_path / "t.csv"
    path.write_text("task\nWeld.\n")
    path.chmod(0)
    with pytest.raises(InputError, match="cannot read"):
        read_frame(path)


def test_xlsx_refuses_a_control_character_before_writing(tmp_path):
    with pytest.raises(DataFormatError, match="row 3, column 'task': a cell holds a control character"):
        write_xlsx(pd.DataFrame({"task": ["Weld.", "bad\x01char"]}), tmp_path / "o.xlsx")
    assert not list(tmp_path.iterdir())


def test_a_path_that_is_not_a_path_is_a_data_format_error():
    for call in (lambda: read_tasks(None), lambda: read_frame(3), lambda: check_output_path(None)):
        with pytest.raises(DataFormatError, match="expected a"):
            call()
