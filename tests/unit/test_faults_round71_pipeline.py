"""Fault round 71, pipeline: stage errors in worker processes, missing pinned files, long report folders, a full stderr.

Faults found (each test below; before -> now):

1. ``exposure.pipeline.StageError`` could not be pickled or copied: ``copy.copy(err)`` and
   ``pickle.loads(pickle.dumps(err))`` raised ``TypeError: StageError.__init__() missing 1
   required positional argument: 'cause'``, so a pipeline run in a
   ``ProcessPoolExecutor`` worker whose stage failed broke the pool
   (``BrokenProcessPool``) instead of giving the caller its error -> rebuilt from its parts
   (``StageError.__reduce__``), the message kept as said (also after ``about``), the stage,
   path and cause with it.
2. A retrieval index or word-vectors file that a model's metadata names, missing beside
   the model (``load_model``), raised a bare ``ExposureError: retrieval index not found:
   m dir/retrieval-v1.npz``, neither ``DataFormatError`` nor ``InputError`` (and so did a
   missing model artifact: ``model artifact not found: PATH``) -> ``DataFormatError``
   naming the file first, as a missing input file is named: ``m dir/retrieval-v1.npz:
   retrieval index not found`` (``exposure._io.read_pinned``).
3. ``exposure._outdir.check_files_dir`` (the report folder of ``exposure compare``,
   ``outcomes``, ``report``, ``validate --report-dir`` and the report writers) of a folder
   whose name, or a parent's still to be made, is longer than its file system allows
   (over 255 bytes) raised pathlib's bare ``OSError: [Errno 36] File name too long`` ->
   ``OutputPathError``: ``output folder name 'xxx...' is 300 bytes long, and the file
   system of DIR allows names of 255 bytes; give the folder a name of at most 255 bytes``.
4. Any command with stderr full (``exposure score missing.csv -o o.csv 2>/dev/full``)
   exited 1, not 2: printing the error line raised ``OSError: [Errno 28] No space left on
   device`` again inside the handler -> what stderr cannot take is dropped
   (``cli._Stderr``); the exit code still tells the failure: 2.
5. ``run_pipeline`` with a table or ``manifest`` entry that no stage produced said it in
   the words of a ``KeyError``, quoted by Python: ``stage 'write' failed (manifest.json):
   "no stage produced 'code'"; ...``, and named no entry of the context that was close (a
   stage returning ``task_digest``) -> ``stage 'write' failed: no stage
   produced 'code' (the manifest.json entry), nor did the context hold it (it holds
   'codes', a close name); ...``.
"""

from __future__ import annotations

import copy
import os
import pickle
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from exposure._outdir import OutputPathError, check_files_dir
from exposure.errors import DataFormatError
from exposure.pipeline import Stage, StageError, run_pipeline
from exposure.schemas._catalog import TABLES
from exposure.scoring.learned import load_model, shipped_model_path


# ------------------------------------------------------------------ 1. StageError pickled
def _fail(path):
    raise DataFormatError("not a number", path=path, row=3, column="beta")


def _run_failing(out):
    """A pipeline whose one stage fails: run in a worker process."""
    run_pipeline([Stage("parse", _fail)], [], out, context={"path": "scores.csv"})


def test_1_stage_error_copies_and_pickles(tmp_path):
    err = StageError("score", DataFormatError("bad code", path="t.csv", row=2), path="t.parquet")
    err = err.about(tmp_path / "new")
    for again in (copy.copy(err), copy.deepcopy(err), pickle.loads(pickle.dumps(err))):
        assert type(again) is StageError and str(again) == str(err)
        assert str(again).endswith(f"nothing was written to {tmp_path / 'new'} (no partial output left)")
        assert (again.stage, again.path) == ("score", "t.parquet")
        assert isinstance(again.cause, DataFormatError) and str(again.cause) == "t.csv, row 2: bad code"


def test_1_stage_error_of_a_worker_reaches_the_caller(tmp_path):
    out = tmp_path / "my out"
    with ProcessPoolExecutor(max_workers=1) as pool:
        with pytest.raises(StageError) as info:
            pool.submit(_run_failing, out).result()
    assert str(info.value) == (f"stage 'parse' failed: scores.csv, row 3, column 'beta': not a number; "
                               f"nothing was written to {out} (no partial output left)")
    assert not out.exists()


