"""Fault round 71, ``outdir``: output paths (``exposure._io``, ``exposure._outdir``) and training outputs.

1. An output file name longer than its file system allows (more than 255 bytes), or the
   name of a folder still to be made for it, given to
   :func:`exposure._io.check_output_path` (``exposure.score_file``, the report writers)
   or to :func:`exposure.scoring._train.check_train_output` (``train_and_save``, before
   any work). Before: a bare ``OSError: [Errno 36] File name too long: '...'`` from
   pathlib, not an :class:`~exposure.errors.ExposureError`. Now:
   :class:`~exposure.errors.OutputError` (``check_output_path``) or ``OutputPathError``
   (``check_train_output``): ``output file name 'xxx....csv' is 304 bytes long, and the
   file system of ... allows names of 255 bytes; give the file a name of at most 255
   bytes`` (``output folder name`` for a folder to be made). One check, in
   :func:`exposure._io.long_name`, used by :mod:`exposure._outdir` too. A name of 255
   bytes passes as before.
2. An output file under a symbolic link to nothing (a purged scratch folder) or under a
   link that loops (``a -> b -> a``), given to ``exposure score -o`` or
   :func:`exposure._io.check_output_path`. Before: accepted; ``exposure score`` scored
   every task, then ``g/x.csv: cannot write: a parent of the path is not a directory``
   (``g`` is a link to a folder that is not there) or ``Too many levels of symbolic
   links``. Now: refused before any work, naming the link and its target: ``it lies under
   g, a symbolic link to gone, which does not exist: create that directory, point the link
   at one, or choose another output path``; ``... a symbolic link that loops (a -> b):
   ...``. An output that is itself a link to nothing is written as before (it replaces the
   link).
3. An output directory or file (``check_output_dir``, ``check_output_file``,
   ``check_files_dir``: ``exposure recompute --out``, ``exposure train --out``, the
   report directories) under a symbolic link that loops (``a -> b``, ``b -> a``).
   Before: ``output path a/out lies under a, a symbolic link to b, which does not exist:
   create that directory, ...`` (``b`` exists: a link back to ``a``). Now: ``... lies under
   a, a symbolic link that loops (a -> b): point the link at a directory, remove it, or
   choose another output path``.
4. :func:`exposure.scoring._train.modern_training_rows` given an old binary ``.xls``
   workbook. Before: ``m.xls: file is an old binary Excel .xls workbook (or another OLE
   file): save it as .xlsx or CSV``; the ``.xlsx`` it advised was then refused (``m.xlsx,
   row 1: file is binary, not text``): the function reads CSV only. Now: ``... save it as
   CSV ('CSV UTF-8')``.
5. :func:`exposure.scoring._train.check_train_output` (``train_and_save``'s first check)
   given ``out=Path(".")`` (or ``Path("")``, ``Path("..")``), bytes or a number. Before:
   ``ValueError: PosixPath('.') has an empty name``, ``TypeError: argument should be a str
   object or an os.PathLike object returning str, not <class 'bytes'>``, ``TypeError:
   expected str, bytes or os.PathLike object, not int``. Now: ``.: cannot write: names a
   directory, not the artifact's file: give a file name ending in .npz, e.g. model.npz``
   (:class:`~exposure.errors.OutputError`); ``out must be the artifact's file name (str or
   os.PathLike), got bytes b'm.npz'`` (:class:`~exposure.errors.DataFormatError`).
6. :func:`exposure.scoring._train.modern_training_rows` of a file with a column ``y`` of
   its own (``task,label,y`` with ``Weld parts.,E0,2``). Before: the column was replaced
   by the class of the label (``y`` 0), without a word, although the rows returned are
   documented as every column of the file and ``y``. Now: ``m.csv, row 2, column 'y': y
   is '2', but the label E0 is class 0 (0=E0, 1=E1, 2=E2): the class is read from the
   label, and y holds it in the rows returned; correct the column y, or rename or remove
   it``. A column ``y`` that agrees (the rows returned, saved with ``to_csv``) is read as
   before.
7. An output file whose name is legal but made of characters of several bytes in UTF-8:
   60 emoji and ``.csv`` (244 bytes), or 64 characters of Chinese or Japanese (192 bytes)
   on a machine with a long host name (``ip-172-31-22-101.eu-west-1.compute.internal``).
   The partial file written first is named after the output, cut at 64 *characters*
   (:func:`exposure._io.partial_prefix`): 256 bytes and more. Before: ``exposure score
   -o`` scored every task, then ``...: cannot write: file name too long``. Now: the name is
   cut at 64 bytes (on a character boundary), and the file is written. ASCII names give
   the same partial names as before.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure._io import check_output_path, write_xlsx
from exposure._outdir import OutputPathError, check_files_dir, check_output_dir, check_output_file
from exposure.errors import DataFormatError, OutputError
from exposure.scoring._train import check_train_output, modern_training_rows, train_and_save


def _name_max(folder) -> int:
    return os.pathconf(folder, "PC_NAME_MAX")


def _tasks(tmp_path) -> Path:
    src = tmp_path / "in.csv"
    src.write_text("task\nWeld metal parts.\n")
    return src


# 1 ---------------------------------------------------------------------------------------


def test_1_long_file_name_refused_by_check_output_path(tmp_path):
    limit = _name_max(tmp_path)
    name = "x" * (limit - 3) + ".csv"  # one byte too many
    with pytest.raises(OutputError, match=rf"output file name .* is {limit + 1} bytes long, .* at most {limit} bytes"):
        check_output_path(tmp_path / name)
    folder = "d" * (limit + 1)  # a folder the writer would make
    with pytest.raises(OutputError, match=rf"output folder name .* is {limit + 1} bytes long"):
        check_output_path(tmp_path / folder / "scores.csv")
    fits = tmp_path / ("x" * (limit - 4) + ".csv")
    assert check_output_path(fits) == fits


def test_1_long_name_refused_by_check_train_output(tmp_path):
    with pytest.raises(OutputPathError, match=r"output file name .* is 304 bytes long"):
        check_train_output(tmp_path / ("m" * 300 + ".npz"))
    with pytest.raises(OutputPathError, match=r"output folder name .* is 300 bytes long"):
        check_train_output(tmp_path / ("m" * 300) / "m.npz")
    assert list(tmp_path.iterdir()) == []


def test_1_long_name_refused_by_score_before_scoring(tmp_path, capsys):
    src = _tasks(tmp_path)
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / ("s" * 300 + ".csv"))
    line = one_error_line(err, command="score")
    assert code == 2
    assert "304 bytes long" in line and "File name too long" not in line


# 2 ---------------------------------------------------------------------------------------


def test_2_output_under_dangling_link_refused_by_check_output_path(tmp_path):
    (tmp_path / "g").symlink_to(tmp_path / "gone")
    for out in (tmp_path / "g" / "x.csv", tmp_path / "g" / "sub" / "x.csv"):
        with pytest.raises(OutputError, match=r"lies under .*/g, a symbolic link to .*/gone, which does not exist"):
            check_output_path(out)
    assert not (tmp_path / "gone").exists()


def test_2_output_under_loop_refused_by_check_output_path(tmp_path):
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    for out in (tmp_path / "a" / "x.csv", tmp_path / "a" / "sub" / "x.csv"):
        with pytest.raises(OutputError, match=r"lies under .*/a, a symbolic link that loops \(.*/a -> b\)"):
            check_output_path(out)


def test_2_score_refuses_output_under_dangling_link(tmp_path, capsys):
    src = _tasks(tmp_path)
    (tmp_path / "g").symlink_to(tmp_path / "gone")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "g" / "x.csv")
    line = one_error_line(err, command="score")
    assert code == 2
    assert "a symbolic link to" in line and "gone, which does not exist" in line
    assert "not a directory" not in line
    # an output that is itself a link to nothing is written as before: it replaces the link
    (tmp_path / "out.csv").symlink_to(tmp_path / "nowhere.csv")
    code, _, _ = cli(capsys, "score", src, "-o", tmp_path / "out.csv", "--method", "rubric")
    assert code == 0
    assert pd.read_csv(tmp_path / "out.csv")["task"].tolist() == ["Weld metal parts."]


# 3 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("check", [check_output_dir, check_output_file, check_files_dir])
def test_3_loop_of_links_named_as_a_loop(tmp_path, check):
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(OutputPathError, match=r"lies under .*/a, a symbolic link that loops \(.*/a -> b\)") as info:
        check(tmp_path / "a" / "out.npz")
    assert "does not exist" not in str(info.value)
    (tmp_path / "g").symlink_to(tmp_path / "gone")  # a link to nothing is still named so
    with pytest.raises(OutputPathError, match=r"a symbolic link to .*/gone, which does not exist"):
        check(tmp_path / "g" / "out.npz")


# 4 ---------------------------------------------------------------------------------------


def test_4_xls_of_modern_tasks_advised_csv(tmp_path):
    xls = tmp_path / "m.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    with pytest.raises(DataFormatError, match=r"save it as CSV \('CSV UTF-8'\)") as info:
        modern_training_rows(xls)
    assert ".xlsx" not in str(info.value)
    xlsx = tmp_path / "m.xlsx"  # what the advice said before: refused too
    write_xlsx(pd.DataFrame({"task": ["Weld metal parts."], "label": ["E0"]}), xlsx)
    with pytest.raises(DataFormatError):
        modern_training_rows(xlsx)
    csv = tmp_path / "m.csv"  # what it says now: read
    csv.write_text("task,label\nWeld metal parts.,E0\n")
    assert modern_training_rows(csv)["y"].tolist() == [0]


# 5 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("out", [Path("."), Path(""), Path("..")])
def test_5_train_output_naming_a_directory(out):
    with pytest.raises(OutputError, match=r"names a directory, not the artifact's file: give a file name ending "
                                          r"in \.npz, e.g\. .*model\.npz"):
        check_train_output(out)


@pytest.mark.parametrize("out", [b"m.npz", 5])
def test_5_train_output_not_a_path(out):
    with pytest.raises(DataFormatError, match=r"out must be the artifact's file name \(str or os.PathLike\), got"):
        check_train_output(out)


def test_5_train_and_save_refuses_before_reading_labels(tmp_path):
    with pytest.raises(OutputError, match="names a directory"):
        train_and_save(tmp_path / "missing.tsv", out=Path("."))


# 6 ---------------------------------------------------------------------------------------


def test_6_modern_tasks_own_y_column_not_replaced_silently(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("task,label,y\nWeld parts.,E0,2\nDraft emails.,E2,2\n")
    with pytest.raises(DataFormatError, match=r"m\.csv, row 2, column 'y': y is '2', but the label E0 is class 0"):
        modern_training_rows(path)
    path.write_text("task,label,y\nWeld parts.,E0,0\nDraft emails.,E2,2\n")  # agreeing: read as before
    assert modern_training_rows(path)["y"].tolist() == [0, 2]


# 7 ---------------------------------------------------------------------------------------


def test_7_output_name_of_multibyte_characters_is_written(tmp_path, capsys):
    src = _tasks(tmp_path)
    out = tmp_path / ("\U0001F600" * 60 + ".csv")  # 244 bytes: a legal name
    code, _, err = cli(capsys, "score", src, "-o", out, "--method", "rubric")
    assert code == 0, err
    assert pd.read_csv(out)["task"].tolist() == ["Weld metal parts."]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in.csv", out.name])
