"""Task categories on the real O*NET 29.1 data.

The hand-checked samples (tests/data/categories/hand_checked*_v1.csv) store only codes,
task ids, expected tags and a short note; the task texts are joined from the mirror.
"""

from pathlib import Path

import pandas as pd
import pytest

from exposure.cli import main
from exposure.onet import load_onet
from exposure.reports.categories import read_hand_checked, write_category_reports
from exposure.scoring import categories
from exposure.scoring._inputs import norm_task_id
from exposure.scoring._rules import RuleSet
from exposure.scoring.categories import (
    CATEGORIES,
    TEXT_RULES,
    explain_categories,
    load_category_mapping,
    tag_categories,
)

pytestmark = [pytest.mark.integration, pytest.mark.slow]

REPO_REPORTS = Path(__file__).resolve().parents[2] / "data" / "processed" / "reports"


@pytest.fixture(scope="module")
def onet(shared_data, tmp_path_factory):
    return load_onet("29.1", mirror=shared_data, data_dir=tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def reports(onet, fixtures, tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    samples = {"development": fixtures / "categories" / "hand_checked_v1.csv",
               "holdout": fixtures / "categories" / "hand_checked_holdout_v1.csv"}
    tables = write_category_reports(samples, out, onet=onet)
    return out, tables


def test_mapping_ids_exist_in_onet(onet):
    mapping = load_category_mapping()
    dwa_ids = set(onet.dwas["dwa_id"])
    iwa_ids = set(onet.iwas["iwa_id"])
    for level, id_ in mapping[["level", "id"]].itertuples(index=False):
        assert id_ in (dwa_ids if level == "dwa" else iwa_ids), (level, id_)


def test_hand_checked_tasks_exist(onet, fixtures):
    keys = set(zip(onet.tasks["onetsoc_code"], onet.tasks["task_id"].map(norm_task_id)))
    for name in ("hand_checked_v1.csv", "hand_checked_holdout_v1.csv"):
        h = read_hand_checked(fixtures / "categories" / name)
        missing = [k for k in zip(h.onetsoc_code, h.task_id) if k not in keys]
        assert not missing, (name, missing[:5])


def test_precision_recall_on_hand_checked_samples(reports):
    _, tables = reports
    pr = tables["precision_recall"].set_index(["sample", "category"])
    assert set(pr.index.get_level_values("sample")) == {"development", "holdout", "pooled"}
    assert pr.loc[("development", "admin"), "n"] == 217
    assert pr.loc[("holdout", "admin"), "n"] == 97
    # floors well below what v1 reaches, so that a broken rule or mapping shows up
    for cat in CATEGORIES:
        assert pr.loc[("pooled", cat), "precision"] >= 0.7, cat
        assert pr.loc[("pooled", cat), "recall"] >= 0.75, cat


def test_shares_of_all_tasks(reports):
    _, tables = reports
    shares = tables["shares"].set_index("category")
    assert (shares["n_tasks"] == 18796).all()
    assert 0.05 < shares.loc["admin", "share"] < 0.15
    assert 0.01 < shares.loc["routine_coding", "share"] < 0.05
    assert 0.005 < shares.loc["entry_creative", "share"] < 0.03
    assert shares.loc["entry_creative", "n_gated"] > 0


def test_committed_reports_are_current(reports):
    out, _ = reports
    for name in ("categories_precision_recall.csv", "categories_shares.csv"):
        fresh = pd.read_csv(out / name)
        committed = pd.read_csv(REPO_REPORTS / name)
        pd.testing.assert_frame_equal(fresh, committed, check_exact=False, atol=1e-4)


def test_cli_report_writes_the_same_files(reports, shared_data, fixtures, tmp_path, capsys):
    """``exposure report categories`` finds the holdout beside the development sample."""
    out, _ = reports
    args = ["report", "categories", "--hand-checked", str(fixtures / "categories" / "hand_checked_v1.csv"),
            "--mirror", str(shared_data), "--data-dir", str(tmp_path / "cache"), "--out-dir", str(tmp_path)]
    assert main(args) == 0
    assert "wrote 2 report(s)" in capsys.readouterr().out
    for name in ("categories_precision_recall.csv", "categories_shares.csv"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes()


def test_full_release_tags_and_explanations(onet):
    out = explain_categories(onet.tasks, onet=onet)
    assert len(out) == 18796
    for cat in CATEGORIES:
        # every tagged task carries an explanation
        assert (out.loc[out[cat], f"{cat}_rule"].str.len() > 0).all()
    # entry_creative only in job zones 1-3
    assert out.loc[out["entry_creative"], "job_zone"].le(3).all()


@pytest.mark.parametrize("use_re2", [True, False])
def test_fast_path_equals_explained_path_on_every_task(onet, use_re2, monkeypatch):
    """tag_categories (fast, RE2 or re) == explain_categories (re) on all O*NET 29.1 tasks."""
    patterns = [r.pattern for r in TEXT_RULES]
    for kwargs in ({"onet": onet}, {}):
        monkeypatch.setattr(categories, "_TEXT_RULESET", RuleSet(patterns, use_re2=False))
        expected = explain_categories(onet.tasks, **kwargs)[list(CATEGORIES)]
        monkeypatch.setattr(categories, "_TEXT_RULESET", RuleSet(patterns, use_re2=use_re2))
        pd.testing.assert_frame_equal(tag_categories(onet.tasks, **kwargs), expected)
