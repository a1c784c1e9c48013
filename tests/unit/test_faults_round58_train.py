"""Round 58: retraining the learned scorer (``exposure train``, ``train_and_save``, ``train_learned``).

Faults found and fixed (each test below failed before its fix):

1. **Word vectors beside the artifact that no registry pins were replaced.** ``train_and_save``
   (``exposure train --out models/m.npz``) into a folder holding its own ``vectors-v1.npz``
   (distilled elsewhere, copied there) but no ``registry.txt`` trained on the *shipped*
   vectors and wrote them over that file, without a word; a ``registry.txt`` pinning a
   ``vectors-v1.npz`` that was no longer there likewise trained on the shipped vectors and
   re-pinned them. Now both are refused before the vectors are read, naming the file (a
   copy of the shipped vectors, or a pin of them, is accepted as before).
2. **Arguments of the training functions were not checked.** ``train_and_save(5, ...)``
   raised pathlib's ``TypeError``; ``onet="29.1"`` (``train_and_save``, ``train_learned``)
   ``AttributeError: 'str' object has no attribute 'task_dwas'``; ``n_folds="2"`` said
   ``cannot deal 8 occupation groups into 2 folds: the folds must number from 2 to 8``;
   ``distill="no"`` was read as True (the distillation ran, or failed asking for an O*NET
   release); ``model_dir`` without ``distill`` was ignored; ``cross_validate(...,
   shuffle_labels="no")`` ran the shuffled-label control, its figures returned as the
   model's. Now refused with the library's messages (``exposure._args``, ``check_onet``),
   before anything is read or written, as ``evaluate_method`` refuses them (round 18).
3. **A labels frame given to ``train_learned`` was not checked on its keys.** A task listed
   twice (under two labels) was trained on twice, a missing O*NET-SOC code became an
   occupation ``'nan'`` and a padded code (``' 11-1000.00'``) an occupation ``' 11-100'``
   of its own (in the folds, the retrieval exclusion and the weights), all silently; a
   missing task ID raised ``ValueError: cannot convert float NaN to integer``, a task ID
   ``'0.0'`` ``ValueError: invalid literal for int()``, a missing ``task_type`` column
   ``KeyError``, a title column given twice ``AttributeError: 'DataFrame' object has no
   attribute 'tolist'``. Now refused naming the row and column
   (``exposure.measures.eloundou.check_task_labels``, as the label file's reader refuses
   them), and ``'0.0'`` is read as 0. (``training_frame`` itself still takes made-up keys:
   the rubric's report groups them.)
4. **``train_and_save(out=...)`` replaced another kind of artifact.** ``exposure train --out
   models/transformer-v1.npz`` in a folder holding the fine-tuned transformer (pinned
   there, as the package pins it) wrote the learned model over it and re-pinned it:
   ``load_transformer`` then said ``the transformer artifact's metadata lacks 'base_sha256'``
   and the fine-tuned layers were lost. Now refused before the labels are read.
5. **``modern_training_rows(path)`` of a CSV with an unquoted comma in a task** took the
   text before the comma as the index (pandas' guess): a one-row file was read as the task
   ``' emails.'``, silently; with more rows, the error named the row below and the wrong
   column (``row 3, column 'label': ... got ''``). Now ``m.csv, row 2: too many fields:
   expected 2, got 3 (an unquoted comma inside a field?)`` (``exposure._tables.check_field_counts``).

Fixtures: made-up labels and a made-up O*NET release written by the tests
(``test_scoring_train``'s helpers), a made-up transformer artifact and made-up vectors.
"""

from __future__ import annotations

import hashlib
import shutil

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("sklearn")

from test_faults_cli import cli, one_error_line  # noqa: E402
from test_scoring_train import labels_file, synthetic_labels, synthetic_onet  # noqa: E402

from exposure.errors import DataFormatError, ExposureError, OutputError  # noqa: E402
from exposure.scoring._embed import VECTORS_NAME, StaticVectors, quantise, save_vectors  # noqa: E402
from exposure.scoring._train import (  # noqa: E402
    TrainConfig,
    cross_validate,
    modern_training_rows,
    train_and_save,
    train_learned,
    training_frame,
)
from exposure.scoring.learned import read_registry, shipped_model_path  # noqa: E402
from exposure.scoring.transformer import TransformerModel, save_transformer  # noqa: E402

#: One set of words: no index, no vectors (fast).
WORDS_ONLY = TrainConfig(sets={"text": ["word", "title", "major"]}, C={"text": 2.0}, word_min_df=1,
                         modern=False)


@pytest.fixture
def labels():
    return synthetic_labels(n_occ=8, n_tasks=10)


@pytest.fixture
def label_path(labels, tmp_path):
    return labels_file(labels, tmp_path / "labels.tsv")


