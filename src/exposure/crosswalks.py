"""Parse the occupation and industry crosswalks into validated frames.

- ``2019_to_SOC_Crosswalk.xlsx``: O*NET-SOC 2019 -> SOC 2018 (:func:`read_onet_to_soc`,
  :func:`onet_to_soc_map`);
- ``SOC_Structure.xlsx``: SOC 2018 hierarchy (:func:`read_soc_structure`);
- ``2010_to_2018_SOC_Crosswalk.xlsx``: O*NET-SOC 2010 -> SOC 2018
  (:func:`read_soc_2010_to_2018`);
- ``soc10_isco08.csv``: SOC 2010 -> ISCO-08 (:func:`read_soc10_isco08`);
- ``ISCOGroups_en.csv``: ISCO-08 titles (:func:`read_isco_groups`);
- ``2-6 digit_2022_Codes.xlsx``: NAICS 2022 titles (:func:`read_naics_titles`);
- ``onet_to_census_occ2018.csv``: O*NET-SOC 2019 -> Census 2018 occupation code (the
  ``OCC`` of CPS and ACS; :func:`read_census_crosswalk`).

The O*NET workbooks have title lines above the table; the header row is detected (the
first row holding every expected column name), not hard-coded.

Every reader refuses, naming the file, row and column: a blank title (read as ``''``
before), a key given twice (naming both rows; pandera's uniqueness check named no code), a
total row (``Total``: said to be one, :func:`_total_rows_first`); footnote lines ending a
CSV are left out, as a workbook's are (:func:`_read_crosswalk`);
:func:`read_onet_to_soc` a SOC code that is not the first seven characters of its
O*NET-SOC code, or a SOC code given two titles (:func:`read_soc_2010_to_2018`: an O*NET-SOC
2010 code whose split rows give it two titles); :func:`read_soc_structure` a code under a parent it does not belong to;
:func:`read_soc10_isco08` an ISCO-08 code that is not four digits once the armed forces'
``110``/``210``/``310`` are zero-padded; :func:`read_isco_groups` a 2- or 3-digit code with
a 0 after its first digit (``110``: the unit group ``0110`` whose leading zero was lost); a code column's cell that is
not a code of its kind (:func:`~exposure.schemas._fields.check_code_cells`; in the SOC
structure, not of its column's level), saying so (:func:`code_hint`) when a spreadsheet read
it as a date (``11-2011``, also saved in a CSV as ``Nov-11``) or saved it as a number, when
it starts with a spreadsheet's apostrophe (``'0110``) or holds a dash that is not the hyphen
(``11–1011``), and when it is a code of the other kind (``11-1011`` for an O*NET-SOC code).

The rule that puts a SOC 2018 detailed code on the OEWS code publishing its employment
(the code itself, its broad group, or an OEWS aggregate; :func:`soc_broad_group`,
:func:`oews_code_map`) lives here too, once: the rollup and the published measures both
use it.
"""

from __future__ import annotations

import csv
import functools
import logging
import os
import re
from collections.abc import Mapping
from contextlib import contextmanager

import numpy as np
import pandas as pd

from exposure._args import check_choice, shown
from exposure._tables import (
    check_filled,
    first_repeat_of,
    footnote_start,
    header_spans,
    index_hint,
    missing_to_na,
    norm_header,
    number_hint,
    read_above,
    to_number,
)
from exposure.errors import DataFormatError, SchemaError
from exposure.fetch import check_location, fetch
from exposure.onet import _read
from exposure.schemas import validate
from exposure.schemas._crosswalks import (
    IscoGroups,
    NaicsTitles,
    OnetToSoc,
    Soc10Isco08,
    Soc2010To2018,
    SocStructure,
)
from exposure.schemas._fields import (
    AS_TEXT,
    ISCO_PATTERN,
    ISCO_UNIT_PATTERN,
    NAICS_PATTERN,
    NUMBER_HINT,
    ONETSOC_PATTERN,
    SOC_PATTERN,
    check_code_cells,
    code_hint,
    first_bad_onetsoc_code,
    first_bad_soc_code,
    zeros_lost_hint,
)
from exposure.schemas._outcomes import OnetToCensus

__all__ = [
    "code_hint",
    "read_onet_to_soc",
    "read_soc_structure",
    "read_soc_2010_to_2018",
    "read_soc10_isco08",
    "read_isco_groups",
    "read_naics_titles",
    "read_census_crosswalk",
    "load_onet_to_soc",
    "load_soc_structure",
    "load_soc_2010_to_2018",
    "load_soc10_isco08",
    "load_isco_groups",
    "load_naics_titles",
    "load_census_crosswalk",
    "check_soc_structure",
    "code_list",
    "onet_to_soc_map",
    "soc_major",
    "soc_broad_group",
    "oews_code_map",
    "check_not_beside_aggregate",
    "first_nested_code",
    "BROAD_EXCEPTIONS",
    "OEWS_AGGREGATES",
    "CROSSWALK_FILES",
]

log = logging.getLogger(__name__)

#: Registry names of the crosswalk files, by reader.
CROSSWALK_FILES = {
    "onet_to_soc": "crosswalks/2019_to_SOC_Crosswalk.xlsx",
    "soc_structure": "crosswalks/SOC_Structure.xlsx",
    "soc_2010_to_2018": "crosswalks/2010_to_2018_SOC_Crosswalk.xlsx",
    "soc10_isco08": "crosswalks/soc10_isco08.csv",
    "isco_groups": "crosswalks/ISCOGroups_en.csv",
    "naics_titles": "crosswalks/2-6 digit_2022_Codes.xlsx",
    "census_crosswalk": "crosswalks/onet_to_census_occ2018.csv",
}

_CSV = {"sep": ",", "quoting": csv.QUOTE_MINIMAL}


def _csv_kwargs(path) -> dict:
    """The reader's options for ``path``: none for a workbook, comma-separated CSV else.

    Every reader takes its table as a workbook too (``sep`` was passed to the workbook
    reader of a CSV crosswalk saved as ``.xlsx``: a ``TypeError``).
    """
    return {} if str(path).lower().endswith((".xlsx", ".xlsm")) else _CSV


#: What a crosswalk workbook is, as published (O*NET's and the Census Bureau's: one sheet each).
_ONE_SHEET = "the crosswalk's workbook as published"


def _read_crosswalk(path, columns: dict, *, optional: dict | None = None):
    """Read a crosswalk file as the O*NET and OEWS readers read theirs, refusing one without rows.

    :func:`exposure.onet._read` (so :func:`exposure._tables.read_table`): a column read
    that the header holds twice (also in another case or spacing) is refused, naming both
    positions (the first copy was read without a word); rows of blank cells ending the
    file (a spreadsheet's ``,,,,`` records) are ignored (they were refused as malformed
    codes). A file with a header and no rows is refused (an empty crosswalk matched
    nothing further on, without a word about the file). A CSV separated by semicolons or
    tabs, or starting with Excel's ``sep=`` line, is refused saying so by the shared reader
    of published files (:func:`exposure._tables.read_text_table`, before its rows are
    read); one whose header is below title lines says so (:func:`_title_lines`). A workbook refused whose header cells are merged over two rows
    is refused saying so (:func:`_merged_header`). A workbook showing sheets beside the first,
    which alone is read (a copy of the table, which Excel places before the sheet copied),
    is warned of, as an O*NET workbook is (:func:`exposure.onet._warn_other_sheets`): the
    copy was read without a word, whichever sheet had been edited.

    Footnote lines ending the table (``Source: ...``, ``Note: ...``, ``(1) ...``: one cell
    each, the first starting as a footnote does), with or without a blank line above them,
    are left out of a CSV as of a workbook (:func:`exposure.onet._read` with ``footnotes``;
    below an empty line, or not padded with commas, :func:`exposure._tables.footnote_start`):
    a workbook's were skipped, while a CSV's were refused as ``empty line (remove it ...)``,
    ``empty row (no value in any column read) ...`` or ``too few fields``. (A total row is
    refused saying so by the readers: :func:`_total_rows_first`.)

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "soc10_isco08.csv"
    >>> _ = p.write_text("soc10,isco08\\n")
    >>> _read_crosswalk(p, {"soc_2010_code": "soc10", "isco08_code": "isco08"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: ...soc10_isco08.csv: no crosswalk rows: the file has a header but no rows
    >>> _ = p.write_text("soc10,isco08\\n11-1011,1112\\n\\nSource: BLS\\n")
    >>> _read_crosswalk(p, {"soc_2010_code": "soc10", "isco08_code": "isco08"}).frame.values.tolist()
    [['11-1011', '1112']]
    """
    try:
        # (a workbook as published has one sheet: a copy of it placed first was read without a word)
        raw = _read(path, columns, optional=optional, footnotes=True, one_sheet=_ONE_SHEET, **_csv_kwargs(path))
    except DataFormatError as exc:
        if isinstance(exc, SchemaError):
            raise
        if not _csv_kwargs(path):  # a workbook whose header cells are merged over two rows
            better = _merged_header(path, columns)
            if better is None:
                raise
            raise better from None
        # footnote lines of one cell each (a workbook's are left out by _read)
        start = footnote_start(path, exc, one_cell=True)
        if start is None:
            # (a file separated by ';' or tabs, or starting with Excel's sep= line, is refused by
            # the shared reader before its rows: exposure._tables.read_text_table)
            better = _title_lines(exc, columns)
            if better is None:
                raise
            raise better from None
        read = functools.partial(_read, columns=columns, optional=optional or {}, footnotes=True, **_CSV)
        raw = read_above(path, start, read, log)  # the lines above the footnotes
    if not len(raw.frame):
        raise DataFormatError("no crosswalk rows: the file has a header but no rows", path=raw.path)
    return raw


#: A cell of a total row: ``Total`` (Excel's table Total Row), ``Totals``, ``Grand total``,
#: ``Subtotal``, ``Total, all occupations``, ``Total: 1016``, ``Total (all)``.
_TOTAL = re.compile(r"(?i)\s*(?:grand\s+|sub-?)?totals?\s*(?:[:,(].*)?")


@contextmanager
def _total_rows_first(raw, rows: str = "the crosswalk's rows", skip=()):
    """Run a reader's checks of crosswalk ``raw``; an error at or below a total row says the row is one.

    ``rows``: what the table's rows are, as the message says it; ``skip``: columns of
    ``raw.frame`` not looked at (a column whose values may read as a total: OEWS's
    ``O_GROUP``, ``total`` on the all-occupations rows). :func:`exposure.oews.read_oews`
    reads its tables so too (a total row below the rows was told that ``NAICS_TITLE is
    blank: every row of an OEWS table has a title``).

    A total row below the rows (Excel's table Total Row writes ``Total`` under the first
    column; a sum added by hand) has no title and no code: it was refused as ``O*NET-SOC
    2019 Title is blank: give every row its title`` (advice that does not fix it: a row of
    totals has no title to give), or as a code that is not one (``soc10 must be a SOC 2010
    code ..., got 'Total'``). A row of ``raw`` a cell of which reads as a total
    (:data:`_TOTAL`, in any column read) is now named when the error raised is about it or
    a row below it; an error about a row above it stands (the first row refused is named).
    The total row is looked for on the error path only.

    Examples
    --------
    >>> from pathlib import Path
    >>> from exposure._tables import RawTable
    >>> f = pd.DataFrame({"onetsoc_code": ["11-1011.00", "Total"], "onetsoc_title": ["Chief Executives", ""]})
    >>> raw = RawTable(f, Path("x.xlsx"), 4, {"onetsoc_code": "O*NET-SOC 2019 Code"})
    >>> with _total_rows_first(raw):
    ...     check_filled(raw, {"onetsoc_title": f["onetsoc_title"]}, "give every row its title")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: x.xlsx, row 5, column 'O*NET-SOC 2019 Code': the row is a total row ('Total'), not one of the crosswalk's rows: delete it
    """
    try:
        yield
    except DataFormatError as exc:
        f = raw.frame
        if exc.row is None or str(exc.path) != str(raw.path) or not f.shape[1]:
            raise
        looked = [c for c in f.columns if c not in skip]
        if not looked:
            raise
        hits = np.column_stack([f[c].astype("string").str.fullmatch(_TOTAL).to_numpy(dtype=bool, na_value=False)
                                for c in looked])
        if not hits.any():
            raise
        pos, j = (int(k) for k in np.argwhere(hits)[0])
        if raw.row(pos) > exc.row:  # a row above the total row is refused: it is named first
            raise
        column = looked[j]
        source = raw.sources.get(column, column)
        raise DataFormatError(f"the row is a total row ({str(f[column].iloc[pos]).strip()!r}), not one of "
                              f"{rows}: delete it", path=raw.path, row=raw.row(pos), column=source) from None


