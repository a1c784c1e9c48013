"""Round 11: the outcomes' tables and groups, SOC scores, Dask roll-ups and warnings, labels, text tables.

1. :func:`exposure.outcomes.pretrend` read a negative ``se`` as given (a standard error
   is 0 or more). (:func:`~exposure.outcomes.headline` already refused a table without
   ``n_occupations``; kept.)
2. :func:`exposure.outcomes.exposure_groups` and :func:`~exposure.outcomes.group_growth`
   refused ``q`` and ``cuts`` given together only after reading the values (the panel):
   a bad value or panel was reported instead of the argument conflict.
3. :func:`exposure.outcomes.check_soc_scores` (also run by ``exposure_table`` and
   ``compare``) named its frame twice: ``soc_scores: soc_scores lacks column(s) ['beta']``,
   ``soc_scores: SOC scores have no rows``.
4. The Dask roll-ups (:func:`exposure.dask.to_occupations`, ``to_sectors``) read a
   weight ``"abc"``, ``"1,200"``, a negative, infinite or boolean weight as 0 (or as
   given) without a word; the pandas roll-ups refuse such numbers, naming the row and
   column, and read ``"1,200"`` as 1200.
5. ``exposure.dask.score(ddf).compute()`` logged the warning on texts that do not read
   as work tasks once per partition: N copies of one line, each naming "row 2" of no
   partition in particular.
6. :func:`exposure.scoring.score_tasks` ignored ``labels=5`` (or a path) when the method
   was not ``reference``.
7. A CSV or TSV file of several columns whose last line holds only spaces or tabs (an
   editor's leftover) was refused as a blank line; such lines ending the file are now
   ignored, as empty lines there are. One in the middle is still refused. Rows of a
   Stata ``.dta`` file are counted from 1, as Parquet's (checked, unchanged).

No mirror and no network; the Dask cases use tiny frames and the synchronous scheduler.
"""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd
import pytest

from exposure import outcomes
from exposure._tables import check_delimited_file, read_frame
from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.measures import compare as cmp
from exposure.scoring import score_tasks

dd = pytest.importorskip("dask.dataframe")

from test_faults_round10 import _coefficients  # noqa: E402  (the same rows)

from exposure import dask as xd  # noqa: E402

pytestmark = pytest.mark.usefixtures("no_env")


# 1. pretrend: a negative standard error ----------------------------------------------------

@pytest.mark.parametrize("value, shown", [(-0.01, "-0.01"), (-1e-9, "-1e-09"), ("-0.5", "-0.5")])
def test_pretrend_refuses_a_negative_standard_error(value, shown):
    """``se -0.01`` was reported in the pre-trend table as given."""
    cells = pd.Series([value, np.nan, 0.005, 0.005], dtype=object if isinstance(value, str) else float)
    with pytest.raises(DataFormatError, match=rf"^coefficients, row 1, column 'se': se must be a standard error "
                                              rf"of 0 or more, got {re.escape(shown)}$"):
        outcomes.pretrend(_coefficients(se=cells))


def test_pretrend_reads_standard_errors_of_0_or_more_and_missing_ones_as_before():
    p = outcomes.pretrend(_coefficients(se=[0.0, np.nan, 0.005, 0.005]))
    assert p[["se", "passes"]].to_dict("records") == [{"se": 0.0, "passes": True}]
    assert outcomes.pretrend(_coefficients(se=[np.nan] * 4))["se"].isna().all()
    # headline does not read se: its rows are reported whatever the column holds
    assert outcomes.headline(_coefficients(se=[-1.0] * 4))["coef"].tolist() == [-0.02]


def test_headline_refuses_a_table_without_n_occupations():
    """Already refused (checked): the missing column is named as the others are."""
    with pytest.raises(DataFormatError, match=r"^coefficients lacks column\(s\) \['n_occupations'\]$"):
        outcomes.headline(_coefficients().drop(columns="n_occupations"))


# 2. exposure_groups / group_growth: q and cuts, before the data -----------------------------

CONFLICT = r"^give q or cuts, not both: cuts \(the group boundaries on the measure's scale\) leave q"


