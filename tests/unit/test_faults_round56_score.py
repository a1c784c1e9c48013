"""Fault round 56 (score): ``score_tasks`` and ``exposure score`` on the users' own frames and files.

Faults found (each test below failed before its fix):

1. A task ID given as bytes (``b'18565'``: a Parquet ``binary`` column, a frame built
   from raw bytes) passed ``score_tasks``' integer check, as pandas reads it as its
   number. The learned model then scored the row as that O*NET task, while the category
   tags and the rubric looked the key up as ``"b'18565'"``, found no work activities
   (the rubric's scores changed) and warned that O*NET does not list the task; a CSV
   output wrote ``b'18565'``. ``tag_categories`` already refused such an ID (round 27).
   Now refused as any other ID that is not an integer: ``row 2, column 'task_id': task
   ID b'1' is not an integer`` (object, categorical and Arrow ``binary`` columns).
   Round 78 adds the advice text cells of bytes get: ``...: bytes, not text (...): decode
   them first, df['task_id'] = ...``, fit for the column's type; following it, the frame
   is scored as with its IDs given as text.
2. A bytes cell of a Parquet input (a ``binary`` column) written to a ``.csv`` output:
   in batches (the default) as its Python form ``b'ok'``, whole (``--batch-rows 0``) as
   its text ``ok``, so the file's bytes depended on the batch size; a bytes cell holding
   a NUL passed the NUL check (it looked at text cells only) and the whole file was
   written with the NUL, which ``exposure rollup`` could not read (``file is binary``);
   whole with a time column, a bytes formula (``b'=HYPERLINK(...)'``) was written as a
   live formula, without the leading ``'`` and the warning; bytes that are not UTF-8
   were refused only after all the scoring (whole) or written as ``b'\\xff'`` (batches).
   Now bytes are written as their text in both paths, after the check of NUL characters
   and before the formula check; bytes that are not UTF-8 are refused before scoring,
   naming the output row, whole and in batches.
3. ``exposure score`` of a task list joined with O*NET's ``Job Zones`` file (its header
   ``Job Zone``) scored the rows without their job zones, without a word (O*NET's other
   headers, ``Title``, ``Task Type``, are read): ``Draft captions for Instagram posts.``
   under ``Copywriter`` with ``Job Zone`` 2 was not ``entry_creative`` (it is with the
   column named ``job_zone``) and the rubric's beta was 0.645 for 0.622. ``Job Zone`` is
   now one of O*NET's headers read as the library's (``job_zone``).
4. ``score_file`` (what ``exposure score`` runs) did not check its arguments: ``src=None``
   or ``dst=None`` raised pathlib's ``TypeError``, ``text_column=["task"]`` pandas'
   ``unhashable type: 'list'``, ``progress="x"`` ``'str' object is not callable`` after the
   first batch was scored, and a release loaded with ``load_onet`` (as ``score_tasks``
   takes it) was read as a release name: ``O*NET release OnetRelease(release='29.1',
   occupations= ...``, its tables printed over some thirty lines. Now the arguments are
   refused in one line before any work, and a loaded release is used as it is.
5. A task text that is a spreadsheet's error value (``#N/A``, ``#VALUE!``, ``#NAME?``: a
   formula that failed, e.g. a lookup that found nothing, as Excel writes it to a CSV
   export) was scored as a task: ``rubric`` gave it E0 (beta 0.325) without a word, and it
   counted in the roll-ups. Now refused as the other placeholders for no task are:
   ``row 2, column 'task': task text is a spreadsheet error value, got '#N/A': ...``.
   (An ``.xlsx`` error cell was already refused by the workbook reader, round 28.)
"""

from __future__ import annotations

import logging
import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from _cli import _no_env, run  # noqa: F401 (_no_env: autouse fixture)

from exposure.errors import DataFormatError
from exposure.scoring import score_tasks
from exposure.scoring._files import score_file
from exposure.scoring.categories import load_category_mapping

NEUTRAL = "Zorble the quux."
CAPTION = "Draft captions for Instagram posts."


def _onet():
    """A made-up release linking task 1 of 29-1141.00 to an ``admin`` work activity."""
    mapping = load_category_mapping()
    iwa = mapping.loc[(mapping["level"] == "iwa") & (mapping["category"] == "admin")
                      & (mapping["scope"] == "any"), "id"].iloc[0]
    dwa = f"{iwa}.D01"
    return SimpleNamespace(
        tasks=pd.DataFrame({"onetsoc_code": ["29-1141.00"], "task_id": [1], "task": [NEUTRAL]}),
        task_dwas=pd.DataFrame({"onetsoc_code": ["29-1141.00"], "task_id": [1], "dwa_id": [dwa]}),
        dwas=pd.DataFrame({"dwa_id": [dwa], "iwa_id": [iwa]}),
        occupations=pd.DataFrame({"onetsoc_code": ["29-1141.00"], "title": ["Registered Nurses"],
                                  "job_zone": [3]}))


