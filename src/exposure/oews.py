"""Parse OEWS (Occupational Employment and Wage Statistics) files into validated frames.

:func:`read_oews` reads a BLS OEWS table, as ``.csv`` or ``.xlsx`` (first sheet), with
BLS's column names in any case (``OCC_CODE`` or ``occ_code``; ``OCC_GROUP``, BLS's name up
to May 2018, for ``O_GROUP``), normalized to snake_case lower case. BLS's national table up to
May 2018 has no ``NAICS``, ``NAICS_TITLE`` nor ``I_GROUP``: it is read as the cross-industry
table (``000000``). A national table only:
when the file has ``AREA_TYPE`` (or ``AREA``), every row must be of the U.S. (1, or 99). Numbers may carry thousands separators (``"1,234"`` in BLS's CSV files).

BLS special values are handled explicitly, never silently coerced. In every number
column (``TOT_EMP``, ``EMP_PRSE``, the wages and their RSE), as
:func:`exposure.rollup.employment_frame` and the ``soc_scores`` checks read them:

- ``**`` (BLS: employment not released), ``*`` (wage or RSE not released) and ``~``
  (share below 0.5 %) -> missing, ``<col>_not_released`` True where the column has that
  flag (``tot_emp``, ``h_mean``, ``a_mean``, ``h_median``, ``a_median``); either star
  in any column;
- ``#`` (wage at or above the top-code) -> missing, ``<col>_top_coded`` True where the
  column has that flag, ``any_top_coded`` when it is in any wage column (mean or
  percentile). BLS writes it in wage columns only; in ``EMP_PRSE`` or ``MEAN_PRSE`` it
  is read as missing, with no flag; in ``TOT_EMP`` (never an employment's mark: a wage
  column shifted there?) so too, as ``employment_frame`` reads it, with a warning (once
  for the file) giving the count and first line;
- a blank cell -> missing, with no flag (the percentile columns of some files). In
  ``TOT_EMP``, where BLS never leaves one (``**`` is its mark of an estimate not
  released), it is read so too, as ``employment_frame`` reads it, and the roll-ups count
  it as a suppressed cell: a warning (once for the file) gives the count and first line;
  in a wage column (BLS writes ``*`` or ``#``), a warning (once for the file) gives the
  count of each column and the first line;
- a number, with commas only as thousands separators (``"1,234"``; not ``"0,500"``); a
  whole one in ``TOT_EMP``; not 0 in a wage column (BLS writes ``*``).

Wages are checked against each other on each row: an annual wage is not below the
hourly one, nor about 2.08 times it (BLS's annual wage is the hourly one x 2,080 hours),
and the percentiles rise (10th, 25th, median, 75th, 90th); a row breaking either (hourly
and annual columns swapped, annual wages in thousands of dollars, percentile columns in
another order than the header says) is refused, naming the cell. ``ANNUAL`` and
``HOURLY`` are not both TRUE on a row. Lines of BLS's legend below the rows of a
``.csv`` or a workbook (``* = indicates that a wage estimate is not available``) are read as footnotes.

Anything else (``n/a``, ``N/A``, ``NA``, ``nan``, ``"1.200,5"``, ``"1,2"``, other text)
raises :class:`exposure.errors.DataFormatError` naming the file, the line (or sheet row)
and the column: ``TOT_EMP must be a number or a BLS special value (** * # ~), got
'n/a'``. The flag columns ``ANNUAL`` and ``HOURLY`` are ``TRUE`` (also ``T``, ``Y``,
``YES``, ``1``), ``FALSE`` (``F``, ``N``, ``NO``, ``0``) or blank, in any case; anything
else is refused likewise. :func:`load_oews` resolves the files of one release through
:func:`exposure.fetch.fetch`.
"""

from __future__ import annotations

import csv
import functools
import logging
import re
from pathlib import Path
from typing import NoReturn

import numpy as np
import pandas as pd

import exposure.fetch as fetching
from exposure import releases
from exposure._args import check_choice, check_flag
from exposure._tables import (
    FOOTNOTE,
    GROUPED,
    INPUT_KINDS,
    MAX_COUNT,
    TITLE_LINE,
    RawTable,
    as_path,
    check_filled,
    check_whole_workers,
    csv_lines,
    first_repeat,
    footnote_start,
    number_hint,
    read_above,
    to_number,
)
from exposure.crosswalks import _total_rows_first
from exposure.errors import DataFormatError, ExposureError, SchemaError
from exposure.onet import _check_choice, _read, _warn_other_sheets
from exposure.schemas import validate
from exposure.schemas._fields import (
    DATE_TEXT,
    NAICS_SECTOR_CODE,
    NAICS_SUBSECTOR_CODE,
    OEWS_NAICS_PATTERN,
    code_hint,
    date_code_advice,
    zeros_lost_hint,
)
from exposure.schemas._oews import EMPLOYMENT_KEY, I_GROUPS, O_GROUPS, Employment
from exposure.sources import SOURCES

__all__ = ["read_oews", "load_oews", "oews_file_names", "OEWS_FILES", "SPECIAL_VALUES"]

log = logging.getLogger(__name__)

#: Registry names of the OEWS tables, by (release, table).
OEWS_FILES = {
    ("2025", "by_industry"): "oews/oews_national_by_industry_M2025.csv",
    ("2025", "cross_industry"): "oews/oews_national_cross_industry_M2025.csv",
    ("2024", "cross_industry"): "oews/national_M2024_dl.xlsx",
    ("2023", "cross_industry"): "oews/national_M2023_dl.xlsx",
    ("2022", "cross_industry"): "oews/national_M2022_dl.xlsx",
    ("2021", "cross_industry"): "oews/national_M2021_dl.csv",
}

#: BLS special values and what they mean.
SPECIAL_VALUES = {
    "**": "employment not released",
    "*": "wage or relative standard error not released",
    "#": "wage at or above the top-code (e.g. $115.00/hour or $239,200/year in May 2025)",
    "~": "share below 0.5 percent (treated as not released)",
}

_TEXT = {
    "naics": "NAICS",
    "naics_title": "NAICS_TITLE",
    "i_group": "I_GROUP",
    "occ_code": "OCC_CODE",
    "occ_title": "OCC_TITLE",
    "o_group": ("O_GROUP", "OCC_GROUP"),  # OCC_GROUP: BLS's name up to May 2018
}
#: The area columns of BLS's files, read when present: a national table is of area 99 (type 1).
_AREA = {"area": "AREA", "area_title": "AREA_TITLE", "area_type": "AREA_TYPE"}
#: BLS's area types other than national (``AREA_TYPE``), as said in errors.
_AREA_TYPES = {"2": "a state", "3": "a U.S. territory", "4": "a metropolitan area",
               "5": "a metropolitan division", "6": "a nonmetropolitan area"}
#: A SOC code as OEWS writes it (the schema's pattern).
_SOC = re.compile(r"[0-9]{2}-[0-9]{4}\Z")
_NUMERIC = ["tot_emp", "emp_prse", "h_mean", "a_mean", "mean_prse", "h_median", "a_median"]
_PERCENTILES = [
    "h_pct10", "h_pct25", "h_pct75", "h_pct90", "a_pct10", "a_pct25", "a_pct75", "a_pct90",
]
_WAGES = ["h_mean", "a_mean", "h_median", "a_median", *_PERCENTILES]
_FLAGGED = ["tot_emp", "h_mean", "a_mean", "h_median", "a_median"]
#: Cells read as missing besides :data:`SPECIAL_VALUES`: a blank cell (and only that).
_BLANK = frozenset({""})
#: A number whose commas are thousands separators (``1,234``, ``1,234,567.5``); not
#: ``0,500`` (a decimal comma, read as 500 before).
_GROUPED = GROUPED
#: What a number column holds, said of a value too large for it.
_TOO_LARGE = {"tot_emp": "a number of workers", "emp_prse": "a relative standard error",
              "mean_prse": "a relative standard error"}
#: Cells of ``ANNUAL`` / ``HOURLY`` read as True and as False (upper-cased).
_TRUE = ("TRUE", "T", "Y", "YES", "1")
_FALSE = ("FALSE", "F", "N", "NO", "0", "")

_ORDER = [
    "naics", "occ_code", "o_group", "naics_title", "i_group", "occ_title", "tot_emp",
    "emp_prse", "h_mean", "a_mean", "mean_prse", "h_pct10", "h_pct25", "h_median", "h_pct75",
    "h_pct90", "a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90", "annual", "hourly",
]


