"""Fetch registry files into the local cache, verified by sha256.

This is the only module of :mod:`exposure` that touches the network or a data mirror.
:func:`fetch` returns the local path of a registry file (see :mod:`exposure.sources`) after
checking its sha256:

1. **Cache.** Files live at ``<data_dir>/<name>``. ``data_dir`` is the ``data_dir``
   argument (or a :class:`DataStore`'s ``cache``), else ``$EXPOSURE_DATA_DIR``, else the
   platform's user cache directory (:func:`platformdirs.user_cache_dir`, e.g.
   ``~/.cache/exposure``); never the current directory or the source checkout. A cached
   file is hashed again at every use (an edit in place that keeps size and modification
   time is caught); a cached file with the wrong hash is deleted and fetched again. The
   stamps under ``<data_dir>/.verified/`` only let ``exposure sources`` list the cache
   without hashing; ``exposure sources --rehash`` hashes and removes a bad file.
2. **Mirror.** When ``mirror`` (or ``$EXPOSURE_MIRROR``) names a directory laid out like
   ``../shared/data``, the file is read from there instead of the network: it is hashed
   while being copied to a temporary file in the cache, and renamed into place only when
   the hash matches (a mismatch says when the file is the pinned one with its line ends
   converted, CRLF to LF or back). Downstream code therefore always reads one place, the
   cache. A file missing from the mirror is an error (no silent fall-back to the network).
   The mirror is read-only to the library: when the cache is the mirror (or inside it),
   files are hashed and read in place, and nothing is written, renamed or deleted there; a
   mirror file with the wrong hash is an error, never removed. A directory that holds a
   mirror's ``MANIFEST.tsv`` (:data:`MIRROR_MANIFEST`, first line
   ``path<TAB>bytes<TAB>sha256``, in any case, names quoted or not, in UTF-8 or in the
   UTF-16 or UTF-32 its byte-order mark names), or lies inside one, is a mirror
   whether or not it was named as one: used as the cache (``--data-dir``, ``exposure
   sources``), it is read in place the same way. A file missing from the mirror is named
   with the place it was expected, and with what the mirror holds instead where it holds
   it elsewhere (at its top, in another case, in the other O*NET format, in the archive's
   folder, or when the mirror named is a release directory of one).
3. **Network.** Otherwise the file (or the upstream archive that holds it) is downloaded
   with :mod:`requests`: a User-Agent naming the project (BLS refuses anonymous robots),
   connect/read timeouts (the read timeout is one of each read: a server that stalls is
   said with the bytes it sent), retries with exponential backoff on connection errors, timeouts,
   truncated bodies and HTTP 429/5xx. The body goes to a temporary file; an empty body,
   a body shorter than its Content-Length (or, for a file no sha256 pins, longer: the bytes
   past the end, :func:`_past_declared`), or an HTML page (``text/html`` content type or
   a body starting with ``<!DOCTYPE html``/``<html``) where data was expected are
   :class:`~exposure.errors.DownloadError`; so are a download that outlives its overall
   deadline (:data:`DEADLINE`, retries included: a server trickling bytes cannot keep it
   alive), a body longer than the pinned size plus :data:`SIZE_MARGIN` (an archive: longer
   than :data:`ARCHIVE_MAX_BYTES`; reading stops there), and a ``Content-Encoding`` the
   client did not ask for (it sends ``Accept-Encoding: identity`` and never decodes). Archives (O*NET zips, BLS
   ``oesmYYnat.zip``) are kept under ``<data_dir>/.archives/``; their hash is not pinned,
   the extracted member is. Zip members are extracted only inside the target directory,
   and only regular files (a symbolic-link member is refused before anything is written).
   The publisher's download put by hand in the cache directory (the zip,
   ``<data_dir>/db_31_0_text.zip``, or its folder unzipped, ``<data_dir>/db_31_0_text/``)
   is read instead of the network (and instead of a mirror that lacks the file), verified
   or validated and pinned as a download is; a failed download names where it was looked for.
   A release is never read from the user's copy mixed with other bytes: a new file the
   folder lacks is not downloaded alone (:class:`~exposure.errors.DownloadError` naming the
   folder: copy the file into it, put the zip itself beside it, or remove the folder to
   download the whole release); the folder and the zip both holding a file with other
   bytes are refused, naming both; a pinned file is checked at every use against every
   copy of it in the data directory (folder and zip) and, for a file the lock file pins,
   against the mirror's copy. With only O*NET's other format there (``db_31_0_excel/``),
   downloading the release asked is said once in a warning naming ``--onet-format``.
   The folder unzipped one level deeper (``db_31_0_text/db_31_0_text/``, as Windows'
   "Extract All" does) is read as the folder. A zip that is no zip (cut short, empty, a web
   page saved under its name) is refused for a new file, naming it (a pinned file is
   downloaded, and the zip said). A second download renamed by the browser
   (``db_31_0_text (1).zip``, ``Task Statements (1).txt``) is not read under that name; it
   is named when the release is downloaded or another copy is read instead.

A sha256 mismatch raises :class:`~exposure.errors.ChecksumMismatchError`, and in every
failure nothing is left in the cache: writes go to a partial file
``.<name>.p<pid>-<host>-<random>.tmp`` that is renamed into place only after verification. A
partial file left by a killed run (its process is gone) is removed by the next write of
the same file (:func:`remove_stale_partials`). A cache that cannot be written raises
:class:`CacheWriteError` naming the directory.

**Locations held once.** A :class:`DataStore` holds the mirror, the cache, the user data
directory (``$EXPOSURE_HOME``: recompute outputs and the lock file), the User-Agent
(``$EXPOSURE_USER_AGENT``; put a contact in it) and URL substitutions
(``$EXPOSURE_URL_MAP``); :func:`fetch` and the loaders take ``store=`` and still accept
``mirror=``/``data_dir=``, which override the store's directories.

**New releases.** A name that is not in the registry but follows a publisher's release
layout (``onet/31.0/Task Statements.txt``, ``oews/national_M2026_dl.xlsx``: see
:mod:`exposure.releases`) is pinned by the store's lock file when it has been fetched
before, and verified against it like a registry file; otherwise it is fetched without a
pin, and :func:`fetch_table` reads (validates) it and records its sha256 in the lock file.
Any name the lock file pins, also a custom source that :func:`fetch_table` pinned
(``demo/a.csv``), is fetched and verified by that name, from the URL the lock recorded.
Inside :func:`staged_pins` (``exposure recompute``: :func:`exposure.pipeline.run_pipeline`)
the pins are held and written only when the whole run succeeds; :func:`fetch_table` used
alone (``exposure fetch``) pins a new file as soon as it validates.
"""

from __future__ import annotations

import codecs
import contextlib
import contextvars
import difflib
import email.utils
import errno
import fnmatch
import hashlib
import io
import logging
import os
import re
import shlex
import shutil
import stat
import tempfile
import threading
import time
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import platformdirs

from exposure._args import _finite, as_real, check_count, check_positive, is_number, shown
from exposure._io import (
    _flush,
    _fsync_dir,
    _missing_dirs,
    _refuse_directory_path,
    _remove_dirs,
    _written_path,
    atomic_path,
    atomic_paths,
    file_url_path,
    is_url,
    link_target,
    lost_cwd,
    partial_stem,
    remove_stale_partials,
)
from exposure._outdir import OutputPathError, refuse_protected, refuse_spaces
from exposure._tables import variable_note
from exposure._version import __version__
from exposure.errors import (
    ChecksumMismatchError,
    DataFormatError,
    DownloadError,
    ExposureError,
    InputError,
    OutputError,
)
from exposure.releases import (
    _ARCHIVE_TOKEN,
    _FOLDER_GONE,
    _OEWS_LEVELS,
    _OEWS_OTHER,
    LOCK_NAME,
    OEWS_ARCHIVES,
    ONET_ARCHIVE,
    ONET_FILES,
    Lock,
    _entry_row,
    _file_above,
    _pinning,
    _refuse_link_to_missing_folder,
    _refuse_odd_sidecar,
    _token_release,
    check_onet_release,
    layout_source,
    pinned_by_lock,
    source_for,
)
from exposure.sources import SOURCES, Source, get_source, select_sources, sha256_digest

__all__ = [
    "select_fetchable",
    "refuse_spaces",
    "check_location",
    "check_store",
    "ENV_DATA_DIR",
    "ENV_HOME",
    "ENV_MIRROR",
    "ENV_URL_MAP",
    "ENV_USER_AGENT",
    "USER_AGENT",
    "DataStore",
    "resolve_store",
    "fetch",
    "fetch_table",
    "staged_pins",
    "StagedPins",
    "fetch_many",
    "download",
    "verify",
    "file_sha256",
    "default_data_dir",
    "resolve_data_dir",
    "resolve_mirror",
    "cache_path",
    "cache_status",
    "check_cache_dir",
    "extract_zip",
    "remove_stale_partials",
    "CacheWriteError",
    "MIRROR_MANIFEST",
    "ARCHIVE_MAX_BYTES",
    "mirror_holding",
]

log = logging.getLogger(__name__)

#: Environment variable naming the cache directory.
ENV_DATA_DIR = "EXPOSURE_DATA_DIR"
#: Environment variable naming a local mirror directory (laid out like ../shared/data).
ENV_MIRROR = "EXPOSURE_MIRROR"
#: Environment variable naming the user data directory (recompute outputs, lock file).
ENV_HOME = "EXPOSURE_HOME"
#: Environment variable with the User-Agent (put a contact in it: BLS asks for one).
ENV_USER_AGENT = "EXPOSURE_USER_AGENT"
#: Environment variable mapping publisher URL prefixes to others (``OLD=NEW`` pairs
#: separated by whitespace), e.g. a local copy of the publishers' sites.
ENV_URL_MAP = "EXPOSURE_URL_MAP"
#: User-Agent sent with every request; override with $EXPOSURE_USER_AGENT.
USER_AGENT = (
    f"ai-exposure/{__version__} (exposure research library; "
    "+https://pypi.org/project/ai-exposure/) python-requests"
)
#: (connect, read) timeouts in seconds.
TIMEOUT = (15.0, 120.0)
#: Retries after the first attempt.
RETRIES = 3
#: Base of the exponential backoff between attempts, in seconds (1, 2, 4, ...).
BACKOFF = 1.0
#: Cap of a single backoff sleep, in seconds.
MAX_BACKOFF = 30.0

_CHUNK = 1 << 20
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_STAMP_DIR = ".verified"
_ARCHIVE_DIR = ".archives"
_HTML_SUFFIXES = (".html", ".htm")
#: Suffixes of the data files a download may be: an XML or JSON document in one of these
#: places is a server's error (S3's ``<Error><Code>AccessDenied</Code>``), not the file.
_DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".zip")
#: The first bytes of a zip archive (and of an ``.xlsx`` workbook, one).
_ZIP_MAGIC = b"PK\x03\x04"
#: Overall deadline of one downloaded file, in seconds, retries included (the per-read
#: timeout alone lets a server that trickles a byte at a time keep a download alive).
DEADLINE = 3600.0
#: Bytes accepted beyond a file's pinned size before the download is stopped.
SIZE_MARGIN = 64 * 1024
#: Largest upstream archive accepted (O*NET zips, BLS ``oesm*.zip``), in bytes. Archives are
#: not pinned, so their size is not known in advance; the publishers' archives are tens of MB.
ARCHIVE_MAX_BYTES = 512 * 1024 * 1024
#: The file that marks a directory as a mirror laid out like ``../shared/data``.
MIRROR_MANIFEST = "MANIFEST.tsv"
_MIRROR_MANIFEST_HEADER = "path\tbytes\tsha256"


class CacheWriteError(ExposureError):
    """The cache directory cannot be written (read-only, not a directory, no space).

    Examples
    --------
    >>> isinstance(CacheWriteError("read-only"), ExposureError)
    True
    """


# ---------------------------------------------------------------------------------------
# Partial files
# ---------------------------------------------------------------------------------------


@contextlib.contextmanager
def _partial(dest: Path):
    """Yield a partial file beside ``dest``; rename it to ``dest`` on success.

    Stale partial files of ``dest`` are removed first. The name carries the process id
    (``.<name>.p<pid>-<host>-<random>.tmp``) so that a later run can tell a dead writer's file
    from a live one's. On any exception (SIGTERM included, when the CLI turns it into
    one) the partial file is removed.

    The file is flushed to the disk before the rename and its directory after, as
    :func:`exposure._io.atomic_path` does: a power cut just after the rename could leave
    an empty or partial file under the cached name.
    """
    dest = Path(dest)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_partials(dest)
        fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=partial_stem(dest), suffix=".tmp")
        os.close(fd)
    except OSError as exc:
        # a folder of the path that is a file was said as mkdir's "File exists"
        blocked = _blocked_dir(dest.parent)
        raise CacheWriteError(
            f"cannot write {dest.name} into {dest.parent}: "
            f"{f'{blocked[0]} is {blocked[1]}' if blocked else exc.strerror or exc}"
        ) from exc
    tmp = Path(tmp)
    try:
        yield tmp
        _flush(tmp, dest)
        os.replace(tmp, dest)
        _fsync_dir(dest.parent)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):  # reads are wrapped by the callers: this is a write
            raise CacheWriteError(f"cannot write {dest}: {exc.strerror or exc}") from exc
        raise


# ---------------------------------------------------------------------------------------
# Hashing
# ---------------------------------------------------------------------------------------


def file_sha256(path) -> str:
    """Return the hex sha256 of a file, read in 1 MiB chunks.

    Parameters
    ----------
    path : str or os.PathLike

    Returns
    -------
    str
        64 lower-case hex digits.

    Raises
    ------
    exposure.errors.InputError
        ``path`` is a directory, does not exist or cannot be read, naming it (a bare
        ``IsADirectoryError`` or ``FileNotFoundError`` before); also an :class:`OSError`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> _ = p.write_bytes(b"abc")
    >>> file_sha256(p)
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    """
    # an int was opened as a file descriptor; None, a list: open()'s TypeError
    _check_path_arg(path, "path", bytes_ok=True)
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(_CHUNK), b""):
                digest.update(chunk)
    except OSError as exc:  # a bare IsADirectoryError / FileNotFoundError (verify of a directory)
        shown_path = os.fsdecode(path)
        reason = ("is a directory, not a file" if os.path.isdir(shown_path) else
                  "no such file" if isinstance(exc, FileNotFoundError) else exc.strerror or str(exc))
        raise InputError(reason, path=shown_path, errno=exc.errno) from None
    return digest.hexdigest()


def verify(path, sha256: str, *, name: str | None = None) -> Path:
    """Check that ``path`` has the given sha256; return the path.

    Parameters
    ----------
    path : str or os.PathLike
        File to check.
    sha256 : str
        Expected hex digest, in either case; surrounding white space (a line end) is not
        part of it.
    name : str, optional
        Name used in the error message (defaults to the path).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    exposure.errors.DataFormatError
        ``sha256`` that is not 64 hexadecimal digits, before the file is read.
    exposure.errors.ChecksumMismatchError
        When the digests differ (the file is left untouched).
    exposure.errors.InputError
        ``path`` is a directory, does not exist or cannot be read (:func:`file_sha256`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> _ = p.write_bytes(b"abc")
    >>> verify(p, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad").name
    'x.txt'
    >>> verify(p, "0" * 64, name="x.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.ChecksumMismatchError: sha256 mismatch for x.txt (read from ...x.txt): expected 000...
    """
    _check_path_arg(path, "path")
    expected = _check_sha256_arg(sha256)
    _check_text_arg(name, "name", "a name for the messages", optional=True)
    path = Path(path)
    actual = file_sha256(path)
    if actual != expected:
        raise ChecksumMismatchError(name or str(path), expected, actual, path=str(path))
    return path


def _check_sha256_arg(value, *, optional: bool = False) -> str | None:
    """The ``sha256`` argument of :func:`verify` and :func:`download` as a pin's digest is read.

    As :class:`~exposure.sources.Source` reads it: in lower case, without surrounding white
    space. A digest read from a file with its line end (``Path("a.csv.sha256").read_text()``)
    or pasted with spaces was compared as written: a "sha256 mismatch" naming the same digest
    twice, over two lines (a good download deleted). One that is no sha256 (``sha256:...``, an
    MD5 or SHA-1) is refused before anything is read or downloaded: it was a mismatch after
    the whole file.

    Raises
    ------
    exposure.errors.DataFormatError
        Not 64 hexadecimal digits (also ``""``).

    Examples
    --------
    >>> _check_sha256_arg("sha256:ba7816bf")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: sha256 must be 64 hexadecimal digits, got 'sha256:ba7816bf'
    """
    _check_text_arg(value, "sha256", "a hex digest", optional=optional)
    if value is None:
        return None
    digest = sha256_digest(value)
    if digest is None:
        raise DataFormatError(f"sha256 must be 64 hexadecimal digits, got {value!r}")
    return digest


# ---------------------------------------------------------------------------------------
# Where things live
# ---------------------------------------------------------------------------------------


def default_data_dir() -> Path:
    """Return the default cache directory (see the module docstring for the order).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    exposure.errors.ExposureError
        ``$EXPOSURE_DATA_DIR`` with surrounding spaces or relative (:func:`_env_dir`).

    Examples
    --------
    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"EXPOSURE_DATA_DIR": "/tmp/exposure-cache"}):
    ...     print(default_data_dir())
    /tmp/exposure-cache
    """
    env = _env_dir(ENV_DATA_DIR)
    return env if env is not None else Path(platformdirs.user_cache_dir("exposure", appauthor=False))


def _env_dir(var: str) -> Path | None:
    """The directory the environment variable ``var`` names (``~`` expanded); None if unset or blank.

    Raises
    ------
    exposure.errors.ExposureError
        A value with surrounding spaces (pasted from a ``.env`` file: a new directory
        ``'home '`` was made beside the real one, without a word), or a relative one
        (``home``, or ``$HOME/x`` left unexpanded): it named another directory in each
        working directory, so the lock file's pins and the recomputes of a run started
        elsewhere were not found.

    Examples
    --------
    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"EXPOSURE_HOME": "$HOME/exposure"}):
    ...     _env_dir("EXPOSURE_HOME")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: $EXPOSURE_HOME '$HOME/exposure' is a relative path: ...
    """
    value = os.environ.get(var)
    if not value or not value.strip():  # blanks made a directory named " " in the current directory
        return None
    if value != value.strip():
        raise ExposureError(f"${var} {value!r} has surrounding spaces: remove them ({value!r} and "
                            f"{value.strip()!r} are different directories)")
    path = _expand(value, f"${var}")
    if not path.is_absolute():
        raise ExposureError(f"${var} {value!r} is a relative path: it names another directory in each "
                            f"working directory (here {Path.cwd() / path}); give an absolute path (or "
                            "one starting with ~)")
    _refuse_variable(value, f"${var}")
    return path


def _check_home(path: Path, origin: str) -> Path:
    """Refuse a user data directory ``path`` (from ``origin``) that is, or lies under, a file.

    Or under a symbolic link to nothing (a disk not mounted), or a loop of links: its lock
    file was "no pinned file yet" as well.

    The lock file under it was "no pinned file yet" (``exposure sources --releases``, exit
    0), a release it pinned "not pinned yet", and :func:`exposure.load` read the shipped
    tables without a word.
    """
    found = _file_above(path)
    if found is not None:
        where = f"{path}: {found}" if found != path else f"{path}"
        raise ExposureError(f"{origin} {where} is a file, not a directory: the user data directory "
                            "holds your recomputes and the lock file exposure.lock; set "
                            f"${ENV_HOME} to a directory")
    blocked = _blocked_dir(path)
    if blocked is not None:  # a link to a disk not mounted: its pins were "no pinned file yet"
        part, why = blocked
        where = f"{path}: {part}" if part != path else f"{path}"
        # said as the lock file's link into a missing folder is (a loop was told to "mount
        # or create the directory it points to", and a link to nothing not why it may be so)
        act = "point the link at a directory" if why.startswith("a loop") else "create the directory"
        if why.startswith("a symbolic link"):
            why, act = f"{why} {_FOLDER_GONE}", "mount or restore the directory it points to"
        raise ExposureError(f"{origin} {where} is {why}: the user data directory holds your recomputes "
                            f"and the lock file exposure.lock; {act}, or set ${ENV_HOME} to a directory")
    return path


def _refuse_variable(value, origin: str) -> None:
    """Refuse a directory ``value`` (from ``origin``) holding a set variable that nothing expanded.

    ``--data-dir '$HOME/c'`` (single quotes), or ``$EXPOSURE_DATA_DIR=/srv/$USER/c`` from a
    docker env-file (which expands no variable), made the cache in a folder ``./$HOME/c``
    (``/srv/$USER/c``) without a word, and every file was downloaded again into it;
    ``home=`` and ``$EXPOSURE_HOME`` likewise. A variable that is not set is taken as
    written (a directory may be named ``$x``). The message is :func:`exposure._tables.variable_note`'s.

    Examples
    --------
    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"EXPOSURE_R75": "/tmp/no-such-exposure-r75"}):
    ...     _refuse_variable("${EXPOSURE_R75}/cache", "--data-dir/data_dir=")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: --data-dir/data_dir= '${EXPOSURE_R75}/cache': the '${EXPOSURE_R75}' is not read as an environment variable (a shell expands it only outside single quotes); give the path with it expanded, '/tmp/no-such-exposure-r75/cache'
    """
    text = os.fspath(value)
    note = variable_note(text, "directory", made=True, set_only=True) if isinstance(text, str) else None
    if note is not None:
        raise ExposureError(f"{origin} {text!r}: {note}")


def _expand(value, origin: str) -> Path:
    """``value`` as a :class:`~pathlib.Path` with ``~`` expanded; ``origin`` names it in errors.

    ``~user`` of no such user (or ``~`` without a home directory) raised ``RuntimeError:
    Could not determine home directory.`` from :mod:`pathlib`, a traceback in the CLI.
    A URL (``file:///data/mirror``, ``https://host/mirror``) is refused: it was read as a
    relative path (``file:/data/mirror``), "does not exist" for a mirror, and a cache made
    in the folder ``./file:`` of the current directory. A relative path in a current
    directory that was removed is refused in the words of :func:`exposure._io.lost_cwd`:
    ``mirror='data'`` "does not exist", ``data_dir='data'`` raised a bare
    ``FileNotFoundError`` (``exposure fetch --data-dir data``: "cannot create the cache
    directory data").

    Examples
    --------
    >>> _expand("~nosuchuser-exposure/m", "--mirror/mirror=")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: --mirror/mirror= '~nosuchuser-exposure/m': cannot expand '~' (no such user, or no home directory); give the full path
    >>> _expand("file:///data/my%20mirror", "$EXPOSURE_MIRROR")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: $EXPOSURE_MIRROR 'file:///data/my%20mirror' is a file:// URL, not a directory path: give the directory itself, '/data/my mirror'
    """
    text = os.fspath(value)
    if is_url(text):  # the one rule of a URL (exposure._io.is_url), the model loader's too
        local = file_url_path(text)
        if local is not None:
            raise ExposureError(f"{origin} {text!r} is a file:// URL, not a directory path: give the directory "
                                f"itself, {local!r}")
        raise ExposureError(f"{origin} {text!r} is a URL, not a directory path: give a local directory (files "
                            f"are downloaded from their publishers' URLs; ${ENV_URL_MAP} points them to "
                            "another server)")
    try:
        path = Path(value).expanduser()
    except RuntimeError:
        raise ExposureError(f"{origin} {os.fspath(value)!r}: cannot expand '~' (no such user, or no "
                            "home directory); give the full path") from None
    lost = lost_cwd(path)
    if lost is not None:  # the one rule and wording of every output check
        raise ExposureError(f"{origin} {text!r}: {lost}")
    _check_length(path, origin)
    return path


#: Longest name of one file or directory on nearly every file system, in bytes.
_NAME_MAX = 255


def _short(text: str, keep: int = 60) -> str:
    """``text`` cut to its first and last characters when it is longer than ``keep``."""
    return text if len(text) <= keep else f"{text[:keep - 20]}...{text[-17:]}"


def _check_length(path: Path, origin: str) -> None:
    """Refuse a ``path`` (from ``origin``) too long for the file system, naming ``origin``.

    Or one with a NUL character (``ValueError: embedded null byte`` at its first use).

    A path of 5,000 characters in ``$EXPOSURE_MIRROR`` (or a name of 300 in it) was
    ``OSError: [Errno 36] File name too long`` with the whole path printed and the
    variable not named; the Python API raised the bare ``OSError``.

    Examples
    --------
    >>> _check_length(Path("/tmp/" + "x" * 300), "$EXPOSURE_HOME")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: $EXPOSURE_HOME '/tmp/xxx...xxx' (305 characters) is too long a path: a name in it has 300 characters, more than the 255 a file system takes; give a shorter path
    """
    text = os.fspath(path)
    if "\0" in text:  # ValueError: embedded null byte, from the first use of it
        raise ExposureError(f"{origin} {_short(text)!r} holds a NUL character (at {text.index(chr(0)) + 1}): "
                            "no file system takes one; give the path without it")
    longest = max((len(os.fsencode(part)) for part in path.parts), default=0)
    if longest > _NAME_MAX:
        why = f"a name in it has {longest:,} characters, more than the {_NAME_MAX} a file system takes"
    else:
        try:
            os.lstat(path)
            return
        except OSError as exc:
            if exc.errno != errno.ENAMETOOLONG:
                return  # missing, or no permission: said where it is used
            why = exc.strerror or "File name too long"
    raise ExposureError(f"{origin} {_short(text)!r} ({len(text):,} characters) is too long a path: {why}; "
                        "give a shorter path")


def resolve_data_dir(data_dir=None) -> Path:
    """Return ``data_dir`` as a Path, or :func:`default_data_dir` when it is None.

    Raises
    ------
    exposure.errors.ExposureError
        ``data_dir`` that is no path (:func:`check_location`), or one with surrounding
        spaces or a line end that is not a directory as written (``$EXPOSURE_DATA_DIR``
        is refused so): a new cache was made beside the real one, without a word; a URL
        (``file:///data/c`` made the cache in a folder ``./file:`` of the current directory);
        a set variable that nothing expanded (``'$HOME/c'``: :func:`_refuse_variable`).

    Examples
    --------
    >>> resolve_data_dir("/tmp/cache")
    PosixPath('/tmp/cache')
    """
    if isinstance(data_dir, DataStore):
        return data_dir.cache
    check_location(data_dir, "data_dir")
    if data_dir is None:
        return default_data_dir()
    # '--data-dir "$DIR"' of a value read with its line end (a .env file saved with CRLF):
    # a new cache 'c\r' was made beside the real one, every file fetched into it, and the
    # summary "verified in c" showed the name without its line end
    refuse_spaces(data_dir, "--data-dir/data_dir=")
    _refuse_variable(data_dir, "--data-dir/data_dir=")
    return _expand(data_dir, "--data-dir/data_dir=")


#: The error of an empty ``mirror`` (an empty path would be the current directory).
_EMPTY_MIRROR = ("the mirror directory (from --mirror/mirror=) is empty; give a directory, or leave it "
                 "out to download")
#: The error of an empty ``data_dir``: the cache was the current directory.
_EMPTY_DATA_DIR = ("the cache directory (from --data-dir/data_dir=) is empty; give a directory, or leave "
                   f"it out for the default (${ENV_DATA_DIR}, else the user cache directory)")


def check_location(value, name: str) -> None:
    """Refuse a ``mirror`` / ``data_dir`` argument that is neither None nor a path.

    Run by :func:`resolve_mirror` and :func:`resolve_data_dir`, so by every loader built on
    :func:`fetch` (``load_onet(mirror=5)``, ``load_webb(data_dir=[1])``), and by the
    roll-ups that take these arguments before they load anything.

    Parameters
    ----------
    value : object
        The argument: None, a ``str`` or an :class:`os.PathLike`.
    name : str
        Its name, for the message.

    Raises
    ------
    exposure.errors.ExposureError
        Anything else (a number, a list, bytes), naming the argument; before, the error
        was a ``TypeError`` from inside :mod:`pathlib`. Also an empty or blank ``mirror``
        (an empty path is the current directory), as :func:`resolve_mirror` refuses it:
        where nothing is loaded (``score_tasks(..., method="rubric", mirror="")``) it was
        accepted silently; and an empty or blank ``data_dir`` (``--data-dir ""``), which
        made the current directory the cache.

    Examples
    --------
    >>> check_location("/data/mirror", "mirror")
    >>> check_location(5, "mirror")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: mirror must be a directory path (str or os.PathLike), got int 5
    >>> check_location("", "mirror")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: the mirror directory (from --mirror/mirror=) is empty; give a directory, or leave it out to download
    """
    if value is not None and not isinstance(value, (str, os.PathLike)):
        # shown(): a Series or a frame was printed whole, over several lines
        raise ExposureError(f"{name} must be a directory path (str or os.PathLike), "
                            f"got {shown(value)}")
    if name in ("mirror", "data_dir") and isinstance(value, str) and not value.strip():
        # an empty path is the current directory: files and stamps were written there
        raise ExposureError(_EMPTY_MIRROR if name == "mirror" else _EMPTY_DATA_DIR)


def _check_path_arg(value, name: str, what: str = "a file path", *, optional: bool = False,
                    bytes_ok: bool = False) -> None:
    """Refuse a path argument that is not a str or os.PathLike (None too, unless ``optional``).

    The functions below took it to :mod:`pathlib` or :func:`open`: ``TypeError: expected
    str, bytes or os.PathLike object, not NoneType`` (an int was even opened as a file
    descriptor). Worded as :func:`check_location`.
    """
    if value is None and optional:
        return
    ok = isinstance(value, (str, os.PathLike)) or (bytes_ok and isinstance(value, bytes))
    if ok and isinstance(value, os.PathLike) and not bytes_ok:
        ok = isinstance(os.fspath(value), str)  # an os.PathLike giving bytes: pathlib's TypeError
    if not ok:
        kinds = "str, bytes or os.PathLike" if bytes_ok else "str or os.PathLike"
        raise ExposureError(f"{name} must be {what} ({kinds}), got {shown(value)}")


def _check_text_arg(value, name: str, what: str, *, optional: bool = False) -> None:
    """Refuse a text argument (a URL, a sha256) that is not a str (None too, unless ``optional``)."""
    if not (isinstance(value, str) or (value is None and optional)):
        raise ExposureError(f"{name} must be {what} (str), got {shown(value)}")


def _check_name_list(value, name: str, what: str) -> list[str] | None:
    """``value`` as a list of str (None stays None; one str is one name); else an error naming it.

    A number or None in the list, bytes or a number for the list, were ``TypeError`` s from
    inside (``'int' object is not iterable``); bytes were read byte by byte.
    """
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    if isinstance(value, (bytes, bytearray)) or not hasattr(value, "__iter__") or hasattr(value, "columns"):
        raise ExposureError(f"{name} must be a list of {what} (str), got {shown(value)}")
    items = list(value)
    for item in items:
        if not isinstance(item, str):
            raise ExposureError(f"{name} must be a list of {what} (str), got {shown(item)} in it")
    return items


def _check_network(timeout=None, retries=None, backoff=None, deadline=None) -> tuple:
    """Refuse network settings of :func:`download` (and :func:`fetch`) that are no numbers of their range.

    The command line refuses them when it parses its options (``--timeout 0``,
    ``--retries -1``), the Python API did not: ``retries=-1`` made no attempt and said
    ``failed after 0 attempt: None``, ``deadline=float("nan")`` set no deadline at all,
    ``timeout=0`` was a ``ValueError`` of :mod:`requests` and a number given as text
    (``retries="3"``, ``timeout="5"``) a ``TypeError`` from inside. None is the default.
    A :class:`~decimal.Decimal` or :class:`~fractions.Fraction` is read as the number it is
    (:func:`~exposure._args.as_real`): ``backoff=Decimal('0.5')`` was refused.

    Returns
    -------
    tuple
        ``(timeout, retries, backoff, deadline)`` as floats and an int (``retries=3.0`` is
        3), None where None was given.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the argument: ``timeout`` not a positive, finite number of seconds nor a
        ``(connect, read)`` pair of them (None for no limit); ``retries`` not a whole number
        of 0 or more; ``backoff`` not a finite number of seconds of 0 or more; ``deadline``
        not a positive, finite number of seconds. Any of them above
        :data:`threading.TIMEOUT_MAX` (about 292 years: ``timeout=1e10``, a "no limit"
        written as a big number), which raised ``OverflowError: timestamp out of range for
        platform time_t`` from inside the socket once a download started.

    Examples
    --------
    >>> _check_network(timeout=(5, None), retries=0, backoff=0.0, deadline=60)
    ((5.0, None), 0, 0.0, 60.0)
    >>> _check_network(retries=-1)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: retries must be a whole number of 0 or more, got int -1
    """
    seconds = "a positive, finite number of seconds"
    # as written, for the message of a value above the limit: Decimal('1e10') was shown as
    # the float it was read as ("got float 10000000000.0"), an int 10**10 as well
    given = {"timeout": tuple(timeout) if isinstance(timeout, (tuple, list)) else (timeout,),
             "backoff": (backoff,), "deadline": (deadline,)}
    if timeout is not None:
        if isinstance(timeout, (tuple, list)):
            if len(timeout) != 2:
                raise DataFormatError(f"timeout must be {seconds} or a (connect, read) pair of them, got "
                                      f"{shown(timeout)}")
            timeout = tuple(None if part is None else
                            check_positive(part, f"timeout ({what})", f"{seconds} (or None for no limit)")
                            for part, what in zip(timeout, ("connect", "read")))
        else:
            timeout = check_positive(timeout, "timeout", f"{seconds} or a (connect, read) pair of them")
    if retries is not None:
        retries = check_count(retries, "retries", 0)
    if backoff is not None:
        number = as_real(backoff)  # Decimal('0.5') was refused, as timeout's and deadline's were not
        if not (is_number(number) and _finite(number) and number >= 0):
            raise DataFormatError(f"backoff must be a finite number of seconds, 0 or more, got {shown(backoff)}")
        backoff = float(number)
    if deadline is not None:
        deadline = check_positive(deadline, "deadline", seconds)
    parts = timeout if isinstance(timeout, tuple) else (timeout,)
    pair = len(parts) == 2
    named = [(f"timeout ({what})" if pair else "timeout", part, written)
             for part, written, what in zip(parts, given["timeout"], ("connect", "read"))]
    for name, value, written in (*named, ("backoff", backoff, *given["backoff"]),
                                 ("deadline", deadline, *given["deadline"])):
        if value is not None and value > threading.TIMEOUT_MAX:  # "no limit" written as 1e10
            raise DataFormatError(f"{name} must be at most {threading.TIMEOUT_MAX:.0f} seconds (about "
                                  f"{threading.TIMEOUT_MAX / (365.25 * 86400):.0f} years, the longest a socket "
                                  f"waits; None is no limit), got {shown(written)}")
    return timeout, retries, backoff, deadline


