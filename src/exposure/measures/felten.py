"""Felten, Raj and Seamans AI occupational and industry exposure (AIOE / AIIE).

Three variants are published: the original AIOE (``AIOE_DataAppendix.xlsx``, Appendix A
occupations on SOC 2010 codes, Appendix B industries on 4-digit NAICS), and the
generative-AI variants for language modelling (``Language Modeling AIOE and AIIE.xlsx``)
and image generation (``Image Generation AIOE and AIIE.xlsx``). The scores are
standardized (mean 0, sd 1 across occupations), not fractions.

Felten E, Raj M, Seamans R (2021) Occupational, industry, and geographic exposure to
artificial intelligence: A novel dataset and its potential uses. Strategic Management
Journal 42(12):2195-2217.
"""

from __future__ import annotations

import contextlib
import logging
import re
import zipfile
import zlib

import numpy as np
import pandas as pd

from exposure._args import choice_hint
from exposure._tables import (
    UNSAVED_FORMULA,
    first_repeat_of,
    footnote_rows,
    norm_header,
    uncomputed_formula,
)
from exposure.errors import DataFormatError
from exposure.measures import _common
from exposure.measures._crosswalk import apply_links
from exposure.schemas import validate
from exposure.schemas._fields import SOC_PATTERN
from exposure.schemas._measures import FeltenIndustryScores, FeltenOccupationScores

#: A 4-digit NAICS industry as the readers give it (``113300`` is read as ``1133``); the
#: generative-AI workbooks' partial aggregates keep their suffix (``3250A1``).
NAICS_PATTERN = r"^[0-9]{4}(A[0-9])?\Z"

__all__ = [
    "VARIANTS",
    "read_felten_occupations",
    "read_felten_industries",
    "load_felten",
    "load_felten_industries",
    "felten_to_soc",
]

log = logging.getLogger(__name__)

#: variant -> (registry name, occupation sheet, score column, industry sheet, industry score column)
VARIANTS = {
    "aioe": ("reference/felten_aioe/AIOE_DataAppendix.xlsx", "Appendix A", "AIOE", "Appendix B", "AIIE"),
    "lm": (
        "reference/felten_aioe/Language Modeling AIOE and AIIE.xlsx",
        "LM AIOE",
        "Language Modeling AIOE",
        "LM AIIE",
        "Language Modeling AIIE",
    ),
    "ig": (
        "reference/felten_aioe/Image Generation AIOE and AIIE.xlsx",
        "IG AIOE",
        "Image Generation AIOE",
        "IG AIIE",
        "Image Generation AIIE",
    ),
}


def _check_variant(variant) -> None:
    """Refuse a ``variant`` that is not a key of :data:`VARIANTS`; one in another case is told what to write.

    ``"LM"`` was told the variants only (``not 'LM'``), as other choices of the library
    in another case are not (:func:`~exposure._args.choice_hint`).

    Examples
    --------
    >>> _check_variant("LM")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: variant must be one of ['aioe', 'ig', 'lm'], not 'LM': write 'lm' (the choices are case-sensitive)
    """
    if not isinstance(variant, str) or variant not in VARIANTS:  # a list is unhashable
        raise DataFormatError(f"variant must be one of {sorted(VARIANTS)}, not {variant!r}"
                              f"{choice_hint(variant, VARIANTS)}")


