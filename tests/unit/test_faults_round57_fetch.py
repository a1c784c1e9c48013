"""Fault round 57: fetching from a mirror or the network, and the cache (``exposure.fetch``).

1. The network settings of the Python API were not checked (the command line checks its
   ``--timeout``, ``--retries`` and ``--deadline``): ``download(..., retries=-1)`` made no
   attempt and failed with ``failed after 0 attempt: None``; ``deadline=float("nan")`` set
   no deadline at all; ``timeout=0`` (or ``-1``) was a ``ValueError`` of requests, and a
   number given as text (``retries="3"``, ``timeout="5"``, ``deadline="60"``) or a
   ``retries=1.5`` a ``TypeError`` from inside, also through ``fetch`` and ``fetch_many``.
   Now ``download``, ``fetch`` and ``fetch_many`` refuse them first with one
   ``DataFormatError`` naming the argument (``retries must be a whole number of 0 or more,
   got int -1``); ``retries=3.0`` is read as 3.
2. A mirror whose ``MANIFEST.tsv`` was saved by Excel as "Unicode Text" (or by
   PowerShell's ``>``: UTF-16 with its byte-order mark), or written by R's ``write.table``
   (names in quotes: ``"path"<TAB>"bytes"<TAB>"sha256"``), was not recognised as a mirror:
   ``exposure sources --data-dir MIRROR --rehash`` deleted a mirror file with a wrong sha256
   (``removed``, exit 1). The header is now read in the encoding its byte-order mark names
   and unquoted: the file is reported ``mismatch`` and left (``a mirror: read-only``).
3. A mirror file whose line ends were converted (O*NET's CRLF made LF by git's line-end
   conversion or ``dos2unix``; a CSV's LF made CRLF by ``core.autocrlf``) failed with a bare
   ``sha256 mismatch ...: expected A, got B``, nothing on why or what to do. The mismatch
   now says it: ``M/demo/a.txt is the pinned file with its line ends changed from CRLF to LF
   (...): copy it again unchanged, byte for byte (...)`` (checked by undoing the conversion
   and hashing again, on the error path only); another mismatch is said as before.
4. A mirror path with surrounding spaces or a line end (``EXPOSURE_MIRROR="/data/m "`` from
   a ``.env`` file, ``--mirror $'/data/m\\r'``) was said to be ``mirror directory '/data/m '
   (from $EXPOSURE_MIRROR) does not exist`` beside a directory ``/data/m`` that does. Now:
   ``...; '/data/m' does: remove the surrounding spaces (or line end) of the value``.
5. ``exposure sources --data-dir /abs/m`` with ``$EXPOSURE_MIRROR=m`` (the same mirror,
   written otherwise, or through a symbolic link) listed the mirror itself, then added
   ``$EXPOSURE_MIRROR (m) holds 0 of the 1 file: the commands read them from there
   (exposure fetch copies them into the cache)``, untrue: nothing is copied, the mirror is
   read in place, and what it lacks is what the listing shows missing. The note is left
   out when the cache listed is that mirror (it was compared as written).

6. The folder above a mirror given as the mirror (``--mirror ../shared`` for the README's
   ``../shared/data``) was told, once per file, ``not found in mirror ../shared (expected
   ../shared/onet/29.1/...); fix the mirror or unset it to download``, the mirror being
   whole one level down. The error now names it: ``../shared looks like the directory above
   a mirror: ../shared/data has ../shared/data/onet/29.1/...; give its root ../shared/data``
   (as it already named the root of a mirror given one of its folders).

Tiny made-up files written by the tests; nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import os

import pytest
from test_faults_cli import cli, one_error_line
from test_faults_round21_fetch import _clean_env  # noqa: F401 (autouse fixture: no mirror, cache or URL map from the environment)

from exposure import fetch as F
from exposure.errors import ChecksumMismatchError, DataFormatError
from exposure.sources import Source

REGISTRY_FILE = "onet/29.1/Task Categories.txt"
CRLF = b"O*NET-SOC Code\tJob Zone\r\n11-1011.00\t5\r\n13-1021.00\t3\r\n"
LF = b"naics,occ\n111000,11-1011\n"
UNREACHABLE = "http://127.0.0.1:9"


def _source(body: bytes, name: str = "demo/a.txt") -> Source:
    return Source(name=name, release="1", url=f"{UNREACHABLE}/{name}", licence="CC0", attribution="made up",
                  sha256=hashlib.sha256(body).hexdigest(), size=len(body))


def _mirror_with(tmp_path, name: str, body: bytes):
    mirror = tmp_path / "mirror"
    path = mirror / name
    path.parent.mkdir(parents=True)
    path.write_bytes(body)
    return mirror


def _files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) if root.exists() else []


# 1. network settings of the Python API ----------------------------------------------------

BAD_SETTINGS = [
    ({"retries": -1}, "retries must be a whole number of 0 or more, got int -1"),
    ({"retries": "3"}, "retries must be a whole number of 0 or more, got str '3'"),
    ({"retries": 1.5}, "retries must be a whole number of 0 or more, got float 1.5"),
    ({"timeout": 0}, "timeout must be a positive, finite number of seconds or a (connect, read) pair of them, "
                     "got int 0"),
    ({"timeout": "5"}, "timeout must be a positive, finite number of seconds or a (connect, read) pair of "
                       "them, got str '5'"),
    ({"timeout": (5,)}, "timeout must be a positive, finite number of seconds or a (connect, read) pair of "
                        "them, got tuple (5,)"),
    ({"timeout": (5, -1)}, "timeout (read) must be a positive, finite number of seconds (or None for no limit), "
                           "got int -1"),
    ({"deadline": float("nan")}, "deadline must be a positive, finite number of seconds, got float nan"),
    ({"deadline": "60"}, "deadline must be a positive, finite number of seconds, got str '60'"),
    ({"backoff": -1.0}, "backoff must be a finite number of seconds, 0 or more, got float -1.0"),
]


@pytest.mark.parametrize(("settings", "said"), BAD_SETTINGS)
def test_download_refuses_bad_network_settings_before_any_request(tmp_path, monkeypatch, settings, said):
    def no_request(*args, **kwargs):
        raise AssertionError("a request was made")

    monkeypatch.setattr(F, "_attempt", no_request)
    kwargs = {"retries": 0, "timeout": 0.5, "backoff": 0.0, **settings}
    with pytest.raises(DataFormatError) as info:
        F.download(f"{UNREACHABLE}/x.csv", tmp_path / "x.csv", **kwargs)
    assert str(info.value) == said
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("settings", "said"), BAD_SETTINGS[:4])
def test_fetch_refuses_bad_network_settings(tmp_path, settings, said):
    with pytest.raises(DataFormatError) as info:
        F.fetch(_source(LF), mirror=None, data_dir=tmp_path / "cache", **settings)
    assert str(info.value) == said
    assert not (tmp_path / "cache").exists()


def test_fetch_many_refuses_bad_network_settings_once(tmp_path):
    store = F.DataStore(cache=tmp_path / "cache", home=tmp_path / "home",
                        url_map=(("https://www.onetcenter.org", UNREACHABLE),))
    with pytest.raises(DataFormatError, match=r"^timeout must be a positive, finite number of seconds"):
        F.fetch_many(["onet/29.1"], store=store, timeout=0, retries=0)
    assert _files(tmp_path / "cache") == []


def test_whole_numbers_of_retries_written_as_floats_are_read(tmp_path, monkeypatch):
    calls = []

    def refused(session, url, tmp, **kwargs):
        calls.append(url)
        raise F._Retryable("ConnectionError: refused")

    monkeypatch.setattr(F, "_attempt", refused)
    with pytest.raises(F.DownloadError, match="failed after 3 attempts"):
        F.download(f"{UNREACHABLE}/x.csv", tmp_path / "x.csv", retries=2.0, backoff=0, timeout=[1, None])
    assert len(calls) == 3


# 2. MANIFEST.tsv saved as UTF-16 (Excel "Unicode Text", PowerShell) or with quoted names ----

@pytest.mark.parametrize("manifest", [
    "path\tbytes\tsha256\torigin\r\n".encode("utf-16"),                          # Excel: Unicode Text
    b"\xfe\xff" + "path\tbytes\tsha256\r\n".encode("utf-16-be"),                 # UTF-16, big-endian
    b'"path"\t"bytes"\t"sha256"\t"origin"\n',                                   # R's write.table
], ids=["utf16-le", "utf16-be", "quoted"])
def test_manifest_in_utf16_or_quoted_still_marks_a_mirror(tmp_path, capsys, manifest):
    mirror = _mirror_with(tmp_path, REGISTRY_FILE, b"not the pinned file\n")
    (mirror / "MANIFEST.tsv").write_bytes(manifest)
    assert F.mirror_holding(mirror) == mirror.resolve()
    code, out, _ = cli(capsys, "sources", "--data-dir", mirror, "--rehash", REGISTRY_FILE)
    assert code == 1
    assert "mismatch" in out and "(a mirror: read-only, nothing removed)" in out
    assert (mirror / REGISTRY_FILE).read_bytes() == b"not the pinned file\n"
    assert not (mirror / ".verified").exists()


# 3. a mirror file whose line ends were converted -------------------------------------------

@pytest.mark.parametrize(("pinned", "copied", "was", "now"), [
    (CRLF, CRLF.replace(b"\r\n", b"\n"), "CRLF", "LF"),
    (LF, LF.replace(b"\n", b"\r\n"), "LF", "CRLF"),
])
def test_mismatch_of_a_copy_with_converted_line_ends_says_so(tmp_path, pinned, copied, was, now):
    mirror = _mirror_with(tmp_path, "demo/a.txt", copied)
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch(_source(pinned), mirror=mirror, data_dir=tmp_path / "cache")
    said = str(info.value)
    assert said.startswith("sha256 mismatch for demo/a.txt")
    assert (f"; {mirror / 'demo/a.txt'} is the pinned file with its line ends changed from {was} to {now} "
            in said)
    assert "copy it again unchanged, byte for byte" in said
    assert _files(tmp_path / "cache") == []


def test_converted_line_ends_are_said_of_a_mirror_read_in_place(tmp_path):
    mirror = _mirror_with(tmp_path, "demo/a.txt", CRLF.replace(b"\r\n", b"\n"))
    with pytest.raises(ChecksumMismatchError, match="line ends changed from CRLF to LF"):
        F.fetch(_source(CRLF), mirror=mirror, data_dir=mirror)
    assert _files(mirror) == ["demo/a.txt"]
    # another change than the line ends is a mismatch said as before
    (mirror / "demo/a.txt").write_bytes(CRLF.replace(b"5", b"4").replace(b"\r\n", b"\n"))
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch(_source(CRLF), mirror=mirror, data_dir=mirror)
    # round 79: the mismatch of a mirror's file then says what to do (was: ended at "the cache")
    assert "; nothing was written to the cache; the mirror's file (50 bytes) is not the pinned one" in str(info.value)
    assert "line ends" not in str(info.value)


# 4. a mirror path with surrounding spaces --------------------------------------------------

def test_mirror_in_the_environment_with_a_trailing_space(tmp_path, capsys, monkeypatch):
    mirror = _mirror_with(tmp_path, "demo/a.txt", LF)
    monkeypatch.setenv("EXPOSURE_MIRROR", f"{mirror} ")
    code, _, err = cli(capsys, "fetch", "--data-dir", tmp_path / "cache", REGISTRY_FILE)
    line = one_error_line(err, command="fetch")
    assert code == 2
    assert line == (f"exposure fetch: error: mirror directory '{mirror} ' (from $EXPOSURE_MIRROR) does not "
                    f"exist; '{mirror}' does: remove the surrounding spaces (or line end) of the value")


def test_mirror_argument_with_a_line_end(tmp_path):
    mirror = _mirror_with(tmp_path, "demo/a.txt", LF)
    with pytest.raises(F.ExposureError, match=r"does not exist; '.*mirror' does: remove the surrounding spaces"):
        F.resolve_mirror(f"{mirror}\r")
    with pytest.raises(F.ExposureError, match=r"mirror-x ' \(from --mirror/mirror=\) does not exist$"):
        F.resolve_mirror(f"{mirror}-x ")  # no such directory without the space either: as before


# 5. `exposure sources` listing the mirror of $EXPOSURE_MIRROR, written otherwise -----------

@pytest.mark.parametrize("spelling", ["link", "relative"])
def test_sources_of_the_mirror_itself_adds_no_note_on_the_mirror(tmp_path, capsys, monkeypatch, spelling):
    mirror = _mirror_with(tmp_path, "demo/a.txt", LF)
    if spelling == "link":
        os.symlink(mirror, tmp_path / "link")
        monkeypatch.setenv("EXPOSURE_MIRROR", str(tmp_path / "link"))
    else:
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("EXPOSURE_MIRROR", "mirror")
    code, out, _ = cli(capsys, "sources", "--data-dir", mirror, REGISTRY_FILE)
    assert code == 0 and "missing" in out
    assert "$EXPOSURE_MIRROR" not in out
    # an ordinary cache is still told what the mirror holds
    code, out, _ = cli(capsys, "sources", "--data-dir", tmp_path / "cache", REGISTRY_FILE)
    assert code == 0
    assert "$EXPOSURE_MIRROR (" in out and ") holds 0 of the 1 file" in out


# 6. the folder above a mirror given as the mirror -----------------------------------------

def test_the_folder_above_a_mirror_is_named_with_the_mirror_below(tmp_path):
    shared = tmp_path / "shared"
    mirror = _mirror_with(shared, "demo/a.txt", LF)  # shared/mirror/demo/a.txt
    (mirror / "MANIFEST.tsv").write_text("path\tbytes\tsha256\n")
    (shared / "other").mkdir()
    with pytest.raises(F.DownloadError) as info:
        F.fetch(_source(LF), mirror=shared, data_dir=tmp_path / "cache")
    assert str(info.value) == (
        f"demo/a.txt: not found in mirror {shared} (expected {shared / 'demo/a.txt'}); {shared} looks like "
        f"the directory above a mirror: {mirror} has {mirror / 'demo/a.txt'}; give its root {mirror} "
        # round 80: which folder to give, and the name it must hold
        "as the mirror (--mirror, $EXPOSURE_MIRROR): the folder that holds each file at its registry name "
        "(demo/a.txt); or unset the mirror to download")
    # a folder that holds no such file below it is said as before
    with pytest.raises(F.DownloadError) as info:
        F.fetch(_source(LF, name="demo/b.txt"), mirror=shared, data_dir=tmp_path / "cache")
    assert "looks like" not in str(info.value)
