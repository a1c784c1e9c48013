"""Helpers of the tests of ``exposure compare``: our scores as a parquet file, the command run in-process."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from test_faults_cli import cli, one_error_line

from exposure.cli import main

#: Four detailed SOC codes of four major groups
CODES = ["11-1011", "15-1252", "43-9021", "53-3032"]


def loaded_measures() -> dict[str, pd.DataFrame]:
    """Two published measures ``a`` and ``b`` of :data:`CODES`, as ``compare(loaded=)`` takes them."""
    return {"a": pd.DataFrame({"soc_code": CODES, "a": [0.3, 0.9, 0.8, 0.1]}),
            "b": pd.DataFrame({"soc_code": CODES, "b": [0.2, 0.7, 0.9, 0.5]})}


def run_compare(tmp_path: Path, mirror: Path, *args) -> int:
    """``exposure compare --mirror MIRROR --data-dir TMP/cache -o TMP/out ARGS``: its exit code."""
    return main(["compare", "--mirror", str(mirror), "--data-dir", str(tmp_path / "cache"),
                 "-o", str(tmp_path / "out"), *args])


def ours_parquet(tmp_path: Path, codes, name: str = "ours.parquet", **cols) -> Path:
    """SOC scores of ``codes`` (``exposure compare --ours``) written to ``tmp_path / name``.

    Its columns are ``soc_code`` and ``cols``, in their order; without ``cols``, a column
    ``beta`` of 0.1, 0.2, ...
    """
    path = tmp_path / name
    cols = cols or {"beta": [0.1 * (i + 1) for i in range(len(codes))]}
    pd.DataFrame({"soc_code": codes, **cols}).to_parquet(path)
    return path


def ours_with_workers(tmp_path: Path, codes) -> Path:
    """``ours.parquet`` of two ``codes``: their workers (200 and 1,000) and ``beta`` (0.1 and 0.5)."""
    return ours_parquet(tmp_path, codes, tot_emp=[200.0, 1000.0], beta=[0.1, 0.5])


def compare_error_line(capsys, tmp_path: Path, shared_data: Path, path) -> str:
    """The one error line of ``exposure compare --ours PATH``, which exits 2 and writes no output folder."""
    code, _, err = cli(capsys, "compare", "--mirror", shared_data, "--data-dir", tmp_path / "cache",
                       "-o", tmp_path / "out", "--ours", path)
    assert code == 2
    assert not (tmp_path / "out").exists()
    return one_error_line(err, command="compare")
