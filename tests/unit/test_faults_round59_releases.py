"""Fault round 59 (releases): the O*NET release as a number, and the lock file edited by hand.

Faults found and fixed:

1. ``load_onet(29.1)`` (a float: a release typed without quotes, or read from a CSV or
   JSON file of settings) was accepted: the release loaded with the float 29.1 as its
   ``release``, so scoring warnings said "the O*NET release" instead of "O*NET 29.1" and
   model metadata stored a float, while ``RecomputeInputs`` and ``validate_sources``
   refuse a float. ``onet_file_names``, ``onet_format`` and ``onet_name`` took one too
   (``onet_format(31.0)`` returned ``'text'``). A float cannot tell ``30.10`` from
   ``30.1``, so it is now refused everywhere, by the shared check
   (``exposure.releases.check_onet_release``, before the store is opened):
   ``O*NET release float 29.1 is not of the form MAJOR.MINOR (e.g. 29.1, 31.0): give it as
   text (str), in quotes (...)``; None or a list likewise (a ``DataFormatError``).
2. A lock line copied from another release and renamed by hand
   (``onet/31.1/Job Zones.txt`` keeping the URL ``.../db_31_0_text.zip`` and the member
   ``db_31_0_text/Job Zones.txt``, or an OEWS line keeping ``oesm25nat``), or whose
   member is another file (``db_31_0_text/Task Statements.txt`` for ``Job Zones.txt``),
   was read as it was: the download fetched the other release's file, its sha256 matched
   the copied one, and O*NET 31.1 was loaded from 31.0's files without a word (``exposure
   sources --releases`` listed 31.1 with 31.0's archive). Now refused when the lock file
   is read, naming its row and the column ``url`` or ``member`` and what to write;
   ``Lock.pin`` refuses to write such a line.
3. A lock line whose URL or archive member has a space around it (left by a hand edit)
   was read: the download failed with ``HTTP 404 ... the file is not (or no longer) at
   this URL`` or ``archive ... has no member 'db_31_0_text/Job Zones.txt '; ... (the
   publisher dropped or renamed it?)``, naming neither the lock file nor its line (a
   leading space was called "not an http:// or https:// URL"). Now refused on its row
   and column: ``the URL '... ' of onet/31.0/Job Zones.txt has surrounding spaces:
   remove them``.
4. The comment lines a user wrote into ``exposure.lock`` (a review note above a line,
   ``# checked against the publisher's list``) were dropped without a word by the next
   pin (``Lock.pin``, a recompute's commit of its pins): the file was written anew from
   its entries. They are now kept, each above the line it stood above (those above the
   header stay there, those ending the file or above a line no longer there end it).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
from _fetch_helpers import store_in_tmp
from _release_files import onet_release, served_release, write_release_folder
from test_faults_cli import cli, one_error_line

from exposure import releases
from exposure.errors import DataFormatError, ExposureError
from exposure.fetch import StagedPins, fetch
from exposure.onet import load_onet, onet_file_names
from exposure.releases import Lock, layout_source, releases_frame
from exposure.sources import SOURCES

HEADER = "name\tsize\tsha256\turl\tmember\n"
ONET = "https://www.onetcenter.org/dl_files/database/db_{}_text.zip"
BLS = "https://www.bls.gov/oes/special-requests/oesm{}nat.zip"


def _lock(folder, *lines: str) -> Lock:
    """The lock file ``exposure.lock`` of ``folder`` (made if need be) holding ``lines``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "exposure.lock"
    path.write_text(HEADER + "".join(line + "\n" for line in lines), "utf-8")
    return Lock(path)


def _line(name: str, url: str, member: str, data: bytes = b"abc") -> str:
    return f"{name}\t{len(data)}\t{hashlib.sha256(data).hexdigest()}\t{url}\t{member}"


def _abc(tmp_path) -> Path:
    """The file ``x.txt`` of ``tmp_path`` holding ``abc``: what the tests pin."""
    data = tmp_path / "x.txt"
    data.write_bytes(b"abc")
    return data


# ------------------------------------------------------------ 1. an O*NET release given as a number

@pytest.mark.parametrize("release", [29.1, np.float64(30.1), np.float32(29.1), 31, None, ["29.1"]],
                         ids=["float", "float64", "float32", "int", "none", "list"])
