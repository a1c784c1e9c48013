"""ILO generative-AI exposure (Gmyrek et al. 2025) on ISCO-08, and SOC <-> ISCO-08.

``Final_Scores_ISCO08_Gmyrek_et_al_2025.xlsx`` has one row per ISCO task with the
occupation-level mean, SD and exposure gradient repeated on each row; :func:`read_ilo`
checks that they are constant within an occupation and keeps one row per ISCO-08 unit
group. ISCO-08 reaches SOC 2018 through SOC 2010 (``soc10_isco08.csv``, then
``2010_to_2018_SOC_Crosswalk.xlsx``); :func:`to_isco` runs the same chain backwards to put
SOC-level scores (ours or anyone's) on ISCO-08 codes. Both use the weight rule of
:mod:`exposure.measures._crosswalk`.

Gmyrek P, Berg J, Kamiński K, Konopczyński F, Ładna A, Nafradi B, Rosłaniec K, Troszyński M
(2025) Generative AI and Jobs: A Refined Global Index of Occupational Exposure. ILO
Working Paper 140.
"""

from __future__ import annotations

import logging
import zipfile
import zlib

import numpy as np
import pandas as pd

from exposure._measures import MEASURES
from exposure._tables import as_path, check_sheet
from exposure.crosswalks import _ARMED_FORCES, first_nested_code, oews_code_map
from exposure.crosswalks import log as _crosswalks_log
from exposure.errors import DataFormatError
from exposure.measures import _common
from exposure.measures._crosswalk import LINK_COLUMNS, _link_codes, apply_links, links_from_pairs
from exposure.measures.felten import _at_sheet_rows, check_cells, without_footnotes
from exposure.schemas import validate
from exposure.schemas._fields import ISCO_UNIT_PATTERN, first_bad_soc_code
from exposure.schemas._measures import IloScores

__all__ = ["GRADIENTS", "read_ilo", "ilo_to_soc", "load_ilo", "to_isco"]

log = logging.getLogger(__name__)

SCORES = "reference/ilo2025/Final_Scores_ISCO08_Gmyrek_et_al_2025.xlsx"
#: 2025 exposure class -> number
GRADIENTS = {
    "Not Exposed": -1,
    "Minimal Exposure": 0,
    "Exposed: Gradient 1": 1,
    "Exposed: Gradient 2": 2,
    "Exposed: Gradient 3": 3,
    "Exposed: Gradient 4": 4,
}
_OCC_COLS = {
    "Title": "title",
    "mean_score_2025": "mean_score_2025",
    "SD_2025": "sd_2025",
    "mean_score_2023": "mean_score_2023",
    "SD_2023": "sd_2023",
    "potential25": "gradient_2025",
    "potential23": "potential_2023",
}


