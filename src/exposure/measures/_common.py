"""Shared plumbing of the measure loaders: file lookup, SOC crosswalks, employment.

Private: the public loaders live in the per-measure modules. Detailed SOC codes reach the
OEWS codes that publish their employment by the one rule of
:func:`exposure.crosswalks.oews_code_map`, the rollup's rule.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from exposure._tables import (
    EMPTY_LINE,
    GROUPED,
    as_path,
    binary_signature,
    check_field_counts,
    check_file,
    check_header,
    check_no_nul,
    check_published_separator,
    check_whole_workers,
    decode_text,
    drop_empty_tail,
    first_repeat,
    first_repeat_of,
    footnote_start,
    foreign_workbook,
    index_hint,
    norm_header,
    number_hint,
    refuse_multilevel_columns,
    signalling_nan,
    twice_reason,
)
from exposure.crosswalks import code_hint, oews_code_map, read_soc10_isco08, read_soc_2010_to_2018
from exposure.errors import DataFormatError, InputError
from exposure.fetch import fetch

# check_frame, check_once, check_table, numbers and to_float live in _crosswalk (which this module
# imports) so that both use one copy
from exposure.measures._crosswalk import (  # noqa: F401
    check_frame,
    check_once,
    check_table,
    compose_links,
    links_from_pairs,
    numbers,
    to_float,
)
from exposure.oews import SPECIAL_VALUES, read_oews
from exposure.schemas import validate
from exposure.schemas._fields import first_bad_soc_code
from exposure.schemas._measures import MeasureScores

log = logging.getLogger(__name__)

SOC10_TO_18 = "crosswalks/2010_to_2018_SOC_Crosswalk.xlsx"
SOC10_ISCO08 = "crosswalks/soc10_isco08.csv"
OEWS_CROSS = "oews/oews_national_cross_industry_M2025.csv"


def resolve(name: str, *, mirror=None, data_dir=None) -> Path:
    """Local, sha256-verified path of registry file ``name`` (:func:`exposure.fetch.fetch`)."""
    return Path(fetch(name, mirror=mirror, data_dir=data_dir))


def require_columns(frame: pd.DataFrame, columns, path, *, sheet_rows: bool = False) -> None:
    """Raise DataFormatError naming the file and the first missing column.

    A column written in another case or spacing (``soc code``, ``Task_Name`` for
    ``SOC Code``, ``task_name``) is renamed in ``frame`` (in place) to the name expected,
    as the O*NET, OEWS, crosswalk and Eloundou readers match header names
    (:func:`match_header_case`); it was refused as a missing column. A header found
    lower down (notes above it) is named in the message (:func:`_header_below`);
    ``sheet_rows``: the frame's index holds the sheet row of each row.
    """
    match_header_case(frame, columns, path)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataFormatError(
            f"expected column(s) {missing} not found (columns are {list(frame.columns)})"
            + (index_hint(frame, missing) or _header_below(frame, columns, sheet_rows)),
            path=path,
            column=missing[0],
        )


def _header_below(frame: pd.DataFrame, columns, sheet_rows: bool) -> str:
    """``"; the header is on row N: ..."`` when a row of the first 20 holds every name of ``columns``.

    A file or sheet with notes above its header (a title, a source line) was refused with
    the notes as its column names, without saying where the header is. Row ``N`` is the
    index of the row (``sheet_rows``: a sheet read with its rows in the index) or its
    position + 2.
    """
    keys = {norm_header(c) for c in columns}
    for pos in range(min(len(frame), 20)):
        cells = {norm_header(v) for v in frame.iloc[pos].tolist() if isinstance(v, str)}
        if keys <= cells:
            row = int(frame.index[pos]) if sheet_rows else pos + 2
            return f"; the header is on row {row}: remove the rows above it (notes or a title)"
    return ""


def header_key(name) -> str:
    """``name`` as header names are compared: :func:`exposure._tables.norm_header`, an underscore a space.

    Examples
    --------
    >>> header_key(" SOC_Code "), header_key("feedback  loop")
    ('soc code', 'feedback loop')
    """
    return re.sub(r"[\s_]+", " ", norm_header(name)).strip()


def match_header_case(frame: pd.DataFrame, columns, path, row: int = 1) -> None:
    """Rename (in place) each column of ``frame`` that is one of ``columns`` written in another case or spacing.

    Names are compared as :func:`exposure._tables.norm_header` compares them, an underscore
    as a space (:func:`header_key`): a header written with underscores for spaces
    (``SOC_Code``, ``task_id`` for ``Task ID``: a table saved by Stata, whose variable
    names have no spaces, or cleaned in R) or spaces for underscores (``feedback loop``)
    was refused as a missing column. A column of ``columns`` that the header holds twice
    so (``SOC Code`` and ``soc_code``) is refused, naming both positions (header row
    ``row``) in the words of :func:`exposure._tables.twice_reason`: one of them would be
    read without a word.

    Examples
    --------
    >>> f = pd.DataFrame({"soc code": ["11-1011"], "Title": ["x"], "Feedback Loop": [0.1]})
    >>> match_header_case(f, ["SOC Code", "title", "feedback_loop"], "m.csv")
    >>> list(f.columns)
    ['SOC Code', 'title', 'feedback_loop']
    >>> match_header_case(pd.DataFrame(columns=["SOC Code", "soc code"]), ["SOC Code"], "m.csv")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: m.csv, row 1, column 'SOC Code': given more than once (columns 1 and 2, written 'SOC Code' and 'soc code'): keep one
    """
    names = list(frame.columns)
    normed = [header_key(c) for c in names]
    rename = {}
    for col in columns:
        at = [i for i, n in enumerate(normed) if n == header_key(col)]
        if len(at) > 1:
            raise DataFormatError(twice_reason(at[0], at[1], (str(names[at[0]]), str(names[at[1]]))), path=path,
                                  row=row, column=col)
        if at and names[at[0]] != col:
            rename[names[at[0]]] = col
    if rename:
        frame.columns = [rename.get(c, c) for c in names]


def read_csv(path, name=None) -> pd.DataFrame:
    """Read a published CSV file (or text buffer) with every cell as a string.

    The header is row 1 and frame row ``i`` is row ``i + 2`` of the file. Empty lines (and
    rows of empty cells, ``,,,``) ending the file are ignored; one before the last row is
    refused, naming its row (pandas skipped it, so that every error below it named the row
    above the one at fault). A column with no name is called ``Unnamed: <position>``, as
    pandas names it.

    Parameters
    ----------
    path : str, os.PathLike or file-like
        The file, or an open text buffer.
    name : optional
        Name of the file in errors (default ``path``).

    Returns
    -------
    pandas.DataFrame
        Strings, empty cells missing, with a fresh ``RangeIndex``. Only an empty cell is
        missing, as in the library's other file readers: a cell of ``#N/A`` (a spreadsheet's
        error value), ``NULL``, ``nan`` or ``None`` is text, which a number column refuses
        (pandas read them as missing: a failed lookup of Excel became a missing score
        without a word).

    Raises
    ------
    exposure.errors.DataFormatError
        A missing, empty, HTML or unparsable file (a truncated quoted field), a workbook,
        Parquet or Stata file or compressed data (named, with what to save it as), a file (or a
        bytes buffer) that is not UTF-8 (the row and column of the first bad byte), a file separated by semicolons or tabs or starting with Excel's
        ``sep=`` line (row 1, :func:`exposure._tables.check_published_separator`), a column named twice (row 1), an empty line before the last row, or a
        header without any row below it (a published measure has rows; the readers returned
        an empty table).
    exposure.errors.InputError
        The file cannot be read (permission, I/O error).

    Examples
    --------
    >>> import io
    >>> read_csv(io.StringIO("a,b,a\\n1,2,3\\n"), "t.csv")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t.csv, row 1, column 'a': given more than once (columns 1 and 3): keep one
    >>> read_csv(io.StringIO(""), "t.csv")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t.csv: file is empty
    >>> read_csv(io.StringIO("a,b\\n1,2\\n\\n3,4\\n"), "t.csv")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t.csv, row 3: empty line (remove it: only the empty lines ending the file are ignored)
    """
    if not hasattr(path, "read"):
        path = as_path(path)
        # text only: an old .xls workbook was told "save it as .xlsx or CSV", and no reader of a
        # published CSV reads an .xlsx workbook; a workbook, a Parquet or a Stata file (Webb's
        # .dta) was "row 1: file is binary, not text (a NUL byte at offset 3)": named, with
        # what to save it as
        check_file(path, workbook=False, one_name=True)
        # a NUL byte was read into a cell; the task tables refuse it (exposure._tables.read_frame)
        check_no_nul(path, path if name is None else name)
    name = path if name is None else name
    source = _checked_fields(path, name)
    try:
        # empty lines kept (as rows of missing cells), so that row i + 1 of frame is row i + 1 of the file;
        # an empty cell only is missing: pandas' default tokens ('#N/A', 'NULL', 'nan', 'None') made a
        # spreadsheet's failed lookup a missing percentile without a word
        frame = pd.read_csv(source, dtype=str, header=None, encoding="utf-8-sig", skip_blank_lines=False,
                            keep_default_na=False, na_values=[""])
    except pd.errors.EmptyDataError:
        if not hasattr(path, "read") and path.read_bytes().strip():  # text under an empty first line
            raise DataFormatError(EMPTY_LINE, path=name, row=1) from None
        raise DataFormatError("file is empty", path=name) from None
    except pd.errors.ParserError as exc:
        raise DataFormatError(f"cannot parse as CSV: {str(exc).strip()}", path=name) from None
    except UnicodeDecodeError as exc:
        raise DataFormatError(f"not UTF-8 text: {exc}", path=name) from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path=name, errno=exc.errno) from None
    frame = drop_empty_tail(frame)
    if frame.empty:  # empty lines and cells only
        raise DataFormatError("file is empty", path=name)
    empty = frame.isna().all(axis=1).to_numpy(dtype=bool)
    if empty.any():
        raise DataFormatError(EMPTY_LINE, path=name, row=int(np.flatnonzero(empty)[0]) + 1)
    header = [f"Unnamed: {i}" if pd.isna(c) else str(c) for i, c in enumerate(frame.iloc[0])]
    check_header(header, name)  # the one check of the user tables' headers
    frame = frame.iloc[1:].set_axis(header, axis=1)
    if frame.empty:  # a header only: every reader returned an empty measure without a word
        raise DataFormatError("no rows below the header (row 1)", path=name)
    return frame.reset_index(drop=True)


def _checked_fields(path, name):
    """``path`` with each line's field count checked against the header's; what pandas should read.

    A truncated line (fields missing at its end) was read with its last cells missing, and
    a line with a field too many was pandas' ``Error tokenizing data`` without a row: both
    are refused as the task tables refuse them (:func:`exposure._tables.check_field_counts`),
    naming the row, the line and (too few fields) the first missing column. A buffer is
    read here and handed on as text; a file with a quoted cell left open is left to pandas,
    which refuses it (``cannot parse as CSV``).

    Bytes that are not UTF-8 (a file saved by Excel as Windows-1252 ``CSV``: an en dash
    of a title is the byte 0x96) are refused as the task tables refuse them
    (:func:`exposure._tables.decode_text`), naming the row, the column and what to save the
    file as. The message was pandas' ``not UTF-8 text: 'utf-8' codec can't decode byte
    0x96 in position 63``, without a row; a bytes buffer raised Python's
    ``UnicodeDecodeError``.
    """
    if hasattr(path, "read"):
        text = path.read()
        text = decode_text(text, name, ",") if isinstance(text, bytes) else text.removeprefix("\ufeff")
        source = io.StringIO(text)
    else:
        try:
            text = decode_text(path.read_bytes(), name, ",")
        except OSError as exc:
            raise InputError(exc.strerror or str(exc), path=name, errno=exc.errno) from None
        source = path
    check_published_separator(text, ",", name)  # a semicolon-separated file was "too many fields" or one column 'a;b;c'
    if text.strip() and not text.count('"') % 2:  # a quoted cell left open: pandas' "EOF inside string"
        try:
            check_field_counts(text, ",", csv.QUOTE_MINIMAL, name)
        except DataFormatError as exc:
            above = _above_footnotes(path, text, exc)
            if above is None:
                raise
            return io.StringIO(above)
    return source


def _above_footnotes(path, text: str, exc: DataFormatError) -> str | None:
    """The lines of ``text`` (file ``path``) above the footnotes ending it, when ``exc`` is about them; else None.

    A file saved with a note below its table (``Source: Felten et al.``, ``Note: ...``,
    lines of fewer fields than the header) was refused as ``too few fields: expected 3,
    got 1 (truncated file or line?)``: wrong advice, the file was whole. The notes are
    left out (logged, INFO) as the OEWS and crosswalk readers leave them out, by the one
    rule of :func:`exposure._tables.footnote_start`; the lines above them are checked
    again. A text buffer keeps the error (the rule reads a file).
    """
    if hasattr(path, "read"):
        return None
    start = footnote_start(path, exc)
    if start is None:
        return None
    lines = text.encode("utf-8").splitlines(keepends=True)  # split where footnote_start splits
    above = b"".join(lines[:start - 1]).decode("utf-8")
    check_field_counts(above, ",", csv.QUOTE_MINIMAL, path)
    log.info("%s: %d footnote line(s) below the table left out, from line %d", path, len(lines) - start + 1, start)
    return above


def check_sheet_header(frame: pd.DataFrame, path, sheet, **kwargs) -> None:
    """Refuse a column named twice in row 1 of an Excel sheet (pandas renames it ``X.1``).

    ``frame`` is the sheet as pandas read it (``header=0``); the header row is read again
    only when a name looks renamed (``X.1`` beside ``X``), so a valid sheet is read once.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the file, row 1 and the column (the second of the two was read as ``X.1``
        and never used: the first was taken without a word).
    """
    names = [str(c) for c in frame.columns]
    if not any(n.rsplit(".", 1)[0] in names for n in names if "." in n):
        return
    header = pd.read_excel(path, sheet_name=sheet, header=None, nrows=1, dtype=str, **kwargs)
    check_header(["" if pd.isna(c) else str(c) for c in header.iloc[0]] if len(header) else [], path)


def check_workbook(path) -> None:
    """Refuse a file that is not an ``.xlsx`` workbook, in the words of the crosswalk readers.

    For the readers of the Felten and ILO workbooks, which pandas reads: a CSV (the sheet
    exported from a spreadsheet, or a file renamed ``.xlsx``) or a compressed file was
    pandas' ``cannot read sheet 'Appendix A': Excel file format cannot be determined, you
    must specify an engine manually``, saying nothing of the file. A missing, empty, HTML,
    UTF-16 or old ``.xls`` file is named by :func:`exposure._tables.check_file`; a zip
    archive that is not a workbook pandas reads (an ``.ods``, ``.xlsb`` or Word file named
    ``.xlsx``, a Strict Open XML workbook) by :func:`exposure._tables.foreign_workbook`:
    pandas raised an ``ImportError`` (``Import odfpy failed``) or said ``'zip'``. Any other
    file is named for what it is (:func:`exposure._tables.binary_signature`): a Parquet or
    Stata file, compressed data, text (a CSV file); it was
    ``not an .xlsx workbook (no zip signature)``, what the file is unsaid but of text.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "lm.xlsx"
    >>> _ = p.write_text("SOC Code,Occupation Title,AIOE\\n11-1011,Chief Executives,1.3\\n")
    >>> check_workbook(p)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: .../lm.xlsx: not an .xlsx workbook: it looks like delimited text (a CSV or TSV file named .xlsx?); open it in a spreadsheet and save it as an .xlsx workbook
    """
    path = as_path(path)
    # a workbook only: an old .xls file was told "save it as .xlsx or CSV", and UTF-16 text "save it
    # as UTF-8 ('CSV UTF-8')", both refused here as no .xlsx workbook
    head = check_file(path, save_sep=None)
    if head.startswith(b"PK\x03\x04"):
        # an .ods or .xlsb renamed .xlsx: pandas' ImportError (odfpy, python-calamine); a
        # Word file: "'zip'"; a Strict Open XML workbook: "Worksheet named ... not found"
        foreign = foreign_workbook(path)
        if foreign is not None:
            raise DataFormatError(foreign, path=path)
        return
    binary_signature(head, path, "xlsx", save_as="an .xlsx workbook")


def check_codes(codes: pd.Series, pattern: str, path, column: str, *, what: str, example: str,
                unique: bool = True, row_offset: int = 2, article: str = "a") -> pd.Series:
    """Check a column of codes against ``pattern`` (and, if ``unique``, each code once).

    ``article`` goes before ``what`` in the message (``"an"`` for ``IWA id``).

    Returns the codes stripped of surrounding spaces. A missing, malformed or repeated
    code is a DataFormatError naming ``path``, the row (position + ``row_offset``) and
    ``column``; a malformed code says what it may be, as the crosswalk readers say it
    (:func:`exposure.crosswalks.code_hint`: a code a spreadsheet read as a date, saved as
    a number, marked with an apostrophe or written with a dash pasted from a document:
    the code to write is advised only when it is one of ``pattern``), and a code of the
    other kind with the code to write (:func:`exposure.schemas._fields.other_kind_hint`:
    ``11-1011.00`` among SOC codes, ``11-1011`` among O*NET-SOC codes; it was refused
    saying only what the column holds). Felten's and Microsoft's readers refused
    ``2011-11-01 00:00:00`` without the hint.

    Examples
    --------
    >>> from exposure.schemas._fields import SOC_PATTERN
    >>> check_codes(pd.Series(["11-1011", "banana"]), SOC_PATTERN, "f.csv", "SOC Code",
    ...             what="SOC code", example="11-1011")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: f.csv, row 3, column 'SOC Code': not a SOC code (like 11-1011): 'banana'
    >>> check_codes(pd.Series(["2011-11-01 00:00:00"]), SOC_PATTERN, "f.xlsx", "SOC Code",
    ...             what="SOC code", example="11-1011")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: f.xlsx, row 2, column 'SOC Code': not a SOC code (like 11-1011): '2011-11-01 00:00:00': a date? a spreadsheet read the code 11-2011 as one; ...
    >>> check_codes(pd.Series(["11-1011.00"]), SOC_PATTERN, "f.csv", "SOC Code", what="SOC code", example="11-1011")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: f.csv, row 2, column 'SOC Code': not a SOC code (like 11-1011): '11-1011.00': an O*NET-SOC code? a SOC code has no suffix: write '11-1011'
    """
    codes = codes.astype("string").str.strip().reset_index(drop=True)
    bad = ~codes.str.fullmatch(pattern).to_numpy(dtype=bool, na_value=False)
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        value = codes.iloc[pos]
        if pd.isna(value) or value == "":
            msg = f"missing {what}"
        else:  # a date cell read as text by pandas: '2011-11-01 00:00:00'
            # the pattern: '11\u20131011.00' among SOC codes was told to write '11-1011.00', no SOC code either;
            # a code of the other kind ('11-1011.00' among SOC codes) was refused without the code to write
            hint = code_hint(value, pattern)  # a code of the other kind too (other_kind_hint)
            msg = f"not {article} {what} (like {example}): {value!r}{hint}"
        raise DataFormatError(msg, path=path, row=pos + row_offset, column=column)
    if unique:
        repeat = first_repeat(codes)
        if repeat is not None:
            pos, first = repeat
            raise DataFormatError(f"{what} {codes.iloc[pos]!r} appears twice (rows {first + row_offset} "
                                  f"and {pos + row_offset})", path=path, row=pos + row_offset, column=column)
    return codes.astype(object)


#: SOC 2010 detailed codes gone in SOC 2018: the ``2010 SOC Code`` values of
#: ``crosswalks/2010_to_2018_SOC_Crosswalk.xlsx`` (:func:`exposure.crosswalks.read_soc_2010_to_2018`)
#: that are none of its ``2018 SOC Code`` values, less ``25-2052`` (an OEWS code of SOC 2018
#: data since May 2019, which Microsoft's files use). Found in a file on SOC 2018 they tell
#: a file on SOC 2010 (:func:`check_soc_vintage`).
SOC2010_ONLY = frozenset("""
    11-2031 11-3011 11-9061 13-2021 15-1111 15-1121 15-1122 15-1131 15-1132 15-1133 15-1134
    15-1141 15-1142 15-1143 15-1151 15-1152 15-1199 15-2091 19-3031 19-4011 19-4041 19-4091
    19-4093 23-2091 25-1191 25-2053 25-2054 25-4021 25-9011 25-9041 27-3012 27-3021 27-3022
    27-4013 29-1061 29-1062 29-1063 29-1064 29-1065 29-1066 29-1067 29-1069 29-1199 29-2021
    29-2041 29-2054 29-2071 29-9011 29-9012 31-1011 31-1013 31-1014 31-1015 35-3021 35-3022
    39-1011 39-1012 39-1021 39-9021 41-3099 43-5081 43-9011 45-3011 45-3021 47-5021 47-5031
    47-5042 47-5061 49-9093 51-2091 51-2093 51-4011 51-4012 51-9121 51-9122 53-1011 53-1021
    53-1031 53-3021 53-3022 53-3041 53-4012 53-4021 53-7032 53-7033 53-7111 55-3017
