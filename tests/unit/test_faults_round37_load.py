"""Fault round 37: ``exposure.load`` on tables of another tool or release, ``exposure sources``.

1. A processed table whose pandas metadata (``b"pandas"`` in the Parquet schema) is
   damaged - not JSON, or naming an index column the file does not hold (a tool that
   copied the metadata of another frame) - raised ``json.JSONDecodeError: Expecting
   property name ...`` or ``KeyError: 'nope'``, naming no file. Now a
   :class:`~exposure.errors.DataFormatError` naming the file.
2. A processed table with a column twice (written by pyarrow, which allows it) said
   ``cannot read this Parquet file: Multiple matches for FieldRef.Name(beta) in soc_code:
   large_string ...``; now ``column 'beta' appears twice (columns 4 and 21)``, the column
   named.
3. A processed table written with its key as the pandas index (``frame.set_index("soc_code")
   .to_parquet(...)``, as another tool or an older script writes it) was refused with
   ``column 'soc_code' is missing (SocScores requires it)``: the column is in the file,
   as the stored index. The named index levels are read back as columns now (a named
   level that is no column of the table is refused by the schema, as any other column);
   the row numbers (a non-default index, ``frame.iloc[5:]``) are not data and are dropped,
   also with ``validate=False``, which returned the index 5, 6, 7, ...
4. A ``manifest.json`` whose entry of the table is not an object (``"abc"``), or whose
   ``sha256`` is not a string (``5``, ``null``), is a damaged manifest: the table was read
   without any check, under the manifest's releases. Refused now, naming the manifest.
5. A table name given with a trailing slash (``"soc/"``) said ``for the file in '.', pass
   directory='.'`` (no such file is meant); a file name in upper case
   (``"SOC_SCORES.PARQUET"``) got only ``did you mean 'soc_scores'?`` instead of saying it
   is the file name. Both now name the table meant.
6. ``load(name, directory="~/out")`` or ``directory="$OUT/x"``: ``~`` and environment
   variables are not expanded (no path argument of the library expands them but the
   mirror's and the cache's), and the error said only ``directory not found``. It now
   says why, and what to pass.
7. ``exposure sources`` with a cache in which a file stands where a directory of a cached
   file belongs (``onet/29.1`` a file): the files under it were listed as ``missing``
   and the command exited 0, while ``exposure fetch`` then fails on them ("a file is in
   the place of a directory"). They are listed as ``blocked`` now, counted in the summary
   with what to do, and the exit code is 1 (as for a directory where the file belongs).

Tiny made-up tables written by the tests into ``tmp_path``; no mirror and no network.
"""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from exposure._load import load, processed_dir
from exposure.cli import main
from exposure.errors import DataFormatError, ExposureError

SOC = processed_dir() / "soc_scores.parquet"


#: An empty user data directory and cache, and no mirror, for every test.
pytestmark = pytest.mark.usefixtures("home_in_tmp")


@pytest.fixture(scope="module")
def soc() -> pd.DataFrame:
    """The first rows of the shipped ``soc_scores`` table (a valid table)."""
    return pd.read_parquet(SOC).head(12).reset_index(drop=True)


def _out(tmp_path, name="out"):
    d = tmp_path / name
    d.mkdir()
    return d


# 1. damaged pandas metadata ------------------------------------------------------------------

@pytest.mark.parametrize("damage", ["not json", "missing index column"])
def test_damaged_pandas_metadata_names_the_file(tmp_path, soc, damage):
    d = _out(tmp_path)
    table = pa.Table.from_pandas(soc, preserve_index=False)
    if damage == "not json":
        meta = b"{not json"
    else:
        m = json.loads(table.schema.metadata[b"pandas"])
        m["index_columns"] = ["nope"]
        meta = json.dumps(m).encode()
    pq.write_table(table.replace_schema_metadata({b"pandas": meta}), d / "soc_scores.parquet")
    for validate in (True, False):
        with pytest.raises(DataFormatError, match="pandas metadata") as info:
            load("soc", directory=d, validate=validate)
        assert str(info.value.path).endswith("soc_scores.parquet")
        # a processed table's advice, not the shared reader's "write the file again" (round 38)
        assert info.value.reason.endswith("; rewrite the table, or recompute"), info.value.reason


# 2. a column twice ---------------------------------------------------------------------------

def test_a_column_twice_is_named(tmp_path, soc):
    d = _out(tmp_path)
    table = pa.Table.from_pandas(soc, preserve_index=False)
    table = table.append_column("beta", table.column("beta"))
    pq.write_table(table, d / "soc_scores.parquet")
    with pytest.raises(DataFormatError) as info:
        load("soc", directory=d)
    exc = info.value
    assert exc.column == "beta" and str(exc.path).endswith("soc_scores.parquet")
    assert "given more than once in the Parquet schema (columns 4 and 21): keep one" in str(exc) and "FieldRef" not in str(exc)