def read_oews(path) -> pd.DataFrame:
    """Read one OEWS table (BLS layout, ``.csv`` or ``.xlsx``) into a validated frame.

    Parameters
    ----------
    path : str or os.PathLike
        E.g. ``national_M2024_dl.xlsx`` or ``oews_national_by_industry_M2025.csv``; an
        :class:`os.DirEntry` too (a workbook given so, or as ``national_M2024_dl.xlsx/``,
        was read as text: a ``TypeError`` from inside).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._oews.Employment`: keys ``naics``, ``occ_code``,
        ``o_group``; ``naics_title``, ``i_group``, ``occ_title``, ``tot_emp`` (Int64),
        ``emp_prse``, ``h_mean``, ``a_mean``, ``mean_prse``, hourly and annual percentiles
        (``h_pct10`` ... ``a_pct90``, ``h_median``, ``a_median``), ``annual``, ``hourly``,
        and the flags ``tot_emp_not_released``, ``{h,a}_{mean,median}_not_released``,
        ``{h,a}_{mean,median}_top_coded``, ``any_top_coded``. ``naics`` is kept as
        published (string, leading zeros kept). Percentile columns absent from the file
        are missing.

    Raises
    ------
    exposure.errors.DataFormatError
        Unreadable file, missing column, a value that is neither a number nor a BLS
        special value nor blank (``n/a``, ``NA``, ``"1.200,5"``: naming line and column,
        ``TOT_EMP must be a number or a BLS special value (** * # ~), got 'n/a'``; such
        ``n/a`` marks were read as missing before; ``0,500``, a decimal comma, was read as
        500), a ``TOT_EMP`` too large for a 64-bit
        integer (a ``TypeError`` before) or a finite wage or RSE as large (``1e305``: read
        before; ``inf`` there fails the schema's ``finite`` check, as it did),
        a header without rows, or with footnotes only (read as an empty table: ``no OEWS
        rows: the file has a header but no rows``), a ``.csv`` separated by ``;`` or tabs
        (the missing-column error says so; so does the error of a row whose titles hold
        commas, which was ``too many fields`` and blamed an unquoted comma in the row),
        a blank ``OCC_TITLE`` or ``NAICS_TITLE`` (read as ``''``), an ``ANNUAL`` or ``HOURLY`` cell that
        is not TRUE, FALSE or blank (it was read as False); a column read given twice in
        the header (``TOT_EMP`` and ``tot_emp``: the first was read), an empty row between
        the rows, an ``.xlsx`` cell holding a formula never computed (it read as blank,
        so missing), a workbook whose first sheet is not the table (its sheets named).
        Rows of blank cells ending the file (a spreadsheet's ``,,,`` rows) are ignored, and
        so are footnote lines ending the table (``Footnotes:``, ``(1) Estimates ...``, one
        cell each: they were refused as a row without a title). An ``I_GROUP`` or
        ``O_GROUP`` the schema does not know (``Detailed``) is refused naming the column as
        written in the file (pandera named ``o_group``).
        A row of another area than the U.S. (``AREA_TYPE`` not 1, or ``AREA`` not 99, when
        the file has them: a state or metropolitan table was read as national). A ``.csv``
        with a title line above its header (``row 2: too many fields`` before; said in
        :data:`exposure._tables.TITLE_LINE`'s words, a title holding commas too; a title
        padded with commas, as a spreadsheet saves it, by :func:`exposure.onet._title_above`:
        it was ``missing column(s) ...; found: 'May 2026 National'``). Footnote
        lines of a ``.csv`` not padded with commas (``Footnotes:``, ``(1) ...``, one field
        each: ``too few fields`` before) are read as footnotes, as the padded ones; a short
        line among the rows is refused naming its line. A ``NAICS`` code of another level
        than the row's ``I_GROUP`` (``11`` on a ``3-digit`` row, ``113000`` on a ``sector``
        row: read, and refused by the roll-ups only, or summed as the wrong level). A
        ``TOT_EMP`` larger than the all-occupations total of its industry (read before).
        An annual wage below the hourly wage of its row, or wage percentiles that do not
        rise (both read as given: columns swapped or in another order). An annual wage about
        2.08 times the hourly wage of its row (in thousands of dollars: read as given).
        A fractional ``TOT_EMP`` (said
        ``not an integer`` only), a wage of 0, ``ANNUAL`` and ``HOURLY`` both TRUE (all
        read as given before). BLS's legend lines below the rows of a ``.csv`` or workbook (``* =
        indicates ...``) are read as footnotes (refused before). A wage written as its top-code
        (``>=239,200``) or with ``$`` or ``%`` is refused saying what to write. A footnote
        line ending a ``.csv`` whose prose holds as many commas as the header or more
        (read as a row, or refused as ``too many fields``) is read as a footnote: a line
        whose ``OCC_CODE`` field is not a SOC code, from the first one starting as a
        footnote does. A ``.csv`` ending in footnote lines that is not UTF-8 is refused, as
        without them (its bytes were replaced: ``'Caf\\ufffd'``).
    exposure.errors.SchemaError
        Malformed code, unknown group, duplicate key. An ``OCC_CODE`` that is not a SOC
        code is named in the reader's words (``OCC_CODE must be a SOC code written like
        11-1011, got '2021-11-01T00:00:00' (a date: ...)``; pandera's ``str_matches``
        before); an ``O_GROUP`` that does not fit its ``OCC_CODE`` (``11-0000`` marked
        ``detailed``: it was summed again with its occupations), or a detailed code (last
        digit not 0) marked ``broad`` or ``minor`` (the roll-ups left it out), is refused.

    Notes
    -----
    The treatment of each BLS special value is the module's (:mod:`exposure.oews`):
    ``**``, ``*``, ``~`` not released, ``#`` top-coded (in ``TOT_EMP`` missing, with a warning), blank
    missing with a warning once for the file (BLS writes ``**`` in ``TOT_EMP``, where the
    roll-ups count a blank as suppressed, and ``*`` or ``#`` in a wage column).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "oews.csv"
    >>> _ = p.write_text(
    ...     "naics,naics_title,i_group,occ_code,occ_title,o_group,tot_emp,emp_prse,h_mean,"
    ...     "a_mean,mean_prse,h_median,a_median\\n"
    ...     '000000,Cross-industry,cross-industry,11-1011,Chief Executives,detailed,"211,850",'
    ...     "1.2,*,#,0.5,*,#\\n"
    ...     "000000,Cross-industry,cross-industry,11-1021,Managers,detailed,**,*,60.1,"
    ...     "125000,0.4,50.2,104500\\n")
    >>> df = read_oews(p)
    >>> df[["occ_code", "tot_emp", "a_mean", "a_mean_top_coded"]].to_dict("records")[0]
    {'occ_code': '11-1011', 'tot_emp': 211850, 'a_mean': nan, 'a_mean_top_coded': True}
    >>> bool(df["tot_emp_not_released"][1]), df["tot_emp"][1]
    (True, <NA>)
    """
    optional = {c: c.upper() for c in _PERCENTILES}
    optional.update(annual="ANNUAL", hourly="HOURLY", **_AREA)
    # by the path's suffix, as the table reader chooses (str() of an os.DirEntry is not its path)
    xlsx = INPUT_KINDS.get(as_path(path).suffix.lower()) == "xlsx"
    columns = {**_TEXT, **{c: c.upper() for c in _NUMERIC}}
    try:
        raw = _read_file(path, columns, optional, xlsx)
    except SchemaError:
        raise
    except DataFormatError as exc:  # BLS's national layout up to May 2018 has no industry columns
        raw = _cross_industry(path, columns, optional, xlsx, exc)
    if raw.frame.empty:  # a header alone (or footnotes) was read as an empty table
        raise DataFormatError("no OEWS rows: the file has a header but no rows (a download cut short?)",
                              path=raw.path)
    # a total row below the rows (a sum added in a spreadsheet): "NAICS_TITLE is blank" before;
    # O_GROUP is 'total' on BLS's all-occupations rows
    with _total_rows_first(raw, "the OEWS table's rows", skip=("o_group",)):
        return _checked(raw)


def _checked(raw: RawTable) -> pd.DataFrame:
    """The body of :func:`read_oews`: check the raw table ``raw`` and build its validated frame."""
    f = raw.frame
    out = {c: f[c].str.strip() for c in _TEXT}
    # BLS titles every row: a blank one was read as the title '' (a missing one failed the schema)
    check_filled(raw, {c: out[c] for c in ("naics_title", "occ_title") if c in out},
                 "every row of an OEWS table has a title")
    groups = RawTable(pd.DataFrame({"i_group": out["i_group"], "o_group": out["o_group"]}), raw.path,
                      raw.first_row, raw.sources)
    _check_choice(groups, "i_group", I_GROUPS)  # a new level ('Detailed', 'cross industry'):
    _check_choice(groups, "o_group", O_GROUPS)  # pandera's words, naming 'o_group'
    _check_naics(out["naics"], raw)
    _check_industry_levels(out["naics"], out["i_group"], raw)
    _check_area(f, raw)
    _check_occ_codes(out["occ_code"], raw)
    _check_levels(out["occ_code"], out["o_group"], raw)
    flags = {}
    top_any = np.zeros(len(f), dtype=bool)
    blank_wages = {}
    for col in _NUMERIC + _PERCENTILES:
        if col not in f:
            out[col] = np.full(len(f), np.nan)
            continue
        text = f[col].str.strip()
        not_released = text.isin(["**", "*", "~"]).to_numpy()
        top = (text == "#").to_numpy()
        if col == "tot_emp":
            _warn_top_coded_employment(top, raw)
        _check_numbers(text, not_released | top, raw, col)
        if col == "tot_emp":
            _check_blank_employment(text, raw)
        elif col in _WAGES:
            blank_wages[col] = (text.fillna("") == "").to_numpy(dtype=bool)
        cleaned = RawTable(
            pd.DataFrame({col: text.where(~(not_released | top), "")}),
            raw.path,
            raw.first_row,
            raw.sources,
        )
        out[col] = to_number(cleaned, col, integer=(col == "tot_emp"), tokens=_BLANK)
        if col in _WAGES:
            top_any |= top
        if col in _FLAGGED:
            flags[f"{col}_not_released"] = not_released
            if col != "tot_emp":
                flags[f"{col}_top_coded"] = top
    _warn_blank_wages(blank_wages, raw)
    for col in ("annual", "hourly"):
        out[col] = _flag(f[col], raw, col) if col in f else np.zeros(len(f), dtype=bool)
    if "annual" in f and "hourly" in f:
        _check_wage_kinds(out["annual"], out["hourly"], raw)
    frame = pd.DataFrame({c: out[c] for c in _ORDER})
    for name in (
        "tot_emp_not_released", "h_mean_not_released", "a_mean_not_released",
        "h_median_not_released", "a_median_not_released", "h_mean_top_coded",
        "a_mean_top_coded", "h_median_top_coded", "a_median_top_coded",
    ):
        frame[name] = flags[name]
    frame["any_top_coded"] = top_any
    _check_wage_units(frame, raw)
    _check_percentile_order(frame, raw)
    _check_repeats(frame, raw)
    _check_totals(frame, raw)
    return validate(frame, Employment, path=raw.path, row_offset=raw.first_row, names=raw.sources)


def _read_file(path, columns: dict, optional: dict, xlsx: bool) -> RawTable:
    """The raw table of OEWS file ``path`` (a workbook when ``xlsx``), its footnote lines left out.

    A workbook showing sheets beside the table and BLS's ``Field Descriptions`` (a copy of
    the table, which Excel places before the sheet copied) is warned of, the first sheet
    alone being read (:func:`exposure.onet._warn_other_sheets`): it was read from the copy
    without a word, whichever sheet had been edited.

    Raises
    ------
    exposure.errors.DataFormatError
        The errors of :func:`exposure.onet._read`, said more clearly where a CSV has a
        title line (:func:`_refuse_read`).
    """
    text = {} if xlsx else {"sep": ",", "quoting": csv.QUOTE_MINIMAL}
    notes = None if xlsx else _csv_footnotes(path)
    try:
        if notes is not None:  # footnote lines ending a CSV, commas in their prose or not
            return read_above(path, notes, _csv_reader(columns, optional), log)
        raw = _read(path, columns, optional=optional, footnotes=True, **text)
    except SchemaError:
        raise
    except DataFormatError as exc:
        start = None if xlsx or notes is not None else footnote_start(path, exc)
        if start is not None:  # footnote lines of one field ending a CSV: read the lines above them
            return read_above(path, start, _csv_reader(columns, optional), log)
        _refuse_read(path, exc, xlsx)
    if xlsx:  # a copy of the table placed first (Excel places a copy before the sheet copied) was read silently
        _warn_other_sheets(path, _BLS_WORKBOOK, aside=_BLS_SHEETS)
    return raw


