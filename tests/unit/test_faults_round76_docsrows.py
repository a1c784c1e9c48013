"""Fault round 76, documentation rows: what a row of docs/faults_inputs.md says happens now.

The rows of ``docs/faults_inputs.md`` read ``| input | what happens now. Was: ... (round N) |``.
Later rounds reworded messages, and older rows kept quoting the old words as what happens
now. Each row changed here was checked by running its case (the scripts are kept beside the
round's notes); these tests keep the quotes and the library's words together.

1. **A column given twice was quoted in four retired wordings.** Rows of rounds 23 to 75
   said ``column 'beta': soc_scores has the column 'beta' more than once: keep one``,
   ``soc_scores, column 'tot_emp': column 'tot_emp' appears more than once``,
   ``crosswalk: the column 'soc_code' is there more than once`` and ``column 'title':
   occupations has the column 'title' twice: keep one``. Now they quote the one wording of
   round 75 (round 76 for the crosswalks and the figures): ``soc_scores, column 'beta':
   given more than once: keep one``, ``crosswalk, column 'soc_code': given more than once:
   keep one``, ``frame, column 'soc_code': given more than once: keep one``.
2. **Rows named the labels frame after the row.** ``row 2, column 'task_type': labels:
   task_type 'core' is not Core or Supplemental (spelt so) or missing: Core tasks weigh 2,
   others 1``, ``row 3, column 'task_id': labels: task_id is missing: ...``. Now they quote
   the frame first, with the label to write where the library gives it: ``labels, row 2,
   column 'task_type': task_type 'core' is not Core or Supplemental (spelt so) or missing
   (Core tasks weigh 2, others 1): write 'Core' (the choices are case-sensitive)`` (round 76).
3. **The row of round 75 said an exact Fraction is refused** (``min_emp must be a number of
   workers (0 or more) or None, got Fraction 10``). Since round 76 it is read as the number
   it is (``event_study(..., min_emp=Fraction(10))`` is ``min_emp=10``); the row now says
   so, and quotes what is still refused (an int beyond 64 bits).
4. **The model directory and the stratum rows quoted words reworded in round 76**
   (``its name ends with a space: 'minilm '; 'minilm' is a directory``, ``write 'uniform'
   (without the spaces)``). Now: ``its name ends with a space; 'minilm' (without it) is a
   directory: give that path``, ``write 'uniform' (without the spaces around it)``.
5. **Rows of the roll-ups, the figures and the reports named their frame after the row**,
   in the words of rounds before 74: ``row 4, column 'soc_code': soc_scores has soc_code
   '11-1011' twice (rows 1 and 4)``, ``row 2, column 'TOT_EMP': employment frame: TOT_EMP
   must be a whole number of workers ...``, ``row 8, column 'data_value': task_ratings: FT
   percentages must be at least 0, got -5.0``. Now they quote the frame first, as the
   library has said it since round 74 (``soc_scores, row 4, column 'soc_code': soc_code
   '11-1011' is given twice (rows 1 and 4)``).
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest
from _frames import (
    crosswalk,
    employment,
    occupation_scores,
    outcome_exposures,
    outcome_panel,
    soc_scores,
)

from exposure import crosswalks, outcomes
from exposure.errors import DataFormatError, ExposureError
from exposure.measures import compare as cmp
from exposure.reports import categories as cat
from exposure.reports.figures import ranked
from exposure.reports.rubric import rubric_agreement
from exposure.rollup import onet_to_oews, to_soc, working_time
from exposure.scoring._distill import MiniLM

DOC = Path(__file__).resolve().parents[2] / "docs" / "faults_inputs.md"


def _now_parts() -> list[tuple[int, str]]:
    """``(line, text)`` of the "what happens now" part of each row not of round 76."""
    parts = []
    for number, line in enumerate(DOC.read_text(encoding="utf-8").splitlines(), 1):
        cells = re.split(r"(?<!\\)\|", line)
        if not line.startswith("| ") or len(cells) < 4 or "(round 76" in line:
            continue
        was = re.search(r"\b(Was|Before)\b:", cells[2])
        parts.append((number, cells[2][: was.start()] if was else cells[2]))
    return parts


def _stale(patterns) -> list[str]:
    return [f"line {n}: {m.group(0)}" for n, now in _now_parts() for p in patterns for m in re.finditer(p, now)]


def _said(call) -> str:
    with pytest.raises(ExposureError) as info:
        call()
    return str(info.value)


def _twice(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    return pd.concat([frame, frame[[column]]], axis=1)


# 1. a column given twice ------------------------------------------------------------------

def test_1_no_row_quotes_a_retired_wording_of_a_column_given_twice():
    assert not _stale([r"column '[^']*': column '[^']*' appears more than once",
                       r"`column '[^']*': [a-z_ ]+: column '[^']*' appears more than once",
                       r"has the column '[^']*' more than once", r"is there more than once",
                       r"has the column '[^']*' twice: keep one"])


@pytest.mark.parametrize("call, said", [
    (lambda: working_time(_twice(soc_scores().assign(soc_title=["CEOs", "Buyers"], tot_emp=[100.0, 50.0],
                                                     a_mean=[1.0, 2.0]), "soc_title")),
     "soc_scores, column 'soc_title': given more than once: keep one"),
    (lambda: to_soc(occupation_scores(), _twice(crosswalk(), "soc_code"), employment()),
     "onet_to_soc, column 'soc_code': given more than once: keep one"),
    (lambda: crosswalks.onet_to_soc_map(pd.DataFrame({"onetsoc_code": ["11-1011.00"], "soc_code": ["111011"]})),
     "crosswalk, row 1, column 'soc_code': not a SOC code (like 11-1011): '111011': a code saved as a number? "
     "write it as text with its hyphen: '11-1011'"),
    (lambda: ranked(pd.DataFrame([[0.1, "a", "x"]], columns=["beta", "soc_code", "soc_code"]), n=3),
     "frame, column 'soc_code': given more than once: keep one"),
    (lambda: cmp.correlations(_twice(pd.DataFrame({"a": [0.1, 0.2], "b": [0.2, 0.1], "tot_emp": [1.0, 2.0]}), "a"),
                              ["a", "b"]),
     "table, column 'a': given more than once: keep one"),
])
def test_1_the_rows_quote_the_words_of_a_column_given_twice(call, said):
    assert _said(call) == said
    text = DOC.read_text(encoding="utf-8")
    assert f"`{said}`" in text or f"`DataFormatError: {said}`" in text


# 2. the labels frame named first ----------------------------------------------------------

def _labels(**changes) -> pd.DataFrame:
    labels = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "43-9061.00"], "task_id": [1, 2, 3],
                           "task": ["Direct budgets.", "Hire staff.", "Type letters."],
                           "task_type": ["Core", "Core", "Supplemental"], "title": ["CEOs", "CEOs", "Clerks"],
                           "human_exposure_agg": ["E0", "E1", "E2"], "gpt4_exposure": ["E0", "E1", "E2"]})
    return labels.assign(**changes)


def test_2_no_row_names_the_labels_frame_after_the_row():
    assert not _stale([r"`row \d+, column '[^']*': labels[: ]", r"`row \d+, column '[^']*': labels has "])


@pytest.mark.parametrize("labels, said", [
    (_labels(task_type=["Core", "core", "Core"]),
     "labels, row 2, column 'task_type': task_type 'core' is not Core or Supplemental (spelt so) or missing "
     "(Core tasks weigh 2, others 1): write 'Core' (the choices are case-sensitive)"),
    (_labels(onetsoc_code=["11-1011.00", "11-1011.00\xa0", "43-9061.00"]),
     "labels, row 2, column 'onetsoc_code': O*NET-SOC code '11-1011.00\\xa0' has white space around it (an "
     "occupation apart from '11-1011.00'); remove it"),
])
def test_2_the_rows_quote_the_labels_frame_first(labels, said):
    assert _said(lambda: rubric_agreement(labels)) == said
    assert f"`{said}`" in DOC.read_text(encoding="utf-8")


# 3. an exact Fraction is read -------------------------------------------------------------

def test_3_the_row_of_round_75_no_longer_says_a_fraction_is_refused():
    panel = outcome_panel()
    exposures = outcome_exposures(panel)
    pd.testing.assert_frame_equal(outcomes.event_study(panel, exposures, min_emp=Fraction(10)),
                                  outcomes.event_study(panel, exposures, min_emp=10))
    assert not _stale([r"got Fraction 10`", r"got Fraction 2022`"])
    said = _said(lambda: outcomes.event_study(panel, exposures, exclude_major=2**64))
    assert said == "exclude_major must be a SOC major group ('15-0000' or '15') or None, got int 18446744073709551616"
    assert f"`{said}`" in DOC.read_text(encoding="utf-8")


# 4. words reworded in round 76 ------------------------------------------------------------

def test_4_the_model_directory_rows_quote_the_words_of_round_76(tmp_path, monkeypatch):
    (tmp_path / "minilm").mkdir()
    monkeypatch.chdir(tmp_path)
    said = _said(lambda: MiniLM("minilm "))
    assert said == ("model_dir='minilm ': not a directory: its name ends with a space; 'minilm' (without it) is a "
                    "directory: give that path")
    assert f"`{said}`" in DOC.read_text(encoding="utf-8")
    assert not _stale([r"its name ends with a space: 'minilm '; 'minilm' is a directory"])


def test_4_the_stratum_rows_quote_the_words_of_round_76():
    sample = pd.DataFrame({"onetsoc_code": ["43-9061.00"] * 2, "task_id": ["1", "2"], "stratum": ["uniform ", "enriched"],
                           "weight": [10.0, 1.0], "admin": [True, False], "routine_coding": False,
                           "entry_creative": False})
    with pytest.raises(DataFormatError) as info:
        cat.validation_metrics(sample, sample[["admin", "routine_coding", "entry_creative"]], n_boot=5)
    assert str(info.value).endswith(": write 'uniform' (without the spaces around it)")
    assert "`...: write 'uniform' (without the spaces around it)`" in DOC.read_text(encoding="utf-8")
    assert not _stale([r"\(without the spaces\)`"])


# 5. the frames of the roll-ups, figures and reports named first --------------------------

FRAMES = ("soc_scores", "occupation_scores", "task_scores", "task_ratings", "tasks", "onet_to_soc", "soc_structure",
          "employment frame", "occ_level", "sample", "expected", "predicted", "occupations")


def test_5_no_row_names_a_roll_up_frame_after_the_row():
    names = "|".join(FRAMES)
    assert not _stale([rf"`row \d+, column '[^']*': ({names}): ",
                       r"`row \d+, column '[^']*': [a-z_]+ has [a-z_]+ '[^']*' twice \(rows"])


def _cell(frame: pd.DataFrame, row: int, column: str, value) -> pd.DataFrame:
    frame = frame.copy()
    frame[column] = frame[column].astype(object)
    frame.loc[row, column] = value
    return frame


@pytest.mark.parametrize("call, said", [
    (lambda: to_soc(occupation_scores(), crosswalk(), _cell(employment().rename(columns=str.upper), 1, "TOT_EMP", "1.200")),
     "employment frame, row 2, column 'TOT_EMP': TOT_EMP must be a whole number of workers (OEWS counts jobs), got "
     "'1.200' (write 1200 for 1,200 workers: a point is read as the decimal point)"),
    (lambda: to_soc(occupation_scores(), crosswalk(), _cell(employment(), 3, "i_group", "Sector")),
     "employment frame, row 4, column 'i_group': i_group must be one of 'cross-industry', 'cross-industry, ownership', "
     "'sector', '3-digit', '4-digit', '4-digit, ownership', '5-digit', '6-digit', got 'Sector' (write it 'sector', "
     "as OEWS does)"),
    (lambda: onet_to_oews(occupation_scores(onetsoc_code=["11-1011.00", None, "13-1021.00"]), crosswalk(),
                          ["11-1011", "13-1020"]),
     "occupation_scores, row 2, column 'onetsoc_code': missing"),
])
def test_5_the_rows_quote_the_frame_first(call, said):
    assert _said(call) == said
    assert f"`{said}`" in DOC.read_text(encoding="utf-8")
