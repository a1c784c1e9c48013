"""The agreement report (exposure.reports.agreement) on a few made-up labelled tasks."""

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError, ExposureError
from exposure.reports.agreement import (
    PAPER_GPT4,
    check_modern_tasks,
    check_paraphrases,
    evaluate_method,
    modern_report,
    reliability_table,
    report_name,
    write_agreement_report,
)
from exposure.scoring import score_tasks
from exposure.scoring._evaluate import agreement, onehot
from exposure.scoring._train import training_frame
from exposure.scoring.rubric import score_rubric

LABELS = pd.DataFrame({
    "onetsoc_code": ["11-1011.00", "11-1011.00", "47-2031.00", "47-2031.00", "43-9061.00",
                     "43-9061.00"],
    "task_id": [1, 2, 3, 4, 5, 6],
    "task_type": ["Core", "Supplemental", "Core", None, "Core", "Core"],
    "task": ["Write reports.", "Enter data into databases.", "Cut lumber with saws.",
             "Nail boards using hammers.", "Answer telephones.", "Schedule appointments."],
    "title": ["Chief Executives"] * 2 + ["Carpenters"] * 2 + ["Office Clerks"] * 2,
    "human_exposure_agg": ["E1", "E2", "E0", "E0", "E1", "E2"],
    "gpt4_exposure": ["E1", "E2", "E0", "E1", "E2", "E2"],
})


def test_reliability_table_hand_computed():
    proba = [[0.95, 0.05, 0.0], [0.55, 0.45, 0.0], [0.2, 0.3, 0.5], [0.1, 0.85, 0.05]]
    table = reliability_table(proba, [0, 1, 2, 1], n_bins=4)
    assert table["bin_low"].tolist() == [0.5, 0.75]
    assert table["n_tasks"].tolist() == [2, 2]
    assert table["accuracy"].tolist() == [0.5, 1.0]
    assert table["mean_confidence"].tolist() == pytest.approx([0.525, 0.9])


def test_rubric_and_gpt4_rows_match_the_metrics():
    table, reliability = evaluate_method("rubric", LABELS)
    assert reliability is None
    rows = training_frame(LABELS)
    args = (rows["y"], rows["onetsoc_code"], rows["weight"])
    rubric = agreement(score_rubric(LABELS)[["p_e0", "p_e1", "p_e2"]].to_numpy(), *args)
    gpt4 = agreement(onehot(LABELS["gpt4_exposure"]), *args)
    for i, expected in ((0, rubric), (1, gpt4)):
        for k, v in expected.items():
            assert table.loc[i, k] == pytest.approx(v), k
    assert table.loc[1, "accuracy"] == pytest.approx(4 / 6)
    paper = table.iloc[-1]
    assert paper["kappa"] == PAPER_GPT4["kappa"] and pd.isna(paper["n_tasks"])
    assert str(table["n_tasks"].dtype) == "Int64"


def test_reference_has_only_gpt4_rows_and_unknown_method_fails():
    table, _ = evaluate_method("reference", LABELS)
    assert len(table) == 2 and table.loc[0, "scorer"].startswith("GPT-4 labels (reference-gpt4)")
    with pytest.raises(ExposureError, match="unknown method 'oracle'"):
        evaluate_method("oracle", LABELS)


def test_write_rounds_and_names_the_calibration_file(tmp_path):
    table, _ = evaluate_method("rubric", LABELS)
    rel = reliability_table(np.eye(3)[[0, 1, 2]] * 0.7 + 0.1, [0, 1, 1])
    out = tmp_path / "sub" / report_name("learned")
    written = write_agreement_report(table, rel, out)
    assert [p.name for p in written] == ["agreement.csv", "agreement_calibration.csv"]
    back = pd.read_csv(out)
    assert back["kappa"].round(4).equals(back["kappa"])
    assert back.loc[0, "kappa"] == pytest.approx(table.loc[0, "kappa"], abs=5e-5)
    assert report_name("rubric") == "agreement_rubric.csv"
    assert write_agreement_report(table, None, tmp_path / "a.csv") == [tmp_path / "a.csv"]


