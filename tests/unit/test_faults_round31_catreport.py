"""Round 31: ``exposure report categories`` (hand-checked samples, the blind validation sample).

Faults found (each test below failed before its fix):

1. A blind validation sample (``--validation DIR``, the ``v2/`` beside ``--hand-checked``,
   ``write_category_reports(validation=...)``) holding a task of a development sample
   (``--hand-checked``, ``--holdout``, ``dev_v2.csv``) was read without a word: the
   "blind" precision, recall and F1 were computed on tasks the rules were developed on
   (exit 0; only ``dev_v2.csv`` against the shipped sample was checked, by a test). Now one
   warning line gives the count per sample and the first shared task, naming
   ``sample.csv``, its row, and the development file and row. A warning, not an error: the
   shipped ``v2`` sample shares 16 tasks with ``hand_checked_v1.csv`` (11) and
   ``hand_checked_holdout_v1.csv`` (5), so refusing would stop the documented report.
2. A ``sample.csv`` whose ``weight`` is not ``1 / inclusion_prob`` (40 for 0.25) was read
   without a word (the estimates read ``weight`` alone, whichever of the two was wrong); a
   task of the ``enriched`` stratum marked outside the enriched population too.
3. A sample file saved semicolon- or tab-separated (Excel in some European settings) said
   ``missing column 'onetsoc_code'``, of a file that has it.
4. A column named in another case or spacing (``Admin``, `` admin``, ``Routine Coding``)
   said ``missing column 'admin'``, of a file that shows it; a column really missing named
   nothing of what the header holds.
5. A task labelled twice in ``labels_annotator_a.csv`` / ``labels_annotator_b.csv`` said
   ``duplicate task``, naming neither the task nor the row of its first label.
6. ``category_estimates`` (``categories_estimates.csv``): a bootstrap resample of tasks
   without employment (an occupation OEWS does not count, such as legislators) is 0 / 0:
   numpy's ``RuntimeWarning: invalid value encountered in divide`` was printed on stderr
   and the employment interval was NaN around a defined estimate (``validation_metrics``
   leaves such draws out).
7. A sampled task that O*NET 29.1 lacks was ``task not found in O*NET 29.1`` at column
   ``task_id``, also when the release lacks the occupation (another release's code: the
   code is at fault), naming neither the task nor where the release has that task ID.

Checked and left: Excel's ``TRUE``/``FALSE`` and ``1``/``0`` flags in a hand-checked file are
refused by name (``expected True or False, got 'TRUE'``), as documented; annotator files with
tasks outside the sample, a missing category column, header-only samples are refused.

Tiny made-up files written by the tests.
"""

from __future__ import annotations

import warnings
from types import SimpleNamespace

import pandas as pd
import pytest
from _frames import write_text

from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.reports.categories import (
    category_estimates,
    read_hand_checked,
    read_validation_sample,
    write_category_reports,
)

HEAD = "onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\n"
SAMPLE_HEAD = "onetsoc_code,task_id,stratum,enriched_population,inclusion_prob,weight,double\n"
LABEL_HEAD = "onetsoc_code,task_id,admin,routine_coding,entry_creative,note\n"
ROW_A = "43-9061.00,1,random,True,False,False,phones\n"
ROW_B = "47-2021.00,2,random,False,False,False,bricks\n"


pytestmark = pytest.mark.usefixtures("no_env")


def write_v2(d, sample_rows=None, a_rows=None, b_rows="", *, sample_head=SAMPLE_HEAD, a_head=LABEL_HEAD,
             b_head=LABEL_HEAD):
    """A validation directory: by default tasks (43-9061.00, 1) and (47-2021.00, 2), none double."""
    d.mkdir(parents=True, exist_ok=True)
    if sample_rows is None:
        sample_rows = ("43-9061.00,1,uniform,False,0.5,2.0,False\n"
                       "47-2021.00,2,enriched,True,0.25,4.0,False\n")
    if a_rows is None:
        a_rows = "43-9061.00,1,True,False,False,x\n47-2021.00,2,False,False,False,y\n"
    write_text(d, "sample.csv", sample_head + sample_rows)
    write_text(d, "labels_annotator_a.csv", a_head + a_rows)
    write_text(d, "labels_annotator_b.csv", b_head + b_rows)
    return d