# ------------------------------------------------------------------ 2. missing pinned files
@pytest.fixture
def model_folder(tmp_path):
    """The shipped model, its word vectors and registry copied into a folder with a space; no index."""
    folder = tmp_path / "m dir"
    folder.mkdir()
    for name in ("learned-v1.npz", "vectors-v1.npz", "registry.txt"):
        shutil.copyfile(shipped_model_path().with_name(name), folder / name)
    return folder


def test_2_missing_retrieval_index_is_a_data_format_error(model_folder):
    with pytest.raises(DataFormatError) as info:
        load_model(model_folder / "learned-v1.npz", registry=model_folder / "registry.txt")
    assert str(info.value) == (f"{model_folder / 'retrieval-v1.npz'}: retrieval index not found (named in the "
                               f"metadata of the model {model_folder / 'learned-v1.npz'}: copy it with the files "
                               "beside it)")
    assert info.value.path == str(model_folder / "retrieval-v1.npz")


def test_2_missing_word_vectors_is_a_data_format_error(model_folder):
    shutil.copyfile(shipped_model_path().with_name("retrieval-v1.npz"), model_folder / "retrieval-v1.npz")
    (model_folder / "vectors-v1.npz").unlink()
    with pytest.raises(DataFormatError, match=r"^.*/m dir/vectors-v1\.npz: static word vectors not found \(named in the "
                                              r"metadata of the model .*/m dir/learned-v1\.npz"):
        load_model(model_folder / "learned-v1.npz", registry=model_folder / "registry.txt")


def test_2_missing_model_artifact_is_a_data_format_error(model_folder):
    with pytest.raises(DataFormatError, match=r"/m dir/other\.npz: model artifact not found$"):
        load_model(model_folder / "other.npz", registry=model_folder / "registry.txt")


# ------------------------------------------------------------------ 3. long report folders
@pytest.mark.parametrize("parts", [("x" * 300,), ("x" * 300, "reports"), ("é" * 200,)])
def test_3_report_folder_name_too_long(tmp_path, parts):
    out = tmp_path.joinpath(*parts)
    name = parts[0]
    size = len(name.encode())
    limit = os.pathconf(tmp_path, "PC_NAME_MAX")
    with pytest.raises(OutputPathError) as info:
        check_files_dir(out)
    assert str(info.value) == (f"output folder name {name!r} is {size} bytes long, and the file system of "
                               f"{tmp_path} allows names of {limit} bytes; give the folder a name of at most "
                               f"{limit} bytes")
    assert list(tmp_path.iterdir()) == []
    assert check_files_dir(tmp_path / ("x" * limit)) == tmp_path / ("x" * limit)  # at the limit: fine


# ------------------------------------------------------------------ 4. stderr full
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_4_error_with_stderr_full_exits_2(tmp_path):
    pd.DataFrame({"task": ["Weld steel beams."]}).to_csv(tmp_path / "in.csv", index=False)
    with open("/dev/full", "w") as full:
        missing = subprocess.run([sys.executable, "-m", "exposure.cli", "score", "missing.csv", "-o", "o.csv"],
                                 cwd=tmp_path, stderr=full, stdout=subprocess.DEVNULL, check=False)
        usage = subprocess.run([sys.executable, "-m", "exposure.cli", "score", "in.csv", "-o", "o.csv",
                                "--engine", "bogus"], cwd=tmp_path, stderr=full, stdout=subprocess.DEVNULL,
                               check=False)
    assert (missing.returncode, usage.returncode) == (2, 2)
    assert not (tmp_path / "o.csv").exists()


# ------------------------------------------------------------------ 5. an entry no stage produced
def test_5_table_no_stage_produced(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(StageError) as info:
        run_pipeline([Stage("make", lambda: {"task_digest": pd.DataFrame()})], [TABLES["task_digests"]], out)
    assert str(info.value) == (
        "stage 'write' failed: no stage produced 'task_digests' (the table "
        "task_digests.parquet), nor did the context hold it (it holds 'task_digest', a close name); "
        f"nothing was written to {out} (no partial output left)")
    assert not out.exists()


def test_5_manifest_entry_no_stage_produced(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(StageError) as info:
        run_pipeline([], [], out, context={"codes": ["11-1011.00"]}, manifest=["code"])
    assert str(info.value) == (
        "stage 'write' failed: no stage produced 'code' (the manifest.json entry), nor did "
        "the context hold it (it holds 'codes', a close name); "
        f"nothing was written to {out} (no partial output left)")
    with pytest.raises(StageError, match=r": no stage produced 'releases' \(the manifest.json entry\), nor did "
                       r"the context hold it; nothing was written"):
        run_pipeline([], [], out, manifest=["releases"])
