"""Fault round 41: reading and writing as a user who is not root (permissions).

Root ignores permission bits, so these cases run their code as the unprivileged user
``nobody`` through ``setpriv`` (:func:`_privileges.run_as_nobody`; skipped with the
reason when this process cannot switch users). The files and directories that ``nobody``
may not read or write belong to root; the ones it owns are handed over with ``chown``.

1. ``exposure.load(name, directory=d)`` with a directory ``d`` the user may not search
   (``chmod 000``, or ``444``: listed but not entered) raised a bare ``PermissionError``
   naming the table inside it, and with ``release=`` the ``manifest.json`` inside it;
   ``exposure diff`` took such a directory too. Now an ``InputError`` naming the
   directory: ``permission denied: the directory cannot be searched ...``.
2. ``load(..., validate=False)`` of a table the user may not read raised pyarrow's
   ``PermissionError: Failed to open local file ...``; so did the other readers of
   ``exposure._tables.read_parquet_file`` (``exposure compare --ours``, ``exposure
   outcomes --panel``). Now an ``InputError`` naming the file: ``cannot read: Permission
   denied``.
3. ``load("measures", directory=d)`` whose ``reports`` folder the user may not search:
   a bare ``PermissionError``. Now an ``InputError`` naming the file.
4. ``exposure._load.recomputes`` (so every ``exposure.load()`` without ``directory``):
   one recompute in ``$EXPOSURE_HOME/processed`` the user may not search (another user's
   run) raised a bare ``PermissionError`` and no table could be loaded at all, not even
   the shipped ones. It is now left out with a logged warning, as a recompute whose
   manifest cannot be read already was. A ``processed`` folder the user may not list is an
   ``InputError`` naming it.
5. ``replace_directory`` (``exposure rollup -o``, ``recompute --out``, the report
   folders) over an existing output directory made read-only (``chmod 555``) that holds
   a file the run does not write: the new directory took the read-only mode before the
   old files were linked into it, so the whole computation ended in a bare
   ``PermissionError`` and left the hidden temporary directory (and its new files)
   beside the output. The mode is now given last; the swap succeeds, the mode is kept and
   nothing is left behind (the previous contents, a read-only directory after the swap,
   were not removed either).
6. ``replace_directory`` over an output directory holding a file of another user that
   this user may not read (it must be carried over): a bare ``PermissionError`` after the
   whole computation. Now an ``OutputPathError`` before the block runs, naming the file.
7. A lock file of the output (``.exposure-<name>.lock``) left by another user (root's run
   in a shared folder) could not be opened for writing: ``cannot create the lock file
   ...: Permission denied; is the parent directory writable?`` (it was). The lock is now
   taken on the file opened for reading (``flock`` does not need write access).
8. ``exposure.scoring._files.score_file`` (``exposure score``) of a task file the user may
   not read: the reader's ``InputError`` was wrapped again, as a ``DataFormatError``
   saying the path twice (``t.csv: cannot read: t.csv: cannot read: Permission
   denied``). Now the ``InputError`` itself.
9. ``exposure.releases.Lock(path).entries()`` of another user's lock file this user may
   not read (``0600``): a bare ``PermissionError``. Now an ``InputError`` naming it.
"""

from __future__ import annotations

import json
import os
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from _privileges import NOBODY, run_as_nobody

from exposure._io import write_parquet

DIGESTS = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "task_type": ["Core"],
                        "text_digest": ["0123456789abcdef"], "dwa_digest": ["e3b0c44298fc1c14"]})


def _as_nobody(code: str, cwd: Path, **env) -> dict:
    """Run ``code`` as nobody; it leaves its result as JSON in the variable ``result``."""
    script = ("import json, logging, sys\n"
              "logging.basicConfig(level=logging.WARNING, stream=sys.stderr)\n"
              "def attempt(f):\n"
              "    try:\n"
              "        return {'ok': repr(f())}\n"
              "    except Exception as exc:\n"
              "        return {'type': type(exc).__name__, 'error': str(exc),\n"
              "                'classes': [c.__name__ for c in type(exc).__mro__]}\n"
              + textwrap.dedent(code) + "\nprint('RESULT ' + json.dumps(result))\n")
    if os.environ.get("PYTHONPATH"):  # the code under test (a copy of the sources)
        env.setdefault("PYTHONPATH", os.environ["PYTHONPATH"])
    res = run_as_nobody([sys.executable, "-c", script], cwd=cwd, env=env, timeout=120)
    lines = [ln for ln in res.stdout.splitlines() if ln.startswith("RESULT ")]
    assert res.returncode == 0 and lines, res.stderr[-2000:]
    return {**json.loads(lines[-1][len("RESULT "):]), "stderr": res.stderr}


def got_result(got: dict) -> list:
    """The outcomes a script left in ``result["items"]``."""
    return got["items"]


def _give(path: Path) -> None:
    """Hand ``path`` (and what it holds) over to nobody."""
    for p in [path, *path.rglob("*")] if path.is_dir() else [path]:
        os.chown(p, NOBODY, NOBODY)


