"""Faults of round 47 in the command line: a data journalist following the README literally.

1. ``exposure fetch NAME`` of one file said ``1 of 1 files verified``; now ``1 of 1 file
   verified`` (and ``$EXPOSURE_MIRROR ... holds 1 of the 1 file``).
2. ``exposure compare``, ``outcomes`` and ``report ...`` write to ``data/processed/reports``
   of the current directory by default; their ``--help`` said ``(default
   data/processed/reports)``, not that the path is under the current directory nor that
   files of an earlier run there are replaced. It says both now.
3. Their last line said ``wrote ... to data/processed/reports``: run in another working
   directory, the user could not tell where that was; it names the absolute directory now.
4. A second run replaced the files of the first (in a source checkout: the shipped
   reports) without a word; the last line now says ``it replaced 8 files of an earlier run
   there (...)``.
5. ``exposure score IN -o C:\\Users\\me\\scores.csv`` (a Windows path) wrote a file named
   ``C:\\Users\\me\\scores.csv`` into the current directory and said ``scored 2 tasks ...
   -> C:\\Users\\me\\scores.csv``; ``--out-dir reports\\2026`` made a directory of that
   name. Any output option holding ``\\`` is refused now, naming the option, exit 2.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from exposure.cli import build_parser, main

MIRROR = Path(os.environ.get("EXPOSURE_MIRROR", "/work/shared/data")).resolve()  # CI: ../shared/data; tests chdir
needs_mirror = pytest.mark.skipif(not (MIRROR / "onet" / "29.1").is_dir(), reason="needs the data mirror")
TASKS = "onetsoc_code,task_id,task\n11-1011.00,1,Draft replies to routine customer emails.\n"


@needs_mirror
def test_fetch_one_file_says_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EXPOSURE_MIRROR", str(MIRROR))
    assert main(["fetch", "--data-dir", str(tmp_path / "cache"), "onet/29.1/Job Zones.txt"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 of 1 file verified in "), out
    assert (tmp_path / "cache" / "onet/29.1/Job Zones.txt").is_file()


def _help(argv):
    sub = build_parser()._subparsers._group_actions[0].choices[argv[0]]
    for name in argv[1:]:
        sub = sub._subparsers._group_actions[0].choices[name]
    return " ".join(sub.format_help().split())


@pytest.mark.parametrize("argv", [["compare"], ["outcomes"], ["report", "rubric"], ["report", "agreement"]])
def test_help_says_default_is_under_current_directory(argv):
    text = _help(argv)
    assert "data/processed/reports under the current directory" in text, text
    assert "files of an earlier run there are replaced" in text, text


@needs_mirror
def test_compare_twice_names_directory_and_replaced_files(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EXPOSURE_MIRROR", str(MIRROR))
    monkeypatch.chdir(tmp_path)
    assert main(["compare", "--ours", "none"]) == 0
    first = capsys.readouterr().out.strip().splitlines()[-1]
    where = tmp_path / "data" / "processed" / "reports"
    assert first.endswith(f"to data/processed/reports ({where})"), first
    assert "replaced" not in first
    assert main(["compare", "--ours", "none"]) == 0
    second = capsys.readouterr().out.strip().splitlines()[-1]
    assert f"({where}); it replaced 8 files that were there before (" in second, second


@needs_mirror
def test_outcomes_twice_says_replaced(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    argv = ["outcomes", "--mirror", str(MIRROR), "--panel", "shipped", "--no-figures", "--no-robustness",
            "--measure", "beta", "-o", "rep"]
    assert main(argv) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.endswith(f"to rep ({tmp_path / 'rep'})"), first
    assert main(argv) == 0
    second = capsys.readouterr().out.splitlines()[0]
    assert "; it replaced " in second and "files that were there before (outcomes" in second, second


@pytest.mark.parametrize("argv", [
    ["score", "tasks.csv", "-o", "C:\\Users\\me\\scores.csv"],
    ["score", "tasks.csv", "-o", "out\\scores.csv"],
    ["compare", "-o", "reports\\2026"],
    ["report", "rubric", "--out-dir", "D:/work\\reports"],
    ["rollup", "scores.csv", "-o", "roll\\up"],
])
def test_windows_output_path_refused(argv, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tasks.csv").write_text(TASKS)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "a Windows-style path" in err and "write it with '/'" in err, err
    assert len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tasks.csv"]


def test_windows_drive_hint(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tasks.csv").write_text(TASKS)
    assert main(["score", "tasks.csv", "-o", "C:\\Users\\me\\scores.csv"]) == 2
    assert "-o/--output C:\\Users\\me\\scores.csv: a Windows-style path" in capsys.readouterr().err
