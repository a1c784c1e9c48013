"""Round 54: ``exposure evaluate`` / ``report agreement`` / ``train`` on a researcher's own tasks.

1. ``evaluate_method("learned", labels, onet)`` / ``evaluate_free_text`` given labelled tasks
   built as a pandas frame (a spreadsheet of the user's own tasks read with
   ``pd.read_csv``) whose task statement or title is an empty cell: scikit-learn's
   ``ValueError: np.nan is an invalid document, expected byte or unicode string`` (a raw
   traceback, after the retrieval index was built); a number was learned as the text
   ``'5'``. Refused before any work, naming the row and the column.
2. The same, and ``--method rubric``, given labels whose O*NET-SOC codes or task IDs the
   release does not list (the user's own tasks, another release's codes): those tasks got
   no work activities, so the rows that use them measured something else, without a word
   (``rubric_agreement`` warned of it since round 39). One warning line per kind now,
   naming the labels file and its line when the command line reads it.
3. ``modern_report`` (``exposure evaluate --modern FILE``) given modern tasks that are
   among the hand-labelled statements the shipped model was trained on (the package's
   ``modern_tasks.csv``; ``tests/data/scoring/freetext/modern_tasks_v10.csv``, which the
   ``--modern`` help gave as the example, is there whole): their share right was reported
   as a test of the model (95.8% on the three-way label, against 89.6% on a set it had not
   seen). One warning names how many, their set and the file's first such row.
4. ``exposure train --out`` inside the data mirror or the download cache (beside the label
   file: ``--out ../shared/data/reference/eloundou2023/m.npz``): the artifact,
   ``registry.txt``, the vectors and the retrieval index were written among the raw files
   after the training, where every other command refuses to write. Refused before
   anything is read.

Tiny made-up files in the real formats (the Eloundou et al. label file, a modern-task CSV,
the O*NET fixture release of ``tests/data/onet``), written by the tests.
"""

from __future__ import annotations

import copy
import logging

import numpy as np
import pandas as pd
import pytest
from _frames import write_text

from exposure import onet as onet_module
from exposure._outdir import OutputPathError
from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.measures.eloundou import read_task_labels
from exposure.reports.agreement import (
    check_modern_tasks,
    evaluate_free_text,
    evaluate_method,
    modern_report,
)
from exposure.scoring.learned import load_model

pytest.importorskip("sklearn")

from exposure.scoring._train import modern_training_rows  # noqa: E402

HEADER = ("\tO*NET-SOC Code\tTask ID\tTask\tTask Type\tTitle\thuman_exposure_agg\tgpt4_exposure\t"
          "gpt4_exposure_alt_rubric\tgpt_3_relevant\tgpt4_automation\n")
WORDS = {"E0": "Weld and cut steel beams", "E1": "Draft and edit written reports",
         "E2": "Analyze spreadsheet data"}
#: Two occupations of the fixture release (its tasks 101, 102 and 104, 105) and two it lacks.
CODES = ["11-1011.00", "15-1252.00", "13-1041.00", "43-9061.00"]
KNOWN = {"11-1011.00": [(101, 'Conduct "head counts" before board votes.'), (102, "Approve budgets.")],
         "15-1252.00": [(104, "Write software."), (105, 'Test code, "end-to-end".')]}


@pytest.fixture(scope="module")
def release(fixtures):
    """The O*NET fixture release of ``tests/data/onet`` (four occupations, five tasks)."""
    d = fixtures / "onet"
    return onet_module.OnetRelease(
        release="t", occupations=onet_module.read_occupations(d / "Occupation Data.txt"),
        tasks=onet_module.read_tasks(d / "Task Statements.txt"),
        task_dwas=onet_module.read_task_dwas(d / "Tasks to DWAs.txt"),
        dwas=onet_module.read_dwas(d / "DWA Reference.txt"), iwas=onet_module.read_iwas(d / "IWA Reference.txt"),
        job_zones=onet_module.read_job_zones(d / "Job Zones.txt"),
        emerging_tasks=onet_module.read_emerging_tasks(d / "Emerging Tasks.txt"))


