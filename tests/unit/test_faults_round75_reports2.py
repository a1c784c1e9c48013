"""Round 75 (reports2): the validation reports' inputs and the results figures.

Faults found (each test below failed before its fix):

1. ``figures.plot_categories`` of SOC scores one of whose category shares is missing on
   every row with workers (a roll-up without ``share_entry_creative``, a table of two
   categories): the category was listed in the legend (``entry-level creative``) without
   a bar, without a word, where the other figures leave such a measure out with a warning
   (round 57). Now it is left out of the figure and its legend, with one warning line:
   ``soc_scores, column 'share_entry_creative': share_entry_creative is missing on every
   row with workers: left out of the figure``; with no share at all it is refused, as
   before.
2. ``figures.plot_wage`` of SOC scores whose ``beta`` is missing on every occupation with
   workers and a wage (alpha and gamma given): an empty figure, without a dot or a line,
   whose legend listed the occupations' beta and the decile means of alpha, beta and
   gamma, without a word (alpha or gamma so missing is left out with a warning). Now
   refused: ``soc_scores, column 'beta': no occupation with workers and a wage has a
   beta: there is nothing to draw (the dots are the occupations' beta, and the decile
   means are taken over them)``, as ``plot_ranked_occupations`` refuses scores without a
   beta. Scores without any wage still give a figure of no point (round 14).
3. ``read_validation_sample`` (and ``exposure report categories --validation``) of a
   directory that does not exist named a file inside it: ``v2 /sample.csv: file not
   found`` for ``--validation "v2 "`` (a path pasted with a space), ``~/v2/sample.csv:
   file not found`` for a quoted ``~``, as if the directory held no ``sample.csv``;
   ``--hand-checked`` and ``--holdout`` say why (``exposure._tables.missing_note``). Now
   the directory is named, and why when it can be told: ``v2 : validation sample
   directory not found (its name ends with a space: 'v2 ')``, ``~/v2: validation sample
   directory not found: the '~' is not read as the home directory (a shell expands it
   only outside quotes)``, before O*NET is read.
4. The figures and tables of SOC scores holding a SOC code beside an O*NET-SOC code of it
   (``15-1252`` and ``15-1252.00``), or a SOC group beside a code it holds (``15-1250``
   and ``15-1252``: ``by_major_group``, ``by_wage_decile``, ``plot_wage``,
   ``plot_distribution``, ``plot_major_groups``, ``plot_categories``) named the frame
   after the row and the column, unlike their other errors: ``row 2, column 'soc_code':
   soc_scores has the O*NET-SOC code '15-1252.00' (row 2) and its SOC code '15-1252'
   (row 1): ...``, ``row 1, column 'soc_code': soc_scores: '15-1250' (row 1) is in ...``.
   Now the frame comes first, as in ``soc_scores, row 2, column 'soc_code': soc_code
   '15-1252' is given twice (rows 1 and 2)``: ``soc_scores, row 2, column 'soc_code': the
   O*NET-SOC code '15-1252.00' (row 2) is beside its SOC code '15-1252' (row 1): the
   occupation's workers would be counted twice; give codes of one kind (SOC codes, or
   O*NET-SOC codes)``; through ``render_results`` and ``results_tables`` the file is named
   in its place, as before.

Tiny made-up frames and sample files written by the tests.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line
from test_faults_round57_reports import _soc  # four occupations, wages and category shares

from exposure.errors import DataFormatError
from exposure.reports import figures
from exposure.reports.categories import read_validation_sample

#: The project's blind validation sample (three CSV files, no O*NET text).
V2 = Path(__file__).resolve().parents[1] / "data" / "categories" / "v2"




def _legend(fig) -> list[str]:
    return [t.get_text() for t in fig.legends[0].get_texts()]


def _left_out(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "left out of the figure" in r.getMessage()]


# 1. plot_categories of a category share missing everywhere ----------------------------------
@pytest.mark.parametrize("workers", [[20e3, 100e3, 200e3, 30e3], [0.0, 100e3, 0.0, 30e3]])
def test_plot_categories_leaves_out_a_share_missing_on_every_row_with_workers(workers, caplog):
    pytest.importorskip("matplotlib")
    shares = [0.0, np.nan, 0.1, np.nan] if workers[0] == 0 else np.nan  # given on rows of no worker only
    with caplog.at_level(logging.WARNING, logger="exposure.reports.figures"):
        fig = figures.plot_categories(_soc(tot_emp=workers, share_entry_creative=shares))
    # before: ['administrative', 'routine coding', 'entry-level creative'], the last without a bar
    assert _legend(fig) == ["administrative", "routine coding"]
    assert len(fig.axes[0].patches) == 2 * len(fig.axes[0].get_yticks())
    assert _left_out(caplog) == ["soc_scores, column 'share_entry_creative': share_entry_creative is missing on "
                                 "every row with workers: left out of the figure"]
    # every share given: drawn as before, without a warning; none given: refused, as before
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="exposure.reports.figures"):
        fig = figures.plot_categories(_soc(tot_emp=workers))
    assert _legend(fig) == ["administrative", "routine coding", "entry-level creative"]
    assert len(fig.axes[0].patches) == 3 * len(fig.axes[0].get_yticks())
    assert _left_out(caplog) == []
    soc = _soc()
    soc[list(figures.CATEGORY_LABELS)] = np.nan
    with pytest.raises(DataFormatError, match="no occupation has a category share"):
        figures.plot_categories(soc)


# 2. plot_wage of scores without a beta ---------------------------------------------------------
_NO_BETA = ("soc_scores, column 'beta': no occupation with workers and a wage has a beta: there is nothing to "
            "draw (the dots are the occupations' beta, and the decile means are taken over them)")


@pytest.mark.parametrize("changes", [
    {"beta": np.nan},
    {"beta": [0.2, np.nan, np.nan, np.nan], "a_mean": [np.nan, 70e3, 80e3, 90e3]},  # its one beta has no wage
    {"beta": [0.2, np.nan, np.nan, np.nan], "tot_emp": [0.0, 100e3, 200e3, 30e3]},  # ... no worker
])
def test_plot_wage_refuses_scores_without_a_beta(changes):
    pytest.importorskip("matplotlib")
    with pytest.raises(DataFormatError) as err:  # before: an empty figure, its legend of four entries
        figures.plot_wage(_soc(**changes), n=2)
    assert str(err.value) == _NO_BETA
    assert (err.value.path, err.value.row, err.value.column) == ("soc_scores", None, "beta")
    # one occupation with a beta: drawn; no wage at all: a figure of no point (round 14), as before
    fig = figures.plot_wage(_soc(beta=[np.nan, 0.3, np.nan, np.nan]), n=2)
    assert len(fig.axes[0].collections[0].get_offsets()) == 1
    fig = figures.plot_wage(_soc(a_mean=np.nan, beta=np.nan), n=2)
    assert len(fig.axes[0].collections[0].get_offsets()) == 0


# 3. a validation sample directory that does not exist ---------------------------------------
def _sample_copy(tmp_path) -> Path:
    """The project's v2 sample copied to ``tmp_path/v2``."""
    return Path(shutil.copytree(V2, tmp_path / "v2", ignore=shutil.ignore_patterns("*.py")))