def resolve_mirror(mirror=None) -> Path | None:
    """Return the mirror directory: ``mirror``, else ``$EXPOSURE_MIRROR``, else None.

    An empty or blank ``$EXPOSURE_MIRROR`` means no mirror.

    Raises
    ------
    exposure.errors.ExposureError
        When the directory does not exist, the path is not a directory, or its ``~user``
        cannot be expanded; a URL (``file:///data/m``: "does not exist", the URL mangled).
        A variable no shell expanded (``'$HOME/data'``) is named, and the path with it
        expanded when that is a directory (:func:`exposure._tables.variable_note`).

    Examples
    --------
    >>> import os, pathlib, tempfile
    >>> from unittest import mock
    >>> d = tempfile.mkdtemp()
    >>> resolve_mirror(d) == pathlib.Path(d)
    True
    >>> with mock.patch.dict(os.environ, {"EXPOSURE_MIRROR": ""}):
    ...     print(resolve_mirror())
    None
    >>> resolve_mirror("")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: the mirror directory (from --mirror/mirror=) is empty; give a directory, or leave it out to download
    """
    check_location(mirror, "mirror")
    env = os.environ.get(ENV_MIRROR)
    # an empty or blank $EXPOSURE_MIRROR means no mirror (blanks were refused as an empty
    # --mirror, an option never given)
    value = mirror if mirror is not None else (env if env and env.strip() else None)
    if value is None:
        return None
    if isinstance(value, (str, bytes)) and not value.strip():  # Path("") is the current directory
        raise ExposureError(_EMPTY_MIRROR)
    origin = "--mirror/mirror=" if mirror is not None else f"${ENV_MIRROR}"
    path = _expand(value, origin)
    if not path.is_dir():
        what = "is not a directory" if path.exists() else "does not exist"
        blocked = None if path.exists() else _blocked_dir(path)
        if path.is_file():  # a file of the mirror (its README, a data file) was "is not a directory" alone
            what += f" (a file): {_mirror_of_file(path)}"
        elif blocked is not None:  # a link to a disk not mounted, or a loop, was only "does not exist"
            where, why = blocked
            what += f": {'it' if where == path else where} is {why}"
        elif not path.exists() and _spaced(value):
            # a value pasted with a space or its line end (a .env file, a shell line) was only
            # "does not exist", beside a directory that does: as $EXPOSURE_DATA_DIR says it
            what += (f"; {os.fspath(value).strip()!r} does: remove the surrounding spaces (or line end) "
                     "of the value")
        elif not path.exists() and isinstance(text := os.fspath(value), str):
            # '$HOME/data' in single quotes or a docker env-file was only "does not exist"
            note = variable_note(text, "directory")
            what += f": {note}" if note else ""
        raise ExposureError(f"mirror directory {str(path)!r} (from {origin}) {what}")
    return path


def _mirror_of_file(path: Path) -> str:
    """What to give instead of the file ``path`` given as the mirror: the mirror it lies in when one of its folders holds :data:`MIRROR_MANIFEST`.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "README.md").write_text("x")
    >>> _mirror_of_file(d / "README.md")
    'give the directory that holds each file at its registry name (`exposure sources` lists them)'
    >>> _ = (d / "MANIFEST.tsv").write_text("x")
    >>> _mirror_of_file(d / "README.md") == f"give the mirror it lies in, {d} (it holds MANIFEST.tsv)"
    True
    """
    for folder in list(path.parents)[:_ABOVE_MAX + 1]:
        with contextlib.suppress(OSError):
            if (folder / MIRROR_MANIFEST).is_file():
                return f"give the mirror it lies in, {folder} (it holds {MIRROR_MANIFEST})"
    return "give the directory that holds each file at its registry name (`exposure sources` lists them)"


def _spaced(value) -> bool:
    """True when the path ``value`` has surrounding white space and is a directory without it."""
    text = os.fspath(value)
    if not isinstance(text, str) or text == text.strip():
        return False
    try:
        return Path(text.strip()).expanduser().is_dir()
    except (OSError, RuntimeError, ValueError):
        return False


def default_home() -> Path:
    """Return the default user data directory: ``$EXPOSURE_HOME``, else the platform's.

    It holds the outputs of ``exposure recompute`` (``processed/<releases>/``) and the lock
    file ``exposure.lock``.

    Raises
    ------
    exposure.errors.ExposureError
        ``$EXPOSURE_HOME`` with surrounding spaces or relative (:func:`_env_dir`); the
        directory is, or lies under, a file.

    Examples
    --------
    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"EXPOSURE_HOME": "/tmp/exposure-home"}):
    ...     print(default_home())
    /tmp/exposure-home
    """
    env = _env_dir(ENV_HOME)
    if env is not None:
        return _check_home(env, f"${ENV_HOME}")
    return _check_home(Path(platformdirs.user_data_dir("exposure", appauthor=False)),
                       "the user data directory")


def _home_arg(home) -> Path:
    """The ``home=`` argument of :meth:`DataStore.default` as a Path (not empty, ``~`` expanded)."""
    _check_path_arg(home, "home", "a directory path")
    if isinstance(home, str) and not home.strip():  # Path("") is the current directory
        raise ExposureError("home is empty; give a directory, or leave it out for the default "
                            f"(${ENV_HOME}, else the user data directory)")
    _refuse_variable(home, "home=")
    return _expand(home, "home=")


def _parse_url_map(text: str) -> tuple[tuple[str, str], ...]:
    """``$EXPOSURE_URL_MAP`` as ``(old, new)`` prefix pairs.

    The new prefix must be an http(s) URL: :mod:`requests` reads no other, and a prefix
    without its scheme (``127.0.0.1:8000``), a ``file://`` URL or a directory was tried
    ``retries`` times with backoff, each failing with ``InvalidSchema: No connection
    adapters``. The old prefix must be one too (``www.bls.gov=...`` matched no source's
    URL, without a word); a pair that an earlier one shadows (the same old prefix twice),
    or pairs glued by a comma, are refused.

    Examples
    --------
    >>> _parse_url_map("https://www.bls.gov=http://127.0.0.1:8000")
    (('https://www.bls.gov', 'http://127.0.0.1:8000'),)
    >>> _parse_url_map("https://www.bls.gov=/srv/bls")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: $EXPOSURE_URL_MAP: 'https://www.bls.gov=/srv/bls': the new prefix must be an http:// or https:// URL, got '/srv/bls'
    """
    pairs = []
    for item in text.split():
        old, sep, new = item.partition("=")
        if not sep or not old or not new:
            raise ExposureError(f"${ENV_URL_MAP}: expected OLD=NEW pairs, got {item!r}")
        if old.count("://") > 1 or new.count("://") > 1:  # ``A=http://x,B=http://y``: one pair
            raise ExposureError(f"${ENV_URL_MAP}: {item!r} holds several URLs: separate the OLD=NEW "
                                "pairs with spaces (not commas or semicolons)")
        if not _is_http(old):  # ``www.bls.gov=...`` matched no source's URL, without a word
            raise ExposureError(f"${ENV_URL_MAP}: {item!r}: the old prefix must be an http:// or "
                                f"https:// URL (the start of a publisher's URL, e.g. https://www.bls.gov), "
                                f"got {old!r}")
        if not _is_http(new):
            raise ExposureError(f"${ENV_URL_MAP}: {item!r}: the new prefix must be an http:// or "
                                f"https:// URL, got {new!r}")
        for before, after in pairs:  # the first match wins: this pair was never used
            if _starts_url(old, before):
                raise ExposureError(f"${ENV_URL_MAP}: {item!r} is never used: the earlier pair "
                                    f"'{before}={after}' maps every URL starting with {old!r} (an old "
                                    "prefix given twice); keep one")
        pairs.append((old, new))
    return tuple(pairs)


def _check_user_agent(value, origin: str) -> None:
    """Refuse a User-Agent (from ``origin``) that an HTTP header cannot carry.

    A character beyond Latin-1 ended ``exposure fetch`` in a ``UnicodeEncodeError``
    traceback; a line break or a leading space made every download fail ``retries`` times
    with ``InvalidHeader``, naming neither the variable nor the value's fault.

    Examples
    --------
    >>> _check_user_agent("study/1 (mailto:me@example.org)", "$EXPOSURE_USER_AGENT")
    >>> _check_user_agent("bot \u2192 me", "$EXPOSURE_USER_AGENT")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: $EXPOSURE_USER_AGENT 'bot → me' holds a non-ASCII character '→' (at 5): an HTTP header is ASCII; write it in ASCII
    """
    if not isinstance(value, str):
        raise ExposureError(f"{origin} must be a str, got {shown(value)}")
    if value[:1].isspace():
        raise ExposureError(f"{origin} {value!r} starts with a space: an HTTP header cannot; remove it")
    for at, char in enumerate(value, start=1):
        if char in "\r\n":
            raise ExposureError(f"{origin} {value!r} holds a line break (at {at}): an HTTP header is one "
                                "line; remove it")
        if not char.isascii():
            raise ExposureError(f"{origin} {value!r} holds a non-ASCII character {char!r} (at {at}): an "
                                "HTTP header is ASCII; write it in ASCII")
        if (ord(char) < 32 and char != "\t") or ord(char) == 127:
            raise ExposureError(f"{origin} {value!r} holds a control character {char!r} (at {at}): an "
                                "HTTP header cannot carry it; remove it")


def _env_user_agent() -> str | None:
    """``$EXPOSURE_USER_AGENT`` (checked: :func:`_check_user_agent`); None when unset or blank."""
    value = os.environ.get(ENV_USER_AGENT)
    if not value or not value.strip():
        return None
    _check_user_agent(value, f"${ENV_USER_AGENT}")
    return value


def _is_http(url: str) -> bool:
    """True when ``url`` starts with ``http://`` or ``https://`` (in any case)."""
    return url.lower().startswith(("http://", "https://"))


