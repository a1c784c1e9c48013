"""Round 57: ``exposure outcomes`` files read as ``exposure compare`` reads them, and what was left out unseen.

1. ``exposure outcomes --soc-scores FILE`` whose measure is missing on every row (the
   category shares of ``exposure rollup`` on task scores without categories; an empty
   ``alpha``) was refused: ``FILE, column 'alpha': alpha is missing in every row``, where
   ``exposure compare --ours`` leaves such a measure out. Now it is left out with a
   warning naming the file and the column, and the run goes on with the other measures;
   scores none of whose measures asked for has a value are still refused. Without
   ``--measure``, a file without some of our measures (no category-share columns) was
   refused (``lacks column(s) ['share_admin', ...]``: the published measures then had to be
   named one by one); now the measures of ours are those the file has, the others named
   in a warning, and a file with none of them is refused listing its columns.
2. A ``--soc-scores`` or ``--panel`` Parquet file whose header holds a column twice (as
   pyarrow writes it) was refused in pyarrow's words: ``cannot read this Parquet file:
   Multiple matches for FieldRef.Name(beta) in soc_code: string``. Now: ``dup.parquet,
   column 'beta': given more than once (columns 2 and 3): keep one``, as for
   ``exposure compare --ours``.
3. A ``--soc-scores`` file saved from ``.set_index("soc_code")`` and a ``--panel`` file
   saved from ``.set_index(["soc_code", "year"])`` (as panel data are kept) were refused as
   lacking the columns they hold (``soc_scores lacks column(s) ['soc_code']``; ``column
   'soc_code' is missing ...; soc_code fails the check multiple_fields_uniqueness, got
   2021``). They are read, giving the results of the same tables saved without the index.
4. A ``--soc-scores`` header in another case (``Beta``, ``SOC_CODE``) was refused
   (``soc_scores lacks column(s) ['beta']``), where ``exposure compare --ours`` reads it.
   It is read under its name now.
5. :func:`exposure.outcomes.sector_growth` (``exposure outcomes --sectors``) left a sector
   not published in every year out of the table with an INFO line only (not shown
   without ``-v``): a scored sector vanished without a word. Now a warning names each
   such sector and the years it has.
6. :func:`exposure.outcomes.run_outcomes` given exposures on codes that are no code of the
   panel (a SOC 2010 code; detailed codes that OEWS publishes inside an aggregate, as most
   published measures are given) left their values out of every result without a word
   (the aggregate then had no exposure). Now a warning says how many, names the first
   and points to :func:`~exposure.outcomes.exposure_table`.

Tiny made-up panels and scores, written by the tests.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from _frames import outcome_exposures, outcome_panel
from test_faults_cli import cli, one_error_line

from exposure.outcomes import OUR_MEASURES, run_outcomes, sector_growth

RUN = ["--quantiles", "2", "--no-robustness", "--no-figures"]


def _panel() -> pd.DataFrame:
    """:func:`_frames.outcome_panel` as a whole OccupationPanel (what ``--panel`` reads), wages that move."""
    panel = outcome_panel()
    step = np.arange(len(panel))
    return panel.assign(soc_title=[f"Occupation {c}" for c in panel["soc_code"]], code_type="detailed",
                        a_mean=40000.0 * (1 + 0.01 * ((3 * step) % 5)), a_median=np.nan)


def _scores() -> pd.DataFrame:
    """Our measures on the panel's codes: alpha missing on every row, beta and gamma given."""
    ex = outcome_exposures(_panel())
    return ex.assign(alpha=np.nan, gamma=np.linspace(0.2, 0.9, len(ex)))


def _run(capsys, tmp_path, panel: str, scores: str, *measures: str, out: str = "out"):
    args = ["outcomes", "--panel", tmp_path / panel, "--soc-scores", tmp_path / scores, *RUN, "-o", tmp_path / out]
    for m in measures:
        args += ["--measure", m]
    return cli(capsys, *args)


def _headline(tmp_path, out: str = "out") -> pd.DataFrame:
    return pd.read_csv(tmp_path / out / "outcomes_headline.csv")


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


# 1. a measure missing on every row, and our measures the file lacks
def test_a_measure_empty_on_every_row_is_left_out_with_a_warning(tmp_path, capsys, caplog):
    caplog.set_level(logging.WARNING)
    _panel().to_parquet(tmp_path / "p.parquet", index=False)
    _scores().to_parquet(tmp_path / "s.parquet", index=False)
    code, _, err = _run(capsys, tmp_path, "p.parquet", "s.parquet", "alpha", "beta")
    assert code == 0, err
    assert any("s.parquet, column 'alpha': alpha is missing in every row: left out of the outcomes" in w for w in _warnings(caplog))
    assert list(dict.fromkeys(_headline(tmp_path)["measure"])) == ["beta"]
    # nothing left of the file: still refused, naming the file and the column
    code, _, err = _run(capsys, tmp_path, "p.parquet", "s.parquet", "alpha", out="out2")
    assert code == 2
    assert one_error_line(err, command="outcomes").endswith("s.parquet, column 'alpha': alpha is missing in every row")
    assert not (tmp_path / "out2").exists()