def _listing(folder):
    return sorted(p.name for p in folder.iterdir())


# --- 1. vectors beside the artifact that no registry pins -------------------------------

def _own_vectors(path):
    """Made-up word vectors (16 dimensions), not the shipped ones."""
    rng = np.random.default_rng(0)
    words = ["draft", "weld", "invoice", "reports"]
    return save_vectors(StaticVectors(words, *quantise(rng.normal(size=(4, 16))), {"model": "mine"}), path)


def test_unpinned_vectors_without_a_registry_are_refused_not_replaced(labels, label_path, tmp_path):
    models = tmp_path / "models"
    models.mkdir()
    mine = _own_vectors(models / VECTORS_NAME).read_bytes()
    with pytest.raises(DataFormatError) as caught:
        train_and_save(label_path, synthetic_onet(labels), models / "m.npz", n_folds=2)
    message = str(caught.value)
    assert message.startswith(f"{models / VECTORS_NAME}: not pinned (no registry.txt beside it)"), message
    assert "training would write the shipped vectors over it" in message
    assert _listing(models) == [VECTORS_NAME]
    assert (models / VECTORS_NAME).read_bytes() == mine
    # a copy of the shipped vectors is what training would use and write: accepted as before
    shutil.copyfile(shipped_model_path().parent / VECTORS_NAME, models / VECTORS_NAME)
    train_and_save(label_path, synthetic_onet(labels), models / "m.npz", n_folds=2)
    assert read_registry(models / "registry.txt")[VECTORS_NAME] == read_registry()[VECTORS_NAME]




def test_a_registry_pinning_vectors_that_are_gone_is_refused(labels, label_path, tmp_path):
    models = tmp_path / "models"
    models.mkdir()
    registry = f"{VECTORS_NAME} {'ab' * 32}\n"
    (models / "registry.txt").write_text(registry)
    with pytest.raises(DataFormatError, match=r"registry\.txt: pins vectors-v1\.npz \(sha256 abab"):
        train_and_save(label_path, synthetic_onet(labels), models / "m.npz", n_folds=2)
    assert _listing(models) == ["registry.txt"] and (models / "registry.txt").read_text() == registry


# --- 2. arguments of the training functions ---------------------------------------------

@pytest.mark.parametrize("change, message", [
    ({"labels_path": 5}, r"^labels_path must be a label file \(str or os\.PathLike\), got int 5$"),
    ({"onet": "29.1"}, r"^onet must be an O\*NET release, e\.g\. exposure\.load_onet\('29\.1'\) \(or None\), "
                       r"got str '29\.1'$"),
    ({"n_folds": "2"}, r"^n_folds must be a whole number of 2 or more, got str '2'$"),
    ({"distill": "no"}, r"^distill must be True or False, got str 'no'$"),
    ({"model_dir": "minilm"}, r"^model_dir is read with distill=True only"),
])
def test_train_and_save_checks_its_arguments_before_any_work(label_path, tmp_path, change, message):
    args = {"labels_path": label_path, "onet": None, "out": tmp_path / "models" / "m.npz", **change}
    with pytest.raises(ExposureError, match=message):
        train_and_save(args.pop("labels_path"), args.pop("onet"), args.pop("out"), **args)
    assert not (tmp_path / "models").exists()


def test_train_learned_refuses_a_release_name(labels):
    with pytest.raises(DataFormatError, match=r"^onet must be an O\*NET release, .* got str '29\.1'$"):
        train_learned(labels, "29.1", config=WORDS_ONLY, n_folds=2)
    with pytest.raises(DataFormatError, match=r"^n_folds must be a whole number of 2 or more, got str '2'$"):
        train_learned(labels, None, config=WORDS_ONLY, n_folds="2")


def test_cross_validate_refuses_a_control_flag_that_is_not_a_bool(labels):
    rows = training_frame(labels)
    with pytest.raises(DataFormatError, match=r"^shuffle_labels must be True or False, got str 'no'$"):
        cross_validate(rows, WORDS_ONLY, n_folds=2, shuffle_labels="no")


# --- 3. a labels frame's keys -------------------------------------------------------------

def _with(frame, row, column, value):
    frame = frame.copy()
    frame[column] = frame[column].astype(object)
    frame.loc[row, column] = value
    return frame


