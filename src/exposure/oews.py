"""Parse OEWS (Occupational Employment and Wage Statistics) files into validated frames.

:func:`read_oews` reads a BLS OEWS table, as ``.csv`` or ``.xlsx`` (first sheet), with
BLS's column names in any case (``OCC_CODE`` or ``occ_code``), normalized to snake_case
lower case. Numbers may carry thousands separators (``"1,234"`` in BLS's CSV files).

BLS special values are handled explicitly, never silently coerced. In every number
column (``TOT_EMP``, ``EMP_PRSE``, the wages and their RSE), as
:func:`exposure.rollup.employment_frame` and the ``soc_scores`` checks read them:

- ``**`` (BLS: employment not released), ``*`` (wage or RSE not released) and ``~``
  (share below 0.5 %) -> missing, ``<col>_not_released`` True where the column has that
  flag (``tot_emp``, ``h_mean``, ``a_mean``, ``h_median``, ``a_median``); either star
  in any column;
- ``#`` (wage at or above the top-code) -> missing, ``<col>_top_coded`` True where the
  column has that flag, ``any_top_coded`` when it is in any wage column (mean or
  percentile). BLS writes it in wage columns only; in ``TOT_EMP``, ``EMP_PRSE`` or
  ``MEAN_PRSE`` it is read as missing, with no flag, as ``employment_frame`` reads it;
- a blank cell -> missing, with no flag (the percentile columns of some files);
- a number, with commas only as thousands separators (``"1,234"``; not ``"0,500"``).

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
import logging
import re

import numpy as np
import pandas as pd

import exposure.fetch as fetching
from exposure import releases
from exposure._args import check_choice, check_flag
from exposure._tables import GROUPED, MAX_COUNT, RawTable, check_filled, first_repeat, to_number
from exposure.errors import DataFormatError, ExposureError, SchemaError
from exposure.onet import _check_choice, _read
from exposure.schemas import validate
from exposure.schemas._fields import OEWS_NAICS_PATTERN
from exposure.schemas._oews import I_GROUPS, O_GROUPS, Employment
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
    "o_group": "O_GROUP",
}
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
        E.g. ``national_M2024_dl.xlsx`` or ``oews_national_by_industry_M2025.csv``.

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
        (the missing-column error says so),
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
    exposure.errors.SchemaError
        Malformed code, unknown group, duplicate key.

    Notes
    -----
    The treatment of each BLS special value is the module's (:mod:`exposure.oews`):
    ``**``, ``*``, ``~`` not released, ``#`` top-coded, blank missing.

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
    optional.update(annual="ANNUAL", hourly="HOURLY")
    xlsx = str(path).lower().endswith((".xlsx", ".xlsm"))
    try:
        raw = _read(
            path,
            {**_TEXT, **{c: c.upper() for c in _NUMERIC}},
            optional=optional,
            footnotes=True,
            **({} if xlsx else {"sep": ",", "quoting": csv.QUOTE_MINIMAL}),
        )
    except SchemaError:
        raise
    except DataFormatError as exc:
        said = None if xlsx or not exc.reason.startswith("missing column") else _separator(path)
        if said is None:
            raise
        raise DataFormatError(f"{exc.reason}; the header is separated by {said}, not by commas: save the "
                              "file as CSV with commas (BLS's layout)", path=exc.path, row=exc.row,
                              column=exc.column, line=exc.line) from None
    if raw.frame.empty:  # a header alone (or footnotes) was read as an empty table
        raise DataFormatError("no OEWS rows: the file has a header but no rows (a download cut short?)",
                              path=raw.path)
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
    flags = {}
    top_any = np.zeros(len(f), dtype=bool)
    for col in _NUMERIC + _PERCENTILES:
        if col not in f:
            out[col] = np.full(len(f), np.nan)
            continue
        text = f[col].str.strip()
        not_released = text.isin(["**", "*", "~"]).to_numpy()
        top = (text == "#").to_numpy()
        _check_numbers(text, not_released | top, raw, col)
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
    for col in ("annual", "hourly"):
        out[col] = _flag(f[col], raw, col) if col in f else np.zeros(len(f), dtype=bool)
    frame = pd.DataFrame({c: out[c] for c in _ORDER})
    for name in (
        "tot_emp_not_released", "h_mean_not_released", "a_mean_not_released",
        "h_median_not_released", "a_median_not_released", "h_mean_top_coded",
        "a_mean_top_coded", "h_median_top_coded", "a_median_top_coded",
    ):
        frame[name] = flags[name]
    frame["any_top_coded"] = top_any
    _check_repeats(frame, raw)
    return validate(frame, Employment, path=raw.path, row_offset=raw.first_row, names=raw.sources)


def _separator(path) -> str | None:
    """``';'`` or ``tabs`` when the first line of text file ``path`` is split by them and has no comma.

    A CSV saved by a spreadsheet in a European locale (``;``) or a tab-separated export
    was refused as ``missing column(s) 'NAICS', ... found: 'NAICS;NAICS_TITLE;...'``
    only. Run on the error path; None when the file cannot be read.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "o.csv"
    >>> _ = p.write_text("NAICS;OCC_CODE\\n")
    >>> _separator(p)
    "';'"
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(65536).decode("utf-8-sig", errors="replace")
    except (OSError, TypeError):
        return None
    first = head.lstrip("\r\n").splitlines()[0] if head.strip() else ""
    if "," in first:
        return None
    return "';'" if ";" in first else "tabs" if "\t" in first else None


