"""Every registry entry against the real mirror (../shared/data or $EXPOSURE_MIRROR)."""

from __future__ import annotations

import csv
import re

import pytest

from exposure import fetch as F
from exposure.cli import main
from exposure.sources import SOURCES

pytestmark = pytest.mark.integration

#: Files of the mirror that are documentation, not data the library reads.
NOT_DATA = re.compile(r"(README[^/]*\.md|LICENSE(\.txt)?|NOTICE\.md|source_manifest_.*\.json)$")


@pytest.fixture(scope="module")
def manifest(shared_data):
    with open(shared_data / "MANIFEST.tsv", newline="", encoding="utf-8") as fh:
        return {row["path"]: row for row in csv.DictReader(fh, delimiter="\t")}


def test_registry_matches_manifest(manifest):
    data_files = {p for p in manifest if not NOT_DATA.search(p)}
    assert set(SOURCES) == data_files
    for name, src in SOURCES.items():
        assert (src.size, src.sha256) == (int(manifest[name]["bytes"]), manifest[name]["sha256"])


def test_every_entry_verifies_against_the_mirror(shared_data, tmp_path, monkeypatch):
    monkeypatch.delenv("EXPOSURE_DATA_DIR", raising=False)
    total = 0
    for name, src in SOURCES.items():
        path = F.fetch(name, mirror=shared_data, data_dir=tmp_path)
        assert path == tmp_path / name
        assert path.stat().st_size == src.size, name
        assert F.file_sha256(path) == src.sha256, name
        assert F.file_sha256(shared_data / name) == src.sha256, name
        total += src.size
    assert total == sum(s.size for s in SOURCES.values())
    statuses = {F.cache_status(n, tmp_path, rehash=True) for n in SOURCES}
    assert statuses == {"verified"}


def test_cli_fetch_and_sources_on_real_mirror(shared_data, tmp_path, capsys):
    assert main(["fetch", "--mirror", str(shared_data), "--data-dir", str(tmp_path),
                 "onet/29.1", "oews/oews_national_cross_industry_M2025.csv"]) == 0
    assert capsys.readouterr().out.startswith("36 of 36 files verified")
    assert main(["sources", "--data-dir", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert f"88 files in {tmp_path}: 36 verified, 52 missing, 0 with a wrong sha256" in lines
    # with $EXPOSURE_MIRROR set (as in CI), one more line says the commands read the mirror
    assert lines[-1].startswith(("88 files in", "$EXPOSURE_MIRROR ("))