#: How many lines of a CSV crosswalk :func:`_title_lines` looks at for the header.
_TITLE_LINES_LOOKED_AT = 20


def _title_lines(exc: DataFormatError, columns: dict) -> DataFormatError | None:
    """The error about the title lines above the header of CSV crosswalk ``exc.path``, or None to keep ``exc``.

    The O*NET crosswalk workbooks hold title lines above their header, which the workbook
    reader skips. The same workbook saved as CSV keeps them, and was refused in words
    about its first line: ``missing column(s) 'O*NET-SOC 2019 Code', ... in the header
    (line 1); found: 'O*NET-SOC 2019 Occupation Listings'`` (title lines padded with
    commas, as a spreadsheet saves them), or ``row 4: too many fields: expected 1, got 4
    (an unquoted comma inside a field?)`` (not padded). Run on the error path only: a line
    of the first :data:`_TITLE_LINES_LOOKED_AT` that holds every column read is the header.
    A first line that is Excel's ``sep=`` line keeps the shared reader's error, which says
    so (:func:`exposure._tables.read_text_table`): it was ``line 1 is a title ('sep='),
    not the header``, the line cut at its comma.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
    >>> _ = p.write_text("O*NET-SOC 2019 Occupation Listings,,\\n,,\\nCode,Title,SOC\\n11-1011.00,CE,11-1011\\n")
    >>> print(_title_lines(DataFormatError("missing column(s)", path=p), {"code": "Code", "soc": "SOC"}).reason)
    line 1 is a title ('O*NET-SOC 2019 Occupation Listings'), not the header: the header (Code,Title,SOC) is on line 3; delete the 2 lines above it (a workbook saved as CSV keeps its title lines; the .xlsx workbook is read with them)
    """
    try:
        with open(exc.path, encoding="utf-8-sig", errors="replace", newline="") as handle:
            lines = [handle.readline() for _ in range(_TITLE_LINES_LOOKED_AT)]
        records = [next(csv.reader([line]), []) for line in lines if line]
    except (OSError, TypeError, csv.Error):
        return None
    wanted = [{norm_header(a) for a in ((names,) if isinstance(names, str) else names)}
              for names in columns.values()]
    for pos, record in enumerate(records):
        cells = {norm_header(c) for c in record}
        if not all(cells & names for names in wanted):
            continue
        if pos and lines[0].lstrip("\ufeff \t\"").lower().startswith("sep="):  # Excel's sep= line:
            return None  # the shared reader's error, which says so, stands
        if pos:
            title = ",".join(c.strip() for c in records[0] if c.strip())
            head = ",".join(c.strip() for c in record if c.strip())
            head = head if len(head) <= 80 else head[:77] + "..."
            above = "the line" if pos == 1 else f"the {pos} lines"
            first = f"a title ({title[:60]!r})" if title else "empty"
            return DataFormatError(f"line 1 is {first}, not the header: the header ({head}) is "
                                   f"on line {pos + 1}; delete {above} above it (a workbook saved as CSV keeps "
                                   "its title lines; the .xlsx workbook is read with them)", path=exc.path, row=1)
        return None  # the header is line 1: the error stands
    return None


def _merged_header(path, columns: dict) -> DataFormatError | None:
    """The error about crosswalk workbook ``path`` whose header is merged over two rows or more, or None to keep the error.

    A workbook saved by Excel with a header of two rows, each column's name in a cell
    merged down over both (``A4:A5``), or a row of group names above the names
    (``2018 SOC`` over ``2018 SOC Code`` and ``2018 SOC Title``, the other names merged
    down), was refused in words about its first data row, shown as the header found:
    ``missing column(s) 'O*NET-SOC 2019 Code', ... in the header (first 7 rows)``, then
    ``found: '11-1011.00', 'Chief Executives', ...``; or, when every name is merged down,
    as a data row whose cells are empty, with advice that made the header a data row:
    ``the cell A5 is part of the merged range A4:A5 ...``, then
    ``unmerge the cells and fill each one with its value``. Run on the error path only: in
    the first :data:`_TITLE_LINES_LOOKED_AT` rows of the first worksheet, the first row
    holding every column read once each merged cell's text fills the cells it spans is the
    header (what only the crosswalks' title rows need: the shared workbook reader finds no
    such row under a row of group names); a range merged over it and another row says the
    header spans those rows, in the words of :func:`exposure._tables.header_spans`, the
    file's (the header's) row named.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "m.xlsx"
    >>> wb = openpyxl.Workbook(); ws = wb.active
    >>> for row in [["Code", "SOC"], [], ["11-1011.00", "11-1011"]]:
    ...     ws.append(row)
    >>> ws.merge_cells("A1:A2"); ws.merge_cells("B1:B2"); wb.save(p)
    >>> print(_merged_header(p, {"code": "Code", "soc": "SOC"}).reason)
    the header spans rows 1 and 2 (its cell A1 is merged over A1:A2): a header is one row; unmerge the header's cells, write every column's name on row 1 and delete row 2
    """
    import openpyxl

    try:
        sheet = openpyxl.load_workbook(path).worksheets[0]  # not read-only: its merged ranges
    except Exception:  # noqa: BLE001 - a workbook openpyxl cannot open: the reader's error stands
        return None
    last = min(sheet.max_row, _TITLE_LINES_LOOKED_AT)
    down = [span for span in sheet.merged_cells.ranges if span.min_row < span.max_row and span.min_row <= last]
    if not down:
        return None
    grid = [list(cells) for cells in sheet.iter_rows(min_row=1, max_row=last, values_only=True)]
    for span in sheet.merged_cells.ranges:  # a merged cell's text, in every cell it spans
        value = sheet.cell(span.min_row, span.min_col).value
        for row in range(span.min_row, min(span.max_row, last) + 1):
            cells = grid[row - 1]
            cells.extend([None] * (span.max_col - len(cells)))
            cells[span.min_col - 1:span.max_col] = [value] * (span.max_col - span.min_col + 1)
    wanted = [{norm_header(a) for a in ((names,) if isinstance(names, str) else names)}
              for names in columns.values()]
    for row, cells in enumerate(grid, start=1):
        found = {norm_header(c) for c in cells if c is not None}
        if not all(found & names for names in wanted):
            continue
        across = [span for span in down if span.min_row <= row <= span.max_row]
        if not across:
            return None  # the header is one row: the error stands
        top, bottom = min(s.min_row for s in across), max(s.max_row for s in across)
        first = min(across, key=lambda s: (s.min_row, s.min_col))
        return DataFormatError(header_spans(top, bottom, first.coord), path=path, row=top)
    return None


