"""Round 80 (outdir2): evaluate's report named as given, a special file said for what it is, stale tables.

1. ``exposure evaluate --out MIRROR/reports/a.csv`` said ``refusing to write the reports into
   MIRROR/reports: it is inside the mirror MIRROR, ...``, naming the folder, not the file
   given. Now ``refusing to write MIRROR/reports/a.csv: it is inside the mirror MIRROR,
   which the run reads; choose a directory outside it``, as ``exposure score -o`` says it
   (``exposure.cli._report.check_report_outputs``); ``report agreement --out-dir`` names
   its directory as before.
2. ``exposure compare -o r.csv`` (``outcomes -o``, ``validate --report-dir``, ``report
   --out-dir``), ``r.csv`` a named pipe, said ``but 'r.csv' is an existing file, not a
   directory``. Now ``but 'r.csv' is a named pipe, not a directory: give a directory`` (a
   socket, a device likewise: ``exposure._outdir.refuse_file_named_dir``).
3. ``exposure evaluate --out ./sub/../e.xlsx`` said ``--out sub/../e.xlsx: the report is
   written as CSV ...``, and ``--paraphrases p.csv --out ./sub/../freetext_paraphrases.csv``
   ``--out sub/../freetext_paraphrases.csv: ... e.g. sub/../freetext_agreement.csv``: the
   leading ``./`` dropped (``Path``). The path is now shown as given: ``--out
   ./sub/../e.xlsx: ...``, ``e.g. ./sub/../freetext_agreement.csv``; so is the folder of the
   summary line (``report written to e.csv in ./sub/.. (...)``).
4. The free-text report (``exposure evaluate --paraphrases p.csv --out my_tasks.csv/e.csv``)
   said ``my_tasks.csv: output exists and is not a directory`` (its folder checked), where
   the agreement report says ``output path my_tasks.csv/e.csv lies under my_tasks.csv, which
   is a file, not a directory``. Now both say it so (one check in ``check_report_outputs``).
5. ``exposure evaluate --out e/x.csv`` (learned: ``x.csv`` and ``x_calibration.csv``), then
   ``exposure evaluate --method reference --out e/x.csv``: the reference report replaced
   ``x.csv`` and the learned scorer's ``x_calibration.csv`` was left beside it, without a
   word (a calibration table that is not of the report named). Now it is removed once the
   report is written, and the summary says ``x_calibration.csv, a file that was there
   before, is gone`` (``exposure.cli._report.drop_stale_calibration``).
6. A free-text run with ``--modern`` only leaves an earlier ``freetext_paraphrases.csv``
   where it was (kept on purpose, docs/faults.md), but its summary said only ``written:
   ...``: a paraphrase table of another run sat beside the new report as if of this one.
   The summary now adds ``; freetext_paraphrases.csv beside it is of an earlier run (this
   one was run without --paraphrases)`` (``exposure.cli._evaluate._earlier_tables``).
"""

from __future__ import annotations

import os

import pytest

from exposure.cli import main

pytestmark = pytest.mark.usefixtures("no_env")


def _cli(capsys, *args):
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err.strip().splitlines()


@pytest.fixture
def empty_mirror(tmp_path):
    """A made-up mirror folder holding only an empty ``onet`` folder (not the real mirror)."""
    m = tmp_path / "mirror"
    (m / "onet").mkdir(parents=True)
    return m


def test_1_evaluate_out_inside_the_mirror_names_the_file(capsys, tmp_path, empty_mirror):
    out = empty_mirror / "reports" / "a.csv"
    code, _, err = _cli(capsys, "evaluate", "--out", out, "--mirror", empty_mirror, "--data-dir", tmp_path / "c")
    assert code == 2
    assert err == [f"exposure evaluate: error: refusing to write {out}: it is inside the mirror {empty_mirror}, "
                   "which the run reads; choose a directory outside it"]
    assert sorted(p.name for p in empty_mirror.iterdir()) == ["onet"]


def test_1_report_agreement_out_dir_still_names_the_directory(capsys, tmp_path, empty_mirror):
    out = empty_mirror / "reports"
    code, _, err = _cli(capsys, "report", "agreement", "--out-dir", out, "--mirror", empty_mirror,
                        "--data-dir", tmp_path / "c")
    assert code == 2
    assert err == [f"exposure report agreement: error: refusing to write the reports into {out}: it is inside "
                   f"the mirror {empty_mirror}, which the run reads; choose a directory outside it"]


