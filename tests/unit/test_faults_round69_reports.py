"""Fault round 69, the figures of the results and the reproduction report (``exposure.reports``).

1. An occupation given twice in the frame of ``plot_ranked_occupations`` (two stacked tables,
   or ``" 15-1252"`` pasted beside ``"15-1252"``), or a key given twice in the frame of
   ``ranked``: before, listed twice in both the most and the least exposed lists, without a
   word (``['Dev (1.6M)', 'Dev (1.6M)', 'Lab (52k)']``); a ``value``, ``key`` or ``weight``
   column given twice raised pandas' ``ValueError: The column label 'soc_code' is not
   unique``. Now refused, naming both rows (``row 3, column 'soc_code': soc_scores has
   soc_code '15-1252' twice (rows 1 and 3)``; ``ranked``: ``frame, row 2, column 'soc_code':
   soc_code 'a' is given twice (rows 1 and 2): it would be listed twice``), and the column
   given twice named (``frame, column 'soc_code': frame has the column 'soc_code' more than
   once: keep one``). ``results_tables`` checks the whole table first, so its rows are
   those of the file.
2. A SOC code with surrounding spaces in the frame of ``plot_wage`` or ``by_wage_decile``
   (a code pasted from a spreadsheet): before, ``" 15-1252"`` beside ``"15-1252"`` was
   drawn twice and counted twice in its wage quantile, and a major-group total written
   ``"15-0000 "`` was drawn and counted as an occupation (``by_major_group`` strips the
   codes). Now the codes are read without the spaces: the repeat is refused naming both
   rows, the total is left out as ``"15-0000"`` is.
3. A ``level`` of ``plot_sectors`` or ``plot_coverage`` in another case or with spaces
   (``"Sector"``, ``"sector "``) or missing: before, the row was left out of the figure
   without a word. A sector given twice (``"51"`` twice, or ``" 51"`` beside ``"51"``):
   before, drawn twice. Now refused, naming the row: ``sector_scores, row 2, column
   'level': level must be 'sector' or 'subsector', got 'Sector': write 'sector' (the
   choices are case-sensitive)`` (``": remove the surrounding spaces"`` for ``"sector "``);
   ``sector_scores, row 3, column 'naics': sector '51' given twice (rows 1 and 3): it would
   be drawn twice``. ``results_tables`` and ``render_results`` (``read_results``) left such a
   row out of the sectors table without a word: now refused, naming the file, the row and
   the column.
4. ``workforce_shares`` (the shares of ``workforce_2021.csv``) summed the employment with
   numpy: the same rows in another order gave other last digits (``ge_10``
   0.9260530547557814 against 0.926053054755781 for fractional employments). Now exact
   sums (``math.fsum``): any order gives the same shares; an employment whose sum passes
   the largest float is refused as before. The shipped reports are byte-identical.
5. A blank title (``""``, spaces: a cell emptied by hand, a CSV read with
   ``keep_default_na=False``) in one directory's ``soc_scores`` or sector tables given to
   ``exposure diff`` (``diff_outputs``): before, it hid the other release's title, and
   ``diff_occupations.csv`` and ``diff_sectors.csv`` wrote an empty title (a missing title
   took the other release's, and the occupations' own titles were read so already). Now a
   blank title is missing: the other release's title is written.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _frames import recompute_outputs
from test_faults_round33_figures import _processed
from test_faults_round33_figures import _sectors as _sectors33

from exposure.errors import DataFormatError
from exposure.reports import figures
from exposure.reports.diff import diff_outputs
from exposure.reports.figures import (
    by_wage_decile,
    plot_coverage,
    plot_ranked_occupations,
    plot_sectors,
    plot_wage,
    ranked,
)
from exposure.reports.reproduction import workforce_shares


def _soc(codes) -> pd.DataFrame:
    n = len(codes)
    return pd.DataFrame({"soc_code": codes, "soc_title": [f"title {i}" for i in range(n)],
                         "tot_emp": [1.6e6, 52e3, 30e3][:n], "a_mean": [1e5, 4e4, 6e4][:n],
                         "alpha": [0.5, 0.0, 0.2][:n], "beta": [0.7, 0.05, 0.3][:n], "gamma": [0.9, 0.1, 0.4][:n]})


def _sectors(naics, levels) -> pd.DataFrame:
    n = len(naics)
    return pd.DataFrame({"naics": naics, "naics_title": [f"title {c}" for c in naics], "level": levels,
                         "alpha": [0.4, 0.1, 0.3][:n], "beta": [0.5, 0.15, 0.35][:n], "gamma": [0.6, 0.2, 0.4][:n],
                         "coverage": [0.9, 0.8, 0.95][:n]})


# ---------------------------------------------------------------- 1. an occupation listed twice
@pytest.mark.parametrize("repeat", ["15-1252", " 15-1252", "15-1252 "])
def test_plot_ranked_occupations_refuses_an_occupation_given_twice(repeat):
    with pytest.raises(DataFormatError, match=r"soc_scores, row 3, column 'soc_code': soc_code '15-1252' is given twice "
                                              r"\(rows 1 and 3\)"):
        plot_ranked_occupations(_soc(["15-1252", "47-2061", repeat]), n=3, min_employment=0)


def test_ranked_refuses_a_key_given_twice():
    frame = pd.DataFrame({"soc_code": ["a", " a", "b"], "beta": [0.1, 0.2, 0.3]})
    with pytest.raises(DataFormatError, match=r"^frame, row 2, column 'soc_code': soc_code 'a' is given twice "
                                              r"\(rows 1 and 2\): it would be listed twice$"):
        ranked(frame, n=3)
    top, bottom = ranked(frame.iloc[[0, 2]], n=3)  # each key once: ranked as before
    assert top["soc_code"].tolist() == ["b", "a"] and bottom["soc_code"].tolist() == ["a", "b"]


def test_ranked_names_a_column_given_twice():
    frame = pd.DataFrame([[0.1, "a", "x"], [0.2, "b", "y"]], columns=["beta", "soc_code", "soc_code"])
    with pytest.raises(DataFormatError, match=r"^frame, column 'soc_code': given more "
                                              r"than once: keep one$"):
        ranked(frame, n=2)



# ---------------------------------------------------------------- 2. codes with surrounding spaces
def test_plot_wage_refuses_a_padded_code_beside_the_same_code():
    with pytest.raises(DataFormatError, match=r"soc_code '15-1252' is given twice \(rows 1 and 3\)"):
        plot_wage(_soc(["15-1252", "47-2061", " 15-1252"]), n=2)


def test_by_wage_decile_refuses_a_padded_code_beside_the_same_code():
    with pytest.raises(DataFormatError, match=r"soc_code '15-1252' is given twice \(rows 1 and 3\)"):
        by_wage_decile(_soc(["15-1252", "47-2061", "15-1252 "]), n=2)


@pytest.mark.parametrize("total", ["15-0000 ", "15-0000\u00a0"])
def test_a_padded_major_group_total_is_not_an_occupation(total):
    soc = _soc(["15-1252", "47-2061", total])
    deciles = by_wage_decile(soc, ["beta"], n=2)
    assert deciles["tot_emp"].sum() == 1.6e6 + 52e3  # the total's 30,000 workers not counted
    dots = plot_wage(soc, n=2).axes[0].collections[0].get_offsets()
    assert len(dots) == 2


# ---------------------------------------------------------------- 3. sector levels and repeats
@pytest.mark.parametrize("draw", [plot_sectors, plot_coverage])
@pytest.mark.parametrize(("level", "said"), [
    ("Sector", r"got 'Sector': write 'sector' \(the choices are case-sensitive\)$"),
    ("sector ", r"got 'sector ': remove the surrounding spaces$"),
    (None, r"got missing$"),
])
def test_a_level_written_otherwise_is_named(draw, level, said):
    with pytest.raises(DataFormatError, match=r"^sector_scores, row 2, column 'level': level must be 'sector' or "
                                              r"'subsector', " + said):
        draw(_sectors(["51", "23"], ["sector", level]))


@pytest.mark.parametrize("draw", [plot_sectors, plot_coverage])
@pytest.mark.parametrize("repeat", ["51", " 51"])
def test_a_sector_given_twice_is_named(draw, repeat):
    with pytest.raises(DataFormatError, match=r"^sector_scores, row 3, column 'naics': sector '51' given twice "
                                              r"\(rows 1 and 3\): it would be drawn twice$"):
        draw(_sectors(["51", "23", repeat], "sector"))
    fig = draw(_sectors(["51", "23", repeat], ["sector", "sector", "subsector"]))  # a subsector of that code
    assert len(fig.axes[0].get_yticklabels()) == 2


@pytest.mark.parametrize("level", ["Sector", "sector "])
def test_results_name_a_level_written_otherwise(tmp_path, level):
    sec = _sectors33()
    pos = int((sec["level"] == "sector").to_numpy().nonzero()[0][-1])
    sec.loc[sec.index[pos], "level"] = level
    processed = _processed(tmp_path / "p", sec=sec)
    said = rf"sector_scores.parquet, row {pos + 1}, column 'level': level must be 'sector' or 'subsector', got {level!r}"
    with pytest.raises(DataFormatError, match=said):
        figures.results_tables(processed, min_employment=0)
    with pytest.raises(DataFormatError, match=said):
        figures.render_results(processed, tmp_path / "out")
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- 4. shares independent of row order
def test_workforce_shares_do_not_depend_on_row_order():
    rng = np.random.default_rng(0)
    soc = pd.DataFrame({"beta": rng.random(800),
                        "tot_emp": rng.integers(10, 10**6, 800).astype(float) + rng.random(800)})
    first = workforce_shares(soc, "beta")
    for seed in range(10):
        assert workforce_shares(soc.sample(frac=1, random_state=seed), "beta") == first
    soc = pd.DataFrame({"beta": [0.2, 0.6], "tot_emp": [1e308, 1e308]})  # refused as before
    with pytest.raises(DataFormatError, match="adds up to more than a float can hold"):
        workforce_shares(soc, "beta")


# ---------------------------------------------------------------- 5. a blank title in a diffed directory
@pytest.mark.parametrize("blank", ["", "  "])
def test_a_blank_title_does_not_hide_the_other_releases(tmp_path, blank):
    old, new = recompute_outputs(tmp_path / "old", "29.1"), recompute_outputs(tmp_path / "new", "30.1")
    soc = pd.read_parquet(new / "soc_scores.parquet")
    soc.assign(soc_title=[blank, "Accountants"]).to_parquet(new / "soc_scores.parquet")
    sec = pd.read_parquet(new / "sector_scores.parquet")
    sec.assign(naics_title=[blank, "title 62"]).to_parquet(new / "sector_scores.parquet")
    diff = diff_outputs(old, new)
    titles = dict(zip(diff.occupations["onetsoc_code"], diff.occupations["soc_title"]))
    assert titles == {"11-1011.00": "Chief Executives", "13-2011.00": "Accountants"}
    assert dict(zip(diff.sectors["naics"], diff.sectors["naics_title"]))["52"] == "title 52"
