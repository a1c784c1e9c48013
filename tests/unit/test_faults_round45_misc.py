"""Fault round 45 (sector coverage, lock file): leftovers of the last review.

1. :func:`exposure.rollup.to_sectors` counted ``covered_emp`` over the cells whose
   occupation has a beta, while its alpha and gamma means skipped only the cells without
   their own measure: a ``soc_scores`` made by hand with alpha and gamma but no beta on a
   row gave an industry alpha and gamma means over more workers than its ``covered_emp``
   (and with beta missing on every row, alpha means beside ``covered_emp`` 0), without a
   word. Refused now, naming ``soc_scores``, the row and the column.
2. :func:`exposure.rollup.workforce_stats` and :func:`exposure.rollup.working_time`,
   called on their own with a frame giving a sector two titles, kept the first without a
   word (only :func:`to_sectors` warned). They warn too now, once per frame: a roll-up
   that reads one frame in all three warns once.
3. A lock line with an archive member but an empty URL: a file of a release layout was
   downloaded from the layout's archive and member (the lock's member dropped without a
   word). Refused now, naming the lock file, the row and the column ``url``; and
   :meth:`Lock.pin` refuses to write such a line.
4. A lock name with its top folder in upper case (``ONET/31.0/Job Zones.txt``) was read as
   a custom source that nobody asks for; refused now, saying what to write.
5. :meth:`Lock.pin` wrote a line under a name the reader refuses (a tab or a line break
   in the name, surrounding spaces, ``Job Zones.TXT``): every later read of the lock file
   failed, so all its pins were unusable. Refused now, and nothing is written.
6. :func:`exposure.releases.source_for` gave a file the lock pins with another URL and
   member (a mirror of the archive) the layout's URL and member, while a fetch downloads
   from the lock's: ``exposure sources --releases`` (:func:`releases_frame`) listed a URL
   the files did not come from. The lock's now, as :mod:`exposure.fetch` reads them.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.fetch import DataStore, _as_source
from exposure.releases import Lock, releases_frame, source_for
from exposure.rollup import to_sectors, workforce_stats, working_time
from exposure.sources import Source

HEADER = "name\tsize\tsha256\turl\tmember\n"
ZONES_URL = "https://www.onetcenter.org/dl_files/database/db_31_0_text.zip"


def _soc(**measures) -> pd.DataFrame:
    base = {"soc_code": ["11-1011", "13-1020"], "soc_title": ["Chief Executives", "Buyers"],
            "alpha": [0.2, 0.6], "beta": [0.4, 0.7], "gamma": [0.6, 0.8], "tot_emp": [60.0, 40.0]}
    base.update(measures)
    return pd.DataFrame(base)


def _emp(titles=("Agriculture", "Agriculture", "Agriculture")) -> pd.DataFrame:
    return pd.DataFrame({"naics": "11", "naics_title": list(titles), "i_group": "sector",
                         "occ_code": ["00-0000", "11-1011", "13-1020"],
                         "o_group": ["total", "detailed", "detailed"], "tot_emp": ["100", "60", "40"]})


def _line(name: str, data: bytes = b"abc", url: str = ZONES_URL, member: str = "") -> str:
    return f"{name}\t{len(data)}\t{hashlib.sha256(data).hexdigest()}\t{url}\t{member}"


def _lock(tmp_path: Path, *lines: str) -> Lock:
    path = tmp_path / "exposure.lock"
    path.write_text(HEADER + "".join(line + "\n" for line in lines), "utf-8")
    return Lock(path)


def _titles(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "two titles" in r.getMessage()]


# 1. to_sectors: measures over other workers than covered_emp ------------------------------


def test_to_sectors_refuses_a_row_with_alpha_and_gamma_but_no_beta():
    with pytest.raises(DataFormatError) as info:
        to_sectors(_soc(beta=[0.4, None]), _emp())
    assert str(info.value) == (
        "soc_scores, row 2, column 'beta': alpha, gamma are given and beta is missing: an industry's means and "
        "covered_emp are over the same workers (those whose occupation has a beta); give alpha, beta and gamma "
        "on a row, or none of them (leave alpha or gamma empty on every row to leave it out)")


def test_to_sectors_refuses_a_row_with_beta_but_no_gamma_when_others_have_one():
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 1, column 'gamma': alpha, beta are given and "
                                              r"gamma is missing"):
        to_sectors(_soc(gamma=[None, 0.8]), _emp())


def test_to_sectors_refuses_alpha_when_beta_is_missing_on_every_row():
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 1, column 'beta': alpha is given and beta is "
                                              r"missing"):
        to_sectors(_soc().drop(columns=["beta", "gamma"]), _emp())


def test_to_sectors_still_reads_beta_alone_and_unscored_rows():
    out = to_sectors(_soc(alpha=[None, None], gamma=[None, None]), _emp())
    assert out[["beta", "covered_emp"]].round(6).to_dict("records") == [{"beta": 0.52, "covered_emp": 100.0}]
    assert out["alpha"].isna().all()
    out = to_sectors(_soc(alpha=[0.2, None], beta=[0.4, None], gamma=[0.6, None]), _emp())  # row 2 unscored
    assert out[["alpha", "beta", "covered_emp"]].round(6).to_dict("records") == [
        {"alpha": 0.2, "beta": 0.4, "covered_emp": 60.0}]


# 2. two titles of a sector: warned by workforce_stats and working_time too ----------------

TWO = ("Agriculture", "Farms", "Agriculture")
WARNING = ("employment frame: the sector NAICS '11' has two titles, 'Agriculture' on row 1 and 'Farms' on row 2 "
           "of the frame (column 'naics_title'); the first is kept")


def test_workforce_stats_alone_warns_of_a_second_sector_title(caplog):
    with caplog.at_level(logging.WARNING, logger="exposure.rollup"):
        w = workforce_stats(_soc(), _emp(TWO), measures=["beta"])
    assert w.loc[w["group_type"] == "sector", "group_title"].tolist() == ["Agriculture"]
    assert _titles(caplog) == [WARNING]


def test_working_time_alone_warns_of_a_second_sector_title(caplog):
    with caplog.at_level(logging.WARNING, logger="exposure.rollup"):
        wt = working_time(_soc(), _emp(TWO))
    assert wt.loc[wt["level"] == "sector", "title"].tolist() == ["Agriculture"]
    assert _titles(caplog) == [WARNING]


def test_one_frame_read_by_the_three_functions_warns_once(caplog):
    emp = _emp(TWO)
    with caplog.at_level(logging.WARNING, logger="exposure.rollup"):
        to_sectors(_soc(), emp)
        workforce_stats(_soc(), emp, measures=["beta"])
        working_time(_soc(), emp)
    assert _titles(caplog) == [WARNING]
    with caplog.at_level(logging.WARNING, logger="exposure.rollup"):
        working_time(_soc(), _emp(TWO))  # another frame: warned of afresh
    assert _titles(caplog) == [WARNING, WARNING]


# 3. a lock line with a member but no URL -------------------------------------------------


def test_lock_line_with_a_member_but_no_url_is_refused(tmp_path):
    lock = _lock(tmp_path, _line("demo/a.csv"), _line("onet/31.0/Job Zones.txt", url="", member="mine/Job Zones.txt"))
    with pytest.raises(DataFormatError) as info:
        lock.entries()
    assert str(info.value) == (
        f"{lock.path}, row 3, column 'url': onet/31.0/Job Zones.txt has an archive member ('mine/Job Zones.txt') "
        "but no URL: a member is read from the archive at the URL; write the archive's https:// URL, or empty "
        "the member too")


def test_lock_line_with_neither_url_nor_member_is_still_read(tmp_path):
    lock = _lock(tmp_path, _line("onet/31.0/Job Zones.txt", url="", member=""))
    assert list(lock.entries()) == ["onet/31.0/Job Zones.txt"]


def test_pin_of_a_member_without_url_writes_nothing(tmp_path):
    data = tmp_path / "a.csv"
    data.write_bytes(b"x\n1\n")
    lock = Lock(tmp_path / "exposure.lock")
    src = Source(name="demo/a.csv", release="1", url="", sha256="", size=0, licence="CC0",
                 attribution="made up", member="m/a.csv")
    with pytest.raises(DataFormatError, match=r"^demo/a\.csv: cannot pin it: it has an archive member "
                                              r"\('m/a\.csv'\) but no URL"):
        lock.pin(src, data)
    assert not lock.path.exists()


# 4. a top folder in upper case -----------------------------------------------------------


@pytest.mark.parametrize(("name", "meant", "how"), [
    ("ONET/31.0/Job Zones.txt", "onet/31.0/Job Zones.txt", "its top folder"),
    ("Onet/31.0/Job Zones.TXT", "onet/31.0/Job Zones.txt", "its top folder and an extension"),
    ("OEWS/national_M2026_dl.xlsx", "oews/national_M2026_dl.xlsx", "its top folder"),
])
def test_lock_name_with_its_top_folder_in_another_case_says_what_to_write(tmp_path, name, meant, how):
    lock = _lock(tmp_path, _line(name))
    with pytest.raises(DataFormatError) as info:
        lock.entries()
    assert str(info.value) == (f"{lock.path}, row 2, column 'name': the name {name!r} is of a release file "
                               f"written with {how} in another case, which no release has: write {meant!r}")
    with pytest.raises(DataFormatError, match="row 2, column 'name'"):
        releases_frame(lock)


def test_custom_names_in_upper_case_are_still_read(tmp_path):
    lock = _lock(tmp_path, _line("ONET-extra/a.txt"), _line("DEMO/a.csv"))
    assert set(lock.entries()) == {"ONET-extra/a.txt", "DEMO/a.csv"}


# 5. pin under a name the reader refuses ---------------------------------------------------


@pytest.mark.parametrize(("name", "said"), [
    ("demo/a\tb.csv", "holds a control character"),
    ("demo/a\nb.csv", "holds a control character"),
    (" demo/a.csv", "has surrounding spaces"),
    ("onet/31.0/Job Zones.TXT", "write 'onet/31.0/Job Zones.txt'"),
    ("ONET/31.0/Job Zones.txt", "write 'onet/31.0/Job Zones.txt'"),
])
def test_pin_under_a_name_the_lock_cannot_hold_keeps_the_lock_readable(tmp_path, name, said):
    data = tmp_path / "a.csv"
    data.write_bytes(b"abc")
    lock = _lock(tmp_path, _line("demo/kept.csv"))
    before = lock.path.read_bytes()
    src = Source(name=name, release="1", url="https://e.org/a.csv", sha256="", size=0, licence="CC0",
                 attribution="made up")
    with pytest.raises(DataFormatError) as info:
        lock.pin(src, data)
    assert str(info.value).startswith(f"{name!r}: cannot pin it under that name, which the lock file does not hold (")
    assert said in str(info.value) and str(info.value).endswith("); nothing was pinned")
    assert lock.path.read_bytes() == before
    assert list(lock.entries()) == ["demo/kept.csv"]


# 6. source_for and releases_frame: the lock's URL, as a fetch uses it ---------------------


def test_source_for_a_lock_pin_has_the_lock_url_and_member(tmp_path):
    lock = _lock(tmp_path, _line("onet/31.0/Job Zones.txt", url="https://mirror.example.org/db31.zip",
                                 member="db31/Job Zones.txt"))
    src = source_for("onet/31.0/Job Zones.txt", lock)
    assert (src.pinned, src.download_url, src.member) == (True, "https://mirror.example.org/db31.zip",
                                                          "db31/Job Zones.txt")
    store = DataStore(cache=tmp_path / "c", home=tmp_path)  # its lock file: tmp_path/exposure.lock
    fetched = _as_source("onet/31.0/Job Zones.txt", store)
    assert (fetched.download_url, fetched.member) == (src.download_url, src.member)
    frame = releases_frame(lock)
    assert frame.loc[frame["release"] == "31.0", "url"].tolist() == ["https://mirror.example.org/db31.zip"]


def test_source_for_a_lock_line_without_url_keeps_the_layout(tmp_path):
    lock = _lock(tmp_path, _line("onet/31.0/Job Zones.txt", url="", member=""))
    src = source_for("onet/31.0/Job Zones.txt", lock)
    assert (src.pinned, src.download_url, src.member) == (True, ZONES_URL, "db_31_0_text/Job Zones.txt")
