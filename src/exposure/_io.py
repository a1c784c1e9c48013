"""Atomic, deterministic file output shared by every stage.

Nothing half-written is ever left behind: each writer writes to a temporary file in the
target's directory and renames it into place with :func:`os.replace`, which is atomic on
POSIX file systems. Parquet output is deterministic: the same frame gives the same bytes
(no pandas index metadata, fixed compression, fixed row-group size).

A write that fails (a read-only or full file system, a directory that is not writable, a
target that is a directory) raises :class:`~exposure.errors.OutputError` naming the
target, and the target is left as it was. :func:`check_output_path` refuses, before any
work is done, an output that is a directory or that would replace one of the inputs.

Spreadsheet formulas: a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is run as a formula when a CSV file is opened in Excel or LibreOffice
(``=cmd|' /C calc'!A0``, ``@SUM(...)``). :func:`write_csv` therefore neutralises such cells
by default, prefixing them with a single quote (``'=cmd...``: the spreadsheet shows the text
and runs nothing; OWASP's advice), and logs how many it changed; numbers such as ``-0.5``
are left alone. Pass ``formulas="keep"`` for files meant for programs, not spreadsheets.
Parquet and Stata files store text as text; :func:`write_xlsx` stores every string as a
string cell, never as a formula, so the text is kept as is there.
"""

import base64
import contextlib
import contextvars
import csv
import dataclasses
import datetime
import decimal
import errno as errno_codes
import hashlib
import importlib
import io
import json
import logging
import math
import os
import re
import secrets
import shutil
import signal
import socket
import stat
import tempfile
import threading
import time
import zipfile
import zlib
from pathlib import Path
from urllib.parse import unquote, urlsplit

import numpy as np
import pandas as pd
import pyarrow as pa

from exposure._args import as_shown, check_choice, check_name, choice_hint
from exposure._args import shown as shown_value
from exposure.errors import (
    ChecksumMismatchError,
    DataFormatError,
    ExposureError,
    OutputError,
    quoted_path,
)

__all__ = [
    "atomic_path",
    "entry_kind",
    "given_parent",
    "not_directory",
    "signals_held",
    "atomic_paths",
    "recording_written",
    "record_written",
    "input_at",
    "partial_prefix",
    "partial_stem",
    "remove_stale_partials",
    "check_output_path",
    "dirs_to_make",
    "unexpanded_home",
    "is_url",
    "file_url_path",
    "name_limit",
    "long_name",
    "broken_link",
    "lost_cwd",
    "line_end",
    "error_path",
    "under_file",
    "closed_folder",
    "unwritable_folder",
    "output_error",
    "neutralise_formulas",
    "FORMULA_ADVICE",
    "formula_advice",
    "SHOWN_AS",
    "shown_as",
    "shown_path",
    "index_as_columns",
    "write_parquet",
    "duration_schema",
    "write_json",
    "write_arrays",
    "read_arrays",
    "read_pinned",
    "PINNED_ARGUMENT",
    "REGISTRY_NAME",
    "PinnedOption",
    "pinned_argument",
    "pinned_option",
    "pinnable_name",
    "load_pinned",
    "pyarrow_parquet",
    "COMPRESSED",
    "compressed_files",
    "write_csv",
    "csv_text",
    "pandas_csv_text",
    "check_xlsx",
    "write_xlsx",
    "check_stata",
    "write_stata",
]

log = logging.getLogger(__name__)

#: Why a write failed, by errno: said in words in :class:`~exposure.errors.OutputError`.
_REASONS = {
    errno_codes.EACCES: "permission denied (is the directory writable?)",
    errno_codes.EPERM: "operation not permitted",
    errno_codes.EROFS: "read-only file system",
    errno_codes.ENOSPC: "no space left on the device",
    errno_codes.EDQUOT: "disk quota exceeded",
    errno_codes.EISDIR: "is a directory",
    errno_codes.ENOTDIR: "a parent of the path is not a directory",
    errno_codes.ENAMETOOLONG: "file name too long",
    errno_codes.ENOENT: "no such directory",
    errno_codes.EBUSY: ("device or resource busy (a mount point, such as a file mounted on its own into a "
                        "container, cannot be replaced by a new file)"),
}


#: How the warning about formula-looking cells says to keep them verbatim: the API's option
#: by default; a command sets what its user can do (:func:`formula_advice`).
FORMULA_ADVICE: contextvars.ContextVar[str] = contextvars.ContextVar(
    "formula_advice", default="formulas='keep' writes them verbatim")


@contextlib.contextmanager
def formula_advice(text: str):
    """Say ``text`` instead of ``formulas='keep' ...`` in formula warnings within the block.

    ``exposure score`` and ``rollup`` have no ``formulas`` option: their warning names
    what their user can do (write ``.parquet`` or ``.xlsx``).

    Parameters
    ----------
    text : str
        The advice, said in brackets after the count of cells.

    Examples
    --------
    >>> with formula_advice("write .parquet to keep them"):
    ...     FORMULA_ADVICE.get()
    'write .parquet to keep them'
    >>> FORMULA_ADVICE.get()
    "formulas='keep' writes them verbatim"
    """
    token = FORMULA_ADVICE.set(text)
    try:
        yield
    finally:
        FORMULA_ADVICE.reset(token)


#: Where files written within :func:`shown_as` are said to be: pairs (temporary directory,
#: final directory). A writer's warnings name ``path`` through :func:`shown_path`.
SHOWN_AS: contextvars.ContextVar[tuple] = contextvars.ContextVar("shown_as", default=())


@contextlib.contextmanager
def shown_as(tmp, final):
    """Name files written into directory ``tmp`` as the files of ``final`` within the block.

    A set of files written into a hidden temporary directory that then replaces ``final``
    (:func:`exposure._outdir.replace_directory`, ``exposure rollup -o DIR --format xlsx``)
    was named in the writers' warnings by its temporary path
    (``DIR/../.DIR.k2x9abcd.tmp/workforce.xlsx``), which is gone once the run ends.

    Parameters
    ----------
    tmp, final : str or os.PathLike
        The directory the files are written into, and the one they will be found in.

    Examples
    --------
    >>> with shown_as("/o/.out.x1.tmp", "/o/out"):
    ...     str(shown_path("/o/.out.x1.tmp/workforce.xlsx"))
    '/o/out/workforce.xlsx'
    >>> str(shown_path("/o/.out.x1.tmp/workforce.xlsx"))
    '/o/.out.x1.tmp/workforce.xlsx'
    """
    token = SHOWN_AS.set(((Path(tmp), Path(final)), *SHOWN_AS.get()))
    try:
        yield
    finally:
        SHOWN_AS.reset(token)


def shown_path(path):
    """``path`` as the user will find it: under the final directory of :func:`shown_as`.

    A path outside every temporary directory of :func:`shown_as` (or not a path) is
    returned as given.

    Examples
    --------
    >>> shown_path("a.csv")
    'a.csv'
    """
    if not isinstance(path, (str, os.PathLike)):
        return path
    for tmp, final in SHOWN_AS.get():
        try:
            return final / Path(path).relative_to(tmp)
        except ValueError:
            continue
    return path


@contextlib.contextmanager
def reported_as(tmp, final):
    """:func:`shown_as`, and the writers' errors about ``tmp`` re-raised about ``final``.

    Files written into a partial file or a hidden temporary directory that then replaces
    ``final`` (:func:`atomic_paths`, :func:`exposure._outdir.replace_directory`) were named
    by their temporary path in the errors of their writers too: a full disk as
    ``out/.measures_table.csv.p8794-jgzugcw7.tmp: cannot write: no space left on the
    device``, a table ``--format xlsx`` cannot hold as ``.out.k2x9abcd.tmp/sector_scores.xlsx``,
    gone once the run ends. Within the block, an :class:`~exposure.errors.OutputError` or
    :class:`~exposure.errors.DataFormatError` about a file under ``tmp`` is raised again about
    the same file under ``final`` (its message too); other errors pass unchanged.

    Parameters
    ----------
    tmp, final : str or os.PathLike
        The file or directory written, and the one it will be found as.

    Examples
    --------
    >>> try:
    ...     with reported_as("/o/.t.csv.p1.tmp", "/o/t.csv"):
    ...         raise OutputError("no space left on the device", path="/o/.t.csv.p1.tmp")
    ... except OutputError as exc:
    ...     print(exc)
    /o/t.csv: cannot write: no space left on the device
    """
    with shown_as(tmp, final):
        try:
            yield
        except (OutputError, DataFormatError) as exc:
            shown = shown_path(exc.path) if exc.path is not None else None
            if shown is None or str(shown) == str(exc.path):
                raise
            reason = str(exc.reason).replace(str(tmp), str(final))
            if isinstance(exc, OutputError):
                raise OutputError(reason, path=shown, errno=exc.errno) from None
            raise DataFormatError(reason, path=shown, row=exc.row, column=exc.column, line=exc.line) from None


def output_error(exc: OSError, path) -> OutputError:
    """The :class:`~exposure.errors.OutputError` for an :class:`OSError` while writing ``path``.

    Examples
    --------
    >>> import errno
    >>> str(output_error(PermissionError(errno.EACCES, "Permission denied"), "o/t.csv"))
    'o/t.csv: cannot write: permission denied (is the directory writable?)'
    """
    if isinstance(exc, OutputError):
        return exc
    # a folder that cannot be entered, or written: "permission denied (is the directory writable?)"
    reason = (closed_folder(path) or unwritable_folder(path)) if exc.errno == errno_codes.EACCES else None
    reason = reason or _REASONS.get(exc.errno) or exc.strerror or str(exc)
    return OutputError(reason, path=path, errno=exc.errno)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _refuse_directory_path(text) -> None:
    """Refuse an output path given as a directory path (``results/``: it ends in a separator).

    :class:`pathlib.Path` drops the separator: ``write_csv(frame, "results/")`` wrote a
    file named ``results``, silently. When the path without it is a file (``-o
    my_tasks.csv/``), the example is one beside that file: ``give e.g.
    my_tasks.csv/scores.csv`` named a path under a file, which is refused in turn.

    Examples
    --------
    >>> _refuse_directory_path("results/")
    Traceback (most recent call last):
    ...
    exposure.errors.OutputError: results/: cannot write: the output must be a file name, not a directory path (ends in '/'): give e.g. results/scores.csv
    """
    if isinstance(text, str) and text.endswith((os.sep, "/")):
        bare = text.rstrip("/" + os.sep)
        example = f"{text}scores.csv"
        if bare and os.path.isfile(bare):  # "my_tasks.csv/": its example lay under a file
            example = (f"{os.path.join(os.path.dirname(bare), 'scores.csv')} ({bare} is a file, not a "
                       f"directory; {bare} without the {text[-1]!r} would replace it)")
        raise OutputError(f"the output must be a file name, not a directory path (ends in "
                          f"{text[-1]!r}): give e.g. {example}", path=error_path(text),
                          errno=errno_codes.EISDIR)


def unexpanded_home(path) -> str | None:
    """Why an output ``path`` that starts with ``~`` is refused; None for any other path.

    Nothing expands ``~`` in an output path (:mod:`pathlib` and :func:`open` do not),
    and a shell expands it only at the start of a word: ``--out=~/results``, ``-o
    "~/scores.csv"`` and ``recompute(out="~/results")`` made a folder named ``~`` in the
    current directory (one that ``rm -r ~``, meant for it, takes for the home directory),
    and the command said it had written ``~/results``.

    Examples
    --------
    >>> unexpanded_home("~nosuchuser-exposure/out")
    "the path starts with '~nosuchuser-exposure', which is not expanded here (a shell expands '~' only at the start of a word: --out=~/x and quotes keep it), so a folder named '~nosuchuser-exposure' would be made in the current directory; give the full path"
    >>> unexpanded_home("results/~draft") is None
    True
    """
    if not isinstance(path, (str, os.PathLike)):
        return None
    text = os.fspath(path)
    if not isinstance(text, str) or not text.startswith("~"):
        return None
    first = re.split(r"[/\\]", text, maxsplit=1)[0]
    full = os.path.expanduser(text)
    return (f"the path starts with {first!r}, which is not expanded here (a shell expands '~' only at the "
            f"start of a word: --out=~/x and quotes keep it), so a folder named {first!r} would be made in "
            f"the current directory; give the full path{': ' + full if full != text else ''}")


#: A URL given where a local path belongs (``s3://bucket/m.npz``, ``file:///data/mirror``): a
#: scheme (RFC 3986: a letter, then letters, digits, ``+``, ``-`` or ``.``) and ``://``.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(text) -> bool:
    """Whether ``text`` is a URL (``s3://...``, ``https://...``, ``file:///...``), not a local path.

    The one rule of the places that take a local file or directory and refuse a URL (a
    mirror, a model artifact, a registry): each read it as a relative path before
    (``s3:/bucket/m.npz``, ``file:/data/mirror``). A Windows path (``C:\\data``) is no URL.
    Only a :class:`str` can be one (a :class:`~pathlib.Path` has lost the second ``/``).

    Examples
    --------
    >>> is_url("s3://bucket/m.npz"), is_url("file:///data/m"), is_url("C:/models/m.npz"), is_url("m.npz")
    (True, True, False, False)
    """
    return isinstance(text, str) and _URL.match(text) is not None


def file_url_path(text) -> str | None:
    """The local path a ``file://`` URL of this machine names (no host, or ``localhost``); None otherwise.

    Said to a user who gave ``file:///data/my%20mirror`` for a directory or a file: the
    path to give instead, ``/data/my mirror`` (percent-escapes decoded). A URL of another
    scheme or host, or a text that is no URL (:func:`is_url`), gives None.

    Examples
    --------
    >>> file_url_path("file:///data/my%20mirror"), file_url_path("FILE://localhost/m.npz")
    ('/data/my mirror', '/m.npz')
    >>> file_url_path("file://host/m.npz"), file_url_path("s3://b/m.npz"), file_url_path("/m.npz")
    (None, None, None)
    """
    if not is_url(text):
        return None
    parts = urlsplit(text)
    if parts.scheme.lower() != "file" or parts.netloc.lower() not in ("", "localhost"):
        return None
    if os.name == "nt":  # drive letters ("/C:/m", "/C|/m") and backslashes: the standard library's rule
        from nturl2path import url2pathname
        return url2pathname(parts.path)
    # urllib.request.url2pathname on POSIX (Python 3.11, 3.12) is urllib.parse.unquote: importing
    # urllib.request for it loaded http.client, ssl and email (about 12 ms at each command's start)
    return unquote(parts.path)


def name_limit(path) -> tuple[Path, int]:
    """The closest existing folder above ``path`` and the longest name (in bytes) its file system allows.

    ``NAME_MAX`` of that folder's file system (255 where it cannot be had). A folder the
    writer makes below it is on the same file system, so the same limit holds for it.

    Examples
    --------
    >>> name_limit("/nonexistent-exposure/a/b.csv")[0]
    PosixPath('/')
    """
    try:
        path = Path(os.path.abspath(path))
    except OSError:  # a relative path, and the current directory is gone
        path = Path(path)
    # os.path.isdir, not Path.is_dir: it raised OSError for a name too long
    folder = next((p for p in path.parents if os.path.isdir(p)), Path(path.anchor))
    try:
        limit = os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):  # no such setting here: the usual limit
        limit = 255
    return folder, limit


def long_name(path) -> str | None:
    """Why the output file ``path`` cannot be made: a name in it too long for its file system; None if none is.

    The file's own name and the names of the folders still to be made for it are compared
    with :func:`name_limit`. Such a path raised a bare ``OSError: [Errno 36] File name too
    long`` from :mod:`pathlib` while it was checked (``exposure.score_file``,
    ``train_and_save``), or was refused by the writer only, after the whole work.

    Examples
    --------
    >>> long_name("/tmp/" + "x" * 300 + ".csv")  # doctest: +ELLIPSIS
    "output file name 'xxx...x.csv' is 304 bytes long, and the file system of /tmp allows names of ... bytes; give the file a name of at most ... bytes"
    >>> long_name("/tmp/scores.csv") is None
    True
    """
    try:
        path = Path(os.path.abspath(path))
    except OSError:  # a relative path, and the current directory is gone: said by the writer
        return None
    folder, limit = name_limit(path)
    names = path.relative_to(folder).parts  # below the closest folder that exists
    for i, name in enumerate(names):
        size = len(os.fsencode(name))
        if size > limit:
            what = "file" if i == len(names) - 1 else "folder"
            return (f"output {what} name {name!r} is {size} bytes long, and the file system of {folder} "
                    f"allows names of {limit} bytes; give the {what} a name of at most {limit} bytes")
    return None


def link_target(link) -> str:
    """What the symbolic link ``link`` points to: as written, and where that leads when it is relative or a link (``"T (resolved: R)"``).

    A relative target, or one that is itself a link, named only the next step: ``$EXPOSURE_HOME
    h/x: h is a symbolic link to disk/.local, which does not exist`` where ``disk/.local``
    was there, a link to the drive not mounted (and a relative target is read from the
    link's folder, not the current directory). One rule for the data folders of
    :mod:`exposure.fetch`, the output paths of this module and the inputs of
    :mod:`exposure.reports.diff`.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> (d / "a").symlink_to("/nonexistent-r80/usb")
    >>> (d / "b").symlink_to("a")
    >>> link_target(d / "a"), link_target(d / "b") == f"a (resolved: {os.path.realpath(d / 'b')})"
    ('/nonexistent-r80/usb', True)
    """
    try:
        target = os.readlink(link)
    except OSError:
        return "?"
    joined = os.path.join(os.path.dirname(os.path.abspath(link)), target)
    if os.path.isabs(target) and not os.path.islink(joined):
        return target
    return f"{target} (resolved: {os.path.realpath(link)})"



def dangling_link(link, why: str = "") -> str:
    """What the symbolic link ``link``, which names nothing, is: where it ends (:func:`link_target`), or that it loops.

    One wording for the inputs of ``exposure diff`` and the datasets of
    :mod:`exposure.dask`: a relative target, or one that is itself a link, was named by its
    next step only (``a symbolic link to ../scratch/t.parquet``, read from the current
    directory where the link's folder is meant), and a link that leads back to itself was
    said to point at something that does not exist. ``why`` follows the words of a link to
    nothing.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> (d / "a").symlink_to("/nonexistent-r80/t.parquet")
    >>> dangling_link(d / "a", " (a disk not mounted?)")
    'a symbolic link to /nonexistent-r80/t.parquet, which does not exist (a disk not mounted?)'
    >>> (d / "c").symlink_to("c")
    >>> dangling_link(d / "c")
    'a symbolic link that loops (c -> c)'
    """
    try:
        os.stat(link)
    except OSError as exc:
        if exc.errno == errno_codes.ELOOP:  # os.path.exists is False for it too: "to nothing" before
            return f"a symbolic link that loops ({os.path.basename(link)} -> {os.readlink(link)})"
    return f"a symbolic link to {link_target(link)}, which does not exist{why}"


def broken_link(path, *, itself: bool = True) -> str | None:
    """Why the output ``path`` cannot be made: it is, or lies under, a broken symbolic link; None if not.

    A link to nothing (a purged scratch folder) or a link that loops (``a -> b -> a``):
    the folders the path needs cannot be made through it. The reason starts with ``is``
    or ``lies under <link>,`` and names the link and its target. With ``itself=False``
    (an output file) ``path`` itself may be such a link: the writer replaces it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "scratch").symlink_to(d / "gone")
    >>> broken_link(d / "scratch" / "out")  # doctest: +ELLIPSIS
    'lies under .../scratch, a symbolic link to .../gone, which does not exist: create that directory, point the link at one, or choose another output path'
    >>> (d / "a").symlink_to("b"); (d / "b").symlink_to("a")
    >>> broken_link(d / "a" / "out")  # doctest: +ELLIPSIS
    'lies under .../a, a symbolic link that loops (.../a -> b): point the link at a directory, remove it, or choose another output path'
    """
    path = Path(path)
    for parent in (path, *path.parents) if itself else path.parents:
        if os.path.exists(parent):
            return None
        if os.path.islink(parent):
            where = "is" if parent == path else f"lies under {parent},"
            try:
                os.stat(parent)
            except OSError as exc:
                if exc.errno == errno_codes.ELOOP:  # os.path.exists is False for it too: "to nothing" before
                    return (f"{where} a symbolic link that loops ({parent} -> {os.readlink(parent)}): point the "
                            "link at a directory, remove it, or choose another output path")
            # a relative or chained link: where it ends, not only its next step (link_target)
            return (f"{where} a symbolic link to {link_target(parent)}, which does not exist: create that "
                    "directory, point the link at one, or choose another output path")
    return None


def lost_cwd(path) -> str | None:
    """Why the relative output ``path`` names nothing: the current directory no longer exists; None if it does.

    A shell left in a directory that was removed (``rm -rf`` of a build folder, a ``git
    clean``) or replaced since it entered it: ``exposure compare -o rep``, ``score -o
    s.csv``, ``train --out m.npz`` said ``error: No such file or directory``, naming nothing
    (:func:`os.getcwd` failed while the path was made absolute). One rule and one wording
    for the output files of this module (:func:`check_output_path`) and the output
    directories of :mod:`exposure._outdir`. An absolute ``path`` needs no current directory:
    None.

    Examples
    --------
    >>> lost_cwd("/nonexistent/rep") is None
    True
    """
    text = os.fspath(path)
    if os.path.isabs(text):
        return None
    try:
        os.getcwd()
    except FileNotFoundError:
        return ("the current directory no longer exists (it was removed or replaced after the shell entered "
                "it), so a relative path names nothing; cd to an existing directory, or give the full path")
    return None


def closed_folder(path, *, advice: str = "write the file elsewhere", directory: bool = False) -> str | None:
    """Why the output ``path`` cannot be reached: a folder on its way that this user may not enter; None if none.

    ``exposure score x.csv -o locked/sub/s.csv`` and ``exposure rollup ... -o locked/sub``,
    ``locked`` a folder without search (``x``) permission for this user (another user's
    ``0700`` folder), said only ``locked/sub/s.csv: Permission denied`` (``cannot inspect
    the output path locked/sub: Permission denied``), naming neither the folder nor what to
    do. The first folder, from the top, whose entries cannot be looked up is named, as
    written (relative when ``path`` is). One rule and one wording for the output files of
    this module (:func:`check_output_path`, :func:`output_error`) and the output
    directories and files of :mod:`exposure._outdir`.

    Parameters
    ----------
    path : str or os.PathLike
        The output file or directory.
    advice : str, default "write the file elsewhere"
        What else to do, after ``ask its owner for access, or``.
    directory : bool, default False
        ``path`` is an output directory that is replaced as a whole: it must be entered
        too, when it exists (its entries are carried over).

    Returns
    -------
    str or None
        ``Permission denied: the folder locked cannot be entered (no x permission for
        this user), so nothing can be written in it; ask its owner for access, or write
        the file elsewhere``.

    Examples
    --------
    >>> closed_folder("/nonexistent/out.csv") is None
    True
    """
    path = Path(os.fspath(path))
    steps = [(step, step.parent) for step in (*reversed(path.parents), path)]
    if directory:
        steps.append((os.path.join(path, "."), path))  # Path(".../.") is the folder itself, not inside it
    for step, folder in steps:
        try:
            os.stat(step)
        except PermissionError:
            return (f"Permission denied: the folder {error_path(folder)} cannot be entered (no x permission "
                    f"for this user), so nothing can be written in it; ask its owner for access, or {advice}")
        except (OSError, ValueError):  # missing (made by the writer), a file, a name too long: said elsewhere
            return None
    return None


def line_end(path, *, file: bool = False) -> str | None:
    """Why ``path`` must not be made: a name in it that does not exist yet holds a line end; None if none does.

    ``-o "$(printf 'c\\nd')"`` (a shell variable, or a ``$(...)`` of two lines) made one new
    directory (or file) of that two-line name, and the summaries printed it on two lines. A
    folder (or, with ``file``, a file) of that very name that exists is used. One rule for
    the output files of this module (:func:`check_output_path`) and the output
    directories and files of :mod:`exposure._outdir` (:func:`exposure._outdir.refuse_spaces`).

    Examples
    --------
    >>> print(line_end("/nonexistent/c\\nd/r.csv", file=True))
    holds a line end: a value of two lines (a shell variable, or a $(...) that gave two names?) would name one new directory of both; give a single path
    >>> line_end("/nonexistent/cd") is None
    True
    """
    parts = Path(os.fspath(path)).parts
    for i, part in enumerate(parts):
        if ("\n" in part or "\r" in part) and not os.path.lexists(Path(*parts[:i + 1])):
            kind = "file" if file and i == len(parts) - 1 else "directory"
            return ("holds a line end: a value of two lines (a shell variable, or a $(...) that gave two "
                    f"names?) would name one new {kind} of both; give a single path")
    return None



