"""Fault round 56 (release): O*NET and OEWS files written again by a user's program.

Faults found and fixed:

1. An O*NET text file written again by a program that quotes its cells (pandas'
   ``to_csv(sep="\\t")`` quotes a cell holding a quote, as ``"Conduct ""head counts"" to
   ..."``; Excel and LibreOffice quote a cell holding a comma) was read with the quotes:
   the task was ``'"Conduct ""head counts"" to ..."'``, scored and shown so, and the
   release diff counted it as reworded, without a word (6 tasks of O*NET 29.1 after a
   ``read_csv``/``to_csv`` round trip). Now a cell that starts and ends with a quote, each
   quote inside written twice, is read as the writer meant it (``Conduct "head counts"
   to ...``), with one warning for the file giving the count and the first cell; quotes
   inside an unquoted cell (O*NET's own) are kept (``exposure.onet._unquoted``).
2. An OEWS ``.csv`` ending in footnote lines (``Footnotes:``, ``(1) ...``) that is not
   UTF-8 (Excel's "CSV (Comma delimited)" on Windows writes Windows-1252) was read with
   its bytes replaced: ``OCC_TITLE`` ``'Chief Executives \\ufffd'``, exit 0, where the
   same file without its footnotes is refused naming the cell. Now refused the same way:
   ``o.csv, row 3, column 'OCC_TITLE': byte 0x92 is not valid UTF-8 ...``.
3. An OEWS ``.csv`` of more than 64 KB ending in footnote lines, with a vertical tab,
   form feed or ``\\u2028`` in a cell (a title pasted from a document), lost the last row
   above its footnotes without a word (1,499 rows read of 1,500): the footnotes were
   found by counting line feeds, the rows above them cut by ``str.splitlines``, which
   also splits at those characters. Lines are now split where the CSV reader splits
   them (``\\r``, ``\\n``) in both places: every row is read.
4. Reading such a file when the temporary directory is full or read-only (the rows
   above the footnotes are read from a copy there) raised the ``OSError`` of the copy
   (``exposure validate: error: oews: /tmp/tmpabc: No space left on device``, naming a
   temporary path, not the file; not an ``ExposureError``). Now an
   :class:`~exposure.errors.InputError` naming the file, what was written and what to do.
"""

from __future__ import annotations

import csv
import errno
import logging
import tempfile

import pandas as pd
import pytest
from _cli import _no_env, run  # noqa: F401 (_no_env: autouse fixture)

from exposure import oews as oews_module
from exposure.errors import DataFormatError, InputError
from exposure.oews import read_oews
from exposure.onet import read_emerging_tasks, read_tasks

TASKS = pd.DataFrame({
    "O*NET-SOC Code": ["11-1031.00", "11-1031.00", "11-1031.00"],
    "Task ID": ["15287", "15288", "15289"],
    "Task": ['Conduct "head counts" to help predict the outcome of upcoming votes.',
             "Plan, direct, or coordinate activities.",
             '"Talk" to voters and "listen".'],
    "Task Type": ["n/a", "Core", "Core"],
    "Incumbents Responding": ["n/a", "20", "20"],
    "Date": ["06/2006", "08/2023", "08/2023"],
    "Domain Source": ["Analyst", "Incumbent", "Incumbent"],
})


def _tasks_file(path, quoting=csv.QUOTE_MINIMAL):
    """``TASKS`` read with pandas from an O*NET file and written again, as a user's script does."""
    TASKS.to_csv(path, sep="\t", index=False, quoting=quoting, lineterminator="\r\n")
    return path


def test_tasks_rewritten_by_pandas_read_without_quotes(tmp_path, caplog):
    path = _tasks_file(tmp_path / "Task Statements.txt")
    assert '"Conduct ""head counts"" to' in path.read_text()  # how pandas writes it
    with caplog.at_level(logging.WARNING, logger="exposure.onet"):
        tasks = read_tasks(path)
    assert tasks["task"].tolist() == TASKS["Task"].tolist()
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(messages) == 1
    assert "2 cell(s) are quoted" in messages[0] and "row 2, column 'Task'" in messages[0]


def test_tasks_quoted_by_a_spreadsheet_read_without_quotes(tmp_path):
    """Every cell holding a comma (or a quote) quoted, as Excel's tab-delimited text has it."""
    path = tmp_path / "Task Statements.txt"
    path.write_text("O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\n"
                    '11-1031.00\t15288\t"Plan, direct, or coordinate activities."\tCore\t20\t08/2023\tIncumbent\n'
                    '"11-1031.00"\t"15289"\tDraw up budgets.\tCore\t20\t08/2023\tIncumbent\n')
    tasks = read_tasks(path)
    assert tasks["task"].tolist() == ["Plan, direct, or coordinate activities.", "Draw up budgets."]
    assert tasks["onetsoc_code"].tolist() == ["11-1031.00", "11-1031.00"]
    assert tasks["task_id"].tolist() == [15288, 15289]


