"""Felten, Webb and ILO loaders on tiny hand-written fixtures (weights computed by hand)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.measures import _common, felten, ilo, webb
from exposure.measures._crosswalk import compose_links, links_from_pairs


@pytest.fixture
def mdir(fixtures):
    return fixtures / "measures"


def _felten_xlsx(path, rows, col="Language Modeling AIOE", sheet="LM AIOE"):
    pd.DataFrame(rows, columns=["SOC Code", "Occupation Title", col]).to_excel(path, sheet_name=sheet, index=False)
    return path


def test_felten_to_soc_hand_computed(tmp_path, mdir):
    path = _felten_xlsx(
        tmp_path / "lm.xlsx",
        [["11-1011", "Chief Executives", 1.0], ["15-1132", "Dev apps", 2.0], ["15-1133", "Dev sys", 1.0],
         ["15-1199", "Computer, all other", 0.5], ["99-9999", "Made up", 3.0]],
    )
    scores = felten.read_felten_occupations(path, "lm")
    out = felten.felten_to_soc(scores, _common.soc10_to_18(path=mdir / "soc_2010_to_2018.csv")).set_index("soc_code")
    assert out.loc["15-1252", "aioe"] == pytest.approx(1.5)  # mean of 2.0 and 1.0
    assert out.loc["15-1252", "crosswalk_weight"] == pytest.approx(2.0)
    assert out.loc["15-1253", "aioe"] == pytest.approx(0.5)
    assert out.loc["15-1253", "crosswalk_weight"] == pytest.approx(1 / 3)  # 15-1199 split 3 ways
    assert out.attrs["unmatched"] == ["99-9999"]


def test_felten_missing_column_names_file_and_column(tmp_path):
    path = tmp_path / "bad.xlsx"
    pd.DataFrame({"SOC Code": ["11-1011"], "Occupation Title": ["x"], "Score": [1.0]}).to_excel(
        path, sheet_name="LM AIOE", index=False
    )
    with pytest.raises(DataFormatError) as exc:
        felten.read_felten_occupations(path, "lm")
    assert exc.value.column == "Language Modeling AIOE" and "bad.xlsx" in str(exc.value)


def test_felten_non_numeric_score_names_row(tmp_path):
    path = _felten_xlsx(tmp_path / "lm.xlsx", [["11-1011", "a", 1.0], ["11-1021", "b", "n/a"]])
    with pytest.raises(DataFormatError) as exc:
        felten.read_felten_occupations(path, "lm")
    assert (exc.value.row, exc.value.column) == (3, "Language Modeling AIOE")


def test_felten_missing_sheet(tmp_path):
    path = _felten_xlsx(tmp_path / "x.xlsx", [["11-1011", "a", 1.0]], sheet="Other")
    with pytest.raises(DataFormatError, match="LM AIOE"):
        felten.read_felten_occupations(path, "lm")


def test_felten_industries_keep_partial_aggregates(tmp_path):
    path = tmp_path / "ig.xlsx"
    pd.DataFrame(
        {"NAICS": ["113300", "3250A1", "3250A2"], "NAICS Description": ["Logging", "Chem a", "Chem b"],
         "Image Generation AIIE": [-0.1, 0.2, 0.3]}
    ).to_excel(path, sheet_name="IG AIIE", index=False)
    assert felten.read_felten_industries(path, "ig")["naics"].tolist() == ["1133", "3250A1", "3250A2"]


def test_webb_chain_hand_computed(mdir):
    scores = webb.read_webb(mdir / "webb_scores.csv")
    assert scores.set_index("occ1990dd").loc["4", "webb_ai"] == pytest.approx(0.28)
    pairs = webb.read_onet_to_occ1990dd(mdir / "onet_to_occ1990dd.csv")
    assert pairs.attrs["unlinked"] == ["99-9999.00"]
    out = webb.webb_to_soc(scores, pairs, _common.onetsoc10_to_18(path=mdir / "soc_2010_to_2018.csv"))
    out = out.set_index("soc_code")
    # occ 4 -> two O*NET codes (1/2 each), both 11-1011: weight 1
    assert out.loc["11-1011", "webb_ai"] == pytest.approx(0.28)
    assert out.loc["11-1011", "crosswalk_weight"] == pytest.approx(1.0)
    # 15-1252 gets all of occ 229 (0.40) and half of occ 64 (0.60): (0.40 + 0.5*0.60) / 1.5
    assert out.loc["15-1252", "webb_ai"] == pytest.approx(0.7 / 1.5)
    assert out.loc["15-1252", "crosswalk_weight"] == pytest.approx(1.5)
    # occ 64's other half goes to 15-1199.02, split between 15-1299 and 15-1241
    assert out.loc["15-1241", "crosswalk_weight"] == pytest.approx(0.25)
    assert out.loc["15-1241", "webb_software"] == pytest.approx(0.80)
    # occ 888 is unpublished: its SOC code has no value, never a zero
    assert np.isnan(out.loc["43-9022", "webb_ai"])
    assert out.attrs["unmatched"] == ["999"]


def test_webb_unexpected_columns(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("occ1990dd,title,ai\n4,x,10\n")
    with pytest.raises(DataFormatError) as exc:
        webb.read_webb(path)
    assert exc.value.column == "occ1990dd_title"


def _ilo_xlsx(path, rows):
    cols = ["ISCO_08", "Title", "taskID", "mean_score_2025", "SD_2025", "mean_score_2023", "SD_2023",
            "potential25", "potential23"]
    pd.DataFrame(rows, columns=cols).to_excel(path, index=False)
    return path


def _ilo_rows():
    return [
        ["1112", "Senior officials", 1, 0.2, 0.1, 0.2, 0.1, "Not Exposed", "Not affected"],
        ["1112", "Senior officials", 2, 0.2, 0.1, 0.2, 0.1, "Not Exposed", "Not affected"],
        ["1120", "Managing directors", 1, 0.4, 0.1, 0.3, 0.1, "Minimal Exposure", "Not affected"],
        ["2512", "Software developers", 1, 0.6, 0.1, 0.5, 0.1, "Exposed: Gradient 3", "Augmentation Potential"],
        ["2519", "Software testers", 1, 0.5, 0.1, 0.5, 0.1, "Exposed: Gradient 2", "Augmentation Potential"],
        ["2523", "Network professionals", 1, 0.3, 0.1, 0.3, 0.1, "Exposed: Gradient 1", "Not affected"],
    ]


def test_ilo_read_and_chain_hand_computed(tmp_path, mdir):
    scores = ilo.read_ilo(_ilo_xlsx(tmp_path / "ilo.xlsx", _ilo_rows()))
    assert scores.set_index("isco08_code").loc["1112", "n_tasks"] == 2
    assert scores.set_index("isco08_code").loc["2512", "gradient_level_2025"] == 3
    pairs = _common.read_soc10_isco08_pairs(mdir / "soc10_isco08.csv")
    assert "0110" in set(pairs["isco08_code"])  # leading zero restored
    links = compose_links(links_from_pairs(pairs, "isco08_code", "soc10_code"),
                          _common.soc10_to_18(path=mdir / "soc_2010_to_2018.csv"))
    assert links.attrs["unmatched"] == ["55-1011"]  # no SOC 2018 link in the fixture
    out = ilo.ilo_to_soc(scores, links).set_index("soc_code")
    assert out.loc["11-1011", "mean_score_2025"] == pytest.approx(0.3)  # (0.2 + 0.4) / 2
    assert out.loc["11-1011", "crosswalk_weight"] == pytest.approx(2.0)
    assert out.loc["15-1252", "mean_score_2025"] == pytest.approx(0.6)
    # 2519 and 2523 both reach 15-1253 with weight 1/3: (0.5 + 0.3) / 2
    assert out.loc["15-1253", "mean_score_2025"] == pytest.approx(0.4)
    assert out.loc["15-1253", "crosswalk_weight"] == pytest.approx(2 / 3)


def test_ilo_inconsistent_occupation_values(tmp_path):
    rows = _ilo_rows()
    rows[1][3] = 0.25
    with pytest.raises(DataFormatError, match="1112"):
        ilo.read_ilo(_ilo_xlsx(tmp_path / "ilo.xlsx", rows))


def test_ilo_unknown_gradient(tmp_path):
    rows = _ilo_rows()
    rows[2][7] = "Very exposed"
    with pytest.raises(DataFormatError) as exc:
        ilo.read_ilo(_ilo_xlsx(tmp_path / "ilo.xlsx", rows))
    assert (exc.value.row, exc.value.column) == (4, "potential25")


def test_to_isco_hand_computed(mdir):
    pairs = _common.read_soc10_isco08_pairs(mdir / "soc10_isco08.csv")
    soc = _common.soc10_to_18(path=mdir / "soc_2010_to_2018.csv")
    links = compose_links(links_from_pairs(soc, "target_code", "source_code"),
                          links_from_pairs(pairs, "soc10_code", "isco08_code"))
    ours = pd.DataFrame({
        "soc_code": ["11-1011", "15-1252", "15-1253", "43-9022", "99-0000"],
        "beta": [0.2, 0.8, 0.6, 0.4, 0.1],
        "tot_emp": [100.0, 1000.0, 200.0, 50.0, 5.0],
        "n_onet": [1, 2, 1, 1, 1],
    })
    out = ilo.to_isco(ours, links=links)
    assert list(out.columns) == ["isco08_code", "beta", "tot_emp", "crosswalk_weight", "n_sources"]
    out = out.set_index("isco08_code")
    # 11-1011 -> SOC 2010 11-1011 -> ISCO 1112 and 1120, 1/2 each
    assert out.loc["1112", "beta"] == pytest.approx(0.2) and out.loc["1112", "tot_emp"] == pytest.approx(50.0)
    assert out.loc["1112", "crosswalk_weight"] == pytest.approx(0.5)
    # 15-1252 -> 15-1132 and 15-1133 (1/2 each) -> both 2512: weight 1
    assert out.loc["2512", "tot_emp"] == pytest.approx(1000.0)
    # 15-1253 -> 15-1199 -> 2519 and 2523, 1/2 each
    assert out.loc["2519", "tot_emp"] == pytest.approx(100.0) and out.loc["2519", "beta"] == pytest.approx(0.6)
    assert out.attrs["unmatched"] == ["99-0000"]
    assert out["tot_emp"].sum() == pytest.approx(1350.0)  # matched employment preserved


def test_to_isco_aggregate_code_takes_detailed_links():
    links = links_from_pairs(pd.DataFrame({"s": ["13-1021", "13-1022"], "t": ["3324", "3323"]}), "s", "t")
    out = ilo.to_isco(pd.DataFrame({"soc_code": ["13-1020"], "beta": [0.5], "tot_emp": [10.0]}), links=links)
    assert out.set_index("isco08_code")["tot_emp"].to_dict() == {"3323": 5.0, "3324": 5.0}


def test_to_isco_aggregates_follow_the_oews_rule():
    """OEWS aggregates take the ISCO groups of the detailed codes inside them.

    21-1018 is the OEWS aggregate of the 21-101x codes OEWS does not publish: it takes
    21-1011's ISCO group, not that of 21-1012 (published on its own); 29-1210 holds the
    physicians 29-122x.
    """
    links = links_from_pairs(pd.DataFrame({"s": ["21-1011", "21-1012", "29-1221"],
                                           "t": ["2635", "3412", "2212"]}), "s", "t")
    soc = pd.DataFrame({"soc_code": ["21-1012", "21-1018", "29-1210"], "beta": [0.1, 0.3, 0.5],
                        "tot_emp": [10.0, 20.0, 40.0]})
    out = ilo.to_isco(soc, links=links).set_index("isco08_code")
    assert out["tot_emp"].to_dict() == {"2212": 40.0, "2635": 20.0, "3412": 10.0}
    assert out.attrs["unmatched"] == []


def test_codes_matching_nothing_are_an_error_naming_file(tmp_path, mdir):
    path = _felten_xlsx(tmp_path / "lm.xlsx", [["1111", "ISCO code by mistake", 1.0]])
    scores = pd.DataFrame({"soc10_code": ["1111"], "title": ["x"], "aioe": [1.0]})
    links = _common.soc10_to_18(path=mdir / "soc_2010_to_2018.csv")
    with pytest.raises(DataFormatError) as exc:
        felten.felten_to_soc(scores, links, path=path)
    assert "none of the 1 codes" in str(exc.value) and exc.value.column == "soc10_code"
    assert "lm.xlsx" in str(exc.value)
