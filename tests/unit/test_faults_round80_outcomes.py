"""Round 80: ``exposure outcomes`` and ``exposure compare`` fed a researcher's files.

1. Our SOC scores (``exposure_table(panel, soc_scores)``, ``exposure outcomes --soc-scores``,
   a caller's ``comparison=``) holding a SOC 2010 code (``15-1132``, Software Developers,
   Applications) outside the panel.
   Before: a warning only, ``soc2010.parquet: 1 scored SOC code is no code of the panel nor
   inside an OEWS aggregate of it, so its scores are left out (e.g. '15-1132', row 2)``, and
   the run went on without the exposure of Software Developers (``15-1252``, 1.6 million
   workers), while ``exposure compare --ours`` refused the same file. Now refused in the
   words of ``exposure compare`` (``exposure.measures.compare._check_codes_reach``), naming
   the file, row and column: ``soc2010.parquet, row 2, column 'soc_code': '15-1132' is a SOC
   2010 code (SOC 2018: 15-1252, 15-1253), retired in SOC 2018: cross the scores to SOC
   2018 first (the links: exposure.crosswalks.load_soc_2010_to_2018())``. A code of the SOC
   2018 structure (the military ``55-1011``), of a broad group of its detailed codes (an
   OEWS aggregate the panel lacks, ``25-2052``) or of no classification (``99-9999``) is
   still warned about and left out, as before. (Round 81: a SOC 2018 group, ``15-1250``,
   beside a panel that holds its occupations is refused in compare's words:
   ``test_faults_round81_outcomes.py``.)
2. A panel given to the estimation (``event_study``, ``group_growth``, ``run_outcomes``)
   whose ``tot_emp`` is text with a thousands separator (``"1,021"``). Before: ``panel, row 1,
   column 'tot_emp': tot_emp must be a number of workers, got '1,021'`` and no more, while
   ``a_mean`` of the same panel was told ``not a number: '52,021': a comma does not separate
   thousands here: write '52021'``. Now: ``... got '1,021': a comma does not separate
   thousands here: write '1021'`` (``exposure._tables.number_hint``).
3. ``compare`` (``exposure compare --ours``) with a measure that covers a few codes: its
   correlations with every other rest on 3 to 5 codes and the correlation matrices
   (``measures_correlation_matrix*.csv``, no ``n``) showed them as ``1.000`` beside
   correlations on 580 codes, without a word. Now one warning names the pairs, under the
   measure of few codes: ``45 correlations rest on fewer than 30 codes in common, too few
   to compare with the others (the correlation matrices do not show n; the correlations
   table does): of 'alpha' with 'eloundou_gpt4_beta' (3), 'eloundou_human_beta' (3), ...``. No pair of the real data has fewer than
   435 codes in common: its run says nothing more.
4. ``exposure_groups(values, weights)`` whose weights above 0 are all on missing values
   (``[nan, 0.2, 0.3]`` weighted ``[5, 0, 0]``). Before: ``the weights of the exposure groups
   sum to zero``, of weights that sum to 5. Now: ``the weights of the exposure groups sum to
   zero: every weight above 0 is that of a missing exposure value (1 of them, the first at
   position 0); a missing value gets no group``. Weights that are all 0 are told as before.
5. ``group_growth`` (so ``exposure outcomes``) of a measure whose quintile group is left
   empty because one occupation alone holds more base-year employment than a group
   (``--soc-scores`` of 14 codes, one of them Customer Service Representatives). Before:
   ``measure 'beta' fills 4 of the 5 exposure groups (1, 2, 3, 5; group 4 is empty): tied
   values share a group, and 1 of its 14 balanced occupations of 2022 have the value
   0.459239051978``: a tie of one value, not the cause. Now: ``...; group 4 is empty): the
   groups hold equal shares of the 2022 employment of its 14 balanced occupations, and
   43-6014 alone holds 62% of it, more than the 20% of a group; ask for fewer groups``.
   Ties (the shipped ``share_routine_coding``, 0 on 724 of 782 occupations) are told as
   before.
6. ``event_study``, ``robustness``, ``group_growth`` or ``run_outcomes`` given exposures on
   codes of another shape than the panel's (the broad groups ``11-1010``, ``15-1250``, SOC
   2010 codes). Before: ``measure 'beta' has no value on any balanced occupation of the
   panel (in the base year 2022)``, as if the column were empty. Now: ``...: its 6 values
   are on codes that are no balanced occupation of it (e.g. '11-1010'); put the measures
   on the panel's codes with exposure.outcomes.exposure_table``. An empty column is told as
   before.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from exposure import outcomes
from exposure.cli import main
from exposure.errors import DataFormatError, ExposureError
from exposure.measures import compare as cmp

_CODES = ("11-1011", "15-1252", "43-9021", "29-1141", "41-2031", "53-3032")


def _panel(codes=_CODES) -> pd.DataFrame:
    """A balanced panel of ``codes``, May 2021-2025, as ``build_panel`` returns one."""
    rows = [{"soc_code": c, "soc_title": f"title {c}", "soc_major": c[:2] + "-0000", "year": y,
             "code_type": "detailed", "tot_emp": 1000.0 * (i + 1) + 10 * (y - 2020), "a_mean": 50000.0 + 1000 * i + y,
             "a_median": 40000.0 + y, "balanced": True}
            for i, c in enumerate(codes) for y in (2021, 2022, 2023, 2024, 2025)]
    return pd.DataFrame(rows)


def _scores(codes=_CODES) -> pd.DataFrame:
    return pd.DataFrame({"soc_code": list(codes), "beta": [0.1, 0.5, 0.9, 0.2, 0.4, 0.3][:len(codes)]})


_SOC10 = ("'15-1132' is a SOC 2010 code (SOC 2018: 15-1252, 15-1253), retired in SOC 2018: cross the scores to "
          "SOC 2018 first (the links: exposure.crosswalks.load_soc_2010_to_2018())")


# 1. SOC 2010 and group codes of our scores, outside the panel ---------------------------------------

@pytest.mark.parametrize("code, why", [
    ("15-1132", _SOC10),
    ("15-1134", "'15-1134' is a SOC 2010 code (SOC 2018: 15-1254, 15-1255), retired in SOC 2018: cross the "
                "scores to SOC 2018 first (the links: exposure.crosswalks.load_soc_2010_to_2018())"),
])
def test_scores_of_a_soc_2010_code_are_refused(mirror, tmp_path, code, why):
    ours = _scores(("11-1011", code, "43-9021", "29-1141", "41-2031", "53-3032"))
    with pytest.raises(DataFormatError) as err:
        outcomes.exposure_table(_panel(), ours, measures=["beta"], mirror=mirror, data_dir=tmp_path / "cache")
    assert str(err.value) == f"soc_scores, row 2, column 'soc_code': {why}"


def test_a_comparison_of_a_soc_2010_code_is_refused(mirror, tmp_path):
    table = pd.DataFrame({"soc_code": ["11-1011", "15-1132"], "felten_aioe": [0.3, 0.9]})
    with pytest.raises(DataFormatError) as err:
        outcomes.exposure_table(_panel(), measures=["felten_aioe"], comparison=table, mirror=mirror,
                                data_dir=tmp_path / "cache")
    assert str(err.value) == (
        "comparison, row 2, column 'soc_code': '15-1132' is a SOC 2010 code (SOC 2018: 15-1252, 15-1253), "
        "retired in SOC 2018: cross the table to SOC 2018 first (the links: "
        "exposure.crosswalks.load_soc_2010_to_2018())")


@pytest.mark.parametrize("code", ["55-1011", "25-2052", "99-9999"])  # round 81: 15-1250 refused (a group)
def test_a_soc_2018_code_or_aggregate_off_the_panel_is_still_warned_about(mirror, tmp_path, caplog, code):
    """A military code OEWS does not publish, a broad group, an OEWS aggregate the panel lacks, no code."""
    caplog.set_level(logging.WARNING)
    ours = pd.concat([_scores(), pd.DataFrame({"soc_code": [code], "beta": [0.7]})], ignore_index=True)
    table = outcomes.exposure_table(_panel(), ours, measures=["beta"], mirror=mirror, data_dir=tmp_path / "cache")
    assert table["beta"].notna().all()
    assert [r.getMessage() for r in caplog.records if r.name == "exposure.outcomes"] == [
        "soc_scores: 1 scored SOC code is no code of the panel nor inside an OEWS aggregate of it, so its "
        f"scores are left out (e.g. '{code}', row 7)"]


def test_scores_of_the_oews_aggregates_on_a_panel_without_them_are_read(mirror, tmp_path):
    """The twelve OEWS aggregates of the shipped scores (13-1020, 25-2052, 51-2028 ...), none in this panel."""
    aggregates = ["13-1020", "13-2020", "21-1018", "25-2052", "25-9045", "29-2010", "31-1120", "39-7010",
                  "47-4090", "51-2028", "51-2090", "53-1047"]
    ours = pd.concat([_scores(), pd.DataFrame({"soc_code": aggregates, "beta": 0.5})], ignore_index=True)
    table = outcomes.exposure_table(_panel(), ours, measures=["beta"], mirror=mirror, data_dir=tmp_path / "cache")
    assert table["beta"].tolist() == [0.1, 0.5, 0.2, 0.4, 0.9, 0.3]


def test_outcomes_soc_scores_file_of_a_soc_2010_code_is_refused(mirror, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _scores(("11-1011", "15-1132", "43-9021", "29-1141", "41-2031", "53-3032")).to_parquet("soc2010.parquet")
    _panel().to_parquet("panel.parquet")
    code = main(["outcomes", "--panel", "panel.parquet", "--soc-scores", "soc2010.parquet", "--measure", "beta",
                 "--mirror", str(mirror), "--data-dir", str(tmp_path / "cache"), "--no-figures",
                 "--no-robustness", "-o", "out"])
    assert code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        f"exposure outcomes: error: soc2010.parquet, row 2, column 'soc_code': {_SOC10}")
    assert not (tmp_path / "out").exists()


# 2. a panel's employment written with a thousands separator -----------------------------------------

def test_panel_employment_with_a_thousands_separator_is_told_the_number():
    panel = _panel()
    panel["tot_emp"] = panel["tot_emp"].map(lambda v: f"{v:,.0f}")
    with pytest.raises(DataFormatError) as err:
        outcomes.event_study(panel, _scores(), ["beta"])
    assert str(err.value) == ("panel, row 1, column 'tot_emp': tot_emp must be a number of workers, got '1,010': "
                              "a comma does not separate thousands here: write '1010'")


# 3. correlations on a few codes ---------------------------------------------------------------------

def test_correlations_on_few_codes_are_named(caplog):
    rng = np.random.default_rng(80)
    codes = [f"{major}-{1011 + 10 * i}" for major in ("11", "13", "15", "17") for i in range(12)]
    emp = pd.DataFrame({"soc_code": codes, "tot_emp": 100.0})
    a = pd.DataFrame({"soc_code": codes, "a": rng.random(len(codes))})
    b = pd.DataFrame({"soc_code": codes, "b": rng.random(len(codes))})
    few = pd.DataFrame({"soc_code": codes[:5], "few": [0.1, 0.4, 0.2, 0.8, 0.6]})
    caplog.set_level(logging.WARNING)
    res = cmp.compare(measures=[], employment=emp, loaded={"a": a, "b": b, "few": few})
    assert res.correlations.set_index(["measure_a", "measure_b"])["n"].to_dict() == {
        ("a", "b"): 48, ("a", "few"): 5, ("b", "few"): 5}
    assert [r.getMessage() for r in caplog.records if r.name == "exposure.measures.compare"] == [
        "2 correlations rest on fewer than 30 codes in common, too few to compare with the others (the "
        "correlation matrices do not show n; the correlations table does): of 'few' with 'a' (5), 'b' (5)"]


def test_correlations_on_enough_codes_say_nothing(caplog):
    codes = [f"{major}-{1011 + 10 * i}" for major in ("11", "13", "15", "17") for i in range(12)]
    emp = pd.DataFrame({"soc_code": codes, "tot_emp": 100.0})
    rng = np.random.default_rng(8)
    loaded = {m: pd.DataFrame({"soc_code": codes, m: rng.random(len(codes))}) for m in ("a", "b")}
    caplog.set_level(logging.WARNING)
    cmp.compare(measures=[], employment=emp, loaded=loaded)
    assert [r.getMessage() for r in caplog.records if r.name == "exposure.measures.compare"] == []


# 4. weights above 0 on missing values only ----------------------------------------------------------

def test_weights_on_missing_values_only_are_said_to_be():
    with pytest.raises(ExposureError) as err:
        outcomes.exposure_groups([np.nan, 0.2, 0.3, np.nan], [5, 0, 0, 2], q=2)
    assert str(err.value) == (
        "the weights of the exposure groups sum to zero: every weight above 0 is that of a missing exposure value "
        "(2 of them, the first at position 0); a missing value gets no group")


def test_weights_all_zero_are_told_as_before():
    with pytest.raises(ExposureError) as err:
        outcomes.exposure_groups([0.1, 0.2, 0.3], [0, 0, 0], q=2)
    assert str(err.value) == "the weights of the exposure groups sum to zero"


# 5. a group left empty by one heavy occupation ------------------------------------------------------

def test_a_group_left_empty_by_one_heavy_occupation_names_it(caplog):
    panel = _panel()
    panel.loc[panel["soc_code"] == "43-9021", "tot_emp"] *= 20  # 43-9021 holds most of the workers
    caplog.set_level(logging.WARNING)
    growth = outcomes.group_growth(panel, _scores(), ["beta"], q=3)
    assert growth["group"].tolist() == [1, 2]
    assert [r.getMessage() for r in caplog.records if r.name == "exposure.outcomes"] == [
        "measure 'beta' fills 2 of the 3 exposure groups (1, 2; group 3 is empty): the groups hold equal shares of "
        "the 2022 employment of its 6 balanced occupations, and 43-9021 alone holds 77% of it, more than the 33% "
        "of a group; ask for fewer groups"]


def test_a_group_left_empty_by_ties_is_told_as_before(caplog):
    caplog.set_level(logging.WARNING)
    outcomes.group_growth(_panel(), _scores().assign(beta=[0.0, 0.0, 0.0, 0.0, 0.5, 0.9]), ["beta"], q=5)
    assert [r.getMessage() for r in caplog.records if r.name == "exposure.outcomes"] == [
        "measure 'beta' fills 3 of the 5 exposure groups (2, 3, 5; groups 1, 4 are empty): tied values share a "
        "group, and 4 of its 6 balanced occupations of 2022 have the value 0.0"]


# 6. exposures on codes of another shape than the panel's --------------------------------------------

_BROAD = ("11-1010", "15-1250", "43-9020", "29-1140", "41-2030", "53-3030")


@pytest.mark.parametrize("run", [
    lambda p, e: outcomes.event_study(p, e, ["beta"]),
    lambda p, e: outcomes.group_growth(p, e, ["beta"], q=2),
], ids=["event_study", "group_growth"])
def test_exposures_on_broad_groups_are_told_where_their_values_are(run):
    with pytest.raises(ExposureError) as err:
        run(_panel(), _scores(_BROAD))
    assert str(err.value) == (
        "measure 'beta' has no value on any balanced occupation of the panel (in the base year 2022): its 6 values "
        "are on codes that are no balanced occupation of it (e.g. '11-1010'); put the measures on the panel's "
        "codes with exposure.outcomes.exposure_table")


def test_an_empty_measure_is_told_as_before():
    with pytest.raises(ExposureError) as err:
        outcomes.group_growth(_panel(), _scores().assign(beta=np.nan), ["beta"], q=2)
    assert str(err.value) == "measure 'beta' has no value on any balanced occupation of the panel (in the base year 2022)"
