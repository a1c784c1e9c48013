"""Fault round 56: the file a checked modern-task frame came from, with two frames checked.

:func:`~exposure.reports.agreement.check_modern_tasks` remembered the file of the last
frame it checked in module state, for :func:`~exposure.reports.agreement.modern_report`'s
warning about tasks the model was trained on. A second frame checked in between (two
sets evaluated in one session, or by another thread) replaced it: the first frame's
warning then named no file and counted rows from 1. Now each checked frame carries its
own mark (``DataFrame.attrs``), so either frame's warning names its own file.
"""

from __future__ import annotations

import logging

import pandas as pd

from exposure.reports.agreement import check_modern_tasks, modern_report

SEEN = "Draft replies to routine customer emails."  # a training row of the shipped model


def _checked(tmp_path, name, tasks):
    path = tmp_path / name
    pd.DataFrame({"task": tasks, "label": ["E1"] * len(tasks), "exposed": [True] * len(tasks)}).to_csv(path, index=False)
    return check_modern_tasks(pd.read_csv(path), path=path, row_offset=2)


def test_each_checked_frame_names_its_own_file(tmp_path, caplog):
    first = _checked(tmp_path, "first.csv", ["Summarise a meeting transcript into minutes.", SEEN])
    _checked(tmp_path, "second.csv", ["Write alt text for product photos.", SEEN])  # checked in between
    with caplog.at_level(logging.WARNING, logger="exposure.reports.agreement"):
        modern_report(first)
    said = [r.getMessage() for r in caplog.records if "trained on" in r.getMessage() or "among" in r.getMessage()]
    assert said and str(tmp_path / "first.csv") in said[0] and "row 3" in said[0], said


def test_an_edited_frame_is_not_named_by_its_file(tmp_path, caplog):
    first = _checked(tmp_path, "first.csv", ["Summarise a meeting transcript into minutes.", SEEN])
    edited = first.copy()
    with caplog.at_level(logging.WARNING, logger="exposure.reports.agreement"):
        modern_report(edited)
    said = [r.getMessage() for r in caplog.records if "among" in r.getMessage()]
    assert said and "first.csv" not in said[0], said
