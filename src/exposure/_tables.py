"""Read delimited text and ``.xlsx`` tables into frames of strings, with errors that say where.

The ground floor of every parser (:mod:`exposure.onet`, :mod:`exposure.oews`,
:mod:`exposure.crosswalks`, :mod:`exposure.measures`): no domain knowledge, only files.

- :func:`read_text_table` and :func:`read_xlsx_table` (chosen by extension in
  :func:`read_table`) read a table into a :class:`RawTable`: every cell a string, the
  columns renamed to target names, and the file line (or sheet row) of each frame row kept
  so that later errors can name it;
- :func:`missing_to_na` and :func:`to_number` convert columns, raising
  :class:`~exposure.errors.DataFormatError` naming the file, line and column of a bad value.

Schemas are run by the callers, with ``validate(frame, model, path=raw.path,
row_offset=raw.first_row)`` (:func:`exposure.schemas.validate`), so that a failure names
the same file line.

Text files are read with every field as a string, no NA guessing and, by default,
``quoting=csv.QUOTE_NONE`` so that double quotes inside fields stay intact; CRLF line endings
and a UTF-8 BOM are accepted. Missing, empty, HTML, zip-instead-of-text, non-UTF-8 files and
lines with too many or too few fields are :class:`~exposure.errors.DataFormatError`.
"""

from __future__ import annotations

import codecs
import collections
import contextlib
import csv
import dataclasses
import datetime
import decimal
import errno
import io
import logging
import os
import re
import struct
import tempfile
import unicodedata
import zipfile
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from exposure._args import check_path
from exposure._args import shown as shown_value
from exposure._io import (
    COMPRESSED,
    _check_formulas,
    compressed_files,
    entry_kind,
    lost_cwd,
    pyarrow_parquet,
    write_csv,
    write_parquet,
    write_stata,
    write_xlsx,
)
from exposure.errors import DataFormatError, ExposureError, InputError

__all__ = [
    "decode_text",
    "nul_error",
    "windows_1252_char",
    "utf16_without_bom",
    "foreign_workbook",
    "check_paired",
    "check_pairs",
    "check_merged",
    "header_spans",
    "column_letters",
    "sheet_xml",
    "split_ref",
    "RawTable",
    "UNSAVED_FORMULA",
    "check_published_separator",
    "reader_reason",
    "link_note",
    "missing_note",
    "variable_note",
    "check_sheet",
    "nullable_dtype",
    "binary_as_text",
    "read_text_table",
    "read_xlsx_table",
    "read_table",
    "missing_to_na",
    "to_number",
    "number_hint",
    "check_whole_workers",
    "MAX_COUNT",
    "power_scaled",
    "check_filled",
    "MAX_TASK_ID",
    "exact_integer",
    "norm_task_id",
    "norm_task_ids",
    "task_id_numbers",
    "first_not_task_id",
    "not_task_id_dtype",
    "signalling_nan",
    "INPUT_KINDS",
    "OUTPUT_KINDS",
    "as_path",
    "table_kind",
    "first_row_number",
    "has_ns_times",
    "first_repeat",
    "refuse_multilevel_columns",
    "index_hint",
    "read_frame",
    "read_parquet_file",
    "parquet_shape",
    "stored_index",
    "range_index_columns",
    "UNNAMED_INDEX",
    "index_as_columns",
    "check_delimited_file",
    "check_quoted_breaks",
    "no_extension",
    "extension_alone",
    "WRITER_QUOTED",
    "check_input_file",
    "compressed_input",
    "JSON_KINDS",
    "OTHER_SPREADSHEETS",
    "json_advice",
    "other_format",
    "compressed_output",
    "xlsx_sheet_note",
    "joined_header_note",
    "std_stream",
    "write_frame",
    "check_file",
    "check_field_counts",
    "check_header",
    "holds_row_names",
    "FOOTNOTE",
    "QUOTE_AFTER",
    "footnote_start",
    "footnote_rows",
    "csv_lines",
    "read_above",
    "twice_reason",
    "drop_empty_tail",
    "drop_unnamed",
    "binary_signature",
    "unnamed_hint",
    "UNNAMED_HINTS",
    "norm_header",
    "header_name",
    "xlsx_worksheets",
    "check_first_sheet_shown",
    "COMPRESSED",
    "first_repeat_of",
    "EMPTY_LINE",
    "check_no_nul",
    "GROUPED",
    "xlsx_sheet_parts",
    "read_utf8",
    "uncomputed_formula",
    "UNCLOSED_QUOTE",
    "TITLE_LINE",
    "SPREADSHEET_ERRORS",
    "is_spreadsheet_error",
    "spreadsheet_error_rows",
]

log = logging.getLogger(__name__)

#: What a broken binary file (xlsx, Parquet, Stata) makes its reader raise: XML parse
#: errors are SyntaxError, bad zip members zlib.error/BadZipFile/KeyError.
_BROKEN_FILE_ERRORS = (
    zipfile.BadZipFile, zlib.error, KeyError, ValueError, TypeError, IndexError, EOFError,
    SyntaxError, struct.error, UnicodeDecodeError, pa.ArrowException,
)

#: Tokens read as missing by default (O*NET's "not applicable / not available").
_MISSING = frozenset({"", "n/a", "N/A", "NA"})

#: The error values a spreadsheet (Excel, LibreOffice, Google Sheets) shows for a formula
#: that failed, and writes as text to a CSV export: never a task statement, a title or a
#: source. Here, below every reader (:mod:`exposure.onet` refuses them in its text cells).
SPREADSHEET_ERRORS = frozenset({"#N/A", "#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NULL!",
                                "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!",
                                "#UNKNOWN!", "#GETTING_DATA", "#EXTERNAL!", "#PYTHON!", "#ERROR!"})
#: LibreOffice Calc's error values that are not Excel's (``Err:502``, ``Err:504``: an
#: invalid argument, a parameter list error; its codes run from 501 to 539), written to a
#: CSV export as text like those.
_CALC_ERRORS = frozenset(f"Err:{n}" for n in range(500, 600))


def is_spreadsheet_error(value: str) -> bool:
    """Whether the text ``value`` is a spreadsheet's error value (:data:`SPREADSHEET_ERRORS`, ``Err:502``).

    Examples
    --------
    >>> is_spreadsheet_error(" #n/a "), is_spreadsheet_error("Err:502"), is_spreadsheet_error("#1 Copywriter")
    (True, True, False)
    """
    value = value.strip()
    return value.upper() in SPREADSHEET_ERRORS or value in _CALC_ERRORS


#: The advice of :func:`number_hint` for a number cell holding a spreadsheet's error value
#: (:func:`is_spreadsheet_error`: ``#N/A``, ``#VALUE!``, ``#DIV/0!``).
_FAILED_FORMULA_HINT = (": a spreadsheet's error value (a formula that failed in the spreadsheet): correct the "
                        "formula there, or leave the cell empty")

#: What a spreadsheet's error value starts with (:data:`SPREADSHEET_ERRORS`, ``Err:502``).
_ERROR_START = r"^\s*(?:#|Err:)"


def spreadsheet_error_rows(text: pd.Series) -> list[int]:
    """The 0-based positions of the cells of ``text`` (strings, or missing) that are a spreadsheet's error value.

    Cells starting with ``#`` or ``Err:`` are found in C (:mod:`pyarrow.compute`; pandas'
    regular expressions when the column is not text to Arrow), and only those are looked
    at (:func:`is_spreadsheet_error`): the check of the 18,796 task statements of an O*NET
    release costs about a millisecond.

    Examples
    --------
    >>> spreadsheet_error_rows(pd.Series(["Plan.", "#NAME?", None, "#1 Copywriter", " Err:502"]))
    [1, 4]
    """
    try:
        starts = pc.match_substring_regex(pa.array(text, type=pa.string(), from_pandas=True), _ERROR_START)
        where = np.flatnonzero(starts.fill_null(False).to_numpy(zero_copy_only=False))  # a missing cell: no
    except (pa.ArrowException, TypeError, ValueError):
        where = np.flatnonzero(text.astype(str).str.contains(_ERROR_START, na=False).to_numpy(dtype=bool)
                               & text.notna().to_numpy(dtype=bool))
    return [int(pos) for pos in where if is_spreadsheet_error(str(text.iloc[pos]))]


@dataclasses.dataclass
class RawTable:
    """A table read from a file: every cell a string, columns renamed to targets.

    ``first_row`` is the file line (text) or sheet row (xlsx) of the first data row, so
    that ``first_row + i`` is where frame row ``i`` came from. ``sources`` maps each
    target column to the header as written in the file.

    Examples
    --------
    >>> raw = RawTable(pd.DataFrame({"n": ["1", "2"]}), Path("f.txt"), 2, {"n": "N"})
    >>> raw.row(1), raw.sources["n"]
    (3, 'N')
    """

    frame: pd.DataFrame
    path: Path
    first_row: int
    sources: dict

    def row(self, position: int) -> int:
        """File line / sheet row of the 0-based frame position ``position``."""
        return self.first_row + int(position)


def as_path(path) -> Path:
    """``path`` as a :class:`~pathlib.Path`; a value that is not a path is a DataFormatError.

    An empty path (``""``) and one holding a NUL character are refused as
    :func:`exposure._args.check_path` refuses them: ``Path("")`` is ``.``, the current
    directory (``exposure.onet.read_job_zones("")`` said
    ``.: is a directory, not a file``, ``read_frame("")``
    ``.: unsupported input file type '(none)'``), and a NUL made the file ``not found``,
    its name shown with a space.

    Examples
    --------
    >>> as_path("tasks.csv").name
    'tasks.csv'
    >>> as_path(None)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: expected a file path (str or os.PathLike), got NoneType
    >>> as_path("")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: the file path is empty: give a file path (an empty path would be read as the current directory)
    """
    if isinstance(path, Path):
        text = str(path)
    else:
        try:
            text = os.fspath(path)
            path = Path(text)
        except TypeError:
            raise DataFormatError(
                f"expected a file path (str or os.PathLike), got {type(path).__name__}"
            ) from None
    if text == "" or "\0" in text:
        check_path(text, "the file path")  # raises, naming what is wrong
    return path


def norm_header(name) -> str:
    return re.sub(r"\s+", " ", str(name if name is not None else "")).strip().lstrip("\ufeff").lower()


#: A line break in a header cell, with the white space around it.
_HEADER_BREAK = re.compile(r"\s*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]\s*")


def header_name(name) -> str:
    """A header cell as errors name its column: as written, without a byte-order mark, on one line.

    The name a :class:`RawTable` keeps of each column read (``sources``), matched by
    :func:`norm_header`. A cell starting with a byte-order mark (a CSV header pasted into
    a sheet) was named ``'\\ufeffO*NET-SOC Code'``; a wrapped header cell (``2018 SOC``
    and ``Code`` on two lines of the cell) split the error over two lines. A line break,
    and the spaces around it, is one space; other spacing is kept.

    Examples
    --------
    >>> header_name("\\ufeffO*NET-SOC Code"), header_name("2018 SOC\\r\\nCode\\n"), header_name("TOT_EMP ")
    ('O*NET-SOC Code', '2018 SOC Code', 'TOT_EMP ')
    """
    text = str(name if name is not None else "").lstrip("\ufeff")
    return _HEADER_BREAK.sub(" ", text).strip() if _HEADER_BREAK.search(text) else text


def check_file(path: Path, *, save_sep: str | None = ",", workbook: bool = True,
               one_name: bool = False) -> bytes:
    """Return the first bytes of ``path``; raise on a missing, empty or HTML file.

    Text in UTF-16 (with a byte-order mark, or without one: :func:`utf16_without_bom`)
    or UTF-32 is named as such, for every reader that calls this first (a reader that
    looked for NUL bytes itself said "a binary file"), and so is an old binary ``.xls``
    workbook, each saying what to save the file as for its reader: ``save_sep`` is the
    separator the reader reads text with whatever the file's name (None: it reads no
    text), ``workbook`` whether it reads an ``.xlsx`` workbook too
    (:func:`_utf8_advice`, :func:`_xls_advice`). The default is a reader of user tables
    (:func:`read_frame`), which reads ``.csv`` comma-separated and workbooks; a reader of
    tab-separated text (the O*NET files) was told to save the file as ``'CSV UTF-8'`` or
    CSV, which it refuses (it reads a ``.csv`` file tab-separated too).

    With ``one_name``, the reader reads ``save_sep`` text under its one name (a published
    measure's CSV file): a file of another format (a workbook, a Parquet or Stata file,
    compressed data) is named, saying what to save it as (:func:`_check_signature`); it
    was ``row 1: file is binary, not text (a NUL byte at offset 3)``.

    A symbolic link to a missing file (or a loop of links) is named as such
    (:func:`link_note`); a path that cannot be looked at (a name too long for the
    system) is an :class:`~exposure.errors.InputError`, not a bare ``OSError``.
    """
    try:
        is_dir, exists, is_file = path.is_dir(), path.exists(), path.is_file()
    except OSError as exc:
        raise _stat_error(path, exc) from None
    if is_dir:
        raise DataFormatError("is a directory, not a file", path=path)
    if exists and not is_file:
        raise DataFormatError(f"is not a regular file ({entry_kind(path)})", path=path)  # it said "a device, pipe or socket"
    if not is_file:
        raise DataFormatError(missing_note(path), path=path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path=path, errno=exc.errno) from None
    if not head.strip():
        raise DataFormatError("file is empty", path=path)
    advice = _utf8_advice(save_sep, workbook)
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise DataFormatError(f"file is UTF-32 text: {advice}", path=path)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataFormatError(f"file is UTF-16 text (Excel's 'Unicode Text'): {advice}", path=path)
    if utf16_without_bom(head):  # named here for every reader: some said "a binary file"
        raise DataFormatError(f"{_UTF16_LOOKS}: {advice}", path=path)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise DataFormatError(
            f"file is an old binary Excel .xls workbook (or another OLE file): {_xls_advice(save_sep, workbook)}",
            path=path,
        )
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")) or (
        probe.startswith(b"<") and b"<html" in probe[:1024]
    ):
        raise DataFormatError(
            "file is an HTML/XML page, not data (an error page saved instead of the file?)",
            path=path,
        )
    if one_name:
        _check_signature(head, path, _save_as_text(save_sep))
    return head


def _match_columns(header: list[str], columns: dict, optional: dict, path: Path, where: str,
                   row: int | None = None, note: str = ""):
    """Map target column -> index in ``header``; raise naming missing columns.

    ``note`` ends the message of missing columns (:func:`_one_column_note`); a column the
    header holds spelt otherwise (``ONET-SOC Code``, ``onetsoc_code``, ``TOT-EMP``) is said
    after it, with what to write (:func:`_spelt_otherwise`), for every table read here
    (text or workbook: the O*NET, OEWS and crosswalk readers, the published measures'
    labels), an optional one too. When no column is missing, an optional column the
    header holds spelt otherwise (``H-PCT10`` of an OEWS table, its required columns
    mended after the error) is warned of: it was left out without a word, read as absent.

    With ``row`` (the header's row in the file), a column read that the header holds twice
    (also in another case or spacing: ``TOT_EMP`` and ``tot_emp`` are one column here) is
    refused, naming both positions: the first copy was read without a word. Columns not
    read may be repeated.
    """
    normed = [norm_header(h) for h in header]
    found = {}
    for target, aliases in list(columns.items()) + list(optional.items()):
        aliases = (aliases,) if isinstance(aliases, str) else aliases
        idx = next((normed.index(norm_header(a)) for a in aliases if norm_header(a) in normed), None)
        if idx is not None:
            found[target] = idx
            wanted = {norm_header(a) for a in aliases}
            at = [i for i, name in enumerate(normed) if name in wanted]
            if row is not None and len(at) > 1:
                source = header_name(header[idx])
                written = (header_name(header[at[0]]).strip(), header_name(header[at[1]]).strip())
                raise DataFormatError(twice_reason(at[0], at[1], written), path=path, row=row, column=source)
    missing = _missing_columns(header, columns)
    read = set(found.values())
    if missing:  # (the optional columns spelt otherwise too: the file is to be mended anyway)
        raise DataFormatError(
            f"missing column(s) {', '.join(repr(m) for m in missing)} in the header ({where}); "
            f"found: {_found_names(header)}{note}{_spelt_otherwise(header, {**columns, **optional}, read)}",
            path=path,
        )
    if row is not None and optional:  # an optional column spelt otherwise was left out without a word
        pairs = _spelt_pairs(header, optional, read)
        if pairs:  # (``spelt``: the targets, for a reader probing a layout, exposure.oews._cross_industry)
            log.warning("%s: %s", path, _spelt_words(pairs, unread=True).removeprefix(": "),
                        extra={"spelt": [target for target, _, _ in pairs]})
    return found


def _spelling(name) -> str:
    """A header name without its case, spaces and punctuation (``O*NET-SOC Code``, ``onetsoc_code``: ``onetsoccode``)."""
    return re.sub(r"[\W_]+", "", norm_header(name))


#: Why a header may hold a column spelt otherwise (:func:`_spelt_otherwise`).
_SPELT = "spelt otherwise (renamed by a program, or by a newer release?)"


def _spelt_otherwise(header: list, columns: dict, read=(), *, unread: bool = False) -> str:
    """What ends "missing column(s)" when ``header`` holds missing ``columns`` spelt otherwise; or ``""``.

    A header renamed by a program or a newer release (``ONET-SOC Code``; the names of
    O*NET's MySQL tables, ``onetsoc_code`` and ``job_zone``; ``OCC CODE`` or ``TOT-EMP``
    for BLS's ``OCC_CODE``, ``TOT_EMP``) was refused as ``missing column(s) 'O*NET-SOC
    Code' ...; found: 'ONET-SOC Code', ...``, not saying that the column is there under
    another spelling, nor what to write. A header cell is taken for a missing column of
    ``columns`` (target -> name or names) when the two differ only in case, spaces and
    punctuation (a year or another word makes another column: ``2010 SOC Code`` is not
    ``2018 SOC Code``), and when it is the only such cell; it is named, never read. Cells
    at the positions ``read`` (the columns read) are not offered. Computed from the header
    itself, for every reader of :func:`_match_columns` (until round 81,
    :func:`exposure.onet._read` parsed it out of this message, and the readers not built
    on it, the published measures' labels, did not say it). With ``unread`` (optional
    ``columns``, the file read without them), the words say that the cells are not read.

    Examples
    --------
    >>> _spelt_otherwise(["ONET-SOC Code", "Job Zone"], {"code": ("O*NET-SOC Code",), "zone": "Job Zone"})
    ": the header's 'ONET-SOC Code' is 'O*NET-SOC Code' spelt otherwise (renamed by a program, or by a newer release?): name the column 'O*NET-SOC Code'"
    >>> _spelt_otherwise(["O*NET-SOC 2019 Code", "Job Zone"], {"code": "O*NET-SOC Code", "zone": "Job Zone"})
    ''
    >>> _spelt_otherwise(["OCC_CODE", "H-PCT10"], {"h_pct10": "H_PCT10"}, unread=True)
    ": the header's 'H-PCT10' is 'H_PCT10' spelt otherwise (renamed by a program, or by a newer release?): not read; name the column 'H_PCT10' to read it"
    """
    return _spelt_words(_spelt_pairs(header, columns, read), unread=unread)


def _spelt_pairs(header: list, columns: dict, read=()) -> list[tuple[str, str, str]]:
    """``(target, cell, name)`` of each column of ``columns`` that ``header`` holds spelt otherwise (:func:`_spelt_otherwise`)."""
    normed = {norm_header(h) for h in header}
    pairs = []
    for target, names in columns.items():
        names = (names,) if isinstance(names, str) else tuple(names)
        if any(norm_header(name) in normed for name in names):
            continue
        keys = {_spelling(name) for name in names} - {""}
        match = [cell for k, cell in enumerate(header)
                 if cell is not None and str(cell) != "" and k not in read and _spelling(cell) in keys]
        if len(match) == 1:
            pairs.append((target, header_name(match[0]).strip(), names[0]))
    return pairs


def _spelt_words(pairs: list, *, unread: bool = False) -> str:
    """The words of :func:`_spelt_otherwise` for ``pairs`` (:func:`_spelt_pairs`); ``""`` for none.

    A cell that is the name but for a character that shows nothing (:func:`_hidden_char`:
    ``'Job Zone\\u200b'``, a zero-width space pasted with it) is said to hold it, not to
    be spelt otherwise by a program or a release.
    """
    if not pairs:
        return ""
    hidden = [(c, m, _hidden_char(c, m)) for _, c, m in pairs]
    said = [f"the header's {c!r} is {m!r} with {ch!r} in it (U+{ord(ch):04X} {unicodedata.name(ch, 'CONTROL')}, "
            "a character that shows nothing; pasted from a web page or a document?)"
            for c, m, ch in hidden if ch is not None]
    spelt = [(c, m) for c, m, ch in hidden if ch is None]
    cells, meant = ", ".join(repr(c) for c, _ in spelt), ", ".join(repr(m) for _, m in spelt)
    if len(spelt) == 1:
        said.append(f"the header's {cells} is {meant} {_SPELT}")
    elif spelt:
        said.append(f"the header's {cells} are {meant} {_SPELT}")
    unsaid = "not read; " if unread else ""
    if len(pairs) == 1:
        return f": {said[0]}: {unsaid}name the column {pairs[0][2]!r}" + (" to read it" if unread else "")
    return f": {'; '.join(said)}: {unsaid}name the columns so" + (" to read them" if unread else "")


def _hidden_char(cell: str, name: str) -> str | None:
    """The character that shows nothing in the header ``cell`` that would be ``name`` without it, or None.

    A format or control character (Unicode ``Cf``/``Cc``: the zero-width space U+200B, a
    word joiner, a soft hyphen) removed, or read as a space, leaves ``name``.

    Examples
    --------
    >>> _hidden_char("Job\\u200bZone", "Job Zone"), _hidden_char("Job Zone\\u00ad", "Job Zone"), _hidden_char("Job-Zone", "Job Zone")
    ('\\u200b', '\\xad', None)
    """
    found = next((ch for ch in cell if unicodedata.category(ch) in ("Cf", "Cc") and not ch.isspace()), None)
    if found is None:
        return None
    bare = "".join(ch for ch in cell if ch != found)
    spaced = cell.replace(found, " ")
    return found if norm_header(name) in (norm_header(bare), norm_header(spaced)) else None


def _missing_columns(header: list, columns: dict) -> list[str]:
    """The required ``columns`` (target -> header name, or a tuple of accepted names) that ``header`` lacks.

    Each named by its first accepted name; names compared as :func:`_match_columns`
    compares them (:func:`norm_header`).

    Examples
    --------
    >>> _missing_columns(["O*NET-SOC Code", " task "], {"code": "O*NET-SOC Code", "task": "Task", "id": "Task ID"})
    ['Task ID']
    """
    normed = {norm_header(h) for h in header}
    missing = []
    for aliases in columns.values():
        aliases = (aliases,) if isinstance(aliases, str) else aliases
        if not any(norm_header(a) in normed for a in aliases):
            missing.append(aliases[0])
    return missing


def _found_names(header: list) -> str:
    """The names of ``header`` as a message lists them (empty names left out)."""
    return ", ".join(repr(str(h)) for h in header if h not in (None, ""))


#: What a text file whose first bytes are UTF-16 without a byte-order mark is.
_UTF16_LOOKS = "file looks like UTF-16 text without a byte-order mark"
#: What a text file whose first bytes are UTF-16 without a byte-order mark says (a CSV reader).
UTF16_NO_BOM = f"{_UTF16_LOOKS}: save it as UTF-8 ('CSV UTF-8')"
#: UTF-8 tab-separated text, and how to save it (Excel saves none: its "Text (Tab
#: delimited)" is Windows-1252, its "Unicode Text" UTF-16).
_UTF8_TAB = ("UTF-8 tab-separated text (Excel saves none: in LibreOffice, Save As 'Text CSV' with "
             "the character set 'Unicode (UTF-8)' and the field delimiter {Tab})")


def _save_as_text(sep: str) -> str:
    """What to save a table as for a reader of ``sep`` text under its one name (:func:`_check_signature`).

    Examples
    --------
    >>> _save_as_text(","), _save_as_text(";")
    ("CSV ('CSV UTF-8')", "UTF-8 text separated by ';'")
    >>> _save_as_text("\\t").startswith("UTF-8 tab-separated text")
    True
    """
    if sep == ",":
        return "CSV ('CSV UTF-8')"
    return _UTF8_TAB if sep == "\t" else f"UTF-8 text separated by {sep!r}"


def _utf8_advice(sep: str | None = ",", workbook: bool = True) -> str:
    """What to do with a text file in another encoding than UTF-8, for a reader of ``sep`` text.

    ``sep`` is the separator the reader reads text with whatever the file's name (None: it
    reads workbooks only), ``workbook`` whether it reads an ``.xlsx`` workbook too. Excel's
    ``'CSV UTF-8'`` is comma-separated: a reader of tab-separated text (the O*NET files,
    the Eloundou et al. labels) refuses it, so it is said to such a reader only.

    Examples
    --------
    >>> _utf8_advice(",")
    "save it as UTF-8 ('CSV UTF-8')"
    >>> _utf8_advice("\\t", workbook=False)
    "save it as UTF-8 tab-separated text (Excel saves none: in LibreOffice, Save As 'Text CSV' with the character set 'Unicode (UTF-8)' and the field delimiter {Tab})"
    >>> _utf8_advice("\\t").startswith("give the table as an .xlsx workbook, or save it as UTF-8 tab-separated text")
    True
    """
    if sep is None:
        return "give the table as an .xlsx workbook"
    if sep != "\t":
        return "save it as UTF-8 ('CSV UTF-8')"
    text = f"save it as {_UTF8_TAB}"
    return f"give the table as an .xlsx workbook, or {text}" if workbook else text


def _xls_advice(sep: str | None = ",", workbook: bool = True) -> str:
    """What to do with an old binary ``.xls`` workbook, for a reader of ``sep`` text (:func:`_utf8_advice`).

    Examples
    --------
    >>> _xls_advice(","), _xls_advice("\\t"), _xls_advice(None), _xls_advice(",", workbook=False)
    ('save it as .xlsx or CSV', 'save it as .xlsx', 'save it as .xlsx', "save it as CSV ('CSV UTF-8')")
    """
    if sep is None or (sep == "\t" and workbook):
        return "save it as .xlsx"
    if sep == "\t":
        return f"save it as {_UTF8_TAB}"
    return "save it as .xlsx or CSV" if workbook else "save it as CSV ('CSV UTF-8')"


def utf16_without_bom(head: bytes) -> bool:
    """Whether the first bytes ``head`` of a text file look like UTF-16 without a byte-order mark.

    The pattern of such text of Latin letters: in nine pairs of bytes in ten (of the
    first 512 bytes, and at least two pairs), one byte is NUL and the other is not, NUL
    always on the same side (second for little-endian, first for big-endian). The file is
    not decoded by this guess: it is named, with what to do.

    Examples
    --------
    >>> utf16_without_bom("task,title\\n".encode("utf-16-le")), utf16_without_bom("t,t\\n".encode("utf-16-be"))
    (True, True)
    >>> utf16_without_bom(b"task,title\\n\\x00\\x00\\x00\\x00"), utf16_without_bom(b"a\\x00")
    (False, False)
    """
    sample = head[:512]
    pairs = len(sample) // 2
    if pairs < 2:
        return False
    firsts, seconds = sample[0:2 * pairs:2], sample[1:2 * pairs:2]
    little = sum(1 for a, b in zip(firsts, seconds) if b == 0 and a != 0)
    big = sum(1 for a, b in zip(firsts, seconds) if a == 0 and b != 0)
    return max(little, big) >= 0.9 * pairs


def nul_error(path, offset: int, line: int, head: bytes = b"", *, save_sep: str | None = ",",
              workbook: bool = True) -> DataFormatError:
    """The error of a NUL byte at byte ``offset``, on line ``line`` (from 1), of ``path``.

    ``head``, the first bytes of the file, names UTF-16 text without a byte-order mark as
    such (:func:`utf16_without_bom`), saying what to save it as for a reader of
    ``save_sep`` text (and of workbooks, with ``workbook``: :func:`_utf8_advice`).
    """
    if utf16_without_bom(head):
        return DataFormatError(f"{_UTF16_LOOKS}: {_utf8_advice(save_sep, workbook)}", path=path)
    return DataFormatError(
        f"file is binary, not text (a NUL byte at offset {offset})",
        path=path,
        row=line,  # the line: no records are read before decoding
        line=line,
    )


def check_no_nul(path, name=None) -> None:
    """Refuse a text file holding a NUL byte, naming the file and the line, as :func:`read_frame` does.

    The file is read in blocks of 1 MiB (never whole). A NUL byte is no character of a
    CSV or TSV file: a binary file, or a text file damaged on disk or in a copy; pandas
    read it as text, a cell with ``\x00`` inside.

    Parameters
    ----------
    path : str or os.PathLike
        The file (it must exist: :func:`check_file` first).
    name : optional
        Name of the file in the message (default ``path``).

    Raises
    ------
    exposure.errors.DataFormatError
        ``file is binary, not text (a NUL byte at offset N)``, with the line of the byte.
    exposure.errors.InputError
        The file cannot be read.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_bytes(b"a,b\\n1,2\\n3,\\x004\\n")
    >>> check_no_nul(p, "t.csv")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t.csv, row 3: file is binary, not text (a NUL byte at offset 10)
    """
    name = path if name is None else name
    offset, lines = 0, 0
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                nul = block.find(b"\x00")
                if nul >= 0:
                    raise nul_error(name, offset + nul, lines + block.count(b"\n", 0, nul) + 1,
                                     block if offset == 0 else b"")
                offset += len(block)
                lines += block.count(b"\n")
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path=name, errno=exc.errno) from None