def test_read_validation_sample_names_a_missing_directory(tmp_path):
    v2 = _sample_copy(tmp_path)
    assert len(read_validation_sample(v2)) > 0
    padded = tmp_path / "v2 "
    with pytest.raises(DataFormatError) as err:  # before: ".../v2 /sample.csv: file not found"
        read_validation_sample(padded)
    assert str(err.value) == (f"{padded}: validation sample directory not found: its name ends with a space; "
                              f"{str(v2)!r} (without it) is a directory: give that path")
    with pytest.raises(DataFormatError) as err:
        read_validation_sample(tmp_path / "v3")
    assert str(err.value) == f"{tmp_path / 'v3'}: validation sample directory not found"
    assert Path(err.value.path) == tmp_path / "v3"
    with pytest.raises(DataFormatError) as err:
        read_validation_sample("~/no-such-sample-v2")
    assert str(err.value) == ("~/no-such-sample-v2: validation sample directory not found: the '~' is not read as "
                              "the home directory (a shell expands it only outside quotes)")


def test_report_categories_names_a_missing_validation_directory(tmp_path, capsys):
    v2 = _sample_copy(tmp_path)
    h = tmp_path / "h.csv"
    h.write_text("onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\n"
                 "11-1031.00,15294,random,False,False,False,x\n")
    mirror = tmp_path / "mirror"
    mirror.mkdir()  # empty: the run fails on O*NET if it gets that far
    code, _, err = cli(capsys, "report", "categories", "--hand-checked", h, "--validation", f"{v2} ",
                       "--mirror", mirror, "--data-dir", tmp_path / "cache", "--out-dir", tmp_path / "out")
    assert code == 2
    line = one_error_line(err, command="report categories")
    assert line == (f"exposure report categories: error: {v2} : validation sample directory not found: its name "
                    f"ends with a space; {str(v2)!r} (without it) is a directory: give that path")
    assert not (tmp_path / "out").exists()


