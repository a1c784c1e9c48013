"""Round 81: years and SOC groups given to ``exposure.outcomes`` and ``exposure outcomes``.

1. A year argument written as digits (``event_study(..., base_year="2022")``, also
   ``pre_year``/``end_year`` of ``group_growth``, ``robustness``, ``run_outcomes``,
   ``check_panel``, ``pretrend``, ``headline`` and ``exposure.reports.outcomes.summary_table``).
   Before: refused, ``base_year must be a year (int), got str '2022'``, while
   ``load_panel(["2022"])`` and a ``frames`` key ``"2022"`` of ``build_panel`` read it as
   2022: three rules for one thing. Now one rule (``exposure.outcomes._as_year``): the
   digits are the year, as the list and the keys read them; other text is refused as
   before (``base_year must be a year (int), got str 'May 2022'``).
2. A year of other digits than 0-9 (superscript ``"²⁰²²"``) in ``load_panel(years)`` or as a
   ``frames`` key. Before: ``ValueError: invalid literal for int() with base 10: '²⁰²²'``
   (``str.isdigit`` took it for digits). Now: ``years must be a list of May years, got list
   ['²⁰²²']``, ``frames: key '²⁰²²' is not a year``. ``load_panel("1999")`` was told
   ``got str '1999': write [1999]``, a list refused in turn; now ``got str '1999'`` (the
   advice stays for a year from 2000 to 2100).
3. A panel without any row of the base year (May 2021, 2023, 2024) given to ``check_panel``.
   Before: ``p.parquet, column 'balanced': the panel has no balanced occupation in the base
   year 2022``, as if its rows of 2022 were unbalanced. Now, in ``run_outcomes``' words:
   ``p.parquet, column 'year': base_year 2022 is not a year of the panel (2021, 2023,
   2024)``. ``exposure outcomes --panel`` of such a file says what the event study needs:
   ``panel.parquet, column 'year': the panel's years are 2021, 2023, 2024; the event study
   needs May 2022 (the base year)``.
4. Our SOC scores (``exposure outcomes --soc-scores``, ``exposure_table(panel, soc_scores)``,
   its ``comparison=``) holding a SOC group outside the panel that holds occupations of the
   panel (the broad group ``15-1250`` beside a panel of ``15-1252``; ``29-1210`` of the
   physicians ``29-1221``; the minor ``15-1200`` and ``29-1000`` (of ``29-1141``, as the SOC
   structure has it), the major ``15-0000``, the total
   ``00-0000``). Before: a warning, ``s.parquet: 1 scored SOC code is no code of the panel
   nor inside an OEWS aggregate of it, so its scores are left out (e.g. '15-1250', row 7)``,
   and the run went on, while ``exposure compare --ours`` refused the same file. Now refused
   in compare's words: ``s.parquet, row 7, column 'soc_code': '15-1250' is a SOC 2018 broad
   group, not a detailed occupation: no measure nor employment is given on it; give
   detailed codes``. A group none of whose occupations the panel holds (the OEWS aggregates
   ``13-1020``, ``29-2010`` of the shipped scores on a smaller panel) is warned about and
   left out, as before.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from exposure import outcomes
from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.reports.outcomes import summary_table

_CODES = ("11-1011", "15-1252", "43-9021", "29-1141", "41-2031", "53-3032")
_YEARS = (2021, 2022, 2023, 2024, 2025)


def _panel(codes=_CODES, years=_YEARS) -> pd.DataFrame:
    """A balanced panel of ``codes`` and ``years``, as ``build_panel`` returns one."""
    rows = [{"soc_code": c, "soc_title": f"title {c}", "soc_major": c[:2] + "-0000", "year": y,
             "code_type": "detailed", "tot_emp": 1000.0 * (i + 1) + 10 * (y - 2020) * (i % 3),
             "a_mean": 50000.0 + 1000 * i + 7 * y * (i % 2), "a_median": 40000.0 + y, "balanced": True}
            for i, c in enumerate(codes) for y in years]
    return pd.DataFrame(rows)


def _scores(codes=_CODES) -> pd.DataFrame:
    return pd.DataFrame({"soc_code": list(codes), "beta": [0.1, 0.5, 0.9, 0.2, 0.4, 0.3][:len(codes)]})


def _coefficients() -> pd.DataFrame:
    return outcomes.event_study(_panel(), _scores(), ["beta"], outcomes=["log_emp"])


# 1. a year written as digits --------------------------------------------------------------------

@pytest.mark.parametrize("call", [
    lambda year: outcomes.event_study(_panel(), _scores(), ["beta"], outcomes=["log_emp"], base_year=year),
    lambda year: outcomes.robustness(_panel(), _scores(), ["beta"], outcomes=["log_emp"], base_year=year),
    lambda year: outcomes.group_growth(_panel(), _scores(), ["beta"], q=2, base_year=year),
    lambda year: outcomes.run_outcomes(_panel(), _scores(), ["beta"], q=2, base_year=year,
                                       with_robustness=False).headline,
    lambda year: outcomes.check_panel(_panel(), base_year=year),
], ids=["event_study", "robustness", "group_growth", "run_outcomes", "check_panel"])
def test_a_base_year_written_as_digits_is_that_year(call):
    pd.testing.assert_frame_equal(call(" 2022"), call(2022))


def test_pre_and_end_years_written_as_digits_are_those_years():
    panel, ex = _panel(), _scores()
    pd.testing.assert_frame_equal(outcomes.group_growth(panel, ex, ["beta"], q=2, pre_year="2021", end_year="2024"),
                                  outcomes.group_growth(panel, ex, ["beta"], q=2, pre_year=2021, end_year=2024))
    c = _coefficients()
    pd.testing.assert_frame_equal(outcomes.pretrend(c, pre_year="2021"), outcomes.pretrend(c, pre_year=2021))
    pd.testing.assert_frame_equal(outcomes.headline(c, year="2024", pre_year="2021"),
                                  outcomes.headline(c, year=2024, pre_year=2021))
    h = outcomes.headline(c)
    assert "May 2024 (% per SD)" in summary_table(h, year="2024").columns
    assert "pre-trend, May 2021 (%)" in summary_table(h, pre_year="2021").columns


@pytest.mark.parametrize("year, shown", [("May 2022", "str 'May 2022'"), ("2022.0", "str '2022.0'"),
                                         ("²⁰²²", "str '²⁰²²'"), ("", "str ''")])
def test_other_text_is_still_no_year(year, shown):
    with pytest.raises(DataFormatError) as err:
        outcomes.event_study(_panel(), _scores(), ["beta"], base_year=year)
    assert str(err.value) == f"base_year must be a year (int), got {shown}"


def test_the_three_readers_of_a_year_agree():
    for given in ("2022", " 2022 ", 2022, 2022.0, np.int64(2022)):
        assert outcomes._check_year(given, "base_year") == 2022
        assert outcomes._check_years([given]) == [2022]
        assert outcomes._frame_year(given) == 2022


# 2. digits other than 0-9 -----------------------------------------------------------------------

def test_superscript_digits_in_load_panel_years_are_no_year():
    with pytest.raises(DataFormatError) as err:
        outcomes.load_panel(["²⁰²²"])
    assert str(err.value) == "years must be a list of May years, got list ['²⁰²²']"
    with pytest.raises(DataFormatError) as err:
        outcomes.load_panel("²⁰²²")
    assert str(err.value) == "years must be a list of May years, got str '²⁰²²'"


def test_a_superscript_frames_key_is_no_year():
    with pytest.raises(DataFormatError) as err:
        outcomes._frame_year("²⁰²²")
    assert str(err.value) == "frames: key '²⁰²²' is not a year"


def test_a_year_outside_2000_2100_as_text_is_not_told_to_be_written_in_a_list():
    with pytest.raises(DataFormatError) as err:
        outcomes.load_panel("1999")
    assert str(err.value) == "years must be a list of May years, got str '1999'"
    with pytest.raises(DataFormatError) as err:  # the advice, where it works
        outcomes.load_panel("2025")
    assert str(err.value) == "years must be a list of May years, got str '2025': write [2025]"


# 3. a panel without the base year ----------------------------------------------------------------

def test_check_panel_of_a_panel_without_the_base_year_names_its_years():
    with pytest.raises(DataFormatError) as err:
        outcomes.check_panel(_panel(years=(2021, 2023, 2024)), path="p.parquet")
    assert str(err.value) == "p.parquet, column 'year': base_year 2022 is not a year of the panel (2021, 2023, 2024)"


def test_check_panel_of_unbalanced_base_year_rows_is_told_as_before():
    panel = _panel()
    panel = panel.assign(balanced=panel["year"] != 2022)
    with pytest.raises(DataFormatError) as err:
        outcomes.check_panel(panel, path="p.parquet")
    assert str(err.value) == "p.parquet, column 'balanced': the panel has no balanced occupation in the base year 2022"


def test_outcomes_panel_file_without_the_base_year_is_told_what_the_event_study_needs(tmp_path, monkeypatch,
                                                                                       capsys):
    monkeypatch.chdir(tmp_path)
    _panel(years=(2021, 2023, 2024)).to_parquet("panel.parquet")
    code = main(["outcomes", "--panel", "panel.parquet", "--measure", "beta", "--no-figures", "-o", "out"])
    assert code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        "exposure outcomes: error: panel.parquet, column 'year': the panel's years are 2021, 2023, 2024; the event "
        "study needs May 2022 (the base year)")
    assert not (tmp_path / "out").exists()


# 4. SOC groups among our scores ------------------------------------------------------------------

_GROUP = "is a SOC 2018 {} group, not a detailed occupation: no measure nor employment is given on it; give detailed codes"


@pytest.mark.parametrize("code, level", [("15-1250", "broad"), ("15-1200", "minor"), ("15-0000", "major"),
                                         ("29-1000", "minor")])
def test_a_group_holding_occupations_of_the_panel_is_refused(mirror, tmp_path, code, level):
    ours = pd.concat([_scores(), pd.DataFrame({"soc_code": [code], "beta": [0.7]})], ignore_index=True)
    with pytest.raises(DataFormatError) as err:
        outcomes.exposure_table(_panel(), ours, measures=["beta"], mirror=mirror, data_dir=tmp_path / "cache")
    assert str(err.value) == f"soc_scores, row 7, column 'soc_code': '{code}' {_GROUP.format(level)}"


def test_the_total_of_all_occupations_is_refused(mirror, tmp_path):
    ours = pd.concat([pd.DataFrame({"soc_code": ["00-0000"], "beta": [0.7]}), _scores()], ignore_index=True)
    with pytest.raises(DataFormatError) as err:
        outcomes.exposure_table(_panel(), ours, measures=["beta"], mirror=mirror, data_dir=tmp_path / "cache")
    assert str(err.value) == ("soc_scores, row 1, column 'soc_code': '00-0000' is the total of all occupations, not a "
                              "detailed occupation: no measure nor employment is given on it; give detailed codes")


def test_the_broad_group_of_the_physicians_is_read_as_the_soc_structure_has_it(mirror, tmp_path):
    """29-1221 (Pediatricians) is in the broad group 29-1210, not in a 29-1220."""
    codes = ("11-1011", "29-1221", "43-9021", "29-1141", "41-2031", "53-3032")
    ours = pd.concat([_scores(codes), pd.DataFrame({"soc_code": ["29-1210"], "beta": [0.7]})], ignore_index=True)
    with pytest.raises(DataFormatError) as err:
        outcomes.exposure_table(_panel(codes), ours, measures=["beta"], mirror=mirror, data_dir=tmp_path / "cache")
    assert str(err.value) == f"soc_scores, row 7, column 'soc_code': '29-1210' {_GROUP.format('broad')}"


def test_a_comparison_of_a_group_code_is_refused(mirror, tmp_path):
    table = pd.DataFrame({"soc_code": ["11-1011", "15-1250"], "felten_aioe": [0.3, 0.9]})
    with pytest.raises(DataFormatError) as err:
        outcomes.exposure_table(_panel(), measures=["felten_aioe"], comparison=table, mirror=mirror,
                                data_dir=tmp_path / "cache")
    assert str(err.value) == f"comparison, row 2, column 'soc_code': '15-1250' {_GROUP.format('broad')}"


def test_outcomes_soc_scores_file_of_a_broad_group_is_refused(mirror, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    pd.concat([_scores(), pd.DataFrame({"soc_code": ["15-1250"], "beta": [0.7]})],
              ignore_index=True).to_parquet("s.parquet")
    _panel().to_parquet("panel.parquet")
    code = main(["outcomes", "--panel", "panel.parquet", "--soc-scores", "s.parquet", "--measure", "beta",
                 "--mirror", str(mirror), "--data-dir", str(tmp_path / "cache"), "--no-figures",
                 "--no-robustness", "--quantiles", "2", "-o", "out"])
    assert code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        f"exposure outcomes: error: s.parquet, row 7, column 'soc_code': '15-1250' {_GROUP.format('broad')}")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("code", ["15-1250", "13-1020", "29-2010", "15-1200"])
def test_a_group_of_none_of_the_panels_occupations_is_still_warned_about(mirror, tmp_path, caplog, code):
    """The panel holds no code of 15-125x, 15-12xx, 13-102x or 29-201x: nothing of it to refuse."""
    caplog.set_level(logging.WARNING)
    codes = ("11-1011", "15-2011", "43-9021", "29-1141", "41-2031", "53-3032")
    ours = pd.concat([_scores(codes), pd.DataFrame({"soc_code": [code], "beta": [0.7]})], ignore_index=True)
    table = outcomes.exposure_table(_panel(codes), ours, measures=["beta"], mirror=mirror,
                                    data_dir=tmp_path / "cache")
    assert table["beta"].tolist() == [0.1, 0.5, 0.2, 0.4, 0.9, 0.3]
    assert [r.getMessage() for r in caplog.records if r.name == "exposure.outcomes"] == [
        "soc_scores: 1 scored SOC code is no code of the panel nor inside an OEWS aggregate of it, so its "
        f"scores are left out (e.g. '{code}', row 7)"]

