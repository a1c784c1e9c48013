"""Fault round 65, area ``pipeline``: ``exposure recompute``, its runner and output directories.

Each case failed on the code before this round:

1. ``exposure recompute --compare OLD --reports R`` checked ``R`` only as a folder files
   can be written into; the writer of the diff reports
   (:func:`exposure.reports.diff.write_diff_reports`) replaces ``R`` as a whole and
   refuses more. ``--reports .`` (it holds the current directory), a mount point, a
   source checkout (``.git``) or a directory holding a folder named like a report
   (``R/diff_tasks.csv/``) ran the whole recompute (10 s on O*NET 30.1), replaced
   ``--out``, and only then failed, exit 2. And ``--mirror M --reports M/diffs`` wrote the
   four reports into the mirror, exit 0: the writer looks at ``$EXPOSURE_MIRROR`` only.
   ``exposure diff OLD NEW --reports R`` read and diffed both directories first. Now each is
   refused before the recompute (before any table is read for ``diff``), in the writer's
   words, and the default ``<out>/reports`` of an earlier run is checked the same way.
2. :class:`exposure.pipeline.Stage` read every parameter of ``run`` as a context entry it
   needs: a parameter with a default (``def make(code, n=2)``, or a keyword bound by
   ``functools.partial(make, n=3)``) failed the run with ``stage 'make' failed: needs 'n',
   which neither the context nor an earlier stage provides``; ``**ctx`` was "needed" as an
   entry named ``ctx``; a builtin (``dict``) raised ``ValueError: no signature found for
   builtin type`` from inside the runner. Now a parameter with a default keeps it when no
   entry names it (an entry of its name still wins), and ``*args``/``**kwargs``,
   positional-only parameters and callables without a readable signature are refused when
   the stage is made, naming the stage.
3. ``replace_directory`` (``exposure recompute --out``, ``rollup -o``, the diff reports)
   over an output directory holding a folder of another user that this user may not
   write (a colleague's ``reports/`` of ``exposure diff`` in a team's directory), or over
   another user's output directory this user may not write: the swap succeeded, exit 0,
   but the previous contents could not be removed and stayed beside the output as a
   hidden ``.out.<random>.tmp`` (holding the colleague's files), which no later run could
   remove either. Now refused before the run, naming the folder; nothing is left.
   Run as ``nobody`` (``setpriv``); skipped where that is not possible.
4. An output directory on a file system that does not lock files (NFS without its lock
   service: ``flock`` fails with ``ENOLCK``; Lustre mounted without ``flock``: ``ENOSYS``):
   :func:`exposure.pipeline.run_pipeline` (every ``replace_directory`` writer) raised a bare
   ``OSError: [Errno 38] Function not implemented``, and ``exposure recompute --out`` said
   ``exposure recompute: error: No locks available``, naming no file; the lock file and the
   folders made for it were left behind. Now an ``OutputPathError`` naming the lock file and
   why, before any stage; nothing is left. (The file system's answer is injected: no such
   mount here.)
"""

from __future__ import annotations

import errno
import fcntl
import functools
import os
import subprocess

import pandas as pd
import pytest
from _frames import recompute_outputs
from _privileges import mount_tmpfs
from test_faults_cli import cli, one_error_line
from test_faults_round41_nonroot import REPLACE, _as_nobody, _give, got_result

import exposure.cli._pipeline as pipeline_cli
from exposure._outdir import OutputPathError
from exposure.errors import DataFormatError, ExposureError
from exposure.pipeline import Stage, StageError, run_pipeline
from exposure.schemas._catalog import TABLES

# ------------------------------------------------------------------ 1. --reports checked before the work


@pytest.fixture
def env(tmp_path, home_in_tmp):
    """A user data directory, cache and (empty) mirror of the test's own."""
    (tmp_path / "mirror").mkdir()
    return tmp_path


@pytest.fixture
def spied(env, monkeypatch):
    """:func:`env` and an earlier output ``old``; the recompute and the diff raise if they run."""
    tmp_path = env

    def ran(*args, **kwargs):
        raise ExposureError("the recompute (or the diff) ran")

    monkeypatch.setattr(pipeline_cli, "recompute", ran)
    monkeypatch.setattr(pipeline_cli, "diff_outputs", ran)
    recompute_outputs(tmp_path / "old", "29.1")
    return tmp_path


def _recompute(capsys, tmp_path, *extra):
    return cli(capsys, "recompute", "--mirror", tmp_path / "mirror", "--out", tmp_path / "new",
               "--compare", tmp_path / "old", "-q", *extra)


def test_recompute_compare_refuses_reports_of_the_current_directory_before_the_recompute(spied, capsys,
                                                                                         monkeypatch):
    work = spied / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    code, _, err = _recompute(capsys, spied, "--reports", ".")
    line = one_error_line(err, command="recompute")
    assert code == 2 and line == (f"exposure recompute: error: refusing to replace {work}: it contains the current "
                                  f"directory {work}; choose a new or dedicated output directory"), line
    assert not (spied / "new").exists()


