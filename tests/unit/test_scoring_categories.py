"""Unit tests of exposure.scoring.categories on small made-up frames.

Each path is exercised: the occupation context (from the code, the nearest O*NET title or
title keywords), the DWA/IWA mapping with its scope (IWA entry, DWA entry, DWA ``none``
override), the text rules of every kind (strong, any, context, vetoes), and the entry-level
gate of entry_creative.
"""

from types import SimpleNamespace

import pandas as pd
import pytest

from exposure import _measures
from exposure.errors import DataFormatError
from exposure.scoring import categories
from exposure.scoring.categories import (
    CATEGORIES,
    CATEGORY_MAPPING_VERSION,
    RULE_KINDS,
    TEXT_RULES,
    explain_categories,
    load_category_mapping,
    nearest_occupations,
    tag_categories,
)


def make_onet(links, job_zones, titles=None):
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
    titles = titles or {}
    occupations = pd.DataFrame(
        {
            "onetsoc_code": list(job_zones),
            "title": [titles.get(c, "Zorblers") for c in job_zones],
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


def test_iwa_mapping_entry_counts_only_in_its_context():
    # 4.A.3.b.6.I08 (keep operational records) is admin at IWA level, scope "context":
    # record keeping is clerical in an office job, not in a nursing or a plant job.
    onet = make_onet([("43-0000.00", 1, "4.A.3.b.6.I08.D05"), ("29-0000.00", 2, "4.A.3.b.6.I08.D05")],
                     {"43-0000.00": 2, "29-0000.00": 3})
    frame = pd.DataFrame({"onetsoc_code": ["43-0000.00", "29-0000.00"], "task_id": ["1", 2],
                          "task": [NEUTRAL] * 2})
    out = explain_categories(frame, onet=onet)
    assert out["admin"].tolist() == [True, False]
    assert out.loc[0, "admin_rule"] == ("iwa 4.A.3.b.6.I08: keeping operational records and logs "
                                        "(clerical occupation)")
    assert out.loc[1, "admin_rule"].endswith("(needs clerical occupation)")
    assert out["context"].tolist() == ["clerical", ""]


def test_dwa_none_overrides_iwa_entry():
    # D02 (documenting procedures) is set to 'none' although its IWA is admin.
    onet = make_onet([("43-0000.00", 1, "4.A.3.b.6.I08.D02")], {"43-0000.00": 2})
    frame = pd.DataFrame({"onetsoc_code": ["43-0000.00"], "task_id": [1], "task": [NEUTRAL]})
    assert not tag_categories(frame, onet=onet).loc[0, "admin"]


def test_dwa_entry_of_scope_any():
    # IWA 4.A.3.b.1.I01 (program systems or production equipment) has no entry; its DWA
    # D03 (write code) is routine coding in every occupation, D01 (enter commands into
    # equipment) is not.
    onet = make_onet(
        [("17-0000.00", 1, "4.A.3.b.1.I01.D03"), ("51-0000.00", 2, "4.A.3.b.1.I01.D01")],
        {"17-0000.00": 4, "51-0000.00": 2},
    )
    frame = pd.DataFrame(
        {"onetsoc_code": ["17-0000.00", "51-0000.00"], "task_id": [1, 2], "task": [NEUTRAL] * 2}
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
        ("Answer telephones and take messages.", "admin", "admin:phones"),
        ("Schedule appointments for clients.", "admin", "admin:schedule"),
        ("Enter customer data into computers.", "admin", "admin:typing"),
        ("Maintain personnel records and files.", "admin", "admin:business_records"),
        ("File documents alphabetically.", "admin", "admin:filing"),
        ("Prepare invoices for shipments.", "admin", "admin:bookkeeping"),
        ("Sort and route incoming mail.", "admin", "admin:mail"),
        ("Fill out insurance claims forms.", "admin", "admin:paperwork"),
        ("Write and debug code for web applications.", "routine_coding", "routine_coding:code"),
        ("Resolve software problems reported by users.", "routine_coding", "routine_coding:it_support"),
        ("Write SQL queries.", "routine_coding", "routine_coding:languages"),
    ],
)
def test_text_rules_in_any_occupation(text, category, rule_id):
    out = explain_categories(pd.DataFrame({"task": [text]}))
    assert out.loc[0, category], text
    assert f"text {rule_id}" in out.loc[0, f"{category}_rule"]
    others = [c for c in CATEGORIES if c != category]
    assert not out.loc[0, others].any(), text


@pytest.mark.parametrize(
    ("text", "clerical", "other"),
    [
        # the same record keeping is clerical in an office job, professional elsewhere
        ("Maintain records of patients' medical history.", "Medical Secretary", "Nurse"),
        ("Check documents for completeness.", "Order Clerk", "Building Inspector"),
        ("Notify departments of policy cancellations.", "Insurance Clerk", "Geologist"),
    ],
)
def test_context_rules_and_professional_veto(text, clerical, other):
    frame = pd.DataFrame({"task": [text] * 2, "title": [clerical, other]})
    out = explain_categories(frame)
    assert out["admin"].tolist() == [True, False], out["admin_rule"].tolist()
    assert out.loc[0, "context"] == "clerical"


@pytest.mark.parametrize(
    "text",
    [
        "Supervise clerks who answer telephones and file records.",  # management
        "Sell insurance by telephone to potential customers.",  # sales
        "Hold regularly scheduled office hours to advise students.",  # office hours
        "Maintain records of evidence collected at crime scenes.",  # professional records
    ],
)
def test_admin_vetoes(text):
    out = explain_categories(pd.DataFrame({"task": [text]}))
    assert not out.loc[0, "admin"], out.loc[0, "admin_rule"]


@pytest.mark.parametrize(
    "text",
    [
        "Design software systems architectures.",
        "Recommend purchase of equipment to control dust.",
        "Program CNC machines to cut parts.",
        "Train users in the use of new software.",
        "Develop database architectures and data models.",
    ],
)
def test_routine_coding_exclusions_from_the_definitions(text):
    frame = pd.DataFrame({"task": [text] * 2, "title": ["Software Developer", "Machinist"]})
    assert not tag_categories(frame)["routine_coding"].any(), text


@pytest.mark.parametrize(
    "text",
    [
        "Weld steel beams.",
        "Clean brass particles from files by drawing file cards through file grooves.",
        "Select sources from which programming will be received.",
        "Operate cash registers and compute bills.",
        "Pick up passengers according to appointments or schedules.",
        "Monitor switchboard gauges and dials.",
    ],
)
def test_text_rules_do_not_fire_on_lookalikes(text):
    out = tag_categories(pd.DataFrame({"task": [text], "job_zone": [5]}))
    assert not out.loc[0, ["admin", "routine_coding"]].any(), text


def test_entry_creative_needs_a_creative_entry_level_occupation():
    text = "Draft copy for brochures."
    frame = pd.DataFrame({
        "task": [text] * 6,
        "title": ["Junior Copywriter", "Copywriter", "Copywriter", "Copywriter", "Welder",
                  "Junior Welder"],
        "job_zone": [None, 3, 4, None, 2, None],
    })
    out = explain_categories(frame)
    assert out["entry_creative"].tolist() == [True, True, False, False, False, False]
    assert out.loc[2, "entry_creative_rule"].endswith("[gated: job zone 4 > 3]")
    assert out.loc[3, "entry_creative_rule"].endswith("[gated: job zone unknown]")
    assert out.loc[4, "entry_creative_rule"].endswith("(needs creative occupation)")
    assert out["job_zone"].tolist()[1:3] == [3, 4]


def test_entry_creative_job_zone_from_onet():
    # DWA 4.A.2.b.2.I18.D15 (illustrations) is entry_creative in creative occupations.
    onet = make_onet(
        [("27-1013.00", 1, "4.A.2.b.2.I18.D15"), ("27-1024.00", 2, "4.A.2.b.2.I18.D15"),
         ("17-3011.00", 3, "4.A.2.b.2.I18.D15")],
        {"27-1013.00": 3, "27-1024.00": 4, "17-3011.00": 3},
    )
    frame = pd.DataFrame({"onetsoc_code": ["27-1013.00", "27-1024.00", "17-3011.00"],
                          "task_id": [1, 2, 3], "task": [NEUTRAL] * 3})
    out = explain_categories(frame, onet=onet)
    assert out["entry_creative"].tolist() == [True, False, False]
    assert "[gated: job zone 4 > 3]" in out.loc[1, "entry_creative_rule"]


def test_free_text_uses_the_nearest_onet_occupation():
    onet = make_onet([], {"43-4171.00": 2, "27-1026.00": 3, "27-1024.00": 4},
                     titles={"43-4171.00": "Receptionists and Information Clerks",
                             "27-1026.00": "Merchandise Displayers and Window Trimmers",
                             "27-1024.00": "Graphic Designers"})
    frame = pd.DataFrame({
        "task": ["Sort and check orders.", "Prepare sketches of proposed displays.",
                 "Prepare sketches of proposed displays."],
        "title": ["receptionist", "Window Trimmer", "Graphic Designer"],
    })
    out = explain_categories(frame, onet=onet)
    assert out["occupation"].tolist() == ["43-4171.00", "27-1026.00", "27-1024.00"]
    assert out["admin"].tolist() == [True, False, False]
    assert out["entry_creative"].tolist() == [False, True, False]  # zone 3 vs zone 4
    assert out["job_zone"].tolist() == [2, 3, 4]


def test_nearest_occupations():
    occ = pd.DataFrame({"onetsoc_code": ["43-4171.00", "15-1252.00", "27-1024.00"],
                        "title": ["Receptionists and Information Clerks", "Software Developers",
                                  "Graphic Designers"]})
    got = nearest_occupations(["Receptionist", "software developer (senior)", "graphic designers",
                               "Welder", "", None], occ)
    assert got == ["43-4171.00", "15-1252.00", "27-1024.00", None, None, None]


def test_code_takes_precedence_over_title():
    frame = pd.DataFrame({"onetsoc_code": ["47-2111.00"], "task": ["Sort and check orders."],
                          "title": ["Order Clerk"]})
    out = explain_categories(frame)
    assert out.loc[0, "context"] == "" and not out.loc[0, "admin"]


def test_index_preserved_and_dtypes():
    frame = pd.DataFrame({"task": ["File records.", "Weld pipes."]}, index=["a", "b"])
    out = tag_categories(frame)
    assert list(out.index) == ["a", "b"]
    assert list(out.columns) == list(CATEGORIES)
    assert all(out[c].dtype == bool for c in CATEGORIES)
    ex = explain_categories(frame)
    assert list(ex.index) == ["a", "b"] and ex.loc["a", "admin"]


def test_empty_frame():
    out = tag_categories(pd.DataFrame({"task": pd.Series([], dtype=str)}))
    assert len(out) == 0 and list(out.columns) == list(CATEGORIES)
    assert len(explain_categories(pd.DataFrame({"task": pd.Series([], dtype=str)}))) == 0


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
    assert CATEGORY_MAPPING_VERSION == "v7"
    assert set(mapping["level"]) == {"dwa", "iwa"}
    assert set(mapping["category"]) == {"admin", "routine_coding", "entry_creative", "none"}
    assert set(mapping["scope"]) == {"any", "context"}
    assert mapping["note"].str.len().min() > 0
    assert not mapping.duplicated(["level", "id", "category"]).any()
    # entry_creative evidence always needs a creative occupation
    assert (mapping.loc[mapping["category"] == "entry_creative", "scope"] == "context").all()
    # 'none' is only meaningful on DWAs whose IWA has an entry
    iwa_ids = set(mapping.loc[mapping["level"] == "iwa", "id"])
    for dwa in mapping.loc[mapping["category"] == "none", "id"]:
        assert dwa.rsplit(".", 1)[0] in iwa_ids, dwa


def test_mapping_v1_still_reads():
    v1 = load_category_mapping("v1")
    assert (v1["scope"] == "any").all() and len(v1) > 50


def test_unknown_mapping_version():
    with pytest.raises(DataFormatError, match="no category mapping version 'v0'"):
        load_category_mapping("v0")


def test_categories_are_the_shared_fact():
    assert CATEGORIES is _measures.CATEGORIES


def test_text_rules_are_well_formed():
    ids = [r.rule_id for r in TEXT_RULES]
    assert len(ids) == len(set(ids))
    assert {r.category for r in TEXT_RULES} == set(CATEGORIES)
    assert {r.kind for r in TEXT_RULES} <= set(RULE_KINDS)
    for r in TEXT_RULES:  # vetoes are named <category>!<what>, the others <category>:<what>
        sep = "!" if r.kind.startswith("exclude") else ":"
        assert r.rule_id.startswith(r.category + sep), r.rule_id
    # every entry_creative positive rule needs the creative context
    assert all(r.kind in ("context", "free", "exclude") for r in TEXT_RULES if r.category == "entry_creative")


# The fast path (tag_categories) must give exactly the flags of the explained path, with
# RE2 and with Python's re, on texts that exercise every rule, look-alikes, mixed case and
# non-ASCII letters, in and out of each context, and on O*NET links.
FAST_PATH_TEXTS = [
    "Answer telephones and take messages.",
    "SCHEDULE APPOINTMENTS for clients.",
    "Enter customer data into computers.",
    "Maintain personnel records and files.",
    "Maintain records of patients' medical history.",
    "Prepare invoices for shipments.",
    "Type memos and letters.",
    "Check documents for completeness.",
    "Write and debug code for web applications.",
    "Resolve software problems reported by users.",
    "Monitor systems and networks for intrusions.",
    "Write SQL queries.",
    "Design software architectures.",
    "Draft copy for brochures and sketch layouts.",
    "Research background facts for stories.",
    "Weld steel beams.",
    "Pick up passengers according to appointments or schedules.",
    "Rédiger le résumé; schedule café réservations for staff.",
    "Draft captions for the brand's Instagram posts.",
    "Write a GitHub Actions workflow that runs the test suite.",
    "Turn the manager's notes into a meeting agenda in the shared calendar.",
    "Update clinical records in the patient CRM.",
    # round 5: free-text rules and vetoes of free text, and coded-only vetoes
    "Manage the director's calendar and schedule meetings.",
    "Key the delivery notes into the stock system and forward queries to the right team.",
    "Pick and pack orders with a handheld scanner.",
    "Summarise the deposition transcript into key points.",
    "Check the claim forms for completeness.",
    NEUTRAL,
]
TITLES = ["Office Clerk", "Web Developer", "Graphic Designer", "Nurse", None]


def rulesets(use_re2):
    return categories._rulesets(use_re2)


@pytest.mark.parametrize("use_re2", [True, False])
def test_fast_path_equals_explained_path(use_re2, monkeypatch):
    """tag_categories (RE2 or re) == explain_categories matched with re only."""
    rows = [(t, title) for t in FAST_PATH_TEXTS for title in TITLES]
    frame = pd.DataFrame({"task": [t for t, _ in rows], "title": [title for _, title in rows],
                          "job_zone": [2] * len(rows)})
    keyed = frame.assign(onetsoc_code=["43-9061.00", "27-1026.00"] * (len(rows) // 2) + ["x"] * (len(rows) % 2),
                         task_id=range(len(rows)))
    mapping = load_category_mapping()
    iwa = mapping.loc[mapping["level"] == "iwa", "id"].iloc[0]
    onet = make_onet([("43-9061.00", 0, f"{iwa}.001")], {"43-9061.00": 2, "27-1026.00": 3})
    for f, kwargs in ((frame, {}), (keyed, {"onet": onet})):
        for name, rs in rulesets(use_re2=False).items():
            monkeypatch.setattr(categories, name, rs)
        expected = explain_categories(f, **kwargs)[list(CATEGORIES)]
        for name, rs in rulesets(use_re2).items():
            monkeypatch.setattr(categories, name, rs)
        got = tag_categories(f, **kwargs)
        pd.testing.assert_frame_equal(got, expected)
        assert got.to_numpy().sum(axis=0).min() > 0  # every category fires somewhere
    # the explanations name exactly the positive text rules that search() finds
    explained = explain_categories(frame)
    for i, (text, _) in enumerate(rows):
        for rule in TEXT_RULES:
            if rule.kind.startswith("exclude") or rule.rows == "coded":  # no codes in frame
                continue
            evidence = [e.split(" (")[0] for e in
                        explained.loc[i, f"{rule.category}_rule"].split(" [")[0].split("; ")]
            assert (f"text {rule.rule_id}" in evidence) == rule.search(text), (text, rule.rule_id)


def test_occupation_keys_group_rows_as_factorize_does():
    # the vectorised keys: each row's unique is its code, else ("title", title), as before
    import numpy as np

    from exposure.scoring.categories import _occupation_keys

    rng = np.random.default_rng(3)
    pool_codes = [None, None, "11-1011.00", "43-4051.00", "Clerk"]
    pool_titles = [None, "Clerk", "clerk", "11-1011.00", "Chief Executives"]
    codes = [pool_codes[i] for i in rng.integers(0, len(pool_codes), 300)]
    titles = [pool_titles[i] for i in rng.integers(0, len(pool_titles), 300)]
    keys, uniques = _occupation_keys(codes, titles)
    old_keys, old_uniques = pd.factorize(pd.Series(
        [c if c is not None else ("title", t) for c, t in zip(codes, titles)], dtype=object),
        use_na_sentinel=False)
    assert [uniques[k] for k in keys] == [old_uniques[k] for k in old_keys]
    assert len(uniques) == len(old_uniques)
    assert _occupation_keys([], [])[1] == []


def test_texts_alone_tag_as_with_empty_occupation_columns():
    # a frame of texts alone takes a short cut past the occupation columns; it must tag as
    # the same texts with every code, title and job zone missing do
    texts = FAST_PATH_TEXTS + [NEUTRAL, "Schedule appointments.", "Write code."]
    alone = pd.DataFrame({"task": texts})
    empty = alone.assign(onetsoc_code=None, title=None, job_zone=pd.array([pd.NA] * len(texts), dtype="Int64"))
    got = tag_categories(alone)
    pd.testing.assert_frame_equal(got, tag_categories(empty))
    pd.testing.assert_frame_equal(explain_categories(alone), explain_categories(empty))
    assert got.to_numpy().sum() > 0


_OCC = pd.DataFrame({"onetsoc_code": ["15-1252.00"], "title": ["Software Developers"]})


@pytest.mark.parametrize("titles, occupations, min_score, message", [
    ("Software developer", _OCC, 0.5, "not one str"),
    (["Welder"], _OCC.rename(columns={"title": "name"}), 0.5, "columns 'onetsoc_code' and 'title'"),
    (["Welder"], _OCC, float("nan"), r"min_score must be a number in \[0, 1\], got nan"),
    (["Welder"], _OCC, 5, "got 5"),
])
def test_nearest_occupations_checks_its_arguments(titles, occupations, min_score, message):
    """A str was read letter by letter (18 Nones); other frames: KeyError; min_score 5: no match."""
    from exposure.scoring.categories import nearest_occupations

    with pytest.raises(DataFormatError, match=message):
        nearest_occupations(titles, occupations, min_score=min_score)


# --- free text without an occupation: the text's own words give the context -----------

MODERN = {
    "creative": "Draft captions for the brand's Instagram posts.",
    "computer": "Write a GitHub Actions workflow that runs the test suite.",
    "clerical": "Turn the manager's notes into a meeting agenda in the shared calendar.",
}


def test_free_text_without_occupation_takes_its_context_from_its_words():
    """A text's words stand for its occupation when it has none.

    Before, free text without a title had no context: no entry_creative ever, and the
    modern wording of the other two categories fell through.
    """
    frame = pd.DataFrame({"task": list(MODERN.values())})
    out = explain_categories(frame)
    assert out["context"].tolist() == ["creative (text)", "computer (text)", "clerical (text)"]
    assert out["entry_creative"].tolist() == [True, False, False]
    assert out["routine_coding"].tolist() == [False, True, False]
    assert out["admin"].tolist() == [False, False, True]
    assert out.loc[0, "entry_creative_rule"] == (
        "text entry_creative:drafting (creative text); text entry_creative:media_ctx (creative text)")
    assert out.loc[1, "routine_coding_rule"] == "text routine_coding:tools_ctx (computer text)"
    pd.testing.assert_frame_equal(tag_categories(frame), out[list(CATEGORIES)])


def test_text_context_is_only_for_rows_without_code_or_title():
    text = MODERN["creative"]
    frame = pd.DataFrame({"task": [text] * 3, "title": [None, "Welder", "Junior Copywriter"]})
    out = explain_categories(frame)
    # a title outside every context wins over the words of the text
    assert out["entry_creative"].tolist() == [True, False, True]
    assert out["context"].tolist() == ["creative (text)", "", "creative"]
    assert out.loc[1, "entry_creative_rule"].endswith("(needs creative occupation)")


def test_text_context_rows_are_entry_level_unless_a_job_zone_says_otherwise():
    frame = pd.DataFrame({"task": [MODERN["creative"]] * 3, "job_zone": [None, 3, 4]})
    out = explain_categories(frame)
    assert out["entry_creative"].tolist() == [True, True, False]
    assert out.loc[2, "entry_creative_rule"].endswith("[gated: job zone 4 > 3]")


def test_text_context_does_not_lift_the_vetoes_outside_an_occupation():
    """Clinical records are not admin outside a clerical occupation, whatever the words."""
    text = "Update clinical records in the patient CRM."
    frame = pd.DataFrame({"task": [text, text], "title": [None, "Medical Records Clerk"]})
    out = explain_categories(frame)
    assert out["admin"].tolist() == [False, True]
    assert out.loc[0, "context"] == "clerical (text)"
    assert "[vetoed: text admin!professional_free]" in out.loc[0, "admin_rule"]


def test_free_rules_never_count_for_rows_with_an_onet_code():
    """The O*NET path keeps its validated tagger: rules of kind 'free' are for free text."""
    text = MODERN["computer"]
    frame = pd.DataFrame({"task": [text] * 3, "onetsoc_code": ["15-1252.00", None, None],
                          "title": [None, "Software Developer", None]})
    out = explain_categories(frame)
    assert out["routine_coding"].tolist() == [False, True, True]
    assert out["context"].tolist() == ["computer", "computer", "computer (text)"]
    assert out.loc[0, "routine_coding_rule"] == ""  # not listed where it cannot count
    assert out.loc[1, "routine_coding_rule"] == "text routine_coding:tools_ctx (computer occupation)"
    assert [r.rule_id for r in TEXT_RULES if r.kind == "free"] == [
        "admin:office_ctx", "routine_coding:tools_ctx", "entry_creative:media_ctx"]


@pytest.mark.parametrize(
    "text, category",
    [
        ("Write new scripts for broadcasts.", "routine_coding"),  # a script is not code here
        ("Design plant layouts or production facilities.", "entry_creative"),
        ("Create system images of laptops before reimaging them.", "entry_creative"),
        ("Clean brass particles from files by drawing file cards through file grooves.", "admin"),
        ("Direct the creative vision of the brand's Instagram campaign.", "entry_creative"),
        ("Perform the podcast's theme music live in the studio.", "entry_creative"),
        ("Sell ad space in the newsletter to local businesses.", "entry_creative"),
        ("Train staff to use the new Python scripts for reports.", "routine_coding"),
    ],
)
def test_text_contexts_do_not_tag_lookalikes(text, category):
    assert not tag_categories(pd.DataFrame({"task": [text]}))[category].any(), text


@pytest.mark.parametrize(
    "text, category",
    [
        ("Key the supplier's invoice details into Xero.", "admin"),
        ("Archive signed contracts to the shared drive.", "admin"),
        ("Text clients a reminder about tomorrow's appointment.", "admin"),
        ("Restart the stalled services shown red on the Grafana board.", "routine_coding"),
        ("Triage IT tickets in ServiceNow and reset locked accounts.", "routine_coding"),
        ("Add a lint step to the GitHub workflow.", "routine_coding"),
        ("Illustrate simple icons for the newsletter.", "entry_creative"),
        ("Compile background facts for the news desk's profile piece.", "entry_creative"),
        # round 3: first-person, resume-line and British wording
        ("Opens and date-stamps the incoming post for the finance team.", "admin"),
        ("Every week I compile the hours from the rota app and send them to payroll.", "admin"),
        ("Fixing bugs in our Django backend that support escalates.", "routine_coding"),
        ("Swaps faulty keyboards and docks on the ward PCs.", "routine_coding"),
        ("Knock out quick Canva graphics for the charity's Facebook page.", "entry_creative"),
        ("Dig up background for reporters' stories on the local council.", "entry_creative"),
        ("Draft the wall labels for each new exhibition.", "entry_creative"),
        # round 4: typing up, minutes, rotas, web templates, print and bid copy
        ("Type up the handwritten delivery notes for the accounts team.", "admin"),
        ("Took minutes at the monthly residents' meeting and circulated them.", "admin"),
        ("Maintains the weekend shift rota for the care home.", "admin"),
        ("Fix broken Liquid templates in the Shopify theme.", "routine_coding"),
        ("Draft leaflets and brochures for the college open day.", "entry_creative"),
        ("Write first drafts of case studies for the bid team.", "entry_creative"),
    ],
)
def test_free_rules_read_todays_wording(text, category):
    """Each was missed before the free-text layer (no context, or no rule for its wording)."""
    out = tag_categories(pd.DataFrame({"task": [text]}))
    assert out[category].tolist() == [True], text
    assert out.drop(columns=category).sum(axis=1).tolist() == [0], text
    # given with an O*NET-SOC code outside the context, the O*NET tagger decides: nothing
    coded = tag_categories(pd.DataFrame({"task": [text], "onetsoc_code": ["47-2061.00"]}))
    assert not coded.to_numpy().any(), text


@pytest.mark.parametrize(
    "text",
    [
        "Approve the final cover designs for the magazine.",
        "Negotiate the hotel rates for the company retreat.",
        "Sell ad packages to local businesses.",
        "Set up the stage lighting for the concert.",
        "Interview patients about their symptoms and log them in the EHR.",
        # words of the text contexts that have other meanings
        "Go to the loading dock and sign for deliveries.",
        "Rust-proof the steel railings before painting.",
        "Monitor switchboard gauges and dials.",
        # round 4: a campaign is not a draft
        "Set the creative direction for the brand's autumn campaign.",
    ],
)
def test_free_rules_leave_work_outside_the_definitions(text):
    assert not tag_categories(pd.DataFrame({"task": [text]})).to_numpy().any(), text


# --- round 5: free-text admin work, vetoes of free text, rows of a rule --------------------


@pytest.mark.parametrize(
    ("text", "rule_id"),
    [
        # vetoes that misfired on free text: a leading "manage" of a diary, a setting word
        ("Manage the partners' diaries and book their client meetings.", "admin:schedule"),
        ("Dental receptionist: type up the referral letters from the dentists' dictation.",
         "admin:typing"),
        ("Scan the signed patient consent forms into the practice's document system.",
         "admin:filing_free"),
        # data entry into a named system, routine details
        ("Key the weekly stock returns into the branch's ERP.", "admin:entry_free"),
        ("Amend prices and stock levels on the shop's website from the wholesaler's list.",
         "admin:entry_free"),
        ("De-duplicate the volunteer contacts before the mailing.", "admin:entry_free"),
        # routine correspondence
        ("E-mail the venues to confirm the booking numbers for Friday.", "admin:correspondence_free"),
        ("I clear the shared finance inbox every morning.", "admin:correspondence_free"),
        ("Generate the annual membership renewal letters from the club database.",
         "admin:correspondence_free"),
        ("Chase missing signatures on the new starters' contracts.", "admin:correspondence_free"),
        # routing requests to the right person
        ("Forward incoming enquiries to the relevant department.", "admin:routing_free"),
        ("Triage the requests in the estates mailbox each morning.", "admin:routing_free"),
        # routine paperwork
        ("Check the expense claim forms for missing receipts before approval.",
         "admin:paperwork_free"),
        ("Lodge the quarterly waste returns and registrations on the council portal.",
         "admin:paperwork_free"),
        ("Paginate and index the exhibits for the tribunal hearing.", "admin:paperwork_free"),
        # scheduling
        ("Draw up the cleaners' rota for the summer term.", "admin:schedules_free"),
        ("Book couriers for the outgoing samples.", "admin:schedules_free"),
        # routine reports from records
        ("Compile the monthly absence summary from the HR system export.", "admin:reports_free"),
        ("Keep the register of fire-door checks up to date.", "admin:entry_free"),
        ("Organise flights and hotels for the sales conference.", "admin:schedules_free"),
    ],
)
def test_round_5_free_text_admin_work(text, rule_id):
    """Clerical work of the definitions, written as free text alone (none of the dev sets)."""
    out = explain_categories(pd.DataFrame({"task": [text]}))
    assert out.loc[0, "admin"], out.loc[0, "admin_rule"]
    assert f"text {rule_id}" in out.loc[0, "admin_rule"], out.loc[0, "admin_rule"]
    assert tag_categories(pd.DataFrame({"task": [text]})).loc[0, "admin"], text


@pytest.mark.parametrize(
    "text",
    [
        # physical stock handling with a scanner or labels as its tool
        "Pick and pack web orders with a handheld scanner.",
        "Unload the delivery lorries and scan each pallet into the racking.",
        "Load passengers' baggage onto the carousel after scanning the bag tags.",
        "Service and repair office photocopiers at customers' sites.",
        # working from a transcript, professional letters and memos
        "Summarise the hearing transcript into key points for the barrister.",
        "Turn the interview transcripts into a feature article.",
        "Draft the advice letter to the client on the tax position.",
        "Write a short research memo on the new case law.",
        # code and IT tickets
        "Write SQL queries that pull the monthly churn figures from the warehouse database.",
        "Resolve password reset tickets for staff.",
        # management, selling, professional records in free text
        "Manage a team of six administrators and their budget.",
        "Taught beginners' pottery classes and recorded attendance on the studio app.",
        "Answer shoppers' product questions in live chat and recommend products.",
        "Record each patient's vital signs in the e-obs system.",
        "Record the vaccinations given in the pharmacy system.",
        # hands-on work heads the task; the app record is incidental
        "Weld the trailer brackets and log the batch numbers into the job system.",
        "Repair customers' boilers and upload the job sheets to the portal.",
        # look-alikes of the new patterns
        "Develop routines to correct image distortion.",
        "Schedule follow-up visits to monitor patients.",
        "Respond to customer inquiries about product features.",
        "Rotate the stock on the shelves so the oldest sells first.",
    ],
)
def test_round_5_free_text_not_admin(text):
    """Work the definitions keep out of admin, and look-alikes of the round-5 rules."""
    out = explain_categories(pd.DataFrame({"task": [text]}))
    assert not out.loc[0, "admin"], (text, out.loc[0, "admin_rule"])
    assert not tag_categories(pd.DataFrame({"task": [text]})).loc[0, "admin"], text


def test_round_5_rules_are_for_free_text_and_a_known_occupation_outside_keeps_them_out():
    """Rows with an O*NET-SOC code keep the validated rules.

    A non-clerical title blocks the free_work rules; a text with no occupation at all is
    judged by its work.
    """
    text = "Check the claim forms for completeness."
    frame = pd.DataFrame({"task": [text] * 4,
                          "onetsoc_code": [None, None, None, "47-2061.00"],
                          "title": [None, "Claims Clerk", "Building Inspector", None]})
    out = explain_categories(frame)
    # rev4: with a code, checking forms for completeness counts in any occupation
    # (admin:completeness), not through the free-text rule
    assert out["admin"].tolist() == [True, True, False, True], out["admin_rule"].tolist()
    assert "(no occupation)" in out.loc[0, "admin_rule"]
    assert "paperwork_free" not in out.loc[3, "admin_rule"]  # not listed with a code
    assert "text admin:completeness" in out.loc[3, "admin_rule"]
    assert tag_categories(frame)["admin"].tolist() == [True, True, False, True]


def test_round_5_coded_vetoes_keep_their_old_reading():
    """A leading 'manage' stays a veto for an O*NET task; as free text, of a calendar, it is not."""
    text = "Manage the director's calendar and schedule meetings."
    frame = pd.DataFrame({"task": [text, text], "onetsoc_code": ["11-1021.00", None]})
    out = explain_categories(frame)
    assert out["admin"].tolist() == [False, True]
    assert "[vetoed: text admin!management]" in out.loc[0, "admin_rule"]
    assert "admin!management" not in out.loc[1, "admin_rule"]
    assert tag_categories(frame)["admin"].tolist() == [False, True]


def test_rule_rows_are_well_formed():
    from exposure.scoring.categories import RULE_ROWS

    assert {r.rows for r in TEXT_RULES} <= set(RULE_ROWS)
    # free_work rules only count on free text: a rows restriction would say nothing more
    assert all(r.rows == "all" for r in TEXT_RULES if r.kind == "free_work")
    # a rule kept for coded rows has a free-text counterpart of the same category and kind
    for r in TEXT_RULES:
        if r.rows == "coded":
            assert any(o.rows == "free" and o.kind == r.kind and o.category == r.category
                       for o in TEXT_RULES), r.rule_id


def test_alternatives_split_only_top_level_bars():
    from exposure.scoring._rules import alternatives as _alternatives

    assert _alternatives(r"a|b(c|d)|[|]e|f\|g") == ["a", "b(c|d)", "[|]e", r"f\|g"]
    assert _alternatives(r"[]|]x|y") == ["[]|]x", "y"]
    assert _alternatives(r"[^]|]x|y") == ["[^]|]x", "y"]
    for rule in TEXT_RULES:
        assert "|".join(_alternatives(rule.pattern)) == rule.pattern


def test_tag_categories_reads_texts_as_score_tasks_does():
    # called directly, the texts were matched as given: a non-breaking hyphen (U+2011, word
    # processors) or full-width letters matched no rule, while score_tasks normalised them
    plain = pd.DataFrame({"task": ["Reply to customer e-mails about orders.", "Enter data into spreadsheets."]})
    odd = pd.DataFrame({"task": ["Reply to customer e\u2011mails about orders.",
                                 "\uff25\uff4e\uff54\uff45\uff52 data into spreadsheets."]})
    expected = tag_categories(plain)
    assert expected["admin"].all()
    pd.testing.assert_frame_equal(tag_categories(odd), expected)


def test_texts_under_title_are_not_read_as_titles_too():
    # tag_categories(df, text_column="title"): the default occupation_column "title" read
    # every text as its own occupation title too, and the flags changed (score_tasks reads
    # no titles there since round 33); another column named as both is refused
    texts = ["Draft captions for Instagram posts.", "Answer telephones and take messages.",
             "Write unit tests for a web application."]
    as_task = tag_categories(pd.DataFrame({"task": texts}))
    as_title = tag_categories(pd.DataFrame({"title": texts}), text_column="title")
    pd.testing.assert_frame_equal(as_title, as_task)
    with pytest.raises(DataFormatError, match="occupation_column 'text' is the text column too"):
        tag_categories(pd.DataFrame({"text": texts}), text_column="text", occupation_column="text")


# --- round 46: rules revised from the v3 sample's errors (made-up texts) ----------------


@pytest.mark.parametrize(
    ("text", "title", "rule_id"),
    [
        # preparing and circulating meeting agendas, in any occupation
        ("Draft and circulate agendas for the parish council meetings.", "Choir Director",
         "admin:agendas"),
        # sales and other slips are routine forms
        ("Prepare rental slips for each hired bicycle.", "Bicycle Rental Attendant",
         "admin:paperwork"),
        # sorting mail into sacks or bins, "incoming or outgoing" mail
        ("Put outgoing letters into mailbags by postcode.", "Warehouse Operative", "admin:mail"),
        # ordering supplies in an office job
        ("Order stationery and toner cartridges.", "Office Clerk", "admin:orders_ctx"),
    ],
)
def test_round46_admin_rules_tag(text, title, rule_id):
    out = explain_categories(pd.DataFrame({"task": [text], "title": [title]}))
    assert out.loc[0, "admin"], out.loc[0, "admin_rule"]
    assert f"text {rule_id}" in out.loc[0, "admin_rule"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Order stationery and toner cartridges.", "Chef"),  # ordering outside office work
        # management called administrative duties
        ("Handle administrative tasks such as serving as chair of the staff council.", None),
        ("Read bills of lading to find the drop-off sequence.", None),  # a document as a tool
        ("Keep a stock of blank forms and envelopes at the counter.", "Post Office Clerk"),
        ("Collect outgoing mail from post offices and relay boxes along the route.",
         "Postal Courier"),  # physical mail rounds
        ("Discuss performance problems with the filing clerks and record agreed actions.",
         "Office Supervisor"),  # supervision
    ],
)
def test_round46_admin_vetoes(text, title):
    out = explain_categories(pd.DataFrame({"task": [text], "title": [title]}))
    assert not out.loc[0, "admin"], out.loc[0, "admin_rule"]


def test_round46_scheduling_activities_on_onet_rows():
    """Scheduling (the verb) activities, events, visits, material movements: O*NET rows only."""
    texts = ["Schedule rehearsals for the choir's spring concert.",
             "Schedule deliveries of gravel to the three building sites.",
             "Follow the delivery schedules posted by the dispatcher."]  # a schedule read
    frame = pd.DataFrame({"task": texts, "onetsoc_code": ["27-2041.00", "53-1042.00", "53-1042.00"]})
    out = explain_categories(frame)
    assert out["admin"].tolist() == [True, True, False], out["admin_rule"].tolist()
    assert "text admin:schedule_work" in out.loc[0, "admin_rule"]
    # free text keeps its own scheduling rules (a clinical look-alike stays out)
    assert not tag_categories(pd.DataFrame({"task": texts[:1]})).loc[0, "admin"]


def test_round46_assigning_work_is_supervision_assigning_shifts_is_scheduling():
    out = tag_categories(pd.DataFrame({"task": ["Assign and check the crew's work on the stage sets.",
                                                "Assign staff to weekend shifts."]}))
    assert out["admin"].tolist() == [False, True]


def test_round46_project_activities_are_not_clerical_outside_office_jobs():
    frame = pd.DataFrame({"task": ["Schedule project activities with the subcontractors.",
                                   "Schedule rehearsals with the subcontractors."],
                          "onetsoc_code": ["11-9021.00"] * 2})
    out = explain_categories(frame)
    assert out["admin"].tolist() == [False, True], out["admin_rule"].tolist()
    assert "admin!projects" in out.loc[0, "admin_rule"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Write fitness programs for new gym members.", "Personal Trainer"),  # plans, not code
        ("Develop penetration testing processes for client networks.", "Software Developer"),
    ],
)
def test_round46_routine_coding_vetoes(text, title):
    out = explain_categories(pd.DataFrame({"task": [text], "title": [title]}))
    assert not out.loc[0, "routine_coding"], out.loc[0, "routine_coding_rule"]


