"""Round 32: where ``exposure recompute --out`` may write.

1. ``--out $EXPOSURE_HOME/processed`` (the folder that holds one directory per recompute,
   ``onet-29.1_oews-2025/``), ``--out $EXPOSURE_HOME`` itself (it holds the lock file
   ``exposure.lock`` too) or a directory holding the user data directory: accepted. The
   tables were written where :func:`exposure.load` never looks (it reads the
   directories *inside* ``processed/``), and the swap replaced the folder of every other
   recompute (or the lock file the run pins new files in) as a whole. Refused now, before
   any stage, naming the directory and the default.
2. ``--out <data dir>/timings`` (where recompute writes its wall times,
   ``timings/recompute.json``) or ``--out <data dir>/.archives`` (the publishers'
   archives the run reads): accepted; ``recompute.json`` was written into the output
   directory after the swap (a file no manifest lists, which differs on every run: two
   runs no longer left the output byte-identical), the archives swapped as a whole.
   Refused now, before any stage, as the cache's download folders already were.
3. ``--out`` inside the installed package (``.../site-packages/exposure/...``, where the
   shipped tables live in a wheel): accepted; the package's own files were replaced
   (and a lock file left among them). Refused now. ``--out src/exposure/data/processed``
   of a source checkout, a symbolic link to ``data/processed``, is still accepted (it
   is the documented refresh of the shipped tables).
4. ``exposure recompute --out X --compare X/reports`` (the compared output kept in, or
   under, the directory where the diff reports go by default): accepted; after the
   recompute the four ``diff_*.csv`` were written among the compared tables (the report
   directory replaced as a whole). An explicit ``--reports`` of it was already refused
   (round 29). Refused now before the recompute, naming both directories.

Each run is given an empty mirror: a path the checks let through fails at the ``fetch``
stage, so no test reads real data or the network.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import exposure
from exposure.cli import main


@pytest.fixture
def env(tmp_path, monkeypatch):
    """An empty mirror, a data directory and a user data directory of the test's own."""
    home, cache, mirror = tmp_path / "share" / "exposure", tmp_path / "cache", tmp_path / "mirror"
    home.mkdir(parents=True)
    (home / "processed" / "onet-30.1_oews-2025").mkdir(parents=True)
    cache.mkdir()
    mirror.mkdir()
    monkeypatch.setenv("EXPOSURE_HOME", str(home))
    monkeypatch.setenv("EXPOSURE_DATA_DIR", str(cache))
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    return {"home": home, "cache": cache, "mirror": mirror}


def _recompute(env, out, capsys) -> str:
    assert main(["recompute", "--mirror", str(env["mirror"]), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    return err


def _listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


@pytest.mark.parametrize("where", ["processed", "home", "above"])
def test_out_the_folder_of_the_recomputes_or_the_home_is_refused(env, capsys, where):
    out = {"processed": env["home"] / "processed", "home": env["home"],
           "above": env["home"].parent}[where]
    before = _listing(env["home"].parent)
    err = _recompute(env, out, capsys)
    assert "stage 'fetch'" not in err
    assert err.startswith(f"exposure recompute: error: refusing to write the tables into {out}"), err
    assert "exposure.load" in err and "onet-29.1_oews-2025" in err
    assert _listing(env["home"].parent) == before


def test_a_recompute_directory_inside_the_home_is_still_accepted(env, capsys):
    out = env["home"] / "processed" / "mine"
    err = _recompute(env, out, capsys)
    assert "stage 'fetch' failed" in err  # got past the checks; the empty mirror stops it


@pytest.mark.parametrize("sub", ["timings", ".archives", "timings/run1"])
def test_out_among_the_cache_s_timings_or_archives_is_refused(env, capsys, sub):
    out = env["cache"] / sub
    err = _recompute(env, out, capsys)
    assert "stage 'fetch'" not in err
    assert err.startswith(f"exposure recompute: error: refusing to write the tables into {out}"), err
    assert str(env["cache"]) in err
    assert not out.exists()


def test_out_inside_the_installed_package_is_refused(env, capsys):
    package = Path(exposure.__file__).resolve().parent
    out = package / "data" / "round32-out"
    try:
        err = _recompute(env, out, capsys)
        assert "stage 'fetch'" not in err
        assert err.startswith(f"exposure recompute: error: refusing to write the tables into {out}"), err
        assert "package" in err
        assert not (package / "data" / ".exposure-round32-out.lock").exists()
    finally:  # what the unfixed code left there
        (package / "data" / ".exposure-round32-out.lock").unlink(missing_ok=True)


def test_the_shipped_tables_of_a_source_checkout_are_still_accepted(env, capsys):
    link = Path(exposure.__file__).resolve().parent / "data" / "processed"
    if not link.is_symlink():
        pytest.skip("not a source checkout (data/processed is no symbolic link)")
    err = _recompute(env, link, capsys)
    assert "stage 'fetch' failed" in err


@pytest.mark.parametrize("inside", [False, True])
def test_compare_of_the_default_reports_directory_is_refused_before_recomputing(env, capsys, inside):
    shipped = Path(exposure.__file__).resolve().parent / "data" / "processed"
    if not (shipped / "manifest.json").is_file():
        pytest.skip("no shipped tables")
    out = env["home"].parent / "runs"
    old = out / "reports" / ("old" if inside else "")
    old.mkdir(parents=True)
    for path in shipped.iterdir():
        if path.is_file() and not path.name.startswith("."):
            (old / path.name).write_bytes(path.read_bytes())
    before = _listing(out)
    assert main(["recompute", "--mirror", str(env["mirror"]), "--out", str(out), "--quiet",
                 "--compare", str(old)]) == 2
    err = capsys.readouterr().err
    assert "stage 'fetch'" not in err
    assert err.startswith(f"exposure recompute: error: --compare {old} "), err
    assert f"{out / 'reports'}, where the diff reports go by default" in err
    assert _listing(out) == before
