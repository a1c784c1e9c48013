"""Fault round 73: the O*NET and OEWS readers, the releases read from the data directory.

1. A new O*NET release read from the publisher's zip put in the data directory
   (``db_31_0_text.zip``) whose files do not match (a task of an occupation that
   ``Occupation Data`` lacks) was refused naming the cache copy unpacked from the zip:
   ``<data dir>/onet/31.0/Task Statements.txt, row 4, column 'O*NET-SOC Code': 1 value(s)
   not found in Occupation Data.txt ...``, a file the user never made, whose edit the next
   run refuses as a sha256 mismatch (the reader's own errors named the zip's member, as
   :func:`exposure.fetch.fetch_table` names it). Now the zip's member: ``<data
   dir>/db_31_0_text.zip (member 'db_31_0_text/Task Statements.txt'), row 4, ...``, when
   the release is read for the first time and when it is read as pinned.
2. :func:`exposure.onet.check_references` of a release whose table was indexed by its key
   columns said ``['onetsoc_code'] is the index`` (a list shown as Python writes it), and
   of two key columns ``['onetsoc_code', 'task_id'] is the index``, in words of its own.
   Now in the words every other table says it (:func:`exposure._tables.index_hint`):
   ``'onetsoc_code' is the index``, ``'onetsoc_code', 'task_id' are the index``.
3. An OEWS ``.csv`` separated by ``;`` (a spreadsheet in a European locale) or by tabs,
   whose titles hold commas as BLS's do (``Advertising, Marketing, Promotions, ...``), was
   refused as ``row 3: too many fields: expected 1, got 2 (an unquoted comma inside a
   field?)``: the row was blamed, and the advice was wrong (the commas are BLS's, the
   separator is not). Only a file whose titles held no comma was said to be separated by
   ``;``. Now: ``row 1: the header is separated by ';', not by commas: it was read as one
   column, and row 3 (commas in its cells) as 2 fields; save the file as CSV with commas
   (BLS's layout)``; the file so saved is read. Since round 78 the file is refused at its
   header before its rows are read, in the words of every published file: ``row 1: the
   header holds ';' and no ',': the file looks semicolon-separated (Excel's CSV in some
   European settings); the file is read comma-separated, as published: open it in
   LibreOffice (separated by ';') and Save As 'Text CSV' ...`` (tabs: ``... holds tabs and
   no ',': the file looks tab-separated; ...: save it as 'CSV UTF-8 (comma delimited)'``).
4. The warning of a new OEWS release read from BLS's zips in the data directory whose
   sector file lacks the sector of some 3-digit industries named the registry names of the
   three files: ``oews/national_M2026_dl.xlsx + oews/natsector_M2026_dl.xlsx +
   oews/nat3d_M2026_dl.xlsx: the 3-digit industries of NAICS 22 have no sector rows ...``,
   no file of the user's. Now it names the sector file the user has, the member of the
   zip: ``<data dir>/oesm26in4.zip (member 'oesm26in4/natsector_M2026_dl.xlsx'): the
   3-digit industries of NAICS 22 have no sector rows ...``.
5. BLS's ``national_M2026_dl.xlsx`` (or O*NET's ``Job Zones.txt``) unzipped without its
   folder, at the top of the data directory, is not read there (only in
   ``oesm26nat/``): the error of a failed download said ``no copy of it in the data
   directory either (looked for .../oesm26nat/national_M2026_dl.xlsx, .../oesm26nat.zip)``,
   the file being there, and with the network reachable the release was downloaded and the
   user's file passed over without a word. Now the error adds ``the data directory has
   .../national_M2026_dl.xlsx at its top, where it is not read (only in the folder of the
   publisher's zip): move the release's files into .../oesm26nat (or put the zip itself,
   .../oesm26nat.zip, there) to read them`` (for O*NET's files, whose names do not say
   their release: ``..., if they are of release 31.0``), and a download warns so, once
   for the zip. Following the advice reads the user's file.

Tiny made-up files written by the tests; no mirror, and no server where a download would go
(but the local one of test 5).
"""

from __future__ import annotations

import csv
import io
import logging
import zipfile