#: BLS's OEWS workbook as published, and the sheets it holds beside the table (``UpdateTime``
#: and ``Filler`` are hidden): for the warning of a workbook showing other sheets.
_BLS_WORKBOOK = "BLS's OEWS workbook, its 'Field Descriptions' aside,"
_BLS_SHEETS = ("Field Descriptions",)


def _csv_reader(columns: dict, optional: dict):
    """The reader of an OEWS CSV file's lines, for :func:`exposure._tables.read_above` (which reads a copy of them).

    :func:`exposure.onet._read` of ``columns`` (and ``optional``), comma-separated,
    quoted as a spreadsheet quotes, with ``footnotes``, as :func:`_read_file` reads the file.
    """
    return functools.partial(_read, columns=columns, optional=optional, footnotes=True, sep=",",
                             quoting=csv.QUOTE_MINIMAL)


#: The industry columns, which BLS's national tables up to May 2018 do not have.
_INDUSTRY = {"naics": "000000", "naics_title": "Cross-industry", "i_group": "cross-industry"}


def _cross_industry(path, columns: dict, optional: dict, xlsx: bool, exc: DataFormatError) -> RawTable:
    """The table of ``path`` read as the cross-industry one when it has none of the industry columns; else raise ``exc``.

    BLS's national table up to May 2018 (``national_M2018_dl.xlsx``: ``OCC_CODE``,
    ``OCC_TITLE``, ``OCC_GROUP``, ``TOT_EMP``, ...) is of all industries and has no
    ``NAICS``, ``NAICS_TITLE`` nor ``I_GROUP``: it was refused as ``missing column(s)
    'NAICS', 'NAICS_TITLE', 'I_GROUP'``, though its ``OCC_GROUP`` is read. Such a file is
    read with the values BLS's later national tables give (``000000``, ``Cross-industry``,
    ``cross-industry``; logged at INFO). ``exc``, the error of reading with those columns,
    is raised when it is not about missing columns, when the file has one of them (also
    spelt otherwise: ``I-GROUP``), or when the file read without them fails too. Run on
    the error path only. The shared reader's warnings of this second read (an optional
    column spelt otherwise, :func:`exposure._tables._match_columns`) are held until it is
    taken: an industry column spelt otherwise was warned of, then said again by ``exc``.
    """
    if not exc.reason.startswith("missing column"):
        raise exc
    tables_log, held = logging.getLogger("exposure._tables"), _Held()
    tables_log.addFilter(held)
    try:
        raw = _read_file(path, {c: v for c, v in columns.items() if c not in _INDUSTRY},
                         {**optional, **{c: _TEXT[c] for c in _INDUSTRY}}, xlsx)
    except DataFormatError:
        raise exc from None
    finally:
        tables_log.removeFilter(held)
    spelt = {c for record in held.records for c in getattr(record, "spelt", ())}
    if any(c in raw.frame or c in spelt for c in _INDUSTRY):  # a misnamed one: the missing-column error
        raise exc
    for record in held.records:
        tables_log.handle(record)
    log.info("%s: no NAICS, NAICS_TITLE or I_GROUP column (BLS's national layout up to May 2018): read as the "
             "cross-industry table (NAICS 000000)", raw.path)
    frame = raw.frame.assign(**_INDUSTRY)
    sources = {**raw.sources, **{c: _TEXT[c] for c in _INDUSTRY}}
    return RawTable(frame, raw.path, raw.first_row, sources)


class _Held(logging.Filter):
    """A filter holding the records of a logger instead of passing them (:func:`_cross_industry`)."""

    def __init__(self):
        super().__init__()
        self.records = []

    def filter(self, record: logging.LogRecord) -> bool:
        self.records.append(record)
        return False


def _refuse_read(path, exc: DataFormatError, xlsx: bool) -> NoReturn:
    """Raise ``exc`` (the error reading ``path``), or a clearer error about a CSV's title line (:func:`_title_line`).

    A CSV separated by ``;`` or tabs (its names quoted or not), or starting with Excel's
    ``sep=`` line, is refused by the shared reader before its rows are read, in the words
    of every reader of a published file (:func:`exposure._tables.read_text_table`: ``the
    header holds ';' and no ',': the file looks semicolon-separated ...; the file is read
    comma-separated, as published: ...``); a header of one column whose first row does not
    split so gets the shared reader's note (``the header is one column separated by ';'
    ...``). Until round 78 this module said the separator itself, on the error path, in
    its own words (``the header is separated by ';', not by commas: ... save the file as
    CSV with commas (BLS's layout)``), advice that in Excel with a ';' list separator gave
    the same file again.
    """
    title = None if xlsx else _title_line(path, exc)
    if title is not None:
        raise title from None
    raise exc


#: How much of the end of a CSV :func:`_csv_footnotes` looks at for its footnote lines.
_TAIL = 65536


def _csv_footnotes(path) -> int | None:
    """The line where the footnote lines ending CSV ``path`` start (blank lines above them included), or None.

    A footnote line whose prose holds commas (``Note: estimates exclude farms, private
    households, and the self-employed, ...``) may have as many fields as the header, or
    more: it was read as a row and refused in words about its cells (``I_GROUP must be
    cross-industry, ..., got ' b'``), or as ``too many fields`` / ``too few fields`` at its
    line. The footnote lines are told apart from rows by their ``OCC_CODE`` field: the
    lines ending the file whose ``OCC_CODE`` field is not a SOC code (``11-1011``; a row
    has one), from the first of them that starts as a footnote does (``Footnotes:``,
    ``Note:``, ``Source:``, ``(1)``: :data:`exposure._tables.FOOTNOTE`). Lines among them above that one (a truncated row)
    are left to the reader, which names them; footnotes followed by a row are not
    footnotes. Only the last 64 KB of the file are looked at (the whole file is read to
    count its lines only when it ends in footnotes); None when the file cannot be read
    or its header has no ``OCC_CODE``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "o.csv"
    >>> _ = p.write_text("NAICS,OCC_CODE,O_GROUP\\n000000,11-1011,detailed\\nNote: a, b, c\\n")
    >>> _csv_footnotes(p)
    3
    >>> _ = p.write_text("NAICS,OCC_CODE,O_GROUP\\nNote: a, b, c\\n000000,11-1011,detailed\\n")
    >>> _csv_footnotes(p) is None
    True
    """
    try:
        with open(path, "rb") as handle:
            head = handle.readline()
            size = handle.seek(0, 2)
            offset = max(len(head), size - _TAIL)
            handle.seek(offset)
            tail = handle.read()
    except (OSError, TypeError, ValueError):
        return None
    if offset > len(head):  # start at a whole line
        cut = tail.find(b"\n")
        if cut < 0:
            return None
        offset, tail = offset + cut + 1, tail[cut + 1:]
    try:
        header = next(csv.reader([head.decode("utf-8-sig", errors="replace")]))
        lines = csv_lines(tail)
        records = [next(csv.reader([text]), []) for text in lines]
    except (csv.Error, StopIteration):
        return None
    named = [c.strip().upper() for c in header]
    if "OCC_CODE" not in named:
        return None
    occ = named.index("OCC_CODE")
    first = len(records)
    while first > 0 and not (len(records[first - 1]) > occ and _SOC.match(records[first - 1][occ].strip())):
        first -= 1
    if first == 0 and offset > len(head):  # no row in the tail: footnotes cannot be so long
        return None
    cells = [next((c.strip() for c in r if c.strip()), "") for r in records]
    start = next((k for k in range(first, len(records)) if FOOTNOTE.match(cells[k])), None)
    if start is None:
        return None
    while start > first and not cells[start - 1]:  # the blank lines above the footnotes
        start -= 1
    if offset > len(head):
        with open(path, "rb") as handle:
            before = len(handle.read(offset).splitlines())
    else:
        before = 1
    return before + start + 1


def _title_line(path, exc: DataFormatError) -> DataFormatError | None:
    """The error about a title line above the header of CSV ``path``, or None to keep ``exc``.

    A workbook saved as CSV keeps the title above its header (``May 2026 National
    Occupational Employment and Wage Estimates``): it was refused as ``row 2: too many
    fields: expected 1, got 20 (an unquoted comma inside a field?)``, as if the header were
    the title. Run on the error path only: line 2 names ``OCC_CODE`` and has more fields
    than line 1 (a title holding commas, ``May 2026 National, all industries``, too: it
    was said in :data:`exposure._tables.TITLE_LINE`'s words, the one-field title in this
    module's; both now say it in those words, with the title and the header found).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "o.csv"
    >>> _ = p.write_text("May 2026, all industries\\nNAICS,OCC_CODE,O_GROUP\\n000000,11-1011,detailed\\n")
    >>> print(_title_line(p, DataFormatError("too many fields: expected 2, got 3", path=p, row=2)).reason)
    line 1 is a title ('May 2026, all industries'), not the header: the header (NAICS,OCC_CODE,...) is on line 2 (row 1, read as the header, has 2 fields: a title line above the header? The header must be the first line); delete the title line (BLS's layout)
    """
    if not (exc.reason.startswith("too many fields") and exc.row == 2):
        return None
    try:
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
            first, second = handle.readline(), handle.readline()
        lines = list(csv.reader([first, second]))
    except (OSError, TypeError, csv.Error):
        return None
    if len(lines) < 2 or len(lines[0]) >= len(lines[1]):
        return None
    named = [{c.strip().upper() for c in line} for line in lines]
    if "OCC_CODE" not in named[1] or "OCC_CODE" in named[0]:
        return None
    header, width = ",".join(lines[1][:2]), len(lines[0])
    return DataFormatError(f"line 1 is a title ({first.strip()[:60]!r}), not the header: the header "
                           f"({header},...) is on line 2{TITLE_LINE % (width, '' if width == 1 else 's')}; "
                           "delete the title line (BLS's layout)", path=exc.path, row=1)


