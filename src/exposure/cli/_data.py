"""``exposure sources`` and ``exposure fetch``: the source registry and the local cache."""

from __future__ import annotations

import argparse
import math
import sys
import threading
from pathlib import Path

from exposure import fetch as _fetch
from exposure import sources as _sources
from exposure.cli import COMMAND_HELP, add_location_options
from exposure.errors import ExposureError
from exposure.releases import LOCK_NAME, Lock, download_named, releases_frame
from exposure.sources import Source, select_sources, sources_markdown

__all__ = ["register", "run_sources", "run_fetch"]


def _seconds(text: str) -> float:
    """Type of ``--timeout``/``--deadline``: a positive, finite number of seconds a socket takes.

    At most :data:`threading.TIMEOUT_MAX` (about 292 years), the longest timeout a socket
    is given: ``--timeout 1e10 --deadline 1e10`` (a "no limit" written as a big number) was
    accepted, and the download raised ``OverflowError: timestamp out of range for platform
    time_t`` from inside the socket (a traceback).

    Examples
    --------
    >>> _seconds("2.5")
    2.5
    >>> _seconds("0")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: expected a positive, finite number of seconds, got '0'
    >>> _seconds("1e10")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: expected at most 9223372036 seconds (about 292 years, the longest a socket waits), got '1e10'
    """
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(
            f"expected a positive, finite number of seconds, got {text!r}")
    if value > threading.TIMEOUT_MAX:
        raise argparse.ArgumentTypeError(
            f"expected at most {threading.TIMEOUT_MAX:.0f} seconds (about "
            f"{threading.TIMEOUT_MAX / (365.25 * 86400):.0f} years, the longest a socket waits), got {text!r}")
    return value


def _retries(text: str) -> int:
    """Type of ``--retries``: retries after the first attempt, 0 or more.

    Examples
    --------
    >>> _retries("0")
    0
    >>> _retries("-1")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: expected a whole number of retries, 0 or more, got '-1'
    """
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of retries, 0 or more, got {text!r}")
    return value


def register(subparsers) -> None:
    """Add the ``sources`` and ``fetch`` sub-commands.

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="exposure")
    >>> register(parser.add_subparsers(dest="command"))
    >>> args = parser.parse_args(["fetch", "--mirror", "m", "onet/29.1"])
    >>> args.mirror, args.names, args.func.__name__
    ('m', ['onet/29.1'], 'run_fetch')
    """
    p = subparsers.add_parser(
        "sources",
        help=COMMAND_HELP["sources"],
        description="List the pinned upstream files and their state in the local cache "
        "(missing / verified / mismatch).",
    )
    p.add_argument(
        "names", nargs="*", metavar="NAME",
        help="registry names, directory prefixes (onet/29.1), kinds (oews) or globs, or "
        "names, prefixes (onet/31.0) or globs of files your lock file pins (exposure.lock in "
        "$EXPOSURE_HOME)",
    )
    add_location_options(p, mirror=False)
    p.add_argument(
        "--format", choices=("table", "tsv", "markdown"), default="table",
        help="output format (markdown: the docs table of names, releases, licences, URLs)",
    )
    p.add_argument(
        "--releases", action="store_true",
        help="list the O*NET and OEWS releases the package pins and the files your lock "
        "file (exposure.lock in $EXPOSURE_HOME) pins",
    )
    p.add_argument(
        "--rehash", action="store_true",
        help="hash every cached file (even with a current verification stamp) and remove "
        "those with a wrong sha256, so that the next fetch gets them again",
    )
    p.set_defaults(func=run_sources)

    p = subparsers.add_parser(
        "fetch",
        help=COMMAND_HELP["fetch"],
        description="Copy (--mirror / $EXPOSURE_MIRROR) or download registry files into "
        "the cache, verifying each pinned sha256. Without NAME, fetch the whole registry.",
    )
    p.add_argument(
        "names", nargs="*", metavar="NAME",
        help="registry names, directory prefixes (onet/29.1), kinds (oews) or globs, or "
        "names, prefixes (onet/31.0) or globs of files your lock file pins (exposure.lock in "
        "$EXPOSURE_HOME)",
    )
    add_location_options(p)
    p.add_argument("--retries", type=_retries, default=None,
                   help=f"retries per download after the first attempt (default "
                   f"{_fetch.RETRIES})")
    p.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                   help="connect/read timeout, seconds")
    p.add_argument("--deadline", type=_seconds, default=None, metavar="SECONDS",
                   help=f"overall time limit per file, retries included (default "
                   f"{_fetch.DEADLINE:.0f})")
    p.set_defaults(func=run_fetch)


