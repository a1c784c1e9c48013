"""Round 78 (paths): output paths of the report commands, as a demanding user meets them.

1. A report name of ``exposure outcomes`` or ``exposure compare`` that is the command's own
   input: ``exposure outcomes --panel o/outcomes_exposures.csv -o o`` read the panel, then
   replaced it by its report (exit 0: the panel was gone); with ``o/outcomes_exposures.csv ->
   ../panel.parquet`` (or ``compare --ours`` linked so) the link was replaced after the whole
   run, without a word. Refused now before any input is read
   (:func:`exposure._outdir.check_report_files` given the command's inputs; the rule of
   :func:`exposure._io.input_at`, which ``check_output_path`` uses for one output file):
   ``o/outcomes_exposures.csv: is the file of --panel panel.parquet (a symbolic link to it),
   where -o/--output writes the file outcomes_exposures.csv: move it away or give another
   -o/--output``. (This is the check the lead asked for before :func:`exposure._io.atomic_paths`
   may write through links as :func:`exposure._io.atomic_path` does; see the report.)
2. ``exposure diff old new`` run in a directory removed since the shell entered it said
   ``exposure diff: error: No such file or directory``. Now ``OLD_DIR old: the current directory
   no longer exists (it was removed or replaced after the shell entered it), so a relative path
   names nothing; cd to an existing directory, or give the full path`` (:func:`exposure._io.lost_cwd`).
3. ``exposure compare -o r.csv`` with ``r.csv`` an existing file said ``... but 'r.csv' is named
   like a .csv file: give a directory``; now ``... but 'r.csv' is an existing file, not a
   directory: give a directory``. ``refuse_file_named_dir("figs.png/", ...)`` (a trailing
   separator: a directory is meant) was refused as named like a .png file; it passes now.
4. ``exposure outcomes --panel bad.parquet --sectors`` read the OEWS files by industry of five
   years before the panel, and so failed on them (``oews/national_M2021_dl.xlsx: not found in
   mirror ...``) rather than on the bad panel; the panel is read first now (``bad.parquet,
   column 'year': column 'year' is missing (OccupationPanel requires it)``). ``--sectors`` with a
   mirror holding BLS's cross-industry files only said ``oews/national_M2021_dl.xlsx: not found in
   mirror ...`` (the mirror holds ``national_M2021_dl.csv``, and nothing said what the file was
   for); now ``--sectors reads the OEWS estimates by industry of May 2021
   (oews/national_M2021_dl.xlsx, oews/natsector_M2021_dl.xlsx and oews/nat3d_M2021_dl.xlsx):
   oews/national_M2021_dl.xlsx: not found in mirror ...``.
5. An output directory whose name holds a line end inside it (``-o "$(printf 'c\\nd')"``, a
   shell variable or ``$(...)`` of two lines) made a new directory of that two-line name, and
   ``exposure compare`` printed its summary on two lines. Refused now, unless a folder of that
   very name exists (:func:`exposure._outdir.refuse_spaces`): ``output path 'c\\nd' holds a line
   end: a value of two lines (a shell variable, or a $(...) that gave two names?) would name one
   new directory of both; give a single path``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from exposure._io import check_output_path
from exposure._outdir import (
    OutputPathError,
    check_files_dir,
    check_report_files,
    refuse_file_named_dir,
)
from exposure.cli import main

PROCESSED = Path(__file__).resolve().parents[2] / "data" / "processed"

GONE = ("the current directory no longer exists (it was removed or replaced after the shell entered it), so a "
        "relative path names nothing; cd to an existing directory, or give the full path")


#: No mirror from the environment, and an empty download cache
pytestmark = pytest.mark.usefixtures("cache_in_tmp")


def _last_error(capsys) -> str:
    return capsys.readouterr().err.strip().splitlines()[-1]


# 1. a report name that is an input of the command ------------------------------------------------------


def test_outcomes_panel_that_is_a_report_name_is_refused_and_kept(tmp_path, monkeypatch, mirror, capsys):
    """The panel was read, then replaced by ``outcomes_exposures.csv`` (exit 0)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "o").mkdir()
    panel = tmp_path / "o" / "outcomes_exposures.csv"
    shutil.copyfile(PROCESSED / "occupation_panel.parquet", panel)
    before = panel.read_bytes()
    code = main(["outcomes", "--panel", "o/outcomes_exposures.csv", "--soc-scores",
                 str(PROCESSED / "soc_scores.parquet"), "--mirror", str(mirror), "--no-figures",
                 "--no-robustness", "-o", "o"])
    assert code == 2
    assert _last_error(capsys) == (
        "exposure outcomes: error: o/outcomes_exposures.csv: is the file of --panel o/outcomes_exposures.csv, "
        "where -o/--output writes the file outcomes_exposures.csv: move it away or give another -o/--output")
    assert panel.read_bytes() == before and sorted(os.listdir(tmp_path / "o")) == ["outcomes_exposures.csv"]