# ---------------------------------------------------------------------------- 1-3: load


@pytest.mark.parametrize("mode", [0o000, 0o444], ids=["mode-000", "mode-444"])
def test_load_from_a_directory_the_user_may_not_search(open_tmp, mode):
    out = open_tmp / "out"
    out.mkdir()
    write_parquet(DIGESTS, out / "task_digests.parquet")
    out.chmod(mode)
    got = _as_nobody(f"""
        from exposure import load
        result = {{"items": [attempt(lambda: load("task_digests", directory={str(out)!r})),
                            attempt(lambda: load("task_digests", directory={str(out)!r}, release="29.1"))]}}
        """, open_tmp)
    for one in got_result(got):
        assert one.get("type") == "InputError", one
        assert one["error"].startswith(f"{out}: cannot read: permission denied"), one
        assert "\n" not in one["error"]


def test_diff_of_a_directory_the_user_may_not_search(open_tmp):
    old, new = open_tmp / "old", open_tmp / "new"
    for d in (old, new):
        d.mkdir()
        write_parquet(DIGESTS, d / "task_digests.parquet")
    old.chmod(0o000)
    reports = open_tmp / "reports"
    reports.mkdir()
    _give(reports)
    env = {"PYTHONPATH": os.environ["PYTHONPATH"]} if os.environ.get("PYTHONPATH") else {}
    res = run_as_nobody([sys.executable, "-m", "exposure.cli", "diff", str(old), str(new),
                         "--reports", str(reports)], cwd=open_tmp, env=env, timeout=120)
    assert res.returncode == 2, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("exposure diff: error: "), res.stderr
    assert f"{old}: cannot read: permission denied" in lines[0]
    assert list(reports.iterdir()) == []


def test_load_an_unreadable_table_without_validation(open_tmp):
    out = open_tmp / "out"
    out.mkdir()
    table = write_parquet(DIGESTS, out / "task_digests.parquet")
    table.chmod(0o600)  # root's: nobody may not read it
    got = _as_nobody(f"""
        from exposure import load
        from exposure._tables import read_parquet_file
        result = {{"items": [attempt(lambda: load("task_digests", directory={str(out)!r}, validate=False)),
                            attempt(lambda: read_parquet_file({str(table)!r}))]}}
        """, open_tmp)
    for one in got_result(got):
        assert one.get("type") == "InputError", one
        assert "OSError" in one["classes"]  # as documented: still an OSError
        assert one["error"] == f"{table}: cannot read: Permission denied", one


def test_load_measures_from_a_reports_folder_the_user_may_not_search(open_tmp):
    out = open_tmp / "out"
    (out / "reports").mkdir(parents=True)
    (out / "reports" / "measures_table.csv").write_text("soc_code,alpha\n11-1011,0.5\n")
    (out / "reports").chmod(0o700)  # root's
    got = _as_nobody(f"""
        from exposure import load
        result = {{"items": [attempt(lambda: load("measures", directory={str(out)!r}))]}}
        """, open_tmp)
    one = got_result(got)[0]
    assert one.get("type") == "InputError", one
    assert one["error"].startswith(f"{out / 'reports'}"), one
    assert "permission denied" in one["error"].lower()


# ---------------------------------------------------------------------------- 4: recomputes


def _recompute(directory: Path, onet: str) -> None:
    directory.mkdir(parents=True)
    write_parquet(DIGESTS, directory / "task_digests.parquet")
    (directory / "manifest.json").write_text(json.dumps({"releases": {"onet": onet, "oews": "2025"}}))


def test_an_unreadable_recompute_is_left_out_with_a_warning(open_tmp):
    home = open_tmp / "home"
    _recompute(home / "processed" / "onet-29.1_oews-2025", "29.1")
    _recompute(home / "processed" / "theirs", "30.1")
    os.utime(home / "processed" / "onet-29.1_oews-2025" / "manifest.json", (1, 1))  # older
    _give(home / "processed" / "onet-29.1_oews-2025")
    (home / "processed" / "theirs").chmod(0o700)  # another user's recompute
    got = _as_nobody(f"""
        from pathlib import Path
        from exposure._load import recomputes, load
        from exposure.fetch import DataStore
        home = Path({str(home)!r})
        store = DataStore(cache=home, home=home)
        result = {{"items": [attempt(lambda: [(p.name, r) for p, r in recomputes(store)]),
                            attempt(lambda: load("task_digests", store=store).attrs["exposure_directory"])]}}
        """, open_tmp)
    listed, loaded = got_result(got)
    assert listed.get("ok") == repr([("onet-29.1_oews-2025", {"onet": "29.1", "oews": "2025"})]), listed
    assert loaded.get("ok") == repr(str(home / "processed" / "onet-29.1_oews-2025")), loaded
    assert f"skipped {home / 'processed' / 'theirs'}" in got["stderr"]
    assert "permission denied" in got["stderr"].lower()


