"""Round 77 (modelcli): ``exposure score --model``; a file's missing columns named as a frame's.

1. ``exposure train --labels FILE --out m.npz`` trains a model on one's own labels, and
   ``exposure score`` could not use it: ``exposure score: error: unrecognized arguments:
   --model m.npz`` (exit 2); ``score_file(..., model=...)``: ``TypeError: score_file() got
   an unexpected keyword argument 'model'``. Now ``exposure score IN -o OUT --model m.npz``
   scores with that model (both engines: ``--engine dask`` passes ``model_path=`` and
   ``registry=`` to ``exposure.dask.score_dataset``), verified against the
   ``registry.txt`` that ``exposure train`` writes beside it; the scores are those of
   ``score_tasks(df, model=load_model("m.npz", registry="registry.txt"))``. Refused:
   ``--model is used with --method learned or transformer only (this run: --method
   rubric)`` (also ``reference``); ``--model is empty: give the model's file (exposure
   train --out PATH writes one), or leave --model out for the shipped model``; a model
   copied without the files beside it: ``m.npz: --model: no registry.txt beside it pins
   it, as exposure train --out writes one beside the model it trains (with its word
   vectors and retrieval index): copy the model with the files beside it, or pin it in
   DIR/registry.txt with the line 'm.npz <sha256>'``; a model renamed beside its
   registry: ``--model: the registry.txt beside it does not pin it (...): add the line
   'm2.npz <sha256>' to DIR/registry.txt``. ``score_file(src, dst, "rubric", model=m)``
   is refused before any work, as ``score_tasks`` refuses it.
2. ``exposure score t.csv -o s.csv --occupation-column job`` on a file without ``job``:
   ``t.csv, column 'job': missing occupation column 'job'``, no columns listed, where
   ``score_tasks`` and the missing text column list them. Now ``missing occupation column
   'job' (columns: ['task', 'x'])``.
3. A file whose task texts are under another name than ``task`` (``Task Description``,
   ``Duty``, ``Responsibilities``) was told ``missing text column 'task' (columns: ['id',
   'Task Description'])`` and no more. Now, when one column holds task-like texts (named
   so, or texts of five words or more; titles do not count): ``...; 'Task Description' is
   the file's one column of task-like texts: give --text-column 'Task Description'``; two
   such columns are named without a choice: ``...; the file's columns of task-like texts
   are 'Description' and 'Notes': give the one of the task statements (--text-column
   Description or --text-column Notes)``; a file of ids and job titles gets no advice.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from exposure.cli import main
from exposure.errors import ExposureError
from exposure.scoring import score_tasks
from exposure.scoring._files import score_file
from exposure.scoring.learned import load_model

TASKS = ("task,title\n"
         "Answer customer calls and record their complaints in the log.,Customer Service Representatives\n"
         "Weld steel pipes on site.,Welders\n")


@pytest.fixture(scope="module")
def trained(shared_data, tmp_path_factory):
    """A model trained by ``exposure train --labels`` on 48 rows of the published label file (about 8 s)."""
    root = tmp_path_factory.mktemp("trained")
    rows = (shared_data / "reference/eloundou2023/full_labelset_train.tsv").read_text(encoding="utf-8").splitlines()
    labels = root / "my_labels.tsv"
    labels.write_text("\n".join([rows[0], *rows[300::300]]) + "\n", encoding="utf-8")
    out = root / "model" / "m.npz"
    assert main(["train", "--mirror", str(shared_data), "--labels", str(labels), "--out", str(out),
                 "--folds", "2"]) == 0
    return out


def _tasks(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(TASKS, encoding="utf-8")
    return src


# 1. exposure score --model ------------------------------------------------------------------------

def test_score_uses_a_model_trained_on_own_labels(trained, shared_data, tmp_path, capsys):
    """``train --labels F --out m.npz`` then ``score --model m.npz``: the scores of that model."""
    src = _tasks(tmp_path)
    out, shipped = tmp_path / "out.csv", tmp_path / "shipped.csv"
    assert main(["score", str(src), "-o", str(out), "--mirror", str(shared_data), "--model", str(trained)]) == 0
    assert main(["score", str(src), "-o", str(shipped), "--mirror", str(shared_data)]) == 0
    capsys.readouterr()
    got = pd.read_csv(out)
    model = load_model(trained, registry=trained.parent / "registry.txt")
    want = score_tasks(pd.read_csv(src), model=model)
    pd.testing.assert_series_equal(got["p_e2"], want["p_e2"], check_exact=False, rtol=1e-9)
    assert not got["p_e2"].equals(pd.read_csv(shipped)["p_e2"])  # not the shipped model's scores


def test_score_dask_engine_takes_the_model(trained, shared_data, tmp_path, capsys):
    """``--engine dask --model m.npz`` scores with the model too (``model_path=``, ``registry=``)."""
    pytest.importorskip("distributed")
    src = _tasks(tmp_path)
    (tmp_path / "ds").mkdir()
    pd.read_csv(src).to_parquet(tmp_path / "ds" / "a.parquet")
    stream, out = tmp_path / "stream.csv", tmp_path / "dsout"
    assert main(["score", str(src), "-o", str(stream), "--mirror", str(shared_data), "--model", str(trained)]) == 0
    assert main(["score", str(tmp_path / "ds"), "-o", str(out), "--engine", "dask", "--workers", "1",
                 "--mirror", str(shared_data), "--model", str(trained)]) == 0
    capsys.readouterr()
    got = pd.read_parquet(out)
    pd.testing.assert_series_equal(got["p_e2"], pd.read_csv(stream)["p_e2"], check_exact=False, rtol=1e-9)


@pytest.mark.parametrize("method", ["rubric", "reference", "reference-gpt4"])
def test_score_model_refused_with_a_method_reading_none(tmp_path, capsys, method):
    src = _tasks(tmp_path)
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "--method", method,
                 "--model", str(src)]) == 2
    assert capsys.readouterr().err.strip() == (f"exposure score: error: --model is used with --method learned or "
                                               f"transformer only (this run: --method {method})")
    assert not (tmp_path / "o.csv").exists()


def test_score_model_empty_refused(tmp_path, capsys):
    src = _tasks(tmp_path)
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "--model", ""]) == 2
    assert capsys.readouterr().err.strip() == (
        "exposure score: error: --model is empty: give the model's file (exposure train --out PATH writes one), "
        "or leave --model out for the shipped model")


def test_score_model_without_its_registry_is_told_what_to_do(trained, tmp_path, capsys):
    """A model copied alone, or renamed beside its registry: the command's advice, not ``load_model(...)``."""
    src = _tasks(tmp_path)
    alone = tmp_path / "alone.npz"
    alone.write_bytes(trained.read_bytes())
    digest = hashlib.sha256(alone.read_bytes()).hexdigest()
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "--model", str(alone)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"exposure score: error: {alone}: --model: no registry.txt beside it pins it, as exposure train --out "
        "writes one beside the model it trains (with its word vectors and retrieval index): copy the model "
        f"with the files beside it, or pin it in {tmp_path / 'registry.txt'} with the line 'alone.npz {digest}'")
    renamed = trained.parent / "renamed.npz"
    renamed.write_bytes(trained.read_bytes())
    try:
        assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "--model", str(renamed)]) == 2
    finally:
        renamed.unlink()
    assert capsys.readouterr().err.strip() == (
        f"exposure score: error: {renamed}: --model: the registry.txt beside it does not pin it (a registry "
        "pins each file by its name and sha256: renamed since exposure train wrote it?): add the line "
        f"'renamed.npz {digest}' to {trained.parent / 'registry.txt'}")
    assert not (tmp_path / "o.csv").exists()


