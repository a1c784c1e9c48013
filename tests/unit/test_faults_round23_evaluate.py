"""Round 23: ``exposure evaluate`` and ``exposure train`` (the learned model's agreement and training).

1. ``exposure evaluate --method rubric`` (or ``reference``) with ``--folds`` or ``--seed``:
   taken and ignored without a word (neither method has a cross-validation; the report
   was written, exit 0). Refused now, after the other argument and output checks.
2. ``exposure evaluate --modern m.csv --out DIR/freetext_modern.csv`` (or ``--paraphrases``
   with ``--out DIR/freetext_paraphrases.csv``): the agreement report and the table written
   beside it under the same name; one of them was lost after the minutes of CV, and the
   command listed the file twice in ``written:``. Refused before any work; and
   ``write_agreement_report`` refuses a ``beside`` name that is the report's own.
3. A modern-task file whose category column is named in another case or spacing
   (``Admin``, ``routine coding``, ``Entry-Creative``): the column was not read, and the
   report had no row for that category, without a word. Refused, naming the column.
4. ``exposure train --out models/b.npz`` (``train_and_save``) into a directory that
   holds another learned model pinned in its ``registry.txt``: the retrieval index (and
   the vectors) beside it have fixed names, so the other model's index was replaced and
   re-pinned, and that model then scored with the new one without a word. Refused before
   any work, as is a ``registry.txt`` there that is not a registry (it was extended, and
   the model written beside it could not be loaded).
5. A label file with one class only: scikit-learn's ``ValueError: This solver needs
   samples of at least 2 classes``; two classes only: ``training rows must contain all
   three classes E0, E1, E2`` naming no file. Refused before the vectors, naming the file
   and the column.
6. Labels whose E2 tasks all sit in the occupations of one fold: refused only when that
   fold was fitted (after the folds before it), naming nothing. Refused before any fit,
   naming the fold, the occupations and the class.
7. ``exposure train --onet ''``: read as no release; after the labels and the vectors,
   ``the grounded feature block needs an O*NET release to build its index``. Refused at
   once.
8. A ``vectors-v1.npz`` beside the artifact and a ``registry.txt`` that does not pin it:
   ``static word vectors 'vectors-v1.npz' is not listed in the model registry``, naming no
   registry. The registry is named now.
9. ``training_frame`` / ``train_learned`` given labels with a label missing or outside
   E0/E1/E2: ``labels column 'human_exposure_agg' has values outside ('E0', 'E1', 'E2')``,
   naming no row. The row and the column are named now.

Tiny made-up files in the real formats (the Eloundou et al. label file, the free-text
files of ``tests/data/scoring/freetext``), written by the tests.
"""

from __future__ import annotations

import json
import shutil
import zipfile

import numpy as np
import pandas as pd
import pytest
from _frames import write_text

from exposure.errors import DataFormatError, ExposureError, OutputError
from exposure.reports.agreement import check_modern_tasks, write_agreement_report
from exposure.scoring.learned import shipped_model_path

pytest.importorskip("sklearn")

from test_faults_cli import cli_lines as cli  # noqa: E402

from exposure.scoring._train import (  # noqa: E402
    TrainConfig,
    check_train_output,
    fit_model,
    train_and_save,
    train_learned,
    training_frame,
)

HEADER = ("\tO*NET-SOC Code\tTask ID\tTask\tTask Type\tTitle\thuman_exposure_agg\tgpt4_exposure\t"
          "gpt4_exposure_alt_rubric\tgpt_3_relevant\tgpt4_automation\n")
WORDS = {"E0": "Weld and cut steel beams", "E1": "Draft and edit written reports",
         "E2": "Analyze spreadsheet data"}


def label_rows(labels_by_occupation) -> list[dict]:
    """Tasks of made-up occupations: {code: [label, ...]} -> one task per label."""
    rows = []
    for o, (code, labels) in enumerate(labels_by_occupation.items()):
        for t, label in enumerate(labels):
            rows.append({"code": code, "task_id": 100 * o + t, "task": f"{WORDS[label]} for site {o} {t}.",
                         "title": f"Occupation {o}", "label": label})
    return rows


