"""Fault round 71: the lock file's release names, URL maps, O*NET mirrors and code lists.

1. A lock line pinning an O*NET file in other capitals (``onet/31.0/Job zones.txt``, as a
   run on a file system that ignores case could have written it) was accepted:
   :func:`exposure.releases.layout_source` refuses that name, so the line was read as
   the pin of a custom source with the lock's own URL and member
   (``db_31_0_text/Job zones.txt``, which no archive of O*NET's holds), never asked for.
   Now :meth:`Lock.entries` refuses it, naming the lock file, the row and the column:
   ``the name 'onet/31.0/Job zones.txt' is of a release file written with its file name
   in another case, which no release has: write 'onet/31.0/Job Zones.txt'``. Following
   that advice left the member ``db_31_0_text/Job zones.txt``, read without a word (the
   download then failed); the member is now refused too, ``write 'db_31_0_text/Job
   Zones.txt'``, and with both fixed the line is the release file's pin.
2. The comments above a pin line whose name a spreadsheet quoted (a name with a comma:
   ``"onet/31.0/Education, Training, and Experience.txt"``) were filed under the quoted
   name, which matches no pin: the next pin moved them to the end of the lock file, away
   from the line they were about. Now the name is read as :meth:`Lock.entries` reads it,
   and the comments stay above their line.
3. The old prefixes of a URL map were compared case-sensitively:
   ``HTTPS://DATA.EXAMPLE.INVALID/files=<server>`` (a scheme and host in capitals, which
   a URL ignores) matched no URL, so the file was downloaded from the publisher's URL
   (``DownloadError`` naming it) and the map was said to be "never used (a typo?)". Now
   the scheme and host are compared in any case (the path still is case-sensitive) and
   the file comes from the mapped server.
4. The publisher's archive saved into a mirror's release folder
   (``onet/31.0/db_31_0_text.zip``, downloaded there) gave ``not found in mirror ...
   (expected .../onet/31.0/Job Zones.txt); fix the mirror or unset it to download``,
   without a word on the archive beside it. Now the error names it and says to unzip its
   files into the release folder (``unzip -j ...``); doing so makes the fetch work.
5. A list of codes given for SOC or O*NET-SOC codes (``oews_code_map``'s ``soc_codes``,
   the ``scored`` codes of ``census_weights``, :func:`exposure.crosswalks.code_list`)
   refused a code with an en dash (``15\u20131252``, pasted from a document: it looks like
   the code asked for) saying only ``got '15\u20131252' at position 0``. Now the message
   says what the code is, as the readers say it of a code cell: ``'\u2013' (U+2013, a dash
   that is not the hyphen '-'; pasted from a document?): write '15-1252'`` (and a leading
   apostrophe, a date).
6. ESCO's ISCO-08 groups (``ISCOGroups_en.csv``) cut to the groups down to the minor
   groups and saved by a spreadsheet hold the armed forces' ``01`` as ``1`` and ``011``
   as ``11``, the codes of other groups: refused as ``code '1' is on row 3 and again on
   row 5, with other values: keep one row per ISCO-08 code``, nothing on why. Now:
   ``code '1' is on row 3 and again on row 5, with other titles: the armed forces group
   '01' with its leading zero lost? Save the column as text, so that 01 keeps it``.

Tiny made-up files written by the tests; downloads come from a local HTTP server.
"""

from __future__ import annotations

import hashlib
import logging
import zipfile
from pathlib import Path

import pytest
from _http import serve

from exposure import fetch as F
from exposure import releases as R
from exposure.crosswalks import code_list, oews_code_map, read_isco_groups
from exposure.errors import DataFormatError, DownloadError
from exposure.sources import Source

BODY = b"O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n11-1011.00\t5\t08/2026\tAnalyst\r\n"
SHA = hashlib.sha256(BODY).hexdigest()
FAST = {"retries": 0, "backoff": 0.0, "timeout": 2.0}
ARCHIVE = "https://www.onetcenter.org/dl_files/database/db_31_0_text.zip"
UNREACHABLE = (("https://www.onetcenter.org", "http://127.0.0.1:9"),)


