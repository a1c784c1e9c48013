"""Fault round 41: the source registry (``exposure.sources``) and the sources report.

1. ``get_source(" onet/29.1/Task Statements.txt ")`` (or the name with a pasted line end,
   a tab or a no-break space around it) was an "unknown source" whose only close match
   was the name itself, where ``select_sources`` strips the spaces. White space around a
   name is now no part of it; a name with a change inside stays unknown.
2. A registry file's rows were counted with ``str.splitlines``: a form feed or a U+2028
   inside a line was a line break, so that line was split into two "rows" and every error
   below it named the wrong row. Rows are now counted at ``\\n``, ``\\r\\n`` and ``\\r``
   only, and a name holding a control character or a line separator is refused, named.
3. A line of the registry with a field too few or too many (a tab at its end) named its
   row but no column; the header error named no column either. Now the first missing
   column (``'sha256'``) or the field too many (``column 4``) is named.
4. A name of the registry that matches no group of files declared in ``sources.py`` (a
   new directory pinned by hand) raised a bare ``RuntimeError`` at ``import exposure``
   naming no file, row or column; now a ``DataFormatError`` naming them.
5. A registry that is not UTF-8 (saved in Latin-1 by an editor) raised
   ``UnicodeDecodeError`` at ``import exposure``; now named with its file and row. A
   UTF-8 byte order mark before the header (Notepad) is skipped, not refused as a header
   ``'\\ufeffname'``.
6. Two names that differ only in case (``x/a.csv`` and ``x/A.csv``) were both pinned: on
   a case-insensitive file system (macOS, Windows) they are one file of the cache, each
   fetch replacing the other. Refused now, naming both rows.
7. ``exposure.reports.sources.READERS`` lacked ``census_crosswalk`` (the December 2026
   ``crosswalks/onet_to_census_occ2018.csv``): ``validate_file("census_crosswalk", p)``
   was an unknown table, though ``validate_sources`` validates that crosswalk and
   ``exposure validate --file census_crosswalk`` reads it.
8. ``validate_file`` of a file of a header alone (an O*NET table cut after its header)
   returned a valid table of 0 rows, where ``exposure validate --file`` refuses it.

Tiny made-up registry files and tables written into ``tmp_path``; no file of the mirror is
read.
"""

from __future__ import annotations

import pytest

from exposure import sources as S
from exposure.errors import DataFormatError, ExposureError, InputError
from exposure.reports.sources import READERS, validate_file
from exposure.sources import SOURCES, get_source, select_sources

TASKS = "onet/29.1/Task Statements.txt"
SHA = "0" * 64
HEAD = "name\tsize\tsha256\n"
GOOD = f"onet/29.1/Job Zones.txt\t8\t{SHA}\n"
CENSUS_HEADER = "Job Zone,Occupation,Data-level,Code,cps_code\n"


def _registry(tmp_path, text: str, encoding: str = "utf-8"):
    path = tmp_path / "registry.tsv"
    path.write_bytes(text.encode(encoding))
    return path


# 1. white space around a name ---------------------------------------------------------

@pytest.mark.parametrize("name", [f" {TASKS} ", f"{TASKS}\t", f"{TASKS}\n", f"{TASKS}\r\n",
                                  f"\u00a0{TASKS}", f"\u3000{TASKS}\u2028"])
def test_a_name_with_white_space_around_it_is_the_name(name):
    assert get_source(name) is SOURCES[TASKS]
    assert select_sources([name]) == [SOURCES[TASKS]]


def test_a_name_changed_inside_stays_unknown_with_its_close_match():
    with pytest.raises(ExposureError, match=r"unknown source 'onet/29\.1/Task  Statements\.txt'; did you "
                       r"mean 'onet/29\.1/Task Statements\.txt'"):
        get_source(" onet/29.1/Task  Statements.txt ")
    with pytest.raises(ExposureError, match="the name is empty"):
        get_source(" \t\n")


# 2. rows counted as a text editor counts them -----------------------------------------

def test_a_form_feed_in_a_line_does_not_shift_the_rows_below():
    with pytest.raises(DataFormatError) as info:
        S._read_pins(HEAD + GOOD + f"onet/29.1/a\x0cb.txt\t3\t{SHA}\n" + f"onet/29.1/c.txt\t3 B\t{SHA}\n")
    assert str(info.value).startswith("exposure/data/registry.tsv, row 3, column 'name': the name must be a path without "
                                      "surrounding spaces, control characters or line breaks, got "
                                      "'onet/29.1/a\\x0cb.txt'")


def test_a_line_separator_in_a_name_is_refused_on_its_row():
    with pytest.raises(DataFormatError, match=r"registry\.tsv, row 3, column 'name': .*'onet/29\.1/a\\u2028b"):
        S._read_pins("# pins\n" + HEAD + f"onet/29.1/a\u2028b.txt\t3\t{SHA}\n")


def test_rows_after_a_lone_cr_line_end_are_still_counted():  # a guard: CR alone still ends a line
    with pytest.raises(DataFormatError, match=r"row 3, column 'sha256': sha256 must be 64 hexadecimal"):
        S._read_pins(HEAD.replace("\n", "\r") + GOOD.replace("\n", "\r") + f"x/b.csv\t3\t{SHA[1:]}\r")