def test_onet_file_unquoted_is_read_as_before(tmp_path, caplog):
    """Passed before: O*NET's own layout, quotes being text, reads verbatim and without a warning."""
    path = _tasks_file(tmp_path / "Task Statements.txt", quoting=csv.QUOTE_NONE)
    with caplog.at_level(logging.WARNING, logger="exposure.onet"):
        tasks = read_tasks(path)
    assert tasks["task"].tolist() == TASKS["Task"].tolist()
    assert not [r for r in caplog.records if r.levelno == logging.WARNING]


def test_emerging_tasks_rewritten_by_pandas_read_without_quotes(tmp_path):
    path = tmp_path / "Emerging Tasks.txt"
    pd.DataFrame({"O*NET-SOC Code": ["11-1031.00"], "Task": ['Track "likes" of posts.'], "Category": ["New"],
                  "Original Task ID": ["n/a"], "Original Task": ["n/a"], "Date": ["08/2024"],
                  "Domain Source": ["Incumbent"]}).to_csv(path, sep="\t", index=False)
    assert read_emerging_tasks(path)["task"].tolist() == ['Track "likes" of posts.']


OEWS_HEADER = "NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN"
OEWS_TOTAL = "000000,Cross-industry,cross-industry,00-0000,All Occupations,total,100000,0.1,30.00,62400,0.1,30.00,62400"
FOOTNOTES = "\nFootnotes:\n(1) Estimates for detailed occupations do not sum to the totals.\n"


def _oews_row(k: int, title: str = "") -> str:
    code = f"{11 + k // 900:02d}-{k % 900 + 1011:04d}"
    return (f"000000,Cross-industry,cross-industry,{code},{title or f'Occupation {k}'},detailed,10,0.1,30.00,"
            "62400,0.1,30.00,62400")


@pytest.mark.parametrize("tail", [FOOTNOTES, "Footnotes:" + "," * 12 + "\n"], ids=["footnotes", "padded"])
def test_oews_csv_not_utf8_with_footnotes_refused(tmp_path, tail):
    path = tmp_path / "o.csv"
    text = "\n".join([OEWS_HEADER, OEWS_TOTAL, _oews_row(1, "Chief Executives \u2019")]) + "\n" + tail
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(DataFormatError, match=r"o\.csv, row 3, column 'OCC_TITLE': byte 0x92 is not valid "
                       "UTF-8 .*Windows-1252"):
        read_oews(path)


def test_oews_csv_not_utf8_with_footnotes_cli(tmp_path, capsys):
    path = tmp_path / "o.csv"
    text = "\n".join([OEWS_HEADER, OEWS_TOTAL, _oews_row(1, "Caf\u00e9 Workers")]) + "\n" + FOOTNOTES
    path.write_bytes(text.encode("cp1252"))
    code, line = run(capsys, "validate", "--file", "oews", path)
    assert code == 2
    assert "o.csv, row 3, column 'OCC_TITLE': byte 0xe9 is not valid UTF-8" in line


@pytest.mark.parametrize("char", ["\x0b", "\x0c", "\u2028"], ids=["vertical-tab", "form-feed", "line-separator"])
def test_oews_csv_over_64kb_with_footnotes_keeps_every_row(tmp_path, char):
    rows = [OEWS_TOTAL] + [_oews_row(k, f"Occupation {k}{char}pasted" if k == 3 else "") for k in range(1, 1500)]
    path = tmp_path / "o.csv"
    path.write_text("\n".join([OEWS_HEADER, *rows]) + "\n" + FOOTNOTES, encoding="utf-8")
    assert path.stat().st_size > oews_module._TAIL
    frame = read_oews(path)
    assert len(frame) == 1500
    assert frame["occ_code"].iloc[-1] == _oews_row(1499).split(",")[3]
    assert frame["occ_title"].iloc[3] == f"Occupation 3{char}pasted"


def test_oews_csv_over_64kb_with_footnotes_as_before(tmp_path):
    """Passed before: without such a character, the rows above the footnotes are read, CRLF too."""
    rows = [OEWS_TOTAL] + [_oews_row(k) for k in range(1, 1500)]
    path = tmp_path / "o.csv"
    path.write_bytes(("\r\n".join([OEWS_HEADER, *rows]) + "\r\n" + FOOTNOTES.replace("\n", "\r\n")).encode())
    assert len(read_oews(path)) == 1500


def test_oews_footnotes_temporary_directory_full(tmp_path, monkeypatch, capsys):
    path = tmp_path / "o.csv"
    path.write_text("\n".join([OEWS_HEADER, OEWS_TOTAL, _oews_row(1)]) + "\n" + FOOTNOTES)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "/tmp/tmpabc123")

    monkeypatch.setattr(tempfile, "TemporaryDirectory", full)
    with pytest.raises(InputError, match=r"o\.csv: cannot read: the rows above its footnote lines are read "
                       r"from a copy in a temporary directory, and the copy /tmp/tmpabc123 could not be written "
                       r"\(No space left on device\): free space there, or set TMPDIR"):
        read_oews(path)
    code, line = run(capsys, "validate", "--file", "oews", path)
    assert code == 2 and "o.csv: cannot read" in line
