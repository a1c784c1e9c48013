"""Fetch registry files into the local cache, verified by sha256.

This is the only module of :mod:`exposure` that touches the network or a data mirror.
:func:`fetch` returns the local path of a registry file (see :mod:`exposure.sources`) after
checking its sha256:

1. **Cache.** Files live at ``<data_dir>/<name>``. ``data_dir`` is the ``data_dir``
   argument, else ``$EXPOSURE_DATA_DIR``, else ``data/raw`` of the source checkout when
   :mod:`exposure` runs from one (a ``pyproject.toml`` naming ``ai-exposure`` two levels
   above the package), else ``$XDG_CACHE_HOME/exposure`` (``~/.cache/exposure``). A cached
   file is trusted when a stamp recorded at verification time still matches its size and
   modification time (``<data_dir>/.verified/<name>``); otherwise it is hashed again, and
   a cached file with the wrong hash is deleted and fetched again.
2. **Mirror.** When ``mirror`` (or ``$EXPOSURE_MIRROR``) names a directory laid out like
   ``../shared/data``, the file is read from there instead of the network: it is hashed
   while being copied to a temporary file in the cache, and renamed into place only when
   the hash matches. Downstream code therefore always reads one place, the cache. A file
   missing from the mirror is an error (no silent fall-back to the network).
3. **Network.** Otherwise the file (or the upstream archive that holds it) is downloaded
   with :mod:`requests`: a User-Agent naming the project (BLS refuses anonymous robots),
   connect/read timeouts, retries with exponential backoff on connection errors, timeouts,
   truncated bodies and HTTP 429/5xx. The body goes to a temporary file; an empty body,
   a body shorter than its Content-Length, or an HTML page (``text/html`` content type or
   a body starting with ``<!DOCTYPE html``/``<html``) where data was expected are
   :class:`~exposure.errors.DownloadError`. Archives (O*NET zips, BLS ``oesmYYnat.zip``)
   are kept under ``<data_dir>/.archives/``; their hash is not pinned, the extracted
   member is. Zip members are extracted only inside the target directory.

A sha256 mismatch raises :class:`~exposure.errors.ChecksumMismatchError`, and in every
failure nothing is left in the cache: writes go to a temporary file that is renamed into
place only after verification.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import time
import zipfile
from pathlib import Path, PurePosixPath

from exposure import __version__
from exposure._io import atomic_path
from exposure.errors import ChecksumMismatchError, DataFormatError, DownloadError, ExposureError
from exposure.sources import SOURCES, Source, get_source

__all__ = [
    "ENV_DATA_DIR",
    "ENV_MIRROR",
    "USER_AGENT",
    "fetch",
    "fetch_many",
    "download",
    "verify",
    "file_sha256",
    "default_data_dir",
    "resolve_data_dir",
    "resolve_mirror",
    "cache_path",
    "cache_status",
    "extract_zip",
]

log = logging.getLogger(__name__)

#: Environment variable naming the cache directory.
ENV_DATA_DIR = "EXPOSURE_DATA_DIR"
#: Environment variable naming a local mirror directory (laid out like ../shared/data).
ENV_MIRROR = "EXPOSURE_MIRROR"
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

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> _ = p.write_bytes(b"abc")
    >>> file_sha256(p)
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    """
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify(path, sha256: str, *, name: str | None = None) -> Path:
    """Check that ``path`` has the given sha256; return the path.

    Parameters
    ----------
    path : str or os.PathLike
        File to check.
    sha256 : str
        Expected hex digest.
    name : str, optional
        Name used in the error message (defaults to the path).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    exposure.errors.ChecksumMismatchError
        When the digests differ (the file is left untouched).

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
    path = Path(path)
    actual = file_sha256(path)
    if actual != sha256.lower():
        raise ChecksumMismatchError(name or str(path), sha256, actual, path=str(path))
    return path


# ---------------------------------------------------------------------------------------
# Where things live
# ---------------------------------------------------------------------------------------


def _source_checkout() -> Path | None:
    """Repository root when running from a source checkout of ai-exposure, else None."""
    root = Path(__file__).resolve().parents[2]
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return None
    try:
        import tomllib

        name = tomllib.loads(pyproject.read_text("utf-8")).get("project", {}).get("name")
    except (OSError, ValueError):
        return None
    return root if name == "ai-exposure" else None


def default_data_dir() -> Path:
    """Return the default cache directory (see the module docstring for the order).

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"EXPOSURE_DATA_DIR": "/tmp/exposure-cache"}):
    ...     print(default_data_dir())
    /tmp/exposure-cache
    """
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    checkout = _source_checkout()
    if checkout is not None:
        return checkout / "data" / "raw"
    cache_home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache_home) / "exposure"


def resolve_data_dir(data_dir=None) -> Path:
    """Return ``data_dir`` as a Path, or :func:`default_data_dir` when it is None.

    Examples
    --------
    >>> resolve_data_dir("/tmp/cache")
    PosixPath('/tmp/cache')
    """
    return default_data_dir() if data_dir is None else Path(data_dir).expanduser()


def resolve_mirror(mirror=None) -> Path | None:
    """Return the mirror directory: ``mirror``, else ``$EXPOSURE_MIRROR``, else None.

    Raises
    ------
    exposure.errors.ExposureError
        When the directory does not exist.

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
    """
    value = mirror if mirror is not None else os.environ.get(ENV_MIRROR) or None
    if value is None:
        return None
    path = Path(value).expanduser()
    if not path.is_dir():
        origin = "--mirror/mirror=" if mirror is not None else f"${ENV_MIRROR}"
        raise ExposureError(f"mirror directory {str(path)!r} (from {origin}) does not exist")
    return path


def _as_source(name) -> Source:
    return name if isinstance(name, Source) else get_source(name)


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
    st = path.stat()
    return f"{sha256} {st.st_size} {st.st_mtime_ns}\n"


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
    _stamp_path(root, src.name).unlink(missing_ok=True)


def cache_status(name, data_dir=None, *, rehash: bool = False) -> str:
    """Return the cache state of registry file ``name``.

    Parameters
    ----------
    name : str or Source
    data_dir : path, optional
        Cache directory (default: :func:`default_data_dir`).
    rehash : bool, default False
        Hash the file even when its verification stamp is current.

    Returns
    -------
    str
        ``"missing"``, ``"verified"`` (sha256 matches) or ``"mismatch"``.

    Examples
    --------
    >>> import tempfile
    >>> cache_status("onet/29.1/Task Statements.txt", data_dir=tempfile.mkdtemp())
    'missing'
    """
    src = _as_source(name)
    root = resolve_data_dir(data_dir)
    path = cache_path(src, root)
    if not path.is_file():
        return "missing"
    if not rehash and _stamp_ok(root, src, path):
        return "verified"
    if file_sha256(path) == src.sha256:
        _write_stamp(root, src, path)
        return "verified"
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
    drive letters and ``..`` components are rejected. Each file is written atomically.

    Parameters
    ----------
    archive : str or os.PathLike
        The zip file.
    target_dir : str or os.PathLike
        Directory to extract into (created if needed).
    members : iterable of str, optional
        Member names to extract; default all file members.

    Returns
    -------
    list of pathlib.Path
        The extracted files.

    Raises
    ------
    exposure.errors.DataFormatError
        When the archive is not a zip, lacks a requested member, or a member name would
        escape ``target_dir``.

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
    archive = Path(archive)
    target = Path(target_dir)
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise DataFormatError(f"not a readable zip archive ({exc})", path=archive) from exc
    with zf:
        infos = {i.filename: i for i in zf.infolist()}
        if members is None:
            chosen = [i for i in infos.values() if not i.is_dir()]
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
            dest = target.joinpath(*rel.parts)
            if not dest.resolve().is_relative_to(base):
                raise DataFormatError(
                    f"unsafe zip member {info.filename!r}: resolves outside {target}",
                    path=archive,
                )
            plan.append((info, dest))
        out = []
        for info, dest in plan:
            with atomic_path(dest) as tmp:
                with zf.open(info) as src, open(tmp, "wb") as fh:
                    shutil.copyfileobj(src, fh, _CHUNK)
                _make_readable(tmp)
            out.append(dest)
    return out


def _extract_member_verified(archive: Path, src: Source, dest: Path) -> None:
    """Extract ``src.member`` from ``archive`` to ``dest`` atomically, verifying sha256."""
    _safe_relpath(src.member, archive=archive)
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise DownloadError(f"{src.name}: {archive} is not a readable zip archive ({exc})") from exc
    with zf:
        try:
            info = zf.getinfo(src.member)
        except KeyError:
            raise DownloadError(
                f"{src.name}: archive {src.archive_url} has no member {src.member!r}"
            ) from None
        digest = hashlib.sha256()
        with atomic_path(dest) as tmp:
            with zf.open(info) as fin, open(tmp, "wb") as fout:
                for chunk in iter(lambda: fin.read(_CHUNK), b""):
                    digest.update(chunk)
                    fout.write(chunk)
            if digest.hexdigest() != src.sha256:
                raise ChecksumMismatchError(
                    src.name, src.sha256, digest.hexdigest(), path=f"{archive}!{src.member}"
                )
            _make_readable(tmp)


# ---------------------------------------------------------------------------------------
# Download
# ---------------------------------------------------------------------------------------


def _looks_like_html(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<!doctype html") or text.startswith(b"<html")


class _Retryable(Exception):
    """A failed attempt worth retrying."""


def _attempt(session, url: str, tmp: Path, *, label: str, timeout, html_ok: bool) -> str:
    """One GET of ``url`` into ``tmp``; return the sha256 of the body."""
    import requests

    try:
        response = session.get(url, stream=True, timeout=timeout, allow_redirects=True)
    except requests.RequestException as exc:
        raise _Retryable(f"{type(exc).__name__}: {exc}") from exc
    with response:
        status = response.status_code
        if status == 429 or status >= 500:
            raise _Retryable(f"HTTP {status} {response.reason}")
        if status >= 400:
            raise DownloadError(f"{label}: HTTP {status} {response.reason} from {url}")
        ctype = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype == "text/html" and not html_ok:
            raise DownloadError(
                f"{label}: {url} returned an HTML page (Content-Type text/html) instead of "
                "the data file; nothing was written to the cache"
            )
        expected_len = response.headers.get("Content-Length")
        encoded = response.headers.get("Content-Encoding", "identity").lower() != "identity"
        digest = hashlib.sha256()
        received = 0
        head = b""
        try:
            with open(tmp, "wb") as fh:
                for chunk in response.raw.stream(_CHUNK, decode_content=True):
                    if not chunk:
                        continue
                    if len(head) < 512:
                        head += chunk[: 512 - len(head)]
                    received += len(chunk)
                    digest.update(chunk)
                    fh.write(chunk)
        except Exception as exc:  # urllib3 ProtocolError (IncompleteRead), timeouts, resets
            what = "truncated body" if "IncompleteRead" in str(exc) else "transfer interrupted"
            raise _Retryable(
                f"{what} (Content-Length {expected_len}): {type(exc).__name__}: {exc}"
            ) from exc
        if expected_len is not None and not encoded and received != int(expected_len):
            raise _Retryable(
                f"truncated body: received {received} of {expected_len} bytes (Content-Length)"
            )
    if received == 0:
        raise DownloadError(f"{label}: {url} returned an empty body; nothing was written")
    if not html_ok and _looks_like_html(head):
        raise DownloadError(
            f"{label}: {url} returned an HTML page (body starts with {head[:15]!r}) instead "
            "of the data file; nothing was written to the cache"
        )
    return digest.hexdigest()


def _session():
    import requests

    session = requests.Session()
    session.headers["User-Agent"] = os.environ.get("EXPOSURE_USER_AGENT") or USER_AGENT
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
) -> Path:
    """Download ``url`` to ``dest`` atomically, optionally verifying its sha256.

    The body is streamed to a temporary file beside ``dest`` and renamed into place only
    when it is complete, not empty, not an HTML page (unless ``dest`` ends in ``.html``)
    and, if ``sha256`` is given, has that hash. Connection errors, timeouts, truncated
    bodies and HTTP 429/5xx are retried ``retries`` times with exponential backoff; other
    HTTP errors fail at once.

    Parameters
    ----------
    url : str
    dest : str or os.PathLike
        Final path.
    sha256 : str, optional
        Expected hex digest.
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

    Returns
    -------
    pathlib.Path
        ``dest``.

    Raises
    ------
    exposure.errors.DownloadError
        Network/HTTP failure, timeout, truncated or empty body, HTML page.
    exposure.errors.ChecksumMismatchError
        The body's sha256 differs from ``sha256``.

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
    dest = Path(dest)
    label = name or dest.name
    timeout = TIMEOUT if timeout is None else timeout
    retries = RETRIES if retries is None else retries
    backoff = BACKOFF if backoff is None else backoff
    html_ok = dest.suffix.lower() in _HTML_SUFFIXES
    own_session = session is None
    session = _session() if own_session else session
    try:
        last = None
        for attempt in range(retries + 1):
            if attempt:
                delay = min(MAX_BACKOFF, backoff * 2 ** (attempt - 1))
                log.info("%s: retry %d/%d in %.1fs (%s)", label, attempt, retries, delay, last)
                time.sleep(delay)
            log.info("downloading %s from %s", label, url)
            try:
                with atomic_path(dest) as tmp:
                    actual = _attempt(session, url, tmp, label=label, timeout=timeout,
                                      html_ok=html_ok)
                    if sha256 is not None and actual != sha256.lower():
                        raise ChecksumMismatchError(label, sha256, actual, path=url)
                    _make_readable(tmp)
                return dest
            except _Retryable as exc:
                last = str(exc)
        n = retries + 1
        raise DownloadError(
            f"{label}: download of {url} failed after {n} attempt{'s' if n > 1 else ''}: "
            f"{last}; nothing was written to the cache"
        )
    finally:
        if own_session:
            session.close()


