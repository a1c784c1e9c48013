"""Fault round 18: a directory given where a task file is read.

``read_task_file`` (``exposure evaluate --paraphrases/--modern``, ``exposure score``'s
whole-file read) said ``unsupported input file type '(none)'`` of a directory, which is
no file type at all.
"""

import pytest

from exposure.errors import DataFormatError
from exposure.scoring._files import read_task_file


@pytest.mark.parametrize("name", ["paraphrases", "tasks.csv"])
def test_a_directory_is_named_as_such(tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    with pytest.raises(DataFormatError, match=r"is a directory, not a file: give a CSV, tab-separated or "
                                              r"Parquet file of tasks") as err:
        read_task_file(folder)
    assert "(none)" not in str(err.value)


def test_a_file_is_still_read(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("task\nWeld seams.\n")
    assert read_task_file(path)["task"].tolist() == ["Weld seams."]