pytestmark = pytest.mark.usefixtures("bare_env")


def _lock(tmp_path: Path, *lines: str) -> R.Lock:
    path = tmp_path / "exposure.lock"
    path.write_text("name\tsize\tsha256\turl\tmember\n" + "".join(f"{line}\n" for line in lines), "utf-8")
    return R.Lock(path)


def _line(name: str, member: str) -> str:
    return f"{name}\t{len(BODY)}\t{SHA}\t{ARCHIVE}\t{member}"


# 1. a lock line of an O*NET file in other capitals is refused, and so is its member

def test_a_lock_line_of_an_onet_file_in_other_capitals_is_refused(tmp_path):
    lock = _lock(tmp_path, "# pinned on macOS", _line("onet/31.0/Job zones.txt", "db_31_0_text/Job zones.txt"))
    with pytest.raises(DataFormatError) as info:
        lock.entries()
    err = info.value
    assert (err.row, err.column) == (3, "name") and str(lock.path) in str(err)
    assert "written with its file name in another case" in err.reason
    assert err.reason.endswith("write 'onet/31.0/Job Zones.txt'")


def test_following_the_advice_on_the_name_names_the_member_then_reads_the_pin(tmp_path):
    lock = _lock(tmp_path, _line("onet/31.0/Job Zones.txt", "db_31_0_text/Job zones.txt"))
    with pytest.raises(DataFormatError) as info:
        lock.entries()
    assert (info.value.row, info.value.column) == (2, "member")
    assert info.value.reason.endswith("write 'db_31_0_text/Job Zones.txt'")
    lock = _lock(tmp_path, _line("onet/31.0/Job Zones.txt", "db_31_0_text/Job Zones.txt"))
    assert R.source_for("onet/31.0/Job Zones.txt", lock).sha256 == SHA


def test_a_top_folder_and_file_name_in_other_capitals_are_both_said(tmp_path):
    lock = _lock(tmp_path, _line("ONET/31.0/job zones.txt", "db_31_0_text/Job Zones.txt"))
    with pytest.raises(DataFormatError, match=r"with its top folder and its file name in another case, which no "
                                              r"release has: write 'onet/31.0/Job Zones.txt'"):
        lock.entries()


# 2. comments above a quoted pin line stay above it

def test_comments_above_a_quoted_name_stay_above_it_at_the_next_pin(tmp_path):
    name = "onet/31.0/Education, Training, and Experience.txt"
    member = "db_31_0_text/Education, Training, and Experience.txt"
    lock = _lock(tmp_path, "# checked against the publisher's list", f'"{name}"\t{len(BODY)}\t{SHA}\t{ARCHIVE}\t'
                 f'"{member}"')
    assert list(lock.entries()) == [name]
    (tmp_path / "zones.txt").write_bytes(BODY)
    lock.pin(R.layout_source("onet/31.0/Job Zones.txt"), tmp_path / "zones.txt")
    lines = lock.path.read_text("utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(name))
    assert lines[at - 1] == "# checked against the publisher's list"
    assert lines[-1].startswith("onet/31.0/Job Zones.txt\t")


# 3. a URL map prefix whose scheme and host are in capitals is used

def test_a_url_map_prefix_in_capitals_is_used(tmp_path, caplog):
    with serve() as server:
        server.routes["/files/a.txt"] = (200, {}, BODY)
        src = Source(name="demo/a.txt", release="1", url="https://data.example.invalid/files/a.txt", sha256=SHA,
                     size=len(BODY), licence="CC0", attribution="made up")
        store = F.DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=None,
                            url_map=(("HTTPS://DATA.EXAMPLE.INVALID/files", f"{server.url}/files"),))
        with caplog.at_level(logging.WARNING, logger="exposure"):
            assert F.fetch(src, store=store, **FAST).read_bytes() == BODY
    assert not [r for r in caplog.records if "old prefix" in r.getMessage()]


