"""Fault round 75, faults found in files no helper held (each test failed before its fix).

1. ``exposure rollup`` of the scores of a caller's own tasks, as ``exposure score``
   writes them, said only ``missing column(s) ['task_id']`` (a task list with codes and
   no task IDs) or ``missing column(s) ['onetsoc_code', 'task_id']`` (free text, whose
   scores name the closest O*NET task's code in ``nearest_onetsoc_code``), with no word
   of what to write. It says now to give each task an ID unique within its code and to
   weigh the tasks with ``--weights equal``, and for free text to give each row its
   occupation's code (the closest task's being a rough placement only), as the
   quickstart does; following the advice rolls the scores up.
2. A ``Decimal('sNaN')`` cell (a signalling NaN, as a database driver's ``NUMERIC`` may
   hold) raised ``decimal.InvalidOperation: [<class 'decimal.InvalidOperation'>]`` from
   inside pandas (``notna()``), naming no row or column, in the places round 75's
   numbers helper left: ``score_tasks``' check of repeated keys (a task ID), the
   roll-ups' measures (``to_occupations``, ``to_soc``, ``to_sectors``: ``measure_values``)
   and the published measures' number columns and employment (``numbers``, ``to_float``,
   ``check_employment``'s ``oews_cells``). Each names the cell now, with the shared
   :func:`exposure._tables.signalling_nan`.
3. :func:`exposure.scoring.learned.load_model` (``score_tasks(model=...)``, ``exposure
   score --model``) given the transformer's artifact, the word vectors or the retrieval
   index said ``not a model artifact: it lacks 'sets'``, as if one key were missing. It
   names the artifact it was given now, and of the transformer's says that
   ``method='transformer'`` loads the shipped transformer itself, ``model=`` being the
   learned model of the rows given by O*NET ids. The kinds are told by one rule
   (:func:`exposure.scoring.learned.artifact_kind`), which the transformer's loader
   (round 75) kept a copy of.
4. :func:`exposure.dask.score` given ``onet=29.1`` (a number) said ``onet must be an O*NET
   release name such as '29.1' (or None), got float 29.1``, where :mod:`exposure.spark`
   gives :func:`exposure.releases.check_onet_release`'s advice (a number loses the zeros
   of a release; ``30`` is told ``'30.1'``). Dask gives it too now; a list or a bool is
   refused as before.
5. ``exposure diff`` printed its summary's items padded to 34 characters, so the count of
   ``tasks_same_text_and_dwas_beta_moved_gt_0.01`` (43 characters) stood out of line with
   the others; the items are padded to the longest now.
6. ``score_tasks(df, "reference", reference_source=" human")`` (or ``"Human"``) was
   told the choices only, ``unknown reference source ' human'; choose one of ['gpt4',
   'human']``; it is told what to write now (``padded_choice_hint``, as the method is).
7. A float32 argument was shown by its float64 value in messages (``O*NET release
   float32 29.100000381469727 is not of the form MAJOR.MINOR``); :func:`exposure._args.shown`
   shows the decimal it prints as (``float32 29.1``), as the number checks read it.
"""

from __future__ import annotations

import decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

import exposure.dask as xdask
from exposure import score_tasks, to_occupations
from exposure.errors import DataFormatError, ExposureError
from exposure.measures._common import check_employment
from exposure.measures._crosswalk import numbers
from exposure.releases import check_onet_release
from exposure.scoring import learned

SNAN = decimal.Decimal("sNaN")
MODELS = Path(learned.__file__).parent.parent / "data" / "models"

SCORES = {"task": ["Draft replies to routine customer emails", "Weld steel beams"],
          "alpha": [0.7, 0.0], "beta": [0.75, 0.02], "gamma": [0.8, 0.04]}


@pytest.mark.parametrize("columns, fragment", [
    ({"onetsoc_code": ["43-4051.00", "51-4121.06"]},
     "missing column(s) ['task_id']; give each task an ID unique within its occupation code"),
    ({"nearest_onetsoc_code": ["43-6014.00", "49-9092.00"]},
     "missing column(s) ['onetsoc_code', 'task_id']; these are scores of texts without "
     "occupation codes: give each row the O*NET-SOC code of its occupation"),
])
def test_rollup_of_own_tasks_says_what_to_add(tmp_path, capsys, columns, fragment):
    path = tmp_path / "s.csv"
    pd.DataFrame({**SCORES, **columns}).to_csv(path, index=False)
    code, _, err = cli(capsys, "rollup", str(path), "-o", str(tmp_path / "out"))
    line = one_error_line(err, command="rollup")
    assert code == 2 and fragment in line and "--weights equal" in line
    assert not (tmp_path / "out").exists()


def test_rollup_of_measures_missing_says_no_more(tmp_path, capsys):
    """Scores without a measure get no advice about task IDs (it would not be the fix)."""
    path = tmp_path / "s.csv"
    pd.DataFrame({"onetsoc_code": ["43-4051.00"], "task": ["x"], "alpha": [0.1]}).to_csv(path, index=False)
    code, _, err = cli(capsys, "rollup", str(path), "-o", str(tmp_path / "out"))
    line = one_error_line(err, command="rollup")
    assert code == 2 and line.endswith("missing column(s) ['beta', 'gamma', 'task_id']")


