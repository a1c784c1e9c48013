"""Parse the O*NET database files into validated frames.

Each ``read_*`` function takes the path of one O*NET file, in either layout O*NET
publishes (tab-delimited ``.txt`` as in release 29.1, or ``.xlsx`` as in release 30.1,
whose sheets add ``Title``/``Task``/``DWA Title`` columns), and returns a frame validated
against the matching model of :mod:`exposure.schemas._onet`. :func:`load_onet` resolves
the files of one release through :func:`exposure.fetch.fetch` and returns an
:class:`OnetRelease`.

Text files are read with ``sep="\\t"``, every field as a string, no NA guessing and
``quoting=csv.QUOTE_NONE`` so that task texts containing double quotes stay intact; CRLF
line endings are accepted. ``n/a`` and empty fields become missing values (``<NA>``).

Bad input raises :class:`exposure.errors.DataFormatError` (unreadable, truncated, HTML,
empty, non-UTF-8, missing column, non-numeric value) or :class:`exposure.errors.SchemaError`
(malformed code, out-of-range value, duplicate key), naming the file and, where it
applies, the line (``row``; the header is line 1) and the column.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import logging
import re
import zipfile
from pathlib import Path

import pandas as pd

from exposure.errors import DataFormatError, ExposureError, SchemaError
from exposure.schemas import validate
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

#: Values O*NET uses for "not applicable / not available".
_MISSING = frozenset({"", "n/a", "N/A", "NA"})


# --------------------------------------------------------------------------------------
# Generic reading of delimited text and xlsx tables (shared with oews.py, crosswalks.py)
# --------------------------------------------------------------------------------------


@dataclasses.dataclass
class RawTable:
    """A table read from a file: every cell a string, columns renamed to targets.

    ``first_row`` is the file line (text) or sheet row (xlsx) of the first data row, so
    that ``first_row + i`` is where frame row ``i`` came from. ``sources`` maps each
    target column to the header as written in the file.
    """

    frame: pd.DataFrame
    path: Path
    first_row: int
    sources: dict

    def row(self, position: int) -> int:
        """File line / sheet row of the 0-based frame position ``position``."""
        return self.first_row + int(position)


def _norm_header(name) -> str:
    return re.sub(r"\s+", " ", str(name if name is not None else "")).strip().lstrip("\ufeff").lower()


def _check_file(path: Path) -> bytes:
    """Return the first bytes of ``path``; raise on a missing, empty or HTML file."""
    if not path.is_file():
        raise DataFormatError("file not found", path=path)
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if not head.strip():
        raise DataFormatError("file is empty", path=path)
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")) or (
        probe.startswith(b"<") and b"<html" in probe[:1024]
    ):
        raise DataFormatError(
            "file is an HTML/XML page, not data (an error page saved instead of the file?)",
            path=path,
        )
    return head


def _match_columns(header: list[str], columns: dict, optional: dict, path: Path, where: str):
    """Map target column -> index in ``header``; raise naming missing columns."""
    normed = [_norm_header(h) for h in header]
    found, missing = {}, []
    for target, aliases in list(columns.items()) + list(optional.items()):
        aliases = (aliases,) if isinstance(aliases, str) else aliases
        idx = next((normed.index(_norm_header(a)) for a in aliases if _norm_header(a) in normed), None)
        if idx is not None:
            found[target] = idx
        elif target in columns:
            missing.append(aliases[0])
    if missing:
        shown = ", ".join(repr(str(h)) for h in header if h not in (None, ""))
        raise DataFormatError(
            f"missing column(s) {', '.join(repr(m) for m in missing)} in the header ({where}); "
            f"found: {shown}",
            path=path,
        )
    return found


def read_text_table(
    path,
    columns: dict,
    *,
    optional: dict | None = None,
    sep: str = "\t",
    quoting: int = csv.QUOTE_NONE,
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

    Returns
    -------
    RawTable

    Raises
    ------
    exposure.errors.DataFormatError
        Missing/empty/HTML file, a byte that is not UTF-8 (naming its line and column),
        a line with too many or too few fields, a missing column.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.txt"
    >>> _ = p.write_bytes(b'Code\\tText\\r\\n11-1011.00\\tSay "hi"\\r\\n')
    >>> raw = read_text_table(p, {"code": "Code", "text": "Text"})
    >>> raw.frame["text"].tolist(), raw.first_row
    (['Say "hi"'], 2)
    """
    path = Path(path)
    optional = optional or {}
    if _check_file(path).startswith(b"PK\x03\x04"):
        raise DataFormatError(
            "file is a zip archive (an .xlsx workbook?), not delimited text", path=path
        )
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        field = data[line_start : exc.start].count(sep.encode())
        header = data.split(b"\n", 1)[0].decode("utf-8-sig", "replace").rstrip("\r")
        names = next(csv.reader([header], delimiter=sep)) if header else []
        column = names[field] if field < len(names) else None
        raise DataFormatError(
            f"byte 0x{data[exc.start]:02x} is not valid UTF-8 (byte offset {exc.start})",
            path=path,
            row=line,
            column=column,
        ) from None
    if not text.strip():
        raise DataFormatError("file is empty", path=path)
    header = _check_field_counts(text, sep, quoting, path)
    found = _match_columns(header, columns, optional, path, "line 1")
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            dtype=str,
            keep_default_na=False,
            quoting=quoting,
            engine="c",
            header=0,
            names=[f"c{i}" for i in range(len(header))],
            usecols=sorted(set(found.values())),
        )
    except pd.errors.EmptyDataError:
        raise DataFormatError("file has no header line", path=path) from None
    except pd.errors.ParserError as exc:  # pragma: no cover - caught by the field counts
        msg = str(exc)
        m = re.search(r"line (\d+)", msg)
        raise DataFormatError(
            f"malformed line: {msg.split('. ', 1)[-1]}",
            path=path,
            row=int(m.group(1)) if m else None,
        ) from None
    out = pd.DataFrame({target: frame[f"c{idx}"].astype(str) for target, idx in found.items()})
    return RawTable(out, path, 2, {t: str(header[i]) for t, i in found.items()})


