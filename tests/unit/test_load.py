"""exposure.load: shipped tables, the user's recomputes, aliases, validation, errors."""

from __future__ import annotations

import json
import logging
import os

import pandas as pd
import pytest

from exposure._io import write_parquet
from exposure._load import load, load_manifest, processed_dir, recomputes, tables_dir
from exposure.errors import ExposureError, SchemaError
from exposure.fetch import DataStore
from exposure.schemas._catalog import ALIASES, PROCESSED_TABLES, get_table


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


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_table_is_a_data_format_error_naming_it(tmp_path, damage):
    """A pyarrow ArrowInvalid came through exposure.load as it was."""
    from exposure.errors import DataFormatError
    _digests(tmp_path)
    path = tmp_path / "task_digests.parquet"
    path.write_bytes(b"PAR1garbagePAR1" if damage == "garbage" else path.read_bytes()[:-20])
    # round 78 (was: "cannot read this Parquet file" for both; a file cut short is now told so)
    told = "cannot read this Parquet file" if damage == "garbage" else "not a complete Parquet file: "
    with pytest.raises(DataFormatError, match=rf"task_digests\.parquet: {told}"):
        load("task_digests", directory=tmp_path)


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


def test_every_name_and_alias_loads_the_same_table(tmp_path):
    _digests(tmp_path)
    for name in ALIASES:
        with pytest.raises(ExposureError, match=f"{ALIASES[name]!r} not found"):
            load(name, directory=tmp_path)


def test_processed_dir_is_package_data():
    d = processed_dir()
    assert d.parts[-3:] == ("exposure", "data", "processed")


SHIPPED = ["tasks", "occupations", "soc", "sectors", "subsectors", "workforce", "task_digests"]


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_tables_load_and_match_manifest(name):
    manifest = load_manifest()
    frame = load(name)
    filename = get_table(name).filename
    assert len(frame) == manifest["tables"][filename]["rows"] > 0
    assert list(frame.columns) == manifest["tables"][filename]["columns"]


def test_shipped_manifest_lists_exactly_the_catalogue():
    assert sorted(load_manifest()["tables"]) == sorted(t.filename for t in PROCESSED_TABLES)


def test_shipped_manifest_is_for_default_releases():
    manifest = load_manifest()
    assert manifest["releases"] == {"onet": "29.1", "oews": "2025"}
    assert {s["name"] for s in manifest["sources"]} >= {"onet/29.1/Task Statements.txt"}


# --------------------------------------------------------------------------- user recomputes


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """An empty user data directory ($EXPOSURE_HOME), for every test of this module."""
    path = tmp_path / "home"
    monkeypatch.setenv("EXPOSURE_HOME", str(path))
    return path


def _recompute(home, onet, oews, digest="0123456789abcdef", mtime=None):
    out = home / "processed" / f"onet-{onet}_oews-{oews}"
    out.mkdir(parents=True)
    _digests(out, digest=digest)
    manifest = out / "manifest.json"
    manifest.write_text(json.dumps({"releases": {"onet": onet, "oews": oews}}))
    if mtime is not None:
        os.utime(manifest, (mtime, mtime))
    return out


def test_without_a_recompute_load_reads_the_shipped_tables(home):
    assert tables_dir() == processed_dir()
    got = load("task_digests")
    assert got.attrs["exposure_directory"] == str(processed_dir())
    assert len(got) == load_manifest(processed_dir())["tables"]["task_digests.parquet"]["rows"]


def test_load_reads_the_newest_user_recompute_and_says_so(home, caplog):
    old = _recompute(home, "30.1", "2025", mtime=1_000_000)
    new = _recompute(home, "31.0", "2026", digest="00000000000000aa", mtime=2_000_000)
    assert [p for p, _ in recomputes()] == [new, old]
    with caplog.at_level(logging.WARNING, logger="exposure._load"):
        got = load("task_digests")
        load("task_digests")
    assert got["text_digest"][0] == "00000000000000aa"
    assert got.attrs["exposure_directory"] == str(new)
    notices = [r.getMessage() for r in caplog.records if "reading your recompute" in r.getMessage()]
    assert len(notices) == 1 and "O*NET 31.0, OEWS May 2026" in notices[0]
    assert load_manifest()["releases"] == {"onet": "31.0", "oews": "2026"}


def test_release_selects_a_recompute_or_the_shipped_tables(home):
    old = _recompute(home, "30.1", "2025", mtime=1_000_000)
    new = _recompute(home, "31.0", "2026", mtime=2_000_000)
    assert tables_dir("30.1") == old
    assert tables_dir("2026") == new and tables_dir("onet-31.0_oews-2026") == new
    assert tables_dir("2025") == old  # newest recompute with OEWS May 2025
    assert load("task_digests", release="30.1").attrs["exposure_directory"] == str(old)
    with pytest.raises(ExposureError, match="no processed tables for release '28.0'"):
        load("task_digests", release="28.0")


def test_shipped_release_is_found_when_not_recomputed(home):
    _recompute(home, "31.0", "2026")
    assert tables_dir("29.1") == processed_dir()
    assert load_manifest(release="29.1")["releases"] == {"onet": "29.1", "oews": "2025"}


def test_store_argument_names_the_home(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "elsewhere"))
    store = DataStore(cache=tmp_path / "c", home=tmp_path / "h")
    out = _recompute(store.home, "31.0", "2026")
    assert tables_dir(store=store) == out
    assert tables_dir() == processed_dir()


def test_measures_side_by_side_with_titles(tmp_path):
    shipped = load("measures", directory=processed_dir())
    assert shipped["soc_code"].is_unique and shipped.columns[:2].tolist() == ["soc_code",
                                                                              "soc_title"]
    assert {"eloundou_gpt4_beta", "felten_aioe", "webb_ai", "microsoft_applicability",
            "ilo_2025", "alpha", "beta", "gamma"} <= set(shipped.columns)
    soc = load("soc", directory=processed_dir()).set_index("soc_code")["soc_title"]
    titled = shipped.dropna(subset=["soc_title"])
    assert len(titled) > 0.9 * len(shipped)
    assert (titled["soc_title"] == titled["soc_code"].map(soc)).all()
    with pytest.raises(ExposureError, match="no measures table .* `exposure compare -o"):
        load("measures", directory=tmp_path)
