"""Fault round 57 (releases): O*NET releases and OEWS files as users save them again.

Faults found and fixed:

1. An O*NET text file written again with EVERY cell quoted, its header too (pandas'
   ``to_csv(sep="\\t", quoting=csv.QUOTE_ALL)``, LibreOffice's "Quote all text cells")
   was refused on its header: ``missing column(s) 'O*NET-SOC Code', 'Job Zone', ... in
   the header (line 1); found: '"O*NET-SOC Code"', '"Job Zone"', ...``, although round 56
   made the quoted cells of such a file read (with a warning). Now the header is read
   without its quotes too (``exposure.onet._quoted_too``), its columns are named without
   them in errors, and the one warning of the file says ``the header and N cell(s) are
   quoted ...``; a whole release so written loads as the unquoted one.
2. ``load_onet`` (so ``exposure recompute`` and ``exposure score --onet``) of a release
   whose ``Job Zones``, ``Tasks to DWAs``, ``Emerging Tasks`` or ``Task Ratings`` file is
   a header alone (a download or copy cut after the header) loaded it as an empty table
   and pinned it in the lock file, without a word: every occupation without a job zone,
   every task scored without its work activities, and the cut file trusted by later runs
   (``exposure validate`` refused such a file since round 40). Now refused, naming the
   file: ``.../Job Zones.txt: no job_zones rows: the file has a header but no rows (a
   download cut short?); every table of an O*NET release has rows; nothing was pinned``.
3. ``check_references`` of an ``OnetRelease`` made of the caller's own frames with a
   table lacking a key column (read with pandas under O*NET's headers, ``O*NET-SOC
   Code``; its key made the index) or a table that is not a frame (None, a dict) raised
   ``KeyError: 'onetsoc_code'``, ``TypeError: 'NoneType' object is not subscriptable``
   or ``AttributeError: 'list' object has no attribute 'dtype'`` from inside the check.
   Now a ``DataFormatError`` naming the table, the columns it lacks and the reader whose
   columns it needs (``occupations, column 'onetsoc_code': occupations lacks column(s)
   ['onetsoc_code'] (columns: ['O*NET-SOC Code']): ...``).
4. A sheet with a title row saved as delimited text (the title padded with separators to
   the table's width, as Excel and LibreOffice write it: ``May 2099 National,,,,``,
   ``O*NET 31.0 Job Zones\\t\\t\\t``), read by the OEWS, O*NET (or crosswalk) readers, was
   refused as ``missing column(s) 'NAICS', ... in the header (line 1); found: 'May 2099
   National'``, not saying that the header is on the next line (only a title NOT padded
   was said to be one). Now: ``o.csv, row 1: line 1 is a title ('May 2099 National'),
   not the header: the header ('NAICS', 'NAICS_TITLE', 'I_GROUP', ...) is on line 2;
   delete the line(s) above it, so that the header is line 1``.
"""

from __future__ import annotations

import csv
import logging

import openpyxl
import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line
from test_faults_round20_onet_rollup import ONET_FILES, _text, _write_release
from test_faults_round56_release import OEWS_HEADER, OEWS_TOTAL, TASKS, _oews_row

from exposure.errors import DataFormatError, SchemaError
from exposure.oews import read_oews
from exposure.onet import OnetRelease, check_references, load_onet, read_job_zones, read_tasks

# ------------------------------------------------------------ 1. every cell quoted, the header too


def _quoted_all(rows, path):
    """``rows`` (header first) written as pandas writes them with ``quoting=csv.QUOTE_ALL``."""
    pd.DataFrame(rows[1:], columns=rows[0]).to_csv(path, sep="\t", index=False, quoting=csv.QUOTE_ALL,
                                                   lineterminator="\r\n")
    return path


def test_tasks_with_every_cell_quoted_are_read(tmp_path, caplog):
    path = tmp_path / "Task Statements.txt"
    TASKS.to_csv(path, sep="\t", index=False, quoting=csv.QUOTE_ALL)
    assert path.read_text().startswith('"O*NET-SOC Code"\t"Task ID"')  # how pandas writes it
    with caplog.at_level(logging.WARNING, logger="exposure.onet"):
        tasks = read_tasks(path)
    assert tasks["task"].tolist() == TASKS["Task"].tolist()
    assert tasks["task_id"].tolist() == [15287, 15288, 15289]
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(messages) == 1 and "the header and 21 cell(s) are quoted" in messages[0], messages


