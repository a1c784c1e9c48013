"""Round 12: long cells, empty reference files, directories as inputs, empty roll-up inputs, interrupted workbooks.

1. A text table with a cell of more than 131,072 characters (Python's ``csv`` limit) was
   a ``_csv.Error: field larger than field limit`` traceback when the file was checked
   record by record: a file with a quoted cell spanning lines or old Mac line ends, read
   whole (``exposure score --batch-rows 0``, ``exposure rollup``, ``exposure validate
   --file``, every O*NET and crosswalk reader). Streamed, the same file was scored.
2. :func:`exposure.measures.eloundou.read_task_labels` and ``read_occ_level`` let pandas'
   ``EmptyDataError`` through on an empty file, and called a directory "file not found".
3. ``exposure compare --ours DIR``, ``exposure outcomes --soc-scores DIR`` and ``--panel
   DIR`` said "file not found" of a directory that is there (and of a named pipe).
4. ``exposure rollup --crosswalk FILE`` with a header and no rows wrote seven tables of
   no coverage with exit code 0 (warnings only).
5. ``exposure rollup --tasks FILE`` with a header and no rows blamed the task scores file
   (``10 of 10 tasks are not in the O*NET task statements``), and ``--task-ratings FILE``
   without a rating of the scale asked for (a header only, or FT rows only for
   ``--weights importance``) said ``pass task_ratings=``, naming neither the file nor the
   option.
6. An ``.xlsx`` output interrupted among its rows (Ctrl-C, SIGTERM during ``exposure
   score -o out.xlsx``) printed ``Exception ignored in: <generator object
   WriteOnlyWorksheet._write_rows>`` and an openpyxl traceback (``ValueError: I/O
   operation on closed file``) after the one-line message.
7. ``exposure validate --file TABLE PATH --report-dir DIR`` ignored ``--report-dir``:
   exit code 0 and no report.
8. A Parquet file with a column named twice (pyarrow writes one) read whole
   (``exposure rollup``, ``exposure score -o out.xlsx``) was ``cannot read this Parquet
   file: Multiple matches for FieldRef.Name(task) in task: string``.
9. :func:`exposure.measures.microsoft.read_soc_to_iwas` kept a missing or malformed SOC
   code and a missing IWA id; :func:`~exposure.measures.microsoft.rebuild_applicability`
   then failed on ``no weight for SOC nan``, naming no file or row.
10. A table that fails its schema by its set of columns (``exposure outcomes --panel
    FILE`` with a column too many or too few) named the schema as the column: ``column
    'OccupationPanel', check column_in_schema: 'extra'``.
11. ``exposure score IN -o link.csv``, ``link.csv`` a symbolic link to a file (any
    single-file output, :func:`exposure._io.atomic_path`): the link was replaced by a
    regular file, and the file it pointed to kept its old contents.
12. :func:`exposure.measures.ilo.read_ilo` on a missing path raised ``FileNotFoundError``
    (bytes: pandas' ``TypeError``), on an empty or truncated workbook pandas' or zipfile's
    errors; the other readers of published measures say ``file not found``, ``file is
    empty``, ``cannot read as an .xlsx workbook``.
13. :func:`exposure.measures.felten.felten_to_soc`, :func:`~exposure.measures.ilo.ilo_to_soc`,
    :func:`~exposure.measures.webb.webb_to_soc` and :func:`exposure.measures.compare.to_isco`
    given None or a path instead of a frame: ``AttributeError: 'NoneType' object has no
    attribute 'columns'`` (``webb_to_soc``'s ``onet_to_soc``: pandas' ``Can only merge``
    ``TypeError``; links without their columns: a ``KeyError``).
14. :func:`exposure.onet.check_references` given something that is not an O*NET release:
    ``AttributeError: ... has no attribute 'tasks'``.
15. ``exposure score bad.csv -o new/sub/out.csv`` that fails once writing has begun (a
    bad row, an interrupt) left the directories ``new/sub`` it had made (any single-file
    output, :func:`exposure._io.atomic_path`, and the sets of
    :func:`~exposure._io.atomic_paths`).

No mirror and no network: tiny files written by the tests.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import pandas as pd
import pytest
from _cli import _no_env, rollup_args, run  # noqa: F401 (_no_env: autouse fixture)

from exposure import _io, onet
from exposure._tables import read_frame
from exposure.errors import DataFormatError
from exposure.measures import compare, eloundou, felten, ilo, microsoft, webb
from exposure.schemas import validate
from exposure.schemas._outcomes import OccupationPanel

LONG = "A" * 200_000  # beyond csv's 131,072 characters


# 1. a cell beyond csv's field limit, in a file checked record by record ------------------

def _long_cell_file(tmp_path, kind: str):
    if kind == "spanning":  # a quoted cell over two lines: checked record by record
        text = f'task,title\n"Answer\ntelephones.",Receptionist\n{LONG},Clerk\n'
    else:  # old Mac line ends
        text = f"task,title\rAnswer telephones.,Receptionist\r{LONG},Clerk\r"
    p = tmp_path / f"{kind}.csv"
    p.write_text(text, newline="")
    return p


@pytest.mark.parametrize("kind", ["spanning", "cr"])
def test_read_frame_reads_a_long_cell_in_a_file_checked_record_by_record(tmp_path, kind):
    """It was ``_csv.Error: field larger than field limit (131072)``."""
    frame = read_frame(_long_cell_file(tmp_path, kind))
    assert frame["task"].tolist()[1] == LONG
    assert frame["title"].tolist() == ["Receptionist", "Clerk"]


def test_the_field_limit_is_restored_after_reading(tmp_path):
    import csv
    before = csv.field_size_limit()
    read_frame(_long_cell_file(tmp_path, "spanning"))
    assert csv.field_size_limit() == before


def test_a_short_record_is_still_refused_beside_a_long_cell(tmp_path):
    p = tmp_path / "short.csv"
    p.write_text(f'task,title\n"Answer\ntelephones.",Receptionist\n{LONG},Clerk\nFrame walls.\n')
    with pytest.raises(DataFormatError, match=r"short\.csv, row 4 \(line 5\), column 'title': too few fields: expected 2, got 1"):
        read_frame(p)


def test_onet_reader_reads_a_long_task_in_a_file_of_old_mac_line_ends(tmp_path):
    p = tmp_path / "Task Statements.txt"
    p.write_text("O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\r"
                 f"11-1011.00\t1\t{LONG}\tCore\t20\t08/2023\tIncumbent\r", newline="")
    assert onet.read_tasks(p)["task"].tolist() == [LONG]


def test_score_whole_file_with_a_long_cell_is_scored_as_in_batches(tmp_path, capsys):
    """``exposure score --batch-rows 0`` printed the csv.Error traceback; in batches it scored."""
    src = _long_cell_file(tmp_path, "spanning")
    for rows in ("0", "10000"):
        out = tmp_path / f"o{rows}.csv"
        code, err = run(capsys, "score", src, "-o", out, "--onet", "none", "--method", "rubric",
                        "--batch-rows", rows)
        assert (code, err) == (0, "")
    assert (tmp_path / "o0.csv").read_bytes() == (tmp_path / "o10000.csv").read_bytes()


# 2. the Eloundou readers on an empty file or a directory -------------------------------

@pytest.mark.parametrize("reader", [eloundou.read_task_labels, eloundou.read_occ_level])
@pytest.mark.parametrize("content", [b"", b"\n\n", b"  \r\n"])
def test_eloundou_readers_refuse_an_empty_file(tmp_path, reader, content):
    """It was ``pandas.errors.EmptyDataError: No columns to parse from file``."""
    p = tmp_path / "labels.tsv"
    p.write_bytes(content)
    with pytest.raises(DataFormatError, match=r"labels\.tsv: file is empty$"):
        reader(p)


@pytest.mark.parametrize("reader", [eloundou.read_task_labels, eloundou.read_occ_level])
def test_eloundou_readers_name_a_directory(tmp_path, reader):
    d = tmp_path / "labels.tsv"
    d.mkdir()
    with pytest.raises(DataFormatError, match=r"labels\.tsv: is a directory, not a file$"):
        reader(d)


@pytest.mark.parametrize("reader", [eloundou.read_task_labels, eloundou.read_occ_level])
def test_eloundou_readers_name_a_utf16_file(tmp_path, reader):
    p = tmp_path / "labels.tsv"
    p.write_text("O*NET-SOC Code\tTitle\n", encoding="utf-16")
    with pytest.raises(DataFormatError, match=r"labels\.tsv: file is UTF-16 text"):
        reader(p)


def test_eloundou_reader_reads_a_good_file_as_before(tmp_path):
    p = tmp_path / "occ.csv"
    p.write_text("O*NET-SOC Code,Title,dv_rating_alpha,dv_rating_beta,dv_rating_gamma,"
                 "human_rating_alpha,human_rating_beta,human_rating_gamma\n"
                 "11-1011.00,Chief Executives,0.1,0.4,0.7,0.2,0.5,0.8\n")
    assert eloundou.read_occ_level(p)["human_beta"].tolist() == [0.5]
    with pytest.raises(DataFormatError, match=r"nope\.csv: file not found$"):
        eloundou.read_occ_level(tmp_path / "nope.csv")


# 3. compare --ours / outcomes --soc-scores / --panel given a directory -------------------

@pytest.mark.parametrize("argv, what", [
    (["compare", "--ours", "{d}", "-o", "{o}"], "SOC scores file"),
    (["outcomes", "--panel", "shipped", "--soc-scores", "{d}", "--no-figures", "-o", "{o}"], "SOC scores file"),
    (["outcomes", "--panel", "{d}", "--no-figures", "-o", "{o}"], "panel file"),
])
def test_a_directory_given_as_a_parquet_input_is_named_so(tmp_path, capsys, argv, what):
    """It was ``DIR: file not found`` (``SOC scores file not found``, ``panel file not found``)."""
    d = tmp_path / "soc_scores.parquet"
    d.mkdir()
    out = tmp_path / "out"
    code, err = run(capsys, *[a.format(d=d, o=out) for a in argv])
    assert code == 2
    assert err.endswith(f"{d}: is a directory, not a {what} (a Parquet file is expected)"), err
    assert not out.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
@pytest.mark.parametrize("argv", [["compare", "--ours", "{d}", "-o", "{o}"],
                                  ["outcomes", "--panel", "{d}", "--no-figures", "-o", "{o}"]])
def test_a_named_pipe_given_as_a_parquet_input_is_named_so(tmp_path, capsys, argv):
    fifo = tmp_path / "s.parquet"
    os.mkfifo(fifo)
    code, err = run(capsys, *[a.format(d=fifo, o=tmp_path / "out") for a in argv])
    assert code == 2
    assert f"{fifo}: is not a regular file (a named pipe)" in err  # round 81: which


@pytest.mark.parametrize("argv, message", [
    (["compare", "--ours", "{m}", "-o", "{o}"], "{m}: file not found"),
    (["outcomes", "--panel", "{m}", "--no-figures", "-o", "{o}"], "{m}: panel file not found"),
])
def test_a_missing_parquet_input_is_still_not_found(tmp_path, capsys, argv, message):
    m = tmp_path / "missing.parquet"
    code, err = run(capsys, *[a.format(m=m, o=tmp_path / "out") for a in argv])
    assert code == 2 and err.endswith(message.format(m=m)), err


# 4-5. exposure rollup: inputs with a header and no rows ----------------------------------

def test_rollup_refuses_a_crosswalk_with_a_header_and_no_rows(fixtures, tmp_path, capsys):
    """Seven tables of zero coverage were written with exit code 0."""
    xw = tmp_path / "xw.csv"
    xw.write_text("O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,2018 SOC Code,2018 SOC Title\n")
    d = fixtures / "rollup"
    out = tmp_path / "out"
    code, err = run(capsys, "rollup", d / "task_scores_tiny.csv", "-o", out, "--crosswalk", xw,
                    "--employment", d / "oews_tiny.csv")
    assert code == 2
    assert err.endswith(f"{xw}: no crosswalk rows: the file has a header but no rows"), err
    assert not out.exists()


def _scores_without_task_type(fixtures, tmp_path):
    frame = pd.read_csv(fixtures / "rollup" / "task_scores_tiny.csv", dtype=str)
    p = tmp_path / "scores.csv"
    frame.drop(columns="task_type").to_csv(p, index=False)
    return p


def test_rollup_refuses_task_statements_with_a_header_and_no_rows(fixtures, tmp_path, capsys):
    """It blamed the scores file: ``scores.csv, row 2, column 'task_id': ... 10 of 10 tasks ...``."""
    tasks = tmp_path / "Task Statements.txt"
    tasks.write_text("O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\n")
    out = tmp_path / "out"
    code, err = run(capsys, *rollup_args(fixtures, _scores_without_task_type(fixtures, tmp_path), out,
                                         "--tasks", tasks))
    assert code == 2
    assert err.endswith(f"{tasks}: no task statements: the file has a header but no rows"), err
    assert not out.exists()


_RATINGS_HEADER = ("O*NET-SOC Code\tTask ID\tScale ID\tCategory\tData Value\tN\tStandard Error\t"
                   "Lower CI Bound\tUpper CI Bound\tRecommend Suppress\tDate\tDomain Source\n")


@pytest.mark.parametrize("weights, rows, message", [
    ("importance", "", "no task ratings: the file has a header but no rows"),
    ("frequency", "", "no task ratings: the file has a header but no rows"),
    ("importance", "11-1011.00\t1\tRT\tn/a\t50.00\t20\t0.10\tn/a\tn/a\tN\t08/2023\tIncumbent\n",
     "--weights importance reads the ratings of scale IM, and the file has none (its scales: RT)"),
    ("frequency", "11-1011.00\t1\tIM\tn/a\t4.00\t20\t0.10\tn/a\tn/a\tN\t08/2023\tIncumbent\n",
     "--weights frequency reads the ratings of scale FT, and the file has none (its scales: IM)"),
])
def test_rollup_names_a_task_ratings_file_without_the_scale_asked_for(fixtures, tmp_path, capsys,
                                                                       weights, rows, message):
    """It said ``weights='importance' needs O*NET Task Ratings (scale IM); pass task_ratings=``."""
    ratings = tmp_path / "Task Ratings.txt"
    ratings.write_text(_RATINGS_HEADER + rows)
    out = tmp_path / "out"
    code, err = run(capsys, *rollup_args(fixtures, fixtures / "rollup" / "task_scores_tiny.csv", out,
                                         "--weights", weights, "--task-ratings", ratings))
    assert code == 2
    assert err.endswith(f"{ratings}: {message}"), err
    assert not out.exists()


def test_rollup_with_task_ratings_of_the_scale_is_unchanged(fixtures, tmp_path, capsys):
    """The tiny ratings cover 2 of the 10 tasks: refused for the tasks without a rating, as before."""
    out = tmp_path / "out"
    code, err = run(capsys, *rollup_args(fixtures, fixtures / "rollup" / "task_scores_tiny.csv", out,
                                         "--weights", "importance", "--task-ratings",
                                         fixtures / "rollup" / "task_ratings_tiny.txt"))
    assert code == 2 and "tasks have no IM rating" in err


# 6. an .xlsx output interrupted among its rows ------------------------------------------

def test_an_interrupted_xlsx_write_leaves_no_file_and_prints_no_openpyxl_traceback(tmp_path, monkeypatch):
    """``Exception ignored in: <generator object WriteOnlyWorksheet._write_rows>`` was printed."""
    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    calls = {"n": 0}
    real = _io._cell

    def interrupted(value):
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt
        return real(value)

    monkeypatch.setattr(_io, "_cell", interrupted)
    out = tmp_path / "o.xlsx"
    try:
        _io.write_xlsx(pd.DataFrame({"task": ["Weld."] * 10, "n": range(10)}), out)
    except KeyboardInterrupt:
        pass
    else:
        pytest.fail("the interrupt was swallowed")
    gc.collect()
    assert [u.exc_type.__name__ for u in unraisable] == []
    assert os.listdir(tmp_path) == []
    monkeypatch.setattr(_io, "_cell", real)
    _io.write_xlsx(pd.DataFrame({"task": ["Weld."]}), out)  # and the next write works
    assert read_frame(out)["task"].tolist() == ["Weld."]


# 7. validate --file with --report-dir ----------------------------------------------------

def test_validate_file_refuses_report_dir_it_would_not_write(fixtures, tmp_path, capsys):
    """It printed the row count and exited 0 without writing the report."""
    rep = tmp_path / "rep"
    code, err = run(capsys, "validate", "--file", "oews", fixtures / "rollup" / "oews_tiny.csv",
                    "--report-dir", rep)
    assert code == 2
    assert err == ("exposure validate: error: --report-dir is written by a validation of every source, "
                   "not with --file (which prints the row counts of its files only); drop one of them")
    assert not rep.exists()


def test_validate_file_alone_is_unchanged(fixtures, capsys):
    code, err = run(capsys, "validate", "--file", "oews", fixtures / "rollup" / "oews_tiny.csv")
    assert (code, err) == (0, "")


# 8. a Parquet column named twice -----------------------------------------------------------

def _twice(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq
    p = tmp_path / "twice.parquet"
    pq.write_table(pa.table([pa.array(["Answer telephones."]), pa.array(["x"])], names=["task", "task"]), p)
    return p


def test_read_frame_names_a_parquet_column_given_twice(tmp_path):
    with pytest.raises(DataFormatError, match=r"twice\.parquet, column 'task': given more than once "
                                              r"in the Parquet schema \(columns 1 and 2\): keep one$"):
        read_frame(_twice(tmp_path))


def test_rollup_names_a_parquet_column_given_twice(fixtures, tmp_path, capsys):
    code, err = run(capsys, *rollup_args(fixtures, _twice(tmp_path), tmp_path / "out"))
    assert code == 2 and err.endswith("column 'task': given more than once in the Parquet schema "
                                      "(columns 1 and 2): keep one"), err


# 9. read_soc_to_iwas: codes and IWA ids --------------------------------------------------

@pytest.mark.parametrize("rows, message", [
    ("banana,4.A.4.a.2.I03\n", r"row 2, column 'SOC Code': not a SOC code \(like 11-1011\): 'banana'"),
    ("11-1011,4.A.4.a.2.I03\n,4.A.4.a.2.I03\n", r"row 3, column 'SOC Code': missing SOC code"),
    ("11-1011,4.A.4.a.2.I03\n11-1011, \n", r"row 3, column 'IWA': missing IWA id"),
])
def test_read_soc_to_iwas_names_a_bad_code_or_iwa(tmp_path, rows, message):
    p = tmp_path / "soc_to_iwas.csv"
    p.write_text("SOC Code,IWA\n" + rows)
    with pytest.raises(DataFormatError, match=rf"soc_to_iwas\.csv, {message}$"):
        microsoft.read_soc_to_iwas(p)


def test_read_soc_to_iwas_reads_a_good_file_as_before(tmp_path):
    p = tmp_path / "soc_to_iwas.csv"
    p.write_text("SOC Code,IWA\n11-1011 ,4.A.4.a.2.I03\n11-1011,4.A.4.a.2.I03\n11-1011,4.A.1.a.1.I01\n")
    got = microsoft.read_soc_to_iwas(p)
    assert got.to_dict("list") == {"soc_code": ["11-1011", "11-1011"], "iwa_id": ["4.A.4.a.2.I03", "4.A.1.a.1.I01"]}


# 10. schema failures of the column set name the column -----------------------------------

def _panel():
    return pd.DataFrame({"soc_code": ["11-1011", "11-1011"], "year": [2021, 2022], "soc_title": "Chief Executives",
                         "soc_major": "11-0000", "code_type": "detailed", "tot_emp": [200000.0, 210000.0],
                         "a_mean": [250000.0, 260000.0], "a_median": [230000.0, 240000.0], "balanced": True})


def test_schema_names_an_unexpected_column():
    with pytest.raises(DataFormatError) as err:
        validate(_panel().assign(extra=1), OccupationPanel, path="p.parquet", row_offset=1)
    assert str(err.value) == ("p.parquet, column 'extra': column 'extra' is not a column of OccupationPanel "
                              "(no other column allowed)")
    assert err.value.column == "extra"


def test_schema_names_a_missing_column():
    with pytest.raises(DataFormatError) as err:
        validate(_panel().drop(columns="a_mean"), OccupationPanel, path="p.parquet", row_offset=1)
    assert str(err.value) == ("p.parquet, column 'a_mean': column 'a_mean' is missing (OccupationPanel "
                              "requires it)")


def test_outcomes_panel_with_a_column_too_many_names_it(tmp_path, capsys):
    p = tmp_path / "panel.parquet"
    _panel().assign(extra=1).to_parquet(p)
    code, err = run(capsys, "outcomes", "--panel", p, "--no-figures", "-o", tmp_path / "out")
    assert code == 2
    assert err.endswith(f"{p}, column 'extra': column 'extra' is not a column of OccupationPanel "
                        "(no other column allowed)"), err


# 11. an output that is a symbolic link to a file ------------------------------------------

def test_score_writes_through_a_symbolic_link_to_a_file(tmp_path, capsys):
    """The link became a regular file; the file it named kept ``old``."""
    src = tmp_path / "in.csv"
    src.write_text("task\nAnswer telephones.\n")
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "scored.csv"
    target.write_text("old\n")
    os.chmod(target, 0o600)
    link = tmp_path / "scored.csv"
    link.symlink_to(Path("real") / "scored.csv")
    code, err = run(capsys, "score", src, "-o", link, "--onet", "none", "--method", "rubric")
    assert (code, err) == (0, "")
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "scored.csv")
    assert read_frame(target)["task"].tolist() == ["Answer telephones."]
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert sorted(os.listdir(tmp_path / "real")) == ["scored.csv"]


def test_atomic_path_replaces_a_link_to_nothing_as_before(tmp_path):
    link = tmp_path / "o.txt"
    link.symlink_to(tmp_path / "missing" / "o.txt")
    with _io.atomic_path(link) as tmp:
        tmp.write_text("new")
    assert not link.is_symlink() and link.read_text() == "new"


# 12. read_ilo on a missing, empty or damaged file ----------------------------------------

@pytest.mark.parametrize("make, message", [
    (lambda p: None, r"ilo\.xlsx: file not found$"),
    (lambda p: p.write_bytes(b""), r"ilo\.xlsx: file is empty$"),
    (lambda p: p.mkdir(), r"ilo\.xlsx: is a directory, not a file$"),
    # round 78 (was: "cannot read as an .xlsx workbook: "): a zip's start with no end is a workbook cut short
    (lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 40), r"ilo\.xlsx: not a complete \.xlsx workbook: "),
])
def test_read_ilo_names_a_missing_empty_or_damaged_file(tmp_path, make, message):
    """It was ``FileNotFoundError``, or the error of pandas or zipfile."""
    p = tmp_path / "ilo.xlsx"
    make(p)
    with pytest.raises(DataFormatError, match=message):
        ilo.read_ilo(p)


def test_read_ilo_refuses_bytes_as_a_path():
    with pytest.raises(DataFormatError, match=r"^expected a file path \(str or os.PathLike\), got bytes$"):
        ilo.read_ilo(b"ilo.xlsx")


# 13. the measures' crosswalk functions given what is not a frame -------------------------

_LINKS = pd.DataFrame({"source_code": ["2511"], "target_code": ["15-1252"], "crosswalk_weight": [1.0]})


@pytest.mark.parametrize("call, message", [
    (lambda: felten.felten_to_soc(None, _LINKS), "scores must be a pandas DataFrame, got NoneType None"),
    (lambda: ilo.ilo_to_soc("ilo.xlsx", _LINKS), "scores must be a pandas DataFrame, got str 'ilo.xlsx'"),
    (lambda: ilo.ilo_to_soc(pd.DataFrame({"isco08_code": ["2511"]}), None),
     "links must be a pandas DataFrame, got NoneType None"),
    (lambda: felten.felten_to_soc(pd.DataFrame({"soc10_code": ["15-1132"]}), pd.DataFrame({"a": [1]})),
     r"links lacks column\(s\) \['source_code', 'target_code', 'crosswalk_weight'\] \(columns: \['a'\]\)"),
    (lambda: webb.webb_to_soc(None, None, _LINKS), "scores must be a pandas DataFrame, got NoneType None"),
    (lambda: webb.webb_to_soc(pd.DataFrame(), pd.DataFrame(), None),
     "onet_to_soc must be a pandas DataFrame, got NoneType None"),
    (lambda: compare.to_isco(None), "soc_scores must be a pandas DataFrame, got NoneType None"),
])
def test_measure_crosswalks_refuse_what_is_not_a_frame(call, message):
    with pytest.raises(DataFormatError, match=rf"^{message}$"):
        call()


def test_felten_to_soc_is_unchanged():
    scores = pd.DataFrame({"soc10_code": ["15-1132", "15-1133"], "aioe": [1.0, 2.0]})
    links = pd.DataFrame({"source_code": ["15-1132", "15-1133"], "target_code": ["15-1252", "15-1252"],
                          "crosswalk_weight": [1.0, 1.0]})
    out = felten.felten_to_soc(scores, links)
    assert out.to_dict("list") == {"soc_code": ["15-1252"], "aioe": [1.5], "crosswalk_weight": [2.0],
                                   "n_sources": [2]}


# 14. check_references given what is not a release -----------------------------------------

@pytest.mark.parametrize("value, shown", [(None, "NoneType"), (pd.DataFrame(), "DataFrame"), ({}, "dict")])
def test_check_references_refuses_what_is_not_a_release(value, shown):
    with pytest.raises(DataFormatError, match=rf"^release must be an O\*NET release, e.g. "
                                              rf"exposure.load_onet\('29.1'\), got {shown}$"):
        onet.check_references(value)


# 15. directories made for an output that is not written -----------------------------------

@pytest.mark.parametrize("rows", ["0", "1"])
def test_a_failed_score_removes_the_directories_it_made(tmp_path, capsys, rows):
    """``new/sub`` stayed behind, empty."""
    src = tmp_path / "in.csv"
    src.write_text("task,job_zone\nAnswer telephones.,2\nFrame walls.,7\n")
    code, err = run(capsys, "score", src, "-o", tmp_path / "new" / "sub" / "o.csv", "--onet", "none",
                    "--method", "rubric", "--batch-rows", rows)
    assert code == 2 and "row 3, column 'job_zone'" in err
    assert sorted(os.listdir(tmp_path)) == ["in.csv"]


def test_atomic_path_keeps_a_directory_that_existed_or_was_filled(tmp_path):
    (tmp_path / "old").mkdir()
    with pytest.raises(RuntimeError), _io.atomic_path(tmp_path / "old" / "new" / "o.txt"):
        (tmp_path / "old" / "new" / "mine.txt").write_text("another writer's")
        raise RuntimeError
    assert sorted(p.name for p in (tmp_path / "old" / "new").iterdir()) == ["mine.txt"]
    with pytest.raises(RuntimeError), _io.atomic_paths([tmp_path / "a" / "x.csv", tmp_path / "a" / "b" / "y.csv"]):
        raise RuntimeError
    assert sorted(os.listdir(tmp_path)) == ["old"]
    with _io.atomic_path(tmp_path / "c" / "d" / "o.txt") as tmp:
        tmp.write_text("kept")
    assert (tmp_path / "c" / "d" / "o.txt").read_text() == "kept"
