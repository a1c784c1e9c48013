"""Fault round 72: the CLI entry point, downloads, the cache and the OEWS loader.

1. ``exposure -- validate`` (a ``--`` before the command: Python 3.11's argparse takes it
   for the command) said ``exposure: error: argument COMMAND: invalid choice: '--' (choose
   from 'validate')``: the one command whose module was loaded, listed as if it were the
   only one, and nothing on the ``--``; ``exposure -1 validate`` the same. Now every command
   is listed, and the ``--`` is named: ``('--' ends the options of exposure, and the
   command is not one of them: write exposure validate ..., without '--')``.
2. An option given after ``--`` (which ends the options: what follows is read as values)
   got a wrong or no hint: ``exposure validate -- --onet-release 29.1`` said
   ``unrecognized arguments: -- --onet-release 29.1 (options are written in full:
   --onet-release)``, advice to write what was written; ``exposure score -- in.csv -o
   out.csv`` said ``the following arguments are required: -o/--output``, though ``-o`` was
   given. Now both say ``(--onet-release is given after '--', which ends the options: what
   follows '--' is read as values, not options; give the options before '--')``.
3. A new O*NET release read from the publisher's zip put in the data directory
   (``db_31_0_text.zip``): the warnings of the reader named the cache copy unpacked from
   it (``<data dir>/onet/31.0/Job Zones.txt: 1 cell(s) are quoted ...``), a file the user
   never made, whose edit the next run refuses as a sha256 mismatch; so did the error of a
   reader of the pinned file. (The mirror's file and the unzipped folder's were named.)
   Now they name the zip's member: ``<data dir>/db_31_0_text.zip (member
   'db_31_0_text/Job Zones.txt'): 1 cell(s) are quoted ...``.
4. ``load_oews`` of a release the package does not register, read from BLS's zips in the
   data directory (``oesm26in4.zip``), named the registry name alone in the errors of its
   checks across files: ``oews/nat3d_M2026_dl.xlsx: no row of I_GROUP '3-digit' ...``, no
   file of the user's. Now the zip's member: ``<data dir>/oesm26in4.zip (member
   'oesm26in4/nat3d_M2026_dl.xlsx'): no row of I_GROUP '3-digit' ...``, as the folder's
   file was named.
5. ``$EXPOSURE_URL_MAP`` whose prefixes disagree on a final slash glued the URL or doubled
   its slash: ``https://www.onetcenter.org/=http://127.0.0.1:8000`` failed, ``'http://
   127.0.0.1:8000dl_files/database/db_31_0_text.zip' is not a valid URL`` (a 404 when the
   new prefix has a path), and ``https://www.onetcenter.org=http://127.0.0.1:8000/`` asked
   for ``//dl_files/...``, another path (a 404 from a server of files by their keys, such as
   S3). Now the prefixes are joined by one slash: the file is downloaded from
   ``/dl_files/...``.

Tiny made-up files written by the tests; no mirror, and no server where a download would go
(but the local one of test 5).
"""

from __future__ import annotations

import io
import logging
import zipfile

import pytest
from _fetch_helpers import store_in_tmp
from _frames import write_xlsx
from _http import serve
from test_faults_cli import cli
from test_faults_round68_oews import COLUMNS, _rows

import exposure.fetch as F
from exposure import oews, onet
from exposure.cli import main
from exposure.errors import DataFormatError

#: Every command of ``exposure``, as its error lists them.
COMMANDS = ("'sources', 'fetch', 'validate', 'score', 'evaluate', 'train', 'report', 'rollup', 'recompute', "
            "'diff', 'outcomes', 'compare'")


def usage_error(capsys, *argv) -> tuple[int, str]:
    """``exposure ARGV`` in this process, refused by argparse: (exit code, last line of stderr)."""
    with pytest.raises(SystemExit) as info:
        main([str(a) for a in argv])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return info.value.code, err.splitlines()[-1]


# ------------------------------------------------------------ 1. a '--' before the command


@pytest.mark.parametrize("argv", [["--", "validate"], ["-v", "--", "validate", "--onet-release", "29.1"]])
def test_dashes_before_the_command_list_every_command_and_say_to_drop_them(capsys, argv):
    code, line = usage_error(capsys, *argv)
    assert code == 2
    assert line == (
        f"exposure: error: argument COMMAND: invalid choice: '--' (choose from {COMMANDS}) ('--' ends the "
        "options of exposure, and the command is not one of them: write exposure validate ..., without '--')")


def test_an_unknown_command_after_a_command_lists_every_command(capsys):
    code, line = usage_error(capsys, "-1", "validate")
    assert code == 2
    assert line == f"exposure: error: argument COMMAND: invalid choice: '-1' (choose from {COMMANDS})"


# ------------------------------------------------------------ 2. options after '--'

AFTER = "which ends the options: what follows '--' is read as values, not options; give the options before '--')"


def test_option_after_dashes_is_named_not_said_to_be_written_in_full(capsys):
    code, line = usage_error(capsys, "validate", "--", "--onet-release", "29.1")
    assert code == 2
    assert line == ("exposure validate: error: unrecognized arguments: -- --onet-release 29.1 "
                                    f"(--onet-release is given after '--', {AFTER}")


def test_required_option_given_after_dashes_is_named(capsys, tmp_path):
    code, line = usage_error(capsys, "score", "--", tmp_path / "in.csv", "-o", tmp_path / "out.csv")
    assert code == 2
    assert line == ("exposure score: error: the following arguments are required: -o/--output "
                                    f"(-o is given after '--', {AFTER}")
    assert not (tmp_path / "out.csv").exists()
    # '--' before a file whose name starts with '-' is what it is for: the file is read, no hint
    code, _, err = cli(capsys, "score", "-o", tmp_path / "out.csv", "--", "-tasks.csv")
    assert code == 2
    assert "ends the options" not in err and "-tasks.csv: " in err