def test_quoted_header_with_a_byte_order_mark_and_crlf_is_read(tmp_path):
    path = tmp_path / "Job Zones.txt"
    _quoted_all(ONET_FILES["Job Zones"], path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert read_job_zones(path)["job_zone"].tolist() == [5, 4]


def test_quoted_header_errors_name_the_column_without_quotes(tmp_path):
    rows = [row[:] for row in ONET_FILES["Job Zones"]]
    rows[2][0] = "15-1252"  # a SOC code, not an O*NET-SOC code
    path = _quoted_all(rows, tmp_path / "Job Zones.txt")
    with pytest.raises(SchemaError) as info:
        read_job_zones(path)
    assert "Job Zones.txt, row 3, column 'O*NET-SOC Code':" in str(info.value), str(info.value)


def test_release_with_every_cell_quoted_loads_as_the_unquoted_one(tmp_path):
    store, folder = _write_release(tmp_path / "plain")
    plain = load_onet("31.0", store=store)
    quoted_store, quoted = _write_release(tmp_path / "quoted")
    for base, rows in ONET_FILES.items():
        _quoted_all(rows, quoted / f"{base}.txt")
    release = load_onet("31.0", store=quoted_store)
    for table in OnetRelease.TABLES:
        pd.testing.assert_frame_equal(getattr(release, table), getattr(plain, table))


def test_validate_file_with_every_cell_quoted(tmp_path, capsys):
    path = _quoted_all(ONET_FILES["Job Zones"], tmp_path / "Job Zones.txt")
    code, out, err = cli(capsys, "validate", "--file", "job_zones", path)
    assert code == 0, err
    assert out.split()[:2] == ["job_zones", "2"], out


def test_quoted_header_without_a_column_is_still_refused(tmp_path):
    rows = [row[:2] + row[3:] for row in ONET_FILES["Job Zones"]]  # no Date column
    path = _quoted_all(rows, tmp_path / "Job Zones.txt")
    with pytest.raises(DataFormatError, match=r"missing column\(s\) 'Date' in the header"):
        read_job_zones(path)


# ------------------------------------------------------------ 2. a file of a header alone in a release


_TABLES = {"Job Zones": "job_zones", "Tasks to DWAs": "task_dwas", "Emerging Tasks": "emerging_tasks",
           "Task Ratings": "task_ratings"}


@pytest.mark.parametrize("base", list(_TABLES))
def test_release_file_of_a_header_alone_is_refused_and_not_pinned(tmp_path, base):
    store, folder = _write_release(tmp_path)
    (folder / f"{base}.txt").write_text(_text(ONET_FILES[base][:1]), encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        load_onet("31.0", store=store)
    message = str(info.value)
    assert message.startswith(f"{folder / base}.txt: no ") and "has a header but no rows" in message, message
    assert "nothing was pinned" in message
    assert not store.lock_path.exists()
    (folder / f"{base}.txt").write_text(_text(ONET_FILES[base]), encoding="utf-8")  # the whole file
    assert load_onet("31.0", store=store).row_counts()[_TABLES[base]] == len(ONET_FILES[base]) - 1
    assert len(store.lock.entries()) == 8


def test_excel_release_file_of_a_header_alone_is_refused(tmp_path):
    store, folder = _write_release(tmp_path, fmt="excel")
    wb = openpyxl.Workbook()
    wb.active.append(ONET_FILES["Job Zones"][0])
    wb.save(folder / "Job Zones.xlsx")
    with pytest.raises(DataFormatError, match=r"Job Zones\.xlsx: no job_zones rows: the file has a header but "
                       r"no rows \(a download cut short\?\)"):
        load_onet("31.0", store=store, fmt="excel")
    assert not store.lock_path.exists()



# ------------------------------------------------------------ 3. check_references of hand-made releases

_OCC = pd.DataFrame({"onetsoc_code": ["11-1011.00"]})
_TASKS = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1]})
_EMPTY = pd.DataFrame({c: [] for c in ["onetsoc_code", "task_id", "dwa_id", "iwa_id"]})


def _release(**tables) -> OnetRelease:
    base = dict(occupations=_OCC, tasks=_TASKS, task_dwas=_EMPTY, dwas=_EMPTY, iwas=_EMPTY,
                job_zones=_EMPTY, emerging_tasks=_EMPTY)
    return OnetRelease("x", **{**base, **tables})


