"""Faults of round 78 (catquiet): the category shares' and the reproduction report's log filters; label cells.

1. ``category_shares(tasks)`` (:mod:`exposure.reports.categories`) kept
   ``explain_categories``' repeated-index warning from the caller by adding a thread-local
   filter (``_Unsaid``) to the tagger's logger ``exposure.scoring.categories`` for the
   length of the call: a filter on a logger the report does not own, seen by every record
   of the tagger meanwhile. Now it calls the tagger's quiet path,
   ``exposure.scoring.categories._explain_categories`` (``explain_categories`` without
   that warning, as ``_tag_categories`` is to ``tag_categories``): no filter, no warning,
   the same shares; ``explain_categories`` itself still warns (``explain_categories: the
   frame's index repeats labels ...``), and ``category_shares``' other warnings stay.
2. ``write_reproduction_reports`` dropped the roll-up's note of a national table (``the
   employment has no sector or 3-digit industry rows ...``) with a thread-local filter on
   the roll-up's logger ``exposure.rollup._run`` (``_LogRewrite(drop=...)``), matching
   the note's words. Now the roll-up is run within
   :func:`exposure.rollup._run.no_industry_said`, the roll-up's own switch for that note
   (as ``exposure rollup --oews-release`` uses it): the logger carries no filter during the
   roll-up, and the note is still not given.
3. A label cell of a hand-checked file, ``sample.csv`` or ``labels_annotator_*.csv``
   written ``1.0`` / ``0.0`` (pandas writes a column of floats so, e.g. one that held a
   gap) was refused: ``h.csv, row 2, column 'admin': expected True or False (or 1 / 0), got
   '1.0'``. Now read as True / False, as ``1`` / ``0`` are (a task ID ``9.0`` is task 9).
4. A label cell with spaces around it (a hand-written ``True, False``) was refused as
   ``h.csv, row 2, column 'routine_coding': expected True or False (or 1 / 0), got '
   False'``, without saying what is wrong with a label that reads False. Now: ``...,
   got ' False': spaces around the label: write 'False'`` (the words of the codes' check,
   ``spaces around the code: write '43-6014.00'``).
5. A hand-checked file (or ``sample.csv``, ``labels_annotator_*.csv``) with both ``admin``
   and ``Admin`` (or ``task_id`` and ``Task ID``) was read from the column so named, the
   other not at all, whatever it said (``admin`` False, ``Admin`` True: the report used
   False without a word). Now refused, as the modern tasks of ``exposure evaluate`` refuse
   it: ``h.csv, row 1, column 'Admin': column 'Admin' is read as 'admin' only when named so:
   there is a column 'admin' too: keep one of them``.
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.reports.categories import category_shares, read_hand_checked, read_validation_sample
from exposure.reports.reproduction import write_reproduction_reports
from exposure.scoring.categories import explain_categories

HEAD = "onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\n"
REPEATS = "the frame's index repeats labels"


class _FiltersSeen(logging.Handler):
    """Notes the filters of ``watched`` at each record it is given (the real logger, no mock)."""

    def __init__(self, watched: logging.Logger) -> None:
        super().__init__(logging.DEBUG)
        self.watched, self.seen = watched, []

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append((record.getMessage(), list(self.watched.filters)))


def _watch(name: str):
    log = logging.getLogger(name)
    handler = _FiltersSeen(log)
    log.addHandler(handler)
    level = log.level
    log.setLevel(logging.DEBUG)
    return log, handler, level


def _unwatch(log, handler, level) -> None:
    log.removeHandler(handler)
    log.setLevel(level)


# 1. category_shares: the tagger's quiet path, no filter on its logger --------------------------

def test_1_category_shares_puts_no_filter_on_the_taggers_logger():
    frame = pd.DataFrame({"task": ["File records.", "Weld pipes.", "Type letters."]}, index=[1, 1, 2])
    watched = _watch("exposure.scoring.categories")
    try:
        got = category_shares(frame)
    finally:
        _unwatch(*watched)
    seen = watched[1].seen
    assert seen, "the tagger logs its debug line while the shares are computed"
    assert [filters for _, filters in seen] == [[]] * len(seen)  # before: [_Unsaid] during the call
    assert not any(REPEATS in message for message, _ in seen)  # the warning is not made at all
    assert got.loc[got["category"] == "admin", "n_tagged"].item() == 2


def test_1_the_quiet_path_tags_as_explain_categories_without_its_warning(caplog):
    from exposure.scoring.categories import _explain_categories  # before: no such path

    frame = pd.DataFrame({"task": ["File records.", "Weld pipes."], "title": ["File Clerk", "Welder"]},
                         index=[5, 5])
    with caplog.at_level(logging.WARNING, logger="exposure"):
        quiet = _explain_categories(frame)
    assert [r.getMessage() for r in caplog.records] == []
    with caplog.at_level(logging.WARNING, logger="exposure"):
        loud = explain_categories(frame)
    assert [r.getMessage().split(":")[0] for r in caplog.records] == ["explain_categories"]
    pd.testing.assert_frame_equal(quiet, loud)


# 2. the reproduction report: the roll-up's own switch, no filter on its logger ------------------

def test_2_reproduction_report_puts_no_filter_on_the_rollups_logger(shared_data, tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    watched = _watch("exposure.rollup._run")
    try:
        write_reproduction_reports(tmp_path / "out", mirror=shared_data, n_draws=2)
    finally:
        _unwatch(*watched)
    seen = watched[1].seen
    assert any(message.startswith("rollup: ") for message, _ in seen)  # the roll-up ran and logged
    assert [filters for _, filters in seen] == [[]] * len(seen)  # before: [_LogRewrite] during the roll-up
    assert not [r for r in caplog.records if "no sector or 3-digit industry rows" in r.getMessage()]


# 3. labels written 1.0 / 0.0 ---------------------------------------------------------------------

def test_3_hand_checked_labels_written_as_floats_are_read(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text(HEAD + "43-6014.00,9,random,1.0,0.0,0.0,filing\n43-9061.00,1,random,0.0,0.0,1.0,x\n",
                    encoding="utf-8")
    out = read_hand_checked(path)
    assert out["admin"].tolist() == [True, False]
    assert out["entry_creative"].tolist() == [False, True]
    assert out["routine_coding"].dtype == bool
    path.write_text(HEAD + "43-6014.00,9,random,2.0,False,False,filing\n", encoding="utf-8")  # still refused
    with pytest.raises(DataFormatError) as info:
        read_hand_checked(path)
    assert str(info.value) == f"{path}, row 2, column 'admin': expected True or False (or 1 / 0), got '2.0'"


def _validation_dir(tmp_path, a_admin: str = "True", b_admin: str = "True"):
    d = tmp_path / "v"
    d.mkdir()
    (d / "sample.csv").write_text(
        "onetsoc_code,task_id,stratum,enriched_population,inclusion_prob,weight,double\n"
        "43-9061.00,1,uniform,1.0,0.5,2.0,1.0\n11-1011.00,2,uniform,0.0,0.25,4.0,0.0\n", encoding="utf-8")
    head = "onetsoc_code,task_id,admin,routine_coding,entry_creative,note\n"
    (d / "labels_annotator_a.csv").write_text(
        head + f"43-9061.00,1,{a_admin},False,False,filing\n11-1011.00,2,0.0,0.0,0.0,x\n", encoding="utf-8")
    (d / "labels_annotator_b.csv").write_text(head + f"43-9061.00,1,{b_admin},0.0,0.0,x\n", encoding="utf-8")
    return d


def test_3_validation_sample_flags_written_as_floats_are_read(tmp_path):
    out = read_validation_sample(_validation_dir(tmp_path, "1.0", "1.0"))
    assert out["double"].tolist() == [True, False]
    assert out["enriched_population"].tolist() == [True, False]
    assert out["admin"].tolist() == [True, False]
    assert out["admin_b"].tolist() == [True, pd.NA]


# 4. labels with spaces around them ----------------------------------------------------------------

def test_4_hand_checked_label_with_spaces_says_so(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text(HEAD + "43-6014.00,9,random,True, False,False,filing\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_hand_checked(path)
    assert str(info.value) == (f"{path}, row 2, column 'routine_coding': expected True or False (or 1 / 0), got "
                               "' False': spaces around the label: write 'False'")


def test_4_annotator_label_with_spaces_says_so(tmp_path):
    d = _validation_dir(tmp_path, b_admin="TRUE ")
    with pytest.raises(DataFormatError) as info:
        read_validation_sample(d)
    assert str(info.value) == (f"{d / 'labels_annotator_b.csv'}, row 2, column 'admin': expected True or False "
                               "(or 1 / 0), got 'TRUE ': spaces around the label: write 'TRUE'")


# 5. a column twice, once in another case ----------------------------------------------------------

def test_5_hand_checked_column_also_in_another_case_is_refused(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("onetsoc_code,task_id,stratum,admin,Admin,routine_coding,entry_creative,note\n"
                    "43-6014.00,9,random,False,True,False,False,filing\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_hand_checked(path)
    assert str(info.value) == (f"{path}, row 1, column 'Admin': column 'Admin' is read as 'admin' only when "
                               "named so: there is a column 'admin' too: keep one of them")


def test_5_annotator_file_with_task_id_twice_is_refused(tmp_path):
    d = _validation_dir(tmp_path)
    path = d / "labels_annotator_a.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([text[0] + ",Task ID", *(line + ",7" for line in text[1:])]) + "\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_validation_sample(d)
    assert str(info.value) == (f"{path}, row 1, column 'Task ID': column 'Task ID' is read as 'task_id' only "
                               "when named so: there is a column 'task_id' too: keep one of them")