def _tiny_onet(**extra):
    tasks = pd.DataFrame({"onetsoc_code": ["43-9061.00", "47-2021.00", "43-9061.00", "15-1252.00"],
                          "task_id": [1, 2, 3, 4],
                          "task": ["Answer telephones.", "Lay bricks.", "File records.", "Write code."],
                          "task_type": ["Core"] * 4})
    return SimpleNamespace(tasks=tasks, task_dwas=pd.DataFrame(columns=["onetsoc_code", "task_id", "dwa_id"]),
                           dwas=pd.DataFrame(columns=["dwa_id", "iwa_id"]), **extra)


# ---------------------------------------------------------------------------------------
# 1. a development task in the blind validation sample
# ---------------------------------------------------------------------------------------
SOC = pd.DataFrame({"soc_code": ["43-9061", "47-2021", "15-1252"], "tot_emp": [300.0, 100.0, 50.0]})
XW = pd.DataFrame({"onetsoc_code": ["43-9061.00", "47-2021.00", "15-1252.00"],
                   "soc_code": ["43-9061", "47-2021", "15-1252"]})


@pytest.mark.parametrize("where", ["development", "holdout", "dev_v2"])
def test_validation_sample_sharing_a_development_task_is_warned_of(tmp_path, caplog, where):
    h = write_text(tmp_path, "h.csv", HEAD + (ROW_A if where == "development" else "43-9061.00,3,random,"
                                                                                     "True,False,False,filing\n"))
    samples = {"development": h}
    other = h
    if where == "holdout":
        other = samples["holdout"] = write_text(tmp_path, "hold.csv", HEAD + "15-1252.00,4,random,False,True,"
                                                                             "False,code\n" + ROW_A + ROW_B)
    elif where == "dev_v2":
        other = write_text(tmp_path, "dev_v2.csv", HEAD + "15-1252.00,4,random,False,True,False,code\n" + ROW_A)
    v2 = write_v2(tmp_path / "blind")
    with caplog.at_level("WARNING", logger="exposure.reports.categories"):
        write_category_reports(samples, tmp_path / "out", onet=_tiny_onet(), validation=v2, onet_to_soc=XW,
                               soc_scores=SOC)
    counts = {"development": "1 in development", "holdout": "2 in holdout", "dev_v2": "1 in dev_v2"}[where]
    n = 2 if where == "holdout" else 1
    row = 2 if where == "development" else 3
    assert [r.getMessage() for r in caplog.records if "stratum holds one task only" not in r.getMessage()] == [
        f"{v2 / 'sample.csv'}: {n} task(s) of the blind validation sample are also in a development sample "
        f"({counts}; first: row 2, task (43-9061.00, 1), also in the {where} sample ({other}, row {row})): the "
        "rules were developed on them, so the blind figures are optimistic for them"]


def test_cli_warns_of_a_development_task_in_the_validation_sample(tmp_path, caplog, shared_data):
    h = write_text(tmp_path, "h.csv", HEAD + "11-1031.00,15294,random,False,False,False,x\n")
    v2 = write_v2(tmp_path / "v2", "11-1031.00,15294,uniform,False,0.5,2.0,False\n"
                                   "11-3071.00,21347,uniform,False,0.5,2.0,False\n",
                  "11-1031.00,15294,False,False,False,x\n11-3071.00,21347,False,False,False,y\n")
    with warnings.catch_warnings(record=True) as caught, caplog.at_level("WARNING"):
        warnings.simplefilter("always")
        code = main([str(a) for a in ["report", "categories", "--hand-checked", h, "--mirror", shared_data,
                                      "--data-dir", tmp_path / "cache", "--out-dir", tmp_path / "out"]])
    assert code == 0
    assert [r.getMessage() for r in caplog.records if r.name == "exposure.reports.categories"
            and r.levelname == "WARNING"] == [
        f"{v2 / 'sample.csv'}: 1 task(s) of the blind validation sample are also in a development sample (1 in "
        f"development; first: row 2, task (11-1031.00, 15294), also in the development sample ({h}, row 2)): the "
        "rules were developed on them, so the blind figures are optimistic for them"]
    # 11-1031.00 has no OEWS employment: numpy's "invalid value encountered in divide" (fault 6)
    assert not [w for w in caught if issubclass(w.category, RuntimeWarning)]


