"""Fault round 74: the crosswalks' frame checks and the roll-ups' frames (area ``frames``).

Found in this round (each test fails on the code before the fix):

1. :func:`exposure.crosswalks.check_soc_structure` (so the ``soc_structure=`` of
   ``to_soc``, ``to_census_occ``, ``oews_code_map``) named the frame after the row, in the
   message only, where the roll-ups name theirs first: ``row 1, column 'broad_code':
   soc_structure: not a SOC code (like 11-1011): '11-1010 '``, ``row 2, column 'soc_code':
   soc_structure: soc_code missing``, and (``_check_one_broad_group``) ``row 5, column
   'broad_code': soc_structure: detailed code '13-1021' is in broad group '13-1020' on row
   3 and '13-1030' here: keep one``; the error's ``path`` was None. Now ``soc_structure,
   row 1, column 'broad_code': not a SOC code ...``, ``soc_structure, row 2, column
   'soc_code': missing`` (as ``require_frame`` says a missing key) and ``soc_structure,
   row 5, column 'broad_code': detailed code '13-1021' ...``.
2. :func:`exposure.rollup._occupations.check_task_scores` (so ``to_occupations``,
   ``bootstrap_occupations`` and ``rollup``) named no frame in its errors about a row:
   ``row 2, column 'onetsoc_code': onetsoc_code not an O*NET-SOC code (like 11-1011.00):
   '11-1011': ...`` (the column named twice), ``row 1, column 'task_id': task ID 1.5 is
   not an integer``, ``row 1, column 'alpha': not a number: 'x'``, ``row 1, column
   'label': unknown exposure label 'E9' ...``, ``row 1, column 'task_type': task_type
   must be Core or Supplemental ...``, ``row 2, column 'task_id': duplicate task ...``,
   ``probability columns ['p_e1', 'p_e2'] are missing while ['p_e0'] are given``, where
   ``to_soc`` of the same roll-up says ``occupation_scores, row 2, column 'alpha': ...``.
   Now ``task_scores, row 2, column 'onetsoc_code': not an O*NET-SOC code (like
   11-1011.00): '11-1011': ...`` and so on (the file replaces ``task_scores`` when the
   scores were read from one, as before).
3. Task scores indexed by their key (``set_index("onetsoc_code")`` or
   ``set_index(["onetsoc_code", "task_id"])``, as one looks tasks up) were refused by
   ``to_occupations`` as ``task scores lack column(s) ['onetsoc_code']``, of a frame that
   shows the column, without a word of the index; the other roll-ups' frames say it. Now
   ``...; 'onetsoc_code' is the index: reset_index() first``.
4. :func:`exposure.rollup.to_census_occ` given a crosswalk whose ``census_occ`` is of
   category dtype (a Stata file's value labels, an R factor saved to Parquet) sorted its
   Census codes in the order of the categories, not by code as documented: categories
   ``['0020', '0010']`` gave the row of ``0020`` first. Now the codes are read as text:
   the result is that of the crosswalk of plain text, sorted by code.
5. ``to_census_occ(scores, ..., measures=["Beta"])`` of scores whose column is ``beta``
   was told the opposite of the fix: ``column 'beta': scores has the column 'Beta' written
   'beta', which is not read: name it 'Beta'``. Renaming the column so made a frame that
   the roll-ups refuse (``to_census_occ`` without ``measures``, ``to_soc``: ``... has the
   column 'beta' written 'Beta', which is not read: name it 'beta'``), and a Census table
   of a column ``Beta``. Now a name of the caller's own is told to follow the column:
   ``column 'beta': measures names 'Beta', which scores lacks; it has the column 'beta':
   write 'beta' in measures``; a measure's own name (``measures=["beta"]`` of a column
   ``Beta``) is told, as before, to rename the column.
6. The frames the task weights are read from (``tasks``, ``task_ratings`` of
   ``to_occupations``, ``task_weights``, ``rollup``) were named after the row, in the
   message only: ``row 2, column 'task_type': tasks: task_type must be Core or
   Supplemental ...``, ``row 2, column 'onetsoc_code': tasks: onetsoc_code not an
   O*NET-SOC code ...``, ``row 4, column 'task_type': tasks: (11-1011.00, 2) is given on
   rows 2 and 4 ...``, ``row 2, column 'data_value': task_ratings: IM ratings must be
   numbers, got 'x'``, ``row 2, column 'scale_id': task_ratings: scale_id 'im' ...``, ``row
   2, column 'data_value': task_ratings: the FT percentages ... sum to 130 ...``, ``row 2,
   column 'category': task_ratings: FT categories must be 1-7, got 9`` (the error's
   ``path`` None), where their task IDs were already named first (``tasks, row 2, column
   'task_id': task ID 1.5 is not an integer``). Now each names its frame first:
   ``tasks, row 2, column 'task_type': task_type must be Core or Supplemental ...``.

Tiny made-up frames, written by the tests.
"""