def read_ilo(path, *, sheet=0) -> pd.DataFrame:
    """Read the ILO 2025 workbook as one row per ISCO-08 unit group.

    Parameters
    ----------
    path : str or os.PathLike
    sheet : int or str, default 0

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._measures.IloScores`.

    Raises
    ------
    exposure.errors.DataFormatError
        A file that is no ``.xlsx`` workbook (a CSV:
        :func:`~exposure.measures._common.check_workbook`), a missing sheet or column (the
        workbook's sheets are listed: the scores may be on another sheet), a column named twice, a sheet without rows, a task given twice (the
        same ``taskID`` of one occupation), a missing or malformed ISCO-08 code (``2512``;
        the armed forces' ``0110``, ``0210``, ``0310`` are read from number cells ``110``,
        ``210``, ``310``), a missing value, a score that is not a number, outside 0-1
        (a mean score) or negative (an SD), an unknown gradient (the gradients are
        listed), occupation-level
        values that differ between the task rows of one occupation, a formula never
        computed or an error cell (``#DIV/0!``; :func:`~exposure.measures.felten.check_cells`)
        (file, row and column named: the row of the task in the sheet, the header being
        row 1), or a ``sheet`` that is neither a name nor a position (None, a list).
        A cell of text ``NA`` or ``None`` is read as that text, not as missing. A blank row
        (every cell empty, or spaces) is skipped, as Felten's reader skips it (it was refused
        as a task without an ISCO-08 code); the rows named are still the sheet's. Notes below
        a blank row ending the sheet (``Source: ...``) are left out
        (:func:`~exposure.measures.felten.without_footnotes`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "ilo.xlsx"
    >>> row = {"ISCO_08": "2512", "Title": "Software developers", "taskID": 1,
    ...        "mean_score_2025": 0.5, "SD_2025": 0.1, "mean_score_2023": 0.4, "SD_2023": 0.1,
    ...        "potential25": "Exposed: Gradient 3", "potential23": "Automation Potential"}
    >>> pd.DataFrame([row, {**row, "taskID": 2}]).to_excel(p, index=False)
    >>> read_ilo(p)[["isco08_code", "n_tasks", "mean_score_2025", "gradient_level_2025"]]
      isco08_code  n_tasks  mean_score_2025  gradient_level_2025
    0        2512        2              0.5                    3
    """
    if not hasattr(path, "read"):  # a missing file, a directory, bytes: pandas' errors before
        path = as_path(path)
    # None, [0]: a dict of sheets, an AttributeError; in the shared words, the file named
    # (it was "sheet must be ... not None", no file; "not 1.0" for a float)
    sheet = check_sheet(sheet, None if hasattr(path, "read") else path, optional=False)
    if not hasattr(path, "read"):
        _common.check_workbook(path)  # a CSV: "Excel file format cannot be determined" before
    try:
        # "NA" or "None" kept as text (they were a "missing value"); an empty cell is '',
        # so that NaN is an error cell (check_cells)
        frame = pd.read_excel(path, sheet_name=sheet, dtype=str, keep_default_na=False)
    except (ValueError, IndexError) as exc:  # the sheets are listed, as felten's reader lists them
        names = _sheet_names(path)
        # pandas' "Worksheet named 'x' not found", "index 3 is invalid", and an IndexError
        # traceback for sheet=-2 of a workbook of one sheet: the shared words
        if names is not None:
            check_sheet(sheet, path, names)
        raise DataFormatError(f"cannot read sheet {sheet!r}: {exc}" + (f" (sheets: {names})" if names else ""),
                              path=path) from None
    # a part damaged (bytes of a download changed): zlib's "Error -3 while decompressing data" or
    # ElementTree's "not well-formed (invalid token)" (a SyntaxError) came through as tracebacks
    except (zipfile.BadZipFile, zlib.error, SyntaxError, KeyError, EOFError, OSError) as exc:  # as felten's reader says it
        raise DataFormatError(f"cannot read as an .xlsx workbook: {exc}", path=path) from None
    _common.check_sheet_header(frame, path, sheet)  # a column twice: pandas read the first only
    # a formula never computed was read as empty ("missing value"), an error cell (#DIV/0!) too
    check_cells(frame, path, sheet, ["ISCO_08", "taskID", *_OCC_COLS])
    frame = without_footnotes(frame, path)  # 'Source: ...' below a blank row: "missing ISCO-08 unit group code"
    _common.match_header_case(frame, ["ISCO_08", "taskID", *_OCC_COLS], path)  # 'isco_08' was a missing column
    missing = [c for c in ["ISCO_08", *_OCC_COLS] if c not in frame.columns]
    if missing:  # the scores on another sheet: the sheets are named, not only the columns of this one
        names = _sheet_names(path)
        hint = f"; the workbook's sheets are {names}: give the one of the scores (sheet=...)" if names else ""
        raise DataFormatError(f"sheet {sheet!r} lacks column(s) {missing} (its columns: {list(frame.columns)})"
                              + hint, path=path, column=missing[0])
    if frame.empty:  # a header only: an empty measure was returned
        raise DataFormatError("no rows below the header (row 1)", path=path)
    frame = frame.reset_index(drop=True)
    # a blank row (every cell empty, or spaces: a task's cells cleared, a row of spaces below
    # the table) was refused as "missing ISCO-08 unit group code"; it is skipped, as Felten's
    # reader skips it, and the errors name the rows of the sheet (_at_sheet_rows)
    blank = frame.astype(str).apply(lambda c: c.str.strip() == "").all(axis=1).to_numpy(dtype=bool)
    rows = np.flatnonzero(~blank) + 2
    frame = frame[~blank].reset_index(drop=True)
    if frame.empty:
        raise DataFormatError("no rows below the header (row 1)", path=path)
    with _at_sheet_rows(pd.DataFrame(index=rows), 2):
        _check_tasks(frame, path, rows)
    occ = frame.groupby("ISCO_08", sort=True).agg(n_tasks=("ISCO_08", "size"), **{v: (k, "first") for k, v in _OCC_COLS.items()})
    occ = occ.reset_index().rename(columns={"ISCO_08": "isco08_code"})
    occ["gradient_level_2025"] = occ["gradient_2025"].map(GRADIENTS)
    cols = ["isco08_code", "title", "n_tasks", "mean_score_2025", "sd_2025", "mean_score_2023", "sd_2023",
            "gradient_2025", "gradient_level_2025", "potential_2023"]
    return validate(occ[cols], IloScores, path=path)