# ------------------------------------------------------------- 1. task IDs given as bytes
@pytest.mark.parametrize("ids, row, shown, advice", [
    (pd.Series([2, b"1"], dtype=object), 2, "b'1'",  # (was [1, b"1"]: decoded, a duplicate task key)
     "df['task_id'] = df['task_id'].map(lambda v: v.decode('utf-8') if isinstance(v, bytes) else v)"),
    (pd.Series([b"2", b"1"], dtype=object).astype("category"), 1, "b'2'",
     "df['task_id'] = df['task_id'].str.decode('utf-8')"),
    (pd.Series([None, b"1"], dtype=pd.ArrowDtype(pa.binary())), 2, "b'1'",
     "df['task_id'] = pd.Series(df['task_id'].tolist(), index=df.index).str.decode('utf-8')"),
], ids=["object", "category", "arrow-binary"])
@pytest.mark.parametrize("method", ["rubric", "learned"])
def test_a_task_id_of_bytes_is_refused(method, ids, row, shown, advice):
    frame = pd.DataFrame({"task": [NEUTRAL] * 2, "onetsoc_code": ["29-1141.00"] * 2, "task_id": ids})
    onet = _onet() if method == "rubric" else None
    # (round 78: the bytes advice text cells get follows, the decoding fit for the column's type;
    # round 78 (was: a pattern "= df\['task_id'\]\S.*", which the Arrow advice "= pd.Series(df['task_id']
    # .tolist(), index=df.index).str.decode('utf-8')" no longer fits): each advice in full, then followed)
    with pytest.raises(DataFormatError, match=rf"^row {row}, column 'task_id': task ID {shown} is not an "
                                              r"integer: bytes, not text \(from a database driver or a binary "
                                              r"column\?\): decode them first, " + re.escape(advice)
                                              + r" \(or the column's own encoding\)$"):
        score_tasks(frame, method, onet=onet)
    namespace = {"df": frame.copy(), "pd": pd}
    exec(advice, namespace)  # the advice, as said
    as_text = pd.Series([v.decode() if isinstance(v, bytes) else v for v in ids.tolist()], dtype=object)
    scores = ["p_e0", "p_e1", "p_e2", "label", "admin"]
    pd.testing.assert_frame_equal(score_tasks(namespace["df"], method, onet=onet)[scores],
                                  score_tasks(frame.assign(task_id=as_text), method, onet=onet)[scores])


def test_a_task_id_of_bytes_is_refused_where_other_forms_find_the_task():
    # the forms of an integer still find task 1 and its admin work activity; bytes, which
    # the rubric looked up as "b'1'" (no work activities), are refused
    for form in (1, "1.0", " 1 ", 1.0, "01", pd.Series(["1"]).astype("category")):
        ids = form if isinstance(form, pd.Series) else pd.Series([form], dtype=object)
        frame = pd.DataFrame({"task": [NEUTRAL], "onetsoc_code": ["29-1141.00"], "task_id": ids})
        assert score_tasks(frame, "rubric", onet=_onet())["admin"].tolist() == [True]
    frame["task_id"] = pd.Series([b"1"], dtype=object)
    with pytest.raises(DataFormatError, match=r"task ID b'1' is not an integer"):
        score_tasks(frame, "rubric", onet=_onet())


def test_exposure_score_reads_a_binary_task_id_column_as_text(tmp_path, capsys):
    src = tmp_path / "bin.parquet"
    pq.write_table(pa.table({"task": ["Weld pipes.", "Type letters."],
                             "onetsoc_code": ["47-2121.00", "47-2121.00"],
                             "task_id": pa.array([b"7", b"8"], pa.binary())}), src)
    code, err = run(capsys, "score", src, "-o", tmp_path / "out.csv", "--method", "rubric", "--onet", "none")
    # (round 73: a binary column is read as UTF-8 text, so the IDs are 7 and 8, as a column of
    # text would give them; it was "{src}, row 1, column 'task_id': task ID b'7' is not an integer")
    assert code == 0, err
    assert pd.read_csv(tmp_path / "out.csv", dtype=str)["task_id"].tolist() == ["7", "8"]


# -------------------------------------------------- 2. bytes cells written to a .csv output
def _binary_input(path, notes, with_time=False):
    columns = {"task": ["Weld pipes.", "Type letters.", "Sort mail."],
               "note": pa.array(notes, pa.binary())}
    if with_time:
        columns["when"] = pa.array(pd.to_datetime(["2024-01-01"] * 3))
    pq.write_table(pa.table(columns), path)
    return path