# 3. a field too few or too many names its column ---------------------------------------

@pytest.mark.parametrize("line, where, said", [
    ("onet/29.1/Task Statements.txt\t8\n", "row 3, column 'sha256'", "got 2"),
    ("onet/29.1/Task Statements.txt\n", "row 3, column 'size'", "got 1"),
    (f"onet/29.1/Task Statements.txt\t8\t{SHA}\t\n", "row 3, column 4",
     "got 4 (field 4: ''; a tab too many?)"),
])
def test_a_line_of_another_number_of_fields_names_its_column(line, where, said):
    with pytest.raises(DataFormatError) as info:
        S._read_pins(HEAD + GOOD + line)
    assert str(info.value) == (f"exposure/data/registry.tsv, {where}: expected 3 fields (name, size, sha256) separated by tabs, "
                               f"{said}")


def test_a_wrong_header_names_its_column():
    with pytest.raises(DataFormatError, match=r"registry\.tsv, row 1, column 'size': the header must be"):
        S._read_pins("name\tbytes\tsha256\n" + GOOD)


# 4. a name of no group ------------------------------------------------------------------

def test_a_name_of_no_group_is_named_with_its_row(tmp_path):
    path = _registry(tmp_path, HEAD + GOOD + f"bea/2024/io_table.csv\t3\t{SHA}\n")
    with pytest.raises(DataFormatError) as info:
        S._build_registry(path)
    assert str(info.value).startswith(f"{path}, row 3, column 'name': 'bea/2024/io_table.csv' matches no "
                                      "group of files declared in exposure/sources.py")


def test_a_registry_file_builds_its_sources(tmp_path):
    built = S._build_registry(_registry(tmp_path, "# made up\n" + HEAD + GOOD))
    assert list(built) == ["onet/29.1/Job Zones.txt"]
    assert built["onet/29.1/Job Zones.txt"].release == "29.1"
    assert built["onet/29.1/Job Zones.txt"].size == 8


# 5. encodings ----------------------------------------------------------------------------

def test_a_registry_not_in_utf8_is_named_with_its_row(tmp_path):
    path = _registry(tmp_path, HEAD + GOOD + f"reference/x/caf\u00e9.csv\t3\t{SHA}\n", encoding="latin-1")
    with pytest.raises(DataFormatError) as info:
        S._read_pins(path=path)
    assert str(info.value) == f"{path}, row 3: the registry must be UTF-8 text, got the byte 0xe9"


def test_a_byte_order_mark_before_the_header_is_skipped(tmp_path):
    assert S._read_pins("\ufeff" + HEAD + GOOD) == [("onet/29.1/Job Zones.txt", 8, SHA)]
    path = _registry(tmp_path, "\ufeff" + HEAD + GOOD)
    assert S._read_pins(path=path) == [("onet/29.1/Job Zones.txt", 8, SHA)]


def test_an_unreadable_registry_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match=r"missing\.tsv: cannot read: the registry: No such file"):
        S._read_pins(path=tmp_path / "missing.tsv")


# 6. names that differ in case only ----------------------------------------------------

def test_two_names_differing_in_case_only_are_refused():
    with pytest.raises(DataFormatError) as info:
        S._read_pins(HEAD + GOOD + f"onet/29.1/job zones.txt\t8\t{SHA}\n")
    assert str(info.value).startswith("exposure/data/registry.tsv, row 3, column 'name': 'onet/29.1/job zones.txt' differs only "
                                      "in case from 'onet/29.1/Job Zones.txt' (row 2)")


def test_the_shipped_registry_still_builds():
    assert S._build_registry() == SOURCES


# 7. census_crosswalk in READERS ---------------------------------------------------------

def test_validate_file_reads_the_census_crosswalk(tmp_path):
    path = tmp_path / "onet_to_census_occ2018.csv"
    path.write_text(CENSUS_HEADER + "5,Chief Executives,Y,11-1011.00,0010\n"
                    "4,Legislators,Y,11-1031.00,0030\n", encoding="utf-8")
    assert "census_crosswalk" in READERS
    frame = validate_file("census_crosswalk", path)
    assert frame["census_occ"].tolist() == ["0010", "0030"]


def test_every_crosswalk_validate_sources_loads_has_a_reader():
    from exposure.crosswalks import CROSSWALK_FILES
    assert set(CROSSWALK_FILES) <= set(READERS)


# 8. a header alone ------------------------------------------------------------------------

@pytest.mark.parametrize("table, name, text", [
    ("tasks", "Task Statements.txt", "O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding"
     "\tDate\tDomain Source\r\n"),
    ("job_zones", "Job Zones.txt", "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n"),
])
def test_validate_file_refuses_a_header_alone(tmp_path, table, name, text):
    path = tmp_path / name
    path.write_bytes(text.encode())
    with pytest.raises(DataFormatError) as info:
        validate_file(table, path)
    assert str(info.value) == (f"{path}: no {table} rows: the file has a header but no rows (a download "
                               "cut short?)")