def read_utf8(path: Path, *, bom: bool = True, what: str = "") -> str:
    """The text of ``path`` as UTF-8 (a byte-order mark dropped when ``bom``), with named errors.

    For the library's own small text files (a ``manifest.json``, a model registry);
    tables go through :func:`read_text_table`, whose errors also name the line and column.
    ``what`` ends the message of a byte that is not UTF-8 (``": a model registry is text"``).

    Raises
    ------
    exposure.errors.DataFormatError
        A byte that is not UTF-8, named with its offset.
    exposure.errors.InputError
        The file cannot be read (missing, a directory, no permission).

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "m.json"
    >>> _ = p.write_bytes(b'{"a": "\\xe9"}')
    >>> read_utf8(p)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: .../m.json: byte 0xe9 is not valid UTF-8 (byte offset 7)
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path=path, errno=exc.errno) from None
    try:
        return data.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as exc:
        # the error's offset counts from after a byte-order mark (utf-8-sig drops it first)
        offset = exc.start + (3 if bom and data.startswith(codecs.BOM_UTF8) else 0)
        raise DataFormatError(f"byte 0x{data[offset]:02x} is not valid UTF-8 (byte offset "
                              f"{offset}){what}", path=path) from None


def decode_text(data: bytes, path: Path, sep: str, quoting: int | None = None, *,
                save_sep: str | None = ",", workbook: bool = True) -> str:
    """``data`` as UTF-8 text (BOM dropped); raise on binary data or a non-UTF-8 byte.

    The error says what to save the file as for its reader (:func:`_utf8_advice`), which
    reads text separated by ``save_sep`` whatever the file's name (the default, ``,``, is
    a reader of user tables, which reads a ``.csv`` file comma-separated) and ``.xlsx``
    workbooks too with ``workbook``: a reader of tab-separated text (the O*NET files) was
    told ``save it as UTF-8 ('CSV UTF-8')``, Excel's comma-separated CSV, which it refuses.

    A byte that is not UTF-8 is named with its offset in the file, its record (``row``,
    the header being row 1), the line it is on and its column, the text before it read as
    the file's reader reads it (``quoting``; default ``csv.QUOTE_MINIMAL`` for ``sep=","``,
    quotes as text otherwise): a comma inside a quoted cell before it named the column
    after its own, a quoted cell spanning lines above it a row further down, and in a file
    starting with a byte-order mark the byte three bytes before it was named (``byte 0x2c
    is not valid UTF-8``: a comma), without the advice the byte itself gets.

    Examples
    --------
    >>> decode_text(b'task,title\\n"Weld, cut",Cl\\xe9rk\\n', Path("t.csv"), ",")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t.csv, row 2, column 'title': byte 0xe9 is not valid UTF-8 (byte offset 25): ...
    """
    nul = data.find(b"\x00")
    if nul >= 0:
        raise nul_error(path, nul, data.count(b"\n", 0, nul) + 1, data[:512], save_sep=save_sep,
                        workbook=workbook)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # the error's offset counts from after a byte-order mark (utf-8-sig drops it first)
        offset = exc.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)
        if quoting is None:
            quoting = csv.QUOTE_MINIMAL if sep == "," else csv.QUOTE_NONE
        row, line, field = _byte_place(data, offset, sep, quoting)
        # (the first line, whatever its end: a file of carriage returns, Excel's 'CSV
        # (Macintosh)', was one line, and csv.Error "new-line character seen in unquoted field")
        header = re.split(rb"\r\n|\r|\n", data, maxsplit=1)[0].decode("utf-8-sig", "replace")
        names = next(csv.reader([header], delimiter=sep, quoting=quoting)) if header else []
        column = names[field] if field < len(names) else None
        mac = b"\r" in data and b"\n" not in data  # Excel's 'CSV (Macintosh)': Mac Roman
        raise DataFormatError(
            f"byte 0x{data[offset]:02x} is not valid UTF-8 (byte offset {offset})"
            f"{_encoding_advice(data[offset], save_sep, workbook, mac=mac, multibyte=_multibyte_text(data, offset))}",
            path=path,
            row=row,
            line=line,
            column=column,
        ) from None


def _byte_place(data: bytes, offset: int, sep: str, quoting: int) -> tuple[int, int, int]:
    """``(row, line, field)`` of the byte at ``offset`` of delimited text ``data`` (row and line from 1, field from 0).

    The UTF-8 text before the byte is read record by record as :mod:`csv` (and pandas)
    read it, so that a separator inside a quoted cell is no field and a quoted line break
    no record; empty lines are records, as :func:`check_field_counts` counts them. The
    line counts every line end (``\\r\\n``, ``\\r`` or ``\\n``).

    Examples
    --------
    >>> _byte_place(b'a,b\\n"x\\ny, z",\\xe9', 13, ",", csv.QUOTE_MINIMAL)
    (2, 3, 1)
    >>> _byte_place(b'a\\tb\\n"x, y"\\t\\xe9', 11, "\\t", csv.QUOTE_NONE)
    (2, 2, 1)
    """
    before = data[:offset].decode("utf-8-sig")  # the first byte that is not UTF-8 is at offset
    line = len(re.findall(r"\r\n|\r|\n", before)) + 1
    row, record = 0, [""]
    try:
        with _no_field_limit():
            # the mark stands for the byte: the record holding it is the last one, even when
            # the byte starts a line
            for record in csv.reader(io.StringIO(before + "\ufffd", newline=""), delimiter=sep,
                                     quoting=quoting):
                row += 1
    except csv.Error:  # unreadable before the byte: counted by line ends
        start = before.rfind("\n") + 1
        return line, line, before[start:].count(sep)
    return row, line, max(len(record) - 1, 0)


def windows_1252_char(byte: int) -> str | None:
    """The printable character that ``byte`` (not ASCII) is in Windows-1252, or None.

    Examples
    --------
    >>> windows_1252_char(0xE9), windows_1252_char(0x81), windows_1252_char(0x41)
    ('é', None, None)
    """
    try:
        char = bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return None
    return char if byte >= 0x80 and char.isprintable() else None


def _encoding_advice(byte: int, sep: str | None = ",", workbook: bool = True, *, mac: bool = False,
                     multibyte: str | None = None) -> str:
    """What to do about a byte that is not UTF-8: save the file as UTF-8 (naming the likely encoding).

    What to save it as depends on the reader (:func:`_utf8_advice`): ``sep`` is the
    separator it reads text with, ``workbook`` whether it reads workbooks too. ``mac``:
    the file's lines end with a carriage return alone, as Excel's 'CSV (Macintosh)'
    writes them, in Mac Roman (its 0x8e is 'é'; in Windows-1252, 'Ž'). ``multibyte``:
    what the file looks like when its bytes beyond ASCII are not those of a single-byte
    Western text (:func:`_multibyte_text`): said instead of either guess (a Shift-JIS
    file was told ``the file looks like Windows-1252/Latin-1 text (0x97 is '—' there)``).

    Examples
    --------
    >>> _encoding_advice(0xE9)
    ": the file looks like Windows-1252/Latin-1 text (0xe9 is 'é' there); save it as UTF-8 ('CSV UTF-8')"
    >>> _encoding_advice(0x81)
    ": save the file as UTF-8 ('CSV UTF-8')"
    >>> _encoding_advice(0x81, "\\t").startswith(": give the table as an .xlsx workbook, or save the file as UTF-8 tab")
    True
    >>> _encoding_advice(0x8E, mac=True)
    ": the file looks like Mac Roman text (lines ending with a carriage return alone, as Excel for Mac's 'CSV (Macintosh)' writes them; 0x8e is 'é' there); save it as UTF-8 ('CSV UTF-8')"
    """
    advice = _utf8_advice(sep, workbook)
    if multibyte is not None:
        return f": {multibyte}; {advice}"
    if mac:
        return (f": the file looks like Mac Roman text (lines ending with a carriage return alone, as "
                f"Excel for Mac's 'CSV (Macintosh)' writes them; 0x{byte:02x} is "
                f"{bytes([byte]).decode('mac_roman')!r} there); {advice}")
    char = windows_1252_char(byte)
    if char is None:  # (the file is named: "it" would be the byte)
        return ": " + advice.replace("save it as", "save the file as", 1)
    return (f": the file looks like Windows-1252/Latin-1 text (0x{byte:02x} is {char!r} there); "
            f"{advice}")


#: Bytes beyond ASCII, in runs (:func:`_multibyte_text`).
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
#: Japanese kana (hiragana and katakana), which Japanese text is hardly written without.
_KANA = re.compile("[\u3041-\u3096\u30a1-\u30fa]")


def _multibyte_text(data: bytes, offset: int) -> str | None:
    """What ``data`` (text whose byte at ``offset`` is the first not UTF-8) looks like, if not single-byte Western text.

    In Windows-1252 (or Latin-1, Mac Roman) text, the bytes beyond ASCII are letters and
    marks standing alone or in pairs among ASCII ones (``é``, ``ção``, ``—``); in Chinese,
    Japanese or Korean text (two bytes a character) and in Cyrillic or Greek text (every
    letter of a word) they come in runs. The lines around ``offset`` are looked at: text
    that reads as Shift-JIS with Japanese kana is said to be Shift-JIS; else, when most of
    their bytes beyond ASCII are not UTF-8 and are in runs of three or more, the file is
    said to be neither UTF-8 nor Windows-1252, no encoding named (Chinese, Korean and
    Cyrillic encodings read each other's bytes without an error). A Shift-JIS file was
    told ``the file looks like Windows-1252/Latin-1 text (0x97 is '—' there)``. None for
    single-byte Western text, and for UTF-8 text holding a few other bytes.

    Examples
    --------
    >>> _multibyte_text("a,溶接する。\\n".encode("shift_jis"), 2)
    'the file looks like Shift-JIS (Japanese) text, not UTF-8'
    >>> _multibyte_text("a,Сварка\\n".encode("cp1251"), 2)  # doctest: +ELLIPSIS
    'the file is not UTF-8, nor Windows-1252 text: its bytes beyond ASCII come in runs, as in ...'
    >>> _multibyte_text("a,Soudure à l'arc, ação\\n".encode("cp1252"), 10) is None
    True
    """
    end_byte = b"\n" if b"\n" in data else b"\r"  # (Excel for Mac's CSV: carriage returns alone)
    start = data.rfind(end_byte, 0, max(offset - 4096, 0)) + 1  # whole lines: no character cut
    end = data.find(end_byte, offset + 4096)
    chunk = data[start:] if end < 0 else data[start:end]
    try:
        if _KANA.search(chunk.decode("cp932")):
            return "the file looks like Shift-JIS (Japanese) text, not UTF-8"
    except UnicodeDecodeError:
        pass
    text = chunk.decode("utf-8", "surrogateescape")
    foreign = sum(1 for c in text if "\udc80" <= c <= "\udcff")
    if sum(1 for c in text if c >= "\x80") - foreign >= foreign:  # mostly UTF-8: a few bytes of another text
        return None
    runs = [len(run) for run in _HIGH_RUN.findall(chunk)]
    if 2 * sum(n for n in runs if n >= 3) <= sum(runs):
        return None
    return ("the file is not UTF-8, nor Windows-1252 text: its bytes beyond ASCII come in runs, as in "
            "Chinese, Japanese, Korean or Cyrillic text")


#: Excel's first line naming the separator (``sep=;``), which no other program reads; or
#: that line read as a cell of data and saved again (by LibreOffice, R, pandas or Excel):
#: quoted when it holds the separator (``"sep=;"``), empty cells after it (``sep=;;;``).
_SEP_LINE = re.compile(r'\ufeff?(?P<quote>"?)sep=(?P<sep>.)(?P=quote)(?P<cells>[,;\t]*)\r?$', re.IGNORECASE)
#: What a semicolon-separated file looks like, and what to do with it. Excel writes its
#: CSV formats with the list separator of the system's regional settings, ';' where the
#: decimal separator is ',' (much of Europe), 'CSV UTF-8 (comma delimited)' too: saving
#: the file so again gave the same file (and Excel saves no UTF-8 tab-separated text, see
#: _UTF8_TAB), so the advice is a workbook, or LibreOffice's CSV, whose delimiter is chosen.
_SEMICOLON_LOOKS = "the file looks semicolon-separated (Excel's CSV in some European settings)"
_SEMICOLON_EXCEL = "Excel writes ';' in its CSV where the list separator is ';', in 'CSV UTF-8 (comma delimited)' too"
_SEMICOLON_TO_COMMA = ("open it in LibreOffice (separated by ';') and Save As 'Text CSV' with the character set "
                       f"'Unicode (UTF-8)' and the field delimiter ',' ({_SEMICOLON_EXCEL})")


def _semicolon_advice(path: Path, *, sep_line: bool = False) -> str:
    """What a user table (read as CSV, TSV or ``.xlsx`` by its extension) separated by ``;`` is told.

    It was "save it as 'CSV UTF-8 (comma delimited)', or as tab-separated .tsv", which in
    Excel with a ';' list separator gave the same file again (:data:`_SEMICOLON_EXCEL`).
    ``sep_line``: the file starts with Excel's ``sep=;`` line, which Excel reads (so a
    workbook saved from it is right) and LibreOffice reads as a row (deleted first).

    Examples
    --------
    >>> _semicolon_advice(Path("t.csv"))  # doctest: +ELLIPSIS
    "the file looks semicolon-separated (...); save it as an .xlsx workbook, or open it in LibreOffice ..."
    >>> _semicolon_advice(Path("t.txt")).endswith("in 'CSV UTF-8 (comma delimited)' too), named 't.csv'")
    True
    """
    convert = f"delete that line, then {_SEMICOLON_TO_COMMA}" if sep_line else _SEMICOLON_TO_COMMA
    named = "" if path.suffix.lower() == ".csv" else f", named {path.with_suffix('.csv').name!r}"
    return f"{_SEMICOLON_LOOKS}; save it as an .xlsx workbook, or {convert}{named}"


def _published_advice(sep: str) -> str:
    """What to do with a published file separated otherwise than it was published (``sep``)."""
    return f"{_published_read(sep)}: {_published_save(sep)}"


def _published_read(sep: str) -> str:
    """How a published file is read (``sep``), said before the advice (:func:`_published_advice`)."""
    return f"the file is read {'tab' if sep == chr(9) else 'comma'}-separated, as published"


def _published_save(sep: str) -> str:
    """What to save a published file read with ``sep`` as (:func:`_published_advice`)."""
    return "save it tab-separated" if sep == "\t" else "save it as 'CSV UTF-8 (comma delimited)'"


def _check_layout(head: list[str], sep: str, path: Path, *, published: bool = False,
                  columns: dict | None = None) -> None:
    """Refuse Excel's ``sep=`` first line and a file separated otherwise than its extension says.

    ``head`` holds the first two records (or fewer) of the file, as read with ``sep``
    (comma for ``.csv``, tab for ``.tsv``/``.txt``). A file separated by another
    character read with ``sep`` is one column named ``a;b;c``: refused, saying what the
    file looks like and what to do (:func:`_separator_advice`), when the header holds
    that character and no ``sep``, and the first data record (if any) splits on it into
    as many fields as the header (a one-column file whose name holds it is read). The
    other separators looked for: ``;`` and tab in a ``.csv``, ``,`` and ``;`` in a
    ``.tsv``/``.txt``. Such a file's data rows were "too many fields (an unquoted comma
    inside a field?)", or its header a single column named ``task;title`` (``missing
    text column 'task' (columns: ['task,title'])`` for a comma-separated ``.txt``).
    ``published``: a published file (a measure, the labels), whose separator is the
    publisher's whatever its name: the advice is to save it so (:func:`check_published_separator`).
    The ``sep=`` line read as a cell and saved again (``"sep=;"``, quoted as holding the
    separator, or ``sep=;;;`` with the empty cells of its row) is refused as well: it was
    read as the header, a one-column table named ``sep=;`` (``missing text column 'task'
    (columns: ['sep=;'])``, and a frame of one column from :func:`read_frame`).
    ``columns``: the columns the reader requires (as :func:`read_text_table` takes them);
    a header that, split on the other character, still lacks some is said to (the file may
    be another table: ``Task Statements.txt`` given as a crosswalk was told to be saved
    comma-separated, which gave a file refused for its missing columns next).

    Examples
    --------
    >>> _check_layout(["task;title", "Weld.;Welder"], ",", Path("t.csv"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t.csv, row 1: the header holds ';' and no ',': the file looks semicolon-separated ...
    >>> _check_layout(["task,title", "Weld.,Welder"], "\\t", Path("t.txt"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t.txt, row 1: the header holds ',' and no tab: the file looks comma-separated; rename it .csv ...
    >>> _check_layout(["task;note", "Weld."], ",", Path("t.csv"))
    >>> _check_layout(["Code\\tTask", "1\\tWeld."], ",", Path("x.csv"), published=True, columns={"soc": "soc10"})
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: x.csv, row 1: the header holds tabs and no ',': the file looks tab-separated, but split on tabs its header lacks column(s) 'soc10' (found: 'Code', 'Task'), and the file is read comma-separated, as published: check that it is the right file, or save it as 'CSV UTF-8 (comma delimited)'
    """
    if not head:
        return
    first = head[0]
    error = _sep_line_error(first, sep, path, published=published, below=head[1] if len(head) > 1 else None)
    if error is not None:
        raise error
    if sep in first:
        return
    for other in _OTHER_SEPARATORS.get(sep, ()):
        if other not in first:
            continue
        names = next(csv.reader([first], delimiter=other))
        if len(names) < 2:
            continue
        if len(head) > 1 and len(names) not in (_field_count(head[1], other),
                                                 _field_count(head[1].split("\n", 1)[0], other)):
            continue  # (its first line alone, as before: a quote that opens no cell, 5" pipe)
        missing = _missing_columns(names, columns) if columns else []
        raise DataFormatError(_separator_advice(sep, other, path, published=published, missing=missing,
                                                names=names),
                              path=path, row=1, line=1)


def _sep_line_error(first: str, sep: str, path: Path, *, published: bool = False,
                    below: str | None = None) -> DataFormatError | None:
    """The error of a file whose first line ``first`` is Excel's ``sep=`` line, or None.

    The one wording of :func:`_check_layout` and :func:`check_field_counts` (which read
    the file with ``sep``; ``published`` as in :func:`_check_layout`). Excel writes the
    line on request only, and reads it; other programs read it as data (or save it again
    as a cell of data, ``"sep=;"`` or ``sep=;;;``). ``below``: the record below the line
    (the header), when known. A line naming another separator than ``sep`` above a header
    separated by ``sep`` and not by the line's (``sep=;`` above a comma-separated file:
    :func:`_disagrees`) is said to disagree with the file: it was told to save the file as
    'CSV UTF-8 (comma delimited)' (published) or that the file looks semicolon-separated,
    which it is not.

    Examples
    --------
    >>> print(_sep_line_error("sep=,", ",", Path("t.csv")).reason)
    Excel's 'sep=,' line (separator ','), which other programs read as data: delete that line
    >>> print(_sep_line_error("sep=;", ",", Path("t.csv"), published=True, below="a,b").reason)
    Excel's 'sep=;' line (separator ';'), which other programs read as data: delete that line (it names ';', but the file below it is comma-separated, as it is read)
    >>> _sep_line_error("task,title", ",", Path("t.csv")) is None
    True
    """
    m = _SEP_LINE.match(first)
    if m:
        given = m.group("sep")
        saved = bool(m.group("quote") or m.group("cells"))  # read as data and saved again
        disagrees = _disagrees(below, given, sep)
        if given == ";" and not published and not saved and not disagrees:
            what = f"Excel's 'sep=;' line: {_semicolon_advice(path, sep_line=True)}"
        else:
            shown = "tab" if given == "\t" else repr(given)
            line = f"sep={given}"
            what = (f"Excel's {line!r} line (separator {shown}), which other programs read as data: "
                    "delete that line") if not saved else (
                f"the first line {first.strip()!r} is Excel's {line!r} line read as a cell of data "
                "and saved again (which Excel too reads as data): delete that line")
            if disagrees:  # the file is separated as it is read: the line alone is wrong
                read_as = "tab-separated" if sep == "\t" else "comma-separated"
                what += f" (it names {shown}, but the file below it is {read_as}, as it is read)"
            elif given == ";" and not published:
                what += f"; {_semicolon_advice(path)}"
            elif published and given == ";" and sep == ",":  # (saved as 'CSV UTF-8' again, it kept its ';')
                what += f"; the file is read comma-separated, as published: {_SEMICOLON_TO_COMMA}"
            elif published and given != sep:
                what += f"; {_published_advice(sep)}"
        return DataFormatError(what, path=path, row=1, line=1)
    return None


def _disagrees(below: str | None, given: str, sep: str) -> bool:
    """Whether header ``below`` (a ``sep=`` line's next record) is separated by ``sep`` and not by ``given``.

    Examples
    --------
    >>> _disagrees("a,b", ";", ","), _disagrees("a;b", ";", ","), _disagrees(None, ";", ",")
    (True, False, False)
    """
    if below is None or given == sep:
        return False
    return (_field_count(below, sep) or 0) > 1 and (_field_count(below, given) or 0) < 2


def _field_count(record: str, sep: str) -> int | None:
    """The fields of ``record`` (a record of :func:`_head_lines`) read as CSV separated by ``sep``.

    None when :mod:`csv` cannot read it so (a line break outside a quoted cell: a quote
    that opens no cell, ``5" pipe``).
    """
    try:
        return len(next(csv.reader([record], delimiter=sep), []))
    except csv.Error:
        return None


#: The separators a file read with the key may be separated by instead (in this order).
_OTHER_SEPARATORS = {",": (";", "\t"), "\t": (",", ";")}


def _separator_advice(sep: str, other: str, path: Path, *, published: bool = False,
                      missing: list | None = None, names: list | None = None) -> str:
    """What to say of a file read with ``sep`` whose one-field header holds ``other``.

    The one wording of :func:`_check_layout`: what the header holds, what the file looks
    like, and what to do (rename it, or save it comma-separated). ``missing``: the columns a
    published file's reader requires that its header, split on ``other`` into ``names``,
    lacks: named, and "check that it is the right file" said before the advice (round 78
    said the advice alone, which gave a file refused for those columns next).

    Examples
    --------
    >>> _separator_advice(",", "\\t", Path("t.csv"))
    "the header holds tabs and no ',': the file looks tab-separated; rename it .tsv (a .csv file is read as comma-separated)"
    >>> _separator_advice("\\t", ",", Path("T.TXT"))
    "the header holds ',' and no tab: the file looks comma-separated; rename it .csv (a .TXT file is read as tab-separated)"
    """
    holds = "tabs" if other == "\t" else repr(other)
    lacks = "tab" if sep == "\t" else repr(sep)
    start = f"the header holds {holds} and no {lacks}: "
    if published:
        looks = _SEMICOLON_LOOKS if other == ";" else \
            f"the file looks {'tab-separated' if other == chr(9) else 'comma-separated'}"
        # (a ';' file saved as 'CSV UTF-8' again kept its semicolons)
        save = _SEMICOLON_TO_COMMA if (other, sep) == (";", ",") else _published_save(sep)
        if missing:  # another table, or this one saved otherwise: both said
            return (f"{start}{looks}, but split on {holds} its header lacks column(s) "
                    f"{', '.join(repr(m) for m in missing)} (found: {_found_names(names or [])}), and "
                    f"{_published_read(sep)}: check that it is the right file, or {save}")
        return f"{start}{looks}; {_published_read(sep)}: {save}"
    if other == ";":
        return start + _semicolon_advice(path)
    read_as = "tab-separated" if sep == "\t" else "comma-separated"
    looks, suffix = ("tab-separated", ".tsv") if other == "\t" else ("comma-separated", ".csv")
    return (f"{start}the file looks {looks}; rename it {suffix} (a {path.suffix} file is read "
            f"as {read_as})")


def check_published_separator(text: str, sep: str, path, *, columns: dict | None = None) -> None:
    """Refuse a published file (a measure, the labels) separated by another character than ``sep``.

    ``text`` is the file (its start is enough). A file saved semicolon-separated (Excel in
    a European locale) or tab-separated, read with ``,``, is one column named ``a;b;c``: the
    readers said "expected column(s) [...] not found", or "too many fields", neither saying
    what the file looks like. The check of the user tables (:func:`_check_layout`), with the
    advice to save the file as it was published rather than to rename it. ``columns``: the
    columns the reader requires (target -> name), named when the header split on the other
    character lacks them (:func:`_check_layout`).

    Examples
    --------
    >>> check_published_separator("a;b\\n1;2\\n", ",", "m.csv")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: m.csv, row 1: the header holds ';' and no ',': the file looks semicolon-separated (Excel's CSV in some European settings); the file is read comma-separated, as published: open it in LibreOffice (separated by ';') and Save As 'Text CSV' with the character set 'Unicode (UTF-8)' and the field delimiter ',' (Excel writes ';' in its CSV where the list separator is ';', in 'CSV UTF-8 (comma delimited)' too)
    >>> check_published_separator("a,b\\n1,2\\n", "\\t", "m.tsv")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: m.tsv, row 1: the header holds ',' and no tab: the file looks comma-separated; the file is read tab-separated, as published: save it tab-separated
    >>> check_published_separator("a;b\\n1\\n", ",", "m.csv")
    """
    _check_layout(_head_lines(text.removeprefix("\ufeff")), sep, path, published=True, columns=columns)


def _head_lines(text: str) -> list[str]:
    """The first line and the next non-empty record of ``text`` (line ends dropped).

    The record is the next non-empty line, with the lines below it while a double quote
    is left open (joined by ``\\n``): a quoted cell spanning lines (a note, ESCO's
    ``altLabels``) in the first row of a file separated by ``;`` cut the row short, so
    that it did not split into the header's fields and the file was not said to be
    separated so (:func:`_check_layout`), but refused at a later row as ``too many
    fields: expected 1, got 2 (an unquoted comma inside a field?)``.

    Examples
    --------
    >>> _head_lines('task;note\\n\\nWeld.;"two\\nlines"\\nSew.;x\\n')
    ['task;note', 'Weld.;"two\\nlines"']
    """
    lines: list[str] = []
    for line in re.split(r"\r\n|\r|\n", text[: 1 << 16]):
        if len(lines) == 2:  # the second record, a quoted cell open: its next line
            if lines[1].count('"') % 2 == 0:
                break
            lines[1] += "\n" + line
            continue
        if lines and not line.strip():
            continue
        lines.append(line)
    return lines


def drop_empty_tail(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` without the rows at its end whose cells are all missing.

    Excel writes a line of separators only (``,,,``) for a row in its used range whose
    cells were cleared; at the end of a file such records are ignored, as blank lines and
    the empty rows ending an ``.xlsx`` sheet are. An empty record in the middle is kept.

    Examples
    --------
    >>> f = pd.DataFrame({"task": ["Weld.", None, "Sew.", None], "n": [None, None, None, None]})
    >>> len(drop_empty_tail(f))
    3
    """
    if not len(frame) or frame.shape[1] == 0:
        return frame
    given = frame.notna().any(axis=1).to_numpy(dtype=bool)
    end = len(given) - int(given[::-1].argmax()) if given.any() else 0
    return frame if end == len(frame) else frame.iloc[:end]


#: How the first footnote below a table starts, in every reader (a sheet's below a blank
#: row: :func:`footnote_rows`; the lines ending a table read by :func:`exposure.onet._read`
#: with ``footnotes``, OEWS's tables and the crosswalks; those ending a CSV:
#: :func:`footnote_start`, OEWS's ``_csv_footnotes``): ``Note:``, ``Source:``,
#: ``Footnotes:``, ``NOTE -- ...`` (the word with a colon, a dash or a point, or alone in
#: its cell), ``(1) ...``, ``* ...``, or a line of BLS's legend of its special values
#: (``* = indicates that a wage estimate is not available``, ``# = ...``, ``~ = ...``).
#: The word followed by anything else started O*NET tasks and titles too
#: (``Note malfunctions of equipment ...``, ``Note, mark, and photograph ...``, ``Sources
#: ...``): such a row ending a table was dropped as a footnote (the rule of the text readers
#: until round 77, which took the word followed by anything but a letter).
FOOTNOTE = re.compile(r"(?i)\s*(?:(?:foot\s*notes?|notes?|sources?)\s*(?:[:.\-\u2013\u2014]|$)|\([0-9]+\)|\*|[#~]\s*=)")


def footnote_rows(rows: list) -> int | None:
    """Where the footnotes below a sheet's table start (a blank row above them), else None.

    BLS and Census workbooks end a table with a blank row and footnotes (``Source: ...``,
    ``(1) Rounded.``) in the first column: they were read as rows of data (a task
    ``Source: BLS``), or refused as an empty row among the rows. ``rows`` are the rows below
    the header, each a sequence of cells (None, NaN or blank text for an empty cell). The
    footnotes are the rows after a blank row that follows data, every one of them with
    its first cell filled only, the first starting as a footnote does (:data:`FOOTNOTE`);
    a blank row among data rows is left to the caller (an error). A table of one column
    has no footnotes (a row of it is a row).

    Examples
    --------
    >>> footnote_rows([("Weld", 1), (None, None), ("Source: BLS", None), ("(1) Rounded.", None)])
    1
    >>> footnote_rows([("Weld", 1), (None, None), ("Sew", 2)]) is None
    True
    >>> footnote_rows([("Weld", 1), (None, None), ("Note malfunctions.", None)]) is None
    True
    """
    def filled(cell) -> bool:
        return not (cell is None or (isinstance(cell, float) and cell != cell)
                    or (isinstance(cell, str) and not cell.strip()))

    marks = [[filled(c) for c in row] for row in rows]
    if not marks or max(map(len, marks)) < 2:
        return None
    end = len(marks)  # the rows at the end that are blank or of a first cell only
    while end > 0 and not any(marks[end - 1][1:]):
        end -= 1
    if end == 0:
        return None
    for blank in range(end, len(marks)):
        if any(marks[blank]):
            continue
        later = [k for k in range(blank + 1, len(marks)) if any(marks[k])]
        if not later:
            return None
        first = rows[later[0]][0]
        return blank if isinstance(first, str) and FOOTNOTE.match(first) else None
    return None


def footnote_start(path, exc: DataFormatError, *, one_cell: bool = False) -> int | None:
    """The line where the footnotes ending CSV ``path`` start, when ``exc`` is about them; else None.

    A BLS CSV export may write its footnotes (``Footnotes:``, ``(1) Estimates for detailed
    occupations ...``) as lines of one field, not padded with commas: they were refused as
    ``too few fields: expected 32, got 1`` (or a blank line above them as ``empty line``),
    though the padded form is read. A footnote block starts at the line ``exc`` names: its
    first non-blank line starts as a footnote does (``Footnotes:``, ``Note:``, ``Source:``,
    ``(1)``: :data:`FOOTNOTE`), and no line of it has as many fields as the header. A short line among the
    rows, or footnotes followed by a row, keep their error. Run on the error path only.
    The lines from ``start`` on are then left out by :func:`read_above` (OEWS's CSV files,
    :mod:`exposure.oews`, and the crosswalks').

    With ``one_cell`` (the crosswalks' CSV files, :mod:`exposure.crosswalks`), every
    footnote line holds one cell that is not blank (its text, quoted when it holds a comma;
    padded with commas or not) instead of fewer fields than the header: a crosswalk has
    two columns, so a footnote padded to the header's width or quoted with its comma would
    not be told apart by its width.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "o.csv"
    >>> _ = p.write_text("NAICS,OCC_CODE,O_GROUP\\n000000,11-1011,detailed\\n\\nFootnotes:\\n(1) Not summed, rounded.\\n")
    >>> footnote_start(p, DataFormatError("empty line", path=p, row=3, line=3))
    3
    >>> _ = p.write_text("NAICS,OCC_CODE,O_GROUP\\n000000\\n000000,11-1011,detailed\\n")
    >>> footnote_start(p, DataFormatError("too few fields", path=p, row=2, line=2)) is None
    True
    >>> _ = p.write_text('soc10,isco08\\n11-1011,1112\\n\\n"Source: BLS, 2012",\\n')
    >>> footnote_start(p, DataFormatError("empty line", path=p, row=3, line=3), one_cell=True)
    3
    >>> _ = p.write_text("soc10,isco08\\n11-1011,1112\\n\\nSource: BLS\\n11-1021,1120\\n")
    >>> footnote_start(p, DataFormatError("empty line", path=p, row=3, line=3), one_cell=True) is None
    True
    """
    line = exc.line or exc.row
    if not (exc.reason.startswith(("too few fields", "empty line")) and isinstance(line, int) and line > 1):
        return None
    try:
        lines = csv_lines(as_path(path).read_bytes())
    except (OSError, TypeError, ValueError, ExposureError):
        return None
    try:
        width = len(next(csv.reader(lines[:1])))
        records = [next(csv.reader([text]), []) for text in lines[line - 1:]]
    except (csv.Error, StopIteration):
        return None
    filled = [r for r in records if any(c.strip() for c in r)]
    if one_cell:  # one cell that is not blank on each line, the others blank (padded with commas)
        fits = all(sum(1 for c in r if c.strip()) == 1 for r in filled)
    else:
        fits = all(len(r) < width for r in filled)
    if not filled or not fits:
        return None
    first = next(c.strip() for c in filled[0] if c.strip())
    return line if FOOTNOTE.match(first) else None


def csv_lines(data: bytes) -> list[str]:
    """The lines of ``data`` (bytes of a CSV file), split where the CSV reader ends a line: ``\\r``, ``\\n``.

    ``str.splitlines`` also splits at a vertical tab, a form feed, ``\\x1c``-``\\x1e``, ``\\x85``
    and ``\\u2028``/``\\u2029``, which a cell may hold (a title pasted from a document):
    the footnotes were then found at another line than the reader's. Bytes that are not
    UTF-8 are shown as U+FFFD (the lines are looked at, not read: :func:`footnote_start`;
    :func:`_file_lines` reads the lines of a file as text).

    Examples
    --------
    >>> csv_lines(b"a,b\\r\\nTitle\\x0bpasted,1\\n")
    ['a,b', 'Title\\x0bpasted,1']
    """
    return [line.decode("utf-8", errors="replace") for line in data.splitlines()]


def read_above(path, start: int, read, logger: logging.Logger = log) -> RawTable:
    """The table of CSV ``path`` read by ``read`` from its lines above line ``start`` (where its footnotes start).

    ``read`` reads a file's path into a :class:`RawTable` (the reader of OEWS's CSV files and
    of the crosswalks', :func:`exposure.onet._read`): it reads a copy of the lines, byte for
    byte. Where the footnotes start is found by :func:`footnote_start` (or by OEWS's reader).

    The lines are read from a copy in a temporary directory, byte for byte, so that the
    reader checks them as it checks the file: the copy was decoded with bytes that are not
    UTF-8 replaced (``'Caf\\ufffd'``: read without a word, where the file without its
    footnotes is refused, naming the cell), and split as text (at a vertical tab or
    ``\\u2028`` in a cell too), so that a row above the footnotes of a file of more than
    64 KB was left out. Errors name ``path``; a copy that cannot be written (the temporary
    directory full or read-only) is an :class:`~exposure.errors.InputError` naming ``path``
    too (it was the ``OSError`` of the copy, naming a temporary file). The footnote lines
    left out are logged (INFO) once the rows are read: they were logged before, so twice
    for a national table up to May 2018, read again without the industry columns
    (:func:`exposure.oews._cross_industry`): by ``logger``, the reader's.
    """
    path = as_path(path)
    with open(path, "rb") as handle:
        lines = handle.read().splitlines(keepends=True)
    try:
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / path.name
            copy.write_bytes(b"".join(lines[:start - 1]))
            try:
                raw = read(copy)
            except DataFormatError as exc:
                raise DataFormatError(exc.reason, path=path, row=exc.row, column=exc.column,
                                      line=exc.line) from None
    except ExposureError:
        raise
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        raise InputError(f"the rows above its footnote lines are read from a copy in a temporary directory, and "
                         f"the copy{where} could not be written ({exc.strerror or exc}): free space there, or set "
                         "TMPDIR to another directory", path=path, errno=exc.errno) from None
    # said once the rows are read: a national table up to May 2018 is read twice (_cross_industry)
    logger.info("%s: %d footnote line(s) below the table left out, from line %d", path,
             len(lines) - start + 1, start)
    return RawTable(raw.frame, path, raw.first_row, raw.sources)


def std_stream(path) -> bool:
    """Whether ``path`` names a standard stream: ``-`` (no such file), ``/dev/stdin``, ``/dev/fd/N``...

    Examples
    --------
    >>> std_stream("-"), std_stream("/dev/stdout"), std_stream("/dev/fd/0"), std_stream("in.csv")
    (True, True, True, False)
    """
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    if text == "-":
        return not Path(text).exists()
    return text in ("/dev/stdin", "/dev/stdout", "/dev/stderr") or text.startswith(
        ("/dev/fd/", "/proc/self/fd/"))


def _stream_name(path) -> str:
    """What the standard-stream path ``path`` (:func:`std_stream`) is, for an error message.

    ``/dev/fd/63`` is the pipe of a process substitution (``exposure score <(cat a.csv)``),
    not standard input.

    Examples
    --------
    >>> _stream_name("-"), _stream_name("/dev/fd/0"), _stream_name("/proc/self/fd/1")
    ('standard input', 'standard input', 'standard output')
    >>> _stream_name("/dev/fd/63")
    'an open file descriptor (a pipe, or a process substitution <(...))'
    """
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    number = re.fullmatch(r"/(?:dev|proc/self)/fd/(\d+)", text)
    fd = int(number.group(1)) if number else None
    if text in ("-", "/dev/stdin") or fd == 0:
        return "standard input"
    if text == "/dev/stdout" or fd == 1:
        return "standard output"
    if text == "/dev/stderr" or fd == 2:
        return "standard error"
    return "an open file descriptor (a pipe, or a process substitution <(...))"


#: The hint of "too many fields" in the first record, every record having as many: the
#: first line, read as the header, is a title line above it ("O*NET to Census, 2018").
TITLE_LINE = (" (row 1, read as the header, has %d field%s: a title line above the header? "
              "The header must be the first line)")
#: The same, when the records below are not counted (a file read record by record).
TITLE_OR_COMMA = (" (a title line above the header, row 1 being read as the header (%d field%s)? "
                  "Or an unquoted comma inside a field?)")
#: The same, for a tab-separated file (where a comma separates no fields).
TITLE_ABOVE = " (a title line above the header, row 1 being read as the header (%d field%s)?)"
#: The hint of "too many fields" in the first record when every record has a field more than
#: the header, its number (1, 2, ...): the row names R's write.table writes (row.names = TRUE,
#: its default), with no field for them in the header (:func:`holds_row_names`).
ROW_NAMES = (" (row names: each row starts with its number in R's frame, which the header has no field "
             "for (1, 2, ...; a subset or a sorted frame keeps its rows' own numbers: 7, 2, ...), as R's "
             "write.table writes them: write the file again without them, row.names = FALSE)")


def _space_quote_note(fields) -> str:
    """The hint of "too many fields" in a CSV record a cell of which starts with spaces and a quote, else ``""``.

    A quote opens a quoted cell only at the cell's start, as :mod:`csv`, pandas and
    Excel read it: after a comma and a space (as a file written by hand or by a program
    that pads its cells puts them) the quote is text, and a comma inside the
    "quoted" cell separates two cells (``Sew., "Tailor, custom"``). Such a record was told
    ``(an unquoted comma inside a field?)``, of a comma that is quoted.

    Examples
    --------
    >>> print(_space_quote_note(["Sew.", ' "Tailor', ' custom"']))
     (the quote of ' "Tailor' does not open a quoted cell: a space stands before it, and a quote opens one only at the start of a cell, so the comma inside it separates two cells; remove the spaces and tabs after the commas)
    >>> _space_quote_note(["Sew.", "Tailor"])
    ''
    """
    cell = next((f for f in fields if f[:1] in (" ", "\t") and f.lstrip(" \t").startswith('"')), None)
    if cell is None:
        return ""
    gap = "a tab" if cell.lstrip(" ")[:1] == "\t" else "a space"
    return (f" (the quote of {cell!r} does not open a quoted cell: {gap} stands before it, and a quote opens "
            "one only at the start of a cell, so the comma inside it separates two cells; remove the spaces "
            "and tabs after the commas)")


def holds_row_names(records, width: int, sep: str = ",", *, least: int = 2) -> bool:
    """Whether ``records`` (an iterator of the records below a header of ``width`` fields) hold R's row names.

    Every record (of the first 100, up to an empty one; ``least`` of them at least: a file
    of one row tells nothing, unless its header is known to hold the columns read, as
    :func:`exposure.onet._read` knows it) has one field more than the header, the first
    being its number from 1, quoted or not (R's ``write.table``, whose default ``row.names = TRUE`` writes no
    header field for them). Such a file was said to have "a title line above the header"
    (it has none), or, tab-separated, "a tab inside a quoted field? ... save it as .csv"
    (which did not help).

    In a file not separated by commas (``sep``), the row names of a subset of a frame
    (``df[df$beta > 0, ]``) or of a sorted frame (``df[order(df$beta), ]``), which keep the
    numbers of their rows (``3``, ``7``, ``12``; ``2``, ``1``), are row names too: numbers
    each given once, without leading zeros (``write.table(x, sep = "\\t")`` of a subset was
    told "a title line above the header" until round 76; of a sorted frame until round 77,
    though :mod:`exposure.onet`'s own rule took it before). In a CSV file, numbers that do
    not run 1, 2, ... may be an ID column whose rows each hold a comma unquoted.

    Examples
    --------
    >>> holds_row_names(iter([['"1"', "Weld."], ['"2"', "Sew."]]), 1), holds_row_names(iter([["1", "Weld."]]), 1)
    (True, False)
    >>> holds_row_names(iter([["1", "Weld."]]), 1, "\\t", least=1)
    True
    >>> subset = [['"3"', "Weld."], ['"7"', "Sew."]]
    >>> holds_row_names(iter(subset), 1, "\\t"), holds_row_names(iter(subset), 1, ","), holds_row_names(iter(subset[::-1]), 1, "\\t")
    (True, False, True)
    >>> holds_row_names(iter([['"2"', "Weld."], ['"2"', "Sew."]]), 1, "\\t")
    False
    """
    count, seen = 0, set()
    for record in records:
        if not record or count == 100:
            break
        count += 1
        number = record[0].strip().strip('"')
        if len(record) != width + 1 or not (number.isascii() and number.isdigit()):
            return False
        if number != (str(count) if sep == "," else str(int(number))) or number in seen:
            return False  # (a CSV file: 1, 2, ...; else each once, without leading zeros)
        seen.add(number)
    return count >= least


def _text_row_names(text: str, sep: str, quoting: int, width: int) -> bool:
    """:func:`holds_row_names` of the records below the header of ``text`` (a file read whole)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quoting=quoting)
    try:
        next(reader, None)
        return holds_row_names(reader, width, sep)
    except csv.Error:
        return False


def link_note(path: Path, what: str = "the file") -> str | None:
    """What a path that names nothing is, when it is a symbolic link (to a missing path, or a loop); else None.

    ``ls`` lists such a link, where "file not found" (or "directory not found") was said.
    One wording for every reader: tables and files (:func:`read_frame`), the processed
    tables and the recompute directory given to :func:`exposure.load`.

    Parameters
    ----------
    path : pathlib.Path
    what : str
        What the link should point at, ending the message ("the file", "the processed
        table 'soc_scores'", ...).

    Examples
    --------
    >>> import tempfile
    >>> link = Path(tempfile.mkdtemp()) / "tasks.csv"
    >>> os.symlink("moved.csv", link)
    >>> link_note(link)
    "is a broken symbolic link (to 'moved.csv', which does not exist): point it at the file"
    >>> import shutil; shutil.rmtree(link.parent)
    """
    try:
        if not path.is_symlink():
            return None
        target = os.readlink(path)
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"is a symbolic link in a loop of links (it leads back to itself): point it at {what}"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return f"is a broken symbolic link (to {target!r}, which does not exist): point it at {what}"
        return None
    return None


#: Names of the whitespace characters a path copied from a spreadsheet or a shell may carry.
_SPACE_NAMES = {" ": "a space", "\t": "a tab", "\n": "a line break", "\r": "a carriage return",
                "\u00a0": "a no-break space"}


def missing_note(path: Path, what: str = "file") -> str:
    """What to say of ``path``, which names nothing: ``"<what> not found"``, and why if it can tell.

    A symbolic link to a missing file is named as such (:func:`link_note`). A name with
    whitespace at either end (a path copied from a spreadsheet cell or a shell, ``'tasks.csv '``)
    was ``tasks.csv : input file not found``, the space unseen: the message names it, and the
    path without it when that is a file. So is a path starting with ``~``, which no
    shell expands inside quotes (:func:`_tilde_note`), and one holding a variable that
    nothing expanded (:func:`variable_note`). A ``what`` ending in "directory" looks for a
    directory where the path without the space (or with ``~`` or the variable expanded)
    names one: ``'v2 '`` of an existing directory ``v2`` was told its space only. A
    relative path when the current directory no longer exists says so, in the words of
    the output checks (:func:`exposure._io.lost_cwd`): it was ``p.parquet: panel file not
    found``, the removed directory unsaid.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "tasks.csv").write_text("task\\nWeld.\\n")
    >>> missing_note(d / "tasks.csv ", "input file").replace(str(d), "D")
    "input file not found: its name ends with a space; 'D/tasks.csv' (without it) is a file: give that path"
    >>> print(missing_note(d / "\\tother.csv"))
    file not found (its name starts with a tab: '\\tother.csv')
    >>> (d / "v2").mkdir()
    >>> missing_note(d / "v2 ", "sample directory").replace(str(d), "D")
    "sample directory not found: its name ends with a space; 'D/v2' (without it) is a directory: give that path"
    >>> import shutil; shutil.rmtree(d)
    """
    lost = lost_cwd(path)  # a relative path in a removed directory: "file not found", why unsaid
    if lost is not None:
        return f"{what} not found: {lost}"
    note = link_note(path)
    if note:
        return note
    kind = "directory" if what.endswith("directory") else "file"
    if path.parts and path.parts[0].startswith("~"):
        return f"{what} not found: {_tilde_note(path, kind)}"
    variable = variable_note(path, kind)
    if variable:
        return f"{what} not found: {variable}"
    parts = [part.strip() for part in path.parts]  # also a directory's name: 'data /tasks.csv'
    padded = [part for part in path.parts if part.strip() != part and part.strip()]
    if not padded:
        return f"{what} not found"
    part = padded[-1]
    ends = [(side, part[0 if side == "starts" else -1]) for side, edge in
            (("starts", part.lstrip()), ("ends", part.rstrip())) if edge != part]
    how = " and ".join(f"{side} with {_SPACE_NAMES.get(char, repr(char))}" for side, char in ends)
    whose = "its name" if part == path.name else f"the directory name {part!r} in it"
    bare = Path(*parts)
    try:  # 'v2 ' of a directory v2 was told the space only (a model directory said its own note)
        found = bare.is_dir() if kind == "directory" else bare.is_file()
    except OSError:
        found = False
    if found:
        return (f"{what} not found: {whose} {how}; {str(bare)!r} (without it) is a {kind}: give "
                "that path")
    return f"{what} not found ({whose} {how}: {part!r})"


def _tilde_note(path: Path, kind: str = "file") -> str:
    """Why ``path``, which starts with ``~`` and names nothing, was not found (:func:`missing_note`).

    A shell expands ``~`` to the home directory only outside quotes, and Python never: a
    path with spaces in quotes (``"~/My data/tasks.csv"``) reached the reader as written.
    ``kind`` (``"file"`` or ``"directory"``) is what the expanded path is named as when it is one.
    """
    try:
        home = path.expanduser()
        found = home != path and (home.is_dir() if kind == "directory" else home.is_file())
    except (RuntimeError, OSError):  # ~user of no such user; a name too long
        found = False
    said = "the '~' is not read as the home directory (a shell expands it only outside quotes)"
    return f"{said}; {str(home)!r} is a {kind}: give that path" if found else said


#: A variable in a path that nothing expanded: a shell's ``$HOME`` or ``${DATA}`` (inside single
#: quotes, in a script, a spreadsheet cell or a docker env-file) or Windows's ``%USERPROFILE%``.
_SHELL_VARIABLE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))|%([A-Za-z_][A-Za-z0-9_]*)%")


def variable_note(path, kind: str = "file", *, made: bool = False, set_only: bool = False) -> str | None:
    """Why ``path``, which holds ``$NAME``, ``${NAME}`` or ``%NAME%``, names the wrong thing, or None.

    A shell expands a variable outside single quotes only (``'$HOME/jz.txt'``, a path
    written in a script, a spreadsheet cell or a docker env-file), Windows's command
    prompt ``%NAME%`` only on its command line, and Python never: the path reached the
    library as written. An input was "input file not found" alone (:func:`missing_note`),
    a mirror "does not exist", and a cache directory was made as ``./$HOME/c``.

    Parameters
    ----------
    path : str or os.PathLike
    kind : {"file", "directory"}, default "file"
        What ``path`` should name: the path with its variables expanded is said to be
        one ("give that path") when it is.
    made : bool, default False
        Whether ``path`` is a directory the library makes when missing (a cache): the path
        with its variables expanded is given even when it does not exist yet.
    set_only : bool, default False
        Whether a path whose variables are all unset is taken as written (None): a
        directory the library makes may be named ``$x`` on purpose.

    Returns
    -------
    str or None
        None when ``path`` holds no variable (a ``%NAME%`` of no set variable is text, as
        in ``a%b%.csv``); else the variable, and that it is not set or what to give.

    Examples
    --------
    >>> variable_note("/no/such/dir/$EXPOSURE_NO_SUCH_VARIABLE/t.csv")
    "the '$EXPOSURE_NO_SUCH_VARIABLE' is not read as an environment variable (a shell expands it only outside single quotes); EXPOSURE_NO_SUCH_VARIABLE is not set"
    >>> variable_note("t.csv") is None
    True
    """
    text = os.fspath(path)
    found = [(m.group(0), m.group(1) or m.group(2) or m.group(3)) for m in _SHELL_VARIABLE.finditer(text)]
    found = [(written, name) for written, name in found if written[0] == "$" or name in os.environ]
    if not found or (set_only and all(name not in os.environ for _, name in found)):
        return None
    unset = [(written, name) for written, name in found if name not in os.environ]
    written, name = unset[0] if unset else found[0]
    how = ("a shell expands it only outside single quotes" if written[0] == "$" else
           "only the Windows command prompt expands it, on its command line")
    said = f"the {written!r} is not read as an environment variable ({how})"
    if unset:
        return f"{said}; {name} is not set"
    expanded = _SHELL_VARIABLE.sub(lambda m: os.environ.get(m.group(1) or m.group(2) or m.group(3),
                                                            m.group(0)), text)
    try:
        found_kind = Path(expanded).is_dir() if kind == "directory" else Path(expanded).is_file()
    except OSError:  # a name too long
        found_kind = False
    if found_kind:
        return f"{said}; {expanded!r} is a {kind}: give that path"
    return f"{said}; give the path with it expanded, {expanded!r}" if made else said


def _stat_error(path: Path, exc: OSError) -> InputError:
    """The error of a path that cannot be looked at (a name too long for the system: ENAMETOOLONG)."""
    return InputError(exc.strerror or str(exc), path=path, errno=exc.errno)


def check_input_file(path, what: str = "input file") -> Path:
    """Refuse a path that is not a regular file to read: missing, a pipe or device, ``-``.

    Parameters
    ----------
    path : str or os.PathLike
    what : str, default "input file"
        What the file is, for "... not found".

    Returns
    -------
    pathlib.Path

    Raises
    ------
    exposure.errors.DataFormatError
        ``-`` (standard input), a named pipe, device or socket (``/dev/stdin``), an open
        file descriptor (``/dev/fd/63``: a process substitution, named as such, not as
        standard input), standard output, a missing path (a symbolic link to a missing
        file named as such). A directory is left to the caller, who knows what to suggest.
    exposure.errors.InputError
        A path that cannot be looked at (a name too long for the system).

    Examples
    --------
    >>> check_input_file("-")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: -: standard input is not supported: save the data to a file and give its name
    """
    path = as_path(path)
    if std_stream(path):
        stream = _stream_name(path)
        if stream == "standard input":
            raise DataFormatError("standard input is not supported: save the data to a file and "
                                  "give its name", path=path)
        if stream.startswith("standard"):
            raise DataFormatError(f"{stream} is not a file to read: give the name of the {what}",
                                  path=path)
        raise DataFormatError(f"is {stream}, not a file name; pipes are not supported: save the "
                              "data to a file and give its name", path=path)
    try:
        exists, is_file, is_dir = path.exists(), path.is_file(), path.is_dir()
    except OSError as exc:  # a name too long for the system
        raise _stat_error(path, exc) from None
    if exists and not is_file and not is_dir:
        raise DataFormatError(f"is not a regular file ({entry_kind(path)}); standard input "  # which, since round 81
                              "and pipes are not supported: save the data to a file and give "
                              "its name", path=path)
    if not is_file and not is_dir:
        raise DataFormatError(missing_note(path, what), path=path)
    return path


def read_text_table(
    path,
    columns: dict,
    *,
    optional: dict | None = None,
    sep: str = "\t",
    quoting: int = csv.QUOTE_NONE,
    workbook: bool = False,
) -> RawTable:
    """Read a delimited text file (header on line 1) into a :class:`RawTable` of strings.

    Parameters
    ----------
    path : str or os.PathLike
        File to read (UTF-8, optional BOM, LF or CRLF line endings).
    columns : dict
        Target column name -> header name in the file (or a tuple of accepted names,
        compared case- and whitespace-insensitively). All are required.
    optional : dict, optional
        Like ``columns`` but the columns may be absent.
    sep : str, default tab
        Field separator.
    quoting : int, default csv.QUOTE_NONE
        ``csv.QUOTE_NONE`` for O*NET text files (quotes are text); ``csv.QUOTE_MINIMAL``
        for CSV files.
    workbook : bool, default False
        Whether the caller reads the table from an ``.xlsx`` workbook too
        (:func:`read_table`): errors then offer it (what to save a file in another
        encoding as, what to do with a quoted cell holding a tab).

    Returns
    -------
    RawTable

    Raises
    ------
    exposure.errors.DataFormatError
        Missing/empty/HTML file, a byte that is not UTF-8 (naming its line and column,
        and what to save the file as for a reader of ``sep`` text: :func:`_utf8_advice`),
        a file separated by another character than ``sep`` or starting with Excel's
        ``sep=`` line (:func:`_check_layout` of a published file, before the rows: the
        one rule of the O*NET, OEWS and crosswalk readers, which mended it each on its
        own error path until round 78), a line with too many or too few fields, a quoted
        cell never closed, a missing column (a header of one column separated by another
        character than ``sep`` whose first row does not split so says so:
        :func:`_one_column_note`, also when a row of it splits on ``sep``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.txt"
    >>> _ = p.write_bytes(b'Code\\tText\\r\\n11-1011.00\\tSay "hi"\\r\\n')
    >>> raw = read_text_table(p, {"code": "Code", "text": "Text"})
    >>> raw.frame["text"].tolist(), raw.first_row
    (['Say "hi"'], 2)
    """
    path = as_path(path)
    optional = optional or {}
    # compressed data or a Parquet file named as text (Job Zones.txt gunzipped by no one)
    # was "row 1: file is binary, not text (a NUL byte at offset 3)"; a workbook or a
    # Parquet file is to be saved as the text read under this name (a Parquet file was
    # told "give it its own extension", which no reader of a published table reads)
    check_file(path, save_sep=sep, workbook=workbook, one_name=True)
    data = path.read_bytes()
    text = decode_text(data, path, sep, quoting, save_sep=sep, workbook=workbook)
    if not text.strip():
        raise DataFormatError("file is empty", path=path)
    # a file separated by another character than sep, or starting with Excel's sep= line:
    # the one rule of every reader of a published file (it was mended on each reader's error path)
    _check_layout(_head_lines(text), sep, path, published=True, columns=columns)
    try:
        header = check_field_counts(text, sep, quoting, path,  # (published files: O*NET, OEWS, the labels)
                                    quoted_tab=_QUOTED_TAB_XLSX if workbook else _QUOTED_TAB_TEXT,
                                    published=True)
    except DataFormatError:
        if sep == "\t":  # (the readers of CSV name a file separated otherwise themselves)
            _other_separator_header(text, sep, quoting, columns, optional, path)
        raise
    found = _match_columns(header, columns, optional, path, "line 1", row=1,
                           note=_one_column_note(header, sep))
    names = [f"c{i}" for i in range(len(header))]
    used = [names[i] for i in sorted(set(found.values()))]
    frame = (_arrow_text_frame(data, sep, names, used)
             if quoting == csv.QUOTE_NONE and len(header) > 1 else None)
    if frame is None:
        frame = _pandas_text_frame(text, sep, quoting, names, used, path)
    out = pd.DataFrame({target: frame[f"c{idx}"].astype(str) for target, idx in found.items()})
    return RawTable(out, path, 2, {t: header_name(header[i]) for t, i in found.items()})


def _other_separator_header(text: str, sep: str, quoting: int, columns: dict, optional: dict,
                            path: Path) -> None:
    """Refuse the missing columns of a file whose header is one field separated by another character than ``sep``.

    Run when a row of ``text``, read tab-separated, is refused: in such a file (a
    comma-separated ``.csv`` given to a reader of tab-separated text, the O*NET files) a
    row may split on ``sep`` (a cell holding a tab), and it was named first, as
    ``too many fields: expected 1, got 2`` with advice for a tab-separated file (``save it as .csv``);
    the header says what the file is (:func:`_one_column_note`), as it does for the same
    file without the tab. Returns when the header is not such, or holds the columns.
    """
    first = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    if quoting != csv.QUOTE_NONE and first.count('"') % 2:  # a quoted header cell spanning lines
        return
    header = next(csv.reader([first], delimiter=sep, quoting=quoting), [])
    note = _one_column_note(header, sep)
    if note:
        _match_columns(header, columns, optional, path, "line 1", row=1, note=note)


def _json_note(start: str, sep: str) -> str:
    """What a row of more fields than the header adds when the file is JSON (``start``: its first characters).

    A JSON file given to a reader of a text table (``exposure validate --file oews
    manifest.json``) was told ``too many fields: expected 1, got 2 (a trailing separator
    at the end of the line?)``, the line ``"version": 1,`` blamed. ``""`` when ``start``
    does not open a JSON object (``{``) or array (``[`` then ``{``, ``[``, ``"`` or ``]``).

    Examples
    --------
    >>> _json_note('{\\n  "version": 1,', ",")
    " (the file starts with '{': JSON, not a table of comma-separated values: check that it is the right file)"
    >>> _json_note("[id],name", ","), _json_note("soc_code,naics", ",")
    ('', '')
    """
    start = start.lstrip("\ufeff \t\r\n")
    if not (start.startswith("{") or (start.startswith("[") and start[1:].lstrip()[:1] in ("{", "[", '"', "]"))):
        return ""
    return (f" (the file starts with {start[0]!r}: JSON, not a table of {_separated(sep)} values: "
            "check that it is the right file)")


def _separated(sep: str) -> str:
    """How a file read with ``sep`` is separated, in words (``comma-separated``)."""
    return "tab-separated" if sep == "\t" else ("comma-separated" if sep == "," else f"separated by {sep!r}")


def _one_column_note(header: list, sep: str) -> str:
    """What a header of one field, separated by another character than ``sep``, adds to "missing column(s)".

    A tab-separated file given to a comma-separated reader (``exposure validate --file
    onet_to_soc 'Task Statements.txt'``) said ``found: 'O*NET-SOC Code\\tTask ID\\tTask'``
    only. ``""`` for any other header. It also ends the message of a row of more fields
    than such a header (:func:`check_field_counts`), which was told ``(a trailing
    separator at the end of the line?)`` or ``(an unquoted comma inside a field?)``. A
    ``;`` file read comma-separated is told the LibreOffice route
    (:data:`_SEMICOLON_TO_COMMA`): "save it comma-separated" gave the same file again in
    Excel where the list separator is ``;``.

    Examples
    --------
    >>> _one_column_note(["Code\\tTitle"], ",")
    ' (the header is one column separated by tabs, and this table is read comma-separated: check that it is the right file, or save it comma-separated)'
    >>> _one_column_note(["Code"], ","), _one_column_note(["a;b", "c"], ",")
    ('', '')

    A header of a tab-separated file whose tabs became runs of spaces (an editor replacing
    tabs, a table copied from a web page or a terminal: ``O*NET-SOC Code    Task ID``) was
    listed alone, as one name; it is said so (round 81):

    >>> _one_column_note(["O*NET-SOC Code    Task ID  Task"], "\\t")
    ' (the header is one column whose names are separated by runs of spaces, and this table is read tab-separated: tabs replaced by spaces, by an editor or a copy from a web page? take the file as published again, or save it tab-separated)'
    """
    other = _one_column_separator(header, sep)
    if other is None:
        if sep == "\t" and len(header) == 1 and len(re.split(r" {2,}", str(header[0]).strip())) > 1:
            return (" (the header is one column whose names are separated by runs of spaces, and this table is "
                    "read tab-separated: tabs replaced by spaces, by an editor or a copy from a web page? take the "
                    "file as published again, or save it tab-separated)")
        return ""
    holds = "tabs" if other == "\t" else repr(other)
    read = _separated(sep)
    save = _SEMICOLON_TO_COMMA if (other, sep) == (";", ",") else f"save it {read}"
    return (f" (the header is one column separated by {holds}, and this table is read "
            f"{read}: check that it is the right file, or {save})")


def _one_column_separator(header: list, sep: str) -> str | None:
    """The character other than ``sep`` that a header of one field is separated by, or None.

    Examples
    --------
    >>> _one_column_separator(["Code;Title"], ","), _one_column_separator(["Code"], ",")
    (';', None)
    """
    if len(header) != 1:
        return None
    for other in _OTHER_SEPARATORS.get(sep, ()):
        if len(next(csv.reader([str(header[0])], delimiter=other), [])) > 1:
            return other
    return None


def joined_header_note(header, wanted) -> str:
    """What a sheet header of one cell holding the names joined by ``;``, a tab or ``,`` adds to "missing column(s)".

    A semicolon-separated file opened in Excel where the list separator is ``,`` (or
    pasted into a sheet) keeps each line in one cell of column A: saved as ``.xlsx``, its
    header is the one cell ``code;preferredLabel``, and the reader said ``missing
    column(s) 'code', 'preferredLabel' ...; found: 'code;preferredLabel'`` only. ``""``
    unless ``header`` (the cells of a row) has one filled cell, a text that splits on one
    of the characters into names one of which is in ``wanted`` (names compared as
    :func:`norm_header` compares them).

    Examples
    --------
    >>> joined_header_note(["code;title", None], ["title"])
    " (the header is one cell holding the names separated by ';': the sheet holds the lines of a file separated by ';', each in one cell; split them (Data > Text to Columns, Delimited, separator ';') and save the workbook again)"
    >>> joined_header_note(["code;title", "x"], ["title"]), joined_header_note(["a;b"], ["title"])
    ('', '')
    """
    filled = [c for c in header if c is not None and str(c).strip() != ""]
    if len(filled) != 1 or not isinstance(filled[0], str):
        return ""
    names = {norm_header(w) for w in wanted}
    for other in (";", "\t", ","):
        parts = next(csv.reader([filled[0]], delimiter=other), [])
        if len(parts) > 1 and names & {norm_header(p) for p in parts}:
            holds, by = ("tabs", "Tab") if other == "\t" else (repr(other), repr(other))
            return (f" (the header is one cell holding the names separated by {holds}: the sheet holds the "
                    f"lines of a file separated by {holds}, each in one cell; split them (Data > Text to "
                    f"Columns, Delimited, separator {by}) and save the workbook again)")
    return ""


def _pandas_text_frame(text: str, sep: str, quoting: int, names: list, used: list,
                       path: Path) -> pd.DataFrame:
    """Columns ``used`` of a checked delimited file, read by :func:`pandas.read_csv`."""
    try:
        return pd.read_csv(
            io.StringIO(text),
            sep=sep,
            dtype=str,
            keep_default_na=False,
            quoting=quoting,
            engine="c",
            header=0,
            names=names,
            usecols=used,
        )
    except pd.errors.EmptyDataError:
        raise DataFormatError("file has no header line", path=path) from None
    except pd.errors.ParserError as exc:  # pragma: no cover - caught by the field counts
        msg = str(exc)
        m = re.search(r"line (\d+)", msg)
        raise DataFormatError(
            f"malformed line: {msg.split('. ', 1)[-1]}",
            path=path,
            row=int(m.group(1)) if m else None,  # pandas counts lines
            line=int(m.group(1)) if m else None,
        ) from None


def _arrow_text_frame(data: bytes, sep: str, names: list, used: list) -> pd.DataFrame | None:
    """Columns ``used`` of a checked tab-separated file, read by Arrow's CSV reader; or None.

    What :func:`pandas.read_csv` gives :func:`read_text_table` for a file of two or more
    columns without quoting (every field a string, empty fields ``""``, empty lines
    skipped, LF or CRLF), four times faster: an O*NET release is mostly such files. The
    caller has checked the field counts and the UTF-8, so nothing is left to guess; None
    (a file with no data row, a field Arrow will not take) leaves the file to pandas.
    """
    try:
        table = pa_csv.read_csv(
            io.BytesIO(data),
            read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1, use_threads=False),
            parse_options=pa_csv.ParseOptions(delimiter=sep, quote_char=False, escape_char=False,
                                              ignore_empty_lines=True),
            convert_options=pa_csv.ConvertOptions(
                column_types={c: pa.large_string() for c in used}, include_columns=used,
                strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, ValueError):
        return None
    if not table.num_rows:
        return None
    return pd.DataFrame({c: pd.Series(pd.arrays.ArrowStringArray(table.column(c)), dtype="str")
                         for c in used})


def check_field_counts(text: str, sep: str, quoting: int, path: Path, *,
                       quoted_tab: str | None = None, published: bool = False) -> list:
    """Return the header fields; raise if a line's field count differs from the header's.

    A first line that is Excel's ``sep=`` line is refused as such, in the words of the
    readers that look at the file's layout first (:func:`_sep_line_error`; ``published``:
    a published file, read with its publisher's ``sep``): it was told ``too many fields
    ... a title line above the header?`` (a file of more than two columns), or read as
    the header (``['sep=', '']``).

    ``quoted_tab`` ends the message of a row of a tab-separated file read unquoted with a
    field too many and a double quote (default :data:`QUOTED_TAB`, for a reader that reads
    a ``.csv`` file as quoted CSV: save it so). A reader of tab-separated text whatever the
    file's name (the O*NET files) says what works for it (:func:`read_text_table`).

    A truncated line has too few fields, a stray separator too many; an empty line (or
    one of spaces) among the rows of a file of several columns is named as such
    (:func:`_blank_line`; empty lines and lines of spaces or tabs ending the file are not
    checked, as pandas skips them). For quoted CSV,
    separators inside ``"..."`` are not counted; a file whose quoted fields span lines is
    checked record by record with :mod:`csv` instead. The error names the record (``row``,
    the header being row 1) and the line on which it starts (``line``: they differ below a
    quoted cell that spans lines). Fields are counted as :mod:`csv` and pandas read them (a
    quote opens a cell only at its start: ``Cut 2" pipe,6" tube`` is two cells); a file
    ending inside a quoted cell is refused naming the row and line where that quote
    opens (pandas raised ``ParserError: ... EOF inside string``; in a file of several
    columns it was "too few fields"), and so is a quoted cell with text after its closing
    quote (:func:`_text_after_quote`). A cell of any length is read, as pandas reads it
    (:func:`_no_field_limit`): one of more than 131,072 characters in such a file was a
    ``csv.Error`` traceback.
    """
    head = _head_lines(text.removeprefix("\ufeff"))
    error = _sep_line_error(head[0], sep, path, published=published, below=head[1] if len(head) > 1 else None)
    if error is not None:  # Excel's "sep=," line: "a title line above the header?"
        raise error
    with _no_field_limit():
        return _count_fields(text, sep, quoting, path, QUOTED_TAB if quoted_tab is None else quoted_tab)


def _count_fields(text: str, sep: str, quoting: int, path: Path, quoted_tab: str) -> list:
    """The body of :func:`check_field_counts`, run with :mod:`csv`'s field limit lifted."""
    # a carriage return not followed by a line feed ends a line for pandas and csv too:
    # such a file (old Mac line ends, or a cell holding one) is checked record by record as
    # they read it (a cell holding one was read as two rows, the first short a field and
    # silently padded; a file of old Mac line ends was a csv.Error traceback)
    bare_cr = "\r" in text and re.search(r"\r(?!\n)", text) is not None
    first = text.split("\n", 1)[0].rstrip("\r")
    # a quoted header cell holding a line break (a wrapped header cell of a spreadsheet saved
    # as CSV) runs over the next line: the header is the first record, as pandas reads it
    # (read from the first line, it lost the cell's next lines: 'job' for 'job\ntitle', or
    # the file was "row 1: too many fields: expected 3, got 4")
    if bare_cr or (quoting != csv.QUOTE_NONE and first.count('"') % 2):
        header = next(csv.reader(io.StringIO(text, newline=""), delimiter=sep, quoting=quoting), [])
    else:
        header = next(csv.reader([first], delimiter=sep, quoting=quoting), [])
    if not header:  # the lines below were "too many fields: expected 0, got 1"
        raise DataFormatError(f"{EMPTY_LINE}; the header must be the first line", path=path, row=1, line=1)
    if not bare_cr and _same_separator_counts(text, sep, quoting, len(header)):
        return header  # the usual file, checked in one vectorised pass
    if not bare_cr and quoting != csv.QUOTE_NONE and _records_fit(text, sep, quoting, len(header)):
        return header  # a quoted CSV file whose every record has the header's width
    lines = text.split("\n")
    n = len(lines)
    width = len(header)
    # blank lines (empty, or of spaces or tabs: an editor's leftover) and empty records
    # (Excel's ",,," rows) ending the file are not checked: the reader skips the first and
    # drops the second (drop_empty_tail)
    while n > 1 and _empty_record(lines[n - 1].rstrip("\r"), sep, quoting, width):
        n -= 1
    lines = [line.rstrip("\r") for line in lines[:n]]
    short = None  # records of one field or none, when the file is read record by record
    opened = None  # (row, line) of a quoted cell that the file ends inside
    quoted = None  # (position, text) of a record with text after a quoted cell's closing quote
    if quoting == csv.QUOTE_NONE and not bare_cr:
        counts = [line.count(sep) + 1 for line in lines]
        line_no = list(range(1, n + 1))
    else:  # quoted fields (counted as csv and pandas read them: a quote opens a cell only
        # at its start, 'Cut 2" pipe,6" tube' is two cells), or bare carriage returns
        source = _LastLine(io.StringIO(text, newline=""))
        reader = csv.reader(source, delimiter=sep, quoting=quoting)
        counts, line_no, empty, start = [], [], [], 1
        short = {}  # position -> record, of the records of one field or none
        ends_alone = []  # positions of the records ended by a carriage return alone
        taken = []  # the lines of the last record
        for record in reader:
            taken, source.taken = source.taken, []
            if quoted is None and quoting != csv.QUOTE_NONE:
                after = _text_after_quote(taken, sep)
                if after is not None:
                    quoted = (len(counts), after)
            if _ends_alone(source.line):
                ends_alone.append(len(counts))
            # an empty line is one (empty) field, as the line counts above have it
            counts.append(len(record) or 1)
            if len(record) <= 1 and width > 1:
                short[len(counts) - 1] = record
            line_no.append(start)
            empty.append(not record or _spaces_only(record, source.line)
                         or (len(record) == width and not any(record)))
            start = reader.line_num + 1
        if quoting != csv.QUOTE_NONE and counts:
            at = _open_quote_line(taken, sep)
            if at is not None:  # the last record: the open cell took every line below it
                opened = (len(counts), line_no[-1] + at)
        while len(counts) > 1 and empty[-1]:
            counts.pop()
            line_no.pop()
            empty.pop()
        # in a file whose header line ends with a line feed, a record ended by a carriage
        # return alone (not the last one) is a cell split in two: refused before its count
        lone = next((i for i in ends_alone if 0 < i < len(counts) - 1), None)
        if lone is not None and 0 not in ends_alone:
            mismatch = next((i for i, c in enumerate(counts) if c != width), len(counts))
            if lone <= mismatch:
                raise _lone_cr_error(path, lone + 1, line_no[lone], counts[lone], header)
    pos = next((i for i, c in enumerate(counts) if c != width), None)
    if opened is not None and (pos is None or pos + 1 >= opened[0]):
        raise _unclosed_quote_error(path, *opened)
    if quoted is not None and quoted[0] < len(counts) and (pos is None or quoted[0] <= pos):
        raise _text_after_quote_error(path, quoted[0] + 1, line_no[quoted[0]], quoted[1])
    if pos is not None:
        got = counts[pos]
        if short is not None:  # read record by record
            record = short.get(pos)
        else:  # one line, one record
            record = next(csv.reader([lines[line_no[pos] - 1]], delimiter=sep, quoting=quoting), [])
        blank = _blank_line(record) if record is not None and width > 1 else None
        if blank is not None:
            raise DataFormatError(blank, path=path, row=pos + 1, line=line_no[pos])
        if got < len(header):
            what = f"too few fields: expected {len(header)}, got {got} (truncated file or line?)"
            column = header[got] if got < len(header) else None
            unnamed = _unnamed_header_note(header, got, sep)
            if _eof_mark(record):  # an end-of-file mark, not a row cut short
                raise DataFormatError(f"too few fields: expected {len(header)}, got {got}: {EOF_MARK}", path=path,
                                      row=pos + 1, line=line_no[pos])
            if unnamed:
                what, column = f"too few fields: expected {len(header)}, got {got}: {unnamed}", None
            elif sep == "\t" and short is None:  # (lines read one by one, quotes as text)
                at = line_no[pos] - 1
                error = _quoted_break_error(lines[at - 1:], sep, header, got, pos + 1, at + 1,
                                            quoted_tab, path)
                if error is not None:
                    raise error
        else:
            what = f"too many fields: expected {len(header)}, got {got}"
            line = lines[line_no[pos] - 1]
            joined = _joined_header(next(csv.reader([line], delimiter=sep, quoting=quoting), []), header)
            if joined is not None:  # two files joined: "an unquoted comma inside a field?" blamed the row
                raise DataFormatError(f"{what}: {joined}", path=path, row=pos + 1, line=line_no[pos],
                                      column=header_name(header[-1]))
            # (the fields are counted as read: a comma inside a quoted cell is not one)
            # every record as wide as the first: not a stray comma, a title line
            # (empty lines between the title and the header: "Title\n\nheader", one field each)
            title = (pos >= 1 and len(counts) > pos + 1 and all(c == got for c in counts[pos:])
                     and all(not lines[line_no[i] - 1].strip() for i in range(1, pos)))
            # a header of one field separated by another character (a ';' file read
            # comma-separated): the row of more fields was told a trailing separator or an
            # unquoted comma, its own fault; the header says what the file is
            # (a title line holding ';' above comma-separated rows that hold none is a title)
            one_column = _one_column_note(header, sep)
            json_note = _json_note(text[:200], sep)
            if json_note:  # a JSON file: its lines are no rows (it was told a trailing separator)
                what += json_note
            elif one_column and not (title and _one_column_separator(header, sep) not in line):
                what += one_column
            elif pos == 1 and got == len(header) + 1 and _text_row_names(text, sep, quoting, len(header)):
                what += ROW_NAMES
            elif quoting == csv.QUOTE_NONE or '"' not in line or sep == ",":
                spaced = (_space_quote_note(next(csv.reader([line], delimiter=sep, quoting=quoting), []))
                          if sep == "," and quoting != csv.QUOTE_NONE else "")
                if line.endswith(sep):
                    what += " (a trailing separator at the end of the line?)"
                elif spaced:  # 'Sew., "Tailor, custom"': the comma is quoted, as the writer meant
                    what += spaced
                elif title:
                    what += TITLE_LINE % (len(header), "" if len(header) == 1 else "s")
                elif sep == ",":
                    what += " (an unquoted comma inside a field?)"
                elif sep == "\t" and '"' in line:
                    what += quoted_tab
            column = None
        raise DataFormatError(what, path=path, row=pos + 1, line=line_no[pos], column=column)
    return header


#: What a line holding only Ctrl-Z bytes is (:func:`_eof_mark`).
EOF_MARK = ("the line holds only a Ctrl-Z byte (0x1A, the end-of-file mark that old DOS programs and "
            "Windows' 'copy /a' write), which is no row: remove it")


def _eof_mark(record) -> bool:
    """Whether the fields ``record`` are a line of Ctrl-Z bytes alone (``"\\x1a"``), the end-of-file mark of DOS.

    A file joined or copied by ``copy /a`` (or written by an old DOS program) ends with
    that byte: the line was told ``too few fields: expected 4, got 1 (truncated file or
    line?)``, as if the file were cut short.

    Examples
    --------
    >>> _eof_mark(["\\x1a"]), _eof_mark(["\\x1a\\x1a"]), _eof_mark(["11-1011.00"]), _eof_mark([])
    (True, True, False, False)
    """
    return record is not None and len(record) == 1 and bool(record[0]) and set(record[0]) == {"\x1a"}


def _joined_header(record: list, header: list) -> str | None:
    """What a record holding the header after its last cell says (two files joined into one); else None.

    Files joined end to end (``cat a.csv b.csv``, Windows' ``copy a+b``) when the first
    does not end with a line break, as BLS's ``national_M2021_dl.csv`` and the Census
    crosswalk do not, hold the second's header on the first's last line, after its last
    cell: that row was refused as ``too many fields: expected 18, got 35 (an unquoted
    comma inside a field?)``, advice about the row. ``record`` is the row's fields: the
    header's first name ends its last field (a byte-order mark of the second file
    ignored), the header's other names follow it.

    Examples
    --------
    >>> _joined_header(["11-1011.00", "5", "AnalystCode", "Zone", "Source"], ["Code", "Zone", "Source"])
    "the header follows the row's last cell on the same line (two files joined into one, the first not ending with a line break?): delete the line's text from 'Code' on, the header repeated"
    >>> _joined_header(["11-1011.00", "5", "Analyst", "x", "y"], ["Code", "Zone", "Source"]) is None
    True
    """
    width = len(header)
    if width < 2 or len(record) < 2 * width - 1:
        return None
    names = [norm_header(h) for h in header]
    follow = [norm_header(str(f).replace("\ufeff", "")) for f in record[width:2 * width - 1]]
    last = norm_header(str(record[width - 1]).replace("\ufeff", ""))
    if not names[0] or follow != names[1:] or not last.endswith(names[0]):
        return None
    return ("the header follows the row's last cell on the same line (two files joined into one, the first not "
            f"ending with a line break?): delete the line's text from {header_name(header[0]).strip()!r} on, the "
            "header repeated")


def _unnamed_header_note(header: list, got: int, sep: str) -> str:
    """What a record of ``got`` fields says when the header's empty column names explain the shortfall.

    A header ending with a separator the rows lack (a trailing tab or comma an editor left)
    was ``row 2, column '': too few fields: expected 5, got 4 (truncated file or line?)``:
    a column of no name, and the row blamed; an empty name inside the header (two tabs)
    named the last column as missing. ``""`` when the header has no empty name, or too few
    to explain the shortfall.

    Examples
    --------
    >>> _unnamed_header_note(["Code", "Zone", ""], 2, "\\t")
    'the header (line 1) ends with a tab: an empty column name at position 3; remove it (or name the column and fill it on every row)'
    >>> _unnamed_header_note(["Code", "", "Zone"], 2, ",")
    'the header (line 1) has an empty column name at position 2 (two commas in a row?); remove it (or name the column and fill it on every row)'
    >>> _unnamed_header_note(["Code", "Zone", "Date"], 2, ",")
    ''
    """
    empty = [i for i, name in enumerate(header) if not str(name).strip()]
    if not empty or got < len(header) - len(empty):
        return ""
    what = {"\t": "a tab", ",": "a comma", ";": "a semicolon"}.get(sep, repr(sep))
    plural = {"\t": "tabs", ",": "commas", ";": "semicolons"}.get(sep, f"{sep!r}s")
    if empty[0] == len(header) - 1:
        where = f"ends with {what}: an empty column name at position {empty[0] + 1}"
    else:
        where = f"has an empty column name at position {empty[0] + 1} (two {plural} in a row?)"
    return f"the header (line 1) {where}; remove it (or name the column and fill it on every row)"


#: What a line of a tab-separated file with a field too many and a double quote adds.
QUOTED_TAB = (" (a tab inside a quoted field? quotes are text in a tab-separated file: save it "
              "as .csv)")
#: The same, for a reader of tab-separated text whatever the file's name, which reads
#: workbooks too (:func:`read_table`: the O*NET files), and for one that reads no workbook.
_QUOTED_TAB_XLSX = (" (a tab inside a quoted field? quotes are text in this tab-separated file, in a "
                    ".csv file too: remove the tab from the cell, or give the table as an .xlsx "
                    "workbook)")
_QUOTED_TAB_TEXT = (" (a tab inside a quoted field? quotes are text in this tab-separated file, in a "
                    ".csv file too: remove the tab from the cell)")
#: What a short line of tab-separated text says when a quoted cell holding a line break
#: explains it (:func:`_quoted_line_break`), by the reader's ``quoted_tab`` advice: a reader
#: of ``.csv`` files as quoted CSV, one of tab-separated text whatever the name that reads
#: workbooks too, and one that reads no workbook.
_QUOTED_BREAK = {
    QUOTED_TAB: "save it as .csv ('CSV UTF-8'), where quotes keep a cell's line breaks",
    _QUOTED_TAB_XLSX: "remove the line break from the cell, or give the table as an .xlsx workbook",
    _QUOTED_TAB_TEXT: "remove the line break from the cell",
}


def _quoted_line_break(lines, sep: str, width: int, start: int) -> tuple[int, int] | None:
    """``(offset, field)`` of a quoted cell holding a line break that explains a short line, or None.

    ``lines`` are the lines of a file of ``sep`` text read without quotes, from the line
    before the short one (``start`` 1) or from the short one (``start`` 0). Excel's
    "Text (Tab delimited)" writes a cell holding a line break in quotes; read with quotes
    as text, its line break ends the row, which was "too few fields: expected 2, got 1
    (truncated file or line?)". Read with quotes, from the short line or the one above it
    (a quoted cell opened in the last column of a line of the right width), a record of
    ``width`` fields over several lines is that cell: its line (0 or 1 from the first of
    ``lines``) and its field (0-based) are returned.

    Examples
    --------
    >>> _quoted_line_break(["task\\tocc", '"Weld', 'parts."\\t51-4121'], "\\t", 2, 1)
    (1, 0)
    >>> _quoted_line_break(["Weld.\\t51-4121", "Sew.", "Cut.\\t51-2092"], "\\t", 2, 1) is None
    True
    """
    for offset in range(start, -1, -1):  # the short line, then the one above it
        if offset >= len(lines):
            continue
        reader = csv.reader([f"{text}\n" for text in lines[offset:offset + 1000]], delimiter=sep)
        try:
            record = next(reader, [])
        except csv.Error:
            continue
        if reader.line_num > 1 and len(record) == width:
            field = next((j for j, cell in enumerate(record) if "\n" in cell or "\r" in cell), None)
            if field is not None:
                return offset, field
    return None


def _quoted_break_error(lines, sep: str, header: list, got: int, row: int, line: int,
                        quoted_tab: str, path) -> DataFormatError | None:
    """The error of short record ``row`` (on ``line``, of ``got`` fields) if a quoted cell spanning lines explains it.

    ``lines`` are the file's lines from the one above ``line`` (:func:`_quoted_line_break`);
    ``quoted_tab`` is the reader's advice on a quoted tab (:data:`_QUOTED_BREAK`). The
    error names the row, line and column where the quoted cell opens, and what to do.
    """
    start = 1 if row > 2 else 0  # (the line above row 2 is the header)
    found = _quoted_line_break(lines[1 - start:], sep, len(header), start)
    if found is None:
        return None
    offset, field = found
    opened = line - start + offset
    return DataFormatError(
        f"a quoted cell holding a line break (as Excel's tab-delimited text writes it) spans lines "
        f"{opened} and {opened + 1}, but quotes are text in a tab-separated file: the line break ends "
        f"the row, and line {line} has too few fields (expected {len(header)}, got {got}); "
        f"{_QUOTED_BREAK.get(quoted_tab, _QUOTED_BREAK[QUOTED_TAB])}",
        path=path, row=row - start + offset, line=opened, column=header[field])


#: A cell as a program writing quoted delimited text quotes it (``"..."``, a quote inside
#: written twice, something between the quotes): the rule of the O*NET readers
#: (:func:`exposure.onet._unquoted`), of :func:`check_quoted_breaks` and of
#: :func:`exposure.scoring._files._quoted_cells`.
WRITER_QUOTED = r'"(?:[^"]|"")+"'
#: Lines that one quoted cell of a one-column file is looked for over (:func:`check_quoted_breaks`).
_QUOTED_CELL_LINES = 1000


def check_quoted_breaks(path, column) -> None:
    """Refuse a one-column tab-separated file in which a quoted cell holding a line break spans lines.

    Excel's "Text (Tab delimited)" writes a cell holding a line break in quotes, and quotes
    are text in a tab-separated file: the line break ends the row. A file of more columns
    is refused by its short line (:func:`_quoted_break_error`); a file of one column has no
    short line, and its cell was read as two rows or more (``'"Weld pipes'`` and ``'and
    joints."'``), each scored as a task, without a word. A line opening a quote (a line
    starting with ``"``, its quotes not paired) whose lines up to the one that pairs them
    are one quoted cell, as such a writer writes it, is refused, naming its line (the row,
    in a file of one column) and ``column``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.txt"
    >>> _ = p.write_text('task\\n"Weld pipes\\nand joints."\\nLay bricks.\\n')
    >>> try:
    ...     check_quoted_breaks(p, "task")
    ... except DataFormatError as exc:
    ...     print(exc.row, exc.column, exc.reason)
    2 task a quoted cell holding a line break (as Excel's tab-delimited text writes it) spans lines 2 and 3, but quotes are text in a tab-separated file: each line was read as a row of its own; save it as .csv ('CSV UTF-8'), where quotes keep a cell's line breaks
    """
    path = Path(path)
    with open(path, "rb") as fh:  # no line opening a quote (the usual case): one pass in C
        prev, opens = b"", False
        for block in iter(lambda: fh.read(1 << 20), b""):
            if b'\n"' in prev[-1:] + block or b'\r"' in prev[-1:] + block:
                opens = True
                break
            prev = block
    if not opens:
        return
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
        lines = iter(fh)
        next(lines, None)  # the header
        ahead: collections.deque[str] = collections.deque()  # lines looked at, not yet passed
        number = 1
        while (line := ahead.popleft() if ahead else next(lines, None)) is not None:
            number += 1
            text = line.rstrip("\r\n")
            if not text.startswith('"') or text.count('"') % 2 == 0:
                continue
            parts, quotes = [text], text.count('"')
            while len(parts) <= _QUOTED_CELL_LINES and quotes % 2:
                more = ahead.popleft() if ahead else next(lines, None)
                if more is None:
                    break
                parts.append(more.rstrip("\r\n"))
                quotes += parts[-1].count('"')
            if len(parts) > 1 and quotes % 2 == 0 and re.fullmatch(WRITER_QUOTED, "\n".join(parts)):
                last = number + len(parts) - 1
                spans = f"{number} and {last}" if len(parts) == 2 else f"{number} to {last}"
                raise DataFormatError(
                    f"a quoted cell holding a line break (as Excel's tab-delimited text writes it) spans "
                    f"lines {spans}, but quotes are text in a tab-separated file: each line was read as a row "
                    f"of its own; {_QUOTED_BREAK[QUOTED_TAB]}", path=path, row=number, line=number,
                    column=column)
            ahead.extendleft(reversed(parts[1:]))  # no such cell: each line looked at again


#: What a record ended by a carriage return alone says, in a file of line feeds.
LONE_CR = ("a carriage return (\\r) alone ends this line, where the other lines end with a line "
           "feed: a line break inside a cell? remove it, or quote the cell")


def _lone_cr_error(path, row: int, line: int, got: int, header: list) -> DataFormatError:
    """The error of record ``row`` (of ``got`` fields, from ``line``), ended by a carriage return alone.

    A record short of fields says so first, naming the first missing column, as a
    truncated line does (:data:`LONE_CR` then says why).
    """
    if header and got < len(header):
        return DataFormatError(f"too few fields: expected {len(header)}, got {got}: {LONE_CR}",
                               path=path, row=row, line=line, column=header[got])
    return DataFormatError(LONE_CR, path=path, row=row, line=line)


def _ends_alone(line: str) -> bool:
    """Whether ``line`` (read with ``newline=""``) ends with a carriage return not followed by a line feed.

    :mod:`csv` and pandas end a record there, as at a line feed: in a file whose lines end
    with line feeds (or CRLF), such a carriage return is a line break inside an unquoted
    cell (copied from a spreadsheet), and the cell was read as two rows (in a file of one
    column silently, as two tasks).

    Examples
    --------
    >>> _ends_alone("Answer\\r"), _ends_alone("Answer\\r\\n"), _ends_alone("Answer\\n")
    (True, False, False)
    """
    return line.endswith("\r")


#: What a line without a field says, in a file of several columns.
EMPTY_LINE = "empty line (remove it: only the empty lines ending the file are ignored)"
#: What a line of spaces or tabs only says, in a file of several columns.
BLANK_LINE = "blank line (only spaces or tabs): remove it"


def _blank_line(record: list) -> str | None:
    """What a record of a file of several columns is, if it is a blank line; else None.

    The readers name a blank line between the rows as such (it was "too few fields:
    expected 2, got 1 (truncated file or line?)", naming the second column), whole and
    in batches. ``record`` is the line as :mod:`csv` reads it: ``[]`` for an empty line.

    Parameters
    ----------
    record : list of str
        The fields of the line.

    Returns
    -------
    str or None
        :data:`EMPTY_LINE`, :data:`BLANK_LINE` (one field of spaces or tabs), or None.

    Examples
    --------
    >>> _blank_line([]) == EMPTY_LINE, _blank_line(["  "]) == BLANK_LINE
    (True, True)
    >>> _blank_line([""]), _blank_line(["Weld."]), _blank_line(["", ""])
    (None, None, None)
    """
    if not record:
        return EMPTY_LINE
    if len(record) == 1 and record[0] and not record[0].strip(" \t"):
        return BLANK_LINE
    return None


class _LastLine:
    """The lines of ``lines`` (a text file or buffer), keeping the last one read as :attr:`line`.

    Given to :func:`csv.reader`, which reads a record's lines and no further: after a
    record of one line, :attr:`line` is its text as written (a line of spaces, which
    pandas skips, and a quoted cell of spaces, which it reads as a row, give one record).
    """

    def __init__(self, lines):
        self.lines = iter(lines)
        self.line = ""
        self.ahead = []  # a line read by more(), not yet given
        self.taken = []  # the lines given since the caller last emptied it (a record's lines)

    def __iter__(self):
        return self

    def __next__(self) -> str:
        self.line = self.ahead.pop() if self.ahead else next(self.lines)
        self.taken.append(self.line)
        return self.line

    def more(self) -> bool:
        """Whether a line that is not blank follows (looked at, not consumed)."""
        if not self.ahead:
            following = next(self.lines, None)
            if following is None:
                return False
            self.ahead.append(following)
        return bool(self.ahead[0].strip())


def _spaces_only(record: list, line: str) -> bool:
    """Whether ``record``, read from the one line ``line``, is a line of spaces or tabs only.

    Such a line (an editor's leftover) is skipped by pandas, as an empty line is; a quoted
    cell of spaces (``"  "``) is not: it is a row.

    Examples
    --------
    >>> _spaces_only(["  "], "  \\r\\n"), _spaces_only(["  "], '"  "\\n'), _spaces_only([""], "\\n")
    (True, False, False)
    """
    return _blank_line(record) == BLANK_LINE and not line.strip(" \t\r\n")


def _empty_record(line: str, sep: str, quoting: int, width: int) -> bool:
    """Whether ``line`` is blank, or a record of ``width`` fields that are all empty (``,,,``).

    A blank line is empty, or one field of spaces or tabs only (:data:`BLANK_LINE`; an
    editor's leftover after the last row, which pandas skips as it skips an empty line).

    Examples
    --------
    >>> [_empty_record(line, ",", csv.QUOTE_MINIMAL, 2) for line in ("", " \\t ", ",", "a,", " ,")]
    [True, True, True, False, False]
    """
    if line == "" or (sep not in line and not line.strip(" \t")):
        return True
    if not set(line) <= {sep, '"'}:
        return False
    record = next(csv.reader([line], delimiter=sep, quoting=quoting), [])
    return len(record) == width and not any(record)


def _same_separator_counts(text: str, sep: str, quoting: int, width: int) -> bool:
    """True when every line of ``text`` holds ``width - 1`` separators (no quoting to follow).

    The per-line count of :func:`check_field_counts`, done on the bytes with numpy, for
    files where a separator is always a field boundary: tab-separated files
    (``QUOTE_NONE``) and files without a double quote. The lines are those up to the last
    one that is not empty (``\\r`` aside), as there. False means "look line by line"
    (another file, or a line that differs, which the caller then names).
    """
    if len(sep) != 1 or not sep.isascii() or sep in "\r\n" or (
            quoting != csv.QUOTE_NONE and '"' in text):
        return False
    # an ASCII byte never occurs inside a multi-byte UTF-8 character
    data = np.frombuffer(text.rstrip("\r\n").encode("utf-8"), dtype=np.uint8)
    ends = np.flatnonzero(data == 10)
    seps = np.flatnonzero(data == ord(sep))
    before = np.concatenate(([0], np.searchsorted(seps, ends), [len(seps)]))
    return bool((np.diff(before) == width - 1).all())


def _records_fit(text: str, sep: str, quoting: int, width: int) -> bool:
    """True when every record of the quoted CSV ``text`` has ``width`` fields, read as pandas reads it.

    One pass of :mod:`csv` in C (strict: a file ending inside a quoted cell, or a quote
    followed by more text, is left to the record-by-record check, which names it or
    reads it as pandas does). An empty line, or empty records ending the file, are also
    left to it. False means "look record by record".
    """
    try:
        with _no_field_limit():
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quoting=quoting,
                                strict=True)
            return set(map(len, reader)) <= {width}
    except csv.Error:
        return False


#: What a CSV file ending inside a quoted cell says, naming the row (and line) of the cell.
UNCLOSED_QUOTE = ("the quoted cell that starts on this line is not closed: the file ends inside its "
                  "quotes, so every line below it was read into that cell; add the closing \" (and "
                  "write a \" inside a quoted cell as \"\")")


def _unclosed_quote_error(path, row: int, line: int) -> DataFormatError:
    """The error of a quoted cell of record ``row``, opened on ``line``, that is never closed."""
    return DataFormatError(UNCLOSED_QUOTE, path=path, row=row, line=line)


#: A quoted cell of CSV (``""`` is a quote inside it), from its opening quote to its closing one.
_QUOTED_CELL = re.compile(r'"(?:[^"]|"")*"')


def _text_after_quote(lines: list, sep: str) -> str | None:
    """The start of a quoted cell of a record (its ``lines`` as written) that has text after its closing quote, or None.

    A ``"`` inside a quoted cell is written ``""``: one written alone
    (``"Weld "hot" metal."``, a file written by hand or by a program that does not double it) or after a
    backslash (``"Use a \\"torch\\"."``, a database export's escape) closes the cell,
    and pandas and :mod:`csv` read on: ``'Weld hot" metal."'``, scored without a word.
    Spaces or tabs after the closing quote are not text (``"Weld, cut." ,W`` is read).

    Examples
    --------
    >>> _text_after_quote(['1,"Weld "hot" metal.",W\\n'], ",")
    '"Weld "h'
    >>> _text_after_quote(['1,"Weld, ""hot"" metal." ,W\\n', 'Cut 2" pipe,x\\n'], ",") is None
    True
    """
    raw = "".join(lines)
    if '"' not in raw:
        return None
    ends = re.compile(f"[{re.escape(sep)}\r\n]")
    at = 0
    while at < len(raw):
        if raw[at] == '"':  # a quote opens a cell only at its start
            cell = _QUOTED_CELL.match(raw, at)
            if cell is None:
                return None  # a cell never closed: named by its own check
            end = ends.search(raw, cell.end())
            stop = end.start() if end else len(raw)
            if raw[cell.end():stop].strip(" \t"):
                return raw[at:cell.end() + 1]
            at = stop
        else:
            end = ends.search(raw, at)
            if end is None:
                return None
            at = end.start()
        at += 1
    return None


#: How the error of a quoted cell followed by text starts (:func:`_text_after_quote_error`): at
#: row 1, the header's quoted names of a file separated by tabs or ``;`` read with commas
#: (the OEWS and crosswalk readers then say the separator).
QUOTE_AFTER = "a quoted cell has text after its closing quote"


def _text_after_quote_error(path, row: int, line: int, start: str) -> DataFormatError:
    """The error of a quoted cell of record ``row`` (starting on ``line``) with text after its closing quote."""
    shown = start if len(start) <= 40 else start[:17] + "..." + start[-20:]
    return DataFormatError(
        f"{QUOTE_AFTER} ({shown}): a \" inside a quoted cell is written "
        "as two (\"\"), as spreadsheets write it; a backslash before it (\\\") is no escape in CSV",
        path=path, row=row, line=line)


def _open_quote_line(lines: list, sep: str) -> int | None:
    """The line (from 0) of ``lines``, one record's lines, on which a quoted cell opens that ends with them.

    A quote opens a cell only as its first character (``Cut 2" pipe`` is text), ``""``
    inside it is a quote, and the quote closing it may be followed by more text: as
    :mod:`csv` and pandas read CSV. None when every quoted cell is closed. Run on one
    record (the last one: an unclosed cell takes every line below it).

    Examples
    --------
    >>> _open_quote_line(['Sew.,"Tailor\\n', 'Cut.,Cutter\\n'], ","), _open_quote_line(['"a"b,"c"\\n'], ",")
    (0, None)
    >>> _open_quote_line(['Cut 2" pipe,6" tube\\n'], ","), _open_quote_line(['"Say ""hi"",x\\n'], ",")
    (None, 0)
    """
    text = "".join(lines)
    if '"' not in text:
        return None
    stop = re.compile("[" + re.escape(sep) + "\r\n]")
    pos, end = 0, len(text)
    while pos < end:
        if text[pos] == '"':  # a quoted cell: to its closing quote ("" is a quote)
            opened = pos
            pos += 1
            while True:
                close = text.find('"', pos)
                if close < 0:
                    return text.count("\n", 0, opened)
                if text.startswith('"', close + 1):
                    pos = close + 2
                    continue
                pos = close + 1
                break
        found = stop.search(text, pos)  # the end of the cell: a separator or a line end
        if found is None:
            return None
        pos = found.end()
    return None


def reader_reason(exc: BaseException) -> str:
    """The first line of a reader's exception, its control characters escaped, for a one-line error.

    pyarrow's reasons may hold the byte they stopped at (``don't know what type: \\x0e``,
    the byte itself), and may run over several lines.

    Examples
    --------
    >>> reader_reason(OSError("don't know what type: \\x0e"))
    "don't know what type: \\\\x0e"
    >>> reader_reason(ValueError("first\\nsecond")), reader_reason(EOFError())
    ('first', 'EOFError')
    """
    text = str(exc).strip()
    if not text:
        return type(exc).__name__
    first = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0].strip()
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", first)


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _cell_str(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


#: The ``mimetype`` member of an OpenDocument spreadsheet (LibreOffice's ``.ods``), and the
#: namespaces of a Strict Open XML workbook (Excel's "Strict Open XML Spreadsheet"), which its
#: package relationships (``_rels/.rels``) use.
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_STRICT_OOXML = b"http://purl.oclc.org/ooxml/"


#: What is said of a workbook saved as "Strict Open XML Spreadsheet" (:func:`refuse_strict_workbook`).
STRICT_WORKBOOK = ("the workbook is saved as 'Strict Open XML Spreadsheet', which is not read: save it as "
                   "'Excel Workbook (*.xlsx)'")


def _is_strict(archive: zipfile.ZipFile, names) -> bool:
    """Whether the package relationships of an open ``.xlsx`` archive use the Strict Open XML namespaces."""
    if "_rels/.rels" not in names:
        return False
    with archive.open("_rels/.rels") as member:
        return _STRICT_OOXML in member.read(1 << 16)


#: Content types of a workbook's main part (``[Content_Types].xml``): a workbook whose main part
#: is not ``xl/workbook.xml`` (another writer's layout) declares one of them.
_WORKBOOK_TYPES = (b"spreadsheetml.sheet.main", b"sheet.macroEnabled.main", b"spreadsheetml.template.main",
                   b"template.macroEnabled.main")


def _declares_workbook(archive: zipfile.ZipFile, names) -> bool:
    """Whether ``[Content_Types].xml`` of an open archive declares a workbook part."""
    if "[Content_Types].xml" not in names:
        return False
    with archive.open("[Content_Types].xml") as member:
        types = member.read(1 << 20)
    return any(t in types for t in _WORKBOOK_TYPES)


def refuse_strict_workbook(path) -> None:
    """Refuse a workbook saved as "Strict Open XML Spreadsheet" before openpyxl reads it.

    openpyxl finds no worksheet in such a workbook: it warned ``UserWarning: File
    contains an invalid specification for 0. This will be removed`` on stderr, above the
    error line, and said there was no worksheet (or pandas ``Worksheet index 0 is
    invalid``). Looked for in the package relationships (one small member of the zip
    archive); a file that is not a readable zip archive passes (the reader's own errors
    stand).
    """
    try:
        with zipfile.ZipFile(as_path(path)) as archive:
            strict = _is_strict(archive, set(archive.namelist()))
    except Exception:  # noqa: BLE001 - a damaged archive: the reader names what is wrong
        return
    if strict:
        raise DataFormatError(STRICT_WORKBOOK, path=path)


def foreign_workbook(path) -> str | None:
    """What to say of a file named ``.xlsx`` that is not a workbook openpyxl reads, or None.

    - an OpenDocument spreadsheet (LibreOffice's ``.ods``, renamed ``.xlsx``): it was
      ``cannot read workbook: "There is no item named '[Content_Types].xml' in the
      archive"``;
    - a workbook saved as "Strict Open XML Spreadsheet" (a choice of Excel's Save As):
      openpyxl finds no sheet in it, and it was said to hold no worksheet ``(a chart sheet
      only?)``, though the table is on its first one;
    - an Excel binary workbook (``.xlsb``) or another Office file (a Word document) renamed
      ``.xlsx``: a zip archive without the workbook part ``xl/workbook.xml``, nor one
      declared elsewhere in ``[Content_Types].xml`` (openpyxl's bare ``OSError: File
      contains no valid workbook part``, or pandas' ``'zip'``).

    :func:`read_xlsx_table` and :func:`read_frame` (``exposure score``, ``exposure
    rollup``) look at it when a workbook cannot be read (an ``.ods`` renamed ``.xlsx``
    raised pandas' ``ImportError: Import odfpy failed`` there), and so do the O*NET
    readers (:mod:`exposure.onet`); the readers of the Felten and ILO workbooks before
    pandas reads them (:func:`exposure.measures._common.check_workbook`).

    - a workbook cut short (a copy or download stopped): a zip archive's start without its
      end (the archive's directory of parts, which zip readers read first): it was
      ``cannot read workbook: File is not a zip file`` (:func:`_cut_archive`).

    Looked at on the error path only (two small members of the zip archive).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Job Zones.xlsx"
    >>> with zipfile.ZipFile(p, "w") as z:
    ...     z.writestr("mimetype", _ODS_MIMETYPE)
    >>> print(foreign_workbook(p))
    the file is an OpenDocument spreadsheet (LibreOffice's .ods format) named .xlsx, which is not read: save it as an Excel workbook (in LibreOffice: File > Save As, 'Excel 2007-365 (.xlsx)')
    """
    cut = _cut_archive(path)
    if cut is not None:
        return cut
    foreign = _foreign_archive(path)
    if foreign is None:
        return None
    what, fix = foreign
    if fix is None:
        return f"the file is {what} named .xlsx, with no workbook in it (xl/workbook.xml): give the .xlsx workbook itself"
    if what == _STRICT_WHAT:
        return STRICT_WORKBOOK
    return f"the file is {what} named .xlsx, which is not read: {fix}"


def _cut_archive(path) -> str | None:
    """What to say of the ``.xlsx`` file ``path`` if it is a zip archive cut short (its start without its end), or None.

    A zip archive starts with ``PK\\x03\\x04`` and ends with the directory of its parts,
    which zip readers read first: a workbook whose copy or download stopped was
    ``cannot read workbook: File is not a zip file``, naming neither what nor what to do
    (as a Parquet file cut short: :func:`parquet_shape`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Job Zones.xlsx"
    >>> with zipfile.ZipFile(p, "w") as z:
    ...     z.writestr("xl/workbook.xml", "<workbook/>" * 50)
    >>> _cut_archive(p) is None
    True
    >>> _ = p.write_bytes(p.read_bytes()[:60])
    >>> print(_cut_archive(p))
    not a complete .xlsx workbook: it starts as one (a zip archive), but its end (the archive's directory of its parts) is missing: the file was cut short (a copy or download stopped?); copy or download it again
    """
    try:
        with open(path, "rb") as fh:
            if fh.read(4) != b"PK\x03\x04":
                return None
        if zipfile.is_zipfile(path):
            return None
    except OSError:  # (the reader names a file that cannot be read)
        return None
    return ("not a complete .xlsx workbook: it starts as one (a zip archive), but its end (the archive's directory "
            "of its parts) is missing: the file was cut short (a copy or download stopped?); copy or download it "
            "again")


#: What a workbook saved as "Strict Open XML Spreadsheet" is said to be (:func:`_foreign_archive`).
_STRICT_WHAT = "a workbook saved as 'Strict Open XML Spreadsheet'"
#: The advice for a workbook of another format than the ``.xlsx`` openpyxl reads.
_SAVE_XLSX = "save it as 'Excel Workbook (*.xlsx)'"


def _foreign_archive(path) -> tuple[str, str | None] | None:
    """``(what, fix)`` of a zip archive that is not a workbook openpyxl reads; None for one (or no archive).

    What the archive is (``"an OpenDocument spreadsheet (LibreOffice's .ods format)"``,
    ``"an Excel binary workbook (.xlsb)"``, a Strict Open XML workbook,
    ``"a Word document"``, ``"a zip archive"``), and what to save it as to have it read as a
    workbook; ``fix`` is None for an archive holding no workbook (a Word document, a
    zipped CSV file). The one look of :func:`foreign_workbook` (a file named ``.xlsx``)
    and of the readers of a file named as text or ``.dta`` that is a zip archive
    (:func:`_zip_advice`): the name of the file is not part of it. A damaged archive is
    None (the workbook reader's errors stand).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "tasks.csv"
    >>> with zipfile.ZipFile(p, "w") as z:
    ...     z.writestr("xl/workbook.bin", b"")
    >>> _foreign_archive(p)
    ('an Excel binary workbook (.xlsb)', "save it as 'Excel Workbook (*.xlsx)'")
    """
    try:
        with zipfile.ZipFile(as_path(path)) as archive:
            names = set(archive.namelist())
            mimetype = b""
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    mimetype = member.read(len(_ODS_MIMETYPE))
            if mimetype == _ODS_MIMETYPE:
                return ("an OpenDocument spreadsheet (LibreOffice's .ods format)",
                        "save it as an Excel workbook (in LibreOffice: File > Save As, "
                        "'Excel 2007-365 (.xlsx)')")
            if _is_strict(archive, names):
                return _STRICT_WHAT, _SAVE_XLSX
            if "xl/workbook.bin" in names:
                return "an Excel binary workbook (.xlsb)", _SAVE_XLSX
            if "xl/workbook.xml" not in names and not _declares_workbook(archive, names):
                office = next((kind for folder, kind in (("word/", "a Word document"),
                                                         ("ppt/", "a PowerPoint presentation"))
                               if any(n.startswith(folder) for n in names)), None)
                if office is None:  # a text document of LibreOffice's (.odt), or a plain archive
                    office = ("an OpenDocument file" if mimetype.startswith(b"application/vnd.oasis.opendocument")
                              else "a zip archive")
                return office, None
    except Exception:  # noqa: BLE001 - a damaged archive: the error stands
        return None
    return None


def read_xlsx_table(
    path, columns: dict, *, optional: dict | None = None, sheet=None, max_header_row: int = 30
) -> RawTable:
    """Read a table from an ``.xlsx`` sheet into a :class:`RawTable` of strings.

    The header row is detected: it is the first of the first ``max_header_row`` rows
    that contains every required column name, so title lines above the table (as in
    the O*NET crosswalk workbooks) are skipped. A cell of a column read holding a formula
    never computed or an error (``#N/A``) is refused, as :func:`read_frame` refuses it
    (:func:`_check_computed`). ``sheet`` counts worksheets only (chart sheets left out).
    Every row and cell the sheet holds is read, whatever used range (``<dimension>``) it
    declares: a stale one cut the table short without a word.

    Parameters
    ----------
    path : str or os.PathLike
        Workbook.
    columns, optional : dict
        As in :func:`read_text_table`.
    sheet : str or int, optional
        Sheet name or 0-based index; default the first sheet.
    max_header_row : int, default 30
        How many rows to search for the header.

    Returns
    -------
    RawTable
        ``first_row`` is the sheet row number (1-based) of the first data row.

    Raises
    ------
    exposure.errors.DataFormatError
        Missing/empty/HTML/non-xlsx file, an empty sheet, no header row with the required
        columns, a chart sheet or no such sheet named by ``sheet``, a formula never computed
        or an error cell in a column read.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.xlsx"
    >>> wb = openpyxl.Workbook(); ws = wb.active
    >>> for row in [["A title line"], [], ["Code", "N"], ["11-1011", 5]]:
    ...     ws.append(row)
    >>> wb.save(p)
    >>> raw = read_xlsx_table(p, {"code": "Code", "n": "N"})
    >>> raw.frame.to_dict("list"), raw.first_row
    ({'code': ['11-1011'], 'n': ['5']}, 4)
    """
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    path = as_path(path)
    optional = optional or {}
    sheet = check_sheet(sheet, path)
    head = check_file(path, save_sep=None)  # (named .xlsx: "save it as .xlsx", whatever text the caller reads)
    # a CSV, Parquet or Stata file named .xlsx was "not an .xlsx workbook (no zip signature)"
    binary_signature(head, path, "xlsx", save_as="an .xlsx workbook")
    refuse_strict_workbook(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (*_BROKEN_FILE_ERRORS, InvalidFileException, OSError) as exc:
        # a Word file renamed .xlsx: openpyxl's bare "OSError: File contains no valid workbook part"
        raise DataFormatError(foreign_workbook(path) or f"cannot read workbook: {exc}", path=path) from None
    try:
        return _xlsx_rows(wb, path, columns, optional, sheet, max_header_row)
    except DataFormatError:
        raise
    except (*_BROKEN_FILE_ERRORS, InvalidFileException) as exc:
        raise DataFormatError(f"cannot read workbook (damaged?): {reader_reason(exc)}", path=path) from None
    finally:
        wb.close()


def check_sheet(sheet, path: Path, names: list[str] | None = None, *, optional: bool = True) -> int | str | None:
    """``sheet`` (of :func:`read_frame` or :func:`read_xlsx_table`) as a name or an ``int``, checked.

    ``names`` (the worksheets, chart sheets left out), when given: a sheet none of them is
    refused, naming them. ``sheet=True`` read the second sheet (True taken as 1), and a
    float, a list or bytes was ``cannot read workbook (damaged?): 'Worksheet [0] does not
    exist.'`` (an ``AttributeError`` from :func:`read_frame`), the workbook blamed; a name
    :func:`read_frame` did not find was pandas' ``Worksheet named 'tasks' not found``,
    the sheets unsaid.

    Parameters
    ----------
    sheet : str, int or None
        The ``sheet=`` argument: a name, a 0-based position (negative from the end), or None.
    path : pathlib.Path
        The workbook, named in errors.
    names : list of str, optional
        Its worksheets, in order; when None, ``sheet`` is checked for its type only.
    optional : bool, default True
        Whether ``sheet=None`` (the first sheet) is taken; False for a reader whose
        ``sheet=None`` would read every sheet (:func:`exposure.measures.ilo.read_ilo`).

    Returns
    -------
    str, int or None
        ``sheet``, a numpy integer as an ``int``.

    Raises
    ------
    exposure.errors.DataFormatError
        A ``sheet`` that is no name or position (True, a float, a list, bytes), or names
        none of ``names``.

    Examples
    --------
    >>> check_sheet(True, Path("w.xlsx"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: w.xlsx: sheet must be a sheet name (str) or a 0-based position (int), not bool True
    >>> check_sheet("tasks", Path("w.xlsx"), ["Tasks", "Notes"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: w.xlsx: no sheet 'tasks'; the worksheets are ['Tasks', 'Notes']
    """
    if sheet is None and optional:
        return None
    if isinstance(sheet, bool) or not isinstance(sheet, (int, np.integer, str)):
        raise DataFormatError(f"sheet must be a sheet name (str) or a 0-based position (int), not "
                              f"{shown_value(sheet)}", path=path)
    sheet = sheet if isinstance(sheet, str) else int(sheet)
    if names is not None and ((isinstance(sheet, int) and not -len(names) <= sheet < len(names)) or (
            isinstance(sheet, str) and sheet not in names)):
        raise DataFormatError(f"no sheet {sheet!r}; the worksheets are {names}", path=path)
    return sheet


def _xlsx_rows(wb, path, columns, optional, sheet, max_header_row) -> RawTable:
    """The table of an open workbook (see :func:`read_xlsx_table`)."""
    # worksheets only, counted as read_frame counts them: a chart sheet holds no table
    names = [w.title for w in wb.worksheets]
    if isinstance(sheet, str) and sheet not in names and sheet in wb.sheetnames:
        raise DataFormatError(f"sheet {sheet!r} is a chart sheet, not a table; the worksheets "
                              f"are {names}", path=path)
    check_sheet(sheet, path, names)
    if sheet is None:
        if not names:
            raise DataFormatError("the workbook has no worksheet (a chart sheet only?): put the "
                                  "table on its first worksheet", path=path)
        if wb.worksheets[0].sheet_state != "visible":
            check_first_sheet_shown(path)
        ws = wb.worksheets[0]
    elif isinstance(sheet, int):
        ws = wb.worksheets[sheet]
    else:
        ws = wb[sheet]
    # the used range the sheet declares (its <dimension>) may be stale, written by a program
    # that did not update it: read in read-only mode, rows and columns past it were dropped
    # without a word (A1:E3 of a sheet of 6 rows read 2 data rows). Every row and cell the
    # sheet holds is read, as pandas' reader (read_frame) reads it.
    ws.reset_dimensions()
    rows = ws.iter_rows(values_only=True)
    wanted = [
        {norm_header(a) for a in ((al,) if isinstance(al, str) else al)}
        for al in columns.values()
    ]
    header, header_row, seen = None, 0, []
    for header_row, cells in enumerate(rows, start=1):
        names = {norm_header(c) for c in cells}
        seen.append(cells)
        if all(names & w for w in wanted):
            header = list(cells)
            break
        if header_row >= max_header_row:
            break
    if header is None:
        if all(c is None for r in seen for c in r):
            note = xlsx_sheet_note(path) if sheet is None else ""
            raise DataFormatError(f"sheet is empty; {note}" if note else "sheet is empty", path=path)
        # the row holding the most columns (then the fullest): a data row, the fullest, was
        # shown as the header found when the header holds blank or merged cells
        at = max(range(len(seen)), key=lambda k: (sum(bool({norm_header(c) for c in seen[k]} & w) for w in wanted),
                                                  sum(c is not None for c in seen[k]), -k))
        best = seen[at]
        near = any({norm_header(c) for c in best} & w for w in wanted)
        note = joined_header_note(best, [a for al in columns.values()
                                         for a in ((al,) if isinstance(al, str) else al)])
        _match_columns(list(best), columns, optional, path,
                       f"first {len(seen)} rows" + (f"; row {at + 1} holds the most of them" if near else ""),
                       note=note or (_merged_down(path, sheet, at + 1) if near else ""))
        raise DataFormatError("no header row found", path=path)  # pragma: no cover
    found = _match_columns(header, columns, optional, path, f"row {header_row}", row=header_row)
    idx = list(found.values())
    # a formula never computed or an error cell in a column read: refused, as read_frame does
    _check_computed(path, sheet, header, header_row=header_row, columns=set(idx))
    data, flags, texts = [], {}, {}  # (the first boolean cell, and the first text, of each column)
    whole = []  # the rows as in the sheet (footnotes below the table: footnote_rows)
    for cells in rows:
        cells = tuple(cells) + (None,) * max(0, len(header) - len(cells))
        whole.append(cells[:len(header)])
        for k, i in enumerate(idx):
            value = cells[i]
            if isinstance(value, bool):
                flags.setdefault(k, (len(data), value))
            elif _is_text(value):
                texts.setdefault(k, len(data))
        data.append([_cell_str(cells[i]) for i in idx])
    cut = footnote_rows(whole) if len(header) > 1 else None
    if cut is not None:  # footnotes below a blank row (BLS, Census): not rows
        data = data[:cut]
        flags = {k: v for k, v in flags.items() if v[0] < cut}
        texts = {k: v for k, v in texts.items() if v < cut}
    mixed = [k for k in flags if k in texts]  # a boolean among text (see _boolean_in_text)
    if mixed:
        k = min(mixed, key=lambda k: (flags[k][0], k))
        raise _boolean_error(flags[k][1], path, header_row + 1 + flags[k][0], header_name(header[idx[k]]),
                             [r[idx[k]] for r in whole[:len(data)]])
    while data and all(v.strip() == "" for v in data[-1]):
        data.pop()
    # a merged cell of the rows read (a code merged down over its tasks) reads as empty
    check_merged(path, sheet, header, header_row + len(data), header_row=header_row, columns=set(idx))
    frame = pd.DataFrame(data, columns=list(found), dtype=str)
    if frame.empty and not data:
        frame = pd.DataFrame({c: pd.Series([], dtype=str) for c in found})
    return RawTable(frame, path, header_row + 1, {t: header_name(header[i]) for t, i in found.items()})


def read_table(path, columns: dict, *, optional: dict | None = None, **kwargs) -> RawTable:
    """Read ``path`` as xlsx (by extension ``.xlsx``) or tab-delimited text.

    Parameters
    ----------
    path : str or os.PathLike
        File to read; ``.xlsx``/``.xlsm`` go to :func:`read_xlsx_table`, anything else
        to :func:`read_text_table`.
    columns, optional : dict
        As in :func:`read_text_table`.
    **kwargs
        Passed to the reader (``sep``, ``quoting`` for text; ``sheet`` for xlsx).

    Returns
    -------
    RawTable

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.txt"
    >>> _ = p.write_text("Code\\n11-1011.00\\n")
    >>> read_table(p, {"code": "Code"}).frame["code"].tolist()
    ['11-1011.00']
    """
    path = as_path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx_table(path, columns, optional=optional, **kwargs)
    # a workbook is read too: errors about text may offer it
    return read_text_table(path, columns, optional=optional, workbook=True, **kwargs)


def missing_to_na(series: pd.Series, tokens=_MISSING) -> pd.Series:
    """Strings in ``tokens`` (``""``, ``n/a``, ...) become ``<NA>``.

    Examples
    --------
    >>> missing_to_na(pd.Series(["Core", "n/a", ""])).tolist()
    ['Core', nan, nan]
    """
    out = series.astype(str)
    return out.where(~out.str.strip().isin(tokens))


#: A number whose commas separate thousands (``1,234``, ``-1,234.5``). ``9,5``, ``4,50``
#: and ``0,500`` (decimal commas, as a spreadsheet in a European locale writes them) are not.
GROUPED = r"[+-]?[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]*)?"
#: A number with a currency sign or code before or after it (``$52,021``, ``52021 USD``, ``US$ 1,200.50``), read by
#: :func:`number_hint`: the number without the sign or its thousands' commas.
_CURRENCY = re.compile(r"(?:(?:US\$|\$|£|€|¥|USD|EUR|GBP) ?(?P<n>[0-9]+(?:\.[0-9]+)?|[1-9][0-9]{0,2}(?:,[0-9]{3})+"
                       r"(?:\.[0-9]+)?)|(?P<m>[0-9]+(?:\.[0-9]+)?|[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?) ?"
                       r"(?:USD|EUR|GBP|\$|€|£))")


#: A number as a spreadsheet in another locale may write it: an optional sign, digits whose
#: thousands may be separated by one kind of space, by points or by apostrophes (Swiss
#: settings: ``1'234``, ``1’234.5``), and a decimal comma or point (``1 234,5``, ``1.234,5``,
#: ``1 234.5``, ``0,5``). Digits are ASCII only.
_LOCALE_NUMBER = re.compile(
    r"(?P<sign>[+-]?)(?P<int>[0-9]{1,3}(?:(?P<sep>[ \u00a0\u202f.'\u2019])[0-9]{3})(?:(?P=sep)[0-9]{3})*|[0-9]*)"
    r"(?:(?P<mark>[.,])(?P<frac>[0-9]+))?")

#: How :func:`number_hint` names a thousands separator it does not read.
_SEPARATORS = {" ": "a space", "\u00a0": "a no-break space", "\u202f": "a narrow no-break space",
               ".": "a point", "'": "an apostrophe", "\u2019": "an apostrophe"}


def _meant_number(text: str, share: bool):
    """``(written, what, separator)``: the number ``text`` means, as the readers read it, and what was changed.

    ``what`` is ``"comma"`` (a decimal comma), ``"sep"`` (thousands separated by
    ``separator``, spaces or points), ``"minus"`` (``−``, U+2212) or ``"percent"`` (with
    ``share`` only: ``12%`` is ``0.12``); None where ``text`` is no such number, a number
    the readers read as it is, or one that may be read two ways (``1.234``: a decimal
    point, or a thousands separator).
    """
    body = text.strip()
    minus = body.startswith("\u2212")
    if minus:
        body = "-" + body[1:]
    percent = share and body.endswith("%")
    if percent:
        body = body[:-1].rstrip()
    m = _LOCALE_NUMBER.fullmatch(body)
    if m is None or not (m["int"] or m["frac"]) or (m["sep"] and m["sep"] == m["mark"]):
        return None
    if m["sep"] == "." and not m["mark"] and m["int"].count(".") == 1:  # 1.234: 1234, or 1.234?
        return None
    digits = m["int"].replace(m["sep"], "") if m["sep"] else m["int"]
    written = f"{m['sign']}{digits or '0'}" + (f".{m['frac']}" if m["frac"] else "")
    if percent:
        written = format(decimal.Decimal(written).scaleb(-2).normalize(), "f")
        return written, "percent", None
    what = "comma" if m["mark"] == "," else "sep" if m["sep"] else "minus" if minus else None
    return (written, what, m["sep"]) if what else None


def _space_hint(value: str, share: bool) -> str:
    """What to write for a number with a space that is not the plain one around it (``'4.5\\xa0'``), else ``""``.

    A no-break space (U+00A0, pasted from a web page) or another space outside ASCII
    after or before a number is not read by :func:`pandas.to_numeric`, which reads the
    plain spaces around a number: ``'4.5\\xa0'`` was refused as ``IM ratings must be
    numbers, got '4.5\\xa0'`` with no word of the space, which does not show. Told in the
    words of :func:`exposure.schemas._fields.code_hint` for a code. With ``share``, only a
    number in [0, 1] is offered (:func:`number_hint`).

    Examples
    --------
    >>> _space_hint("4.5\u00a0", False), _space_hint("x\u00a0", False), _space_hint("4.5\u00a0", True)
    (": '\\\\xa0' (U+00A0, a space that is not the plain space; pasted from a web page?): write '4.5'", '', '')
    """
    meant = value.strip()
    odd = next((ch for ch in value if ch.isspace() and not ch.isascii()), None)
    if odd is None or not meant or any(ch.isspace() for ch in meant):
        return ""
    number = pd.to_numeric(pd.Series([meant]), errors="coerce").to_numpy(dtype=float)[0]
    if np.isnan(number) or (share and not 0.0 <= number <= 1.0):
        return ""
    return f": {odd!r} (U+{ord(odd):04X}, a space that is not the plain space; pasted from a web page?): write {meant!r}"


def number_hint(value, *, share: bool = False, grouped: bool = True) -> str:
    """The advice for a cell ``value`` refused as not a number, with the number to write; else ``""``.

    The one wording of the readers of numbers for a number a spreadsheet in another locale
    writes: a decimal comma (``0,5``, ``1.234,5``), thousands separated by a space, a
    no-break space, points or apostrophes (``1 234``, ``1.234.567``, ``1'234``: Swiss
    settings; round 81, it was told nothing) or the minus sign U+2212
    (``−0.5``, as LibreOffice writes it in some locales). Each was refused as ``not a
    number`` without a word, or told ``write decimals with a point (9.5)``, an example
    rather than the number meant. ``share``: for a share or probability in [0, 1] (the
    roll-ups' measures, ``--gain``), which no thousands separator is read in: the advice
    is given only when the number meant is in [0, 1], and a percentage (``12%``) is told
    the fraction to write. A spreadsheet's error value (``#N/A``, ``#VALUE!``, ``#DIV/0!``,
    ``Err:502``: :func:`is_spreadsheet_error`), a formula that failed, is said to be one
    (:data:`_FAILED_FORMULA_HINT`): it was ``not a number: '#N/A'`` without a word. Text with a
    comma that is no such number (``1,234,5``) is
    told only where commas may stand (without ``share``). A number with a space outside
    ASCII around it (``'4.5\\xa0'``, a no-break space pasted from a web page) is told the
    space and the number to write (:func:`_space_hint`; only the reader of O*NET's ratings
    said so). A number with a currency sign or code (``$52,021``, ``52021 USD``: a wage
    copied from a web page) is told the number to write (not for a share). Other text gets
    ``""``. Without
    ``grouped`` (frames given in Python, :func:`exposure.measures._crosswalk.numbers`, which
    read no comma), a decimal comma is told the number to write as for a share, and
    thousands separated by commas (``1,234``) the number without them; they were told
    nothing (``not a number: '0,4'``).

    Parameters
    ----------
    value : object
        The cell as given; anything but text gets ``""``.
    share : bool, default False
        Whether the number is a share in [0, 1], read without thousands separators.
    grouped : bool, default True
        Whether thousands separated by commas (``1,234``, :data:`GROUPED`) are read where
        ``value`` was refused.

    Returns
    -------
    str
        ``""``, or the advice, starting with ``": "``, to add after the cell in a message.

    Examples
    --------
    >>> number_hint("9,5"), number_hint("1.234,5")
    (': a comma must separate thousands (1,234); write decimals with a point (9.5), not a comma', ': a comma must separate thousands (1,234); write decimals with a point (1234.5), not a comma')
    >>> number_hint("1\\u00a0234"), number_hint("\\u22120.5")
    (": a no-break space does not separate thousands here: write '1234'", ": '−' (U+2212) is not read as a minus sign: write '-0.5'")
    >>> print(number_hint("1'234'567.5"))
    : an apostrophe does not separate thousands here: write '1234567.5'
    >>> number_hint("0,46", share=True), number_hint("12%", share=True)
    (": a decimal comma? write decimals with a point: '0.46'", ": a percentage? write it as a fraction of 1: '0.12'")
    >>> number_hint("1,5", share=True), number_hint("n/a, 3"), number_hint("1,234,5")
    ('', '', ': a comma must separate thousands (1,234); write decimals with a point, not a comma')
    >>> number_hint("0,4", grouped=False), number_hint("1,234", grouped=False)
    (": a decimal comma? write decimals with a point: '0.4'", ": a comma does not separate thousands here: write '1234'")
    >>> print(number_hint("4.5\u00a0"))
    : '\\xa0' (U+00A0, a space that is not the plain space; pasted from a web page?): write '4.5'
    >>> number_hint("$52,021"), number_hint("52021 USD", grouped=False), number_hint("$0.5", share=True)
    (": a currency sign is not read: write '52021'", ": a currency sign is not read: write '52021'", '')
    >>> print(number_hint("#N/A", share=True))
    : a spreadsheet's error value (a formula that failed in the spreadsheet): correct the formula there, or leave the cell empty
    """
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if is_spreadsheet_error(text):  # '#N/A' of a failed lookup: "not a number: '#N/A'" said nothing more
        return _FAILED_FORMULA_HINT
    if not grouped and not share and re.fullmatch(GROUPED, text):  # '1,234' in a frame: refused, not read
        return f": a comma does not separate thousands here: write {text.replace(',', '')!r}"
    meant = _meant_number(value, share)
    if meant is None:
        spaced = _space_hint(value, share)  # '4.5\xa0': the space does not show
        if spaced:
            return spaced
        paid = _CURRENCY.fullmatch(text)  # '$52,021' (a wage copied from a web page): "not a number" alone
        if paid is not None and not share:
            return f": a currency sign is not read: write {(paid['n'] or paid['m']).replace(',', '')!r}"
        if (share or not grouped or "," not in text or re.fullmatch(GROUPED, text)  # 1,234.5: read, or no integer
                or not re.fullmatch(r"[+\-\u2212]?[0-9][0-9.,]*", text)):
            return ""
        return ": a comma must separate thousands (1,234); write decimals with a point, not a comma"
    written, what, sep = meant
    if share and not 0.0 <= float(written) <= 1.0:  # no share either way: the advice would not work
        return ""
    if what == "comma":
        return (f": a decimal comma? write decimals with a point: {written!r}" if share or not grouped else
                f": a comma must separate thousands (1,234); write decimals with a point ({written}), not a comma")
    if what == "percent":
        return f": a percentage? write it as a fraction of 1: {written!r}"
    if what == "sep":
        return f": {_SEPARATORS[sep]} does not separate thousands here: write {written!r}"
    return f": '\u2212' (U+2212) is not read as a minus sign: write {written!r}"


#: A whole number whose thousands are separated by points (``1.200``, ``12.500``), as a
#: spreadsheet in a German, Dutch or Spanish locale writes it.
POINT_GROUPED = r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+"
_POINT_GROUPED = re.compile(POINT_GROUPED)


def check_whole_workers(values, given, path, column: str, *, row_offset: int = 1) -> None:
    """Refuse a text cell of employment read as no whole number of workers; warn of one read as ``'2.000'``.

    OEWS counts jobs. A cell of ``given`` (the column as given) written as text and read
    (``values``, floats) as a part of a worker (``'1.200'``, 1,200 workers written with a
    point, as a spreadsheet in a German locale writes it) was read as 1.2 workers without
    a word by the employment of :func:`exposure.measures.compare.compare` and
    :func:`~exposure.measures.compare.coverage` until round 75, and by the ``tot_emp`` of
    :func:`exposure.rollup.to_census_occ` (its ``employment``, or its scores by OEWS code)
    and of the SOC scores of :func:`~exposure.rollup.workforce_stats`,
    :func:`~exposure.rollup.working_time` and :func:`exposure.rollup.coverage` until round
    77; the roll-ups' OEWS employment frame (:func:`~exposure.rollup.to_soc`,
    :func:`~exposure.rollup.to_sectors`) refused it since round 48 (through this function
    since round 75). It is refused, with the number to write for a point that
    separates thousands. Only text cells are checked: a column of numbers may hold
    estimates (``47319.3``). A text cell read as a whole number but written with points
    every three digits (``'2.000'``: 2 workers, or 2000 as that locale writes it) cannot
    be told either way: it is read as the decimal it is (2.0), and a warning, once for
    the column, names the first such cell, their count and the number to write if the
    point separates thousands. Rows are positions + ``row_offset``.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming ``path``, the row and ``column``.

    Examples
    --------
    >>> check_whole_workers([1.2], pd.Series(["1.200"]), "employment", "tot_emp")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: employment, row 1, column 'tot_emp': tot_emp must be a whole number of workers (OEWS counts jobs), got '1.200' (write 1200 for 1,200 workers: a point is read as the decimal point)
    >>> check_whole_workers([1.2, 50.0], pd.Series([1.2, "50"]), "employment", "tot_emp")
    """
    arr = np.asarray(values, dtype=float)
    given = pd.Series(given)
    if isinstance(given.dtype, pd.StringDtype):  # OEWS's TOT_EMP as read: no Python loop over its cells
        text = given.notna().to_numpy(dtype=bool)
        dotted = given.str.contains(".", regex=False).to_numpy(dtype=bool, na_value=False)
    else:
        cells = given.to_numpy(dtype=object)
        text = np.array([isinstance(v, str) for v in cells], dtype=bool)
        dotted = np.array([isinstance(v, str) and "." in v for v in cells], dtype=bool)
    with np.errstate(invalid="ignore"):
        part = text & np.isfinite(arr) & (arr != np.floor(arr))
    # the expression on the cells with a point only: it ran on every text cell of OEWS's TOT_EMP (0.2 s
    # per 400,000 cells)
    grouped = np.zeros(len(text), dtype=bool)
    grouped[dotted] = [_POINT_GROUPED.fullmatch(v.strip()) is not None
                       for v in given[dotted].to_numpy(dtype=object)]
    if part.any():
        pos = int(np.flatnonzero(part)[0])
        shown = given.iloc[pos].strip()
        hint = (f" (write {shown.replace('.', '')} for {shown.replace('.', ',')} workers: a point is read as the "
                "decimal point)") if grouped[pos] else ""
        raise DataFormatError(f"{column} must be a whole number of workers (OEWS counts jobs), got {shown!r}{hint}",
                              path=path, row=pos + row_offset, column=column)
    if grouped.any():  # '2.000': whole either way
        pos = int(np.flatnonzero(grouped)[0])
        shown = given.iloc[pos].strip()
        log.warning("%s, row %d, column %r: %r is read as %s worker(s), the point as the decimal point (%d cell(s) "
                    "written so): if the points separate thousands, write %s", path, pos + row_offset, column,
                    shown, f"{arr[pos]:g}", int(grouped.sum()), shown.replace(".", ""))


def to_number(raw: RawTable, column: str, *, integer: bool = False, tokens=_MISSING) -> pd.Series:
    """Parse ``raw.frame[column]`` as numbers; tokens become missing.

    Thousands separators (``1,234``, :data:`GROUPED`) are accepted; any other comma is
    refused (``9,5``, a decimal comma, was read as 95). A value that is not a number raises
    :class:`~exposure.errors.DataFormatError` naming the file, line and column, and, for a
    number written as a spreadsheet in another locale writes it (``9,5``, ``1 234``,
    ``−0.5``), the number to write (:func:`number_hint`).

    Examples
    --------
    >>> raw = RawTable(pd.DataFrame({"n": ["1,234", "n/a"]}), Path("f.txt"), 2, {"n": "N"})
    >>> to_number(raw, "n", integer=True).tolist()
    [1234, <NA>]
    >>> to_number(RawTable(pd.DataFrame({"n": ["x"]}), Path("f.txt"), 2, {"n": "N"}), "n")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: f.txt, row 2, column 'N': not a number: 'x'
    >>> to_number(RawTable(pd.DataFrame({"n": ["1e30"]}), Path("f.txt"), 2, {"n": "N"}), "n", integer=True)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: f.txt, row 2, column 'N': not an integer of at most 64 bits: '1e30'
    """
    plain = _plain_integers(raw.frame[column]) if integer else None
    if plain is not None:
        return plain
    text = missing_to_na(raw.frame[column], tokens)
    comma = text.str.contains(",", regex=False).to_numpy(dtype=bool, na_value=False)
    if comma.any():
        grouped = text.str.strip().str.fullmatch(GROUPED).to_numpy(dtype=bool, na_value=False)
        bad = comma & ~grouped
        if bad.any():
            pos = int(np.flatnonzero(bad)[0])
            cell = raw.frame[column].iloc[pos]
            raise DataFormatError(f"not a number: {cell!r}{number_hint(cell)}",
                                  path=raw.path, row=raw.row(pos), column=raw.sources.get(column, column))
    cleaned = text.str.replace(",", "", regex=False).str.strip()
    values = pd.to_numeric(cleaned, errors="coerce")
    bad = text.notna() & values.isna()
    big = pd.Series(False, index=values.index)
    if integer:
        frac = values.notna() & (values % 1 != 0)
        # 1e30 is whole, but no Int64: astype raised pandas' "cannot safely cast" TypeError
        big = values.notna() & ~frac & (values.abs() >= MAX_COUNT)
        bad |= frac | big
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        what = "an integer of at most 64 bits" if big.iloc[pos] else "an integer" if integer else "a number"
        cell = raw.frame[column].iloc[pos]
        raise DataFormatError(
            f"not {what}: {cell!r}{number_hint(cell)}",
            path=raw.path,
            row=raw.row(pos),
            column=raw.sources.get(column, column),
        )
    if integer:
        return values.astype("Int64")
    return values.astype(float)



def _plain_integers(column: pd.Series) -> pd.Series | None:
    """``Int64`` of a text column whose every cell is 1 to 18 ASCII digits, else None.

    What :func:`to_number` gives for such a column (no missing value, separator or sign
    to read; 18 digits fit in 64 bits), parsed by Arrow in one call: an O*NET ``Task ID``
    column. Any other column: None, and :func:`to_number` reads it cell by cell.
    """
    array = column.array
    if not isinstance(array, pd.arrays.ArrowStringArray) or not len(array):
        return None
    cells = pa.array(array)  # the Arrow data pandas holds, without a copy
    if cells.null_count or not pc.all(pc.match_substring_regex(cells, r"^[0-9]{1,18}$")).as_py():
        return None
    numbers = pc.cast(cells, pa.int64()).to_numpy()
    return pd.Series(pd.array(numbers, dtype="Int64"), index=column.index, name=column.name)


#: Task IDs are stored as 64-bit integers (``Int64``).
MAX_TASK_ID = 2**63 - 1

#: A count (employment) or a wage from this size on is refused: a count is stored as a
#: 64-bit integer, and sums and products of numbers below it stay finite (``1e305``
#: workers overflowed into NaN growth rates and estimates, with numpy's warning only).
MAX_COUNT = 2.0**63


def power_scaled(values: np.ndarray) -> np.ndarray:
    """``values`` (finite, 0 or more) times the power of two that brings the largest to [0.5, 1).

    For weights whose sum overflows (``1e308`` twice is inf): ratios, shares, ranks and
    weighted correlations do not change under a common factor, and a power of two changes
    no digit. Empty or all-zero ``values`` come back as they are.

    Examples
    --------
    >>> bool(power_scaled(np.array([1e305, 2e305])).max() < 1), power_scaled(np.array([1.0, 3.0])).tolist()
    (True, [0.25, 0.75])
    """
    if not len(values) or not values.max() > 0:
        return values
    return np.ldexp(values, -int(np.frexp(values.max())[1]))


def check_filled(raw: RawTable, cells: dict, rule: str) -> None:
    """Refuse the first blank cell (missing, empty or spaces only) of ``cells``, naming its row.

    Parameters
    ----------
    raw : RawTable
        The table read (its path, rows and the file's column names).
    cells : dict
        Column (as read) -> its cells, in the order checked.
    rule : str
        Said after ``"<column> is blank: "``.

    Examples
    --------
    >>> raw = RawTable(pd.DataFrame({"occ_title": ["CEOs", " "]}), Path("o.csv"), 2, {"occ_title": "OCC_TITLE"})
    >>> check_filled(raw, {"occ_title": raw.frame["occ_title"]}, "give every row its title")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: o.csv, row 3, column 'OCC_TITLE': OCC_TITLE is blank: give every row its title
    """
    for column, values in cells.items():
        blank = values.astype("string").str.strip().eq("").to_numpy(dtype=bool, na_value=True)
        if blank.any():
            source = raw.sources.get(column, column)
            raise DataFormatError(f"{source} is blank: {rule}", path=raw.path,
                                  row=raw.row(int(np.flatnonzero(blank)[0])), column=source)


#: Text that is a number to :func:`pandas.to_numeric`: ASCII digits (no ``_``), an optional
#: sign, point and exponent, ASCII whitespace around.
_NUMBER_TEXT = re.compile(r"\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*", re.ASCII)


def exact_integer(value) -> int | None:
    """The integer a cell holds, exactly (None if it holds none).

    Reads ``7``, ``7.0``, ``"7"``, ``" 7.0 "`` and ``"1e3"`` without rounding through a
    float, so that integers past 2**53 keep every digit; a boolean is not an integer.
    Text is a number as :func:`pandas.to_numeric` (and so :func:`task_id_numbers`) reads
    one: ASCII digits, spaces around (:data:`_NUMBER_TEXT`). Python's own ``int`` also
    reads ``"9_0"`` as 90, ``"\u0663"`` (an Arabic-Indic digit) as 3 and a no-break space
    around: a task ID ``'9_0'`` that the validator refuses was one task with ``90``.

    Examples
    --------
    >>> [exact_integer(v) for v in (7, 7.0, "9007199254740993", "9007199254740993.0", "1e3")]
    [7, 7, 9007199254740993, 9007199254740993, 1000]
    >>> [exact_integer(v) for v in ("1.5", "9007199254740993.5", "x", "inf", True, "9_0", "\u0663")]
    [None, None, None, None, None, None, None]
    """
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, str) and not _NUMBER_TEXT.fullmatch(value):
        return None
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return int(value) if np.isfinite(value) and float(value).is_integer() else None
    try:
        return int(str(value))  # the usual case, and exact
    except ValueError:
        pass
    try:
        number = decimal.Decimal(str(value).strip())
    except decimal.InvalidOperation:
        return None
    if not number.is_finite() or number != number.to_integral_value():
        return None
    return int(number)


def norm_task_id(value) -> str:
    """Canonical text of a task ID: the integer the cell holds (:func:`exact_integer`), else its text.

    The one key that task IDs are compared by (repeated keys, look-ups, batches): ``20699``,
    ``"20699"``, ``"20699.0"``, ``20699.0`` and ``"2.0699e4"`` are one task, as
    :func:`task_id_numbers` reads them, and IDs past 2**53 keep every digit. Text that
    :func:`task_id_numbers` refuses is kept as text, so that it is no other task's key:
    ``"9_0"`` was task 90 (Python's ``int`` reads the underscore), ``"\u0663"`` task 3.
    The key has no file or row to name: where task IDs are read (``score_tasks``, the
    roll-ups, the O*NET readers) such an ID is refused by :func:`task_id_numbers`, naming
    the file, row and column; where they are only compared (``match_tasks``) it matches
    no other ID.

    Examples
    --------
    >>> [norm_task_id(v) for v in (20699, "20699", "20699.0", 20699.0, " 7 ", "1e3", "x", True)]
    ['20699', '20699', '20699', '20699', '7', '1000', 'x', 'True']
    >>> norm_task_id("9_0"), norm_task_id(" 9_0 ")
    ('9_0', '9_0')
    """
    if _plain_digits(value):  # the usual cell of a text file: already canonical
        return value
    number = exact_integer(value)
    return str(number) if number is not None else str(value).strip(" \t\n\r\f\v")


def _plain_digits(value) -> bool:
    """True for a str of ASCII digits without a leading zero: its own canonical task ID."""
    return (type(value) is str and value.isdigit() and value.isascii()
            and (value[0] != "0" or len(value) == 1))


def norm_task_ids(column: pd.Series) -> list[str]:
    """:func:`norm_task_id` of every value of ``column`` (fast path for integer columns).

    Examples
    --------
    >>> norm_task_ids(pd.Series([1, 2])), norm_task_ids(pd.Series(["3.0", 4.0]))
    (['1', '2'], ['3', '4'])
    """
    if isinstance(column.dtype, np.dtype) and column.dtype.kind in "iu":
        # what norm_task_id gives for an int: its digits, written by Arrow (half the time of str())
        return pa.array(column.to_numpy()).cast(pa.string()).to_pylist()
    values = column.tolist()
    if pd.api.types.is_integer_dtype(column.dtype) and not column.hasnans:
        return [str(v) for v in values]  # what norm_task_id gives for an int
    if _arrow_plain_digits(column):  # every cell its own key (the task IDs of a text file), told by Arrow
        return values
    return [v if _plain_digits(v) else norm_task_id(v) for v in values]


def _arrow_plain_digits(column: pd.Series) -> bool:
    """True for an Arrow text column whose every cell is :func:`_plain_digits` (none missing).

    Examples
    --------
    >>> _arrow_plain_digits(pd.Series(["7", "10", "0"], dtype="string[pyarrow]"))
    True
    >>> [_arrow_plain_digits(pd.Series(v, dtype="string[pyarrow]")) for v in (["07"], ["7", None], [" 7"], ["\u0663"])]
    [False, False, False, False]
    """
    values = column.array
    if not isinstance(values, pd.arrays.ArrowExtensionArray):
        return False
    cells = values.__arrow_array__()
    if not (pa.types.is_string(cells.type) or pa.types.is_large_string(cells.type)) or cells.null_count:
        return False
    digits = pc.and_(pc.string_is_ascii(cells), pc.utf8_is_digit(cells))  # ASCII digits, at least one
    leading = pc.and_(pc.starts_with(cells, "0"), pc.greater(pc.utf8_length(cells), 1))
    return bool(pc.all(digits).as_py() is not False and not pc.any(leading).as_py())


def _plain(value):
    """``value`` as a plain Python value for a message (``True``, not ``np.True_``)."""
    return value.item() if isinstance(value, np.generic) else value


def signalling_nan(cells) -> int | None:
    """The position of the first ``Decimal('sNaN')`` among ``cells`` (a Series or array of objects), or None.

    pandas tells a missing cell by comparing a Decimal with itself, which a signalling
    NaN refuses: ``Series.isna()`` raised ``decimal.InvalidOperation`` from inside pandas,
    naming no row or column. A check of cells refuses the one found here first
    (``not a number``, ``not an integer``), naming its row.

    Examples
    --------
    >>> signalling_nan(pd.Series([decimal.Decimal("1"), decimal.Decimal("sNaN")], dtype=object))
    1
    >>> signalling_nan(pd.Series([decimal.Decimal("NaN"), 2.0])) is None
    True
    """
    if isinstance(cells, (pd.Series, pd.Index)) and (
            isinstance(cells.dtype, _NO_DECIMAL_DTYPES) or (isinstance(cells.dtype, np.dtype) and cells.dtype != object)):
        return None  # numbers, dates or text only: no cell looked at
    values = cells.to_numpy(dtype=object) if isinstance(cells, (pd.Series, pd.Index)) else np.asarray(cells)
    if values.dtype != object or set(map(type, values)) <= _NO_DECIMAL_TYPES:
        return None  # (the usual case, one pass in C: no Decimal at all)
    found = [pos for pos, v in enumerate(values) if isinstance(v, decimal.Decimal) and v.is_snan()]
    return found[0] if found else None


#: dtypes whose cells are never a ``Decimal`` (besides numpy's own but ``object``): text, pandas' masked numbers.
_NO_DECIMAL_DTYPES = (pd.StringDtype, pd.BooleanDtype, pd.Int8Dtype, pd.Int16Dtype, pd.Int32Dtype,
                      pd.Int64Dtype, pd.UInt8Dtype, pd.UInt16Dtype, pd.UInt32Dtype, pd.UInt64Dtype,
                      pd.Float32Dtype, pd.Float64Dtype)
#: Types of cells that are no ``Decimal`` (exactly these: a subclass is looked at).
_NO_DECIMAL_TYPES = frozenset({str, int, float, bool, type(None), type(pd.NA), type(pd.NaT), np.float64,
                               np.int64})


#: Cells that :func:`pandas.to_numeric` reads as numbers (or fails on) but that are no task ID, and what
#: each is. ``NaT`` (pandas' and numpy's) is missing, not a date.
_NOT_TASK_ID_CELLS = (
    ((datetime.date, np.datetime64), "a date"), ((datetime.time,), "a time of day"),
    ((datetime.timedelta, np.timedelta64), "a duration"), ((pd.Period,), "a period"),
    ((complex, np.complexfloating), "a complex number"), ((bytes, bytearray, memoryview, np.bytes_), "bytes"),
    ((pd.Interval,), "an interval"),
)
#: :func:`pandas.api.types.infer_dtype` of object columns that hold none of them.
_PLAIN_CELLS = frozenset({"string", "integer", "floating", "mixed-integer-float", "decimal", "boolean", "empty"})
#: dtype kind -> what its cells are, for :func:`not_task_id_dtype` (numpy's, and Arrow's dates and durations).
_NOT_TASK_ID_KINDS = {"M": "a date", "m": "a duration", "c": "a complex number", "S": "bytes"}
#: What a task ID given as bytes is told (``check_task_ids`` adds how to decode them).
_BYTES_ID = "is not an integer: bytes, not text (from a database driver or a binary column?): decode them first"


def not_task_id_dtype(dtype) -> str | None:
    """What every cell of a column of ``dtype`` is when it is no task ID (``"a date"``, ``"bytes"``), else None.

    Dates, durations, times of day, periods, intervals, complex numbers and bytes, as numpy,
    pandas or Arrow types (Arrow's ``binary`` kinds, also dictionary-encoded), and categories
    or sparse values of them. Part of the one rule of :func:`first_not_task_id`.

    Examples
    --------
    >>> [not_task_id_dtype(d) for d in (np.dtype("M8[ns]"), pd.ArrowDtype(pa.binary()), np.dtype("int64"))]
    ['a date', 'bytes', None]
    """
    if isinstance(dtype, pd.CategoricalDtype):
        return not_task_id_dtype(dtype.categories.dtype)
    if isinstance(dtype, pd.SparseDtype):
        return not_task_id_dtype(dtype.subtype)
    if isinstance(dtype, pd.PeriodDtype):
        return "a period"
    if isinstance(dtype, pd.IntervalDtype):
        return "an interval"
    if isinstance(dtype, pd.ArrowDtype):
        kind = dtype.pyarrow_dtype
        if pa.types.is_dictionary(kind):
            kind = kind.value_type
        if (pa.types.is_binary(kind) or pa.types.is_large_binary(kind) or pa.types.is_fixed_size_binary(kind)
                or pa.types.is_binary_view(kind)):
            return "bytes"
        if pa.types.is_time(kind):
            return "a time of day"
        return {"M": "a date", "m": "a duration"}.get(dtype.kind)
    return _NOT_TASK_ID_KINDS.get(getattr(dtype, "kind", ""))


def first_not_task_id(ids: pd.Series) -> tuple[int, str] | None:
    """The first given cell of ``ids`` that is a date, time, duration, period, interval, complex number or bytes, and which.

    ``(position, what)``, or None; the position is -1 when the column is of such a type
    (:func:`not_task_id_dtype`) but every cell is missing (``NaT``). The one rule of the
    readers and roll-ups (:func:`task_id_numbers`) and of the scorers and the tagger
    (:func:`exposure.scoring._inputs.check_task_ids`), each in its own words. A ``NaT`` among
    other cells is missing, as it is in a column of dates (the scorers refused it as
    ``task ID NaT is not an integer``, the readers read it as missing). :func:`pandas.to_numeric`
    read a date as its nanoseconds and ``NaT`` as -9223372036854775808 (the roll-ups took them
    as task IDs), failed on a complex number with numpy's ``TypeError``, and read ``b'8'`` as 8
    (a key of the roll-ups that matched no task). Cheap: a dtype test, and for object columns
    (or categories) one :func:`pandas.api.types.infer_dtype` pass; the cells are looked at one
    by one only when it finds values of more than the usual kinds.

    Examples
    --------
    >>> first_not_task_id(pd.Series([7, None, pd.Timestamp("2020-01-01")], dtype=object))
    (2, 'a date')
    >>> first_not_task_id(pd.Series([7, pd.NaT], dtype=object)) is None, first_not_task_id(pd.Series(["7"]))
    (True, None)
    """
    what = not_task_id_dtype(ids.dtype)
    if what is not None:
        given = np.flatnonzero(ids.notna().to_numpy(dtype=bool))
        return (int(given[0]) if len(given) else -1), what
    values = ids.cat.categories if isinstance(ids.dtype, pd.CategoricalDtype) else ids
    if values.dtype != object or pd.api.types.infer_dtype(values, skipna=True) in _PLAIN_CELLS:
        return None  # text and numbers (the usual case): no cell looked at
    for pos, value in enumerate(ids.tolist()):
        for types, what in _NOT_TASK_ID_CELLS:
            if isinstance(value, types) and not (value is pd.NaT or (isinstance(value, (np.datetime64, np.timedelta64))
                                                                     and np.isnat(value))):
                return pos, what
    return None


def task_id_numbers(ids: pd.Series, *, path=None, row_offset: int = 1) -> pd.Series:
    """Task IDs as numbers; raise on the earliest that is not a 64-bit integer.

    Missing values stay missing. A boolean (``True`` is not task 1, though pandas reads it
    as 1), a fraction, text, a ``Decimal('sNaN')`` (decimal's ``InvalidOperation`` from
    inside pandas before: :func:`signalling_nan`) or an integer beyond 64 bits is refused, naming the row
    (position + ``row_offset``) and the column ``task_id``. IDs of 2**53 and beyond, where a
    float64 no longer holds every integer (pandas reads a column as floats when one cell
    is ``1e3`` or ``7.0``), are read exactly from the cells (:func:`exact_integer`) and
    the result is then ``Int64``; otherwise it is what :func:`pandas.to_numeric` gives.
    A date, time of day, duration, period, complex number or bytes is refused too (a date was
    read as its nanoseconds, ``NaT`` as -9223372036854775808); ``NaT`` is missing, and a
    column of dates with every cell missing gives NaN, as
    :func:`exposure.scoring._inputs.check_task_ids` reads it.

    Raises
    ------
    exposure.errors.DataFormatError

    Examples
    --------
    >>> task_id_numbers(pd.Series(["9007199254740993", "1e3", None])).tolist()
    [9007199254740993, 1000, <NA>]
    >>> task_id_numbers(pd.Series([8823, None], dtype="int64[pyarrow]")).tolist()
    [8823.0, nan]
    >>> task_id_numbers(pd.Series(["7", "1e30", "x"]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 2, column 'task_id': task ID '1e30' is not an integer that fits in 64 bits
    >>> task_id_numbers(pd.Series(pd.to_datetime([None, "2020-01-01"])), path="scores.parquet")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: scores.parquet, row 2, column 'task_id': Timestamp('2020-01-01 00:00:00') is a date, not a task ID (an integer, like 8823)
    """
    if isinstance(ids.dtype, pd.ArrowDtype):  # int64[pyarrow] has no %: read its Python values
        ids = pd.Series(ids.to_numpy(dtype=object, na_value=None), index=ids.index, name=ids.name)
    odd = first_not_task_id(ids)
    if odd is not None:
        pos, what = odd
        if pos < 0:  # dates, every one missing: no ID given
            return pd.Series(np.nan, index=ids.index, name=ids.name)
        if not_task_id_dtype(ids.dtype) is None:  # object cells: an earlier problem wins
            task_id_numbers(ids.iloc[:pos], path=path, row_offset=row_offset)
        value = ids.iloc[pos]
        if what == "an interval":  # (pandas reads it as no number)
            raise DataFormatError(f"task ID {value!r} is not an integer", path=path, row=pos + row_offset,
                                  column="task_id")
        if what == "bytes":  # b'8' was read as task 8, and matched no task of that key
            value = bytes(value) if isinstance(value, memoryview) else value
            raise DataFormatError(f"task ID {_plain(value)!r} {_BYTES_ID}", path=path, row=pos + row_offset,
                                  column="task_id")
        shown = repr(value if isinstance(value, (np.datetime64, np.timedelta64)) else _plain(value))
        raise DataFormatError(f"{shown} is {what}, not a task ID (an integer, like 8823)", path=path,
                              row=pos + row_offset, column="task_id")
    snan = signalling_nan(ids)  # ids.notna() raised decimal.InvalidOperation
    if snan is not None:
        raise DataFormatError(f"task ID {ids.iloc[snan]!r} is not an integer", path=path, row=snan + row_offset,
                              column="task_id")
    if isinstance(ids.dtype, np.dtype) and ids.dtype.kind == "i":  # 64-bit integers at most, none missing
        return pd.to_numeric(ids, errors="coerce")  # (what the checks below come to, without them)
    given = ids.notna().to_numpy(dtype=bool)
    if pd.api.types.is_bool_dtype(ids.dtype):
        numbers = pd.Series(np.nan, index=ids.index)
        fraction = given.copy()
    else:
        numbers = pd.to_numeric(ids, errors="coerce")
        fraction = given & (numbers.isna() | (numbers % 1 != 0)).to_numpy(dtype=bool)
        if ids.dtype == object:
            fraction |= ids.map(lambda v: isinstance(v, (bool, np.bool_))).to_numpy(dtype=bool)
    too_big = np.zeros(len(ids), dtype=bool)
    exact: dict[int, int] = {}
    if numbers.dtype.kind in "fu":
        large = ~fraction & given & (numbers.abs() >= 2**53).to_numpy(dtype=bool, na_value=False)
        for pos in np.flatnonzero(large):  # rare: read exactly, without float rounding
            number = exact_integer(ids.iloc[pos])
            if number is None:
                fraction[pos] = True  # '9007199254740993.5': a float would say integer
            elif abs(number) > MAX_TASK_ID:
                too_big[pos] = True
            else:
                exact[int(pos)] = number
    if fraction.any() or too_big.any():
        pos = int(np.flatnonzero(fraction | too_big)[0])
        what = "is not an integer that fits in 64 bits" if too_big[pos] else "is not an integer"
        raise DataFormatError(f"task ID {_plain(ids.iloc[pos])!r} {what}", path=path,
                              row=pos + row_offset, column="task_id")
    if exact:
        values = [None if pd.isna(v) else int(v) for v in numbers.tolist()]
        for pos, number in exact.items():
            values[pos] = number
        numbers = pd.Series(pd.array(values, dtype="Int64"), index=ids.index, name=ids.name)
    return numbers


# --------------------------------------------------------------------------------------
# user tables: every column kept (score, rollup and evaluate inputs and outputs)
# --------------------------------------------------------------------------------------

#: File extension -> kind of a user table that :func:`read_frame` reads.
INPUT_KINDS = {
    ".csv": "csv", ".tsv": "tsv", ".txt": "tsv", ".parquet": "parquet", ".pq": "parquet",
    ".xlsx": "xlsx", ".xlsm": "xlsx", ".dta": "dta",
}
#: File extension -> kind of a user table that :func:`write_frame` writes.
OUTPUT_KINDS = {
    ".csv": "csv", ".tsv": "tsv", ".parquet": "parquet", ".pq": "parquet", ".xlsx": "xlsx",
    ".dta": "dta",
}
_SIGNATURES = {b"PK\x03\x04": "a zip archive (an .xlsx workbook?)", b"PAR1": "a Parquet file"}
#: First byte of the Stata formats before 117 that pandas reads (the release number).
_STATA_OLD_RELEASES = frozenset({102, 103, 104, 105, 108, 110, 111, 113, 114, 115})
#: The first bytes of compressed data (bzip2: a block or the end of an empty stream).
_COMPRESSED_DATA = {
    "gzip-compressed": re.compile(rb"\x1f\x8b"),
    "bzip2-compressed": re.compile(rb"BZh[1-9](?:1AY&SY|\x17rE8P\x90)"),
    "xz-compressed": re.compile(rb"\xfd7zXZ\x00"),
    "zstd-compressed": re.compile(rb"\x28\xb5\x2f\xfd"),
}


def _check_signature(head: bytes, path: Path, save_as: str | None = None) -> None:
    """Refuse a ``.csv``/``.tsv`` file whose first bytes are another format's (``head``).

    Compressed data (a ``.csv.gz`` renamed ``.csv``): decompress it first (a gzip file
    was "byte 0x8b is not valid UTF-8 ... the file looks like Windows-1252/Latin-1
    text"). A zip archive or a Parquet file: what to do depends on the reader.
    ``save_as`` (what to save the file as) is given by a reader of text under this one
    name (the O*NET, crosswalk and published readers, :func:`read_text_table`): renaming
    the file gets it read by none of them. Without it, the reader of user tables
    (:func:`read_frame`, ``exposure score``) reads a workbook and a Parquet file by their
    extension: the name to give is said (it was "give it its own extension" for every
    reader, which named no extension and misled the readers of one name). A zip archive
    holding no workbook (a zipped CSV file) is to be unzipped. A Stata ``.dta`` file
    (:func:`_is_stata`) is named as such too: it was "row 1: file is binary, not text (a
    NUL byte at offset 3)", naming a row of a file read as no rows, and no advice.

    Examples
    --------
    >>> import gzip
    >>> _check_signature(gzip.compress(b"task\\n"), Path("t.csv"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t.csv: file is gzip-compressed, not delimited text: decompress it first
    >>> _check_signature(b"PAR1", Path("t.csv"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t.csv: file is a Parquet file, not delimited text: rename it 't.parquet' (a Parquet file is read by its extension)
    >>> _check_signature(b"PAR1", Path("Job Zones.txt"), "CSV ('CSV UTF-8')")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: Job Zones.txt: file is a Parquet file, not delimited text: save it as CSV ('CSV UTF-8')
    >>> _check_signature(b"r\\x02\\x01\\x00", Path("webb.csv"), "CSV ('CSV UTF-8')")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: webb.csv: file is a Stata .dta file, not delimited text: save it as CSV ('CSV UTF-8')
    >>> _check_signature(b"task\\n", Path("t.csv"))
    """
    if _is_stata(head):
        fix = (f"rename it {path.with_suffix('.dta').name!r} (a Stata file is read by its extension)"
               if save_as is None else f"save it as {save_as}")
        raise DataFormatError(f"file is a Stata .dta file, not delimited text: {fix}", path=path)
    for signature, what in _SIGNATURES.items():
        if head.startswith(signature):
            kind, suffix = _SIGNATURE_KINDS[signature]
            rename = f"rename it {path.with_suffix(suffix).name!r} ({kind} is read by its extension)"
            if signature == b"PK\x03\x04":
                what, fix = _zip_advice(path, save_as, rename)
            else:
                fix = rename if save_as is None else f"save it as {save_as}"
            raise DataFormatError(f"file is {what}, not delimited text: {fix}", path=path)
    for what, signature in _COMPRESSED_DATA.items():
        if signature.match(head):
            raise DataFormatError(f"file is {what}, not delimited text: decompress it first",
                                  path=path)


#: Signature of a file of another format -> (what it is, the extension it is read by).
_SIGNATURE_KINDS = {b"PK\x03\x04": ("a workbook", ".xlsx"), b"PAR1": ("a Parquet file", ".parquet")}


def _is_stata(head: bytes) -> bool:
    """Whether ``head``, the first bytes of a file, are a Stata ``.dta`` file's.

    A Stata file starts with ``<stata_dta>`` (formats 117 to 119) or with its release
    number and byte order (formats 102 to 115).

    Examples
    --------
    >>> _is_stata(b"<stata_dta><header>"), _is_stata(b"r\\x02\\x01\\x00"), _is_stata(b"task,score\\n")
    (True, True, False)
    """
    return head.startswith(b"<stata_dta>") or (len(head) >= 2 and head[0] in _STATA_OLD_RELEASES
                                                and head[1] in (1, 2))


def _zip_advice(path: Path, save_as: str | None, rename: str) -> tuple[str, str]:
    """``(what, fix)`` said of a zip archive ``path`` named as another format (``tasks.csv``, ``t.dta``).

    A workbook openpyxl reads: ``rename`` (the advice to rename it ``.xlsx``), or
    ``save it as {save_as}`` for a reader of one name. A workbook of another format (an ``.ods``
    spreadsheet, an ``.xlsb`` or Strict Open XML workbook: :func:`_foreign_archive`) is
    named at once, with what to save it as (it was told to rename it ``.xlsx``, and only
    then that it is an OpenDocument spreadsheet, to be saved as a workbook: two steps). A
    zip archive holding no workbook (a zipped CSV file) is to be unzipped; a Word
    document holds no table to give.
    """
    foreign = _foreign_archive(path)
    if foreign is None:  # a workbook (or a damaged archive: the .xlsx reader names what is wrong)
        return _SIGNATURES[b"PK\x03\x04"], rename if save_as is None else f"save it as {save_as}"
    what, fix = foreign
    if fix is None:
        if what == "a zip archive":
            return what, f"extract the table from it ({COMPRESSED['.zip'][1]}) and give that file"
        return what, "give the table itself"
    if save_as is not None:
        return what, f"save it as {save_as}"
    return what, f"{fix}, named {path.with_suffix('.xlsx').name!r}"


def compressed_input(path, kinds: str) -> str | None:
    """What to say of an input named as a compressed file or archive (``.gz``, ``.zip``...), or None.

    Compressed inputs are not read: each reader (whole, in batches, the error path that
    finds a record's line) would have to decompress them, and a ``.zip`` may hold several
    files. The message says to decompress the file first and, when the name says it
    (``tasks.csv.gz``), which file that gives.

    Parameters
    ----------
    path : str or os.PathLike
        The input.
    kinds : str
        The extensions that are read, for the message (``".csv, .tsv, ..."``).

    Returns
    -------
    str or None
        The reason to give (without the path); None for another extension.

    Examples
    --------
    >>> compressed_input("t.csv.gz", ".csv or .parquet")
    'the file is gzip-compressed, which is not read: decompress it first (gunzip -k t.csv.gz writes t.csv) and give that file'
    >>> compressed_input("t.zip", ".csv or .parquet")
    'the file is a zip archive, which is not read: decompress it first (unzip t.zip) and give the table it holds (.csv or .parquet)'
    >>> compressed_input("t.csv", ".csv") is None
    True
    """
    path = as_path(path)
    suffix = path.suffix.lower()
    if suffix not in COMPRESSED:
        return None
    what, tool = COMPRESSED[suffix]
    inner = Path(path.stem)
    start = f"the file is {what}, which is not read: decompress it first ({tool} {path.name}"
    if suffix != ".zip" and inner.suffix.lower() in INPUT_KINDS:
        return f"{start} writes {inner.name}) and give that file"
    held = "the table it holds" if suffix == ".zip" else "the table"
    return f"{start}) and give {held} ({kinds})"


#: Extensions of JSON files (an array of objects, or one object per line) that tables come as.
JSON_KINDS = (".json", ".jsonl", ".ndjson")
#: Extension of a spreadsheet of another program -> (what it is, how to save it as ``.xlsx``).
OTHER_SPREADSHEETS = {
    ".xls": ("an old binary Excel workbook", "open it in Excel and save it as 'Excel Workbook (*.xlsx)'"),
    ".ods": ("an OpenDocument spreadsheet", "open it in LibreOffice Calc and save it as 'Excel 2007-365 (.xlsx)'"),
    ".numbers": ("an Apple Numbers spreadsheet", "open it in Numbers and export it (File > Export To > Excel)"),
}


def json_advice(path) -> str:
    """How to turn the JSON file ``path`` into a Parquet file that the readers of user tables read.

    ``dtype=False`` keeps the values as the file writes them: pandas' default read a code
    ``"0123"`` as the number 123 and a column named ``date`` (``"07/2014"``) as dates.
    Parquet keeps each column's type (a CSV file would be read back as text).

    Examples
    --------
    >>> json_advice("in/tasks.jsonl")
    "convert it first, in Python: pandas.read_json('in/tasks.jsonl', lines=True, dtype=False).to_parquet('in/tasks.parquet', index=False), then give in/tasks.parquet"
    >>> json_advice("t.json")  # doctest: +ELLIPSIS
    "convert it first, in Python: pandas.read_json('t.json', dtype=False)...(add lines=True for a file of one JSON object per line)"
    """
    path = Path(path)
    out = path.with_suffix(".parquet")
    lines = path.suffix.lower() != ".json"
    advice = (f"convert it first, in Python: pandas.read_json({str(path)!r}{', lines=True' if lines else ''}, "
              f"dtype=False).to_parquet({str(out)!r}, index=False), then give {out}")
    return advice if lines else f"{advice} (add lines=True for a file of one JSON object per line)"


def other_format(path, kinds: str) -> str | None:
    """What to say of an input of a format that is not read but converts to one that is, or None.

    A JSON file (:data:`JSON_KINDS`) is told how to convert it (:func:`json_advice`), a
    spreadsheet of another program (:data:`OTHER_SPREADSHEETS`: ``.xls``, ``.ods``,
    ``.numbers``) how to save it as ``.xlsx``. Every reader of user tables says it
    (:func:`table_kind`: ``exposure rollup``, ``exposure compare``, :func:`read_frame`;
    ``exposure score``): until round 81 only ``exposure score`` did, and the others
    listed the types read, no more.

    Parameters
    ----------
    path : str or os.PathLike
        The input.
    kinds : str
        The extensions that are read, for the message (``".csv, .tsv, ..."``).

    Examples
    --------
    >>> other_format("in/t.ods", ".csv or .xlsx")
    "unsupported input file type '.ods' (an OpenDocument spreadsheet is not read); use .csv or .xlsx: open it in LibreOffice Calc and save it as 'Excel 2007-365 (.xlsx)', then give in/t.xlsx"
    >>> other_format("t.csv", ".csv") is None
    True
    """
    path = as_path(path)
    suffix = path.suffix.lower()
    if suffix in JSON_KINDS:
        return f"unsupported input file type {suffix!r} (JSON is not read); use {kinds}: {json_advice(path)}"
    if suffix in OTHER_SPREADSHEETS:
        what, how = OTHER_SPREADSHEETS[suffix]
        return (f"unsupported input file type {suffix!r} ({what} is not read); use {kinds}: {how}, then give "
                f"{path.with_suffix('.xlsx')}")
    return None


def no_extension(path, what: str, kinds: str) -> str | None:
    """What to say of a file named without an extension (``-o results``), or None.

    The extension names the format to read or write: such a name was told ``unsupported
    output file type '(none)'; use .csv, ...``, which reads as if a format had been given.
    A name that is an extension alone (``.csv``) or starts with a dot (``.results``) is
    left to the caller.

    Parameters
    ----------
    path : str or os.PathLike
    what : {"input", "output"}
    kinds : str
        The extensions read or written, for the message (``".csv, .parquet ..."``).

    Examples
    --------
    >>> no_extension("out/results", "output", ".csv, .parquet, .xlsx or .dta")
    "the file name 'results' has no extension, which names the format to write: add one of .csv, .parquet, .xlsx or .dta (e.g. 'results.csv')"
    >>> no_extension("tasks", "input", ".csv, .tsv or .parquet")
    "the file name 'tasks' has no extension, which names the format to read: rename it with one of .csv, .tsv or .parquet (e.g. 'tasks.csv' for comma-separated text)"
    >>> no_extension("scores.csv", "output", ".csv") is None, no_extension(".csv", "output", ".csv") is None
    (True, True)
    """
    path = as_path(path)
    name = path.name
    if path.suffix or not name or name.startswith(".") or name.endswith("."):
        return None
    if what == "output":
        return (f"the file name {name!r} has no extension, which names the format to write: add one of "
                f"{kinds} (e.g. {name + '.csv'!r})")
    return (f"the file name {name!r} has no extension, which names the format to read: rename it with one "
            f"of {kinds} (e.g. {name + '.csv'!r} for comma-separated text)")


def extension_alone(path, known) -> str | None:
    """What to say of a file named by an extension alone (``.csv``), or None.

    ``-o "$NAME.csv"`` with ``NAME`` unset names the file ``.csv``, which the system reads
    as a name without an extension: it was told ``unsupported output file type '(none)';
    use .csv, ...``, naming the extension it was given as missing. ``known`` holds the
    extensions read or written (lower case, with their dot); another name is left to the
    caller.

    Examples
    --------
    >>> extension_alone("out/.CSV", OUTPUT_KINDS)
    "the file name '.CSV' has nothing before its extension '.csv': give a name such as scores.csv"
    >>> extension_alone(".json", OUTPUT_KINDS) is None, extension_alone("a.csv", OUTPUT_KINDS) is None
    (True, True)
    """
    name = as_path(path).name
    if name.count(".") != 1 or not name.startswith(".") or name.lower() not in known:
        return None
    return (f"the file name {name!r} has nothing before its extension {name.lower()!r}: give a name such "
            f"as {'scores' + name.lower()}")


def compressed_output(path, kinds: str) -> str | None:
    """What to say of an output named as a compressed file (``scores.csv.gz``), or None.

    No writer compresses a whole file: the message lists the output types ``kinds`` and
    names the Parquet file to write for compressed output (Parquet compresses its columns
    with zstd). It was ``unsupported output file type '.gz'; use ...`` alone.

    Parameters
    ----------
    path : str or os.PathLike
        The output.
    kinds : str
        The extensions that are written, for the message (``".csv, .parquet ..."``).

    Returns
    -------
    str or None
        The reason to give (without the path); None for another extension.

    Examples
    --------
    >>> compressed_output("out/scores.csv.gz", ".csv, .parquet, .xlsx or .dta")
    "unsupported output file type '.gz' (gzip-compressed files are not written); use .csv, .parquet, .xlsx or .dta: for compressed output write out/scores.parquet (Parquet compresses its columns)"
    >>> compressed_output("scores.csv", ".csv") is None
    True
    """
    path = as_path(path)
    suffix = path.suffix.lower()
    if suffix not in COMPRESSED:
        return None
    what = compressed_files(suffix)
    inner = Path(path.stem)
    base = inner.stem if inner.suffix.lower() in {*INPUT_KINDS, *OUTPUT_KINDS} else inner.name
    return (f"unsupported output file type {suffix!r} ({what} are not written); use {kinds}: for "
            f"compressed output write {path.with_name(base + '.parquet')} (Parquet compresses its "
            "columns)")


def first_row_number(path) -> int:
    """The row number an error gives the first record of user table ``path``.

    Errors name records as a spreadsheet shows them: 2 for the first record under the
    header of a CSV, TSV or .xlsx file (the header is row 1), 1 for the first row of a
    Parquet or Stata file (which have no header row).

    Examples
    --------
    >>> first_row_number("tasks.csv"), first_row_number("scores.parquet")
    (2, 1)
    """
    return 1 if table_kind(path, "input") in ("parquet", "dta") else 2


def index_hint(frame: pd.DataFrame, missing) -> str:
    """``"; 'soc_code' is the index: reset_index() first"`` when columns of ``missing`` are levels of ``frame``'s index.

    A frame given indexed by its codes (``set_index("soc_code")``, as one looks codes up)
    was refused as lacking ``soc_code``, of a frame that shows it, without a word of the
    index. The one wording of the roll-ups (:func:`exposure.rollup._soc.require_frame`),
    the crosswalk arguments, the published measures and the Dask roll-ups. ``""`` when no
    column of ``missing`` is in the index.

    Examples
    --------
    >>> index_hint(pd.DataFrame({"tot_emp": [5.0]}, index=pd.Index(["11-1011"], name="soc_code")),
    ...            ["soc_code"])
    "; 'soc_code' is the index: reset_index() first"
    >>> index_hint(pd.DataFrame({"tot_emp": [5.0]}), ["soc_code"])
    ''
    """
    names = [n for n in frame.index.names if n is not None]
    index = [c for c in missing if c in names]
    if not index:
        return ""
    return f"; {', '.join(map(repr, index))} {'is' if len(index) == 1 else 'are'} the index: reset_index() first"


def refuse_multilevel_columns(frame: pd.DataFrame, what: str, *, path=None) -> None:
    """Refuse a frame with multi-level column names (``pivot_table``, ``groupby().agg([...])``).

    The code reading named columns failed on them inside pandas (``MergeError``,
    ``KeyError``, ``AttributeError: 'DataFrame' object has no attribute 'str'``); the
    roll-ups, the measure comparisons and the outcomes refuse them in these words, and so
    do the readers of Parquet files (:func:`index_as_columns`, with the file's ``path``).

    Examples
    --------
    >>> refuse_multilevel_columns(pd.DataFrame({("soc_code", ""): ["11-1011"]}), "exposures")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposures has 2-level column names (e.g. ('soc_code', '')): flatten them to one level
    """
    if isinstance(frame.columns, pd.MultiIndex):
        raise DataFormatError(f"{what} has {frame.columns.nlevels}-level column names "
                              f"(e.g. {frame.columns[0]!r}): flatten them to one level", path=path)


def first_repeat(values) -> tuple[int, int] | None:
    """Positions ``(repeat, first)`` of the first value seen twice (missing values never), or None.

    Examples
    --------
    >>> first_repeat(pd.Series(["a", None, "b", None, "b", "a"])), first_repeat(pd.Series(["a"]))
    ((4, 2), None)
    """
    codes = pd.Series(values).astype("string").reset_index(drop=True)
    repeated = codes.duplicated().to_numpy(dtype=bool) & codes.notna().to_numpy(dtype=bool)
    if not repeated.any():
        return None
    pos = int(np.flatnonzero(repeated)[0])
    return pos, int(np.flatnonzero((codes == codes.iloc[pos]).to_numpy(dtype=bool, na_value=False))[0])


def first_repeat_of(frame: pd.DataFrame, keys, fill: str = "") -> tuple[int, int] | None:
    """:func:`first_repeat` of the rows' values in the columns ``keys`` taken together.

    A missing value counts as ``fill`` (so that two rows missing the same key are a repeat).

    Examples
    --------
    >>> f = pd.DataFrame({"a": ["x", "x", "x"], "b": ["1", None, None]})
    >>> first_repeat_of(f, ["a", "b"]), first_repeat_of(f, ["a", "b"], fill="n/a")
    ((2, 1), (2, 1))
    >>> first_repeat_of(f.iloc[:2], ["a", "b"]) is None
    True
    """
    parts = [frame[k].astype("string").fillna(fill) for k in keys]
    key = parts[0]
    for part in parts[1:]:
        key = key + "\x1f" + part
    return first_repeat(key)


def table_kind(path, what: str = "input") -> str:
    """Kind of a user table by its extension: csv, tsv, parquet, xlsx or dta.

    Parameters
    ----------
    path : str or os.PathLike
    what : {"input", "output"}, default "input"
        ``.txt`` (tab-separated) and ``.xlsm`` are read, not written.

    Raises
    ------
    exposure.errors.DataFormatError
        Any other extension (listing those read or written); a compressed one
        (``.csv.gz``): for an input, how to decompress it; for an output, the ``.parquet``
        file to write instead; a JSON input or a spreadsheet of another program (``.xls``,
        ``.ods``, ``.numbers``): how to convert it (:func:`other_format`); a name ending in
        a space or tab (``tasks.csv``, a space after it): the name to give (an input that is not there: :func:`missing_note`); a
        name that is an extension alone (``.csv``: :func:`extension_alone`).

    Examples
    --------
    >>> table_kind("tasks.TXT"), table_kind("out.dta", "output")
    ('tsv', 'dta')
    >>> table_kind("out.json", "output")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: out.json: unsupported output file type '.json'; use .csv, .tsv, .parquet, .pq, .xlsx or .dta
    >>> table_kind("out.csv ", "output")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: out.csv : the file name ends in a space or tab ('out.csv '): write 'out.csv'
    >>> table_kind("out.csv.gz", "output")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: out.csv.gz: unsupported output file type '.gz' (gzip-compressed files are not written); use .csv, .tsv, .parquet, .pq, .xlsx or .dta: for compressed output write out.parquet (Parquet compresses its columns)
    """
    kinds = INPUT_KINDS if what == "input" else OUTPUT_KINDS
    path = as_path(path)
    if std_stream(path):
        stream = _stream_name(path)
        if not stream.startswith("standard"):  # /dev/fd/63: a pipe, not standard input
            raise DataFormatError(f"is {stream}, not a file name; pipes are not supported: give a "
                                  "file name", path=path)
        stream = "standard input" if what == "input" else "standard output"
        raise DataFormatError(f"{stream} is not supported: give a file name", path=path)
    suffix = path.suffix.lower()
    if suffix not in kinds:
        names = list(kinds)
        listed = ", ".join(names[:-1]) + " or " + names[-1]
        compressed = (compressed_input if what == "input" else compressed_output)(path, listed)
        if compressed is not None:
            raise DataFormatError(compressed, path=path)
        # JSON, .xls, .ods, .numbers: how to convert them (they were told the types read, no more)
        other = other_format(path, listed) if what == "input" else None
        if other is not None:
            raise DataFormatError(other, path=path)
        if suffix.rstrip() in kinds:  # 'tasks.csv ': a name copied with a space after it
            if what == "input" and not os.path.lexists(path):
                raise DataFormatError(missing_note(path), path=path)
            # (as exposure.scoring._files.file_kind says it)
            fix = (f"write {path.name.rstrip()!r}" if what == "output" else
                   f"rename it {path.name.rstrip()!r}, so that its extension reads {suffix.rstrip()!r}")
            raise DataFormatError(f"the file name ends in a space or tab ({path.name!r}): {fix}",
                                  path=path)
        # "results", ".csv": unsupported ... '(none)' (as if a format had been given, or none)
        raise DataFormatError(no_extension(path, what, listed) or extension_alone(path, kinds)
                              or f"unsupported {what} file type {suffix or '(none)'!r}; use {listed}", path=path)
    return kinds[suffix]


def twice_reason(first: int, second: int, written=None, where: str | None = None) -> str:
    """The reason of an error about a column named twice in a header, at 0-based positions ``first`` and ``second``.

    The library's one wording for a column given twice (``given more than once: keep
    one``), saying at which columns, and, when ``written`` (the two names as the header
    writes them) differ, how (``TOT_EMP`` and ``tot_emp``: read as one column). ``where``
    says what holds the names when no row of a file does (``the Parquet schema``). The
    readers said it in words of their own until round 77 (``column 'a' appears twice in
    the header (columns 1 and 3)``), naming the column twice.

    Examples
    --------
    >>> twice_reason(0, 2)
    'given more than once (columns 1 and 3): keep one'
    >>> twice_reason(6, 15, ("TOT_EMP", "tot_emp"))
    "given more than once (columns 7 and 16, written 'TOT_EMP' and 'tot_emp'): keep one"
    >>> twice_reason(1, 2, ("beta", "beta"), "the Parquet schema")
    'given more than once in the Parquet schema (columns 2 and 3): keep one'
    """
    shown = "" if written is None or written[0] == written[1] else f", written {written[0]!r} and {written[1]!r}"
    where = f" in {where}" if where else ""
    return f"given more than once{where} (columns {first + 1} and {second + 1}{shown}): keep one"


def check_header(names: list, path: Path, row: int | None = 1, where: str = "the header", *,
                 strip: bool = True, empty: bool = False, written: bool = False) -> None:
    """Raise on a duplicated column name (pandas would rename it silently), in the words of :func:`twice_reason`.

    ``where`` names what holds the names, said when there is no ``row`` (a Parquet file's
    schema has none; a row names the header). The one rule of a name given twice, for the
    headers of delimited files and sheets and for Parquet schemas
    (:func:`exposure._load.check_parquet_names` held its own copy until round 78):

    - ``strip``: names are compared without the spaces around them (a header's names are
      read so); without it, as written (the processed tables, read by name as written);
    - ``empty``: a name left empty twice is a repeat (a Parquet schema, which names every
      column); else empty names are no repeat (unnamed columns of a CSV file, told apart
      by their values);
    - ``written``: the two names as written are shown when they differ (``written ' beta'
      and 'beta'``).

    Examples
    --------
    >>> check_header(["a", "b", " a"], Path("t.csv"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t.csv, row 1, column 'a': given more than once (columns 1 and 3): keep one
    >>> check_header(["a", " a"], Path("t.parquet"), row=None, where="the Parquet schema", written=True)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t.parquet, column 'a': given more than once in the Parquet schema (columns 1 and 2, written 'a' and ' a'): keep one
    >>> check_header(["a", " a", "", ""], Path("t.csv"), strip=False)
    """
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        key = str(name).strip() if strip else str(name)
        if key in seen and (key != "" or empty):
            first = seen[key]
            shown = (str(names[first]), str(name)) if written else None
            raise DataFormatError(twice_reason(first, i, shown, where=where if row is None else None), path=path,
                                  row=row, column=key)
        seen.setdefault(key, i)


#: What to do with a first column that has values but no name, by its first value
#: (:func:`unnamed_hint`): 0, the row numbers of pandas' ``to_csv``; 1, the row names of R's
#: ``write.csv``; another whole number, either.
UNNAMED_HINTS = {
    0: "the row numbers pandas writes with to_csv() (index=True by default)? write the table again with "
       "to_csv(..., index=False), or delete that column",
    1: "the row names R writes with write.csv() (row.names = TRUE by default)? write the table again with "
       "write.csv(..., row.names = FALSE), or delete that column",
    None: "row numbers, as pandas' to_csv() (index=True by default) or R's write.csv() (row.names = TRUE "
          "by default) write them? write the table again with to_csv(..., index=False) or write.csv(..., "
          "row.names = FALSE), or delete that column",
}
#: The same for a sheet: pandas' ``to_excel`` writes the row numbers (R's writers of
#: ``.xlsx`` files write no row names by default).
_UNNAMED_XLSX_HINT = ("the row numbers pandas writes with to_excel() (index=True by default)? write the "
                      "table again with to_excel(..., index=False), or delete that column")


def unnamed_hint(first, kind: str = "csv") -> str:
    """What to do with the first column of a table, unnamed in the header, whose first value is ``first``.

    A whole number (``0``, ``1``, ``17``): the row numbers that pandas' ``to_csv`` and
    ``to_excel`` (``index=True`` by default) and R's ``write.csv`` (``row.names = TRUE``
    by default) write under an empty header cell (:data:`UNNAMED_HINTS`; ``kind``
    ``"xlsx"``, a sheet: pandas' ``to_excel``). It was told "name it", which kept the row
    numbers as a column of the table. Anything else: ``""``.

    Examples
    --------
    >>> unnamed_hint("1").split("?")[0]
    'the row names R writes with write.csv() (row.names = TRUE by default)'
    >>> unnamed_hint(0, "xlsx").split("?")[1]
    ' write the table again with to_excel(..., index=False), or delete that column'
    >>> unnamed_hint("Weld.")
    ''
    """
    text = str(first).strip()
    if not (isinstance(first, (int, np.integer)) and not isinstance(first, bool)) and not (
            isinstance(first, str) and text.isascii() and text.isdigit()):
        return ""
    if kind == "xlsx":
        return _UNNAMED_XLSX_HINT
    return UNNAMED_HINTS.get(int(text) if int(text) in (0, 1) else None)


def drop_unnamed(frame: pd.DataFrame, names: list, path: Path, row: int = 1,
                 hint=None, kind: str = "csv") -> pd.DataFrame:
    """Drop columns without a header name that are empty; raise if one holds values.

    The rule of every reader of a table with a header (:func:`read_frame`, the measures
    table of :func:`exposure.load`): a column with no name and no value is a trailing
    separator; one with values is refused, naming the column and its first value's row.

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows below the header, column ``i`` under ``names[i]``.
    names : list
        The header as written (an empty or blank name is no name).
    path : str or os.PathLike
        The file, for the error.
    row : int, default 1
        The header's row in the file.
    hint : callable, optional
        ``hint(column)`` (1-based) says why the column has no name (a merged header
        cell, :func:`_merged_note`) or what to do; ``""`` for the usual advice: for a
        first column of whole numbers, the row numbers pandas or R wrote
        (:func:`unnamed_hint`), else ``name it``.
    kind : str, default "csv"
        The kind of file (:data:`INPUT_KINDS`), for :func:`unnamed_hint`.

    Returns
    -------
    pandas.DataFrame
        ``frame`` without the unnamed empty columns.

    Raises
    ------
    exposure.errors.DataFormatError
        A column without a name holds values.

    Examples
    --------
    >>> drop_unnamed(pd.DataFrame([["a", None]]), ["task", ""], Path("t.csv")).shape
    (1, 1)
    >>> drop_unnamed(pd.DataFrame([["a", "x"]]), ["task", ""], Path("t.csv"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t.csv, row 1: column 2 has values but no name in the header (first at row 2): name it
    >>> drop_unnamed(pd.DataFrame([["1", "a"]]), ["", "task"], Path("t.csv"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t.csv, row 1: column 1 has values but no name in the header (first at row 2): the row names R writes with write.csv() ...
    """
    keep = []
    for i, name in enumerate(names):
        if str(name).strip() != "":
            keep.append(i)
            continue
        col = frame.iloc[:, i]
        # a value: a cell neither missing nor blank (the row of a blank cell above was named)
        filled = (col.notna() & (col.astype(str).str.strip() != "")).to_numpy(dtype=bool)
        if filled.any():
            first = int(np.flatnonzero(filled)[0])
            note = ((hint and hint(i + 1)) or (i == 0 and unnamed_hint(col.iloc[first], kind))
                    or "name it")
            raise DataFormatError(
                f"column {i + 1} has values but no name in the header (first at row "
                f"{row + 1 + first}): {note}",
                path=path, row=row,
            )
        log.info("%s: dropped column %d: no name and no values (a trailing separator)", path, i + 1)
    if len(keep) == len(names):
        return frame
    return frame.iloc[:, keep]


def _read_delimited(path: Path, kind: str) -> pd.DataFrame:
    sep, quoting = ("," , csv.QUOTE_MINIMAL) if kind == "csv" else ("\t", csv.QUOTE_NONE)
    data = path.read_bytes()
    _check_signature(data, path)
    if b"\x00" not in data:  # (a binary file is named as such by decode_text)
        _check_layout(_head_lines(data[:1 << 16].decode("utf-8-sig", "replace")), sep, path)
    # a second byte-order mark (a file saved as UTF-8 with one, then again by a tool that kept
    # it as text) began the first column's name: '\ufefftask', unseen, written to the outputs
    text = decode_text(data, path, sep).lstrip("\ufeff")
    if not text.strip():
        raise DataFormatError("file is empty", path=path)
    header = check_field_counts(text, sep, quoting, path)
    check_header(header, path)
    try:
        frame = pd.read_csv(
            io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_values=[""],
            quoting=quoting, header=0, names=[f"c{i}" for i in range(len(header))], index_col=False,
            engine="c",
        )
    except pd.errors.ParserError as exc:  # pragma: no cover - caught by the field counts
        raise DataFormatError(f"cannot parse as delimited text: {reader_reason(exc)}", path=path) from None
    frame = drop_unnamed(frame, header, path)
    frame = drop_empty_tail(frame)  # Excel's ",,," rows ending the file
    return frame.set_axis([str(header[int(c[1:])]) for c in frame.columns], axis=1)


def read_parquet_file(path) -> pd.DataFrame:
    """A Parquet file as :func:`pandas.read_parquet` reads it, or an error naming the file.

    For the library's own tables (processed tables, SOC scores): a damaged or truncated
    file is a :class:`~exposure.errors.DataFormatError` naming it, not a pyarrow
    ``ArrowInvalid`` (nor the ``OSError`` without an errno that pyarrow raises for a
    damaged page: ``Couldn't deserialize thrift``), its reason on one line with control
    characters escaped; an empty file, a file cut short, or one of another format named
    ``.parquet`` is said to be so (:func:`parquet_shape`: pyarrow's ``Parquet magic bytes
    not found in footer`` before). A missing or unreadable file raises an
    :class:`~exposure.errors.InputError` naming it (an :class:`OSError` still; pyarrow's
    bare ``PermissionError: Failed to open local file ...`` before).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.parquet"
    >>> _ = p.write_bytes(b"PAR1garbagePAR1")
    >>> read_parquet_file(p)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: .../t.parquet: cannot read this Parquet file: ...
    """
    path = as_path(path)
    try:
        return pd.read_parquet(path)
    except pa.ArrowException as exc:  # ArrowInvalid, ArrowIOError...: a damaged file
        raise DataFormatError(parquet_shape(path) or f"cannot read this Parquet file: {reader_reason(exc)}",
                              path=path) from None
    except OSError as exc:
        if exc.errno is not None:  # the file is missing or cannot be read
            raise InputError(os.strerror(exc.errno), path=path, errno=exc.errno) from None
        # pyarrow's OSError without an errno: a damaged page ("Couldn't deserialize thrift")
        raise DataFormatError(parquet_shape(path) or f"cannot read this Parquet file: {reader_reason(exc)}",
                              path=path) from None
    except (ValueError, KeyError, TypeError, IndexError) as exc:  # json.JSONDecodeError too
        raise _metadata_error(path, exc) or exc from None


#: The first (and last) bytes of a Parquet file.
_PARQUET_MAGIC = b"PAR1"


def parquet_shape(path) -> str | None:
    """Why the file ``path``, which pyarrow could not read as Parquet, is no Parquet file at all; None if it looks like one.

    pyarrow said ``Parquet magic bytes not found in footer. Either the file is corrupted
    or this is not a parquet file`` (``Parquet file size is 0 bytes``), naming neither
    which nor what to do. A Parquet file starts and ends with ``PAR1``, its footer (the
    schema and where each column is) last: a file that starts so but does not end so was
    cut short (a copy or download stopped, a disk full while it was written); one that
    does not start so is another format (:func:`binary_signature`'s words).

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "t.parquet"
    >>> _ = p.write_bytes(b"PAR1\\x15\\x04")
    >>> print(parquet_shape(p))
    not a complete Parquet file: it starts as one, but its end (the footer, closed by 'PAR1') is missing: the file was cut short (a copy or download stopped, or a disk full while it was written?); copy or write it again
    >>> _ = p.write_bytes(b"PAR1\\x15\\x04PAR1")
    >>> parquet_shape(p) is None
    True
    """
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(512)
            size = fh.seek(0, os.SEEK_END)
            fh.seek(max(size - 4, 0))
            tail = fh.read(4)
    except OSError:  # (the caller's reader names a file that cannot be read)
        return None
    if not head:
        return "file is empty: not a Parquet file (cut short, or written by nothing?); copy or write it again"
    if not head.startswith(_PARQUET_MAGIC):
        try:
            binary_signature(head, path, "parquet", save_as="a Parquet file")
        except DataFormatError as exc:
            return exc.reason
        return None
    if size < 2 * len(_PARQUET_MAGIC) or tail != _PARQUET_MAGIC:
        return ("not a complete Parquet file: it starts as one, but its end (the footer, closed by 'PAR1') is "
                "missing: the file was cut short (a copy or download stopped, or a disk full while it was "
                "written?); copy or write it again")
    return None


#: The end of the error for damaged pandas metadata (:func:`_metadata_error`).
DAMAGED_METADATA = ("cannot read this Parquet file: its pandas metadata (b'pandas' in the schema) "
                    "is damaged (%s); write the file again (or without that metadata)")


def _metadata_error(path: Path, exc: BaseException) -> DataFormatError | None:
    """The error for ``exc``, raised by pandas reading Parquet file ``path``, when its pandas metadata is damaged.

    pandas restores the index and the column types from the JSON stored under ``b"pandas"``
    in the schema: metadata that is not JSON, or that names an index column the file does
    not hold (copied by another tool), raised ``json.JSONDecodeError`` or ``KeyError: 'nope'``
    naming no file. None when the file has no such metadata (the error is another one).
    """
    try:
        with open(path, "rb") as fh:
            meta = pyarrow_parquet().read_schema(fh).metadata or {}
    except (OSError, pa.ArrowException):
        return None
    if b"pandas" not in meta:
        return None
    reason = reader_reason(f"{type(exc).__name__}: {exc}")[:120]
    return DataFormatError(DAMAGED_METADATA % reason, path=path)


#: Name that pandas gives the column of an unnamed index level it stores in a Parquet file
#: (the first; the others count on), and that :func:`index_as_columns` gives an unnamed
#: ``RangeIndex``.
UNNAMED_INDEX = "__index_level_0__"


def _default_range(level) -> bool:
    """Whether a stored index level is the default ``RangeIndex`` (unnamed, 0, 1, 2, ...)."""
    return (isinstance(level, dict) and level.get("kind") == "range" and level.get("name") is None
            and level.get("start") == 0 and level.get("step") == 1)


def stored_index(schema: pa.Schema) -> list:
    """The index levels that pandas stored in a Parquet file and that hold data.

    ``DataFrame.to_parquet`` records the frame's index in the schema metadata (``b"pandas"``,
    ``index_columns``): the column name of each level stored as a column (a named index or
    any index that is not a ``RangeIndex``; ``__index_level_0__`` for an unnamed one), or,
    for a ``RangeIndex``, only its description (``{"kind": "range", "name", "start",
    "stop", "step"}``), no column. Only the default ``RangeIndex`` (unnamed, from 0 by 1:
    the row numbers) holds no data; a named one (``set_index("posting_id")`` of ids 100,
    101, 102) or one that starts elsewhere does.

    Parameters
    ----------
    schema : pyarrow.Schema
        The schema of the file (with its metadata).

    Returns
    -------
    list
        A column name (str) per level stored as a column, a dict per non-default
        ``RangeIndex``; empty for a file without pandas metadata or with the default index.

    Examples
    --------
    >>> frame = pd.DataFrame({"task": ["Weld."]})
    >>> stored_index(pa.Schema.from_pandas(frame))
    []
    >>> [(c["kind"], c["name"], c["start"]) for c in stored_index(pa.Schema.from_pandas(frame.rename_axis("posting_id")))]
    [('range', 'posting_id', 0)]
    """
    levels = (schema.pandas_metadata or {}).get("index_columns", [])
    return [c for c in levels if isinstance(c, str)
            or (isinstance(c, dict) and c.get("kind") == "range" and not _default_range(c))]


def range_index_columns(schema: pa.Schema, rows: int) -> list[tuple[str, range]]:
    """``(column name, values)`` of each stored ``RangeIndex`` that holds data, for ``rows`` rows.

    The columns :func:`index_as_columns` adds: a non-default ``RangeIndex``
    (:func:`stored_index`) named as stored, :data:`UNNAMED_INDEX` when unnamed. A range
    whose length is not ``rows`` describes another frame (metadata copied by another
    tool) and is left out, as pandas ignores it.

    Examples
    --------
    >>> stored = pd.DataFrame({"task": ["Weld.", "Sew."]}, index=pd.RangeIndex(100, 102))
    >>> range_index_columns(pa.Schema.from_pandas(stored), 2)
    [('__index_level_0__', range(100, 102))]
    >>> range_index_columns(pa.Schema.from_pandas(stored), 3)
    []
    """
    out = []
    for level in stored_index(schema):
        if isinstance(level, dict):
            values = range(level["start"], level["stop"], level["step"])
            if len(values) == rows:
                out.append((UNNAMED_INDEX if level.get("name") is None else str(level["name"]), values))
    return out


def index_as_columns(frame: pd.DataFrame, schema: pa.Schema, *, start: int = 0,
                     rows: int | None = None, path=None) -> pd.DataFrame:
    """A frame read from Parquet with the index that pandas stored as regular columns.

    The one rule of the Parquet readers of user tables (:func:`read_frame`, and the
    batches of ``exposure score``), so that no reader drops an index that holds data
    (:func:`stored_index`): levels stored as columns keep their place in the file (their
    stored names, ``__index_level_0__`` for an unnamed level); a non-default
    ``RangeIndex``, which has no column, becomes the last column, named as stored (as
    pandas would store it as a column: ``__index_level_0__`` when unnamed), with the
    values of the rows ``frame`` holds. The default ``RangeIndex`` is left out.

    Columns keep the names the file stores, as text: a frame whose column labels were
    numbers (``pd.DataFrame(rows).to_parquet(...)``: labels 0, 1, stored as ``'0'``,
    ``'1'``) was read back with pandas' labels, the numbers, which no option naming a
    column can name; with a stored index too, every such column was dropped (the columns
    are looked up by their stored names), leaving the index alone. Column names of
    several levels (a MultiIndex, as ``groupby().agg()`` gives, that pandas wrote) are
    refused (:func:`refuse_multilevel_columns`): ``exposure rollup`` said every column it
    reads was missing.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows ``start`` to ``start + len(frame)`` of the file, as :func:`pandas.read_parquet`
        or :meth:`pyarrow.Table.to_pandas` give them (stored levels as the index).
    schema : pyarrow.Schema
        The file's schema, with its pandas metadata.
    start : int, default 0
        Row of the file that ``frame`` starts at (a batch's place in the range).
    rows : int, optional
        Rows of the whole file (default ``start + len(frame)``): a range whose length is
        not this describes another frame (metadata copied by another tool) and is ignored,
        as pandas ignores it.
    path : str or os.PathLike, optional
        The file, for errors.

    Returns
    -------
    pandas.DataFrame
        With a fresh ``RangeIndex``.

    Raises
    ------
    exposure.errors.DataFormatError
        A ``RangeIndex`` named like a column of the file; a column without a name (empty
        or blank), which a CSV header cannot hold; column names of several levels.

    Examples
    --------
    >>> import pyarrow as pa
    >>> stored = pd.DataFrame({"task": ["Weld.", "Sew.", "Cook."]}, index=pd.RangeIndex(100, 103, name="posting_id"))
    >>> table = pa.Table.from_pandas(stored)
    >>> index_as_columns(table.to_pandas(), table.schema).to_dict("list")
    {'task': ['Weld.', 'Sew.', 'Cook.'], 'posting_id': [100, 101, 102]}
    >>> index_as_columns(table.slice(2).to_pandas(), table.schema, start=2, rows=3).to_dict("list")
    {'task': ['Cook.'], 'posting_id': [102]}
    >>> table = pa.Table.from_pandas(pd.DataFrame({0: ["Weld."], 1: ["Welder"]}).rename_axis("posting_id"))
    >>> index_as_columns(table.to_pandas(), table.schema).columns.tolist()
    ['0', '1', 'posting_id']
    """
    refuse_multilevel_columns(frame, "the file", path=path)
    if not all(isinstance(c, str) for c in frame.columns):
        # pandas stores a label as str(label) and reads the label back: the stored name
        frame = frame.set_axis([c if isinstance(c, str) else str(c) for c in frame.columns], axis=1)
    for k, name in enumerate(schema.names):  # a CSV header cannot hold it: read back, it
        if not str(name).strip():  # was no column, and the scores shifted under other names
            raise DataFormatError(f"column {k + 1} has no name ({name!r}): name it", path=path)
    levels = stored_index(schema)
    if not levels:
        return frame.reset_index(drop=True)
    stored = [c for c in levels if isinstance(c, str)]
    if stored:
        frame = frame.set_axis(frame.index.set_names(stored), axis=0).reset_index()
        frame = frame[[n for n in schema.names if n in frame.columns]]
    frame = frame.reset_index(drop=True)
    total = start + len(frame) if rows is None else rows
    for name, values in range_index_columns(schema, total):
        if name in frame.columns:
            raise DataFormatError("the index stored with the file has the name of a column; "
                                  "rename one of them", path=path, column=name)
        frame.insert(frame.shape[1], name,
                     np.asarray(values[start:start + len(frame)], dtype=np.int64))
    return frame


def xlsx_sheet_note(path) -> str:
    """What to add to an error about the first sheet of workbook ``path``: the sheets beside it.

    Only the first sheet of an ``.xlsx`` input is read. When the workbook has others (a
    notes or cover sheet first, the table on the second), an error about a missing column
    or an empty sheet names the sheet read and the others, and says what to do. Only the
    names are read (the workbook part of the zip and its relationships), no cell of any
    sheet: the error path costs the same whatever the size of the sheets.

    Parameters
    ----------
    path : str or os.PathLike
        The input file.

    Returns
    -------
    str
        ``"only the first sheet, 'Notes', is read and the workbook also has 'Data': move
        the table to the first sheet"``; ``""`` when ``path`` is not an ``.xlsx``/``.xlsm``
        workbook with two or more worksheets, or cannot be read.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "w.xlsx"
    >>> wb = openpyxl.Workbook(); wb.active.title = "Notes"; _ = wb.create_sheet("Data"); wb.save(p)
    >>> xlsx_sheet_note(p)
    "only the first sheet, 'Notes', is read and the workbook also has 'Data': move the table to the first sheet"
    >>> xlsx_sheet_note(p.with_suffix(".csv"))
    ''
    """
    try:
        path = as_path(path)
        if path.suffix.lower() not in (".xlsx", ".xlsm"):
            return ""
        sheets = xlsx_worksheets(path)
    except Exception:  # noqa: BLE001 - a damaged workbook: the error stands as it is
        return ""
    if len(sheets) < 2:
        return ""
    (first, hidden), others = sheets[0], [name for name, _ in sheets[1:]]
    shown = ", ".join(repr(name) for name in others[:5])
    if len(others) > 5:
        shown += f" and {len(others) - 5} more"
    return (f"only the first sheet, {first!r}{' (hidden)' if hidden else ''}, is read and the "
            f"workbook also has {shown}: move the table to the first sheet")


def check_first_sheet_shown(path) -> None:
    """Refuse a workbook whose first worksheet, the one read by default, is hidden.

    Excel shows the visible sheets only, so the table a user sees there is not the one
    read: a workbook with a hidden first sheet (an old copy of the table, a template) and
    the table on a visible second one was read from the hidden sheet, silently. A
    workbook whose worksheets are all hidden, and a file that is not a readable
    workbook, pass (the reader's own errors stand).

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the hidden sheet and the visible ones.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "w.xlsx"
    >>> wb = openpyxl.Workbook(); wb.active.title = "Old"; _ = wb.create_sheet("Data")
    >>> wb["Old"].sheet_state = "hidden"; wb.save(p)
    >>> check_first_sheet_shown(p)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: .../w.xlsx: the first sheet, 'Old', is hidden in Excel, and it is the one read: ...
    """
    try:
        sheets = xlsx_worksheets(as_path(path))
    except Exception:  # noqa: BLE001 - a damaged workbook: the reader names what is wrong
        return
    if not sheets or not sheets[0][1]:
        return
    shown = [name for name, hidden in sheets if not hidden]
    if shown:
        listed = ", ".join(repr(name) for name in shown[:5]) + (
            f" and {len(shown) - 5} more" if len(shown) > 5 else "")
        raise DataFormatError(f"the first sheet, {sheets[0][0]!r}, is hidden in Excel, and it is the one "
                              f"read: unhide it, or move the table to the first sheet (the sheets shown: "
                              f"{listed})", path=path)


def xlsx_worksheets(path: Path) -> list[tuple[str, bool]]:
    """``(name, hidden)`` of each worksheet of workbook ``path``, in order (chart sheets left out).

    The worksheets as openpyxl (and so :func:`pandas.read_excel`) counts them: the first
    is the one ``sheet_name=0`` reads. Read from the workbook part and its relationships
    only; raises on a file that is not such a workbook.
    """
    with zipfile.ZipFile(path) as archive:
        return [(name, hidden) for name, hidden, _ in xlsx_sheet_parts(archive)]


def xlsx_sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, bool, str]]:
    """``(name, hidden, zip member)`` of each worksheet of an open workbook, in order.

    Chart sheets are left out, as openpyxl leaves them out of ``worksheets``. Raises on an
    archive that is not such a workbook (a part over 16 MiB included).
    """
    import posixpath
    import xml.etree.ElementTree as ET

    def local(name: str) -> str:
        return name.rsplit("}", 1)[-1]

    def part(name: str) -> ET.Element:
        if archive.getinfo(name).file_size > 16 * 2**20:  # not a workbook part: refuse
            raise ValueError(f"{name} is too large")
        return ET.fromstring(archive.read(name))

    def relations(name: str) -> dict:
        folder, base = posixpath.split(name)
        out = {}
        for rel in part(posixpath.join(folder, "_rels", f"{base}.rels")).iter():
            if local(rel.tag) == "Relationship":
                target = rel.get("Target", "")
                target = (target.lstrip("/") if target.startswith("/")
                          else posixpath.normpath(posixpath.join(folder, target)))
                out[rel.get("Id")] = (rel.get("Type", ""), target)
        return out

    main = next((target for kind, target in relations("").values()
                 if kind.endswith("/officeDocument")), "xl/workbook.xml")
    rels = relations(main)
    sheets = []
    for node in part(main).iter():
        if local(node.tag) != "sheet":
            continue
        rid = next((v for k, v in node.attrib.items() if local(k) == "id"), None)
        kind, target = rels.get(rid, ("", ""))
        if kind.endswith("/worksheet"):
            sheets.append((node.get("name", ""), node.get("state", "visible") != "visible", target))
    return sheets


def _gapped_as_nullable(frame: pd.DataFrame, fh, schema: pa.Schema) -> pd.DataFrame:
    """``frame`` with its integer and boolean columns that hold a null as pandas' nullable types.

    ``pandas.read_parquet`` makes an integer column with a missing cell a float column
    (``2**53 + 1`` came back as ``2**53``, silently) and a boolean one an object column;
    the stream engine of ``exposure score`` reads them as ``Int64`` and ``boolean``
    (``exposure.scoring._files``), and so now does :func:`read_frame`. Those columns are
    read again from ``fh`` (an open Parquet file) and replaced, in place of pandas' floats;
    every other column is pandas' own.

    Examples
    --------
    >>> import io
    >>> buf = io.BytesIO()
    >>> pd.DataFrame({"n": pd.array([2**53 + 1, None], dtype="Int64"), "m": [1, 2]}).to_parquet(buf)
    >>> _ = buf.seek(0)
    >>> schema = pyarrow_parquet().read_schema(buf)
    >>> _ = buf.seek(0)
    >>> out = _gapped_as_nullable(pd.read_parquet(buf), buf, schema)
    >>> str(out["n"].dtype), out["n"].tolist()[0] == 2**53 + 1, str(out["m"].dtype)
    ('Int64', True, 'int64')
    """
    kinds = {f.name for f in schema if nullable_dtype(f.type) is not None}
    gapped = [c for c in frame.columns if c in kinds and frame[c].dtype.kind in "fO"]
    if not gapped:
        return frame
    fh.seek(0)
    table = pyarrow_parquet().read_table(fh, columns=gapped)
    frame = frame.copy()
    for c in gapped:
        frame[c] = table.column(c).to_pandas(types_mapper=nullable_dtype).array
    return frame


def nullable_dtype(arrow_type: pa.DataType):
    """Pandas' nullable dtype of an Arrow integer or boolean type (``Int64``, ``boolean``...); else None.

    The ``types_mapper`` of the library's Parquet reads (:func:`read_frame`, the stream and
    Dask engines of ``exposure score``): pandas' default made an integer column with a
    missing cell a float column (``9007199254740993`` became ``9007199254740992.0``).

    Examples
    --------
    >>> nullable_dtype(pa.int64()), nullable_dtype(pa.uint8()), nullable_dtype(pa.bool_()), nullable_dtype(pa.string())
    (Int64Dtype(), UInt8Dtype(), BooleanDtype, None)
    """
    if pa.types.is_integer(arrow_type):
        return pd.api.types.pandas_dtype(("UInt" if pa.types.is_unsigned_integer(arrow_type) else "Int")
                                         + str(arrow_type.bit_width))
    if pa.types.is_boolean(arrow_type):
        return pd.BooleanDtype()
    return None


def _text_type(arrow_type: pa.DataType) -> pa.DataType | None:
    """The Arrow text type of a Parquet ``binary`` column's type (a dictionary of them too); else None.

    Examples
    --------
    >>> _text_type(pa.binary()), _text_type(pa.large_binary()), _text_type(pa.string())
    (DataType(string), DataType(large_string), None)
    >>> _text_type(pa.dictionary(pa.int32(), pa.binary()))
    DictionaryType(dictionary<values=string, indices=int32, ordered=0>)
    """
    if pa.types.is_dictionary(arrow_type):
        values = _text_type(arrow_type.value_type)
        return None if values is None else pa.dictionary(arrow_type.index_type, values, arrow_type.ordered)
    if pa.types.is_large_binary(arrow_type):
        return pa.large_string()
    if pa.types.is_binary(arrow_type):
        return pa.string()
    if pa.types.is_binary_view(arrow_type):
        return pa.string_view()
    return None


def binary_as_text(table: pa.Table, path=None, *, start: int = 0) -> pa.Table:
    """``table`` (rows of a Parquet file) with its ``binary`` columns as UTF-8 text.

    Impala, Hive and older Spark write text columns as Parquet ``binary`` without the UTF-8
    annotation (Spark's ``spark.sql.parquet.binaryAsString`` is the switch that reads them
    so), and pandas writes a column of bytes so: read as bytes, a task column was refused
    as ``task text must be a non-empty string, got b'Weld pipes.'``, a ``task_id`` column
    as ``task ID b'7' is not an integer``, and a ``.dta`` output refused them all. They are
    read as text (their dictionary-encoded form too), as :func:`read_frame` and the readers
    of ``exposure score`` read them; a fixed-size binary column (a UUID, a hash) is left as
    it is. ``start``: the row of the file that ``table`` starts at (0: the first).

    Raises
    ------
    exposure.errors.DataFormatError
        A cell that is not UTF-8 text, naming its row (a Parquet file's first row is row 1),
        its column and the byte (with the character it is in Windows-1252).

    Examples
    --------
    >>> binary_as_text(pa.table({"task": pa.array([b"Weld.", None])})).column("task").to_pylist()
    ['Weld.', None]
    >>> binary_as_text(pa.table({"task": pa.array([b"Weld.", b"Sew \\x93shirts\\x94."])}), "t.parquet")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t.parquet, row 2, column 'task': the column is binary, read as UTF-8 text, and this cell is not UTF-8 (byte 0x93, at offset 4, is '“' in Windows-1252): decode the column with its own encoding (pandas: .str.decode('cp1252')) and write it as text, or drop the column
    """
    for i, field in enumerate(table.schema):
        target = _text_type(field.type)
        if target is None:
            continue
        try:
            text = pc.cast(table.column(i), target)  # checks that every cell is UTF-8
        except pa.ArrowInvalid:
            raise _not_utf8_error(table.column(i), field.name, path, start) from None
        table = table.set_column(i, field.with_type(target), text)
    return table


def _not_utf8_error(column: pa.ChunkedArray, name: str, path, start: int) -> DataFormatError:
    """The error of :func:`binary_as_text` for the first cell of ``column`` that is not UTF-8."""
    for row, cell in enumerate(column.to_pylist()):
        try:
            None if cell is None else cell.decode("utf-8")
        except UnicodeDecodeError as exc:
            byte = cell[exc.start]
            char = windows_1252_char(byte)
            if char is None:
                what, fix = f"byte 0x{byte:02x}, at offset {exc.start}", "decode the column with its own encoding"
            else:
                what = f"byte 0x{byte:02x}, at offset {exc.start}, is {char!r} in Windows-1252"
                fix = "decode the column with its own encoding (pandas: .str.decode('cp1252'))"
            return DataFormatError(f"the column is binary, read as UTF-8 text, and this cell is not UTF-8 "
                                   f"({what}): {fix} and write it as text, or drop the column", path=path,
                                   row=start + row + 1, column=name)
    # (not seen: pyarrow refused a cell that Python decodes)
    return DataFormatError("the column is binary, read as UTF-8 text, and a cell is not UTF-8",
                           path=path, column=name)


def _binary_columns_as_text(frame: pd.DataFrame, fh, schema: pa.Schema, path: Path) -> pd.DataFrame:
    """``frame`` (as pandas read Parquet file ``fh``) with its ``binary`` columns as text (:func:`binary_as_text`).

    Those columns are read again from ``fh``, decoded, and replaced (as
    :func:`_gapped_as_nullable` replaces others); a file without one is left as it is.
    """
    binary = [f.name for f in schema if _text_type(f.type) is not None and f.name in frame.columns]
    if not binary:
        return frame
    fh.seek(0)
    table = binary_as_text(pyarrow_parquet().read_table(fh, columns=binary), path)
    frame = frame.copy()
    for name in binary:
        frame[name] = table.column(name).to_pandas().array
    return frame


def _read_binary(path: Path, kind: str, sheet) -> pd.DataFrame:
    head = check_file(path)
    if kind != "dta":  # (a Stata file's first bytes are checked by _read_stata)
        binary_signature(head, path, kind)
    what = {"parquet": "Parquet file", "xlsx": ".xlsx workbook", "dta": "Stata .dta file"}[kind]
    try:
        with open(path, "rb") as fh:  # a handle: any bytes in the file name
            if kind == "parquet":
                schema = pyarrow_parquet().read_schema(fh)
                # a column named twice: pandas' reader failed with "Multiple matches for
                # FieldRef.Name(task)", which said nothing of the names
                check_header(schema.names, path, row=None, where="the Parquet schema")
                fh.seek(0)
                # an index that holds data (named, or not 0, 1, 2, ...) is kept as columns
                try:
                    read = pd.read_parquet(fh) if not has_ns_times(schema) else _read_ns_times(fh)
                except (ValueError, KeyError, TypeError, IndexError) as exc:
                    if isinstance(exc, pa.ArrowException):
                        raise
                    raise _metadata_error(path, exc) or exc from None
                # (the stored names first: a numbered column is looked up by its name)
                frame = _gapped_as_nullable(index_as_columns(read, schema, path=path), fh, schema)
                # text written as binary (Impala, Hive, Spark, bytes from pandas): read as text
                frame = _binary_columns_as_text(frame, fh, schema, path)
                names = list(frame.columns)
            elif kind == "xlsx":
                refuse_strict_workbook(path)
                if sheet is None:
                    check_first_sheet_shown(path)
                else:  # pandas' "Worksheet named 'tasks' not found", the sheets unsaid
                    check_sheet(sheet, path, [name for name, _ in xlsx_worksheets(path)])
                # the cells as stored (dtype=str read a TRUE cell as 'True'): see _xlsx_text
                raw = pd.read_excel(fh, sheet_name=0 if sheet is None else sheet, header=None,
                                    dtype=object, keep_default_na=False, na_values=[""])
                if raw.empty:
                    note = xlsx_sheet_note(path) if sheet is None else ""
                    raise DataFormatError(f"sheet is empty; {note}" if note else "sheet is empty",
                                          path=path)
                names = ["" if pd.isna(v) else str(v) for v in raw.iloc[0]]
                frame = raw.iloc[1:].reset_index(drop=True)
                frame.columns = range(frame.shape[1])
            else:
                frame = _read_stata(fh, path)
                # Stata has no missing string: an empty string is a missing cell
                for c in frame.columns:
                    if pd.api.types.is_string_dtype(frame[c]):
                        frame[c] = frame[c].astype(object).where(frame[c] != "", None)
                names = list(frame.columns)
    except DataFormatError:
        raise
    except (*_BROKEN_FILE_ERRORS, OSError, ImportError) as exc:  # pyarrow reports a bad footer as OSError
        # an .ods renamed .xlsx: pandas tried its ODF reader (ImportError: Import odfpy failed);
        # a Word file renamed .xlsx: "cannot read this .xlsx workbook: 'zip'"
        foreign = foreign_workbook(path) if kind == "xlsx" else None
        if isinstance(exc, ImportError) and foreign is None:
            raise
        if kind == "parquet":  # cut short: "Parquet magic bytes not found in footer"
            foreign = parquet_shape(path)
        raise DataFormatError(foreign or f"cannot read this {what}: {reader_reason(exc)}", path=path) from None
    check_header(names, path)
    if kind == "xlsx":
        # a formula never computed reads as an empty cell (and a last row of them is
        # dropped by pandas as empty): looked for in the sheet's bytes, a pass in C
        _check_computed(path, sheet, names)
        frame = drop_unnamed(frame, names, path, hint=lambda j: _title_row_note(names, frame)
                             or _merged_note(path, sheet, 1, j, names, frame), kind="xlsx")
        frame = _xlsx_text(frame, names, path)
        # the names as written, as in a CSV or Parquet file ('task ' is no 'task')
        frame = frame.set_axis([names[int(c)] for c in frame.columns], axis=1)
        while len(frame) and frame.iloc[-1].isna().all():
            frame = frame.iloc[:-1]
        cut = footnote_rows(list(frame.itertuples(index=False, name=None)))
        if cut is not None:  # footnotes below a blank row (BLS, Census): not rows
            frame = frame.iloc[:cut]
        check_merged(path, sheet, names, len(frame) + 1)  # a cell of the rows read as empty
    return frame.reset_index(drop=True)


def has_ns_times(schema: pa.Schema) -> bool:
    """Whether ``schema`` has a column of times of day in nanoseconds (``time64[ns]``).

    Such a column is read as an Arrow column of its type (:func:`_read_ns_times`; the
    batches of ``exposure score`` too): pandas' ``datetime.time`` holds microseconds.
    """
    return any(pa.types.is_time64(t) and t.unit == "ns" for t in schema.types)


def _ns_time_dtype(arrow_type: pa.DataType):
    """The pandas type of an Arrow column of times in nanoseconds (an Arrow column); None for the others."""
    return pd.ArrowDtype(arrow_type) if pa.types.is_time64(arrow_type) and arrow_type.unit == "ns" else None


def _read_ns_times(fh) -> pd.DataFrame:
    """The Parquet file open as ``fh`` as :func:`pandas.read_parquet` reads it, its ``time64[ns]`` columns kept.

    pandas converts times of day to Python ``datetime.time``, which holds microseconds: a
    time with nanoseconds (``01:02:03.000000001``) stopped the read (``cannot read this
    Parquet file: Value 3723000000001 has non-zero nanoseconds``), so ``exposure rollup``
    refused the file. Such a column is an Arrow column of its type, as ``exposure score``
    reads it (:func:`exposure.scoring._files.read_task_file`); the other columns as pandas
    reads them.
    """
    return pyarrow_parquet().read_table(fh, use_pandas_metadata=True).to_pandas(types_mapper=_ns_time_dtype)


#: Kind of a binary user table -> (what it is, whether the first bytes of a file are one's).
_BINARY_KINDS = {
    "dta": ("a Stata .dta file", _is_stata),
    "parquet": ("a Parquet file", lambda head: head.startswith(b"PAR1")),
    "xlsx": ("an .xlsx workbook", lambda head: head.startswith(b"PK\x03\x04")),
}


def binary_signature(head: bytes, path, kind: str, *, save_as: str | None = None) -> None:
    """Refuse a file read as ``kind`` (``dta``, ``parquet``, ``xlsx``) whose first bytes ``head`` are not one's, saying what they look like.

    A Stata file starts with ``<stata_dta>`` (formats 117 to 119) or with its release
    number and byte order (formats 102 to 115), a Parquet file with ``PAR1``, an ``.xlsx``
    workbook with a zip archive's signature (a zip archive holding no workbook is named
    later, :func:`foreign_workbook`). Anything else (a CSV file renamed ``.dta``) was
    pandas' long "This is either not a valid Stata dataset or a Stata dataset from a
    version pandas does not support (detected: 116). pandas supports importing versions
    102, ...", naming a "version" that was the file's first letter; a file named
    ``.parquet`` or ``.xlsx`` was "not a Parquet file (no PAR1 signature)" or "not an
    .xlsx workbook (no zip signature)", what it is and what to do unsaid. The name to
    give it is said, for the reader of user tables (:func:`read_frame`, ``exposure score``
    in batches too), which reads each format by its extension: a CSV file
    ``rename it 't.csv'``, a tab-separated one ``'t.tsv'``, a workbook ``'t.xlsx'``, a
    Parquet file ``'t.parquet'``, a Stata file ``'t.dta'`` (it was "give it its own
    extension", naming none); compressed data is to be decompressed. ``save_as`` (what to
    save the file as) is given by a reader of one format under any name (the readers of
    the crosswalk, Felten and ILO workbooks, :func:`read_xlsx_table` and
    :func:`exposure.measures._common.check_workbook`): renaming the file gets it read by
    none of them, so the advice is to save it as ``save_as`` (they said
    ``not an .xlsx workbook (no zip signature)`` of a Parquet or Stata file, what it is
    unsaid).

    Examples
    --------
    >>> binary_signature(b"task,score\\nWeld.,1\\n", Path("t.dta"), "dta")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t.dta: not a Stata .dta file: it looks like delimited text (a CSV or TSV file named .dta?); rename it 't.csv'
    >>> binary_signature(b"r\\x02\\x01\\x00", Path("t.parquet"), "parquet")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t.parquet: not a Parquet file: it is a Stata .dta file; rename it 't.dta'
    >>> binary_signature(b"PAR1", Path("lm.xlsx"), "xlsx", save_as="an .xlsx workbook")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: lm.xlsx: not an .xlsx workbook: it is a Parquet file; save it as an .xlsx workbook
    >>> binary_signature(b"<stata_dta><header>", Path("t.dta"), "dta")
    """
    what, matches = _BINARY_KINDS[kind]
    if matches(head):
        return
    path = Path(path)
    signature = next((signature for signature in _SIGNATURES if head.startswith(signature)), None)
    compressed = next((f"{name} data" for name, pattern in _COMPRESSED_DATA.items()
                       if pattern.match(head)), None)
    saved = None if save_as is None else f"save it as {save_as}"
    fix = saved or "give it its own extension"  # (what it is cannot be told)
    if signature is not None:
        looks = f"it is {_SIGNATURES[signature]}"
        fix = saved or f"rename it {path.with_suffix(_SIGNATURE_KINDS[signature][1]).name!r}"
        if signature == b"PK\x03\x04":
            found, fix = _zip_advice(path, save_as, fix)
            looks = f"it is {found}"
    elif _is_stata(head):
        looks, fix = "it is a Stata .dta file", saved or f"rename it {path.with_suffix('.dta').name!r}"
    elif compressed is not None:
        looks, fix = f"it is {compressed}", "decompress it first"
    else:
        body = head.removeprefix(b"\xef\xbb\xbf")  # Excel's 'CSV UTF-8' starts with a BOM
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:  # cut inside a character at the end: still text
            text = body[:exc.start].decode("utf-8") if exc.start >= len(body) - 3 else None
        if text is not None and text and all(c.isprintable() or c in "\t\r\n" for c in text):
            named = "" if path.suffix.lower() in (".csv", ".tsv", ".txt") else f" named {path.suffix}"
            looks = f"it looks like delimited text (a CSV or TSV file{named}?)"
            first = text.split("\n", 1)[0]  # a tab and no comma: tab-separated
            suffix = ".tsv" if "\t" in first and "," not in first else ".csv"
            fix = (f"rename it {path.with_suffix(suffix).name!r}" if saved is None
                   else f"open it in a spreadsheet and {saved}" if kind != "parquet"
                   # (no spreadsheet writes Parquet)
                   else f"write it as Parquet with pandas (pd.read_csv(PATH{_TSV_ARG if suffix == '.tsv' else ''})"
                   ".to_parquet(...))")
        else:
            looks = f"its first bytes are not {what}'s"
    raise DataFormatError(f"not {what}: {looks}; {fix}", path=path)


#: The argument of ``pd.read_csv`` for tab-separated text, as advice shows it.
_TSV_ARG = ", sep='\\t'"


def _read_stata(fh, path: Path) -> pd.DataFrame:
    """The Stata file open as ``fh``, its labelled values read as their labels (pandas' default).

    A column whose value labels repeat one label for two values was pandas' ``Value labels
    for column lvl are not unique. These cannot be converted to`` (its message cut at a
    line end), saying neither why nor what to do: refused naming the column. A file that
    is not a Stata file (a CSV file renamed ``.dta``) is refused saying what it looks like
    (:func:`binary_signature`).
    """
    head = fh.read(512)
    binary_signature(head, path, "dta")
    fh.seek(0)
    try:
        frame = pd.read_stata(fh)
    except ValueError as exc:
        found = re.search(r"Value labels for column (.+?) are not unique", str(exc))
        if found is None:
            raise
        column = found.group(1)
        raise DataFormatError(
            "its value labels are not unique (one label for two values), so its values cannot be "
            "read as their labels: give each value its own label, or remove the labels from the "
            f"column (Stata: label values {column})", path=path, column=column) from None
    if _stata_release(head) <= 117:
        _refuse_control_text(frame, path)
    return frame


def _stata_release(head: bytes) -> int:
    """The format of the Stata file whose first bytes are ``head`` (:func:`_is_stata`).

    Examples
    --------
    >>> _stata_release(b"<stata_dta><header><release>117</release>"), _stata_release(b"\\x72\\x02")
    (117, 114)
    """
    found = re.match(rb"<stata_dta><header><release>(\d+)</release>", head)
    return int(found.group(1)) if found else head[0]


#: A C1 control character (U+0080 to U+009F): what a Windows-1252 curly quote or dash
#: (bytes 0x80 to 0x9F) becomes when the bytes are read as Latin-1.
_C1_CONTROL = re.compile("[\x80-\x9f]")


def _refuse_control_text(frame: pd.DataFrame, path: Path) -> None:
    """Refuse a text cell (or value label) of an old Stata file holding a C1 control character.

    A file of format 117 (Stata 13) or older declares no encoding: pandas reads its text as
    Latin-1, and the Windows-1252 characters that Stata 13 on Windows saved (the curly
    quotes and dashes a task copied from Word holds, bytes 0x80 to 0x9F) became control
    characters, scored without a word (``'Answer \\x93phones\\x94.'``). Text files are
    never decoded by guessing either (:func:`decode_text`): the cell is named, with the
    character it would be in Windows-1252 and how to convert the file.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the row (the first row is 1) and the column of the first such cell.

    Examples
    --------
    >>> _refuse_control_text(pd.DataFrame({"task": ["Weld.", "Sew \\x93hems\\x94."]}), Path("t.dta"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t.dta, row 2, column 'task': the text holds '\\x93', a control character: a Stata file of format 117 (Stata 13) or older declares no encoding, and its text is read as Latin-1 (0x93 is '“' in Windows-1252); in Stata 14 or later convert it to UTF-8 (unicode encoding set windows-1252, then unicode translate t.dta) and give the converted file
    """
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.CategoricalDtype):  # value labels: their codes' rows
            column = column.astype(object)
        if not (column.dtype == object or pd.api.types.is_string_dtype(column.dtype)):
            continue
        found = column.astype("string").str.contains(_C1_CONTROL.pattern, regex=True)
        hits = np.flatnonzero(found.to_numpy(dtype=bool, na_value=False))
        if not len(hits):
            continue
        pos = int(hits[0])
        char = _C1_CONTROL.search(str(column.iloc[pos])).group()
        cp1252 = windows_1252_char(ord(char))
        if cp1252:
            what, encoding = f"0x{ord(char):02x} is {cp1252!r} in Windows-1252", "windows-1252"
        else:
            what, encoding = (f"0x{ord(char):02x} is no character in Windows-1252 either",
                              "followed by the encoding it was saved in")
        raise DataFormatError(
            f"the text holds {char!r}, a control character: a Stata file of format 117 (Stata 13) or "
            f"older declares no encoding, and its text is read as Latin-1 ({what}); in Stata 14 or "
            f"later convert it to UTF-8 (unicode encoding set {encoding}, then unicode translate "
            f"{path.name}) and give the converted file", path=path, row=pos + 1, column=str(name))


def _boolean_in_text(cells, path, first_row: int, column) -> None:
    """Refuse a TRUE/FALSE (boolean) cell of a column of ``.xlsx`` cells that also holds text.

    Excel stores a typed ``true`` or ``false`` as a boolean: among cells of text it is text
    whose spelling is lost (it was read as ``'True'`` or ``'TRUE'``, and scored as a task).
    A column of booleans only (a flag) is read, as Excel writes it to CSV, and so is one
    whose other cells are the text ``TRUE`` or ``FALSE`` (:func:`_is_text`).

    Parameters
    ----------
    cells : sequence
        The column's cells as stored (data rows only), in order.
    path, first_row, column
        For the error: the file, the sheet row of the first cell, the column's name.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the sheet row and column of the first boolean cell.

    Examples
    --------
    >>> _boolean_in_text([True, False, None], Path("f.xlsx"), 2, "core")
    >>> _boolean_in_text(["Weld.", True], Path("f.xlsx"), 2, "task")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: f.xlsx, row 3, column 'task': a TRUE (boolean) cell in a column of text: Excel turns a typed 'true' or 'false' into a boolean; type the value the cell should hold, in a cell formatted as Text
    """
    flags = [i for i, v in enumerate(cells) if isinstance(v, (bool, np.bool_))]
    if flags and any(_is_text(v) for v in cells):
        raise _boolean_error(cells[flags[0]], path, first_row + flags[0], column, cells)


def _is_text(value) -> bool:
    """Whether the ``.xlsx`` cell ``value`` is text beside which a boolean cell is refused.

    Blank text is not, nor the text ``TRUE`` or ``FALSE`` (any case, spaces around): a
    column of flags typed partly as booleans and partly as text cells (a cell formatted as
    Text, an ``ANNUAL`` column of BLS pasted in) means the same by both, and reads
    ``TRUE``/``FALSE`` either way; it was refused as "a boolean cell in a column of text".

    Examples
    --------
    >>> _is_text("Weld."), _is_text(" true "), _is_text("  "), _is_text(True)
    (True, False, False, False)
    """
    return isinstance(value, str) and value.strip().upper() not in ("", "TRUE", "FALSE")


def _boolean_error(value, path, row: int, column, cells=()) -> DataFormatError:
    """The error of the boolean cell ``value`` at sheet row ``row`` of a column of text.

    The advice is to type the value the cell should hold, not the boolean's spelling: a
    ``FALSE`` among the ``Y``/``N`` of O*NET's ``Recommend Suppress`` (an ``N`` that a
    spreadsheet turned into a boolean) was to be typed again as the text ``FALSE``, which
    the reader then refused (``expected Y or N``). When the column's other text ``cells``
    (as stored) are a few short codes, they are named.

    Examples
    --------
    >>> print(_boolean_error(False, Path("r.xlsx"), 3, "Recommend Suppress", ["N", "Y", False]))
    r.xlsx, row 3, column 'Recommend Suppress': a FALSE (boolean) cell in a column of text (its other cells hold 'N', 'Y'): Excel turns a typed 'true' or 'false' into a boolean; type the value the cell should hold, in a cell formatted as Text
    """
    codes = sorted({v.strip() for v in cells if _is_text(v)})
    held = (f" (its other cells hold {', '.join(map(repr, codes))})" if len(codes) <= _FEW_CODES
            and all(len(c) <= _CODE_LENGTH and c.isalnum() for c in codes) else "")
    return DataFormatError(f"a {'TRUE' if value else 'FALSE'} (boolean) cell in a column of "
                           f"text{held}: Excel turns a typed 'true' or 'false' into a boolean; "
                           "type the value the cell should hold, in a cell formatted as Text",
                           path=path, row=row, column=str(column))


#: At most how many distinct texts, of at most how many letters and digits, a column of codes
#: holds (``Y``/``N``, ``yes``/``no``), named beside a boolean cell among them
#: (:func:`_boolean_error`).
_FEW_CODES, _CODE_LENGTH = 4, 12


#: A cell holding a formula and no value (``<v/>``, ``<v></v>`` or none): its attributes
#: (group 1) and the formula's text (group 2; none for a shared formula's other cells).
_UNCOMPUTED = re.compile(
    rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b[^>]*(?:/>|>([^<]*)</(?:\w+:)?f>)\s*"
    rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>")
#: What to say of a formula that was never computed (as the O*NET readers say it).
UNSAVED_FORMULA = ("and no saved value (a workbook written by a program, never opened in a "
                   "spreadsheet); open and save it in Excel or LibreOffice, or paste the values")


#: An error cell (``t="e"``: ``#N/A``, ``#DIV/0!``, a formula that failed in the spreadsheet):
#: its attributes (group 1) and its value (group 2).
_ERROR_CELL = re.compile(
    rb"""<(?:\w+:)?c\b([^>]*?\bt\s*=\s*["']e["'][^>]*)(?<!/)>(?:(?!</(?:\w+:)?c>).)*?"""
    rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>", re.S)
#: What to say of an error cell.
ERROR_CELL = ("(a formula that failed in the spreadsheet): correct the formula or clear the "
              "cell")


def sheet_xml(path, sheet=None) -> bytes | None:
    """The XML of worksheet ``sheet`` (name or 0-based index, default the first) of ``path``.

    Worksheets are counted as openpyxl and :func:`pandas.read_excel` count them (chart
    sheets left out). None when there is no such sheet or the workbook cannot be read so.
    """
    try:
        with zipfile.ZipFile(as_path(path)) as archive:
            parts = xlsx_sheet_parts(archive)
            if isinstance(sheet, str):
                target = next((t for name, _, t in parts if name == sheet), None)
            else:
                target = parts[0 if sheet is None else sheet][2] if parts else None
            return None if target is None else archive.read(target)
    except (*_BROKEN_FILE_ERRORS, OSError):
        return None


def _cell_ref(attrs: bytes) -> str:
    ref = re.search(rb"""\br\s*=\s*["']([A-Za-z]+[0-9]+)["']""", attrs)
    return ref.group(1).decode().upper() if ref else ""


def _may_hold_flaws(data: bytes) -> tuple[bool, bool]:
    """Whether the XML ``data`` may hold a formula element, and a cell of type ``e``.

    A formula is ``<f`` (or ``<x:f``) then ``>``, ``/`` or a space; an error cell's type
    is ``"e"`` (or ``'e'``). Looked for with numpy over the bytes: plain searches cost ten
    times more (every ``f `` of a cell's or the footer's text, ``Page &P of &N``, was a
    hit that ran the cells' regular expression over the whole sheet), a regular
    expression thirty times more.

    Examples
    --------
    >>> _may_hold_flaws(b'<c r="A2"><f>A1</f></c>'), _may_hold_flaws(b'<c t="e"><v>#N/A</v></c>')
    ((True, False), (False, True))
    >>> _may_hold_flaws(b"<oddFooter>Page &amp;P of &amp;N</oddFooter>")
    (False, False)
    """
    arr = np.frombuffer(data, dtype=np.uint8)
    if len(arr) < 3:
        return False, False
    before, at, after = arr[:-2], arr[1:-1], arr[2:]
    where = np.flatnonzero(at == ord("f"))
    b, a = before[where], after[where]
    formula = ((b == ord("<")) | (b == ord(":"))) & np.isin(a, np.frombuffer(b"> /\t\n\r", np.uint8))
    where = np.flatnonzero(at == ord("e"))
    b, a = before[where], after[where]
    error = ((b == ord('"')) | (b == ord("'"))) & (a == b)
    return bool(formula.any()), bool(error.any())


def _sheet_flaws(data: bytes):
    """``(cell, kind, text)`` of each formula never computed and each error cell of a sheet's XML.

    In the order of the sheet; ``kind`` is ``"formula"`` (``text`` its formula, ``=A2``,
    or ``"a formula"`` for a cell sharing another's) or ``"error"`` (``text`` the error,
    ``#N/A``). A sheet with neither (the usual file) costs one pass of numpy over its
    bytes (:func:`_may_hold_flaws`: 2 ms for the 6 MB sheet of O*NET's ``Task
    Statements.xlsx``); others are searched with regular expressions, in C.
    """
    import heapq
    import html

    maybe_formula, maybe_error = _may_hold_flaws(data)

    def formulas():
        if not maybe_formula:
            return
        for match in _UNCOMPUTED.finditer(data):
            attrs, text = match.group(1), match.group(2)
            if re.search(rb"""\bt\s*=\s*["']str["']""", attrs):
                continue  # the empty text, computed
            formula = "=" + html.unescape(text.decode("utf-8", "replace")) if text else "a formula"
            yield match.start(), _cell_ref(attrs), "formula", formula

    def errors():
        if not maybe_error:
            return
        for match in _ERROR_CELL.finditer(data):
            text = html.unescape(match.group(2).decode("utf-8", "replace")).strip()
            yield match.start(), _cell_ref(match.group(1)), "error", text or "an error"

    for _, ref, kind, text in heapq.merge(formulas(), errors()):
        yield ref, kind, text


def uncomputed_formula(path, sheet=None) -> tuple[str, str] | None:
    """``(cell, formula)`` of the first formula of a sheet that holds no computed value, or None.

    A workbook written by a program (pandas, openpyxl) stores a formula without its value
    until a spreadsheet opens and saves it; readers (pandas, openpyxl) read such a cell as
    empty: a task or a score lost without a word (a last row whose cells are formulas was
    dropped as an empty row). A formula whose value is the empty text is stored with
    ``t="str"`` and is not one. The sheet's part of the zip is searched as bytes, in C
    (:func:`_sheet_flaws`). ``cell`` is the reference (``B3``; ``""`` if the cell has
    none), ``formula`` its text (``=A2``; ``"a formula"`` for a cell sharing another's).
    None when there is none, or the workbook cannot be read so (its reader then says what
    is wrong).

    Parameters
    ----------
    path : str or os.PathLike
        The workbook.
    sheet : str or int, optional
        Sheet name or 0-based index (default the first), as :func:`read_frame` takes it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "f.xlsx"
    >>> pd.DataFrame({"task": ["Weld.", "=A2"]}).to_excel(p, index=False)
    >>> uncomputed_formula(p)
    ('A3', '=A2')
    """
    data = sheet_xml(path, sheet)
    if data is None:
        return None
    return next(((ref, text) for ref, kind, text in _sheet_flaws(data) if kind == "formula"), None)


def split_ref(ref: str) -> tuple[int, int]:
    """``(row, 1-based column)`` of a cell reference (``"C7"`` -> ``(7, 3)``)."""
    letters = re.match(r"[A-Z]+", ref).group(0)
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - ord("A") + 1
    return int(ref[len(letters):]), index


def _check_computed(path: Path, sheet, names: list, *, header_row: int = 1,
                    columns=None) -> None:
    """Refuse a cell of a sheet holding a formula never computed or an error, naming it.

    The one look-up of both workbook readers (:func:`_sheet_flaws`): :func:`read_frame`
    refuses such a cell anywhere in the sheet (it reads every column);
    :func:`read_xlsx_table` only in its data rows (below ``header_row``) of the 0-based
    ``columns`` it reads (a cell without a reference is refused wherever it is).
    ``names`` is the header row's cells.
    """
    data = sheet_xml(path, sheet)
    if data is None:
        return
    for ref, kind, text in _sheet_flaws(data):
        row = column = None
        if ref:
            row, index = split_ref(ref)
            if columns is not None and (row <= header_row or index - 1 not in columns):
                continue
            name = names[index - 1] if index <= len(names) else None
            if name is not None and str(name).strip() and row > header_row:
                column = str(name)
        shown = text if len(text) <= 60 else text[:57] + "..."
        where = "" if column is not None or not ref else f" (cell {ref})"
        reason = (f"the cell{where} holds the formula {shown} {UNSAVED_FORMULA}" if kind == "formula"
                  else f"the cell{where} holds the error {shown} {ERROR_CELL}")
        raise DataFormatError(reason, path=path, row=row, column=column)


#: A merged range of a sheet's XML (``<mergeCell ref="A2:A3"/>``): its first and last cells.
_MERGE_CELL = re.compile(rb"""<(?:\w+:)?mergeCell\b[^>]*\bref\s*=\s*["']([A-Za-z]+[0-9]+):"""
                         rb"""([A-Za-z]+[0-9]+)["']""")


def _merged_note(path, sheet, row: int, column: int, names: list | None = None,
                 frame: pd.DataFrame | None = None) -> str:
    """``"its header cell C1 is part of the merged range B1:C1 ..."``, or ``""``.

    For the error about an unnamed column (1-based ``column``) of a sheet's header
    ``row``; run on the error path only. A group name merged across columns above the
    header (``Codes`` over A1:B1), when the row below names every column (``names``, the
    header read; ``frame``, the rows below it, as :func:`_group_row_note` looks at them),
    is said to be one, and the row to delete: it was told to "unmerge the cells and name
    each column", which left the real header read as a row of data.
    """
    data = sheet_xml(path, sheet)
    for match in _MERGE_CELL.finditer(data or b""):
        (top, left), (bottom, right) = (split_ref(m.decode().upper()) for m in match.groups())
        if top <= row <= bottom and left <= column <= right:
            cell = f"{column_letters(column)}{row}"
            span = b":".join(match.groups()).decode().upper()
            below = (_names_below(names, frame) if names is not None and frame is not None
                     and top == bottom == row == 1 and left < right else None)
            if below is not None:  # the header is the row below: the group row is to go
                above = "row 1" if below == 2 else f"rows 1 to {below - 1}"
                return (f"its header cell {cell} is part of the merged range {span}: a group name above the "
                        f"header? The header must be the first row (row {below} names every column: delete "
                        f"{above})")
            return (f"its header cell {cell} is part of the merged range {span} (a merged cell "
                    "holds its text in its first column only): unmerge the cells and name each "
                    "column")
    return ""


def _names_below(names: list, frame: pd.DataFrame) -> int | None:
    """The sheet row (the header being row 1) below the header that names every column, or None.

    :func:`_group_row_note`'s test without its number below: a row of a merged group
    name says the sheet has a row of group names, so a table of text is told too.
    """
    blank = frame.isna() | frame.map(lambda v: isinstance(v, str) and not v.strip())
    named = sum(str(n).strip() != "" for n in names)
    return _group_row_note(named, frame, blank, numbers=False) or None


def header_spans(top: int, bottom: int, span: str) -> str:
    """What a header cell merged down over the sheet rows ``top`` to ``bottom`` (the range ``span``) is.

    Said by :func:`check_merged`, by :func:`read_xlsx_table` when no row holds every
    column (:func:`_merged_down`), and by the crosswalk readers, which find the header by
    its names (``exposure.crosswalks._merged_header``).

    Examples
    --------
    >>> header_spans(1, 2, "A1:A2")
    "the header spans rows 1 and 2 (its cell A1 is merged over A1:A2): a header is one row; unmerge the header's cells, write every column's name on row 1 and delete row 2"
    >>> header_spans(4, 6, "B4:B6")[-57:]
    "write every column's name on row 4 and delete rows 5 to 6"
    """
    spans, below = ((f"rows {top} and {bottom}", f"row {bottom}") if bottom == top + 1
                    else (f"rows {top} to {bottom}", f"rows {top + 1} to {bottom}"))
    return (f"the header spans {spans} (its cell {span.split(':')[0]} is merged over {span}): a header is one "
            f"row; unmerge the header's cells, write every column's name on row {top} and delete {below}")


def _merged_down(path, sheet, row: int) -> str:
    """``": the header spans rows ..."`` (:func:`header_spans`) if a range of the sheet is merged down over ``row``, else ``""``.

    For the error of :func:`read_xlsx_table` finding no header row: a header of two rows,
    a name merged down over both beside names of the lower row (under a group name merged
    across), holds every column on no one row. It was told ``missing column(s) ...;
    found:`` and a data row (the fullest row), the merged cells unsaid. Run on the error
    path only.
    """
    data = sheet_xml(path, sheet)
    if not data or b"mergeCell" not in data:
        return ""
    down = []
    for match in _MERGE_CELL.finditer(data):
        (top, left), (bottom, _) = (split_ref(m.decode().upper()) for m in match.groups())
        if top < bottom and top <= row <= bottom:
            down.append((top, left, bottom, b":".join(match.groups()).decode().upper()))
    if not down:
        return ""
    top, _, bottom, span = min(down)
    return f": {header_spans(top, bottom, span)}"


def check_merged(path, sheet, names: list, last_row: int, *, header_row: int = 1,
                 columns=None) -> None:
    """Refuse a merged range of a sheet that covers a cell of the table's rows, naming the first.

    A merged cell holds its value in its first cell only: the others read as empty. A
    workbook whose occupation code and title are merged down over the tasks of each
    occupation (a common layout) was read with the code and title of the first task only:
    ``exposure rollup`` said ``row 3, column 'onetsoc_code': onetsoc_code missing`` (or
    worse, a column that may be empty read so without a word), a workbook given as
    O*NET task statements ``... got text ''``. The one check of both workbook readers:
    :func:`read_frame` (so ``exposure score``, ``rollup`` and ``evaluate``) and
    :func:`read_xlsx_table`. Ranges in the header row or above it (the merged title rows
    of published workbooks, skipped by :func:`read_xlsx_table`), below ``last_row`` (a
    footnote) or only over columns without a name (or not read) pass; a range's first
    cell, which holds the value, is read as it is. The sheet's XML is searched as bytes.
    A header cell merged down over the rows below (a header of two rows, each name merged
    over both) is named as such, saying to keep the header on one row: it was told to
    ``unmerge the cells and fill each one with its value``, which made the header's name a
    data row (round 76).

    Parameters
    ----------
    path : str or os.PathLike
        The workbook.
    sheet : str or int or None
        Sheet name or 0-based index (default the first), as :func:`sheet_xml` takes it.
    names : list
        The cells of the header row (column ``j`` of the sheet is ``names[j - 1]``).
    last_row : int
        Sheet row of the table's last row.
    header_row : int, default 1
        Sheet row of the header.
    columns : set of int, optional
        0-based columns read (default every column with a name).

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the row, the column and the merged range.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "m.xlsx"
    >>> wb = openpyxl.Workbook(); ws = wb.active
    >>> for row in [["onetsoc_code", "task"], ["11-1011.00", "Direct."], [None, "Confer."]]:
    ...     ws.append(row)
    >>> ws.merge_cells("A2:A3"); wb.save(p)
    >>> check_merged(p, None, ["onetsoc_code", "task"], 3)   # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: .../m.xlsx, row 3, column 'onetsoc_code': the cell A3 is part of the merged range A2:A3, whose value only its first cell A2 holds: the row would be read with this cell empty; unmerge the cells and fill each one with its value
    """
    data = sheet_xml(path, sheet)
    if not data or b"mergeCell" not in data:
        return

    def read(col: int) -> bool:  # a column of the table (1-based), named in the header
        name = names[col - 1] if col <= len(names) else None
        return (name is not None and not pd.isna(name) and str(name).strip() != ""
                and (columns is None or col - 1 in columns))

    covered = []  # (row, column, range, its last row) of each range's first cell of the table left empty
    for match in _MERGE_CELL.finditer(data):
        (top, left), (bottom, right) = (split_ref(m.decode().upper()) for m in match.groups())
        span = b":".join(match.groups()).decode().upper()
        for row in range(max(top, header_row + 1), min(bottom, last_row) + 1):
            cells = [col for col in range(left, right + 1) if (row, col) != (top, left) and read(col)]
            if cells:
                covered.append((row, cells[0], span, bottom))
                break
    if covered:
        row, col, span, bottom = min(covered)
        first = span.split(":")[0]
        if split_ref(first)[0] <= header_row:  # a header cell merged down: filling made the header a data row
            raise DataFormatError(header_spans(header_row, bottom, span), path=path, row=header_row,
                                  column=header_name(names[col - 1]))
        raise DataFormatError(f"the cell {column_letters(col)}{row} is part of the merged range {span}, "
                              f"whose value only its first cell {first} holds: the row would be read "
                              "with this cell empty; unmerge the cells and fill each one with its "
                              "value", path=path, row=row, column=header_name(names[col - 1]))


def _title_row_note(names: list, frame: pd.DataFrame) -> str:
    """``"row 1, read as the header, has 1 filled cell: a title line ..."``, or ``""``.

    For the error about an unnamed column of a sheet whose first row holds one cell (a
    title, ``Table 1. Tasks``, above the header: the usual layout of a published
    workbook): "column 2 has values but no name in the header ... name it" said nothing of
    the title. A first row that is empty (the header on row 2) said only "name it" too:
    it is named as empty. A cell of spaces is no value (a row of one value and a blank
    cell was taken for the header). ``frame`` holds the rows below row 1 (cells as stored,
    empty ones missing); run on the error path only.

    Examples
    --------
    >>> below = pd.DataFrame([["task", "title"], ["Weld.", "Welder"]])
    >>> _title_row_note(["", ""], below)
    'row 1, read as the header, is empty: the header must be the first row (row 2 looks like it: remove the rows above it)'
    >>> _title_row_note(["task", ""], pd.DataFrame([["Weld.", " "], ["Sew.", None]]))
    ''
    """
    named = sum(str(n).strip() != "" for n in names)
    blank = frame.isna() | frame.map(lambda v: isinstance(v, str) and not v.strip())
    if named > 1:
        return _group_row_note(named, frame, blank)
    filled = (~blank).sum(axis=1).to_numpy()
    below = next((int(i) for i in np.flatnonzero(filled > named)), None)
    if below is None:
        return ""
    first = "is empty: the" if named == 0 else "has 1 filled cell: a title line above the header? The"
    return (f"row 1, read as the header, {first} header must be the first row (row {below + 2} looks "
            f"like it: remove the rows above it)")


def _group_row_note(named: int, frame: pd.DataFrame, blank: pd.DataFrame, *, numbers: bool = True) -> str | int:
    """``"row 1, read as the header, has 2 filled cells: a row of group names ..."``, or ``""``.

    For the error about an unnamed column of a sheet whose header is on row 2, under a
    row of group names (``Codes`` over two columns, ``Scores`` over three, merged or not)
    or a title with a note beside it: it was "column 2 has values but no name in the
    header (first at row 2): name it" (or, merged, "unmerge the cells and name each
    column"), and the sheet so changed was read with its header as a row of data. Said
    only when the first row with values below holds more cells than row 1, all of them
    distinct text, over every column that holds a value, and some column holds a number
    below that row's text (the row names the columns; a row of data of a table of text
    cannot be told from a header). ``frame`` holds the rows below row 1 (cells as
    stored), ``blank`` its empty cells. Without ``numbers`` (a merged group name above
    the header, :func:`_merged_note`), no number is looked for below the row, and its
    row number in the sheet is returned (``""`` when no row names the columns).

    Examples
    --------
    >>> below = pd.DataFrame([["onetsoc_code", "alpha", "beta"], ["11-1011.00", 0.5, 0.75]])
    >>> _group_row_note(2, below, below.isna())
    'row 1, read as the header, has 2 filled cells: a row of group names or a title above the header? The header must be the first row (row 2 looks like it: remove the rows above it)'
    >>> _group_row_note(2, below.iloc[:1], below.iloc[:1].isna())
    ''
    """
    rows = np.flatnonzero((~blank).any(axis=1).to_numpy(dtype=bool))
    if not len(rows):
        return ""
    top = int(rows[0])
    given = (~blank.iloc[top]).to_numpy(dtype=bool)
    texts = [v.strip() for v, g in zip(frame.iloc[top], given) if g and isinstance(v, str)]
    if len(texts) <= named or len(texts) < given.sum() or len(set(texts)) < len(texts):
        return ""
    rest, rest_blank = frame.iloc[top + 1:], blank.iloc[top + 1:]
    if ((~rest_blank).any(axis=0).to_numpy(dtype=bool) & ~given).any():
        return ""  # a column with values that this row does not name

    def number(value) -> bool:
        return pd.api.types.is_number(value) and not isinstance(value, (bool, np.bool_)) and not pd.isna(value)

    if not numbers:  # (for _merged_note: the row's number in the sheet)
        return top + 2
    if not any(given[j] and rest.iloc[:, j].map(number).any() for j in range(frame.shape[1])):
        return ""
    return (f"row 1, read as the header, has {named} filled cells: a row of group names or a title above "
            f"the header? The header must be the first row (row {top + 2} looks like it: remove the rows "
            "above it)")


def column_letters(index: int) -> str:
    """The letters of 1-based column ``index`` (``3`` -> ``"C"``)."""
    out = ""
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def _stored_text(value):
    """A cell of a sheet that is not a str, as :func:`read_frame` reads it (missing: NaN)."""
    if value is None or pd.isna(value):
        return np.nan
    if isinstance(value, (bool, np.bool_)):
        return "TRUE" if value else "FALSE"
    return str(value)


def _xlsx_text(frame: pd.DataFrame, names: list, path: Path) -> pd.DataFrame:
    """The cells of a sheet's data rows (as stored) as the strings :func:`read_frame` gives.

    What ``pandas.read_excel(dtype=str)`` gives (``str`` of the value: ``5``, ``2.5``,
    ``2021-01-01 00:00:00``; empty cells missing), except a boolean: ``TRUE``/``FALSE`` in
    a column of booleans, as Excel writes it to CSV and as :func:`read_xlsx_table` reads it
    (it was ``'True'``), and refused in a column that holds text (:func:`_boolean_in_text`).
    """
    out = {}
    for j in frame.columns:
        cells = frame[j].tolist()
        name = names[int(j)] if int(j) < len(names) else ""
        _boolean_in_text(cells, path, 2, name)
        out[j] = pd.Series([v if isinstance(v, str) else _stored_text(v) for v in cells],
                           index=frame.index, dtype=str)
    return pd.DataFrame(out, index=frame.index, columns=frame.columns)


def read_frame(path, *, sheet=None) -> pd.DataFrame:
    """Read a user table (CSV, TSV, Parquet, .xlsx or Stata .dta), every column kept.

    The one reader of the tables users give to ``exposure score``, ``rollup`` and
    ``evaluate``. Text files are read with every cell as a string (empty cells missing),
    no index column (``index_col=False``: a row with a field too many is never taken as an
    index that shifts the columns) and a field count per line: a line with more or fewer
    fields than the header is an error naming its line. A column named twice is an error;
    a column with no name and no values (a trailing separator on every line) is dropped.
    Blank lines (empty, or of spaces or tabs) and records whose cells are all empty
    (Excel's ``,,,`` rows for cleared cells) at the end of a text file are dropped, as the
    empty rows ending an ``.xlsx`` sheet are; an empty or blank line between the rows of a
    file of several columns is an error naming it (``row 3: empty line``). Excel's ``sep=;`` first line and a file
    separated otherwise than its extension says (a semicolon- or tab-separated ``.csv``, a
    comma-separated ``.txt``) are refused with what to do (:func:`_check_layout`), and so
    are compressed files (:func:`compressed_input`). ``.csv`` is comma-separated with double-quote
    quoting; ``.tsv``/``.txt`` are tab-separated and quotes in them are text. Parquet and Stata keep their column
    types; an index that pandas stored with a Parquet file and that holds data (named,
    or not 0, 1, 2, ...) comes back as columns (:func:`index_as_columns`), and a Parquet
    ``binary`` column (text written by Impala, Hive or Spark) is read as UTF-8 text
    (:func:`binary_as_text`, which refuses a cell that is not UTF-8); ``.xlsx``
    cells are read as strings (first sheet unless ``sheet``), a TRUE/FALSE cell as
    ``TRUE``/``FALSE`` and refused among text (:func:`_boolean_in_text`), a formula never
    computed or an error cell (``#N/A``) refused (:func:`_check_computed`). Header names are kept as written in
    every format (``task `` is not ``task``). A carriage return alone ending a line of a
    text file of line feeds is refused (a cell split in two), as is UTF-16 text without a
    byte-order mark.

    Parameters
    ----------
    path : str or os.PathLike
        The file; the extension chooses the format (:data:`INPUT_KINDS`).
    sheet : str or int, optional
        Sheet of an ``.xlsx`` workbook.

    Returns
    -------
    pandas.DataFrame
        With a fresh ``RangeIndex``; frame row ``i`` is line ``i + 2`` of a text file.

    Raises
    ------
    exposure.errors.DataFormatError
        Unsupported extension; a missing, empty, binary, HTML or non-UTF-8 file; a line
        with too many or too few fields (line named); a duplicated column; a file the
        Parquet, xlsx or Stata reader cannot read (its reason on one line, control
        characters escaped); a file separated otherwise than its extension says; an empty
        line between rows; a compressed file; a CSV file ending inside a quoted cell (the
        row and line where the quote opens: :data:`UNCLOSED_QUOTE`); a quoted cell with
        text after its closing quote (a quote inside it not doubled: :func:`_text_after_quote`);
        a symbolic link to a missing file; a ``sheet`` that is no name or position, names
        no worksheet (the worksheets are listed), or is given for a file that is no workbook.
    exposure.errors.InputError
        A file that cannot be read, or a name too long for the system.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "t.csv").write_text('task,title\\n"Answer telephones, relay messages",Clerk\\n')
    >>> read_frame(d / "t.csv").to_dict("list")
    {'task': ['Answer telephones, relay messages'], 'title': ['Clerk']}
    >>> _ = (d / "bad.csv").write_text("task,title\\nAnswer telephones, relay messages,Clerk\\n")
    >>> read_frame(d / "bad.csv")   # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: .../bad.csv, row 2: too many fields: expected 2, got 3 (an unquoted comma inside a field?)
    >>> _ = (d / "empty.csv").write_bytes(b"")
    >>> read_frame(d / "empty.csv")   # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: .../empty.csv: file is empty
    """
    path = as_path(path)
    kind = table_kind(path, "input")
    sheet = check_sheet(sheet, path)
    if sheet is not None and kind != "xlsx":  # (it was ignored without a word)
        raise DataFormatError(f"sheet={sheet!r} is given, but a {path.suffix} file has no sheets: leave "
                              "sheet out, or give the .xlsx workbook", path=path)
    if kind in ("csv", "tsv"):
        check_file(path)
        return _read_delimited(path, kind)
    return _read_binary(path, kind, sheet)


def check_delimited_file(path, *, one_name: bool = False) -> list[str]:
    """Check a CSV or TSV user table record by record, without loading it; return its header.

    The checks of :func:`read_frame` for a file read in batches (``pandas.read_csv`` with
    ``chunksize`` and ``index_col=False``, which on its own drops the surplus fields of a
    long row with only a warning): a missing, empty, binary, HTML or non-UTF-8 file, a
    column named twice, and a record with more or fewer fields than the header (its first
    line named), an empty line between records of a file of several columns (named as
    such, as :func:`read_frame` names it), a CSV file ending inside a quoted cell (named
    before any batch is read, with the row and line where the quote opens; pandas raised
    ``ParserError`` at the last batch, and a header whose quote was never closed was
    returned as the header). Empty lines and lines of spaces or tabs ending
    the file are skipped, as pandas skips them. Memory does not grow with the file. A
    second byte-order mark starting the file is dropped from the header, as
    :func:`read_frame` drops it (it began the first column's name).

    Parameters
    ----------
    path : str or os.PathLike
        ``.csv`` (comma, double-quote quoting) or ``.tsv``/``.txt`` (tab, quotes are text).
    one_name : bool, default False
        Whether the caller reads the table under this one name only (a table of the
        library's own): a workbook or a Parquet file so named is told to be saved as
        text. By default the caller reads user tables (``exposure score``), which read
        a workbook or a Parquet file by its extension: the name to give it is said.

    Returns
    -------
    list of str
        The header fields.

    Raises
    ------
    exposure.errors.DataFormatError

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text('task,title\\n"Weld, then grind.",Welder\\nSew.,Tailor,\\n')
    >>> check_delimited_file(p)   # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: .../t.csv, row 3: too many fields: expected 2, got 3 (a trailing separator at the end of the line?)
    >>> _ = p.write_text('task,title\\n"Weld, then grind.",Welder\\n')
    >>> check_delimited_file(p)
    ['task', 'title']
    """
    path = as_path(path)
    kind = table_kind(path, "input")
    if kind not in ("csv", "tsv"):
        raise DataFormatError(f"not a delimited text file ({kind})", path=path)
    head = check_file(path)
    sep, quoting = ("," , csv.QUOTE_MINIMAL) if kind == "csv" else ("\t", csv.QUOTE_NONE)
    _check_signature(head, path, _save_as_text(sep) if one_name else None)
    check_no_nul(path)  # named with its line, as read_frame names it
    with open(path, "rb") as fh:  # a byte that is not UTF-8 is named below, as read_frame does
        head = fh.read(1 << 16).decode("utf-8-sig", "replace")
        _check_layout(_head_lines(head), sep, path)
    header = _fitting_header(path, sep, quoting)
    if header is not None:
        header[0] = header[0].lstrip("\ufeff")  # a second byte-order mark, as read_frame drops it
        check_header(header, path)
        return header
    # errors name the record (row, the header being row 1) and the line it starts on
    blank = None  # (row, line, what) of a blank line after the header: an error if data follows it
    data_seen = False  # whether a record other than an empty line follows the header
    rows = 0  # records read, blank lines included (a spreadsheet shows them as rows)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh, _no_field_limit():
            source = _LastLine(fh)
            reader = csv.reader(source, delimiter=sep, quoting=quoting, strict=False)
            start = 1
            lf_file = False  # whether the header line ends with a line feed
            taken, begun = [], 1  # the lines of the last record, and the line it starts on
            for record in reader:
                taken, source.taken, begun = source.taken, [], start
                rows += 1
                if rows == 1:
                    lf_file = source.line.endswith("\n")
                elif lf_file and _ends_alone(source.line) and source.more():
                    # a record ended by a carriage return alone, before others: as read_frame
                    raise _lone_cr_error(path, rows, start, len(record) or 1, header)
                # an empty line, or one of spaces or tabs in a file of several columns:
                # ignored at the end of the file (as pandas skips it), refused before data
                what = EMPTY_LINE if not record else (
                    BLANK_LINE if header is not None and len(header) > 1
                    and _spaces_only(record, source.line) else None)
                if what is not None:
                    if header is None:  # read whole, such a file is refused: so in batches
                        raise DataFormatError(f"{EMPTY_LINE}; the header must be the first line",
                                              path=path, row=rows, line=start)
                    if blank is None:
                        blank = (rows, start, what)
                    start = reader.line_num + 1
                    continue
                after = _text_after_quote(taken, sep) if quoting != csv.QUOTE_NONE else None
                # ('"Weld "hot" metal."': read on as 'Weld hot" metal."'; a cell never closed
                # that ends the record is named as such, below)
                if after is not None and _open_quote_line(taken, sep) is None:
                    raise _text_after_quote_error(path, rows, start, after)
                if header is None:
                    header = [record[0].lstrip("\ufeff"), *record[1:]]  # (as read_frame reads it)
                    check_header(header, path)
                    start = reader.line_num + 1
                    continue
                if blank is not None and len(header) > 1 and (
                        len(record) != len(header) or any(record)):
                    # (empty records, Excel's ",,," rows, may follow it at the end)
                    raise DataFormatError(blank[2], path=path, row=blank[0], line=blank[1])
                if len(record) != len(header):
                    got, width = len(record), len(header)
                    _refuse_open_quote(taken, sep, quoting, path, rows, start)
                    if got == 1 and _blank_line(record) is not None:  # '"  "': a quoted cell of spaces
                        raise DataFormatError(BLANK_LINE, path=path, row=rows, line=start)
                    if got < width and _eof_mark(record):  # as check_field_counts says it
                        raise DataFormatError(f"too few fields: expected {width}, got {got}: {EOF_MARK}",
                                              path=path, row=rows, line=start)
                    if got < width:
                        what = f"too few fields: expected {width}, got {got} (truncated file or line?)"
                        column = header[got]
                        # a header ending with a separator the rows lack: named as read_frame names it
                        # (it was "row 2, column '': ... (truncated file or line?)")
                        unnamed = _unnamed_header_note(header, got, sep)
                        if unnamed:
                            what, column = f"too few fields: expected {width}, got {got}: {unnamed}", None
                        elif sep == "\t":  # a quoted cell spanning lines, read with quotes as text
                            error = _quoted_break_error(_file_lines(path, start - 1), sep, header, got,
                                                        rows, start, QUOTED_TAB, path)
                            if error is not None:
                                raise error
                    else:
                        what = f"too many fields: expected {width}, got {got}"
                        other = _one_column_separator(header, sep)
                        if _json_note(head[:200], sep):  # as read_frame says it
                            what += _json_note(head[:200], sep)
                        elif other is not None and other in "".join(taken):
                            # a header of one field separated as this record is (';'): said, as
                            # read_frame says it (it was "an unquoted comma inside a field?")
                            what += _one_column_note(header, sep)
                        elif rows == 2 and got == width + 1 and _file_row_names(path, sep, quoting, width):
                            what += ROW_NAMES
                        elif record[-1] == "":
                            what += " (a trailing separator at the end of the line?)"
                        elif sep == "," and _space_quote_note(record):  # as read_frame says it
                            what += _space_quote_note(record)
                        elif sep == "\t" and any('"' in field for field in record):
                            what += QUOTED_TAB  # (a comma separates nothing in this file)
                        elif rows == 2 or not data_seen:  # the first record (read in batches:
                            # the ones below unseen), empty lines above it ("Title\n\nheader")
                            what += (TITLE_OR_COMMA if sep == "," else TITLE_ABOVE) % (
                                width, "" if width == 1 else "s")
                        elif sep == ",":
                            what += " (an unquoted comma inside a field?)"
                        column = None
                    raise DataFormatError(what, path=path, row=rows, line=start, column=column)
                data_seen = True
                start = reader.line_num + 1
    except UnicodeDecodeError:
        decode_text(path.read_bytes(), path, sep, quoting)  # names the bad byte, its row and line
        raise DataFormatError("cannot parse as delimited text", path=path) from None
    except csv.Error as exc:
        raise DataFormatError(f"cannot parse as delimited text: {exc}", path=path, row=rows + 1,
                              line=start) from None
    if header is None:
        raise DataFormatError("file is empty", path=path)
    # a quoted cell never closed takes the rest of the file: the last record
    _refuse_open_quote(taken, sep, quoting, path, rows, begun)
    return header


def _file_lines(path: Path, first: int, count: int = 1001) -> list[str]:
    """Lines ``first`` (from 1) to ``first + count - 1`` of the text file ``path``, without their line ends."""
    lines = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for number, line in enumerate(fh, 1):
            if number >= first + count:
                break
            if number >= first:
                lines.append(line.rstrip("\r\n"))
    return lines


def _file_row_names(path: Path, sep: str, quoting: int, width: int) -> bool:
    """:func:`holds_row_names` of the records below the header of the file ``path`` (its first records only)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh, _no_field_limit():
            reader = csv.reader(fh, delimiter=sep, quoting=quoting)
            next(reader, None)
            return holds_row_names(reader, width, sep)
    except (OSError, UnicodeDecodeError, csv.Error):
        return False


def _refuse_open_quote(lines: list, sep: str, quoting: int, path: Path, row: int, line: int) -> None:
    """Refuse record ``row`` (its ``lines``, from ``line``) if it ends inside a quoted cell.

    pandas raised ``ParserError: ... EOF inside string starting at row N`` reading such
    a file, after the batches before it; in a file of several columns the record was
    "too few fields".
    """
    if quoting == csv.QUOTE_NONE:
        return
    at = _open_quote_line(lines, sep)
    if at is not None:
        raise _unclosed_quote_error(path, row, line + at)


def _fitting_header(path: Path, sep: str, quoting: int) -> list[str] | None:
    """The header of a delimited file whose every later record has its width, else None.

    One pass that only collects the widths of the records (in C, :mod:`csv` and
    :class:`set`): the usual file is checked at the speed of reading it. None (a blank
    line, a record of another width, an undecodable byte, a :mod:`csv` error) sends
    :func:`check_delimited_file` through the file record by record, which names the line.
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh, _no_field_limit():
            # strict: a file ending inside a quoted cell is a csv.Error here, named below
            reader = csv.reader(fh, delimiter=sep, quoting=quoting, strict=True)
            header = next(reader, None)
            if not header:
                return None
            widths = set(map(len, reader))
    except (UnicodeDecodeError, csv.Error):
        return None
    if widths <= {len(header)} and _lone_carriage_return(path):
        return None  # read record by record, which names the line a carriage return ends
    return header if widths <= {len(header)} else None


def _lone_carriage_return(path: Path) -> bool:
    """Whether the bytes of ``path`` hold a carriage return not followed by a line feed.

    Read in blocks of 1 MiB, searched in C: the check of the usual file, which holds
    none, costs a pass over its bytes. A carriage return ending the file counts too.
    """
    with open(path, "rb") as fh:
        carry = b""
        for block in iter(lambda: fh.read(1 << 20), b""):
            block = carry + block
            # a carriage return ending the block: the next block tells
            carry = b"\r" if block.endswith(b"\r") else b""
            if _LONE_CR_BYTES.search(block, 0, len(block) - len(carry)):
                return True
    return bool(carry)


_LONE_CR_BYTES = re.compile(rb"\r(?!\n)")


@contextlib.contextmanager
def _no_field_limit():
    """Lift :mod:`csv`'s limit on the length of a field (131,072 characters) for the block.

    :func:`read_frame` (pandas) reads fields of any length, so the record-by-record check
    of a file read in batches must too. The limit is process-wide state: it is restored
    afterwards (a thread reading CSV meanwhile sees the higher limit, which refuses less).
    """
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, 2**31 - 1))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def write_frame(frame: pd.DataFrame, path, *, formulas: str = "neutralise") -> Path:
    """Write ``frame`` atomically as CSV, TSV, Parquet, .xlsx or Stata .dta (by extension).

    Parameters
    ----------
    frame : pandas.DataFrame
    path : str or os.PathLike
        Destination; the extension chooses the format (:data:`OUTPUT_KINDS`).
    formulas : {"neutralise", "keep"}, default "neutralise"
        For CSV/TSV, see :func:`exposure._io.write_csv` (text cells that a spreadsheet
        would run as formulas get a leading ``'``). ``.xlsx`` stores strings as strings,
        Parquet and Stata store text as text. Checked for every kind.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    exposure.errors.DataFormatError
        Unsupported extension, a ``frame`` that is not a DataFrame (a Series: what to
        give instead), a frame the format cannot hold (a column name given twice, also
        ``1`` and ``"1"``, naming both columns; a column without a name, in every format
        (a Stata file renamed it ``_0nan`` or ``_`` until round 75); no columns, except in a Parquet file; a ``.tsv`` cell, or
        one of a named index, holding a tab or a line break), or a ``formulas`` that is
        not ``"neutralise"`` or ``"keep"``, whatever the kind (it was taken without a word
        for Parquet, ``.xlsx`` and Stata).
    exposure.errors.OutputError
        The file cannot be written; nothing is left behind.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> f = pd.DataFrame({"task": ["Weld."], "beta": [0.5]})
    >>> [read_frame(write_frame(f, d / f"o.{x}"))["task"].iloc[0] for x in ("csv", "parquet", "xlsx", "dta")]
    ['Weld.', 'Weld.', 'Weld.', 'Weld.']
    """
    # every kind (it was checked for .csv and .tsv only: formulas="neutralize" was taken
    # without a word for .parquet, .xlsx and .dta)
    _check_formulas(formulas)
    kind = table_kind(path, "output")
    if kind == "csv":
        return write_csv(frame, path, formulas=formulas)
    if kind == "tsv":  # read back with quotes as text, so written without quoting: write_csv
        # refuses a cell holding a tab or a line break, of a named index too (_refuse_unquotable)
        return write_csv(frame, path, formulas=formulas, sep="\t", quoting=csv.QUOTE_NONE)
    if kind == "parquet":
        return write_parquet(frame, path)
    if kind == "xlsx":
        return write_xlsx(frame, path)
    return write_stata(frame, path)


def check_paired(first, second, first_name: str, second_name: str) -> None:
    """Refuse ``second`` (a frame or Series) holding the index labels of ``first`` in another order.

    The rows of the two are paired by position: a ``predicted`` frame of the tags of
    ``expected`` in another row order (``tag_categories`` of a sorted frame keeps the
    sorted frame's index) was compared row by row without a word, precision and recall 0.0
    for tags that match every task; a ``proba`` frame sorted after scoring gave a perfect
    scorer accuracy 0.25. Lists and arrays are paired by position, as documented. Rule of
    :func:`exposure.outcomes.exposure_groups` (``weights`` of ``values``).

    Examples
    --------
    >>> e = pd.DataFrame({"admin": [True, False]})
    >>> check_paired(e, e.iloc[::-1], "expected", "predicted")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: predicted has the index labels of expected in another order: the rows are paired by position, not by label; pass predicted.reindex(expected.index)
    """
    if not isinstance(second, (pd.DataFrame, pd.Series)):  # a list or an array: by position, as documented
        return
    ours, theirs = first.index, second.index
    if (len(ours) == len(theirs) and not ours.equals(theirs) and ours.is_unique and theirs.is_unique
            and set(ours) == set(theirs)):
        raise DataFormatError(f"{second_name} has the index labels of {first_name} in another order: the rows "
                              f"are paired by position, not by label; pass {second_name}.reindex({first_name}.index)")


def check_pairs(*named) -> None:
    """Refuse arguments (frames or Series) holding one another's index labels in another order.

    ``named`` are ``(value, name)`` pairs, paired by position; the first frame or Series
    among them is the reference each later one is checked against
    (:func:`exposure._tables.check_paired`). Lists and arrays are paired by position, as
    documented. The metric functions of :mod:`exposure.scoring._evaluate` and the
    weighted correlations of :mod:`exposure.measures.compare` check their arguments so (a
    ``y`` Series sorted since was paired by position with the scores of other tasks).

    Examples
    --------
    >>> y = pd.Series([0, 1, 2])
    >>> check_pairs(([[1.0, 0.0, 0.0]] * 3, "proba"), (y, "y"), (y.iloc[::-1], "codes"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: codes has the index labels of y in another order: the rows are paired by position, not by label; pass codes.reindex(y.index)
    """
    given = [(value, name) for value, name in named if isinstance(value, (pd.DataFrame, pd.Series))]
    for value, name in given[1:]:
        check_paired(given[0][0], value, given[0][1], name)