def _sheet(path, sheet, used) -> tuple[pd.DataFrame, int]:
    """The sheet as strings without its blank rows and footnotes, and the sheet row of its first data row.

    Footnotes below a blank row ending the sheet (``Source: ...``) are left out
    (:func:`without_footnotes`).

    A missing, empty or damaged workbook (a truncated download), or a file that is no
    workbook (a CSV: :func:`~exposure.measures._common.check_workbook`), is a
    DataFormatError naming the file, and so is a formula never computed or an error cell in the columns
    ``used`` (:func:`check_cells`). The frame's index holds each row's row in the sheet (the header is
    row 1), which :func:`_at_sheet_rows` puts back in errors: blank rows are dropped, so
    a row's position no longer gives it.
    """
    if not hasattr(path, "read"):
        # a CSV was pandas' "Excel file format cannot be determined, you must specify an engine manually"
        _common.check_workbook(path)
    try:
        frame = pd.read_excel(path, sheet_name=sheet, dtype=str, keep_default_na=False)
    except ValueError as exc:
        raise DataFormatError(f"cannot read sheet {sheet!r}: {exc}{_sheets(path, sheet)}", path=path) from None
    # a part damaged (bytes of a download changed): zlib's "Error -3 while decompressing data" or
    # ElementTree's "not well-formed (invalid token)" (a SyntaxError) came through as tracebacks
    except (zipfile.BadZipFile, zlib.error, SyntaxError, KeyError, EOFError, OSError) as exc:
        raise DataFormatError(f"cannot read as an .xlsx workbook: {exc}", path=path) from None
    _common.check_sheet_header(frame, path, sheet, keep_default_na=False)  # 'AIOE' twice: the first was read
    # a score whose formula was never computed was read as '' ("check not_nullable: nan"),
    # a row of them dropped as blank; an error cell (#N/A) was read as NaN
    check_cells(frame, path, sheet, used)
    frame = without_footnotes(frame, path)
    frame.columns = [str(c).strip() for c in frame.columns]
    blank = (frame.astype(str).apply(lambda c: c.str.strip()) == "").all(axis=1)
    kept = frame[~blank]
    if kept.empty and frame.columns.empty:  # the header deleted too: said to have no rows below it
        raise DataFormatError(f"sheet {sheet!r} is empty (no header, no rows)", path=path)
    if kept.empty:  # a header only: an empty measure was returned
        raise DataFormatError(f"sheet {sheet!r} has no rows below the header (row 1)", path=path)
    return kept.set_axis(pd.RangeIndex(len(frame))[~blank.to_numpy()] + 2, axis=0), 2


def without_footnotes(frame: pd.DataFrame, path) -> pd.DataFrame:
    """``frame`` (a sheet read as strings) without the footnotes below a blank row ending it.

    A note saved below the table (``Source: Felten et al. 2021`` in the first column, a
    blank row above it) was read as a row: ``not a SOC 2010 code: 'Source: ...'``, and
    in the ILO sheet ``missing ISCO-08 unit group code`` (the note in ``label4d``). The
    rows are left out (logged, INFO) by the rule of the library's other sheet readers
    (BLS and Census tables: :func:`exposure._tables.footnote_rows`); a note right below
    the last row (no blank row above it) is still read as a row. The sheet's header is
    its row 1 (the rows logged are the sheet's).

    Examples
    --------
    >>> frame = pd.DataFrame({"SOC Code": ["11-1011", "", "Source: Felten et al."], "AIOE": ["1.3", "", ""]})
    >>> without_footnotes(frame, "f.xlsx")
      SOC Code AIOE
    0  11-1011  1.3
    """
    cut = footnote_rows(list(frame.itertuples(index=False, name=None)))
    if cut is None:
        return frame
    # as O*NET's sheet reader logs them: the note rows (not the blank ones), from the first
    notes = np.flatnonzero(frame.iloc[cut:].astype(str).apply(lambda c: c.str.strip()).ne("").any(axis=1)) + cut
    log.info("%s: %d footnote line(s) below the table left out, from row %d (%r)", path, len(notes),
             notes[0] + 2, str(frame.iloc[notes[0], 0]).strip()[:60])
    return frame.iloc[:cut]