def labels_file(tmp_path, labels_by_occupation, name="labels.tsv"):
    """The published label file (``full_labelset_train.tsv``): unnamed index, ``Task ID`` as 8823.0."""
    lines = [HEADER]
    for i, r in enumerate(label_rows(labels_by_occupation)):
        lines.append(f"{i}\t{r['code']}\t{r['task_id']}.0\t{r['task']}\tCore\t{r['title']}\t{r['label']}\t"
                     f"{r['label']}\t{r['label']}\tFalse\tT1\n")
    return write_text(tmp_path, name, "".join(lines))


MIXED = ["E0", "E1", "E2", "E1"]
CODES = ["11-1011.00", "13-1041.00", "15-1252.00", "43-9061.00"]


def _evaluate(tmp_path, *args):
    """``exposure evaluate`` on an empty mirror: reading the labels fails with 'not found'.

    A check that came after the labels would show that message instead.
    """
    (tmp_path / "mirror").mkdir(exist_ok=True)
    return ["evaluate", "--mirror", tmp_path / "mirror", "--data-dir", tmp_path / "cache", *args]


# ---------------------------------------------------------------------------------------
# 1. --folds / --seed with a method that has no cross-validation
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["rubric", "reference"])
@pytest.mark.parametrize("options, named, verb", [
    (["--folds", "3"], "--folds", "is"),
    (["--seed", "7"], "--seed", "is"),
    (["--folds", "5", "--seed", "0"], "--folds and --seed", "are"),  # the defaults, given: still refused
])
def test_evaluate_folds_or_seed_with_a_method_without_cv_is_refused(tmp_path, capsys, method, options, named,
                                                                   verb):
    code, err = cli(capsys, *_evaluate(tmp_path, "--method", method, *options, "--out", tmp_path / "a.csv"))
    assert code == 2
    assert err == [f"exposure evaluate: error: {named} {verb} for --method learned only (its "
                   f"cross-validation): {method} is scored on every row without training; run it without {named}"]
    assert not (tmp_path / "cache").exists() and not (tmp_path / "a.csv").exists()


@pytest.mark.parametrize("method", ["rubric", "reference"])
def test_report_agreement_folds_or_seed_with_a_method_without_cv_is_refused(tmp_path, capsys, method):
    """``exposure report agreement`` took them and ignored them too (the same options, one check)."""
    (tmp_path / "mirror").mkdir()
    code, err = cli(capsys, "report", "agreement", "--mirror", tmp_path / "mirror", "--data-dir",
                    tmp_path / "cache", "--method", method, "--folds", "3", "--out-dir", tmp_path / "r")
    assert code == 2
    assert err == [f"exposure report agreement: error: --folds is for --method learned only (its cross-validation): "
                   f"{method} is scored on every row without training; run it without --folds"]
    assert not (tmp_path / "cache").exists() and not (tmp_path / "r").exists()
    code, err = cli(capsys, "report", "agreement", "--mirror", tmp_path / "mirror", "--data-dir",
                    tmp_path / "cache", "--method", method, "--out-dir", tmp_path / "r")
    assert code == 2 and "full_labelset_train.tsv" in err[0]  # not given: on to the labels


def test_evaluate_without_folds_or_seed_goes_on_to_the_labels(tmp_path, capsys):
    """Not given, --folds and --seed are 5 and 0, for every method (the error is the empty mirror's)."""
    for method in ("reference", "rubric", "learned"):
        code, err = cli(capsys, *_evaluate(tmp_path, "--method", method, "--out", tmp_path / "a.csv"))
        assert code == 2 and len(err) == 1
        assert "full_labelset_train.tsv" in err[0] and "learned only" not in err[0], err
    code, err = cli(capsys, *_evaluate(tmp_path, "--folds", "3", "--seed", "2", "--out", tmp_path / "a.csv"))
    assert code == 2 and "full_labelset_train.tsv" in err[0], err


