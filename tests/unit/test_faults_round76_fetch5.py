"""Fault round 76 (fetch5): the data directory, second part.

1. A ``--data-dir`` that is a file (or under one) and a file of a release nobody pinned
   (``exposure fetch 'onet/31.0/Job Zones.txt' --data-dir FILE``): the advice was
   ```exposure recompute --onet-release 31.0 --data-dir FILE` (with --mirror, or from the
   network) downloads, validates and pins the files it reads``, and the recompute advised
   failed with ``cache directory FILE exists and is not a directory``. Now the data
   directory is checked first: ``cache directory FILE exists and is not a directory
   (check --data-dir / $EXPOSURE_DATA_DIR)`` (``cannot create the cache directory
   FILE/sub: FILE is a file, not a directory ...``); a data directory still to be made gets
   the advice as before, and nothing is made.
2. :func:`exposure.fetch.extract_zip` of a whole zip (``members=None``) holding a
   directory entry written without its final ``/`` (its mode says a directory): ``zip
   member 'db_31_0_text' is a directory, not a regular file; nothing was extracted``, the
   whole archive refused. Now the entry is skipped, as those with the ``/`` are, and the
   files are extracted; the entry asked for by name is refused as before.
3. With a URL map (``$EXPOSURE_URL_MAP``), the warnings of a file downloaded while the
   data directory holds the release another way named the publisher's URL, not the one
   downloaded from: ``the file is downloaded from
   https://www.onetcenter.org/dl_files/database/db_29_1_text.zip instead`` (the release
   folder a link to nothing), ``the release is downloaded from https://www.onetcenter.org/...``
   (the file at the top of the data directory), ``..., so the release is downloaded from
   https://www.onetcenter.org/... to read your copy instead`` (O*NET's other format). Now
   they name the URL the map gives (``http://127.0.0.1:PORT/onet/db_29_1_text.zip``). So
   do the warning of a copy renamed by a browser (``..., so the release is downloaded from
   ...``) and the error of a downloaded file its reader refused (``onet/31.0/Job Zones.txt
   (downloaded from https://www.onetcenter.org/...; removed from the cache), row 2, ...``).
4. ``backoff=Decimal('0.5')`` (a Fraction too) of :func:`exposure.fetch.fetch`,
   :func:`~exposure.fetch.download` and :func:`~exposure.fetch.fetch_many` was refused:
   ``backoff must be a finite number of seconds, 0 or more, got Decimal 0.5``, while
   ``timeout``, ``retries`` and ``deadline`` took a Decimal. Now it is read as 0.5
   (:func:`exposure._args.as_real`); ``Decimal('NaN')`` and ``Decimal('-1')`` are refused
   as before.
5. The folder ``db_31_0_text/`` and the zip ``db_31_0_text.zip`` in the data directory
   holding the same file with other line ends (the folder unzipped with ``unzip -a``, or
   copied through git): ``the data directory holds two copies of it with other bytes: ...
   two dates of the release? Keep the one you want ...``, a wrong guess; so was the error
   of the mirror's copy and the user's. Now ``...: the same text with other line ends,
   CRLF in D/db_31_0_text.zip!db_31_0_text/Job Zones.txt and LF in D/db_31_0_text/Job
   Zones.txt (unzipped with 'unzip -a', or copied through git's line-end conversion or
   dos2unix?), not two dates of the release. Keep the one you want ...``.

Tiny made-up files written by the tests, the real mirror's Job Zones of O*NET 29.1, and a
local HTTP server; nothing is downloaded from the internet.
"""

from __future__ import annotations

import logging
import stat
import zipfile
from decimal import Decimal
from fractions import Fraction

import pytest
from test_faults_cli import cli, one_error_line
from test_faults_round76_fetch4 import _online, _warned, _zip, _zip_bytes

from exposure import fetch as F
from exposure.errors import DataFormatError