# ------------------------------------------------------------ 3. the user's zip of a new O*NET release

ZONES = "onet/31.0/Job Zones.txt"
MEMBER = "db_31_0_text/Job Zones.txt"


@pytest.fixture
def offline(tmp_path, monkeypatch):
    """A data directory of one's own; no mirror, and no server where a download would go."""
    return store_in_tmp(tmp_path, monkeypatch)


def _zip_of_zones(store: F.DataStore, zone: str = "5") -> str:
    """The publisher's zip of O*NET 31.0 in the data directory, its Job Zones holding a quoted cell."""
    store.cache.mkdir(parents=True, exist_ok=True)
    text = f'O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n11-1011.00\t{zone}\t08/2026\t"Analyst"\r\n'
    with zipfile.ZipFile(store.cache / "db_31_0_text.zip", "w") as zf:
        zf.writestr(MEMBER, text)
    return f"{store.cache / 'db_31_0_text.zip'} (member {MEMBER!r})"


def test_warning_of_a_file_read_from_the_users_zip_names_its_member(offline, caplog):
    shown = _zip_of_zones(offline)
    cache_copy = str(offline.cache / ZONES)
    for _ in range(2):  # read and pinned, then read as pinned
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="exposure"):
            zones = F.fetch_table(ZONES, onet.read_job_zones, store=offline)
        assert zones["job_zone"].tolist() == [5]
        quoted = [r.getMessage() for r in caplog.records if "are quoted" in r.getMessage()]
        assert len(quoted) == 1, caplog.text
        assert quoted[0].startswith(f"{shown}: 1 cell(s) are quoted"), quoted[0]
        assert cache_copy not in caplog.text
    assert ZONES in offline.lock.entries()


def test_error_of_a_pinned_file_read_from_the_users_zip_names_its_member(offline):
    shown = _zip_of_zones(offline, zone="9")
    F.fetch_table(ZONES, lambda path: path.read_bytes(), store=offline)  # pinned as it is
    with pytest.raises(DataFormatError) as info:
        F.fetch_table(ZONES, onet.read_job_zones, store=offline)
    assert str(info.value).startswith(f"{shown}, row 2"), str(info.value)


# ------------------------------------------------------------ 4. BLS's zips of a new OEWS release


def test_oews_check_across_files_names_the_member_of_the_users_zip(offline, tmp_path):
    made = tmp_path / "made"
    made.mkdir()
    write_xlsx(made, "national_M2026_dl.xlsx", [COLUMNS, *_rows("000000", "Cross-industry", "cross-industry")])
    write_xlsx(made, "natsector_M2026_dl.xlsx", [COLUMNS, *_rows("31-33", "Manufacturing", "sector")])
    write_xlsx(made, "nat3d_M2026_dl.xlsx", [COLUMNS, *_rows("327300", "Cement and Concrete", "4-digit")])
    offline.cache.mkdir()
    with zipfile.ZipFile(offline.cache / "oesm26nat.zip", "w") as zf:
        zf.write(made / "national_M2026_dl.xlsx", "oesm26nat/national_M2026_dl.xlsx")
    with zipfile.ZipFile(offline.cache / "oesm26in4.zip", "w") as zf:
        for name in ("natsector_M2026_dl.xlsx", "nat3d_M2026_dl.xlsx"):
            zf.write(made / name, f"oesm26in4/{name}")
    with pytest.raises(DataFormatError) as info:
        oews.load_oews("2026", "by_industry", store=offline)
    assert str(info.value).startswith(
        f"{offline.cache / 'oesm26in4.zip'} (member 'oesm26in4/nat3d_M2026_dl.xlsx'): no row of I_GROUP "
        "'3-digit', the industries BLS's nat3d file holds"), str(info.value)
    assert not offline.lock_path.exists()


# ------------------------------------------------------------ 5. URL maps that disagree on a final slash

ARCHIVE = "https://www.onetcenter.org/dl_files/database/db_31_0_text.zip"


@pytest.mark.parametrize("old, new", [("https://www.onetcenter.org/", ""), ("https://www.onetcenter.org", "/"),
                                      ("https://www.onetcenter.org/dl_files/", "/onet")])
def test_url_map_whose_prefixes_disagree_on_a_final_slash_downloads_the_file(tmp_path, monkeypatch, old, new):
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    monkeypatch.delenv("EXPOSURE_REQUIRE_MIRROR", raising=False)
    text = b"O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n11-1011.00\t5\t08/2026\tAnalyst\r\n"
    body = io.BytesIO()
    with zipfile.ZipFile(body, "w") as zf:
        zf.writestr(MEMBER, text)
    with serve() as server:
        where = "/onet/database/" if new == "/onet" else "/dl_files/database/"
        server.routes[f"{where}db_31_0_text.zip"] = (200, {}, body.getvalue())
        store = F.DataStore(cache=tmp_path / "data", home=tmp_path / "home", url_map=((old, server.url + new),))
        # (the path as requested: this test server, as Python's own, reads '//dl_files' as '/dl_files')
        assert store.url(ARCHIVE) == f"{server.url}{where}db_31_0_text.zip"
        zones = F.fetch_table(ZONES, onet.read_job_zones, store=store)
        assert list(server.hits) == [f"{where}db_31_0_text.zip"]
    assert zones["job_zone"].tolist() == [5]
