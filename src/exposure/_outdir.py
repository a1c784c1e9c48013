"""Replace the contents of an output directory in one step, under a lock.

One door: :func:`replace_directory`. The caller writes the new contents into a fresh
directory; when the ``with`` block ends without an error, that directory becomes ``out``::

    with replace_directory(out, owned={"a.parquet", "manifest.json"}) as tmp:
        write_parquet(frame, tmp / "a.parquet")
        write_json(manifest, tmp / "manifest.json")

What happens, in order:

- **Checks, before any work** (:func:`check_output_dir`): ``out`` must not be a file, a
  mount point, the file-system root, a directory holding a mount point (the swap would
  copy, then delete, another file system's files), nor hold the current directory, the
  home directory, a source checkout (``.git``) or any of the ``protect`` paths (the cache,
  the mirror, the package itself), nor lie under a file. Each refusal is an
  :class:`OutputPathError` naming the path, raised before the caller computes anything. A
  relative ``out`` is made absolute first, so the temporary directory is always beside
  ``out``, never inside it.
- **Lock.** An exclusive :func:`fcntl.flock` on ``.exposure-<name>.lock`` beside ``out``
  is taken for the whole block; a second writer of the same directory fails at once with
  :class:`RecomputeLockedError`. The kernel releases the lock when the process dies. A
  block that fails while ``out`` does not exist removes the lock file and the directories
  created for it (a failed run into ``runs/new/out`` left ``runs/new/`` behind); a run that
  then holds the lock of a removed file takes the lock of the path again.
- **Stale cleanup.** Hidden temporary directories of earlier runs that died
  (``.<name>.<random>.tmp`` beside ``out``) are removed; if a run died in the middle of
  the fallback swap (``out`` missing, the old contents renamed aside), they are restored.
- **Write.** The block receives a fresh hidden directory beside ``out`` (same file
  system, normal permissions; the set-group-ID bit that a folder with it gives its new
  directories is kept).
- **Exchange.** Entries of the old ``out`` that the writer does not own (``owned``) and
  did not write are hard-linked into the new directory (``reports/`` of other commands,
  READMEs); the two directories are then exchanged with one
  ``renameat2(RENAME_EXCHANGE)`` system call, so a reader sees either the complete old
  set or the complete new set. Foreign files that appeared in the old directory during
  the swap are moved across afterwards. Where the exchange is unsupported the old
  directory is renamed aside first (put back at once on an exception or SIGTERM between
  the two renames; restored by the next run if the process dies there).
- **fsync** of the new directory and of its parent.

An exception (or ``KeyboardInterrupt``, or SIGTERM inside :func:`terminate_cleanly`) in
the block removes the temporary directory and leaves ``out`` untouched; so does a kill at
any point before the exchange. A lock file or temporary directory that cannot be created
(read-only file system, no permission), or a lock file that cannot be locked (a file system
without locks), is an :class:`OutputPathError`; so is an entry of ``out`` that the swap
cannot carry over, or whose old copy it could not remove (:func:`_check_carried`).

Test hook: when the environment variable ``EXPOSURE_PIPELINE_PAUSE`` is
``<point>:<flag file>``, :func:`pause` creates the flag file and sleeps at ``point`` so
that a test can kill the process there; :func:`replace_directory` pauses at
``before_swap``, at ``after_swap`` (just after the exchange, or the second rename of the
fallback swap: the new contents in place), and at ``fallback_swap`` between the two
renames of the fallback swap.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import logging
import os
import pwd
import re
import shutil
import signal
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from exposure._io import (
    _fsync_dir,
    broken_link,
    closed_folder,
    dirs_to_make,
    entry_kind,
    error_path,
    input_at,
    line_end,
    long_name,
    lost_cwd,
    name_limit,
    not_directory,
    record_written,
    recording_written,
    signals_held,
    under_file,
    unexpanded_home,
    unwritable_folder,
)
from exposure._tables import COMPRESSED
from exposure.errors import DataFormatError, ExposureError, OutputError

__all__ = [
    "foreign_entry",
    "real_path",
    "raise_received",
    "RecomputeLockedError",
    "OutputPathError",
    "Terminated",
    "check_output_dir",
    "check_files_dir",
    "check_output_file",
    "check_report_files",
    "refuse_file_named_dir",
    "refuse_protected",
    "refuse_spaces",
    "refuse_unreachable_file",
    "replace_directory",
    "previous_files_note",
    "files_snapshot",
    "written_note",
    "terminate_cleanly",
    "stopped_note",
    "pause",
    "PAUSE_ENV",
    "read_lock",
]

log = logging.getLogger(__name__)

#: Environment variable of the test hook (see :func:`pause`).
PAUSE_ENV = "EXPOSURE_PIPELINE_PAUSE"


class RecomputeLockedError(ExposureError):
    """Another process holds the lock of the output directory (or replaced one while it was read).

    Examples
    --------
    >>> isinstance(RecomputeLockedError("locked"), ExposureError)
    True
    """


class OutputPathError(ExposureError):
    """An output directory that cannot, or must not, be replaced.

    Examples
    --------
    >>> isinstance(OutputPathError("read-only"), ExposureError)
    True
    """


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived inside :func:`terminate_cleanly`.

    A ``BaseException``, like ``KeyboardInterrupt``, so that ``except Exception`` blocks
    do not swallow it.

    Parameters
    ----------
    message : str
        What happened.
    signum : int, default signal.SIGTERM
        The signal received; the command exits with ``128 + signum``.

    Examples
    --------
    >>> import signal
    >>> Terminated("closed terminal", signal.SIGHUP).exit_code
    129
    """

    def __init__(self, message: str = "terminated", signum: int = signal.SIGTERM):
        super().__init__(message)
        self.signum = int(signum)

    @property
    def signal_name(self) -> str:
        """``SIGTERM``, ``SIGHUP``..."""
        try:
            return signal.Signals(self.signum).name
        except ValueError:
            return f"signal {self.signum}"

    @property
    def exit_code(self) -> int:
        """``128 + signum``, what a shell shows for a command stopped by the signal."""
        return 128 + self.signum


#: Signals that :func:`terminate_cleanly` turns into :class:`Terminated`: SIGTERM (``kill``)
#: and SIGHUP (the terminal was closed, or an SSH session dropped), whose default action
#: would also kill the process at once and leave its temporary files behind.
CLEAN_SIGNALS = tuple(s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None)


@contextlib.contextmanager
def terminate_cleanly() -> Iterator[list[Path]]:
    """Within the block, SIGTERM and SIGHUP raise :class:`Terminated` instead of killing at once.

    The exception unwinds through the ``with`` blocks of :func:`replace_directory` and of
    the download cache, which remove their temporary directories and partial files; the
    command then exits with 128 + the signal (143 for SIGTERM, 129 for SIGHUP) and a
    message. Outside the main thread (where signal handlers cannot be set) the block runs
    unchanged. A SIGHUP that the caller ignores (``nohup``) stays ignored. Ctrl-C
    (SIGINT, when Python's own handler has it) raises ``KeyboardInterrupt`` as before.

    A signal that comes while a finalizer runs (``__del__``: the zip file of an ``.xlsx``
    workbook being collected) raises its exception there, where Python prints ``Exception
    ignored in ...`` and goes on: the run went on, replaced the output and exited 0 (and,
    for SIGTERM, ignored the next ones). Every signal received is recorded, and
    :func:`replace_directory` raises it again before it swaps the new contents in
    (:func:`raise_received`).

    Yields
    ------
    list of pathlib.Path
        The outputs put in their place within the block, in order
        (:func:`exposure._io.recording_written`): what a command stopped by a signal
        leaves written (:func:`stopped_note`).

    Examples
    --------
    >>> import os, signal
    >>> try:
    ...     with terminate_cleanly():
    ...         os.kill(os.getpid(), signal.SIGTERM)
    ...         import time; time.sleep(5)
    ... except Terminated:
    ...     print("cleaned up")
    cleaned up
    """
    with recording_written() as written:
        if threading.current_thread() is not threading.main_thread():
            yield written
            return
        with _signals_raise():
            yield written


@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    """The handlers of :func:`terminate_cleanly` within the block (main thread only)."""

    def _raise(signum, frame):
        _RECEIVED.append(signum)  # raised again before a swap, if a finalizer swallows it
        # a second signal must not interrupt the cleanup that this one starts
        for sig in handled:
            signal.signal(sig, signal.SIG_IGN)
        raise Terminated(f"terminated by signal {signum}", signum)

    def _interrupt(signum, frame):
        _RECEIVED.append(signum)
        raise KeyboardInterrupt

    received = len(_RECEIVED)
    previous = {}
    handled = ()
    try:  # a signal among the settings: the handlers set so far are put back too (they were left)
        for sig in CLEAN_SIGNALS:
            # under nohup SIGHUP is ignored on purpose: the run must go on, not stop cleanly
            if sig != signal.SIGTERM and signal.getsignal(sig) == signal.SIG_IGN:
                continue
            previous[sig] = signal.signal(sig, _raise)
            handled = tuple(previous)
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            previous[signal.SIGINT] = signal.signal(signal.SIGINT, _interrupt)
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        del _RECEIVED[received:]


#: Signals received inside the :func:`terminate_cleanly` blocks now running, in order.
_RECEIVED: list[int] = []


def stopped_note(written: Iterable) -> str:
    """What a command stopped by a signal says of its outputs, given those it put in place before (:func:`terminate_cleanly`).

    Every command said ``temporary files removed, previous outputs untouched``, also when
    an output had been written before the signal: ``exposure outcomes`` stopped between its
    figures and its tables, ``exposure recompute --compare`` stopped in its diff once the
    new tables were in place. Those (that are still there, and not hidden: the
    verification stamps of the cache, a temporary directory) are named now.

    Parameters
    ----------
    written : iterable of path
        The outputs put in place, in order (what :func:`terminate_cleanly` yields).

    Returns
    -------
    str
        ``"temporary files removed, previous outputs untouched"``, or ``"temporary files
        removed; written in full before the signal: o/a.png, o/b.png; other previous
        outputs untouched"``.

    Examples
    --------
    >>> stopped_note([])
    'temporary files removed, previous outputs untouched'
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.png").write_bytes(b"")
    >>> stopped_note([d / "a.png", d / "gone.csv"]) == (
    ...     f"temporary files removed; written in full before the signal: {d / 'a.png'}; other previous outputs untouched")
    True
    """
    kept = [path for path in dict.fromkeys(Path(p) for p in written)
            if os.path.lexists(path) and not path.name.startswith(".") and not path.parent.name.startswith(".")]
    if not kept:
        return "temporary files removed, previous outputs untouched"
    shown = ", ".join(error_path(path) for path in kept[:3]) + (f" and {len(kept) - 3} more" if len(kept) > 3 else "")
    return f"temporary files removed; written in full before the signal: {shown}; other previous outputs untouched"


def raise_received() -> None:
    """Raise again the last signal :func:`terminate_cleanly` received, if any.

    Called by :func:`replace_directory` just before it swaps the new contents in (and by
    :func:`exposure.pipeline.run_pipeline` before it pins new files): a signal whose
    exception a finalizer swallowed (Python printed ``Exception ignored in: <function
    ZipFile.__del__ ...>``) let the run go on and replace the output.

    Raises
    ------
    Terminated
        For SIGTERM or SIGHUP.
    KeyboardInterrupt
        For Ctrl-C (SIGINT).

    Examples
    --------
    >>> raise_received()  # outside terminate_cleanly, or no signal: nothing
    """
    if not _RECEIVED:
        return
    signum = _RECEIVED[-1]
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(f"terminated by signal {signum}", signum)


