"""Round 66: the category tagger's columns and the category report's sample files.

Faults found (each test below failed before its fix):

1. A frame whose occupation titles are under one of their other usual names,
   ``Occupation``, ``Position`` or ``Role`` (also ``occupation_name``, ``job_role``,
   ``position_title``, ``job_name``), was tagged as if it had no titles, without a word:
   ``Draft captions for TikTok posts.`` under the ``Occupation`` ``Senior Art Director``
   came out ``entry_creative`` (a row without a title counts as entry level), while the
   same frame with ``title`` (or ``Job Title``, warned of since round 49) does not, in
   ``tag_categories``, ``explain_categories``, ``score_tasks`` and ``exposure score``.
   Now one warning line, as for ``Job Title``: ``no 'title' column, but the frame has
   'Occupation': it is not read (the rows are tagged without it); give
   occupation_column='Occupation'``. The tags are unchanged (the column is still read only
   when named).
2. A hand-checked sample (``exposure report categories --hand-checked``, ``--holdout``,
   ``read_hand_checked``) or a validation sample file given as an ``.xlsx`` workbook (the
   sheet kept in Excel), a Parquet or Stata file, or compressed (``h.csv.gz``) was refused
   as ``h.xlsx, row 1: file is binary, not text (a NUL byte at offset 5)``: a row of a
   file that has none, and neither what the file is nor what to do. Now named as the
   shared readers name such files: ``h.xlsx: file is an .xlsx workbook, not CSV text: the
   sample files are read as CSV; save the sheet as 'CSV UTF-8 (comma delimited)'`` (``a
   zip archive (an .xlsx workbook?)`` under another name; ``the file is gzip-compressed,
   which is not read: decompress it first (gunzip -k h.csv.gz writes h.csv) ...``), exit 2
   before O*NET. A CSV damaged by a NUL byte is still named by its row and offset.
3. ``write_category_reports(..., validation=True)`` (a flag to ask for the validation
   reports, or any value that is not a path) was refused as ``directory must be a
   directory path (str or os.PathLike), got bool True``, naming an argument the function
   does not have (``read_validation_sample``'s). Now ``validation must be a directory path
   (str or os.PathLike), got bool True``, before any file is read.

Tiny made-up files and frames written by the tests.
"""

from __future__ import annotations

import gzip
import logging
import re

import pandas as pd
import pytest
from _cli import _no_env  # noqa: F401 (autouse fixture)
from _frames import write_xlsx
from test_faults_cli import cli, one_error_line  # tests/unit is on sys.path
from test_faults_round57_categories import HAND, validation_dir
from test_faults_round59_categories import NUL, TASKS, release

from exposure.errors import DataFormatError
from exposure.reports.categories import (
    read_hand_checked,
    read_validation_sample,
    write_category_reports,
)
from exposure.scoring import score_tasks
from exposure.scoring.categories import explain_categories, tag_categories

LOGGER = "exposure.scoring.categories"
ROW = "43-9061.00,1,random,True,False,False,phones\n"
NOT_CSV = "not CSV text: the sample files are read as CSV; "
SAVE_AS_CSV = "save the sheet as 'CSV UTF-8 (comma delimited)'"


# ------------------------------------------------------------------ 1. titles under another usual name
def captions(column: str) -> pd.DataFrame:
    """Caption tasks under senior titles, in ``column``."""
    return pd.DataFrame({"task": ["Draft captions for TikTok posts.", "Write ad copy for social media."],
                         column: ["Senior Art Director", "Marketing Manager"]})


@pytest.mark.parametrize("column", ["Occupation", "occupation", "Position", "Role", "occupation_name",
                                    "job_role", "Position Title", "Job Name"])
def test_titles_under_another_usual_name_are_warned_of(caplog, column):
    frame = captions(column)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        tags = tag_categories(frame)
    assert caplog.messages == [f"no 'title' column, but the frame has {column!r}: it is not read (the rows are "
                               f"tagged without it); give occupation_column={column!r}"]
    assert tags["entry_creative"].tolist() == [True, True]  # tagged as before: the column is not read
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        assert not tag_categories(frame, occupation_column=column)["entry_creative"].any()  # read when named
        assert not tag_categories(captions("title").assign(**{column: "x"}))["entry_creative"].any()
    assert caplog.messages == []  # the titles are read: nothing to say


def test_titles_under_another_name_warned_of_by_explain_and_score_tasks(caplog):
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        explain_categories(captions("Occupation"))
        score_tasks(captions("Occupation"), method="rubric")
    said = "no 'title' column, but the frame has 'Occupation'"
    assert [m.startswith(start + said) for m, start in zip(caplog.messages, ["", "score_tasks: "], strict=True)] == [
        True] * 2  # score_tasks' warning in its name (round 72)


def test_titles_under_another_name_warned_of_by_exposure_score(tmp_path, capsys, caplog):
    src = tmp_path / "t.csv"
    src.write_text("task,Occupation\nDraft captions for TikTok posts.,Senior Art Director\n")
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        code, _, _ = cli(capsys, "score", src, "-o", tmp_path / "o.csv", "--method", "rubric")
    assert code == 0
    assert [m for m in caplog.messages if "'Occupation'" in m] == [
        f"{src}: no 'title' column, but the file has 'Occupation': it is not read (the rows are scored without "
        "it); give --occupation-column Occupation"]  # the command's option (round 71), the file (round 72)