import pandas as pd
import pytest
from _fetch_helpers import store_in_tmp
from _frames import write_xlsx
from _http import serve
from test_faults_cli import cli, one_error_line
from test_faults_round68_oews import COLUMNS, _rows
from tests.integration.test_publishers import onet_31_files

import exposure.fetch as F
from exposure import oews, onet
from exposure.errors import DataFormatError, SchemaError
from exposure.onet import OnetRelease, check_references


@pytest.fixture
def offline(tmp_path, monkeypatch):
    """A data directory of one's own; no mirror, and no server where a download would go (tried once)."""
    return store_in_tmp(tmp_path, monkeypatch, retries=0)


# ------------------------------------------------------------ 1. a cross-file error of the user's zip

MEMBER = "db_31_0_text/Task Statements.txt"


def _zip_of_release(store: F.DataStore) -> str:
    """O*NET 31.0 as the publisher's zip in the data directory, a task's occupation missing from Occupation Data."""
    files = {base: content if isinstance(content, bytes) else content.encode()
             for base, content in onet_31_files().items()}
    assert files["Task Statements"].count(b"\n15-1252.00\t") == 2
    files["Task Statements"] = files["Task Statements"].replace(b"\n15-1252.00\t", b"\n15-1299.00\t", 1)
    store.cache.mkdir(parents=True)
    with zipfile.ZipFile(store.cache / "db_31_0_text.zip", "w") as zf:
        for base, content in files.items():
            zf.writestr(f"db_31_0_text/{base}.txt", content)
    return f"{store.cache / 'db_31_0_text.zip'} (member {MEMBER!r})"


def test_1_cross_file_error_of_a_release_in_the_users_zip_names_its_member(offline):
    shown = _zip_of_release(offline)
    cache_copy = str(offline.cache / "onet/31.0/Task Statements.txt")
    with pytest.raises(SchemaError) as info:
        onet.load_onet("31.0", store=offline)
    said = str(info.value)
    assert said.startswith(f"{shown}, row 4, column 'O*NET-SOC Code': 1 value(s) not found in Occupation "
                           "Data.txt (O*NET-SOC Code); first: '15-1299.00'"), said
    assert cache_copy not in said
    assert (info.value.path, info.value.row) == (shown, 4)
    # the release pinned as it is (the pins of another run), then read as pinned: named so too
    for base in onet.onet_file_names("31.0").values():
        F.fetch_table(base, lambda path: path.read_bytes(), store=offline)
    with pytest.raises(SchemaError) as info:
        onet.load_onet("31.0", store=offline)
    assert str(info.value).startswith(f"{shown}, row 4, column 'O*NET-SOC Code': 1 value(s) not found"), \
        str(info.value)


# ------------------------------------------------------------ 2. a key column as the index

_OCC = pd.DataFrame({"onetsoc_code": ["11-1011.00"]})
_TASKS = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1]})
_EMPTY = pd.DataFrame({c: [] for c in ["onetsoc_code", "task_id", "dwa_id", "iwa_id"]})


@pytest.mark.parametrize("tables, said", [
    (dict(occupations=_OCC.set_index("onetsoc_code")), "(read_occupations); 'onetsoc_code' is the index: "
                                                       "reset_index() first"),
    (dict(task_dwas=_EMPTY.set_index(["onetsoc_code", "task_id"])),
     "(read_task_dwas); 'onetsoc_code', 'task_id' are the index: reset_index() first"),
])
def test_2_a_key_column_as_the_index_is_said_in_the_shared_words(tables, said):
    base = dict(occupations=_OCC, tasks=_TASKS, task_dwas=_EMPTY, dwas=_EMPTY, iwas=_EMPTY, job_zones=_EMPTY,
                emerging_tasks=_EMPTY)
    with pytest.raises(DataFormatError) as info:
        check_references(OnetRelease("x", **{**base, **tables}))
    assert str(info.value).endswith(said), str(info.value)
    assert "['" not in str(info.value).partition("(columns")[2].partition("):")[2]
    # the advice followed: the frame with its index reset is checked
    check_references(OnetRelease("x", **{**base, **{t: f.reset_index() for t, f in tables.items()}}))


# ------------------------------------------------------------ 3. an OEWS CSV separated by ';' or tabs

HEADER = ["NAICS", "NAICS_TITLE", "I_GROUP", "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP", "H_MEAN", "A_MEAN",
          "H_MEDIAN", "A_MEDIAN", "EMP_PRSE", "MEAN_PRSE"]
