"""Fault round 73: ``exposure.measures.ilo.to_isco`` (SOC 2018 scores on ISCO-08) and the frames of two measures.

1. ``to_isco`` named its argument ``scores`` in the errors of the shared crosswalk
   (``apply_links``), while its own errors name it ``soc_scores``: a ``tot_emp`` of
   ``'x'`` was ``scores, row 1, column 'tot_emp': not a number: 'x'`` and a ``soc_code``
   given twice ``scores, row 2, column 'soc_code': code '15-1252' appears more than once
   (rows 1 and 2)``. Now every error names ``soc_scores`` (``soc_scores, row 1, column
   'tot_emp': not a number: 'x'``).
2. ``to_isco`` refused a ``tot_emp`` written as OEWS writes it: ``"1,000"`` (grouped
   thousands) was ``scores, row 1, column 'tot_emp': not a number: '1,000'`` and BLS's
   ``**`` (employment not released) ``not a number: '**'``, though the roll-ups and
   ``compare`` read them. Now they are read by the shared reader
   (``_common.oews_cells``): ``"1,000"`` is 1000 workers, ``**`` is missing.
3. A missing ``tot_emp`` (``None``, ``**``) added nothing to the ``tot_emp`` of the
   ISCO-08 groups its code is linked to, without a word (``2512`` got 25 workers of its
   two codes, one of them without a count). Now one warning names the code, its row and
   the groups: ``to_isco: tot_emp is missing for 1 of the 2 SOC codes ('15-1252' on row
   1): the tot_emp of ISCO-08 group(s) '2512' leaves out their workers``.
4. A negative ``tot_emp`` (``-1``) was split as workers: the group ``2512`` got 24.0
   workers of its 25. Now it is refused: ``soc_scores, row 1, column 'tot_emp': tot_emp
   must be at least 0.0; got -1.0``.
5. ``to_isco`` of scores without rows returned an empty table of ISCO-08 groups, without
   a word. Now ``soc_scores have no rows: give one row per SOC code``, as the roll-ups
   refuse such scores.
6. A task given twice in the frames of Anthropic's and Eloundou's measures was worded
   with the frame after the row: ``row 3, column 'task_name': usage has task_name 'a'
   twice (rows 1 and 3): give each task once`` (``anthropic_to_soc``) and ``row 2, column
   'task_id': labels has task key (11-1011.00, 8823) twice (rows 1 and 2)``
   (``check_task_labels``). Now the frame is named first, as the roll-ups'
   ``require_frame`` names a key given twice: ``usage, row 3, column 'task_name':
   task_name 'a' is given twice (rows 1 and 3): give each task once`` and ``labels, row 2,
   column 'task_id': task key (11-1011.00, 8823) is given twice (rows 1 and 2)``.
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.measures import anthropic, eloundou, ilo

LINKS = pd.DataFrame({"source_code": ["15-1252", "15-1253", "15-1253"],
                      "target_code": ["2512", "2512", "2519"], "crosswalk_weight": [1.0, 0.5, 0.5]})
SOC = pd.DataFrame({"soc_code": ["15-1252", "15-1253"], "beta": [0.6, 0.4], "tot_emp": [1000.0, 50.0]})


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and "to_isco" in r.getMessage()]


# ---------------------------------------------------------------------------------------
# 1. to_isco names soc_scores
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("frame, message", [
    (SOC.assign(tot_emp=["x", 50.0]), r"^soc_scores, row 1, column 'tot_emp': not a number: 'x'$"),
    (SOC.assign(soc_code=["15-1252", "15-1252"]),
     r"^soc_scores, row 2, column 'soc_code': code '15-1252' appears more than once \(rows 1 and 2\)$"),
    (SOC.assign(beta=["x", 0.4]), r"^soc_scores, row 1, column 'beta': not a number: 'x'$"),
])
def test_to_isco_names_soc_scores_in_every_error(frame, message):
    with pytest.raises(DataFormatError, match=message):
        ilo.to_isco(frame, links=LINKS, values=["beta"])


# ---------------------------------------------------------------------------------------
# 2. tot_emp as OEWS writes it
# ---------------------------------------------------------------------------------------

def test_to_isco_reads_tot_emp_with_grouped_thousands():
    out = ilo.to_isco(SOC.assign(tot_emp=["1,000", "50"]), links=LINKS)
    assert out.equals(ilo.to_isco(SOC, links=LINKS))
    assert out["tot_emp"].tolist() == [1025.0, 25.0]


def test_to_isco_reads_bls_not_released_as_missing(caplog):
    with caplog.at_level(logging.WARNING, logger="exposure"):
        out = ilo.to_isco(SOC.assign(tot_emp=["1,000", "**"]), links=LINKS)
    assert out["tot_emp"].tolist()[0] == 1000.0 and pd.isna(out["tot_emp"].iloc[1])
    assert out["beta"].tolist() == ilo.to_isco(SOC, links=LINKS)["beta"].tolist()


def test_to_isco_still_refuses_a_decimal_comma():
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 2, column 'tot_emp': not a number: '0,5': a decimal comma\? write decimals with a "
                       r"point: '0\.5'$"):
        ilo.to_isco(SOC.assign(tot_emp=["1,000", "0,5"]), links=LINKS)


# ---------------------------------------------------------------------------------------
# 3. a missing tot_emp is said
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("missing", [None, "**"])
def test_to_isco_warns_of_a_missing_tot_emp(caplog, missing):
    with caplog.at_level(logging.WARNING, logger="exposure"):
        out = ilo.to_isco(SOC.assign(tot_emp=pd.Series([missing, 50.0], dtype=object)), links=LINKS)
    assert out["tot_emp"].tolist() == [25.0, 25.0]
    assert _warnings(caplog) == ["to_isco: tot_emp is missing for 1 of the 2 SOC codes ('15-1252' on row 1): the "
                                 "tot_emp of ISCO-08 group(s) '2512' leaves out their workers"]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="exposure"):  # every tot_emp given: nothing to say
        ilo.to_isco(SOC, links=LINKS)
    assert _warnings(caplog) == []


# ---------------------------------------------------------------------------------------
# 4. a negative tot_emp
# ---------------------------------------------------------------------------------------

def test_to_isco_refuses_a_negative_tot_emp():
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 1, column 'tot_emp': tot_emp must be at least 0\.0; "
                                              r"got -1\.0$"):
        ilo.to_isco(SOC.assign(tot_emp=[-1.0, 50.0]), links=LINKS)


# ---------------------------------------------------------------------------------------
# 5. scores without rows
# ---------------------------------------------------------------------------------------

def test_to_isco_refuses_scores_without_rows():
    with pytest.raises(DataFormatError, match=r"^soc_scores have no rows: give one row per SOC code$"):
        ilo.to_isco(SOC.iloc[:0], links=LINKS)


# ---------------------------------------------------------------------------------------
# 6. a task given twice: the frame named first
# ---------------------------------------------------------------------------------------

ONET = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1021.00"], "task_id": ["1", "2"],
                     "task": ["Direct budgets.", "Hire staff."]})
USAGE = pd.DataFrame({"task_name": ["direct budgets.", "hire staff."], "usage_share": [0.1, 0.4]})


def test_anthropic_to_soc_names_the_frame_of_a_task_given_twice():
    matches = anthropic.match_tasks(USAGE["task_name"], ONET)
    twice = pd.concat([USAGE, USAGE.iloc[[0]]], ignore_index=True)
    with pytest.raises(DataFormatError, match=r"^usage, row 3, column 'task_name': task_name 'direct budgets\.' is "
                                              r"given twice \(rows 1 and 3\): give each task once$"):
        anthropic.anthropic_to_soc(twice, None, matches)


@pytest.mark.parametrize("name", ["labels", "labelled"])
def test_check_task_labels_names_the_frame_of_a_task_given_twice(name):
    labels = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [8823, 8823],
                           "human_exposure_agg": ["E1", "E0"]})
    with pytest.raises(DataFormatError, match=rf"^{name}, row 2, column 'task_id': task key \(11-1011\.00, 8823\) is "
                                              r"given twice \(rows 1 and 2\)$"):
        eloundou.check_task_labels(labels, ["human_exposure_agg"], name=name)
