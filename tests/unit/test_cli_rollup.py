"""``exposure rollup`` on the tiny fixture files."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pytest

from exposure.cli import main
from exposure.cli._rollup import COVERAGE_NAME
from exposure.schemas._catalog import TABLES


def _args(fixtures, out, *extra):
    d = fixtures / "rollup"
    return ["rollup", str(d / "task_scores_tiny.csv"), "-o", str(out),
            "--crosswalk", str(d / "onet_to_soc_tiny.csv"), "--employment", str(d / "oews_tiny.csv"), *extra]


def test_cli_rollup_writes_every_table(fixtures, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(_args(fixtures, out, "--bootstrap", "50", "--seed", "3")) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["occupation_scores.parquet", "soc_scores.parquet", "sector_scores.parquet",
                            "subsector_scores.parquet", "workforce.parquet", "working_time.parquet",
                            "coverage.json"])
    for name in ("occupation_scores", "soc_scores", "sector_scores", "subsector_scores",
                 "workforce", "working_time"):
        TABLES[name].model.validate(pd.read_parquet(out / TABLES[name].filename))
    assert set(pd.read_parquet(out / "sector_scores.parquet")["level"]) == {"sector"}
    assert set(pd.read_parquet(out / "subsector_scores.parquet")["level"]) == {"subsector"}
    assert COVERAGE_NAME == "coverage.json"
    soc = pd.read_parquet(out / "soc_scores.parquet").set_index("soc_code")
    assert soc.loc["11-1011", "beta"] == pytest.approx(0.375)
    assert "beta_ci_low" in soc.columns
    meta = json.loads((out / "coverage.json").read_text())
    assert meta["coverage"]["share"] == pytest.approx(0.875)
    assert meta["settings"]["seed"] == 3
    assert "coverage: 0.8750" in capsys.readouterr().out


def test_cli_rollup_is_deterministic(fixtures, tmp_path):
    for name in ("a", "b"):
        assert main(_args(fixtures, tmp_path / name, "--bootstrap", "20")) == 0
    assert (tmp_path / "a" / "sector_scores.parquet").read_bytes() == (tmp_path / "b" / "sector_scores.parquet").read_bytes()


def test_cli_rollup_importance_from_ratings_file(fixtures, tmp_path, capsys):
    code = main(_args(fixtures, tmp_path / "o", "--weights", "importance",
                      "--task-ratings", str(fixtures / "rollup" / "task_ratings_tiny.txt")))
    assert code == 2  # ratings cover only 11-1011.03: a clear error, no fallback
    assert "have no IM rating" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_cli_rollup_bad_scores_file(fixtures, tmp_path, capsys):
    bad = tmp_path / "s.csv"
    bad.write_text("onetsoc_code,task_id\n11-1011.00,1\n")
    assert main(["rollup", str(bad), "-o", str(tmp_path / "o")]) == 2
    assert "missing column(s) ['alpha', 'beta', 'gamma']" in capsys.readouterr().err


@pytest.mark.parametrize("cell, message", [
    ("1e30", "row 3, column 'task_id': task ID '1e30' is not an integer that fits in 64 bits"),
    ("True", "row 3, column 'task_id': task ID 'True' is not an integer"),
    ("2.5", "row 3, column 'task_id': task ID '2.5' is not an integer"),
])
def test_cli_rollup_bad_task_id_names_file_and_line(fixtures, tmp_path, capsys, cell, message):
    """Task IDs are refused as exposure score refuses them, naming the file and its line."""
    lines = (fixtures / "rollup" / "task_scores_tiny.csv").read_text().splitlines()
    fields = lines[2].split(",")
    fields[lines[0].split(",").index("task_id")] = cell
    bad = tmp_path / "s.csv"
    bad.write_text("\n".join([*lines[:2], ",".join(fields), *lines[3:]]) + "\n")
    args = _args(fixtures, tmp_path / "o")
    args[1] = str(bad)
    assert main(args) == 2
    assert f"{bad}, {message}" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_cli_rollup_refuses_a_file_with_no_rows(fixtures, tmp_path, capsys):
    header = (fixtures / "rollup" / "task_scores_tiny.csv").read_text().splitlines()[0]
    empty = tmp_path / "s.csv"
    empty.write_text(header + "\n")
    assert main(["rollup", str(empty), "-o", str(tmp_path / "o")]) == 2
    assert "no task scores: the file has a header but no rows" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("fmt, reader", [("xlsx", pd.read_excel), ("dta", pd.read_stata),
                                         ("csv", pd.read_csv)])
def test_cli_rollup_reads_and_writes_economists_formats(fixtures, tmp_path, fmt, reader):
    """Task scores from an .xlsx/.dta file, tables written as .xlsx/.dta/.csv: same numbers."""
    assert main(_args(fixtures, tmp_path / "ref")) == 0
    scores = pd.read_csv(fixtures / "rollup" / "task_scores_tiny.csv", dtype={"onetsoc_code": str})
    src = tmp_path / f"scores.{fmt}"
    if fmt == "xlsx":
        scores.to_excel(src, index=False)
    elif fmt == "dta":
        scores.to_stata(src, write_index=False, version=118)
    else:
        scores.to_csv(src, index=False)
    args = _args(fixtures, tmp_path / "out", "--format", fmt)
    args[1] = str(src)
    assert main(args) == 0
    ref = pd.read_parquet(tmp_path / "ref" / "soc_scores.parquet")
    got = reader(tmp_path / "out" / f"soc_scores.{fmt}")
    assert got["soc_code"].astype(str).tolist() == ref["soc_code"].tolist()
    assert (got["beta"].astype(float) - ref["beta"]).abs().max() < 1e-9
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == sorted([".json"] + [f".{fmt}"] * 6)


def _scores_without_type(fixtures, tmp_path, task_id=None):
    """The tiny scores without task_type (the type is then read from --tasks); one task ID replaced."""
    ts = pd.read_csv(fixtures / "rollup" / "task_scores_tiny.csv", dtype=str).drop(columns="task_type")
    ts = ts[ts["onetsoc_code"] == "11-1011.03"]
    if task_id is not None:
        ts.loc[ts.index[1], "task_id"] = task_id
    path = tmp_path / "s.csv"
    ts.to_csv(path, index=False)
    return path


def test_cli_rollup_core_weights_refuse_tasks_not_in_the_statements(fixtures, tmp_path, capsys):
    """--weights core gave weight 1 to task IDs missing from the statements and said weights=core."""
    scores = _scores_without_type(fixtures, tmp_path, task_id="10000006")
    args = _args(fixtures, tmp_path / "o", "--tasks", str(fixtures / "rollup" / "task_statements_tiny.txt"))
    args[1] = str(scores)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"{scores}, row 3, column 'task_id': --weights core: 1 of 2 tasks are not in the O*NET task " \
           "statements, first 11-1011.03 task 10000006" in err
    assert "--weights equal" in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()
    assert main([*args, "--weights", "equal"]) == 0
    # a row without a task ID is a task of one's own: missing type, weight 1 (documented)
    args[1] = str(_scores_without_type(fixtures, tmp_path, task_id=""))
    assert main([*args[:3], str(tmp_path / "own"), *args[4:]]) == 0


def test_cli_rollup_in_another_format_replaces_the_whole_set(fixtures, tmp_path):
    """--format csv into an earlier Parquet rollup left the old Parquet tables beside the CSV ones."""
    out = tmp_path / "out"
    (tmp_path / "out").mkdir()
    (out / "notes.txt").write_text("mine")
    assert main(_args(fixtures, out)) == 0
    assert main(_args(fixtures, out, "--format", "csv")) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["occupation_scores.csv", "soc_scores.csv", "sector_scores.csv",
                            "subsector_scores.csv", "workforce.csv", "working_time.csv",
                            "coverage.json", "notes.txt"])


def test_cli_rollup_refuses_a_recompute_output(fixtures, tmp_path, capsys):
    """Rolling up into a recompute output left a manifest whose sha256 no longer matched."""
    out = tmp_path / "processed"
    out.mkdir()
    (out / "manifest.json").write_text('{"tables": {"soc_scores.parquet": {"sha256": "0"}}}')
    (out / "soc_scores.parquet").write_bytes(b"old")
    assert main(_args(fixtures, out)) == 2
    err = capsys.readouterr().err
    assert "holds manifest.json: it is an exposure recompute output" in err
    assert "choose another directory" in err
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "soc_scores.parquet"]
    assert (out / "soc_scores.parquet").read_bytes() == b"old"


@pytest.mark.parametrize("extra, message", [
    (("--bootstrap", "2", "--seed", "-1"), "--seed must be 0 or more, got -1"),
    (("--bootstrap", "1000000000000"), "1,000,000,000,000 bootstrap draws need about "),
])
def test_cli_rollup_bad_bootstrap_settings(fixtures, tmp_path, capsys, extra, message):
    """A negative seed and a huge number of draws were tracebacks (ValueError, MemoryError)."""
    assert main(_args(fixtures, tmp_path / "o", *extra)) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()


def test_cli_rollup_names_an_employment_file_without_rows(fixtures, tmp_path, capsys):
    header = tmp_path / "oews.csv"
    header.write_text((fixtures / "rollup" / "oews_tiny.csv").read_text().splitlines()[0] + "\n")
    args = _args(fixtures, tmp_path / "o")
    args[args.index("--employment") + 1] = str(header)
    assert main(args) == 2
    # read_oews refuses it itself since round 29 (it was the roll-up's own check)
    assert f"{header}: no OEWS rows: the file has a header but no rows" in capsys.readouterr().err


def test_cli_rollup_task_scores_directory(fixtures, tmp_path, capsys):
    """A directory given as TASK_SCORES was reported as 'file not found'."""
    args = _args(fixtures, tmp_path / "o")
    args[1] = str(tmp_path)
    assert main(args) == 2
    assert f"{tmp_path}: is a directory, not a task scores file" in capsys.readouterr().err


def test_cli_rollup_reads_task_scores_stored_with_their_keys_as_the_index(fixtures, tmp_path):
    """``set_index(["onetsoc_code", "task_id"]).to_parquet``: the keys were dropped (exit 2)."""
    assert main(_args(fixtures, tmp_path / "ref")) == 0
    scores = pd.read_csv(fixtures / "rollup" / "task_scores_tiny.csv", dtype={"onetsoc_code": str})
    src = tmp_path / "scores.parquet"
    scores.set_index(["onetsoc_code", "task_id"]).to_parquet(src)
    args = _args(fixtures, tmp_path / "out")
    args[1] = str(src)
    assert main(args) == 0
    ref = pd.read_parquet(tmp_path / "ref" / "soc_scores.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "out" / "soc_scores.parquet"), ref)


def test_cli_rollup_with_stdout_closed_writes_its_tables_and_exits_0(fixtures, tmp_path):
    """Its output is the tables: the summary is dropped (it wrote them, then exited 2 on the summary)."""
    out = tmp_path / "o"
    done = subprocess.run([sys.executable, "-m", "exposure.cli", *_args(fixtures, out)], stderr=subprocess.PIPE,
                          text=True, timeout=300, preexec_fn=lambda: os.close(1))
    assert done.returncode == 0, done.stderr
    assert "standard output is closed" not in done.stderr
    assert (out / "coverage.json").is_file()


def test_cli_rollup_missing_column_names_a_header_with_spaces_or_capitals(tmp_path, capsys):
    """A header 'beta ' (or 'Gamma') was "missing column(s) ['beta']", naming nothing of the file."""
    bad = tmp_path / "s.csv"
    bad.write_text("onetsoc_code,task_id,alpha,beta ,Gamma\n11-1011.00,1,0.5,0.5,0.5\n")
    assert main(["rollup", str(bad), "-o", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err == (f"exposure rollup: error: {bad}: missing column(s) ['beta', 'gamma']; the file "
                                       "has 'beta ' (rename it beta), 'Gamma' (rename it gamma)\n")


def test_cli_rollup_names_the_file_line_of_a_task_under_another_tasks_id(fixtures, tmp_path, caplog):
    """A row whose key the statements give another text: one warning, naming the file's line.

    The command said it twice (its own weight check and rollup's), naming the frame's row 1
    where the file's line is 2 (round 49).
    """
    ts = pd.read_csv(fixtures / "rollup" / "task_scores_tiny.csv", dtype=str).drop(columns="task_type")
    ts = ts[ts["onetsoc_code"] == "11-1011.03"].copy()
    ts.insert(2, "task", ["Drive a forklift in the warehouse.", "Inspect sites."][: len(ts)])
    path = tmp_path / "s.csv"
    ts.to_csv(path, index=False)
    args = _args(fixtures, tmp_path / "o", "--tasks", str(fixtures / "rollup" / "task_statements_tiny.txt"))
    args[1] = str(path)
    with caplog.at_level("WARNING"):
        assert main(args) == 0
    said = [r.getMessage() for r in caplog.records if "another task than their text" in r.getMessage()]
    assert len(said) == 1, said
    assert said[0].startswith(f"{path}: 1 row(s)") and "first: row 2, column 'task_id'" in said[0]


def test_cli_rollup_importance_reads_tasks_to_refuse_a_task_under_another_tasks_id(fixtures, tmp_path, capsys):
    """--weights importance with --tasks: a task of one's own under O*NET's ID is refused.

    --tasks was read for core weights only, so that row took the rating of the O*NET task
    whose ID it carried, without a word (round 49).
    """
    ts = pd.read_csv(fixtures / "rollup" / "task_scores_tiny.csv", dtype=str).drop(columns="task_type")
    ts = ts[ts["onetsoc_code"] == "11-1011.03"].copy()
    ts.insert(2, "task", ["Drive a forklift in the warehouse.", "Inspect sites."][: len(ts)])
    path = tmp_path / "s.csv"
    ts.to_csv(path, index=False)
    args = _args(fixtures, tmp_path / "o", "--weights", "importance", "--task-ratings",
                 str(fixtures / "rollup" / "task_ratings_tiny.txt"),
                 "--tasks", str(fixtures / "rollup" / "task_statements_tiny.txt"))
    args[1] = str(path)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"{path}, row 2, column 'task'" in err and "O*NET does not rate" in err, err
    assert not (tmp_path / "o").exists()
