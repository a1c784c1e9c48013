"""Fault round 80 (readers): public files not quite as the readers expect, and a diff's linked table.

Faults found and fixed:

1. An OEWS table (``read_oews``, so ``load_oews`` and ``exposure validate``) with a total
   row added below its rows, as a spreadsheet's table Total Row or a sum added by hand
   writes it (``Total`` in the first column, the employment summed, the titles blank),
   was refused as a row without a title, advice that does not fix it:
   ``oews.csv, row 4, column 'NAICS_TITLE': NAICS_TITLE is blank: every row of an OEWS
   table has a title``. It is now named as the crosswalk readers name theirs since round
   76 (one rule, ``exposure.crosswalks._total_rows_first``): ``oews.csv, row 4, column
   'AREA': the row is a total row ('Total'), not one of the OEWS table's rows: delete
   it``. BLS's own ``O_GROUP`` value ``total`` (the all-occupations rows) is not taken for
   one: an error below such a row is said in its own words, as before.
2. ``exposure diff`` (``check_diff_dir``) given an output whose table is a relative
   symbolic link to nothing, or a link to a link to nothing, named the link's next step
   only: ``OLD/task_scores.parquet: is a symbolic link to ../scratch/t.parquet, which does
   not exist (...)``, a path read from the current directory where the link's folder is
   meant, and a chain named by its first hop. Now the end of the chain is added, as
   ``exposure.fetch`` says it of a data folder: ``is a symbolic link to ../scratch/t.parquet
   (resolved: /abs/scratch/t.parquet), which does not exist (the task_scores table of
   exposure recompute is expected): point the link at the table, or recompute this
   directory``; an absolute link to a missing file is said as before. A link that leads
   back to itself was said to point at a file that does not exist (``is a symbolic link to
   task_scores.parquet, which does not exist``); it is now ``is a symbolic link that loops
   (task_scores.parquet -> task_scores.parquet) (...)``.
3. A file whose header holds a column read spelt otherwise (``ONET-SOC Code`` for
   ``O*NET-SOC Code``, as a program renaming columns or a newer release may write it; the
   names of O*NET's MySQL tables, ``onetsoc_code``, ``job_zone``; ``OCC CODE`` or
   ``TOT-EMP`` in an OEWS table) was refused as ``Job Zones.txt: missing column(s)
   'O*NET-SOC Code' in the header (line 1); found: 'ONET-SOC Code', 'Job Zone', 'Date',
   'Domain Source'``, the column it lists as found not said to be the one missing, nor
   what to write. The message now ends ``: the header's 'ONET-SOC Code' is 'O*NET-SOC
   Code' spelt otherwise (renamed by a program, or by a newer release?): name the column
   'O*NET-SOC Code'`` (several: ``the header's 'onetsoc_code', 'job_zone', 'domain_source'
   are 'O*NET-SOC Code', 'Job Zone', 'Domain Source' spelt otherwise (...): name the
   columns so``), in every reader built on ``exposure.onet._read`` (O*NET, OEWS, the
   crosswalks), text or workbook. Only case, spaces and punctuation are looked past:
   ``O*NET-SOC 2019 Code`` (another word) is not taken for ``O*NET-SOC Code``, and the
   column is named, not read.
4. An activity ID of the O*NET files (``DWA ID`` of ``Tasks to DWAs`` and ``DWA
   Reference``, ``IWA ID``, ``Element ID``) that is blank or whose letters are in another
   case (a program or a database export that lower-cased the column) was refused in
   pandera's words: ``Tasks to DWAs.txt, row 2, column 'DWA ID': DWA ID must match the
   pattern ^4\\.A\\.[0-9]+\\.[a-z]\\.[0-9]+\\.I[0-9]{2}\\.D[0-9]{2}\\Z, got text
   '4.a.2.a.4.i09.d03' (check str_matches)`` (``got text ''`` for a blank cell). Now it
   is said as the O*NET-SOC codes are (``exposure.schemas._fields.check_code_cells``):
   ``DWA ID is blank: give a DWA ID (like 4.A.2.a.4.I09.D03)``, and ``DWA ID must be a DWA
   ID (like 4.A.2.a.4.I09.D03), got '4.a.2.a.4.i09.d03': letters in another case than
   O*NET writes them? write '4.A.2.a.4.I09.D03'``.
"""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest

