"""The rubric scorer on the real data: agreement with the Eloundou et al. train labels."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from exposure.cli import main
from exposure.measures.eloundou import load_task_labels
from exposure.onet import load_onet
from exposure.reports.rubric import rubric_agreement
from exposure.scoring.rubric import load_rubric_rules, score_rubric

pytestmark = [pytest.mark.integration, pytest.mark.slow]

REPORT = Path(__file__).resolve().parents[2] / "data" / "processed" / "reports" / "rubric_agreement.csv"


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def onet(shared_data, cache):
    return load_onet("29.1", mirror=shared_data, data_dir=cache)


@pytest.fixture(scope="module")
def labels(shared_data, cache):
    return load_task_labels(mirror=shared_data, data_dir=cache)


def test_rule_table_ids_exist(onet):
    rules = load_rubric_rules()
    iwa = rules[rules["level"] == "iwa"]
    assert set(iwa["id"]) == set(onet.iwas["iwa_id"])
    assert set(rules.loc[rules["level"] == "dwa", "id"]) <= set(onet.dwas["dwa_id"])


def test_scores_all_onet_tasks(onet):
    out = score_rubric(onet.tasks, onet=onet)
    assert len(out) == 18796
    np.testing.assert_allclose(out[["p_e0", "p_e1", "p_e2"]].sum(axis=1), 1.0)
    with_dwa = out["rule"].str.contains(r"^(?:iwa|dwa) ", regex=True)
    assert with_dwa.mean() > 0.95  # 18,495 of 18,796 tasks have DWAs


def test_agreement_with_human_labels(labels, onet):
    assert len(labels) == 14421
    table = rubric_agreement(labels, onet=onet)
    v = table.set_index(["reference", "metric"])["value"]
    # v1 reaches accuracy 0.69, kappa 0.47, r(beta) 0.90, r(gamma) 0.92; floors below
    assert v[("human", "accuracy")] > 0.65
    assert v[("human", "cohen_kappa")] > 0.40
    assert v[("human", "pearson_r_beta")] > 0.85
    assert v[("human", "pearson_r_gamma")] > 0.85
    committed = pd.read_csv(REPORT)
    pd.testing.assert_frame_equal(table.reset_index(drop=True), committed, check_exact=False,
                                  atol=1e-4, check_dtype=False)


def test_cli_report_reproduces_the_committed_file(shared_data, cache, tmp_path, capsys):
    args = ["report", "rubric", "--mirror", str(shared_data), "--data-dir", str(cache),
            "--out-dir", str(tmp_path)]
    assert main(args) == 0
    assert "rubric_agreement" in capsys.readouterr().out
    assert (tmp_path / "rubric_agreement.csv").read_bytes() == REPORT.read_bytes()
