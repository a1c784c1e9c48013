"""Published measures on the real files: coverage, Anthropic match rate, Microsoft rebuild."""

from __future__ import annotations

import pandas as pd
import pytest

from exposure.measures import anthropic, compare, felten, ilo, microsoft, webb

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def where(shared_data, tmp_path_factory):
    return {"mirror": shared_data, "data_dir": tmp_path_factory.mktemp("cache")}


def test_microsoft_rebuild_matches_published_to_1e9(where):
    out = microsoft.load_rebuild(**where)
    assert len(out) == 785  # every published SOC code
    assert out["rebuilt"].notna().all()
    assert out.attrs["max_abs_diff"] <= 1e-9


@pytest.mark.parametrize("variant", ["aioe", "lm", "ig"])
def test_felten_every_code_crosses(where, variant):
    out = felten.load_felten(variant, **where)
    assert out.attrs["n_source"] == 774 and out.attrs["unmatched"] == []
    assert 790 <= len(out) <= 810
    assert out["aioe"].notna().all()


@pytest.mark.parametrize("variant", ["aioe", "lm", "ig"])
def test_felten_industries(where, variant):
    out = felten.load_felten_industries(variant, **where)
    assert len(out) == 250
    assert out["naics"].str.fullmatch(r"[0-9]{4}(A[0-9])?").all()


def test_webb_coverage(where):
    out = webb.load_webb(**where)
    assert out.attrs["n_source"] == 341
    assert out.attrs["n_matched"] >= 335
    assert out["webb_ai"].between(0, 1).all()


def test_ilo_reads_427_groups(where):
    path = felten._common.resolve(ilo.SCORES, **where)
    scores = ilo.read_ilo(path)
    assert len(scores) == 427 and scores["n_tasks"].sum() == 3266
    out = ilo.load_ilo(**where)
    assert out.attrs["unmatched"] == [] and len(out) > 800


def test_anthropic_match_rate(where):
    out = anthropic.load_anthropic("v2", **where)
    a = out.attrs
    assert a["n_source"] == 3365
    assert a["n_text"] / a["n_source"] > 0.8
    assert a["n_matched"] / a["n_source"] > 0.9
    assert a["usage_matched"] > 0.8
    assert out["anthropic_automation"].dropna().between(0, 1).all()


@pytest.mark.slow
def test_compare_all_published(where):
    res = compare.compare(**where)
    cov = res.coverage.set_index("measure")
    assert set(cov.index) == set(compare.MEASURES)
    assert (cov["emp_share"] > 0.7).all()
    assert cov.loc["microsoft_applicability", "emp_share"] > 0.95
    corr = res.correlations.set_index(["measure_a", "measure_b"])
    # the LLM-era measures agree with each other; Webb's (pre-LLM) AI patents do not
    assert corr.loc[("eloundou_human_beta", "felten_lm_aioe"), "spearman"] > 0.7
    assert corr.loc[("felten_lm_aioe", "ilo_2025"), "spearman"] > 0.6
    assert abs(corr.loc[("felten_lm_aioe", "webb_ai"), "spearman"]) < 0.3
    assert len(res.disagreements) > 0


def test_to_isco_on_microsoft_scores(where):
    soc = microsoft.load_microsoft(**where).rename(columns={"ai_applicability_score": "score"})
    out = ilo.to_isco(soc[["soc_code", "score"]], **where)
    assert len(out) > 400
    assert len(out.attrs["unmatched"]) < 20
    assert out["score"].between(0, 1).all()
    assert isinstance(out, pd.DataFrame)
