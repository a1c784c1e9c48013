"""Fault round 78 (fetch3): a JSON error document served as text, a major number alone, a removed current directory.

1. HTTP 200 with a JSON error document served as ``text/plain`` or
   ``application/octet-stream`` in place of a data file (``.csv``, ``.txt``, ...) was kept
   as the data file by a download no sha256 pins: only an XML document was sniffed from
   the body (``{"error": ...}`` was refused only when its Content-Type said JSON). Now a
   body starting (after white space) with a JSON object whose first key is ``error``,
   ``errors``, ``message`` or ``code`` is refused: ``a.csv: URL returned a JSON document
   (body starts with b'{"message": "No') instead of the data file: the server's answer to
   an error (access denied, no such file?); check the source's URL and $EXPOSURE_URL_MAP;
   nothing was written to the cache``. A CSV, even one whose first cell is ``{"a": 1}``,
   is kept; none of the real files starts so.
2. ``--onet-release 31`` (``check_onet_release("31")``; also ``"v31"``, ``"O*NET 30"``,
   ``"31."``) was ``O*NET release '31' is not of the form MAJOR.MINOR (e.g. 29.1, 31.0)``,
   nothing on what to write, where ``v30.1`` and ``30_1`` are told ``: write '30.1'`` and
   the number 31 is told to be written with its minor number. Now ``O*NET release '31' is
   not of the form MAJOR.MINOR (e.g. 29.1, 31.0): write it with its minor number, such as
   '31.0'`` (``such as '30.1' (the release of O*NET 30 the package pins)`` for ``30``;
   ``2025 is a year, not an O*NET release (an OEWS May year? give it as oews_release= or
   --oews-release)`` for ``"2025"``).
3. A relative mirror or cache in a current directory that was removed:
   ``load_onet('29.1', mirror='data')`` (``exposure fetch --mirror data``) was ``mirror
   directory 'data' (from --mirror/mirror=) does not exist``; ``load_onet('29.1',
   data_dir='data')`` raised a bare ``FileNotFoundError: [Errno 2] No such file or
   directory`` (``exposure fetch --data-dir data``: ``cannot create the cache directory
   data: No such file or directory``). Now, in the words of every output check
   (:func:`exposure._io.lost_cwd`): ``--mirror/mirror= 'data': the current directory no
   longer exists (it was removed or replaced after the shell entered it), so a relative
   path names nothing; cd to an existing directory, or give the full path``
   (``--data-dir/data_dir= 'data': ...``; ``cache 'c': ...`` of ``DataStore``).
4. ``Lock("exposure.lock")`` (a relative lock file) in a current directory that was
   removed read as holding no pin (``entries()`` was ``{}``: every file it pins "not
   pinned yet"), and ``pin`` raised a bare ``FileNotFoundError: [Errno 2] No such file or
   directory``. Now ``DataFormatError: exposure.lock: the current directory no longer
   exists (...), so a relative path names nothing; cd to an existing directory, or give
   the full path`` when the lock is made, as a lock path starting with ``~`` is refused.

Tiny made-up bodies served by a local HTTP server; nothing is downloaded from the internet.
"""

from __future__ import annotations

import pytest
from _trees import tree as _tree

import exposure
from exposure import fetch as F
from exposure.cli import main
from exposure.errors import DataFormatError, ExposureError
from exposure.releases import Lock, check_onet_release

pytestmark = pytest.mark.usefixtures("bare_env")

FAST = {"retries": 0, "timeout": 2.0}
LOST = ("the current directory no longer exists (it was removed or replaced after the shell entered it), so a "
        "relative path names nothing; cd to an existing directory, or give the full path")


# 1. a JSON error document served as text or bytes

@pytest.mark.parametrize("name, ctype, body, start", [
    ("a.csv", "text/plain", b' \n{"message": "Not Found"}', b'{"message": "No'),
    ("a.txt", "application/octet-stream", b'{"error": {"code": 404}}', b'{"error": {"cod'),
    ("a.tsv", "text/plain; charset=utf-8", b'{ "Code" : "NoSuchKey" }', b'{ "Code" : "NoS'),
])
def test_a_json_error_document_served_as_text_is_refused(tmp_path, scripted_server, name, ctype, body, start):
    scripted_server.routes["/" + name] = {"body": body, "headers": {"Content-Type": ctype}}
    url = scripted_server.url("/" + name)
    with pytest.raises(F.DownloadError) as info:
        F.download(url, tmp_path / name, **FAST)
    assert str(info.value) == (
        f"{name}: {url} returned a JSON document (body starts with {start!r}) instead of the data file: the "
        "server's answer to an error (access denied, no such file?); check the source's URL and "
        "$EXPOSURE_URL_MAP; nothing was written to the cache")
    assert _tree(tmp_path) == []