@pytest.mark.parametrize("tables, message", [
    (dict(task_dwas=_TASKS.rename(columns={"onetsoc_code": "O*NET-SOC Code", "task_id": "Task ID"})),
     "task_dwas, column 'onetsoc_code': task_dwas lacks column(s) ['onetsoc_code', 'task_id', 'dwa_id'] "
     "(columns: ['O*NET-SOC Code', 'Task ID']): the tables of an O*NET release have the columns of "
     "exposure.onet's readers (read_task_dwas)"),
    (dict(occupations=_OCC.set_index("onetsoc_code")),
     "occupations, column 'onetsoc_code': occupations lacks column(s) ['onetsoc_code'] (columns: []): the tables "
     "of an O*NET release have the columns of exposure.onet's readers (read_occupations); 'onetsoc_code' is "
     "the index: reset_index() first"),
    (dict(emerging_tasks=pd.DataFrame()),
     "emerging_tasks, column 'onetsoc_code': emerging_tasks lacks column(s) ['onetsoc_code'] (columns: []): the "
     "tables of an O*NET release have the columns of exposure.onet's readers (read_emerging_tasks)"),
    (dict(tasks=None),
     "tasks: tasks must be a pandas DataFrame (the table exposure.onet.read_tasks returns), got NoneType"),
    (dict(dwas={"dwa_id": []}),
     "dwas: dwas must be a pandas DataFrame (the table exposure.onet.read_dwas returns), got dict"),
], ids=["onet-headers", "key-as-index", "no-columns", "none", "dict"])
def test_check_references_names_a_table_it_cannot_read(tables, message):
    with pytest.raises(DataFormatError) as info:
        check_references(_release(**tables))
    assert str(info.value) == message
    # as before: no ratings and no original_task_id are nothing to check; a missing key is named
    check_references(_release(task_ratings=None))
    with pytest.raises(SchemaError, match=r"^tasks, row 0, column 'onetsoc_code': 1 value\(s\) not found"):
        check_references(_release(tasks=_TASKS.assign(onetsoc_code="11-9999.00")))


# ------------------------------------------------------------ 4. a title line padded with separators


def test_oews_csv_with_a_padded_title_line_says_where_the_header_is(tmp_path):
    path = tmp_path / "o.csv"
    title = "May 2099 National" + "," * OEWS_HEADER.count(",")  # as a spreadsheet saves a title row
    path.write_text("\n".join([title, OEWS_HEADER, OEWS_TOTAL, _oews_row(1)]) + "\n")
    with pytest.raises(DataFormatError) as info:
        read_oews(path)
    assert str(info.value) == (f"{path}, row 1: line 1 is a title ('May 2099 National'), not the header: the "
                               "header ('NAICS', 'NAICS_TITLE', 'I_GROUP', ...) is on line 2; delete the line(s) "
                               "above it, so that the header is line 1")
    # a line below that lacks a column too is no header: the error is as before
    header = OEWS_HEADER.replace("TOT_EMP", "EMPLOYMENT")
    path.write_text("\n".join([title, header, OEWS_TOTAL]) + "\n")
    with pytest.raises(DataFormatError, match=r"missing column\(s\) 'NAICS', .* in the header \(line 1\); "
                       r"found: 'May 2099 National'$"):
        read_oews(path)


def test_oews_csv_with_a_padded_title_line_cli(tmp_path, capsys):
    path = tmp_path / "o.csv"
    title = "May 2099 National" + "," * OEWS_HEADER.count(",")
    blank = "," * OEWS_HEADER.count(",")  # an empty row of the sheet, padded as well
    path.write_text("\n".join([title, blank, OEWS_HEADER, OEWS_TOTAL, _oews_row(1)]) + "\n")
    code, _, err = cli(capsys, "validate", "--file", "oews", path)
    line = one_error_line(err, command="validate")
    assert code == 2
    assert "o.csv, row 1: line 1 is a title ('May 2099 National'), not the header" in line, line
    assert "is on line 3" in line


def test_onet_text_with_a_padded_title_line_says_where_the_header_is(tmp_path):
    path = tmp_path / "Job Zones.txt"
    path.write_text("O*NET 31.0 Job Zones\t\t\t\n" + _text(ONET_FILES["Job Zones"]))
    with pytest.raises(DataFormatError) as info:
        read_job_zones(path)
    assert str(info.value) == (f"{path}, row 1: line 1 is a title ('O*NET 31.0 Job Zones'), not the header: the "
                               "header ('O*NET-SOC Code', 'Job Zone', 'Date', ...) is on line 2; delete the "
                               "line(s) above it, so that the header is line 1")

