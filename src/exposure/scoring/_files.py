"""Score a file of tasks: read CSV, TSV or Parquet, score, write CSV, TSV or Parquet.

:func:`score_file` is what ``exposure score`` runs: it reads the input with
:func:`read_task_file` (every column kept, as text for CSV/TSV), understands O*NET's own
published headers (:data:`ONET_HEADER_ALIASES`), picks the O*NET release whose work
activities to use (:func:`onet_for_tasks`), scores with :func:`exposure.scoring.score_tasks`
and writes the input columns followed by :data:`~exposure.scoring.SCORE_COLUMNS`.

The input reader is specific to user task files (any columns, CSV quoting, Parquet); the
O*NET/OEWS parsers read through :mod:`exposure._tables` instead.

Bounded memory
--------------
:func:`score_file` streams: it reads :data:`BATCH_ROWS` rows at a time
(:func:`iter_task_batches`: pandas' chunked CSV reader, which parses exactly as the
whole-file reader does; :meth:`pyarrow.parquet.ParquetFile.iter_batches` for Parquet),
scores each batch and appends it to a temporary output file that is renamed into place at
the end. Peak memory is one batch (and the next one, read ahead so that the last batch is
scored whole rather than its last occupation on its own) plus, for Parquet output, one row
group of output: up to :data:`PARQUET_ROW_GROUP` rows, as
:func:`exposure._io.write_parquet` writes them, so an
output of fewer rows and less than :data:`PARQUET_GROUP_BYTES` in memory has the same bytes
as one written whole; a larger one is written in shorter row groups (at batch ends, once
the rows held reach that size), whose values are the same but whose bytes are not. A
batch holds whole occupations (below) and its features are built
:data:`exposure.scoring.learned.SCORE_CHUNK` rows at a time: what grows with the largest
occupation is its rows and their word vectors for the context mean.

The ``learned`` model has one cross-row feature: the *occupation context*, the mean word
vector of all tasks of the same occupation (same O*NET-SOC code) in the input. So
that a score never depends on where a batch ends, a batch is cut only between occupations:
the rows of the occupation that a batch ends in are carried over to the next batch. This
gives the same result as scoring the whole file at once when the rows of each occupation
are contiguous (sorted or grouped by occupation). Rows without an occupation (no code, or
no code and no title) belong to none and do not break the run of the rows around them: a
run ``A, -, A`` is carried whole, and rows without an occupation that end a batch are
carried with the occupation before them when the next batch goes on with it (the reader
looks one batch ahead; a gap of such rows longer than a batch ends the run, which then
counts as an occupation coming back). If an occupation comes back after other
occupations, the streaming pass stops and the file is scored in memory, as a whole, with a
note saying so (sort the input by occupation for bounded memory). Keys
(``onetsoc_code``, ``task_id``) are checked for duplicates across batches too.

Before any scoring, each batch's (or the whole file's) ``task_type`` values are checked
with the rule of ``exposure rollup`` (:func:`~exposure.scoring._inputs.check_task_types`),
and for an ``.xlsx`` or ``.dta`` output the input's own columns, which the output keeps,
are checked for what that format cannot hold (:func:`exposure._io.check_xlsx`,
:func:`exposure._io.check_stata`): these were found only by the roll-up, or by the
writer after all the scoring. A ``.csv`` or ``.tsv`` output refuses a NUL character of a
Parquet input (the library reads such a file as binary), a ``.tsv`` one a cell holding a
tab or a line break (it is written without quoting), and a line repeating the header (two
files joined) is refused, naming its line, whole and in batches, as are the header rows
that Qualtrics and SurveyMonkey write under the header of their exports and the total row
of an Excel table (:func:`_survey_header_rows`, :func:`_table_total_rows`). An ``.xlsx``
output of an ``.xlsx`` input keeps the numbers, dates and booleans of the input's cells
(:func:`_sheet_cells`).
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import logging
import re
import threading
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from exposure import scoring as scoring_module
from exposure._args import check_column, check_count, check_path, shown
from exposure._io import (
    FORMULA_ADVICE,
    XLSX_MAX_COLUMNS,
    XLSX_MAX_ROWS,
    _bytes_as_text,
    _parquet_problem,
    _refuse_unquotable,
    atomic_path,
    check_output_path,
    check_stata,
    check_xlsx,
    csv_text,
    duration_schema,
    neutralise_formulas,
    output_error,
    pandas_csv_text,
    pyarrow_parquet,
    write_csv,
    write_parquet,
)
from exposure._measures import EXPOSURE_MEASURES
from exposure._tables import (
    INPUT_KINDS,
    WRITER_QUOTED,
    binary_as_text,
    binary_signature,
    check_delimited_file,
    check_file,
    check_header,
    check_input_file,
    check_quoted_breaks,
    compressed_input,
    compressed_output,
    extension_alone,
    first_row_number,
    has_ns_times,
    index_as_columns,
    joined_header_note,
    json_advice,
    no_extension,
    nullable_dtype,
    other_format,
    parquet_shape,
    read_frame,
    reader_reason,
    std_stream,
    stored_index,
    unnamed_hint,
    write_frame,
    xlsx_sheet_note,
    xlsx_sheet_parts,
)
from exposure.errors import DataFormatError, ExposureError
from exposure.fetch import cache_status, resolve_mirror
from exposure.measures import eloundou
from exposure.onet import load_onet, onet_file_names
from exposure.scoring import (
    PROBA_COLUMNS,
    SCORE_COLUMNS,
    _check_model_method,
    _check_rows,
    _score_as_batch,
)
from exposure.scoring import categories as categories_module
from exposure.scoring import learned as learned_module
from exposure.scoring._features import XLSX_ESCAPE
from exposure.scoring._inputs import (
    argument_given,
    cell_shown,
    check_header_rows,
    check_onet,
    check_task_types,
    column_key,
    columns_shown,
    frames_unchanged,
    is_missing,
    key_spellings,
    missing_occupation_column,
    task_keys,
    task_texts,
    warn_codes_not_read,
    warn_keys_spelled_twice,
)
from exposure.scoring.learned import (
    as_model,
    check_model,
    frame_codes,
    load_model,
    occupation_groups,
    titles_share_context,
)

__all__ = [
    "ONET_HEADER_ALIASES",
    "AUTO_ONET_RELEASE",
    "ScoredFile",
    "file_kind",
    "json_advice",
    "read_task_file",
    "iter_task_batches",
    "append_scores",
    "occupation_keys",
    "carry_cut",
    "cached_onet",
    "BATCH_ROWS",
    "onet_aliases",
    "aliased_column",
    "onet_for_tasks",
    "auto_release",
    "score_file",
]

logger = logging.getLogger(__name__)

_CSV = (".csv",)
#: Tab-separated text written (``.txt`` is read as such, not written: :data:`exposure._tables.OUTPUT_KINDS`).
_TSV = (".tsv",)
#: :meth:`pandas.DataFrame.to_csv` options of a ``.tsv`` output, as
#: :func:`exposure._tables.write_frame` writes one (read back with quotes as text: no quoting).
_TSV_OPTIONS = {"sep": "\t", "quoting": csv.QUOTE_NONE}
#: Output kinds written as delimited text, -> how a writer's message names such a file.
_TEXT_OUTPUTS = {"csv": "a CSV file", "tsv": "a .tsv file"}
_PARQUET = (".parquet", ".pq")
#: O*NET's own published column names, accepted in place of the library's names.
#: ``Job Zone`` is the header of O*NET's ``Job Zones`` file: a task list joined with it was
#: scored without its zones, without a word (``entry_creative`` and the rubric's prior
#: changed), while ``score_tasks`` reads a ``job_zone`` column (round 56).
ONET_HEADER_ALIASES = {"O*NET-SOC Code": "onetsoc_code", "Task ID": "task_id", "Task": "task",
                       "Title": "title", "Task Type": "task_type", "Job Zone": "job_zone"}
#: O*NET release used by ``onet="auto"`` when its files are at hand.
AUTO_ONET_RELEASE = "29.1"
#: Rows read and scored at a time by :func:`score_file`.
BATCH_ROWS = 10_000
#: Rows per Parquet row group and the writer options of :func:`exposure._io.write_parquet`
#: (the streamed output must have the same bytes as a file written whole).
PARQUET_ROW_GROUP = 1_000_000
#: Bytes (in Arrow) after which a streamed Parquet output writes a row group early.
PARQUET_GROUP_BYTES = 128 * 2**20
#: Variables (columns) of a Stata .dta file as :func:`exposure._io.write_stata` writes it
#: (format 118).
STATA_MAX_VARIABLES = 32_767
#: File kinds read and written whole, never in batches.
_WHOLE = {"xlsx", "dta"}
_PARQUET_OPTIONS = {"compression": "zstd", "compression_level": 3, "write_statistics": False,
                    "use_dictionary": True, "store_schema": False}
#: Names of task-weight columns (lower case, spaces around them aside) that ``exposure
#: rollup`` refuses in its input (it weighs tasks by ``--weights``): the rule of
#: ``exposure.cli._rollup.FOREIGN_WEIGHTS``, which :func:`_warn_replaced` tells of before
#: the scoring, as the output keeps the input's columns.
WEIGHT_COLUMNS = ("weight", "weights", "task_weight", "task_weights")
#: Column names of task weights of the caller's own, which the roll-up does not read (it
#: weighs by ``weights=`` alone), compared as :func:`plain_name` writes them: another tool's
#: weights (:data:`WEIGHT_COLUMNS`) and each task's hours, importance or frequency, which the
#: caller may have meant as its weight. ``exposure score`` warns of them, as the output keeps
#: them (:func:`_warn_replaced`); the roll-up warns of them, ``exposure rollup`` refuses them.
OWN_WEIGHTS = (*WEIGHT_COLUMNS, "hours", "task_hours", "importance", "task_importance", "frequency",
               "task_frequency")


def plain_name(column: str) -> str:
    """``column`` in lower case, stripped, each run of spaces or underscores one underscore.

    Examples
    --------
    >>> plain_name(" Task  type"), plain_name("TASK_TYPE"), plain_name("task weights")
    ('task_type', 'task_type', 'task_weights')
    """
    return re.sub(r"[\s_]+", "_", column.strip().lower())


def file_kind(path, what: str = "input") -> str:
    """``"csv"``, ``"tsv"``, ``"parquet"``, ``"xlsx"`` or ``"dta"`` by extension.

    Excel workbooks (``.xlsx``, first sheet, cells read as text) and Stata files (``.dta``)
    are read and written whole (no batches): they are for the tables economists keep, not
    for millions of postings. An input is read by the extensions of
    :func:`exposure._tables.read_frame` (:data:`exposure._tables.INPUT_KINDS`): a
    macro-enabled workbook (``.xlsm``) is read as an ``.xlsx`` one (not written), as
    ``exposure rollup`` reads it; it was an ``unsupported input file type``. A ``.tsv``
    output is tab-separated text as :func:`exposure._tables.write_frame` writes it (no
    quoting: a cell holding a tab or a line break is refused before scoring); it was
    refused (``unsupported output file type '.tsv'``), while the input was read. A
    JSON file (``.json``, ``.jsonl``, ``.ndjson``) is told how to convert it
    (:func:`json_advice`), and a spreadsheet of another program (``.xls``, ``.ods``,
    ``.numbers``) how to save it as ``.xlsx``: they were told the types read, no more.

    Raises
    ------
    exposure.errors.DataFormatError
        A name ending in a space or tab (``out.csv ``: saying what to write); a name that
        is an extension alone (``.csv``: ``-o "$NAME.csv"`` with ``NAME`` unset); any other
        extension (listing those read or written); a compressed one
        (``.csv.gz``): for an input, how to decompress it; for an output, the ``.parquet``
        file to write instead.

    Examples
    --------
    >>> file_kind("tasks.TXT"), file_kind("out.pq", "output"), file_kind("in.DTA"), file_kind("in.xlsm")
    ('tsv', 'parquet', 'dta', 'xlsx')
    >>> file_kind("out.tsv", "output")
    'tsv'
    >>> file_kind("in/tasks.ods")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: in/tasks.ods: unsupported input file type '.ods' (an OpenDocument spreadsheet is not read); use .csv, .tsv, .txt, .parquet, .pq, .xlsx, .xlsm or .dta: open it in LibreOffice Calc and save it as 'Excel 2007-365 (.xlsx)', then give in/tasks.xlsx
    >>> file_kind("out.xls", "output")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: out.xls: unsupported output file type '.xls'; use .csv, .tsv, .parquet, .xlsx or .dta
    >>> file_kind("out.csv.gz", "output")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: out.csv.gz: unsupported output file type '.gz' (gzip-compressed files are not written); use .csv, .tsv, .parquet, .xlsx or .dta: for compressed output write out.parquet (Parquet compresses its columns)
    """
    path = Path(path)
    if std_stream(path):
        stream = "standard input" if what == "input" else "standard output"
        raise DataFormatError(f"{stream} is not supported: give a file name", path=path)
    suffix = path.suffix.lower()
    # "-o .csv" ("$NAME.csv", NAME unset) was "unsupported output file type '(none)'; use .csv, ..."
    alone = extension_alone(path, (*_CSV, *_TSV, *_PARQUET, ".xlsx", ".dta", *(INPUT_KINDS if what == "input" else ())))
    if alone is not None:
        raise DataFormatError(alone, path=path)
    if suffix != suffix.rstrip() and suffix.rstrip():  # "out.csv ": a pasted or quoted name
        fix = (f"write {path.name.rstrip()!r}" if what == "output" else
               f"rename it {path.name.rstrip()!r}, so that its extension reads {suffix.rstrip()!r}")
        raise DataFormatError(f"the file name ends in a space or tab ({path.name!r}): {fix}",
                              path=path)
    if what == "input" and suffix in INPUT_KINDS:  # read_frame's: .xlsm too
        return INPUT_KINDS[suffix]
    if suffix in _CSV:
        return "csv"
    if suffix in _TSV:
        return "tsv"
    if suffix in _PARQUET:
        return "parquet"
    if suffix == ".xlsx":
        return "xlsx"
    if suffix == ".dta":
        return "dta"
    kinds = (", ".join(list(INPUT_KINDS)[:-1]) + f" or {list(INPUT_KINDS)[-1]}" if what == "input"
             else ".csv, .tsv, .parquet, .xlsx or .dta")
    other = other_format(path, kinds) if what == "input" else None
    if other is not None:  # JSON, .xls, .ods, .numbers: how to convert it (every reader's words)
        raise DataFormatError(other, path=path)
    if what == "output" and suffix == ".txt":  # read as tab-separated text, so asked for as such
        raise DataFormatError(f"unsupported output file type '.txt' (read as tab-separated text, not written); "
                              f"use {kinds}: for tab-separated text write {path.with_suffix('.tsv')}", path=path)
    # a .csv.gz input: "decompress it first"; output: "write .parquet", not "unsupported" alone
    compressed = (compressed_input if what == "input" else compressed_output)(path, kinds)
    if compressed is not None:
        raise DataFormatError(compressed, path=path)
    # "-o results": unsupported ... '(none)' (as if a format had been given)
    raise DataFormatError(no_extension(path, what, kinds)
                          or f"unsupported {what} file type {suffix or '(none)'!r}; use {kinds}", path=path)


def read_task_file(path) -> pd.DataFrame:
    """Read a CSV, tab-separated (all columns as text) or Parquet file of tasks.

    :func:`exposure._tables.read_frame`'s rules, and three of this reader's own, which
    :func:`iter_task_batches` shares: in a text file of one column, an empty line is a row
    with an empty cell (an error when scored, naming its line; pandas skipped blank and
    whitespace-only lines), the blank lines ending the file excepted; a Parquet file keeps
    every stored column, an index that pandas stored and that holds data (a named index,
    any index not a ``RangeIndex``, a ``RangeIndex`` not 0, 1, 2, ...) included, as a
    regular column (:func:`exposure._tables.index_as_columns`, as ``read_frame`` does);
    nested Parquet columns (lists, maps, structs) are :class:`pandas.ArrowDtype` columns,
    which a Parquet output writes back with their type; Parquet integer and boolean columns
    are pandas' nullable types (``Int64``, ``boolean``), so that a missing cell does not
    turn the integers of its column into floats.
    Empty cells of text files are missing values; double quotes in tab-separated files are
    text. In an ``.xlsx`` sheet, Excel's escapes of control characters (``_x000D_``, the
    carriage return of a line break) are read as the characters (:func:`_xlsx_escapes`).

    Raises
    ------
    exposure.errors.DataFormatError
        Unsupported extension, missing file, a directory, or a file that cannot be parsed;
        an ``.xlsx`` sheet with a merged range over cells of its rows, which would read
        as empty (:func:`exposure._tables.check_merged`, as ``read_frame`` refuses it).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.tsv"
    >>> _ = p.write_text('task\\tnote\\nSay "hi".\\t\\n')
    >>> read_task_file(p).to_dict("list")
    {'task': ['Say "hi".'], 'note': [nan]}
    """
    path = check_input_file(path, "input file")  # "-", a pipe: not "not found"
    if path.is_dir():  # file_kind said "unsupported input file type '(none)'"
        raise DataFormatError("is a directory, not a file: give a CSV, tab-separated or Parquet "
                              "file of tasks", path=path)
    kind = file_kind(path, "input")
    if not path.is_file():
        raise DataFormatError("input file not found", path=path)
    if kind == "parquet" and _nanosecond_times(path):
        return _parquet_whole(path)
    try:
        frame = read_frame(path)
    except pd.errors.ParserError as exc:  # pandas' words (a quote left open is read_frame's)
        raise _read_error(exc, path) from None
    if kind == "xlsx":
        frame = _xlsx_escapes(frame)
    if kind in ("csv", "tsv") and frame.shape[1] == 1:
        header = _text_header(path, kind)
        if len(header) == 1:  # blank lines are rows: see _text_batches
            frame = next(_text_batches(path, kind, header, None))
    elif kind == "parquet":
        pq = pyarrow_parquet()
        # read_frame drops nested types and reads integers with a missing cell as floats
        with open(path, "rb") as fh:
            schema = pq.read_schema(fh)
        if stored_index(schema) or _nullable_types(schema):
            with open(path, "rb") as fh:  # as the batches read it
                frame = _parquet_frame(pq.read_table(fh), path=path)
    return frame


def _nanosecond_times(path: Path) -> bool:
    """Whether the Parquet file ``path`` has a column of times of day in nanoseconds (``time64[ns]``).

    pandas' reader (:func:`exposure._tables.read_frame`) converts such a column to Python
    ``datetime.time``, which holds microseconds: a time with nanoseconds stopped the read
    (``cannot read this Parquet file: Value 3723000000001 has non-zero nanoseconds``). A
    file that cannot be opened as Parquet is left to ``read_frame`` to name.
    """
    try:
        with open(path, "rb") as fh:
            binary_signature(check_file(path), path, "parquet")
            schema = pyarrow_parquet().read_schema(fh)
    except (ExposureError, OSError, pa.ArrowException):  # read_frame says what the file is
        return False
    return has_ns_times(schema)


def _parquet_whole(path: Path) -> pd.DataFrame:
    """The Parquet file ``path`` read whole as :func:`iter_task_batches` reads its batches.

    For a file with a column of times in nanoseconds (:func:`_nanosecond_times`), which
    the batches keep as an Arrow column of their type (:func:`_nested_dtype`): an ``.xlsx``
    or ``.dta`` output, or ``batch_rows=None`` (``--batch-rows 0``), read the file whole and
    was refused, where the batches scored it. The checks are the batches' (a column named
    twice, a damaged file).
    """
    try:
        with open(path, "rb") as fh:
            pq = pyarrow_parquet()
            schema = pq.read_schema(fh)
            check_header(schema.names, path, row=None, where="the Parquet schema")
            fh.seek(0)
            table = pq.read_table(fh)
        return _parquet_frame(table, rows=table.num_rows, path=path)
    except Exception as exc:  # the reader's own errors named for the file; others raised as they are
        err = _read_error(exc, path)
        if err is exc:
            raise
        raise err from None


def _xlsx_escapes(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (a sheet read as text) with Excel's escaped control characters decoded.

    Excel stores a carriage return of a cell as ``_x000D_`` (XML would read a raw one as
    a line feed), and openpyxl, so pandas, leaves it so: a task with a line break
    (``Frame walls and floors`` CRLF ``with lumber.``) was read and scored as ``Frame walls
    and floors_x000D_`` LF ``with lumber.``, the words around the escape lost to the model
    (its confidence 0.99 fell to 0.59), and the escape written to the output. Cells without
    an escape are left as they are (the frame itself when none has one).

    Examples
    --------
    >>> _xlsx_escapes(pd.DataFrame({"task": ["Weld_x000D_\\npipes.", None]}))["task"].tolist()
    ['Weld\\r\\npipes.', nan]
    """
    out = frame
    for j in range(frame.shape[1]):
        col = frame.iloc[:, j]
        if not pd.api.types.is_string_dtype(col.dtype):
            continue
        texts = col.str.contains("_x00", regex=False, na=False).to_numpy(dtype=bool)
        if not texts.any():
            continue
        if out is frame:
            out = frame.copy()
        out.isetitem(j, col.where(~texts, col[texts].str.replace(
            XLSX_ESCAPE, lambda m: chr(int(m[1], 16)), regex=True)))
    return out