def test_disjoint_validation_sample_is_reported_as_before(tmp_path, caplog):
    h = write_text(tmp_path, "h.csv", HEAD + "43-9061.00,3,random,True,False,False,filing\n")
    v2 = write_v2(tmp_path / "blind")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tables = write_category_reports({"development": h}, tmp_path / "out", onet=_tiny_onet(), validation=v2,
                                        onet_to_soc=XW, soc_scores=SOC)
    # one task per stratum: its intervals are left empty, with a warning (round 57); nothing else
    assert not [r for r in caplog.records if r.levelname == "WARNING"
                and "stratum holds one task only" not in r.getMessage()]
    val = tables["validation"].set_index(["sample", "category"])
    assert val.loc[("population", "admin"), "n"] == 2
    assert val.loc[("population", "admin"), "precision"] == 1.0


# ---------------------------------------------------------------------------------------
# 2. design columns that contradict each other
# ---------------------------------------------------------------------------------------
def test_weight_that_is_not_the_inverse_of_the_inclusion_probability_is_refused(tmp_path):
    v2 = write_v2(tmp_path / "v2", "43-9061.00,1,uniform,False,0.5,2.0,False\n"
                                   "47-2021.00,2,enriched,True,0.25,40.0,False\n")
    with pytest.raises(DataFormatError) as info:
        read_validation_sample(v2)
    assert str(info.value) == (f"{v2 / 'sample.csv'}, row 3, column 'weight': weight must be 1 / inclusion_prob, "
                               "got '40.0' for an inclusion_prob of '0.25' (1 / it is 4): one of the two is wrong")


def test_enriched_task_outside_the_enriched_population_is_refused(tmp_path):
    v2 = write_v2(tmp_path / "v2", "43-9061.00,1,uniform,False,0.5,2.0,False\n"
                                   "47-2021.00,2,enriched,False,0.25,4.0,False\n")
    with pytest.raises(DataFormatError) as info:
        read_validation_sample(v2)
    assert str(info.value) == (f"{v2 / 'sample.csv'}, row 3, column 'enriched_population': a task of the enriched "
                               "stratum must be in the enriched population (enriched_population True), got False")


def test_rounded_design_values_are_read(tmp_path):
    """As draw_sample.py writes them: the probability to 8 decimals, the weight to 6."""
    v2 = write_v2(tmp_path / "v2", "43-9061.00,1,uniform,False,0.01383273,72.292308,False\n"
                                   "47-2021.00,2,enriched,True,0.13170732,7.592592,False\n")
    assert read_validation_sample(v2)["weight"].tolist() == [72.292308, 7.592592]


# ---------------------------------------------------------------------------------------
# 3. and 4. the header: another separator, a column named in another case
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("sep, holds, looks", [
    (";", "';'", "semicolon-separated (Excel's CSV in some European settings)"),
    ("\t", "tabs", "tab-separated"),
])
def test_sample_file_separated_otherwise_says_so(tmp_path, sep, holds, looks):
    h = write_text(tmp_path, "h.csv", (HEAD + ROW_A).replace(",", sep))
    with pytest.raises(DataFormatError) as info:
        read_hand_checked(h)
    assert str(info.value) == (f"{h}, row 1: the header holds {holds} and no ',': the file looks {looks}; the "
                               "sample files are read comma-separated: save it as 'CSV UTF-8 (comma delimited)'")
    v2 = write_v2(tmp_path / "v2", sample_head=SAMPLE_HEAD.replace(",", sep),
                  sample_rows="43-9061.00;1;uniform;False;0.5;2.0;False\n".replace(";", sep))
    with pytest.raises(DataFormatError, match=r"sample\.csv, row 1: the header holds"):
        read_validation_sample(v2)