def check_cells(frame: pd.DataFrame, path, sheet, used) -> None:
    """Refuse a formula never computed, or an error cell, of a sheet pandas read (``header=0``).

    ``frame`` is the sheet as :func:`pandas.read_excel` read it with ``dtype=str`` and
    ``keep_default_na=False``, before any row is dropped: an empty cell is ``''`` and an
    error cell (``#N/A``, ``#DIV/0!``) is NaN, and nothing else is. A formula without a
    saved value (a workbook written by a program) is read as ``''``: the first of the
    sheet is found by :func:`exposure._tables.uncomputed_formula` (a workbook whose
    formulas were never computed has none computed, wherever they are); error cells are
    refused in the columns read, whose header names (any case or spacing) are ``used``.
    Each is a DataFormatError naming the file, the sheet row (the header is row 1) and
    the sheet's column. A buffer is checked for error cells only.

    Examples
    --------
    >>> f = pd.DataFrame({"SOC Code": ["11-1011"], "AIOE": [np.nan]})
    >>> check_cells(f, "w.xlsx", 0, ["AIOE"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: w.xlsx, row 2, column 'AIOE': the cell holds an error value (#N/A, #DIV/0! or another: a formula that failed in the spreadsheet): correct the formula or clear the cell
    """
    names = [str(c) for c in frame.columns]
    if not hasattr(path, "read"):
        found = uncomputed_formula(path, sheet)
        if found is not None:
            ref, formula = found
            row = column = None
            if ref:
                letters = ref.rstrip("0123456789")
                index = 0
                for ch in letters:
                    index = index * 26 + ord(ch) - ord("A") + 1
                row = int(ref[len(letters):])
                if row > 1 and index <= len(names) and not names[index - 1].startswith("Unnamed: "):
                    column = names[index - 1]
            where = "" if column is not None or not ref else f" (cell {ref})"
            shown = formula if len(formula) <= 60 else formula[:57] + "..."
            raise DataFormatError(f"the cell{where} holds the formula {shown} {UNSAVED_FORMULA}", path=path, row=row,
                                  column=column)
    keys = {norm_header(c) for c in used}
    cols = [i for i, n in enumerate(names) if norm_header(n) in keys]
    if not cols:
        return
    errors = frame.iloc[:, cols].isna().to_numpy(dtype=bool)
    if errors.any():
        pos, k = (int(v[0]) for v in np.nonzero(errors))  # the first in the order of the sheet
        raise DataFormatError("the cell holds an error value (#N/A, #DIV/0! or another: a formula that failed "
                              "in the spreadsheet): correct the formula or clear the cell", path=path,
                              row=pos + 2, column=names[cols[k]])


def _sheets(path, sheet=None) -> str:
    """`` (sheets: [...])`` naming the workbook's sheets, or ``""`` if they cannot be listed.

    When ``sheet`` (the sheet not found) is the sheet of a variant and the workbook holds
    the same sheet of another variant, the variant to read it with is named
    (:func:`_variant_hint`): the language-modelling workbook read with the default
    ``variant="aioe"`` said that ``'Appendix A'`` was not found, and nothing of ``variant``.
    """
    try:
        with pd.ExcelFile(path) as book:
            names = list(book.sheet_names)
    except Exception:  # noqa: BLE001 - only a hint in a message already being raised
        return ""
    return f" (sheets: {names}){_variant_hint(names, sheet)}"


def _variant_hint(names, sheet) -> str:
    """``"; it is the workbook of variant 'lm': read it with variant='lm'"`` when ``names`` hold its ``sheet``; or ``""``.

    ``sheet`` is the occupation (or industry) sheet of the variant asked for; the hint
    names the variant whose occupation (industry) sheet the workbook holds.

    Examples
    --------
    >>> _variant_hint(["LM AIOE", "LM AIIE"], "Appendix A")
    "; it is the workbook of variant 'lm': read it with variant='lm'"
    >>> _variant_hint(["Data"], "Appendix A"), _variant_hint(["LM AIOE"], "Appendix B")
    ('', '')
    """
    for index in (1, 3):  # the occupation sheet, the industry sheet
        if any(spec[index] == sheet for spec in VARIANTS.values()):
            found = [v for v, spec in VARIANTS.items() if spec[index] in names and spec[index] != sheet]
            if found:
                return f"; it is the workbook of variant {found[0]!r}: read it with variant={found[0]!r}"
    return ""