def _host(url: str) -> str:
    """The scheme, host and port of ``url``, in lower case (``""`` for none); the scheme's default port left out.

    The key under which a host that could not be reached is kept for the run: ``http://h:80``
    (a redirect, or a URL map, writing the default port) and ``http://h`` were two keys, and
    each later file of the dead host written the other way was tried again, with its retries
    and backoff (likewise ``https://h:443``). A user name and password before the host are
    not part of it (nor said in the messages that name the host).

    A host name in other letters than ASCII (``http://bücher.example``) is given in the
    ASCII form requests connects to (``xn--bcher-kva.example``), the host of the request
    its errors carry: a host that could not be reached was marked under that form and
    looked up under the other, and each later file of it was tried again.

    Examples
    --------
    >>> _host("HTTPS://WWW.BLS.GOV/oes/x.zip"), _host("http://127.0.0.1:9/a.csv"), _host("a.csv")
    ('https://www.bls.gov', 'http://127.0.0.1:9', '')
    >>> _host("http://Bücher.example:9/a.csv") == _host("http://xn--bcher-kva.example:9/b.csv")
    True
    >>> _host("http://H.example:80/a.csv"), _host("https://h.example:443/b"), _host("https://[::1]:8443/c")
    ('http://h.example', 'https://h.example', 'https://[::1]:8443')
    """
    parts = urlsplit(url)
    if not (parts.scheme and parts.netloc):
        return ""
    if not parts.netloc.isascii():
        import requests  # lazily, as everywhere here: `import exposure` loads no HTTP client

        prepared = requests.PreparedRequest()
        # a name IDNA cannot encode is kept as written: requests refuses it before connecting
        with contextlib.suppress(requests.RequestException, ValueError):
            prepared.prepare_url(url, None)
            parts = urlsplit(prepared.url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:  # a port that is no number: requests refuses the URL before connecting
        return f"{scheme}://{parts.netloc}".lower()
    name = parts.hostname or ""
    name = f"[{name}]" if ":" in name else name  # an IPv6 address keeps its brackets
    default = {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{name}" + (f":{port}" if port is not None and port != default else "")


def _starts_url(url: str, prefix: str) -> bool:
    """True when ``url`` starts with the URL ``prefix``, its scheme and host compared in any case.

    The scheme and host of a URL ignore case (RFC 3986), its path does not: an old prefix
    of a URL map written ``HTTPS://WWW.BLS.GOV`` (copied from a document in capitals)
    matched no URL, and the files were downloaded from the publisher, without a word.

    Examples
    --------
    >>> _starts_url("https://www.bls.gov/oes/x.zip", "HTTPS://WWW.BLS.GOV"), _starts_url("https://a.org/X", "https://a.org/x")
    (True, False)
    """
    start = prefix.find("://") + 3 if "://" in prefix else 0
    slash = prefix.find("/", start)
    head = len(prefix) if slash < 0 else slash  # the scheme and host (and port) of the prefix
    return (len(url) >= len(prefix) and url[:head].lower() == prefix[:head].lower()
            and url[head:len(prefix)] == prefix[head:])


def _well_formed(url: str) -> bool:
    """True when :mod:`requests` can prepare a GET of ``url`` (a valid URL of its own)."""
    import requests

    try:
        requests.Request("GET", url).prepare()
    except (requests.RequestException, ValueError):
        return False
    return True


@dataclass(frozen=True)
class DataStore:
    """Where exposure's data lives: mirror, cache and user data directory, held once.

    Precedence, for each directory: the argument, else the environment variable, else
    the platform default (:mod:`platformdirs`); never the current directory.

    Parameters
    ----------
    cache : pathlib.Path
        Download cache of raw files (``$EXPOSURE_DATA_DIR``, else the user cache dir).
    home : pathlib.Path
        User data directory (``$EXPOSURE_HOME``, else the user data dir): recompute
        outputs under ``processed/`` and the lock file :attr:`lock_path`.
    mirror : pathlib.Path or None
        Local mirror laid out like ``../shared/data`` (``$EXPOSURE_MIRROR``); when set,
        files are read from it instead of the network.
    url_map : tuple of (str, str)
        URL prefix substitutions applied before downloading (``$EXPOSURE_URL_MAP``); a
        final slash of one prefix that the other lacks is not doubled or lost (:meth:`url`).
    user_agent : str
        User-Agent of every request (``$EXPOSURE_USER_AGENT``, else :data:`USER_AGENT`).

    A directory given with surrounding spaces or a line end (``cache="c\\r"``) is refused
    unless one of that very name exists, as :func:`resolve_data_dir` refuses it: it named
    a new directory beside the real one.

    ``~`` is expanded in a :class:`~pathlib.Path` as in a string: ``cache=Path("~/c")``
    was kept as written, so the cache was made as a folder ``~/c`` in the current
    directory while the files were said to be in ``$HOME/c``, and ``home=Path("~/h")``
    refused its lock file (``the path starts with '~', which is not expanded here``).

    Examples
    --------
    >>> import os, tempfile
    >>> from unittest import mock
    >>> d = tempfile.mkdtemp()
    >>> env = {"EXPOSURE_DATA_DIR": d + "/cache", "EXPOSURE_HOME": d + "/home",
    ...        "EXPOSURE_MIRROR": "", "EXPOSURE_URL_MAP": "https://www.bls.gov=http://127.0.0.1:8000"}
    >>> with mock.patch.dict(os.environ, env):
    ...     store = DataStore.default()
    >>> store.cache.name, store.home.name, store.mirror, store.lock_path.name
    ('cache', 'home', None, 'exposure.lock')
    >>> store.url("https://www.bls.gov/oes/special-requests/oesm26nat.zip")
    'http://127.0.0.1:8000/oes/special-requests/oesm26nat.zip'
    >>> store.output_dir({"onet": "31.0", "oews": "2026"}).relative_to(store.home).as_posix()
    'processed/onet-31.0_oews-2026'
    """

    cache: Path
    home: Path
    mirror: Path | None = None
    url_map: tuple[tuple[str, str], ...] = ()
    user_agent: str = field(default=USER_AGENT)

    def __post_init__(self):
        for name in ("cache", "home", "mirror"):
            _check_path_arg(getattr(self, name), name, "a directory path", optional=name == "mirror")
        for name in ("cache", "home", "mirror"):
            value = getattr(self, name)
            if isinstance(value, str) and not value.strip():  # Path("") is the current directory
                raise ExposureError(f"{name} is empty; give a directory")
            if value is not None:  # DataStore(cache="c\r") made a new cache beside the real one
                refuse_spaces(value, name)
            if value is not None and name != "mirror":  # cache="$HOME/c": made as ./$HOME/c
                _refuse_variable(value, name)
            if value is not None:  # a Path too: Path("~/c") was half read as ./~/c (see DataStore)
                object.__setattr__(self, name, _expand(value, name))
        _check_home(self.home, "home")  # a file: its lock file was "no pinned file yet"
        _check_user_agent(self.user_agent, "user_agent")

    @classmethod
    def default(cls, *, mirror=None, cache=None, home=None, data_dir=None) -> DataStore:
        """Build a store from arguments, else environment variables, else platform dirs.

        ``data_dir`` is an alias of ``cache`` (the name the loaders' keyword uses).
        """
        return cls(
            cache=resolve_data_dir(cache if cache is not None else data_dir),
            home=_home_arg(home) if home is not None else default_home(),
            mirror=resolve_mirror(mirror),
            url_map=_parse_url_map(os.environ.get(ENV_URL_MAP, "")),
            user_agent=_env_user_agent() or USER_AGENT,
        )

    def source(self, name) -> Source:
        """The source of ``name``: registry pin, else lock-file pin, else release layout.

        A source from the layout alone is unpinned (see :mod:`exposure.releases`).
        """
        return _as_source(name, self)

    @property
    def lock_path(self) -> Path:
        """The lock file of new (unregistered) files: ``<home>/exposure.lock``."""
        return self.home / LOCK_NAME

    @property
    def lock(self) -> Lock:
        """The :class:`~exposure.releases.Lock` at :attr:`lock_path`.

        Inside :func:`staged_pins` of this lock file (a recompute), the lock with the pins
        the run holds until it succeeds: they are read as pins, and new pins are held too.
        """
        staging = _STAGING.get()
        held = None if staging is None else staging.get(_lock_key(self.lock_path))
        return Lock(self.lock_path) if held is None else _StagedLock(self.lock_path, held)

    @property
    def outputs(self) -> Path:
        """Parent directory of the user's recompute outputs: ``<home>/processed``."""
        return self.home / "processed"

    def output_dir(self, releases: dict) -> Path:
        """Default recompute output directory for ``releases`` (``{"onet", "oews"}``)."""
        return self.outputs / f"onet-{releases['onet']}_oews-{releases['oews']}"

    @property
    def timings_path(self) -> Path:
        """Where recompute writes its wall times (outside the byte-identical outputs)."""
        return self.cache / "timings" / "recompute.json"

    def read_folders(self) -> list[tuple[str, Path, str]]:
        """The folders the commands read, where no output may go: ``(what, path, why)``.

        The mirror (when set), the download cache's folder of each publisher (``onet``,
        ``oews``, ...: the cache itself may be the user data directory, so only these) and
        its publishers' archives (``.archives``), and the installed package (its own
        files). :func:`exposure.pipeline.run_pipeline` refuses an output directory inside
        one of them, and so do the commands that write reports
        (:func:`exposure._outdir.check_files_dir`'s ``protect``).

        Examples
        --------
        >>> store = DataStore(cache=Path("/c"), home=Path("/h"), mirror=Path("/m"))
        >>> [what for what, _, _ in store.read_folders()][:2]
        ['the mirror', 'the download cache']
        """
        return _read_folders(self.mirror, self.cache)

    def url(self, url: str) -> str:
        """``url`` with the first matching :attr:`url_map` prefix substituted.

        The scheme and host of a prefix are compared in any case, as a URL's are
        (:func:`_starts_url`): ``HTTPS://WWW.BLS.GOV`` matched no URL of BLS's. The two
        prefixes are joined by one slash where one of them ends in a slash and the other
        does not (:func:`_mapped_url`).

        Examples
        --------
        >>> store = DataStore(cache=Path("/c"), home=Path("/h"),
        ...                   url_map=(("https://www.bls.gov/", "http://127.0.0.1:8000"),))
        >>> store.url("https://www.bls.gov/oes/special-requests/oesm26nat.zip")
        'http://127.0.0.1:8000/oes/special-requests/oesm26nat.zip'
        """
        for old, new in self.url_map:
            if _starts_url(url, old):
                return _mapped_url(old, new, url[len(old):])
        return url


def _mapped_url(old: str, new: str, rest: str) -> str:
    """The URL ``old + rest`` with its prefix ``old`` replaced by ``new``, one slash between ``new`` and ``rest``.

    A URL map whose prefixes disagree on a final slash glued the URL or doubled its slash:
    ``https://www.onetcenter.org/=http://127.0.0.1:8000`` asked for
    ``http://127.0.0.1:8000dl_files/...`` (refused as ``not a valid URL``; with a path in
    the new prefix, a 404 from ``.../mirrordl_files/...``), and
    ``https://www.onetcenter.org=http://127.0.0.1:8000/`` for ``http://127.0.0.1:8000//dl_files/...``,
    another path, which a server of files by their keys (S3) does not have. A prefix
    ending in a slash is a folder, as is the other one; one holding a query (``?``) is
    joined as written.

    Examples
    --------
    >>> _mapped_url("https://a.org/", "http://h:8000", "f/x.zip"), _mapped_url("https://a.org", "http://h/m/", "/f/x.zip")
    ('http://h:8000/f/x.zip', 'http://h/m/f/x.zip')
    >>> _mapped_url("https://a.org/f", "http://h/g", "/x.zip")
    'http://h/g/x.zip'
    """
    if "?" in new:
        return new + rest
    if new.endswith("/") and rest.startswith("/"):
        return new + rest[1:]
    if old.endswith("/") and not new.endswith("/") and rest and not rest.startswith("/"):
        return f"{new}/{rest}"
    return new + rest


def read_folders(mirror=None, data_dir=None) -> list[tuple[str, Path, str]]:
    """:meth:`DataStore.read_folders` of the store of ``mirror`` and ``data_dir`` (a command's options).

    Only the mirror and the cache are resolved (arguments, else the environment): a bad
    ``$EXPOSURE_HOME`` or User-Agent is not this check's business, and neither is a mirror
    that does not exist or a bad cache path (the command names them when it reads them;
    such a mirror, as given, is still protected).
    """
    try:
        mirror = resolve_mirror(mirror)
    except ExposureError:
        # a blank mirror ('--mirror "$MIRROR"' with MIRROR unset) is none: as Path('.') it
        # protected the current directory ('inside the mirror .'), blaming the output
        given = isinstance(mirror, (str, os.PathLike)) and str(mirror).strip() != ""
        mirror = Path(os.path.expanduser(str(mirror))) if given else None
    try:
        cache = resolve_data_dir(data_dir)
    except ExposureError:
        cache = None
    return _read_folders(mirror, cache)


def refuse_read_folders(path, *, file: bool = False, mirror=None, data_dir=None) -> None:
    """Refuse an output ``path`` inside a folder the commands read, as the commands refuse it.

    The folders are those of :func:`read_folders` (``mirror`` and ``data_dir``, else
    ``$EXPOSURE_MIRROR`` and the download cache): the mirror, the download cache's folders
    and the installed package, compared as written and resolved
    (:func:`exposure._outdir.refuse_protected`). Every public writer of
    :mod:`exposure.reports` calls it before any work: they wrote into ``$EXPOSURE_MIRROR``
    and into the installed package, which the commands that write reports (``exposure
    compare``, ``outcomes``, ``evaluate``, ``report``, ``validate``) refuse.

    Parameters
    ----------
    path : str or os.PathLike
        The report directory, or with ``file=True`` the report file.
    file : bool, default False
        Whether ``path`` names a file.
    mirror, data_dir : str or os.PathLike, optional
        As for :func:`read_folders`.

    Raises
    ------
    exposure._outdir.OutputPathError
        Naming the folder, as :func:`exposure._outdir.check_files_dir` does.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> m = pathlib.Path(tempfile.mkdtemp())
    >>> refuse_read_folders(m / "reports", mirror=m)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: refusing to write the reports into .../reports: it is inside the mirror ...
    """
    refuse_protected(path, read_folders(mirror, data_dir), file=file)


def _read_folders(mirror, cache) -> list[tuple[str, Path, str]]:
    """:meth:`DataStore.read_folders` of a resolved ``mirror`` (or None) and ``cache``."""
    held = [] if mirror is None else [("the mirror", Path(mirror), "which the run reads")]
    if cache is not None:
        downloads = sorted({name.split("/", 1)[0] for name in SOURCES if "/" in name})
        held += [("the download cache", Path(cache) / top, "which the run reads") for top in downloads]
        held.append(("the download cache's publisher archives", Path(cache) / _ARCHIVE_DIR, "which the run reads"))
    held.append(("the installed package", Path(__file__).resolve().parent, "whose own files it would replace"))
    return held


def check_store(store) -> None:
    """Refuse a ``store`` argument that is neither None nor a :class:`DataStore`.

    Run by :func:`resolve_store`, so by every loader that takes ``store`` (``load_onet``,
    ``load_oews``) and by :func:`exposure.load`.

    Raises
    ------
    exposure.errors.ExposureError
        Naming the argument; before, ``dataclasses.replace`` raised ``TypeError`` (or an
        ``AttributeError`` came from inside).

    Examples
    --------
    >>> check_store("~/data")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: store must be an exposure.fetch.DataStore (e.g. DataStore.default()), got str '~/data'
    """
    if store is not None and not isinstance(store, DataStore):
        raise ExposureError(f"store must be an exposure.fetch.DataStore (e.g. DataStore.default()), "
                            f"got {shown(store)}")


def resolve_store(store: DataStore | None = None, *, mirror=None, data_dir=None) -> DataStore:
    """Return ``store`` (default :meth:`DataStore.default`) with overridden directories.

    ``mirror`` and ``data_dir`` (the loaders' keyword arguments) replace the store's
    mirror and cache when given.

    Examples
    --------
    >>> import tempfile
    >>> s = resolve_store(data_dir=tempfile.mkdtemp(), mirror=tempfile.mkdtemp())
    >>> resolve_store(s) is s, resolve_store(s, data_dir="/tmp/c").cache.as_posix()
    (True, '/tmp/c')
    """
    check_store(store)
    if store is None:
        return DataStore.default(mirror=mirror, data_dir=data_dir)
    changes = {}
    if mirror is not None:
        changes["mirror"] = resolve_mirror(mirror)
    if data_dir is not None:
        changes["cache"] = resolve_data_dir(data_dir)
    return replace(store, **changes) if changes else store


def _as_source(name, store: DataStore | None = None) -> Source:
    """The source of ``name``: registry, else lock file, else the release layout.

    A name the lock file pins is the lock's source, whatever its name: a custom source
    that :func:`fetch_table` pinned (``onet/29.1/Skills.txt``, a file of a release the
    package pins that the registry lacks, or ``demo/a.csv``, of no layout) was an
    "unknown source", so ``exposure fetch NAME`` and ``exposure sources NAME`` refused
    it. An unpinned :class:`~exposure.sources.Source` whose name the lock pins takes the
    lock's pin: it was fetched without verification and pinned again at every
    :func:`fetch_table`, so a changed file was accepted without a word.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> store = DataStore(cache=d / "c", home=d / "h")
    >>> _ = (d / "x.csv").write_bytes(b"x\\n")
    >>> src = Source(name="demo/x.csv", release="1", url="https://example.org/x.csv", sha256="",
    ...              size=0, licence="CC0", attribution="made up")
    >>> _ = store.lock.pin(src, d / "x.csv")
    >>> pinned = _as_source("demo/x.csv", store)
    >>> pinned.pinned, pinned.size, pinned.download_url
    (True, 2, 'https://example.org/x.csv')
    >>> _as_source(src, store).sha256 == pinned.sha256
    True
    """
    if isinstance(name, Source):
        if not name.pinned and store is not None and name.name not in SOURCES:
            entry = store.lock.entries().get(name.name)
            if entry is not None:
                return replace(name, sha256=entry["sha256"], size=int(entry["size"]))
        return name
    if not isinstance(name, str):  # a list is unhashable, None and numbers fail in re
        raise ExposureError("name must be a registry name (str) or a Source, got "
                            f"{type(name).__name__} {name!r}")
    if name in SOURCES:
        return SOURCES[name]
    if store is not None:
        entry = store.lock.entries().get(name)  # a damaged lock file is named with its row
        if entry is not None:
            return _lock_source(name, entry, store.lock_path)
    try:
        return source_for(name, store.lock if store is not None else None)
    except DataFormatError:
        raise  # a damaged lock file, named with its row and column (it was "unknown source")
    except ExposureError:
        release = _ONET_PREFIX.fullmatch(name)
        if release is not None and not any(n.startswith(f"onet/{release.group(1)}/") for n in SOURCES):
            # the layout's reason ("two extensions", "other capitals") gave way to "did you mean"
            # the same file of another release, which read that release
            raise
        return get_source(name)  # raises with close-match suggestions


def _lock_source(name: str, entry: dict, lock_path: Path) -> Source:
    """The source the lock file pins as ``name``: its sha256, size, URL and member.

    A name of a release layout keeps the layout's release, licence and attribution; any
    other name (a custom source pinned by :func:`fetch_table`) has those of no release.
    The URL and archive member are the lock's: those the pinned bytes came from.

    Raises
    ------
    exposure.errors.DataFormatError
        A name (written by hand) that is absolute or has ``..``: it would lie outside the
        cache. Named with the lock file's row and column, as other damaged lines are.
    """
    try:
        _safe_relpath(name, what="name")
    except DataFormatError:
        raise DataFormatError(f"the name {name!r} is absolute or has a '..': its file would lie "
                              "outside the cache; fix or delete that line", path=lock_path,
                              row=_entry_row(lock_path, name), column="name") from None
    try:
        src = layout_source(name)
    except ExposureError:  # a custom source: not a file of a publisher's layout
        url, member = entry.get("url") or "", entry.get("member") or None
        return Source(name=name, release="", url=url, licence="", attribution="",
                      notes="Pinned by the lock file (a custom source).",
                      archive_url=url if member else None, member=member,
                      sha256=entry["sha256"], size=int(entry["size"]))
    return pinned_by_lock(src, entry)


def cache_path(name, data_dir=None) -> Path:
    """Return where registry file ``name`` lives in the cache (it may not exist yet).

    Examples
    --------
    >>> cache_path("onet/29.1/Task Statements.txt", data_dir="/tmp/c").as_posix()
    '/tmp/c/onet/29.1/Task Statements.txt'
    """
    src = _as_source(name)
    return resolve_data_dir(data_dir) / _safe_relpath(src.name, what="registry name")


def _stamp_path(root: Path, name: str) -> Path:
    return root / _STAMP_DIR / (name + ".sha256")


def _stamp_text(path: Path, sha256: str) -> str:
    # st_ctime_ns and st_ino change on any write or replacement, even when the writer
    # restores size and mtime; a stamp only speeds up `exposure sources`: fetch hashes
    # the file at every use
    st = path.stat()
    return f"{sha256} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino}\n"


def _write_stamp(root: Path, src: Source, path: Path) -> None:
    try:
        with atomic_path(_stamp_path(root, src.name)) as tmp:
            tmp.write_text(_stamp_text(path, src.sha256))
    except OSError as exc:  # a read-only cache still works, just without stamps
        log.debug("could not write verification stamp for %s: %s", src.name, exc)


def _stamp_ok(root: Path, src: Source, path: Path) -> bool:
    try:
        return _stamp_path(root, src.name).read_text() == _stamp_text(path, src.sha256)
    except OSError:
        return False


def _drop_stamp(root: Path, src: Source) -> None:
    with contextlib.suppress(OSError):
        _stamp_path(root, src.name).unlink(missing_ok=True)


def _within(path: Path, top: Path) -> bool:
    """True when ``path`` is ``top`` or below it (symbolic links resolved)."""
    try:
        return Path(path).resolve().is_relative_to(Path(top).resolve())
    except (OSError, RuntimeError):
        return False


def check_cache_dir(root, *, create: bool = True, listing: bool = False) -> Path:
    """Check that the cache directory ``root`` is a directory, or can be made one.

    Parameters
    ----------
    root : str or os.PathLike
    create : bool, default True
        Create ``root`` when it does not exist (False: make nothing, only refuse a
        directory that cannot be made).
    listing : bool, default False
        ``root`` is only listed (``exposure sources``): a ``root`` in the installed package
        is refused in the words of a listing, not of a write.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    CacheWriteError
        ``root`` (or a parent of it) is a file, a symbolic link to nothing or a loop of
        links, or it cannot be created (also with ``create=False``: the check made before
        any file is read, so that a cache that cannot be made is said once, not by each).
        So is a ``root`` inside the installed package (or the package itself, or a link
        to either), refused as the commands refuse an output there
        (:func:`exposure._outdir.refuse_protected`): ``exposure fetch --data-dir``
        naming it wrote the data files and their stamps among the package's modules;
        with ``listing``: ``cannot list the download cache in D: it is inside the installed
        package P, where no download cache is kept ...`` (a listing, which writes nothing,
        was told ``refusing to write the download cache into D``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "file"
    >>> _ = f.write_text("x")
    >>> check_cache_dir(f)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.fetch.CacheWriteError: cache directory ...file exists and is not a directory...
    """
    _check_path_arg(root, "root", "a directory path")
    refuse_spaces(root, "root")  # check_cache_dir("c\r") made a new cache beside the real one
    package = [f for f in _read_folders(None, None) if f[0] == "the installed package"]
    try:
        refuse_protected(root, package, what="the download cache")
    except OutputPathError as exc:
        if listing:
            raise CacheWriteError(f"cannot list the download cache in {root}: it is inside the installed package "
                                  f"{package[0][1]}, where no download cache is kept (exposure fetch refuses to "
                                  f"write one there); give the cache's directory (check --data-dir / "
                                  f"${ENV_DATA_DIR})") from exc
        raise CacheWriteError(f"{exc} (check --data-dir / ${ENV_DATA_DIR}); nothing was written") from exc
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise CacheWriteError(
            f"cache directory {root} exists and is not a directory (check --data-dir / "
            f"${ENV_DATA_DIR})"
        )
    if root.is_dir():
        return root
    blocked = _blocked_dir(root)
    if blocked is not None:  # a dangling link was "File exists", a loop "Too many levels"
        where, why = blocked
        raise CacheWriteError(f"cannot create the cache directory {root}: {where} is {why} (check "
                              f"--data-dir / ${ENV_DATA_DIR})")
    try:
        if create:
            root.mkdir(parents=True, exist_ok=True)
        else:
            _probe_mkdir(root)
    except OSError as exc:
        raise CacheWriteError(
            f"cannot create the cache directory {root}: {exc.strerror or exc} (check "
            f"--data-dir / ${ENV_DATA_DIR})"
        ) from exc
    return root


def _blocked_dir(path: Path) -> tuple[Path, str] | None:
    """What stops the directory ``path`` from being made: ``(where, why)``, else None.

    ``where`` is ``path`` or the first of its parents that is a file, a symbolic link to
    nothing (a disk not mounted) or a loop of links. A missing directory or a permission
    is left to the caller (``mkdir`` says it).

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> (d / "f").write_text("x") and None
    >>> _blocked_dir(d / "f" / "sub") == (d / "f", "a file, not a directory"), _blocked_dir(d / "new" / "sub")
    (True, None)
    """
    for part in [*reversed(path.parents), path]:
        try:
            mode = os.stat(part).st_mode
        except FileNotFoundError:
            if os.path.islink(part):
                return part, f"a symbolic link to {link_target(part)}, which does not exist"
            return None  # this part and the ones below it can be made
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # the first part that loops is a link: where it points was unsaid
                points = f" (it points to {os.readlink(part)})" if os.path.islink(part) else ""
                return part, f"a loop of symbolic links{points}"
            return None  # no permission, a name too long: said by mkdir
        if not stat.S_ISDIR(mode):
            return part, "a file, not a directory"
    return None


def _probe_mkdir(path: Path) -> None:
    """Raise the ``OSError`` of making the missing directory ``path``; make nothing.

    A directory is made (and removed at once) beside the first missing part of ``path``:
    a place that takes no directory (``/proc``, a read-only disk, no permission) is found
    before any file is read, not once per file.
    """
    top = path
    while not top.parent.exists() and top.parent != top:
        top = top.parent
    probe = tempfile.mkdtemp(prefix=".exposure-probe-", dir=top.parent)
    os.rmdir(probe)


def _env_mirror() -> Path | None:
    """``$EXPOSURE_MIRROR`` when it names a directory, else None (never raises)."""
    try:
        return resolve_mirror()
    except ExposureError:
        return None


def _marked_mirror(path) -> Path | None:
    """The nearest directory at or above ``path`` holding a mirror's :data:`MIRROR_MANIFEST`."""
    try:
        here = Path(path).resolve()
    except (OSError, RuntimeError):
        return None
    for directory in (here, *here.parents):
        manifest = directory / MIRROR_MANIFEST
        try:
            if manifest.is_file() and _manifest_header(manifest) == _MIRROR_MANIFEST_HEADER.split("\t"):
                return directory
        except OSError:
            continue
    return None


def _manifest_header(manifest: Path) -> list[str]:
    """The first three names of the header of a mirror's ``MANIFEST.tsv``, in lower case.

    Read in the encoding its byte-order mark names (UTF-8 without one), names unquoted:
    a byte-order mark (a Windows editor) or capitals made the mirror an ordinary cache,
    and so did a manifest saved by Excel as "Unicode Text" or by PowerShell's ``>`` (UTF-16
    with its mark) or written by R's ``write.table`` (``"path"<TAB>"bytes"...``): `exposure
    sources --rehash` deleted the mirror's files with a wrong hash.

    Examples
    --------
    >>> import tempfile
    >>> m = Path(tempfile.mkdtemp()) / "MANIFEST.tsv"
    >>> _ = m.write_text('"Path"\\t"bytes"\\t"sha256"\\r\\n', encoding="utf-16")
    >>> _manifest_header(m)
    ['path', 'bytes', 'sha256']
    """
    with open(manifest, "rb") as fh:
        head = fh.read(4096)
    encoding = ("utf-32" if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE))
                else "utf-16" if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig")
    text = head.decode(encoding, errors="replace")
    line = text.splitlines()[0] if text else ""
    return [name.strip('"\'').lower() for name in line.split()[:3]]


def mirror_holding(data_dir, mirror=None, src: Source | None = None) -> Path | None:
    """Return the mirror that holds the cache directory ``data_dir``, else None.

    The cache is then read-only (see the module docstring): it is the ``mirror`` or
    inside it (symbolic links resolved), its file of ``src`` is the mirror's, or it is (or
    lies inside) a directory marked as a mirror by :data:`MIRROR_MANIFEST`.

    Parameters
    ----------
    data_dir : str or os.PathLike
        The cache directory.
    mirror : str or os.PathLike, optional
        The configured mirror directory.
    src : Source, optional
        Also check whether this file of the cache resolves to the mirror's.

    Returns
    -------
    pathlib.Path or None

    Examples
    --------
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> mirror_holding(d / "cache", d) == d, mirror_holding(d / "cache") is None
    (True, True)
    >>> _ = (d / "MANIFEST.tsv").write_text("path\\tbytes\\tsha256\\torigin\\n")
    >>> mirror_holding(d / "cache") == d.resolve()
    True
    """
    _check_path_arg(data_dir, "data_dir", "a directory path")
    _check_path_arg(mirror, "mirror", "a directory path", optional=True)
    root = Path(data_dir)
    if mirror is not None:
        mirror = Path(mirror)
        if _within(root, mirror) or (src is not None and _cache_is_mirror(root, mirror, src)):
            return mirror
    return _marked_mirror(root)


def _check_entry(root: Path, src: Source, dest: Path) -> None:
    """Refuse a cache entry in the way of ``dest`` (a directory, or a file as its folder).

    An :class:`~exposure.errors.OutputError` naming the path, not a
    :class:`CacheWriteError`: the rest of the cache is fine, so :func:`fetch_many` goes
    on with the other files.
    """
    if dest.exists() and not dest.is_file():
        what = "a directory" if dest.is_dir() else "a special file"
        raise OutputError(f"{what} is in the place of the cached file {src.name}; remove "
                          "it and fetch again (the rest of the cache is not affected)",
                          path=dest)
    broken = _broken_link(dest)
    if broken:  # it was replaced by the copy or download, the user's link lost (as download refuses it)
        restore = "" if "loops" in broken else "mount or restore what it points to, or "
        raise OutputError(f"{broken}, in the place of the cached file {src.name}: {restore}remove it and fetch "
                          "again (the rest of the cache is not affected)", path=dest)
    blocked = _blocked_below(root, dest)
    if blocked is not None:
        # a link to nothing (a disk not mounted) or a loop of links in a directory's place
        # was "cannot write a.txt into C/onet/29.1: File exists" (or "Too many levels of
        # symbolic links"), naming neither the link nor what to do
        where, why = blocked
        what = "a file is" if why.startswith("a file") else f"it is {why},"
        raise OutputError(f"{what} in the place of a directory of the cached file "
                          f"{src.name}; remove it and fetch again (the rest of the "
                          "cache is not affected)", path=where)


def _drop_cached(root: Path, src: Source, path: Path, mirror: Path | None) -> None:
    """Remove a cached file with the wrong hash and its stamp; never inside a mirror."""
    if (mirror is not None and _within(path, mirror)) or _marked_mirror(path) is not None:
        raise _mismatch(src, file_sha256(path), path)
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        error = CacheWriteError(
            f"{src.name}: cannot remove the corrupt cached file {path}: {exc.strerror or exc}; "
            "remove it (or make its directory writable) and fetch it again"
        )
        # this file's alone: fetch_many goes on (it stopped, and a read-only cache's verified
        # files were neither checked nor named)
        error.one_file = True
        raise error from exc
    _drop_stamp(root, src)


def cache_status(name, data_dir=None, *, rehash: bool = False, drop: bool = False,
                 mirror=None) -> str:
    """Return the cache state of registry file ``name``.

    Parameters
    ----------
    name : str or Source
        A registry name, a name the lock file pins (:func:`_as_source`), or a source.
    data_dir : path, optional
        Cache directory (default: :func:`default_data_dir`).
    rehash : bool, default False
        Hash the file even when its verification stamp is current.
    drop : bool, default False
        Remove a file whose sha256 is wrong, and its stamp (``exposure sources
        --rehash``), so that the next :func:`fetch` gets it again. A file inside the
        mirror (``mirror``, ``$EXPOSURE_MIRROR`` or a directory marked as a mirror: see
        :func:`mirror_holding`) is never removed, and no stamp is written there.
    mirror : path, optional
        The mirror directory, read-only to the library.

    Returns
    -------
    str
        ``"missing"``, ``"verified"`` (sha256 matches), ``"mismatch"``,
        ``"unreadable"``, ``"not a file"`` (a directory or special file where the file
        belongs; never removed), ``"broken link"`` (a symbolic link to nothing, or one
        that loops, where the file belongs: :func:`fetch` refuses it, the link kept;
        never removed), ``"blocked"`` (a file, a symbolic link to nothing or a
        loop of links stands where one of its directories belongs: :func:`fetch` cannot
        write it) or, with ``drop``, ``"removed"`` (it had the wrong sha256 and is gone).

    Raises
    ------
    exposure.errors.ExposureError
        A file is cached under ``name`` but nothing pins its sha256 (neither the registry
        nor the lock file ``exposure.lock`` of ``$EXPOSURE_HOME``): it was a
        ``"mismatch"``, and with ``drop`` removed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> cache = pathlib.Path(tempfile.mkdtemp())
    >>> cache_status("onet/29.1/Task Statements.txt", data_dir=cache)
    'missing'
    >>> bad = cache / "onet/29.1/Task Statements.txt"
    >>> bad.parent.mkdir(parents=True)
    >>> _ = bad.write_text("not the pinned file")
    >>> cache_status("onet/29.1/Task Statements.txt", data_dir=cache, rehash=True, drop=True)
    'removed'
    >>> bad.exists()
    False
    """
    root = resolve_data_dir(data_dir)
    # a name the lock file pins is checked against the lock's sha256: without the lock it
    # was a source with no pin, so a good file was a "mismatch", and with ``drop`` removed
    lock_read = (isinstance(name, str) and name not in SOURCES) or (
        isinstance(name, Source) and not name.pinned)  # a registry file needs no lock file
    src = _as_source(name, DataStore(cache=root, home=default_home()) if lock_read else None)
    path = cache_path(src, root)
    if not path.is_file():
        # a directory (or a pipe) in its place was "missing", exit 0, and fetch then failed
        if path.exists():
            return "not a file"
        if _broken_link(path):  # it was "missing", exit 0, and fetch then refused it (a drive not mounted)
            return "broken link"
        # so was a file, a link to nothing or a loop of links where one of its directories
        # belongs (``exposure sources`` found the file case itself, not the links)
        return "blocked" if _blocked_dir(path.parent) is not None else "missing"
    if not src.pinned:  # nothing to compare with: every file was a "mismatch"
        raise ExposureError(f"{src.name}: cannot check {path}: neither the package nor the lock file "
                            f"{default_home() / LOCK_NAME} pins its sha256 (read it with "
                            "exposure.fetch.fetch_table, or exposure recompute, to pin it)")
    mirror_dir = resolve_mirror(mirror) if mirror is not None else _env_mirror()
    read_only = mirror_holding(root, mirror_dir, src) is not None
    if not rehash and not read_only and _stamp_ok(root, src, path):
        return "verified"
    try:
        actual = file_sha256(path)
    except OSError as exc:
        log.warning("cannot read %s: %s", path, exc)
        return "unreadable"
    if actual == src.sha256:
        if not read_only:
            _write_stamp(root, src, path)
        return "verified"
    if not read_only:
        _drop_stamp(root, src)
        if drop:
            _drop_cached(root, src, path, mirror_dir)
            log.warning("removed %s: its sha256 is not the pinned one", path)
            return "removed"
    return "mismatch"


# ---------------------------------------------------------------------------------------
# Zip extraction
# ---------------------------------------------------------------------------------------


def _safe_relpath(member: str, *, what: str = "zip member", archive=None) -> PurePosixPath:
    """Validate a relative path: no absolute paths, drive letters or ``..`` components."""
    norm = member.replace("\\", "/")
    rel = PurePosixPath(norm)
    bad = (
        not norm
        or norm.startswith("/")
        or (len(norm) > 1 and norm[1] == ":")
        or any(part == ".." for part in rel.parts)
        or "\x00" in norm
    )
    if bad:
        raise DataFormatError(
            f"unsafe {what} {member!r}: absolute path or '..' would escape the target "
            "directory; nothing was extracted",
            path=archive,
        )
    return rel


def extract_zip(archive, target_dir, members=None) -> list[Path]:
    """Extract zip members inside ``target_dir``, refusing paths that escape it.

    Every selected member name is checked *before* anything is written; absolute paths,
    drive letters and ``..`` components are rejected. The files are written as one set
    (:func:`exposure._io.atomic_paths`): every member to a temporary file, all renamed
    into place at the end, none when a member cannot be read.

    Parameters
    ----------
    archive : str or os.PathLike
        The zip file.
    target_dir : str or os.PathLike
        Directory to extract into (created if needed).
    members : iterable of str, optional
        Member names to extract; default all file members (not the directory entries,
        also those written without their final ``/``, whose mode says a directory).

    Returns
    -------
    list of pathlib.Path
        The extracted files.

    Raises
    ------
    exposure.errors.DataFormatError
        When the archive is not a zip, lacks a requested member, a member name would
        escape ``target_dir``, or a member cannot be read (corrupt: a bad CRC-32; encrypted;
        compressed by a method :mod:`zipfile` does not read), naming the member; nothing
        is extracted then (a corrupt member was a bare ``zipfile.BadZipFile``, the members
        before it left extracted).
    exposure.errors.OutputError
        A file cannot be written in ``target_dir``.

    Examples
    --------
    >>> import tempfile, pathlib, zipfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with zipfile.ZipFile(d / "a.zip", "w") as zf:
    ...     zf.writestr("db/x.txt", "hello")
    >>> [p.relative_to(d / "out").as_posix() for p in extract_zip(d / "a.zip", d / "out")]
    ['db/x.txt']
    >>> with zipfile.ZipFile(d / "evil.zip", "w") as zf:
    ...     zf.writestr("../evil.txt", "boo")
    >>> extract_zip(d / "evil.zip", d / "out")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: ...evil.zip: unsafe zip member '../evil.txt': ...
    """
    _check_path_arg(archive, "archive")
    _check_path_arg(target_dir, "target_dir", "a directory path")
    if isinstance(members, str):  # it was read letter by letter: "archive has no member 'd'"
        raise ExposureError(f"members must be a list of zip member names (str) or None, got "
                            f"{shown(members)}: write [{members!r}]")
    members = _check_name_list(members, "members", "zip member names")
    archive = Path(archive)
    target = Path(target_dir)
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise DataFormatError(f"not a readable zip archive ({exc})", path=archive) from exc
    with zf:
        infos = {i.filename: i for i in zf.infolist()}
        if members is None:
            # a directory entry without its final '/' (its mode says a directory) refused the
            # whole archive, as no regular file: it is skipped, as those with the '/' are
            chosen = [i for i in infos.values() if not _is_directory(i)]
        else:
            chosen = []
            for m in members:
                if m not in infos:
                    raise DataFormatError(f"archive has no member {m!r}", path=archive)
                chosen.append(infos[m])
        plan = []
        base = target.resolve()
        for info in chosen:
            rel = _safe_relpath(info.filename, archive=archive)
            _check_member_type(info, archive)
            dest = target.joinpath(*rel.parts)
            if not dest.resolve().is_relative_to(base):
                raise DataFormatError(
                    f"unsafe zip member {info.filename!r}: resolves outside {target}",
                    path=archive,
                )
            if dest.is_dir():
                raise DataFormatError(
                    f"zip member {info.filename!r} would replace the directory {dest}; "
                    "nothing was extracted", path=archive,
                )
            plan.append((info, dest))
        _check_member_paths(plan, archive)
        # one set: a corrupt member left the members before it extracted (and was a bare
        # zipfile.BadZipFile); nothing is renamed into place unless every member reads
        with atomic_paths([dest for _, dest in plan]) as tmps:
            for (info, _), tmp in zip(plan, tmps, strict=True):
                try:
                    with zf.open(info) as src, open(tmp, "wb") as fh:
                        shutil.copyfileobj(src, fh, _CHUNK)
                except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
                    # RuntimeError: an encrypted member; NotImplementedError: a compression
                    # method zipfile cannot read (Deflate64)
                    raise DataFormatError(f"zip member {info.filename!r} cannot be read ({exc}); nothing was "
                                          "extracted", path=archive) from exc
    return [dest for _, dest in plan]


def _is_directory(info: zipfile.ZipInfo) -> bool:
    """Whether the zip member ``info`` is a directory entry: its name ends in ``/``, or its Unix mode says a directory.

    Examples
    --------
    >>> info = zipfile.ZipInfo("db_31_0_text")
    >>> info.external_attr = (stat.S_IFDIR | 0o755) << 16
    >>> _is_directory(info), _is_directory(zipfile.ZipInfo("db_31_0_text/")), _is_directory(zipfile.ZipInfo("a.txt"))
    (True, True, False)
    """
    return info.is_dir() or stat.S_ISDIR(info.external_attr >> 16)


def _check_member_type(info: zipfile.ZipInfo, archive: Path) -> None:
    """Refuse a member that is not a regular file (symbolic link, directory, device, fifo).

    A directory entry written without its final ``/`` (its mode says a directory) was
    said to be "a special file (mode 0o40755)".
    """
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if mode and kind and not stat.S_ISREG(kind):
        what = ("a symbolic link" if stat.S_ISLNK(kind) else "a directory" if stat.S_ISDIR(kind)
                else f"a special file (mode {oct(mode)})")
        raise DataFormatError(
            f"zip member {info.filename!r} is {what}, not a regular file; nothing was "
            "extracted", path=archive,
        )


def _check_member_paths(plan, archive: Path) -> None:
    """Refuse two members with one destination, or a file that another uses as a folder."""
    files = {}
    for info, dest in plan:
        if dest in files:
            raise DataFormatError(
                f"zip members {files[dest]!r} and {info.filename!r} are both extracted to "
                f"{dest}; nothing was extracted", path=archive,
            )
        files[dest] = info.filename
    for info, dest in plan:
        for parent in dest.parents:
            if parent in files:
                raise DataFormatError(
                    f"zip member {info.filename!r} needs {files[parent]!r} to be a "
                    "directory, but it is a file; nothing was extracted", path=archive,
                )


def _member_hint(zf: zipfile.ZipFile, member: str) -> str:
    """What the archive ``zf`` holds instead of ``member`` (``""`` when nothing like it).

    The error named only the member looked for: a file the publisher moved to another
    folder of the archive, or renamed in case, or dropped from a release, all read alike.

    Examples
    --------
    >>> import io
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w") as z:
    ...     z.writestr("db_31_0/Job Zones.txt", "x")
    >>> _member_hint(zipfile.ZipFile(buf), "db_31_0_text/Job Zones.txt")
    "; it has 'db_31_0/Job Zones.txt' (the file in another folder or case)"
    >>> _member_hint(zipfile.ZipFile(buf), "db_31_0_text/Tasks to DWAs.txt")
    "; none of its 1 file(s) is named 'Tasks to DWAs.txt' (the publisher dropped or renamed it?)"

    An archive of another release saved under this one's name (``oesm26nat.zip`` holding
    ``oesm25nat/national_M2025_dl.xlsx``) was "the publisher dropped or renamed it?": the
    release it holds is said.

    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w") as z:
    ...     z.writestr("oesm25nat/national_M2025_dl.xlsx", "x")
    >>> _member_hint(zipfile.ZipFile(buf), "oesm26nat/national_M2026_dl.xlsx")  # doctest: +ELLIPSIS
    "; it has 'oesm25nat/national_M2025_dl.xlsx': the archive holds OEWS May 2025's file, not OEWS May 2026's ..."
    """
    want = PurePosixPath(member).name
    files = [n for n in zf.namelist() if not n.endswith("/")]
    # the name with its year or release in other digits: national_M2025_dl.xlsx for national_M2026_dl.xlsx
    key = re.sub(r"[0-9]+", "#", want.lower())
    like = [n for n in files if PurePosixPath(n).name.lower() == want.lower()]
    other = [n for n in files if re.sub(r"[0-9]+", "#", PurePosixPath(n).name.lower()) == key] if not like else []
    wanted = _ARCHIVE_TOKEN.fullmatch(PurePosixPath(member).parts[0]) if "/" in member else None
    held = {_token_release(t) for t in (_ARCHIVE_TOKEN.fullmatch(PurePosixPath(n).parts[0])
                                        for n in (like or other) if "/" in n) if t is not None}
    if wanted is not None and len(held) == 1 and held != {_token_release(wanted)}:
        return (f"; it has {', '.join(map(repr, (like or other)[:3]))}: the archive holds {held.pop()}'s file, "
                f"not {_token_release(wanted)}'s (another release's zip, saved under this one's name?)")
    if like:
        return f"; it has {', '.join(map(repr, like[:3]))} (the file in another folder or case)"
    return f"; none of its {len(files)} file(s) is named {want!r} (the publisher dropped or renamed it?)"


def _unreadable_member(exc: Exception) -> str:
    """Why :mod:`zipfile` could not read a member (``exc``), as said after the member's name.

    An encrypted member (a zip made with a password: :mod:`zipfile`'s ``RuntimeError``) was
    a traceback from inside; one compressed by a method :mod:`zipfile` does not read
    (Deflate64, which 7-Zip can be set to use) was said to be "corrupt".

    Examples
    --------
    >>> _unreadable_member(RuntimeError("File <ZipInfo ...> is encrypted, password required for extraction"))
    'is encrypted (a zip made with a password), which the library cannot read'
    >>> _unreadable_member(zipfile.BadZipFile("Bad CRC-32 for file 'a.txt'"))
    "is corrupt (Bad CRC-32 for file 'a.txt')"
    """
    if isinstance(exc, NotImplementedError):  # (a RuntimeError too)
        return f"is compressed by a method Python's zipfile cannot read (Deflate64, or another: {exc})"
    if isinstance(exc, RuntimeError):
        return "is encrypted (a zip made with a password), which the library cannot read"
    return f"is corrupt ({exc})"


def _member_copies(zf: zipfile.ZipFile, member: str) -> list[str]:
    """The other files of the zip ``zf`` named as ``member`` (in any case), in another folder of it.

    A macOS resource fork (``__MACOSX/...``) is none.

    Examples
    --------
    >>> import io
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w") as z:
    ...     for name in ("db_31_0_text/Job Zones.txt", "Job Zones.txt", "__MACOSX/Job Zones.txt", "a/"):
    ...         z.writestr(name, "x")
    >>> _member_copies(zipfile.ZipFile(buf), "db_31_0_text/Job Zones.txt")
    ['Job Zones.txt']
    """
    want = PurePosixPath(member).name.lower()
    return [info.filename for info in zf.infolist()
            if info.filename != member and not _is_directory(info)
            and PurePosixPath(info.filename).name.lower() == want
            and PurePosixPath(info.filename).parts[0].lower() not in _FOLDER_LITTER]


def _member_digests(zf: zipfile.ZipFile, member: str) -> tuple[str, str] | None:
    """``(sha256, sha256 with CRLF read as LF)`` of the zip member ``member``; None when it cannot be read."""
    digest, lf = hashlib.sha256(), _LfDigest()
    try:
        with zf.open(member) as fin:
            for chunk in iter(lambda: fin.read(_CHUNK), b""):
                digest.update(chunk)
                lf.update(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError):
        return None  # said where the member is read
    return digest.hexdigest(), lf.hexdigest()


def _check_member_copies(zf: zipfile.ZipFile, archive: Path, src: Source) -> None:
    """Refuse the user's zip ``archive`` holding ``src``'s file twice, with other bytes.

    A zip made by hand of the release folder and, beside it, the file itself (the user
    zipped both: ``db_31_0_text/Job Zones.txt`` and ``Job Zones.txt``) was read from the
    folder's member, the other passed over without a word, although it may be the one the
    user corrected. The same bytes in both are read as before.
    """
    others = _member_copies(zf, src.member)
    if not others:
        return
    read = _member_digests(zf, src.member)
    if read is None:
        return
    for other in others:
        held = _member_digests(zf, other)
        if held is None or held[0] == read[0]:
            continue
        first, second = f"{archive}!{src.member}", f"{archive}!{other}"
        if held[1] != read[1]:
            why = "two dates of the release?"
        else:
            sizes = (zf.getinfo(src.member).file_size, zf.getinfo(other).file_size)
            why = _other_line_ends(*((first, second) if sizes[0] > sizes[1] else (second, first)))
        raise DownloadError(
            f"{src.name}: your copy of the publisher's download {archive} holds two copies of it with other "
            f"bytes: {first} (sha256 {read[0]}) and {second} (sha256 {held[0]}): {why} The library reads "
            f"{src.member!r}: keep the one you want there (and remove the other from the zip); nothing was read")


def _extract_member_verified(archive: Path, src: Source, dest: Path, *, downloaded: bool = False) -> None:
    """Extract ``src.member`` from ``archive`` to ``dest`` atomically, verifying sha256.

    ``downloaded`` says that ``archive`` is the library's own download (which is removed
    when a member is corrupt); otherwise it is the user's copy, kept, and named so.
    """
    _safe_relpath(src.member, archive=archive)
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        if downloaded and isinstance(exc, zipfile.BadZipFile):
            # it named the cache's copy, removed by then, and neither the URL nor what to do
            size = _size_and_end(archive)[0]
            raise DownloadError(
                f"{src.name}: the archive downloaded from {src.archive_url} ({size:,} bytes) is not a readable zip "
                f"archive ({exc}): cut short (a server or proxy declaring a Content-Length shorter than the file?), "
                f"or not the zip? It was removed: try again later, or check the source's URL and ${ENV_URL_MAP}; "
                "nothing was written to the cache") from exc
        raise DownloadError(f"{src.name}: {archive} is not a readable zip archive ({exc})") from exc
    with zf:
        try:
            info = zf.getinfo(src.member)
        except KeyError:
            # the zip's directory was read: the archive is whole, and kept (it was removed,
            # so every other file of the release downloaded it again)
            if downloaded:
                error = DownloadError(
                    f"{src.name}: archive {src.archive_url} ({archive}) has no member {src.member!r}"
                    f"{_member_hint(zf, src.member)}; the archive is kept in {archive} for the "
                    "release's other files (delete it to download it anew)")
            else:  # the user's zip was said as the publisher's URL, with no word on what to do
                error = DownloadError(
                    f"{src.name}: your copy of the publisher's download {archive} has no member "
                    f"{src.member!r}{_member_hint(zf, src.member)}; if it is not the publisher's whole "
                    f"zip (a zip made or trimmed by hand?), replace it with the download of {src.archive_url} "
                    "(or remove it to download the release); nothing was read")
            error.archive_kept = True  # a good zip: _from_network keeps it
            raise error from None
        try:
            _check_member_type(info, archive)
        except DataFormatError as exc:
            mine = "" if downloaded else (  # the user's zip: what to do was not said
                f"; {archive} is your copy of the publisher's download: replace it with the download of "
                f"{src.archive_url} (or remove it to download the release)")
            raise DownloadError(f"{src.name}: {exc}{mine}") from exc
        if not downloaded:  # the publisher's own zip holds each file once
            _check_member_copies(zf, archive, src)
        digest = hashlib.sha256()
        with _partial(dest) as tmp:
            with open(tmp, "wb") as fout:
                try:
                    with zf.open(info) as fin:
                        for chunk in iter(lambda: fin.read(_CHUNK), b""):
                            digest.update(chunk)
                            fout.write(chunk)
                except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
                    # the user's own copy is kept: "the archive was removed, fetch again"
                    # was untrue for it, and fetching again read the same bytes again
                    after = ("the archive was removed, fetch again to download it anew" if downloaded
                             else "it is your copy of the publisher's download: replace it with a "
                             "good one (or remove it to download the file)")
                    raise DownloadError(
                        f"{src.name}: member {src.member!r} of {archive} {_unreadable_member(exc)}; {after}"
                    ) from exc
            if src.pinned and digest.hexdigest() != src.sha256:
                raise ChecksumMismatchError(
                    src.name, src.sha256, digest.hexdigest(), path=f"{archive}!{src.member}"
                )
            _make_readable(tmp)


# ---------------------------------------------------------------------------------------
# Download
# ---------------------------------------------------------------------------------------


_HTML_TAG = re.compile(rb"<(?:!doctype\s+html|html|head|body|title)[\s>/]", re.IGNORECASE)
_BOM = b"\xef\xbb\xbf"
#: Bytes of a first tag enough to tell whether it is one of :data:`_HTML_TAG`.
_TAG_BYTES = 64


class _HtmlStart:
    """Tell, as a body streams in, whether it starts as an HTML page does.

    Past a byte-order mark, blanks, an XML declaration (XHTML) and comments, the first
    tag is ``<!DOCTYPE html``, ``<html``, ``<head``, ``<body`` or ``<title``. The blanks
    and comments are dropped as they come (a comment is not kept, only its last two
    bytes, where ``-->`` may begin), so that a page with a long banner comment or many
    blank lines first is still seen, without keeping or reading the body twice: the
    first 512 bytes alone were looked at, and such a page was taken for the data file.

    Examples
    --------
    >>> sniff = _HtmlStart()
    >>> for piece in (b"<!-- a long", b" banner -->\\n", b"<HTML><body>Not found"):
    ...     sniff.feed(piece)
    >>> sniff.finish()
    True
    """

    def __init__(self):
        self.pending = b""  # the bytes not yet decided on
        self.verdict: bool | None = None
        self._at_start = True
        self._in_comment = False
        self._seen_xml = False

    def feed(self, chunk: bytes) -> None:
        """Read the next bytes of the body (nothing more is kept once it is decided)."""
        if self.verdict is None:
            self.pending += chunk
            self._scan(final=False)

    def finish(self) -> bool:
        """The verdict, at the end of the body: True when it starts as an HTML page."""
        if self.verdict is None:
            self._scan(final=True)
        return bool(self.verdict)

    def _scan(self, *, final: bool) -> None:
        buf = self.pending
        if self._at_start:
            if not final and len(buf) < len(_BOM) and _BOM.startswith(buf):
                return  # perhaps a byte-order mark, cut by the read
            buf = buf.removeprefix(_BOM)
            self._at_start = False
        while True:
            if self._in_comment:
                end = buf.find(b"-->")
                if end < 0:
                    self.pending = buf[-2:]  # where "-->" may begin
                    if final:
                        self.verdict = False
                    return
                buf, self._in_comment = buf[end + 3:], False
                continue
            buf = buf.lstrip()
            if buf.startswith(b"<!--"):
                buf, self._in_comment = buf[4:], True
                continue
            if not self._seen_xml and buf[:5].lower() == b"<?xml":
                end = buf.find(b"?>")
                if end >= 0 and b">" not in buf[:end]:
                    buf, self._seen_xml = buf[end + 2:], True
                    continue
                if end < 0 and b">" not in buf and len(buf) < _CHUNK and not final:
                    self.pending = buf  # the declaration is not whole yet
                    return
                self.verdict = False
                return
            if not buf:
                self.pending = b""
                if final:
                    self.verdict = False
                return
            cut = (b"<!--".startswith(buf) or (not self._seen_xml and b"<?xml".startswith(buf.lower()))
                   or (buf.startswith(b"<") and len(buf) < _TAG_BYTES and _HTML_TAG.match(buf) is None))
            if cut and not final:
                self.pending = buf  # a comment, a declaration or a tag cut by the read
                return
            self.verdict = _HTML_TAG.match(buf) is not None
            self.pending = b""
            return


def _looks_like_html(head: bytes) -> bool:
    """True when a body starts as an HTML page does (see :class:`_HtmlStart`).

    Examples
    --------
    >>> _looks_like_html(b"\\n<!-- 404 -->\\n<HTML><body>Not found")
    True
    >>> _looks_like_html(b"name,note\\n<html>,a tag in a cell\\n")
    False
    """
    sniff = _HtmlStart()
    sniff.feed(head)
    return sniff.finish()


class _Retryable(Exception):
    """A failed attempt worth retrying.

    ``retry_after`` is the wait in seconds the server asked for (``Retry-After``), else
    None; ``hint`` says what to do when it is the last attempt's failure.
    """

    def __init__(self, message: str, *, retry_after: float | None = None, hint: str = "",
                 unreachable: str = "", host: str = ""):
        super().__init__(message)
        self.retry_after = retry_after
        self.hint = hint
        self.unreachable = unreachable  # why no connection to the host could be made, else ""
        self.host = host  # that host (a redirect's, not the URL's own), when it is said


#: The hosts that could not be reached in one :func:`fetch_many` run: host -> (the file whose
#: download found it so, why). Set by :func:`fetch_many` alone; None elsewhere.
_UNREACHABLE: contextvars.ContextVar[dict[str, tuple[str, str]] | None] = contextvars.ContextVar(
    "exposure_unreachable_hosts", default=None)


def _unreachable_reason(exc) -> str:
    """Why no connection could be made, for a ``requests.ConnectionError`` ``exc``; ``""`` if one was.

    A name that does not resolve, a refused connection and a connect timeout say that the
    host cannot be reached at all; a connection dropped during the transfer (or a proxy's
    error) does not.
    """
    import requests
    import urllib3.exceptions

    if isinstance(exc, requests.exceptions.ProxyError):
        return ""
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    # urllib3 2 names a failed lookup; urllib3 1.26 says it as a NewConnectionError
    if isinstance(reason, getattr(urllib3.exceptions, "NameResolutionError", ())):
        return "its name could not be resolved"
    if isinstance(reason, urllib3.exceptions.NewConnectionError):  # refused, no route to the host
        return "no connection could be made"
    if isinstance(exc, requests.exceptions.ConnectTimeout) or isinstance(
            reason, urllib3.exceptions.ConnectTimeoutError):
        return "the connection timed out"
    return ""


#: What to do when the server could not be reached (said with the last attempt's failure).
_NETWORK_HINT = (f"check the network connection (or the proxy), or read a local copy with --mirror / "
                 f"${ENV_MIRROR}")


#: What to do after an HTTP error that no retry mends.
_HTTP_HINTS = {
    403: (f"; the server refused the request: BLS refuses a User-Agent without a contact (set "
          f"${ENV_USER_AGENT}, e.g. 'study/1 (mailto:you@example.org)'), or read a local copy with "
          f"--mirror / ${ENV_MIRROR}"),
    404: (f"; the file is not (or no longer) at this URL: check the source's URL and ${ENV_URL_MAP}, "
          f"or read a local copy with --mirror / ${ENV_MIRROR}"),
}
_HTTP_HINTS[410] = _HTTP_HINTS[404]


def _retry_after(value: str | None) -> float | None:
    """Seconds of a ``Retry-After`` header (a number of seconds or an HTTP date); None if unreadable.

    Examples
    --------
    >>> _retry_after("120"), _retry_after("soon"), _retry_after("Wed, 21 Oct 2015 07:28:00 GMT")
    (120.0, None, 0.0)
    """
    value = (value or "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _read_timeout(timeout, remaining: float):
    """``timeout`` with its read part capped at the ``remaining`` seconds of the deadline."""
    connect, read = timeout if isinstance(timeout, tuple) else (timeout, timeout)
    cap = max(remaining, 0.001)
    return (connect if connect is None else min(connect, cap),
            cap if read is None else min(read, cap))


def _attempt(session, url: str, tmp: Path, *, label: str, timeout, html_ok: bool,
             deadline_at: float = float("inf"), max_bytes: int | None = None, data_file: bool = False,
             pinned: bool = False) -> str:
    """One GET of ``url`` into ``tmp``; return the sha256 of the body.

    The body is read as sent (never decoded), in reads of whatever the socket has, so
    that the overall ``deadline_at`` (a :func:`time.monotonic` value) and the size cap
    ``max_bytes`` are checked after every read. ``data_file``: the file is one of
    :data:`_DATA_SUFFIXES`, and an XML or JSON document is refused
    (:func:`_error_document`). A body the server sent beyond its Content-Length
    (:func:`_past_declared`) is refused unless ``pinned`` (the digest then decides; it is
    not looked for) or it is a zip (cut short, it is refused by its reader).
    """
    import requests

    remaining = deadline_at - time.monotonic()
    limits = _read_timeout(timeout, remaining)
    headers = {"Accept-Encoding": "identity"}
    if not pinned:  # the server closes the connection after the body: the look past its end ends there
        headers["Connection"] = "close"
    try:
        response = session.get(url, stream=True, timeout=limits, allow_redirects=True, headers=headers)
    except requests.exceptions.TooManyRedirects as exc:
        # a loop (or an endless chain) of redirects: no retry mends it; it was tried
        # `retries` times, with backoff, and said only "Exceeded 30 redirects"
        raise DownloadError(f"{label}: {url} redirects in a loop (or more than "
                            f"{getattr(session, 'max_redirects', 30)} times: {exc}); check the source's URL and "
                            f"${ENV_URL_MAP}; nothing was downloaded") from exc
    except requests.exceptions.InvalidHeader as exc:  # a ValueError too: "redirects to a URL that cannot be ..."
        # the answer's headers (two Content-Lengths that differ), the request's were checked (_check_user_agent)
        raise DownloadError(f"{label}: the answer to {url} has a header that cannot be read ({type(exc).__name__}: "
                            f"{exc}): a broken server or proxy? try again later, or check the source's URL and "
                            f"${ENV_URL_MAP}; nothing was downloaded") from exc
    except ValueError as exc:  # requests' InvalidSchema, MissingSchema and InvalidURL are ValueErrors
        # no retry can mend the URL itself: it was tried `retries` times, with backoff
        if _is_http(url) and _well_formed(url):
            # a redirect to a Location that is no http(s) URL (ftp://, file://) was said to be
            # "'http://host/a.csv' is not a valid URL", and one that cannot be parsed
            # ("http://[::1") was a bare ValueError from inside requests
            raise DownloadError(f"{label}: {url} redirects to a URL that cannot be downloaded "
                                f"({type(exc).__name__}: {exc}); check the source's URL and "
                                f"${ENV_URL_MAP}; nothing was downloaded") from exc
        what = "is not a valid URL" if _is_http(url) else "is not an http:// or https:// URL"
        raise DownloadError(f"{label}: {url!r} {what} ({type(exc).__name__}: {exc}); check the "
                            f"source's URL and ${ENV_URL_MAP}; nothing was downloaded") from exc
    except requests.ConnectionError as exc:  # refused, no such host, connect timeout
        raise _Retryable(f"{type(exc).__name__}: {exc}", hint=_NETWORK_HINT,
                         unreachable=_unreachable_reason(exc),
                         # the request that failed: a redirect's to another host marked the URL's own
                         host=_host(getattr(getattr(exc, "request", None), "url", None) or url)) from exc
    except requests.exceptions.ReadTimeout as exc:  # urllib3's words: "HTTPConnectionPool(host=...): Read timed out."
        if time.monotonic() > deadline_at:
            raise DownloadError(f"{label}: download of {url} did not finish within its deadline (no answer to "
                                "the request in the last attempt); nothing was written to the cache") from exc
        raise _Retryable(_stalled(limits[1], None, None), hint=_STALL_HINT) from exc
    except requests.RequestException as exc:
        raise _Retryable(f"{type(exc).__name__}: {exc}") from exc
    with response:
        status = response.status_code
        if status == 429 or status >= 500:
            # the server's Retry-After was ignored: the retries came at the backoff's pace
            asked = response.headers.get("Retry-After")
            said = f" (Retry-After: {' '.join(asked.split())[:40]})" if asked else ""
            raise _Retryable(f"HTTP {status} {response.reason}{said}", retry_after=_retry_after(asked),
                             hint="the server is busy or limits the requests: try again later")
        if status >= 400:
            # the status alone said nothing of what to do
            raise DownloadError(f"{label}: HTTP {status} {response.reason} from {url}"
                                f"{_HTTP_HINTS.get(status, '')}")
        if status >= 300 or status == 206:
            # redirects with a Location are followed: this one has none (or is not one to follow),
            # and a 206 is a part of the file; its body was saved as the file (a pinned file
            # was then a bare "sha256 mismatch", a new one read as it was)
            what = ("a part of the file, not the whole file asked for (a proxy or cache serving a range?)"
                    if status == 206 else "a redirect without a Location to follow, not the file")
            raise DownloadError(f"{label}: {url} answered HTTP {status} {response.reason}: {what}; check the "
                                f"source's URL and ${ENV_URL_MAP}; nothing was written to the cache")
        ctype = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype == "text/html" and not html_ok:
            raise DownloadError(
                f"{label}: {url} returned an HTML page (Content-Type text/html) instead of "
                "the data file; nothing was written to the cache"
            )
        encoding = response.headers.get("Content-Encoding", "").strip().lower()
        if encoding not in ("", "identity"):
            raise DownloadError(
                f"{label}: {url} sent a body with Content-Encoding {encoding!r}, which was not "
                "asked for (Accept-Encoding: identity); refused without decoding it, nothing "
                "was written to the cache"
            )
        expected_len = response.headers.get("Content-Length")
        if (max_bytes is not None and expected_len is not None and expected_len.isdigit()
                and int(expected_len) > max_bytes):
            error = DownloadError(
                f"{label}: {url} announces {int(expected_len):,d} bytes (Content-Length), "
                f"more than the {max_bytes:,d} expected; nothing was downloaded"
            )
            error.over_size = True  # fetch names the pin the cap came from
            raise error
        digest = hashlib.sha256()
        received = 0
        # the bytes the server sent past its Content-Length (b"": none), None until looked for
        past = b"" if pinned else None
        head = b""
        sniff = _HtmlStart()
        try:
            fh = open(tmp, "wb")
        except OSError as exc:
            raise CacheWriteError(f"{label}: cannot write into {tmp.parent}: {exc.strerror or exc}") from exc
        with fh:
            while True:
                if time.monotonic() > deadline_at:
                    raise DownloadError(
                        f"{label}: download of {url} did not finish within its deadline "
                        f"({received:,d} bytes received in the last attempt); nothing was "
                        "written to the cache"
                    )
                try:
                    if past is None:
                        wait = TAIL_WAIT_KEPT_OPEN if _kept_open(response) else TAIL_WAIT
                        past = _past_declared(response, min(wait, limits[1], deadline_at - time.monotonic()))
                    left = _declared_left(response)
                    # until the look past the end is made, the last declared byte is not read: the end
                    # of the body closes the connection, and what came after it is lost
                    chunk = response.raw.read1(min(_CHUNK, left - 1) if past is None and left and left > 1
                                               else _CHUNK, decode_content=False)
                except Exception as exc:  # urllib3 ProtocolError (IncompleteRead), timeouts
                    if time.monotonic() > deadline_at:
                        continue  # reported as the deadline above
                    if _timed_out(exc):
                        # it was "transfer interrupted (Content-Length 8): TimeoutError: timed out": no
                        # byte count, no timeout, nothing on what to do
                        raise _Retryable(_stalled(limits[1], received, expected_len), hint=_STALL_HINT) from exc
                    if "IncompleteRead" in str(exc) and expected_len is not None and expected_len.isdigit():
                        # it was urllib3's repr of the error, twice, and no word on what to do
                        raise _Retryable(
                            f"truncated body: received {received} bytes of the Content-Length {expected_len} "
                            "declared (the connection was closed before the end)",
                            hint=_CUT_HINT) from exc
                    what = "truncated body" if "IncompleteRead" in str(exc) else "transfer interrupted"
                    raise _Retryable(
                        f"{what} (Content-Length {expected_len}): {type(exc).__name__}: {exc}"
                    ) from exc
                if not chunk:
                    break
                if len(head) < 512:
                    head += chunk[: 512 - len(head)]
                if not html_ok:
                    sniff.feed(chunk)
                received += len(chunk)
                if max_bytes is not None and received > max_bytes:
                    error = DownloadError(
                        f"{label}: {url} sent more than the {max_bytes:,d} bytes expected; "
                        "stopped reading, nothing was written to the cache"
                    )
                    error.over_size = True  # fetch names the pin the cap came from
                    raise error
                digest.update(chunk)
                try:
                    fh.write(chunk)
                except OSError as exc:
                    # named the partial file, already removed when the message was read
                    raise CacheWriteError(
                        f"{label}: cannot write into {tmp.parent}: {exc.strerror or exc}"
                    ) from exc
        if expected_len is not None and expected_len.isdigit() and received != int(expected_len):
            raise _Retryable(
                f"truncated body: received {received} of {expected_len} bytes (Content-Length)"
            )
    if received == 0:
        raise DownloadError(f"{label}: {url} returned an empty body; nothing was written")
    if not html_ok and sniff.finish():
        raise DownloadError(
            f"{label}: {url} returned an HTML page (body starts with {head.strip()[:15]!r}) instead "
            "of the data file; nothing was written to the cache"
        )
    document = _error_document(ctype, head) if data_file else ""
    if document:  # S3's <Error><Code>AccessDenied</Code> was kept as the data file (only HTML was refused)
        raise DownloadError(
            f"{label}: {url} returned {document} instead of the data file: the server's answer to an error (access "
            f"denied, no such file?); check the source's URL and ${ENV_URL_MAP}; nothing was written to the cache")
    if past and past.strip() and not head.startswith(_ZIP_MAGIC):  # a line break after the body is no sign
        # the file's first Content-Length bytes were kept as the file, without a word
        raise _Retryable(
            f"body cut short: the server sent more than the {received:,} bytes its Content-Length declares, and "
            "only those were read (a server or proxy declaring a Content-Length shorter than the file?)",
            hint=_CUT_HINT)
    return digest.hexdigest()


#: What to do after a body cut short (said with the last attempt's failure).
_CUT_HINT = f"try again later, or check the source's URL and ${ENV_URL_MAP}"


def _timed_out(exc: BaseException) -> bool:
    """Whether ``exc``, raised by a read of the body, is its read timeout (a socket's or urllib3's)."""
    import urllib3.exceptions

    return isinstance(exc, (TimeoutError, urllib3.exceptions.ReadTimeoutError))


#: What to do after a server that stopped sending (said with the last attempt's failure).
_STALL_HINT = "a slow or stalled server (or network): try again later, or give a longer timeout (--timeout, timeout=)"


def _stalled(seconds: float, received: int | None, declared: str | None) -> str:
    """Why an attempt stopped: no byte came for ``seconds``, the read timeout, after ``received`` bytes of the body.

    ``received`` is None when not even the answer's headers came; ``declared`` is the
    answer's Content-Length (None when it declared none).

    Examples
    --------
    >>> _stalled(2.0, 4, "8")
    'stalled: no byte came for 2 s (the read timeout) after 4 bytes of the Content-Length 8 declared'
    >>> _stalled(0.5, None, None)
    'stalled: no answer came for 0.5 s (the read timeout) after the request'
    """
    if received is None:
        return f"stalled: no answer came for {seconds:g} s (the read timeout) after the request"
    of = f" of the Content-Length {declared} declared" if declared is not None and declared.isdigit() else ""
    return (f"stalled: no byte came for {seconds:g} s (the read timeout) after {received:,} "
            f"byte{'' if received == 1 else 's'}{of}")


#: Seconds a download no sha256 pins waits, at the end its Content-Length declares, for bytes
#: the server sends after it (it is asked to close the connection there: it then waits no longer).
TAIL_WAIT = 1.0

#: :data:`TAIL_WAIT` of a server that answers it keeps the connection open (``Connection:
#: keep-alive``), which ends the body at its Content-Length by its own word: bytes sent past it
#: (a file that grew while it was sent) come with the body, not a second later.
TAIL_WAIT_KEPT_OPEN = 0.05


def _kept_open(response) -> bool:
    """True when ``response`` says its server keeps the connection open after the body (``Connection: keep-alive``, no ``close``).

    Such a server ignored the ``Connection: close`` asked for: :data:`TAIL_WAIT` (1 s) was
    waited for its next byte after each file, some 40 s for a new O*NET release.

    Examples
    --------
    >>> import requests
    >>> r = requests.Response()
    >>> r.headers["Connection"] = "Keep-Alive"
    >>> _kept_open(r), _kept_open(requests.Response())
    (True, False)
    """
    tokens = {token.strip().lower() for token in response.headers.get("Connection", "").split(",")}
    return "keep-alive" in tokens and "close" not in tokens


def _past_declared(response, wait: float) -> bytes | None:
    """The bytes the server sent past the end the Content-Length of ``response`` declares; None: not looked at yet.

    A server or proxy declaring a Content-Length shorter than the file it sends: the
    client reads no further, and the file's first bytes were kept as the whole file. The
    look is made when the rest of the declared body is in the client's buffer (its last
    byte not read: :func:`_attempt` leaves it): the bytes buffered after it, else those
    that arrive on the connection within ``wait`` seconds (:func:`_arriving`: a body that
    trickles in). ``b""`` when nothing is past the end, none is declared (chunked, or no
    Content-Length: the body is read to its end) or it cannot be looked at.

    No public interface shows the bytes past the declared end that the client has already
    received: :mod:`http.client` caps every read (``read``, ``read1``, ``readinto``) at the
    Content-Length and drops its buffer when the body ends, urllib3 exposes neither that
    buffer nor the :class:`http.client.HTTPResponse` holding it (its ``enforce_content_length``
    refuses a body shorter than declared only), and the socket below holds only the bytes not
    buffered yet (encrypted ones too, over TLS). So the buffer is looked at through urllib3's
    private ``_fp`` (:meth:`http.client.HTTPResponse.peek`, which does not cap), and skipped
    where that is absent; the rest uses public interfaces (urllib3's ``length_remaining`` and
    ``fileno()``).
    """
    left = _declared_left(response)
    if not left:  # None: read to the end; 0: the end is read (a body cut short is said by urllib3)
        return b""
    if left >= io.DEFAULT_BUFFER_SIZE:  # a buffer holds nothing past the end yet: looked at nearer it
        return None
    peek = getattr(getattr(response.raw, "_fp", None), "peek", None)  # private: see above
    if peek is None:
        return b""
    seen = peek(left + 1)  # one read of the connection at most, when the buffer is empty
    if not seen:
        return b""  # the connection closed before the end: said as a body cut short by the read
    if len(seen) > left:
        return seen[left:]
    if len(seen) < left:
        return None  # the rest of the body is still on its way: looked at again after the next read
    return _arriving(response, wait)


def _arriving(response, wait: float) -> bytes:
    """Up to 64 bytes that arrive on the connection of ``response`` within ``wait`` seconds (b"": none, or it closed).

    Called when the client's buffer holds the whole rest of the declared body: every byte
    still to come on the connection is past its end. Read from a copy of the socket's
    descriptor (urllib3's public ``fileno()``), never by the HTTP client; a line break some
    servers send after the body is read past, to the bytes behind it. Not over TLS (the
    socket carries encrypted records: a closing alert would read as bytes) nor through a
    proxy reached by TLS, where b"" is returned.
    """
    import socket

    import urllib3.connection

    conn = response.raw.connection
    proxy = getattr(conn, "proxy", None)
    if (conn is None or isinstance(conn, urllib3.connection.HTTPSConnection)
            or getattr(proxy, "scheme", None) == "https" or wait <= 0):
        return b""
    try:
        sock = socket.socket(fileno=os.dup(response.raw.fileno()))
    except (OSError, ValueError):  # closed, or no descriptor to copy (a platform without os.dup of sockets)
        return b""
    seen = b""
    end = time.monotonic() + wait
    with sock:
        while len(seen) < 64 and not seen.strip():
            remaining = end - time.monotonic()
            if remaining <= 0:
                break
            sock.settimeout(remaining)
            try:
                got = sock.recv(64 - len(seen))
            except OSError:  # TimeoutError: nothing came (a server keeping the connection open)
                break
            if not got:  # the server closed the connection at the end it declared
                break
            seen += got
    return seen


def _declared_left(response) -> int | None:
    """The bytes of the body of ``response`` its Content-Length declares and that are not read yet; None if not known (chunked)."""
    left = getattr(response.raw, "length_remaining", None)  # urllib3's public count
    return left if isinstance(left, int) else None


#: The start of a JSON error document (``{"error": ...}``, ``{"message": ...}``, ``{"code": ...}``),
#: whatever its Content-Type says: see :func:`_error_document`.
_JSON_ERROR = re.compile(rb'\{\s*"(?:errors?|message|code)"\s*:', re.IGNORECASE)


def _error_document(ctype: str, head: bytes) -> str:
    """``"an XML document (...)"`` when the body starting with ``head``, served as ``ctype``, is an XML or JSON document; else ``""``.

    A storage service or an API answers an error with such a document and HTTP 200 (S3's
    ``<?xml ...?><Error><Code>AccessDenied</Code>``, ``{"error": ...}``): it was kept as
    the data file, where only an HTML page was refused. An XHTML page is said an HTML
    page before this is asked. A body whose Content-Type says neither is one when it
    starts so (``<?xml``, ``<Error>``; a JSON object whose first key is ``error``,
    ``errors``, ``message`` or ``code``, :data:`_JSON_ERROR`: a table's header line
    never starts so; none of the real files does).

    Examples
    --------
    >>> _error_document("application/xml", b'<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>')
    'an XML document (Content-Type application/xml, error code AccessDenied)'
    >>> _error_document("application/octet-stream", b"<Error><Code>NoSuchKey</Code>")
    "an XML document (body starts with b'<Error><Code>No', error code NoSuchKey)"
    >>> _error_document("application/json", b'{"error": "not found"}')
    'a JSON document (Content-Type application/json)'
    >>> print(_error_document("text/plain", b' \\n{"message": "Not Found"}'))
    a JSON document (body starts with b'{"message": "No')
    >>> _error_document("text/csv", b"name,note\\n<Error>,a tag in a cell\\n")
    ''
    >>> _error_document("text/csv", b'{"a": 1},note\\n')
    ''
    """
    start = head.removeprefix(_BOM).lstrip()
    typed = ctype.rsplit("+", 1)[-1] if "+" in ctype else ctype.rsplit("/", 1)[-1]
    if typed in ("xml", "json") and "/" in ctype:
        kind, how = typed, f"Content-Type {ctype}"
    elif start[:5].lower() == b"<?xml" or start[:7].lower() == b"<error>":
        kind, how = "xml", f"body starts with {start[:15]!r}"
    elif _JSON_ERROR.match(start):  # served as text/plain or octet-stream: it was kept
        kind, how = "json", f"body starts with {start[:15]!r}"
    else:
        return ""
    code = re.search(rb"<Code>([^<]{1,80})</Code>", head) if kind == "xml" else None
    said = f", error code {code.group(1).decode('utf-8', 'replace')}" if code else ""
    return f"{'an XML' if kind == 'xml' else 'a JSON'} document ({how}{said})"


def _session(user_agent: str | None = None):
    import requests

    if user_agent:
        _check_user_agent(user_agent, "user_agent")
    agent = user_agent or _env_user_agent() or USER_AGENT  # refused before any request
    session = requests.Session()
    session.headers["User-Agent"] = agent
    session.headers["Accept-Encoding"] = "identity"
    return session


def download(
    url: str,
    dest,
    *,
    sha256: str | None = None,
    name: str | None = None,
    timeout=None,
    retries: int | None = None,
    backoff: float | None = None,
    session=None,
    deadline: float | None = None,
    max_bytes: int | None = None,
) -> Path:
    """Download ``url`` to ``dest`` atomically, optionally verifying its sha256.

    The body is streamed to a temporary file beside ``dest`` and renamed into place only
    when it is complete, not empty, not an HTML page (unless ``dest`` ends in ``.html``)
    and, if ``sha256`` is given, has that hash. Connection errors, timeouts, truncated
    bodies and HTTP 429/5xx are retried ``retries`` times with exponential backoff (longer
    when the server's ``Retry-After`` asks, up to :data:`MAX_BACKOFF`); other HTTP errors
    fail at once. The whole download, retries included, must finish within
    ``deadline`` seconds; a body longer than ``max_bytes``, or one with a
    ``Content-Encoding`` (only ``identity`` is asked for), is refused.

    Without ``sha256``, a body the server sends past its Content-Length is refused: over
    plain HTTP the request asks the server to close the connection after the body, and
    what arrives within :data:`TAIL_WAIT` seconds (1) of its declared end is looked at. A
    server that keeps the connection open all the same adds that wait to each such
    download, unless it says so (``Connection: keep-alive``: then
    :data:`TAIL_WAIT_KEPT_OPEN`, 0.05 s); one that closes it, a pinned download (judged by
    its digest) and an ``https`` URL never wait.

    Parameters
    ----------
    url : str
    dest : str or os.PathLike
        Final path.
    sha256 : str, optional
        Expected hex digest (read as :func:`verify` reads it).
    name : str, optional
        Name used in messages (default: ``dest``).
    timeout : float or (float, float), optional
        Connect and read timeouts in seconds (default :data:`TIMEOUT`).
    retries : int, optional
        Retries after the first attempt (default :data:`RETRIES`).
    backoff : float, optional
        Base of the exponential backoff in seconds (default :data:`BACKOFF`).
    session : requests.Session, optional
        Session to use (default: a new one with the project's User-Agent).
    deadline : float, optional
        Overall time limit in seconds (default :data:`DEADLINE`).
    max_bytes : int, optional
        Largest body accepted, a whole number of bytes of 1 or more (default: no limit);
        reading stops beyond it.

    Returns
    -------
    pathlib.Path
        ``dest``.

    Raises
    ------
    exposure.errors.DataFormatError
        A ``timeout``, ``retries``, ``backoff`` or ``deadline`` that is no number of its
        range (:func:`_check_network`), before any request; :func:`fetch` and
        :func:`fetch_many` check them too, with a mirror as well. So are a ``sha256`` that
        is not 64 hexadecimal digits and a ``max_bytes`` that is no whole number of 1 or
        more.
    exposure.errors.DownloadError
        Network/HTTP failure, timeout, deadline, truncated, empty, too long or encoded
        body, HTML page, a redirect without a Location to follow or a part of the file
        (HTTP 206). So is an XML or JSON document where a data file goes (a ``dest``
        ending in ``.csv``, ``.tsv``, ``.txt``, ``.xlsx``, ``.xls`` or ``.zip``: a
        storage service's error, kept as the file), and, without ``sha256``, a body the
        server sent beyond its Content-Length (its first bytes were kept as the file).
    exposure.errors.ChecksumMismatchError
        The body's sha256 differs from ``sha256``.
    CacheWriteError
        The file cannot be written beside ``dest``.
    exposure.errors.OutputError
        ``dest`` is a directory, before any request (the whole body was downloaded, then
        refused: "Is a directory"); so is a symbolic link to one (the link was replaced by
        the file) and a directory path (``"new/"``: a file named ``new`` was written),
        and a named pipe or a device (``/dev/null`` was replaced by the file), and a
        symbolic link to nothing or one that loops (the link was replaced by the file).
        A symbolic link to a file is written through, as
        :func:`exposure._io.atomic_path` writes it: the file it points to gets the
        download and the link stays (the link was replaced by the file, the file it
        pointed to kept the old bytes). The directories made for ``dest`` are removed
        again when the download fails (they were left behind).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> download("http://127.0.0.1:9/x.csv", d / "x.csv", retries=0,
    ...          timeout=0.5)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DownloadError: x.csv: download of http://127.0.0.1:9/x.csv failed after 1 attempt: ...
    >>> list(d.iterdir())
    []
    """
    _check_text_arg(url, "url", "a URL")
    _check_path_arg(dest, "dest")
    sha256 = _check_sha256_arg(sha256, optional=True)  # before any request
    _check_text_arg(name, "name", "a name for the messages", optional=True)
    timeout, retries, backoff, deadline = _check_network(timeout, retries, backoff, deadline)
    # "100" was a TypeError, nan no limit at all, 2.5 a ValueError of a format, 0 refused every body
    max_bytes = None if max_bytes is None else check_count(max_bytes, "max_bytes", 1)
    _refuse_directory_path(dest)  # "new/" wrote a file named new
    dest = Path(dest)
    label = name or dest.name
    if dest.is_dir():  # the body was read whole, then "Is a directory"
        # a link to a directory was replaced by the file, the user's link lost
        what = (f"a symbolic link to the directory {os.path.realpath(dest)} (the link would be replaced by the "
                "file)" if dest.is_symlink() else "a directory")
        raise OutputError(f"it is {what}, where the download of {label} goes: give the path of the file, "
                          "not of its directory (or move the directory away); nothing was downloaded", path=dest)
    if os.path.exists(dest) and not dest.is_file():  # /dev/null, a pipe: replaced by the file (as root, too)
        raise OutputError(f"it is not a regular file (a named pipe, device or socket), where the download of {label} "
                          "goes: give the path of a file; nothing was downloaded", path=dest)
    broken = _broken_link(dest)
    if broken:  # a link to nothing (or a loop) was replaced by the file, the user's link lost
        restore = "point it at a file" if "loops" in broken else "mount or restore what it points to"
        raise OutputError(f"{broken}, where the download of {label} goes: {restore}, remove the link (the file "
                          "then takes its place) or give another path; nothing was downloaded", path=dest)
    given, dest = dest, _written_path(dest)  # a link to a file was replaced by the file: written through
    unreachable = _UNREACHABLE.get()
    host = _host(url)
    if unreachable is not None and host in unreachable:
        # every file of an unreachable host was tried `retries` times with backoff: a machine
        # without a network waited minutes, saying nothing, for a whole-registry fetch
        first, why = unreachable[host]
        raise DownloadError(f"{label}: not downloaded from {url}: {host} could not be reached for {first} "
                            f"earlier in this run ({why}); {_NETWORK_HINT}; nothing was written to the cache")
    timeout = TIMEOUT if timeout is None else timeout
    retries = RETRIES if retries is None else retries
    backoff = BACKOFF if backoff is None else backoff
    deadline_at = time.monotonic() + (DEADLINE if deadline is None else deadline)
    html_ok = given.suffix.lower() in _HTML_SUFFIXES
    own_session = session is None
    session = _session() if own_session else session
    created = _missing_dirs([dest])  # made for the file: a failed download left them behind
    try:
        last, made, asked, hint, why, dead = None, 0, None, "", "", host
        for attempt in range(retries + 1):
            if attempt:
                delay = min(MAX_BACKOFF, max(backoff * 2 ** (attempt - 1), asked or 0.0))
                if time.monotonic() + delay >= deadline_at:
                    last = f"{last}; no time left for a retry within the deadline"
                    break
                log.info("%s: retry %d/%d in %.1fs (%s)", label, attempt, retries, delay, last)
                time.sleep(delay)
            log.info("downloading %s from %s", label, url)
            made += 1
            try:
                with _partial(dest) as tmp:
                    actual = _attempt(session, url, tmp, label=label, timeout=timeout,
                                      html_ok=html_ok, deadline_at=deadline_at,
                                      max_bytes=max_bytes, pinned=sha256 is not None,
                                      data_file=given.suffix.lower() in _DATA_SUFFIXES)
                    if sha256 is not None and actual != sha256:
                        error = ChecksumMismatchError(label, sha256, actual, path=url)
                        error.size, error.whole_lines = _size_and_end(tmp)  # said by fetch against the pin
                        error.lfs_oid = _lfs_pointer(tmp)  # a Git LFS pointer served in the file's place
                        raise error
                    _make_readable(tmp)
                return given
            except _Retryable as exc:
                last, asked, hint, why, dead = str(exc), exc.retry_after, exc.hint, exc.unreachable, exc.host or host
        n = made
        if why and unreachable is not None and dead:
            unreachable[dead] = (label, why)
        hint = f"; {hint}" if hint else ""
        raise DownloadError(
            f"{label}: download of {url} failed after {n} attempt{'s' if n > 1 else ''}: "
            f"{last}{hint}; nothing was written to the cache"
        )
    except BaseException:
        _remove_dirs(created)
        raise
    finally:
        if own_session:
            session.close()


# ---------------------------------------------------------------------------------------
# fetch
# ---------------------------------------------------------------------------------------


def _copy_verified(path: Path, src: Source, dest: Path, *, mirror: bool = False) -> None:
    """Copy ``path`` to ``dest`` atomically, hashing on the way; mismatch -> error (``mirror``: :func:`_mirror_mismatch`)."""
    digest = hashlib.sha256()
    with _partial(dest) as tmp:
        try:
            fin = open(path, "rb")
        except OSError as exc:
            raise DownloadError(f"{src.name}: cannot read {path}: {exc.strerror or exc}") from exc
        with fin, open(tmp, "wb") as fout:
            while True:
                try:
                    chunk = fin.read(_CHUNK)
                except OSError as exc:
                    raise DownloadError(
                        f"{src.name}: cannot read {path}: {exc.strerror or exc}") from exc
                if not chunk:
                    break
                digest.update(chunk)
                try:
                    fout.write(chunk)
                except OSError as exc:
                    # named the partial file, already removed when the message was read
                    raise CacheWriteError(
                        f"{src.name}: cannot write {dest}: {exc.strerror or exc}") from exc
        if src.pinned and digest.hexdigest() != src.sha256:
            raise (_mirror_mismatch if mirror else _mismatch)(src, digest.hexdigest(), path)
        _make_readable(tmp)


def _mismatch(src: Source, actual: str, path: Path, shown: str | None = None, *,
              advice: str = "") -> ChecksumMismatchError:
    """The :class:`~exposure.errors.ChecksumMismatchError` of the file ``path`` of ``src`` (sha256 ``actual``).

    Said as ``shown`` (default ``path``), with what :func:`_line_ends_hint` finds: a copy
    whose line ends were converted read as a bare mismatch of two digests. ``advice`` is
    said when that finds nothing.
    """
    error = ChecksumMismatchError(src.name, src.sha256, actual, path=shown or str(path))
    other = _pinned_as(actual, src)
    hint = (f"its bytes are those of {other}, which the package pins: a file of another release or table put in "
            f"its place? put the file of {src.name} there" if other else "")
    itself = shown is None or shown == str(path)  # not a member of a zip
    hint = hint or (_line_ends_hint(path, src) if itself else "") or (_short_hint(path, src) if itself else "")
    hint = hint or advice
    if hint:
        error.args = (f"{error.args[0]}; {hint}",)
    return error


def _size_and_end(path: Path) -> tuple[int, bool]:
    """The size of ``path`` and whether it ends with a line break (whole lines; True when it cannot be read)."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            fh.seek(max(size - 1, 0))
            return size, fh.read(1) in (b"\n", b"\r", b"")
    except OSError:
        return -1, True


def _short_hint(path: Path, src: Source) -> str:
    """``"it has N bytes of the M pinned, ..."`` when the file ``path`` read for ``src`` is shorter than its pin and ends inside a line, else ``""``.

    A mirror's file cut short (a copy or ``rsync`` interrupted, a disk that filled) was a
    bare mismatch of two digests. One that ends with a line break is not said so: its
    lines were edited, or their ends converted (:func:`_line_ends_hint`).

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "Task Categories.txt"
    >>> _ = p.write_bytes(b"Scale ID")
    >>> _short_hint(p, SOURCES["onet/29.1/Task Categories.txt"])
    'it has 8 bytes of the 190 pinned, the last line unfinished: a copy cut short (an interrupted copy, rsync or download, a full disk)? copy it again'
    """
    size, whole = _size_and_end(path)
    if whole or not src.size or not 0 < size < src.size:  # whole lines: edited, or their ends converted
        return ""
    return (f"it has {size:,} bytes of the {src.size:,} pinned, the last line unfinished: a copy cut short (an "
            "interrupted copy, rsync or download, a full disk)? copy it again")


def _pinned_as(actual: str, src: Source) -> str | None:
    """The other file the package pins whose sha256 is ``actual``, the bytes read for ``src``; None if none.

    A mirror folder holding another release's file (``onet/29.1/Job Zones.txt`` copied
    from 30.1) or another table's, or a server answering with one, was a bare mismatch of
    two digests.

    Examples
    --------
    >>> _pinned_as(SOURCES["onet/30.1/Read Me.txt"].sha256, SOURCES["onet/29.1/Read Me.txt"])
    'onet/30.1/Read Me.txt'
    >>> _pinned_as("0" * 64, SOURCES["onet/29.1/Read Me.txt"]) is None
    True
    """
    same = sorted(name for name, pin in SOURCES.items() if pin.sha256 == actual and name != src.name)
    return same[0] if same else None


class _LfDigest:
    r"""The sha256 of bytes given in chunks, with every CRLF in them read as LF.

    A ``\r`` ending a chunk is held until the next one, whose first byte may be its ``\n``.

    Examples
    --------
    >>> digest = _LfDigest()
    >>> for chunk in (b"a\r", b"\nb\r\n"):
    ...     digest.update(chunk)
    >>> digest.hexdigest() == hashlib.sha256(b"a\nb\n").hexdigest()
    True
    """

    def __init__(self):
        self._digest, self._held = hashlib.sha256(), b""

    def update(self, chunk: bytes) -> None:
        """Add the bytes ``chunk``, its CRLFs read as LF."""
        chunk, self._held = self._held + chunk, b""
        if chunk.endswith(b"\r"):  # its LF may start the next chunk
            chunk, self._held = chunk[:-1], b"\r"
        self._digest.update(chunk.replace(b"\r\n", b"\n"))

    def hexdigest(self) -> str:
        """The digest of the bytes given so far (a CR held at the end included)."""
        digest = self._digest.copy()
        digest.update(self._held)
        return digest.hexdigest()


def _line_ends_hint(path: Path, src: Source) -> str:
    """What to do when ``path`` holds the pinned file of ``src`` with its line ends converted, else ``""``.

    A mirror copied through git (``core.autocrlf``, ``* text=auto``), ``dos2unix`` or a
    transfer in text mode turns O*NET's CRLF into LF (or a CSV's LF into CRLF): every
    fetch failed with "sha256 mismatch ... expected ..., got ...", two digests and nothing
    on why or what to do. The file is read again with the conversion undone (on this error
    path only) and said to be the pinned file so converted when that gives the pin.

    Examples
    --------
    >>> import hashlib, tempfile
    >>> p = Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes(b"a\\tb\\n1\\t2\\n")
    >>> src = Source(name="demo/a.txt", release="1", url="https://example.org/a.txt", licence="CC0",
    ...              attribution="demo", sha256=hashlib.sha256(b"a\\tb\\r\\n1\\t2\\r\\n").hexdigest(), size=10)
    >>> print(_line_ends_hint(p, src))  # doctest: +ELLIPSIS
    /...a.txt is the pinned file with its line ends changed from CRLF to LF (...): copy it again ...
    """
    try:
        size = path.stat().st_size
    except OSError:
        return ""
    if not src.pinned or not src.size or size == src.size or not src.size / 2 <= size <= src.size * 2:
        return ""
    to_crlf = size < src.size  # CRLF made LF: undo it (else LF made CRLF)
    digest = hashlib.sha256() if to_crlf else _LfDigest()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(_CHUNK), b""):
                if to_crlf:
                    if b"\r" in chunk:  # not a file whose line ends all became LF
                        return ""
                    chunk = chunk.replace(b"\n", b"\r\n")
                digest.update(chunk)
    except OSError:
        return ""
    if digest.hexdigest() != src.sha256:
        return ""
    was, now, tool = ("CRLF", "LF", "dos2unix") if to_crlf else ("LF", "CRLF", "unix2dos")
    return (f"{path} is the pinned file with its line ends changed from {was} to {now} (by git's line-end "
            f"conversion, {tool} or a copy in text mode?): copy it again unchanged, byte for byte (in a git "
            "repository, mark the data files '-text' in .gitattributes)")


def _hash_in_place(path: Path, src: Source) -> str:
    """sha256 of ``path``; an unreadable file is a :class:`DownloadError` naming it."""
    try:
        return file_sha256(path)
    except OSError as exc:
        raise DownloadError(f"{src.name}: cannot read {path}: {exc.strerror or exc}") from exc


def _prune_empty_dirs(directory: Path, root: Path) -> None:
    """Remove ``directory`` and its parents up to (excluding) ``root`` while empty."""
    try:
        directory.relative_to(root)
    except ValueError:
        return
    while directory != root:
        try:
            directory.rmdir()
        except OSError:
            return
        directory = directory.parent


def _make_readable(path: Path) -> None:
    """Give a finished temporary file the usual permissions (mkstemp creates 0600)."""
    os.chmod(path, 0o666 & ~_UMASK)


def _blocked_below(top: Path, path: Path) -> tuple[Path, str] | None:
    """What stands where a directory of ``path`` below ``top`` belongs: ``(where, why)``.

    A file, a symbolic link to nothing or a loop of links (see :func:`_blocked_dir`) in
    the place of one of the directories between ``top`` (excluded: it is checked on its
    own) and ``path`` (excluded: it is the file); None when there is none.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "onet").write_text("x")
    >>> _blocked_below(d, d / "onet" / "29.1" / "a.txt") == (d / "onet", "a file, not a directory")
    True
    >>> _blocked_below(d, d / "soc" / "a.txt") is None
    True
    """
    blocked = _blocked_dir(path.parent)
    if blocked is None or len(blocked[0].parts) <= len(top.parts):
        return None
    return blocked


def _pin_said(src: Source, *, digest: bool = True) -> str:
    """``" (sha256 S, N bytes)"`` of the pin of ``src`` (without the sha256 unless ``digest``; ``""`` when not pinned).

    Examples
    --------
    >>> _pin_said(SOURCES["onet/29.1/Task Categories.txt"], digest=False)
    ' (190 bytes)'
    """
    pin = [f"sha256 {src.sha256}"] if src.pinned and digest else []
    pin += [f"{src.size:,} bytes"] if src.pinned and src.size else []
    return f" ({', '.join(pin)})" if pin else ""


def _mirror_put_back(src: Source, *, digest: bool = True, at: Path | None = None) -> str:
    """What to do when the mirror's place of ``src`` holds no usable copy: the pin (its sha256 unless not ``digest``) and its origin.

    The file is put "there" (the place just named), or ``at`` that path when other
    places were named since.

    Examples
    --------
    >>> print(_mirror_put_back(SOURCES["onet/29.1/Task Categories.txt"]))  # doctest: +ELLIPSIS
    put the pinned file there (sha256 809617e3...aca, 190 bytes), copied unchanged from db_29_1_text/Task Categories.txt of https://www.onetcenter.org/dl_files/database/db_29_1_text.zip, or unset the mirror (--mirror, $EXPOSURE_MIRROR) to download it
    """
    said = _pin_said(src, digest=digest)
    there = "there" if at is None else f"at {at}"
    file = "the pinned file" if src.pinned else "the file"  # a new release's file: no pin yet
    origin = f"{src.member} of {src.archive_url}" if src.member and src.archive_url else src.url
    if src.mirror_only:  # no download to fall back on
        return f"put {file} {there}{said}; it is read from a mirror only ({src.notes or origin})"
    return (f"put {file} {there}{said}, copied unchanged from {origin}, or unset the mirror (--mirror, "
            f"${ENV_MIRROR}) to download it")


def _mirror_mismatch(src: Source, actual: str, path: Path) -> ChecksumMismatchError:
    """The sha256 mismatch of the mirror's file ``path`` of ``src`` (sha256 ``actual``), saying what to do.

    A mirror's file edited, or of another date of the release, was a bare mismatch of two
    digests (the reasons :func:`_mismatch` finds are said first: another pinned file, line
    ends converted, a copy cut short). An empty file, or a Git LFS pointer (a mirror kept in
    a repository checked out without git-lfs), was said "edited, or another date of the
    file?" as well: see :func:`_mirror_file_said`.
    """
    return _mismatch(src, actual, path, advice=_mirror_file_said(path, src))


#: The first line of a Git LFS pointer file (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md).
_LFS_POINTER = b"version https://git-lfs.github.com/spec/v1\n"

#: The most bytes a Git LFS pointer file has (the specification keeps them under 1024).
_LFS_POINTER_MAX = 1024


def _lfs_pointer(path: Path) -> str | None:
    """The sha256 a Git LFS pointer file ``path`` names (``""`` when it names none); None when ``path`` is no pointer.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = p.write_bytes(b"version https://git-lfs.github.com/spec/v1\\noid sha256:" + b"ab" * 32 + b"\\nsize 9\\n")
    >>> _lfs_pointer(p) == "ab" * 32, _lfs_pointer(Path(tempfile.mkdtemp()))
    (True, None)
    """
    try:
        if os.path.getsize(path) > _LFS_POINTER_MAX:
            return None
        with open(path, "rb") as fh:
            head = fh.read(_LFS_POINTER_MAX + 1)
    except OSError:
        return None
    if not head.startswith(_LFS_POINTER):
        return None
    oid = re.search(rb"^oid sha256:([0-9a-f]{64})$", head, re.MULTILINE)
    return oid.group(1).decode() if oid is not None else ""


def _lfs_media_url(url: str) -> str | None:
    """The URL serving the file that the GitHub raw URL ``url`` of a file kept in Git LFS serves the pointer of (None for another URL).

    Examples
    --------
    >>> _lfs_media_url("https://raw.githubusercontent.com/o/r/abc123/data/a.csv")
    'https://media.githubusercontent.com/media/o/r/abc123/data/a.csv'
    >>> _lfs_media_url("https://www.bls.gov/a.csv") is None
    True
    """
    raw = "https://raw.githubusercontent.com/"
    return "https://media.githubusercontent.com/media/" + url[len(raw):] if url.startswith(raw) else None


def _mirror_file_said(path: Path, src: Source) -> str:
    """What the mirror's file ``path`` of ``src``, not the pinned one, is, and what to do.

    An empty file, a Git LFS pointer to the pinned file (its ``oid`` the pin) or to another
    one, else a file edited or of another date of the release.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "Task Categories.txt"
    >>> _ = p.write_bytes(b"")
    >>> print(_mirror_file_said(p, SOURCES["onet/29.1/Task Categories.txt"]))  # doctest: +ELLIPSIS
    the mirror's file is empty (0 bytes: a copy that failed, or a file made but never written?): put the pinned file there (190 bytes), copied unchanged ...
    """
    put_back = _mirror_put_back(src, digest=False)
    try:
        size = f"{path.stat().st_size:,} bytes"
    except OSError:
        size = "its size unknown"
    if size == "0 bytes":
        return f"the mirror's file is empty (0 bytes: a copy that failed, or a file made but never written?): {put_back}"
    oid = _lfs_pointer(path)
    if oid is not None:
        pointer = f"the mirror's file is a Git LFS pointer ({size}), not the file it stands for"
        if src.pinned and oid == src.sha256:
            return (f"{pointer} (the pinned one: a repository checked out without git-lfs?): fetch the files of the "
                    f"mirror's repository (git lfs pull), or {put_back}")
        return f"{pointer}, another than the pinned one ({f'sha256 {oid}' if oid else 'no sha256 said'}): {put_back}"
    return f"the mirror's file ({size}) is not the pinned one (edited, or another date of the file?): {put_back}"


def _mirror_file(mirror: Path, src: Source, elsewhere=None) -> Path:
    """The file of ``src`` in ``mirror``; else a :class:`DownloadError` saying what the mirror holds and what to do.

    ``elsewhere``, a function of no argument, gives what the data directory holds of it
    (:func:`_data_dir_hint`): said after "not found in mirror M (expected P)" and before
    what to do. Appended to the whole message, it followed the advice ("...; or unset the
    mirror to download; no copy of it in the data directory either (...)").
    """
    path = mirror / _safe_relpath(src.name, what="registry name")
    if path.is_dir():
        what = (f"a symbolic link to the directory {os.path.realpath(path)}" if path.is_symlink()
                else "a directory")
        raise DownloadError(f"{src.name}: {path} is {what} in the mirror, not a file: move it away and "
                            f"{_mirror_put_back(src)}")
    blocked = _blocked_below(mirror, path)
    if blocked is not None:
        # a file (or a link to nothing) named like a folder of the mirror was "not found
        # in mirror M (expected M/onet/29.1/...)", as if the file were merely absent
        # ("...; fix the mirror or unset it to download": neither the file nor where it comes from)
        where, why = blocked
        if why.startswith("a file"):
            act = "move it away and"
        elif why.startswith("a loop"):
            act = "point the link at the mirror's directory, or remove it and"
        else:  # a link to nothing: moving it away lost the folder of a drive not mounted
            act = f"mount or restore what it points to {_FOLDER_GONE}, or remove the link and"
        raise DownloadError(
            f"{src.name}: not found in mirror {mirror}: {where} is {why}, where a directory of "
            f"the mirror belongs (expected {path}): {act} {_mirror_put_back(src)}"
        )
    if path.exists() and not path.is_file():  # a pipe would block the copy for ever
        raise DownloadError(f"{src.name}: {path} is a special file in the mirror (a pipe or a "
                            f"device), not a file: remove it and {_mirror_put_back(src)}")
    if not path.is_file():
        facts = elsewhere() if elsewhere is not None else ""
        exc = DownloadError(f"{src.name}: not found in mirror {mirror} (expected {path})"
                            f"{_mirror_hint(mirror, src, path, facts)}")
        exc.data_dir_said = bool(facts)
        raise exc
    return path


def _same_name(directory: Path, filename: str) -> Path | None:
    """The entry of ``directory`` named ``filename`` in any case (None when there is none)."""
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.name.lower() == filename.lower():
                    return directory / entry.name
    except OSError:
        pass
    return None


def _any_case(top: Path, rel: PurePosixPath) -> Path | None:
    """``top / rel`` with each part of ``rel`` found in any case (None when a part is missing).

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp()); (d / "ONET" / "29.1").mkdir(parents=True)
    >>> _ = (d / "ONET" / "29.1" / "job zones.txt").write_text("x")
    >>> _any_case(d, PurePosixPath("onet/29.1/Job Zones.txt")).relative_to(d).as_posix()
    'ONET/29.1/job zones.txt'
    """
    path = top
    for part in rel.parts:
        path = _same_name(path, part)
        if path is None:
            return None
    return path


def _mirror_renamed(folder: Path, want: str) -> list[str]:
    """What the mirror's ``folder`` holds under another name of the file ``want`` (``[]`` when nothing).

    A second download saved by the browser (``Job Zones (1).txt``) or a name with other
    spacing or punctuation (``Job_Zones.txt``), as :func:`_folder_hint` says of the data
    directory's release folder: the mirror said "not found in mirror" alone.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "Job Zones (1).txt").write_text("x")
    >>> _mirror_renamed(d, "Job Zones.txt")  # doctest: +ELLIPSIS
    ["the mirror has .../Job Zones (1).txt, not read under that name (a second download renamed by the browser?): give the file the name 'Job Zones.txt'"]
    """
    try:
        names = sorted(p.name for p in folder.iterdir() if p.is_file())
    except OSError:
        return []
    copies = [n for n in names if _copy_of(n, want)]
    if copies:
        return [f"the mirror has {', '.join(str(folder / n) for n in copies)}, not read under "
                f"{'that name' if len(copies) == 1 else 'those names'} (a second download renamed by the "
                f"browser?): give the file the name {want!r}"]
    key = re.sub(r"[\W_]+", "", want.lower())  # the name with other spacing or punctuation
    like = [n for n in names if re.sub(r"[\W_]+", "", n.lower()) == key]
    if like:
        return [f"the mirror has {', '.join(str(folder / n) for n in like)}: give the file the name "
                f"{want!r} (names are read as written)"]
    return []


def _mirror_hint(mirror: Path, src: Source, path: Path, facts: str = "") -> str:
    """What the mirror holds instead of ``path``, the file of ``src``, and what to do, said after "not found in mirror".

    When the mirror holds nothing else of it: the pinned file that belongs there and its
    origin (:func:`_mirror_put_back`). A symbolic link to nothing, or a loop of links, in
    the place of the file: what to do with the link, else to remove it and put the pinned
    file there (it was ``; fix the mirror or unset it to download``, the file's origin
    unsaid). A mirror's root to give instead: that, and ``; or unset the mirror to
    download``. ``facts`` (``"; no copy of it in the data directory either (...)"``, see
    :func:`_data_dir_hint`) are said after what the mirror holds and before what to do.

    A mirror laid out otherwise than ``../shared/data`` (a new release copied by hand) gave
    only "not found in mirror M (expected ...)". Looked at: a broken symbolic link, the
    file in another case, the other O*NET format, the archive's folder as unzipped, the
    publisher's archive itself (``onet/31.0/db_31_0_text.zip``, downloaded into the release
    folder: "fix the mirror" alone), the file at the mirror's top, a mirror that is a
    release directory of one.
    """
    said = []
    whole = told = False  # a mirror's root to give instead; the pinned file and its origin said
    if path.is_symlink():
        with contextlib.suppress(OSError):
            target = os.readlink(path)
            try:
                os.stat(path)
            except OSError as exc:  # a loop was "a link to <the next link>, which does not exist"
                # what to do was "fix the mirror" alone, and the file that belongs there unnamed
                if exc.errno == errno.ELOOP:
                    said.append(f"it is a loop of symbolic links (it points to {target}): point it at the pinned "
                                f"file, or remove it and {_mirror_put_back(src, at=path)}")
                else:
                    said.append(f"it is a symbolic link to {target}, which does not exist (a drive not mounted, or "
                                f"the file moved?): mount or restore what it points to, or remove the link and "
                                f"{_mirror_put_back(src, at=path)}")
                told = True
    rel = PurePosixPath(src.name)
    # a folder in another case too (`M/ONET/29.1/...`, `M/Crosswalks/...`): it said nothing
    found = _any_case(mirror, rel) if not said else None
    if found is not None and found != path:
        said.append(f"the mirror has {found} (names are case-sensitive)")
    if found is None and not said:  # `Job Zones (1).txt`, `Job_Zones.txt`: "fix the mirror" alone
        said += _mirror_renamed(_any_case(mirror, rel.parent) or path.parent, rel.name)
    if src.kind == "onet" and rel.suffix.lower() in (".txt", ".xlsx") and found is None and not said:
        other, fmt = (".xlsx", "excel") if rel.suffix.lower() == ".txt" else (".txt", "text")
        twin = _same_name(path.parent, rel.stem + other)
        if twin is not None:
            said.append(f"the mirror has {twin}: O*NET's {fmt} download (--onet-format {fmt}, "
                        f"onet_format={fmt!r})")
    if src.member and not said:
        for folder in (mirror, path.parent):
            unzipped = _same_name(folder.joinpath(*PurePosixPath(src.member).parent.parts), rel.name)
            if unzipped is not None:
                said.append(f"the mirror has {unzipped} (the archive's folder as unzipped): move the "
                            f"files to {path.parent}")
                break
    if src.archive_url and not said:  # the publisher's zip saved into the mirror: "fix the mirror" alone
        archive = PurePosixPath(src.archive_url.split("?", 1)[0]).name
        zipped = next((z for z in (_same_name(folder, archive) for folder in (path.parent, mirror)) if z), None)
        if archive and zipped is not None:
            said.append(f"the mirror has the publisher's archive {zipped}, which is not read from a mirror: unzip "
                        f"its files into {path.parent} (unzip -j {shlex.quote(str(zipped))} -d "
                        f"{shlex.quote(str(path.parent))})")
    parents = rel.parent.parts
    # `--mirror .` (or `..`) said as given has no parts: the folder's own name is in its absolute path
    absolute = Path(os.path.abspath(mirror))
    tail = next((k for k in range(len(parents), 0, -1) if absolute.parts[-k:] == parents[:k]), 0)
    if tail and len(absolute.parts) > tail and _same_name(mirror.joinpath(*parents[tail:]), rel.name):
        said.append(f"{mirror} looks like the directory {'/'.join(parents[:tail])} of a mirror: give "
                    f"its root {_root_said(_up(mirror, tail))}")
        whole = True
    elif not told and (above := _mirror_above(mirror, rel)) is not None:
        # `--mirror ../shared/data/onet` for a file outside onet/ (a crosswalk, a reference
        # measure): "not found" and the pinned file to put there, in a folder of the mirror
        inside = absolute.relative_to(os.path.abspath(above)).as_posix()
        said.append(f"{mirror} looks like the directory {inside} of a mirror: {above} has {above / rel}; give its "
                    f"root {_root_said(above)}")
        whole = True
    elif not said:
        top = _same_name(mirror, rel.name) if parents else None
        if top is not None:
            said.append(f"the mirror has {top} at its top: its files go in folders laid out like "
                        f"../shared/data ({src.name})")
        below = _mirror_below(mirror, rel) if top is None else None
        if below is not None:  # `--mirror ../shared` for ../shared/data: "fix the mirror" alone
            said.append(f"{mirror} looks like the directory above a mirror: {below} has {below / rel}; give "
                        f"its root {below}")
            whole = True
    hint = "; " + "; ".join(said) if said else ""
    # ``facts``, what the data directory holds of it, go before what to do: after it, they
    # read "...; or unset the mirror to download; no copy of it in the data directory either"
    if whole:  # the mirror's root to give: it was "; fix the mirror or unset it to download"
        return (f"{facts}{hint} as the mirror (--mirror, $EXPOSURE_MIRROR): the folder that holds each file at its "
                f"registry name ({src.name}); or unset the mirror to download")
    if told:  # the link's own words: what it is and what to do, in one clause
        return f"{hint}{facts}"
    if said:  # what the mirror holds instead, then the file that belongs at the place looked at
        return f"{hint}{facts}; fix the mirror that way, or {_mirror_put_back(src, at=path)}"
    if facts:  # "there" would be the data directory's places
        return f"{facts}; {_mirror_put_back(src, at=path)}"
    return f": {_mirror_put_back(src)}"  # "; fix the mirror ...": neither the file nor where it comes from


#: Entries of a directory looked at for a mirror below it (a home directory has fewer).
_BELOW_MAX = 200


#: Folders above a mirror given too deep that are looked at for its root (``onet/29.1`` is two).
_ABOVE_MAX = 3


def _up(directory: Path, levels: int) -> Path:
    """The folder ``levels`` above ``directory``, said as it is given (``..`` for ``.``, ``.`` for ``onet``).

    Examples
    --------
    >>> _up(Path("."), 1), _up(Path("onet/29.1"), 2), _up(Path("/m/onet"), 1), _up(Path(".."), 1)
    (PosixPath('..'), PosixPath('.'), PosixPath('/m'), PosixPath('../..'))
    """
    return Path(os.path.normpath(directory.joinpath(*[".."] * levels)))


def _root_said(root: Path) -> str:
    """``root`` as said in "give its root ...": with its absolute path when it is ``.`` or ``..``.

    ``--mirror onet`` run inside the mirror was told "give its root .": right, but not
    which folder that is.

    Examples
    --------
    >>> _root_said(Path("../shared/data"))
    '../shared/data'
    >>> _root_said(Path("..")) == f".. ({Path.cwd().parent})"
    True
    """
    return f"{root} ({os.path.abspath(root)})" if root.name in ("", "..") else str(root)


def _mirror_above(directory: Path, rel: PurePosixPath) -> Path | None:
    """The folder above ``directory`` (up to :data:`_ABOVE_MAX` levels) that holds ``rel`` (a mirror's file), else None.

    A folder of a mirror given as the mirror (``--mirror ../shared/data/onet``) was told,
    for a file outside that folder (a crosswalk, a reference measure), "not found in mirror"
    and the pinned file to put there, not the mirror's root to give.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> (d / "onet" / "29.1").mkdir(parents=True)
    >>> _ = (d / "soc.csv").write_text("x")
    >>> _mirror_above(d / "onet" / "29.1", PurePosixPath("soc.csv")) == d, _mirror_above(d / "onet", PurePosixPath("b.txt"))
    (True, None)
    """
    # `--mirror .` has no parents said as given, and those of `..` (`.`) are below it: the folders
    # above are `..`, `../..` (`--mirror .` run inside ../shared/data/onet was "not found in mirror .")
    for level in range(1, _ABOVE_MAX + 1):
        folder = _up(directory, level)
        if os.path.abspath(folder) == os.path.abspath(_up(directory, level - 1)):  # the root of the file system
            break
        with contextlib.suppress(OSError):
            if folder.joinpath(*rel.parts).is_file():
                return folder
    return None


def _mirror_below(directory: Path, rel: PurePosixPath) -> Path | None:
    """The folder of ``directory`` that holds ``rel`` (a mirror's file), else None.

    One level down, among the first :data:`_BELOW_MAX` entries; a folder holding a mirror's
    :data:`MIRROR_MANIFEST` first. The folder above a mirror given as the mirror (``--mirror
    ../shared`` for ``../shared/data``) was told "not found in mirror ...; fix the mirror",
    once per file, the mirror being whole.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> (d / "data" / "onet").mkdir(parents=True)
    >>> _ = (d / "data" / "onet" / "a.txt").write_text("x")
    >>> _mirror_below(d, PurePosixPath("onet/a.txt")) == d / "data", _mirror_below(d, PurePosixPath("b.txt"))
    (True, None)
    """
    try:
        with os.scandir(directory) as entries:
            folders = [Path(e.path) for _, e in zip(range(_BELOW_MAX), entries)
                       if not e.name.startswith(".") and e.is_dir()]
    except OSError:
        return None
    held = [f for f in sorted(folders) if f.joinpath(*rel.parts).is_file()]
    marked = [f for f in held if (f / MIRROR_MANIFEST).is_file()]
    return (marked or held or [None])[0]


def _from_mirror(mirror: Path, src: Source, dest: Path, elsewhere=None) -> None:
    path = _mirror_file(mirror, src, elsewhere)
    log.info("copying %s from mirror %s", src.name, mirror)
    _copy_verified(path, src, dest, mirror=True)


def _cache_is_mirror(root: Path, mirror: Path, src: Source) -> bool:
    """True when the cache directory is the mirror, or the cached file is the mirror's."""
    try:
        if root.resolve() == mirror.resolve():
            return True
        rel = _safe_relpath(src.name, what="registry name")
        return (root / rel).resolve() == (mirror / rel).resolve()
    except (OSError, RuntimeError):
        return False


def _read_in_mirror(mirror: Path, src: Source) -> Path:
    """The cache is the mirror: hash the mirror file and return it; write nothing."""
    path = _mirror_file(mirror, src)
    actual = _hash_in_place(path, src)
    if src.pinned and actual != src.sha256:
        raise _mirror_mismatch(src, actual, path)
    return path


def _publisher_places(root: Path, src: Source) -> list[Path]:
    """Where the data directory ``root`` may hold the publisher's download of ``src``.

    The archive as downloaded (``<root>/db_31_0_text.zip``) and the archive's folder as
    unzipped (``<root>/db_31_0_text/Task Statements.txt``), beside the archive the library
    downloads itself (``<root>/.archives/``). Empty for a file of no archive.

    Examples
    --------
    >>> from exposure.releases import layout_source
    >>> [p.as_posix() for p in _publisher_places(Path("/d"), layout_source("onet/31.0/Job Zones.txt"))]
    ['/d/db_31_0_text/Job Zones.txt', '/d/db_31_0_text.zip']
    """
    if not src.member or not src.archive_url:
        return []
    try:
        rel = _safe_relpath(src.member, what="archive member")
    except ExposureError:
        return []
    member = (_release_folder(root, rel.parts[0]).joinpath(*rel.parts[1:]) if len(rel.parts) > 1
              else root / rel)
    return [member, root / src.archive_url.rstrip("/").rsplit("/", 1)[-1]]


#: What a file manager or an unzip tool leaves in a folder beside the user's files (lower case).
_FOLDER_LITTER = frozenset({"desktop.ini", "thumbs.db", "__macosx"})


def _release_folder(root: Path, top: str) -> Path:
    """The folder of the data directory ``root`` that holds the archive's folder ``top`` as unzipped.

    ``<root>/<top>``, or ``<root>/<top>/<top>`` when the archive was unzipped one level
    deeper: Windows' "Extract All" and 7-Zip's "Extract to db_31_0_text\\" put the zip's own
    folder ``db_31_0_text/`` inside a new folder of the same name. That folder, holding
    nothing but the inner one (and a file manager's litter: ``.DS_Store``, ``desktop.ini``,
    ``__MACOSX``), was read as a release folder with no file at all: refused as "0 file(s),
    none named 'Occupation Data.txt' (left out when copying the release?)".

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> (d / "db_31_0_text" / "db_31_0_text").mkdir(parents=True)
    >>> _release_folder(d, "db_31_0_text").relative_to(d).as_posix()
    'db_31_0_text/db_31_0_text'
    >>> _ = (d / "db_31_0_text" / "Job Zones.txt").write_text("x")  # the files at the top: read there
    >>> _release_folder(d, "db_31_0_text").relative_to(d).as_posix()
    'db_31_0_text'
    """
    outer = root / top
    inner = outer / top
    try:
        if not inner.is_dir():
            return outer
        others = [p.name for p in outer.iterdir() if p.name != top and not p.name.startswith(".")
                  and p.name.lower() not in _FOLDER_LITTER]
    except OSError:
        return outer
    return outer if others else inner


def _publisher_copy(root: Path, src: Source) -> Path | None:
    """The publisher's download of ``src`` put by hand in the data directory ``root``, if any.

    A new release copied into ``--data-dir`` as the publisher ships it (the zip, or its
    folder ``db_31_0_text/`` unzipped) was ignored: the network was tried (and the error
    named only the URL), or, with a mirror, "not found in mirror". See
    :func:`_publisher_places`; a zip is used only when it is one.
    """
    for path in _publisher_places(root, src):
        if path.suffix.lower() == ".zip" and path.name != PurePosixPath(src.member).name:
            if path.is_file() and zipfile.is_zipfile(path):
                return path
        elif path.is_file():
            return path
    return None


def _damaged_zip(root: Path, src: Source) -> tuple[Path, str] | None:
    """The publisher's zip of ``src`` in the data directory ``root`` when it is no zip: ``(zip, why)``.

    A zip cut short (``curl -O`` or ``wget`` interrupted), the empty placeholder a browser
    leaves while it downloads, or a web page saved under the zip's name was passed over
    as if there were no zip: the error of a failed download said "no copy of it in the
    data directory either (looked for .../db_31_0_text.zip)" although the file was
    there, and with the network reachable the release was downloaded without a word. So
    was a symbolic link there to a zip that does not exist (:func:`_broken_link`).
    None when there is no such file, or it is a zip (a corrupt member is said when read).

    Examples
    --------
    >>> import tempfile
    >>> from exposure.releases import layout_source
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "db_31_0_text.zip").write_bytes(b"PK\\x03\\x04" + b"x" * 100)
    >>> _damaged_zip(root, layout_source("onet/31.0/Job Zones.txt"))[1]  # doctest: +ELLIPSIS
    "it is cut short (104 bytes, without the zip's table of contents that ends a whole zip: ...)"
    """
    places = _publisher_places(root, src)
    if len(places) < 2 or places[1].suffix.lower() != ".zip" or places[1].name == places[0].name:
        return None
    path = places[1]
    broken = _broken_link(path)
    if broken:  # a link to a zip on a drive not mounted, or moved: "no copy of it" was said
        return path, broken
    try:
        if not path.is_file() or zipfile.is_zipfile(path):
            return None
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(512)
    except OSError as exc:
        return path, f"it cannot be read ({exc.strerror or exc})"
    if size == 0:
        why = "it is empty (0 bytes: a download that never finished, or a browser's placeholder)"
    elif head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        why = (f"it is cut short ({size:,} bytes, without the zip's table of contents that ends a whole "
               "zip: a download interrupted?)")
    elif _looks_like_html(head):
        why = (f"it is a web page ({size:,} bytes, starting {head[:24]!r}), not a zip: an error or login "
               "page saved under the zip's name?")
    else:
        why = f"it is not a zip archive ({size:,} bytes, starting {head[:16]!r})"
    return path, why


def _broken_link(path: Path) -> str:
    """``"it is a symbolic link to T, which does not exist ..."`` when ``path`` is a link to nothing, else ``""``.

    A link in the data directory to the publisher's download kept elsewhere (on a drive
    that is not mounted, or since moved) was passed over as if there were nothing there.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> (d / "db_31_0_text.zip").symlink_to(d / "gone.zip")
    >>> _broken_link(d / "db_31_0_text.zip")  # doctest: +ELLIPSIS
    'it is a symbolic link to .../gone.zip, which does not exist (a drive not mounted, or the file moved?)'
    """
    try:
        if not path.is_symlink() or path.exists():
            return ""
        target = os.readlink(path)
    except OSError:
        return ""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # "to b, which does not exist" of a -> b -> a
            return f"it is a symbolic link that loops ({path} -> {target})"
    return f"it is a symbolic link to {target}, which does not exist (a drive not mounted, or the file moved?)"


#: What a browser names a download it has not finished: ``X.zip.part`` (Firefox), ``X.zip.crdownload``
#: (Chrome, Edge), ``X.zip.download`` (Safari, a folder).
_UNFINISHED_SUFFIXES = (".part", ".crdownload", ".download", ".partial")


def _unfinished_hint(root: Path, src: Source) -> str:
    """``"; the data directory has X.zip.part, a download the browser did not finish ..."`` (``""`` when none).

    A browser's download of the publisher's zip cut off (``db_31_0_text.zip.part``,
    ``db_31_0_text.zip.crdownload``) lay in the data directory while the error said only
    "no copy of it in the data directory either (looked for .../db_31_0_text.zip)".

    Examples
    --------
    >>> import tempfile
    >>> from exposure.releases import layout_source
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "db_31_0_text.zip.crdownload").write_bytes(b"PK")
    >>> _unfinished_hint(root, layout_source("onet/31.0/Job Zones.txt"))  # doctest: +ELLIPSIS
    '; the data directory has .../db_31_0_text.zip.crdownload, a download the browser did not finish, ...'
    """
    places = _publisher_places(root, src)
    if len(places) < 2 or places[1].suffix.lower() != ".zip":
        return ""
    zipped = places[1].name
    try:
        found = [entry for entry in sorted(root.iterdir())
                 if entry.name.lower().startswith(zipped.lower())
                 and entry.name[len(zipped):].lower() in _UNFINISHED_SUFFIXES]
    except OSError:
        return ""
    if not found:
        return ""
    return (f"; the data directory has {', '.join(map(str, found))}, a download the browser did not finish, "
            f"which is not read: download {src.archive_url} again (or resume it) and save it there as {zipped}")


def _refuse_damaged_zip(root: Path, src: Source) -> None:
    """Refuse (a new file) or warn (a pinned one) that the user's zip of ``src`` is no zip.

    See :func:`_damaged_zip`. A file nobody pinned is not downloaded instead: the
    download may be of another date of the release than the user's copy (as
    :func:`_refuse_partial_folder` refuses to complete a folder). A pinned file is still
    downloaded, its sha256 checked, and the zip said.
    """
    damaged = _damaged_zip(root, src)
    if damaged is None:
        return
    path, why = damaged
    if src.pinned:
        log.warning("%s: your copy of the publisher's download %s is not read: %s; replace it with a whole "
                    "download (or remove it)", src.name, path, why)
        return
    raise DownloadError(
        f"{src.name}: your copy of the publisher's download {path} is not a readable zip: {why}; "
        f"replace it with a whole download of {src.archive_url} (or remove it to download the release); "
        "nothing was read")


def _linked_folder(root: Path, src: Source) -> tuple[Path, str] | None:
    """The release folder of ``src`` in ``root`` when it is a link that is not read as it should: ``(folder, why)``.

    A symbolic link ``db_31_0_text`` to a folder kept elsewhere that does not exist (a
    drive not mounted, or the folder moved) was passed over without a word when the
    network was reachable, and the release downloaded; one to the folder of another
    release (``db_31_0_text -> /data/db_30_0_text``) had its files read as the release
    asked. None when the folder is no link, or a link to a folder of this release (or of
    a name that is no release's).

    Examples
    --------
    >>> import tempfile
    >>> from exposure.releases import layout_source
    >>> d = Path(tempfile.mkdtemp())
    >>> (d / "db_30_0_text").mkdir(); (d / "db_31_0_text").symlink_to(d / "db_30_0_text")
    >>> _linked_folder(d, layout_source("onet/31.0/Job Zones.txt"))[1]  # doctest: +ELLIPSIS
    "it is a symbolic link to .../db_30_0_text, the folder of O*NET 30.0's download, not O*NET 31.0's"
    """
    places = _publisher_places(root, src)
    if not places or places[0].parent == root:
        return None
    folder = root / PurePosixPath(src.member).parts[0]
    broken = _broken_link(folder)
    if broken:
        return folder, broken
    try:
        if not folder.is_symlink():
            return None
        target = os.readlink(folder)
        held = _ARCHIVE_TOKEN.fullmatch(Path(os.path.realpath(folder)).name)
    except OSError:
        return None
    wanted = _ARCHIVE_TOKEN.fullmatch(folder.name)
    if held is None or wanted is None or _token_release(held) == _token_release(wanted):
        return None
    return folder, (f"it is a symbolic link to {target}, the folder of {_token_release(held)}'s download, "
                    f"not {_token_release(wanted)}'s")


def _refuse_linked_folder(root: Path, src: Source, *, mirrored: bool, url: str | None = None) -> None:
    """Refuse (a new file) or warn (a pinned one, downloaded) of the release folder that is a link not read.

    See :func:`_linked_folder`. A link to another release's folder is refused whatever the
    file: its files are not this release's. A link to nothing, when the file is to be
    downloaded (no mirror: ``mirrored`` False), is refused for a new file as a zip that is
    no zip is (:func:`_refuse_damaged_zip`): the download may be of another date of the
    release than the files of it read from the folder before; a pinned file is
    downloaded, its sha256 checked, and the link said. With a mirror, the error of a file
    it lacks says the link (:func:`_data_dir_hint`). ``url`` is the URL the file is
    downloaded from (the store's URL map applied, :meth:`DataStore.url`; default the
    publisher's): the warning named the publisher's when a URL map sent the download
    elsewhere.
    """
    linked = _linked_folder(root, src)
    if linked is None:
        return
    folder, why = linked
    if _broken_link(folder):
        if mirrored or _publisher_copy(root, src) is not None:  # the mirror's file, or the user's zip, is read
            return
        if src.pinned:
            log.warning("%s: the release folder %s in the data directory is not read: %s; the file is "
                        "downloaded from %s instead", src.name, folder, why, url or src.archive_url)
            return
        raise DownloadError(f"{src.name}: the release folder {folder} in the data directory is not read: {why}; "
                            "mount the drive, or link the folder where it is now (or remove the link to download "
                            "the release); nothing was read")
    wanted = _token_release(_ARCHIVE_TOKEN.fullmatch(folder.name))
    raise DownloadError(f"{src.name}: the release folder {folder} in the data directory is not read: {why}: "
                        f"link the folder of {wanted}'s download (or remove the link "
                        "to download the release); nothing was read")


#: A second copy named by a browser or a file manager: ``X (1).zip``, ``X-1.zip``, ``X - Copy.zip``, ``X copy 2``.
_COPY_SUFFIX = re.compile(r"(?:\s*\(\d+\)|-\d+|\s+-\s+copy(?:\s*\(\d+\))?|\s+copy(?:\s+\d+)?)", re.IGNORECASE)


def _copy_of(name: str, want: str) -> bool:
    """True when the file or folder ``name`` is ``want`` renamed as a second copy is (``X (1).zip``).

    Examples
    --------
    >>> [_copy_of(n, "db_31_0_text.zip") for n in ("db_31_0_text (1).zip", "db_31_0_text-2.zip",
    ...  "db_31_0_text - Copy.zip", "db_31_0_text.zip", "db_31_0_text (1)", "db_31_1_text (1).zip")]
    [True, True, True, False, False, False]
    >>> _copy_of("Task Statements (1).txt", "Task Statements.txt")
    True
    """
    stem, dot, ext = want.rpartition(".") if "." in want else (want, "", "")
    if not name.lower().endswith((dot + ext).lower()):
        return False
    base = name[: len(name) - len(dot + ext)]
    return (base.lower().startswith(stem.lower())
            and _COPY_SUFFIX.fullmatch(base[len(stem):]) is not None)


def _renamed_copies(root: Path, src: Source, *, files: bool = False) -> list[Path]:
    """Copies of the publisher's download of ``src`` in ``root`` under a second copy's name.

    A zip saved twice by a browser (``db_31_0_text (1).zip``) or its folder so unzipped
    (``db_31_0_text (1)/``) is not read under that name: a release was downloaded, or
    another copy read, without a word about it. With ``files``, also the file of ``src``
    saved twice in the release folder (``db_31_0_text/Task Statements (1).txt``).

    Examples
    --------
    >>> import tempfile
    >>> from exposure.releases import layout_source
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "db_31_0_text (1).zip").write_bytes(b"PK")
    >>> [p.name for p in _renamed_copies(root, layout_source("onet/31.0/Job Zones.txt"))]
    ['db_31_0_text (1).zip']
    """
    places = _publisher_places(root, src)
    if len(places) < 2:
        return []
    zipped, rel = places[1].name, PurePosixPath(src.member)
    folders = [rel.parts[0]] if len(rel.parts) > 1 else []
    try:
        found = [entry for entry in sorted(root.iterdir())
                 if (_copy_of(entry.name, zipped) and entry.is_file())
                 or any(_copy_of(entry.name, f) and entry.is_dir() for f in folders)
                 or _other_case(root, entry, zipped if entry.is_file() else folders)]
        folder, want = places[0].parent, places[0].name
        if files and folder != root and folder.is_dir():
            found += [p for p in sorted(folder.iterdir()) if (_copy_of(p.name, want) or _other_case_file(p, places[0]))
                      and p.is_file()]
    except OSError:
        return []
    return found


def _other_case(root: Path, entry: Path, names) -> bool:
    """True when ``entry`` of ``root`` is one of ``names`` in other capitals, not read under it.

    ``DB_31_0_TEXT.ZIP`` or ``DB_31_0_TEXT/`` (a name upper-cased by an old file system, a
    USB stick formatted FAT, or a colleague's copy) is not read on a case-sensitive disk,
    where only ``db_31_0_text.zip`` is. On a disk that ignores case it is read: the name as
    written is then found too, and nothing is said.
    """
    names = [names] if isinstance(names, str) else names
    return any(entry.name != name and entry.name.lower() == name.lower() and not (root / name).exists()
               for name in names)


def _other_case_file(path: Path, want: Path) -> bool:
    """True when the file ``path`` is named ``want`` in other capitals and is not ``want`` itself.

    ``Job Zones.TXT`` beside ``Job Zones.txt`` in the release folder was passed over
    without a word; on a disk that ignores case the two names are one file, not said.
    """
    if path.name == want.name or path.name.lower() != want.name.lower():
        return False
    try:
        return not (want.exists() and path.samefile(want))
    except OSError:
        return False


def _renamed_advice(root: Path, src: Source, path: Path, reading: Path) -> str:
    """What the renamed copy ``path`` of the release is, and how to read it instead of ``reading``.

    ``"P, which is not read (the same zip in other capitals: names are case-sensitive): if
    it is the copy you want, ..."``. A copy in other capitals (``DB_31_0_TEXT.ZIP``,
    ``Job Zones.TXT``) was said to be "another download, renamed by the browser?", and a
    zip or a folder was to be put "in the place of .../db_31_0_text/Job Zones.txt", a
    text file. The folder is read before the zip, and two copies of other bytes are
    refused (:func:`_check_copies_agree`): the one read is to be removed.
    """
    places = _publisher_places(root, src)
    folder = root / PurePosixPath(src.member).parts[0]  # the release folder (its top, when unzipped deeper)
    read_zip = reading == places[1]
    if path.parent != root:
        kind, proper = "file", places[0]
        advice = (f"put it in the place of {reading} under that name" if reading == places[0]
                  else f"name it {proper.name!r} (the zip's copy, read now, is then checked against it)")
    elif path.is_dir():
        kind, proper = "folder", folder
        advice = (f"name it {proper.name}/ and remove the zip {places[1]}, which is read now" if read_zip
                  else f"put it in the place of {proper} under that name")
    else:
        kind, proper = "zip", places[1]
        advice = (f"put it in the place of {proper} under that name" if read_zip
                  else f"name it {proper.name} and remove the folder {folder}, which is read before the zip")
    why = (f"the same {kind} in other capitals: names are case-sensitive"
           if path.name.lower() == proper.name.lower() else "another download, renamed by the browser?")
    return f"{path}, which is not read ({why}): if it is the copy you want, {advice}"


def _renamed_hint(root: Path, src: Source) -> str:
    """``"; the data directory has X (1).zip ..."`` for :func:`_renamed_copies` (``""`` when none).

    A copy in other capitals (``DB_31_0_TEXT.ZIP``, :func:`_other_case`) is said to be
    unread as names are case-sensitive: the error said "no copy of it in the data
    directory either", naming only the places looked at.

    Examples
    --------
    >>> import tempfile
    >>> from exposure.releases import layout_source
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "DB_31_0_TEXT.ZIP").write_bytes(b"PK")
    >>> _renamed_hint(root, layout_source("onet/31.0/Job Zones.txt"))  # doctest: +ELLIPSIS
    '; the data directory has .../DB_31_0_TEXT.ZIP, not read under that name (names are case-sensitive): ...'
    """
    found = _renamed_copies(root, src)
    if not found:
        return ""
    places = _publisher_places(root, src)
    top = places[0].relative_to(root).parts[0]
    names = " or ".join(dict.fromkeys(places[1].name if p.is_file() else f"{top}/" for p in found))
    cased = all(_other_case(root, p, places[1].name if p.is_file() else top) for p in found)
    why = "names are case-sensitive" if cased else "a second download renamed by the browser?"
    return (f"; the data directory has {', '.join(str(p) for p in found)}, not read under "
            f"{'that name' if len(found) == 1 else 'those names'} ({why}): "
            f"name your copy {names} to read it")


_SAID_RENAMED: set[tuple[str, ...]] = set()


def _say_renamed(root: Path, src: Source, reading: Path | None, url: str | None = None) -> None:
    """Warn, once, of a renamed copy of the release (or of ``src``'s file) that is not read.

    ``reading`` is the user's copy read instead (None: the release is downloaded). With
    ``db_31_0_text/`` and a later download saved as ``db_31_0_text (1).zip`` beside it
    (or ``Task Statements (1).txt`` beside ``Task Statements.txt``), the first was read
    and the other passed over without a word. A pinned file is checked against its sha256.
    ``url`` is the URL the zip is downloaded from (the store's URL map applied; default the
    publisher's), as in :func:`_refuse_linked_folder`.
    """
    if src.pinned or not src.archive_url:
        return
    found = _renamed_copies(root, src, files=reading is not None)
    key = (str(root), src.archive_url, *map(str, found))
    if not found or key in _SAID_RENAMED:
        return
    _SAID_RENAMED.add(key)
    if reading is not None:
        log.warning("%s: read from %s; the data directory also has %s", src.name, _copy_name(reading, src),
                    "; and ".join(_renamed_advice(root, src, p, reading) for p in found))
    else:
        log.warning("%s: not in the data directory under the publisher's name, so the release is downloaded "
                    "from %s%s instead", src.name, url or src.archive_url, _renamed_hint(root, src))


def _loose_copy(root: Path, src: Source) -> Path | None:
    """``src``'s file at the top of the data directory ``root``, outside the folder of the publisher's zip.

    BLS's ``national_M2026_dl.xlsx`` (or O*NET's ``Job Zones.txt``) unzipped without its
    folder (``unzip -j``, or dragged out of the zip) lies in ``root`` itself, where it is not
    read: only ``root/oesm26nat/national_M2026_dl.xlsx`` is. The error of a failed download
    said "no copy of it in the data directory either", the file being there; with the
    network reachable, the release was downloaded and the user's file passed over without a
    word. None when there is no such file, or ``root`` is the release folder itself
    (:func:`_root_release_file`).

    Examples
    --------
    >>> import tempfile
    >>> from exposure.releases import layout_source
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "national_M2026_dl.xlsx").write_bytes(b"PK")
    >>> _loose_copy(root, layout_source("oews/national_M2026_dl.xlsx")) == root / "national_M2026_dl.xlsx"
    True
    """
    places = _publisher_places(root, src)
    if not places or _root_release_file(root, src) is not None:
        return None
    rel = PurePosixPath(src.member)
    loose = root / rel.name
    try:
        return loose if len(rel.parts) > 1 and loose != places[0] and loose.is_file() else None
    except OSError:
        return None


def _loose_hint(root: Path, src: Source) -> str:
    """``"; the data directory has X at its top ..."`` for :func:`_loose_copy` (``""`` when none)."""
    loose = _loose_copy(root, src)
    if loose is None:
        return ""
    places = _publisher_places(root, src)
    folder = places[0].parent
    # BLS's names hold the year (national_M2026_dl.xlsx); O*NET's do not (Job Zones.txt)
    release = str(src.release or "").split()[-1:]
    which = "" if release and release[0] in loose.name else f", if they are of release {src.release}"
    return (f"; the data directory has {loose} at its top, where it is not read (only in the folder of the "
            f"publisher's zip): move the release's files into {folder}{which} (or put the zip itself, "
            f"{places[1]}, there) to read them")


_SAID_LOOSE: set[tuple[str, ...]] = set()


def _say_loose(root: Path, src: Source, url: str | None = None) -> None:
    """Warn, once for the zip, that a new release is downloaded while ``src``'s file lies at the top of the data directory.

    ``url`` is the URL the zip is downloaded from (the store's URL map applied; default
    the publisher's), as in :func:`_refuse_linked_folder`.
    """
    if src.pinned or not src.archive_url:
        return
    hint = _loose_hint(root, src)
    key = (str(root), src.archive_url)  # once for the release's zip, not for each of its files
    if not hint or key in _SAID_LOOSE:
        return
    _SAID_LOOSE.add(key)
    log.warning("%s: the release is downloaded from %s%s", src.name, url or src.archive_url, hint)


def _publisher_sha256(path: Path, src: Source, *, lf: bool = False) -> str:
    """sha256 of the publisher's download ``path`` of ``src`` (a folder's file, or the zip's member).

    With ``lf``, of its bytes with every CRLF read as LF (:class:`_LfDigest`).
    """
    plain = path.suffix.lower() != ".zip" or path.name == PurePosixPath(src.member).name
    if plain and not lf:
        return _hash_in_place(path, src)
    digest = _LfDigest() if lf else hashlib.sha256()
    if plain:
        try:
            with open(path, "rb") as fh:
                for chunk in iter(lambda: fh.read(_CHUNK), b""):
                    digest.update(chunk)
        except OSError as exc:
            raise DownloadError(f"{src.name}: cannot read {path}: {exc.strerror or exc}") from exc
        return digest.hexdigest()
    try:
        with zipfile.ZipFile(path) as zf:
            _check_member_copies(zf, path, src)  # the copy beside it was passed over once the file was cached
            with zf.open(src.member) as fin:
                for chunk in iter(lambda: fin.read(_CHUNK), b""):
                    digest.update(chunk)
    except KeyError:  # no such member: the cached copy is what there is
        return src.sha256
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError) as exc:
        why = (_unreadable_member(exc) if isinstance(exc, (NotImplementedError, RuntimeError))
               else f"is unreadable ({exc})")
        raise DownloadError(f"{src.name}: member {src.member!r} of {path} {why}; "
                            "it is your copy of the publisher's download: replace it with a good "
                            "one (or remove it)") from exc
    return digest.hexdigest()


def _check_publisher_copy(root: Path, src: Source, mirror: Path | None) -> None:
    """Refuse a publisher's download in the data directory that is not the pinned file.

    Once a file was copied into the cache and pinned, the cache copy was read at every
    later run: a corrected release put in the data directory (``db_31_0_text/`` or its
    zip, the same name with other bytes) was silently ignored, and the tables were
    recomputed from the old file while the user believed them computed from the new one.
    A changed upstream file stops the run, as a changed download does
    (:class:`~exposure.errors.ChecksumMismatchError`, naming the user's file).

    With the mirror holding the file, the mirror's is read; the user's copies in the data
    directory were then not looked at, so a corrected release put there was ignored without
    a word (and a new file was read and pinned from the mirror). They are checked too:
    against the pin, or, for a new file, against the mirror's bytes
    (:class:`~exposure.errors.DownloadError` naming both).
    """
    expected, mirrored = src.sha256, None
    if mirror is not None and _mirror_has(mirror, src):
        # the mirror's file is the one read, not the data directory's: a mirror holding
        # other bytes than the lock's pin was ignored while the cache held the pinned copy
        # (and refused by a fresh cache); a registry file's mirror is the package's own
        mirrored = _mirror_file(mirror, src)
        if src.name not in SOURCES or not src.pinned:
            actual = _hash_in_place(mirrored, src)
            if src.pinned and actual != src.sha256:
                raise _mirror_mismatch(src, actual, mirrored)
            expected = actual
    # every copy: a zip of other bytes beside the pinned folder was ignored as well
    for local in _publisher_copies(root, src):
        actual = _publisher_sha256(local, src)
        if actual == expected:
            continue
        if mirrored is None or src.pinned:
            raise _copy_mismatch(src, actual, local)
        raise DownloadError(
            f"{src.name}: the mirror's {mirrored} (sha256 {expected}) and your copy "
            f"{_copy_name(local, src)} in the data directory (sha256 {actual}) hold other bytes: "
            f"{_why_copies_differ(mirrored, local, src)} The mirror's would be read: remove the copy you do not "
            "want (or unset the mirror to read yours); nothing was read")


def _copy_mismatch(src: Source, actual: str, path: Path) -> ChecksumMismatchError:
    """The sha256 mismatch of the user's copy ``path`` of the publisher's download of ``src`` (sha256 ``actual``).

    An edited copy of a release file in the data directory (a cell fixed by hand, the file
    saved again by a spreadsheet) was refused with two digests and no word on what to do:
    the file is the user's, and the pinned one is read once it is put back or removed.
    """
    shown = _copy_name(path, src)
    return _mismatch(src, actual, path, shown, advice=(
        f"{shown} is your copy of the publisher's download in the data directory, with other bytes than the "
        "pinned file (edited, or saved again by a spreadsheet?): put the publisher's file back unchanged, or "
        f"remove {path} to read the pinned file (from the cache, the mirror or a download)"))


def _copy_name(path: Path, src: Source) -> str:
    """``path`` of the publisher's download of ``src`` as said: a folder's file, or ``zip!member``."""
    return str(path) if path.name == PurePosixPath(src.member).name else f"{path}!{src.member}"


def _publisher_copies(root: Path, src: Source) -> list[Path]:
    """Every copy of ``src``'s file in the data directory ``root``: the folder's file, the zip's member.

    Unlike :func:`_publisher_copy` (the one read), a zip lacking the member is left out.
    """
    found = []
    for path in _publisher_places(root, src):
        if path.suffix.lower() == ".zip" and path.name != PurePosixPath(src.member).name:
            try:
                with zipfile.ZipFile(path) as zf:
                    zf.getinfo(src.member)
            except KeyError:
                continue
            except (zipfile.BadZipFile, OSError):
                continue  # not a zip (or unreadable): not read as one either
            found.append(path)
        elif path.is_file():
            found.append(path)
    return found


def _check_copies_agree(root: Path, src: Source) -> None:
    """Refuse the folder and the zip of the release in ``root`` holding ``src``'s file with other bytes.

    With both ``db_31_0_text/`` and ``db_31_0_text.zip`` in the data directory (an old
    unzipped folder and a corrected zip downloaded since), the folder's file was read and
    the zip's silently ignored. The same bytes in both are read as before.
    """
    copies = _publisher_copies(root, src)
    if len(copies) < 2:
        return
    (first, a), (second, b) = [(path, _publisher_sha256(path, src)) for path in copies[:2]]
    if a != b:
        raise DownloadError(
            f"{src.name}: the data directory holds two copies of it with other bytes: "
            f"{_copy_name(first, src)} (sha256 {a}) and {_copy_name(second, src)} (sha256 {b}): "
            f"{_why_copies_differ(first, second, src)} Keep the one you want (remove the other, or unzip the zip "
            "over the folder); nothing was read")


def _why_copies_differ(first: Path, second: Path, src: Source) -> str:
    """Why two copies of ``src``'s file with other bytes differ, as said after their digests.

    ``"two dates of the release?"``, unless they are the same text with other line ends: a
    folder unzipped with ``unzip -a`` (or copied through git, ``dos2unix``) beside the zip
    read as two dates of the release, whose tables are the same.
    """
    try:
        same = _publisher_sha256(first, src, lf=True) == _publisher_sha256(second, src, lf=True)
    except ExposureError:  # said where the copy is read
        same = False
    if not same:
        return "two dates of the release?"
    crlf, lf = (first, second) if _copy_size(first, src) > _copy_size(second, src) else (second, first)
    return _other_line_ends(_copy_name(crlf, src), _copy_name(lf, src))


def _other_line_ends(crlf: str, lf: str) -> str:
    """Two copies of a file said to hold the same text with other line ends: CRLF in ``crlf``, LF in ``lf``.

    Examples
    --------
    >>> _other_line_ends("a.zip!x.txt", "x.txt")  # doctest: +ELLIPSIS
    "the same text with other line ends, CRLF in a.zip!x.txt and LF in x.txt (unzipped with ...), not two dates of the release."
    """
    return (f"the same text with other line ends, CRLF in {crlf} and LF in {lf} (unzipped with 'unzip -a', or "
            "copied through git's line-end conversion or dos2unix?), not two dates of the release.")


def _copy_size(path: Path, src: Source) -> int:
    """Size in bytes of the copy ``path`` of ``src``'s file: a folder's file, or the zip's member (-1 unknown)."""
    try:
        if path.suffix.lower() != ".zip" or path.name == PurePosixPath(src.member).name:
            return path.stat().st_size
        with zipfile.ZipFile(path) as zf:
            return zf.getinfo(src.member).file_size
    except (OSError, KeyError, zipfile.BadZipFile):
        return -1


def _refuse_partial_folder(root: Path, src: Source) -> None:
    """Refuse to download a new file the user's unzipped release folder in ``root`` lacks.

    With the network reachable, a folder ``db_31_0_text/`` lacking one table was completed
    from the publisher's zip without a word: the release was read from the user's files
    mixed with a downloaded one, which may be of another date of the release, and all were
    pinned. A file pinned before is downloaded as before (its sha256 is checked).
    """
    places = _publisher_places(root, src)
    if src.pinned or not places or places[0].parent == root:
        return
    hint = _folder_hint(root, src)
    if not hint:
        return
    folder = places[0].parent
    raise DownloadError(
        f"{src.name}: {hint[2:]}; it is not downloaded alone: the release would be read from "
        f"your files in {folder.name}/ mixed with one from {src.archive_url}, which may be of "
        f"another date of the release. Copy the file into {folder}, put the publisher's zip "
        f"itself in the data directory ({places[1]}), or remove the folder to download the "
        "whole release; nothing was downloaded")


def _root_release_file(root: Path, src: Source) -> Path | None:
    """``src``'s file in the data directory ``root`` when ``root`` is the release folder itself, else None.

    ``--data-dir ~/Downloads/db_31_0_text`` (the publisher's zip as unzipped, given as the
    data directory instead of the folder that holds it): the file is ``root/Job Zones.txt``,
    where the library looks for ``root/db_31_0_text/Job Zones.txt``.

    Examples
    --------
    >>> import tempfile
    >>> from exposure.releases import layout_source
    >>> d = Path(tempfile.mkdtemp()) / "db_31_0_text"; d.mkdir()
    >>> _ = (d / "Job Zones.txt").write_text("x")
    >>> _root_release_file(d, layout_source("onet/31.0/Job Zones.txt")) == d / "Job Zones.txt"
    True
    """
    if not src.member or not src.archive_url:
        return None
    try:
        rel = _safe_relpath(src.member, what="archive member")
    except ExposureError:
        return None
    if len(rel.parts) < 2 or Path(os.path.abspath(root)).name != rel.parts[0]:
        return None
    held = root.joinpath(*rel.parts[1:])
    return held if held.is_file() else None


def _release_folder_hint(root: Path, src: Source) -> str:
    """``"; the data directory ... is itself the release folder ..."`` (:func:`_root_release_file`), else ``""``."""
    held = _root_release_file(root, src)
    if held is None:
        return ""
    folder = Path(os.path.abspath(root))
    return (f"; the data directory {root} is itself the release folder {folder.name}/ (it holds {held.name!r}), "
            f"not the folder that holds it: give {folder.parent} as the data directory (--data-dir, "
            f"${ENV_DATA_DIR}) to read your copy")


def _refuse_release_folder_root(root: Path, src: Source) -> None:
    """Refuse to download a new file whose release folder is the data directory ``root`` itself.

    With the network reachable, the release was downloaded into that folder and read
    without a word, the user's files beside it passed over (they may be of another date of
    the release); without it, the error said "no copy of it in the data directory
    either". A file pinned before is downloaded as before (its sha256 is checked).
    """
    hint = _release_folder_hint(root, src)
    if src.pinned or not hint:
        return
    raise DownloadError(f"{src.name}: {hint[2:]}; nothing was downloaded")


def _from_publisher_copy(path: Path, src: Source, dest: Path) -> None:
    """Copy ``src`` into the cache from the publisher's download ``path`` in the data directory."""
    log.info("reading %s from %s (the publisher's download in the data directory)", src.name, path)
    if zipfile.is_zipfile(path) and path.name == src.archive_url.rstrip("/").rsplit("/", 1)[-1]:
        _extract_member_verified(path, src, dest)
    else:
        _copy_verified(path, src, dest)


def _folder_hint(root: Path, src: Source) -> str:
    """What the user's unzipped release folder in ``root`` holds instead of ``src``'s file.

    A folder ``db_31_0_text/`` lacking one table (a file the publisher renamed, or one left
    out when copying) read as a failed download: the error led with the network and named
    the folder only among the places looked at, not what it holds instead.

    Examples
    --------
    >>> import tempfile
    >>> from exposure.releases import layout_source
    >>> d = Path(tempfile.mkdtemp()); (d / "db_31_0_text").mkdir()
    >>> _ = (d / "db_31_0_text" / "Task_Statements.txt").write_text("x")
    >>> _folder_hint(d, layout_source("onet/31.0/Task Statements.txt"))  # doctest: +ELLIPSIS
    "; the folder .../db_31_0_text has no 'Task Statements.txt' but 'Task_Statements.txt' (renamed by the publisher? ...)"
    """
    places = _publisher_places(root, src)
    if not places or not places[0].parent.is_dir():
        return ""
    folder, want = places[0].parent, places[0].name
    try:
        names = sorted(p.name for p in folder.iterdir() if p.is_file())
    except OSError:
        return ""
    copies = [n for n in names if _copy_of(n, want)]
    if copies:  # "left out when copying" was said of a file saved twice by a browser
        return (f"; the folder {folder} has no {want!r} but {', '.join(map(repr, copies))} (a second "
                f"download renamed by the browser? give the file the name {want!r})")
    deeper = folder / folder.name / want
    if deeper.is_file():  # beside other files: not read as the archive unzipped one level deeper
        return (f"; the folder {folder} has no {want!r}, but its folder {folder.name}/ has it (the archive "
                f"unzipped one level deeper, beside other files?): move the files of {folder / folder.name} "
                f"up into {folder}")
    key = re.sub(r"[\W_]+", "", want.lower())  # the name in another case, spacing or punctuation
    like = [n for n in names if re.sub(r"[\W_]+", "", n.lower()) == key]
    if like:
        return (f"; the folder {folder} has no {want!r} but {', '.join(map(repr, like))} (renamed by "
                f"the publisher? give the file the name {want!r})")
    return (f"; the folder {folder} has {len(names)} file(s), none named {want!r} (left out when "
            "copying the release? copy it from the publisher's zip)")


def _other_release_hint(root: Path, src: Source) -> str:
    """Name the publishers' downloads in the data directory ``root`` that are not of ``src``'s release.

    BLS's download of another year (``oesm25nat.zip`` where May 2026 is wanted), of
    another table (``oesm26st.zip``, ``oesm26ma.zip``, ``oesm26all.zip``: by state, by
    area, all data) or O*NET's of another release (``db_30_0_text/`` where 31.0 is wanted)
    lying in the data directory was passed over without a word: the error said "no copy
    of it in the data directory either", naming only the places looked at. ``""`` when
    there is none (O*NET's other format of the same release is :func:`_other_format_hint`'s).

    Examples
    --------
    >>> import tempfile
    >>> from exposure.releases import layout_source
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "oesm25nat.zip").write_bytes(b"PK")
    >>> _other_release_hint(root, layout_source("oews/national_M2026_dl.xlsx"))  # doctest: +ELLIPSIS
    "; the data directory has .../oesm25nat.zip, OEWS May 2025's download, not OEWS May 2026's (read only ..."
    """
    places = _publisher_places(root, src)
    if len(places) < 2:
        return ""
    wanted = places[1].name
    token = _ARCHIVE_TOKEN.fullmatch(re.sub(r"\.zip\Z", "", wanted, flags=re.IGNORECASE))
    if token is None:
        return ""
    release = _token_release(token)
    said = []
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return ""
    for entry in entries:
        try:
            if not (entry.is_dir() or (entry.suffix.lower() == ".zip" and entry.is_file())):
                continue
        except OSError:
            continue
        stem = re.sub(r"\.zip\Z", "", entry.name, flags=re.IGNORECASE)
        level = _OEWS_OTHER.fullmatch(stem)
        other = _ARCHIVE_TOKEN.fullmatch(stem)
        if level is not None and src.kind == "oews":
            said.append(f"{entry}, BLS's {_OEWS_LEVELS[level.group(2).lower()]} download of OEWS May "
                        f"20{level.group(1)}, which is not read (the library reads BLS's national tables only)")
        elif (other is not None and (other.group(3) is None) == (token.group(3) is None)
              and _token_release(other) != release):
            said.append(f"{entry}, {_token_release(other)}'s download, not {release}'s (read only when that "
                        "release is asked)")
    if not said:
        return ""
    more = f"; and {len(said) - 3} more" if len(said) > 3 else ""
    return f"; the data directory has {'; and '.join(said[:3])}{more}: put {wanted} ({release}'s download) there to read {src.name}"


def _other_format_hint(root: Path, src: Source) -> str:
    """Name O*NET's download in the other format when the data directory ``root`` holds it.

    Examples
    --------
    >>> import tempfile
    >>> from exposure.releases import layout_source
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "db_31_0_excel").mkdir()
    >>> _ = (root / "db_31_0_excel" / "Job Zones.xlsx").write_bytes(b"x")
    >>> _other_format_hint(root, layout_source("onet/31.0/Job Zones.txt")).endswith(
    ...     "O*NET's excel download: give --onet-format excel (onet_format='excel')")
    True

    For a release the package pins in one format (29.1 text, 30.1 Excel), the copy of the
    other format is said not to be read, and the download to put there is named: the hint
    to give ``--onet-format`` was refused by :func:`exposure.onet.load_onet` for them.
    """
    match = re.fullmatch(r"onet/([0-9]+\.[0-9])/(.+)\.(txt|xlsx)", src.name)
    if src.kind != "onet" or match is None:
        return ""
    release, base, ext = match.groups()
    fmt = "excel" if ext == "txt" else "text"
    try:
        other = layout_source(f"onet/{release}/{base}{'.xlsx' if fmt == 'excel' else '.txt'}")
    except ExposureError:
        return ""
    found = _publisher_copy(root, other)
    if found is None:
        return ""
    if any(name.startswith(f"onet/{release}/") for name in SOURCES):
        # 29.1 and 30.1 are pinned in one format: "give --onet-format text" was then refused
        # ("O*NET 30.1 is pinned by the package in excel format only")
        wanted = (src.archive_url or "").rstrip("/").rsplit("/", 1)[-1]
        put = f": put {wanted} there instead" if wanted else ""
        return (f"; the data directory has {found}, O*NET's {fmt} download, which is not read: the package "
                f"pins O*NET {release} in its {'text' if fmt == 'excel' else 'excel'} format only{put}")
    return f"; the data directory has {found}, O*NET's {fmt} download: give --onet-format {fmt} (onet_format={fmt!r})"


_SAID_OTHER_FORMAT: set[tuple[str, str]] = set()


def _say_other_format(root: Path, src: Source, url: str | None = None) -> None:
    """Warn, once per archive, that a new file is downloaded though ``root`` holds O*NET's other format.

    With only ``db_31_0_excel/`` in the data directory and the text format asked (the
    default), the text release was downloaded without a word: the user's own copy, which
    may be of another date of the release, was not read and nothing said so. ``url`` is
    the URL the zip is downloaded from (the store's URL map applied; default the
    publisher's), as in :func:`_refuse_linked_folder`.
    """
    if src.pinned or not src.archive_url:
        return
    hint = _other_format_hint(root, src)
    key = (str(root), src.archive_url)
    if not hint or key in _SAID_OTHER_FORMAT:
        return
    _SAID_OTHER_FORMAT.add(key)
    log.warning("%s: not in the data directory in the format asked, so the release is downloaded "
                "from %s%s to read your copy instead", src.name, url or src.archive_url, hint)


def _drop_refused_archive(store: DataStore, src: Source) -> None:
    """Remove the archive the library downloaded for the new file ``src``, whose bytes were refused.

    A new file (or release) refused by its reader left the publisher's archive in
    ``<cache>/.archives/``: the next run extracted the same refused bytes from it, so a
    corrected re-publication was not downloaded until the user deleted the archive. Only
    the library's own download is removed: not a mirror (read-only), not the user's copy
    of the publisher's download in the data directory (:func:`_publisher_copy`), and
    nothing when the file was read from either.
    """
    if src.pinned or not src.member or not src.archive_url or store.mirror is not None:
        return
    root = store.cache
    try:
        if mirror_holding(root, None) is not None or _publisher_copy(root, src) is not None:
            return
        archive = root / _ARCHIVE_DIR / store.url(src.archive_url).rstrip("/").rsplit("/", 1)[-1]
        if archive.is_file():
            archive.unlink()
            log.info("removed %s: %s was refused, so the archive is downloaded anew next time", archive, src.name)
    except OSError as exc:  # the refusal is what the caller reports
        log.warning("could not remove the archive of refused %s: %s", src.name, exc)


def _refused(exc: BaseException) -> bool:
    """True when ``exc`` refuses the data read (a :class:`DataFormatError`, also as a stage's cause).

    A pin refused because another run pinned another version (stage ``pin``) is not.
    """
    if getattr(exc, "stage", None) == "pin":
        return False
    return isinstance(exc, DataFormatError) or isinstance(getattr(exc, "cause", None), DataFormatError)


def _mirror_has(mirror: Path, src: Source) -> bool:
    """True when the mirror holds the file of ``src`` where it belongs."""
    try:
        return (mirror / _safe_relpath(src.name, what="registry name")).is_file()
    except ExposureError:
        return False


#: The old prefixes of a URL map already said to match no URL (:func:`_say_unused_map`).
_SAID_UNUSED_MAP: set[str] = set()


def _say_unused_map(store: DataStore, src: Source) -> None:
    """Warn, once, of each old prefix of ``store``'s URL map that matches no URL a download may use.

    ``$EXPOSURE_URL_MAP`` with a typo in an old prefix (``http://www.bls.gov``, where
    BLS's URLs start with ``https://``; ``https://www.onetcenter.org/dl_file``) mapped
    nothing: the file was downloaded from the publisher itself, not from the local server
    the map named, or the download failed naming the publisher's URL, without a word on
    the map. The URLs looked at are the registry's, the release layouts' (up to the
    release in them), the lock file's and ``src``'s own.
    """
    if not store.url_map:
        return
    urls = {u for s in (*SOURCES.values(), src) for u in (s.url, s.archive_url) if u}
    try:
        urls.update(entry["url"] for entry in store.lock.entries().values() if entry.get("url"))
    except ExposureError:  # a damaged lock file is said where it is read
        pass
    heads = [url.split("{", 1)[0] for url in (ONET_ARCHIVE, *(u for u, _ in OEWS_ARCHIVES.values()))]
    origins = sorted({"/".join(u.split("/", 3)[:3]) for u in (*urls, *heads)})
    env = os.environ.get(ENV_URL_MAP, "")
    try:
        said = f"${ENV_URL_MAP}" if env and _parse_url_map(env) == store.url_map else "the URL map"
    except ExposureError:
        said = "the URL map"
    for old, new in store.url_map:
        if old in _SAID_UNUSED_MAP or any(_starts_url(u, old) for u in urls) or any(
                _starts_url(head, old) or _starts_url(old, head) for head in heads):
            continue
        _SAID_UNUSED_MAP.add(old)
        close = difflib.get_close_matches(old.rstrip("/"), origins, n=1, cutoff=0.6)
        log.warning("%s: the old prefix %r (of '%s=%s') starts no URL of a source, so it is never used (a "
                    "typo?)%s; files are downloaded from their publishers' URLs", said, old, old, new,
                    f": the URLs start with {close[0]!r}" if close else "")


def _from_network(root: Path, src: Source, dest: Path, store: DataStore | None = None,
                  **kwargs) -> None:
    if store is not None:  # the store's User-Agent and URL map
        _say_unused_map(store, src)
        with contextlib.closing(_session(store.user_agent)) as session:
            mapped = replace(src, url=store.url(src.url), archive_url=(
                store.url(src.archive_url) if src.archive_url else None))
            return _from_network(root, mapped, dest, session=session, **kwargs)
    if src.mirror_only:
        raise DownloadError(
            f"{src.name}: upstream does not publish this file in this form, so it can only "
            f"be read from a mirror (set ${ENV_MIRROR} or pass --mirror). {src.notes}"
        )
    if not src.member:
        cap = src.size + SIZE_MARGIN if src.size else None
        try:
            download(src.url, dest, sha256=src.sha256 or None, name=src.name, max_bytes=cap,
                     **kwargs)
        except ChecksumMismatchError as exc:
            _say_size(exc, src)
            raise
        return
    archive = root / _ARCHIVE_DIR / src.archive_url.rstrip("/").rsplit("/", 1)[-1]
    if not zipfile.is_zipfile(archive):
        # archives are not pinned: a generous cap, never below the member's own size
        cap = max(ARCHIVE_MAX_BYTES, src.size + SIZE_MARGIN)
        try:
            download(src.archive_url, archive, name=f"{src.name} (archive)", max_bytes=cap,
                     **kwargs)
        except DownloadError as exc:
            # say where a copy of the publisher's download would have been read instead
            exc.args = (f"{exc.args[0]}{_data_dir_hint(root, src, [archive])}",)
            raise
    try:
        _extract_member_verified(archive, src, dest, downloaded=True)
    except (ChecksumMismatchError, DownloadError) as exc:
        # The archive is not pinned; drop it so that a corrected upstream is picked up
        # (but not a good zip that lacks the member: the release's other files are in it).
        if not getattr(exc, "archive_kept", False):
            archive.unlink(missing_ok=True)
        raise


def _say_size(exc: ChecksumMismatchError, src: Source) -> None:
    """Add to the mismatch ``exc`` of a download of ``src`` what the body is, or its size when it is not the pin's.

    A body cut short (a server or proxy declaring a Content-Length shorter than the file:
    the client reads no further), or another file the package pins (a URL map's server
    answering with another release's file), was a bare mismatch of two digests; so was a
    Git LFS pointer (the raw URL on GitHub of a file kept in Git LFS serves its pointer).
    """
    if not exc.args or not isinstance(exc.args[0], str):
        return
    got = getattr(exc, "size", None)
    other = _pinned_as(exc.actual, src)
    oid = getattr(exc, "lfs_oid", None)
    hint = ""
    if other:
        hint = (f"its bytes are those of {other}, which the package pins: the server answered with another file; "
                f"check the source's URL and ${ENV_URL_MAP}")
    elif oid is not None:
        whose = "the pinned file" if oid == src.sha256 else (f"another file (sha256 {oid})" if oid else "a file")
        media = _lfs_media_url(src.url)
        hint = (f"the body is a Git LFS pointer ({got:,} bytes) to {whose}, not the file: " + (
            f"the raw URL of a file kept in Git LFS serves its pointer; its media URL {media} serves the file "
            f"(map the one to the other in ${ENV_URL_MAP})" if media else
            f"the server serves the pointer of a file kept in Git LFS; check the source's URL and ${ENV_URL_MAP}"))
    elif src.size and got is not None and got < src.size and not getattr(exc, "whole_lines", True):
        hint = (f"the body read has {got:,} bytes of the {src.size:,} pinned, the last line unfinished (cut short: "
                "a server or proxy declaring a Content-Length shorter than the file?): try again later, or check "
                f"the source's URL and ${ENV_URL_MAP}")
    if hint:
        exc.args = (f"{exc.args[0]}; {hint}", *exc.args[1:])


def _data_dir_hint(root: Path, src: Source, looked=()) -> str:
    """``"; no copy of it in the data directory either (looked for ...)"``, and what it holds instead.

    Said when neither the network nor the mirror gave ``src``: the places of the data
    directory ``root`` where the publisher's download would have been read (``looked``
    first), a zip there that is no zip, a zip or release folder that is a link to nothing
    (:func:`_broken_link`) or a release folder linked to another release's
    (:func:`_linked_folder`), a release folder lacking the file, a browser's download of
    the zip that did not finish (:func:`_unfinished_hint`), O*NET's download in the
    other format, a copy renamed by a browser or in other capitals, the file unzipped
    without its folder (:func:`_loose_copy`) and the downloads of other releases or tables
    (:func:`_other_release_hint`). ``""`` for a file of no archive.

    Examples
    --------
    >>> import tempfile
    >>> from exposure.releases import layout_source
    >>> root = Path(tempfile.mkdtemp())
    >>> _data_dir_hint(root, layout_source("onet/31.0/Job Zones.txt")).endswith("db_31_0_text.zip)")
    True
    """
    places = [*looked, *_publisher_places(root, src)]
    if not places:
        return ""
    damaged = _damaged_zip(root, src)
    unread = f"; {damaged[0]} is there but not read: {damaged[1]}" if damaged else ""
    linked = _linked_folder(root, src)
    if linked is not None:  # the release folder, a link to nothing (or to another release's)
        unread += f"; {linked[0]} is there but not read: {linked[1]}"
    return (f"; no copy of it in the data directory either (looked for {', '.join(map(str, places))})"
            f"{unread}{_release_folder_hint(root, src)}{_folder_hint(root, src)}{_other_format_hint(root, src)}"
            f"{_unfinished_hint(root, src)}{_renamed_hint(root, src)}{_loose_hint(root, src)}"
            f"{_other_release_hint(root, src)}")


def fetch(
    name,
    *,
    mirror=None,
    data_dir=None,
    timeout=None,
    retries: int | None = None,
    backoff: float | None = None,
    store: DataStore | None = None,
    deadline: float | None = None,
) -> Path:
    """Return the local, sha256-verified path of registry file ``name``.

    Looks in the cache first; otherwise copies the file from the mirror (``mirror`` or
    ``$EXPOSURE_MIRROR``) or downloads it, verifying the pinned sha256 before the file
    appears in the cache. See the module docstring for the cache location and rules.

    Parameters
    ----------
    name : str or Source
        Registry name, e.g. ``"onet/29.1/Task Statements.txt"`` (see
        :data:`exposure.sources.SOURCES`), or a :class:`~exposure.sources.Source`.
    mirror : str or os.PathLike, optional
        Local mirror directory laid out like ``../shared/data``. Default
        ``$EXPOSURE_MIRROR``; when neither is set, the network is used.
    data_dir : str or os.PathLike, optional
        Cache directory. Default :func:`default_data_dir`.
    timeout, retries, backoff, deadline : optional
        Network settings passed to :func:`download`.
    store : DataStore, optional
        Mirror, cache, lock file, User-Agent and URL map in one object (default
        :meth:`DataStore.default`); ``mirror``/``data_dir`` override its directories.
        A name that is not in the registry is resolved through the store's lock file
        or the release layouts (:mod:`exposure.releases`); a file nobody pinned yet is
        fetched without verification: read it with :func:`fetch_table` to validate and
        pin it.

    Returns
    -------
    pathlib.Path
        ``<data_dir>/<name>``, verified.

    Raises
    ------
    exposure.errors.ExposureError
        Unknown name or missing mirror directory; a ``timeout``, ``retries``, ``backoff``
        or ``deadline`` that is no number of its range (as :func:`download` refuses it).
    exposure.errors.ChecksumMismatchError
        The mirror file or download does not have the pinned sha256.
    exposure.errors.DownloadError
        Network failure, or the file is missing from the mirror, or it is mirror-only.

    Examples
    --------
    >>> import hashlib, pathlib, tempfile
    >>> from exposure.sources import Source
    >>> mirror = pathlib.Path(tempfile.mkdtemp())
    >>> (mirror / "demo").mkdir()
    >>> _ = (mirror / "demo" / "a.csv").write_bytes(b"x,y\\n1,2\\n")
    >>> src = Source(name="demo/a.csv", release="1", url="https://example.org/a.csv",
    ...              sha256=hashlib.sha256(b"x,y\\n1,2\\n").hexdigest(), size=8,
    ...              licence="CC0", attribution="demo")
    >>> cache = pathlib.Path(tempfile.mkdtemp())
    >>> path = fetch(src, mirror=mirror, data_dir=cache)
    >>> path.relative_to(cache).as_posix(), path.read_bytes()
    ('demo/a.csv', b'x,y\\n1,2\\n')
    """
    _check_network(timeout, retries, backoff, deadline)  # also with a mirror: said before anything is read
    store = resolve_store(store, mirror=mirror, data_dir=data_dir)
    src = _as_source(name, store)
    try:
        path = _fetch(store, src, timeout=timeout, retries=retries, backoff=backoff,
                      deadline=deadline)
    except ChecksumMismatchError as exc:
        hint = _lock_hint(store, src)
        if hint:
            exc.args = (f"{exc.args[0]}; {hint}",)
        raise
    except DownloadError as exc:
        # the cap of a download that is no archive's member is the pin's size: a lock line
        # whose size was edited by hand cut it short, naming neither the lock nor the line
        entry = _lock_entry(store, src)
        if getattr(exc, "over_size", False) and entry is not None and not src.member:
            exc.args = (f"{exc.args[0]}; the expected size is the pin of {src.name} in the lock file "
                        f"{store.lock_path} (row {_entry_row(store.lock_path, src.name)}, column 'size': "
                        f"{entry['size']} bytes): if that line was edited by hand, the size may be wrong: "
                        "fix it, or delete the line to download and pin the file again",)
        raise
    _check_lock_size(store, src, path)
    return path


def _lock_entry(store: DataStore, src: Source) -> dict | None:
    """The lock file's entry that pinned ``src`` (its sha256 and size); None for any other source."""
    if src.name in SOURCES or not src.pinned:
        return None
    try:
        entry = store.lock.entries().get(src.name)
    except ExposureError:  # another error is being raised, or will be where the lock is read
        return None
    if entry is None or (entry["sha256"], int(entry["size"])) != (src.sha256, src.size):
        return None
    return entry


def _check_lock_size(store: DataStore, src: Source, path: Path) -> None:
    """Refuse the lock line that pins ``src`` with the right sha256 but another size than ``path``'s.

    The bytes of ``path`` have the pinned sha256, so the size is the line's fault (edited
    by hand): it was ignored, and capped a later download of the file (``sent more than the
    N bytes expected``).
    """
    entry = _lock_entry(store, src)
    if entry is None:
        return
    try:
        actual = path.stat().st_size
    except OSError:
        return
    if actual != int(entry["size"]):
        raise DataFormatError(f"size {entry['size']} is not the size of the file this line pins: {src.name} "
                              f"with sha256 {src.sha256} has {actual} bytes ({path}); the line was edited by "
                              f"hand? write {actual}, or delete the line to pin the file again",
                              path=store.lock_path, row=_entry_row(store.lock_path, src.name), column="size")


def _lock_hint(store: DataStore, src: Source) -> str:
    """What a sha256 mismatch of a file the lock file pins says of the lock ('' otherwise).

    The mismatch named only the two digests, not that the expected one was the lock's,
    recorded when the file was first read, nor what to do when the publisher has
    changed the file since.
    """
    if _lock_entry(store, src) is None:
        return ""
    return (f"the expected sha256 is the pin of {src.name} in the lock file {store.lock_path}, "
            "recorded when the file was first read: if the publisher changed the file, check "
            "it and delete that line to pin the new one")


def _fetch(store: DataStore, src: Source, *, timeout, retries, backoff, deadline) -> Path:
    """The body of :func:`fetch`: the verified cache path of ``src``."""
    root = store.cache
    dest = cache_path(src, root)
    holder = mirror_holding(root, store.mirror, src)
    if holder is not None:
        # the mirror is read-only to the library: hash the file in place, write nothing
        return _read_in_mirror(holder, src)
    made = _missing_dirs([root / "_"])  # the data directory made for this call: a failure left it, empty
    check_cache_dir(root)
    try:
        return _fetch_into(store, src, root, dest, timeout=timeout, retries=retries, backoff=backoff,
                           deadline=deadline)
    except BaseException:
        _remove_dirs(made)  # empty ones only (its folders below were pruned)
        raise


def _fetch_into(store: DataStore, src: Source, root: Path, dest: Path, *, timeout, retries, backoff,
                deadline) -> Path:
    """The part of :func:`_fetch` that writes into the cache directory ``root`` (made for it)."""
    mirror_dir = store.mirror
    _check_entry(root, src, dest)
    remove_stale_partials(dest)  # left by a killed run, even when the file is cached now
    if dest.is_file() and src.pinned:
        # hashed at every use: a stamp (size, mtime) is no proof against an edit in place
        actual = _hash_in_place(dest, src)
        if actual == src.sha256:
            _check_publisher_copy(root, src, mirror_dir)
            if not _stamp_ok(root, src, dest):
                _write_stamp(root, src, dest)
            return dest
        log.warning(
            "cached %s has sha256 %s, expected %s; removing it and fetching again",
            src.name, actual, src.sha256,
        )
        _drop_cached(root, src, dest, mirror_dir)
    _drop_stamp(root, src)
    # the URL the release is downloaded from: the warnings named the publisher's, not the URL map's
    url = store.url(src.archive_url) if src.archive_url else None
    _refuse_linked_folder(root, src, mirrored=mirror_dir is not None, url=url)
    local = _publisher_copy(root, src)
    use_local = local is not None and (mirror_dir is None or not _mirror_has(mirror_dir, src))
    if use_local:
        if src.pinned:
            _check_publisher_copy(root, src, mirror_dir)
        else:
            _check_copies_agree(root, src)
            _say_renamed(root, src, local)
    else:
        if local is not None:  # the mirror's file is read: the user's copy was passed over unchecked
            _check_publisher_copy(root, src, mirror_dir)
        if mirror_dir is None or not _mirror_has(mirror_dir, src):
            _refuse_damaged_zip(root, src)  # it was read as no zip at all
        if mirror_dir is None:
            _refuse_release_folder_root(root, src)
            _refuse_partial_folder(root, src)
            _say_other_format(root, src, url)
            _say_renamed(root, src, None, url)
            _say_loose(root, src, url)
    try:
        if use_local:
            _from_publisher_copy(local, src, dest)
        elif mirror_dir is not None:
            try:
                _from_mirror(mirror_dir, src, dest, elsewhere=lambda: _data_dir_hint(root, src))
            except DownloadError as exc:
                # it named the mirror alone: not the data directory's places, nor what they hold
                # (O*NET's other format, a release folder lacking the file, a renamed copy);
                # "not found in mirror" says them before what to do (_mirror_file)
                if (not _mirror_has(mirror_dir, src) and not getattr(exc, "data_dir_said", False)
                        and exc.args and isinstance(exc.args[0], str)):
                    exc.args = (f"{exc.args[0]}{_data_dir_hint(root, src)}", *exc.args[1:])
                raise
        else:
            _from_network(root, src, dest, store, timeout=timeout, retries=retries,
                          backoff=backoff, deadline=deadline)
    except BaseException:
        _prune_empty_dirs(dest.parent, root)
        _prune_empty_dirs(root / _ARCHIVE_DIR, root)
        raise
    if not src.pinned:
        log.info("fetched new file %s -> %s (not pinned yet)", src.name, dest)
        return dest
    _write_stamp(root, src, dest)
    log.info("verified %s -> %s", src.name, dest)
    return dest


def fetch_table(name, reader, *, store: DataStore | None = None, mirror=None, data_dir=None,
                **kwargs):
    """Fetch file ``name`` and read it with ``reader``; pin a new file once it validates.

    A pinned file (registry or lock file) is verified by :func:`fetch` and read. A new
    file (a release nobody pinned: see :mod:`exposure.releases`) is fetched, read by
    ``reader`` (which validates it against its schema) and, when that succeeds, its
    sha256 is recorded in the store's lock file; when it fails the file is removed from
    the cache and the error is raised, naming the file the bytes came from (the mirror's
    file, or the source and its URL), not the removed copy. The warnings ``reader`` logs
    name the file the user can fix as its errors do (the mirror's, or the user's copy in the
    data directory: :class:`_NamingOrigin`), not the cache copy. Inside :func:`staged_pins` (a
    recompute) the pin is held, read as a pin by the rest of the run, and written to the
    lock file only when the whole run succeeds; used alone, the pin is written at once.

    Two runs may read a new file at once. The lock file is written under a lock
    (:meth:`~exposure.releases.Lock.pin`), so both pins are kept. The pin is of the bytes
    the reader read: they are hashed before it reads them, and a cache file that another
    run replaced meanwhile (its copy of another version) is not pinned
    (:class:`~exposure.errors.DataFormatError` "changed while it was read"). A pin of
    another version that another run recorded meanwhile is kept, not overwritten
    (:class:`~exposure.errors.DataFormatError` naming the lock file's row). A reader's
    failure removes only the copy it read, not another run's that replaced it.

    Parameters
    ----------
    name : str or Source
        Registry name.
    reader : callable
        ``reader(path)`` returns the validated table (e.g. :func:`exposure.onet.read_tasks`).
    store, mirror, data_dir, **kwargs
        As for :func:`fetch`.

    Returns
    -------
    object
        What ``reader`` returns.

    Examples
    --------
    >>> import pathlib, tempfile, zipfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "mirror/onet/31.0").mkdir(parents=True)
    >>> _ = (d / "mirror/onet/31.0/Job Zones.txt").write_text(
    ...     "O*NET-SOC Code\\tJob Zone\\tDate\\tDomain Source\\n11-1011.00\\t5\\t08/2026\\tAnalyst\\n")
    >>> store = DataStore(cache=d / "cache", home=d / "home", mirror=d / "mirror")
    >>> fetch_table("onet/31.0/Job Zones.txt", lambda p: p.read_text().count("\\n"),
    ...             store=store)
    2
    >>> store.lock.entries()["onet/31.0/Job Zones.txt"]["size"]
    '72'
    """
    if not callable(reader):  # called only once the file was fetched: "'int' object is not callable"
        raise ExposureError(f"reader must be a function of the file's path (e.g. exposure.onet.read_tasks), "
                            f"got {shown(reader)}")
    # the caller's own keywords are passed on: code that substitutes fetch keeps working
    where = {"store": store} if store is not None else {"mirror": mirror, "data_dir": data_dir}
    store = resolve_store(store, mirror=mirror, data_dir=data_dir)
    src = _as_source(name, store)
    # the folders made for a new file: one the reader refused (removed) left them behind, empty
    made = [] if src.pinned else _missing_dirs([cache_path(src, store.cache), store.cache / _ARCHIVE_DIR / "_"])
    path = fetch(name if src.pinned else src, **where, **kwargs)
    if src.pinned:
        try:
            with _NamingOrigin(path, src, store):
                return reader(path)
        except DataFormatError as exc:  # the file to fix is the mirror's, not its cache copy
            if exc.path is None or Path(exc.path) != path:
                raise
            origin = mirror_origin(path, src, store)
            if origin == path:  # a copy unpacked from the user's zip: its member
                origin = zip_origin(path, src, store) or path
            if origin == path or type(exc).__init__ is not DataFormatError.__init__:
                raise
            raise type(exc)(exc.reason, path=origin, row=exc.row, column=exc.column,
                            line=exc.line) from None
    # what the reader reads: another run may replace the cache file meanwhile (a copy of
    # another version of the file); the pin must be of these bytes, and a failure removes
    # only this copy
    seen, digest = _read_once(path, src)
    try:
        with _NamingOrigin(path, src, store):
            table = reader(path)
    except DataFormatError as exc:
        if mirror_holding(path.parent, store.mirror) is not None:  # read in place: named
            raise
        _unlink_if_same(path, seen)
        _drop_refused_archive(store, src)  # else the next run read the refused bytes again
        _remove_dirs(made)
        if exc.path is None or Path(exc.path) != path:
            raise
        # the cache copy named by the error is gone: name the file its bytes came from
        origin = (store.mirror / src.name if store.mirror is not None
                  and (store.mirror / src.name).is_file() else None)
        # a new release read from the user's copy in the data directory was named as
        # "downloaded from https://www.onetcenter.org/...": name the user's file instead
        local = _publisher_copy(store.cache, src) if origin is None else None
        if local is not None and local.name == PurePosixPath(src.member).name:
            origin = local
        where = (f"{origin}" if origin is not None
                 else f"{src.name} (member {src.member!r} of your copy {local}; removed from the cache)"
                 if local is not None
                 else f"{src.name} (downloaded from {store.url(src.url)}; removed from the cache)")
        raise type(exc)(exc.reason, path=where, row=exc.row, column=exc.column,
                        line=exc.line) from None
    except BaseException:
        if mirror_holding(path.parent, store.mirror) is None:  # a mirror is read-only
            _unlink_if_same(path, seen)
            _remove_dirs(made)
        raise
    # replace=False: a pin another run recorded meanwhile (of another version) is kept
    lock = store.lock
    entry = lock.pin(src, path, replace=False, sha256=digest)
    if isinstance(lock, _StagedLock):  # a recompute: pinned when the whole run succeeds
        log.info("read new file %s (sha256 %s, %s bytes): pinned in %s when the run succeeds",
                 src.name, entry["sha256"], entry["size"], store.lock_path)
    else:
        log.warning("pinned new file %s (sha256 %s, %s bytes) in %s", src.name, entry["sha256"],
                    entry["size"], store.lock_path)
    return table


def mirror_origin(path, name, store: DataStore) -> Path:
    """The mirror's file that the cache copy ``path`` of ``name`` was copied from, else ``path``.

    An error found in a file read from the cache (a cross-file check of
    :func:`exposure.onet.load_onet`) named the cache copy, which the user must not edit
    (it is replaced from the mirror); the file to fix is the mirror's. The mirror's file
    is named only when it holds the same bytes (hashed here, on the error path only);
    without a mirror, the user's copy of the publisher's download in the data directory
    (``db_31_0_text/Tasks to DWAs.txt``) is named when it holds the same bytes; a download's
    cache copy is what there is, and is named.

    Parameters
    ----------
    path : str or os.PathLike
        The file that was read.
    name : str or Source
        Its registry (or lock-file) name.
    store : DataStore
        The store it was read from.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "mirror/onet/31.0").mkdir(parents=True); (d / "cache/onet/31.0").mkdir(parents=True)
    >>> for top in ("mirror", "cache"):
    ...     _ = (d / top / "onet/31.0/Job Zones.txt").write_text("zones\\n")
    >>> store = DataStore(cache=d / "cache", home=d / "home", mirror=d / "mirror")
    >>> mirror_origin(d / "cache/onet/31.0/Job Zones.txt", "onet/31.0/Job Zones.txt", store) == (
    ...     d / "mirror/onet/31.0/Job Zones.txt")
    True
    """
    path = Path(path)
    try:
        src = name if isinstance(name, Source) else store.source(name)
        if store.mirror is None or not _mirror_has(store.mirror, src):
            # the user's copy of the publisher's download (db_31_0_text/...): the cache
            # copy was named, and an edit of it was overwritten by the next run
            local = _publisher_copy(store.cache, src)
            if (local is None or local.name != PurePosixPath(src.member).name
                    or os.path.samefile(local, path)):
                return path
            return local if file_sha256(local) == file_sha256(path) else path
        origin = store.mirror / _safe_relpath(src.name, what="registry name")
        if not origin.is_file() or os.path.samefile(origin, path):
            return path
        return origin if file_sha256(origin) == file_sha256(path) else path
    except (ExposureError, OSError):  # an error is being reported: never hide it behind another
        return path


def zip_origin(path, name, store: DataStore) -> str | None:
    """The member of the user's zip in the data directory that the cache copy ``path`` was unpacked from.

    ``"<data dir>/db_31_0_text.zip (member 'db_31_0_text/Job Zones.txt')"`` when the data
    directory holds the publisher's zip of ``name`` (:func:`_publisher_copy`), no mirror has
    the file, and the member holds the bytes of ``path`` (hashed here, on the paths that
    report only); else None. A reader's warnings and a pinned file's errors named the cache
    copy (``<data dir>/onet/31.0/Job Zones.txt``), a file the user never made, and an edit of
    which was refused at the next run as a sha256 mismatch (:func:`mirror_origin` names the
    mirror's file and the unzipped folder's, a file of their own).

    Parameters
    ----------
    path : str or os.PathLike
        The cache copy that was read.
    name : str or Source
        Its registry (or lock-file) name.
    store : DataStore
        The store it was read from.

    Returns
    -------
    str or None

    Examples
    --------
    >>> import pathlib, tempfile, zipfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with zipfile.ZipFile(d / "db_31_0_text.zip", "w") as zf:
    ...     zf.writestr("db_31_0_text/Job Zones.txt", "zones\\n")
    >>> (d / "onet/31.0").mkdir(parents=True)
    >>> _ = (d / "onet/31.0/Job Zones.txt").write_text("zones\\n")
    >>> store = DataStore(cache=d, home=d / "home", mirror=None)
    >>> zip_origin(d / "onet/31.0/Job Zones.txt", "onet/31.0/Job Zones.txt", store)  # doctest: +ELLIPSIS
    ".../db_31_0_text.zip (member 'db_31_0_text/Job Zones.txt')"
    """
    path = Path(path)
    try:
        src = name if isinstance(name, Source) else store.source(name)
        if store.mirror is not None and _mirror_has(store.mirror, src):
            return None
        local = _publisher_copy(store.cache, src)
        if local is None or local.name == PurePosixPath(src.member).name:  # none, or the folder's file
            return None
        digest = hashlib.sha256()
        with zipfile.ZipFile(local) as zf, zf.open(src.member) as fh:
            for chunk in iter(lambda: fh.read(_CHUNK), b""):
                digest.update(chunk)
        return f"{local} (member {src.member!r})" if digest.hexdigest() == file_sha256(path) else None
    except (ExposureError, OSError, KeyError, ValueError, EOFError, RuntimeError, NotImplementedError,
            zipfile.BadZipFile, zlib.error):  # an error is being reported: never hide it behind another
        return None


class _NamingOrigin(logging.Filter):
    """Name the file the user can fix in what a reader logs while it reads the cache copy ``path``.

    A context manager around one reader's call in :func:`fetch_table`: a warning of the
    reader (``.../cache/onet/31.0/Job Zones.txt: 1 cell(s) are quoted ...``) named the cache
    copy, which the user must not edit (it is replaced from the mirror), while its errors
    name the mirror's file (:func:`mirror_origin`). The records of the package's loggers
    that name ``path`` (an argument, or the message) name that file instead; the file is
    looked for (and hashed) only when such a record is logged. A copy unpacked from the
    user's zip in the data directory is named as the zip's member (:func:`zip_origin`).
    """

    def __init__(self, path: Path, src: Source, store: DataStore):
        super().__init__()
        self.path, self.src, self.store = path, src, store
        # the path as a word of a message: not the start of a longer name ("....txt.part")
        self.pattern = re.compile(re.escape(str(path)) + r"(?!\.?\w)")
        self.origin: Path | None = None
        self.looked = False
        self.loggers: list[logging.Logger] = []

    def __enter__(self) -> _NamingOrigin:
        top = __name__.partition(".")[0]
        # a filter of a logger sees only the records logged to it, not its children's
        self.loggers = [lg for name, lg in list(logging.Logger.manager.loggerDict.items())
                        if isinstance(lg, logging.Logger) and (name == top or name.startswith(f"{top}."))]
        for lg in self.loggers:
            lg.addFilter(self)
        return self

    def __exit__(self, *exc) -> None:
        for lg in self.loggers:
            lg.removeFilter(self)

    def _origin(self) -> Path | str | None:
        """The file to name instead of :attr:`path` (None when it is the cache copy itself)."""
        if not self.looked:
            self.looked = True
            origin = mirror_origin(self.path, self.src, self.store)
            self.origin = (None if origin == self.path else origin) or zip_origin(self.path, self.src, self.store)
        return self.origin

    def _shown(self, value):
        """``value`` (an argument or message of a record) naming the origin instead of the cache copy."""
        if isinstance(value, os.PathLike) and os.fspath(value) == str(self.path):
            return self._origin() or value
        if isinstance(value, str) and self.pattern.search(value):
            origin = self._origin()
            return value if origin is None else self.pattern.sub(lambda _: str(origin), value)
        return value

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite ``record`` in place when it names the cache copy; every record passes."""
        record.msg = self._shown(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(self._shown(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: self._shown(v) for k, v in record.args.items()}
        return True


def _read_once(path: Path, src: Source) -> tuple[tuple[int, int], str]:
    """Device and inode of ``path`` (:func:`_identity`) and the sha256 of that copy's bytes."""
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            digest = hashlib.sha256()
            for chunk in iter(lambda: fh.read(_CHUNK), b""):
                digest.update(chunk)
    except OSError as exc:
        raise DownloadError(f"{src.name}: cannot read {path}: {exc.strerror or exc}") from exc
    return (st.st_dev, st.st_ino), digest.hexdigest()


def _identity(path: Path) -> tuple[int, int] | None:
    """Device and inode of ``path`` (None when it cannot be read): which copy of a file it is."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _unlink_if_same(path: Path, seen: tuple[int, int] | None) -> None:
    """Remove ``path`` if it is still the copy ``seen`` (:func:`_identity`).

    Another run may have replaced it meanwhile with its own copy (verified, and pinned):
    that one stays.
    """
    if seen is not None and _identity(path) == seen:
        path.unlink(missing_ok=True)


# ---------------------------------------------------------------------------------------
# Pins held until a run succeeds
# ---------------------------------------------------------------------------------------

#: Lock file (its real path) -> the pins a run holds for it (see :func:`staged_pins`).
_STAGING: contextvars.ContextVar[dict[Path, StagedPins] | None] = contextvars.ContextVar(
    "exposure_staged_pins", default=None)


def _lock_key(path: Path) -> Path:
    """The lock file ``path`` as :data:`_STAGING` keys it: where it is, its links resolved."""
    return Path(os.path.realpath(path))


class StagedPins:
    """The pins of the new files a run read, held until the whole run succeeds.

    :func:`staged_pins` makes one; :meth:`commit` writes its pins into the lock file.

    Parameters
    ----------
    lock_path : pathlib.Path
        The lock file the pins go to.
    """

    def __init__(self, lock_path: Path):
        self.lock_path = Path(lock_path)
        self.entries: dict[str, dict[str, str]] = {}
        self.replace: set[str] = set()  # names pinned with replace=True: they replace another pin

    def commit(self) -> list[str]:
        """Write the held pins into the lock file, in one atomic write; the names newly pinned.

        The lock file is read again under its lock (:meth:`exposure.releases.Lock.pin`'s):
        a pin another run recorded meanwhile of the same bytes is kept as it is; of other
        bytes (another version of the file, read by that run) it is kept too, and nothing
        of this run is pinned (:class:`~exposure.errors.DataFormatError` naming the lock
        file's row and the column ``sha256``), unless this run's pin was made with
        ``replace=True``. The pins are then empty.
        """
        held, self.entries = self.entries, {}
        if not held:
            return []
        new = []
        with _pinning(self.lock_path):
            entries = Lock(self.lock_path).entries()
            for name, entry in sorted(held.items()):
                before = entries.get(name)
                if before is not None and (before["sha256"], before["size"]) == (entry["sha256"], entry["size"]):
                    continue
                if before is not None and name not in self.replace:
                    raise DataFormatError(
                        f"{name} was pinned meanwhile with sha256 {before['sha256']} ({before['size']} bytes), "
                        f"but this run read it with sha256 {entry['sha256']} ({entry['size']} bytes): another "
                        "run read another version of it and pinned it; nothing of this run was pinned. Check "
                        "which version you want: to pin the one this run read, delete that line and run again",
                        path=self.lock_path, row=_entry_row(self.lock_path, name), column="sha256")
                entries[name] = entry
                new.append(name)
            if new:
                Lock(self.lock_path)._write(entries)
        for name in new:
            log.warning("pinned new file %s (sha256 %s, %s bytes) in %s", name, held[name]["sha256"],
                        held[name]["size"], self.lock_path)
        return new


@dataclass(frozen=True)
class _StagedLock(Lock):
    """The lock file as a run sees it inside :func:`staged_pins`: its pins plus those held."""

    held: StagedPins | None = field(default=None, compare=False, repr=False)

    def entries(self) -> dict[str, dict[str, str]]:
        """The lock file's entries (:meth:`~exposure.releases.Lock.entries`) and the pins held."""
        out = super().entries()
        if self.held is not None:
            out.update({name: dict(entry) for name, entry in self.held.entries.items()})
        return out

    def pin(self, src: Source, path, *, replace: bool = True, sha256: str | None = None) -> dict[str, str]:
        """Hold the pin of ``src`` until the run succeeds (see :meth:`~exposure.releases.Lock.pin`).

        Checked as :meth:`~exposure.releases.Lock.pin` checks it; refused too: a second pin
        of one name with other bytes in the same run (two versions of one file: the tables
        of the run were read from the first), whatever ``replace`` says.
        """
        entry = self._entry(src, path, sha256)
        held = self.held.entries.get(src.name)
        if held is not None:
            if (held["sha256"], held["size"]) == (entry["sha256"], entry["size"]):
                return dict(held)
            raise DataFormatError(
                f"{src.name} was read twice in this run with different bytes: first with sha256 {held['sha256']} "
                f"({held['size']} bytes), now with sha256 {entry['sha256']} ({entry['size']} bytes): the run's tables "
                "would mix two versions of the file. Check which version is right (did the file change "
                "during the run?) and run again", path=path)
        kept = self._kept(src, entry, super().entries().get(src.name), path, replace=replace)
        if kept is not None:
            return kept
        self.held.entries[src.name] = entry
        if replace:
            self.held.replace.add(src.name)
        return dict(entry)


@contextlib.contextmanager
def staged_pins(store: DataStore):
    """Hold the pins of the new files read inside the block until :meth:`StagedPins.commit`.

    Inside the block, :attr:`DataStore.lock` of any store of the same lock file holds
    the pins :func:`fetch_table` makes instead of writing them, and reads them as pins
    (a file read again is verified against the bytes read first). Nothing is written to
    the lock file unless :meth:`StagedPins.commit` is called (by
    :func:`exposure.pipeline.run_pipeline` once every stage and the tables' writing have
    succeeded, just before the new tables are swapped in); a block left by an error
    leaves the lock file byte for byte as it was, and the error says so when pins were
    held. Outside such a block (``exposure fetch``, :func:`fetch_table` alone), a new
    file is pinned as soon as it validates.

    Parameters
    ----------
    store : DataStore
        The store whose lock file (:attr:`DataStore.lock_path`) the pins go to.

    Yields
    ------
    StagedPins

    Raises
    ------
    exposure.errors.ExposureError
        ``store`` that is not a :class:`DataStore`.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "mirror/onet/31.0").mkdir(parents=True)
    >>> _ = (d / "mirror/onet/31.0/Job Zones.txt").write_text("zones\\n")
    >>> store = DataStore(cache=d / "cache", home=d / "home", mirror=d / "mirror")
    >>> with staged_pins(store) as held:
    ...     _ = fetch_table("onet/31.0/Job Zones.txt", lambda p: p.read_text(), store=store)
    ...     store.source("onet/31.0/Job Zones.txt").pinned, store.lock_path.exists()
    ...     held.commit()
    (True, False)
    ['onet/31.0/Job Zones.txt']
    >>> list(store.lock.entries())
    ['onet/31.0/Job Zones.txt']
    """
    if not isinstance(store, DataStore):
        raise ExposureError(f"store must be an exposure.fetch.DataStore (e.g. DataStore.default()), "
                            f"got {shown(store)}")
    held = StagedPins(store.lock_path)
    token = _STAGING.set({**(_STAGING.get() or {}), _lock_key(store.lock_path): held})
    try:
        yield held
    except BaseException as exc:
        if held.entries:
            names = sorted(held.entries)
            note = (f"; nothing was pinned: the lock file {held.lock_path} is unchanged (the {len(names)} new "
                    "file(s) read are pinned only when a run succeeds)")
            if isinstance(exc, ExposureError) and exc.args and isinstance(exc.args[0], str):
                exc.args = (exc.args[0] + note, *exc.args[1:])
            log.info("run failed: the %d new file(s) it read were not pinned in %s: %s", len(names),
                        held.lock_path, ", ".join(names))
            if _refused(exc):  # a release refused as a whole: its archive was read again next time
                for name, entry in sorted(held.entries.items()):
                    with contextlib.suppress(ExposureError):
                        _drop_refused_archive(store, replace(_lock_source(name, entry, held.lock_path),
                                                             sha256="", size=0))
        raise
    finally:
        _STAGING.reset(token)
        held.entries.clear()


def check_lock_writable(store: DataStore) -> None:
    """Refuse a lock file that cannot be written, before a run that will pin new files.

    The pins of a recompute are written when the whole run succeeds (:func:`staged_pins`):
    a lock file in a read-only directory (or where a file or a directory stands in its
    way) was found only then, after the whole computation. A file is made and removed at
    once beside the lock file (a pin is written there and renamed over it).

    Parameters
    ----------
    store : DataStore
        The store whose lock file (:attr:`DataStore.lock_path`) the run will pin into.

    Raises
    ------
    exposure.errors.OutputError
        Naming the lock file and why it cannot be written.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "home").mkdir(); (d / "home/exposure.lock").mkdir()
    >>> check_lock_writable(DataStore(cache=d / "cache", home=d / "home"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.OutputError: .../home/exposure.lock: cannot write: it is a directory, not a lock file; ...
    """
    path = store.lock_path
    real = Path(os.path.realpath(path))
    hint = "the new files this run reads are pinned in it when the run succeeds"
    if real.is_dir():
        raise OutputError(f"it is a directory, not a lock file; remove or rename it ({hint})", path=path)
    _refuse_link_to_missing_folder(path)  # its folder was made (below a drive's mount point) when pinning
    _refuse_odd_sidecar(path)  # a directory there was found only after the whole run, when pinning
    blocked = _blocked_dir(real.parent)
    if blocked is not None:
        where, why = blocked
        raise OutputError(f"{where} is {why}, where the lock file's directory belongs ({hint})", path=path)
    try:
        if real.parent.is_dir():
            fd, probe = tempfile.mkstemp(prefix=f".{real.name}-probe-", dir=real.parent)
            os.close(fd)
            os.unlink(probe)
        else:
            _probe_mkdir(real.parent)
    except OSError as exc:
        raise OutputError(f"{exc.strerror or exc} ({real.parent}); {hint}: make it writable or set "
                          f"${ENV_HOME} to a writable directory", path=path, errno=exc.errno) from None


@contextlib.contextmanager
def pins_when_done(store: DataStore):
    """Pin the new files read inside the block only when the block succeeds.

    :func:`staged_pins` with :meth:`StagedPins.commit` at the end of the block; inside
    another run's :func:`staged_pins` of the same lock file (a recompute), the pins are
    that run's, held until it succeeds, and nothing is done here. For a reader of several
    files that checks them against each other (:func:`exposure.onet.load_onet`): a
    release refused by a cross-file check pinned the files read before the check.

    Parameters
    ----------
    store : DataStore
        The store whose lock file the pins go to.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "mirror/onet/31.0").mkdir(parents=True)
    >>> _ = (d / "mirror/onet/31.0/Job Zones.txt").write_text("zones\\n")
    >>> store = DataStore(cache=d / "cache", home=d / "home", mirror=d / "mirror")
    >>> with pins_when_done(store):
    ...     _ = fetch_table("onet/31.0/Job Zones.txt", lambda p: p.read_text(), store=store)
    ...     store.lock_path.exists()
    False
    >>> list(store.lock.entries())
    ['onet/31.0/Job Zones.txt']
    """
    if _lock_key(store.lock_path) in (_STAGING.get() or {}):
        yield
        return
    with staged_pins(store) as held:
        yield
        held.commit()


def select_fetchable(names, store: DataStore) -> list[Source]:
    """:func:`~exposure.sources.select_sources`, plus the files the lock file pins.

    A file of a new release pinned in ``exposure.lock`` by a recompute (``onet/31.0/Task
    Statements.txt``) is not in the package's registry, so ``exposure fetch`` called it an
    unknown source; it can now be fetched (and verified) by its name, or by a directory
    prefix or glob of lock-file names (``onet/31.0``, ``onet/31.0/Task*``). The lock file
    is read only for a NAME that matches nothing in the registry (a damaged lock file
    stopped a fetch of registry files). A NAME of the publishers' release layout that
    nobody pinned yet is an error saying how to pin it (it was "unknown source ...; did you
    mean 'onet/29.1/...'").

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> store = DataStore(cache=d / "cache", home=d / "home", mirror=None)
    >>> [s.name for s in select_fetchable(["onet/29.1/Job Zones.txt"], store)]
    ['onet/29.1/Job Zones.txt']
    """
    names = _check_name_list(names, "names", "registry names, prefixes, kinds or globs")
    if not isinstance(store, DataStore):  # None: "'NoneType' object has no attribute 'lock'"
        raise ExposureError("store must be an exposure.fetch.DataStore (e.g. DataStore.default()), "
                            f"got {shown(store)}")
    if not names:
        return select_sources(None)
    in_registry, unmatched = [], []
    for pattern in names:
        try:
            select_sources([pattern])
        except ExposureError:
            unmatched.append(pattern)
        else:
            in_registry.append(pattern)
    # a prefix, kind or glob that matches registry files may match files the lock pins too:
    # `onet/*/Task Statements*` left out a pinned onet/31.0/Task Statements.txt without a word
    wider = [p for p in in_registry if p.strip() not in SOURCES]
    locked: dict[str, None] = {}
    if unmatched or wider:
        try:
            pinned = [n for n in store.lock.entries() if n not in SOURCES]
        except ExposureError as exc:
            if unmatched:  # a NAME that only the lock file could know
                raise
            log.warning("%s: only the registry's files are selected: the lock file's pins were not "
                        "searched, as it cannot be read: %s", ", ".join(map(repr, wider)), exc)
            pinned = []
        for pattern in wider:
            locked.update(dict.fromkeys(n for n in pinned if _matches(n, pattern.strip())))
        for pattern in unmatched:
            hits = [n for n in pinned if _matches(n, pattern.strip())]
            if not hits:
                _unknown(pattern, store, pinned)
            locked.update(dict.fromkeys(hits))
    chosen = select_sources(in_registry) if in_registry else []
    return chosen + [store.source(n) for n in locked]


def _matches(name: str, pattern: str) -> bool:
    """True when lock-file name ``name`` is ``pattern``, under its prefix, or matches its glob."""
    return (name == pattern or name.startswith(pattern.rstrip("/") + "/")
            or fnmatch.fnmatchcase(name, pattern))


_ONET_PREFIX = re.compile(r"onet/([0-9]{1,3}\.[0-9])(?:/.*)?")
_OEWS_FILE = re.compile(r"oews/(?:national|natsector|nat3d)_M(20[0-9]{2})_dl\.xlsx")


def _unknown(pattern: str, store: DataStore, pinned=()) -> None:
    """Raise the error of a NAME that neither the registry nor the lock file knows.

    A name (or prefix) of a release that follows the publishers' layout but that nobody
    pinned says so, and how to pin it; anything else gets :func:`get_source`'s close
    matches, and the close names among ``pinned``, the lock file's own names
    (:func:`_suggest_pins`). A glob of a release of which the lock pins other files names
    them: it said "no file of O*NET 31.0 is pinned yet" when the lock pinned some. A data
    directory that is a file, or cannot be made, is refused first
    (:func:`check_cache_dir`): the recompute advised, with its ``--data-dir``, failed on it.
    """
    name = pattern.strip()
    onet, oews = _ONET_PREFIX.fullmatch(name), _OEWS_FILE.fullmatch(name)
    if onet:
        try:
            check_onet_release(onet.group(1))
        except ExposureError as exc:  # 'onet/031.0' was told `exposure recompute --onet-release 031.0`, refused
            major, minor = onet.group(1).split(".")
            written = name.replace(onet.group(1), f"{int(major)}.{minor}", 1)
            raise ExposureError(f"{name!r}: {exc} (the name {written!r})") from None
    if onet and not any(n.startswith(f"onet/{onet.group(1)}/") for n in SOURCES):
        release, option = f"O*NET {onet.group(1)}", f"--onet-release {onet.group(1)}"
    elif oews:
        release, option = f"OEWS May {oews.group(1)}", f"--oews-release {oews.group(1)}"
    else:
        _suggest_pins(name, store, pinned)
        get_source(name)  # raises with close-match suggestions
        raise ExposureError(f"unknown source {name!r}")  # pragma: no cover - get_source raised
    # the advice names the data directory: one that is a file (or cannot be made) failed the
    # recompute it advised ("exists and is not a directory"): that is said first, as the fault
    check_cache_dir(store.cache, create=False)
    how = (f"`exposure recompute {option}{_data_dir_option(store)}` (with --mirror, or from the network) "
           "downloads, validates and pins the files it reads")
    if any(ch in name for ch in "*?[") or (onet and name.rstrip("/") == f"onet/{onet.group(1)}"):
        held = [n for n in pinned if onet and n.startswith(f"onet/{onet.group(1)}/")]
        if held:
            raise ExposureError(f"{name!r} matches none of the {len(held)} file{'' if len(held) == 1 else 's'} "
                                f"of {release} that the lock file {store.lock_path} pins ({_listed(held)}): "
                                f"check the pattern; {how}")
        raise ExposureError(f"{name!r}: no file of {release} is pinned yet by the package or the lock "
                            f"file {store.lock_path}: {how}")
    try:
        layout_source(name)  # a name of no layout (two extensions, another suffix) says so
    except ExposureError:
        _suggest_pins(name, store, pinned)
        raise
    if onet and PurePosixPath(name).stem not in ONET_FILES:  # a file no recompute reads, nor pins
        _suggest_pins(name, store, pinned)
        get_source(name)
    raise ExposureError(f"{name!r} is a file of {release}, which neither the package nor the lock "
                        f"file {store.lock_path} pins yet: {how}")


def _data_dir_option(store: DataStore) -> str:
    """``" --data-dir DIR"`` when ``store``'s cache is not the default data directory (``""`` when it is).

    The advice "`exposure recompute --onet-release 31.0`" left out the ``--data-dir``
    given: followed as written, it read the default data directory, passing over the
    user's copy of the publisher's download in the one given (and pinned nothing there).

    Examples
    --------
    >>> _data_dir_option(DataStore(cache=Path("/my data"), home=Path("/h")))
    " --data-dir '/my data'"
    """
    try:
        default = resolve_data_dir(None)
    except ExposureError:  # a damaged $EXPOSURE_DATA_DIR: name the directory given
        default = None
    if default is not None and os.path.abspath(default) == os.path.abspath(store.cache):
        return ""
    return f" --data-dir {shlex.quote(str(store.cache))}"


def _suggest_pins(name: str, store: DataStore, pinned) -> None:
    """Raise "unknown source" for ``name`` when a name the lock file pins is close to it.

    ``pinned`` are the lock file's names that are not in the registry. A typo in the name
    of a file of a release only the lock pins (``onet/31.0/Job Zone.txt``) was answered
    with the registry's names alone (``did you mean 'onet/29.1/Job Zones.txt'``: another
    release). A lock name in another case comes first; else the closest names of the lock
    and the registry, when one of the lock's is among them. Nothing is raised otherwise
    (nor for a glob): :func:`get_source` then says the registry's close names.
    """
    if not pinned or any(ch in name for ch in "*?["):
        return
    pinned = list(pinned)
    folded = name.rstrip("/").casefold()
    close = [n for n in pinned if n.casefold() == folded]
    if not close:
        close = difflib.get_close_matches(name, [*pinned, *SOURCES], n=3)
        if not any(n in pinned for n in close):
            return
    said = [f"{n!r} (pinned by the lock file {store.lock_path})" if n in pinned else repr(n) for n in close]
    raise ExposureError(f"unknown source {name!r}; did you mean {' or '.join(said)}?")


def fetch_many(names=None, *, mirror=None, data_dir=None, **kwargs):
    """Fetch several registry files; return ``(fetched, errors)``.

    Unlike :func:`fetch` this does not stop at the first failure, except when the cache
    cannot be written (:class:`CacheWriteError` is raised: every file would fail). Its
    message then ends with the files fetched and verified before it, those that failed
    before it and those not fetched, also held as its attributes ``fetched``, ``errors``
    and ``not_fetched``. A corrupt cached file that cannot be removed (a read-only cache)
    is an error of that file alone: the others are still fetched or verified. A host that
    cannot be reached (its name does not resolve, the connection is refused or times out,
    after every retry of a file) is not tried again in the run: its later files fail at
    once, naming the file that found it so; a machine without a network waited minutes
    for every file's retries.

    Parameters
    ----------
    names : iterable of str, optional
        Names, prefixes, kinds or globs (see :func:`exposure.sources.select_sources`);
        None (the default) selects the whole registry, an empty list nothing (it selected
        the whole registry: a list filtered down to nothing downloaded every file).
    mirror, data_dir, **kwargs
        As for :func:`fetch`.

    Returns
    -------
    fetched : dict
        Registry name -> local path, for files that were fetched and verified.
    errors : dict
        Registry name -> the :class:`~exposure.errors.ExposureError` raised.

    Examples
    --------
    >>> import tempfile
    >>> ok, errors = fetch_many(["onet/29.1/Task Categories.txt"],
    ...                         mirror=tempfile.mkdtemp(), data_dir=tempfile.mkdtemp())
    >>> ok, type(errors["onet/29.1/Task Categories.txt"]).__name__
    ({}, 'DownloadError')
    """
    names = _check_name_list(names, "names", "registry names, prefixes, kinds or globs")
    # once, not as the error of each file
    _check_network(**{k: kwargs.get(k) for k in ("timeout", "retries", "backoff", "deadline")})
    fetched, errors = {}, {}
    if names is not None and not names:  # nothing asked for: not the whole registry
        return fetched, errors
    # a host that cannot be reached is tried for its first file alone (see download)
    token = _UNREACHABLE.set({})
    try:
        return _fetch_each(names, fetched, errors, mirror=mirror, data_dir=data_dir, **kwargs)
    finally:
        _UNREACHABLE.reset(token)


def _fetch_each(names, fetched: dict, errors: dict, *, mirror, data_dir, **kwargs):
    """The body of :func:`fetch_many`: fetch the files ``names`` selects into ``fetched`` and ``errors``."""
    # store= (one of fetch's keywords): its lock file chooses the names too; the names were
    # looked for in $EXPOSURE_HOME's lock file, so a file its own lock pinned was "unknown"
    store = resolve_store(kwargs.pop("store", None), mirror=mirror, data_dir=data_dir)
    chosen = select_fetchable(names, store)
    for at, src in enumerate(chosen):
        try:
            fetched[src.name] = fetch(src, store=store, **kwargs)
        except CacheWriteError as exc:
            if not getattr(exc, "one_file", False):  # every later file would fail the same way: stop
                # it said only the file it stopped at: not which files were fetched, nor which not
                _say_stopped(exc, fetched, errors, [s.name for s in chosen[at:]])
                raise
            log.info("failed: %s", exc)
            errors[src.name] = exc
        except ExposureError as exc:
            log.info("failed: %s", exc)
            errors[src.name] = exc
    return fetched, errors


def _listed(names: list[str], most: int = 5) -> str:
    """``names`` joined by commas, at most ``most`` of them, then how many more."""
    more = f" and {len(names) - most} more" if len(names) > most else ""
    return ", ".join(names[:most]) + more


def _cache_remedy(exc: CacheWriteError) -> str:
    """What to do about the cache that could not be written (``exc``), by the cause's errno.

    A cache on a read-only file system (a read-only mount, a disk remounted read-only after
    an error) was told to "free space or make the cache writable": neither is done in the
    cache, and no space was missing.

    Examples
    --------
    >>> _cache_remedy(CacheWriteError("x"))
    'free space or make the cache writable'
    """
    code = getattr(exc.__cause__, "errno", None)
    if code == errno.EROFS:
        return f"remount its disk read-write, or give a cache directory on a writable one (--data-dir / ${ENV_DATA_DIR})"
    if code in (errno.ENOSPC, errno.EDQUOT):
        return f"free space on its disk (or give another cache directory: --data-dir / ${ENV_DATA_DIR})"
    if code in (errno.EACCES, errno.EPERM):
        return f"make the cache writable (or give another: --data-dir / ${ENV_DATA_DIR})"
    return "free space or make the cache writable"


def _say_stopped(exc: CacheWriteError, fetched: dict, errors: dict, left: list[str]) -> None:
    """Add to ``exc`` what :func:`fetch_many` fetched before it and what it did not fetch.

    Also set as its attributes ``fetched`` (name -> path), ``errors`` (name -> the error
    of a file that failed before it) and ``not_fetched`` (the names from it on).
    """
    exc.fetched, exc.errors, exc.not_fetched = dict(fetched), dict(errors), list(left)
    done = (f"{len(fetched)} file{'' if len(fetched) == 1 else 's'} fetched and verified before it "
            f"({_listed(list(fetched))})" if fetched else "no file fetched before it")
    if errors:
        done += f", {len(errors)} failed before it ({_listed(list(errors))})"
    note = (f"; stopped there: {done}, {len(left)} not fetched ({_listed(left)}), nothing partial "
            f"left: {_cache_remedy(exc)}, then fetch again")
    if exc.args and isinstance(exc.args[0], str):
        exc.args = (exc.args[0] + note, *exc.args[1:])


# Registry names are validated once at import: none may escape the cache directory.
for _name in SOURCES:
    _safe_relpath(_name, what="registry name")
del _name
