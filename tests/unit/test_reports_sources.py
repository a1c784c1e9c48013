"""exposure.reports.sources on fixture files and hand-made frames (no real data)."""

from __future__ import annotations

import pandas as pd
import pytest

from exposure.errors import DataFormatError, ExposureError
from exposure.oews import read_oews
from exposure.reports import sources


def test_validate_file_reads_with_the_table_reader(fixtures):
    frame = sources.validate_file("tasks", fixtures / "onet" / "Task Statements.txt")
    assert len(frame) == 5 and frame["task_id"].dtype == "int64"
    with pytest.raises(DataFormatError) as err:
        sources.validate_file("tasks", fixtures / "onet" / "bad" / "renamed_column.txt")
    assert "Task ID" in str(err.value)
    with pytest.raises(ExposureError, match="unknown table 'nope'; choose from occupations"):
        sources.validate_file("nope", fixtures / "onet" / "Task Statements.txt")


def test_validate_sources_raises_the_first_error_without_on_error(tmp_path):
    with pytest.raises(ExposureError):
        sources.validate_sources(onet_releases=(), mirror=tmp_path / "none", data_dir=tmp_path)


def test_coverage_figures_hand_computed(fixtures):
    emp = read_oews(fixtures / "oews" / "national_M2099_dl.csv")
    cw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00", "27-2011.00"],
                       "soc_code": ["11-1011", "11-1011", "13-1021", "27-2011"]})
    loaded = {("crosswalks", "onet_to_soc"): cw, ("oews", "2025", "cross_industry"): emp}
    fig = sources.coverage_figures(loaded).set_index(["source", "release", "figure"])["value"]
    assert fig[("crosswalks", "", "O*NET-SOC codes in the 2019-to-SOC crosswalk")] == 4
    assert fig[("crosswalks", "", "distinct SOC 2018 codes")] == 3
    assert fig[("crosswalks", "", "SOC codes shared by several O*NET codes")] == 1
    # detailed rows: 11-1011 (2,000), 13-1020 (5,000; an aggregate of 13-1021), 25-2011
    # (3,000), 27-2011 (500); direct matches 11-1011 and 27-2011: 2,500 of 10,500 workers
    match = ("crosswalks+oews", "2025")
    assert fig[(*match, "OEWS detailed codes that are crosswalk SOC codes")] == 2
    assert fig[(*match, "OEWS detailed codes that are not (aggregates)")] == 2
    assert fig[(*match, "share of detailed employment with a direct SOC match")] == 0.2381
    assert fig[("oews", "2025 cross_industry", "rows")] == len(emp)
    assert fig[("oews", "2025 cross_industry", "annual mean wage not released (*)")] == 1


def test_write_source_reports(tmp_path):
    counts = pd.DataFrame({"source": ["onet", "onet"], "release": ["29.1", "29.1"],
                           "table": ["tasks", "task_ratings"],
                           "rows": pd.array([5, None], dtype="Int64")})
    paths = sources.write_source_reports(counts, {}, tmp_path / "rep")
    assert [p.name for p in paths] == ["validate_row_counts.csv", "data_coverage.csv"]
    assert paths[0].read_text() == "source,release,table,rows\nonet,29.1,tasks,5\nonet,29.1,task_ratings,\n"
    assert paths[1].read_text() == "source,release,figure,value\n"