# --- round 48: admin work outside office jobs (made-up texts, O*NET rows) --------------


@pytest.mark.parametrize(
    ("text", "code", "rule_id"),
    [
        # ordering parts or supplies, in any occupation
        ("Order spare parts for the forklift fleet.", "53-7051.00", "admin:orders"),
        # sending routine notices
        ("Send reminder notices to members whose dues are late.", "39-9032.00", "admin:notices"),
        # maintaining a library of documents or templates; card files
        ("Maintain a library of standard contract templates.", "13-1111.00",
         "admin:document_library"),
        ("Keep card files on regular customers.", "39-5012.00", "admin:document_library"),
        # routine production and stock records kept by production or stock workers
        ("Record production figures for each shift on the tally sheet.", "51-9111.00",
         "admin:production_records"),
        # scheduling engagements or bookings
        ("Schedule speaking engagements for the touring authors.", "13-1011.00",
         "admin:schedule_work"),
    ],
)
def test_round48_admin_outside_office_jobs(text, code, rule_id):
    out = explain_categories(pd.DataFrame({"task": [text], "onetsoc_code": [code]}))
    assert out.loc[0, "admin"], out.loc[0, "admin_rule"]
    assert f"text {rule_id}" in out.loc[0, "admin_rule"]


@pytest.mark.parametrize(
    ("text", "code", "category"),
    [
        # issuing notices of violation is enforcement
        ("Issue notices of violation to owners of unsafe buildings.", "47-4011.00", "admin"),
        # recommending technologies is Out of routine coding
        ("Make recommendations on server upgrades and new database software.", "15-1244.00",
         "routine_coding"),
    ],
)
def test_round48_out_list_stays_out(text, code, category):
    out = explain_categories(pd.DataFrame({"task": [text], "onetsoc_code": [code]}))
    assert not out.loc[0, category], out.loc[0, f"{category}_rule"]