from exposure.crosswalks import read_census_crosswalk
from exposure.errors import DataFormatError, SchemaError
from exposure.oews import read_oews
from exposure.onet import read_dwas, read_iwas, read_job_zones, read_task_dwas, read_tasks
from exposure.reports.diff import check_diff_dir

# ------------------------------------------------------------ 1. an OEWS total row

_HEADER = ("AREA,AREA_TITLE,AREA_TYPE,NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,"
           "H_MEAN,A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN,ANNUAL,HOURLY")
_ROWS = ['99,U.S.,1,31-33,"Manufacturing",sector,00-0000,All Occupations,total,1000,0.1,30.0,62400,0.1,25.0,'
         "52000,,",
         '99,U.S.,1,31-33,"Manufacturing",sector,11-1011,Chief Executives,detailed,100,1.2,100.0,208000,0.5,'
         "90.0,187200,,"]


def _oews(tmp_path: Path, *extra: str) -> Path:
    path = tmp_path / "oews.csv"
    path.write_text("\n".join([_HEADER, *_ROWS, *extra]) + "\n", encoding="utf-8")
    return path


def test_an_oews_total_row_is_named_as_one(tmp_path):
    path = _oews(tmp_path, "Total,,,,,,,,,1100,,,,,,,,")
    with pytest.raises(DataFormatError) as info:
        read_oews(path)
    assert str(info.value) == (f"{path}, row 4, column 'AREA': the row is a total row ('Total'), not one of the "
                               "OEWS table's rows: delete it")


def test_an_oews_total_row_written_under_the_titles_is_named_there(tmp_path):
    path = _oews(tmp_path, ",,,,Grand total,,,,,1100,,,,,,,,")
    with pytest.raises(DataFormatError) as info:
        read_oews(path)
    assert str(info.value) == (f"{path}, row 4, column 'NAICS_TITLE': the row is a total row ('Grand total'), not "
                               "one of the OEWS table's rows: delete it")


def test_bls_total_o_group_is_not_taken_for_a_total_row(tmp_path):
    # the all-occupations row's O_GROUP is 'total': a blank title below it is said as before
    path = _oews(tmp_path, '99,U.S.,1,31-33,,sector,11-1021,Managers,detailed,50,1.0,60.0,124800,0.4,50.0,104000,,')
    with pytest.raises(DataFormatError) as info:
        read_oews(path)
    assert str(info.value) == (f"{path}, row 4, column 'NAICS_TITLE': NAICS_TITLE is blank: every row of an OEWS "
                               "table has a title")
    assert read_oews(_oews(tmp_path))["o_group"].tolist() == ["total", "detailed"]


