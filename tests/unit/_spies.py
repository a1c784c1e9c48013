"""Record (never replace) calls of the operating system that a test must see made."""

from __future__ import annotations

import os
import stat


def record_fsync(monkeypatch) -> list:
    """Record the calls of os.fsync (what each flushed fd is) and os.replace, then make them."""
    events = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        st = os.fstat(fd)
        events.append(("fsync", "dir" if stat.S_ISDIR(st.st_mode) else "file", st.st_ino))
        return real_fsync(fd)

    def replace(src, dst, *args, **kwargs):
        events.append(("replace", os.fspath(dst)))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    return events


def assert_flushed(events, path) -> None:
    """``path`` was flushed before its rename, and its directory after."""
    renamed = events.index(("replace", str(path)))
    assert ("fsync", "file", path.stat().st_ino) in events[:renamed]
    assert ("fsync", "dir", path.parent.stat().st_ino) in events[renamed + 1:]