@pytest.mark.parametrize("values", [["a", 0.2], [True, 0.2], [np.inf, 0.2], pd.Series(["x"])])
@pytest.mark.parametrize("q", [2, 2.0])
def test_exposure_groups_report_q_and_cuts_together_before_reading_the_values(values, q):
    """Bad values were reported first (``exposure values must be numbers, got 'a'``)."""
    with pytest.raises(DataFormatError, match=CONFLICT + r" \(quantile groups\) unused; got q=2 and cuts=\[0.5\]$"):
        outcomes.exposure_groups(values, q=q, cuts=[0.5])


def test_exposure_groups_report_q_and_cuts_together_before_the_weights():
    with pytest.raises(DataFormatError, match=CONFLICT):
        outcomes.exposure_groups([0.1, 0.2], [1, 2, 3], q=2, cuts=[0.5])


def _panel():
    return pd.DataFrame([(c, y, 100.0) for c in ("11-1011", "43-9021") for y in (2021, 2022, 2025)],
                        columns=["soc_code", "year", "tot_emp"]).assign(a_mean=50e3, balanced=True,
                                                                        soc_major="11-0000")


EXPOSURES = pd.DataFrame({"soc_code": ["11-1011", "43-9021"], "beta": [0.1, 0.9]})


@pytest.mark.parametrize("panel, exposures", [
    (None, EXPOSURES), (_panel().drop(columns="a_mean"), EXPOSURES),
    (_panel(), EXPOSURES.assign(beta=["x", 0.9])), (_panel(), None)])
def test_group_growth_reports_q_and_cuts_together_before_reading_the_panel(panel, exposures):
    """``panel lacks column(s) ['a_mean']`` (or the exposures' bad cell) was reported first."""
    with pytest.raises(DataFormatError, match=CONFLICT + r".* got q=3 and cuts=\[0.5\]$"):
        outcomes.group_growth(panel, exposures, q=3, cuts=[0.5])


def test_group_growth_and_exposure_groups_of_one_argument_are_unchanged():
    assert outcomes.group_growth(_panel(), EXPOSURES, cuts=[0.5])["group"].tolist() == [1, 2]
    assert outcomes.group_growth(_panel(), EXPOSURES, q=2)["group"].tolist() == [1, 2]
    with pytest.raises(DataFormatError, match=r"^panel lacks column\(s\) \['a_mean'\]$"):
        outcomes.group_growth(_panel().drop(columns="a_mean"), EXPOSURES, q=2)
    with pytest.raises(DataFormatError, match=r"^exposure values must be numbers, got 'a' at position 0$"):
        outcomes.exposure_groups(["a", 0.2], cuts=[0.5])
    assert outcomes.exposure_groups([0.1, 0.2, 0.3, 0.4], cuts=[0.25]).tolist() == [1, 1, 2, 2]
    # what is not a list of values, and a malformed q or cuts, are still named first
    with pytest.raises(DataFormatError, match=r"^values must be a list, array or Series of exposure values, "
                                              r"got NoneType None$"):
        outcomes.exposure_groups(None, q=2, cuts=[0.5])
    with pytest.raises(DataFormatError, match=r"^cuts must be a list of numbers, got list \['a'\]$"):
        outcomes.group_growth(None, EXPOSURES, q=2, cuts=["a"])


# 3. check_soc_scores: the frame named once --------------------------------------------------

@pytest.mark.parametrize("scores, match", [
    (pd.DataFrame({"soc_code": ["11-1011"]}), r"^soc_scores lacks column\(s\) \['beta'\]$"),
    (pd.DataFrame({"beta": [0.5]}), r"^soc_scores lacks column\(s\) \['soc_code'\]$"),
    (pd.DataFrame({"soc_code": [], "beta": []}), r"^soc_scores have no rows$"),
    (5, r"^soc_scores must be a pandas DataFrame, got int 5$"),
    (pd.Series([0.5]), r"^soc_scores must be a pandas DataFrame, got Series$"),
])
def test_check_soc_scores_names_its_frame_once(scores, match):
    """``soc_scores: soc_scores lacks column(s) ['beta']``, ``soc_scores: SOC scores have no rows``."""
    with pytest.raises(DataFormatError, match=match):
        outcomes.check_soc_scores(scores, ["beta"])