def test_check_onet_release_refuses_what_is_not_text(release):
    with pytest.raises(DataFormatError, match=r"^O\*NET release .* is not of the form MAJOR\.MINOR \(e\.g\. 29\.1, "
                       r"31\.0\): give it as text \(str\)"):
        releases.check_onet_release(release)


def test_a_float_release_says_why_quotes_matter():
    with pytest.raises(DataFormatError) as info:
        releases.check_onet_release(30.10)
    assert str(info.value) == (
        "O*NET release float 30.1 is not of the form MAJOR.MINOR (e.g. 29.1, 31.0): give it as text (str), in "
        "quotes (a number loses the zeros of a release: 30.10 and 30.1 are one float)")


def test_load_onet_of_a_float_is_refused(tmp_path, monkeypatch):
    store = store_in_tmp(tmp_path, monkeypatch)
    write_release_folder(store.cache, onet_release())
    assert load_onet("31.0", store=store).release == "31.0"  # as text: loaded
    with pytest.raises(DataFormatError, match=r"O\*NET release float 31\.0 .*give it as text \(str\)"):
        load_onet(31.0, store=store)


def test_load_onet_of_a_float_is_refused_before_the_store_is_opened(tmp_path):
    # a mirror that is a file: the release is refused first, as with fmt=
    mirror = tmp_path / "m.txt"
    mirror.write_text("x")
    with pytest.raises(DataFormatError, match=r"O\*NET release float 29\.1"):
        load_onet(29.1, mirror=mirror)


@pytest.mark.parametrize("call", [lambda: onet_file_names(np.float64(30.1)), lambda: releases.onet_format(31.0),
                                  lambda: releases.onet_name(31.0, "Job Zones")],
                         ids=["onet_file_names", "onet_format", "onet_name"])
def test_release_helpers_refuse_a_float(call):
    with pytest.raises(DataFormatError, match="give it as text"):
        call()


def test_releases_as_text_still_pass():
    assert releases.check_onet_release("29.1") == "29.1"
    assert releases.onet_format("30.1") == "excel"
    assert onet_file_names("29.1")["tasks"] == "onet/29.1/Task Statements.txt"


# ------------------------------------------------------------ 2. a lock line of another release or file

@pytest.mark.parametrize(("line", "column", "said"), [
    (_line("onet/31.1/Job Zones.txt", ONET.format("31_0"), "db_31_0_text/Job Zones.txt"), "url",
     "is of O*NET 31.0 (db_31_0_text), not O*NET 31.1: a line copied from another release? write "
     f"'{ONET.format('31_1')}'"),
    (_line("onet/31.0/Job Zones.txt", "https://mirror.example.org/onet.zip", "db_30_1_text/Job Zones.txt"),
     "member", "is of O*NET 30.1 (db_30_1_text), not O*NET 31.0"),
    (_line("onet/31.0/Job Zones.txt", ONET.format("31_0"), "db_31_0_text/Task Statements.txt"), "member",
     "is another file than 'Job Zones.txt': a line copied from another file? write 'db_31_0_text/Job Zones.txt'"),
    (_line("oews/national_M2026_dl.xlsx", BLS.format("25"), "oesm25nat/national_M2025_dl.xlsx"), "url",
     "is of OEWS May 2025 (oesm25nat), not OEWS May 2026"),
    (_line("oews/national_M2026_dl.xlsx", BLS.format("26"), "oesm26nat/national_M2025_dl.xlsx"), "member",
     "is another file than 'national_M2026_dl.xlsx'"),
], ids=["onet-url", "onet-member", "onet-other-file", "oews-url", "oews-other-file"])
def test_lock_line_of_another_release_or_file_is_refused_on_its_row(tmp_path, line, column, said):
    ok = _line("onet/31.0/DWA Reference.txt", ONET.format("31_0"), "db_31_0_text/DWA Reference.txt")
    lock = _lock(tmp_path, ok, line)
    with pytest.raises(DataFormatError) as info:
        lock.entries()
    message = str(info.value)
    assert message.startswith(f"{lock.path}, row 3, column '{column}': "), message
    assert said in message
    with pytest.raises(DataFormatError, match=f"row 3, column '{column}'"):
        releases_frame(lock)