# ---------------------------------------------------------------------------------------
# 2. --out named as a table written beside it
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("option, name, text, table", [
    ("--modern", "freetext_modern.csv", "task,label,exposed\nDraft emails.,E1,true\n", "modern-task"),
    ("--paraphrases", "freetext_paraphrases.csv",
     "onetsoc_code,task_id,paraphrase\n11-1011.00,8823,Run the budget.\n", "paraphrase"),
])
def test_evaluate_out_named_as_a_table_beside_it_is_refused(tmp_path, capsys, option, name, text, table):
    given = write_text(tmp_path, "in.csv", text)
    out = tmp_path / "r" / name
    code, err = cli(capsys, *_evaluate(tmp_path, option, given, "--out", out))
    assert code == 2
    assert err == [f"exposure evaluate: error: --out {out}: the {table} table is written beside --out under "
                   f"that name: give --out another name, e.g. {out.with_name('freetext_agreement.csv')}"]
    assert not (tmp_path / "cache").exists() and not (tmp_path / "r").exists()


def test_write_agreement_report_refuses_a_table_beside_named_as_the_report(tmp_path):
    table = pd.DataFrame({"scorer": ["x"], "kappa": [0.5]})
    modern = pd.DataFrame({"measure": ["exposed vs not"], "share_right": [0.9]})
    out = tmp_path / "freetext_modern.csv"
    with pytest.raises(OutputError, match="'freetext_modern.csv' given in beside would be written over the report"):
        write_agreement_report(table, table, out, beside={"freetext_modern.csv": modern})
    with pytest.raises(OutputError, match="would be written over its calibration"):
        write_agreement_report(table, table, tmp_path / "a.csv", beside={"a_calibration.csv": modern})
    assert list(tmp_path.iterdir()) == []
    written = write_agreement_report(table, table, tmp_path / "a.csv", beside={"freetext_modern.csv": modern})
    assert [p.name for p in written] == ["a.csv", "a_calibration.csv", "freetext_modern.csv"]


# ---------------------------------------------------------------------------------------
# 3. a modern-task column named in another case or spacing
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("column, want", [("Admin", "admin"), ("routine coding", "routine_coding"),
                                          ("Entry-Creative", "entry_creative"), ("Label", "label")])
def test_modern_column_in_another_case_or_spacing_is_refused(tmp_path, column, want):
    header = "task,label,exposed,domain,note".replace("label", column) if want == "label" else (
        f"task,label,exposed,{column},domain,note")
    row = "Triage support tickets.,E1,true,true,support,x" if want != "label" else (
        "Triage support tickets.,E1,true,support,x")
    path = write_text(tmp_path, "m.csv", f"{header}\n{row}\n")
    with pytest.raises(DataFormatError) as info:
        check_modern_tasks(pd.read_csv(path, dtype=str), path=path, row_offset=2)
    assert str(info.value) == (
        f"{path}, row 1, column '{column}': modern tasks: column '{column}' is read as '{want}' only when "
        "named so (the names are task, label, exposed, admin, routine_coding, entry_creative): rename it "
        f"{want}")


def test_modern_other_columns_are_still_not_read(tmp_path):
    """``domain`` and ``note`` (as in modern_tasks_v10.csv) are left alone; ``admin`` is read."""
    frame = pd.DataFrame({"task": ["Triage support tickets."], "label": ["E1"], "exposed": ["true"],
                          "admin": ["True"], "domain": ["support"], "note": ["Admin work"]})
    out = check_modern_tasks(frame)
    assert out["admin"].tolist() == [True] and out["note"].tolist() == ["Admin work"]


# ---------------------------------------------------------------------------------------
# 4. training into a directory that holds another learned model
# ---------------------------------------------------------------------------------------
def other_model(models, name="a.npz"):
    """A learned-model artifact as the package writes them (a zip of .npy and metadata.json), pinned."""
    models.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(models / name, "w") as archive:
        archive.writestr("metadata.json", json.dumps({"index": "retrieval-v1.npz", "vectors": "vectors-v1.npz",
                                                      "version": "v1"}))
    (models / "registry.txt").write_text("# Pinned sha256 of the shipped model artifacts\n"
                                         f"{name} {'a' * 64}\nretrieval-v1.npz {'b' * 64}\n")
    (models / "retrieval-v1.npz").write_bytes(b"a's index")