def _files(n: int) -> str:
    """``n`` with ``file`` or ``files``: ``exposure sources`` printed "1 files in ...".

    Examples
    --------
    >>> _files(1), _files(0), _files(88)
    ('1 file', '0 files', '88 files')
    """
    return f"{n} file" if n == 1 else f"{n} files"


def _human(size: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return str(size)  # pragma: no cover


def run_releases(fmt: str = "table") -> int:
    """Print the releases the package and the lock file pin, then the lock's entries.

    ``fmt`` is ``--format``: ``tsv`` and ``markdown`` print the releases alone, as a
    tab-separated or a markdown table (the option was ignored: the table was printed).
    The lock's own pins are counted and listed; a line that repeats a pin of the package
    (the package's pin is used, and :func:`exposure.releases.releases_frame` counts it as
    the package's) is named apart: it was counted as a pinned file of the lock.
    """
    lock = Lock(_fetch.default_home() / LOCK_NAME)
    frame = releases_frame(lock)
    if fmt in ("tsv", "markdown"):
        cells = [(r.kind, r.release, str(r.files), r.pinned_by, r.url) for r in frame.itertuples(index=False)]
        if fmt == "tsv":
            for r in [("kind", "release", "files", "pinned_by", "url"), *cells]:
                print("\t".join(r))
        else:
            print("| kind | release | files | pinned by | archive |\n|---|---|---|---|---|")
            for r in cells:
                print("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |")
        return 0
    header = ("KIND", "RELEASE", "FILES", "PINNED BY", "ARCHIVE")
    rows = [header] + [(r.kind, r.release, str(r.files), r.pinned_by, r.url)
                       for r in frame.itertuples(index=False)]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r[:4], widths)) + "  " + r[4])
    entries = lock.entries()
    # a line repeating a pin of the package (Lock.entries accepts it: the same pin) is the
    # package's, as releases_frame counts it: it was counted and listed as the lock's own
    registry = _sources.SOURCES  # read now: this module may first be imported while it is replaced
    own = {name: e for name, e in entries.items() if name not in registry}
    repeats = [name for name in entries if name in registry]
    print(f"\nlock file {lock.path}: "
          + (f"{len(own)} pinned file{'' if len(own) == 1 else 's'}" if own else "no pinned file yet"))
    for name, e in own.items():
        print(f"  {name}  {e['size']} bytes  sha256 {e['sha256']}")
    if repeats:
        print(f"  ({len(repeats)} line{' repeats a pin' if len(repeats) == 1 else 's repeat pins'} of the "
              f"package ({', '.join(repeats)}): the package's pin is used; the line"
              f"{'' if len(repeats) == 1 else 's'} may be deleted)")
    print("Any other O*NET release (MAJOR.MINOR) or OEWS May year is read from the "
          "publisher's layout and pinned there on first use.")
    return 0


def _refuse_downloads(names, lock: Lock) -> None:
    """Refuse a NAME that is a publisher's download, saying how it is read.

    ``exposure fetch ~/Downloads/db_30_1_excel.zip`` (or the zip's unzipped folder, BLS's
    ``oesm26nat.zip``) was an unknown source, with the advice to list the registry: the
    error now names the release and gives the command that reads the download from the
    data directory (:func:`exposure.releases.download_named`).

    Raises
    ------
    exposure.errors.ExposureError
        The first NAME that is a download.
    """
    for name in names or ():
        said = download_named(name, lock)
        if said:
            raise ExposureError(said)