def _read_error(exc: Exception, path: Path) -> Exception:
    """The DataFormatError for a reader's exception, or the exception itself (a bug).

    One line: a damaged Parquet file gave pyarrow's reason over two lines (``Couldn't
    deserialize thrift: ...`` / ``Deserializing page header failed.``); its first line is
    kept, control characters escaped, as :func:`exposure._tables.read_frame` words it
    (:func:`exposure._tables.reader_reason`). (A CSV file ending inside
    a quoted cell is refused before, by ``read_frame`` and ``check_delimited_file``.) An
    error of the library's own is returned as it is: an unreadable file's ``InputError``
    (an ``OSError`` too) was wrapped again, ``t.csv: cannot read: t.csv: cannot read:
    Permission denied``, as a ``DataFormatError``. A Parquet file cut short is said to be
    so, as ``read_frame`` says it (:func:`exposure._tables.parquet_shape`): it was pyarrow's
    ``cannot read this Parquet file: Parquet magic bytes not found in footer. Either the
    file is corrupted or this is not a parquet file.``
    """
    if isinstance(exc, ExposureError):
        return exc
    if isinstance(exc, (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError,
                        OSError)) or type(exc).__module__.startswith("pyarrow"):
        if path.suffix.lower() in _PARQUET:
            return DataFormatError(parquet_shape(path) or f"cannot read this Parquet file: {reader_reason(exc)}",
                                   path=path)
        return DataFormatError(f"cannot read: {reader_reason(exc)}", path=path)
    return exc


def iter_task_batches(path, batch_rows: int = BATCH_ROWS) -> Iterator[pd.DataFrame]:
    """Read a task file ``batch_rows`` rows at a time, as :func:`read_task_file` reads it whole.

    Parameters
    ----------
    path : str or os.PathLike
        CSV, TSV (``.tsv``/``.txt``) or Parquet file.
    batch_rows : int, default :data:`BATCH_ROWS`
        Rows per batch (the last one may be shorter), a whole number of 1 or more.

    Yields
    ------
    pandas.DataFrame
        Consecutive rows, each batch with a fresh ``RangeIndex``; concatenated, they equal
        :func:`read_task_file` of the file. A file without rows yields one empty frame with
        the file's columns.

    Raises
    ------
    exposure.errors.DataFormatError
        Unsupported extension, missing file, or a file that cannot be parsed; an ``.xlsx``
        or ``.dta`` file, which is read whole (:func:`read_task_file`), saying so and how
        to save it as a file that streams.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text("task\\nWeld.\\nSew.\\nCook.\\n")
    >>> [b["task"].tolist() for b in iter_task_batches(p, 2)]
    [['Weld.', 'Sew.'], ['Cook.']]
    """
    path = check_input_file(path, "input file")  # "-", a pipe: not "not found"
    kind = file_kind(path, "input")
    if not path.is_file():
        raise DataFormatError("input file not found", path=path)
    if kind in _WHOLE:  # was "not a delimited text file (xlsx)", which said not what to do
        raise DataFormatError(_not_streamed(path, kind), path=path)
    batch_rows = check_batch_rows(batch_rows, whole=False)
    try:
        with contextlib.ExitStack() as stack:  # the Parquet file's handle, open while batches are read
            if kind == "parquet":
                # an empty file, a CSV or gzip file named .parquet: read_frame's words, not
                # pyarrow's ("Parquet file size is 0 bytes", "magic bytes not found ...")
                binary_signature(check_file(path), path, "parquet")
                # a handle: pyarrow encodes a path as UTF-8, and a name that is not (caf\xe9.parquet,
                # copied from a Windows share) raised a UnicodeEncodeError traceback
                handle = stack.enter_context(open(path, "rb"))
                reader = pyarrow_parquet().ParquetFile(handle)
                schema, rows = reader.schema_arrow, reader.metadata.num_rows
                # a column named twice: an AttributeError of a later check (a column read as a
                # frame), where read_frame names the two columns
                check_header(schema.names, path, row=None, where="the Parquet schema")
                # no batch is longer than the file: pyarrow takes a C long (2**63 overflowed)
                size = min(batch_rows, max(rows, 1))
                # a stored RangeIndex is metadata only: each batch takes its own slice of it
                batches = (_parquet_frame(pa.Table.from_batches([b], schema=schema), start=at,
                                          rows=rows, path=path)
                           for b, at in _with_starts(reader.iter_batches(batch_size=size)))
                first = next(batches, None)
                yield _parquet_frame(schema.empty_table(), rows=rows, path=path) if first is None else first
            else:
                # field counts, empty/binary files, a column named twice, before any batch
                header = check_delimited_file(path)
                batches = _text_batches(path, kind, header, batch_rows)
            for batch in batches:
                yield batch.reset_index(drop=True)
    except Exception as exc:
        err = _read_error(exc, path)
        if err is exc:
            raise
        raise err from None


def _not_streamed(path: Path, kind: str) -> str:
    """Why :func:`iter_task_batches` refuses an ``.xlsx`` or ``.dta`` file, and what to do.

    Examples
    --------
    >>> _not_streamed(Path("t.dta"), "dta")
    "a Stata file is read whole, not in batches (iter_task_batches reads .csv, .tsv, .txt, .parquet and .pq files): read it with read_task_file('t.dta'), or save it as CSV to stream it (in Stata: export delimited using t.csv)"
    """
    streamed = [s for s, k in INPUT_KINDS.items() if k not in _WHOLE]
    what, save = (("an Excel workbook", "save the sheet as CSV to stream it (in Excel: Save As, 'CSV UTF-8 "
                   "(Comma delimited)')") if kind == "xlsx" else
                  ("a Stata file", f"save it as CSV to stream it (in Stata: export delimited using "
                   f"{path.with_suffix('.csv').name})"))
    return (f"{what} is read whole, not in batches (iter_task_batches reads {', '.join(streamed[:-1])} and "
            f"{streamed[-1]} files): read it with read_task_file({str(path)!r}), or {save}")


def check_batch_rows(batch_rows, *, whole: bool = True) -> int | None:
    """``batch_rows`` as an int (``1000.0`` is 1000); None, when ``whole``, reads the file whole.

    Raises
    ------
    exposure.errors.DataFormatError
        Anything but a whole number of 1 or more (or None): ``0`` and ``-1`` raised a
        ``ValueError`` of their own, ``2.5`` and ``True`` pandas' ``'chunksize' must be an
        integer >=1``, ``"10"`` a ``TypeError``.

    Examples
    --------
    >>> check_batch_rows(1000.0), check_batch_rows(None)
    (1000, None)
    >>> check_batch_rows(0)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: batch_rows must be a whole number of 1 or more (or None: the whole file at once), got int 0
    """
    if batch_rows is None and whole:
        return None
    try:
        return check_count(batch_rows, "batch_rows", 1)
    except DataFormatError:
        also = " (or None: the whole file at once)" if whole else ""
        raise DataFormatError(f"batch_rows must be a whole number of 1 or more{also}, got "
                              f"{shown(batch_rows)}") from None


def _with_starts(batches) -> Iterator[tuple[pa.RecordBatch, int]]:
    """Each record batch with the row of the file it starts at."""
    at = 0
    for batch in batches:
        yield batch, at
        at += batch.num_rows


def _text_options(kind: str) -> dict:
    """:func:`pandas.read_csv` options of a ``.csv`` or ``.tsv`` user table (as read_frame)."""
    if kind == "tsv":
        return {"sep": "\t", "quoting": csv.QUOTE_NONE}
    return {"sep": ",", "quoting": csv.QUOTE_MINIMAL}


def _text_header(path: Path, kind: str) -> list[str]:
    """The header fields of a checked CSV or TSV file.

    A second byte-order mark is dropped from the first field, as
    :func:`exposure._tables.read_frame` drops it: a one-column file saved twice with one
    (``read_task_file``, ``exposure evaluate --paraphrases``) kept the column
    ``'\ufefftask'``, unseen, and was told it had no ``task`` column.
    """
    opts = _text_options(kind)
    with open(path, encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh, delimiter=opts["sep"], quoting=opts["quoting"]), [])
    return [header[0].lstrip("\ufeff"), *header[1:]] if header else header


def _check_unnamed(path: Path, kind: str, header: list) -> None:
    """Raise as :func:`exposure._tables.read_frame` does on a column with values but no name.

    A pass over the unnamed columns only, :data:`BATCH_ROWS` rows at a time: the first such
    column (by position) holding a cell that is not blank is refused, naming the row of its
    first cell. A first column of row numbers (pandas' ``to_csv()`` without
    ``index=False``, R's ``write.csv()`` without ``row.names = FALSE``) says so and what to
    do (:func:`exposure._tables.unnamed_hint`), as ``read_frame`` says it (it was "name it").
    """
    blank = [i for i, name in enumerate(header) if not str(name).strip()]
    first: dict[int, int] = {}
    value: dict[int, str] = {}  # the first cell that is not blank, of each unnamed column
    valued: set[int] = set()
    rows = 0
    for chunk in pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], header=0,
                             names=[f"c{i}" for i in range(len(header))],
                             usecols=[f"c{i}" for i in blank], index_col=False,
                             chunksize=BATCH_ROWS, **_text_options(kind)):
        for i in blank:
            cells = chunk[f"c{i}"]
            given = cells.notna().to_numpy(dtype=bool)
            if i not in first and given.any():
                first[i] = rows + int(given.argmax())
            filled = cells.dropna().astype(str)
            filled = filled[filled.str.strip() != ""]
            if len(filled):
                valued.add(i)
                value.setdefault(i, filled.iloc[0])
        rows += len(chunk)
    for i in blank:
        if i in valued:
            note = (i == 0 and unnamed_hint(value[i], kind)) or "name it"
            raise DataFormatError(f"column {i + 1} has values but no name in the header (first "
                                  f"at row {2 + first[i]}): {note}", path=path, row=1)
        logger.info("%s: dropped column %d: no name and no values (a trailing separator)",
                    path, i + 1)


