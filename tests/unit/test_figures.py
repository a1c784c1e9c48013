"""Tests of exposure.reports.figures on tiny hand-made tables (no real data)."""

import math
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError, ExposureError
from exposure.reports import figures


def _soc() -> pd.DataFrame:
    """Five occupations in three major groups, plus a major-group total row to be ignored."""
    return pd.DataFrame(
        {
            "soc_code": ["15-1252", "15-1211", "43-9061", "47-2061", "47-2111", "15-0000"],
            "soc_title": ["Software Developers", "Systems Analysts", "Office Clerks", "Laborers",
                          "Electricians", "Computer and Mathematical Occupations"],
            "tot_emp": [100e3, 300e3, 200e3, 50e3, 150e3, 400e3],
            "a_mean": [140e3, 110e3, 45e3, 50e3, 65e3, 120e3],
            "alpha": [0.6, 0.2, 0.5, 0.0, 0.1, 0.9],
            "beta": [0.8, 0.4, 0.6, 0.0, 0.2, 0.9],
            "gamma": [1.0, 0.6, 0.7, 0.0, 0.3, 0.9],
            "share_admin": [0.1, 0.2, 0.7, 0.0, 0.1, 0.9],
            "share_routine_coding": [0.5, 0.1, 0.0, 0.0, 0.0, 0.9],
            "share_entry_creative": [0.1, 0.0, 0.1, 0.0, 0.0, 0.9],
        }
    )


def _sectors() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "naics": ["51", "23", "511000"],
            "naics_title": ["Information", "Construction", "Publishing"],
            "level": ["sector", "sector", "subsector"],
            "tot_emp": [1000.0, 2000.0, 300.0],
            "covered_emp": [900.0, 1800.0, 300.0],
            "coverage": [0.9, 0.9, 1.0],
            "alpha": [0.4, 0.05, 0.5],
            "beta": [0.55, 0.1, 0.6],
            "gamma": [0.7, 0.15, 0.7],
            "exposed_workers": [500.0, 100.0, 200.0],
        }
    )


def _workforce() -> pd.DataFrame:
    rows = []
    for measure, mean in (("gamma", 0.5), ("alpha", 0.3), ("beta", 0.4)):
        rows.append({"group_type": "all", "group": "all", "measure": measure, "tot_emp": 800.0,
                     "covered_emp": 800.0, "share_ge_10": 0.9, "share_gt_50": 0.3,
                     "emp_mean": mean, "wage_mean": mean + 0.05})
    rows.append({"group_type": "major", "group": "15-0000", "measure": "beta", "tot_emp": 400.0,
                 "covered_emp": 400.0, "share_ge_10": 1.0, "share_gt_50": 0.25,
                 "emp_mean": 0.5, "wage_mean": 0.55})
    return pd.DataFrame(rows)


@pytest.fixture()
def processed(tmp_path):
    _soc().to_parquet(tmp_path / "soc_scores.parquet")
    _sectors().to_parquet(tmp_path / "sector_scores.parquet")
    _workforce().to_parquet(tmp_path / "workforce.parquet")
    return tmp_path


def test_soc_major_group():
    assert figures.soc_major_group(["15-1252", "43-9061.00", "11-1011.03"]).tolist() == [
        "15-0000", "43-0000", "11-0000"]


def test_weighted_mean_skips_missing_and_zero_weights():
    df = pd.DataFrame({"beta": [0.2, 0.6, None, 1.0], "tot_emp": [300.0, 100.0, 50.0, 0.0]})
    assert figures.weighted_mean(df, "beta") == pytest.approx((0.2 * 300 + 0.6 * 100) / 400)
    assert math.isnan(figures.weighted_mean(df.iloc[2:], "beta"))


def test_by_major_group_hand_computed():
    out = figures.by_major_group(_soc()).set_index("major_group")
    # the 15-0000 total row is not an occupation and must not be counted
    assert out.index.tolist() == ["15-0000", "43-0000", "47-0000"]
    assert out.loc["15-0000", "tot_emp"] == 400e3
    assert out.loc["15-0000", "beta"] == pytest.approx((0.8 * 100 + 0.4 * 300) / 400)  # 0.5
    assert out.loc["47-0000", "gamma"] == pytest.approx((0.0 * 50 + 0.3 * 150) / 200)  # 0.225
    assert out.loc["43-0000", "title"] == "Office and Administrative Support"


