"""``exposure rollup`` on the tiny fixture files."""

from __future__ import annotations

import json

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
