"""The fast validation path (:mod:`exposure.schemas._fast`) returns exactly what pandera does.

:func:`exposure.schemas.validate` first tries :func:`validate_passing`, which runs the
model's checks without building the pandera schema (that would import Dask). These tests
compare it with ``Model.validate`` on real tables (every O*NET 29.1 table, the shipped
processed tables, task scores of every method) and check that it declines every kind of
invalid frame, so that pandera, and its error message, decides those.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pytest
from pandera.typing import Series

import exposure.schemas._base as base
from exposure.errors import SchemaError
from exposure.schemas import all_models, validate
from exposure.schemas._fast import validate_passing
from exposure.schemas._onet import JobZones, Tasks
from exposure.schemas._scores import TaskScores


def _same(frame: pd.DataFrame, model, *, must_accept: bool = True) -> bool:
    """The fast path returns what pandera returns, dtypes included (when it accepts)."""
    frame = frame.reset_index(drop=True)
    fast = validate_passing(frame, model)
    if fast is None and not must_accept:
        return False
    assert fast is not None, f"{model.__name__}: the fast path declined a valid frame"
    slow = model.validate(frame, lazy=True)
    assert list(fast.columns) == list(slow.columns)
    assert [str(t) for t in fast.dtypes] == [str(t) for t in slow.dtypes], model.__name__
    pd.testing.assert_frame_equal(fast, slow, check_exact=True)
    return True


@pytest.fixture
def recorded(monkeypatch):
    """Every (frame, model) given to :func:`exposure.schemas.validate`, run by pandera alone."""
    seen: list = []
    monkeypatch.setattr(base, "validate_passing", lambda f, m: seen.append((f.copy(), m)))
    return seen


def test_fast_path_equals_pandera_on_every_onet_table(shared_data, recorded):
    from exposure.onet import load_onet

    load_onet("29.1", mirror=shared_data)
    names = {m.__name__ for _, m in recorded}
    assert {"Occupations", "Tasks", "TaskDwas", "Dwas", "Iwas", "JobZones"} <= names, names
    for frame, model in recorded:
        _same(frame, model)


def test_fast_path_equals_pandera_on_the_shipped_tables(recorded):
    from exposure._load import TABLES, load

    for name in TABLES:
        load(name)
    accepted = [m.__name__ for f, m in recorded if _same(f, m, must_accept=False)]
    assert {"OccupationScores", "SocScores"} <= set(accepted), accepted


def test_fast_path_equals_pandera_on_task_scores(recorded):
    from exposure.scoring import score_tasks

    tasks = pd.DataFrame({
        "onetsoc_code": ["43-4051.00", "47-2211.00", None, "15-1252.00"],
        "task_id": [1, 2, None, 3],
        "task": ["Answer customer emails.", "Weld pipes.", "asdf qwer", "Refactor legacy code."],
    }, index=[7, 3, 9, 1])
    for method in ("learned", "rubric"):
        score_tasks(tasks, method)
    score_tasks(pd.DataFrame({"task": ["Draft a memo."]}))
    assert [m.__name__ for _, m in recorded].count("TaskScores") == 3
    for frame, model in recorded:
        _same(frame, model)


_ZONES = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-2011.00"], "job_zone": ["5", "4"],
                       "date": ["08/2023", "08/2023"], "domain_source": ["Analyst", "Analyst"]})


#: the failures schemas.check_numbers reports before pandera (pandera's message for "x" was
#: ``check greater_than_or_equal_to(1): 'TypeError(...)'`` naming no row)
_OWN = {"coerce": "Job Zones.txt, row 3, column 'job_zone': job_zone must be a number, got text 'x'",
        "null": "Job Zones.txt, row 3, column 'job_zone': job_zone is missing (a whole number is required)"}


@pytest.mark.parametrize("broken, case", [
    (_ZONES.assign(onetsoc_code=["11-1011", "11-2011.00"]), "pattern"),  # str_matches
    (_ZONES.assign(job_zone=["5", "9"]), "range"),  # le
    (_ZONES.assign(job_zone=["5", "x"]), "coerce"),  # coercion
    (_ZONES.assign(job_zone=["5", None]), "null"),  # NA in a non-nullable column
    (_ZONES.assign(onetsoc_code=["11-1011.00", "11-1011.00"]), "unique"),  # Config.unique
    (_ZONES.assign(extra=[1, 2]), "extra"),  # strict
    (_ZONES.drop(columns="date"), "missing"),  # required column
    (_ZONES.assign(date=["13/2023", "08/2023"]), "date"),  # str_matches, second column
], ids=["pattern", "range", "coerce", "null", "unique", "extra", "missing", "date"])
def test_fast_path_declines_invalid_frames_and_pandera_names_the_failure(broken, case):
    assert validate_passing(broken, JobZones) is None
    with pytest.raises(SchemaError) as got:
        validate(broken, JobZones, path="Job Zones.txt", row_offset=2)
    if case in _OWN:
        assert str(got.value) == _OWN[case]
        return
    try:  # the same message as pandera alone gives
        JobZones.validate(broken.reset_index(drop=True), lazy=True)
    except (pa.errors.SchemaErrors, pa.errors.SchemaError) as exc:
        expected = (base._to_error(exc, JobZones, "Job Zones.txt", 2, 5)
                    if isinstance(exc, pa.errors.SchemaErrors) else None)
    else:
        pytest.fail("pandera accepted the broken frame")
    if expected is not None:
        assert str(got.value) == str(expected)
    assert "Job Zones.txt" in str(got.value)


def test_fast_path_runs_dataframe_checks():
    scores = pd.DataFrame({
        "onetsoc_code": pd.array([None], dtype="string"), "task_id": pd.array([None], dtype="Int64"),
        "p_e0": [0.5], "p_e1": [0.4], "p_e2": [0.2],  # sums to 1.1
        "label": pd.array(["E0"], dtype="string"), "alpha": [0.4], "beta": [0.5], "gamma": [0.6],
        "admin": pd.array([False], dtype="boolean"), "routine_coding": pd.array([False], dtype="boolean"),
        "entry_creative": pd.array([False], dtype="boolean"), "method": ["learned"]})
    assert validate_passing(scores, TaskScores) is None
    with pytest.raises(SchemaError, match="_probabilities_sum_to_one"):
        validate(scores, TaskScores)
    fixed = scores.assign(p_e2=[0.1], beta=[0.45], gamma=[0.5])
    _same(fixed, TaskScores)


def test_fast_path_runs_custom_field_checks():
    class Even(pa.DataFrameModel):
        n: Series[int]

        @pa.check("n")
        def _even(cls, s: pd.Series) -> pd.Series:
            return s % 2 == 0

        class Config:
            strict = True
            coerce = True

    assert validate_passing(pd.DataFrame({"n": [2, 3]}), Even) is None
    _same(pd.DataFrame({"n": ["2", "4"]}), Even)


def test_models_outside_the_fast_path_go_to_pandera():
    class Loose(pa.DataFrameModel):  # not strict: pandera decides
        n: Series[int]

        class Config:
            coerce = True

    assert validate_passing(pd.DataFrame({"n": [1]}), Loose) is None
    assert validate(pd.DataFrame({"n": ["1"]}), Loose)["n"].dtype == np.int64


def test_every_model_is_either_fast_or_declined_cleanly():
    """No model makes the fast path raise: it accepts or returns None."""
    for model in all_models().values():
        assert validate_passing(pd.DataFrame(), model) is None  # required columns missing


def test_tasks_with_missing_task_type_keep_pandera_dtypes():
    frame = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": ["8823"], "task": ["Plan."],
                          "task_type": [None], "incumbents_responding": [None],
                          "date": ["08/2023"], "domain_source": ["Incumbent"]})
    _same(frame, Tasks)


def test_exposure_score_imports_no_dask_nor_plotting(tmp_path, fixtures):
    """``exposure score`` (and ``import exposure``) load neither Dask nor the heavy extras."""
    src = fixtures / "scoring" / "freetext" / "modern_tasks_v10.csv"
    code = (
        "import sys\n"
        "import exposure\n"
        "before = set(sys.modules)\n"
        "from exposure.cli import main\n"
        f"assert main(['score', {str(src)!r}, '-o', {str(tmp_path / 'out.csv')!r}]) == 0\n"
        "heavy = ('dask', 'distributed', 'matplotlib', 'sklearn', 'statsmodels', 'pyspark')\n"
        "bad = sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in heavy})\n"
        "print('LOADED', bad, sorted(m for m in before if m.startswith(('pandas', 'pandera'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    line = next(x for x in out.stdout.splitlines() if x.startswith("LOADED"))
    assert line == "LOADED [] []", line


@pytest.mark.parametrize("value, shown", [("False", "text 'False'"), ("no", "text 'no'"), (np.nan, "nan"),
                                          (None, "None"), (2, "2")])
def test_flags_not_true_or_false_are_refused_before_coercion(value, shown):
    """A coercing model read ``"False"``, ``"no"`` and NaN as True, None as False (astype(bool)); 0/1 stay read."""
    from exposure.schemas._outcomes import OccupationPanel

    class Flags(pa.DataFrameModel):
        flag: Series[bool]

        class Config:
            strict = True
            coerce = True

    ok = validate(pd.DataFrame({"flag": [True, 0, 1.0, False]}, dtype=object), Flags)
    assert ok["flag"].tolist() == [True, False, True, False]
    frame = pd.DataFrame({"flag": [True, value]}, dtype=object)
    with pytest.raises(SchemaError, match=rf"^f\.csv, row 3, column 'flag': flag must be True or False, got {shown}$"):
        validate(frame, Flags, path="f.csv", row_offset=2)
    with pytest.raises(SchemaError, match=r"^Flags, row 1, column 'flag'"):  # 0-based rows without row_offset
        validate(frame, Flags)
    assert OccupationPanel.__fields__["balanced"][0].arg is bool  # the shipped flag this guards


def test_nullable_flags_keep_missing_values():
    """A missing value of a nullable flag is left to the model; text is still refused."""
    class Flags(pa.DataFrameModel):
        flag: Series[bool] = pa.Field(nullable=True)

        class Config:
            coerce = True

    out = validate(pd.DataFrame({"flag": [True, None]}, dtype=object), Flags)
    assert out["flag"].isna().tolist() == [False, True]
    with pytest.raises(SchemaError, match=r"^Flags, row 2, column 'flag': flag must be True or False, got text 'x'$"):
        validate(pd.DataFrame({"flag": [True, None, "x"]}, dtype=object), Flags)
