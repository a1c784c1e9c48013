"""Fault round 28: the task-category tagger's inputs (``exposure.scoring.categories``).

Faults found and fixed:

1. The computer words of free text (``CONTEXT_TEXT["computer"]``) listed ``C#`` and
   ``.NET`` inside ``\\b(...)\\b``: a ``\\b`` after ``#`` or before ``.`` needs a word
   character beside it, so "modules to C#", "C# code" and " .NET" never counted (only
   "C#x" or "ASP.NET" did), and ``example.net`` (a domain) did. "Port legacy VB6 reporting
   modules to C#" (modern_tasks_v10, labelled routine coding) was tagged nothing. Now C#
   counts unless a word character, "major" or "minor" follows (a chord, a key), and .NET
   with a capital N after anything. No O*NET 29.1 task changes its tags.
2. With ``onet``, a well-formed O*NET-SOC code that the release lacks (an older
   release's code such as ``15-1132.00``) was read without a word: no work activities,
   no job zone, the context from the code's prefix alone (``15-11`` is not the computer
   context of SOC 2018). Now a one-line warning names the count, the first row and code.
3. With ``onet``, a frame with ``onetsoc_code`` but no ``task_id`` column got no work
   activities without a word (``tag_categories``, ``score_tasks``). Now one warning line.
4. With ``onet``, a row with a code but a missing or blank ``task_id`` (a frame mixing
   O*NET tasks and new ones) got no work activities without a word. Now one warning line
   with the count and the first row.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pandas as pd
import pytest

from exposure.scoring import score_tasks
from exposure.scoring._rules import RuleSet, search
from exposure.scoring.categories import CONTEXT_TEXT, explain_categories, tag_categories

COMPUTER = CONTEXT_TEXT["computer"]


def _onet(release="29.1"):
    """A made-up release: task 1 of 43-4171.00 is linked to a mapped admin IWA."""
    return SimpleNamespace(
        release=release,
        task_dwas=pd.DataFrame({"onetsoc_code": ["43-4171.00"], "task_id": [1],
                                "dwa_id": ["4.A.2.b.5.I01.D01"]}),
        dwas=pd.DataFrame({"dwa_id": ["4.A.2.b.5.I01.D01"], "iwa_id": ["4.A.2.b.5.I01"]}),
        occupations=pd.DataFrame({"onetsoc_code": ["43-4171.00", "15-1252.00"],
                                  "title": ["Receptionists and Information Clerks",
                                            "Software Developers"],
                                  "job_zone": [2, 4]}),
        job_zones=pd.DataFrame({"onetsoc_code": ["43-4171.00", "15-1252.00"],
                                "job_zone": [2, 4]}),
        tasks=pd.DataFrame({"onetsoc_code": ["43-4171.00"], "task_id": [1],
                            "task": ["Reserve rooms."]}),
    )


# --- 1. C# and .NET -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Port legacy VB6 reporting modules to C#",
    "Write C# code for the stock app.",
    "Fix C#/.NET bugs",
    "Upgrade the .NET app",
    "Update the .Net Core services",
    "Build ASP.NET pages",
    "Upgrade to C# 12",
    "Move C# methods to a new class",
])
def test_csharp_and_dotnet_are_computer_words(text):
    assert search(COMPUTER, text)
    assert RuleSet([COMPUTER]).hit_matrix(RuleSet([COMPUTER]).match([text])[2])[0, 0]  # RE2


@pytest.mark.parametrize("text", [
    "Transpose the hymn to C# minor for the choir",
    "Play the C#m chord",
    "Send the files to info@example.net",
    "Rewrite the modules in dot net",
])
def test_music_keys_domains_and_dot_net_are_not(text):
    assert not search(COMPUTER, text)
    assert not RuleSet([COMPUTER]).hit_matrix(RuleSet([COMPUTER]).match([text])[2])[0, 0]


def test_porting_to_csharp_or_dotnet_is_routine_coding():
    texts = ["Port legacy VB6 reporting modules to C#",
             "Convert legacy VB6 modules to C# and fix compile errors",
             "Port legacy VB6 reporting modules to .NET"]
    out = tag_categories(pd.DataFrame({"task": texts}))
    assert out["routine_coding"].tolist() == [True, True, True]
    explained = explain_categories(pd.DataFrame({"task": texts}))
    assert explained["routine_coding"].tolist() == [True, True, True]


# --- 2. a code the release lacks ------------------------------------------------------

def test_code_the_release_lacks_is_warned_with_row_and_code(caplog):
    frame = pd.DataFrame({"onetsoc_code": ["43-4171.00", "15-1132.00", "15-1132.00"],
                          "task_id": [1, 2, 3],
                          "task": ["Reserve rooms.", "Write code.", "Debug code."]})
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.categories"):
        tag_categories(frame, onet=_onet())
    msgs = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(msgs) == 1
    assert "2 row(s)" in msgs[0] and "O*NET 29.1 lacks" in msgs[0]
    assert "row 2, column 'onetsoc_code': '15-1132.00'" in msgs[0]


def test_score_tasks_names_file_and_line_of_a_code_the_release_lacks(caplog):
    frame = pd.DataFrame({"onetsoc_code": ["43-4171.00", "15-1132.00"], "task_id": [1, 2],
                          "task": ["Reserve rooms.", "Write code."]})
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.categories"):
        score_tasks(frame, "rubric", onet=_onet(), path="t.csv", row_offset=2)
    msgs = [r.getMessage() for r in caplog.records
            if r.name == "exposure.scoring.categories" and r.levelno == logging.WARNING]
    assert len(msgs) == 1
    assert msgs[0].startswith("t.csv: 1 row(s)")
    assert "row 3, column 'onetsoc_code': '15-1132.00'" in msgs[0]


def test_known_codes_and_free_text_are_not_warned(caplog):
    frame = pd.DataFrame({"onetsoc_code": ["43-4171.00", None, " "], "task_id": [1, None, None],
                          "task": ["Reserve rooms.", "Write code.", "Debug code."]})
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.categories"):
        out = tag_categories(frame, onet=_onet())
        tag_categories(frame)  # without onet nothing is looked up
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert out["admin"].tolist()[0]


# --- 3. no task_id column -------------------------------------------------------------

def test_codes_without_task_ids_are_warned(caplog):
    frame = pd.DataFrame({"onetsoc_code": ["43-4171.00", "43-4171.00"],
                          "task": ["Reserve rooms.", "Greet visitors."]})
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.categories"):
        explain_categories(frame, onet=_onet())
    msgs = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(msgs) == 1
    assert "no 'task_id' column" in msgs[0] and "2 row(s)" in msgs[0]
    assert "work activities from O*NET 29.1" in msgs[0]


def test_score_tasks_warns_of_codes_without_task_ids_naming_the_file(caplog):
    frame = pd.DataFrame({"onetsoc_code": ["43-4171.00"], "task": ["Reserve rooms."]})
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.categories"):
        score_tasks(frame, "rubric", onet=_onet(), path="t.csv", row_offset=2)
    msgs = [r.getMessage() for r in caplog.records
            if r.name == "exposure.scoring.categories" and r.levelno == logging.WARNING]
    assert len(msgs) == 1 and msgs[0].startswith("t.csv: no 'task_id' column")


# --- 4. a coded row without a task ID -------------------------------------------------

def test_coded_rows_with_missing_task_ids_are_warned(caplog):
    frame = pd.DataFrame({"onetsoc_code": ["43-4171.00", "43-4171.00", None, "43-4171.00"],
                          "task_id": ["1", None, None, None],
                          "task": ["Reserve rooms.", "Reserve rooms.", "Write code.", "Greet."]})
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.categories"):
        out = tag_categories(frame, onet=_onet())
    msgs = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert msgs == ["2 row(s) with an O*NET-SOC code have no task ID (first: row 2, column "
                    "'task_id'): no work activities from O*NET 29.1 for them"]
    assert out["admin"].tolist()[:2] == [True, False]  # the mapping counts on row 1 only
