"""Fault round 67 (releases): the lock file of a refresh, and the output directory of a recompute.

Faults found and fixed:

1. A lock file that is not UTF-8 was refused as ``exposure.lock: not a lock file: not UTF-8
   text (byte 0)`` (rewritten by PowerShell's ``>``, which writes UTF-16, or saved as
   Notepad's "Unicode"), and a review note typed in Windows-1252 (``# révisé``) as ``not a
   lock file: not UTF-8 text (byte 660)``: neither the encoding nor the row was named.
   Now ``exposure.lock: not a lock file: not UTF-8 text, but UTF-16 (rewritten by
   PowerShell's '>', or saved as Notepad's 'Unicode'?): save it as UTF-8``, and
   ``exposure.lock, row 7: not UTF-8 text: byte 0xe9 is not valid UTF-8 (byte offset 660;
   'é' in Windows-1252): save the lock file as UTF-8`` (with the column, in a pin line).
   A lock file whose end was zeroed (a crash, a bad copy) was refused as ``row 6: too few
   fields: expected 5, got 3``, and a file of one long line (not a lock file) raised a bare
   ``_csv.Error: field larger than field limit (131072)``, a traceback from the command
   line. Now ``exposure.lock, row 6: file is binary, not text (a NUL byte at offset 500)``
   and ``exposure.lock, row 1: not a lock file: field larger than field limit (131072) (a
   lock file holds lines of five short fields separated by tabs)``.
2. A line of white space only in the lock file (a pin blanked in an editor; a row cleared
   in a spreadsheet, which writes it as ``\\t\\t\\t\\t``: docs/refresh.md says to delete a
   line to accept a new upstream file) stopped every run that read the lock file with
   ``exposure.lock, row 7: too few fields: expected 5, got 1 (fields are separated by
   tabs)`` or ``row 7, column 'name': name missing``; an indented comment (``  #
   reviewed``) with the first. Now an empty line and a comment, as unindented ones are
   (the comment kept by the next pin).
3. ``exposure recompute --out "$OUT"`` with ``OUT`` read from a file saved with CRLF line
   ends (``results\\r``) or pasted with a space after it: the whole run was written into a
   new directory ``results\\r`` beside ``results`` (with its lock file
   ``.exposure-results\\r.lock``), exit 0, and ``exposure.load(directory="results")`` read
   the old tables; ``--compare "old\\r"`` was said to be ``not a directory``, the line end
   printed as it is. So for ``recompute(out=...)``, ``run_pipeline``, every writer of
   ``exposure._outdir.replace_directory`` (``exposure rollup -o``) and every report
   directory checked by ``exposure._outdir.check_files_dir`` (``exposure compare -o``,
   ``outcomes -o``, ``validate --report-dir``). Now refused before any
   work, as ``--data-dir`` and ``--reports`` are: ``exposure recompute: error: --out
   'results\\r' has surrounding spaces (or a line end): remove them ('results\\r' and
   'results' are different directories)`` (``output path ...`` for the other writers). A
   directory of that very name that exists is still written.
4. An output directory that is itself a folder with the sticky bit, ``exposure recompute
   --out /tmp`` or ``rollup -o /tmp`` (meaning "into /tmp"; a shared ``/scratch``): run as
   root (a container) the folder itself was replaced, every user's entries hard-linked
   into a new directory and removed from the old one under the programs using them; run
   as another user it failed on the lock file asking ``is the parent directory
   writable?`` (of ``/``). Now refused before any work: ``refusing to replace /tmp: it is a
   folder with the sticky bit (like /tmp), shared by the users of this system; write into
   a directory inside it (such as /tmp/results)``.
5. An existing output directory of one's own in a folder one may not write (a directory
   of one's own in a shared project folder): ``cannot create the lock file
   shared/.exposure-alice.lock for shared/alice: Permission denied; is the parent
   directory writable?``: it is not, and need not be. Now the message says why the folder
   is written and what works: ``... shared/alice is replaced as a whole, by a new directory
   made beside it, with its lock file, in shared, which this user may not write: write
   into a directory inside shared/alice (such as shared/alice/results), or ask for write
   access to shared``.
6. ``exposure.pipeline.task_digests(tasks)`` with a task given twice (two rows of one
   O*NET-SOC code and task ID: tasks concatenated twice) returned both rows, two digests
   of one task when the texts differed, and a ``task_type`` written ``'core'`` or
   ``'Core '`` was returned as it was: a table that the ``task_digests`` schema (and
   ``exposure diff``) refuses. Now ``tasks, row 3, column 'task_id': task
   ('11-1011.00', 8823) appears twice (rows 1 and 3): a task has one row; keep one`` and
   ``tasks, row 1, column 'task_type': task_type must be 'Core' or 'Supplemental' (or
   missing), got 'core'``. The digests of every O*NET 29.1 task are unchanged.
7. ``exposure.pipeline.run_pipeline(stages, tables, out)`` with a table of one's own whose
   ``keys`` are a str (``Table("digests", "digests.parquet", TaskDigests,
   ("onetsoc_code"), ...)``: a one-element tuple written without its comma) ran every
   stage, then raised pandas' ``KeyError: 'o'`` (the key read letter by letter) as a
   traceback; so did a key its model has no column of (``KeyError: 'task'``). Now refused
   before any stage: ``tables: the table 'digests' at position 0 has keys
   'onetsoc_code', a str: give a tuple of column names, ('onetsoc_code',) (a tuple of one
   name needs its comma)``; ``... has the key 'task', which is not a column of its model
   TaskDigests (columns: onetsoc_code, task_id, task_type, text_digest, dwa_digest): give
   its key columns``.

Every test fails on the code before the round (checked with ``PYTHONPATH`` set to a copy
of the old sources).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from _privileges import NOBODY, run_as_nobody
from test_faults_cli import cli, one_error_line

from exposure import pipeline
from exposure._outdir import OutputPathError, check_files_dir, replace_directory
from exposure.errors import DataFormatError, ExposureError
from exposure.releases import ONET_FILES, Lock, layout_source
from exposure.schemas._catalog import Table
from exposure.schemas._pipeline import TaskDigests

HEADER = "name\tsize\tsha256\turl\tmember\n"
ARCHIVE = "https://www.onetcenter.org/dl_files/database/db_31_0_text.zip"


def _line(base: str, data: bytes = b"abc") -> str:
    return (f"onet/31.0/{base}.txt\t{len(data)}\t{hashlib.sha256(data).hexdigest()}\t{ARCHIVE}\t"
            f"db_31_0_text/{base}.txt\n")


def _lock_text(*between: str) -> str:
    """A lock file of three pins of O*NET 31.0, ``between`` lines after the first pin."""
    return ("# exposure.lock: sha256 of upstream files that the package registry does not pin.\n" + HEADER
            + _line(ONET_FILES[0]) + "".join(between) + _line(ONET_FILES[1]) + _line(ONET_FILES[2]))


# ------------------------------------------------------------------ 1. a lock file that is not UTF-8

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_a_lock_file_in_utf16_names_its_encoding(tmp_path, encoding):
    path = tmp_path / "exposure.lock"
    path.write_bytes(_lock_text().encode(encoding))
    found = "UTF-32" if encoding == "utf-32" else "UTF-16"
    with pytest.raises(DataFormatError, match=rf"exposure\.lock: not a lock file: not UTF-8 text, but {found} "
                                              r"\(rewritten by PowerShell's '>', or saved as Notepad's 'Unicode'\?\): "
                                              r"save it as UTF-8$"):
        Lock(path).entries()


def test_a_review_note_in_windows_1252_is_named_with_its_row(tmp_path):
    path = tmp_path / "exposure.lock"
    path.write_bytes(_lock_text("# révisé le 1er décembre\n").encode("cp1252"))
    with pytest.raises(DataFormatError, match=r"exposure\.lock, row 4: not UTF-8 text: byte 0xe9 is not valid "
                                              r"UTF-8 \(byte offset \d+; 'é' in Windows-1252\): save the lock "
                                              r"file as UTF-8$"):
        Lock(path).entries()
    path.write_text(_lock_text("# révisé le 1er décembre\n"), "utf-8-sig")  # the advice works
    assert len(Lock(path).entries()) == 3


def test_a_pin_line_not_in_utf8_is_named_with_its_row_and_column(tmp_path):
    path = tmp_path / "exposure.lock"
    text = _lock_text().replace("db_31_0_text/Task Statements.txt", "db_31_0_text/Task Statemènts.txt")
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(DataFormatError, match=r"exposure\.lock, row 4, column 'member': not UTF-8 text: byte 0xe8 "
                                              r"is not valid UTF-8"):
        Lock(path).entries()


def test_a_lock_file_with_a_zeroed_end_says_so(tmp_path):
    path = tmp_path / "exposure.lock"
    text = _lock_text().encode()
    path.write_bytes(text[:200] + b"\x00" * (len(text) - 200))
    row = text[:200].count(b"\n") + 1
    with pytest.raises(DataFormatError, match=rf"exposure\.lock, row {row}: file is binary, not text \(a NUL byte at "
                                              r"offset 200\)$"):
        Lock(path).entries()


def test_a_file_of_one_long_line_is_no_lock_file(tmp_path, capsys, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    (home / "exposure.lock").write_text('{"packages": "' + "x" * 140_000 + '"}', "utf-8")
    with pytest.raises(DataFormatError, match=r"exposure\.lock, row 1: not a lock file: field larger than field "
                                              r"limit \(131072\) \(a lock file holds lines of five short fields "
                                              r"separated by tabs\)$"):
        Lock(home / "exposure.lock").entries()
    monkeypatch.setenv("EXPOSURE_HOME", str(home))
    code, _, err = cli(capsys, "sources", "--releases")  # one line, not a traceback
    assert code == 2 and "not a lock file: field larger than field limit" in one_error_line(err, command="sources")


# ------------------------------------------------------------------ 2. blank and indented lines

@pytest.mark.parametrize("blank", ["   \n", "\t\t\t\t\n", " \t \r\n", "  # reviewed against the publisher's list\n"],
                         ids=["spaces", "spreadsheet-row", "mixed-crlf", "indented-comment"])
def test_a_blank_line_or_indented_comment_is_read_as_such(tmp_path, blank):
    path = tmp_path / "exposure.lock"
    path.write_text(_lock_text(blank), "utf-8")
    entries = Lock(path).entries()
    assert sorted(entries) == sorted(f"onet/31.0/{base}.txt" for base in ONET_FILES[:3])


def test_a_pin_keeps_an_indented_comment_above_its_line(tmp_path):
    path = tmp_path / "exposure.lock"
    path.write_text(_lock_text("\t\t\t\t\n", "  # reviewed\n"), "utf-8")
    data = tmp_path / "Job Zones.txt"
    data.write_bytes(b"xyz")
    Lock(path).pin(layout_source("onet/31.0/Job Zones.txt"), data)
    lines = path.read_text("utf-8").splitlines()
    assert lines[lines.index("  # reviewed") + 1].startswith(f"onet/31.0/{ONET_FILES[1]}.txt\t")
    assert "\t\t\t\t" not in lines and len(Lock(path).entries()) == 4


# ------------------------------------------------------------------ 3. an output path with a line end

@pytest.fixture()
def empty_mirror(tmp_path, monkeypatch):
    """A mirror that holds nothing (a run that got past the checks fails at once), and a fresh home."""
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("EXPOSURE_DATA_DIR", str(tmp_path / "cache"))
    return mirror


@pytest.mark.parametrize("end", ["\r", " ", "\n"], ids=["cr", "space", "lf"])
def test_recompute_out_with_a_line_end_is_refused_before_any_work(tmp_path, capsys, empty_mirror, end):
    (tmp_path / "results").mkdir()
    code, _, err = cli(capsys, "recompute", "--mirror", empty_mirror, "--out", f"{tmp_path / 'results'}{end}")
    line = one_error_line(err, command="recompute")
    assert code == 2 and f"--out {str(tmp_path / 'results') + end!r} has surrounding spaces (or a line end): " \
        "remove them" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mirror", "results"]


def test_recompute_compare_with_a_line_end_names_it(tmp_path, capsys, empty_mirror):
    (tmp_path / "old").mkdir()
    code, _, err = cli(capsys, "recompute", "--mirror", empty_mirror, "--out", tmp_path / "new",
                       "--compare", f"{tmp_path / 'old'}\r")
    line = one_error_line(err, command="recompute")
    assert code == 2 and "--compare " in line and "has surrounding spaces (or a line end): remove them" in line


def test_recompute_api_out_with_a_line_end_is_refused(tmp_path, empty_mirror):
    with pytest.raises(ExposureError, match=r"^out '.*results\\r' has surrounding spaces \(or a line end\)"):
        pipeline.recompute(mirror=empty_mirror, out=f"{tmp_path / 'results'}\r")
    assert not any(p.name.startswith(("results", ".exposure-results")) for p in tmp_path.iterdir())


@pytest.mark.parametrize("end", ["\r", " "], ids=["cr", "space"])
def test_replace_directory_refuses_a_padded_new_directory(tmp_path, end):
    """Every writer of replace_directory (exposure rollup -o, run_pipeline, the diff reports)."""
    (tmp_path / "results").mkdir()
    with pytest.raises(OutputPathError, match=r"^output path .* has surrounding spaces \(or a line end\): remove "
                                              r"them \("):
        with replace_directory(f"{tmp_path / 'results'}{end}") as tmp:
            (tmp / "a.csv").write_text("a\n1\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results"]
    out = tmp_path / f"results{end}"  # a directory of that very name that exists is written
    out.mkdir()
    with replace_directory(out) as tmp:
        (tmp / "a.csv").write_text("a\n1\n")
    assert (out / "a.csv").read_text() == "a\n1\n"


@pytest.mark.parametrize("end", ["\r", " "], ids=["cr", "space"])
def test_a_report_directory_with_a_line_end_is_refused(tmp_path, end):
    """check_files_dir: the report directories of exposure compare, outcomes, validate, report."""
    (tmp_path / "reports").mkdir()
    with pytest.raises(OutputPathError, match=r"^output path .* has surrounding spaces \(or a line end\)"):
        check_files_dir(f"{tmp_path / 'reports'}{end}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]


# ------------------------------------------------------------------ 4. a shared folder with the sticky bit

def _shared(tmp_path: Path) -> Path:
    shared = tmp_path / "scratch"
    shared.mkdir()
    (shared / "someone.txt").write_text("theirs")
    shared.chmod(0o1777)
    return shared


def test_replace_directory_refuses_a_folder_with_the_sticky_bit(tmp_path):
    shared = _shared(tmp_path)
    inode = shared.stat().st_ino
    with pytest.raises(OutputPathError, match=r"refusing to replace .*/scratch: it is a folder with the sticky bit "
                                              r"\(like /tmp\), shared by the users of this system; write into a "
                                              r"directory inside it \(such as .*/scratch/results\)$"):
        with replace_directory(shared, owned={"a.csv"}) as tmp:
            (tmp / "a.csv").write_text("a\n1\n")
    assert shared.stat().st_ino == inode and sorted(p.name for p in shared.iterdir()) == ["someone.txt"]
    with replace_directory(shared / "results") as tmp:  # the advice works
        (tmp / "a.csv").write_text("a\n1\n")
    assert (shared / "results" / "a.csv").is_file()


def test_recompute_out_a_sticky_folder_is_refused_before_any_work(tmp_path, capsys, empty_mirror):
    shared = _shared(tmp_path)
    code, _, err = cli(capsys, "recompute", "--mirror", empty_mirror, "--out", shared)
    line = one_error_line(err, command="recompute")
    assert code == 2 and "it is a folder with the sticky bit (like /tmp)" in line
    assert sorted(p.name for p in shared.iterdir()) == ["someone.txt"]


# ------------------------------------------------------------------ 5. an output of one's own in a folder one may not write

def test_an_own_output_in_a_folder_one_may_not_write_says_what_works(open_tmp):
    shared = open_tmp / "project"
    (shared / "alice").mkdir(parents=True)
    os.chown(shared / "alice", NOBODY, NOBODY)  # hers; the project folder is root's, 0755
    script = textwrap.dedent(f"""
        from exposure._outdir import replace_directory
        for out in ({str(shared / 'alice')!r}, {str(shared / 'alice' / 'results')!r}):
            try:
                with replace_directory(out) as tmp:
                    (tmp / "a.csv").write_text("a")
                print("OK", out)
            except Exception as exc:
                print("ERROR", type(exc).__name__, exc)
    """)
    env = {"PYTHONPATH": os.environ["PYTHONPATH"]} if os.environ.get("PYTHONPATH") else {}
    res = run_as_nobody([sys.executable, "-c", script], cwd=open_tmp, env=env, timeout=120)
    lines = res.stdout.splitlines()
    assert res.returncode == 0 and len(lines) == 2, res.stderr[-2000:]
    assert lines[0].startswith("ERROR OutputPathError cannot create the lock file"), lines
    assert (f"{shared / 'alice'} is replaced as a whole, by a new directory made beside it, with its lock file, in "
            f"{shared}, which this user may not write: write into a directory inside {shared / 'alice'} (such as "
            f"{shared / 'alice' / 'results'}), or ask for write access to {shared}") in lines[0]
    assert lines[1] == f"OK {shared / 'alice' / 'results'}"  # the advice works


# ------------------------------------------------------------------ 6. task_digests of a task given twice

TASKS = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [8823, 8824],
                      "task": ["Direct operations.", "Confer with board members."], "task_type": ["Core", None]})


def test_task_digests_refuses_a_task_given_twice():
    twice = pd.concat([TASKS, TASKS.iloc[[0]].assign(task="Direct all operations.")])
    with pytest.raises(DataFormatError, match=r"^tasks, row 3, column 'task_id': task \('11-1011.00', 8823\) "
                                              r"appears twice \(rows 1 and 3\): a task has one row; keep one$"):
        pipeline.task_digests(twice)


def test_task_digests_refuses_a_task_id_written_twice_otherwise():
    with pytest.raises(DataFormatError, match=r"row 2, column 'task_id': task \('11-1011.00', 8823\) appears twice"):
        pipeline.task_digests(TASKS.assign(task_id=["8823", "8823.0"]))


@pytest.mark.parametrize(("bad", "hint"), [("core", ": write 'Core' (the choices are case-sensitive)"),
                                         ("Core ", ": write 'Core' (without the spaces around it)"),
                                         ("Optional", "")])
def test_task_digests_refuses_a_task_type_the_table_does_not_hold(bad, hint):
    # the roll-up's check and words since round 77 (a blank type is read as missing, as there)
    with pytest.raises(DataFormatError, match=rf"^tasks, row 2, column 'task_type': task_type must be Core or "
                                              rf"Supplemental \(or missing, blank or n/a\), got {re.escape(repr(bad))}"
                                              rf"{re.escape(hint)}$"):
        pipeline.task_digests(TASKS.assign(task_type=["Supplemental", bad]))
    # valid types (missing as None, NaN or pd.NA), categorical columns and any index give the digests they gave
    plain = pipeline.task_digests(TASKS)
    for frame in (TASKS.astype({"onetsoc_code": "category", "task_type": "category"}),
                  TASKS.assign(task_type=pd.array(["Core", pd.NA], dtype="string")),
                  TASKS.assign(task_type=["Core", float("nan")]), TASKS.set_index(pd.Index([7, 3]))):
        got = pipeline.task_digests(frame)
        assert got[["onetsoc_code", "task_id", "text_digest", "dwa_digest"]].equals(
            plain[["onetsoc_code", "task_id", "text_digest", "dwa_digest"]])


# ------------------------------------------------------------------ 7. run_pipeline with keys of one's own

def _digests_stage(ran: list):
    def make():
        ran.append("make")
        return {"digests": pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [2, 1],
                                         "task_type": ["Core", None], "text_digest": ["0123456789abcdef"] * 2,
                                         "dwa_digest": ["e3b0c44298fc1c14"] * 2})}
    return pipeline.Stage("make", make)


@pytest.mark.parametrize(("keys", "said"), [
    (("onetsoc_code"), r"has keys 'onetsoc_code', a str: give a tuple of column names, \('onetsoc_code',\) \(a tuple "
                       r"of one name needs its comma\)$"),
    (("onetsoc_code", "task"), r"has the key 'task', which is not a column of its model TaskDigests \(columns: "
                               r"onetsoc_code, task_id, task_type, text_digest, dwa_digest\): give its key columns$"),
    (("task_id", 5), r"has the key int 5: give a tuple of column names \(str\)$"),
], ids=["str", "not-a-column", "not-a-name"])
def test_run_pipeline_refuses_keys_that_name_no_columns_before_any_stage(tmp_path, keys, said):
    table = Table("digests", "digests.parquet", TaskDigests, keys, "Task digests.")
    ran: list = []
    with pytest.raises(DataFormatError, match=r"^tables: the table 'digests' at position 0 " + said):
        pipeline.run_pipeline([_digests_stage(ran)], [table], tmp_path / "out", timings_path=False)
    assert ran == [] and not (tmp_path / "out").exists()
    good = Table("digests", "digests.parquet", TaskDigests, ("onetsoc_code", "task_id"), "Task digests.")
    pipeline.run_pipeline([_digests_stage(ran)], [good], tmp_path / "out", timings_path=False)
    assert pd.read_parquet(tmp_path / "out" / "digests.parquet")["task_id"].tolist() == [1, 2]
