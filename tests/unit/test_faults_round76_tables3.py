"""Fault round 76 (tables3): the shared table helpers, one rule in one place.

Faults found (each test below failed before its fix, except three guards: the text of 4 that is
no number and the unquoted comma of 5, told as before, and 6, a speed-up):

1. A directory given with a stray space (``'v2 '`` where ``v2`` exists) or a ``~`` no shell
   expanded (``'~/v2'``) was told the space or the ``~`` only, not the directory meant:
   ``exposure._tables.missing_note`` looked for a *file* without the space (or with the
   ``~`` expanded) whatever ``what`` it was given. ``read_validation_sample('v2 ')`` (and
   ``exposure report categories --validation 'v2 '``) said ``v2 : validation sample
   directory not found (its name ends with a space: 'v2 ')``; ``'~/v2'`` said only that the
   ``~`` is not read. The model directory of ``exposure train --model-dir`` kept its own
   copy of the rule (``exposure.scoring._distill.check_model_dir``); a padded file name
   where a directory is wanted was told ``'tasks.csv' (without it) is a file: give that
   path``, advice that fails. Now ``missing_note`` looks for a directory when ``what``
   ends in "directory": ``v2 : validation sample directory not found: its name ends with
   a space; 'v2' (without it) is a directory: give that path`` (``...; '/home/me/v2' is a
   directory: give that path``), and the model directory's copy is dropped:
   ``--model-dir minilm : not a directory: its name ends with a space; 'minilm' (without
   it) is a directory: give that path`` (it was ``... ends with a space: 'minilm ';
   'minilm' is a directory: ...``).
2. Two tables of the compressed suffixes: ``exposure._io._COMPRESSED_NAMES`` (what
   ``write_csv`` refuses) and ``exposure._tables.COMPRESSED`` (what the readers and
   ``write_frame`` name), the one a copy of the other's words. Now one table,
   ``exposure._io.COMPRESSED`` (the lower layer; ``_tables`` gives it under its name), and
   one wording of the refusal (``exposure._io.compressed_files``).
3. A stratum with spaces around it (``'uniform '``) in a validation sample
   (``validation_metrics``, ``read_validation_sample``) was told ``write 'uniform'
   (without the spaces)`` by a rule of its own (``reports.categories._stratum_hint``),
   where every other choice says ``(without the spaces around it)``
   (``exposure._args.padded_choice_hint``). Now the shared words.
4. A number written in another locale in a frame given in Python (a measure of
   ``compare(loaded=...)``, ``check_measure_frame``, the employment of ``compare``) was
   refused as ``measure 'x', row 1, column 'x': not a number: '0,4'`` and no more, where
   the file readers say what to write: ``exposure.measures._crosswalk.numbers`` gave no
   advice. Now ``... not a number: '0,4': a decimal comma? write decimals with a point:
   '0.4'`` (``_tables.number_hint``, told that such frames read no comma: ``'1,234'`` is
   told ``a comma does not separate thousands here: write '1234'``, not the readers'
   ``a comma must separate thousands (1,234)``).
5. A CSV row whose quoted cell follows a comma and a space (``Sew seams., "Tailor,
   custom"``: a file written by hand, or by a program that pads its cells) was told
   ``row 3: too many fields: expected 2, got 3 (an unquoted comma inside a field?)`` (in
   batches ``(a title line above the header ... Or an unquoted comma inside a field?)``),
   of a comma that is quoted: a quote opens a quoted cell only at its start. Now, whole and
   in batches, ``(the quote of ' "Tailor' does not open a quoted cell: a space stands
   before it, and a quote opens one only at the start of a cell, so the comma inside it
   separates two cells; remove the spaces and tabs after the commas)``; the file so
   written is read.
6. (A speed-up, no message changed.) ``exposure._tables.check_whole_workers`` ran a regular
   expression on every text cell of OEWS's ``TOT_EMP`` (0.21 s per 400,000 cells); it now
   runs it on the cells holding a point only, and reads a string column without a loop
   (0.007 s). The test checks that the results are those of a plain reading, for an
   object and a string column alike.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure import _io, _tables
from exposure._tables import check_whole_workers, missing_note
from exposure.errors import DataFormatError
from exposure.measures._common import check_measure_frame
from exposure.measures._crosswalk import numbers
from exposure.measures.compare import compare
from exposure.reports.categories import read_validation_sample, validation_metrics

V2 = Path(__file__).resolve().parents[1] / "data" / "categories" / "v2"


def _sample_copy(tmp_path) -> Path:
    """The project's v2 sample copied to ``tmp_path/v2``."""
    return Path(shutil.copytree(V2, tmp_path / "v2", ignore=shutil.ignore_patterns("*.py")))


