"""Round 42 faults of the sector, workforce, working-time and Census roll-ups.

Faults fixed (each was found on the code of round 41):

1. ``to_sectors`` summed the industry x occupation cells in the row order of the OEWS
   frame and of ``soc_scores``: the same inputs shuffled gave sector and subsector means,
   ``covered_emp`` and ``exposed_workers`` that differed in the 16th digit.
2. ``workforce_stats`` summed the occupations (all workers, major groups) and the sector
   cells in row order: shuffled ``soc_scores`` (with their draws) or OEWS rows gave other
   ``tot_emp``, shares, means and intervals in the last digits.
3. ``working_time``'s sector rows (``covered_emp``, ``saveable_share``, workers reaching
   10% and 20%) depended on the row order of ``soc_scores`` and of the OEWS frame.
4. ``rollup(...)`` carried the sector intervals through the OEWS codes in their row
   order: task scores, crosswalk and OEWS rows shuffled gave other sector tables.
5. ``to_census_occ`` took each Census code's weighted mean in the crosswalk's row order:
   a shuffled crosswalk gave means that differed in the 16th digit.
6. ``rollup(...)`` with an OEWS frame of sector rows and no 3-digit rows (the by-industry
   file cut to its sectors) was refused: ``employment frame has no subsector rows
   (i_group '3-digit')``.
7. ``rollup(...)`` with an OEWS frame of 3-digit rows and no sector rows returned an empty
   subsector table, without a word.
8. ``Rollup.write`` (``exposure rollup``) wrote ``workforce`` and ``working_time`` in
   another row order than the pipeline's tables (sorted by their keys).
9. ``working_time`` of ``soc_scores`` with ``soc_title`` given twice raised pandas'
   ``ValueError: Per-column arrays must each be 1-dimensional``.
10. ``working_time(..., hours=2080)`` (hours a year, not a week) gave 1040 saveable hours
    "of the week" without a word; ``hours`` above 168 is refused.
11. ``workforce_stats`` of a ``soc_scores`` ``tot_emp`` of ``1e308`` failed in the output
    schema (``WorkforceStats, row 0, column 'tot_emp': tot_emp must be finite``), naming
    no input row; ``working_time`` returned it. Refused naming the ``soc_scores`` row, as
    the OEWS frame's cells are.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from exposure.crosswalks import OEWS_AGGREGATES
from exposure.errors import DataFormatError
from exposure.rollup import rollup, to_census_occ, to_sectors, workforce_stats, working_time

KEYS = {"occupation_scores": ["onetsoc_code"], "soc_scores": ["soc_code"], "sector_scores": ["naics"],
        "subsector_scores": ["naics"], "workforce": ["group_type", "group", "measure"],
        "working_time": ["level", "code"]}


@pytest.fixture(autouse=True)
def _quiet(caplog):
    caplog.set_level(logging.ERROR)


def _codes(n_major: int = 10, per: int = 30) -> list[str]:
    # no broad group (1020) beside its codes (1021), nor an OEWS aggregate (21-1018) beside
    # the codes it publishes (21-1011): counted twice, refused
    held = {code for codes in OEWS_AGGREGATES.values() for code in codes}
    return [c for m in range(11, 11 + 2 * n_major, 2) for k in range(1011, 1011 + per)
            if k % 10 and (c := f"{m:02d}-{k:04d}") not in held]


def _employment(socs, seed: int = 1) -> pd.DataFrame:
    """OEWS rows: cross-industry, three sectors and two 3-digit industries with fractional counts."""
    rng = np.random.default_rng(seed)
    rows = [dict(naics="000000", naics_title="Cross-industry", i_group="cross-industry", occ_code=c,
                 o_group="detailed", tot_emp=float(rng.integers(1, 100_000)) + 0.3, a_mean=5e4) for c in socs]
    for code, group in [("11", "sector"), ("21", "sector"), ("31-33", "sector"), ("111000", "3-digit"),
                        ("211000", "3-digit")]:
        rows.append(dict(naics=code, naics_title=f"Industry {code}", i_group=group, occ_code="00-0000",
                         o_group="total", tot_emp=1e9, a_mean=5e4))
        for c in rng.choice(socs, len(socs) // 2, replace=False):
            rows.append(dict(naics=code, naics_title=f"Industry {code}", i_group=group, occ_code=c,
                             o_group="detailed", tot_emp=float(rng.integers(1, 100_000)) + 0.37,
                             a_mean=float(rng.random() * 1e5)))
    return pd.DataFrame(rows)


def _soc_scores(socs, seed: int = 2) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = len(socs)
    # the same draws, in the rubric's order alpha <= beta <= gamma on each row (round 72: to_sectors refuses
    # a row out of it)
    alpha, beta, gamma = np.sort(np.stack([rng.random(n), rng.random(n), rng.random(n)]), axis=0)
    return pd.DataFrame({"soc_code": socs, "soc_title": socs, "alpha": alpha, "beta": beta,
                         "gamma": gamma, "tot_emp": rng.integers(10, 100_000, n) + rng.random(n),
                         "a_mean": rng.random(n) * 1e5})


def _same(a: pd.DataFrame, b: pd.DataFrame, keys) -> None:
    pd.testing.assert_frame_equal(a.sort_values(keys).reset_index(drop=True),
                                  b.sort_values(keys).reset_index(drop=True), check_exact=True)


@pytest.mark.parametrize("level", ["sector", "subsector"])
def test_to_sectors_independent_of_row_order(level):
    socs = _codes()
    soc, emp = _soc_scores(socs), _employment(socs)
    ref = to_sectors(soc, emp, level=level)
    for k in range(3):
        got = to_sectors(soc.sample(frac=1, random_state=k), emp.sample(frac=1, random_state=10 + k), level=level)
        pd.testing.assert_frame_equal(ref, got, check_exact=True)


def test_workforce_stats_independent_of_row_order():
    socs = _codes()
    soc, emp = _soc_scores(socs), _employment(socs)
    rng = np.random.default_rng(3)
    draws = {m: rng.random((40, len(socs))) for m in ("alpha", "beta", "gamma")}
    ref = workforce_stats(soc, emp, draws=draws)
    for k in range(3):
        perm = np.random.default_rng(k).permutation(len(socs))
        got = workforce_stats(soc.iloc[perm], emp.sample(frac=1, random_state=k),
                              draws={m: d[:, perm] for m, d in draws.items()})
        pd.testing.assert_frame_equal(ref, got, check_exact=True)


def test_working_time_independent_of_row_order():
    socs = _codes()
    soc, emp = _soc_scores(socs), _employment(socs)
    ref = working_time(soc, emp)
    for k in range(3):
        got = working_time(soc.sample(frac=1, random_state=k), emp.sample(frac=1, random_state=k))
        _same(ref, got, ["level", "code"])
        # occupation rows stay in the caller's order, then the sector rows
        assert got["level"].tolist() == ref["level"].tolist()


def _task_inputs(seed: int = 4):
    rng = np.random.default_rng(seed)
    socs = _codes(6, 25)
    onet = [f"{s}.{j:02d}" for s in socs for j in range(int(rng.integers(1, 4)))]
    rows, tid = [], 1
    for code in onet:
        for _ in range(int(rng.integers(2, 7))):
            label = str(rng.choice(["E0", "E1", "E2"]))
            beta = {"E0": 0.0, "E1": 1.0, "E2": 0.5}[label]
            rows.append(dict(onetsoc_code=code, task_id=tid, label=label, alpha=float(label == "E1"),
                             beta=beta, gamma=float(label != "E0")))
            tid += 1
    ts = pd.DataFrame(rows)
    xw = pd.DataFrame({"onetsoc_code": onet, "soc_code": [c[:7] for c in onet]})
    return ts, xw, _employment(socs, seed)


def test_rollup_independent_of_row_order():
    ts, xw, emp = _task_inputs()
    ref = rollup(ts, xw, emp, weights="equal", n_draws=20, seed=0).tables()
    for k in range(2):
        got = rollup(ts.sample(frac=1, random_state=k), xw.sample(frac=1, random_state=k),
                     emp.sample(frac=1, random_state=k), weights="equal", n_draws=20, seed=0).tables()
        for name, frame in ref.items():
            _same(frame, got[name], KEYS[name])


def test_to_census_occ_independent_of_crosswalk_row_order():
    rng = np.random.default_rng(5)
    socs = _codes(6, 20)
    onet = [f"{s}.{j:02d}" for s in socs for j in range(int(rng.integers(1, 3)))]
    # the same draws, in the rubric's order on each row (round 72: to_census_occ refuses a row out of it)
    alpha, beta, gamma = np.sort(np.stack([rng.random(len(onet)), rng.random(len(onet)), rng.random(len(onet))]),
                                 axis=0)
    occ = pd.DataFrame({"onetsoc_code": onet, "alpha": alpha, "beta": beta, "gamma": gamma})
    # five O*NET codes a Census code, employment with fractions so the sums round
    census = pd.DataFrame({"onetsoc_code": onet, "census_occ": [f"{(i // 5) * 10:04d}" for i in range(len(onet))]})
    emp = pd.DataFrame({"soc_code": socs, "tot_emp": rng.integers(1, 100_000, len(socs)) + rng.random(len(socs))})
    ref = to_census_occ(occ, census, emp)
    for k in range(3):
        got = to_census_occ(occ.sample(frac=1, random_state=k), census.sample(frac=1, random_state=k),
                            emp.sample(frac=1, random_state=k))
        pd.testing.assert_frame_equal(ref, got, check_exact=True)


def _small_inputs():
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "task_id": [1, 2], "label": ["E1", "E0"],
                       "alpha": [1.0, 0.0], "beta": [1.0, 0.0], "gamma": [1.0, 0.0]})
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "soc_code": ["11-1011", "13-1021"]})
    emp = pd.DataFrame({"naics": ["000000", "000000", "11", "11", "11", "113000", "113000", "113000"],
                        "naics_title": ["All", "All", "Ag", "Ag", "Ag", "Forestry", "Forestry", "Forestry"],
                        "i_group": ["cross-industry"] * 2 + ["sector"] * 3 + ["3-digit"] * 3,
                        "occ_code": ["11-1011", "13-1021", "00-0000", "11-1011", "13-1021", "00-0000", "11-1011",
                                     "13-1021"],
                        "o_group": ["detailed", "detailed", "total", "detailed", "detailed", "total", "detailed",
                                    "detailed"],
                        "tot_emp": [100.0, 300.0, 40.0, 10.0, 30.0, 12.0, 5.0, 7.0]})
    return ts, xw, emp


def test_rollup_with_sector_rows_alone():
    ts, xw, emp = _small_inputs()
    r = rollup(ts, xw, emp[emp["i_group"] != "3-digit"], weights="equal", n_draws=5)
    tables = r.tables()
    assert tables["sector_scores"]["naics"].tolist() == ["11"]
    assert tables["sector_scores"]["beta"].tolist() == [0.25]
    assert tables["sector_scores"]["beta_ci_low"].notna().all()
    assert tables["subsector_scores"].empty
    assert "sector" in set(r.working_time["level"])


def test_rollup_with_subsector_rows_alone():
    ts, xw, emp = _small_inputs()
    tables = rollup(ts, xw, emp[emp["i_group"] != "sector"], weights="equal", n_draws=5).tables()
    assert tables["subsector_scores"]["naics"].tolist() == ["113000"]
    assert tables["subsector_scores"]["beta"].tolist() == [5.0 / 12.0]
    assert tables["subsector_scores"]["beta_ci_high"].notna().all()
    assert tables["sector_scores"].empty


def test_rollup_write_sorts_tables_by_their_keys(tmp_path):
    ts, xw, emp = _small_inputs()
    r = rollup(ts, xw, emp, weights="equal")
    r.write(tmp_path / "out")
    for name, keys in KEYS.items():
        frame = pd.read_parquet(tmp_path / "out" / f"{name}.parquet")
        assert frame.equals(frame.sort_values(keys, kind="stable").reset_index(drop=True)), name


def _soc_small() -> pd.DataFrame:
    return pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "soc_title": ["A", "B"], "alpha": [0.1, 0.2],
                         "beta": [0.25, 0.5], "gamma": [0.3, 0.4], "tot_emp": [10.0, 30.0]})


def test_working_time_names_a_title_column_given_twice():
    soc = _soc_small()
    with pytest.raises(DataFormatError, match=r"^soc_scores, column 'soc_title': given more than once: keep one$") as info:
        working_time(pd.concat([soc, soc[["soc_title"]]], axis=1))
    assert info.value.column == "soc_title"


@pytest.mark.parametrize("hours", [2080, 169.0, 1e308])
def test_working_time_refuses_hours_beyond_a_week(hours):
    with pytest.raises(DataFormatError, match=r"hours must be the hours of a working week, at most 168"):
        working_time(_soc_small(), hours=hours)


def test_working_time_takes_a_week_of_hours():
    wt = working_time(_soc_small(), hours=168)
    assert wt["saveable_hours"].tolist() == [21.0, 42.0]


@pytest.mark.parametrize("call", [workforce_stats, working_time])
def test_soc_scores_employment_too_large_names_the_row(call):
    soc = _soc_small().assign(tot_emp=[10.0, 1e308])
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 2, column 'tot_emp': tot_emp is too large for a "
                                              r"number of workers, got 1e\+308$") as info:
        call(soc)
    assert (info.value.row, info.value.column) == (2, "tot_emp")