def test_a_table_starting_with_a_brace_is_kept(tmp_path, scripted_server):
    json_error = b'{"message": "Not Found"}'
    scripted_server.routes["/gone.csv"] = {"body": json_error, "headers": {"Content-Type": "text/plain"}}
    with pytest.raises(F.DownloadError, match="returned a JSON document"):
        F.download(scripted_server.url("/gone.csv"), tmp_path / "gone.csv", **FAST)
    for body in (b'{"a": 1},note\n{"b": 2},x\n', b"name,note\nerror,{\"message\": 1}\n"):
        scripted_server.routes["/b.csv"] = {"body": body, "headers": {"Content-Type": "text/plain"}}
        F.download(scripted_server.url("/b.csv"), tmp_path / "b.csv", **FAST)
        assert (tmp_path / "b.csv").read_bytes() == body
    F.download(scripted_server.url("/gone.csv"), tmp_path / "gone.json", **FAST)  # a JSON file is asked for
    assert (tmp_path / "gone.json").read_bytes() == json_error


# 2. an O*NET major number without its minor number

@pytest.mark.parametrize("given, said", [
    ("31", ": write it with its minor number, such as '31.0'"),
    ("v31", ": write it with its minor number, such as '31.0'"),
    ("31.", ": write it with its minor number, such as '31.0'"),
    ("O*NET 30", ": write it with its minor number, such as '30.1' (the release of O*NET 30 the package pins)"),
    ("2025", ": 2025 is a year, not an O*NET release (an OEWS May year? give it as oews_release= or "
             "--oews-release)"),
])
def test_a_major_number_alone_is_told_what_to_write(given, said):
    with pytest.raises(ExposureError) as info:
        check_onet_release(given)
    assert str(info.value) == f"O*NET release {given!r} is not of the form MAJOR.MINOR (e.g. 29.1, 31.0){said}"


def test_onet_release_31_on_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        main(["recompute", "--onet-release", "31", "--out", "out"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        "exposure recompute: error: argument --onet-release: O*NET release '31' is not of the form MAJOR.MINOR "
        "(e.g. 29.1, 31.0): write it with its minor number, such as '31.0'")
    for kept in ("latest", "0", "31.0.1"):  # no major number: nothing more to say
        with pytest.raises(ExposureError) as info:
            check_onet_release(kept)
        assert str(info.value) == f"O*NET release {kept!r} is not of the form MAJOR.MINOR (e.g. 29.1, 31.0)"


# 3. a relative mirror or cache in a removed current directory

def _lose_cwd(tmp_path, monkeypatch) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()


@pytest.mark.parametrize("kwargs, origin", [
    ({"mirror": "data"}, "--mirror/mirror="),
    ({"data_dir": "data"}, "--data-dir/data_dir="),
])
def test_a_relative_mirror_or_cache_in_a_removed_directory_says_so(tmp_path, monkeypatch, kwargs, origin):
    _lose_cwd(tmp_path, monkeypatch)
    with pytest.raises(ExposureError) as info:
        exposure.load_onet("29.1", **kwargs)
    assert str(info.value) == f"{origin} 'data': {LOST}"
    with pytest.raises(ExposureError) as info:
        F.DataStore(cache="c", home=tmp_path / "home")
    assert str(info.value) == f"cache 'c': {LOST}"


@pytest.mark.parametrize("option", ["--mirror", "--data-dir"])
def test_fetch_in_a_removed_directory_names_the_option(tmp_path, monkeypatch, capsys, option):
    _lose_cwd(tmp_path, monkeypatch)
    assert main(["fetch", option, "data", "onet/29.1"]) == 2
    origin = "--mirror/mirror=" if option == "--mirror" else "--data-dir/data_dir="
    assert capsys.readouterr().err.strip().splitlines()[-1] == f"exposure fetch: error: {origin} 'data': {LOST}"
    assert _tree(tmp_path) == []


# 4. a relative lock file in a removed current directory

def test_a_relative_lock_in_a_removed_directory_says_so(tmp_path, monkeypatch):
    _lose_cwd(tmp_path, monkeypatch)
    with pytest.raises(DataFormatError) as info:
        Lock("exposure.lock")
    assert str(info.value) == f"exposure.lock: {LOST}"
    assert Lock(tmp_path / "exposure.lock").entries() == {}  # a full path needs no current directory
