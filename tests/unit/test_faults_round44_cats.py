"""Fault round 44 (the last review's "noticed and left"): the category tagger and its reports.

Faults found (each test below failed before its fix):

1. A hand-checked category sample (and the validation sample's ``sample.csv`` and
   annotator labels) saved by Excel or LibreOffice, whose label cells read ``TRUE`` /
   ``FALSE``, was refused (``expected True or False, got 'TRUE'``), and so were ``true`` /
   ``false`` and ``1`` / ``0``. They are now read as True / False; any other cell (blank,
   ``yes``, ``2``) is still refused naming the file, the line and the column.
2. The category tagger lost the tags of the rules that look for the verb heading a task
   when the task was copied from a numbered or lettered list: ``1. File records.`` and
   ``b) File records.`` were not ``admin`` (the rubric already read the verb after such a
   marker). The tagger now reads the text without the marker, as the rubric does; the
   tags of the 18,796 O*NET 29.1 tasks are unchanged (checked by hand: their statements
   have no marker).
3. The ``tagged`` shares of :func:`category_estimates` were summed in the row order of
   the tags: the same tags and employment in another row order gave another rounded share
   (``0.4937`` or ``0.4938`` for an exact ``0.49375``). They are now exact sums
   (:func:`math.fsum`), the same in any order.
4. :func:`write_category_reports` refused an output directory inside the mirror only after
   checking ``onet`` (a missing release was reported first, and the refusal came only on
   the next run), and :func:`render_results` only after reading every processed table
   (a bad table was named first). Both now refuse the folder before any other check.

Lead checked and left: the private import of ``scoring.rubric._rule_texts`` by
``scoring.categories`` is now the shared :func:`exposure.scoring._rules.rule_texts`
(same behaviour, covered by the round 43 tests).
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from exposure._outdir import OutputPathError
from exposure.errors import DataFormatError
from exposure.reports.categories import (
    category_estimates,
    read_hand_checked,
    read_validation_sample,
    write_category_reports,
)
from exposure.reports.figures import render_results
from exposure.scoring import _rules, rubric
from exposure.scoring.categories import explain_categories, tag_categories

HEAD = "onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\n"


# --- 1. TRUE / FALSE cells -----------------------------------------------------------------

@pytest.mark.parametrize("cells", [("TRUE", "FALSE"), ("true", "false"), ("1", "0")])
def test_hand_checked_sample_saved_by_excel_is_read(tmp_path, cells):
    yes, no = cells
    path = tmp_path / "h.csv"
    path.write_text(HEAD + f"43-6014.00,9,random,{yes},{no},{no},filing\n"
                    f"43-9061.00,10,random,{no},{no},{yes},x\n")
    out = read_hand_checked(path)
    assert out["admin"].tolist() == [True, False]
    assert out["entry_creative"].tolist() == [False, True]
    assert out["admin"].dtype == bool


@pytest.mark.parametrize("cell", ["yes", "", "2", "T"])
def test_hand_checked_sample_ambiguous_cell_is_refused_naming_line_and_column(tmp_path, cell):
    path = tmp_path / "h.csv"
    path.write_text(HEAD + "43-6014.00,9,random,TRUE,FALSE,FALSE,filing\n"
                    f"43-9061.00,10,random,FALSE,{cell},FALSE,x\n")
    with pytest.raises(DataFormatError) as info:
        read_hand_checked(path)
    msg = str(info.value)
    assert "h.csv" in msg and "row 3" in msg and "column 'routine_coding'" in msg
    assert "expected True or False" in msg


def test_validation_sample_saved_by_excel_is_read(tmp_path):
    d = tmp_path / "v2"
    d.mkdir()
    (d / "sample.csv").write_text(
        "onetsoc_code,task_id,stratum,enriched_population,inclusion_prob,weight,double\n"
        "43-9061.00,1,uniform,FALSE,0.5,2.0,TRUE\n11-1011.00,2,enriched,TRUE,1.0,1.0,FALSE\n")
    head = "onetsoc_code,task_id,admin,routine_coding,entry_creative,note\n"
    (d / "labels_annotator_a.csv").write_text(head + "43-9061.00,1,TRUE,FALSE,FALSE,filing\n"
                                              "11-1011.00,2,FALSE,FALSE,FALSE,x\n")
    (d / "labels_annotator_b.csv").write_text(head + "43-9061.00,1,true,false,false,x\n")
    out = read_validation_sample(d)
    assert out["admin"].tolist() == [True, False]
    assert out["double"].tolist() == [True, False]
    assert out["enriched_population"].tolist() == [False, True]


# --- 2. list markers -----------------------------------------------------------------------

@pytest.mark.parametrize("text", ["1. File records.", "b) File records.", "(iv) File records.",
                                  "2.3 File records.", "12: File records."])
def test_tagger_reads_the_verb_after_a_list_marker(text):
    plain = tag_categories(pd.DataFrame({"task": ["File records."]}))
    listed = tag_categories(pd.DataFrame({"task": [text]}))
    assert plain["admin"].tolist() == [True]
    assert listed.to_dict("list") == plain.to_dict("list")
    why = explain_categories(pd.DataFrame({"task": [text]}))
    assert why["admin"].tolist() == [True]


def test_tagger_keeps_texts_that_are_no_list():
    texts = ["A forklift is driven.", "U.S. forms filed.", "- File records.", "File records."]
    assert [_rules.strip_list_marker(t) for t in texts] == texts
    tags = tag_categories(pd.DataFrame({"task": texts}))
    assert tags["admin"].tolist()[2:] == [True, True]


def test_rule_texts_shared_by_rubric_and_categories():
    assert not hasattr(rubric, "_rule_texts")
    assert _rules.rule_texts(["Meet in\nperson.", "Send e\u2013mail."]) == ["Meet in person.", "Send e-mail."]
    assert rubric._first_word("1. Write memos.") == "write"


# --- 3. order-independent tagged shares ----------------------------------------------------

def test_category_estimates_tagged_share_does_not_depend_on_row_order():
    emp = np.array([2.4, 3.3, 2.7, 1.8, 3.7, 1.9, 4.2, 2.4, 2.8, 0.7, 1.5, 4.6])
    admin = np.array([True] * 6 + [False] * 6)
    tags = pd.DataFrame({"admin": admin, "routine_coding": False, "entry_creative": False})
    sample = tags.iloc[:4].assign(stratum="uniform", weight=2.0).reset_index(drop=True)
    s_emp = pd.Series(emp[:4])
    perm = [1, 10, 7, 6, 2, 5, 8, 11, 3, 4, 0, 9]
    first = category_estimates(tags, pd.Series(emp), sample, s_emp, n_boot=10)
    other = category_estimates(tags.iloc[perm].reset_index(drop=True), pd.Series(emp[perm]),
                               sample, s_emp, n_boot=10)
    pd.testing.assert_frame_equal(first, other)


# --- 4. refuse the mirror first ------------------------------------------------------------

def test_write_category_reports_refuses_the_mirror_before_checking_onet(tmp_path, monkeypatch):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    monkeypatch.setenv("EXPOSURE_MIRROR", str(mirror))
    sample = tmp_path / "h.csv"
    sample.write_text(HEAD + "43-6014.00,9,random,True,False,False,filing\n")
    for onet in (None, SimpleNamespace(tasks=None)):
        with pytest.raises(OutputPathError, match="inside the mirror"):
            write_category_reports({"development": sample}, mirror / "reports", onet=onet)
    assert not (mirror / "reports").exists()


def test_render_results_refuses_the_mirror_before_reading_the_tables(tmp_path, monkeypatch):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    monkeypatch.setenv("EXPOSURE_MIRROR", str(mirror))
    processed = tmp_path / "processed"
    processed.mkdir()  # no table at all
    with pytest.raises(OutputPathError, match="inside the mirror"):
        render_results(processed, mirror / "figures")
    assert not (mirror / "figures").exists()
