"""Round 57: the category tagger's validation report (``exposure report categories``).

Faults found (each test below failed before its fix):

1. A hand-checked sample (``--hand-checked``, ``--holdout``, ``dev_v2.csv``) or a file of
   the blind validation sample (``sample.csv``, ``labels_annotator_*.csv``) saved as UTF-16
   (Excel's "Unicode Text", or "UTF-16" in an editor) was refused as ``h.csv: a binary
   file, not CSV text``: a text file called binary, its encoding not named. Now named as
   the shared readers name it (:func:`exposure._tables.check_file`): ``h.csv: file is
   UTF-16 text (Excel's 'Unicode Text'): save it as UTF-8 ('CSV UTF-8')`` (exit 2, before
   O*NET); so are UTF-32 and an HTML page saved in the file's place.
2. A stratum of the blind validation sample holding a single task gave a zero-width
   bootstrap interval without a word: every resample repeats the task, so
   ``validation_metrics`` wrote ``precision 1.0 [1.0, 1.0]`` for that stratum
   (``categories_validation.csv``), and the population rows and ``category_estimates``
   (``categories_estimates.csv``: ``0.0367 [0.0367, 0.0367]``) left out its sampling
   error. Now the stratum's own intervals are empty (NaN, as an undefined ratio's are)
   and one warning line per table names the stratum and the task; the shipped reports
   are byte-identical (their strata hold 120 tasks or more).
3. ``task_employment`` (the employment basis of the estimates) given ``soc_scores`` with a
   ``soc_code`` that is not a SOC code (an O*NET-SOC code ``43-9061.00``, a padded
   ``' 43-9061'``) was refused as ``oews_codes must be a list of SOC codes (like
   11-1011), got '43-9061.00' at position 0``: an argument of an inner function and a
   position from 0. Now ``row 1, column 'soc_code': soc_scores: not a SOC code (like
   11-1011): '43-9061.00'``, as ``exposure.measures.ilo`` names it.
4. ``category_shares`` of a frame without rows (an occupation filter that matched
   nothing) gave a share of 0.0 of every category (``n_tasks`` 0) without a word, as if
   no task were tagged, and ``category_estimates`` of a sample without rows said
   ``sample_employment is 0 for every row of sample: no employment to share (do
   soc_scores and the crosswalk match ...?)``. Both are now refused by what they lack
   (``tasks has no rows: no task to share``, as ``category_estimates`` already refused
   empty ``tags``; ``sample has no rows: ...``); ``category_shares(None)`` names
   ``tasks``, not ``frame``.

Tiny made-up files and frames written by the tests.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _cli import _no_env  # noqa: F401 (autouse fixture)
from test_faults_cli import (  # tests/unit is on sys.path (rootdir-relative imports)
    cli,
    one_error_line,
)

from exposure.errors import DataFormatError
from exposure.reports.categories import (
    category_estimates,
    category_shares,
    read_hand_checked,
    read_validation_sample,
    task_employment,
    validation_metrics,
)

HAND = "onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\n"
SAMPLE = "onetsoc_code,task_id,stratum,enriched_population,inclusion_prob,weight,double\n"
LABELS = "onetsoc_code,task_id,admin,routine_coding,entry_creative,note\n"
CATS = ["admin", "routine_coding", "entry_creative"]
LOGGER = "exposure.reports.categories"
UTF16 = r"file is UTF-16 text \(Excel's 'Unicode Text'\): save it as UTF-8 \('CSV UTF-8'\)$"


def validation_dir(d: Path) -> Path:
    """A validation sample of two tasks, one per stratum (neither double)."""
    d.mkdir(parents=True, exist_ok=True)
    (d / "sample.csv").write_text(SAMPLE + "43-9061.00,1,uniform,False,0.5,2,False\n"
                                  "47-2021.00,3,enriched,True,0.25,4,False\n")
    (d / "labels_annotator_a.csv").write_text(LABELS + "43-9061.00,1,True,False,False,phones\n"
                                              "47-2021.00,3,False,False,False,bricks\n")
    (d / "labels_annotator_b.csv").write_text(LABELS)
    return d


def design(strata: list[str], admin: list[bool]) -> pd.DataFrame:
    """A validation sample frame: one task per entry of ``strata``, weight 10 uniform and 2 enriched."""
    n = len(strata)
    return pd.DataFrame({"onetsoc_code": [f"43-90{i:02d}.00" for i in range(n)], "task_id": [str(i) for i in range(n)],
                         "stratum": strata, "weight": [10.0 if s == "uniform" else 2.0 for s in strata],
                         "admin": admin, "routine_coding": [False] * n, "entry_creative": [False] * n})


# ------------------------------------------------------------------ 1. UTF-16 (Excel's "Unicode Text")
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_hand_checked_sample_is_named_as_such(tmp_path, encoding):
    path = tmp_path / "h.csv"
    text = HAND + "43-9061.00,1,random,True,False,False,phones\r\n"
    bom = "\ufeff" if encoding == "utf-16-be" else ""  # "utf-16" writes its own mark
    path.write_bytes((bom + text).encode(encoding))
    with pytest.raises(DataFormatError, match=r"h\.csv: " + UTF16):
        read_hand_checked(path)
    path.write_bytes(text.encode("utf-32"))
    with pytest.raises(DataFormatError, match=r"h\.csv: file is UTF-32 text: save it as UTF-8"):
        read_hand_checked(path)
    path.write_bytes(("\ufeff" + text).encode("utf-8"))  # 'CSV UTF-8': read as before
    assert read_hand_checked(path)["admin"].tolist() == [True]


@pytest.mark.parametrize("name", ["sample.csv", "labels_annotator_a.csv", "labels_annotator_b.csv"])
def test_utf16_validation_sample_file_is_named_as_such(tmp_path, name):
    d = validation_dir(tmp_path / "v2")
    (d / name).write_bytes((d / name).read_text().replace(",", "\t").encode("utf-16"))  # "Unicode Text"
    with pytest.raises(DataFormatError, match=rf"{name}: " + UTF16):
        read_validation_sample(d)


def test_utf16_hand_checked_sample_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "h.txt"
    path.write_bytes((HAND + "43-9061.00,1,random,True,False,False,phones\n").replace(",", "\t")
                     .encode("utf-16"))
    (tmp_path / "mirror").mkdir()  # an empty mirror: refused before O*NET is looked for
    code, _, err = cli(capsys, "report", "categories", "--hand-checked", path, "--mirror", tmp_path / "mirror",
                       "--data-dir", tmp_path / "cache", "--out-dir", tmp_path / "out")
    assert code == 2
    assert one_error_line(err, command="report categories") == (
        f"exposure report categories: error: {path}: file is UTF-16 text (Excel's 'Unicode Text'): save it as "
        "UTF-8 ('CSV UTF-8')")
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ 2. a stratum of one task
def test_validation_metrics_of_a_stratum_of_one_task(caplog):
    sample = design(["uniform"] * 4 + ["enriched"], [True, False, True, False, True])
    predicted = sample[CATS].copy()
    predicted.loc[1, "admin"] = True
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        out = validation_metrics(sample, predicted, n_boot=200).set_index(["sample", "category"])
    enriched = out.loc[("enriched", "admin")]
    assert (enriched["n"], enriched["precision"], enriched["recall"]) == (1, 1.0, 1.0)  # the point estimates stay
    for metric in ("precision", "recall", "f1", "label_share"):
        assert np.isnan(enriched[f"{metric}_lo"]) and np.isnan(enriched[f"{metric}_hi"]), metric  # 1.0 and 1.0
    uniform = out.loc[("uniform", "admin")]
    assert uniform["precision_lo"] < uniform["precision_hi"]  # a stratum of several tasks keeps its interval
    assert not np.isnan(out.loc[("population", "admin"), "precision_lo"])
    lines = [r.getMessage() for r in caplog.records if r.name == LOGGER]
    assert lines == ["sample: the enriched stratum holds one task only, (43-9004.00, 4): a bootstrap of one task "
                     "has no spread, so its intervals are left empty and the population intervals leave out its "
                     "sampling error (too narrow); sample two tasks or more per stratum"]
    caplog.clear()
    two = design(["uniform"] * 3 + ["enriched"] * 2, [True, False, True, False, True])  # two tasks or more
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        out = validation_metrics(two, two[CATS], n_boot=50).set_index(["sample", "category"])
        category_estimates(two[CATS], pd.Series([1.0] * 5), two, pd.Series([1.0] * 5), n_boot=50)
    assert not [r for r in caplog.records if r.name == LOGGER]
    assert out.loc[("enriched", "admin"), ["label_share_lo", "label_share_hi"]].tolist() == [0.0, 1.0]


def test_category_estimates_of_strata_of_one_task_are_warned_of(caplog):
    sample = design(["uniform", "enriched"], [True, False])
    tags = sample[CATS]
    emp = pd.Series([3.0, 1.0])
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        out = category_estimates(tags, emp, sample, emp, n_boot=50).set_index(["category", "basis"])
    row = out.loc[("admin", "tasks")]
    assert row["estimated"] == row["estimated_lo"] == row["estimated_hi"]  # no spread: said now
    lines = [r.getMessage() for r in caplog.records if r.name == LOGGER]
    assert len(lines) == 2, lines
    assert lines[0] == ("sample: the enriched stratum holds one task only, (43-9001.00, 1): a bootstrap of one "
                        "task has no spread, so the intervals of the estimates leave out its sampling error (too "
                        "narrow); sample two tasks or more per stratum")
    assert lines[1].startswith("sample: the uniform stratum holds one task only, (43-9000.00, 0): ")


def test_lone_task_of_a_frame_without_keys_is_named_by_its_row(caplog):
    sample = design(["uniform", "uniform", "enriched"], [True, False, True]).drop(columns=["onetsoc_code",
                                                                                          "task_id"])
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        validation_metrics(sample, sample[CATS], n_boot=20)
    assert [r.getMessage().split(":")[1] for r in caplog.records if r.name == LOGGER] == [
        " the enriched stratum holds one task only, row 3"]


# ------------------------------------------------------------------ 3. soc_scores' soc_code
@pytest.mark.parametrize("code, tail", [("43-9061.00", ": an O*NET-SOC code? a SOC code has no suffix: write '43-9061'"),
                                        (" 43-9061", ": spaces around the code: write '43-9061'"),
                                        ("43-9061 ", ": spaces around the code: write '43-9061'")])
def test_task_employment_names_a_bad_soc_code_of_soc_scores(code, tail):
    tasks = pd.DataFrame({"onetsoc_code": ["43-9061.00", "43-9061.00"], "task_type": ["Core", "Supplemental"]})
    soc = pd.DataFrame({"soc_code": ["11-1011", code], "tot_emp": [10.0, 300.0]})
    xw = pd.DataFrame({"onetsoc_code": ["43-9061.00"], "soc_code": ["43-9061"]})
    with pytest.raises(DataFormatError) as info:
        task_employment(tasks, soc, xw)
    assert str(info.value) == f"soc_scores, row 2, column 'soc_code': not a SOC code (like 11-1011): {code!r}{tail}"
    assert task_employment(tasks, soc.assign(soc_code=["11-1011", "43-9061"]), xw).tolist() == [200.0, 100.0]


# ------------------------------------------------------------------ 4. no rows
def test_category_shares_of_no_task_is_refused():
    empty = pd.DataFrame({"task": pd.Series([], dtype=str)})
    with pytest.raises(DataFormatError, match=r"^tasks has no rows: no task to share$"):
        category_shares(empty)  # a share of 0.0 of every category before
    with pytest.raises(DataFormatError, match=r"^tasks must be a pandas DataFrame, got NoneType None$"):
        category_shares(None)
    one = category_shares(pd.DataFrame({"task": ["Answer telephones and take messages."]}))
    assert one.set_index("category").loc["admin", ["n_tasks", "share"]].tolist() == [1, 1.0]


def test_category_estimates_of_an_empty_sample_says_so():
    tags = design(["uniform"], [True])[CATS]
    empty = design([], [])
    with pytest.raises(DataFormatError, match=r"^sample has no rows: no labelled task to estimate the shares "
                       r"from$"):
        category_estimates(tags, pd.Series([1.0]), empty, pd.Series([], dtype=float), n_boot=10)