def _text_batches(path: Path, kind: str, header: list,
                  batch_rows: int | None) -> Iterator[pd.DataFrame]:
    """The rows of a checked CSV or TSV file, ``batch_rows`` at a time (None: one frame).

    The rules of :func:`exposure._tables.read_frame`: every cell a string, empty cells
    missing, the column names as written in the header (``Unnamed: 2`` too), an unnamed
    column dropped if it holds nothing and refused if it holds values. One rule of its
    own: in a file of one column, an empty line is a row (an empty cell, which
    :func:`~exposure.scoring.score_tasks` refuses, naming its line) and a blank cell is a
    row too, so that row numbers stay line numbers; the empty lines and the lines of spaces
    or tabs that end the file are dropped (as ``read_frame`` and files of more columns
    drop them). (pandas skips blank and whitespace-only lines, which dropped tasks
    silently and shifted the line numbers of later errors.) Files of more columns keep
    pandas' rule: a blank line before data is refused by
    :func:`~exposure._tables.check_delimited_file` (``row 3: empty line``), blank lines at the end
    are skipped. Records whose cells are all empty (Excel's ``,,,`` rows) at the end of the
    file are dropped too, as ``read_frame`` drops them; one in the middle is a row. A
    tab-separated file of one column whose quoted cell spans lines (Excel's tab-delimited
    text of a cell holding a line break) is refused (:func:`exposure._tables.check_quoted_breaks`):
    each of its lines was a row, scored as a task.
    """
    keep = [i for i, name in enumerate(header) if str(name).strip()]
    if len(keep) < len(header):
        _check_unnamed(path, kind, header)
    single = len(header) == 1
    if single and kind == "tsv":  # Excel's quoted cell over two lines: each line was a task
        check_quoted_breaks(path, str(header[0]))
    chunks = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], header=0,
                         names=[f"c{i}" for i in range(len(header))],
                         usecols=[f"c{i}" for i in keep], index_col=False,
                         skip_blank_lines=not single, chunksize=batch_rows, **_text_options(kind))
    names = [str(header[i]) for i in keep]
    held, empty = None, None
    for chunk in [chunks] if batch_rows is None else chunks:
        chunk = chunk.set_axis(names, axis=1)
        # empty rows at the end of a batch may be the blank lines (one column) or the
        # empty records (Excel's ",,," rows) ending the file: held until a row follows
        if held is not None and len(held):
            chunk = pd.concat([held, chunk], ignore_index=True)
        given = chunk.notna().any(axis=1).to_numpy(dtype=bool)
        if single and len(names):  # a line of spaces or tabs ends the file as an empty one does
            cell = chunk.iloc[:, 0]
            given = given & ~(cell.notna() & (cell.str.strip(" \t") == "")).to_numpy(dtype=bool)
        end = len(given) - int(given[::-1].argmax()) if given.any() else 0
        held, chunk = chunk.iloc[end:], chunk.iloc[:end]
        if not len(chunk):
            empty = chunk if empty is None else empty
            continue
        empty = False
        yield chunk
    if empty is not None and empty is not False:  # no rows: an empty frame, the file's columns
        yield empty


def _nested_dtype(arrow_type: pa.DataType):
    """``types_mapper`` of Parquet reads: nested columns stay Arrow columns of their type.

    Integer and boolean columns are read as pandas' nullable types (``Int64``,
    ``boolean``...): pandas' default made an integer column with a missing cell a float
    column (``9007199254740993`` became ``9007199254740992.0`` in every output, silently)
    and gave the batches of one column different types (``1`` in one batch, ``4.0`` in the
    next). A file written by pandas from nullable columns already had these types.

    Decimal columns (``decimal128(10, 0)``: a database's ``NUMERIC``) are Arrow columns of
    their type, as :func:`exposure.dask.score_dataset` reads them: read as Python
    ``Decimal`` objects, each batch's Arrow type was inferred from its values, so a
    ``.parquet`` output held ``decimal128(8, 0)`` for ``decimal128(10, 0)`` (and
    ``decimal128(6, 0)`` for ``decimal256(40, 0)``), and two batches of one column
    differed (``decimal128(2, 0)`` and ``decimal128(8, 0)``), which stopped the stream:
    the file was scored in memory as a whole, with a note saying the column's types
    differ between batches, where the file has one. So are times of day (``time32[ms]``,
    ``time64[ns]``) and fixed-size bytes (``fixed_size_binary[16]``): read as Python
    ``datetime.time`` and ``bytes``, a ``.parquet`` output held ``time64[us]`` and
    ``binary`` in their place, and a ``time64[ns]`` column holding a time with nanoseconds
    was not read at all (``Value 3723000000001 has non-zero nanoseconds``).

    Examples
    --------
    >>> _nested_dtype(pa.int64()), _nested_dtype(pa.uint8()), _nested_dtype(pa.bool_()), _nested_dtype(pa.string())
    (Int64Dtype(), UInt8Dtype(), BooleanDtype, None)
    >>> _nested_dtype(pa.decimal128(10, 0)), _nested_dtype(pa.time32("ms"))
    (decimal128(10, 0)[pyarrow], time32[ms][pyarrow])
    """
    if _arrow_kept(arrow_type):
        return pd.ArrowDtype(arrow_type)
    return nullable_dtype(arrow_type)


def _arrow_kept(arrow_type: pa.DataType) -> bool:
    """Whether :func:`_nested_dtype` reads a Parquet column of ``arrow_type`` as an Arrow column of its type."""
    return (pa.types.is_nested(arrow_type) or pa.types.is_decimal(arrow_type) or pa.types.is_time(arrow_type)
            or pa.types.is_fixed_size_binary(arrow_type))


def _nullable_types(schema: pa.Schema) -> bool:
    """Whether a Parquet schema has a column that :func:`_nested_dtype` reads other than pandas."""
    return any(_arrow_kept(t) or pa.types.is_integer(t) or pa.types.is_boolean(t) for t in schema.types)


def _parquet_frame(table: pa.Table, *, start: int = 0, rows: int | None = None,
                   path=None) -> pd.DataFrame:
    """Rows ``start`` on of a Parquet file as a frame: every stored column, a fresh ``RangeIndex``.

    An index that pandas stored and that holds data becomes regular columns, as
    :func:`exposure._tables.read_frame` keeps it (:func:`exposure._tables.index_as_columns`:
    stored levels in the file's order, under their stored names, ``__index_level_0__``
    for an unnamed one; a named or non-default ``RangeIndex`` last, with the values of
    these rows); the default ``RangeIndex`` is left out. ``rows`` is the length of the
    whole file (default: ``start`` plus the rows of ``table``). Nested columns (lists,
    maps, structs) are Arrow-backed (:class:`pandas.ArrowDtype`), so that a Parquet output
    writes them back with their type. ``binary`` columns (text that Impala, Hive or Spark
    wrote without the UTF-8 annotation) are read as text, a cell that is not UTF-8 refused
    naming its row (:func:`exposure._tables.binary_as_text`).

    Columns keep the names the file stores, as text (``index_as_columns``): a frame whose
    column labels were numbers (``pd.DataFrame(rows).to_parquet(...)``: labels 0, 1,
    stored as ``'0'``, ``'1'``) is read with the columns ``'0'``, ``'1'``, which
    ``--text-column 0`` names; column names of several levels (a MultiIndex) are refused,
    naming the file.

    Examples
    --------
    >>> table = pa.Table.from_pandas(pd.DataFrame({0: ["Weld."], 1: ["Welder"]}))
    >>> _parquet_frame(table).columns.tolist()
    ['0', '1']
    """
    # text written as binary (Impala, Hive, Spark, bytes from pandas): read as text, as read_frame reads it
    table = binary_as_text(table, path, start=start)
    frame = table.to_pandas(types_mapper=_nested_dtype)
    return index_as_columns(frame, table.schema, start=start, rows=rows, path=path)


def _check_flat(src: Path, dst: Path, out_kind: str) -> None:
    """Refuse, before any work, nested Parquet columns for an output that cannot hold them."""
    if out_kind == "parquet" or file_kind(src, "input") != "parquet" or not src.is_file():
        return
    try:
        with open(src, "rb") as fh:
            schema = pyarrow_parquet().read_schema(fh)
    except (pa.ArrowException, OSError):
        return  # the reader names what is wrong with the file
    for field in schema:
        if pa.types.is_nested(field.type) and not _score_named(field.name):
            raise DataFormatError(f"the column holds nested values ({field.type}), which "
                                  f"{dst.name} cannot hold (Parquet can); write .parquet, or "
                                  "drop or flatten the column", path=src, column=field.name)


def occupation_keys(frame: pd.DataFrame, occupation_column: str | None = None, *,
                    by_title: bool = False) -> list:
    """The occupation whose tasks the ``learned`` context feature averages, per row.

    The O*NET-SOC code when valid, else None (the row is its own occupation): the shipped
    model scores a row without a code as text alone, with no context. With ``by_title``
    (a model for which :func:`~exposure.scoring.learned.titles_share_context` holds), a row
    without a code has the lower-cased title, as in
    :func:`exposure.scoring.learned.occupation_groups`.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tasks with the library's column names.
    occupation_column : str, optional
        Column of occupation titles (default ``"title"``).
    by_title : bool, default False
        Rows without a code share the context of their title.

    Examples
    --------
    >>> tasks = pd.DataFrame({"onetsoc_code": ["11-1011.00", None, None],
    ...                       "title": ["CEO", " Clerk", None]})
    >>> occupation_keys(tasks), occupation_keys(tasks, by_title=True)
    (['11-1011.00', None, None], ['11-1011.00', 'title:clerk', None])
    """
    column = "title" if occupation_column is None else occupation_column
    codes = frame_codes(frame)
    if not by_title:
        return [c if c else None for c in codes]
    titles = (frame[column].astype("string").fillna("").tolist() if column in frame.columns
              else [""] * len(frame))
    return [None if k.startswith("row:") else k for k in occupation_groups(codes, titles)]


def _hashes(values: list) -> np.ndarray:
    return pd.util.hash_array(np.asarray(values, dtype=object))


#: What :func:`_with_following` gives for a following batch that could not be read.
_UNREAD = object()


def _with_following(batches: Iterator[pd.DataFrame]) -> Iterator[tuple[pd.DataFrame, object]]:
    """``(batch, following)`` of each batch: the next batch is read before a batch is given.

    ``following`` is the next batch, None after the last batch (so that the stream scores
    its last batch whole, not its last occupation alone in a call of its own), and
    :data:`_UNREAD` when reading it failed: that error is raised after the batch before
    it is given, as when the batches were read one at a time.

    Examples
    --------
    >>> [f is None for _, f in _with_following(iter([pd.DataFrame(), pd.DataFrame()]))]
    [False, True]
    """
    current = next(batches, None)
    while current is not None:
        try:
            following = next(batches, None)
        except BaseException:
            yield current, _UNREAD
            raise
        yield current, following
        current = following


class _NotGrouped(Exception):
    """An occupation came back after other occupations: the stream cannot score it alone."""


#: Why a stream falls back to scoring in memory when an occupation comes back.
_NOT_CONTIGUOUS = "the rows of an occupation are not contiguous"


def carry_cut(keys, next_key=None) -> int:
    """Rows to score now: all but those of the occupation the batch ends in.

    A stream of batches scores each occupation whole by carrying the rows of the last
    occupation of a batch over to the next one (:func:`score_file`, ``exposure.spark``).
    ``keys`` are the rows' occupation keys (:func:`occupation_keys`). A row with no
    occupation (``None``) belongs to none: inside the run of the last occupation
    (``a, None, a``) it is carried with the run, and it does not end the run. Rows with no
    occupation that end the batch are scored now, unless ``next_key``, the first
    occupation of the rows that follow (None: none, or not known), is the occupation
    before them: then they are carried with its run.

    Parameters
    ----------
    keys : list
        Occupation key of each row of the batch (None for a row without one).
    next_key : optional
        First occupation key of the rows after the batch.

    Returns
    -------
    int
        Rows to score now (the first ones); the rest are carried over.

    Examples
    --------
    >>> carry_cut(["a", "a", "b", "b"]), carry_cut(["a", "b", None]), carry_cut(["b", "b"])
    (2, 3, 0)
    >>> carry_cut(["b", "a", None, "a"]), carry_cut(["b", "a", None], "a"), carry_cut(["b", "a", None], "c")
    (1, 1, 3)
    """
    cut = len(keys)
    last = keys[-1] if cut else None
    if last is None:
        last = next_key
    if last is None:
        return cut
    while cut > 0 and (keys[cut - 1] is None or keys[cut - 1] == last):
        cut -= 1
    while cut < len(keys) and keys[cut] is None:  # rows before the run are not carried
        cut += 1
    return cut


#: O*NET releases loaded by :func:`cached_onet`, one per (release, mirror, data_dir).
_ONETS: dict = {}


def cached_onet(release, mirror=None, data_dir=None):
    """The O*NET release, loaded once per process (a Dask or Spark worker); None for None."""
    if release is None:
        return None
    key = (release, None if mirror is None else str(mirror), None if data_dir is None else str(data_dir))
    if key not in _ONETS:
        _ONETS[key] = load_onet(release, mirror=mirror, data_dir=data_dir)
    return _ONETS[key]


def _type_change(before: pa.Schema, after: pa.Schema) -> str:
    """Why two batches cannot go into one Parquet file: the first column whose type differs."""
    for a, b in zip(before, after, strict=False):
        if not a.equals(b):
            return (f"the column {a.name!r} has the type {a.type} in one batch and {b.type} in "
                    "another (Parquet needs one)")
    return "the column types differ between batches"