def test_by_wage_decile_assigns_by_employment_midpoint():
    # sorted by wage (employment in thousands): 43-9061 (200), 47-2061 (50), 47-2111 (150),
    # 15-1211 (300), 15-1252 (100); cumulative midpoints / 800: 0.125, 0.28125, 0.40625,
    # 0.6875, 0.9375 -> halves 1,1,1,2,2
    out = figures.by_wage_decile(_soc(), ["beta"], n=2)
    assert out["quantile"].tolist() == [1, 2]
    assert out["tot_emp"].tolist() == [400e3, 400e3]
    assert out["wage_low"].tolist() == [45e3, 110e3]
    assert out.loc[0, "beta"] == pytest.approx((0.6 * 200 + 0.0 * 50 + 0.2 * 150) / 400)
    assert out.loc[1, "beta"] == pytest.approx((0.4 * 300 + 0.8 * 100) / 400)


def test_ranked_breaks_ties_by_code():
    df = pd.DataFrame({"soc_code": ["b", "a", "c"], "beta": [0.5, 0.5, float("nan")]})
    top, bottom = figures.ranked(df, n=5)
    assert top["soc_code"].tolist() == ["a", "b"]
    assert bottom["soc_code"].tolist() == ["a", "b"]


def _png_text_chunks(data: bytes) -> list[bytes]:
    """Keys of the tEXt/iTXt/zTXt chunks of a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, keys = 8, []
    while pos < len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        crc = int.from_bytes(data[pos + 8 + length : pos + 12 + length], "big")
        assert zlib.crc32(kind + body) == crc
        if kind in (b"tEXt", b"iTXt", b"zTXt"):
            keys.append(body.split(b"\0", 1)[0])
        pos += 12 + length
    return keys


def test_render_results_is_byte_identical(processed, tmp_path_factory):
    a = figures.render_results(processed, tmp_path_factory.mktemp("a"))
    b = figures.render_results(processed, tmp_path_factory.mktemp("b"))
    assert sorted(a) == ["categories", "coverage", "distribution", "major_groups", "occupations",
                         "sectors", "wage"]
    for name in a:
        data = a[name].read_bytes()
        assert data == b[name].read_bytes(), name
        assert b"Software" not in _png_text_chunks(data)
        assert b"matplotlib" not in data
        # fixed width: 8 in at 100 dpi
        assert int.from_bytes(data[16:20], "big") == 800


def test_figures_show_the_data():
    fig = figures.plot_ranked_occupations(_soc(), n=2)
    top_labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    bottom_labels = [t.get_text() for t in fig.axes[1].get_yticklabels()]
    assert top_labels == ["Software Developers (100k)", "Office Clerks (200k)"]
    assert bottom_labels == ["Laborers (50k)", "Electricians (150k)"]
    fig = figures.plot_sectors(_sectors())
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Information", "Construction"]
    widths = sorted(round(p.get_width(), 6) for p in fig.axes[0].patches)
    assert widths[:2] == [0.05, 0.1]  # alpha of construction, gamma - alpha of construction


def test_missing_table_fails_naming_it(tmp_path):
    _soc().to_parquet(tmp_path / "soc_scores.parquet")
    with pytest.raises(ExposureError) as err:
        figures.render_results(tmp_path, tmp_path / "out")
    message = str(err.value)
    assert "sector_scores.parquet" in message and "workforce.parquet" in message
    assert "soc_scores.parquet" not in message
    assert not (tmp_path / "out").exists()


def test_missing_column_fails_naming_file_and_column(processed):
    _soc().drop(columns="a_mean").to_parquet(processed / "soc_scores.parquet")
    with pytest.raises(DataFormatError) as err:
        figures.read_results(processed)
    assert err.value.column == "a_mean"
    assert "soc_scores.parquet" in str(err.value)


def test_results_tables(processed):
    tables = figures.results_tables(processed, n=2)  # every occupation has >= 50,000 workers
    work = tables["workforce"]
    assert work["measure"].tolist() == ["alpha", "beta", "gamma"]
    assert work["employment-weighted mean"].tolist() == [0.3, 0.4, 0.5]
    assert tables["most_exposed"]["SOC code"].tolist() == ["15-1252", "43-9061"]
    assert tables["least_exposed"]["SOC code"].tolist() == ["47-2061", "47-2111"]
    assert tables["sectors"]["NAICS"].tolist() == ["51", "23"]  # subsectors left out
    groups = tables["major_groups"]
    # sorted by beta, most exposed first
    assert groups["SOC major group"].tolist() == ["43-0000", "15-0000", "47-0000"]
    assert groups["beta"].tolist() == pytest.approx([0.6, 0.5, 0.15])
    cats = tables["categories"].set_index("SOC major group")
    assert cats.loc["15-0000", "routine coding"] == pytest.approx((0.5 * 100 + 0.1 * 300) / 400)


def _with_tiny() -> pd.DataFrame:
    """The five occupations plus a tiny one that would lead both lists without a floor."""
    tiny = pd.DataFrame({"soc_code": ["19-1011"], "soc_title": ["Animal Scientists"],
                         "tot_emp": [3100.0], "a_mean": [80e3], "alpha": [0.9], "beta": [0.95],
                         "gamma": [1.0], "share_admin": [0.0], "share_routine_coding": [0.0],
                         "share_entry_creative": [0.0]})
    return pd.concat([_soc(), tiny], ignore_index=True)


def test_ranked_lists_apply_the_employment_floor(tmp_path):
    soc = _with_tiny()
    occ = soc[soc["soc_code"] != "15-0000"]  # ranked() ranks whatever rows it is given
    top, _ = figures.ranked(occ, n=1)
    assert top["soc_code"].tolist() == ["19-1011"]
    top, _ = figures.ranked(occ, n=1, min_employment=figures.MIN_EMPLOYMENT)
    assert top["soc_code"].tolist() == ["15-1252"]
    # the floor counts workers: exactly at the floor stays, missing employment goes
    edge = occ.assign(tot_emp=[10_000.0, None, 1.0, 1.0, 1.0, 1.0])
    top, _ = figures.ranked(edge, n=5, min_employment=10_000)
    assert top["soc_code"].tolist() == ["15-1252"]

    fig = figures.plot_ranked_occupations(soc, n=2)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["Software Developers (100k)", "Office Clerks (200k)"]
    assert "at least 10,000 workers" in fig.get_supxlabel()
    fig = figures.plot_ranked_occupations(soc, n=2, min_employment=0)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0] == "Animal Scientists (3.1k)"
    assert fig.get_supxlabel() == "Employment in brackets."

    soc.to_parquet(tmp_path / "soc_scores.parquet")
    _sectors().to_parquet(tmp_path / "sector_scores.parquet")
    _workforce().to_parquet(tmp_path / "workforce.parquet")
    tables = figures.results_tables(tmp_path, n=2)
    assert tables["most_exposed"]["occupation"].tolist() == ["Software Developers", "Office Clerks"]
    assert tables["most_exposed"]["employment"].tolist() == [100e3, 200e3]
    assert "19-1011" not in tables["least_exposed"]["SOC code"].tolist()
    tables = figures.results_tables(tmp_path, n=2, min_employment=0)
    assert tables["most_exposed"]["SOC code"].iloc[0] == "19-1011"


def test_format_workers():
    assert [figures.format_workers(v) for v in (4.2e6, 999_499, 10_000, 9_949, 1_000, 999)] == [
        "4.2M", "999k", "10k", "9.9k", "1.0k", "999"]


def test_wage_scatter_points_are_visible():
    fig = figures.plot_wage(_soc(), n=2)
    dots = fig.axes[0].collections[0]
    sizes = dots.get_sizes()
    assert len(sizes) == 5
    # the smallest occupation (50k of a 300k maximum) still gets a marker of some size
    assert sizes.min() >= 12 and sizes.max() > 4 * sizes.min()
    face, edge = dots.get_facecolors()[0], dots.get_edgecolors()[0]
    assert face[3] >= 0.4 and edge[3] >= 0.8 and dots.get_linewidths()[0] > 0
    # area grows with employment; the dots are drawn largest first, whatever the rows' order
    emp = figures._detailed(_soc())
    emp = emp[emp["a_mean"].notna()]["tot_emp"].to_numpy(dtype=float)
    assert np.allclose(np.sort(sizes), np.sort(figures._DOT_MIN + figures._DOT_SPAN * emp / emp.max()))
    assert (np.diff(sizes) <= 0).all()


def test_results_page_states_the_floor():
    page = Path(__file__).resolve().parents[2] / "docs" / "results.md"
    text = " ".join(page.read_text().split())
    assert f"at least {figures.MIN_EMPLOYMENT:,} workers" in text
    assert "exposure.reports.figures.render_results" in text