def test_exposure_table_and_compare_name_empty_soc_scores_once():
    panel = pd.DataFrame({"soc_code": ["11-1011"], "year": [2022], "tot_emp": [1.0], "a_mean": [1.0],
                          "balanced": [True], "soc_major": ["11-0000"], "soc_title": ["x"]})
    empty = pd.DataFrame({"soc_code": [], "beta": []})
    with pytest.raises(DataFormatError, match=r"^soc_scores have no rows$"):
        outcomes.exposure_table(panel, empty, measures=["beta"])
    emp = pd.DataFrame({"soc_code": ["11-1011"], "tot_emp": [100.0]})
    with pytest.raises(DataFormatError, match=r"^soc_scores have no rows$"):
        cmp.compare(soc_scores=empty, measures=[], employment=emp)


def test_check_soc_scores_of_a_file_still_names_the_file_then_the_table():
    """A file (the CLI's ``path``) is named before the message, which names the table."""
    with pytest.raises(DataFormatError, match=r"^s\.parquet: soc_scores lacks column\(s\) \['beta'\]$"):
        outcomes.check_soc_scores(pd.DataFrame({"soc_code": ["11-1011"]}), ["beta"], path="s.parquet")
    with pytest.raises(DataFormatError, match=r"^s\.parquet: SOC scores have no rows$"):
        outcomes.check_soc_scores(pd.DataFrame({"soc_code": [], "beta": []}), ["beta"], path="s.parquet")
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 2, column 'soc_code': SOC code '11-1011' "
                                              r"appears twice \(rows 1 and 2\)$"):
        outcomes.check_soc_scores(pd.DataFrame({"soc_code": ["11-1011"] * 2, "beta": [0.1, 0.2]}), ["beta"])
    got = outcomes.check_soc_scores(pd.DataFrame({"soc_code": ["11-1011"], "beta": ["0.5"]}), ["beta"])
    assert got["beta"].tolist() == [0.5]


# 4. Dask roll-ups: weights that are not numbers ----------------------------------------------

def _scored(weights) -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "43-9061.00", "43-9061.00"],
                         "naics": ["52", "52", "23", "23"],
                         "alpha": [0.2, 0.4, 0.9, 0.5], "beta": [0.3, 0.5, 0.95, 0.5],
                         "gamma": [0.4, 0.6, 1.0, 0.5], "admin": [True, False, True, False],
                         "routine_coding": False, "entry_creative": False, "n": weights})


def _ddf(weights):
    """Two partitions of two rows: rows 0-1 in ``scored.partitions[0]``, rows 2-3 in ``[1]``."""
    ddf = dd.from_pandas(_scored(weights), chunksize=2)
    assert ddf.npartitions == 2
    return ddf


@pytest.mark.parametrize("call", [xd.to_occupations, xd.to_sectors], ids=["to_occupations", "to_sectors"])
@pytest.mark.parametrize("weights, match", [
    (["1", "2", "3", "abc"], r"n must be a number or a BLS special value \(\*\* \* # ~\), got 'abc'"),
    (["1", "2", "3", "1.200,5"], r"n must be a number or a BLS special value \(\*\* \* # ~\), got '1.200,5': a "
     r"comma must separate thousands \(1,234\); write decimals with a point \(1200\.5\), not a comma"),  # round 74
    ([1.0, 2.0, 3.0, -1.0], r"n must be a finite number of at least 0, got -1.0"),
    ([1.0, 2.0, 3.0, np.inf], r"n must be a finite number of at least 0, got inf"),
    (pd.array([None, None, None, True], dtype="boolean"),
     r"n must be a number or a BLS special value \(\*\* \* # ~\), got True"),
])
def test_dask_rollups_refuse_a_weight_that_is_not_a_number(call, weights, match):
    """``"abc"`` was a weight of 0, ``-1`` a negative weight, ``True`` 1, without a word."""
    by = "onetsoc_code" if call is xd.to_occupations else "naics"
    with pytest.raises(DataFormatError, match=rf"^scored\.partitions\[1\], row 2, column 'n': {match}$"):
        call(_ddf(weights), by, weight="n").compute(scheduler="sync")


