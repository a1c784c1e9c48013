"""Round 62: the category tagger's inputs (titles, index levels, apostrophes).

Faults found (each test below failed before its fix):

1. A title column holding a spreadsheet's error value (``#N/A`` of a VLOOKUP of the
   titles that found nothing, ``#REF!``, ``#VALUE!``, LibreOffice's ``Err:502``) was read
   as a title no occupation has, without a word (with ``onet``, only the generic warning
   that the title is near no O*NET title): ``Write captions for social media posts.``
   under ``#N/A`` lost the ``entry_creative`` tag it has with no title, in
   ``tag_categories``, ``explain_categories``, ``score_tasks`` and ``exposure score``
   (exit 0). Such a value is refused now, as in a task text, a code or a job zone:
   ``row 1, column 'title': occupation title is a spreadsheet error value, got '#N/A': a
   formula that failed in the spreadsheet (a lookup that found nothing?), not a title;
   correct the formula, or leave the cell empty`` (``q.csv, row 2, column 'title': ...``,
   exit 2 on the command line).
2. A frame whose ``onetsoc_code`` and ``task_id``, ``title`` or ``job_zone`` are levels of
   its index (``tasks.set_index(["onetsoc_code", "task_id"])``, as tasks are often kept)
   was tagged as free text, without a word: the writers' tasks of 27-3043.00 (job zone 4)
   came out ``entry_creative``, a ``job_zone`` of 5 in the index did not gate a caption.
   One warning line per such level now, as for a column spelt otherwise: ``no 'title'
   column, but the frame's index has a level 'title': it is not read (the rows are tagged
   without it); frame.reset_index() makes it a column`` (``..., then rename it
   'onetsoc_code'`` for a level ``O*NET-SOC Code``). ``score_tasks`` says it of
   ``title`` and ``job_zone`` (its keys are its own warning's).
3. The typographic apostrophe ``’`` (U+2019), which word processors, web pages and phones
   write for ``'``, hid the words of the rules spelt with ``'`` (``you'll``, ``\\w+'s``,
   ``[\\w'-]+``): ``You’ll email customers about delayed orders.`` and ``Log calls into
   the practice’s booking software.`` were not ``admin`` (with ``'`` they are), nor
   ``Prepare and verify cashier’s checks.`` under a tellers' code.
   The rules read it as ``'`` now (:func:`exposure.scoring._rules.rule_texts`, shared
   with the rubric, none of whose rules holds ``'``): every O*NET 29.1 statement with its
   apostrophes made ``’`` tags as with ``'``.

Checked: the O*NET 29.1 task statements (with codes and ``onet``, with codes alone, as
text alone, with the occupation titles in place of the codes, with and without ``onet``),
the texts of the Eloundou et al. labels and the category reports tag and score
bit-identically before and after these fixes.

Tiny made-up frames and files written by the tests.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pandas as pd
import pytest
from _cli import _no_env  # noqa: F401 (autouse fixture)
from test_faults_cli import SCORE, cli, one_error_line  # tests/unit is on sys.path

from exposure.errors import DataFormatError
from exposure.scoring import score_tasks
from exposure.scoring._rules import rule_texts
from exposure.scoring.categories import explain_categories, tag_categories

CAPTION = "Write captions for social media posts."
LOGGER = "exposure.scoring.categories"


def _release():
    """A made-up release of one writers' occupation (job zone 4) and its task 1."""
    return SimpleNamespace(
        release="test",
        tasks=pd.DataFrame({"onetsoc_code": ["27-3043.00"], "task_id": [1], "task": [CAPTION]}),
        task_dwas=pd.DataFrame(columns=["onetsoc_code", "task_id", "dwa_id"]),
        dwas=pd.DataFrame(columns=["dwa_id", "iwa_id"]),
        occupations=pd.DataFrame({"onetsoc_code": ["27-3043.00"], "title": ["Writers and Authors"],
                                  "job_zone": [4]}),
    )


# ---------------------------------------------------------------- 1. spreadsheet errors as titles
@pytest.mark.parametrize("title", ["#N/A", "#REF!", " #VALUE! ", "#div/0!", "Err:502"])
def test_spreadsheet_error_title_is_refused(title):
    frame = pd.DataFrame({"task": ["File records.", CAPTION], "title": ["Clerk", title]})
    for tag in (tag_categories, explain_categories):
        with pytest.raises(DataFormatError) as info:
            tag(frame)
        assert str(info.value) == (
            f"row 2, column 'title': occupation title is a spreadsheet error value, got {title!r}: a "
            "formula that failed in the spreadsheet (a lookup that found nothing?), not a title; "
            "correct the formula, or leave the cell empty")


def test_spreadsheet_error_title_lost_the_tag_before():
    """What the error stands for: under ``#N/A`` the caption was not entry_creative."""
    assert bool(tag_categories(pd.DataFrame({"task": [CAPTION]}))["entry_creative"].iloc[0])
    assert bool(tag_categories(pd.DataFrame({"task": [CAPTION], "title": [None]}))["entry_creative"].iloc[0])
    with pytest.raises(DataFormatError, match="spreadsheet error value"):
        tag_categories(pd.DataFrame({"task": [CAPTION], "title": ["#N/A"]}), onet=_release())
    # titles that only start like one are read as before
    frame = pd.DataFrame({"task": [CAPTION] * 3, "title": ["#1 Junior Copywriter", "Error Analyst",
                                                           "Junior Designer"]})
    assert explain_categories(frame)["entry_creative"].tolist() == [True, False, True]


