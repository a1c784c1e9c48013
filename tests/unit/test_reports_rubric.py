"""The rubric agreement report (exposure.reports.rubric), hand-computed."""

import numpy as np
import pandas as pd
import pytest

from exposure.measures.eloundou import read_task_labels
from exposure.reports.rubric import rubric_agreement, write_rubric_agreement
from exposure.scoring.rubric import score_rubric

LABELS = pd.DataFrame(
    {
        "onetsoc_code": ["11-1011.00"] * 2 + ["47-2031.00"] * 2,
        "task_id": [1, 2, 3, 4],
        "task": ["Write reports.", "Enter data into databases.", "Cut lumber with saws.",
                 "Translate letters."],
        "task_type": ["Core", "Supplemental", "Core", None],
        "human_exposure_agg": ["E1", "E2", "E0", "E0"],
        "gpt4_exposure": ["E1", "E1", "E0", "E1"],
    }
)


def test_agreement_hand_computed():
    table = rubric_agreement(LABELS).set_index(["reference", "metric"])["value"]
    # rubric predicts E1, E2, E0, E1
    assert table[("human", "accuracy")] == 0.75
    # human: po = 0.75; pe = .5*.25 + .25*.5 + .25*.25 = 0.3125; kappa = 0.4375/0.6875
    assert table[("human", "cohen_kappa")] == pytest.approx(0.4375 / 0.6875, abs=1e-4)
    assert table[("gpt4", "accuracy")] == 0.75
    assert table[("rubric", "share_e1")] == 0.5
    assert table[("human", "share_e0")] == 0.5
    # two occupations: r is +-1 whatever the scores, reported as NaN (round 30), as the agreement report does
    assert np.isnan(table[("human", "pearson_r_gamma")])


def test_agreement_layout_and_optional_gpt4():
    table = rubric_agreement(LABELS.drop(columns="gpt4_exposure"))
    assert list(table.columns) == ["reference", "level", "metric", "value", "n"]
    assert set(table["reference"]) == {"rubric", "human"}
    occ = table[table["level"] == "occupation"]
    assert occ["metric"].tolist() == ["pearson_r_alpha", "pearson_r_beta", "pearson_r_gamma"]
    assert (occ["n"] == 2).all() and (table.loc[table["level"] == "task", "n"] == 4).all()


def test_occupation_r_uses_core_weights():
    """Pearson r recomputed by hand: Core tasks weigh 2, others 1, over three occupations."""
    labels = pd.DataFrame({
        "onetsoc_code": ["a"] * 2 + ["b"] * 2 + ["c"] * 2,
        "task_id": [1, 2, 3, 4, 5, 6],
        "task": ["Write reports.", "Weld pipes.", "Enter data into databases.", "Lift boxes.",
                 "Translate letters.", "Schedule the work."],
        "task_type": ["Core", None, "Supplemental", "Core", "Core", "Core"],
        "human_exposure_agg": ["E1", "E0", "E2", "E0", "E1", "E2"],
    })
    table = rubric_agreement(labels).set_index(["reference", "metric"])["value"]
    p = score_rubric(labels)
    w = labels["task_type"].eq("Core").map({True: 2.0, False: 1.0})
    level = {"E0": 0.0, "E1": 1.0, "E2": 0.5}  # beta of each label
    ours = (w * (p["p_e1"] + 0.5 * p["p_e2"])).groupby(labels["onetsoc_code"]).sum() / w.groupby(
        labels["onetsoc_code"]).sum()
    theirs = (w * labels["human_exposure_agg"].map(level)).groupby(labels["onetsoc_code"]).sum() / \
        w.groupby(labels["onetsoc_code"]).sum()
    assert table[("human", "pearson_r_beta")] == pytest.approx(np.corrcoef(ours, theirs)[0, 1], abs=1e-4)
    # the weights matter here: equal weights give another r
    ours_eq = (p["p_e1"] + 0.5 * p["p_e2"]).groupby(labels["onetsoc_code"]).mean()
    theirs_eq = labels["human_exposure_agg"].map(level).groupby(labels["onetsoc_code"]).mean()
    assert abs(np.corrcoef(ours_eq, theirs_eq)[0, 1] - table[("human", "pearson_r_beta")]) > 1e-3


def test_write_reads_the_label_file(fixtures, tmp_path):
    labels = read_task_labels(fixtures / "scoring" / "labels_tiny.tsv")
    out = tmp_path / "r" / "rubric_agreement.csv"
    table = write_rubric_agreement(out, labels=labels)
    written = pd.read_csv(out)
    pd.testing.assert_frame_equal(written, table, check_dtype=False)
    assert written.loc[written["metric"] == "accuracy", "reference"].tolist() == ["human", "gpt4"]
