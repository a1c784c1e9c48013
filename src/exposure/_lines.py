"""Where a bad cell is, and why it reads as it does: for error messages, on the error path only.

Errors about bad input name the record as a spreadsheet shows it (``row 3``, the header
being row 1). A quoted cell spanning several lines shifts the later records down the
file, so the CLI also names the line a text editor shows (``row 3 (line 4)``,
:func:`record_line`). (An ``.xlsx`` formula that was never computed is refused by the
workbook readers themselves: :func:`exposure._tables.uncomputed_formula`.)
"""

from __future__ import annotations

import csv
import operator
import os
import stat

__all__ = ["record_line"]


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