ZONES = "onet/31.0/Job Zones.txt"
PINNED = "onet/29.1/Job Zones.txt"
ZONES_TXT = "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n11-1011.00\t5\t08/2026\tAnalyst\r\n"
OTHER_TXT = ZONES_TXT.replace("\t5\t", "\t4\t")
LF_TXT = ZONES_TXT.replace("\r\n", "\n")
FAST = {"retries": 0, "backoff": 0.0, "timeout": 2.0}


@pytest.fixture(autouse=True)
def _clean_env(bare_env):
    """The shared ``bare_env``, and the warnings said once per data directory and zip said afresh.

    Each test has its own directory.
    """
    F._SAID_LOOSE.clear()
    F._SAID_OTHER_FORMAT.clear()
    F._SAID_RENAMED.clear()


# 1. a data directory that is a file is said before the advice to recompute into it

@pytest.mark.parametrize("name", [ZONES, "onet/31.0", "onet/31.0/*"])
def test_a_data_directory_that_is_a_file_is_said_before_the_advice(tmp_path, name):
    afile = tmp_path / "my data"
    afile.write_text("not a directory")
    store = F.DataStore(cache=afile, home=tmp_path / "home")
    with pytest.raises(F.CacheWriteError) as info:
        F.select_fetchable([name], store)
    assert str(info.value) == (f"cache directory {afile} exists and is not a directory (check --data-dir / "
                               "$EXPOSURE_DATA_DIR)")
    assert "recompute" not in str(info.value)
    afile.unlink()  # a data directory still to be made gets the advice, and is not made
    with pytest.raises(F.ExposureError, match=r"`exposure recompute --onet-release 31\.0 --data-dir "
                                              f"'{afile}'`"):
        F.select_fetchable([name], store)
    assert not afile.exists()


def test_a_data_directory_under_a_file_is_said_by_the_command(tmp_path, capsys):
    afile = tmp_path / "afile"
    afile.write_text("x")
    code, _, err = cli(capsys, "fetch", ZONES, "--data-dir", str(afile / "sub"))
    assert code == 2
    line = one_error_line(err, command="fetch")
    assert line == (f"exposure fetch: error: cannot create the cache directory {afile / 'sub'}: {afile} is a "
                    "file, not a directory (check --data-dir / $EXPOSURE_DATA_DIR)")


# 2. a directory entry without its final '/' is skipped by extract_zip

def _dir_entry(zf: zipfile.ZipFile, name: str) -> None:
    info = zipfile.ZipInfo(name)  # no final '/', a directory's mode (as some zip tools write it)
    info.create_system = 3
    info.external_attr = (stat.S_IFDIR | 0o755) << 16
    zf.writestr(info, "")


def test_extract_zip_skips_a_directory_entry_without_its_slash(tmp_path):
    archive = tmp_path / "db_31_0_text.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        _dir_entry(zf, "db_31_0_text")
        zf.writestr("db_31_0_text/Job Zones.txt", ZONES_TXT)
        _dir_entry(zf, "db_31_0_text/empty")
    out = tmp_path / "out"
    done = F.extract_zip(archive, out)
    assert done == [out / "db_31_0_text" / "Job Zones.txt"]
    assert done[0].read_bytes() == ZONES_TXT.encode()
    assert not (out / "db_31_0_text" / "empty").exists()
    with pytest.raises(DataFormatError, match="'db_31_0_text' is a directory, not a regular file"):
        F.extract_zip(archive, tmp_path / "out2", members=["db_31_0_text"])  # asked for by name


# 3. the warnings name the URL the file is downloaded from (the URL map's)

