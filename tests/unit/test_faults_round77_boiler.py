"""Faults of round 77 (boiler): lines of a job posting that are no duties, scored as tasks.

1. ``score_tasks`` (method ``learned``, the default) scored the lines of a job posting that
   name no duty as work tasks, with no warning and a confidence that looked like any
   task's: ``Competitive salary and benefits.`` 0.56 (E2), ``Must be able to lift 50
   pounds.`` 0.56, ``Health, dental and vision insurance.`` 0.50, ``Software Engineer II``
   0.49 (E2), ``We are an equal opportunity employer.`` 0.43, ``The quick brown fox jumps
   over the lazy dog.`` 0.40; of the 197 non-duty lines of ``boilerplate_v1.csv``, 59 got a
   confidence below 0.3 and 6 were warned of (for other reasons: an address, another
   language). Now a line of pay, benefits, an equal-opportunity or legal statement, the
   company's blurb, a requirement or qualification, the schedule or place, a job title with
   its level, how to apply (or the placeholder pangram) does not read as a work task
   (:func:`exposure.scoring._features.posting_lines`, patterns in
   ``POSTING_PATTERNS``): confidence 0 and the warning ``6 of 6 texts do not read as work
   tasks (no O*NET task is similar, too few words to name one, more than 200 words (split a
   job posting into its duties), another language than English, an address, an occupation
   title or a line of a job posting that is no duty (pay, benefits, requirements, the
   company, schedule, job title, how to apply): e.g. row 1, 'Competitive salary and
   benefits.'); their scores have low confidence``. Their scores (``p_e0`` ... ``gamma``,
   ``label``) are as before. Measured on the fixture (rules written on its ``dev`` half):
   recall 101/102 (dev) and 90/95 (test), no duty line flagged (0/85 and 0/85); none of
   O*NET 29.1's or 30.1's 18,796 statements, its 2,087 work activities, the published
   labels' 14,421 tasks or the package's modern tasks and paraphrases is flagged.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
import pytest

from exposure.scoring import score_tasks

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "scoring" / "freetext" / "boilerplate_v1.csv"
#: The test half's recall measured when the rules were written (90/95), less a margin.
TEST_RECALL_FLOOR = 0.92


def _lines(split: str, duty: bool) -> list[str]:
    frame = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)
    rows = (frame["split"] == split) & ((frame["kind"] == "duty") == duty)
    return frame.loc[rows, "text"].tolist()


def test_test_half_non_duty_lines_are_flagged():
    from exposure.scoring._features import posting_lines

    frame = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)
    assert list(frame.columns) == ["text", "kind", "split"] and frame["text"].is_unique
    assert (frame["kind"] != "duty").sum() >= 150 and (frame["kind"] == "duty").sum() >= 150
    lines = _lines("test", duty=False)
    flagged = posting_lines(lines)
    assert flagged.mean() >= TEST_RECALL_FLOOR, [t for t, f in zip(lines, flagged) if not f]


@pytest.mark.parametrize("split", ["dev", "test"])
def test_duty_lines_are_never_flagged(split):
    from exposure.scoring._features import posting_lines

    lines = _lines(split, duty=True)
    flagged = posting_lines(lines)
    assert not flagged.any(), [t for t, f in zip(lines, flagged) if f]


@pytest.mark.parametrize(("text", "kind"), [
    ("Competitive salary and benefits.", "pay"),
    ("- 401(k) with 4% company match", "benefits"),
    ("We are an equal opportunity employer.", "equal opportunity or legal"),
    ("Our mission is to make healthcare affordable for everyone.", "company"),
    ("Must be able to lift 50 pounds.", "requirement"),
    ("3+ years of experience in Python.", "requirement"),
    ("<li>Proficiency in Excel.</li>", "requirement"),
    ("Full-time, remote", "schedule or location"),
    ("Software Engineer II", "job title"),
    ("Senior Data Analyst", "job title"),
    ("Please send your resume to our hiring team.", "how to apply"),
    ("Ensure all orders ship on time.", None),
    ("Lead a team of five warehouse associates.", None),
    ("Perform teller duties as required.", None),
    ("The successful candidate will keep the servers patched.", None),
])
def test_kind_of_a_line(text, kind):
    from exposure.scoring._features import posting_line_kind

    assert posting_line_kind(text) == kind


def test_onet_statements_are_never_flagged(mirror):
    from exposure.scoring._features import posting_lines

    tasks = pd.read_csv(mirror / "onet" / "29.1" / "Task Statements.txt", sep="\t", dtype=str)["Task"].tolist()
    dwas = pd.read_csv(mirror / "onet" / "29.1" / "DWA Reference.txt", sep="\t", dtype=str)["DWA Title"].tolist()
    assert len(tasks) == 18796 and len(dwas) == 2087
    flagged = posting_lines(tasks + dwas)
    assert not flagged.any(), [t for t, f in zip(tasks + dwas, flagged) if f][:5]


def _said(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "do not read as work tasks" in r.getMessage()]


def test_score_tasks_warns_and_gives_low_confidence(caplog):
    lines = ["Competitive salary and benefits.", "Must be able to lift 50 pounds.",
             "Health, dental and vision insurance.", "Software Engineer II",
             "We are an equal opportunity employer.", "The quick brown fox jumps over the lazy dog."]
    with caplog.at_level(logging.WARNING, logger="exposure"):
        out = score_tasks(pd.DataFrame({"task": ["Answer telephones and relay messages."] + lines}))
    assert (out["confidence"].iloc[1:] < 0.3).all(), out["confidence"].tolist()
    assert out["confidence"].iloc[0] > 0.3
    assert _said(caplog) == [
        "6 of 7 texts do not read as work tasks (no O*NET task is similar, too few words to name one, "
        "more than 200 words (split a job posting into its duties), another language than English, "
        "an address, an occupation title or a line of a job posting that is no duty (pay, benefits, "
        "requirements, the company, schedule, job title, how to apply): e.g. row 2, "
        "'Competitive salary and benefits.'); their scores have low confidence"]


def test_scores_of_duties_do_not_change_with_boilerplate_beside(caplog):
    duties = _lines("test", duty=True)[:20]
    alone = score_tasks(pd.DataFrame({"task": duties}))
    mixed = score_tasks(pd.DataFrame({"task": duties + _lines("test", duty=False)[:20]}))
    assert alone.equals(mixed.iloc[:20])
    assert (mixed["confidence"].iloc[20:] == 0).sum() >= 17  # 18 of these 20 lines are flagged