def own_labels(codes=CODES) -> pd.DataFrame:
    """A researcher's labelled tasks as a frame: four tasks (E0, E1, E2, E1) per occupation."""
    rows = []
    for o, code in enumerate(codes):
        known = KNOWN.get(code, [])  # the release's own tasks, with their statements
        for t, label in enumerate(["E0", "E1", "E2", "E1"]):
            task_id, text = known[t] if t < len(known) else (1000 * (o + 1) + t, f"{WORDS[label]} for site {o} {t}.")
            rows.append({"onetsoc_code": code, "task_id": task_id, "task": text, "task_type": "Core",
                         "title": f"Occupation {o}", "human_exposure_agg": label, "gpt4_exposure": label})
    return pd.DataFrame(rows)


def labels_file(tmp_path, frame: pd.DataFrame, name="labels.tsv"):
    """``frame`` as the published label file (unnamed index, ``Task ID`` as 8823.0)."""
    lines = [HEADER]
    for i, r in enumerate(frame.itertuples(index=False)):
        lines.append(f"{i}\t{r.onetsoc_code}\t{r.task_id}.0\t{r.task}\t{r.task_type}\t{r.title}\t"
                     f"{r.human_exposure_agg}\t{r.gpt4_exposure}\t{r.gpt4_exposure}\tFalse\tT1\n")
    return write_text(tmp_path, name, "".join(lines))