# 1. a directory with a stray space or an unexpanded ~ ---------------------------------------
def test_1_a_padded_directory_is_told_the_directory_meant(tmp_path):
    v2 = _sample_copy(tmp_path)
    with pytest.raises(DataFormatError) as err:  # before: "... (its name ends with a space: 'v2 ')"
        read_validation_sample(f"{v2} ")
    assert str(err.value) == (f"{v2} : validation sample directory not found: its name ends with a space; "
                              f"{str(v2)!r} (without it) is a directory: give that path")
    # a directory of the path padded: the directory meant too
    (tmp_path / "data" / "v2").mkdir(parents=True)
    assert missing_note(tmp_path / "data " / "v2", "directory") == (
        f"directory not found: the directory name 'data ' in it ends with a space; "
        f"{str(tmp_path / 'data' / 'v2')!r} (without it) is a directory: give that path")


def test_1_a_file_is_still_told_as_a_file_and_a_directory_not_as_a_file(tmp_path):
    (tmp_path / "tasks.csv").write_text("task\nWeld.\n")
    (tmp_path / "v2").mkdir()
    assert missing_note(tmp_path / "tasks.csv ", "input file").endswith("(without it) is a file: give that path")
    # a file where a directory is wanted, a directory where a file is: the space only
    assert missing_note(tmp_path / "tasks.csv ", "directory") == (
        "directory not found (its name ends with a space: 'tasks.csv ')")
    assert missing_note(tmp_path / "v2 ", "input file") == "input file not found (its name ends with a space: 'v2 ')"


def test_1_a_tilde_directory_is_told_the_directory_meant(tmp_path, monkeypatch):
    v2 = _sample_copy(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.raises(DataFormatError) as err:  # before: the '~' only
        read_validation_sample("~/v2")
    assert str(err.value) == ("~/v2: validation sample directory not found: the '~' is not read as the home "
                              f"directory (a shell expands it only outside quotes); {str(v2)!r} is a directory: "
                              "give that path")


def test_1_report_categories_names_the_directory_meant(tmp_path, capsys, monkeypatch):
    v2 = _sample_copy(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    h = tmp_path / "h.csv"
    h.write_text("onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\n"
                 "11-1031.00,15294,random,False,False,False,x\n")
    mirror = tmp_path / "mirror"
    mirror.mkdir()  # empty: the run fails on O*NET if it gets that far
    code, _, err = cli(capsys, "report", "categories", "--hand-checked", h, "--validation", "~/v2",
                       "--mirror", mirror, "--data-dir", tmp_path / "cache", "--out-dir", tmp_path / "out")
    assert code == 2
    assert one_error_line(err, command="report categories") == (
        "exposure report categories: error: ~/v2: validation sample directory not found: the '~' is not read as "
        f"the home directory (a shell expands it only outside quotes); {str(v2)!r} is a directory: give that path")
    assert not (tmp_path / "out").exists()


# 2. one table of compressed suffixes ------------------------------------------------------------
def test_2_one_table_of_compressed_suffixes():
    assert _tables.COMPRESSED is _io.COMPRESSED
    assert "COMPRESSED" in _io.__all__ and "COMPRESSED" in _tables.__all__


@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".xz", ".zst", ".zip"])
def test_2_both_writers_name_a_compressed_output_alike(tmp_path, suffix):
    what = _io.compressed_files(suffix)
    assert what == ("zip archives" if suffix == ".zip" else f"{_io.COMPRESSED[suffix][0]} files")
    frame = pd.DataFrame({"a": [1]})
    with pytest.raises(DataFormatError) as csv_err:
        _io.write_csv(frame, tmp_path / f"o.csv{suffix.upper()}")
    with pytest.raises(DataFormatError) as frame_err:
        _tables.write_frame(frame, tmp_path / f"o.csv{suffix}")
    for err in (csv_err, frame_err):
        assert f"unsupported output file type {suffix!r} ({what} are not written)" in str(err.value)
    assert list(tmp_path.iterdir()) == []