def error_path(path) -> str:
    """``path`` as an error about it starts: as given, or its ``repr`` when it holds a line end or another control character.

    An :class:`~exposure.errors.OutputError` starts with its path (``PATH: cannot write:
    ...``): a file name holding a line end (``-o "$(printf 's\\nt.csv')"``) split the
    first line of the error in two, before the reason that named it by its ``repr``.

    Examples
    --------
    >>> error_path("o/s.csv"), error_path("o/s\\nt.csv")
    ('o/s.csv', "'o/s\\\\nt.csv'")
    """
    return quoted_path(os.fspath(path))


def entry_kind(path) -> str:
    """What the existing ``path`` (no directory) is, for a message: ``an existing file``, ``a named pipe``, ``a socket``, ``a device``.

    One set of words for every output check that finds something else than a file where it
    writes (:func:`exposure._outdir.check_report_files`,
    :func:`exposure._outdir.refuse_file_named_dir`), which said ``a named pipe, device or
    socket`` without saying which.

    Examples
    --------
    >>> entry_kind("/dev/null")
    'a device'
    """
    mode = os.stat(path).st_mode
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "an existing file"


def not_directory(path) -> str:
    """What the existing ``path``, no directory, is instead: ``a file``, ``a named pipe``, ..., or a link to one, for a message.

    ``exposure outcomes -o lnk`` (``lnk`` a symbolic link to the file ``f.csv``) said ``lnk:
    output exists and is not a directory``, and ``exposure rollup -o lnk`` ``output path
    /d/f.csv exists and is not a directory``: a path the user did not give, and nothing of
    the link (:func:`exposure._outdir.check_files_dir`, :func:`exposure._outdir.check_output_dir`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "f.csv").write_text("x")
    >>> (d / "lnk").symlink_to("f.csv")
    >>> not_directory(d / "f.csv"), not_directory(d / "lnk"), not_directory("/dev/null")
    ('a file', 'a symbolic link to the file f.csv', 'a device')
    """
    kind = entry_kind(path)
    kind = "a file" if kind == "an existing file" else kind
    if os.path.islink(path):
        return f"a symbolic link to the {kind.removeprefix('a ')} {error_path(os.readlink(path))}"
    return kind


def given_parent(path) -> str:
    """The folder of ``path`` as the user wrote it: ``./f.csv`` of ``./f.csv/x``, ``.`` of ``e.csv``.

    :attr:`pathlib.Path.parent` drops a leading ``./`` (``Path("./f.csv/x").parent`` is
    ``f.csv``), so that a message about the folder of ``--out-dir ./f.csv/x`` named
    ``f.csv/x``, not the path the user can find in the command. A trailing separator is
    left out, as :class:`~pathlib.Path` leaves it out (``a/b/`` is in ``a``).

    Examples
    --------
    >>> given_parent("./f.csv/x"), given_parent("e.csv"), given_parent("./e.csv"), given_parent("a/b/")
    ('./f.csv', '.', '.', 'a')
    >>> given_parent("/e.csv"), given_parent("/")
    ('/', '/')
    """
    text = os.fspath(path)
    bare = text.rstrip("/" + os.sep) or text  # "/" stays "/"
    return os.path.dirname(bare) or "."


def under_file(path) -> str | None:
    """Why the output ``path`` cannot be made: it lies under a file (``lies under <file>, which is a file, ...``); None if not.

    ``my_tasks.csv/o``, where ``my_tasks.csv`` is the user's task file: the closest existing
    path above ``path`` is named, as written (relative when ``path`` is, with the ``./``
    the user gave: ``./my_tasks.csv/o`` lies under ``./my_tasks.csv``, which was named
    ``my_tasks.csv``); a named pipe, device or socket there is said to be which
    (:func:`not_directory`: ``which is a named pipe, not a directory``; it was ``a special
    file (a named pipe, device or socket)``), and a symbolic link to a file is said to be
    one, with its target (``lies under lnk, which is
    a symbolic link to the file f.csv, not a directory``: it was ``which is a file``). One rule and
    one wording for every writer: the output files of this module
    (:func:`check_output_path`: it said ``my_tasks.csv is a file, not a directory``) and the
    output directories and files of :mod:`exposure._outdir` (``output path my_tasks.csv/o
    lies under my_tasks.csv, ...``). None when ``path`` exists (whatever it is: named by
    the caller) or lies under directories only.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "my_tasks.csv").write_text("task\\n")
    >>> under_file(d / "my_tasks.csv" / "o" / "m.npz")  # doctest: +ELLIPSIS
    'lies under .../my_tasks.csv, which is a file, not a directory'
    >>> under_file(d / "new" / "o") is None
    True
    """
    text = os.fspath(path)
    if os.path.exists(text):  # never raises (a folder that may not be searched: named by the probe)
        return None
    while True:
        # the parent as written ("./my_tasks.csv" of "./my_tasks.csv/o"): Path.parents drops the "./"
        parent = given_parent(text)
        if parent == text:
            return None
        text = parent
        if not os.path.exists(parent):
            continue
        if not os.path.isdir(parent):
            # which special file: "a special file (a named pipe, device or socket)" said not; a link
            # to a file with its target ("lnk/s.csv": "lnk, which is a file" named no file of that name)
            return f"lies under {parent}, which is {not_directory(parent)}, not a directory"
        return None


def _refuse_unexpanded(text) -> None:
    """Refuse an output path that starts with ``~`` (:func:`unexpanded_home`), or holds a name too long (:func:`long_name`), naming it.

    A name too long for its file system raised a bare ``OSError: [Errno 36] File name too
    long`` from :mod:`pathlib` in :func:`atomic_path` and :func:`atomic_paths`
    (``write_csv(frame, "x" * 300 + ".csv")``), naming no writer.
    """
    reason = unexpanded_home(text)
    if reason is not None:
        raise OutputError(reason, path=error_path(text), errno=errno_codes.EINVAL)
    reason = long_name(text)
    if reason is not None:
        raise OutputError(reason, path=error_path(text), errno=errno_codes.ENAMETOOLONG)


def check_output_path(output, *inputs) -> Path:
    """Refuse, before any work, an output path that cannot or must not be written.

    Parameters
    ----------
    output : str or os.PathLike
        File to be written.
    *inputs : str or os.PathLike
        Files the command reads; the output must not be any of them (same path, a
        symlink or a hard link to it, or the same path once resolved: ``sub/../in.csv``
        with no directory ``sub``, which the writer creates).

    Returns
    -------
    pathlib.Path
        ``output``.

    Raises
    ------
    exposure.errors.OutputError
        ``output`` is an existing directory, ends with a path separator (a directory
        path, not a file name), starts with ``~`` (:func:`unexpanded_home`: a folder
        ``~`` was made in the current directory), is ``-`` (standard output), or another
        file that is not a regular file (``/dev/full``: the rename would replace the
        device), is one of ``inputs``, lies below a path that is a file (:func:`under_file`:
        ``it lies under my_tasks.csv, which is a file, not a directory``), or its directory
        cannot be written (permission: :func:`unwritable_folder`, ``directory ro is not
        writable`` before; read-only file system) or a folder on its way cannot
        be entered (:func:`closed_folder`); it is relative and the
        current directory no longer exists (:func:`lost_cwd`: ``No such file or directory``
        before, naming nothing). Its name, or that of a
        folder to be made for it, is longer than its file system allows
        (:func:`long_name`: a bare ``OSError`` before); it lies under a symbolic link to
        nothing or one that loops (:func:`broken_link`: the whole work was done, then
        ``a parent of the path is not a directory``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "in.csv").write_text("task\\nWeld.\\n")
    >>> check_output_path(d / "out.csv", d / "in.csv").name
    'out.csv'
    >>> check_output_path(d / "in.csv", d / "in.csv")   # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.OutputError: .../in.csv: cannot write: the output is the input file ...
    >>> check_output_path(d)   # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.OutputError: ...: cannot write: is a directory; give a file name
    """
    try:
        text = os.fspath(output)
    except TypeError:
        raise DataFormatError(f"expected an output file path, got {type(output).__name__}") from None
    reason = lost_cwd(text)  # a relative path in a removed directory: "No such file or directory", naming nothing
    if reason is not None:
        raise OutputError(reason, path=error_path(text), errno=errno_codes.ENOENT)
    out = Path(output)
    # shown as given: "./o/s.csv" was named "o/s.csv"; "s\nt.csv" split the error's first line
    named = error_path(text)
    reason = closed_folder(out)  # first: is_dir() and the others raised a bare "Permission denied"
    if reason is not None:
        raise OutputError(reason, path=named, errno=errno_codes.EACCES)
    reason = long_name(out)  # first: pathlib raised a bare OSError ("File name too long")
    if reason is not None:
        raise OutputError(reason, path=named, errno=errno_codes.ENAMETOOLONG)
    if out.is_dir():
        raise OutputError("is a directory; give a file name", path=named, errno=errno_codes.EISDIR)
    # "s\nt.csv": a new file of the two-line name ("s\nt/", first: a new directory)
    reason = line_end(text, file=not text.endswith((os.sep, "/")))
    if reason is not None:
        raise OutputError(reason, path=named, errno=errno_codes.EINVAL)
    _refuse_directory_path(text)  # nothing there, or a file
    _refuse_unexpanded(text)  # "~/x.csv": a folder "~" was made in the current directory
    if text in ("-", "/dev/stdout") and (text == "/dev/stdout" or not out.exists()):
        raise OutputError("standard output is not supported: give a file name", path=named,
                          errno=errno_codes.EINVAL)
    if out.exists() and not out.is_file():  # which: "(a device, pipe or socket)" said not
        raise OutputError(f"exists and is not a regular file ({entry_kind(out)}); give a file name",
                          path=named, errno=errno_codes.EEXIST)
    if out.is_file() and _is_file_mount(out):  # the rename over it failed after the work: EBUSY
        raise OutputError("is a mount point (a file mounted on its own, as docker run -v FILE:PATH "
                          "does), which the writer cannot replace by its new file; mount the folder "
                          "instead, or write to another file", path=named, errno=errno_codes.EBUSY)
    src = input_at(out, inputs)
    if src is not None:
        raise OutputError(
            f"the output is the input file {src}; write to another file",
            path=named,
            errno=errno_codes.EEXIST,
        )
    reason = broken_link(out, itself=False)  # its folders cannot be made: the writer failed after the work
    if reason is not None:
        raise OutputError(f"it {reason}", path=named, errno=errno_codes.ENOENT)
    reason = under_file(text)  # "my_tasks.csv is a file, not a directory": the words of exposure._outdir now
    if reason is not None:
        raise OutputError(f"it {reason}", path=named, errno=errno_codes.ENOTDIR)
    reason = unwritable_folder(out)  # "directory ro is not writable", saying not what to do
    if reason is not None:
        code = errno_codes.EROFS if reason.startswith(_REASONS[errno_codes.EROFS]) else errno_codes.EACCES
        raise OutputError(reason, path=named, errno=code)
    return out


def unwritable_folder(path, *, advice: str = "write the file elsewhere") -> str | None:
    """Why the output file ``path`` cannot be made: the closest existing folder above it cannot be written; None if it can.

    A folder this user may enter but not write (``chmod a-w``, another user's ``0755``
    folder) was said as ``directory ro is not writable``, saying not what to do. In the
    words of :func:`closed_folder` (a folder that cannot be entered): the folder, the
    permission missing and what to do. A read-only file system is named as such.

    Parameters
    ----------
    path : str or os.PathLike
        The output file.
    advice : str, default "write the file elsewhere"
        What else to do, after ``ask its owner for access, or``.

    Returns
    -------
    str or None
        ``Permission denied: the folder ro is not writable (no w permission for this
        user), so nothing can be written in it; ask its owner for access, or write the file
        elsewhere``; ``read-only file system (ro)``.

    Examples
    --------
    >>> import tempfile
    >>> unwritable_folder(tempfile.mkdtemp() + "/new/out.csv") is None
    True
    """
    parent = Path(os.fspath(path)).parent
    while not os.path.exists(parent) and parent != parent.parent:
        parent = parent.parent
    if not os.path.isdir(parent) or os.access(parent, os.W_OK | os.X_OK):
        return None
    try:
        read_only = bool(os.statvfs(parent).f_flag & os.ST_RDONLY)
    except OSError:
        read_only = False
    if read_only:
        return f"{_REASONS[errno_codes.EROFS]} ({parent})"
    if not os.access(parent, os.X_OK):  # (closed_folder names it first, with its own words)
        return closed_folder(os.path.join(parent, "_"), advice=advice)
    return (f"Permission denied: the folder {error_path(parent)} is not writable (no w permission for this "
            f"user), so nothing can be written in it; ask its owner for access, or {advice}")


def input_at(output, inputs) -> Path | None:
    """The first of ``inputs`` that the output file ``output`` is, or None: the one rule of "the output is an input".

    The same path, a symbolic or hard link to it, or the same path once resolved
    (``sub/../in.csv`` with no directory ``sub``, which the writer creates). For
    :func:`check_output_path` (one output file) and
    :func:`exposure._outdir.check_report_files` (the reports of a directory: ``exposure
    outcomes --panel o/outcomes_exposures.csv -o o`` replaced the panel by a report).

    Examples
    --------
    >>> input_at("a/../in.csv", ["in.csv"])
    PosixPath('in.csv')
    >>> input_at("out.csv", ["in.csv"]) is None
    True
    """
    out = Path(output)
    for src in inputs:
        src = Path(src)
        try:
            # resolved too: sub/../in.csv, with no sub, is neither the same text nor an existing
            # file; the writer created sub and replaced in.csv by its output
            if (out.absolute() == src.absolute() or _same_file(out, src)
                    or os.path.realpath(out) == os.path.realpath(src)):
                return src
        except FileNotFoundError:  # a relative path, the current directory removed: its reader says so
            # (exposure score rel.csv -o /abs/s.csv said "error: No such file or directory")
            if os.path.normpath(out) == os.path.normpath(src):
                return src
    return None


def _is_file_mount(path: Path) -> bool:
    """Whether the file ``path`` (its link followed) is a mount point, by ``/proc/self/mountinfo``.

    A file mounted on its own (``docker run -v $PWD/scores.csv:/out/scores.csv``) cannot
    be replaced by a rename: the writer failed with ``Device or resource busy`` once the
    whole work was done. :func:`os.path.ismount` tells directories only. False where
    the table of mounts cannot be read (not Linux).

    Examples
    --------
    >>> _is_file_mount(Path("/nonexistent/scores.csv"))
    False
    """
    real = os.fsencode(os.path.realpath(path))
    try:
        with open("/proc/self/mountinfo", "rb") as fh:
            for line in fh:
                fields = line.split()
                # field 5 is the mount point, its blanks and backslashes as octal escapes (\040)
                if len(fields) > 4 and re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m[1], 8)]),
                                              fields[4]) == real:
                    return True
    except OSError:
        return False
    return False


#: When this process started: an unnamed partial file older than this is left over.
_RUN_START = time.time()


def partial_prefix(dest: Path) -> str:
    """Start of the names of ``dest``'s partial files: ``.<name>.``, the name cut at 64 bytes.

    Cut, so that a partial file's name stays within the file system's limit (255 bytes)
    whatever the length of the output's own name. Cut in bytes (of UTF-8), on a character
    boundary: cut at 64 characters, a name of 60 emoji (244 bytes, a legal name) gave a
    partial name of 256 bytes and more, and 64 characters of Chinese or Japanese (192
    bytes) one of more than 255 bytes with a long host name (:func:`partial_stem`): the
    write failed with ``file name too long``, after the whole work.

    Examples
    --------
    >>> partial_prefix(Path("out/scores.csv"))
    '.scores.csv.'
    >>> len(partial_prefix(Path("\u7814" * 80 + ".csv")).encode())
    65
    """
    name = Path(dest).name[:64]
    while len(os.fsencode(name)) > 64:
        name = name[:-1]
    return f".{name}."


def _host_tag() -> str:
    """The name of this machine as partial file names carry it: letters, digits, ``-`` and ``_`` only.

    Other characters (the dots of ``node7.cluster.org``) become ``_``; cut at 64 characters.
    Empty where the system gives no name.

    Examples
    --------
    >>> import re
    >>> re.fullmatch(r"[A-Za-z0-9_-]*", _host_tag()) is not None
    True
    """
    try:
        name = socket.gethostname()
    except OSError:
        return ""
    return re.sub(r"[^A-Za-z0-9_-]", "_", name or "")[:64]


def partial_stem(dest: Path) -> str:
    """Start of the names of this process's partial files of ``dest``: ``.<name>.p<pid>-<host>-``.

    The process id tells a later run whether the writer still lives; the host name
    (:func:`_host_tag`) tells it whether that process can be seen from here at all. On a
    cache or output folder shared by several machines (an NFS home), a live writer of
    another machine has a process id that is free here: its partial file, named with the
    process id only, was removed as left by a dead run, under the writer (whose output was
    then cut, or its rename failed). Without a host name (none given by the system) the
    stem is ``.<name>.p<pid>-``, the name of earlier releases.

    Examples
    --------
    >>> import os
    >>> partial_stem(Path("out/a.csv")).startswith(f".a.csv.p{os.getpid()}-")
    True
    """
    host = _host_tag()
    return f"{partial_prefix(dest)}p{os.getpid()}-{host + '-' if host else ''}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: the process exists but belongs to someone else
        return True
    return True


#: Seconds of clock error allowed when a process's start is compared with a file's time.
_CLOCK_SLACK = 2.0

#: A partial file not written for this long (seconds: 7 days) is stale whatever its
#: process id says (one left on a shared file system by another machine's run).
STALE_PARTIAL_AGE = 7 * 24 * 3600.0


def _process_start(pid: int) -> float | None:
    """When process ``pid`` started (seconds since the epoch), from ``/proc``; None if unknown.

    Examples
    --------
    >>> import os, time
    >>> start = _process_start(os.getpid())
    >>> start is None or start <= time.time()
    True
    """
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            data = fh.read()
        # the fields after the command name (in brackets, which may hold spaces):
        # state is field 3, starttime (clock ticks after boot) field 22
        ticks = int(data[data.rindex(b")") + 2:].split()[19])
        since_boot = time.clock_gettime(time.CLOCK_BOOTTIME)
        hertz = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return time.time() - (since_boot - ticks / hertz)


def _dead_writer(pid: int, tail: str, entry: os.DirEntry, mtime: float, host: str | None = None) -> bool:
    """Whether the partial file ``entry``, named with ``pid``, was left by a run that died.

    Its process is gone; or the process that has its id now started after the file was
    last written (the id was given again to another process, which cannot be its writer:
    the file was kept for ever before); or it was not written for
    :data:`STALE_PARTIAL_AGE`. A backup (``-bak...``, perhaps a copy keeping the old
    file's modification time) is judged by its inode's change time, which a copy cannot
    set back. A file named with another ``host`` than this machine's (a folder shared
    by several machines) is stale only by its age: its process cannot be seen from here.
    """
    if tail.startswith("bak"):
        try:
            mtime = entry.stat(follow_symlinks=False).st_ctime
        except OSError:
            return False
    if host is not None and host != _host_tag():
        return mtime < time.time() - STALE_PARTIAL_AGE
    if pid == os.getpid():  # this process's id: its own file, or one left before it started
        return mtime < _RUN_START - _CLOCK_SLACK
    if not _pid_alive(pid):
        return True
    started = _process_start(pid)
    if started is not None and started > mtime + _CLOCK_SLACK:
        return True
    return not tail.startswith("bak") and mtime < time.time() - STALE_PARTIAL_AGE


def _stale_partials(dest: Path) -> list[Path]:
    """Partial files of ``dest`` left by runs that died.

    A partial file is ``.<name>.p<pid>-<host>-<random>.tmp`` (:func:`partial_stem`:
    :func:`atomic_path`), ``.<name>.p<pid>-<random>.tmp`` (the download cache, earlier
    releases) or ``.<name>.<random>.tmp`` (older releases). It is stale
    when its process is gone, when the process that has its id now started after the
    file was last written (the id was reused), or when it was not written for 7 days
    (:func:`_dead_writer`); one of another host, only when it was not written for 7 days;
    without a process id, when it was last written before this process started.
    """
    try:
        entries = list(os.scandir(dest.parent))
    except OSError:
        return []
    prefix = partial_prefix(dest)
    stale = []
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        middle = name[len(prefix):-len(".tmp")]
        if "." in middle:  # belongs to a longer name (".a.csv.x.tmp" vs ".a.csv.tmp")
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            mtime = entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        # the random part never holds "-": a host name is what lies between the pid and it
        match = re.fullmatch(r"p([0-9]+)-(?:([A-Za-z0-9_-]+)-)?([A-Za-z0-9_]+)", middle)
        if match:
            if _dead_writer(int(match.group(1)), match.group(3), entry, mtime, match.group(2)):
                stale.append(Path(entry.path))
        elif mtime < _RUN_START:
            stale.append(Path(entry.path))
    return sorted(stale)


def remove_stale_partials(dest) -> list[Path]:
    """Remove the partial files a killed run left beside ``dest``; return them.

    Parameters
    ----------
    dest : str or os.PathLike
        An output or cache file (it need not exist).

    Returns
    -------
    list of pathlib.Path
        The files removed.

    Examples
    --------
    >>> import tempfile, pathlib, os
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> left = d / ".a.csv.p999999999-x1.tmp"   # no such process
    >>> _ = left.write_bytes(b"partial")
    >>> [p.name for p in remove_stale_partials(d / "a.csv")]
    ['.a.csv.p999999999-x1.tmp']
    >>> sorted(os.listdir(d))
    []
    """
    if not isinstance(dest, (str, os.PathLike)) or not isinstance(os.fspath(dest), str):
        # None, a number, a list, bytes: pathlib's TypeError before
        shown = repr(dest) if len(repr(dest)) <= 60 else repr(dest)[:57] + "..."  # as _args.shown
        raise ExposureError(f"dest must be a file path (str or os.PathLike), got {type(dest).__name__} {shown}")
    removed = []
    for path in _stale_partials(Path(dest)):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            log.warning("could not remove stale partial file %s: %s", path, exc)
            continue
        log.warning("removed partial file %s left by an interrupted run", path)
        removed.append(path)
    return removed


