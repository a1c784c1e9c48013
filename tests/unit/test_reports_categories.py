"""The category validation reports (exposure.reports.categories) on small made-up data."""

from types import SimpleNamespace

import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.reports.categories import (
    category_shares,
    precision_recall,
    read_hand_checked,
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


def test_hand_checked_fixtures_are_well_formed(fixtures):
    for name in ("hand_checked_v1.csv", "hand_checked_holdout_v1.csv"):
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
    assert (tables["precision_recall"]["mapping_version"] == "v1").all()
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