from __future__ import annotations

import pandas as pd
import pytest
from _frames import crosswalk, employment, occupation_scores

from exposure import crosswalks
from exposure.errors import DataFormatError
from exposure.rollup import (
    bootstrap_occupations,
    oews_code_map,
    rollup,
    task_weights,
    to_census_occ,
    to_occupations,
    to_soc,
)
from exposure.rollup._occupations import check_task_scores

# 1. check_soc_structure names the frame first -----------------------------------------------

#: Two detailed codes of the SOC structure, in their broad groups.
STRUCTURE = pd.DataFrame({"soc_code": ["11-1011", "13-1021"], "level": ["detailed", "detailed"],
                          "broad_code": ["11-1010", "13-1020"]})


@pytest.mark.parametrize("structure, row, column, reason", [
    (STRUCTURE.assign(broad_code=["11-1010 ", "13-1020"]), 1, "broad_code",
     "not a SOC code (like 11-1011): '11-1010 ': spaces around the code: write '11-1010'"),
    (STRUCTURE.assign(soc_code=["11-1011", None]), 2, "soc_code", "missing"),
    (pd.concat([STRUCTURE, STRUCTURE.iloc[[1]].assign(broad_code="13-1030")], ignore_index=True), 3, "broad_code",
     "detailed code '13-1021' is in broad group '13-1020' on row 2 and '13-1030' here: keep one"),
])
def test_1_soc_structure_is_named_before_the_row(structure, row, column, reason):
    for call in (lambda: crosswalks.check_soc_structure(structure),
                 lambda: oews_code_map(["11-1011"], ["11-1011"], structure),
                 lambda: to_soc(occupation_scores(), crosswalk(), employment(), soc_structure=structure)):
        with pytest.raises(DataFormatError) as info:
            call()
        assert str(info.value) == f"soc_structure, row {row}, column '{column}': {reason}"
        assert (info.value.path, info.value.row, info.value.column) == ("soc_structure", row, column)


# 2. check_task_scores names the frame first -------------------------------------------------

def _tasks(**changes) -> pd.DataFrame:
    """Two task scores of 11-1011.00 (E1 and E0); ``changes`` replace or add columns."""
    return pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [1, 2],
                         "alpha": [1.0, 0.0], "beta": [1.0, 0.0], "gamma": [1.0, 0.0]}).assign(**changes)