def _check_area(f: pd.DataFrame, raw: RawTable) -> None:
    """Refuse a row of another area than the U.S. (``AREA_TYPE`` 1, ``AREA`` 99), naming it.

    A state or metropolitan table (``state_M2025_dl``, ``MSA_M2025_dl``: ``AREA_TYPE`` 2
    or 4) has the national table's columns; it was read as national employment and wages
    without a word. A known ``AREA_TYPE`` is said for what it is (``AREA_TYPE 2 is a
    state``: it was ``a state table?``), and whether the file is that area's table (its
    first row) or holds its rows below national ones. The check is made on the columns the file has (``AREA_TYPE``, else
    ``AREA``); a file without them is read as before.

    Examples
    --------
    >>> from pathlib import Path
    >>> f = pd.DataFrame({"area": ["99", "01"], "area_title": ["U.S.", "Alabama"], "area_type": ["1", "2"]})
    >>> _check_area(f, RawTable(f, Path("o.csv"), 2, {"area_type": "AREA_TYPE", "area_title": "AREA_TITLE"}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: o.csv, row 3, column 'AREA_TYPE': AREA_TYPE must be 1 (national, the U.S.) in a national OEWS table, got '2' (AREA_TITLE 'Alabama'): AREA_TYPE 2 is a state, not the U.S.: a state's rows below the national ones (two tables joined into one?); give BLS's national file (national_M<year>_dl) alone
    >>> _check_area(f.iloc[1:], RawTable(f.iloc[1:], Path("st.csv"), 2, {"area_type": "AREA_TYPE"}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: st.csv, row 2, column 'AREA_TYPE': AREA_TYPE must be 1 (national, the U.S.) in a national OEWS table, got '2' (AREA_TITLE 'Alabama'): AREA_TYPE 2 is a state, not the U.S.: this is a state table, not the national one; give BLS's national file (national_M<year>_dl)
    """
    col, want = ("area_type", "1") if "area_type" in f else ("area", "99") if "area" in f else (None, None)
    if col is None:
        return
    text = f[col].str.strip()
    value = pd.to_numeric(text, errors="coerce")  # a number cell of a workbook: 1.0
    bad = ~((text == want) | (value == float(want))).to_numpy(dtype=bool)
    if not bad.any():
        return
    pos = int(np.flatnonzero(bad)[0])
    source, got = raw.sources.get(col, col.upper()), text.iloc[pos]
    title = f["area_title"].iloc[pos].strip() if "area_title" in f else ""
    said = f" ({raw.sources.get('area_title', 'AREA_TITLE')} {title!r})" if title else ""
    area = _AREA_TYPES.get(got) if col == "area_type" else None
    if area is None:  # an AREA code, or an AREA_TYPE BLS does not define: what it is, unsaid
        what = "a table of another area? read BLS's national file (national_M<year>_dl)"
    elif pos == 0:  # (it was "a state table?", as if AREA_TYPE 2 could be another thing)
        what = (f"{source} {got} is {area}, not the U.S.: this is {area} table, not the national one; give "
                "BLS's national file (national_M<year>_dl)")
    else:  # the rows above are national
        what = (f"{source} {got} is {area}, not the U.S.: {area}'s rows below the national ones (two tables "
                "joined into one?); give BLS's national file (national_M<year>_dl) alone")
    raise DataFormatError(f"{source} must be {want} (national, the U.S.) in a national OEWS table, got "
                          f"{got!r}{said}: {what}", path=raw.path, row=raw.row(pos), column=source)


def _check_occ_codes(codes: pd.Series, raw: RawTable) -> None:
    """Refuse an ``OCC_CODE`` (stripped) that is not a SOC code, naming its row and what it looks like.

    It was refused in pandera's words only (``check str_matches('^[0-9]{2}-[0-9]{4}\\Z'):
    '2021-11-01T00:00:00'``): an ``.xlsx`` cell a spreadsheet turned into a date (SOC
    ``11-2021`` read as November 2021), ``11 1011``, ``111011``, ``11-XXXX``. A ``.csv``
    opened in a spreadsheet and saved again holds such a date as text (``Nov-21``,
    ``11/1/2021``: :data:`~exposure.schemas._fields.DATE_TEXT`), and an O*NET-SOC code
    (``15-1252.00``, a table merged with O*NET's) was refused with no word on what it is
    either.

    Examples
    --------
    >>> from pathlib import Path
    >>> raw = RawTable(pd.DataFrame({"occ_code": ["11-1011", "2021-11-01T00:00:00"]}), Path("o.xlsx"), 2,
    ...                {"occ_code": "OCC_CODE"})
    >>> _check_occ_codes(raw.frame["occ_code"], raw)
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: o.xlsx, row 3, column 'OCC_CODE': OCC_CODE must be a SOC code written like 11-1011, got '2021-11-01T00:00:00' (a date: a spreadsheet read the code 11-2021 as a date; take the codes from BLS's file again and import that column as Text when opening the file, or type the code with a leading apostrophe ('11-2021))
    """
    bad = ~codes.map(lambda c: isinstance(c, str) and bool(_SOC.match(c))).to_numpy(dtype=bool)
    if not bad.any():
        return
    pos = int(np.flatnonzero(bad)[0])
    value = codes.iloc[pos]
    source = raw.sources.get("occ_code", "OCC_CODE")
    date = re.fullmatch(r"([0-9]{4})-([0-9]{2})-01(?:[T ]00:00:00)?", value)
    digits = re.fullmatch(r"([0-9]{2})[\s._/\u2013\u2014-]*([0-9]{4})", value)
    onet = re.fullmatch(r"([0-9]{2}-[0-9]{4})\.[0-9]{2}", value)
    if date:  # "keep the column as text" then showed the date's serial number, not the code
        code = f"{date.group(2)}-{date.group(1)}"
        advice = date_code_advice(code, "BLS's file")
        hint = f" (a date: a spreadsheet read the code {code} as a date; {advice})"
    elif digits:
        hint = f" (write it {digits.group(1)}-{digits.group(2)})"
    elif DATE_TEXT.fullmatch(value):  # 11-2000 opened in a spreadsheet: the year is 2000 or 9000 (Nov-00)
        hint = (" (a date: a spreadsheet read a code 11-XXXX as November of a year and saved it so, which no "
                "longer tells the code; take the codes from BLS's file again, and open a CSV in a spreadsheet "
                "with that column as text)")
    elif onet:
        hint = f" (an O*NET-SOC code: OEWS writes the SOC code, {onet.group(1)})"
    elif re.search(r"[Xx]", value):
        hint = " (OEWS codes are digits: 'X' codes are Census or ACS groupings, not OEWS)"
    else:
        hint = ""
    raise SchemaError(f"{source} must be a SOC code written like 11-1011, got {value!r}{hint}",
                      path=raw.path, row=raw.row(pos), column=source)


def _level(code: str) -> str:
    """The ``O_GROUP`` levels OCC_CODE ``code`` fits, by its trailing zeros (as BLS's files have them).

    ``00-0000`` total; ``XX-0000`` major; ``XX-X000`` minor (BLS lists ``15-1200`` and
    ``19-5010`` as minor too); a detailed or broad code has at most two trailing zeros
    (``13-1020`` is both broad and detailed); a code whose last digit is not 0 is a
    detailed occupation (broad and minor group codes end in 0: every such code of the
    May 2021-2025 tables is ``detailed``).

    Examples
    --------
    >>> _level("00-0000"), _level("11-0000"), _level("11-1000"), _level("11-1010"), _level("11-1011")
    ('total', 'major', 'minor', 'any', 'detailed')
    """
    if code == "00-0000":
        return "total"
    if code.endswith("0000"):
        return "major"
    if code.endswith("000"):
        return "minor"
    return "any" if code.endswith("0") else "detailed"


def _check_levels(codes: pd.Series, groups: pd.Series, raw: RawTable) -> None:
    """Refuse an ``O_GROUP`` that does not fit the ``OCC_CODE`` of its row, naming the row.

    A major group (``11-0000``) or the all-occupations row marked ``detailed`` was read
    as given, and the roll-ups, which sum the detailed rows, counted it again with its own
    occupations; ``total`` or ``major`` on another code, likewise. A detailed code (its
    last digit not 0, ``11-1011``) marked ``broad`` or ``minor`` was read as given, and the
    roll-ups, which take the detailed rows only, left its workers out without a word.

    Examples
    --------
    >>> from pathlib import Path
    >>> f = pd.DataFrame({"occ_code": ["00-0000", "11-0000"], "o_group": ["total", "detailed"]})
    >>> _check_levels(f["occ_code"], f["o_group"], RawTable(f, Path("o.csv"), 2, {"o_group": "O_GROUP"}))
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: o.csv, row 3, column 'O_GROUP': O_GROUP 'detailed' does not fit OCC_CODE '11-0000', a major group code (XX-0000): O_GROUP must be major there (a detailed row is summed with the others: this one would be counted twice)
    """
    levels = codes.map(_level).to_numpy(dtype=object)
    given = groups.to_numpy(dtype=object)
    fixed = (levels == "total") | (levels == "major")
    bad = (fixed & (given != levels)) | (~fixed & ((given == "total") | (given == "major")))
    bad |= (levels == "minor") & (given != "minor")
    bad |= (levels == "detailed") & ((given == "broad") | (given == "minor"))
    if not bad.any():
        return
    pos = int(np.flatnonzero(bad)[0])
    code, group, level = codes.iloc[pos], given[pos], levels[pos]
    source = raw.sources.get("o_group", "O_GROUP")
    if level == "total":
        why = "the all-occupations code: O_GROUP must be total there"
    elif level == "major":
        why = "a major group code (XX-0000): O_GROUP must be major there"
    elif level == "minor":
        why = "a minor group code (XX-X000): O_GROUP must be minor there"
    elif group == "total":
        why = "not 00-0000, the only total code"
    elif group in ("broad", "minor"):  # on a detailed code
        why = (f"a detailed occupation code (its last digit is not 0; {group} group codes end in 0): O_GROUP must "
               "be detailed there (the roll-ups take the detailed rows: its workers would be left out)")
    else:
        why = "not a major group code (XX-0000)"
    counted = (" (a detailed row is summed with the others: this one would be counted twice)"
               if group == "detailed" else "")
    raise SchemaError(f"{source} {group!r} does not fit {raw.sources.get('occ_code', 'OCC_CODE')} {code!r}, "
                      f"{why}{counted}", path=raw.path, row=raw.row(pos), column=source)


