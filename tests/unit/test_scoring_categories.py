"""Unit tests of exposure.scoring.categories on small made-up frames.

Each rule path is exercised: the DWA/IWA mapping (IWA entry, DWA entry, DWA ``none``
override), the text rules, and the job-zone gate of entry_creative.
"""

from types import SimpleNamespace

import pandas as pd
import pytest

from exposure import _measures
from exposure.errors import DataFormatError
from exposure.scoring import categories
from exposure.scoring._rules import RuleSet
from exposure.scoring.categories import (
    CATEGORIES,
    CATEGORY_MAPPING_VERSION,
    TEXT_RULES,
    explain_categories,
    load_category_mapping,
    tag_categories,
)


def make_onet(links, job_zones):
    """A fake O*NET release: links = [(code, task_id, dwa_id)], job_zones = {code: jz}."""
    task_dwas = pd.DataFrame(links, columns=["onetsoc_code", "task_id", "dwa_id"])
    dwa_ids = sorted({d for _, _, d in links})
    dwas = pd.DataFrame(
        {
            "dwa_id": dwa_ids,
            "dwa_title": ["made-up"] * len(dwa_ids),
            "iwa_id": [d.rsplit(".", 1)[0] for d in dwa_ids],
            "element_id": [d.rsplit(".", 2)[0] for d in dwa_ids],
        }
    )
    occupations = pd.DataFrame(
        {
            "onetsoc_code": list(job_zones),
            "title": ["x"] * len(job_zones),
            "description": ["x"] * len(job_zones),
            "job_zone": pd.array(list(job_zones.values()), dtype="Int64"),
        }
    )
    return SimpleNamespace(task_dwas=task_dwas, dwas=dwas, occupations=occupations)


# Neutral text: fires no text rule, so only the mapping decides.
NEUTRAL = "Zorble the quux."


def test_neutral_text_fires_nothing():
    out = explain_categories(pd.DataFrame({"task": [NEUTRAL]}))
    assert not out.loc[0, list(CATEGORIES)].any()
    assert (out.loc[0, [f"{c}_rule" for c in CATEGORIES]] == "").all()


def test_iwa_mapping_entry_tags_admin():
    # 4.A.3.b.6.I08 (keep operational records) is mapped to admin at IWA level.
    onet = make_onet([("43-0000.00", 1, "4.A.3.b.6.I08.D05")], {"43-0000.00": 2})
    frame = pd.DataFrame({"onetsoc_code": ["43-0000.00"], "task_id": ["1"], "task": [NEUTRAL]})
    out = explain_categories(frame, onet=onet)
    assert out.loc[0, "admin"]
    assert out.loc[0, "admin_rule"].startswith("iwa 4.A.3.b.6.I08:")
    assert not out.loc[0, "routine_coding"]


def test_dwa_none_overrides_iwa_entry():
    # D02 (documenting procedures) is set to 'none' although its IWA is admin.
    onet = make_onet([("43-0000.00", 1, "4.A.3.b.6.I08.D02")], {"43-0000.00": 2})
    frame = pd.DataFrame({"onetsoc_code": ["43-0000.00"], "task_id": [1], "task": [NEUTRAL]})
    assert not tag_categories(frame, onet=onet).loc[0, "admin"]


def test_dwa_entry_without_iwa_entry():
    # IWA 4.A.3.b.1.I01 (program systems or production equipment) has no entry; only its
    # DWA D03 (write code) is routine coding, D01 (enter commands into equipment) is not.
    onet = make_onet(
        [("15-0000.00", 1, "4.A.3.b.1.I01.D03"), ("51-0000.00", 2, "4.A.3.b.1.I01.D01")],
        {"15-0000.00": 4, "51-0000.00": 2},
    )
    frame = pd.DataFrame(
        {"onetsoc_code": ["15-0000.00", "51-0000.00"], "task_id": [1, 2], "task": [NEUTRAL] * 2}
    )
    out = explain_categories(frame, onet=onet)
    assert out["routine_coding"].tolist() == [True, False]
    assert out.loc[0, "routine_coding_rule"] == "dwa 4.A.3.b.1.I01.D03: writing code"