def test_dask_rollups_read_text_weights_as_the_pandas_rollups_do():
    """``"1,200"`` was a weight of 0: it is 1200, as the pandas roll-ups read it; ``**`` is missing (0)."""
    text = xd.to_occupations(_ddf(["1,200", "2", "**", "3"]), weight="n").compute(scheduler="sync")
    numbers = xd.to_occupations(_ddf([1200.0, 2.0, np.nan, 3.0]), weight="n").compute(scheduler="sync")
    pd.testing.assert_frame_equal(text, numbers)
    assert text.loc["11-1011.00", "weight"] == 1202.0
    assert text.loc["43-9061.00", "alpha"] == 0.5  # the missing weight counts for nothing, as before


def test_dask_rollups_of_numeric_weights_are_unchanged():
    occ = xd.to_occupations(_ddf([1, 3, 1, 0]), weight="n").compute(scheduler="sync")
    assert occ[["n_rows", "weight"]].to_dict("list") == {"n_rows": [2, 2], "weight": [4.0, 1.0]}
    assert occ["alpha"].round(3).tolist() == [0.35, 0.9]
    sec = xd.to_sectors(_ddf(pd.array([1, None, 2, 2], dtype="Int64")), weight="n").compute(scheduler="sync")
    assert sec["alpha"].round(3).tolist() == [0.7, 0.2]


# 5. Dask score: one warning on texts that do not read as work tasks --------------------------

ODD = pd.DataFrame({"task": ["Answer telephones and relay messages.", "asdf qwer zxcv",
                             "Operate a forklift to move pallets.", "lorem ipsum dolor"] * 3})
SAID = (r"2 of 4 texts do not read as work tasks \(no O\*NET task is similar, too few words to name one, "
        r"more than 200 words \(split a job posting into its duties\), another language than English, "
        r"an address, an occupation title or a line of a job posting that is no duty \(pay, benefits, "
        r"requirements, the company, schedule, job title, how to apply\): e\.g\. row 2, 'asdf qwer zxcv'\); "
        r"their scores have low confidence")


def _odd_said(caplog, level):
    return [r.getMessage() for r in caplog.records
            if r.levelno == level and "do not read as work tasks" in r.getMessage()]


def test_dask_score_warns_once_not_once_per_partition(caplog):
    """Three partitions logged three copies of '2 of 4 texts ... e.g. row 2 ...'."""
    with caplog.at_level(logging.INFO, logger="exposure"):
        out = xd.score(dd.from_pandas(ODD, npartitions=3), "learned").compute(scheduler="sync")
    assert len(out) == 12
    warned = _odd_said(caplog, logging.WARNING)
    assert len(warned) == 1
    assert re.fullmatch(r"ddf\.partitions\[[012]\]: " + SAID + r" \(warned for the first partition found with "
                        r"such texts; the others are logged at level INFO\)", warned[0]), warned
    told = _odd_said(caplog, logging.INFO)  # each other partition, named
    assert len(told) == 2 and all(re.fullmatch(r"ddf\.partitions\[[012]\]: " + SAID, m) for m in told)
    assert sorted(m.split(":")[0] for m in warned + told) == [f"ddf.partitions[{k}]" for k in range(3)]


def test_dask_score_warns_again_for_another_call_and_not_for_task_texts(caplog):
    ddf = dd.from_pandas(ODD, npartitions=2)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        xd.score(ddf, "learned").compute(scheduler="sync")
        xd.score(ddf, "learned").compute(scheduler="sync")
    assert len(_odd_said(caplog, logging.WARNING)) == 2  # one per call of score
    caplog.clear()
    tasks = dd.from_pandas(ODD.iloc[[0, 2] * 3].reset_index(drop=True), npartitions=3)
    with caplog.at_level(logging.INFO, logger="exposure"):
        xd.score(tasks, "learned").compute(scheduler="sync")
    assert _odd_said(caplog, logging.WARNING) + _odd_said(caplog, logging.INFO) == []