def _keep_mode(tmp: Path, path: Path) -> None:
    """Give ``tmp`` the permission bits and, where allowed, the owner of the file ``path``.

    Nothing when ``path`` does not exist (a new file keeps the umask's permissions). Set
    after the writing (a read-only ``0o444`` file could not be written to otherwise),
    the owner before the bits (a change of owner clears the set-user-ID bit).
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    if (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.chown(tmp, st.st_uid, st.st_gid)  # root only
        except OSError:
            with contextlib.suppress(OSError):  # a member of the file's group: the group
                os.chown(tmp, -1, st.st_gid)
    os.chmod(tmp, stat.S_IMODE(st.st_mode))


def _check_destination(path: Path) -> None:
    """Refuse a destination that is a directory, or a file that is not a regular one.

    Looked at with :mod:`os.path`, which never raises: ``Path.is_dir`` raised a bare
    ``PermissionError`` (``locked/b.csv: Permission denied``) for a destination under a
    folder that cannot be entered (``write_csv(frame, "locked/b.csv")``), before the write
    named the folder (:func:`output_error`, :func:`closed_folder`).
    """
    if os.path.isdir(path):
        raise OutputError("is a directory; give a file name", path=path, errno=errno_codes.EISDIR)
    if os.path.exists(path) and not os.path.isfile(path):  # never rename over a device, pipe or socket
        raise OutputError(f"exists and is not a regular file ({entry_kind(path)})",  # which, as check_output_path
                          path=path, errno=errno_codes.EEXIST)


def _partial_file(path: Path, make_dirs: bool = True) -> Path:
    """A new empty partial file beside ``path`` (its directory made, with ``make_dirs``), for :func:`atomic_path`."""
    _check_destination(path)
    try:
        if make_dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.parent.is_dir():  # gone: a failed run removed it
            raise FileNotFoundError(errno_codes.ENOENT, "no such directory", str(path.parent))
    except FileExistsError:  # a parent is a file
        raise OutputError(_REASONS[errno_codes.ENOTDIR], path=path, errno=errno_codes.ENOTDIR) from None
    except OSError as exc:
        raise output_error(exc, path) from None
    remove_stale_partials(path)  # left by a run that was killed (SIGKILL, power cut)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=partial_stem(path), suffix=".tmp")
    except OSError as exc:
        raise output_error(exc, path) from None
    os.close(fd)
    tmp = Path(tmp)
    try:
        # mkstemp creates 0600 files; give the result the permissions a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _flush(tmp: Path, path: Path) -> None:
    """Flush the partial file ``tmp`` of ``path`` to the disk, before its rename.

    A partial file that cannot be opened again (removed, or unreadable under a strict
    umask) is left to the rename, which says why; a file system that cannot fsync
    (``EINVAL``) is passed over. Any other failure (an I/O error, a full disk on a network
    file system) is the write's failure.
    """
    try:
        fd = os.open(tmp, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno_codes.EINVAL, errno_codes.ENOTSUP, errno_codes.EOPNOTSUPP):
            raise output_error(exc, path) from None
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    """Flush the directory ``path`` (its entries: a rename), where the system allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def dirs_to_make(directory) -> list[Path]:
    """The directories that ``Path(directory).mkdir(parents=True)`` would make, deepest first.

    Each leading part of ``directory`` as written that does not exist, as the system
    resolves it (a ``..`` after a symbolic link goes up from the link's target). A part
    that a ``..`` then leaves is made too: ``x/../out`` makes ``x``, which a path made
    absolute first (``./out``) did not name, so a run that failed after making it left
    ``x`` behind, empty (``exposure train --out x/../m.npz``). The caller that made them
    removes the empty ones again (:func:`_remove_dirs`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> [p.relative_to(d).as_posix() for p in dirs_to_make(d / "x" / ".." / "new" / "sub")]
    ['new/sub', 'x', 'new']
    >>> dirs_to_make(d)
    []
    """
    parts = Path(directory).parts
    found: list[Path] = []
    for i, part in enumerate(parts):
        prefix = Path(*parts[:i + 1])
        if part == ".." or os.path.lexists(prefix):
            continue
        real = Path(os.path.realpath(prefix))  # "x/../new": new, beside x
        if real not in found:
            found.append(real)
    return sorted(found, key=lambda d: len(d.parts), reverse=True)


def _missing_dirs(paths) -> list[Path]:
    """The directories above ``paths`` that do not exist yet, deepest first (:func:`_remove_dirs`)."""
    missing: list[Path] = []
    for path in paths:
        missing.extend(d for d in dirs_to_make(Path(path).parent) if d not in missing)
    return sorted(missing, key=lambda d: len(d.parts), reverse=True)


def _remove_dirs(dirs: list[Path]) -> None:
    """Remove the directories a failed write created (empty ones only; deepest first)."""
    for d in dirs:
        with contextlib.suppress(OSError):
            d.rmdir()


def _remove_passed(created: list[Path], paths) -> None:
    """Remove the directories of ``created`` that hold none of the files ``paths`` once they are written.

    A directory that a ``..`` leaves (``x`` of ``x/../out.csv``) was made only to be
    passed through (:func:`dirs_to_make`), and was left behind, empty, by a write that
    succeeded (empty ones only, as :func:`_remove_dirs`).
    """
    homes = [Path(os.path.realpath(Path(p).parent)) for p in paths]
    _remove_dirs([d for d in created if not any(home.is_relative_to(d) for home in homes)])


def _written_path(path: Path) -> Path:
    """The file :func:`atomic_path` replaces for the destination ``path``: the file a symbolic link there points to.

    A link to a file is written through (the file it points to gets the new contents and
    the link stays); a link to nothing is replaced by the new file. One rule for one file
    (:func:`atomic_path`) and for a set (:func:`atomic_paths`, which replaced a link of a
    set by a regular file, the file it named keeping its old contents). A report name
    linked to an input of the same command is refused before any work
    (:func:`exposure._outdir.check_report_files`, :func:`check_output_path`). Looked at
    with :mod:`os.path`, which never raises: ``Path.is_symlink`` raised a bare
    ``PermissionError`` for a path under a folder that cannot be entered
    (``write_agreement_report(..., "locked/a.csv")``), before the write named the folder
    (:func:`output_error`).
    """
    if os.path.islink(path) and os.path.isfile(path):
        return Path(os.path.realpath(path))
    return path


@contextlib.contextmanager
def atomic_path(path, *, make_dirs: bool = True):
    """Yield a temporary path beside ``path``; rename it to ``path`` on success.

    ``make_dirs`` False: ``path``'s directory must exist (it is not made again), for a
    writer whose directory another part of the run may have removed (the partitions of
    :func:`exposure.dask.score_dataset`, after another one failed).

    On an exception the temporary file is removed and ``path`` is left as it was, and so
    are the directories made for it (``-o new/sub/out.csv`` of a run that fails left
    ``new/sub`` behind; one another process put a file in meanwhile stays). A
    temporary file or rename that cannot be made (read-only or full file system, a
    directory that is not writable, ``path`` a directory) raises
    :class:`~exposure.errors.OutputError` naming ``path``.

    A new file gets the permissions a plain :func:`open` gives (``0o666`` less the
    umask). A file that replaces an existing one takes that file's permission bits and,
    where allowed, its owner and group, as :func:`exposure._outdir.replace_directory`
    does for directories: a private ``0600`` output stays private (it became ``0644``,
    readable by every user).

    The file is flushed to the disk (:func:`os.fsync`) before the rename, and its
    directory after it: a power cut just after the rename left an empty or partial file
    under the final name on file systems that may reorder the writes. A ``path`` that
    ends in a separator (``results/``, a directory path) is refused: it wrote a file
    named ``results``.

    Parameters
    ----------
    path : str or os.PathLike
        Final destination.

    Examples
    --------
    >>> import tempfile, pathlib, os, stat
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("done")
    >>> target.read_text()
    'done'
    >>> os.chmod(target, 0o600)
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("again")
    >>> oct(stat.S_IMODE(target.stat().st_mode)), target.read_text()
    ('0o600', 'again')

    A symbolic link to a file is written through: the file it points to gets the new
    contents and the link stays (the link was replaced by a regular file, and the file it
    named kept the old contents).
    """
    if isinstance(path, (str, os.PathLike)):
        _refuse_directory_path(os.fspath(path))
        _refuse_unexpanded(path)
    path = _written_path(Path(path))
    created = _missing_dirs([path])  # made for the file: removed again if it is not written
    tmp = None
    try:
        with signals_held():  # a signal between the partial file's creation and here left it behind
            tmp = _partial_file(path, make_dirs)
        with reported_as(tmp, path):  # the writer's errors and warnings name path, not tmp
            yield tmp
        try:
            _flush(tmp, path)
            _keep_mode(tmp, path)
            with signals_held():  # a signal between the two: the file was not said to be written
                os.replace(tmp, path)
                record_written(path)
        except OSError as exc:
            raise output_error(exc, path) from None
        _fsync_dir(path.parent)
        _remove_passed(created, [path])  # x of x/../out.csv: made to be passed through
    except BaseException:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        _remove_dirs(created)
        raise


#: The records of :func:`recording_written` blocks now running (innermost last).
_WRITTEN_RECORDS: list[list[Path]] = []


@contextlib.contextmanager
def recording_written():
    """Within the block, record every output put in its place: yield the list of their paths.

    :func:`atomic_path`, :func:`atomic_paths` and :func:`exposure._outdir.replace_directory`
    add the file (or directory) to the list once it holds its new contents
    (:func:`record_written`), in the order written. For what a command stopped by a signal
    says it left (:func:`exposure._outdir.terminate_cleanly`): ``exposure outcomes`` stopped
    between its figures and its tables, or ``exposure recompute --compare`` stopped in its
    diff after the new tables were swapped in, said ``previous outputs untouched``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with recording_written() as written:
    ...     with atomic_path(d / "a.csv") as tmp:
    ...         _ = tmp.write_text("x")
    >>> [p.name for p in written]
    ['a.csv']
    """
    record: list[Path] = []
    _WRITTEN_RECORDS.append(record)
    try:
        yield record
    finally:
        for i in range(len(_WRITTEN_RECORDS) - 1, -1, -1):  # by identity: two empty lists are equal
            if _WRITTEN_RECORDS[i] is record:
                del _WRITTEN_RECORDS[i]
                break


def record_written(path) -> None:
    """Add ``path``, an output just put in its place, to the lists of :func:`recording_written` (if any)."""
    for record in _WRITTEN_RECORDS:
        record.append(Path(path))


