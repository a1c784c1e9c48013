"""Round 77 (cli): the commands run as a new user runs them, from the docs, in a fresh directory.

1. ``exposure rollup scores.csv -o "roll ts.csv"`` (an output directory named like a file,
   with a space in its name) was refused with advice that does not work when pasted into
   a shell: ``...; for .csv tables: -o roll ts --format csv``; followed, it gave ``-o`` the
   directory ``roll`` and ``ts`` as a second task scores file (``exposure rollup: error:
   unrecognized arguments: ts``). The options to write are now quoted as a shell reads
   them: ``...; for .csv tables: -o 'roll ts' --format csv`` (a plain name stays bare:
   ``-o roll --format csv``).
2. ``exposure evaluate --out "~/e.csv"`` (also ``exposure evaluate --paraphrases ... --out``;
   a ``~`` no shell expanded: quoted, or ``--out=~/e.csv``) was refused naming the report's
   folder, with its folder as the path to give: ``output path ~: the path starts with '~',
   which is not expanded here (...); give the full path: /home/me``, a directory, which
   ``--out`` refuses. The report path is now named whole, with the full path of the report:
   ``output path ~/e.csv: the path starts with '~', ...; give the full path:
   /home/me/e.csv``, as ``exposure score -o`` and ``exposure rollup -o`` name theirs.
3. ``exposure outcomes --panel soc_scores.parquet`` (the SOC scores, the file ``--soc-scores``
   takes; also occupation, task or sector scores) was refused in one error per column:
   ``soc_scores.parquet, column 'alpha': column 'alpha' is not a column of OccupationPanel
   (no other column allowed); 20 more: ...``, not a word of what the file holds, where
   ``--soc-scores occupation_panel.parquet`` is told so. Now: ``soc_scores.parquet: holds
   SOC scores (soc_scores.parquet) (column 'alpha'), not an occupation panel: --panel takes
   a row per SOC code and year (soc_code, year, tot_emp, a_mean, ...), as the
   occupation_panel.parquet of exposure recompute, or 'shipped'`` (``holds O*NET-SOC
   occupation scores (occupation_scores.parquet) (column 'onetsoc_code')``, ..., in the
   words of ``exposure.cli._compare.check_soc_level``), before the OEWS files are read.
4. ``exposure outcomes --panel Shipped`` (or ``" shipped"``), no file of that name: ``Shipped:
   panel file not found``, not a word of the choice ``shipped``. Now: ``--panel takes the
   occupation panel parquet file or 'shipped', got 'Shipped': write 'shipped' (the choices
   are case-sensitive)`` (``... (without the spaces around it)``), as ``--onet`` and
   ``--measure`` say it. A file of that name is read as before.
5. ``exposure rollup SCORES -o DIR --onet-release latest`` (``'29.1 '``, ``029.1``; also
   ``--oews-release May``) and ``exposure train --onet latest`` (``auto``, ``none``) were
   refused naming no option, after the task scores (the labels) were read: ``exposure
   rollup: error: O*NET release 'latest' is not of the form MAJOR.MINOR (e.g. 29.1,
   31.0)``, where ``exposure recompute --onet-release latest`` names its option when the
   arguments are read. The three options now check the release the same way
   (``exposure.cli.checked_type``), before anything is read: ``exposure rollup: error:
   argument --onet-release: O*NET release 'latest' is not of the form MAJOR.MINOR (e.g.
   29.1, 31.0)``; ``exposure train: error: argument --onet: ...``, exit 2. ``train --onet
   ''`` is still told ``--onet is empty: ...``.
"""

from __future__ import annotations

import shlex

import pandas as pd
import pytest

from exposure.cli import main

# 1. rollup -o named like a file: the advice quoted for the shell ----------------------------------

@pytest.mark.parametrize("name, option", [
    ("roll ts.csv", "-o 'roll ts' --format csv"),
    ("my rollup.xlsx", "-o 'my rollup' --format xlsx"),
])
def test_rollup_advice_for_a_file_named_output_works_in_a_shell(tmp_path, monkeypatch, capsys, name, option):
    """``-o "roll ts.csv"`` was told ``-o roll ts --format csv``: pasted, ``unrecognized arguments: ts``."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "scores.csv").write_text("onetsoc_code,task_id,task,beta\n11-1011.00,1,Plan budgets.,0.5\n")
    assert main(["rollup", "scores.csv", "-o", name]) == 2
    err = capsys.readouterr().err.strip()
    suffix = name.rsplit(".", 1)[1]
    assert err == (f"exposure rollup: error: -o/--output {name} names the directory that gets the roll-up's "
                   f"tables (one file per table, and coverage.json), but {name!r} is named like a .{suffix} "
                   f"file: give a directory; for .{suffix} tables: {option}")
    assert not (tmp_path / name).exists()
    # the advice, as a shell splits it, gives -o the directory meant and --format the format
    words = shlex.split(err.rsplit("tables: ", 1)[1])
    assert words == ["-o", name.rsplit(".", 1)[0], "--format", suffix]


# 2. evaluate --out "~/e.csv": the report named, with its full path ---------------------------------

@pytest.mark.parametrize("out", ["~/e.csv", "~/sub/agreement.csv"])
def test_evaluate_out_under_an_unexpanded_home_names_the_report(tmp_path, monkeypatch, capsys, out):
    """``--out "~/e.csv"`` was ``output path ~: ...; give the full path: /home/me`` (a directory)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)  # a relative mirror: not from here
    assert main(["evaluate", "--method", "rubric", "--out", out]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"exposure evaluate: error: output path {out}: the path starts with '~', which is not "
                   "expanded here (a shell expands '~' only at the start of a word: --out=~/x and quotes keep "
                   "it), so a folder named '~' would be made in the current directory; give the full path: "
                   f"{home}/{out[2:]}")
    assert list(work.iterdir()) == []  # no folder '~'