@pytest.mark.parametrize(
    ("text", "code", "rule_id"),
    [
        # rev4: routine logs of business activity kept by non-clerical workers
        ("Log serial numbers and tonnages of each outgoing truckload.", "53-7062.00",
         "admin:business_logs"),
        ("Keep daily output counts on the designated forms.", "51-9199.00", "admin:business_logs"),
        # rev4: checking documents for completeness
        ("Review shipping papers for completeness before dispatch.", "53-3032.00",
         "admin:completeness"),
        # rev4: routine mail or e-mail confirmations and notices
        ("Send e-mail confirmations of orders to buyers.", "41-2031.00", "admin:confirmations"),
        ("Notify subscribers of renewal dates by mail.", "27-3022.00", "admin:confirmations"),
        # rev4: paying bills and arranging payments
        ("Pay supplier bills and file the receipts.", "35-1012.00", "admin:payments"),
        ("Arrange payment of storage charges.", "53-1043.00", "admin:payments"),
        # rev4: arranging or scheduling deliveries, transfers and facility use
        ("Arrange delivery of rented equipment to job sites.", "41-3091.00", "admin:arrange"),
        ("Schedule use of rehearsal rooms for visiting groups.", "27-2012.00", "admin:arrange"),
    ],
)
def test_rev4_admin_outside_office_jobs(text, code, rule_id):
    out = explain_categories(pd.DataFrame({"task": [text], "onetsoc_code": [code]}))
    assert out.loc[0, "admin"], out.loc[0, "admin_rule"]
    assert f"text {rule_id}" in out.loc[0, "admin_rule"]