def warnings_of(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


# ---------------------------------------------------------------------------------------
# 1. a missing task statement or title in the labels of the learned model
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("column, value, shown", [
    ("task", np.nan, "is missing"),
    ("task", None, "is missing"),
    ("task", "   ", "is missing"),
    ("task", 5, "must be text, got int 5"),
    ("title", np.nan, "is missing"),
    ("title", None, "is missing"),
])
def test_learned_labels_with_a_missing_text_are_refused_naming_the_row(release, monkeypatch, column, value,
                                                                        shown):
    labels = own_labels().astype({column: object})
    labels.loc[5, column] = value
    # refused before the retrieval index is built (scikit-learn's ValueError came after it)
    monkeypatch.setattr("exposure.reports.agreement.build_index", lambda *a, **k: pytest.fail("index built"))
    for run in (lambda: evaluate_method("learned", labels, release, n_folds=2),
                lambda: evaluate_free_text(labels, release, n_folds=2)):
        with pytest.raises(DataFormatError) as info:
            run()
        assert str(info.value) == (f"labels, row 6, column '{column}': {column} {shown}: the learned model is "
                                   "trained on the text of every task and its occupation's title")


def test_reference_and_rubric_do_not_need_the_title(release):
    labels = own_labels().astype({"title": object})
    labels.loc[2, "title"] = None  # not read by either: the figures are as before
    for method in ("reference", "rubric"):
        table, _ = evaluate_method(method, labels, release if method == "rubric" else None)
        assert table["n_tasks"].iloc[0] == 16


# ---------------------------------------------------------------------------------------
# 2. labelled tasks the release does not list
# ---------------------------------------------------------------------------------------
def test_rubric_labels_the_release_lacks_are_warned_of(release, caplog):
    with caplog.at_level(logging.WARNING):
        table, _ = evaluate_method("rubric", own_labels(), release)
    assert table["n_tasks"].iloc[0] == 16  # the report is still made
    assert warnings_of(caplog) == [
        "labels: 8 row(s) have an O*NET-SOC code that O*NET t lacks (first: row 9, column 'onetsoc_code': "
        "'13-1041.00'; another release's code?): no work activities or job zone for them, their context read "
        "from the code alone",
        "labels: 4 row(s) have a task ID that O*NET t does not list under their O*NET-SOC code (first: row 3, "
        "column 'task_id': 1002 under '11-1011.00'): no work activities from O*NET t for them",
    ]


def test_learned_labels_the_release_lacks_are_warned_of_naming_the_file(tmp_path, release, caplog):
    path = labels_file(tmp_path, own_labels())
    with caplog.at_level(logging.WARNING):
        evaluate_method("learned", read_task_labels(path), release, n_folds=2, labels_path=path)
    said = warnings_of(caplog)
    assert said[0].startswith(f"{path}: 8 row(s) have an O*NET-SOC code that O*NET t lacks (first: row 10, "
                              "column 'onetsoc_code': '13-1041.00'")
    assert said[1].startswith(f"{path}: 4 row(s) have a task ID that O*NET t does not list under their "
                              "O*NET-SOC code (first: row 4, column 'task_id': 1002 under '11-1011.00')")


def test_labels_of_the_release_are_not_warned_of(release, caplog):
    labels = own_labels(["11-1011.00", "15-1252.00"]).iloc[[0, 1, 4, 5]].assign(
        human_exposure_agg=["E0", "E1", "E2", "E1"], gpt4_exposure=["E0", "E1", "E2", "E1"])
    with caplog.at_level(logging.WARNING):
        evaluate_method("rubric", labels, release)
    assert warnings_of(caplog) == []


def test_report_agreement_names_the_labels_file_in_the_warning(tmp_path, release, monkeypatch, capsys, caplog):
    path = labels_file(tmp_path, own_labels())
    (tmp_path / "m").mkdir()
    monkeypatch.setattr("exposure.cli._report.fetch", lambda *a, **k: path)
    monkeypatch.setattr("exposure.cli._report.load_onet", lambda *a, **k: release)
    out = tmp_path / "reports"
    with caplog.at_level(logging.WARNING):
        code = main(["report", "agreement", "--method", "rubric", "--mirror", str(tmp_path / "m"),
                     "--data-dir", str(tmp_path / "cache"), "--out-dir", str(out)])
    assert code == 0, capsys.readouterr().err
    assert (out / "agreement_rubric.csv").is_file()
    assert warnings_of(caplog)[0].startswith(f"{path}: 8 row(s) have an O*NET-SOC code that O*NET t lacks "
                                             "(first: row 10, column 'onetsoc_code'")


# ---------------------------------------------------------------------------------------
# 3. modern tasks the shipped model was trained on
# ---------------------------------------------------------------------------------------
def _seen_task() -> tuple[str, str, str]:
    """A statement of the package's modern training rows, its label and set."""
    row = modern_training_rows().iloc[0]
    return row["task"], row["label"], row["set"]


def test_modern_tasks_the_model_was_trained_on_are_warned_of_naming_the_file(tmp_path, caplog):
    seen, label, set_name = _seen_task()
    exposed = "no" if label == "E0" else "yes"
    # written otherwise (case, spaces, final mark): the same statement
    text = "  " + seen.upper().rstrip(".") + "!"
    path = write_text(tmp_path, "m.csv", f"task,label,exposed\nLay bricks for a garden wall.,E0,no\n"
                                         f"\"{text}\",{label},{exposed}\n")
    frame = pd.read_csv(path, dtype=str)
    checked = check_modern_tasks(frame, path=path, row_offset=2)  # as exposure evaluate --modern
    with caplog.at_level(logging.WARNING):
        table = modern_report(check_modern_tasks(checked))  # as evaluate_free_text hands it over
    assert table["n_tasks"].iloc[0] == 2  # still scored
    assert warnings_of(caplog) == [
        f"{path}: 1 of the 2 modern task(s) are among the hand-labelled statements the learned model was "
        f"trained on (exposure/data/training/modern_tasks.csv, set {set_name}; first: row 3, column 'task': "
        f"{text!r}): the model has seen their labels, so their shares right are not a test of it; leave them "
        "out, or use tasks written apart from that file"]


def test_modern_tasks_warning_without_a_file_names_the_row(caplog):
    seen, label, _ = _seen_task()
    frame = pd.DataFrame({"task": [seen], "label": [label], "exposed": [label != "E0"]})
    with caplog.at_level(logging.WARNING):
        modern_report(frame)
    (said,) = warnings_of(caplog)
    assert said.startswith("1 of the 1 modern task(s) are among the hand-labelled statements")
    assert "first: row 1, column 'task'" in said


def test_modern_tasks_not_seen_or_a_model_without_them_are_not_warned_of(caplog):
    seen, label, _ = _seen_task()
    new = pd.DataFrame({"task": ["Lay bricks for a garden wall."], "label": ["E0"], "exposed": [False]})
    model = copy.copy(load_model())
    model.metadata = {k: v for k, v in model.metadata.items() if k not in ("n_modern", "modern_digest")}
    with caplog.at_level(logging.WARNING):
        modern_report(new)
        modern_report(pd.DataFrame({"task": [seen], "label": [label], "exposed": [label != "E0"]}), model)
    assert warnings_of(caplog) == []


# ---------------------------------------------------------------------------------------
# 4. exposure train --out inside the mirror or the download cache
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("where, held", [
    ("m/reference/eloundou2023/m.npz", "the mirror"),
    ("m/m.npz", "the mirror"),
    ("cache/reference/m.npz", "the download cache"),
    ("link/m.npz", "the mirror"),  # a symbolic link into the mirror
])
def test_train_out_inside_the_mirror_or_the_cache_is_refused_before_reading(tmp_path, capsys, monkeypatch,
                                                                            where, held):
    (tmp_path / "m" / "reference" / "eloundou2023").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "m" / "reference")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("exposure.cli._evaluate.fetch", lambda *a, **k: pytest.fail("labels read"))
    code = main(["train", "--mirror", "m", "--data-dir", "cache", "--out", where])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith(f"exposure train: error: refusing to write {where}: it is "
                                                   f"inside {held} ")
    assert not any((tmp_path / "m").rglob("*.npz")) and not (tmp_path / "cache" / "reference").exists()


