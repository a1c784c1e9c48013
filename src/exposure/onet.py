"""Parse the O*NET database files into validated frames.

Each ``read_*`` function takes the path of one O*NET file, in either layout O*NET
publishes (tab-delimited ``.txt`` as in release 29.1, or ``.xlsx`` as in release 30.1,
whose sheets add ``Title``/``Task``/``DWA Title`` columns), and returns a frame validated
against the matching model of :mod:`exposure.schemas._onet`. :func:`load_onet` resolves
the files of one release through :func:`exposure.fetch.fetch` and returns an
:class:`OnetRelease`.

Files are read by :mod:`exposure._tables`: text files with ``sep="\\t"``, every field as a
string, no NA guessing and ``quoting=csv.QUOTE_NONE`` so that task texts containing double
quotes stay intact; CRLF line endings are accepted. ``n/a`` and empty fields become missing
values (``<NA>``).

Bad input raises :class:`exposure.errors.DataFormatError` (unreadable, truncated, HTML,
empty, non-UTF-8, missing column, a column read given twice in the header, an empty row
between the rows, non-numeric value, a decimal comma such as ``9,5``, an infinite number,
an ``.xlsx`` formula never computed) or :class:`exposure.errors.SchemaError` (malformed
code: an ``O*NET-SOC Code`` said to be a SOC code, a number or a date, or to hold a dash
that is not the hyphen, where it is one (:func:`_validate`); out-of-range value, a required number missing, duplicate key: the key and both rows
named; an emerging task whose ``Original Task ID`` contradicts its ``Category``), naming the file and, where it applies, the line (``row``; the header is line 1)
and the column. A ``Date`` that is not a month written ``MM/YYYY``, a ``Scale ID``,
``Task Type`` or emerging task ``Category`` that O*NET does not publish (a new release's
``IJ``, ``Emerging``; ``im``, ``'Core '``) are refused naming the column as the file does
(:func:`_months`, :func:`_check_choice`); a workbook's Excel date cell of the first of a
month is read as that month (``08/2023``), and a ``Date`` after the current month is warned
of (:func:`_warn_future`); so are an O*NET workbook's sheets beside the first, which alone
is read (:func:`_warn_other_sheets`). Rows of blank cells ending a file (a spreadsheet's ``,,,`` rows) are
ignored, as the empty rows ending a sheet are. A text file's cell quoted as a program writing quoted
text quotes it (``"Conduct ""head counts"" ..."``, pandas' ``to_csv(sep="\\t")``; R's
``write.table``, ``"Conduct \\"head counts\\" ..."``) is read without its quotes, with a
warning (:func:`_unquoted`); so is a header quoted so (every cell quoted: :func:`_quoted_too`).
The row names R writes, and a quoted cell holding a tab, are named as such
(:func:`_field_too_many`). A title line above the header, padded with tabs as a spreadsheet
saves it, is said to be one (:func:`_title_above`). A task statement, title, description or
``Domain Source`` that is empty, spaces only, ``n/a`` or a spreadsheet's error value (``#NAME?``:
:func:`_check_filled`), a ``Task
ID`` given to two occupations (:func:`_check_task_ids`), a DWA or IWA ID not under its IWA
or element ID (:func:`_check_under`) and a ``Lower CI Bound`` above its ``Upper CI Bound``
(:func:`_check_bounds`) are refused too, naming the file, row and column; so are a ``Task
ID`` in scientific notation (``2.07E+04``), a ``Data Value`` outside its confidence interval,
``FT`` percents of a task summing above 100, a ``Date`` before 1998, an ``Original Task``
that contradicts its ``Category`` and the header repeated inside the table. Files of one
release that do not match are refused by :func:`load_onet` (:func:`check_references`),
also an ``Emerging Tasks`` or ``Job Zones`` file of another release than the ``Task
Statements`` (:func:`_emerging_contradiction`, :data:`_FILE_REFERENCES`).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import logging
import re

import numpy as np
import pandas as pd

import exposure.fetch as fetching
from exposure import releases
from exposure._tables import (
    COMPRESSED,
    FOOTNOTE,
    RawTable,
    as_path,
    compressed_input,
    first_repeat_of,
    foreign_workbook,
    header_name,
    holds_row_names,
    index_hint,
    is_spreadsheet_error,
    missing_to_na,
    norm_header,
    read_table,
    spreadsheet_error_rows,
    to_number,
    xlsx_sheet_note,
    xlsx_worksheets,
)
from exposure.errors import DataFormatError, ExposureError, SchemaError
from exposure.schemas import validate
from exposure.schemas._base import check_columns
from exposure.schemas._fields import (
    DWA_PATTERN,
    ELEMENT_PATTERN,
    IWA_PATTERN,
    ONETSOC_PATTERN,
    TASK_TYPES,
    check_code_cells,
)
from exposure.schemas._onet import (
    Dwas,
    EmergingTasks,
    Iwas,
    JobZones,
    Occupations,
    TaskDwas,
    TaskRatings,
    Tasks,
)
from exposure.sources import SOURCES

__all__ = [
    "OnetRelease",
    "ONET_RELEASES",
    "read_occupations",
    "read_tasks",
    "read_task_dwas",
    "read_dwas",
    "read_iwas",
    "read_job_zones",
    "read_emerging_tasks",
    "read_task_ratings",
    "load_onet",
    "check_references",
]

log = logging.getLogger(__name__)

#: O*NET releases in the source registry, with the file layout of each.
ONET_RELEASES = {"29.1": ".txt", "30.1": ".xlsx"}


# --------------------------------------------------------------------------------------
# O*NET files
# --------------------------------------------------------------------------------------

#: The scales of ``Task Ratings`` (importance, relevance, frequency) and the categories of
#: ``Emerging Tasks``.
SCALES = ("IM", "RT", "FT")
EMERGING_CATEGORIES = ("New", "Revision")

_CODE = ("O*NET-SOC Code",)
_DATE = ("Date",)
_SOURCE = ("Domain Source",)


def _validate(frame: pd.DataFrame, model, raw: RawTable) -> pd.DataFrame:
    """Validate ``frame`` against ``model``; failures name ``raw``'s file line.

    An ``O*NET-SOC Code`` that is not one is refused first, saying what it may be
    (:func:`~exposure.schemas._fields.check_code_cells`): a dash that is not the hyphen
    (``11–1011.00``), a SOC code without its suffix (``11-1011``), a number, a blank cell.
    It was refused in pandera's words only (``onetsoc_code must match the pattern
    ^[0-9]{2}-[0-9]{4}\\.[0-9]{2}\\Z, got text '11–1011.00' (check str_matches)``), where
    the crosswalk readers said what the cell held.

    So are the activity IDs (``Element ID``, ``IWA ID``, ``DWA ID``: :func:`_check_ids`): a
    blank one was ``DWA ID must match the pattern ^4\\.A\\.[0-9]+..., got text '' (check
    str_matches)``.
    """
    if "onetsoc_code" in frame.columns:
        check_code_cells(frame, raw, "onetsoc_code", ONETSOC_PATTERN, "an O*NET-SOC code (like 11-1011.00)")
    _check_ids(frame, raw)
    return validate(frame, model, path=raw.path, row_offset=raw.first_row, names=raw.sources)


#: The activity ID columns of the O*NET files: their pattern, and what one is.
_ID_FORMS = {
    "element_id": (ELEMENT_PATTERN, "an Element ID (like 4.A.2.a.4)"),
    "iwa_id": (IWA_PATTERN, "an IWA ID (like 4.A.2.a.4.I09)"),
    "dwa_id": (DWA_PATTERN, "a DWA ID (like 4.A.2.a.4.I09.D03)"),
}
#: The case O*NET writes each part of an activity ID in (``4.A.2.a.4.I09.D03``).
_ID_CASES = (str, str.upper, str, str.lower, str, str.upper, str.upper)


def _check_ids(frame: pd.DataFrame, raw: RawTable) -> None:
    """Refuse an activity ID cell (``Element ID``, ``IWA ID``, ``DWA ID``) that is not one, saying what it is.

    Blank, or not of O*NET's form, it was refused in pandera's words only (``DWA ID must
    match the pattern ^4\\.A\\.[0-9]+\\.[a-z]..., got text '' (check str_matches)``). Now it is
    said as :func:`~exposure.schemas._fields.check_code_cells` says a code (``DWA ID is
    blank: give a DWA ID (like 4.A.2.a.4.I09.D03)``); an ID whose letters are in another
    case (a program that lower-cased the column: ``4.a.2.a.4.i09.d03``) is given the ID to
    write.

    Examples
    --------
    >>> from pathlib import Path
    >>> f = pd.DataFrame({"dwa_id": ["4.A.2.a.4.I09.D03", "4.a.2.a.4.i09.d03"]})
    >>> _check_ids(f, RawTable(f, Path("Tasks to DWAs.txt"), 2, {"dwa_id": "DWA ID"}))
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: Tasks to DWAs.txt, row 3, column 'DWA ID': DWA ID must be a DWA ID (like 4.A.2.a.4.I09.D03), got '4.a.2.a.4.i09.d03': letters in another case than O*NET writes them? write '4.A.2.a.4.I09.D03'
    """
    for key, (pattern, what) in _ID_FORMS.items():
        if key not in frame.columns:
            continue
        ids = frame[key].astype("string")
        bad = np.flatnonzero(~ids.str.match(pattern).to_numpy(dtype=bool, na_value=False))
        if not len(bad):
            continue
        value = ids.iloc[int(bad[0])]
        parts = [] if value is pd.NA else str(value).split(".")
        fixed = ".".join(case(part) for case, part in zip(_ID_CASES, parts, strict=False))
        if len(parts) <= len(_ID_CASES) and fixed != value and re.match(pattern, fixed):
            source = raw.sources.get(key, key)
            raise SchemaError(f"{source} must be {what}, got {value!r}: letters in another case than O*NET writes "
                              f"them? write {fixed!r}", path=raw.path, row=raw.row(int(bad[0])), column=source)
        check_code_cells(frame, raw, key, pattern, what)


#: What a cell holding a spreadsheet's error value (:func:`exposure._tables.is_spreadsheet_error`) is.
_FAILED_FORMULA = (": a spreadsheet's error value (a formula that failed, saved as its error): correct the formula "
                   "in the spreadsheet and save the file again")


def _check_choice(raw: RawTable, column: str, choices, *, missing=()) -> None:
    """Refuse a cell of ``raw.frame[column]`` that is not one of ``choices`` (or of ``missing``).

    A value a new release brings (a Scale ID the reader does not know, a Task Type
    ``Emerging``, an ``O_GROUP`` ``Detailed``) was refused in pandera's words, naming the
    library's column (``column 'scale_id', check isin(['IM', 'RT', 'FT']): 'IJ'``), which
    is in no file. Now the file's column is named and what it may hold said; a value of
    another case or padded is named as such, and so is a spreadsheet's error value
    (``#N/A``: it was refused without a word, where ``NA`` reads as missing).
    :mod:`exposure.oews` checks its groups with it.

    Raises
    ------
    exposure.errors.SchemaError
        Naming the file, the row and the column as written in the file (a SchemaError, as
        the schema's refusal was).

    Examples
    --------
    >>> from pathlib import Path
    >>> raw = RawTable(pd.DataFrame({"s": ["IM", "im"]}), Path("r.txt"), 2, {"s": "Scale ID"})
    >>> _check_choice(raw, "s", ["IM", "RT", "FT"])
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: r.txt, row 3, column 'Scale ID': Scale ID must be IM, RT or FT, got 'im': write IM

    Choices holding a comma (OEWS's ``I_GROUP`` ``cross-industry, ownership``) are quoted:
    the list read ``cross-industry, cross-industry, ownership, sector, ...``.

    >>> raw = RawTable(pd.DataFrame({"g": ["Sector"]}), Path("o.csv"), 2, {"g": "I_GROUP"})
    >>> _check_choice(raw, "g", ["cross-industry", "cross-industry, ownership", "sector"])
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: o.csv, row 2, column 'I_GROUP': I_GROUP must be 'cross-industry', 'cross-industry, ownership' or 'sector', got 'Sector': write 'sector'
    """
    text = raw.frame[column]
    bad = ~text.isin([*choices, *missing]).to_numpy(dtype=bool)
    if not bad.any():
        return
    pos = int(np.flatnonzero(bad)[0])
    cell, source = text.iloc[pos], raw.sources.get(column, column)
    # values holding a comma (OEWS's 'cross-industry, ownership') quoted, all of them: the
    # list read 'cross-industry, cross-industry, ownership, ...', one value seemingly twice
    quoted = any("," in str(c) for c in choices)
    shown = ([repr(str(c)) if quoted else str(c) for c in choices]
             + [repr(m) if m == "" or quoted else str(m) for m in missing])
    listed = ", ".join(shown[:-1]) + f" or {shown[-1]}" if len(shown) > 1 else shown[0]
    same = [c for c in choices if str(cell).strip().lower() == str(c).lower()]
    hint = f": write {str(same[0])!r}" if same and quoted else f": write {same[0]}" if same else ""
    if not same and isinstance(cell, str) and is_spreadsheet_error(cell):
        hint = _FAILED_FORMULA
    raise SchemaError(f"{source} must be {listed}, got {cell!r}{hint}", path=raw.path,
                          row=raw.row(pos), column=source)


#: An O*NET Date as published, and an Excel date cell of the first of a month (as read: a
#: cell of a number of days reads as a datetime, one stored as a date, ``t="d"``, as a date).
_MONTH = re.compile(r"(0[1-9]|1[0-2])/[0-9]{4}")
_FIRST_OF_MONTH = r"([0-9]{4})-(0[1-9]|1[0-2])-01(?:T00:00:00)?"
#: The year of the first O*NET database (O*NET 98): no Date of a release is earlier.
_FIRST_YEAR = 1998
#: A month ``MM/YYYY`` as a spreadsheet or R rewrites it: ``2024-08-01`` (R, ISO; a time
#: after it), ``2024-08``, ``8/1/2024`` or ``1/8/2024`` (the first of the month, US or
#: day-first), ``8/2024``, ``08/24``, ``Aug-24``, ``Aug 2024``, ``August 2024``.
_REWRITTEN = [
    re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})(?:-0?1(?:[T ]00:00(?::00)?)?)?"),
    re.compile(r"(?P<a>[0-9]{1,2})[/.-](?P<b>[0-9]{1,2})[/.-](?P<year>[0-9]{4}|[0-9]{2})(?: 0?0:00(?::00)?)?"),
    re.compile(r"(?P<month>[0-9]{1,2})[/.-](?P<year>[0-9]{4}|[0-9]{2})"),
    re.compile(r"(?i)(?:0?1[- ])?(?P<name>[a-z]{3,9})\.?[- ,]*(?P<year>[0-9]{4}|[0-9]{2})"),
]
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")


def _month_meant(value: str) -> str | None:
    """The month ``MM/YYYY`` a ``Date`` cell rewritten by a spreadsheet or R stands for, or None.

    A two-digit year is read as a spreadsheet reads it (``00`` to ``29``: 2000s; else
    1900s); a date is the first of its month (``8/1/2024`` or ``1/8/2024``: August 2024;
    ``1/1/2024``: January), as a spreadsheet made it of ``08/2024``.

    Examples
    --------
    >>> [_month_meant(v) for v in ("2024-08-01", "8/1/2024", "01/08/2024", "Aug-24", "August 2024", "8/2023")]
    ['08/2024', '08/2024', '08/2024', '08/2024', '08/2024', '08/2023']
    >>> [_month_meant(v) for v in ("2024-08-15", "8/2/2024", "13/2023", "Smarch 2024", "n/a")]
    [None, None, None, None, None]
    """
    for pattern in _REWRITTEN:
        found = pattern.fullmatch(value)
        if not found:
            continue
        parts = found.groupdict()
        if parts.get("a"):  # month and day in either order: the day is the first
            a, b = int(parts["a"]), int(parts["b"])
            month = b if a == 1 else a if b == 1 else None
        elif parts.get("name"):
            name = parts["name"].lower()
            month = next((k + 1 for k, full in enumerate(_MONTH_NAMES) if name in (full[:3], full)), None)
        else:
            month = int(parts["month"])
        year = int(parts["year"])
        year += (2000 if year < 30 else 1900) if len(parts["year"]) == 2 else 0
        return f"{month:02d}/{year}" if month and 1 <= month <= 12 else None
    return None


#: Excel's day 0: a date cell is the number of days since (the days of 1900 aside).
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
#: A date cell's number of days as text: ``45474`` (``45474.0``).
_DAY_NUMBER = re.compile(r"(?P<days>[0-9]{5})(?:\.0+)?")


def _excel_day(value: str) -> datetime.date | None:
    """The first of a month since :data:`_FIRST_YEAR` that Excel's day number ``value`` is, or None.

    A ``Date`` cell whose format was lost (set to General or Number, or pasted as values
    into another workbook) shows and saves the number of days Excel counts the date by:
    ``45474`` is 1 July 2024, a month O*NET writes ``07/2024``.

    Examples
    --------
    >>> _excel_day("45474"), _excel_day("45474.0"), _excel_day("45475"), _excel_day("8823")
    (datetime.date(2024, 7, 1), datetime.date(2024, 7, 1), None, None)
    """
    found = _DAY_NUMBER.fullmatch(value.strip())
    if not found:
        return None
    day = _EXCEL_EPOCH + datetime.timedelta(days=int(found["days"]))
    return day if day.day == 1 and day.year >= _FIRST_YEAR else None


#: What ends the hint of a ``Date`` cell a spreadsheet or R rewrote (:func:`_date_hint`).
_AS_TEXT = ("as O*NET does: take the file from O*NET again, and import that column as Text if you open it "
            "in a spreadsheet")


def _date_hint(value: str) -> str:
    """What to add to the refusal of a ``Date`` cell ``value`` (``""`` when there is nothing to say).

    A date a spreadsheet or R rewrote (:func:`_month_meant`) says the month to write; one
    of a year before :data:`_FIRST_YEAR` says it is none, as a ``Date`` of that month is
    refused: ``1/1/1900`` (Excel's date of a cell holding 1, saved as text) was told ``write
    '01/1900'``, which is refused as before 1998. A date cell's day number (``45474``:
    :func:`_excel_day`) says its month: it was refused without a word of what it was. A
    month padded with spaces (``'08/2023 '``) says to write it without them, as a padded
    ``Task Type`` does, and a spreadsheet's error value (``#VALUE!``) is named as one: both
    were refused without a hint. A date of another day than the first (``2023-08-15``) is
    said to be a date with its day, with the month to write (:func:`_day_hint`): it was
    refused without a word.

    Examples
    --------
    >>> _date_hint("45474")[:70]
    ": Excel's day number of the date 1 July 2024 (a date cell's format los"
    >>> _date_hint("1/1/1900")[:62]
    ': a date a spreadsheet or R rewrote, of 01/1900: before 1998, '
    >>> _date_hint("08/2023 x"), _date_hint("08/2023 ")
    ('', ": write '08/2023'")
    """
    if value != value.strip() and _MONTH.fullmatch(value.strip()):  # '08/2023 ': said as a padded Task Type is
        return f": write {value.strip()!r}"
    if is_spreadsheet_error(value):
        return _FAILED_FORMULA
    value = value.strip()
    day = _excel_day(value)
    if day is not None:
        meant = f"{day.month:02d}/{day.year}"
        return (f": Excel's day number of the date 1 {_MONTH_NAMES[day.month - 1].title()} {day.year} (a date "
                f"cell's format lost?): write {meant!r}, {_AS_TEXT}")
    meant = _month_meant(value)
    if meant is None:
        return _day_hint(value)
    if int(meant[3:]) < _FIRST_YEAR:  # '1/1/1900': its advice '01/1900' was refused as before 1998
        return (f": a date a spreadsheet or R rewrote, of {meant}: before {_FIRST_YEAR}, the year of the first "
                "O*NET database (an Excel date of a cell holding a small number?): take the file from O*NET "
                "again")
    return f": a date a spreadsheet or R rewrote? write {meant!r}, {_AS_TEXT}"


#: A date with its day: ``2023-08-15`` (ISO, a workbook's date cell with its time), ``8/15/2023`` or
#: ``15/8/2023`` (month and day told apart by a day after the 12th).
_DAY_DATES = [
    re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})(?:[T ]00:00(?::00)?)?"),
    re.compile(r"(?P<a>[0-9]{1,2})[/.-](?P<b>[0-9]{1,2})[/.-](?P<year>[0-9]{4})"),
]


def _day_hint(value: str) -> str:
    """What to add to the refusal of a ``Date`` cell holding a date with its day (``2023-08-15``), or ``""``.

    A ``Date`` is a month (O*NET's ``08/2023``); a date of another day than the first of a
    month (typed so, or written by a program that keeps whole dates) was refused without a
    word (a first of a month is :func:`_month_meant`'s, a spreadsheet's rewriting). It is
    said to be a date with its day, and the month to write. A date whose month and day
    cannot be told apart (``8/2/2024``), or not a date (``2023-02-30``), says nothing.

    Examples
    --------
    >>> _day_hint("2023-08-15")
    ": a date with its day, 15 August 2023? Date is a month: write '08/2023'"
    >>> _day_hint("15/8/2023"), _day_hint("8/2/2024"), _day_hint("2023-02-30"), _day_hint("1990-08-15")
    (": a date with its day, 15 August 2023? Date is a month: write '08/2023'", '', '', '')
    """
    for pattern in _DAY_DATES:
        found = pattern.fullmatch(value)
        if not found:
            continue
        parts = found.groupdict()
        if parts.get("a"):  # month and day told apart by a day after the 12th only
            a, b = int(parts["a"]), int(parts["b"])
            month, day = (a, b) if b > 12 >= a else (b, a) if a > 12 >= b else (None, None)
        else:
            month, day = int(parts["month"]), int(parts["day"])
        try:
            date = datetime.date(int(parts["year"]), month or 0, day or 0)
        except ValueError:  # no such date (or month and day not told apart)
            return ""
        if date.year < _FIRST_YEAR:  # its month is refused as before 1998
            return ""
        return (f": a date with its day, {date.day} {_MONTH_NAMES[date.month - 1].title()} {date.year}? "
                f"Date is a month: write '{date.month:02d}/{date.year}'")
    return ""


def _months(raw: RawTable) -> RawTable:
    """``raw`` whose ``date`` column is checked: a month written ``MM/YYYY``, as O*NET publishes it.

    In a workbook, an Excel date cell of the first of a month (``2023-08-01``, shown as
    ``08/2023``) is read as its month: it was refused as ``'2023-08-01T00:00:00'``; so is
    one stored as a date (``<c t="d">``, read as ``'2023-08-01'``: it was refused). Any
    other date (``8/2023``, ``2023-08``, another day) is refused in plain words: it was
    refused in pandera's only (``check str_matches('^(0[1-9]|1[0-2])/[0-9]{4}\\Z')``); one a
    spreadsheet or R rewrote (``2024-08-01``, ``8/1/2024``, ``Aug-24``) is said to be one,
    with the month to write (:func:`_month_meant`): it was refused without a word of why. A
    year before :data:`_FIRST_YEAR` (``01/1900``, Excel's day 1 shown as a month; ``08/0000``)
    was read as it was; it is refused. A month after the current one (``07/2031``) is warned
    of (:func:`_warn_future`): it was read without a word. The hint of a date refused is
    :func:`_date_hint`'s.

    Raises
    ------
    exposure.errors.SchemaError
        Naming the file, the row and the column (a SchemaError, as the schema's refusal was).

    Examples
    --------
    >>> from pathlib import Path
    >>> raw = RawTable(pd.DataFrame({"date": ["08/2023", "8/2023"]}), Path("t.txt"), 2, {"date": "Date"})
    >>> _months(raw)
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: t.txt, row 3, column 'Date': Date must be a month written MM/YYYY (like 08/2023), got '8/2023': a date a spreadsheet or R rewrote? write '08/2023', as O*NET does: take the file from O*NET again, and import that column as Text if you open it in a spreadsheet
    """
    text = raw.frame["date"]
    if _is_xlsx(raw.path):
        parts = text.str.extract(f"^{_FIRST_OF_MONTH}$")
        dated = parts[0].notna().to_numpy(dtype=bool)
        if dated.any():
            text = text.where(~dated, parts[1] + "/" + parts[0])
    # (each month once: a release's 18,796 tasks have a few dozen)
    bad = ~_per_value(text, lambda t: t.str.fullmatch(_MONTH.pattern).to_numpy(dtype=bool, na_value=False))
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        source, value = raw.sources.get("date", "Date"), raw.frame["date"].iloc[pos]
        hint = "" if pd.isna(value) else _date_hint(str(value))
        raise SchemaError(f"{source} must be a month written MM/YYYY (like 08/2023), got {value!r}{hint}",
                          path=raw.path, row=raw.row(pos), column=source)
    years = _per_value(text, lambda t: t.str[3:].astype(int).to_numpy())
    early = years < _FIRST_YEAR
    if early.any():  # 01/1900: Excel's day 1 (a cell holding 1 shown as a date); 08/0000
        pos = int(np.flatnonzero(early)[0])
        source = raw.sources.get("date", "Date")
        raise SchemaError(f"{source} {text.iloc[pos]!r} is before {_FIRST_YEAR}, the year of the first O*NET "
                          "database (an Excel date of a cell holding a small number?)", path=raw.path,
                          row=raw.row(pos), column=source)
    _warn_future(raw, text, years)
    if text is raw.frame["date"]:
        return raw
    return RawTable(raw.frame.assign(date=text), raw.path, raw.first_row, raw.sources)


def _warn_future(raw: RawTable, text: pd.Series, years: np.ndarray) -> None:
    """Warn (once for the file) of the ``Date`` cells of ``raw`` after the current month.

    A ``Date`` says when O*NET collected or last updated a row: no release holds one after
    the day it is read (29.1's latest is ``11/2024``, 30.1's ``12/2025``). A month typed
    wrong (``07/2031`` for ``07/2021``) was read without a word. It is warned of, giving
    the count and the first cell's row and column, and read as it is: the date is in no
    score. ``text`` is the column read (``MM/YYYY``), ``years`` its years as numbers.
    """
    today = datetime.date.today()
    later = years > today.year
    this_year = np.flatnonzero(years == today.year)  # the months read of this year's cells alone
    if len(this_year):
        later[this_year] = text.iloc[this_year].str[:2].astype(int).to_numpy() > today.month
    if not later.any():
        return
    pos = int(np.flatnonzero(later)[0])
    source = raw.sources.get("date", "Date")
    log.warning("%s: %d %s cell(s) are after this month, %02d/%d (first: row %d, column %r: %r): read as written; "
                "no O*NET release dates a row after the day it is read (a month typed wrong?)", raw.path,
                int(later.sum()), source, today.month, today.year, raw.row(pos), source, text.iloc[pos])


# --------------------------------------------------------------------------------------
# Raw files: the checks exposure._tables.read_table does not make
# --------------------------------------------------------------------------------------

def _is_xlsx(path) -> bool:
    return as_path(path).suffix.lower() in (".xlsx", ".xlsm")


def _read(path, columns: dict, *, optional: dict | None = None, footnotes: bool = False,
          warn: bool = True, one_sheet: bool | str = False, **kwargs) -> RawTable:
    """:func:`exposure._tables.read_table`, with the checks of a raw file it does not make.

    (A column read that the header holds twice is refused by ``read_table`` itself, and so
    is a text file separated by another character than ``sep`` or starting with Excel's
    ``sep=`` line, before its rows are read: the one layout rule of every published file,
    :func:`exposure._tables.read_text_table`. O*NET, OEWS and the crosswalks each mended
    it on their error paths in their own words until round 78.)

    - rows whose cells read are all blank are dropped at the end of the file (a
      spreadsheet's ``,,,`` rows, as the empty rows ending a sheet are) and refused
      between the rows (:func:`_without_empty_rows`);
    - in a workbook, a first sheet without the columns names the workbook's sheets; a
      workbook without a worksheet says so (:func:`_workbook_error`). (A cell holding a
      formula never computed, or an error, is refused by ``read_table`` itself.)

    - with ``footnotes``, the footnote lines ending the table are left out
      (:func:`_without_footnotes`; :mod:`exposure.oews`'s tables);
    - in a text file read unquoted (``quoting=csv.QUOTE_NONE``, the O*NET files), a cell
      quoted as a program writing quoted text quotes it is read without its quotes
      (:func:`_unquoted`), and so is a header quoted so (:func:`_quoted_too`: a file whose
      every cell is quoted, its header too, was refused as ``missing column(s) 'O*NET-SOC
      Code', ... found: '"O*NET-SOC Code"', ...``);
    - (a missing-column error whose columns the header holds spelt otherwise, ``ONET-SOC
      Code``, ``onetsoc_code``, ``OCC CODE``, says which and what to write: ``read_table``
      itself says it, for every table it reads, :func:`exposure._tables._spelt_otherwise`;
      it was said here, parsed out of the message, until round 81);
    - in a text file, a missing-column error whose columns are all on a line below the
      first (a title line above the header, padded with separators as a spreadsheet saves
      it) says so (:func:`_title_above`: it listed the title as the header found);
    - in a tab-separated text file read unquoted, a row with a field more than the header
      whose cause is plain says it (:func:`_field_too_many`): the row names R's
      ``write.table`` writes, or a quoted cell holding a tab (it was said to be a title
      line, or to be read if saved as ``.csv``, which these readers read tab-separated too);
    - a file named as compressed (``Job Zones.txt.gz``, ``db_30_1_text.zip``) or as a
      Parquet or Stata table (:func:`_other_format`) is refused saying what it is and what
      to give: it was ``row 1: file is binary, not text (a NUL byte at offset 3)``; so is
      a spreadsheet of another format than ``.xlsx`` (``.ods``, ``.xlsb``: it was ``file is
      a zip archive (an .xlsx workbook?), not delimited text``), also when named ``.xlsx``
      (:func:`exposure._tables.foreign_workbook`).

    ``warn=False`` reads a file already read without saying its quoted cells again
    (:func:`_check_release_files`). With ``one_sheet`` (the O*NET files: a workbook of
    one sheet each; a str names the workbook as published, the crosswalks'), a workbook's
    worksheets shown beside the first, which alone is read, are warned of
    (:func:`_warn_other_sheets`).

    :mod:`exposure.oews` reads its files with it too.

    Raises
    ------
    exposure.errors.DataFormatError
        The errors of ``read_table``, and the cases above.
    """
    path = as_path(path)
    optional = optional or {}
    unquoted = not _is_xlsx(path) and kwargs.get("quoting", csv.QUOTE_NONE) == csv.QUOTE_NONE
    if unquoted:  # a header quoted as the cells are ("O*NET-SOC Code"): every cell quoted
        columns, optional = _quoted_too(columns), _quoted_too(optional)
    try:
        raw = read_table(path, columns, optional=optional, **kwargs)
    except SchemaError:
        raise
    except DataFormatError as exc:
        if not _is_xlsx(path) and _is_file(path):
            _other_format(path)  # a .gz, .zip or .parquet file: said so (it was "file is binary")
        sep, quoting = kwargs.get("sep", "\t"), kwargs.get("quoting", csv.QUOTE_NONE)
        better = (_workbook_error(exc, path, kwargs.get("sheet")) if _is_xlsx(path)
                  else _field_too_many(exc, path, columns, sep, quoting)
                  or _title_above(exc, path, columns, sep, quoting))
        if better is None:
            raise
        raise better from None
    if unquoted:
        raw = _unquoted(raw, warn=warn)
    if one_sheet and warn and _is_xlsx(path):
        _warn_other_sheets(path, *([one_sheet] if isinstance(one_sheet, str) else []))
    if footnotes:
        raw = _without_footnotes(raw)
    raw = _without_empty_rows(raw)
    _check_header_again(raw)
    return _codes_stripped(raw)


def _warn_other_sheets(path, published: str = "an O*NET workbook", *, aside=()) -> None:
    """Warn when workbook ``path`` shows worksheets beside the first, which alone is read.

    ``published`` names the workbook as published, of one sheet (the crosswalk readers'
    workbooks, of O*NET and the Census Bureau, and BLS's OEWS workbooks were read from a
    copy placed first without a word until round 78); ``aside``: the names of the sheets
    the publisher adds beside the table (BLS's ``Field Descriptions``), not warned of
    (compared case-insensitively).

    Each O*NET workbook holds one sheet. A workbook with more (a copy of the table made in
    Excel, ``Task Statements (2)``, which Excel places before the sheet copied; a sheet of
    the user's edits added after it) was read from its first sheet without a word, the
    others left out, whichever one the user had edited. The warning names the sheet read
    and the others. Hidden sheets are not named (a hidden first sheet is refused by
    ``read_table``); only the workbook's sheet names are read.
    """
    try:
        sheets = xlsx_worksheets(path)
    except Exception:  # noqa: BLE001 - a workbook read already; nothing more to say of it
        return
    known = {name.casefold() for name in aside}
    others = [name for name, hidden in sheets[1:] if not hidden and name.strip().casefold() not in known]
    if others:
        log.warning("%s: only the first sheet, %r, is read; the workbook also has %s, not read (%s "
                    "has one sheet: a copy of the table? put the table to read on the first sheet)",
                    path, sheets[0][0], ", ".join(map(repr, others)), published)


#: A cell as a program writing quoted delimited text quotes it: ``"..."``, a quote inside written twice.
_QUOTED = r'"(?:[^"]|"")*"'
#: A cell as R's ``write.table`` quotes it (its default ``qmethod = "escape"``): a quote inside
#: written ``\"``.
_ESCAPED = r'"(?:[^"\\]|\\.)*"'


def _quoted_too(columns: dict) -> dict:
    """``columns`` (target -> header name or names) whose names may also be written quoted.

    A file written again with every cell quoted (pandas' ``to_csv(sep="\\t",
    quoting=csv.QUOTE_ALL)``, LibreOffice's "Quote all text cells") quotes its header too:
    ``"O*NET-SOC Code"``. Read unquoted, as O*NET's text files are, such a header was
    refused (``missing column(s) 'O*NET-SOC Code', ... found: '"O*NET-SOC Code"'``) though
    :func:`_unquoted` reads its quoted cells. The unquoted names come first: a missing
    column is named as O*NET writes it.

    Examples
    --------
    >>> _quoted_too({"code": ("O*NET-SOC Code",), "n": "N"})
    {'code': ('O*NET-SOC Code', '"O*NET-SOC Code"'), 'n': ('N', '"N"')}
    """
    out = {}
    for target, names in columns.items():
        names = (names,) if isinstance(names, str) else tuple(names)
        out[target] = (*names, *(f'"{name}"' for name in names))
    return out


def _title_above(exc: DataFormatError, path, columns: dict, sep: str, quoting: int) -> DataFormatError | None:
    """The error about lines above the header of text file ``path``, or None to keep ``exc``.

    A sheet with a title row saved as delimited text (a spreadsheet pads the title with
    separators to the width of the table: ``O*NET 31.0 Job Zones\\t\\t\\t``, ``May 2026
    National,,,,``) was refused as ``missing column(s) 'O*NET-SOC Code', ... in the header
    (line 1); found: 'O*NET 31.0 Job Zones'``, not saying that the header is the next line
    (a title line not padded is said so by the field counts). Looked at on the error path
    only: the first 30 lines (as a workbook's header is looked for), for one holding every
    column of ``columns``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Job Zones.txt"
    >>> _ = p.write_text("Job zones of 31.0\\t\\nO*NET-SOC Code\\tJob Zone\\n11-1011.00\\t5\\n")
    >>> err = DataFormatError("missing column(s) 'O*NET-SOC Code'", path=p)
    >>> print(_title_above(err, p, {"code": "O*NET-SOC Code", "zone": "Job Zone"}, "\\t", csv.QUOTE_NONE).reason)
    line 1 is a title ('Job zones of 31.0'), not the header: the header ('O*NET-SOC Code', 'Job Zone') is on line 2; delete the line(s) above it, so that the header is line 1
    """
    if not exc.reason.startswith("missing column"):
        return None
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 16).decode("utf-8-sig", errors="replace")
        lines = re.split(r"\r\n|\r|\n", head)[:_HEADER_ROWS]
        records = [next(csv.reader([line], delimiter=sep, quoting=quoting), []) for line in lines]
    except (OSError, csv.Error):
        return None
    wanted = [{norm_header(a) for a in ((names,) if isinstance(names, str) else names)}
              for names in columns.values()]
    below = next((k for k, fields in enumerate(records[1:], start=2)
                  if all({norm_header(f) for f in fields} & w for w in wanted)), None)
    if below is None:
        return None
    title = next((f.strip() for f in records[0] if f.strip()), "")
    names = [repr(f.strip()) for f in records[below - 1] if f.strip()]
    header = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
    return DataFormatError(f"line 1 is a title ({title[:60]!r}), not the header: the header ({header}) "
                           f"is on line {below}; delete the line(s) above it, so that the header is line 1",
                           path=exc.path, row=1)


#: How many lines :func:`_title_above` looks at for the header (as the workbook reader does).
_HEADER_ROWS = 30


def _field_too_many(exc: DataFormatError, path, columns: dict, sep: str,
                    quoting: int) -> DataFormatError | None:
    """The error about a row of text file ``path`` with a field more than the header, or None to keep ``exc``.

    Two causes were told wrongly for a tab-separated file read unquoted (the O*NET files):

    - the row names R's ``write.table`` writes (its default ``row.names = TRUE``): a first
      column of row numbers (``1``, ``"1"``), without a name in the header
      (:func:`exposure._tables.holds_row_names`, the shared readers' rule). With two rows
      or more the file was said to have ``a title line above the header?`` (the header must
      be the first line), though the header is line 1; with one row quoted, the next cause.
    - a quoted cell holding a tab (``"Plan\\tdo."``, as pandas' ``to_csv(sep="\\t")`` quotes
      it): said to be read if saved ``as .csv``, but these readers read a ``.csv`` file
      tab-separated too, and refused the comma-separated one as ``read tab-separated``.

    Now the first is named, with how to write the file without row names; the second names
    the cell and its column and says to remove the tab or give an ``.xlsx`` workbook.
    Looked at on the error path only, when the header (line 1) holds every column of
    ``columns``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Job Zones.txt"
    >>> _ = p.write_text('"O*NET-SOC Code"\\t"Job Zone"\\n"1"\\t"11-1011.00"\\t5\\n"2"\\t"11-1021.00"\\t4\\n')
    >>> err = DataFormatError("too many fields: expected 2, got 3", path=p, row=2, line=2)
    >>> print(_field_too_many(err, p, _quoted_too({"code": "O*NET-SOC Code", "zone": "Job Zone"}), "\\t",
    ...                       csv.QUOTE_NONE).reason)
    too many fields: expected 2, got 3: every row has a first field more than the header, numbering the rows ('1', '2'): the row names R's write.table writes without a name in the header; write the file with row.names = FALSE, or delete that first column
    """
    if (not exc.reason.startswith("too many fields") or exc.line is None or sep != "\t"
            or quoting != csv.QUOTE_NONE):
        return None
    try:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8-sig", errors="replace")
    except OSError:
        return None
    if re.search(r"\r(?!\n)", text):  # lines ended by a carriage return alone: left to exc
        return None
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    while len(lines) > 1 and not lines[-1].strip(sep + " "):
        lines.pop()
    if not 2 <= exc.line <= len(lines):
        return None
    header = lines[0].split(sep)
    names = {norm_header(name) for name in header}
    wanted = [{norm_header(a) for a in ((al,) if isinstance(al, str) else al)} for al in columns.values()]
    if not all(names & w for w in wanted):
        return None
    width, rows = len(header), [line.split(sep) for line in lines[1:]]
    # the one rule of R's row names (the shared readers' hint); one row tells it here, the header known
    if holds_row_names(iter(rows), width, sep, least=1):
        firsts = [_without_quotes(fields[0].strip()) for fields in rows[:3]]
        shown = ", ".join(repr(f) for f in firsts[:2]) + (", ..." if len(firsts) > 2 else "")
        return DataFormatError(f"too many fields: expected {width}, got {width + 1}: every row has a first "
                               f"field more than the header, numbering the rows ({shown}): the row names R's "
                               "write.table writes without a name in the header; write the file with "
                               "row.names = FALSE, or delete that first column", path=exc.path, row=exc.row,
                               line=exc.line)
    cells = next(csv.reader([lines[exc.line - 1]], delimiter=sep), [])
    tabbed = [k for k, cell in enumerate(cells) if sep in cell]
    if len(cells) != width or not tabbed:
        return None
    got = lines[exc.line - 1].count(sep) + 1
    column = header_name(_without_quotes(header[tabbed[0]]))
    return DataFormatError(f"too many fields: expected {width}, got {got}: the quoted cell "
                           f"{cells[tabbed[0]][:60]!r} holds a tab, and O*NET's text files are read unquoted, "
                           "where a tab always separates cells (in a .csv file too): remove the tab from the "
                           "cell, or give the table as an .xlsx workbook", path=exc.path, row=exc.row,
                           line=exc.line, column=column)


def _unquoted(raw: RawTable, *, warn: bool = True) -> RawTable:
    """``raw`` whose cells quoted as a writer of quoted text quotes them are read without the quotes.

    O*NET's text files are not quoted (a quote is text: ``Conduct "head counts" ...``), and
    are read so. A file written again by a program that quotes its cells (pandas'
    ``to_csv(sep="\\t")`` quotes a cell holding a quote, Excel and LibreOffice one holding a
    comma) has ``"Conduct ""head counts"" ..."``: it was read with the quotes, the inner
    ones doubled, so the task was scored and shown so and the release diff counted it as
    reworded. A cell that starts and ends with a quote, each quote inside written twice,
    is now read as the writer meant it, with a warning (once for the file) giving the
    count and the first cell; quotes inside a cell are kept as they are. So is a cell
    whose quotes inside are each escaped with a backslash, as R's ``write.table`` writes
    them (``"Conduct \\"head counts\\" ..."``): it was read so, quotes and backslashes
    kept, while the warning said the file's quoted cells were read without their quotes. A
    header name quoted so (a file whose every cell is quoted: :func:`_quoted_too` reads its
    header) is named without its quotes in errors, and the warning says the header was
    quoted too.
    ``warn=False`` (a file read again) leaves the warning out.

    Examples
    --------
    >>> from pathlib import Path
    >>> raw = RawTable(pd.DataFrame({"task": ['"Say ""hi"", then go."', 'Say "hi".', '"Hi" and "bye"']}),
    ...                Path("t.txt"), 2, {"task": '"Task"'})
    >>> out = _unquoted(raw)
    >>> out.frame["task"].tolist(), out.sources
    (['Say "hi", then go.', 'Say "hi".', '"Hi" and "bye"'], {'task': 'Task'})
    >>> _unquoted(RawTable(pd.DataFrame({"task": ['"Say \\\\"hi\\\\" twice."']}), Path("t.txt"), 2, {})
    ...           ).frame["task"].tolist()
    ['Say "hi" twice.']
    """
    f = raw.frame
    changed, count, first = {}, 0, None
    for column in f.columns:
        text = f[column]
        quoted = text.str.startswith('"').to_numpy(dtype=bool, na_value=False)
        if not quoted.any():
            continue
        doubled = text.str.fullmatch(_QUOTED).to_numpy(dtype=bool, na_value=False)
        # (a cell both ways, no quote inside, or '"a\\""', is read as written twice)
        escaped = ~doubled & text.str.fullmatch(_ESCAPED).to_numpy(dtype=bool, na_value=False)
        quoted = quoted & (doubled | escaped)
        if not quoted.any():
            continue
        inner = text.str[1:-1]
        changed[column] = (text.where(~(quoted & doubled), inner.str.replace('""', '"', regex=False))
                           .where(~(quoted & escaped), inner.str.replace('\\"', '"', regex=False)))
        count += int(quoted.sum())
        pos = int(np.flatnonzero(quoted)[0])
        if first is None or pos < first[0]:
            first = (pos, column)
    sources = {t: _without_quotes(name) for t, name in raw.sources.items()}
    header = "the header and " if sources != raw.sources else ""
    if not changed and not header:
        return raw
    if warn and changed:
        pos, column = first
        log.warning("%s: %s%d cell(s) are quoted as a program writing quoted text quotes them (first: row %d, "
                    "column %r: %r): read without the quotes, a quote inside written twice or after a backslash "
                    "as one; O*NET's text files are not quoted", raw.path, header, count, raw.row(pos),
                    sources.get(column, column), f[column].iloc[pos][:80])
    elif warn:
        log.warning("%s: the header is quoted as a program writing quoted text quotes it: read without the "
                    "quotes; O*NET's text files are not quoted", raw.path)
    return RawTable(f.assign(**changed), raw.path, raw.first_row, sources)


def _without_quotes(name: str) -> str:
    """``name`` without the quotes of a writer of quoted text (``'"Task ID"'`` -> ``'Task ID'``)."""
    return name[1:-1].replace('""', '"') if re.fullmatch(_QUOTED, name) else name


#: Code columns read stripped of surrounding white space, as the crosswalk readers read theirs.
_CODES = ("onetsoc_code", "dwa_id", "iwa_id", "element_id")


def _codes_stripped(raw: RawTable) -> RawTable:
    """``raw`` whose code columns (:data:`_CODES`) are stripped of surrounding white space.

    A code with a leading or trailing space (or a non-breaking space: a cell pasted from a
    web page) was refused in pandera's words (``onetsoc_code must match the pattern
    ^[0-9]{2}-[0-9]{4}\\.[0-9]{2}\\Z, got text '11-1011.00 ' (check str_matches)``) where
    the crosswalk readers strip the same code and the Task ID beside it is read stripped.
    A code still wrong once stripped is refused as before; a padded copy of a code is a
    repeat of it.

    Examples
    --------
    >>> from pathlib import Path
    >>> raw = RawTable(pd.DataFrame({"onetsoc_code": [" 11-1011.00\u00a0"], "title": [" A "]}),
    ...                Path("o.txt"), 2, {})
    >>> _codes_stripped(raw).frame.to_dict("list")
    {'onetsoc_code': ['11-1011.00'], 'title': [' A ']}
    """
    codes = [c for c in _CODES if c in raw.frame.columns]
    if not codes:
        return raw
    frame = raw.frame.assign(**{c: raw.frame[c].str.strip() for c in codes})
    return RawTable(frame, raw.path, raw.first_row, raw.sources)


#: Tables of another format than text or a workbook, by extension: what they are.
_OTHER_FORMATS = {".parquet": "a Parquet file", ".pq": "a Parquet file", ".dta": "a Stata .dta file",
                  ".feather": "a Feather file", ".pkl": "a pickle file", ".pickle": "a pickle file",
                  ".ods": "an OpenDocument spreadsheet (LibreOffice's own format)",
                  ".xlsb": "an Excel binary workbook (.xlsb)"}
#: What :func:`_read` reads, for the messages of :func:`_other_format`.
_READ_KINDS = "delimited text (.txt, .csv) or an .xlsx workbook"


def _is_file(path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def _other_format(path) -> None:
    """Refuse ``path`` named as a compressed file or a table of a format :func:`_read` does not read.

    Such a file went to the text reader, which said ``row 1: file is binary, not text (a NUL
    byte at offset 3)``: neither what the file is nor what to give (and no row is wrong).
    A compressed file says how to decompress it (:func:`exposure._tables.compressed_input`).

    Examples
    --------
    >>> from pathlib import Path
    >>> _other_format(Path("Job Zones.txt"))
    >>> _other_format(Path("Job Zones.txt.gz"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: Job Zones.txt.gz: the file is gzip-compressed, which is not read: decompress it first (gunzip -k Job Zones.txt.gz writes Job Zones.txt) and give that file
    >>> _other_format(Path("Job Zones.parquet"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: Job Zones.parquet: the file is a Parquet file, which this table is not read from: give it as delimited text (.txt, .csv) or an .xlsx workbook, as its publisher does
    """
    suffix = path.suffix.lower()
    if suffix in COMPRESSED:
        raise DataFormatError(compressed_input(path, _READ_KINDS), path=path)
    if suffix in _OTHER_FORMATS:
        raise DataFormatError(f"the file is {_OTHER_FORMATS[suffix]}, which this table is not read from: give "
                              f"it as {_READ_KINDS}, as its publisher does", path=path)


#: The first cells of a column :func:`_per_value` looks at to tell whether its values repeat.
_SAMPLE = 200


def _per_value(cells: pd.Series, judge) -> np.ndarray:
    """``judge(cells)`` (an array, a value per cell), judging each distinct text once.

    ``judge`` must judge a cell by its value alone. A column of text (a ``str`` or
    ``string`` column, as :func:`exposure._tables.read_table` reads every cell) holding
    each value many times (the codes of ``Task Statements``: 923 in 18,796 rows) is judged
    on the first cell of each value (so of the column's own type: same text operations), the
    answers spread to the cells holding it; any other column (or one whose first
    :data:`_SAMPLE` cells are mostly distinct) is judged whole.

    Examples
    --------
    >>> cells = pd.Series(["a", "B", "a", None, "a", None], dtype="str")
    >>> _per_value(cells, lambda c: c.str.islower().to_numpy(dtype=bool, na_value=False)).tolist()
    [True, False, True, False, True, False]
    """
    if not isinstance(cells.dtype, pd.StringDtype) or len(cells) < 64:
        return judge(cells)
    if 2 * pd.unique(cells.iloc[:_SAMPLE]).size > min(len(cells), _SAMPLE):
        return judge(cells)  # texts mostly distinct (task statements): numbering them costs more than it saves
    codes, uniques = pd.factorize(cells, use_na_sentinel=False)
    if 2 * len(uniques) > len(cells):  # mostly distinct: judging each once saves nothing
        return judge(cells)
    _, first = np.unique(codes, return_index=True)  # codes number the values in order of first cell
    return np.asarray(judge(cells.iloc[first]))[codes]


def _check_header_again(raw: RawTable) -> None:
    """Refuse a row whose cells read are the header again (two files joined into one).

    Such a row was refused by the first check it failed, in words about that value
    (``Date must be a month written MM/YYYY ..., got 'Date'``).
    So was such a row starting with a byte-order mark (``cat`` of two files saved as UTF-8
    with one, as Windows Notepad and Excel's "CSV UTF-8" save them).

    Examples
    --------
    >>> from pathlib import Path
    >>> f = pd.DataFrame({"code": ["11-1011.00", "O*NET-SOC Code"], "date": ["08/2023", "Date"]})
    >>> _check_header_again(RawTable(f, Path("t.txt"), 2, {"code": "O*NET-SOC Code", "date": "Date"}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t.txt, row 3, column 'O*NET-SOC Code': the header is repeated on row 3 (two files joined into one?): remove that row
    """
    f = raw.frame
    if not len(f) or not f.shape[1]:
        return
    rows = np.arange(len(f))
    for j, column in enumerate(f.columns):
        head = re.sub(r"\s+", " ", str(raw.sources.get(column, column))).strip().lower()

        def is_head(cells: pd.Series, head=head) -> np.ndarray:
            # (a byte-order mark starting the line: the second of two files saved with one)
            cells = (cells.astype(str).str.lstrip("\ufeff").str.replace(r"\s+", " ", regex=True)
                     .str.strip().str.lower())
            return (cells == head).to_numpy(dtype=bool, na_value=False)

        rows = rows[_per_value(f.iloc[rows, j], is_head)]
        if not len(rows):
            return
    column = raw.sources.get(f.columns[0], f.columns[0])
    raise DataFormatError(f"the header is repeated on row {raw.row(int(rows[0]))} (two files joined into "
                          "one?): remove that row", path=raw.path, row=raw.row(int(rows[0])), column=column)


def _workbook_error(exc: DataFormatError, path, sheet) -> DataFormatError | None:
    """A clearer error than ``exc`` about workbook ``path``, or None to keep ``exc``.

    ``missing column(s) ...`` of a workbook of several sheets also names the sheet read and
    the others (:func:`exposure._tables.xlsx_sheet_note`); ``cannot read workbook
    (damaged?): list index out of range`` of a workbook without a worksheet (a chart sheet
    only) says so. A file named ``.xlsx`` that is a spreadsheet of another format
    (:func:`exposure._tables.foreign_workbook`) is named as such. Run on the error path only.
    """
    if exc.reason.startswith(("cannot read workbook", "the workbook has no worksheet")):
        foreign = foreign_workbook(path)
        if foreign is not None:
            return DataFormatError(foreign, path=exc.path)
    if exc.reason.startswith("missing column") and sheet is None:
        note = xlsx_sheet_note(path)
        if note:
            return DataFormatError(f"{exc.reason}; {note}", path=exc.path, row=exc.row,
                                   column=exc.column, line=exc.line)
    elif exc.reason.startswith("cannot read workbook"):
        try:
            sheets = xlsx_worksheets(as_path(path))
        except Exception:  # noqa: BLE001 - a damaged workbook: the error stands
            return None
        if not sheets:
            return DataFormatError("the workbook has no worksheet (a chart sheet only?): put the "
                                   "table on its first worksheet", path=exc.path)
    return None


def _blank(column: pd.Series) -> np.ndarray:
    """Where the cells of a column of strings are empty or spaces only."""
    return (column.str.strip() == "").to_numpy(dtype=bool, na_value=True)


def _without_empty_rows(raw: RawTable) -> RawTable:
    """``raw`` without the rows ending it whose cells are all blank; refuse such a row before others.

    A spreadsheet writes ``,,,`` (or tabs only) for a row of its used range whose cells
    were cleared: at the end of a text file such rows were read as a row of empty codes
    and failed the schema, though the empty rows ending a sheet are dropped. An empty row
    between the rows (of a sheet, or such a record) was a list of schema failures.

    Examples
    --------
    >>> from pathlib import Path
    >>> raw = RawTable(pd.DataFrame({"a": ["x", "", " "], "b": ["1", "", ""]}), Path("t.txt"), 2, {})
    >>> len(_without_empty_rows(raw).frame)
    1
    >>> _without_empty_rows(RawTable(raw.frame.iloc[[1, 0]], Path("t.txt"), 2, {}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t.txt, row 2: empty row (no value in any column read): remove it; only the empty rows ending the file are ignored
    """
    f = raw.frame
    if not len(f) or not f.shape[1]:
        return raw
    rows = np.flatnonzero(_blank(f.iloc[:, 0]))  # an empty row is empty in the first column
    for j in range(1, f.shape[1]):
        if not len(rows):
            return raw
        rows = rows[_blank(f.iloc[rows, j])]
    if not len(rows):
        return raw
    end, k = len(f), len(rows) - 1
    while k >= 0 and rows[k] == end - 1:
        end, k = end - 1, k - 1
    if k >= 0:
        raise DataFormatError("empty row (no value in any column read): remove it; only the empty "
                              "rows ending the file are ignored", path=raw.path,
                              row=raw.row(int(rows[0])))
    return RawTable(f.iloc[:end], raw.path, raw.first_row, raw.sources)


def _without_footnotes(raw: RawTable) -> RawTable:
    """``raw`` without the footnote lines ending it (and the blank rows above them).

    BLS ends some tables with footnotes (``Footnotes:``, ``(1) Estimates for detailed
    occupations do not sum to the totals ...``), one cell of text per line: in a column
    read, they were refused as a row without a title. A footnote block is the rows ending
    the table that hold one non-blank cell each (of the columns read), its first starting
    as a footnote does (:data:`exposure._tables.FOOTNOTE`); a row with two values, a block starting with
    anything else (``000000``: a truncated row) or a footnote line followed by data is
    left to the checks.

    Examples
    --------
    >>> from pathlib import Path
    >>> f = pd.DataFrame({"a": ["000000", "", "Footnotes:", "(1) Not summed."], "b": ["x", "", "", ""]})
    >>> len(_without_footnotes(RawTable(f, Path("o.xlsx"), 2, {})).frame)
    2
    >>> len(_without_footnotes(RawTable(f.iloc[[0, 2, 0]], Path("o.xlsx"), 2, {})).frame)
    3
    """
    f = raw.frame
    if not len(f) or not f.shape[1]:
        return raw
    filled = np.zeros(len(f), dtype=int)
    for j in range(f.shape[1]):
        filled += ~_blank(f.iloc[:, j])
    last = len(f) - 1
    while last >= 0 and filled[last] <= 1:
        last -= 1
    notes = [i for i in range(last + 1, len(f)) if filled[i] == 1]
    if not notes:
        return raw
    first = f.iloc[notes[0]]
    text = next(str(v).strip() for v in first if isinstance(v, str) and v.strip())
    if not FOOTNOTE.match(text):
        return raw
    log.info("%s: %d footnote line(s) below the table left out, from row %d (%r)", raw.path,
             len(notes), raw.row(notes[0]), text[:60])
    return RawTable(f.iloc[:notes[0]], raw.path, raw.first_row, raw.sources)


def _has_e(text: pd.Series) -> bool:
    """Whether a cell of the text column ``text`` holds an ``e`` or an ``E`` (or it is not all text).

    Examples
    --------
    >>> _has_e(pd.Series(["20699", None, "2.07E+04"], dtype="str")), _has_e(pd.Series(["1", "2"], dtype="str"))
    (True, False)
    """
    if not isinstance(text.dtype, pd.StringDtype):
        return True
    joined = "".join(text.dropna().tolist())
    return "e" in joined or "E" in joined


def _number(raw: RawTable, column: str, *, integer: bool = False,
            required: bool = False, ident: bool = False) -> pd.Series:
    """:func:`exposure._tables.to_number` of an O*NET column, refusing what it let through.

    - a comma other than a thousands separator (:data:`~exposure._tables.GROUPED`, checked by
      :func:`~exposure._tables.to_number`): ``9,5`` was read as 95,
      ``1,2`` as 12 (a file saved by a spreadsheet in a European locale);
    - an infinite number (``inf``, ``-inf``) in a column of decimals (a standard error or
      a confidence bound took it);
    - with ``required``, a missing value (empty or ``n/a``), named as such: it was
      ``check coerce_dtype('int64'): <NA>; ... check not_nullable: <NA>``;
    - with ``ident`` (a ``Task ID``), a number in scientific notation: ``2.07E+04`` (as a
      spreadsheet shows a long number) was read as the ID 20700, another task's; ``2e4`` as
      20000. A whole number written as a decimal (``20699.0``) is read as the ID it is.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the file, the row and the column as written in the file.
    exposure.errors.SchemaError
        A required value missing.

    Examples
    --------
    >>> from pathlib import Path
    >>> raw = RawTable(pd.DataFrame({"v": ["1,234", "9,5"]}), Path("t.txt"), 2, {"v": "Data Value"})
    >>> _number(raw, "v")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t.txt, row 3, column 'Data Value': not a number: '9,5': a comma must separate thousands (1,234); write decimals with a point (9.5), not a comma
    """
    text = raw.frame[column]
    source = raw.sources.get(column, column)
    if ident and _has_e(text):  # (no e or E in any cell: no number in scientific notation)
        sci = text.str.contains(r"[0-9.]\s*[eE]\s*[+-]?[0-9]", regex=True).to_numpy(dtype=bool, na_value=False)
        if sci.any():
            pos = int(np.flatnonzero(sci)[0])
            raise DataFormatError(f"{source} {text.iloc[pos]!r} is in scientific notation, which rounds an "
                                  "ID to another task's: write the ID in full (format the cells as "
                                  "numbers without decimals or as text)", path=raw.path,
                                  row=raw.row(pos), column=source)
    values = to_number(raw, column, integer=integer)  # refuses a decimal comma (GROUPED)
    if not integer:
        infinite = np.isinf(values.to_numpy(dtype=float, na_value=np.nan))
        if infinite.any():
            pos = int(np.flatnonzero(infinite)[0])
            raise DataFormatError(f"not a finite number: {text.iloc[pos]!r}", path=raw.path,
                                  row=raw.row(pos), column=source)
    if required:
        missing = values.isna().to_numpy(dtype=bool)
        if missing.any():
            pos = int(np.flatnonzero(missing)[0])
            raise SchemaError(f"{source} is missing (the cell is {text.iloc[pos]!r}): every row needs "
                              "one", path=raw.path, row=raw.row(pos), column=source)
    return values


def _no_repeat(frame: pd.DataFrame, keys: list, fill: str) -> bool:
    """True when :func:`exposure._tables.first_repeat_of` finds no repeat (a quick look, in numbers).

    ``first_repeat_of`` joins each row's values as text (a missing one as ``fill``) with
    ``\\x1f`` between them and looks for a joined text given twice. Without ``\\x1f`` in a
    value, two joined texts are equal when each of their values is: here each column of
    texts is numbered by value (:func:`pandas.factorize`), the numbers of a row made one,
    and no number given twice is no repeat, in a third of the time. False when it may
    not be so (a value holding ``\\x1f``; keys too many to number): ``first_repeat_of``
    decides.

    Examples
    --------
    >>> f = pd.DataFrame({"a": ["x", "x", "x"], "b": ["y", None, "n/a"]})
    >>> _no_repeat(f.iloc[:2], ["a", "b"], "n/a"), _no_repeat(f, ["a", "b"], "n/a")
    (True, False)
    >>> glued = pd.DataFrame({"a": ["x\\x1fy", "x"], "b": ["z", "y\\x1fz"]})  # both 'x\\x1fy\\x1fz'
    >>> _no_repeat(glued, ["a", "b"], ""), first_repeat_of(glued, ["a", "b"])
    (False, (1, 0))
    """
    key, size = np.zeros(len(frame), dtype=np.int64), 1
    for k in keys:
        text = frame[k].astype("string").fillna(fill)  # as first_repeat_of has them
        if text.str.contains("\x1f", regex=False).any():
            return False
        numbers, values = pd.factorize(text)
        size *= max(len(values), 1)
        if size >= 2 ** 62:
            return False
        key = key * len(values) + numbers
    return not pd.Series(key).duplicated().any()


def _check_repeats(frame: pd.DataFrame, raw: RawTable, keys: list, what: str) -> None:
    """Refuse a key of ``frame`` (``keys``, values as read) given twice, naming it and both rows.

    The schema's uniqueness check said only ``check multiple_fields_uniqueness: '(the
    row)'``. A missing part of the key (a rating's ``n/a`` category) is a value here, as
    the schema has it.

    Examples
    --------
    >>> from pathlib import Path
    >>> f = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "job_zone": [5, 4]})
    >>> raw = RawTable(f, Path("Job Zones.txt"), 2, {"onetsoc_code": "O*NET-SOC Code"})
    >>> _check_repeats(f, raw, ["onetsoc_code"], "occupation")
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: Job Zones.txt, row 2, column 'O*NET-SOC Code': (O*NET-SOC Code) = (11-1011.00) is on row 2 and again on row 3, with other values: keep one row per occupation (check multiple_fields_uniqueness)
    """
    if _no_repeat(frame, keys, "n/a"):
        return
    repeat = first_repeat_of(frame, keys, "n/a")
    if repeat is None:
        return
    pos, first = repeat
    names = [raw.sources.get(k, k) for k in keys]
    row = frame.iloc[[first, pos]].astype("string").fillna("<NA>")
    copy = ", an exact copy" if row.iloc[0].tolist() == row.iloc[1].tolist() else ", with other values"
    values = frame[keys].astype("string").fillna("n/a").iloc[pos]  # the repeated key
    raise SchemaError(f"({', '.join(names)}) = ({', '.join(values)}) is on row "
                      f"{raw.row(first)} and again on row {raw.row(pos)}{copy}: keep one row per "
                      f"{what} (check multiple_fields_uniqueness)", path=raw.path, row=raw.row(first),
                      column="/".join(names))


def _check_filled(raw: RawTable, *columns: str) -> None:
    """Refuse a cell of a text column of ``raw`` that is empty, spaces only, ``n/a`` or a spreadsheet error.

    A task statement or a title of spaces only, or ``n/a`` (O*NET's word for a missing
    value), was read as the text ``'   '`` / ``'n/a'``: a task scored and shown as such, an
    occupation titled ``'  '``. An empty ``Description`` or ``Domain Source`` was read as
    ``''``. Only an empty task or title was refused, in pandera's words
    (``check str_length(1, None): ''``). Text that is there is kept verbatim.

    A spreadsheet's error value (``#NAME?``, ``#N/A``, ``Err:502``:
    :func:`exposure._tables.is_spreadsheet_error`), which a file edited in a spreadsheet
    and saved as text holds for a formula that failed (a task starting with ``=`` or
    ``-`` is run as one), was read as the task or title ``'#NAME?'``; scoring refused it
    later, naming the frame's row, not the file's (round 76).

    Raises
    ------
    exposure.errors.SchemaError
        Naming the file, the row and the column as written in the file.

    Examples
    --------
    >>> from pathlib import Path
    >>> raw = RawTable(pd.DataFrame({"task": ["Plan.", "  "]}), Path("t.txt"), 2, {"task": "Task"})
    >>> _check_filled(raw, "task")
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: t.txt, row 3, column 'Task': Task is missing (the cell is '  '): every row needs one
    """
    for column in columns:
        text = raw.frame[column]
        missing = _per_value(text, lambda t: (t.isna() | missing_to_na(t).isna()).to_numpy(dtype=bool))
        if missing.any():
            pos = int(np.flatnonzero(missing)[0])
            source = raw.sources.get(column, column)
            raise SchemaError(f"{source} is missing (the cell is {text.iloc[pos]!r}): every row needs "
                              "one", path=raw.path, row=raw.row(pos), column=source)
        failed = spreadsheet_error_rows(text)
        if failed:
            source = raw.sources.get(column, column)
            raise SchemaError(f"{source} is {text.iloc[failed[0]]!r}, not text{_FAILED_FORMULA} (or write the "
                              "cell as text)", path=raw.path, row=raw.row(failed[0]), column=source)


def _check_task_ids(frame: pd.DataFrame, raw: RawTable) -> None:
    """Refuse a ``Task ID`` that ``Task Statements`` give to two occupations.

    An O*NET Task ID names one task of one occupation in the whole database (no ID of
    29.1 or 30.1 is shared); the release diff and the reference labels match tasks by ID
    alone, so a shared ID was read as two tasks and later matched to the wrong one. Run
    after :func:`_check_repeats` (a pair given twice is refused there).

    Examples
    --------
    >>> from pathlib import Path
    >>> f = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-2011.00"], "task_id": [7, 7]})
    >>> _check_task_ids(f, RawTable(f, Path("Task Statements.txt"), 2, {"task_id": "Task ID"}))
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: Task Statements.txt, row 3, column 'Task ID': Task ID 7 is given to 11-1011.00 on row 2 and to 11-2011.00 on row 3: an O*NET Task ID names one task of one occupation
    """
    ids = frame["task_id"]
    again = ids.duplicated(keep="first").to_numpy(dtype=bool)
    if not again.any():
        return
    pos = int(np.flatnonzero(again)[0])
    value = ids.iloc[pos]
    first = int(np.flatnonzero((ids == value).to_numpy(dtype=bool))[0])
    codes = frame["onetsoc_code"]
    source = raw.sources.get("task_id", "Task ID")
    raise SchemaError(f"{source} {_plain(value)} is given to {codes.iloc[first]} on row {raw.row(first)} "
                      f"and to {codes.iloc[pos]} on row {raw.row(pos)}: an O*NET Task ID names one "
                      "task of one occupation", path=raw.path, row=raw.row(pos), column=source)


def _check_under(frame: pd.DataFrame, raw: RawTable, child: str, parent: str) -> None:
    """Refuse a row whose ID ``child`` does not start with its ``parent`` ID and a dot.

    O*NET's IDs nest: a DWA ``4.A.1.a.1.I01.D01`` belongs to the IWA ``4.A.1.a.1.I01``,
    which belongs to the element (GWA) ``4.A.1.a.1``. A ``DWA Reference`` or ``IWA
    Reference`` row that breaks it (a shifted column, a row pasted from another activity)
    was read as it was, so the DWA was rolled up to an activity it is not part of.

    Examples
    --------
    >>> from pathlib import Path
    >>> f = pd.DataFrame({"iwa_id": ["4.A.1.a.1.I01"], "element_id": ["4.A.2.a.1"]})
    >>> _check_under(f, RawTable(f, Path("IWA Reference.txt"), 2, {}), "iwa_id", "element_id")
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: IWA Reference.txt, row 2, column 'IWA ID': IWA ID '4.A.1.a.1.I01' is not under its Element ID '4.A.2.a.1': an IWA ID starts with the Element ID and a dot
    """
    kids, parents = frame[child].astype(str).tolist(), frame[parent].astype(str).tolist()
    for pos, (kid, up) in enumerate(zip(kids, parents, strict=True)):
        if not kid.startswith(up + "."):
            name = raw.sources.get(child, _KEY_HEADERS.get(child, child))
            above = raw.sources.get(parent, _HEADERS_UP.get(parent, parent))
            article = "an" if name[:1] in "AEIOU" else "a"
            raise SchemaError(f"{name} {kid!r} is not under its {above} {up!r}: {article} {name} starts "
                              f"with the {above} and a dot", path=raw.path, row=raw.row(pos),
                              column=name)


#: The header of the parent ID columns :func:`_check_under` names.
_HEADERS_UP = {"iwa_id": "IWA ID", "element_id": "Element ID"}


def _check_bounds(frame: pd.DataFrame, raw: RawTable) -> None:
    """Refuse a ``Task Ratings`` row whose ``Lower CI Bound`` is above its ``Upper CI Bound``.

    The two columns swapped (in a new release, or by a user's edit) were read as they
    were. A missing bound (``n/a``) is left as it is.

    Examples
    --------
    >>> from pathlib import Path
    >>> f = pd.DataFrame({"lower_ci_bound": [3.0, 95.0], "upper_ci_bound": [4.0, 85.0]})
    >>> raw = RawTable(f.astype(str), Path("Task Ratings.txt"), 2, {"lower_ci_bound": "Lower CI Bound",
    ...                "upper_ci_bound": "Upper CI Bound"})
    >>> _check_bounds(f, raw)
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: Task Ratings.txt, row 3, column 'Lower CI Bound': Lower CI Bound '95.0' is above the Upper CI Bound '85.0' of its row (the two columns swapped?)
    """
    low = frame["lower_ci_bound"].to_numpy(dtype=float, na_value=np.nan)
    high = frame["upper_ci_bound"].to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        bad = low > high
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        lower = raw.sources.get("lower_ci_bound", "Lower CI Bound")
        upper = raw.sources.get("upper_ci_bound", "Upper CI Bound")
        raise SchemaError(f"{lower} {raw.frame['lower_ci_bound'].iloc[pos]!r} is above the {upper} "
                          f"{raw.frame['upper_ci_bound'].iloc[pos]!r} of its row (the two columns "
                          "swapped?)", path=raw.path, row=raw.row(pos), column=lower)


#: How far a value may lie outside its confidence interval, or the FT shares of a task sum
#: above 100, by the rounding of O*NET's two decimals.
_ROUNDING = 0.011
_SHARES_TOLERANCE = 0.5


def _check_within_bounds(frame: pd.DataFrame, raw: RawTable) -> None:
    """Refuse a ``Task Ratings`` ``Data Value`` outside its ``Lower CI Bound``-``Upper CI Bound``.

    O*NET's interval is around the value (no row of the 29.1 rating files with bounds has
    its value outside them); a value outside is a column shifted or pasted from another
    row (a ``Standard Error`` of 0.30 read as the relevance, with bounds 40-50), and was
    read as it was. Rows without both bounds are left as they are.

    Examples
    --------
    >>> from pathlib import Path
    >>> f = pd.DataFrame({"data_value": [4.5, 0.3], "lower_ci_bound": [4.3, 40.0],
    ...                   "upper_ci_bound": [4.7, 50.0]})
    >>> raw = RawTable(f.astype(str), Path("Task Ratings.txt"), 2, {"data_value": "Data Value"})
    >>> _check_within_bounds(f, raw)
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: Task Ratings.txt, row 3, column 'Data Value': Data Value '0.3' is outside the confidence interval of its row (Lower CI Bound '40.0', Upper CI Bound '50.0'): a column shifted?
    """
    value = frame["data_value"].to_numpy(dtype=float, na_value=np.nan)
    low = frame["lower_ci_bound"].to_numpy(dtype=float, na_value=np.nan)
    high = frame["upper_ci_bound"].to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        bad = (value < low - _ROUNDING) | (value > high + _ROUNDING)
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        name = raw.sources.get("data_value", "Data Value")
        lower = raw.sources.get("lower_ci_bound", "Lower CI Bound")
        upper = raw.sources.get("upper_ci_bound", "Upper CI Bound")
        cells = raw.frame.iloc[pos]
        raise SchemaError(f"{name} {cells['data_value']!r} is outside the confidence interval of its row "
                          f"({lower} {cells['lower_ci_bound']!r}, {upper} {cells['upper_ci_bound']!r}): a "
                          "column shifted?", path=raw.path, row=raw.row(pos), column=name)


def _check_shares(frame: pd.DataFrame, raw: RawTable) -> None:
    """Refuse the ``FT`` rows of a task whose percents (one per category) sum above 100.

    Each ``FT`` row is the percent of respondents in one frequency category, so those of
    a task sum to 100 at most (100.03 at most in O*NET 29.1's rating files, by rounding;
    less where categories are suppressed). A larger sum (a mean frequency, or another
    scale's values, pasted under ``FT``) was read as it was and weighted the task by it.
    The last row of the task is named.

    Examples
    --------
    >>> from pathlib import Path
    >>> f = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 1], "scale_id": ["FT"] * 2,
    ...                   "data_value": [60.0, 55.0]})
    >>> _check_shares(f, RawTable(f.astype(str), Path("Task Ratings.txt"), 2, {"data_value": "Data Value"}))
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: Task Ratings.txt, row 3, column 'Data Value': the FT (frequency) percents of task 1 of 11-1011.00 sum to 115 (rows 2 to 3): the shares of the categories of a task sum to 100 at most
    """
    ft = (frame["scale_id"] == "FT").to_numpy(dtype=bool, na_value=False)
    if not ft.any():
        return
    sub = frame.loc[ft, ["onetsoc_code", "task_id", "data_value"]].assign(pos=np.flatnonzero(ft))
    sums = sub.groupby(["onetsoc_code", "task_id"], sort=False).agg(
        total=("data_value", "sum"), first=("pos", "min"), last=("pos", "max"))
    over = sums[sums["total"] > 100 + _SHARES_TOLERANCE]
    if over.empty:
        return
    (code, task), row = over.index[0], over.iloc[0]
    name = raw.sources.get("data_value", "Data Value")
    raise SchemaError(f"the FT (frequency) percents of task {_plain(task)} of {code} sum to "
                      f"{float(row['total']):g} (rows {raw.row(int(row['first']))} to "
                      f"{raw.row(int(row['last']))}): the shares of the categories of a task sum to 100 "
                      "at most", path=raw.path, row=raw.row(int(row["last"])), column=name)


def read_occupations(path) -> pd.DataFrame:
    """Read ``Occupation Data`` (.txt or .xlsx).

    Parameters
    ----------
    path : str or os.PathLike
        The ``Occupation Data.txt`` or ``Occupation Data.xlsx`` file.

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._onet.Occupations`: ``onetsoc_code``, ``title``,
        ``description``, ``job_zone`` (all missing here; :func:`load_onet` merges it).

    Raises
    ------
    exposure.errors.DataFormatError, exposure.errors.SchemaError
        The cases every reader of this module refuses (listed in its docstring), naming
        the file, the row (the header is row 1) and the column as written in the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Occupation Data.txt"
    >>> _ = p.write_bytes(b"O*NET-SOC Code\\tTitle\\tDescription\\r\\n"
    ...                   b"11-1011.00\\tChief Executives\\tDetermine policies.\\r\\n")
    >>> read_occupations(p)[["onetsoc_code", "title"]].to_dict("records")
    [{'onetsoc_code': '11-1011.00', 'title': 'Chief Executives'}]
    """
    raw = _read(path, {"onetsoc_code": _CODE, "title": "Title", "description": "Description"},
                one_sheet=True)
    _check_filled(raw, "title", "description")
    frame = raw.frame.assign(job_zone=pd.array([pd.NA] * len(raw.frame), dtype="Int64"))
    _check_repeats(frame, raw, ["onetsoc_code"], "occupation")
    return _validate(frame, Occupations, raw)


def read_tasks(path) -> pd.DataFrame:
    """Read ``Task Statements`` (.txt or .xlsx; the xlsx ``Title`` column is dropped).

    Parameters
    ----------
    path : str or os.PathLike
        The ``Task Statements`` file.

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._onet.Tasks`: ``onetsoc_code``, ``task_id``, ``task``,
        ``task_type`` (Core / Supplemental / ``<NA>``), ``incumbents_responding``,
        ``date``, ``domain_source``.

    Raises
    ------
    exposure.errors.DataFormatError, exposure.errors.SchemaError
        The cases every reader of this module refuses (listed in its docstring), naming
        the file, the row (the header is row 1) and the column as written in the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Task Statements.txt"
    >>> _ = p.write_bytes(
    ...     b"O*NET-SOC Code\\tTask ID\\tTask\\tTask Type\\tIncumbents Responding\\tDate\\t"
    ...     b"Domain Source\\r\\n"
    ...     b'11-1011.00\\t8823\\tConduct "head counts".\\tCore\\t95\\t08/2023\\tIncumbent\\r\\n'
    ...     b"11-1011.00\\t8824\\tConfer.\\tn/a\\tn/a\\t08/2023\\tAnalyst\\r\\n")
    >>> t = read_tasks(p)
    >>> t["task"][0], t["task_type"].isna().tolist(), t["incumbents_responding"].tolist()
    ('Conduct "head counts".', [False, True], [95, <NA>])
    """
    raw = _read(
        path,
        {
            "onetsoc_code": _CODE,
            "task_id": "Task ID",
            "task": "Task",
            "task_type": "Task Type",
            "incumbents_responding": "Incumbents Responding",
            "date": _DATE,
            "domain_source": _SOURCE,
        },
        one_sheet=True,
    )
    raw = _months(raw)
    _check_filled(raw, "task", "domain_source")
    f = raw.frame
    types = missing_to_na(f["task_type"])
    _check_choice(RawTable(pd.DataFrame({"task_type": types.fillna("n/a")}), raw.path, raw.first_row,
                           raw.sources), "task_type", TASK_TYPES, missing=("n/a",))
    frame = f.assign(
        task_id=_number(raw, "task_id", integer=True, required=True, ident=True),
        task_type=types,
        incumbents_responding=_number(raw, "incumbents_responding", integer=True),
    )
    _check_repeats(frame, raw, ["onetsoc_code", "task_id"], "occupation and task")
    _check_task_ids(frame, raw)
    return _validate(frame, Tasks, raw)


def read_task_ratings(path) -> pd.DataFrame:
    """Read ``Task Ratings`` (.txt or .xlsx).

    Scales: ``IM`` importance (1-5), ``RT`` relevance (percent of respondents rating the
    task relevant, 0-100), ``FT`` frequency: one row per category 1-7 with the percent of
    respondents in that category. ``n/a`` categories (IM, RT) become ``<NA>``.

    Parameters
    ----------
    path : str or os.PathLike
        The ``Task Ratings`` file.

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._onet.TaskRatings`: ``onetsoc_code``, ``task_id``,
        ``scale_id``, ``category``, ``data_value``, ``n``, ``standard_error``,
        ``lower_ci_bound``, ``upper_ci_bound``, ``recommend_suppress``, ``date``,
        ``domain_source``.

    Raises
    ------
    exposure.errors.DataFormatError, exposure.errors.SchemaError
        The cases every reader of this module refuses (listed in its docstring), naming
        the file, the row (the header is row 1) and the column as written in the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Task Ratings.txt"
    >>> head = ("O*NET-SOC Code\\tTask ID\\tScale ID\\tCategory\\tData Value\\tN\\t"
    ...         "Standard Error\\tLower CI Bound\\tUpper CI Bound\\tRecommend Suppress\\tDate\\t"
    ...         "Domain Source\\n")
    >>> _ = p.write_text(head + "11-1011.00\\t8823\\tIM\\tn/a\\t4.5\\t60\\t0.1\\t4.3\\t4.7\\tN\\t"
    ...                  "08/2023\\tIncumbent\\n")
    >>> r = read_task_ratings(p)
    >>> r["scale_id"].tolist(), r["category"].tolist(), r["data_value"].tolist()
    (['IM'], [<NA>], [4.5])
    """
    raw = _read(
        path,
        {
            "onetsoc_code": _CODE,
            "task_id": "Task ID",
            "scale_id": "Scale ID",
            "category": "Category",
            "data_value": "Data Value",
            "n": "N",
            "standard_error": "Standard Error",
            "lower_ci_bound": "Lower CI Bound",
            "upper_ci_bound": "Upper CI Bound",
            "recommend_suppress": "Recommend Suppress",
            "date": _DATE,
            "domain_source": _SOURCE,
        },
        one_sheet=True,
    )
    raw = _months(raw)
    _check_filled(raw, "domain_source")
    f = raw.frame
    _check_choice(raw, "scale_id", SCALES)
    suppress = missing_to_na(f["recommend_suppress"]).str.strip().str.upper()
    bad = suppress.notna() & ~suppress.isin(["Y", "N"])
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        raise DataFormatError(
            f"expected Y or N, got {f['recommend_suppress'].iloc[pos]!r}",
            path=raw.path,
            row=raw.row(pos),
            column=raw.sources["recommend_suppress"],
        )
    frame = f.assign(
        task_id=_number(raw, "task_id", integer=True, required=True, ident=True),
        category=_number(raw, "category", integer=True),
        data_value=_number(raw, "data_value", required=True),
        n=_number(raw, "n", integer=True),
        standard_error=_number(raw, "standard_error"),
        lower_ci_bound=_number(raw, "lower_ci_bound"),
        upper_ci_bound=_number(raw, "upper_ci_bound"),
        recommend_suppress=suppress.map({"Y": True, "N": False}).astype("boolean"),
    )
    _check_repeats(frame, raw, ["onetsoc_code", "task_id", "scale_id", "category"],
                   "occupation, task, scale and category")
    _check_bounds(frame, raw)
    out = _validate(frame, TaskRatings, raw)
    _check_within_bounds(out, raw)  # after the schema: a value out of its scale is named as such
    _check_shares(out, raw)
    return out


def read_task_dwas(path) -> pd.DataFrame:
    """Read ``Tasks to DWAs`` (.txt or .xlsx; the xlsx title/text columns are dropped).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._onet.TaskDwas`: ``onetsoc_code``, ``task_id``,
        ``dwa_id``, ``date``, ``domain_source``.

    Raises
    ------
    exposure.errors.DataFormatError, exposure.errors.SchemaError
        The cases every reader of this module refuses (listed in its docstring), naming
        the file, the row (the header is row 1) and the column as written in the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Tasks to DWAs.txt"
    >>> _ = p.write_text("O*NET-SOC Code\\tTask ID\\tDWA ID\\tDate\\tDomain Source\\n"
    ...                  "11-1011.00\\t8823\\t4.A.4.b.4.I09.D02\\t03/2014\\tAnalyst\\n")
    >>> read_task_dwas(p)[["task_id", "dwa_id"]].to_dict("records")
    [{'task_id': 8823, 'dwa_id': '4.A.4.b.4.I09.D02'}]
    """
    raw = _read(
        path,
        {
            "onetsoc_code": _CODE,
            "task_id": "Task ID",
            "dwa_id": "DWA ID",
            "date": _DATE,
            "domain_source": _SOURCE,
        },
        one_sheet=True,
    )
    raw = _months(raw)
    _check_filled(raw, "domain_source")
    frame = raw.frame.assign(task_id=_number(raw, "task_id", integer=True, required=True, ident=True))
    _check_repeats(frame, raw, ["onetsoc_code", "task_id", "dwa_id"], "occupation, task and DWA")
    return _validate(frame, TaskDwas, raw)


def read_dwas(path) -> pd.DataFrame:
    """Read ``DWA Reference`` (.txt or .xlsx).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._onet.Dwas`: ``dwa_id``, ``dwa_title``, ``iwa_id``,
        ``element_id``.

    Raises
    ------
    exposure.errors.DataFormatError, exposure.errors.SchemaError
        The cases every reader of this module refuses (listed in its docstring), naming
        the file, the row (the header is row 1) and the column as written in the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "DWA Reference.txt"
    >>> _ = p.write_text("Element ID\\tIWA ID\\tDWA ID\\tDWA Title\\n"
    ...                  "4.A.1.a.1\\t4.A.1.a.1.I01\\t4.A.1.a.1.I01.D01\\tReview art.\\n")
    >>> read_dwas(p).columns.tolist()
    ['dwa_id', 'dwa_title', 'iwa_id', 'element_id']
    """
    raw = _read(
        path,
        {"dwa_id": "DWA ID", "dwa_title": "DWA Title", "iwa_id": "IWA ID", "element_id": "Element ID"},
        one_sheet=True,
    )
    _check_filled(raw, "dwa_title")
    _check_repeats(raw.frame, raw, ["dwa_id"], "DWA")
    out = _validate(raw.frame, Dwas, raw)
    _check_under(out, raw, "dwa_id", "iwa_id")
    _check_under(out, raw, "iwa_id", "element_id")
    return out


def read_iwas(path) -> pd.DataFrame:
    """Read ``IWA Reference`` (.txt or .xlsx).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._onet.Iwas`: ``iwa_id``, ``iwa_title``, ``element_id``.

    Raises
    ------
    exposure.errors.DataFormatError, exposure.errors.SchemaError
        The cases every reader of this module refuses (listed in its docstring), naming
        the file, the row (the header is row 1) and the column as written in the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "IWA Reference.txt"
    >>> _ = p.write_text("Element ID\\tIWA ID\\tIWA Title\\n4.A.1.a.1\\t4.A.1.a.1.I01\\tStudy art.\\n")
    >>> read_iwas(p)["iwa_id"].tolist()
    ['4.A.1.a.1.I01']
    """
    raw = _read(
        path, {"iwa_id": "IWA ID", "iwa_title": "IWA Title", "element_id": "Element ID"}, one_sheet=True
    )
    _check_filled(raw, "iwa_title")
    _check_repeats(raw.frame, raw, ["iwa_id"], "IWA")
    out = _validate(raw.frame, Iwas, raw)
    _check_under(out, raw, "iwa_id", "element_id")
    return out


def read_job_zones(path) -> pd.DataFrame:
    """Read ``Job Zones`` (.txt or .xlsx).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._onet.JobZones`: ``onetsoc_code``, ``job_zone``,
        ``date``, ``domain_source``.

    Raises
    ------
    exposure.errors.DataFormatError, exposure.errors.SchemaError
        The cases every reader of this module refuses (listed in its docstring), naming
        the file, the row (the header is row 1) and the column as written in the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Job Zones.txt"
    >>> _ = p.write_text("O*NET-SOC Code\\tJob Zone\\tDate\\tDomain Source\\n"
    ...                  "11-1011.00\\t5\\t08/2023\\tAnalyst\\n")
    >>> read_job_zones(p)["job_zone"].tolist()
    [5]
    """
    raw = _read(
        path,
        {"onetsoc_code": _CODE, "job_zone": "Job Zone", "date": _DATE, "domain_source": _SOURCE},
        one_sheet=True,
    )
    raw = _months(raw)
    _check_filled(raw, "domain_source")
    frame = raw.frame.assign(job_zone=_number(raw, "job_zone", integer=True, required=True))
    _check_repeats(frame, raw, ["onetsoc_code"], "occupation")
    return _validate(frame, JobZones, raw)


def read_emerging_tasks(path) -> pd.DataFrame:
    """Read ``Emerging Tasks`` (.txt or .xlsx).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._onet.EmergingTasks`: ``onetsoc_code``, ``task``,
        ``category`` (New / Revision), ``original_task_id``, ``original_task``
        (``<NA>`` for new tasks), ``date``, ``domain_source``.

    Raises
    ------
    exposure.errors.DataFormatError, exposure.errors.SchemaError
        The cases every reader of this module refuses (listed in its docstring), naming
        the file, the row (the header is row 1) and the column as written in the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Emerging Tasks.txt"
    >>> _ = p.write_text("O*NET-SOC Code\\tTask\\tCategory\\tOriginal Task ID\\tOriginal Task\\t"
    ...                  "Date\\tDomain Source\\n"
    ...                  "11-3013.00\\tReview payroll.\\tNew\\tn/a\\tn/a\\t08/2024\\tIncumbent\\n")
    >>> read_emerging_tasks(p)["original_task_id"].tolist()
    [<NA>]
    """
    raw = _read(
        path,
        {
            "onetsoc_code": _CODE,
            "task": "Task",
            "category": "Category",
            "original_task_id": "Original Task ID",
            "original_task": "Original Task",
            "date": _DATE,
            "domain_source": _SOURCE,
        },
        one_sheet=True,
    )
    raw = _months(raw)
    _check_filled(raw, "task", "domain_source")
    _check_choice(raw, "category", EMERGING_CATEGORIES)
    frame = raw.frame.assign(
        original_task_id=_number(raw, "original_task_id", integer=True, ident=True),
        original_task=missing_to_na(raw.frame["original_task"]),
    )
    _check_revisions(frame, raw)
    _check_repeats(frame, raw, ["onetsoc_code", "task"], "occupation and task text")
    return _validate(frame, EmergingTasks, raw)


def _check_revisions(frame: pd.DataFrame, raw: RawTable) -> None:
    """Refuse an ``Original Task ID`` that contradicts the ``Category`` of its emerging task.

    A ``Revision`` revises a task of the statements, named by its ID and its text (``Original
    Task``); a ``New`` task revises none (``n/a`` in both), as every row of O*NET 29.1 and
    30.1 has it. Such rows were read as they were. Other categories are left to the schema.

    Examples
    --------
    >>> from pathlib import Path
    >>> f = pd.DataFrame({"category": ["New", "Revision"],
    ...                   "original_task_id": pd.array([None, None], dtype="Int64")})
    >>> raw = RawTable(f.assign(original_task_id=["n/a", ""]), Path("Emerging Tasks.txt"), 2,
    ...                {"original_task_id": "Original Task ID"})
    >>> _check_revisions(f, raw)
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: Emerging Tasks.txt, row 3, column 'Original Task ID': a Revision row needs the Original Task ID of the task it revises (the cell is '')
    """
    category = frame["category"]
    has_id = frame["original_task_id"].notna().to_numpy(dtype=bool)
    revision = (category == "Revision").to_numpy(dtype=bool, na_value=False)
    new = (category == "New").to_numpy(dtype=bool, na_value=False)
    column = raw.sources.get("original_task_id", "Original Task ID")
    bad = (revision & ~has_id) | (new & has_id)
    if not bad.any():
        has_text = frame["original_task"].notna().to_numpy(dtype=bool)
        wrong = (revision & ~has_text) | (new & has_text)
        if wrong.any():
            pos = int(np.flatnonzero(wrong)[0])
            text = raw.sources.get("original_task", "Original Task")
            cell = raw.frame["original_task"].iloc[pos]
            message = (f"a Revision row needs the {text} it revises (the cell is {cell!r})" if revision[pos]
                       else f"a New task revises no task: its {text} must be n/a or empty, got {cell!r} "
                       "(is its Category Revision?)")
            raise SchemaError(message, path=raw.path, row=raw.row(pos), column=text)
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        cell = raw.frame["original_task_id"].iloc[pos]
        message = (f"a Revision row needs the Original Task ID of the task it revises (the cell is "
                   f"{cell!r})" if revision[pos] else
                   f"a New task revises no task: its Original Task ID must be n/a or empty, got "
                   f"{cell!r} (is its Category Revision?)")
        raise SchemaError(message, path=raw.path, row=raw.row(pos), column=column)


# --------------------------------------------------------------------------------------
# A whole release
# --------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class OnetRelease:
    """The O*NET tables of one release, validated.

    Attributes
    ----------
    release : str
        O*NET release, e.g. ``"29.1"``.
    occupations, tasks, task_dwas, dwas, iwas, job_zones, emerging_tasks : DataFrame
        See :mod:`exposure.schemas._onet`; ``occupations.job_zone`` is merged from
        ``job_zones``.
    task_ratings : DataFrame or None
        ``None`` when the release has no ``Task Ratings`` file in the registry/mirror.
    """

    release: str
    occupations: pd.DataFrame
    tasks: pd.DataFrame
    task_dwas: pd.DataFrame
    dwas: pd.DataFrame
    iwas: pd.DataFrame
    job_zones: pd.DataFrame
    emerging_tasks: pd.DataFrame
    task_ratings: pd.DataFrame | None = None

    TABLES = (
        "occupations",
        "tasks",
        "task_ratings",
        "task_dwas",
        "dwas",
        "iwas",
        "job_zones",
        "emerging_tasks",
    )

    def row_counts(self) -> dict:
        """Rows per table (``None`` for an absent table).

        Examples
        --------
        >>> e = pd.DataFrame()
        >>> OnetRelease("x", e, e, e, e, e, e, e).row_counts()["task_ratings"] is None
        True
        """
        return {
            t: (None if getattr(self, t) is None else len(getattr(self, t))) for t in self.TABLES
        }


_FILES = {
    "occupations": ("Occupation Data", read_occupations),
    "tasks": ("Task Statements", read_tasks),
    "task_ratings": ("Task Ratings", read_task_ratings),
    "task_dwas": ("Tasks to DWAs", read_task_dwas),
    "dwas": ("DWA Reference", read_dwas),
    "iwas": ("IWA Reference", read_iwas),
    "job_zones": ("Job Zones", read_job_zones),
    "emerging_tasks": ("Emerging Tasks", read_emerging_tasks),
}

#: The model of each table of an :class:`OnetRelease` (what its reader of :data:`_FILES` returns).
_MODELS = {"occupations": Occupations, "tasks": Tasks, "task_ratings": TaskRatings, "task_dwas": TaskDwas,
           "dwas": Dwas, "iwas": Iwas, "job_zones": JobZones, "emerging_tasks": EmergingTasks}


def _registry_names() -> set:
    """Names of the files in the source registry."""
    return set(SOURCES)


def onet_file_names(release: str, fmt: str | None = None, lock=None) -> dict[str, str | None]:
    """Registry name of each O*NET file :func:`load_onet` reads, by table.

    A release the package registry pins uses its registered files (``None`` for a file it
    does not hold, e.g. ``Task Ratings`` of 30.1). Any other release follows the O*NET
    layout (:mod:`exposure.releases`) in format ``fmt`` (default: the format the lock
    file pins, else ``"text"``).

    Examples
    --------
    >>> onet_file_names("30.1")["task_ratings"] is None
    True
    >>> onet_file_names("31.0", "excel")["tasks"]
    'onet/31.0/Task Statements.xlsx'

    Raises
    ------
    exposure.errors.DataFormatError
        ``fmt`` not a string, or another format than the one in which the package pins
        the release (``"excel"`` for 29.1, pinned as text: it was read as text silently).
    exposure.errors.ExposureError
        A malformed release, an unknown format.
    """
    releases.check_onet_release(release)
    if fmt is not None:  # checked even when the registry pins the release's format
        releases.check_onet_format(fmt)
        _check_pinned_format(release, fmt)
    registry = _registry_names()
    if any(name.startswith(f"onet/{release}/") for name in registry):
        return {t: onet_file_name(release, base, registry) for t, (base, _) in _FILES.items()}
    fmt = fmt or releases.onet_format(release, lock)
    return {t: releases.onet_name(release, base, fmt) for t, (base, _) in _FILES.items()}


def _check_pinned_format(release: str, fmt: str) -> None:
    """Refuse ``fmt`` for a release the package pins in the other format.

    The package's pins are of one format (29.1 text, 30.1 Excel): the files of the other
    format are not pinned, and ``fmt`` was ignored without a word.

    Examples
    --------
    >>> _check_pinned_format("29.1", "excel")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: fmt='excel': O*NET 29.1 is pinned by the package in text format only; leave fmt out or give fmt='text'
    """
    if any(name.startswith(f"onet/{release}/") for name in _registry_names()):
        pinned = releases.onet_format(release)
        if fmt != pinned:
            raise DataFormatError(f"fmt={fmt!r}: O*NET {release} is pinned by the package in {pinned} "
                                  f"format only; leave fmt out or give fmt={pinned!r}")


def onet_file_name(release: str, base: str, registry: set | None = None) -> str | None:
    """Registry name of O*NET file ``base`` of ``release`` (``None`` if not registered).

    Examples
    --------
    >>> onet_file_name("29.1", "Task Statements", registry={"onet/29.1/Task Statements.txt"})
    'onet/29.1/Task Statements.txt'
    >>> onet_file_name("29.1", "Task Ratings", registry={"onet/29.1/Task Statements.txt"}) is None
    True
    """
    candidates = [f"onet/{release}/{base}{ext}" for ext in (".txt", ".xlsx")]
    if registry is None:
        ext = ONET_RELEASES.get(release, ".txt")
        return f"onet/{release}/{base}{ext}"
    return next((c for c in candidates if c in registry), None)


def load_onet(release: str = "29.1", *, mirror=None, data_dir=None, store=None,
              fmt: str | None = None) -> OnetRelease:
    """Load and validate every O*NET table of ``release``.

    Files are resolved with :func:`exposure.fetch.fetch_table` (sha256-verified, from the
    mirror, the cache or the publisher). ``Task Ratings`` is optional: ``task_ratings`` is
    ``None`` when a registered release has no such file. A release the package does not
    pin (e.g. ``"31.0"``) is downloaded in the O*NET layout, validated, and pinned in the
    lock file (see :mod:`exposure.releases`) once all its files are read and checked
    against each other: a release refused by a check pins nothing (inside a recompute,
    the pins are the run's, written when it succeeds). A file read from a mirror is named
    by its errors as the mirror's file, not the cache's copy of it; a file unpacked from the
    publisher's zip in the data directory (``db_31_0_text.zip``) as the zip's member.

    Parameters
    ----------
    release : str
        O*NET database release, ``MAJOR.MINOR`` (``"29.1"``, ``"30.1"``, ``"31.0"``...).
    mirror, data_dir : str or os.PathLike, optional
        Passed to :func:`exposure.fetch.fetch`.
    store : exposure.fetch.DataStore, optional
        Where data lives (default from the environment).
    fmt : {"text", "excel"}, optional
        Download format of a release the package does not pin (default ``"text"``). For
        a pinned release, only its pinned format (``"text"`` for 29.1, ``"excel"`` for
        30.1) is accepted.

    Returns
    -------
    OnetRelease

    Raises
    ------
    exposure.errors.ExposureError
        Unknown release or ``fmt``; a ``store`` that is not a DataStore; any error of the
        readers or of :func:`check_references` (files that do not match, e.g. a ``Tasks to
        DWAs`` row of a task the ``Task Statements`` lack: a
        :class:`~exposure.errors.SchemaError` naming that file, its line or sheet row and
        the columns as written in it, and the file it refers to; an occupation with task
        statements and no job zone; an emerging task already a statement, or a revision
        quoting another text than its statement); a file of a header alone
        (a :class:`~exposure.errors.DataFormatError` naming it: it was loaded as an empty
        table and pinned).
    exposure.errors.DataFormatError
        ``release`` that is not a str: ``load_onet(29.1)`` loaded O*NET 29.1 with the float
        29.1 as its ``release`` (scoring warnings then said "the O*NET release", model
        metadata held a float), where :class:`exposure.pipeline.RecomputeInputs` refuses
        it. ``fmt`` that is not a string, or (for a release the package pins) another format
        than the pinned one, e.g. ``load_onet("29.1", fmt="excel")`` (29.1 is pinned as
        text; checked before the store is opened).

    Examples
    --------
    >>> load_onet("31")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: O*NET release '31' is not of the form MAJOR.MINOR (e.g. 29.1, 31.0): write it with its minor number, such as '31.0'
    """
    # before the store is opened; 29.1 (a float) was loaded with the float as its .release
    releases.check_onet_release(release)
    if fmt is not None:
        releases.check_onet_format(fmt)
        _check_pinned_format(release, fmt)
    resolved = fetching.resolve_store(store, mirror=mirror, data_dir=data_dir)
    names = onet_file_names(release, fmt, resolved.lock)
    # the new files of a release are pinned only when the whole release is read and checked
    with fetching.pins_when_done(resolved):
        return _load_release(release, names, resolved, store=store, mirror=mirror, data_dir=data_dir)


def _load_release(release: str, names: dict, resolved, **where) -> OnetRelease:
    """The body of :func:`load_onet`: read the files ``names`` (by table) and check them."""
    tables, paths = {}, {}
    for table, (base, reader) in _FILES.items():
        name = names[table]
        if name is None:
            if table == "task_ratings":
                log.info("O*NET %s: no Task Ratings file registered; task_ratings=None", release)
                tables[table] = None
                continue
            raise ExposureError(f"O*NET {release}: no registered file for {base!r}")
        log.info("reading %s", name)
        tables[table] = fetching.fetch_table(name, _noting_path(reader, paths, table), **where)
    zones = tables["job_zones"].set_index("onetsoc_code")["job_zone"]
    occ = tables["occupations"]
    occ = occ.assign(job_zone=occ["onetsoc_code"].map(zones).astype("Int64"))
    tables["occupations"] = validate(occ, Occupations, path=f"O*NET {release} occupations")
    out = OnetRelease(release=release, **tables)
    try:
        _check_release_files(out, paths)  # check_references, naming the files and their lines
    except SchemaError as exc:
        # the file to fix is the mirror's, not the cache's copy of it (replaced from the mirror),
        # or the member of the user's zip in the data directory it was unpacked from
        table = next((t for t, p in paths.items() if exc.path == str(p)), None)
        shown = None if table is None else fetching.mirror_origin(paths[table], names[table], resolved)
        if shown is not None and shown == paths[table]:
            shown = fetching.zip_origin(paths[table], names[table], resolved) or shown
        if shown is None or str(shown) == exc.path or type(exc).__init__ is not DataFormatError.__init__:
            raise
        raise type(exc)(exc.reason, path=shown, row=exc.row, column=exc.column, line=exc.line) from None
    return out


def _noting_path(reader, paths: dict, table: str):
    """``reader``, noting in ``paths[table]`` the file it reads (named by reference errors).

    A file of a header alone (a download or copy cut after the header) is refused, naming
    it, as ``exposure validate`` refuses it: :func:`load_onet` (so ``exposure recompute``
    and ``exposure score --onet``) read a ``Job Zones``, ``Tasks to DWAs``, ``Emerging
    Tasks`` or ``Task Ratings`` file so as an empty table and pinned it, without a word:
    every occupation without a job zone, every task scored without its work activities.
    Every table of an O*NET release has rows.
    """
    def read(path):
        paths[table] = path
        frame = reader(path)
        if not len(frame):
            raise DataFormatError(f"no {table} rows: the file has a header but no rows (a download cut short?); "
                                  "every table of an O*NET release has rows", path=path)
        return frame
    return read


#: Column types whose cells are all str or all int (or missing): what :func:`_all_found` reads.
_KEY_TYPES = ("str", "string", "int64", "Int64")
#: The key types :func:`_all_found` matches with each other: integers, nullable or not.
_INTS = {"int64": "int", "Int64": "int"}


def _all_found(child: pd.DataFrame, cols: list, parent: pd.DataFrame, pcols: list) -> bool:
    """True when every key of ``child[cols]`` is a key of ``parent[pcols]`` (a quick look).

    Each key column of both frames numbered by value at once (:func:`pandas.factorize`: the
    same number for equal values, str or int), the numbers of a key's columns made one
    number: several times faster than :meth:`pandas.Series.isin` on Arrow strings and
    :meth:`pandas.MultiIndex.isin` (and than sets of Python tuples). False for anything it
    cannot decide as they would (a missing key, column types that differ, but for integers
    nullable or not, or are of another kind), and then :func:`_check_subset` asks pandas, which also names the first key not
    found.

    Examples
    --------
    >>> child = pd.DataFrame({"code": ["a", "b", "a"], "id": [1, 1, 2]})
    >>> parent = pd.DataFrame({"code": ["a", "b", "a"], "id": [2, 1, 1]})
    >>> _all_found(child, ["code", "id"], parent, ["code", "id"]), _all_found(parent, ["code", "id"], child.iloc[:2], ["code", "id"])
    (True, False)
    """
    kinds = [str(child[c].dtype) for c in cols]
    pkinds = [str(parent[c].dtype) for c in pcols]
    if any(k not in _KEY_TYPES for k in (*kinds, *pkinds)):
        return False
    # (an Original Task ID, Int64, against the Task IDs, int64: the same numbers)
    if [_INTS.get(k, k) for k in kinds] != [_INTS.get(k, k) for k in pkinds]:
        return False
    if any(child[c].hasnans for c in cols) or any(parent[c].hasnans for c in pcols):
        return False  # pandas' rules for missing values decide
    key, size = np.zeros(len(child) + len(parent), dtype=np.int64), 1
    for c, pc in zip(cols, pcols, strict=True):
        numbers, values = pd.factorize(pd.concat([child[c], parent[pc]], ignore_index=True))
        size *= max(len(values), 1)
        if size >= 2 ** 62:  # (keys of many columns: cannot be one int64)
            return False
        key = key * len(values) + numbers
    return bool(pd.Series(key[:len(child)]).isin(key[len(child):]).all())  # (a hash table: np.isin sorts)


def _plain(value):
    """A cell as a plain Python value for a message (``999``, not ``np.int64(999)``)."""
    return value.item() if isinstance(value, np.generic) else value


def _missing_reference(child, cols, parent, pcols, rows=None) -> tuple[int, int, object] | None:
    """``(count, position, value)`` of the keys of ``child[cols]`` not in ``parent[pcols]``, or None.

    ``rows`` (positions in ``child``) limits the keys looked at; ``position`` is the
    first such key's position in ``child``, ``value`` the key as plain Python values.
    """
    sub = child if rows is None else child.iloc[rows]
    if _all_found(sub, cols, parent, pcols):
        return None
    if len(cols) == 1:
        ok = sub[cols[0]].isin(parent[pcols[0]]).to_numpy(dtype=bool)
    else:
        ok = np.asarray(pd.MultiIndex.from_frame(sub[cols]).isin(pd.MultiIndex.from_frame(parent[pcols])),
                        dtype=bool)
    if ok.all():
        return None
    pos = int(np.flatnonzero(~ok)[0])
    value = tuple(_plain(sub[c].iloc[pos]) for c in cols)
    pos = pos if rows is None else int(rows[pos])
    return int((~ok).sum()), pos, value if len(cols) > 1 else value[0]


def _check_subset(child, child_name, cols, parent, parent_name, pcols=None, rows=None):
    pcols = pcols or cols
    missing = _missing_reference(child, cols, parent, pcols, rows)
    if missing is not None:
        count, pos, value = missing
        raise SchemaError(
            f"{count} value(s) not found in {parent_name}.{'/'.join(pcols)}; first: {value!r}",
            path=child_name,
            row=pos,
            column="/".join(cols),
        )


#: What :func:`check_references` checks: (table, its key columns, the table they refer to,
#: its columns); the ``emerging_tasks`` revisions are those with an ``original_task_id``.
_REFERENCES = (
    ("tasks", ["onetsoc_code"], "occupations", ["onetsoc_code"]),
    ("job_zones", ["onetsoc_code"], "occupations", ["onetsoc_code"]),
    ("emerging_tasks", ["onetsoc_code"], "occupations", ["onetsoc_code"]),
    ("task_dwas", ["onetsoc_code", "task_id"], "tasks", ["onetsoc_code", "task_id"]),
    ("task_dwas", ["dwa_id"], "dwas", ["dwa_id"]),
    ("dwas", ["iwa_id"], "iwas", ["iwa_id"]),
    ("task_ratings", ["onetsoc_code", "task_id"], "tasks", ["onetsoc_code", "task_id"]),
    ("emerging_tasks", ["onetsoc_code", "original_task_id"], "tasks", ["onetsoc_code", "task_id"]),
)

#: What :func:`load_onet` checks besides :data:`_REFERENCES` (:func:`_check_release_files`): an
#: occupation with task statements but no job zone (a ``Job Zones`` file of an earlier
#: release, without the occupations added since) was read with its job zone missing, and its
#: tasks scored without one, without a word: in O*NET 29.1 and 30.1 every occupation with
#: task statements has a job zone (and every other occupation none). A release made of the
#: caller's own frames (:func:`check_references`) may leave ``job_zones`` empty.
_FILE_REFERENCES = (*_REFERENCES, ("tasks", ["onetsoc_code"], "job_zones", ["onetsoc_code"]))

#: Why a reference must hold, where its words alone do not say it.
_WHY = {("tasks", "job_zones"): ": every occupation with task statements has a job zone (a Job Zones file of "
                                "another release?)"}

#: The header of each key column of :data:`_REFERENCES` in the O*NET files.
_KEY_HEADERS = {"onetsoc_code": _CODE, "task_id": "Task ID", "dwa_id": "DWA ID", "iwa_id": "IWA ID",
                "original_task_id": "Original Task ID"}


def _references(release: OnetRelease, references=_REFERENCES):
    """The checks of ``references`` that apply to ``release``, with the rows each looks at."""
    for table, cols, parent, pcols in references:
        child = getattr(release, table)
        if child is None:
            continue
        rows = None
        if "original_task_id" in cols:
            if "original_task_id" not in child.columns:  # a frame of another shape: nothing to check
                continue
            rows = np.flatnonzero(child["original_task_id"].notna().to_numpy(dtype=bool))
        yield table, cols, getattr(release, parent), parent, pcols, rows


def _words(text) -> str | None:
    """``text`` with its runs of white space made one space, or None for a missing value."""
    return None if pd.isna(text) else " ".join(str(text).split())


#: The advice that ends the messages of :func:`_emerging_contradiction`.
_ONE_RELEASE = ("an Emerging Tasks file of another O*NET release? take the Emerging Tasks and the Task "
                "Statements of one release")


def _emerging_contradiction(release: OnetRelease, tasks_name: str) -> tuple[int, str, str] | None:
    """``(position, column, reason)`` of the first emerging task the statements contradict, or None.

    An emerging task is one O*NET's ``Task Statements`` do not hold yet, and a ``Revision``
    quotes as its ``Original Task`` the statement of its ``Original Task ID``: so it is in
    every row of O*NET 29.1 and 30.1. An ``Emerging Tasks`` file of another release beside
    the statements (29.1's beside 30.1's, where 12 of its tasks have become statements) was
    read without a word: tasks listed as emerging that are statements, revisions quoting a
    statement since rewritten. Texts are compared with their runs of white space made one
    space. ``tasks_name`` names the statements in the reason; ``column`` is ``'task'`` or
    ``'original_task'``. A table without the text columns (a frame of another shape) is not
    looked at.

    Examples
    --------
    >>> tasks = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [101], "task": ["Approve budgets."]})
    >>> emerging = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task": ["Approve  budgets."],
    ...                          "original_task_id": pd.array([None], dtype="Int64"),
    ...                          "original_task": [None]})
    >>> e = pd.DataFrame()
    >>> _emerging_contradiction(OnetRelease("x", e, tasks, e, e, e, e, emerging), "tasks")[:2]
    (0, 'task')
    """
    emerging, tasks = release.emerging_tasks, release.tasks
    if not {"onetsoc_code", "task_id", "task"} <= set(tasks.columns) or "onetsoc_code" not in emerging.columns:
        return None
    # the statements of the emerging tasks' occupations alone (a few hundred of 18,796: the
    # loop over every statement added a quarter of a second to each load_onet)
    # (and those with an ID: IDs as they are, a frame's may be of another type: its keys were matched so)
    tasks = tasks[tasks["onetsoc_code"].astype(str).isin(set(emerging["onetsoc_code"].astype(str)))
                  & tasks["task_id"].notna()]
    statements, text_of = {}, {}
    for code, task_id, text in zip(map(str, tasks["onetsoc_code"].tolist()), map(_plain, tasks["task_id"].tolist()),
                                   tasks["task"].tolist(), strict=True):
        statements.setdefault((code, _words(text)), task_id)
        text_of.setdefault((code, task_id), text)
    columns = [c for c in ("task", "original_task_id", "original_task") if c in emerging.columns]
    for pos, row in enumerate(emerging[["onetsoc_code", *columns]].itertuples(index=False)):
        row = row._asdict()
        code = str(row["onetsoc_code"])
        task_id = statements.get((code, _words(row.get("task", pd.NA))))
        if task_id is not None:
            return pos, "task", (f"{row['task']!r} of {code} is already task {task_id} of {tasks_name}: an "
                                 f"emerging task is one the statements do not hold yet ({_ONE_RELEASE})")
        original, quoted = row.get("original_task_id", pd.NA), row.get("original_task", pd.NA)
        if pd.isna(original) or pd.isna(quoted) or (code, _plain(original)) not in text_of:
            continue  # no revision, or one of a task the statements lack (check_references)
        text = text_of[(code, _plain(original))]
        if _words(quoted) != _words(text):
            return pos, "original_task", (f"{quoted!r} is not the text of task {_plain(original)} of {code} in "
                                          f"{tasks_name}, {text!r}: the Original Task of a revision quotes the "
                                          f"statement it revises ({_ONE_RELEASE})")
    return None


def _check_release_files(release: OnetRelease, paths: dict) -> None:
    """:func:`check_references` of a release read from files ``paths`` (by table), naming the file.

    The error names the file of the rows that refer to what is not there, its line (sheet
    row) and the columns as written in it, and the file they refer to, not the table and
    its 0-based frame row. Each file's key columns are read again to number its rows, on
    the error path only. Every occupation of the statements must have a job zone too
    (:data:`_FILE_REFERENCES`). Then the emerging tasks are checked against the statements
    (:func:`_emerging_contradiction`).
    """
    for table, cols, parent, parent_table, pcols, rows in _references(release, _FILE_REFERENCES):
        missing = _missing_reference(getattr(release, table), cols, parent, pcols, rows)
        if missing is None:
            continue
        count, pos, value = missing
        path = paths[table]
        # read again without a second warning of its quoted cells (of the key columns only)
        raw = _read(path, {c: _KEY_HEADERS[c] for c in cols}, warn=False)
        heads = [raw.sources[c] for c in cols]
        wanted = "/".join(_KEY_HEADERS[c] if isinstance(_KEY_HEADERS[c], str) else _KEY_HEADERS[c][0]
                          for c in pcols)
        raise SchemaError(f"{count} value(s) not found in {as_path(paths[parent_table]).name} ({wanted}); "
                          f"first: {value!r}{_WHY.get((table, parent_table), '')}", path=path, row=raw.row(pos),
                          column="/".join(heads))
    contradiction = _emerging_contradiction(release, as_path(paths["tasks"]).name)
    if contradiction is not None:
        pos, column, reason = contradiction
        header = {"task": "Task", "original_task": "Original Task"}[column]
        raw = _read(paths["emerging_tasks"], {"onetsoc_code": _CODE, column: header}, warn=False)
        source = raw.sources[column]
        raise SchemaError(f"{source} {reason}", path=paths["emerging_tasks"], row=raw.row(pos), column=source)


def _check_key_columns(release: OnetRelease) -> None:
    """Refuse a table of ``release`` that is not a frame, or lacks a key column :func:`check_references` reads.

    An :class:`OnetRelease` made of the caller's own frames (read with pandas under O*NET's
    headers, ``O*NET-SOC Code``; a table whose key was made its index; None for a table)
    raised ``KeyError: 'onetsoc_code'``, ``TypeError: 'NoneType' object is not
    subscriptable`` or an ``AttributeError`` from inside the check. ``task_ratings`` may be
    None; ``emerging_tasks`` may lack ``original_task_id`` (nothing to check then). A
    column of the table's model given twice (``pd.concat(axis=1)`` of overlapping frames)
    or columns of two levels are refused by the schemas' own check
    (:func:`exposure.schemas._base.check_columns`): the first raised ``AttributeError:
    'DataFrame' object has no attribute 'dtype'``, the second was said to lack its columns.

    Examples
    --------
    >>> occ = pd.DataFrame({"O*NET-SOC Code": ["11-1011.00"]})
    >>> e = pd.DataFrame({c: [] for c in ["onetsoc_code", "task_id", "dwa_id", "iwa_id"]})
    >>> _check_key_columns(OnetRelease("x", occ, e, e, e, e, e, e))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: occupations, column 'onetsoc_code': occupations lacks column(s) ['onetsoc_code'] (columns: ['O*NET-SOC Code']): the tables of an O*NET release have the columns of exposure.onet's readers (read_occupations)
    """
    keys: dict[str, list] = {}
    for table, cols, parent, pcols in _REFERENCES:
        keys.setdefault(table, []).extend(c for c in cols if c != "original_task_id")
        keys.setdefault(parent, []).extend(pcols)
    for table in OnetRelease.TABLES:
        frame = getattr(release, table)
        if frame is None and table == "task_ratings":
            continue
        reader = _FILES[table][1].__name__
        if not isinstance(frame, pd.DataFrame):
            raise DataFormatError(f"{table} must be a pandas DataFrame (the table exposure.onet.{reader} returns), "
                                  f"got {type(frame).__name__}", path=table)
        check_columns(frame, _MODELS[table], path=table)  # a key column twice; columns of two levels
        missing = [c for c in dict.fromkeys(keys.get(table, ())) if c not in frame.columns]
        if missing:
            raise DataFormatError(f"{table} lacks column(s) {missing} (columns: {list(frame.columns)[:8]}): the "
                                  f"tables of an O*NET release have the columns of exposure.onet's readers "
                                  f"({reader}){index_hint(frame, missing)}", path=table, column=missing[0])



def check_references(release: OnetRelease) -> None:
    """Check referential integrity between the tables of an :class:`OnetRelease`.

    Every task's, job zone's and emerging task's occupation exists in ``occupations``;
    every (occupation, task) of ``task_dwas`` and ``task_ratings`` exists in ``tasks``;
    every ``task_dwas.dwa_id`` exists in ``dwas``; every ``dwas.iwa_id`` exists in
    ``iwas``; every emerging task that revises a task (its occupation and
    ``original_task_id``) revises one of ``tasks``. Then no emerging task may already be a
    statement of its occupation, and a revision's ``original_task`` must be the text of the
    statement it revises (:func:`_emerging_contradiction`: an ``Emerging Tasks`` file of
    another release was read without a word). Values are shown as plain Python values
    (``999``, not ``np.int64(999)``). :func:`load_onet` names the files instead.

    Raises
    ------
    exposure.errors.SchemaError
        Naming the table (as ``path``), the column, the 0-based frame row (``row``) and
        the first value that has no match.
    exposure.errors.DataFormatError
        ``release`` is not an :class:`OnetRelease` (a frame, a dict, None); a table of it
        that is not a frame, lacks a key column read here, holds a column twice or has
        columns of two levels (:func:`_check_key_columns`: a ``KeyError`` or an
        ``AttributeError`` before).

    Examples
    --------
    >>> occ = pd.DataFrame({"onetsoc_code": ["11-1011.00"]})
    >>> tasks = pd.DataFrame({"onetsoc_code": ["11-9999.00"], "task_id": [1]})
    >>> e = pd.DataFrame({c: [] for c in ["onetsoc_code", "task_id", "dwa_id", "iwa_id"]})
    >>> check_references(OnetRelease("x", occ, tasks, e, e, e, e, e))
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: tasks, row 0, column 'onetsoc_code': 1 value(s) not found in occupations.onetsoc_code; first: '11-9999.00'
    """
    if not isinstance(release, OnetRelease):  # an AttributeError ('... has no attribute tasks') before
        raise DataFormatError(f"release must be an O*NET release, e.g. exposure.load_onet('29.1'), got "
                              f"{type(release).__name__}")
    _check_key_columns(release)
    for table, cols, parent, parent_table, pcols, rows in _references(release):
        _check_subset(getattr(release, table), table, cols, parent, parent_table, pcols, rows)
    contradiction = _emerging_contradiction(release, "tasks")
    if contradiction is not None:
        pos, column, reason = contradiction
        raise SchemaError(f"{column} {reason}", path="emerging_tasks", row=pos, column=column)
