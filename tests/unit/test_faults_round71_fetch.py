"""Fault round 71: downloads, the cache, the lock file, release layouts and sources.

1. A copy of a file the package pins, put in the data directory as the publisher ships it
   (``db_29_1_text/Job Zones.txt``, or ``db_29_1_text.zip``) and then edited (a cell fixed
   by hand, the file saved again by a spreadsheet), stopped every fetch with two digests
   and no word on what to do: ``sha256 mismatch for onet/29.1/Job Zones.txt (read from
   .../db_29_1_text/Job Zones.txt): expected ..., got ...; nothing was written to the
   cache``. Now the error says the file is the user's copy in the data directory, with
   other bytes than the pinned file, and to put the publisher's file back unchanged or
   remove it (which then reads the pinned file).
2. The name of an O*NET file of a new release written in other capitals
   (``onet/31.0/Job zones.txt``) followed the release layout, so its archive member
   ``db_31_0_text/Job zones.txt`` was looked for: with the release folder in the data
   directory, the error said it holds ``'Job Zones.txt'`` "(renamed by the publisher? give
   the file the name 'Job zones.txt')", the wrong advice (the name asked for is the typo;
   on a file system that ignores case the file was read and pinned under it); with the
   publisher's zip, ``has no member 'db_31_0_text/Job zones.txt'`` after the download.
   And the layout's own reason for refusing a name (``onet/31.0/Task
   Statements.txt.txt``: two extensions) gave way to ``did you mean 'onet/29.1/Task
   Statements.txt'``, another release. Now the name is refused before anything is read:
   ``O*NET's file is 'Job Zones.txt', written with other capitals ...: write
   'onet/31.0/Job Zones.txt'``, and the layout's reason is said.
3. A lock file reviewed in a spreadsheet and saved again as tab-separated text holds its
   comment lines that have a comma or a quote in quotes (``"# checked, ok"``, perhaps
   followed by the tabs of the row's empty cells): it was refused, ``row 1: not a lock
   file: its first line that is not a comment is not the header`` (a quoted comment above
   the header) or ``too few fields`` (below it), so no run could read its pins. Now such a
   line is a comment, and kept when the lock file is written again.
4. A glob of registry names in other capitals (``exposure fetch 'onet/29.1/job*'``) said
   ``matches no registry name; run `exposure sources` to list the registry``, nothing on
   the case. Now the error says names are case-sensitive and names those it matches in
   other capitals.
5. An old prefix of ``$EXPOSURE_URL_MAP`` that starts no URL of a source (a typo:
   ``http://www.bls.gov`` where BLS's URLs are ``https://``) was never used, without a
   word: the files were downloaded from the publishers, not from the server the map named.
   Now a warning, once per prefix, names the prefix and the start of the URLs.
6. ``DataStore(cache=Path("~/exposure-cache"), home=Path("~/exposure"))`` (a ``Path``
   written as a shell writes it; the same strings were expanded) kept ``~`` as written:
   ``fetch`` made a folder ``~/exposure-cache`` in the current directory while it returned
   the file under ``$HOME/exposure-cache``, and every read of the lock file was refused,
   ``~/exposure/exposure.lock: the path starts with '~', which is not expanded here``.
   Now ``~`` is expanded in a ``Path`` as in a string.

Tiny made-up files written by the tests, the real mirror (``EXPOSURE_MIRROR``) for the
package's pinned files; downloads come from a local HTTP server.
"""

from __future__ import annotations

import hashlib
import io
import logging
import zipfile
from pathlib import Path

import pytest
from test_faults_cli import cli, one_error_line

from exposure import fetch as F
from exposure import releases as R
from exposure.errors import ChecksumMismatchError, DataFormatError, ExposureError
from exposure.sources import Source, select_sources

ZONES = "onet/29.1/Job Zones.txt"
BODY = b"O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n11-1011.00\t5\t08/2026\tAnalyst\r\n"
FAST = {"retries": 0, "backoff": 0.0, "timeout": 2.0}