@pytest.mark.parametrize("written", ["Admin", " admin", "ADMIN "])
def test_hand_checked_column_in_another_case_is_named(tmp_path, written):
    h = write_text(tmp_path, "h.csv", HEAD.replace("admin", written) + ROW_A)
    with pytest.raises(DataFormatError) as info:
        read_hand_checked(h)
    assert str(info.value) == (f"{h}, row 1, column {written!r}: column {written!r} is read as 'admin' only when "
                               "named so: rename it admin")


def test_annotator_column_in_another_case_is_named(tmp_path):
    v2 = write_v2(tmp_path / "v2", b_head=LABEL_HEAD.replace("routine_coding", "Routine Coding"))
    with pytest.raises(DataFormatError) as info:
        read_validation_sample(v2)
    assert str(info.value) == (f"{v2 / 'labels_annotator_b.csv'}, row 1, column 'Routine Coding': column "
                               "'Routine Coding' is read as 'routine_coding' only when named so: rename it "
                               "routine_coding")


def test_missing_column_says_what_the_header_has(tmp_path):
    h = write_text(tmp_path, "h.csv", HEAD.replace(",note", "") + ROW_A.replace(",phones", ""))
    with pytest.raises(DataFormatError) as info:
        read_hand_checked(h)
    assert str(info.value) == (f"{h}, column 'note': missing column 'note' (the header has 'onetsoc_code', "
                               "'task_id', 'stratum', 'admin', 'routine_coding', 'entry_creative')")


# ---------------------------------------------------------------------------------------
# 5. a task labelled twice by an annotator
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("annotator", ["a", "b"])
def test_task_labelled_twice_names_the_task_and_its_first_row(tmp_path, annotator):
    twice = "43-9061.00,1,True,False,False,x\n47-2021.00,2,False,False,False,y\n43-9061.00,1.0,False,False,False,z\n"
    if annotator == "a":
        v2 = write_v2(tmp_path / "v2", a_rows=twice)
    else:
        v2 = write_v2(tmp_path / "v2", "43-9061.00,1,uniform,False,0.5,2.0,True\n"
                                       "47-2021.00,2,enriched,True,0.25,4.0,True\n", b_rows=twice)
    with pytest.raises(DataFormatError) as info:
        read_validation_sample(v2)
    assert str(info.value) == (f"{v2 / f'labels_annotator_{annotator}.csv'}, row 4, column 'task_id': task "
                               "(43-9061.00, 1) is labelled twice, first on row 2: label each task once")


# ---------------------------------------------------------------------------------------
# 6. employment intervals: resamples without employment
# ---------------------------------------------------------------------------------------
def test_estimate_intervals_leave_out_resamples_without_employment():
    tags = pd.DataFrame({"admin": [True, False], "routine_coding": [False] * 2, "entry_creative": [False] * 2})
    sample = tags.assign(stratum="uniform", weight=1.0)
    emp = pd.Series([0.0, 5.0])  # the first task's occupation has no OEWS employment
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's "invalid value encountered in divide" before
        out = category_estimates(tags, emp, sample, emp, n_boot=200).set_index(["category", "basis"])
    row = out.loc[("admin", "employment")]
    assert row["estimated"] == 0.0
    assert (row["estimated_lo"], row["estimated_hi"]) == (0.0, 0.0)  # NaN, NaN before


# ---------------------------------------------------------------------------------------
# 7. a task the release lacks
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("row, column, message", [
    ("15-1132.00,1,random,False,True,False,old code\n", "onetsoc_code",
     "task not found in O*NET 29.1: it has no occupation 15-1132.00 (another release's code?)"),
    ("47-2021.00,3,random,False,False,False,moved\n", "task_id",
     "task not found in O*NET 29.1: it has no task 3 under 47-2021.00; its task 3 is under 43-9061.00"),
    ("43-9061.00,99,random,True,False,False,absent\n", "task_id",
     "task not found in O*NET 29.1: it has no task 99 under 43-9061.00 (another release's task ID?)"),
])
def test_task_the_release_lacks_names_the_task_and_the_column_at_fault(tmp_path, row, column, message):
    h = write_text(tmp_path, "h.csv", HEAD + ROW_A + row)
    with pytest.raises(DataFormatError) as info:
        write_category_reports({"development": h}, tmp_path / "out", onet=_tiny_onet(release="29.1"))
    assert str(info.value) == f"{h}, row 3, column '{column}': {message}"
