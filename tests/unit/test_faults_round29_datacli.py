"""Fault round 29: ``exposure sources`` / ``fetch`` names, ``exposure validate``, OEWS readers.

1. ``exposure validate --report-dir DIR`` with a source that failed (a file missing from
   the mirror, a sha256 mismatch, a bad table) wrote ``validate_row_counts.csv`` and
   ``data_coverage.csv`` without the rows of the failed sources, replacing the complete
   report in DIR; ``write_source_reports`` did so for the outputs of any
   ``validate_sources(on_error=...)`` run with a failure. Both files are now left as they
   were, and the error names the failed sources.
2. ``validate_sources(onet_releases="29.1")`` read the release letter by letter (four
   failures ``O*NET release '2' is not of the form MAJOR.MINOR``); ``onet_releases=None``
   raised ``TypeError: 'NoneType' object is not iterable`` and ``on_error=True`` raised
   ``TypeError: 'bool' object is not callable`` at the first failing source. Refused now,
   naming the argument, before anything is loaded.
3. An OEWS table with a header and no rows (a download cut after the header, a sheet
   whose rows were filtered away, a file of footnotes only) was read as an empty table:
   ``exposure validate --file oews`` counted 0 rows and exited 0. Refused now, as an
   empty crosswalk is.
4. An OEWS ``.csv`` saved with semicolons (a spreadsheet in a European locale) or tabs
   said only ``missing column(s) 'NAICS', ... found: 'NAICS;NAICS_TITLE;...'``: the error
   now says the file is separated by ``;`` (tabs) where BLS's CSV files use commas (since
   round 78 in the words of every published file, at its header, before its rows are read:
   ``row 1: the header holds ';' and no ',': the file looks semicolon-separated ...; the
   file is read comma-separated, as published: open it in LibreOffice ...``).
5. A name that differs from a registry name, prefix or kind in case only (``ONET/29.1``,
   ``OEWS``) or by a letter of a kind or directory (``oes``, ``crosswalk/``) got no
   suggestion (``unknown source 'ONET/29.1'; run `exposure sources` to list the
   registry``). It now suggests the name meant (``did you mean 'onet/29.1'?``), in
   ``exposure sources`` and ``exposure fetch`` alike.
6. A glob that matches nothing (``onet/*/Nothing*``) was called an ``unknown source``, and
   an empty NAME (``exposure fetch ''``) ``unknown source ''``: now ``'onet/*/Nothing*'
   matches no registry name`` and ``the name is empty: give a registry name, ...``.
7. ``sources_markdown`` given registry names instead of sources (``["onet/29.1/Task
   Categories.txt"]``), one name, None in the list or a number raised ``AttributeError:
   'str' object has no attribute 'url'`` / ``TypeError``; refused now, naming the item.
8. ``select_sources(b"onet")`` said ``got int 111 in it`` (bytes read byte by byte) and
   ``select_sources(frame["name"])`` raised pandas' ``The truth value of a Series is
   ambiguous``; refused now (bytes), read as the list of names it holds (a Series).

Tiny made-up files written by the tests into ``tmp_path``.
"""

from __future__ import annotations

import pandas as pd
import pytest
from _frames import write_text as _write

from exposure import sources as S
from exposure.cli import main
from exposure.errors import DataFormatError, ExposureError
from exposure.oews import read_oews
from exposure.reports.sources import validate_sources, write_source_reports

HEADER = ("NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,"
          "MEAN_PRSE,H_MEDIAN,A_MEDIAN")