@pytest.mark.parametrize(
    ("text", "code", "category"),
    [
        # rev4: physical work heading the task, even in clerical occupations
        ("Walk or cycle between offices to deliver messages and parcels.", "43-5021.00", "admin"),
        ("Weigh materials and products to maintain weight records.", "43-5111.00", "admin"),
        ("Restock shelves and answer questions from customers.", "43-4051.00", "admin"),
        ("Inspect meters for defects or damage and notify customers of hazards.", "43-5041.00",
         "admin"),
        # rev4: purchasing, budgeting and negotiating
        ("Requisition or purchase spare parts for the mowers.", "37-3011.00", "admin"),
        ("Perform administrative duties, such as negotiating leases.", "27-2011.00", "admin"),
        # rev4: legal research
        ("Search databases for court decisions relevant to open cases.", "43-6012.00", "admin"),
        # rev4: not routine coding in computer occupations
        ("Assign and review tasks of the programming staff.", "15-1251.00", "routine_coding"),
        ("Examine infected workstations, using malware analysis and disk forensics.", "15-1299.05",
         "routine_coding"),
        ("Monitor vendor web sites and industry publications for news on software patches.",
         "15-1232.00", "routine_coding"),
        ("Provide written descriptions of application specifications, including programming "
         "languages to be used.", "15-1211.00", "routine_coding"),
    ],
)
def test_rev4_out_list_stays_out(text, code, category):
    out = explain_categories(pd.DataFrame({"task": [text], "onetsoc_code": [code]}))
    assert not out.loc[0, category], out.loc[0, f"{category}_rule"]