def check_files_dir(path, *, protect: Iterable = (), file=None) -> Path:
    """Make sure ``path`` is (or can become) a writable directory, before any work; return it.

    For a directory that a command writes files into (reports: ``exposure compare``,
    ``exposure outcomes``), not one it replaces as a whole (:func:`check_output_dir`): the
    current directory is fine. A probe file is created and removed there; directories
    created for the probe are removed again, so that a run that fails later (a bad
    argument or input, a signal) leaves no empty output directory behind. The writer
    creates the directory when it writes (:func:`exposure._io.atomic_path`).

    ``protect`` holds ``(what, folder, why)`` triples
    (:meth:`exposure.fetch.DataStore.read_folders`: the mirror, the download cache's
    folders, the installed package): ``path`` inside one of them, or equal to it, is
    refused (:class:`OutputPathError`). ``exposure compare -o ../shared/data`` wrote its
    eight reports among the mirror's raw files. So is a ``path`` that is, or lies under, a
    symbolic link to nothing (:func:`_refuse_dangling`: ``File exists`` before), and one
    with surrounding spaces or a line end when no directory of that very name exists
    (:func:`_refuse_padded`: ``exposure compare -o "$DIR"`` with ``DIR`` read with its CRLF
    wrote its reports into a new directory ``reports\\r`` beside ``reports``). A name in
    ``path`` longer than its file system allows (:func:`exposure._io.long_name`) is refused
    too: pathlib raised a bare ``OSError: [Errno 36] File name too long``; so are a
    ``path`` under a file (:func:`_refuse_under_file`: ``cannot write to the output
    directory: Not a directory`` before) and a relative ``path`` where the current
    directory no longer exists (:func:`_refuse_lost_cwd`). A folder this user may enter but
    not write (or a read-only file system) is said as :func:`exposure._io.unwritable_folder`
    says it, naming the folder and what to do, as ``exposure score -o``, ``rollup -o``,
    ``train --out`` and ``report --out-dir`` say it: ``exposure compare -o ro/c``,
    ``outcomes -o``, ``validate --report-dir`` said ``ro/c: cannot write to the output
    directory: Permission denied``.

    Parameters
    ----------
    path : str or os.PathLike
        The report directory.
    protect : iterable of (str, path, str), optional
        As for :func:`refuse_protected`.
    file : str or os.PathLike, optional
        The one file the user named in ``path`` (``exposure evaluate --out ro/a.csv``): a
        folder that cannot be written is said of it, in the words of
        :func:`exposure._io.check_output_path` (:class:`~exposure.errors.OutputError`:
        ``ro/a.csv: cannot write: Permission denied: the folder ro is not writable ...; ask
        its owner for access, or write the file elsewhere``). None: of ``path`` (``output
        path ro/c: Permission denied: the folder ro is not writable (no w permission for
        this user), so nothing can be written in it; ask its owner for access, or choose
        another output directory``).

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    OutputPathError, exposure.errors.OutputError, exposure.errors.DataFormatError
        As above; ``output exists and is not a directory (a file): give a directory (one
        that does not exist is made)``; ``cannot write to the output
        directory: <reason>`` for a failure of another kind (a full disk).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "file"
    >>> _ = f.write_text("x")
    >>> check_files_dir(f)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: .../file: output exists and is not a directory (a file): give a directory (one that does not exist is made)
    """
    _refuse_unexpanded(path)
    _refuse_padded(path)  # "reports\r": the reports went into a new directory beside reports
    _refuse_lost_cwd(path)
    _refuse_closed(path, "choose another output directory", directory=True)
    out = Path(path)
    # a folder name longer than its file system allows: a bare OSError "File name too long"
    # from pathlib (the reports are files of the folders out names: "_" stands for them)
    reason = long_name(out / "_")
    if reason is not None:
        raise OutputPathError(reason)
    refuse_protected(out, protect)
    if out.exists() and not out.is_dir():  # it said not what is there ("lnk": a link to a file), nor what to do
        raise DataFormatError(f"output exists and is not a directory ({not_directory(out)}): give a directory "
                              "(one that does not exist is made)", path=error_path(path))
    _refuse_under_file(path)  # "cannot write to the output directory: Not a directory" named no file
    try:
        _probe(out, keep=False)
    except OSError as exc:
        # "ro: cannot write to the output directory: Permission denied", naming no folder, no advice
        reason = (unwritable_folder(file) if file is not None else
                  unwritable_folder(out / "_", advice="choose another output directory"))
        if reason is None:  # another reason (a full disk): the probe's words
            raise DataFormatError(f"cannot write to the output directory: {exc.strerror}", path=out) from None
        if file is not None:
            code = errno.EROFS if reason.startswith("read-only file system") else errno.EACCES
            raise OutputError(reason, path=file, errno=code) from None
        raise OutputPathError(f"output path {error_path(path)}: {reason}") from None
    return out


def refuse_protected(path, protect: Iterable, *, file: bool = False, what: str = "the reports") -> None:
    """Refuse an output ``path`` inside (or equal to) one of the ``protect`` folders.

    ``protect`` holds ``(what, folder, why)`` triples
    (:meth:`exposure.fetch.DataStore.read_folders`: the mirror, the download cache's
    folders, the installed package). ``path`` and the folders are compared both as
    written (made absolute) and with their symbolic links resolved: a link to the
    mirror, or a link inside it to elsewhere, is refused. With ``file=True`` ``path``
    names a file: its directory is resolved, and so is a symbolic link at the file
    itself when it points to a file, which the writer writes through
    (:func:`exposure._io.atomic_path`): ``-o scores.csv`` linked to a file of the mirror
    replaced that file. A link to nothing is replaced by the writer, not followed.

    Parameters
    ----------
    path : str or os.PathLike
        The output directory, or with ``file=True`` the output file.
    protect : iterable of (str, path, str)
        The folders no output may go into.
    file : bool, default False
        Whether ``path`` names a file.
    what : str, default "the reports"
        What a directory ``path`` receives, for the message (``the roll-up``).

    Raises
    ------
    OutputPathError
        ``refusing to write the reports into <path>: it is inside the mirror <folder>,
        which the run reads; choose a directory outside it`` (``refusing to write <path>``
        for a file).

    Examples
    --------
    >>> refuse_protected("/m/r", [("the mirror", "/m", "which the run reads")])
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: refusing to write the reports into /m/r: it is inside the mirror /m, which the run reads; choose a directory outside it
    >>> refuse_protected("/elsewhere/r.csv", [("the mirror", "/m", "which the run reads")], file=True)
    """
    _refuse_lost_cwd(path)  # "No such file or directory", naming nothing
    given = Path(os.path.abspath(path))
    real = real_path(Path(path).parent) / given.name if file else real_path(path)
    seen = [given, real]
    # os.path's, which never raise: Path.is_symlink raised a bare PermissionError under a folder
    # that cannot be entered (write_agreement_report(..., "locked/a.csv")), before the writer's
    # checks named the folder (exposure._io.closed_folder)
    if file and os.path.islink(given) and os.path.isfile(given):  # written through (atomic_path)
        seen.append(real_path(given))
    for held, folder, why in protect:
        try:
            roots = {Path(os.path.abspath(folder)), real_path(Path(folder))}
        except FileNotFoundError:  # a relative folder, and the current directory is gone: it names nothing
            continue
        if any(p == root or p.is_relative_to(root) for p in seen for root in roots):
            target = path if file else f"{what} into {path}"
            link = (f" (a symbolic link to {seen[2]})" if file and len(seen) > 2
                    and not any(p == r or p.is_relative_to(r) for p in seen[:2] for r in roots) else "")
            raise OutputPathError(f"refusing to write {target}{link}: it is inside {held} {folder}, {why}; "
                                  "choose a directory outside it")


#: Suffixes of the files the commands read and write: a new output directory named so was
#: meant as a file (``exposure rollup ... -o rollup.xlsx``). Checked by
#: :func:`refuse_file_named_dir`; compressed files too (``-o r.csv.gz``: the suffixes of :data:`exposure._tables.COMPRESSED`).
FILE_SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".parquet", ".pq", ".dta",
                           ".json", ".jsonl", ".png", ".md", ".html", *COMPRESSED})


def refuse_file_named_dir(path, option: str, writes: str, hint: str = "") -> None:
    """Refuse a new output directory named like a file (``-o rollup.xlsx``), before any work.

    ``exposure rollup scores.csv -o rollup.xlsx`` (meant as a workbook) made a directory
    ``rollup.xlsx`` holding seven Parquet files, and ``exposure compare -o measures.csv``
    a directory ``measures.csv`` of eight reports, as
    :func:`exposure.reports.sources.write_source_reports` refuses for its report
    directory. A directory that exists already under such a name (or a link to one) is
    written into as before, and so is a ``path`` given with a trailing separator
    (``"figures.png/"``: a directory is meant; a command line's path loses it to
    :func:`exposure.cli.path_option`). One that exists as a file is said to be one:
    ``but 'r.csv' is an existing file, not a directory`` (it was ``named like a .csv
    file``); a named pipe, a socket or a device is said to be what it is (``but 'r.csv' is
    a named pipe, not a directory``: it was said to be an existing file). A relative ``path`` where the current directory no longer
    exists is refused first (:func:`_refuse_lost_cwd`), as every output check of this
    module refuses it: the first check of ``exposure validate --report-dir`` and ``exposure
    diff --reports``, which then said ``error: No such file or directory``. So is a
    ``path`` on whose way lies a folder this user may not enter (:func:`_refuse_closed`, in
    the words of :func:`check_files_dir`): ``exposure validate --report-dir locked/v.csv``
    (``compare -o``, ``outcomes -o``, ``rollup -o``, ``report --out-dir``, ``diff
    --reports``) said ``locked/v.csv: Permission denied`` (from ``Path.is_dir``), naming
    neither the folder nor what to do.

    Parameters
    ----------
    path : str or os.PathLike
        The output directory.
    option : str
        The option that gave it, for the message (``-o/--output``).
    writes : str
        What the command writes into the directory, for the message.
    hint : str, optional
        What to give instead, appended to the message.

    Raises
    ------
    OutputPathError
        ``-o/--output rollup.xlsx names the directory that gets ...; but 'rollup.xlsx' is
        named like a .xlsx file: give a directory``; ``output path rep: the current
        directory no longer exists ...``; ``output path locked/v.csv: Permission denied:
        the folder locked cannot be entered (no x permission for this user), so nothing can
        be written in it; ask its owner for access, or choose another output directory``.

    Examples
    --------
    >>> refuse_file_named_dir("/nonexistent/r.xlsx", "-o/--output", "the roll-up's tables")
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: -o/--output /nonexistent/r.xlsx names the directory that gets the roll-up's tables, but 'r.xlsx' is named like a .xlsx file: give a directory
    >>> refuse_file_named_dir("/nonexistent/results", "-o/--output", "the reports")
    >>> refuse_file_named_dir("/nonexistent/figures.png/", "out_dir", "the figures")
    """
    _refuse_lost_cwd(path)  # validate --report-dir, diff --reports: "No such file or directory", naming nothing
    # "locked/v.csv: Permission denied" (Path.is_dir), naming neither the folder nor what to do
    _refuse_closed(path, "choose another output directory", directory=True)
    given = Path(path)
    suffix = given.suffix.lower()
    if suffix not in FILE_SUFFIXES or os.path.isdir(given) or os.fspath(path).endswith(("/", os.sep)):
        return  # "figures.png/": a directory is meant, as the trailing separator says
    # an existing file: it is one, not merely named like one; a named pipe was "an existing file"
    what = f"{entry_kind(given)}, not a directory" if os.path.exists(given) else f"named like a {suffix} file"
    raise OutputPathError(f"{option} {error_path(path)} names the directory that gets {writes}, but {given.name!r} is "
                          f"{what}: give a directory{hint}")