def test_train_out_elsewhere_goes_on_to_the_labels(tmp_path, capsys, monkeypatch):
    (tmp_path / "m").mkdir()
    monkeypatch.chdir(tmp_path)
    code = main(["train", "--mirror", "m", "--data-dir", "cache", "--out", "models/m.npz"])
    err = capsys.readouterr().err
    assert code == 2 and "full_labelset_train.tsv: not found in mirror m" in err


def test_check_artifact_place_allows_the_package(monkeypatch):
    from exposure.cli._evaluate import check_artifact_place
    from exposure.scoring.learned import shipped_model_path

    check_artifact_place(None)
    check_artifact_place(str(shipped_model_path()))  # train replaces the shipped model by default
    with pytest.raises(OutputPathError):
        check_artifact_place(str(shipped_model_path()), mirror=shipped_model_path().parent)


# ---------------------------------------------------------------------------------------
# 5. the same checks when the model is trained (exposure.scoring._train.train_learned)
# ---------------------------------------------------------------------------------------
def test_train_learned_refuses_a_missing_text_before_the_index(release, monkeypatch, tmp_path):
    """A missing statement raised scikit-learn's ValueError after the retrieval index was built."""
    from exposure.scoring import _train

    labels = own_labels().astype({"task": object})
    labels.loc[5, "task"] = np.nan
    monkeypatch.setattr(_train, "build_index", lambda *a, **k: pytest.fail("index built"))
    with pytest.raises(DataFormatError, match=r"^labels, row 6, column 'task': task is missing"):
        _train.train_learned(labels, release, n_folds=2)
    path = labels_file(tmp_path, own_labels())
    frame = read_task_labels(path).astype({"title": object})
    frame.loc[2, "title"] = None
    with pytest.raises(DataFormatError, match=rf"^{path}, row 4, column 'title': title is missing"):
        _train.train_learned(frame, release, n_folds=2, labels_path=path)


def test_train_learned_warns_of_labels_the_release_lacks(release, monkeypatch, caplog):
    """Labels of another release were trained on without their work activities, without a word."""
    from exposure.scoring import _train

    class Stop(Exception):
        pass

    def stop(*args, **kwargs):
        raise Stop

    monkeypatch.setattr(_train, "training_frame", stop)  # the warning comes first; no training here
    with caplog.at_level(logging.WARNING), pytest.raises(Stop):
        _train.train_learned(own_labels(), release, n_folds=2)
    said = warnings_of(caplog)
    assert said[0].startswith("labels: 8 row(s) have an O*NET-SOC code that O*NET t lacks (first: row 9")
    assert said[1].startswith("labels: 4 row(s) have a task ID that O*NET t does not list")