def test_lock_lines_of_their_own_release_are_read(tmp_path):
    lines = [
        _line("onet/31.0/Job Zones.txt", ONET.format("31_0"), "db_31_0_text/Job Zones.txt"),
        _line("onet/31.0/Task Statements.txt", "", ""),  # the layout's URL and member
        _line("onet/31.0/Occupation Data.txt", "https://mirror.example.org/o/31.0/Occupation%20Data.txt", ""),
        _line("onet/31.0/Read Me.txt", "https://www.onetcenter.org/dl_files/database/db_31_0_excel.zip",
              "db_31_0_excel/Read Me.txt"),  # a text file of the Excel download, as 30.1 has it
        _line("oews/nat3d_M2026_dl.xlsx", "https://www.bls.gov/oes/special-requests/oesm26in4.zip",
              "oesm26in4/nat3d_M2026_dl.xlsx"),
        _line("demo/db_30_1_text.csv", "https://example.org/db_29_1_text.zip", "x/other.csv"),  # custom source
    ]
    src = SOURCES["onet/30.1/Read Me.txt"]  # the package's pin repeated: an Excel archive's text file
    lines.append(f"{src.name}\t{src.size}\t{src.sha256}\t{src.download_url}\t{src.member}")
    assert len(_lock(tmp_path, *lines).entries()) == 7


def test_pin_refuses_a_source_of_another_release(tmp_path):
    data = _abc(tmp_path)
    lock = Lock(tmp_path / "exposure.lock")
    src = layout_source("onet/31.1/Job Zones.txt")
    copied = src.__class__(**{**src.__dict__, "url": ONET.format("31_0"), "archive_url": ONET.format("31_0"),
                              "member": "db_31_0_text/Job Zones.txt"})
    with pytest.raises(DataFormatError, match=r"onet/31\.1/Job Zones\.txt: cannot pin it: .*O\*NET 31\.0.*nothing "
                       "was pinned"):
        lock.pin(copied, data)
    assert not lock.path.exists()


def test_release_pinned_with_the_lines_of_another_release_is_not_loaded(tmp_path, monkeypatch, server):
    files = onet_release()
    store = served_release(tmp_path, monkeypatch, server, files)
    _lock(store.home, *[_line(f"onet/31.1/{base}.txt", ONET.format("31_0"), f"db_31_0_text/{base}.txt", data)
                        for base, data in files.items()])
    with pytest.raises(DataFormatError, match=r"exposure\.lock, row 2, column 'url': .* of onet/31\.1/"):
        load_onet("31.1", store=store)  # loaded 31.0's files before
    assert server.hits == {}