def check_report_files(out, names: Iterable[str], option: str, *, protect: Iterable = (),
                       inputs: Iterable = ()) -> None:
    """Refuse, before any work, a report file of ``out`` that cannot be written where it goes.

    For the commands that write a set of files of known names into a directory
    (``exposure compare``, ``exposure outcomes``): a directory, a named pipe or a device
    at one of the names was found only when the set was written, after the whole run
    (``exposure compare -o c`` with a directory ``c/measures_table.csv``: 7.9 s on the
    real mirror, and the published measures downloaded first without one). A symbolic
    link there to a file inside one of the ``protect`` folders (the mirror, the cache,
    the package) is refused too: the writer writes through it. So is a name that is one
    of the command's ``inputs`` (:func:`exposure._io.input_at`: the file itself, a
    symbolic or hard link to it): ``exposure outcomes --panel o/outcomes_exposures.csv -o
    o`` replaced the panel it read by its report, exit 0.

    Parameters
    ----------
    out : str or os.PathLike
        The report directory (:func:`check_files_dir` has checked it).
    names : iterable of str
        The file names the command writes there.
    option : str
        The option that gave ``out``, for the message (``-o/--output``).
    protect : iterable of (str, path, str), optional
        As for :func:`refuse_protected`.
    inputs : iterable of (str, path), optional
        ``(option, path)`` of each file the command reads (``("--panel", "panel.csv")``).

    Raises
    ------
    OutputPathError
        ``c/measures_table.csv: is a directory, where -o/--output writes the file
        measures_table.csv: move it away or give another -o/--output``; ``o/outcomes_exposures.csv:
        is the file of --panel panel.csv (a symbolic link to it), where -o/--output writes
        the file outcomes_exposures.csv: move it away or give another -o/--output``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "a.csv").mkdir()
    >>> check_report_files(d, ["a.csv"], "-o/--output")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: .../a.csv: is a directory, where -o/--output writes the file a.csv: ...
    """
    protect = list(protect)
    inputs = [(option_of, Path(src)) for option_of, src in inputs]
    for name in names:
        path = Path(out) / name
        src = input_at(path, [src for _, src in inputs])
        if src is not None:  # the report would replace the file the command reads
            given = next(option_of for option_of, p in inputs if p == src)
            kind = f"is the file of {given} {src}{' (a symbolic link to it)' if path.is_symlink() else ''}"
        elif path.is_dir():
            kind = "is a directory"
        elif os.path.exists(path) and not path.is_file():
            kind = f"is not a regular file ({entry_kind(path)})"  # it said "a named pipe, device or socket"
        else:
            refuse_protected(path, protect, file=True)
            continue
        # named as given ("./o/a.csv"): Path(out) / name dropped the "./"
        raise OutputPathError(f"{error_path(os.path.join(os.fspath(out), name))}: {kind}, where {option} "
                              f"writes the file {name}: move it away or give another {option}")


def _refuse_unexpanded(path) -> None:
    """Refuse an output path that starts with ``~`` (:func:`exposure._io.unexpanded_home`).

    Examples
    --------
    >>> _refuse_unexpanded("~nosuchuser-exposure/out")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: output path ~nosuchuser-exposure/out: the path starts with '~nosuchuser-exposure', which is not expanded here ...
    """
    reason = unexpanded_home(path)
    if reason is not None:
        raise OutputPathError(f"output path {os.fspath(path)}: {reason}")


def _refuse_lost_cwd(path) -> None:
    """Refuse a relative output path when the current directory no longer exists (:func:`exposure._io.lost_cwd`).

    ``exposure compare -o rep``, ``rollup -o``, ``train --out m.npz`` said ``error: No such
    file or directory``, naming nothing. The rule and its words are those of
    :func:`exposure._io.check_output_path` (``exposure score -o s.csv``).

    Raises
    ------
    OutputPathError
        ``output path rep: the current directory no longer exists (it was removed or
        replaced after the shell entered it), so a relative path names nothing; cd to an
        existing directory, or give the full path``.

    Examples
    --------
    >>> _refuse_lost_cwd("/nonexistent/rep")  # an absolute path: the current directory is not read
    """
    reason = lost_cwd(path)
    if reason is not None:
        raise OutputPathError(f"output path {os.fspath(path)}: {reason}")


def _refuse_closed(path, advice: str, *, directory: bool = False) -> None:
    """Refuse an output path on whose way lies a folder this user may not enter (:func:`exposure._io.closed_folder`).

    ``exposure rollup ... -o locked/sub`` said ``cannot inspect the output path locked/sub:
    Permission denied``; ``exposure outcomes -o locked/sub``, ``report --out-dir``,
    ``compare -o``, ``validate --report-dir`` and ``train --out locked/m.npz`` said
    ``locked/sub: Permission denied``. None of them named the folder ``locked`` or what to do.

    Raises
    ------
    OutputPathError
        ``output path locked/sub: Permission denied: the folder locked cannot be entered
        (no x permission for this user), so nothing can be written in it; ask its owner for
        access, or choose another output directory``.

    Examples
    --------
    >>> _refuse_closed("/nonexistent/rep", "choose another output directory")  # nothing in the way
    """
    reason = closed_folder(path, advice=advice, directory=directory)
    if reason is not None:
        raise OutputPathError(f"output path {error_path(path)}: {reason}")


def real_path(path) -> Path:
    """``path`` as the system reads it: absolute, its symbolic links resolved where they can be.

    A ``..`` after a symbolic link goes up from the link's target, as for every program
    that opens the path: ``data/../results``, where ``data`` links to
    ``/scratch/me/data``, is ``/scratch/me/results``. Made absolute as text first, the
    path lost ``data/..`` and named ``./results``.

    Examples
    --------
    >>> str(real_path("/nonexistent/a/../b"))
    '/nonexistent/b'
    """
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # a link that loops: named by the checks that follow
        return Path(os.path.abspath(path))