def test_rev4_purchase_orders_are_still_paperwork():
    frame = pd.DataFrame({"task": ["Prepare requisitions and purchase orders for supplies."],
                          "onetsoc_code": ["43-3061.00"]})
    out = explain_categories(frame)
    assert out.loc[0, "admin"], out.loc[0, "admin_rule"]


@pytest.mark.parametrize(
    ("text", "code", "category", "rule_id"),
    [
        # rev5: stored procedures are code (the definitions' In list), not written procedures
        ("Write stored procedures that load the nightly sales figures.", "15-1242.00",
         "routine_coding", "routine_coding:code"),
        # rev5: directories, contact lists and rate databases of routine information
        ("Keep a directory of local caterers and venues.", "13-1121.00", "admin",
         "admin:record_lists"),
        ("Update vendor contact lists after each trade fair.", "13-1161.00", "admin",
         "admin:record_lists"),
        # rev5: reconciling transactions (bookkeeping)
        ("Reconcile weekly summaries of ticket transactions.", "39-3031.00", "admin",
         "admin:reconcile"),
        # rev5: tracking records in an office job is not tracing (investigating)
        ("Track the return of borrowed files.", "43-4071.00", "admin",
         "admin:records_ctx"),
    ],
)
def test_rev5_rules_tag(text, code, category, rule_id):
    out = explain_categories(pd.DataFrame({"task": [text], "onetsoc_code": [code]}))
    assert out.loc[0, category], out.loc[0, f"{category}_rule"]
    assert f"text {rule_id}" in out.loc[0, f"{category}_rule"]


