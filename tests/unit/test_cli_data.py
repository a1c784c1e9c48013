"""Tests of ``exposure sources`` and ``exposure fetch`` on a tiny fixture registry."""

from __future__ import annotations

from pathlib import Path

import pytest
from _trees import tree as _tree

from exposure import sources as S
from exposure.cli import main
from exposure.sources import Source

FIX = Path(__file__).resolve().parents[1] / "data" / "fetch"
MIRROR = FIX / "mirror"
TASKS = "onet/demo/Task Statements.txt"
OEWS = "oews/demo.csv"


def _src(name, sha256, size, kind, **kw):
    return Source(name=name, release="demo", url="https://example.org/" + name,
                  sha256=sha256, size=size, licence="CC0", attribution="made up",
                  kind=kind, **kw)


@pytest.fixture
def registry(monkeypatch):
    """Replace the registry with two fixture entries served by tests/data/fetch/mirror."""
    fake = {
        TASKS: _src(TASKS, "a94124c332a55428aac75f4578106057f9023f5bd079f4c9492534049dd441d1",
                    220, "onet"),
        OEWS: _src(OEWS, "fe46be165e33ed54da78e132d81e574218e00f71d03fbc4013ca14c50b16a02a",
                   103, "oews", mirror_only=True, notes="made up"),
    }
    monkeypatch.setattr(S, "SOURCES", fake)
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    monkeypatch.delenv("EXPOSURE_DATA_DIR", raising=False)
    return fake