ROWS = [["000000", "Cross-industry", "cross-industry", "00-0000", "All Occupations", "total", "3000", "30.5",
         "63440", "25.1", "52210", "0.1", "0.1"],
        ["000000", "Cross-industry", "cross-industry", "11-2011", "Advertising and Promotions Managers, All",
         "detailed", "3000", "80.5", "167440", "70.1", "145810", "1.2", "0.8"]]


def _oews_text(sep: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\r\n").writerows([HEADER, *ROWS])
    return out.getvalue()


#: What the file looks, and what it is told to do, by its separator (round 78: the words of every published file).
TOLD = {";": ("semicolon-separated (Excel's CSV in some European settings)",
              "open it in LibreOffice (separated by ';') and Save As 'Text CSV' with the character set 'Unicode "
              "(UTF-8)' and the field delimiter ',' (Excel writes ';' in its CSV where the list separator is ';', "
              "in 'CSV UTF-8 (comma delimited)' too)"),
        "\t": ("tab-separated", "save it as 'CSV UTF-8 (comma delimited)'")}


@pytest.mark.parametrize("sep, said", [(";", "';'"), ("\t", "tabs")])
def test_3_oews_csv_of_another_separator_with_commas_in_its_titles_is_said_so(tmp_path, sep, said):
    path = tmp_path / "national_M2026_dl.csv"
    path.write_text(_oews_text(sep), encoding="utf-8", newline="")
    with pytest.raises(DataFormatError) as info:
        oews.read_oews(path)
    # round 78: at the header, before the rows (was: "row 1: the header is separated by ';', not by commas: it
    # was read as one column, and row 3 (commas in its cells) as 2 fields; save the file as CSV with commas
    # (BLS's layout)")
    looks, advice = TOLD[sep]
    assert str(info.value) == (f"{path}, row 1: the header holds {said} and no ',': the file looks {looks}; the "
                               f"file is read comma-separated, as published: {advice}")
    assert "unquoted comma" not in str(info.value) and "row 3" not in str(info.value)
    # the advice followed: the file saved with commas is read, the title with its commas
    path.write_text(_oews_text(","), encoding="utf-8", newline="")
    assert oews.read_oews(path)["occ_title"].tolist()[1] == "Advertising and Promotions Managers, All"


def test_3_cli_says_it_in_one_line(tmp_path, capsys):
    path = tmp_path / "national_M2026_dl.csv"
    path.write_text(_oews_text(";"), encoding="utf-8", newline="")
    code, _, err = cli(capsys, "validate", "--file", "oews", path)
    line = one_error_line(err, command="validate")
    assert code == 2
    assert f"{path}, row 1: the header holds ';' and no ',': the file looks semicolon-separated" in line
    assert line.endswith(f"the file is read comma-separated, as published: {TOLD[';'][1]}")
    assert "unquoted comma" not in line


# ------------------------------------------------------------ 4. the missing-sector warning of BLS's zips


def test_4_missing_sector_warning_names_the_users_sector_file(offline, tmp_path, caplog):
    made = tmp_path / "made"
    made.mkdir()
    write_xlsx(made, "national_M2026_dl.xlsx", [COLUMNS, *_rows("000000", "Cross-industry", "cross-industry")])
    write_xlsx(made, "natsector_M2026_dl.xlsx", [COLUMNS, *_rows("31-33", "Manufacturing", "sector")])
    write_xlsx(made, "nat3d_M2026_dl.xlsx", [COLUMNS, *_rows("221000", "Utilities", "3-digit")])
    offline.cache.mkdir()
    with zipfile.ZipFile(offline.cache / "oesm26nat.zip", "w") as zf:
        zf.write(made / "national_M2026_dl.xlsx", "oesm26nat/national_M2026_dl.xlsx")
    with zipfile.ZipFile(offline.cache / "oesm26in4.zip", "w") as zf:
        for name in ("natsector_M2026_dl.xlsx", "nat3d_M2026_dl.xlsx"):
            zf.write(made / name, f"oesm26in4/{name}")
    with caplog.at_level(logging.WARNING, logger="exposure"):
        frame = oews.load_oews("2026", "by_industry", store=offline)
    assert len(frame) == 9
    said = [r.getMessage() for r in caplog.records if "have no sector rows" in r.getMessage()]
    assert said == [f"{offline.cache / 'oesm26in4.zip'} (member 'oesm26in4/natsector_M2026_dl.xlsx'): the 3-digit "
                    "industries of NAICS 22 have no sector rows; those sectors are missing from the sector scores "
                    "(a sector file without them?)"], caplog.text


# ------------------------------------------------------------ 5. a file of the release at the top of the data directory

NATIONAL = "oews/national_M2026_dl.xlsx"


def _loose_national(store: F.DataStore, tmp_path):
    """BLS's national file of May 2026 at the top of the data directory; the bytes of the publisher's zip."""
    made = tmp_path / "made"
    made.mkdir()
    path = write_xlsx(made, "national_M2026_dl.xlsx", [COLUMNS, *_rows("000000", "Cross-industry", "cross-industry")])
    store.cache.mkdir()
    (store.cache / path.name).write_bytes(path.read_bytes())
    body = io.BytesIO()
    with zipfile.ZipFile(body, "w") as zf:
        zf.write(path, "oesm26nat/national_M2026_dl.xlsx")
    return store.cache / path.name, body.getvalue()


def test_5_a_file_at_the_top_of_the_data_directory_is_named_and_the_advice_reads_it(offline, tmp_path):
    loose, _ = _loose_national(offline, tmp_path)
    folder = offline.cache / "oesm26nat"
    with pytest.raises(F.DownloadError) as info:
        oews.load_oews("2026", "cross_industry", store=offline)
    assert str(info.value).endswith(
        f"; the data directory has {loose} at its top, where it is not read (only in the folder of the publisher's "
        f"zip): move the release's files into {folder} (or put the zip itself, {offline.cache / 'oesm26nat.zip'}, "
        "there) to read them"), str(info.value)
    assert not offline.lock_path.exists()
    # the advice followed: the user's file is read and pinned
    folder.mkdir()
    loose.rename(folder / loose.name)
    assert oews.load_oews("2026", "cross_industry", store=offline)["tot_emp"].tolist() == [3000, 1000, 1000]
    assert NATIONAL in offline.lock.entries()


def test_5_onet_files_at_the_top_say_which_release_they_must_be_of(offline):
    offline.cache.mkdir()
    for base, content in onet_31_files().items():
        (offline.cache / f"{base}.txt").write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(F.DownloadError) as info:
        onet.load_onet("31.0", store=offline)
    assert str(info.value).endswith(
        f"; the data directory has {offline.cache / 'Occupation Data.txt'} at its top, where it is not read (only in "
        f"the folder of the publisher's zip): move the release's files into {offline.cache / 'db_31_0_text'}, if "
        f"they are of release 31.0 (or put the zip itself, {offline.cache / 'db_31_0_text.zip'}, there) to read "
        "them"), str(info.value)


def test_5_a_download_beside_it_warns_once(tmp_path, monkeypatch, caplog):
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    monkeypatch.delenv("EXPOSURE_REQUIRE_MIRROR", raising=False)
    with serve() as server:
        store = F.DataStore(cache=tmp_path / "data", home=tmp_path / "home",
                            url_map=(("https://www.bls.gov", server.url),))
        loose, archive = _loose_national(store, tmp_path)
        server.routes["/oes/special-requests/oesm26nat.zip"] = (200, {}, archive)
        with caplog.at_level(logging.WARNING, logger="exposure"):
            oews.load_oews("2026", "cross_industry", store=store)
            oews.load_oews("2026", "cross_industry", store=store)  # read as pinned: nothing more to say
        assert list(server.hits) == ["/oes/special-requests/oesm26nat.zip"]
    said = [r.getMessage() for r in caplog.records if "at its top" in r.getMessage()]
    assert said == [f"{NATIONAL}: the release is downloaded from {server.url}/oes/special-requests/"
                    f"oesm26nat.zip; the data directory has {loose} at its top, where it is not read (only in the "
                    f"folder of the publisher's zip): move the release's files into {store.cache / 'oesm26nat'} (or "
                    f"put the zip itself, {store.cache / 'oesm26nat.zip'}, there) to read them"], caplog.text