def test_the_path_of_a_url_map_prefix_is_still_case_sensitive(tmp_path):
    store = F.DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=None,
                        url_map=(("HTTPS://WWW.BLS.GOV/OES", "http://127.0.0.1:9/bls"),))
    assert store.url("https://www.bls.gov/OES/x.zip") == "http://127.0.0.1:9/bls/x.zip"
    assert store.url("https://www.bls.gov/oes/x.zip") == "https://www.bls.gov/oes/x.zip"


# 4. the publisher's archive in a mirror's release folder is named, with how to unzip it

def test_the_publishers_archive_in_the_mirror_is_named(tmp_path):
    folder = tmp_path / "mirror" / "onet" / "31.0"
    folder.mkdir(parents=True)
    archive = folder / "db_31_0_text.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("db_31_0_text/Job Zones.txt", BODY)
    store = F.DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=tmp_path / "mirror",
                        url_map=UNREACHABLE)
    with pytest.raises(DownloadError) as info:
        F.fetch("onet/31.0/Job Zones.txt", store=store, **FAST)
    said = str(info.value)
    assert f"the mirror has the publisher's archive {archive}, which is not read from a mirror" in said
    assert f"unzip its files into {folder} (unzip -j" in said
    with zipfile.ZipFile(archive) as zf:  # as unzip -j does
        (folder / "Job Zones.txt").write_bytes(zf.read("db_31_0_text/Job Zones.txt"))
    assert F.fetch("onet/31.0/Job Zones.txt", store=store, **FAST).read_bytes() == BODY


# 5. a code with a dash that is not the hyphen, or an apostrophe, is said to be one

@pytest.mark.parametrize(("codes", "kind", "said"), [
    (["11-1011", "15\u20131252"], "soc", "got '15\u20131252' at position 1: '\u2013' (U+2013, a dash that is not the "
     "hyphen '-'; pasted from a document?): write '15-1252'"),
    (["15\u22121252.00"], "onetsoc", "(U+2212, a dash that is not the hyphen '-'; pasted from a document?): write "
     "'15-1252.00'"),
    (["'15-1252"], "soc", "at position 0: a leading apostrophe (a spreadsheet's mark for text)? remove it"),
])
def test_a_code_list_says_what_a_bad_code_is(codes, kind, said):
    with pytest.raises(DataFormatError) as info:
        code_list(codes, "codes", kind)
    assert str(info.value).endswith(said)


def test_oews_code_map_says_a_code_has_another_dash():
    with pytest.raises(DataFormatError, match=r"soc_codes must be a list of SOC codes \(like 11-1011\), got "
                                              r"'15\u20131252' at position 0: .* write '15-1252'$"):
        oews_code_map(["15\u20131252"], ["15-1252"])


# 6. an armed forces group that lost its leading zero, beside the group of its new code

def test_an_armed_forces_group_without_its_leading_zero_is_said_to_be_one(tmp_path):
    path = tmp_path / "ISCOGroups_en.csv"
    path.write_text("conceptType,code,preferredLabel\nISCOGroup,0,Armed forces occupations\n"
                    "ISCOGroup,1,Commissioned armed forces officers\nISCOGroup,11,Commissioned armed forces officers\n"
                    "ISCOGroup,1,Managers\nISCOGroup,11,\"Chief executives, senior officials and legislators\"\n",
                    "utf-8")
    with pytest.raises(DataFormatError) as info:
        read_isco_groups(path)
    assert (info.value.row, info.value.column) == (5, "code")
    assert info.value.reason == ("code '1' is on row 3 and again on row 5, with other titles: the armed forces group "
                                 "'01' with its leading zero lost? write '01', and import that column as Text when "
                                 "opening the file in a spreadsheet")
    path.write_text(path.read_text("utf-8").replace(",1,Comm", ",01,Comm").replace(",11,Comm", ",011,Comm"), "utf-8")
    assert read_isco_groups(path)["isco08_code"].tolist() == ["0", "01", "011", "1", "11"]
