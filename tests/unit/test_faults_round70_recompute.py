"""Fault round 70, ``recompute``: output directories (``exposure._outdir``).

1. An output directory whose name is legal but too long for the lock file and the
   temporary directory made beside it (more than 240 bytes on a file system of 255-byte
   names: ``.exposure-<name>.lock`` is 15 bytes longer; 81 characters of a script
   written with 3 bytes a character in UTF-8), given to ``exposure recompute --out``,
   ``exposure rollup -o`` or any :func:`exposure._outdir.check_output_dir` /
   ``replace_directory`` writer. Before: accepted by ``check_output_dir``, then
   ``cannot create the lock file .../.exposure-<name>.lock for .../<name>: File name too
   long; is the parent directory writable?`` (the parent was writable), and the folders
   made for the lock file were left (an empty ``runs/``); ``exposure rollup`` read its
   inputs and computed the whole roll-up first (19 s on the shipped task scores, on a
   loaded machine). Now: refused by ``check_output_dir``, before any
   input is read: ``output directory name '...' is 241 bytes long: its lock file and
   temporary directory are made beside it under names 15 bytes longer, and the file
   system of ... allows names of 255 bytes; give the directory a name of at most 240
   bytes``. A name of 240 bytes is written as before.
2. An output file whose name is longer than its file system allows (more than 255
   bytes), checked before any work by :func:`exposure._outdir.check_output_file`
   (``exposure train --out``). Before: accepted; ``exposure train --out new/m...m.npz``
   read the labels and trained the whole model (4 min 18 s on a loaded machine), then
   failed writing it (``File name too long``); in a folder that exists ``check_output_file`` raised a bare ``OSError``
   (``File name too long``, from pathlib). Now:
   refused at once, exit 2: ``output file name 'mmm....npz' is 304 bytes long, and the
   file system of ... allows names of 255 bytes; give the file a name of at most 255
   bytes``. A name of 255 bytes passes the check as before.
"""

from __future__ import annotations

import os

import pytest
from test_faults_cli import cli, one_error_line

from exposure._outdir import OutputPathError, check_output_dir, check_output_file, replace_directory


def _name_max(folder) -> int:
    return os.pathconf(folder, "PC_NAME_MAX")


# 1 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["r", "\u00e9", "\u7814"])  # 1, 2 and 3 bytes in UTF-8
def test_1_long_output_name_refused_by_check(tmp_path, char):
    limit = _name_max(tmp_path) - len(".exposure-.lock")
    width = len(char.encode())
    name = char * (limit // width + 1)
    with pytest.raises(OutputPathError, match=rf"is {len(name.encode())} bytes long: .* at most {limit} bytes"):
        check_output_dir(tmp_path / name)
    assert list(tmp_path.iterdir()) == []
    fits = "r" * limit  # the longest name allowed is written as before
    with replace_directory(tmp_path / fits, owned={"a.csv"}) as tmp:
        (tmp / "a.csv").write_text("a\n1\n")
    assert (tmp_path / fits / "a.csv").read_text() == "a\n1\n"


def test_1_long_output_name_refused_by_recompute(tmp_path, capsys):
    out = tmp_path / "runs" / ("\u7814\u7a76" * 41)  # 82 characters, 246 bytes
    code, _, err = cli(capsys, "recompute", "--out", str(out), "--quiet")
    line = one_error_line(err, command="recompute")
    assert code == 2
    assert "246 bytes long" in line and "at most 240 bytes" in line
    assert "is the parent directory writable" not in line
    assert not (tmp_path / "runs").exists()


def test_1_long_output_name_refused_by_rollup_before_its_input(tmp_path, capsys):
    scores = tmp_path / "scores.csv"
    scores.write_text("task_id,score\n1,0.5\n")  # not task scores: read first, it was named first
    out = tmp_path / "runs" / ("r" * 241)
    code, _, err = cli(capsys, "rollup", str(scores), "-o", str(out))
    line = one_error_line(err, command="rollup")
    assert code == 2
    assert "241 bytes long" in line and "scores.csv" not in line
    assert not (tmp_path / "runs").exists()


# 2 ---------------------------------------------------------------------------------------


def test_2_long_output_file_name_refused_by_check(tmp_path):
    limit = _name_max(tmp_path)
    name = "m" * (limit - 3) + ".npz"  # one byte too many
    with pytest.raises(OutputPathError, match=rf"is {limit + 1} bytes long, .* at most {limit} bytes"):
        check_output_file(tmp_path / "models" / name)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(OutputPathError, match=rf"is {limit + 1} bytes long"):  # a bare OSError from pathlib
        check_output_file(tmp_path / name)
    fits = tmp_path / ("m" * (limit - 4) + ".npz")
    assert check_output_file(fits) == fits


def test_2_long_output_file_name_refused_by_train(tmp_path, capsys):
    out = tmp_path / "models" / ("m" * 300 + ".npz")  # a new folder: nothing looked at the name
    code, _, err = cli(capsys, "train", "--out", str(out))
    line = one_error_line(err, command="train")
    assert code == 2
    assert "304 bytes long" in line and "at most 255 bytes" in line
    assert list(tmp_path.iterdir()) == []