@pytest.mark.parametrize(
    ("text", "code", "category"),
    [
        # rev5: packing, unloading or repairing goods heads the task (stock handling)
        ("Pack and seal parcels for shipment, using the postage meter.", "43-5071.00", "admin"),
        ("Carry mail sacks to the loading dock.", "43-5053.00", "admin"),
        # rev5: supervising or training staff among the leading verbs (management)
        ("Schedule, supervise, and train the mailroom staff.", "43-9051.00", "admin"),
        # rev5: tracing debtors is investigative work
        ("Trace missing debtors through public records.", "43-3011.00", "admin"),
        # rev5: keying data to create layouts is design work with software as a tool
        ("Key information into the workstation to create layouts for the catalogue.",
         "27-1024.00", "admin"),
        # rev5: door or cabinet hardware is not computer hardware
        ("Install cabinet hardware such as hinges and knobs.", "47-2031.00", "routine_coding"),
        # rev5: testing or development programmes are plans of work
        ("Plan fuel testing and development programs.", "17-2141.00", "routine_coding"),
        ("Modify cutting programs for the new alloy.", "51-9161.00", "routine_coding"),
        # rev5: content for web sites is not code
        ("Write news articles for the company web site.", "27-3031.00", "routine_coding"),
        ("Post and update product content on the web site.", "41-9099.00", "routine_coding"),
    ],
)
def test_rev5_out_list_stays_out(text, code, category):
    out = explain_categories(pd.DataFrame({"task": [text], "onetsoc_code": [code]}))
    assert not out.loc[0, category], out.loc[0, f"{category}_rule"]