@pytest.mark.parametrize("with_time", [False, True], ids=["plain", "with-a-time-column"])
def test_bytes_are_written_as_their_text_whatever_the_batch_size(tmp_path, capsys, caplog, with_time):
    src = _binary_input(tmp_path / "in.parquet", [b"ok", None, b"=HYPERLINK(\"http://x\")"], with_time)
    written = {}
    for batch_rows in ("0", "1", "2"):
        out = tmp_path / f"out{batch_rows}.csv"
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            code, err = run(capsys, "score", src, "-o", out, "--method", "rubric", "--batch-rows", batch_rows)
        assert code == 0, err
        assert any("1 cell(s) that a spreadsheet would run as formulas" in r.getMessage()
                   for r in caplog.records), batch_rows
        written[batch_rows] = out.read_bytes()
    assert written["0"] == written["1"] == written["2"]
    notes = pd.read_csv(tmp_path / "out1.csv", dtype=str, keep_default_na=False)["note"].tolist()
    assert notes == ["ok", "", "'=HYPERLINK(\"http://x\")"]
    # a Parquet output keeps the values, as text (round 73: a binary column is read as UTF-8 text; it
    # kept the bytes, [b"ok", None, b"=HYPERLINK(...)"])
    code, err = run(capsys, "score", src, "-o", tmp_path / "out.parquet", "--method", "rubric")
    assert code == 0, err
    assert pq.read_table(tmp_path / "out.parquet").column("note").to_pylist() == [
        "ok", None, "=HYPERLINK(\"http://x\")"]


@pytest.mark.parametrize("batch_rows", ["0", "1"])
def test_bytes_holding_a_nul_are_refused_for_a_csv_output(tmp_path, capsys, batch_rows):
    src = _binary_input(tmp_path / "in.parquet", [b"ok", b"a\x00b", b"c"])
    out = tmp_path / "out.csv"
    code, err = run(capsys, "score", src, "-o", out, "--method", "rubric", "--batch-rows", batch_rows)
    assert code == 2
    assert err.startswith(f"exposure score: error: {out}, row 3, column 'note': a cell holds a NUL "
                          "character (\\x00), which a .csv file cannot hold")
    assert not out.exists()


@pytest.mark.parametrize("batch_rows", ["0", "1", "2"])
def test_bytes_that_are_not_utf8_are_refused_before_their_batch_is_scored(tmp_path, capsys, monkeypatch, batch_rows):
    import exposure.scoring._files as files

    src = _binary_input(tmp_path / "in.parquet", [b"ok", b"c", b"\xff"])
    out = tmp_path / "out.csv"
    scored = []
    real = files._score_as_batch
    monkeypatch.setattr(files, "_score_as_batch", lambda *a, **k: scored.append(1) or real(*a, **k))
    code, err = run(capsys, "score", src, "-o", out, "--method", "rubric", "--batch-rows", batch_rows)
    assert code == 2
    # (round 73: a binary column is read as UTF-8 text, so the cell is refused by the reader, naming
    # its row of the file; it was "{out}, row 4, column 'note': a cell holds bytes that are not UTF-8
    # text (b'\\xff'), which a CSV file cannot store as text; write .parquet, or decode the column to text")
    assert err == (f"exposure score: error: {src}, row 3, column 'note': the column is binary, read as UTF-8 "
                   "text, and this cell is not UTF-8 (byte 0xff, at offset 0, is 'ÿ' in Windows-1252): decode the "
                   "column with its own encoding (pandas: .str.decode('cp1252')) and write it as text, or drop "
                   "the column")
    assert not out.exists()
    # whole: before any scoring; in batches: before the batch holding the cell
    assert len(scored) == {"0": 0, "1": 2, "2": 1}[batch_rows]



# ------------------------------------------------------ 3. O*NET's Job Zone header
def test_onets_job_zone_header_is_read(tmp_path, capsys):
    frame = pd.DataFrame({"task": [CAPTION, "Write copy for ads."], "Title": ["Copywriter"] * 2})
    outs = {}
    for header in ("job_zone", "Job Zone"):
        src = tmp_path / f"{header.replace(' ', '_')}.csv"
        frame.assign(**{header: [2, 2]}).to_csv(src, index=False)
        out = tmp_path / f"out_{src.name}"
        code, err = run(capsys, "score", src, "-o", out, "--method", "rubric", "--onet", "none")
        assert code == 0, err
        outs[header] = pd.read_csv(out)
    assert outs["Job Zone"]["entry_creative"].tolist() == [True, True]
    assert outs["Job Zone"].equals(outs["job_zone"][outs["Job Zone"].columns])
    assert "job_zone" in outs["Job Zone"].columns and "Job Zone" not in outs["Job Zone"].columns


