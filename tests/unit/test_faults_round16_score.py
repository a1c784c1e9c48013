"""Fault round 16: inputs of ``exposure score`` and of the free-text category layer."""

import pandas as pd
import pytest

from exposure._tables import check_delimited_file
from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.scoring._files import iter_task_batches


@pytest.mark.parametrize("lead", ["\n", "\n\n", "\r\n", "\r\n\r\n"])
@pytest.mark.parametrize("batch_rows", ["0", "1", "10000"])
def test_score_refuses_an_empty_first_line_whole_and_in_batches(tmp_path, capsys, lead, batch_rows):
    """In batches (the default), the empty first line was skipped; read whole, refused."""
    src = tmp_path / "lead.csv"
    src.write_bytes((lead + "task,title\nWeld steel beams.,Welder\n").encode())
    rc = main(["score", str(src), "-o", str(tmp_path / "out.csv"), "--batch-rows", batch_rows])
    err = capsys.readouterr().err
    assert rc == 2
    assert "lead.csv, row 1: empty line (remove it: only the empty lines ending the file are ignored); " \
           "the header must be the first line" in err
    assert not (tmp_path / "out.csv").exists()


def test_batched_reader_and_checker_name_the_empty_first_line(tmp_path):
    src = tmp_path / "lead.tsv"
    src.write_text("\ntask\nWeld.\n")
    for call in (check_delimited_file, lambda p: list(iter_task_batches(p, 1))):
        with pytest.raises(DataFormatError, match=r"row 1: empty line .*the header must be the first line"):
            call(src)


def test_empty_lines_ending_the_file_are_still_ignored_in_batches(tmp_path):
    src = tmp_path / "tail.csv"
    src.write_text("task,title\nWeld.,Welder\n\n\n")
    batches = list(iter_task_batches(src, 1))
    assert pd.concat(batches)["task"].tolist() == ["Weld."]
