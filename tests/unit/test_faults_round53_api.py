"""Fault round 53 (api): the public Python API as a researcher calls it in a notebook.

Faults found and fixed (each test names its fault):

1. A frame given again after an edit in place (the statements given to
   ``to_occupations(..., tasks=T)``, the ``labels`` of ``score_tasks(method="reference")``,
   a release's ``tasks`` or ``task_dwas``) was read through the look-up built from it at
   the first call (``exposure.scoring._inputs.remembered`` compared the frame objects
   only): the second call gave the first call's result, and its warning quoted the new
   statement as another task's (``'Drive a forklift ...', listed as 'Drive a forklift
   ...'``). A look-up is now rebuilt when the contents of a frame changed.
2. An OEWS frame with a column named otherwise than by text (``0`` of
   ``pd.concat([emp, extra], axis=1)`` with an unnamed Series, a frame built from an
   array) raised ``TypeError: descriptor 'lower' for 'str' objects doesn't apply to a
   'int' object`` from ``employment_frame`` in ``to_soc``, ``to_sectors``,
   ``workforce_stats``, ``working_time``, ``national_detailed`` and ``rollup``. Such a
   column is not read.
3. ``exposure.outcomes`` (``exposure_table``, ``group_growth``, ``event_study``,
   ``check_panel``, ``run_outcomes``, ``build_panel``, ``sector_growth``) given a table
   with two-level column names (a ``pivot_table`` or ``groupby().agg([...])`` result)
   raised pandas' ``AttributeError: 'DataFrame' object has no attribute 'dtype'``,
   ``KeyError: Index(['soc_code'], dtype='str')`` or ``MergeError``, or named an OEWS
   level ``array(['total'], dtype=object)``; the roll-ups refuse such frames in one line.
4. ``exposure.crosswalks.soc_broad_group`` of a Series (which ``soc_major`` takes), an
   array or an Index printed the whole value in its message, over several lines. A Series
   is now read code by code, as ``soc_major`` reads it.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from exposure import outcomes
from exposure.crosswalks import soc_broad_group
from exposure.errors import DataFormatError
from exposure.rollup import (
    national_detailed,
    rollup,
    to_occupations,
    to_sectors,
    to_soc,
    workforce_stats,
    working_time,
)
from exposure.scoring import _inputs, score_tasks
from exposure.scoring._inputs import frames_unchanged, job_zone_lookup, remembered, task_dwa_links

CODE = "43-4171.00"
FORKLIFT = "Drive a forklift in the warehouse."


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


# fault 1: a frame edited in place between two calls ----------------------------------

def _statements() -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": [CODE, CODE], "task_id": [1, 2],
                         "task": ["Answer telephones.", "File records."], "task_type": ["Core", "Supplemental"]})


def _task_scores() -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": [CODE, CODE], "task_id": [1, 2], "task": [FORKLIFT, "File records."],
                         "alpha": [0.0, 1.0], "beta": [0.0, 1.0], "gamma": [0.0, 1.0]})


def test_statements_edited_in_place_are_read_again(caplog):
    statements, scores = _statements(), _task_scores()
    with caplog.at_level(logging.WARNING):
        first = to_occupations(scores, weights="core", tasks=statements)
    assert first["beta"].tolist() == [0.5]  # the forklift row is a task of one's own: weight 1
    assert any("listed as 'Answer telephones.'" in m for m in _warnings(caplog))
    caplog.clear()
    statements.loc[0, "task"] = FORKLIFT  # task 1 is the forklift task after all: Core
    with caplog.at_level(logging.WARNING):
        second = to_occupations(scores, weights="core", tasks=statements)
    assert second["beta"].iloc[0] == pytest.approx(1 / 3)  # Core 2 x 0 + Supplemental 1 x 1
    assert _warnings(caplog) == []  # was: "... 'Drive a forklift ...', listed as 'Drive a forklift ...'"
    assert second.equals(to_occupations(scores, weights="core", tasks=statements.copy()))


def test_labels_edited_in_place_are_read_again(caplog):
    labels = pd.DataFrame({"onetsoc_code": [CODE], "task_id": [7], "task": ["Answer telephones."],
                           "human_exposure_agg": ["E1"], "gpt4_exposure": ["E1"]})
    frame = pd.DataFrame({"onetsoc_code": [CODE], "task_id": [7], "task": ["Greet visitors at the front desk."]})
    with caplog.at_level(logging.WARNING):
        assert score_tasks(frame, "reference", labels=labels)["label"].isna().all()
    assert any("another task than their text" in m for m in _warnings(caplog))
    labels.loc[0, "task"] = "Greet visitors at the front desk."
    assert score_tasks(frame, "reference", labels=labels)["label"].tolist() == ["E1"]  # was: NaN


def _release(dwa: str = "4.A.1.a.1.I01.D01", zone: int = 3) -> SimpleNamespace:
    return SimpleNamespace(
        task_dwas=pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "dwa_id": [dwa]}),
        dwas=pd.DataFrame({"dwa_id": [dwa, "4.A.1.a.1.I01.D02"], "iwa_id": ["4.A.1.a.1.I01"] * 2}),
        job_zones=pd.DataFrame({"onetsoc_code": ["11-1011.00"], "job_zone": [zone]}),
        occupations=None)


def test_release_frames_edited_in_place_rebuild_their_lookups():
    onet = _release()
    assert task_dwa_links(onet)[0] == {("11-1011.00", "1"): ["4.A.1.a.1.I01.D01"]}
    assert job_zone_lookup(onet) == {"11-1011.00": 3}
    onet.task_dwas.loc[0, "dwa_id"] = "4.A.1.a.1.I01.D02"
    onet.job_zones.loc[0, "job_zone"] = 4
    assert task_dwa_links(onet)[0] == {("11-1011.00", "1"): ["4.A.1.a.1.I01.D02"]}  # was: ...D01
    assert job_zone_lookup(onet) == {"11-1011.00": 4}  # was: 3


def test_unchanged_frames_still_reuse_their_lookups():
    onet = _release()
    assert task_dwa_links(onet) is task_dwa_links(onet)
    assert job_zone_lookup(onet) is job_zone_lookup(onet)
    equal = pd.DataFrame({"a": [1]})
    assert remembered("round53", (equal,), lambda: [1]) is remembered("round53", (equal,), lambda: [2])
    assert remembered("round53", (equal.copy(),), lambda: [3]) == [3]  # another object: built again


def test_unhashable_cells_rebuild_at_every_call():
    frame = pd.DataFrame({"a": [[1, 2]]})
    assert remembered("round53_lists", (frame,), lambda: [1]) == [1]
    assert remembered("round53_lists", (frame,), lambda: [2]) == [2]


def test_one_call_hashes_each_frame_once(monkeypatch):
    calls = []
    real = _inputs._fingerprint
    monkeypatch.setattr(_inputs, "_fingerprint", lambda f: calls.append(id(f)) or real(f))
    onet = _release()
    with frames_unchanged():
        task_dwa_links(onet)
        job_zone_lookup(onet)
        task_dwa_links(onet)
    assert sorted(calls) == sorted({id(onet.task_dwas), id(onet.dwas), id(onet.job_zones), id(None)})


# fault 2: an OEWS frame with a column named by a number ------------------------------

def _employment() -> pd.DataFrame:
    return pd.DataFrame({
        "naics": ["000000", "000000", "000000", "11", "11", "11", "52", "52", "52"],
        "naics_title": ["Cross-industry"] * 3 + ["Agriculture"] * 3 + ["Finance"] * 3,
        "i_group": ["cross-industry"] * 3 + ["sector"] * 6,
        "occ_code": ["00-0000", "11-1011", "43-4171"] * 3,
        "o_group": ["total", "detailed", "detailed"] * 3,
        "tot_emp": [300.0, 100.0, 200.0, 120.0, 40.0, 80.0, 180.0, 60.0, 120.0],
        "a_mean": [50000.0, 90000.0, 30000.0] * 3,
    })


def _occupations() -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": ["11-1011.00", "43-4171.00"], "alpha": [0.1, 0.6],
                         "beta": [0.2, 0.7], "gamma": [0.3, 0.8]})


XW = pd.DataFrame({"onetsoc_code": ["11-1011.00", "43-4171.00"], "soc_code": ["11-1011", "43-4171"]})


@pytest.mark.parametrize("name", [0, 1.5, None, True, ("a", "b")])
def test_employment_with_a_column_named_by_a_number_is_read(name):
    emp = _employment()
    extra = pd.concat([emp, pd.Series(np.arange(len(emp)), name=name)], axis=1)  # the column is named `name`
    soc = to_soc(_occupations(), XW, emp)
    pd.testing.assert_frame_equal(to_soc(_occupations(), XW, extra), soc)  # was: TypeError
    pd.testing.assert_frame_equal(to_sectors(soc, extra), to_sectors(soc, emp))
    pd.testing.assert_frame_equal(workforce_stats(soc, extra), workforce_stats(soc, emp))
    pd.testing.assert_frame_equal(working_time(soc, extra), working_time(soc, emp))
    pd.testing.assert_frame_equal(national_detailed(extra), national_detailed(emp))


def test_rollup_with_such_an_employment_frame():
    tasks = pd.DataFrame({"onetsoc_code": ["11-1011.00", "43-4171.00"], "task_id": [1, 2], "label": ["E0", "E1"],
                          "alpha": [0.0, 1.0], "beta": [0.0, 1.0], "gamma": [0.0, 1.0]})
    emp = _employment()
    extra = emp.set_axis([*emp.columns[:-1], 0], axis=1)  # a_mean named 0: not read
    got = rollup(tasks, XW, extra, weights="equal")
    assert got.soc["tot_emp"].tolist() == [100.0, 200.0] and got.soc["a_mean"].isna().all()


def test_employment_of_number_columns_only_lacks_its_columns():
    with pytest.raises(DataFormatError, match=r"^employment frame lacks column\(s\) \['naics', 'i_group'"):
        national_detailed(pd.DataFrame(_employment().to_numpy()))  # pd.read_csv(..., header=None)


# fault 3: outcomes tables with two-level column names --------------------------------

YEARS = [2021, 2022, 2023, 2024, 2025]
CODES = ["11-1011", "11-2021", "13-1111", "13-2011", "43-4171", "43-9021", "15-1252", "15-1211"]


def _panel() -> pd.DataFrame:
    rng = np.random.default_rng(53)
    rows = [{"soc_code": c, "year": y, "soc_title": f"Occupation {c}", "soc_major": c[:2] + "-0000",
             "code_type": "detailed", "tot_emp": float(1000 * (i + 1) + 10 * (y - 2021) * (i % 3)),
             "a_mean": float(40000 + 5000 * i + 500 * (y - 2021)), "a_median": np.nan, "balanced": True}
            for i, c in enumerate(CODES) for y in YEARS]
    panel = pd.DataFrame(rows)
    panel["tot_emp"] += rng.integers(0, 50, len(panel))
    return panel


def _exposures() -> pd.DataFrame:
    return pd.DataFrame({"soc_code": CODES, "beta": np.linspace(0.1, 0.8, len(CODES))})


def _two_levels(frame: pd.DataFrame, second: str = "x") -> pd.DataFrame:
    return frame.set_axis(pd.MultiIndex.from_arrays([frame.columns, [second] * frame.shape[1]]), axis=1)


TWO_LEVELS = r"has 2-level column names \(e\.g\. \('soc_code', '(x)?'\)\): flatten them to one level$"


def test_flat_outcome_tables_are_estimated():
    """Passed before: the same tables, flat, give estimates (the frames below differ by their columns only)."""
    assert len(outcomes.group_growth(_panel(), _exposures(), q=2)) > 0
    assert len(outcomes.event_study(_panel(), _exposures(), ["beta"])) > 0


@pytest.mark.parametrize("second", ["x", ""])
def test_two_level_panel_is_refused(second):
    panel = _two_levels(_panel(), second)
    for call in (lambda: outcomes.group_growth(panel, _exposures(), q=2),
                 lambda: outcomes.event_study(panel, _exposures(), ["beta"]),
                 lambda: outcomes.check_panel(panel),
                 lambda: outcomes.run_outcomes(panel, _exposures(), ["beta"]),
                 lambda: outcomes.exposure_table(panel, _exposures(), measures=["beta"])):
        with pytest.raises(DataFormatError, match="^panel " + TWO_LEVELS):
            call()


@pytest.mark.parametrize("second", ["x", ""])
def test_two_level_exposures_or_scores_are_refused(second):
    wide = _two_levels(_exposures(), second)
    with pytest.raises(DataFormatError, match="^exposures " + TWO_LEVELS):
        outcomes.event_study(_panel(), wide, ["beta"])  # was: KeyError / AttributeError
    with pytest.raises(DataFormatError, match="^exposures " + TWO_LEVELS):
        outcomes.group_growth(_panel(), wide, q=2)
    with pytest.raises(DataFormatError, match="^soc_scores " + TWO_LEVELS):
        outcomes.exposure_table(_panel(), wide, measures=["beta"])  # was: MergeError


def test_two_level_oews_tables_are_refused():
    emp = _two_levels(_employment())
    with pytest.raises(DataFormatError, match=r"^frames\[2021\] has 2-level column names \(e\.g\. \('naics', 'x'\)\)"):
        outcomes.build_panel({2021: emp}, ["11-1011", "43-4171"])  # was: "got array(['total'], dtype=object)"
    with pytest.raises(DataFormatError, match=r"^frames\[2021\] has 2-level column names"):
        outcomes.sector_growth({2021: emp, 2025: _employment()}, pd.DataFrame({"naics": ["11"], "beta": [0.5]}))


# fault 4: soc_broad_group of a Series, an array, an Index ----------------------------

def test_broad_group_of_a_series_as_soc_major_reads_it():
    codes = pd.Series(["13-1021", "29-1224", "15-1252.00"], index=[5, 6, 7])
    got = soc_broad_group(codes)
    assert got.tolist() == ["13-1020", "29-1210", "15-1250"] and got.index.tolist() == [5, 6, 7]
    with pytest.raises(DataFormatError, match=r"^not a SOC or O\*NET-SOC code: 'bad' at position 1$"):
        soc_broad_group(pd.Series(["13-1021", "bad"]))
    with pytest.raises(DataFormatError, match=r"^not a SOC or O\*NET-SOC code: a missing value at position 1$"):
        soc_broad_group(pd.Series(["13-1021", None]))
    with pytest.raises(DataFormatError, match=r"^'13-1000' at position 1 is a major or minor group"):
        soc_broad_group(pd.Series(["13-1021", "13-1000"]))


@pytest.mark.parametrize("codes", [np.array(["13-1021"] * 50), pd.Index(["13-1021"] * 50), ["13-1021"] * 50])
def test_broad_group_of_other_containers_is_one_line(codes):
    with pytest.raises(DataFormatError, match=r"^not a SOC or O\*NET-SOC code: ") as caught:
        soc_broad_group(codes)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 200


def test_stage_modules_are_attributes_of_the_package_after_import_exposure():
    """``import exposure`` then ``exposure.rollup.rollup``: the stage module is imported on first use.

    It raised ``AttributeError: module 'exposure' has no attribute 'rollup'`` unless the
    submodule had been imported before (a fresh interpreter, as in a notebook).
    """
    import subprocess
    import sys

    code = ("import sys, exposure; assert 'exposure.rollup' not in sys.modules; "
            "print(exposure.rollup.rollup.__name__, exposure.crosswalks.soc_major.__name__, "
            "exposure.outcomes.__name__, 'rollup' in dir(exposure), hasattr(exposure, 'nope'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["rollup", "soc_major", "exposure.outcomes", "True", "False"]


@pytest.mark.parametrize("which", ["soc_scores", "employment", "measure"])
def test_compare_refuses_two_level_columns_in_one_line(which):
    """``exposure.measures.compare.compare`` of a table with two-level column names.

    It raised ``AttributeError: 'DataFrame' object has no attribute 'str'`` from inside
    pandas; now the one line the roll-ups and ``exposure.outcomes`` give.
    """
    from exposure.measures.compare import compare

    emp = pd.DataFrame({"soc_code": ["11-1011", "15-1252"], "tot_emp": [100.0, 200.0]})
    ours = pd.DataFrame({"soc_code": ["11-1011", "15-1252"], "beta": [0.2, 0.6]})
    other = pd.DataFrame({"soc_code": ["11-1011", "15-1252"], "felten_aioe": [0.1, 0.9]})
    wide = {"soc_scores": ours, "employment": emp, "measure": other}[which]
    wide = pd.concat({"a": wide}, axis=1).swaplevel(axis=1)
    kwargs = {"soc_scores": ours, "employment": emp, "loaded": {"felten_aioe": other},
              "measures": ["felten_aioe"]}
    kwargs[{"measure": "loaded"}.get(which, which)] = {"felten_aioe": wide} if which == "measure" else wide
    with pytest.raises(DataFormatError, match="2-level column names .*flatten them to one level"):
        compare(**kwargs)
