"""Round 79 (catspeed): faster O*NET-keyed tagging, with the same answers.

Speed changes in :mod:`exposure.scoring.categories`, each checked against the reference
it replaces (the per-title reading, the per-cell look, the tagger's own words), on inputs a
wrong fast path would get wrong: NaN, None, ``pd.NA``, mixed types, repeated keys and
titles, characters other than ASCII, odd spaces, a release edited in place between two
calls. These tests need not fail on the old source (the answers did not change); those
that name the new helper ``_read_titles`` do fail there (it does not exist).

1. ``_occupations`` read each distinct occupation title on its own (``_read_title``: one
   look of ``plain_texts`` per title, 900 of them for O*NET 29.1: 20 of 21 ms); now all
   distinct titles at once (``categories._read_titles``), 14 ms.
2. ``_warn_unread_keys`` looked twice at each coded row's task ID (``_is_missing``) and
   three times at its code's place in the release; it rebuilt the release's set of codes
   at every call. Now one look each, and the set is kept for the same ``occupations``
   table, unchanged (``_inputs.remembered``: a table edited in place is read again). The
   same warnings, same words.
3. ``_check_titles`` built its set of distinct titles with a generator; now ``set()``
   when every title is text (the usual column), the generator otherwise.
4. ``_Occupations.free_text`` and the entry level of rows without an occupation
   (``_text_contexts``) compared each row in a generator; now ``map`` of ``operator``.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.scoring import categories
from exposure.scoring._features import normalise_texts
from exposure.scoring._inputs import frames_unchanged, is_missing

#: Titles a wrong batch reading would get wrong: odd spaces, dashes, apostrophes, other
#: scripts, full-width letters, blank ones, repeats, plain ASCII among them.
ODD_TITLES = ["Welders", "Data\u00a0Entry  Keyer", "  Data Entry Keyer ", "Entry\u2011level\tClerk",
              "Caf\u00e9 Cooks", "\uff37\uff45\uff4c\uff44\uff45\uff52\uff53", "Clerk\u2019s Aides",
              "E\u2013mail Clerks", "Line\nCooks", "  ", "", "Welders", "Kassierer \u00fcber",
              "Tellers\u3000and  Clerks", "R&amp;D Managers", "snake_case Title", "Cooks\u2028Chefs"]


def _title_reference(title):
    """A title read on its own, as ``_read_title`` did before (the slow reference)."""
    if not isinstance(title, str):
        return None
    return categories._one_spaced(normalise_texts([title]))[0] or None


def test_read_titles_as_each_title_alone():
    assert categories._read_titles(ODD_TITLES) == [_title_reference(t) for t in ODD_TITLES]
    for title in ODD_TITLES:  # alone, and with plain titles around (the one look sees all)
        assert categories._read_titles(["Welders", title, "Cooks"])[1] == _title_reference(title)
        assert categories._read_title(title) == _title_reference(title)
    assert categories._read_titles([]) == []


def test_occupation_titles_read_as_before():
    # titles whose reading decides a context or the entry level ("Data Entry", "Entry-level")
    cells = [*ODD_TITLES, None, float("nan"), pd.NA, b"Welders", 7, np.str_("Data\u00a0Entry Keyer"),
             "Junior\u00a0 Designers", "Entry\u2013level Typists", "Mail  Clerks"]
    frame = pd.DataFrame({"task": ["Weld pipes."] * len(cells), "title": pd.Series(cells, dtype=object)})
    read = pd.DataFrame({"task": frame["task"],  # each title read alone beforehand: read as it is
                         "title": pd.Series([_title_reference(t) for t in cells], dtype=object)})
    got, want = categories._occupations(frame, None, "title"), categories._occupations(read, None, "title")
    assert want.entry_level.any() and want.context["clerical"].any()
    assert got.entry_level.tolist() == want.entry_level.tolist()
    assert {k: v.tolist() for k, v in got.context.items()} == {k: v.tolist() for k, v in want.context.items()}
    assert (got.source, got.bare.tolist()) == (want.source, want.bare.tolist())


def test_free_text_and_entry_level_as_the_generators():
    occ = categories._Occupations(["11-1011.00", None, "x", None], [None] * 4, np.zeros(4, dtype=bool),
                                  {}, ["code", "", "nearest", "title"], np.ones(4, dtype=bool))
    assert occ.free_text.tolist() == [s != "code" for s in occ.source] == [False, True, True, True]
    frame = pd.DataFrame({"task": ["Weld pipes.", "Design logos.", "File records."],
                          "job_zone": [None, 2, np.nan]})
    tagged = categories.tag_categories(frame)
    zones = categories._occupations(frame, None, None).zones
    assert zones == [None, 2, None]
    expected = [jz is None for jz in zones]  # a row without occupation nor zone is entry level
    occ = categories._occupations(frame, None, None)
    found = np.zeros((3, len(categories.CONTEXT_TEXT)), dtype=bool)
    categories._text_contexts(occ, np.arange(3), found)
    assert occ.entry_level.tolist() == [a or b for a, b in
                                        zip(categories._occupations(frame, None, None).entry_level, expected,
                                            strict=True)]
    assert len(tagged) == 3


def _release() -> SimpleNamespace:
    occupations = pd.DataFrame({"onetsoc_code": ["11-1011.00", "43-4171.00 ", "27-1024.00"],
                                "title": ["Chief Executives", "Receptionists", "Graphic Designers"]})
    tasks = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "43-4171.00", "27-1024.00"],
                          "task_id": [1, 2, 3, 4],
                          "task": ["Direct activities.", "Sign contracts.", "Greet visitors.", "Design logos."]})
    return SimpleNamespace(release="29.1", occupations=occupations, tasks=tasks)


def _unread_messages(frame, onet, caplog) -> list[str]:
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.categories"):
        with frames_unchanged():
            categories._warn_unread_keys(frame, onet)
    return [r.getMessage() for r in caplog.records]


def _reference_rows(frame, onet):
    """Rows without a task ID and rows of codes the release lacks, cell by cell (the old way)."""
    codes = [c.strip() or None if isinstance(c, str) else None for c in frame["onetsoc_code"].tolist()]
    coded = [i for i, c in enumerate(codes) if c is not None]
    ids = frame["task_id"].tolist()
    known = set(onet.occupations["onetsoc_code"].astype(str).str.strip())
    return ([i for i in coded if is_missing(ids[i])], [i for i in coded if codes[i] not in known], codes)


@pytest.mark.parametrize("ids", [
    [1, None, float("nan"), pd.NA, 3, 0, "2", None],
    [pd.NA] * 8,
    [np.nan, 1.0, 2.0, np.nan, 3.0, 4.0, 1.0, 1.0],
    [b"1", ["x"], 2, None, pd.NaT, "", 3, 4],
])
def test_unread_keys_as_cell_by_cell(ids, caplog):
    onet = _release()
    frame = pd.DataFrame({"onetsoc_code": ["11-1011.00", " 11-1011.00", "15-1132.00", None, "43-4171.00",
                                           "  ", "11-1011.00", "27-1024.00\u00a0"],
                          "task_id": pd.Series(ids, dtype=object),
                          "task": ["Direct activities."] * 8})
    no_id, unknown, codes = _reference_rows(frame, onet)
    said = _unread_messages(frame, onet, caplog)
    no_id_said = [m for m in said if "have no task ID" in m]
    lacks_said = [m for m in said if "lacks" in m]
    if no_id:
        assert no_id_said == [f"{len(no_id)} row(s) with an O*NET-SOC code have no task ID (first: row "
                              f"{no_id[0] + 1}, column 'task_id'): no work activities from O*NET 29.1 for them"]
    else:
        assert no_id_said == []
    assert lacks_said == [f"{len(unknown)} row(s) have an O*NET-SOC code that O*NET 29.1 lacks (first: row "
                          f"{unknown[0] + 1}, column 'onetsoc_code': {codes[unknown[0]]!r}; another release's "
                          "code?): no work activities or job zone for them, their context read from the code "
                          "alone"]


def test_unread_keys_other_task_ids_of_known_codes_only(caplog):
    onet = _release()
    # a repeated key, an ID of another occupation, an unknown code's ID (not named: unknown code)
    frame = pd.DataFrame({"onetsoc_code": ["15-1132.00", "11-1011.00", "11-1011.00", "43-4171.00"],
                          "task_id": [3, 1, 1, 4], "task": ["x.", "y.", "y.", "z."]})
    said = _unread_messages(frame, onet, caplog)
    assert said[-1] == ("1 row(s) have a task ID that O*NET 29.1 does not list under their O*NET-SOC code "
                        "(first: row 4, column 'task_id': 4 under '43-4171.00'; it is a task of 27-1024.00): "
                        "no work activities from O*NET 29.1 for them")


def test_known_codes_read_again_after_an_edit_in_place(caplog):
    onet = _release()
    frame = pd.DataFrame({"onetsoc_code": ["15-1132.00", "11-1011.00"], "task_id": [9, 1], "task": ["x.", "y."]})
    assert any("lacks (first: row 1" in m for m in _unread_messages(frame, onet, caplog))
    onet.occupations.loc[2, "onetsoc_code"] = "15-1132.00"  # the same table, edited
    assert not any("lacks" in m for m in _unread_messages(frame, onet, caplog))
    onet.occupations.loc[0, "onetsoc_code"] = "99-9999.00"
    assert any("lacks (first: row 2, column 'onetsoc_code': '11-1011.00'" in m
               for m in _unread_messages(frame, onet, caplog))


def test_no_task_id_column_and_no_coded_rows(caplog):
    onet = _release()
    said = _unread_messages(pd.DataFrame({"onetsoc_code": ["11-1011.00", None], "task": ["x.", "y."]}),
                            onet, caplog)
    assert said == ["no 'task_id' column: the 1 row(s) with an O*NET-SOC code get no work activities from "
                    "O*NET 29.1 (they are keyed by onetsoc_code and task_id); add the task IDs to use them"]
    frame = pd.DataFrame({"onetsoc_code": [None, float("nan"), " "], "task_id": [1, 2, 3], "task": ["x."] * 3})
    assert _unread_messages(frame, onet, caplog) == []


@pytest.mark.parametrize(("cells", "words"), [
    (["Welders", "Welders", "-", "Cooks"], "row 3, column 'title'"),
    (["Welders", None, float("nan"), pd.NA, "27-1024.00"], "row 5, column 'title': occupation title "
                                                           "'27-1024.00' is an O*NET-SOC code"),
    (["Welders", ["a list"], "Cooks"], "row 2, column 'title'"),
    (["Welders", b"Welders"], "row 2, column 'title'"),
    (["Caf\u00e9 Cooks", "N/A"], "row 2, column 'title': occupation title is a placeholder, got 'N/A'"),
    (["Welders", "#N/A"], "row 2, column 'title': occupation title is a spreadsheet error value"),
    (["Clerk\u00e2\u20ac\u2122s Aides"], "row 1, column 'title': occupation title holds"),
])
def test_titles_refused_on_the_row_as_before(cells, words):
    frame = pd.DataFrame({"task": ["Weld pipes."] * len(cells), "title": pd.Series(cells, dtype=object)})
    with pytest.raises(DataFormatError, match="^" + __import__("re").escape(words)):
        categories._check_titles(frame, "title")


@pytest.mark.parametrize("cells", [
    ["Welders", "Welders", np.str_("Cooks"), "Caf\u00e9 Cooks", "  ", "Data\u00a0Entry  Keyer"],
    ["Welders", None, float("nan"), pd.NA, "Cooks"],
])
def test_titles_passed_as_before(cells):
    frame = pd.DataFrame({"task": ["Weld pipes."] * len(cells), "title": pd.Series(cells, dtype=object)})
    assert categories._check_titles(frame, "title") is None
