"""Round 28: ``exposure outcomes`` and the SOC mapping it uses (:mod:`exposure.outcomes`, :mod:`exposure.crosswalks`).

Found in this round (each test fails on the code before the fix):

1. :func:`~exposure.outcomes.exposure_table` put the published measures on the panel's
   codes without the SOC structure, so a SOC 2018 detailed code that OEWS publishes but a
   measure lacks (``21-1019``, ``25-2057``, ``51-2021``, ``53-1041``) was taken for a
   second OEWS aggregate of its broad group: the aggregate beside it (``21-1018``,
   ``25-2052``, ``51-2028``, ``53-1047``) got no exposure, silently, with 43 warnings on
   the mirror (``'21-1011': several OEWS aggregates in its broad group ['21-1018',
   '21-1019']``). The structure is now read (as :func:`~exposure.outcomes.load_panel`
   does): on the mirror 11 published measures gain 1-3 occupations;
2. :func:`~exposure.crosswalks.oews_code_map` wrote that warning once per code (up to 4
   lines for one broad group in one call); it is now one line per broad group listing
   the codes;
3. ``_aggregate_ok`` (:func:`~exposure.outcomes.build_panel`) accepted as an OEWS
   aggregate any code whose first five characters (``29-10``) it shared with an
   unpublished SOC 2018 detailed code, not its broad group: a SOC 2010 code such as
   ``29-1060`` (Physicians and surgeons) went into the panel as an "aggregate" in May 2022
   because ``29-1024`` was not published that year. It now needs the broad group
   (``29-106``), as :func:`~exposure.crosswalks.oews_code_map` and the aggregate check of
   :func:`~exposure.outcomes.build_panel` read it.

Fixtures are tiny OEWS tables written here; test 1 reads the real mirror (skipped without it).
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from _cli import _no_env  # noqa: F401 (_no_env: autouse fixture)

from exposure import crosswalks, outcomes
from exposure.errors import DataFormatError


def _panel(codes=("21-1012", "21-1018", "21-1019"), emp=(100.0, 300.0, 50.0)) -> pd.DataFrame:
    return pd.DataFrame({"soc_code": list(codes), "year": 2025, "tot_emp": list(emp),
                         "soc_title": [f"title {c}" for c in codes]})


def _crosswalk_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == "exposure.crosswalks" and r.levelno >= logging.WARNING]


# 1. the published measures on the panel's codes, with the SOC structure ---------------------

def test_published_measure_covers_the_aggregate_beside_a_detailed_code_it_lacks(shared_data, tmp_path, caplog):
    # Eloundou's occupations are O*NET-SOC 2019 codes: 21-1011 and 21-1014, no 21-1019
    caplog.set_level(logging.WARNING)
    table = outcomes.exposure_table(_panel(), measures=["eloundou_gpt4_beta"], mirror=shared_data,
                                    data_dir=tmp_path / "cache").set_index("soc_code")["eloundou_gpt4_beta"]
    assert table.notna().tolist() == [True, True, False]  # 21-1019: a detailed code the measure lacks
    assert _crosswalk_warnings(caplog) == []


# 2. one warning per broad group ----------------------------------------------------------------

def test_codes_left_unmapped_for_several_aggregates_are_named_on_one_line(caplog):
    caplog.set_level(logging.WARNING)
    out = crosswalks.oews_code_map(["21-1012", "21-1013", "21-1015"], ["21-1018", "21-1019"])
    assert out["how"].tolist() == ["none"] * 3
    assert _crosswalk_warnings(caplog) == [
        "'21-1012', '21-1013', '21-1015': several OEWS aggregates in their broad group ['21-1018', '21-1019'], or SOC "
        "detailed codes missing from soc_codes (a crosswalk cut to some occupations?): without soc_structure they "
        "cannot be told apart, so they are left unmapped; give soc_structure "
        "(exposure.crosswalks.load_soc_structure()) or every SOC code"]


def test_one_code_left_unmapped_keeps_its_message(caplog):
    caplog.set_level(logging.WARNING)
    crosswalks.oews_code_map(["11-2021"], ["11-2022", "11-2023"])
    assert _crosswalk_warnings(caplog) == ["'11-2021': several OEWS aggregates in its broad group "
                                           "['11-2022', '11-2023'], or SOC detailed codes missing from soc_codes (a "
                                           "crosswalk cut to some occupations?): without soc_structure they cannot be "
                                           "told apart, so it is left unmapped; give soc_structure "
                                           "(exposure.crosswalks.load_soc_structure()) or every SOC code"]


# 3. an aggregate must share its broad group with an unpublished detailed code --------------------

DETAILED_29 = ["29-1011", "29-1021", "29-1022", "29-1023", "29-1024", "29-1029", "29-1211", "29-1229"]


def _oews(codes) -> pd.DataFrame:
    n = len(codes)
    return pd.DataFrame({"i_group": "cross-industry", "o_group": "detailed", "occ_code": list(codes),
                         "occ_title": [f"title {c}" for c in codes], "tot_emp": [10.0 * (i + 1) for i in range(n)],
                         "a_mean": [50000.0] * n, "a_median": [48000.0] * n})


def test_a_soc_2010_code_beside_an_unpublished_code_of_another_broad_group_is_refused():
    codes = ["29-1011", "29-1021", "29-1022", "29-1023", "29-1029", "29-1060", "29-1211", "29-1229"]
    with pytest.raises(DataFormatError) as info:
        outcomes.build_panel({2022: _oews(codes)}, DETAILED_29)
    message = str(info.value)
    assert "frames[2022], row 6, column 'occ_code'" in message
    assert "occupation code 29-1060 is neither a SOC 2018 detailed code nor an OEWS aggregate" in message


def test_an_aggregate_of_its_own_broad_group_is_kept():
    codes = ["29-1011", "29-1020", "29-1029", "29-1211", "29-1229"]
    panel = outcomes.build_panel({2022: _oews(codes)}, DETAILED_29)
    row = panel.set_index("soc_code").loc["29-1020"]
    assert row["code_type"] == "aggregate"