def test_report_name_linked_to_an_input_is_refused(tmp_path):
    """``o/outcomes_exposures.csv -> ../panel.parquet``: the link was replaced after the whole run."""
    panel = tmp_path / "panel.parquet"
    panel.write_bytes(b"PAR1")
    out = tmp_path / "o"
    out.mkdir()
    (out / "outcomes_exposures.csv").symlink_to("../panel.parquet")
    with pytest.raises(OutputPathError) as caught:
        check_report_files(out, ["outcomes.json", "outcomes_exposures.csv"], "-o/--output",
                           inputs=[("--soc-scores", tmp_path / "s.parquet"), ("--panel", panel)])
    assert str(caught.value) == (
        f"{out}/outcomes_exposures.csv: is the file of --panel {panel} (a symbolic link to it), where -o/--output "
        "writes the file outcomes_exposures.csv: move it away or give another -o/--output")


def test_report_name_linked_elsewhere_or_hard_linked_to_an_input(tmp_path):
    """A link to a file that is no input passes; a hard link to the input is the input."""
    panel = tmp_path / "panel.parquet"
    panel.write_bytes(b"PAR1")
    (tmp_path / "keep.csv").write_text("mine\n")
    out = tmp_path / "o"
    out.mkdir()
    (out / "outcomes_summary.csv").symlink_to("../keep.csv")
    check_report_files(out, ["outcomes_summary.csv"], "-o/--output", inputs=[("--panel", panel)])
    os.link(panel, out / "outcomes_exposures.csv")
    with pytest.raises(OutputPathError, match=r"outcomes_exposures\.csv: is the file of --panel .*panel\.parquet, "):
        check_report_files(out, ["outcomes_exposures.csv"], "-o/--output", inputs=[("--panel", panel)])


def test_compare_report_linked_to_ours_is_refused_before_any_work(tmp_path, monkeypatch, mirror, capsys):
    """``compare --ours ours.parquet`` with ``c/measures_table.csv -> ../ours.parquet``."""
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(PROCESSED / "soc_scores.parquet", tmp_path / "ours.parquet")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "measures_table.csv").symlink_to("../ours.parquet")
    assert main(["compare", "--ours", "ours.parquet", "--mirror", str(mirror), "-o", "c"]) == 2
    assert _last_error(capsys) == (
        "exposure compare: error: c/measures_table.csv: is the file of --ours ours.parquet (a symbolic link to it), "
        "where -o/--output writes the file measures_table.csv: move it away or give another -o/--output")
    assert os.listdir(tmp_path / "c") == ["measures_table.csv"] and (tmp_path / "c" / "measures_table.csv").is_symlink()


# 2. exposure diff in a removed current directory ------------------------------------------------------


def test_diff_in_a_removed_directory_says_so(tmp_path, monkeypatch, capsys):
    """Was ``exposure diff: error: No such file or directory``."""
    (tmp_path / "gone").mkdir()
    monkeypatch.chdir(tmp_path / "gone")
    (tmp_path / "gone").rmdir()
    assert main(["diff", "old", "new"]) == 2
    assert _last_error(capsys) == f"exposure diff: error: OLD_DIR old: {GONE}"


# 3. a report directory named like a file -------------------------------------------------------------


