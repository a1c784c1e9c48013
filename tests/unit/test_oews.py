"""Unit tests of exposure.oews on hand-written fixtures (tests/data/oews)."""

from __future__ import annotations

import math

import openpyxl
import pandas as pd
import pytest

from exposure import oews
from exposure.errors import DataFormatError, ExposureError, SchemaError
from exposure.sources import SOURCES


@pytest.fixture()
def oews_dir(fixtures):
    return fixtures / "oews"


@pytest.fixture()
def national(oews_dir):
    return oews.read_oews(oews_dir / "national_M2099_dl.csv")


def test_columns_keys_first_and_snake_case(national):
    cols = list(national.columns)
    assert cols[:3] == ["naics", "occ_code", "o_group"]
    assert all(c == c.lower() for c in cols)
    for needed in ("tot_emp", "emp_prse", "h_mean", "a_mean", "mean_prse", "a_median",
                   "h_median", "tot_emp_not_released", "a_mean_top_coded", "any_top_coded"):
        assert needed in cols


def test_values_bom_thousands_and_codes_as_strings(national):
    assert national["naics"].tolist() == ["000000"] * 6  # leading zeros kept
    total = national.iloc[0]
    assert total["occ_code"] == "00-0000" and total["tot_emp"] == 1_000_000
    assert total["a_mean"] == 62_400.0 and total["a_pct90"] == 124_800.0
    assert str(national["tot_emp"].dtype) == "Int64"
    assert not national["any_top_coded"].iloc[0]


def test_top_coded_wages(national):
    ceo = national[national["occ_code"] == "11-1011"].iloc[0]
    assert ceo["a_mean"] == 208_000.0 and not ceo["a_mean_top_coded"]
    assert math.isnan(ceo["h_median"]) and ceo["h_median_top_coded"]
    assert math.isnan(ceo["a_median"]) and ceo["a_median_top_coded"]
    assert math.isnan(ceo["a_pct90"]) and ceo["any_top_coded"]
    assert not ceo["a_median_not_released"]
    assert national["any_top_coded"].sum() == 1


def test_wage_not_released_and_annual_hourly_only(national):
    teach = national[national["occ_code"] == "25-2011"].iloc[0]
    assert teach["annual"] and not teach["hourly"]
    assert math.isnan(teach["h_mean"]) and teach["h_mean_not_released"]
    assert teach["a_mean"] == 40_000.0 and not teach["a_mean_not_released"]
    actor = national[national["occ_code"] == "27-2011"].iloc[0]
    assert actor["hourly"] and actor["a_mean_not_released"] and math.isnan(actor["a_median"])
    assert actor["tot_emp"] == 500


def test_aggregate_code_listed_as_broad_and_detailed(national):
    rows = national[national["occ_code"] == "13-1020"]
    assert sorted(rows["o_group"]) == ["broad", "detailed"]


def test_by_industry_lowercase_headers_and_naics_forms(oews_dir):
    df = oews.read_oews(oews_dir / "oews_by_industry_tiny.csv")
    assert df["naics"].tolist() == ["000000", "31-33", "3250A1", "113000"]
    assert df["i_group"].tolist() == ["cross-industry", "sector", "4-digit", "3-digit"]
    hidden = df.iloc[2]
    assert hidden["tot_emp_not_released"] and pd.isna(hidden["tot_emp"])
    assert math.isnan(hidden["emp_prse"]) and hidden["a_mean_not_released"]
    assert df["tot_emp_not_released"].tolist() == [False, False, True, False]
    assert df.iloc[1]["any_top_coded"] and not df.iloc[1]["a_mean_top_coded"]


def _to_xlsx(csv_path, dest):
    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "national_M2099_dl"
    ws.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        cells = []
        for col, v in zip(frame.columns, row):
            plain = v.replace(",", "")
            if col in ("TOT_EMP", "A_MEAN") and plain.isdigit():
                cells.append(int(plain))  # BLS xlsx files store numbers as numbers
            else:
                cells.append(v if v != "" else None)
        ws.append(cells)
    wb.create_sheet("Field Descriptions").append(["Field", "Field Description"])
    wb.save(dest)
    return dest


