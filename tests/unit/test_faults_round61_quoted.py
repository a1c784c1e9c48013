"""Round 61 (quoted header): a tab-separated task file whose every cell is quoted.

A ``.tsv`` or ``.txt`` file keeps double quotes as text (O*NET's files hold quotes inside
their cells), so a file saved with every cell quoted has the columns ``'"task"'`` and
``'"title"'``. Before, ``exposure score`` said only ``missing text column 'task' (columns:
['"task"', '"title"'])``, and ``score_tasks`` on a frame read with
``quoting=csv.QUOTE_NONE`` the same. Now the message says that the name has quotes around
it and what to do (save it as .csv or without the quotes; rename the frame's column).
"""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure.errors import DataFormatError
from exposure.scoring import score_tasks

QUOTED = '"task"\t"title"\n"Answer telephones."\t"Receptionists"\n'


@pytest.mark.parametrize("suffix", [".tsv", ".txt"])
def test_score_names_the_quoted_header(tmp_path, capsys, suffix):
    src = tmp_path / f"tasks{suffix}"
    src.write_text(QUOTED, encoding="utf-8")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", "--onet", "none")
    assert code == 2
    line = one_error_line(err, command="score")
    assert f"tasks{suffix}, column 'task': missing text column 'task'" in line, line
    assert "'\"task\"' has double quotes around its name" in line and "save it as .csv" in line, line
    assert not (tmp_path / "out.csv").exists()


def test_score_tasks_names_the_quoted_column(tmp_path):
    src = tmp_path / "tasks.tsv"
    src.write_text(QUOTED, encoding="utf-8")
    frame = pd.read_csv(src, sep="\t", quoting=csv.QUOTE_NONE)
    with pytest.raises(DataFormatError, match=r"the frame has '\"task\"', with double quotes around the name"):
        score_tasks(frame)


def test_a_csv_file_with_every_cell_quoted_is_read(tmp_path, capsys):
    src = tmp_path / "tasks.csv"
    src.write_text(QUOTED.replace("\t", ","), encoding="utf-8")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", "--onet", "none")
    assert code == 0, err
    assert pd.read_csv(tmp_path / "out.csv")["task"].tolist() == ["Answer telephones."]