# ------------------------------------------------------------------ 2. a workbook or a compressed sample file
@pytest.fixture
def sample_frame() -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": ["43-9061.00"], "task_id": [1], "stratum": ["random"], "admin": [True],
                         "routine_coding": [False], "entry_creative": [False], "note": ["phones"]})


def test_hand_checked_workbook_is_named_as_such(tmp_path, sample_frame):
    path = write_xlsx(tmp_path, "h.xlsx", [list(sample_frame.columns), *sample_frame.values.tolist()])
    with pytest.raises(DataFormatError, match=rf"^{re.escape(str(path))}: file is an \.xlsx workbook, "
                                              rf"{NOT_CSV}{re.escape(SAVE_AS_CSV)}$"):
        read_hand_checked(path)
    path.write_text(HAND + ROW)  # CSV text is read whatever its name, as before
    assert read_hand_checked(path)["admin"].tolist() == [True]
    for name in ("h.csv", "h.xlsx"):  # a text file damaged by a NUL byte: still named by its row and offset
        (tmp_path / name).write_bytes((HAND + "43-9061.00,1,random,Tr\x00ue,False,False,x\n").encode())
        with pytest.raises(DataFormatError, match=rf"{re.escape(name)}, row 2: " + NUL):
            read_hand_checked(tmp_path / name)


def test_hand_checked_parquet_and_zip_are_named_as_such(tmp_path, sample_frame):
    sample_frame.to_parquet(tmp_path / "h.parquet")
    with pytest.raises(DataFormatError, match=r"h\.parquet: file is a Parquet file, not CSV text: .*write the "
                                              r"table as comma-separated UTF-8 text \(to_csv\)$"):
        read_hand_checked(tmp_path / "h.parquet")
    xlsx = write_xlsx(tmp_path, "h.xlsx", [list(sample_frame.columns)])
    renamed = tmp_path / "renamed.csv"
    renamed.write_bytes(xlsx.read_bytes())  # a workbook named .csv
    with pytest.raises(DataFormatError, match=r"renamed\.csv: file is a zip archive \(an \.xlsx workbook\?\), "
                                              + NOT_CSV):
        read_hand_checked(renamed)


def test_hand_checked_gzip_says_to_decompress_it(tmp_path):
    path = tmp_path / "h.csv.gz"
    path.write_bytes(gzip.compress((HAND + ROW).encode()))
    with pytest.raises(DataFormatError, match=r"h\.csv\.gz: the file is gzip-compressed, which is not read: "
                                              r"decompress it first \(gunzip -k h\.csv\.gz writes h\.csv\)"):
        read_hand_checked(path)


def test_validation_sample_file_that_is_a_workbook(tmp_path, sample_frame):
    d = validation_dir(tmp_path / "v2")
    (d / "labels_annotator_a.csv").write_bytes(write_xlsx(tmp_path, "a.xlsx", [["x"]]).read_bytes())
    with pytest.raises(DataFormatError, match=r"labels_annotator_a\.csv: file is a zip archive"):
        read_validation_sample(d)


def test_hand_checked_workbook_on_the_command_line(tmp_path, capsys, sample_frame):
    path = write_xlsx(tmp_path, "h.xlsx", [list(sample_frame.columns), *sample_frame.values.tolist()])
    code, _, err = cli(capsys, "report", "categories", "--hand-checked", path, "--out-dir", tmp_path / "o")
    line = one_error_line(err, command="report categories")
    assert code == 2
    assert line.endswith(f"h.xlsx: file is an .xlsx workbook, {NOT_CSV}{SAVE_AS_CSV}"), line
    assert not (tmp_path / "o").exists()




# ------------------------------------------------------------------ 3. validation that is not a path
@pytest.mark.parametrize("value, got", [(True, "bool True"), (5, "int 5"), (b"v2", "bytes b'v2'")])
def test_validation_that_is_not_a_path_is_named(tmp_path, value, got):
    (tmp_path / "h.csv").write_text(HAND + ROW)
    with pytest.raises(DataFormatError, match=rf"^validation must be a directory path \(str or os\.PathLike\), "
                                              rf"got {re.escape(got)}$"):
        write_category_reports({"development": tmp_path / "h.csv"}, tmp_path / "o", onet=release(TASKS),
                               validation=value)
    assert not (tmp_path / "o").exists()


def test_validation_flag_refused_and_directory_read(tmp_path):
    (tmp_path / "h.csv").write_text(HAND + "43-9061.00,2,random,False,False,False,x\n")
    tasks = pd.DataFrame({"onetsoc_code": ["43-9061.00", "43-9061.00", "47-2021.00"], "task_id": [1, 2, 3],
                          "task": ["Answer telephones.", "File records.", "Lay bricks."],
                          "task_type": ["Core", "Core", "Core"]})
    with pytest.raises(DataFormatError, match=r"^validation must be a directory path .*got bool True$"):
        write_category_reports({"development": tmp_path / "h.csv"}, tmp_path / "o", onet=release(tasks),
                               validation=True)  # a flag asking for the validation reports
    tables = write_category_reports({"development": tmp_path / "h.csv"}, tmp_path / "o", onet=release(tasks),
                                    validation=str(validation_dir(tmp_path / "val")),
                                    onet_to_soc=pd.DataFrame({"onetsoc_code": ["43-9061.00", "47-2021.00"],
                                                              "soc_code": ["43-9061", "47-2021"]}),
                                    soc_scores=pd.DataFrame({"soc_code": ["43-9061", "47-2021"],
                                                             "tot_emp": [100.0, 50.0]}))
    assert set(tables) == {"precision_recall", "shares", "annotators", "validation", "estimates"}
