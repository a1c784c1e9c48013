"""Round 45: ``exposure sources --releases`` and the rubric report's warnings, given odd input.

1. ``exposure sources --releases``: a lock line that repeats a pin of the package exactly
   (same name, size and sha256; :meth:`~exposure.releases.Lock.entries` accepts it) was
   counted and listed as a file the lock file pins ("lock file ...: 1 pinned file"), while
   :func:`~exposure.releases.releases_frame` counts it as the package's (and the package's
   pin is the one used). Now only the lock's own pins are counted; the repeats are named
   apart.
2. :func:`~exposure.reports.rubric.rubric_agreement` with ``onet``: the warning on labels of
   another release named no file and no argument (``381 row(s) have a task ID that O*NET 29.1
   does not list ... (first: row 203, ...)`` on the real data), so a reader looked for line
   203 of a file (it is line 204). The labels frame is now named ``labels`` (its rows
   counted from 1, as :func:`~exposure.reports.rubric.checked_labels` counts them); with
   the new ``labels_path`` (the file :func:`~exposure.measures.eloundou.read_task_labels`
   read), the warning names that file and its line (the header is line 1), while the frame
   keeps the index it was read with.
3. :func:`~exposure.reports.rubric.write_rubric_agreement` refuses an ``out`` that is the
   ``labels_path`` before anything is written (the labels were lost under the report).

Tiny made-up lock files, label files and O*NET frames.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pandas as pd
import pytest

from exposure.cli import main
from exposure.errors import ExposureError
from exposure.measures.eloundou import read_task_labels
from exposure.reports.rubric import rubric_agreement, write_rubric_agreement
from exposure.sources import SOURCES

ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"  # sha256 of b"abc"
LOCK_HEAD = "name\tsize\tsha256\turl\tmember\n"
ZIP = "https://www.onetcenter.org/dl_files/database/db_{}_text.zip"
PACKAGE_NAME = "onet/29.1/Job Zones.txt"


def _lock_line(name: str, size, sha) -> str:
    release = name.split("/")[1].replace(".", "_")
    return f"{name}\t{size}\t{sha}\t{ZIP.format(release)}\tdb_{release}_text/{name.rsplit('/', 1)[-1]}\n"


def _package_line() -> str:
    src = SOURCES[PACKAGE_NAME]
    return _lock_line(PACKAGE_NAME, src.size, src.sha256)


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty $EXPOSURE_HOME and no mirror or data directory from the environment."""
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    monkeypatch.delenv("EXPOSURE_DATA_DIR", raising=False)
    (tmp_path / "home").mkdir()
    return tmp_path / "home"


def _releases(capsys) -> str:
    assert main(["sources", "--releases"]) == 0
    out = capsys.readouterr().out
    assert "Traceback" not in out
    return out


# 1. a lock line repeating the package's pin ----------------------------------------------

def test_a_repeat_of_the_package_pin_is_no_pinned_file_of_the_lock(home, capsys):
    (home / "exposure.lock").write_text(LOCK_HEAD + _package_line())
    out = _releases(capsys)
    assert ": no pinned file yet" in out, out
    assert f"  {PACKAGE_NAME}  " not in out  # not listed as the lock's pin


def test_a_repeat_of_the_package_pin_is_named_apart(home, capsys):
    (home / "exposure.lock").write_text(LOCK_HEAD + _package_line())
    out = _releases(capsys)
    assert f"1 line repeats a pin of the package ({PACKAGE_NAME}): the package's pin is used" in out, out


def test_the_lock_count_leaves_out_the_repeat_and_keeps_its_own_pins(home, capsys):
    (home / "exposure.lock").write_text(LOCK_HEAD + _package_line() + _lock_line("onet/31.0/Job Zones.txt", 3, ABC))
    out = _releases(capsys)
    assert ": 1 pinned file\n" in out, out
    assert "  onet/31.0/Job Zones.txt  3 bytes  sha256 " + ABC in out
    assert f"  {PACKAGE_NAME}  " not in out


def test_the_lock_count_agrees_with_releases_frame(home, capsys):
    from exposure.releases import LOCK_NAME, Lock, releases_frame
    (home / "exposure.lock").write_text(LOCK_HEAD + _package_line() + _lock_line("onet/31.0/Job Zones.txt", 3, ABC)
                                        + _lock_line("onet/31.0/Tasks.txt", 3, ABC))
    frame = releases_frame(Lock(home / LOCK_NAME))
    by_lock = int(frame.loc[frame["pinned_by"] != "package", "files"].sum())
    assert f": {by_lock} pinned files\n" in _releases(capsys)


# 2. the rubric report's warning names the labels ------------------------------------------

LABEL_HEAD = ("\tO*NET-SOC Code\tTask ID\tTask\tTask Type\tTitle\thuman_exposure_agg\tgpt4_exposure\t"
              "gpt4_exposure_alt_rubric\tgpt_3_relevant\tgpt4_automation\n")