def _check_tasks(frame: pd.DataFrame, path, rows) -> None:
    """Check the task rows of the ILO sheet (codes, task IDs, values), in place: codes made ``0110``.

    ``frame`` holds the rows that are not blank, position ``i`` being sheet row ``rows[i]``;
    the errors name the row as position + 2, which :func:`read_ilo` turns into the sheet
    row (:func:`~exposure.measures.felten._at_sheet_rows`), except the row a message names
    in its text (``on row N``), given here.
    """
    # checked on the task rows, where the file's row is known (row = position + 2): a task
    # without a code was dropped, and a bad code or value was named by its row among the
    # occupations ('row 0')
    # the armed forces' 0110, 0210, 0310 as number cells (110): refused as no ISCO-08 code
    code = frame["ISCO_08"].astype("string").str.strip()
    frame["ISCO_08"] = code.where(~code.isin(_ARMED_FORCES), code.str.zfill(4))
    frame["ISCO_08"] = _common.check_codes(frame["ISCO_08"], ISCO_UNIT_PATTERN, path, "ISCO_08",
                                           what="ISCO-08 unit group code", example="2512", unique=False,
                                           article="an")
    if "taskID" in frame.columns:  # a task given twice was counted twice in n_tasks
        _no_repeated_task(frame, path)
    for col in ("mean_score_2025", "SD_2025", "mean_score_2023", "SD_2023"):
        # the scores are from 0 to 1: '45%' is told the fraction to write
        frame[col] = _common.to_float(frame, col, path, share=col.startswith("mean_score"))
    for col in _OCC_COLS:
        gap = (frame[col].isna() | (frame[col].astype("string").str.strip() == "")).to_numpy(dtype=bool)
        if gap.any():
            raise DataFormatError("missing value", path=path, row=int(np.flatnonzero(gap)[0]) + 2, column=col)
    for col in ("mean_score_2025", "mean_score_2023"):
        _common.check_range(frame[col], path, col, low=0.0, high=1.0, what=f"{col} (a score from 0 to 1)")
    for col in ("SD_2025", "SD_2023"):
        _common.check_range(frame[col], path, col, what=col)
    for col in _OCC_COLS:  # one value per occupation; the first row that differs is named
        differs = (frame[col] != frame.groupby("ISCO_08")[col].transform("first")).to_numpy(dtype=bool)
        if differs.any():
            pos = int(np.flatnonzero(differs)[0])
            isco = frame["ISCO_08"].iloc[pos]
            first = int(np.flatnonzero((frame["ISCO_08"] == isco).to_numpy())[0])
            was, now = (getattr(v, "item", lambda v=v: v)() for v in (frame[col].iloc[first], frame[col].iloc[pos]))
            raise DataFormatError(f"occupation {isco} has more than one {col} across its tasks "
                                  f"({was!r} on row {int(rows[first])}, {now!r} here)", path=path, row=pos + 2, column=col)
    unknown = ~frame["potential25"].isin(list(GRADIENTS))
    if unknown.any():  # the gradients expected were not said
        pos = int(np.flatnonzero(unknown.to_numpy())[0])
        value = frame["potential25"].iloc[pos]
        same = [g for g in GRADIENTS if " ".join(g.lower().split()) == " ".join(str(value).lower().split())]
        hint = f" (written {same[0]!r} in the publication)" if same else ""
        raise DataFormatError(f"unknown gradient {value!r}{hint}; expected one of "
                              f"{', '.join(repr(g) for g in GRADIENTS)}", path=path, row=pos + 2, column="potential25")


def _sheet_names(path) -> list | None:
    """The workbook's sheet names, or None if they cannot be listed (a hint in an error only)."""
    if hasattr(path, "read"):
        return None
    try:
        with pd.ExcelFile(path) as book:
            return list(book.sheet_names)
    except Exception:  # noqa: BLE001 - only a hint in a message already being raised
        return None


def _no_repeated_task(frame: pd.DataFrame, path) -> None:
    """Refuse a (``ISCO_08``, ``taskID``) given twice, naming the sheet rows (the header is row 1).

    Examples
    --------
    >>> f = pd.DataFrame({"ISCO_08": ["2512", "2512"], "taskID": ["1", "1.0"]})
    >>> _no_repeated_task(f, "ilo.xlsx")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: ilo.xlsx, row 3, column 'taskID': task 1 of occupation 2512 appears twice (rows 2 and 3)
    """
    raw = frame["taskID"]
    num = pd.to_numeric(raw, errors="coerce")
    task = raw.astype("string").str.strip().where(num.isna(), num.astype(str).str.removesuffix(".0"))
    given = task.notna() & (task != "")
    keys = frame["ISCO_08"].astype(str) + " " + task.fillna("")
    twice = (keys.duplicated() & given).to_numpy(dtype=bool)
    if twice.any():
        pos = int(np.flatnonzero(twice)[0])
        first = int(np.flatnonzero((keys == keys.iloc[pos]).to_numpy(dtype=bool))[0])
        raise DataFormatError(f"task {task.iloc[pos]} of occupation {frame['ISCO_08'].iloc[pos]} appears twice "
                              f"(rows {first + 2} and {pos + 2})", path=path, row=pos + 2, column="taskID")


