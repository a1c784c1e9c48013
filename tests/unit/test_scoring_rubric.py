"""Unit tests of exposure.scoring.rubric on small made-up frames."""

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from exposure import _measures
from exposure.errors import DataFormatError
from exposure.scoring import rubric
from exposure.scoring._features import normalise_text
from exposure.scoring._rules import RuleSet
from exposure.scoring.rubric import (
    DEFAULT_PRIOR,
    FIRST_VERBS,
    JOB_ZONE_PRIOR,
    KEYWORD_RULES,
    LABEL_VECTORS,
    LABELS,
    PRIOR_WEIGHT,
    load_rubric_rules,
    score_rubric,
)

P = ["p_e0", "p_e1", "p_e2"]
NEUTRAL = "Zorble the quux."  # no verb or keyword rule fires


def make_onet(links, job_zones):
    task_dwas = pd.DataFrame(links, columns=["onetsoc_code", "task_id", "dwa_id"])
    dwa_ids = sorted({d for _, _, d in links})
    dwas = pd.DataFrame({"dwa_id": dwa_ids, "iwa_id": [d.rsplit(".", 1)[0] for d in dwa_ids]})
    job_zones_frame = pd.DataFrame(
        {"onetsoc_code": list(job_zones), "job_zone": list(job_zones.values())}
    )
    return SimpleNamespace(task_dwas=task_dwas, dwas=dwas, job_zones=job_zones_frame)


def expected(votes, prior):
    total = sum(np.array(LABEL_VECTORS[v]) for v in votes) + PRIOR_WEIGHT * np.array(prior)
    return total / (len(votes) + PRIOR_WEIGHT)


def test_prior_only():
    out = score_rubric(pd.DataFrame({"task": [NEUTRAL, NEUTRAL], "job_zone": [1, None]}))
    np.testing.assert_allclose(out.loc[0, P].to_numpy(float), JOB_ZONE_PRIOR[1])
    np.testing.assert_allclose(out.loc[1, P].to_numpy(float), DEFAULT_PRIOR)
    assert out.loc[0, "rule"] == "job zone 1 prior"
    assert out.loc[1, "rule"] == "job zone unknown prior"


def test_hand_computed_text_rules():
    # verb 'weld' -> E0 and kw:physical ('torches') -> E0, unknown job zone:
    # (2 * (0.80, 0.10, 0.10) + 0.5 * (0.50, 0.15, 0.35)) / 2.5 = (0.74, 0.11, 0.15)
    out = score_rubric(pd.DataFrame({"task": ["Weld steel beams using torches."]}))
    np.testing.assert_allclose(out.loc[0, P].to_numpy(float), [0.74, 0.11, 0.15])
    assert "verb 'weld' -> E0" in out.loc[0, "rule"]
    assert "kw:physical -> E0" in out.loc[0, "rule"]


def test_verb_paths_pick_each_label():
    frame = pd.DataFrame(
        {"task": ["Drive trucks to sites.", "Translate texts.", "Schedule the work."]}
    )
    out = score_rubric(frame)
    assert out[P].to_numpy().argmax(axis=1).tolist() == [0, 1, 2]


def test_iwa_rule_path():
    # Neutral text; the DWA's IWA 4.A.3.a.4.I01 (operate vehicles) is E0 and the
    # occupation is in job zone 2.
    onet = make_onet([("53-0000.00", 7, "4.A.3.a.4.I01.D01")], {"53-0000.00": 2})
    frame = pd.DataFrame({"onetsoc_code": ["53-0000.00"], "task_id": ["7.0"], "task": [NEUTRAL]})
    out = score_rubric(frame, onet=onet)
    np.testing.assert_allclose(out.loc[0, P].to_numpy(float), expected(["E0"], JOB_ZONE_PRIOR[2]))
    assert out.loc[0, "rule"] == "iwa 4.A.3.a.4.I01 -> E0 (driving or piloting); job zone 2 prior"


def test_dwa_override_path():
    # IWA 4.A.4.c.1.I01 (clerical) is E2, but its DWA D04 (business letters) is E1.
    onet = make_onet(
        [("43-0000.00", 1, "4.A.4.c.1.I01.D04"), ("43-0000.00", 2, "4.A.4.c.1.I01.D02")],
        {"43-0000.00": 3},
    )
    frame = pd.DataFrame(
        {"onetsoc_code": ["43-0000.00"] * 2, "task_id": [1, 2], "task": [NEUTRAL] * 2}
    )
    out = score_rubric(frame, onet=onet)
    np.testing.assert_allclose(out.loc[0, P].to_numpy(float), expected(["E1"], JOB_ZONE_PRIOR[3]))
    np.testing.assert_allclose(out.loc[1, P].to_numpy(float), expected(["E2"], JOB_ZONE_PRIOR[3]))
    assert out.loc[0, "rule"].startswith("dwa 4.A.4.c.1.I01.D04 -> E1")
    assert out.loc[1, "rule"].startswith("iwa 4.A.4.c.1.I01 -> E2")


