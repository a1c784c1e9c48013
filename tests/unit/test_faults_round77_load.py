"""Fault round 77: ``exposure.load`` / ``load_tables`` and ``exposure compare``.

1. The errors of :func:`exposure.load` reach command-line users too (``exposure compare``
   reads our SOC scores through it, ``exposure outcomes`` its tables), who were told what
   only a Python user can do: ``...: it was changed, or copied from another run, after the
   recompute of {...}; run exposure recompute again, or pass validate=False to read it as
   it is``; ``(pass validate=False to read soc_scores.parquet without checking it against
   the manifest)``; and, in the warning naming the recompute read, ``pass
   directory=exposure._load.processed_dir() for those``. Now the advice is built in one
   place (``exposure._load._python_or_cli``) and says both: ``... or pass validate=False to
   read it as it is (exposure.load, in Python; on the command line, give this file to
   exposure compare --ours or exposure outcomes --soc-scores)`` (``exposure outcomes
   --panel`` for the occupation panel; ``(exposure.load, in Python)`` only for a table no
   command takes as a file); the warning: ``...; for those, pass
   directory=exposure._load.processed_dir() (exposure.load, in Python; on the command line,
   give <shipped>/soc_scores.parquet to exposure compare --ours or exposure outcomes
   --soc-scores)``.
2. A recompute of the user data directory lacking ``soc_scores.parquet`` (removed after
   the recompute): ``load("soc_scores")`` said ``processed table 'soc_scores' not found at
   .../soc_scores.parquet (the installed package has no processed tables; run `exposure
   recompute` and pass directory=)``, which is not so; and ``exposure compare`` (no
   ``--ours``) compared the published measures without ours, without a word (exit 0,
   ``measures_table.csv`` without ``alpha``). Now: ``processed table 'soc_scores' not found
   at .../soc_scores.parquet, in your recompute, which exposure.load reads, although
   manifest.json beside it lists it: it was removed or moved after the recompute; run
   `exposure recompute` again to write it, or read the shipped table: pass directory=...``;
   ``exposure compare`` refuses to run without our scores (exit 2), adding ``; or pass
   --ours none to compare the published measures without ours``.
3. ``exposure compare --ours`` (and ``exposure outcomes --soc-scores`` / ``--panel``) of a
   Parquet file holding a column twice: ``dup.parquet, column 'beta': column 'beta' appears
   twice in the header (columns 2 and 3)``, the column named twice. Now in the library's
   words for a column given twice: ``dup.parquet, column 'beta': given more than once
   (columns 2 and 3): keep one``.
4. ``load(name, directory=D)`` where ``D`` holds output directories of ``exposure
   recompute`` (``$EXPOSURE_HOME/processed``, or ``$EXPOSURE_HOME`` itself) or is a folder
   of one (its ``reports``): ``processed table 'soc_scores' not found at D/soc_scores.parquet
   (run `exposure recompute` to create it)``, of tables one level away; ``load_manifest(D)``:
   ``no manifest.json in D``. Now: ``...: that folder holds output directories of exposure
   recompute, not the files of one: give one of them as the directory: D/onet-29.1_oews-2025``;
   ``...: reports is a folder of the output directory that holds it: give that directory,
   OUT``. An output directory whose ``manifest.json`` lists the missing table says so
   (``..., although manifest.json beside it lists it: it was removed or moved after the
   recompute (run `exposure recompute` again to write it)``; it was ``(run `exposure
   recompute` to create it)``).
5. ``load(name, directory=OUT/soc_scores.parquet)`` (or ``OUT/manifest.json``): ``is a file,
   not a directory (an output directory of exposure recompute is expected)``, not saying
   which directory. Now it adds ``; give the directory that holds it, OUT``.
6. ``exposure compare --ours`` given an output directory of ``exposure recompute``: ``OUT: is
   a directory, not a SOC scores file (a Parquet file is expected)``; now it adds ``: give
   the soc_scores.parquet in it, --ours OUT/soc_scores.parquet``.
   ``exposure compare --ours`` (``exposure outcomes --soc-scores``) given SOC scores in long
   form (``soc_code, measure, value``: a row per SOC code and measure, as R's
   ``pivot_longer`` or pandas' ``melt`` writes them): ``l.parquet, row 4, column 'soc_code':
   SOC code '11-1011' appears twice (rows 1 and 4)``; now ``l.parquet: holds SOC scores in
   long form (a row per SOC code and measure, column 'measure'), not one row per SOC code:
   --ours takes a column per measure (soc_code, alpha, beta, gamma); widen it with pandas:
   frame.pivot(index='soc_code', columns='measure', values='value').reset_index()``.
   Given the task digests
   (``task_digests.parquet``): ``holds task scores (task_scores.parquet) (column
   'task_id')``; the workforce or working-time table: ``soc_scores lacks column(s)
   ['soc_code'] (columns are [...])``. Now: ``holds task digests (task_digests.parquet)
   (column 'text_digest')``, ``holds workforce statistics (workforce.parquet) (column
   'group_type')``, ``holds working-time savings (working_time.parquet) (column
   'saveable_share')``.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_faults_cli import cli, one_error_line

from exposure._load import load, load_manifest, processed_dir
from exposure.errors import DataFormatError, ExposureError

#: The shipped tables of the repository (not of the package imported: old code is checked from a copy)
SHIPPED = Path(__file__).resolve().parents[2] / "data" / "processed"
RECOMPUTE = "onet-29.1_oews-2025"


def _recompute(home: Path, *tables: str) -> Path:
    """A recompute in ``home`` (its manifest, which lists every table, and ``tables``)."""
    out = home / "processed" / RECOMPUTE
    out.mkdir(parents=True)
    for name in ("manifest.json", *tables):
        shutil.copyfile(SHIPPED / name, out / name)
    return out


def _edit(path: Path) -> None:
    table = pd.read_parquet(path)
    table.loc[0, table.columns[-1]] = table.loc[1, table.columns[-1]]  # another value of the same column
    table.to_parquet(path)


# ------------------------------------------------------------------ 1. advice for Python and the command line
def test_1_an_edited_default_soc_scores_is_told_the_command_line_way(tmp_path, capsys, monkeypatch, caplog):
    out = _recompute(tmp_path / "home", "soc_scores.parquet")
    _edit(out / "soc_scores.parquet")
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    with caplog.at_level(logging.WARNING, logger="exposure"):
        code, _, err = cli(capsys, "compare", "-o", tmp_path / "reports")
    line = one_error_line(err, command="compare")
    assert code == 2
    assert line.startswith(f"exposure compare: error: {out / 'soc_scores.parquet'}: this table is not the one "
                           "manifest.json recorded"), line
    assert line.endswith("; run exposure recompute again, or pass validate=False to read it as it is "
                         "(exposure.load, in Python; on the command line, give this file to exposure compare --ours "
                         "or exposure outcomes --soc-scores)"), line
    # the warning naming the recompute read says how to read the shipped table on the command line too
    shipped = processed_dir() / "soc_scores.parquet"
    assert any(r.getMessage().endswith(
        "not the shipped tables; for those, pass directory=exposure._load.processed_dir() (exposure.load, in Python; "
        f"on the command line, give {shipped} to exposure compare --ours or exposure outcomes --soc-scores)")
        for r in caplog.records), caplog.text


def test_1_a_table_no_command_takes_is_told_the_python_way_as_such(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    for name in ("manifest.json", "task_digests.parquet", "occupation_panel.parquet"):
        shutil.copyfile(SHIPPED / name, d / name)
    _edit(d / "task_digests.parquet")
    _edit(d / "occupation_panel.parquet")
    with pytest.raises(DataFormatError) as info:
        load("task_digests", directory=d)
    assert str(info.value).endswith("; run exposure recompute again, or pass validate=False to read it as it is "
                                    "(exposure.load, in Python)"), str(info.value)
    with pytest.raises(DataFormatError) as info:
        load("occupation_panel", directory=d)
    assert str(info.value).endswith("(exposure.load, in Python; on the command line, give this file to exposure "
                                    "outcomes --panel)"), str(info.value)


def test_1_a_damaged_manifest_is_told_both_ways(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    shutil.copyfile(SHIPPED / "soc_scores.parquet", d / "soc_scores.parquet")
    (d / "manifest.json").write_text('{"tables": []}')
    with pytest.raises(DataFormatError) as info:
        load("soc_scores", directory=d)
    assert str(info.value) == (
        f"{d / 'manifest.json'}: its 'tables' must be an object (table file -> its rows, columns and sha256), got []: "
        "the manifest is damaged (pass validate=False to read soc_scores.parquet without checking it against the "
        "manifest: exposure.load, in Python; on the command line, give soc_scores.parquet itself to exposure compare "
        "--ours or exposure outcomes --soc-scores)")


# ------------------------------------------------------------------ 2. a recompute lacking the table
def test_2_a_recompute_lacking_soc_scores_is_named_and_compare_refuses(tmp_path, capsys, monkeypatch):
    out = _recompute(tmp_path / "home")  # the manifest lists soc_scores.parquet, removed since
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    shipped = processed_dir() / "soc_scores.parquet"
    expected = (f"processed table 'soc_scores' not found at {out / 'soc_scores.parquet'}, in your recompute, which "
                "exposure.load reads, although manifest.json beside it lists it: it was removed or moved after the "
                "recompute; run `exposure recompute` again to write it, or read the shipped table: pass "
                "directory=exposure._load.processed_dir() (exposure.load, in Python; on the command line, give "
                f"{shipped} to exposure compare --ours or exposure outcomes --soc-scores)")
    with pytest.raises(ExposureError) as info:
        load("soc_scores")
    assert str(info.value) == expected
    code, _, err = cli(capsys, "compare", "-o", tmp_path / "reports")
    assert code == 2
    assert one_error_line(err, command="compare") == (
        f"exposure compare: error: {expected}; or pass --ours none to compare the published measures without ours")
    assert not (tmp_path / "reports").exists()


def test_2_a_recompute_whose_manifest_does_not_list_the_table_is_not_said_to_have_lost_it(tmp_path, monkeypatch):
    out = tmp_path / "home" / "processed" / RECOMPUTE
    out.mkdir(parents=True)
    (out / "manifest.json").write_text('{"format": 1, "releases": {"onet": "29.1", "oews": "2025"}}')
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    with pytest.raises(ExposureError) as info:
        load("task_digests")
    assert str(info.value).startswith(
        f"processed table 'task_digests' not found at {out / 'task_digests.parquet'}, in your recompute, which "
        "exposure.load reads; run `exposure recompute` again to write it, or read the shipped table: pass "
        "directory=exposure._load.processed_dir() (exposure.load, in Python)"), str(info.value)


def test_4_an_output_directory_whose_manifest_lists_the_missing_table_says_so(tmp_path):
    out = _recompute(tmp_path / "home")  # the manifest lists soc_scores.parquet, removed since
    with pytest.raises(ExposureError) as info:
        load("soc_scores", directory=out)
    assert str(info.value) == (
        f"processed table 'soc_scores' not found at {out / 'soc_scores.parquet'}, although manifest.json beside it "
        "lists it: it was removed or moved after the recompute (run `exposure recompute` again to write it)")


# ------------------------------------------------------------------ 3. a column twice in --ours
@pytest.mark.parametrize(("command", "option"), [("compare", "--ours"), ("outcomes", "--soc-scores")])
def test_3_a_column_twice_is_said_in_the_library_words(tmp_path, capsys, command, option):
    path = tmp_path / "dup.parquet"
    pq.write_table(pa.table([["11-1011"], [0.1], [0.2]], names=["soc_code", "beta", "beta"]), path)
    code, _, err = cli(capsys, command, option, path, "-o", tmp_path / "out")
    assert code == 2
    assert one_error_line(err, command=command) == (
        f"exposure {command}: error: {path}, column 'beta': given more than once in the Parquet schema "
        "(columns 2 and 3): keep one")


# ------------------------------------------------------------------ 4. a folder near the output directories
def test_4_the_folder_of_the_recomputes_names_them(tmp_path):
    home = tmp_path / "home"
    out = _recompute(home, "soc_scores.parquet")
    for given in (home / "processed", home):
        with pytest.raises(ExposureError) as info:
            load("soc_scores", directory=given)
        assert str(info.value) == (
            f"processed table 'soc_scores' not found at {given / 'soc_scores.parquet'}: that folder holds output "
            f"directories of exposure recompute, not the files of one: give one of them as the directory: {out}")
    with pytest.raises(ExposureError) as info:
        load_manifest(home / "processed")
    assert str(info.value) == (
        f"no manifest.json in {home / 'processed'}: that folder holds output directories of exposure recompute, not "
        f"the files of one: give one of them as the directory: {out}")


def test_4_a_folder_of_an_output_directory_names_the_directory(tmp_path):
    out = _recompute(tmp_path / "home", "soc_scores.parquet")
    (out / "reports").mkdir()
    with pytest.raises(ExposureError) as info:
        load("soc_scores", directory=out / "reports")
    assert str(info.value) == (
        f"processed table 'soc_scores' not found at {out / 'reports' / 'soc_scores.parquet'}: reports is a folder of "
        f"the output directory that holds it: give that directory, {out}")
    # a folder with no output directory near it is still told to recompute
    (tmp_path / "empty").mkdir()
    with pytest.raises(ExposureError, match=r"not found at .*soc_scores\.parquet \(run `exposure recompute` to "
                       r"create it\)$"):
        load("soc_scores", directory=tmp_path / "empty")


# ------------------------------------------------------------------ 5. a file of the output directory given
@pytest.mark.parametrize("name", ["soc_scores.parquet", "manifest.json"])
def test_5_a_file_of_an_output_directory_names_its_directory(tmp_path, name):
    out = _recompute(tmp_path / "home", "soc_scores.parquet")
    with pytest.raises(DataFormatError) as info:
        load("soc_scores", directory=out / name)
    assert str(info.value) == (f"{out / name}: is a file, not a directory (an output directory of exposure recompute "
                               f"is expected); give the directory that holds it, {out}")


# ------------------------------------------------------------------ 6. other tables of the library as --ours
def test_6_an_output_directory_given_as_ours_is_told_its_table(tmp_path, capsys):
    out = _recompute(tmp_path / "home", "soc_scores.parquet")
    code, _, err = cli(capsys, "compare", "--ours", out, "-o", tmp_path / "reports")
    assert code == 2
    assert one_error_line(err, command="compare") == (
        f"exposure compare: error: {out}: is a directory, not a SOC scores file (a Parquet file is expected): give "
        f"the soc_scores.parquet in it, --ours {out / 'soc_scores.parquet'}")



@pytest.mark.parametrize(("name", "what"), [
    ("task_digests", "task digests (task_digests.parquet) (column 'text_digest')"),
    ("workforce", "workforce statistics (workforce.parquet) (column 'group_type')"),
    ("working_time", "working-time savings (working_time.parquet) (column 'saveable_share')"),
])
def test_6_another_table_of_the_library_is_named_for_what_it_holds(tmp_path, capsys, name, what):
    path = SHIPPED / f"{name}.parquet"
    code, _, err = cli(capsys, "compare", "--ours", path, "-o", tmp_path / "out")
    assert code == 2
    assert one_error_line(err, command="compare") == (
        f"exposure compare: error: {path}: holds {what}, not SOC scores: --ours takes scores by SOC code (soc_code, "
        "alpha, beta, gamma), as the soc_scores.parquet of exposure recompute")


@pytest.mark.parametrize(("command", "option"), [("compare", "--ours"), ("outcomes", "--soc-scores")])
def test_6_soc_scores_in_long_form_are_named_as_such(tmp_path, capsys, command, option):
    path = tmp_path / "l.parquet"
    wide = pd.DataFrame({"soc_code": ["11-1011", "11-1021", "13-2011"], "alpha": [0.1, 0.2, 0.3],
                         "beta": [0.2, 0.3, 0.4], "gamma": [0.3, 0.4, 0.5]})
    wide.melt(id_vars="soc_code", var_name="measure", value_name="value").to_parquet(path, index=False)
    code, _, err = cli(capsys, command, option, path, "-o", tmp_path / "out")
    assert code == 2
    assert one_error_line(err, command=command) == (
        f"exposure {command}: error: {path}: holds SOC scores in long form (a row per SOC code and measure, column "
        f"'measure'), not one row per SOC code: {option} takes a column per measure (soc_code, alpha, beta, gamma); "
        "widen it with pandas: frame.pivot(index='soc_code', columns='measure', values='value').reset_index()")