def _chosen(names, data_dir=None) -> list[Source]:
    """The files ``exposure sources NAME...`` lists: registry matches, then lock-file pins.

    As for ``exposure fetch`` (:func:`exposure.fetch.select_fetchable`), a NAME may also
    be the name, a directory prefix (``onet/31.0``) or a glob of files of a new release that
    ``exposure recompute`` pinned in the lock file (``exposure.lock`` in $EXPOSURE_HOME).
    The lock file is read only for a NAME that is not a registry file's exact name, so that
    a listing of registry files does not depend on it; a prefix, kind or glob lists the
    lock's files it matches with the registry's (``onet/*/Task Statements*`` listed the
    registry's alone, leaving out a pinned ``onet/31.0/Task Statements.txt`` without a word).

    Parameters
    ----------
    names : list of str
        Registry names, directory prefixes, kinds or globs, or lock-file names.
    data_dir : str, optional
        The cache directory (``--data-dir``).

    Returns
    -------
    list of Source
        Registry entries in registry order, then the lock-file entries named.

    Raises
    ------
    exposure.errors.ExposureError
        A NAME neither the registry nor the lock file knows (with a suggestion).

    Examples
    --------
    >>> [s.name for s in _chosen(["onet/29.1/Job Zones.txt"])]
    ['onet/29.1/Job Zones.txt']
    """
    if all(name.strip() in _sources.SOURCES for name in names):  # none (the registry), or exact names
        return select_sources(names)
    store = _fetch.DataStore(cache=_fetch.resolve_data_dir(data_dir), home=_fetch.default_home())
    _refuse_downloads(names, store.lock)
    return _fetch.select_fetchable(names, store)


