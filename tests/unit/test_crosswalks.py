"""Unit tests of exposure.crosswalks on hand-written fixtures."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from exposure import crosswalks as cw
from exposure import rollup
from exposure.errors import DataFormatError, DownloadError, SchemaError
from exposure.rollup import _soc
from exposure.sources import SOURCES

PREAMBLE = [["O*NET-SOC 2019 Occupation Listings"], ["Crosswalk, made-up rows"], []]


def _xlsx(path, rows, preamble=PREAMBLE):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [*preamble, *rows]:
        ws.append(row)
    wb.save(path)
    return path


ONET_TO_SOC = [
    ["O*NET-SOC 2019 Code", "O*NET-SOC 2019 Title", "2018 SOC Code", "2018 SOC Title"],
    ["11-1011.00", "Chief Executives", "11-1011", "Chief Executives"],
    ["11-1011.03", "Chief Sustainability Officers", "11-1011", "Chief Executives"],
    ["15-1252.00", "Software Developers", "15-1252", "Software Developers"],
]


def test_onet_to_soc_detects_header_below_title_lines(tmp_path):
    df = cw.read_onet_to_soc(_xlsx(tmp_path / "c.xlsx", ONET_TO_SOC))
    assert list(df.columns) == ["onetsoc_code", "onetsoc_title", "soc_code", "soc_title"]
    assert df["soc_code"].tolist() == ["11-1011", "11-1011", "15-1252"]


def test_onet_to_soc_header_on_first_row_too(tmp_path):
    df = cw.read_onet_to_soc(_xlsx(tmp_path / "c.xlsx", ONET_TO_SOC, preamble=[]))
    assert len(df) == 3


def test_onet_to_soc_malformed_code_names_sheet_row(tmp_path):
    rows = [r[:] for r in ONET_TO_SOC]
    rows[2][2] = "11-101"
    with pytest.raises(SchemaError) as err:
        cw.read_onet_to_soc(_xlsx(tmp_path / "c.xlsx", rows))
    # 3 preamble rows + header on row 4: the third data row is sheet row 6
    assert err.value.row == 6 and err.value.column == "2018 SOC Code"


def test_onet_to_soc_duplicate_onet_code(tmp_path):
    rows = ONET_TO_SOC + [ONET_TO_SOC[1]]
    with pytest.raises(SchemaError, match="uniqueness"):
        cw.read_onet_to_soc(_xlsx(tmp_path / "c.xlsx", rows))


def test_no_header_row(tmp_path):
    rows = [["O*NET-SOC 2019 Code", "Title", "SOC"]] + [r[:3] for r in ONET_TO_SOC[1:]]
    with pytest.raises(DataFormatError, match="missing column.*'2018 SOC Code'") as err:
        cw.read_onet_to_soc(_xlsx(tmp_path / "c.xlsx", rows))
    assert err.value.path.endswith("c.xlsx")


def test_onet_to_soc_map_and_soc_major(tmp_path):
    df = cw.read_onet_to_soc(_xlsx(tmp_path / "c.xlsx", ONET_TO_SOC))
    m = cw.onet_to_soc_map(df)
    assert m.index.name == "onetsoc_code" and m.name == "soc_code"
    assert m["11-1011.03"] == "11-1011" and m["15-1252.00"] == "15-1252"
    assert cw.soc_major("11-1011") == "11-0000"
    assert cw.soc_major("15-1252.00") == "15-0000"
    assert cw.soc_major(m).tolist() == ["11-0000", "11-0000", "15-0000"]
    with pytest.raises(DataFormatError):
        cw.soc_major("11-101")
    with pytest.raises(DataFormatError):
        cw.soc_major(pd.Series(["11-1011", "x"]))


STRUCTURE = [
    ["Major Group", "Minor Group", "Broad Occupation", "Detailed Occupation",
     "Detailed O*NET-SOC", "SOC or O*NET-SOC 2019 Title"],
    ["11-0000", None, None, None, None, "Management Occupations"],
    [None, "11-1000", None, None, None, "Top Executives"],
    [None, None, "11-1010", None, None, "Chief Executives"],
    [None, None, None, "11-1011", None, "Chief Executives"],
    [None, None, None, None, "11-1011.03", "Chief Sustainability Officers"],
    [None, None, "11-1020", None, None, "General and Operations Managers"],
    [None, None, None, "11-1021", None, "General and Operations Managers"],
    ["15-0000", None, None, None, None, "Computer and Mathematical Occupations"],
    [None, "15-1200", None, None, None, "Computer Occupations"],
]


def test_soc_structure_carries_parents(tmp_path):
    s = cw.read_soc_structure(_xlsx(tmp_path / "s.xlsx", STRUCTURE)).set_index("soc_code")
    assert s.loc["11-1011.03", "level"] == "onet"
    assert s.loc["11-1011.03", ["major_code", "minor_code", "broad_code", "detailed_code"]].tolist() == [
        "11-0000", "11-1000", "11-1010", "11-1011"
    ]
    # a new broad group resets the detailed code
    assert s.loc["11-1020", "level"] == "broad" and pd.isna(s.loc["11-1020", "detailed_code"])
    # a new major group resets everything below it
    assert s.loc["15-1200", "major_code"] == "15-0000"
    assert pd.isna(s.loc["15-0000", "minor_code"]) and pd.isna(s.loc["15-1200", "broad_code"])
    assert s["level"].value_counts().to_dict() == {
        "major": 2, "minor": 2, "broad": 2, "detailed": 2, "onet": 1
    }


def test_soc_structure_row_with_two_codes(tmp_path):
    rows = [r[:] for r in STRUCTURE]
    rows[3][3] = "11-1011"
    with pytest.raises(DataFormatError, match="exactly one code") as err:
        cw.read_soc_structure(_xlsx(tmp_path / "s.xlsx", rows))
    assert err.value.row == 7


def test_soc_2010_to_2018_split_codes(tmp_path):
    rows = [
        ["O*NET-SOC 2010 Code", "O*NET-SOC 2010 Title", "2018 SOC Code", "2018 SOC Title"],
        ["15-1199.01", "Software QA Engineers", "15-1253", "Software QA Analysts and Testers"],
        ["15-1132.00", "Software Developers, Applications", "15-1252", "Software Developers"],
        ["15-1132.00", "Software Developers, Applications", "15-1253", "Software QA Analysts and Testers"],
    ]
    df = cw.read_soc_2010_to_2018(_xlsx(tmp_path / "x.xlsx", rows))
    assert df["soc_2010_code"].tolist() == ["15-1199", "15-1132", "15-1132"]
    with pytest.raises(SchemaError, match="uniqueness"):
        cw.read_soc_2010_to_2018(_xlsx(tmp_path / "y.xlsx", rows + [rows[2]]))


def test_soc10_isco08_hyphenates_and_pads(fixtures):
    df = cw.read_soc10_isco08(fixtures / "crosswalks" / "soc10_isco08_tiny.csv")
    assert df.values.tolist() == [
        ["11-1011", "1112"], ["11-1011", "1120"], ["15-1132", "2512"],
        ["55-1011", "0110"], ["55-3010", "0310"],
    ]


def test_soc10_isco08_malformed(tmp_path, fixtures):
    text = (fixtures / "crosswalks" / "soc10_isco08_tiny.csv").read_text()
    path = tmp_path / "s.csv"
    path.write_text(text.replace("151132", "15113"))
    with pytest.raises(DataFormatError) as err:  # pandera's SchemaError before round 26
        cw.read_soc10_isco08(path)
    assert err.value.row == 4 and err.value.column == "soc10"
    assert "soc10 must be a SOC 2010 code (like 11-1011 or 111011), got '15113'" in str(err.value)


def test_isco_groups_multiline_records(fixtures):
    df = cw.read_isco_groups(fixtures / "crosswalks" / "ISCOGroups_tiny.csv")
    assert df["isco08_code"].tolist() == ["0", "01", "0110", "2512"]
    assert df["level"].tolist() == [1, 2, 4, 4]
    assert df.loc[0, "description"] == "Armed forces.\nMore text, with a comma."
    assert df.loc[3, "description"] == 'Software developers "build" software.'
    assert pd.isna(df.loc[2, "description"])


def test_naics_titles(tmp_path):
    rows = [
        ["Seq. No.", "2022 NAICS US   Code", "2022 NAICS US Title", None, None],
        [1, "11", "Agriculture, Forestry, Fishing and Hunting", None, None],
        [2, "111110", "Soybean Farming ", None, " "],
        [3, "31-33", "Manufacturing", None, None],
        [4, 5241, "Insurance Carriers", None, None],
        [None, None, None, None, None],
    ]
    df = cw.read_naics_titles(_xlsx(tmp_path / "n.xlsx", rows, preamble=[]))
    assert df.values.tolist() == [
        ["11", "Agriculture, Forestry, Fishing and Hunting", 2],
        ["111110", "Soybean Farming", 6],
        ["31-33", "Manufacturing", 2],
        ["5241", "Insurance Carriers", 4],
    ]


def test_load_functions_use_registry_names(tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    for key, name in cw.CROSSWALK_FILES.items():
        assert name in SOURCES
        with pytest.raises(DownloadError) as info:
            getattr(cw, f"load_{key}")(mirror=mirror, data_dir=tmp_path / "cache")
        assert str(info.value).startswith(f"{name}: not found in mirror")


def test_soc_broad_group_and_its_one_exception():
    assert cw.soc_broad_group("13-1021") == "13-1020"
    assert cw.soc_broad_group("29-1218") == "29-1210"
    assert [cw.soc_broad_group(f"29-122{d}") for d in "1239"] == ["29-1210"] * 4
    assert cw.soc_broad_group("29-1241") == "29-1240"


def test_oews_code_map_has_one_home():
    assert rollup.oews_code_map is cw.oews_code_map
    assert not hasattr(_soc, "BROAD_EXCEPTIONS") and not hasattr(_soc, "_broad")
    m = cw.oews_code_map(["29-1221", "13-1031"], ["29-1210", "13-1031"])
    assert m.values.tolist() == [["13-1031", "13-1031", "exact"], ["29-1221", "29-1210", "broad"]]
