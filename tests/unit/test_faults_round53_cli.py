"""Round 53: the command line end to end, ``score`` -> ``rollup`` -> ``compare`` / ``outcomes``.

1. ``exposure rollup -o DIR`` and ``exposure score -o FILE`` wrote inside the data mirror
   (and the download cache's folders, the installed package), which ``compare``,
   ``outcomes``, ``report``, ``validate`` and ``recompute`` refuse: ``rollup`` replaced a
   folder of the mirror by one holding its tables, ``score`` replaced a file of the
   mirror by the scores (also through a symbolic link at ``-o``, which the writer
   follows). Refused now before anything is read; so is a roll-up into a directory that
   holds the mirror (it would be replaced as a whole).
2. ``exposure compare -o DIR`` and ``exposure outcomes -o DIR`` where one of the report
   files is a directory (or a pipe) were refused only when the set was written, after
   the whole run (7.9 s and 9.7 s on the real mirror, after downloads without one). Now
   before anything is read.
3. ``exposure outcomes --soc-scores FILE`` (and ``--panel``) that is not Parquet (the
   ``soc_scores.csv`` of ``exposure rollup --format csv``), or not there, was read after
   the panel had been built: pyarrow's ``Parquet magic bytes not found in footer. Either
   the file is corrupted or this is not a parquet file.``. Now refused first, in the words
   of ``exposure compare --ours``, whose advice names the file's own kind (an ``.xlsx``
   was told to convert a CSV).
4. ``exposure rollup -o rollup.xlsx`` (a workbook meant) made a directory ``rollup.xlsx``
   of Parquet files; ``compare -o measures.csv`` and ``outcomes -o out.json`` a directory
   of reports under a file's name. Refused now when no such directory exists yet.

Tiny made-up files, written by the tests into tmp_path; the mirrors are empty folders.
"""

from __future__ import annotations

import os

import pandas as pd
import pytest
from _cli import _no_env, run  # noqa: F401 (_no_env: autouse fixture)
from _frames import write_csv

from exposure._outdir import (
    OutputPathError,
    check_report_files,
    refuse_file_named_dir,
    refuse_protected,
)

OEWS_HEAD = ("AREA,NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,"
             "A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN\n")
TASKS = "task\nDraft replies to routine customer emails.\nWeld steel beams on site.\n"


@pytest.fixture
def one_file_mirror(tmp_path):
    """A made-up mirror folder of one file (``crosswalks/x.csv``), laid out as ../shared/data."""
    m = tmp_path / "mirror"
    (m / "crosswalks").mkdir(parents=True)
    (m / "crosswalks" / "x.csv").write_text("keep\n")
    return m


def _rollup_inputs(tmp_path):
    scores = write_csv(tmp_path, "onetsoc_code,task_id,alpha,beta,gamma\n11-1011.00,1,0.1,0.4,0.7\n"
                       "13-1021.00,2,0.2,0.5,0.8\n", "scores.csv")
    xw = write_csv(tmp_path, "O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,2018 SOC Code,2018 SOC Title\n"
                   "11-1011.00,CE,11-1011,CE\n13-1021.00,Buyers,13-1021,Buyers\n", "xw.csv")
    emp = write_csv(tmp_path, OEWS_HEAD + "99,000000,All,cross-industry,11-1011,CE,detailed,100,1,1,1,1,1,1\n"
                    "99,000000,All,cross-industry,13-1021,Buyers,detailed,300,1,1,1,1,1,1\n", "emp.csv")
    return [scores, "--crosswalk", xw, "--employment", emp, "--weights", "equal"]


# 1. outputs inside the folders the commands read ---------------------------------------


def test_rollup_into_the_mirror_is_refused(capsys, tmp_path, one_file_mirror):
    code, err = run(capsys, "rollup", *_rollup_inputs(tmp_path), "--mirror", one_file_mirror,
                    "-o", one_file_mirror / "crosswalks")
    assert code == 2
    assert "refusing to write the roll-up into" in err and "inside the mirror" in err, err
    assert sorted(p.name for p in (one_file_mirror / "crosswalks").iterdir()) == ["x.csv"]  # no table there
    code, err = run(capsys, "rollup", *_rollup_inputs(tmp_path), "--mirror", one_file_mirror,
                    "-o", one_file_mirror / "res")
    assert code == 2 and "inside the mirror" in err, err
    assert not (one_file_mirror / "res").exists()


def test_rollup_into_a_directory_holding_the_mirror_is_refused(capsys, tmp_path, one_file_mirror):
    code, err = run(capsys, "rollup", *_rollup_inputs(tmp_path), "--mirror", one_file_mirror, "-o", tmp_path)
    assert code == 2
    assert f"it contains {one_file_mirror}, which the run reads" in err, err