def _probe(directory: Path, *, keep: bool = True) -> None:
    """Create ``directory`` if needed, and a file in it, then remove the file (OSError if not).

    With ``keep=False`` the directories that the probe had to create are removed again
    (innermost first; one that another process filled meanwhile stays).
    """
    _refuse_dangling(directory)
    # "link/../new": beside the link's target; "x/../new": x too (it was left behind)
    created = dirs_to_make(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=directory, prefix=".exposure-probe-", suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    finally:
        if not keep:
            for path in created:  # deepest first
                with contextlib.suppress(OSError):
                    path.rmdir()


def _refuse_dangling(path, *, itself: bool = True) -> None:
    """Refuse an output path that is, or lies under, a symbolic link to nothing (a purged scratch folder).

    The directories the path needs cannot be made through such a link: the run failed
    with ``cannot create the lock file .../broken/.exposure-out.lock for .../broken/out:
    File exists; is the parent directory writable?`` (``cannot write ...: File exists``
    for a file or report directory), naming neither the link nor where it points. A link
    that loops (``a -> b -> a``) is named as such (:func:`exposure._io.broken_link`): it
    was called a link to ``b``, "which does not exist".

    With ``itself=False`` (an output file) ``path`` itself may be a link to nothing: the
    writer replaces it.

    Raises
    ------
    OutputPathError
        Naming the link and its target.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "scratch").symlink_to(d / "gone")
    >>> _refuse_dangling(d / "scratch" / "out")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: output path .../scratch/out lies under .../scratch, a symbolic link to .../gone, which does not exist: create that directory, point the link at one, or choose another output path
    """
    reason = broken_link(path, itself=itself)
    if reason is not None:
        raise OutputPathError(f"output path {Path(path)} {reason}")


def check_output_file(path) -> Path:
    """Check, before any work, that the file ``path`` can be written; return it.

    A probe file is created and removed in its directory, so that a read-only file system,
    a missing permission or a path through a file fails now, not after a long computation.
    The directories the probe had to create are removed again (the writer makes them):
    they were left behind, empty, when a later step failed (``exposure train --out
    new/dir/m.npz`` refused after the probe).

    Parameters
    ----------
    path : str or os.PathLike
        The output file (need not exist).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    OutputPathError
        ``path`` is a directory, or ends in a separator (``models/``, a directory path:
        the model was written as a file ``models``), or its directory cannot be created
        or written; it lies under a symbolic link to nothing (:func:`_refuse_dangling`) or
        under a file (:func:`_refuse_under_file`); it is relative and the current directory
        no longer exists (:func:`_refuse_lost_cwd`); it
        has surrounding spaces or a line end and no file of that very name exists
        (``exposure train --out "m.npz\\r"``, a value read with its CRLF: the model was
        written as ``'m.npz\\r'``, beside ``m.npz``); its name is longer than its file
        system allows (:func:`refuse_unreachable_file`). A folder this user may enter but
        not write is said as :func:`exposure._io.unwritable_folder` says it (``output path
        ro/m.npz: Permission denied: the folder ro is not writable (no w permission for this
        user), ...; ask its owner for access, or write the file elsewhere``; ``cannot write
        ro/m.npz: Permission denied (ro)`` before), a read-only file system as such
        (``output path ro/m.npz: read-only file system (ro)``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> check_output_file(d / "model.npz").name
    'model.npz'
    >>> check_output_file(d)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: output path ... is a directory; name a file
    """
    text = os.fspath(path) if isinstance(path, (str, os.PathLike)) else None
    if isinstance(text, str) and text.endswith((os.sep, "/")):  # Path drops it: a file "models"
        raise OutputPathError(f"output path {text} ends in {text[-1]!r}: it names a directory; "
                              "name a file")
    _refuse_unexpanded(path)
    if text is not None:  # "m.npz\r" (a value read with its CRLF): a file of that name, beside m.npz
        refuse_spaces(text, "output path", error=OutputPathError, file=True)
    refuse_unreachable_file(path)  # before is_dir and the others, which raised a bare OSError
    given, path = path, Path(path)
    if path.is_dir():
        raise OutputPathError(f"output path {path} is a directory; name a file")
    _refuse_dangling(path, itself=False)  # named with the file, not its directory only
    _refuse_under_file(given)  # "cannot write a/m.npz: File exists (a)" said not that a is a file; as given
    try:
        _probe(path.parent, keep=False)
    except OSError as exc:
        # "cannot write ro/m.npz: Permission denied (ro)" said not what to do
        reason = unwritable_folder(path)
        if reason is not None:
            raise OutputPathError(f"output path {error_path(path)}: {reason}") from exc
        raise OutputPathError(
            f"cannot write {path}: {exc.strerror or exc} ({path.parent})"
        ) from exc
    return path


def refuse_unreachable_file(path) -> None:
    """Refuse an output file that cannot be looked at: lost with the current directory, behind a closed folder, named too long.

    The first checks of :func:`check_output_file`, and of ``exposure train --out``
    (:func:`exposure.cli._evaluate.check_artifact_name`), which runs them before its own:
    the checks that follow (``Path.is_dir`` and the others) said ``locked/m.npz: Permission
    denied`` under a folder that cannot be entered, naming neither the folder nor what to
    do, ``/abs/xxx...x.npz: File name too long``, and ``No such file or directory`` in a
    removed current directory. One rule, in one place, for both.

    Parameters
    ----------
    path : str or os.PathLike
        The output file (need not exist).

    Raises
    ------
    OutputPathError
        ``path`` is relative and the current directory no longer exists
        (:func:`_refuse_lost_cwd`); a folder on its way cannot be entered
        (:func:`_refuse_closed`: ``output path locked/m.npz: Permission denied: the folder
        locked cannot be entered (no x permission for this user), so nothing can be written
        in it; ask its owner for access, or write the file elsewhere``); its name, or that of
        a folder to be made for it, is longer than its file system allows
        (:func:`exposure._io.long_name`).

    Examples
    --------
    >>> refuse_unreachable_file("/nonexistent/m.npz")  # nothing in the way: the checks that follow say the rest
    >>> refuse_unreachable_file("/tmp/" + "x" * 300 + ".npz")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: output file name 'xxx...x.npz' is 304 bytes long, and the file system of /tmp allows names of ... bytes; ...
    """
    _refuse_lost_cwd(path)
    _refuse_closed(path, "write the file elsewhere")
    # "File name too long" came when the file was written, after the whole run (or from is_dir)
    _refuse_long_name(Path(os.path.abspath(path)), file=True)


def _refuse_under_file(path) -> None:
    """Refuse an output path that lies under a file (``my_tasks.csv/o``, where ``my_tasks.csv`` is one).

    One rule, and one wording, for every writer (:func:`exposure._io.under_file`): an output
    directory replaced as a whole (:func:`check_output_dir`), a report directory
    (:func:`check_files_dir`), an output file (:func:`check_output_file`) and the files of
    :func:`exposure._io.check_output_path`. The report directories and ``train --out`` said
    ``cannot write to the output directory: Not a directory`` and ``cannot write
    my_tasks.csv/m.npz: File exists (my_tasks.csv)``, naming no file as the one in the way.

    Raises
    ------
    OutputPathError
        ``output path my_tasks.csv/o lies under my_tasks.csv, which is a file, not a
        directory``.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "my_tasks.csv").write_text("task\\n")
    >>> _refuse_under_file(d / "my_tasks.csv" / "o" / "m.npz")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: output path .../my_tasks.csv/o/m.npz lies under .../my_tasks.csv, which is a file, not a directory
    >>> _refuse_under_file(d / "new" / "o")
    """
    reason = under_file(path)
    if reason is not None:  # named as given, as under_file names the file: Path(path) dropped a "./"
        raise OutputPathError(f"output path {error_path(path)} {reason}")


def _absolute(out) -> Path:
    """``out`` as an absolute, normalised path; a symbolic link is followed, and so is one before ``..``.

    ``data/../results``, where ``data`` is a link, names ``results`` beside the link's
    target, where every reader looks: made absolute as text (``./results``), the tables
    went elsewhere (:func:`real_path`).
    """
    out = Path(out)
    # swap the directory a symlink points to, never the link itself
    if out.is_symlink() or ".." in out.parts:
        return out.resolve()
    return Path(os.path.abspath(out))


def _existing_parent(out: Path) -> Path | None:
    """The closest ancestor of ``out`` that exists (None when ``out`` itself exists).

    Examples
    --------
    >>> _existing_parent(Path("/nonexistent/a/b"))
    PosixPath('/')
    """
    if out.exists():
        return None
    for parent in out.parents:
        if parent.exists():
            return parent
    return None


def _mount_inside(out: Path) -> Path | None:
    """The first directory below ``out`` on another file system (a mount point), or None."""
    try:
        top = os.lstat(out).st_dev
    except OSError:
        return None
    stack = [out]
    while stack:
        directory = stack.pop()
        try:
            entries = list(os.scandir(directory))
        except OSError:
            continue
        for entry in entries:
            try:
                if not entry.is_dir(follow_symlinks=False):
                    continue
                dev = entry.stat(follow_symlinks=False).st_dev
            except OSError:
                continue
            if dev != top or os.path.ismount(entry.path):
                return Path(entry.path)
            stack.append(Path(entry.path))
    return None


def foreign_entry(out: Path, marker: str, names) -> Path | None:
    """The first entry of ``out`` named like one of ``names``, when ``out`` lacks ``marker``.

    A command that always writes ``marker`` beside its tables (``manifest.json`` for
    ``exposure recompute``, ``coverage.json`` for ``exposure rollup``) wrote no table of a
    directory without it: an entry there named like one of its tables is someone else's,
    which it would replace (or remove) without a word. None when ``out`` has ``marker``
    (a file, or a link) or holds none of ``names``.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> _ = (out / "soc_scores.csv").write_text("mine")
    >>> foreign_entry(out, "coverage.json", ["workforce.csv", "soc_scores.csv"]).name
    'soc_scores.csv'
    >>> _ = (out / "coverage.json").write_text("{}")
    >>> foreign_entry(out, "coverage.json", ["soc_scores.csv"]) is None
    True
    """
    sign = out / marker
    if sign.is_file() or sign.is_symlink():
        return None
    for name in sorted(names):
        entry = out / name
        if entry.exists() or entry.is_symlink():
            return entry
    return None


def check_output_dir(out, *, protect: Iterable = ()) -> Path:
    """Refuse an output directory that cannot or must not be replaced; return it absolute.

    Called by :func:`replace_directory` before it yields, so before any computing; call
    it earlier still to fail before reading inputs.

    Parameters
    ----------
    out : str or os.PathLike
        The output directory (need not exist).
    protect : iterable of path, optional
        Paths that must not lie inside ``out`` (input caches, mirrors): replacing ``out``
        would drop or copy them.

    Returns
    -------
    pathlib.Path
        ``out``, absolute (the target of a symbolic link).

    Raises
    ------
    OutputPathError
        ``out`` is a file, a mount point or ``/``, or lies under a file (``afile/sub``,
        also ``afile/../sub``: :func:`_refuse_under_file`); it is, or holds, the home
        directory (:func:`_refuse_home`); it is relative and the current directory no
        longer exists (:func:`_refuse_lost_cwd`);
        it is, or lies under, a symbolic link that loops (``out -> out``: Python's
        ``RuntimeError: Symlink loop`` before); it holds a mount point, the current
        directory, a source checkout (``.git``) or a ``protect`` path; it starts with
        ``~`` (not expanded: :func:`exposure._io.unexpanded_home`); it is another user's
        directory in a folder with the sticky bit, which this user may not rename
        (:func:`_check_renamable`); it lies under a symbolic link to nothing
        (:func:`_refuse_dangling`). A ``..`` after a symbolic link is read as the system
        reads it (:func:`real_path`). It has surrounding spaces or a line end and no
        directory of that very name exists (``"results\\r"``, a value read from a file
        saved with CRLF: a new directory ``results\\r`` was made beside ``results``, after
        the whole run); it is itself a folder with the sticky bit (``--out /tmp``, a
        shared ``/scratch``: :func:`_refuse_shared`); its name leaves no room for the lock
        file and temporary directory made beside it (:func:`_refuse_long_name`).

    Examples
    --------
    >>> import os, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> check_output_dir(d / "out") == d / "out"
    True
    >>> _ = (d / "file").write_text("x")
    >>> check_output_dir(d / "file")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: output path .../file exists and is not a directory (a file): give a directory (one that does not exist is made)
    >>> check_output_dir(d, protect=[d / "cache"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: refusing to replace ...: it contains .../cache, which the run reads; ...
    """
    _refuse_unexpanded(out)  # "--out=~/results": a folder "~" was made in the current directory
    _refuse_padded(out)  # "results\r": a new directory beside results, after the whole run
    _refuse_lost_cwd(out)  # "cannot inspect the output path results: No such file or directory"
    _refuse_closed(out, "choose another output directory", directory=True)  # "cannot inspect ...: Permission denied"
    try:
        return _check_output_dir(out, protect)
    except RuntimeError as exc:  # pathlib's "Symlink loop from '...'" (Python 3.11, 3.12)
        raise _loop_error(out, exc) from None
    except OSError as exc:  # e.g. a parent the user may not search
        if exc.errno == errno.ELOOP:  # the same loop, as newer Pythons report it
            raise _loop_error(out, exc) from None
        raise OutputPathError(f"cannot inspect the output path {out}: {exc.strerror or exc}"
                              ) from exc


def _loop_error(out, exc: BaseException) -> OutputPathError:
    """The error for an output path that is, or lies under, a symbolic link that loops.

    ``out -> out`` or ``a -> b -> a``: resolving it raised Python's ``RuntimeError:
    Symlink loop from ...`` as a traceback.

    Examples
    --------
    >>> str(_loop_error("loop", RuntimeError("Symlink loop from '/d/loop'")))  # doctest: +ELLIPSIS
    "output path loop is, or lies under, a symbolic link that loops (Symlink loop from '/d/loop'); ..."
    """
    what = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return OutputPathError(f"output path {out} is, or lies under, a symbolic link that loops ({what}); "
                           "point the link at a directory, remove it, or choose another output "
                           "directory")


def _check_output_dir(out, protect: Iterable) -> Path:
    given = Path(out).absolute()  # "afile/../o": resolved below as ./o, which the system refuses to reach
    out = _absolute(out)
    if out == Path(out.anchor) or not out.name:
        raise OutputPathError(f"refusing to replace {out}: it is the file-system root")
    _refuse_long_name(out)  # first: pathlib's exists() raises on a name too long
    if out.exists() and not out.is_dir():
        # "lnk" was named as its target "/d/f.csv" (resolved), with nothing of what it is, nor what to do
        shown = given if os.path.islink(given) else out
        raise OutputPathError(f"output path {shown} exists and is not a directory ({not_directory(shown)}): "
                              "give a directory (one that does not exist is made)")
    _refuse_under_file(given if ".." in given.parts else out)  # it failed after the run, at the lock file
    _refuse_dangling(out)  # the lock file failed: "File exists; is the parent directory writable?"
    real = out.resolve()
    try:
        cwd = Path.cwd().resolve()
    except OSError:
        cwd = None
    if cwd is not None and cwd.is_relative_to(real):
        raise OutputPathError(
            f"refusing to replace {out}: it contains the current directory {cwd}; choose a "
            "new or dedicated output directory"
        )
    _refuse_home(out, real)
    for path in protect:
        if path is None:
            continue
        held = Path(os.path.abspath(path))
        if real_path(path).is_relative_to(real):
            raise OutputPathError(
                f"refusing to replace {out}: it contains {held}, which the run reads; "
                "choose an output directory outside it"
            )
    if out.is_dir():
        if os.path.ismount(out):
            raise OutputPathError(
                f"refusing to replace {out}: it is a mount point; write into a directory "
                "inside it"
            )
        if (out / ".git").exists():
            raise OutputPathError(
                f"refusing to replace {out}: it is a source checkout (it has .git); write "
                "into a directory inside it"
            )
        _refuse_shared(out)
        mount = _mount_inside(out)
        if mount is not None:
            raise OutputPathError(
                f"refusing to replace {out}: {mount} is another file system mounted inside "
                "it, which the swap would copy and then delete; unmount it or choose "
                "another output directory"
            )
        _check_renamable(out)
    return out


def _refuse_home(out: Path, real: Path) -> None:
    """Refuse an output directory that is, or holds, this user's home directory.

    ``exposure rollup scores.csv -o ~`` (meaning "into my home directory"), run from
    elsewhere with the download cache outside it, replaced the home directory as a whole:
    every folder in it was copied (its files hard-linked) into a new directory swapped in
    for it, so that each folder got a new inode under the programs running in it (a shell
    in ``~/project`` was left in a removed directory), as ``--out /tmp`` is refused
    (:func:`_refuse_shared`). ``real`` is ``out`` with its links resolved; the home
    directory is :meth:`pathlib.Path.home` (``$HOME``), resolved.

    Raises
    ------
    OutputPathError
        ``refusing to replace /home/me: it is the home directory of this user, ...; write
        into a directory inside it (such as /home/me/results)``.

    Examples
    --------
    >>> _refuse_home(Path.home(), Path.home().resolve())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: refusing to replace ...: it is the home directory of this user, ...
    >>> _refuse_home(Path("/nonexistent/results"), Path("/nonexistent/results"))
    """
    try:
        home = Path.home().resolve()
    except (OSError, RuntimeError, KeyError):  # no $HOME and no password entry: nothing to keep
        return
    if home == real:
        raise OutputPathError(
            f"refusing to replace {out}: it is the home directory of this user, whose every folder the swap of the "
            f"new contents would copy and replace; write into a directory inside it (such as {out / 'results'})")
    if home.is_relative_to(real):
        raise OutputPathError(f"refusing to replace {out}: it contains the home directory {home}; choose a new or "
                              "dedicated output directory")


def _refuse_long_name(out: Path, *, file: bool = False) -> None:
    """Refuse an output directory whose name leaves no room for its lock file and temporary directory.

    Both are made beside ``out``, named after it: ``.exposure-<name>.lock`` (15 bytes
    longer) and ``.<name>.<8 characters>.tmp`` (14 bytes longer). A name of more than 240
    bytes (``NAME_MAX``, 255 on most file systems, less 15; 81 characters of a script
    written with 3 bytes a character in UTF-8) is a legal directory name, but the lock file
    could not be made: ``cannot create the lock file ...: File name too long; is the
    parent directory writable?``, after the whole roll-up for ``exposure rollup -o``, with
    advice that did not apply. The file system of the closest existing folder above
    ``out`` (absolute) sets the limit. With ``file``, ``out`` names an output file (its
    temporary file has a shortened name): a name longer than the limit itself is refused
    (``exposure train --out`` wrote nothing after the whole training: ``File name too
    long``).

    Raises
    ------
    OutputPathError
        Naming the directory (or file), its length in bytes and the longest name allowed.

    Examples
    --------
    >>> _refuse_long_name(Path("/tmp/" + "r" * 250))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: output directory name ... is 250 bytes long: ...
    """
    if file:  # the folders to be made for it too (exposure._io.long_name)
        reason = long_name(out)
        if reason is not None:
            raise OutputPathError(reason)
        return
    folder, limit = name_limit(out)
    size = len(os.fsencode(out.name))
    longest = len(os.fsencode(_lock_path(out).name)) - size
    if size + longest > limit:
        raise OutputPathError(
            f"output directory name {out.name!r} is {size} bytes long: its lock file and temporary "
            f"directory are made beside it under names {longest} bytes longer, and the file system of "
            f"{folder} allows names of {limit} bytes; give the directory a name of at most "
            f"{limit - longest} bytes")


def refuse_spaces(value, origin: str, *, error: type[ExposureError] = ExposureError,
                  file: bool = False) -> None:
    """Refuse a directory ``value`` (from ``origin``) with surrounding spaces or a line end.

    Unless a directory of that very name exists (it is then used). Such a value, pasted
    from a ``.env`` file or a shell line, named a new directory beside the real one.
    A line end inside ``value`` (``"a\\nb"``, from a shell variable or a ``$(...)`` of two
    lines) is refused too, unless a directory (a file) of that very name exists
    (:func:`exposure._io.line_end`): it made a new directory of that two-line name, and
    ``exposure compare`` printed its summary on two lines. ``error`` is the class raised (:class:`OutputPathError` for an output directory);
    with ``file``, ``value`` names a file (used if anything of that name exists).
    :mod:`exposure.fetch` re-exports this function, where the cache and mirror options
    use it.

    Examples
    --------
    >>> refuse_spaces("/nonexistent/cache\\r", "cache")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: cache '/nonexistent/cache\\r' has surrounding spaces (or a line end): remove them ('/nonexistent/cache\\r' and '/nonexistent/cache' are different directories)
    >>> refuse_spaces("/nonexistent/a\\nb", "output path")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: output path '/nonexistent/a\\nb' holds a line end: a value of two lines (a shell variable, or a $(...) that gave two names?) would name one new directory of both; give a single path
    """
    text = os.fspath(value)
    if not isinstance(text, str) or (os.path.lexists if file else os.path.isdir)(text):
        return
    if text != text.strip():
        raise error(f"{origin} {text!r} has surrounding spaces (or a line end): remove "
                    f"them ({text!r} and {text.strip()!r} are different {'files' if file else 'directories'})")
    reason = line_end(text, file=file)  # "a\nb": a new directory named of both lines
    if reason is not None:
        raise error(f"{origin} {text!r} {reason}")


def _refuse_padded(out) -> None:
    """Refuse an output directory with surrounding spaces or a line end, unless one of that very name exists.

    ``exposure recompute --out "$OUT"`` with ``OUT`` read from a file saved with CRLF line
    ends (``results\\r``), or pasted with a space after it, named a new directory beside
    ``results``: the whole run went there, and ``exposure.load(directory="results")``
    read the old tables (as :func:`refuse_spaces` refuses such a cache or
    report directory).

    Examples
    --------
    >>> _refuse_padded("/nonexistent/results\\r")
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: output path '/nonexistent/results\\r' has surrounding spaces (or a line end): remove them ('/nonexistent/results\\r' and '/nonexistent/results' are different directories)
    """
    refuse_spaces(out, "output path", error=OutputPathError)


def _refuse_shared(out: Path) -> None:
    """Refuse an existing ``out`` that is itself a folder with the sticky bit (``/tmp``, a shared ``/scratch``).

    Such a folder holds the files of every user of the system: ``exposure rollup
    scores.csv -o /tmp`` (meaning "into /tmp") replaced the folder itself, run as root (a
    container), its entries hard-linked into a new directory and removed from the old
    one, under the programs using it; run as another user it failed on the lock file,
    asking whether ``/`` was writable. An output directory of exposure never has the bit.

    Raises
    ------
    OutputPathError
        ``refusing to replace /tmp: it is a folder with the sticky bit ...``.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> d.chmod(0o1777)
    >>> _refuse_shared(d)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: refusing to replace ...: it is a folder with the sticky bit (like /tmp), shared by the users of this system; write into a directory inside it (such as .../results)
    """
    try:
        shared = bool(os.stat(out).st_mode & stat.S_ISVTX)
    except OSError:
        return
    if shared:
        raise OutputPathError(f"refusing to replace {out}: it is a folder with the sticky bit (like /tmp), shared by "
                              f"the users of this system; write into a directory inside it (such as {out / 'results'})")


#: Linux capability that lets a process rename another user's entries of a sticky folder.
_CAP_FOWNER = 3


def _may_rename_others() -> bool:
    """Whether this process may rename another user's entry of a sticky folder (``CAP_FOWNER``).

    Read from ``/proc/self/status`` (root whose capabilities were dropped has it not);
    where that cannot be read, whether the process runs as root.

    Examples
    --------
    >>> isinstance(_may_rename_others(), bool)
    True
    """
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("CapEff:"):
                    return bool(int(line.split()[1], 16) >> _CAP_FOWNER & 1)
    except (OSError, ValueError, IndexError):
        pass
    return os.geteuid() == 0


def _check_renamable(out: Path) -> None:
    """Refuse an existing ``out`` that this user may not rename: another's, in a sticky folder.

    In a folder with the sticky bit (``/tmp``, a shared ``/scratch``: mode ``1777``) only
    the owner of an entry (or of the folder) may rename it. A team's output directory
    made there by a colleague, writable by all, was filled and then failed the swap after
    the whole run: ``stage 'write' failed (...): [Errno 1] Operation not permitted:
    '.../.results.k2x9abcd.tmp'``.

    Raises
    ------
    OutputPathError
        Naming ``out``, its owner and the folder.
    """
    try:
        st, folder = os.lstat(out), os.stat(out.parent)
    except OSError:
        return
    me = os.geteuid()
    if not folder.st_mode & stat.S_ISVTX or me in (st.st_uid, folder.st_uid) or _may_rename_others():
        return
    try:
        owner = pwd.getpwuid(st.st_uid).pw_name
    except KeyError:  # no such user in the password database
        owner = f"uid {st.st_uid}"
    raise OutputPathError(
        f"refusing to replace {out}: it belongs to {owner}, and {out.parent} is a folder with the "
        "sticky bit (like /tmp), where only an entry's owner may rename it, which the swap of the new "
        "contents does; choose a directory of your own (inside it, or elsewhere)"
    )


@contextlib.contextmanager
def replace_directory(out, *, owned: Iterable[str] | Callable[[], Iterable[str]] = (),
                      protect: Iterable = (), drop_lock: bool = False) -> Iterator[Path]:
    """Lock ``out``, yield a fresh directory, and make it the new ``out`` on success.

    Parameters
    ----------
    out : str or os.PathLike
        Directory to replace (need not exist). If it is a symbolic link, the directory it
        points to is replaced and the link is kept.
    owned : iterable of str, or a callable returning one, optional
        Names of entries of the old ``out`` that belong to the writer: they are dropped
        when the new contents do not have them. Every other entry of the old directory
        that the new contents lack is carried over (hard-linked where possible). A
        callable is called once the lock is held, before the block runs: names read
        from ``out`` itself (a previous manifest, earlier part files) must be read there,
        since a run that finished between an earlier look and the lock changed them (it
        may also raise, refusing ``out``).
    protect : iterable of path, optional
        Paths that must not lie inside ``out`` (see :func:`check_output_dir`).
    drop_lock : bool, default False
        Remove the lock file once the new contents are in place (still holding it, as a
        run that fails removes it): for an ``out`` inside the output of another command,
        whose lock file is left among that output's files otherwise (``exposure diff OLD
        NEW`` left ``NEW/.exposure-reports.lock`` in the recompute output ``NEW``, carried
        by each later recompute of it).

    Yields
    ------
    pathlib.Path
        The hidden temporary directory to write the new contents into.

    Raises
    ------
    RecomputeLockedError
        If another process holds the lock of ``out``.
    OutputPathError
        Before the block runs: ``out`` is refused by :func:`check_output_dir`, or its
        lock file or temporary directory cannot be created, or its lock file cannot be
        locked (a file system without locks: NFS without its lock service, Lustre).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "processed"
    >>> with replace_directory(out, owned={"table.csv"}) as tmp:
    ...     _ = (tmp / "table.csv").write_text("a\\n1\\n")
    >>> (out / "notes.txt").write_text("mine")
    4
    >>> with replace_directory(out, owned={"table.csv"}) as tmp:
    ...     _ = (tmp / "other.csv").write_text("b\\n2\\n")
    >>> sorted(p.name for p in out.iterdir())
    ['notes.txt', 'other.csv']

    A second writer fails at once:

    >>> with replace_directory(out) as tmp:
    ...     with replace_directory(out) as tmp2:
    ...         pass
    Traceback (most recent call last):
    ...
    exposure._outdir.RecomputeLockedError: another run (pid ...) is writing ...
    """
    out = check_output_dir(out, protect=protect)
    # the directories the lock file needs that do not exist yet (deepest first): a run that
    # fails before ``out`` exists removes them again, with its lock file (they were left)
    created = _missing_parents(out)
    with _lock(out) as lock_path:
        try:
            owned = frozenset(owned() if callable(owned) else owned)
            _check_carried(out, owned)
            _cleanup_stale(out)
            try:
                tmp = _make_tmp(out)
            except OSError as exc:
                raise OutputPathError(
                    f"cannot create a temporary directory beside {out}: {exc.strerror or exc}"
                ) from exc
            try:
                yield tmp
                _commit(tmp, out, owned)
            except BaseException:
                _remove_tree(tmp)
                raise
        except BaseException:
            if not (out.exists() or out.is_symlink()):
                _drop_lock_file(lock_path, created)
            raise
        if drop_lock:
            _drop_lock_file(lock_path, [])


def _missing_parents(out: Path) -> list[Path]:
    """The ancestors of ``out`` that do not exist yet, deepest first.

    Examples
    --------
    >>> [p.name for p in _missing_parents(Path("/nonexistent/a/out"))]
    ['a', 'nonexistent']
    """
    missing = []
    for parent in out.parents:
        if parent.exists() or parent.is_symlink():
            break
        missing.append(parent)
    return missing


def _drop_lock_file(lock_path: Path, created: list[Path]) -> None:
    """Remove the lock file of a run that wrote nothing, and the directories made for it.

    Called while the lock is held: a run that opened the file meanwhile finds, once it
    holds the lock, that the path no longer names the file it locked, and takes it again
    (see :func:`_lock`). A directory that another process filled meanwhile stays.
    """
    with contextlib.suppress(OSError):
        lock_path.unlink()
    for path in created:  # deepest first
        with contextlib.suppress(OSError):
            path.rmdir()


def previous_files_note(out) -> str:
    """What an error after a failed :func:`replace_directory` of ``out`` says of its old contents.

    A failed block leaves ``out`` as it was: its previous files untouched, or, when there
    were none (``out`` did not exist, or was empty), nothing written and nothing left
    behind (the message spoke of "the previous files in out" of a directory that did not
    exist before). Called after the failure, on the error path.

    Parameters
    ----------
    out : str or os.PathLike
        The output directory.

    Returns
    -------
    str
        ``"the previous files in OUT are untouched"`` or ``"nothing was written to OUT (no
        partial output left)"``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "roll"
    >>> previous_files_note(out) == f"nothing was written to {out} (no partial output left)"
    True
    >>> out.mkdir(); _ = (out / "occupations.parquet").write_bytes(b"")
    >>> previous_files_note(out) == f"the previous files in {out} are untouched"
    True
    """
    out = Path(out)
    try:
        held = out.is_dir() and next(os.scandir(out), None) is not None
    except OSError:  # cannot tell: say what holds when there were files
        held = True
    if held:
        return f"the previous files in {out} are untouched"
    return f"nothing was written to {out} (no partial output left)"


def files_snapshot(out) -> dict[str, tuple[int, int, int]]:
    """The files of the directory ``out`` now, by name: ``(device, inode, mtime_ns)`` of each.

    Taken before a command writes its files into ``out`` (:func:`check_files_dir`), so
    that :func:`written_note` can tell which of them it replaced. A directory that does not
    exist or cannot be listed has none. A symbolic link to a file is taken as the file it
    points to: a report name that was such a link (written through by
    :func:`exposure._io.atomic_path` and :func:`exposure._io.atomic_paths`) was left out of the note.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.csv").write_text("x")
    >>> list(files_snapshot(d)), files_snapshot(d / "none")
    (['a.csv'], {})
    """
    found = {}
    try:
        with os.scandir(out) as entries:
            for entry in entries:
                with contextlib.suppress(OSError):
                    if entry.is_file():  # a link to a file: the file, written through
                        st = entry.stat()
                        found[entry.name] = (st.st_dev, st.st_ino, st.st_mtime_ns)
    except OSError:
        pass
    return found


def written_note(out, before: dict[str, tuple[int, int, int]]) -> str:
    """Where a command wrote its files, for its last line: ``out`` (absolute when relative), and what it replaced.

    The reports of ``exposure compare``, ``outcomes`` and ``report`` go to
    ``data/processed/reports`` of the current directory by default: the summary said ``to
    data/processed/reports``, without saying under which directory, and files of an earlier
    run there (the shipped reports, in a source checkout) were replaced without a word.
    What was there is not known to be an earlier run's: ``exposure evaluate --out
    my_tasks.csv`` replaced the user's own task file, and was told ``it replaced 1 file of an
    earlier run there (my_tasks.csv)``; the note says what is known, that the file was there.
    Files of ``before`` that are gone are said to be gone (``exposure outcomes
    --no-figures`` removes the figures of an earlier run, which the note did not say). A
    ``..`` after a symbolic link is read as the system reads it (:func:`real_path`):
    ``-o data/../reports``, ``data`` a link to ``/scratch/me/data``, was said to be
    ``./reports``, where the files were not.

    Parameters
    ----------
    out : str or os.PathLike
        The output directory.
    before : dict
        :func:`files_snapshot` of ``out`` taken before the command wrote.

    Returns
    -------
    str
        ``"data/processed/reports (/home/me/data/processed/reports); it replaced 8 files
        that were there before (a.csv, b.csv, c.csv, ...); 2 files that were there before are
        gone (d.png, e.png)"``; one file: ``"...; it replaced a.csv, a file that was there
        before"``, ``"...; d.png, a file that was there before, is gone"``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.csv").write_text("x")
    >>> before = files_snapshot(d)
    >>> (d / "a.csv").unlink(); _ = (d / "a.csv").write_text("y")
    >>> written_note(d, before) == f"{d}; it replaced a.csv, a file that was there before"
    True
    >>> (d / "a.csv").unlink()
    >>> written_note(d, before) == f"{d}; a.csv, a file that was there before, is gone"
    True
    """
    text = os.fspath(out)
    if not os.path.isabs(text):  # "data/../reports", data a link: beside the link's target (real_path)
        text += f" ({real_path(text) if '..' in Path(text).parts else os.path.abspath(text)})"
    now = files_snapshot(out)
    replaced = sorted(name for name, stamp in before.items() if name in now and now[name] != stamp)
    # exposure outcomes --no-figures removes the figures of an earlier run: said nowhere
    removed = sorted(name for name in before if name not in now)
    shown = ", ".join(replaced[:3]) + (", ..." if len(replaced) > 3 else "")
    if len(replaced) == 1:  # "of an earlier run": evaluate --out my_tasks.csv replaced the user's own file
        text += f"; it replaced {shown}, a file that was there before"
    elif replaced:
        text += f"; it replaced {len(replaced)} files that were there before ({shown})"
    # gone, whoever removed them (the run, or another program meanwhile in a shared folder)
    shown = ", ".join(removed[:3]) + (", ..." if len(removed) > 3 else "")
    if len(removed) == 1:
        text += f"; {shown}, a file that was there before, is gone"
    elif removed:
        text += f"; {len(removed)} files that were there before are gone ({shown})"
    return text


def pause(point: str) -> None:
    """Test hook: sleep at ``point`` when ``EXPOSURE_PIPELINE_PAUSE`` asks for it.

    When the variable is ``<point>:<flag file>``, create the flag file (holding the
    process id) and sleep (``EXPOSURE_PIPELINE_PAUSE_SECONDS``, default 120) so that a
    test can kill the process at ``point``.

    Parameters
    ----------
    point : str
        Name of the place in the code, e.g. ``"before_swap"``.

    Examples
    --------
    >>> import os, tempfile, pathlib
    >>> flag = pathlib.Path(tempfile.mkdtemp()) / "flag"
    >>> os.environ.update({PAUSE_ENV: f"here:{flag}", PAUSE_ENV + "_SECONDS": "0"})
    >>> pause("elsewhere"); flag.exists()
    False
    >>> pause("here"); flag.read_text() == str(os.getpid())
    True
    >>> del os.environ[PAUSE_ENV], os.environ[PAUSE_ENV + "_SECONDS"]
    """
    name, _, flag = os.environ.get(PAUSE_ENV, "").partition(":")
    if name != point:
        return
    if flag:
        Path(flag).write_text(str(os.getpid()))
    log.warning("%s: pausing at %s", PAUSE_ENV, point)
    time.sleep(float(os.environ.get(PAUSE_ENV + "_SECONDS", "120")))


# --------------------------------------------------------------------------- lock


def _lock_path(out: Path) -> Path:
    return out.parent / f".exposure-{out.name}.lock"


def _running_command() -> str:
    """What this process runs, for the lock file: ``exposure rollup``, else the program's name.

    Examples
    --------
    >>> isinstance(_running_command(), str)
    True
    """
    argv = [a for a in sys.argv if isinstance(a, str)]
    path = Path(argv[0]) if argv and argv[0] else Path("python")
    name = path.name
    if name == "__main__.py":  # python -m PACKAGE: the package (exposure for exposure.cli)
        name = "exposure" if path.parent.name == "cli" and path.parent.parent.name == "exposure" else path.parent.name
    if name == "exposure" and len(argv) > 1 and not argv[1].startswith("-"):
        return f"exposure {argv[1]}"[:64]
    return name[:64] or "python"


@contextlib.contextmanager
def _lock(out: Path, _attempt: int = 0) -> Iterator[Path]:
    """Hold an exclusive, non-blocking :func:`fcntl.flock` on the lock file of ``out``.

    A file system that does not lock files (NFS without its lock service: ``ENOLCK``;
    Lustre mounted without ``flock``: ``ENOSYS``) is an :class:`OutputPathError` naming
    the lock file, which is removed again with the folders made for it: a bare ``OSError:
    [Errno 37] No locks available`` naming nothing, the lock file and its folders left.
    """
    path = _lock_path(out)
    made, fresh = _missing_parents(out), not os.path.lexists(path)
    odd = _odd_lock_file(path)
    if odd:
        raise OutputPathError(f"cannot use the lock file {path} for {out}: it is {odd}, where exposure makes an empty "
                              "lock file; remove it, or write to another directory")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd = _open_lock_file(path)
    except OSError as exc:
        raise OutputPathError(
            f"cannot create the lock file {path} for {out}: {exc.strerror or exc}; {_lock_advice(out, exc)}"
        ) from exc
    writable = _writable_fd(fd)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                if fresh:
                    _drop_lock_file(path, made)
                raise OutputPathError(
                    f"cannot lock {path} for {out}: {exc.strerror or exc} (its file system does not lock "
                    "files, as some NFS and Lustre mounts do not), so a second run writing it at once "
                    "would not be stopped; write to a directory on a file system with locks (a local disk)"
                ) from exc
            readers = _readers_only(fd)
            # the shared lock taken: nothing may hold the file now (a writer that let go since the
            # exclusive lock was refused was called "another run (such as exposure diff) is reading")
            if not (readers and _exclusive_again(fd)):
                if readers:  # exposure diff reading it (read_lock): "pid unknown ... is writing"
                    raise RecomputeLockedError(
                        f"another run (such as exposure diff) is reading {out}; lock file {path} is held. Wait "
                        "for it to finish or write to another directory") from None
                # rollup and diff take this lock too: "another recompute" and "--out" misled
                raise RecomputeLockedError(
                    f"another run{_holder(fd)} is writing {out}; lock file "
                    f"{path} is held. Wait for it to finish or write to another directory"
                ) from None
        if not _same_file(fd, path):
            # a run that wrote nothing removed the file while holding it (_drop_lock_file):
            # this lock is of a file no other run can see; take the lock of the path again
            if _attempt >= 10:
                raise RecomputeLockedError(f"the lock file {path} of {out} kept being removed by other "
                                           "runs; wait for them to finish or write to another directory")
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
            fd = -1
            with _lock(out, _attempt + 1) as again:
                yield again
            return
        if writable:  # another user's lock file is locked, not written: no holder named
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()} {_running_command()}\n".encode(errors="replace"), 0)
        try:
            yield path
        finally:
            if writable:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        if fd >= 0:
            os.close(fd)


