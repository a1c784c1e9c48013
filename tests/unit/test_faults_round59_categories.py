"""Round 59: the category tagger's inputs and its validation report.

Faults found (each test below failed before its fix):

1. A hand-checked sample (``--hand-checked``, ``--holdout``, ``dev_v2.csv``) or a file of
   the blind validation sample (``sample.csv``, ``labels_annotator_*.csv``) holding a NUL
   byte (a file damaged on disk or in a copy) was refused as ``h.csv: a binary file, not
   CSV text``: no line, no offset, while every other reader names them. The report's
   reader looked for the byte itself; it now calls the shared check
   (:func:`exposure._tables.check_no_nul`): ``h.csv, row 3: file is binary, not text (a
   NUL byte at offset 136)`` (exit 2 on the command line, before O*NET is loaded).
2. ``cohen_kappa(a, b)`` of two Series holding the same task labels in another order
   (two annotators' files read and indexed by task, one sorted otherwise) paired the
   ratings by position, without a word: two identical ratings gave a kappa of -0.67
   instead of 1.0. Refused now, as ``precision_recall`` and ``validation_metrics`` refuse
   such frames: ``b has the index labels of a in another order: the rows are paired by
   position, not by label; pass b.reindex(a.index)``.
3. ``write_category_reports(..., onet=release)`` whose ``onet.tasks`` is indexed by its
   keys with the columns kept (``tasks.set_index(["onetsoc_code", "task_id"],
   drop=False)``, to look tasks up with ``.loc``) failed with pandas' ``ValueError:
   'onetsoc_code' is both an index level and a column label, which is ambiguous`` (the
   join of the samples to the release's texts). The release's tasks are read with a fresh
   index now: the reports are those of the same table with its default index.
4. ``write_category_reports`` (and ``sample_files``) given a sample whose path is not a
   path (``{"development": None}``, bytes) raised pathlib's ``TypeError: expected str,
   bytes or os.PathLike object, not NoneType``; an empty path ``""`` was refused as
   ``path is empty``, naming no sample. Now ``samples['development'] must be a file path
   (str or os.PathLike), got NoneType None`` (``samples['development'] is empty: ...``),
   before any file is read or written.
5. ``nearest_occupations(titles, occupations, min_score=np.float32(0.6))`` (a NumPy
   number other than ``float64``: a threshold taken from a ``float32`` array, or
   ``np.int64(1)``) was refused with ``min_score must be a number in [0, 1], got
   np.float32(0.6)``: a message contradicting itself. Any real number in [0, 1] is taken
   now (:func:`exposure._args.is_number`); ``True``, NaN and 1.5 are still refused.

Leads already handled (kept so by the identity check of the round, not by a test here):
titles with trailing spaces or in capitals, job zones given as ``'3'``, ``3.0``,
``'3.0'``, ``' 3 '``, ``uint8``, Arrow or categorical columns; codes of O*NET 30.1 tagged
with 29.1 (one warning names the task IDs 29.1 lacks); ``explain_categories`` of free
text, of rows with job zones and of codes the release lacks; hand-checked samples with
extra columns or in another column order; labels ``TRUE``/``FALSE`` and ``1``/``0``
(``yes``/``no`` and ``Y``/``N`` are refused, naming the file, row and column).

Tiny made-up files and frames written by the tests.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from _cli import _no_env  # noqa: F401 (autouse fixture)
from test_faults_cli import (  # tests/unit is on sys.path (rootdir-relative imports)
    cli,
    one_error_line,
)
from test_faults_round57_categories import HAND, validation_dir

from exposure.errors import DataFormatError
from exposure.reports.categories import (
    cohen_kappa,
    read_hand_checked,
    read_validation_sample,
    sample_files,
    write_category_reports,
)
from exposure.scoring.categories import nearest_occupations

NUL = r"file is binary, not text \(a NUL byte at offset (\d+)\)$"


def release(tasks: pd.DataFrame) -> SimpleNamespace:
    """A made-up release of ``tasks``, without work activities."""
    return SimpleNamespace(tasks=tasks, task_dwas=pd.DataFrame(columns=["onetsoc_code", "task_id", "dwa_id"]),
                           dwas=pd.DataFrame(columns=["dwa_id", "iwa_id"]))


TASKS = pd.DataFrame({"onetsoc_code": ["43-9061.00", "47-2021.00", "43-9061.00"], "task_id": [1, 2, 3],
                      "task": ["Answer telephones.", "Lay bricks.", "File records."]})


# ------------------------------------------------------------------ 1. a NUL byte
def test_nul_byte_in_hand_checked_sample_names_row_and_offset(tmp_path):
    path = tmp_path / "h.csv"
    text = HAND + "43-9061.00,1,random,True,False,False,phones\n43-9061.00,2,random,Tr\x00ue,False,False,x\n"
    path.write_bytes(text.encode())
    with pytest.raises(DataFormatError, match=r"h\.csv, row 3: " + NUL) as info:
        read_hand_checked(path)
    assert int(re.search(NUL, str(info.value)).group(1)) == text.index("\x00")


@pytest.mark.parametrize("name", ["sample.csv", "labels_annotator_a.csv", "labels_annotator_b.csv"])
def test_nul_byte_in_validation_sample_file_names_row(tmp_path, name):
    d = validation_dir(tmp_path / "v2")
    (d / name).write_bytes((d / name).read_bytes() + b"\x00\x00\n")  # a copy cut short, padded with NULs
    with pytest.raises(DataFormatError, match=rf"{name}, row \d+: " + NUL):
        read_validation_sample(d)


def test_nul_byte_in_hand_checked_sample_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "h.csv"
    path.write_bytes((HAND + "43-9061.00,1,random,True,False,False,ph\x00ones\n").encode())
    code, _, err = cli(capsys, "report", "categories", "--hand-checked", path, "--out-dir", tmp_path / "o")
    line = one_error_line(err, command="report categories")
    assert code == 2
    assert re.search(r"h\.csv, row 2: " + NUL, line), line
    assert not (tmp_path / "o").exists()


# ------------------------------------------------------------------ 2. cohen_kappa pairs by position
def test_kappa_of_series_in_another_order_is_refused():
    a = pd.Series([True, True, False, False, False], index=list("abcde"))
    b = a.sort_index(ascending=False)  # the same ratings, B's file sorted otherwise
    with pytest.raises(DataFormatError, match=r"^b has the index labels of a in another order: the rows are "
                                              r"paired by position, not by label; pass b\.reindex\(a\.index\)$"):
        cohen_kappa(a, b)
    assert cohen_kappa(a, b.reindex(a.index)) == 1.0
    assert cohen_kappa(a, b.tolist()) == cohen_kappa(a.tolist(), b.tolist())  # a list: by position, as documented
    assert cohen_kappa(a, a.reset_index(drop=True)) == 1.0  # other labels: by position


# ------------------------------------------------------------------ 3. onet.tasks indexed by its keys
@pytest.mark.parametrize("keys", [["onetsoc_code", "task_id"], "onetsoc_code", "task_id"])
def test_release_tasks_indexed_by_their_keys(tmp_path, keys):
    (tmp_path / "h.csv").write_text(HAND + "43-9061.00,1,random,True,False,False,phones\n"
                                    "47-2021.00,2,random,False,False,False,bricks\n")
    samples = {"development": tmp_path / "h.csv"}
    want = write_category_reports(samples, tmp_path / "a", onet=release(TASKS))
    got = write_category_reports(samples, tmp_path / "b", onet=release(TASKS.set_index(keys, drop=False)))
    for name, table in want.items():
        pd.testing.assert_frame_equal(got[name], table)
    assert (tmp_path / "b" / "categories_shares.csv").read_bytes() == (tmp_path / "a" / "categories_shares.csv").read_bytes()


# ------------------------------------------------------------------ 4. a sample path that is not one
@pytest.mark.parametrize("value, got", [(None, r"must be a file path \(str or os.PathLike\), got NoneType None$"),
                                        (b"h.csv", r"must be a file path \(str or os.PathLike\), got bytes b'h\.csv'"),
                                        ("", "is empty: give a file path")])
def test_sample_path_that_is_not_a_path_is_refused(tmp_path, value, got):
    with pytest.raises(DataFormatError, match=r"^samples\['development'\] " + got):
        sample_files({"development": value})
    with pytest.raises(DataFormatError, match=r"^samples\['development'\] " + got):
        write_category_reports({"development": value}, tmp_path / "o", onet=release(TASKS))
    assert not (tmp_path / "o").exists()


def test_sample_path_of_a_later_sample_is_refused(tmp_path):
    (tmp_path / "h.csv").write_text(HAND + "43-9061.00,1,random,True,False,False,phones\n")
    with pytest.raises(DataFormatError, match=r"^samples\['holdout'\] must be a file path .*got NoneType None$"):
        write_category_reports({"development": tmp_path / "h.csv", "holdout": None}, tmp_path / "o",
                               onet=release(TASKS))
    assert not (tmp_path / "o").exists()


# ------------------------------------------------------------------ 5. min_score as a NumPy number
OCC = pd.DataFrame({"onetsoc_code": ["43-4171.00", "15-1252.00"],
                    "title": ["Receptionists and Information Clerks", "Software Developers"]})


@pytest.mark.parametrize("min_score", [np.float32(0.5), np.float16(0.5), np.int64(0), np.int8(1)])
def test_min_score_as_numpy_number(min_score):
    titles = ["Receptionist", "senior software developer", "Welder"]
    assert nearest_occupations(titles, OCC, min_score=min_score) == nearest_occupations(
        titles, OCC, min_score=float(min_score))
    for bad in (True, np.float32("nan"), np.float32(1.5), "0.5", None):  # still refused
        with pytest.raises(DataFormatError, match=r"^min_score must be a number in \[0, 1\], got "):
            nearest_occupations(titles, OCC, min_score=bad)