@contextlib.contextmanager
def _at_sheet_rows(frame: pd.DataFrame, first: int):
    """Errors raised in the block name the sheet row of ``frame``'s row, not its position.

    Examples
    --------
    >>> f = pd.DataFrame({"x": ["a"]}, index=[5])  # the only row left is sheet row 5
    >>> with _at_sheet_rows(f, 2):
    ...     raise DataFormatError("bad", path="w.xlsx", row=2, column="x")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: w.xlsx, row 5, column 'x': bad
    """
    rows = frame.index.to_numpy()

    def sheet_row(row: int) -> int:
        pos = row - first
        return int(rows[pos]) if 0 <= pos < len(rows) else row

    try:
        yield
    except DataFormatError as exc:
        # the rows a message names ("appears twice (rows 2 and 4)") too: they were positions
        reason = re.sub(r"\brows ([0-9]+) and ([0-9]+)\b",
                        lambda m: f"rows {sheet_row(int(m.group(1)))} and {sheet_row(int(m.group(2)))}", exc.reason)
        row = None if exc.row is None else sheet_row(exc.row)
        if row == exc.row and reason == exc.reason:
            raise
        raise type(exc)(reason, path=exc.path, row=row, column=exc.column, line=exc.line) from None


def _title(frame: pd.DataFrame, column: str, path, first: int) -> pd.Series:
    """The titles of ``column``, stripped; an empty one refused (it was kept as ``''``)."""
    title = frame[column].astype(str).str.strip()
    if (title == "").any():
        raise DataFormatError("missing title", path=path, row=int(np.flatnonzero((title == "").to_numpy())[0])
                              + first, column=column)
    return title


def _score(frame: pd.DataFrame, column: str, path, first: int) -> pd.Series:
    """The scores of ``column`` as floats; a missing one refused, naming the sheet's column.

    An empty cell (or one of spaces) was refused by the schema in its words, naming the
    library's column: ``column 'aioe': aioe is missing (a value is required)`` for the
    sheet's ``Language Modeling AIOE``.

    Examples
    --------
    >>> _score(pd.DataFrame({"AIOE": ["1.3", " "]}), "AIOE", "a.xlsx", 2)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: a.xlsx, row 3, column 'AIOE': missing value
    """
    values = _common.to_float(frame, column, path, row_offset=first)
    gap = values.isna().to_numpy(dtype=bool)
    if gap.any():
        raise DataFormatError("missing value", path=path, row=int(np.flatnonzero(gap)[0]) + first, column=column)
    return values


def read_felten_occupations(path, variant: str = "aioe") -> pd.DataFrame:
    """Read the occupation sheet of a Felten AIOE workbook.

    Parameters
    ----------
    path : str or os.PathLike
        The workbook of ``variant`` (see :data:`VARIANTS`).
    variant : {"aioe", "lm", "ig"}
        Original AIOE, language-modelling or image-generation AIOE.

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._measures.FeltenOccupationScores`: ``soc10_code``,
        ``title``, ``aioe``.

    Raises
    ------
    exposure.errors.DataFormatError
        If the file is missing or not a readable workbook, the sheet or an expected column
        is missing or named twice, the sheet has no rows, a SOC 2010 code is missing,
        malformed (an O*NET-SOC ``11-1011.00``), repeated or a SOC 2018 code
        (``15-1252``: :func:`~exposure.measures._common.check_soc_vintage`), or the total or a group of
        other codes of the sheet (``00-0000``, ``11-0000``; broad codes are kept), a title is missing, a score
        is missing (:func:`_score`) or not a finite number, or a cell read holds a formula never computed or an
        error (:func:`check_cells`) (file, sheet row and the sheet's column named). A workbook of another
        variant (the sheets of ``lm`` read with ``variant="aioe"``) names the variant (:func:`_variant_hint`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "lm.xlsx"
    >>> df = pd.DataFrame({"SOC Code": ["11-1011"], "Occupation Title": ["Chief Executives"],
    ...                    "Language Modeling AIOE": [1.3]})
    >>> df.to_excel(p, sheet_name="LM AIOE", index=False)
    >>> read_felten_occupations(p, "lm")
      soc10_code             title  aioe
    0    11-1011  Chief Executives   1.3
    """
    _check_variant(variant)
    _, sheet, col, _, _ = VARIANTS[variant]
    frame, first = _sheet(path, sheet, ["SOC Code", "Occupation Title", col])
    _common.require_columns(frame, ["SOC Code", "Occupation Title", col], path, sheet_rows=True)
    rows = frame.index.to_numpy()  # sheet rows (blank rows dropped)
    with _at_sheet_rows(frame, first):
        frame = frame.reset_index(drop=True)
        # named in the sheet's column: pandera said "column 'soc10_code', check str_matches(...)"
        codes = _common.check_codes(frame["SOC Code"], SOC_PATTERN, path, "SOC Code",
                                    what="SOC 2010 code", example="11-1011", row_offset=first)
        # a sheet on SOC 2018 (15-1252) was read without a word: its new codes matched no link
        _common.check_soc_vintage(codes, path, "SOC Code", vintage=2010, reader="Felten's occupations",
                                  row_offset=first)
        # a total or group row ('00-0000 All occupations') was read as an occupation
        # (the appendix gives broad codes, 19-1020 beside 19-1021, of its own: only XX-0000 refused)
        _common._check_no_aggregate(codes, path, first, column="SOC Code", rows=rows, majors_only=True,
                                    why="a group is no occupation of its own (its score would be counted "
                                        "beside theirs)")
        title = _title(frame, "Occupation Title", path, first)
        out = pd.DataFrame(
            {
                "soc10_code": codes.to_numpy(),
                "title": title,
                "aioe": _score(frame, col, path, first),
            }
        )
        return validate(out, FeltenOccupationScores, path=path, row_offset=first)


