"""Round 62 (signals): a signal just after a partial file is made leaves nothing behind.

``exposure score`` sent SIGHUP (or SIGTERM) just as its output was begun sometimes exited
129 (143) with its partial file ``.o.csv.p...tmp`` left beside the output: about 1 run in
20 of ``test_faults_cli::test_a_signal_during_score_removes_the_partial_output`` on a
loaded machine. The handler of :func:`exposure._outdir.terminate_cleanly` raises, and it
ran between ``tempfile.mkstemp`` making the file and the ``try`` of
:func:`exposure._io.atomic_path` (:func:`~exposure._io.atomic_paths`) that removes it. Now
the three signals are held back while the file is made (:func:`exposure._io.signals_held`)
and delivered inside that ``try``. The tests send the signal from inside ``mkstemp``,
right after the file is made: before, the file stayed every time.
"""

from __future__ import annotations

import os
import signal
import tempfile

import pytest

from exposure import _io
from exposure._outdir import Terminated, terminate_cleanly


@pytest.fixture
def signal_after_mkstemp(monkeypatch):
    """``tempfile.mkstemp`` that sends this process a signal once the file is made."""
    made = []

    def mkstemp(*args, sig=signal.SIGTERM, **kwargs):
        fd, name = real(*args, **kwargs)
        made.append(name)
        os.kill(os.getpid(), sig)
        return fd, name

    real = tempfile.mkstemp
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    return made


@pytest.mark.parametrize("writer", ["atomic_path", "atomic_paths"])
def test_sigterm_as_the_partial_file_is_made_leaves_nothing(tmp_path, signal_after_mkstemp, writer):
    out = tmp_path / "o.csv"
    out.write_text("old\n")
    with pytest.raises(Terminated), terminate_cleanly():
        if writer == "atomic_path":
            with _io.atomic_path(out) as tmp:
                tmp.write_text("new\n")
        else:
            with _io.atomic_paths([out, tmp_path / "p.csv"]) as tmps:
                for tmp in tmps:
                    tmp.write_text("new\n")
    assert signal_after_mkstemp  # the signal came after a file was made
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o.csv"]  # before: .o.csv.p...tmp too
    assert out.read_text() == "old\n"


def test_ctrl_c_as_the_partial_file_is_made_leaves_nothing(tmp_path, monkeypatch, ctrl_c):
    real = tempfile.mkstemp

    def mkstemp(*args, **kwargs):
        made = real(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)
        return made

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    with pytest.raises(KeyboardInterrupt):
        with _io.atomic_path(tmp_path / "o.csv") as tmp:
            tmp.write_text("new\n")
    assert list(tmp_path.iterdir()) == []


def test_a_signal_held_is_raised_again_at_the_end_of_the_block():
    got = []
    before = signal.signal(signal.SIGTERM, lambda signum, frame: got.append(signum))
    try:
        with _io.signals_held():
            os.kill(os.getpid(), signal.SIGTERM)
            assert got == []
        assert got == [signal.SIGTERM]
        assert signal.getsignal(signal.SIGTERM) is not None and got == [signal.SIGTERM]
    finally:
        signal.signal(signal.SIGTERM, before)