def ilo_to_soc(scores: pd.DataFrame, links: pd.DataFrame, *, path=None) -> pd.DataFrame:
    """Cross ILO scores ISCO-08 -> SOC 2018 through weighted links.

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`read_ilo`.
    links : pandas.DataFrame
        ISCO-08 -> SOC 2018 links (e.g. a :func:`~exposure.measures._crosswalk.compose_links`
        chain through SOC 2010).
    path : optional
        File the scores come from, named in errors.

    Returns
    -------
    pandas.DataFrame
        ``soc_code``, ``mean_score_2025``, ``mean_score_2023``, ``gradient_level_2025``
        (weighted means), ``crosswalk_weight``, ``n_sources``.

    Raises
    ------
    exposure.errors.DataFormatError
        The errors of :func:`~exposure.measures._crosswalk.apply_links`. ISCO-08 codes of
        ``links`` given as numbers are read as codes (:func:`_isco_links`: ``110`` is the
        armed forces' ``0110``, ``2512.0`` is ``2512``); one with decimals is refused.

    Examples
    --------
    >>> scores = pd.DataFrame({"isco08_code": ["2511", "2512"], "mean_score_2025": [0.4, 0.6],
    ...     "mean_score_2023": [0.3, 0.5], "gradient_level_2025": [2, 4]})
    >>> links = pd.DataFrame({"source_code": ["2511", "2511", "2512"],
    ...     "target_code": ["15-1211", "15-1252", "15-1252"], "crosswalk_weight": [0.5, 0.5, 1.0]})
    >>> ilo_to_soc(scores, links)[["soc_code", "mean_score_2025", "crosswalk_weight"]].round(4)
      soc_code  mean_score_2025  crosswalk_weight
    0  15-1211           0.4000               0.5
    1  15-1252           0.5333               1.5
    """
    _common.check_frame(scores, "scores")  # named first, as apply_links names it
    _common.check_table(links, "links", LINK_COLUMNS)  # a path: a TypeError from inside pandas
    _common.check_once(links, LINK_COLUMNS, "links")  # read by _isco_links before apply_links checks it
    out = apply_links(
        scores, _isco_links(links, "source_code"), code="isco08_code",
        values=["mean_score_2025", "mean_score_2023", "gradient_level_2025"], path=path,
        log_unmatched=False,  # warned of below, once
    )
    _common.warn_unmatched(scores, out.attrs["unmatched"], (), code="isco08_code", what="ilo_to_soc", source="ISCO-08",
                           target="SOC", logger=log)
    return out


def _isco_links(links: pd.DataFrame, column: str) -> pd.DataFrame:
    """``links`` whose ISCO-08 codes (``column``) lost the leading zero of the armed forces read with it.

    A link table built from a file read by pandas (``pd.read_csv("soc10_isco08.csv")``:
    ``isco08`` an ``int64`` column) gives the armed forces' ``0110``, ``0210``, ``0310`` as
    ``110``, ``210``, ``310``, as the ILO workbook and the crosswalk may (their readers read
    them with the zero); ISCO-08 has no other unit group of three digits. Numbers are read
    as codes first (:func:`~exposure.measures._crosswalk._link_codes`: ``2512.0`` is
    ``2512``). :func:`ilo_to_soc` left the ILO's ``0110`` out ("no SOC link"), and
    :func:`to_isco` returned the code ``'110'``, which matches no ILO score.

    Examples
    --------
    >>> links = pd.DataFrame({"source_code": [110, 2512], "target_code": ["55-1011", "15-1252"],
    ...                       "crosswalk_weight": [1.0, 1.0]})
    >>> _isco_links(links, "source_code")["source_code"].tolist()
    ['0110', '2512']
    """
    codes = _link_codes(links[column], "links", column)
    return links.assign(**{column: codes.map(lambda v: v.zfill(4) if v in _ARMED_FORCES else v).to_numpy()})


def load_ilo(*, mirror=None, data_dir=None) -> pd.DataFrame:
    """ILO 2025 exposure on SOC 2018 codes, from the registry files.

    Examples
    --------
    >>> import tempfile
    >>> load_ilo(mirror=tempfile.mkdtemp(), data_dir=tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    exposure.errors.DownloadError: reference/ilo2025/Final_Scores_ISCO08_Gmyrek_et_al_2025.xlsx: not found in mirror ...
    """
    path = _common.resolve(SCORES, mirror=mirror, data_dir=data_dir)
    out = ilo_to_soc(read_ilo(path), _common.isco_to_soc18(mirror=mirror, data_dir=data_dir), path=path)
    out.attrs["source_file"] = str(path)
    return out