def test_train_into_the_directory_of_another_learned_model_is_refused(tmp_path):
    models = tmp_path / "models"
    other_model(models)
    with pytest.raises(OutputError) as info:
        train_and_save(tmp_path / "no-labels.tsv", None, models / "b.npz")  # refused before the labels
    assert str(info.value) == (
        f"{models / 'b.npz'}: cannot write: {models} already holds the learned model a.npz (pinned in "
        "registry.txt), which reads retrieval-v1.npz and vectors-v1.npz beside it: training b.npz there would "
        "replace them, and a.npz would then score with b.npz's without a word; write b.npz to a directory of "
        "its own, or retrain a.npz itself")
    assert (models / "retrieval-v1.npz").read_bytes() == b"a's index"
    assert sorted(p.name for p in models.iterdir()) == ["a.npz", "registry.txt", "retrieval-v1.npz"]


def test_train_cli_into_the_directory_of_another_learned_model_is_refused(tmp_path, capsys):
    models = tmp_path / "models"
    other_model(models)
    (tmp_path / "mirror").mkdir()
    code, err = cli(capsys, "train", "--mirror", tmp_path / "mirror", "--data-dir", tmp_path / "cache",
                    "--out", models / "b.npz")
    assert code == 2 and len(err) == 1
    assert "already holds the learned model a.npz" in err[0]
    assert not (tmp_path / "cache").exists()


def test_retraining_a_model_in_its_own_directory_is_allowed(tmp_path):
    """The model itself, a directory of other files, and the package's own directory are fine."""
    models = tmp_path / "models"
    other_model(models)
    assert check_train_output(models / "a.npz") == models / "a.npz"
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "registry.txt").write_text(f"data.csv {'c' * 64}\n")
    (tmp_path / "notes" / "data.csv").write_text("x\n1\n")
    assert check_train_output(tmp_path / "notes" / "m.npz").name == "m.npz"
    # the package holds transformer-v1.npz too: it reads no index or vectors
    package = tmp_path / "package"
    shutil.copytree(shipped_model_path().parent, package, ignore=shutil.ignore_patterns("learned-v1.npz",
                                                                                       "retrieval-v1.npz",
                                                                                       "vectors-v1.npz"))
    assert check_train_output(package / "learned-v1.npz").name == "learned-v1.npz"


def test_train_beside_a_registry_that_is_not_one_is_refused(tmp_path):
    models = tmp_path / "models"
    models.mkdir()
    (models / "registry.txt").write_text("my notes about the models\n")
    with pytest.raises(DataFormatError, match=r"registry.txt, row 1: expected 'filename sha256'"):
        train_and_save(tmp_path / "no-labels.tsv", None, models / "m.npz")
    assert (models / "registry.txt").read_text() == "my notes about the models\n"


# ---------------------------------------------------------------------------------------
# 5., 6. labels without a class, or a fold without one
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("labels, missing", [
    (["E1", "E1", "E1", "E1"], "E0 and no E2"),
    (["E0", "E1", "E1", "E0"], "E2"),
])
def test_train_labels_without_a_class_are_refused_before_the_vectors(tmp_path, labels, missing):
    path = labels_file(tmp_path, {code: labels for code in CODES})
    out = tmp_path / "models" / "m.npz"
    with pytest.raises(DataFormatError) as info:
        train_and_save(path, None, out, n_folds=2, distill=True)  # distill without a release fails next
    assert str(info.value) == (f"{path}, column 'human_exposure_agg': no {missing} task: the "
                               "learned model is trained on all three classes E0, E1, E2")
    assert not out.parent.exists() or not any(out.parent.iterdir())


def test_train_e2_tasks_of_one_fold_only_are_refused_before_any_fit(tmp_path):
    occupations = {code: ["E0", "E1", "E1", "E0"] for code in CODES}
    occupations["15-1252.00"] = ["E2", "E2", "E1", "E0"]
    path = labels_file(tmp_path, occupations)
    out = tmp_path / "models" / "m.npz"
    with pytest.raises(DataFormatError) as info:
        train_and_save(path, None, out, n_folds=2, distill=True)
    # every E2 task is of one occupation group: no folds or seed can help (told so since round 71)
    assert str(info.value) == (f"{path}, row 10, column 'human_exposure_agg': every E2 task is of one "
                               "occupation group, 15-1252 (SOC 6-digit): the cross-validation holds out whole "
                               "groups, so the model trained without that group's fold learns no E2, whatever the "
                               "folds and seed; give E2 tasks of two occupation groups at least")
    assert not out.parent.exists() or not any(out.parent.iterdir())