pytestmark = pytest.mark.usefixtures("bare_env")


def _zip(members: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return buf.getvalue()


def _edited(mirror: Path) -> bytes:
    body = (mirror / ZONES).read_bytes()
    at = body.index(b"\t5\t")
    return body[:at] + b"\t4\t" + body[at + 3:]  # one job zone fixed by hand


# 1. an edited copy of a pinned file in the data directory: what to do is said

@pytest.mark.parametrize("use_mirror", [True, False])
def test_an_edited_copy_of_a_pinned_file_says_to_restore_or_remove_it(tmp_path, mirror, use_mirror):
    cache = tmp_path / "cache"
    copy = cache / "db_29_1_text" / "Job Zones.txt"
    copy.parent.mkdir(parents=True)
    copy.write_bytes(_edited(mirror))
    store = F.DataStore(cache=cache, home=tmp_path / "home", mirror=mirror if use_mirror else None)
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch(ZONES, store=store, **FAST)
    message = str(info.value)
    assert f"{copy} is your copy of the publisher's download in the data directory" in message
    assert f"put the publisher's file back unchanged, or remove {copy} to read the pinned file" in message
    if use_mirror:  # the advice works: the pinned file is read from the mirror
        copy.unlink()
        assert F.fetch(ZONES, store=store).read_bytes() == (mirror / ZONES).read_bytes()


def test_an_edited_member_of_the_users_zip_says_to_remove_the_zip(tmp_path, mirror):
    cache = tmp_path / "cache"
    cache.mkdir()
    users = cache / "db_29_1_text.zip"
    users.write_bytes(_zip({"db_29_1_text/Job Zones.txt": _edited(mirror)}))
    store = F.DataStore(cache=cache, home=tmp_path / "home", mirror=mirror)
    with pytest.raises(ChecksumMismatchError) as info:
        F.fetch(ZONES, store=store, **FAST)
    message = str(info.value)
    assert f"{users}!db_29_1_text/Job Zones.txt is your copy of the publisher's download" in message
    assert f"remove {users} to read the pinned file" in message
    users.unlink()
    assert F.fetch(ZONES, store=store).read_bytes() == (mirror / ZONES).read_bytes()


def test_the_cli_says_it_in_one_line(tmp_path, mirror, capsys):
    copy = tmp_path / "cache" / "db_29_1_text" / "Job Zones.txt"
    copy.parent.mkdir(parents=True)
    copy.write_bytes(_edited(mirror))
    code, _, err = cli(capsys, "fetch", ZONES, "--mirror", mirror, "--data-dir", tmp_path / "cache")
    line = one_error_line(err, command="fetch")
    assert code == 2 and "sha256 mismatch" in line and "put the publisher's file back unchanged" in line


# 2. an O*NET file name in other capitals is refused with the right name

def test_a_name_in_other_capitals_is_refused_naming_the_file(tmp_path):
    cache = tmp_path / "cache"
    (cache / "db_31_0_text").mkdir(parents=True)
    for name in ("Job Zones.txt", "Occupation Data.txt"):
        (cache / "db_31_0_text" / name).write_bytes(BODY)
    store = F.DataStore(cache=cache, home=tmp_path / "home", mirror=None,
                        url_map=(("https://www.onetcenter.org", "http://127.0.0.1:9"),))
    with pytest.raises(ExposureError, match=r"unknown source 'onet/31\.0/Job zones\.txt': O\*NET's file is "
                       r"'Job Zones\.txt', written with other capitals .*write 'onet/31\.0/Job Zones\.txt'"
                       ) as info:
        F.fetch("onet/31.0/Job zones.txt", store=store, **FAST)
    assert "give the file the name" not in str(info.value)
    assert F.fetch("onet/31.0/Job Zones.txt", store=store, **FAST).read_bytes() == BODY  # the advice works


def test_a_name_in_other_capitals_downloads_nothing(tmp_path, server):
    server.routes["/dl_files/database/db_31_0_excel.zip"] = (
        200, {}, _zip({"db_31_0_excel/Job Zones.xlsx": b"PK not read"}))
    store = F.DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=None,
                        url_map=(("https://www.onetcenter.org", server.url),))
    with pytest.raises(ExposureError, match=r"O\*NET's file is 'Job Zones\.xlsx'"):
        F.fetch("onet/31.0/job zones.xlsx", store=store, **FAST)
    assert server.hits == {}
    with pytest.raises(ExposureError, match=r"write 'onet/31\.0/Task Statements\.txt'"):
        R.layout_source("onet/31.0/task statements.txt")
    assert R.layout_source("onet/31.0/Job Zones.txt").member == "db_31_0_text/Job Zones.txt"
    assert R.layout_source("onet/31.0/Skills 2.txt").member == "db_31_0_text/Skills 2.txt"  # no file of O*NET's


