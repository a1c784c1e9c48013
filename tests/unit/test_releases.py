"""Release layouts as data and the lock file."""

from __future__ import annotations

import hashlib

import pytest

from exposure import releases as R
from exposure.cli import main
from exposure.errors import ExposureError
from exposure.sources import SOURCES


@pytest.mark.parametrize("release, fmt, ext", [("31.0", "text", "txt"), ("31.0", "excel", "xlsx"),
                                               ("29.3", "text", "txt"), ("100.1", "excel", "xlsx")])
def test_onet_layout(release, fmt, ext):
    a, b = release.split(".")
    name = R.onet_name(release, "Tasks to DWAs", fmt)
    assert name == f"onet/{release}/Tasks to DWAs.{ext}"
    src = R.layout_source(name)
    assert src.archive_url == f"https://www.onetcenter.org/dl_files/database/db_{a}_{b}_{fmt}.zip"
    assert src.member == f"db_{a}_{b}_{fmt}/Tasks to DWAs.{ext}"
    assert src.kind == "onet" and src.release == release and not src.pinned
    assert src.licence == "CC BY 4.0" and f"O*NET {release} Database" in src.attribution


def test_layout_agrees_with_the_registry_pins():
    """The layout rebuilds the archive URL and member of every pinned O*NET/BLS file."""
    checked = 0
    for name, pinned in SOURCES.items():
        if pinned.mirror_only or "Read Me" in name or not (
                name.startswith("onet/") or "national_M" in name):
            continue
        src = R.layout_source(name)
        assert (src.archive_url, src.member) == (pinned.archive_url, pinned.member), name
        checked += 1
    assert checked >= 50


def test_oews_layout():
    assert R.oews_names("2026") == ["oews/national_M2026_dl.xlsx",
                                    "oews/natsector_M2026_dl.xlsx", "oews/nat3d_M2026_dl.xlsx"]
    assert R.oews_names(2030, "cross_industry") == ["oews/national_M2030_dl.xlsx"]
    nat = R.layout_source("oews/national_M2026_dl.xlsx")
    assert nat.archive_url == "https://www.bls.gov/oes/special-requests/oesm26nat.zip"
    assert nat.member == "oesm26nat/national_M2026_dl.xlsx" and nat.release == "May 2026"
    sector = R.layout_source("oews/natsector_M2026_dl.xlsx")
    assert sector.archive_url == "https://www.bls.gov/oes/special-requests/oesm26in4.zip"
    assert sector.member == "oesm26in4/natsector_M2026_dl.xlsx"
    assert sector.licence == "U.S. public domain"
    with pytest.raises(ExposureError, match="unknown OEWS table 'by_state'"):
        R.oews_names("2026", "by_state")


@pytest.mark.parametrize("name", ["onet/31/Task Statements.txt", "onet/31.0/Tasks.csv",
                                  "oews/state_M2026_dl.xlsx", "reference/x.csv"])
def test_unknown_layouts_are_errors(name):
    with pytest.raises(ExposureError, match="follows no release layout"):
        R.layout_source(name)


def test_release_checks():
    assert R.check_onet_release("31.0") == "31.0"
    assert R.check_oews_release(2026) == "2026"
    for bad in ("31", "v31.0", "31.0.1", ""):
        with pytest.raises(ExposureError, match="MAJOR.MINOR"):
            R.check_onet_release(bad)
    for bad in ("26", "May 2026", "1999"):
        with pytest.raises(ExposureError, match="not a year"):
            R.check_oews_release(bad)


def test_onet_format_follows_registry_then_lock(tmp_path):
    assert R.onet_format("29.1") == "text" and R.onet_format("30.1") == "excel"
    lock = R.Lock(tmp_path / "exposure.lock")
    assert R.onet_format("31.0", lock) == "text"
    f = tmp_path / "f"
    f.write_bytes(b"x")
    for base in R.ONET_FILES:  # the lock chooses a format only where it pins the whole release
        lock.pin(R.layout_source(f"onet/31.0/{base}.xlsx"), f)
    assert R.onet_format("31.0", lock) == "excel"