@pytest.mark.parametrize("make, message", [
    (lambda f: pd.concat([f, f.iloc[[0]].assign(human_exposure_agg="E2")], ignore_index=True),
     r"^labels, row 81, column 'task_id': task key \(11-1000\.00, 0\) is given twice \(rows 1 and 81\)$"),
    (lambda f: _with(f, 3, "onetsoc_code", None), r"^labels, row 4, column 'onetsoc_code': O\*NET-SOC code missing$"),
    (lambda f: _with(f, 3, "onetsoc_code", " 11-1000.00"),
     r"^labels, row 4, column 'onetsoc_code': O\*NET-SOC code ' 11-1000\.00' is not of the form 00-0000\.00"),
    (lambda f: _with(f, 3, "task_id", np.nan), r"^labels, row 4, column 'task_id': task ID missing$"),
    (lambda f: f.drop(columns="task_type"), r"^labels lacks column\(s\) \['task_type'\] \(columns: "),
    (lambda f: pd.concat([f, f[["title"]]], axis=1), r"^labels, column 'title': given more than once: keep one$"),  # (round 75)
])
def test_train_learned_refuses_a_labels_frame_with_bad_keys(labels, make, message):
    with pytest.raises(DataFormatError, match=message):
        train_learned(make(labels), synthetic_onet(labels), config=WORDS_ONLY, n_folds=2)


def test_train_learned_reads_task_ids_written_as_text_with_a_fraction(labels):
    frame = labels.assign(task_id=labels["task_id"].astype(float).astype(str))  # '0.0', as a CSV of floats
    model, _ = train_learned(frame, synthetic_onet(labels), config=WORDS_ONLY, n_folds=2)
    assert model.metadata["n_train"] == 80


# --- 4. another kind of artifact under the artifact's name ---------------------------------

def _transformer(path):
    """A made-up transformer artifact (a head on the 384 values of the encoder, no check text)."""
    model = TransformerModel({"head.weight": np.zeros((3, 384), np.float32), "head.bias": np.zeros(3, np.float32)},
                             {"base_sha256": "0" * 64, "temperature": 1.0, "check_texts": [], "check_logits": []})
    return save_transformer(model, path)


def test_train_and_save_refuses_to_replace_a_transformer_artifact(label_path, labels, tmp_path):
    models = tmp_path / "models"
    models.mkdir()
    before = _transformer(models / "transformer-v1.npz").read_bytes()
    registry = f"transformer-v1.npz {hashlib.sha256(before).hexdigest()}\n"
    (models / "registry.txt").write_text(registry)
    with pytest.raises(OutputError, match=r"transformer-v1\.npz: cannot write: it is a transformer artifact "
                                          r"\(method 'transformer'\), not a learned model"):
        train_and_save(label_path, synthetic_onet(labels), models / "transformer-v1.npz", n_folds=2)
    assert _listing(models) == ["registry.txt", "transformer-v1.npz"]
    assert (models / "transformer-v1.npz").read_bytes() == before
    assert (models / "registry.txt").read_text() == registry


def test_exposure_train_refuses_to_replace_a_transformer_artifact(tmp_path, capsys):
    models = tmp_path / "models"
    models.mkdir()
    before = _transformer(models / "t.npz").read_bytes()
    (tmp_path / "mirror").mkdir()  # refused before the labels are looked for
    code, _, err = cli(capsys, "train", "--mirror", tmp_path / "mirror", "--out", models / "t.npz")
    line = one_error_line(err, command="train")
    assert code == 2 and "t.npz: cannot write: it is a transformer artifact" in line, line
    assert _listing(models) == ["t.npz"] and (models / "t.npz").read_bytes() == before


# --- 5. modern training rows with an unquoted comma ------------------------------------------

@pytest.mark.parametrize("text", [
    "task,label\nDraft replies, emails.,E1\n",
    "task,label\nDraft replies, emails.,E1\nWeld pipes.,E0\n",
    "task,label,set\nDraft replies, emails.,E1,a\nWeld pipes.,E0,a\n",
])
def test_modern_rows_with_an_unquoted_comma_are_refused_on_their_row(tmp_path, text):
    path = tmp_path / "m.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"m\.csv, row 2: too many fields: expected \d, got \d "
                                              r"\(an unquoted comma inside a field\?\)"):
        modern_training_rows(path)
    # quoted, the comma is part of the task (Excel's CSV UTF-8: a BOM and CRLF line ends)
    path.write_text('\ufefftask,label\r\n"Draft replies, emails.",E1\r\n', encoding="utf-8")
    assert modern_training_rows(path)[["task", "label", "y"]].to_dict("list") == {
        "task": ["Draft replies, emails."], "label": ["E1"], "y": [1]}



def test_a_registry_saved_with_a_byte_order_mark_is_read(tmp_path):
    """A registry.txt edited in Notepad (UTF-8 with a BOM) was refused: ``row 1: expected 'filename sha256'``."""
    from exposure.scoring.learned import read_registry

    p = tmp_path / "registry.txt"
    p.write_bytes(("\ufeff# pinned\nlearned-v1.npz " + "a" * 64 + "\r\n").encode("utf-8"))
    assert read_registry(p) == {"learned-v1.npz": "a" * 64}