# 3. a stratum with spaces around it -----------------------------------------------------------
def _sample(**changes) -> pd.DataFrame:
    """A validation sample of two strata (three tasks each), as a frame."""
    frame = pd.DataFrame({"onetsoc_code": ["43-9061.00"] * 6, "task_id": [str(k) for k in range(1, 7)],
                          "stratum": ["uniform"] * 3 + ["enriched"] * 3, "weight": [10.0] * 3 + [1.0] * 3,
                          "admin": [True, False, False, True, True, False], "routine_coding": False,
                          "entry_creative": False})
    return frame.assign(**changes)


@pytest.mark.parametrize("stratum", ["uniform ", " enriched", "\tuniform"])
def test_3_a_padded_stratum_is_told_in_the_shared_words(stratum):
    predicted = _sample()[["admin", "routine_coding", "entry_creative"]]
    with pytest.raises(DataFormatError) as info:
        validation_metrics(_sample(stratum=[stratum] + ["uniform"] * 2 + ["enriched"] * 3), predicted, n_boot=5)
    assert str(info.value) == ("sample, row 1, column 'stratum': stratum must be uniform or enriched, got "
                               f"{stratum!r}: write {stratum.strip()!r} (without the spaces around it)")


def test_3_a_padded_stratum_in_sample_csv(tmp_path):
    v2 = _sample_copy(tmp_path)
    lines = (v2 / "sample.csv").read_text().splitlines(keepends=True)
    lines[1] = lines[1].replace(",uniform,", ",uniform ,", 1)
    (v2 / "sample.csv").write_text("".join(lines))
    with pytest.raises(DataFormatError) as info:
        read_validation_sample(v2)
    assert str(info.value) == (f"{v2 / 'sample.csv'}, row 2, column 'stratum': stratum must be uniform or "
                               "enriched, got 'uniform ': write 'uniform' (without the spaces around it)")


# 4. a number in another locale in a frame given in Python --------------------------------------
@pytest.mark.parametrize("cell, hint", [
    ("0,4", ": a decimal comma? write decimals with a point: '0.4'"),
    ("-1.234,5", ": a decimal comma? write decimals with a point: '-1234.5'"),
    ("1,234", ": a comma does not separate thousands here: write '1234'"),
    ("1\u00a0234", ": a no-break space does not separate thousands here: write '1234'"),
    ("\u22120.5", ": '\u2212' (U+2212) is not read as a minus sign: write '-0.5'"),
])
def test_4_a_measure_frame_says_the_number_to_write(cell, hint):
    frame = pd.DataFrame({"soc_code": ["11-1011", "15-1252"], "x": ["0.2", cell]})
    with pytest.raises(DataFormatError) as err:  # before: "not a number: '0,4'" and no more
        check_measure_frame(frame, "x", "measure 'x'")
    assert str(err.value) == f"measure 'x', row 2, column 'x': not a number: {cell!r}{hint}"
    # the advice works: the number so written is read
    written = hint.rsplit("'", 2)[1]  # the last quoted number of the advice
    out = check_measure_frame(frame.assign(x=["0.2", written]), "x", "measure 'x'")
    assert out["x"].tolist() == [0.2, float(written)]


def test_4_compare_says_the_number_to_write_of_a_measure_given():
    loaded = {"aioe": pd.DataFrame({"soc_code": ["11-1011", "15-1252"], "aioe": ["0.4", "0,4"]})}
    with pytest.raises(DataFormatError) as err:
        compare(loaded=loaded, mirror="/no/such/mirror")
    assert str(err.value) == ("measure 'aioe', row 2, column 'aioe': not a number: '0,4': a decimal comma? write "
                              "decimals with a point: '0.4'")


def test_4_text_that_is_no_number_is_told_nothing_more():
    for cell in ("n/a", "1,234,5", "12%", "x"):
        with pytest.raises(DataFormatError) as err:
            numbers(pd.DataFrame({"x": [cell]}), "x", "t")
        assert str(err.value) == f"t, row 1, column 'x': not a number: {cell!r}"


