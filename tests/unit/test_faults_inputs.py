"""Issue 11, inputs and outputs through the Python API: every bad input is an ExposureError.

Each test is a case of issue 11 that broke a promise before: a traceback from inside
(AttributeError, TypeError, UnicodeEncodeError, IsADirectoryError), a silently wrong
result, or a lost file. The read-only file system cases mount a tmpfs read-only (skipped
with a reason where mounting is not allowed).
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
import warnings
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


def test_check_output_path_resolves_a_directory_that_does_not_exist_yet(tmp_path):
    """``sub/../in.csv`` with no ``sub``: the writer created ``sub`` and replaced the input (any command)."""
    src = tmp_path / "in.csv"
    src.write_text("task\nWeld.\n")
    with pytest.raises(OutputError, match="the output is the input file"):
        check_output_path(tmp_path / "sub" / ".." / "in.csv", src)
    assert not (tmp_path / "sub").exists() and src.read_text() == "task\nWeld.\n"
    assert check_output_path(tmp_path / "sub" / ".." / "out.csv", src).name == "out.csv"


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
    with pytest.raises(OutputError, match="a file name, not a directory path"):
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
        (None, "^tasks must be a pandas DataFrame, got NoneType$"),
        (pd.Series(["Weld pipes."], name="task"), "got Series"),
        (pd.DataFrame([["Weld pipes.", "Type."]], columns=["task", "task"]),
         "tasks, column 'task': given more than once: keep one"),
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
        # complex numbers raised numpy's TypeError; dates and durations were scored as
        # nanosecond counts (reference: silently unlabelled)
        (pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [11504 + 0j, 7855], "task": ["Weld.", "Sew."]}),
         r"row 1, column 'task_id': task ID \(11504\+0j\) is not an integer"),
        (pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 3, "task_id": pd.Series(["7", "8", 3 + 0j], dtype=object),
                       "task": ["Weld.", "Sew.", "Type."]}), r"row 3, column 'task_id': task ID \(3\+0j\) is not"),
        (pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": pd.Series(["x", 3 + 0j], dtype=object),
                       "task": ["Weld.", "Sew."]}), "row 1, column 'task_id': task ID 'x' is not an integer"),
        (pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": pd.to_datetime([1, 2]), "task": ["Weld.", "Sew."]}),
         r"row 1, column 'task_id': task ID Timestamp\('1970-01-01 00:00:00.000000001'\) is not an integer"),
        (pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": pd.to_datetime([None, 2], utc=True),
                       "task": ["Weld.", "Sew."]}), "row 2, column 'task_id': task ID Timestamp.* is not an integer"),
        (pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": pd.to_timedelta([1, 2], unit="s"),
                       "task": ["Weld.", "Sew."]}), r"row 1, column 'task_id': task ID Timedelta\(.* is not an integer"),
        (pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": pd.Series([7, np.timedelta64(1, "ns")], dtype=object),
                       "task": ["Weld.", "Sew."]}), "row 2, column 'task_id': task ID .*timedelta64.* is not an integer"),
        (pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": pd.period_range("2020", periods=2, freq="D"),
                       "task": ["Weld.", "Sew."]}), r"row 1, column 'task_id': task ID Period\(.* is not an integer"),
        (pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task": ["Weld.", "Sew."],
                       "task_id": pd.Series(pd.to_timedelta([1, 2])).astype("duration[ns][pyarrow]")}),
         "row 1, column 'task_id': task ID Timedelta.* is not an integer"),
    ],
    ids=["none", "series", "duplicated-task-column", "multiindex", "task-id-beyond-int64", "float-id-2**70",
         "scientific-id-beyond-int64", "fraction-past-2**53", "bool-id", "boolean-column", "complex-column",
         "complex-cell", "text-before-complex", "datetime-column", "datetime-tz-after-NaT", "timedelta-column",
         "timedelta64-cell", "period-column", "arrow-duration-column"],
)
def test_score_tasks_bad_frames_are_data_format_errors(tasks, message):
    """Issue 11: AttributeError (duplicated ``task``) and TypeError (task_id > int64) from inside."""
    with pytest.raises(DataFormatError, match=message):
        score_tasks(tasks, "rubric")


@pytest.mark.parametrize("method", ["rubric", "reference"])
def test_score_tasks_date_and_duration_task_ids_are_refused_by_every_method(method):
    """``reference`` gave dates and durations NaN labels, silently; ``rubric`` scored them."""
    frame = pd.DataFrame({"onetsoc_code": ["47-2121.00", "29-1081.00"], "task": ["Weld.", "Sew."]})
    labels = pd.DataFrame({"onetsoc_code": ["47-2121.00"], "task_id": [1], "human_exposure_agg": ["E0"],
                           "gpt4_exposure": ["E0"]})
    for ids in (pd.to_datetime([1, 2]), pd.to_timedelta([1, 2], unit="s")):
        with pytest.raises(DataFormatError, match="row 1, column 'task_id': task ID .* is not an integer"):
            score_tasks(frame.assign(task_id=ids), method, labels=labels)


def test_score_tasks_an_all_missing_complex_task_id_column_is_no_task_ids():
    frame = pd.DataFrame({"task_id": pd.Series([np.nan, np.nan], dtype=complex), "task": ["Weld.", "Sew."]})
    assert task_score_table(score_tasks(frame, "rubric"))["task_id"].isna().all()


@pytest.mark.parametrize("kwargs", [{"text_column": ["task"]}, {"text_column": {"task": 1}},
                                    {"text_column": np.array(["task"])}, {"occupation_column": ["title"]}])
def test_score_tasks_a_column_argument_that_is_not_a_name_is_a_data_format_error(kwargs):
    """``text_column=["task"]`` raised ``TypeError: unhashable type: 'list'``."""
    frame = pd.DataFrame({"task": ["Weld pipes."], "title": ["Welder"]})
    name = next(iter(kwargs))
    with pytest.raises(DataFormatError, match=f"^{name} must be a column name \\(str\\), got "):
        score_tasks(frame, "rubric", **kwargs)


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


@pytest.mark.parametrize("values", [
    pd.Series([0.5, np.inf]),
    pd.Series([0.5, -np.inf], dtype="Float64"),
    pd.Series([0.5, np.inf], dtype=object),
    pd.Series(pd.to_datetime([None, "2024-01-02"]).tz_localize("UTC")),
    pd.Series([None, pd.Timestamp("2024-01-02", tz="Europe/Paris")], dtype=object),
], ids=["inf", "Float64-minus-inf", "object-inf", "tz-aware", "object-tz-aware"])
def test_xlsx_refuses_infinities_and_time_zone_aware_times(tmp_path, values):
    """An infinity was an empty cell (silently); a time zone an openpyxl TypeError traceback."""
    frame = FRAME.assign(v=values.to_numpy() if values.dtype == object else values)
    with pytest.raises(DataFormatError) as exc:
        write_frame(frame, tmp_path / "o.xlsx")
    assert str(exc.value).startswith(f"{tmp_path / 'o.xlsx'}, row 3, column 'v': ")
    assert "infinite number" in str(exc.value) or "time-zone-aware" in str(exc.value)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(("values", "row"), [
    (pd.Series([1, 2**63 - 1], dtype="int64"), 3),
    (pd.Series([-(2**63), 1], dtype="int64"), 2),
    (pd.Series([1, 2**64 - 1], dtype="uint64"), 3),
    (pd.Series([None, 2**53], dtype="Int64"), 3),
    (pd.Series(pd.to_datetime(["2024-01-01", "2024-01-02"]).tz_localize("UTC")), 2),
], ids=["int64-max", "int64-min", "uint64-max", "Int64-2**53", "tz-aware"])
def test_stata_refuses_values_it_cannot_hold_exactly(tmp_path, values, row):
    """2**63 - 1 was read back as 2**63 (only a pandas warning leaked), 2**64 - 1 as a float."""
    with pytest.raises(DataFormatError) as exc:
        write_stata(FRAME.assign(v=values), tmp_path / "o.dta")
    assert str(exc.value).startswith(f"{tmp_path / 'o.dta'}, row {row}, column 'v': the column holds")
    assert not list(tmp_path.iterdir())
    exact = FRAME.assign(v=pd.Series([2**53 - 1, -(2**53 - 1)], dtype="int64"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing leaks
        write_stata(exact, tmp_path / "o.dta")
    assert pd.read_stata(tmp_path / "o.dta")["v"].astype("int64").tolist() == exact["v"].tolist()


def test_stata_renames_column_names_it_cannot_hold_with_a_warning_and_a_label(tmp_path, caplog):
    """A space or 33 characters: pandas renamed the column with only its own warning."""
    long = "x" * 40
    frame = FRAME.assign(**{"O*NET-SOC Code": ["11-1011.00", None], long: [1, 2]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no pandas InvalidColumnName leaks
        write_stata(frame, tmp_path / "o.dta")
    reader = pd.io.stata.StataReader(tmp_path / "o.dta")
    with reader:
        back = reader.read()
        labels = reader.variable_labels()
    assert back.columns.tolist() == ["task", "beta", "O_NET_SOC_Code", "x" * 32]
    assert labels["O_NET_SOC_Code"] == "O*NET-SOC Code" and labels["x" * 32] == long
    assert labels["task"] == ""
    assert "2 column name(s) are not Stata variable names and were renamed" in caplog.text
    assert "'O*NET-SOC Code' -> 'O_NET_SOC_Code'" in caplog.text


def test_readme_lists_only_the_output_types_score_writes():
    """README said ``exposure score`` writes TSV, which ``-o out.tsv`` refused (round 81: it writes it)."""
    from exposure.scoring._files import file_kind

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `exposure score IN -o OUT`"))
    written = re.search(r"written (?:as|in) ([^(]*)", row).group(1)
    assert "those formats" not in written
    said = re.findall(r"\b(CSV|TSV|Parquet|xlsx|dta)\b", written)
    assert said == ["CSV", "TSV", "Parquet", "xlsx", "dta"]
    for ext in said:
        assert file_kind(f"out.{ext.lower()}", "output") == ext.lower()
    with pytest.raises(DataFormatError, match="unsupported output file type '.json'"):
        file_kind("out.json", "output")


# --------------------------------------------------------------------------------------
# fault hunt 3 (December 2026): score_tasks arguments, O*NET header options, bare CR
# --------------------------------------------------------------------------------------


def test_an_occupation_column_named_0_is_used_not_replaced_by_title():
    """`occupation_column or "title"` dropped column 0 (frames read with header=None)."""
    base = pd.DataFrame({"onetsoc_code": ["43-4171.00"] * 3 + ["15-1252.00"] * 2,
                         "task": ["Answer telephones and relay messages.", "Greet visitors.",
                                  "File records.", "Write code.", "Review code changes."],
                         "title": ["Receptionists"] * 3 + ["Software Developers"] * 2})
    named = score_tasks(base.drop(columns="onetsoc_code"), occupation_column="title")
    zero = base.drop(columns="onetsoc_code").rename(columns={"title": 0}).assign(title="Forklift Operators")
    got = score_tasks(zero, occupation_column=0)
    np.testing.assert_array_equal(got["beta"].to_numpy(), named["beta"].to_numpy())


@pytest.mark.parametrize("onet", ["29.1", 29.1, Path("29.1")])
def test_score_tasks_refuses_a_release_name_for_onet(onet):
    frame = pd.DataFrame({"onetsoc_code": ["43-4171.00"], "task_id": [1], "task": ["Answer telephones."]})
    for method in ("learned", "rubric"):
        with pytest.raises(DataFormatError, match=r"onet must be an O\*NET release, e\.g\. "
                                                  r"exposure\.load_onet\("):
            score_tasks(frame, method, onet=onet)


@pytest.mark.parametrize("batch", [[], ["--batch-rows", "0"]], ids=["stream", "whole"])
def test_column_options_may_name_onet_headers(tmp_path, capsys, batch):
    """--text-column Task on O*NET's headers: 'missing text column' (they were renamed)."""
    from exposure.cli import main

    src = tmp_path / "on.csv"
    src.write_text("O*NET-SOC Code,Task ID,Task,Title\n"
                   "11-1011.00,8823,Direct or coordinate financial activities.,Chief Executives\n")
    out = tmp_path / "out.csv"
    assert main(["score", str(src), "-o", str(out), "--method", "rubric", "--onet", "none",
                 "--text-column", "Task", "--occupation-column", "Title", *batch]) == 0
    capsys.readouterr()
    got = pd.read_csv(out)
    assert got.loc[0, "task"] == "Direct or coordinate financial activities." and got.loc[0, "label"] in ("E0", "E1", "E2")