def _check_field_counts(text: str, sep: str, quoting: int, path: Path) -> list:
    """Return the header fields; raise if a line has more or fewer fields than the
    header (truncated line, ...).

    Counting is per physical line, so the reported row is the file's line number. For
    quoted CSV, separators inside ``"..."`` are not counted; a file whose quoted fields
    span lines is checked record by record with :mod:`csv` instead.
    """
    lines = text.split("\n")
    n = len(lines)
    while n > 1 and lines[n - 1].rstrip("\r") == "":
        n -= 1
    lines = [line.rstrip("\r") for line in lines[:n]]
    header = next(csv.reader([lines[0]], delimiter=sep, quoting=quoting))
    if quoting == csv.QUOTE_NONE:
        counts = [line.count(sep) + 1 for line in lines]
        line_no = list(range(1, n + 1))
    elif not any(line.count('"') % 2 for line in lines):
        quoted = re.compile(r'"[^"]*"')
        counts = [(quoted.sub("", ln) if '"' in ln else ln).count(sep) + 1 for ln in lines]
        line_no = list(range(1, n + 1))
    else:  # quoted fields spanning lines: count fields per record
        reader = csv.reader(io.StringIO(text), delimiter=sep, quoting=quoting)
        counts, line_no, start = [], [], 1
        for record in reader:
            counts.append(len(record) if record else 0)
            line_no.append(start)
            start = reader.line_num + 1
        while counts and counts[-1] == 0:
            counts.pop()
            line_no.pop()
    width = len(header)
    pos = next((i for i, c in enumerate(counts) if c != width), None)
    if pos is not None:
        got = counts[pos]
        if got < len(header):
            what = f"too few fields: expected {len(header)}, got {got} (truncated file or line?)"
            column = header[got] if got < len(header) else None
        else:
            what = f"too many fields: expected {len(header)}, got {got}"
            column = None
        raise DataFormatError(what, path=path, row=line_no[pos], column=column)
    return header


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