def read_felten_industries(path, variant: str = "aioe") -> pd.DataFrame:
    """Read the industry (AIIE) sheet of a Felten workbook.

    The generative-AI workbooks give 6-character codes (``113300``); they are reduced to
    the 4-digit NAICS industry (``1133``) the original appendix uses.

    Parameters
    ----------
    path : str or os.PathLike
        The workbook of ``variant``.
    variant : {"aioe", "lm", "ig"}

    Returns
    -------
    pandas.DataFrame
        ``naics``, ``title``, ``aiie``.

    Raises
    ------
    exposure.errors.DataFormatError
        As :func:`read_felten_occupations`; a missing title is refused (it was kept as
        ``''``), and so is a missing or malformed NAICS code (:data:`NAICS_PATTERN`) or
        a code given twice with one title (a code may come back under another title, as
        in the original appendix). The title column may be written in any case.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "ig.xlsx"
    >>> df = pd.DataFrame({"NAICS": ["113300"], "NAICS Description": ["Logging"],
    ...                    "Image Generation AIIE": [-0.07]})
    >>> df.to_excel(p, sheet_name="IG AIIE", index=False)
    >>> read_felten_industries(p, "ig")
      naics    title  aiie
    0  1133  Logging -0.07
    """
    _check_variant(variant)
    _, _, _, sheet, col = VARIANTS[variant]
    frame, first = _sheet(path, sheet, ["NAICS", "Industry Title", "NAICS Description", col])
    # 'Industry title' (another case) was refused as a missing 'NAICS Description'
    named = {norm_header(c) for c in frame.columns}
    title = "Industry Title" if norm_header("Industry Title") in named else "NAICS Description"
    _common.require_columns(frame, ["NAICS", title, col], path, sheet_rows=True)
    with _at_sheet_rows(frame, first):
        frame = frame.reset_index(drop=True)
        code = frame["NAICS"].astype(str).str.strip()
        code = code.where(~(code.str.fullmatch(r"[0-9]{4}00")), code.str[:4])
        # named in the sheet's column: pandera said "column 'naics', check str_matches(...)"
        code = _common.check_codes(code, NAICS_PATTERN, path, "NAICS", what="NAICS industry code",
                                   example="1133, 113300 or 3250A1", unique=False, row_offset=first)
        out = pd.DataFrame(
            {
                "naics": code.to_numpy(),
                "title": _title(frame, title, path, first),
                "aiie": _score(frame, col, path, first),
            }
        )
        # the original appendix repeats a code under another title; a code and title
        # given twice was pandera's "check multiple_fields_uniqueness: '(the row)'"
        repeat = first_repeat_of(out, ["naics", "title"])
        if repeat is not None:
            pos, was = repeat
            raise DataFormatError(f"industry {out['naics'].iloc[pos]} {out['title'].iloc[pos]!r} appears twice "
                                  f"(rows {was + first} and {pos + first})", path=path, row=pos + first,
                                  column="NAICS")
        return validate(out, FeltenIndustryScores, path=path, row_offset=first)