def _lock_advice(out: Path, exc: OSError) -> str:
    """What to do when the lock file of ``out`` cannot be created (``exc``): the end of the message.

    An existing ``out`` of this user's, in a folder this user may not write (a directory of
    one's own in a shared project folder), was answered ``is the parent directory
    writable?``: it is not, and need not be made so. ``out`` is replaced as a whole, by a
    new directory made beside it, so a directory inside ``out`` is what can be written.

    Examples
    --------
    >>> import errno
    >>> _lock_advice(Path("/nonexistent/out"), OSError(errno.EACCES, "Permission denied"))
    'is the parent directory writable?'
    """
    try:
        own = (exc.errno in (errno.EACCES, errno.EPERM) and out.is_dir() and not out.is_symlink()
               and os.access(out, os.W_OK | os.X_OK))
    except OSError:
        own = False
    if not own:
        return "is the parent directory writable?"
    return (f"{out} is replaced as a whole, by a new directory made beside it, with its lock file, in "
            f"{out.parent}, which this user may not write: write into a directory inside {out} (such as "
            f"{out / 'results'}), or ask for write access to {out.parent}")


def _open_lock_file(path: Path) -> int:
    """Open (or create) the lock file ``path`` for :func:`_lock`; read-only if it is another user's.

    A lock file left by another user's run (root's, in a shared folder) cannot be opened
    for writing: the run failed with ``cannot create the lock file ...: Permission denied;
    is the parent directory writable?``, although it was. :func:`fcntl.flock` needs no
    write access, so such a file is locked as it is (opened without ``O_CREAT``: in a
    sticky folder such as ``/tmp`` the system refuses even that on another's file).
    """
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except PermissionError:
        if not os.path.isfile(path):
            raise
        return os.open(path, os.O_RDONLY)