# ------------------------------------------------------------- free-text inputs
PARA = pd.DataFrame({"onetsoc_code": ["11-1011.00", "47-2031.00"], "task_id": ["1", "3.0"],
                     "paraphrase": ["You will write up reports.", "You will saw the lumber."]})


@pytest.mark.parametrize("change, message", [
    (lambda f: f.drop(columns="paraphrase"), r"paraphrases lack column\(s\) \['paraphrase'\]"),
    (lambda f: f.iloc[:0], "no paraphrases: the table has no rows"),
    (lambda f: f.assign(paraphrase=["Reword.", None]), "row 3, column 'paraphrase': task text must be"),
    (lambda f: f.assign(task_id=["1", "x"]), "row 3, column 'task_id': task ID 'x' is not an integer"),
    (lambda f: f.assign(task_id=["1", None]), "row 3, column 'task_id': task ID missing"),
    (lambda f: f.assign(onetsoc_code=["11-1011.00", "47-2031"]), "row 3, column 'onetsoc_code': not an O"),
    (lambda f: f.assign(onetsoc_code=["11-1011.00"] * 2, task_id=[1, 1.0]),
     r"row 3, column 'task_id': task \(11-1011.00, 1\) is paraphrased twice \(rows 2 and 3\)"),
    (lambda f: f.assign(task_id=["1", "99"]), r"row 3, column 'task_id': task \(47-2031.00, 99\) has no human label"),
])
def test_check_paraphrases_refuses_what_would_be_scored_wrongly(change, message):
    """Before, an empty paraphrase was scored as the text '<NA>' and unknown tasks were dropped."""
    with pytest.raises(DataFormatError, match=message):
        check_paraphrases(change(PARA), LABELS, path="p.csv", row_offset=2)


def test_check_paraphrases_accepts_and_types_good_rows():
    out = check_paraphrases(PARA, LABELS)
    assert out["task_id"].tolist() == [1, 3] and out["paraphrase"].tolist() == PARA["paraphrase"].tolist()


MODERN = pd.DataFrame({"task": ["Triage support tickets in Zendesk.", "Install solar panels on roofs."],
                       "label": ["E1", "E0"], "exposed": ["True", "no"], "admin": ["1", "false"]})


@pytest.mark.parametrize("change, message", [
    (lambda f: f.drop(columns="exposed"), r"modern tasks lack column\(s\) \['exposed'\]"),
    (lambda f: f.iloc[:0], "no modern tasks"),
    (lambda f: f.assign(label=["E1", "E3"]), "row 2, column 'label': label must be E0, E1 or E2, got 'E3'"),
    (lambda f: f.assign(exposed=["True", "maybe"]), "row 2, column 'exposed': must be true or false"),
    (lambda f: f.assign(admin=["1", None]), "row 2, column 'admin': must be true or false"),
    (lambda f: f.assign(exposed=["False", "no"]), "row 1, column 'exposed': exposed is False but the label E1"),
    (lambda f: f.assign(task=["Triage.", " "]), "row 2, column 'task': task text must be"),
])
def test_check_modern_tasks_refuses_what_would_count_silently(change, message):
    """Before, an unknown label counted as a miss and an unknown flag as false."""
    with pytest.raises(DataFormatError, match=message):
        check_modern_tasks(change(MODERN))


def test_modern_report_reads_flags_written_any_way():
    out = modern_report(MODERN).set_index("measure")
    again = modern_report(MODERN.assign(exposed=[True, False], admin=[True, False])).set_index("measure")
    pd.testing.assert_frame_equal(out, again)
    assert out.loc["exposed vs not", "n_tasks"] == 2


