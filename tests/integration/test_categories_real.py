"""Task categories on the real O*NET 29.1 data.

The hand-checked development samples (tests/data/categories/hand_checked*_v1.csv,
dev_v2.csv) and the blind validation sample (tests/data/categories/v2) store only codes,
task ids, design columns, tags and short notes; the task texts are joined from the mirror.
"""

from pathlib import Path

import pandas as pd
import pytest

from exposure.cli import main
from exposure.crosswalks import load_onet_to_soc
from exposure.onet import load_onet
from exposure.reports.categories import (
    read_hand_checked,
    read_validation_sample,
    write_category_reports,
)
from exposure.scoring import categories
from exposure.scoring._inputs import norm_task_id
from exposure.scoring.categories import (
    CATEGORIES,
    TEXT_RULES,
    explain_categories,
    load_category_mapping,
    tag_categories,
)

pytestmark = [pytest.mark.integration, pytest.mark.slow]

REPO_REPORTS = Path(__file__).resolve().parents[2] / "data" / "processed" / "reports"
REPORTS = ("precision_recall", "shares", "annotators", "validation", "estimates")

# F1 reached by mapping v2 on the blind sample (see docs/validation/categories.md); the
# floors are the targets, which v2 reaches on both strata.
F1_FLOORS = {"admin": 0.85, "routine_coding": 0.85, "entry_creative": 0.80}


