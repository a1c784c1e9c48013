"""Fault round 78 (``readers2``): another table given to a published reader, a removed current directory, East Asian and Cyrillic text, Parquet files cut short.

Faults found (each test below failed before its fix):

1. Since wave 1 of round 78, the readers of published files (O*NET, OEWS, the crosswalks:
   ``exposure._tables.read_text_table``) refuse a file separated by another character at its
   header, before its rows. A file that is not a table of that reader at all was told only
   to save it otherwise: ``exposure validate --file onet_to_soc 'Task Statements.txt'`` (and
   ``read_oews`` of an O*NET file) said ``Task Statements.txt, row 1: the header holds tabs
   and no ',': the file looks tab-separated; the file is read comma-separated, as published:
   save it as 'CSV UTF-8 (comma delimited)'``, which gave a file refused for its missing
   columns next (before wave 1: ``missing column(s) ... (... check that it is the right file,
   or save it comma-separated)``). Now the reader's required columns are looked for in the
   header split on the other character, and those it lacks are named, with "check that it
   is the right file" before the advice: ``..., row 1: the header holds tabs and no ',': the
   file looks tab-separated, but split on tabs its header lacks column(s) 'O*NET-SOC 2019
   Title', '2018 SOC Code', '2018 SOC Title' (found: 'O*NET-SOC Code', 'Task ID', 'Task'), and
   the file is read comma-separated, as published: check that it is the right file, or save
   it as 'CSV UTF-8 (comma delimited)'``. A table of that reader saved otherwise is told as
   before.
2. A relative input file when the shell's current directory was removed said
   ``p.parquet: panel file not found`` (``x.csv: file not found``; ``exposure.load(...,
   directory="out")``: ``out: directory not found (an output directory of exposure recompute
   is expected)``), the removed directory unsaid. Now in the words of the output checks
   (``exposure._io.lost_cwd``): ``p.parquet: panel file not found: the current directory no
   longer exists (it was removed or replaced after the shell entered it), so a relative path
   names nothing; cd to an existing directory, or give the full path``.
3. A file that is not UTF-8 was told ``the file looks like Windows-1252/Latin-1 text (0x97 is
   '—' there)`` whatever it was: a Shift-JIS (Japanese) file so, a GB18030, Big5, EUC-KR or
   Windows-1251 file ``(0xba is 'º' there)``. Now a text reading as Shift-JIS with kana is
   said to be ``the file looks like Shift-JIS (Japanese) text, not UTF-8``, and one whose
   bytes beyond ASCII come mostly in runs of three or more (not single-byte Western text)
   ``the file is not UTF-8, nor Windows-1252 text: its bytes beyond ASCII come in runs, as in
   Chinese, Japanese, Korean or Cyrillic text``; Windows-1252 text is told as before.
4. A Parquet file cut short (a copy or download stopped) said pyarrow's ``cannot read this
   Parquet file: Parquet magic bytes not found in footer. Either the file is corrupted or this
   is not a parquet file.`` (``exposure.load``, ``exposure compare --ours``, ``exposure
   outcomes --soc-scores``, ``exposure._tables.read_frame``). Now ``not a complete Parquet
   file: it starts as one, but its end (the footer, closed by 'PAR1') is missing: the file was
   cut short (a copy or download stopped, or a disk full while it was written?); copy or write
   it again``; and a CSV file named ``.parquet`` given to the readers of the library's own
   tables (``exposure.load``, ``read_parquet_file``) ``not a Parquet file: it looks like
   delimited text (a CSV or TSV file named .parquet?); write it as Parquet with pandas
   (pd.read_csv(PATH).to_parquet(...))`` (an empty one ``file is empty: not a Parquet file
   ...``).

Tiny made-up files written by the tests, in the real files' layouts.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import exposure
from exposure import crosswalks, oews, onet
from exposure._tables import check_input_file, read_frame, read_parquet_file
from exposure.errors import DataFormatError

PROCESSED = Path(__file__).resolve().parents[2] / "data" / "processed"
TASKS_TAB = "O*NET-SOC Code\tTask ID\tTask\r\n11-1011.00\t8823\tDirect or coordinate budgets.\r\n"
LOST = ("the current directory no longer exists (it was removed or replaced after the shell entered it), so a "
        "relative path names nothing; cd to an existing directory, or give the full path")
CUT = ("not a complete Parquet file: it starts as one, but its end (the footer, closed by 'PAR1') is missing: the "
       "file was cut short (a copy or download stopped, or a disk full while it was written?); copy or write it "
       "again")


def _refused(read, *args, **kwargs) -> str:
    with pytest.raises(DataFormatError) as info:
        read(*args, **kwargs)
    return str(info.value)


# 1. another table given to a published reader ----------------------------------------------------

def test_1_an_onet_file_given_as_a_crosswalk_names_the_missing_columns(tmp_path):
    path = tmp_path / "Task Statements.txt"
    path.write_text(TASKS_TAB, encoding="utf-8", newline="")
    assert _refused(crosswalks.read_onet_to_soc, path) == (
        f"{path}, row 1: the header holds tabs and no ',': the file looks tab-separated, but split on tabs its "
        "header lacks column(s) 'O*NET-SOC 2019 Title', '2018 SOC Code', '2018 SOC Title' (found: 'O*NET-SOC "
        "Code', 'Task ID', 'Task'), and the file is read comma-separated, as published: check that it is the "
        "right file, or save it as 'CSV UTF-8 (comma delimited)'")
    said = _refused(oews.read_oews, path)
    assert said.startswith(f"{path}, row 1: the header holds tabs and no ',': the file looks tab-separated, but "
                           "split on tabs its header lacks column(s) 'NAICS', 'NAICS_TITLE', ")
    assert said.endswith("(found: 'O*NET-SOC Code', 'Task ID', 'Task'), and the file is read comma-separated, as "
                         "published: check that it is the right file, or save it as 'CSV UTF-8 (comma delimited)'")


def test_1_a_semicolon_file_of_another_table_and_an_onet_reader(tmp_path):
    path = tmp_path / "soc10_isco08.csv"
    path.write_text("soc_code;title\n11-1011;Chief Executives\n", encoding="utf-8")
    assert _refused(crosswalks.read_soc10_isco08, path) == (
        f"{path}, row 1: the header holds ';' and no ',': the file looks semicolon-separated (Excel's CSV in some "
        "European settings), but split on ';' its header lacks column(s) 'soc10', 'isco08' (found: 'soc_code', "
        "'title'), and the file is read comma-separated, as published: check that it is the right file, or open "
        "it in LibreOffice (separated by ';') and Save As 'Text CSV' with the character set 'Unicode (UTF-8)' and "
        "the field delimiter ',' (Excel writes ';' in its CSV where the list separator is ';', in 'CSV UTF-8 "
        "(comma delimited)' too)")
    jz = tmp_path / "Job Zones.txt"
    jz.write_text("O*NET-SOC Code,Title\n11-1011.00,Chief Executives\n", encoding="utf-8")
    assert _refused(onet.read_job_zones, jz) == (
        f"{jz}, row 1: the header holds ',' and no tab: the file looks comma-separated, but split on ',' its header "
        "lacks column(s) 'Job Zone', 'Date', 'Domain Source' (found: 'O*NET-SOC Code', 'Title'), and the file is "
        "read tab-separated, as published: check that it is the right file, or save it tab-separated")
    # the reader's own table saved otherwise: the advice alone, as before
    path.write_text("soc10;isco08\n11-1011;1112\n", encoding="utf-8")
    assert "check that it is the right file" not in _refused(crosswalks.read_soc10_isco08, path)
    path.write_text("soc10,isco08\n11-1011,1112\n", encoding="utf-8")
    assert crosswalks.read_soc10_isco08(path)["isco08_code"].tolist() == ["1112"]


# 2. a relative path in a removed current directory -----------------------------------------------

@pytest.fixture
def lost_cwd(tmp_path, monkeypatch):
    gone = tmp_path / "gone"
    gone.mkdir()
    (gone / "x.csv").write_text("task\nWeld.\n", encoding="utf-8")
    monkeypatch.chdir(gone)
    shutil.rmtree(gone)
    return gone


def test_2_a_relative_input_in_a_removed_directory_says_so(lost_cwd):
    assert _refused(check_input_file, "p.parquet", "panel file") == f"p.parquet: panel file not found: {LOST}"
    assert _refused(read_frame, "x.csv") == f"x.csv: file not found: {LOST}"
    assert _refused(oews.read_oews, "o.csv") == f"o.csv: file not found: {LOST}"
    assert _refused(exposure.load, "soc_scores", directory="out") == (
        f"out: directory not found (an output directory of exposure recompute is expected); {LOST}")
    # an absolute path needs no current directory: as before
    missing = os.path.join(os.sep, "nonexistent", "p.parquet")
    assert _refused(check_input_file, missing, "panel file") == f"{missing}: panel file not found"


# 3. text in another encoding than Windows-1252 ---------------------------------------------------

def test_3_shift_jis_is_not_called_windows_1252(tmp_path):
    path = tmp_path / "tasks.csv"
    path.write_bytes("task,title\n溶接する。,溶接工\n".encode("shift_jis"))
    assert _refused(read_frame, path) == (
        f"{path}, row 2, column 'task': byte 0x97 is not valid UTF-8 (byte offset 11): the file looks like "
        "Shift-JIS (Japanese) text, not UTF-8; save it as UTF-8 ('CSV UTF-8')")
    txt = tmp_path / "Task Statements.txt"
    txt.write_bytes("O*NET-SOC Code\tTask ID\tTask\r\n11-1011.00\t8823\t予算を管理する。\r\n".encode("shift_jis"))
    assert "the file looks like Shift-JIS (Japanese) text, not UTF-8; give the table" in _refused(onet.read_tasks, txt)
    # Western text in Windows-1252 (its letters alone or in pairs: 'ção'), as before
    for text, byte in (("Soudure à l'arc électrique.", "0xe0 is 'à'"), ("Inspeção e manutenção de peças.", "0xe7 is 'ç'"),
                       ("Schweißen größerer Bauteile.", "0xdf is 'ß'")):
        path.write_bytes(f"task,title\n{text},Welder\n".encode("cp1252"))
        assert f"the file looks like Windows-1252/Latin-1 text ({byte} there)" in _refused(read_frame, path)
    # UTF-8 text (Chinese) holding one Windows-1252 byte: that byte is told so, as before
    path.write_bytes("task,title\n焊接金属".encode() + b"\x97" + "cut.,焊工\n".encode())
    assert "the file looks like Windows-1252/Latin-1 text (0x97 is '—' there)" in _refused(read_frame, path)


@pytest.mark.parametrize("encoding, text", [("gb18030", "焊接金属。,焊工"), ("big5", "焊接金屬。,焊工"),
                                            ("euc_kr", "금속을 용접한다.,용접공"), ("cp1251", "Сварка металла.,Сварщик")])
def test_3_runs_of_bytes_are_not_called_windows_1252(tmp_path, encoding, text):
    path = tmp_path / "tasks.csv"
    path.write_bytes(f"task,title\n{text}\n".encode(encoding))
    said = _refused(read_frame, path)
    assert "Windows-1252/Latin-1" not in said
    assert said.endswith(": the file is not UTF-8, nor Windows-1252 text: its bytes beyond ASCII come in runs, as "
                         "in Chinese, Japanese, Korean or Cyrillic text; save it as UTF-8 ('CSV UTF-8')")


# 4. a Parquet file cut short ---------------------------------------------------------------------

def test_4_a_parquet_file_cut_short_is_said_so(tmp_path):
    path = tmp_path / "soc_scores.parquet"
    pd.DataFrame({"soc_code": ["11-1011", "11-1021"], "beta": [0.1, 0.2]}).to_parquet(path)
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])
    assert _refused(read_frame, path) == f"{path}: {CUT}"
    assert _refused(read_parquet_file, path) == f"{path}: {CUT}"
    out = tmp_path / "out"
    shutil.copytree(PROCESSED, out)
    table = out / "soc_scores.parquet"
    table.write_bytes(table.read_bytes()[:1000])
    assert _refused(exposure.load, "soc_scores", directory=out, validate=False) == f"{table}: {CUT}"


def test_4_a_csv_named_parquet_given_to_the_library_tables_reader(tmp_path):
    path = tmp_path / "soc_scores.parquet"
    path.write_text("soc_code,beta\n11-1011,0.1\n", encoding="utf-8")
    assert _refused(read_parquet_file, path) == (
        f"{path}: not a Parquet file: it looks like delimited text (a CSV or TSV file named .parquet?); write it as "
        "Parquet with pandas (pd.read_csv(PATH).to_parquet(...))")
    path.write_bytes(b"")
    assert _refused(read_parquet_file, path).startswith(f"{path}: file is empty: not a Parquet file")


# 5. a workbook cut short ----------------------------------------------------------------------------

def test_5_a_workbook_cut_short_is_said_so(tmp_path):
    book = openpyxl.Workbook()
    for row in (["O*NET-SOC Code", "Job Zone", "Date", "Domain Source"], ["11-1011.00", 5, "08/2023", "Analyst"]):
        book.active.append(row)
    path = tmp_path / "Job Zones.xlsx"
    book.save(path)
    assert onet.read_job_zones(path)["job_zone"].tolist() == [5]
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])
    said = ("not a complete .xlsx workbook: it starts as one (a zip archive), but its end (the archive's directory of "
            "its parts) is missing: the file was cut short (a copy or download stopped?); copy or download it again")
    assert _refused(onet.read_job_zones, path) == f"{path}: {said}"
    user = tmp_path / "tasks.xlsx"
    user.write_bytes(data[:len(data) // 2])
    assert _refused(read_frame, user) == f"{user}: {said}"
