"""Where a bad cell is, and why it reads as it does: for error messages, on the error path only.

Errors about bad input name the record as a spreadsheet shows it (``row 3``, the header
being row 1). A quoted cell spanning several lines shifts the later records down the
file, so the CLI also names the line a text editor shows (``row 3 (line 4)``,
:func:`record_line`). An ``.xlsx`` formula that was never computed reads as an empty
cell; the CLI then says so (:func:`xlsx_formula`).
"""

from __future__ import annotations

import csv
import operator
import os
import stat

__all__ = ["record_line", "xlsx_formula"]


def record_line(path, row: int) -> int | None:
    """The 1-based line of the file ``path`` on which its record ``row`` starts.

    The file is read as :mod:`exposure` reads user ``.csv`` tables (UTF-8 with an
    optional BOM, comma-separated, double-quote quoting), record by record up to
    ``row`` only: memory and time do not grow with the rest of the file. Lines end in
    ``\\n``, ``\\r\\n`` or ``\\r``, and are counted as :mod:`csv` counts them
    (:attr:`csv.reader.line_num`); an empty line is a record.

    Parameters
    ----------
    path : str or os.PathLike
        The file. Only ``.csv`` files (any case) can hold cells spanning lines: for
        other files (``.tsv`` tables are read without quoting) the answer is None.
    row : int
        1-based record number, the header being record 1.

    Returns
    -------
    int or None
        The line; None when ``path`` is not a regular ``.csv`` file, cannot be opened,
        decoded or parsed, or holds fewer than ``row`` records.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_bytes(b'task,title\\n"Weld,\\nthen grind.",Welder\\nSew.,Tailor\\n')
    >>> record_line(p, 2), record_line(p, 3), record_line(p, 4)
    (2, 4, None)
    >>> record_line(p.with_suffix(".tsv"), 3) is None
    True
    """
    try:
        if os.fspath(path)[-4:].lower() not in (".csv", b".csv"):
            return None
        row = operator.index(row)
        if row < 1 or not stat.S_ISREG(os.stat(path).st_mode):  # no FIFO: opening one blocks
            return None
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh, delimiter=",", quoting=csv.QUOTE_MINIMAL)
            start = 1  # line on which the next record starts
            for number, _ in enumerate(reader, start=1):
                if number == row:
                    return start
                start = reader.line_num + 1
    except (OSError, ValueError, TypeError, csv.Error):  # UnicodeDecodeError is a ValueError
        return None
    return None


def xlsx_formula(path, row: int, column: str) -> str | None:
    """The formula of cell (``row``, ``column``) of the first sheet of ``path``, if it has no value.

    A formula cell whose value was never computed (a workbook written by openpyxl, pandas
    or a script, and never opened in a spreadsheet program) reads as empty: the library
    then reports an empty cell. Looked up on the error path only, to say why.

    Parameters
    ----------
    path : str or os.PathLike
        An ``.xlsx`` workbook (any other file: None).
    row : int
        1-based row as a spreadsheet shows it (the header is row 1).
    column : str
        The column's name in the header (first row).

    Returns
    -------
    str or None
        The formula (``=...``) when the cell holds one and no saved value; None otherwise,
        or when the file cannot be read.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "f.xlsx"
    >>> wb = openpyxl.Workbook(); ws = wb.active
    >>> ws.append(["task"]); ws.append(['=CONCATENATE("Weld ", "pipes.")']); wb.save(p)
    >>> xlsx_formula(p, 2, "task")
    '=CONCATENATE("Weld ", "pipes.")'
    >>> xlsx_formula(p, 1, "task") is None
    True
    """
    try:
        if os.fspath(path)[-5:].lower() not in (".xlsx", b".xlsx") or row < 2:
            return None
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        import openpyxl  # the error path only

        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
        values = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            sheet, cached = formulas.worksheets[0], values.worksheets[0]
            header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
            names = ["" if v is None else str(v).strip() for v in header]
            if column not in names:
                return None
            col = names.index(column) + 1
            cell = next(sheet.iter_rows(min_row=row, max_row=row, min_col=col, max_col=col,
                                        values_only=True), (None,))[0]
            value = next(cached.iter_rows(min_row=row, max_row=row, min_col=col, max_col=col,
                                          values_only=True), (None,))[0]
        finally:
            formulas.close()
            values.close()
    except Exception:  # noqa: BLE001 - a damaged file: no reason to add, the error stands
        return None
    if isinstance(cell, str) and cell.startswith("=") and value is None:
        return cell
    return None
