"""Fault round 74, third pass over the roll-ups (``exposure.rollup``) and ``exposure rollup``.

1. An employment frame indexed by a column it needs (``set_index("naics")``, or BLS's
   ``NAICS`` header) was refused as ``employment frame lacks column(s) ['naics']`` and no
   more, where the other frames of the roll-ups (:func:`~exposure.rollup._soc.require_frame`)
   say the column is the index. Now ``employment frame lacks column(s) ['naics'];
   'NAICS' is the index: reset_index() first``, and following the advice works.
2. A bad ``task_type`` of the task scores' own column, refused by the public
   :func:`~exposure.rollup.task_weights`, named no frame (``row 2, column 'task_type':
   task_type must be ...``, ``path`` None) where :func:`check_task_scores`, the same
   check of the same column, names it (``task_scores, row 2, ...``). Now it is named
   ``task_scores`` too, and ``exposure rollup`` re-paths errors so named to its scores
   file (``_in_file(..., frame="task_scores")``; the old ``_in_file`` took no such frame).
3. A task type with spaces around it (``"Supplemental "``, ``" Core"``: a space left by a
   spreadsheet) was refused by the roll-ups with the rule alone (``... got
   'Supplemental '``), while ``exposure score`` and the readers of tasks tell the type to
   write (:func:`exposure.scoring._inputs.task_type_hint`). Now the roll-ups (the scores'
   own column, the ``tasks`` statements, ``exposure rollup``) add ``: write
   'Supplemental' (without the spaces around it)``, and following it works.
4. ``bootstrap_occupations(..., w=...)`` with weights that are 0 on every task row of an
   occupation returned draws all NaN for it (an interval of NaN), without a word. Now it
   is refused: ``w gives weight 0 to every task row of 11-1011.00 (task rows 1 and 2):
   its draws would all be missing; ...``. A weight of 0 on some rows of an occupation
   is used as before.
5. ``working_time(soc, measure="Beta")`` of a frame with ``beta`` was told only
   ``soc_scores lacks column(s) ['Beta'] (columns: [...])``; a frame whose column is
   written ``Beta`` got the same for the default ``beta``. Now the message adds ``; the
   frame has 'beta': give measure='beta'`` (the words of the library's other column
   arguments, :func:`exposure.scoring._inputs.missing_column_hint`), and following it works.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _frames import employment, soc_scores
from test_faults_cli import cli, one_error_line

from exposure.cli._rollup import _in_file
from exposure.errors import DataFormatError
from exposure.rollup import bootstrap_occupations, task_weights, to_occupations, working_time
from exposure.rollup._occupations import check_task_scores, label_scores
from exposure.rollup._soc import employment_frame, national_detailed

SPACES = " (without the spaces around it)"


def _scores(task_type=("Core", "Supplemental", "Core")) -> pd.DataFrame:
    """Task scores of two occupations: 11-1011.00 (tasks 1, 2) and 11-2011.00 (task 3)."""
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "11-2011.00"], "task_id": [1, 2, 3],
                       "label": ["E1", "E0", "E2"], "task_type": pd.Series(task_type, dtype=object)})
    return pd.concat([ts, label_scores(ts["label"])], axis=1)


# 1. an employment frame indexed by a column it needs ----------------------------------------


@pytest.mark.parametrize("upper", [False, True])
def test_1_an_employment_frame_indexed_by_naics_is_told_so(upper):
    emp = employment().rename(columns=str.upper) if upper else employment()
    column = "NAICS" if upper else "naics"
    with pytest.raises(DataFormatError) as info:
        national_detailed(emp.set_index(column))
    assert str(info.value) == (f"employment frame lacks column(s) ['naics']; {column!r} is the index: "
                               "reset_index() first")
    assert national_detailed(emp.set_index(column).reset_index()).equals(national_detailed(emp))
    with pytest.raises(DataFormatError, match=r"\['naics', 'occ_code'\]; 'naics', 'occ_code' are the index"):
        employment_frame(employment().set_index(["naics", "occ_code"]))
    with pytest.raises(DataFormatError) as info:  # a column missing for another reason: as before
        employment_frame(employment().drop(columns="naics").set_index("occ_title"))
    assert str(info.value) == "employment frame lacks column(s) ['naics']"


# 2. task_weights names the task scores ------------------------------------------------------


def test_2_task_weights_names_the_task_scores_as_check_task_scores_does():
    bad = _scores(["Core", "Supp", "Core"])
    said = ("task_scores, row 2, column 'task_type': task_type must be Core or Supplemental (or missing, "
            "blank or n/a), got 'Supp'")
    for call in (lambda: task_weights(bad, "core"), lambda: check_task_scores(bad)):
        with pytest.raises(DataFormatError) as info:
            call()
        assert str(info.value) == said
        assert info.value.path == "task_scores"


def test_2_exposure_rollup_names_its_file_for_the_task_scores(tmp_path):
    path = tmp_path / "my scores.csv"
    with pytest.raises(DataFormatError) as info:
        with _in_file(path, 2, frame="task_scores"):
            task_weights(_scores(["Core", "Supp", "Core"]), "core")
    assert str(info.value).startswith(f"{path}, row 3, column 'task_type': task_type must be Core or ")
    with pytest.raises(DataFormatError) as info:  # another frame's error is left as it is
        with _in_file(path, 2, frame="task_scores"):
            task_weights(_scores().drop(columns="task_type"), "core", tasks=_scores(["Core", "Supp", "Core"]))
    assert str(info.value).startswith("tasks, row 2, column 'task_type': ")


# 3. a task type with spaces around it -------------------------------------------------------


@pytest.mark.parametrize(("value", "meant"), [("Supplemental ", "Supplemental"), (" Core", "Core"),
                                              ("Core\t", "Core")])
def test_3_a_padded_task_type_is_told_the_type_to_write(value, meant):
    pos = 1 if meant == "Supplemental" else 0
    types = ["Core", "Supplemental", "Core"]
    bad = types.copy()
    bad[pos] = value
    rule = "task_type must be Core or Supplemental (or missing, blank or n/a)"
    for call, frame in ((lambda: task_weights(_scores(bad), "core"), "task_scores"),
                        (lambda: to_occupations(_scores(bad), "core"), "task_scores"),
                        (lambda: task_weights(_scores().drop(columns="task_type"), "core", tasks=_scores(bad)),
                         "tasks")):
        with pytest.raises(DataFormatError) as info:
            call()
        assert str(info.value) == (f"{frame}, row {pos + 1}, column 'task_type': {rule}, got {value!r}: "
                                   f"write {meant!r}{SPACES}")
    np.testing.assert_array_equal(task_weights(_scores(types), "core"), [2.0, 1.0, 2.0])


def test_3_exposure_rollup_tells_the_type_to_write(fixtures, tmp_path, capsys):
    d = fixtures / "rollup"
    scores = pd.read_csv(d / "task_scores_tiny.csv", dtype={"onetsoc_code": str})
    pos = int(np.flatnonzero(scores["task_type"].eq("Supplemental").to_numpy())[0])
    scores.loc[pos, "task_type"] = "Supplemental "
    path = tmp_path / "my scores.csv"
    scores.to_csv(path, index=False)
    args = ["--crosswalk", d / "onet_to_soc_tiny.csv", "--employment", d / "oews_tiny.csv"]
    code, _, err = cli(capsys, "rollup", path, "-o", tmp_path / "out", *args)
    assert code == 2
    assert one_error_line(err, command="rollup") == (
        f"exposure rollup: error: {path}, row {pos + 2}, column 'task_type': task_type must be Core or Supplemental "
        f"(or missing, blank or n/a), got 'Supplemental ': write 'Supplemental'{SPACES}")
    assert not (tmp_path / "out").exists()
    scores.loc[pos, "task_type"] = "Supplemental"
    scores.to_csv(path, index=False)
    assert cli(capsys, "rollup", path, "-o", tmp_path / "out", *args)[0] == 0


# 4. bootstrap weights of 0 on every task of an occupation -----------------------------------


@pytest.mark.parametrize(("w", "said"), [
    ([0.0, 0.0, 1.0], "every task row of 11-1011.00 (task rows 1 and 2)"),
    ([1.0, 2.0, 0], "every task row of 11-2011.00 (task row 3)"),
    (np.zeros(3), "every task row of 11-1011.00 (task rows 1 and 2) (and 1 other occupation)"),
])
def test_4_weights_of_0_on_every_task_of_an_occupation_are_refused(w, said):
    with pytest.raises(DataFormatError) as info:
        bootstrap_occupations(_scores(), "equal", n_draws=5, w=w)
    assert str(info.value) == (f"w gives weight 0 to {said}: its draws would all be missing; give one of its "
                               "tasks a weight above 0, or give task_weights() of the same task scores")


def test_4_a_weight_of_0_on_some_tasks_of_an_occupation_is_used():
    with pytest.raises(DataFormatError, match="^w gives weight 0 to every task row of 11-2011.00 "):
        bootstrap_occupations(_scores(), "equal", n_draws=50, seed=2, w=[1.0, 1.0, 0.0])
    scores = pd.concat([_scores(), _scores().iloc[[2]].assign(task_id=4)], ignore_index=True)
    draws = bootstrap_occupations(scores, "equal", n_draws=50, seed=2, w=[1.0, 1.0, 0.0, 1.0]).draws["beta"]
    assert not np.isnan(draws[:, 0]).any()
    # 11-2011.00: its weighed task (E2, beta 0.5) alone counts; a draw of its row of weight 0
    # alone is missing, as a draw of rows missing a measure is (as before)
    given = draws[:, 1][~np.isnan(draws[:, 1])]
    assert len(given) > 25 and set(given.tolist()) == {0.5}


# 5. working_time's measure in another spelling ----------------------------------------------


def test_5_working_time_offers_the_measure_column_the_frame_has():
    soc = soc_scores(tot_emp=[10.0, 30.0])
    with pytest.raises(DataFormatError) as info:
        working_time(soc, measure="Beta")
    assert str(info.value) == ("soc_scores lacks column(s) ['Beta'] (columns: ['soc_code', 'alpha', 'beta', "
                               "'gamma', 'tot_emp']); the frame has 'beta': give measure='beta'")
    want = working_time(soc, measure="beta")
    theirs = soc.rename(columns={"beta": "Beta"})
    with pytest.raises(DataFormatError) as info:
        working_time(theirs)
    assert str(info.value).endswith("; the frame has 'Beta': give measure='Beta'")
    assert working_time(theirs, measure="Beta").equals(want)
    with pytest.raises(DataFormatError) as info:  # a column no spelling of which is there: as before
        working_time(soc, measure="share_e1")
    assert str(info.value).endswith("'gamma', 'tot_emp'])")


def test_5_working_time_with_sectors_follows_the_advice_too():
    soc = soc_scores(tot_emp=[100.0, 50.0]).rename(columns={"beta": "BETA"})
    with pytest.raises(DataFormatError, match="give measure='BETA'$"):
        working_time(soc, employment())
    got = working_time(soc, employment(), measure="BETA")
    assert got.equals(working_time(soc_scores(tot_emp=[100.0, 50.0]), employment()))
    assert got["level"].tolist() == ["soc", "soc", "sector"]