def felten_to_soc(scores: pd.DataFrame, links: pd.DataFrame, *, path=None) -> pd.DataFrame:
    """Cross Felten SOC 2010 scores to SOC 2018 (rule in :mod:`exposure.measures._crosswalk`).

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`read_felten_occupations`.
    links : pandas.DataFrame
        SOC 2010 -> SOC 2018 links (``source_code``, ``target_code``, ``crosswalk_weight``).
    path : optional
        File the scores come from, named in errors.

    Returns
    -------
    pandas.DataFrame
        ``soc_code``, ``aioe``, ``crosswalk_weight``, ``n_sources``.

    Raises
    ------
    exposure.errors.DataFormatError
        As :func:`~exposure.measures._crosswalk.apply_links`; also a code that is a SOC
        2018 code of ``links`` and no SOC 2010 code (the scores are on SOC 2018), or a
        code without a link that is no SOC 2010 code at all (``151132``, a date, an
        O*NET-SOC code: :func:`_malformed`), naming its row (counted from 1) and
        ``soc10_code``.

    Warns
    -----
    A warning (log) names the SOC 2010 codes of ``scores`` without a link in ``links``,
    left out of the result (:func:`~exposure.measures._common.warn_unmatched`).

    Examples
    --------
    >>> scores = pd.DataFrame({"soc10_code": ["15-1132", "15-1133"], "title": ["a", "b"],
    ...                        "aioe": [1.0, 2.0]})
    >>> links = pd.DataFrame({"source_code": ["15-1132", "15-1133"],
    ...                       "target_code": ["15-1252", "15-1252"], "crosswalk_weight": [1.0, 1.0]})
    >>> felten_to_soc(scores, links)
      soc_code  aioe  crosswalk_weight  n_sources
    0  15-1252   1.5               2.0          2
    """
    # the codes without a link are warned of below, once (apply_links said them at INFO level too)
    out = apply_links(scores, links, code="soc10_code", values=["aioe"], path=path, log_unmatched=False)
    _no_soc2018(scores, links, out.attrs["unmatched"], path)
    _malformed(scores, links, out.attrs["unmatched"], path)
    # a SOC 2010 code without a link was left out at INFO level only (the ILO reader warns)
    _common.warn_unmatched(scores, out.attrs["unmatched"], code="soc10_code", what="felten_to_soc",
                           source="SOC 2010", target="SOC 2018", logger=log)
    return out


def _malformed(scores: pd.DataFrame, links: pd.DataFrame, unmatched, path) -> None:
    """Refuse an unmatched code of ``scores`` that is no SOC 2010 code (nor a source code of ``links``).

    A code written another way (``151132``: a spreadsheet saved it as a number; a date,
    ``2011-11-01``; an O*NET-SOC code ``15-1132.00``) matched no link and was left out of
    the result, listed in ``attrs["unmatched"]`` only (an INFO line), so that its SOC
    2018 codes took the scores of the other sources alone. Refused as
    :func:`read_felten_occupations` refuses it, naming the row (counted from 1) and
    ``soc10_code``. Codes none of which matches are left to
    :func:`~exposure.measures._crosswalk.apply_links`, which says so.

    Examples
    --------
    >>> scores = pd.DataFrame({"soc10_code": ["15-1132", "151133"], "aioe": [1.0, 2.0]})
    >>> links = pd.DataFrame({"source_code": ["15-1132", "15-1133"],
    ...                       "target_code": ["15-1252", "15-1252"], "crosswalk_weight": [1.0, 1.0]})
    >>> _malformed(scores, links, ["151133"], None)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: scores, row 2, column 'soc10_code': not a SOC 2010 code (like 11-1011): '151133': a code saved as a number? write it as text with its hyphen: '15-1133'
    """
    if not len(unmatched):
        return
    codes = scores["soc10_code"].astype("string").str.strip().reset_index(drop=True)
    sources = set(links["source_code"].astype(str).str.strip())
    bad = (~codes.str.fullmatch(SOC_PATTERN).to_numpy(dtype=bool, na_value=False)
           & ~codes.isin(sources).to_numpy(dtype=bool, na_value=False))
    if not bad.any():
        return
    pos = int(np.flatnonzero(bad)[0])
    # the reader's check and words, on that one row
    _common.check_codes(codes.iloc[pos:pos + 1], SOC_PATTERN, "scores" if path is None else path, "soc10_code",
                        what="SOC 2010 code", example="11-1011", unique=False, row_offset=pos + 1)


