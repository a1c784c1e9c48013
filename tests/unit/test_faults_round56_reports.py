"""Round 56: the validation reports users run on their own inputs (``exposure report categories``).

Faults found (each test below failed before its fix):

1. ``precision_recall(expected, predicted)``, ``validation_metrics(sample, predicted)`` and
   ``category_estimates(tags, employment, sample, sample_employment)`` pair their rows by
   position. A ``predicted`` frame holding the index labels of ``expected`` in another order
   (``tag_categories`` of a sorted frame keeps the sorted frame's index), or an employment
   Series in another order, was compared row by row without a word: identical tags gave
   precision and recall 0.0 (for 1.0), and an employment share as tagged of 0.1538 for
   0.8462. Now refused, as ``exposure.outcomes.exposure_groups`` refuses such ``weights``:
   ``predicted has the index labels of expected in another order: the rows are paired by
   position, not by label; pass predicted.reindex(expected.index)``.
2. ``precision_recall`` (``categories_precision_recall.csv``) took F1 from precision and
   recall: NaN where both are 0 (every tag wrong), or where one is undefined and the other
   0 (positives and no tag), where F1 = 2 tp / (tagged + positives) is 0, as
   ``validation_metrics`` gives it for the same flags. Now 0.0; NaN only with nothing
   tagged and nothing positive.
3. A hand-checked sample or a validation sample's file saved by Excel as "CSV (Comma
   delimited)" (Windows-1252) with an accented note was refused as ``h.csv: not UTF-8 text
   (byte 111): a binary file?``: no row, no column, and called binary. Now the shared
   readers' message: ``h.csv, row 2, column 'note': not UTF-8 text: byte 0xe9 is not valid
   UTF-8 (byte offset 110): the file looks like Windows-1252/Latin-1 text (0xe9 is 'é'
   there); save it as UTF-8 ('CSV UTF-8')``. A pipe or device (``--hand-checked <(...)``,
   ``/dev/null``) was ``hand-checked sample not found`` / ``file not found``, of a path that
   exists: now ``is not a regular file (a device, pipe or socket)``.
4. Rows of empty cells ending a sample file (``,,,``: Excel writes them for rows whose
   cells were cleared) were refused as a task without labels (``h.csv, row 4, column
   'admin': expected True or False (or 1 / 0), got ''``; in ``sample.csv`` a missing
   code), though the shared readers (``exposure score``, the published measures) ignore
   them. Now ignored; one in the middle is still refused.
5. The results tables of the same processed table in another row order differed:
   ``exposure.reports.figures.weighted_mean`` summed in row order, so ``by_major_group``
   (the major-group and category tables of the Results page, and the order of the bars
   of ``plot_major_groups``) differed in the last digit; and weights summing past the
   largest float (two of ``1e308``) gave a mean of 0.0. Now exact sums (``math.fsum``,
   values and weights scaled by powers of two): the same numbers in any row order, 0.375
   for ``[0.5, 0.25]``; the figures of the shipped tables are byte-identical.

Tiny made-up files and frames written by the tests.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from test_faults_cli import (  # tests/unit is on sys.path (rootdir-relative imports)
    cli,
    one_error_line,
)

from exposure.errors import DataFormatError
from exposure.reports import figures
from exposure.reports.categories import (
    category_estimates,
    precision_recall,
    read_hand_checked,
    read_validation_sample,
    validation_metrics,
    write_category_reports,
)

HAND = "onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\n"
SAMPLE = "onetsoc_code,task_id,stratum,enriched_population,inclusion_prob,weight,double\n"
LABELS = "onetsoc_code,task_id,admin,routine_coding,entry_creative,note\n"
CATS = ["admin", "routine_coding", "entry_creative"]


def flags(admin):
    return pd.DataFrame({"admin": admin, "routine_coding": [False] * len(admin),
                         "entry_creative": [False] * len(admin)})


def validation_dir(d: Path, *, empty_rows: bool = False) -> Path:
    """A validation sample of two tasks (one double); with ``empty_rows``, each file ends in ``,,,`` rows."""
    def tail(header: str) -> str:
        return ("," * header.count(",") + "\n") * 2 if empty_rows else ""

    d.mkdir(parents=True, exist_ok=True)
    (d / "sample.csv").write_text(SAMPLE + "43-9061.00,1,uniform,True,0.5,2,True\n"
                                  "47-2021.00,3,uniform,False,0.5,2,False\n" + tail(SAMPLE))
    (d / "labels_annotator_a.csv").write_text(LABELS + "43-9061.00,1,True,False,False,phones\n"
                                              "47-2021.00,3,False,False,False,bricks\n" + tail(LABELS))
    (d / "labels_annotator_b.csv").write_text(LABELS + "43-9061.00,1,True,False,False,phones\n" + tail(LABELS))
    return d


# ------------------------------------------------------------------ 1. rows paired by position
def test_precision_recall_refuses_predicted_in_another_row_order():
    expected = flags([True, True, False, False])
    predicted = expected.iloc[::-1]  # the same tags, index 3, 2, 1, 0
    with pytest.raises(DataFormatError, match=r"^predicted has the index labels of expected in another order: "
                       r"the rows are paired by position, not by label; pass predicted\.reindex\(expected\.index\)$"):
        precision_recall(expected, predicted)
    row = precision_recall(expected, predicted.reindex(expected.index)).iloc[0]
    assert (row["precision"], row["recall"]) == (1.0, 1.0)
    # another index altogether (a frame merged afresh) is still read by position, as documented
    row = precision_recall(expected, predicted.reset_index(drop=True).iloc[::-1].set_axis(range(10, 14))).iloc[0]
    assert row["n"] == 4


def test_validation_metrics_refuses_predicted_in_another_row_order():
    sample = flags([True, True, False, False]).assign(stratum="uniform", weight=2.0)
    predicted = sample[CATS].iloc[::-1]
    with pytest.raises(DataFormatError, match=r"^predicted has the index labels of sample in another order"):
        validation_metrics(sample, predicted, n_boot=5)
    out = validation_metrics(sample, predicted.reindex(sample.index), n_boot=5)
    assert out.loc[0, "precision"] == 1.0


def test_category_estimates_refuses_employment_in_another_row_order():
    tags = flags([True, False, False, False])
    employment = pd.Series([10.0, 1.0, 1.0, 1.0])
    sample = tags.assign(stratum="uniform", weight=2.0)
    with pytest.raises(DataFormatError, match=r"^employment has the index labels of tags in another order"):
        category_estimates(tags, employment.iloc[::-1], sample, employment, n_boot=5)
    with pytest.raises(DataFormatError, match=r"^sample_employment has the index labels of sample in another order"):
        category_estimates(tags, employment, sample, employment.iloc[::-1], n_boot=5)
    out = category_estimates(tags, employment, sample, employment.to_numpy(), n_boot=5)  # an array: by position
    assert out.loc[1, "tagged"] == pytest.approx(10 / 13, abs=1e-4)


# ------------------------------------------------------------------ 2. F1 of every tag wrong
def test_precision_recall_f1_is_zero_when_every_tag_is_wrong():
    expected = flags([True, True, False, False])
    wrong = precision_recall(expected, flags([False, False, True, True])).iloc[0]
    assert (wrong["precision"], wrong["recall"], wrong["f1"]) == (0.0, 0.0, 0.0)
    untagged = precision_recall(expected, flags([False] * 4)).iloc[0]
    assert np.isnan(untagged["precision"]) and (untagged["recall"], untagged["f1"]) == (0.0, 0.0)
    nothing = precision_recall(flags([False] * 4), flags([False] * 4)).iloc[0]
    assert np.isnan(nothing["f1"])
    # the same figure as validation_metrics gives for the same flags
    sample = expected.assign(stratum="uniform", weight=1.0)
    metrics = validation_metrics(sample, flags([False, False, True, True]), n_boot=5)
    assert metrics.loc[0, "f1"] == wrong["f1"] == 0.0


# ------------------------------------------------------------------ 3. Excel's Windows-1252 CSV; pipes
def test_windows_1252_sample_is_named_with_its_row_and_column(tmp_path):
    path = tmp_path / "h.csv"
    path.write_bytes((HAND + "43-9061.00,1,random,True,False,False,caf\u00e9 phones\n").encode("cp1252"))
    with pytest.raises(DataFormatError) as info:
        read_hand_checked(path)
    assert (info.value.row, info.value.column) == (2, "note")
    assert "Windows-1252" in str(info.value) and "save it as UTF-8" in str(info.value)
    assert "binary" not in str(info.value)
    d = validation_dir(tmp_path / "v2")
    (d / "labels_annotator_b.csv").write_bytes((LABELS + "43-9061.00,1,True,False,False,\u2013 phones\n")
                                               .encode("cp1252"))
    with pytest.raises(DataFormatError, match=r"labels_annotator_b\.csv, row 2, column 'note': not UTF-8 text: "
                       r"byte 0x96 .*Windows-1252"):
        read_validation_sample(d)


def test_windows_1252_sample_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "h.csv"
    path.write_bytes((HAND + "43-9061.00,1,random,True,False,False,caf\u00e9\n").encode("cp1252"))
    (tmp_path / "mirror").mkdir()
    code, _, err = cli(capsys, "report", "categories", "--hand-checked", path, "--mirror", tmp_path / "mirror",
                       "--data-dir", tmp_path / "cache", "--out-dir", tmp_path / "out")
    assert code == 2
    line = one_error_line(err, command="report categories")
    assert line.startswith(f"exposure report categories: error: {path}, row 2, column 'note': not UTF-8 text: "
                           "byte 0xe9"), line
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_pipe_is_named_as_such(tmp_path, capsys):
    fifo = tmp_path / "h.csv"
    os.mkfifo(fifo)
    with pytest.raises(DataFormatError, match=r"h\.csv: is not a regular file \(a named pipe\)$"):  # round 81: which
        read_hand_checked(fifo)
    (tmp_path / "mirror").mkdir()
    code, _, err = cli(capsys, "report", "categories", "--hand-checked", fifo, "--mirror", tmp_path / "mirror",
                       "--data-dir", tmp_path / "cache", "--out-dir", tmp_path / "out")
    assert code == 2
    assert one_error_line(err, command="report categories") == (
        f"exposure report categories: error: {fifo}: is not a regular file (a named pipe)")


# ------------------------------------------------------------------ 4. Excel's ",,," rows
def test_rows_of_empty_cells_ending_a_sample_file_are_ignored(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text(HAND + "43-9061.00,1,random,True,False,False,phones\n"
                    "47-2021.00,3,random,False,False,False,bricks\n,,,,,,\r\n,,,,,,\n")
    hand = read_hand_checked(path)
    assert hand["task_id"].tolist() == ["1", "3"] and hand["admin"].tolist() == [True, False]
    sample = read_validation_sample(validation_dir(tmp_path / "v2", empty_rows=True))
    assert len(sample) == 2 and sample["admin_b"].notna().sum() == 1
    # in the middle, still refused (as an empty line is)
    path.write_text(HAND + "43-9061.00,1,random,True,False,False,phones\n,,,,,,\n"
                    "47-2021.00,3,random,False,False,False,bricks\n")
    with pytest.raises(DataFormatError) as info:
        read_hand_checked(path)
    assert info.value.row == 3
    path.write_text(HAND + ",,,,,,\n")  # nothing but them: no task
    with pytest.raises(DataFormatError, match="no task: the file has a header and no rows"):
        read_hand_checked(path)


def test_report_of_a_sample_ending_in_empty_cells(tmp_path):
    (tmp_path / "h.csv").write_text(HAND + "43-9061.00,1,random,True,False,False,phones\n"
                                    "47-2021.00,3,random,False,False,False,bricks\n,,,,,,\n")
    tasks = pd.DataFrame({"onetsoc_code": ["43-9061.00", "47-2021.00"], "task_id": [1, 3],
                          "task": ["Answer telephones.", "Lay bricks."]})
    onet = SimpleNamespace(tasks=tasks, task_dwas=pd.DataFrame(columns=["onetsoc_code", "task_id", "dwa_id"]),
                           dwas=pd.DataFrame(columns=["dwa_id", "iwa_id"]))
    tables = write_category_reports({"development": tmp_path / "h.csv"}, tmp_path / "out", onet=onet)
    assert tables["precision_recall"]["n"].tolist() == [2, 2, 2]
    written = pd.read_csv(tmp_path / "out" / "categories_precision_recall.csv")
    assert written["positives"].tolist()[0] == 1


# ------------------------------------------------------------------ 5. figures in any row order
def soc_table(n: int = 240) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    groups = ["11", "13", "15", "43", "47"]
    # detailed codes (no final 0: "11-1000" and "11-1010" are SOC groups, refused beside codes they hold)
    codes = [f"{groups[k % len(groups)]}-{1001 + k + k // 9:04d}" for k in range(n)]
    beta = rng.uniform(0.3, 0.6, n)
    return pd.DataFrame({
        "soc_code": codes, "soc_title": [f"Occupation {k}" for k in range(n)],
        "tot_emp": rng.uniform(1e3, 5e5, n).round(), "a_mean": rng.uniform(4.0e4, 6.0e4, n),
        "alpha": beta - 0.2, "beta": beta, "gamma": beta + 0.2,
        "share_admin": rng.uniform(0, 0.3, n), "share_routine_coding": rng.uniform(0, 0.3, n),
        "share_entry_creative": rng.uniform(0, 0.3, n)})


def test_tables_do_not_depend_on_row_order():
    soc = soc_table()
    shuffled = soc.sample(frac=1, random_state=3)
    pd.testing.assert_frame_equal(figures.by_major_group(soc), figures.by_major_group(shuffled), check_exact=True)
    shares = list(figures.CATEGORY_LABELS)
    pd.testing.assert_frame_equal(figures.by_major_group(soc, shares), figures.by_major_group(shuffled, shares),
                                  check_exact=True)
    assert figures.weighted_mean(soc, "beta") == figures.weighted_mean(shuffled, "beta")
    # exact sums: 0.1 + 0.2 + 0.3 is 0.6000000000000001 in this order, 0.6 in the other
    three = pd.DataFrame({"beta": [0.1, 0.2, 0.3], "tot_emp": [1.0, 1.0, 1.0]})
    assert figures.weighted_mean(three, "beta") == figures.weighted_mean(three.iloc[::-1], "beta")
    huge = pd.DataFrame({"beta": [0.5, 0.25], "tot_emp": [1e308, 1e308]})  # sums past the largest float
    assert figures.weighted_mean(huge, "beta") == 0.375

