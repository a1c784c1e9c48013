"""Release layouts as data, and the lock file that pins what was downloaded.

A new O*NET release or OEWS May year needs no new code: the publishers lay their files out
the same way every year, so the registry entry (:class:`~exposure.sources.Source`) of any
file of any release is built from the layouts below.

========================  ===================================================================
O*NET, text or Excel      ``https://www.onetcenter.org/dl_files/database/db_{A}_{B}_{fmt}.zip``,
                          members ``db_{A}_{B}_{fmt}/{file}.txt`` (``fmt`` ``text``) or
                          ``.xlsx`` (``excel``); registry names ``onet/{A}.{B}/{file}.txt``
OEWS national             ``https://www.bls.gov/oes/special-requests/oesm{yy}nat.zip``, member
                          ``oesm{yy}nat/national_M{yyyy}_dl.xlsx``; name
                          ``oews/national_M{yyyy}_dl.xlsx``
OEWS by industry          ``https://www.bls.gov/oes/special-requests/oesm{yy}in4.zip``, members
                          ``oesm{yy}in4/natsector_M{yyyy}_dl.xlsx`` (sectors) and
                          ``oesm{yy}in4/nat3d_M{yyyy}_dl.xlsx`` (3-digit NAICS); names
                          ``oews/natsector_M{yyyy}_dl.xlsx``, ``oews/nat3d_M{yyyy}_dl.xlsx``
========================  ===================================================================

Files of the package registry (``exposure/data/registry.tsv``) are pinned by the package.
Any other file is *new*: its source has ``sha256 == ""`` until it has been downloaded and
validated once; then its sha256 goes into the lock file (:class:`Lock`, ``exposure.lock``
in the user data directory), a tab-separated list you can read, review and keep beside
your analysis. Later runs verify the file against the lock, as they do against the
registry. Runs that pin at the same time take turns (:meth:`Lock.pin` holds a file lock
while it rewrites the lock file), so none loses another's pins.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import dataclasses
import decimal
import errno
import hashlib
import io
import logging
import os
import re
import shlex
import unicodedata
from pathlib import Path

try:  # POSIX; elsewhere pins are written without a lock (see Lock.pin)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

import numpy as np
import pandas as pd

from exposure._args import (
    as_real,
    check_choice,
    check_flag,
    check_name,
    check_path,
    is_number,
    shown,
)
from exposure._io import atomic_path, lost_cwd, unexpanded_home
from exposure._outdir import _existing_parent, _odd_lock_file, _open_lock_file
from exposure._tables import nul_error, utf16_without_bom, windows_1252_char
from exposure.errors import DataFormatError, ExposureError, InputError, OutputError
from exposure.sources import (
    _BLS_ATTRIBUTION,
    _BLS_LICENCE,
    _ONET_ATTRIBUTION,
    _URL_REFUSED,
    SOURCES,
    Source,
    _size_refused,
    _url_escaped,
)

__all__ = [
    "ONET_ARCHIVE",
    "ONET_FILES",
    "ONET_FORMATS",
    "OEWS_ARCHIVES",
    "OEWS_TABLE_FILES",
    "LOCK_NAME",
    "Lock",
    "check_onet_release",
    "check_oews_release",
    "check_onet_format",
    "download_named",
    "onet_format",
    "onet_name",
    "oews_names",
    "layout_source",
    "source_for",
    "releases_frame",
]

log = logging.getLogger(__name__)

#: O*NET database archive URL; ``{a}``/``{b}`` are the release's major/minor numbers.
ONET_ARCHIVE = "https://www.onetcenter.org/dl_files/database/db_{a}_{b}_{fmt}.zip"
#: O*NET download formats and the extension of their files.
ONET_FORMATS = {"text": ".txt", "excel": ".xlsx"}
#: The O*NET files the library reads (base names, without extension).
ONET_FILES = (
    "Occupation Data", "Task Statements", "Task Ratings", "Tasks to DWAs",
    "DWA Reference", "IWA Reference", "Job Zones", "Emerging Tasks",
)
#: BLS OEWS archives: prefix of the registry name -> (archive URL, member directory).
OEWS_ARCHIVES = {
    "national": ("https://www.bls.gov/oes/special-requests/oesm{yy}nat.zip", "oesm{yy}nat"),
    "natsector": ("https://www.bls.gov/oes/special-requests/oesm{yy}in4.zip", "oesm{yy}in4"),
    "nat3d": ("https://www.bls.gov/oes/special-requests/oesm{yy}in4.zip", "oesm{yy}in4"),
}
#: Files BLS publishes for each OEWS table of a May year (prefixes of OEWS_ARCHIVES).
OEWS_TABLE_FILES = {
    "cross_industry": ("national",),
    "by_industry": ("national", "natsector", "nat3d"),
}
#: File name of the lock file inside the user data directory.
LOCK_NAME = "exposure.lock"

_ONET_RELEASE = re.compile(r"^([0-9]{1,3})\.([0-9])\Z")
_OEWS_YEAR = re.compile(r"^(20[0-9]{2})\Z")
_ONET_NAME = re.compile(r"^onet/([0-9]{1,3}\.[0-9])/(.+)(\.txt|\.xlsx)\Z")
_OEWS_NAME = re.compile(r"^oews/(national|natsector|nat3d)_M(20[0-9]{2})_dl\.xlsx\Z")


#: An O*NET release written otherwise (``O*NET 31.0``, ``v31.0``, `` 31.0``, ``29_1`` as in the
#: archive's name, ``31,0``), once in NFKC form (full-width digits, non-breaking spaces).
_ONET_WRITTEN = re.compile(r"\s*(?:o\*?net(?:[\s-]*soc)?|v|db|release)?[\s_]*([0-9]{1,3})\s*[.,_]\s*([0-9])\s*",
                           re.IGNORECASE)
#: An OEWS release written otherwise (``May 2025``, ``M2025``, `` 2025``, ``2025.0``).
_OEWS_WRITTEN = re.compile(r"\s*(?:may|m)?\s*(20[0-9]{2})(?:\.0+)?\s*", re.IGNORECASE)


def _meant(release, written: re.Pattern, form: str, show) -> str:
    """``": write X"`` when ``release`` is a release ``written`` otherwise; ``""`` else.

    A release with spaces or a non-breaking space around it, a prefix (``O*NET 31.0``,
    ``May 2025``: how :func:`releases_frame` lists OEWS releases) or full-width digits was
    refused without saying what to write.

    Examples
    --------
    >>> _meant("O*NET 31.0", _ONET_WRITTEN, "{0}.{1}", repr), _meant("May 2025", _OEWS_WRITTEN, "{0}", str)
    (": write '31.0'", ': write 2025')
    >>> _meant("31.0.1", _ONET_WRITTEN, "{0}.{1}", repr)
    ''
    """
    # a Decimal and a numpy number as they are written: Decimal('2025.0') and np.float32(2025)
    # were refused without a word of the year meant, of which 2025.0 is told "write 2025"
    if isinstance(release, bool) or not isinstance(release, (str, int, float, decimal.Decimal, np.number)):
        return ""
    m = written.fullmatch(unicodedata.normalize("NFKC", str(release)))
    return f": write {show(form.format(*(str(int(g)) for g in m.groups())))}" if m else ""


def _download_meant(release, kind: str) -> str:
    """``": it names ... write X ..."`` when ``release`` names the publisher's download of a release.

    The archive or its unzipped folder (``db_31_0_text.zip``, ``~/Downloads/db_31_0_excel/``,
    ``oesm26nat.zip``), given where the release belongs (``--onet-release``,
    ``--oews-release``), was refused as "not of the form MAJOR.MINOR" without saying what to
    write, nor that the copy is read from the data directory. ``""`` for anything else, and
    for a download of the other ``kind`` (``"onet"`` or ``"oews"``). A download in the other
    format than the one the package pins the release in (``db_30_1_text.zip``) is said to be
    unread: the package reads its own format.

    Examples
    --------
    >>> _download_meant("~/Downloads/db_31_0_excel.zip", "onet")  # doctest: +ELLIPSIS
    ": it names O*NET 31.0's download (db_31_0_excel.zip), not a release: write '31.0' with --onet-format excel ...
    >>> _download_meant("oesm26nat", "oews")  # doctest: +ELLIPSIS
    ": it names OEWS May 2026's download (oesm26nat), not a release: write 2026, and put the zip ...
    >>> _download_meant("db_31_0_text.zip", "oews"), _download_meant("31.0", "onet")
    ('', '')
    """
    if not isinstance(release, str):
        return ""
    last, token = _download_token(release)
    where = "in the data directory (--data-dir, data_dir=) to read your copy"
    other = _OEWS_OTHER.fullmatch(re.sub(r"\.zip\Z", "", last, flags=re.IGNORECASE))
    if kind == "oews" and other is not None:  # oesm26st.zip: a download of no national table
        yy, level = other.group(1), _OEWS_LEVELS[other.group(2).lower()]
        return (f": it names BLS's {level} download of OEWS May 20{yy} ({last}), not a release, and the library "
                f"reads the national tables only: write 20{yy}, and put BLS's national downloads (oesm{yy}nat.zip, "
                f"and oesm{yy}in4.zip for the by-industry table) or their unzipped folders {where}")
    if token is None or (token.group(3) is None) != (kind == "onet"):
        return ""
    said = f": it names {_token_release(token)}'s download ({last}), not a release: write "
    a, b, yy = token.groups()
    if kind == "oews":
        industry = token.group(0).lower().endswith("in4")
        return f"{said}20{yy}, and put the zip or its unzipped folder {where}{_oews_own_note(f'20{yy}', industry)}"
    meant, fmt = f"{int(a)}.{b}", "excel" if "excel" in token.group(0).lower() else "text"
    if not _ONET_RELEASE.match(meant):  # db_31_10_text: no release of the form
        return ""
    if not any(name.startswith(f"onet/{meant}/") for name in SOURCES):
        option = " with --onet-format excel (onet_format='excel')" if fmt == "excel" else ""
        return f"{said}{meant!r}{option}, and put the zip or its unzipped folder {where}"
    pinned = onet_format(meant)
    if pinned == fmt:
        return f"{said}{meant!r}, and put the zip or its unzipped folder {where}"
    # 30.1 is pinned in Excel: a text copy is never read, whatever the format asked
    return (f"{said}{meant!r}; the package pins O*NET {meant} in {pinned} format only, so your {fmt} copy is not "
            f"read: put O*NET's {pinned} download (db_{a}_{b}_{pinned}.zip) or its unzipped folder {where}")


def _oews_own_note(year: str, industry: bool) -> str:
    """``" with no mirror set (...)"`` when the package reads OEWS May ``year``'s table from a file of its own.

    With a mirror set, the national (or, with ``industry``, the by-industry) table of a May
    year the package pins in a file of its own (2025's CSVs, 2021's
    ``national_M2021_dl.csv``) is read from that file, not from BLS's download in the data
    directory (:func:`exposure.oews.oews_file_names`); ``""`` for another year.

    Examples
    --------
    >>> _oews_own_note("2025", False)
    " with no mirror set (with one, the package's own file of the table, oews/oews_national_cross_industry_M2025.csv, is read instead)"
    >>> _oews_own_note("2026", True)
    ''
    """
    own = [n for n, src in SOURCES.items() if src.kind == "oews" and src.release == f"May {year}"
           and (("by_industry" in n) if industry
                else ("cross_industry" in n or n.startswith(f"oews/national_M{year}_dl.") and not n.endswith(".xlsx")))]
    if not own:
        return ""
    return f" with no mirror set (with one, the package's own file of the table, {', '.join(own)}, is read instead)"


#: The separators of the folders of a path, on POSIX and on Windows.
_SLASHES = "/\\"


def _download_token(path: str) -> tuple[str, re.Match | None]:
    """The last part of ``path`` and its match of a publisher's download (``db_31_0_text.zip``, ``oesm26nat``).

    Examples
    --------
    >>> _download_token("~/Downloads/db_31_0_excel.zip/")[0], _download_token("31.0")
    ('db_31_0_excel.zip', ('31.0', None))
    """
    last = re.split(r"[/\\]", path.strip().rstrip("/\\"))[-1]
    return last, _ARCHIVE_TOKEN.fullmatch(re.sub(r"\.zip\Z", "", last, flags=re.IGNORECASE))


def download_named(name, lock: Lock | None = None) -> str:
    """The error of a source ``name`` that is a publisher's download; ``""`` for any other name.

    ``exposure fetch ~/Downloads/db_30_1_excel.zip`` (or ``exposure sources``, the zip's
    name, its unzipped folder, BLS's ``oesm24nat.zip``) was refused as an unknown source,
    with the advice to list the registry (``run `exposure sources` ...``), which holds no
    such name: nothing said how a download is read (from the data directory, under the
    names of the release's files). The error names the release, says whether it is read (the
    package reads its own format of a release it pins), and gives the command that reads
    it: ``exposure fetch`` of the release's files for a release the package or ``lock``
    pins, else ``exposure recompute``, which reads and pins a new release (with no mirror
    set, for a table the package reads from a file of its own when a mirror is set: OEWS
    May 2025's). The data directory is the folder ``name`` lies in, when it is a path.

    Parameters
    ----------
    name : str
        A NAME given to ``exposure fetch`` or ``exposure sources``.
    lock : Lock, optional
        The lock file, whose pins count as pinned releases (a damaged one as none).

    Returns
    -------
    str
        The error, or ``""``.

    Examples
    --------
    >>> download_named("/data/my downloads/db_30_1_excel.zip")
    "'/data/my downloads/db_30_1_excel.zip' is O*NET 30.1's download (db_30_1_excel.zip), not a source name: it is read from the data directory, under the names of the release's files: exposure fetch --data-dir '/data/my downloads' onet/30.1"
    >>> download_named("db_31_0_excel")  # doctest: +ELLIPSIS
    "... nobody pinned its files of O*NET 31.0 yet: ... exposure recompute --onet-release 31.0 --onet-format excel --data-dir DIR (DIR: the folder that holds it)"
    >>> download_named("onet/30.1")
    ''
    """
    if not isinstance(name, str):
        return ""
    last, token = _download_token(name)
    if token is None:
        return ""
    a, b, yy = token.groups()
    path = name.strip().rstrip(_SLASHES)
    folder = path[: -len(last)]  # the data directory: where the download lies ('' for a bare name)
    where = f"--data-dir {shlex.quote(folder.rstrip(_SLASHES) or folder)}" if folder else "--data-dir DIR"
    said = f"{name!r} is {_token_release(token)}'s download ({last}), not a source name"
    tail = "" if folder else " (DIR: the folder that holds it)"
    try:
        pins = set(lock.entries()) if isinstance(lock, Lock) else set()
    except ExposureError:  # a damaged lock file is said by the commands that read it
        pins = set()
    if name.strip() in SOURCES or name.strip() in pins:  # a custom source pinned under such a name
        return ""
    canonical = token.group(0).lower() + (".zip" if last.lower().endswith(".zip") else "")
    if last != canonical:  # DB_31_0_TEXT.ZIP: the data directory is read under the publisher's names only
        said += f" (named otherwise than the publisher's {canonical}, under which it is read: rename it)"
    if yy is not None:
        year = f"20{yy}"
        names = oews_names(year, "cross_industry" if token.group(0).lower().endswith("nat") else "by_industry")
        names = names[1:] if len(names) > 1 else names  # oesm26in4 holds natsector and nat3d
        pinned = all(n in SOURCES or n in pins for n in names)
        command = (f"exposure fetch {where} {' '.join(names)}" if pinned
                   else f"exposure recompute --oews-release {year} {where}")
        if not pinned:
            command += _oews_own_note(year, len(names) > 1)
        release = f"OEWS May {year}"
    else:
        release, fmt = f"{int(a)}.{b}", "excel" if "excel" in token.group(0).lower() else "text"
        if not _ONET_RELEASE.match(release):  # db_31_10_text: no release of the form
            return ""
        package = [n for n in SOURCES if n.startswith(f"onet/{release}/")]
        if package and onet_format(release) != fmt:  # 30.1 is pinned in Excel: a text copy is never read
            other = onet_format(release)
            return (f"{said}; the package pins O*NET {release} in {other} format only, so it is not read: put "
                    f"O*NET's {other} download (db_{a}_{b}_{other}.zip) or its unzipped folder in the data "
                    f"directory: exposure fetch {where} onet/{release}{tail}")
        pinned = bool(package) or any(n.startswith(f"onet/{release}/") and n.endswith(ONET_FORMATS[fmt])
                                      for n in pins)
        option = " --onet-format excel" if fmt == "excel" else ""
        command = (f"exposure fetch {where} onet/{release}" if pinned
                   else f"exposure recompute --onet-release {release}{option} {where}")
        release = f"O*NET {release}"
    if pinned:
        return (f"{said}: it is read from the data directory, under the names of the release's files: "
                f"{command}{tail}")
    return (f"{said}, and nobody pinned its files of {release} yet: it is read from the data directory, and "
            f"pinned, by {command}{tail}")


def check_onet_release(release: str) -> str:
    """Return ``release`` if it looks like an O*NET release number (``"31.0"``).

    Raises
    ------
    exposure.errors.DataFormatError
        ``release`` that is not a str (a number such as ``29.1``, None, a list).
    exposure.errors.ExposureError
        A str of another form.

    Examples
    --------
    >>> check_onet_release("31.0")
    '31.0'
    >>> check_onet_release("31")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: O*NET release '31' is not of the form MAJOR.MINOR (e.g. 29.1, 31.0): write it with its minor number, such as '31.0'

    A major number with a leading zero is refused: ``"029.1"`` was a release of its own
    (the files ``onet/029.1/...``, an archive ``db_029_1_text.zip`` that does not exist).

    >>> check_onet_release("029.1")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: O*NET release '029.1' has a leading zero: write '29.1'

    A number is refused, as :class:`exposure.pipeline.RecomputeInputs` and
    :func:`exposure.reports.sources.validate_sources` refuse it: ``load_onet(29.1)`` loaded
    the release with the float 29.1 as its ``release`` (scoring warnings then named "the
    O*NET release", model metadata held a float), and a float cannot tell ``30.10`` from
    ``30.1``.

    >>> check_onet_release(29.1)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: O*NET release float 29.1 is not of the form MAJOR.MINOR (e.g. 29.1, 31.0): give it as text (str), in quotes (a number loses the zeros of a release: 30.10 and 30.1 are one float)
    """
    if not isinstance(release, str):  # 29.1 was read as the release '29.1', its float kept as .release
        # a Decimal keeps its zeros: it is told the text it writes (Decimal('29.1'): write '29.1')
        meant = _meant(str(release), _ONET_WRITTEN, "{0}.{1}", repr) if isinstance(release, decimal.Decimal) else ""
        hint = meant or (_whole_release_hint(release) if _is_whole(release)
                         else ", in quotes (a number loses the zeros of a release: 30.10 and 30.1 are one float)"
                         if is_number(release) else "")
        raise DataFormatError(f"O*NET release {shown(release)} is not of the form MAJOR.MINOR (e.g. 29.1, 31.0): "
                              f"give it as text (str){hint}")
    m = _ONET_RELEASE.match(release)
    if not m:
        meant = (_meant(release, _ONET_WRITTEN, "{0}.{1}", repr) or _download_meant(release, "onet")
                 or _major_meant(release))  # "31": what to write, as for "v30.1"
        raise ExposureError(f"O*NET release {release!r} is not of the form MAJOR.MINOR (e.g. 29.1, 31.0){meant}")
    if len(m.group(1)) > 1 and m.group(1).startswith("0"):
        raise ExposureError(f"O*NET release {release!r} has a leading zero: write "
                            f"'{int(m.group(1))}.{m.group(2)}'")
    return str(release)


def _is_whole(value) -> bool:
    """Whether ``value`` is a whole number of Python's or numpy's (an int, not a float nor a bool).

    A :class:`~decimal.Decimal` or :class:`~fractions.Fraction` holding one is one too
    (:func:`~exposure._args.as_real`): ``Decimal(30)`` was told only to give the release
    as text, where ``30`` is told to write its minor number.
    """
    number = as_real(value, whole=True)
    return is_number(number) and isinstance(number, (int, np.integer))


#: What an OEWS May year given as the O*NET release is told (:func:`_whole_release_hint`, :func:`_major_meant`).
_YEAR_SAID = "{0} is a year, not an O*NET release (an OEWS May year? give it as oews_release= or --oews-release)"

#: An O*NET major number written without its minor number (``31``, ``v31``, ``O*NET 31``, ``31.``),
#: once in NFKC form, with the prefixes :data:`_ONET_WRITTEN` takes.
_ONET_MAJOR = re.compile(r"\s*(?:o\*?net(?:[\s-]*soc)?|v|db|release)?[\s_]*([0-9]{1,6})\.?\s*", re.IGNORECASE)


def _major_meant(release: str) -> str:
    """``": write it with its minor number, such as '31.0'"`` when ``release`` is a major number alone; else ``""``.

    ``--onet-release 31`` (``"31"``, ``"v31"``, ``"O*NET 30"``) was refused as "not of the
    form MAJOR.MINOR" without saying what to write, where ``v30.1`` and ``30_1`` are told
    (:func:`_meant`) and the number ``31`` is told to be written with its minor number
    (:func:`_whole_release_hint`, whose words this reuses).

    Examples
    --------
    >>> _major_meant("31")
    ": write it with its minor number, such as '31.0'"
    >>> _major_meant("O*NET 30")
    ": write it with its minor number, such as '30.1' (the release of O*NET 30 the package pins)"
    >>> _major_meant("2025")
    ': 2025 is a year, not an O*NET release (an OEWS May year? give it as oews_release= or --oews-release)'
    >>> _major_meant("0"), _major_meant("latest"), _major_meant("31.0.1")
    ('', '', '')
    """
    m = _ONET_MAJOR.fullmatch(unicodedata.normalize("NFKC", release))
    if m is None:
        return ""
    number = int(m.group(1))
    if _OEWS_YEAR.match(str(number)):
        return f": {_YEAR_SAID.format(number)}"
    hint = _whole_release_hint(number)
    return f": write it{hint}" if hint else ""


def _whole_release_hint(release) -> str:
    """What to write for the O*NET release ``release`` given as a whole number (``30``, ``2025``).

    It was told to give the release "as text (str), in quotes": ``"30"`` was then refused
    in turn (a release has a minor number), and so was ``"2025"`` (an OEWS May year given
    as the O*NET release). A major number is to be written with its minor number, such as
    a release of it the package pins (``'30.1'``) or ``'31.0'``; a year is named as one.
    ``""`` for a number that is no major number (``0``, ``-3``, ``1000``).

    Examples
    --------
    >>> _whole_release_hint(30)
    " with its minor number, such as '30.1' (the release of O*NET 30 the package pins)"
    >>> _whole_release_hint(31), _whole_release_hint(0)
    (" with its minor number, such as '31.0'", '')
    >>> _whole_release_hint(2025)
    ", such as '29.1': 2025 is a year, not an O*NET release (an OEWS May year? give it as oews_release= or --oews-release)"
    """
    number = int(release)
    if _OEWS_YEAR.match(str(number)):
        return f", such as '29.1': {_YEAR_SAID.format(number)}"
    if not 0 < number < 1000:
        return ""
    pinned = sorted({src.release for src in SOURCES.values()
                     if src.kind == "onet" and src.release.split(".")[0] == str(number)},
                    key=lambda r: _release_order("onet", r))
    if pinned:
        return (f" with its minor number, such as {' or '.join(map(repr, pinned))} (the release of O*NET {number} "
                "the package pins)")
    return f" with its minor number, such as '{number}.0'"


def _release_order(kind: str, release: str) -> tuple:
    """Sort key of a release of ``kind``: O*NET ``5.1`` before ``29.1`` before ``100.0``.

    Releases were sorted as text (``100.0`` before ``29.1``, ``5.1`` after ``30.1``).
    A release of another form sorts after the others, as text.

    Examples
    --------
    >>> sorted(["100.0", "29.1", "5.1"], key=lambda r: _release_order("onet", r))
    ['5.1', '29.1', '100.0']
    >>> _release_order("oews", "May 2025")
    (0, 2025, 0, '')
    """
    m = re.fullmatch(r"([0-9]+)\.([0-9]+)", release) if kind == "onet" else re.fullmatch(
        r"(?:May )?([0-9]{4})", release)
    if m is None:
        return (1, 0, 0, release)
    return (0, int(m.group(1)), int(m.group(2)) if m.lastindex == 2 else 0, "")


def check_oews_release(release) -> str:
    """Return the OEWS May year as a string if it is a four-digit year from 2000.

    Examples
    --------
    >>> check_oews_release(2026)
    '2026'
    >>> check_oews_release("May 2026")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: OEWS release 'May 2026' is not a year such as 2025: write 2026

    Raises
    ------
    exposure.errors.DataFormatError
        ``release`` neither text nor a whole number (None, ``True``, a list, bytes), as
        :func:`check_onet_release` refuses a release of the wrong type (both raised
        ``ExposureError`` for a value of the wrong form, but only the O*NET check a
        ``DataFormatError`` for one of the wrong type).
    exposure.errors.ExposureError
        Text or a number that is not a four-digit year from 2000 (``2025.0`` and
        ``"May 2026"`` are named with the year meant).
    """
    if release is None or isinstance(release, (bool, bytes, list, tuple, dict, set)):
        raise DataFormatError(f"OEWS release {'None' if release is None else shown(release)} is not a year "
                              "such as 2025: give the May year as a whole number or as text (2025 or '2025')")
    if not _OEWS_YEAR.match(str(release)):
        raise ExposureError(f"OEWS release {release!r} is not a year such as 2025"
                            f"{_meant(release, _OEWS_WRITTEN, '{0}', str) or _download_meant(release, 'oews')}")
    return str(release)


def _check_lock(lock) -> None:
    """Refuse a ``lock`` that is neither None nor a :class:`Lock` (an ``AttributeError`` before).

    Examples
    --------
    >>> _check_lock("exposure.lock")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: lock must be an exposure.releases.Lock (e.g. Lock('exposure.lock')) or None, got str 'exposure.lock'
    """
    if lock is not None and not isinstance(lock, Lock):
        raise DataFormatError("lock must be an exposure.releases.Lock (e.g. Lock('exposure.lock')) or None, "
                              f"got {shown(lock)}")


def onet_format(release: str, lock: Lock | None = None) -> str:
    """Format (``"text"`` or ``"excel"``) in which the registry or lock holds ``release``.

    A release the package pins has the package's format (a lock line edited by hand does
    not change it). The lock file chooses the format of another release only when it pins
    the release completely in it (every file of :data:`ONET_FILES`); a release nobody has
    pinned, or pinned only in part in text, defaults to ``"text"``.

    Raises
    ------
    exposure.errors.ExposureError
        ``release`` not of the form MAJOR.MINOR (None, ``["29.1"]`` returned ``"text"``);
        a release pinned in both formats (its files as ``.txt`` and ``.xlsx``: a text and
        an Excel recompute) and complete in neither, or complete in both, where the format
        must be given (the text files were read without a word); a release pinned only in
        part in Excel (an Excel recompute that stopped part-way), where the format must be
        given too: it was chosen by ``Task Statements.xlsx`` alone, so that later runs with
        no format read the Excel files without a word.
    exposure.errors.DataFormatError
        ``lock`` neither None nor a :class:`Lock`.

    Examples
    --------
    >>> onet_format("29.1"), onet_format("30.1"), onet_format("31.0")
    ('text', 'excel', 'text')
    """
    release = check_onet_release(release)
    _check_lock(lock)
    if any(name.startswith(f"onet/{release}/") for name in SOURCES):  # the package's format
        return "excel" if f"onet/{release}/Task Statements.xlsx" in SOURCES else "text"
    names = set(lock.entries()) if lock is not None else set()
    held = {fmt: [base for base in ONET_FILES if f"onet/{release}/{base}{ext}" in names]
            for fmt, ext in ONET_FORMATS.items()}
    whole = [fmt for fmt in ONET_FORMATS if len(held[fmt]) == len(ONET_FILES)]
    where = f"the lock file {lock.path}" if lock is not None else "the package"
    how = "give the format to read (--onet-format text or excel; onet_format= or fmt= in the API)"
    if len(whole) == 1:
        return whole[0]
    pinned = [fmt for fmt in ONET_FORMATS if held[fmt]]
    if len(pinned) > 1:
        # a text and an Excel recompute of one release: the text files were read without a word
        raise ExposureError(f"O*NET {release} is pinned in both formats ({' and '.join(pinned)}) by {where}: {how}")
    if held["excel"]:
        # an Excel recompute that stopped part-way: later runs read Excel without a word
        raise ExposureError(
            f"O*NET {release} is pinned only in part in excel format by {where} ({len(held['excel'])} of "
            f"{len(ONET_FILES)} files: {', '.join(held['excel'])}; a recompute that stopped part-way?): give "
            "the format to read (--onet-format excel to go on with those files, or text; onet_format= or fmt= "
            "in the API)")
    return "text"


def check_onet_format(fmt) -> str:
    """Refuse an O*NET format that is not ``"text"`` or ``"excel"``.

    Raises
    ------
    exposure.errors.DataFormatError
        For something that is not a string (a list raised ``TypeError: unhashable type``).
    exposure.errors.ExposureError
        For another string.

    Examples
    --------
    >>> check_onet_format("excel")
    'excel'
    >>> check_onet_format(["excel"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: fmt must be one of text, excel (str), got list ['excel']
    """
    check_choice(fmt, "fmt", ONET_FORMATS)
    if fmt not in ONET_FORMATS:
        raise ExposureError(f"unknown O*NET format {fmt!r}; choose text or excel")
    return fmt


def onet_name(release: str, base: str, fmt: str = "text") -> str:
    """Registry name of O*NET file ``base`` of ``release`` in format ``fmt``.

    ``base`` is the file name without extension; one given with the extension of ``fmt``
    (``"Task Statements.txt"``) is read without it (it made ``Task Statements.txt.txt``,
    a file no archive holds).

    Raises
    ------
    exposure.errors.ExposureError
        A malformed release, an unknown format.
    exposure.errors.DataFormatError
        ``fmt`` or ``base`` that is not a string; ``base`` that is no file name (empty,
        with surrounding spaces, or a ``/``), or ends with the extension of the other
        format (``"Job Zones.xlsx"`` in ``text``).

    Examples
    --------
    >>> onet_name("31.0", "Task Statements")
    'onet/31.0/Task Statements.txt'
    >>> onet_name("31.0", "Job Zones", "excel")
    'onet/31.0/Job Zones.xlsx'
    >>> onet_name("31.0", "Task Statements.txt")
    'onet/31.0/Task Statements.txt'
    >>> onet_name("31.0", "Job Zones.xlsx")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: base 'Job Zones.xlsx' ends with .xlsx, the extension of the excel format, but fmt is 'text': give the name without extension ('Job Zones')
    """
    what = "an O*NET file name such as 'Task Statements'"
    check_name(base, "base", what)  # None made 'None.txt'
    check_onet_format(fmt)
    ext, given = ONET_FORMATS[fmt], base
    for other, other_ext in ONET_FORMATS.items():
        if base.lower().endswith(other_ext):
            stem = base[: -len(other_ext)]
            if other != fmt:
                raise DataFormatError(f"base {base!r} ends with {other_ext}, the extension of the {other} format, "
                                      f"but fmt is {fmt!r}: give the name without extension ({stem!r})")
            base = stem
    if not base or base != base.strip() or "/" in base or "\\" in base:
        raise DataFormatError(f"base must be {what}, got {given!r}")
    return f"onet/{check_onet_release(release)}/{base}{ext}"


def oews_names(release, table: str = "by_industry") -> list[str]:
    """Registry names of the BLS files that make OEWS ``table`` of May ``release``.

    Raises
    ------
    exposure.errors.ExposureError
        A malformed release, an unknown table.
    exposure.errors.DataFormatError
        ``table`` that is not a string.

    Examples
    --------
    >>> oews_names(2026)
    ['oews/national_M2026_dl.xlsx', 'oews/natsector_M2026_dl.xlsx', 'oews/nat3d_M2026_dl.xlsx']
    """
    year = check_oews_release(release)
    check_choice(table, "table", OEWS_TABLE_FILES)
    if table not in OEWS_TABLE_FILES:
        raise ExposureError(f"unknown OEWS table {table!r}; choose one of "
                            f"{', '.join(OEWS_TABLE_FILES)}")
    return [f"oews/{prefix}_M{year}_dl.xlsx" for prefix in OEWS_TABLE_FILES[table]]


def layout_source(name: str) -> Source:
    """The (unpinned) source of ``name`` as the publisher's layout places it.

    Parameters
    ----------
    name : str
        ``onet/{release}/{file}.txt|.xlsx`` or ``oews/{national|natsector|nat3d}_M{yyyy}_dl.xlsx``.

    Returns
    -------
    Source
        With ``sha256 == ""`` and ``size == 0``.

    Raises
    ------
    exposure.errors.DataFormatError
        ``name`` is not a string (None raised a ``TypeError`` from :mod:`re`).
    exposure.errors.ExposureError
        When ``name`` follows no known layout, or names an O*NET file with two
        extensions (``Task Statements.txt.txt``: the archive member of that name was
        looked for) or in other capitals (``Job zones.txt``, naming the file).

    Examples
    --------
    >>> src = layout_source("onet/31.0/Task Statements.txt")
    >>> src.archive_url, src.member, src.pinned
    ('https://www.onetcenter.org/dl_files/database/db_31_0_text.zip', 'db_31_0_text/Task Statements.txt', False)
    >>> layout_source("oews/nat3d_M2026_dl.xlsx").member
    'oesm26in4/nat3d_M2026_dl.xlsx'
    """
    check_name(name, "name", "a source name such as 'onet/31.0/Task Statements.txt'")
    m = _ONET_NAME.match(name)
    if m:
        release, base, ext = m.groups()
        check_onet_release(release)  # 029.1 was a release of its own
        if base.lower().endswith(tuple(ONET_FORMATS.values())):
            raise ExposureError(f"unknown source {name!r}: the file name has two extensions (write "
                                f"'onet/{release}/{base}')")
        cased = _onet_file_cased(base)
        if cased is not None:  # 'Job zones.txt': no archive member (nor file, but on macOS) of that name
            raise ExposureError(f"unknown source {name!r}: O*NET's file is {cased + ext!r}, written with other "
                                "capitals (the names of the files in O*NET's archive are case-sensitive): "
                                f"write 'onet/{release}/{cased}{ext}'")
        if "/" in base or "\\" in base or base != base.strip() or base in (".", ".."):
            # as onet_name refuses it: the archive's files lie in one folder
            raise ExposureError(f"unknown source {name!r}: {base!r} is not an O*NET file name (the files "
                                f"of a release lie in one folder: onet/{release}/<file>{ext})")
        a, b = release.split(".")
        fmt = "text" if ext == ".txt" else "excel"
        archive = ONET_ARCHIVE.format(a=a, b=b, fmt=fmt)
        return Source(
            name=name, release=release, url=archive, sha256="", size=0,
            licence="CC BY 4.0", attribution=_ONET_ATTRIBUTION.format(release=release),
            notes=f"O*NET {release} database ({fmt} format), from the publisher's layout.",
            kind="onet", archive_url=archive, member=f"db_{a}_{b}_{fmt}/{base}{ext}")
    m = _OEWS_NAME.match(name)
    if m:
        prefix, year = m.groups()
        url, folder = (s.format(yy=year[2:]) for s in OEWS_ARCHIVES[prefix])
        release = f"May {year}"
        return Source(
            name=name, release=release, url=url, sha256="", size=0, licence=_BLS_LICENCE,
            attribution=_BLS_ATTRIBUTION.format(release=release),
            notes=f"BLS OEWS {release} {prefix} file, from the publisher's layout.",
            kind="oews", archive_url=url, member=f"{folder}/{name.removeprefix('oews/')}")
    raise ExposureError(
        f"unknown source {name!r}: it is not in the registry and follows no release layout "
        "(onet/<release>/<file>.txt|.xlsx, oews/national|natsector|nat3d_M<year>_dl.xlsx)")


def _onet_file_cased(base: str) -> str | None:
    """The name of an O*NET file that ``base`` (a file name without extension) writes in other capitals, else None.

    The files the library reads (:data:`ONET_FILES`) and those of the releases the package
    pins. ``onet/31.0/Job zones.txt`` followed the layout: its member
    ``db_31_0_text/Job zones.txt`` is in no archive of O*NET's (the release was downloaded
    and refused for it), and a release folder holding ``Job Zones.txt`` was said to hold
    the file "renamed by the publisher? give the file the name 'Job zones.txt'", where
    the name asked for was the one to fix (and on a file system that ignores case, such
    as macOS's, the file was read and pinned under that name).

    Examples
    --------
    >>> _onet_file_cased("Job zones"), _onet_file_cased("Job Zones"), _onet_file_cased("Skills 2")
    ('Job Zones', None, None)
    """
    known = {*ONET_FILES, *(n.rsplit("/", 1)[-1].rpartition(".")[0] for n in SOURCES if n.startswith("onet/"))}
    if base in known:
        return None
    return next((k for k in sorted(known) if k.lower() == base.lower()), None)


def source_for(name: str, lock: Lock | None = None) -> Source:
    """The source of ``name``: the registry's pin, else the lock's, else the layout's.

    A file the lock pins has the lock's sha256 and size, and its URL and archive member
    when the line gives a URL (as :func:`exposure.fetch.fetch` downloads it; the
    layout's were returned, and listed by :func:`releases_frame`); a line without a URL
    keeps the layout's.

    Examples
    --------
    >>> source_for("onet/29.1/Task Statements.txt").pinned
    True
    >>> source_for("onet/31.0/Task Statements.txt").pinned
    False
    >>> source_for("onet/29.1/Task Statement.txt")  # a typo in a pinned release
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: unknown source 'onet/29.1/Task Statement.txt': O*NET 29.1 is pinned by the package and has no such file

    Raises
    ------
    exposure.errors.DataFormatError
        ``name`` is not a string; ``lock`` is neither None nor a :class:`Lock` (checked
        even for a name the registry pins, where it was ignored).
    exposure.errors.ExposureError
        An unknown source (above, and :func:`layout_source`).
    """
    check_name(name, "name", "a source name such as 'onet/31.0/Task Statements.txt'")
    _check_lock(lock)
    if name in SOURCES:
        return SOURCES[name]
    m = _ONET_NAME.match(name)
    if m and any(n.startswith(f"onet/{m.group(1)}/") for n in SOURCES):
        raise ExposureError(f"unknown source {name!r}: O*NET {m.group(1)} is pinned by the "
                            "package and has no such file")
    src = layout_source(name)
    if lock is not None:
        entry = lock.entries().get(name)
        if entry is not None:
            src = pinned_by_lock(src, entry)
    return src


def pinned_by_lock(src: Source, entry: dict) -> Source:
    """``src`` (a layout's source) as the lock line ``entry`` pins it.

    The lock's sha256 and size, and its URL and archive member when the line gives a URL:
    those the pinned bytes came from and a fetch downloads (the layout's were listed by
    :func:`releases_frame`); a line without a URL keeps the layout's. Shared by
    :func:`source_for` and the downloads (:mod:`exposure.fetch`).

    Examples
    --------
    >>> src = layout_source("onet/31.0/Job Zones.txt")
    >>> pinned = pinned_by_lock(src, {"sha256": "a" * 64, "size": "3", "url": "", "member": ""})
    >>> pinned.size, pinned.url == src.url
    (3, True)
    """
    url, member = entry.get("url") or "", entry.get("member") or None
    where = {"url": url, "archive_url": url if member else None, "member": member} if url else {}
    return dataclasses.replace(src, sha256=entry["sha256"], size=int(entry["size"]), **where,
                               notes=src.notes + " Pinned by the lock file.")


# ---------------------------------------------------------------------------------------
# The lock file
# ---------------------------------------------------------------------------------------

_LOCK_HEADER = (
    "# exposure.lock: sha256 of upstream files that the package registry does not pin.\n"
    "# Written by exposure when it downloads and validates a file of a new release; later\n"
    "# runs verify against it. Review it; delete a line to download that file again.\n"
)
_LOCK_COLUMNS = ("name", "size", "sha256", "url", "member")
#: A sha256 as the lock file holds it (read in either case, as :func:`exposure.fetch.verify` reads one).
_SHA256_HEX = re.compile(r"[0-9a-fA-F]{64}")


@dataclasses.dataclass(frozen=True)
class Lock:
    """The lock file: one ``name size sha256 url member`` line per pinned new file.

    Parameters
    ----------
    path : str or os.PathLike
        The lock file (need not exist yet).

    Raises
    ------
    exposure.errors.DataFormatError
        ``path`` that is not a path (``TypeError`` from :mod:`pathlib` before), or that
        starts with ``~`` (``Lock("~/study/exposure.lock")``: nothing expands it, so the
        lock read as holding no pin and :meth:`pin` wrote a folder named ``~`` in the
        current directory; :class:`~exposure.fetch.DataStore` expands ``~`` in its home,
        so give that path or the full one), or that is relative in a current directory
        that was removed (:func:`exposure._io.lost_cwd`: it read as holding no pin, and
        :meth:`pin` raised a bare ``FileNotFoundError``); from :meth:`entries`, a damaged lock file
        (naming its row and column: a line without a name was pinned under the name
        ``''``), one that pins a file twice with different sha256 or size, or from another
        URL or archive member (the last line won without a word), one whose header has other columns (naming the header's row
        and the columns that differ).

    Examples
    --------
    >>> import hashlib, pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "x.txt").write_bytes(b"abc")
    >>> lock = Lock(d / "exposure.lock")
    >>> lock.pin(layout_source("onet/31.0/Job Zones.txt"), d / "x.txt")["sha256"][:12]
    'ba7816bf8f01'
    >>> source_for("onet/31.0/Job Zones.txt", lock).pinned
    True
    >>> print(lock.path.read_text().splitlines()[-1])  # doctest: +NORMALIZE_WHITESPACE
    onet/31.0/Job Zones.txt 3 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    https://www.onetcenter.org/dl_files/database/db_31_0_text.zip db_31_0_text/Job Zones.txt
    """

    path: Path

    def __post_init__(self):
        path = check_path(self.path, "path", "a lock file path")
        reason = unexpanded_home(path)  # '~/h/exposure.lock': read as no pin, pinned into ./~/h/
        # a relative path in a removed current directory: read as no pin, a bare FileNotFoundError from pin
        reason = reason or lost_cwd(path)
        if reason is not None:
            raise DataFormatError(reason, path=path)
        object.__setattr__(self, "path", path)

    def entries(self) -> dict[str, dict[str, str]]:
        """Name -> entry (``size``, ``sha256``, ``url``, ``member``); empty if no file.

        A byte-order mark (a lock saved by a Windows editor) is read past: it was called
        "not a lock file". A sha256 in upper-case hexadecimal is read, in lower case (as
        :func:`exposure.fetch.verify` reads a digest in either case); it was refused as not
        "64 hexadecimal digits".

        A line of white space only (a pin blanked in an editor, or cleared in a spreadsheet,
        which writes its empty row as ``\\t\\t\\t\\t``) is an empty line, and a comment may be
        indented: they were refused as ``too few fields: expected 5, got 1`` and ``name
        missing``, after the documented way to accept a new upstream file (delete its line).

        Raises
        ------
        exposure.errors.DataFormatError
            Naming the lock file, the line and the column: a line of more or fewer than the
            five tab-separated fields (the extra ones were dropped, the missing ones read as
            None), a name missing or with surrounding spaces (its pin matched no file), a
            size or sha256 that is not one (a size in other digits than 0-9, such as ``³``,
            passed and raised a ``ValueError`` later), a file pinned twice with different
            pins (a size with leading zeros is read as its number: ``0190`` was "another
            size" than ``190``); a header with other columns, naming its row and the columns missing,
            unexpected or given twice (a bare ``ExposureError`` that named neither); a name
            that is absolute or has a ``..`` segment, or holds a control character or line
            separator (read and listed, refused only when a fetch used it); a URL that is
            not ``http://`` or ``https://`` (``ftp://``, ``file:///``, none) or an archive
            member that is absolute or has a ``..`` segment (both refused only by a
            download); an archive member without a URL (a release file was downloaded from
            the layout's archive and member, the lock's dropped without a word). Rows are
            counted at ``\\n``, ``\\r\\n`` and ``\\r`` only: a form feed or U+2028 in a line
            split it, so the rows below were misnumbered. A name, URL or archive member
            holding an invisible character (a zero-width space, U+FEFF, copied with the
            text), and a release file's name holding a no-break space or full-width letter
            inside (``Job\\u00a0Zones.txt``): read as pins nobody asks for, or URLs a
            download fails on, naming neither the lock file nor the line. The marker lines of
            an unresolved merge conflict (``<<<<<<< HEAD``, ``=======``, ``>>>>>>> theirs``:
            a lock file kept with the analysis in git, pinned on two branches), which were
            refused as "too few fields ... (fields are separated by tabs)". A lock file that is
            not UTF-8 text, naming its encoding when it is UTF-16 or UTF-32 (PowerShell's
            ``>``, Notepad's "Unicode") and else the row and column of the first byte that is
            not UTF-8 (a review note typed in Windows-1252): ``not a lock file: not UTF-8 text
            (byte 0)`` named neither. An O*NET file's name or archive member in other capitals
            (``onet/31.0/Job zones.txt``, pinned on a file system that ignores case): read as the
            pin of a custom source nobody asks for, whose member no archive holds.
        """
        if not self.path.is_file():
            if self.path.exists():  # a directory, a pipe: "no pinned file yet" hid it
                raise DataFormatError("not a lock file: it exists and is not a regular file",
                                      path=self.path)
            above = _file_above(self.path.parent)
            if above is not None:  # $EXPOSURE_HOME set to a file: "no pinned file yet" hid it
                raise DataFormatError(f"cannot be read: {above} is a file, not a directory (is $EXPOSURE_HOME "
                                      "set to a file?)", path=self.path)
            return {}
        try:
            data = self.path.read_bytes()
        except OSError as exc:  # another user's 0600 lock file: a bare PermissionError
            raise InputError(exc.strerror or str(exc), path=self.path, errno=exc.errno) from None
        text = _lock_text(data, self.path)  # UTF-16 and a comment in Windows-1252 named, with the row
        # lines as a text editor counts them: str.splitlines also broke at a form feed,
        # U+2028, ..., so every row below it was misnumbered (as in the registry reader)
        numbered = [(i, ln) for i, ln in enumerate(_LINE_BREAK.split(text), start=1) if _is_data_line(ln)]
        if not numbered:
            return {}
        # "too few fields (fields are separated by tabs)", or "not the header" above it, hid the cause
        marker = next(((line, ln) for line, ln in numbered if _CONFLICT_MARKER.fullmatch(ln)), None)
        if marker is not None:
            raise DataFormatError(f"{marker[1]!r} is a marker of an unresolved merge conflict (git merged two "
                                  "versions of the lock file): keep the lines of the pins you reviewed and delete "
                                  "the marker lines", path=self.path, row=marker[0])
        fields, records = _parse_lines(numbered, self.path)
        _check_header(fields, numbered[0][0], self.path)
        out, rows = {}, {}
        for (line, _), row in zip(numbered[1:], records):
            # extra fields went under the key None, missing ones were None: read without a word
            got = len(_LOCK_COLUMNS) + len(row.get(None) or ()) - sum(row.get(c) is None for c in _LOCK_COLUMNS)
            if got != len(_LOCK_COLUMNS):
                raise DataFormatError(f"too {'many' if got > len(_LOCK_COLUMNS) else 'few'} fields: expected "
                                      f"{len(_LOCK_COLUMNS)}, got {got} (fields are separated by tabs)",
                                      path=self.path, row=line)
            if not row.get("name"):  # pinned under the name ''
                raise DataFormatError("name missing", path=self.path, row=line, column="name")
            _check_line_name(row["name"], line, self.path)
            # a pin is a size and a sha256: anything else would fail later, far from here
            # (str.isdigit passed '³', which int() then refused with a ValueError)
            if not re.fullmatch(r"[0-9]+", str(row.get("size") or "")):
                raise DataFormatError(_size_refused(row.get("size")), path=self.path, row=line, column="size")
            if not _SHA256_HEX.fullmatch(str(row.get("sha256") or "")):
                raise DataFormatError(f"sha256 must be 64 hexadecimal digits, got {row.get('sha256')!r}",
                                      path=self.path, row=line, column="sha256")
            # read in either case, as exposure.fetch.verify reads a digest; compared in lower case;
            # a size with leading zeros ("0190", a hand edit) as its number: compared as written,
            # it was a pin "of another size" than the package's or the same file's
            row["sha256"], row["size"] = row["sha256"].lower(), str(int(row["size"]))
            _check_unpadded(row, line, self.path)
            _check_lock_url(row["url"], row["name"], line, self.path)  # columns checked left to right
            _check_lock_member(row["member"], row["name"], line, self.path)
            _check_member_url(row["member"], row["url"], row["name"], line, self.path)
            _check_package_pin(row, line, self.path)
            _check_origin(row["name"], row["url"], row["member"], line, self.path)
            _check_repeat(row, out.get(row["name"]), rows.get(row["name"]), line, self.path)
            out[row["name"]] = row
            rows.setdefault(row["name"], line)
        return out

    def pin(self, src: Source, path, *, replace: bool = True, sha256: str | None = None) -> dict[str, str]:
        """Record the sha256 and size of ``path`` as the pin of ``src``; return the entry.

        The lock file is read, changed and written again (renamed into place) under an
        exclusive :func:`fcntl.flock` on a sidecar file beside it (``.exposure.lock.flock``;
        beside the file a symbolic link points to), so that two processes pinning at once
        (two recomputes of new releases) both keep their pins: without it, the last to
        write won and the other's pin was lost without a word. Where file locks are not
        available (Windows, a network file system without locks) the pin is written
        without one, as before, with a logged warning for the latter. A pin that has to wait
        for another says so (a logged warning, once). A lock file that is a symbolic link is
        written where it points, even before that file exists (the link was replaced), but
        not into a folder that does not exist (a drive not mounted: it was made).

        Parameters
        ----------
        src : Source
            The source pinned (its name keys the entry).
        path : str or os.PathLike
            The file whose bytes are pinned.
        replace : bool, default True
            Replace a pin of ``src.name`` with another sha256 or size. With False (as
            :func:`exposure.fetch.fetch_table` pins a file it read for the first time) such
            a pin, recorded meanwhile by another run that read another version of the file,
            is kept and an error raised; the same pin is kept and returned.
        sha256 : str, optional
            The sha256 of the bytes the caller read, as 64 hexadecimal digits (``hashlib``'s
            ``hexdigest()``, in either case): ``path`` must still have it (another run may
            have replaced the file while it was read), else nothing is pinned.

        Raises
        ------
        exposure.errors.DataFormatError
            ``src`` that is not a :class:`~exposure.sources.Source` (an ``AttributeError``
            before), ``path`` that is not a path; with ``replace=False``, a pin of another
            sha256 or size already in the lock file (naming the lock file, its row and the
            column ``sha256``); ``path`` no longer has ``sha256``; ``src`` whose URL is not
            ``http://`` or ``https://``, whose member is absolute or has a ``..`` segment or
            comes without a URL, or whose name :meth:`entries` does not read (a tab or line
            break, surrounding spaces, ``Job Zones.TXT``): :meth:`entries` refuses such a
            line, so the lock file would be refused as a whole; ``src`` of a file the package
            pins when ``path`` has other bytes (the line was written, and :meth:`entries` then
            refused the whole lock file: every later run stopped on it); ``sha256`` that is not 64
            hexadecimal digits (text: ``hashlib``'s ``digest()``, bytes, a digest with
            spaces around it or cut short was refused as "changed while it was read
            (another run replaced it?)", a number or a ``hashlib`` object raised an
            ``AttributeError``), ``replace`` that is not True or False (``"no"`` was read as
            True: the pin replaced without a word); nothing is pinned.
        exposure.errors.InputError
            ``path`` is missing or a directory (``FileNotFoundError``,
            ``IsADirectoryError`` before); the lock file is left as it was.
        exposure.errors.OutputError
            The lock file is a symbolic link into a folder that does not exist
            (:func:`_refuse_link_to_missing_folder`), or its sidecar cannot be used
            (:func:`_pinning`); nothing is pinned.
        """
        check_flag(replace, "replace")  # "no" was read as True: a pin to keep was replaced
        entry = self._entry(src, path, sha256)
        with _pinning(self.path):
            entries = self.entries()
            if not replace:
                kept = self._kept(src, entry, entries.get(src.name), path, replace=False)
                if kept is not None:
                    return kept
            entries[src.name] = entry
            self._write(entries)
        return entry

    def _kept(self, src: Source, entry: dict[str, str], before: dict[str, str] | None, path, *,
              replace: bool) -> dict[str, str] | None:
        """The pin ``before`` when it pins the bytes of ``entry``; None to pin ``entry``.

        A pin ``before`` of other bytes is replaced (None) with ``replace``; without it,
        refused: another run read another version of the file and pinned it meanwhile.
        """
        check_flag(replace, "replace")  # as Lock.pin, for the pins a run holds (exposure.fetch)
        if before is None:
            return None
        if (before["sha256"], before["size"]) == (entry["sha256"], entry["size"]):
            return {c: before[c] for c in _LOCK_COLUMNS}
        if replace:
            return None
        raise DataFormatError(
            f"{src.name} is already pinned with sha256 {before['sha256']} ({before['size']} bytes), "
            f"but the file read now ({path}) has sha256 {entry['sha256']} ({entry['size']} bytes): another run "
            "read another version of it and pinned it meanwhile; nothing was pinned. Check which "
            "version you want: to pin the one read now, delete that line and run again", path=self.path,
            row=_entry_row(self.path, src.name), column="sha256")

    @staticmethod
    def _entry(src: Source, path, sha256: str | None) -> dict[str, str]:
        """The lock entry of ``src`` read from ``path``, checked as :meth:`pin` checks it."""
        if not isinstance(src, Source):
            raise DataFormatError("src must be an exposure.sources.Source (e.g. layout_source(name)), "
                                  f"got {shown(src)}")
        if sha256 is not None and not (isinstance(sha256, str) and _SHA256_HEX.fullmatch(sha256)):
            # bytes (hashlib's digest()), a padded or cut digest: "changed while it was read"; 5: AttributeError
            raise DataFormatError(f"sha256 must be 64 hexadecimal digits (hashlib's hexdigest()), got "
                                  f"{shown(sha256)}; nothing was pinned")
        if not _is_lock_url(src.download_url):  # the lock file's reader would refuse the line
            raise DataFormatError(f"{src.name}: cannot pin it: its URL {src.download_url!r} is not an http:// or "
                                  "https:// URL, which is all the lock file holds; nothing was pinned")
        if _outside(src.member or ""):  # as for the URL: the reader would refuse the line
            raise DataFormatError(f"{src.name}: cannot pin it: its archive member {src.member!r} is absolute or has "
                                  "a '..' segment, which the lock file does not hold; nothing was pinned")
        if src.member and not src.download_url:  # as for the URL: the reader would refuse the line
            raise DataFormatError(f"{src.name}: cannot pin it: it has an archive member ({src.member!r}) but no "
                                  "URL of the archive, which the lock file does not hold; nothing was pinned")
        try:  # a name the reader refuses (a tab, a line break, 'Job Zones.TXT'): the lock file was refused as a whole
            _check_line_name(src.name, 0, Path(LOCK_NAME))
        except DataFormatError as exc:
            raise DataFormatError(f"{src.name!r}: cannot pin it under that name, which the lock file does not "
                                  f"hold ({exc.reason}); nothing was pinned") from None
        try:  # a padded URL or member, one of another release or file: the reader would refuse the line
            _check_unpadded({"name": src.name, "url": src.download_url, "member": src.member or ""}, 0,
                            Path(LOCK_NAME))
            _check_lock_url(src.download_url, src.name, 0, Path(LOCK_NAME))  # a space in it
            _check_origin(src.name, src.download_url, src.member or "", 0, Path(LOCK_NAME))
        except DataFormatError as exc:
            raise DataFormatError(f"{src.name}: cannot pin it: {exc.reason}; nothing was pinned") from None
        path = check_path(path, "path")
        if not path.is_file():
            raise InputError("is a directory, not a file" if path.is_dir() else "not found", path=path)
        digest = _sha256(path)
        if sha256 is not None and digest != sha256.lower():
            raise DataFormatError(f"{src.name} changed while it was read (another run replaced it?): read with "
                                  f"sha256 {sha256.lower()}, it has {digest} now; nothing was pinned: run again",
                                  path=path)
        size = path.stat().st_size
        package = _package_pin(src.name, digest, size)
        if package is not None:  # the reader refuses such a line: the lock file was refused as a whole
            raise DataFormatError(f"{src.name}: cannot pin it: it is pinned by the package (sha256 {package.sha256}, "
                                  f"{package.size} bytes), which a lock file cannot change, and {path} has other "
                                  f"bytes (sha256 {digest}, {size} bytes); nothing was pinned")
        return {"name": src.name, "size": str(size), "sha256": digest,
                "url": src.download_url, "member": src.member or ""}

    def _write(self, entries: dict[str, dict[str, str]]) -> None:
        """Write ``entries`` as the whole lock file, atomically (the caller holds :func:`_pinning`).

        The comment lines a user wrote into the file (a review note: ``# checked against
        the publisher's list``) are kept, each above the line it stood above
        (:func:`_user_comments`): the file was written anew from the entries alone, so the
        next pin dropped them without a word.
        """
        real = Path(os.path.realpath(self.path))
        notes = _user_comments(real)
        buf = io.StringIO()
        buf.write(_LOCK_HEADER)
        buf.writelines(f"{note}\n" for note in notes.get("", ()))
        writer = csv.DictWriter(buf, _LOCK_COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        for name in sorted(entries):
            buf.writelines(f"{note}\n" for note in notes.get(name, ()))
            writer.writerow({c: entries[name][c] for c in _LOCK_COLUMNS})
        # those above a line no longer there, or ending the file, end it
        buf.writelines(f"{note}\n" for key, kept in notes.items() if key != "" and key not in entries
                       for note in kept)
        # where a symbolic link points, even a dangling one (a lock kept beside the
        # analysis, linked before its first pin): the link was replaced by a file
        with atomic_path(real) as tmp:
            tmp.write_text(buf.getvalue(), "utf-8")


def _user_comments(path: Path) -> dict:
    """The comment lines of lock file ``path`` that are not the library's, by the line they stand above.

    Keyed by the name of the entry below them, ``""`` for those above the header and
    None for those ending the file. Empty when the file is missing or unreadable (its
    reader says why). The name is read as :meth:`Lock.entries` reads it: one a spreadsheet
    quoted (``"onet/31.0/Education, Training, and Experience.txt"``, a name with a comma)
    was the key with its quotes, so the comments above it were moved to the end of the
    file at the next pin.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "exposure.lock"
    >>> _ = p.write_text(_LOCK_HEADER + "name\\tsize\\tsha256\\turl\\tmember\\n# reviewed\\n"
    ...                  "onet/31.0/Job Zones.txt\\t...\\n# end\\n")
    >>> _user_comments(p)
    {'onet/31.0/Job Zones.txt': ['# reviewed'], None: ['# end']}
    """
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    ours = set(_LOCK_HEADER.splitlines())
    out: dict = {}
    pending, header = [], False
    for line in _LINE_BREAK.split(text):
        if _is_comment(line):  # an indented or quoted comment too, as Lock.entries reads it
            if line not in ours and _unquoted(line) not in ours:
                pending.append(line)
        elif _is_data_line(line):  # a line of white space only is an empty line
            key = _line_name(line) if header else ""
            header = True
            if pending:
                out.setdefault(key, []).extend(pending)
                pending = []
    if pending:
        out.setdefault(None, []).extend(pending)
    return out


def _line_name(line: str) -> str:
    """The name (first field) of the pin ``line`` of a lock file, unquoted as :mod:`csv` reads it.

    Examples
    --------
    >>> _line_name('"onet/31.0/Education, Training, and Experience.txt"\\t3'), _line_name("onet/a.txt\\t3")
    ('onet/31.0/Education, Training, and Experience.txt', 'onet/a.txt')
    """
    try:
        return next(csv.reader([line], delimiter="\t"), [""])[0]
    except (csv.Error, IndexError):  # a field too long: Lock.entries names it
        return line.split("\t", 1)[0]


def _unquoted(line: str) -> str:
    """The comment ``line`` of a lock file without the quotes a spreadsheet put around it (:func:`_is_comment`).

    Examples
    --------
    >>> _unquoted('"# read ""as is"", checked"\\t\\t'), _unquoted("# a")
    ('# read "as is", checked', '# a')
    """
    text = line.strip()
    if text.startswith('"#'):
        return next(csv.reader([text], delimiter="\t"))[0]
    return line


@contextlib.contextmanager
def _pinning(path: Path):
    """Hold an exclusive :func:`fcntl.flock` on the sidecar of the lock file ``path``.

    The sidecar ``.<name>.flock`` lies beside the file ``path`` is, or points to (a lock
    file linked from two homes is one file: its writers must take turns). It is never
    renamed, unlike the lock file itself, whose inode changes at every write. Blocks until
    the other writer is done (a pin holds it for a read and a write). Without
    :mod:`fcntl`, or when the sidecar cannot be created in a directory this user may not
    write (the write then fails with its own error), the block runs without the lock; a
    file system without locks runs it with a logged warning. Another user's sidecar is
    locked as it is, opened for reading (:func:`fcntl.flock` needs no write access).

    Raises
    ------
    exposure.errors.OutputError
        The sidecar is a directory, a symbolic link to nothing or a special file (a named
        pipe, a device: :func:`exposure._outdir._odd_lock_file`), or cannot be opened for
        another reason (a loop of links, a name too long): the pin was written without the
        lock, a debug line its only word (a link to nothing made the file it named, and
        ``/dev/null`` was locked, for every program locking it). Nothing is pinned.
    """
    _refuse_link_to_missing_folder(path)  # the folder was made, on the disk below the mount point
    real = Path(os.path.realpath(path))
    fd = None
    if fcntl is not None:
        side = real.parent / f".{real.name}.flock"
        _refuse_odd_sidecar(path)  # it was pinned without the lock, a debug line its only word
        try:
            real.parent.mkdir(parents=True, exist_ok=True)
            fd = _open_lock_file(side)  # another user's sidecar, opened for reading
        except OSError as exc:
            if real.parent.is_dir() and (exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS)
                                         or os.path.lexists(side)):
                raise _side_error(side, path, exc.strerror or str(exc)) from exc
            # no folder, or one that takes no new file: the lock file's own write fails, naming it
            log.debug("cannot create %s (%s): pinning without a lock", side, exc)
        else:
            try:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:  # another run pins: it was waited for without a word
                    log.warning("waiting for another run that is writing the lock file %s (it holds %s)",
                                path, side)
                    fcntl.flock(fd, fcntl.LOCK_EX)
            except OSError as exc:  # ENOLCK: a network file system without locks
                log.warning("cannot lock %s (%s): a pin written by another process at the same time "
                            "may be lost", side, exc.strerror or exc)
                os.close(fd)
                fd = None
            except BaseException:  # a signal while waiting (SIGTERM under terminate_cleanly)
                os.close(fd)
                raise
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)  # releases the lock


#: Why a folder a symbolic link points into may be missing, said wherever one is found
#: (the lock file's link, ``$EXPOSURE_HOME``, a folder of a mirror).
_FOLDER_GONE = "(a drive not mounted, or the folder moved?)"


def _refuse_link_to_missing_folder(path) -> None:
    """Refuse the lock file ``path`` that is a symbolic link into a folder that does not exist (a drive not mounted).

    A lock file linked to one kept elsewhere is written where it points, even before that
    file exists (:meth:`Lock._write`); but where the folder it points into was missing (a
    drive not mounted, a folder moved), that folder was made, on the disk below the mount
    point, and the pins were written there: hidden once the drive is mounted, and the
    lock file on it never got them. Also called before a run that pins
    (:func:`exposure.fetch.check_lock_writable`).

    Raises
    ------
    exposure.errors.OutputError
        ``L: cannot write: it is a symbolic link to T, whose folder F does not exist (a
        drive not mounted, or the folder moved?), where exposure keeps the pins of new
        release files: mount or restore the folder, or remove the link (the lock file then
        takes its place); nothing was pinned``.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> (d / "exposure.lock").symlink_to(d / "usb" / "exposure.lock")
    >>> _refuse_link_to_missing_folder(d / "exposure.lock")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.OutputError: .../exposure.lock: cannot write: it is a symbolic link to .../usb/exposure.lock, whose folder .../usb does not exist (a drive not mounted, ...
    """
    if not os.path.islink(path):
        return
    real = Path(os.path.realpath(path))
    if real.parent.exists():
        return
    raise OutputError(f"it is a symbolic link to {os.readlink(path)}, whose folder {real.parent} does not exist "
                      f"{_FOLDER_GONE}, where exposure keeps the pins of new release files: "
                      "mount or restore the folder, or remove the link (the lock file then takes its place); nothing "
                      "was pinned", path=path)


def _refuse_odd_sidecar(path) -> None:
    """Refuse the sidecar of the lock file ``path`` (:func:`_pinning`) that is no regular file: a directory, a link to nothing, a pipe.

    Also called before a run that pins when it succeeds
    (:func:`exposure.fetch.check_lock_writable`): such a sidecar was found only after the
    whole computation.

    Raises
    ------
    exposure.errors.OutputError
        Naming the sidecar, what it is and the lock file (:func:`_side_error`).

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _refuse_odd_sidecar(d / "exposure.lock")  # none yet: made by the pin
    >>> (d / ".exposure.lock.flock").mkdir()
    >>> _refuse_odd_sidecar(d / "exposure.lock")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.OutputError: .../.exposure.lock.flock: cannot write: it is a directory, where exposure makes ...
    """
    if fcntl is None:  # no file locks here: no sidecar is made or used
        return
    real = Path(os.path.realpath(path))
    side = real.parent / f".{real.name}.flock"
    odd = _odd_lock_file(side)
    if not odd and os.path.islink(side):
        try:
            os.stat(side)
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # "Too many levels of symbolic links"
                odd = f"a symbolic link that loops ({side} -> {os.readlink(side)})"
    if odd:
        raise _side_error(side, Path(path), f"it is {odd}")


def _side_error(side: Path, path: Path, why: str) -> OutputError:
    """The error of the sidecar ``side`` of the lock file ``path`` that :func:`_pinning` cannot use.

    Examples
    --------
    >>> str(_side_error(Path("/h/.exposure.lock.flock"), Path("/h/exposure.lock"), "it is a directory"))
    '/h/.exposure.lock.flock: cannot write: it is a directory, where exposure makes an empty file to take turns in writing the lock file /h/exposure.lock; remove it (or move it away) and run again; nothing was pinned'
    """
    return OutputError(f"{why}, where exposure makes an empty file to take turns in writing the lock file {path}; "
                       "remove it (or move it away) and run again; nothing was pinned", path=side)


def _file_above(path: Path) -> Path | None:
    """The file (not a directory) at or above ``path`` that stops it being a directory; else None.

    Examples
    --------
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "f.txt"
    >>> _ = f.write_text("x")
    >>> _file_above(f / "sub") == f, _file_above(f.parent / "new")
    (True, None)
    """
    try:
        here = path if path.exists() else _existing_parent(path)
        return None if here is None or here.is_dir() else here
    except OSError:  # a name too long, no permission: left to the read or write to report
        return None


#: Line breaks of a lock file as a text editor counts them (not those of str.splitlines).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _is_data_line(line: str) -> bool:
    """Whether ``line`` of a lock file is a header or pin line: neither blank nor a comment.

    A line of white space only (``"   "``, or ``"\\t\\t\\t\\t"``: a spreadsheet's empty row)
    is blank, and a comment may be indented (``"  # reviewed"``); no name of a pin starts
    with white space (:func:`_check_line_name` refuses it).

    Examples
    --------
    >>> [_is_data_line(s) for s in ("name\\tsize", "", "  ", "\\t\\t\\t\\t", "# note", "  # note")]
    [True, False, False, False, False, False]
    """
    return bool(line.strip()) and not _is_comment(line)


def _is_comment(line: str) -> bool:
    """Whether ``line`` of a lock file is a comment, as written or as a spreadsheet saved it.

    A lock file reviewed in Excel or LibreOffice and saved again as tab-separated text
    holds its comment lines that have a comma or a quote in quotes (``"# checked, ok"``,
    with the quotes inside doubled), and maybe the tabs of the row's empty cells after
    them: that line was read as the header (``its first line that is not a comment is not
    the header``) or as a pin (``too few fields``), where it is a comment still. No name
    of a pin starts with ``"#``.

    Examples
    --------
    >>> [_is_comment(s) for s in ("# a", "  # a", '"# a, b"', '"# a, b"\\t\\t\\t\\t', "name\\tsize", '"name"')]
    [True, True, True, True, False, False]
    """
    return line.strip().startswith(("#", '"#'))


def _parse_lines(numbered: list, path: Path) -> tuple[list[str], list[dict]]:
    """The header and the records of the lock file ``path``, from its ``(row, line)`` pairs ``numbered``.

    A line that :mod:`csv` cannot read (a field of more than 128 KiB: a file of one long
    line, not a lock file) raised a bare ``_csv.Error: field larger than field limit
    (131072)``; it is named with its row.

    Examples
    --------
    >>> _parse_lines([(4, "name\\tsize"), (5, "a\\t1")], Path("exposure.lock"))
    (['name', 'size'], [{'name': 'a', 'size': '1'}])
    """
    reader = csv.DictReader(io.StringIO("\n".join(ln for _, ln in numbered)), delimiter="\t")
    try:
        return list(reader.fieldnames or ()), list(reader)
    except csv.Error as exc:
        row = numbered[min(max(reader.line_num, 1), len(numbered)) - 1][0]
        raise DataFormatError(f"not a lock file: {exc} (a lock file holds lines of five short fields separated by "
                              "tabs)", path=path, row=row) from None


def _lock_text(data: bytes, path: Path) -> str:
    """The text of the lock file ``path`` (its bytes ``data``), UTF-8 with or without a byte-order mark.

    Raises
    ------
    exposure.errors.DataFormatError
        Text in UTF-16 or UTF-32 (a lock file rewritten by PowerShell's ``>`` or saved as
        Notepad's "Unicode"), named so; a NUL byte (a binary file, or one zeroed by a
        crash: ``too few fields``), naming its row; a byte that is not UTF-8 (a review note
        typed in Windows-1252), naming its row and column, the byte and what it is in
        Windows-1252.

    Examples
    --------
    >>> _lock_text(b"name\\tsize\\n# r\\xe9vis\\xe9\\n", Path("exposure.lock"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposure.lock, row 2: not UTF-8 text: byte 0xe9 is not valid UTF-8 (byte offset 13; 'é' in Windows-1252): save the lock file as UTF-8
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE starts both
        found = "UTF-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(data[:512]):
        found = "UTF-16"
    else:
        found = None
    if found is not None:
        raise DataFormatError(f"not a lock file: not UTF-8 text, but {found} (rewritten by PowerShell's '>', or "
                              "saved as Notepad's 'Unicode'?): save it as UTF-8", path=path)
    nul = data.find(b"\x00")
    if nul >= 0:  # a binary file, or one zeroed by a crash: "too few fields" or "not valid UTF-8"
        raise nul_error(path, nul, len(_LINE_BREAK.findall(data[:nul].decode("utf-8", "replace"))) + 1,
                         data[:512])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # the error's offset counts from after a byte-order mark (utf-8-sig drops it first)
        offset = exc.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
        before = data[:offset].decode("utf-8-sig")
        lines = _LINE_BREAK.split(before)
        line = lines[-1]
        field = line.count("\t")
        column = None if _is_comment(line) or field >= len(_LOCK_COLUMNS) else _LOCK_COLUMNS[field]
        byte = data[offset]
        char = windows_1252_char(byte)
        said = "" if char is None else f"; {char!r} in Windows-1252"
        raise DataFormatError(f"not UTF-8 text: byte 0x{byte:02x} is not valid UTF-8 (byte offset {offset}{said}): "
                              "save the lock file as UTF-8", path=path, row=len(lines), column=column) from None
#: A line git leaves in a file merged with a conflict (``<<<<<<< HEAD``, ``=======``, ``>>>>>>> theirs``).
_CONFLICT_MARKER = re.compile(r"(<{7}|={7}|>{7}|\|{7})(?: .*)?")


def _check_lock_name(name: str, line: int, path: Path) -> None:
    """Refuse the lock name ``name`` (on ``line``) that is no path inside the cache.

    A name (edited by hand) that is absolute (``/etc/passwd``, ``C:/x``, ``\\share\\x``),
    holds a ``..`` segment or a control character or line separator was read, listed by
    ``exposure sources --releases`` and counted, and refused only when a fetch used it.

    Examples
    --------
    >>> _check_lock_name("onet/31.0/../../x.txt", 3, Path("exposure.lock"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposure.lock, row 3, column 'name': the name 'onet/31.0/../../x.txt' is absolute or has a '..' segment: its file would lie outside the cache; write a path relative to the mirror root (such as 'onet/31.0/Job Zones.txt') or delete that line
    """
    if _outside(name):
        raise DataFormatError(f"the name {name!r} is absolute or has a '..' segment: its file would lie outside "
                              "the cache; write a path relative to the mirror root (such as "
                              "'onet/31.0/Job Zones.txt') or delete that line", path=path, row=line, column="name")
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in name):
        raise DataFormatError(f"the name {name!r} holds a control character or a line separator, which no file "
                              "name of a release has: remove it", path=path, row=line, column="name")
    _check_invisible(name, f"the name {name!r}", path, line, "name")


def _check_invisible(value: str, what: str, path: Path, line: int, column: str) -> None:
    """Refuse the lock field ``value`` (on ``line``) holding an invisible format character.

    A zero-width space (U+200B), a byte-order mark (U+FEFF) or a direction mark, copied
    with a name or URL from a web page or a chat: a name so written was read as the pin of
    a custom file nobody asks for (left out of the release list), a URL as one the
    download fails on, without naming the lock file or its line.

    Examples
    --------
    >>> _check_invisible("onet/31.0/Job Zones.txt\u200b", "the name", Path("exposure.lock"), 3, "name")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposure.lock, row 3, column 'name': the name holds an invisible character (U+200B, copied with the text?), which no name or URL of a release has: remove it
    """
    bad = next((c for c in value if unicodedata.category(c) == "Cf"), None)
    if bad is not None:
        raise DataFormatError(f"{what} holds an invisible character (U+{ord(bad):04X}, copied with the text?), which "
                              "no name or URL of a release has: remove it", path=path, row=line, column=column)


def _check_line_name(name: str, line: int, path: Path) -> None:
    """Refuse the lock name ``name`` (on ``line`` of ``path``) that :meth:`Lock.entries` does not read.

    A name with surrounding spaces, outside the cache (:func:`_check_lock_name`) or of a
    release file written otherwise (:func:`_check_release_name`). :meth:`Lock.pin` checks
    the name it writes with it: a source named so was pinned, and the lock file refused as
    a whole at the next read.
    """
    if name != name.strip():  # pinned under a name no file has, without a word
        raise DataFormatError(f"the name {name!r} has surrounding spaces: remove them", path=path, row=line,
                              column="name")
    _check_lock_name(name, line, path)
    _check_release_name(name, line, path)


def _check_member_url(member: str, url: str, name: str, line: int, path: Path) -> None:
    """Refuse the lock line of ``name`` (on ``line``) with an archive ``member`` but no ``url``.

    A member is read from the archive at the URL. Without one, a file of a release layout
    was downloaded from the layout's archive and its member (the lock's member was dropped
    without a word); a custom source had a member and nothing to read it from.

    Examples
    --------
    >>> _check_member_url("mine/Job Zones.txt", "", "onet/31.0/Job Zones.txt", 3, Path("exposure.lock"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposure.lock, row 3, column 'url': onet/31.0/Job Zones.txt has an archive member ('mine/Job Zones.txt') but no URL: a member is read from the archive at the URL; write the archive's https:// URL, or empty the member too
    """
    if member and not url:
        raise DataFormatError(f"{name} has an archive member ({member!r}) but no URL: a member is read from the "
                              "archive at the URL; write the archive's https:// URL, or empty the member too",
                              path=path, row=line, column="url")


def _check_unpadded(row: dict, line: int, path: Path) -> None:
    """Refuse the lock line ``row`` (on ``line``) whose URL or archive member has surrounding spaces.

    A space left after the URL or the member by a hand edit was read as part of it: the
    download then failed with ``HTTP 404 ... the file is not (or no longer) at this URL``
    or ``archive ... has no member 'db_31_0_text/Job Zones.txt '; ... (the publisher
    dropped or renamed it?)``, naming neither the lock file nor its line. (A name so
    padded is refused by :func:`_check_line_name`.) So was one holding an invisible
    character (a zero-width space copied with it: :func:`_check_invisible`).

    Examples
    --------
    >>> _check_unpadded({"name": "onet/31.0/Job Zones.txt", "url": "https://e.org/db.zip ", "member": ""}, 3,
    ...                 Path("exposure.lock"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposure.lock, row 3, column 'url': the URL 'https://e.org/db.zip ' of onet/31.0/Job Zones.txt has surrounding spaces: remove them
    """
    for column in ("url", "member"):
        value = row[column]
        if value != value.strip():
            raise DataFormatError(f"the {_LOCK_FIELDS[column]} {value!r} of {row['name']} has surrounding spaces: "
                                  "remove them", path=path, row=line, column=column)
        _check_invisible(value, f"the {_LOCK_FIELDS[column]} {value!r} of {row['name']}", path, line, column)


#: How messages name the columns of a lock line.
_LOCK_FIELDS = {"url": "URL", "member": "archive member"}
#: The folder of a publisher's archive in a URL or an archive member: ``db_31_0_text``
#: (O*NET release 31.0) or ``oesm26nat`` (OEWS May 2026).
#: BLS's OEWS downloads of other tables than the national ones: ``oesm26st`` (by state),
#: ``oesm26ma`` (by metropolitan and nonmetropolitan area), ``oesm26all`` (all data in one file).
_OEWS_OTHER = re.compile(r"oesm([0-9]{2})(st|ma|all)", re.IGNORECASE)
#: What each of :data:`_OEWS_OTHER`'s downloads holds.
_OEWS_LEVELS = {"st": "state", "ma": "metropolitan and nonmetropolitan area", "all": "all-data"}
_ARCHIVE_TOKEN = re.compile(r"db_([0-9]+)_([0-9]+)_(?:text|excel)|oesm([0-9]{2})(?:nat|in4)", re.IGNORECASE)


def _token_release(token: re.Match) -> str:
    """The release an archive folder names: ``O*NET 31.0`` for ``db_31_0_text``, ``OEWS May 2026`` for ``oesm26nat``."""
    a, b, yy = token.groups()
    return f"OEWS May 20{yy}" if yy is not None else f"O*NET {int(a)}.{b}"


def _check_origin(name: str, url: str, member: str, line: int, path: Path) -> None:
    """Refuse the lock line of release file ``name`` whose URL or member is of another release or file.

    A line copied from another release and renamed by hand (``onet/31.1/Job Zones.txt``
    with the URL ``.../db_31_0_text.zip`` and the member ``db_31_0_text/Job Zones.txt``)
    was read as it was: a download fetched the other release's file, its sha256 matched
    the copied one, and O*NET 31.1 was loaded from 31.0's files without a word. A member
    that is another file (``db_31_0_text/Task Statements.txt`` for ``Job Zones.txt``) was
    read likewise (a member named otherwise than a file the library reads, of
    :data:`ONET_FILES` or an OEWS layout, is left as it is). A member writing the file's
    name in other capitals (``db_31_0_text/Job zones.txt``, left when the name of a line
    pinned on a file system that ignores case was corrected as
    :func:`_check_release_name` advises) is refused too: no archive holds it, and the
    download failed. Names of no release layout (custom sources) and the package's pins
    are not looked at.

    Examples
    --------
    >>> _check_origin("onet/31.1/Job Zones.txt", "https://www.onetcenter.org/dl_files/database/db_31_0_text.zip",
    ...               "db_31_0_text/Job Zones.txt", 3, Path("exposure.lock"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposure.lock, row 3, column 'url': the URL '...db_31_0_text.zip' of onet/31.1/Job Zones.txt is of O*NET 31.0 (db_31_0_text), not O*NET 31.1: a line copied from another release? write 'https://www.onetcenter.org/dl_files/database/db_31_1_text.zip' or delete that line
    """
    if name in SOURCES or not (_ONET_NAME.match(name) or _OEWS_NAME.match(name)):
        return
    try:
        layout = layout_source(name)
    except ExposureError:  # a custom source named like a release file (two extensions)
        return
    wanted = f"{'O*NET' if layout.kind == 'onet' else 'OEWS'} {layout.release}"
    for column, value, meant in (("url", url.rsplit("/", 1)[-1], layout.download_url),
                                 ("member", member.rpartition("/")[0], layout.member)):
        for token in _ARCHIVE_TOKEN.finditer(value):
            given = _token_release(token)
            if given != wanted:
                shown_value = url if column == "url" else member
                raise DataFormatError(f"the {_LOCK_FIELDS[column]} {shown_value!r} of {name} is of {given} "
                                      f"({token.group(0)}), not {wanted}: a line copied from another release? "
                                      f"write {meant!r} or delete that line", path=path, row=line, column=column)
    base, other = name.rsplit("/", 1)[-1], member.rsplit("/", 1)[-1]
    stem, dot, ext = other.rpartition(".")
    known = (stem in ONET_FILES and f"{dot}{ext}" in ONET_FORMATS.values()) or _OEWS_NAME.match(f"oews/{other}")
    if other != base and other.lower() == base.lower():  # 'Job zones.txt': no archive member of that name
        raise DataFormatError(f"the archive member {member!r} of {name} writes {base!r} in other capitals (the "
                              f"names of the files in an archive are case-sensitive): write {layout.member!r}",
                              path=path, row=line, column="member")
    if other != base and known:  # another file a release reads
        raise DataFormatError(f"the archive member {member!r} of {name} is another file than {base!r}: a line "
                              f"copied from another file? write {layout.member!r} or delete that line",
                              path=path, row=line, column="member")


def _is_lock_url(url: str) -> bool:
    """True for a URL a lock line may hold: empty (no download) or ``http://``/``https://`` (any case)."""
    return url == "" or url.lower().startswith(("http://", "https://"))


def _check_lock_url(url: str, name: str, line: int, path: Path) -> None:
    """Refuse the lock URL ``url`` of ``name`` (on ``line``) that is no http(s) URL, or holds a space.

    ``ftp://...``, ``file:///...`` or a URL without its scheme (a hand edit) was read,
    listed and counted, and refused only when a download used it. A URL holding a space
    (``https://e.org/dl files/db.zip``, copied from a page's text), ``<``, ``>`` or ``"``
    was read as written, and the download sent it percent-encoded (``dl%20files``): the
    lock file did not say the address asked for. The registry refuses such a URL too
    (:data:`exposure.sources._URL_REFUSED`); the URL to write is said.

    Examples
    --------
    >>> _check_lock_url("ftp://e.org/a.zip", "onet/31.0/Job Zones.txt", 3, Path("exposure.lock"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposure.lock, row 3, column 'url': the URL 'ftp://e.org/a.zip' of onet/31.0/Job Zones.txt is not an http:// or https:// URL, which is all a download reads: write the publisher's https:// URL or delete that line
    >>> _check_lock_url("https://e.org/dl files/a.zip", "onet/31.0/Job Zones.txt", 3, Path("exposure.lock"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposure.lock, row 3, column 'url': the URL 'https://e.org/dl files/a.zip' of onet/31.0/Job Zones.txt holds a space, which no URL holds (a download sends it as %20): write 'https://e.org/dl%20files/a.zip'
    """
    if not _is_lock_url(url):
        raise DataFormatError(f"the URL {url!r} of {name} is not an http:// or https:// URL, which is all a "
                              "download reads: write the publisher's https:// URL or delete that line",
                              path=path, row=line, column="url")
    refused = _URL_REFUSED.search(url)
    if refused is not None:  # sent percent-encoded, without a word: the lock file named another address
        char = refused.group(0)
        said = "a space" if char == " " else f"{char!r}" + (f" (U+{ord(char):04X})" if char.isspace() else "")
        raise DataFormatError(f"the URL {url!r} of {name} holds {said}, which no URL holds (a download sends it "
                              f"as {_url_escaped(char)}): write {_url_escaped(url)!r}", path=path, row=line,
                              column="url")


def _outside(path: str) -> bool:
    """True for a relative path that is absolute or has a ``..`` segment (``/x``, ``C:/x``, ``a/../..``)."""
    norm = path.replace("\\", "/")
    return norm.startswith("/") or bool(re.match(r"[A-Za-z]:", norm)) or ".." in norm.split("/")


def _check_lock_member(member: str, name: str, line: int, path: Path) -> None:
    """Refuse the archive member ``member`` of ``name`` (on ``line``) that is absolute or has ``..``.

    Such a member (a hand edit) was read and listed, and refused only when a download
    extracted it.

    Examples
    --------
    >>> _check_lock_member("../x.txt", "onet/31.0/Job Zones.txt", 3, Path("exposure.lock"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposure.lock, row 3, column 'member': the archive member '../x.txt' of onet/31.0/Job Zones.txt is absolute or has a '..' segment: it would be extracted outside the cache; write the member's path inside the archive (such as 'db_31_0_text/Job Zones.txt') or delete that line
    """
    if _outside(member):
        raise DataFormatError(f"the archive member {member!r} of {name} is absolute or has a '..' segment: it "
                              "would be extracted outside the cache; write the member's path inside the archive "
                              "(such as 'db_31_0_text/Job Zones.txt') or delete that line", path=path, row=line,
                              column="member")


def _entry_row(path: Path, name: str) -> int | None:
    """The row (line, from 1) of the lock file ``path`` that pins ``name``; None if not found."""
    try:
        lines = _LINE_BREAK.split(path.read_text("utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return None
    return next((i for i, line in enumerate(lines, start=1) if _line_name(line) == name), None)


def _check_release_name(name: str, line: int, path: Path) -> None:
    """Refuse the lock name ``name`` (on ``line``) of a release file written with spaces or other digits.

    ``onet/31.0\u00a0/Job Zones.txt``, ``onet/３１.0/Job Zones.txt`` or ``onet/31.0/Job Zones.TXT``
    (a lock edited by hand, an extension in another case) follows no release layout: it
    pinned a file nobody asks for, and :func:`releases_frame` left it out, without a word.
    A no-break space or a full-width letter inside the file name (``Job\u00a0Zones.txt``,
    copied from a web page) follows the layout, but names no file a release reads: it was
    listed as a pinned file of the release, its pin never used. An O*NET file in other
    capitals (``onet/31.0/Job zones.txt``, as a run on a file system that ignores case could
    pin it) was read as a custom source with the lock's own URL and member, which no archive
    of O*NET's holds (:func:`_onet_file_cased`).

    Examples
    --------
    >>> _check_release_name("onet/ 31.0/Job Zones.txt", 3, Path("exposure.lock"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposure.lock, row 3, column 'name': the name 'onet/ 31.0/Job Zones.txt' is of a release file written with a space or with digits other than 0-9, which no release has: write 'onet/31.0/Job Zones.txt'
    >>> _check_release_name("onet/31.0/Job\u00a0Zones.txt", 3, Path("exposure.lock"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposure.lock, row 3, column 'name': the name 'onet/31.0/Job\xa0Zones.txt' is of a release file written with a no-break space or a full-width character in its file name, which no release has: write 'onet/31.0/Job Zones.txt'
    >>> _check_release_name("onet/31.0/Job Zones.TXT", 3, Path("exposure.lock"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposure.lock, row 3, column 'name': the name 'onet/31.0/Job Zones.TXT' is of a release file written with an extension in another case, which no release has: write 'onet/31.0/Job Zones.txt'
    >>> _check_release_name("ONET/31.0/Job Zones.txt", 3, Path("exposure.lock"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposure.lock, row 3, column 'name': the name 'ONET/31.0/Job Zones.txt' is of a release file written with its top folder in another case, which no release has: write 'onet/31.0/Job Zones.txt'
    >>> _check_release_name("onet/31.0/Job zones.txt", 3, Path("exposure.lock"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposure.lock, row 3, column 'name': the name 'onet/31.0/Job zones.txt' is of a release file written with its file name in another case, which no release has: write 'onet/31.0/Job Zones.txt'
    """
    normal = unicodedata.normalize("NFKC", name)
    parts = normal.split("/")
    # a folder in another case (``ONET/31.0/Job Zones.txt``): read as a custom source, never asked for;
    # a no-break space or full-width letter in the file name (``Job\u00a0Zones.txt``) matched the layout
    # and was read as the pin of a file nobody asks for
    layout = bool(_ONET_NAME.match(name) or _OEWS_NAME.match(name))
    if len(parts) < 2 or parts[0].lower() not in ("onet", "oews"):
        return
    meant = name
    if not (layout and normal == name):
        meant = "/".join([parts[0].lower(), *(p.strip() for p in parts[1:-1]), parts[-1].strip()])
        # an extension in another case (``Job Zones.TXT``): read as a custom source, never asked for
        stem, dot, ext = meant.rpartition(".")
        if dot and ext.lower() in ("txt", "xlsx"):
            meant = f"{stem}.{ext.lower()}"
            oews = re.fullmatch(r"(oews/(?:national|natsector|nat3d)_M20[0-9]{2})_dl\.xlsx", meant, re.IGNORECASE)
            if oews:
                meant = f"{oews.group(1)}_dl.xlsx"
    # an O*NET file in other capitals (``Job zones.txt``, pinned by a run on a file system that
    # ignores case): layout_source refuses the name, so it was read as a custom source, never asked for
    onet = _ONET_NAME.match(meant)
    cased = _onet_file_cased(onet.group(2)) if onet else None
    if cased is not None:
        meant = f"onet/{onet.group(1)}/{cased}{onet.group(3)}"
    if meant != name and (_ONET_NAME.match(meant) or _OEWS_NAME.match(meant)):
        how = ("with a no-break space or a full-width character in its file name" if layout
               else "with a space or with digits other than 0-9")
        if meant.lower() == name.lower():  # the same slashes: the case of a part differs
            (top, rest), (top_meant, rest_meant) = name.split("/", 1), meant.split("/", 1)
            cased = [what for what, differ in (
                ("its top folder", top != top_meant),
                ("an extension" if rest.rpartition(".")[0] == rest_meant.rpartition(".")[0] else "its file name",
                 rest != rest_meant)) if differ]
            how = f"with {' and '.join(cased)} in another case"
        raise DataFormatError(f"the name {name!r} is of a release file written {how}, which no release has: "
                              f"write {meant!r}", path=path, row=line, column="name")


def _check_header(fields: list, row: int, path: Path) -> None:
    """Refuse a lock file whose header (on ``row``) is not ``name size sha256 url member``.

    It was a bare :class:`~exposure.errors.ExposureError` naming neither the row nor what
    differs.

    Examples
    --------
    >>> _check_header(["name", "size", "sha", "url", "member", "note"], 4, Path("exposure.lock"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposure.lock, row 4: not a lock file: missing column(s) 'sha256'; unexpected column(s) 'sha', 'note' (expected the columns name, size, sha256, url, member, separated by tabs)
    """
    if tuple(fields) == _LOCK_COLUMNS:
        return
    missing = [c for c in _LOCK_COLUMNS if c not in fields]
    extra = [f for f in fields if f not in _LOCK_COLUMNS]
    if len(missing) == len(_LOCK_COLUMNS):
        said = "its first line that is not a comment is not the header"
    else:
        parts = ([f"missing column(s) {', '.join(map(repr, missing))}"] if missing else []) + (
            [f"unexpected column(s) {', '.join(map(repr, extra[:5]))}"] if extra else [])
        twice = sorted({f for f in fields if fields.count(f) > 1})
        parts += [f"column(s) {', '.join(map(repr, twice))} given twice"] if twice else []
        said = "; ".join(parts) or f"the columns in another order ({', '.join(fields)})"
    raise DataFormatError(f"not a lock file: {said} (expected the columns {', '.join(_LOCK_COLUMNS)}, "
                          "separated by tabs)", path=path, row=row)


def _check_package_pin(row: dict, line: int, path: Path) -> None:
    """Refuse the lock line ``row`` (on ``line``) that pins a file of the package otherwise.

    The package's pin wins (:func:`source_for` looks at the registry first): such a line,
    edited by hand to accept a new upstream version of a registry file, was ignored without
    a word, and ``exposure sources --releases`` listed the release as pinned by the lock.

    Examples
    --------
    >>> _check_package_pin({"name": "onet/29.1/Job Zones.txt", "size": "5", "sha256": "0" * 64}, 4,
    ...                    Path("exposure.lock"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposure.lock, row 4, column 'sha256': 'onet/29.1/Job Zones.txt' is pinned by the package ...
    """
    src = _package_pin(row["name"], row["sha256"], row["size"])
    if src is None:
        return
    raise DataFormatError(f"{row['name']!r} is pinned by the package (sha256 {src.sha256}, {src.size} bytes), "
                          "which a lock file cannot change: this line, of another sha256 or size, would be "
                          "ignored; delete it", path=path, row=line, column="sha256")


def _package_pin(name: str, sha256: str, size) -> Source | None:
    """The package's source of ``name`` when the package pins other bytes than ``sha256`` and ``size``; else None.

    Examples
    --------
    >>> _package_pin("onet/29.1/Job Zones.txt", "0" * 64, 5).size, _package_pin("onet/31.0/Job Zones.txt", "0" * 64, 5)
    (28336, None)
    """
    src = SOURCES.get(name)
    if src is None or not src.pinned or (src.sha256, str(src.size)) == (sha256, str(size)):
        return None
    return src


def _check_repeat(row: dict, before: dict | None, first: int | None, line: int, path: Path) -> None:
    """Refuse the lock line ``row`` (on ``line``) when it pins its file otherwise than ``before``.

    ``before`` is the entry of the same name on line ``first`` (None when there is none); a
    line repeated as it is passes. The same size and sha256 from another ``url`` or archive
    ``member`` is refused too, naming that column: the last line's source was the one
    fetched, without a word.

    Examples
    --------
    >>> a = {"name": "onet/31.0/Job Zones.txt", "size": "3", "sha256": "a" * 64}
    >>> _check_repeat({**a, "size": "4"}, a, 3, 5, Path("exposure.lock"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposure.lock, row 5, column 'name': 'onet/31.0/Job Zones.txt' is pinned twice (rows 3 and 5) with a different size or sha256: keep the line of the file you reviewed
    """
    if before is not None and (before["size"], before["sha256"]) != (row["size"], row["sha256"]):
        raise DataFormatError(f"{row['name']!r} is pinned twice (rows {first} and {line}) with a different size "
                              "or sha256: keep the line of the file you reviewed", path=path, row=line,
                              column="name")
    for column in ("url", "member"):  # the last line's source was fetched, without a word
        if before is not None and (before.get(column) or "") != (row.get(column) or ""):
            raise DataFormatError(f"{row['name']!r} is pinned twice (rows {first} and {line}) with a different "
                                  f"{column} ({before.get(column) or ''!r} and {row.get(column) or ''!r}): only one "
                                  "is fetched; keep the line of the source you reviewed", path=path, row=line,
                                  column=column)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def releases_frame(lock: Lock | None = None) -> pd.DataFrame:
    """Known releases: what the package registry pins and what the lock file pins.

    Returns
    -------
    pandas.DataFrame
        ``kind``, ``release``, ``files``, ``pinned_by`` (``package`` or the lock path),
        ``url`` (the archive of the release, or ``-`` when files come from several places).

    Examples
    --------
    >>> df = releases_frame()
    >>> df[df["kind"] == "onet"][["release", "pinned_by"]].to_dict("records")
    [{'release': '29.1', 'pinned_by': 'package'}, {'release': '30.1', 'pinned_by': 'package'}]

    Raises
    ------
    exposure.errors.DataFormatError
        ``lock`` is neither None nor a :class:`Lock` (``5`` raised an ``AttributeError``).

    Notes
    -----
    A file of the lock that follows no release layout (a custom
    :class:`~exposure.sources.Source` pinned by :func:`exposure.fetch.fetch_table`) is no
    release: it is left out (it raised "unknown source"). So is a custom source named
    like a release file that the layout refuses: a file of a release the package pins that
    the registry lacks (``onet/29.1/Skills.txt``), or a name with two extensions (it
    raised "unknown source ...: O*NET 29.1 is pinned by the package and has no such file",
    naming neither the lock file nor its line). Releases are listed in the order of their
    numbers (they were sorted as text: O*NET ``100.0`` before ``29.1``). A lock line that
    repeats a pin of the package (accepted by :meth:`Lock.entries` as it is the same pin)
    is the package's: it was listed as a release of the lock file too, of one file.
    """
    _check_lock(lock)
    rows: dict[tuple[str, str, str], dict] = {}

    def add(src: Source, by: str) -> None:
        if src.kind not in ("onet", "oews"):
            return
        key = (src.kind, src.release, by)
        row = rows.setdefault(key, {"kind": src.kind, "release": src.release, "files": 0,
                                    "pinned_by": by, "urls": set()})
        row["files"] += 1
        row["urls"].add(src.download_url)

    for src in SOURCES.values():
        add(src, "package")
    if lock is not None:
        for name in lock.entries():
            # a line repeating the package's pin (checked equal by Lock.entries) is the
            # package's: it was listed as a release of the lock file too (1 file)
            if name not in SOURCES and (_ONET_NAME.match(name) or _OEWS_NAME.match(name)):
                try:
                    src = source_for(name, lock)
                except DataFormatError:
                    raise  # a damaged lock file, named with its row and column
                except ExposureError:  # a custom source named like a release file
                    continue
                add(src, str(lock.path))
    out = [{**{k: v for k, v in r.items() if k != "urls"},
            "url": next(iter(r["urls"])) if len(r["urls"]) == 1 else "-"}
           for r in rows.values()]
    out.sort(key=lambda r: (r["kind"], _release_order(r["kind"], r["release"]), r["pinned_by"]))
    frame = pd.DataFrame(out, columns=["kind", "release", "files", "pinned_by", "url"])
    return frame.reset_index(drop=True)
