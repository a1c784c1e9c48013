"""Loaders on the real public data (../shared/data or $EXPOSURE_MIRROR).

Files go through :func:`exposure.fetch.fetch` (sha256-verified copy into a temporary
cache), then are parsed and validated. The expected figures are the published sizes of
each file (rows of data, header excluded).
"""

from __future__ import annotations

import pytest

from exposure import crosswalks, oews, onet
from exposure.cli import main

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def onet29(shared_data, cache):
    return onet.load_onet("29.1", mirror=shared_data, data_dir=cache)


def test_onet_29_1_counts(onet29):
    assert onet29.row_counts() == {
        "occupations": 1016,
        "tasks": 18796,
        "task_ratings": None,  # Task Ratings.txt is not in the mirror
        "task_dwas": 23233,
        "dwas": 2087,
        "iwas": 332,
        "job_zones": 923,
        "emerging_tasks": 240,
    }


def test_onet_29_1_known_traps(onet29):
    occ, tasks = onet29.occupations, onet29.tasks
    # only 923 of 1,016 occupations have task statements (and a job zone)
    assert tasks["onetsoc_code"].nunique() == 923
    assert occ["job_zone"].notna().sum() == 923
    assert occ.loc[~occ["onetsoc_code"].isin(tasks["onetsoc_code"]), "job_zone"].isna().all()
    assert (tasks["task_type"] == "Core").sum() == 13417
    assert (tasks["task_type"] == "Supplemental").sum() == 4222
    assert tasks["task_type"].isna().sum() == 1157  # "n/a" in the file
    # double quotes inside task texts survive (balanced, none stripped from the ends)
    quoted = tasks["task"][tasks["task"].str.contains('"', regex=False)]
    assert len(quoted) == 6
    assert (quoted.str.count('"') % 2 == 0).all()
    assert not tasks["task"].str.contains("\r", regex=False).any()
    assert tasks["task_id"].is_unique


@pytest.mark.slow
def test_onet_30_1_xlsx(shared_data, cache):
    rel = onet.load_onet("30.1", mirror=shared_data, data_dir=cache)
    counts = rel.row_counts()
    assert counts["occupations"] == 1016 and counts["tasks"] == 18796
    assert counts["task_dwas"] == 23850 and counts["emerging_tasks"] == 328
    assert counts["dwas"] == 2087 and counts["iwas"] == 332 and counts["job_zones"] == 923
    assert rel.tasks["task"].str.contains('"', regex=False).sum() == 6


@pytest.mark.slow
def test_oews_2025_by_industry(shared_data, cache):
    df = oews.load_oews("2025", "by_industry", mirror=shared_data, data_dir=cache)
    assert len(df) == 134477
    assert df["naics"].nunique() == 444
    assert int(df["tot_emp_not_released"].sum()) == 8409
    assert int(df["a_mean_not_released"].sum()) == 1789
    assert int(df["a_mean_top_coded"].sum()) == 21
    assert int(df["h_mean_not_released"].sum()) == 4530
    assert {"000000", "31-33", "44-45", "48-49"} <= set(df["naics"])
    total = df[(df["naics"] == "000000") & (df["occ_code"] == "00-0000")]["tot_emp"]
    assert total.tolist() == [155495730]


def test_oews_2025_cross_industry(shared_data, cache):
    df = oews.load_oews("2025", "cross_industry", mirror=shared_data, data_dir=cache)
    assert len(df) == 1104 and (df["naics"] == "000000").all()
    detailed = df[df["o_group"] == "detailed"]
    # README_M2025.md: 830 detailed cross-industry occupations sum to 155,481,840
    assert len(detailed) == 830 and int(detailed["tot_emp"].sum()) == 155481840


@pytest.mark.parametrize(
    "release, rows, total",
    [("2021", 1403, 140886310), ("2022", 1402, 147886000), ("2023", 1403, 151853870),
     ("2024", 1403, 154187380)],
)
def test_oews_national_files(shared_data, cache, release, rows, total):
    df = oews.load_oews(release, "national", mirror=shared_data, data_dir=cache)
    assert len(df) == rows
    assert df.loc[df["occ_code"] == "00-0000", "tot_emp"].tolist() == [total]
    # aggregate codes BLS lists both as broad and as detailed
    assert sorted(df.loc[df["occ_code"] == "13-1020", "o_group"]) == ["broad", "detailed"]


def test_crosswalks(shared_data, cache, onet29):
    kw = {"mirror": shared_data, "data_dir": cache}
    o2s = crosswalks.load_onet_to_soc(**kw)
    assert len(o2s) == 1016 and o2s["soc_code"].nunique() == 867
    assert set(onet29.occupations["onetsoc_code"]) == set(o2s["onetsoc_code"])
    m = crosswalks.onet_to_soc_map(o2s)
    assert m["11-1011.03"] == m["11-1011.00"] == "11-1011"
    structure = crosswalks.load_soc_structure(**kw)
    assert len(structure) == 1596
    assert structure["level"].value_counts().to_dict() == {
        "detailed": 867, "broad": 459, "onet": 149, "minor": 98, "major": 23,
    }
    assert set(o2s["soc_code"]) == set(structure.loc[structure["level"] == "detailed", "soc_code"])
    assert len(crosswalks.load_soc_2010_to_2018(**kw)) == 1170
    isco = crosswalks.load_soc10_isco08(**kw)
    assert len(isco) == 1131 and isco["isco08_code"].str.len().eq(4).all()
    groups = crosswalks.load_isco_groups(**kw)
    assert len(groups) == 619
    assert set(isco["isco08_code"]) <= set(groups["isco08_code"])
    naics = crosswalks.load_naics_titles(**kw)
    assert len(naics) == 2125 and naics.set_index("naics").loc["31-33", "level"] == 2


@pytest.mark.slow
def test_cli_validate_real(shared_data, cache, capsys):
    rc = main(["validate", "--mirror", str(shared_data), "--data-dir", str(cache)])
    out = capsys.readouterr().out
    assert rc == 0
    rows = {tuple(line.split()[:3]): line.split()[-1] for line in out.splitlines()[1:]}
    assert rows[("onet", "29.1", "tasks")] == "18,796"
    assert rows[("onet", "29.1", "occupations")] == "1,016"
    assert rows[("onet", "30.1", "tasks")] == "18,796"
    assert rows[("oews", "2025", "by_industry")] == "134,477"
    assert "all sources valid" in out