def _check_naics(codes: pd.Series, raw: RawTable) -> None:
    """Refuse a ``NAICS`` cell (stripped) that is not a code as BLS writes it, naming its column.

    A code that lost its leading zeros (``0`` for ``000000``: a CSV saved by a spreadsheet,
    or a number cell) was refused in pandera's words only, naming the library's column
    (``column 'naics', check str_matches(...): '0'``). Any other code is told what it may
    be (:func:`~exposure.schemas._fields.code_hint`): a sector code pasted with an en dash
    (``'31–33'``), which looks like the ``31-33`` the message asks for, a 6-digit code
    saved as a number (``'113000.0'``).

    Examples
    --------
    >>> from pathlib import Path
    >>> raw = RawTable(pd.DataFrame({"naics": ["000000", "0"]}), Path("o.csv"), 2, {"naics": "NAICS"})
    >>> _check_naics(raw.frame["naics"], raw)
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: o.csv, row 3, column 'NAICS': NAICS must be an industry code as BLS writes it (000000, 31-33, 311000, 3250A1), got '0' (leading zeros lost? write '000000', and import that column as Text when opening the file in a spreadsheet)
    """
    bad = ~codes.str.match(OEWS_NAICS_PATTERN).to_numpy(dtype=bool, na_value=False)
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        value, source = codes.iloc[pos], raw.sources.get("naics", "NAICS")
        # "keep the column as text" gave no zero back: the code with its zeros is said; any
        # other code what it may be (code_hint: '31–33' pasted from a document, '113000.0'
        # saved as a number, which was told nothing)
        hint = (f" ({zeros_lost_hint(value.split('.')[0].zfill(6))})"
                if re.fullmatch(r"[0-9]{1,5}(\.0*)?", value) else code_hint(value, OEWS_NAICS_PATTERN))
        raise SchemaError(f"{source} must be an industry code as BLS writes it (000000, 31-33, 311000, "
                              f"3250A1), got {raw.frame['naics'].iloc[pos]!r}{hint}", path=raw.path,
                              row=raw.row(pos), column=source)


#: NAICS codes of each ``I_GROUP`` (as BLS writes them), with what is said of them, where
#: the level says what the code is: a sector two digits (``31-33``; padded ``520000``,
#: the roll-ups' patterns, :data:`exposure.schemas._fields.NAICS_SECTOR_CODE`), a 3-digit industry
#: three (``113000``), a 4-, 5- or 6-digit industry at least 4, 5 or 5 significant digits
#: (``113300``, ``238110``, ``541110``: a 6-digit code may end in 0) or a BLS aggregate with
#: a letter (``3250A1``). A ``4-digit`` row may also hold a 3-digit industry that OEWS
#: publishes no further (``327000``): BLS's field descriptions say such industries "appear
#: twice, once with the 3-digit and once with the 4-digit designation" (``nat4d_M<year>_dl``).
#: The ownership levels (``000001``, ``611102``) are not checked.
_AGGREGATE = r"[0-9]{2}[0-9A-Z]*[A-Z][0-9A-Z]*"
_INDUSTRY_CODES = {
    "cross-industry": (r"000000", "000000"),
    "sector": (NAICS_SECTOR_CODE, "two digits: 11, 31-33 or 520000"),
    "3-digit": (NAICS_SUBSECTOR_CODE, "three digits: 113000 or 113"),
    "4-digit": (rf"[0-9]{{3}}(?=[0-9]*[1-9])[0-9]{{1,3}}|[0-9]{{3}}000|{_AGGREGATE}",
                "four digits: 113300, a BLS aggregate such as 3250A1, or a 3-digit industry published "
                "no further, such as 327000"),
    "5-digit": (rf"[0-9]{{4}}(?=[0-9]*[1-9])[0-9]{{1,2}}|{_AGGREGATE}", "five digits: 238110 or 23811"),
    "6-digit": (rf"[0-9]{{4}}(?=[0-9]*[1-9])[0-9]{{1,2}}|{_AGGREGATE}", "six digits: 221111 or 541110"),
}


def _check_industry_levels(codes: pd.Series, groups: pd.Series, raw: RawTable) -> None:
    """Refuse a ``NAICS`` code of another level than the ``I_GROUP`` of its row, naming the row.

    A sector code (``11``) on a ``3-digit`` or ``4-digit`` row, a 3-digit code on a
    ``sector`` row, a sector marked ``cross-industry``: read as given, and refused (for
    sectors and 3-digit industries) by the roll-ups only, far from the file, or summed as
    the industry the ``I_GROUP`` says. Codes and groups are stripped; the shape of the
    code is :func:`_check_naics`'s. A 3-digit code on a ``4-digit`` row (``327000``, an
    industry OEWS publishes no further, as BLS's ``nat4d`` files give it) is read: it was
    refused as ``a 3-digit code on a 4-digit row?``, so BLS's own 4-digit table was.

    Examples
    --------
    >>> from pathlib import Path
    >>> f = pd.DataFrame({"naics": ["113000", "11"], "i_group": ["3-digit", "3-digit"]})
    >>> _check_industry_levels(f["naics"], f["i_group"], RawTable(f, Path("o.csv"), 2, {"naics": "NAICS"}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: o.csv, row 3, column 'NAICS': NAICS '11' is not a code of I_GROUP '3-digit' (three digits: 113000 or 113): a sector code on a 3-digit row?
    """
    bad = np.zeros(len(codes), dtype=bool)
    for group, (pattern, _) in _INDUSTRY_CODES.items():
        rows = (groups == group).to_numpy(dtype=bool)
        if rows.any():
            bad |= rows & ~codes.str.fullmatch(pattern).to_numpy(dtype=bool, na_value=False)
    if not bad.any():
        return
    pos = int(np.flatnonzero(bad)[0])
    code, group = codes.iloc[pos], groups.iloc[pos]
    found = next((g for g in ("cross-industry", "sector", "3-digit") if re.fullmatch(_INDUSTRY_CODES[g][0], code)),
                 f"{len(code.rstrip('0'))}-digit" if code.isdigit() else None)
    kind = {"cross-industry": "the cross-industry code", "sector": "a sector code"}.get(found, f"a {found} code")
    hint = f": {kind} on a {group} row?" if found else ""
    source = raw.sources.get("naics", "NAICS")
    raise DataFormatError(f"{source} {code!r} is not a code of {raw.sources.get('i_group', 'I_GROUP')} "
                          f"{group!r} ({_INDUSTRY_CODES[group][1]}){hint}", path=raw.path,
                          row=raw.row(pos), column=source)


def _check_repeats(frame: pd.DataFrame, raw: RawTable) -> None:
    """Refuse a (NAICS, I_GROUP, OCC_CODE, O_GROUP) cell given twice, naming both rows (a SchemaError, as before).

    The schema's uniqueness check said only ``check multiple_fields_uniqueness: '(the row)'``.
    The key is the schema's (:data:`~exposure.schemas._oews.EMPLOYMENT_KEY`): an industry
    BLS publishes no further than 3 digits, listed as ``3-digit`` and as ``4-digit``
    (``327000``: BLS's 3-digit and 4-digit tables stacked, as the by-industry table stacks
    its levels), was refused as ``327000/00-0000/total is given twice``.

    Examples
    --------
    >>> from pathlib import Path
    >>> f = pd.DataFrame({"naics": ["327000", "327000"], "i_group": ["3-digit", "4-digit"],
    ...                   "occ_code": ["00-0000", "00-0000"], "o_group": ["total", "total"]})
    >>> _check_repeats(f, RawTable(f, Path("o.csv"), 2, {}))
    >>> _check_repeats(f.assign(i_group="3-digit"), RawTable(f, Path("o.csv"), 2, {}))
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: o.csv, row 3: naics/occ_code/o_group 327000/00-0000/total is given twice (rows 2 and 3): keep one row per industry and occupation
    """
    key = frame[EMPLOYMENT_KEY[0]].astype("string")
    for column in EMPLOYMENT_KEY[1:]:
        key = key + "|" + frame[column].astype("string")
    repeat = first_repeat(key)
    if repeat is not None:
        pos, first = repeat
        naics, occ, group = (frame[c].iloc[pos] for c in ("naics", "occ_code", "o_group"))
        names = "/".join(raw.sources.get(c, c) for c in ("naics", "occ_code", "o_group"))
        raise SchemaError(f"{names} {naics}/{occ}/{group} is given twice (rows {raw.row(first)} and "
                          f"{raw.row(pos)}): keep one row per industry and occupation",
                          path=raw.path, row=raw.row(pos))