def test_xlsx_layout_matches_csv(tmp_path, oews_dir, national):
    path = _to_xlsx(oews_dir / "national_M2099_dl.csv", tmp_path / "national_M2099_dl.xlsx")
    pd.testing.assert_frame_equal(oews.read_oews(path), national)


def _mutate(tmp_path, oews_dir, old, new, name="national_M2099_dl.csv"):
    text = (oews_dir / name).read_text(encoding="utf-8-sig")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_unknown_special_value_names_row_and_column(tmp_path, oews_dir):
    path = _mutate(tmp_path, oews_dir, "Actors,detailed,500,", "Actors,detailed,(8),")
    with pytest.raises(DataFormatError) as err:
        oews.read_oews(path)
    assert err.value.row == 7 and err.value.column == "TOT_EMP" and "(8)" in str(err.value)


def test_malformed_occ_code(tmp_path, oews_dir):
    path = _mutate(tmp_path, oews_dir, "27-2011,Actors", "272011,Actors")
    with pytest.raises(SchemaError) as err:
        oews.read_oews(path)
    assert err.value.row == 7 and err.value.column == "OCC_CODE"


def test_duplicate_key(tmp_path, oews_dir):
    path = _mutate(tmp_path, oews_dir, '"Buyers and Purchasing Agents",broad',
                   '"Buyers and Purchasing Agents",detailed')
    with pytest.raises(SchemaError, match=r"NAICS/OCC_CODE/O_GROUP .* is given twice \(rows 4 and 5\)") as err:
        oews.read_oews(path)
    assert err.value.row == 5  # the repeat (the schema named the first of the two, row 4)


def test_missing_column(tmp_path, oews_dir):
    path = _mutate(tmp_path, oews_dir, ",A_MEDIAN,", ",A_MED,")
    with pytest.raises(DataFormatError, match="missing column.*'A_MEDIAN'"):
        oews.read_oews(path)


def test_truncated_last_line(tmp_path, oews_dir):
    text = (oews_dir / "national_M2099_dl.csv").read_text(encoding="utf-8-sig").rstrip()
    path = tmp_path / "national.csv"
    path.write_text(text[: text.rindex("Actors") + 6])
    with pytest.raises(DataFormatError, match="too few fields") as err:
        oews.read_oews(path)
    assert err.value.row == 7 and err.value.column == "O_GROUP"


def test_html_page(tmp_path):
    path = tmp_path / "national_M2099_dl.xlsx"
    path.write_text("<html><body>Access Denied</body></html>")
    with pytest.raises(DataFormatError, match="HTML"):
        oews.read_oews(path)


def test_load_oews_paths(monkeypatch, oews_dir, tmp_path):
    monkeypatch.setenv("EXPOSURE_MIRROR", str(oews_dir))  # a mirror: the registered files
    seen = []

    def fetch(name, *, mirror=None, data_dir=None):
        seen.append((name, mirror, data_dir))
        return oews_dir / "national_M2099_dl.csv"

    monkeypatch.setattr("exposure.fetch.fetch", fetch)
    m = tmp_path / "m"
    m.mkdir()
    assert len(oews.load_oews("2024", "national", mirror=m, data_dir="d")) == 6
    oews.load_oews("2025")
    oews.load_oews("2021", "cross_industry")
    assert seen == [
        ("oews/national_M2024_dl.xlsx", m, "d"),
        ("oews/oews_national_by_industry_M2025.csv", None, None),
        ("oews/national_M2021_dl.csv", None, None),
    ]
    # a year without a registered by-industry table is read from BLS's own files
    assert oews.oews_file_names("2022", "by_industry") == [
        "oews/national_M2022_dl.xlsx", "oews/natsector_M2022_dl.xlsx",
        "oews/nat3d_M2022_dl.xlsx"]
    with pytest.raises(ExposureError, match="OEWS release '22' is not a year"):
        oews.load_oews("22", "by_industry")


def test_registry_knows_every_oews_file():
    assert set(oews.OEWS_FILES.values()) <= set(SOURCES)


def test_tilde_in_a_kept_column_is_not_released(tmp_path, oews_dir):
    path = _mutate(tmp_path, oews_dir, "Actors,detailed,500,5.0,", "Actors,detailed,~,5.0,")
    actor = oews.read_oews(path).iloc[-1]
    assert pd.isna(actor["tot_emp"]) and actor["tot_emp_not_released"]