def test_rollup_outside_the_mirror_is_written(capsys, tmp_path, one_file_mirror):
    code, err = run(capsys, "rollup", *_rollup_inputs(tmp_path), "--mirror", one_file_mirror,
                    "-o", tmp_path / "res")
    assert code == 0, err
    assert (tmp_path / "res" / "soc_scores.parquet").is_file()


def test_score_over_a_file_of_the_mirror_is_refused(capsys, tmp_path, one_file_mirror):
    tasks = write_csv(tmp_path, TASKS, "tasks.csv")
    target = one_file_mirror / "crosswalks" / "x.csv"
    code, err = run(capsys, "score", tasks, "--onet", "none", "--mirror", one_file_mirror, "-o", target)
    assert code == 2
    assert f"refusing to write {target}: it is inside the mirror" in err, err
    assert target.read_text() == "keep\n"


def test_score_through_a_link_into_the_mirror_is_refused(capsys, tmp_path, one_file_mirror):
    tasks = write_csv(tmp_path, TASKS, "tasks.csv")
    target = one_file_mirror / "crosswalks" / "x.csv"
    link = tmp_path / "scores.csv"
    link.symlink_to(target)
    code, err = run(capsys, "score", tasks, "--onet", "none", "--mirror", one_file_mirror, "-o", link)
    assert code == 2
    assert f"(a symbolic link to {target})" in err and "inside the mirror" in err, err
    assert target.read_text() == "keep\n" and link.is_symlink()


def test_score_elsewhere_and_through_other_links_is_written(capsys, tmp_path, one_file_mirror):
    tasks = write_csv(tmp_path, TASKS, "tasks.csv")
    mine = tmp_path / "mine.csv"
    mine.write_text("old\n")
    link = tmp_path / "scores.csv"
    link.symlink_to(mine)
    code, err = run(capsys, "score", tasks, "--onet", "none", "--mirror", one_file_mirror, "-o", link)
    assert code == 0, err
    assert link.is_symlink() and "p_e2" in mine.read_text()  # written through, as before


def test_refuse_protected_follows_a_link_at_the_file_only_to_a_file(tmp_path, one_file_mirror):
    protect = [("the mirror", one_file_mirror, "which the run reads")]
    link = tmp_path / "r.csv"
    link.symlink_to(one_file_mirror / "crosswalks" / "x.csv")
    with pytest.raises(OutputPathError, match="a symbolic link to"):
        refuse_protected(link, protect, file=True)
    dangling = tmp_path / "d.csv"
    dangling.symlink_to(one_file_mirror / "crosswalks" / "gone.csv")  # replaced by the writer, not followed
    refuse_protected(dangling, protect, file=True)
    refuse_protected(tmp_path / "plain.csv", protect, file=True)


# 2. a report file that cannot be written, found before the run -------------------------


def test_compare_refuses_a_directory_at_a_report_name_before_reading(capsys, tmp_path, one_file_mirror):
    out = tmp_path / "reports"
    (out / "measures_table.csv").mkdir(parents=True)
    # the empty mirror would fail at the first measure: the output is checked before
    code, err = run(capsys, "compare", "--mirror", one_file_mirror, "--data-dir", tmp_path / "cache",
                    "--ours", "none", "-o", out)
    assert code == 2
    assert err.endswith(f"{out / 'measures_table.csv'}: is a directory, where -o/--output writes the file "
                        "measures_table.csv: move it away or give another -o/--output"), err


def test_compare_writes_the_files_it_checks(capsys, tmp_path, mirror):
    from exposure.cli._compare import REPORT_FILES

    code, err = run(capsys, "compare", "--mirror", mirror, "--ours", "none", "-o", tmp_path / "o")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == sorted(REPORT_FILES)


@pytest.mark.parametrize("name,more", [("outcomes_growth.csv", []), ("outcomes.json", []),
                                       ("outcomes_sectors.csv", ["--sectors"]),
                                       ("outcomes_event_study_ours.png", ["--measure", "beta"])])
def test_outcomes_refuses_a_directory_at_a_report_name_before_reading(capsys, tmp_path, one_file_mirror,
                                                                      name, more):
    out = tmp_path / "reports"
    (out / name).mkdir(parents=True)
    code, err = run(capsys, "outcomes", "--mirror", one_file_mirror, "--data-dir", tmp_path / "cache",
                    "-o", out, *more)
    assert code == 2
    assert f"{out / name}: is a directory, where -o/--output writes the file {name}" in err, err


def test_outcomes_leaves_alone_a_directory_named_like_a_file_it_does_not_write(capsys, tmp_path, one_file_mirror):
    out = tmp_path / "reports"
    (out / "outcomes_event_study_ours.png").mkdir(parents=True)
    # no figures: the run goes on to the panel, which the empty mirror lacks
    code, err = run(capsys, "outcomes", "--mirror", one_file_mirror, "--data-dir", tmp_path / "cache", "-o", out,
                    "--no-figures")
    assert code == 2 and "is a directory" not in err and "not found in mirror" in err, err