def _label_file(tmp_path, rows, name="full_labelset_train.tsv"):
    """A tiny ``full_labelset_train.tsv``: rows of (code, task ID, task)."""
    lines = [f"{i}\t{code}\t{task_id}.0\t{task}\tCore\tWelders\tE0\tE0\tE0\tFalse\tT0\n"
             for i, (code, task_id, task) in enumerate(rows)]
    path = tmp_path / name
    path.write_text(LABEL_HEAD + "".join(lines))
    return path


def _onet():
    """A made-up release: occupation 47-2061.00 with task 7; occupation 11-1011.00 with task 8."""
    return SimpleNamespace(
        release="29.1",
        tasks=pd.DataFrame({"onetsoc_code": ["47-2061.00", "11-1011.00"], "task_id": [7, 8]}),
        task_dwas=pd.DataFrame({"onetsoc_code": ["47-2061.00"], "task_id": [7],
                                "dwa_id": ["4.A.3.a.4.I01.D01"]}),
        dwas=pd.DataFrame({"dwa_id": ["4.A.3.a.4.I01.D01"], "iwa_id": ["4.A.3.a.4.I01"]}),
        occupations=pd.DataFrame({"onetsoc_code": ["47-2061.00", "11-1011.00"], "job_zone": [2, 4]}))


ROWS = [("47-2061.00", 7, "Weld pipes."), ("47-2061.00", 8, "Cut pipes."), ("47-2061.00", 9, "Bend pipes.")]


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_the_warning_names_the_labels_file_and_its_line(tmp_path, caplog):
    path = _label_file(tmp_path, ROWS)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        rubric_agreement(read_task_labels(path), onet=_onet(), labels_path=path)
    said = _warnings(caplog)
    assert len(said) == 1, said
    # the second task (task 8 under 47-2061.00) is on line 3 of the file (header line 1)
    assert said[0].startswith(f"{path}: 2 row(s) have a task ID that O*NET 29.1 does not list"), said
    assert "(first: row 3, column 'task_id': 8 under '47-2061.00'; it is a task of 11-1011.00)" in said[0], said


def test_the_warning_on_a_labels_frame_names_the_argument(tmp_path, caplog):
    labels = read_task_labels(_label_file(tmp_path, ROWS))
    with caplog.at_level(logging.WARNING, logger="exposure"):
        rubric_agreement(labels, onet=_onet())
    said = _warnings(caplog)
    assert len(said) == 1 and said[0].startswith("labels: 2 row(s) have a task ID"), said
    assert "(first: row 2, column 'task_id'" in said[0], said  # its position, counted from 1


def test_the_warning_on_filtered_labels_names_no_line_of_the_file(tmp_path, caplog):
    path = _label_file(tmp_path, [("11-1011.00", 8, "Plan budgets."), *ROWS])
    labels = read_task_labels(path).iloc[1:]  # rows 1.. of the file: its lines no longer follow
    with caplog.at_level(logging.WARNING, logger="exposure"):
        rubric_agreement(labels, onet=_onet(), labels_path=path)
    said = _warnings(caplog)
    assert len(said) == 1 and said[0].startswith("labels: 2 row(s)"), said
    assert "(first: row 2, column 'task_id'" in said[0], said


def test_the_warning_on_an_unknown_code_names_the_file_and_its_line(tmp_path, caplog):
    path = _label_file(tmp_path, [("47-2061.00", 7, "Weld pipes."), ("15-1132.00", 7, "Write code.")])
    with caplog.at_level(logging.WARNING, logger="exposure"):
        rubric_agreement(read_task_labels(path), onet=_onet(), labels_path=path)
    said = _warnings(caplog)
    assert any(s.startswith(f"{path}: 1 row(s) have an O*NET-SOC code that O*NET 29.1 lacks (first: row 3, "
                            "column 'onetsoc_code'") for s in said), said


def test_write_rubric_agreement_passes_the_labels_path_on(tmp_path, caplog):
    path = _label_file(tmp_path, ROWS)
    out = tmp_path / "rubric_agreement.csv"
    with caplog.at_level(logging.WARNING, logger="exposure"):
        write_rubric_agreement(out, labels=read_task_labels(path), onet=_onet(), labels_path=path)
    assert out.read_text().splitlines()[0] == "reference,level,metric,value,n"
    assert any(s.startswith(f"{path}: 2 row(s)") for s in _warnings(caplog)), _warnings(caplog)


# 3. the report written over its labels ----------------------------------------------------

def test_the_report_is_not_written_over_its_labels_file(tmp_path):
    path = _label_file(tmp_path, ROWS, name="labels.csv")
    before = path.read_bytes()
    with pytest.raises(ExposureError, match=r"labels\.csv"):
        write_rubric_agreement(path, labels=read_task_labels(path), labels_path=path)
    assert path.read_bytes() == before


def test_a_labels_path_that_is_no_path_is_refused(tmp_path):
    path = _label_file(tmp_path, ROWS)
    with pytest.raises(ExposureError, match="labels_path"):
        write_rubric_agreement(tmp_path / "r.csv", labels=read_task_labels(path), labels_path=5)