def test_exposed_figures_score_the_yes_no_question_by_label_and_by_gamma():
    from exposure.reports.agreement import exposed_figures

    # E0 is the most probable class of the first task, yet p(E1) + p(E2) = 0.55
    proba = [[0.45, 0.30, 0.25], [0.45, 0.30, 0.25], [0.2, 0.3, 0.5], [0.7, 0.2, 0.1]]
    got = exposed_figures(proba, [1, 0, 2, 0])
    assert got == {"exposed_right_label": 0.75, "exposed_right_gamma": 0.75}
    got = exposed_figures(proba, [1, 2, 2, 0])
    assert got == {"exposed_right_label": 0.5, "exposed_right_gamma": 1.0}


def test_modern_report_scores_exposed_by_gamma_too():
    out = modern_report(MODERN).set_index("measure")
    scored = score_tasks(MODERN[["task"]])
    want = ((scored["gamma"] >= 0.5).to_numpy() == np.array([True, False])).mean()  # "True", "no"
    assert out.loc["exposed vs not (gamma >= 0.5)", "share_right"] == want


def test_write_agreement_report_writes_the_tables_beside_it_as_one_set(tmp_path, monkeypatch):
    """The CLI (exposure evaluate) wrote the paraphrase and modern tables by separate calls after the rest."""
    import exposure.reports.agreement as agreement

    table = pd.DataFrame({"scorer": ["x"], "kappa": [0.123456]})
    beside = {"freetext_paraphrases.csv": table, "freetext_modern.csv": table}
    out = tmp_path / "freetext_agreement.csv"
    written = write_agreement_report(table, table, out, beside=beside)
    assert [p.name for p in written] == ["freetext_agreement.csv", "freetext_agreement_calibration.csv",
                                         "freetext_paraphrases.csv", "freetext_modern.csv"]
    assert (tmp_path / "freetext_modern.csv").read_text().splitlines() == ["scorer,kappa", "x,0.1235"]
    calls = []
    real = agreement.write_csv

    def fail_fourth(frame, path, **kwargs):
        calls.append(path)
        if len(calls) == 4:
            raise OSError(28, "No space left on device")
        return real(frame, path, **kwargs)

    monkeypatch.setattr(agreement, "write_csv", fail_fourth)
    new = tmp_path / "new"
    new.mkdir()
    with pytest.raises(OSError):
        write_agreement_report(table, table, new / "freetext_agreement.csv", beside=beside)
    assert list(new.iterdir()) == []


def test_modern_report_gives_precision_and_recall_of_each_category():
    """The share right hid a tagger that never fires (entry_creative: 85.6%, recall 0)."""
    modern = pd.DataFrame({
        "task": ["Schedule appointments for clients.", "Answer telephones and take messages.",
                 "Weld steel beams.", "Write and debug code for web applications."],
        "label": ["E1", "E1", "E0", "E1"], "exposed": [True, True, False, True],
        "admin": [True, False, True, False], "routine_coding": [False] * 4,
    })
    out = modern_report(modern).set_index("measure")
    # admin: tagged on the first two (both by rule), labelled on the first and third
    assert out.loc["category admin", ["n_labelled", "n_tagged"]].tolist() == [2, 2]
    assert out.loc["category admin", "precision"] == 0.5
    assert out.loc["category admin", "recall"] == 0.5
    assert out.loc["category admin", "share_right"] == 0.5
    # routine_coding: none labelled, one tagged: precision 0, recall undefined
    assert out.loc["category routine_coding", ["n_labelled", "n_tagged"]].tolist() == [0, 1]
    assert out.loc["category routine_coding", "precision"] == 0.0
    assert np.isnan(out.loc["category routine_coding", "recall"])
    assert out.loc["exposed vs not", ["n_labelled", "precision"]].isna().all()


@pytest.mark.parametrize("cell", [None, "", " "])
def test_modern_tasks_missing_flag_is_named_missing(cell):
    """A missing ``exposed`` cell said "must be true or false, got nan"."""
    modern = pd.DataFrame({"task": ["Draft replies to routine emails.", "Weld pipes."], "label": ["E1", "E0"],
                           "exposed": [cell, "false"]})
    with pytest.raises(DataFormatError, match=r"^m\.csv, row 2, column 'exposed': must be true or false, it is "
                                              r"missing$"):
        check_modern_tasks(modern, path="m.csv", row_offset=2)