def test_fetch_then_sources(registry, tmp_path, capsys):
    cache = tmp_path / "cache"
    assert main(["fetch", "--mirror", str(MIRROR), "--data-dir", str(cache)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 of 2 files verified in ")
    assert (cache / TASKS).read_bytes() == (MIRROR / TASKS).read_bytes()
    assert (cache / OEWS).read_bytes() == (MIRROR / OEWS).read_bytes()

    assert main(["sources", "--data-dir", str(cache)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["NAME", "KIND", "RELEASE", "SIZE", "STATUS", "LICENCE"]
    assert lines[1].split()[0] == "onet/demo/Task"  # name contains a space
    assert "220 B" in lines[1] and "verified" in lines[1] and lines[1].endswith("CC0")
    assert lines[2].split() == [OEWS, "oews", "demo", "103", "B", "verified", "mirror-only"]
    assert lines[-1] == f"2 files in {cache}: 2 verified, 0 missing, 0 with a wrong sha256"


def test_sources_says_what_to_do_with_a_wrong_sha256(registry, tmp_path, capsys):
    # round 80: the footer said "1 with a wrong sha256" and nothing of what to do
    cache = tmp_path / "cache"
    assert main(["fetch", "--mirror", str(MIRROR), "--data-dir", str(cache)]) == 0
    (cache / OEWS).write_bytes(b"NAICS\n")
    capsys.readouterr()
    assert main(["sources", "--data-dir", str(cache)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"2 files in {cache}: 1 verified, 0 missing, 1 with a wrong sha256 (exposure fetch replaces them with "
        "the pinned files; --rehash removes them now)")
    # the advice, followed
    assert main(["fetch", "--mirror", str(MIRROR), "--data-dir", str(cache)]) == 0
    assert (cache / OEWS).read_bytes() == (MIRROR / OEWS).read_bytes()
    capsys.readouterr()
    assert main(["sources", "--data-dir", str(cache)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"2 files in {cache}: 2 verified, 0 missing, 0 with a wrong sha256"


def test_fetch_env_mirror_and_selection(registry, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EXPOSURE_MIRROR", str(MIRROR))
    monkeypatch.setenv("EXPOSURE_DATA_DIR", str(tmp_path))
    assert main(["fetch", "oews"]) == 0
    assert capsys.readouterr().out.startswith("1 of 1 file verified")
    assert (tmp_path / OEWS).is_file() and not (tmp_path / TASKS).exists()


def test_sources_tsv_and_markdown(registry, tmp_path, capsys):
    bad = tmp_path / OEWS
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"NAICS\n")
    assert main(["sources", "--data-dir", str(tmp_path), "--format", "tsv"]) == 1  # mismatch
    assert capsys.readouterr().out.splitlines() == [
        "name\tkind\trelease\tsize\tstatus\tlicence",
        f"{TASKS}\tonet\tdemo\t220\tmissing\tCC0",
        f"{OEWS}\toews\tdemo\t103\tmismatch\tmirror-only",
    ]
    assert main(["sources", "--format", "markdown", "onet/demo"]) == 0
    md = capsys.readouterr().out.splitlines()
    assert md[0] == "| name | release | licence | attribution | url |" and len(md) == 3


def test_fetch_bad_mirror_file_fails_cleanly(registry, tmp_path, capsys):
    mirror = tmp_path / "mirror"
    (mirror / "oews").mkdir(parents=True)
    (mirror / "onet" / "demo").mkdir(parents=True)
    (mirror / OEWS).write_bytes((MIRROR / OEWS).read_bytes()[:50])  # truncated copy
    (mirror / TASKS).write_bytes((MIRROR / TASKS).read_bytes())
    cache = tmp_path / "cache"
    assert main(["fetch", "--mirror", str(mirror), "--data-dir", str(cache)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(f"exposure fetch: error: sha256 mismatch for {OEWS}")
    assert captured.out.startswith("1 of 2 files verified")
    assert not (cache / OEWS).exists() and (cache / TASKS).is_file()
    assert not (cache / "oews").exists()  # no temporary file, not even an empty folder


def test_fetch_without_mirror_reports_mirror_only(registry, tmp_path, capsys):
    assert main(["fetch", "--data-dir", str(tmp_path), OEWS]) == 2
    err = capsys.readouterr().err
    assert f"exposure fetch: error: {OEWS}: upstream does not publish this file" in err
    assert not (tmp_path / OEWS).exists()


def test_unknown_name_and_missing_mirror_exit_2(registry, tmp_path, capsys):
    assert main(["fetch", "--mirror", str(MIRROR), "--data-dir", str(tmp_path), "oews/x"]) == 2
    assert "unknown source 'oews/x'" in capsys.readouterr().err
    assert main(["fetch", "--mirror", str(tmp_path / "none"), "--data-dir", str(tmp_path)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


# ------------------------------------------------------ faults of the third round (issue 11)


def _copy_mirror(root: Path) -> Path:
    for name in (TASKS, OEWS):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes((MIRROR / name).read_bytes())
    return root


def test_fetch_with_the_cache_inside_the_mirror_writes_nothing(registry, tmp_path, capsys):
    # Old code wrote every file (and .verified/) into M/cache although the docs say that
    # nothing is written inside a mirror.
    mirror = _copy_mirror(tmp_path / "m")
    before = _tree(mirror)
    assert main(["fetch", "--mirror", str(mirror), "--data-dir", str(mirror / "cache")]) == 0
    assert capsys.readouterr().out.startswith(
        f"2 of 2 files verified in place in mirror {mirror}")
    assert _tree(mirror) == before  # not even an empty cache/ folder


@pytest.mark.parametrize("option, value", [
    ("--timeout", "0"), ("--timeout", "-1"), ("--timeout", "nan"), ("--timeout", "inf"),
    ("--deadline", "nan"), ("--deadline", "-5"), ("--deadline", "0"),
    ("--retries", "-1"), ("--retries", "1.5"),
])
def test_fetch_refuses_bad_network_options(registry, tmp_path, capsys, option, value):
    # Old code: a requests ValueError traceback (--timeout 0), 'failed after 0 attempt:
    # None' (--retries -1), no deadline at all (--deadline nan), a try with --deadline -5.
    with pytest.raises(SystemExit) as info:
        main(["fetch", "--data-dir", str(tmp_path), option, value, OEWS])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert f"error: argument {option}: expected" in err and repr(value) in err
    assert "Traceback" not in err and list(tmp_path.iterdir()) == []


def test_fetch_reports_a_directory_in_place_of_one_file_and_goes_on(registry, tmp_path,
                                                                     capsys):
    # Old code stopped the whole fetch with 'cannot write ...: Is a directory', as if the
    # cache could not be written.
    cache = tmp_path / "cache"
    (cache / TASKS).mkdir(parents=True)
    assert main(["fetch", "--mirror", str(MIRROR), "--data-dir", str(cache)]) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"exposure fetch: error: {cache / TASKS}: cannot write: a directory is in the place "
        f"of the cached file {TASKS}; remove it and fetch again (the rest of the cache is "
        "not affected)"]
    assert captured.out.startswith("1 of 2 files verified")
    assert (cache / OEWS).read_bytes() == (MIRROR / OEWS).read_bytes()


def test_mirror_that_is_a_file_and_sources_of_a_file(registry, tmp_path, capsys):
    # Old code said the mirror 'does not exist', and `sources --data-dir FILE` listed
    # every file as missing with exit code 0.
    afile = tmp_path / "afile"
    afile.write_text("x")
    assert main(["fetch", "--mirror", str(afile), "--data-dir", str(tmp_path / "c")]) == 2
    assert capsys.readouterr().err == (
        f"exposure fetch: error: mirror directory {str(afile)!r} (from --mirror/mirror=) is "
        # round 80: what to give instead of the file
        "not a directory (a file): give the directory that holds each file at its registry name "
        "(`exposure sources` lists them)\n")
    assert main(["sources", "--data-dir", str(afile)]) == 2
    captured = capsys.readouterr()
    assert "is not a directory" in captured.err and str(afile) in captured.err
    assert captured.out == ""


def test_sources_says_what_the_mirror_holds(registry, tmp_path, capsys, monkeypatch):
    """With $EXPOSURE_MIRROR set, the cache's 'missing' files were read as data one lacked."""
    monkeypatch.setenv("EXPOSURE_MIRROR", str(MIRROR))
    main(["sources", "--data-dir", str(tmp_path / "cache")])
    out = capsys.readouterr().out
    assert "0 verified, 2 missing" in out
    assert f"$EXPOSURE_MIRROR ({MIRROR}) holds 2 of the 2 files: the commands read them from there" in out
    monkeypatch.delenv("EXPOSURE_MIRROR")
    main(["sources", "--data-dir", str(tmp_path / "cache")])
    assert "EXPOSURE_MIRROR" not in capsys.readouterr().out