def run_sources(args) -> int:
    """List the registry with each file's cache state; exit 1 if any cached file is bad.

    A file whose state cannot be had (with ``--rehash``, a file with a wrong sha256 that
    cannot be removed: state ``not removed``; else ``error``) is listed, its error printed
    on stderr, and the others are still listed; the exit code is then 2. The first such
    file used to end the command, and the whole listing was lost.

    A file below a file that stands where one of its directories belongs (``onet/29.1`` a
    file) is ``blocked``, not ``missing``: exit 1, as for a directory where a file belongs.
    So is a file whose place holds a symbolic link to nothing (``broken link``: a drive not
    mounted), which ``exposure fetch`` refuses: it was ``missing``, exit 0.
    A file whose copy of the publisher's download in the data directory a read refuses (a
    changed ``db_31_0_text/Job Zones.txt``) is ``copy differs``, its error printed (exit 2):
    it was ``verified`` (:func:`_copy_agrees`).
    With ``--rehash`` a file with the wrong sha256 is removed (state ``removed``);
    ``--releases`` lists the known and pinned releases instead (:func:`run_releases`, in
    the ``--format`` asked for). A NAME may also be a file that the lock file pins (see
    :func:`_chosen`).

    Raises
    ------
    exposure.errors.ExposureError
        ``--releases`` with a NAME or ``--rehash``, or ``--rehash`` with ``--format
        markdown``: the NAMEs and ``--rehash`` were ignored without a word (exit 0,
        nothing hashed).
    """
    if getattr(args, "releases", False):
        if args.names:
            raise ExposureError(f"--releases lists every release: it takes no NAME (got {' '.join(args.names)!r}); "
                                "leave --releases out to list the files named")
        if args.rehash:
            raise ExposureError("--releases lists the releases and hashes nothing: give --rehash without "
                                "--releases")
        return run_releases(args.format)
    if args.rehash and args.format == "markdown":
        raise ExposureError("--format markdown lists the registry and hashes nothing: give --rehash without "
                            "--format markdown")
    chosen = _chosen(args.names, args.data_dir)
    if args.format == "markdown":
        sys.stdout.write(sources_markdown(chosen))
        return 0
    # a listing (no --rehash) writes nothing: a cache in the package was "refusing to write" it
    root = _fetch.check_cache_dir(_fetch.resolve_data_dir(args.data_dir), create=False, listing=not args.rehash)
    mirror = _mirror()
    rows, errors = [], 0
    for s in chosen:
        try:
            state = _fetch.cache_status(s, root, rehash=args.rehash, drop=args.rehash)  # "blocked" too
            if state in ("verified", "missing") and not _copy_agrees(s, root, mirror):
                errors += 1
                state = "copy differs"
        except ExposureError as exc:  # one file stopped the listing of all of them
            errors += 1
            removal = args.rehash and isinstance(exc, (_fetch.CacheWriteError, _fetch.ChecksumMismatchError))
            state = "not removed" if removal else "error"
            said = str(exc)
            if isinstance(exc, _fetch.ChecksumMismatchError):  # raised for a file of a mirror
                said = f"not removed: it is a file of a mirror (read-only to the library): {said}"
            if not said.startswith(s.name):
                said = f"{s.name}: {said}"
            print(f"exposure sources: error: {said}", file=sys.stderr)
        rows.append((s.name, s.kind, s.release, str(s.size), state,
                     "mirror-only" if s.mirror_only else s.licence))
    if args.format == "tsv":
        print("name\tkind\trelease\tsize\tstatus\tlicence")
        for r in rows:
            print("\t".join(r))
    else:
        header = ("NAME", "KIND", "RELEASE", "SIZE", "STATUS", "LICENCE")
        shown = [(r[0], r[1], r[2], _human(int(r[3])), r[4], r[5]) for r in rows]
        widths = [max(len(x[i]) for x in [header, *shown]) for i in range(5)]
        for r in [header, *shown]:
            print("  ".join(c.ljust(w) for c, w in zip(r[:5], widths)) + "  " + r[5])
        counts = {k: sum(r[4] == k for r in rows)
                  for k in ("verified", "missing", "mismatch", "removed", "unreadable", "not a file",
                            "broken link", "blocked", "not removed", "error", "copy differs")}
        removed = (f" ({counts['removed']} removed: fetch them again)" if counts["removed"]
                   else "")
        if _fetch.mirror_holding(root) is not None:
            removed += " (a mirror: read-only, nothing removed)"
        elif counts["mismatch"]:  # what to do was unsaid: the files are replaced by the next fetch
            removed += (" (exposure fetch replaces them with the pinned files; --rehash removes them "
                        "now)")
        # files that are neither missing nor hashed were left out of the counts
        if counts["unreadable"]:
            removed += f", {counts['unreadable']} unreadable"
        if counts["not a file"]:
            removed += (f", {counts['not a file']} not a file (remove it: a directory or special "
                        "file where the file belongs)")
        if counts["broken link"]:  # they were "missing" (exit 0), and exposure fetch refused them
            removed += (f", {counts['broken link']} a symbolic link to nothing (a drive not mounted, or the file "
                        "moved?): mount or restore what it points to, or remove the link, then fetch")
        if counts["blocked"]:
            removed += (f", {counts['blocked']} blocked (a file stands where their directory belongs: remove "
                        "that file, then fetch them)")
        if counts["not removed"]:
            removed += f", {counts['not removed']} could not be removed (see the errors above)"
        if counts["error"]:
            removed += f", {counts['error']} not checked (see the errors above)"
        if counts["copy differs"]:
            removed += (f", {counts['copy differs']} with your copy of the publisher's download in the data "
                        "directory refused (see the errors above)")
        print(
            f"\n{_files(len(rows))} in {root}: {counts['verified']} verified, "
            f"{counts['missing']} missing, "
            f"{counts['mismatch'] + counts['removed'] + counts['not removed']} with a "
            f"wrong sha256{removed}"
        )
        _say_mirror(chosen, root, counts["missing"])
    if errors:
        return 2
    return 1 if any(r[4] in ("mismatch", "removed", "unreadable", "not a file", "broken link", "blocked")
                    for r in rows) else 0


def _mirror() -> Path | None:
    """The mirror the commands read (``$EXPOSURE_MIRROR``), None when unset or unusable.

    A bad ``$EXPOSURE_MIRROR`` is said by the commands that read it, not by the listing.
    """
    try:
        return _fetch.resolve_mirror()
    except ExposureError:
        return None


