"""Faults of round 48 (isco2): codes of another vintage put on ISCO-08.

A researcher with older scores (SOC 2010 codes) or a subset of SOC 2018 codes puts them
on ISCO-08 with :func:`exposure.measures.ilo.to_isco`, its links built from the registry
(SOC 2018 -> SOC 2010 -> ISCO-08); an analyst with ISCO-coded scores goes the other way
with :func:`~exposure.measures.ilo.ilo_to_soc`.

1. SOC 2010 scores (``15-1132``, ``15-1133``: retired in SOC 2018) came out of
   ``to_isco`` with those codes in ``attrs["unmatched"]`` only: no error, no warning, their
   scores and employment missing from every ISCO group. Now refused, naming the row, the
   column, the SOC 2018 codes and the crosswalk to use.
2. A SOC 2010 code whose broad group holds SOC 2018 codes (``55-3017``, radar and sonar
   technicians, SOC 2018 ``17-3029``) was linked as if it were an OEWS aggregate of that
   broad group: to ISCO ``0310`` (armed forces) through ``55-3011`` ... ``55-3019``. Now
   refused likewise.
3. Every SOC 2010 code retired in SOC 2018 (88): 63 went to ``attrs["unmatched"]``, 25
   were linked as aggregates, with warnings of "several OEWS aggregates" in broad groups
   the user never gave. Now refused, saying how many codes are SOC 2010 codes, without
   those warnings.
4. The SOC 2010 code ``25-2052`` beside ``25-2053`` and ``25-2054`` (SOC 2010 special
   education teachers) went to ``attrs["unmatched"]`` with a warning of "several OEWS
   aggregates". Now refused; ``25-2052`` as the OEWS aggregate of ``25-2055`` and
   ``25-2056`` (the real ``soc_scores``) is still linked as before, and the OEWS
   aggregate given beside one of its own codes is named as such.
5. A SOC 2018 detailed code without a link of its own (``29-2055``, surgical
   technologists, which ``soc10_isco08.csv`` lacks) given without the other codes of its
   broad group was linked as an OEWS aggregate of them: to ISCO ``3213`` (pharmaceutical
   technicians), ``3240`` (veterinary technicians) ... Now left out (``attrs["unmatched"]``),
   as it is beside the whole broad group.
6. Codes left out of ``to_isco`` (no ISCO-08 link; ``29-2055`` in the real
   ``soc_scores``, 117,460 workers) were named in ``attrs["unmatched"]`` only, an INFO line.
   Now a warning names them and the employment left out.
7. ``ilo_to_soc`` of ISCO scores holding a code without a SOC link (an ISCO-88 code such as
   ``2139``) left it out with an INFO line only. Now a warning names it.
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.measures import ilo

ILO_LOGGER = "exposure.measures.ilo"
CROSSWALKS_LOGGER = "exposure.crosswalks"


@pytest.fixture(scope="module")
def registry(shared_data, tmp_path_factory):
    """``mirror``/``data_dir`` arguments reading the registry crosswalks of the real mirror."""
    return {"mirror": shared_data, "data_dir": tmp_path_factory.mktemp("cache")}


def _scores(codes: list[str], emp: bool = False) -> pd.DataFrame:
    frame = pd.DataFrame({"soc_code": codes, "beta": [0.1 + 0.05 * i for i in range(len(codes))]})
    if emp:
        frame["tot_emp"] = [1000.0 * (i + 1) for i in range(len(codes))]
    return frame


def test_soc2010_scores_refused_naming_row_and_column(registry):
    with pytest.raises(DataFormatError) as exc:
        ilo.to_isco(_scores(["11-1011", "15-1132", "15-1133"]), **registry)
    assert exc.value.row == 2 and exc.value.column == "soc_code"
    assert str(exc.value).startswith("soc_scores, row 2, column 'soc_code': '15-1132' is a SOC 2010 code, retired "
                                     "in SOC 2018 (its SOC 2018 codes: 15-1252, 15-1253; 2 of the 3 codes are SOC "
                                     "2010 codes retired in SOC 2018): to_isco reads SOC 2018 codes; cross the "
                                     "scores to SOC 2018 first")
    assert "load_soc_2010_to_2018" in str(exc.value)


def test_soc2010_code_in_a_broad_group_of_soc2018_codes_not_linked_as_aggregate(registry):
    with pytest.raises(DataFormatError) as exc:
        ilo.to_isco(_scores(["11-1011", "55-3017", "15-1252"]), **registry)
    assert exc.value.row == 2
    assert "'55-3017' is a SOC 2010 code, retired in SOC 2018 (its SOC 2018 codes: 17-3029)" in str(exc.value)


def test_every_retired_soc2010_code_refused_without_aggregate_warnings(registry, caplog):
    from exposure.measures import _common

    soc10 = _common.soc10_to_18(**registry)
    retired = sorted(set(soc10["source_code"]) - set(soc10["target_code"]))
    assert len(retired) == 88
    with caplog.at_level(logging.WARNING, logger=CROSSWALKS_LOGGER), pytest.raises(DataFormatError) as exc:
        ilo.to_isco(_scores(retired), **registry)
    assert "88 of the 88 codes are SOC 2010 codes retired in SOC 2018" in str(exc.value)
    assert not [r for r in caplog.records if "several OEWS aggregates" in r.getMessage()]


def test_soc2010_special_education_codes_refused(registry):
    with pytest.raises(DataFormatError) as exc:
        ilo.to_isco(_scores(["25-2051", "25-2052", "25-2053", "25-2054"]), **registry)
    # 25-2052 names the occupations of the OEWS aggregate 25-2052 (25-2055, 25-2056): 25-2053 is refused
    assert exc.value.row == 3 and "'25-2053' is a SOC 2010 code" in str(exc.value)


def test_oews_aggregate_25_2052_still_linked(registry, caplog):
    codes = ["25-2051", "25-2052", "25-2057", "25-2058", "25-2059", "15-1252"]
    with caplog.at_level(logging.WARNING):
        out = ilo.to_isco(_scores(codes, emp=True), **registry)
    assert out.attrs["unmatched"] == []
    assert out["tot_emp"].sum() == pytest.approx(21000.0)
    assert not caplog.records
    # the teachers' unit group 2352 averages the five teachers' codes, 25-2052 among them
    assert out.set_index("isco08_code").loc["2352", "n_sources"] == 5


def test_oews_aggregate_beside_its_own_code_is_named(registry):
    with pytest.raises(DataFormatError) as exc:
        ilo.to_isco(_scores(["25-2052", "25-2055", "15-1252"]), **registry)
    assert exc.value.row == 1
    assert "as an OEWS aggregate, given beside its own code(s) 25-2055 on row 2" in str(exc.value)


def test_soc2018_code_without_link_not_made_an_aggregate(registry, caplog):
    with caplog.at_level(logging.WARNING, logger=ILO_LOGGER):
        out = ilo.to_isco(_scores(["29-2034", "29-2055", "15-1252"]), **registry)
    assert out.attrs["unmatched"] == ["29-2055"]
    # 29-2034 (radiologic technologists) goes to 3211 and 3259; 29-2055 took 3213, 3240, ... too
    assert set(out["isco08_code"]) == {"2512", "2519", "2529", "3211", "3259"}


def test_to_isco_warns_of_codes_left_out_with_their_employment(registry, caplog):
    with caplog.at_level(logging.WARNING, logger=ILO_LOGGER):
        out = ilo.to_isco(_scores(["29-2034", "29-2055", "15-1252"], emp=True), **registry)
    assert out["tot_emp"].sum() == pytest.approx(4000.0)
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert said == ["to_isco: 1 of the 3 SOC codes have no ISCO-08 link and are left out of the result "
                    "(attrs['unmatched']): '29-2055'; tot_emp 2,000 of 6,000 left out"]


def test_to_isco_with_own_links_keeps_their_codes(caplog):
    # links of the caller: their vintage is theirs, no registry read, SOC 2010 codes linked
    links = pd.DataFrame({"source_code": ["15-1132", "15-1133"], "target_code": ["2512", "2512"],
                          "crosswalk_weight": [1.0, 1.0]})
    out = ilo.to_isco(_scores(["15-1132", "15-1133"]), links=links)
    assert out["isco08_code"].tolist() == ["2512"] and out["n_sources"].tolist() == [2]


def test_ilo_to_soc_warns_of_isco_codes_without_link(caplog):
    scores = pd.DataFrame({"isco08_code": ["2512", "2139"], "mean_score_2025": [0.5, 0.4],
                           "mean_score_2023": [0.4, 0.3], "gradient_level_2025": [3, 2]})
    links = pd.DataFrame({"source_code": ["2512"], "target_code": ["15-1252"], "crosswalk_weight": [1.0]})
    with caplog.at_level(logging.WARNING, logger=ILO_LOGGER):
        out = ilo.ilo_to_soc(scores, links)
    assert out.attrs["unmatched"] == ["2139"]
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert said == ["ilo_to_soc: 1 of the 2 ISCO-08 codes have no SOC link and are left out of the result "
                    "(attrs['unmatched']): '2139'"]