def _check_totals(frame: pd.DataFrame, raw: RawTable) -> None:
    """Refuse a ``TOT_EMP`` larger than the all-occupations total (``00-0000``) of its industry.

    An occupation cannot employ more than its industry: a total row given in thousands,
    or edited by hand, was read as given, and the shares the roll-ups divide by it were
    above 1 without a word. Rows without a total in the file, or a missing ``TOT_EMP``
    (``**``), are not checked.

    Examples
    --------
    >>> from pathlib import Path
    >>> f = pd.DataFrame({"naics": ["11", "11"], "occ_code": ["00-0000", "11-1011"], "o_group": ["total", "detailed"],
    ...                   "tot_emp": pd.array([2000, 5000], dtype="Int64")})
    >>> _check_totals(f, RawTable(f, Path("o.csv"), 2, {"tot_emp": "TOT_EMP"}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: o.csv, row 3, column 'TOT_EMP': TOT_EMP 5000 of OCC_CODE 11-1011 is larger than the all-occupations total of its industry (NAICS 11: 2000, row 2): is the total in thousands, or a row of another industry?
    """
    total = (frame["o_group"] == "total").to_numpy(dtype=bool)
    if not total.any():
        return
    emp = frame["tot_emp"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    first = pd.Series(np.flatnonzero(total), index=frame["naics"].to_numpy()[total])
    first = first[~first.index.duplicated()]
    where = first.reindex(frame["naics"].to_numpy()).to_numpy(dtype=float)
    has = ~np.isnan(where)
    ceiling = np.full(len(frame), np.nan)
    ceiling[has] = emp[where[has].astype(int)]
    with np.errstate(invalid="ignore"):
        bad = ~total & (emp > ceiling)
    if not bad.any():
        return
    pos = int(np.flatnonzero(bad)[0])
    at = int(where[pos])
    source = raw.sources.get("tot_emp", "TOT_EMP")
    raise DataFormatError(f"{source} {int(emp[pos])} of {raw.sources.get('occ_code', 'OCC_CODE')} "
                          f"{frame['occ_code'].iloc[pos]} is larger than the all-occupations total of its "
                          f"industry ({raw.sources.get('naics', 'NAICS')} {frame['naics'].iloc[pos]}: "
                          f"{int(emp[at])}, row {raw.row(at)}): is the total in thousands, or a row of "
                          "another industry?", path=raw.path, row=raw.row(pos), column=source)


def _check_numbers(text: pd.Series, special: np.ndarray, raw: RawTable, col: str) -> None:
    """Refuse a cell of ``text`` that is neither special, blank nor a number, naming its row.

    ``n/a``, ``N/A`` and ``NA`` were read as missing (the default tokens of
    :func:`exposure._tables.to_number`), ``"1,2"`` as 12 and ``"1.200,5"`` as 1.2005;
    :func:`exposure.rollup.employment_frame` refuses them. Commas are thousands
    separators only. A ``TOT_EMP`` too large for a 64-bit integer (``1e30``) raised a
    ``TypeError`` from pandas; a wage or RSE of that size or more (``1e305``) is refused
    too (it was read, and overflowed once multiplied by an employment). A ``TOT_EMP`` that
    is no whole number (``'1.200'``, 1,200 workers written with a point) is refused, and
    one whole either way (``'2.000'``) warned of, by the shared
    :func:`exposure._tables.check_whole_workers`, in the roll-ups' words: ``'1.200'`` was
    ``must be a whole number of workers, got '1.200'`` without the number to write, and
    ``'2.000'`` read as 2 workers without a word.

    Examples
    --------
    >>> from pathlib import Path
    >>> raw = RawTable(pd.DataFrame({"tot_emp": ["1,200", "n/a"]}), Path("o.csv"), 2, {"tot_emp": "TOT_EMP"})
    >>> _check_numbers(raw.frame["tot_emp"], np.zeros(2, bool), raw, "tot_emp")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: o.csv, row 3, column 'TOT_EMP': TOT_EMP must be a number or a BLS special value (** * # ~), got 'n/a'
    """
    commas = text.str.contains(",", regex=False).to_numpy(dtype=bool)
    grouped = text.str.fullmatch(_GROUPED).to_numpy(dtype=bool, na_value=False)
    value = pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce").to_numpy(dtype=float)
    bad = ~special & (text != "").to_numpy(dtype=bool) & ((commas & ~grouped) | np.isnan(value))
    with np.errstate(invalid="ignore"):
        big = ~bad & ~special & (np.abs(value) >= MAX_COUNT)  # NaN (special, blank): not big
        part = ~bad & ~big & ~special & (col == "tot_emp") & np.isfinite(value) & (value != np.floor(value))
        zero = ~bad & ~special & (col in _WAGES) & (value == 0)
    if col != "tot_emp":  # an infinite wage or RSE is read: the schema refuses it (``must be a finite number``)
        big &= np.isfinite(value)
    if bad.any() or big.any() or part.any() or zero.any():
        pos = int(np.flatnonzero(bad | big | part | zero)[0])
        source = raw.sources.get(col, col)
        if zero[pos]:
            raise DataFormatError(f"{source} is 0, got {raw.frame[col].iloc[pos]!r}: BLS writes * where a wage is "
                                  "not released (a program writing a missing wage as 0?)", path=raw.path,
                                  row=raw.row(pos), column=source)
        if part[pos]:  # the roll-ups' words ('1.200': the number to write)
            check_whole_workers(value[pos:pos + 1], text.iloc[pos:pos + 1], raw.path, source,
                                row_offset=raw.row(pos))
        rule = (f"is too large for {_TOO_LARGE.get(col, 'a wage')}" if big[pos] else
                f"must be a number or a BLS special value ({' '.join(SPECIAL_VALUES)})")
        raise DataFormatError(f"{source} {rule}, got {raw.frame[col].iloc[pos]!r}{_hint(text.iloc[pos], col)}",
                              path=raw.path, row=raw.row(pos), column=source)
    if col == "tot_emp":  # '2.000': 2 workers, or 2,000 as a German spreadsheet writes it: warned of
        check_whole_workers(value, text.where(~special), raw.path, raw.sources.get(col, col),
                            row_offset=raw.first_row)


def _hint(cell: str, col: str) -> str:
    """What to write instead of ``cell`` (stripped), a value refused in number column ``col``: ``''`` if nothing.

    A wage at or above the top-code written as the cap (``>=239,200``, ``≥ $115.00``, as
    BLS's footnote says it) or a number with a dollar or percent sign was refused without
    saying what BLS writes.

    Examples
    --------
    >>> _hint(">=239,200", "a_mean"), _hint("$100.50", "h_mean")
    (' (a wage at or above the top-code: BLS writes # there)', ' (write the number without $ or %)')
    >>> _hint("1.234,50", "a_mean")
    ': a comma must separate thousands (1,234); write decimals with a point (1234.50), not a comma'
    """
    if re.match(r"(>=?|\u2265)", cell) and col in _WAGES:
        return " (a wage at or above the top-code: BLS writes # there)"
    if re.fullmatch(r"[$%\s]*[-+]?[0-9][0-9,.]*\s*[$%]?", cell) and any(c in cell for c in "$%"):
        return " (write the number without $ or %)"
    # a decimal comma, thousands separated by spaces or points, the minus sign U+2212: refused
    # here before to_number's advice (the roll-ups' employment frame gave it), without a word
    return number_hint(cell)


def _warn_top_coded_employment(top: np.ndarray, raw: RawTable) -> int:
    """Warn, once for the file, about ``#`` in ``TOT_EMP`` (``top``: the cells that are ``#``); return their number.

    BLS writes ``#`` for a wage at or above the top-code, never for an employment (``**``
    is its mark of one not released). It is read as missing, as
    :func:`exposure.rollup.employment_frame` reads it, without the ``tot_emp_not_released``
    flag, and the roll-ups count it as a suppressed cell: that was done without a word.
    The warning gives the count and the first line (a wage column shifted into ``TOT_EMP``?).

    Examples
    --------
    >>> from pathlib import Path
    >>> raw = RawTable(pd.DataFrame({"tot_emp": ["1,200", "#"]}), Path("o.csv"), 2, {"tot_emp": "TOT_EMP"})
    >>> _warn_top_coded_employment(np.array([False, True]), raw)
    1
    """
    if top.any():
        source = raw.sources.get("tot_emp", "TOT_EMP")
        log.warning("%s: %s is # on %d row(s) (first: row %d): read as missing, not flagged as not released, and "
                    "counted by the roll-ups as suppressed cells; # is BLS's mark of a wage at or above the "
                    "top-code, never of an employment (a wage column shifted into %s?); BLS writes ** where "
                    "employment is not released", raw.path, source, int(top.sum()),
                    raw.row(int(np.flatnonzero(top)[0])), source)
    return int(top.sum())


def _warn_blank_wages(blank: dict, raw: RawTable) -> int:
    """Warn, once for the file, about blank wage cells (``blank``: column -> mask); return their number.

    BLS writes ``*`` where a wage is not released and ``#`` where it is top-coded; a blank
    wage (a program writing missing values as blanks) was read as missing without a flag
    nor a word, as a blank ``TOT_EMP`` was before round 41. The warning gives the count of
    each column, and the first line and column.

    Examples
    --------
    >>> from pathlib import Path
    >>> raw = RawTable(pd.DataFrame(), Path("o.csv"), 2, {"a_mean": "A_MEAN"})
    >>> _warn_blank_wages({"h_mean": np.array([False, False]), "a_mean": np.array([False, True])}, raw)
    1
    """
    cols = [c for c in _WAGES if c in blank and blank[c].any()]
    if not cols:
        return 0
    names = {c: raw.sources.get(c, c.upper()) for c in cols}
    rows = np.column_stack([blank[c] for c in cols])
    pos = int(np.flatnonzero(rows.any(axis=1))[0])
    first = names[cols[int(np.flatnonzero(rows[pos])[0])]]
    counts = ", ".join(f"{names[c]} ({int(blank[c].sum())})" for c in cols)
    log.warning("%s: wage cells are blank: %s (first: row %d, column %s): read as missing, not flagged as not "
                "released or top-coded; BLS writes * where a wage is not released and # where it is top-coded",
                raw.path, counts, raw.row(pos), first)
    return int(rows.sum())


def _check_wage_kinds(annual: np.ndarray, hourly: np.ndarray, raw: RawTable) -> None:
    """Refuse a row whose ``ANNUAL`` and ``HOURLY`` are both TRUE, naming ``HOURLY``.

    BLS sets ``ANNUAL`` where only annual wages are published and ``HOURLY`` where only
    hourly ones are: never both (none of the registered May 2021-2025 tables has such a
    row). Both were read as given.

    Examples
    --------
    >>> from pathlib import Path
    >>> raw = RawTable(pd.DataFrame(), Path("o.csv"), 2, {})
    >>> _check_wage_kinds(np.array([True, True]), np.array([False, True]), raw)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: o.csv, row 3, column 'HOURLY': ANNUAL and HOURLY are both TRUE on this row: BLS sets ANNUAL where only annual wages are published and HOURLY where only hourly ones are, never both
    """
    both = np.asarray(annual, dtype=bool) & np.asarray(hourly, dtype=bool)
    if both.any():
        a, h = raw.sources.get("annual", "ANNUAL"), raw.sources.get("hourly", "HOURLY")
        raise DataFormatError(f"{a} and {h} are both TRUE on this row: BLS sets {a} where only annual wages are "
                              f"published and {h} where only hourly ones are, never both", path=raw.path,
                              row=raw.row(int(np.flatnonzero(both)[0])), column=h)


def _check_blank_employment(text: pd.Series, raw: RawTable) -> int:
    """Warn, once for the file, about blank ``TOT_EMP`` cells (stripped ``text``); return their number.

    BLS never leaves ``TOT_EMP`` blank: an estimate not released is ``**``. A blank one is
    read as missing, as :func:`exposure.rollup.employment_frame` reads it, but without the
    ``tot_emp_not_released`` flag, and the roll-ups count it as a suppressed cell
    (``suppressed_cells``, ``suppressed_emp``): that was done without a word. The warning
    gives the count and the first line.

    Examples
    --------
    >>> from pathlib import Path
    >>> raw = RawTable(pd.DataFrame({"tot_emp": ["1,200", " "]}), Path("o.csv"), 2, {"tot_emp": "TOT_EMP"})
    >>> _check_blank_employment(raw.frame["tot_emp"].str.strip(), raw)
    1
    """
    blank = (text.fillna("") == "").to_numpy(dtype=bool)
    if blank.any():
        source = raw.sources.get("tot_emp", "TOT_EMP")
        log.warning("%s: %s is blank on %d row(s) (first: row %d): read as missing, not flagged as not "
                    "released, and counted by the roll-ups as suppressed cells; BLS writes ** where employment "
                    "is not released", raw.path, source, int(blank.sum()), raw.row(int(np.flatnonzero(blank)[0])))
    return int(blank.sum())


#: The ratios of an annual wage in thousands of dollars to the hourly wage of its row (2.08, within 10 %):
#: BLS's annual wage is the hourly one x 2,080 hours (2,078.8 to 2,081.1 in the registered May 2021-2025
#: tables). Other ratios are not checked (small made-up tables give any wages, such as 1 and 1).
_THOUSANDS = (2.080 * 0.9, 2.080 * 1.1)
#: The hourly and annual columns of one wage (BLS's annual wage is the hourly one x 2,080 hours).
_WAGE_PAIRS = [("h_mean", "a_mean"), ("h_median", "a_median"),
               *((f"h_pct{k}", f"a_pct{k}") for k in (10, 25, 75, 90))]


def _check_wage_units(frame: pd.DataFrame, raw: RawTable) -> None:
    """Refuse a row whose annual wage is below its hourly wage (swapped) or in thousands, naming the annual cell.

    Hourly and annual columns swapped (``H_MEAN`` 209040, ``A_MEAN`` 100.5) were read as
    given: wages off by a factor of 2,080 without a word (BLS's annual wage is the hourly
    one x 2,080 hours). Rows where either is missing (``*``, ``#``, blank), negative or
    infinite (the schema's errors) are not checked. An annual wage about 2.08 times the
    hourly one (:data:`_THOUSANDS`; ``A_MEAN`` 45.3 next to ``H_MEAN`` 21.78: annual
    wages in thousands of dollars) was read as given too: refused, saying the ratio.
    Other ratios are not checked (small made-up tables give any wages).

    Examples
    --------
    >>> from pathlib import Path
    >>> f = pd.DataFrame({"h_mean": [100.5, 209040.0], "a_mean": [209040.0, 100.5]})
    >>> _check_wage_units(f, RawTable(f, Path("o.csv"), 2, {"a_mean": "A_MEAN", "h_mean": "H_MEAN"}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: o.csv, row 3, column 'A_MEAN': A_MEAN 100.5 is below H_MEAN 209040 on this row; BLS's annual wage is the hourly one x 2,080 hours: are the hourly and annual columns swapped?
    """
    for hourly, annual in _WAGE_PAIRS:
        if hourly not in frame or annual not in frame:
            continue
        h = frame[hourly].to_numpy(dtype=float, na_value=np.nan)
        a = frame[annual].to_numpy(dtype=float, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            bad = np.isfinite(h) & np.isfinite(a) & (a >= 0) & (a < h)  # negative: the schema's
            ratio = a / np.where(h > 0, h, np.nan)
            small = ~bad & (ratio >= _THOUSANDS[0]) & (ratio <= _THOUSANDS[1])
        if small.any() and not bad[:int(np.flatnonzero(small)[0])].any():
            pos = int(np.flatnonzero(small)[0])
            source, other = raw.sources.get(annual, annual.upper()), raw.sources.get(hourly, hourly.upper())
            raise DataFormatError(f"{source} {a[pos]:g} is {a[pos] / h[pos]:.2f} times {other} {h[pos]:g} on this "
                                  "row; BLS's annual wage is the hourly one x 2,080 hours: is the annual wage in "
                                  f"thousands of dollars ({a[pos]:g} for {a[pos] * 1000:,.0f})?", path=raw.path,
                                  row=raw.row(pos), column=source)
        if bad.any():
            pos = int(np.flatnonzero(bad)[0])
            source, other = raw.sources.get(annual, annual.upper()), raw.sources.get(hourly, hourly.upper())
            raise DataFormatError(f"{source} {a[pos]:g} is below {other} {h[pos]:g} on this row; BLS's annual "
                                  "wage is the hourly one x 2,080 hours: are the hourly and annual columns "
                                  "swapped?", path=raw.path, row=raw.row(pos), column=source)


#: The percentile columns of the hourly and of the annual wages, in rising order.
_PERCENTILE_ORDER = [["h_pct10", "h_pct25", "h_median", "h_pct75", "h_pct90"],
                     ["a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90"]]


def _check_percentile_order(frame: pd.DataFrame, raw: RawTable) -> None:
    """Refuse a row whose wage percentiles do not rise (10th, 25th, median, 75th, 90th), naming the cell.

    Percentile columns in another order than their header says (a table put together by
    hand, a column pasted in the wrong place) were read as given. Missing cells (``*``,
    ``#``, blank) are skipped: each number is compared with the last number left of it.

    Examples
    --------
    >>> from pathlib import Path
    >>> f = pd.DataFrame({"a_pct10": [30000.0], "a_pct25": [25000.0], "a_median": [np.nan]})
    >>> _check_percentile_order(f, RawTable(f, Path("o.csv"), 2, {"a_pct25": "A_PCT25"}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: o.csv, row 2, column 'A_PCT25': A_PCT25 25000 is below A_PCT10 30000 on this row: the percentiles of a wage rise (10th, 25th, median, 75th, 90th): are the columns in another order than the header says?
    """
    for order in _PERCENTILE_ORDER:
        cols = [c for c in order if c in frame]
        if len(cols) < 2:
            continue
        values = np.column_stack([frame[c].to_numpy(dtype=float, na_value=np.nan) for c in cols])
        last = pd.DataFrame(values).ffill(axis=1).to_numpy()  # the last number left of each cell
        with np.errstate(invalid="ignore"):
            bad = values[:, 1:] < last[:, :-1]
        if bad.any():
            pos, j = (int(k) for k in np.argwhere(bad)[0])
            below = cols[j + 1]
            left = next(cols[k] for k in range(j, -1, -1) if not np.isnan(values[pos, k]))
            source = raw.sources.get(below, below.upper())
            raise DataFormatError(f"{source} {values[pos, j + 1]:g} is below {raw.sources.get(left, left.upper())} "
                                  f"{last[pos, j]:g} on this row: the percentiles of a "
                                  "wage rise (10th, 25th, median, 75th, 90th): are the columns in another order "
                                  "than the header says?", path=raw.path, row=raw.row(pos), column=source)


def _flag(cells: pd.Series, raw: RawTable, col: str) -> np.ndarray:
    """``ANNUAL`` / ``HOURLY`` as booleans: TRUE (T, Y, YES, 1), FALSE (F, N, NO, 0) or blank.

    Anything else was read as False without a word.

    Examples
    --------
    >>> from pathlib import Path
    >>> raw = RawTable(pd.DataFrame({"annual": ["TRUE", "", "x"]}), Path("o.csv"), 2, {"annual": "ANNUAL"})
    >>> _flag(raw.frame["annual"][:2], raw, "annual").tolist()
    [True, False]
    >>> _flag(raw.frame["annual"], raw, "annual")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: o.csv, row 4, column 'ANNUAL': ANNUAL must be TRUE, FALSE or blank, got 'x'
    """
    text = cells.str.strip().str.upper()
    odd = ~text.isin([*_TRUE, *_FALSE]).to_numpy(dtype=bool)
    if odd.any():
        pos = int(np.flatnonzero(odd)[0])
        source = raw.sources.get(col, col)
        raise DataFormatError(f"{source} must be TRUE, FALSE or blank, got {cells.iloc[pos]!r}",
                              path=raw.path, row=raw.row(pos), column=source)
    return text.isin(_TRUE).to_numpy()


def load_oews(release: str = "2025", table: str = "by_industry", *, mirror=None, data_dir=None,
              store=None):
    """Load one OEWS table of ``release`` through :func:`exposure.fetch.fetch_table`.

    The registered files (:data:`OEWS_FILES`) are read as pinned. Any other May year is
    read from BLS's own files in their published layout (:mod:`exposure.releases`):
    ``cross_industry`` from ``national_M{yyyy}_dl.xlsx`` (in ``oesm{yy}nat.zip``);
    ``by_industry`` concatenates that file with the sector and 3-digit NAICS files
    ``natsector_M{yyyy}_dl.xlsx`` and ``nat3d_M{yyyy}_dl.xlsx`` (in ``oesm{yy}in4.zip``).
    New files are validated and pinned in the lock file.

    Parameters
    ----------
    release : str
        May reference year of the estimates (``"2025"``, ``"2026"``, ...).
    table : {"by_industry", "cross_industry", "national"}
        ``by_industry``: national estimates by industry x occupation;
        ``cross_industry`` (alias ``national``): national, all industries (``000000``).
    mirror, data_dir : str or os.PathLike, optional
        Passed to :func:`exposure.fetch.fetch`.
    store : exposure.fetch.DataStore, optional
        Where data lives (default from the environment).

    Returns
    -------
    pandas.DataFrame
        As :func:`read_oews`.

    Raises
    ------
    exposure.errors.ExposureError
        An unknown release or table, a ``store`` that is not a DataStore, a ``mirror`` or
        ``data_dir`` that is not a path; the errors of the readers.
    exposure.errors.DataFormatError
        ``table`` that is not a string (``table must be one of cross_industry,
        by_industry, national (str), got list ['by_industry']``). A file of BLS's of a
        release not registered that holds no row of its level of industries (``nat3d``
        holding BLS's 4-digit table: read and pinned, the 3-digit rows missing without a
        word), naming the file.

    Examples
    --------
    >>> load_oews("May 2021", "by_industry")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: OEWS release 'May 2021' is not a year such as 2025: write 2021
    >>> load_oews("2021", "by_occupation")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: unknown OEWS table 'by_occupation'; choose one of cross_industry, by_industry
    """
    _check_table(table)
    table = "cross_industry" if table == "national" else table
    resolved = fetching.resolve_store(store, mirror=mirror, data_dir=data_dir)
    names = oews_file_names(release, table, online=resolved.mirror is None)
    where = {"store": store} if store is not None else {"mirror": mirror, "data_dir": data_dir}
    if names == [OEWS_FILES.get((str(release), table))]:
        # looked up on the module at call time: one place to substitute the fetcher
        path = fetching.fetch(names[0], **where)
        log.info("reading %s", path)
        return read_oews(path)
    # the new files are pinned only when the files were read and checked against each other:
    # a table refused by the check pinned its files (the wrong one too), so that the
    # corrected file was then refused as a sha256 mismatch
    with fetching.pins_when_done(resolved):
        paths: dict[str, Path] = {}
        frames = [fetching.fetch_table(name, _noting_path(paths, name), **where) for name in names]
        try:
            _check_disjoint(frames, names)
        except DataFormatError:
            # the files to fix are the user's (the mirror's, the data directory's): the
            # registry names alone were given
            _check_disjoint(frames, [_origin(paths.get(name), name, resolved) for name in names])
            raise
        _check_file_levels(frames, names, lambda name: _origin(paths.get(name), name, resolved))
        frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        frame = validate(frame, Employment, path=" + ".join(names))
    # the file to fix is the user's sector file, not the registry names of all three
    _warn_missing_sectors(frame, lambda: _sector_origin(names, paths, resolved))
    return frame


def _noting_path(paths: dict, name: str):
    """:func:`read_oews`, noting in ``paths[name]`` the file it reads."""
    def read(path):
        paths[name] = Path(path)
        return read_oews(path)
    return read


def _origin(path: Path | None, name: str, store) -> str:
    """The file the user can fix for the file ``name`` read from ``path``: the mirror's or the data directory's.

    The member of the user's zip in the data directory it was unpacked from
    (:func:`exposure.fetch.zip_origin`); the registry name when the file was downloaded
    (its cache copy is replaced at the next run), or when ``path`` is unknown.
    """
    if path is None:
        return name
    origin = fetching.mirror_origin(path, name, store)
    if origin == path:  # a copy unpacked from the user's zip (oesm26nat.zip): its member
        return fetching.zip_origin(path, name, store) or name
    return str(origin)


def _sector_origin(names: list, paths: dict, store) -> str:
    """The file the user can fix for the sector rows of the files ``names`` (read from ``paths``).

    BLS's ``natsector`` file of ``names``, as :func:`_origin` names it (the mirror's file,
    the data directory's, the member of the user's zip); all of ``names`` when none is one.
    """
    sector = [n for n in names if _FILE_LEVELS.get(Path(n).name.partition("_M")[0]) == "sector"]
    return " + ".join(_origin(paths.get(name), name, store) for name in sector or names)


def _warn_missing_sectors(frame: pd.DataFrame, where) -> list[str]:
    """Warn about 3-digit industries whose sector has no rows; return their 2-digit codes.

    A sector missing from a new release's sector file (NAICS 22 deleted) was dropped from
    the sector scores without a word, though its subsectors were scored. ``where`` names
    the file in the warning: a str, or a function returning it (called only to warn). The
    warning of a new release read from BLS's files named the registry names of all three
    (``oews/national_M2026_dl.xlsx + oews/natsector_M2026_dl.xlsx + ...``), no file of the
    user's; :func:`load_oews` names the sector file the user has (:func:`_sector_origin`).

    Examples
    --------
    >>> f = pd.DataFrame({"naics": ["11", "31-33", "113000", "221000", "311000"],
    ...                   "i_group": ["sector", "sector", "3-digit", "3-digit", "3-digit"]})
    >>> _warn_missing_sectors(f, "oews")
    ['22']
    """
    groups = frame["i_group"].astype(str)
    sectors = frame.loc[groups == "sector", "naics"].astype(str).unique()
    covered: set[str] = set()
    for code in sectors:  # "31-33" covers 31, 32 and 33
        low, _, high = code.partition("-")
        if low.isdigit() and (not high or high.isdigit()):
            covered.update(f"{k:02d}" for k in range(int(low), int(high or low) + 1))
    subs = frame.loc[groups == "3-digit", "naics"].astype(str).str[:2].unique()
    missing = sorted(set(subs) - covered)
    if len(sectors) and missing:
        log.warning("%s: the 3-digit industries of NAICS %s have no sector rows; those sectors "
                    "are missing from the sector scores (a sector file without them?)",
                    where() if callable(where) else where, ", ".join(missing))
    return missing


#: The level of industries (``I_GROUP``) that each of BLS's files of a table holds, by the
#: start of the file's name (``nat3d`` for ``nat3d_M2026_dl.xlsx``).
_FILE_LEVELS = {"national": "cross-industry", "natsector": "sector", "nat3d": "3-digit"}


def _check_file_levels(frames: list, names: list, origin) -> None:
    """Refuse a file of BLS's (``names``, read as ``frames``) that holds no row of its level of industries.

    A file holding another table of BLS's under its name (``nat4d_M2026_dl.xlsx``, 4-digit
    industries, saved as ``nat3d_M2026_dl.xlsx`` in the data directory) passed its schema
    and repeated no cell of the others: the by-industry table was read, and its files
    pinned, without 3-digit industries, and the roll-ups gave no subsector table (no sector
    table, for a ``natsector`` file), without a word. ``origin(name)`` is the file to fix
    (:func:`_origin`), called on an error only.

    Examples
    --------
    >>> f = pd.DataFrame({"i_group": ["4-digit", "4-digit"]})
    >>> _check_file_levels([f], ["oews/nat3d_M2026_dl.xlsx"], lambda name: name)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: oews/nat3d_M2026_dl.xlsx: no row of I_GROUP '3-digit', the industries BLS's nat3d file holds (its rows are of I_GROUP '4-digit'): is it another of BLS's tables under this name (nat4d, nat5d_6d)? The table would have no 3-digit rows
    """
    for frame, name in zip(frames, names):
        prefix = Path(name).name.partition("_M")[0]
        level = _FILE_LEVELS.get(prefix)
        if level is None or (frame["i_group"] == level).any():
            continue
        found = ", ".join(repr(g) for g in pd.unique(frame["i_group"].astype(str))[:3])
        raise DataFormatError(f"no row of I_GROUP {level!r}, the industries BLS's {prefix} file holds (its rows "
                              f"are of I_GROUP {found}): is it another of BLS's tables under this name (nat4d, "
                              f"nat5d_6d)? The table would have no {level} rows",
                              path=origin(name))


def _check_disjoint(frames: list, names: list) -> None:
    """Raise when two files hold the same (industry, occupation) cell.

    Each file passes its schema alone; a file holding another level's rows (a sector file
    with the 3-digit rows) repeated the other file's cells, which the schema of the
    concatenation reported as thousands of failures at 0-based rows of no one file.

    Examples
    --------
    >>> a = pd.DataFrame({"naics": ["11"], "occ_code": ["11-1011"], "o_group": ["detailed"]})
    >>> _check_disjoint([a, a], ["oews/natsector_M2026_dl.xlsx", "oews/nat3d_M2026_dl.xlsx"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: oews/nat3d_M2026_dl.xlsx: the cell (NAICS 11, OCC_CODE 11-1011) is also in oews/natsector_M2026_dl.xlsx; each file holds one level of industries (cross-industry, sectors, 3-digit NAICS): is one of them the wrong file?
    """
    cols = ["naics", "occ_code", "o_group"]
    keys = pd.concat([f[cols].astype(str).assign(file=k) for k, f in enumerate(frames)],
                     ignore_index=True).drop_duplicates()  # repeats within a file: its schema's
    again = keys.duplicated(cols).to_numpy()
    if again.any():
        row = keys.iloc[int(again.argmax())]
        first = keys[(keys[cols] == row[cols]).all(axis=1)]["file"].iloc[0]
        raise DataFormatError(
            f"the cell (NAICS {row['naics']}, OCC_CODE {row['occ_code']}) is also in "
            f"{names[first]}; each file holds one level of industries (cross-industry, sectors, "
            "3-digit NAICS): is one of them the wrong file?", path=names[row["file"]])


def _check_table(table) -> None:
    """Refuse a ``table`` that is not a string (a list, a Series), naming the argument."""
    check_choice(table, "table", [*releases.OEWS_TABLE_FILES, "national"])


def oews_file_names(release, table: str = "by_industry", *, online: bool = False) -> list[str]:
    """Registry names of the files of OEWS ``table`` of May ``release``.

    The registered file when there is one (:data:`OEWS_FILES`), else BLS's files
    (:func:`exposure.releases.oews_names`). ``online`` (no mirror at hand): a registered
    file that only a mirror holds (``mirror_only``, such as the May 2025 by-industry
    extract) is replaced by BLS's own files.

    Raises
    ------
    exposure.errors.ExposureError
        An unknown release or table.
    exposure.errors.DataFormatError
        ``table`` that is not a string; ``online`` that is not True or False.

    Examples
    --------
    >>> oews_file_names("2025")
    ['oews/oews_national_by_industry_M2025.csv']
    >>> oews_file_names("2025", online=True)
    ['oews/national_M2025_dl.xlsx', 'oews/natsector_M2025_dl.xlsx', 'oews/nat3d_M2025_dl.xlsx']
    >>> oews_file_names("2026", "cross_industry")
    ['oews/national_M2026_dl.xlsx']
    """
    _check_table(table)
    check_flag(online, "online")
    table = "cross_industry" if table == "national" else table
    if table not in releases.OEWS_TABLE_FILES:
        raise ExposureError(f"unknown OEWS table {table!r}; choose one of "
                            f"{', '.join(releases.OEWS_TABLE_FILES)}")
    key = (releases.check_oews_release(release), table)
    if key in OEWS_FILES and not (online and SOURCES[OEWS_FILES[key]].mirror_only):
        return [OEWS_FILES[key]]
    return releases.oews_names(key[0], table)
