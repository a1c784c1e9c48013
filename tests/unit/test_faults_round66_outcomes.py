"""Round 66: ``exposure outcomes`` on a panel of some occupations, and results that followed the row order.

1. ``exposure outcomes --panel FILE`` without ``--measure`` (every measure) on a panel of
   some occupations only (a study of engineers: six codes of major group 17) stopped the
   whole run, exit 2, because one shipped or published measure could not be used on it:
   ``measure 'share_admin' takes the one value 0 on all 6 occupations it covers: nothing to
   compare`` (the shipped category shares are 0 on every engineering code), or ``--quantiles
   5 is more than the 4 balanced occupations ... that measure 'anthropic_automation'
   covers``; the 19 other measures then had to be named one by one with ``--measure``.
   Now such a measure is left out with a warning giving the reason (``measure
   'share_admin' takes the one value 0 on all 6 occupations it covers: nothing to compare;
   left out of the outcomes of this panel``) and the run goes on. A measure named with
   ``--measure``, a measure of a ``--soc-scores`` file, and a run none of whose measures
   can be used are refused as before. The shipped outcomes are byte-identical.
2. :func:`exposure.outcomes.run_outcomes` gave its ``groups`` (``outcomes_groups.csv``) in
   the panel's row order: a panel sorted otherwise (by year and employment, shuffled; or
   with codes as a category in another order) wrote the same groups in another order,
   while every other result is the same in any row order (as documented since round 43).
   They are now in code order, as the panels of ``build_panel`` (sorted by code) always
   gave them.
3. ``exposure outcomes --quantiles 1`` (one group: the growth of all the occupations a
   measure covers) wrote ``outcomes_quintiles_emp.csv`` and ``outcomes_quintiles_wage.csv``
   with the column ``Q1 (least exposed)``, though the group holds every occupation
   (:func:`exposure.reports.outcomes.quintile_table`). It is ``Q1 (all occupations)`` now;
   two groups or more are named as before.
4. ``exposure outcomes --panel FILE`` (of published measures) of a panel that holds
   OEWS's group rows beside the occupations (the all-occupations total ``00-0000``, a
   major group ``17-0000``: rows of the national file kept when the panel was built), even
   flagged ``balanced`` False, was refused naming a frame the user never gave and a row
   that is not the file's: ``employment, row 7, column 'soc_code': '17-0000' includes
   '17-2011' (row 1): its employment would be counted twice; keep the detailed codes only``
   (rows of the panel's last year, as :func:`exposure.outcomes.exposure_table` hands them
   to the published measures). Now the file and its rows are named:
   ``p.parquet, row 3, column 'soc_code': '17-2011' (row 3) is in '17-0000' (row 21), a
   SOC major group, and both are rows of the year 2023: ...``
   (``exposure_table(..., panel_path=)``).

Tiny made-up panels, written by the tests; the published measures come from the mirror.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _frames import outcome_exposures, outcome_panel
from test_faults_cli import cli, one_error_line

from exposure.outcomes import run_outcomes
from exposure.reports.outcomes import quintile_table

MIRROR = os.environ.get("EXPOSURE_MIRROR", "/work/shared/data")
ENGINEERS = ["17-2011", "17-2041", "17-2051", "17-2071", "17-2111", "17-2141"]
RUN = ["--no-robustness", "--no-figures"]

needs_mirror = pytest.mark.skipif(not (Path(MIRROR) / "reference").is_dir(),
                                  reason="the published measures need the public-data mirror")


def _engineers() -> pd.DataFrame:
    """A whole OccupationPanel of six engineering codes, May 2021-2023 (what ``--panel`` reads)."""
    rows = [(c, t, 1000.0 * (i + 1) * (1 + 0.01 * ((3 * i + t) % 4)) * (1 - 0.02 * i * (t > 2022)))
            for i, c in enumerate(ENGINEERS) for t in (2021, 2022, 2023)]
    panel = pd.DataFrame(rows, columns=["soc_code", "year", "tot_emp"])
    return panel.assign(soc_title="Engineers", soc_major="17-0000", code_type="detailed",
                        a_mean=90000.0 * (1 + 0.01 * (np.arange(len(panel)) % 5)), a_median=np.nan,
                        balanced=True)[["soc_code", "year", "soc_title", "soc_major", "code_type", "tot_emp",
                                        "a_mean", "a_median", "balanced"]]


def _run(capsys, tmp_path, *more, out="out"):
    _engineers().to_parquet(tmp_path / "p.parquet", index=False)
    return cli(capsys, "outcomes", "--mirror", MIRROR, "--panel", tmp_path / "p.parquet", *RUN,
               "-o", tmp_path / out, *more)


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


# 1. a measure the panel cannot use, in a run of every measure
@needs_mirror
def test_a_measure_of_one_value_on_the_panel_is_left_out_of_a_run_of_every_measure(tmp_path, capsys, caplog):
    caplog.set_level(logging.WARNING)
    code, _, err = _run(capsys, tmp_path, "--quantiles", "2")
    assert code == 0, err
    said = _warnings(caplog)
    for m in ("share_admin", "share_entry_creative"):
        assert any(w.startswith(f"measure '{m}' takes the one value 0 on all 6 occupations it covers: nothing to "
                                "compare; left out of the outcomes of this panel") for w in said), said
    measures = set(pd.read_csv(tmp_path / "out" / "outcomes_headline.csv")["measure"])
    assert {"beta", "webb_ai", "felten_aioe"} <= measures
    assert not measures & {"share_admin", "share_entry_creative"}
    # named with --measure: still refused, nothing written
    code, _, err = _run(capsys, tmp_path, "--quantiles", "2", "--measure", "beta", "--measure", "share_admin",
                        out="out2")
    assert code == 2
    assert one_error_line(err, command="outcomes").endswith(
        "measure 'share_admin' takes the one value 0 on all 6 occupations it covers: nothing to compare")
    assert not (tmp_path / "out2").exists()
    # a column of one's own --soc-scores file, without --measure too: still refused, naming the file
    pd.DataFrame({"soc_code": ENGINEERS, "beta": 0.5, "gamma": np.linspace(0.2, 0.7, 6)}).to_parquet(
        tmp_path / "s.parquet", index=False)
    code, _, err = _run(capsys, tmp_path, "--quantiles", "2", "--soc-scores", tmp_path / "s.parquet", out="out3")
    assert code == 2
    assert one_error_line(err, command="outcomes").endswith(
        "s.parquet, column 'beta': measure 'beta' takes the one value 0.5 on all 6 occupations it covers: "
        "nothing to compare")


@needs_mirror
def test_a_measure_covering_fewer_occupations_than_quantiles_is_left_out(tmp_path, capsys, caplog):
    caplog.set_level(logging.WARNING)
    code, _, err = _run(capsys, tmp_path, "--quantiles", "5")
    assert code == 0, err
    said = _warnings(caplog)
    assert any(w.startswith("measure 'eloundou_gpt4_beta' covers 4 balanced occupations of the panel (in the base "
                            "year 2022): cannot make 5 exposure groups of them; left out") for w in said), said
    measures = set(pd.read_csv(tmp_path / "out" / "outcomes_headline.csv")["measure"])
    assert "beta" in measures and "eloundou_gpt4_beta" not in measures


# 2. the groups in code order, whatever the panel's row order
@pytest.mark.parametrize("reorder", ["by employment", "shuffled", "categories reversed"])
def test_groups_are_the_same_in_any_row_order_of_the_panel(reorder):
    panel = outcome_panel()
    ex = outcome_exposures(panel)
    want = run_outcomes(panel, ex, q=2, with_robustness=False).groups
    if reorder == "by employment":
        other = panel.sort_values(["year", "tot_emp"], ascending=False)
    elif reorder == "shuffled":
        other = panel.sample(frac=1, random_state=3)
    else:
        other = panel.assign(soc_code=panel["soc_code"].astype(
            pd.CategoricalDtype(sorted(panel["soc_code"].unique())[::-1]))).sort_values(["soc_code", "year"])
    got = run_outcomes(other, ex, q=2, with_robustness=False).groups
    pd.testing.assert_frame_equal(got.astype({"soc_code": str}), want, check_exact=True)
    assert list(want["soc_code"]) == sorted(want["soc_code"])


# 3. one exposure group
def test_one_group_is_named_all_occupations(tmp_path, capsys):
    one = pd.DataFrame({"measure": ["beta", "webb_ai"], "group": 1, "emp_growth_post": [0.053, 0.041]})
    assert list(quintile_table(one).columns) == ["measure", "Q1 (all occupations)"]
    two = pd.DataFrame({"measure": "beta", "group": [1, 2], "emp_growth_post": [0.05, -0.02]})
    assert list(quintile_table(two).columns) == ["measure", "Q1 (least exposed)", "Q2 (most exposed)"]
    outcome_panel().assign(soc_title="Occupation", code_type="detailed", a_median=np.nan).to_parquet(
        tmp_path / "p.parquet", index=False)
    outcome_exposures(outcome_panel()).to_parquet(tmp_path / "s.parquet", index=False)
    code, _, err = cli(capsys, "outcomes", "--panel", tmp_path / "p.parquet", "--soc-scores", tmp_path / "s.parquet",
                       "--measure", "beta", "--quantiles", "1", *RUN, "-o", tmp_path / "out")
    assert code == 0, err
    for name in ("outcomes_quintiles_emp.csv", "outcomes_quintiles_wage.csv"):
        assert (tmp_path / "out" / name).read_text().splitlines()[0] == "measure,Q1 (all occupations)"


# 4. a group code beside its occupations, in the rows the published measures are weighted by
@needs_mirror
@pytest.mark.parametrize("balanced", [False, True])
def test_a_group_row_in_the_panel_names_the_file_and_its_rows(tmp_path, capsys, balanced):
    panel = _engineers()
    group = panel[panel["soc_code"] == ENGINEERS[0]].assign(soc_code="17-0000", soc_title="Engineering",
                                                             code_type="aggregate", balanced=balanced)
    pd.concat([panel, group], ignore_index=True).to_parquet(tmp_path / "g.parquet", index=False)
    code, _, err = cli(capsys, "outcomes", "--mirror", MIRROR, "--panel", tmp_path / "g.parquet", "--quantiles", "2",
                       "--measure", "webb_ai", *RUN, "-o", tmp_path / "out")
    assert code == 2
    assert one_error_line(err, command="outcomes").endswith(
        "g.parquet, row 3, column 'soc_code': '17-2011' (row 3) is in '17-0000' (row 21), a SOC major group, and both "
        "are rows of the year 2023: its workers would be counted twice; give the group or its occupations, not both")
    assert not (tmp_path / "out").exists()