def _strip(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.apply(lambda s: s.str.strip())


def _check_repeats(frame: pd.DataFrame, raw, keys, what: str, *, label: str | None = None,
                   column=None) -> None:
    """Refuse a key of ``frame`` (the columns ``keys``) given twice, naming it, both rows and the column.

    The schema's uniqueness check said only ``check multiple_fields_uniqueness: '(the
    row)'`` (no code, no column), or named the first copy's row alone; its name ends the
    message, as in :mod:`exposure.onet`. ``label`` is how the
    key is called (default: its columns in the file); ``column`` the column to name (default
    the same), or a function of the repeat's position giving it. Rows whose key the file writes
    in two ways (``111011`` and ``11-1011``, read as one code) are said to be so, not to be
    an exact copy.

    Examples
    --------
    >>> from pathlib import Path
    >>> from exposure._tables import RawTable
    >>> f = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "census_occ": ["0010", "0020"]})
    >>> _check_repeats(f, RawTable(f, Path("c.csv"), 2, {"onetsoc_code": "Code"}), ["onetsoc_code"],
    ...                "O*NET-SOC code")
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: c.csv, row 3, column 'Code': Code '11-1011.00' is on row 2 and again on row 3, with other values: keep one row per O*NET-SOC code (check field_uniqueness)
    """
    repeat = first_repeat_of(frame, keys, "")
    if repeat is None:
        return
    pos, first = repeat
    names = "/".join(raw.sources.get(k, k) for k in keys)
    where = column(pos) if callable(column) else (column or names)
    rows = frame.iloc[[first, pos]].astype("string").fillna("<NA>")
    copy = ", an exact copy" if rows.iloc[0].tolist() == rows.iloc[1].tolist() else ", with other values"
    # the key as the file writes it: '111011' and '11-1011' (one code once read) were "an exact copy"
    written = [(raw.frame[k].iloc[first], raw.frame[k].iloc[pos]) for k in keys
               if k in raw.frame.columns and len(raw.frame) == len(frame)]
    differ = [(a, b) for a, b in written if not (pd.isna(a) and pd.isna(b)) and str(a) != str(b)]
    if copy == ", an exact copy" and differ:
        copy = f", the same {what} written another way ({differ[0][0]!r} and {differ[0][1]!r})"
    values = frame[keys].astype("string").fillna("").iloc[pos]  # the repeated key
    raise SchemaError(f"{label or names} {'/'.join(repr(str(v)) for v in values)} is on row "
                      f"{raw.row(first)} and again on row {raw.row(pos)}{copy}: keep one row per {what} (check "
                      f"{'field' if len(keys) == 1 else 'multiple_fields'}_uniqueness)",
                      path=raw.path, row=raw.row(pos), column=where)


def _check_titles(frame: pd.DataFrame, raw, key: str, title: str, what: str) -> None:
    """Refuse a code of the column ``key`` given two titles (column ``title``), naming both rows.

    A code on several rows (a SOC 2018 code of several O*NET-SOC codes, the split rows of
    an O*NET-SOC 2010 code) has one title; another on a later row (a shifted row, a code
    typed wrong) was read without a word. Titles are compared in any case and spacing.

    Examples
    --------
    >>> from pathlib import Path
    >>> from exposure._tables import RawTable
    >>> f = pd.DataFrame({"soc_code": ["11-1011", "11-1011"], "soc_title": ["Chief Executives", "Legislators"]})
    >>> _check_titles(f, RawTable(f, Path("x.xlsx"), 2, {"soc_title": "2018 SOC Title"}), "soc_code",
    ...               "soc_title", "SOC 2018 code")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: x.xlsx, row 3, column '2018 SOC Title': 2018 SOC Title 'Legislators' of the SOC 2018 code '11-1011' differs from its title on row 2, 'Chief Executives': a shifted row or a code typed wrong? give each code one title
    """
    codes = frame[key].reset_index(drop=True)
    titles = frame[title].reset_index(drop=True).astype("string")
    norm = titles.str.casefold().str.split().str.join(" ")
    first = codes.drop_duplicates()
    at = pd.Series(first.index, index=first.to_numpy())  # code -> position of its first row
    firsts = at.reindex(codes.to_numpy()).to_numpy()
    odd = (norm.to_numpy() != norm.iloc[firsts].to_numpy())
    odd = np.asarray(pd.array(odd, dtype="boolean").fillna(False), dtype=bool)
    if odd.any():
        pos = int(np.flatnonzero(odd)[0])
        was = int(firsts[pos])
        source = raw.sources.get(title, title)
        raise DataFormatError(f"{source} {titles.iloc[pos]!r} of the {what} {codes.iloc[pos]!r} differs from its "
                              f"title on row {raw.row(was)}, {titles.iloc[was]!r}: a shifted row or a code typed "
                              "wrong? give each code one title", path=raw.path, row=raw.row(pos), column=source)


def read_onet_to_soc(path) -> pd.DataFrame:
    """Read the O*NET-SOC 2019 -> SOC 2018 crosswalk (``2019_to_SOC_Crosswalk.xlsx``).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._crosswalks.OnetToSoc`: ``onetsoc_code``,
        ``onetsoc_title``, ``soc_code``, ``soc_title``; one row per O*NET code. Several
        O*NET codes share one SOC code (``11-1011.00`` and ``11-1011.03`` -> ``11-1011``).

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.xlsx"
    >>> wb = openpyxl.Workbook(); ws = wb.active
    >>> for row in [["O*NET-SOC 2019 Occupation Listings"], [],
    ...             ["O*NET-SOC 2019 Code", "O*NET-SOC 2019 Title", "2018 SOC Code",
    ...              "2018 SOC Title"],
    ...             ["11-1011.03", "Chief Sustainability Officers", "11-1011", "Chief Executives"]]:
    ...     ws.append(row)
    >>> wb.save(p)
    >>> read_onet_to_soc(p)[["onetsoc_code", "soc_code"]].to_dict("records")
    [{'onetsoc_code': '11-1011.03', 'soc_code': '11-1011'}]
    """
    raw = _read_crosswalk(
        path,
        {
            "onetsoc_code": ("O*NET-SOC 2019 Code", "O*NET-SOC Code"),
            "onetsoc_title": ("O*NET-SOC 2019 Title", "O*NET-SOC Title"),
            "soc_code": ("2018 SOC Code", "SOC Code"),
            "soc_title": ("2018 SOC Title", "SOC Title"),
        },
    )
    with _total_rows_first(raw):
        f = _strip(raw.frame)
        check_filled(raw, {"onetsoc_title": f["onetsoc_title"], "soc_title": f["soc_title"]}, "give every row its title")
        check_code_cells(f, raw, "onetsoc_code", ONETSOC_PATTERN, "an O*NET-SOC 2019 code (like 11-1011.03)")
        check_code_cells(f, raw, "soc_code", SOC_PATTERN, "a SOC 2018 code (like 11-1011)")
        _check_repeats(f, raw, ["onetsoc_code"], "O*NET-SOC code")
        _check_own_soc(f, raw)  # in its words, before the model's own_soc check
        frame = validate(f, OnetToSoc, path=raw.path, row_offset=raw.first_row, names=raw.sources)
        _check_titles(frame, raw, "soc_code", "soc_title", "SOC 2018 code")
        return frame


def _check_own_soc(frame: pd.DataFrame, raw) -> None:
    """Refuse a SOC code that is not the first seven characters of its O*NET-SOC 2019 code.

    Every O*NET-SOC 2019 code is its SOC 2018 detailed code with two digits added; another
    SOC code (an O*NET-SOC 2010 code mapped to its 2018 code, a broad or major group, a
    shifted row) was read as it stood.

    Examples
    --------
    >>> from pathlib import Path
    >>> from exposure._tables import RawTable
    >>> f = pd.DataFrame({"onetsoc_code": ["15-1132.00"], "soc_code": ["15-1252"]})
    >>> _check_own_soc(f, RawTable(f, Path("x.xlsx"), 5, {"soc_code": "2018 SOC Code"}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: x.xlsx, row 5, column '2018 SOC Code': '15-1252' is not the SOC code of '15-1132.00' (its first seven characters, '15-1132'): a shifted row, or a code of another SOC vintage (O*NET-SOC 2019 codes expected)?
    """
    other = (frame["onetsoc_code"].str.slice(0, 7) != frame["soc_code"]).to_numpy(dtype=bool)
    if other.any():
        pos = int(np.flatnonzero(other)[0])
        onet, soc = frame["onetsoc_code"].iloc[pos], frame["soc_code"].iloc[pos]
        raise DataFormatError(f"{soc!r} is not the SOC code of {onet!r} (its first seven characters, "
                              f"{onet[:7]!r}): a shifted row, or a code of another SOC vintage (O*NET-SOC "
                              "2019 codes expected)?", path=raw.path, row=raw.row(pos),
                              column=raw.sources.get("soc_code", "2018 SOC Code"))


_LEVEL_COLUMNS = {
    "major": "Major Group",
    "minor": "Minor Group",
    "broad": "Broad Occupation",
    "detailed": "Detailed Occupation",
}


#: The form of a code of each level of the SOC structure (the SOC 2018 coding rules: a major
#: group ends in 0000, a minor group in 00, a broad group in 0, a detailed code in 1-9), and
#: how it is described.
_LEVEL_FORMS = {
    "major": (r"[0-9]{2}-0000", "a major group code (like 11-0000)"),
    "minor": (r"[0-9]{2}-[1-9][0-9]00", "a minor group code (like 11-1000)"),
    "broad": (r"[0-9]{2}-[0-9]{2}[1-9]0", "a broad group code (like 11-1010)"),
    "detailed": (r"[0-9]{2}-[0-9]{3}[1-9]", "a detailed code (like 11-1011)"),
    "onet": (r"[0-9]{2}-[0-9]{4}\.[0-9]{2}", "an O*NET-SOC code (like 11-1011.03)"),
}


def read_soc_structure(path) -> pd.DataFrame:
    """Read the SOC 2018 / O*NET-SOC 2019 hierarchy (``SOC_Structure.xlsx``).

    The workbook lists each code in the column of its level (major, minor, broad,
    detailed, O*NET-SOC detail) with the title in the last column; parents are carried
    down from the rows above. A code not of its column's level (``11-1011.03`` under
    ``Detailed Occupation``, ``11-0000`` under ``Minor Group``), malformed, or saved as a
    date or number is refused, naming the row and column (pandera named the frame's
    columns ``detailed_code`` or ``major_code``, which the file does not have, or said the
    code was given twice).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._crosswalks.SocStructure`: ``soc_code``, ``level``,
        ``title``, ``major_code``, ``minor_code``, ``broad_code``, ``detailed_code``.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.xlsx"
    >>> wb = openpyxl.Workbook(); ws = wb.active
    >>> rows = [["Major Group", "Minor Group", "Broad Occupation", "Detailed Occupation",
    ...          "Detailed O*NET-SOC", "SOC or O*NET-SOC 2019 Title"],
    ...         ["11-0000", None, None, None, None, "Management Occupations"],
    ...         [None, "11-1000", None, None, None, "Top Executives"],
    ...         [None, None, "11-1010", None, None, "Chief Executives"],
    ...         [None, None, None, "11-1011", None, "Chief Executives"],
    ...         [None, None, None, None, "11-1011.03", "Chief Sustainability Officers"]]
    >>> for row in rows:
    ...     ws.append(row)
    >>> wb.save(p)
    >>> s = read_soc_structure(p)
    >>> s[["soc_code", "level", "broad_code"]].iloc[-1].tolist()
    ['11-1011.03', 'onet', '11-1010']
    """
    raw = _read_crosswalk(
        path,
        {**_LEVEL_COLUMNS, "title": ("SOC or O*NET-SOC 2019 Title", "Title")},
        optional={"onet": ("Detailed O*NET-SOC", "O*NET-SOC Code")},
    )
    with _total_rows_first(raw):
        f = _strip(raw.frame)
        check_filled(raw, {"title": f["title"]}, "give every row its title")
        levels = [lv for lv in ("major", "minor", "broad", "detailed", "onet") if lv in f]
        codes, level_of, parents = [], [], {lv: [] for lv in ("major", "minor", "broad", "detailed")}
        current = dict.fromkeys(parents)
        at = dict.fromkeys(parents)  # the position of each current parent's row
        for pos, row in enumerate(f[levels].itertuples(index=False)):
            filled = [(lv, v) for lv, v in zip(levels, row) if v]
            if len(filled) != 1:
                raise DataFormatError(
                    f"expected exactly one code per row, got {len(filled)}",
                    path=raw.path,
                    row=raw.row(pos),
                )
            lv, code = filled[0]
            form, what = _LEVEL_FORMS[lv]
            if not re.fullmatch(form, code):
                source, hint = raw.sources.get(lv, lv), code_hint(code, form + r"\Z")
                raise SchemaError(f"{source} must be {what}, got {code!r}{hint}",
                                      path=raw.path, row=raw.row(pos), column=source)
            if lv in current:
                current[lv], at[lv] = code, pos
                # a new parent resets its children
                for child in list(current)[list(current).index(lv) + 1 :]:
                    current[child] = at[child] = None
            codes.append(code)
            level_of.append(lv)
            for p in parents:
                parents[p].append((current[p], at[p]))
        frame = pd.DataFrame(
            {
                "soc_code": codes,
                "level": level_of,
                "title": f["title"].to_numpy(),
                **{f"{p}_code": pd.array([c for c, _ in v], dtype="str") for p, v in parents.items()},
            }
        )
        _check_repeats(frame, raw, ["soc_code"], "code", label="code",
                       column=lambda pos: raw.sources.get(level_of[pos], level_of[pos]))
        frame = validate(frame, SocStructure, path=raw.path, row_offset=raw.first_row, names=raw.sources)
        _check_parents(frame, parents, raw)
        return frame


#: How the rows of each level of the SOC structure are called in messages.
_LEVEL_NAMES = {"major": "major group", "minor": "minor group", "broad": "broad group",
                "detailed": "detailed code", "onet": "O*NET-SOC code"}


def _belongs(code: str, level: str, parent: str) -> bool:
    """Whether ``parent`` (a code of ``level``) can be the ``level`` parent of ``code``.

    A major group is the first two digits; a minor group the digits of the code before its
    trailing zeros (``15-1200`` holds ``15-12xx``); a broad group the first five digits and
    0, or the group of :data:`BROAD_EXCEPTIONS`; a detailed code the first seven
    characters of an O*NET-SOC code.

    Examples
    --------
    >>> _belongs("15-1211", "minor", "15-1200"), _belongs("29-1221", "broad", "29-1210")
    (True, True)
    >>> _belongs("11-1021", "broad", "11-1010")
    False
    """
    if level == "major":
        return parent == code[:2] + "-0000"
    if level == "minor":
        return code.startswith(parent.rstrip("0"))
    if level == "broad":
        return parent in (code[:6] + "0", _broad(code[:7]))
    return parent == code[:7]


def _check_parents(frame: pd.DataFrame, parents: dict, raw) -> None:
    """Refuse a code of the SOC structure under a parent it does not belong to (:func:`_belongs`).

    The parents of a row are carried down from the rows above, so a missing parent row
    (a broad group left out) put its codes under the parent above it, and a code in another
    level's column sat under the wrong parents, without a word. Every level above a row's
    own must have its parent (a detailed code its major, minor and broad groups).
    ``parents`` maps each level to the (code, position) of each row's parent.
    """
    order = list(_LEVEL_NAMES)
    for pos, (code, level) in enumerate(zip(frame["soc_code"], frame["level"])):
        for above in order[: order.index(level)]:
            parent, where = parents[above][pos]
            if parent is not None and _belongs(code, above, parent):
                continue
            what = f"{_LEVEL_NAMES[level]} {code!r}"
            said = (f"{what} has no {_LEVEL_NAMES[above]} above it" if parent is None else
                    f"{what} is under the {_LEVEL_NAMES[above]} {parent!r} of row {raw.row(where)}")
            raise DataFormatError(f"{said}: a row of the {_LEVEL_NAMES[above]} is missing, or a row is out "
                                  "of place", path=raw.path, row=raw.row(pos),
                                  column=raw.sources.get(level, level))


def read_soc_2010_to_2018(path) -> pd.DataFrame:
    """Read the O*NET-SOC 2010 -> SOC 2018 crosswalk (``2010_to_2018_SOC_Crosswalk.xlsx``).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._crosswalks.Soc2010To2018`: ``onetsoc_2010_code``,
        ``onetsoc_2010_title``, ``soc_2010_code`` (first 7 characters of the O*NET-SOC
        2010 code), ``soc_code`` (2018), ``soc_title``. Some 2010 codes map to several
        2018 codes.

    Raises
    ------
    exposure.errors.DataFormatError
        Among the file's other checks: a SOC 2018 code given two titles (a shifted row, a
        code typed wrong), naming both rows, as an O*NET-SOC 2010 code given two is; the
        second title was read without a word.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
    >>> _ = p.write_text("O*NET-SOC 2010 Code,O*NET-SOC 2010 Title,2018 SOC Code,2018 SOC Title\\n"
    ...                  "11-1011.00,Chief Executives,11-1011,Chief Executives\\n")
    >>> read_soc_2010_to_2018(p)["soc_2010_code"].tolist()
    ['11-1011']
    """
    raw = _read_crosswalk(
        path,
        {
            "onetsoc_2010_code": "O*NET-SOC 2010 Code",
            "onetsoc_2010_title": "O*NET-SOC 2010 Title",
            "soc_code": "2018 SOC Code",
            "soc_title": "2018 SOC Title",
        },
    )
    with _total_rows_first(raw):
        f = _strip(raw.frame)
        check_filled(raw, {"onetsoc_2010_title": f["onetsoc_2010_title"], "soc_title": f["soc_title"]}, "give every row its title")
        check_code_cells(f, raw, "onetsoc_2010_code", ONETSOC_PATTERN, "an O*NET-SOC 2010 code (like 11-1011.00)",
                         other_kind=False)  # no '.00' advice: the 2010 code 19-1020 has none
        check_code_cells(f, raw, "soc_code", SOC_PATTERN, "a SOC 2018 code (like 11-1011)")
        _check_repeats(f, raw, ["onetsoc_2010_code", "soc_code"], "pair of codes")
        _check_titles(f, raw, "onetsoc_2010_code", "onetsoc_2010_title", "O*NET-SOC 2010 code")
        _check_titles(f, raw, "soc_code", "soc_title", "SOC 2018 code")  # a second title was read silently
        frame = pd.DataFrame(
            {
                "onetsoc_2010_code": f["onetsoc_2010_code"],
                "onetsoc_2010_title": f["onetsoc_2010_title"],
                "soc_2010_code": f["onetsoc_2010_code"].str.slice(0, 7),
                "soc_code": f["soc_code"],
                "soc_title": f["soc_title"],
            }
        )
        return validate(frame, Soc2010To2018, path=raw.path, row_offset=raw.first_row, names=raw.sources)


def _hyphenate_soc(code: pd.Series) -> pd.Series:
    return code.where(~code.str.fullmatch(r"[0-9]{6}"), code.str[:2] + "-" + code.str[2:])


def read_soc10_isco08(path) -> pd.DataFrame:
    """Read the SOC 2010 -> ISCO-08 crosswalk (``soc10_isco08.csv``: ``soc10,isco08``).

    SOC codes published without hyphen (``111011``) are hyphenated (``11-1011``);
    ISCO-08 codes that lost their leading zero in the CSV (armed forces ``110``, ``210``,
    ``310``) are zero-padded to four digits (``0110``). Any other ISCO-08 code that is not
    four digits is refused (``111`` was padded into ``0111``, which ISCO-08 does not have).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._crosswalks.Soc10Isco08`: ``soc_2010_code``,
        ``isco08_code``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "soc10_isco08.csv"
    >>> _ = p.write_text("soc10,isco08\\n111011,1112\\n551011,110\\n")
    >>> read_soc10_isco08(p).values.tolist()
    [['11-1011', '1112'], ['55-1011', '0110']]
    """
    raw = _read_crosswalk(path, {"soc_2010_code": "soc10", "isco08_code": "isco08"})
    with _total_rows_first(raw):
        f = _strip(raw.frame)
        isco = f["isco08_code"]
        isco = isco.where(~isco.isin(_ARMED_FORCES), isco.str.zfill(4))
        soc = _hyphenate_soc(f["soc_2010_code"])
        # the first row refused, soc10 before isco08 on it: a row of another kind (a total row
        # 'Total,3') was refused for its isco08 '3' with the advice to write it as text
        bad_isco = (~isco.str.fullmatch(r"[0-9]{4}")).to_numpy(dtype=bool)
        bad_soc = (~soc.str.fullmatch(r"[0-9]{2}-[0-9]{4}")).to_numpy(dtype=bool)
        if bad_isco.any() and not bad_soc[:int(np.flatnonzero(bad_isco)[0]) + 1].any():  # '111' became '0111'
            pos = int(np.flatnonzero(bad_isco)[0])
            value = f["isco08_code"].iloc[pos]
            why = (": only the armed forces' codes 0110, 0210, 0310 are read from three digits (110, 210, 310)"
                   if re.fullmatch(r"[0-9]{3}", value) else NUMBER_HINT if re.fullmatch(r"[0-9]+\.0+", value)
                   else code_hint(value, ISCO_UNIT_PATTERN))
            said = ("isco08 is blank: give a four-digit ISCO-08 unit group (like 1112)" if not value else
                    f"isco08 must be a four-digit ISCO-08 unit group (like 1112), got {value!r}{why}")
            raise DataFormatError(said, path=raw.path, row=raw.row(pos), column=raw.sources.get("isco08_code", "isco08"))
        if bad_soc.any():  # pandera's "check str_matches(...)" said neither what was expected nor why
            pos = int(np.flatnonzero(bad_soc)[0])
            value = f["soc_2010_code"].iloc[pos]
            why = code_hint(value, r"[0-9]{2}-?[0-9]{4}\Z")  # 111011.0: the code to write, '11-1011'
            said = ("soc10 is blank: give a SOC 2010 code (like 11-1011 or 111011)" if not value else
                    f"soc10 must be a SOC 2010 code (like 11-1011 or 111011), got {value!r}{why}")
            raise DataFormatError(said, path=raw.path, row=raw.row(pos), column=raw.sources.get("soc_2010_code", "soc10"))
        frame = pd.DataFrame({"soc_2010_code": soc, "isco08_code": isco})
        _check_repeats(frame, raw, ["soc_2010_code", "isco08_code"], "pair of codes")
        return validate(frame, Soc10Isco08, path=raw.path, row_offset=raw.first_row, names=raw.sources)


#: The ISCO-08 unit groups that lose a leading zero in a CSV (the armed forces), as they are read.
_ARMED_FORCES = ("110", "210", "310")


def read_isco_groups(path) -> pd.DataFrame:
    """Read ISCO-08 group titles (ESCO's ``ISCOGroups_en.csv``).

    Rows are CSV records; some descriptions span several lines, so reported row numbers
    are record numbers (header = 1). The line breaks of a description are ``\\n`` whatever
    the file's line ends (a CSV of CRLF line ends kept ``\\r\\n`` in them).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._crosswalks.IscoGroups`: ``isco08_code``, ``level``
        (number of digits), ``isco_title``, ``description``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "isco.csv"
    >>> _ = p.write_text('conceptType,code,preferredLabel,description\\n'
    ...                  'ISCOGroup,0110,Commissioned armed forces officers,"Officers.\\nMore."\\n')
    >>> read_isco_groups(p)[["isco08_code", "level"]].values.tolist()
    [['0110', 4]]
    """
    raw = _read_crosswalk(
        path,
        {"isco08_code": "code", "isco_title": "preferredLabel"},
        optional={"description": "description"},
    )
    with _total_rows_first(raw):
        f = raw.frame
        code = f["isco08_code"].str.strip()
        frame = pd.DataFrame(
            {
                "isco08_code": code,
                "level": code.str.len(),
                "isco_title": f["isco_title"].str.strip(),
                # a CSV of CRLF line ends keeps them inside a quoted description (LF, and a workbook, give "\n")
                "description": (missing_to_na(f["description"].str.replace("\r\n", "\n", regex=False), {""})
                                if "description" in f else pd.NA),
            }
        )
        check_filled(raw, {"isco_title": frame["isco_title"]}, "give every row its title")
        check_code_cells(frame, raw, "isco08_code", ISCO_PATTERN, "an ISCO-08 code of 1 to 4 digits (like 0110)")
        _check_isco_groups(code, raw)
        _check_armed_forces(frame, raw)
        _check_repeats(frame, raw, ["isco08_code"], "ISCO-08 code")
        return validate(frame, IscoGroups, path=raw.path, row_offset=raw.first_row, names=raw.sources)


def _check_isco_groups(codes: pd.Series, raw) -> None:
    """Refuse a sub-major or minor group code (2 or 3 digits) with a 0 after its first digit.

    ISCO-08 numbers the groups under a group from 1 (``01``, ``011``); only unit groups end
    in 0 (``0110``, ``1120``). Such a code is a unit group whose leading zero was lost (a
    file saved by a spreadsheet: ``0110`` became ``110``): it was read as a level-3 group
    ISCO-08 does not have, without a word. It was advised to save the column as text, which
    gives no zero back: the code to write is said (``'0110'``).

    Examples
    --------
    >>> from pathlib import Path
    >>> from exposure._tables import RawTable
    >>> f = pd.DataFrame({"isco08_code": ["0", "011", "110"]})
    >>> _check_isco_groups(f["isco08_code"], RawTable(f, Path("i.csv"), 2, {"isco08_code": "code"}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: i.csv, row 4, column 'code': '110' is no ISCO-08 group (no sub-major or minor group has a 0 after its first digit): the unit group '0110' with its leading zero lost? write '0110', and import that column as Text when opening the file in a spreadsheet
    """
    short = codes.str.len().isin([2, 3]).to_numpy(dtype=bool)
    bad = short & codes.str.slice(1).str.contains("0", regex=False).to_numpy(dtype=bool, na_value=False)
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        code, source = codes.iloc[pos], raw.sources.get("isco08_code", "code")
        meant = code.zfill(4)
        hint = (f": the unit group {meant!r} with its leading zero lost? write {meant!r}, and import that column "
                "as Text when opening the file in a spreadsheet" if len(code) == 3 else "")
        raise DataFormatError(f"{code!r} is no ISCO-08 group (no sub-major or minor group has a 0 after "
                              f"its first digit){hint}", path=raw.path, row=raw.row(pos), column=source)


#: The armed forces' sub-major and minor groups (``01``, ``011``, ...) without their leading zero.
_ARMED_FORCES_LOST = ("1", "2", "3", "11", "21", "31")


def _check_armed_forces(frame: pd.DataFrame, raw) -> None:
    """Refuse a group code given twice with two titles that is an armed forces group without its leading zero.

    ESCO's file saved by a spreadsheet without its unit groups (a table of groups down to
    the minor groups) holds ``01`` as ``1`` and ``011`` as ``11``, the codes of other
    groups: it was refused as the code ``1`` given twice "with other values", which did
    not say why (:func:`_check_isco_groups` tells a unit group's lost zero, ``110``).

    Examples
    --------
    >>> from pathlib import Path
    >>> from exposure._tables import RawTable
    >>> f = pd.DataFrame({"isco08_code": ["0", "1", "1"], "isco_title": ["Armed forces", "Officers", "Managers"]})
    >>> _check_armed_forces(f, RawTable(f, Path("i.csv"), 2, {"isco08_code": "code"}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: i.csv, row 4, column 'code': code '1' is on row 3 and again on row 4, with other titles: the armed forces group '01' with its leading zero lost? write '01', and import that column as Text when opening the file in a spreadsheet
    """
    repeat = first_repeat_of(frame[["isco08_code"]], ["isco08_code"], "")
    if repeat is None:
        return
    pos, first = repeat
    code = frame["isco08_code"].iloc[pos]
    titles = frame["isco_title"].iloc[[first, pos]].astype("string").str.casefold().tolist()
    if code in _ARMED_FORCES_LOST and titles[0] != titles[1]:
        source = raw.sources.get("isco08_code", "code")
        raise DataFormatError(f"{source} {code!r} is on row {raw.row(first)} and again on row {raw.row(pos)}, with "
                              f"other titles: the armed forces group '0{code}' with its leading zero lost? write "
                              f"'0{code}', and {AS_TEXT}",
                              path=raw.path, row=raw.row(pos), column=source)


def read_naics_titles(path) -> pd.DataFrame:
    """Read NAICS 2022 codes and titles (``2-6 digit_2022_Codes.xlsx``).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._crosswalks.NaicsTitles`: ``naics``, ``naics_title``
        (surrounding whitespace stripped), ``level`` (2-6; sector ranges such as
        ``31-33`` are level 2).

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "n.xlsx"
    >>> wb = openpyxl.Workbook(); ws = wb.active
    >>> for row in [["Seq. No.", "2022 NAICS US   Code", "2022 NAICS US Title"],
    ...             [1, "31-33", "Manufacturing "], [2, "311", "Food Manufacturing"]]:
    ...     ws.append(row)
    >>> wb.save(p)
    >>> read_naics_titles(p).values.tolist()
    [['31-33', 'Manufacturing', 2], ['311', 'Food Manufacturing', 3]]
    """
    raw = _read_crosswalk(
        path,
        {
            "naics": ("2022 NAICS US Code", "2022 NAICS Code", "NAICS Code"),
            "naics_title": ("2022 NAICS US Title", "2022 NAICS Title", "NAICS Title"),
        },
    )
    with _total_rows_first(raw):
        f = _strip(raw.frame)
        check_filled(raw, {"naics_title": f["naics_title"]}, "give every row its title")
        # pandera's words showed its regex, and a failure of 'level', a column the file does not have
        check_code_cells(f, raw, "naics", NAICS_PATTERN, "a NAICS code of 2 to 6 digits (like 311, or a sector range "
                         "like 31-33)")
        _check_repeats(f, raw, ["naics"], "NAICS code")
        level = f["naics"].map(lambda c: 2 if re.fullmatch(r"[0-9]{2}-[0-9]{2}", c) else len(c))
        frame = pd.DataFrame({"naics": f["naics"], "naics_title": f["naics_title"], "level": level})
        return validate(frame, NaicsTitles, path=raw.path, row_offset=raw.first_row, names=raw.sources)


def _load(key: str, reader, mirror, data_dir) -> pd.DataFrame:
    check_location(mirror, "mirror")
    check_location(data_dir, "data_dir")
    path = fetch(CROSSWALK_FILES[key], mirror=mirror, data_dir=data_dir)
    log.info("reading %s", path)
    return reader(path)


def load_onet_to_soc(*, mirror=None, data_dir=None) -> pd.DataFrame:
    """:func:`read_onet_to_soc` of the registered file, via :func:`exposure.fetch.fetch`.

    Parameters
    ----------
    mirror, data_dir : str or os.PathLike, optional
        Passed to :func:`exposure.fetch.fetch` (the file is sha256-verified).

    Returns
    -------
    pandas.DataFrame
        See :func:`read_onet_to_soc`.

    Examples
    --------
    A mirror without the file is an error that names it:

    >>> import tempfile
    >>> load_onet_to_soc(mirror=tempfile.mkdtemp(), data_dir=tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    exposure.errors.DownloadError: crosswalks/2019_to_SOC_Crosswalk.xlsx: not found in mirror ...
    """
    return _load("onet_to_soc", read_onet_to_soc, mirror, data_dir)


def load_soc_structure(*, mirror=None, data_dir=None) -> pd.DataFrame:
    """:func:`read_soc_structure` of the registered file, via :func:`exposure.fetch.fetch`.

    Parameters
    ----------
    mirror, data_dir : str or os.PathLike, optional
        Passed to :func:`exposure.fetch.fetch` (the file is sha256-verified).

    Returns
    -------
    pandas.DataFrame
        See :func:`read_soc_structure`.

    Examples
    --------
    A mirror without the file is an error that names it:

    >>> import tempfile
    >>> load_soc_structure(mirror=tempfile.mkdtemp(), data_dir=tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    exposure.errors.DownloadError: crosswalks/SOC_Structure.xlsx: not found in mirror ...
    """
    return _load("soc_structure", read_soc_structure, mirror, data_dir)


def load_soc_2010_to_2018(*, mirror=None, data_dir=None) -> pd.DataFrame:
    """:func:`read_soc_2010_to_2018` of the registered file, via :func:`exposure.fetch.fetch`.

    Parameters
    ----------
    mirror, data_dir : str or os.PathLike, optional
        Passed to :func:`exposure.fetch.fetch` (the file is sha256-verified).

    Returns
    -------
    pandas.DataFrame
        See :func:`read_soc_2010_to_2018`.

    Examples
    --------
    A mirror without the file is an error that names it:

    >>> import tempfile
    >>> load_soc_2010_to_2018(mirror=tempfile.mkdtemp(), data_dir=tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    exposure.errors.DownloadError: crosswalks/2010_to_2018_SOC_Crosswalk.xlsx: not found in mirror ...
    """
    return _load("soc_2010_to_2018", read_soc_2010_to_2018, mirror, data_dir)


def load_soc10_isco08(*, mirror=None, data_dir=None) -> pd.DataFrame:
    """:func:`read_soc10_isco08` of the registered file, via :func:`exposure.fetch.fetch`.

    Parameters
    ----------
    mirror, data_dir : str or os.PathLike, optional
        Passed to :func:`exposure.fetch.fetch` (the file is sha256-verified).

    Returns
    -------
    pandas.DataFrame
        See :func:`read_soc10_isco08`.

    Examples
    --------
    A mirror without the file is an error that names it:

    >>> import tempfile
    >>> load_soc10_isco08(mirror=tempfile.mkdtemp(), data_dir=tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    exposure.errors.DownloadError: crosswalks/soc10_isco08.csv: not found in mirror ...
    """
    return _load("soc10_isco08", read_soc10_isco08, mirror, data_dir)


def load_isco_groups(*, mirror=None, data_dir=None) -> pd.DataFrame:
    """:func:`read_isco_groups` of the registered file, via :func:`exposure.fetch.fetch`.

    Parameters
    ----------
    mirror, data_dir : str or os.PathLike, optional
        Passed to :func:`exposure.fetch.fetch` (the file is sha256-verified).

    Returns
    -------
    pandas.DataFrame
        See :func:`read_isco_groups`.

    Examples
    --------
    A mirror without the file is an error that names it:

    >>> import tempfile
    >>> load_isco_groups(mirror=tempfile.mkdtemp(), data_dir=tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    exposure.errors.DownloadError: crosswalks/ISCOGroups_en.csv: not found in mirror ...
    """
    return _load("isco_groups", read_isco_groups, mirror, data_dir)


def load_naics_titles(*, mirror=None, data_dir=None) -> pd.DataFrame:
    """:func:`read_naics_titles` of the registered file, via :func:`exposure.fetch.fetch`.

    Parameters
    ----------
    mirror, data_dir : str or os.PathLike, optional
        Passed to :func:`exposure.fetch.fetch` (the file is sha256-verified).

    Returns
    -------
    pandas.DataFrame
        See :func:`read_naics_titles`.

    Examples
    --------
    A mirror without the file is an error that names it:

    >>> import tempfile
    >>> load_naics_titles(mirror=tempfile.mkdtemp(), data_dir=tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    exposure.errors.DownloadError: crosswalks/2-6 digit_2022_Codes.xlsx: not found in mirror ...
    """
    return _load("naics_titles", read_naics_titles, mirror, data_dir)


def read_census_crosswalk(path) -> pd.DataFrame:
    """Read the O*NET-SOC 2019 -> Census 2018 OCC crosswalk (``onet_to_census_occ2018.csv``).

    Columns ``Code`` (O*NET-SOC), ``Occupation``, ``cps_code`` (the Census 2018 ``OCC`` code
    of CPS and ACS microdata, four digits), ``Job Zone`` (a whole number 1-5, or blank) and
    ``Data-level`` (``Y`` when O*NET collects data for the occupation, ``N`` or blank when
    not; any case). A cell ``NA`` or ``N/A`` (the file written back by R's ``write.csv`` or
    readr's ``write_csv``) is blank, in ``Job Zone``, ``Data-level`` and ``cps_code``.
    Several O*NET codes share one Census code (up to 37 in the Yale Budget Lab file); two
    "All Other" codes (``51-8099.00``, ``51-8099.01``) have none, their ``census_occ`` is
    missing.

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._outcomes.OnetToCensus`: ``onetsoc_code``,
        ``onetsoc_title``, ``census_occ``, ``job_zone``, ``data_level``.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the file, row and column: a ``Job Zone`` that is not a whole number (it was
        read as missing) or outside 1-5, a ``Data-level`` other than Y, N or blank (it was
        read as False); a blank ``Occupation`` (read as the title ``''``); a ``cps_code``
        that is not four digits (``10``: leading zeros lost); a malformed code; an O*NET-SOC
        code given twice, naming both rows (:class:`~exposure.errors.SchemaError`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "census.csv"
    >>> _ = p.write_text("Job Zone,Occupation,Data-level,Code,cps_code\\n"
    ...                  "5,Chief Executives,Y,11-1011.00,0010\\n"
    ...                  ',"Plant and System Operators, All Other",,51-8099.00,\\n')
    >>> read_census_crosswalk(p)[["onetsoc_code", "census_occ", "job_zone", "data_level"]]
      onetsoc_code census_occ  job_zone  data_level
    0   11-1011.00       0010       5.0        True
    1   51-8099.00        NaN       NaN       False
    """
    raw = _read_crosswalk(
        path,
        {
            "onetsoc_code": "Code",
            "onetsoc_title": "Occupation",
            "census_occ": "cps_code",
            "job_zone": "Job Zone",
            "data_level": "Data-level",
        },
    )
    with _total_rows_first(raw):
        f = _strip(raw.frame)
        # 'NA' (R's write.csv, readr's write_csv) is a blank cell, as Job Zone reads it (to_number):
        # the file written back by R was refused for its blank Data-level and cps_code cells
        for column in ("data_level", "census_occ"):
            f[column] = missing_to_na(f[column]).fillna("")
        level = f["data_level"].str.upper()
        odd = ~level.isin(["Y", "N", ""]).to_numpy(dtype=bool)
        if odd.any():  # "yes" was read as False
            pos = int(np.flatnonzero(odd)[0])
            raise DataFormatError(f"Data-level must be Y, N or blank, got {raw.frame['data_level'].iloc[pos]!r}",
                                  path=raw.path, row=raw.row(pos), column=raw.sources.get("data_level", "Data-level"))
        check_filled(raw, {"onetsoc_title": f["onetsoc_title"]}, "give every row its title")
        check_code_cells(f, raw, "onetsoc_code", ONETSOC_PATTERN, "an O*NET-SOC 2019 code (like 11-1011.00)")
        _check_repeats(f, raw, ["onetsoc_code"], "O*NET-SOC code")
        _check_census_codes(f["census_occ"], raw)
        frame = pd.DataFrame({
            "onetsoc_code": f["onetsoc_code"],
            "onetsoc_title": f["onetsoc_title"],
            "census_occ": f["census_occ"].where(f["census_occ"] != "", None),
            "job_zone": _job_zones(raw),
            "data_level": level.eq("Y"),
        })
        return validate(frame, OnetToCensus, path=raw.path, row_offset=raw.first_row, names=raw.sources)


def _check_census_codes(codes: pd.Series, raw) -> None:
    """Refuse a ``cps_code`` (stripped) that is neither blank nor four digits, saying what is expected.

    A code that lost its leading zeros (``10``, ``10.0``: the file saved by a spreadsheet)
    was refused in pandera's words only (``check str_matches('^[0-9]{4}\\Z'): '10'``); it
    is said to be one, with the code to write (the advice to save the column as text gave
    no zero back).

    Examples
    --------
    >>> from pathlib import Path
    >>> from exposure._tables import RawTable
    >>> f = pd.DataFrame({"census_occ": ["0010", "", "20"]})
    >>> _check_census_codes(f["census_occ"], RawTable(f, Path("c.csv"), 2, {"census_occ": "cps_code"}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: c.csv, row 4, column 'cps_code': cps_code must be a four-digit Census 2018 OCC code (like '0010'), got '20' (leading zeros lost? write '0020', and import that column as Text when opening the file in a spreadsheet)
    """
    bad = ~(codes.str.fullmatch(r"[0-9]{4}") | (codes == "")).to_numpy(dtype=bool, na_value=False)
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        value, source = codes.iloc[pos], raw.sources.get("census_occ", "cps_code")
        lost = re.fullmatch(r"([0-9]{1,3})(\.0*)?", value)  # 'save the column as text' gave no zero back
        hint = f" ({zeros_lost_hint(lost[1].zfill(4))})" if lost else code_hint(value, r"[0-9]{4}\Z")
        raise DataFormatError(f"{source} must be a four-digit Census 2018 OCC code (like '0010'), got "
                              f"{value!r}{hint}", path=raw.path, row=raw.row(pos), column=source)


def _job_zones(raw) -> pd.Series:
    """``Job Zone`` as floats: a whole number from 1 to 5 or blank (missing).

    ``"x"`` was read as missing (``errors="coerce"``), ``"2.5"`` accepted, and a number
    too large for an integer (``1e30``) raised a ``TypeError`` from pandas. A zone written
    with a decimal comma (``"4,0"``) is told the number to write
    (:func:`exposure._tables.number_hint`).

    Examples
    --------
    >>> from pathlib import Path
    >>> from exposure._tables import RawTable
    >>> raw = RawTable(pd.DataFrame({"job_zone": ["5", "", "x"]}), Path("c.csv"), 2, {"job_zone": "Job Zone"})
    >>> _job_zones(raw)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: c.csv, row 4, column 'Job Zone': Job Zone must be a whole number from 1 to 5, or blank, got 'x'
    """
    hint = ""
    try:
        zones = to_number(raw, "job_zone")
    except DataFormatError as exc:
        pos = exc.row - raw.first_row
        cell = raw.frame["job_zone"].iloc[pos]
        # '4,0' (a decimal comma) was told only what a zone is: the number to write is said
        # (number_hint), where it is a zone (following the advice for '3,5' would not work)
        meant = pd.to_numeric(str(cell).strip().replace(",", "."), errors="coerce")
        hint = number_hint(cell) if meant in range(1, 6) else ""
    else:
        odd = (zones.notna() & ~zones.isin(range(1, 6))).to_numpy(dtype=bool)
        if not odd.any():
            return zones
        pos = int(np.flatnonzero(odd)[0])
    raise DataFormatError(f"Job Zone must be a whole number from 1 to 5, or blank, got "
                          f"{raw.frame['job_zone'].iloc[pos]!r}{hint}", path=raw.path, row=raw.row(pos),
                          column=raw.sources.get("job_zone", "Job Zone"))


def load_census_crosswalk(*, mirror=None, data_dir=None) -> pd.DataFrame:
    """:func:`read_census_crosswalk` of the registered file, via :func:`exposure.fetch.fetch`.

    Parameters
    ----------
    mirror, data_dir : str or os.PathLike, optional
        Passed to :func:`exposure.fetch.fetch` (the file is sha256-verified).

    Returns
    -------
    pandas.DataFrame
        See :func:`read_census_crosswalk`.

    Examples
    --------
    A mirror without the file is an error that names it:

    >>> import tempfile
    >>> load_census_crosswalk(mirror=tempfile.mkdtemp(), data_dir=tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    exposure.errors.DownloadError: crosswalks/onet_to_census_occ2018.csv: not found in mirror ...
    """
    return _load("census_crosswalk", read_census_crosswalk, mirror, data_dir)


def onet_to_soc_map(crosswalk: pd.DataFrame | None = None, *, mirror=None, data_dir=None):
    """O*NET-SOC 2019 code -> SOC 2018 detailed code, as a Series.

    Parameters
    ----------
    crosswalk : pandas.DataFrame, optional
        Output of :func:`read_onet_to_soc`; loaded with :func:`load_onet_to_soc` (using
        ``mirror``/``data_dir``) when omitted.

    Returns
    -------
    pandas.Series
        Index ``onetsoc_code`` (each code once), values ``soc_code`` (name ``soc_code``).
        Several O*NET codes map to the same SOC code; count SOC employment once. A row
        repeated as it is counts once. Index and values are of dtype ``str`` whatever
        the crosswalk's (``category``, ``string[pyarrow]``, ``object``).

    Raises
    ------
    exposure.errors.DataFormatError
        ``crosswalk`` that is not a DataFrame (a path) or lacks one of the two columns
        (``KeyError`` before) or holds one twice; a missing or malformed code (``None``,
        ``' 11-1011.00'``, a number), naming its row (counted from 1) and column: it came
        out as a key matching nothing, and two missing codes raised an ``IndexError``; an
        O*NET-SOC code mapped to two SOC codes, naming its row (the map held the code
        twice and mapping with it raised pandas' ``InvalidIndexError``); a SOC code that is
        not the first seven characters of its O*NET-SOC code (``11-1011.03`` -> ``11-1021``,
        mapped as it stood; :func:`read_onet_to_soc` refuses it in the file).

    Examples
    --------
    >>> cw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03"],
    ...                    "soc_code": ["11-1011", "11-1011"]})
    >>> onet_to_soc_map(cw).to_dict()
    {'11-1011.00': '11-1011', '11-1011.03': '11-1011'}
    """
    if crosswalk is None:
        crosswalk = load_onet_to_soc(mirror=mirror, data_dir=data_dir)
    elif not isinstance(crosswalk, pd.DataFrame):  # a path: AttributeError before
        text = f" {str(crosswalk)!r}" if isinstance(crosswalk, (str, os.PathLike)) else ""
        raise DataFormatError(f"crosswalk must be a pandas DataFrame, got {type(crosswalk).__name__}"
                              f"{text}: read the file with read_onet_to_soc")
    _check_columns(crosswalk, "crosswalk", ("onetsoc_code", "soc_code"), "read the file with read_onet_to_soc")
    pairs = crosswalk[["onetsoc_code", "soc_code"]].reset_index(drop=True)
    for column, first_bad in (("onetsoc_code", first_bad_onetsoc_code), ("soc_code", first_bad_soc_code)):
        bad = first_bad(pairs[column])
        if bad is not None:  # None twice raised an IndexError; ' 11-1011.00' was a key matching nothing
            raise DataFormatError(bad[1], path="crosswalk", row=bad[0] + 1, column=column)
    # the codes as read_onet_to_soc gives them: a categorical or Arrow crosswalk gave a map of
    # its own dtype (a CategoricalIndex, categorical values)
    pairs = pairs.astype(str)
    again = pairs.duplicated().to_numpy(dtype=bool)  # a row repeated as it is: once
    twice = pairs["onetsoc_code"].duplicated().to_numpy(dtype=bool) & ~again
    if twice.any():
        pos = int(np.flatnonzero(twice)[0])
        code = pairs["onetsoc_code"].iloc[pos]
        first = int(np.flatnonzero((pairs["onetsoc_code"] == code).to_numpy(dtype=bool))[0])
        raise DataFormatError(
            f"O*NET-SOC code {str(code)!r} maps to two SOC codes ({str(pairs['soc_code'].iloc[first])!r} in row "
            f"{first + 1}, {str(pairs['soc_code'].iloc[pos])!r} in row {pos + 1}): give each O*NET-SOC code once",
            path="crosswalk", row=pos + 1, column="onetsoc_code")
    other = (pairs["onetsoc_code"].astype(str).str.slice(0, 7) != pairs["soc_code"].astype(str)).to_numpy(dtype=bool)
    if other.any():  # 11-1011.03 -> 11-1021 (a shifted column, another vintage) was mapped as it stood
        pos = int(np.flatnonzero(other)[0])
        onet, soc = str(pairs["onetsoc_code"].iloc[pos]), str(pairs["soc_code"].iloc[pos])
        raise DataFormatError(f"{soc!r} is not the SOC code of {onet!r} (its first seven characters, {onet[:7]!r}): "
                              "a shifted row, or a code of another SOC vintage (O*NET-SOC 2019 codes expected)?",
                              path="crosswalk", row=pos + 1, column="soc_code")
    return pairs[~again].set_index("onetsoc_code")["soc_code"].rename("soc_code")


_SOC_ANY = re.compile(r"^[0-9]{2}-[0-9]{4}(\.[0-9]{2})?\Z")


def soc_major(code):
    """SOC major group of a SOC 2018 or O*NET-SOC code (``"11-1011"`` -> ``"11-0000"``).

    Parameters
    ----------
    code : str or pandas.Series of str

    Returns
    -------
    str or pandas.Series

    Raises
    ------
    exposure.errors.DataFormatError
        If a value is not a SOC/O*NET-SOC code: for a Series, the first such value and
        its position (counted from 0, as :func:`code_list` counts); ``code`` neither text
        nor a Series (a frame was shown whole, over several lines).

    Examples
    --------
    >>> soc_major("11-1011"), soc_major("15-1252.00")
    ('11-0000', '15-0000')
    >>> soc_major(pd.Series(["29-2010", "53-7062"])).tolist()
    ['29-0000', '53-0000']
    >>> soc_major("111011")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: not a SOC or O*NET-SOC code: '111011'
    >>> soc_major(pd.Series(["29-2010", None]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: not a SOC or O*NET-SOC code: a missing value at position 1
    """
    if isinstance(code, pd.Series):
        for pos, value in enumerate(code.to_numpy(dtype=object)):
            if not (isinstance(value, str) and _SOC_ANY.match(value)):
                value = value.item() if isinstance(value, np.generic) else value
                missing = value is None or value is pd.NA or (isinstance(value, float) and value != value)
                shown_value = "a missing value" if missing else _brief(value)
                raise DataFormatError(f"not a SOC or O*NET-SOC code: {shown_value} at position {pos}")
        # an empty Series of floats: "Can only use .str accessor with string values"
        return (code if len(code) else code.astype(object)).str.slice(0, 2) + "-0000"
    if not isinstance(code, str):
        raise DataFormatError(f"not a SOC or O*NET-SOC code: {shown(code)} (give a code as text, or a pandas "
                              "Series of codes)")
    if not _SOC_ANY.match(code):
        raise DataFormatError(f"not a SOC or O*NET-SOC code: {code!r}")
    return code[:2] + "-0000"


#: SOC 2018 detailed codes whose broad group is not "first five digits and 0": the
#: physicians 29-1221 ... 29-1229 belong to broad group 29-1210 (``SOC_Structure.xlsx``).
BROAD_EXCEPTIONS = {"29-122": "29-1210"}


#: The form of a SOC minor group code (:data:`_LEVEL_FORMS`).
_MINOR = re.compile(_LEVEL_FORMS["minor"][0])


def soc_minor_groups(code: str) -> list[str]:
    """The codes that may be the SOC minor group of ``code`` (a detailed or broad SOC code), by the structure's rule.

    A minor group is the digits of its codes before its trailing zeros (:func:`_belongs`):
    most end in 000 (``29-1000`` holds ``29-1221``), a few in 00 (``15-1200`` holds
    ``15-1252``), so both forms are given; which of them SOC 2018 has is the structure's to
    say. One rule for :func:`first_nested_code` and the roll-ups' check of nested codes
    (:func:`exposure.rollup._soc.refuse_nested_codes`).

    Examples
    --------
    >>> soc_minor_groups("29-1221"), soc_minor_groups("15-1250"), soc_minor_groups("11-1011")
    (['29-1200', '29-1000'], ['15-1200', '15-1000'], ['11-1000'])
    """
    return [minor for minor in dict.fromkeys((code[:5] + "00", code[:4] + "000"))
            if _MINOR.fullmatch(minor) and _belongs(code, "minor", minor)]


def soc_broad_group(code):
    """SOC 2018 broad group of a detailed code: its first five digits followed by 0.

    The one exception is the physicians 29-1221 ... 29-1229 (:data:`BROAD_EXCEPTIONS`),
    whose broad group is 29-1210. The rule agrees with ``SOC_Structure.xlsx`` on every
    SOC 2018 detailed code.

    Parameters
    ----------
    code : str or pandas.Series of str
        SOC 2018 detailed code (``13-1021``), or a Series of them (as :func:`soc_major`
        takes them).

    Returns
    -------
    str or pandas.Series
        The broad group code (``13-1020``); for a Series, one per code, same index.

    Examples
    --------
    >>> soc_broad_group("13-1021"), soc_broad_group("29-1224"), soc_broad_group("29-1218")
    ('13-1020', '29-1210', '29-1210')
    >>> soc_broad_group(pd.Series(["13-1021", "29-1224"])).tolist()
    ['13-1020', '29-1210']
    >>> soc_broad_group(pd.Series(["13-1021", "13-1000"]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: '13-1000' at position 1 is a major or minor group, which has no broad group: give a detailed code (like 13-1021)

    Raises
    ------
    exposure.errors.DataFormatError
        ``code`` is not a SOC or O*NET-SOC code (``None`` raised a ``TypeError``; ``"bad"``
        returned ``'bad0'``), or is a major or minor group (``13-0000``, ``13-1000`` were
        returned as their own broad group); for a Series, the first such value and its
        position (counted from 0). Anything else than text or a Series (a list, an array,
        a frame) is named by its type in one line: it was shown whole, over several lines
        for an array of 50 codes.
    """
    if isinstance(code, pd.Series):  # a Series was refused as a code, shown whole over several lines
        out = []
        for pos, value in enumerate(code.to_numpy(dtype=object)):
            value = value.item() if isinstance(value, np.generic) else value
            missing = value is None or value is pd.NA or (isinstance(value, float) and value != value)
            if missing or not (isinstance(value, str) and _SOC_ANY.match(value)):
                raise DataFormatError(f"not a SOC or O*NET-SOC code: "
                                      f"{'a missing value' if missing else _brief(value)} at position {pos}")
            if value[5:7] == "00":
                raise DataFormatError(f"{value!r} at position {pos} is a major or minor group, which has no broad "
                                      "group: give a detailed code (like 13-1021)")
            out.append(_broad(value))
        return pd.Series(out, index=code.index, name=code.name, dtype=object if not out else None)
    if not isinstance(code, str):
        raise DataFormatError(f"not a SOC or O*NET-SOC code: {shown(code)} (give a code as text, or a pandas "
                              "Series of codes)")
    if not _SOC_ANY.match(code):
        raise DataFormatError(f"not a SOC or O*NET-SOC code: {code!r}")
    if code[5:7] == "00":  # 13-0000 and 13-1000 were returned as their own broad group
        raise DataFormatError(f"{code!r} is a major or minor group, which has no broad group: give a detailed "
                              "code (like 13-1021)")
    return _broad(code)


def _broad(code: str) -> str:
    """The broad group of ``code``, unchecked.

    :func:`oews_code_map` also meets OEWS codes of other forms, which keep their old
    treatment.
    """
    return BROAD_EXCEPTIONS.get(code[:6], code[:6] + "0")


#: The OEWS occupation codes that are no SOC 2018 code (nor a broad group), each with the SOC
#: 2018 detailed codes it publishes together (OEWS May 2025 with the SOC structure:
#: ``tests/integration/test_rollup_real.py`` checks it).
#: :func:`oews_code_map` reads it without a SOC structure, when the codes given do not tell
#: the aggregate from SOC detailed codes (a crosswalk cut to some occupations).
OEWS_AGGREGATES = {
    "21-1018": ("21-1011", "21-1014"),
    "25-2052": ("25-2055", "25-2056"),
    "25-9045": ("25-9042", "25-9043", "25-9049"),
    "51-2028": ("51-2022", "51-2023"),
    "53-1047": ("53-1042", "53-1043", "53-1044", "53-1049"),
}
#: SOC 2018 detailed code -> the OEWS aggregate of :data:`OEWS_AGGREGATES` that holds it.
_IN_AGGREGATE = {code: aggregate for aggregate, codes in OEWS_AGGREGATES.items() for code in codes}


def first_nested_code(codes, broad_of=None) -> tuple[int, int, str] | None:
    """The first code of ``codes`` that another of them holds: ``(its position, the holder's, what the holder is)``.

    ``codes`` are SOC codes (a list of str, checked: :func:`code_list`). A code is held by
    its SOC groups (broad, minor, major: ``13-1021`` by ``13-1020``, ``13-1000``,
    ``13-0000``) and by the all-occupations total ``00-0000``. ``broad_of`` gives the broad
    group of a detailed code (default :func:`soc_broad_group`'s rule). A minor group is
    the SOC structure's (:func:`_belongs`: the digits before its trailing zeros), most
    ending in 000 (``29-1000`` holds ``29-1221``, ``47-2000`` holds ``47-2111``), a few in
    00 (``15-1200``, ``31-1100``, ``51-5100``): it was taken as the first five digits and
    00 alone, and ``29-1000`` beside ``29-1221`` was not seen. The OEWS codes of one level
    never hold one another (``13-1020`` is published instead of its detailed codes); those
    of an OEWS table of every level (its ``O_GROUP`` major, minor and broad rows kept) do.
    None when no code is held.

    Examples
    --------
    >>> first_nested_code(["13-1020", "21-1010", "21-1012"])
    (2, 1, 'a SOC broad group')
    >>> first_nested_code(["13-1020", "21-1018", "21-1012"]) is None
    True
    >>> first_nested_code(["29-1000", "29-1221"]), first_nested_code(["15-1200", "15-1252"])
    ((1, 0, 'a SOC minor group'), (1, 0, 'a SOC minor group'))
    """
    broad_of = broad_of or _broad
    first: dict[str, int] = {}
    for pos, code in enumerate(codes):
        first.setdefault(code, pos)
    for pos, code in enumerate(codes):
        holders = []
        if code[6] != "0":  # a detailed code (or an OEWS aggregate such as 21-1018)
            holders.append((broad_of(code), "a SOC broad group"))
        if code[5:7] != "00":  # 29-1221 is in 29-1000, 15-1252 in 15-1200: the structure's rule
            holders.extend((minor, "a SOC minor group") for minor in soc_minor_groups(code))
        if code[3:7] != "0000":
            holders.append((code[:3] + "0000", "a SOC major group"))
        if code != "00-0000":
            holders.append(("00-0000", "the all-occupations total"))
        for holder, kind in holders:
            if holder != code and holder in first:
                return pos, first[holder], kind
    return None


#: Columns of a SOC structure frame that :func:`oews_code_map` reads.
SOC_STRUCTURE_COLUMNS = ("soc_code", "level", "broad_code")


def _brief(value) -> str:
    """``repr(value)``, cut to 60 characters, for a message."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


#: The kinds of code :func:`code_list` checks.
_CODE_KINDS = ("soc", "onetsoc")


def code_list(value, name: str, kind: str = "soc", *, optional: bool = False) -> list[str]:
    """The codes of ``value`` as a list of str, each checked; a one-line error naming ``name`` else.

    ``value`` is a list, tuple, set, numpy array, pandas Series or Index of codes (or None
    when ``optional``). Refused: None (unless ``optional``), a string or bytes (it was
    read character by character), a number, a mapping (read as its keys) or a frame (read
    as its column names); then the first item that is not a code of ``kind`` (``"soc"``:
    ``11-1011``; ``"onetsoc"``: ``11-1011.00``; no surrounding spaces), with its position
    counted from 0 and its value. Before, such an item went through ``str`` and matched
    nothing, without a word. A code with a dash that is not the hyphen (``15\u20131252``,
    pasted from a document: it looks like the code asked for), a leading apostrophe or
    a date is said to be one, as the readers say it of a code cell
    (:func:`~exposure.schemas._fields.code_hint`); it was refused naming only its
    position and value. So are a SOC code given as a number (``111011``, ``'111011'``:
    the code to write, as the readers say it) and a code of the other kind (``11-1011.00`` among SOC
    codes, ``11-1011`` among O*NET-SOC codes:
    :func:`~exposure.schemas._fields.other_kind_hint`), which were refused without a word
    of why.

    Parameters
    ----------
    value : iterable of str
    name : str
        The argument, for the message.
    kind : {"soc", "onetsoc"}, default "soc"
    optional : bool, default False
        None is accepted (and returned as None).

    Returns
    -------
    list of str or None

    Raises
    ------
    exposure.errors.DataFormatError
        Also for a ``kind`` other than ``"soc"`` or ``"onetsoc"`` (any other was read as
        ``"onetsoc"``).

    Examples
    --------
    >>> code_list(("11-1011", "13-1020"), "soc_codes")
    ['11-1011', '13-1020']
    >>> code_list(["11-1011", "13-1020 "], "soc_codes")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_codes must be a list of SOC codes (like 11-1011), got '13-1020 ' at position 1: spaces around the code: write '13-1020'
    >>> code_list(["11-1011.00", None], "scored", "onetsoc")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: scored must be a list of O*NET-SOC codes (like 11-1011.00), got None at position 1
    """
    check_choice(kind, "kind", _CODE_KINDS)
    if kind not in _CODE_KINDS:
        raise DataFormatError(f"kind must be one of {', '.join(_CODE_KINDS)} (str), got {shown(kind)}")
    what, pattern, example = (("SOC codes", SOC_PATTERN, "11-1011") if kind == "soc"
                              else ("O*NET-SOC codes", ONETSOC_PATTERN, "11-1011.00"))
    if optional and value is None:
        return None
    if (value is None or isinstance(value, (str, bytes, Mapping, pd.DataFrame)) or not np.iterable(value)):
        column = "soc_code" if kind == "soc" else "onetsoc_code"
        hint = f": give one of its columns, e.g. frame[{column!r}]" if isinstance(value, pd.DataFrame) else ""
        raise DataFormatError(f"{name} must be a list of {what}{' (or None)' if optional else ''}, "
                              f"got {shown(value)}{hint}")
    items = list(value)
    match = re.compile(pattern).match
    for pos, item in enumerate(items):
        if not (isinstance(item, str) and match(item)):
            item = item.item() if isinstance(item, np.generic) else item
            # a dash that is not the hyphen ('15\u20131252' looks like the code asked for), a leading
            # apostrophe or a date, as the readers say it of a code cell; a number (their advice on
            # it is about a file a spreadsheet saved) or a code of the other kind with the code to write
            number = isinstance(item, (int, float)) and not isinstance(item, bool)
            hint = code_hint(str(item), pattern) if isinstance(item, str) or number else ""
            if hint == NUMBER_HINT:  # no code to write: its advice is about a file a spreadsheet saved
                hint = ""  # ('11-1011.00' in SOC codes, said nothing of before, is told the code to write)
            raise DataFormatError(f"{name} must be a list of {what} (like {example}), got {_brief(item)} "
                                  f"at position {pos}{hint}")
    return [str(item) for item in items]


def _check_columns(frame: pd.DataFrame, name: str, columns, advice: str) -> None:
    """Refuse the frame argument ``name`` when it lacks one of ``columns`` or holds one twice.

    ``advice`` ends the message about a missing column, unless the frame is indexed by it
    (``set_index("onetsoc_code")``): that is said instead, as the roll-ups say it (the
    advice to read the file again was given).

    Examples
    --------
    >>> _check_columns(pd.DataFrame({"soc_code": []}), "crosswalk", ("onetsoc_code", "soc_code"),
    ...                "read the file with read_onet_to_soc")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: crosswalk lacks column(s) ['onetsoc_code'] (columns: ['soc_code']): read the file with read_onet_to_soc
    >>> _check_columns(pd.DataFrame({"soc_code": []}, index=pd.Index([], name="onetsoc_code")), "crosswalk",
    ...                ("onetsoc_code", "soc_code"), "read the file with read_onet_to_soc")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: crosswalk lacks column(s) ['onetsoc_code'] (columns: ['soc_code']): 'onetsoc_code' is the index: reset_index() first
    >>> _check_columns(pd.DataFrame([["a", "b"]], columns=["soc_code"] * 2), "crosswalk", ("soc_code",), "")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: crosswalk, column 'soc_code': given more than once: keep one
    """
    present = list(frame.columns)
    missing = [c for c in columns if c not in present]
    if missing:
        advice = index_hint(frame, missing).removeprefix("; ") or advice
        raise DataFormatError(f"{name} lacks column(s) {missing} (columns: {present}): {advice}")
    twice = [c for c in columns if present.count(c) > 1]
    if twice:  # the wording of measures._crosswalk.check_once (a layer above: not imported)
        raise DataFormatError("given more than once: keep one", path=name, column=twice[0])


def check_soc_structure(soc_structure) -> None:
    """Refuse a ``soc_structure`` argument that :func:`oews_code_map` cannot read.

    ``None`` (no structure) passes. Otherwise it must be a DataFrame like the one of
    :func:`read_soc_structure` / :func:`load_soc_structure`: the columns ``soc_code``,
    ``level`` and ``broad_code`` (once each), at least one row of level ``detailed``, and
    on those rows SOC codes (``11-1011``; no spaces) in ``soc_code`` and ``broad_code``, the
    ``broad_code`` a broad group of the code's major group.
    Rows of other levels are not checked.

    Parameters
    ----------
    soc_structure : pandas.DataFrame or None

    Raises
    ------
    exposure.errors.DataFormatError
        Naming what is expected: a path instead of the frame (read it with
        :func:`read_soc_structure`), the workbook read with ``pd.read_excel`` (its columns
        are not those of the structure), or the first bad code (row counted from 1), the
        frame named first (``soc_structure, row 1, column 'soc_code': missing``), as the
        roll-ups name theirs (it was named after the row, ``soc_structure: soc_code missing``).
        Before, such arguments gave a ``TypeError`` or ``KeyError`` from inside.

    Examples
    --------
    >>> check_soc_structure(pd.DataFrame({"soc_code": ["11-1011"], "level": ["detailed"],
    ...                                   "broad_code": ["11-1010"]}))
    >>> check_soc_structure("SOC_Structure.xlsx")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_structure must be a pandas DataFrame, got str 'SOC_Structure.xlsx': read the file with exposure.crosswalks.read_soc_structure(path) (or load_soc_structure())
    >>> check_soc_structure(pd.DataFrame({"soc_code": ["11-1011 "], "level": ["detailed"],
    ...                                   "broad_code": ["11-1010"]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_structure, row 1, column 'soc_code': not a SOC code (like 11-1011): '11-1011 ': spaces around the code: write '11-1011'
    """
    if soc_structure is None:
        return
    if not isinstance(soc_structure, pd.DataFrame):
        raise DataFormatError(
            f"soc_structure must be a pandas DataFrame, got {type(soc_structure).__name__} "
            f"{_brief(soc_structure)}: read the file with exposure.crosswalks.read_soc_structure(path) "
            "(or load_soc_structure())")
    _check_columns(soc_structure, "soc_structure", SOC_STRUCTURE_COLUMNS,
                   "give the frame of exposure.crosswalks.read_soc_structure or load_soc_structure")
    level = soc_structure["level"]
    detailed = np.flatnonzero((level.astype("string") == "detailed").to_numpy(dtype=bool, na_value=False))
    if not len(detailed):
        levels = sorted({str(v) for v in level.dropna().unique()})
        raise DataFormatError(
            f"soc_structure has no row of level 'detailed' (levels: {levels[:8]}): give the frame of "
            "exposure.crosswalks.read_soc_structure or load_soc_structure")
    for column in ("soc_code", "broad_code"):
        bad = first_bad_soc_code(soc_structure[column].iloc[detailed])
        if bad is not None:  # named first, as the roll-ups' check_codes names a frame
            raise DataFormatError(bad[1], path="soc_structure", row=int(detailed[bad[0]]) + 1, column=column)
    # a frame built by hand putting 11-1011 under 13-1020 mapped the OEWS broad group 13-1020 to
    # it silently; a broad group of the code's own major group is the structure's to decide (an
    # exception such as 29-1221 in 29-1210, BROAD_EXCEPTIONS, or one of a structure of its own)
    for pos in detailed:
        code, broad = str(soc_structure["soc_code"].iloc[pos]), str(soc_structure["broad_code"].iloc[pos])
        if broad[:2] != code[:2]:
            raise DataFormatError(f"detailed code {code!r} is not in the broad group {broad!r}, of another major "
                                  f"group: its broad group is {_broad(code)!r}", path="soc_structure",
                                  row=int(pos) + 1, column="broad_code")
    _check_one_broad_group(soc_structure, detailed)


def _check_one_broad_group(soc_structure: pd.DataFrame, detailed: np.ndarray) -> None:
    """Refuse a detailed code listed twice with two broad groups (the last one won silently).

    ``detailed`` are the positions of the rows of level ``detailed``; a row repeated as it is
    passes.

    Examples
    --------
    >>> s = pd.DataFrame({"level": ["detailed"] * 2, "soc_code": ["13-1021"] * 2,
    ...                   "broad_code": ["13-1020", "13-1030"]})
    >>> _check_one_broad_group(s, np.arange(2))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_structure, row 2, column 'broad_code': detailed code '13-1021' is in broad group '13-1020' on row 1 and '13-1030' here: keep one
    """
    rows = soc_structure.iloc[detailed][["soc_code", "broad_code"]].astype(str).reset_index(drop=True)
    first = rows.drop_duplicates("soc_code").set_index("soc_code")["broad_code"]
    other = (rows["broad_code"] != rows["soc_code"].map(first)).to_numpy(dtype=bool)
    if other.any():
        pos = int(np.flatnonzero(other)[0])
        code = rows["soc_code"].iloc[pos]
        was = int(detailed[int(np.flatnonzero((rows["soc_code"] == code).to_numpy(dtype=bool))[0])]) + 1
        raise DataFormatError(f"detailed code {code!r} is in broad group {first[code]!r} on row "
                              f"{was} and {rows['broad_code'].iloc[pos]!r} here: keep one", path="soc_structure",
                              row=int(detailed[pos]) + 1, column="broad_code")


def oews_code_map(soc_codes, oews_codes, soc_structure: pd.DataFrame | None = None) -> pd.DataFrame:
    """Map SOC 2018 detailed codes to the OEWS code that publishes their employment.

    Rules, in order: (1) the code itself when OEWS publishes it (``exact``); (2) its broad
    group code (e.g. ``13-1021`` -> ``13-1020``) when OEWS publishes that as an
    occupation (``broad``); (3) the single OEWS code of the same broad group that is not a
    SOC detailed code (an OEWS aggregate such as ``21-1018``, ``25-2052``, ``53-1047``;
    ``aggregate``), but for a code that an aggregate of :data:`OEWS_AGGREGATES` does not
    hold (with ``oews_codes`` lacking ``21-1013``, as scores of some OEWS codes lack it,
    ``21-1013`` went to ``21-1018``: another occupation's value and workers); otherwise
    unmapped (``none``; e.g. the military codes 55-xxxx, which OEWS does not survey).
    Broad groups follow :func:`soc_broad_group`; with
    ``soc_structure`` the groups and the set of detailed codes are read from it. Without
    it, the SOC detailed codes are ``soc_codes`` themselves: where rule 3 then finds
    several candidates (``soc_codes`` of a crosswalk cut to some occupations lack the
    other detailed codes of the broad group), a code that an aggregate of
    :data:`OEWS_AGGREGATES` holds goes to that aggregate when ``oews_codes`` has it
    (``21-1011`` -> ``21-1018`` beside ``21-1013``, ``21-1019``; it was left unmapped,
    its scores lost, with a warning calling the detailed codes aggregates). Codes still
    left unmapped for several candidates are named in a warning, one line per broad
    group; without ``soc_structure`` it says that the candidates may be detailed codes
    missing from ``soc_codes``, and to give the structure.

    Parameters
    ----------
    soc_codes : iterable of str
        SOC 2018 detailed codes (e.g. from the O*NET-SOC crosswalk): a list, tuple, set,
        array, Series or Index of codes such as ``11-1011`` (:func:`code_list`).
    oews_codes : iterable of str
        OEWS detailed-level occupation codes, likewise.
    soc_structure : pandas.DataFrame, optional
        :func:`read_soc_structure` output (``soc_code``, ``level``, ``broad_code``),
        checked by :func:`check_soc_structure`.

    Returns
    -------
    pandas.DataFrame
        ``soc_code, occ_code (missing when unmapped), how``, one row per distinct code of
        ``soc_codes``, sorted.

    Raises
    ------
    exposure.errors.DataFormatError
        A ``soc_structure`` that is not such a frame (:func:`check_soc_structure`);
        ``soc_codes`` or ``oews_codes`` that is not a list of codes (a string, a dict, a
        frame), or holds an item that is not a SOC code (None, ``'13-1021 '``, an O*NET-SOC
        code, a number), naming its position (counted from 0) and value
        (:func:`code_list`). Such an item used to come out unmapped without a word.
        ``oews_codes`` holding a SOC group beside a code it holds (:func:`first_nested_code`;
        the ``OCC_CODE`` of an OEWS table of every level, its major, minor and broad rows
        kept), naming both positions: ``21-1011`` went to the broad group ``21-1010``,
        whose employment holds the other codes of the group too, not to the aggregate
        ``21-1018``.

    Examples
    --------
    >>> oews_code_map(["13-1021", "13-1031", "21-1011", "21-1012", "55-1011"],
    ...               ["13-1020", "13-1031", "21-1018", "21-1012"])
      soc_code occ_code        how
    0  13-1021  13-1020      broad
    1  13-1031  13-1031      exact
    2  21-1011  21-1018  aggregate
    3  21-1012  21-1012      exact
    4  55-1011      NaN       none

    A crosswalk cut to two codes: the other OEWS codes of 21-1010 are detailed codes.

    >>> oews_code_map(["21-1011", "21-1012"], ["21-1012", "21-1013", "21-1015", "21-1018", "21-1019"])
      soc_code occ_code        how
    0  21-1011  21-1018  aggregate
    1  21-1012  21-1012      exact
    """
    check_soc_structure(soc_structure)
    soc = sorted(set(code_list(soc_codes, "soc_codes")))
    given = code_list(oews_codes, "oews_codes")
    oews = set(given)
    structure: dict[str, str] = {}
    soc_set = set(soc)
    if soc_structure is not None:
        det = soc_structure[(soc_structure["level"].astype("string") == "detailed").to_numpy(
            dtype=bool, na_value=False)]
        structure = dict(zip(det["soc_code"].astype(str), det["broad_code"].astype(str)))
        soc_set |= set(structure)

    def broad_of(code: str) -> str:
        return structure[code] if code in structure else _broad(code)

    nested = first_nested_code(given, broad_of)
    if nested is not None:  # an OEWS table of every level: 21-1011 went to 21-1010, not to 21-1018
        pos, at, kind = nested
        raise DataFormatError(f"oews_codes holds {given[at]!r} (position {at}), {kind}, and {given[pos]!r} "
                              f"(position {pos}), which it holds: the OEWS codes of every level (the major, minor "
                              "and broad rows of an OEWS table)? give the detailed codes only (O_GROUP "
                              "'detailed'), or a group or its codes, not both")

    aggregates: dict[str, list[str]] = {}
    for code in sorted(oews - soc_set):
        aggregates.setdefault(broad_of(code), []).append(code)
    rows = []
    ambiguous: dict[str, list[str]] = {}  # broad group -> its codes left unmapped for several aggregates
    for code in soc:
        broad = broad_of(code)
        if code in oews:
            rows.append((code, code, "exact"))
        elif broad in oews:
            rows.append((code, broad, "broad"))
        elif len(aggregates.get(broad, [])) == 1 and code in OEWS_AGGREGATES.get(aggregates[broad][0], (code,)):
            # a known aggregate holds its own codes only: oews_codes cut to some codes (scores by
            # OEWS code lacking 21-1013) put 21-1013 on 21-1018, its value and workers
            rows.append((code, aggregates[broad][0], "aggregate"))
        elif soc_structure is None and _IN_AGGREGATE.get(code) in aggregates.get(broad, ()):
            # the other candidates are detailed codes that soc_codes lack (a cut crosswalk):
            # the code was left unmapped, its scores lost
            rows.append((code, _IN_AGGREGATE[code], "aggregate"))
        else:
            if len(aggregates.get(broad, [])) > 1:
                ambiguous.setdefault(broad, []).append(code)
            rows.append((code, None, "none"))
    for broad, codes in ambiguous.items():  # one line per broad group, not one per code
        which, its = ", ".join(map(repr, codes)), "its" if len(codes) == 1 else "their"
        if soc_structure is not None:
            log.warning("%s: several OEWS aggregates in %s broad group %s", which, its, aggregates[broad])
        else:  # the candidates may be SOC detailed codes that soc_codes lack (a cut crosswalk)
            log.warning("%s: several OEWS aggregates in %s broad group %s, or SOC detailed codes missing from "
                        "soc_codes (a crosswalk cut to some occupations?): without soc_structure they cannot be "
                        "told apart, so %s left unmapped; give soc_structure "
                        "(exposure.crosswalks.load_soc_structure()) or every SOC code", which, its, aggregates[broad],
                        "it is" if len(codes) == 1 else "they are")
    return pd.DataFrame(rows, columns=["soc_code", "occ_code", "how"])


def check_not_beside_aggregate(codes: pd.Series, targets: pd.Series, positions, given: dict, *, path=None,
                               where: str = "") -> None:
    """Refuse a SOC code given beside the OEWS aggregate that holds it (both would make one value).

    ``codes`` are the codes given (rows counted from 1 by position), ``targets`` the OEWS
    code each goes to (:func:`oews_code_map`; missing where none), ``positions`` the rows
    to look at and ``given`` each code given in its own right -> its position. ``where``
    follows the aggregate's name in the message (``" of the panel"``). One check for
    :func:`exposure.measures.compare.compare` and :func:`exposure.outcomes.exposure_table`.

    Examples
    --------
    >>> codes = pd.Series(["31-1120", "31-1122"])
    >>> check_not_beside_aggregate(codes, pd.Series(["31-1120", "31-1120"]), [1], {"31-1120": 0}, path="s")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: s, row 2, column 'soc_code': '31-1122' is inside the OEWS aggregate '31-1120' (row 1), which is given too: both would be averaged into one value of '31-1120'; give the aggregate or its detailed codes, not both
    """
    for pos in positions:
        code, agg = codes.iloc[pos], targets.iloc[pos]
        if isinstance(agg, str) and agg != code and agg in given:
            raise DataFormatError(f"{code!r} is inside the OEWS aggregate {agg!r}{where} (row {given[agg] + 1}), "
                                  f"which is given too: both would be averaged into one value of {agg!r}; give "
                                  "the aggregate or its detailed codes, not both", path=path, row=int(pos) + 1,
                                  column="soc_code")