# 3. the key stored as the pandas index -------------------------------------------------------

def test_the_key_stored_as_the_index_is_read_as_its_column(tmp_path, soc):
    d = _out(tmp_path)
    soc.set_index("soc_code").to_parquet(d / "soc_scores.parquet")
    frame = load("soc", directory=d)
    assert frame["soc_code"].tolist() == soc["soc_code"].tolist()
    assert list(frame.columns) == list(soc.columns)


def test_a_named_index_that_is_no_column_is_refused(tmp_path, soc):
    d = _out(tmp_path)
    soc.rename_axis("rowid").to_parquet(d / "soc_scores.parquet")
    with pytest.raises(DataFormatError, match="rowid"):
        load("soc", directory=d)


def test_the_row_numbers_of_a_slice_are_dropped(tmp_path, soc):
    d = _out(tmp_path)
    soc.iloc[5:].to_parquet(d / "soc_scores.parquet")
    for validate in (True, False):
        frame = load("soc", directory=d, validate=validate)
        assert frame.index.tolist() == list(range(len(soc) - 5))
        assert "__index_level_0__" not in frame


def test_the_key_both_as_index_and_column_is_refused(tmp_path, soc):
    d = _out(tmp_path)
    soc.set_index(soc["soc_code"]).to_parquet(d / "soc_scores.parquet")
    with pytest.raises(DataFormatError, match="soc_code.*index and as a column") as info:
        load("soc", directory=d)
    assert info.value.column == "soc_code"


# 4. a damaged manifest entry -----------------------------------------------------------------

@pytest.mark.parametrize("entry", ["abc", {"sha256": 5}, {"sha256": None}, ["x"]])
def test_a_damaged_manifest_entry_is_refused(tmp_path, soc, entry):
    d = _out(tmp_path)
    soc.to_parquet(d / "soc_scores.parquet")
    (d / "manifest.json").write_text(json.dumps(
        {"format": 1, "releases": {"onet": "29.1", "oews": "2025"},
         "tables": {"soc_scores.parquet": entry}}))
    with pytest.raises(DataFormatError, match="damaged") as info:
        load("soc", directory=d)
    assert str(info.value.path).endswith("manifest.json")
    assert "soc_scores.parquet" in str(info.value)
    assert len(load("soc", directory=d, validate=False)) == len(soc)


def test_a_manifest_entry_without_sha256_is_still_read(tmp_path, soc):
    d = _out(tmp_path)
    soc.to_parquet(d / "soc_scores.parquet")
    (d / "manifest.json").write_text(json.dumps(
        {"format": 1, "tables": {"soc_scores.parquet": {"rows": len(soc)}}}))
    assert len(load("soc", directory=d)) == len(soc)


# 5. table names ------------------------------------------------------------------------------

def test_a_table_name_with_a_trailing_slash():
    with pytest.raises(ExposureError) as info:
        load("soc/")
    msg = str(info.value)
    assert "'soc'" in msg and "directory=" not in msg


@pytest.mark.parametrize("name", ["SOC_SCORES.PARQUET", "soc_scores.PARQUET", "Tasks.Parquet"])
def test_a_file_name_in_upper_case(name):
    with pytest.raises(ExposureError, match="not its file name"):
        load(name)


# 6. ~ and $VAR in the directory --------------------------------------------------------------

@pytest.mark.parametrize(("given", "said"), [("~/exposure-r37-out", "'~' is not expanded"),
                                              ("$EXPOSURE_R37_OUT/x", "environment variables are not expanded")])
def test_unexpanded_directory_says_so(tmp_path, monkeypatch, given, said):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EXPOSURE_R37_OUT", str(tmp_path))
    with pytest.raises(DataFormatError, match="directory not found") as info:
        load("soc", directory=given)
    assert said in str(info.value)


# 7. exposure sources: a file where a directory of the cache belongs --------------------------

def test_sources_with_a_file_where_a_cache_directory_belongs(tmp_path, capsys):
    cache = tmp_path / "cache"
    (cache / "onet").mkdir(parents=True)
    (cache / "onet" / "29.1").write_text("not a directory\n")
    rc = main(["sources", "--format", "tsv", "onet/29.1/Job Zones.txt"])
    out = capsys.readouterr().out
    assert rc == 1
    assert "onet/29.1/Job Zones.txt\tonet\t29.1\t" in out and "\tblocked\t" in out
    rc = main(["sources", "onet/29.1/Job Zones.txt"])
    out = capsys.readouterr().out
    assert rc == 1 and "1 blocked" in out and "remove" in out
