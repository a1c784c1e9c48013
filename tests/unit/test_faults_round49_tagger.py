"""Fault round 49 (a data journalist tagging scraped job-posting bullets): the category tagger.

Faults found (each test below failed before its fix):

1. A bullet scraped from a web page with HTML character references between its words
   (``Schedule&nbsp;appointments for clients.``, ``&#160;``, ``&#xA0;``) lost every tag
   (``admin`` False, where ``Schedule\\u00a0appointments`` and the plain text are admin), in
   ``tag_categories``, ``explain_categories`` and the category columns of ``score_tasks``.
   References (with their ``;``) are now read as their characters before the rules.
2. An occupation title with such a reference (``Data&nbsp;Entry Keyer``) lost its
   context (no ``admin`` for ``Check customer orders for accuracy.``, which the same title
   with a space gets). Titles are read the same way.
3. A bullet in Markdown with underscore emphasis (``_Schedule_ appointments``) lost its tags
   (``**Schedule** appointments`` kept them): the underscores at a word's ends are dropped.
4. A cell holding only a reference (``&nbsp;``, an empty bullet of a scraped list) was
   read as a task and tagged with nothing, while an empty or ``-`` cell is refused. It is
   now refused naming its row and column.
5. The optional columns were read only under their exact names: a frame with ``Job
   Title`` or ``Title``, ``Job Zone``, or O*NET's own header ``O*NET-SOC Code`` was tagged
   as if it had none (``Write copy for ads.`` under ``Senior Copywriter`` / ``Job Zone 5``
   was entry-level creative work), without a word. A warning now names the column found
   and what to give.
6. With ``onet``, a title that is near no O*NET title and holds no context keyword (a
   title in another language: ``Werkstudent Marketing``) silently switched off the contexts
   the row's own words give it without a title (``Draft captions for TikTok posts.`` is
   entry-level creative with no title, and was nothing under that title). A warning now
   counts such rows and names the first.

No tag of the 18,796 O*NET 29.1 tasks changes (their statements and titles hold no ``&``
nor ``_``): checked with ``assert_frame_equal`` of ``tag_categories(o.tasks, onet=o)``,
``tag_categories(o.tasks[["task"]])``, ``explain_categories`` of both and the tasks with
their titles, against the HEAD copy.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.scoring import score_tasks
from exposure.scoring.categories import explain_categories, tag_categories

CATS = ["admin", "routine_coding", "entry_creative"]
SCHEDULE = "Schedule appointments for clients."
LOGGER = "exposure.scoring.categories"


def _release() -> SimpleNamespace:
    """A made-up release: two occupations with titles and job zones, no work activities."""
    occ = pd.DataFrame({"onetsoc_code": ["43-9061.00", "27-1024.00"],
                        "title": ["Office Clerks, General", "Graphic Designers"], "job_zone": [2, 4]})
    return SimpleNamespace(occupations=occ,
                           tasks=pd.DataFrame(columns=["onetsoc_code", "task_id", "task"]),
                           task_dwas=pd.DataFrame(columns=["onetsoc_code", "task_id", "dwa_id"]),
                           dwas=pd.DataFrame(columns=["dwa_id", "iwa_id"]))


# --- 1. HTML character references in a bullet ---------------------------------------------

@pytest.mark.parametrize("written", ["Schedule&nbsp;appointments for clients.",
                                     "Schedule&#160;appointments for clients.",
                                     "Schedule&#xA0;appointments&nbsp;for clients."])
@pytest.mark.parametrize("title", [None, "Office Assistant"])
def test_html_references_read_as_their_characters(written, title):
    frame = pd.DataFrame({"task": [SCHEDULE, "Schedule\u00a0appointments for clients.", written]})
    if title is not None:
        frame["title"] = title
    tags = tag_categories(frame)
    assert tags["admin"].tolist() == [True, True, True]
    why = explain_categories(frame)
    assert why[CATS].equals(tags[CATS])
    assert why["admin_rule"].iloc[2] == why["admin_rule"].iloc[0]


def test_score_tasks_category_columns_read_references(tmp_path):
    frame = pd.DataFrame({"task": ["Enter&nbsp;data&nbsp;into computer systems.",
                                   "Enter data into computer systems."]})
    assert score_tasks(frame)["admin"].tolist() == [True, True]


# --- 2. a title with a reference -------------------------------------------------------------

def test_title_with_reference_keeps_its_context():
    tasks = ["Check customer orders for accuracy."] * 2
    frame = pd.DataFrame({"task": tasks, "title": ["Data Entry Keyer", "Data&nbsp;Entry Keyer"]})
    assert tag_categories(frame)["admin"].tolist() == [True, True]
    assert explain_categories(frame)["context"].tolist() == ["clerical", "clerical"]


# --- 3. Markdown underscore emphasis -----------------------------------------------------------

@pytest.mark.parametrize("written", ["_Schedule_ appointments for clients.",
                                     "__Schedule__ appointments for clients.",
                                     "- _Schedule appointments for clients._"])
def test_underscore_emphasis_read_as_the_words(written):
    frame = pd.DataFrame({"task": [SCHEDULE, "**Schedule** appointments for clients.", written]})
    assert tag_categories(frame)["admin"].tolist() == [True, True, True]
    assert explain_categories(frame)["admin"].tolist() == [True, True, True]


def test_underscore_inside_a_word_is_kept():
    why = explain_categories(pd.DataFrame({"task": ["Write SQL queries on the user_id column."]}))
    assert why["routine_coding"].tolist() == [True]


# --- 4. a cell holding only a reference ---------------------------------------------------------

@pytest.mark.parametrize("func", [tag_categories, explain_categories])
@pytest.mark.parametrize("cell", ["&nbsp;", "&nbsp;&nbsp;", "&#8226;&nbsp;"])
def test_reference_only_cell_refused(func, cell):
    frame = pd.DataFrame({"task": [SCHEDULE, cell]})
    with pytest.raises(DataFormatError, match=r"row 2, column 'task': task text holds no letter or "
                                              r"digit once its HTML character references are read"):
        func(frame)


def test_reference_only_cell_named_with_index_label():
    frame = pd.DataFrame({"task": [SCHEDULE, "&nbsp;"]}, index=[10, 11])
    with pytest.raises(DataFormatError, match=r"row 2.*\(index 11\)"):
        tag_categories(frame)


# --- 5. optional columns under another spelling -------------------------------------------------

@pytest.mark.parametrize(("column", "expected"), [
    ("Job Title", "no 'title' column, but the frame has 'Job Title': it is not read"),
    ("Title", "give occupation_column='Title'"),
    ("Job Zone", "no 'job_zone' column, but the frame has 'Job Zone'"),
    ("O*NET-SOC Code", "no 'onetsoc_code' column, but the frame has 'O*NET-SOC Code'"),
])
def test_near_column_name_warned(caplog, column, expected):
    value = {"Job Title": "Senior Copywriter", "Title": "Senior Copywriter", "Job Zone": "5",
             "O*NET-SOC Code": "27-1024.00"}[column]
    frame = pd.DataFrame({"task": ["Write copy for ads."], column: [value]})
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        tag_categories(frame)
    assert expected in caplog.text
    assert len(caplog.records) == 1


def test_exact_columns_not_warned(caplog):
    frame = pd.DataFrame({"task": ["Write copy for ads."], "title": ["Copywriter"],
                          "job_zone": ["3"], "Job Title": ["Copywriter"]})
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        tag_categories(frame)
    assert caplog.text == ""


# --- 6. a title that places the row nowhere -------------------------------------------------------

def test_unplaced_title_warned(caplog):
    frame = pd.DataFrame({"task": ["Draft captions for TikTok posts."] * 3,
                          "title": ["Graphic Designers", None, "Werkstudent Marketing"]})
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        tags = tag_categories(frame, onet=_release())
    assert tags["entry_creative"].tolist() == [False, True, False]  # as documented
    assert ("1 row(s) have a title that is near no occupation title of" in caplog.text
            and "(first: row 3, column 'title': 'Werkstudent Marketing')" in caplog.text)


def test_placed_titles_not_warned(caplog):
    frame = pd.DataFrame({"task": ["File records."] * 3,
                          "title": ["Office Clerk", "Payroll Clerk", None]})
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        tag_categories(frame, onet=_release())
    assert caplog.text == ""