def test_existing_file_is_said_to_be_one(tmp_path, monkeypatch, capsys):
    """Was ``but 'r.csv' is named like a .csv file``: it is a file."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.csv").write_text("a\n")
    assert main(["compare", "-o", "r.csv"]) == 2
    assert _last_error(capsys) == (
        "exposure compare: error: -o/--output r.csv names the directory that gets the reports (measures_*.csv, "
        "microsoft_rebuild.csv), but 'r.csv' is an existing file, not a directory: give a directory")
    assert (tmp_path / "r.csv").read_text() == "a\n"


def test_trailing_separator_means_a_directory(tmp_path):
    """``figs.png/``: refused as named like a .png file."""
    refuse_file_named_dir(f"{tmp_path}/figs.png/", "out_dir", "the figures")
    with pytest.raises(OutputPathError, match=r"but 'figs\.png' is named like a \.png file: give a directory$"):
        refuse_file_named_dir(f"{tmp_path}/figs.png", "out_dir", "the figures")


# 4. exposure outcomes: the panel before --sectors; the by-industry files named -------------------------


def test_outcomes_bad_panel_fails_before_the_sector_files(tmp_path, monkeypatch, mirror, capsys):
    """The files by industry were read first, and their error said instead of the panel's."""
    import pandas as pd

    monkeypatch.chdir(tmp_path)
    pd.read_parquet(PROCESSED / "occupation_panel.parquet").drop(columns=["year"]).to_parquet("bad.parquet")
    assert main(["outcomes", "--panel", "bad.parquet", "--sectors", "--mirror", str(mirror), "--no-figures",
                 "-o", "o"]) == 2
    assert _last_error(capsys) == ("exposure outcomes: error: bad.parquet, column 'year': column 'year' is missing "
                                   "(OccupationPanel requires it)")


def test_outcomes_sectors_names_the_files_by_industry(tmp_path, monkeypatch, mirror, capsys):
    """Said only ``oews/national_M2021_dl.xlsx: not found in mirror ...`` (the mirror holds the .csv)."""
    monkeypatch.chdir(tmp_path)
    assert main(["outcomes", "--sectors", "--mirror", str(mirror), "--no-figures", "-o", "o"]) == 2
    err = _last_error(capsys)
    assert err.startswith("exposure outcomes: error: --sectors reads the OEWS estimates by industry of May 2021 "
                          "(oews/national_M2021_dl.xlsx, oews/natsector_M2021_dl.xlsx and "
                          "oews/nat3d_M2021_dl.xlsx): oews/national_M2021_dl.xlsx: not found in mirror "), err
    assert not (tmp_path / "o").exists()


# 5. an output directory whose name holds a line end ----------------------------------------------------


def test_output_directory_with_a_line_end_inside_is_refused(tmp_path, monkeypatch, capsys):
    """``-o "c<newline>d"``: a new directory of the two-line name."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m").mkdir()  # an empty mirror: nothing is downloaded
    assert main(["outcomes", "-o", "c\nd", "--mirror", "m", "--no-figures"]) == 2
    assert _last_error(capsys) == (
        "exposure outcomes: error: output path 'c\\nd' holds a line end: a value of two lines (a shell variable, "
        "or a $(...) that gave two names?) would name one new directory of both; give a single path")
    assert os.listdir(tmp_path) == ["m"]
    with pytest.raises(OutputPathError, match=r"^output path '.*/x\\rsub/r' holds a line end"):
        check_files_dir(tmp_path / "x\rsub" / "r")
    (tmp_path / "c\nd").mkdir()  # a folder of that very name exists: it is written into
    assert check_files_dir(tmp_path / "c\nd" / "r") == tmp_path / "c\nd" / "r"


def test_recompute_compare_in_a_removed_directory_says_so(tmp_path, monkeypatch, capsys):
    """Was ``--compare old: not a directory (give the --out of an earlier recompute)``."""
    (tmp_path / "gone").mkdir()
    monkeypatch.chdir(tmp_path / "gone")
    (tmp_path / "gone").rmdir()
    assert main(["recompute", "--out", str(tmp_path / "new"), "--compare", "old", "--mirror", str(tmp_path)]) == 2
    assert _last_error(capsys) == f"exposure recompute: error: --compare old: {GONE}"
    assert os.listdir(tmp_path) == []


def test_output_file_with_a_line_end_inside_is_refused(tmp_path, monkeypatch, capsys):
    """``score -o "s<newline>t.csv"``: a new file of the two-line name was written."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.csv").write_text("task\nPlan budgets.\n")
    assert main(["score", "in.csv", "--method", "rubric", "-o", "s\nt.csv"]) == 2
    # round 78 (was: "t.csv: cannot write: 's\\nt.csv' holds a line end: ...", the path's second line first)
    assert capsys.readouterr().err.strip() == (
        "exposure score: error: 's\\nt.csv': cannot write: holds a line end: a value of two lines (a shell "
        "variable, or a $(...) that gave two names?) would name one new file of both; give a single path")
    assert os.listdir(tmp_path) == ["in.csv"]
    (tmp_path / "s\nt.csv").write_text("mine\n")  # one that exists is the user's: written as before
    assert check_output_path("s\nt.csv") == Path("s\nt.csv")