def test_task_id_forms_match():
    onet = make_onet([("43-0000.00", 20699, "4.A.2.b.5.I03.D01")], {"43-0000.00": 2})
    for tid in (20699, "20699", "20699.0", 20699.0):
        frame = pd.DataFrame({"onetsoc_code": ["43-0000.00"], "task_id": [tid], "task": [NEUTRAL]})
        assert tag_categories(frame, onet=onet).loc[0, "admin"], tid


@pytest.mark.parametrize(
    ("text", "category", "rule_id"),
    [
        ("Answer telephones and take messages.", "admin", "admin:communication"),
        ("Schedule appointments for clients.", "admin", "admin:schedule"),
        ("Enter customer data into computers.", "admin", "admin:data_entry"),
        ("Maintain personnel records and files.", "admin", "admin:records"),
        ("File documents alphabetically.", "admin", "admin:records"),
        ("Prepare invoices for shipments.", "admin", "admin:paperwork"),
        ("Type memos and letters.", "admin", "admin:correspondence"),
        ("Write and debug code for web applications.", "routine_coding", "routine_coding:code"),
        ("Resolve software problems reported by users.", "routine_coding", "routine_coding:it_support"),
        ("Write SQL queries.", "routine_coding", "routine_coding:languages"),
    ],
)
def test_text_rules(text, category, rule_id):
    out = explain_categories(pd.DataFrame({"task": [text]}))
    assert out.loc[0, category], text
    assert f"text {rule_id}" in out.loc[0, f"{category}_rule"]
    others = [c for c in CATEGORIES if c != category]
    assert not out.loc[0, others].any(), text


@pytest.mark.parametrize(
    "text",
    [
        "Weld steel beams.",
        "Clean brass particles from files by drawing file cards through file grooves.",
        "Select sources from which programming will be received.",
        "Write and edit scripts for broadcasts.",
        "Operate cash registers and compute bills.",
        "Pick up passengers according to appointments or schedules.",
    ],
)
def test_text_rules_do_not_fire_on_lookalikes(text):
    out = tag_categories(pd.DataFrame({"task": [text], "job_zone": [5]}))
    assert not out.loc[0, ["admin", "routine_coding"]].any(), text


def test_entry_creative_job_zone_gate_from_column():
    frame = pd.DataFrame(
        {"task": ["Draft copy for brochures."] * 4, "job_zone": [1, 3, 4, None]}
    )
    out = explain_categories(frame)
    assert out["entry_creative"].tolist() == [True, True, False, False]
    assert out.loc[2, "entry_creative_rule"].endswith("[gated: job zone 4 > 3]")
    assert out.loc[3, "entry_creative_rule"].endswith("[gated: job zone unknown]")
    assert out["job_zone"].tolist()[:3] == [1, 3, 4]


def test_entry_creative_job_zone_gate_from_onet():
    # DWA 4.A.2.b.2.I18.D15 (illustrations) is entry_creative; gate by the occupation's zone.
    onet = make_onet(
        [("27-1000.00", 1, "4.A.2.b.2.I18.D15"), ("27-2000.00", 2, "4.A.2.b.2.I18.D15")],
        {"27-1000.00": 3, "27-2000.00": 5},
    )
    frame = pd.DataFrame(
        {"onetsoc_code": ["27-1000.00", "27-2000.00"], "task_id": [1, 2], "task": [NEUTRAL] * 2}
    )
    out = explain_categories(frame, onet=onet)
    assert out["entry_creative"].tolist() == [True, False]
    assert "[gated: job zone 5 > 3]" in out.loc[1, "entry_creative_rule"]


def test_index_preserved_and_dtypes():
    frame = pd.DataFrame({"task": ["File records.", "Weld pipes."]}, index=["a", "b"])
    out = tag_categories(frame)
    assert list(out.index) == ["a", "b"]
    assert list(out.columns) == list(CATEGORIES)
    assert all(out[c].dtype == bool for c in CATEGORIES)


def test_empty_frame():
    out = tag_categories(pd.DataFrame({"task": pd.Series([], dtype=str)}))
    assert len(out) == 0 and list(out.columns) == list(CATEGORIES)


def test_missing_text_column_names_column():
    with pytest.raises(DataFormatError, match="missing text column 'task'") as err:
        tag_categories(pd.DataFrame({"text": ["x"]}))
    assert err.value.column == "task"


