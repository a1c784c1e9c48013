"""Fault round 64, faults found while landing the round (each test failed before its fix).

1. :func:`exposure.measures.eloundou.read_task_labels` refused a label file re-saved by
   Excel or LibreOffice, which writes the ``gpt_3_relevant`` flags as ``TRUE`` /
   ``FALSE`` (``expected True or False, got 'TRUE'``), although no report reads that
   column. The flags are now read in any case; other values (``yes``) are still refused
   naming the file, the row and the column.
2. A file named ``.xlsx`` that is not a workbook openpyxl reads, given to ``exposure
   score`` or ``exposure rollup`` (``exposure._tables.read_frame``): an OpenDocument
   spreadsheet renamed ``.xlsx`` gave a traceback (pandas' ``ImportError: Import odfpy
   failed``); a Word document or an ``.xlsb`` renamed ``.xlsx`` said ``cannot read this
   .xlsx workbook: 'zip'``, and a workbook saved as Strict Open XML ``Worksheet index 0 is
   invalid, 0 worksheets found``. Given to an O*NET reader (``exposure validate --file``),
   the Word document gave openpyxl's bare ``File contains no valid workbook part``, with
   no file named (an ``OSError``, not an ``ExposureError``, in Python). Each is now named
   for what it is (``exposure._tables.foreign_workbook``, moved from ``exposure.onet``);
   a Strict Open XML workbook is refused before openpyxl reads it, which printed its
   ``UserWarning: File contains an invalid specification for 0`` above the error line.
   The readers of the Felten and ILO workbooks (``exposure.measures``) gave the same
   tracebacks (``Import odfpy failed``, ``Import python-calamine failed`` for an
   ``.xlsb``) or ``'zip'`` and now name each file the same way.
3. An OEWS table (``exposure.oews.read_oews``, ``exposure rollup --employment``) whose
   sector code was pasted with an en dash (``'31–33'``) was refused as not a code as BLS
   writes it, ``(000000, 31-33, ...), got '31–33'``: the code looked like the one asked
   for. The message now says it is a dash that is not the hyphen (the sector roll-up's
   own check says so since this round).
4. The roll-ups given a frame indexed by its key (``exposure.load("soc")
   .set_index("soc_code")`` to :func:`exposure.rollup.to_sectors` or
   :func:`exposure.rollup.workforce_stats`) said it ``lacks column(s) ['soc_code']``
   and no more; they now say the column is the index (``reset_index() first``), as the
   O*NET readers' check says it.
5. ``exposure rollup --onet-release 31.0`` (a release the package does not pin, given as
   O*NET's download in ``--data-dir``, which ``exposure recompute --onet-release 31.0``
   reads) looked for the task statements and ratings in the package registry only:
   ``no O*NET 31.0 Task Statements in the registry; pass --tasks FILE``. It now finds
   them as :func:`exposure.onet.load_onet` does (the lock file, then the O*NET layout).
6. A download of O*NET 30.1 that failed while the data directory held O*NET's text
   download of 30.1 (``db_30_1_text.zip``) said to ``give --onet-format text``, which
   ``load_onet`` then refused (``O*NET 30.1 is pinned by the package in excel format
   only``); so for 29.1's Excel download. It now says that copy is not read and names the
   download to put there (``db_30_1_excel.zip``).
7. A task scores frame holding a task twice, validated against ``TaskScores``
   (``exposure validate --file task_scores``, ``exposure.schemas.validate``), was named as
   ``row 1: (onetsoc_code, task_id) is unique where both are known (check _unique_keys)``:
   no column, no value, and the rule in the words of its success. It now reads ``row 1,
   column 'task_id': each task (onetsoc_code, task_id) given once (where both are known);
   got 8824 (check _unique_keys)``.
"""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest
from _frames import write_xlsx
from _release_files import write_release_zip
from test_faults_cli import cli, one_error_line
from test_faults_round64_onet import JZ_ROWS, STRICT_SAID, _ods, _strict
from tests.integration.test_publishers import onet_31_files

from exposure import onet
from exposure._tables import foreign_workbook, read_frame
from exposure.errors import DataFormatError
from exposure.fetch import _other_format_hint
from exposure.measures import felten, ilo
from exposure.measures.eloundou import read_task_labels
from exposure.oews import read_oews
from exposure.rollup import workforce_stats
from exposure.schemas import all_models, validate
from exposure.sources import get_source


def _labels_file(tmp_path, flag: str):
    text = ("\tO*NET-SOC Code\tTask ID\tTask\tTask Type\tTitle\thuman_exposure_agg\tgpt4_exposure\t"
            "gpt4_exposure_alt_rubric\tgpt_3_relevant\tgpt4_automation\n"
            f"0\t11-1011.00\t8823.0\tDirect budgets.\tCore\tChief Executives\tE2\tE1\tE1\t{flag}\tT2\n"
            "1\t11-1011.00\t8824.0\tMeet boards.\tCore\tChief Executives\tE0\tE0\tE0\tFalse\tT1\n")
    path = tmp_path / "labels.tsv"
    path.write_text(text)
    return path


