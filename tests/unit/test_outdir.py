"""exposure._outdir.replace_directory: lock, stale cleanup, atomic swap, foreign entries.

Everything runs on real directories in tmp_path; the kill-during-write case (a real
SIGKILL of a subprocess) is in test_pipeline.py, which drives this code through the
pipeline.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from exposure import _outdir
from exposure._outdir import RecomputeLockedError, replace_directory
from exposure.errors import ExposureError


def _snapshot(directory: Path) -> dict[str, bytes]:
    """Relative path -> bytes of every file under ``directory``."""
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def _hidden_leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def out(tmp_path):
    return tmp_path / "processed"


def _fill(out: Path, **files: str) -> None:
    with replace_directory(out, owned=set(files) | {"a.txt", "b.txt"}) as tmp:
        for name, text in files.items():
            (tmp / name).write_text(text)


def test_creates_the_directory_beside_a_lock_file(out):
    _fill(out, **{"a.txt": "1\n"})
    assert _snapshot(out) == {"a.txt": b"1\n"}
    assert (out.parent / ".exposure-processed.lock").is_file()
    assert _hidden_leftovers(out.parent) == []


def test_the_block_writes_into_a_hidden_sibling(out):
    with replace_directory(out) as tmp:
        assert tmp.parent == out.parent
        assert tmp.name.startswith(".processed.") and tmp.name.endswith(".tmp")
        assert not out.exists()  # nothing visible until the block ends
        (tmp / "a.txt").write_text("1\n")
    assert (out / "a.txt").read_text() == "1\n"


def test_keeps_foreign_entries_as_hard_links_and_drops_owned_ones(out):
    _fill(out, **{"a.txt": "1\n", "b.txt": "2\n"})
    (out / "reports").mkdir()
    (out / "reports" / "compare.csv").write_text("a,b\n1,2\n")
    (out / "README.md").write_text("kept\n")
    inode = (out / "reports" / "compare.csv").stat().st_ino
    with replace_directory(out, owned={"a.txt", "b.txt"}) as tmp:
        (tmp / "a.txt").write_text("new\n")
    assert _snapshot(out) == {"README.md": b"kept\n", "a.txt": b"new\n",
                              "reports/compare.csv": b"a,b\n1,2\n"}
    assert (out / "reports" / "compare.csv").stat().st_ino == inode
    assert _hidden_leftovers(out.parent) == []


def test_new_contents_win_over_foreign_entries_of_the_same_name(out):
    _fill(out, **{"a.txt": "1\n"})
    (out / "notes.txt").write_text("old\n")
    with replace_directory(out) as tmp:
        (tmp / "notes.txt").write_text("new\n")
    assert (out / "notes.txt").read_text() == "new\n"
    assert (out / "a.txt").read_text() == "1\n"  # not owned: carried over


@pytest.mark.parametrize("error", [ValueError("boom"), KeyboardInterrupt()])
def test_an_error_in_the_block_leaves_out_untouched(out, error):
    _fill(out, **{"a.txt": "1\n"})
    before = _snapshot(out)
    with pytest.raises(type(error)):
        with replace_directory(out, owned={"a.txt"}) as tmp:
            (tmp / "a.txt").write_text("half")
            raise error
    assert _snapshot(out) == before
    assert _hidden_leftovers(out.parent) == []


def test_an_error_before_the_first_run_creates_nothing(out):
    with pytest.raises(ValueError):
        with replace_directory(out):
            raise ValueError("boom")
    assert not out.exists()
    assert _hidden_leftovers(out.parent) == []


def test_second_writer_is_rejected_and_the_lock_is_released(out):
    with replace_directory(out) as tmp:
        (tmp / "a.txt").write_text("1\n")
        with pytest.raises(RecomputeLockedError, match=f"pid {os.getpid()}"):
            with replace_directory(out):
                pass
    assert (out / "a.txt").read_text() == "1\n"
    with replace_directory(out) as tmp:  # released afterwards
        (tmp / "a.txt").write_text("2\n")
    assert (out / "a.txt").read_text() == "2\n"
    assert issubclass(RecomputeLockedError, ExposureError)


def test_fallback_swap_without_renameat2(out, monkeypatch):
    _fill(out, **{"a.txt": "1\n"})
    (out / "reports").mkdir()
    (out / "reports" / "r.csv").write_text("x\n")
    monkeypatch.setattr(_outdir, "_exchange", lambda a, b: False)
    _fill(out, **{"a.txt": "2\n"})
    assert _snapshot(out) == {"a.txt": b"2\n", "reports/r.csv": b"x\n"}
    assert _hidden_leftovers(out.parent) == []


def test_reports_written_during_the_swap_are_moved_across(out, monkeypatch):
    _fill(out, **{"a.txt": "1\n"})
    (out / "reports").mkdir()
    (out / "reports" / "r.csv").write_text("x\n")
    real = _outdir._exchange

    def another_command_writes_first(a, b):
        # another command writes into the old directory after it was linked
        (b / "reports" / "late.csv").write_text("late\n")
        (b / "late_readme.md").write_text("late\n")
        return real(a, b)

    monkeypatch.setattr(_outdir, "_exchange", another_command_writes_first)
    _fill(out, **{"a.txt": "2\n"})
    assert _snapshot(out) == {"a.txt": b"2\n", "late_readme.md": b"late\n",
                              "reports/late.csv": b"late\n", "reports/r.csv": b"x\n"}
    assert _hidden_leftovers(out.parent) == []


def test_interrupted_fallback_swap_is_restored_by_the_next_writer(out):
    _fill(out, **{"a.txt": "1\n", "b.txt": "2\n"})
    before = _snapshot(out)
    # the process died between "rename out aside" and "rename new into place"
    os.rename(out, out.parent / ".processed.old-abc12345.tmp")  # as mkdtemp names it
    (out.parent / ".processed.xyz_9876.tmp").mkdir()  # and its half-written new directory
    with replace_directory(out):  # writes nothing, owns nothing: keeps everything
        assert _snapshot(out) == before
        assert _hidden_leftovers(out.parent) != []  # the new temporary directory
    assert _snapshot(out) == before
    assert _hidden_leftovers(out.parent) == []


def test_stale_temporary_entries_of_other_directories_are_left_alone(out):
    other = out.parent / ".other.abc.tmp"
    other.mkdir()
    stale_file = out.parent / ".processed.junk1234.tmp"
    stale_file.write_text("x")
    _fill(out, **{"a.txt": "1\n"})
    assert other.is_dir()
    assert not stale_file.exists()


def test_a_file_in_the_way_is_an_error_and_stays(out):
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("not a directory\n")
    with pytest.raises(ExposureError, match="exists and is not a directory"):
        with replace_directory(out) as tmp:
            (tmp / "a.txt").write_text("1\n")
    assert out.read_text() == "not a directory\n"
    assert _hidden_leftovers(out.parent) == []


def test_symlinked_out_replaces_the_target_and_keeps_the_link(tmp_path):
    real = tmp_path / "data" / "processed"
    _fill(real, **{"a.txt": "1\n"})
    link = tmp_path / "pkg" / "processed"
    link.parent.mkdir()
    link.symlink_to(Path("..") / "data" / "processed")
    _fill(link, **{"a.txt": "2\n"})
    assert link.is_symlink()
    assert (real / "a.txt").read_text() == "2\n"
    assert _hidden_leftovers(real.parent) == [] and _hidden_leftovers(link.parent) == []


def test_new_directory_gets_normal_permissions(out):
    umask = os.umask(0o022)
    try:
        _fill(out, **{"a.txt": "1\n"})
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o755


def test_stale_cleanup_removes_only_this_outputs_temporary_directories(tmp_path):
    """`.results.v2.<random>.tmp` is another output's live work, `.results.notes.tmp` a user's."""
    others = [tmp_path / ".results.v2.k2x_9abc.tmp", tmp_path / ".results.my-notes.tmp",
              tmp_path / ".results.v2.old-keep.tmp"]
    for d in others:
        d.mkdir()
        (d / "data.txt").write_text("keep")
    mine = tmp_path / ".results.ab12cd34.tmp"
    mine.mkdir()
    with replace_directory(tmp_path / "results") as tmp:
        (tmp / "t.csv").write_text("a\n")
    assert not mine.exists()
    assert all((d / "data.txt").read_text() == "keep" for d in others)
    assert sorted(p.name for p in (tmp_path / "results").iterdir()) == ["t.csv"]
    # an interrupted swap of results.v2 is not restored into results
    (tmp_path / "results").rename(tmp_path / "elsewhere")
    with replace_directory(tmp_path / "results") as tmp:
        pass
    assert list((tmp_path / "results").iterdir()) == [] and (others[2] / "data.txt").exists()


def test_replacing_a_directory_keeps_its_permissions(tmp_path):
    out = tmp_path / "private"
    out.mkdir()
    os.chmod(out, 0o700)
    with replace_directory(out) as tmp:
        (tmp / "t.csv").write_text("a\n")
    assert (out.stat().st_mode & 0o777) == 0o700
    os.chmod(out, 0o750)
    with replace_directory(out) as tmp:
        (tmp / "t.csv").write_text("b\n")
    assert (out.stat().st_mode & 0o777) == 0o750 and (out / "t.csv").read_text() == "b\n"


def test_a_second_writer_is_told_which_command_holds_the_lock(out, monkeypatch):
    """The roll-up and the diff take the lock too: it said "another recompute ... a different --out directory"."""
    monkeypatch.setattr("sys.argv", ["/venv/bin/exposure", "rollup", "scores.csv", "-o", str(out)])
    with replace_directory(out):
        with pytest.raises(RecomputeLockedError) as caught:
            with replace_directory(out):
                pass
    assert str(caught.value).startswith(f"another run (pid {os.getpid()}: exposure rollup) is writing {out}; ")
    assert str(caught.value).endswith("is held. Wait for it to finish or write to another directory")
    monkeypatch.setattr("sys.argv", ["/site-packages/exposure/cli/__main__.py", "recompute"])
    with replace_directory(out):
        with pytest.raises(RecomputeLockedError, match=rf"\(pid {os.getpid()}: exposure recompute\)"):
            with replace_directory(out):
                pass