def _no_soc2018(scores: pd.DataFrame, links: pd.DataFrame, unmatched, path) -> None:
    """Refuse an unmatched code that is a SOC 2018 code of ``links`` and no SOC 2010 code.

    A newer release (or a user's copy) on SOC 2018 shares most codes with SOC 2010: the
    codes new in 2018 (``15-1252``) matched no SOC 2010 link and were left out of the
    result (listed in ``attrs["unmatched"]`` only), without a word.
    """
    new = set(unmatched) & set(links["target_code"].astype(str)) - set(links["source_code"].astype(str))
    if not new:
        return
    codes = scores["soc10_code"].astype(str).str.strip().reset_index(drop=True)
    pos = int(np.flatnonzero(codes.isin(new).to_numpy(dtype=bool))[0])
    raise DataFormatError(f"{codes.iloc[pos]!r} is a SOC 2018 code, not a SOC 2010 code: the scores are on "
                          "SOC 2018 (a newer release?); Felten's occupations are read on SOC 2010",
                          path="scores" if path is None else path, row=pos + 1, column="soc10_code")


def load_felten(variant: str = "aioe", *, mirror=None, data_dir=None) -> pd.DataFrame:
    """Felten AIOE of ``variant`` on SOC 2018 codes, from the registry files.

    Returns
    -------
    pandas.DataFrame
        Output of :func:`felten_to_soc`; ``attrs`` has ``n_source``, ``n_matched`` and
        ``unmatched`` (SOC 2010 codes without a SOC 2018 link).

    Examples
    --------
    >>> load_felten("gpt")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: variant must be one of ['aioe', 'ig', 'lm'], not 'gpt'
    >>> import tempfile
    >>> load_felten("lm", mirror=tempfile.mkdtemp(), data_dir=tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    exposure.errors.DownloadError: reference/felten_aioe/Language Modeling AIOE and AIIE.xlsx: not found in mirror ...
    """
    _check_variant(variant)
    path = _common.resolve(VARIANTS[variant][0], mirror=mirror, data_dir=data_dir)
    scores = read_felten_occupations(path, variant)
    out = felten_to_soc(scores, _common.soc10_to_18(mirror=mirror, data_dir=data_dir), path=path)
    out.attrs["source_file"] = str(path)
    return out


def load_felten_industries(variant: str = "aioe", *, mirror=None, data_dir=None) -> pd.DataFrame:
    """Felten AI industry exposure (AIIE) of ``variant``, from the registry files.

    Returns
    -------
    pandas.DataFrame
        Output of :func:`read_felten_industries` (``naics``, ``title``, ``aiie``).

    Examples
    --------
    >>> import tempfile
    >>> load_felten_industries("ig", mirror=tempfile.mkdtemp(), data_dir=tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    exposure.errors.DownloadError: reference/felten_aioe/Image Generation AIOE and AIIE.xlsx: not found in mirror ...
    """
    _check_variant(variant)
    path = _common.resolve(VARIANTS[variant][0], mirror=mirror, data_dir=data_dir)
    return read_felten_industries(path, variant)