@pytest.mark.parametrize("scores, where, reason", [
    (_tasks(onetsoc_code=["11-1011.00", "11-1011"]), "row 2, column 'onetsoc_code'",
     "not an O*NET-SOC code (like 11-1011.00): '11-1011': a SOC code?"),
    (_tasks(task_id=[1, 1.5]), "row 2, column 'task_id'", "task ID 1.5 is not an integer"),
    (_tasks(task_id=[1, 1]), "row 2, column 'task_id'", "duplicate task (11-1011.00, 1) at rows 1 and 2"),
    (_tasks(alpha=["1.0", "x"]), "row 2, column 'alpha'", "not a number: 'x'"),
    (_tasks(label=["E1", "E9"]), "row 2, column 'label'", "unknown exposure label 'E9' (expected E0, E1 or E2)"),
    (_tasks(label=["E1", "E2"]), "row 2, column 'label'", "label 'E2' contradicts alpha, beta, gamma = 0, 0, 0"),
    (_tasks(task_type=["Core", "Cor"]), "row 2, column 'task_type'", "task_type must be Core or Supplemental"),
    (_tasks(admin=["true", "maybe"]), "row 2, column 'admin'", "category flag must be true or false"),
    (_tasks(alpha=[0.0, 0.0], beta=[0.9, 0.0]), "row 1, column 'beta'", "beta = 0.9 is not (alpha + gamma) / 2 = 0.5"),
    (_tasks(p_e0=[0.0, 1.0]), None, "probability columns ['p_e1', 'p_e2'] are missing while ['p_e0'] are given"),
])
def test_2_task_scores_are_named_before_the_row(scores, where, reason):
    said = f"task_scores, {where}: {reason}" if where else f"task_scores: {reason}"
    for call in (lambda: check_task_scores(scores), lambda: to_occupations(scores, "equal"),
                 lambda: bootstrap_occupations(scores, "equal", n_draws=2),
                 lambda: rollup(scores, crosswalk(), employment(), weights="equal")):
        with pytest.raises(DataFormatError) as info:
            call()
        assert str(info.value).startswith(said), str(info.value)
        assert info.value.path == "task_scores"


def test_2_rows_counted_from_an_offset_keep_the_frame_named():
    with pytest.raises(DataFormatError) as info:
        check_task_scores(_tasks(alpha=[1.0, "x"]), row_offset=2)
    assert str(info.value) == "task_scores, row 3, column 'alpha': not a number: 'x'"
    # the file read replaces the frame's name, its rows counted as the file counts them (as before)
    with pytest.raises(DataFormatError) as info:
        check_task_scores(_tasks(task_id=[1, 1.5]), path="scores.csv", row_offset=2)
    assert str(info.value) == "scores.csv, row 3, column 'task_id': task ID 1.5 is not an integer"


# 3. task scores indexed by their key ---------------------------------------------------------

@pytest.mark.parametrize("keys", [["onetsoc_code"], ["onetsoc_code", "task_id"]])
def test_3_task_scores_indexed_by_their_key_are_said_to_be(keys):
    scores = _tasks().set_index(keys)
    index = ", ".join(map(repr, keys))
    said = (f"task scores lack column(s) {sorted(keys)}; {index} {'is' if len(keys) == 1 else 'are'} the index: "
            "reset_index() first")
    for call in (lambda: to_occupations(scores, "equal"), lambda: check_task_scores(scores)):
        with pytest.raises(DataFormatError) as info:
            call()
        assert str(info.value) == said
    # following the advice works
    assert to_occupations(scores.reset_index(), "equal")["beta"].tolist() == [0.5]


# 4. a Census crosswalk of category dtype ----------------------------------------------------

#: Three O*NET-SOC codes on two Census codes, with the OEWS employment of their codes.
SCORES = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"], "beta": [0.2, 0.4, 0.8]})
CENSUS = pd.DataFrame({"onetsoc_code": SCORES["onetsoc_code"], "census_occ": ["0010", "0010", "0020"]})
EMP = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "tot_emp": [200.0, 50.0]})


@pytest.mark.parametrize("categories", [["0020", "0010"], ["0020", "0010", "9999"]])
def test_4_census_codes_of_category_dtype_are_sorted_by_code(categories):
    xw = CENSUS.assign(census_occ=pd.Categorical(CENSUS["census_occ"], categories=categories))
    out = to_census_occ(SCORES, xw, EMP)
    assert out["census_occ"].tolist() == ["0010", "0020"]  # before: ['0020', '0010']
    pd.testing.assert_frame_equal(out, to_census_occ(SCORES, CENSUS, EMP))


# 5. a measure named in another case than its column -----------------------------------------