""".split())

#: SOC 2018 detailed codes new in SOC 2018: the ``2018 SOC Code`` values of the same
#: crosswalk that are none of its ``2010 SOC Code`` values (``15-1252``, Software Developers).
SOC2018_ONLY = frozenset("""
    11-2032 11-2033 11-3012 11-3013 11-9072 11-9171 11-9179 13-1082 13-2022 13-2023 13-2054
    15-1211 15-1212 15-1221 15-1231 15-1232 15-1241 15-1242 15-1243 15-1244 15-1251 15-1252
    15-1253 15-1254 15-1255 15-1299 15-2051 17-3028 19-3033 19-3034 19-4012 19-4013 19-4042
    19-4043 19-4044 19-4071 19-5011 19-5012 25-2055 25-2056 25-2057 25-2058 25-3031 25-3041
    25-4022 25-9042 25-9043 25-9044 25-9049 27-2091 27-3023 27-3092 27-4015 29-1211 29-1212
    29-1213 29-1214 29-1215 29-1216 29-1217 29-1218 29-1221 29-1222 29-1223 29-1224 29-1229
    29-1241 29-1242 29-1243 29-1249 29-1291 29-1292 29-1299 29-2036 29-2042 29-2043 29-2072
    29-9021 29-9093 31-1121 31-1122 31-1131 31-1132 31-1133 33-1091 33-9094 35-3023 39-1013
    39-1014 39-1022 39-4012 41-3091 45-3031 47-5022 47-5023 47-5032 47-5043 47-5044 51-2051
    51-2061 51-9124 51-9161 51-9162 53-1041 53-1042 53-1043 53-1044 53-1049 53-3051 53-3052
    53-3053 53-3054 53-4022 53-6032 53-7065