def test_fit_model_without_a_class_is_refused_before_fitting():
    rows = pd.DataFrame({"task": ["Weld beams.", "Cut steel.", "Draft reports."], "title": ["Welders", "Welders", "Clerks"],
                         "onetsoc_code": ["47-2211.00", "47-2211.00", "43-9061.00"], "task_id": [1, 2, 3],
                         "soc6": ["47-2211", "47-2211", "43-9061"], "y": [1, 1, 1], "weight": [2.0] * 3,
                         "dwas": [[], [], []]})
    config = TrainConfig(sets={"text": ["word", "title"]}, C={"text": 2.0}, word_min_df=1, modern=False)
    with pytest.raises(ExposureError, match="training rows must contain all three classes E0, E1, E2; they "
                                            "hold no E0 and no E2 task"):
        fit_model(rows, config)


# ---------------------------------------------------------------------------------------
# 7. exposure train --onet ''
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["", "  "])
def test_train_empty_onet_is_refused_at_once(tmp_path, capsys, value):
    (tmp_path / "mirror").mkdir()
    code, err = cli(capsys, "train", "--mirror", tmp_path / "mirror", "--data-dir", tmp_path / "cache",
                    "--onet", value, "--out", tmp_path / "models" / "m.npz")
    assert code == 2
    assert err == ["exposure train: error: --onet is empty: give the O*NET release of the work activities, "
                   "e.g. 29.1 (the learned model's retrieval index is built from its tasks)"]
    assert not (tmp_path / "cache").exists() and not (tmp_path / "models").exists()


# ---------------------------------------------------------------------------------------
# 8. vectors beside the artifact that its registry does not pin
# ---------------------------------------------------------------------------------------
def test_train_vectors_not_pinned_beside_the_artifact_names_the_registry(tmp_path):
    path = labels_file(tmp_path, {code: MIXED for code in CODES})
    models = tmp_path / "models"
    models.mkdir()
    shutil.copyfile(shipped_model_path().parent / "vectors-v1.npz", models / "vectors-v1.npz")
    (models / "registry.txt").write_text(f"# mine\nm.npz {'a' * 64}\n")
    with pytest.raises(DataFormatError) as info:
        train_and_save(path, None, models / "m.npz", n_folds=2)
    assert str(info.value) == (
        f"{models / 'registry.txt'}: vectors-v1.npz beside it is not pinned here: add its sha256, remove it "
        "(the shipped vectors are then used), or train with distill=True (exposure train --distill)")
    assert sorted(p.name for p in models.iterdir()) == ["registry.txt", "vectors-v1.npz"]


# ---------------------------------------------------------------------------------------
# 9. a label outside E0/E1/E2 given to the training as a frame
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("value, shown", [(None, "is missing: every task trained on needs its label"),
                                          ("e1", "must be E0, E1 or E2, got 'e1': write 'E1' (the choices are case-sensitive)"),
                                          ("E3", "must be E0, E1 or E2, got 'E3'")])
def test_training_frame_names_the_row_of_a_bad_label(value, shown):
    rows = label_rows({code: MIXED for code in CODES})
    labels = pd.DataFrame({"onetsoc_code": [r["code"] for r in rows], "task_id": [r["task_id"] for r in rows],
                           "task": [r["task"] for r in rows], "task_type": "Core",
                           "title": [r["title"] for r in rows], "human_exposure_agg": [r["label"] for r in rows]})
    labels.loc[2, "human_exposure_agg"] = value
    for call in (training_frame, train_learned):
        with pytest.raises(DataFormatError) as info:
            call(labels)
        assert str(info.value) == f"labels, row 3, column 'human_exposure_agg': human_exposure_agg {shown}"
    assert np.array_equal(training_frame(labels.drop(index=2))["y"], [0, 1, 1] + [0, 1, 2, 1] * 3)