def test_sources_releases_names_the_copied_line(tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    _lock(home, _line("onet/31.1/Job Zones.txt", ONET.format("31_0"), "db_31_0_text/Job Zones.txt"))
    monkeypatch.setenv("EXPOSURE_HOME", str(home))
    code, _, err = cli(capsys, "sources", "--releases")
    assert code == 2
    line = one_error_line(err, command="sources")
    assert "exposure.lock, row 2, column 'url': the URL" in line and "not O*NET 31.1" in line


# ------------------------------------------------------------ 3. a URL or member with spaces around it

@pytest.mark.parametrize(("url", "member", "column"), [
    (ONET.format("31_0") + " ", "db_31_0_text/Job Zones.txt", "url"),
    (" " + ONET.format("31_0"), "db_31_0_text/Job Zones.txt", "url"),
    (ONET.format("31_0"), "db_31_0_text/Job Zones.txt ", "member"),
    (ONET.format("31_0"), "db_31_0_text/Job Zones.txt\u00a0", "member"),
], ids=["url-trailing", "url-leading", "member-trailing", "member-nbsp"])
def test_lock_url_or_member_with_spaces_around_is_refused_on_its_row(tmp_path, url, member, column):
    lock = _lock(tmp_path, _line("onet/31.0/Job Zones.txt", url, member))
    with pytest.raises(DataFormatError) as info:
        lock.entries()
    message = str(info.value)
    assert message.startswith(f"{lock.path}, row 2, column '{column}': the ")
    assert message.endswith("of onet/31.0/Job Zones.txt has surrounding spaces: remove them")


def test_download_of_a_padded_member_names_the_lock_line(tmp_path, monkeypatch, server):
    files = onet_release()
    store = served_release(tmp_path, monkeypatch, server, files)
    _lock(store.home, _line("onet/31.0/Job Zones.txt", ONET.format("31_0"), "db_31_0_text/Job Zones.txt ",
                            files["Job Zones"]))
    # was: DownloadError ... has no member 'db_31_0_text/Job Zones.txt ' ... (the publisher dropped or renamed it?)
    with pytest.raises(DataFormatError, match=r"exposure\.lock, row 2, column 'member': .*surrounding spaces"):
        fetch("onet/31.0/Job Zones.txt", store=store)


def test_pin_refuses_a_padded_url(tmp_path):
    data = _abc(tmp_path)
    src = layout_source("onet/31.0/Job Zones.txt")
    padded = src.__class__(**{**src.__dict__, "url": src.url + " ", "archive_url": src.archive_url + " "})
    lock = Lock(tmp_path / "exposure.lock")
    with pytest.raises(DataFormatError, match="cannot pin it: the URL .* has surrounding spaces"):
        lock.pin(padded, data)
    assert not lock.path.exists()


# ------------------------------------------------------------ 4. the user's comments in the lock file

def _annotated(tmp_path) -> Lock:
    lock = Lock(tmp_path / "exposure.lock")
    lock.pin(layout_source("onet/31.0/Job Zones.txt"), _abc(tmp_path))
    text = lock.path.read_text("utf-8")
    text = text.replace("name\t", "# lock of the 2026 study\nname\t")
    text = text.replace("onet/31.0/Job Zones.txt\t", "# Job Zones checked against the publisher, A.B.\n"
                        "onet/31.0/Job Zones.txt\t") + "# end of the reviewed pins\n"
    lock.path.write_text(text, "utf-8")
    return lock


def _expected_notes(text: str) -> None:
    lines = text.splitlines()
    assert lines[lines.index("name\tsize\tsha256\turl\tmember") - 1] == "# lock of the 2026 study"
    zones = next(i for i, ln in enumerate(lines) if ln.startswith("onet/31.0/Job Zones.txt\t"))
    assert lines[zones - 1] == "# Job Zones checked against the publisher, A.B."
    assert lines[-1] == "# end of the reviewed pins"


def test_pin_keeps_the_comments_a_user_wrote(tmp_path):
    lock = _annotated(tmp_path)
    lock.pin(layout_source("onet/31.0/DWA Reference.txt"), tmp_path / "x.txt")  # sorted above Job Zones
    lock.pin(layout_source("onet/31.0/Task Statements.txt"), tmp_path / "x.txt")
    text = lock.path.read_text("utf-8")
    _expected_notes(text)  # they were all dropped
    assert text.startswith("# exposure.lock: sha256 of upstream files")
    assert text.count("# exposure.lock:") == 1
    assert list(lock.entries()) == ["onet/31.0/DWA Reference.txt", "onet/31.0/Job Zones.txt",
                                    "onet/31.0/Task Statements.txt"]


def test_a_runs_commit_keeps_the_comments_a_user_wrote(tmp_path):
    lock = _annotated(tmp_path)
    staged = StagedPins(lock.path)
    src = layout_source("onet/31.0/Task Statements.txt")
    staged.entries[src.name] = Lock._entry(src, tmp_path / "x.txt", None)
    assert staged.commit() == [src.name]
    _expected_notes(lock.path.read_text("utf-8"))


def test_a_lock_without_comments_is_written_as_before(tmp_path):
    data = _abc(tmp_path)
    lock = Lock(tmp_path / "exposure.lock")
    lock.pin(layout_source("onet/31.0/Job Zones.txt"), data)
    lock.pin(layout_source("onet/31.0/DWA Reference.txt"), data)
    lines = lock.path.read_text("utf-8").splitlines()
    assert [ln for ln in lines if ln.startswith("#")] == releases._LOCK_HEADER.splitlines()
    assert lines[3] == "name\tsize\tsha256\turl\tmember" and len(lines) == 6


def test_a_pin_that_fails_keeps_the_file_and_its_comments(tmp_path):
    lock = _annotated(tmp_path)
    before = lock.path.read_bytes()
    with pytest.raises(ExposureError):
        lock.pin(layout_source("onet/31.0/Job Zones.txt"), tmp_path / "missing.txt")
    assert lock.path.read_bytes() == before