# ---------------------------------------------------------------------------------------
# fetch
# ---------------------------------------------------------------------------------------


def _copy_verified(path: Path, src: Source, dest: Path) -> None:
    """Copy ``path`` to ``dest`` atomically, hashing on the way; mismatch -> error."""
    digest = hashlib.sha256()
    with atomic_path(dest) as tmp:
        with open(path, "rb") as fin, open(tmp, "wb") as fout:
            for chunk in iter(lambda: fin.read(_CHUNK), b""):
                digest.update(chunk)
                fout.write(chunk)
        if digest.hexdigest() != src.sha256:
            raise ChecksumMismatchError(src.name, src.sha256, digest.hexdigest(), path=str(path))
        _make_readable(tmp)


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


def _from_mirror(mirror: Path, src: Source, dest: Path) -> None:
    path = mirror / _safe_relpath(src.name, what="registry name")
    if not path.is_file():
        raise DownloadError(
            f"{src.name}: not found in mirror {mirror} (expected {path}); "
            "fix the mirror or unset it to download"
        )
    if dest.exists() and path.resolve() == dest.resolve():  # the mirror is the cache
        verify(path, src.sha256, name=src.name)
        return
    log.info("copying %s from mirror %s", src.name, mirror)
    _copy_verified(path, src, dest)