def test_the_link_warning_names_the_url_of_the_map(tmp_path, server, mirror, caplog):
    cache, gone = tmp_path / "cache", tmp_path / "usb" / "db_29_1_text"
    cache.mkdir()
    (cache / "db_29_1_text").symlink_to(gone, target_is_directory=True)
    body = (mirror / PINNED).read_bytes()
    server.routes["/onet/db_29_1_text.zip"] = (200, {}, _zip_bytes({"db_29_1_text/Job Zones.txt": body}))
    with caplog.at_level(logging.WARNING, logger="exposure"):
        assert F.fetch(PINNED, store=_online(tmp_path, server, cache), **FAST).read_bytes() == body
    said = _warned(caplog, cache / "db_29_1_text")
    assert len(said) == 1, said
    assert said[0].endswith(f"the file is downloaded from {server.url}/onet/db_29_1_text.zip instead")
    assert server.hits == {"/onet/db_29_1_text.zip": 1}


def test_the_loose_file_warning_names_the_url_of_the_map(tmp_path, server, caplog):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "Job Zones.txt").write_text(OTHER_TXT)  # unzipped without its folder
    server.routes["/onet/db_31_0_text.zip"] = (200, {}, _zip_bytes({"db_31_0_text/Job Zones.txt": ZONES_TXT}))
    with caplog.at_level(logging.WARNING, logger="exposure"):
        F.fetch(ZONES, store=_online(tmp_path, server, cache), **FAST)
    said = _warned(caplog, cache / "Job Zones.txt")
    assert len(said) == 1, said
    assert said[0].startswith(f"{ZONES}: the release is downloaded from {server.url}/onet/db_31_0_text.zip; ")
    assert "onetcenter.org" not in said[0]


def test_the_other_format_warning_names_the_url_of_the_map(tmp_path, server, caplog):
    cache = tmp_path / "cache"
    (cache / "db_31_0_excel").mkdir(parents=True)
    (cache / "db_31_0_excel" / "Job Zones.xlsx").write_bytes(b"PK")
    server.routes["/onet/db_31_0_text.zip"] = (200, {}, _zip_bytes({"db_31_0_text/Job Zones.txt": ZONES_TXT}))
    with caplog.at_level(logging.WARNING, logger="exposure"):
        F.fetch(ZONES, store=_online(tmp_path, server, cache), **FAST)
    said = _warned(caplog, "db_31_0_excel")
    assert len(said) == 1, said
    assert said[0].startswith(f"{ZONES}: not in the data directory in the format asked, so the release is "
                              f"downloaded from {server.url}/onet/db_31_0_text.zip; ")


def test_the_renamed_copy_warning_names_the_url_of_the_map(tmp_path, server, caplog):
    cache = tmp_path / "cache"
    cache.mkdir()
    renamed = _zip(cache / "db_31_0_text (1).zip", {"db_31_0_text/Job Zones.txt": OTHER_TXT})
    server.routes["/onet/db_31_0_text.zip"] = (200, {}, _zip_bytes({"db_31_0_text/Job Zones.txt": ZONES_TXT}))
    with caplog.at_level(logging.WARNING, logger="exposure"):
        F.fetch(ZONES, store=_online(tmp_path, server, cache), **FAST)
    said = _warned(caplog, renamed)
    assert len(said) == 1, said
    assert said[0].startswith(f"{ZONES}: not in the data directory under the publisher's name, so the release is "
                              f"downloaded from {server.url}/onet/db_31_0_text.zip; ")


def test_a_refused_download_names_the_url_of_the_map(tmp_path, server):
    cache = tmp_path / "cache"
    server.routes["/onet/db_31_0_text.zip"] = (200, {}, _zip_bytes({"db_31_0_text/Job Zones.txt": ZONES_TXT}))

    def reader(path):
        raise DataFormatError("a cell the reader refuses", path=path, row=2, column="Job Zone")

    with pytest.raises(DataFormatError) as info:
        F.fetch_table(ZONES, reader, store=_online(tmp_path, server, cache), **FAST)
    assert str(info.value).startswith(f"{ZONES} (downloaded from {server.url}/onet/db_31_0_text.zip; removed from "
                                      "the cache), row 2, column 'Job Zone': a cell the reader refuses")


# 4. backoff given as a Decimal or a Fraction