# 3. outcomes --panel given another table of the library -------------------------------------------

@pytest.mark.parametrize("frame, holds", [
    (pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "alpha": [0.1, 0.2], "beta": [0.2, 0.3],
                   "gamma": [0.3, 0.4], "tot_emp": [100.0, 50.0]}),
     "SOC scores (soc_scores.parquet) (column 'alpha')"),
    (pd.DataFrame({"onetsoc_code": ["11-1011.00"], "beta": [0.2]}),
     "O*NET-SOC occupation scores (occupation_scores.parquet) (column 'onetsoc_code')"),
])
def test_outcomes_panel_of_another_table_says_what_it_holds(tmp_path, monkeypatch, capsys, frame, holds):
    """``--panel soc_scores.parquet`` was 21 errors of columns ``not a column of OccupationPanel``."""
    monkeypatch.chdir(tmp_path)
    frame.to_parquet(tmp_path / "scores.parquet", index=False)
    # a published measure: no table of ours is read before the panel
    assert main(["outcomes", "--panel", "scores.parquet", "--measure", "felten_aioe", "--no-figures",
                 "-o", "out"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"exposure outcomes: error: scores.parquet: holds {holds}, not an occupation panel: --panel takes a row "
        "per SOC code and year (soc_code, year, tot_emp, a_mean, ...), as the occupation_panel.parquet of "
        "exposure recompute, or 'shipped'")
    assert not (tmp_path / "out").exists()


# 4. outcomes --panel Shipped: the word in lower case -----------------------------------------------

@pytest.mark.parametrize("value, hint", [
    ("Shipped", "write 'shipped' (the choices are case-sensitive)"),
    (" shipped", "write 'shipped' (without the spaces around it)"),
])
def test_outcomes_panel_shipped_in_another_case(tmp_path, monkeypatch, capsys, value, hint):
    """``--panel Shipped`` was ``Shipped: panel file not found``."""
    monkeypatch.chdir(tmp_path)
    assert main(["outcomes", "--panel", value, "--measure", "beta", "--no-figures", "-o", "out"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"exposure outcomes: error: --panel takes the occupation panel parquet file or 'shipped', got {value!r}: "
        f"{hint}")


# 5. rollup --onet-release / --oews-release and train --onet: the option named, before any input ----

TINY_SCORES = "onetsoc_code,task_id,task,beta\n11-1011.00,1,Plan budgets.,0.5\n"


@pytest.mark.parametrize("option, value, said", [
    ("--onet-release", "latest", "O*NET release 'latest' is not of the form MAJOR.MINOR (e.g. 29.1, 31.0)"),
    ("--onet-release", "29.1 ", "O*NET release '29.1 ' is not of the form MAJOR.MINOR (e.g. 29.1, 31.0): write '29.1'"),
    ("--oews-release", "May", "OEWS release 'May' is not a year such as 2025"),
])
def test_rollup_release_options_are_named(tmp_path, monkeypatch, capsys, option, value, said):
    """``--onet-release latest`` was ``O*NET release 'latest' is not ...``, after the scores were read."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "scores.csv").write_text(TINY_SCORES)
    with pytest.raises(SystemExit) as exit_:
        main(["rollup", "scores.csv", "-o", "out", option, value])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == f"exposure rollup: error: argument {option}: {said}"
    assert not (tmp_path / "out").exists()


def test_train_onet_release_is_named_before_the_labels_are_read(tmp_path, monkeypatch, capsys):
    """``train --onet latest`` read the labels, then said ``O*NET release 'latest' is not ...``."""
    monkeypatch.chdir(tmp_path)
    header = "O*NET-SOC Code\tTask ID\tTask\tTask Type\tTitle\thuman_exposure_agg\n"
    rows = "".join(f"{code}\t{i}\tTask {i}.\tCore\tTitle\tE1\n"
                   for i, code in enumerate(["11-1011.00", "11-1011.00", "13-1011.00", "13-1011.00"], 1))
    (tmp_path / "labels.tsv").write_text(header + rows)
    with pytest.raises(SystemExit) as exit_:
        main(["train", "--labels", "labels.tsv", "--out", "m.npz", "--folds", "2", "--onet", "latest"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        "exposure train: error: argument --onet: O*NET release 'latest' is not of the form MAJOR.MINOR "
        "(e.g. 29.1, 31.0)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["labels.tsv"]


# 6. score --method reference: why rows are left without a score ------------------------------------

def test_score_reference_summary_says_why_rows_are_unscored(tmp_path, capsys, mirror):
    """The summary said ``(2 without a score)``, without the reason."""
    src = tmp_path / "tasks.csv"
    src.write_text("onetsoc_code,task_id,task\n99-0000.00,1,Draft replies.\n99-0000.00,2,Repair pumps.\n")
    out = tmp_path / "out.csv"
    assert main(["score", str(src), "-o", str(out), "--method", "reference", "--onet", "none",
                 "--mirror", str(mirror)]) == 0
    assert capsys.readouterr().out.strip() == (
        f"scored 2 tasks with reference-human -> {out} (2 without a score: no published label for their "
        "onetsoc_code and task_id)")
    assert pd.read_csv(out)["p_e0"].isna().all()