def _check_naics(codes: pd.Series, raw: RawTable) -> None:
    """Refuse a ``NAICS`` cell (stripped) that is not a code as BLS writes it, naming its column.

    A code that lost its leading zeros (``0`` for ``000000``: a CSV saved by a spreadsheet,
    or a number cell) was refused in pandera's words only, naming the library's column
    (``column 'naics', check str_matches(...): '0'``).

    Examples
    --------
    >>> from pathlib import Path
    >>> raw = RawTable(pd.DataFrame({"naics": ["000000", "0"]}), Path("o.csv"), 2, {"naics": "NAICS"})
    >>> _check_naics(raw.frame["naics"], raw)
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: o.csv, row 3, column 'NAICS': NAICS must be an industry code as BLS writes it (000000, 31-33, 311000, 3250A1), got '0' (leading zeros lost? keep the column as text, so that 000000 keeps them)
    """
    bad = ~codes.str.match(OEWS_NAICS_PATTERN).to_numpy(dtype=bool, na_value=False)
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        value, source = codes.iloc[pos], raw.sources.get("naics", "NAICS")
        hint = (" (leading zeros lost? keep the column as text, so that 000000 keeps them)"
                if re.fullmatch(r"[0-9]{1,5}(\.0*)?", value) else "")
        raise SchemaError(f"{source} must be an industry code as BLS writes it (000000, 31-33, 311000, "
                              f"3250A1), got {raw.frame['naics'].iloc[pos]!r}{hint}", path=raw.path,
                              row=raw.row(pos), column=source)


def _check_repeats(frame: pd.DataFrame, raw: RawTable) -> None:
    """Refuse a (NAICS, OCC_CODE, O_GROUP) cell given twice, naming both rows (a SchemaError, as before).

    The schema's uniqueness check said only ``check multiple_fields_uniqueness: '(the row)'``.
    """
    key = frame["naics"].astype("string") + "|" + frame["occ_code"].astype("string") + "|" + \
        frame["o_group"].astype("string")
    repeat = first_repeat(key)
    if repeat is not None:
        pos, first = repeat
        naics, occ, group = (frame[c].iloc[pos] for c in ("naics", "occ_code", "o_group"))
        names = "/".join(raw.sources.get(c, c) for c in ("naics", "occ_code", "o_group"))
        raise SchemaError(f"{names} {naics}/{occ}/{group} is given twice (rows {raw.row(first)} and "
                          f"{raw.row(pos)}): keep one row per industry and occupation",
                          path=raw.path, row=raw.row(pos))


def _check_numbers(text: pd.Series, special: np.ndarray, raw: RawTable, col: str) -> None:
    """Refuse a cell of ``text`` that is neither special, blank nor a number, naming its row.

    ``n/a``, ``N/A`` and ``NA`` were read as missing (the default tokens of
    :func:`exposure._tables.to_number`), ``"1,2"`` as 12 and ``"1.200,5"`` as 1.2005;
    :func:`exposure.rollup.employment_frame` refuses them. Commas are thousands
    separators only. A ``TOT_EMP`` too large for a 64-bit integer (``1e30``) raised a
    ``TypeError`` from pandas; a wage or RSE of that size or more (``1e305``) is refused
    too (it was read, and overflowed once multiplied by an employment).

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
    if col != "tot_emp":  # an infinite wage or RSE is read: the schema refuses it (``must be a finite number``)
        big &= np.isfinite(value)
    if bad.any() or big.any():
        pos = int(np.flatnonzero(bad | big)[0])
        source = raw.sources.get(col, col)
        rule = (f"is too large for {_TOO_LARGE.get(col, 'a wage')}" if big[pos] else
                f"must be a number or a BLS special value ({' '.join(SPECIAL_VALUES)})")
        raise DataFormatError(f"{source} {rule}, got {raw.frame[col].iloc[pos]!r}", path=raw.path,
                              row=raw.row(pos), column=source)


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
        by_industry, national (str), got list ['by_industry']``).

    Examples
    --------
    >>> load_oews("May 2021", "by_industry")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: OEWS release 'May 2021' is not a year such as 2025
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
    frames = [fetching.fetch_table(name, read_oews, **where) for name in names]
    _check_disjoint(frames, names)
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    frame = validate(frame, Employment, path=" + ".join(names))
    _warn_missing_sectors(frame, " + ".join(names))
    return frame


def _warn_missing_sectors(frame: pd.DataFrame, where: str) -> list[str]:
    """Warn about 3-digit industries whose sector has no rows; return their 2-digit codes.

    A sector missing from a new release's sector file (NAICS 22 deleted) was dropped from
    the sector scores without a word, though its subsectors were scored.

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
                    "are missing from the sector scores (a sector file without them?)", where,
                    ", ".join(missing))
    return missing


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