def read_xlsx_table(
    path, columns: dict, *, optional: dict | None = None, sheet=None, max_header_row: int = 30
) -> RawTable:
    """Read a table from an ``.xlsx`` sheet into a :class:`RawTable` of strings.

    The header row is detected: it is the first of the first ``max_header_row`` rows
    that contains every required column name, so title lines above the table (as in
    the O*NET crosswalk workbooks) are skipped.

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
        Missing/empty/HTML/non-xlsx file, no header row with the required columns.

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

    path = Path(path)
    optional = optional or {}
    head = _check_file(path)
    if not head.startswith(b"PK\x03\x04"):
        raise DataFormatError("not an .xlsx workbook (no zip signature)", path=path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DataFormatError(f"cannot read workbook: {exc}", path=path) from None
    try:
        if sheet is None:
            ws = wb.worksheets[0]
        elif isinstance(sheet, int):
            ws = wb.worksheets[sheet]
        else:
            ws = wb[sheet]
        rows = ws.iter_rows(values_only=True)
        wanted = [
            {_norm_header(a) for a in ((al,) if isinstance(al, str) else al)}
            for al in columns.values()
        ]
        header, header_row, seen = None, 0, []
        for header_row, cells in enumerate(rows, start=1):
            names = {_norm_header(c) for c in cells}
            seen.append(cells)
            if all(names & w for w in wanted):
                header = list(cells)
                break
            if header_row >= max_header_row:
                break
        if header is None:
            best = max(seen, key=lambda r: sum(c is not None for c in r), default=())
            _match_columns(list(best), columns, optional, path, f"first {len(seen)} rows")
            raise DataFormatError("no header row found", path=path)  # pragma: no cover
        found = _match_columns(header, columns, optional, path, f"row {header_row}")
        idx = list(found.values())
        data = []
        for cells in rows:
            cells = tuple(cells) + (None,) * max(0, len(header) - len(cells))
            data.append([_cell_str(cells[i]) for i in idx])
    finally:
        wb.close()
    while data and all(v.strip() == "" for v in data[-1]):
        data.pop()
    frame = pd.DataFrame(data, columns=list(found), dtype=str)
    if frame.empty and not data:
        frame = pd.DataFrame({c: pd.Series([], dtype=str) for c in found})
    return RawTable(frame, path, header_row + 1, {t: str(header[i]) for t, i in found.items()})


def read_table(path, columns: dict, *, optional: dict | None = None, **kwargs) -> RawTable:
    """Read ``path`` as xlsx (by extension ``.xlsx``) or tab-delimited text.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.txt"
    >>> _ = p.write_text("Code\\n11-1011.00\\n")
    >>> read_table(p, {"code": "Code"}).frame["code"].tolist()
    ['11-1011.00']
    """
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx_table(path, columns, optional=optional, **kwargs)
    return read_text_table(path, columns, optional=optional, **kwargs)


def missing_to_na(series: pd.Series, tokens=_MISSING) -> pd.Series:
    """Strings in ``tokens`` (``""``, ``n/a``, ...) become ``<NA>``.

    Examples
    --------
    >>> missing_to_na(pd.Series(["Core", "n/a", ""])).tolist()
    ['Core', nan, nan]
    """
    out = series.astype(str)
    return out.where(~out.str.strip().isin(tokens))


def to_number(raw: RawTable, column: str, *, integer: bool = False, tokens=_MISSING) -> pd.Series:
    """Parse ``raw.frame[column]`` as numbers; tokens become missing.

    Thousands separators (``1,234``) are accepted. A value that is not a number raises
    :class:`~exposure.errors.DataFormatError` naming the file, line and column.

    Examples
    --------
    >>> raw = RawTable(pd.DataFrame({"n": ["1,234", "n/a"]}), Path("f.txt"), 2, {"n": "N"})
    >>> to_number(raw, "n", integer=True).tolist()
    [1234, <NA>]
    >>> to_number(RawTable(pd.DataFrame({"n": ["x"]}), Path("f.txt"), 2, {"n": "N"}), "n")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: f.txt, row 2, column 'N': not a number: 'x'
    """
    text = missing_to_na(raw.frame[column], tokens)
    cleaned = text.str.replace(",", "", regex=False).str.strip()
    values = pd.to_numeric(cleaned, errors="coerce")
    bad = text.notna() & values.isna()
    if integer:
        frac = values.notna() & (values % 1 != 0)
        bad |= frac
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        raise DataFormatError(
            f"not {'an integer' if integer else 'a number'}: {raw.frame[column].iloc[pos]!r}",
            path=raw.path,
            row=raw.row(pos),
            column=raw.sources.get(column, column),
        )
    if integer:
        return values.astype("Int64")
    return values.astype(float)


def _validate(frame: pd.DataFrame, model, raw: RawTable) -> pd.DataFrame:
    return validate(frame, model, path=raw.path, row_offset=raw.first_row)


# --------------------------------------------------------------------------------------
# O*NET files
# --------------------------------------------------------------------------------------

_CODE = ("O*NET-SOC Code",)
_DATE = ("Date",)
_SOURCE = ("Domain Source",)


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

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Occupation Data.txt"
    >>> _ = p.write_bytes(b"O*NET-SOC Code\\tTitle\\tDescription\\r\\n"
    ...                   b"11-1011.00\\tChief Executives\\tDetermine policies.\\r\\n")
    >>> read_occupations(p)[["onetsoc_code", "title"]].to_dict("records")
    [{'onetsoc_code': '11-1011.00', 'title': 'Chief Executives'}]
    """
    raw = read_table(path, {"onetsoc_code": _CODE, "title": "Title", "description": "Description"})
    frame = raw.frame.assign(job_zone=pd.array([pd.NA] * len(raw.frame), dtype="Int64"))
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
    raw = read_table(
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
    )
    f = raw.frame
    frame = f.assign(
        task_id=to_number(raw, "task_id", integer=True),
        task_type=missing_to_na(f["task_type"]),
        incumbents_responding=to_number(raw, "incumbents_responding", integer=True),
    )
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
    raw = read_table(
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
    )
    f = raw.frame
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
        task_id=to_number(raw, "task_id", integer=True),
        category=to_number(raw, "category", integer=True),
        data_value=to_number(raw, "data_value"),
        n=to_number(raw, "n", integer=True),
        standard_error=to_number(raw, "standard_error"),
        lower_ci_bound=to_number(raw, "lower_ci_bound"),
        upper_ci_bound=to_number(raw, "upper_ci_bound"),
        recommend_suppress=suppress.map({"Y": True, "N": False}).astype("boolean"),
    )
    return _validate(frame, TaskRatings, raw)


