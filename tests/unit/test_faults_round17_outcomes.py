"""Round 17: faults of :mod:`exposure.outcomes`, ``exposure outcomes`` and the release diff.

Leads of the previous round:

1. an employment (``tot_emp``) written as text (``"100"``) was read by
   :func:`~exposure.outcomes.event_study` and :func:`~exposure.outcomes.group_growth`
   (as numbers given as text are everywhere in the library: ``numbers``, the roll-ups'
   OEWS rule, the ``OccupationPanel`` schema), but :func:`~exposure.outcomes.run_outcomes`
   then failed with ``weights must be numbers, got '101.0' at position 0`` (no frame,
   row or column); a text that is no number was said to be missing employment;
2. :func:`~exposure.reports.diff.diff_outputs` counted a task or an occupation whose score
   is missing in one release apart, but not a sector or subsector (the roll-up leaves a
   sector without a released, scored cell unscored): it was in no count;
3. ``exposure outcomes --soc-scores FILE`` checked the panel once more than without the
   file.

Found in this round: the checks of the estimation named ``panel`` for a ``--panel FILE``
(a balanced row without employment, a balanced occupation without a year); a
``soc_major`` that is not the major group of its code was used as given by the
``drop_major_XX`` robustness checks; a panel too small for any estimate made
``run_outcomes`` say ``coefficients has no rows``; the diff took a padded or empty NAICS
code for a sector of its own, and lost a sector title missing in the new release only.

No mirror and no network.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _frames import outcome_exposures, outcome_panel, recompute_outputs
from _frames import with_cell as _cell

from exposure import outcomes
from exposure._io import write_parquet
from exposure.errors import DataFormatError, ExposureError
from exposure.oews import read_oews
from exposure.reports.diff import diff_outputs

pytest.importorskip("statsmodels")

PANEL = outcome_panel()
EX = outcome_exposures(PANEL)




# 1. employment written as text ----------------------------------------------------------------

@pytest.mark.parametrize("dtype", [str, "string[pyarrow]", object])
def test_run_outcomes_reads_employment_written_as_text(dtype):
    """It raised ``weights must be numbers, got '101.0' at position 0``, naming no frame."""
    text = PANEL.assign(tot_emp=PANEL["tot_emp"].map(repr).astype(dtype))
    got = outcomes.run_outcomes(text, EX, q=2, with_robustness=False)
    want = outcomes.run_outcomes(PANEL, EX, q=2, with_robustness=False)
    pd.testing.assert_frame_equal(got.coefficients, want.coefficients)
    pd.testing.assert_frame_equal(got.growth, want.growth)
    pd.testing.assert_frame_equal(got.groups, want.groups)


@pytest.mark.parametrize("value", ["abc", "1,200", "12 workers"])
@pytest.mark.parametrize("run", [
    lambda p: outcomes.run_outcomes(p, EX, q=2, with_robustness=False),
    lambda p: outcomes.event_study(p, EX, outcomes=["log_emp"]),
    lambda p: outcomes.group_growth(p, EX, q=2),
])
def test_employment_text_that_is_no_number_is_refused_as_such(run, value):
    """It said ``a balanced occupation needs employment in every year, got 'abc'`` (it has one)."""
    # round 80: a thousands separator is told what to write
    hint = ": a comma does not separate thousands here: write '1200'" if value == "1,200" else ""
    with pytest.raises(DataFormatError, match=rf"^panel, row 4, column 'tot_emp': tot_emp must be a number of "
                                              rf"workers, got '{value}'{hint}$"):
        run(_cell(PANEL, "tot_emp", 3, value))


def test_employment_text_of_an_unbalanced_row_is_still_not_read():
    panel = _cell(PANEL, "tot_emp", 3, "abc").assign(balanced=[i not in (3, 4, 5) for i in range(len(PANEL))])
    assert len(outcomes.event_study(panel, EX, outcomes=["log_emp"])) == 3


# 2. the diff: a sector score missing in one release ------------------------------------------

@pytest.fixture
def outputs(tmp_path):
    return recompute_outputs(tmp_path / "old", "29.1"), recompute_outputs(tmp_path / "new", "30.1")


def _change(d: Path, table: str, change) -> None:
    write_parquet(change(pd.read_parquet(d / f"{table}.parquet")), d / f"{table}.parquet")


def _summary(diff) -> dict:
    return dict(zip(diff.summary["item"], diff.summary["count"]))


@pytest.mark.parametrize("side", ["old", "new"])
def test_diff_counts_a_missing_sector_score_apart(outputs, side):
    """A sector (or subsector) unscored in one release was in no count at all."""
    d = dict(zip(("old", "new"), outputs))[side]
    _change(d, "sector_scores", lambda f: f.assign(beta=[np.nan, 0.4]))
    _change(d, "subsector_scores", lambda f: f.assign(beta=[np.nan]))
    s = _summary(diff_outputs(*outputs))
    assert s["sectors_beta_missing"] == 2 and s["sectors_beta_moved_gt_0.01"] == 0
    assert list(s)[-2:] == ["sectors_beta_moved_gt_0.01", "sectors_beta_missing"]


def test_diff_does_not_count_a_sector_of_one_release_as_missing(outputs):
    """As for occupations, a sector added or removed is not a missing score."""
    old, new = outputs
    _change(new, "sector_scores", lambda f: f.assign(naics=["52", "71"]))
    assert _summary(diff_outputs(old, new))["sectors_beta_missing"] == 0
    assert _summary(diff_outputs(*outputs))["sectors_beta_missing"] == 0


# the diff: NAICS codes and titles --------------------------------------------------------------

NOT_NAICS = r"not an OEWS industry code \(like 11, 31-33 or 113000\): "


@pytest.mark.parametrize("code, shown", [(" 52", NOT_NAICS + "' 52': spaces around the code: write '52'"),
                                         ("52 ", NOT_NAICS + "'52 ': spaces around the code: write '52'"),
                                         ("", r"is blank: give an OEWS industry code \(like 11, 31-33 or 113000\)"),
                                         ("5 2", NOT_NAICS + "'5 2'")])  # '': "not an OEWS ...: ''" (round 75)
def test_diff_refuses_a_naics_code_that_is_not_a_code(outputs, code, shown):
    """A padded code (or an empty one) was a sector of its own: 52 "removed" and " 52" "added"."""
    old, new = outputs
    _change(new, "sector_scores", lambda f: f.assign(naics=[code, "62"]))
    with pytest.raises(DataFormatError, match=rf"new/sector_scores.parquet, row 1, column 'naics': {shown}$"):
        diff_outputs(old, new)


def test_diff_still_refuses_a_naics_code_that_is_a_number(outputs):
    old, new = outputs
    _change(new, "subsector_scores", lambda f: f.assign(naics=[522000]))
    with pytest.raises(DataFormatError, match=r"new/subsector_scores.parquet, row 1, column 'naics': not a NAICS "
                                              r"code as text \(like '52'\): 522000$"):
        diff_outputs(old, new)


def test_diff_keeps_the_old_title_of_a_sector_untitled_in_the_new_release(outputs):
    """The new release's missing title hid the old one."""
    old, new = outputs
    _change(new, "sector_scores", lambda f: f.assign(naics_title=[None, "new title 62"]))
    sectors = diff_outputs(old, new).sectors
    assert sectors["naics_title"].tolist() == ["title 52", "new title 62", "title 522000"]


