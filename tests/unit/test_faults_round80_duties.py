"""Fault round 80 (duties): a duty after a heading or a remark read as a job-posting line.

Faults found (each test below failed before its fix):

1. ``exposure.scoring._features.posting_lines`` (and :func:`posting_line_kind`) read a duty
   written under a heading, or after a remark, as a line of a job posting that names no
   duty, so ``score_tasks`` gave it confidence 0 and a warning: ``Team meetings: take
   minutes and circulate action items.`` (a heading and its value), ``Field-based engineers:
   diagnose faults in boilers and repair them.`` (a place), ``Our suppliers are paid by
   BACS; process the payment runs.`` and ``Our team's dashboards are refreshed daily;
   maintain the SQL behind them.`` (the company's blurb). Now a line with a clause after
   ``:``, ``;`` or a dash that begins with a verb of O*NET's task statements and its object
   (:func:`exposure.scoring._features.duty_clause`) is never such a line; the posting lines
   of the package's three sets (``boilerplate_v1.csv`` to ``_v3``) are caught as before.

The verb list (``data/vocab/task-verbs-v1.txt``) is checked against the real statements.
"""

import collections

import pandas as pd
import pytest

from exposure.scoring._features import (
    STOP_WORDS,
    duty_clause,
    posting_line_kind,
    posting_lines,
    task_verbs,
)

FREETEXT = __import__("pathlib").Path(__file__).resolve().parents[1] / "data" / "scoring" / "freetext"

DUTIES_AFTER_A_HEADING = [
    "Team meetings: take minutes and circulate action items.",
    "Field-based engineers: diagnose faults in boilers and repair them.",
    "Our suppliers are paid by BACS; process the payment runs.",
    "Our team's dashboards are refreshed daily; maintain the SQL behind them.",
    "Month-end close - reconcile the ledger accounts with the bank statements.",
]


@pytest.mark.parametrize("line", DUTIES_AFTER_A_HEADING)
def test_a_duty_after_a_heading_is_no_posting_line(line):
    assert posting_lines([line]).tolist() == [False]
    assert posting_line_kind(line) is None
    assert duty_clause(line)


@pytest.mark.parametrize("line", ["Travel required: 25-50%", "Travel: up to 25%", "Location: Leeds",
                                  "Start date: ASAP", "Rota: alternate weekends", "Contract: 12 months",
                                  "Overtime: paid at time and a half", "Salary: competitive"])
def test_a_heading_and_its_value_is_still_a_posting_line(line):
    assert not duty_clause(line)
    assert posting_lines([line]).tolist() == [True]


@pytest.mark.parametrize("name", ["boilerplate_v1.csv", "boilerplate_v2.csv", "boilerplate_v3.csv"])
def test_the_posting_lines_of_the_package_sets_are_caught_as_before(name):
    # the counts of round 80 before this rule: 197 of 197, 203 of 204, 228 of 256; no duty line flagged
    sets = pd.read_csv(FREETEXT / name, keep_default_na=False)
    duty = (sets["kind"] == "duty").to_numpy()
    flags = posting_lines(sets["text"].astype(str).tolist())
    # round 81 widened the rule (test_faults_round81_posting*.py): 204 of 204 and 255 of 256 now
    caught = {"boilerplate_v1.csv": 197, "boilerplate_v2.csv": 204, "boilerplate_v3.csv": 255}[name]
    assert int((flags & ~duty).sum()) >= caught
    assert not (flags & duty).any()
    # the rule took no posting line of them back
    assert not [t for t, k in zip(sets["text"], duty) if not k and duty_clause(t)]


def test_the_verbs_are_the_first_words_of_the_real_task_statements(mirror):
    from exposure.onet import load_onet

    statements = [t for release in ("29.1", "30.1") for t in load_onet(release, mirror=mirror).tasks["task"]]
    first = collections.Counter(t.split()[0].lower() for t in statements)
    words = {w for w, n in first.items() if n >= 2 and w.isalpha() and w not in STOP_WORDS}
    assert task_verbs() == words
    assert len(words) == 857