def read_task_dwas(path) -> pd.DataFrame:
    """Read ``Tasks to DWAs`` (.txt or .xlsx; the xlsx title/text columns are dropped).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._onet.TaskDwas`: ``onetsoc_code``, ``task_id``,
        ``dwa_id``, ``date``, ``domain_source``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Tasks to DWAs.txt"
    >>> _ = p.write_text("O*NET-SOC Code\\tTask ID\\tDWA ID\\tDate\\tDomain Source\\n"
    ...                  "11-1011.00\\t8823\\t4.A.4.b.4.I09.D02\\t03/2014\\tAnalyst\\n")
    >>> read_task_dwas(p)[["task_id", "dwa_id"]].to_dict("records")
    [{'task_id': 8823, 'dwa_id': '4.A.4.b.4.I09.D02'}]
    """
    raw = read_table(
        path,
        {
            "onetsoc_code": _CODE,
            "task_id": "Task ID",
            "dwa_id": "DWA ID",
            "date": _DATE,
            "domain_source": _SOURCE,
        },
    )
    frame = raw.frame.assign(task_id=to_number(raw, "task_id", integer=True))
    return _validate(frame, TaskDwas, raw)


def read_dwas(path) -> pd.DataFrame:
    """Read ``DWA Reference`` (.txt or .xlsx).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._onet.Dwas`: ``dwa_id``, ``dwa_title``, ``iwa_id``,
        ``element_id``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "DWA Reference.txt"
    >>> _ = p.write_text("Element ID\\tIWA ID\\tDWA ID\\tDWA Title\\n"
    ...                  "4.A.1.a.1\\t4.A.1.a.1.I01\\t4.A.1.a.1.I01.D01\\tReview art.\\n")
    >>> read_dwas(p).columns.tolist()
    ['dwa_id', 'dwa_title', 'iwa_id', 'element_id']
    """
    raw = read_table(
        path,
        {"dwa_id": "DWA ID", "dwa_title": "DWA Title", "iwa_id": "IWA ID", "element_id": "Element ID"},
    )
    return _validate(raw.frame, Dwas, raw)


