"""Fault round 43 (invariance): the category tagger and the category reports.

The same data given another way must give the same tags, explanations and reports.
Faults found (each test below failed before its fix):

1. The bootstrap intervals of :func:`validation_metrics` and :func:`category_estimates`
   (``categories_validation.csv``, ``categories_estimates.csv`` of ``exposure report
   categories``) depended on the row order of the validation sample: the resamples drew
   rows by position, so ``sample.csv`` and the labels in another row order gave other
   intervals (``admin`` population ``estimated_lo`` 0.0342 for 0.035) without a word. The
   tasks are now resampled in (``onetsoc_code``, ``task_id``) order: the same sample in
   any row order gives byte-identical reports (the shipped ones unchanged: its rows are
   in that order within each stratum).
2. A task text with a run of white space (two spaces, a tab, a line break, CRLF: a cell
   pasted from a document, or typed with Alt+Enter in a spreadsheet) lost its tags:
   ``Maintain  client\\tdatabases.`` was not ``admin``, ``Develop  Web sites.`` not
   ``routine_coding`` (254 of the 18,796 O*NET 29.1 tasks changed with double spaces), in
   :func:`tag_categories`, :func:`explain_categories` and the category columns of
   ``score_tasks`` alike; so did an en dash or minus sign inside a word
   (``Set up e\u2013mail accounts`` not ``routine_coding``). The texts are now read as the
   rubric reads them: white space as one space, a dash inside a word as ``-``.
3. An occupation title was read as given while task texts are normalised: a non-breaking
   space (a title pasted from a web page), full-width letters, a non-breaking hyphen or a
   run of white space lost the title's context and entry level (``Data\\u00a0Entry Keyer``
   not clerical, ``Entry\\u2011level Copywriter`` not entry level). Titles are now read as
   the texts are.
4. The work-activity evidence of :func:`explain_categories` (``admin_rule``, ...) was
   listed in the row order of the release's ``task_dwas``: the same release with its
   links in another order explained 74 of the O*NET 29.1 tasks differently. Now listed in
   DWA ID order (O*NET's own order, so 29.1's explanations are unchanged).
5. :func:`nearest_occupations` broke ties between equally near occupations by their row
   in ``occupations``: ``Detectives`` went to 33-3021.00 or 33-9021.00 depending on the
   order of the release's table (102 of 20,000 made-up titles against 29.1). Ties now go
   to the lowest O*NET-SOC code (29.1's table is in code order, so its matches are
   unchanged).

Leads checked and found invariant: the tags and explanations of the 18,796 O*NET 29.1
tasks with and without the release in another row order, duplicated, in batches of two
rows, with ``object``, ``string``, ``string[pyarrow]`` and ``category`` columns and
task IDs as int, float, ``Int64`` or text; the fast and the full path agree on every
row; ``exposure score --batch-rows 2``, CRLF, a BOM and Parquet give byte-identical
category columns; the report's sample files with CRLF and a BOM give byte-identical
reports.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from exposure.reports.categories import (
    category_estimates,
    read_validation_sample,
    validation_metrics,
    write_category_reports,
)
from exposure.scoring import score_tasks
from exposure.scoring.categories import explain_categories, nearest_occupations, tag_categories

CATS = ["admin", "routine_coding", "entry_creative"]

# -- a made-up release and validation sample -------------------------------------------
CODES = ["43-9061.00"] * 6 + ["47-2021.00"] * 6
TEXTS = ["Answer telephones and take messages.", "File records and correspondence.",
         "Type letters and memos.", "Order office supplies.", "Greet visitors.",
         "Enter data into spreadsheets.", "Lay bricks.", "Mix mortar.", "Cut stone.",
         "Set up scaffolding.", "Read blueprints.", "Clean tools."]
# tasks 13-15 are not sampled: the hand-checked sample of the report test
TASKS = pd.DataFrame({"onetsoc_code": CODES + ["43-9061.00", "47-2021.00", "43-9061.00"],
                      "task_id": list(range(1, 16)),
                      "task": TEXTS + ["Sort incoming mail.", "Point brick joints.", "Photocopy documents."],
                      "task_type": ["Core"] * 15})
RELEASE = SimpleNamespace(tasks=TASKS, task_dwas=pd.DataFrame(columns=["onetsoc_code", "task_id", "dwa_id"]),
                          dwas=pd.DataFrame(columns=["dwa_id", "iwa_id"]))
# stratum, weight, annotator A's admin label (the other categories False)
DESIGN = [("uniform", 4.0, True), ("uniform", 4.0, False), ("uniform", 4.0, True),
          ("enriched", 2.0, True), ("enriched", 2.0, True), ("uniform", 4.0, False),
          ("uniform", 4.0, False), ("enriched", 2.0, False), ("uniform", 4.0, False),
          ("enriched", 2.0, True), ("uniform", 4.0, False), ("enriched", 2.0, False)]


def _write_sample(directory, order) -> None:
    """The validation sample of :data:`DESIGN` with its rows in ``order``."""
    directory.mkdir(parents=True)
    sample = ["onetsoc_code,task_id,stratum,enriched_population,inclusion_prob,weight,double"]
    labels = ["onetsoc_code,task_id,admin,routine_coding,entry_creative,note"]
    for i in order:
        stratum, weight, admin = DESIGN[i]
        sample.append(f"{CODES[i]},{i + 1},{stratum},{stratum == 'enriched'},{1 / weight},{weight},False")
        labels.append(f"{CODES[i]},{i + 1},{admin},False,False,n")
    (directory / "sample.csv").write_text("\n".join(sample) + "\n")
    (directory / "labels_annotator_a.csv").write_text("\n".join(labels) + "\n")
    (directory / "labels_annotator_b.csv").write_text(labels[0] + "\n")


def _predicted(sample: pd.DataFrame) -> pd.DataFrame:
    """Tags of the sampled tasks: admin for task IDs 1-4 and 8 (some right, some wrong)."""
    ids = sample["task_id"].astype(int)
    return pd.DataFrame({"admin": ids.isin([1, 2, 3, 4, 8]).to_numpy(),
                         "routine_coding": False, "entry_creative": False})


ORDERS = [list(range(12)), list(range(11, -1, -1)), [5, 0, 9, 3, 11, 1, 7, 2, 10, 4, 8, 6]]


@pytest.mark.parametrize("order", ORDERS[1:], ids=["reversed", "shuffled"])
def test_validation_metrics_do_not_depend_on_the_row_order(tmp_path, order):
    _write_sample(tmp_path / "a", ORDERS[0])
    _write_sample(tmp_path / "b", order)
    first = read_validation_sample(tmp_path / "a")
    other = read_validation_sample(tmp_path / "b")
    pd.testing.assert_frame_equal(validation_metrics(first, _predicted(first), n_boot=200),
                                  validation_metrics(other, _predicted(other), n_boot=200))


@pytest.mark.parametrize("order", ORDERS[1:], ids=["reversed", "shuffled"])
def test_category_estimates_do_not_depend_on_the_row_order(tmp_path, order):
    _write_sample(tmp_path / "a", ORDERS[0])
    _write_sample(tmp_path / "b", order)
    tags = _predicted(TASKS)
    employment = pd.Series(np.linspace(1.0, 15.0, 15))
    out = []
    for name in ("a", "b"):
        sample = read_validation_sample(tmp_path / name)
        emp = employment.iloc[sample["task_id"].astype(int).to_numpy() - 1].reset_index(drop=True)
        out.append(category_estimates(tags, employment, sample, emp, n_boot=200))
    pd.testing.assert_frame_equal(out[0], out[1])


def test_the_bootstrap_of_a_sample_without_task_keys_is_as_before():
    """A frame without ``onetsoc_code`` and ``task_id`` is resampled by position, as before."""
    s = pd.DataFrame({"stratum": ["uniform"] * 4 + ["enriched"] * 2, "weight": [10.0] * 4 + [1.0] * 2,
                      "admin": [True, False, False, False, True, True],
                      "routine_coding": [False] * 6, "entry_creative": [False] * 6})
    p = s[CATS].copy()
    p.loc[1, "admin"] = True
    keyed = s.assign(onetsoc_code="43-9061.00", task_id=[str(i) for i in range(1, 7)])
    pd.testing.assert_frame_equal(validation_metrics(s, p, n_boot=50), validation_metrics(keyed, p, n_boot=50))


def test_the_category_reports_are_byte_identical_in_any_row_order(tmp_path):
    hand = "onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\n"
    rows = ["43-9061.00,13,random,True,False,False,mail", "47-2021.00,14,random,False,False,False,bricks",
            "43-9061.00,15,random,True,False,False,copies"]
    soc = pd.DataFrame({"soc_code": ["43-9061", "47-2021"], "tot_emp": [3000.0, 1000.0]})
    xw = pd.DataFrame({"onetsoc_code": ["43-9061.00", "47-2021.00"], "soc_code": ["43-9061", "47-2021"]})
    files = []
    for name, order, hand_rows in (("a", ORDERS[0], rows), ("b", ORDERS[2], rows[::-1])):
        (tmp_path / name).mkdir()
        (tmp_path / name / "h.csv").write_text(hand + "\n".join(hand_rows) + "\n")
        _write_sample(tmp_path / name / "v2", order)
        write_category_reports({"development": tmp_path / name / "h.csv"}, tmp_path / name / "out",
                               onet=RELEASE, onet_to_soc=xw, soc_scores=soc)
        files.append({p.name: p.read_bytes() for p in sorted((tmp_path / name / "out").glob("*.csv"))})
    assert list(files[0]) == list(files[1]) and len(files[0]) == 5
    for name in files[0]:
        assert files[0][name] == files[1][name], name


# -- 2. white space in task texts -------------------------------------------------------
SPACED = [("Develop Web sites.", "routine_coding"), ("Maintain client databases.", "admin"),
          ("Prepare employee work schedules.", "admin"), ("Back up network data.", "routine_coding")]


@pytest.mark.parametrize("space", ["  ", "\t", "\n", "\r\n", " \n "], ids=["two", "tab", "lf", "crlf", "mixed"])
def test_white_space_in_a_task_text_reads_as_one_space(space):
    plain = pd.DataFrame({"task": [t for t, _ in SPACED]})
    spaced = pd.DataFrame({"task": [t.replace(" ", space) for t, _ in SPACED]})
    expected = tag_categories(plain)
    assert [bool(expected.loc[i, cat]) for i, (_, cat) in enumerate(SPACED)] == [True] * len(SPACED)
    pd.testing.assert_frame_equal(tag_categories(spaced), expected)
    pd.testing.assert_frame_equal(explain_categories(spaced), explain_categories(plain))


def test_white_space_in_a_task_text_gives_the_same_category_columns_of_score_tasks():
    plain = pd.DataFrame({"task": [t for t, _ in SPACED]})
    spaced = pd.DataFrame({"task": [t.replace(" ", "\t\n") for t, _ in SPACED]})
    a = score_tasks(plain, method="rubric")[CATS]
    b = score_tasks(spaced, method="rubric")[CATS]
    pd.testing.assert_frame_equal(b, a)


@pytest.mark.parametrize("dash", ["\u2013", "\u2212", "\u2012"], ids=["en-dash", "minus", "figure-dash"])
def test_a_dash_inside_a_word_reads_as_a_hyphen(dash):
    texts = ["Set up e-mail accounts for new staff.", "Reset Wi-Fi passwords."]
    plain = pd.DataFrame({"task": texts})
    dashed = pd.DataFrame({"task": [t.replace("-", dash) for t in texts]})
    assert tag_categories(plain)["routine_coding"].tolist() == [True, True]
    pd.testing.assert_frame_equal(explain_categories(dashed), explain_categories(plain))


def test_white_space_at_the_ends_of_a_task_text_changes_nothing():
    texts = ["Answer telephones and take messages.", "Draft captions for Instagram posts."]
    plain = pd.DataFrame({"task": texts})
    padded = pd.DataFrame({"task": [f"\n  {t} \r\n" for t in texts]})
    pd.testing.assert_frame_equal(explain_categories(padded), explain_categories(plain))


# -- 3. occupation titles read as the texts are -----------------------------------------
@pytest.mark.parametrize(("title", "plain"), [
    ("Data\u00a0Entry Keyer", "Data Entry Keyer"),
    ("Data  Entry Keyer", "Data Entry Keyer"),
    ("Data\nEntry Keyer", "Data Entry Keyer"),
    ("Front\u00a0Desk Agent", "Front Desk Agent"),
    ("\uff2f\uff52\uff44\uff45\uff52 \uff23\uff4c\uff45\uff52\uff4b", "Order Clerk"),
])
def test_a_title_in_another_spelling_keeps_its_context(title, plain):
    rows = {"task": ["Sort and check orders."] * 2, "title": [title, plain]}
    out = explain_categories(pd.DataFrame(rows))
    assert out["context"].tolist() == ["clerical", "clerical"]
    assert out["admin"].tolist() == [True, True]


@pytest.mark.parametrize("title", ["Entry\u2011level Copywriter", "\uff4a\uff55\uff4e\uff49\uff4f\uff52 copywriter",
                                   "Entry  level Copywriter", "Entry\tlevel Copywriter"])
def test_a_title_in_another_spelling_keeps_its_entry_level(title):
    out = tag_categories(pd.DataFrame({"task": ["Draft captions for Instagram posts."], "title": [title]}))
    assert bool(out.loc[0, "entry_creative"])


# -- 4. work-activity evidence in DWA order ---------------------------------------------
def _dwa_release(order) -> SimpleNamespace:
    links = [("43-9061.00", 1, "4.A.2.a.2.I03.D01"), ("43-9061.00", 1, "4.A.3.b.6.I08.D01"),
             ("43-9061.00", 1, "4.A.4.c.1.I05.D02")]
    task_dwas = pd.DataFrame([links[i] for i in order], columns=["onetsoc_code", "task_id", "dwa_id"])
    dwas = pd.DataFrame({"dwa_id": [d for _, _, d in links], "iwa_id": [d.rsplit(".", 1)[0] for _, _, d in links]})
    occ = pd.DataFrame({"onetsoc_code": ["43-9061.00"], "title": ["Office Clerks, General"], "job_zone": [2]})
    return SimpleNamespace(task_dwas=task_dwas, dwas=dwas, occupations=occ)


def test_the_work_activity_evidence_does_not_depend_on_the_release_row_order():
    frame = pd.DataFrame({"onetsoc_code": ["43-9061.00"], "task_id": [1], "task": ["Compile reports."]})
    first = explain_categories(frame, onet=_dwa_release([0, 1, 2]))
    rule = first.loc[0, "admin_rule"]
    assert rule.index("dwa 4.A.2.a.2.I03.D01") < rule.index("iwa 4.A.3.b.6.I08") < rule.index("dwa 4.A.4.c.1.I05.D02")
    for order in ([2, 1, 0], [1, 2, 0]):
        pd.testing.assert_frame_equal(explain_categories(frame, onet=_dwa_release(order)), first)


# -- 5. ties of the nearest occupation --------------------------------------------------
OCC = pd.DataFrame({"onetsoc_code": ["33-3021.00", "33-9021.00", "47-2021.00"],
                    "title": ["Detectives and Criminal Investigators", "Private Detectives and Investigators",
                              "Brickmasons and Blockmasons"]})


@pytest.mark.parametrize("order", [[0, 1, 2], [1, 0, 2], [2, 1, 0]])
def test_a_tie_of_nearest_occupations_goes_to_the_lowest_code(order):
    occ = OCC.iloc[order].reset_index(drop=True)
    assert nearest_occupations(["Detectives", "Investigators", "Brickmason"], occ) == [
        "33-3021.00", "33-3021.00", "47-2021.00"]
