"""The category validation reports (exposure.reports.categories) on small made-up data."""

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.reports.categories import (
    annotator_agreement,
    category_estimates,
    category_shares,
    cohen_kappa,
    precision_recall,
    read_hand_checked,
    read_validation_sample,
    task_employment,
    validation_metrics,
    write_category_reports,
)
from exposure.scoring.categories import CATEGORIES

HEADER = "onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\n"


def test_precision_recall_hand_computed():
    e = pd.DataFrame(
        {"admin": [True, True, True, False], "routine_coding": [False, False, False, False],
         "entry_creative": [True, False, False, False]}
    )
    p = pd.DataFrame(
        {"admin": [True, True, False, True], "routine_coding": [False, True, False, False],
         "entry_creative": [False, False, False, False]}
    )
    pr = precision_recall(e, p).set_index("category")
    assert pr.loc["admin", "precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert pr.loc["admin", "recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert pr.loc["routine_coding", "precision"] == 0.0
    assert pd.isna(pr.loc["routine_coding", "recall"])
    assert pd.isna(pr.loc["entry_creative", "precision"])
    assert pr.loc["entry_creative", "recall"] == 0.0


def test_category_shares():
    t = pd.DataFrame({"task": ["File records.", "Weld pipes.", "Type letters.", "Write code."]})
    shares = category_shares(t).set_index("category")
    assert shares.loc["admin", "n_tagged"] == 2
    assert shares.loc["admin", "share"] == 0.5
    assert shares.loc["admin", "n_by_text_only"] == 2
    assert shares.loc["routine_coding", "n_tagged"] == 1


def test_read_hand_checked_rejects_bad_flag(tmp_path):
    p = tmp_path / "h.csv"
    p.write_text(HEADER + "43-6014.00,9,random,True,False,False,filing\n"
                 "43-6014.00,10,random,yes,False,False,filing\n")
    with pytest.raises(DataFormatError) as err:
        read_hand_checked(p)
    assert err.value.row == 3 and err.value.column == "admin"
    with pytest.raises(DataFormatError, match="file not found"):
        read_hand_checked(tmp_path / "absent.csv")


@pytest.mark.parametrize("content, message", [
    (b"", "file is empty"),
    (b"\n\n", "file is empty"),
    (bytes(range(256)) * 4, r"row 1: file is binary, not text \(a NUL byte at offset 0\)"),
    ("onetsoc_code,task_id\n43-6014.00,9\n".encode("utf-16"), "file is UTF-16 text"),
    (b"onetsoc_code,task_id\n\xff\xfe,9\n", "not UTF-8 text"),
])
def test_read_hand_checked_empty_or_binary_file(tmp_path, content, message):
    """An empty or binary file: one DataFormatError naming it (was EmptyDataError, UnicodeDecodeError)."""
    p = tmp_path / "e.csv"
    p.write_bytes(content)
    with pytest.raises(DataFormatError, match=message) as info:
        read_hand_checked(p)
    assert info.value.path == str(p)


def test_hand_checked_fixtures_are_well_formed(fixtures):
    for name in ("hand_checked_v1.csv", "hand_checked_holdout_v1.csv", "dev_v2.csv"):
        h = read_hand_checked(fixtures / "categories" / name)
        assert not h.duplicated(["onetsoc_code", "task_id"]).any()
        assert h["onetsoc_code"].str.fullmatch(r"[0-9]{2}-[0-9]{4}\.[0-9]{2}").all()
        assert h["note"].str.len().min() > 0
        # no O*NET text is stored: notes are short
        assert h["note"].str.len().max() <= 80
    dev = read_hand_checked(fixtures / "categories" / "hand_checked_v1.csv")
    hold = read_hand_checked(fixtures / "categories" / "hand_checked_holdout_v1.csv")
    assert len(dev) >= 150
    assert dev[list(CATEGORIES)].sum().min() >= 10
    overlap = set(zip(dev.onetsoc_code, dev.task_id)) & set(zip(hold.onetsoc_code, hold.task_id))
    assert not overlap


def fake_onet():
    tasks = pd.DataFrame({
        "onetsoc_code": ["43-9061.00", "43-9061.00", "47-2021.00", "15-1252.00"],
        "task_id": [1, 2, 3, 4],
        "task": ["Answer telephones and take messages.", "Weld steel beams.",
                 "Lay bricks.", "Write and debug code for web applications."],
    })
    return SimpleNamespace(
        release="test", tasks=tasks,
        task_dwas=pd.DataFrame(columns=["onetsoc_code", "task_id", "dwa_id"]),
        dwas=pd.DataFrame(columns=["dwa_id", "iwa_id"]))


def test_write_category_reports_samples_and_pooled(tmp_path):
    dev, hold = tmp_path / "dev.csv", tmp_path / "hold.csv"
    # development: the phone task is admin (tagged), the welding task is wrongly marked admin
    dev.write_text(HEADER + "43-9061.00,1,random,True,False,False,phones\n"
                   "43-9061.00,2.0,random,True,False,False,made-up error\n")
    hold.write_text(HEADER + "15-1252.00,4,random,False,True,False,code\n")
    tables = write_category_reports({"development": dev, "holdout": hold}, tmp_path / "out",
                                    onet=fake_onet())
    pr = tables["precision_recall"].set_index(["sample", "category"])
    assert list(dict.fromkeys(pr.index.get_level_values("sample"))) == ["development", "holdout", "pooled"]
    assert (tables["precision_recall"]["mapping_version"] == "v7").all()
    assert pr.loc[("development", "admin"), "precision"] == 1.0
    assert pr.loc[("development", "admin"), "recall"] == 0.5
    assert pr.loc[("pooled", "admin"), "n"] == 3
    assert pr.loc[("pooled", "routine_coding"), "true_positives"] == 1
    shares = tables["shares"].set_index("category")
    assert shares.loc["admin", "n_tasks"] == 4 and shares.loc["admin", "n_tagged"] == 1
    written = pd.read_csv(tmp_path / "out" / "categories_precision_recall.csv")
    assert len(written) == 9
    assert (tmp_path / "out" / "categories_shares.csv").is_file()


def test_write_category_reports_unknown_task_names_file_and_row(tmp_path):
    dev = tmp_path / "dev.csv"
    dev.write_text(HEADER + "43-9061.00,1,random,True,False,False,phones\n"
                   "43-9061.00,99,random,True,False,False,absent\n")
    with pytest.raises(DataFormatError, match="task not found in O\\*NET test") as err:
        write_category_reports({"development": dev}, tmp_path / "out", onet=fake_onet())
    assert err.value.row == 3 and err.value.column == "task_id"
    assert not (tmp_path / "out").exists()


def test_dev_v2_is_disjoint_from_the_blind_sample(fixtures):
    """The development tasks labelled for v2 are not in the blind validation sample."""
    dev = read_hand_checked(fixtures / "categories" / "dev_v2.csv")
    blind = read_validation_sample(fixtures / "categories" / "v2")
    assert not set(zip(dev.onetsoc_code, dev.task_id)) & set(zip(blind.onetsoc_code, blind.task_id))


def test_cohen_kappa_matches_scikit_learn():
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(0)
    for _ in range(20):
        a = rng.random(50) < 0.2
        b = np.where(rng.random(50) < 0.8, a, ~a)
        assert cohen_kappa(a, b) == pytest.approx(metrics.cohen_kappa_score(a, b))


SAMPLE_HEAD = "onetsoc_code,task_id,stratum,enriched_population,inclusion_prob,weight,double\n"
LABEL_HEAD = "onetsoc_code,task_id,admin,routine_coding,entry_creative,note\n"


def write_sample(d, a_rows, b_rows):
    d.mkdir(exist_ok=True)
    (d / "sample.csv").write_text(
        SAMPLE_HEAD + "43-9061.00,1,uniform,True,0.5,2.0,True\n"
        "43-9061.00,2,uniform,True,0.5,2.0,True\n15-1252.00,4,enriched,True,0.5,2.0,False\n")
    (d / "labels_annotator_a.csv").write_text(LABEL_HEAD + a_rows)
    (d / "labels_annotator_b.csv").write_text(LABEL_HEAD + b_rows)


A_ROWS = ("43-9061.00,1,True,False,False,phones\n43-9061.00,2,False,False,False,welding\n"
          "15-1252.00,4,False,True,False,code\n")


def test_read_validation_sample_and_agreement(tmp_path):
    write_sample(tmp_path, A_ROWS, "43-9061.00,1,True,False,False,x\n43-9061.00,2,True,False,False,y\n")
    s = read_validation_sample(tmp_path)
    assert s["admin"].tolist() == [True, False, False]
    assert s["admin_b"].isna().tolist() == [False, False, True]
    agree = annotator_agreement(s).set_index("category")
    assert agree.loc["admin", "n"] == 2 and agree.loc["admin", "agreement"] == 0.5
    assert agree.loc["admin", "kappa"] == 0.0  # p_o = 0.5, p_e = 0.5
    assert agree.loc["routine_coding", "kappa"] == 1.0


@pytest.mark.parametrize(
    ("a_rows", "b_rows", "where", "match"),
    [
        (A_ROWS.replace("15-1252.00,4,False,True,False,code\n", ""), "", "sample.csv",
         "without annotator A"),
        (A_ROWS, "15-1252.00,4,False,True,False,not double\n", "labels_annotator_b.csv",
         "not double-labelled"),
        (A_ROWS + "11-1011.00,9,False,False,False,extra\n", "", "labels_annotator_a.csv",
         "not in the sample"),
        (A_ROWS.replace("phones", "x").replace("1,True", "1,yes"), "", "labels_annotator_a.csv",
         "expected True or False"),
    ],
)
def test_read_validation_sample_errors(tmp_path, a_rows, b_rows, where, match):
    write_sample(tmp_path, a_rows, b_rows)
    with pytest.raises(DataFormatError, match=match) as err:
        read_validation_sample(tmp_path)
    assert str(err.value.path).endswith(where)


def test_validation_metrics_weighted_by_hand():
    s = pd.DataFrame({"stratum": ["uniform"] * 4 + ["enriched"] * 2,
                      "weight": [10.0] * 4 + [1.0] * 2,
                      "admin": [True, True, False, False, True, False],
                      "routine_coding": [False] * 6, "entry_creative": [False] * 6})
    p = s[list(CATEGORIES)].copy()
    p["admin"] = [True, False, True, False, True, True]
    out = validation_metrics(s, p, n_boot=200).set_index(["sample", "category"])
    u, e, pop = (out.loc[(k, "admin")] for k in ("uniform", "enriched", "population"))
    assert (u["precision"], u["recall"], u["f1"]) == (0.5, 0.5, 0.5)
    assert (e["precision"], e["recall"]) == (0.5, 1.0)
    # weighted: tp = 10 + 1, tagged = 10 + 10 + 1 + 1, positives = 10 + 10 + 1
    assert pop["precision"] == pytest.approx(11 / 22, abs=1e-4)
    assert pop["recall"] == pytest.approx(11 / 21, abs=1e-4)
    assert pop["label_share"] == pytest.approx(21 / 42, abs=1e-4)
    assert pop["precision_lo"] <= pop["precision"] <= pop["precision_hi"]
    assert pd.isna(out.loc[("uniform", "entry_creative"), "precision"])
    assert out.loc[("population", "admin"), "estimator"] == "weighted"


def test_task_employment_and_estimates():
    tasks = pd.DataFrame({"onetsoc_code": ["43-9061.00", "43-9061.00", "15-1252.00", "99-9999.00"],
                          "task_type": ["Core", "Supplemental", "Core", "Core"]})
    soc = pd.DataFrame({"soc_code": ["43-9061", "15-1252"], "tot_emp": [300.0, 100.0]})
    xw = pd.DataFrame({"onetsoc_code": ["43-9061.00", "15-1252.00"], "soc_code": ["43-9061", "15-1252"]})
    emp = task_employment(tasks, soc, xw)
    assert emp.tolist() == [200.0, 100.0, 100.0, 0.0]
    tags = pd.DataFrame({"admin": [True, False, False, False], "routine_coding": [False, False, True, False],
                         "entry_creative": [False] * 4})
    sample = tags.assign(stratum="uniform", weight=1.0)
    out = category_estimates(tags, emp, sample, emp, n_boot=50).set_index(["category", "basis"])
    assert out.loc[("admin", "tasks"), "tagged"] == 0.25
    assert out.loc[("admin", "employment"), "tagged"] == 0.5
    assert out.loc[("routine_coding", "employment"), "estimated"] == 0.25


def test_write_category_reports_with_validation(tmp_path):
    dev = tmp_path / "dev.csv"
    dev.write_text(HEADER + "43-9061.00,1,random,True,False,False,phones\n")
    # both double tasks labelled by B (a double task without B's label is refused: round 30)
    write_sample(tmp_path / "v2", A_ROWS, "43-9061.00,1,True,False,False,x\n43-9061.00,2,False,False,False,y\n")
    onet = fake_onet()
    onet.tasks["task_type"] = "Core"
    soc = pd.DataFrame({"soc_code": ["43-9061", "15-1252", "47-2021"], "tot_emp": [300.0, 100.0, 50.0]})
    xw = pd.DataFrame({"onetsoc_code": ["43-9061.00", "15-1252.00", "47-2021.00"],
                       "soc_code": ["43-9061", "15-1252", "47-2021"]})
    tables = write_category_reports({"development": dev}, tmp_path / "out", onet=onet,
                                    onet_to_soc=xw, soc_scores=soc)
    assert set(tables) == {"precision_recall", "shares", "annotators", "validation", "estimates"}
    for name in tables:
        assert (tmp_path / "out" / f"categories_{name}.csv").is_file()
    val = tables["validation"].set_index(["sample", "category"])
    assert val.loc[("population", "admin"), "precision"] == 1.0
    assert val.loc[("population", "routine_coding"), "recall"] == 1.0


def test_read_hand_checked_refuses_a_task_listed_twice(tmp_path):
    """Repeated rows counted twice in precision and recall (n 58 for 39 tasks), exit 0."""
    p = tmp_path / "h.csv"
    p.write_text(HEADER + "43-6014.00,9,random,True,False,False,filing\n"
                 "43-6014.00,10,random,False,False,False,typing\n"
                 "43-6014.00,9.0,random,False,False,False,filing again\n")
    with pytest.raises(DataFormatError, match=r"task \(43-6014\.00, 9\) is listed twice, first on row 2") as err:
        read_hand_checked(p)
    assert (err.value.row, err.value.column) == (4, "task_id")
