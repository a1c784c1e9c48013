"""Round 80 (outdir): report folders that cannot be written, closed folders in the writers, validate's report files.

Folders this user may not enter (no ``x``) or not write (no ``w``) are tested as root
without the capabilities that bypass permissions (``tests/unit/_nonroot.py``, as round 79);
skipped when not root or without ``setpriv``.

1. A report folder that can be entered but not written (``ro``, mode 0555):
   ``exposure compare -o ro/c``, ``exposure outcomes -o ro/o`` and ``exposure validate
   --report-dir ro/v`` said ``ro/c: cannot write to the output directory: Permission
   denied`` (``exposure._outdir.check_files_dir``), where ``score -o``, ``rollup -o``,
   ``train --out`` and ``report --out-dir`` name the folder and what to do. Now ``output
   path ro/c: Permission denied: the folder ro is not writable (no w permission for this
   user), so nothing can be written in it; ask its owner for access, or choose another
   output directory`` (``exposure._io.unwritable_folder``, in ``check_files_dir`` itself:
   ``exposure.cli._report.check_report_dir`` no longer rewrites its error).
2. ``exposure._outdir.check_output_file("ro/m.npz")`` said ``cannot write ro/m.npz:
   Permission denied (ro)``. Now ``output path ro/m.npz: Permission denied: the folder ro
   is not writable (no w permission for this user), so nothing can be written in it; ask
   its owner for access, or write the file elsewhere`` (as ``exposure train --out``, which
   rewrote its error, says it).
3. An output file under a folder that cannot be entered, given to a library writer:
   ``write_agreement_report(table, table, "locked/a.csv")``,
   ``exposure.fetch.refuse_read_folders("locked/a.csv", file=True)``,
   ``exposure._outdir.refuse_protected`` (``Path.is_symlink``), ``write_csv(frame,
   "locked/b.csv")`` and ``write_parquet`` (``Path.is_dir`` in
   ``exposure._io._check_destination``) raised a bare ``PermissionError: [Errno 13]
   Permission denied: 'locked/a.csv'``. Now the writers say ``locked/a.csv: cannot write:
   Permission denied: the folder locked cannot be entered (no x permission for this user),
   so nothing can be written in it; ask its owner for access, or write the file
   elsewhere`` (``exposure._io.output_error``), and ``refuse_protected`` leaves the path to
   them (nothing of the mirror lies behind a folder that cannot be entered).
4. ``exposure validate --report-dir v``, with ``v/data_coverage.csv`` a symbolic link to a
   file of the mirror, validated the mirror, then wrote its report through the link: the
   mirror's file was replaced (exit 0, ``wrote v/validate_row_counts.csv and
   v/data_coverage.csv``). With a named pipe at ``v/validate_row_counts.csv`` it said
   ``v/validate_row_counts.csv: cannot write: exists and is not a regular file (a device,
   pipe or socket)`` after the whole validation. Both are refused now before any source is
   read, as ``exposure compare`` and ``outcomes`` refuse them
   (``exposure._outdir.check_report_files``): ``refusing to write v/data_coverage.csv (a
   symbolic link to MIRROR/extra.txt): it is inside the mirror MIRROR, which the run reads;
   choose a directory outside it`` and ``v/validate_row_counts.csv: is not a regular file
   (a named pipe, device or socket), where --report-dir writes the file
   validate_row_counts.csv: move it away or give another --report-dir``.
6. ``exposure report rubric --out-dir r``, with ``r/rubric_agreement.csv`` a symbolic link
   to a file of the mirror, ran the rubric, then wrote its report through the link: the
   mirror's file was replaced (exit 0, ``wrote 1 report(s) to r ...; it replaced
   rubric_agreement.csv``); so did ``exposure evaluate --out e.csv`` (``e.csv`` such a link),
   ``report agreement``, ``report categories`` and ``report reproduction``: their report
   directory was checked, not the files in it. Now refused before any input is read:
   ``refusing to write r/rubric_agreement.csv (a symbolic link to MIRROR/extra.txt): it is
   inside the mirror MIRROR, which the run reads; choose a directory outside it``
   (``exposure.cli._report.refuse_linked_reports``, in the words of
   ``exposure._outdir.refuse_protected``).
7. An output directory named like a file (``v.csv``, ``r.xlsx``) under a folder this user may
   not enter: ``exposure validate --report-dir locked/v.csv``, ``report rubric --out-dir
   locked/r.csv``, ``compare -o locked/c.csv``, ``outcomes -o``, ``rollup -o
   locked/r.xlsx``, ``diff a b --reports locked/d.csv`` said ``locked/v.csv: Permission
   denied`` (``Path.is_dir`` in ``exposure._outdir.refuse_file_named_dir``), naming neither
   the folder nor what to do. Now ``output path locked/v.csv: Permission denied: the folder
   locked cannot be entered (no x permission for this user), so nothing can be written in
   it; ask its owner for access, or choose another output directory``, as for any other
   name there (``diff --reports locked/d`` says it now before its inputs are looked at).
8. A refactor, not a fault (its test passes on the old code too): ``exposure train --out``
   (``exposure.cli._evaluate.check_artifact_name``) imported three private helpers of
   ``exposure._outdir`` to run the first checks of ``check_output_file`` before its own.
   Now one public function, ``exposure._outdir.refuse_unreachable_file``, called by both,
   with the same words (a removed current directory, a folder that cannot be entered, a
   name too long).
"""