@pytest.mark.parametrize("bad", ["", "   ", None, float("nan"), 3])
def test_bad_cell_names_row_and_column(bad):
    frame = pd.DataFrame({"statement": ["File records.", bad]}, index=[10, 11])
    with pytest.raises(DataFormatError) as err:
        tag_categories(frame, text_column="statement")
    assert err.value.column == "statement"
    assert err.value.row == 2
    assert "index 11" in str(err.value)


def test_not_a_frame():
    with pytest.raises(DataFormatError, match="DataFrame"):
        tag_categories(["File records."])


def test_mapping_file():
    mapping = load_category_mapping()
    assert CATEGORY_MAPPING_VERSION == "v1"
    assert set(mapping["level"]) == {"dwa", "iwa"}
    assert set(mapping["category"]) == {"admin", "routine_coding", "entry_creative", "none"}
    assert mapping["note"].str.len().min() > 0
    assert not mapping.duplicated(["level", "id", "category"]).any()
    # 'none' is only meaningful on DWAs whose IWA has an entry
    iwa_ids = set(mapping.loc[mapping["level"] == "iwa", "id"])
    for dwa in mapping.loc[mapping["category"] == "none", "id"]:
        assert dwa.rsplit(".", 1)[0] in iwa_ids, dwa


def test_unknown_mapping_version():
    with pytest.raises(DataFormatError, match="no category mapping version 'v0'"):
        load_category_mapping("v0")


def test_categories_are_the_shared_fact():
    assert CATEGORIES is _measures.CATEGORIES


def test_text_rule_ids_unique():
    ids = [r.rule_id for r in TEXT_RULES]
    assert len(ids) == len(set(ids))
    assert {r.category for r in TEXT_RULES} == set(CATEGORIES)


# The fast path (tag_categories) must give exactly the flags of the explained path, with
# RE2 and with Python's re, on texts that exercise every rule, look-alikes, mixed case and
# non-ASCII letters, and on O*NET links that go through the DWA override and the IWA entry.
FAST_PATH_TEXTS = [
    "Answer telephones and take messages.",
    "SCHEDULE APPOINTMENTS for clients.",
    "Enter customer data into computers.",
    "Maintain personnel records and files.",
    "Prepare invoices for shipments.",
    "Type memos and letters.",
    "Write and debug code for web applications.",
    "Resolve software problems reported by users.",
    "Write SQL queries.",
    "Draft copy for brochures and sketch layouts.",
    "Research background facts for stories.",
    "Weld steel beams.",
    "Pick up passengers according to appointments or schedules.",
    "Rédiger le résumé; schedule café réservations for staff.",
    NEUTRAL,
]


def ruleset(use_re2):
    return RuleSet((r.pattern for r in TEXT_RULES), use_re2=use_re2)


@pytest.mark.parametrize("use_re2", [True, False])
def test_fast_path_equals_explained_path(use_re2, monkeypatch):
    """tag_categories (RE2 or re) == explain_categories matched with re only."""
    n = len(FAST_PATH_TEXTS)
    frame = pd.DataFrame({
        "onetsoc_code": ["11-1111.00"] * (n - 1) + ["22-2222.00"],
        "task_id": [str(i) for i in range(n)],
        "task": FAST_PATH_TEXTS,
    })
    mapping = load_category_mapping()
    iwa = mapping.loc[mapping["level"] == "iwa", "id"].iloc[0]
    onet = make_onet([("22-2222.00", str(n - 1), f"{iwa}.001")], {"11-1111.00": 2, "22-2222.00": 3})
    for kwargs in ({}, {"onet": onet}):
        monkeypatch.setattr(categories, "_TEXT_RULESET", ruleset(use_re2=False))
        expected = explain_categories(frame, **kwargs)[list(CATEGORIES)]
        monkeypatch.setattr(categories, "_TEXT_RULESET", ruleset(use_re2))
        pd.testing.assert_frame_equal(tag_categories(frame, **kwargs), expected)
    assert tag_categories(frame, onet=onet)[list(CATEGORIES)].to_numpy().any()
    # the explanations name exactly the text rules that search() finds, rule by rule
    monkeypatch.setattr(categories, "_TEXT_RULESET", ruleset(use_re2))
    explained = explain_categories(frame)
    for i, text in enumerate(FAST_PATH_TEXTS):
        for rule in TEXT_RULES:
            evidence = explained.loc[i, f"{rule.category}_rule"].split(" [gated")[0].split("; ")
            named = f"text {rule.rule_id}" in evidence
            assert named == rule.search(text), (text, rule.rule_id)
