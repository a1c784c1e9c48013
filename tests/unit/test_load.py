"""exposure.load: shipped processed tables, aliases, validation, errors."""

from __future__ import annotations

import pandas as pd
import pytest

from exposure._io import write_parquet
from exposure._load import ALIASES, TABLES, load, load_manifest, processed_dir
from exposure.errors import ExposureError, SchemaError


def _digests(tmp_path, digest="0123456789abcdef"):
    frame = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [1, 2],
                          "task_type": ["Core", None], "text_digest": [digest, "fedcba9876543210"],
                          "dwa_digest": ["e3b0c44298fc1c14"] * 2})
    write_parquet(frame, tmp_path / "task_digests.parquet")


def test_load_from_directory_validates(tmp_path):
    _digests(tmp_path)
    got = load("task_digests", directory=tmp_path)
    assert got["task_id"].tolist() == [1, 2]
    assert got["task_type"].tolist()[0] == "Core" and pd.isna(got["task_type"].iloc[1])


def test_schema_violation_names_file(tmp_path):
    _digests(tmp_path, digest="XYZ")
    with pytest.raises(SchemaError) as excinfo:
        load("task_digests", directory=tmp_path)
    assert "task_digests.parquet" in str(excinfo.value)
    assert excinfo.value.column == "text_digest"
    assert load("task_digests", directory=tmp_path, validate=False)["text_digest"][0] == "XYZ"


def test_unknown_and_missing_tables(tmp_path):
    with pytest.raises(ExposureError, match="unknown table 'jobs'"):
        load("jobs")
    with pytest.raises(ExposureError, match="'occupation_scores' not found"):
        load("occupations", directory=tmp_path)
    with pytest.raises(ExposureError, match="no manifest.json"):
        load_manifest(tmp_path)


def test_aliases_point_at_tables():
    assert set(ALIASES.values()) <= set(TABLES)
    assert ALIASES["occupations"] == "occupation_scores"
    assert ALIASES["tasks"] == "task_scores"


def test_processed_dir_is_package_data():
    d = processed_dir()
    assert d.parts[-3:] == ("exposure", "data", "processed")


SHIPPED = ["tasks", "occupations", "soc", "sectors", "subsectors", "workforce", "task_digests"]


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_tables_load_and_match_manifest(name):
    manifest = load_manifest()
    frame = load(name)
    filename = TABLES[ALIASES.get(name, name)][0]
    assert len(frame) == manifest["tables"][filename]["rows"] > 0
    assert list(frame.columns) == manifest["tables"][filename]["columns"]


def test_shipped_manifest_is_for_default_releases():
    manifest = load_manifest()
    assert manifest["releases"] == {"onet": "29.1", "oews": "2025"}
    assert {s["name"] for s in manifest["sources"]} >= {"onet/29.1/Task Statements.txt"}