from __future__ import annotations

import os
import shutil
import sys

import pytest
from tests.unit._nonroot import ADVICE_DIR, ADVICE_FILE, ENTERED, WRITTEN, without_root_powers


def _run(args, cwd):
    """Run ``args`` in ``cwd`` without root's file-permission powers, with an empty mirror; (code, stderr)."""
    done = without_root_powers(args, cwd, EXPOSURE_MIRROR=str(cwd / "mirror"), EXPOSURE_DATA_DIR=str(cwd / "cache"),
                               EXPOSURE_HOME=str(cwd / "home"))
    return done.returncode, done.stderr.strip()


@pytest.fixture
def folders(tmp_path):
    """``locked`` (mode 0) and ``ro`` (mode 0555) in ``tmp_path``, an empty mirror beside them."""
    (tmp_path / "mirror").mkdir()
    (tmp_path / "locked").mkdir()
    (tmp_path / "ro").mkdir()
    (tmp_path / "locked").chmod(0o000)
    (tmp_path / "ro").chmod(0o555)
    yield tmp_path
    (tmp_path / "locked").chmod(0o755)
    (tmp_path / "ro").chmod(0o755)


# 1. report folders that cannot be written --------------------------------------------------------------


@pytest.mark.parametrize("argv, out", [
    (["compare", "-o", "ro/c"], "ro/c"),
    (["outcomes", "-o", "ro/o"], "ro/o"),
    (["validate", "--report-dir", "ro/v"], "ro/v"),
    (["validate", "--report-dir", "ro"], "ro"),
])
def test_a_report_folder_that_cannot_be_written_says_which_and_what_to_do(folders, argv, out):
    """It said ``ro/c: cannot write to the output directory: Permission denied``."""
    assert _run([sys.executable, "-m", "exposure.cli", *argv], folders) == (
        2, f"exposure {argv[0]}: error: output path {out}: " + WRITTEN.format(folder="ro", advice=ADVICE_DIR))
    assert list((folders / "ro").iterdir()) == []


# 2. check_output_file in a folder that cannot be written ------------------------------------------------


def test_check_output_file_says_which_folder_and_what_to_do(folders):
    """It said ``cannot write ro/m.npz: Permission denied (ro)``."""
    code = ("import sys\nfrom exposure._outdir import check_output_file\n"
            "try:\n    check_output_file('ro/new/m.npz')\nexcept Exception as exc:\n"
            "    print(type(exc).__name__, exc, file=sys.stderr)\n")
    assert _run([sys.executable, "-c", code], folders) == (
        0, "OutputPathError output path ro/new/m.npz: " + WRITTEN.format(folder="ro", advice=ADVICE_FILE))


# 3. library writers under a folder that cannot be entered ----------------------------------------------