def test_lock_round_trip_is_sorted_and_reviewable(tmp_path):
    lock = R.Lock(tmp_path / "sub" / "exposure.lock")
    assert lock.entries() == {}
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_bytes(b"aaa")
    b.write_bytes(b"bb")
    lock.pin(R.layout_source("oews/nat3d_M2026_dl.xlsx"), a)
    lock.pin(R.layout_source("onet/31.0/Job Zones.txt"), b)
    lines = lock.path.read_text().splitlines()
    assert lines[0].startswith("# exposure.lock")
    body = [ln for ln in lines if not ln.startswith("#")]
    assert body[0] == "name\tsize\tsha256\turl\tmember"
    assert [ln.split("\t")[0] for ln in body[1:]] == ["oews/nat3d_M2026_dl.xlsx",
                                                      "onet/31.0/Job Zones.txt"]
    entry = lock.entries()["oews/nat3d_M2026_dl.xlsx"]
    assert entry["sha256"] == hashlib.sha256(b"aaa").hexdigest() and entry["size"] == "3"
    pinned = R.source_for("oews/nat3d_M2026_dl.xlsx", lock)
    assert pinned.pinned and pinned.sha256 == entry["sha256"] and pinned.size == 3
    # pinning again replaces the entry, it does not add a line
    a.write_bytes(b"changed")
    lock.pin(R.layout_source("oews/nat3d_M2026_dl.xlsx"), a)
    assert len(lock.entries()) == 2
    assert lock.entries()["oews/nat3d_M2026_dl.xlsx"]["size"] == "7"


def test_a_foreign_file_is_not_a_lock(tmp_path):
    path = tmp_path / "exposure.lock"
    path.write_text("something else\tentirely\n")
    with pytest.raises(ExposureError, match="not a lock file"):
        R.Lock(path).entries()


def test_releases_frame_lists_package_and_lock_pins(tmp_path):
    lock = R.Lock(tmp_path / "exposure.lock")
    f = tmp_path / "f"
    f.write_bytes(b"x")
    for base in ("Task Statements", "Job Zones"):
        lock.pin(R.layout_source(f"onet/31.0/{base}.txt"), f)
    frame = R.releases_frame(lock)
    onet = frame[frame["kind"] == "onet"].set_index("release")
    assert onet.loc["29.1", "pinned_by"] == "package" and onet.loc["29.1", "files"] == 35
    assert onet.loc["31.0", "pinned_by"] == str(lock.path) and onet.loc["31.0", "files"] == 2
    assert onet.loc["31.0", "url"].endswith("db_31_0_text.zip")
    assert "May 2025" in set(frame.loc[frame["kind"] == "oews", "release"])


def test_sources_releases_command_lists_package_and_lock_pins(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path))
    assert main(["sources", "--releases"]) == 0
    out = capsys.readouterr().out
    assert "onet  29.1" in out and "package" in out and "no pinned file yet" in out
    f = tmp_path / "f"
    f.write_bytes(b"abc")
    R.Lock(tmp_path / "exposure.lock").pin(R.layout_source("onet/31.0/Job Zones.txt"), f)
    assert main(["sources", "--releases"]) == 0
    out = capsys.readouterr().out
    assert "onet  31.0" in out and "1 pinned file\n" in out
    assert "onet/31.0/Job Zones.txt  3 bytes  sha256 ba7816bf8f01" in out


def test_a_damaged_lock_file_names_its_path_row_and_column(tmp_path, monkeypatch, capsys):
    header = "name\tsize\tsha256\turl\tmember\n"
    good = "onet/31.0/Job Zones.txt\t12\t" + "0" * 64 + "\thttp://x\tm\n"
    cases = [(b"\xff\xfe\x00\n", r"exposure.lock: not a lock file: not UTF-8 text"),
             ((header + good.replace("\t12\t", "\tabc\t")).encode(), r"row 2, column 'size'"),
             (("# pins\n" + header + good + good.replace("0" * 64, "xyz")).encode(), r"row 4, column 'sha256'")]
    for content, match in cases:
        path = tmp_path / "exposure.lock"
        path.write_bytes(content)
        with pytest.raises(ExposureError, match=match):
            R.Lock(path).entries()
        monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path))
        assert main(["sources", "--releases"]) == 2  # one line, no traceback
        assert "exposure.lock" in capsys.readouterr().err
    path.write_bytes((header + good).encode())
    assert R.Lock(path).entries()["onet/31.0/Job Zones.txt"]["size"] == "12"


def test_a_lock_path_that_is_a_directory_is_refused(tmp_path):
    """`sources --releases` printed "no pinned file yet" for a lock that was a directory."""
    (tmp_path / "exposure.lock").mkdir()
    with pytest.raises(ExposureError, match="not a lock file: it exists and is not a regular file"):
        R.Lock(tmp_path / "exposure.lock").entries()
