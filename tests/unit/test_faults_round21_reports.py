"""Round 21: odd inputs to the report builders (categories, figures, diff, sources, reproduction).

Faults found (each test below failed before its fix):

1. ``read_hand_checked`` and ``read_validation_sample`` (``exposure report categories``)
   read their CSV files with a bare ``pandas.read_csv``: a blank line between the rows was
   skipped, so every later error named the row above the bad one (``row 3`` for the
   record on line 4); a row with one field more than the header (a trailing comma, as
   spreadsheets export it) was read one column to the right, the note's text blamed as
   the ``entry_creative`` flag (``expected True or False, got 'x'``), and read silently
   when the shifted values happened to fit; a column named twice (``weight`` twice in
   ``sample.csv``) was read from its first copy without a word.
2. A hand-checked file or ``sample.csv`` with a header and no rows was read as an empty
   sample: the report was written with ``n`` 0 and NaN precision and recall.
3. A blank, padded or malformed ``onetsoc_code`` / ``task_id`` (``''``, ``' 43-9061.00'``,
   ``'abc'``, ``'-1'``) in a hand-checked file or the validation sample passed the reader
   (the command's check before loading O*NET), and was refused only after O*NET was
   loaded, as ``task not found in O*NET 29.1``.
4. A sampling weight of ``1e305`` (finite) made the employment-basis estimates of
   ``category_estimates`` NaN without a word (the sums overflowed).
5. ``diff_outputs``: a ``task_digests.parquet`` with a task twice, a padded code or a
   missing digest was refused in pandera's wording, counting rows from 0
   (``row 0, check multiple_fields_uniqueness: '(the row)'``), where every other table
   of the diff names the later row from 1 (``key ... appears twice``).
6. ``figures.save_png`` wrote PNG bytes under any name (``a.svg``, ``a.pdf``, ``a``), a
   directory path ``out/`` as a file ``out``, raised ``TypeError`` for a path None and
   ``AttributeError`` for a figure None.
7. ``figures.render_results`` into an ``out_dir`` that is a file raised
   ``FileExistsError``; with None, ``TypeError``; a figure failing part-way left the
   figures drawn before it replaced and the rest old (a mixed set). An error about the
   rows of a processed table (``render_results``, ``results_tables``) named the frame
   alone (``row 4, column 'soc_code': soc_scores has soc_code '47-2061' twice``), not
   the file.
8. ``figures.read_results`` took processed tables whose measure or employment columns
   are text: the figures raised ``ValueError: could not convert string to float`` /
   ``TypeError: Invalid comparison``; ``plot_distribution`` dropped a measure outside 0-1
   from its histogram (the shares no longer summed to 1) and gave NaN shares for an
   infinite employment, silently.
9. ``reproduction.workforce_shares`` of a measure missing on every row (or employment 0
   or missing on every covered row) returned NaN shares with numpy warnings; a measure
   outside 0-1 (``2.0``) was counted as exposed; an employment whose sum overflows gave
   ``covered_emp`` inf and NaN shares. ``reproduce_occ_level`` counted an occupation
   whose published score is missing as matched (``n_matched`` 1, ``max_abs_diff`` NaN);
   ``coverage_table(None, ...)`` raised ``AttributeError``.
10. ``sources.coverage_figures`` raised ``AttributeError`` / ``KeyError`` for a loaded
    O*NET release that is None, or a crosswalk / OEWS frame without a column it counts;
    ``write_source_reports`` wrote a ``validate_row_counts.csv`` of whatever columns
    ``counts`` had.
11. ``diff_outputs``: a score column stored as text was refused naming the column alone
    (``not numbers (dtype str)``: no row, no value, so ``'0,5'`` could not be found); a
    fractional ``n_tasks`` (1.5) was written into ``diff_occupations.csv`` as it came.
12. ``exposure report categories`` read the ``dev_v2.csv`` and ``v2/`` that it adds beside
    ``--hand-checked`` only after O*NET 29.1 and the crosswalk were loaded (downloaded
    when not cached): a bad one failed after them (``--validation`` was read before).

Tiny made-up files and frames written by the tests.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from exposure._io import write_parquet
from exposure.errors import DataFormatError, ExposureError
from exposure.pipeline import task_digests
from exposure.reports import categories as cat
from exposure.reports import figures, reproduction, sources
from exposure.reports.diff import diff_outputs

HAND = "onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\n"
SAMPLE = "onetsoc_code,task_id,stratum,enriched_population,inclusion_prob,weight,double\n"
LABELS = "onetsoc_code,task_id,admin,routine_coding,entry_creative,note\n"
ROW1 = "43-9061.00,1,random,True,False,False,phones\n"
ROW2 = "43-9061.00,2,random,False,False,False,filing\n"


def _hand(tmp_path, text, name="h.csv") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def _validation(tmp_path, sample_rows, a_rows=None, b_rows="", header=SAMPLE) -> Path:
    (tmp_path / "sample.csv").write_text(header + sample_rows)
    a_rows = a_rows if a_rows is not None else (
        "43-9061.00,1,True,False,False,x\n11-1011.00,2,False,False,False,y\n")
    (tmp_path / "labels_annotator_a.csv").write_text(LABELS + a_rows)
    (tmp_path / "labels_annotator_b.csv").write_text(LABELS + b_rows)
    return tmp_path


S1 = "43-9061.00,1,uniform,True,0.5,2.0,False\n"
S2 = "11-1011.00,2,uniform,False,0.25,4.0,False\n"


# ---------------------------------------------------------------------------------------
# 1. blank lines, long rows and repeated columns of the category CSV files
# ---------------------------------------------------------------------------------------

def test_a_blank_line_between_hand_checked_rows_is_refused_where_it_is(tmp_path):
    path = _hand(tmp_path, HAND + ROW1 + "\n" + ROW2.replace("False,False,False", "maybe,False,False"))
    with pytest.raises(DataFormatError, match=r"h\.csv, row 3: empty line") as info:
        cat.read_hand_checked(path)
    assert info.value.row == 3  # the empty record itself (the bad flag below it is row 4)


def test_a_trailing_comma_on_every_row_is_refused_not_read_shifted(tmp_path):
    path = _hand(tmp_path, HAND + ROW1.replace("\n", ",\n") + ROW2.replace("\n", ",\n"))
    with pytest.raises(DataFormatError, match=r"h\.csv, row 2: too many fields: expected 7, got 8 "
                                              r"\(a trailing separator"):
        cat.read_hand_checked(path)


def test_a_row_whose_shifted_values_fit_is_not_read_silently(tmp_path):
    # one field too many on every row: pandas took the code as the index and read
    # onetsoc_code '1', task_id 'random', ... without a word
    path = _hand(tmp_path, HAND + "43-9061.00,1,random,True,False,False,True,x\n")
    with pytest.raises(DataFormatError, match=r"row 2: too many fields: expected 7, got 8"):
        cat.read_hand_checked(path)


def test_a_flag_column_named_twice_is_refused(tmp_path):
    path = _hand(tmp_path, HAND.replace("note\n", "note,admin\n") + ROW1.replace("\n", ",False\n"))
    with pytest.raises(DataFormatError, match=r"column 'admin': given more than once \(columns 4 and 8\): keep one$"):
        cat.read_hand_checked(path)


def test_a_weight_column_named_twice_in_the_sample_is_refused(tmp_path):
    d = _validation(tmp_path, S1.replace("\n", ",9\n") + S2.replace("\n", ",9\n"),
                    header=SAMPLE.replace("\n", ",weight\n"))
    with pytest.raises(DataFormatError, match=r"sample\.csv, row 1, column 'weight': given more "
                                              r"than once"):
        cat.read_validation_sample(d)


def test_a_blank_line_in_the_annotator_labels_is_refused(tmp_path):
    d = _validation(tmp_path, S1 + S2, a_rows="43-9061.00,1,True,False,False,x\n\n"
                                              "11-1011.00,2,False,False,False,y\n")
    with pytest.raises(DataFormatError, match=r"labels_annotator_a\.csv, row 3: empty line"):
        cat.read_validation_sample(d)


def test_blank_lines_ending_a_file_and_quoted_notes_still_read(tmp_path):
    path = _hand(tmp_path, HAND + ROW1 + '43-9061.00,2,random,False,False,False,"two\nlines, quoted"\n\n\n')
    out = cat.read_hand_checked(path)
    assert out["task_id"].tolist() == ["1", "2"] and out["note"].iloc[1] == "two\nlines, quoted"


# ---------------------------------------------------------------------------------------
# 2. a header without rows
# ---------------------------------------------------------------------------------------

def test_a_hand_checked_file_without_rows_is_refused(tmp_path):
    with pytest.raises(DataFormatError, match=r"h\.csv: no task: the file has a header and no rows"):
        cat.read_hand_checked(_hand(tmp_path, HAND))


def test_a_validation_sample_without_rows_is_refused(tmp_path):
    d = _validation(tmp_path, "", a_rows="")
    with pytest.raises(DataFormatError, match=r"sample\.csv: no task: the file has a header and no rows"):
        cat.read_validation_sample(d)


# ---------------------------------------------------------------------------------------
# 3. codes and task ids checked when the files are read
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("code, task, column, what", [
    ("43-9061.00", "", "task_id", "missing"),
    ("43-9061.00", "abc", "task_id", r"not a task id \(a whole number, like 20699\): 'abc'"),
    ("43-9061.00", "-1", "task_id", r"not a task id \(a whole number, like 20699\): '-1'"),
    ("43-9061.00", "1.5", "task_id", r"not a task id \(a whole number, like 20699\): '1.5'"),
    ("", "1", "onetsoc_code", "missing"),
    (" 43-9061.00", "1", "onetsoc_code", r"not an O\*NET-SOC code \(like 11-1011.00\): ' 43-9061.00'"),
])
def test_a_bad_code_or_task_id_is_refused_by_the_reader(tmp_path, code, task, column, what):
    path = _hand(tmp_path, HAND + ROW1 + f"{code},{task},random,False,False,False,x\n")
    with pytest.raises(DataFormatError, match=rf"h\.csv, row 3, column '{column}': {what}"):
        cat.read_hand_checked(path)


def test_a_bad_task_id_in_the_validation_sample_is_refused(tmp_path):
    d = _validation(tmp_path, S1 + S2.replace(",2,", ",x2,"),
                    a_rows="43-9061.00,1,True,False,False,x\n11-1011.00,x2,False,False,False,y\n")
    with pytest.raises(DataFormatError, match=r"sample\.csv, row 3, column 'task_id': not a task id"):
        cat.read_validation_sample(d)


def test_task_ids_written_as_decimals_are_still_read(tmp_path):
    path = _hand(tmp_path, HAND + ROW1.replace(",1,", ",1.0,"))
    assert cat.read_hand_checked(path)["task_id"].tolist() == ["1"]


# ---------------------------------------------------------------------------------------
# 4. huge sampling weights
# ---------------------------------------------------------------------------------------

def test_huge_weights_give_the_estimates_of_the_same_weights_scaled_down():
    flags = pd.DataFrame({"admin": [True, False, True, False], "routine_coding": [False] * 4,
                          "entry_creative": [False] * 4})
    emp = pd.Series([1e5, 2e5, 3e5, 4e5])
    small = flags.assign(stratum="uniform", weight=[1.0, 2.0, 1.0, 2.0])
    huge = small.assign(weight=small["weight"] * 1e305)
    a = cat.category_estimates(flags, emp, small, emp, n_boot=30)
    b = cat.category_estimates(flags, emp, huge, emp, n_boot=30)
    assert not b[["estimated", "estimated_lo", "estimated_hi"]].isna().any().any()
    pd.testing.assert_frame_equal(a, b)
    m1 = cat.validation_metrics(small, flags, n_boot=30)
    m2 = cat.validation_metrics(huge, flags, n_boot=30)
    pd.testing.assert_frame_equal(m1, m2)


# ---------------------------------------------------------------------------------------
# 5. diff: task_digests named as the other tables are
# ---------------------------------------------------------------------------------------

def _recompute_dir(path: Path, tasks: pd.DataFrame, release: str) -> Path:
    path.mkdir()
    write_parquet(task_digests(tasks), path / "task_digests.parquet")
    write_parquet(tasks[["onetsoc_code", "task_id"]].assign(beta=0.5), path / "task_scores.parquet")
    occ = tasks.groupby("onetsoc_code").size().rename("n_tasks").reset_index().assign(beta=0.5)
    write_parquet(occ, path / "occupation_scores.parquet")
    for level, naics in (("sector", "52"), ("subsector", "522")):
        write_parquet(pd.DataFrame({"naics": [naics], "naics_title": [f"title {naics}"], "level": level,
                                    "beta": [0.4], "exposed_workers": [10.0]}),
                      path / f"{level}_scores.parquet")
    (path / "manifest.json").write_text(json.dumps({"releases": {"onet": release}}))
    return path


def _tasks_frame():
    return pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "13-2011.00"], "task_id": [1, 2, 3],
                         "task": ["Direct operations.", "Confer.", "Audit accounts."],
                         "task_type": ["Core", "Core", "Core"]})


@pytest.mark.parametrize("change, match", [
    (lambda t: pd.concat([t, t.iloc[[0]]], ignore_index=True),
     r"task_digests\.parquet, row 4, column 'task_id': key \('11-1011\.00', 1\) appears twice"),
    (lambda t: t.assign(onetsoc_code=["11-1011.00", " 11-1011.00", "13-2011.00"]),
     r"task_digests\.parquet, row 2, column 'onetsoc_code': not an O\*NET-SOC code"),
    (lambda t: t.assign(text_digest=[t["text_digest"].iloc[0], None, t["text_digest"].iloc[2]]),
     r"task_digests\.parquet, row 2, column 'text_digest': missing"),
    (lambda t: t.assign(text_digest=[t["text_digest"].iloc[0], "abc", t["text_digest"].iloc[2]]),
     r"task_digests\.parquet, row 2, column 'text_digest': not a text digest \(16 hexadecimal digits\): 'abc'"),
])
def test_a_bad_task_digests_table_is_named_from_row_1(tmp_path, change, match):
    old = _recompute_dir(tmp_path / "old", _tasks_frame(), "29.1")
    new = _recompute_dir(tmp_path / "new", _tasks_frame(), "30.1")
    digests = pd.read_parquet(new / "task_digests.parquet")
    write_parquet(change(digests), new / "task_digests.parquet")
    with pytest.raises(DataFormatError, match=match) as info:
        diff_outputs(old, new)
    assert "pandera" not in str(info.value) and "row 0" not in str(info.value)


def test_the_diff_of_good_digests_is_unchanged(tmp_path):
    old = _recompute_dir(tmp_path / "old", _tasks_frame(), "29.1")
    tasks = _tasks_frame()
    tasks.loc[1, "task"] = "Confer with the board."
    new = _recompute_dir(tmp_path / "new", tasks, "30.1")
    d = diff_outputs(old, new)
    assert d.tasks[["task_id", "change"]].to_dict("records") == [{"task_id": 2, "change": "reworded"}]


# ---------------------------------------------------------------------------------------
# 6. save_png
# ---------------------------------------------------------------------------------------

def _soc() -> pd.DataFrame:
    return pd.DataFrame({"soc_code": ["15-1252", "43-9061", "47-2061"],
                         "soc_title": ["Developers", "Clerks", "Laborers"],
                         "tot_emp": [100e3, 200e3, 50e3], "a_mean": [140e3, 45e3, 50e3],
                         "alpha": [0.6, 0.5, 0.0], "beta": [0.8, 0.6, 0.0], "gamma": [1.0, 0.7, 0.0],
                         "share_admin": [0.1, 0.7, 0.0], "share_routine_coding": [0.5, 0.0, 0.0],
                         "share_entry_creative": [0.1, 0.1, 0.0]})


def _sectors() -> pd.DataFrame:
    return pd.DataFrame({"naics": ["51", "23"], "naics_title": ["Information", "Construction"],
                         "level": ["sector", "sector"], "tot_emp": [1000.0, 2000.0],
                         "covered_emp": [900.0, 1800.0], "coverage": [0.9, 0.9], "alpha": [0.4, 0.05],
                         "beta": [0.55, 0.1], "gamma": [0.7, 0.15], "exposed_workers": [500.0, 100.0]})


def _workforce() -> pd.DataFrame:
    return pd.DataFrame([{"group_type": "all", "group": "all", "measure": m, "tot_emp": 800.0,
                          "covered_emp": 800.0, "share_ge_10": 0.9, "share_gt_50": 0.3, "emp_mean": 0.4,
                          "wage_mean": 0.45} for m in ("alpha", "beta", "gamma")])


def _processed(path: Path, soc=None) -> Path:
    path.mkdir(exist_ok=True)
    (_soc() if soc is None else soc).to_parquet(path / "soc_scores.parquet")
    _sectors().to_parquet(path / "sector_scores.parquet")
    _workforce().to_parquet(path / "workforce.parquet")
    return path


@pytest.mark.parametrize("name", ["a.svg", "a.pdf", "a"])
def test_save_png_refuses_a_name_that_is_not_png(tmp_path, name):
    fig = figures.plot_distribution(_soc())
    with pytest.raises(ExposureError, match=rf"{name}: the figure is written as PNG; give a file name "
                                            r"ending in \.png"):
        figures.save_png(fig, tmp_path / name)
    assert not (tmp_path / name).exists()


def test_save_png_refuses_a_directory_path(tmp_path):
    fig = figures.plot_distribution(_soc())
    with pytest.raises(ExposureError, match="a directory path, not a file name"):
        figures.save_png(fig, str(tmp_path / "out") + os.sep)
    assert not (tmp_path / "out").exists()


def test_save_png_refuses_none(tmp_path):
    with pytest.raises(DataFormatError, match=r"path must be a file path \(str or os\.PathLike\), got NoneType"):
        figures.save_png(figures.plot_distribution(_soc()), None)
    with pytest.raises(DataFormatError, match=r"fig must be a matplotlib Figure, got NoneType None"):
        figures.save_png(None, tmp_path / "a.png")


# ---------------------------------------------------------------------------------------
# 7. render_results
# ---------------------------------------------------------------------------------------

def test_render_results_into_a_file_is_refused(tmp_path):
    processed = _processed(tmp_path / "p")
    (tmp_path / "f").write_text("x")
    with pytest.raises(ExposureError, match=r"f: output exists and is not a directory"):
        figures.render_results(processed, tmp_path / "f")
    with pytest.raises(DataFormatError, match=r"out_dir must be a directory path"):
        figures.render_results(processed, None)


def test_render_results_writes_all_figures_or_none(tmp_path):
    out = tmp_path / "out"
    figures.render_results(_processed(tmp_path / "p"), out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    soc = _soc()
    soc["beta"] = [0.9, 0.1, 0.2]
    soc = pd.concat([soc, soc.iloc[[2]]], ignore_index=True)  # the major groups figure fails (3rd of 7)
    with pytest.raises(DataFormatError, match=r"soc_code '47-2061' is given twice"):
        figures.render_results(_processed(tmp_path / "q", soc), out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # none replaced


# ---------------------------------------------------------------------------------------
# 8. numbers of the processed tables and of the distribution figure
# ---------------------------------------------------------------------------------------

def test_read_results_refuses_text_in_a_measure_column(tmp_path):
    soc = _soc().assign(beta=["0.8", "x", "0.0"])
    processed = _processed(tmp_path / "p", soc)
    with pytest.raises(DataFormatError, match=r"soc_scores\.parquet, column 'beta': not numbers \(the column "
                                              r"holds text: 'x' on row 2\)"):
        figures.read_results(processed)


@pytest.mark.parametrize("change, match", [
    ({"beta": [1.5, 0.6, 0.0]}, r"row 1, column 'beta': beta must be a fraction from 0 to 1, got 1\.5"),
    ({"tot_emp": [np.inf, 1.0, 1.0]}, r"row 1, column 'tot_emp': not a finite number: inf"),
    ({"tot_emp": ["5", "x", "1"]}, r"row 2, column 'tot_emp': not a number: 'x'"),
])
def test_plot_distribution_refuses_values_it_would_drop(change, match):
    with pytest.raises(DataFormatError, match=match):
        figures.plot_distribution(_soc().assign(**change))


# ---------------------------------------------------------------------------------------
# 9. reproduction
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("frame, match", [
    (pd.DataFrame({"beta": [np.nan, np.nan], "tot_emp": [1.0, 2.0]}),
     r"no covered worker: beta is missing on every row, or tot_emp is 0 or missing where it is given"),
    (pd.DataFrame({"beta": [0.2, 0.6], "tot_emp": [0.0, np.nan]}), r"no covered worker"),
    (pd.DataFrame({"beta": [2.0, 0.6], "tot_emp": [1.0, 1.0]}),
     r"soc_scores, row 1, column 'beta': beta must be a fraction from 0 to 1, got 2\.0"),
    (pd.DataFrame({"beta": [0.2, 0.6], "tot_emp": [1e308, 1e308]}),
     r"column 'tot_emp': the employment adds up to more than a float can hold"),
])
def test_workforce_shares_refuses_what_gave_nan_or_counted_wrong(frame, match):
    with pytest.raises(DataFormatError, match=match):
        reproduction.workforce_shares(frame, "beta")


def _labels():
    return pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2], "task_type": ["Core", None],
                         "human_exposure_agg": ["E1", "E0"], "gpt4_exposure": ["E2", "E2"]})


def _published(**changes):
    ref = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "human_alpha": [2 / 3], "human_beta": [2 / 3],
                        "human_gamma": [2 / 3], "gpt4_alpha": [0.0], "gpt4_beta": [0.5], "gpt4_gamma": [1.0]})
    return ref.assign(**changes)


def test_a_missing_published_score_is_refused_not_counted_as_matched():
    with pytest.raises(DataFormatError, match=r"occ_level, row 1, column 'human_beta': missing"):
        reproduction.reproduce_occ_level(_labels(), _published(human_beta=np.nan))


@pytest.mark.parametrize("sets, employments, match", [
    (None, {"2025": None}, r"occupation_sets must be a dict of names to occupation scores, got NoneType None"),
    ({"x": None}, [None], r"employments must be a dict of OEWS releases to employment frames, got list"),
])
def test_coverage_table_refuses_what_is_not_a_dict(sets, employments, match):
    with pytest.raises(DataFormatError, match=match):
        reproduction.coverage_table(sets, pd.DataFrame(), employments)


# ---------------------------------------------------------------------------------------
# 10. sources
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("loaded, match", [
    ({("onet", "29.1"): None}, r"loaded\[\('onet', '29\.1'\)\] must be an O\*NET release"),
    ({("crosswalks", "onet_to_soc"): pd.DataFrame({"x": [1]})},
     r"loaded\[\('crosswalks', 'onet_to_soc'\)\] lacks column\(s\) \['onetsoc_code', 'soc_code'\]"),
    ({("oews", "2025", "national"): pd.DataFrame({"x": [1]})},
     r"loaded\[\('oews', '2025', 'national'\)\] lacks column\(s\) \['occ_code', 'o_group'"),
])
def test_coverage_figures_refuses_what_it_cannot_count(loaded, match):
    with pytest.raises(DataFormatError, match=match):
        sources.coverage_figures(loaded)


def test_write_source_reports_refuses_counts_of_other_columns(tmp_path):
    with pytest.raises(DataFormatError, match=r"counts lacks column\(s\) \['source', 'release', 'table', 'rows'\]"):
        sources.write_source_reports(pd.DataFrame({"x": [1]}), {}, tmp_path / "r")
    assert not (tmp_path / "r").exists()


# ---------------------------------------------------------------------------------------
# 11. diff: numbers stored as text named with their row; a fractional task count
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("change, match", [
    (lambda t: t.assign(beta=["0,5", "0.5"]),
     r"occupation_scores\.parquet, column 'beta': not numbers \(dtype .+\): row 1 holds '0,5' \(text\)"),
    (lambda t: t.assign(n_tasks=[1.5, 1.0]),
     r"occupation_scores\.parquet, row 1, column 'n_tasks': n_tasks must be a whole number, got 1\.5"),
])
def test_occupation_numbers_the_diff_cannot_take_are_named(tmp_path, change, match):
    old = _recompute_dir(tmp_path / "old", _tasks_frame(), "29.1")
    new = _recompute_dir(tmp_path / "new", _tasks_frame(), "30.1")
    occ = pd.read_parquet(new / "occupation_scores.parquet")
    write_parquet(change(occ), new / "occupation_scores.parquet")
    with pytest.raises(DataFormatError, match=match):
        diff_outputs(old, new)



# ---------------------------------------------------------------------------------------
# 12. report categories reads the files beside --hand-checked before O*NET
# ---------------------------------------------------------------------------------------

def _report_categories(tmp_path, capsys):
    from exposure.cli import main

    (tmp_path / "mirror").mkdir()
    code = main(["report", "categories", "--hand-checked", str(tmp_path / "h.csv"), "--mirror",
                 str(tmp_path / "mirror"), "--data-dir", str(tmp_path / "cache"), "--out-dir",
                 str(tmp_path / "out")])
    return code, capsys.readouterr().err.strip().splitlines()


def test_report_categories_reads_dev_v2_beside_before_onet(tmp_path, capsys):
    _hand(tmp_path, HAND + ROW1)
    _hand(tmp_path, HAND + ROW2 + "\n" + ROW1, name="dev_v2.csv")
    code, err = _report_categories(tmp_path, capsys)
    assert code == 2
    assert err == [f"exposure report categories: error: {tmp_path / 'dev_v2.csv'}, row 3: empty line (remove it: only "
                   "the empty lines ending the file are ignored)"]
    assert not (tmp_path / "out").exists() and not (tmp_path / "cache").exists()


def test_report_categories_reads_the_v2_sample_beside_before_onet(tmp_path, capsys):
    _hand(tmp_path, HAND + ROW1)
    (tmp_path / "v2").mkdir()
    _validation(tmp_path / "v2", "")
    code, err = _report_categories(tmp_path, capsys)
    assert code == 2
    assert err == [f"exposure report categories: error: {tmp_path / 'v2' / 'sample.csv'}: no task: the file has a header "
                   "and no rows"]


def test_a_figure_error_names_the_processed_file(tmp_path):
    soc = pd.concat([_soc(), _soc().iloc[[2]]], ignore_index=True)
    processed = _processed(tmp_path / "p", soc)
    for call in (lambda: figures.render_results(processed, tmp_path / "out"),
                 lambda: figures.results_tables(processed)):
        with pytest.raises(DataFormatError, match=r"p/soc_scores\.parquet, row 4, column 'soc_code': "
                                                  r"soc_code '47-2061' is given twice \(rows 3 and 4\)"):
            call()