WRITERS = """
import sys
import pandas as pd
from exposure._io import write_csv, write_parquet
from exposure._outdir import refuse_protected
from exposure.fetch import refuse_read_folders
from exposure.reports.agreement import write_agreement_report

table = pd.DataFrame({"scorer": ["x"], "kappa": [0.1]})
calls = {
    "write_agreement_report": lambda: write_agreement_report(table, table, "locked/a.csv"),
    "write_csv": lambda: write_csv(table, "locked/sub/b.csv"),
    "write_parquet": lambda: write_parquet(table, "locked/b.parquet"),
    "refuse_read_folders": lambda: refuse_read_folders("locked/a.csv", file=True),
    "refuse_protected": lambda: refuse_protected("locked/a.csv", [("the mirror", "mirror", "which it reads")],
                                                 file=True),
}
for name, call in calls.items():
    try:
        call()
        print(name, "passed", file=sys.stderr)
    except Exception as exc:
        print(name, type(exc).__name__, exc, file=sys.stderr)
"""


def test_library_writers_name_a_folder_that_cannot_be_entered(folders):
    """They raised a bare ``PermissionError: [Errno 13] Permission denied: 'locked/a.csv'``."""
    code, err = _run([sys.executable, "-c", WRITERS], folders)
    said = ENTERED.format(folder="locked", advice=ADVICE_FILE)
    assert (code, err.splitlines()) == (0, [
        f"write_agreement_report OutputError locked/a.csv: cannot write: {said}",
        f"write_csv OutputError locked/sub/b.csv: cannot write: {said}",
        f"write_parquet OutputError locked/b.parquet: cannot write: {said}",
        "refuse_read_folders passed",  # nothing of the mirror there: the writer names the folder
        "refuse_protected passed",
    ])
    (folders / "locked").chmod(0o755)
    assert list((folders / "locked").iterdir()) == []


# 4. validate --report-dir: a link to a file of the mirror, a named pipe ---------------------------------


@pytest.fixture
def linked_mirror(tmp_path, mirror):
    """A mirror of symbolic links to the real mirror's files, plus a regular file ``extra.txt`` of its own."""
    copy = tmp_path / "mirror"
    shutil.copytree(mirror, copy, copy_function=os.symlink)
    (copy / "extra.txt").write_text("keep\n")
    return copy


def test_validate_report_dir_link_to_a_mirror_file_is_refused_before_the_validation(tmp_path, linked_mirror,
                                                                                    monkeypatch, capsys, no_env):
    """The mirror's ``extra.txt`` was replaced by the coverage report (exit 0)."""
    from exposure.cli import main

    (tmp_path / "v").mkdir()
    (tmp_path / "v" / "data_coverage.csv").symlink_to(linked_mirror / "extra.txt")
    monkeypatch.chdir(tmp_path)
    code = main(["validate", "--mirror", str(linked_mirror), "--data-dir", str(tmp_path / "cache"),
                 "--onet-release", "30.1", "--report-dir", "v"])
    captured = capsys.readouterr()
    assert (code, captured.err.strip()) == (2, (
        f"exposure validate: error: refusing to write v/data_coverage.csv (a symbolic link to "
        f"{linked_mirror / 'extra.txt'}): it is inside the mirror {linked_mirror}, which the run reads; "
        "choose a directory outside it"))
    assert captured.out == ""  # refused before any source was read
    assert (linked_mirror / "extra.txt").read_text() == "keep\n"
    assert sorted(p.name for p in (tmp_path / "v").iterdir()) == ["data_coverage.csv"]


def test_validate_report_dir_named_pipe_is_refused_before_the_validation(tmp_path, mirror, monkeypatch, capsys,
                                                                         no_env):
    """It said ``v/validate_row_counts.csv: cannot write: exists and is not a regular file ...`` after the validation."""
    from exposure.cli import main

    (tmp_path / "v").mkdir()
    os.mkfifo(tmp_path / "v" / "validate_row_counts.csv")
    monkeypatch.chdir(tmp_path)
    code = main(["validate", "--mirror", str(mirror), "--data-dir", str(tmp_path / "cache"),
                 "--onet-release", "30.1", "--report-dir", "v"])
    captured = capsys.readouterr()
    assert (code, captured.err.strip()) == (2, (
        "exposure validate: error: v/validate_row_counts.csv: is not a regular file (a named pipe), "  # round 81: which
        "where --report-dir writes the file validate_row_counts.csv: move it away or give another "
        "--report-dir"))
    assert captured.out == ""  # refused before any source was read