def _from_network(root: Path, src: Source, dest: Path, **kwargs) -> None:
    if src.mirror_only:
        raise DownloadError(
            f"{src.name}: upstream does not publish this file in this form, so it can only "
            f"be read from a mirror (set ${ENV_MIRROR} or pass --mirror). {src.notes}"
        )
    if not src.member:
        download(src.url, dest, sha256=src.sha256, name=src.name, **kwargs)
        return
    archive = root / _ARCHIVE_DIR / src.archive_url.rstrip("/").rsplit("/", 1)[-1]
    if not zipfile.is_zipfile(archive):
        download(src.archive_url, archive, name=f"{src.name} (archive)", **kwargs)
    try:
        _extract_member_verified(archive, src, dest)
    except ChecksumMismatchError:
        # The archive is not pinned; drop it so that a corrected upstream is picked up.
        archive.unlink(missing_ok=True)
        raise


def fetch(
    name,
    *,
    mirror=None,
    data_dir=None,
    timeout=None,
    retries: int | None = None,
    backoff: float | None = None,
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
    timeout, retries, backoff : optional
        Network settings passed to :func:`download`.

    Returns
    -------
    pathlib.Path
        ``<data_dir>/<name>``, verified.

    Raises
    ------
    exposure.errors.ExposureError
        Unknown name or missing mirror directory.
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
    src = _as_source(name)
    root = resolve_data_dir(data_dir)
    dest = cache_path(src, root)
    if dest.is_file():
        if _stamp_ok(root, src, dest):
            return dest
        actual = file_sha256(dest)
        if actual == src.sha256:
            _write_stamp(root, src, dest)
            return dest
        log.warning(
            "cached %s has sha256 %s, expected %s; removing it and fetching again",
            src.name, actual, src.sha256,
        )
        dest.unlink()
    _drop_stamp(root, src)
    mirror_dir = resolve_mirror(mirror)
    try:
        if mirror_dir is not None:
            _from_mirror(mirror_dir, src, dest)
        else:
            _from_network(root, src, dest, timeout=timeout, retries=retries, backoff=backoff)
    except BaseException:
        _prune_empty_dirs(dest.parent, root)
        _prune_empty_dirs(root / _ARCHIVE_DIR, root)
        raise
    _write_stamp(root, src, dest)
    log.info("verified %s -> %s", src.name, dest)
    return dest


def fetch_many(names=None, *, mirror=None, data_dir=None, **kwargs):
    """Fetch several registry files; return ``(fetched, errors)``.

    Unlike :func:`fetch` this does not stop at the first failure.

    Parameters
    ----------
    names : iterable of str, optional
        Names, prefixes, kinds or globs (see :func:`exposure.sources.select_sources`);
        default the whole registry.
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
    from exposure.sources import select_sources

    fetched, errors = {}, {}
    for src in select_sources(names):
        try:
            fetched[src.name] = fetch(src, mirror=mirror, data_dir=data_dir, **kwargs)
        except ExposureError as exc:
            log.info("failed: %s", exc)
            errors[src.name] = exc
    return fetched, errors


# Registry names are validated once at import: none may escape the cache directory.
for _name in SOURCES:
    _safe_relpath(_name, what="registry name")
del _name