def test_following_the_advice_rolls_the_scores_up(tmp_path, capsys):
    path = tmp_path / "s.csv"
    pd.DataFrame({**SCORES, "onetsoc_code": ["43-4051.00", "51-4121.06"],
                  "task_id": [1, 2]}).to_csv(path, index=False)
    code, out, err = cli(capsys, "rollup", str(path), "-o", str(tmp_path / "out"), "--weights", "equal",
                         "--format", "csv")
    assert code == 0, err
    occ = pd.read_csv(tmp_path / "out" / "occupation_scores.csv", dtype={"onetsoc_code": str})
    assert sorted(occ["onetsoc_code"]) == ["43-4051.00", "51-4121.06"]


def _cells(*values):
    return pd.Series(list(values), dtype=object)


@pytest.mark.parametrize("call, message", [
    (lambda: score_tasks(pd.DataFrame({"task": ["Draft replies to emails", "Weld beams"],
                                       "onetsoc_code": ["43-4051.00", "43-4051.00"],
                                       "task_id": _cells(1, SNAN)})),
     "row 2, column 'task_id': task ID Decimal('sNaN') is not an integer"),
    (lambda: to_occupations(pd.DataFrame({"onetsoc_code": ["43-4051.00", "43-4051.00"], "task_id": [1, 2],
                                          "alpha": _cells(0.5, SNAN), "beta": [0.5, 0.5], "gamma": [0.5, 0.5]}),
                            weights="equal"),
     "task_scores, row 2, column 'alpha': not a number: Decimal('sNaN')"),
    (lambda: numbers(pd.DataFrame({"x": _cells(0.5, SNAN)}), "x", "t"),
     "t, row 2, column 'x': not a number: Decimal('sNaN')"),
    (lambda: check_employment(pd.DataFrame({"soc_code": ["11-1011", "11-1021"], "tot_emp": _cells(10, SNAN)})),
     "employment, row 2, column 'tot_emp': not a number: Decimal('sNaN')"),
])
def test_a_signalling_nan_cell_is_named(call, message):
    with pytest.raises(DataFormatError) as info:
        call()
    assert str(info.value) == message


@pytest.mark.parametrize("name, kind", [
    ("transformer-v1.npz", "it is a transformer artifact (exposure.scoring.transformer.load_transformer reads it); "
                           "score_tasks(method='transformer') loads the shipped transformer itself"),
    ("vectors-v1.npz", "it is static word vectors"),
    ("retrieval-v1.npz", "it is a retrieval index"),
])
def test_the_learned_loader_names_another_artifact(name, kind):
    with pytest.raises(DataFormatError) as info:
        learned.load_model(MODELS / name)
    assert f"{name}: not a model of the learned scorer: {kind}" in str(info.value)


def test_score_tasks_given_the_transformer_as_model_says_so():
    with pytest.raises(DataFormatError, match="not a model of the learned scorer: it is a transformer artifact"):
        score_tasks(pd.DataFrame({"task": ["Draft replies to emails"]}), method="transformer",
                    model=MODELS / "transformer-v1.npz")


@pytest.mark.parametrize("onet, advice", [
    (29.1, "O*NET release float 29.1 is not of the form MAJOR.MINOR (e.g. 29.1, 31.0): give it as text (str), "
           "in quotes (a number loses the zeros of a release: 30.10 and 30.1 are one float)"),
    (30, "give it as text (str) with its minor number, such as '30.1'"),
])
def test_dask_score_tells_a_numeric_release_what_to_write(onet, advice):
    frame = xdask.dd.from_pandas(pd.DataFrame({"task": ["Draft replies to emails"]}), npartitions=1)
    with pytest.raises(DataFormatError) as info:
        xdask.score(frame, onet=onet)
    assert advice in str(info.value)


@pytest.fixture
def two_outputs(tmp_path):
    import test_diff  # the made-up outputs of tests/unit/test_diff.py

    return test_diff.two_outputs.__wrapped__(tmp_path)


def test_the_diff_summary_counts_stand_in_one_column(two_outputs, tmp_path, capsys):
    old, new = two_outputs
    code, out, err = cli(capsys, "diff", str(old), str(new), "--reports", str(tmp_path / "r"))
    assert code == 0, err
    summary = out.split("top moves")[0].splitlines()[1:]  # the lines below the releases' line
    rows = [line for line in summary if line.startswith("  ")]
    assert any("tasks_same_text_and_dwas_beta_moved_gt_0.01" in line for line in rows)
    assert len({len(line) for line in rows}) == 1, rows


@pytest.mark.parametrize("source, hint", [(" human", ": write 'human' (without the spaces around it)"),
                                          ("Human", ": write 'human' (the choices are case-sensitive)")])
def test_a_reference_source_in_another_form_is_told_what_to_write(source, hint):
    with pytest.raises(ExposureError) as info:
        score_tasks(pd.DataFrame({"task": ["Draft replies to emails"]}), "reference", reference_source=source)
    assert str(info.value).endswith(f"choose one of ['gpt4', 'human']{hint}")


def test_a_float32_is_shown_as_the_decimal_it_prints_as():
    with pytest.raises(DataFormatError, match=r"^O\*NET release float32 29\.1 is not of the form"):
        check_onet_release(np.float32(29.1))