def test_check_report_files_names_a_pipe(tmp_path):
    os.mkfifo(tmp_path / "a.csv")
    with pytest.raises(OutputPathError, match="a.csv: is not a regular file"):
        check_report_files(tmp_path, ["a.csv"], "-o/--output")
    check_report_files(tmp_path, ["b.csv"], "-o/--output")


# 3. --soc-scores / --panel that are not Parquet, before the panel is built ----------------


@pytest.mark.parametrize("suffix,kind,convert", [
    ("csv", "(a CSV file?)", "convert a CSV with pandas: pd.read_csv(PATH, dtype={'soc_code': str})"),
    ("xlsx", "(an Excel workbook?)", "convert an .xlsx workbook with pandas: pd.read_excel(PATH"),
    ("dta", "(a Stata file?)", "convert a Stata .dta file with pandas: pd.read_stata(PATH)"),
])
def test_outcomes_soc_scores_not_parquet_is_refused_first(capsys, tmp_path, one_file_mirror, suffix, kind,
                                                          convert):
    scores = tmp_path / f"soc_scores.{suffix}"
    pd.DataFrame({"soc_code": ["11-1011"], "beta": [0.4]}).to_csv(scores, index=False)
    code, err = run(capsys, "outcomes", "--mirror", one_file_mirror, "--data-dir", tmp_path / "cache",
                    "--soc-scores", scores, "-o", tmp_path / "o", "--no-figures")
    assert code == 2
    assert f"{scores}: is not a Parquet file {kind}: --soc-scores takes our SOC scores as Parquet" in err, err
    assert "(a table of exposure rollup --format? without --format it writes soc_scores.parquet)" in err
    assert convert in err and "corrupted" not in err


def test_outcomes_panel_not_parquet_and_missing_scores_are_refused_first(capsys, tmp_path, one_file_mirror):
    panel = write_csv(tmp_path, "soc_code,year\n11-1011,2021\n", "panel.csv")
    code, err = run(capsys, "outcomes", "--mirror", one_file_mirror, "--panel", panel, "-o", tmp_path / "o")
    assert code == 2
    assert "--panel takes the occupation panel as Parquet (as exposure.load('occupation_panel') reads it)" in err
    assert "rollup" not in err, err
    code, err = run(capsys, "outcomes", "--mirror", one_file_mirror, "--data-dir", tmp_path / "cache",
                    "--soc-scores", tmp_path / "nope.parquet", "-o", tmp_path / "o", "--sectors")
    assert code == 2
    assert err.endswith("nope.parquet: SOC scores file not found"), err  # before the five OEWS years


def test_compare_ours_xlsx_is_told_to_convert_a_workbook(capsys, tmp_path, one_file_mirror):
    ours = tmp_path / "ours.xlsx"
    ours.write_bytes(b"PK\x03\x04rest")
    code, err = run(capsys, "compare", "--mirror", one_file_mirror, "--ours", ours, "-o", tmp_path / "o")
    assert code == 2
    assert "(an Excel workbook?)" in err and "pd.read_excel(PATH" in err and "pd.read_csv" not in err, err


# 4. a new output directory named like a file ------------------------------------------


def test_rollup_into_a_new_directory_named_like_a_workbook_is_refused(capsys, tmp_path, one_file_mirror):
    out = tmp_path / "rollup.xlsx"
    code, err = run(capsys, "rollup", *_rollup_inputs(tmp_path), "--mirror", one_file_mirror, "-o", out)
    assert code == 2
    assert "'rollup.xlsx' is named like a .xlsx file: give a directory; for .xlsx tables: -o " in err, err
    assert err.endswith("rollup --format xlsx"), err
    assert not out.exists()


@pytest.mark.parametrize("argv,name", [(["compare", "--ours", "none"], "measures.csv"),
                                       (["outcomes", "--no-figures"], "out.json")])
def test_report_commands_into_a_new_directory_named_like_a_file_are_refused(capsys, tmp_path, one_file_mirror,
                                                                           argv, name):
    code, err = run(capsys, *argv, "--mirror", one_file_mirror, "-o", tmp_path / name)
    assert code == 2
    assert f"{name!r} is named like a .{name.split('.')[-1]} file: give a directory" in err, err
    assert not (tmp_path / name).exists()


def test_an_existing_directory_named_like_a_file_is_written_into(capsys, tmp_path, one_file_mirror):
    out = tmp_path / "r.xlsx"
    out.mkdir()
    refuse_file_named_dir(out, "-o/--output", "the reports")
    code, err = run(capsys, "rollup", *_rollup_inputs(tmp_path), "--mirror", one_file_mirror, "-o", out)
    assert code == 0, err
    assert (out / "coverage.json").is_file()