# 5. a quote after a comma and a space ------------------------------------------------------------
SPACED = 'task, title\n"Weld metal, then grind.", "Welder"\n"Sew seams.", "Tailor, custom"\n'
SAID = ("row 3: too many fields: expected 2, got 3 (the quote of ' \"Tailor' does not open a quoted cell: a "
        "space stands before it, and a quote opens one only at the start of a cell, so the comma inside it "
        "separates two cells; remove the spaces and tabs after the commas)")


def test_5_a_quote_after_a_space_is_said(tmp_path):
    path = tmp_path / "sp.csv"
    path.write_text(SPACED)
    for read in (_tables.read_frame, _tables.check_delimited_file):
        with pytest.raises(DataFormatError) as err:  # before: "(an unquoted comma inside a field?)"
            read(path)
        assert str(err.value) == f"{path}, {SAID}"
    path.write_text('task,title\r\nWeld.,"Welder"\r\nSew.,\t"Tailor, custom"\r\n')
    with pytest.raises(DataFormatError) as err:
        _tables.read_frame(path)
    assert "(the quote of '\\t\"Tailor' does not open a quoted cell: a tab stands before it" in str(err.value)
    # the advice works: without the spaces after the commas, the file is read as meant
    path.write_text('task,title\n"Weld metal, then grind.","Welder"\n"Sew seams.","Tailor, custom"\n')
    assert _tables.read_frame(path).to_dict("list") == {
        "task": ["Weld metal, then grind.", "Sew seams."], "title": ["Welder", "Tailor, custom"]}
    assert _tables.check_delimited_file(path) == ["task", "title"]


@pytest.mark.parametrize("batch", ["0", "10000"])
def test_5_score_says_it_whole_and_in_batches(tmp_path, capsys, batch):
    path = tmp_path / "sp.csv"
    path.write_text(SPACED)
    code, _, err = cli(capsys, "score", path, "-o", tmp_path / "out.csv", "--method", "rubric",
                       "--batch-rows", batch)
    assert code == 2
    assert one_error_line(err, command="score") == f"exposure score: error: {path}, {SAID}"
    assert not (tmp_path / "out.csv").exists()


def test_5_an_unquoted_comma_is_still_told_so(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('task,title\nWeld.,"Welder"\nCut.,Cutter\nSew, then hem.,"Tailor"\n')
    with pytest.raises(DataFormatError) as err:
        _tables.read_frame(path)
    assert str(err.value).endswith("row 4: too many fields: expected 2, got 3 (an unquoted comma inside a field?)")


# 6. check_whole_workers: the same results, faster ------------------------------------------
@pytest.mark.parametrize("dtype", [object, "string", "str"])
def test_6_whole_workers_results_are_those_of_a_plain_reading(dtype, caplog):
    given = pd.Series(["1,200", "2.000", None, "30", "12.000.000", "a.b", " 4.000 "], dtype=dtype,
                      index=range(20, 27))
    values = [1200.0, 2.0, float("nan"), 30.0, 12.0, float("nan"), 4.0]
    with caplog.at_level(logging.WARNING, logger="exposure"):
        check_whole_workers(values, given, "employment", "tot_emp", row_offset=2)
    assert [r.getMessage() for r in caplog.records] == [
        "employment, row 3, column 'tot_emp': '2.000' is read as 2 worker(s), the point as the decimal point "
        "(3 cell(s) written so): if the points separate thousands, write 2000"]
    with pytest.raises(DataFormatError) as err:
        check_whole_workers([1.0, 1.2], pd.Series(["1", " 1.200"], dtype=dtype), "employment", "tot_emp")
    assert str(err.value) == ("employment, row 2, column 'tot_emp': tot_emp must be a whole number of workers "
                              "(OEWS counts jobs), got '1.200' (write 1200 for 1,200 workers: a point is read as "
                              "the decimal point)")
    # numbers given as numbers are not checked (estimates: 47319.3)
    check_whole_workers([47319.3], pd.Series([47319.3], dtype=object), "employment", "tot_emp")