ROW = ('000000,Cross-industry,cross-industry,11-1011,Chief Executives,detailed,"211,850",1.2,*,#,'
       "0.5,*,#")


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty $EXPOSURE_HOME (no lock file) and no mirror from the environment."""
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    monkeypatch.delenv("EXPOSURE_DATA_DIR", raising=False)
    return tmp_path / "home"


# 1. a report of a run with failures ------------------------------------------------------

def test_validate_report_dir_keeps_the_old_report_when_a_source_fails(tmp_path, home, capsys):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    rep = tmp_path / "rep"
    rep.mkdir()
    (rep / "validate_row_counts.csv").write_text("source,release,table,rows\nonet,29.1,tasks,18796\n")
    rc = main(["validate", "--mirror", str(mirror), "--data-dir", str(tmp_path / "cache"),
               "--onet-release", "29.1", "--report-dir", str(rep)])
    err = capsys.readouterr().err
    assert rc == 2
    assert (rep / "validate_row_counts.csv").read_text() == \
        "source,release,table,rows\nonet,29.1,tasks,18796\n"
    assert not (rep / "data_coverage.csv").exists()
    assert "not written" in err and "OEWS 2021 cross_industry" in err.splitlines()[-1]


def test_write_source_reports_refuses_the_outputs_of_a_run_with_failures(tmp_path, home):
    failed = []
    (tmp_path / "empty_mirror").mkdir()  # a mirror that does not exist is refused once (round 33)
    counts, loaded = validate_sources(onet_releases=(), mirror=tmp_path / "empty_mirror",
                                      data_dir=tmp_path / "cache",
                                      on_error=lambda label, exc: failed.append(label))
    assert "onet_to_soc" in failed
    with pytest.raises(ExposureError, match=r"not written: 13 source\(s\) failed .*onet_to_soc"):
        write_source_reports(counts, loaded, tmp_path / "rep")
    assert not (tmp_path / "rep").exists()


def test_write_source_reports_still_writes_a_run_without_failures(tmp_path):
    counts = pd.DataFrame({"source": ["oews"], "release": ["2025"], "table": ["national"],
                           "rows": pd.array([1400], dtype="Int64")})
    counts.attrs["failed"] = []
    paths = write_source_reports(counts, {}, tmp_path)
    assert paths[0].read_text().splitlines()[1] == "oews,2025,national,1400"


# 2. validate_sources arguments --------------------------------------------------------

@pytest.mark.parametrize("releases, message", [
    ("29.1", "onet_releases must be a list of O*NET releases (str), got str '29.1': write ('29.1',)"),
    (None, "onet_releases must be a list of O*NET releases (str), got NoneType None"),
    ([29.1], "onet_releases must be a list of O*NET releases (str), got float 29.1 in it"),
])
def test_validate_sources_refuses_releases_that_are_not_a_list(tmp_path, releases, message):
    failed = []
    with pytest.raises(ExposureError) as info:
        validate_sources(onet_releases=releases, mirror=tmp_path, data_dir=tmp_path / "c",
                         on_error=lambda label, exc: failed.append(label))
    assert str(info.value) == message
    assert failed == []  # nothing loaded


def test_validate_sources_refuses_an_on_error_that_is_not_callable(tmp_path):
    with pytest.raises(ExposureError, match=r"^on_error must be a function of \(label, exception\) "
                       r"or None, got bool True$"):
        validate_sources(onet_releases=(), mirror=tmp_path, data_dir=tmp_path / "c", on_error=True)


# 3. an OEWS table without rows -------------------------------------------------------

def test_read_oews_refuses_a_header_without_rows(tmp_path):
    path = _write(tmp_path, "national_M2026_dl.csv", HEADER + "\n")
    with pytest.raises(DataFormatError) as info:
        read_oews(path)
    assert str(info.value) == (f"{path}: no OEWS rows: the file has a header but no rows "
                               "(a download cut short?)")


def test_read_oews_refuses_a_table_of_footnotes_only(tmp_path):
    path = _write(tmp_path, "oews.csv", HEADER + "\nFootnotes:,,,,,,,,,,,,\n"
                  "(1) Estimates do not include self-employed workers.,,,,,,,,,,,,\n")
    with pytest.raises(DataFormatError, match="no OEWS rows: the file has a header but no rows"):
        read_oews(path)


def test_validate_file_oews_without_rows_exits_2(tmp_path, capsys):
    path = _write(tmp_path, "oews.csv", HEADER + "\n")
    rc = main(["validate", "--file", "oews", str(path)])
    captured = capsys.readouterr()
    assert rc == 2 and captured.out == ""
    assert captured.err == (f"exposure validate: error: oews: {path}: no OEWS rows: the file has a "
                            "header but no rows (a download cut short?)\n")


def test_read_oews_with_rows_is_read_as_before(tmp_path):
    frame = read_oews(_write(tmp_path, "oews.csv", HEADER + "\n" + ROW + "\n"))
    assert frame["tot_emp"].tolist() == [211850]


# 4. a CSV separated by semicolons or tabs --------------------------------------------

#: What a CSV separated by ';' is told to do (round 78: the words of every published file).
LIBRE = ("open it in LibreOffice (separated by ';') and Save As 'Text CSV' with the character set 'Unicode (UTF-8)' "
         "and the field delimiter ',' (Excel writes ';' in its CSV where the list separator is ';', in 'CSV UTF-8 "
         "(comma delimited)' too)")


#: What the file looks, and what it is told to do, by its separator.
TOLD = {";": ("semicolon-separated (Excel's CSV in some European settings)", LIBRE),
        "\t": ("tab-separated", "save it as 'CSV UTF-8 (comma delimited)'")}


@pytest.mark.parametrize("sep, said", [(";", "';'"), ("\t", "tabs")])
def test_read_oews_names_the_separator_of_a_csv_not_separated_by_commas(tmp_path, sep, said):
    looks, advice = TOLD[sep]
    text = (HEADER + "\n" + ROW.replace('"211,850"', "211850") + "\n").replace(",", sep)
    path = _write(tmp_path, "oews.csv", text)
    with pytest.raises(DataFormatError) as info:
        read_oews(path)
    message = str(info.value)
    # round 78: refused at the header, before the rows, by the check of every published file
    # (it was "missing column(s) 'NAICS', 'NAICS_TITLE' ... (the header is one column separated by ';', ...")
    assert message == (f"{path}, row 1: the header holds {said} and no ',': the file looks {looks}; the file is "
                       f"read comma-separated, as published: {advice}")
    # round 73: said once, by the shared reader (with the way to convert the file); it was said
    # again after it: "; the header is separated by ';', not by commas: save the file as CSV ..."
    assert "not by commas" not in message and message.count("the header") == 1
    assert "\n" not in message


# 5. near-miss names ------------------------------------------------------------------

@pytest.mark.parametrize("name, meant", [
    ("ONET/29.1", "'onet/29.1'"),
    ("OEWS", "'oews'"),
    ("oes", "'oews'"),
    ("crosswalk/", "'crosswalk'"),
    ("Onet/29.1/job zones.txt", "'onet/29.1/Job Zones.txt'"),
])
def test_a_near_miss_name_gets_a_suggestion(name, meant):
    with pytest.raises(ExposureError) as info:
        S.select_sources([name])
    assert str(info.value).startswith(f"unknown source {name!r}; did you mean {meant}")


def test_exposure_sources_suggests_the_name_meant(tmp_path, home, capsys):
    rc = main(["sources", "--data-dir", str(tmp_path / "cache"), "ONET/29.1"])
    err = capsys.readouterr().err
    assert rc == 2
    assert err == "exposure sources: error: unknown source 'ONET/29.1'; did you mean 'onet/29.1'?\n"


def test_exposure_fetch_suggests_the_name_meant(tmp_path, home, capsys):
    rc = main(["fetch", "--mirror", str(tmp_path), "--data-dir", str(tmp_path / "cache"), "OEWS"])
    assert rc == 2
    assert capsys.readouterr().err == ("exposure fetch: error: unknown source 'OEWS'; did you mean "
                                       "'oews'?\n")


# 6. a glob that matches nothing, an empty name -------------------------------------

def test_a_glob_that_matches_nothing_says_so():
    with pytest.raises(ExposureError) as info:
        S.select_sources(["onet/*/Nothing*"])
    assert str(info.value) == ("'onet/*/Nothing*' matches no registry name; run `exposure sources` "
                               "to list the registry")


@pytest.mark.parametrize("name", ["", "  "])
def test_an_empty_name_is_named_as_such(tmp_path, home, capsys, name):
    rc = main(["fetch", "--mirror", str(tmp_path), "--data-dir", str(tmp_path / "cache"), name])
    assert rc == 2
    assert capsys.readouterr().err == ("exposure fetch: error: the name is empty: give a registry "
                                       "name, prefix, kind or glob\n")


# 7. sources_markdown of names ------------------------------------------------------

@pytest.mark.parametrize("sources, message", [
    (["onet/29.1/Task Categories.txt"], "sources must be a list of registry entries "
     "(exposure.sources.Source), got str 'onet/29.1/Task Categories.txt' in it: "
     "use select_sources(names) for names"),
    ([None], "sources must be a list of registry entries (exposure.sources.Source), got "
     "NoneType None in it"),
    ("onet", "sources must be a list of registry entries (exposure.sources.Source), got str 'onet': "
     "use select_sources(names) for names"),
    (5, "sources must be a list of registry entries (exposure.sources.Source), got int 5"),
])
def test_sources_markdown_refuses_what_is_not_a_list_of_sources(sources, message):
    with pytest.raises(ExposureError) as info:
        S.sources_markdown(sources)
    assert str(info.value) == message


# 8. select_sources of bytes, of a Series ------------------------------------------------

def test_select_sources_refuses_bytes():
    with pytest.raises(ExposureError) as info:
        S.select_sources(b"onet")
    assert str(info.value) == "patterns must be a list of names or patterns (str), got bytes b'onet'"


def test_select_sources_reads_a_series_of_names():
    names = pd.Series(["onet/29.1/Job Zones.txt", "onet/29.1/Task Categories.txt"])
    assert [s.name for s in S.select_sources(names)] == list(names)