def test_score_file_takes_a_model_and_refuses_it_for_rubric(tmp_path):
    """``score_file(..., model=...)`` as ``score_tasks`` takes it; with ``rubric``, refused before any work."""
    src = _tasks(tmp_path)
    model = load_model()
    done = score_file(src, tmp_path / "o.csv", model=model, batch_rows=1)
    assert done.n_tasks == 2
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "o.csv"),
                                  pd.read_csv(score_file(src, tmp_path / "d.csv").path))
    with pytest.raises(ExposureError) as info:
        score_file(src, tmp_path / "r.csv", "rubric", model=model)
    assert str(info.value) == ("model is read by methods 'learned' and 'transformer' only (method 'rubric' "
                               "ignores it): give method='learned', or leave model out")
    assert not (tmp_path / "r.csv").exists()


# 2. a missing occupation column lists the file's columns -----------------------------------------

@pytest.mark.parametrize("batch", ["0", "1"])
def test_missing_occupation_column_lists_the_columns(tmp_path, capsys, batch):
    src = tmp_path / "t.csv"
    src.write_text("task,x\nWeld pipes.,1\n", encoding="utf-8")
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "--occupation-column", "job",
                 "--batch-rows", batch]) == 2
    assert capsys.readouterr().err.strip() == (f"exposure score: error: {src}, column 'job': missing occupation "
                                               "column 'job' (columns: ['task', 'x'])")


# 3. the column of task texts under another name is offered ---------------------------------------

@pytest.mark.parametrize("name", ["Task Description", "Description", "Duty", "Responsibilities"])
def test_text_column_under_another_name_is_offered(tmp_path, capsys, name):
    src = tmp_path / "t.csv"
    src.write_text(f"id,Job Title,{name}\n1,Welders,Weld pipes.\n2,Cashiers,Count the till.\n", encoding="utf-8")
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv")]) == 2
    quoted = f"'{name}'" if " " in name else name
    assert capsys.readouterr().err.strip() == (
        f"exposure score: error: {src}, column 'task': missing text column 'task' (columns: ['id', 'Job Title', "
        f"{name!r}]); {name!r} is the file's one column of task-like texts: give --text-column {quoted}")
    # long texts under a name of no meaning: offered too; long titles alone are not texts
    src.write_text("id,Job Title,text2\n1,Welders,Answer customer calls and record their complaints.\n",
                   encoding="utf-8")
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv")]) == 2
    assert capsys.readouterr().err.strip().endswith(
        "'text2' is the file's one column of task-like texts: give --text-column text2")
    src.write_text("id,Job Title\n1,First-Line Supervisors of Retail Sales Workers\n", encoding="utf-8")
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv")]) == 2
    assert capsys.readouterr().err.strip().endswith("(columns: ['id', 'Job Title'])")


def test_two_text_columns_get_no_single_advice(tmp_path, capsys):
    src = tmp_path / "t.csv"
    src.write_text("id,Description,Notes\n1,Answer customer calls and record complaints.,"
                   "Asked by the manager last spring to do this.\n", encoding="utf-8")
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv")]) == 2
    assert capsys.readouterr().err.strip() == (
        f"exposure score: error: {src}, column 'task': missing text column 'task' (columns: ['id', 'Description', "
        "'Notes']); the file's columns of task-like texts are 'Description' and 'Notes': give the one of the task "
        "statements (--text-column Description or --text-column Notes)")