def read_iwas(path) -> pd.DataFrame:
    """Read ``IWA Reference`` (.txt or .xlsx).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._onet.Iwas`: ``iwa_id``, ``iwa_title``, ``element_id``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "IWA Reference.txt"
    >>> _ = p.write_text("Element ID\\tIWA ID\\tIWA Title\\n4.A.1.a.1\\t4.A.1.a.1.I01\\tStudy art.\\n")
    >>> read_iwas(p)["iwa_id"].tolist()
    ['4.A.1.a.1.I01']
    """
    raw = read_table(
        path, {"iwa_id": "IWA ID", "iwa_title": "IWA Title", "element_id": "Element ID"}
    )
    return _validate(raw.frame, Iwas, raw)


def read_job_zones(path) -> pd.DataFrame:
    """Read ``Job Zones`` (.txt or .xlsx).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._onet.JobZones`: ``onetsoc_code``, ``job_zone``,
        ``date``, ``domain_source``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Job Zones.txt"
    >>> _ = p.write_text("O*NET-SOC Code\\tJob Zone\\tDate\\tDomain Source\\n"
    ...                  "11-1011.00\\t5\\t08/2023\\tAnalyst\\n")
    >>> read_job_zones(p)["job_zone"].tolist()
    [5]
    """
    raw = read_table(
        path,
        {"onetsoc_code": _CODE, "job_zone": "Job Zone", "date": _DATE, "domain_source": _SOURCE},
    )
    frame = raw.frame.assign(job_zone=to_number(raw, "job_zone", integer=True))
    return _validate(frame, JobZones, raw)