@pytest.mark.parametrize("backoff", [Decimal("0.5"), Fraction(1, 2)])
def test_a_decimal_backoff_is_read(tmp_path, mirror, backoff):
    assert F._check_network(backoff=backoff) == (None, None, 0.5, None)
    path = F.fetch(PINNED, mirror=mirror, data_dir=tmp_path / "cache", backoff=backoff)
    assert path.read_bytes() == (mirror / PINNED).read_bytes()
    fetched, errors = F.fetch_many([PINNED], mirror=mirror, data_dir=tmp_path / "cache", backoff=backoff)
    assert list(fetched) == [PINNED] and errors == {}
    for bad, shown in ((Decimal("NaN"), "Decimal NaN"), (Decimal("-1"), "Decimal -1")):  # refused as before
        with pytest.raises(DataFormatError) as info:
            F.fetch(PINNED, mirror=mirror, data_dir=tmp_path / "cache", backoff=bad)
        assert str(info.value) == f"backoff must be a finite number of seconds, 0 or more, got {shown}"


def test_a_decimal_backoff_is_used_by_download(tmp_path, server):
    server.routes["/a.txt"] = (200, {}, b"x,y\n1,2\n")
    path = F.download(f"{server.url}/a.txt", tmp_path / "a.txt", retries=0, backoff=Decimal("0.5"))
    assert path.read_bytes() == b"x,y\n1,2\n"


# 5. two copies with other line ends are said so, not as two dates of the release

def test_folder_and_zip_with_other_line_ends_are_said_so(tmp_path):
    cache = tmp_path / "cache"
    (cache / "db_31_0_text").mkdir(parents=True)
    folder_file = cache / "db_31_0_text" / "Job Zones.txt"
    folder_file.write_bytes(LF_TXT.encode())  # unzipped with `unzip -a`
    archive = _zip(cache / "db_31_0_text.zip", {"db_31_0_text/Job Zones.txt": ZONES_TXT})
    with pytest.raises(F.DownloadError) as info:
        F.fetch(ZONES, data_dir=cache)
    said = str(info.value)
    assert (f": the same text with other line ends, CRLF in {archive}!db_31_0_text/Job Zones.txt and LF in "
            f"{folder_file} (unzipped with 'unzip -a', or copied through git's line-end conversion or dos2unix?), "
            "not two dates of the release. Keep the one you want (remove the other, or unzip the zip over the "
            "folder); nothing was read") in said
    assert "two dates of the release?" not in said
    folder_file.write_bytes(OTHER_TXT.replace("\r\n", "\n").encode())  # other tables: two dates, as before
    with pytest.raises(F.DownloadError, match=r"two dates of the release\? Keep the one you want"):
        F.fetch(ZONES, data_dir=cache)
    folder_file.unlink()  # the advice, followed: the zip is read
    (cache / "db_31_0_text").rmdir()
    assert F.fetch(ZONES, data_dir=cache).read_bytes() == ZONES_TXT.encode()


def test_the_mirrors_copy_and_yours_with_other_line_ends_are_said_so(tmp_path):
    cache, mirror = tmp_path / "cache", tmp_path / "mirror"
    (mirror / "onet" / "31.0").mkdir(parents=True)
    mirrored = mirror / ZONES
    mirrored.write_bytes(ZONES_TXT.encode())
    (cache / "db_31_0_text").mkdir(parents=True)
    mine = cache / "db_31_0_text" / "Job Zones.txt"
    mine.write_bytes(LF_TXT.encode())
    with pytest.raises(F.DownloadError) as info:
        F.fetch(ZONES, data_dir=cache, mirror=mirror)
    assert (f"hold other bytes: the same text with other line ends, CRLF in {mirrored} and LF in {mine} "
            "(unzipped with 'unzip -a', or copied through git's line-end conversion or dos2unix?), not two dates "
            "of the release. The mirror's would be read") in str(info.value)