# 3. exposure outcomes: the panel file ----------------------------------------------------------

#: SOC 2018 detailed codes of the fixture world of tests/data/outcomes.
SOC_DETAILED = ["11-1011", "11-1021", "13-1021", "13-1022", "13-1023", "13-2011", "15-1252",
                "15-1211", "43-9021", "43-4051", "41-2031", "53-7062", "29-1024"]


@pytest.fixture(scope="module")
def panel(fixtures):
    frames = {y: read_oews(fixtures / "outcomes" / f"oews_M{y}.csv") for y in outcomes.PANEL_YEARS}
    return outcomes.build_panel(frames, SOC_DETAILED)


@pytest.fixture(scope="module")
def exposure(fixtures):
    return pd.read_csv(fixtures / "outcomes" / "exposure.csv", dtype={"soc_code": str})


def _args(*argv):
    from exposure.cli import _outcomes as cli

    parser = argparse.ArgumentParser(prog="exposure")
    cli.register(parser.add_subparsers(dest="command"))
    return parser.parse_args(["outcomes", *argv])


def _run(tmp_path, panel, exposure=None, *more):
    panel.to_parquet(tmp_path / "p.parquet")
    argv = ["--panel", str(tmp_path / "p.parquet"), "--measure", "beta", "-o", str(tmp_path / "out"), "--no-figures",
            *more]
    if exposure is not None:
        exposure.to_parquet(tmp_path / "soc.parquet")
        argv += ["--soc-scores", str(tmp_path / "soc.parquet")]
    args = _args(*argv)
    return args.func(args)