@pytest.fixture(scope="module")
def onet(shared_data, tmp_path_factory):
    return load_onet("29.1", mirror=shared_data, data_dir=tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def reports(onet, fixtures, shared_data, tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    samples = {"development": fixtures / "categories" / "hand_checked_v1.csv",
               "holdout": fixtures / "categories" / "hand_checked_holdout_v1.csv"}
    xw = load_onet_to_soc(mirror=shared_data, data_dir=tmp_path_factory.mktemp("xw"))
    tables = write_category_reports(samples, out, onet=onet, onet_to_soc=xw)
    return out, tables


def test_mapping_ids_exist_in_onet(onet):
    mapping = load_category_mapping()
    dwa_ids = set(onet.dwas["dwa_id"])
    iwa_ids = set(onet.iwas["iwa_id"])
    for level, id_ in mapping[["level", "id"]].itertuples(index=False):
        assert id_ in (dwa_ids if level == "dwa" else iwa_ids), (level, id_)


def test_labelled_tasks_exist(onet, fixtures):
    keys = set(zip(onet.tasks["onetsoc_code"], onet.tasks["task_id"].map(norm_task_id)))
    for name in ("hand_checked_v1.csv", "hand_checked_holdout_v1.csv", "dev_v2.csv"):
        h = read_hand_checked(fixtures / "categories" / name)
        missing = [k for k in zip(h.onetsoc_code, h.task_id) if k not in keys]
        assert not missing, (name, missing[:5])
    s = read_validation_sample(fixtures / "categories" / "v2")
    assert all(k in keys for k in zip(s.onetsoc_code, s.task_id))


def test_validation_sample_design(fixtures, onet):
    s = read_validation_sample(fixtures / "categories" / "v2")
    assert len(s) == 400 and s["stratum"].value_counts().to_dict() == {"uniform": 260, "enriched": 140}
    assert s["double"].sum() == 110 and s["admin_b"].notna().sum() == 110
    # enriched tasks come from SOC 43, 15-12 and 27 only
    enr = s.loc[s["stratum"] == "enriched", "onetsoc_code"]
    assert enr.str.match(r"^(43-|15-12|27-)").all()
    # the weights make the sample represent all 18,796 tasks
    assert (1 / s["inclusion_prob"]).sum() == pytest.approx(len(onet.tasks), rel=0.1)


def test_annotator_agreement_is_pinned(reports):
    """The blind labels are versioned test data: their agreement must not drift."""
    _, tables = reports
    agree = tables["annotators"].set_index("category")
    assert (agree["n"] == 110).all()
    expected = {"admin": (15, 16, 0.9727, 0.8874), "routine_coding": (7, 5, 0.9818, 0.8240),
                "entry_creative": (2, 2, 1.0, 1.0)}
    for cat, (pa, pb, agreement, kappa) in expected.items():
        row = agree.loc[cat]
        assert (row["positives_a"], row["positives_b"]) == (pa, pb), cat
        assert row["agreement"] == pytest.approx(agreement, abs=1e-4), cat
        assert row["kappa"] == pytest.approx(kappa, abs=1e-4), cat


def test_f1_on_the_blind_sample(reports):
    _, tables = reports
    val = tables["validation"].set_index(["sample", "category"])
    for stratum in ("uniform", "enriched"):
        for cat, floor in F1_FLOORS.items():
            row = val.loc[(stratum, cat)]
            if row["positives"] == 0:  # no entry-level creative task among the 260 uniform
                assert row["tagged"] == 0, (stratum, cat)
                continue
            assert row["f1"] >= floor, (stratum, cat, row["f1"])
    assert val.loc[("uniform", "entry_creative"), "positives"] == 0
    for cat in CATEGORIES:  # population figures with the sampling weights
        row = val.loc[("population", cat)]
        assert row["precision"] >= 0.8 and row["recall"] >= 0.75, cat
        assert row["precision_lo"] <= row["precision"] <= row["precision_hi"]
        assert row["recall_lo"] <= row["recall"] <= row["recall_hi"]


def test_development_samples(reports):
    _, tables = reports
    pr = tables["precision_recall"].set_index(["sample", "category"])
    assert set(pr.index.get_level_values("sample")) == {"development", "holdout", "dev_v2", "pooled"}
    assert pr.loc[("development", "admin"), "n"] == 217
    assert pr.loc[("holdout", "admin"), "n"] == 97
    assert pr.loc[("dev_v2", "admin"), "n"] == 600
    for cat in CATEGORIES:
        assert pr.loc[("dev_v2", cat), "f1"] >= 0.8, cat
        assert pr.loc[("pooled", cat), "precision"] >= 0.8, cat


def test_shares_of_all_tasks_and_estimates(reports):
    _, tables = reports
    shares = tables["shares"].set_index("category")
    assert (shares["n_tasks"] == 18796).all()
    assert 0.04 < shares.loc["admin", "share"] < 0.08
    assert 0.01 < shares.loc["routine_coding", "share"] < 0.03
    assert 0.002 < shares.loc["entry_creative", "share"] < 0.01
    assert shares.loc["entry_creative", "n_gated"] > 0
    est = tables["estimates"].set_index(["category", "basis"])
    for cat in CATEGORIES:
        for basis in ("tasks", "employment"):
            row = est.loc[(cat, basis)]
            assert 0 <= row["estimated_lo"] <= row["estimated"] <= row["estimated_hi"] <= 1
    # admin: the tagger's share of tasks lies inside the label-based interval; routine
    # coding's recall (about 0.8) puts its tagged share below the estimate
    row = est.loc[("admin", "tasks")]
    assert row["estimated_lo"] <= row["tagged"] <= row["estimated_hi"]
    assert est.loc[("routine_coding", "tasks"), "tagged"] < est.loc[("routine_coding", "tasks"), "estimated"]


def test_committed_reports_are_current(reports):
    out, _ = reports
    for name in REPORTS:
        fresh = pd.read_csv(out / f"categories_{name}.csv")
        committed = pd.read_csv(REPO_REPORTS / f"categories_{name}.csv")
        pd.testing.assert_frame_equal(fresh, committed, check_exact=False, atol=1e-4)


def test_cli_report_writes_the_same_files(reports, shared_data, fixtures, tmp_path, capsys,
                                          monkeypatch):
    """``exposure report categories`` finds the holdout, dev_v2 and v2 beside the sample."""
    out, _ = reports
    monkeypatch.setenv("EXPOSURE_MIRROR", str(shared_data))
    monkeypatch.setenv("EXPOSURE_DATA_DIR", str(tmp_path / "cache"))
    args = ["report", "categories", "--hand-checked", str(fixtures / "categories" / "hand_checked_v1.csv"),
            "--mirror", str(shared_data), "--data-dir", str(tmp_path / "cache"), "--out-dir", str(tmp_path)]
    assert main(args) == 0
    assert f"wrote {len(REPORTS)} report(s)" in capsys.readouterr().out
    for name in REPORTS:
        assert (tmp_path / f"categories_{name}.csv").read_bytes() == \
            (out / f"categories_{name}.csv").read_bytes(), name


def test_full_release_tags_and_explanations(onet):
    out = explain_categories(onet.tasks, onet=onet)
    assert len(out) == 18796
    for cat in CATEGORIES:
        # every tagged task carries evidence, none is vetoed or gated
        tagged = out.loc[out[cat], f"{cat}_rule"]
        assert (tagged.str.len() > 0).all() and not tagged.str.contains(r"\[(?:vetoed|gated)").any()
    # entry_creative only in entry-level creative occupations
    assert out.loc[out["entry_creative"], "job_zone"].le(3).all()
    assert out.loc[out["entry_creative"], "context"].str.contains("creative").all()
    # the free-text layer never reaches a task with its code: no text context, no free rule
    assert not out["context"].str.contains("(text)", regex=False).any()
    free = "|".join(r.rule_id for r in TEXT_RULES if r.kind == "free")
    for cat in CATEGORIES:
        assert not out[f"{cat}_rule"].str.contains(free).any()


@pytest.mark.parametrize("use_re2", [True, False])
def test_fast_path_equals_explained_path_on_every_task(onet, use_re2, monkeypatch):
    """tag_categories (fast, RE2 or re) == explain_categories (re) on all O*NET 29.1 tasks."""
    sets = categories._rulesets
    titled = onet.tasks[["task"]].assign(title=onet.tasks["onetsoc_code"].map(
        onet.occupations.set_index("onetsoc_code")["title"]))
    # the texts alone too: every row takes its contexts from its words (the free-text layer)
    for frame, kwargs in ((onet.tasks, {"onet": onet}), (onet.tasks, {}), (titled, {"onet": onet}),
                          (onet.tasks[["task"]], {})):
        for name, rs in sets(False).items():
            monkeypatch.setattr(categories, name, rs)
        expected = explain_categories(frame, **kwargs)[list(CATEGORIES)]
        for name, rs in sets(use_re2).items():
            monkeypatch.setattr(categories, name, rs)
        pd.testing.assert_frame_equal(tag_categories(frame, **kwargs), expected)


def test_free_text_with_titles_agrees_with_codes(onet):
    """Free text scored by occupation title (nearest O*NET title) tags like the codes do."""
    titles = onet.tasks["onetsoc_code"].map(onet.occupations.set_index("onetsoc_code")["title"])
    by_code = tag_categories(onet.tasks, onet=onet)
    free = tag_categories(onet.tasks[["task"]].assign(title=titles), onet=onet)
    for cat in CATEGORIES:
        both = (by_code[cat] & free[cat]).sum()
        assert both >= 0.6 * by_code[cat].sum(), cat  # no DWAs for free text
        assert free[cat].sum() <= 1.1 * by_code[cat].sum(), cat


# Population-weighted F1 of the shipped tagger (v7) on the fresh blind samples, as
# docs/validation/categories.md reports them; v10 decided the revision (the rule written
# before it was labelled); v3 to v9 were read while the rules were revised, so theirs are
# optimistic. A rule change that moves them must update the page.
FRESH_F1 = {
    "v3": {"admin": 0.832, "routine_coding": 1.000, "entry_creative": 0.400},
    "v4": {"admin": 0.854, "routine_coding": 0.734, "entry_creative": 0.667},
    "v5": {"admin": 0.8285, "routine_coding": 0.731, "entry_creative": 0.464},
    "v6": {"admin": 0.890, "routine_coding": 0.667, "entry_creative": 0.800},
    "v7": {"admin": 0.783, "routine_coding": 0.886, "entry_creative": 0.571},
    "v8": {"admin": 0.926, "routine_coding": 0.904, "entry_creative": 0.667},
    "v9": {"admin": 0.778, "routine_coding": 0.745, "entry_creative": 0.264},
    "v10": {"admin": 0.640, "routine_coding": 0.325, "entry_creative": 0.000},
}


@pytest.mark.parametrize("version", sorted(FRESH_F1))
def test_f1_on_the_fresh_blind_samples(onet, fixtures, version):
    from exposure.reports.categories import validation_metrics

    sample = read_validation_sample(fixtures / "categories" / version)
    keys = set(zip(onet.tasks["onetsoc_code"], onet.tasks["task_id"].map(norm_task_id)))
    assert all(k in keys for k in zip(sample.onetsoc_code, sample.task_id))
    tasks = onet.tasks.assign(task_id=onet.tasks["task_id"].map(norm_task_id))
    rows = sample[["onetsoc_code", "task_id"]].merge(tasks, on=["onetsoc_code", "task_id"], how="left")
    predicted = tag_categories(rows[["onetsoc_code", "task_id", "task"]], onet=onet)
    predicted.insert(0, "task_id", rows["task_id"].to_numpy())
    predicted.insert(0, "onetsoc_code", rows["onetsoc_code"].to_numpy())
    got = validation_metrics(sample, predicted, n_boot=10).set_index(["sample", "category"])
    for cat, f1 in FRESH_F1[version].items():
        assert got.loc[("population", cat), "f1"] == pytest.approx(f1, abs=0.0006), (version, cat)