def test_the_layouts_reason_is_said_not_another_release(tmp_path, capsys):
    store = F.DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=None)
    with pytest.raises(ExposureError, match=r"two extensions \(write 'onet/31\.0/Task Statements\.txt'\)") as info:
        F.fetch("onet/31.0/Task Statements.txt.txt", store=store, **FAST)
    assert "29.1" not in str(info.value)
    code, _, err = cli(capsys, "fetch", "onet/31.0/Job zones.txt", "--data-dir", tmp_path / "cache")
    line = one_error_line(err, command="fetch")
    assert code == 2 and "write 'onet/31.0/Job Zones.txt'" in line and "29.1" not in line
    with pytest.raises(ExposureError, match=r"did you mean 'onet/29\.1/Job Zones\.txt'"):  # a package release
        F.fetch("onet/29.1/Job zones.txt", store=store, **FAST)


# 3. a lock file saved again by a spreadsheet: its quoted comments are comments

def _spreadsheet_lock(tmp_path) -> R.Lock:
    f = tmp_path / "x"
    f.write_bytes(b"abc")
    lock = R.Lock(tmp_path / "home" / "exposure.lock")
    lock.pin(R.layout_source("onet/31.0/Job Zones.txt"), f)
    lines = lock.path.read_text().splitlines()
    saved = ['"' + ln.replace('"', '""') + '"' if "," in ln else ln for ln in lines]  # as Excel quotes
    saved.insert(0, '"# reviewed by A, 2026-11-02"')
    saved.insert(5, '"# checked against the zip, ""ok"""\t\t\t\t')
    saved.append('"# to do: Task Statements, Job Zones"')
    lock.path.write_bytes(("\r\n".join(saved) + "\r\n").encode())
    return lock


def test_quoted_comment_lines_are_read_as_comments(tmp_path):
    lock = _spreadsheet_lock(tmp_path)
    assert list(lock.entries()) == ["onet/31.0/Job Zones.txt"]
    assert R.source_for("onet/31.0/Job Zones.txt", lock).pinned


def test_quoted_comment_lines_are_kept_by_a_new_pin(tmp_path):
    lock = _spreadsheet_lock(tmp_path)
    lock.pin(R.layout_source("onet/31.0/Task Statements.txt"), tmp_path / "x")
    text = lock.path.read_text()
    assert '"# reviewed by A, 2026-11-02"' in text and '"# checked against the zip, ""ok"""' in text
    assert '"# to do: Task Statements, Job Zones"' in text
    assert list(lock.entries()) == ["onet/31.0/Job Zones.txt", "onet/31.0/Task Statements.txt"]


def test_a_quoted_line_that_is_no_comment_is_still_refused(tmp_path):
    lock = _spreadsheet_lock(tmp_path)
    lock.path.write_text(lock.path.read_text() + '"onet/31.0/Task Statements.txt"\n')
    with pytest.raises(DataFormatError, match="too few fields"):
        lock.entries()


