"""Fault round 77, second wave: ``exposure.load``, ``exposure compare`` and ``exposure outcomes``.

1. ``exposure outcomes --soc-scores DIR`` or ``--panel DIR``, ``DIR`` an output directory of
   ``exposure recompute``: ``DIR: is a directory, not a SOC scores file (a Parquet file is
   expected)`` (``... not a panel file ...``), after the panel was built from five years of
   OEWS files, where ``exposure compare --ours DIR`` is told the file to give. Now, before
   anything is read: ``DIR: is a directory, not a SOC scores file (a Parquet file is
   expected): give the soc_scores.parquet in it, --soc-scores DIR/soc_scores.parquet``
   (``... not a panel file ...: give the occupation_panel.parquet in it, --panel
   DIR/occupation_panel.parquet``), in the words of ``--ours`` (one function,
   ``exposure.cli._compare.refuse_directory``). The ``--soc-scores`` file is read before
   the panel is built: a file refused was refused after the OEWS files were read (with no
   mirror, after they were downloaded; with a mirror lacking them: ``oews/national_M2021_dl.csv:
   not found in mirror``, not a word of the file given).
2. ``exposure.load("measures")`` after any ``exposure recompute`` (which writes no measures
   table): ``no measures table at <recompute>/reports/measures_table.csv (run `exposure
   compare -o <recompute>/reports` to create it)``, not a word of the shipped table. Now:
   ``no measures table at <recompute>/reports/measures_table.csv, in your recompute, which
   exposure.load reads (run `exposure compare -o <recompute>/reports` to create it); or read
   the shipped table (with the shipped scores, of O*NET 29.1 and OEWS May 2025): pass
   directory=exposure._load.processed_dir() (exposure.load, in Python)``.
3. A column given twice, in the words of its own: a processed table
   (``exposure.load``, ``figures.read_results``): ``p/soc_scores.parquet, column 'beta': the
   column appears twice (columns 2 and 4); a processed table has each column once``; the
   frames of ``exposure.outcomes``: ``panel, column 'year': the column appears twice
   (columns 2 and 7): keep one`` (``the column appears 3 times (columns 2, 7 and 8)``). Now
   in the library's one wording (``exposure._tables.twice_reason``): ``p/soc_scores.parquet,
   column 'beta': given more than once in the Parquet schema (columns 2 and 4): keep one``;
   ``panel, column 'year': given more than once (columns 2 and 7): keep one`` (the first
   two columns of one given three times).
4. ``exposure compare --ours`` / ``exposure outcomes --soc-scores`` / ``--panel`` checked a
   Parquet file's names with a copy of the rule (``exposure.cli._compare.check_parquet_header``),
   which said ``dup.parquet, column 'beta': given more than once (columns 2 and 3): keep
   one``, not where the names are. Now one function, ``exposure._load.check_parquet_names``,
   checks them and those of the processed tables: ``dup.parquet, column 'beta': given more
   than once in the Parquet schema (columns 2 and 3): keep one`` (``..., written 'beta'
   and ' beta'): keep one`` for a name written with spaces, as before).
5. ``exposure compare --ours`` (``exposure outcomes --soc-scores``) of SOC scores transposed
   (a row per measure, a column per SOC code: ``scores.set_index("soc_code").T``):
   ``t.parquet: soc_scores lacks column(s) ['soc_code'] (columns are ['11-1011', '11-1021',
   ...])``, its 830 columns listed in one line. Now: ``t.parquet: its column names are SOC
   codes (830 of its 831 columns: '11-1011', '11-1021', '11-2011', ...): it looks
   transposed (a row per measure, a column per SOC code): --ours takes a row per SOC code
   (soc_code, alpha, beta, gamma), as the soc_scores.parquet of exposure recompute;
   transpose it with pandas: frame.set_index('index').T.rename_axis('soc_code').reset_index()``.
   Another file without ``soc_code`` (or without our measures) lists its first columns
   only: ``(columns are ['c0', 'c1', ..., 'c7', ...] (40 columns))``.
6. ``exposure._load._FILE_OPTIONS`` names the options of the commands that take a processed
   table as a file (``exposure compare --ours``, ``exposure outcomes --soc-scores`` /
   ``--panel``), told in ``exposure.load``'s advice: a renamed option would have been
   advised without a word. A test (a guard: it passes on the old source too) parses the
   command line's parser for each.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from _frames import outcome_exposures, outcome_panel
from test_faults_cli import cli, one_error_line
from test_faults_round77_load import (  # the repository's shipped tables
    SHIPPED,
    _recompute,
)

from exposure import outcomes
from exposure._load import load
from exposure.errors import DataFormatError, ExposureError
from exposure.reports import figures


def _no_mirror(tmp_path: Path) -> list:
    """Location options of an empty mirror: a command that reads an OEWS file fails at once, saying so."""
    empty = tmp_path / "empty_mirror"
    empty.mkdir(exist_ok=True)
    return ["--mirror", empty, "--data-dir", empty]


def _transposed(tmp_path: Path, keep_index: bool) -> Path:
    scores = pd.read_parquet(SHIPPED / "soc_scores.parquet")
    wide = scores.set_index("soc_code")[["alpha", "beta", "gamma"]].T
    path = tmp_path / "t.parquet"
    (wide if keep_index else wide.reset_index()).to_parquet(path, index=keep_index)
    return path


# ------------------------------------------------------------------ 1. a directory given to outcomes
@pytest.mark.parametrize(("option", "table", "what"), [
    ("--soc-scores", "soc_scores.parquet", "SOC scores"),
    ("--panel", "occupation_panel.parquet", "panel"),
])
def test_1_an_output_directory_is_told_its_table_before_any_work(tmp_path, capsys, option, table, what):
    out = _recompute(tmp_path / "home", table)
    # an empty mirror: had the OEWS files been read first, the error would name one of them
    code, _, err = cli(capsys, "outcomes", option, out, *_no_mirror(tmp_path), "-o", tmp_path / "o")
    assert code == 2
    assert one_error_line(err, command="outcomes") == (
        f"exposure outcomes: error: {out}: is a directory, not a {what} file (a Parquet file is expected): give "
        f"the {table} in it, {option} {out / table}")
    assert not (tmp_path / "o").exists()


def test_1_a_directory_without_the_table_is_refused_before_any_work(tmp_path, capsys):
    (tmp_path / "d").mkdir()
    code, _, err = cli(capsys, "outcomes", "--soc-scores", tmp_path / "d", *_no_mirror(tmp_path), "-o", tmp_path / "o")
    assert code == 2
    assert one_error_line(err, command="outcomes") == (
        f"exposure outcomes: error: {tmp_path / 'd'}: is a directory, not a SOC scores file (a Parquet file is "
        "expected)")


def test_1_soc_scores_are_read_before_the_panel_is_built(tmp_path, capsys):
    path = tmp_path / "s.parquet"
    pd.DataFrame({"soc_code": ["11-1011"], "tot_emp": [5.0]}).to_parquet(path, index=False)
    code, _, err = cli(capsys, "outcomes", "--soc-scores", path, *_no_mirror(tmp_path), "-o", tmp_path / "o")
    assert code == 2
    assert one_error_line(err, command="outcomes").startswith(
        f"exposure outcomes: error: {path}: has none of the columns alpha, beta, gamma"), err


# ------------------------------------------------------------------ 2. load("measures") after a recompute
def test_2_measures_after_a_recompute_names_the_shipped_table(tmp_path, monkeypatch):
    out = _recompute(tmp_path / "home")
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    with pytest.raises(ExposureError) as info:
        load("measures")
    reports = out / "reports"
    assert str(info.value) == (
        f"no measures table at {reports / 'measures_table.csv'}, in your recompute, which exposure.load reads (run "
        f"`exposure compare -o {reports}` to create it); or read the shipped table (with the shipped scores, of "
        "O*NET 29.1 and OEWS May 2025): pass directory=exposure._load.processed_dir() (exposure.load, in Python)")
    # a directory given is not said to be "your recompute"
    with pytest.raises(ExposureError) as info:
        load("measures", directory=out)
    assert str(info.value) == (f"no measures table at {reports / 'measures_table.csv'} (run `exposure compare -o "
                               f"{reports}` to create it)")


# ------------------------------------------------------------------ 3. a column twice: one wording
def test_3_a_processed_table_with_a_column_twice(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    path = folder / "soc_scores.parquet"
    beta = pa.array([0.1, 0.2])
    pq.write_table(pa.Table.from_arrays([pa.array(["11-1011", "13-1020"]), beta, pa.array([1.0, 2.0]), beta],
                                        names=["soc_code", "beta", "tot_emp", "beta"]), path)
    expected = f"{path}, column 'beta': given more than once in the Parquet schema (columns 2 and 4): keep one"
    for validate in (True, False):
        with pytest.raises(DataFormatError) as info:
            load("soc_scores", directory=folder, validate=validate)
        assert str(info.value) == expected
    # the processed tables are read by name as written: ' beta' beside 'beta' is no repeat there
    pq.write_table(pa.table([["11-1011"], [0.1], [0.2]], names=["soc_code", "beta", " beta"]), path)
    assert list(load("soc_scores", directory=folder, validate=False).columns) == ["soc_code", "beta", " beta"]


def test_3_figures_read_results_says_it_so(tmp_path):
    folder = tmp_path / "p"
    shutil.copytree(SHIPPED, folder, ignore=shutil.ignore_patterns("reports", "manifest.json"))
    path = folder / "soc_scores.parquet"
    stored = pq.read_table(path)
    pq.write_table(pa.Table.from_arrays([*stored.columns, stored.column("beta")],
                                        names=[*stored.column_names, "beta"]), path)
    at = stored.column_names.index("beta") + 1
    with pytest.raises(DataFormatError) as info:
        figures.read_results(folder)
    assert str(info.value) == (f"{path}, column 'beta': given more than once in the Parquet schema (columns {at} and "
                               f"{len(stored.column_names) + 1}): keep one")


def test_3_the_outcomes_frames_say_it_in_the_library_words():
    panel = outcome_panel()
    twice = pd.concat([panel, panel[["year"]], panel[["year"]]], axis=1)
    at = list(panel.columns).index("year") + 1
    with pytest.raises(DataFormatError) as info:
        outcomes.check_panel(twice, path="p.parquet")
    assert str(info.value) == (f"p.parquet, column 'year': given more than once (columns {at} and "
                               f"{len(panel.columns) + 1}): keep one")
    ex = outcome_exposures(panel)
    with pytest.raises(DataFormatError) as info:
        outcomes.exposure_table(panel, pd.concat([ex, ex[["beta"]]], axis=1), measures=["beta"])
    assert str(info.value) == "soc_scores, column 'beta': given more than once (columns 2 and 3): keep one"


# ------------------------------------------------------------------ 4. the Parquet header of --ours: one rule
@pytest.mark.parametrize(("command", "option"), [("compare", "--ours"), ("outcomes", "--soc-scores"),
                                                 ("outcomes", "--panel")])
def test_4_a_column_twice_in_a_parquet_file_given(tmp_path, capsys, command, option):
    path = tmp_path / "dup.parquet"
    pq.write_table(pa.table([["11-1011"], [0.1], [0.2]], names=["soc_code", "beta", "beta"]), path)
    code, _, err = cli(capsys, command, option, path, *_no_mirror(tmp_path), "-o", tmp_path / "out")
    assert code == 2
    assert one_error_line(err, command=command) == (
        f"exposure {command}: error: {path}, column 'beta': given more than once in the Parquet schema (columns 2 "
        "and 3): keep one")


def test_4_a_name_with_spaces_and_an_empty_name_twice(tmp_path, capsys):
    spaced = tmp_path / "spaced.parquet"
    pq.write_table(pa.table([["11-1011"], [0.1], [0.2]], names=["soc_code", "beta", " beta"]), spaced)
    empty = tmp_path / "empty.parquet"
    pq.write_table(pa.table([["11-1011"], [0.1], [0.2]], names=["soc_code", "", ""]), empty)
    code, _, err = cli(capsys, "compare", "--ours", spaced, "-o", tmp_path / "out")
    assert code == 2
    assert one_error_line(err, command="compare") == (
        f"exposure compare: error: {spaced}, column 'beta': given more than once in the Parquet schema (columns 2 "
        "and 3, written 'beta' and ' beta'): keep one")
    code, _, err = cli(capsys, "compare", "--ours", empty, "-o", tmp_path / "out")
    assert code == 2
    assert one_error_line(err, command="compare") == (
        f"exposure compare: error: {empty}, column '': given more than once in the Parquet schema (columns 2 and 3): "
        "keep one")


# ------------------------------------------------------------------ 5. transposed SOC scores
@pytest.mark.parametrize(("command", "option"), [("compare", "--ours"), ("outcomes", "--soc-scores")])
@pytest.mark.parametrize("keep_index", [True, False])
def test_5_transposed_soc_scores_are_named_as_such(tmp_path, capsys, command, option, keep_index):
    path = _transposed(tmp_path, keep_index)
    code, _, err = cli(capsys, command, option, path, *_no_mirror(tmp_path), "-o", tmp_path / "out")
    assert code == 2
    line = one_error_line(err, command=command)
    columns = "830 of its 830 columns" if keep_index else "830 of its 831 columns"
    turn = "frame" if keep_index else "frame.set_index('index')"
    assert line == (
        f"exposure {command}: error: {path}: its column names are SOC codes ({columns}: '11-1011', '11-1021', "
        f"'11-2011', ...): it looks transposed (a row per measure, a column per SOC code): {option} takes a row per "
        "SOC code (soc_code, alpha, beta, gamma), as the soc_scores.parquet of exposure recompute; transpose it with "
        f"pandas: {turn}.T.rename_axis('soc_code').reset_index()")
    assert len(line) < 600
    # the advice turns the table back
    frame = pd.read_parquet(path)
    back = (frame if keep_index else frame.set_index("index")).T.rename_axis("soc_code").reset_index()
    scores = pd.read_parquet(SHIPPED / "soc_scores.parquet")
    pd.testing.assert_frame_equal(back[["soc_code", "beta"]].astype({"beta": float}), scores[["soc_code", "beta"]],
                                  check_names=False, check_dtype=False)


@pytest.mark.parametrize(("command", "option"), [("compare", "--ours"), ("outcomes", "--soc-scores")])
def test_5_a_long_list_of_columns_is_cut(tmp_path, capsys, command, option):
    path = tmp_path / "wide.parquet"
    pd.DataFrame({f"c{i}": [float(i)] for i in range(40)}).assign(soc_code="11-1011").to_parquet(path, index=False)
    code, _, err = cli(capsys, command, option, path, *_no_mirror(tmp_path), "-o", tmp_path / "out")
    assert code == 2
    line = one_error_line(err, command=command)
    assert "(columns are ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', ...] (41 columns))" in line, line
    assert "'c39'" not in line


# ------------------------------------------------------------------ 6. the options exposure.load advises
def test_6_the_file_options_load_advises_are_options_of_the_commands():
    """A guard: an option renamed in the command line breaks this test, not the advice silently."""
    from exposure._load import _FILE_OPTIONS
    from exposure.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    named = [advice for options in _FILE_OPTIONS.values() for advice in options]
    assert named
    for advice in named:
        program, command, option = advice.split()
        assert program == "exposure"
        assert option in commands[command]._option_string_actions, advice