def test_recompute_compare_refuses_reports_inside_the_mirror_given_by_option(spied, capsys):
    """Written into the mirror of --mirror, exit 0: the writer looked at $EXPOSURE_MIRROR only."""
    reports = spied / "mirror" / "diffs"
    code, _, err = _recompute(capsys, spied, "--reports", reports)
    line = one_error_line(err, command="recompute")
    assert code == 2 and line == (f"exposure recompute: error: refusing to write the reports into {reports}: it is "
                                  f"inside the mirror {spied / 'mirror'}, which the run reads; choose a directory "
                                  "outside it"), line
    assert sorted(os.listdir(spied / "mirror")) == []


def test_recompute_compare_refuses_a_folder_named_like_a_report_before_the_recompute(spied, capsys):
    (spied / "r" / "diff_tasks.csv").mkdir(parents=True)
    code, _, err = _recompute(capsys, spied, "--reports", spied / "r")
    line = one_error_line(err, command="recompute")
    assert code == 2 and line == (f"exposure recompute: error: {spied / 'r' / 'diff_tasks.csv'}: is a directory, "
                                  "where --reports writes the file diff_tasks.csv: move it away or give another "
                                  "--reports"), line
    # a plain directory (holding other files, or new) is still accepted: the recompute runs
    (spied / "r" / "diff_tasks.csv").rmdir()
    (spied / "r" / "notes.txt").write_text("mine\n")
    for reports in (spied / "r", spied / "fresh"):
        code, _, err = _recompute(capsys, spied, "--reports", reports)
        assert code == 2 and one_error_line(err, command="recompute").endswith("the recompute (or the diff) ran")
    assert not (spied / "fresh").exists()


def test_recompute_compare_refuses_a_checkout_as_reports_before_the_recompute(spied, capsys):
    (spied / "repo" / ".git").mkdir(parents=True)
    code, _, err = _recompute(capsys, spied, "--reports", spied / "repo")
    line = one_error_line(err, command="recompute")
    assert code == 2 and "it is a source checkout (it has .git)" in line, line


def test_recompute_compare_checks_the_default_reports_of_the_earlier_run(spied, capsys):
    """``<out>/reports`` carried over from an earlier run, holding a folder named like a report."""
    (spied / "new" / "reports" / "diff_sectors.csv").mkdir(parents=True)
    code, _, err = _recompute(capsys, spied)
    line = one_error_line(err, command="recompute")
    assert code == 2 and "diff_sectors.csv: is a directory, where --reports writes the file" in line, line


def test_recompute_compare_refuses_a_mount_point_as_reports(spied, capsys):
    mnt = spied / "mnt"
    mnt.mkdir()
    mount_tmpfs(mnt)
    try:
        code, _, err = _recompute(capsys, spied, "--reports", mnt)
    finally:
        subprocess.run(["umount", str(mnt)], check=False)
    line = one_error_line(err, command="recompute")
    assert code == 2 and line == (f"exposure recompute: error: refusing to replace {mnt}: it is a mount point; "
                                  "write into a directory inside it"), line


def test_diff_refuses_reports_before_reading_the_tables(spied, capsys, monkeypatch):
    """``exposure diff`` read and diffed both directories before the writer refused."""
    recompute_outputs(spied / "new", "30.1")
    (spied / "r" / "diff_summary.csv").mkdir(parents=True)
    code, _, err = cli(capsys, "diff", spied / "old", spied / "new", "--reports", spied / "r", "-q")
    line = one_error_line(err, command="diff")
    assert code == 2 and "diff_summary.csv: is a directory, where --reports writes the file" in line, line
    monkeypatch.setenv("EXPOSURE_MIRROR", str(spied / "mirror"))
    code, _, err = cli(capsys, "diff", spied / "old", spied / "new", "--reports", spied / "mirror" / "d", "-q")
    line = one_error_line(err, command="diff")
    assert code == 2 and "it is inside the mirror" in line, line


# ------------------------------------------------------------------ 2. stage parameters


def _make(code, n=2):
    return {"task_digests": pd.DataFrame({
        "onetsoc_code": code, "task_id": list(range(1, n + 1)), "task_type": "Core",
        "text_digest": "0123456789abcdef", "dwa_digest": "e3b0c44298fc1c14"})}


def _rows(tmp_path, stage, **context):
    res = run_pipeline([stage], [TABLES["task_digests"]], tmp_path / "out",
                       context={"code": "11-1011.00", **context}, timings_path=False)
    return res.manifest["tables"]["task_digests.parquet"]["rows"]


def test_a_stage_parameter_with_a_default_keeps_it(tmp_path):
    """``needs 'n', which neither the context nor an earlier stage provides`` before."""
    assert _rows(tmp_path, Stage("make", _make)) == 2
    assert _rows(tmp_path, Stage("make", functools.partial(_make, n=3))) == 3
    assert _rows(tmp_path, Stage("make", _make), n=4) == 4  # an entry of its name still wins