@pytest.mark.parametrize("batch", [[], ["--batch-rows", "0"]], ids=["stream", "whole"])
def test_a_bare_carriage_return_ends_a_record_whatever_the_batch(tmp_path, capsys, batch):
    """Read whole, a cell holding a bare CR became two rows (one padded with a missing title)."""
    from exposure.cli import main

    src = tmp_path / "barecr.csv"
    src.write_bytes(b"task,title\nAnswer telephones\rand relay messages.,Receptionist\n"
                    b"Operate a forklift.,Forklift\n")
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "--method", "rubric", *batch]) == 2
    assert ("barecr.csv, row 2, column 'title': too few fields: expected 2, got 1"
            in capsys.readouterr().err)
    mac = tmp_path / "mac.csv"  # old Mac line ends: a csv.Error traceback when read whole
    mac.write_bytes(b'task,title\r"Answer telephones.",Receptionist\rOperate a forklift.,Forklift\r')
    assert main(["score", str(mac), "-o", str(tmp_path / "m.csv"), "--method", "rubric", *batch]) == 0
    assert "scored 2 tasks" in capsys.readouterr().out
    assert pd.read_csv(tmp_path / "m.csv")["task"].tolist() == ["Answer telephones.", "Operate a forklift."]


@pytest.mark.parametrize("name", ["parts.parquet", "parts"])
def test_a_directory_given_to_the_stream_engine_is_named_as_one(tmp_path, capsys, name):
    """It was 'input file not found' (parts.parquet) or 'unsupported input file type'."""
    from exposure.cli import main

    (tmp_path / name).mkdir()
    pd.DataFrame({"task": ["Weld pipes."]}).to_parquet(tmp_path / name / "a.parquet")
    assert main(["score", str(tmp_path / name), "-o", str(tmp_path / "o.csv"), "--method", "rubric"]) == 2
    assert f"{name}: is a directory, not a file; a directory of Parquet files is scored by " \
           "exposure score --engine dask" in capsys.readouterr().err


def test_a_reference_method_and_another_reference_source_are_refused():
    """method='reference-gpt4', reference_source='human' scored with gpt4, silently."""
    frame = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [8823],
                          "task": ["Direct or coordinate financial activities."]})
    with pytest.raises(ExposureError, match="method 'reference-gpt4' and reference_source 'human' "
                                            "name different labels"):
        score_tasks(frame, "reference-gpt4", reference_source="human", labels=pd.DataFrame())


@pytest.mark.parametrize("batch", [[], ["--batch-rows", "0"]], ids=["stream", "whole"])
def test_a_parquet_column_without_a_name_is_refused(tmp_path, capsys, batch):
    """It was written as an empty CSV header, which the library could not read back."""
    from exposure.cli import main

    pd.DataFrame({"task": ["Weld pipes."], "": ["x"]}).to_parquet(tmp_path / "e.parquet")
    assert main(["score", str(tmp_path / "e.parquet"), "-o", str(tmp_path / "o.csv"),
                 "--method", "rubric", *batch]) == 2
    assert "e.parquet: column 2 has no name (''): name it" in capsys.readouterr().err
    assert not (tmp_path / "o.csv").exists()
