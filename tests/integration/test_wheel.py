"""The built wheel ships the processed tables, readable offline after ``pip install``.

After ``pip install`` into a fresh virtual environment, ``exposure.load`` works with no
network, no mirror and no source checkout.

Slow (~1.5 min): builds the wheel with ``python -m build --wheel`` from a copy of the work
tree, creates a real fresh venv (no ``--system-site-packages``) and installs the wheel with
its dependencies from the package registry.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import zipfile
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow

_IGNORE = shutil.ignore_patterns(".venv", ".git", "build", "dist", "*.egg-info", "__pycache__",
                                 ".pytest_cache", "_build", "raw", "node_modules")

CHECK = textwrap.dedent(
    """
    import json, socket, sys, sysconfig
    from pathlib import Path

    def no_network(*args, **kwargs):
        raise RuntimeError("network access attempted")

    socket.socket.connect = no_network
    socket.create_connection = no_network

    import exposure
    from exposure._load import TABLES, load, load_manifest, processed_dir

    site = Path(sysconfig.get_paths()["purelib"]).resolve()
    here = Path(exposure.__file__).resolve()
    assert site in here.parents, (here, site)
    assert site in processed_dir().resolve().parents
    assert exposure.load is load
    rows = {name: len(exposure.load(name)) for name in
            ["tasks", "occupations", "soc", "sectors", "subsectors", "workforce"]}
    rows.update({name: len(load(name)) for name in TABLES})
    occ = load("occupations")
    print(json.dumps({"file": str(here), "rows": rows, "manifest": load_manifest(),
                      "beta_mean": float(occ["beta"].mean()),
                      "shared_visible": Path("../shared/data").exists()}))
    """
)


def test_wheel_ships_processed_tables_and_load_works(tmp_path):
    manifest = json.loads((REPO / "data" / "processed" / "manifest.json").read_text())
    src = tmp_path / "src-copy"
    shutil.copytree(REPO, src, symlinks=True, ignore=_IGNORE)
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(src)],
                   check=True, capture_output=True)
    (wheel,) = dist.glob("ai_exposure-*.whl")
    # ~29 MB: the model, its retrieval index and the static word vectors (9.6 MB, int8),
    # the fine-tuned layers of method="transformer" (10.4 MB, int8, about 9 MB in the
    # wheel), plus the processed tables; raw data never ships
    assert wheel.stat().st_size < 32_000_000
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    for table in manifest["tables"]:
        assert f"exposure/data/processed/{table}" in names
    assert "exposure/data/processed/manifest.json" in names

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True,
                   capture_output=True)

    work = tmp_path / "elsewhere" / "cwd"
    work.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("EXPOSURE_") and k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}:{env.get('PATH', '')}"
    done = subprocess.run([str(py), "-c", CHECK], cwd=work, env=env, check=True,
                          capture_output=True, text=True)
    result = json.loads(done.stdout)
    assert result["shared_visible"] is False
    assert str(venv.resolve()) in result["file"]
    assert result["manifest"] == manifest
    for table, info in manifest["tables"].items():
        name = table.removesuffix(".parquet")
        assert result["rows"][name] == info["rows"] > 0
    assert result["rows"]["occupations"] == manifest["tables"]["occupation_scores.parquet"]["rows"]
    assert 0 < result["beta_mean"] < 1

    version = subprocess.run([str(venv / "bin" / "exposure"), "--version"], cwd=work, env=env,
                             check=True, capture_output=True, text=True)
    assert version.stdout.strip().startswith("exposure ")

    # issue 14's "done when": the same fresh venv, with only `pip install` and no mirror,
    # recomputes a new release from a local server laid out like the publishers (the
    # server of test_publishers.py), pins the new files in exposure.lock and writes tables
    publishers = _sibling("test_publishers")
    publishers._Publisher.site = publishers.publisher_site(_mirror_for_fixtures())
    publishers._Publisher.log = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), publishers._Publisher)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        env_new = dict(env, EXPOSURE_HOME=str(tmp_path / "home"),
                       EXPOSURE_DATA_DIR=str(tmp_path / "cache"),
                       EXPOSURE_URL_MAP=f"{publishers.ONET}={base}/onet {publishers.BLS}={base}/bls")
        done = subprocess.run([str(venv / "bin" / "exposure"), "recompute", "--onet-release",
                               "31.0", "--oews-release", "2026", "--quiet"], cwd=work,
                              env=env_new, capture_output=True, text=True, timeout=600)
    finally:
        server.shutdown()
        server.server_close()
    assert done.returncode == 0, done.stderr
    out = tmp_path / "home" / "processed" / "onet-31.0_oews-2026"
    assert (out / "manifest.json").is_file()
    assert json.loads((out / "manifest.json").read_text())["releases"] == {"onet": "31.0",
                                                                          "oews": "2026"}
    assert sorted(p.name for p in out.glob("*.parquet")) == sorted(manifest["tables"])
    assert (tmp_path / "home" / "exposure.lock").is_file()
    assert publishers._Publisher.log and all(
        agent.startswith("ai-exposure/") for _, agent, _ in publishers._Publisher.log)


def _sibling(name: str):
    """Import a test module of this folder by file (tests are not a package)."""
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _mirror_for_fixtures() -> Path:
    """The real mirror (the publisher site serves its copies of BLS's own workbooks)."""
    env = os.environ.get("EXPOSURE_MIRROR")
    path = Path(env) if env else REPO.parent / "shared" / "data"
    if not (path / "MANIFEST.tsv").is_file():
        pytest.skip(f"real data mirror not found at {path}")
    return path