def test_a_stage_still_needs_its_parameters_without_a_default(tmp_path):
    with pytest.raises(StageError, match=r"stage 'make' failed: needs 'code', which neither the context nor"):
        run_pipeline([Stage("make", _make)], [TABLES["task_digests"]], tmp_path / "out", timings_path=False)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("run, words", [
    (lambda **ctx: {}, "run takes **ctx, but a stage names each context entry it reads as a parameter of its own"),
    (lambda *entries: {}, "run takes *entries, but a stage names each context entry"),
    (len, "the parameter 'obj' of run is positional-only, but each context entry is passed by its name"),
    (dict, "the parameters of run (<class 'dict'>) cannot be read, so they name no context entries"),
], ids=["kwargs", "args", "positional-only", "builtin"])
def test_a_stage_whose_parameters_name_no_entries_is_refused_when_made(run, words):
    """``needs 'ctx'`` when the pipeline ran, or ``ValueError: no signature found`` for a builtin."""
    with pytest.raises(DataFormatError) as err:
        Stage("make", run)
    assert str(err.value).startswith(f"Stage 'make': {words}"), err.value


# ------------------------------------------------------------------ 3. another user's folder in the output


def test_replace_an_output_holding_another_users_folder(open_tmp):
    parent = open_tmp / "p"
    out = parent / "out"
    (out / "reports").mkdir(parents=True)
    (out / "t.csv").write_text("old\n")
    _give(parent)
    os.chown(out / "reports", 0, 0)  # a colleague's reports/, 0755: nobody may not empty it
    (out / "reports" / "diff_summary.csv").write_text("theirs\n")
    got = _as_nobody(REPLACE.format(out=str(out)), open_tmp)
    done, ran, beside, _ = got_result(got)
    assert done.get("type") == "OutputPathError", done
    assert done["error"] == (
        f"cannot carry {out / 'reports'} over into the new {out}: it is another user's folder this user may not "
        "write, so its files could not be removed from the previous contents after the swap (they would be left "
        f"in a hidden directory beside {out}); ask its owner to move it, or write to another directory")
    assert ran["ok"] == "[]"  # refused before the computing
    assert beside["ok"] == repr([".exposure-out.lock", "out"]), beside  # no hidden .out.<random>.tmp
    assert (out / "t.csv").read_text() == "old\n"
    assert (out / "reports" / "diff_summary.csv").read_text() == "theirs\n"
    # a read-only folder of the user's own (round 56) and an empty one of another user are carried
    (out / "reports" / "diff_summary.csv").unlink()
    (out / "mine").mkdir()
    (out / "mine" / "r.csv").write_text("mine\n")
    _give(out / "mine")
    (out / "mine").chmod(0o555)
    done, _, beside, _ = got_result(_as_nobody(REPLACE.format(out=str(out)), open_tmp))
    assert done.get("ok") == repr(["mine", "reports", "t.csv"]), done
    assert beside["ok"] == repr([".exposure-out.lock", "out"]), beside
    assert (out / "mine" / "r.csv").read_text() == "mine\n" and (out / "t.csv").read_text() == "new\n"


def test_replace_another_users_output_directory_this_user_may_not_write(open_tmp):
    parent = open_tmp / "p"
    out = parent / "out"
    out.mkdir(parents=True)
    (out / "t.csv").write_text("old\n")
    _give(parent)
    os.chown(out, 0, 0)
    os.chown(out / "t.csv", 0, 0)
    got = _as_nobody(REPLACE.format(out=str(out)), open_tmp)
    done, ran, beside, _ = got_result(got)
    assert done.get("type") == "OutputPathError", done
    assert done["error"].startswith(f"refusing to replace {out}: it is another user's directory this user may "
                                    "not write"), done
    assert beside["ok"] == repr([".exposure-out.lock", "out"]), beside


# ------------------------------------------------------------------ 4. a file system without locks


@pytest.fixture
def no_locks(monkeypatch):
    """``flock`` answers as on an NFS mount whose lock service is not running."""
    real = fcntl.flock

    def flock(fd, operation):
        if operation & fcntl.LOCK_EX:
            raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))
        return real(fd, operation)

    monkeypatch.setattr(fcntl, "flock", flock)


def test_run_pipeline_on_a_file_system_without_locks(tmp_path, no_locks):
    out = tmp_path / "nfs" / "a" / "out"
    with pytest.raises(OutputPathError) as err:
        run_pipeline([Stage("make", _make)], [TABLES["task_digests"]], out, context={"code": "11-1011.00"})
    assert str(err.value) == (
        f"cannot lock {out.parent / '.exposure-out.lock'} for {out}: No locks available (its file system does "
        "not lock files, as some NFS and Lustre mounts do not), so a second run writing it at once would not be "
        "stopped; write to a directory on a file system with locks (a local disk)")
    assert sorted(os.listdir(tmp_path)) == []  # no lock file, no folders made for it


def test_recompute_on_a_file_system_without_locks(env, capsys, no_locks):
    (env / "runs").mkdir()
    code, _, err = cli(capsys, "recompute", "--mirror", env / "mirror", "--out", env / "runs" / "out", "-q")
    line = one_error_line(err, command="recompute")
    assert code == 2 and line.startswith(f"exposure recompute: error: cannot lock {env / 'runs' / '.exposure-out.lock'}"
                                         f" for {env / 'runs' / 'out'}: No locks available"), line
    assert os.listdir(env / "runs") == []