@pytest.mark.parametrize("measures", [["Beta"], "BETA", ("alpha", "Beta")])
def test_5_a_measure_in_another_case_is_told_the_column_to_write(measures):
    scores = SCORES.assign(alpha=[0.1, 0.2, 0.3])
    with pytest.raises(DataFormatError) as info:
        to_census_occ(scores, CENSUS, EMP, measures=measures)
    given = "Beta" if "Beta" in measures else "BETA"
    assert str(info.value) == f"scores, column 'beta': measures names it {given!r}: write 'beta' in measures"
    # the advice followed is read: the measure of the scores as they are
    fixed = ["alpha", "beta"] if "alpha" in measures else ["beta"]
    out = to_census_occ(scores, CENSUS, EMP, measures=fixed)
    pd.testing.assert_frame_equal(out, to_census_occ(scores, CENSUS, EMP)[out.columns.tolist()])
    # a measure's own name of a column written otherwise: the column is to be renamed, as before
    with pytest.raises(DataFormatError, match=r"^scores, column 'Beta': 'beta' written another way.* "
                       "name it 'beta'$"):
        to_census_occ(scores.rename(columns={"beta": "Beta"}), CENSUS, EMP, measures=["beta"])


# 6. the frames of the task weights are named first -------------------------------------------

#: Three tasks of 11-1011.00, their statements and their importance ratings.
TASKS = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 3, "task_id": [1, 2, 3], "alpha": 0.5, "beta": 0.5,
                      "gamma": 0.5})
STATEMENTS = TASKS[["onetsoc_code", "task_id"]].assign(task_type=["Core", "Supplemental", "Core"])
IM = TASKS[["onetsoc_code", "task_id"]].assign(scale_id="IM", data_value=[4.0, 3.0, 2.5])
FT = pd.DataFrame({"onetsoc_code": "11-1011.00", "task_id": [1, 1, 2, 3], "scale_id": "FT",
                   "category": [1, 2, 1, 1], "data_value": [80.0, 20.0, 100.0, 100.0]})


@pytest.mark.parametrize("weights, given, where, reason", [
    ("core", {"tasks": STATEMENTS.assign(task_type=["Core", "core", "Core"])}, "tasks, row 2, column 'task_type'",
     "task_type must be Core or Supplemental (or missing, blank or n/a), got 'core': write 'Core'"),
    ("core", {"tasks": STATEMENTS.assign(onetsoc_code=["11-1011.00", "11-1011.00 ", "11-1011.00"])},
     "tasks, row 2, column 'onetsoc_code'", "not an O*NET-SOC code (like 11-1011.00): '11-1011.00 ': spaces"),
    ("core", {"tasks": pd.concat([STATEMENTS, STATEMENTS.iloc[[1]].assign(task_type="Core")], ignore_index=True)},
     "tasks, row 4, column 'task_type'", "(11-1011.00, 2) is given on rows 2 and 4 with different values"),
    ("importance", {"task_ratings": IM.assign(data_value=[4.0, "x", 2.0])}, "task_ratings, row 2, column 'data_value'",
     "IM ratings must be numbers, got 'x'"),
    ("importance", {"task_ratings": IM.assign(scale_id=["IM", "im", "IM"])}, "task_ratings, row 2, column 'scale_id'",
     "scale_id 'im' is not O*NET's spelling of scale IM"),
    ("importance", {"task_ratings": IM.assign(onetsoc_code=["11-1011.00", None, "11-1011.00"])},
     "task_ratings, row 2, column 'onetsoc_code'", "missing"),
    ("frequency", {"task_ratings": FT.assign(data_value=[80.0, 50.0, 100.0, 100.0])},
     "task_ratings, row 2, column 'data_value'", "the FT percentages (categories 1-7) of 11-1011.00 task 1 sum to 130"),
    ("frequency", {"task_ratings": FT.assign(category=[1, 9, 1, 1])}, "task_ratings, row 2, column 'category'",
     "FT categories must be 1-7, got 9"),
])
def test_6_the_frames_of_the_weights_are_named_before_the_row(weights, given, where, reason):
    frame = next(iter(given))
    for call in (lambda: task_weights(TASKS, weights, **given), lambda: to_occupations(TASKS, weights, **given)):
        with pytest.raises(DataFormatError) as info:
            call()
        assert str(info.value).startswith(f"{where}: {reason}"), str(info.value)
        assert info.value.path == frame