def test_without_measure_the_file_gives_the_measures_it_has(tmp_path, caplog):
    from exposure.cli._outcomes import _read_soc_scores

    caplog.set_level(logging.WARNING)
    path = tmp_path / "s.parquet"
    _scores().drop(columns="gamma").to_parquet(path, index=False)  # no category shares, no gamma
    frame, read = _read_soc_scores(path, list(OUR_MEASURES), asked=False)
    assert read == ["beta"] and frame["beta"].notna().all()
    said = _warnings(caplog)
    assert any(w.startswith(f"{path} has no column gamma, share_admin, share_routine_coding, share_entry_creative")
               for w in said), said
    assert any("column 'alpha': alpha is missing in every row" in w for w in said), said
    pd.DataFrame({"soc_code": ["11-1011"], "x": [0.5]}).to_parquet(path, index=False)
    with pytest.raises(Exception, match=r"has none of the columns alpha, beta, gamma, .* \(columns are "
                                        r"\['soc_code', 'x'\]\)"):
        _read_soc_scores(path, list(OUR_MEASURES), asked=False)


# 2. a column twice in the header
@pytest.mark.parametrize("which", ["scores", "panel"])
def test_a_column_twice_in_the_header_is_named(tmp_path, capsys, which):
    frame = _panel() if which == "panel" else _scores()[["soc_code", "beta"]]
    table = pa.Table.from_pandas(frame, preserve_index=False)
    column = "tot_emp" if which == "panel" else "beta"
    table = table.append_column(column, table.column(column))
    pq.write_table(table, tmp_path / "dup.parquet")
    _panel().to_parquet(tmp_path / "p.parquet", index=False)
    _scores().to_parquet(tmp_path / "s.parquet", index=False)
    at = len(frame.columns) + 1
    first = list(frame.columns).index(column) + 1
    code, _, err = _run(capsys, tmp_path, "dup.parquet" if which == "panel" else "p.parquet",
                        "dup.parquet" if which == "scores" else "s.parquet", "beta")
    assert code == 2
    assert one_error_line(err, command="outcomes").endswith(
        f"dup.parquet, column '{column}': given more than once in the Parquet schema (columns {first} and {at}): "
        "keep one")


# 3. files saved with their codes (and years) as the index
def test_files_saved_with_their_index_are_read(tmp_path, capsys):
    _panel().to_parquet(tmp_path / "p.parquet", index=False)
    _scores().to_parquet(tmp_path / "s.parquet", index=False)
    _panel().set_index(["soc_code", "year"]).to_parquet(tmp_path / "p_idx.parquet")
    _scores().set_index("soc_code").to_parquet(tmp_path / "s_idx.parquet")
    assert _run(capsys, tmp_path, "p.parquet", "s.parquet", "beta", "gamma")[0] == 0
    code, _, err = _run(capsys, tmp_path, "p_idx.parquet", "s_idx.parquet", "beta", "gamma", out="idx")
    assert code == 0, err
    pd.testing.assert_frame_equal(_headline(tmp_path, "idx"), _headline(tmp_path))


# 4. a header in another case
def test_a_scores_header_in_another_case_is_read(tmp_path, capsys):
    _panel().to_parquet(tmp_path / "p.parquet", index=False)
    _scores().to_parquet(tmp_path / "s.parquet", index=False)
    _scores().rename(columns={"soc_code": "SOC_CODE", "beta": "Beta"}).to_parquet(tmp_path / "case.parquet",
                                                                                  index=False)
    assert _run(capsys, tmp_path, "p.parquet", "s.parquet", "beta")[0] == 0
    code, _, err = _run(capsys, tmp_path, "p.parquet", "case.parquet", "beta", out="case")
    assert code == 0, err
    pd.testing.assert_frame_equal(_headline(tmp_path, "case"), _headline(tmp_path))


# 5. a sector of some years only
def test_a_sector_of_some_years_only_is_named_in_a_warning(caplog):
    caplog.set_level(logging.WARNING)

    def oews(naics, emp):
        return pd.DataFrame({"naics": naics, "naics_title": [f"t{n}" for n in naics], "i_group": "sector",
                             "occ_code": "00-0000", "tot_emp": emp})

    frames = {2021: oews(["51", "52", "72"], [100, 50, 200]), 2022: oews(["51", "52", "72"], [110, 55, 200]),
              2025: oews(["51", "72"], [99, 220])}
    scores = pd.DataFrame({"naics": ["51", "52", "72"], "beta": [0.47, 0.6, 0.18]})
    out = sector_growth(frames, scores, ["beta"])
    assert out["naics"].tolist() == ["51", "72"]
    assert _warnings(caplog) == ["1 sector(s) not published with employment in every year of frames (May 2021, "
                                 "2022, 2025) are left out: 52 (2021, 2022)"]


# 6. exposures on codes the panel does not have
def test_exposures_off_the_panel_are_named_in_a_warning(caplog):
    caplog.set_level(logging.WARNING)
    panel = outcome_panel()
    ex = outcome_exposures(panel)
    run_outcomes(panel, ex, q=2, with_robustness=False)
    assert not [w for w in _warnings(caplog) if w.startswith("exposures:")]
    off = pd.concat([ex, pd.DataFrame({"soc_code": ["15-1132", "31-1122", "43-9022"], "beta": [0.9, 0.5, np.nan]})],
                    ignore_index=True)
    res = run_outcomes(panel, off, q=2, with_robustness=False)
    said = [w for w in _warnings(caplog) if w.startswith("exposures:")]
    assert said == ["exposures: 2 SOC codes with a measure are no code of the panel, so their values are left out "
                    "(e.g. '15-1132', row 9): put the measures on the panel's codes with "
                    "exposure.outcomes.exposure_table (it averages detailed codes into the OEWS aggregates that "
                    "publish them)"]
    assert set(res.groups["soc_code"]) == set(panel["soc_code"])
