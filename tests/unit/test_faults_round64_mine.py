"""Fault round 64, faults found while landing the round (each test failed before its fix).

1. :func:`exposure.measures.eloundou.read_task_labels` refused a label file re-saved by
   Excel or LibreOffice, which writes the ``gpt_3_relevant`` flags as ``TRUE`` /
   ``FALSE`` (``expected True or False, got 'TRUE'``), although no report reads that
   column. The flags are now read in any case; other values (``yes``) are still refused
   naming the file, the row and the column.
"""

from __future__ import annotations

import pytest

from exposure.errors import DataFormatError
from exposure.measures.eloundou import read_task_labels


def _labels_file(tmp_path, flag: str):
    text = ("\tO*NET-SOC Code\tTask ID\tTask\tTask Type\tTitle\thuman_exposure_agg\tgpt4_exposure\t"
            "gpt4_exposure_alt_rubric\tgpt_3_relevant\tgpt4_automation\n"
            f"0\t11-1011.00\t8823.0\tDirect budgets.\tCore\tChief Executives\tE2\tE1\tE1\t{flag}\tT2\n"
            "1\t11-1011.00\t8824.0\tMeet boards.\tCore\tChief Executives\tE0\tE0\tE0\tFalse\tT1\n")
    path = tmp_path / "labels.tsv"
    path.write_text(text)
    return path


@pytest.mark.parametrize("flag, value", [("TRUE", True), ("FALSE", False), ("true", True), ("True", True)])
def test_spreadsheet_flags_are_read(tmp_path, flag, value):
    labels = read_task_labels(_labels_file(tmp_path, flag))
    assert labels["gpt_3_relevant"].tolist() == [value, False]
    assert str(labels["gpt_3_relevant"].dtype) == "boolean"


def test_other_flags_are_still_refused(tmp_path):
    with pytest.raises(DataFormatError, match="expected True or False, got 'yes'") as info:
        read_task_labels(_labels_file(tmp_path, "yes"))
    assert (info.value.row, info.value.column) == (2, "gpt_3_relevant")
