"""Scoring on the real data: published labels, O*NET 29.1 tasks, grouped CV on a subset."""

import numpy as np
import pandas as pd
import pytest

from exposure.cli import main
from exposure.cli._rollup import read_task_scores
from exposure.measures.eloundou import load_occ_level, load_task_labels
from exposure.onet import load_onet
from exposure.rollup._occupations import check_task_scores
from exposure.scoring import score_tasks
from exposure.scoring._evaluate import agreement, occupation_means, onehot
from exposure.scoring._rules import RuleSet
from exposure.scoring._train import TrainConfig, cross_validate, training_frame
from exposure.scoring.categories import TEXT_RULES
from exposure.scoring.learned import score_learned
from exposure.scoring.rubric import KEYWORD_RULES

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def labels(shared_data):
    return load_task_labels(mirror=shared_data)


@pytest.fixture(scope="module")
def onet(shared_data):
    return load_onet("29.1", mirror=shared_data)


def test_label_file_contents(labels):
    assert len(labels) == 14421
    assert labels["onetsoc_code"].nunique() == 693
    assert labels["onetsoc_code"].str[:7].nunique() == 598
    assert labels["human_exposure_agg"].value_counts().to_dict() == {"E0": 7623, "E2": 4657, "E1": 2141}
    assert labels["gpt4_exposure"].value_counts().to_dict() == {"E0": 6363, "E2": 5989, "E1": 2069}
    assert labels["task_type"].isna().sum() == 928


def test_occ_level_is_weighted_mean_of_task_labels(labels, shared_data):
    occ = load_occ_level(mirror=shared_data).set_index("onetsoc_code")
    rows = training_frame(labels)
    human = occupation_means(np.eye(3)[rows["y"]], rows["onetsoc_code"], rows["weight"])
    gpt4 = occupation_means(onehot(labels["gpt4_exposure"]), rows["onetsoc_code"], rows["weight"])
    for m in ("alpha", "beta", "gamma"):
        np.testing.assert_allclose(human[m], occ.loc[human.index, f"human_{m}"], atol=1e-12)
        np.testing.assert_allclose(gpt4[m], occ.loc[gpt4.index, f"gpt4_{m}"], atol=1e-12)


def test_gpt4_agreement_on_train_rows(labels):
    rows = training_frame(labels)
    got = agreement(onehot(labels["gpt4_exposure"]), rows["y"], rows["onetsoc_code"], rows["weight"])
    assert got["accuracy"] == pytest.approx(0.65398, abs=1e-5)
    assert got["kappa"] == pytest.approx(0.43400, abs=1e-5)
    assert got["r_alpha"] == pytest.approx(0.40418, abs=1e-5)
    assert got["r_beta"] == pytest.approx(0.87151, abs=1e-5)
    assert got["r_gamma"] == pytest.approx(0.91446, abs=1e-5)


def test_learned_scores_every_onet_task(onet, labels):
    tasks = onet.tasks
    out = score_tasks(tasks, onet=onet)
    assert len(out) == 18796 and out["p_e0"].notna().all()
    assert out["onetsoc_code"].tolist() == tasks["onetsoc_code"].tolist()
    assert out["task_id"].tolist() == tasks["task_id"].tolist()
    raw = score_learned(tasks, onet=onet)
    assert (raw["feature_set"] == "onet").all()
    # the model reproduces its own training labels closely (in-sample, not a CV figure)
    merged = labels.merge(out.astype({"onetsoc_code": str, "task_id": "int64"}), on=["onetsoc_code", "task_id"])
    assert len(merged) > 13000
    assert (merged["label"] == merged["human_exposure_agg"]).mean() > 0.85
    # plausible spread: about 40-60% of tasks E0 (the labels have 53%)
    assert 0.35 < (out["label"] == "E0").mean() < 0.65
    assert 0.3 < out["beta"].mean() < 0.45


def test_reference_on_onet_tasks(onet, labels):
    out = score_tasks(onet.tasks, method="reference", labels=labels)
    labelled = out["label"].notna()
    keys = set(zip(labels["onetsoc_code"], labels["task_id"]))
    expected = [(c, i) in keys for c, i in zip(onet.tasks["onetsoc_code"], onet.tasks["task_id"])]
    assert labelled.tolist() == expected
    assert out.loc[~labelled, ["p_e0", "alpha", "beta", "gamma"]].isna().all().all()


@pytest.mark.slow
def test_grouped_cv_beats_gpt4_and_shuffled_control_on_subset(labels, onet):
    """Grouped CV on four major groups: the model beats GPT-4 there; shuffled labels do not."""
    sub = labels[labels["onetsoc_code"].str[:2].isin(["13", "43", "47", "51"])].reset_index(drop=True)
    rows = training_frame(sub, onet)
    config = TrainConfig(sets={"onet": ["word", "title", "major", "activity"]}, C={"onet": 2.0})
    real = cross_validate(rows, config, n_folds=5, seed=0)["proba"]["onet"]
    fake = cross_validate(rows, config, n_folds=5, seed=0, shuffle_labels=True)["proba"]["onet"]
    args = (rows["y"], rows["onetsoc_code"], rows["weight"])
    a, b = agreement(real, *args), agreement(fake, *args)
    g = agreement(onehot(sub["gpt4_exposure"]), *args)
    assert a["kappa"] > g["kappa"] + 0.1 and a["r_beta"] > g["r_beta"]
    assert b["kappa"] < 0.15 and b["kappa"] < a["kappa"] - 0.4
    assert pd.notna(a["ece"]) and a["ece"] < 0.06


@pytest.mark.parametrize("rules", [TEXT_RULES, KEYWORD_RULES], ids=["categories", "rubric"])
def test_rule_matcher_re2_equals_re_on_every_task(onet, rules):
    """The shared matcher's RE2 path finds exactly what re finds, on all O*NET 29.1 tasks."""
    texts = onet.tasks["task"].tolist()
    patterns = [r.pattern for r in rules]
    fast = RuleSet(patterns).match(texts)
    slow = RuleSet(patterns, use_re2=False).match(texts)
    assert fast[0].tolist() == slow[0].tolist() and fast[2] == slow[2]
    assert sum(map(bool, fast[2])) > 1000


def test_cli_scores_onets_own_task_statements_for_rollup(shared_data, tmp_path, capsys):
    """``exposure score`` takes O*NET's Task Statements file as it is, n/a task types too.

    What it writes is what ``exposure rollup`` reads.
    """
    out = tmp_path / "scores.parquet"
    assert main(["score", str(shared_data / "onet" / "29.1" / "Task Statements.txt"), "-o", str(out)]) == 0, \
        capsys.readouterr().err
    scores = check_task_scores(read_task_scores(out))
    assert len(scores) == 18_796
    assert scores["task_type"].isna().sum() + (scores["task_type"] == "n/a").sum() == 1_157