def test_a_bad_job_zone_under_onets_header_is_refused(tmp_path, capsys):
    src = tmp_path / "jz.csv"
    src.write_text("task,Job Zone\nWeld pipes.,3\nType letters.,9\n", encoding="utf-8")
    code, err = run(capsys, "score", src, "-o", tmp_path / "out.csv", "--method", "rubric")
    assert code == 2
    assert err == (f"exposure score: error: {src}, row 3, column 'job_zone': job zone must be a whole "
                   "number from 1 to 5, got '9'")


# --------------------------------------------------------- 4. score_file's arguments
@pytest.fixture
def task_csv(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("task,onetsoc_code,task_id\nZorble the quux.,29-1141.00,1\nWeld pipes.,47-2121.00,7\n",
                   encoding="utf-8")
    return src


@pytest.mark.parametrize("kwargs, message", [
    ({"src": None}, r"^src must be a task file path \(str or os\.PathLike\), got NoneType None$"),
    ({"dst": None}, r"^dst must be an output file path \(str or os\.PathLike\), got NoneType None$"),
    ({"dst": b"out.csv"}, r"^dst must be an output file path \(str or os\.PathLike\), got bytes b'out\.csv'$"),
    ({"text_column": ["task"]}, r"^text_column must be a column name \(str\), got list \['task'\]$"),
    ({"progress": "x", "batch_rows": 1},
     r"^progress must be a function called with the rows of each batch written \(or None\), got str 'x'$"),
    ({"onet": {"tasks": pd.DataFrame()}},
     r"^onet must be an O\*NET release, e.g\. exposure\.load_onet\('29\.1'\) \(or None\), got dict without"),
], ids=["src", "dst", "dst-bytes", "text_column", "progress", "onet"])
def test_score_file_refuses_bad_arguments_before_any_work(task_csv, kwargs, message):
    out = task_csv.parent / "out.csv"
    args = {"src": task_csv, "dst": out, "method": "rubric", **kwargs}
    with pytest.raises(DataFormatError, match=message):
        score_file(**args)
    assert not out.exists()


@pytest.mark.parametrize("batch_rows", [None, 1])
def test_score_file_takes_a_loaded_release(task_csv, batch_rows):
    onet = _onet()
    done = score_file(task_csv, task_csv.parent / "out.csv", "rubric", onet=onet, batch_rows=batch_rows)
    assert done.n_tasks == 2
    out = pd.read_csv(done.path)
    want = score_tasks(pd.read_csv(task_csv, dtype=str), "rubric", onet=onet)
    assert out["admin"].tolist() == want["admin"].tolist() == [True, False]
    assert np.allclose(out["p_e0"], want["p_e0"])


# ------------------------------------------------ 5. a spreadsheet's error values as tasks
@pytest.mark.parametrize("text", ["#N/A", "#VALUE!", " #NAME? ", "#DIV/0!", "#REF!", "Err:502", "Err:504"])
@pytest.mark.parametrize("method", ["rubric", "learned"])
def test_a_spreadsheet_error_value_is_not_a_task(method, text):
    frame = pd.DataFrame({"task": ["Answer telephones.", text]}, index=[10, 11])
    with pytest.raises(DataFormatError, match=(
            rf"^row 2, column 'task': task text is a spreadsheet error value, got {re.escape(repr(text))}: a formula "
            r"that failed in the spreadsheet \(a lookup that found nothing\?\), not a task statement; "
            r"correct the formula, or drop such rows \(index 11\)$")):
        score_tasks(frame, method)


def test_exposure_score_names_the_line_of_an_error_value(tmp_path, capsys):
    src = tmp_path / "export.csv"
    # a text that mentions an error value is a task
    src.write_text("task,n\nReplace #N/A values in the monthly reports.,1\n#N/A cells: fix them.,2\n"
                   "Look up Err:502 in the LibreOffice help.,3\n",
                   encoding="utf-8")
    code, err = run(capsys, "score", src, "-o", tmp_path / "ok.csv", "--method", "rubric")
    assert code == 0, err
    src.write_text("task,n\nAnswer telephones.,1\n#N/A,2\n", encoding="utf-8")
    code, err = run(capsys, "score", src, "-o", tmp_path / "out.csv", "--method", "rubric")
    assert code == 2
    assert err.startswith(f"exposure score: error: {src}, row 3, column 'task': task text is a spreadsheet "
                          "error value, got '#N/A'")
