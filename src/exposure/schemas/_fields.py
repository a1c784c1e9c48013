"""Column fields and code patterns shared by the schema models, declared once.

Every schema module builds its columns from here (PUDL's ``metadata/fields.py`` idea): a
code pattern (O*NET-SOC, SOC 2018, NAICS, ISCO-08, O*NET content-model IDs) or a unit is
written once, and a field factory returns a fresh :func:`pandera.pandas.Field` carrying
the pattern, the usual bounds and the unit, with the description the model gives it.
Patterns use ``[0-9]``, never ``\\d`` (which matches any Unicode digit).

Examples
--------
>>> import re
>>> bool(re.fullmatch(ONETSOC_PATTERN, "11-1011.03")), bool(re.fullmatch(SOC_PATTERN, "11-1011"))
(True, True)
>>> [bool(re.fullmatch(OEWS_NAICS_PATTERN, c)) for c in ("000000", "31-33", "4451A1")]
[True, True, True]
>>> bool(re.fullmatch(NAICS_PATTERN, "4451A1"))
False
>>> field = fraction_field("Share of tasks labelled E1.", nullable=True)
>>> field.description, field.metadata, field.nullable
('Share of tasks labelled E1.', {'unit': 'fraction'}, True)
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd
import pandera.pandas as pa

from exposure._tables import not_task_id_dtype
from exposure.errors import SchemaError

__all__ = [
    "ONETSOC_PATTERN",
    "SOC_PATTERN",
    "SOC_OR_ONETSOC_PATTERN",
    "SOC_MAJOR_PATTERN",
    "NAICS_PATTERN",
    "OEWS_NAICS_PATTERN",
    "ISCO_PATTERN",
    "ISCO_UNIT_PATTERN",
    "DATE_PATTERN",
    "ELEMENT_PATTERN",
    "IWA_PATTERN",
    "DWA_PATTERN",
    "DIGEST_PATTERN",
    "TASK_TYPES",
    "INDUSTRY_LEVELS",
    "FRACTION",
    "WORKERS",
    "TASKS",
    "onetsoc_code_field",
    "soc_code_field",
    "first_bad_soc_code",
    "first_bad_onetsoc_code",
    "NUMBER_HINT",
    "DATE_TEXT",
    "code_hint",
    "other_kind_hint",
    "check_code_cells",
    "task_id_field",
    "fraction_field",
    "workers_field",
]

# ---------------------------------------------------------------------------- patterns
#: O*NET-SOC 2019 (or 2010) occupation code: ``11-1011.00``.
ONETSOC_PATTERN = r"^[0-9]{2}-[0-9]{4}\.[0-9]{2}\Z"
#: SOC 2018 (or 2010) code as BLS and OEWS write it, detailed or aggregate: ``11-1011``,
#: ``13-1020``.
SOC_PATTERN = r"^[0-9]{2}-[0-9]{4}\Z"
#: Either of the two above (the SOC structure lists both).
SOC_OR_ONETSOC_PATTERN = r"^[0-9]{2}-[0-9]{4}(\.[0-9]{2})?\Z"
#: SOC major group: ``11-0000``.
SOC_MAJOR_PATTERN = r"^[0-9]{2}-0000\Z"
#: NAICS 2022 as the Census Bureau publishes it: 2 to 6 digits, or a sector range
#: (``31-33``).
NAICS_PATTERN = r"^([0-9]{2}-[0-9]{2}|[0-9]{2,6})\Z"
#: NAICS as OEWS publishes it: the codes of :data:`NAICS_PATTERN` (``000000`` =
#: cross-industry, ``113000`` = NAICS 113 padded to 6 characters) plus BLS groupings that
#: end in a letter and digit (``4451A1``, ``5241A1``).
OEWS_NAICS_PATTERN = r"^([0-9]{2}-[0-9]{2}|[0-9]{2}[0-9A-Z]{0,4})\Z"
#: A NAICS sector as OEWS and the roll-ups give it (for ``re.fullmatch``): two digits, a
#: range (``31-33``) or padded to six (``520000``); never ``00`` (cross-industry).
NAICS_SECTOR_CODE = r"(?!00)[0-9]{2}(-[0-9]{2}|0000)?"
#: A NAICS 3-digit industry (subsector) as given or padded to six (``113000``), for ``re.fullmatch``.
NAICS_SUBSECTOR_CODE = r"[0-9]{3}(000)?"
#: ISCO-08 code of any level: 1 to 4 digits, leading zeros kept (``0110``).
ISCO_PATTERN = r"^[0-9]{1,4}\Z"
#: ISCO-08 unit group: 4 digits.
ISCO_UNIT_PATTERN = r"^[0-9]{4}\Z"
#: Month/year as O*NET publishes it (``08/2023``).
DATE_PATTERN = r"^(0[1-9]|1[0-2])/[0-9]{4}\Z"
#: O*NET generalized work activity (content-model element): ``4.A.1.a.1``.
ELEMENT_PATTERN = r"^4\.A\.[0-9]+\.[a-z]\.[0-9]+\Z"
#: O*NET intermediate work activity: ``4.A.1.a.1.I01``.
IWA_PATTERN = r"^4\.A\.[0-9]+\.[a-z]\.[0-9]+\.I[0-9]{2}\Z"
#: O*NET detailed work activity: ``4.A.2.a.4.I09.D03``.
DWA_PATTERN = r"^4\.A\.[0-9]+\.[a-z]\.[0-9]+\.I[0-9]{2}\.D[0-9]{2}\Z"
#: First 16 hex digits of a sha256.
DIGEST_PATTERN = r"^[0-9a-f]{16}\Z"

# ---------------------------------------------------------------------------- hints
#: The columns of O*NET-SOC 2010 codes (:class:`~exposure.schemas._crosswalks.Soc2010To2018`):
#: a SOC code there is not told to add ``.00`` (``19-1020`` has no ``19-1020.00`` in O*NET-SOC
#: 2010), as :func:`code_hint` says it with ``other_kind=False``.
ONETSOC_2010_COLUMNS = frozenset({"onetsoc_2010_code"})
#: Said of a code cell like ``111011.0``: a spreadsheet saved the code as a number.
NUMBER_HINT = ": a number? a spreadsheet may have saved the code as one; write it as text"
#: Said of a code cell like ``'0110``: the apostrophe a spreadsheet takes as "this cell is text".
_APOSTROPHE_HINT = ": a leading apostrophe (a spreadsheet's mark for text)? remove it"
#: A code cell in quotes (``'15-1252'``, ``"15-1252"``, or the curly quotes of a word processor:
#: ``‘15-1252’``, ``“15-1252”``), as a program writing text values (Python's ``repr``, SQL) or
#: a document gives it; group 1 is the code.
_QUOTED = re.compile("['\"\u2018\u201c\u201e](.+)['\"\u2019\u201d]", re.DOTALL)
#: A code cell ``="11-1011"``: a CSV written for a spreadsheet, the code made a formula so that
#: the spreadsheet keeps it as text (its leading zeros); group 1 is the code.
_FORMULA_TEXT = re.compile(r'="(.*)"')
#: Said of such a cell.
_FORMULA_HINT = ': a formula ="..." (written so that a spreadsheet keeps the code as text)? remove the = and the quotes'
#: Cells of a code that are a missing value written out as text: by pandas (``nan``,
#: ``None``, ``<NA>``), R (``NA``), a database (``NULL``), a person (``N/A``) or a
#: spreadsheet's failed lookup (``#N/A``), compared lower-cased and stripped.
_MISSING_AS_TEXT = frozenset({"nan", "none", "null", "na", "n/a", "<na>", "#n/a"})
#: :func:`code_hint`'s hint for such a cell; no advice, as a missing code may be allowed
#: (:func:`exposure.score_tasks`) or not. Callers give ``str(nan)`` of a missing number too.
_MISSING_HINT = ": a missing code (or one written as text)?"
#: Dashes that look like the hyphen-minus of a code: hyphen, non-breaking hyphen, figure dash,
#: en dash, em dash, horizontal bar, minus sign.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
#: A code cell read as a date: a spreadsheet took ``11-2011`` for November 2011.
_DATE_CELL = re.compile(r"([0-9]{4})-([0-9]{2})-01([T ]00:00:00)?")
#: A SOC code ``11-XXXX`` as a spreadsheet writes the date it read it as (November of year
#: XXXX) into a ``.csv``: ``Nov-21``, ``Nov-2021``, ``November 2021``, ``1-Nov-21``,
#: ``11/1/2021``, ``1/11/2021`` (only major group 11 is a month; as ``exposure.oews`` reads
#: ``OCC_CODE``).
DATE_TEXT = re.compile(r"(?i)(?:0?1[-/ .])?nov(?:ember)?[-/ .,]*[0-9]{2,4}|11/0?1/[0-9]{2,4}|0?1/11/[0-9]{2,4}")


#: Said after the code to write, so that a spreadsheet opening the file keeps it as written.
AS_TEXT = "import that column as Text when opening the file in a spreadsheet"


def zeros_lost_hint(code: str) -> str:
    """The advice for a code a spreadsheet read as a number, its leading zeros lost: the code to write.

    The one wording of the Census, OEWS NAICS and ISCO readers ("save the column as text"
    gave no zero back).

    Examples
    --------
    >>> zeros_lost_hint("0010")
    "leading zeros lost? write '0010', and import that column as Text when opening the file in a spreadsheet"
    """
    return f"leading zeros lost? write {code!r}, and {AS_TEXT}"


def date_code_advice(code: str, source: str = "the source") -> str:
    """What brings back the code ``code`` that a spreadsheet read as a date (its serial number, once made text).

    The one wording of :func:`code_hint` and the OEWS reader (``source``: ``"BLS's file"``).

    Examples
    --------
    >>> date_code_advice("11-2021", "BLS's file")
    "take the codes from BLS's file again and import that column as Text when opening the file, or type the code with a leading apostrophe ('11-2021)"
    """
    return (f"take the codes from {source} again and import that column as Text when opening the file, or type "
            f"the code with a leading apostrophe ('{code})")


def code_hint(value: str, pattern: str | None = None, *, other_kind: bool = True) -> str:
    """What a malformed code cell ``value`` may be: a code read as a date or saved as a number.

    A code Excel read as a date and saved in a CSV as it shows it (``11-2011`` as ``Nov-11``)
    was refused without a word of why. Also a code starting with a spreadsheet's apostrophe, or holding a dash that is not the
    hyphen (``11–1011.00`` pasted from a document), with the code to write instead when it
    is one of ``pattern`` (the pattern of the column; the code was advised even when it
    still was no code of the column, ``'–0010'`` to be written ``'-0010'``). A code read
    as a date was advised to "save the column as text", which shows the date's serial
    number, not the code: the advice is now what brings the code back. A code saved as a
    number (``111011``) is given the code to write, ``'11-1011'``, when it is one of
    ``pattern`` (:func:`_number_hint`; it was told to "write it as text", which lacks the
    hyphen); a code holding a full-width character (``１１-１０１１``, typed in an East Asian
    input mode) or a space that is not the plain one (``'11-1011\\xa0'``, a no-break space
    pasted from a web page), which looks like the code asked for, was refused without a
    word of why: it is named, with the code to write when that is one of ``pattern``. So
    are spaces around a code (``'11-1011 '``: the code checks of the stages take no padded
    code) and a code written as a spreadsheet formula (``="11-1011"``, in a CSV written so
    that a spreadsheet keeps the code as text), both refused without a word of why before.
    A code of the other kind (:func:`other_kind_hint`), also once its dash, full-width
    character, spaces or formula are set right (``'11–1011'`` in a column of O*NET-SOC
    codes was told of its dash alone, and writing ``'11-1011'`` failed again), is told the
    code to write unless ``other_kind`` is False. A code holding a character that shows
    nothing (a zero-width space U+200B, a byte-order mark U+FEFF, a soft hyphen U+00AD,
    pasted from a web page), an O*NET-SOC code whose suffix lost its last zero
    (``'15-1252.1'`` for ``15-1252.10``, :func:`_short_suffix_hint`) and a NAICS code saved
    as a number (``'311.0'``, told to "write it as text", which it was) were refused without
    the code to write: it is given; a group of SOC codes as the ACS writes it (``1110XX``,
    :func:`_group_hint`) is said to be one. A SOC code saved as a number with its hyphen
    read as a decimal point (``'15.1252'``, :func:`_decimal_code_hint`), told to "write it
    as text", and a code with a footnote mark after it (``'15-1252*'``, ``'15-1252 (1)'``,
    as published tables mark one, :func:`_footnote_hint`), in quotes (``"'15-1252'"``, told
    to remove the leading apostrophe, which left ``"15-1252'"``; ``'"15-1252"'`` and curly
    quotes told nothing) or with its title (``'15-1252.00 - Software Developers'``, as the
    O*NET site shows them, :func:`_title_hint`), told nothing, are given the code to
    write. A missing value written out as text (``'nan'``, ``'NA'``, ``'None'``,
    ``'<NA>'``, ``'#N/A'``), refused without a word of why everywhere but in the OEWS
    panel reader, is said to be one. Declared here, below every reader, so
    that :mod:`exposure.onet` says it too (:mod:`exposure.crosswalks` gives it under its
    old name).

    Parameters
    ----------
    value : str
        The cell, as read.
    pattern : str, optional
        The pattern of the column's codes (:data:`ONETSOC_PATTERN`, ...).
    other_kind : bool, default True
        Whether a code of the other kind is told the code to write; False for a column of
        O*NET-SOC 2010 codes, whose SOC code ``19-1020`` has no ``.00`` code.

    Returns
    -------
    str
        The hint, starting with ``": "``, or ``""`` when there is none.

    Examples
    --------
    >>> code_hint("2011-11-01T00:00:00")[:62]
    ': a date? a spreadsheet read the code 11-2011 as one; take the'
    >>> code_hint("Nov-11")[:46]
    ': a date? a spreadsheet read a code 11-XXXX as'
    >>> code_hint("111011")[:11], code_hint("11-101")
    (': a number?', '')
    >>> code_hint("'0110")
    ": a leading apostrophe (a spreadsheet's mark for text)? remove it"
    >>> code_hint("11\u20131011")
    ": '–' (U+2013, a dash that is not the hyphen '-'; pasted from a document?): write '11-1011'"
    >>> code_hint("\u20130010", r"^[0-9]{4}\\Z")
    ": '–' (U+2013, a dash that is not the hyphen '-'; pasted from a document?)"
    >>> code_hint("11-1011\xa0", SOC_PATTERN)
    ": '\\\\xa0' (U+00A0, a space that is not the plain space; pasted from a web page?): write '11-1011'"
    >>> code_hint("111011", SOC_PATTERN)
    ": a code saved as a number? write it as text with its hyphen: '11-1011'"
    >>> print(code_hint('="0110"', ISCO_PATTERN))
    : a formula ="..." (written so that a spreadsheet keeps the code as text)? remove the = and the quotes: write '0110'
    >>> code_hint("11-1011 ", SOC_PATTERN)
    ": spaces around the code: write '11-1011'"
    >>> code_hint("'11-1011'", SOC_PATTERN), code_hint("\u201c11-1011\u201d")
    (": quotes around the code? remove them: write '11-1011'", ': quotes around the code? remove them')
    >>> code_hint("15-1252*", SOC_PATTERN)
    ": a footnote mark '*' after the code (as published tables mark one)? write the code without it: '15-1252'"
    >>> code_hint("15-1252.00 - Software Developers", ONETSOC_PATTERN)
    ": a code and its title in one cell? write the code alone: '15-1252.00'"
    >>> code_hint("15.1252", SOC_PATTERN)
    ": a SOC code saved as a number, its hyphen read as a decimal point? write it as text with its hyphen: '15-1252'"
    >>> code_hint("11\u20131011", ONETSOC_PATTERN)[74:]
    ": a SOC code? an O*NET-SOC code has a two-digit suffix: write '11-1011.00' (the SOC occupation itself) or the O*NET-SOC code meant"
    >>> code_hint("11\u20131011", ONETSOC_PATTERN, other_kind=False)
    ": '–' (U+2013, a dash that is not the hyphen '-'; pasted from a document?)"
    >>> code_hint("11-1011\\u200b", SOC_PATTERN)
    ": '\\\\u200b' (U+200B ZERO WIDTH SPACE, a character that shows nothing; pasted from a web page or a document?): write '11-1011'"
    >>> code_hint("15-1252.1", ONETSOC_PATTERN)
    ": a suffix of one digit? an O*NET-SOC code has two (a trailing zero lost?): write '15-1252.10'"
    >>> code_hint("31 - 33", NAICS_PATTERN), code_hint(" 11.0 ", NAICS_PATTERN)
    (": spaces around the hyphen: write '31-33'", ": spaces around the code: a code saved as a number? write it without its decimals: '11'")
    >>> code_hint("nan", SOC_PATTERN), code_hint(" #N/A")
    (': a missing code (or one written as text)?', ': a missing code (or one written as text)?')
    >>> code_hint("311.0", NAICS_PATTERN), code_hint("11.5", NAICS_PATTERN)
    (": a code saved as a number? write it without its decimals: '311'", ': a number with decimals, which no NAICS code has')
    """
    if value.strip().lower() in _MISSING_AS_TEXT:  # 'nan' was told why by the panel reader alone
        return _MISSING_HINT
    date = _DATE_CELL.fullmatch(value)
    if date:
        return _date_hint(f"{date[2]}-{date[1]}", pattern, other_kind)
    if DATE_TEXT.fullmatch(value):  # 'Nov-11' was refused without a word of why
        said = (": a date? a spreadsheet read a code 11-XXXX as November of a year and saved it so, which no "
                "longer tells the code")
        if pattern == ONETSOC_PATTERN:  # a SOC code, and an O*NET-SOC code with its suffix is no date
            itself = " (11-XXXX.00 for the SOC occupation itself)" if other_kind else ""
            return f"{said}: a SOC code? {_ONETSOC_SUFFIX}: write the O*NET-SOC code meant{itself}"
        return f"{said}; take the codes from the source again, and open a CSV in a spreadsheet with that column as text"
    quoted = _QUOTED.fullmatch(value)
    if quoted:  # "'15-1252'" was told to remove the leading apostrophe, which left "15-1252'"
        meant = "" if pattern is None else _meant_hint(quoted[1].strip(), pattern, other_kind)
        return ": quotes around the code? remove them" + meant
    if value.startswith("'"):  # refused as a malformed code, without saying why
        return _APOSTROPHE_HINT
    formula = _FORMULA_TEXT.fullmatch(value)
    if formula:  # '="11-1011"' was refused without a word of why
        return _FORMULA_HINT + ("" if pattern is None else _meant_hint(formula[1], pattern, other_kind))
    meant = _cleaned(value)  # every look-alike set right: '11–1011\u200b' was told of its dash alone
    dash = next((ch for ch in value if ch in _DASHES), None)
    if dash is not None:  # '11–1011.00' pasted from a document looks like a good code
        said = f": {dash!r} (U+{ord(dash):04X}, a dash that is not the hyphen '-'; pasted from a document?)"
        if pattern is None:
            return f"{said}: write {meant!r}"
        return said + _meant_hint(meant, pattern, other_kind)
    hidden = next((ch for ch in value if _invisible(ch)), None)
    if hidden is not None:  # '11-1011\u200b' (a zero-width space) looks like the code: refused without a word
        name = unicodedata.name(hidden, "")
        what = f" {name}, a character" if name else ", a control character"
        said = f": {hidden!r} (U+{ord(hidden):04X}{what} that shows nothing; pasted from a web page or a document?)"
        return said + ("" if pattern is None else _meant_hint(meant, pattern, other_kind))
    odd = next((ch for ch in value if unicodedata.east_asian_width(ch) == "F" or (ch.isspace() and not ch.isascii())),
               None)
    if odd is not None:  # '１１-１０１１' (full-width digits) and '11-1011\xa0' look like the code
        said = (f": {odd!r} (U+{ord(odd):04X}, a space that is not the plain space; pasted from a web page?)"
                if odd.isspace() else
                f": {odd!r} (U+{ord(odd):04X}, a full-width character; typed in an East Asian input mode?)")
        return said + ("" if pattern is None else _meant_hint(meant, pattern, other_kind))
    spaced = _SPACED_HYPHEN.fullmatch(value) if pattern is not None else None
    if spaced and re.match(pattern, f"{spaced[1]}-{spaced[2]}"):  # '31 - 33', as a document may write a range
        return f": spaces around the hyphen: write {spaced[1] + '-' + spaced[2]!r}"
    meant = value.strip()
    if meant != value and meant and pattern is not None:  # '11-1011 ' was refused without a word of why
        start = len(value) - len(value.lstrip())
        around = value[:start] + value[start + len(meant):]
        said = ": spaces around the code" if not around.strip(" ") else ": a tab or a line break around the code"
        hint = _meant_hint(meant, pattern, other_kind)
        return said + hint if hint else ""
    return (_number_hint(value, pattern, other_kind)
            or ("" if pattern is None else _short_suffix_hint(value, pattern, other_kind) or _group_hint(value, pattern)
                or _footnote_hint(value, pattern, other_kind) or _title_hint(value, pattern, other_kind))
            or (other_kind_hint(value, pattern) if pattern is not None and other_kind else ""))


#: Said of a SOC code in a column of O*NET-SOC codes (:func:`other_kind_hint`, :func:`_date_hint`).
_ONETSOC_SUFFIX = "an O*NET-SOC code has a two-digit suffix"


def _date_hint(code: str, pattern: str | None, other_kind: bool = True) -> str:
    """What :func:`code_hint` says of a code cell that a spreadsheet read as a date, the code ``code`` (``11-2011``).

    The advice is what brings the code back (:func:`date_code_advice`). In a column of
    O*NET-SOC codes the date was a SOC code, which that column does not take: it was told
    to "type the code with a leading apostrophe ('11-2011)", refused again; the code to
    write is given (:func:`other_kind_hint`: ``'11-2011.00'``, which a spreadsheet does
    not read as a date), or, when ``other_kind`` is False (O*NET-SOC 2010 codes, where a
    SOC code has no ``.00`` code), the suffix is asked for.

    Examples
    --------
    >>> _date_hint("11-2011", SOC_PATTERN)[-50:]
    "type the code with a leading apostrophe ('11-2011)"
    >>> _date_hint("11-2011", ONETSOC_PATTERN)
    ": a date? a spreadsheet read the code 11-2011 as one: a SOC code? an O*NET-SOC code has a two-digit suffix: write '11-2011.00' (the SOC occupation itself) or the O*NET-SOC code meant"
    >>> _date_hint("11-2011", ONETSOC_PATTERN, False)
    ": a date? a spreadsheet read the code 11-2011 as one: a SOC code? an O*NET-SOC code has a two-digit suffix: write the O*NET-SOC code meant ('11-2011.00' if its suffix was 00)"
    """
    said = f": a date? a spreadsheet read the code {code} as one"
    if pattern != ONETSOC_PATTERN:  # 'save the column as text' then showed the date's serial number
        return f"{said}; {date_code_advice(code)}"
    if other_kind:
        return said + other_kind_hint(code, pattern)
    return (f"{said}: a SOC code? {_ONETSOC_SUFFIX}: write the O*NET-SOC code meant ({code + '.00'!r} if its "
            "suffix was 00)")


#: A code of two parts with spaces around its hyphen (``31 - 33``, a NAICS sector range as a
#: document may write it; ``11 -1011``).
_SPACED_HYPHEN = re.compile(r"\s*([0-9]{2})(?: +- *| *- +)([0-9]{2,4}(?:\.[0-9]{2})?)\s*")


def _meant_hint(meant: str, pattern: str, other_kind: bool) -> str:
    """The code to write, ``meant``, once a dash, a full-width character or spaces of a code cell are set right.

    ``": write '11-1011'"`` when ``meant`` is one of ``pattern``; else what
    :func:`other_kind_hint` says of it (unless ``other_kind`` is False), or ``""``.

    Examples
    --------
    >>> _meant_hint("11-1011", SOC_PATTERN, True)
    ": write '11-1011'"
    >>> _meant_hint("11-1011.03", SOC_PATTERN, True), _meant_hint("11-1011.03", SOC_PATTERN, False)
    (": an O*NET-SOC code? a SOC code has no suffix: write '11-1011'", '')
    >>> _meant_hint("11.0", NAICS_PATTERN, True)
    ": a code saved as a number? write it without its decimals: '11'"
    """
    if re.match(pattern, meant):
        return f": write {meant!r}"
    # ' 11.0 ' (a code saved as a number, spaces around it) was told nothing: the number's advice
    number = _number_hint(meant, pattern, other_kind)
    return ((number if number != NUMBER_HINT else "") or _short_suffix_hint(meant, pattern, other_kind)
            or _group_hint(meant, pattern) or _footnote_hint(meant, pattern, other_kind)
            or _title_hint(meant, pattern, other_kind) or (other_kind_hint(meant, pattern) if other_kind else ""))


#: A code with a footnote mark after it, as BLS and published tables mark one: ``15-1252*``,
#: ``15-1252†``, ``15-1252¹``, ``15-1252 (1)``, ``15-1252[a]``; group 1 is the code, group 2
#: the mark (asterisks, daggers, section and pilcrow signs, superscript digits, or a number
#: or letter in brackets).
_FOOTNOTE = re.compile(r"(.*?[0-9])\s*([*#\u2020\u2021\u00a7\u00b6]+|[\u00b9\u00b2\u00b3\u2070-\u2079]+"
                       r"|\((?:[0-9]{1,2}|[a-z])\)|\[(?:[0-9]{1,2}|[a-z])\])")
#: A code and its title in one cell, as the O*NET site, BLS and published tables show them:
#: ``15-1252.00 - Software Developers``, ``15-1252 Software Developers``, ``15-1252: ...``
#: (groups 1, the code, and 2), or ``Software Developers (15-1252)`` (groups 4, the code,
#: and 3). The title starts with a letter.
_WITH_TITLE = re.compile(r"([0-9][0-9.-]*[0-9])(?:\s*[-:|,\u2013\u2014]\s*|\s+)([^\W\d_].*)"
                         r"|([^\W\d_].*?)\s*\(([0-9][0-9.-]*[0-9])\)", re.DOTALL)


def _footnote_hint(value: str, pattern: str, other_kind: bool = True) -> str:
    """What :func:`code_hint` says of a code ``value`` with a footnote mark after it: the code without the mark.

    BLS and published tables mark a code with a footnote (``15-1252*``, ``15-1252†``,
    ``15-1252 (1)``, ``11-1011¹``); a table copied from one was refused as
    ``not a SOC code (like 11-1011): '15-1252*'`` without a word of why. The code to
    write is given when the code without the mark is one of ``pattern`` (or what
    :func:`_meant_hint` says of it: a code of the other kind), else ``""``.

    Examples
    --------
    >>> _footnote_hint("15-1252*", SOC_PATTERN)
    ": a footnote mark '*' after the code (as published tables mark one)? write the code without it: '15-1252'"
    >>> _footnote_hint("15-1252 (1)", ONETSOC_PATTERN)[71:]
    "write the code without it: a SOC code? an O*NET-SOC code has a two-digit suffix: write '15-1252.00' (the SOC occupation itself) or the O*NET-SOC code meant"
    >>> _footnote_hint("15-125*", SOC_PATTERN), _footnote_hint("15-1252", SOC_PATTERN)
    ('', '')
    """
    marked = _FOOTNOTE.fullmatch(value)
    if marked is None:
        return ""
    said = f": a footnote mark {marked[2]!r} after the code (as published tables mark one)? write the code without it"
    return _code_within(said, marked[1], pattern, other_kind)


def _title_hint(value: str, pattern: str, other_kind: bool = True) -> str:
    """What :func:`code_hint` says of a code and its title in one cell ``value``: the code alone.

    A table copied from the O*NET site (``15-1252.00 - Software Developers``), from BLS or
    a published table (``15-1252 Software Developers``,
    ``Software Developers (15-1252)``) was refused as
    ``not a SOC code (like 11-1011): '15-1252 Software Developers'`` without a word of
    why. The code to write is given when the code in the cell is one of ``pattern`` (or
    what :func:`_meant_hint` says of it: a code of the other kind), else ``""``.

    Examples
    --------
    >>> _title_hint("15-1252 Software Developers", SOC_PATTERN)
    ": a code and its title in one cell? write the code alone: '15-1252'"
    >>> _title_hint("Software Developers (15-1252)", SOC_PATTERN) == _title_hint("15-1252: Software", SOC_PATTERN)
    True
    >>> _title_hint("15-1252.00 - Software Developers", SOC_PATTERN)
    ": a code and its title in one cell? write the code alone: an O*NET-SOC code? a SOC code has no suffix: write '15-1252'"
    >>> _title_hint("15-125 Software", SOC_PATTERN), _title_hint("banana", SOC_PATTERN)
    ('', '')
    """
    titled = _WITH_TITLE.fullmatch(value)
    if titled is None:
        return ""
    code = titled[1] if titled[1] is not None else titled[4]
    return _code_within(": a code and its title in one cell? write the code alone", code, pattern, other_kind)


def _code_within(said: str, code: str, pattern: str, other_kind: bool) -> str:
    """``said`` (what a cell holds besides the code ``code``), then the code to write, or ``""``.

    The code to write is ``code`` when it is one of ``pattern``, else what
    :func:`_meant_hint` says of it (a code of the other kind: its code); ``""`` when
    ``code`` gives none (the cell is no code of the column with something beside it).

    Examples
    --------
    >>> _code_within(": a mark?", "15-1252", SOC_PATTERN, True), _code_within(": a mark?", "15-125", SOC_PATTERN, True)
    (": a mark?: '15-1252'", '')
    """
    meant = _meant_hint(code, pattern, other_kind)
    if not meant:
        return ""
    return said + (": " + meant[len(": write "):] if meant.startswith(": write ") else meant)


#: A group of SOC codes as the Census Bureau's ACS (``119XXX``, ``15-12XX``) and IPUMS'
#: ``OCCSOC`` (``1191XX``) write it: the digits the group leaves open written ``X``.
_SOC_GROUP = re.compile(r"[0-9]{2}-?(?=[0-9Xx]{4}(\.|\Z))[0-9]{0,3}[Xx]{1,4}(\.[0-9]{2})?")


def _group_hint(value: str, pattern: str) -> str:
    """What :func:`code_hint` says of a group of SOC codes ``value`` (``15-12XX``) in a column of occupation codes.

    A code of the ACS occupation list or of IPUMS' ``OCCSOC`` that stands for several SOC
    codes (``1110XX``) was refused as ``not a SOC code (like 11-1011): '15-12XX'`` without
    a word of why: no code can be written for it, the occupations of the group are
    asked for.

    Examples
    --------
    >>> _group_hint("15-12XX", SOC_PATTERN)
    ": a group of SOC codes (X for any digit, as the Census Bureau's ACS and IPUMS write the groups they code)? give a row for each occupation of the group"
    >>> _group_hint("1191xx", ONETSOC_PATTERN) == _group_hint("15-12XX", SOC_PATTERN), _group_hint("0110", SOC_PATTERN)
    (True, '')
    """
    if pattern not in (SOC_PATTERN, ONETSOC_PATTERN, SOC_OR_ONETSOC_PATTERN) or not _SOC_GROUP.fullmatch(value):
        return ""
    return (": a group of SOC codes (X for any digit, as the Census Bureau's ACS and IPUMS write the groups they "
            "code)? give a row for each occupation of the group")


def _invisible(ch: str) -> bool:
    """Whether ``ch`` is a character that shows nothing and is no space ``str.strip`` removes.

    A format character (Unicode category ``Cf``: the zero-width space U+200B, the
    byte-order mark U+FEFF, the soft hyphen U+00AD, a direction mark) or a control
    character (``Cc``: U+0000) other than a tab or a line break.

    Examples
    --------
    >>> [_invisible(ch) for ch in ("\\u200b", "\\ufeff", "\\xad", "\\x00", "\\t", "\\xa0", "1")]
    [True, True, True, True, False, False, False]
    """
    return unicodedata.category(ch) in ("Cf", "Cc") and not ch.isspace()


def _cleaned(value: str) -> str:
    """The code cell ``value`` with what only looks like a code set right: the code it shows.

    Full-width characters and spaces that are not the plain one made plain (NFKC), the
    dashes of :data:`_DASHES` made hyphens, the characters that show nothing
    (:func:`_invisible`) removed, spaces around it stripped.

    Examples
    --------
    >>> _cleaned("\\uff11\\uff11\\u2013\\u200b1011\\xa0")
    '11-1011'
    """
    plain = unicodedata.normalize("NFKC", value)
    return "".join("-" if ch in _DASHES else ch for ch in plain if not _invisible(ch)).strip()


#: An O*NET-SOC code whose suffix lost its last digit, a zero (``15-1252.1`` for
#: ``15-1252.10``): the suffix read as a number somewhere on its way.
_SHORT_SUFFIX = re.compile(r"([0-9]{2}-[0-9]{4})\.([0-9])")


def _short_suffix_hint(value: str, pattern: str, other_kind: bool = True) -> str:
    """What :func:`code_hint` says of an O*NET-SOC code ``value`` whose suffix lost its last zero.

    ``'15-1252.1'`` (for ``15-1252.10``) or ``'15-1252.0'`` was refused without a word of
    why: the code to write is given when it is one of ``pattern``; in a column of SOC
    codes, its SOC code (:func:`other_kind_hint`, unless ``other_kind`` is False). A suffix
    of one digit can only be two with a zero after it: ``.1`` is never ``.01``.

    Examples
    --------
    >>> _short_suffix_hint("15-1252.1", ONETSOC_PATTERN)
    ": a suffix of one digit? an O*NET-SOC code has two (a trailing zero lost?): write '15-1252.10'"
    >>> _short_suffix_hint("15-1252.0", SOC_PATTERN)
    ": an O*NET-SOC code? a SOC code has no suffix: write '15-1252'"
    >>> _short_suffix_hint("15-1252", ONETSOC_PATTERN)
    ''
    """
    short = _SHORT_SUFFIX.fullmatch(value)
    if short is None:
        return ""
    onet = f"{short[1]}.{short[2]}0"
    if re.match(pattern, onet):
        return f": a suffix of one digit? an O*NET-SOC code has two (a trailing zero lost?): write {onet!r}"
    return other_kind_hint(onet, pattern) if other_kind else ""


#: A SOC code a spreadsheet saved as a number (``111011``, ``111011.0``), or an O*NET-SOC
#: code so saved (``111011.03``; ``111011.1`` for ``11-1011.10``, its last zero lost).
_NUMBER_CODE = re.compile(r"([1-9][0-9])([0-9]{4})(?:\.([0-9]*))?")


def _number_hint(value: str, pattern: str | None, other_kind: bool = True) -> str:
    """What :func:`code_hint` says of a code cell ``value`` that is a number: the code to write.

    A SOC code saved as a number (``111011``) in a column of SOC codes was told to "write
    it as text", which still lacks the hyphen; the code to write is given when it is one
    of ``pattern`` (``'11-1011'``; ``'11-1011.00'`` in a column of O*NET-SOC codes, the
    SOC occupation itself, and ``'11-1011.03'`` for ``111011.03``). An O*NET-SOC code so
    saved (``151252.01``) in a column of SOC codes was told to "write it as text", which
    fails again: its SOC code is given, ``'15-1252'``. When ``other_kind`` is False (a
    column of O*NET-SOC 2010 codes, where ``191020`` was told to write ``'19-1020.00'``, a
    code O*NET-SOC 2010 does not have), no ``.00`` form is advised (the suffix is asked
    for) and no SOC code. A single-precision number (float32, a Parquet ``float`` column)
    keeps ``151252.01`` as ``151252.015625``, shown ``151252.02``, and was told to write
    ``'15-1252.02'``: the suffixes it may hold are given (:func:`_float32_suffixes`). A
    NAICS code so saved (``'311.0'``) is told to drop its decimals, and a number with
    decimals (``'11.5'``), which writing as text does not make a NAICS code, is told so.
    Any other number (or no ``pattern``) gets :data:`NUMBER_HINT`.

    Examples
    --------
    >>> _number_hint("111011.0", SOC_PATTERN)
    ": a code saved as a number? write it as text with its hyphen: '11-1011'"
    >>> _number_hint("111011.1", ONETSOC_PATTERN)
    ": a code saved as a number? write it as text with its hyphen: '11-1011.10'"
    >>> _number_hint("151252.01", SOC_PATTERN)
    ": an O*NET-SOC code saved as a number? a SOC code has no suffix: write '15-1252'"
    >>> _number_hint("191020", ONETSOC_PATTERN, False)
    ": a code saved as a number? write it as text with its hyphen and its two-digit suffix: the O*NET-SOC code meant ('19-1020.00' if its suffix was 00)"
    >>> _number_hint("151252.015625", ONETSOC_PATTERN)
    ": a code saved as a single-precision number (float32), which cannot tell its suffix? write it as text with its hyphen: the one meant of '15-1252.01' or '15-1252.02'"
    >>> _number_hint("111011", None) == _number_hint("1112.0", ISCO_UNIT_PATTERN) == NUMBER_HINT
    True
    """
    found = _NUMBER_CODE.fullmatch(value) if pattern is not None else None
    if found:
        code, suffix = f"{found[1]}-{found[2]}", (found[3] or "").rstrip("0")
        kept = _float32_suffixes(found[1] + found[2], suffix) if len(suffix) > 2 else []
        if len(kept) > 1 and re.match(pattern, f"{code}.{kept[0]}"):  # 151252.01 kept as 151252.015625
            codes = [repr(f"{code}.{k}") for k in kept]
            meant = ", ".join(codes[:-1]) + " or " + codes[-1]
            return (": a code saved as a single-precision number (float32), which cannot tell its suffix? write it "
                    f"as text with its hyphen: the one meant of {meant}")
        suffix = kept[0].rstrip("0") if kept else suffix  # str() of the float32 151252.01 gave '151252.02'
        if not suffix and re.match(pattern, code):
            return f": a code saved as a number? write it as text with its hyphen: {code!r}"
        onet = f"{code}.{suffix:0<2}"
        if len(suffix) <= 2 and re.match(pattern, onet):
            if suffix:  # the O*NET-SOC code itself, its suffix kept in the decimals
                return f": a code saved as a number? write it as text with its hyphen: {onet!r}"
            if not other_kind:  # an O*NET-SOC 2010 code: 19-1020 has no '.00' code
                return (": a code saved as a number? write it as text with its hyphen and its two-digit suffix: the "
                        f"O*NET-SOC code meant ({onet!r} if its suffix was 00)")
            return (f": a code saved as a number? write it as text with its hyphen and suffix: {onet!r} (the SOC "
                    "occupation itself) or the O*NET-SOC code meant")
        if suffix and len(suffix) <= 2 and other_kind and re.match(pattern, code):  # 151252.01 among SOC codes
            return f": an O*NET-SOC code saved as a number? a SOC code has no suffix: write {code!r}"
    decimal = _decimal_code_hint(value, pattern, other_kind) if pattern is not None else ""
    if decimal:  # '15.1252' was told to "write it as text", which lacks the hyphen
        return decimal
    if pattern in (NAICS_PATTERN, OEWS_NAICS_PATTERN) and re.fullmatch(r"[1-9][0-9]*\.[0-9]+", value):
        whole = value.split(".")[0]  # '311.0' was told to "write it as text", which it was
        if re.fullmatch(r"[0-9]+\.0+", value) and re.match(pattern, whole):
            return f": a code saved as a number? write it without its decimals: {whole!r}"
        return ": a number with decimals, which no NAICS code has"  # '11.5' as text is refused again
    return NUMBER_HINT if re.fullmatch(r"[1-9][0-9]*(\.[0-9]+)?", value) else ""


#: A SOC code saved as a number, its hyphen read as a decimal point (``15.1252`` for
#: ``15-1252``; ``13.102`` for ``13-1020``, its trailing zero lost with it).
_DECIMAL_CODE = re.compile(r"([1-9][0-9])\.([0-9]+)")


def _decimal_code_hint(value: str, pattern: str, other_kind: bool = True) -> str:
    """What :func:`_number_hint` says of a SOC code ``value`` whose hyphen was read as a decimal point.

    ``'15.1252'`` (``15-1252`` saved as the number 15.1252) was told to "write it as
    text", which it was, and still lacks the hyphen: the code to write is given when it
    is one of ``pattern`` (``'15-1252'``; ``'15-1252.00'`` in a column of O*NET-SOC codes,
    as for ``151252``). A number keeps no trailing zero (``13.102`` for ``13-1020``): the
    digits after the point are padded with zeros to four, which only a code of that form
    reads as. A single-precision number (float32) is read by the four decimals it holds
    (``15.125200271606445``). More than four decimals that a float32 does not explain,
    a whole number (``11.0``), or a code that is none of ``pattern``, give ``""``.

    Examples
    --------
    >>> _decimal_code_hint("15.1252", SOC_PATTERN)
    ": a SOC code saved as a number, its hyphen read as a decimal point? write it as text with its hyphen: '15-1252'"
    >>> _decimal_code_hint("13.102", SOC_PATTERN)[68:]
    "write it as text with its hyphen: '13-1020' (a number keeps no trailing zero)"
    >>> _decimal_code_hint("15.125200271606445", SOC_PATTERN)[-9:]
    "'15-1252'"
    >>> _decimal_code_hint("15.1252", ONETSOC_PATTERN)[68:]
    "write it as text with its hyphen and suffix: '15-1252.00' (the SOC occupation itself) or the O*NET-SOC code meant"
    >>> _decimal_code_hint("15.12521", SOC_PATTERN), _decimal_code_hint("15.1252", ISCO_PATTERN)
    ('', '')
    >>> _decimal_code_hint("11.0", SOC_PATTERN)
    ''
    """
    found = _DECIMAL_CODE.fullmatch(value)
    if found is None or pattern not in (SOC_PATTERN, ONETSOC_PATTERN, SOC_OR_ONETSOC_PATTERN):
        return ""
    decimals = found[2]
    if len(decimals) > 4:  # a float32 holds 15.1252 as 15.125200271606445
        number = float(value)
        decimals = f"{number:.4f}".split(".")[1].rstrip("0")
        if float(np.float32(number)) != number or float(np.float32(f"{found[1]}.{decimals}")) != number:
            return ""
    if not decimals.strip("0"):  # '11.0' is the number 11 as well as 11-0000: no code told
        return ""
    code = f"{found[1]}-{decimals:0<4}"
    zeros = " (a number keeps no trailing zero)" if len(decimals) < 4 else ""
    said = ": a SOC code saved as a number, its hyphen read as a decimal point? write it as text with its hyphen"
    if re.match(pattern, code):
        return f"{said}: {code!r}{zeros}"
    onet = f"{code}.00"
    if not re.match(pattern, onet):
        return ""
    if not other_kind:  # an O*NET-SOC 2010 code: 19-1020 has no '.00' code
        return f"{said} and its two-digit suffix: the O*NET-SOC code meant ({onet!r} if its suffix was 00){zeros}"
    return f"{said} and suffix: {onet!r} (the SOC occupation itself) or the O*NET-SOC code meant{zeros}"


def _float32_suffixes(digits: str, decimals: str) -> list[str]:
    """The two-digit suffixes of the code ``digits`` (``'151252'``) a float32 number ``digits.decimals`` may hold.

    A column of single-precision numbers (a Parquet ``float`` column) keeps ``151252.01``
    as ``151252.015625``, which is also ``151252.02``: the suffixes ``s`` whose
    ``digits.s`` rounds to the number in float32, or ``[]`` when the number is none
    (more decimals than a float32 gives, a float64's).

    Examples
    --------
    >>> _float32_suffixes("151252", "015625"), _float32_suffixes("111011", "03125")
    (['01', '02'], ['03'])
    >>> _float32_suffixes("151252", "0123")
    []
    """
    number = float(f"{digits}.{decimals}")
    if float(np.float32(number)) != number:
        return []
    return [f"{s:02d}" for s in range(100) if float(np.float32(f"{digits}.{s:02d}")) == number]


def other_kind_hint(value: str, pattern: str) -> str:
    """What a code cell ``value`` of the other kind is, in a column of ``pattern``'s codes.

    A SOC code in a column of O*NET-SOC codes (``11-1011``, its two-digit suffix left out)
    or an O*NET-SOC code in a column of SOC codes (``11-1011.00``) was refused saying only
    what the column holds, as if the code were malformed. The advice to add ``.00`` holds
    for O*NET-SOC 2019: every SOC 2018 detailed code has its ``.00`` code.

    Parameters
    ----------
    value : str
        The cell, as read.
    pattern : str
        The pattern of the column's codes: :data:`ONETSOC_PATTERN` or :data:`SOC_PATTERN`
        (any other gives no hint).

    Returns
    -------
    str
        The hint, starting with ``": "``, or ``""``.

    Examples
    --------
    >>> other_kind_hint("11-1011", ONETSOC_PATTERN)
    ": a SOC code? an O*NET-SOC code has a two-digit suffix: write '11-1011.00' (the SOC occupation itself) or the O*NET-SOC code meant"
    >>> other_kind_hint("11-1011.03", SOC_PATTERN)
    ": an O*NET-SOC code? a SOC code has no suffix: write '11-1011'"
    """
    if pattern == ONETSOC_PATTERN and re.match(SOC_PATTERN, value):
        return (f": a SOC code? {_ONETSOC_SUFFIX}: write {value + '.00'!r} (the SOC "
                "occupation itself) or the O*NET-SOC code meant")
    if pattern == SOC_PATTERN and re.match(ONETSOC_PATTERN, value):
        return f": an O*NET-SOC code? a SOC code has no suffix: write {value[:7]!r}"
    return ""


def check_code_cells(frame: pd.DataFrame, raw, key: str, pattern: str, what: str, *, other_kind: bool = True) -> None:
    """Refuse a cell of the code column ``key`` that does not match ``pattern``, naming file, row and column.

    ``what`` says what is expected (``an O*NET-SOC code (like 11-1011.00)``); ``raw`` is
    the :class:`~exposure._tables.RawTable` the frame was read from. A blank cell, a
    malformed code, a code a spreadsheet read as a date (``11-2011`` became
    ``2011-11-01``) or saved as a number (``111011``) were refused in pandera's words only
    (``check str_matches('^[0-9]{2}-[0-9]{4}\\Z'): '2011-11-01T00:00:00'``); the message
    ends with :func:`code_hint`'s hint, with :func:`other_kind_hint`'s unless ``other_kind``
    is False (a column of O*NET-SOC 2010 codes: its SOC code ``19-1020`` has no ``.00``,
    so the advice to add it would be wrong there). The crosswalk readers and the O*NET
    readers check their code columns with it.

    Raises
    ------
    exposure.errors.SchemaError
        The first such cell.

    Examples
    --------
    >>> from pathlib import Path
    >>> from exposure._tables import RawTable
    >>> f = pd.DataFrame({"soc_code": ["11-1011", "2011-11-01T00:00:00"]})
    >>> check_code_cells(f, RawTable(f, Path("x.xlsx"), 4, {"soc_code": "2018 SOC Code"}), "soc_code",
    ...                  SOC_PATTERN, "a SOC 2018 code (like 11-1011)")
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: x.xlsx, row 5, column '2018 SOC Code': 2018 SOC Code must be a SOC 2018 code (like 11-1011), got '2011-11-01T00:00:00': a date? a spreadsheet read the code 11-2011 as one; take the codes from the source again and import that column as Text when opening the file, or type the code with a leading apostrophe ('11-2011)
    """
    codes = frame[key].astype("string")
    bad = ~codes.str.match(pattern).to_numpy(dtype=bool, na_value=False)
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        value, source = codes.iloc[pos], raw.sources.get(key, key)
        hint = "" if value is pd.NA else code_hint(value, pattern, other_kind=other_kind)
        said = (f"{source} is blank: give {what}" if value is pd.NA or value == ""
                else f"{source} must be {what}, got {value!r}{hint}")
        raise SchemaError(said, path=raw.path, row=raw.row(pos), column=source)


# ---------------------------------------------------------------------------- values
#: O*NET task types (``Task Type``); a task without a rating has none (missing).
TASK_TYPES = ["Core", "Supplemental"]
#: Industry levels of the sector tables: NAICS sectors and 3-digit subsectors.
INDUSTRY_LEVELS = ["sector", "subsector"]

# ---------------------------------------------------------------------------- units
#: Unit of every share and exposure measure: a fraction in [0, 1], never a percentage.
FRACTION = {"unit": "fraction"}
#: Unit of employment counts.
WORKERS = {"unit": "workers"}
#: Unit of task counts.
TASKS = {"unit": "tasks"}


# ---------------------------------------------------------------------------- fields
def onetsoc_code_field(description: str, **kwargs):
    """An O*NET-SOC code column (:data:`ONETSOC_PATTERN`).

    Parameters
    ----------
    description : str
        What the column holds, in the model's words.
    **kwargs
        Further :func:`pandera.pandas.Field` arguments (``nullable``, ``unique``, ...).

    Returns
    -------
    pandera.api.dataframe.model_components.FieldInfo

    Examples
    --------
    >>> onetsoc_code_field("O*NET-SOC 2019 code.", unique=True).unique
    True
    """
    return pa.Field(str_matches=ONETSOC_PATTERN, description=description, **kwargs)


def soc_code_field(description: str, **kwargs):
    """A SOC (2018 or 2010) or OEWS occupation code column (:data:`SOC_PATTERN`).

    Parameters
    ----------
    description : str
        What the column holds.
    **kwargs
        Further :func:`pandera.pandas.Field` arguments.

    Returns
    -------
    pandera.api.dataframe.model_components.FieldInfo

    Examples
    --------
    >>> soc_code_field("SOC 2018 detailed code.", nullable=True).nullable
    True
    """
    return pa.Field(str_matches=SOC_PATTERN, description=description, **kwargs)


def task_id_field(description: str = "O*NET task identifier.", *, ge: int = 1, **kwargs):
    """An O*NET task ID column: a non-negative integer (``ge=1`` for O*NET's own tables).

    Parameters
    ----------
    description : str, default "O*NET task identifier."
    ge : int, default 1
        Smallest accepted ID.
    **kwargs
        Further :func:`pandera.pandas.Field` arguments.

    Returns
    -------
    pandera.api.dataframe.model_components.FieldInfo

    Examples
    --------
    >>> task_id_field().description
    'O*NET task identifier.'
    """
    return pa.Field(ge=ge, description=description, **kwargs)


def fraction_field(description: str, *, nullable: bool = False, **kwargs):
    """A share or exposure measure: a fraction in [0, 1] (unit :data:`FRACTION`).

    Parameters
    ----------
    description : str
        What the column holds.
    nullable : bool, default False
        Whether the value may be missing.
    **kwargs
        Further :func:`pandera.pandas.Field` arguments.

    Returns
    -------
    pandera.api.dataframe.model_components.FieldInfo

    Examples
    --------
    >>> fraction_field("Share of covered workers.").metadata
    {'unit': 'fraction'}
    """
    return pa.Field(ge=0, le=1, nullable=nullable, description=description, metadata=FRACTION, **kwargs)


def workers_field(description: str, *, nullable: bool = False, **kwargs):
    """An employment count: non-negative, unit :data:`WORKERS`.

    Parameters
    ----------
    description : str
        What the column holds.
    nullable : bool, default False
        Whether the value may be missing (e.g. employment not released).
    **kwargs
        Further :func:`pandera.pandas.Field` arguments.

    Returns
    -------
    pandera.api.dataframe.model_components.FieldInfo

    Examples
    --------
    >>> workers_field("Industry employment.", nullable=True).metadata
    {'unit': 'workers'}
    """
    return pa.Field(ge=0, nullable=nullable, description=description, metadata=WORKERS, **kwargs)


def _first_mismatch(codes: pd.Series, pattern: str, what: str) -> tuple[int, str] | None:
    """Position of the first cell of ``codes`` not matching ``pattern`` (``what`` it should be).

    A missing cell (None, NaN, ``pd.NA``) never matches. The cells are matched as text;
    a cell that is not text (bytes such as ``b'11-1011'``, which pandas decodes when it
    converts them to text, or a number) never matches either: such a code matched no
    ``str`` code of the other tables. So are the cells of a column of bytes that is no
    column of objects: Arrow's ``binary`` kinds and categories of bytes
    (:func:`exposure._tables.not_task_id_dtype`), which were read as their text and passed
    (``exposure.score`` refuses them); and bytes that are not UTF-8 (``b'\\xff1-1011.00'``),
    which raised a bare ``UnicodeDecodeError`` when made text. An empty or blank cell
    (``''``, ``'  '``) is said to be blank, as :func:`check_code_cells` says it: it was
    ``not a SOC code: ''``.

    Examples
    --------
    >>> _first_mismatch(pd.Series(["11-1011", b"11-1011"]), SOC_PATTERN, "a SOC code")
    (1, "not a SOC code: b'11-1011'")
    >>> _first_mismatch(pd.Series(["11-1011", "  "]), SOC_PATTERN, "a SOC code")
    (1, 'is blank: give a SOC code')
    >>> _first_mismatch(pd.Series([b"\\xff1-1011"]), SOC_PATTERN, "a SOC code")
    (0, "not a SOC code: b'\\\\xff1-1011'")
    """
    if isinstance(codes.dtype, pd.CategoricalDtype) or not_task_id_dtype(codes.dtype) == "bytes":
        codes = codes.astype(object)  # categories of bytes, Arrow's binary: passed as their text
    text_cell = None
    if codes.dtype == object:  # bytes read as their text; a str subclass is text
        text_cell = np.fromiter((isinstance(v, str) for v in codes.tolist()), dtype=bool, count=len(codes))
    # only text is made text: bytes not UTF-8 raised UnicodeDecodeError there
    text = (codes if text_cell is None or text_cell.all() else codes.where(text_cell, None)).astype("string")
    bad = ~text.str.fullmatch(pattern).to_numpy(dtype=bool, na_value=False)
    if text_cell is not None:
        bad |= ~text_cell & ~codes.isna().to_numpy(dtype=bool)
    if not bad.any():
        return None
    pos = int(np.flatnonzero(bad)[0])
    value = codes.iloc[pos]
    if isinstance(value, str) and not value.strip():  # '' was "not a SOC code: ''"
        return pos, f"is blank: give {what}"
    return pos, "missing" if pd.isna(value) else f"not {what}: {_shown(value)}"


#: Cells of bytes: bytes (``numpy.bytes_`` too), and the ``bytearray`` and ``memoryview`` that
#: database drivers give for binary columns (psycopg2 reads ``bytea`` as a ``memoryview``).
_BINARY = (bytes, bytearray, memoryview)


def _shown(value) -> str:
    """A cell of a code column that is not a code, as a message shows it: text quoted, bytes as bytes.

    A ``memoryview`` was shown as ``'<memory at 0x7f...>'``, its address (another in each
    run), and a ``bytearray`` quoted as if it were text; ``numpy.bytes_`` is shown as the
    bytes it is.

    Examples
    --------
    >>> _shown("11-1011"), _shown(b"11-1011"), _shown(np.bytes_(b"11-1011")), _shown(111011)
    ("'11-1011'", "b'11-1011'", "b'11-1011'", "'111011'")
    >>> _shown(memoryview(b"11-1011")), _shown(bytearray(b"11-1011"))
    ("memoryview(b'11-1011')", "bytearray(b'11-1011')")
    """
    if isinstance(value, memoryview):
        return f"memoryview({value.tobytes()!r})"
    if isinstance(value, bytearray):
        return repr(value)
    return repr(bytes(value)) if isinstance(value, bytes) else repr(str(value))


def first_bad_soc_code(codes: pd.Series) -> tuple[int, str] | None:
    """Position of the first cell of ``codes`` that is not a SOC code, and what it is.

    The one check of the tables keyed by SOC code that users give (SOC scores, the measures
    table, sector inputs): a missing cell or one not of the form ``11-1011``
    (:data:`SOC_PATTERN`: no spaces, no O*NET-SOC suffix). A code that is not one is said
    to be what it may be (:func:`code_hint`), with the code to write: a SOC code saved as
    a number (``111011``) was told to "write it as text", which lacks the hyphen; an
    O*NET-SOC code (``11-1011.00``, :func:`other_kind_hint`) was refused saying only what
    the column holds, where the O*NET-SOC twin told the code to write.

    Returns
    -------
    (int, str) or None
        The position and ``"missing"``, ``"is blank: give a SOC code (like 11-1011)"``
        or ``"not a SOC code (like 11-1011): '...'"``; None when every cell is a SOC code.

    Examples
    --------
    >>> first_bad_soc_code(pd.Series(["11-1011", "11-1011 ", None]))
    (1, "not a SOC code (like 11-1011): '11-1011 ': spaces around the code: write '11-1011'")
    >>> first_bad_soc_code(pd.Series(["11-1011"])) is None
    True
    >>> first_bad_soc_code(pd.Series(["11\u20131011", "111011"]))[1]
    "not a SOC code (like 11-1011): '11–1011': '–' (U+2013, a dash that is not the hyphen '-'; pasted from a document?): write '11-1011'"
    >>> first_bad_soc_code(pd.Series([111011]))[1]
    "not a SOC code (like 11-1011): '111011': a code saved as a number? write it as text with its hyphen: '11-1011'"
    >>> first_bad_soc_code(pd.Series(["11-1011.00"]))[1]
    "not a SOC code (like 11-1011): '11-1011.00': an O*NET-SOC code? a SOC code has no suffix: write '11-1011'"
    """
    bad = _first_mismatch(codes, SOC_PATTERN, "a SOC code (like 11-1011)")
    return _with_hint(codes, bad, SOC_PATTERN)


def _with_hint(codes: pd.Series, bad: tuple[int, str] | None, pattern: str) -> tuple[int, str] | None:
    """``bad`` (of :func:`_first_mismatch`) with what its cell may be (:func:`code_hint`).

    The one place :func:`first_bad_soc_code` and :func:`first_bad_onetsoc_code` add it:
    ``'11–1011'`` (an en dash) or ``111011`` (a number, or a number cell) in a column of
    SOC codes were said to be "not a SOC code" without a word of why, where the O*NET-SOC
    twin said it (``rollup/_sectors`` added it itself). A code of the other kind is said
    to be one (:func:`other_kind_hint`): ``11-1011.00`` among SOC codes was told nothing
    (only the O*NET-SOC check said it).
    """
    if bad is None:
        return None
    value = codes.iloc[bad[0]]  # '11–1011.00' looked like the code it asked for
    if bad[1] == "missing" or isinstance(value, _BINARY) or (isinstance(value, str) and not value.strip()):
        return bad
    # 111011 read as a number: said so; a float32 by all its digits (str() of 151252.01 gave '151252.02')
    text = value if isinstance(value, str) else str(float(value) if isinstance(value, np.float32) else value)
    return bad[0], bad[1] + code_hint(text, pattern)  # '11-1011' without its '.00': said so too


def first_bad_onetsoc_code(codes: pd.Series) -> tuple[int, str] | None:
    """Position of the first cell of ``codes`` that is not an O*NET-SOC code, and what it is.

    The O*NET-SOC twin of :func:`first_bad_soc_code`, the check of the tables keyed by
    O*NET-SOC code that users give (task and occupation scores, crosswalks): a missing
    cell or one not of the form ``11-1011.00`` (:data:`ONETSOC_PATTERN`: no spaces, no
    line break, the two-digit suffix given). A code with a dash that is not the hyphen, a
    leading apostrophe, or read as a date or a number, is said to be one (:func:`code_hint`);
    so is a SOC code (``11-1011``, :func:`other_kind_hint`), which was refused saying only
    what the column holds.

    Returns
    -------
    (int, str) or None
        The position and ``"missing"``, ``"is blank: give ..."`` or
        ``"not an O*NET-SOC code (like 11-1011.00): '...'"``; None when every cell is an
        O*NET-SOC code.

    Examples
    --------
    >>> first_bad_onetsoc_code(pd.Series(["11-1011.00", "11-1011.03 ", None]))
    (1, "not an O*NET-SOC code (like 11-1011.00): '11-1011.03 ': spaces around the code: write '11-1011.03'")
    >>> first_bad_onetsoc_code(pd.Series([None]))
    (0, 'missing')
    >>> first_bad_onetsoc_code(pd.Series(["11-1011.00"])) is None
    True
    >>> first_bad_onetsoc_code(pd.Series(["11\u20131011.00"]))[1]
    "not an O*NET-SOC code (like 11-1011.00): '11–1011.00': '–' (U+2013, a dash that is not the hyphen '-'; pasted from a document?): write '11-1011.00'"
    >>> first_bad_onetsoc_code(pd.Series(["15-1252"]))[1]
    "not an O*NET-SOC code (like 11-1011.00): '15-1252': a SOC code? an O*NET-SOC code has a two-digit suffix: write '15-1252.00' (the SOC occupation itself) or the O*NET-SOC code meant"
    """
    bad = _first_mismatch(codes, ONETSOC_PATTERN, "an O*NET-SOC code (like 11-1011.00)")
    return _with_hint(codes, bad, ONETSOC_PATTERN)
