"""Fixtures shared by the unit tests (those of the whole suite are in ``tests/conftest.py``)."""

from __future__ import annotations

import signal

import pytest
from _frames import tiny_digests

from exposure import pipeline
from exposure.pipeline import Stage
from exposure.schemas._catalog import TABLES


@pytest.fixture
def client():
    """A threads-only Dask client (one worker, one thread), closed after the test.

    One left open made Dask shuffle by P2P in the synchronous tests that followed it
    (fault round 36). Tests that need two threads define their own.
    """
    distributed = pytest.importorskip("distributed")
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=1,
                            dashboard_address=":0") as c:
        yield c


@pytest.fixture
def tiny_recipe(monkeypatch):
    """The recipe of recompute replaced by one tiny stage and table (the output machinery is the subject)."""
    monkeypatch.setattr(pipeline, "RECOMPUTE_STAGES", (Stage("make", tiny_digests),))
    monkeypatch.setattr(pipeline, "RECOMPUTE_TABLES", (TABLES["task_digests"],))
    monkeypatch.setattr(pipeline, "RECOMPUTE_MANIFEST", ("releases",))


@pytest.fixture
def ctrl_c():
    """Python's own Ctrl-C handler on SIGINT for the test, as in a terminal, put back after.

    A shell's background job (``.ci/run &``) starts with SIGINT ignored, and Python then
    installs no handler of its own: the tests of what Ctrl-C does would test nothing.
    """
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)