@pytest.mark.parametrize("command", [["compare", "-o"], ["outcomes", "-o"], ["report", "rubric", "--out-dir"]])
def test_2_a_named_pipe_named_like_a_file_is_said_to_be_one(capsys, tmp_path, command, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.mkfifo("r.csv")
    code, _, err = _cli(capsys, *command, "r.csv", "--data-dir", tmp_path / "c")
    assert code == 2
    assert len(err) == 1 and err[0].endswith("but 'r.csv' is a named pipe, not a directory: give a directory")


def test_2_a_regular_file_is_still_an_existing_file(tmp_path):
    from exposure._outdir import OutputPathError, refuse_file_named_dir
    (tmp_path / "r.csv").write_text("x")
    with pytest.raises(OutputPathError, match=r"but 'r\.csv' is an existing file, not a directory: give a directory$"):
        refuse_file_named_dir(tmp_path / "r.csv", "-o/--output", "the reports")


def test_3_evaluate_out_shown_as_given(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    code, _, err = _cli(capsys, "evaluate", "--out", "./sub/../e.xlsx", "--data-dir", tmp_path / "c")
    assert code == 2
    assert err == ["exposure evaluate: error: --out ./sub/../e.xlsx: the report is written as CSV; give a file "
                   "name ending in .csv"]
    code, _, err = _cli(capsys, "evaluate", "--paraphrases", "p.csv", "--out", "./sub/../freetext_paraphrases.csv",
                        "--data-dir", tmp_path / "c")
    assert code == 2
    assert err == ["exposure evaluate: error: --out ./sub/../freetext_paraphrases.csv: the paraphrase table is "
                   "written beside --out under that name: give --out another name, e.g. "
                   "./sub/../freetext_agreement.csv"]


def test_4_free_text_out_under_a_file_names_the_file(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my_tasks.csv").write_text("task\nWeld.\n")
    (tmp_path / "p.csv").write_text("onetsoc_code,task_id,paraphrase\n11-1011.00,8823,Do things\n")
    code, _, err = _cli(capsys, "evaluate", "--paraphrases", "p.csv", "--out", "my_tasks.csv/e.csv",
                        "--data-dir", tmp_path / "c")
    assert code == 2
    assert err == ["exposure evaluate: error: output path my_tasks.csv/e.csv lies under my_tasks.csv, which is a "
                   "file, not a directory"]
    assert (tmp_path / "my_tasks.csv").read_text() == "task\nWeld.\n"


def test_5_a_stale_calibration_of_the_same_report_is_removed_and_said(capsys, tmp_path, monkeypatch, mirror):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "e").mkdir()
    (tmp_path / "e" / "x.csv").write_text("scorer,kappa\nlearned,0.7\n")
    (tmp_path / "e" / "x_calibration.csv").write_text("bin,share\n0,0.1\n")
    code, out, _ = _cli(capsys, "evaluate", "--method", "reference", "--out", "./e/x.csv", "--mirror", mirror,
                        "--data-dir", tmp_path / "cache")
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "e").iterdir()) == ["x.csv"]
    last = out.strip().splitlines()[-1]
    assert last.endswith(f"report written to x.csv in ./e ({tmp_path / 'e'}); it replaced x.csv, a file that "
                         "was there before; x_calibration.csv, a file that was there before, is gone")


def test_5_a_calibration_of_this_run_and_a_directory_are_left(tmp_path):
    from exposure.cli._report import drop_stale_calibration
    (tmp_path / "x_calibration.csv").write_text("new")
    drop_stale_calibration(tmp_path / "x_calibration.csv", [tmp_path / "x.csv", tmp_path / "x_calibration.csv"])
    assert (tmp_path / "x_calibration.csv").read_text() == "new"
    (tmp_path / "y_calibration.csv").mkdir()
    drop_stale_calibration(tmp_path / "y_calibration.csv", [tmp_path / "y.csv"])
    assert (tmp_path / "y_calibration.csv").is_dir()


def test_6_a_table_of_an_earlier_free_text_run_is_named(tmp_path):
    from exposure.cli._evaluate import _earlier_tables
    (tmp_path / "freetext_paraphrases.csv").write_text("old")
    out = tmp_path / "freetext_agreement.csv"
    assert _earlier_tables(out, {"freetext_modern.csv": None}) == (
        "; freetext_paraphrases.csv beside it is of an earlier run (this one was run without --paraphrases)")
    assert _earlier_tables(out, {"freetext_paraphrases.csv": None}) == ""