@pytest.mark.parametrize("flag, value", [("TRUE", True), ("FALSE", False), ("true", True), ("True", True)])
def test_spreadsheet_flags_are_read(tmp_path, flag, value):
    labels = read_task_labels(_labels_file(tmp_path, flag))
    assert labels["gpt_3_relevant"].tolist() == [value, False]
    assert str(labels["gpt_3_relevant"].dtype) == "boolean"


def test_other_flags_are_still_refused(tmp_path):
    with pytest.raises(DataFormatError, match="expected True or False, got 'yes'") as info:
        read_task_labels(_labels_file(tmp_path, "yes"))
    assert (info.value.row, info.value.column) == (2, "gpt_3_relevant")


def _office(path, folder: str, part: str):
    """A zip archive holding an Office part other than an .xlsx workbook (a Word document, an .xlsb)."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                         'content-types"/>')
        archive.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                         f'relationships"><Relationship Id="rId1" Target="{folder}{part}"/></Relationships>')
        archive.writestr(folder + part, b"<x/>")
    return path


ODS_SAID = "the file is an OpenDocument spreadsheet (LibreOffice's .ods format) named .xlsx, which is not read"
WORD_SAID = "the file is a Word document named .xlsx, with no workbook in it (xl/workbook.xml)"
XLSB_SAID = "the file is an Excel binary workbook (.xlsb) named .xlsx, which is not read"


@pytest.mark.parametrize("make, said", [
    (_ods, ODS_SAID),
    (lambda p: _office(p, "word/", "document.xml"), WORD_SAID),
    (lambda p: _office(p, "xl/", "workbook.bin"), XLSB_SAID),
])
def test_a_file_named_xlsx_that_is_not_a_workbook_is_named_by_read_frame(tmp_path, make, said):
    path = make(tmp_path / "tasks.xlsx")
    with pytest.raises(DataFormatError) as info:
        read_frame(path)
    assert str(info.value).startswith(f"{path}: {said}")


def test_a_strict_open_xml_workbook_is_named_by_read_frame(tmp_path):
    path = _strict(tmp_path, "tasks.xlsx", [["task"], ["Draft replies to emails."]])
    with pytest.raises(DataFormatError) as info:
        read_frame(path)
    assert str(info.value) == f"{path}: {STRICT_SAID}"


@pytest.mark.parametrize("command", [["score"], ["rollup"]])
def test_exposure_score_and_rollup_of_an_ods_named_xlsx_say_it_in_one_line(tmp_path, capsys, command):
    path = _ods(tmp_path / "tasks.xlsx")
    code, _, err = cli(capsys, *command, path, "-o", tmp_path / "out.csv" if command == ["score"] else tmp_path / "r")
    assert code == 2 and ODS_SAID in one_error_line(err, command=command[0])


def test_an_o_net_reader_names_a_word_document_named_xlsx(tmp_path, capsys):
    path = _office(tmp_path / "Job Zones.xlsx", "word/", "document.xml")
    with pytest.raises(DataFormatError) as info:
        onet.read_job_zones(path)
    assert str(info.value) == f"{path}: {WORD_SAID}: give the .xlsx workbook itself"
    code, _, err = cli(capsys, "validate", "--file", "job_zones", path)
    assert code == 2 and WORD_SAID in one_error_line(err, command="validate")


def test_workbooks_are_read_as_before(tmp_path):
    assert onet.read_job_zones(write_xlsx(tmp_path, "Job Zones.xlsx", JZ_ROWS))["job_zone"].notna().all()


@pytest.mark.parametrize("command", [["score"], ["validate", "--file", "job_zones"]])
def test_a_strict_open_xml_workbook_is_named_in_one_line_without_openpyxl_s_warning(tmp_path, capsys, command):
    path = _strict(tmp_path, "tasks.xlsx", JZ_ROWS if command[0] == "validate" else [["task"], ["Draft emails."]])
    args = [*command, path] + (["-o", tmp_path / "out.csv"] if command == ["score"] else [])
    code, _, err = cli(capsys, *args)
    assert code == 2 and err.strip().count("\n") == 0 and STRICT_SAID in one_error_line(err, command=command[0])


@pytest.mark.parametrize("reader", [felten.read_felten_occupations, ilo.read_ilo])
@pytest.mark.parametrize("make, said", [
    (_ods, ODS_SAID),
    (lambda p: _office(p, "word/", "document.xml"), WORD_SAID),
    (lambda p: _office(p, "xl/", "workbook.bin"), XLSB_SAID),
    (lambda p: _strict(p.parent, p.name, [["SOC Code"], ["11-1011"]]), STRICT_SAID),
])
def test_the_measures_workbook_readers_name_a_file_that_is_not_a_workbook(tmp_path, reader, make, said):
    path = make(tmp_path / "measure.xlsx")
    with pytest.raises(DataFormatError) as info:
        reader(path)
    assert str(info.value).startswith(f"{path}: {said}")


def test_a_workbook_whose_main_part_is_elsewhere_is_not_called_foreign(tmp_path):
    """The O*NET readers (openpyxl) find the main part through ``[Content_Types].xml`` (pandas looks for ``xl/workbook.xml``)."""
    path = tmp_path / "Job Zones.xlsx"
    with zipfile.ZipFile(write_xlsx(tmp_path, "plain.xlsx", JZ_ROWS)) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename).replace(b"xl/workbook.xml", b"xl/book.xml")
            target.writestr(info.filename.replace("workbook.xml", "book.xml"), data)  # its rels too
    assert foreign_workbook(path) is None
    assert onet.read_job_zones(path)["job_zone"].tolist() == [5]


OEWS_HEADER = "NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN\n"


def test_an_oews_sector_code_with_an_en_dash_is_told_so(tmp_path):
    path = tmp_path / "oe.csv"
    path.write_text(OEWS_HEADER + "31\u201333,Manufacturing,sector,00-0000,All Occupations,total,100,1,1,1,1,1,1\n",
                    encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_oews(path)
    assert str(info.value).endswith("got '31\u201333': '\u2013' (U+2013, a dash that is not the hyphen '-'; pasted "
                                    "from a document?): write '31-33'")
    assert (info.value.row, info.value.column) == (2, "NAICS")


def test_a_soc_frame_indexed_by_its_code_is_said_to_be_so():
    soc = pd.DataFrame({"soc_code": ["11-1011"], "alpha": [0.1], "beta": [0.5], "gamma": [0.9], "tot_emp": [100.0]})
    with pytest.raises(DataFormatError, match=r"lacks column\(s\) \['soc_code'\] .*; 'soc_code' is the index: "
                                              r"reset_index\(\) first$"):
        workforce_stats(soc.set_index("soc_code"))


@pytest.mark.parametrize("weights", ["core", "importance"])
def test_rollup_reads_a_release_of_the_data_directory_as_recompute_does(tmp_path, capsys, monkeypatch, weights,
                                                                        shared_data):
    data = tmp_path / "data"
    write_release_zip(data, onet_31_files())
    scores = tmp_path / "s.csv"
    scores.write_text("onetsoc_code,task_id,task,alpha,beta,gamma\n"
                      "11-1011.00,8823,Direct or coordinate an organization's financial activities.,0.1,0.5,0.9\n")
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    code, _, err = cli(capsys, "rollup", scores, "--onet-release", "31.0", "--data-dir", data, "--mirror",
                       shared_data, "--weights", weights, "-o", tmp_path / "out")
    assert code == 0, err
    assert (tmp_path / "out" / "occupation_scores.parquet").is_file()


@pytest.mark.parametrize("name, copy, said", [
    ("onet/30.1/Job Zones.xlsx", "db_30_1_text.zip", "O*NET's text download, which is not read: the package pins "
     "O*NET 30.1 in its excel format only: put db_30_1_excel.zip there instead"),
    ("onet/29.1/Job Zones.txt", "db_29_1_excel.zip", "O*NET's excel download, which is not read: the package pins "
     "O*NET 29.1 in its text format only: put db_29_1_text.zip there instead"),
])
def test_a_download_of_the_unpinned_format_of_a_package_release_is_not_offered(tmp_path, name, copy, said):
    with zipfile.ZipFile(tmp_path / copy, "w") as archive:
        archive.writestr(copy[:-4] + "/Job Zones" + (".txt" if "text" in copy else ".xlsx"), "x")
    hint = _other_format_hint(tmp_path, get_source(name))
    assert hint == f"; the data directory has {tmp_path / copy}, {said}"
    assert "--onet-format" not in hint


def test_a_task_given_twice_in_task_scores_is_named_by_its_column_and_id():
    rows = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [8824, 8824], "task": ["Plan.", "Plan."],
                         "p_e0": [1.0, 1.0], "p_e1": [0.0, 0.0], "p_e2": [0.0, 0.0], "label": ["E0", "E0"],
                         "alpha": [0.0, 0.0], "beta": [0.0, 0.0], "gamma": [0.0, 0.0], "admin": [False] * 2,
                         "routine_coding": [False] * 2, "entry_creative": [False] * 2, "method": ["learned"] * 2})
    with pytest.raises(DataFormatError, match=r"column 'task_id': each task \(onetsoc_code, task_id\) given once "
                                              r"\(where both are known\); got 8824 \(check _unique_keys\)"):
        validate(rows, all_models()["TaskScores"])