# 4. a glob in other capitals names what it matches in them

def test_a_glob_in_other_capitals_names_the_names(tmp_path, capsys):
    with pytest.raises(ExposureError, match=r"'onet/29\.1/job\*' matches no registry name: names are "
                       r"case-sensitive, and it matches 2 in other capitals \('onet/29\.1/Job Zone "
                       r"Reference\.txt', 'onet/29\.1/Job Zones\.txt'\)"):
        select_sources(["onet/29.1/job*"])
    assert len(select_sources(["onet/29.1/Job*"])) == 2  # the advice works
    code, _, err = cli(capsys, "fetch", "ONET/29.1/Job Z*", "--data-dir", tmp_path / "cache")
    line = one_error_line(err, command="fetch")
    assert code == 2 and "case-sensitive" in line and "'onet/29.1/Job Zones.txt'" in line
    with pytest.raises(ExposureError, match=r"matches no registry name; run `exposure sources`"):
        select_sources(["onet/29.1/zz*"])


# 5. a URL map prefix that starts no URL is said, once

def _custom(server, name: str) -> Source:
    server.routes[f"/files/{name}"] = (200, {}, BODY)
    return Source(name=f"demo/{name}", release="1", url=f"https://data.example.org/files/{name}",
                  sha256=hashlib.sha256(BODY).hexdigest(), size=len(BODY), licence="CC0",
                  attribution="made up")


def test_an_unused_url_map_prefix_is_warned_of_once(tmp_path, server, caplog):
    typo = "http://www.bls.gov"  # BLS's URLs are https://
    store = F.DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=None,
                        url_map=(("https://data.example.org/files", f"{server.url}/files"),
                                 (typo, f"{server.url}/bls")))
    with caplog.at_level(logging.WARNING, logger="exposure"):
        for name in ("a.txt", "b.txt"):
            assert F.fetch(_custom(server, name), store=store, **FAST).read_bytes() == BODY
    said = [r.getMessage() for r in caplog.records if "old prefix" in r.getMessage()]
    assert len(said) == 1, said
    assert f"the old prefix {typo!r}" in said[0] and "never used" in said[0]
    assert "the URLs start with 'https://www.bls.gov'" in said[0]


def test_used_prefixes_and_the_variable_names_it(tmp_path, server, caplog, monkeypatch):
    release_prefix = "https://www.onetcenter.org/dl_files/database/db_31_0"  # of a layout, no registry URL
    monkeypatch.setenv("EXPOSURE_URL_MAP", f"https://data.example.org/files={server.url}/files "
                       f"{release_prefix}={server.url}/onet https://www.onetcentre.org={server.url}/x")
    monkeypatch.setenv("EXPOSURE_DATA_DIR", str(tmp_path / "cache"))
    store = F.DataStore.default(mirror=None)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        assert F.fetch(_custom(server, "c.txt"), store=store, **FAST).read_bytes() == BODY
    said = [r.getMessage() for r in caplog.records if "old prefix" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("$EXPOSURE_URL_MAP: the old prefix 'https://www.onetcentre.org'")
    assert "'https://www.onetcenter.org'" in said[0]


# 6. '~' in a Path given to DataStore is expanded, as in a string

def test_a_tilde_in_a_path_is_expanded(tmp_path, mirror, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "me"))
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    store = F.DataStore(cache=Path("~/exposure-cache"), home=Path("~/exposure"), mirror=Path(mirror))
    assert store.cache == tmp_path / "me" / "exposure-cache" and store.home == tmp_path / "me" / "exposure"
    assert store == F.DataStore(cache="~/exposure-cache", home="~/exposure", mirror=mirror)
    path = F.fetch(ZONES, store=store)
    assert path == tmp_path / "me" / "exposure-cache" / ZONES and path.is_file()
    assert store.lock.entries() == {}
    assert not (tmp_path / "cwd" / "~").exists()