def read_emerging_tasks(path) -> pd.DataFrame:
    """Read ``Emerging Tasks`` (.txt or .xlsx).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._onet.EmergingTasks`: ``onetsoc_code``, ``task``,
        ``category`` (New / Revision), ``original_task_id``, ``original_task``
        (``<NA>`` for new tasks), ``date``, ``domain_source``.

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
    raw = read_table(
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
    )
    frame = raw.frame.assign(
        original_task_id=to_number(raw, "original_task_id", integer=True),
        original_task=missing_to_na(raw.frame["original_task"]),
    )
    return _validate(frame, EmergingTasks, raw)


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


def _registry_names() -> set | None:
    try:
        from exposure.sources import SOURCES
    except ImportError:  # pragma: no cover - registry not available
        return None
    return set(SOURCES)


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


def load_onet(release: str = "29.1", *, mirror=None, data_dir=None) -> OnetRelease:
    """Load and validate every O*NET table of ``release``.

    Files are resolved with :func:`exposure.fetch.fetch` (sha256-verified, from the
    mirror or the cache). ``Task Ratings`` is optional: ``task_ratings`` is ``None`` when
    the release has no such file in the source registry.

    Parameters
    ----------
    release : {"29.1", "30.1"}
        O*NET database release.
    mirror, data_dir : str or os.PathLike, optional
        Passed to :func:`exposure.fetch.fetch`.

    Returns
    -------
    OnetRelease

    Raises
    ------
    exposure.errors.ExposureError
        Unknown release; any error of the readers or of :func:`check_references`.

    Examples
    --------
    >>> load_onet("1.0")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: unknown O*NET release '1.0'; known: 29.1, 30.1
    """
    if release not in ONET_RELEASES:
        raise ExposureError(
            f"unknown O*NET release {release!r}; known: {', '.join(ONET_RELEASES)}"
        )
    from exposure.fetch import fetch

    registry = _registry_names()
    tables = {}
    for table, (base, reader) in _FILES.items():
        name = onet_file_name(release, base, registry)
        if name is None:
            if table == "task_ratings":
                log.info("O*NET %s: no Task Ratings file registered; task_ratings=None", release)
                tables[table] = None
                continue
            raise ExposureError(f"O*NET {release}: no registered file for {base!r}")
        path = fetch(name, mirror=mirror, data_dir=data_dir)
        log.info("reading %s", path)
        tables[table] = reader(path)
    zones = tables["job_zones"].set_index("onetsoc_code")["job_zone"]
    occ = tables["occupations"]
    occ = occ.assign(job_zone=occ["onetsoc_code"].map(zones).astype("Int64"))
    tables["occupations"] = validate(occ, Occupations, path=f"O*NET {release} occupations")
    out = OnetRelease(release=release, **tables)
    check_references(out)
    return out


def _check_subset(child, child_name, cols, parent, parent_name, pcols=None):
    pcols = pcols or cols
    if len(cols) == 1:
        ok = child[cols[0]].isin(parent[pcols[0]])
    else:
        ok = pd.MultiIndex.from_frame(child[cols]).isin(pd.MultiIndex.from_frame(parent[pcols]))
    ok = pd.Series(ok, index=child.index)
    if not ok.all():
        pos = int((~ok).to_numpy().nonzero()[0][0])
        value = tuple(child[cols].iloc[pos]) if len(cols) > 1 else child[cols[0]].iloc[pos]
        raise SchemaError(
            f"{int((~ok).sum())} value(s) not found in {parent_name}.{'/'.join(pcols)}; "
            f"first: {value!r}",
            path=child_name,
            row=pos,
            column="/".join(cols),
        )


def check_references(release: OnetRelease) -> None:
    """Check referential integrity between the tables of an :class:`OnetRelease`.

    Every task's, job zone's and emerging task's occupation exists in ``occupations``;
    every (occupation, task) of ``task_dwas`` and ``task_ratings`` exists in ``tasks``;
    every ``task_dwas.dwa_id`` exists in ``dwas``; every ``dwas.iwa_id`` exists in
    ``iwas``.

    Raises
    ------
    exposure.errors.SchemaError
        Naming the table (as ``path``), the column, the 0-based frame row (``row``) and
        the first value that has no match.

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
    r = release
    _check_subset(r.tasks, "tasks", ["onetsoc_code"], r.occupations, "occupations")
    _check_subset(r.job_zones, "job_zones", ["onetsoc_code"], r.occupations, "occupations")
    _check_subset(
        r.emerging_tasks, "emerging_tasks", ["onetsoc_code"], r.occupations, "occupations"
    )
    _check_subset(r.task_dwas, "task_dwas", ["onetsoc_code", "task_id"], r.tasks, "tasks")
    _check_subset(r.task_dwas, "task_dwas", ["dwa_id"], r.dwas, "dwas")
    _check_subset(r.dwas, "dwas", ["iwa_id"], r.iwas, "iwas")
    if r.task_ratings is not None:
        _check_subset(
            r.task_ratings, "task_ratings", ["onetsoc_code", "task_id"], r.tasks, "tasks"
        )