def test_several_dwas_average():
    onet = make_onet(
        [("15-0000.00", 1, "4.A.3.a.4.I01.D01"), ("15-0000.00", 1, "4.A.3.b.6.I16.D01")],
        {"15-0000.00": 4},
    )
    frame = pd.DataFrame({"onetsoc_code": ["15-0000.00"], "task_id": [1], "task": [NEUTRAL]})
    out = score_rubric(frame, onet=onet)
    np.testing.assert_allclose(
        out.loc[0, P].to_numpy(float), expected(["E0", "E1"], JOB_ZONE_PRIOR[4])
    )


def test_without_keys_onet_is_ignored():
    onet = make_onet([("53-0000.00", 7, "4.A.3.a.4.I01.D01")], {"53-0000.00": 2})
    out = score_rubric(pd.DataFrame({"task": [NEUTRAL]}), onet=onet)
    np.testing.assert_allclose(out.loc[0, P].to_numpy(float), DEFAULT_PRIOR)


def test_output_shape_and_sums():
    frame = pd.DataFrame(
        {"task": ["Write reports.", "Lift boxes.", "Enter data.", NEUTRAL],
         "title": ["a", "b", "c", "d"]},
        index=[5, 6, 7, 8],
    )
    out = score_rubric(frame)
    assert list(out.columns) == P + ["rule"]
    assert list(out.index) == [5, 6, 7, 8]
    np.testing.assert_allclose(out[P].sum(axis=1), 1.0)
    assert ((out[P] > 0) & (out[P] < 1)).all().all()


def test_missing_column_and_bad_cells():
    with pytest.raises(DataFormatError, match="missing text column 'task'"):
        score_rubric(pd.DataFrame({"x": ["a"]}))
    with pytest.raises(DataFormatError) as err:
        score_rubric(pd.DataFrame({"task": ["Write.", None]}))
    assert err.value.row == 2 and err.value.column == "task"


def test_rule_table():
    rules = load_rubric_rules()
    iwa = rules[rules["level"] == "iwa"]
    assert len(iwa) == 332 and iwa["id"].is_unique
    assert set(rules["label"]) == {"E0", "E1", "E2"}
    assert rules["note"].str.len().min() > 0
    # every DWA override refers to an IWA present in the table
    for dwa in rules.loc[rules["level"] == "dwa", "id"]:
        assert dwa.rsplit(".", 1)[0] in set(iwa["id"])
    with pytest.raises(DataFormatError, match="no rubric rule table"):
        load_rubric_rules("v0")


def test_vectors_and_priors_are_distributions():
    for v in [*LABEL_VECTORS.values(), *JOB_ZONE_PRIOR.values(), DEFAULT_PRIOR]:
        assert sum(v) == pytest.approx(1.0)
    assert all(label in LABEL_VECTORS for label, _ in FIRST_VERBS.values())
    assert len({r.rule_id for r in KEYWORD_RULES}) == len(KEYWORD_RULES)


def test_labels_are_the_shared_fact():
    assert LABELS is _measures.LABELS
    assert list(LABEL_VECTORS) == list(LABELS)


KEYWORD_TEXTS = [
    "Update spreadsheets and databases online.",
    "Write reports, letters and manuals.",
    "Operate forklifts and hoists to move lumber.",
    "Explain procedures to patients face-to-face.",
    "Analyse trends in sales data; forecast demand.",
    "“Café” réservations: e-mail the guests.",  # not ASCII (curly quotes stay): matched with re
    "Tab\tseparated text about computers.",  # not printable: matched with re
    NEUTRAL,
]


@pytest.mark.parametrize("use_re2", [True, False])
def test_keyword_rules_fire_as_searched_rule_by_rule(use_re2, monkeypatch):
    monkeypatch.setattr(rubric, "_KEYWORD_RULESET",
                        RuleSet((r.pattern for r in KEYWORD_RULES), use_re2=use_re2))
    out = score_rubric(pd.DataFrame({"task": KEYWORD_TEXTS}))
    for i, text in enumerate(KEYWORD_TEXTS):
        fired = {part.split(" -> ")[0] for part in out.loc[i, "rule"].split("; ")}
        for rule in KEYWORD_RULES:
            # the rules read the text as score_tasks does (round 33: 'réservations' is 'reservations')
            assert (rule.rule_id in fired) == rule.search(normalise_text(text)), (text, rule.rule_id)


def test_email_keyword_in_the_plural_and_with_unicode_hyphens():
    # "e-mails" matched no keyword rule (only "e-mail" did); U+2010/U+2011 hyphens neither
    texts = ["Reply to customer e-mails.", "Reply to customer emails.", "Reply to customer e\u2011mails.",
             "Send e\u2010mail to clients."]
    out = score_rubric(pd.DataFrame({"task": texts}))
    assert all("kw:software" in rule for rule in out["rule"]), out["rule"].tolist()
