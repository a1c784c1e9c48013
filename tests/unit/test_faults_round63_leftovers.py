"""Fault round 63, leftovers: :mod:`exposure.fetch`, :mod:`exposure._load` and :mod:`exposure.reports.diff`.

1. ``exposure.fetch.download(url, dest)`` with ``dest`` an existing directory downloaded the
   whole body, then failed: ``CacheWriteError: cannot write dest: Is a directory``; so did
   ``exposure fetch`` of an O*NET file whose archive's place in the cache
   (``.archives/db_29_1_text.zip``) is a directory, after downloading the whole archive
   (up to 512 MB). Now refused before any request: ``OutputError: dest: cannot write: it
   is a directory, where the download of dest goes: give the path of the file, not of its
   directory (or move the directory away); nothing was downloaded``.
2. ``DataStore(home="h\\r")`` (also ``DataStore.default(home="h ")``, ``cache=``,
   ``mirror=``), built directly, skipped the check of surrounding spaces and line ends that
   ``resolve_data_dir`` makes: a store of ``h\\r`` looked for the recomputes in a directory
   that is not there, and ``exposure.load`` / ``tables_dir`` read the shipped tables
   without a word (the lock file's pins too: "no pinned file yet"); a cache ``c\\r`` was
   refused only by ``fetch``, as an option never given (``--data-dir/data_dir= 'c\\r'
   ...``), a mirror ``m\\r`` was "not found in mirror m" (its line end unseen), and
   ``check_cache_dir("c\\r")`` made a new cache ``c\\r`` beside the real one. Now refused
   when the store is made, naming the argument: ``home 'h\\r' has surrounding spaces (or
   a line end): remove them ('h\\r' and 'h' are different directories)``; a directory
   really named so is still used.
3. ``write_diff_reports(diff, d, top=10**400)`` (and ``exposure diff OLD NEW --top
   1000...0``, 401 digits) raised ``OverflowError: int too large to convert to float``, a
   traceback in the CLI. Now ``DataFormatError: top must be a whole number of 0 or more,
   got int 1000...`` (:func:`exposure._args.check_count`), exit 2.
4. The diff's message of a table whose sha256 is not the one its ``manifest.json``
   recorded printed the releases as a Python dict (``after the recompute of {'onet':
   '30.1', 'oews': '2025'}``); now as the rest of the diff writes them: ``after the
   recompute of (oews 2025, onet 30.1)``.
5. A directory of a recompute given with a line end or surrounding spaces (``exposure diff
   "old\\r" new``, ``load("soc", directory="out ")``) said ``old\\r: directory not found``:
   printed, the line end moved the cursor back and the message hid the name (``: directory
   not found ...`` alone on the screen), and ``out : directory not found`` of a directory
   that is there. Now ``directory 'old\\r' not found (an output directory of exposure
   recompute is expected); 'old' is one: remove the surrounding spaces (or line end) of the
   path``.
6. ``exposure.fetch.verify(path, sha256)`` and ``file_sha256(path)`` of a directory or a
   missing file raised the bare ``IsADirectoryError`` / ``FileNotFoundError``. Now
   ``InputError: d: cannot read: is a directory, not a file`` (``no such file``), an
   :class:`~exposure.errors.ExposureError` that is still an ``OSError``.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from _http import serve
from test_diff import _tasks, _write_out
from test_faults_cli import cli, one_error_line

from exposure import fetch as F
from exposure import load
from exposure._load import tables_dir
from exposure.errors import DataFormatError, ExposureError, InputError, OutputError
from exposure.reports.diff import diff_outputs, write_diff_reports

BODY = b"a,b\n1,2\n"


# ------------------------------------------------------------------ 1. download into a directory
def test_download_into_a_directory_is_refused_before_the_request(tmp_path):
    (tmp_path / "out").mkdir()
    with serve() as server:
        server.routes["/a.csv"] = (200, {}, BODY)
        with pytest.raises(OutputError) as info:
            F.download(server.url + "/a.csv", tmp_path / "out", retries=0)
        assert server.hits == {}  # before: the whole body was read, then "Is a directory"
    assert str(info.value) == (f"{tmp_path / 'out'}: cannot write: it is a directory, where the download of out "
                               "goes: give the path of the file, not of its directory (or move the directory "
                               "away); nothing was downloaded")
    assert [p.name for p in tmp_path.iterdir()] == ["out"] and list((tmp_path / "out").iterdir()) == []
    (tmp_path / "out" / "a.csv").write_bytes(b"old")  # a file is still replaced
    with serve() as server:
        server.routes["/a.csv"] = (200, {}, BODY)
        assert F.download(server.url + "/a.csv", tmp_path / "out" / "a.csv", retries=0).read_bytes() == BODY


def test_fetch_with_a_directory_in_the_archives_place_downloads_nothing(tmp_path, capsys, monkeypatch):
    (tmp_path / "c" / ".archives" / "db_29_1_text.zip").mkdir(parents=True)
    with serve() as server:
        server.routes["/dl_files/database/db_29_1_text.zip"] = (200, {"Content-Type": "application/zip"},
                                                                b"PK\x03\x04" + b"x" * 5000)
        monkeypatch.setenv("EXPOSURE_URL_MAP", f"https://www.onetcenter.org={server.url}")
        monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
        monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
        code, _, err = cli(capsys, "fetch", "--data-dir", tmp_path / "c", "--retries", "0",
                           "onet/29.1/Job Zones.txt")
        assert server.hits == {}  # before: the archive downloaded whole, then "Is a directory"
    line = one_error_line(err, command="fetch")
    assert code == 2 and "db_29_1_text.zip: cannot write: it is a directory" in line
    assert "nothing was downloaded" in line


# ------------------------------------------------------------------ 2. DataStore built directly
@pytest.mark.parametrize("field", ["cache", "home", "mirror"])
@pytest.mark.parametrize("end", ["\r", " ", "\n"])
def test_datastore_refuses_a_directory_with_a_line_end(tmp_path, field, end):
    (tmp_path / field).mkdir()
    given = {"cache": tmp_path / "c", "home": tmp_path / "h", field: str(tmp_path / field) + end}
    with pytest.raises(ExposureError) as info:
        F.DataStore(**given)
    assert str(info.value) == (f"{field} {str(tmp_path / field) + end!r} has surrounding spaces (or a line end): "
                               f"remove them ({str(tmp_path / field) + end!r} and {str(tmp_path / field)!r} are "
                               "different directories)")


def test_datastore_default_home_with_a_line_end_is_refused(tmp_path):
    with pytest.raises(ExposureError, match=r"^home '.*h\\r' has surrounding spaces"):
        F.DataStore.default(cache=tmp_path / "c", home=f"{tmp_path}/h\r", mirror=None)


def test_a_store_of_a_home_with_a_line_end_does_not_hide_the_recomputes(tmp_path):
    out = tmp_path / "h" / "processed" / "onet-31.0_oews-2026"
    out.mkdir(parents=True)
    (out / "manifest.json").write_text('{"releases": {"onet": "31.0", "oews": "2026"}}')
    assert tables_dir(store=F.DataStore(cache=tmp_path / "c", home=tmp_path / "h")) == out
    with pytest.raises(ExposureError, match=r"^home '.*h\\r' has surrounding spaces"):
        # before: the shipped tables' directory, the recompute in h/ unseen, without a word
        tables_dir(store=F.DataStore(cache=tmp_path / "c", home=f"{tmp_path}/h\r"))


def test_a_store_of_a_cache_with_a_line_end_is_named_as_given(tmp_path, shared_data):
    (tmp_path / "c").mkdir()
    with pytest.raises(ExposureError, match=r"^cache '.*c\\r' has surrounding spaces"):
        # before: refused only by fetch, as an option never given: "--data-dir/data_dir= '...c\r' ..."
        store = F.DataStore(cache=f"{tmp_path}/c\r", home=tmp_path / "h", mirror=shared_data)
        F.fetch("onet/29.1/Job Zones.txt", store=store)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c"]


def test_check_cache_dir_refuses_a_line_end(tmp_path):
    with pytest.raises(ExposureError, match=r"^root '.*c\\r' has surrounding spaces"):
        F.check_cache_dir(f"{tmp_path}/c\r")
    assert list(tmp_path.iterdir()) == []  # before: a directory 'c\r' made
    (tmp_path / "c ").mkdir()  # a directory really named so is still used
    assert F.check_cache_dir(str(tmp_path / "c ")) == tmp_path / "c "
    assert F.DataStore(cache=str(tmp_path / "c "), home=tmp_path / "h").cache.name == "c "


# ------------------------------------------------------------------ 3. and 4. the diff
@pytest.fixture
def outputs(tmp_path):
    tasks = _tasks([("11-1011.00", 1, "Direct operations.", "Core"), ("13-2011.00", 10, "Audit accounts.", "Core")])
    sectors = {"52": 0.4, "62": 0.1, "522": 0.5}
    _write_out(tmp_path / "old", tasks, {1: 0.5, 10: 0.5}, {"11-1011.00": 0.5, "13-2011.00": 0.25}, sectors, "29.1")
    _write_out(tmp_path / "new", tasks, {1: 0.6, 10: 0.5}, {"11-1011.00": 0.6, "13-2011.00": 0.25}, sectors, "30.1")
    return tmp_path / "old", tmp_path / "new"


def test_write_diff_reports_refuses_a_top_too_large_for_a_float(outputs, tmp_path):
    diff = diff_outputs(*outputs)
    with pytest.raises(DataFormatError, match=r"^top must be a whole number of 0 or more, got int 1000"):
        write_diff_reports(diff, tmp_path / "r", top=10**400)  # before: OverflowError
    assert not (tmp_path / "r").exists()
    assert len(write_diff_reports(diff, tmp_path / "r", top=10**20)) == 4  # a large one still lists all


def test_exposure_diff_with_a_top_of_401_digits_is_one_error_line(outputs, tmp_path, capsys):
    code, _, err = cli(capsys, "diff", *outputs, "--reports", tmp_path / "r", "--top", "1" + "0" * 400)
    line = one_error_line(err, command="diff")  # before: an OverflowError traceback
    assert code == 2 and "top must be a whole number of 0 or more, got int 1000" in line
    assert not (tmp_path / "r").exists()


def test_a_table_changed_since_the_recompute_names_the_releases_in_words(outputs):
    new = outputs[1]
    manifest = json.loads((new / "manifest.json").read_text())
    manifest["tables"] = {p.name: {"sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
                          for p in new.glob("*.parquet")}
    manifest["tables"]["task_scores.parquet"]["sha256"] = "0" * 64
    (new / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(DataFormatError) as info:
        diff_outputs(*outputs)
    message = str(info.value)
    assert "after the recompute of (oews 2025, onet 30.1); diff two whole recompute outputs" in message
    assert "{" not in message  # before: {'onet': '30.1', 'oews': '2025'}


# ------------------------------------------------------------------ 5. a recompute directory with a line end
@pytest.mark.parametrize("end", ["\r", " "])
def test_exposure_diff_of_a_directory_with_a_line_end_names_it(outputs, tmp_path, capsys, end):
    old, new = outputs
    code, _, err = cli(capsys, "diff", f"{old}{end}", new, "--reports", tmp_path / "r")
    line = one_error_line(err, command="diff")
    assert code == 2
    assert line.endswith(f"directory {str(old) + end!r} not found (an output directory of exposure recompute is "
                         f"expected); {str(old)!r} is one: remove the surrounding spaces (or line end) of the path")
    assert "\r" not in line  # before: 'old\r: directory not found', the name hidden on screen


def test_load_of_a_directory_with_a_space_names_the_one_without(outputs):
    with pytest.raises(DataFormatError, match=r"^directory '.*old ' not found .*; '.*old' is one: remove"):
        load("occupations", directory=f"{outputs[0]} ")
    with pytest.raises(DataFormatError, match=r"gone : directory not found \(an output directory"):
        load("occupations", directory=f"{outputs[0].parent}/gone ")  # none without the space: as before


# ------------------------------------------------------------------ 6. verify / file_sha256
def test_verify_of_a_directory_or_a_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as info:
        F.verify(tmp_path, "0" * 64)  # before: IsADirectoryError
    assert str(info.value) == f"{tmp_path}: cannot read: is a directory, not a file"
    assert isinstance(info.value, OSError)
    with pytest.raises(InputError, match=r"missing.csv: cannot read: no such file$"):
        F.file_sha256(tmp_path / "missing.csv")  # before: FileNotFoundError