@pytest.mark.parametrize("with_scores", [False, True])
def test_cli_names_the_panel_file_of_a_balanced_row_without_employment(panel, exposure, tmp_path, with_scores):
    """``panel, row 4, column 'tot_emp': ...``: no such frame, to the user of the command."""
    row = int(np.flatnonzero(panel["balanced"])[3])
    bad = panel.assign(tot_emp=panel["tot_emp"].where(panel.index != row, 0.0))
    with pytest.raises(DataFormatError, match=rf"p\.parquet, row {row + 1}, column 'tot_emp': a balanced occupation "
                                              r"needs employment in every year, got 0.0$"):
        _run(tmp_path, bad, exposure if with_scores else None, "--no-robustness")


def test_cli_names_the_panel_file_of_a_balanced_occupation_without_a_year(panel, exposure, tmp_path):
    row = int(np.flatnonzero(panel["balanced"])[3])
    with pytest.raises(DataFormatError, match=r"p\.parquet, row 1, column 'balanced': balanced occupation 11-1011 "
                                              r"has no balanced row for 2024"):
        _run(tmp_path, panel.drop(index=row).reset_index(drop=True), exposure, "--no-robustness")


def test_cli_checks_the_panel_no_more_with_a_soc_scores_file(panel, exposure, tmp_path, monkeypatch):
    """``--soc-scores`` checked the whole panel once more (for the file's measures) before the estimation."""
    calls = []
    check = outcomes._check_inputs

    def counted(*args, **kwargs):
        calls.append(1)
        return check(*args, **kwargs)

    monkeypatch.setattr(outcomes, "_check_inputs", counted)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert _run(tmp_path / "a", panel, None, "--no-robustness") == 0
    without = len(calls)
    calls.clear()
    assert _run(tmp_path / "b", panel, exposure, "--no-robustness") == 0
    assert len(calls) == without


def test_cli_still_names_the_soc_scores_file_of_a_constant_measure(panel, exposure, tmp_path):
    with pytest.raises(DataFormatError, match=r"soc\.parquet, column 'beta': measure 'beta' takes the one value 0.5"):
        _run(tmp_path, panel, exposure.assign(beta=0.5), "--no-robustness")


# the major group of the robustness checks ----------------------------------------------------

@pytest.mark.parametrize("run", [
    lambda p: outcomes.robustness(p, EX, outcomes=["log_emp"]),
    lambda p: outcomes.event_study(p, EX, outcomes=["log_emp"], exclude_major="13"),
    lambda p: outcomes.run_outcomes(p, EX, q=2),
])
def test_a_major_group_that_is_not_the_codes_is_refused_where_major_groups_are_read(run):
    """11-1011 filed under 13-0000 was left out by ``drop_major_13`` and kept by ``drop_major_11``."""
    panel = _cell(PANEL, "soc_major", 3, "13-0000")
    with pytest.raises(DataFormatError, match=r"^panel, row 4, column 'soc_major': soc_major 13-0000 is not the "
                                              r"major group of soc_code 11-1011 \(11-0000\)$"):
        run(panel)
    # read where the major groups are not used, as before
    assert len(outcomes.event_study(panel, EX, outcomes=["log_emp"])) == 3
    assert len(outcomes.robustness(panel, EX, outcomes=["log_emp"], majors=False)) == 6


def test_cli_names_the_panel_file_of_a_major_group_that_is_not_the_codes(panel, exposure, tmp_path):
    row = int(np.flatnonzero(panel["balanced"])[3])
    bad = panel.assign(soc_major=panel["soc_major"].where(panel.index != row, "15-0000"))
    with pytest.raises(DataFormatError, match=rf"p\.parquet, row {row + 1}, column 'soc_major': soc_major 15-0000 "
                                              r"is not the major group of soc_code 11-1011 \(11-0000\)$"):
        _run(tmp_path, bad, exposure)