def test_dask_score_of_occupations_spanning_partitions_warns_once(caplog):
    """Regrouped by occupation: the row is named in the whole frame, counted from 1."""
    frame = ODD.assign(onetsoc_code=["43-4171.00", None, "43-4171.00", None] * 3)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        out = xd.score(dd.from_pandas(frame, npartitions=3), "learned").compute(scheduler="sync")
    assert out["task"].tolist() == frame["task"].tolist()
    warned = _odd_said(caplog, logging.WARNING)
    assert len(warned) == 1 and warned[0].startswith("ddf (rows regrouped by occupation): "), warned
    row = int(re.search(r"e\.g\. row (\d+),", warned[0]).group(1))
    assert frame["task"].iloc[row - 1] == re.search(r"row \d+, '([^']*)'", warned[0]).group(1)


# 6. score_tasks: labels of the wrong type, whatever the method ------------------------------------

TASKS = pd.DataFrame({"task": ["Weld pipes.", "Type letters."], "onetsoc_code": ["47-2121.00", "43-9022.00"],
                      "task_id": [1, 2]})


@pytest.mark.parametrize("method", ["learned", "rubric"])
@pytest.mark.parametrize("labels, shown", [
    (5, "int"), ("labels.csv", "str"), (pd.Series(["E1"]), "Series"), ([["E1"]], "list")])
def test_score_tasks_refuses_labels_that_are_not_a_frame_whatever_the_method(method, labels, shown):
    """``labels=5`` (or a path) was ignored without a word by ``learned`` and ``rubric``."""
    hint = r" \(read a label file with read_task_labels\(path\)\)" if isinstance(labels, str) else ""
    with pytest.raises(DataFormatError, match=rf"^labels must be a pandas DataFrame, e\.g\. "
                                              rf"exposure\.measures\.eloundou\.load_task_labels\(\){hint}, "
                                              rf"got {shown}$"):
        score_tasks(TASKS, method, labels=labels)


def test_score_tasks_of_other_methods_still_do_not_read_a_labels_frame():
    """As documented: a frame is read by ``reference`` only (even an empty one is not checked)."""
    plain = score_tasks(TASKS, "rubric")
    pd.testing.assert_frame_equal(score_tasks(TASKS, "rubric", labels=pd.DataFrame()), plain)
    pd.testing.assert_frame_equal(score_tasks(TASKS, "rubric", path="in.csv", labels=None), plain)


# 7. text tables: a whitespace-only line ending the file --------------------------------------------

TRAILING = {
    "spaces.csv": "task,title\nWeld.,Welder\nSew.,Tailor\n  \n",
    "no-newline.csv": "task,title\nWeld.,Welder\nSew.,Tailor\n  ",
    "tab.csv": "task,title\nWeld.,Welder\nSew.,Tailor\n\t \n",
    "then-empty.csv": "task,title\nWeld.,Welder\nSew.,Tailor\n  \n\n \n",
    "crlf.csv": "task,title\r\nWeld.,Welder\r\nSew.,Tailor\r\n  \r\n",
    "cr.csv": "task,title\rWeld.,Welder\rSew.,Tailor\r  \r",
    "excel-rows.csv": "task,title\nWeld.,Welder\nSew.,Tailor\n  \n,\n",
    "quoted.csv": 'task,title\n"Weld, then grind.",Welder\nSew.,Tailor\n  \n',
    "spanning.csv": 'task,title\n"Weld,\nthen grind.",Welder\nSew.,Tailor\n  \n',
    "spaces.tsv": "task\ttitle\nWeld.\tWelder\nSew.\tTailor\n   \n",
}


@pytest.mark.parametrize("name", sorted(TRAILING))
def test_a_whitespace_only_line_ending_a_text_file_is_ignored(tmp_path, name):
    """``row 4: blank line (only spaces or tabs): remove it``, for a line an editor left."""
    p = tmp_path / name
    p.write_bytes(TRAILING[name].encode())
    clean = tmp_path / f"clean{p.suffix}"
    clean.write_bytes(re.sub(r"(\r?\n|\r)[ \t,\r\n]*$", r"\1", TRAILING[name]).encode())
    assert check_delimited_file(p) == ["task", "title"]
    pd.testing.assert_frame_equal(read_frame(p), read_frame(clean))
    assert read_frame(p)["title"].tolist() == ["Welder", "Tailor"]


