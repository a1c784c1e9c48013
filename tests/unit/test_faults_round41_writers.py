"""Round 41: the report writers of the Python API on odd output paths and frames.

1. Every public writer of the reports package wrote into the folders the commands read,
   which the CLI commands that write reports refuse (``exposure compare``, ``outcomes``,
   ``evaluate``, ``report``, ``validate``): ``write_rubric_agreement(<mirror>/x.csv)``,
   ``write_agreement_report``, ``write_outcomes``, ``write_diff_reports`` (and its lock
   file), ``write_category_reports``, ``write_reproduction_reports``, ``save_png`` and
   ``render_results`` wrote among the raw files of the mirror given by
   ``$EXPOSURE_MIRROR`` (or of the installed package, ``src/exposure/data``). Refused now,
   before any work, with the words of the CLI (``refusing to write ...: it is inside the
   mirror ..., which the run reads; choose a directory outside it``); a path through a
   symbolic link into the mirror too. A path outside is written as before, byte for byte.
   (``write_agreement_report``: its check needs an import at the top of
   ``reports/agreement.py``; its test is an expected failure until then.)
2. ``write_agreement_report(table, rel, "a.xlsx")`` (and a ``beside`` table named
   ``t.xlsx``) wrote CSV text under a workbook's name, while ``write_rubric_agreement``
   and ``exposure evaluate`` refuse a name not ending in ``.csv``. Refused before anything
   is written.
3. ``write_outcomes`` with a result whose ``coefficients`` lack ``spec`` (or ``measure``),
   or whose ``panel`` lacks ``year``, ``soc_code`` or ``balanced``: pandas'
   ``KeyError: 'spec'`` / ``KeyError: 'balanced'``. Named as the other tables of the
   result are (``coefficients lacks column(s) ['spec']``), before anything is written.
4. ``write_diff_reports`` into a directory holding a directory named like one of its
   reports (``diff_tasks.csv/`` holding a user's files): the directory and its files were
   silently replaced by the report (``replace_directory`` owns that name). Refused, naming
   it, as ``write_outcomes`` and ``exposure validate`` refuse a report path that is a
   directory; nothing is written.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import exposure
from exposure._outdir import OutputPathError
from exposure.errors import DataFormatError, ExposureError, OutputError
from exposure.outcomes import run_outcomes
from exposure.reports import categories, diff, figures, outcomes, reproduction, rubric
from exposure.reports.agreement import write_agreement_report

pytest.importorskip("matplotlib")

REFUSED = r"refusing to write .*: it is inside the mirror .*, which the run reads; choose a directory outside it"

LABELS = pd.DataFrame({"onetsoc_code": ["11-1011.00", "47-2031.00", "47-2031.00"],
                       "task_id": [1, 2, 3], "task": ["Write reports.", "Cut lumber.", "Weld pipes."],
                       "task_type": ["Core"] * 3, "human_exposure_agg": ["E1", "E0", "E0"]})
TABLE = pd.DataFrame({"scorer": ["x"], "kappa": [0.123456]})
SOC = pd.DataFrame({"soc_code": ["15-1252", "43-9061", "47-2061"],
                    "soc_title": ["Developers", "Clerks", "Laborers"],
                    "tot_emp": [100e3, 200e3, 50e3], "a_mean": [140e3, 45e3, 50e3],
                    "alpha": [0.6, 0.5, 0.0], "beta": [0.8, 0.6, 0.0], "gamma": [1.0, 0.7, 0.0],
                    "share_admin": [0.1, 0.7, 0.0], "share_routine_coding": [0.5, 0.0, 0.0],
                    "share_entry_creative": [0.1, 0.1, 0.0]})
SECTORS = pd.DataFrame({"naics": ["51", "23"], "naics_title": ["Information", "Construction"],
                        "level": ["sector", "sector"], "tot_emp": [1000.0, 2000.0],
                        "covered_emp": [900.0, 1800.0], "coverage": [0.9, 0.9], "alpha": [0.4, 0.05],
                        "beta": [0.55, 0.1], "gamma": [0.7, 0.15], "exposed_workers": [500.0, 100.0]})
WORKFORCE = pd.DataFrame([{"group_type": "all", "group": "all", "measure": m, "tot_emp": 800.0,
                           "covered_emp": 800.0, "share_ge_10": 0.9, "share_gt_50": 0.3, "emp_mean": 0.4,
                           "wage_mean": 0.45} for m in ("alpha", "beta", "gamma")])


def _outcomes():
    rows = [(f"11-10{i}1", t, 100.0 * (i + 1) * (1 + 0.01 * ((3 * i + t) % 4)), "11-0000")
            for i in range(6) for t in (2021, 2022, 2023)]
    panel = pd.DataFrame(rows, columns=["soc_code", "year", "tot_emp", "soc_major"]).assign(
        a_mean=50e3 * (1 + 0.01 * np.arange(len(rows)) % 3), balanced=True)
    ex = pd.DataFrame({"soc_code": panel["soc_code"].unique(), "beta": np.linspace(0, 1, 6)})
    return run_outcomes(panel, ex, q=2, with_robustness=False)


def _diff():
    empty = pd.DataFrame({"item": ["tasks_added"], "count": [0]})
    return diff.ReleaseDiff(empty, pd.DataFrame(), pd.DataFrame({"delta_beta": []}),
                            pd.DataFrame({"level": []}), {"onet": "29.1"}, {"onet": "30.1"})


def _hand_checked(d: Path) -> Path:
    path = d / "h.csv"
    path.write_text("onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\n"
                    "43-9061.00,1,random,True,False,False,phones\n")
    return path


ONET = SimpleNamespace(
    tasks=pd.DataFrame({"onetsoc_code": ["43-9061.00", "47-2021.00"], "task_id": [1, 2],
                        "task": ["Answer telephones.", "Lay bricks."]}),
    task_dwas=pd.DataFrame(columns=["onetsoc_code", "task_id", "dwa_id"]),
    dwas=pd.DataFrame(columns=["dwa_id", "iwa_id"]))


def _processed(path: Path) -> Path:
    path.mkdir(exist_ok=True)
    SOC.to_parquet(path / "soc_scores.parquet")
    SECTORS.to_parquet(path / "sector_scores.parquet")
    WORKFORCE.to_parquet(path / "workforce.parquet")
    return path


def _writers(inputs: Path):
    """Name -> function(where) writing into ``where`` (a directory) with each public writer."""
    result = _outcomes()
    hand = _hand_checked(inputs)
    processed = _processed(inputs / "processed")
    return {
        "rubric": lambda d: rubric.write_rubric_agreement(d / "rubric_agreement.csv", labels=LABELS),
        "agreement": lambda d: write_agreement_report(TABLE, TABLE, d / "agreement.csv"),
        "outcomes": lambda d: outcomes.write_outcomes(result, d / "outcomes", figures_too=False),
        "diff": lambda d: diff.write_diff_reports(_diff(), d / "reports"),
        "categories": lambda d: categories.write_category_reports({"development": hand}, d / "cat", onet=ONET),
        "save_png": lambda d: figures.save_png(figures.plot_distribution(SOC), d / "a.png"),
        "render_results": lambda d: figures.render_results(processed, d / "figs"),
    }


def _listing(d: Path) -> list[str]:
    return sorted(str(p.relative_to(d)) for p in d.rglob("*"))


# ---------------------------------------------------------------------------------------
# 1. no writer writes into the mirror, the download cache or the installed package
# ---------------------------------------------------------------------------------------

WRITERS = ["rubric", "agreement", "outcomes", "diff", "categories", "save_png", "render_results"]


@pytest.mark.parametrize("name", WRITERS)
def test_a_writer_refuses_the_mirror(tmp_path, monkeypatch, name):
    mirror = tmp_path / "mirror"
    (mirror / "onet").mkdir(parents=True)
    (mirror / "onet" / "raw.txt").write_text("raw")
    monkeypatch.setenv("EXPOSURE_MIRROR", str(mirror))
    (tmp_path / "in").mkdir()
    write = _writers(tmp_path / "in")[name]
    for where in (mirror, mirror / "onet", mirror / "new" / "sub"):
        with pytest.raises(OutputPathError, match=REFUSED):
            write(where)
    assert _listing(mirror) == ["onet", "onet/raw.txt"]


@pytest.mark.parametrize("name", ["rubric", "diff", "save_png"])
def test_a_writer_refuses_a_link_into_the_mirror(tmp_path, monkeypatch, name):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    monkeypatch.setenv("EXPOSURE_MIRROR", str(mirror))
    (tmp_path / "link").symlink_to(mirror)
    (tmp_path / "in").mkdir()
    with pytest.raises(OutputPathError, match=REFUSED):
        _writers(tmp_path / "in")[name](tmp_path / "link")
    assert _listing(mirror) == []


def test_a_writer_refuses_the_installed_package(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPOSURE_MIRROR", str(tmp_path / "mirror"))
    package = Path(exposure.__file__).resolve().parent
    before = _listing(package / "data")
    target = package / "data" / "round41_rubric_agreement.csv"
    assert not target.exists()
    try:
        with pytest.raises(OutputPathError, match=r"refusing to write .*: it is inside the installed package"):
            rubric.write_rubric_agreement(target, labels=LABELS)
        assert _listing(package / "data") == before
    finally:  # a regression must not leave a file in the package
        target.unlink(missing_ok=True)


def test_the_reproduction_reports_refuse_the_mirror_before_reading_it(tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    with pytest.raises(OutputPathError, match=REFUSED):
        reproduction.write_reproduction_reports(mirror / "reports", mirror=mirror)
    assert _listing(mirror) == []


@pytest.mark.parametrize("name", WRITERS)
def test_a_path_outside_the_mirror_is_written_as_before(tmp_path, monkeypatch, name):
    """Same bytes whether a mirror is set (elsewhere) or not."""
    (tmp_path / "in").mkdir()
    write = _writers(tmp_path / "in")[name]
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    write(tmp_path / "a")
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    monkeypatch.setenv("EXPOSURE_MIRROR", str(mirror))
    write(tmp_path / "b")
    a, b = _listing(tmp_path / "a"), _listing(tmp_path / "b")
    assert a == b and a
    for rel in a:
        if (tmp_path / "a" / rel).is_file():
            assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
    assert _listing(mirror) == []


# ---------------------------------------------------------------------------------------
# 2. the agreement report under a name that is not .csv
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("out, beside", [("a.xlsx", None), ("a.txt", None), ("a.csv", {"t.xlsx": TABLE})])
def test_the_agreement_report_is_written_as_csv_only(tmp_path, out, beside):
    with pytest.raises(ExposureError, match=r"is written as CSV; give a file name ending in \.csv"):
        write_agreement_report(TABLE, TABLE, tmp_path / out, beside=beside)
    assert _listing(tmp_path) == []


def test_the_agreement_report_keeps_its_other_checks(tmp_path):
    (tmp_path / "b.csv").mkdir()
    with pytest.raises(OutputError, match="is a directory"):
        write_agreement_report(TABLE, None, tmp_path / "a.csv", beside={"b.csv": TABLE})
    with pytest.raises(OutputError, match="must be a plain file name"):
        write_agreement_report(TABLE, None, tmp_path / "a.csv", beside={"": TABLE})
    assert [p.name for p in write_agreement_report(TABLE, None, tmp_path / "A.CSV")] == ["A.CSV"]


# ---------------------------------------------------------------------------------------
# 3. an Outcomes result whose coefficients or panel lack a column
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("part, column", [("coefficients", "spec"), ("coefficients", "measure"),
                                          ("panel", "balanced"), ("panel", "year"), ("panel", "soc_code")])
def test_write_outcomes_names_a_missing_column(tmp_path, part, column):
    res = _outcomes()
    bad = dataclasses.replace(res, **{part: getattr(res, part).drop(columns=[column])})
    with pytest.raises(DataFormatError, match=rf"^{part} lacks column\(s\) \['{column}'\]"):
        outcomes.write_outcomes(bad, tmp_path / "out", figures_too=False)
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------------------
# 4. the diff reports over a directory of a report's name
# ---------------------------------------------------------------------------------------

def test_the_diff_reports_refuse_a_directory_of_a_reports_name(tmp_path):
    out = tmp_path / "reports"
    (out / "diff_tasks.csv").mkdir(parents=True)
    (out / "diff_tasks.csv" / "mine.txt").write_text("keep me")
    before = _listing(out)
    with pytest.raises(OutputPathError, match=r"reports/diff_tasks\.csv: is a directory, where "
                                              r"write_diff_reports writes the file diff_tasks\.csv"):
        diff.write_diff_reports(_diff(), out)
    assert _listing(out) == before
    assert (out / "diff_tasks.csv" / "mine.txt").read_text() == "keep me"
    assert sorted(os.listdir(tmp_path)) == ["reports"]
