"""Fault round 56: errors of files written through ``atomic_path`` and ``atomic_paths``.

The reports of ``exposure evaluate``, ``exposure outcomes``, ``exposure report
categories``, ``exposure validate`` and the reproduction reports are written into hidden
partial files that replace them at the end. A writer's error there (a full disk, a cell a
format cannot hold) and its warnings named the partial file, ``out/.agreement.csv.p8794-
jgzugcw7.tmp``, which is gone once the run ends; ``exposure compare`` and the roll-up had
been fixed one by one. Now ``atomic_path`` and ``atomic_paths`` name the destination for
every writer (:func:`exposure._io.reported_as`).
"""

from __future__ import annotations

import errno
import logging

import pandas as pd
import pytest

from exposure._io import atomic_path, atomic_paths, shown_path, write_csv
from exposure.errors import DataFormatError, OutputError


def test_output_error_names_the_destination(tmp_path):
    dest = tmp_path / "agreement.csv"
    with pytest.raises(OutputError) as info, atomic_paths([tmp_path / "a.csv", dest]) as (_, tmp):
        raise OutputError("no space left on the device", path=tmp, errno=errno.ENOSPC)
    assert info.value.path == str(dest)
    assert str(info.value) == f"{dest}: cannot write: no space left on the device"
    assert info.value.errno == errno.ENOSPC
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing half-written


def test_format_error_names_the_destination_row_and_column(tmp_path):
    dest = tmp_path / "t.csv"
    with pytest.raises(DataFormatError) as info, atomic_path(dest) as tmp:
        raise DataFormatError(f"cell too long for {tmp}", path=tmp, row=3, column="title")
    assert info.value.path == str(dest) and info.value.row == 3 and info.value.column == "title"
    assert str(tmp_path) in str(info.value) and ".tmp" not in str(info.value)


def test_other_errors_pass_unchanged(tmp_path):
    other = tmp_path / "elsewhere.csv"
    with pytest.raises(OutputError) as info, atomic_paths([tmp_path / "a.csv"]):
        raise OutputError("read-only file system", path=other)
    assert info.value.path == str(other)


def test_writer_warnings_name_the_destination(tmp_path, caplog):
    dest = tmp_path / "t.csv"
    with caplog.at_level(logging.WARNING), atomic_paths([dest]) as (tmp,):
        assert shown_path(tmp) == dest
        write_csv(pd.DataFrame({"title": ["=1+1"]}), tmp)  # a cell a spreadsheet would run
    assert caplog.records and all(".tmp" not in r.getMessage() for r in caplog.records)
    assert any(str(dest) in r.getMessage() for r in caplog.records)