def test_rev5_written_procedures_stay_out():
    frame = pd.DataFrame({"task": ["Write procedures for the help desk staff.",
                                   "Write stored procedures and SQL queries."]})
    out = tag_categories(frame)
    assert out["routine_coding"].tolist() == [False, True]


@pytest.mark.parametrize(
    ("text", "code", "rule_id"),
    [
        # rev6: clerical paperwork of workers outside office jobs (O*NET rows only)
        ("Record parts used and labor time on each work order.", "49-3023.01", "admin:job_billing"),
        ("Keep records of materials received and used on the site.", "47-2061.00", "admin:records_of"),
        ("Complete daily production reports.", "51-9061.00", "admin:routine_reports"),
        ("Obtain building permits for each project.", "47-1011.00", "admin:permits"),
        ("Resolve billing problems with insurance companies.", "29-1051.00", "admin:billing"),
        # rev6: office work the context rules did not list (clerical occupations)
        ("Arrange for repairs of office equipment.", "43-6014.00", "admin:arrange_ctx"),
        ("Refer customers to the appropriate department.", "43-4051.00", "admin:notices_ctx"),
        ("Prepare checks for vendor payments.", "43-3031.00", "admin:checks_ctx"),
        ("Operate and adjust mail folding machines.", "43-9071.00", "admin:machines_ctx"),
    ],
)
def test_rev6_rules_tag(text, code, rule_id):
    out = explain_categories(pd.DataFrame({"task": [text], "onetsoc_code": [code]}))
    assert out.loc[0, "admin"], out.loc[0, "admin_rule"]
    assert f"text {rule_id}" in out.loc[0, "admin_rule"]


