"""``exposure compare``: files written, output printed, bad input -> exit 2."""

from __future__ import annotations

import pandas as pd
import pytest

import exposure
from exposure.cli import main
from exposure.measures import compare as cmp
from exposure.measures import microsoft


@pytest.fixture
def fake(monkeypatch):
    seen = {}
    real_compare = cmp.compare

    def fake_compare(ours, **kwargs):
        seen["ours"] = ours
        seen["kwargs"] = kwargs
        a = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021"], "a": [0.1, 0.9, 0.5]})
        b = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021"], "b": [0.2, 0.8, 0.7]})
        emp = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021"], "tot_emp": [1.0, 2.0, 3.0]})
        return real_compare(ours, measures=[], employment=emp, loaded={"a": a, "b": b}, key_measures=("a", "b"))

    rebuild = pd.DataFrame({"soc_code": ["11-1011"], "published": [0.1], "rebuilt": [0.1], "abs_diff": [0.0]})
    rebuild.attrs["max_abs_diff"] = 0.0
    monkeypatch.setattr(cmp, "compare", fake_compare)
    monkeypatch.setattr(microsoft, "load_rebuild", lambda **kw: rebuild)
    monkeypatch.setattr(
        cmp, "anthropic_match_rates",
        lambda **kw: pd.DataFrame({"release": ["v2"], "task_names": [4], "matched": [3], "match_rate": [0.75]}),
    )
    return seen


def test_compare_writes_reports(tmp_path, fake, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # anywhere: our scores are the ones exposure.load reads
    assert main(["compare", "--mirror", "m", "-o", str(tmp_path / "out")]) == 0
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["measures_anthropic_match.csv", "measures_correlation_matrix.csv",
                     "measures_correlation_matrix_emp.csv", "measures_correlations.csv", "measures_coverage.csv",
                     "measures_disagreements.csv", "measures_table.csv", "microsoft_rebuild.csv"]
    shipped = exposure.load("soc_scores")
    assert fake["ours"] is not None and fake["kwargs"]["mirror"] == "m"
    assert fake["ours"]["soc_code"].tolist() == shipped["soc_code"].tolist()
    corr = pd.read_csv(tmp_path / "out" / "measures_correlations.csv")
    assert corr.loc[0, "n"] == 3
    out = capsys.readouterr().out
    assert "Coverage" in out and "max abs diff" in out


def test_compare_reads_ours(tmp_path, fake):
    ours = tmp_path / "soc.parquet"
    pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021"], "beta": [0.3, 0.6, 0.9]}).to_parquet(ours)
    assert main(["compare", "--ours", str(ours), "-o", str(tmp_path / "out")]) == 0
    assert list(fake["ours"]["beta"]) == [0.3, 0.6, 0.9]
    assert "beta" in pd.read_csv(tmp_path / "out" / "measures_table.csv").columns


def test_compare_missing_ours_is_an_error(tmp_path, fake, capsys):
    assert main(["compare", "--ours", str(tmp_path / "nope.parquet"), "-o", str(tmp_path / "o")]) == 2
    assert "nope.parquet" in capsys.readouterr().err


def test_a_failure_part_way_leaves_the_previous_set(tmp_path, fake, capsys, monkeypatch):
    """The eighth file was computed after seven were written: a failure there mixed the sets."""
    out = tmp_path / "out"
    assert main(["compare", "--ours", "none", "-o", str(out)]) == 0
    (out / "notes.md").write_text("mine")
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(**kwargs):
        raise exposure.errors.ExposureError("the Anthropic task file is damaged")

    monkeypatch.setattr(cmp, "anthropic_match_rates", broken)
    monkeypatch.setattr(cmp, "correlation_matrix", lambda *a: pd.DataFrame({"changed": [1]}))
    assert main(["compare", "--ours", "none", "-o", str(out)]) == 2
    assert "the Anthropic task file is damaged" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_parquet_without_columns_is_named(tmp_path, fake, capsys):
    """A parquet with no column at all was reported as "soc_scores, column 'soc_code'"."""
    ours = tmp_path / "soc_nocols.parquet"
    pd.DataFrame(index=range(3)).to_parquet(ours)
    assert main(["compare", "--ours", str(ours), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err == f"exposure compare: error: {ours}: soc_scores lacks column(s) ['soc_code']\n"


def test_a_parquet_without_our_measures_is_named(tmp_path, fake, capsys):
    ours = tmp_path / "codes.parquet"
    pd.DataFrame({"soc_code": ["11-1011"], "other": [0.5]}).to_parquet(ours)
    assert main(["compare", "--ours", str(ours), "-o", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.startswith(
        f"exposure compare: error: {ours}: has none of the columns alpha, beta, gamma")


@pytest.mark.parametrize("failure", ["bad input", "signal"])
def test_a_failed_run_leaves_no_new_output_directory(tmp_path, fake, capsys, monkeypatch, failure):
    """`compare -o c1` created c1 (and its parents) before any check, and left it empty."""
    from exposure._outdir import Terminated

    out = tmp_path / "new" / "c1"
    if failure == "bad input":
        args = ["--ours", str(tmp_path / "nope.parquet")]
        expected = 2
    else:
        def stopped(*a, **kw):
            raise Terminated("terminated by signal 15")

        monkeypatch.setattr(cmp, "compare", stopped)
        args, expected = ["--ours", "none"], 143
    assert main(["compare", *args, "-o", str(out)]) == expected
    assert "Traceback" not in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