#: The signals whose handlers raise (:func:`exposure._outdir.terminate_cleanly`, Python's
#: Ctrl-C), held back by :func:`signals_held`.
HELD_SIGNALS = frozenset(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextlib.contextmanager
def signals_held():
    """Hold back SIGINT, SIGTERM and SIGHUP inside the block; one that came is raised again at its end.

    Their handlers raise (``Terminated``, ``KeyboardInterrupt``). One that ran between the
    creation of a partial file (``tempfile.mkstemp``) and the ``try`` whose ``except``
    removes it, a window of a few bytecodes, left the file behind: ``exposure score`` sent
    SIGHUP just as its output was begun exited 129 with ``.o.csv.p...tmp`` beside the
    output (about 1 run in 20 on a loaded machine). Inside the block each signal is only
    recorded; at its end the handlers are put back and each signal recorded is raised
    again (:func:`signal.raise_signal`), so that it is handled as if it came then (a
    handler the caller set from C, which Python cannot put back, is left alone). Not a
    blocked signal mask: the system gives a signal sent to the process to any thread that
    does not block it (a BLAS thread), and Python then runs its handler at once. In the
    main thread only, where Python runs the handlers.

    Examples
    --------
    >>> import signal
    >>> got = []
    >>> before = signal.signal(signal.SIGTERM, lambda signum, frame: got.append(signum))
    >>> with signals_held():
    ...     signal.raise_signal(signal.SIGTERM)
    ...     held = list(got)
    >>> held, got == [signal.SIGTERM]
    ([], True)
    >>> _ = signal.signal(signal.SIGTERM, before)
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []
    previous = {}
    try:
        for sig in HELD_SIGNALS:
            handler = signal.getsignal(sig)
            if handler is not None:  # None: set from C, cannot be put back
                previous[sig] = signal.signal(sig, lambda signum, frame: came.append(signum))
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for sig in dict.fromkeys(came):
            signal.raise_signal(sig)


def _backup(path: Path) -> Path | None:
    """A hard link to the file ``path`` (a copy where links are refused), or None when there is none.

    The link keeps the file itself (content, permissions, owner): renamed back over
    ``path``, it restores the file exactly. Named like a partial file of ``path``, so that
    a run killed before removing it leaves nothing that the next write does not clear.
    """
    if not os.path.lexists(path):
        return None
    backup = path.parent / f"{partial_stem(path)}bak{secrets.token_hex(8)}.tmp"
    try:
        os.link(path, backup, follow_symlinks=False)
    except OSError:
        try:  # a file system without hard links, or a file another user owns
            shutil.copy2(path, backup, follow_symlinks=False)
        except OSError:
            backup.unlink(missing_ok=True)
            return None
    return backup


def _replace_all(tmps: list[Path], paths: list[Path]) -> None:
    """Rename each of ``tmps`` to its path of ``paths``, all or none.

    Every destination is checked first (not a directory, not a device), each previous
    file is kept as a backup (:func:`_backup`), and the renames are made in reverse order
    (the first path last, as the nested :func:`atomic_path` blocks did). If a rename fails,
    the files already renamed are put back: the backup renamed over the path, or the new
    file removed where there was none. The partial files left are removed by the caller.
    A signal (Ctrl-C, SIGTERM) that comes during the renames is held until they are done
    and the set is recorded (:func:`record_written`), then raised: the set is whole, and
    said to be written (:func:`signals_held`).
    """
    order = range(len(paths) - 1, -1, -1)
    for i in order:
        _check_destination(paths[i])
    for i in order:
        try:
            _flush(tmps[i], paths[i])
            _keep_mode(tmps[i], paths[i])
        except OSError as exc:
            raise output_error(exc, paths[i]) from None
    backups: dict[int, tuple[bool, Path | None]] = {}
    done: list[int] = []
    try:
        for i in order:
            backups[i] = (os.path.lexists(paths[i]), _backup(paths[i]))
        # the renames and their record: a signal among them (or just after) left a set that was
        # said not to be written, or the record of a set put back
        with signals_held():
            _rename_all(tmps, paths, done, backups)
            for path in paths:
                record_written(path)
    finally:
        for _, backup in backups.values():
            if backup is not None:
                backup.unlink(missing_ok=True)


def _rename_all(tmps: list[Path], paths: list[Path], done: list[int],
                backups: dict[int, tuple[bool, Path | None]]) -> None:
    """The renames of :func:`_replace_all` (appended to ``done``), the files already renamed put back on an error."""
    try:
        for i in range(len(paths) - 1, -1, -1):
            try:
                os.replace(tmps[i], paths[i])
            except OSError as exc:
                raise output_error(exc, paths[i]) from None
            done.append(i)
        for directory in dict.fromkeys(path.parent for path in paths):
            _fsync_dir(directory)
    except BaseException:
        for i in reversed(done):
            existed, backup = backups[i]
            try:
                if backup is not None:
                    os.replace(backup, paths[i])
                elif not existed:
                    paths[i].unlink(missing_ok=True)
                else:
                    log.error("%s was replaced and could not be restored (no backup could be made)",
                              paths[i])
            except OSError as exc:
                log.error("could not restore %s from %s: %s", paths[i], backup, exc)
                backups[i] = (existed, None)  # kept, for the user to restore by hand
        raise


def _one_file_each(paths: list[Path]) -> list[Path]:
    """The files :func:`atomic_paths` replaces for ``paths`` (:func:`_written_path`); two that are one file are refused.

    Two names of a set that are one file (a symbolic link to the other, or two links to one
    file) would leave it holding the one renamed last: refused, naming both.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "keep.csv").write_text("x")
    >>> (d / "a.csv").symlink_to("keep.csv")
    >>> [p.name for p in _one_file_each([d / "a.csv", d / "b.csv"])]
    ['keep.csv', 'b.csv']
    >>> _one_file_each([d / "a.csv", d / "keep.csv"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.OutputError: .../keep.csv: cannot write: it is the file that .../a.csv of the same set names (a symbolic link): that file would hold ...
    """
    written: list[Path] = []
    seen: dict[str, Path] = {}
    for path in paths:
        real = _written_path(path)
        key = os.path.realpath(real)
        if key in seen:
            how = " (a symbolic link)" if os.path.islink(path) or os.path.islink(seen[key]) else ""
            raise OutputError(f"it is the file that {seen[key]} of the same set names{how}: that file would hold "
                              "only the one of the two written last; give each its own file",
                              path=error_path(path), errno=errno_codes.EEXIST)
        seen[key] = path
        written.append(real)
    return written


@contextlib.contextmanager
def atomic_paths(paths):
    """:func:`atomic_path` for several files written as one set.

    Yields one temporary path per entry of ``paths``; when the block ends without an
    error, each is renamed to its destination (a rename each, at the very end); on an
    exception (SIGTERM included, through :func:`exposure._outdir.terminate_cleanly`) all
    are removed and every destination is left as it was. Unlike
    :func:`exposure._outdir.replace_directory`, it works in any directory, the current
    one included, and leaves the other files there alone.

    The renames are all or none: every destination is checked before the first (a
    destination made a directory while the files were written is found there, before any
    file is replaced), and if one fails part-way, the files already renamed are restored
    from hard links kept to the previous ones (a file that was not there is removed).
    Before, the files renamed before the failure stayed replaced: a mixed set of new and
    old files. A signal during the renames is raised once they are done (:func:`_replace_all`).

    A destination that is a symbolic link to a file is written through, as
    :func:`atomic_path` writes it: the file it points to gets the new contents and the link
    stays (the link was replaced by a regular file, and the file it named kept its old
    contents); a link to nothing is replaced by the new file. Two destinations that are one
    file are refused (:class:`~exposure.errors.OutputError`).

    Parameters
    ----------
    paths : iterable of str or os.PathLike
        Final destinations.

    Yields
    ------
    list of pathlib.Path
        The temporary path of each destination, in the order of ``paths``.

    Raises
    ------
    exposure.errors.OutputError
        Naming the destination: one is a directory or a device, or a partial file or a
        rename cannot be made (read-only or full file system, a directory that is not
        writable). No destination is changed then (a file that cannot be put back is
        named in an error logged, with the backup kept beside it). Within the block, an
        :class:`~exposure.errors.OutputError` or :class:`~exposure.errors.DataFormatError`
        about a temporary path is raised again about its destination, and the writers'
        warnings name the destination too (:func:`reported_as`): a full disk was reported
        as ``out/.agreement.csv.p8794-jgzugcw7.tmp: cannot write: ...``, a file gone once
        the run ends.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> try:
    ...     with atomic_paths([d / "a.txt", d / "b.txt"]) as (a, b):
    ...         _ = a.write_text("A")
    ...         raise RuntimeError("b could not be computed")
    ... except RuntimeError:
    ...     pass
    >>> sorted(p.name for p in d.iterdir())
    []
    >>> with atomic_paths([d / "a.txt", d / "b.txt"]) as (a, b):
    ...     _ = a.write_text("A"), b.write_text("B")
    >>> sorted((p.name, p.read_text()) for p in d.iterdir())
    [('a.txt', 'A'), ('b.txt', 'B')]
    """
    paths = list(paths)
    for p in paths:
        if isinstance(p, (str, os.PathLike)):
            _refuse_directory_path(os.fspath(p))
            _refuse_unexpanded(p)
    # a link to a file is written through, as atomic_path writes it (it was replaced by a regular file)
    paths = _one_file_each([Path(p) for p in paths])
    tmps: list[Path] = []
    created = _missing_dirs(paths)  # made for the files: removed again if they are not written
    try:
        for path in paths:
            with signals_held():  # a signal between a partial file's creation and its append left it behind
                tmps.append(_partial_file(path))
        with contextlib.ExitStack() as named:  # the writers' errors and warnings name the destinations
            for tmp, path in zip(tmps, paths, strict=True):
                named.enter_context(reported_as(tmp, path))
            yield list(tmps)
        _replace_all(tmps, paths)
        _remove_passed(created, paths)  # x of x/../out.csv: made to be passed through
    except BaseException:
        for tmp in tmps:
            tmp.unlink(missing_ok=True)
        _remove_dirs(created)
        raise


@contextlib.contextmanager
def _writing(path, make_dirs: bool = True):
    """:func:`atomic_path` whose body's :class:`OSError` becomes an OutputError naming ``path``."""
    with atomic_path(path, make_dirs=make_dirs) as tmp:
        try:
            yield tmp
        except OSError as exc:
            raise output_error(exc, path) from None


def pyarrow_parquet():
    """:mod:`pyarrow.parquet`, imported on first use.

    Its import (with pyarrow's file systems) takes about 0.015 s, which a command that
    reads and writes CSV only (``exposure score tasks.csv -o scored.csv``) does not need.

    Examples
    --------
    >>> pyarrow_parquet().__name__
    'pyarrow.parquet'
    """
    return importlib.import_module("pyarrow.parquet")


def _duplicate_name(frame: pd.DataFrame, path, where: str, *, stripped: bool = True) -> None:
    """Refuse a column name given twice, which ``where`` (a Parquet, Stata, CSV or .xlsx file) cannot hold.

    Names are compared as the text the file stores: ``1`` (a number) and ``"1"`` were
    written as two Parquet columns named ``1``, which no reader could read back. A CSV
    file or an .xlsx sheet was written with such a header, which the library's readers
    then refused (``column 'n' appears twice in the header (columns 2 and 3)``).

    With ``stripped`` (the default), names are compared without their surrounding spaces,
    as the library's readers compare them (:func:`exposure._tables.check_header`): ``a``
    and ``" a"`` were written, and the file was refused when read back (``column 'a'
    appears twice in the header``). A Stata file (``stripped=False``) stores ``" a"`` as
    the variable ``_a``, another name.
    """
    texts = pd.Index([str(c).strip() if stripped else str(c) for c in frame.columns])
    duplicated = texts.duplicated()
    if duplicated.any():
        name = texts[int(duplicated.argmax())]
        places = [j for j, c in enumerate(texts) if c == name][:2]
        first, second = (str(frame.columns[j]) for j in places)
        written = "" if first == second else f", written {first!r} and {second!r}"
        raise DataFormatError(f"the column name is given twice (columns {places[0] + 1} and "
                              f"{places[1] + 1}{written}), which {where} cannot hold; rename one",
                              path=path, column=_shown_name(name))


def _unnamed_column(frame: pd.DataFrame, path, where: str) -> None:
    """Refuse a column without a name (None, NaN, ``pd.NA`` or blank text), which ``where`` cannot name.

    A CSV file or an .xlsx sheet got an empty header cell (or ``nan``), a Parquet file
    the name ``"None"``, ``"nan"`` or ``""``; the library's readers then refused the file
    (``column 2 has values but no name in the header``) or read the column under the name
    ``nan``, a Stata file the variable ``_0nan`` or ``_``. A frame built from a row of a
    sheet used as its header (``frame.columns = frame.iloc[0]``) has such names where that
    row had empty cells.
    """
    for j, col in enumerate(frame.columns):
        missing = col is None or (pd.api.types.is_scalar(col) and pd.isna(col))
        if missing or str(col).strip() == "":
            shown = repr(col) if isinstance(col, str) else str(col)
            raise DataFormatError(f"column {j + 1} has no name ({shown}), which {where} cannot hold; "
                                  "name it (frame.rename(columns=...) or frame.columns = [...])",
                                  path=path)


def _no_columns(frame: pd.DataFrame, path, where: str, *, rows: bool = False) -> None:
    """Refuse a frame without columns, which ``where`` cannot hold.

    With ``rows``, only one that has rows: a CSV file got a blank line per row, an .xlsx
    sheet nothing, and the library's readers refused the file (``file is empty``,
    ``sheet is empty``): the rows were lost. A table of no rows and no columns (an empty
    report) is written as an empty file, as before.
    """
    if frame.shape[1] == 0 and (len(frame) or not rows):
        held = f" (it has {len(frame):,} rows)" if len(frame) else ""
        raise DataFormatError(f"the table has no columns{held}, and {where} needs at least one",
                              path=path)


def _refuse_not_frame(frame, path, where: str) -> None:
    """Refuse a ``frame`` given to a writer that is not a :class:`pandas.DataFrame`, naming what it is.

    A Series, an array, a dict or a list failed from inside pandas (``AttributeError:
    'Series' object has no attribute 'columns'``, ``TypeError: 'numpy.dtypes.Float64DType'
    object is not iterable`` from the Stata writer, ``IndexError: tuple index out of range``
    from the ``.xlsx`` one), and so did a path given first (``write_csv("o.csv", frame)``).
    The error says how to make the frame (a Series: ``series.to_frame()``, its name the
    column's).

    Parameters
    ----------
    frame : object
        What was given as the table to write.
    path : str or os.PathLike
        The file to be written, for the message.
    where : str
        The kind of file, for the message (``"a CSV file"``).

    Raises
    ------
    exposure.errors.DataFormatError
        ``frame`` is not a DataFrame, naming ``path``, ``frame``'s type and the conversion.

    Examples
    --------
    >>> _refuse_not_frame(pd.Series([0.5], name="beta"), "o.csv", "a CSV file")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: o.csv: the table to write as a CSV file must be a pandas DataFrame, got Series 'beta'; give series.to_frame() (one column, named by the Series; series.reset_index() keeps its index too)
    """
    if isinstance(frame, pd.DataFrame):
        return
    if isinstance(path, (pd.DataFrame, pd.Series)):  # write_csv("o.csv", frame): the two swapped
        raise DataFormatError(f"the table to write as {where} must be a pandas DataFrame, got "
                              f"{shown_value(frame)}, and the file path a {type(path).__name__}: give the "
                              "table first, then the path")
    if isinstance(frame, pd.Series):
        if frame.name is None:
            got, advice = "Series", "series.to_frame('name') (the Series has no name to name its column)"
        else:
            got = f"Series {_shown_name(frame.name)!r}"
            advice = "series.to_frame() (one column, named by the Series; series.reset_index() keeps its index too)"
    elif isinstance(frame, dict):
        got, advice = "dict", "pd.DataFrame(columns) (a dict of columns)"
    elif isinstance(frame, np.ndarray):
        got, advice = f"ndarray of shape {frame.shape}", "pd.DataFrame(array, columns=[...]) (names for its columns)"
    else:
        got, advice = shown_value(frame), None
    raise DataFormatError(f"the table to write as {where} must be a pandas DataFrame, got {got}"
                          + (f"; give {advice}" if advice else ""), path=path)


def index_as_columns(frame: pd.DataFrame, path, where: str) -> pd.DataFrame:
    """``frame`` with its named index as its first column(s), as ``reset_index()`` makes them.

    A file has no index: the writers wrote the columns only, so a frame indexed by its
    codes (``set_index("soc_code")``, ``groupby("soc_code").mean()``) lost them without a
    word. An index that is named is data, and is written as a column (each level of a
    MultiIndex one, an unnamed level beside named ones as ``level_1``, as pandas names it);
    an unnamed index (row numbers, ``0..n-1`` or what a filter left) is not, and is left
    out as before. A level named as a column and holding the same values
    (``set_index("soc_code", drop=False)``) is written once, as that column. To leave a
    named index out, give ``frame.reset_index(drop=True)``.

    Parameters
    ----------
    frame : pandas.DataFrame
    path : str or os.PathLike
        The file to be written, for the messages.
    where : str
        The kind of file, for the messages (``"a CSV file"``).

    Returns
    -------
    pandas.DataFrame
        ``frame`` itself when its index has no name; else a new frame.

    Raises
    ------
    exposure.errors.DataFormatError
        A level named as a column but holding other values, or index names that clash
        with each other or with the columns (pandas' "cannot insert ..., already
        exists"), naming the column: ``where`` holds one column of a name.

    Examples
    --------
    >>> f = pd.DataFrame({"beta": [0.5]}, index=pd.Index(["15-1252"], name="soc_code"))
    >>> index_as_columns(f, "o.csv", "a CSV file").to_dict("list")
    {'soc_code': ['15-1252'], 'beta': [0.5]}
    >>> index_as_columns(f.rename_axis(None), "o.csv", "a CSV file").to_dict("list")
    {'beta': [0.5]}
    """
    _refuse_not_frame(frame, path, where)
    names = list(frame.index.names)
    if all(name is None for name in names):
        return frame
    texts = [str(c) for c in frame.columns]
    same = []  # levels that repeat a column of their name: written once, as that column
    for level, name in enumerate(names):
        if name is None or str(name) not in texts:
            continue
        labels = frame.index.get_level_values(level)
        column = frame.iloc[:, texts.index(str(name))]
        if pd.Index(labels).equals(pd.Index(column)):
            same.append(level)
            continue
        ours = pd.Series(labels.astype(object), dtype=object).to_numpy()
        theirs = column.astype(object).to_numpy()
        differ = [i for i in range(len(frame))
                  if not (pd.isna(ours[i]) and pd.isna(theirs[i])) and ours[i] != theirs[i]]
        pos = differ[0] if differ else 0
        raise DataFormatError(
            f"the index is named {_shown_name(name)!r}, as a column is, but holds other values "
            f"({_plain_cell(ours[pos])!r} in the index, {_plain_cell(theirs[pos])!r} in the column), "
            f"and {where} holds one column of a name; rename the index (frame.rename_axis(...)) or "
            "leave it out (frame.reset_index(drop=True))", path=path,
            row=pos + 2 if differ else None, column=_shown_name(name))
    if same:
        frame = frame.reset_index(level=same, drop=True)
        if all(name is None for name in frame.index.names):
            return frame.reset_index(drop=True)
    try:
        return frame.reset_index()
    except ValueError as exc:  # "cannot insert level_0, already exists", two levels of a name
        raise DataFormatError(
            f"the index cannot be written as columns ({exc}), and {where} holds one column of a "
            "name; rename the index (frame.rename_axis(...)) or leave it out "
            "(frame.reset_index(drop=True))", path=path) from None


def _plain_cell(value):
    """A cell as a message shows it, or a writer stores it: numpy scalars as Python ones.

    The one copy of this rule in this module (the JSON and ``.xlsx`` writers had their own).
    """
    return value.item() if isinstance(value, np.generic) else value


def _value_kind(value) -> str:
    """What a cell holds, in words, for :func:`_parquet_type_error` (``text``, ``a number``)."""
    if isinstance(value, str):
        return "text"
    if isinstance(value, (bool, np.bool_)):
        return "a truth value"
    if isinstance(value, (int, float, np.number, decimal.Decimal)):
        return "a number"
    if isinstance(value, bytes):
        return "bytes"
    return _cell_kind(value)


def _parquet_type_error(frame: pd.DataFrame, path, exc: Exception) -> DataFormatError:
    """The error for a frame pyarrow cannot convert: the column, and its first odd cell.

    A Parquet column has one type; an object column of a frame built in Python can hold
    text in some cells and numbers in others, which pyarrow refused with ``ArrowTypeError:
    ("Expected bytes, got a 'int' object", 'Conversion failed for column note ...')`` and
    no row.
    """
    reason = " ".join(str(exc).split())
    for j, col in enumerate(frame.columns):
        values = frame.iloc[:, j]
        try:
            pa.array(values, from_pandas=True)
        except (pa.ArrowTypeError, pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
        else:
            continue
        cells = values.tolist()
        given = [i for i, v in enumerate(cells) if not (v is None or v is pd.NA or v is pd.NaT
                                                        or (isinstance(v, float) and np.isnan(v)))]
        if given:
            first = _value_kind(cells[given[0]])
            for i in given[1:]:
                if _value_kind(cells[i]) != first:
                    shown = repr(cells[i]) if len(repr(cells[i])) <= 60 else repr(cells[i])[:57] + "..."
                    return DataFormatError(
                        f"cannot write as Parquet: the column holds {first} (row {given[0] + 2}) and "
                        f"{_value_kind(cells[i])} here ({shown}), and a Parquet column has one "
                        "type; convert the column (to text or numbers)", path=path, row=i + 2,
                        column=str(col))
        return DataFormatError(f"cannot write as Parquet: {reason}", path=path, column=str(col))
    return DataFormatError(f"cannot write as Parquet: {reason}", path=path)


def _first_given(values: pd.Series) -> int:
    """Position of the first cell of ``values`` that is not missing (0 if none)."""
    given = values.notna().to_numpy(dtype=bool)
    return int(given.argmax()) if given.any() else 0


def _parquet_problem(values: pd.Series) -> tuple[int, str] | None:
    """The first cell of a column that a Parquet file would not hold as it is: (position, why).

    A complex column (pyarrow's ``ArrowNotImplementedError: Unsupported numpy type 15``);
    a Period column, stored as plain integers (``2024-01`` read back as ``648``) and an
    Interval column, stored as maps of its ends, as this writer keeps no pandas metadata;
    an object column of maps (dicts) with different keys, which pyarrow gives every key
    of every row (``{"a": 1}`` read back as ``{'a': 1.0, 'b': None}``); maps without
    keys, which no Parquet column holds; dates beside date-times (``date(2020, 1, 1)``
    then ``datetime(2020, 1, 2, 5, 30)``: pyarrow typed the column ``date32`` and read
    the second back as ``2020-01-02``, silently); integers beyond 64 bits (pyarrow's
    ``OverflowError``, naming no column).
    """
    dtype = values.dtype
    if dtype.kind == "c":
        return _first_given(values), (f"the column holds complex numbers ({dtype}), which a "
                                      "Parquet file cannot store; convert the column (to text, "
                                      "or to two number columns), or write .csv")
    if isinstance(dtype, pd.PeriodDtype):
        return _first_given(values), (
            f"the column holds Periods ({dtype}), which a Parquet file written here stores as "
            "plain integers (they would be read back as numbers); convert the column "
            "(Series.astype(str), or Series.dt.to_timestamp())")
    if isinstance(dtype, pd.IntervalDtype):
        return _first_given(values), (
            f"the column holds Intervals ({dtype}), which a Parquet file written here stores as "
            "maps of their two ends; convert the column (Series.astype(str))")
    if dtype != object or pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty"):
        return None
    cells = values.tolist()
    huge = next((i for i, v in enumerate(cells) if isinstance(v, int) and not isinstance(v, bool)
                 and not -(2**63) <= v < 2**63), None)
    if huge is not None:  # pyarrow's OverflowError ("Python int too large to convert to C long")
        return huge, (f"a cell holds the integer {cells[huge]}, beyond the +/-2**63 of a Parquet "
                      "integer column; store the column as text, or write .csv")
    days = next((i for i, v in enumerate(cells)
                 if isinstance(v, datetime.date) and not isinstance(v, datetime.datetime)), None)
    times = None if days is None else next(
        (i for i, v in enumerate(cells) if isinstance(v, datetime.datetime)), None)
    if times is not None:  # pyarrow typed the column by its first cell: the times were cut
        later = max(days, times)
        return later, (f"the column holds dates (row {days + 2}) and date-times (row {times + 2}: "
                       f"{cells[times]}), and a Parquet column has one type (as dates, the times "
                       "of day would be lost); convert the column to date-times (pd.to_datetime) "
                       "or to text")
    maps = [i for i, v in enumerate(cells) if isinstance(v, dict)]
    if not maps:
        return None
    first = sorted(map(str, cells[maps[0]]))
    if not first and all(not cells[i] for i in maps):
        return maps[0], ("the column holds maps without keys ({}), which a Parquet file cannot "
                         "store; drop the column, or store it as text")
    for i in maps[1:]:
        keys = sorted(map(str, cells[i]))
        if keys != first:
            return i, (f"the column holds maps with different keys (row {maps[0] + 2}: {first}, "
                       f"here: {keys}), which a Parquet struct column would fill with every key "
                       "of every row (and numbers made floats); give every cell the same keys, "
                       "or store the column as JSON text")
    return None


def _dense(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its sparse columns (:class:`pandas.SparseDtype`) as the dense columns they stand for.

    A sparse column holds the same values as a dense one; the Parquet and Stata writers
    failed on it from inside (pyarrow's ``TypeError: Sparse pandas data (column x) not
    supported``, pandas' ``AttributeError: 'SparseDtype' object has no attribute
    'itemsize'``), while ``.csv`` and ``.xlsx`` wrote its values. Other frames: unchanged.
    """
    sparse = [j for j, dtype in enumerate(frame.dtypes) if isinstance(dtype, pd.SparseDtype)]
    if not sparse:
        return frame
    frame = frame.copy()
    for j in sparse:
        frame.isetitem(j, frame.iloc[:, j].sparse.to_dense())
    return frame


def write_parquet(frame: pd.DataFrame, path, metadata: dict[str, str] | None = None, *,
                  make_dirs: bool = True) -> Path:
    """Write ``frame`` to Parquet atomically and deterministically.

    Parameters
    ----------
    frame : pandas.DataFrame
        Table to write; a named index is written as its column(s), an unnamed one is
        left out (:func:`index_as_columns`).
    path : str or os.PathLike
        Destination file.
    metadata : dict of str to str, optional
        Key-value metadata of the file (e.g. the licence and attribution of its content),
        written in key order.
    make_dirs : bool, default True
        Make ``path``'s missing directories; False refuses a ``path`` whose directory is
        gone (:func:`atomic_path`).

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> df = pd.DataFrame({"a": [1, 2]})
    >>> _ = write_parquet(df, d / "x.parquet"); _ = write_parquet(df, d / "y.parquet")
    >>> (d / "x.parquet").read_bytes() == (d / "y.parquet").read_bytes()
    True
    >>> _ = write_parquet(df, d / "z.parquet", metadata={"licence": "CC BY 4.0"})
    >>> pyarrow_parquet().read_metadata(d / "z.parquet").metadata
    {b'licence': b'CC BY 4.0'}

    A duration column (``timedelta64``) is read back as durations: the file then stores
    its Arrow schema, as Parquet has no duration type (it was read back as integers).

    Columns of several levels (a MultiIndex, written as names such as ``"('p', 'mean')"``
    before), a column name given twice (``1`` and ``"1"`` too: the file stores names as
    text; ``a`` and ``" a"`` too, as the readers compare names), a column without a name
    (:func:`_unnamed_column`), rows without columns (read back without them), a lone
    surrogate in a text, an object column holding text and numbers, and a column the
    file would not hold as it is (:func:`_parquet_problem`: complex numbers, Periods and
    Intervals, maps with different keys, dates beside date-times, Python integers beyond
    64 bits) are refused naming the column (and row), before anything is written, and so is
    a ``frame`` that is not a DataFrame (a Series: :func:`_refuse_not_frame`):

    >>> write_parquet(pd.DataFrame({"note": ["a", 3]}), d / "m.parquet")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: ...m.parquet, row 3, column 'note': cannot write as Parquet: the column holds text (row 2) and a number here (3), ...
    """
    pq = pyarrow_parquet()
    _one_header_row(frame, path, "a Parquet file", "its schema (one name per column)")
    frame = _dense(index_as_columns(frame, path, "a Parquet file"))  # a named index: its column
    _no_columns(frame, path, "a Parquet file", rows=True)  # read back without its rows
    _unnamed_column(frame, path, "a Parquet file")  # was named "None", "nan" or ""
    _duplicate_name(frame, path, "a Parquet file")
    for j, col in enumerate(frame.columns):
        problem = _parquet_problem(frame.iloc[:, j])
        if problem is not None:
            raise DataFormatError(f"cannot write as Parquet: {problem[1]}", path=path,
                                  row=problem[0] + 2, column=str(col))
    try:
        table = pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False)
    except UnicodeEncodeError:  # a lone surrogate: pyarrow's words, no row nor column
        error = _surrogate_error(frame, path)
        if error is None:
            raise
        raise error from None
    except (pa.ArrowTypeError, pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise _parquet_type_error(frame, path, exc) from None
    table = table.replace_schema_metadata(None)
    # Parquet has no duration type: a duration column (timedelta64) was read back as integers
    # (1 s as 1000000), silently; the schema stored restores the durations alone
    metadata = {**(metadata or {}), **duration_schema(table.schema)}
    options = dict(compression="zstd", compression_level=3, write_statistics=False,
                   use_dictionary=True, store_schema=False)
    with _writing(path, make_dirs) as tmp, open(tmp, "wb") as fh:  # a handle: any bytes in the name
        if not metadata:
            pq.write_table(table, fh, row_group_size=1_000_000, **options)
        else:  # store_schema=False drops schema metadata: write it as file key-values
            with pq.ParquetWriter(fh, table.schema, **options) as writer:
                writer.write_table(table, row_group_size=1_000_000)
                writer.add_key_value_metadata({k: metadata[k] for k in sorted(metadata)})
    return Path(path)


def duration_schema(schema: pa.Schema) -> dict[str, str]:
    """The file key-value that makes a Parquet file read back its duration columns as durations; ``{}`` without any.

    Parquet has no duration type: a duration column is stored as integers, which the
    Arrow schema stored in the file (``ARROW:schema``) reads back as durations. pyarrow's
    ``store_schema=True`` stores the whole Arrow schema of the frame written, which also
    brought back pandas' own types: every text column was read back as ``large_string``
    (``label`` of ``exposure score`` too, for an input with one duration column),
    ``timestamp[s]`` and categorical columns as such, where a file without a duration
    column reads them as ``string``, ``timestamp[ms]`` and text. The schema stored here is
    the one Parquet reads back without it, its duration columns aside, so that a duration
    column changes the type of no other column.

    Examples
    --------
    >>> schema = pa.schema([("s", pa.large_string()), ("d", pa.duration("s"))])
    >>> key, = duration_schema(schema); key
    'ARROW:schema'
    >>> duration_schema(pa.schema([("s", pa.large_string())]))
    {}
    """
    if not any(pa.types.is_duration(field.type) for field in schema):
        return {}
    pq = pyarrow_parquet()
    sink = pa.BufferOutputStream()  # the schema Parquet reads back without a stored one
    pq.write_table(schema.empty_table(), sink, store_schema=False)
    plain = pq.read_schema(pa.BufferReader(sink.getvalue()))
    fields = [field if pa.types.is_duration(field.type) else back
              for field, back in zip(schema, plain, strict=True)]
    serialized = pa.schema(fields).serialize().to_pybytes()  # as pyarrow's store_schema writes it
    return {"ARROW:schema": base64.b64encode(serialized).decode("ascii")}


def _json_default(value):
    """A value :mod:`json` cannot write, as JSON (numpy numbers as numbers, missing as null).

    Everything was written as its text (``default=str``): ``np.int64(5)`` as ``"5"``,
    ``np.bool_(True)`` as ``"True"``, ``pd.NA`` as ``"<NA>"``, and an array as numpy
    shows it (``"[0 1 2]"``, a long one cut to ``...``), read back as text, silently.
    Other values (timestamps, paths) are still written as their text. Numbers and
    containers are made plain by :func:`json_ready` first; this is what is left.
    """
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (np.datetime64, np.timedelta64)):
        return None if np.isnat(value) else str(value)
    if isinstance(value, np.generic):
        value = _plain_cell(value)
        if isinstance(value, np.generic):  # a long double or the like: its text, not a loop
            return str(value)
        return value if isinstance(value, (bool, int, float, str)) or value is None else str(value)
    if isinstance(value, np.ndarray):
        return value.astype(str).tolist() if value.dtype.kind in "mM" else value.tolist()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    return str(value)


def _json_float(value, path, where: str):
    """A real number as the float JSON writes: float32/float16 as shown, NaN and infinities None.

    A float64 (a Python float) is returned as it is, so its bytes in the file are as before.
    """
    if isinstance(value, float):  # np.float64 too: a float
        return value if math.isfinite(value) else None
    number = as_shown(value) if isinstance(value, np.floating) else None
    if not isinstance(number, float):
        number = float(value)  # a long double, a Decimal
    if math.isfinite(number):
        return number
    if isinstance(value, decimal.Decimal):
        finite = value.is_finite()
    else:
        finite = bool(np.isfinite(value))
    if finite:  # 1e400 as a long double or Decimal: beyond what JSON readers hold
        at = f" at {where}" if where else ""
        raise DataFormatError(f"cannot write as JSON: the number {str(value)}{at} is beyond the range of a "
                              "double (about 1.8e308)", path=path)
    return None


def _json_key(key) -> str:
    """``key`` of a dict as JSON writes it (``2024``, ``true``, ``null``), numpy numbers as plain ones.

    Keys JSON has no type for (a time, a path) as their text, as such values are written
    (they failed with ``TypeError: keys must be str, int, float, bool or None``).
    """
    if isinstance(key, np.generic):
        key = as_shown(key) if isinstance(key, np.floating) else key.item()
    if isinstance(key, str):
        return str(key)
    if key is True or key is False or key is None:
        return json.dumps(key)
    if isinstance(key, int):
        return int.__repr__(key)
    if isinstance(key, float):
        return float.__repr__(key)
    shown = _json_default(key)  # a time or a path: its text, as such a value is written
    return "null" if shown is None else str(shown)


def json_ready(value, path, where: str = "", inside: tuple = ()):
    """``value`` in plain JSON types, as :func:`write_json` writes it.

    numpy numbers as Python numbers, a float32 or float16 as the decimal it shows
    (:func:`~exposure._args.as_shown`: ``np.float32(0.9)`` was written as
    ``0.8999999761581421``), NaN and infinities as None (``NaN`` is not JSON), a
    ``Decimal`` or long double as a float, dict keys as JSON writes them (numpy keys and
    keys of several types failed with ``TypeError``), tuples and arrays as lists, sets as
    lists sorted by their ``repr``. A pandas Series or DataFrame is refused (it was
    written as its printed text); so are two keys of a dict that JSON writes alike (``1``
    and ``"1"``). Other values are left to :func:`_json_default`.
    """
    if value is None or isinstance(value, (str, bool, np.bool_)):
        return bool(value) if isinstance(value, np.bool_) else value
    if isinstance(value, (float, np.floating, decimal.Decimal)):
        return _json_float(value, path, where)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, (pd.Series, pd.DataFrame, pd.Index)):
        at = f" at {where}" if where else ""
        raise DataFormatError(f"cannot write as JSON: a pandas {type(value).__name__}{at} would be written "
                              "as its printed text; give a list (.tolist()) or a dict (.to_dict())", path=path)
    if isinstance(value, np.ndarray) and value.dtype.kind in "fiubO":  # objects: each one walked
        if value.dtype.kind == "f" and value.dtype.itemsize < 8:  # as shown, element by element
            value = value.astype(str).astype(float)
        value = value.tolist()
    if isinstance(value, (dict, list, tuple, set, frozenset)):
        if any(value is seen for seen in inside):
            raise DataFormatError(f"cannot write as JSON: the {type(value).__name__} at {where or 'the top'} "
                                  "holds itself", path=path)
        inside = (*inside, value)
    if isinstance(value, dict):
        out, keys = {}, {}
        for key, item in value.items():
            name = _json_key(key)
            if name in keys:  # the file would hold the key twice, and a reader keeps one of them
                raise DataFormatError(f"cannot write as JSON: the keys {keys[name]!r} and {key!r}"
                                      f"{' at ' + where if where else ''} are both written {name!r}; "
                                      "give keys that differ as text", path=path)
            keys[name] = key
            out[name] = json_ready(item, path, f"{where}[{name!r}]", inside)
        return out
    if isinstance(value, (list, tuple)):
        return [json_ready(item, path, f"{where}[{i}]", inside) for i, item in enumerate(value)]
    if isinstance(value, (set, frozenset)):
        return [json_ready(item, path, f"{where}{{...}}", inside) for item in sorted(value, key=repr)]
    return value


def write_json(obj, path) -> Path:
    """Write ``obj`` as indented, key-sorted JSON atomically.

    numpy numbers, truth values and arrays are written as JSON numbers, truth values and
    lists, ``pd.NA`` and ``pd.NaT`` as ``null`` (:func:`_json_default`; they were written
    as text: ``"5"``, ``"True"``, ``"[0 1 2]"``); other values JSON has no type for
    (timestamps, paths) as their text. A float32 or float16 is written as the decimal it
    shows (``0.9``, not ``0.8999999761581421``), float64 values exactly; NaN and
    infinities as ``null`` (``NaN`` is not JSON); dict keys as JSON writes them, numpy
    ones included (:func:`json_ready`).

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the file, before anything is written: a pandas Series or DataFrame (it was
        written as its printed text), two keys of a dict written alike (``1`` and ``"1"``),
        a finite number beyond the range of a double (a long double, a ``Decimal``), a
        container that holds itself.
    exposure.errors.OutputError
        The file cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "m.json"
    >>> _ = write_json({"b": 1, "a": 2}, p)
    >>> p.read_text().splitlines()[1]
    '  "a": 2,'
    >>> _ = write_json({"level": np.float32(0.9), "share": float("nan")}, p)
    >>> json.loads(p.read_text())
    {'level': 0.9, 'share': None}
    """
    text = json.dumps(json_ready(obj, path), indent=2, sort_keys=True, default=_json_default) + "\n"
    with _writing(path) as tmp:
        tmp.write_text(text)
    return Path(path)


#: Time stamp of the zip archives written here (.npz artifacts, .xlsx workbooks: their
#: entries, and a workbook's created/modified properties), so that the same contents give
#: the same bytes: the earliest date a zip entry can hold.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


#: :func:`write_arrays` stores a member as is when deflating it would leave more than this
#: share of its bytes.
STORE_RATIO = 0.9


def _deflated_size(data: bytes) -> int:
    """Bytes of ``data`` deflated at level 9 as a zip member (raw deflate, no header)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return len(packer.compress(data)) + len(packer.flush())


def write_arrays(arrays: dict, meta: dict, path) -> Path:
    """Write named arrays and a JSON metadata member as a deterministic, pickle-free zip.

    The format of the shipped model artifacts: one ``NAME.npy`` member per array (sorted by
    name, ``allow_pickle=False``) and ``metadata.json`` (key-sorted), every member with a
    fixed 1980-01-01 timestamp, so the same arrays give the same bytes (and the same pinned
    sha256). Written atomically. A member is deflated (level 9) unless that would save less
    than :data:`STORE_RATIO` of its size: then it is stored as is. Quantised word vectors
    and coefficient matrices barely compress (about 7%), and inflating them was most of
    the time of loading the model (0.06 of 0.13 s).

    Parameters
    ----------
    arrays : dict of str to numpy.ndarray
    meta : dict
        JSON-serialisable metadata.
    path : str or os.PathLike

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile, pathlib, zipfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.npz"
    >>> first = write_arrays({"w": np.arange(3.0)}, {"v": 1}, p).read_bytes()
    >>> first == write_arrays({"w": np.arange(3.0)}, {"v": 1}, p).read_bytes()
    True
    >>> zipfile.ZipFile(p).namelist()
    ['w.npy', 'metadata.json']
    """
    with atomic_path(path) as tmp:
        with zipfile.ZipFile(tmp, "w") as zf:
            for name in sorted(arrays):
                buf = io.BytesIO()
                np.lib.format.write_array(buf, np.ascontiguousarray(arrays[name]),
                                          allow_pickle=False)
                data = buf.getvalue()
                info = zipfile.ZipInfo(f"{name}.npy", date_time=_ZIP_TIME)
                info.compress_type = (zipfile.ZIP_DEFLATED if _deflated_size(data) <= STORE_RATIO * len(data)
                                      else zipfile.ZIP_STORED)
                zf.writestr(info, data, compresslevel=9)
            info = zipfile.ZipInfo("metadata.json", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, json.dumps(meta, indent=1, sort_keys=True, default=str))
    return Path(path)


#: What :func:`metadata_not_object` calls a metadata value of each JSON type.
_JSON_KINDS = {list: "an array", str: "a string", type(None): "null", bool: "true or false", int: "a number",
               float: "a number"}


def metadata_not_object(meta) -> str:
    """Say that an artifact's metadata is not an object of names and values.

    One wording for a ``metadata.json`` read by :func:`read_arrays` and for metadata given in
    memory (``exposure.scoring.retrieval.check_parts``): a JSON value is named by its JSON type,
    any other object by its Python type.

    Parameters
    ----------
    meta
        The metadata found (anything but a dict).

    Returns
    -------
    str
        ``its metadata.json is an array, not an object of names and values (as the library
        writes it)``.

    Examples
    --------
    >>> metadata_not_object(None)
    'its metadata.json is null, not an object of names and values (as the library writes it)'
    >>> metadata_not_object(("a",))
    'its metadata.json is a tuple, not an object of names and values (as the library writes it)'
    """
    kind = _JSON_KINDS.get(type(meta), f"a {type(meta).__name__}")
    return f"its metadata.json is {kind}, not an object of names and values (as the library writes it)"


def read_arrays(data: bytes) -> tuple[dict, dict]:
    """Read the bytes of a :func:`write_arrays` file: ``(arrays, metadata)``, no pickles.

    Raises
    ------
    exposure.errors.DataFormatError
        ``metadata.json`` is JSON, but not an object of names and values (an array, a string,
        null, a number: a zip of another tool), which every artifact's loader reads by name:
        ``its metadata.json is an array, not an object of names and values (as the library
        writes it)``; :func:`load_pinned` names the file. Before, the loader of the retrieval
        index raised ``TypeError: argument of type 'NoneType' is not iterable``, the
        transformer's ``TypeError: cannot convert dictionary update sequence element #0 to a
        sequence``, the word vectors' said they lacked ``'words'``.
    zipfile.BadZipFile, KeyError, ValueError
        Not a zip, no ``metadata.json``, a member that is no ``.npy`` array or no JSON.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = write_arrays({"w": np.arange(2.0)}, {"v": 1}, pathlib.Path(tempfile.mkdtemp()) / "a")
    >>> arrays, meta = read_arrays(p.read_bytes())
    >>> arrays["w"].tolist(), meta
    ([0.0, 1.0], {'v': 1})
    >>> read_arrays(write_arrays({}, [1], p).read_bytes())
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: its metadata.json is an array, not an object of names and values (as the library writes it)
    """
    arrays = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        meta = json.loads(zf.read("metadata.json"))
        if not isinstance(meta, dict):  # each loader reads it by name: a TypeError of its own before
            raise DataFormatError(metadata_not_object(meta))
        for name in zf.namelist():
            if name.endswith(".npy"):
                arrays[name[:-4]] = np.lib.format.read_array(io.BytesIO(zf.read(name)),
                                                             allow_pickle=False)
    return arrays, meta


#: First characters that make a spreadsheet read a text cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?")


def _formula_like(value) -> bool:
    return (
        isinstance(value, str)
        and value.startswith(_FORMULA_START)
        and len(value) > 1
        and not _NUMBER.fullmatch(value)
    )


def _arrow_dictionary(dtype) -> bool:
    """Whether ``dtype`` is an Arrow dictionary type (:class:`pandas.ArrowDtype`), as a pandas categorical.

    ``pd.read_parquet(..., dtype_backend="pyarrow")`` reads a dictionary-encoded column
    (an R factor written by ``arrow::write_parquet``, a column pandas wrote from a
    categorical) so.
    """
    return isinstance(dtype, pd.ArrowDtype) and pa.types.is_dictionary(dtype.pyarrow_dtype)


def neutralise_formulas(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Prefix text cells that a spreadsheet would run as a formula with ``'``.

    Cells that start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return and are not
    numbers get a leading single quote; other cells, numbers and column names of other
    types are untouched. A categorical column with such a cell (an Arrow dictionary one
    too: pandas filled its missing cells with another row's text) is returned as plain
    text (``object``): its categories do not hold the quoted texts. Column names are checked too. Only cells whose first character
    is one of those get the exact test (a vectorised look at each text column first).

    Returns
    -------
    (pandas.DataFrame, int)
        The frame (a copy when anything changed) and how many cells were changed.

    Examples
    --------
    >>> f = pd.DataFrame({"task": ["=cmd|' /C calc'!A0", "@SUM(A1)", "-0.5", "- list item", "Weld."]})
    >>> out, n = neutralise_formulas(f)
    >>> out["task"].tolist(), n
    (["'=cmd|' /C calc'!A0", "'@SUM(A1)", '-0.5', "'- list item", 'Weld.'], 3)
    """
    changed = 0
    out = frame
    for j, col in enumerate(frame.columns):
        series = frame.iloc[:, j]
        if series.dtype.kind not in "OSU" and not isinstance(series.dtype, pd.StringDtype):
            continue
        # one vectorised look at the first character; the exact (slow) per-cell test runs
        # only on the cells that start like a formula
        try:
            suspect = series.str.startswith(_FORMULA_START).fillna(False).to_numpy(dtype=bool)
        except (AttributeError, TypeError):  # not text after all: every cell gets the exact test
            suspect = np.ones(len(series), dtype=bool)
        if not suspect.any():
            continue
        mask = np.zeros(len(series), dtype=bool)
        mask[suspect] = series.iloc[np.flatnonzero(suspect)].map(_formula_like).to_numpy(dtype=bool)
        if mask.any():
            if out is frame:
                out = frame.copy()
            if isinstance(series.dtype, pd.CategoricalDtype) or _arrow_dictionary(series.dtype):
                # its categories lack the quoted texts (pandas' "Cannot setitem on a
                # Categorical with a new category" before): the column as plain text. An
                # Arrow dictionary column (pd.read_parquet(..., dtype_backend="pyarrow") of
                # an R factor) took them, and pandas filled its missing cells with the
                # text of another row
                out.isetitem(j, series.astype(object))
            out.iloc[mask, j] = "'" + series[mask].astype(str)
            changed += int(mask.sum())
    names = ["'" + c if _formula_like(c) else c for c in out.columns]
    if names != list(out.columns):
        changed += sum(a != b for a, b in zip(names, out.columns, strict=True))
        out = out.set_axis(names, axis=1) if out is not frame else frame.set_axis(names, axis=1)
    return out, changed


#: Characters that may make :mod:`csv` quote a field (the writer decides for those fields).
_CSV_SPECIAL = re.compile(r'[,"\r\n\x00]')


def _csv_field_strings(series: pd.Series) -> list | None:
    """The cells of ``series`` as :meth:`pandas.DataFrame.to_csv` writes them, or None.

    Covers the column types of the library's tables: floats (``astype(str)``, pandas' own
    conversion), integers, booleans (numpy and nullable), and text (``object`` columns of
    str, ``str``/``string`` columns); missing cells are empty. Text that could need quoting
    is formatted by :mod:`csv` itself. Any other column type: None (pandas writes it).
    """
    dtype = series.dtype
    values = series.array
    if isinstance(dtype, np.dtype):
        data = series.to_numpy()
        if dtype.kind == "f":
            # float64: Python's repr is numpy's astype(str) (shortest round trip), 5x faster
            out = list(map(repr, data.tolist())) if dtype == np.float64 else data.astype(str).tolist()
            for i in np.flatnonzero(np.isnan(data)).tolist():
                out[i] = ""
            return out
        if dtype.kind in "iu":
            return data.astype(str).tolist()
        if dtype.kind == "b":
            return np.where(data, "True", "False").tolist()
        if dtype.kind != "O" or pd.api.types.infer_dtype(data, skipna=True) not in ("string", "empty"):
            return None
        text = data
    elif isinstance(dtype, pd.StringDtype):
        text = values.to_numpy(dtype=object, na_value=None)
    elif isinstance(dtype, pd.BooleanDtype):
        mask = values.isna()
        out = np.where(values.to_numpy(dtype=bool, na_value=False), "True", "False").astype(object)
        out[mask] = ""
        return out.tolist()
    elif isinstance(dtype, (pd.Int64Dtype, pd.Int32Dtype, pd.Int16Dtype, pd.Int8Dtype)):
        mask = values.isna()
        out = values.to_numpy(dtype=np.int64, na_value=0).astype(str).astype(object)
        out[mask] = ""
        return out.tolist()
    else:
        return None
    missing = pd.isna(text)
    cells = np.where(missing, "", text).tolist() if missing.any() else list(text)
    if not _CSV_SPECIAL.search("".join(cells)):
        return cells
    special = []
    for i, v in enumerate(cells):
        if "," in v or '"' in v or "\n" in v or "\r" in v:  # "\r": see csv_text
            cells[i] = '"' + v.replace('"', '""') + '"'  # csv.QUOTE_MINIMAL, doublequote
        elif "\x00" in v:
            special.append(i)  # left to csv (its rules for it differ between Python versions)
    if special:
        import csv

        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        for i in special:
            buf.seek(0)
            buf.truncate()
            writer.writerow([cells[i]])
            cells[i] = buf.getvalue()[:-1]
    return cells


def csv_text(frame: pd.DataFrame, *, header: bool = True) -> str | None:
    """``frame.to_csv(index=False, lineterminator="\\n", header=header)``, faster, or None.

    The same text, built column by column (about ten times faster on a scored task table),
    except that a cell holding a carriage return is quoted (as :func:`pandas_csv_text`
    does): pandas, through Python 3.11's :mod:`csv`, quotes a cell holding ``"\\n"`` but
    not one holding a bare ``"\\r"``, which every reader (pandas, :mod:`csv`, a
    spreadsheet, this library) takes as the end of the record, so that the file read back
    had the row cut in two. None when a column has a type it does not cover
    (:func:`_csv_field_strings`), when the column names are not plain strings, or for
    fewer than two columns or no rows: the caller then uses :func:`pandas_csv_text`.
    ``tests/unit/test_io_csv.py`` compares it with pandas on every case.

    Examples
    --------
    >>> frame = pd.DataFrame({"task": ["Weld, cut", 'Say "hi"'], "p": [0.25, float("nan")]})
    >>> csv_text(frame) == frame.to_csv(index=False, lineterminator="\\n")
    True
    >>> csv_text(pd.DataFrame({"task": ["Answer\\rcalls."], "n": [1]}))
    'task,n\\n"Answer\\rcalls.",1\\n'
    """
    if (frame.shape[1] < 2 or not len(frame) or frame.columns.duplicated().any()
            or not all(isinstance(c, str) for c in frame.columns)):
        return None
    columns = []
    for j in range(frame.shape[1]):
        cells = _csv_field_strings(frame.iloc[:, j])
        if cells is None:
            return None
        columns.append(cells)
    lines = list(map(",".join, zip(*columns)))
    if header:
        names = _csv_field_strings(pd.Series(list(frame.columns), dtype=object))
        lines.insert(0, ",".join(names))
    lines.append("")
    return "\n".join(lines)


#: Options of :meth:`pandas.DataFrame.to_csv` (with their values) under which
#: :func:`pandas_csv_text` can quote the cells holding a carriage return.
_CR_SAFE = {"quoting": (None, 0), "quotechar": ('"',), "doublequote": (True,),
            "escapechar": (None,), "lineterminator": ("\n",)}
_CR_FREE = {"index", "header", "sep", "na_rep", "float_format", "columns", "index_label",
            "date_format", "decimal"}


def _cr_safe(kwargs: dict) -> bool:
    return all(k in _CR_FREE or (k in _CR_SAFE and v in _CR_SAFE[k]) for k, v in kwargs.items())


def pandas_csv_text(frame: pd.DataFrame, **kwargs) -> str:
    """``frame.to_csv(index=False, lineterminator="\\n", **kwargs)``, cells with ``"\\r"`` quoted.

    pandas writes with :mod:`csv`, which on Python 3.11 quotes a cell holding the line
    terminator (``"\\n"``) but not one holding a bare ``"\\r"``; pandas, :mod:`csv`,
    spreadsheets and this library's readers all end a record there, so a file with such a
    cell read back with the row cut in two. The frame is therefore written with ``"\\r\\n"``
    record ends, for which :mod:`csv` quotes every cell holding ``"\\r"`` or ``"\\n"``,
    and each record end outside quotes is made ``"\\n"`` again (with minimal quoting a
    ``"`` outside a quoted cell cannot occur, so the text between the ``"`` at even
    positions is outside quotes). Any other text is pandas' own, byte for byte.

    Parameters
    ----------
    frame : pandas.DataFrame
    **kwargs
        Passed to :meth:`pandas.DataFrame.to_csv` (``header``, ``sep``,
        ``float_format``...). Quoting options other than pandas' defaults, or another
        ``lineterminator``, raise :class:`ValueError`.

    Examples
    --------
    >>> frame = pd.DataFrame({"when": pd.to_datetime(["2024-01-02"]), "task": ["Answer\\rcalls."]})
    >>> pandas_csv_text(frame)
    'when,task\\n2024-01-02,"Answer\\rcalls."\\n'
    >>> frame.to_csv(index=False, lineterminator="\\n")  # cut in two when read
    'when,task\\n2024-01-02,Answer\\rcalls.\\n'
    """
    kwargs.setdefault("index", False)
    kwargs.setdefault("lineterminator", "\n")
    if not _cr_safe(kwargs):
        raise ValueError(f"pandas_csv_text: options not supported: {sorted(kwargs)}")
    text = frame.to_csv(None, **{**kwargs, "lineterminator": "\r\n"})
    parts = text.split('"')
    parts[::2] = [part.replace("\r\n", "\n") for part in parts[::2]]
    return '"'.join(parts)


#: A lone surrogate (``"\ud800"``: from invalid bytes decoded with ``surrogateescape``, or a
#: broken ``\u`` escape of JSON): not Unicode text, so no UTF-8 file can hold it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _surrogate_reason(text: str) -> str:
    """Why a text holding a lone surrogate cannot be written (the first one named)."""
    code = ord(_SURROGATE.search(text).group())
    return (f"a cell holds a lone surrogate (U+{code:04X}), which is not valid Unicode text "
            "and cannot be written to a file (it comes from bytes that were not UTF-8, or a "
            "broken \\u escape); remove it, or decode the source text again")


def _shown_name(name) -> str:
    """A column name for a message, cut at 60 characters."""
    name = str(name)
    return name if len(name) <= 60 else name[:57] + "..."


def _surrogate_error(frame: pd.DataFrame, path) -> DataFormatError | None:
    """The error naming the first cell holding a lone surrogate, or None.

    Run on the error path of the writers (a ``UnicodeEncodeError`` of pandas, pyarrow or
    Python, which named no row nor column), and by :func:`check_stata`. Only ``object``
    columns can hold one (pandas' ``str`` columns refuse it).
    """
    for j, col in enumerate(frame.columns):
        values = frame.iloc[:, j]
        if not (values.dtype.kind in "OSU" or isinstance(values.dtype, (pd.StringDtype, pd.CategoricalDtype,
                                                                          pd.ArrowDtype))):
            continue
        bad = values.map(lambda v: isinstance(v, str) and _SURROGATE.search(v) is not None)
        bad = bad.to_numpy(dtype=bool, na_value=False)
        if bad.any():
            pos = int(bad.argmax())
            return DataFormatError(_surrogate_reason(values.iloc[pos]), path=path, row=pos + 2,
                                   column=str(col))
    return None


def _bytes_as_text(frame: pd.DataFrame, path, where: str) -> pd.DataFrame:
    """``frame`` with its bytes cells as their UTF-8 text (a copy when any), as :func:`write_xlsx` stores them.

    A bytes cell (a Parquet ``binary`` column) was written by pandas as its Python form:
    ``b'ab'`` in the file, read back as the text ``"b'ab'"``, silently. Only ``object``
    columns (and Arrow binary ones) can hold bytes; a column of text is looked at once.

    Raises
    ------
    exposure.errors.DataFormatError
        A bytes cell that is not UTF-8 text, naming its row (the header is row 1) and
        column: ``where`` (a CSV file) cannot hold it as text.
    """
    out = frame
    for j, col in enumerate(frame.columns):
        values = frame.iloc[:, j]
        dtype = values.dtype
        if isinstance(dtype, pd.ArrowDtype):
            if not (pa.types.is_binary(dtype.pyarrow_dtype) or pa.types.is_large_binary(dtype.pyarrow_dtype)
                    or pa.types.is_fixed_size_binary(dtype.pyarrow_dtype)):
                continue
        elif dtype != object or pd.api.types.infer_dtype(values, skipna=True) in (
                "string", "empty", "floating", "integer", "boolean", "decimal", "date", "datetime"):
            continue
        cells = values.tolist()
        found = [i for i, v in enumerate(cells) if isinstance(v, bytes)]
        if not found:
            continue
        for i in found:
            try:
                cells[i] = cells[i].decode("utf-8")
            except UnicodeDecodeError:
                shown = repr(cells[i]) if len(repr(cells[i])) <= 60 else repr(cells[i])[:57] + "..."
                raise DataFormatError(f"a cell holds bytes that are not UTF-8 text ({shown}), which "
                                      f"{where} cannot store as text; write .parquet, or decode the "
                                      "column to text", path=path, row=i + 2, column=str(col)) from None
        if out is frame:
            out = frame.copy()
        out.isetitem(j, pd.Series(cells, index=values.index, dtype=object, name=values.name))
    return out


#: Cells :func:`_nested_as_text` writes as JSON text.
_NESTED = (list, tuple, dict, set, frozenset, np.ndarray)


def _json_plain(value):
    """``value`` with numpy arrays and scalars, tuples and sets as JSON's lists and numbers."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    elif isinstance(value, np.generic):
        return _plain_cell(value)
    if isinstance(value, dict):
        return {str(k): _json_plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((_json_plain(v) for v in value), key=repr)  # a set's order varies by run
    if isinstance(value, (list, tuple)):
        return [_json_plain(v) for v in value]
    return value


def _nested_text(value) -> str:
    """A list, array or map as JSON text (its keys in order; other values as their text)."""
    return json.dumps(_json_plain(value), ensure_ascii=False, default=str)


def _nested_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its lists, arrays and maps as JSON text (a copy when any).

    A cell holding a list, a numpy array or a map (an Arrow list or struct column, a
    Parquet list column read by pandas) was written by pandas as its Python or numpy
    form: an array of 2,000 numbers as ``[   0    1    2 ... 1997 1998 1999]`` (the
    numbers in the middle lost), ``[1 2]``, ``{'x': 1}``. JSON text keeps every element
    and is read by any tool.
    """
    out = frame
    for j in range(frame.shape[1]):
        values = frame.iloc[:, j]
        dtype = values.dtype
        if isinstance(dtype, pd.ArrowDtype):
            kind = dtype.pyarrow_dtype
            if not (pa.types.is_list(kind) or pa.types.is_large_list(kind) or pa.types.is_struct(kind)
                    or pa.types.is_map(kind) or pa.types.is_fixed_size_list(kind)):
                continue
        elif dtype != object or pd.api.types.infer_dtype(values, skipna=True) in (
                "string", "empty", "floating", "integer", "boolean", "decimal", "date", "datetime",
                "bytes"):
            continue
        cells = values.astype(object).tolist()
        found = [i for i, v in enumerate(cells) if isinstance(v, _NESTED)]
        if not found:
            continue
        for i in found:
            cells[i] = _nested_text(cells[i])
        cells = [None if v is pd.NA else v for v in cells]
        if out is frame:
            out = frame.copy()
        out.isetitem(j, pd.Series(cells, index=values.index, dtype=object, name=values.name))
    return out


def _one_header_row(frame: pd.DataFrame, path, where: str, header: str = "its one header row") -> None:
    """Refuse columns with several levels (a MultiIndex), which ``where`` cannot name in one row.

    pandas wrote a CSV file two header rows (the second read back as a row of data), and
    the Stata writer warned that it renamed the columns and then refused them; the
    ``.xlsx`` and Parquet writers named the columns by their tuples' text (``"('p',
    'mean')"``, read back as such). ``header`` says where ``where`` names its columns.
    What is not a DataFrame is refused first (:func:`_refuse_not_frame`).
    """
    _refuse_not_frame(frame, path, where)
    if isinstance(frame.columns, pd.MultiIndex):
        levels = frame.columns.nlevels
        raise DataFormatError(
            f"the column names have {levels} levels (a MultiIndex, as groupby().agg() gives), "
            f"which {where} cannot hold in {header}; flatten them first (e.g. "
            "frame.columns = ['_'.join(map(str, c)) for c in frame.columns])", path=path,
            column=_shown_name(frame.columns[0]) if len(frame.columns) else None)


def _refuse_unquotable(frame: pd.DataFrame, path, where: str, sep: str, header: bool = True) -> None:
    """Refuse a text cell holding ``sep`` or a line break, which a file written without quotes cannot hold.

    Python's ``csv`` raised ``Error: need to escape, but no escapechar set`` (a traceback)
    for such a cell of a ``.tsv`` output written with ``quoting=csv.QUOTE_NONE``: one of a
    named index, written as a column (:func:`index_as_columns`), which the check of the
    columns before did not see. So for a column name (of the ``header`` written) holding
    them (``"note\\tcomment"``, a header cell wrapped on two lines in Excel), named as row 1.
    """
    held = "a tab" if sep == "\t" else f"the separator {sep!r}"
    for col in frame.columns if header else ():  # the header row: the same csv error
        if any(c in str(col) for c in (sep, "\n", "\r")):
            raise DataFormatError(f"a column name holds {held} or a line break, which {where} cannot hold in its "
                                  "header; rename the column, or write .csv or .parquet", path=path, row=1,
                                  column=_shown_name(col))
    for j, col in enumerate(frame.columns):
        values = frame.iloc[:, j]
        if not (values.dtype.kind in "OSU" or isinstance(values.dtype, (pd.StringDtype, pd.CategoricalDtype))):
            continue
        cells = values.astype(object).to_numpy()
        bad = [i for i, v in enumerate(cells) if isinstance(v, str) and (sep in v or "\n" in v or "\r" in v)]
        if bad:
            raise DataFormatError(f"a cell holds {held} or a line break, which {where} cannot hold; write .csv "
                                  "or .parquet", path=path, row=bad[0] + 2, column=_shown_name(col))


#: The ``formulas`` choices of :func:`write_csv`.
_FORMULAS = ("neutralise", "keep")
#: Extension of a compressed file or archive -> (what it is, the command that opens it): the one
#: table of them, which the readers (:mod:`exposure._tables`, which gives it under its name) and
#: :func:`write_csv` (:func:`_refuse_compressed`: it does not write them) name them by.
COMPRESSED = {".gz": ("gzip-compressed", "gunzip -k"), ".bz2": ("bzip2-compressed", "bunzip2 -k"),
              ".xz": ("xz-compressed", "unxz -k"), ".zst": ("zstd-compressed", "unzstd"),
              ".zip": ("a zip archive", "unzip")}


def compressed_files(suffix: str) -> str:
    """What files of ``suffix``, one of :data:`COMPRESSED`, are called in a refusal to write them.

    Examples
    --------
    >>> compressed_files(".gz"), compressed_files(".zip")
    ('gzip-compressed files', 'zip archives')
    """
    return "zip archives" if suffix == ".zip" else f"{COMPRESSED[suffix][0]} files"


def _refuse_compressed(path, where: str) -> None:
    """Refuse an output named as a compressed file (``scores.csv.gz``), which :func:`write_csv` writes as text.

    The text was written uncompressed under the ``.gz`` name, and every reader of it
    (``pd.read_csv``, ``gunzip``) then failed to decompress it
    (``BadGzipFile: Not a gzipped file``); :func:`exposure._tables.write_frame` refuses
    such a name in the same way. The message names the file to write instead.

    Examples
    --------
    >>> _refuse_compressed("out/scores.csv.gz", "a CSV file")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: out/scores.csv.gz: unsupported output file type '.gz' (gzip-compressed files are not written): a CSV file is written as plain text; write out/scores.csv; for compressed output write out/scores.parquet (Parquet compresses its columns)
    >>> _refuse_compressed("scores.csv", "a CSV file")
    """
    name = Path(path)
    suffix = name.suffix.lower()
    if suffix not in COMPRESSED:
        return
    inner = Path(name.stem)  # scores.csv of scores.csv.gz
    base = inner.stem if inner.suffix.lower() in (".csv", ".tsv", ".txt") else inner.name
    text = inner.name if base != inner.name else base + (".tsv" if "tsv" in where else ".csv")
    raise DataFormatError(f"unsupported output file type {suffix!r} ({compressed_files(suffix)} are not "
                          f"written): {where} is written as plain text; write {name.with_name(text)}; for "
                          f"compressed output write {name.with_name(base + '.parquet')} (Parquet "
                          "compresses its columns)", path=path)


def _check_formulas(formulas) -> None:
    """Refuse a ``formulas`` of :func:`write_csv` that is not ``"neutralise"`` or ``"keep"``.

    It was a bare ``ValueError`` (not an :class:`~exposure.errors.ExposureError`), also for
    a list or True, and said nothing of ``"neutralize"`` (the American spelling) or
    ``"Keep"``.
    """
    check_choice(formulas, "formulas", _FORMULAS)
    if formulas not in _FORMULAS:
        hint = choice_hint(formulas, _FORMULAS) or (
            ": write 'neutralise' (British spelling)" if formulas.casefold() == "neutralize" else "")
        raise DataFormatError(f"formulas must be one of {', '.join(_FORMULAS)}, got {formulas!r}{hint}")


def write_csv(frame: pd.DataFrame, path, *, formulas: str = "neutralise", **kwargs) -> Path:
    """Write ``frame`` as CSV (``\\n`` line endings) atomically.

    A named index is written as its column(s), an unnamed one is left out
    (:func:`index_as_columns`; an ``index`` argument is passed to pandas as given).

    A cell holding a line break (``"\\n"`` or a bare ``"\\r"``), a comma or a ``"`` is
    quoted, so that the file reads back with the same rows (:func:`pandas_csv_text`).

    Parameters
    ----------
    frame : pandas.DataFrame
    path : str or os.PathLike
    formulas : {"neutralise", "keep"}, default "neutralise"
        ``"neutralise"``: text cells a spreadsheet would run as a formula are written with
        a leading ``'`` (:func:`neutralise_formulas`; a warning is logged); ``"keep"``:
        every cell verbatim.
    **kwargs
        Passed to :meth:`pandas.DataFrame.to_csv` (e.g. ``sep="\\t"``).

    A bytes cell (a Parquet ``binary`` column) is written as its UTF-8 text, as
    :func:`write_xlsx` stores it (it was written as its Python form ``b'...'``); a list,
    array or map (an Arrow list or struct column) as JSON text (:func:`_nested_as_text`;
    an array was written as numpy shows it, its middle cut to ``...``).

    Raises
    ------
    exposure.errors.DataFormatError
        A bytes cell that is not UTF-8 text, or a text holding a lone surrogate, naming
        its row and column; columns with several levels (a MultiIndex), which one header
        row cannot name (pandas wrote a second header row, read back as data); a
        ``formulas`` that is not ``"neutralise"`` or ``"keep"`` (a bare ``ValueError``
        before); a column name given twice (``1`` and ``"1"`` too, and ``a`` and ``" a"``),
        naming both columns (the file was written, and refused when read back); a column
        without a name (None, NaN or blank: an empty header cell) or rows without
        columns (a blank line each), refused for the same reason; with
        ``quoting=csv.QUOTE_NONE``, a cell or column name holding the separator or a line break; ``frame`` that is not
        a DataFrame (:func:`_refuse_not_frame`); a ``path`` named as a compressed file
        (``o.csv.gz``: :func:`_refuse_compressed`; plain text was written under that name).
    exposure.errors.OutputError
        The file cannot be written (nothing is left behind).

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = write_csv(pd.DataFrame({"a": [1]}), p)
    >>> p.read_text()
    'a\\n1\\n'
    >>> _ = write_csv(pd.DataFrame({"task": ["=1+1"]}), p)
    >>> p.read_text()
    "task\\n'=1+1\\n"
    """
    _check_formulas(formulas)
    where = "a .tsv file" if kwargs.get("sep") == "\t" else "a CSV file"
    _one_header_row(frame, path, where)
    _refuse_compressed(path, where)  # plain text was written under the .gz name
    # bytes as their text (was their Python form b'...'), before the formula check sees them;
    # lists and maps as JSON text (were their Python or numpy form, cut with "...")
    if "index" not in kwargs:  # a named index: its column(s) (it was left out, silently)
        frame = index_as_columns(frame, path, where)
    _no_columns(frame, path, where, rows=True)  # a blank line per row: read as "file is empty"
    if kwargs.get("header", True) is not False:  # a header naming two columns alike: not read back
        _unnamed_column(frame, path, where)  # an empty header cell: refused when read back
        _duplicate_name(frame, path, where)
    frame = _nested_as_text(_bytes_as_text(frame, path, where))
    if formulas == "neutralise":
        frame, n = neutralise_formulas(frame)
        if n:
            log.warning("%s: %d cell(s) that a spreadsheet would run as formulas were written "
                        "with a leading ' (%s)", shown_path(path), n, FORMULA_ADVICE.get())
    kwargs.setdefault("index", False)
    kwargs.setdefault("lineterminator", "\n")
    if kwargs.get("quoting") == csv.QUOTE_NONE:  # csv's "need to escape, but no escapechar set"
        _refuse_unquotable(frame, path, where, kwargs.get("sep", ","), header=kwargs.get("header", True) is not False)
    text = csv_text(frame) if kwargs == {"index": False, "lineterminator": "\n"} else None
    if text is None and _cr_safe(kwargs):
        text = pandas_csv_text(frame, **kwargs)
    try:
        with _writing(path) as tmp:
            if text is None:  # other quoting (QUOTE_NONE for .tsv) or options (encoding)
                frame.to_csv(tmp, **kwargs)
            else:
                with open(tmp, "w", encoding="utf-8", newline="") as handle:
                    handle.write(text)
    except UnicodeEncodeError:  # a lone surrogate: Python's words, no row nor column
        error = _surrogate_error(frame, path)
        if error is None:
            raise
        raise error from None
    return Path(path)


def _cell(value):
    """A frame cell as a value openpyxl can store (None for missing)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    value = _plain_cell(value)
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, bytes):  # checked to be UTF-8 (_xlsx_problem); a text cell
        return value.decode("utf-8")
    if isinstance(value, decimal.Decimal):  # checked to be a double (_xlsx_problem)
        return None if value.is_nan() else float(value)
    if isinstance(value, (datetime.datetime, datetime.time, datetime.timedelta)):
        return _ms_floor(value)
    return value


def _finer_than_ms(value) -> bool:
    """Whether a time, datetime or duration has parts finer than a millisecond."""
    if value is pd.NaT:  # a datetime instance, without a microsecond
        return False
    if isinstance(value, (pd.Timestamp, pd.Timedelta)):
        return value != value.floor("ms")
    if isinstance(value, (datetime.datetime, datetime.time, datetime.timedelta)):
        return value.microseconds % 1000 != 0 if isinstance(value, datetime.timedelta) else value.microsecond % 1000 != 0
    return False


def _ms_floor(value):
    """A time, datetime or duration cut to the millisecond (what an .xlsx sheet keeps).

    openpyxl stores them as a day count and reads them back to the millisecond, rounded:
    ``time(23, 59, 59, 999999)`` was read back as ``1900-01-01 00:00:00`` and a datetime a
    microsecond before midnight as the next day. Cut (not rounded), the day and the hour
    stay as they were.
    """
    if not _finer_than_ms(value):
        return value
    if isinstance(value, (pd.Timestamp, pd.Timedelta)):
        return value.floor("ms")
    if isinstance(value, datetime.timedelta):
        return datetime.timedelta(value.days, value.seconds, value.microseconds // 1000 * 1000)
    return value.replace(microsecond=value.microsecond // 1000 * 1000)


def _sub_ms_cells(values: pd.Series) -> np.ndarray | None:
    """Where a column holds times, datetimes or durations finer than a millisecond (or None).

    An Arrow column of times of day (``time64[us]``: a Parquet input's, read as such) is
    looked at by its integers: it was passed over (its dtype is no ``object``), so that an
    .xlsx sheet cut its times to the millisecond without the warning of :func:`check_xlsx`.
    """
    dtype = values.dtype
    if isinstance(dtype, pd.ArrowDtype) and pa.types.is_time(dtype.pyarrow_dtype):
        per_ms = {"us": 1000, "ns": 1_000_000}.get(dtype.pyarrow_dtype.unit)
        if per_ms is None:  # seconds, milliseconds
            return np.zeros(len(values), dtype=bool)
        ticks = pa.array(values).cast(pa.int64()).to_numpy(zero_copy_only=False)
        return (np.nan_to_num(ticks, nan=0) % per_ms != 0) & values.notna().to_numpy(dtype=bool)
    if dtype.kind in "mM" and not isinstance(dtype, pd.DatetimeTZDtype):
        floored = values.dt.floor("ms")
        # na_value: an Arrow column's missing cell compares as NA (TypeError: boolean value
        # of NA is ambiguous)
        return ((values != floored).to_numpy(dtype=bool, na_value=False)
                & values.notna().to_numpy(dtype=bool))
    if dtype == object and pd.api.types.infer_dtype(values, skipna=True) not in (
            "string", "empty", "bytes", "floating", "integer", "boolean", "decimal"):
        return values.map(_finer_than_ms).to_numpy(dtype=bool)
    return None


def _time_shown(values: pd.Series, pos: int):
    """The cell ``pos`` of ``values`` as it is, for a message: a time of day in nanoseconds whole.

    A cell of an Arrow column of times of day (``time64[ns]``) is a Python
    ``datetime.time``, which holds microseconds: the warning of :func:`check_xlsx` showed
    ``01:02:03.000000001`` as ``01:02:03`` (a time the sheet keeps). Arrow writes it
    whole; the other cells as ever (a ``Timestamp`` shows its nanoseconds).

    Examples
    --------
    >>> t = pa.array([3723000000001], pa.time64("ns"))
    >>> _time_shown(pd.Series(pd.arrays.ArrowExtensionArray(t)), 0)
    '01:02:03.000000001'
    """
    dtype = values.dtype
    if isinstance(dtype, pd.ArrowDtype) and pa.types.is_time(dtype.pyarrow_dtype):
        return pa.array(values.array)[pos].cast(pa.string()).as_py()
    return values.iloc[pos]


#: Rows an .xlsx sheet can hold (the header included).
XLSX_MAX_ROWS = 1_048_576
#: Columns an .xlsx sheet can hold (A to XFD; Excel refuses or "repairs" a wider sheet).
XLSX_MAX_COLUMNS = 16_384
#: Characters an .xlsx cell can hold (Excel's limit; a longer text would be cut).
XLSX_MAX_CELL = 32_767
#: Integers this large in magnitude or larger are changed by an .xlsx sheet, which stores
#: every number as a double (``9007199254740993`` is read back as ``9007199254740992``).
XLSX_EXACT_INT = 2**53
_XLSX_PROPERTY_TIME = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")


def _big_integers(values: pd.Series, limit: int) -> np.ndarray | None:
    """Where a 64-bit integer column holds an integer of magnitude ``limit`` or more."""
    dtype = values.dtype
    if dtype.kind not in "iu" or getattr(dtype, "itemsize", 8) != 8:
        return None
    numbers = values.to_numpy(dtype=f"{dtype.kind}8", na_value=0)
    big = numbers >= limit
    if dtype.kind == "i":
        big |= numbers <= -limit
    return big


#: Characters that XML 1.0, and so an .xlsx sheet, cannot hold beyond openpyxl's control
#: characters: U+FFFE and U+FFFF (a workbook holding one was written, and Excel and
#: openpyxl could not open it: ``ParseError: not well-formed``), and lone surrogates.
_XML_ILLEGAL = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _xml_problem(text: str) -> str | None:
    """Why an .xlsx sheet cannot hold ``text`` for a character XML refuses (None if it can)."""
    found = _XML_ILLEGAL.search(text)
    if found is None:
        return None
    if _SURROGATE.match(found.group()):
        return _surrogate_reason(text)
    return (f"a cell holds a character that an .xlsx sheet cannot store (U+{ord(found.group()):04X}, "
            "which XML does not allow: Excel cannot open such a workbook); write .csv or "
            ".parquet, "
            "or remove the character")


def _xlsx_problem(value, illegal) -> str | None:
    """Why a workbook cell cannot hold ``value`` (None if it can)."""
    if isinstance(value, bytes):  # openpyxl stores bytes as their UTF-8 text
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            return ("a cell holds bytes that are not UTF-8 text, which an .xlsx sheet cannot "
                    "store; write .parquet, or decode the column to text")
    if isinstance(value, str):
        if illegal.search(value):
            return ("a cell holds a control character, which an .xlsx sheet cannot store; "
                    "write .csv or .parquet")
        problem = _xml_problem(value)
        if problem is not None:
            return problem
        if len(value) > XLSX_MAX_CELL:
            return (f"a cell holds {len(value):,} characters, more than the {XLSX_MAX_CELL:,} "
                    "an .xlsx cell can hold (Excel would cut it); write .csv or .parquet")
    elif isinstance(value, (list, tuple, dict, set, np.ndarray)):
        return ("a cell holds a nested value (a list, map or struct), which an .xlsx sheet "
                "cannot store; write .parquet, or drop or flatten the column")
    elif isinstance(value, (float, np.floating)) and np.isinf(value):
        return _XLSX_INF
    elif isinstance(value, decimal.Decimal) and not value.is_nan():
        if value.is_infinite():
            return _XLSX_INF
        if decimal.Decimal(repr(float(value))) != value:  # openpyxl wrote it with 16 digits
            shown = str(value) if len(str(value)) <= 40 else str(value)[:37] + "..."
            return (f"a cell holds the number {shown}, which the double of an .xlsx cell cannot "
                    f"hold exactly (it would be read back as {float(value)!r}); write .csv or "
                    ".parquet, or store it as text")
    elif isinstance(value, (datetime.datetime, datetime.time)) and value.tzinfo is not None:
        return _XLSX_TZ.format(value.tzinfo)
    elif isinstance(value, datetime.date) and _before_1900(value):
        return _XLSX_BEFORE_1900.format(value)
    elif (isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))
          and abs(int(value)) >= XLSX_EXACT_INT):
        return _XLSX_BIG_INT.format(int(value))
    return None


#: Why an .xlsx cell cannot hold an infinite number (openpyxl wrote an empty cell).
_XLSX_INF = ("a cell holds an infinite number, which an .xlsx sheet cannot store (Excel has "
             "no infinity); write .csv or .parquet")
#: Why an .xlsx cell cannot hold an integer beyond 2**53 (as a .dta file cannot).
_XLSX_BIG_INT = ("the column holds the integer {}, beyond the +/-2**53 that an .xlsx sheet "
                 "holds exactly (a workbook stores numbers as doubles, which changes it); "
                 "write .csv or .parquet, or store it as text")
#: Why an .xlsx cell cannot hold a date before 1900 (Excel's first day is 1900-01-01).
_XLSX_BEFORE_1900 = ("a cell holds the date {}, before 1900-01-01, the first day an .xlsx sheet "
                     "can hold (a workbook stores a date as a count of days from 1900: it would "
                     "be read back as a time of day, or shown by Excel as #####); write .csv or "
                     ".parquet, or store the column as text")
#: Excel's first day (serial 1); an earlier date is stored as a serial of 0 or less.
_XLSX_FIRST_DAY = datetime.datetime(1900, 1, 1)


def _before_1900(value: datetime.date) -> bool:
    """Whether a date or (time-zone-naive) datetime falls before Excel's first day."""
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime(value.year, value.month, value.day)
    return value < _XLSX_FIRST_DAY


#: Why an .xlsx cell cannot hold a time with a time zone (as a .dta file cannot).
_XLSX_TZ = ("the column holds time-zone-aware times ({}), which an .xlsx sheet cannot store; "
            "convert them (Series.dt.tz_convert(None) for UTC, or to text), or write .csv "
            "or .parquet")


def _column_problem(values: pd.Series, illegal) -> tuple[int, str] | None:
    """The first cell of a column that a workbook cannot hold: (position, why), or None.

    Text and object columns are checked cell by cell (:func:`_xlsx_problem`; bytes as
    their UTF-8 text, as openpyxl stores them); float columns for infinities, which
    openpyxl wrote as empty cells (a silent loss); 64-bit integer columns for integers of
    magnitude 2**53 or more, which it rounded to a double silently; a time-zone-aware
    datetime column is refused at its first time, which openpyxl refused with a
    ``TypeError`` traceback.
    """
    dtype = values.dtype
    if dtype.kind in "OSU" or isinstance(dtype, (pd.StringDtype, pd.ArrowDtype)):
        problems = values.map(lambda v: _xlsx_problem(v, illegal))
        bad = problems.notna().to_numpy(dtype=bool)
        return (int(bad.argmax()), problems.iloc[int(bad.argmax())]) if bad.any() else None
    if isinstance(dtype, pd.DatetimeTZDtype):
        given = values.notna().to_numpy(dtype=bool)
        return (int(given.argmax()), _XLSX_TZ.format(dtype.tz)) if given.any() else None
    if dtype.kind == "M":  # openpyxl wrote 1899-12-31 as 0 (a time) and earlier days as -n
        early = (values < _XLSX_FIRST_DAY).to_numpy(dtype=bool, na_value=False)
        if early.any():
            pos = int(early.argmax())
            return pos, _XLSX_BEFORE_1900.format(values.iloc[pos])
        return None
    if dtype.kind == "f":
        bad = np.isinf(values.to_numpy(dtype=float, na_value=np.nan))
        return (int(bad.argmax()), _XLSX_INF) if bad.any() else None
    big = _big_integers(values, XLSX_EXACT_INT)
    if big is not None and big.any():
        pos = int(big.argmax())
        return pos, _XLSX_BIG_INT.format(int(values.iloc[pos]))
    return None


def _fixed_zip(src, dst) -> None:
    """Copy the zip archive ``src`` to ``dst`` with fixed entry and workbook property times."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for entry in zin.infolist():
            data = zin.read(entry)
            if entry.filename == "docProps/core.xml":
                stamp = "%04d-%02d-%02dT%02d:%02d:%02dZ" % _ZIP_TIME
                data = _XLSX_PROPERTY_TIME.sub(rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = entry.external_attr
            zout.writestr(info, data)


def check_xlsx(frame: pd.DataFrame, path) -> None:
    """Refuse a frame that an ``.xlsx`` sheet cannot hold, before anything is written.

    What :func:`write_xlsx` checks first; callers can run it before the work that
    computes the frame (on the columns they already have).

    Parameters
    ----------
    frame : pandas.DataFrame
    path : str or os.PathLike
        The workbook to be written, for the messages.

    Raises
    ------
    exposure.errors.DataFormatError
        More than :data:`XLSX_MAX_ROWS` rows (the header included) or
        :data:`XLSX_MAX_COLUMNS` columns; or a cell a workbook cannot store, naming its
        row (the header is row 1) and column: control characters (in text or in bytes),
        U+FFFE, U+FFFF or a lone surrogate (which XML cannot hold), bytes that are not
        UTF-8, more than :data:`XLSX_MAX_CELL` characters, a nested
        value such as a list, an infinite number, an integer of magnitude
        :data:`XLSX_EXACT_INT` or more, a time-zone-aware datetime, a date before
        1900-01-01 (a workbook's first day: ``1899-12-31`` was stored as day 0 and read
        back as a time of day, earlier dates as negative days Excel shows as ``#####``).
        A column name is checked as a cell of row 1; columns of several levels (a
        MultiIndex) are refused (their names were written as ``"('p', 'mean')"``), and
        so is a column name given twice (the sheet was written, and refused when read
        back), a column without a name (:func:`_unnamed_column`), rows without
        columns (an empty sheet), and ``frame`` that is not a DataFrame
        (:func:`_refuse_not_frame`).

    Notes
    -----
    A cell holding a carriage return is written, with a warning: XML keeps line feeds
    only, so ``"A\\r\\nB"`` reads back as ``"A\\nB"`` (openpyxl writes no ``_x000D_``).

    Examples
    --------
    >>> check_xlsx(pd.DataFrame({"posting_id": [2**53 + 1], "task": ["Weld."]}), "o.xlsx")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: o.xlsx, row 2, column 'posting_id': the column holds the integer 9007199254740993, beyond the +/-2**53 that an .xlsx sheet holds exactly (a workbook stores numbers as doubles, which changes it); write .csv or .parquet, or store it as text
    >>> check_xlsx(pd.DataFrame({"task": ["Weld."], "raw": [b"\\x00\\x01"]}), "o.xlsx")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: o.xlsx, row 2, column 'raw': a cell holds a control character, which an .xlsx sheet cannot store; write .csv or .parquet
    """
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    frame = index_as_columns(frame, path, "an .xlsx sheet")  # written as columns: checked as such
    if len(frame) + 1 > XLSX_MAX_ROWS:
        raise DataFormatError(
            f"{len(frame):,} rows do not fit in an .xlsx sheet ({XLSX_MAX_ROWS - 1:,} at most); "
            "write .csv or .parquet", path=path)
    if frame.shape[1] > XLSX_MAX_COLUMNS:
        raise DataFormatError(
            f"{frame.shape[1]:,} columns do not fit in an .xlsx sheet ({XLSX_MAX_COLUMNS:,} at "
            "most, A to XFD); write .csv or .parquet", path=path)
    _one_header_row(frame, path, "an .xlsx sheet")  # was written as "('p', 'mean')"
    _no_columns(frame, path, "an .xlsx sheet", rows=True)  # an empty sheet: "sheet is empty"
    _unnamed_column(frame, path, "an .xlsx sheet")  # an empty header cell, or "nan"
    _duplicate_name(frame, path, "an .xlsx sheet")  # its header was written, and not read back
    for col in frame.columns:  # the header row: openpyxl's IllegalCharacterError before
        problem = _xlsx_problem(str(col), ILLEGAL_CHARACTERS_RE)
        if problem is not None:
            raise DataFormatError(problem.replace("a cell holds", "a column name holds", 1),
                                  path=path, row=1, column=_shown_name(col))
    returns = []  # (row, column) of the first cell holding a carriage return, and the count
    finer = []  # the same for times finer than a millisecond, and the first such value
    for j, col in enumerate(frame.columns):
        problem = _column_problem(frame.iloc[:, j], ILLEGAL_CHARACTERS_RE) or _cell_problem(frame.iloc[:, j], "xlsx")
        if problem is not None:
            raise DataFormatError(problem[1], path=path, row=None if problem[0] is None else problem[0] + 2,
                                  column=str(col))
        values = frame.iloc[:, j]
        sub_ms = _sub_ms_cells(values)
        if sub_ms is not None and sub_ms.any():
            finer.append((int(sub_ms.argmax()) + 2, str(col), int(sub_ms.sum()),
                          _time_shown(values, int(sub_ms.argmax()))))
        if values.dtype.kind in "OSU" or isinstance(values.dtype, (pd.StringDtype, pd.ArrowDtype)):
            has = values.map(lambda v: isinstance(v, str) and "\r" in v).to_numpy(dtype=bool)
            if has.any():
                returns.append((int(has.argmax()) + 2, str(col), int(has.sum())))
    if returns:  # XML keeps line feeds only: "A\r\nB" reads back as "A\nB", silently
        row, col, _ = returns[0]
        log.warning("%s: %d cells hold a carriage return (first: row %d, column %r), which an .xlsx sheet "
                    "stores as a line feed ('\\r\\n' reads back as '\\n'); write .csv or .parquet to keep "
                    "them", shown_path(path), sum(n for *_, n in returns), row, col)
    if finer:  # a workbook keeps milliseconds: 23:59:59.999999 was read back as the next day
        row, col, _, value = finer[0]
        log.warning("%s: %d cells hold times finer than a millisecond (first: row %d, column %r: %s), "
                    "which an .xlsx sheet does not keep: they are written cut to the millisecond; "
                    "write .csv or .parquet to keep them", shown_path(path), sum(f[2] for f in finer), row, col,
                    value)


#: Characters Excel does not allow in a sheet name.
_SHEET_FORBIDDEN = "\\/?*[]:"
#: The most characters of an Excel sheet name.
_SHEET_MAX = 31


def _check_sheet(sheet, path) -> None:
    """Refuse a ``sheet`` of :func:`write_xlsx` that Excel does not take as a sheet name.

    Excel's rules: 1 to 31 characters, none of ``\\ / ? * [ ] :``, no ``'`` at either
    end, not ``History`` (reserved). openpyxl raised a bare ``ValueError`` for a
    forbidden character (``Invalid character / found in sheet title``, naming no file)
    and a ``TypeError`` for a number, named an empty name ``Sheet`` without a word, and
    wrote the others into a workbook Excel does not open without repairing it (a name of
    40 characters with only openpyxl's ``UserWarning``, naming no file).

    Examples
    --------
    >>> _check_sheet("data", "o.xlsx")
    >>> _check_sheet("Scores 2024/25", "o.xlsx")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: o.xlsx: sheet 'Scores 2024/25' holds '/', which Excel does not allow in a sheet name (nor any of \\ / ? * [ ] :): write 'Scores 2024_25'
    """
    check_name(sheet, "sheet", "a sheet name")
    if not sheet.strip():
        raise DataFormatError(f"sheet is empty ({sheet!r}): give the sheet's name (default 'data')", path=path)
    bad = [c for c in sheet if c in _SHEET_FORBIDDEN]
    if bad:
        why = (f"holds {bad[0]!r}, which Excel does not allow in a sheet name (nor any of "
               f"{' '.join(_SHEET_FORBIDDEN)})")
    elif len(sheet) > _SHEET_MAX:
        why = f"has {len(sheet)} characters, more than the {_SHEET_MAX} of an Excel sheet name"
    elif sheet.startswith("'") or sheet.endswith("'"):
        why = "starts or ends with an apostrophe ('), which Excel does not allow in a sheet name"
    elif sheet.casefold() == "history":
        why = "is a name Excel reserves"
    else:
        return
    # a name that follows every rule (the advice must work): the characters replaced, the
    # apostrophes at the ends dropped, cut to 31 characters
    fixed = "".join("_" if c in _SHEET_FORBIDDEN else c for c in sheet).strip("'")[:_SHEET_MAX].strip().strip("'")
    advice = (f"write {fixed!r}" if fixed.strip() and fixed.casefold() != "history"
              else "give another name (e.g. 'data')")
    raise DataFormatError(f"sheet {sheet!r} {why}: {advice}", path=path)


def write_xlsx(frame: pd.DataFrame, path, *, sheet: str = "data") -> Path:
    """Write ``frame`` to one sheet of an ``.xlsx`` workbook atomically and deterministically.

    Every string is stored as a string cell (never as a formula, whatever its first
    character), and so is a bytes cell (its UTF-8 text); missing values are empty cells.
    The same frame gives the same bytes: the zip entries and the workbook's
    created/modified properties carry a fixed time (1980-01-01), not the time of writing.
    A named index is written as its column(s), an unnamed one is left out
    (:func:`index_as_columns`), as by the other writers.

    A workbook stores every number as a double, so an integer of magnitude 2**53 or more
    (a 64-bit posting ID such as ``9007199254740993``) is refused, naming its row and
    column, as :func:`write_stata` refuses it: it was rounded silently
    (``9007199254740992``), which breaks a join on it. Store such a column as text
    (``frame[col].astype(str)``) or write ``.csv`` or ``.parquet``.

    Raises
    ------
    exposure.errors.DataFormatError
        What :func:`check_xlsx` refuses (run before anything is written, so no file is
        left): more rows or columns than a sheet holds, or a cell a workbook cannot store
        (control characters in text or bytes, more than :data:`XLSX_MAX_CELL` characters,
        a nested value such as a list, an infinite number, an integer beyond 2**53, a
        time-zone-aware datetime, a date before 1900-01-01), naming its row and column;
        a ``sheet`` that is not an Excel sheet name (:func:`_check_sheet`).
    exposure.errors.OutputError
        The file cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.xlsx"
    >>> _ = write_xlsx(pd.DataFrame({"task": ["=1+1", None], "n": [1, 2]}), p)
    >>> ws = openpyxl.load_workbook(p).active
    >>> [[c.value for c in row] for row in ws.iter_rows()]
    [['task', 'n'], ['=1+1', 1], [None, 2]]
    >>> ws["A2"].data_type
    's'
    >>> first = p.read_bytes()
    >>> write_xlsx(pd.DataFrame({"task": ["=1+1", None], "n": [1, 2]}), p).read_bytes() == first
    True
    >>> write_xlsx(pd.DataFrame({"task": ["x" * 40_000]}), p)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: ...t.xlsx, row 2, column 'task': a cell holds 40,000 characters, ...
    """
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    _check_sheet(sheet, path)  # openpyxl's ValueError, or a workbook Excel must repair
    frame = index_as_columns(frame, path, "an .xlsx sheet")  # a named index: its column(s)
    check_xlsx(frame, path)  # before any writing: a workbook cannot hold these
    columns = [str(c) for c in frame.columns]
    with _writing(path) as tmp:
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet(sheet)

        def row_cells(values):
            cells = []
            for v in values:
                cell = WriteOnlyCell(ws, value=v)
                if isinstance(v, str):
                    cell.data_type = "s"
                elif type(v) is float:
                    # openpyxl writes a number with 16 digits ('%.16g'): 0.30000000000000004
                    # was read back as 0.3, the largest double as infinity; repr's digits
                    # read back as the same double (the cell stays a number cell)
                    cell._value = repr(v)
                cells.append(cell)
            return cells

        try:
            ws.append(row_cells(columns))
            for values in frame.itertuples(index=False, name=None):
                ws.append(row_cells([_cell(v) for v in values]))
        except BaseException:
            # an interrupt (Ctrl-C, SIGTERM) among the rows: finish openpyxl's sheet file now;
            # left to the garbage collector, it printed "Exception ignored ... ValueError: I/O
            # operation on closed file" and an openpyxl traceback after the one-line error
            with contextlib.suppress(Exception):
                ws.close()
            raise
        with tempfile.SpooledTemporaryFile(max_size=64 * 2**20) as spool:
            wb.save(spool)  # openpyxl stamps the time of writing; rewritten with a fixed one
            spool.seek(0)
            with open(tmp, "wb") as fh:
                _fixed_zip(spool, fh)
    return Path(path)


#: Integers this large in magnitude or larger are stored by Stata as doubles, inexactly
#: (pandas' threshold: it converts int64 and uint64 columns beyond Stata's ``long`` to
#: ``double``).
STATA_EXACT_INT = 2**53
#: Characters a Stata variable label (here: the column's name, when renamed) can hold.
_STATA_LABEL = 80
#: Stata's ``long``: a 32-bit integer beyond this range is one of Stata's missing values
#: (pandas writes ``int32`` columns unchecked; ``int64`` ones beyond it as doubles).
_STATA_LONG = (-2_147_483_647, 2_147_483_620)
#: The largest magnitude of Stata's ``float`` (a larger ``float32`` is a missing value).
_STATA_FLOAT_MAX = float(np.frombuffer(b"\xff\xff\xff\x7e", dtype="<f4")[0])
#: The largest magnitude of Stata's ``double`` (larger values are Stata's missing values).
STATA_DOUBLE_MAX = float(np.frombuffer(b"\xff\xff\xff\xff\xff\xff\xdf\x7f", dtype="<f8")[0])


def _stata_names(columns) -> dict:
    """Column name -> the Stata variable name pandas writes it as, for the names it changes.

    pandas' rules for format 118 (:class:`pandas.io.stata.StataWriterUTF8`), applied here
    so that the renaming is ours to report: ASCII characters other than letters, digits
    and ``_`` become ``_``; a reserved word or a leading digit gets a leading ``_``; names
    are cut at 32 characters; a name taken gets ``_0``, ``_1``... in front.
    """
    from pandas.io.stata import StataParser

    reserved = StataParser().RESERVED_WORDS
    names = [str(c) for c in columns]
    renamed = {}
    n = 0
    for j, (orig, name) in enumerate(zip(columns, names, strict=True)):
        name = "".join("_" if (ord(c) < 128 and not (c.isascii() and (c.isalnum() or c == "_")))
                       or 128 <= ord(c) < 192 or c in "\u00d7\u00f7" else c for c in name)
        if name in reserved:
            name = "_" + name
        if "0" <= name[:1] <= "9":
            name = "_" + name
        name = name[:32] or "_"  # pandas fails on an empty name (IndexError)
        if name != orig:
            while name in names:
                name = ("_" + str(n) + name)[:32]
                n += 1
            renamed[orig] = name
        names[j] = name
    return renamed


#: What the cells of a column of each output kind may hold, for :func:`_cell_problem`.
_HOLDS = {"dta": "a Stata variable holds numbers, text or datetimes",
          "xlsx": "a workbook cell holds numbers, text, times or truth values"}
#: The format named in the messages of :func:`_cell_problem`.
_FORMAT = {"dta": "a Stata .dta file", "xlsx": "an .xlsx sheet"}
#: Cells an ``.xlsx`` sheet holds (openpyxl's types; bytes are written as their text).
_XLSX_CELLS = (str, bytes, bool, int, float, decimal.Decimal, datetime.date, datetime.time,
               datetime.timedelta, np.number, np.bool_, np.datetime64, np.timedelta64)


def _cell_kind(value) -> str:
    """``value``'s kind, in words, for a message (``a date``, ``a Decimal``)."""
    names = {decimal.Decimal: "a Decimal", datetime.date: "a date", datetime.time: "a time of day",
             datetime.timedelta: "a duration", bytes: "bytes", complex: "a complex number",
             pd.Period: "a Period", pd.Interval: "an Interval"}
    for kind, name in names.items():
        if isinstance(value, kind) and not isinstance(value, datetime.datetime):
            return name
    return f"a {type(value).__name__} value"


def _cell_problem(values: pd.Series, out_kind: str) -> tuple[int | None, str] | None:
    """The first cell of an input column that a ``.dta`` or ``.xlsx`` output cannot hold.

    ``(position or None, reason)``, or None; run by :func:`check_stata` and
    :func:`check_xlsx` after their other checks of the column. For Stata, a column
    type it has no type for (durations, half-precision floats, periods, intervals, complex
    numbers), an infinite number, and text columns holding other values (a ``Decimal``, a
    date or time of day of a Parquet ``date32``/``time64`` column, bytes); for a workbook,
    a cell openpyxl cannot store (a ``Period``, an ``Interval``, a complex number). The
    writers failed on these only after the scoring, with pandas' or openpyxl's words and
    no row (``Data type timedelta64[s] not supported.``; a traceback for the workbook).
    """
    dtype = values.dtype
    given = values.notna().to_numpy(dtype=bool)
    first = int(given.argmax()) if given.any() else None
    fix = "convert the column (to numbers or text), or write .csv or .parquet"
    where = _FORMAT[out_kind]
    if out_kind == "dta":
        if (isinstance(dtype, (pd.BooleanDtype, pd.CategoricalDtype, pd.StringDtype))
                or dtype.kind in "biuM" or (dtype.kind == "f" and dtype.itemsize >= 4)):
            if dtype.kind == "f":
                inf = np.isinf(values.to_numpy(dtype=float, na_value=np.nan))
                if inf.any():
                    return int(inf.argmax()), (f"a cell holds an infinite number, which {where} "
                                               "cannot store (Stata has no infinity); write .csv "
                                               "or .parquet")
            return None
        if dtype != object:
            if dtype.kind == "m":
                what = f"durations ({dtype})"
            elif dtype.kind in "fc":
                what = f"{dtype} numbers"
            else:
                what = f"{dtype} values"
            return first, f"the column holds {what}, which {where} cannot store; {fix}"
        cells = values.tolist()
        bad = np.fromiter((not isinstance(v, str) for v in cells), dtype=bool, count=len(cells)) & given
    else:
        if dtype != object and dtype.kind != "c" and not isinstance(dtype, (pd.PeriodDtype,
                                                                              pd.IntervalDtype)):
            return None
        cells = values.tolist()
        bad = np.fromiter((not isinstance(v, _XLSX_CELLS) or isinstance(v, complex) for v in cells),
                          dtype=bool, count=len(cells)) & given
    if not bad.any():
        return None
    pos = int(bad.argmax())
    value = cells[pos]
    shown_value = repr(value)
    if len(shown_value) > 60:
        shown_value = shown_value[:57] + "..."
    return pos, (f"a cell holds {_cell_kind(value)} ({shown_value}), which {where} cannot store "
                 f"({_HOLDS[out_kind]}); {fix}")


def _stata_problem(values: pd.Series) -> tuple[int, str] | None:
    """The first cell of a column that Stata cannot hold exactly: (position, why), or None."""
    dtype = values.dtype
    arrow_tz = (isinstance(dtype, pd.ArrowDtype) and pa.types.is_timestamp(dtype.pyarrow_dtype)
                and dtype.pyarrow_dtype.tz is not None)  # pandas' words and no row before
    if isinstance(dtype, pd.DatetimeTZDtype) or arrow_tz:
        given = values.notna().to_numpy(dtype=bool)
        if given.any():
            tz = dtype.pyarrow_dtype.tz if arrow_tz else dtype.tz
            return int(given.argmax()), (
                f"the column holds time-zone-aware times ({tz}), which a Stata .dta "
                "file cannot store; convert them (Series.dt.tz_convert(None) for UTC, or to "
                "text), or write .csv or .parquet")
    elif dtype.kind in "iu":
        big = _big_integers(values, STATA_EXACT_INT)
        if big is not None and big.any():
            pos = int(big.argmax())
            return pos, (f"the column holds the integer {int(values.iloc[pos])}, beyond the "
                         f"+/-2**53 that a Stata .dta file holds exactly (Stata stores it as "
                         "a double, which changes it); write .csv or .parquet, or store it "
                         "as text")
    elif dtype.kind == "f":
        numbers = values.to_numpy(dtype=float, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            big = np.isfinite(numbers) & (np.abs(numbers) > STATA_DOUBLE_MAX)
        if big.any():  # pandas' words and no row (positive); a value Stata lacks (negative)
            pos = int(big.argmax())
            return pos, (f"a cell holds the number {numbers[pos]:g}, beyond the "
                         f"+/-{STATA_DOUBLE_MAX:.4g} that a Stata .dta file can store; write "
                         ".csv or .parquet")
    elif dtype.kind in "OSU" or isinstance(dtype, (pd.StringDtype, pd.ArrowDtype)):
        nul = values.map(lambda v: isinstance(v, str) and "\x00" in v).to_numpy(dtype=bool)
        if nul.any():
            return int(nul.argmax()), (
                "a cell holds a NUL character (\\x00), which a Stata .dta file cannot store "
                "(Stata ends the text there and drops the rest); write .csv or .parquet, or "
                "remove the character")
        if dtype == object:  # pandas' str columns cannot hold a lone surrogate
            error = _surrogate_error(values.to_frame(), None)
            if error is not None:
                return error.row - 2, error.reason
    return None


def _stata_plain(values: pd.Series) -> pd.Series:
    """A categorical column whose categories are not all text, or an Arrow text column, as its plain values.

    Stata labels the codes of a categorical column with its categories as text: pandas
    wrote categories ``1.5, 2.5`` as the labels ``'1.5'``, ``'2.5'`` (the numbers were read
    back as text) with a warning of its own that named no file, and categories whose texts
    coincide (``'1'`` and ``1``) as a file whose labels are not unique, which the reader
    then refused. Such a column is written as its values (numbers stay numbers; a mix of
    types is refused by :func:`check_stata`, naming its row).

    An Arrow text column (:class:`pandas.ArrowDtype` ``string`` or ``large_string``, or
    a dictionary of them: ``pd.read_parquet(..., dtype_backend="pyarrow")``) is written
    as pandas' text (``"string"``), an Arrow dictionary of numbers as its numbers: they
    were refused as a type a Stata file cannot store, with the advice to convert them
    (``the column holds string[pyarrow] values, ...``), text already. Other columns:
    unchanged.
    """
    if isinstance(values.dtype, pd.ArrowDtype):
        arrow = values.dtype.pyarrow_dtype
        if pa.types.is_dictionary(arrow):  # its values, in their own Arrow type
            arrow = arrow.value_type
            values = values.astype(pd.ArrowDtype(arrow))
        if pa.types.is_string(arrow) or pa.types.is_large_string(arrow):
            return values.astype("string")
        return values
    if not isinstance(values.dtype, pd.CategoricalDtype):
        return values
    categories = values.cat.categories
    if all(isinstance(c, str) for c in categories):
        return values
    cells = values.astype(object).where(values.notna(), None).tolist()
    return pd.Series(pd.array(cells), index=values.index, name=values.name)


def _stata_unchanged(frame: pd.DataFrame, path) -> None:
    """Refuse what pandas would write with only a warning (a safety net after :func:`check_stata`).

    pandas warns (``InvalidColumnName``) when it renames a column that is not a Stata
    variable name, and (``PossiblePrecisionLoss``) when it stores a 64-bit integer of
    magnitude 2**53 or more as a double. Both are checked here, on the frame about to be
    written: these warnings were made errors with :func:`warnings.catch_warnings`, which
    changes the filters of the whole process and is not thread-safe (a thread writing at
    the same time could leave the ``error`` filter installed, or lose its own filters).
    """
    renamed = _stata_names(frame.columns)
    if renamed:
        old, new = next(iter(renamed.items()))
        raise DataFormatError(f"cannot write as Stata .dta: the column name {str(old)!r} is not a "
                              f"Stata variable name (pandas would write {new!r})", path=path,
                              column=_shown_name(old))
    for j, col in enumerate(frame.columns):
        big = _big_integers(frame.iloc[:, j], STATA_EXACT_INT)
        if big is not None and big.any():
            pos = int(big.argmax())
            raise DataFormatError(f"cannot write as Stata .dta: the integer {int(frame.iloc[pos, j])} "
                                  "would be stored as a double, which changes it", path=path,
                                  row=pos + 2, column=str(col))


def _stata_widened(values: pd.Series) -> pd.Series:
    """``values`` in a wider type when pandas would write them as Stata's missing values.

    pandas checks the range of 64-bit integers (beyond Stata's ``long`` they become
    doubles, exactly below 2**53) and of positive 32-bit floats, but writes a 32-bit
    integer column (``int32``, ``uint32``, ``Int32``: a Parquet ``int32`` input column)
    as a ``long`` unchecked, and a 32-bit float column below ``-1.7e38`` as a ``float``:
    ``2147483647`` and ``-3.3e38`` were read back as missing, silently. Such columns are
    widened to 64 bits (integers) or doubles (floats), which pandas then writes exactly.
    """
    dtype = values.dtype
    if dtype.kind not in "iuf" or getattr(dtype, "itemsize", 8) != 4 or not values.notna().any():
        return values
    nullable = isinstance(dtype, pd.api.extensions.ExtensionDtype)
    if dtype.kind == "f":
        numbers = values.to_numpy(dtype=float, na_value=np.nan)
        if np.nanmax(np.abs(numbers)) > _STATA_FLOAT_MAX:
            return values.astype("Float64" if nullable else "float64")
        return values
    low, high = _STATA_LONG
    if int(values.min()) < low or int(values.max()) > high:
        return values.astype("Int64" if nullable else "int64")
    return values


def check_stata(frame: pd.DataFrame, path) -> None:
    """Refuse a frame whose values a Stata ``.dta`` file cannot hold, before anything is written.

    What :func:`write_stata` checks first; callers can run it before the work that
    computes the frame.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the first such cell's row (the header is row 1) and column: an integer of
        magnitude :data:`STATA_EXACT_INT` or more, a time-zone-aware datetime, a number
        beyond Stata's range (:data:`STATA_DOUBLE_MAX`), a text holding a NUL character
        or a lone surrogate; or a frame without columns, with a column name given
        twice (naming it; pandas failed with ``IndexError``, ``AttributeError``), with
        columns of several levels (a MultiIndex: they were said renamed, then refused), or
        with a column without a name (None, NaN or blank text: :func:`_unnamed_column`, as
        the other writers refuse it; it was written as the variable ``_0nan`` or ``_``).

    Examples
    --------
    >>> check_stata(pd.DataFrame({"task": ["Weld.", "Answer calls\\x00 and relay messages."]}), "o.dta")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: o.dta, row 3, column 'task': a cell holds a NUL character (\\x00), which a Stata .dta file cannot store (Stata ends the text there and drops the rest); write .csv or .parquet, or remove the character
    """
    frame = index_as_columns(frame, path, "a Stata .dta file")  # written as columns: checked as such
    _no_columns(frame, path, "a Stata .dta file")
    _one_header_row(frame, path, "a Stata .dta file")
    _unnamed_column(frame, path, "a Stata .dta file")  # was written as the variable _0nan or _
    _duplicate_name(frame, path, "a Stata .dta file", stripped=False)  # " a" is written as _a
    frame = _dense(frame)
    for j, col in enumerate(frame.columns):
        values = _stata_plain(frame.iloc[:, j])
        problem = _stata_problem(values) or _cell_problem(values, "dta")
        if problem is not None:
            raise DataFormatError(problem[1], path=path, row=None if problem[0] is None else problem[0] + 2,
                                  column=str(col))


def _warn_sub_ms(frame: pd.DataFrame, path) -> None:
    """Warn of datetimes finer than a millisecond, which a Stata file cuts (as :func:`check_xlsx` does).

    Stata's datetimes (``%tc``) count milliseconds: ``00:00:00.123456`` was read back as
    ``00:00:00.123`` without a word.
    """
    finer = []
    for j, col in enumerate(frame.columns):
        values = frame.iloc[:, j]
        if values.dtype.kind != "M":
            continue
        sub_ms = _sub_ms_cells(values)
        if sub_ms is not None and sub_ms.any():
            pos = int(sub_ms.argmax())
            finer.append((pos + 2, str(col), int(sub_ms.sum()), values.iloc[pos]))
    if finer:
        row, col, _, value = finer[0]
        log.warning("%s: %d cells hold times finer than a millisecond (first: row %d, column %r: %s), "
                    "which a Stata .dta file does not keep: they are written cut to the millisecond; "
                    "write .csv or .parquet to keep them", shown_path(path), sum(f[2] for f in finer), row, col,
                    value)


def write_stata(frame: pd.DataFrame, path) -> Path:
    """Write ``frame`` as a Stata ``.dta`` file (format 118) atomically.

    A named index is written as its column(s), an unnamed one is left out
    (:func:`index_as_columns`), as by the other writers.

    Values that Stata cannot hold are refused, naming their row and column
    (:func:`check_stata`, before anything is written): integers of magnitude 2**53 or
    more (Stata has no 64-bit integer; pandas stored them as doubles, ``2**63 - 1`` read
    back as ``2**63``), time-zone-aware datetimes, infinities and numbers beyond
    Stata's range (+/-8.988e307), text holding a NUL character (Stata ends a text there:
    ``'Answer telephones\\x00 and relay messages.'`` was read back as ``'Answer
    telephones'``, silently) or a lone surrogate.
    Datetimes finer than a millisecond are written cut to the millisecond (Stata's
    ``%tc``), with a warning naming the first such cell (they were cut without a word).
    Integers beyond Stata's ``long`` but below 2**53 are stored as doubles, exactly,
    32-bit ones included (:func:`_stata_widened`: ``2147483647`` of an ``int32`` column
    was read back as missing), and so are 32-bit floats beyond Stata's ``float``.
    Column names that are not Stata variable names (a space or a character other than
    letters, digits and ``_``, more than 32 characters, a reserved word, a leading digit)
    are renamed as pandas renames them (``O*NET-SOC Code`` becomes ``O_NET_SOC_Code``),
    deliberately: the original name is kept as the variable's label (its first 80
    characters) and a warning lists the renamed columns. A column without a name (None,
    NaN or blank text) is refused, as by the other writers (it was written as the
    variable ``_0nan`` or ``_``, a name nobody gave it).

    Raises
    ------
    exposure.errors.DataFormatError
        A frame Stata cannot hold (pandas' reason is given); a ``frame`` that is not a
        DataFrame (a Series, an array: :func:`_refuse_not_frame`).
    exposure.errors.OutputError
        The file cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.dta"
    >>> _ = write_stata(pd.DataFrame({"task": ["Weld."], "beta": [0.5]}), p)
    >>> pd.read_stata(p).to_dict("list")
    {'task': ['Weld.'], 'beta': [0.5]}
    >>> write_stata(pd.DataFrame({"id": [2**63 - 1]}), p)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: ...t.dta, row 2, column 'id': the column holds the integer 9223372036854775807, beyond ...
    """
    # a named index: its column(s); a sparse column: its values
    frame = _dense(index_as_columns(frame, path, "a Stata .dta file").reset_index(drop=True))
    check_stata(frame, path)  # before any writing
    _warn_sub_ms(frame, path)
    for col in frame.columns:
        frame[col] = _stata_plain(frame[col])
        if isinstance(frame[col].dtype, pd.BooleanDtype) or frame[col].dtype == bool:
            frame[col] = frame[col].astype("Int8")
        else:
            frame[col] = _stata_widened(frame[col])
    # Stata has no missing string: text columns (also all-missing object ones, which pandas
    # cannot type) are written as strings, a missing cell as "". A number column missing on
    # every row stays a number column of missing values (it was written as text: the
    # `confidence` of rubric scores, the `similarity` of O*NET tasks given with their ids).
    text = [c for c in frame.columns
            if pd.api.types.is_string_dtype(frame[c])
            or (frame[c].dtype == object and frame[c].isna().all())]
    if text:
        frame = frame.copy()
        for c in text:
            frame[c] = frame[c].astype(object).where(frame[c].notna(), "").astype(str)
    renamed = _stata_names(frame.columns)
    labels = None
    if renamed:
        frame = frame.rename(columns=renamed)
        labels = {new: str(old)[:_STATA_LABEL] for old, new in renamed.items()}
        log.warning("%s: %d column name(s) are not Stata variable names and were renamed (the "
                    "original name is the variable label): %s", shown_path(path), len(renamed),
                    "; ".join(f"{old!r} -> {new!r}" for old, new in renamed.items()))
    # what pandas would change with only a warning is refused (checked by check_stata: this
    # is the safety net), checked directly: no warning filter of the process is touched
    _stata_unchanged(frame, path)
    with _writing(path) as tmp, open(tmp, "wb") as fh:
        try:
            frame.to_stata(fh, write_index=False, version=118, variable_labels=labels)
        except (ValueError, TypeError, NotImplementedError) as exc:
            reason = " ".join(str(exc).split())
            raise DataFormatError(f"cannot write as Stata .dta: {reason}", path=path) from None
    return Path(path)


def read_pinned(path, pins: dict, what: str) -> tuple[bytes, str]:
    """Bytes and sha256 of a shipped artifact, verified against its pinned digest.

    Parameters
    ----------
    path : str or os.PathLike
        The artifact.
    pins : dict of str to str
        File name -> pinned sha256 (a model registry).
    what : str
        What the file is, for the messages (``"retrieval index"``).

    Returns
    -------
    (bytes, str)

    Raises
    ------
    exposure.errors.ChecksumMismatchError
        The file's sha256 differs from the pinned one, naming the ``registry.txt`` beside
        it when that pins it (:func:`_mismatch`).
    exposure.errors.DataFormatError
        The file is missing: ``PATH: retrieval index not found``, as a missing input file
        is named (it was a bare ``ExposureError``, ``retrieval index not found: PATH``).
        The file is not pinned, naming it and how to pin it (:func:`_unpinned_advice`; it
        was a bare ``ExposureError``, ``artifact 'a.npz' is not listed in the model
        registry``, naming no folder and giving no advice); within :func:`pinned_option`, in
        the command's words (:meth:`PinnedOption.unpinned`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.npz"
    >>> _ = p.write_bytes(b"x")
    >>> read_pinned(p, {}, "artifact")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: .../a.npz: artifact 'a.npz' is not listed in the model registry, ...
    """
    path = Path(path)
    if not path.is_file():  # a bare ExposureError "... not found: PATH" was neither of the file errors
        raise DataFormatError(f"{what} not found", path=path)
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if path.name not in pins:
        option = PINNED_ARGUMENT.get()
        if isinstance(option, PinnedOption):  # a command's option: its words, the registry beside it
            raise DataFormatError(option.unpinned(path, digest, what, empty=not pins), path=path)
        raise DataFormatError(f"{what} {path.name!r} is not listed in the model registry, "
                              f"{_unpinned_advice(path, digest, what, empty=not pins)}", path=path)
    if pins[path.name] != digest:
        raise _mismatch(path, pins[path.name], digest, what)
    return data, digest


def _pinned_beside(path: Path, digest: str) -> Path | None:
    """The ``registry.txt`` beside ``path`` when it pins ``path``'s name with ``digest``, else None.

    ``exposure train --out models/m.npz`` pins the model it writes there, not in the
    registry read by default.
    """
    beside = path.parent / REGISTRY_NAME
    try:
        lines = beside.read_text(encoding="utf-8-sig").splitlines() if beside.is_file() else []
    except (OSError, UnicodeDecodeError):
        return None
    # as read_registry reads a line: 'name sha256', the digest in either case
    pinned = any([part.lower() if i else part for i, part in enumerate(line.split("#", 1)[0].split())]
                 == [path.name, digest] for line in lines)
    return beside if pinned else None


def pinnable_name(name: str) -> str:
    """``name`` as a registry line ``name sha256`` can hold it: each run of spaces and ``#`` one ``_``.

    Examples
    --------
    >>> pinnable_name("my model.npz"), pinnable_name("m#1.npz"), pinnable_name("m.npz")
    ('my_model.npz', 'm_1.npz', 'm.npz')
    """
    return re.sub(r"[\s#]+", "_", name.strip()) or "model.npz"


#: File name of a model registry: the package's own (in ``exposure/data/models``), and the one
#: ``exposure train --out`` writes beside the model it trains, where :func:`_pinned_beside` and
#: ``exposure score --model`` (:class:`PinnedOption`) look for it.
REGISTRY_NAME = "registry.txt"


#: How the caller of a loader of pinned files takes the artifact, for the advice on a file
#: the registry does not pin (:func:`pinned_argument`): None for a loaded model passed on
#: (``score_tasks(model=...)``), a command's option (:class:`PinnedOption`, :func:`pinned_option`),
#: else (the path's argument, the registry's argument or None, the caller's call or None).
PINNED_ARGUMENT: "contextvars.ContextVar[tuple[str, str | None, str | None] | PinnedOption | None]" = \
    contextvars.ContextVar("pinned_argument", default=None)


@dataclasses.dataclass(frozen=True)
class PinnedOption:
    """A command's option taking a model's path (``exposure score --model``), for the advice on its pinned files.

    The command verifies the model, and the retrieval index and word vectors beside it,
    against the :data:`REGISTRY_NAME` beside it (``registry``), where ``exposure train
    --out`` pins what it writes, else against the package's own (``registry`` None). The
    advice on a file that registry does not pin, or pins with another sha256, is said in
    the command's words (:meth:`unpinned`, :meth:`mismatch`): the library's, ``load it with
    that registry (load_model(path, registry=...))``, is Python, and its ``reinstall the
    package`` restores no model of one's own. One rule, for the model and for each file
    beside it (a retrieval index the registry beside the model does not pin was told
    ``load_model(the model beside it, registry=...)``).

    Parameters
    ----------
    option : str
        The option (``"--model"``), which the messages start with.
    registry : str or os.PathLike or None
        The registry the command verifies against: the one beside the model, or None (the
        package's own).
    """

    option: str
    registry: str | os.PathLike | None = None

    def _line(self, path: Path, digest: str) -> str:
        """The registry line that pins ``path``, with a new name for a name a line cannot hold."""
        name = pinnable_name(path.name)
        line = f"'{name} {digest}'"
        if name != path.name:
            line += f" (renaming it {name}: a registry line cannot hold a name with a space or '#')"
        return line

    def unpinned(self, path: Path, digest: str, what: str, *, empty: bool = False) -> str:
        """What to do with ``path`` (sha256 ``digest``, a file of kind ``what``), which the registry does not pin.

        Examples
        --------
        >>> PinnedOption("--model", "m/registry.txt").unpinned(Path("m/m2.npz"), "ab", "model artifact")
        "--model: the registry.txt beside it does not pin it (a registry pins each file by its name and sha256: renamed since exposure train wrote it?): add the line 'm2.npz ab' to m/registry.txt"
        >>> PinnedOption("--model", "m/registry.txt").unpinned(Path("m/retrieval-v1.npz"), "ab", "retrieval index")
        "--model: the registry.txt beside it does not pin this retrieval index, which the model's metadata names: add the line 'retrieval-v1.npz ab' to m/registry.txt, as exposure train --out pins the files it writes beside the model"
        """
        line, model = self._line(path, digest), what.startswith("model")
        if self.registry is None:
            this = "it" if model else f"{_this(what)}, which the model's metadata names"
            also = "" if model else ", with the model's line"
            return (f"{self.option}: no {REGISTRY_NAME} beside it pins {this}, as exposure train --out writes one "
                    f"beside the model it trains (with its word vectors and retrieval index): copy the model "
                    f"with the files beside it, or pin it in {path.parent / REGISTRY_NAME} with the line "
                    f"{line}{also}")
        if empty:  # "renamed since exposure train wrote it?" of a registry of no line
            return (f"{self.option}: the {REGISTRY_NAME} beside it pins no file (it is empty, or holds only "
                    f"comments): add the line {line} to {self.registry}, with the lines of the files beside it")
        if model:
            return (f"{self.option}: the {REGISTRY_NAME} beside it does not pin it (a registry pins each file by "
                    f"its name and sha256: renamed since exposure train wrote it?): add the line {line} to "
                    f"{self.registry}")
        return (f"{self.option}: the {REGISTRY_NAME} beside it does not pin {_this(what)}, which the model's "
                f"metadata names: add the line {line} to {self.registry}, as exposure train --out pins the files "
                "it writes beside the model")

    def mismatch(self, path: Path, expected: str, digest: str) -> str:
        """What to do with ``path``, whose sha256 ``digest`` is not the ``expected`` one the registry pins.

        Examples
        --------
        >>> print(PinnedOption("--model").mismatch(Path("m/learned-v1.npz"), "ab", "cd"))
        --model: sha256 mismatch for learned-v1.npz (read from m/learned-v1.npz): expected ab, got cd: the package's registry pins its own learned-v1.npz under this name, not this file: pin it as it is with the line 'learned-v1.npz cd' in a registry.txt beside it (m/registry.txt), with the lines of the files beside it
        """
        line = f"'{path.name} {digest}'"
        if self.registry is not None:  # a model of one's own, or a file beside it, edited since train pinned it
            why = (f"{self.registry} pins another file under its name (damaged, or edited since it was pinned): "
                   f"train the model again (exposure train --labels FILE --out PATH), or, if the file was "
                   f"changed on purpose, pin it as it is with the line {line} in {self.registry}")
        else:  # no registry beside it: a file under the name of one the package pins
            why = (f"the package's registry pins its own {path.name} under this name, not this file: pin it as "
                   f"it is with the line {line} in a {REGISTRY_NAME} beside it ({path.parent / REGISTRY_NAME}), "
                   "with the lines of the files beside it")
        return (f"{self.option}: sha256 mismatch for {path.name} (read from {path}): expected {expected}, got "
                f"{digest}: {why}")


@contextlib.contextmanager
def pinned_option(option: str, registry=None):
    """Within the block, advise on an unpinned or edited artifact in the words of a command's ``option``.

    For ``exposure score --model``, which verifies the model against the registry beside it
    (``registry``, or None for the package's own): :class:`PinnedOption`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "m.npz"
    >>> _ = p.write_bytes(b"x")
    >>> with pinned_option("--model", p.parent / "registry.txt"):
    ...     read_pinned(p, {"other.npz": "0" * 64}, "model artifact")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: .../m.npz: --model: the registry.txt beside it does not pin it (...): add the line 'm.npz 2d71...' to .../registry.txt
    """
    token = PINNED_ARGUMENT.set(PinnedOption(option, registry))
    try:
        yield
    finally:
        PINNED_ARGUMENT.reset(token)


@contextlib.contextmanager
def pinned_argument(argument: str, registry: str | None = None, *, call: str | None = None):
    """Within the block, advise on an unpinned artifact as a caller taking its path as ``argument`` does.

    The advice on an artifact that the registry does not pin, or pins with another sha256
    (:func:`read_pinned`), says to load it with the registry that pins it, "then pass the
    model": right for ``score_tasks(model=...)``, which takes a loaded model, not for a
    caller that takes the artifact's path (``exposure.dask.score(..., model_path=...)``,
    :mod:`exposure.spark`) and loads it itself. Such a caller loads within this block, and
    the advice names its arguments.

    Parameters
    ----------
    argument : str
        The caller's argument taking the artifact's path (``"model_path"``).
    registry : str, optional
        The caller's argument taking the registry that pins it, if it has one: the advice
        is then to pass both. Without it, the advice says that ``argument`` is verified
        against the package's registry only, and to load the model with the registry that
        pins it and pass it to :func:`exposure.score_tasks`.
    call : str, optional
        The caller, as the advice names it (``"exposure.dask.score"``): the advice with a
        ``registry`` argument is then the call,
        ``exposure.dask.score(..., model_path=..., registry=...)``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "m.npz"
    >>> _ = p.write_bytes(b"x")
    >>> with pinned_argument("model_path"):
    ...     read_pinned(p, {}, "model artifact")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: ...model_path= is verified against the package's own registry and takes no other)
    """
    token = PINNED_ARGUMENT.set((argument, registry, call))
    try:
        yield
    finally:
        PINNED_ARGUMENT.reset(token)


def _load_advice(what: str, registry: str | None = None, path=None) -> str:
    """How to load a pinned file of kind ``what`` with the registry ``registry`` (a repr; None: any).

    As the caller takes the file (:data:`PINNED_ARGUMENT`): a model to pass on (the
    loader's call, and "then pass the model" for a named registry), the path and the
    registry as its two arguments (in its call, when named), or the path alone (verified
    against the package's registry: the loader's call, and the model passed to
    ``score_tasks``).
    """
    given = PINNED_ARGUMENT.get()
    shown = "..." if registry is None else registry
    if given is None:
        return _loader(what, shown) + ("" if registry is None else ", then pass the model")
    argument, registry_argument, call = given
    own = what.startswith(("model", "transformer"))  # an index or vectors: the model beside them
    where = repr(str(path)) if own and path is not None else "path" if own else "..."
    if registry_argument is not None:
        arguments = f"{argument}={where}, {registry_argument}={shown}"
        return arguments if call is None else f"{call}(..., {arguments})"
    return (f"{_loader(what, shown)}, then pass the model to exposure.score_tasks(..., model=model): "
            f"{argument}= is verified against the package's own registry and takes no other")


def _loader(what: str, registry: str = "...") -> str:
    """The call that loads a pinned file of kind ``what`` with the registry ``registry``.

    The retrieval index and the word vectors are loaded by the model beside them, with its
    registry.
    """
    if what.startswith("transformer"):
        return f"load_transformer(path, registry={registry})"
    return f"load_model({'path' if what.startswith('model') else 'the model beside it'}, registry={registry})"


def _unpinned_advice(path: Path, digest: str, what: str, *, empty: bool = False) -> str:
    """How to load ``path`` (sha256 ``digest``), a file the registry given does not pin.

    A registry pins each file by its name and sha256. A model trained by ``exposure
    train`` is pinned in the ``registry.txt`` written beside it, which is not the
    shipped registry read by default (``score_tasks(model="models/m.npz")``): that
    registry is named when it pins the file (:func:`_pinned_beside`). Else the line that
    would pin it is given (with a new name for a name a registry line cannot hold: a space
    or ``#``). A registry that pins no file (``empty``: blank, or only comments) is said to
    be one: it was "not listed" as if the registry pinned other files.
    """
    which = ("which pins no file (it is empty, or holds only comments: a line 'filename sha256' pins one)"
             if empty else "which pins each file by its name and sha256")
    beside = _pinned_beside(path, digest)
    if beside is not None:
        return (f"{which}; {beside} beside it pins it: load "
                f"it with that registry ({_load_advice(what, repr(str(beside)), path)})")
    name, rename = pinnable_name(path.name), ""
    if name != path.name:  # a registry line cannot hold it: read_registry splits there
        rename = f"rename it {name} (a registry line cannot hold a name with a space or '#'), "
    return (f"{which}; to load a file of your own, "
            f"{rename}write a registry file holding the line '{name} {digest}' (as exposure "
            f"train writes registry.txt beside the model it trains) and load it with that "
            f"registry ({_load_advice(what, path=path)})")


def _mismatch(path: Path, expected: str, digest: str, what: str) -> ChecksumMismatchError:
    """The error of a pinned file ``path`` whose sha256 ``digest`` is not the ``expected`` one.

    Said as a download's mismatch, it ended ``nothing was written to the cache`` (no
    cache is written when a model is loaded) and gave no advice: a model retrained under
    the shipped model's name (``exposure train --out models/learned-v1.npz``, the default
    name) and given by its path was refused so, though the ``registry.txt`` beside it pins
    it. That registry is named now; else the file is said not to be the one pinned. Within
    :func:`pinned_option`, in the command's words (:meth:`PinnedOption.mismatch`).
    """
    exc = ChecksumMismatchError(path.name, expected, digest, path=path)
    said = f"sha256 mismatch for {path.name} (read from {path}): expected {expected}, got {digest}"
    option = PINNED_ARGUMENT.get()
    beside = None if isinstance(option, PinnedOption) else _pinned_beside(path, digest)
    if isinstance(option, PinnedOption):  # a command's option: its words, the registry beside it
        exc.args = (option.mismatch(path, expected, digest),)
    elif beside is not None:
        exc.args = (f"{said}: the registry given pins another {what} of this name; {beside} beside "
                    f"it pins this one: load it with that registry "
                    f"({_load_advice(what, repr(str(beside)), path)})",)
    else:
        exc.args = (f"{said}: the file is not the {what} the registry pins under its name (damaged, "
                    "edited, or another file given its name); restore it (the package's own files: "
                    f"reinstall the package), or load it with a registry that pins it "
                    f"({_load_advice(what, path=path)})",)
    return exc


def _this(what: str) -> str:
    """``what`` after ``this``: ``this retrieval index``, but ``these static word vectors`` (a plural).

    Examples
    --------
    >>> _this("retrieval index"), _this("static word vectors")
    ('this retrieval index', 'these static word vectors')
    """
    return f"these {what}" if what.endswith("vectors") else f"this {what}"


def _a(what: str) -> str:
    """``what`` with its article: ``a retrieval index``, but ``static word vectors`` (a plural).

    Examples
    --------
    >>> _a("model artifact"), _a("static word vectors")
    ('a model artifact', 'static word vectors')
    """
    return what if what.endswith("vectors") else f"a {what}"


#: Held while :func:`load_pinned` builds an object and stores it in its cache (an RLock:
#: a ``build`` may load another pinned file).
_PINNED_LOCK = threading.RLock()


def load_pinned(path, pins: dict, what: str, build, cache: dict):
    """``build(*read_arrays(data))`` of a pinned artifact: verified every call, built once.

    The file is checked against ``pins`` by :func:`read_pinned` on every call; the object
    built from it is kept in ``cache`` (a dict owned by the caller, one entry, keyed by the
    path and the sha256), so a file whose bytes change is built again. Threads loading at
    once get the one object that the first of them built; a file that cannot be built
    leaves the cached object in place.

    Parameters
    ----------
    path : str or os.PathLike
    pins : dict of str to str
        File name -> pinned sha256 (a model registry).
    what : str
        What the file is, for the messages (``"retrieval index"``).
    build : callable
        ``build(arrays, metadata)`` -> the object (e.g. a ``from_arrays`` class method).
    cache : dict
        The caller's one-entry cache.

    Raises
    ------
    exposure.errors.ChecksumMismatchError
        As :func:`read_pinned`.
    exposure.errors.DataFormatError
        The file is missing or not pinned (:func:`read_pinned`). A pinned file that is not a zip of
        ``.npy`` arrays and ``metadata.json``, or lacks an array or key ``build`` reads, or
        whose arrays ``build`` refuses (an :class:`~exposure.errors.ExposureError` of no
        file, given the file's name).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.npz"
    >>> _ = write_arrays({"x": np.arange(3)}, {"name": "a"}, p)
    >>> pins = {"a.npz": hashlib.sha256(p.read_bytes()).hexdigest()}
    >>> cache = {}
    >>> first = load_pinned(p, pins, "artifact", lambda arrays, meta: arrays["x"].tolist(), cache)
    >>> first, load_pinned(p, pins, "artifact", None, cache) is first  # built once
    ([0, 1, 2], True)
    """
    path = Path(path)
    data, digest = read_pinned(path, pins, what)
    key = (str(path), digest)
    # one thread builds, the others wait for its object: threads loading a model at once
    # (a web service's first requests) each built their own copy, and the entry could be
    # cleared by another path's load between being stored and being returned
    with _PINNED_LOCK:
        if key in cache:
            return cache[key]
        try:  # pinned, yet not such a zip (a damaged copy pinned by hand): BadZipFile, KeyError
            arrays, meta = read_arrays(data)
        except DataFormatError as exc:  # metadata that is no object: one check for every artifact
            raise DataFormatError(f"not {_a(what)}: {exc.reason}", path=path) from None
        except (zipfile.BadZipFile, KeyError, ValueError, EOFError) as exc:
            raise DataFormatError(f"not {_a(what)} (a zip of .npy arrays and metadata.json, as the "
                                  f"library writes it): {type(exc).__name__}: {exc}", path=path) from None
        try:
            built = build(arrays, meta)
        except KeyError as exc:  # an array or metadata key missing: KeyError 'coef/onet'
            raise DataFormatError(f"not {_a(what)}: it lacks {exc.args[0]!r}", path=path) from None
        except ExposureError as exc:  # what build refuses (a damaged array), named with the file
            if getattr(exc, "path", None) is not None:
                raise
            raise DataFormatError(str(exc), path=path) from None
        cache.clear()  # only once built: a file that fails leaves the last object cached
        cache[key] = built
        return built