def test_a_processed_folder_the_user_may_not_list(open_tmp):
    home = open_tmp / "home"
    _recompute(home / "processed" / "onet-29.1_oews-2025", "29.1")
    (home / "processed").chmod(0o700)
    got = _as_nobody(f"""
        from pathlib import Path
        from exposure._load import recomputes, load
        from exposure.fetch import DataStore
        home = Path({str(home)!r})
        store = DataStore(cache=home, home=home)
        result = {{"items": [attempt(lambda: recomputes(store)),
                            attempt(lambda: load("task_digests", store=store))]}}
        """, open_tmp)
    for one in got_result(got):
        assert one.get("type") == "InputError", one
        assert one["error"].startswith(f"{home / 'processed'}: cannot read: permission denied"), one


# ---------------------------------------------------------------------------- 5-7: output dirs

REPLACE = """
    import os
    from pathlib import Path
    from exposure._outdir import replace_directory
    out = Path({out!r})
    ran = []
    def run():
        with replace_directory(out, owned={{"t.csv"}}) as tmp:
            ran.append(True)
            (tmp / "t.csv").write_text("new\\n")
        return sorted(os.listdir(out))
    result = {{"items": [attempt(run), {{"ok": repr(ran)}},
                        {{"ok": repr(sorted(os.listdir(out.parent)))}},
                        {{"ok": oct(out.stat().st_mode & 0o777) if out.exists() else None}}]}}
"""


def test_replace_a_read_only_output_directory(open_tmp):
    parent = open_tmp / "p"
    out = parent / "out"
    out.mkdir(parents=True)
    (out / "notes.txt").write_text("mine\n")
    (out / "t.csv").write_text("old\n")
    _give(parent)
    out.chmod(0o555)
    got = _as_nobody(REPLACE.format(out=str(out)), open_tmp)
    done, ran, beside, mode = got_result(got)
    assert done.get("ok") == repr(["notes.txt", "t.csv"]), done
    assert beside["ok"] == repr([".exposure-out.lock", "out"]), beside  # no temporary left
    assert mode["ok"] == "0o555"
    assert (out / "t.csv").read_text() == "new\n" and (out / "notes.txt").read_text() == "mine\n"


def test_replace_an_output_holding_a_file_the_user_may_not_read(open_tmp):
    parent = open_tmp / "p"
    out = parent / "out"
    out.mkdir(parents=True)
    (out / "t.csv").write_text("old\n")
    _give(parent)
    (out / "theirs.csv").write_text("private\n")
    (out / "theirs.csv").chmod(0o600)  # root's file: cannot be linked nor copied by nobody
    got = _as_nobody(REPLACE.format(out=str(out)), open_tmp)
    done, ran, beside, _ = got_result(got)
    assert done.get("type") == "OutputPathError", done
    assert str(out / "theirs.csv") in done["error"] and "permission denied" in done["error"].lower()
    assert ran["ok"] == "[]"  # refused before the computing
    assert beside["ok"] == repr([".exposure-out.lock", "out"]), beside  # no temporary directory
    assert (out / "t.csv").read_text() == "old\n" and (out / "theirs.csv").read_text() == "private\n"


def test_a_lock_file_left_by_another_user(open_tmp):
    parent = open_tmp / "p"
    parent.mkdir()
    parent.chmod(0o777)
    (parent / ".exposure-out.lock").write_text("")  # root's, 0644: nobody may not write it
    got = _as_nobody(REPLACE.format(out=str(parent / "out")), open_tmp)
    done, ran, beside, _ = got_result(got)
    assert done.get("ok") == repr(["t.csv"]), done
    assert beside["ok"] == repr([".exposure-out.lock", "out"]), beside


# ------------------------------------------------------------------ 8-9: score, lock


def test_score_file_of_an_unreadable_file_says_it_once(open_tmp):
    src = open_tmp / "t.csv"
    src.write_text("task\nLay bricks.\n", encoding="utf-8")
    src.chmod(0o600)  # root's: nobody may not read it
    out = open_tmp / "out"
    out.mkdir()
    out.chmod(0o777)  # nobody may write the output
    got = _as_nobody(f"""
        from exposure.scoring._files import score_file
        result = {{"items": [attempt(lambda: score_file({str(src)!r}, {str(out / 's.csv')!r}, onet=None))]}}
        """, open_tmp)
    (one,) = got_result(got)
    assert one.get("type") == "InputError", one
    assert one["error"] == f"{src}: cannot read: Permission denied", one
    assert not list(out.iterdir())


def test_an_unreadable_lock_file_is_named(open_tmp):
    lock = open_tmp / "exposure.lock"
    lock.write_text("name\tsize\tsha256\turl\tmember\n", encoding="utf-8")
    lock.chmod(0o600)
    got = _as_nobody(f"""
        from exposure.releases import Lock
        result = {{"items": [attempt(lambda: Lock({str(lock)!r}).entries())]}}
        """, open_tmp)
    (one,) = got_result(got)
    assert one.get("type") == "InputError", one
    assert one["error"] == f"{lock}: cannot read: Permission denied", one