# 6. report files linked to a file of the mirror ---------------------------------------------------------


@pytest.mark.parametrize("argv, report", [
    (["report", "rubric", "--out-dir", "r"], "r/rubric_agreement.csv"),
    (["evaluate", "--method", "rubric", "--out", "r/e.csv"], "r/e.csv"),
])
def test_a_report_linked_to_a_file_of_the_mirror_is_refused_before_any_input(tmp_path, linked_mirror, monkeypatch,
                                                                             capsys, no_env, argv, report):
    """The mirror's ``extra.txt`` was replaced by the report after the whole run (exit 0)."""
    from exposure.cli import main

    (tmp_path / "r").mkdir()
    (tmp_path / report).symlink_to(linked_mirror / "extra.txt")
    monkeypatch.chdir(tmp_path)
    code = main([*argv, "--mirror", str(linked_mirror), "--data-dir", str(tmp_path / "cache")])
    captured = capsys.readouterr()
    assert (code, captured.err.strip()) == (2, (
        f"exposure {argv[0]}{' ' + argv[1] if argv[0] == 'report' else ''}: error: refusing to write {report} "
        f"(a symbolic link to {linked_mirror / 'extra.txt'}): it is inside the mirror {linked_mirror}, which the "
        "run reads; choose a directory outside it"))
    assert (linked_mirror / "extra.txt").read_text() == "keep\n"
    assert not (tmp_path / "cache").exists()  # refused before any input was fetched


# 7. a directory named like a file under a folder that cannot be entered ---------------------------------


@pytest.mark.parametrize("argv, out", [
    (["validate", "--report-dir", "locked/v.csv"], "locked/v.csv"),
    (["report", "rubric", "--out-dir", "locked/r.csv"], "locked/r.csv"),
    (["compare", "-o", "locked/c.csv"], "locked/c.csv"),
    (["outcomes", "-o", "locked/o.csv"], "locked/o.csv"),
    (["rollup", "x.csv", "-o", "locked/r.xlsx"], "locked/r.xlsx"),
    (["diff", "a", "b", "--reports", "locked/d.csv"], "locked/d.csv"),
])
def test_a_directory_named_like_a_file_under_a_closed_folder_names_it(folders, argv, out):
    """It said ``locked/v.csv: Permission denied`` (``Path.is_dir`` in ``refuse_file_named_dir``)."""
    command = " ".join(argv[:2]) if argv[0] == "report" else argv[0]
    assert _run([sys.executable, "-m", "exposure.cli", *argv], folders) == (
        2, f"exposure {command}: error: output path {out}: " + ENTERED.format(folder="locked", advice=ADVICE_DIR))


# 8. one public function for the first checks of an output file (a refactor) ----------------------------


@pytest.mark.parametrize("out", ["locked/m.npz", "locked/sub/m.npz"])
def test_train_out_and_check_output_file_say_a_closed_folder_alike(folders, out):
    """``train --out`` and ``check_output_file`` run the same first checks, in the same words."""
    code = ("import sys\nfrom exposure._outdir import check_output_file\n"
            f"try:\n    check_output_file({out!r})\nexcept Exception as exc:\n"
            "    print(exc, file=sys.stderr)\n")
    said = f"output path {out}: " + ENTERED.format(folder="locked", advice=ADVICE_FILE)
    assert _run([sys.executable, "-c", code], folders) == (0, said)
    assert _run([sys.executable, "-m", "exposure.cli", "train", "--out", out], folders) == (
        2, f"exposure train: error: {said}")


def test_train_out_and_check_output_file_say_a_long_name_alike(tmp_path, monkeypatch, capsys, no_env):
    """A name too long: the words of ``exposure._io.long_name`` from both."""
    from exposure._outdir import OutputPathError, check_output_file
    from exposure.cli import main

    (tmp_path / "mirror").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EXPOSURE_MIRROR", str(tmp_path / "mirror"))
    out = "x" * 300 + ".npz"
    with pytest.raises(OutputPathError) as info:
        check_output_file(out)
    assert main(["train", "--out", out]) == 2
    assert capsys.readouterr().err.strip() == f"exposure train: error: {info.value}"
    assert str(info.value).startswith(f"output file name {out!r} is 304 bytes long")