def _typed_nulls(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """``table`` with its columns of Arrow type ``null`` cast to the type ``schema`` gives them.

    A column of dates, times, decimals or bytes of a Parquet input is read as Python
    objects, whose Arrow type each batch infers from its values: a batch in which the
    column is missing throughout had the type ``null``, and the stream stopped ("the
    column 'd' has the type date32[day] in one batch and null in another"). An all-null
    column cast to the column's type holds the same values (the file written whole has
    that type). Other differences are left for the caller to report.
    """
    if len(schema) != table.num_columns or table.schema.equals(schema):
        return table
    fields = [t if a.name == t.name and pa.types.is_null(a.type) and not pa.types.is_null(t.type)
              else a for a, t in zip(table.schema, schema, strict=True)]
    if all(f is a for f, a in zip(fields, table.schema, strict=True)):
        return table
    return table.cast(pa.schema(fields))


def _full_times(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its timestamp and duration columns as text, each cell written in full.

    pandas writes such a column to CSV in a format chosen from all its cells (``2020-01-01``
    when every time is midnight, ``2020-01-01 00:00:00`` when one is not; ``1 days`` or
    ``1 days 00:00:00``), so that a file scored in batches wrote one column in two
    formats and its bytes depended on the batch size. Each cell is now written as
    ``Timestamp.isoformat(" ")`` (fractions of a second only where there are some) and
    ``str(Timedelta)``; missing cells stay missing. Applied after
    :func:`exposure._io.neutralise_formulas` (a negative duration is no formula).

    A column of times of day in nanoseconds (``time64[ns]``, an Arrow column:
    :func:`_nested_dtype`) holding a time finer than a microsecond is written with its
    nine digits (``01:02:03.000000001``, as a timestamp's nanoseconds are written); pandas
    wrote it cut to the microsecond (``01:02:03``), without a word (:func:`_ns_times`).

    Examples
    --------
    >>> t = pd.Series(pd.arrays.ArrowExtensionArray(pa.array([3723000000001, 3723500000000, None], pa.time64("ns"))))
    >>> _full_times(pd.DataFrame({"t": t}))["t"].tolist()
    ['01:02:03.000000001', '01:02:03.500000', None]
    """
    out = frame
    for j in range(frame.shape[1]):
        col = frame.iloc[:, j]
        text = _ns_times(col)
        if text is not None:
            if out is frame:
                out = frame.copy()
            out.isetitem(j, text)
            continue
        kind = col.dtype.kind if isinstance(col.dtype, np.dtype) else ""
        if not (kind in ("m", "M") or isinstance(col.dtype, pd.DatetimeTZDtype)):
            continue
        if out is frame:
            out = frame.copy()
        text = [None if v is pd.NaT or v is None else
                (v.isoformat(" ") if kind != "m" else str(v)) for v in col.tolist()]
        out.isetitem(j, pd.Series(text, index=col.index, dtype=object))
    return out


def _ns_times(col: pd.Series) -> pd.Series | None:
    """The cells of a ``time64[ns]`` column as text when one is finer than a microsecond, else None.

    Each time with nanoseconds is written ``HH:MM:SS.fffffffff``; the others as pandas
    writes them (``str`` of a ``datetime.time``: ``01:02:03``, ``01:02:03.500000``), so
    that a column without such a time keeps its bytes (None: left to pandas).
    """
    dtype = col.dtype
    if not (isinstance(dtype, pd.ArrowDtype) and pa.types.is_time64(dtype.pyarrow_dtype)
            and dtype.pyarrow_dtype.unit == "ns"):
        return None
    ns = pa.array(col.array).cast(pa.int64()).to_pylist()  # (Python's datetime.time has no nanoseconds)
    if not any(v is not None and v % 1000 for v in ns):
        return None
    text = []
    for v in ns:
        if v is None:
            text.append(None)
            continue
        seconds, fraction = divmod(v, 10**9)
        hours, rest = divmod(seconds, 3600)
        clock = f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"
        text.append(f"{clock}.{fraction:09d}" if fraction % 1000 else
                    f"{clock}.{fraction // 1000:06d}" if fraction else clock)
    return pd.Series(text, index=col.index, dtype=object)


class _Sink:
    """Appends scored batches to a temporary CSV, ``.tsv`` or Parquet file (bytes as if written whole)."""

    def __init__(self, tmp: Path, kind: str):
        self.tmp, self.kind = tmp, kind
        self.handle = (open(tmp, "wb") if kind == "parquet"
                       else open(tmp, "w", encoding="utf-8", newline=""))
        self.writer = None
        self.pending: list[pa.Table] = []
        self.n_pending = 0
        self.formulas = 0
        self.header = True

    def write(self, frame: pd.DataFrame) -> None:
        if self.kind in _TEXT_OUTPUTS:
            # bytes cells (a fixed-size binary Parquet column) as their text, as write_csv writes the
            # whole file (were their Python form b'...'), before the formula check; a cell
            # that is not UTF-8 was refused before scoring (_check_no_nul)
            frame = _bytes_as_text(frame, self.tmp, _TEXT_OUTPUTS[self.kind])
            frame, n = neutralise_formulas(frame)
            if not self.header:  # column names are counted with the first batch only
                n -= neutralise_formulas(pd.DataFrame(columns=frame.columns))[1]
            self.formulas += n
            frame = _full_times(frame)  # one format per cell, whatever the batch holds
            if self.kind == "tsv":  # write_csv's text of write_frame's options (its cells checked before scoring)
                text = frame.to_csv(None, index=False, lineterminator="\n", header=self.header, **_TSV_OPTIONS)
            else:
                text = csv_text(frame, header=self.header)  # pandas' bytes, faster (None: pandas)
            if text is None:
                text = pandas_csv_text(frame, header=self.header)
            self.handle.write(text)
            self.header = False
            return
        table = pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False)
        table = table.replace_schema_metadata(None)
        if self.pending or self.writer is not None:
            known = self.pending[0].schema if self.pending else self.writer.schema
            table = _typed_nulls(table, known)
            if self.pending and self.writer is None:  # a type the earlier batches lacked
                self.pending = [_typed_nulls(t, table.schema) for t in self.pending]
            if not table.schema.equals(known if not self.pending else self.pending[0].schema):
                raise _NotGrouped(_type_change(self.pending[0].schema if self.pending else known,
                                               table.schema))
        self.pending.append(table)
        self.n_pending += len(table)
        while self.n_pending >= PARQUET_ROW_GROUP:
            self._flush(PARQUET_ROW_GROUP)
        if sum(t.nbytes for t in self.pending) >= PARQUET_GROUP_BYTES:
            self._flush(self.n_pending)  # a shorter row group: memory stays bounded

    def _flush(self, rows: int) -> None:
        table = pa.concat_tables(self.pending).combine_chunks()  # pages as if written whole
        if self.writer is None:
            self.writer = pyarrow_parquet().ParquetWriter(self.handle, table.schema, **_PARQUET_OPTIONS)
            # a duration column is read back as such, as write_parquet stores it (Parquet has no
            # duration type: read back as integers, 1 s as 1000000), no other column's type changed
            durations = duration_schema(table.schema)
            if durations:
                self.writer.add_key_value_metadata(durations)
        self.writer.write_table(table.slice(0, rows), row_group_size=PARQUET_ROW_GROUP)
        rest = table.slice(rows)
        self.pending = [rest] if len(rest) else []
        self.n_pending = len(rest)

    def close(self) -> None:
        if self.kind == "parquet":
            if self.n_pending or self.writer is None:
                self._flush(self.n_pending)
            self.writer.close()
        self.handle.close()


def append_scores(frame: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """``frame`` without its columns named like score columns (spaces around a name aside), then ``scores``.

    Parameters
    ----------
    frame : pandas.DataFrame
        Input rows, with the caller's column names.
    scores : pandas.DataFrame
        Output of :func:`exposure.scoring.score_tasks` for the same rows, in order.

    Returns
    -------
    pandas.DataFrame
        The columns of ``frame`` (O*NET's published headers renamed to the library's, see
        :func:`onet_aliases`, so the output feeds ``exposure rollup``), then
        :data:`~exposure.scoring.SCORE_COLUMNS`; a fresh index.

    Examples
    --------
    >>> from exposure.scoring import score_tasks
    >>> f = pd.DataFrame({"Task": ["Weld pipes."], "label": ["old"]})
    >>> append_scores(f, score_tasks(f, "rubric", text_column="Task")).columns.tolist()[:3]
    ['task', 'p_e0', 'p_e1']
    """
    frame = frame.rename(columns=onet_aliases(frame))
    result = frame.reset_index(drop=True).drop(columns=[c for c in frame.columns if _score_named(c)])
    for col in SCORE_COLUMNS:
        result[col] = scores[col].array  # positional, dtype kept
    return result


def _score_named(name) -> bool:
    """Whether an input column is replaced by a score column: its name, spaces around it aside.

    ``method `` or `` alpha`` (a scored file edited by hand) was kept beside the score
    column ``method``: the readers of ``exposure rollup`` take names that differ by such
    spaces for one column, and refused the output (``column 'method' appears twice in the
    header``).

    Examples
    --------
    >>> _score_named("method "), _score_named("alpha"), _score_named("Method"), _score_named(0)
    (True, True, False, False)
    """
    return isinstance(name, str) and name.strip() in SCORE_COLUMNS


def onet_aliases(frame: pd.DataFrame) -> dict[str, str]:
    """Map O*NET's published column names to the library's, where the latter are absent.

    Parameters
    ----------
    frame : pandas.DataFrame

    Returns
    -------
    dict of str to str
        ``{published name: library name}`` for the columns to rename. The key columns
        are also found in another case or with spaces around their name (``O*NET-SOC
        CODE``, ``task id``, ``TASK_ID``), when the file has one such column for the key.

    Examples
    --------
    >>> onet_aliases(pd.DataFrame(columns=["O*NET-SOC Code", "Task ID", "Task", "task"]))
    {'O*NET-SOC Code': 'onetsoc_code', 'Task ID': 'task_id'}
    >>> onet_aliases(pd.DataFrame(columns=["O*NET-SOC CODE", "TASK_ID", "task"]))
    {'O*NET-SOC CODE': 'onetsoc_code', 'TASK_ID': 'task_id'}
    """
    aliases = {src: dst for src, dst in ONET_HEADER_ALIASES.items()
               if src in frame.columns and dst not in frame.columns}
    # the key columns in another case or padded (``O*NET-SOC CODE``, ``Task Id``,
    # ``TASK_ID``: a header retyped or exported in capitals) were not keys: the rows were
    # scored from the text alone, without O*NET nor a note, and the output kept the name,
    # which ``exposure rollup`` refused; the one such column of each key is taken for it
    have = set(frame.columns) | set(aliases.values())
    for dst, near in key_spellings(frame.columns, skip=aliases).items():
        if dst not in have and len(near) == 1:
            aliases[near[0]] = dst
    return aliases


#: The error on a repeated task key (``score_tasks``, :func:`_check_new_keys`), which names
#: the row of the key's first use.
FIRST_ON = re.compile(r"^(duplicate task key \(.*\)), first on row ([0-9]+)$", re.S)


def first_on(reason: str, name) -> str:
    """``reason`` with the row of its ``first on row N`` (a repeated task key) as ``name(N)`` says it.

    ``N`` counts the rows of the frame ``score_tasks`` was given, from 1: a Dask or Spark
    partition, or the rows of several regrouped by occupation, which the user cannot find. ``name``
    gives the words for that row (``row 2``, ``row 1 of DIR/a.parquet``), or None to
    leave ``reason`` as it is. Any other reason is returned as it is.
    """
    said = FIRST_ON.match(reason)
    named = None if said is None else name(int(said[2]))
    return reason if named is None else f"{said[1]}, first on {named}"


def row_arg(msg: str) -> int | None:
    """Index of the argument of ``msg`` (a %-format) that the words ``row %d`` format; None if none.

    The Dask and Spark entry points rewrite that argument of the warnings they hold, so
    that the row named is the user's, not the batch's.

    Examples
    --------
    >>> row_arg("%s%d row(s) ... (first: row %d, column 'task_id': %s)"), row_arg("no row")
    (2, None)
    """
    at = msg.find("row %d")
    return None if at < 0 else len(re.findall(r"%[-#0 +]*[0-9]*(?:\.[0-9]+)?[a-zA-Z]", msg[:at]))


def onet_for_tasks(frame: pd.DataFrame, method: str, release="auto", *,
                   mirror=None, data_dir=None):
    """The O*NET release to score ``frame`` with, and a note for the user (or None).

    Parameters
    ----------
    frame : pandas.DataFrame
        Tasks, with the library's column names.
    method : str
        Scoring method (``reference`` methods need no release).
    release : str, exposure.onet.OnetRelease or None, default "auto"
        ``"auto"``: :data:`AUTO_ONET_RELEASE` when the rows carry ``onetsoc_code`` and
        ``task_id`` and the release's files are in the mirror or verified in the cache
        (otherwise no release, with a note saying so); ``"none"`` or None: no release;
        a release already loaded (:func:`exposure.onet.load_onet`, checked by
        :func:`~exposure.scoring._inputs.check_onet`): that release; another name: that
        release (fetched if needed).
    mirror, data_dir : optional
        Passed to :func:`exposure.onet.load_onet`.

    Returns
    -------
    (exposure.onet.OnetRelease or None, str or None)

    Examples
    --------
    >>> onet_for_tasks(pd.DataFrame({"task": ["Weld."]}), "learned")
    (None, None)
    >>> onet_for_tasks(pd.DataFrame({"task": ["Weld."]}), "rubric", "none")
    (None, None)
    """
    if release is None or isinstance(release, str) and release in ("", "none"):
        return None, None
    if _loaded_release(release):
        return release, None
    if release != "auto":
        return load_onet(release, mirror=mirror, data_dir=data_dir), None
    name, note = auto_release(frame.columns, method, mirror=mirror, data_dir=data_dir)
    if name is None:
        return None, note
    logger.info("using O*NET %s work activities for rows with onetsoc_code and task_id", name)
    return load_onet(name, mirror=mirror, data_dir=data_dir), None


def _loaded_release(onet) -> bool:
    """Whether ``onet`` is a release object rather than a name; refuse what is neither.

    A name is text (``"29.1"``, ``"auto"``, ``"none"``; a number such as ``29.1`` is passed
    on to :func:`exposure.onet.load_onet`, which refuses it: a float cannot tell 30.10 from
    30.1); anything else must be a release with the
    tables the scorers read (:func:`~exposure.scoring._inputs.check_onet`). A release
    given to :func:`score_file` (as :func:`~exposure.scoring.score_tasks` takes it) was
    read as a release name: ``O*NET release OnetRelease(release='29.1', occupations= ...``,
    its tables printed over some thirty lines.
    """
    if onet is None or isinstance(onet, (str, int, float)) and not isinstance(onet, bool):
        return False
    check_onet(onet)
    return True


def auto_release(columns, method: str, *, mirror=None, data_dir=None) -> tuple[str | None, str | None]:
    """The name of the release that ``onet="auto"`` stands for (or None), and a note.

    :data:`AUTO_ONET_RELEASE` when ``columns`` (O*NET's published headers count) hold
    ``onetsoc_code`` and ``task_id``, the method is not a ``reference`` one and each
    file of the release that :func:`exposure.onet.load_onet` reads is in the mirror (when
    one is set) or verified in the cache; else None, with a note when the release is
    missing (a mirror without it included: the run is not stopped). Nothing is loaded: the rule of :func:`onet_for_tasks`,
    for ``exposure score --engine dask``, whose workers load the release by name.

    Examples
    --------
    >>> auto_release(["task"], "learned")
    (None, None)
    """
    names = {c for c in columns if isinstance(c, str)}
    names |= set(onet_aliases(pd.DataFrame(columns=sorted(names))).values())
    if str(method).startswith("reference") or not {"onetsoc_code", "task_id"} <= names:
        return None, None
    # the files load_onet reads (7), not all 35 of the release: a cache that `exposure score
    # --onet 29.1` filled was "neither in a mirror nor in the cache"; a mirror without them
    # failed the run ("not found in mirror") where auto falls back to the text alone
    files = [n for n in onet_file_names(AUTO_ONET_RELEASE).values() if n is not None]
    root = resolve_mirror(mirror)
    if any(cache_status(n, data_dir) != "verified" and (root is None or not (root / n).is_file())
           for n in files):
        where = "in a mirror" if root is None else f"in the mirror {root}"
        todo = ("pass --mirror DIR or run `exposure fetch`" if root is None else
                f"add it to the mirror, or run `exposure fetch onet/{AUTO_ONET_RELEASE}`,")
        return None, (f"O*NET {AUTO_ONET_RELEASE} is neither {where} nor in the cache, so the "
                      f"rows were scored from the text alone ({todo} for the work-activity "
                      "model)")
    return AUTO_ONET_RELEASE, None


def _file_model(model, method):
    """The ``model`` of :func:`score_file`, checked and loaded once before the file is read.

    A path is loaded (and sha256-verified) by :func:`~exposure.scoring.learned.as_model`
    for the methods that read a model; given with one that reads none (``rubric``,
    ``reference``), it is refused as :func:`~exposure.scoring.score_tasks` refuses it. An
    unknown method is left to :func:`~exposure.scoring.score_tasks` to name.
    """
    if model is None:
        return None
    check_model(model)  # a number, a path of no file
    if isinstance(method, str) and method in (*scoring_module.METHODS, "reference-human", "reference-gpt4"):
        _check_model_method(model, method)
        return as_model(model)
    return model


@dataclass(frozen=True)
class ScoredFile:
    """What :func:`score_file` did.

    Attributes
    ----------
    path : pathlib.Path
        File written.
    n_tasks : int
        Rows scored.
    method : str
        Method tag of the scores (e.g. ``reference-human``).
    n_unscored : int
        Rows without a score (``reference`` rows without a published label).
    note : str or None
        Something the user should know (e.g. no O*NET release was at hand).

    Examples
    --------
    >>> ScoredFile(Path("o.csv"), 3, "learned", 0, None).n_tasks
    3
    """

    path: Path
    n_tasks: int
    method: str
    n_unscored: int
    note: str | None


def score_file(src, dst, method: str = "learned", *, text_column: str = "task",
               occupation_column: str | None = None, onet: str | None = "auto",
               reference_source: str | None = None, mirror=None, data_dir=None,
               batch_rows: int | None = BATCH_ROWS,
               progress: Callable[[int], None] | None = None, model=None) -> ScoredFile:
    """Score every row of the task file ``src``; write it with the score columns to ``dst``.

    The file is read, scored and written ``batch_rows`` rows at a time, cut between
    occupations (see the module docstring): the output has the same bytes whatever the
    batch size, and memory does not grow with the input when the rows of each occupation
    are contiguous.

    Parameters
    ----------
    src : str or os.PathLike
        CSV, TSV (``.tsv``/``.txt``) or Parquet file, one task per row; O*NET's own headers
        (``O*NET-SOC Code``, ``Task ID``, ``Task``, ``Title``, ``Task Type``, and ``Job Zone``
        of its ``Job Zones`` file) are understood.
    dst : str or os.PathLike
        CSV, ``.tsv``, Parquet, ``.xlsx`` or ``.dta`` file to write (atomically), not ``src`` (nor a
        link to it): the input columns, then :data:`~exposure.scoring.SCORE_COLUMNS`
        (replacing input columns of those names, spaces around them aside, which a
        warning names unless the input is itself a scored file). Nested Parquet columns are written to Parquet only: for
        another output they are refused before any work.
    method, text_column, occupation_column, reference_source
        As in :func:`exposure.scoring.score_tasks`.
    onet : str, exposure.onet.OnetRelease or None, default "auto"
        O*NET release, see :func:`onet_for_tasks`: a name, or a release already loaded.
    mirror, data_dir : optional
        Where O*NET and the published labels are read from.
    batch_rows : int or None, default :data:`BATCH_ROWS`
        Rows read at a time, a whole number of 1 or more (one larger than the file reads
        it in one batch); None reads and scores the whole file at once.
    progress : callable, optional
        Called with the number of rows of each batch written.
    model : exposure.scoring.learned.LearnedModel or str or os.PathLike, optional
        Model of ``learned`` (and of ``transformer``'s O*NET rows), as
        :func:`exposure.scoring.score_tasks` takes it: default the shipped artifact; a
        path is loaded and verified (:func:`exposure.scoring.learned.as_model`, against
        the package's registry) once, before the file is read. A model trained by
        ``exposure train --out m.npz`` is pinned in the ``registry.txt`` beside it: load it
        with that registry (``load_model("m.npz", registry="registry.txt")``) and pass the
        model, as ``exposure score --model m.npz`` does. Given with ``rubric`` or
        ``reference``, which read no model, an error before any work (as
        :func:`~exposure.scoring.score_tasks`).

    Returns
    -------
    ScoredFile
        Its ``note`` says, for an ``.xlsx`` input of several worksheets, that only the
        first was read, naming the others.

    Raises
    ------
    exposure.errors.OutputError
        ``dst`` is ``src`` (or a link to it, or a path to it through a directory not
        made yet, ``sub/../in.csv``), a directory, or cannot be written
        (:func:`exposure._io.check_output_path`), before any work.
    exposure.errors.DataFormatError
        A ``batch_rows`` that is not a whole number of 1 or more (or None); an ``src`` or
        ``dst`` that is not a path (str or os.PathLike), a ``text_column`` or
        ``occupation_column`` that is not a column name, a ``progress`` that is not
        callable, an ``onet`` that is neither a release name nor a release, a ``model``
        that is neither a model nor the path of a file (all before any work).
        Bad file type, unreadable file, bad cells (naming file, line and column), a line
        repeating the header (two files joined), the header rows of a Qualtrics or
        SurveyMonkey export, the total row of an Excel table of an ``.xlsx`` input, a task
        key (``onetsoc_code``, ``task_id``) on two rows, a ``task_type`` that
        ``exposure rollup`` refuses (not Core or Supplemental, nor missing or blank), a
        merged range over cells of an ``.xlsx`` input's rows (read as empty), a
        nested column for an output other than Parquet; for an ``.xlsx`` or ``.dta``
        output, what it cannot hold of the input's columns (before any scoring: an
        integer beyond 2**53, more columns than a sheet or a Stata file holds, a NUL character in a text
        for Stata; see :func:`exposure._io.check_xlsx`, :func:`exposure._io.check_stata`;
        for Stata also durations, decimals, dates and times of day as objects, bytes,
        half-precision floats, periods and infinities, for a sheet periods, intervals and
        complex numbers: :func:`_cell_problem`);
        for a ``.csv`` or ``.tsv`` output, a NUL character in a cell of a Parquet (or ``.xlsx``,
        ``.dta``) input, or a NUL or line break in a column name, which the library could
        not read back; for a ``.tsv`` output, a cell or column name holding a tab or a line
        break (written without quoting).
    exposure.errors.ExposureError
        Unknown method; a ``model`` with a method other than ``learned`` and
        ``transformer``; model artifact problems (before the file is read).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "in.csv").write_text("task,note\\nWeld pipes.,a\\nType letters.,b\\n")
    >>> done = score_file(d / "in.csv", d / "out.csv", "rubric", batch_rows=1)
    >>> done.n_tasks, done.method
    (2, 'rubric')
    >>> pd.read_csv(d / "out.csv").columns.tolist()[:4]
    ['task', 'note', 'p_e0', 'p_e1']
    >>> _ = score_file(d / "in.csv", d / "whole.csv", "rubric", batch_rows=None)
    >>> (d / "out.csv").read_bytes() == (d / "whole.csv").read_bytes()
    True
    """
    # the arguments first: None was pathlib's TypeError, text_column=["task"] pandas'
    # "unhashable type" and progress="x" "'str' object is not callable" after a batch
    src, dst = check_path(src, "src", "a task file path"), check_path(dst, "dst", "an output file path")
    check_column(text_column, "text_column")
    check_column(occupation_column, "occupation_column", optional=True)
    if progress is not None and not callable(progress):
        raise DataFormatError("progress must be a function called with the rows of each batch "
                              f"written (or None), got {shown(progress)}")
    _loaded_release(onet)  # an object that is no release: refused before any work
    model = _file_model(model, method)
    batch_rows = check_batch_rows(batch_rows)  # 0 was a ValueError, "10" a TypeError
    check_input_file(src, "input file")  # "-", a pipe: before their extension is looked at
    if src.is_dir():  # it was "input file not found", or "unsupported input file type '(none)'"
        raise DataFormatError("is a directory, not a file; a directory of Parquet files is "
                              "scored by exposure score --engine dask "
                              "(exposure.dask.score_dataset)", path=src)
    out_kind = file_kind(dst, "output")
    check_output_path(dst, src)  # the input replaced by its scores (the CLI refused it, not this)
    _check_flat(src, dst, out_kind)
    options = {"text_column": text_column, "occupation_column": occupation_column,
               "reference_source": reference_source, "mirror": mirror, "data_dir": data_dir,
               "model": model}
    said: list = []  # the replaced columns are named once, whichever path scores the file
    if batch_rows is None or _WHOLE & {out_kind, file_kind(src, "input")}:
        with _sheet_named(src):
            return _score_whole(src, dst, out_kind, method, onet, said=said, **options)
    try:
        with (atomic_path(dst) as tmp, _OtherIds() as others, _OddTexts(src) as odd,
              _KeyNotes() as notes):
            done = _score_stream(src, tmp, out_kind, method, onet, batch_rows, progress,
                                 target=dst, said=said, **options)
            others.report()
            odd.report(done.n_tasks)
            notes.report()
    except _NotGrouped as exc:
        # said once, in the note the CLI prints (it was also logged as a warning)
        logger.info("%s: %s; scoring the whole file in memory", src, exc)
        done = _score_whole(src, dst, out_kind, method, onet, said=said, **options)
        if not done.n_tasks:  # a header and no rows: nothing to advise
            return done
        # sorting helps only when an occupation came back, not when a type changed
        advice = (" (sort it by occupation for bounded memory)" if exc.args[0] == _NOT_CONTIGUOUS
                  else " (write .csv for bounded memory)")
        why = f"{exc}, so the file was scored in memory as a whole{advice}"
        return ScoredFile(dst, done.n_tasks, done.method, done.n_unscored,
                          f"{done.note}; {why}" if done.note else why)
    except ExposureError:  # an unreadable input's InputError is an OSError too, not the output's
        raise
    except OSError as exc:
        raise output_error(exc, dst) from None
    return ScoredFile(dst, done.n_tasks, done.method, done.n_unscored, done.note)


@contextlib.contextmanager
def _sheet_named(src: Path) -> Iterator[None]:
    """Add the sheet read, and the workbook's other sheets, to a missing column of an ``.xlsx`` input.

    Only the first sheet is read: a workbook whose first sheet holds notes was "missing
    text column 'task' (columns: ['Exported from survey'])", with no word of the sheet
    read nor of the ``Data`` sheet beside it (:func:`exposure._tables.xlsx_sheet_note`,
    which reads the sheet names only, on this error path). Other errors pass unchanged.
    """
    try:
        yield
    except DataFormatError as exc:
        if (type(exc) is not DataFormatError or exc.row is not None or exc.column is None
                or not exc.reason.startswith("missing ") or exc.path != str(src)):
            raise
        note = xlsx_sheet_note(src)
        if not note:
            raise
        raise DataFormatError(f"{exc.reason}; {note}", path=exc.path, column=exc.column,
                              line=exc.line) from None


def _check_occupation_named(columns, occupation_column, aliases: dict, *, path) -> None:
    """Refuse an occupation column that the file lacks, offering the file's own column of that name.

    The check of :func:`~exposure.scoring.score_tasks` saw the columns renamed
    (:func:`onet_aliases`): ``--occupation-column TITLE`` on a file with O*NET's ``Title``
    was told ``the file has 'title'``, which it has not. Here the same message is given
    with the columns as the file names them (``the file has 'Title': give
    --occupation-column Title``), and listed as :func:`~exposure.scoring.score_tasks` lists
    them (``missing occupation column 'x' (columns: ['task'])``): a file's message listed
    none, where a frame's and a missing text column's did.
    """
    if occupation_column is None or occupation_column in columns:
        return
    if aliased_column(occupation_column, aliases) in {aliases.get(c, c) for c in columns}:
        return
    raise missing_occupation_column(columns, occupation_column, path=path)


def _check_text_named(frame: pd.DataFrame, text_column, aliases: dict, *, path) -> None:
    """Refuse a text column that the file ``frame`` was read from lacks, naming the file's own columns, before any warning.

    The check of :func:`~exposure.scoring.score_tasks` saw the columns renamed
    (:func:`onet_aliases`): ``missing text column 'TASK' (columns: ['onetsoc_code',
    'task_id', 'task']); the file has 'task'``, names the file does not have (it has
    ``Task``). Here the same message (:func:`~exposure.scoring._inputs.task_texts`) is
    given with the columns as the file names them.

    Checked first, before the warnings on the file's columns (:func:`_warn_replaced`,
    :func:`~exposure.scoring._inputs.warn_keys_spelled_twice`): ``--text-column Task``
    on a file with ``task``, ``label`` and ``Job Title`` was told that ``OUT holds the
    scores there, not the input's values`` and given advice on its titles, then refused,
    ``OUT`` never written.

    A file whose header is under a title line (``Tasks of the 2024 survey`` in cell A1, the
    header ``task`` in A2) is told so, as a sheet of several columns is
    (:func:`exposure._tables.read_frame`): a file of one column was told only
    ``missing text column 'task' (columns: ['Tasks of the 2024 survey'])``, not that row
    2 holds it (:func:`_header_below`). A sheet whose header is one cell holding the names
    joined by ``;`` (a semicolon-separated file opened in Excel, each line in one cell of
    column A) is told so, and how to split it (:func:`exposure._tables.joined_header_note`):
    it was told ``missing text column 'task' (columns: ['task;title'])`` only.

    A file whose texts are under another name (``Task Description``, ``Duties``) is offered
    that column when it is the one column of task-like texts (:func:`_text_column_note`):
    it was told the columns only, with no word of ``--text-column``.
    """
    columns = frame.columns
    if text_column in columns:
        return
    if aliased_column(text_column, aliases) in {aliases.get(c, c) for c in columns}:
        return
    try:
        task_texts(pd.DataFrame(columns=list(columns)), text_column, path=path)
    except DataFormatError as exc:
        note = _header_below(frame, text_column, path)
        if not note:
            joined = (joined_header_note(list(columns), [text_column])
                      if isinstance(text_column, str) and file_kind(path, "input") == "xlsx" else "")
            if not joined:  # no other advice: the column of task-like texts
                raise text_column_noted(exc, frame) from None
            raise DataFormatError(f"{exc.reason}{joined}", path=exc.path, row=exc.row, column=exc.column,
                                  line=exc.line) from None
        raise DataFormatError(f"{exc.reason}; {note}", path=exc.path, row=1) from None


def text_column_noted(exc: DataFormatError, rows: pd.DataFrame) -> DataFormatError:
    """``exc``, a missing text column, with the column of ``rows`` that holds task-like texts offered; else ``exc``.

    The one rule of both engines that score a file or dataset: ``exposure score FILE`` (:func:`_check_text_named`)
    and :func:`exposure.dask.score_dataset`, whose missing text column is found by
    :func:`~exposure.scoring.score_tasks` on no rows. ``exc`` is the message of
    :func:`~exposure.scoring._inputs.task_texts` on the columns of ``rows`` (the input's
    first rows); only one that gives no other advice (no column of the name in another
    case) is followed by :func:`_text_column_note` (``'Task Description' is the file's one
    column of task-like texts: give --text-column 'Task Description'``), of "the
    dataset's" columns when ``exc`` names a directory.

    Examples
    --------
    >>> rows = pd.DataFrame({"id": ["1"], "Task Description": ["Weld metal parts together."]})
    >>> print(text_column_noted(DataFormatError("missing text column 'task' (columns: ['id', "
    ...                                         "'Task Description'])", column="task"), rows))
    column 'task': missing text column 'task' (columns: ['id', 'Task Description']); 'Task Description' is the file's one column of task-like texts: give text_column='Task Description'
    """
    if (type(exc) is not DataFormatError or exc.row is not None
            or exc.reason != f"missing text column {exc.column!r} (columns: {columns_shown(rows.columns)})"):
        return exc
    whose = "the dataset's" if exc.path is not None and Path(exc.path).is_dir() else "the file's"
    note = _text_column_note(rows, whose)
    if not note:
        return exc
    return DataFormatError(f"{exc.reason}{note}", path=exc.path, column=exc.column, line=exc.line)


#: Words of a column name that say it holds task texts under another name than ``task``
#: (a job board's or an HR system's export: ``Task Description``, ``Duties``), for
#: :func:`_text_column_note`.
_TEXT_NAME_WORDS = frozenset({"description", "descriptions", "duty", "duties", "responsibility",
                              "responsibilities", "statement", "statements"})

#: The median number of words from which a column's texts read as task statements, not
#: as titles, codes or labels (O*NET 29.1's statements: 15 words; its titles: 3).
_LONG_TEXT_WORDS = 5

#: The rows looked at by :func:`_text_column_note` (an error path: the first rows tell).
_TEXT_NOTE_ROWS = 1000


def _letter_texts(frame: pd.DataFrame, name) -> list[str]:
    """The texts of the column ``name`` of ``frame`` when its cells are texts with letters (blank and missing aside); else ``[]``."""
    cells = [v for v in frame[name].tolist() if not is_missing(v)]
    texts = [v for v in cells if isinstance(v, str) and v.strip()]
    if not texts or len(texts) != sum(not (isinstance(v, str) and not v.strip()) for v in cells):
        return []  # numbers, dates, bytes: not texts (a blank cell is missing)
    if 2 * sum(any(ch.isalpha() for ch in t) for t in texts) <= len(texts):
        return []  # codes and numbers read as text (a CSV's cells)
    return texts


def _task_like(frame: pd.DataFrame, name) -> bool:
    """Whether the column ``name`` of ``frame`` may hold task texts (see :func:`_text_column_note`)."""
    words = re.findall(r"[^\W_]+", name.casefold()) if isinstance(name, str) else []
    if not words or "title" in column_key(name) or _score_named(name):
        return False  # titles (Job Title, even long ones) and scores are no task texts
    texts = _letter_texts(frame, name)
    if not texts:
        return False
    return (bool(_TEXT_NAME_WORDS.intersection(words))
            or float(np.median([len(t.split()) for t in texts])) >= _LONG_TEXT_WORDS)


#: A column name that is a cell of data: an O*NET-SOC or SOC code (a file without a
#: header row, its first row read as the header), for :func:`_header_as_data`.
_CODE_NAME = re.compile(r"[0-9]{2}-[0-9]{4}(?:\.[0-9]{2})?")


def _header_as_data(frame: pd.DataFrame, whose: str = "the file's") -> str:
    """``"; the column name 'Weld pipes.' reads as a task statement ..."`` when the header looks like a row of data; else ``""``.

    A file of tasks without a header row (one task per line, or codes and texts) has its
    first row read as the header: it was told ``missing text column 'task' (columns:
    ['Weld pipes.'])``, no more, or offered the first task as the text column (``give
    --text-column 'Lay bricks to build walls and chimneys.'``), which scored the rows
    below it and left that task out without a word. A column name that is an O*NET-SOC or
    SOC code, or a statement over a column of texts with letters (two words or more ending
    with a full stop, or :data:`_LONG_TEXT_WORDS` words or more of which none is ``task``
    or a word of :data:`_TEXT_NAME_WORDS`), reads as data; the first such name is said, with how to add the
    header (and, for a statement, the option to give if it is the column's name after
    all: a survey's question ``Describe your main task.``).

    Examples
    --------
    >>> _header_as_data(pd.DataFrame({"Weld pipes.": ["Lay bricks.", "File records."]}))
    "; the column name 'Weld pipes.' reads as a task statement: a file without a header row, its first row read as the header? Insert a first row naming the columns, 'task' over the task texts (the first task would not be scored otherwise); if 'Weld pipes.' is the column's name, give text_column='Weld pipes.'"
    >>> _header_as_data(pd.DataFrame({"47-2021.00": ["43-9061.00"], "Lay bricks.": ["Weld."]}))[:96]
    "; the column name '47-2021.00' is an O*NET-SOC or SOC code: a file without a header row, its fir"
    >>> _header_as_data(pd.DataFrame({"Task Description": ["Weld pipes."]}))
    ''
    """
    fix = ("a file without a header row, its first row read as the header? Insert a first row naming the "
           "columns, 'task' over the task texts (the first task would not be scored otherwise)")
    if whose != "the file's":  # a dataset's Parquet parts have no header row: their column names
        fix = ("data whose first row was read as the header? Name the columns again, 'task' for the task "
               "texts (the first task is not among the rows)")
    for name in frame.columns:
        if not isinstance(name, str):
            continue
        if _CODE_NAME.fullmatch(name.strip()):
            return f"; the column name {name!r} is an O*NET-SOC or SOC code: {fix}"
        words = re.findall(r"[^\W_]+", name.casefold())
        sentence = (len(words) >= 2 and name.rstrip().endswith(".")) or (
            len(words) >= _LONG_TEXT_WORDS and not _TEXT_NAME_WORDS.union({"task", "tasks"}).intersection(words))
        if (sentence and frame.columns.tolist().count(name) == 1
                and _letter_texts(frame.head(_TEXT_NOTE_ROWS), name)):
            return (f"; the column name {name!r} reads as a task statement: {fix}; if {name!r} is the "
                    f"column's name, give {argument_given('text_column', name)}")
    return ""


def _text_column_note(frame: pd.DataFrame, whose: str = "the file's") -> str:
    """``"'Task Description' is the file's one column of task-like texts: give --text-column ..."``, or ``""``.

    A column holds task-like texts when its cells are texts with letters (blank and
    missing cells aside) and it is named as task texts are (a word of
    :data:`_TEXT_NAME_WORDS`: ``Task Description``, ``Duty``, ``Responsibilities``) or
    its texts have :data:`_LONG_TEXT_WORDS` words or more (the median); a title column
    (``Job Title``) does not count. One such column is offered as the text column; two or
    three are named without a choice (a file of ``Description`` and ``Notes``: which is
    the tasks' the user knows); none or more: ``""``. The advice is worded as the caller
    gives the column (:func:`~exposure.scoring._inputs.argument_given`: ``--text-column``
    under ``exposure score``), of ``whose`` columns (a dataset's, :func:`text_column_noted`).

    Examples
    --------
    >>> _text_column_note(pd.DataFrame({"id": ["1"], "Task Description": ["Weld pipes."]}))
    "; 'Task Description' is the file's one column of task-like texts: give text_column='Task Description'"
    >>> _text_column_note(pd.DataFrame({"Description": ["Weld pipes."], "Duty": ["Type letters."]}))
    "; the file's columns of task-like texts are 'Description' and 'Duty': give the one of the task statements (text_column='Description' or text_column='Duty')"
    >>> _text_column_note(pd.DataFrame({"id": ["1"], "Job Title": ["Welders, Cutters, Solderers, and Brazers"]}))
    ''
    """
    data = _header_as_data(frame, whose)  # a file without a header: not its first task as the column
    if data:
        return data
    head = frame.head(_TEXT_NOTE_ROWS)
    names = [c for c in dict.fromkeys(head.columns)
             if list(head.columns).count(c) == 1 and _task_like(head, c)]
    if len(names) == 1:
        return f"; {names[0]!r} is {whose} one column of task-like texts: give {argument_given('text_column', names[0])}"
    if not 1 < len(names) <= 3:
        return ""
    shown_names = ", ".join(map(repr, names[:-1])) + f" and {names[-1]!r}"
    return (f"; {whose} columns of task-like texts are {shown_names}: give the one of the task statements "
            f"({' or '.join(argument_given('text_column', n) for n in names)})")


#: The rows of a file looked at for its header under title lines (:func:`_header_below`).
_TITLE_ROWS = 20


def _header_below(frame: pd.DataFrame, text_column, path) -> str:
    """``"row 1, read as the header, has 1 filled cell: a title line ..."`` when a row below holds ``text_column``; else ``""``.

    ``frame``: the rows read from ``path`` (a CSV, tab-separated or ``.xlsx`` file), or
    the first of them; the first :data:`_TITLE_ROWS` rows are looked at (read again from
    a text file, whose first batch may be shorter), for a cell that is the column's name
    (O*NET's header ``Task`` too), spaces around it aside. Run on the error path only.
    """
    kind = file_kind(path, "input")
    if kind not in ("csv", "tsv", "xlsx") or not isinstance(text_column, str):
        return ""
    rows = frame.head(_TITLE_ROWS) if kind == "xlsx" else next(iter_task_batches(path, _TITLE_ROWS))
    for i, row in enumerate(rows.itertuples(index=False, name=None)):
        for cell in row:
            name = cell.strip() if isinstance(cell, str) else None
            if name and aliased_column(name, onet_aliases(pd.DataFrame(columns=[name]))) == text_column:
                named = sum(str(c).strip() != "" for c in frame.columns)
                return (f"row 1, read as the header, has {named} filled cell{'' if named == 1 else 's'}: a "
                        "title line above the header? The header must be the first row (row "
                        f"{i + first_row_number(path)} holds {name!r}: remove the rows above it)")
    return ""


def aliased_column(name, aliases: dict):
    """``name`` of a column option as renamed by ``aliases`` (``--text-column Task`` -> ``task``).

    Examples
    --------
    >>> aliased_column("Task", {"Task": "task"}), aliased_column("text", {"Task": "task"}), aliased_column(None, {})
    ('task', 'text', None)
    """
    return aliases.get(name, name) if isinstance(name, str) else name


def _quoted_cells(frame: pd.DataFrame, columns, start: int) -> tuple[int, tuple | None]:
    """The cells of ``columns`` of a tab-separated file's rows quoted as a writer of quoted text quotes them.

    Returns their count and the first one, ``(row, column, cell)``, the row counted from
    ``start`` (the row number of ``frame``'s first row). Columns that ``frame`` lacks, or
    names given twice, are passed over.

    Examples
    --------
    >>> _quoted_cells(pd.DataFrame({"task": ['"Plan, direct."', 'Say "hi".', None]}), ["task", None], 2)
    (1, (2, 'task', '"Plan, direct."'))
    """
    count, first = 0, None
    for column in dict.fromkeys(c for c in columns if c is not None and c in frame.columns):
        text = frame[column]
        if isinstance(text, pd.DataFrame):  # a name given twice: refused by the input checks
            continue
        cells = text.astype(object)
        opened = np.array([isinstance(v, str) and v.startswith('"') for v in cells.tolist()], dtype=bool)
        if not opened.any():
            continue
        pos = np.flatnonzero(opened)
        quoted = pos[[re.fullmatch(WRITER_QUOTED, v) is not None for v in cells.iloc[pos].tolist()]]
        if len(quoted):
            count += len(quoted)
            if first is None or start + int(quoted[0]) < first[0]:
                first = (start + int(quoted[0]), column, cells.iloc[int(quoted[0])])
    return count, first


def _warn_quoted_cells(src: Path, count: int, first: tuple | None) -> None:
    """Warn, once for the file, that cells of a tab-separated ``src`` are quoted as a writer of quoted text quotes them.

    Excel's and LibreOffice's tab-delimited text (``Save As`` ``Text (Tab delimited)``)
    quote a cell holding a comma or a quote (``"Plan, direct, or coordinate."``), pandas'
    ``to_csv(sep="\\t")`` one holding a quote, and quotes are text in a tab-separated file
    (:func:`exposure._tables.read_frame`): the task was scored and written to the output
    with its quotes (a quote inside written twice), without a word.
    """
    if not count:
        return
    row, column, cell = first
    logger.warning("%s: %d cell(s) of the text and title columns are quoted as a program writing quoted "
                   "text quotes them (first: row %d, column %r: %s), and quotes are text in a "
                   "tab-separated file: they were scored and written with their quotes (a quote inside "
                   "written twice); save the file as .csv (in Excel: Save As, 'CSV UTF-8 (Comma "
                   "delimited)'), whose quotes are read as quotes", src, count, row, column, cell_shown(cell))


def _read_columns(frame: pd.DataFrame, text_column, occupation_column) -> list:
    """The columns of ``frame`` read for scoring: the text column and the titles (``title`` by default)."""
    titles = occupation_column
    if titles is None and text_column != "title":
        titles = "title"
    return [text_column, titles]


def _score_whole(src, dst, out_kind, method, onet, *, mirror, data_dir, said=None,
                 **options) -> ScoredFile:
    """Read ``src`` whole, score it and write ``dst`` (what ``exposure score`` did before batches)."""
    frame = read_task_file(src)
    aliases = onet_aliases(frame)
    _check_text_named(frame, options["text_column"], aliases, path=src)
    _check_occupation_named(frame.columns, options["occupation_column"], aliases, path=src)
    renamed = frame.rename(columns=aliases)
    warn_keys_spelled_twice(frame.columns, aliases, path=src)  # one of them was read without a word
    for option in ("text_column", "occupation_column"):  # O*NET's header named by the user
        options[option] = aliased_column(options[option], aliases)
    row_offset = first_row_number(src)
    _warn_replaced(renamed, src, dst, said, used=(options["text_column"], options["occupation_column"]))
    # before any work: a task type the roll-up refuses, a repeated header line, what the
    # output cannot hold
    where = {"path": src, "row_offset": row_offset}
    _check_task_types(renamed, options["text_column"], options["occupation_column"], **where,
                      found=_header_found(renamed, frame.columns, options["text_column"], **where))
    _check_output_holds(renamed, dst, out_kind, options["text_column"],
                        options["occupation_column"], **where)
    release, note = onet_for_tasks(renamed, method, onet, mirror=mirror, data_dir=data_dir)
    sheets = _other_sheets(src)
    if sheets:
        note = f"{note}; {sheets}" if note else sheets
    scores = _score_as_batch(renamed, method, onet=release, mirror=mirror, data_dir=data_dir,
                         path=src, row_offset=row_offset, **options)
    result = append_scores(frame, scores)
    if file_kind(src, "input") == "tsv":
        _warn_quoted_cells(src, *_quoted_cells(renamed, _read_columns(renamed, options["text_column"],
                                                                     options["occupation_column"]), row_offset))
    if out_kind == "xlsx" and file_kind(src, "input") == "xlsx":
        result = _sheet_cells(src, result, frame.columns, aliases)
    text_options = _TSV_OPTIONS if out_kind == "tsv" else {}
    if out_kind in _TEXT_OUTPUTS:  # bytes as their text before the formula check, as the stream writes them
        result = _bytes_as_text(result, dst, _TEXT_OUTPUTS[out_kind])
    if out_kind in _TEXT_OUTPUTS and _full_times(result) is not result:
        # the cells of time columns as the stream writes them (after the formula check:
        # a negative duration, "-1 days +23:00:00", is no formula)
        result, n = neutralise_formulas(result)
        if n:
            logger.warning("%s: %d cell(s) that a spreadsheet would run as formulas were "
                           "written with a leading ' (%s)", dst, n, FORMULA_ADVICE.get())
        write_csv(_full_times(result), dst, formulas="keep", **text_options)
    elif out_kind in _TEXT_OUTPUTS:
        write_csv(result, dst, **text_options)
    elif out_kind == "parquet":
        write_parquet(result, dst)
    else:
        write_frame(result, dst)
    tag = scores["method"].iloc[0] if len(scores) else method
    return ScoredFile(dst, len(result), tag, int(scores["p_e0"].isna().sum()), note)


def _sheet_cells(src: Path, result: pd.DataFrame, columns, aliases: dict) -> pd.DataFrame:
    """``result`` with the input's cells that the ``.xlsx`` sheet ``src`` stores as numbers, dates or booleans as those values.

    :func:`read_task_file` reads a sheet's cells as text (codes and IDs keep their form
    for scoring), so that an ``.xlsx`` output of an ``.xlsx`` input held every number,
    date and TRUE/FALSE of the input's columns as text: a wage ``12.5`` was the text
    ``'12.5'`` (Excel's "number stored as text": ``SUM`` gave 0, a sort put ``100``
    before ``9``), a date the text ``'2024-01-05 00:00:00'``. The sheet is read again as
    stored (the call of :func:`exposure._tables.read_frame`, whose rows are the sheet's
    first ones: it cuts rows at the end only), and each cell it stores as other than text
    is given that value; text and empty cells, and columns named otherwise than once in
    the sheet's header, are left as they are. ``columns`` are the input's column names,
    ``aliases`` their renames in ``result`` (:func:`onet_aliases`).
    """
    raw = pd.read_excel(src, sheet_name=0, header=None, dtype=object, keep_default_na=False,
                        na_values=[""])
    names = ["" if pd.isna(v) else str(v) for v in raw.iloc[0]] if len(raw) else []
    out = result
    for col in columns:
        if _score_named(col) or names.count(col) != 1:
            continue
        stored = raw.iloc[1:1 + len(result), names.index(col)].tolist()
        name = aliases.get(col, col)
        text = result[name].tolist()
        cells = [s if isinstance(t, str) and not isinstance(s, str) and not pd.isna(s) else t
                 for s, t in zip(stored, text, strict=False)]
        if len(cells) == len(text) and any(c is not t for c, t in zip(cells, text, strict=True)):
            if out is result:
                out = result.copy()
            out[name] = pd.Series(cells, index=out.index, dtype=object)
    return out


def _raiser(exc: Exception) -> Callable[[], None]:
    """A check that raises ``exc`` (a problem already found), for ``_check_rows(also=...)``."""
    def again() -> None:
        raise exc
    return again


#: How :func:`~exposure.scoring._inputs.check_header_rows` starts its message.
_REPEATED_HEADER = "the row repeats the header"


def _check_task_types(frame: pd.DataFrame, text_column, occupation_column, *, path,
                      row_offset: int, found=()) -> None:
    """Refuse a ``task_type`` that the roll-up refuses; of the problems on rows, the earliest.

    :func:`~exposure.scoring._inputs.check_task_types` on ``frame`` (the library's column
    names). When it, or a problem in ``found`` (already found on these rows: a task key
    of an earlier batch), refuses a row, the input checks of
    :func:`~exposure.scoring.score_tasks` run too and the problem on the earliest row is
    raised, as :func:`~exposure.scoring.score_tasks` raises the earliest of its own: a
    file scored in batches reports what the whole file reports.
    """
    found = list(found)
    try:
        check_task_types(frame, path=path, row_offset=row_offset)
    except DataFormatError as exc:
        found.append(exc)
    if found:
        try:
            _check_rows(frame, text_column, occupation_column, path=path, row_offset=row_offset,
                        also=tuple(map(_raiser, found)))
        except DataFormatError as exc:
            # a header line repeated is what the row is: its code and task ID cells
            # ('onetsoc_code', 'O*NET-SOC Code') were reported as a malformed code
            header = [e for e in found if e.row == exc.row
                      and e.reason.startswith(_REPEATED_HEADER)]
            if header and exc.row is not None:
                raise header[0] from None
            raise
        raise min(found, key=lambda exc: exc.row)  # (_check_rows raised one of them)


def _check_output_holds(frame: pd.DataFrame, dst: Path, out_kind: str, text_column,
                        occupation_column, *, path, row_offset: int, first_row: int = 2) -> None:
    """Refuse, before scoring, what an ``.xlsx``, ``.dta``, ``.csv`` or ``.parquet`` output cannot hold of the input.

    The output keeps the input's columns as they are (:func:`append_scores`): their
    cells, the number of rows and, with the score columns, the number of columns are
    known before any scoring (a ``.dta`` file holds :data:`STATA_MAX_VARIABLES` columns
    at most). They are checked by the writer's own checks
    (:func:`exposure._io.check_xlsx`, :func:`exposure._io.check_stata`: the same messages,
    naming ``dst``, its row and column), which the writer runs again on the whole output.
    A ``.csv`` output must not hold a NUL character (:func:`_check_no_nul`; ``first_row``
    is the output row of ``frame``'s first row, for a batch). A ``.parquet`` output is
    checked by the rule of :func:`exposure._io.write_parquet`
    (``exposure._io._parquet_problem``): a Period or Interval column of a Parquet input
    written by pandas was refused written whole, after all the scoring, but written in
    batches (the default) as plain integers (``2020-01`` as ``600``) or maps of their two
    ends, without a word. A problem of the input that
    :func:`~exposure.scoring.score_tasks` refuses is raised first, as before (it came
    before the writing).
    """
    kept = frame.drop(columns=[c for c in frame.columns if _score_named(c)])
    kept = kept.reset_index(drop=True)  # (copy-on-write: no copy of the data)
    try:
        if out_kind == "parquet":
            for j, col in enumerate(kept.columns):
                problem = _parquet_problem(kept.iloc[:, j])
                if problem is not None:
                    raise DataFormatError(f"cannot write as Parquet: {problem[1]}", path=dst,
                                          row=first_row + problem[0], column=str(col))
        elif out_kind in _TEXT_OUTPUTS:
            _check_no_nul(kept, dst, path, first_row, out_kind)
            if out_kind == "tsv":
                _check_tsv_cells(kept, dst, first_row)
        elif out_kind == "xlsx":
            # the size of the output sheet, in check_xlsx's order: rows, then columns
            if len(kept) + 1 > XLSX_MAX_ROWS:
                check_xlsx(pd.DataFrame(index=kept.index), dst)
            if kept.shape[1] + len(SCORE_COLUMNS) > XLSX_MAX_COLUMNS:
                check_xlsx(pd.DataFrame(columns=range(kept.shape[1] + len(SCORE_COLUMNS))), dst)
            with _writer_says_it():  # its warnings (a carriage return) are the writer's to say
                check_xlsx(kept, dst)
        else:
            # pandas' writer refused more only after all the scoring, in its words ("You
            # must use version 119 for data sets containing more than32,767 variables")
            width = kept.shape[1] + len(SCORE_COLUMNS)
            if width > STATA_MAX_VARIABLES:
                raise DataFormatError(f"{width:,} columns do not fit in a Stata .dta file "
                                      f"({STATA_MAX_VARIABLES:,} variables at most); write .csv "
                                      "or .parquet", path=dst)
            # decimals, times, fixed-size bytes (Arrow columns of their type: _nested_dtype)
            # said as cells, as before
            decimals = [j for j, dtype in enumerate(kept.dtypes) if isinstance(dtype, pd.ArrowDtype)
                        and _arrow_kept(dtype.pyarrow_dtype) and not pa.types.is_nested(dtype.pyarrow_dtype)]
            if decimals:
                kept = kept.copy()
                for j in decimals:
                    kept.isetitem(j, kept.iloc[:, j].astype(object))
            check_stata(kept, dst)
    except DataFormatError:
        # the input's own problems came first (scoring refused them before any writing)
        _check_rows(frame, text_column, occupation_column, path=path, row_offset=row_offset)
        raise


@contextlib.contextmanager
def _writer_says_it() -> Iterator[None]:
    """Within the block, the warnings of :mod:`exposure._io` are not logged: the writer says them.

    :func:`exposure._io.check_xlsx` refuses what a sheet cannot hold and warns of what it
    changes (a carriage return stored as a line feed, times cut to the millisecond); run
    before scoring on the input's columns, its warnings came again when the writer ran it
    on the output: two identical lines for one workbook. Only this thread's warnings are
    held back: another thread writing a file meanwhile keeps its own.
    """
    io_log = logging.getLogger("exposure._io")
    thread = threading.get_ident()

    def errors_only(record: logging.LogRecord) -> bool:
        return record.levelno > logging.WARNING or record.thread != thread

    io_log.addFilter(errors_only)
    try:
        yield
    finally:
        io_log.removeFilter(errors_only)


def _check_tsv_cells(frame: pd.DataFrame, dst: Path, first_row: int) -> None:
    """Refuse a cell or column name holding a tab or a line break, bound for a ``.tsv`` output.

    A ``.tsv`` file is written without quoting, as :func:`exposure._tables.write_frame`
    writes one (its readers take quotes as text): such a cell would end its field or its
    row. The rule of :func:`exposure._io.write_csv` (``_refuse_unquotable``), run on the
    input's columns before scoring, naming the output row (``first_row`` is the output row
    of ``frame``'s first row); bytes cells are looked at as the text they are written as.
    """
    where = _TEXT_OUTPUTS["tsv"]
    try:
        _refuse_unquotable(_bytes_as_text(frame, dst, where), dst, where, _TSV_OPTIONS["sep"])
    except DataFormatError as exc:
        if exc.row is None or exc.row == 1:  # the header
            raise
        raise DataFormatError(exc.reason, path=dst, row=exc.row - 2 + first_row, column=exc.column) from None


def _check_no_nul(frame: pd.DataFrame, dst: Path, src: Path, first_row: int, out_kind: str = "csv") -> None:
    """Refuse a NUL character in a cell bound for a ``.csv`` or ``.tsv`` output (naming its output row).

    A CSV file holding a NUL is read as binary by the library's readers (``exposure
    rollup``, :func:`exposure._tables.read_frame`: ``file is binary, not text``), so the
    scores could not be read back. Text files cannot hold one (their readers refuse it):
    only the cells of a Parquet, ``.xlsx`` or ``.dta`` input are looked at. A bytes cell
    (a fixed-size Parquet ``binary`` column; a ``binary`` one is read as text,
    :func:`exposure._tables.binary_as_text`), written as its UTF-8 text, is looked at as that text
    (``b'a\\x00b'`` passed, and the whole file was written with the NUL), and one that is
    not UTF-8 is refused here, before scoring (:func:`exposure._io.write_csv`'s rule; it
    was refused after all the scoring, and written as ``b'\\xff'`` in batches). A column name
    holding a NUL or a line break is refused too (row 1, the header): the readers count
    such a header as two lines (``row 1: too many fields``).
    """
    for col in frame.columns:  # a header cell over two lines: "too many fields" when read
        name = str(col)
        if "\x00" in name or "\n" in name or "\r" in name:
            what = "a NUL character (\\x00)" if "\x00" in name else "a line break"
            raise DataFormatError(f"the column name holds {what}, which the header of a .{out_kind} "
                                  "file cannot hold (the library could not read the scores "
                                  "back); rename the column, or write .parquet", path=dst,
                                  row=1, column=name)
    if file_kind(src, "input") in ("csv", "tsv"):
        return
    try:  # bytes (a fixed-size binary Parquet column) are written as their text: checked as text
        frame = _bytes_as_text(frame, dst, _TEXT_OUTPUTS[out_kind])
    except DataFormatError as exc:  # its row counts from the frame's first row: the output's
        raise DataFormatError(exc.reason, path=dst, row=exc.row - 2 + first_row, column=exc.column) from None
    for col in frame.columns:
        cells = frame[col]
        if not (cells.dtype == object or pd.api.types.is_string_dtype(cells.dtype)
                or isinstance(cells.dtype, pd.CategoricalDtype)):
            continue
        hit = np.fromiter((type(v) is str and "\x00" in v for v in cells.tolist()), dtype=bool,
                          count=len(cells))
        if hit.any():
            raise DataFormatError(f"a cell holds a NUL character (\\x00), which a .{out_kind} file cannot "
                                  "hold (the library reads a file with one as binary, so exposure "
                                  "rollup could not read the scores); write .parquet, or remove "
                                  "the character", path=dst, row=first_row + int(hit.argmax()),
                                  column=str(col))


def _header_found(renamed: pd.DataFrame, names, text_column, *, path,
                  row_offset: int) -> list[DataFormatError]:
    """A repeated header line of the file (its own column names, O*NET's headers included), as a found problem.

    Also the header rows that a survey platform writes under the header
    (:func:`_survey_header_rows`).
    """
    found = _survey_header_rows(renamed, names, text_column, path=path, row_offset=row_offset)
    found += _table_total_rows(renamed, names, text_column, path=path, row_offset=row_offset)
    try:
        check_header_rows(renamed, text_column, names=list(names), path=path, row_offset=row_offset)
    except DataFormatError as exc:
        found.append(exc)
    return found


def _table_total_rows(renamed: pd.DataFrame, names, text_column, *, path,
                      row_offset: int) -> list[DataFormatError]:
    """The total row of an Excel table (Insert > Table) on the first sheet of an ``.xlsx`` input, as a found problem.

    A table with its total row on (Table Design > Total Row) ends in a row that Excel
    fills itself (``Total`` under the first column, a ``SUBTOTAL`` under the others): it
    was scored as a task, without a word with ``--method rubric`` (the learned method
    warned only that ``Total`` does not read as a work task). The workbook's tables are
    looked up only when it has some (their parts in the archive).
    """
    if file_kind(path, "input") != "xlsx" or text_column not in renamed.columns:
        return []
    try:
        with zipfile.ZipFile(path) as archive:
            if not any(n.startswith("xl/tables/") for n in archive.namelist()):
                return []
        import openpyxl  # only for a workbook with tables: its full reader (read-only mode has no tables)

        tables = list(openpyxl.load_workbook(path).worksheets[0].tables.values())
    except Exception:  # noqa: BLE001 - the workbook was read: its tables are only a check
        return []
    at = list(renamed.columns).index(text_column)
    name = str(list(names)[at])
    for table in tables:  # a table of the text column (not one beside it) whose total row is on
        last = re.search(r"([0-9]+)$", table.ref or "")
        if (not table.totalsRowCount or last is None
                or name not in [c.name for c in table.tableColumns]):
            continue
        i = int(last[1]) - row_offset
        if 0 <= i < len(renamed):
            return [DataFormatError(
                f"the row is the total row of the Excel table {table.displayName!r} "
                f"({renamed.iloc[i, at]!r}), not a task: turn the table's total row off "
                "(Table Design > Total Row), or delete the row", path=path, row=int(last[1]),
                column=name)]
    return []


#: A cell of the third header row of a Qualtrics export: the JSON of the column's import ID.
_QUALTRICS_IMPORT_ID = re.compile(r'\s*\{\s*"ImportId"\s*:')
#: The second header row of a SurveyMonkey export, under an open-ended question.
_SURVEYMONKEY_SUBHEADERS = ("Open-Ended Response", "Response")


def _survey_header_rows(renamed: pd.DataFrame, names, text_column, *, path,
                        row_offset: int) -> list[DataFormatError]:
    """The second (and third) header row of a Qualtrics or SurveyMonkey export, as a found problem.

    A Qualtrics export (CSV, TSV or ``.xlsx``) has two rows under its header: the
    question texts (``Describe a task you do at work``), then the import IDs
    (``{"ImportId":"QID2_TEXT"}``); a SurveyMonkey export has one (``Open-Ended
    Response``, or ``Response`` beside its ``Respondent ID`` column). They were scored
    as tasks, without a word (``--method rubric``; the learned method warned of the
    import ID only, as a text that does not read as a task): a file of two answers gave
    four scored rows. Only the first two rows of the file are looked at, in the text
    column; the problem names the first of the header rows (row 2 of a text file).
    """
    first = first_row_number(path)
    if text_column not in renamed.columns or row_offset - first > 1 or not len(renamed):
        return []
    at = list(renamed.columns).index(text_column)
    cells = renamed.iloc[: first + 2 - row_offset, at].tolist()
    column = str(list(names)[at])
    for i, cell in enumerate(cells):
        if not isinstance(cell, str):
            continue
        if _QUALTRICS_IMPORT_ID.match(cell):
            both = row_offset + i > first  # the question texts above the import IDs
            what = ("its two rows under the header (the question texts, then the import IDs "
                    f"such as {cell.strip()!r}) are not answers, and would be scored as tasks: "
                    "delete them" if both else
                    f"its row of import IDs ({cell.strip()!r}) is not an answer, and would be "
                    "scored as a task: delete it")
            return [DataFormatError(f"the file is a Qualtrics export: {what}", path=path,
                                    row=first if both else row_offset + i, column=column)]
        if (row_offset + i == first and cell.strip() in _SURVEYMONKEY_SUBHEADERS
                and (cell.strip() != "Response" or "Respondent ID" in list(names))):
            return [DataFormatError(
                f"the file is a SurveyMonkey export: its second header row ({cell.strip()!r}) "
                "is not an answer, and would be scored as a task: delete that row", path=path,
                row=first, column=column)]
    return []


def _warn_replaced(frame: pd.DataFrame, src: Path, dst: Path, said: list | None, used: tuple) -> None:
    """Warn once that input columns of ``frame`` named like score columns are replaced in the output.

    ``frame``: the rows read (the first batch of a stream), renamed as they are scored. Their values were lost without a word. An input that is itself a scored file (it
    holds the probability columns) is re-scored without a warning. So is one whose text or
    occupation column (``used``: the two, as options name them) is such a column: scoring
    refuses it, and the warning came before that error, saying that ``dst`` held scores it
    never got. Nothing is said of a frame without its text column or the occupation column
    named (``used``): it is refused too.

    Also once per file: an optional column that the file has under another name only
    (``JOB_ZONE``, ``jobzone``, ``Job Title``), which is not read, in the words of
    :func:`~exposure.scoring.score_tasks` for a frame, said of the file
    (:func:`exposure.scoring.categories._warn_near_columns` with ``path``: ``t.csv: no
    'job_zone' column, but the file has 'JOB_ZONE'``; the text column is no such column). ``score_tasks`` does not say it of one batch of a file, whose reader renames
    O*NET's own headers (``Job Zone``, ``Title``) but not these: the file was scored
    without its job zones (the entry-level gate of ``entry_creative``, the rubric's prior)
    or titles (the occupation context), without a word, where the same rows given to
    ``score_tasks`` were warned of.

    Also once: input columns named like ``alpha``, ``beta`` or ``gamma`` but for case
    (``Beta``, a measure of the user's own) are kept beside the score columns, and
    ``exposure rollup`` refuses a file holding both (``columns
    'beta' and 'Beta' are both given``): the output of ``exposure score`` did not feed
    ``exposure rollup``, and was not said to.

    Also once: a column of O*NET-SOC codes under a name that is not read (``onet_code``:
    :func:`~exposure.scoring._inputs.warn_codes_not_read`), as ``score_tasks`` warns of it
    (none in a frame of no rows, such as a Dask frame's meta).

    Also once each, the other input columns that the output keeps and ``exposure rollup``
    refuses in it: ``task_type`` in another case or with spaces around the name
    (``TASK_TYPE``, ``Task_Type``, ``'task_type '``; O*NET's own ``Task Type`` is renamed and
    read), which the roll-up does not read as the task types (``column 'TASK_TYPE' is not
    read: the roll-up reads 'task_type' ...``), and a column of task weights
    (:data:`OWN_WEIGHTS`: ``Weight``, ``Hours``, ``task importance``), which it does not
    read either. The file was scored and written without a word, and the roll-up of it
    refused after all the scoring (round 81: ``hours``, ``importance`` and ``frequency``
    were still not told of).
    """
    if said:
        return
    columns = frame.columns
    text_column, occupation_column = used
    if text_column not in columns or occupation_column is not None and occupation_column not in columns:
        return  # refused for it (score_tasks' check): no output to say anything of
    replaced = [c for c in columns if _score_named(c)]
    if said is not None:
        said.append(True)
    titles = scoring_module._titles(text_column, occupation_column)
    warn_codes_not_read(frame, src, skip=(text_column, titles))
    categories_module._warn_near_columns(pd.DataFrame(columns=[c for c in columns if c != text_column]),
                                         titles, None, keys=False, path=src)
    cased = [c for c in columns if isinstance(c, str) and not _score_named(c) and c not in used
             and c.strip().lower() in EXPOSURE_MEASURES]
    if cased:
        logger.warning("%s: the input column(s) %s differ from the score column(s) %s only in case or spaces: %s "
                       "keeps them beside the scores, and exposure rollup refuses a file holding both "
                       "(rename or drop them)", src, ", ".join(repr(c) for c in cased),
                       ", ".join(repr(c.strip().lower()) for c in cased), Path(dst).name)
    kept = [c for c in columns if isinstance(c, str) and not _score_named(c) and c not in used]
    typed = [c for c in kept if c != "task_type" and c.strip().lower() == "task_type"]
    if typed:
        todo = ("drop or rename them" if "task_type" in columns else
                "rename it 'task_type' if it holds O*NET's task types, Core or Supplemental, or "
                "give it another name" if len(typed) == 1 else
                "keep one of them, renamed 'task_type' if it holds O*NET's task types, Core or "
                "Supplemental, and drop or rename the others")
        logger.warning("%s: the input column(s) %s are not read as 'task_type' (column names are case- "
                       "and space-sensitive): %s keeps them beside the scores, and exposure rollup "
                       "refuses a file holding them (%s)", src, ", ".join(repr(c) for c in typed),
                       Path(dst).name, todo)
    weights = [c for c in kept if plain_name(c) in OWN_WEIGHTS]
    if weights:
        logger.warning("%s: the input column(s) %s are named as task weights, which exposure rollup "
                       "does not read (it weighs tasks by --weights: core, equal, importance or "
                       "frequency) and refuses in a file: %s keeps them beside the scores (drop or "
                       "rename them)", src, ", ".join(repr(c) for c in weights), Path(dst).name)
    if not replaced or all(c in columns for c in PROBA_COLUMNS) or any(
            isinstance(u, str) and u in replaced for u in used):
        return
    logger.warning("%s: the input column(s) %s have the names of score columns: %s holds the "
                   "scores there, not the input's values (rename them to keep them)", src,
                   ", ".join(repr(c) for c in replaced), Path(dst).name)


def _other_sheets(src: Path) -> str | None:
    """The note for an ``.xlsx`` input of several worksheets: only the first was read."""
    if file_kind(src, "input") != "xlsx":
        return None
    try:
        with zipfile.ZipFile(src) as archive:
            sheets = [name for name, _, _ in xlsx_sheet_parts(archive)]
    except Exception:  # noqa: BLE001 - the workbook was read: its names are only a note
        return None
    if len(sheets) < 2:
        return None
    others = ", ".join(repr(name) for name in sheets[1:6]) + (
        f" and {len(sheets) - 6} more" if len(sheets) > 6 else "")
    return (f"only the first sheet of {src.name}, {sheets[0]!r}, was read; the workbook also "
            f"has {others}, which {'was' if len(sheets) == 2 else 'were'} not: score each "
            "sheet as a file of its own, or move their rows to the first sheet")


class _OddTexts(logging.Filter):
    """Sum the warnings of a file's batches on odd and on cut texts into one each.

    Each batch's ``score_tasks`` warned with its own count and rows (``1 of 10 texts``, once
    per batch) that its texts do not read as work tasks
    (:data:`~exposure.scoring.learned.ODD_TEXTS_MESSAGE`) or that the transformer cut them
    (:data:`~exposure.scoring.learned.CUT_TEXTS_MESSAGE`); the file gets one warning of
    each, with the file's count and its first such row. Used as a context manager around
    the batches; :meth:`report` says them.
    """

    def __init__(self, src):
        super().__init__()
        self.src, self.count, self.first = src, 0, None
        self.cut, self.cut_args = 0, None
        self.logger = logging.getLogger(learned_module.__name__)

    def __enter__(self) -> "_OddTexts":
        self.logger.addFilter(self)
        return self

    def __exit__(self, *exc) -> None:
        self.logger.removeFilter(self)

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg is learned_module.CUT_TEXTS_MESSAGE:
            _, count, _, *rest = record.args
            self.cut += count
            if self.cut_args is None:
                self.cut_args = rest  # tokens, tokens read, the first row and its text
            return False  # said once, by report()
        if record.msg is not learned_module.ODD_TEXTS_MESSAGE:
            return True
        _, count, _, *first = record.args  # the row, its index label and its text
        self.count += count
        if self.first is None:
            self.first = first
        return False  # said once, by report()

    def report(self, n_rows: int) -> None:
        """Warn once for the whole file on each (nothing when no text was odd or cut)."""
        self.logger.removeFilter(self)
        if self.count:
            self.logger.warning(learned_module.ODD_TEXTS_MESSAGE, f"{self.src}: ", self.count,
                                n_rows, *self.first)
        if self.cut:
            self.logger.warning(learned_module.CUT_TEXTS_MESSAGE, f"{self.src}: ", self.cut,
                                n_rows, *self.cut_args)


class _NoteFilter(logging.Filter):
    """Take the notes on coded rows that O*NET cannot serve (:data:`NOTES`) off the log.

    A filter on the ``categories`` logger while in its ``with`` block: :meth:`hold` gets
    each note, which is then not logged.

    :func:`~exposure.scoring.categories._warn_unread_keys` warns, for each call of
    ``score_tasks``, on rows with an O*NET-SOC code but no task ID, codes the release lacks
    and a missing ``task_id`` column, with the count as the second argument. The stream
    engine sums them over a file's batches (:class:`_KeyNotes`); the Dask engine holds them
    per partition (``exposure.dask._HeldNotes``).
    """

    #: the notes (their format strings, as ``categories`` logs them), by a part of their text
    NOTES = ("row(s) with an O*NET-SOC code have no task ID", "row(s) have an O*NET-SOC code that",
             "no 'task_id' column: the %d row(s)", "row(s) have a task ID that",
             "row(s) have a job_zone other than")

    def __init__(self):
        super().__init__()
        self.logger = logging.getLogger(categories_module.__name__)

    def __enter__(self):
        self.logger.addFilter(self)
        return self

    def __exit__(self, *exc) -> None:
        self.logger.removeFilter(self)

    def takes(self, record: logging.LogRecord) -> bool:
        """Whether ``record`` is one of the notes, with its count as second argument."""
        msg, args = record.msg, record.args
        return (isinstance(msg, str) and any(n in msg for n in self.NOTES)
                and isinstance(args, tuple) and len(args) >= 2 and isinstance(args[1], int))

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.takes(record):
            return True
        self.hold(record.msg, record.args)
        return False

    def hold(self, msg: str, args: tuple) -> None:  # pragma: no cover - each subclass has its own
        """Keep the note ``msg % args``, which is not logged."""
        raise NotImplementedError


class _KeyNotes(_NoteFilter):
    """Sum the notes on coded rows that O*NET cannot serve, of a file's batches, into one each.

    Streamed, each batch warned with its own count (``--batch-rows 1``: four lines ``1
    row(s) ... have no task ID``), where the whole file gives one line with the file's
    count; a stream that went back to the whole-file path (:class:`_NotGrouped`) said the
    batches' lines and then the file's. Here each note is held, its count summed over the
    batches (the first row named is the first batch's), and said once by :meth:`report`;
    notes held when the stream stops are dropped (the whole-file path, or the error, says
    what matters).
    """

    def __init__(self):
        super().__init__()
        self.held: dict[str, list] = {}  # format string -> [args of the first, count]

    def hold(self, msg: str, args: tuple) -> None:
        """Add the note's count to the file's (said once, by :meth:`report`)."""
        if msg in self.held:
            self.held[msg][1] += args[1]
        else:
            self.held[msg] = [args, args[1]]

    def report(self) -> None:
        """Warn once per note, with the file's count, in the order they were first seen."""
        self.logger.removeFilter(self)
        for msg, (args, count) in self.held.items():
            self.logger.warning(msg, args[0], count, *args[2:])
        self.held.clear()


class _OtherIds(_KeyNotes):
    """Sum the warnings of a file's batches on task IDs of other tasks into one each.

    Each batch's ``score_tasks`` warned on its own rows whose (code, task ID) names
    another task than their text (:data:`~exposure.scoring.OTHER_IDS_MESSAGE`, and
    ``reference``'s :data:`~exposure.scoring.OTHER_LABELS_MESSAGE`; ``rubric``'s rows scored
    by its prior alone, :data:`~exposure.scoring.RUBRIC_PRIORS_MESSAGE`): ``--batch-rows 1``
    gave one line per such row, where the whole file gives one. Held and summed as
    :class:`_KeyNotes` does, on the ``exposure.scoring`` logger; the first row named is
    the file's first (line numbers, the header being line 1).
    """

    def __init__(self):
        super().__init__()
        self.logger = logging.getLogger(scoring_module.__name__)

    def takes(self, record: logging.LogRecord) -> bool:
        """Whether ``record`` is one of the three warnings, with its count as second argument."""
        return (record.msg in (scoring_module.OTHER_IDS_MESSAGE, scoring_module.OTHER_LABELS_MESSAGE,
                               scoring_module.RUBRIC_PRIORS_MESSAGE)
                and isinstance(record.args, tuple) and len(record.args) >= 2
                and isinstance(record.args[1], int))


def _check_new_keys(frame: pd.DataFrame, state: dict, *, path, start: int) -> None:
    """Raise on a task key of ``frame`` already seen in an earlier batch; remember the others.

    ``state["keys"]`` holds the sorted hashes of the keys seen so far and
    ``state["key_rows"]`` the row (as reported) of each. A key is what
    :func:`~exposure.scoring.score_tasks` compares within a batch: the code as text and the
    canonical task id (:func:`~exposure.scoring._inputs.norm_task_id`: ``101.0`` is ``101``,
    and ids past 2**53 stay apart). Repeats inside ``frame`` are
    :func:`~exposure.scoring.score_tasks`'s to report.
    """
    if not {"onetsoc_code", "task_id"} <= set(frame.columns):
        return
    known = (frame["onetsoc_code"].notna() & frame["task_id"].notna()).to_numpy()
    if not known.any():
        return
    pos = np.flatnonzero(known)
    codes, numbers = map(list, zip(*task_keys(frame.iloc[pos]), strict=True))
    h = _hashes([f"{c}|{i}" for c, i in zip(codes, numbers, strict=True)])
    at = np.searchsorted(state["keys"], h)
    hit = np.zeros(len(h), dtype=bool)
    if len(state["keys"]):
        hit = (at < len(state["keys"])) & (state["keys"][np.minimum(at, len(state["keys"]) - 1)] == h)
    if hit.any():
        k = int(hit.argmax())
        first = int(state["key_rows"][at[k]])
        raise DataFormatError(f"duplicate task key ({codes[k]}, {numbers[k]}), first on row {first}",
                              path=path, row=start + int(pos[k]), column="task_id")
    keys = np.concatenate([state["keys"], h])
    rows = np.concatenate([state["key_rows"], start + pos])
    order = np.argsort(keys, kind="stable")
    state["keys"], state["key_rows"] = keys[order], rows[order]


def _score_stream(src, tmp, out_kind, method, onet, batch_rows, progress, *, target, mirror,
                  data_dir, occupation_column, said=None, model=None, **options) -> ScoredFile:
    """Score ``src`` batch by batch into ``tmp``; raise :class:`_NotGrouped` if it cannot."""
    batches = iter_task_batches(src, batch_rows)
    first = next(batches)
    if not len(first):
        raise _NotGrouped("the input has no rows")
    aliases = onet_aliases(first)
    _check_text_named(first, options["text_column"], aliases, path=src)
    _check_occupation_named(first.columns, occupation_column, aliases, path=src)
    warn_keys_spelled_twice(first.columns, aliases, path=src)  # one of them was read without a word
    # the options may name O*NET's own headers (--text-column Task), which are renamed
    options["text_column"] = aliased_column(options["text_column"], aliases)
    occupation_column = aliased_column(occupation_column, aliases)
    renamed = first.rename(columns=aliases)
    _warn_replaced(renamed, src, target, said, used=(options["text_column"], occupation_column))
    release, note = onet_for_tasks(renamed, method, onet, mirror=mirror,
                                   data_dir=data_dir)
    labels = (eloundou.load_task_labels(mirror=mirror, data_dir=data_dir)
              if method in ("reference", "reference-human", "reference-gpt4") else None)
    # the occupation context of the learned sets is the only cross-row feature (``transformer``
    # scores O*NET tasks given by id with the ``onet`` set, which has it)
    grouped = method in ("learned", "transformer")
    if grouped and model is None:
        model = load_model()  # verified once, not again for every batch
    by_title = grouped and method == "learned" and titles_share_context(model)
    offset = first_row_number(src)
    state = {"groups": np.empty(0, np.uint64), "keys": np.empty(0, np.uint64),
             "key_rows": np.empty(0, np.int64), "rows": 0, "unscored": 0, "tag": method,
             "quoted": (0, None)}
    tab_separated = file_kind(src, "input") == "tsv"

    def score(piece: pd.DataFrame, keys: list | None) -> None:
        start = state["rows"]
        renamed = piece.rename(columns=aliases).reset_index(drop=True)
        # a repeated key and a task type the roll-up refuses first: they are errors
        # whatever the order of the rows, while occupations out of order only send the
        # file to the whole-file path (which would read and check it all again before
        # reporting the same problem); a problem on an earlier row of the batch wins
        where = {"path": src, "row_offset": start + offset}
        found = _header_found(renamed, piece.columns, options["text_column"], **where)
        try:
            _check_new_keys(renamed, state, path=src, start=start + offset)
        except DataFormatError as repeated:
            found.append(repeated)
        _check_task_types(renamed, options["text_column"], occupation_column, **where,
                          found=found)
        _check_output_holds(renamed, target, out_kind, options["text_column"],
                            occupation_column, **where, first_row=start + 2)
        if grouped:
            seen = _hashes(sorted({k for k in keys if k}))
            if np.isin(seen, state["groups"]).any():
                raise _NotGrouped(_NOT_CONTIGUOUS)
            state["groups"] = np.union1d(state["groups"], seen)
        scores = _score_as_batch(renamed, method, onet=release, labels=labels, mirror=mirror,
                             data_dir=data_dir, path=src, row_offset=start + offset,
                             occupation_column=occupation_column, model=model, **options)
        sink.write(append_scores(piece, scores))
        if tab_separated:  # said once, for the file (_warn_quoted_cells)
            count, first = _quoted_cells(renamed, _read_columns(renamed, options["text_column"],
                                                                occupation_column), start + offset)
            state["quoted"] = (state["quoted"][0] + count, state["quoted"][1] or first)
        state["rows"] += len(piece)
        state["unscored"] += int(scores["p_e0"].isna().sum())
        if len(scores):
            state["tag"] = scores["method"].iloc[0]
        if progress is not None:
            progress(len(piece))
        logger.info("%s: scored %d rows", src, state["rows"])

    def batch_keys(batch: pd.DataFrame) -> list:
        return occupation_keys(batch.rename(columns=aliases), occupation_column, by_title=by_title)

    sink = _Sink(tmp, out_kind)
    # the release's frames are hashed once for the whole file, not once per batch: its
    # look-ups are rebuilt only when a frame was edited in place (``remembered``)
    with frames_unchanged():
        try:
            pending, pending_keys, ahead = None, [], None
            for batch, following in _with_following(itertools.chain([first], batches)):
                frame = batch if pending is None else pd.concat([pending, batch], ignore_index=True)
                keys = None
                if grouped:  # a row's key is its own: the carried rows keep theirs
                    keys = pending_keys + (ahead if ahead is not None else batch_keys(batch))
                ahead = None
                if following is None or not grouped:
                    cut = len(frame)  # the last batch is scored whole: nothing comes after it
                else:
                    next_key = None
                    if keys and keys[-1] is None and isinstance(following, pd.DataFrame):
                        # rows without an occupation end the batch: they go with the
                        # occupation before them if the next batch goes on with it
                        ahead = batch_keys(following)
                        next_key = next((k for k in ahead if k is not None), None)
                    cut = carry_cut(keys, next_key)
                if cut:
                    score(frame.iloc[:cut], None if keys is None else keys[:cut])
                pending = frame.iloc[cut:] if cut < len(frame) else None
                pending_keys = keys[cut:] if keys is not None else []
            sink.close()
        finally:
            sink.handle.close()
    _warn_quoted_cells(src, *state["quoted"])
    if sink.formulas:
        logger.warning("%s: %d cell(s) that a spreadsheet would run as formulas were written "
                       "with a leading ' (%s)", target, sink.formulas, FORMULA_ADVICE.get())
    return ScoredFile(tmp, state["rows"], state["tag"], state["unscored"], note)
