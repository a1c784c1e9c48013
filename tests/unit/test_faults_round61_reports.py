"""Round 61: the report commands, the results figures and tables, the reproduction report.

Faults found (each test below failed before its fix):

1. ``exposure report rubric|reproduction|agreement|categories --out-dir rubric.csv`` (a
   report directory named like a file: ``.csv``, ``.xlsx``, ``.json``, ...) made a
   directory ``rubric.csv`` holding ``rubric_agreement.csv``, after the labels, O*NET and
   the scoring were read; so did ``write_reproduction_reports("r.csv")`` (the four
   reports) and ``figures.render_results(processed, "figures.png")`` (the seven
   figures). ``exposure validate --report-dir``, ``compare -o``, ``rollup -o`` and
   ``write_source_reports`` refused it already. Now refused before any work, exit 2 on the
   command line: ``exposure report rubric: error: --out-dir rubric.csv names the directory
   that gets rubric_agreement.csv, but 'rubric.csv' is named like a .csv file: give a
   directory`` (:func:`exposure._outdir.refuse_file_named_dir`). A directory that exists
   under such a name is written into as before.
2. ``figures.ranked(frame, value)`` sorted a column of numbers written as text (a CSV read
   with ``dtype=str``) as text: wages ``"9000"``, ``"30000"``, ``"10000"`` were ranked
   in that order, highest first; with an employment floor, an employment that is no number
   (``"20,000"`` from a spreadsheet, ``"x"``) counted as below any floor: the occupation
   was left out of the most and least exposed lists without a word. Now the value (and,
   with a floor, the employment) is read as numbers; text that is no number is refused,
   naming the row and the column: ``frame, row 1, column 'tot_emp': not a number:
   '20,000'``.
3. ``figures.by_major_group(soc_scores)`` (the major-group and category tables of the
   Results page, ``plot_major_groups``, ``plot_categories``) left an occupation whose
   ``soc_code`` is missing out of every group (its workers lost from the table), and put
   a code with a leading space (``" 15-1252"``, pasted) into a group ``" 1-0000"`` of its
   own, titled by that code. Now a missing code, or one that is not a SOC or O*NET-SOC
   code, is refused naming the row (``soc_scores, row 3, column 'soc_code': missing SOC
   code``); surrounding spaces are stripped.
4. A negative ``tot_emp`` was added to its major group's employment by ``by_major_group``
   (``100`` and ``-300`` in one group: an employment of ``-200.0``) and left out of
   the means, and ``by_wage_decile`` / ``plot_wage`` dropped its occupation, without a
   word. Now refused, naming the row: ``soc_scores, row 2, column 'tot_emp': employment must
   be at least 0.0; got -300.0``.
5. ``reproduction.workforce_shares`` compared a measure with 0.10 and 0.50 exactly, so a
   measure at a threshold but for float rounding (a mean of means:
   ``0.10000000000000002``) fell on the side its rounding put it: in
   ``workforce_2021.csv`` (``exposure report reproduction``), Packers and Packagers
   (53-7064, 585,270 workers, beta 0.1 from the human labels with core weights and the
   ``n_tasks`` combination) counted as above 10%: ``share_gt_10`` 0.837 for 0.8316 (five
   rows were off, by up to 0.0058). Now a measure within 1e-12 of a threshold is at it, as
   :func:`exposure.rollup.workforce_stats` (``workforce_2021_bootstrap.csv``) counts it.
6. ``sources.coverage_figures(loaded)`` (``data_coverage.csv`` of ``exposure validate
   --report-dir``) with a crosswalk whose ``soc_code`` is missing raised ``TypeError: '<'
   not supported between instances of 'float' and 'str'``; a padded code (``" 11-1011"``)
   was counted as a SOC code of its own (``distinct SOC 2018 codes`` 3 for 2, ``SOC codes
   shared by several O*NET codes`` 0 for 1) and, as a padded OEWS ``occ_code``, matched
   nothing. Now refused naming the entry, row and column: ``loaded[('crosswalks',
   'onet_to_soc')], row 2, column 'soc_code': missing``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure._outdir import OutputPathError
from exposure.errors import DataFormatError
from exposure.reports import figures
from exposure.reports.reproduction import workforce_shares, write_reproduction_reports
from exposure.reports.sources import coverage_figures


@pytest.fixture
def places(tmp_path, monkeypatch):
    """An empty mirror and cache, so that nothing real is read (the refusal comes first)."""
    (tmp_path / "mirror").mkdir()
    monkeypatch.setenv("EXPOSURE_MIRROR", str(tmp_path / "mirror"))
    monkeypatch.setenv("EXPOSURE_DATA_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ------------------------------------------------------------------ 1. --out-dir named like a file
@pytest.mark.parametrize(("command", "out", "writes"), [
    (["rubric"], "rubric.csv", "rubric_agreement.csv"),
    (["reproduction"], "r.xlsx", "reproduction_occ_level.csv, workforce_2021.csv, "
                                 "workforce_2021_bootstrap.csv and reproduction_coverage.csv"),
    (["agreement", "--method", "rubric"], "a.json", "agreement_rubric.csv"),
    (["categories", "--hand-checked", "hand_checked_v1.csv"], "c.csv", "the category reports (categories_*.csv)"),
])
def test_report_out_dir_named_like_a_file_is_refused(capsys, places, command, out, writes):
    code, _, err = cli(capsys, "report", *command, "--out-dir", out)
    line = one_error_line(err, command=f"report {command[0]}")
    suffix = out[out.rindex("."):]
    assert code == 2
    assert line == (f"exposure report {command[0]}: error: --out-dir {out} names the directory that gets {writes}, "
                    f"but {out!r} is named like a {suffix} file: give a directory")
    assert not (places / out).exists()


def test_write_reproduction_reports_into_a_file_named_directory_is_refused(places):
    with pytest.raises(OutputPathError, match=r"out_dir r\.csv names the directory that gets reproduction_occ_level"
                                              r"\.csv, .* but 'r\.csv' is named like a \.csv file: give a directory"):
        write_reproduction_reports("r.csv", mirror=places / "mirror", data_dir=places / "cache")
    assert not (places / "r.csv").exists()


def test_render_results_into_a_file_named_directory_is_refused(places):
    with pytest.raises(OutputPathError, match=r"out_dir figures\.png names the directory that gets the figures "
                                              r"\(occupations\.png, .*coverage\.png\), but 'figures\.png' is named"):
        figures.render_results(places / "processed", "figures.png")
    assert not (places / "figures.png").exists()
    (places / "old.png").mkdir()  # an existing directory of such a name: written into as before
    with pytest.raises(Exception, match="missing processed table"):
        figures.render_results(places / "processed", "old.png")


# ------------------------------------------------------------------ 2. ranked: numbers as text
def test_ranked_reads_numbers_written_as_text():
    frame = pd.DataFrame({"soc_code": ["a", "b", "c"], "a_mean": ["9000", "30000", "10000"]})
    top, bottom = figures.ranked(frame, "a_mean", n=3)
    assert top["soc_code"].tolist() == ["b", "c", "a"]  # was a, b, c: sorted as text
    assert bottom["soc_code"].tolist() == ["a", "c", "b"]
    assert top["a_mean"].tolist() == [30000.0, 10000.0, 9000.0]


@pytest.mark.parametrize("bad, hint", [("20,000", ": a comma does not separate thousands here: write '20000'"),
                                       ("x", "")])
def test_ranked_refuses_an_employment_that_is_no_number_under_a_floor(bad, hint):
    frame = pd.DataFrame({"soc_code": ["a", "b"], "beta": [0.9, 0.1], "tot_emp": [bad, "200000"]})
    with pytest.raises(DataFormatError, match=rf"^frame, row 1, column 'tot_emp': not a number: '{bad}'{hint}$"):
        figures.ranked(frame, n=2, min_employment=10_000)  # 'a' was left out of both lists


# ------------------------------------------------------------------ 3. by_major_group: codes
def test_by_major_group_refuses_a_missing_code():
    soc = pd.DataFrame({"soc_code": ["15-1252", "15-1211", None], "tot_emp": [100.0, 300.0, 50.0],
                        "beta": [0.8, 0.4, 0.1]})
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 3, column 'soc_code': missing SOC code$"):
        figures.by_major_group(soc, ["beta"])  # its 50 workers were left out of every group


def test_by_major_group_strips_a_padded_code_and_refuses_a_malformed_one():
    soc = pd.DataFrame({"soc_code": [" 15-1252", "15-1211 "], "tot_emp": [100.0, 300.0], "beta": [0.8, 0.4]})
    groups = figures.by_major_group(soc, ["beta"])
    assert groups[["major_group", "tot_emp", "beta"]].to_dict("records") == [
        {"major_group": "15-0000", "tot_emp": 400.0, "beta": 0.5}]  # was a group " 1-0000" of its own
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 1, column 'soc_code': not a SOC code \(like "
                                              r"15-1252\): '15 1252'"):
        figures.by_major_group(soc.assign(soc_code=["15 1252", "15-1211"]), ["beta"])
    with pytest.raises(DataFormatError, match=r"row 2, column 'soc_code': missing SOC code"):
        figures.plot_major_groups(pd.DataFrame({"soc_code": ["15-1252", np.nan], "tot_emp": [10.0, 20.0],
                                                "alpha": [0.5, 0.0], "beta": [0.7, 0.05], "gamma": [0.9, 0.1]}))


# ------------------------------------------------------------------ 4. negative employment
def test_a_negative_employment_is_refused_by_the_group_tables():
    soc = pd.DataFrame({"soc_code": ["15-1252", "15-1211"], "tot_emp": [100.0, -300.0], "beta": [0.8, 0.4],
                        "a_mean": [90e3, 80e3]})
    msg = r"^soc_scores, row 2, column 'tot_emp': employment must be at least 0.0; got -300.0$"
    with pytest.raises(DataFormatError, match=msg):
        figures.by_major_group(soc, ["beta"])  # an employment of -200.0
    with pytest.raises(DataFormatError, match=msg):
        figures.by_wage_decile(soc, ["beta"], n=2)  # the occupation dropped


# ------------------------------------------------------------------ 5. workforce shares at a threshold
def test_workforce_shares_count_a_measure_at_a_threshold_up_to_rounding():
    at_10, at_50 = 0.1 + 2 ** -56, 0.5 - 2 ** -54  # 0.10000000000000002, 0.49999999999999994
    assert at_10 != 0.1 and at_50 != 0.5
    soc = pd.DataFrame({"beta": [at_10, at_50, 0.9], "tot_emp": [1.0, 1.0, 2.0]})
    shares = workforce_shares(soc, "beta")
    # gt_10 was 1.0 (0.10000000000000002 above 0.10), ge_50 0.5 (0.49999999999999994 below 0.50)
    assert shares == {"covered_emp": 4.0, "ge_10": 1.0, "gt_10": 0.75, "ge_50": 0.75, "gt_50": 0.5}


# ------------------------------------------------------------------ 6. coverage figures: codes
_FLAGS = dict.fromkeys(["tot_emp_not_released", "a_mean_not_released", "a_mean_top_coded", "any_top_coded"], False)
_CW = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"],
                    "soc_code": ["11-1011", "11-1011", "13-1021"]})
_EMP = pd.DataFrame({"occ_code": ["11-1011", "13-1020"], "o_group": "detailed", "tot_emp": [300.0, 100.0], **_FLAGS})


@pytest.mark.parametrize(("cw", "emp", "message"), [
    (_CW.assign(soc_code=["11-1011", None, "13-1021"]), _EMP,
     r"^loaded\[\('crosswalks', 'onet_to_soc'\)\], row 2, column 'soc_code': missing$"),
    (_CW.assign(soc_code=[" 11-1011", "11-1011", "13-1021"]), _EMP,
     r"^loaded\[\('crosswalks', 'onet_to_soc'\)\], row 1, column 'soc_code': not a SOC code \(like 11-1011\): "
     r"' 11-1011': spaces around the code: write '11-1011'$"),
    (_CW, _EMP.assign(occ_code=["11-1011 ", "13-1020"]),
     r"^loaded\[\('oews', '2025', 'cross_industry'\)\], row 1, column 'occ_code': not a SOC code"),
])
def test_coverage_figures_refuse_a_missing_or_padded_code(cw, emp, message):
    loaded = {("crosswalks", "onet_to_soc"): cw, ("oews", "2025", "cross_industry"): emp}
    with pytest.raises(DataFormatError, match=message):
        coverage_figures(loaded)
    good = coverage_figures({("crosswalks", "onet_to_soc"): _CW, ("oews", "2025", "cross_industry"): _EMP})
    assert good.set_index("figure")["value"].iloc[[1, 2]].tolist() == [2, 1]
