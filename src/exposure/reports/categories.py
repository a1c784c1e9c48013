"""Validation reports of the task categories (:mod:`exposure.scoring.categories`).

- :func:`precision_recall` of the tags against hand-checked samples
  (:func:`read_hand_checked`: files of codes, task ids, expected tags and a short note, no
  O*NET text: the development files ``tests/data/categories/hand_checked*_v1.csv`` and
  ``dev_v2.csv``);
- the blind validation sample (:func:`read_validation_sample`,
  ``tests/data/categories/v2``): agreement of its two annotators
  (:func:`annotator_agreement`, Cohen's kappa), precision, recall and F1 on its uniform and
  enriched strata and in the population of all O*NET tasks with the sampling weights
  (:func:`validation_metrics`, percentile bootstrap intervals);
- :func:`category_shares`: share of all tasks tagged per category and which kind of rule
  tagged them; :func:`category_estimates`: shares of tasks and of employment, as tagged and
  as estimated from the blind labels, with intervals (:func:`task_employment`).

:func:`write_category_reports` writes them all for O*NET 29.1 (``exposure report
categories`` runs it, into ``data/processed/reports``).
"""

from __future__ import annotations

import contextlib
import contextvars
import csv
import io
import logging
import math
import numbers
import os
from pathlib import Path

import numpy as np
import pandas as pd

from exposure._args import (
    as_array,
    as_real,
    check_count,
    check_path,
    is_number,
    padded_choice_hint,
    shown,
)
from exposure._io import atomic_paths, check_output_path, entry_kind, write_csv
from exposure._load import load, processed_dir
from exposure._measures import CATEGORIES, CORE_WEIGHT, OTHER_WEIGHT
from exposure._outdir import check_files_dir
from exposure._tables import (
    GROUPED,
    INPUT_KINDS,
    check_field_counts,
    check_file,
    check_header,
    check_no_nul,
    check_paired,
    compressed_input,
    decode_text,
    drop_empty_tail,
    first_repeat,
    missing_note,
    norm_header,
    number_hint,
    power_scaled,
)
from exposure.crosswalks import load_onet_to_soc
from exposure.errors import DataFormatError
from exposure.fetch import refuse_read_folders
from exposure.measures._common import check_table, oews_cells
from exposure.measures._common import numbers as number_column
from exposure.measures._crosswalk import check_once
from exposure.oews import SPECIAL_VALUES
from exposure.rollup import onet_to_oews
from exposure.schemas._fields import first_bad_onetsoc_code, first_bad_soc_code
from exposure.scoring._inputs import (
    bad_task_types,
    check_onet,
    norm_task_id,
    task_texts,
    task_type_hint,
)
from exposure.scoring.categories import (
    CATEGORY_MAPPING_VERSION,
    _explain_categories,
    tag_categories,
)

__all__ = [
    "read_hand_checked",
    "precision_recall",
    "category_shares",
    "read_validation_sample",
    "cohen_kappa",
    "annotator_agreement",
    "validation_metrics",
    "task_employment",
    "category_estimates",
    "sample_files",
    "check_disjoint",
    "check_blind",
    "report_paths",
    "write_category_reports",
]

logger = logging.getLogger(__name__)

#: The release's task table, named first in its errors, as the roll-ups name their frames
#: (``onet.tasks, row 2, column 'task_id': ...``).
_ONET_TASKS = "onet.tasks"

#: Resamples of the percentile bootstrap intervals, and their seed.
N_BOOT = 2000
BOOT_SEED = 20261202


def _f1(true_positives: int, tagged: int, positives: int) -> float:
    """F1 of counts, ``2 tp / (tagged + positives)``: NaN only when nothing is tagged or positive.

    It was taken from precision and recall, so it was NaN where they are both 0 (every tag
    wrong) or one is undefined while the other is 0, where F1 is 0, as
    :func:`validation_metrics` gives it.

    Examples
    --------
    >>> _f1(0, 2, 2), _f1(0, 0, 3), _f1(1, 1, 3), _f1(0, 0, 0)
    (0.0, 0.0, 0.5, nan)
    """
    return 2 * true_positives / (tagged + positives) if tagged + positives else float("nan")


def _mapping_counted(rule: str) -> bool:
    """True when a work-activity entry counted in an explanation (not a ``needs`` one)."""
    for item in rule.split(" [")[0].split("; "):
        if item.startswith(("dwa ", "iwa ")) and "(needs " not in item:
            return True
    return False


#: The strata of the blind validation sample.
STRATA = ("uniform", "enriched")


def _flags(frame: pd.DataFrame, column: str, name: str, *, missing: bool = False):
    """``frame[column]`` as a bool array: True/False or 1/0 (with ``missing``, a nullable array).

    ``to_numpy(dtype=bool)`` read the text ``"False"`` and NaN as True, and 2 as True.
    Failures name ``name`` first, then the row (position from 1) and the column, as the
    numbers of the same frames are named
    (``sample, row 1, column 'weight': not a number``); the frame was named after the
    row, in the message only.

    Examples
    --------
    >>> _flags(pd.DataFrame({"admin": [1, 0]}), "admin", "expected").tolist()
    [True, False]
    >>> _flags(pd.DataFrame({"admin": ["False"]}), "admin", "expected")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: expected, row 1, column 'admin': admin must be True or False (or 1 / 0), got str 'False'
    """
    check_once(frame, [column], name)  # numpy's broadcast error before
    series = frame[column]
    if series.dtype == bool:
        values = series.to_numpy()
        return pd.array(values, dtype="boolean") if missing else values
    cells = series.to_numpy(dtype=object)
    gaps = series.isna().to_numpy(dtype=bool)
    values = np.zeros(len(cells), dtype=bool)
    for pos, value in enumerate(cells):
        if gaps[pos] and missing:
            continue
        # a Decimal 1 / 0 (a NUMERIC column read with pd.read_sql) was "must be True or False (or
        # 1 / 0), got Decimal 1"
        ok = not gaps[pos] and (isinstance(value, (bool, np.bool_))
                                or (is_number(as_real(value)) and as_real(value) in (0, 1)))
        if not ok:
            got = "<NA>" if value is pd.NA else shown(value)
            raise DataFormatError(f"{column} must be True or False (or 1 / 0)"
                                  f"{' or missing' if missing else ''}, got {got}", path=name, row=pos + 1,
                                  column=column)
        values[pos] = bool(value)
    if not missing:
        return values
    out = pd.array(values, dtype="boolean")
    out[gaps] = pd.NA
    return out


def _stratum_hint(value) -> str:
    """The stratum to write for ``value``, one of :data:`STRATA` in another case or with spaces, else ``""``.

    ``Uniform`` (a spreadsheet's capitalised cell) and ``'uniform '`` were refused with
    the strata listed only. The words are the shared ones of
    :func:`exposure._args.padded_choice_hint` (a padded stratum was told ``(without the
    spaces)``, the other choices ``(without the spaces around it)``).

    Examples
    --------
    >>> _stratum_hint("Uniform"), _stratum_hint(" enriched "), _stratum_hint("random")
    (": write 'uniform' (the choices are case-sensitive)", ": write 'enriched' (without the spaces around it)", '')
    """
    return padded_choice_hint(value, STRATA)


def _boot_args(n_boot, seed, level) -> tuple[int, int, float]:
    """The bootstrap's arguments checked: resamples (1 or more), seed (0 or more), level in (0, 1).

    A :class:`~decimal.Decimal` or :class:`~fractions.Fraction` level is the number it is
    (:func:`~exposure._args.as_real`): ``Decimal('0.95')`` was refused as ``got Decimal 0.95``.
    """
    n_boot = check_count(n_boot, "n_boot", 1)  # -1, 2.5, True: numpy errors; 0: an IndexError
    seed = check_count(seed, "seed", 0)
    number = as_real(level)
    if not (is_number(number) and 0 < number < 1):  # 95: numpy's "Quantiles must be in the range [0, 1]"
        raise DataFormatError(f"level must be a number between 0 and 1 (0.95 for 95%), got {shown(level)}")
    return n_boot, seed, float(number)