def test_spreadsheet_error_title_refused_by_score_tasks_and_cli(tmp_path, capsys):
    with pytest.raises(DataFormatError, match=r"^row 1, column 'title': occupation title is a spreadsheet"):
        score_tasks(pd.DataFrame({"task": [CAPTION], "title": ["#N/A"]}), method="rubric")
    src = tmp_path / "q.csv"
    src.write_text(f"task,title\nFile records.,Clerk\n{CAPTION},#N/A\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    code, _, err = cli(capsys, "score", src, "-o", out, *SCORE)
    line = one_error_line(err, command="score")
    assert code == 2 and not out.exists()
    assert "q.csv, row 3, column 'title': occupation title is a spreadsheet error value, got '#N/A'" in line


# ---------------------------------------------------------------- 2. keys, titles, zones in the index
def _levels(caplog):
    return [r.getMessage() for r in caplog.records if r.name == LOGGER and "index has a level" in r.getMessage()]


def test_title_index_level_is_warned_of(caplog):
    frame = pd.DataFrame({"task": [CAPTION], "title": ["Senior Copywriter"]})
    assert not tag_categories(frame)["entry_creative"].iloc[0]  # a copywriter's title: zone unknown
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        tagged = tag_categories(frame.set_index("title"))
    assert bool(tagged["entry_creative"].iloc[0])  # read as a text alone, as the warning says
    assert _levels(caplog) == [
        "no 'title' column, but the frame's index has a level 'title': it is not read (the rows are "
        "tagged without it); frame.reset_index() makes it a column"]


def test_job_zone_index_level_is_warned_of(caplog):
    frame = pd.DataFrame({"task": [CAPTION], "job_zone": [5]})
    assert not tag_categories(frame)["entry_creative"].iloc[0]
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        explain_categories(frame.set_index("job_zone"))
    assert len(_levels(caplog)) == 1 and "a level 'job_zone'" in _levels(caplog)[0]


def test_key_index_levels_are_warned_of(caplog):
    frame = pd.DataFrame({"onetsoc_code": ["27-3043.00"], "task_id": [1], "task": [CAPTION]})
    onet = _release()
    assert not tag_categories(frame, onet=onet)["entry_creative"].iloc[0]  # job zone 4
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        tagged = tag_categories(frame.set_index(["onetsoc_code", "task_id"]), onet=onet)
    assert bool(tagged["entry_creative"].iloc[0])
    said = _levels(caplog)
    assert len(said) == 2
    assert said[0].startswith("no 'onetsoc_code' column, but the frame's index has a level 'onetsoc_code'")
    assert said[1].startswith("no 'task_id' column, but the frame's index has a level 'task_id'")


def test_index_level_spelt_otherwise_and_column_present(caplog):
    frame = pd.DataFrame({"O*NET-SOC Code": ["27-3043.00"], "task": [CAPTION]}).set_index("O*NET-SOC Code")
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        tag_categories(frame)
    assert _levels(caplog) == [
        "no 'onetsoc_code' column, but the frame's index has a level 'O*NET-SOC Code': it is not read "
        "(the rows are tagged without it); frame.reset_index() makes it a column, then rename it "
        "'onetsoc_code'"]
    caplog.clear()
    kept = pd.DataFrame({"title": ["Clerk"], "task": ["File records."]}).set_index("title", drop=False)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        tag_categories(kept)  # the column is read: nothing to say
    assert _levels(caplog) == []


def test_score_tasks_warns_of_title_and_zone_levels(caplog):
    frame = pd.DataFrame({"task": [CAPTION], "title": ["Copywriter"], "job_zone": [5]})
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        score_tasks(frame.set_index(["title", "job_zone"]), method="rubric")
    said = _levels(caplog)
    assert len(said) == 2 and "level 'title'" in said[0] and "level 'job_zone'" in said[1]


# ---------------------------------------------------------------- 3. the typographic apostrophe
@pytest.mark.parametrize("text", ["You'll email customers about delayed orders.",
                                  "Log calls into the practice's booking software."])
def test_curly_apostrophe_tags_as_straight(text):
    straight = tag_categories(pd.DataFrame({"task": [text]}))
    curly = tag_categories(pd.DataFrame({"task": [text.replace("'", "\u2019")]}))
    assert bool(straight["admin"].iloc[0])
    pd.testing.assert_frame_equal(curly, straight)


def test_curly_apostrophe_in_coded_row():
    frame = pd.DataFrame({"onetsoc_code": ["43-3071.00"], "task": ["Prepare and verify cashier\u2019s checks."]})
    out = explain_categories(frame)
    assert bool(out["admin"].iloc[0]), out["admin_rule"].iloc[0]
    assert out["admin_rule"].iloc[0] == "text admin:checks_ctx (clerical occupation)"


def test_rule_texts_reads_the_apostrophe():
    assert rule_texts(["You\u2019ll email the client\u2019s suppliers.", "Weld pipes."]) == [
        "You'll email the client's suppliers.", "Weld pipes."]