@pytest.mark.parametrize("batch_rows", [None, "1"])
def test_exposure_score_scores_a_file_ending_in_a_whitespace_only_line(tmp_path, capsys, batch_rows):
    p = tmp_path / "t.csv"
    p.write_text(TRAILING["spaces.csv"])
    extra = [] if batch_rows is None else ["--batch-rows", batch_rows]
    assert main(["score", str(p), "-o", str(tmp_path / "o.csv"), "--method", "rubric", *extra]) == 0
    assert pd.read_csv(tmp_path / "o.csv")["task"].tolist() == ["Weld.", "Sew."]
    capsys.readouterr()


@pytest.mark.parametrize("batch_rows", [None, "1"])
@pytest.mark.parametrize("tail", ["  \n", "\t\n\n", "  \r\n \r\n", "  "])
def test_exposure_score_drops_whitespace_lines_ending_a_one_column_file(tmp_path, capsys, batch_rows, tail):
    """Lines of spaces or tabs ending a one-column file are dropped, as empty lines there are.

    In a file of one column a blank line is a row (line numbers stay row numbers); those
    ending the file were scored, and refused: ``row 4, column 'task': task text must be a
    non-empty string``.
    """
    p = tmp_path / "t.csv"
    p.write_bytes(("task\nWeld.\nSew.\n" + tail).encode())
    extra = [] if batch_rows is None else ["--batch-rows", batch_rows]
    assert main(["score", str(p), "-o", str(tmp_path / "o.csv"), "--method", "rubric", *extra]) == 0
    assert pd.read_csv(tmp_path / "o.csv")["task"].tolist() == ["Weld.", "Sew."]
    capsys.readouterr()


def test_a_whitespace_line_inside_a_one_column_file_is_still_a_row(tmp_path, capsys):
    p = tmp_path / "t.csv"
    p.write_text("task\nWeld.\n  \nSew.\n")
    assert main(["score", str(p), "-o", str(tmp_path / "o.csv"), "--method", "rubric"]) == 2
    assert "row 3, column 'task': task text must be a non-empty string" in capsys.readouterr().err
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("text, row, line", [
    ("task,title\nWeld.,Welder\n  \nSew.,Tailor\n", 3, None),
    ("task,title\nWeld.,Welder\n  \n\nSew.,Tailor\n", 3, None),
    ('task,title\n"Weld,\nthen grind.",Welder\n  \nSew.,Tailor\n  \n', 3, 4),
    ('task,title\nWeld.,Welder\n"  "\n', 3, None),  # a quoted cell of spaces ending the file: a row
    ('task,title\n"Weld,\nthen grind.",Welder\n"  "\n', 3, 4),
])
def test_a_whitespace_only_line_between_rows_is_still_refused(tmp_path, text, row, line):
    p = tmp_path / "mid.csv"
    p.write_text(text)
    where = f"row {row}" if line is None else f"row {row} \\(line {line}\\)"
    for read in (read_frame, check_delimited_file):
        with pytest.raises(DataFormatError, match=rf"^{re.escape(str(p))}, {where}: blank line \(only spaces or "
                                                  r"tabs\): remove it$"):
            read(p)


def test_an_empty_line_before_a_whitespace_one_between_rows_is_named_first(tmp_path):
    p = tmp_path / "mid.csv"
    p.write_text("task,title\nWeld.,Welder\n\n  \nSew.,Tailor\n")
    for read in (read_frame, check_delimited_file):
        with pytest.raises(DataFormatError, match=r", row 3: empty line \(remove it: only the empty lines "
                                                  r"ending the file are ignored\)$"):
            read(p)


def test_stata_rows_are_counted_from_1_as_parquet_rows(tmp_path, capsys):
    """A .dta file has no header row: its first record is row 1, as in Parquet (checked)."""
    frame = pd.DataFrame({"task": ["Weld pipes.", "  ", "Sew."], "title": ["a", "b", "c"]})
    frame.to_stata(tmp_path / "t.dta", write_index=False)
    frame.to_parquet(tmp_path / "t.parquet")
    for name in ("t.dta", "t.parquet"):
        assert main(["score", str(tmp_path / name), "-o", str(tmp_path / "o.csv"), "--method", "rubric"]) == 2
        assert capsys.readouterr().err == (f"exposure score: error: {tmp_path / name}, row 2, column 'task': task "
                                           "text must be a non-empty string, got '  '\n")