@pytest.mark.parametrize(
    ("text", "code", "veto"),
    [
        # rev6: office words in another sense (music notation, Braille, filing tools)
        ("Transcribe musical compositions into notation for the choir.", "27-2041.00",
         "admin!other_senses"),
        # rev6: removing, transporting or accompanying heading the task is physical work
        ("Accompany patients to rooms and record their information.", "43-6013.00", "admin!physical"),
    ],
)
def test_rev6_vetoes(text, code, veto):
    out = explain_categories(pd.DataFrame({"task": [text], "onetsoc_code": [code]}))
    assert not out.loc[0, "admin"]
    assert f"[vetoed: text {veto}]" in out.loc[0, "admin_rule"]


def test_rev6_carry_out_is_not_carrying():
    """'Carry out' (perform) no longer reads as carrying goods (the rev5 physical veto)."""
    out = explain_categories(pd.DataFrame({"task": ["Carry out routine filing of correspondence.",
                                                    "Carry mail sacks to the loading dock."],
                                           "onetsoc_code": ["43-4071.00", "43-5053.00"]}))
    assert out["admin"].tolist() == [True, False]


def test_rev6_rules_need_a_code_or_a_clerical_context():
    """The any-occupation rev6 rules read O*NET rows only; a text alone is not tagged by them."""
    out = explain_categories(pd.DataFrame({"task": ["Obtain building permits for each project."]}))
    assert not out.loc[0, "admin"], out.loc[0, "admin_rule"]