# a panel with nothing to estimate ---------------------------------------------------------------

def test_run_outcomes_says_why_there_is_no_estimate():
    """It said ``coefficients has no rows: no pre-trend to report`` (no coefficients were given)."""
    two = PANEL[PANEL["soc_code"].isin(["11-1001", "11-1011"])]
    with pytest.raises(ExposureError, match=r"^the event study has no estimate for any measure and outcome "
                                            r"\(beta / log_emp: fewer than 3 occupations; beta / log_wage: fewer "
                                            r"than 3 occupations\): nothing to report$"):
        outcomes.run_outcomes(two, EX, q=2, with_robustness=False)


# the arguments of run_outcomes that name the files -----------------------------------------------

def test_run_outcomes_names_the_panel_path_and_the_file_of_a_measure():
    bad = _cell(PANEL, "tot_emp", 3, 0.0, dtype=float)
    with pytest.raises(DataFormatError, match=r"^p\.parquet, row 4, column 'tot_emp': a balanced occupation needs "
                                              r"employment in every year, got 0.0$"):
        outcomes.run_outcomes(bad, EX, q=2, with_robustness=False, path="p.parquet")
    with pytest.raises(DataFormatError, match=r"^s\.parquet, column 'beta': measure 'beta' takes the one value 0.5"):
        outcomes.run_outcomes(PANEL, EX.assign(beta=0.5), q=2, with_robustness=False,
                              sources={"s.parquet": ["beta", "gamma"]})
    with pytest.raises(ExposureError, match=r"^measure 'beta' takes the one value 0.5"):  # not from a file
        outcomes.run_outcomes(PANEL, EX.assign(beta=0.5), q=2, with_robustness=False,
                              sources={"s.parquet": ["gamma"]})


@pytest.mark.parametrize("kwargs, match", [
    (dict(path=None), r"^path must be the panel's name or file \(str or os.PathLike\), got NoneType None$"),
    (dict(sources=["s.parquet"]), r"^sources must be a mapping of file -> measure names \(dict\) or None, "
                                  r"got list \['s.parquet'\]$"),
    (dict(sources={5: ["beta"]}), r"^sources: a key must be a file name \(str or os.PathLike\), got int 5$"),
    (dict(sources={"s.parquet": "beta"}), r"^sources\['s.parquet'\] must be a list of measure names, got str "
                                          r"'beta': write \['beta'\]$"),
])
def test_run_outcomes_refuses_file_names_of_the_wrong_kind(kwargs, match):
    with pytest.raises(DataFormatError, match=match):
        outcomes.run_outcomes(PANEL, EX, q=2, with_robustness=False, **kwargs)


# build_panel: an occupation code that is not text --------------------------------------------

def _national(emp=(10, 20), codes=("11-1011", "31-1120")):
    return pd.DataFrame({"i_group": "cross-industry", "o_group": "detailed", "occ_code": list(codes),
                         "occ_title": ["CEOs", "Aides"], "tot_emp": list(emp), "a_mean": [200e3, 30e3],
                         "a_median": [190e3, 29e3]})


DETAILED = ["11-1011", "31-1121", "31-1122"]


@pytest.mark.parametrize("code, shown", [(b"11-1011", "b'11-1011'"), (111011, "111011"), (11.1011, "11.1011")])
def test_build_panel_refuses_an_occupation_code_that_is_not_text(code, shown):
    """``b"11-1011"`` next to ``"11-1011"`` was merged with it, silently (employment 10 + 20 = 30)."""
    frame = _national(codes=(code, "11-1011"))
    with pytest.raises(DataFormatError, match=rf"^frames\[2021\], row 1, column 'occ_code': the occupation code "
                                              rf"must be text \(like '11-1011'\), got {shown}$"):
        outcomes.build_panel({2021: frame, 2022: _national()}, DETAILED)


def test_build_panel_reads_codes_of_other_text_dtypes():
    frames = {2021: _national().astype({"occ_code": "string[pyarrow]"}), 2022: _national().astype({"occ_code": "category"})}
    assert outcomes.build_panel(frames, DETAILED)["soc_code"].tolist() == ["11-1011", "11-1011", "31-1120", "31-1120"]
