"""Round 25: the recompute pipeline's output directory and manifest, and the Dask dataset writer.

1. :func:`exposure.pipeline.run_pipeline` read the previous ``manifest.json`` of ``out``
   (which tables it owns, and whether ``out`` is someone else's) before
   :func:`exposure._outdir.replace_directory` took the lock. A run that finished in
   between was not seen: an ``exposure rollup`` output written there had its
   ``occupation_scores.parquet`` replaced without a word (the refusal of a directory
   without a manifest holding a file named like a table was skipped), and the tables of
   another recompute that the new one does not write were carried over into the new
   output, listed in no manifest. The previous contents are read again under the lock
   now: the rollup output is refused (nothing touched), the other run's tables are
   dropped as its own were.
2. Manifest entries (``run_pipeline(manifest=[...])``) were written as given: a numpy
   integer as the text ``"5"``, a float unrounded (``0.30000000000000004``, though the
   tables' floats are rounded so that runs agree byte for byte), NaN as ``NaN`` (not
   JSON: strict readers refuse the file), and a set as its repr in hash order (a manifest
   that differs between two runs of the same inputs). Now integers are numbers, floats
   are rounded, NaN and infinities are ``null``, sets are sorted lists; a value JSON
   cannot hold (a frame, a path: written as its ``str()``) is refused (stage ``write``),
   naming the entry; nothing is written.
3. A manifest entry named ``format``, ``package`` or ``tables`` replaced the manifest's
   own field: ``package`` made the next run refuse the directory as "a manifest.json that
   exposure recompute did not write", ``tables`` was dropped without a word. Refused now,
   before any stage.
4. Two tables written to one file name (a table listed twice with different contents, or
   a table named ``manifest.json``/``timings.json``): the last one won, or the manifest
   overwrote the table, without a word. Refused now, before any stage.
5. :func:`exposure.dask.score_dataset` into a directory holding Parquet files that are
   not part files of an earlier run (another dataset's ``scores.parquet``,
   ``year=2024/a.parquet``): they were kept beside the new ``part-*.parquet`` files, and
   reading the output as a dataset gave their rows with the scores (or failed on their
   columns). Refused now, before any work, naming the file.
6. A stage of :func:`~exposure.pipeline.run_pipeline` that returned a frame instead of a
   mapping of entries (``return frame`` for ``return {"task_scores": frame}``), a list, a
   string or a number: pandas' ``ValueError: The truth value of a DataFrame is
   ambiguous`` or Python's ``TypeError: cannot convert dictionary update sequence
   element #0 to a sequence``, naming no stage. Now a :class:`StageError` naming the
   stage and what it returned.
7. :func:`exposure.dask.score_dataset` (and :func:`exposure.dask.score`) of a dataset that
   has columns named like score columns (an earlier output scored again with another
   method): the new scores were cast to the input's dtypes of those columns. An earlier
   ``learned`` output's ``nearest_task_id`` (``int64``) rescored with ``rubric`` failed
   in a worker with pandas' ``ValueError: cannot convert NA to integer: Error while type
   casting for column 'nearest_task_id'`` (and a "Compute Failed" traceback); an
   ``alpha`` of text came out as the scores written as text. The score columns are
   replaced with the scorer's dtypes now, as the stream engine replaces them.

Tiny frames and Parquet files written by the tests; no mirror and no network.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from exposure._outdir import OutputPathError
from exposure.errors import DataFormatError
from exposure.pipeline import Stage, StageError, run_pipeline
from exposure.rollup import rollup
from exposure.schemas._catalog import TABLES, Table

DIGESTS = TABLES["task_digests"]
#: A second table of the digests' schema, as a run of another version might write.
OLD_DIGESTS = Table("old_digests", "old_digests.parquet", DIGESTS.model, DIGESTS.keys,
                    "The digests under an older name.")


def _digests(code="11-1011.00"):
    return pd.DataFrame({
        "onetsoc_code": code, "task_id": [2, 1], "task_type": ["Core", None],
        "text_digest": ["0123456789abcdef"] * 2, "dwa_digest": ["e3b0c44298fc1c14"] * 2})


class _InTheWindow(os.PathLike):
    """A path the run reads (``protect``) whose first use runs ``action``.

    :func:`exposure._outdir.replace_directory` looks at its ``protect`` paths before it
    takes the lock: the action runs there, as a concurrent run finishing at that moment.
    """

    def __init__(self, path: Path, action):
        self.path, self.action, self.ran = path, action, False

    def __fspath__(self) -> str:
        if not self.ran:
            self.ran = True
            self.action()
        return str(self.path)


def _rollup_into(out: Path) -> None:
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "label": ["E1"],
                       "alpha": [1.0], "beta": [1.0], "gamma": [1.0]})
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "soc_code": ["11-1011"]})
    emp = pd.DataFrame({"naics": ["000000"], "i_group": ["cross-industry"], "occ_code": "11-1011",
                        "o_group": "detailed", "tot_emp": [100.0]})
    rollup(ts, xw, emp, weights="equal").write(out)


# 1. the previous contents read under the lock ----------------------------------------------

def test_a_rollup_finishing_before_the_lock_is_not_replaced(tmp_path):
    out = tmp_path / "results"
    hook = _InTheWindow(tmp_path / "cache", lambda: _rollup_into(out))

    def make():
        raise AssertionError("no stage may run")

    with pytest.raises(OutputPathError, match="occupation_scores.parquet"):
        run_pipeline([Stage("make", make)], [TABLES["occupation_scores"]], out, protect=[hook])
    assert hook.ran
    # the rollup's set, whole: its tables and coverage.json, no manifest
    assert "coverage.json" in {p.name for p in out.iterdir()}
    assert not (out / "manifest.json").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_tables_of_a_run_finishing_before_the_lock_are_not_carried_over(tmp_path):
    out = tmp_path / "results"

    def other_run():  # another version's recompute: it also writes old_digests.parquet
        run_pipeline([Stage("make", lambda: {"task_digests": _digests(), "old_digests": _digests()})],
                     [DIGESTS, OLD_DIGESTS], out)

    hook = _InTheWindow(tmp_path / "cache", other_run)
    result = run_pipeline([Stage("make", lambda: {"task_digests": _digests("11-1021.00")})], [DIGESTS],
                          out, protect=[hook])
    assert hook.ran
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "task_digests.parquet", "timings.json"]
    assert list(json.loads((out / "manifest.json").read_text())["tables"]) == ["task_digests.parquet"]
    assert result.manifest["tables"]["task_digests.parquet"]["rows"] == 2
    assert pd.read_parquet(out / "task_digests.parquet")["onetsoc_code"].unique().tolist() == ["11-1021.00"]


# 2. manifest entries as plain, deterministic JSON ----------------------------------------------

def _run_with(out, **entries):
    return run_pipeline([Stage("make", lambda: {"task_digests": _digests()})], [DIGESTS], out,
                        context=entries, manifest=list(entries))


def test_manifest_numbers_are_numbers_rounded_like_the_tables(tmp_path):
    _run_with(tmp_path / "out", n=np.int64(5), x=np.float64(0.1) + np.float64(0.2),
              y=np.float32(0.5), shares={"a": 0.1 + 0.2, "b": [np.int32(3)]})
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["n"] == 5
    assert manifest["x"] == 0.3
    assert manifest["y"] == 0.5
    assert manifest["shares"] == {"a": 0.3, "b": [3]}


def test_manifest_nan_is_null_and_valid_json(tmp_path):
    _run_with(tmp_path / "out", share=float("nan"), top=np.inf)
    text = (tmp_path / "out" / "manifest.json").read_text()
    manifest = json.loads(text, parse_constant=lambda c: pytest.fail(f"not JSON: {c}"))
    assert manifest["share"] is None and manifest["top"] is None


def test_manifest_set_is_a_sorted_list(tmp_path):
    _run_with(tmp_path / "out", codes={"52", "11", "23", "31"})
    assert json.loads((tmp_path / "out" / "manifest.json").read_text())["codes"] == ["11", "23", "31", "52"]


@pytest.mark.parametrize("value", [pd.DataFrame({"a": [1]}), Path("/data/raw"), object()])
def test_manifest_value_json_cannot_hold_is_refused(tmp_path, value):
    with pytest.raises(StageError, match="manifest entry 'what'.*manifest.json cannot record"):
        _run_with(tmp_path / "out", what=value)
    assert not (tmp_path / "out").exists()


# 3. manifest entries named like the manifest's own fields -----------------------------------------

@pytest.mark.parametrize("name", ["format", "package", "tables"])
def test_manifest_entry_named_like_a_field_is_refused(tmp_path, name):
    with pytest.raises(DataFormatError, match=f"manifest.*'{name}'"):
        _run_with(tmp_path / "out", **{name: "mine"})
    assert not (tmp_path / "out").exists()


# 4. two tables to one file --------------------------------------------------------------------

def test_two_tables_to_one_file_are_refused(tmp_path):
    other = Table("digests_b", DIGESTS.filename, DIGESTS.model, DIGESTS.keys, "Another set.")

    def make():
        return {"task_digests": _digests(), "digests_b": _digests("11-1021.00")}

    with pytest.raises(DataFormatError, match="task_digests.parquet.*positions 0 and 1"):
        run_pipeline([Stage("make", make)], [DIGESTS, other], tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("filename", ["manifest.json", "timings.json"])
def test_a_table_named_like_the_manifest_is_refused(tmp_path, filename):
    table = Table("task_digests", filename, DIGESTS.model, DIGESTS.keys, "Digests.")
    with pytest.raises(DataFormatError, match=filename):
        run_pipeline([Stage("make", lambda: {"task_digests": _digests()})], [table], tmp_path / "out")
    assert not (tmp_path / "out").exists()


# 5. Dask: Parquet files in the output directory that are no part files ---------------------------

@pytest.mark.parametrize("foreign", ["scores.parquet", "year=2024/a.parquet"])
def test_score_dataset_refuses_foreign_parquet_in_the_output(tmp_path, client, foreign):
    from exposure.dask import score_dataset

    src = tmp_path / "in"
    src.mkdir()
    pd.DataFrame({"task": ["Weld pipes.", "Type letters."]}).to_parquet(src / "a.parquet")
    dst = tmp_path / "out"
    theirs = dst / foreign
    theirs.parent.mkdir(parents=True)
    pd.DataFrame({"x": [1, 2, 3]}).to_parquet(theirs)
    (dst / "README.txt").write_text("mine\n")
    before = theirs.read_bytes()
    with pytest.raises(OutputPathError, match=foreign.replace("=", ".")):
        score_dataset(src, dst, "rubric", client=client, progress=False)
    assert theirs.read_bytes() == before
    assert sorted(p.name for p in dst.iterdir()) == sorted(["README.txt", foreign.split("/")[0]])


def test_score_dataset_still_replaces_its_own_parts_and_keeps_other_files(tmp_path, client):
    from exposure.dask import score_dataset

    src = tmp_path / "in"
    src.mkdir()
    pd.DataFrame({"task": ["Weld pipes."]}).to_parquet(src / "a.parquet")
    pd.DataFrame({"task": ["Type letters."]}).to_parquet(src / "b.parquet")
    dst = tmp_path / "out"
    assert score_dataset(src, dst, "rubric", client=client, progress=False).n_partitions == 2
    (dst / "README.txt").write_text("mine\n")
    (dst / "_SUCCESS").write_text("")
    (src / "b.parquet").unlink()
    assert score_dataset(src, dst, "rubric", client=client, progress=False).n_partitions == 1
    assert sorted(p.name for p in dst.iterdir()) == ["README.txt", "_SUCCESS", "part-00000.parquet"]


# 6. a stage that returns no mapping ---------------------------------------------------------------

@pytest.mark.parametrize("returned", [_digests(), [1, 2], "ab", 5, pd.Series([1])],
                         ids=["frame", "list", "str", "int", "series"])
def test_a_stage_returning_no_mapping_is_a_stage_error(tmp_path, returned):
    def make():
        return returned

    with pytest.raises(StageError, match=r"stage 'make' failed: returned .*not a mapping of context entry"):
        run_pipeline([Stage("make", make)], [DIGESTS], tmp_path / "out")
    assert not (tmp_path / "out").exists()


# 7. Dask: an earlier output scored again ------------------------------------------------------------

def test_score_dataset_of_an_earlier_output_takes_the_new_scores_dtypes(tmp_path, client):
    from exposure.dask import score_dataset

    src = tmp_path / "in"
    src.mkdir()
    # an earlier output's columns: a task id of every row, a text alpha of a user's own
    pd.DataFrame({"task": ["Weld pipes.", "Type letters."], "alpha": ["high", "low"],
                  "nearest_task_id": [5, 6]}).to_parquet(src / "a.parquet")
    done = score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False)
    assert done.n_tasks == 2
    out = pd.read_parquet(tmp_path / "out")
    assert pd.api.types.is_float_dtype(out["alpha"]) and out["alpha"].between(0, 1).all()
    assert out["nearest_task_id"].isna().all()  # rubric names no nearest task