def test_a_crosswalk_total_row_is_still_said_in_its_words(tmp_path):
    path = tmp_path / "onet_to_census_occ2018.csv"
    path.write_text("Job Zone,Occupation,Data-level,Code,cps_code\n5,Chief Executives,Y,11-1011.00,0010\n"
                    ",Total,,,\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_census_crosswalk(path)
    assert str(info.value) == (f"{path}, row 3, column 'Occupation': the row is a total row ('Total'), not one of "
                               "the crosswalk's rows: delete it")


# ------------------------------------------------------------ 2. a diff's table linked to nothing


def _output(tmp_path: Path) -> Path:
    out = tmp_path / "runs" / "old"
    out.mkdir(parents=True)
    for name in ("task_digests", "occupation_scores", "sector_scores", "subsector_scores", "soc_scores"):
        (out / f"{name}.parquet").write_bytes(b"")
    return out


_EXPECTED = ("(the task_scores table of exposure recompute is expected): point the link at the table, or "
             "recompute this directory")


def test_a_relative_link_to_nothing_is_named_where_it_resolves(tmp_path, monkeypatch):
    out = _output(tmp_path)
    (tmp_path / "runs" / "scratch").mkdir()
    table = out / "task_scores.parquet"
    table.symlink_to(Path("..") / "scratch" / "t.parquet")
    monkeypatch.chdir(tmp_path)  # "../scratch/t.parquet" read from here names another place
    resolved = tmp_path.resolve() / "runs" / "scratch" / "t.parquet"
    with pytest.raises(DataFormatError) as info:
        check_diff_dir(out)
    assert str(info.value) == (f"{table}: is a symbolic link to ../scratch/t.parquet (resolved: {resolved}), which "
                               f"does not exist {_EXPECTED}")


def test_a_chain_of_links_to_nothing_is_named_by_its_end(tmp_path):
    out = _output(tmp_path)
    hop = tmp_path / "hop.parquet"
    hop.symlink_to(tmp_path / "purged" / "t.parquet")
    table = out / "task_scores.parquet"
    table.symlink_to(hop)
    with pytest.raises(DataFormatError) as info:
        check_diff_dir(out)
    end = os.path.realpath(table)
    assert end == str(tmp_path.resolve() / "purged" / "t.parquet")
    assert str(info.value) == (f"{table}: is a symbolic link to {hop} (resolved: {end}), which does not exist "
                               f"{_EXPECTED}")


def test_an_absolute_link_to_nothing_is_said_as_before(tmp_path):
    out = _output(tmp_path)
    table = out / "task_scores.parquet"
    table.symlink_to(tmp_path / "gone.parquet")
    with pytest.raises(DataFormatError) as info:
        check_diff_dir(out)
    assert str(info.value) == f"{table}: is a symbolic link to {tmp_path / 'gone.parquet'}, which does not exist {_EXPECTED}"


def test_a_link_that_loops_is_named_as_one(tmp_path):
    out = _output(tmp_path)
    table = out / "task_scores.parquet"
    table.symlink_to("task_scores.parquet")
    with pytest.raises(DataFormatError) as info:
        check_diff_dir(out)
    assert str(info.value) == (f"{table}: is a symbolic link that loops (task_scores.parquet -> "
                               f"task_scores.parquet) {_EXPECTED}")


# ------------------------------------------------------------ 3. a column spelt otherwise

_SPELT = "spelt otherwise (renamed by a program, or by a newer release?)"


def test_an_onet_code_column_spelt_otherwise_is_named(tmp_path):
    path = tmp_path / "Job Zones.txt"
    path.write_bytes(b"ONET-SOC Code\tJob Zone\tDate\tDomain Source\r\n11-1011.00\t5\t08/2023\tAnalyst\r\n")
    with pytest.raises(DataFormatError) as info:
        read_job_zones(path)
    assert str(info.value) == (f"{path}: missing column(s) 'O*NET-SOC Code' in the header (line 1); found: "
                               "'ONET-SOC Code', 'Job Zone', 'Date', 'Domain Source': the header's 'ONET-SOC Code' "
                               f"is 'O*NET-SOC Code' {_SPELT}: name the column 'O*NET-SOC Code'")


def test_the_mysql_names_of_a_workbook_are_named_together(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["onetsoc_code", "task_id", "task", "task_type", "incumbents_responding", "date_updated",
                      "domain_source"])
    wb.active.append(["11-1011.00", 8823, "Direct.", "Core", 87, "08/2023", "Incumbent"])
    wb.save(tmp_path / "Task Statements.xlsx")
    with pytest.raises(DataFormatError) as info:
        read_tasks(tmp_path / "Task Statements.xlsx")
    assert info.value.reason.endswith(
        "the header's 'onetsoc_code', 'task_id', 'task_type', 'incumbents_responding', 'domain_source' are "
        f"'O*NET-SOC Code', 'Task ID', 'Task Type', 'Incumbents Responding', 'Domain Source' {_SPELT}: name "
        "the columns so")  # 'task' is 'Task' (any case); 'date_updated' is another name than 'Date'


def test_an_oews_column_spelt_otherwise_is_named(tmp_path):
    path = tmp_path / "oews.csv"
    path.write_text("\n".join([_HEADER.replace("TOT_EMP", "TOT-EMP"), *_ROWS]) + "\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_oews(path)
    assert info.value.reason.startswith("missing column(s) 'TOT_EMP' in the header (line 1); found: 'AREA', ")
    assert info.value.reason.endswith(f": the header's 'TOT-EMP' is 'TOT_EMP' {_SPELT}: name the column 'TOT_EMP'")


def test_another_word_is_not_taken_for_the_column(tmp_path):
    path = tmp_path / "Job Zones.txt"
    path.write_bytes(b"O*NET-SOC 2019 Code\tJob Zone\tDate\tDomain Source\r\n11-1011.00\t5\t08/2023\tAnalyst\r\n")
    with pytest.raises(DataFormatError) as info:
        read_job_zones(path)
    assert str(info.value) == (f"{path}: missing column(s) 'O*NET-SOC Code' in the header (line 1); found: "
                               "'O*NET-SOC 2019 Code', 'Job Zone', 'Date', 'Domain Source'")


# ------------------------------------------------------------ 4. activity IDs blank or in another case


def _text(tmp_path: Path, name: str, *lines: str) -> Path:
    path = tmp_path / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    return path


_TASK_DWAS = "O*NET-SOC Code\tTask ID\tDWA ID\tDate\tDomain Source"


def test_a_blank_dwa_id_is_said_blank(tmp_path):
    path = _text(tmp_path, "Tasks to DWAs.txt", _TASK_DWAS, "11-1011.00\t8823\t4.A.2.a.4.I09.D03\t08/2023\tAnalyst",
                 "11-1011.00\t8824\t\t08/2023\tAnalyst")
    with pytest.raises(SchemaError) as info:
        read_task_dwas(path)
    assert str(info.value) == f"{path}, row 3, column 'DWA ID': DWA ID is blank: give a DWA ID (like 4.A.2.a.4.I09.D03)"


def test_a_lower_cased_dwa_id_is_given_the_id_to_write(tmp_path):
    path = _text(tmp_path, "Tasks to DWAs.txt", _TASK_DWAS, "11-1011.00\t8823\t4.a.2.a.4.i09.d03\t08/2023\tAnalyst")
    with pytest.raises(SchemaError) as info:
        read_task_dwas(path)
    assert str(info.value) == (f"{path}, row 2, column 'DWA ID': DWA ID must be a DWA ID (like 4.A.2.a.4.I09.D03), "
                               "got '4.a.2.a.4.i09.d03': letters in another case than O*NET writes them? write "
                               "'4.A.2.a.4.I09.D03'")


def test_the_reference_files_say_their_ids_so(tmp_path):
    dwas = _text(tmp_path, "DWA Reference.txt", "Element ID\tIWA ID\tDWA ID\tDWA Title",
                 "4.A.2.a.4\t\t4.A.2.a.4.I09.D03\tAnalyze data.")
    with pytest.raises(SchemaError) as info:
        read_dwas(dwas)
    assert str(info.value) == f"{dwas}, row 2, column 'IWA ID': IWA ID is blank: give an IWA ID (like 4.A.2.a.4.I09)"
    iwas = _text(tmp_path, "IWA Reference.txt", "Element ID\tIWA ID\tIWA Title", "4.A.2.A.4\t4.A.2.a.4.I09\tStudy.")
    with pytest.raises(SchemaError) as info:
        read_iwas(iwas)
    assert str(info.value) == (f"{iwas}, row 2, column 'Element ID': Element ID must be an Element ID (like "
                               "4.A.2.a.4), got '4.A.2.A.4': letters in another case than O*NET writes them? write "
                               "'4.A.2.a.4'")


def test_well_formed_ids_read_as_before(tmp_path):
    path = _text(tmp_path, "DWA Reference.txt", "Element ID\tIWA ID\tDWA ID\tDWA Title",
                 "4.A.2.a.4\t4.A.2.a.4.I09\t4.A.2.a.4.I09.D03\tAnalyze data.")
    assert read_dwas(path).to_dict("records") == [
        {"dwa_id": "4.A.2.a.4.I09.D03", "dwa_title": "Analyze data.", "iwa_id": "4.A.2.a.4.I09",
         "element_id": "4.A.2.a.4"}]