def _odd_lock_file(path: Path) -> str:
    """What the lock file ``path`` is when it is no regular file: ``"a directory"``; ``""`` when it is one, or is missing.

    A directory there was refused ``cannot create the lock file ...: Is a directory; is the
    parent directory writable?`` (it was), a symbolic link to nothing ``No such file or
    directory; is the parent directory writable?``; a named pipe was a bare ``OSError:
    [Errno 22] Invalid argument`` once locked, and hung a reader (:func:`read_lock`) that
    opened it, waiting for a writer of the pipe.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _odd_lock_file(d), _odd_lock_file(d / "missing.lock")
    ('a directory', '')
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if not os.path.islink(path):
            return ""
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return f"a symbolic link to {target}, which does not exist"
    except OSError:  # a loop of links, no permission: said where it is opened
        return ""
    if stat.S_ISREG(mode):
        return ""
    return "a directory" if stat.S_ISDIR(mode) else "a special file (a named pipe, device or socket)"


def _writable_fd(fd: int) -> bool:
    """Whether the file descriptor ``fd`` was opened for writing."""
    return os.O_RDONLY != fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE


def _holder(fd: int) -> str:
    """Who holds the exclusive lock of ``fd``'s file, as said after "another run": ``" (pid 123: exposure rollup)"``.

    The holder writes its pid and command into the lock file once it holds the lock, and
    empties it before letting go: a writer or reader refused in between (or by a run that
    cannot write another user's lock file) read an empty file and said ``another run (pid
    unknown) is writing``. The pid is then the kernel's (``/proc/locks``, on Linux); ``""``
    where neither names it.
    """
    try:
        holder = os.pread(fd, 256, 0).decode(errors="replace").strip()
    except OSError:
        holder = ""
    pid, _, what = holder.partition(" ")
    pid = pid or _locking_pid(fd)
    return f" (pid {pid}{': ' + what if what else ''})" if pid else ""


def _locking_pid(fd: int) -> str:
    """The pid (as text) of the process whose exclusive :func:`fcntl.flock` holds ``fd``'s file, per ``/proc/locks``; ``""`` unknown.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryFile() as fh:
    ...     fcntl.flock(fh, fcntl.LOCK_EX)
    ...     _locking_pid(fh.fileno()) in (str(os.getpid()), "")  # "" where there is no /proc
    True
    """
    try:
        st = os.fstat(fd)
        with open("/proc/locks", encoding="ascii", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:  # no /proc (macOS): the pid is not known
        return ""
    # "1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF" (a waiter's line has "->" after the number)
    device = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    for line in lines:
        fields = line.split()
        if fields[1:4] == ["FLOCK", "ADVISORY", "WRITE"] and fields[5:6] == [device] and fields[4].isdigit():
            return fields[4] if fields[4] != "0" else ""
    return ""


def _readers_only(fd: int) -> bool:
    """Whether the lock of ``fd``'s file, which an exclusive lock was refused, is held by readers only.

    :func:`read_lock` holds a shared lock, which writes no holder into the file: the
    writer refused said ``another run (pid unknown) is writing``. A shared lock taken
    (and at once released) here means no writer holds it.
    """
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return False
    fcntl.flock(fd, fcntl.LOCK_UN)
    return True


def _exclusive_again(fd: int) -> bool:
    """Try the exclusive lock of ``fd``'s file once more, after :func:`_readers_only` took its shared lock.

    The writer refused the lock may have let go between the refusal and the probe: the
    shared lock was then taken with nothing holding the file, and the run was told
    ``another run (such as exposure diff) is reading``. True when the lock is now held
    (the run goes on); False when a reader, or a writer that came meanwhile, holds it.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryFile() as fh:
    ...     _exclusive_again(fh.fileno())
    True
    """
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return False
        raise
    return True


@contextlib.contextmanager
def read_lock(directory, _attempt: int = 0) -> Iterator[Path]:
    """Hold a shared lock on ``directory`` while its files are read, so that no run replaces it meanwhile.

    :func:`replace_directory` holds an exclusive :func:`fcntl.flock` on the lock file
    beside the directory (``.exposure-<name>.lock``) while it writes and swaps the new
    contents in. A reader that took no lock (``exposure diff`` of an output that
    ``exposure recompute`` was replacing) read some tables of the previous contents and
    some of the new: a diff of a mix of two runs, written without a word, or a table
    called damaged (``cannot read this Parquet file``) that was not. Within the block a
    shared lock (non-blocking) is held: a writer of ``directory`` is refused at once
    (:class:`RecomputeLockedError`, ``another run (such as exposure diff) is reading``),
    and a writer already holding it refuses the reader. Several readers may hold it.

    The lock file is not made where it is missing (a directory no writer of exposure has
    written: nothing is left beside what is only read); there, and where it cannot be
    opened or locked (a file system without locks, where no writer of exposure runs), the
    block runs unlocked. In every case the directory must still be the one it was when
    the block began (a swap by a writer that started meanwhile, a rename by any
    program): else the block's reading was of two directories, refused
    (also when the block failed: a table swapped under its reader was called damaged).
    A ``directory`` that is not a directory is not locked (its reader names it).

    Parameters
    ----------
    directory : str or os.PathLike
        The directory read (a symbolic link is followed, as :func:`replace_directory`
        follows it, so that both take the same lock file).

    Yields
    ------
    pathlib.Path
        The lock file (whether locked or not).

    Raises
    ------
    RecomputeLockedError
        A run is writing ``directory`` now (``<directory>: another run ... is writing``),
        or it was replaced while the block read it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "results"
    >>> out.mkdir()
    >>> with replace_directory(out):
    ...     with read_lock(out):
    ...         pass  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.RecomputeLockedError: .../results: another run (pid ...) is writing this directory now (lock file .../.exposure-results.lock is held), so its files would be read part before and part after the run replaces them; wait for it to finish, then read it again
    >>> with read_lock(out):
    ...     with replace_directory(out):
    ...         pass  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.RecomputeLockedError: another run (such as exposure diff) is reading .../results; ...
    """
    if not os.path.isdir(directory):
        yield Path(directory)
        return
    out = _absolute(directory)
    path = _lock_path(out)
    try:
        before = os.stat(out)
    except OSError:  # gone since: named by its reader
        yield path
        return
    try:
        # opened, not made: a reader leaves nothing beside what it reads (without the file no
        # writer has run there; one that starts meanwhile is caught by the check below); a
        # lock file that is no regular file is refused by every writer (a named pipe hung here)
        fd = os.open(path, os.O_RDONLY) if not _odd_lock_file(path) else -1  # another user's is locked as it is
    except OSError:
        fd = -1
    try:
        if fd >= 0:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    os.close(fd)  # a file system without locks: no writer of exposure runs there
                    fd = -1
                else:
                    raise RecomputeLockedError(
                        f"{out}: another run{_holder(fd)} is writing this directory "
                        f"now (lock file {path} is held), so its files would be read part before and part after "
                        "the run replaces them; wait for it to finish, then read it again") from None
            if fd >= 0 and not _same_file(fd, path) and _attempt < 10:
                # removed by a writer that wrote nothing (_drop_lock_file): take the path's lock again
                os.close(fd)
                fd = -1
                with read_lock(directory, _attempt + 1) as again:
                    yield again
                return
        try:
            yield path
        except Exception as exc:  # a table "damaged" because it was swapped under its reader: say so
            if _replaced(out, before):
                raise _replaced_error(out) from exc
            raise
        if _replaced(out, before):
            raise _replaced_error(out)
    finally:
        if fd >= 0:
            os.close(fd)  # releases the lock


def _replaced(out: Path, before: os.stat_result) -> bool:
    """Whether ``out`` no longer names the directory ``before`` was taken of (or names nothing)."""
    try:
        after = os.stat(out)
    except OSError:
        return True
    return (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino)


def _replaced_error(out: Path) -> RecomputeLockedError:
    """The error of :func:`read_lock` for a directory replaced while it was read."""
    return RecomputeLockedError(f"{out}: this directory was replaced (or moved) while it was read, so what was read "
                                "may mix its previous and its new files; read it again once nothing writes it")


def _same_file(fd: int, path: Path) -> bool:
    """Whether ``path`` still names the open file ``fd``."""
    try:
        held, now = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino)


# --------------------------------------------------------------------------- temporary


def _tmp_prefix(out: Path) -> str:
    return f".{out.name}."


def _is_own_tmp(out: Path, name: str) -> bool:
    """Whether ``name`` is a temporary (or backup) directory of ``out`` itself.

    Exactly what :func:`_make_tmp` and :func:`_commit` create: ``.<name>.<8 random
    characters>.tmp`` and ``.<name>.old-<8 random characters>.tmp``. A looser match would
    take the live temporary directory of ``results.v2`` (``.results.v2.<random>.tmp``) for
    a stale one of ``results``, or a user's ``.results.my-notes.tmp``.

    Examples
    --------
    >>> [_is_own_tmp(Path("results"), n) for n in (".results.k2x_9abc.tmp", ".results.old-k2x_9abc.tmp",
    ...  ".results.v2.k2x_9abc.tmp", ".results.my-notes.tmp", ".results.v2.old-keep.tmp")]
    [True, True, False, False, False]
    """
    return re.fullmatch(re.escape(_tmp_prefix(out)) + r"(?:old-)?[a-z0-9_]{8}\.tmp", name) is not None


def _make_tmp(out: Path) -> Path:
    """A fresh hidden directory beside ``out``, with the permissions of a normal mkdir."""
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=_tmp_prefix(out), suffix=".tmp"))
    # mkdtemp makes the directory 0700; the swapped-in output gets normal permissions, and
    # keeps the set-group-ID bit that a folder with it (a team's, chmod g+s) gives its new
    # directories, as mkdir does: without it what is made in the output later took its
    # writer's own group
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask | os.stat(tmp).st_mode & stat.S_ISGID)
    return tmp


def _cleanup_stale(out: Path) -> None:
    """Under the lock: restore an interrupted fallback swap, drop stale temp dirs."""
    parent = out.parent
    if not parent.is_dir():
        return
    stale = sorted(p for p in parent.iterdir() if _is_own_tmp(out, p.name))
    if not out.exists():
        backups = [p for p in stale if ".old-" in p.name and p.is_dir()]
        if backups:
            log.warning("restoring %s from interrupted swap %s", out, backups[-1])
            os.rename(backups[-1], out)
            stale.remove(backups[-1])
    for path in stale:
        log.info("removing stale temporary directory %s", path)
        if path.is_dir() and not path.is_symlink():
            _remove_tree(path)
        else:
            path.unlink(missing_ok=True)


def _check_carried(out: Path, owned: frozenset[str]) -> None:
    """Refuse, before the run, an entry of ``out`` that the swap must carry over but cannot.

    Entries of the old ``out`` that the writer does not own are linked (or copied) into
    the new directory (:func:`_commit`): a file of another user that this user may not
    read (nor link: ``fs.protected_hardlinks``), or a folder it may not list, failed the
    swap with a bare ``PermissionError`` after the whole computation. A folder of another
    user that this user may not write, and that holds entries, is refused too: its copy
    was made, but its entries could not be removed from the previous directory after the
    swap, which was left beside ``out`` as a hidden ``.<name>.<random>.tmp`` that no later
    run could remove either (a colleague's ``reports/`` of ``exposure diff`` in a team's
    output directory); so is an ``out`` of another user that this user may not write.

    Raises
    ------
    OutputPathError
        Naming the entry.
    """
    if not out.is_dir():
        return

    def refuse(path: str, exc: OSError | None = None) -> OutputPathError:
        why = (exc.strerror if exc is not None and exc.strerror else "permission denied").lower()
        return OutputPathError(f"cannot carry {path} over into the new {out}: {why} (another user's file "
                               "this user may not read); move or remove it, or write to another directory")

    def stuck(path: str, found: list) -> bool:
        # the previous contents are removed after the swap: not those of another's folder
        # this user may not write (a folder of its own is made writable first: _remove_tree)
        return bool(found) and os.stat(path).st_uid != os.geteuid() and not os.access(path, os.W_OK | os.X_OK)

    def walk(folder: str) -> None:
        try:
            with os.scandir(folder) as entries:
                found = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            raise refuse(folder, exc) from None
        if stuck(folder, found):
            what = (f"refusing to replace {out}: it is another user's directory" if folder == str(out)
                    else f"cannot carry {folder} over into the new {out}: it is another user's folder")
            raise OutputPathError(
                f"{what} this user may not write, so its files could not be removed from the previous contents "
                f"after the swap (they would be left in a hidden directory beside {out}); ask its owner to move "
                "it, or write to another directory")
        for entry in found:
            if folder == str(out) and entry.name in owned:
                continue
            if entry.is_symlink():  # the link itself is copied
                continue
            if entry.is_dir():
                walk(entry.path)
            elif (entry.stat().st_uid != os.geteuid() and not os.access(entry.path, os.R_OK)):
                raise refuse(entry.path)

    walk(str(out))


def _remove_tree(path: Path) -> None:
    """Remove the directory tree ``path``, read-only folders in it included, as far as allowed.

    The previous contents of a read-only (``0555``) output, or a failed run's temporary
    directory that took that mode, kept their entries under :func:`shutil.rmtree` with
    ``ignore_errors``: a hidden ``.<name>.<random>.tmp`` was left beside the output. The
    folders this user owns are made writable first.
    """
    shutil.rmtree(path, ignore_errors=True)
    if not os.path.isdir(path) or os.path.islink(path):
        return

    def open_up(folder: str) -> None:
        with contextlib.suppress(OSError):
            os.chmod(folder, stat.S_IMODE(os.lstat(folder).st_mode) | stat.S_IRWXU)
        try:
            with os.scandir(folder) as entries:
                subfolders = [e.path for e in entries if e.is_dir(follow_symlinks=False)]
        except OSError:
            return
        for sub in subfolders:
            open_up(sub)

    open_up(os.fspath(path))
    shutil.rmtree(path, ignore_errors=True)


# --------------------------------------------------------------------------- swap

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange directories ``a`` and ``b``; False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    rc = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _link_tree(src: Path, dst: Path, dev: int | None = None) -> None:
    """Copy ``src`` (file or directory) to ``dst`` using hard links where possible.

    Never descends into another file system than ``dev`` (that of the first ``src``).
    What is made anew (a folder, a symbolic link, a file copied where it cannot be
    linked) keeps the owner of the original where allowed, as the output directory itself
    does (:func:`_commit`): a run as root (a container writing into a user's folder)
    left the carried ``reports/`` owned by root, so that its owner could no longer
    write into it.
    """
    st = os.lstat(src)
    dev = st.st_dev if dev is None else dev
    if src.is_symlink():
        os.symlink(os.readlink(src), dst)
    elif src.is_dir():
        if st.st_dev != dev or os.path.ismount(src):
            raise OutputPathError(f"refusing to copy {src}: another file system is mounted there")
        dst.mkdir()
        _keep_owner(dst, st)
        for child in sorted(src.iterdir()):
            _link_tree(child, dst / child.name, dev)
        shutil.copystat(src, dst)  # last: a read-only folder refused its entries
        return
    else:
        try:
            os.link(src, dst)
            return  # the same file, owner and all
        except OSError:
            shutil.copy2(src, dst)
    _keep_owner(dst, st)


def _keep_owner(path: Path, st: os.stat_result) -> None:
    """Give ``path`` (not followed, if a link) the owner and group of ``st``, where allowed."""
    with contextlib.suppress(OSError):
        now = os.lstat(path)
        if (st.st_uid, st.st_gid) != (now.st_uid, now.st_gid):
            os.chown(path, st.st_uid, st.st_gid, follow_symlinks=False)


def _merge_late(old: Path, new: Path, owned: frozenset[str] = frozenset()) -> None:
    """Move foreign files that appeared or changed in ``old`` into ``new``.

    They appeared after the old entries were linked into ``new`` (e.g. a report written
    by another command during the swap).
    """
    for child in sorted(old.iterdir()):
        if child.name in owned:
            continue
        target = new / child.name
        if child.is_dir() and not child.is_symlink():
            if not target.exists():
                os.rename(child, target)
            elif target.is_dir():
                _merge_late(child, target)
        elif not target.exists() or (
            not target.is_dir() and os.stat(child).st_ino != os.stat(target).st_ino
            and child.stat().st_mtime_ns > target.stat().st_mtime_ns
        ):
            os.replace(child, target)


def _swapped(tmp: Path, out: Path) -> bool:
    """:func:`_exchange` of ``tmp`` and ``out``, and its record (:func:`exposure._io.record_written`) if it was made."""
    with signals_held():  # a signal between the two: the new contents were said not to be written
        if not _exchange(tmp, out):
            return False
        record_written(out)
    return True


def _commit(tmp: Path, out: Path, owned: frozenset[str]) -> None:
    """Make the contents of ``tmp`` the contents of ``out`` in one step."""
    if out.exists():
        if not out.is_dir():
            raise OutputPathError(f"output path {out} exists and is not a directory")
        st = out.stat()
        for entry in sorted(out.iterdir()):
            if entry.name in owned or (tmp / entry.name).exists():
                continue
            _link_tree(entry, tmp / entry.name)
        # the new directory takes the old one's permissions (a private 0700 output stays
        # private) and, where allowed, its owner; last: a read-only 0555 output made the
        # linking above fail (a PermissionError after the whole run)
        with contextlib.suppress(OSError):
            if (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
                os.chown(tmp, st.st_uid, st.st_gid)
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
    _fsync_dir(tmp)
    pause("before_swap")
    raise_received()  # a Ctrl-C or SIGTERM that a finalizer swallowed: the output stays
    if not out.exists():
        with signals_held():  # the swap and its record (a signal between them: "previous outputs untouched")
            os.rename(tmp, out)
            record_written(out)
        pause("after_swap")
    elif _swapped(tmp, out):
        # ``tmp`` now holds the previous outputs.
        pause("after_swap")
        with signals_held():  # foreign files that came during the swap are carried, not lost with tmp
            _merge_late(tmp, out, owned)
        _remove_tree(tmp)
    else:
        backup = Path(tempfile.mkdtemp(dir=out.parent, prefix=f"{_tmp_prefix(out)}old-",
                                       suffix=".tmp"))
        backup.rmdir()
        os.rename(out, backup)
        swapped = False
        try:
            pause("fallback_swap")
            with signals_held():  # the rename and its record (a signal between them: "previous outputs untouched")
                os.rename(tmp, out)
                record_written(out)
                swapped = True
            pause("after_swap")
        finally:
            if not swapped:
                # a SIGTERM or an error between the two renames: the previous contents go back
                # at once (``out`` stayed missing until the next run, and the error said that
                # nothing had been written to it)
                with contextlib.suppress(OSError):
                    os.rename(backup, out)
            else:
                # also after a signal once the new contents are in place: the backup of the
                # previous ones was left beside ``out`` (``.results.XXXXXXXXold-....tmp``)
                with signals_held():
                    _merge_late(backup, out, owned)
                    _remove_tree(backup)
    _fsync_dir(out.parent)
