"""Round 17: bad inputs to the task-category tagger (``tag_categories``, ``explain_categories``).

Faults found (each test below failed before its fix):

1. An ``onetsoc_code`` cell that is not text (a number, bytes such as ``b'47-2061.00'``, a
   bool) was read as no code: the row became free text, took its contexts from its own
   words (the December 2026 free-text layer) and counted as entry level, so
   ``b'47-2061.00'`` tagged a task ``entry_creative`` that ``'47-2061.00'`` does not.
2. An ``occupation_column`` other than the default ``"title"`` that the frame lacks (a
   typo: ``"job_title"``) was ignored without a word: every row became free text without a
   title. ``score_tasks`` refuses it (``missing occupation column``).
3. A code with spaces around it (``" 29-1141.00"``) took the occupation's context and job
   zone from the stripped code, but its work-activity evidence was looked up with the
   spaces and never found: the row lost its ``admin`` tag (the explanation showed the same
   occupation).
4. With ``onet``, a ``task_id`` that is not an integer (``1.5``, ``True``, ``"abc"``)
   matched no task and silently dropped the work-activity evidence.

The other inputs of the brief (texts missing / NaN / None / numbers / bytes, odd job zones,
repeated columns, empty frames, long and non-English texts, a non-default or repeated
index) were already handled; the tests at the end keep them so.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.schemas._fields import NUMBER_HINT
from exposure.scoring import score_tasks
from exposure.scoring.categories import (
    CATEGORIES,
    explain_categories,
    load_category_mapping,
    tag_categories,
)

PUBLIC = [tag_categories, explain_categories]
CAPTION = "Draft captions for Instagram posts."
PHONES = "Answer telephones and take messages."


def _ids(f):
    return f.__name__


# ------------------------------------------------------- 1. codes that are not text
@pytest.mark.parametrize("call", PUBLIC, ids=_ids)
@pytest.mark.parametrize("code, shown", [
    (b"47-2061.00", r"b'47-2061\.00'" + re.escape(
        ": bytes, not text (from a database driver or a binary column?): decode them first, df['onetsoc_code'] "
        "= df['onetsoc_code'].map(lambda v: v.decode('utf-8') if isinstance(v, bytes) else v) (or the "
        "column's own encoding)")),
    (43, "int 43" + re.escape(NUMBER_HINT)),
    # 43-4171 with its hyphen read as a decimal point: the code to write (round 75)
    (43.4171, "float 43.4171" + re.escape(": a SOC code saved as a number, its hyphen read as a decimal point? "
                                          "write it as text with its hyphen and suffix: '43-4171.00' (the SOC "
                                          "occupation itself) or the O*NET-SOC code meant")),
    (True, "bool True"),
    (["47-2061.00"], r"list \['47-2061\.00'\]"),
], ids=["bytes", "int", "float", "bool", "list"])
def test_a_code_that_is_not_text_is_refused(call, code, shown):
    frame = pd.DataFrame({"task": [PHONES, CAPTION],
                          "onetsoc_code": pd.Series(["43-4171.00", code], dtype=object)}).set_axis([10, 11])
    with pytest.raises(DataFormatError, match=(
            rf"^row 2, column 'onetsoc_code': O\*NET-SOC code must be text \(like 43-4171\.00\) "
            rf"or missing, got {shown} \(index 11\)$")) as info:
        call(frame)
    assert (info.value.row, info.value.column) == (2, "onetsoc_code")


@pytest.mark.parametrize("call", PUBLIC, ids=_ids)
def test_a_numeric_code_column_is_refused_at_its_first_row(call):
    frame = pd.DataFrame({"task": [PHONES, CAPTION], "onetsoc_code": pd.array([43, None], dtype="Int64")})
    with pytest.raises(DataFormatError,
                       match=r"^row 1, column 'onetsoc_code': .* got int 43" + re.escape(NUMBER_HINT) + "$"):
        call(frame)


@pytest.mark.parametrize("call", PUBLIC, ids=_ids)
@pytest.mark.parametrize("missing", [None, np.nan, pd.NA, "", "  "], ids=repr)
def test_a_missing_code_is_still_no_code(call, missing):
    """Free text: the row takes its contexts from its words, as without the column."""
    frame = pd.DataFrame({"task": [PHONES, CAPTION],
                          "onetsoc_code": pd.Series(["43-4171.00", missing], dtype=object)})
    got = call(frame)
    alone = call(frame.iloc[[1]].drop(columns="onetsoc_code"))
    assert got.iloc[1].tolist() == alone.iloc[0].tolist()
    assert got["entry_creative"].tolist() == [False, True]


# ----------------------------------------------- 2. a named occupation column that is absent
@pytest.mark.parametrize("call", PUBLIC, ids=_ids)
def test_a_named_occupation_column_that_is_absent_is_refused(call):
    frame = pd.DataFrame({"task": [CAPTION], "title": ["Senior Art Director"]})
    with pytest.raises(DataFormatError, match=(
            r"^column 'job_title': missing occupation column 'job_title' "
            r"\(columns: \['task', 'title'\]\)$")) as info:
        call(frame, occupation_column="job_title")
    assert info.value.column == "job_title"


@pytest.mark.parametrize("call", PUBLIC, ids=_ids)
def test_the_default_title_column_may_be_absent(call):
    frame = pd.DataFrame({"task": [CAPTION]})
    pd.testing.assert_frame_equal(call(frame), call(frame, occupation_column=None))
    pd.testing.assert_frame_equal(call(frame), call(frame, occupation_column="title"))
    assert call(frame)["entry_creative"].tolist() == [True]


# ------------------------------------------------ 3-4. the keys of the work-activity mapping
def _onet():
    mapping = load_category_mapping()
    iwa = mapping.loc[(mapping["level"] == "iwa") & (mapping["category"] == "admin")
                      & (mapping["scope"] == "any"), "id"].iloc[0]
    dwa = f"{iwa}.D01"
    return SimpleNamespace(
        task_dwas=pd.DataFrame({"onetsoc_code": ["29-1141.00"], "task_id": [1], "dwa_id": [dwa]}),
        dwas=pd.DataFrame({"dwa_id": [dwa], "iwa_id": [iwa]}),
        occupations=pd.DataFrame({"onetsoc_code": ["29-1141.00"], "title": ["Registered Nurses"],
                                  "job_zone": [3]}))


NEUTRAL = "Zorble the quux."


def test_a_code_with_spaces_finds_its_work_activities_as_it_finds_its_context():
    onet = _onet()
    frame = pd.DataFrame({"task": [NEUTRAL] * 3, "task_id": [1, 1, 1],
                          "onetsoc_code": ["29-1141.00", " 29-1141.00", "29-1141.00\t"]})
    out = explain_categories(frame, onet=onet)
    assert out["admin"].tolist() == [True, True, True]
    assert out["occupation"].tolist() == ["29-1141.00"] * 3
    assert out["admin_rule"].nunique() == 1 and out.loc[0, "admin_rule"].startswith("iwa ")
    assert tag_categories(frame, onet=onet)["admin"].tolist() == [True, True, True]


@pytest.mark.parametrize("call", PUBLIC, ids=_ids)
@pytest.mark.parametrize("task_id, shown", [(1.5, "1.5"), (True, "True"), ("abc", "'abc'")],
                         ids=["fraction", "bool", "text"])
def test_a_task_id_that_is_not_an_integer_is_refused_with_onet(call, task_id, shown):
    frame = pd.DataFrame({"task": [NEUTRAL] * 2, "onetsoc_code": ["29-1141.00"] * 2,
                          "task_id": pd.Series([1, task_id], dtype=object)})
    with pytest.raises(DataFormatError, match=rf"^row 2, column 'task_id': task ID {shown} is not an integer"):
        call(frame, onet=_onet())
    call(frame)  # without onet the task IDs are not read


@pytest.mark.parametrize("call", PUBLIC, ids=_ids)
def test_task_ids_in_every_integer_form_and_missing_still_pass(call):
    frame = pd.DataFrame({"task": [NEUTRAL] * 4, "onetsoc_code": ["29-1141.00"] * 4,
                          "task_id": pd.Series([1, "1", 1.0, None], dtype=object)})
    assert call(frame, onet=_onet())["admin"].tolist() == [True, True, True, False]


# ----------------------------------------------------------- kept: handled before this round
@pytest.mark.parametrize("call", PUBLIC, ids=_ids)
@pytest.mark.parametrize("cell, shown", [(None, "a missing value"), (np.nan, "a missing value"), (5, "5"),
                                         (b"Type.", "b'Type.'" + re.escape(
                                             ": bytes, not text (from a database driver or a binary column?): "
                                             "decode them first, df['task'] = df['task'].map(lambda v: "
                                             "v.decode('utf-8') if isinstance(v, bytes) else v) (or the "
                                             "column's own encoding)")),
                                         ("", "''"), (" ", "' '")], ids=repr)
def test_a_bad_text_cell_names_row_column_and_index(call, cell, shown):
    frame = pd.DataFrame({"task": pd.Series([PHONES, cell], index=["a", "b"], dtype=object)})
    with pytest.raises(DataFormatError, match=(
            rf"^row 2, column 'task': task text must be a non-empty string, got {shown} \(index 'b'\)$")):
        call(frame)


@pytest.mark.parametrize("call", PUBLIC, ids=_ids)
@pytest.mark.parametrize("zone", [0, 6, 2.5, "three", True, -1, np.inf], ids=repr)
def test_a_job_zone_outside_1_to_5_is_refused_on_free_text_too(call, zone):
    frame = pd.DataFrame({"task": [PHONES, CAPTION], "job_zone": pd.Series([3, zone], dtype=object)})
    with pytest.raises(DataFormatError, match=r"^row 2, column 'job_zone': job zone must be a whole number"):
        call(frame)


@pytest.mark.parametrize("zone, entry", [("3.0", True), (3, True), (np.nan, True), ("", True),
                                         (4, False), ("5", False)], ids=repr)
def test_a_job_zone_gates_free_text_as_documented(zone, entry):
    frame = pd.DataFrame({"task": [CAPTION], "job_zone": pd.Series([zone], dtype=object)})
    assert tag_categories(frame)["entry_creative"].tolist() == [entry]
    assert explain_categories(frame)["entry_creative"].tolist() == [entry]


@pytest.mark.parametrize("call", PUBLIC, ids=_ids)
@pytest.mark.parametrize("index", [
    pd.Index([7, 7, 3]), pd.Index(["z", "y", "x"]),
    pd.MultiIndex.from_tuples([(1, "a"), (1, "a"), (0, "b")]),
], ids=["repeated", "labels", "multi"])
def test_the_output_keeps_the_callers_index_row_by_row(call, index):
    texts = [PHONES, CAPTION, "Write and debug code for web applications."]
    frame = pd.DataFrame({"task": texts, "job_zone": [2, 5, None]})
    plain = call(frame)
    got = call(frame.set_axis(index))
    assert got.index.equals(index)
    assert got.to_numpy().tolist() == plain.to_numpy().tolist()
    assert got[list(CATEGORIES)].to_numpy().tolist() == [[True, False, False], [False, False, False],
                                                        [False, True, False]]


@pytest.mark.parametrize("call", PUBLIC, ids=_ids)
def test_empty_frames_give_empty_results(call):
    for frame in (pd.DataFrame({"task": pd.Series([], dtype=object)}),
                  pd.DataFrame(columns=["task", "onetsoc_code", "task_id", "job_zone", "title"])):
        out = call(frame)
        assert len(out) == 0 and list(out.columns[:3]) == list(CATEGORIES)
        assert len(call(frame, onet=_onet())) == 0


def test_long_and_non_english_texts():
    texts = pd.Series(["Schedule appointments " * 20000, "Répondre au téléphone.", "接听电话",
                       "Answer telephones \ud800 and take messages."], dtype=object)
    out = tag_categories(pd.DataFrame({"task": texts}))
    # round 33: read as score_tasks reads it, the French text is "Repondre au telephone."
    # (accents dropped), whose "telephone" is an admin rule, as through score_tasks
    assert out["admin"].tolist() == [True, True, False, True]
    assert score_tasks(pd.DataFrame({"task": texts[1:2]}))["admin"].tolist() == [True]
