"""Microsoft applicability rebuild and Anthropic task matching on tiny fixtures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.measures import anthropic, microsoft
from exposure.onet import read_tasks


@pytest.fixture
def ms(fixtures):
    return fixtures / "measures" / "microsoft"


@pytest.fixture
def an(fixtures):
    return fixtures / "measures" / "anthropic"


def test_microsoft_rebuild_hand_computed(ms):
    out = microsoft.rebuild_applicability(
        microsoft.read_iwa_metrics(ms / "iwa_metrics.csv"),
        microsoft.read_soc_iwa_weights(ms / "soc_iwa_weights.csv"),
        microsoft.read_soc_to_iwas(ms / "soc_to_iwas.csv"),
    ).set_index("soc_code")
    # 11-1011: weights 1 and 3. user 1/4*0.8*0.5 + 3/4*0.6*0.5 = 0.325;
    # ai 1/4*0.9*0.4 (I2's share_ai 0.0004 is below the 0.0005 threshold) = 0.09
    assert out.loc["11-1011", "ai_applicability_score_user"] == pytest.approx(0.325)
    assert out.loc["11-1011", "ai_applicability_score_ai"] == pytest.approx(0.09)
    assert out.loc["11-1011", "ai_applicability_score"] == pytest.approx(0.2075)
    # 43-9022: I3 has no conversations (empty completion) and counts as 0, not NaN
    assert out.loc["43-9022", "ai_applicability_score"] == pytest.approx(0.5 * (0.2 + 0.18))
    published = microsoft.read_applicability(ms / "soc_ai_applicability_scores.csv").set_index("soc_code")
    diff = (published["ai_applicability_score"] - out["ai_applicability_score"]).abs().max()
    assert diff < 1e-12


def test_microsoft_rebuild_unknown_iwa(ms):
    links = pd.DataFrame({"soc_code": ["11-1011"], "iwa_id": ["I9"]})
    with pytest.raises(DataFormatError, match="I9"):
        microsoft.rebuild_applicability(
            microsoft.read_iwa_metrics(ms / "iwa_metrics.csv"),
            microsoft.read_soc_iwa_weights(ms / "soc_iwa_weights.csv"),
            links,
        )


def test_microsoft_bad_score_names_row_and_column(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("SOC Code,title,ai_applicability_score\n11-1011,a,0.1\n11-1021,b,high\n")
    with pytest.raises(DataFormatError) as exc:
        microsoft.read_applicability(p)
    assert (exc.value.row, exc.value.column) == (3, "ai_applicability_score")


def test_normalize_task_quotes_case_period():
    assert anthropic.normalize_task("Direct an organization\u2019s  budget.") == "direct an organization's budget"


def test_anthropic_match_and_aggregate_hand_computed(an):
    usage = anthropic.read_task_usage(an / "task_pct.csv")
    assert usage["usage_share"].sum() == pytest.approx(1.0)
    collab = anthropic.read_task_collaboration(an / "collaboration.csv")
    onet = read_tasks(an / "Task Statements.txt")
    older = anthropic._read_older_tasks(an / "older_task_statements.csv")
    m = anthropic.match_tasks(usage["task_name"], onet, older)
    assert m.attrs["n_names"] == 4 and m.attrs["n_text"] == 2 and m.attrs["n_matched"] == 3
    assert m.attrs["unmatched"] == ["a task that o*net never had."]
    budget = m[m["task_name"].str.startswith("direct")]
    assert budget["split"].tolist() == [0.5, 0.5]  # text in two O*NET occupations (curly quote in one)
    assert set(m.loc[m["match"] == "task_id", "task_id"]) == {"7000"}
    out = anthropic.anthropic_to_soc(usage, collab, m).set_index("soc_code")
    assert out.loc["11-1011", "anthropic_usage"] == pytest.approx(0.5)
    assert out.loc["43-9022", "anthropic_usage"] == pytest.approx(0.3)
    assert out.loc["15-1252", "anthropic_usage"] == pytest.approx(0.15)
    assert out.loc["11-1011", "anthropic_automation"] == pytest.approx(0.6)
    assert out.loc["15-1252", "anthropic_augmentation"] == pytest.approx(0.5)
    assert out.loc["11-1011", "crosswalk_weight"] == pytest.approx(1.0)
    assert out.loc["11-1011", "n_sources"] == 2


def test_anthropic_without_older_release_matches_less(an):
    usage = anthropic.read_task_usage(an / "task_pct.csv")
    m = anthropic.match_tasks(usage["task_name"], read_tasks(an / "Task Statements.txt"))
    assert m.attrs["n_matched"] == 2


def test_anthropic_unexpected_columns(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("task,share\na,1\n")
    with pytest.raises(DataFormatError) as exc:
        anthropic.read_task_usage(p)
    assert exc.value.column == "task_name"


def test_anthropic_shares_over_one(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("task_name,directive,feedback_loop,learning,filtered,task_iteration,validation,pct\n"
                 "a,0.9,0.5,0,0,0,0,0.1\n")
    with pytest.raises(DataFormatError, match="more than 1"):
        anthropic.read_task_collaboration(p)


def test_anthropic_negative_share_is_refused(tmp_path):
    """-0.5 became 0 after automation had been summed with it (0.4, the row no longer adding up)."""
    p = tmp_path / "c.csv"
    p.write_text("task_name,directive,feedback_loop,learning,filtered,task_iteration,validation,pct\n"
                 "a,0.2,0.1,0,0,0,0,0.1\n"
                 "b,-0.5,0.9,0.1,0.2,0.1,0,0.01\n")
    with pytest.raises(DataFormatError, match="a share must be 0 or more, got -0.5") as err:
        anthropic.read_task_collaboration(p)
    assert (err.value.row, err.value.column) == (3, "directive")


def test_anthropic_collaboration_without_usage_leaves_usage_missing():
    m = pd.DataFrame({"task_name": ["a"], "onetsoc_code": ["11-1011.00"], "task_id": ["1"], "split": [1.0]})
    c = pd.DataFrame({"task_name": ["a"], "automation": [0.3], "augmentation": [0.6], "usage_share": [0.2]})
    out = anthropic.anthropic_to_soc(None, c, m)
    assert np.isnan(out.loc[0, "anthropic_usage"]) and out.loc[0, "anthropic_automation"] == pytest.approx(0.3)