def _with_aggregates(links: pd.DataFrame, codes: pd.Series, soc_structure: pd.DataFrame | None = None, *,
                     soc10: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add links for the OEWS aggregate codes of ``codes`` absent from ``links``.

    An aggregate such as ``13-1020`` takes the ISCO groups of the detailed codes that
    :func:`exposure.crosswalks.oews_code_map` puts in it (``13-1021``, ``13-1022``,
    ``13-1023``), ``1/k`` each over its ``k`` distinct groups.

    ``soc10``, the SOC 2010 -> SOC 2018 links of the registry (given when ``links`` come
    from the registry too), tells the codes of the other vintage: a SOC 2018 detailed code
    without a link of its own (``29-2055``) is no aggregate (it took the ISCO groups of
    the codes of its broad group not given, ``29-2051`` ... ``29-2057``, without a word),
    and a SOC 2010 code retired in SOC 2018 (``15-1132``, ``55-3017``) is refused
    (:func:`_check_vintage`) unless it is an OEWS aggregate holding its SOC 2018
    successors (``25-2052``: ``25-2055``, ``25-2056``). ``codes`` are the ``soc_code`` of
    the scores, in their order (rows counted from 1 in errors).

    Examples
    --------
    >>> links = pd.DataFrame({"source_code": ["29-1221", "29-1229"], "target_code": ["2212", "2212"],
    ...                       "crosswalk_weight": [1.0, 1.0]})
    >>> _with_aggregates(links, pd.Series(["29-1210"])).tail(1).to_dict("records")
    [{'source_code': '29-1210', 'target_code': '2212', 'crosswalk_weight': 1.0}]
    """
    wanted = set(codes) - set(links["source_code"])
    if not wanted:
        return links
    oews = codes
    if soc10 is not None:  # a SOC 2018 code without a link of its own is no aggregate: it stays unmatched
        # detailed codes only: a broad group of the crosswalk (its 19-1020) is still an aggregate
        own = {c for c in set(soc10["target_code"].astype(str)) - set(links["source_code"]) if not c.endswith("0")}
        wanted -= own
        oews = codes[~codes.isin(own)]
    with _HeldRecords(_crosswalks_log) as held:  # its warnings said nothing of a SOC 2010 code refused below
        cmap = oews_code_map(links["source_code"], oews, soc_structure)
    if soc10 is not None:
        _check_vintage(codes, cmap, soc10)
    held.release()
    cmap = cmap[cmap["occ_code"].isin(wanted)]
    pairs = cmap.merge(links, left_on="soc_code", right_on="source_code")[["occ_code", "target_code"]]
    if pairs.empty:
        return links
    return pd.concat([links, links_from_pairs(pairs, "occ_code", "target_code")], ignore_index=True)


class _HeldRecords(logging.Filter):
    """Hold the records of ``logger`` inside a ``with`` block; :meth:`release` logs them after."""

    def __init__(self, logger: logging.Logger) -> None:
        super().__init__()
        self.logger, self.records = logger, []

    def filter(self, record: logging.LogRecord) -> bool:  # noqa: A003 - logging's name
        self.records.append(record)
        return False

    def __enter__(self) -> _HeldRecords:
        self.logger.addFilter(self)
        return self

    def __exit__(self, *exc) -> None:
        self.logger.removeFilter(self)

    def release(self) -> None:
        """Log the records held (once)."""
        for record in self.records:
            self.logger.handle(record)
        self.records = []


def _check_vintage(codes: pd.Series, cmap: pd.DataFrame, soc10: pd.DataFrame) -> None:
    """Refuse a SOC 2010 code retired in SOC 2018 that no OEWS aggregate of the same occupations explains.

    A code of ``soc10["source_code"]`` that is none of ``soc10["target_code"]`` (SOC 2010
    ``15-1132``, ``55-3017``) was either left out (in ``attrs["unmatched"]`` only) or linked
    as if it were an OEWS aggregate of the SOC 2018 codes of its broad group (``55-3017``
    to ``0310`` through ``55-3011`` ... ``55-3019``, where its SOC 2018 successor is
    ``17-3029``). It is kept when ``cmap`` (:func:`~exposure.crosswalks.oews_code_map`)
    puts in it all of its SOC 2018 successors (and maybe more: the codes of its broad group
    not given): ``25-2052``, an OEWS aggregate of ``25-2055`` and ``25-2056``, names the
    same occupations in both vintages.

    Examples
    --------
    >>> soc10 = pd.DataFrame({"source_code": ["15-1132", "15-1132", "15-1252"],
    ...                       "target_code": ["15-1252", "15-1253", "15-1252"], "crosswalk_weight": [0.5, 0.5, 1.0]})
    >>> cmap = pd.DataFrame({"soc_code": ["15-1252"], "occ_code": [None], "how": ["none"]})
    >>> _check_vintage(pd.Series(["11-1011", "15-1132"]), cmap, soc10)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_scores, row 2, column 'soc_code': '15-1132' is a SOC 2010 code, retired in SOC 2018 (its SOC 2018 codes: 15-1252, 15-1253): to_isco reads SOC 2018 codes; cross the scores to SOC 2018 first (the links: exposure.crosswalks.load_soc_2010_to_2018())
    """
    codes = codes.astype(str).reset_index(drop=True)
    retired = set(soc10["source_code"].astype(str)) - set(soc10["target_code"].astype(str))
    if not codes.isin(retired).any():
        return
    successors = soc10.astype({"source_code": str, "target_code": str}).groupby("source_code")["target_code"].agg(set)
    held = cmap.dropna(subset=["occ_code"]).groupby("occ_code")["soc_code"].agg(set)
    # its successors, and maybe more: an aggregate also holds the codes of its broad group not given
    bad = [pos for pos, code in enumerate(codes) if code in retired and not successors[code] <= held.get(code, set())]
    if not bad:
        return
    code = codes.iloc[bad[0]]
    n = int(codes.isin(retired).sum())
    many = f"; {n} of the {len(codes)} codes are SOC 2010 codes retired in SOC 2018" if n > 1 else ""
    rows = {c: pos for pos, c in reversed(list(enumerate(codes)))}
    beside = [f"{c} on row {rows[c] + 1}" for c in sorted(successors[code]) if c in rows]
    also = (f"; or, as an OEWS aggregate, given beside its own code(s) {', '.join(beside)}: give the aggregate or "
            "its detailed codes, not both" if beside else "")
    raise DataFormatError(f"{code!r} is a SOC 2010 code, retired in SOC 2018 (its SOC 2018 codes: "
                          f"{', '.join(sorted(successors[code]))}{many}): to_isco reads SOC 2018 codes; cross the "
                          f"scores to SOC 2018 first (the links: exposure.crosswalks.load_soc_2010_to_2018()){also}",
                          path="soc_scores", row=bad[0] + 1, column="soc_code")


def to_isco(
    soc_scores: pd.DataFrame,
    *,
    values: list[str] | None = None,
    counts: tuple[str, ...] | None = None,
    links: pd.DataFrame | None = None,
    soc_structure: pd.DataFrame | None = None,
    mirror=None,
    data_dir=None,
) -> pd.DataFrame:
    """Put SOC 2018 scores on ISCO-08 unit groups (SOC 2018 -> SOC 2010 -> ISCO-08).

    An OEWS aggregate code (e.g. ``13-1020``) is linked to the ISCO groups of the detailed
    codes under it (the rule of :func:`exposure.crosswalks.oews_code_map`). A SOC code linked to ``k`` ISCO groups gives each weight ``1/k``; an ISCO group takes
    the weighted mean of the measures of its SOC codes; employment (``counts``) is split
    by the same weights, so the total is preserved over matched codes.

    Parameters
    ----------
    soc_scores : pandas.DataFrame
        One row per ``soc_code``, e.g. ``data/processed/soc_scores.parquet``.
    values : list of str, optional
        Measures to carry; default every float column other than ``counts``, employment
        (``tot_emp`` in any case: with ``counts=()`` it is left out, where its weighted
        mean was returned under its name, as if it were the ISCO-08 groups' workers),
        ``crosswalk_weight`` and ``n_*`` columns. Name ``tot_emp`` here for its weighted mean.
    counts : tuple of str, optional
        Count columns to split; default the employment column when ``soc_scores`` has
        one: ``tot_emp``, in any case or spacing (OEWS's own header ``TOT_EMP`` was
        averaged as a measure), none else. A column named here that ``soc_scores`` lacks is
        refused (it was ignored, and the employment column under another name averaged as
        a measure). ``()`` splits none, and leaves employment out of the default ``values``.
    links : pandas.DataFrame, optional
        SOC 2018 -> ISCO-08 links; default built from the registry crosswalks. ISCO-08
        codes given as numbers are read as codes (:func:`_isco_links`: ``110`` is ``0110``).
    soc_structure : pandas.DataFrame, optional
        SOC structure for :func:`~exposure.crosswalks.oews_code_map` (which detailed codes
        an aggregate holds).
    mirror, data_dir : optional
        Passed to :func:`exposure.fetch.fetch` when ``links`` is None.

    Returns
    -------
    pandas.DataFrame
        ``isco08_code``, the measures, the counts, ``crosswalk_weight``, ``n_sources``;
        ``attrs["unmatched"]`` lists SOC codes without an ISCO-08 link.

    Raises
    ------
    exposure.errors.DataFormatError
        ``soc_scores`` has no rows (an empty table was returned), a ``counts`` cell that is
        not a number of at least 0 (``"1,234"`` and BLS's ``**``, missing, are read as OEWS
        writes them: :func:`_read_counts`), ``soc_scores`` or ``links`` is not a DataFrame
        (``links`` without the columns of :data:`~exposure.measures._crosswalk.LINK_COLUMNS`),
        has column names of several levels or a column read twice (without ``values``, any column twice: each may be
        read), ``values`` or ``counts`` is
        not a list of column names (a bare name ``"tot_emp"``), a ``counts`` column
        ``soc_scores`` lacks, a ``soc_code`` cell that is not a SOC code (``'15-1252 '``,
        ``15-1252.00``; row counted from 1: it was refused as an item of "oews_codes" at a
        position counted from 0), with the registry's links (``links`` None) a SOC 2010
        code retired in SOC 2018 (``15-1132``, ``55-3017``: :func:`_check_vintage`; it was
        left out, or linked as an OEWS aggregate of its broad group), and the errors of
        :func:`~exposure.measures._crosswalk.apply_links` (naming ``soc_scores``). Codes
        left out (no ISCO-08 link: ``29-2055`` of the registry's links) are named in a
        warning, and so are codes whose count is missing (:func:`_warn_missing_counts`: their
        ISCO-08 groups' counts leave their workers out).

    Examples
    --------
    >>> soc = pd.DataFrame({"soc_code": ["15-1252", "15-1253"], "beta": [0.6, 0.4],
    ...                     "tot_emp": [100.0, 50.0]})
    >>> links = pd.DataFrame({"source_code": ["15-1252", "15-1253", "15-1253"],
    ...     "target_code": ["2512", "2512", "2519"], "crosswalk_weight": [1.0, 0.5, 0.5]})
    >>> to_isco(soc, links=links)
      isco08_code      beta  tot_emp  crosswalk_weight  n_sources
    0        2512  0.533333    125.0               1.5          2
    1        2519  0.400000     25.0               0.5          1
    """
    _common.check_frame(soc_scores, "soc_scores", flat=True)  # a path or None: an AttributeError before
    if "soc_code" not in soc_scores.columns:  # set_index("soc_code") was not said
        raise DataFormatError(f"SOC scores have no 'soc_code' column{_common.index_hint(soc_scores, ['soc_code'])}",
                              column="soc_code")
    if not len(soc_scores):  # an empty table of ISCO-08 groups was returned, without a word
        raise DataFormatError("soc_scores have no rows: give one row per SOC code")
    # a name for a list: counts="tot_emp" were its letters, none a column, and employment was
    # left out without a word; values="beta" was "missing column(s) ['b', 'e', 't', 'a']"
    for arg, given in (("values", values), ("counts", counts)):
        if given is not None and (isinstance(given, (str, bytes)) or not hasattr(given, "__iter__")
                                  or not all(isinstance(c, str) for c in given)):
            raise DataFormatError(f"{arg} must be a list of column names, not {given!r}"
                                  + (f" (write [{given!r}])" if isinstance(given, str) else ""))
    if counts is None:
        # OEWS's own header TOT_EMP (a merge with the OEWS file) too: it was no count, and its
        # weighted mean was returned as the ISCO-08 groups' employment (83.3 where 125 work)
        counts = tuple(dict.fromkeys(c for c in soc_scores.columns if _is_employment(c)))
    else:  # a name not a column was ignored: counts=["emp"] left employment out, averaged as a measure
        lacking = [c for c in counts if c not in soc_scores.columns]
        if lacking:
            raise DataFormatError(f"counts names column(s) {lacking} that soc_scores lacks (columns: "
                                  f"{list(soc_scores.columns)})", path="soc_scores", column=lacking[0])
        counts = tuple(counts)
    # a column read given twice ('beta' of two concatenated tables) was "not a number: array([0.6, 0.1],
    # dtype=object)", a soc_code twice an AttributeError; without values, every column may be read
    _common.check_once(soc_scores, ["soc_code", *counts, *(soc_scores.columns if values is None else values)],
                       "soc_scores")
    bad = first_bad_soc_code(soc_scores["soc_code"])
    if bad is not None:  # '15-1252 ' was "oews_codes must be a list of SOC codes ... at position 1"
        raise DataFormatError(f"soc_code {bad[1]}", path="soc_scores", row=bad[0] + 1, column="soc_code")
    soc_scores = _read_counts(soc_scores, counts)
    codes = soc_scores["soc_code"].astype(str).tolist()
    nested = first_nested_code(codes)
    if nested is not None:  # refused by oews_code_map as "oews_codes holds ...", an argument not given
        pos, at, kind = nested
        raise DataFormatError(f"{codes[pos]!r} is in {codes[at]!r} (row {at + 1}), {kind}, and both are in the "
                              "scores: the code's workers and values would count twice in its ISCO group; give "
                              "the group or its codes, not both", path="soc_scores", row=pos + 1, column="soc_code")
    if values is None:
        # the library's measures read as text (pd.read_csv(..., dtype=str), an object column)
        # were not float columns, so they were left out of the result without a word: they
        # are read as numbers (a cell that is none is refused, naming its row)
        text = [c for c in MEASURES if c in soc_scores.columns and c not in counts
                and not pd.api.types.is_float_dtype(soc_scores[c])]
        if text:
            flat = soc_scores.reset_index(drop=True)
            soc_scores = soc_scores.assign(**{c: _common.numbers(flat, c, "soc_scores").to_numpy()
                                              for c in text})
        # employment that is no count (counts=()) is no measure either: its weighted mean was
        # returned under its name, as if it were the ISCO-08 groups' workers
        values = [
            c
            for c in soc_scores.columns
            if c not in counts
            and not _is_employment(c)
            and c != "crosswalk_weight"
            and not c.startswith("n_")
            and pd.api.types.is_float_dtype(soc_scores[c])
        ]
    soc10 = None
    if links is None:  # the registry's links: SOC 2018 codes, which the SOC 2010 ones tell apart
        links = _common.soc18_to_isco(mirror=mirror, data_dir=data_dir)
        soc10 = _common.soc10_to_18(mirror=mirror, data_dir=data_dir)
    else:
        _common.check_table(links, "links", LINK_COLUMNS)  # a path: a TypeError from inside pandas
        _common.check_once(links, LINK_COLUMNS, "links")
        links = _isco_links(links, "target_code")  # 110: the armed forces' 0110 (it gave the code '110')
    links = _with_aggregates(links, soc_scores["soc_code"].astype(str).reset_index(drop=True), soc_structure,
                             soc10=soc10)
    # named as the argument, as to_isco's own errors name it (they said "scores, ...")
    out = apply_links(soc_scores, links, code="soc_code", values=list(values), counts=counts, target="isco08_code",
                      path="soc_scores", log_unmatched=False)  # warned of below, once
    _common.warn_unmatched(soc_scores, out.attrs["unmatched"], counts, code="soc_code", what="to_isco", source="SOC",
                           target="ISCO-08", logger=log)
    _warn_missing_counts(soc_scores, counts, links, out.attrs["unmatched"])
    return out


def _is_employment(column) -> bool:
    """Whether ``column`` names employment, ``tot_emp`` in any case or spacing (OEWS writes ``TOT_EMP``).

    Examples
    --------
    >>> _is_employment("TOT_EMP"), _is_employment("tot emp"), _is_employment("beta"), _is_employment(3)
    (True, True, False, False)
    """
    return isinstance(column, str) and _common.header_key(column) == "tot emp"


def _read_counts(soc_scores: pd.DataFrame, counts) -> pd.DataFrame:
    """``soc_scores`` with its ``counts`` columns as numbers of at least 0, read as OEWS writes them.

    A count written as BLS's files write it (``"1,234"``, and ``**``, employment not
    released: :func:`~exposure.measures._common.oews_cells`) was refused as
    ``not a number``, where the roll-ups and :func:`~exposure.measures.compare.compare`
    read it: it is 1234, and ``**`` is missing. A negative count (``-5``) was split as workers,
    lowering its ISCO groups' totals: it is refused, naming the row (counted from 1).

    Examples
    --------
    >>> soc = pd.DataFrame({"soc_code": ["15-1252", "15-1253"], "tot_emp": ["1,350", "**"]})
    >>> _read_counts(soc, ("tot_emp",))["tot_emp"].tolist()
    [1350.0, nan]
    >>> _read_counts(soc.assign(tot_emp=[5.0, -1.0]), ("tot_emp",))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_scores, row 2, column 'tot_emp': tot_emp must be at least 0.0; got -1.0
    """
    if not counts:
        return soc_scores
    flat = soc_scores.reset_index(drop=True)
    read = {}
    for col in counts:
        read[col] = _common.numbers(flat.assign(**{col: _common.oews_cells(flat[col])}), col, "soc_scores")
        _common.check_range(read[col], "soc_scores", col, what=col, row_offset=1)
    return soc_scores.assign(**{col: values.to_numpy() for col, values in read.items()})


def _warn_missing_counts(soc_scores: pd.DataFrame, counts, links: pd.DataFrame, unmatched) -> None:
    """Warn of the SOC codes whose count is missing: their ISCO-08 groups' counts leave their workers out.

    A missing ``tot_emp`` (OEWS's ``**``, a merge that matched no employment) added nothing
    to the ``tot_emp`` of the ISCO-08 groups the code is linked to, without a word. Codes
    without a link (``unmatched``) are left out of the result, and warned of, already.

    Examples
    --------
    >>> import sys
    >>> log.addHandler(shown := logging.StreamHandler(sys.stdout))
    >>> soc = pd.DataFrame({"soc_code": ["15-1252", "15-1253"], "tot_emp": [float("nan"), 50.0]})
    >>> links = pd.DataFrame({"source_code": ["15-1252", "15-1253"], "target_code": ["2512", "2512"],
    ...                       "crosswalk_weight": [1.0, 1.0]})
    >>> _warn_missing_counts(soc, ("tot_emp",), links, [])
    to_isco: tot_emp is missing for 1 of the 2 SOC codes ('15-1252' on row 1): the tot_emp of ISCO-08 group(s) '2512' leaves out their workers
    >>> log.removeHandler(shown)
    """
    codes = soc_scores["soc_code"].astype(str).reset_index(drop=True)
    linked = ~codes.isin(set(unmatched)).to_numpy(dtype=bool)
    for col in counts:
        gap = np.flatnonzero(soc_scores[col].isna().to_numpy(dtype=bool) & linked)
        if not len(gap):
            continue
        named = ", ".join(f"{codes.iloc[pos]!r} on row {pos + 1}" for pos in gap[:5]) + (", ..." if len(gap) > 5 else "")
        groups = sorted(set(links.loc[links["source_code"].isin(set(codes.iloc[gap])), "target_code"].astype(str)))
        shown = ", ".join(map(repr, groups[:10])) + (", ..." if len(groups) > 10 else "")
        log.warning("to_isco: %s is missing for %d of the %d SOC codes (%s): the %s of ISCO-08 group(s) %s leaves "
                    "out their workers", col, len(gap), len(codes), named, col, shown)