def _design(sample: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Strata and sampling weights of a validation sample (already known to have the columns).

    A stratum other than ``uniform`` / ``enriched`` fell out of the strata rows; a
    negative weight gave a negative precision and a missing one NaN, without a word. The
    errors name ``sample`` first, as :func:`exposure.measures._common.numbers` names it
    of a weight that is not a number (they named it after the row); a stratum in another
    case (``Uniform``) is told the one to write (:func:`_stratum_hint`).
    """
    strata = sample["stratum"]
    bad = ~strata.isin(STRATA).to_numpy(dtype=bool)
    if bad.any():
        pos = int(bad.argmax())
        value = strata.iloc[pos]
        raise DataFormatError(f"stratum must be {' or '.join(STRATA)}, got {value!r}{_stratum_hint(value)}",
                              path="sample", row=pos + 1, column="stratum")
    weight = number_column(sample, "weight", "sample").to_numpy(dtype=float)  # text, bools, inf refused
    bad = ~(weight > 0)
    if bad.any():
        pos = int(bad.argmax())
        raise DataFormatError(f"weight must be a positive, finite number, got {float(weight[pos])!r}",
                              path="sample", row=pos + 1, column="weight")
    return strata.to_numpy(dtype=str), power_scaled(weight)


def _employment(values, name: str, n: int, rows: str) -> np.ndarray:
    """``values`` as ``n`` finite floats of 0 or more (a list, an array or a Series, by position)."""
    arr = as_array(values)
    if arr is None or arr.ndim != 1 or len(arr) != n:  # AttributeError, a broadcast error before
        got = len(arr) if arr is not None and arr.ndim == 1 else shown(values)
        raise DataFormatError(f"{name} must be one number per row of {rows} ({n} rows), got {got}")
    if arr.dtype.kind not in "iuf":
        raise DataFormatError(f"{name} must be numbers, got {arr.dtype} values")
    arr = arr.astype(float)
    bad = ~(np.isfinite(arr) & (arr >= 0))
    if bad.any():  # NaN gave a NaN share without a word
        pos = int(bad.argmax())
        raise DataFormatError(f"{name} must be finite numbers of 0 or more, got {float(arr[pos])!r} at position {pos}")
    return arr


def _need_file(path, what: str) -> None:
    """Refuse a ``path`` that is not a file: missing, a directory (``what`` it should be), a pipe.

    A directory was ``file not found``, of a path that exists; so were a pipe or a device
    (``--hand-checked <(...)``, ``/dev/null``), which the report cannot read twice.
    """
    if Path(path).is_dir():
        raise DataFormatError(f"is a directory, not a file ({what} is expected)", path=path)
    if not Path(path).is_file():
        raise DataFormatError(f"is not a regular file ({entry_kind(path)})" if Path(path).exists()  # which: round 81
                              else "file not found", path=path)


def _check_separator(text: str, path) -> None:
    """Refuse a sample file separated by semicolons or tabs (Excel in some European settings).

    Read with commas, its header was one column named ``onetsoc_code;task_id;...``: the
    error was ``missing column 'onetsoc_code'``, of a file that has it.
    """
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    if "," in first:
        return
    for sep, holds, looks in ((";", "';'", "semicolon-separated (Excel's CSV in some European settings)"),
                              ("\t", "tabs", "tab-separated")):
        if sep in first:
            raise DataFormatError(f"the header holds {holds} and no ',': the file looks {looks}; the "
                                  "sample files are read comma-separated: save it as 'CSV UTF-8 (comma "
                                  "delimited)'", path=path, row=1)


def _need_columns(raw: pd.DataFrame, columns, path) -> None:
    """Refuse a sample file without one of ``columns``, saying what its header holds.

    A column named in another case or spacing (``Admin``, ``routine coding``,
    ``Entry-Creative``) was ``missing column 'admin'``, of a file that shows it. Beside the
    column so named, it was not read at all (``admin`` False, ``Admin`` True: the labels of
    ``admin`` were read without a word); it is refused, as the modern tasks of
    ``exposure evaluate`` refuse it, asking to keep one of them.

    Examples
    --------
    >>> _need_columns(pd.DataFrame(columns=["admin", "Admin"]), ["admin"], "h.csv")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: h.csv, row 1, column 'Admin': column 'Admin' is read as 'admin' only when named so: there is a column 'admin' too: keep one of them
    """
    for col in columns:
        near = [c for c in raw.columns
                if c != col and norm_header(c).replace(" ", "_").replace("-", "_") == col]
        if col in raw.columns and not near:
            continue
        if near:
            fix = (f"there is a column {col!r} too: keep one of them" if col in raw.columns
                   else f"rename it {col}")
            raise DataFormatError(f"column {near[0]!r} is read as {col!r} only when named so: {fix}",
                                  path=path, row=1, column=near[0])
        raise DataFormatError(f"missing column {col!r} (the header has {', '.join(map(repr, raw.columns))})",
                              path=path, column=col)


#: What a binary file given for a sample CSV is, by the kind its extension names
#: (:data:`exposure._tables.INPUT_KINDS`; a workbook by its zip signature), and what to do.
_BINARY_KINDS = {
    "parquet": ("a Parquet file", "write the table as comma-separated UTF-8 text (to_csv)"),
    "dta": ("a Stata .dta file", "write the table as comma-separated UTF-8 text (export delimited)"),
}


def _check_binary_table(path: Path, head: bytes) -> None:
    """Refuse a workbook, a Parquet or Stata table or a compressed file given for a sample CSV.

    The sample files are read as CSV text. Such a file (the sheet kept as ``h.xlsx``, the
    frame saved with ``to_parquet``, ``h.csv.gz``) was refused as ``h.xlsx, row 1: file is
    binary, not text (a NUL byte at offset 5)``: a row of a file that has no rows, and
    neither what the file is nor what to do, which the shared readers say (``file is a zip
    archive (an .xlsx workbook?), not delimited text``; ``decompress it first``). ``head``
    holds the first bytes of the file (:func:`exposure._tables.check_file`): a file without
    a NUL byte among them is text, whatever its name, and left to the reader; a text file
    damaged by a NUL byte to :func:`exposure._tables.check_no_nul`.

    Examples
    --------
    >>> _check_binary_table(Path("h.xlsx"), b"PK\\x03\\x04\\x14\\x00")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: h.xlsx: file is an .xlsx workbook, not CSV text: the sample files are read as CSV; save the sheet as 'CSV UTF-8 (comma delimited)'
    >>> _check_binary_table(Path("h.xlsx"), b"onetsoc_code,task_id\\n")  # text: read as CSV
    """
    if b"\x00" not in head:
        return
    compressed = compressed_input(path, "a CSV file")  # h.csv.gz: how to decompress it
    if compressed is not None:
        raise DataFormatError(compressed, path=path)
    kind = _BINARY_KINDS.get(INPUT_KINDS.get(path.suffix.lower(), ""))
    if head.startswith(b"PK\x03\x04"):  # a zip archive: a workbook, under its name or another
        named = INPUT_KINDS.get(path.suffix.lower()) == "xlsx"
        kind = ("an .xlsx workbook" if named else "a zip archive (an .xlsx workbook?)",
                "save the sheet as 'CSV UTF-8 (comma delimited)'")
    if kind is not None:
        raise DataFormatError(f"file is {kind[0]}, not CSV text: the sample files are read as CSV; {kind[1]}",
                              path=path)


def _read_csv(path) -> pd.DataFrame:
    """Read a sample CSV as strings; an empty, binary or malformed file is a DataFormatError.

    Its records are checked as the shared readers check them (rows are then the records,
    the header being row 1): an empty line between the rows (skipped by pandas, so every
    later error named the row above the bad one), a row with more or fewer fields than
    the header (a trailing comma on every row was read one column to the right), and a
    column named twice (its first copy was read without a word) are refused, naming the
    row.
    Rows of empty cells ending the file (``,,,``: Excel writes them for cleared rows) are
    ignored, as the shared readers ignore them (:func:`exposure._tables.drop_empty_tail`);
    one among the rows is refused as such, naming its row (it was refused as a cell of it,
    ``column 'admin': expected True or False (or 1 / 0), got ''``, as if a label were
    missing).
    A byte that is not UTF-8 is named by its row and column, with the encoding it looks
    like (Excel's "CSV (Comma delimited)" writes Windows-1252: ``not UTF-8 text (byte
    111): a binary file?`` before), as the shared readers name it. So is a file those
    readers name by its first bytes (:func:`exposure._tables.check_file`): UTF-16 text
    (Excel's "Unicode Text") or UTF-32, an old ``.xls`` workbook, an HTML page; a UTF-16
    sample was ``a binary file, not CSV text``. The advice is that of a reader of CSV alone:
    an old ``.xls`` is to be saved as CSV (``save it as .xlsx or CSV`` before, and an
    ``.xlsx`` sample is refused). A NUL byte (a file damaged on disk or in a
    copy) is named by its line and offset (:func:`exposure._tables.check_no_nul`; it was
    ``a binary file, not CSV text``). An ``.xlsx`` workbook, a Parquet or Stata file or a
    compressed file is named as such (:func:`_check_binary_table`; it was ``row 1: file is
    binary, not text (a NUL byte at offset 5)``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "empty.csv"
    >>> _ = p.write_bytes(b"")
    >>> _read_csv(p)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: .../empty.csv: file is empty
    """
    # UTF-16 (Excel's "Unicode Text"): "a binary file" before; advice of a reader of CSV alone (an
    # old .xls was told "save it as .xlsx or CSV", and the .xlsx is refused)
    head = check_file(Path(path), workbook=False)
    _check_binary_table(Path(path), head)  # h.xlsx: "row 1: file is binary, not text" before
    check_no_nul(path)  # its line and offset, as the shared readers name it ("a binary file" before)
    data = Path(path).read_bytes()
    try:  # the shared readers' decoding: its row, column and the encoding the byte looks like
        text = decode_text(data, Path(path), ",")
    except DataFormatError as exc:  # "not UTF-8 text (byte 111): a binary file?" of a text file
        raise DataFormatError(f"not UTF-8 text: {exc.reason}", path=path, row=exc.row, column=exc.column,
                              line=exc.line) from None
    if text.strip():
        _check_separator(text, path)
        check_header(check_field_counts(text, ",", csv.QUOTE_MINIMAL, Path(path)), path)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:
        raise DataFormatError("file is empty", path=path) from None
    except pd.errors.ParserError as exc:
        raise DataFormatError(f"cannot read as CSV: {' '.join(str(exc).split())}",
                              path=path) from None
    # Excel's rows of cleared cells (",,,") ending the file, ignored as the shared readers
    # ignore them: the first was refused as a task of no label ("expected True or False, got ''")
    frame = frame.iloc[:len(drop_empty_tail(frame.mask(frame.eq(""))))]
    # one among the rows: refused as a cell of it ("column 'admin': expected True or False, got ''")
    cleared = frame.eq("").all(axis=1).to_numpy(dtype=bool) if frame.shape[1] else np.zeros(len(frame), bool)
    if cleared.any():
        raise DataFormatError("every cell of this row is empty (a row cleared in a spreadsheet?): delete the row; "
                              "only the empty rows ending the file are ignored", path=path,
                              row=int(cleared.argmax()) + 2)
    return frame


def _check_keys(frame: pd.DataFrame, path) -> None:
    """Refuse a sample file without rows, or a row whose code or task id is not one.

    A blank, padded or malformed ``onetsoc_code`` or ``task_id`` (``''``, ``' 43-9061.00'``,
    ``'abc'``, ``'-1'``) was read, and refused only after O*NET was loaded, as a task not
    found in the release; a file of a header alone gave a report of no task (NaN precision).
    ``task_id`` is already normalised (:func:`norm_task_id`: ``'9.0'`` is ``'9'``).
    """
    if frame.empty:
        raise DataFormatError("no task: the file has a header and no rows", path=path)
    bad = first_bad_onetsoc_code(frame["onetsoc_code"].mask(frame["onetsoc_code"].eq("")))
    if bad is not None:
        raise DataFormatError(bad[1], path=path, row=bad[0] + 2, column="onetsoc_code")
    for pos, task in enumerate(frame["task_id"]):
        if not (task.isascii() and task.isdigit()):
            what = "missing" if task == "" else f"not a task id (a whole number, like 20699): {task!r}"
            raise DataFormatError(what, path=path, row=pos + 2, column="task_id")


def read_hand_checked(path) -> pd.DataFrame:
    """Read a hand-checked category sample (e.g. ``tests/data/categories/hand_checked_v1.csv``).

    The file holds no O*NET text: columns ``onetsoc_code``, ``task_id``, ``stratum``,
    ``admin``, ``routine_coding``, ``entry_creative`` (``True``/``False`` in any case, as
    Excel writes them, or ``1``/``0``, also ``1.0``/``0.0``) and ``note``. Rows of empty cells ending the file
    (``,,,``, Excel's cleared rows) are ignored.

    Parameters
    ----------
    path : str or os.PathLike

    Returns
    -------
    pandas.DataFrame
        With bool category columns and string ``task_id``.

    Raises
    ------
    exposure.errors.DataFormatError
        ``path`` not a str or os.PathLike (None, bytes); missing, empty or binary file, a
        directory, a pipe or device, a file that is not UTF-8 (naming the row and column of
        the first bad byte), missing column, a category cell that is not True/False, or a task listed twice
        (naming row and column); a file without rows; an empty line between the rows, a
        row of empty cells among them (a row cleared in a spreadsheet), a row of more or
        fewer fields than the header, a column named twice; a missing or
        malformed ``onetsoc_code`` or ``task_id`` (a task id is a whole number); a file
        separated by semicolons or tabs, or a column named in another case or spacing
        (``Admin``: rename it ``admin``; beside ``admin``: keep one of them); a label with
        spaces around it (``' True'``), saying so.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "h.csv"
    >>> _ = p.write_text("onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\\n"
    ...                  "43-6014.00,9,random,True,False,False,filing\\n")
    >>> read_hand_checked(p)["admin"].tolist()
    [True]
    """
    _need_file(check_path(path, "path"), "the hand-checked sample's CSV")  # None: a pathlib TypeError before
    raw = _read_csv(path)
    need = ["onetsoc_code", "task_id", "stratum", *CATEGORIES, "note"]
    _need_columns(raw, need, path)
    out = raw[need].copy()
    for cat in CATEGORIES:
        out[cat] = _bool_column(out, cat, path)
    out["task_id"] = out["task_id"].map(norm_task_id)
    _check_keys(out, path)
    # a task listed twice would count twice in precision and recall (and two rows may disagree)
    repeated = out.duplicated(["onetsoc_code", "task_id"], keep="first").to_numpy()
    if repeated.any():
        pos = int(repeated.nonzero()[0][0])
        code, task = out["onetsoc_code"].iloc[pos], out["task_id"].iloc[pos]
        first = int((out["onetsoc_code"].eq(code) & out["task_id"].eq(task)).to_numpy().argmax())
        raise DataFormatError(f"task ({code}, {task}) is listed twice, first on row {first + 2}: "
                              "each task once", path=path, row=pos + 2, column="task_id")
    return out


def precision_recall(expected: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of each category of ``predicted`` against ``expected``.

    Parameters
    ----------
    expected, predicted : pandas.DataFrame
        Bool columns ``admin``, ``routine_coding``, ``entry_creative``, aligned rows.

    Returns
    -------
    pandas.DataFrame
        One row per category: ``category``, ``n``, ``positives``, ``tagged``,
        ``true_positives``, ``precision``, ``recall``, ``f1`` (NaN when undefined: precision
        with nothing tagged, recall with no positive, F1 with neither; F1 is 0 when every
        tag is wrong).

    Examples
    --------
    >>> e = pd.DataFrame({"admin": [True, True, False], "routine_coding": [False] * 3,
    ...                   "entry_creative": [False, False, True]})
    >>> p = pd.DataFrame({"admin": [True, False, True], "routine_coding": [False] * 3,
    ...                   "entry_creative": [False, False, True]})
    >>> row = precision_recall(e, p).iloc[0]
    >>> (row["category"], float(row["precision"]), float(row["recall"]))
    ('admin', 0.5, 0.5)

    Raises
    ------
    exposure.errors.DataFormatError
        ``expected`` or ``predicted`` not a DataFrame, without a category column (or with
        one twice), the two of different lengths or with the index labels of one in another
        order in the other (the rows are paired by position), or a flag that is not
        True/False or 1/0 (naming the row and the column: the text ``"False"`` and NaN were
        read as True).
    """
    check_table(expected, "expected", CATEGORIES)  # None: "not subscriptable" before
    check_table(predicted, "predicted", CATEGORIES)
    if len(expected) != len(predicted):
        raise DataFormatError(f"expected and predicted must have one length each, got {len(expected)} "
                              f"and {len(predicted)}")
    check_paired(expected, predicted, "expected", "predicted")
    rows = []
    for cat in CATEGORIES:
        y = _flags(expected, cat, "expected")
        p = _flags(predicted, cat, "predicted")
        tp = int((y & p).sum())
        prec = tp / int(p.sum()) if p.sum() else float("nan")
        rec = tp / int(y.sum()) if y.sum() else float("nan")
        f1 = _f1(tp, int(p.sum()), int(y.sum()))
        rows.append((cat, len(y), int(y.sum()), int(p.sum()), tp, round(prec, 4), round(rec, 4),
                     round(f1, 4)))
    cols = ["category", "n", "positives", "tagged", "true_positives", "precision", "recall", "f1"]
    return pd.DataFrame(rows, columns=cols)


def category_shares(tasks: pd.DataFrame, *, onet=None, text_column: str = "task") -> pd.DataFrame:
    """Share of tasks tagged per category, and which kind of rule tagged them.

    Parameters
    ----------
    tasks : pandas.DataFrame
        Task frame (e.g. ``load_onet().tasks``).
    onet : optional
        Passed to :func:`~exposure.scoring.categories.explain_categories`.
    text_column : str, default "task"

    Returns
    -------
    pandas.DataFrame
        One row per category: ``category``, ``n_tasks``, ``n_tagged``, ``share``,
        ``n_by_mapping`` (a DWA/IWA mapping entry fired), ``n_by_text_only`` (only text
        rules fired), ``n_gated`` (entry_creative evidence dropped by the job-zone gate).
        The tags are counted by position: a ``tasks`` index that repeats a label gives the
        shares of the same frame with a plain index, without
        :func:`~exposure.scoring.categories.explain_categories`' warning on it (round 78).

    Raises
    ------
    exposure.errors.DataFormatError
        ``tasks`` not a frame, or without rows (a share of 0.0 of no task, as if none were
        tagged, before), and what :func:`~exposure.scoring.categories.explain_categories`
        refuses.

    Examples
    --------
    >>> t = pd.DataFrame({"task": ["File records.", "Weld pipes.", "Type letters."]})
    >>> row = category_shares(t).iloc[0]
    >>> (row["category"], int(row["n_tagged"]))
    ('admin', 2)
    """
    tasks = check_table(tasks, "tasks")  # None: "frame must be a pandas DataFrame"
    if tasks.empty:  # a share of 0.0 of no task, as if none were tagged
        raise DataFormatError("tasks has no rows: no task to share")
    # the shares count the tags by position: explain_categories' warning on a repeated index (its
    # tags joined back by it pair the wrong rows) does not apply here, so the quiet path (round 78)
    ex = _explain_categories(tasks, onet=onet, text_column=text_column)
    rows = []
    for cat in CATEGORIES:
        rule = ex[f"{cat}_rule"]
        tagged = ex[cat]
        by_map = tagged & rule.map(_mapping_counted)
        gated = ~tagged & rule.str.contains("[gated", regex=False)
        rows.append(
            (cat, len(ex), int(tagged.sum()), round(float(tagged.mean()), 4),
             int(by_map.sum()), int((tagged & ~by_map).sum()), int(gated.sum()))
        )
    cols = ["category", "n_tasks", "n_tagged", "share", "n_by_mapping", "n_by_text_only", "n_gated"]
    return pd.DataFrame(rows, columns=cols)


_SAMPLE_COLUMNS = ["onetsoc_code", "task_id", "stratum", "enriched_population", "inclusion_prob",
                   "weight", "double"]


#: The cells of a label column of a sample CSV, as written by hand, by pandas (``True``)
#: and by Excel or LibreOffice (``TRUE``), and 1 / 0 (``1.0`` / ``0.0``: pandas writes a
#: column of numbers that held a gap so).
_BOOL_CELLS = {"true": True, "false": False, "1": True, "0": False, "1.0": True, "0.0": False}


def _bool_column(frame: pd.DataFrame, col: str, path) -> pd.Series:
    """The label column ``col`` of a sample CSV read as strings, as bool.

    ``True`` / ``False`` in any case (a sample saved by Excel has ``TRUE`` / ``FALSE``,
    which was refused) or ``1`` / ``0`` (also ``1.0`` / ``0.0``, as pandas writes a column
    of floats: it was refused as ``expected True or False (or 1 / 0), got '1.0'``); any other
    cell (blank, ``yes``, ``2``) is refused naming the file, its line (the header is line 1)
    and the column. A label with spaces around it (``' True'``: a hand-written
    ``True, False``) is refused saying so, in the words of the codes' check (it was told
    ``got ' True'`` alone).

    Examples
    --------
    >>> _bool_column(pd.DataFrame({"admin": ["TRUE", "false", "1", "0.0"]}), "admin", "h.csv").tolist()
    [True, False, True, False]
    >>> _bool_column(pd.DataFrame({"admin": ["True", "yes"]}), "admin", "h.csv")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: h.csv, row 3, column 'admin': expected True or False (or 1 / 0), got 'yes'
    >>> _bool_column(pd.DataFrame({"admin": [" True"]}), "admin", "h.csv")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: h.csv, row 2, column 'admin': expected True or False (or 1 / 0), got ' True': spaces around the label: write 'True'
    """
    read = frame[col].str.lower().map(_BOOL_CELLS)
    bad = read.isna()
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        cell = frame[col].iloc[pos]
        hint = f": spaces around the label: write {cell.strip()!r}" if cell.strip().lower() in _BOOL_CELLS else ""
        raise DataFormatError(f"expected True or False (or 1 / 0), got {cell!r}{hint}",
                              path=path, row=pos + 2, column=col)
    return read.astype(bool)


def _read_labels(path) -> pd.DataFrame:
    _need_file(path, "an annotator's labels CSV")
    raw = _read_csv(path)
    _need_columns(raw, ["onetsoc_code", "task_id", *CATEGORIES], path)
    out = raw[["onetsoc_code", "task_id"]].copy()
    out["task_id"] = out["task_id"].map(norm_task_id)
    if len(out):  # annotator B's file may hold no task
        _check_keys(out, path)
    for cat in CATEGORIES:
        out[cat] = _bool_column(raw, cat, path)
    repeat = _first_repeat_key(out)
    if repeat is not None:  # "duplicate task", naming neither the task nor its first row
        pos, first = repeat
        raise DataFormatError(f"task ({out['onetsoc_code'].iloc[pos]}, {out['task_id'].iloc[pos]}) is "
                              f"labelled twice, first on row {first + 2}: label each task once", path=path,
                              row=pos + 2, column="task_id")
    return out


def _first_repeat_key(frame: pd.DataFrame) -> tuple[int, int] | None:
    """Positions (repeat, first) of the first (onetsoc_code, task_id) given twice, or None."""
    return first_repeat(frame["onetsoc_code"].astype(str) + "\x00" + frame["task_id"].astype(str))


def _check_design(sample: pd.DataFrame, raw: pd.DataFrame, path) -> None:
    """Refuse design columns that contradict each other (the estimates read ``weight`` alone).

    The design: ``weight = 1 / inclusion_prob`` (``draw_sample.py`` rounds them to 6 and 8
    decimals), and the enriched stratum is drawn from the enriched population. A weight
    that was not the inverse of its probability (40 for 0.25), or an enriched task outside
    the enriched population, was read without a word: the weighted figures used the weight
    whichever of the two was wrong.
    """
    product = (sample["weight"] * sample["inclusion_prob"]).to_numpy(dtype=float)
    bad = ~np.isclose(product, 1.0, rtol=0.0, atol=1e-4)
    if bad.any():
        pos = int(bad.argmax())
        raise DataFormatError(f"weight must be 1 / inclusion_prob, got {raw['weight'].iloc[pos]!r} for an "
                              f"inclusion_prob of {raw['inclusion_prob'].iloc[pos]!r} (1 / it is "
                              f"{1 / float(sample['inclusion_prob'].iloc[pos]):.6g}): one of the two is wrong",
                              path=path, row=pos + 2, column="weight")
    bad = (sample["stratum"].eq("enriched") & ~sample["enriched_population"]).to_numpy(dtype=bool)
    if bad.any():
        pos = int(bad.argmax())
        raise DataFormatError("a task of the enriched stratum must be in the enriched population "
                              "(enriched_population True), got False", path=path, row=pos + 2,
                              column="enriched_population")


def _design_numbers(cells: pd.Series, col: str, path) -> pd.Series:
    """A design column of ``sample.csv`` (text cells) as positive floats, naming a bad cell.

    Thousands separators are read as the shared readers read them (``1,234``:
    :data:`exposure._tables.GROUPED`). A cell that is missing, not a number or not
    positive is refused, naming the file, its row (the header is row 1), the column and
    the cell: each was ``inclusion_prob must be a positive number``, also of a decimal
    comma (``"0,5"``, as a spreadsheet in a European locale writes it: a positive number,
    which the message denied), of a blank cell and of ``50%``. A number written so is told
    the number to write (:func:`exposure._tables.number_hint`; an ``inclusion_prob``, a
    probability, as a share: ``50%`` is told ``0.5``). Infinity is left to the caller's
    checks (:func:`read_validation_sample` names it).

    Examples
    --------
    >>> _design_numbers(pd.Series(["0.5", "1,250", " 2 "]), "weight", "s.csv").tolist()
    [0.5, 1250.0, 2.0]
    >>> _design_numbers(pd.Series(["0.5", "0,25"]), "inclusion_prob", "s.csv")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: s.csv, row 3, column 'inclusion_prob': inclusion_prob must be a number, got '0,25': a decimal comma? write decimals with a point: '0.25'
    """
    text = cells.astype(str).str.strip()
    grouped = text.str.fullmatch(GROUPED).to_numpy(dtype=bool)
    values = pd.to_numeric(text.where(~grouped, text.str.replace(",", "", regex=False)), errors="coerce")
    bad = ~(values > 0).to_numpy(dtype=bool)  # (infinity passes, to the caller's check)
    if not bad.any():
        return values
    pos = int(np.flatnonzero(bad)[0])
    cell = cells.iloc[pos]
    if not text.iloc[pos]:
        what = f"{col} is missing: give each sampled task its {col}"
    elif pd.isna(values.iloc[pos]):
        what = f"{col} must be a number, got {cell!r}{number_hint(cell, share=col == 'inclusion_prob')}"
    else:
        what = f"{col} must be a positive number, got {cell!r}"
    raise DataFormatError(what, path=path, row=pos + 2, column=col)


def read_validation_sample(directory) -> pd.DataFrame:
    """Read the blind validation sample and its two annotators' labels.

    ``directory`` holds ``sample.csv`` (design: ``onetsoc_code, task_id, stratum,
    enriched_population, inclusion_prob, weight, double``), ``labels_annotator_a.csv`` (every
    task) and ``labels_annotator_b.csv`` (the ``double`` tasks), each with ``onetsoc_code,
    task_id, admin, routine_coding, entry_creative`` (``True``/``False``) and a note. No
    O*NET text is stored.

    Parameters
    ----------
    directory : str or os.PathLike
        E.g. ``tests/data/categories/v2``.

    Returns
    -------
    pandas.DataFrame
        The design columns, the reference labels (annotator A) as bool ``admin``,
        ``routine_coding``, ``entry_creative``, and annotator B's as nullable ``admin_b``,
        ``routine_coding_b``, ``entry_creative_b`` (missing outside the double subset).

    Raises
    ------
    exposure.errors.DataFormatError
        ``directory`` not a str or os.PathLike (None, bytes); ``directory`` missing, saying
        why when it can tell (a stray space, an unexpanded ``~``: it was
        ``v2 /sample.csv: file not found``, a file of a directory that does not exist); a missing file (or a
        directory, pipe or device in its place), a file that is not UTF-8, a missing
        column, a flag that is not True/False, a stratum other than ``uniform`` or
        ``enriched``, a sampled task without annotator A's label, a double task without annotator B's
        (it dropped out of the agreement without a word), or a label of a task that is
        not in the sample / not double;
        a ``sample.csv`` without rows; an empty line between the rows, a row of empty
        cells among them, a row of more or fewer fields than the header, a column named
        twice, a missing or malformed ``onetsoc_code`` or ``task_id``, a task labelled twice, a file separated by
        semicolons or tabs, a column named in another case or spacing (``Admin``, also beside
        ``admin``), a label with spaces around it, in any of the three files; a ``weight`` that is not ``1 / inclusion_prob``, or a task of the
        enriched stratum outside the enriched population (:func:`_check_design`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "sample.csv").write_text(
    ...     "onetsoc_code,task_id,stratum,enriched_population,inclusion_prob,weight,double\\n"
    ...     "43-9061.00,1,uniform,True,0.5,2.0,True\\n11-1011.00,2,uniform,False,0.25,4.0,False\\n")
    >>> head = "onetsoc_code,task_id,admin,routine_coding,entry_creative,note\\n"
    >>> _ = (d / "labels_annotator_a.csv").write_text(
    ...     head + "43-9061.00,1,True,False,False,filing\\n11-1011.00,2,False,False,False,x\\n")
    >>> _ = (d / "labels_annotator_b.csv").write_text(head + "43-9061.00,1,True,False,False,x\\n")
    >>> read_validation_sample(d)[["task_id", "weight", "admin", "admin_b"]]
      task_id  weight  admin  admin_b
    0       1     2.0   True     True
    1       2     4.0  False     <NA>
    """
    directory = check_path(directory, "directory", "a directory path")  # None: a pathlib TypeError before
    if directory.exists() and not directory.is_dir():  # it said ".../h.csv/sample.csv: file not found"
        raise DataFormatError("is a file, not a directory (the blind validation sample's directory "
                              "is expected)", path=directory)
    if not directory.exists():  # "v2 /sample.csv: file not found": a file, and not the stray space or '~'
        raise DataFormatError(missing_note(directory, "validation sample directory"), path=directory)
    path = directory / "sample.csv"
    _need_file(path, "the validation sample's design CSV")
    raw = _read_csv(path)
    _need_columns(raw, _SAMPLE_COLUMNS, path)
    sample = raw[_SAMPLE_COLUMNS].copy()
    sample["task_id"] = sample["task_id"].map(norm_task_id)
    _check_keys(sample, path)
    for col in ("enriched_population", "double"):
        sample[col] = _bool_column(raw, col, path)
    bad = ~sample["stratum"].isin(STRATA).to_numpy(dtype=bool)
    if bad.any():  # it fell out of the strata rows of validation_metrics
        pos = int(bad.argmax())
        value = sample["stratum"].iloc[pos]
        raise DataFormatError(f"stratum must be {' or '.join(STRATA)}, got {value!r}{_stratum_hint(value)}",
                              path=path, row=pos + 2, column="stratum")
    for col in ("inclusion_prob", "weight"):
        sample[col] = _design_numbers(raw[col], col, path)
    # an infinite weight, or a probability above 1, gave estimates without a word
    for col, bad, rule in (
            ("inclusion_prob", ~(sample["inclusion_prob"] <= 1), "a probability in (0, 1]"),
            ("weight", ~np.isfinite(sample["weight"].to_numpy(float)), "a positive, finite number")):
        if bad.any():
            pos = int(np.flatnonzero(np.asarray(bad))[0])
            raise DataFormatError(f"{col} must be {rule}, got {raw[col].iloc[pos]!r}", path=path,
                                  row=pos + 2, column=col)
    _check_design(sample, raw, path)
    keys = ["onetsoc_code", "task_id"]
    # a task sampled twice counted twice in the estimates (n 401 for 400 tasks)
    repeated = sample.duplicated(keys, keep="first").to_numpy()
    if repeated.any():
        pos = int(repeated.nonzero()[0][0])
        code, task = sample["onetsoc_code"].iloc[pos], sample["task_id"].iloc[pos]
        first = int((sample["onetsoc_code"].eq(code) & sample["task_id"].eq(task)).to_numpy().argmax())
        raise DataFormatError(f"task ({code}, {task}) is listed twice, first on row {first + 2}",
                              path=path, row=pos + 2, column="task_id")
    a_path, b_path = directory / "labels_annotator_a.csv", directory / "labels_annotator_b.csv"
    a, b = _read_labels(a_path), _read_labels(b_path)
    out = sample.merge(a, on=keys, how="left", indicator=True)
    if (out["_merge"] != "both").any():
        pos = int((out["_merge"] != "both").to_numpy().nonzero()[0][0])
        raise DataFormatError("sampled task without annotator A's label", path=path,
                              row=pos + 2, column="task_id")
    out = out.drop(columns="_merge")
    for name, labels, lpath in (("A", a, a_path), ("B", b, b_path)):
        allowed = sample if name == "A" else sample[sample["double"]]
        known = set(zip(allowed["onetsoc_code"], allowed["task_id"]))
        for pos, key in enumerate(zip(labels["onetsoc_code"], labels["task_id"])):
            if key not in known:
                raise DataFormatError(f"annotator {name} labelled a task that is not "
                                      f"{'in the sample' if name == 'A' else 'double-labelled'}",
                                      path=lpath, row=pos + 2, column="task_id")
    b = b.rename(columns={c: f"{c}_b" for c in CATEGORIES})
    out = out.merge(b, on=keys, how="left", indicator=True)
    # a double task B did not label dropped out of the agreement (n 39 of 40) without a word
    unlabelled = (out["double"] & (out["_merge"] != "both")).to_numpy(dtype=bool)
    if unlabelled.any():
        pos = int(unlabelled.argmax())
        raise DataFormatError(f"task ({out['onetsoc_code'].iloc[pos]}, {out['task_id'].iloc[pos]}) is "
                              f"double-labelled but has no label in {b_path.name}: label it there, or "
                              "set double to False", path=path, row=pos + 2, column="double")
    out = out.drop(columns="_merge")
    for cat in CATEGORIES:
        out[f"{cat}_b"] = out[f"{cat}_b"].astype("boolean")
    return out


def _ratings(value, name: str) -> np.ndarray:
    """``value`` as a 1-D bool array of binary ratings (bools, or numbers 0 and 1)."""
    arr = as_array(value)
    ok = arr is not None and arr.ndim == 1
    if ok and arr.dtype.kind != "b":
        values = arr.tolist()
        ok = all(isinstance(v, (bool, np.bool_, numbers.Real)) and v in (0, 1) for v in values)
    if not ok:
        raise DataFormatError(f"{name} must be a list of binary ratings (True/False or 1/0), got {shown(value)}")
    return arr.astype(bool)


def cohen_kappa(a, b) -> float:
    """Cohen's kappa of two binary ratings of the same items.

    Parameters
    ----------
    a, b : array-like of bool
        Paired by position; two Series holding the same index labels in another order are
        refused (their ratings were compared by position, without a word: two annotators'
        files indexed by task, one sorted otherwise, gave -0.67 for identical ratings).

    Returns
    -------
    float
        ``(p_o - p_e) / (1 - p_e)``; 1.0 when both raters give one same value throughout
        (NaN when ``p_e`` is 1 but they disagree, which cannot happen, or no items).

    Examples
    --------
    >>> round(cohen_kappa([1, 1, 0, 0], [1, 0, 0, 0]), 4)
    0.5
    >>> cohen_kappa([0, 0, 0], [0, 0, 0])
    1.0

    Raises
    ------
    exposure.errors.DataFormatError
        ``a`` or ``b`` is not a list of binary ratings (None, a number, text, ``[2, 0]``:
        ``cohen_kappa([1, 0], None)`` returned a number), they differ in length, or ``b``
        holds the index labels of ``a`` in another order.
    """
    given_a, given_b = a, b
    a, b = _ratings(a, "a"), _ratings(b, "b")
    if len(a) != len(b):  # numpy's "operands could not be broadcast" before
        raise DataFormatError(f"a and b must have one length each, got {len(a)} and {len(b)}")
    if isinstance(given_a, pd.Series):  # the same labels in another order were compared by position
        check_paired(given_a, given_b, "a", "b")
    if len(a) == 0:
        return float("nan")
    p_o = float((a == b).mean())
    p_e = float(a.mean() * b.mean() + (1 - a.mean()) * (1 - b.mean()))
    if p_e == 1.0:
        return 1.0 if p_o == 1.0 else float("nan")
    return (p_o - p_e) / (1 - p_e)


def annotator_agreement(sample: pd.DataFrame) -> pd.DataFrame:
    """Agreement of the two annotators on the double-labelled tasks, per category.

    Parameters
    ----------
    sample : pandas.DataFrame
        :func:`read_validation_sample`.

    Returns
    -------
    pandas.DataFrame
        ``category, n, positives_a, positives_b, both_positive, agreement, kappa``
        (agreement: share of tasks with the same flag; kappa: :func:`cohen_kappa`).

    Raises
    ------
    exposure.errors.DataFormatError
        ``sample`` not a frame or without a category column (or its ``_b`` column), a flag
        of annotator A that is not True/False or 1/0, or one of B that is neither that nor
        missing (the text ``"False"`` was read as True), naming the row and the column.

    Examples
    --------
    >>> s = pd.DataFrame({"admin": [True, False, True], "admin_b": [True, False, pd.NA],
    ...                   "routine_coding": [False] * 3, "routine_coding_b": [False, False, pd.NA],
    ...                   "entry_creative": [False] * 3, "entry_creative_b": [False, True, pd.NA]})
    >>> annotator_agreement(s)[["category", "n", "agreement", "kappa"]]
             category  n  agreement  kappa
    0           admin  2        1.0    1.0
    1  routine_coding  2        1.0    1.0
    2  entry_creative  2        0.5    0.0
    """
    check_table(sample, "sample", [c for cat in CATEGORIES for c in (cat, f"{cat}_b")])
    rows = []
    for cat in CATEGORIES:
        a_all = _flags(sample, cat, "sample")
        b_all = _flags(sample, f"{cat}_b", "sample", missing=True)
        both = ~b_all.isna()
        a = a_all[both]
        b = b_all[both].to_numpy(dtype=bool)
        rows.append((cat, int(both.sum()), int(a.sum()), int(b.sum()), int((a & b).sum()),
                     round(float((a == b).mean()), 4) if len(a) else float("nan"),
                     round(cohen_kappa(a, b), 4)))
    cols = ["category", "n", "positives_a", "positives_b", "both_positive", "agreement", "kappa"]
    return pd.DataFrame(rows, columns=cols)


def _weighted_metrics(y: np.ndarray, p: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Precision, recall, F1 and label share per column of weight matrix ``w`` (n, B)."""
    tp = (w * (y & p)[:, None]).sum(axis=0)
    tagged = (w * p[:, None]).sum(axis=0)
    pos = (w * y[:, None]).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        prec = tp / tagged
        rec = tp / pos
        f1 = 2 * tp / (tagged + pos)
        share = pos / w.sum(axis=0)
    return np.vstack([prec, rec, f1, share])


def _quantiles(draws: np.ndarray, q: float) -> np.ndarray:
    """Quantile ``q`` of each row of ``draws`` over its finite values (NaN when none)."""
    out = np.full(draws.shape[0], np.nan)
    for k, row in enumerate(draws):
        row = row[np.isfinite(row)]
        if len(row):
            out[k] = np.quantile(row, q)
    return out


def _key_order(sample: pd.DataFrame) -> np.ndarray:
    """Positions of ``sample``'s rows in (``onetsoc_code``, ``task_id``) order (stable).

    The bootstrap drew rows by position, so the same sample in another row order (a
    ``sample.csv`` sorted otherwise) gave other intervals; it is taken in this order
    instead. Task IDs are compared as numbers (``'9'`` before ``'10'``: the order of the
    shipped sample). A frame without both columns keeps its row order.

    Examples
    --------
    >>> _key_order(pd.DataFrame({"onetsoc_code": ["b", "a", "a"], "task_id": ["1", "10", "9"]})).tolist()
    [2, 1, 0]
    >>> _key_order(pd.DataFrame({"stratum": ["uniform", "enriched"]})).tolist()
    [0, 1]
    """
    if not {"onetsoc_code", "task_id"} <= set(sample.columns) or sample.columns.duplicated().any():
        return np.arange(len(sample))
    codes = np.array([str(c) for c in sample["onetsoc_code"].tolist()], dtype=str)
    raw = sample["task_id"].tolist()
    ids = pd.to_numeric(pd.Series(raw, dtype=object), errors="coerce").to_numpy(dtype=float)
    text = np.array([str(t) for t in raw], dtype=str)
    return np.lexsort((text, ids, codes))


def _boot_weights(strata: np.ndarray, weight: np.ndarray, n_boot: int, seed: int) -> np.ndarray:
    """(n, n_boot) weights of a bootstrap that resamples tasks with replacement within strata."""
    rng = np.random.default_rng(seed)
    counts = np.zeros((len(strata), n_boot))
    for s in sorted(set(strata.tolist())):
        idx = np.flatnonzero(strata == s)
        draws = rng.integers(0, len(idx), size=(n_boot, len(idx)))
        for b in range(n_boot):
            counts[:, b] += np.bincount(idx[draws[b]], minlength=len(strata))
    return counts * weight[:, None]


def _lone_tasks(sample: pd.DataFrame, strata: np.ndarray) -> dict[str, str]:
    """The strata holding a single task, each with that task (its key, else its row from 1).

    Every bootstrap resample of such a stratum repeats its one task, so it adds no spread:
    the stratum's own interval had zero width, and the intervals over all strata left out
    its sampling error, without a word.

    Examples
    --------
    >>> s = pd.DataFrame({"onetsoc_code": ["43-9061.00"] * 3, "task_id": ["1", "2", "3"]})
    >>> _lone_tasks(s, np.array(["uniform", "uniform", "enriched"]))
    {'enriched': '(43-9061.00, 3)'}
    >>> _lone_tasks(s[[]], np.array(["uniform", "uniform", "enriched"]))
    {'enriched': 'row 3'}
    """
    names, counts = np.unique(strata, return_counts=True)
    keyed = {"onetsoc_code", "task_id"} <= set(sample.columns) and not sample.columns.duplicated().any()
    out = {}
    for name in names[counts == 1].tolist():
        pos = int(np.flatnonzero(strata == name)[0])
        out[name] = (f"({sample['onetsoc_code'].iloc[pos]}, {sample['task_id'].iloc[pos]})" if keyed
                     else f"row {pos + 1}")
    return out


#: Within :func:`_lone_tasks_said_once`, what a lone task does to every table of the report and
#: the (stratum, task) pairs warned of already; None elsewhere.
_LONE_SAID: contextvars.ContextVar[tuple[str, set] | None] = contextvars.ContextVar("lone_said", default=None)


@contextlib.contextmanager
def _lone_tasks_said_once(what: str):
    """Within it, :func:`_warn_lone_tasks` warns of a stratum once, saying ``what`` (for every table).

    ``exposure report categories`` computes :func:`validation_metrics` and
    :func:`category_estimates` of one validation sample: a stratum holding a single task was
    warned of twice, once by each, in two lines about the same task.

    Examples
    --------
    >>> with _lone_tasks_said_once("both tables"):
    ...     _LONE_SAID.get()
    ('both tables', set())
    >>> _LONE_SAID.get() is None
    True
    """
    token = _LONE_SAID.set((what, set()))
    try:
        yield
    finally:
        _LONE_SAID.reset(token)


def _warn_lone_tasks(lone: dict[str, str], what: str) -> None:
    """One warning line per stratum of :func:`_lone_tasks`, saying ``what`` it does to the intervals.

    Within :func:`_lone_tasks_said_once`, a stratum is warned of once, saying what its
    ``what`` says.
    """
    said = _LONE_SAID.get()
    if said is not None:
        what, told = said
        lone = {name: task for name, task in lone.items() if (name, task) not in told}
        told.update(lone.items())
    for name, task in lone.items():
        logger.warning("sample: the %s stratum holds one task only, %s: a bootstrap of one task has no "
                       "spread, so %s; sample two tasks or more per stratum", name, task, what)


def validation_metrics(sample: pd.DataFrame, predicted: pd.DataFrame, *, n_boot: int = N_BOOT,
                       seed: int = BOOT_SEED, level: float = 0.95) -> pd.DataFrame:
    """Precision, recall and F1 of the tags on the validation sample, with intervals.

    Three rows per category: ``uniform`` and ``enriched`` (the two strata, unweighted) and
    ``population`` (all O*NET tasks: weighted ratio estimators with the sampling weights,
    ``sum(w y p) / sum(w p)`` for precision, ``sum(w y p) / sum(w y)`` for recall, over
    both strata). Intervals are percentile bootstrap intervals: tasks are resampled with
    replacement within each stratum (``n_boot`` times, ``seed``), taken in
    (``onetsoc_code``, ``task_id``) order when ``sample`` has those columns, so that the
    same sample in another row order gives the same intervals. A stratum holding a
    single task has no interval of its own (empty cells: every resample repeats that
    task, so the interval had zero width), and a warning line says that the population
    intervals leave out its sampling error.

    Parameters
    ----------
    sample : pandas.DataFrame
        :func:`read_validation_sample` (reference labels: annotator A).
    predicted : pandas.DataFrame
        Bool category columns, aligned with ``sample`` by position (the index labels of
        ``sample`` in another order are refused).
    n_boot, seed, level
        Bootstrap resamples, seed and interval level.

    Returns
    -------
    pandas.DataFrame
        ``sample, estimator, category, n, positives, tagged, true_positives, precision,
        precision_lo, precision_hi, recall, recall_lo, recall_hi, f1, f1_lo, f1_hi,
        label_share, label_share_lo, label_share_hi`` (counts are unweighted; the
        population rows' ratios and ``label_share``, the estimated share of tasks in the
        category, are weighted).

    Raises
    ------
    exposure.errors.DataFormatError
        ``sample`` or ``predicted`` not a frame or without a needed column, the two of
        different lengths or ``predicted`` holding the index labels of ``sample`` in another
        order (its rows were compared by position: precision 0.0 for tags that match
        every task), a stratum other than ``uniform`` / ``enriched``, a weight that
        is not a positive, finite number, a flag that is not True/False or 1/0 (naming the
        row and the column), ``n_boot`` not a whole number of 1 or more, ``seed`` not one
        of 0 or more, ``level`` not between 0 and 1. Each was a numpy error or a silent
        figure (a negative precision for a weight of -10).

    Examples
    --------
    >>> s = pd.DataFrame({"stratum": ["uniform"] * 4 + ["enriched"] * 2,
    ...                   "weight": [10.0] * 4 + [1.0] * 2,
    ...                   "admin": [True, False, False, False, True, True],
    ...                   "routine_coding": [False] * 6, "entry_creative": [False] * 6})
    >>> p = s[["admin", "routine_coding", "entry_creative"]].copy()
    >>> p.loc[1, "admin"] = True
    >>> out = validation_metrics(s, p, n_boot=50).set_index(["sample", "category"])
    >>> float(out.loc[("uniform", "admin"), "precision"]), float(out.loc[("population", "admin"), "precision"])
    (0.5, 0.5455)
    """
    n_boot, seed, level = _boot_args(n_boot, seed, level)
    check_table(sample, "sample", ["stratum", "weight", *CATEGORIES])
    check_table(predicted, "predicted", CATEGORIES)
    if len(sample) != len(predicted):  # an IndexError before
        raise DataFormatError(f"sample and predicted must have one length each, got {len(sample)} and "
                              f"{len(predicted)}")
    check_paired(sample, predicted, "sample", "predicted")
    strata, weight = _design(sample)
    truth = {cat: _flags(sample, cat, "sample") for cat in CATEGORIES}
    tags = {cat: _flags(predicted, cat, "predicted") for cat in CATEGORIES}
    lone = _lone_tasks(sample, strata)  # a zero-width interval, without a word
    _warn_lone_tasks(lone, "its intervals are left empty and the population intervals leave out its "
                           "sampling error (too narrow)")
    # resampled (and summed) in task order: the intervals depended on the row order
    order = _key_order(sample)
    strata, weight = strata[order], weight[order]
    truth = {cat: values[order] for cat, values in truth.items()}
    tags = {cat: values[order] for cat, values in tags.items()}
    boot = _boot_weights(strata, weight, n_boot, seed)
    lo_q, hi_q = (1 - level) / 2, 1 - (1 - level) / 2
    rows = []
    for name, mask, weighted in (("uniform", strata == "uniform", False),
                                 ("enriched", strata == "enriched", False),
                                 ("population", np.ones(len(strata), dtype=bool), True)):
        w = weight[mask] if weighted else np.ones(int(mask.sum()))
        bw = boot[mask] if weighted else boot[mask] / weight[mask][:, None]
        for cat in CATEGORIES:
            y = truth[cat][mask]
            p = tags[cat][mask]
            point = _weighted_metrics(y, p, w[:, None])[:, 0]
            draws = _weighted_metrics(y, p, bw)
            lo, hi = _quantiles(draws, lo_q), _quantiles(draws, hi_q)
            if name in lone:  # one task: every resample is that task
                lo = hi = np.full(4, np.nan)
            row = [name, "weighted" if weighted else "unweighted", cat, int(mask.sum()),
                   int(y.sum()), int(p.sum()), int((y & p).sum())]
            for k in range(4):
                row += [round(float(point[k]), 4), round(float(lo[k]), 4), round(float(hi[k]), 4)]
            rows.append(row)
    cols = ["sample", "estimator", "category", "n", "positives", "tagged", "true_positives"]
    for m in ("precision", "recall", "f1", "label_share"):
        cols += [m, f"{m}_lo", f"{m}_hi"]
    return pd.DataFrame(rows, columns=cols)


def task_employment(tasks: pd.DataFrame, soc_scores: pd.DataFrame,
                    onet_to_soc: pd.DataFrame) -> pd.Series:
    """OEWS employment carried by each O*NET task, as in the rollup.

    Each OEWS code's employment (``tot_emp`` of ``soc_scores``) is split equally among its
    O*NET-SOC occupations that have tasks (the rollup's ``combine="equal"``, through
    :func:`exposure.rollup.onet_to_oews`), and each occupation's employment among its tasks
    in proportion to the rollup's ``core`` weights (Core 2, Supplemental or unknown 1).
    Summing ``employment * flag`` over tasks and dividing by the sum of employment gives
    the employment-weighted share of a category.

    Parameters
    ----------
    tasks : pandas.DataFrame
        ``onetsoc_code`` and ``task_type`` (``Core``/``Supplemental``) per task.
    soc_scores : pandas.DataFrame
        ``soc_code`` (OEWS code) and ``tot_emp`` (e.g. the shipped ``soc_scores`` table).
    onet_to_soc : pandas.DataFrame
        The O*NET-SOC -> SOC 2018 crosswalk (``onetsoc_code, soc_code``).

    Returns
    -------
    pandas.Series
        Employment per task (0 for occupations outside the crosswalk), index of ``tasks``
        (empty for no tasks: a ``TypeError`` before).

    Raises
    ------
    exposure.errors.DataFormatError
        A frame that is not one or lacks a column, a task without ``onetsoc_code`` or with
        one that is not an O*NET-SOC code (``' 43-9061.00'``, ``'43-9061'``: the task got no
        employment, its occupation's went to its other tasks), a ``soc_code`` that is not a
        SOC code (``'43-9061.00'``, ``' 43-9061'``: named ``oews_codes`` and a position from
        0 before), a ``task_type`` other than ``Core`` or ``Supplemental`` or missing,
        blank or ``n/a`` (``core`` weighed as Supplemental; it is told the type to write), a SOC
        code missing or given twice (pandas' ``InvalidIndexError`` before), a ``tot_emp``
        that is not a number, missing or negative (a negative one gave negative
        employment), naming the frame, the row and the column, in this order, as the
        roll-ups do (``tasks, row 2, column 'task_type': ...``; the frame was named after
        the row).

    Examples
    --------
    >>> tasks = pd.DataFrame({"onetsoc_code": ["43-9061.00"] * 2 + ["43-9061.01"],
    ...                       "task_type": ["Core", "Supplemental", "Core"]})
    >>> soc = pd.DataFrame({"soc_code": ["43-9061"], "tot_emp": [300.0]})
    >>> xw = pd.DataFrame({"onetsoc_code": ["43-9061.00", "43-9061.01"], "soc_code": ["43-9061"] * 2})
    >>> task_employment(tasks, soc, xw).tolist()
    [100.0, 50.0, 150.0]
    """
    check_table(tasks, "tasks", ["onetsoc_code", "task_type"])
    check_table(soc_scores, "soc_scores", ["soc_code", "tot_emp"])
    for frame, name, column in ((tasks, "tasks", "onetsoc_code"), (soc_scores, "soc_scores", "soc_code")):
        gaps = frame[column].isna().to_numpy(dtype=bool)
        if gaps.any():  # a task of the occupation 'nan'
            raise DataFormatError(f"{column} is missing", path=name, row=int(gaps.argmax()) + 1, column=column)
    # ' 43-9061.00', '43-9061' or 43 was in no crosswalk: the task got no employment (one
    # log line) and its occupation's employment went to the occupation's other tasks
    bad = first_bad_onetsoc_code(tasks["onetsoc_code"])
    if bad is not None:
        raise DataFormatError(bad[1], path="tasks", row=bad[0] + 1, column="onetsoc_code")
    bad = first_bad_soc_code(soc_scores["soc_code"])
    if bad is not None:  # '43-9061.00' was "oews_codes must be a list of SOC codes ... at position 0"
        raise DataFormatError(bad[1], path="soc_scores", row=bad[0] + 1, column="soc_code")
    bad_type = bad_task_types(tasks["task_type"])
    if bad_type.any():  # "core", "Core " weighed 1, as if Supplemental (the roll-up refuses them)
        pos = int(bad_type.argmax())
        value = tasks["task_type"].iloc[pos]
        value = value.item() if isinstance(value, np.generic) else value
        # blank and n/a are missing too (bad_task_types), and 'core' is told the type to write
        raise DataFormatError(f"task_type {value!r} is not Core or Supplemental (O*NET's task types, spelt "
                              f"exactly so), nor missing, blank or n/a{task_type_hint(value)}",
                              path="tasks", row=pos + 1, column="task_type")
    repeat = first_repeat(soc_scores["soc_code"].astype(str))
    if repeat is not None:
        pos, first = repeat
        raise DataFormatError(f"soc_code {str(soc_scores['soc_code'].iloc[pos])!r} is given twice (rows "
                              f"{first + 1} and {pos + 1})", path="soc_scores", row=pos + 1, column="soc_code")
    # OEWS's thousands ('1,300', a table read with pandas) were refused as not a number, where the
    # roll-ups read them (oews_cells); BLS's '**' (not released) is said to be missing, as it is
    given = soc_scores["tot_emp"]
    tot_emp = number_column(soc_scores.assign(tot_emp=oews_cells(given).to_numpy()), "tot_emp", "soc_scores")
    missing = tot_emp.isna().to_numpy(dtype=bool)
    if missing.any():
        pos = int(missing.argmax())
        cell = given.iloc[pos]
        said = (f" ({cell.strip()!r}, BLS's mark of employment not released)"
                if isinstance(cell, str) and cell.strip() in SPECIAL_VALUES else "")
        raise DataFormatError(f"tot_emp is missing{said}: give each code its employment (0 for none)",
                              path="soc_scores", row=pos + 1, column="tot_emp")
    negative = (tot_emp < 0).to_numpy(dtype=bool)
    if negative.any():
        pos = int(negative.argmax())
        raise DataFormatError(f"tot_emp must be a number of 0 or more, got {float(tot_emp.iloc[pos])!r}",
                              path="soc_scores", row=pos + 1, column="tot_emp")
    if tasks.empty:
        return pd.Series([], index=tasks.index, dtype=float, name="employment")
    codes = tasks["onetsoc_code"].astype(str)
    occ = codes.value_counts().rename_axis("onetsoc_code").reset_index(name="n_tasks")
    links = onet_to_oews(occ, onet_to_soc, soc_scores["soc_code"].astype(str))
    links = links[links["occ_code"].notna()].copy()
    links["share"] = links["weight"] / links.groupby("occ_code")["weight"].transform("sum")
    emp = pd.Series(tot_emp.to_numpy(dtype=float), index=soc_scores["soc_code"].astype(str).to_numpy())
    links["emp"] = links["share"] * links["occ_code"].map(emp).fillna(0.0)
    occ_emp = links.groupby("onetsoc_code")["emp"].sum()
    core = np.where(tasks["task_type"].astype(str).eq("Core"), CORE_WEIGHT, OTHER_WEIGHT)
    core = pd.Series(core, index=tasks.index)
    total = core.groupby(codes).transform("sum")
    return (codes.map(occ_emp).fillna(0.0) * core / total).rename("employment")


def category_estimates(tags: pd.DataFrame, employment: pd.Series, sample: pd.DataFrame,
                       sample_employment: pd.Series, *, n_boot: int = N_BOOT,
                       seed: int = BOOT_SEED, level: float = 0.95) -> pd.DataFrame:
    """Shares of tasks and of employment per category: as tagged, and from the blind labels.

    ``tagged`` is the share of all tasks (or of their employment) the tagger flags; it has
    no sampling error. ``estimated`` is the design-based estimate of the true share from
    the validation sample's reference labels (``sum(w y) / sum(w)`` over tasks, ``sum(w e
    y) / sum(w e)`` over employment, ``w`` the sampling weight, ``e`` the task's
    employment), with a stratified percentile bootstrap interval (the sample's tasks taken
    in (``onetsoc_code``, ``task_id``) order, as in :func:`validation_metrics`). A stratum
    holding a single task adds no spread to the resamples: a warning line says so (the
    interval is too narrow; with every stratum so, it had zero width without a word).

    Parameters
    ----------
    tags : pandas.DataFrame
        Bool category columns for all tasks.
    employment : pandas.Series
        Employment per task, aligned with ``tags`` by position (:func:`task_employment`;
        a Series holding the index labels of ``tags`` in another order is refused).
    sample : pandas.DataFrame
        :func:`read_validation_sample`.
    sample_employment : pandas.Series
        Employment of each sampled task, aligned with ``sample`` by position (likewise).
    n_boot, seed, level
        Bootstrap resamples, seed and interval level.

    Returns
    -------
    pandas.DataFrame
        ``category, basis`` (``tasks`` or ``employment``), ``tagged``, ``estimated``,
        ``estimated_lo``, ``estimated_hi``.

    Raises
    ------
    exposure.errors.DataFormatError
        ``tags`` or ``sample`` not a frame, without a needed column, or without rows
        (an empty ``sample`` was said to have no employment); a flag that is not
        True/False or 1/0 (the text ``"False"`` was counted as tagged); a stratum or weight as :func:`validation_metrics` refuses it;
        ``employment`` / ``sample_employment`` not one finite number of 0 or more per row
        of ``tags`` / ``sample`` (a list raised ``AttributeError``, a NaN gave NaN), or 0
        for every row (NaN employment shares), or a Series of them holding the index labels
        of ``tags`` / ``sample`` in another order (read by position); the bootstrap
        arguments as :func:`validation_metrics` refuses them.

    Examples
    --------
    >>> tags = pd.DataFrame({"admin": [True, False, False, False], "routine_coding": [False] * 4,
    ...                      "entry_creative": [False] * 4})
    >>> emp = pd.Series([3.0, 1.0, 1.0, 1.0])
    >>> s = tags.assign(stratum="uniform", weight=2.0)
    >>> out = category_estimates(tags, emp, s, emp, n_boot=20).set_index(["category", "basis"])
    >>> out.loc[("admin", "employment"), ["tagged", "estimated"]].tolist()
    [0.5, 0.5]
    """
    n_boot, seed, level = _boot_args(n_boot, seed, level)
    check_table(tags, "tags", CATEGORIES)
    if tags.empty:
        raise DataFormatError("tags has no rows: no task to share")
    check_table(sample, "sample", ["stratum", "weight", *CATEGORIES])
    if sample.empty:  # "sample_employment is 0 for every row of sample ... (do soc_scores ... match?)"
        raise DataFormatError("sample has no rows: no labelled task to estimate the shares from")
    strata, weight = _design(sample)
    check_paired(tags, employment, "tags", "employment")  # read by position
    check_paired(sample, sample_employment, "sample", "sample_employment")
    # scaled, as the weights: a huge employment made the sums overflow (NaN shares)
    e_all = power_scaled(_employment(employment, "employment", len(tags), "tags"))
    e_s = power_scaled(_employment(sample_employment, "sample_employment", len(sample), "sample"))
    for values, name, rows in ((e_all, "employment", "tags"), (e_s, "sample_employment", "sample")):
        if not values.sum() > 0:  # every employment share 0 / 0: NaN rows without a word
            raise DataFormatError(f"{name} is 0 for every row of {rows}: no employment to share (do "
                                  "soc_scores and the crosswalk match the tasks' O*NET-SOC codes?)")
    tagged_all = {cat: _flags(tags, cat, "tags") for cat in CATEGORIES}
    truth = {cat: _flags(sample, cat, "sample") for cat in CATEGORIES}
    _warn_lone_tasks(_lone_tasks(sample, strata), "the intervals of the estimates leave out its sampling "
                                                  "error (too narrow)")
    # resampled (and summed) in task order: the intervals depended on the row order
    order = _key_order(sample)
    strata, weight, e_s = strata[order], weight[order], e_s[order]
    truth = {cat: values[order] for cat, values in truth.items()}
    boot = _boot_weights(strata, weight, n_boot, seed)
    lo_q, hi_q = (1 - level) / 2, 1 - (1 - level) / 2
    rows = []
    for cat in CATEGORIES:
        t = tagged_all[cat]
        y = truth[cat]
        for basis, w_all, w_s in (("tasks", np.ones(len(t)), np.ones(len(y))),
                                  ("employment", e_all, e_s)):
            bw = boot * w_s[:, None]
            # a resample of tasks without employment is 0 / 0: numpy's "invalid value" warning
            # and a NaN interval around a defined estimate; such draws are left out, as in
            # validation_metrics (NaN only when no draw is defined)
            with np.errstate(invalid="ignore", divide="ignore"):
                tagged = math.fsum(w_all[t]) / math.fsum(w_all)  # any row order: one sum
                point = float((weight * w_s * y).sum() / (weight * w_s).sum())
                draws = (bw * y[:, None]).sum(axis=0) / bw.sum(axis=0)
            lo, hi = _quantiles(draws[None, :], lo_q)[0], _quantiles(draws[None, :], hi_q)[0]
            rows.append((cat, basis, round(tagged, 4), round(point, 4), round(float(lo), 4),
                         round(float(hi), 4)))
    return pd.DataFrame(rows, columns=["category", "basis", "tagged", "estimated", "estimated_lo",
                                       "estimated_hi"])


def _release_tasks(onet) -> pd.DataFrame:
    """``onet.tasks`` checked, with task IDs normalised (:func:`norm_task_id`).

    Refused, naming ``onet.tasks``, the row and the column: a missing ``onetsoc_code``,
    ``task_id`` or ``task`` column (pandas' ``KeyError`` before), a code that is not one
    (``' 43-9061.00'`` made the sampled task "not found" in a release that has it), a
    missing task ID (read as the text ``'nan'``) or one that is not a whole number, a task
    listed twice (the join doubled a sampled task: ``expected and predicted must have one
    length each``, naming nothing), and a task text the tagger refuses (its message named
    a row of no table). The rows come with a fresh index (``0..n-1``): a table indexed by
    its keys with the columns kept (``set_index(["onetsoc_code", "task_id"], drop=False)``)
    failed in the join with pandas' ``'onetsoc_code' is both an index level and a column
    label, which is ambiguous``.
    """
    tasks = check_table(onet.tasks, "onet.tasks", ["onetsoc_code", "task_id", "task"]).reset_index(drop=True)
    bad = first_bad_onetsoc_code(tasks["onetsoc_code"])
    if bad is not None:
        raise DataFormatError(bad[1], path=_ONET_TASKS, row=bad[0] + 1, column="onetsoc_code")
    gaps = tasks["task_id"].isna().to_numpy(dtype=bool)
    if gaps.any():
        raise DataFormatError("task ID is missing", path=_ONET_TASKS, row=int(gaps.argmax()) + 1,
                              column="task_id")
    tasks = tasks.assign(task_id=tasks["task_id"].map(norm_task_id))
    for pos, task in enumerate(tasks["task_id"].tolist()):
        if not (isinstance(task, str) and task.isascii() and task.isdigit()):
            raise DataFormatError(f"not a task ID (a whole number, like 20699): {task}", path=_ONET_TASKS,
                                  row=pos + 1, column="task_id")
    repeat = _first_repeat_key(tasks)
    if repeat is not None:
        pos, first = repeat
        raise DataFormatError(f"task ({tasks['onetsoc_code'].iloc[pos]}, {tasks['task_id'].iloc[pos]}) "
                              f"is listed twice, first on row {first + 1}", path=_ONET_TASKS, row=pos + 1,
                              column="task_id")
    try:
        task_texts(tasks, "task", show_index=False)
    except DataFormatError as exc:
        raise _of_release(exc) from None
    return tasks


def _of_release(exc: DataFormatError) -> DataFormatError:
    """``exc`` about a row of ``onet.tasks``, naming the table first (``onet.tasks, row 2, column 'task': ...``).

    The table was named after the row and column, in the message only
    (``row 2, column 'task': onet.tasks: ...``), unlike the roll-ups, which name their
    frame first.
    """
    if exc.path is not None or type(exc) is not DataFormatError or exc.reason.startswith("onet.tasks"):
        return exc
    return DataFormatError(exc.reason, path=_ONET_TASKS, row=exc.row, column=exc.column, line=exc.line)


def _join_tasks(expected: pd.DataFrame, tasks: pd.DataFrame, path, onet) -> pd.DataFrame:
    """The sample's tasks with their O*NET text; a task the release lacks is refused.

    The error said only ``task not found in O*NET 29.1`` at column ``task_id``, also when
    the release lacks the occupation (another release's code: the code is at fault); it
    now names the task, the column at fault and where the release has that task ID.
    """
    joined = expected[["onetsoc_code", "task_id"]].merge(
        tasks[["onetsoc_code", "task_id", "task"]], on=["onetsoc_code", "task_id"], how="left"
    )
    if joined["task"].isna().any():
        pos = int(joined["task"].isna().to_numpy().nonzero()[0][0])
        code, task = joined["onetsoc_code"].iloc[pos], joined["task_id"].iloc[pos]
        release = f"O*NET {getattr(onet, 'release', '(the release given)')}"
        codes = tasks["onetsoc_code"].astype(str)
        if not codes.eq(code).any():
            raise DataFormatError(f"task not found in {release}: it has no occupation {code} (another "
                                  "release's code?)", path=path, row=pos + 2, column="onetsoc_code")
        under = sorted(set(codes[tasks["task_id"].eq(task)]))
        where = (f"; its task {task} is under {', '.join(under)}" if under
                 else " (another release's task ID?)")
        raise DataFormatError(f"task not found in {release}: it has no task {task} under {code}{where}",
                              path=path, row=pos + 2, column="task_id")
    return joined


def _same_file(a, b) -> bool:
    """Whether ``a`` and ``b`` name one file (through links too); False when either is missing."""
    try:
        return os.path.samefile(a, b)
    except (OSError, TypeError, ValueError):
        return False


def _beside(samples: dict, name: str) -> Path | None:
    """``name`` in the directory of the first hand-checked sample, when it exists."""
    if not samples:
        return None
    candidate = Path(next(iter(samples.values()))).parent / name
    return candidate if candidate.exists() else None


def sample_files(samples) -> dict:
    """The hand-checked files a category report reads: ``samples`` and ``dev_v2.csv`` beside them.

    ``dev_v2.csv`` in the directory of the first sample is added as the ``dev_v2`` sample,
    unless it is one of ``samples`` already (through any spelling of its path).

    Parameters
    ----------
    samples : dict of str to path
        Sample name -> hand-checked file, in report order (at least one).

    Returns
    -------
    dict of str to path

    Raises
    ------
    exposure.errors.DataFormatError
        ``samples`` not a dict, or empty (``ValueError: No objects to concatenate``,
        ``TypeError`` before); a file that is not a path (None, bytes) or is empty, naming
        its sample (``samples['development'] must be a file path ...``: pathlib's
        ``TypeError`` before, and ``path is empty`` for ``""``).

    Examples
    --------
    >>> sample_files({})
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: samples must be a dict of sample names to hand-checked files, e.g. {'development': 'hand_checked_v1.csv'}, got an empty dict
    """
    if not isinstance(samples, dict) or not samples:
        got = "an empty dict" if isinstance(samples, dict) else shown(samples)
        raise DataFormatError("samples must be a dict of sample names to hand-checked files, e.g. "
                              f"{{'development': 'hand_checked_v1.csv'}}, got {got}")
    samples = dict(samples)
    for name, path in samples.items():  # None: pathlib's TypeError; "": the current directory
        check_path(path, f"samples[{name!r}]")
    dev_v2 = _beside(samples, "dev_v2.csv")
    if dev_v2 is not None and "dev_v2" not in samples and not any(_same_file(dev_v2, p) for p in samples.values()):
        samples["dev_v2"] = dev_v2
    return samples


def check_disjoint(samples: dict, frames: dict) -> None:
    """Refuse a task in two samples (the pooled row counted it twice), naming both files and rows.

    Parameters
    ----------
    samples : dict of str to path
        Sample name -> file (:func:`sample_files`).
    frames : dict of str to pandas.DataFrame
        Sample name -> :func:`read_hand_checked` of its file.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the later file, its row and ``task_id``, and the sample and row of the first.
    """
    seen: dict = {}  # task -> (sample, path, row): the pooled row must count each task once
    for sample, path in samples.items():
        keys = list(zip(frames[sample]["onetsoc_code"], frames[sample]["task_id"]))
        for pos, key in enumerate(keys):
            if key in seen:
                other, other_path, row = seen[key]
                raise DataFormatError(f"task ({key[0]}, {key[1]}) is also in the {other} sample ({other_path}, "
                                      f"row {row}): the pooled figures would count it twice; give each task "
                                      "to one sample", path=path, row=pos + 2, column="task_id")
        seen.update({key: (sample, path, pos + 2) for pos, key in enumerate(keys)})


def check_blind(samples: dict, frames: dict, validation, sample: pd.DataFrame) -> int:
    """Warn of the tasks of the blind validation sample that are in a development sample.

    The rules were developed on the hand-checked samples (``--hand-checked``,
    ``--holdout``, ``dev_v2.csv``): a validation sample sharing their tasks made the
    "blind" precision, recall and F1 optimistic without a word (only ``dev_v2.csv`` and the
    shipped sample were checked, by a test). One warning line names the count per sample
    and the first shared task with both files and rows. A warning, not an error: the
    shipped ``v2`` sample shares 16 tasks with the v1 development and holdout samples.

    Parameters
    ----------
    samples : dict of str to path
        Sample name -> hand-checked file (:func:`sample_files`).
    frames : dict of str to pandas.DataFrame
        Sample name -> :func:`read_hand_checked` of its file.
    validation : str or os.PathLike
        The validation sample's directory.
    sample : pandas.DataFrame
        :func:`read_validation_sample` of ``validation``.

    Returns
    -------
    int
        The number of validation tasks found in a development sample.
    """
    seen: dict = {}
    for name, path in samples.items():
        for pos, key in enumerate(zip(frames[name]["onetsoc_code"], frames[name]["task_id"])):
            seen.setdefault(key, (name, path, pos + 2))
    shared = [(pos, key) for pos, key in enumerate(zip(sample["onetsoc_code"], sample["task_id"])) if key in seen]
    if shared:
        names = [seen[key][0] for _, key in shared]
        counts = {name: names.count(name) for name in samples if name in names}
        pos, key = shared[0]
        other, other_path, row = seen[key]
        logger.warning("%s: %d task(s) of the blind validation sample are also in a development sample (%s; "
                       "first: row %d, task (%s, %s), also in the %s sample (%s, row %d)): the rules were "
                       "developed on them, so the blind figures are optimistic for them",
                       Path(validation) / "sample.csv", len(shared),
                       ", ".join(f"{n} in {name}" for name, n in counts.items()), pos + 2, key[0], key[1],
                       other, other_path, row)
    return len(shared)


#: The reports of :func:`write_category_reports` (``categories_<name>.csv``); the last three
#: with a validation sample.
REPORTS = ("precision_recall", "shares", "annotators", "validation", "estimates")


def report_paths(out_dir, samples: dict, validation=None) -> list[Path]:
    """The files :func:`write_category_reports` writes, each checked before any work.

    Parameters
    ----------
    out_dir : str or os.PathLike
        The report directory.
    samples : dict of str to path
        The hand-checked files read (:func:`sample_files`): no report may be one of them.
    validation : path, optional
        The validation sample's directory: with one, its three reports too.

    Returns
    -------
    list of pathlib.Path

    Raises
    ------
    exposure.errors.OutputError
        A report path that is a directory (or a device, below a file, ...), or one of the
        hand-checked files: refused only after O*NET was loaded and every report computed.
    """
    out_dir = Path(out_dir)
    names = REPORTS if validation is not None else REPORTS[:2]
    paths = [out_dir / f"categories_{name}.csv" for name in names]
    for path in paths:
        check_output_path(path, *samples.values())
    return paths


def write_category_reports(samples, out_dir, *, onet, validation=None, onet_to_soc=None,
                           soc_scores=None) -> dict[str, pd.DataFrame]:
    """Write the category validation reports computed on an O*NET release.

    Writes, each with the tagger's ``mapping_version``:

    - ``categories_precision_recall.csv``: per category and per hand-checked development
      sample (plus ``dev_v2`` when ``dev_v2.csv`` sits beside the first sample, and the
      ``pooled`` samples when there are several);
    - ``categories_shares.csv``: share of all the release's tasks tagged;
    - with a validation sample (``validation``, default the ``v2`` directory beside the
      first sample when it exists): ``categories_annotators.csv``
      (:func:`annotator_agreement`), ``categories_validation.csv``
      (:func:`validation_metrics`) and ``categories_estimates.csv``
      (:func:`category_estimates`; the employment basis needs ``soc_scores`` and the
      crosswalk, read from the shipped tables and with
      :func:`exposure.crosswalks.load_onet_to_soc` when not given).

    Parameters
    ----------
    samples : dict of str to path
        Sample name (e.g. ``"development"``, ``"holdout"``) -> hand-checked file
        (:func:`read_hand_checked`), in report order.
    out_dir : str or os.PathLike
        Report directory (the docs read ``data/processed/reports``, computed on O*NET 29.1).
    onet : exposure.onet.OnetRelease
        The release whose tasks are tagged (the hand-checked tasks must be in it).
    validation : str or os.PathLike, optional
        Directory of the blind validation sample (:func:`read_validation_sample`).
    onet_to_soc, soc_scores : pandas.DataFrame, optional
        Crosswalk and OEWS employment for the employment shares (:func:`task_employment`).

    Returns
    -------
    dict of str to pandas.DataFrame
        ``{"precision_recall": ..., "shares": ...}`` and, with a validation sample,
        ``"annotators"``, ``"validation"``, ``"estimates"``.

    Raises
    ------
    exposure.errors.DataFormatError
        A hand-checked or sampled task that is not in ``onet`` (naming file, line and
        column); ``onet.tasks`` without ``onetsoc_code``, ``task_id`` or ``task``, or with a
        bad or missing code or task ID, a task listed twice or a task text the tagger
        refuses (naming ``onet.tasks``, the row and the column); a task in two samples (the pooled row counted it twice), naming both;
        ``onet`` that is not an O*NET release; ``samples`` not a non-empty dict
        (:func:`sample_files`); ``validation`` not a path or empty (``True`` was refused as
        ``directory must be a directory path``, naming no argument of this function);
        ``out_dir`` not a path, empty (``""`` wrote the reports
        into the current directory), a file or not writable, or a report path that cannot
        be written or is one of the samples (:func:`report_paths`), checked before any work;
        ``out_dir`` inside the mirror, the download cache's folders or the installed
        package (:class:`~exposure._outdir.OutputPathError`,
        :func:`exposure.fetch.refuse_read_folders`).
        ``dev_v2.csv`` is not added when it is one of ``samples`` already (it was read
        twice). A task of the validation sample that is in a development sample is
        warned of (:func:`check_blind`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from types import SimpleNamespace
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "h.csv").write_text(
    ...     "onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\\n"
    ...     "43-9061.00,1,random,True,False,False,phones\\n")
    >>> tasks = pd.DataFrame({"onetsoc_code": ["43-9061.00", "47-2021.00"], "task_id": [1, 2],
    ...                       "task": ["Answer telephones.", "Lay bricks."]})
    >>> onet = SimpleNamespace(tasks=tasks, task_dwas=pd.DataFrame(
    ...     columns=["onetsoc_code", "task_id", "dwa_id"]), dwas=pd.DataFrame(columns=["dwa_id", "iwa_id"]))
    >>> tables = write_category_reports({"development": d / "h.csv"}, d, onet=onet)
    >>> tables["precision_recall"][["sample", "category", "n", "true_positives"]].head(1)
            sample category  n  true_positives
    0  development    admin  1               1
    >>> sorted(p.name for p in d.glob("categories_*.csv"))
    ['categories_precision_recall.csv', 'categories_shares.csv']
    """
    # "" was the current directory (the reports written there), None a TypeError after the tags
    out_dir = check_path(out_dir, "out_dir", "a directory path")
    refuse_read_folders(out_dir)  # the mirror, the cache, the package: as the CLI, before any check
    if onet is None:
        raise DataFormatError("onet must be an O*NET release, e.g. exposure.load_onet('29.1'), got NoneType None")
    check_onet(onet, ("tasks",))
    if validation is not None:  # True, 5: "directory must be a directory path", naming no argument given
        validation = check_path(validation, "validation", "a directory path")
    out_dir = check_files_dir(out_dir)
    samples = sample_files(samples)
    validation = validation if validation is not None else _beside(samples, "v2")
    written = report_paths(out_dir, samples, validation)
    tasks = _release_tasks(onet)
    frames = {sample: read_hand_checked(path) for sample, path in samples.items()}
    check_disjoint(samples, frames)
    blind = None
    if validation is not None:  # read before the tags: a task of a development sample is said
        blind = read_validation_sample(validation)
        check_blind(samples, frames, validation, blind)
    tables = []
    pooled_e, pooled_p = [], []
    for sample, path in samples.items():
        expected = frames[sample]
        predicted = tag_categories(_join_tasks(expected, tasks, path, onet), onet=onet)
        pr = precision_recall(expected, predicted)
        pr.insert(0, "sample", sample)
        tables.append(pr)
        pooled_e.append(expected[list(CATEGORIES)])
        pooled_p.append(predicted)
    if len(tables) > 1:
        pr = precision_recall(
            pd.concat(pooled_e, ignore_index=True), pd.concat(pooled_p, ignore_index=True)
        )
        pr.insert(0, "sample", "pooled")
        tables.append(pr)
    pr_all = pd.concat(tables, ignore_index=True)
    pr_all.insert(1, "mapping_version", CATEGORY_MAPPING_VERSION)
    try:
        shares = category_shares(tasks, onet=onet)
    except DataFormatError as exc:  # a job_zone or title column of the release's tasks
        raise _of_release(exc) from None
    shares.insert(1, "mapping_version", CATEGORY_MAPPING_VERSION)
    out = {"precision_recall": pr_all, "shares": shares}
    if validation is not None:
        out.update(_validation_tables(Path(validation), blind, tasks, onet, onet_to_soc, soc_scores))
    with atomic_paths(written) as paths:  # one set
        for table, path in zip(out.values(), paths, strict=True):
            write_csv(table, path)
    logger.info("wrote category reports to %s", out_dir)
    return out


def _validation_tables(directory: Path, sample: pd.DataFrame, tasks: pd.DataFrame, onet, onet_to_soc,
                       soc_scores) -> dict[str, pd.DataFrame]:
    joined = _join_tasks(sample, tasks, directory / "sample.csv", onet)
    predicted = tag_categories(joined, onet=onet)
    agreement = annotator_agreement(sample)
    # a stratum of one task was warned of twice, by each of the two tables: now once, for both
    with _lone_tasks_said_once("its intervals in the validation table are left empty, and the population "
                               "intervals there and the intervals of the estimates leave out its sampling "
                               "error (too narrow)"):
        metrics = validation_metrics(sample, predicted)
        if soc_scores is None:
            soc_scores = load("soc_scores", directory=processed_dir())
        if onet_to_soc is None:
            onet_to_soc = load_onet_to_soc()
        employment = task_employment(tasks, soc_scores, onet_to_soc)
        emp_by_key = pd.Series(employment.to_numpy(), index=pd.MultiIndex.from_frame(
            tasks[["onetsoc_code", "task_id"]]))
        sample_emp = pd.Series(emp_by_key.reindex(pd.MultiIndex.from_frame(
            sample[["onetsoc_code", "task_id"]])).to_numpy(), index=sample.index).fillna(0.0)
        estimates = category_estimates(tag_categories(tasks, onet=onet), employment, sample,
                                       sample_emp)
    for table in (agreement, metrics, estimates):
        table.insert(0, "mapping_version", CATEGORY_MAPPING_VERSION)
    return {"annotators": agreement, "validation": metrics, "estimates": estimates}