""".split())


def check_soc_vintage(codes: pd.Series, path, column: str, *, vintage: int, reader: str,
                      row_offset: int = 2) -> None:
    """Refuse a code of ``codes`` that exists only in the other SOC vintage than ``vintage``.

    A file on SOC 2018 (a newer Felten release, ``15-1252``) read where SOC 2010 codes are
    expected, or a file on SOC 2010 (``15-1132``) read where SOC 2018 codes are expected,
    was read without a word: most codes are the same in both vintages, and those of the
    other vintage matched nothing later on. The codes of one vintage only are
    :data:`SOC2010_ONLY` and :data:`SOC2018_ONLY`.

    Parameters
    ----------
    codes : pandas.Series
        The codes, stripped (as :func:`check_codes` returns them).
    path, column : str
        The file and its column, named in the error.
    vintage : int
        2010 or 2018: the vintage the file is read on.
    reader : str
        What reads the file (``"Felten's occupations"``), named in the error.
    row_offset : int
        The row of the first code (2: below a header on row 1).

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the file, the row of the first such code and ``column``.

    Examples
    --------
    >>> check_soc_vintage(pd.Series(["11-1011", "15-1252"]), "f.csv", "SOC Code", vintage=2010,
    ...                   reader="Felten's occupations")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: f.csv, row 3, column 'SOC Code': '15-1252' is a SOC 2018 code, not a SOC 2010 code: the file is on SOC 2018 (a newer release?); Felten's occupations are read on SOC 2010
    """
    other, gone = (SOC2018_ONLY, "a newer") if vintage == 2010 else (SOC2010_ONLY, "an older")
    hit = codes.astype(str).isin(other).to_numpy(dtype=bool)
    if not hit.any():
        return
    pos = int(np.flatnonzero(hit)[0])
    was = 2018 if vintage == 2010 else 2010
    raise DataFormatError(f"{codes.iloc[pos]!r} is a SOC {was} code, not a SOC {vintage} code: the file is on "
                          f"SOC {was} ({gone} release?); {reader} are read on SOC {vintage}",
                          path=path, row=pos + row_offset, column=column)


def check_range(values: pd.Series, path, column: str, *, low: float = 0.0, high: float | None = None,
                what: str = "value", row_offset: int = 2) -> None:
    """Refuse a value below ``low`` or above ``high`` (missing values pass), naming row and column.

    Examples
    --------
    >>> check_range(pd.Series([0.5, -1.0]), "f.csv", "w", what="weight")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: f.csv, row 3, column 'w': weight must be at least 0.0; got -1.0
    """
    arr = values.to_numpy(dtype=float)
    for bad, rule in ((arr < low, f"at least {low}"),
                      (arr > high if high is not None else np.zeros(len(arr), bool), f"at most {high}")):
        if bad.any():
            pos = int(np.flatnonzero(bad)[0])
            raise DataFormatError(f"{what} must be {rule}; got {float(arr[pos])!r}", path=path,
                                  row=pos + row_offset, column=column)


def checked_frame(frame: pd.DataFrame, what: str, keys: list[str], values: list[str], *, high: float | None = None,
                  required=(), unique: bool = True) -> pd.DataFrame:
    """``frame`` with ``values`` as floats, its ``keys`` never missing (and, if ``unique``, each once together).

    A value that is not a finite number (text, ``True``, ``inf``: :func:`numbers`), below
    0 or above ``high``, or missing in a column of ``required``, is refused; each failure
    names ``what``, the row (counted from 1) and the column. The frames given to
    :func:`exposure.measures.microsoft.rebuild_applicability` and
    :func:`exposure.measures.anthropic.anthropic_to_soc` are checked so.

    Examples
    --------
    >>> w = pd.DataFrame({"soc_code": ["x", "x"], "iwa_id": ["a", "a"], "weight": [1.0, 3.0]})
    >>> checked_frame(w, "weights", ["soc_code", "iwa_id"], ["weight"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: weights, row 2, column 'iwa_id': ('x', 'a') is given twice (rows 1 and 2): it would count twice
    """
    frame = frame.reset_index(drop=True)
    for key in keys:
        gap = frame[key].isna().to_numpy(dtype=bool)
        if gap.any():  # matched another missing key, or nothing
            raise DataFormatError(f"{key} missing", path=what, row=int(np.flatnonzero(gap)[0]) + 1, column=key)
    repeat = first_repeat_of(frame, keys) if unique and keys and frame.duplicated(keys).any() else None
    if repeat is not None:
        pos, first = repeat
        key = tuple(str(frame[k].iloc[pos]) for k in keys)
        raise DataFormatError(f"{key[0] if len(key) == 1 else key!r} is given twice (rows {first + 1} and {pos + 1}): "
                              "it would count twice", path=what, row=pos + 1, column=keys[-1])
    out = frame.copy()
    for col in values:
        out[col] = numbers(frame, col, what).to_numpy()
        gap = out[col].isna().to_numpy(dtype=bool) if col in required else np.zeros(len(out), bool)
        if gap.any():
            raise DataFormatError("missing value", path=what, row=int(np.flatnonzero(gap)[0]) + 1, column=col)
        check_range(out[col], what, col, high=high, what=col, row_offset=1)
    return out


def check_soc_scores(soc_scores: pd.DataFrame, measures: Sequence[str], *, path="soc_scores",
                     row_offset: int = 1) -> pd.DataFrame:
    """Check SOC scores (ours) before a comparison; return them with the measures as floats.

    Used by :func:`exposure.outcomes.exposure_table` and
    :func:`exposure.measures.compare.compare`.

    A ``soc_code`` column of SOC codes (``11-1011``, as OEWS publishes them), each code
    once (a repeated code would be two exposures of one occupation), at least one row, and
    the ``measures`` columns: shares of tasks (alpha, beta, gamma, ``share_*``), so numbers
    from 0 to 1 or missing (a column of values from 0 to 100 is told it may be percent,
    :func:`percent_hint`), and not missing in every row. Each failure names ``path``, the
    row (position + ``row_offset``) and the column. With the default ``path``, the frame is
    named once (``soc_scores lacks column(s) ['beta']``; it was ``soc_scores: soc_scores
    lacks ...``); a file's ``path`` is named before the message (``s.parquet: soc_scores
    lacks column(s) ['beta']``). A column read given twice (``pd.concat([a, b], axis=1)``),
    or column names of two levels, are refused (pandas' ``TypeError`` or an
    ``AttributeError`` before; the two levels were given back). A share written in another
    locale or as a percentage (``'0,46'``, ``'46%'``) is told the number to write
    (:func:`exposure._tables.number_hint`, as the roll-ups tell it); blank text is missing,
    as the roll-ups read it; a ``Decimal('sNaN')`` is not a number (decimal's
    ``InvalidOperation`` from inside pandas before).

    Raises
    ------
    exposure.errors.DataFormatError

    Examples
    --------
    >>> check_soc_scores(pd.DataFrame({"soc_code": ["11-1011", "11-1011"], "beta": [0.2, 0.3]}), ["beta"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_scores, row 2, column 'soc_code': SOC code '11-1011' appears twice (rows 1 and 2)
    >>> check_soc_scores(pd.DataFrame({"soc_code": ["11-1011"]}), ["beta"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_scores lacks column(s) ['beta']
    """
    named = path != "soc_scores"  # a file: named before the message, which names the table
    if not isinstance(soc_scores, pd.DataFrame):
        if not named:
            check_frame(soc_scores, "soc_scores")
        raise DataFormatError(f"SOC scores must be a pandas DataFrame, got {type(soc_scores).__name__}",
                              path=path)
    # a column read given twice (pd.concat([a, b], axis=1)) raised pandas' TypeError "arg must be a
    # list, tuple, 1-d array, or Series" (a measure) or an AttributeError (soc_code)
    check_once(soc_scores, ["soc_code", *measures], path)
    # ('soc_code', '') of a pivot was read as 'soc_code', and the frame given back with its 2 levels
    refuse_multilevel_columns(soc_scores, "soc_scores", path=path if named else None)
    missing = [m for m in ("soc_code", *measures) if m not in soc_scores.columns]
    if missing:
        # a space for an underscore ("SOC Code") is not matched (norm_header): say which column to rename
        near = {m: c for m in missing for c in soc_scores.columns
                if norm_header(c).replace(" ", "_") == m and norm_header(c) != m}
        hint = "; ".join(f"rename {c!r} to {m!r}" for m, c in near.items())
        found = f" (columns are {list(soc_scores.columns)}{': ' + hint if hint else ''})" if near else ""
        raise DataFormatError(f"soc_scores lacks column(s) {missing}{found}{index_hint(soc_scores, missing)}",
                              path=path if named else None)
    frame = soc_scores.reset_index(drop=True)
    if frame.empty:
        if named:
            raise DataFormatError("SOC scores have no rows", path=path)
        raise DataFormatError("soc_scores have no rows")
    codes = frame["soc_code"].astype("string")
    bad = first_bad_soc_code(frame["soc_code"])
    if bad is not None:
        raise DataFormatError(f"soc_code {bad[1]}", path=path, row=bad[0] + row_offset,
                              column="soc_code")
    repeat = first_repeat(codes)
    if repeat is not None:
        pos, first = repeat
        raise DataFormatError(f"SOC code {codes.iloc[pos]!r} appears twice (rows {first + row_offset} "
                              f"and {pos + row_offset})", path=path, row=pos + row_offset, column="soc_code")
    out = frame.copy()
    for m in measures:
        cells = frame[m].to_numpy(dtype=object)
        # True was read as 1.0, a complex number as its real part; a signalling NaN raised decimal's
        # InvalidOperation from inside pandas
        flags = np.array([isinstance(v, (bool, np.bool_, complex, np.complexfloating)) for v in cells], dtype=bool)
        snan = signalling_nan(cells)
        if snan is not None:
            flags[snan] = True
        if flags.any():
            pos = int(np.flatnonzero(flags)[0])
            value = cells[pos].item() if isinstance(cells[pos], np.generic) else cells[pos]
            raise DataFormatError(f"not a number: {value!r}", path=path, row=pos + row_offset, column=m)
        # blank text is missing, as the roll-ups and the file readers read it ('' was "not a number")
        blank = np.array([isinstance(v, str) and not v.strip() for v in cells], dtype=bool)
        given = pd.Series(np.where(blank, None, cells), index=frame.index, dtype=object) if blank.any() else frame[m]
        values = pd.to_numeric(given, errors="coerce")
        bad = (given.notna() & values.isna()).to_numpy(dtype=bool)
        if bad.any():
            pos = int(np.flatnonzero(bad)[0])
            cell = frame[m].iloc[pos]
            # '0,46' and '46%' were "not a number" and no more, where the roll-ups said what to write
            raise DataFormatError(f"not a number: {cell!r}{number_hint(cell, share=True)}", path=path,
                                  row=pos + row_offset, column=m)
        values = values.astype(float)
        outside = (values.notna() & ~values.between(0.0, 1.0)).to_numpy(dtype=bool)
        if outside.any():
            pos = int(np.flatnonzero(outside)[0])
            # beta 40.0 was refused without a word of why a file holds it
            raise DataFormatError(f"{m} is a share of tasks, from 0 to 1; got {float(values.iloc[pos])!r}"
                                  f"{percent_hint(values.to_numpy())}", path=path, row=pos + row_offset, column=m)
        if values.isna().all():
            raise DataFormatError(f"{m} is missing in every row", path=path, column=m)
        out[m] = values
    return out


def percent_hint(values: np.ndarray) -> str:
    """``" (scores on a 0-100 scale? divide them by 100)"`` when ``values`` (shares, some outside 0-1) may be percent.

    That is when every value given lies from 0 to 100; ``""`` otherwise. Missing values
    (NaN) are left aside.

    Examples
    --------
    >>> percent_hint(np.array([40.0, 20.0, np.nan])), percent_hint(np.array([0.4, -0.2]))
    (' (scores on a 0-100 scale? divide them by 100)', '')
    """
    given = np.asarray(values, dtype=float)
    given = given[~np.isnan(given)]
    percent = len(given) and (given >= 0).all() and given.max() <= 100
    return " (scores on a 0-100 scale? divide them by 100)" if percent else ""


def check_soc_codes(frame: pd.DataFrame, path, *, row_offset: int = 1) -> None:
    """Refuse a missing, malformed or repeated ``soc_code`` of ``frame``, naming row and column.

    Examples
    --------
    >>> check_soc_codes(pd.DataFrame({"soc_code": ["11-1011", "11-1011"]}), "t")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t, row 2, column 'soc_code': SOC code '11-1011' appears twice (rows 1 and 2)
    """
    codes = frame["soc_code"].reset_index(drop=True)
    bad = first_bad_soc_code(codes)
    if bad is not None:
        raise DataFormatError(f"soc_code {bad[1]}", path=path, row=bad[0] + row_offset, column="soc_code")
    repeat = first_repeat(codes)
    if repeat is not None:
        pos, first = repeat
        raise DataFormatError(f"SOC code {str(codes.iloc[pos])!r} appears twice (rows {first + row_offset} "
                              f"and {pos + row_offset})", path=path, row=pos + row_offset, column="soc_code")


def check_measure_frame(frame, column: str, what: str, *, row_offset: int = 1) -> pd.DataFrame:
    """Check a measure given as a frame (``soc_code`` + ``column``); return it with floats.

    SOC codes, each once and never missing; the measure a finite number or missing (any
    scale: Felten's AIOE is a z-score); each column once (one given twice was ``not a
    number: array([0.2, 0.2], dtype=object)``). Used for the measures given to
    :func:`exposure.measures.compare.compare` (``loaded``) and the comparison table of
    :func:`exposure.outcomes.exposure_table`.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming ``what``, the row (position + ``row_offset``) and the column.

    Examples
    --------
    >>> check_measure_frame(pd.DataFrame({"soc_code": ["11-1011"], "x": ["0,4"]}), "x", "measure 'x'")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: measure 'x', row 1, column 'x': not a number: '0,4': a decimal comma? write decimals with a point: '0.4'
    """
    frame = check_frame(frame, what, flat=True)
    # a column twice was "not a number: array([0.2, 0.2], dtype=object)", the two cells of a row as one
    check_once(frame, ["soc_code", column], what)
    missing = [c for c in dict.fromkeys(("soc_code", column)) if c not in frame.columns]
    if missing:  # 'soc_code' the index (set_index) was not said
        raise DataFormatError(f"missing column(s) {missing} (columns are {list(frame.columns)})"
                              f"{index_hint(frame, missing)}", path=what, column=missing[0])
    frame = frame.reset_index(drop=True)
    check_soc_codes(frame, what, row_offset=row_offset)
    return frame.assign(**{column: numbers(frame, column, what, row_offset=row_offset).to_numpy()})


def check_employment(employment, *, path="employment", row_offset: int = 1) -> pd.DataFrame:
    """Check an employment frame (``soc_code``, ``tot_emp``); return it with ``tot_emp`` as floats.

    SOC / OEWS codes, each once and never missing, and none the total or a group of
    other codes of the frame (:func:`_check_no_aggregate`: ``00-0000`` or ``15-1250``
    beside ``15-1252`` counted those workers twice); ``tot_emp`` a finite number of at
    least 0, or missing (OEWS's ``**``, as written in its files: :func:`oews_cells`, which
    also reads ``1,234``); each column once (it was
    ``not a number: array([10.0, 10.0], dtype=object)``). Each column, and the optional ``title`` (the
    disagreement table's titles), is read under its name when written in another case or
    spacing (OEWS's own ``TOT_EMP``, a ``SOC_CODE``, a ``Title``: the first two were
    refused as missing columns, the title left out without a word), and refused when given
    twice (a ``title`` and a ``Title``, or the column twice:
    :func:`~exposure.measures.compare.compare` said ``titles must be a Series or a
    dict``, of an argument not given); the caller's frame is not renamed. A text cell of
    ``tot_emp`` that is no whole number of workers (``'1.200'``, 1,200 workers written with
    a point: it was read as 1.2) is refused, and one that may be thousands written with
    points (``'2.000'``) is warned of (:func:`exposure._tables.check_whole_workers`).

    Examples
    --------
    >>> check_employment(pd.DataFrame({"soc_code": ["11-1011"], "tot_emp": [-1.0]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: employment, row 1, column 'tot_emp': employment must be at least 0.0; got -1.0
    """
    employment = check_frame(employment, path, flat=True)
    check_once(employment, ["soc_code", "tot_emp", "title"], path)  # "not a number: array([10.0, 10.0], dtype=object)"
    # OEWS's 'TOT_EMP' was a missing column; the optional titles: a 'Title' was left out without a
    # word, a 'Title' beside 'title' too
    employment = employment.copy(deep=False)
    match_header_case(employment, ["soc_code", "tot_emp", "title"], path, row=None)
    missing = [c for c in ("soc_code", "tot_emp") if c not in employment.columns]
    if missing:  # 'soc_code' the index (set_index) was not said
        raise DataFormatError(f"missing column(s) {missing} (columns are {list(employment.columns)})"
                              f"{index_hint(employment, missing)}", path=path, column=missing[0])
    frame = employment.reset_index(drop=True)
    check_soc_codes(frame, path, row_offset=row_offset)
    _check_no_aggregate(frame["soc_code"].astype(str), path, row_offset)
    emp = numbers(frame.assign(tot_emp=oews_cells(frame["tot_emp"])), "tot_emp", path, row_offset=row_offset)
    check_range(emp, path, "tot_emp", what="employment", row_offset=row_offset)
    # text '1.200' (1,200 workers written with a point) was read as 1.2 workers without a word
    check_whole_workers(emp, frame["tot_emp"], path, "tot_emp", row_offset=row_offset)
    return frame.assign(tot_emp=emp.to_numpy())


def oews_cells(cells: pd.Series) -> pd.Series:
    """``cells`` of ``tot_emp`` as OEWS writes them, made readable: BLS's special values missing, ``1,234`` 1234.

    An OEWS table read with pandas (``pd.read_excel`` of BLS's workbook, ``pd.read_csv``
    of a file saved with thousands separators) holds ``**`` (employment not released:
    :data:`exposure.oews.SPECIAL_VALUES`) and ``"1,234"`` in its ``TOT_EMP``: given to
    :func:`~exposure.measures.compare.compare` or ``coverage`` they were refused as
    ``not a number: '**'``, where the roll-up's employment readers (``to_sectors``,
    ``workforce_stats``) read them so. Text cells only: other cells, and other text
    (``0,5``, ``n/a``), are left to :func:`numbers`, which refuses what is no number.

    Examples
    --------
    >>> oews_cells(pd.Series(["1,234", "**", 5.0, "0,5"], dtype=object)).tolist()
    ['1234', None, 5.0, '0,5']
    """
    if not (cells.dtype == object or isinstance(cells.dtype, pd.StringDtype)) or signalling_nan(cells) is not None:
        return cells  # (a Decimal('sNaN'), which astype("string") cannot read, is named by numbers())
    text = cells.astype("string").str.strip()
    special = text.isin(list(SPECIAL_VALUES)).to_numpy(dtype=bool, na_value=False)
    grouped = text.str.fullmatch(GROUPED).to_numpy(dtype=bool, na_value=False)
    if not (special.any() or grouped.any()):
        return cells
    out = cells.to_numpy(dtype=object).copy()
    out[grouped] = text[grouped].str.replace(",", "", regex=False).to_numpy(dtype=object)
    out[special] = None
    return pd.Series(out, index=cells.index, dtype=object)


def _check_no_aggregate(codes: pd.Series, path, row_offset: int, *, column: str = "soc_code",
                        why: str = "its employment would be counted twice", rows=None,
                        majors_only: bool = False) -> None:
    """Refuse a code that is the total or a group (major, minor, broad) of other codes of ``codes``.

    The group of a code ending in zeros is the code without them (``15-1250`` holds
    ``15-1252``, ``15-0000`` every ``15-`` code, ``00-0000`` all occupations): its
    employment includes theirs, and a total of ``tot_emp`` counted those workers twice
    (an OEWS file read with its total row halved every share of employment). OEWS's own
    detailed-level aggregates (``31-1120``) are kept: none of their codes is published
    beside them.

    Examples
    --------
    ``column`` and ``why`` go into the message; ``rows`` (optional) gives the row of each
    position (a sheet whose blank rows were dropped), else position + ``row_offset``;
    ``majors_only`` checks only the total and the major groups (``XX-0000``).

    >>> _check_no_aggregate(pd.Series(["11-1011", "00-0000"]), "employment", 1)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: employment, row 2, column 'soc_code': '00-0000' (all occupations) includes '11-1011' (row 1): its employment would be counted twice; keep the detailed codes only
    """
    text = codes.astype(str).reset_index(drop=True)
    at = (np.arange(len(text)) + row_offset) if rows is None else np.asarray(rows)
    ends = text.str.endswith("0000" if majors_only else "0")  # majors_only: the total and major groups
    for pos in np.flatnonzero(ends.to_numpy(dtype=bool)):
        code = text.iloc[pos]
        prefix = "" if code == "00-0000" else code.rstrip("0")
        inside = np.flatnonzero((text.str.startswith(prefix) & (text != code)).to_numpy(dtype=bool))
        if len(inside):
            other = int(inside[0])
            what = " (all occupations)" if code == "00-0000" else ""
            raise DataFormatError(f"{code!r}{what} includes {text.iloc[other]!r} (row {int(at[other])}): {why}; "
                                  "keep the detailed codes only", path=path, row=int(at[pos]), column=column)


def warn_unmatched(frame: pd.DataFrame, unmatched: list[str], counts=(), *, code: str, what: str, source: str,
                   target: str, logger: logging.Logger = log) -> None:
    """Log one warning naming the codes of ``frame`` left out of a crosswalk (no link), with their counts.

    ``unmatched`` is the ``attrs["unmatched"]`` of
    :func:`~exposure.measures._crosswalk.apply_links` (called with ``log_unmatched=False``:
    the codes are said once, here);
    ``code`` is their column, ``what`` the function, ``source`` and ``target`` the
    classifications, ``counts`` the count columns whose total left out is given.
    :func:`~exposure.measures.ilo.to_isco` (the registry's links have none for
    ``29-2055``, some 110,000 workers), :func:`~exposure.measures.ilo.ilo_to_soc` (an
    ISCO-88 code among ISCO-08 scores) and :func:`~exposure.measures.felten.felten_to_soc`
    (a SOC 2010 code that the crosswalk does not link; it was left out at INFO level
    only, while the ILO reader warned) warn in these words.

    Examples
    --------
    >>> import sys
    >>> log.addHandler(shown := logging.StreamHandler(sys.stdout))
    >>> soc = pd.DataFrame({"soc_code": ["15-1252", "29-2055"], "tot_emp": [100.0, 50.0]})
    >>> warn_unmatched(soc, ["29-2055"], ("tot_emp",), code="soc_code", what="to_isco", source="SOC",
    ...                target="ISCO-08")
    to_isco: 1 of the 2 SOC codes have no ISCO-08 link and are left out of the result (attrs['unmatched']): '29-2055'; tot_emp 50 of 150 left out
    >>> log.removeHandler(shown)
    """
    if not unmatched:
        return
    codes = frame[code].astype(str)
    out = codes.isin(set(unmatched)).to_numpy(dtype=bool)
    lost = "".join(f"; {col} {pd.to_numeric(frame[col], errors='coerce')[out].sum():,.0f} of "
                   f"{pd.to_numeric(frame[col], errors='coerce').sum():,.0f} left out" for col in counts)
    shown = ", ".join(map(repr, unmatched[:10])) + (", ..." if len(unmatched) > 10 else "")
    logger.warning("%s: %d of the %d %s codes have no %s link and are left out of the result (attrs['unmatched']): "
                   "%s%s", what, len(unmatched), codes.nunique(), source, target, shown, lost)


def read_soc10_to_18_links(path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """SOC 2010 -> SOC 2018 and O*NET-SOC 2010 -> SOC 2018 weighted links.

    Reads ``2010_to_2018_SOC_Crosswalk.xlsx`` with
    :func:`exposure.crosswalks.read_soc_2010_to_2018` (the SOC 2010 code is the first 7
    characters of the O*NET-SOC 2010 code).
    """
    frame = read_soc_2010_to_2018(path)
    return (
        links_from_pairs(frame, "soc_2010_code", "soc_code"),
        links_from_pairs(frame, "onetsoc_2010_code", "soc_code"),
    )


def soc10_to_18(*, mirror=None, data_dir=None, path=None) -> pd.DataFrame:
    """SOC 2010 -> SOC 2018 weighted links."""
    return read_soc10_to_18_links(path or resolve(SOC10_TO_18, mirror=mirror, data_dir=data_dir))[0]


def onetsoc10_to_18(*, mirror=None, data_dir=None, path=None) -> pd.DataFrame:
    """O*NET-SOC 2010 -> SOC 2018 weighted links."""
    return read_soc10_to_18_links(path or resolve(SOC10_TO_18, mirror=mirror, data_dir=data_dir))[1]


def read_soc10_isco08_pairs(path) -> pd.DataFrame:
    """SOC 2010 <-> ISCO-08 pairs [soc10_code 'XX-XXXX', isco08_code 'XXXX'].

    Reads ``soc10_isco08.csv`` with :func:`exposure.crosswalks.read_soc10_isco08` (which
    restores the leading zero of the armed-forces groups ``0110`` etc.).
    """
    frame = read_soc10_isco08(path)
    return frame.rename(columns={"soc_2010_code": "soc10_code"})[["soc10_code", "isco08_code"]]


def isco_to_soc18(*, mirror=None, data_dir=None) -> pd.DataFrame:
    """ISCO-08 -> SOC 2010 -> SOC 2018 weighted links (chain)."""
    pairs = read_soc10_isco08_pairs(resolve(SOC10_ISCO08, mirror=mirror, data_dir=data_dir))
    first = links_from_pairs(pairs, "isco08_code", "soc10_code")
    return compose_links(first, soc10_to_18(mirror=mirror, data_dir=data_dir))


def soc18_to_isco(*, mirror=None, data_dir=None) -> pd.DataFrame:
    """SOC 2018 -> SOC 2010 -> ISCO-08 weighted links (chain)."""
    pairs = read_soc10_isco08_pairs(resolve(SOC10_ISCO08, mirror=mirror, data_dir=data_dir))
    soc = soc10_to_18(mirror=mirror, data_dir=data_dir)
    back = links_from_pairs(soc, "target_code", "source_code")  # SOC 2018 -> SOC 2010
    return compose_links(back, links_from_pairs(pairs, "soc10_code", "isco08_code"))


def read_oews_employment(path) -> pd.DataFrame:
    """Detailed-code employment [soc_code, tot_emp, title] of an OEWS national cross-industry file.

    Read with :func:`exposure.oews.read_oews`; the cross-industry (``naics`` 000000)
    detailed rows are kept.
    """
    frame = read_oews(path)
    frame = frame[(frame["naics"] == "000000") & (frame["o_group"] == "detailed")]
    emp = pd.to_numeric(frame["tot_emp"], errors="coerce")
    title = frame["occ_title"].astype(str).to_numpy()
    return (
        pd.DataFrame(
            {"soc_code": frame["occ_code"].astype(str).to_numpy(), "tot_emp": emp.to_numpy(), "title": title}
        )
        .drop_duplicates("soc_code")
        .sort_values("soc_code")
        .reset_index(drop=True)
    )


def load_employment(*, mirror=None, data_dir=None) -> pd.DataFrame:
    """OEWS May 2025 national cross-industry employment of detailed codes."""
    return read_oews_employment(resolve(OEWS_CROSS, mirror=mirror, data_dir=data_dir))


def employment_for(codes, employment: pd.DataFrame, soc_structure: pd.DataFrame | None = None) -> pd.Series:
    """Employment per SOC 2018 code, counting each OEWS code once.

    A code published by OEWS gets its ``tot_emp``. A detailed code that OEWS only
    publishes inside an aggregate (e.g. ``31-1122`` inside ``31-1120``, the physicians'
    ``29-1221`` inside ``29-1210``; the rule of :func:`exposure.crosswalks.oews_code_map`)
    gets an equal share of the aggregate among the codes of ``codes`` that fall in it,
    unless the aggregate is itself one of ``codes``. Codes found nowhere get NaN.

    Parameters
    ----------
    codes : iterable of str
        SOC 2018 or OEWS codes.
    employment : pandas.DataFrame
        ``soc_code``, ``tot_emp`` of the OEWS detailed-level codes.
    soc_structure : pandas.DataFrame, optional
        SOC structure for :func:`~exposure.crosswalks.oews_code_map`.

    Returns
    -------
    pandas.Series
        Employment indexed by the distinct codes, in their order.

    Examples
    --------
    >>> emp = pd.DataFrame({"soc_code": ["11-1011", "31-1120"], "tot_emp": [100.0, 60.0]})
    >>> employment_for(["11-1011", "31-1121", "31-1122", "99-9999"], emp).tolist()
    [100.0, 30.0, 30.0, nan]
    """
    codes = pd.Index(pd.unique(pd.Series(list(codes), dtype=str)))
    emp = employment.set_index("soc_code")["tot_emp"]
    out = pd.Series(emp.reindex(codes).to_numpy(), index=codes, dtype=float)
    missing = out.index[out.isna()]
    cmap = oews_code_map(codes, emp.index.astype(str), soc_structure).set_index("soc_code")["occ_code"]
    agg_code = cmap.reindex(missing)
    agg_code = agg_code[agg_code.notna() & (agg_code != agg_code.index) & ~agg_code.isin(codes)]
    if len(agg_code):
        share = agg_code.map(agg_code.value_counts())
        out.loc[agg_code.index] = emp.reindex(agg_code.to_numpy()).to_numpy() / share.to_numpy()
    return out


def to_measure_scores(frame: pd.DataFrame, column: str, measure: str) -> pd.DataFrame:
    """One measure of a crosswalked frame as validated long :class:`MeasureScores` rows."""
    out = frame.loc[frame[column].notna(), ["soc_code", column, "crosswalk_weight", "n_sources"]]
    out = out.rename(columns={column: "value"})
    out.insert(1, "measure", measure)
    out = validate(out.sort_values("soc_code"), MeasureScores, path=f"measure {measure}")
    out.attrs.update(frame.attrs)
    return out