def _copy_agrees(src: Source, root: Path, mirror: Path | None) -> bool:
    """Whether the publisher's download of ``src`` in the data directory ``root``, if any, is read as pinned.

    A copy of the release in the data directory (``db_31_0_text/``, ``db_31_0_text.zip``)
    holding other bytes than the pin (a corrected release put there, a file saved again by
    a spreadsheet) stops every read of the file (:func:`exposure.fetch.fetch`), while
    ``exposure sources`` listed it as ``verified`` (the cache's copy), exit 0. Its error,
    naming the copy and what to do, is printed (state ``copy differs``, exit 2). Nothing is
    looked at when the cache is the mirror (read in place, as the commands read it).
    """
    if not src.pinned or _fetch.mirror_holding(root, mirror, src) is not None:
        return True
    try:
        _fetch._check_publisher_copy(root, src, mirror)
    except ExposureError as exc:
        said = str(exc)
        print(f"exposure sources: error: {said if src.name in said else f'{src.name}: {said}'}", file=sys.stderr)
        return False
    return True


def _say_mirror(chosen, root, missing: int) -> None:
    """With ``$EXPOSURE_MIRROR`` set, say how many of the files missing from the cache it holds.

    The listing is of the cache: with a mirror set, every file showed ``missing`` although
    the commands read them from the mirror (a new user read it as data they lacked). Nothing
    is said when the cache listed is that mirror (or inside it), however its path is written
    (``--data-dir /abs/m`` with ``$EXPOSURE_MIRROR=m``, a symbolic link): the listing is then
    of the mirror itself, and the note counted its own verified files as "held" and said that
    `exposure fetch` copies them into the cache, which reads them in place.
    """
    if not missing:
        return
    try:
        mirror = _fetch.resolve_mirror()
    except ExposureError:  # a bad $EXPOSURE_MIRROR is said by the commands that read it
        return
    if mirror is None or _fetch.mirror_holding(root, mirror) is not None:
        return
    held = sum(1 for s in chosen if (mirror / s.name).is_file())
    print(f"$EXPOSURE_MIRROR ({mirror}) holds {held} of the {_files(len(chosen))}: the commands read them "
          f"from there (exposure fetch copies them into the cache)")


def run_fetch(args) -> int:
    """Fetch the selected files; print one line per failure; exit 2 if any failed.

    SIGTERM removes the partial file being written and exits with 143.
    """
    kwargs = {}
    if args.retries is not None:
        kwargs["retries"] = args.retries
    if args.timeout is not None:
        kwargs["timeout"] = args.timeout
    if args.deadline is not None:
        kwargs["deadline"] = args.deadline
    mirror = _fetch.resolve_mirror(args.mirror)
    root = _fetch.resolve_data_dir(args.data_dir)
    # registry entries, and the files a recompute pinned in exposure.lock (by exact name)
    store = _fetch.resolve_store(None, mirror=mirror, data_dir=root)
    _refuse_downloads(args.names, store.lock)
    chosen = _fetch.select_fetchable(args.names, store)
    holder = _fetch.mirror_holding(root, mirror)
    if holder is None:  # made by the first file fetched: a run that fetched none left it behind, empty
        _fetch.check_cache_dir(root, create=False)
    try:
        fetched, errors = _fetch.fetch_many([s.name for s in chosen], mirror=mirror, data_dir=root, **kwargs)
    except _fetch.CacheWriteError as exc:  # the errors of the files before it were lost
        for before in getattr(exc, "errors", {}).values():
            print(f"exposure fetch: error: {before}", file=sys.stderr)
        raise
    for exc in errors.values():
        print(f"exposure fetch: error: {exc}", file=sys.stderr)
    if holder is not None:
        print(f"{len(fetched)} of {_files(len(chosen))} verified in place in mirror {holder} "
              f"(the cache {root} is in it: read-only, nothing written)")
        return 2 if errors else 0
    where = f"mirror {mirror}" if mirror else "the network"
    print(f"{len(fetched)} of {_files(len(chosen))} verified in {root} (from the cache or {where})")
    return 2 if errors else 0