# 4. the frame named first in the errors of codes given twice over ----------------------------
@pytest.mark.parametrize("run", [figures.by_major_group, figures.by_wage_decile, figures.plot_wage,
                                 figures.plot_distribution, figures.plot_major_groups, figures.plot_categories])
def test_codes_given_twice_over_name_the_frame_first(run):
    if run.__name__.startswith("plot_"):
        pytest.importorskip("matplotlib")
    with pytest.raises(DataFormatError) as err:
        run(_soc(soc_code=["15-1252", "15-1252.00", "47-2061", "43-9061"]))
    # before: "row 2, column 'soc_code': soc_scores has the O*NET-SOC code '15-1252.00' (row 2) and its ..."
    assert str(err.value) == ("soc_scores, row 2, column 'soc_code': the O*NET-SOC code '15-1252.00' (row 2) is "
                              "beside its SOC code '15-1252' (row 1): the occupation's workers would be counted "
                              "twice; give codes of one kind (SOC codes, or O*NET-SOC codes)")
    assert (err.value.path, err.value.row, err.value.column) == ("soc_scores", 2, "soc_code")
    with pytest.raises(DataFormatError) as err:
        run(_soc(soc_code=["15-1250", "15-1252", "47-2061", "43-9061"]))
    # before: "row 1, column 'soc_code': soc_scores: '15-1252' (row 2) is in '15-1250' (row 1), ..."
    assert str(err.value) == ("soc_scores, row 2, column 'soc_code': '15-1252' (row 2) is in '15-1250' (row 1), a "
                              "SOC broad group, and both are rows: its workers would be counted twice; give the "
                              "group or its occupations, not both")


def test_results_tables_name_the_file_of_codes_given_twice_over(tmp_path):
    pytest.importorskip("pyarrow")
    processed = Path(__file__).resolve().parents[2] / "data" / "processed"
    for name in ("sector_scores", "workforce"):
        shutil.copy(processed / f"{name}.parquet", tmp_path / f"{name}.parquet")
    soc = pd.read_parquet(processed / "soc_scores.parquet")
    soc.loc[1, "soc_code"] = soc.loc[0, "soc_code"] + ".00"
    soc.to_parquet(tmp_path / "soc_scores.parquet")
    with pytest.raises(DataFormatError) as err:
        figures.results_tables(tmp_path)
    code = soc.loc[0, "soc_code"]
    assert str(err.value) == (f"{tmp_path / 'soc_scores.parquet'}, row 2, column 'soc_code': the O*NET-SOC code "
                              f"'{code}.00' (row 2) is beside its SOC code '{code}' (row 1): the occupation's "
                              "workers would be counted twice; give codes of one kind (SOC codes, or O*NET-SOC "
                              "codes)")
