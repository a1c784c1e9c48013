"""Round 61: the roll-up's label column, column names, messages and workforce measures.

Found in this round (each test fails on the code before the fix):

1. Task scores with a ``label`` column missing on every row (a column left empty: a
   template's header, a tool that writes probabilities only) and the probabilities
   ``p_e0, p_e1, p_e2`` (``to_occupations``, ``rollup``, ``exposure rollup``): the label
   decided ``share_e1`` and ``share_exposed``, so both came out missing for every
   occupation, OEWS code and sector, without a word, where the same scores without the
   column give them from the probabilities. An empty label column is now no label
   column (``check_task_scores`` drops it), as an empty ``task_type`` column is no task
   type (round 39): the shares come from the probabilities.
2. ``exposure rollup`` of a scores file whose column read by the roll-up when it is there
   (``task_type``, ``label``, ``p_e0``-``p_e2``, ``method``, the category flags ``admin``,
   ``routine_coding``, ``entry_creative``) is named in another case or with spaces around
   it (``Admin``, ``'task_type '``, ``Label``, ``P_E0``: a header typed or exported by
   hand): the column was not read, without a word: no category shares nor category
   workforce rows, the task types read from the statements instead of the file's (a task
   of your own typed Core weighed 1). Refused now, naming the file and the column, as a
   required column so named is (``rename it 'admin'``). Beside the library's own name
   (``label`` and a hand ``Label`` that ``exposure score`` carried into its output) the
   other spelling is still left unread, as before.
3. A category flag, task type or label of a column of numbers (a Parquet or Stata file,
   a frame) refused in numpy's words: ``category flag must be true or false, got
   np.int64(2)``, ``unknown exposure label np.float64(1.0)``, ``task_type must be ...,
   got np.int64(1)`` (``exposure rollup`` printed them so); a long text was written out
   whole. Now the value as Python shows it (``got 2``), cut when long, as the same check
   of ``tasks`` already said it.
4. ``workforce_stats(soc, measures=["share_exposed"])`` (any measure other than alpha,
   beta, gamma) or ``measures=["beta", "beta"]`` failed on the table's own schema,
   naming rows of the output (``SchemaError: WorkforceStats, row 0, column 'measure':
   measure must be one of 'alpha', 'beta', 'gamma' ...; 2 more: ...``, ``... is on row 0
   and again on row 1 ...``). Both refused first, naming the argument: ``measures must be
   among alpha, beta, gamma (the measures of the workforce table), got 'share_exposed'``,
   ``measures names 'beta' twice`` (as ``to_census_occ`` says it).
5. ``rollup`` (so ``exposure rollup``) with an employment of cross-industry rows only (an
   OEWS national table: ``--oews-release 2024``, ``--employment national_M2025_dl.xlsx``,
   warned of since round 56): the empty sector and subsector tables had every column of
   the schema, in its order (``alpha`` first, ``naics`` 15th), with ``title`` and the
   bootstrap bounds though no bootstrap was run, and no type: written as Parquet columns
   of type ``null`` (``object`` once read back). They now have the columns of a sector
   table of the same call, in its order and with its types (``to_sectors``'
   ``SECTOR_COLUMNS``, the bounds when drawn).

Tiny made-up frames and files in the published layouts, written here; the crosswalk and
OEWS files are the tiny fixtures of ``tests/data/rollup``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from _cli import _no_env, rollup_args  # noqa: F401 (_no_env: autouse fixture)
from _frames import crosswalk, employment, occupation_scores, write_csv
from test_faults_cli import cli, one_error_line

from exposure.errors import DataFormatError
from exposure.rollup import label_scores, rollup, to_occupations, to_soc, workforce_stats
from exposure.rollup._occupations import check_task_scores

#: Four tasks of two occupations of the tiny crosswalk, with probabilities and labels.
SCORES = pd.DataFrame({
    "onetsoc_code": ["11-1011.00", "11-1011.00", "13-1021.00", "13-1021.00"],
    "task_id": [1, 2, 3, 4],
    "p_e0": [0.1, 0.8, 0.1, 0.6], "p_e1": [0.8, 0.1, 0.1, 0.3], "p_e2": [0.1, 0.1, 0.8, 0.1],
    "label": ["E1", "E0", "E2", "E0"],
})
SCORES = SCORES.assign(alpha=SCORES["p_e1"], beta=SCORES["p_e1"] + SCORES["p_e2"] / 2,
                       gamma=SCORES["p_e1"] + SCORES["p_e2"])


def _table(out, name: str) -> pd.DataFrame:
    return pd.read_parquet(out / f"{name}.parquet")


# ------------------------------------------------------------------ 1. an empty label column
def test_empty_label_column_gives_the_shares_of_the_probabilities():
    """Every label missing: share_e1 and share_exposed were missing for every occupation."""
    without = to_occupations(SCORES.drop(columns="label"), "equal")
    assert without["share_e1"].notna().all()
    for empty in (None, np.nan, pd.NA):
        occ = to_occupations(SCORES.assign(label=empty), "equal")
        pd.testing.assert_frame_equal(occ, without)
    assert "label" not in check_task_scores(SCORES.assign(label=None)).columns
    # labels given on some rows only: refused since round 77 (the shares came from other tasks than alpha's)
    with pytest.raises(DataFormatError, match="the label is missing on a scored task"):
        to_occupations(SCORES.assign(label=["E1", None, "E2", None]), "equal")


def test_rollup_command_of_an_empty_label_column(fixtures, tmp_path, capsys):
    scores = write_csv(tmp_path, SCORES.assign(label=None).to_csv(index=False), "s.csv")
    code, _, err = cli(capsys, *rollup_args(fixtures, scores, tmp_path / "o", "--weights", "equal"))
    assert code == 0, err
    occ = _table(tmp_path / "o", "occupation_scores").set_index("onetsoc_code")
    assert occ.loc["11-1011.00", "share_e1"] == pytest.approx(0.45)
    assert occ.loc["13-1021.00", "share_exposed"] == pytest.approx(0.65)
    assert _table(tmp_path / "o", "soc_scores")["share_e1"].notna().any()


# ------------------------------------------------------------------ 2. a column read by the roll-up, named otherwise
@pytest.mark.parametrize(("header", "name"), [
    ("Admin", "admin"), ("admin ", "admin"), ("Routine_Coding", "routine_coding"), ("task_type ", "task_type"),
    ("Task_Type", "task_type"), ("Label", "label"), ("P_E0", "p_e0"), ("Method", "method"),
])
def test_rollup_refuses_a_read_column_named_otherwise(fixtures, tmp_path, capsys, header, name):
    """It was not read: no category shares, the types of the statements, without a word."""
    frame = SCORES.assign(admin=[True, False, False, False], routine_coding=False, task_type="Core",
                          method="learned")
    scores = write_csv(tmp_path, frame.rename(columns={name: header}).to_csv(index=False), "s.csv")
    code, _, err = cli(capsys, *rollup_args(fixtures, scores, tmp_path / "o", "--weights", "equal"))
    line = one_error_line(err, command="rollup")
    assert code == 2 and f"s.csv, column {header!r}: column {header!r} is not read" in line
    assert f"rename it {name!r}" in line
    assert not (tmp_path / "o").exists()
    if header != header.strip() or name == "task_type":
        return  # beside the library's name: a repeated header, or both given, refused as before
    # the library's own name is read; another case beside it (an input column that exposure
    # score carried into its output) is left unread, as before
    both = write_csv(tmp_path, frame.assign(**{header: "x"}).to_csv(index=False), "both.csv")
    code, _, err = cli(capsys, *rollup_args(fixtures, both, tmp_path / "o2", "--weights", "equal"))
    assert code == 0, err


# ------------------------------------------------------------------ 3. numbers in numpy's words
@pytest.mark.parametrize(("column", "values", "said"), [
    ("admin", [2, 0, 0, 0], "category flag must be true or false, got 2"),
    ("admin", [0.5, 0.0, 0.0, 0.0], "category flag must be true or false, got 0.5"),
    ("label", [1.0, 0.0, 2.0, 0.0], "unknown exposure label 1.0 (expected E0, E1 or E2)"),
    ("task_type", [1, 2, 1, 2], "task_type must be Core or Supplemental (or missing, blank or n/a), got 1"),
])
def test_numbers_refused_as_python_shows_them(column, values, said):
    with pytest.raises(DataFormatError, match=rf"^task_scores, row 1, column '{column}': ") as err:
        to_occupations(SCORES.assign(**{column: values}), "equal")
    assert said in str(err.value)
    assert "np." not in str(err.value)


def test_label_scores_and_long_labels():
    with pytest.raises(DataFormatError, match=r"^row 1, column 'g': unknown exposure label 1 \(expected"):
        label_scores(pd.Series([1, 0], name="g"))
    with pytest.raises(DataFormatError) as err:
        to_occupations(SCORES.assign(label=["Draft replies to customer emails. " * 3000, "E0", "E2", "E0"]),
                       "equal")
    assert len(str(err.value)) < 400 and "(str of 102,000 characters)" in str(err.value)


def test_rollup_command_names_a_parquet_flag_as_python_shows_it(fixtures, tmp_path, capsys):
    scores = tmp_path / "s.parquet"
    SCORES.assign(admin=[0, 0, 2, 0]).to_parquet(scores, index=False)
    code, _, err = cli(capsys, *rollup_args(fixtures, scores, tmp_path / "o", "--weights", "equal"))
    line = one_error_line(err, command="rollup")
    assert code == 2 and line.endswith("s.parquet, row 3, column 'admin': category flag must be true or false, got 2")


# ------------------------------------------------------------------ 4. workforce_stats' measures
def _soc() -> pd.DataFrame:
    return to_soc(occupation_scores(), crosswalk(), employment())


@pytest.mark.parametrize(("measures", "said"), [
    (["share_exposed"], r"^measures must be among alpha, beta, gamma \(the measures of the workforce table\), "
                        r"got 'share_exposed'$"),
    (["beta", "share_e1"], r"got 'share_e1'$"),
    (["beta", "beta"], r"^measures names 'beta' twice$"),
])
def test_workforce_measures_refused_before_the_table(measures, said):
    """The table's own schema refused them, naming rows of the output."""
    with pytest.raises(DataFormatError, match=said) as err:
        workforce_stats(_soc(), employment(), measures=measures)
    assert "WorkforceStats" not in str(err.value)


# ------------------------------------------------------------------ 5. the sector tables of a national table
_TASKS = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00", "13-1021.00"],
                       "task_id": [1, 2, 3, 4], "label": ["E1", "E0", "E2", "E0"],
                       "alpha": [1.0, 0.0, 0.0, 0.0], "beta": [1.0, 0.0, 0.5, 0.0], "gamma": [1.0, 0.0, 1.0, 0.0]})


@pytest.mark.parametrize("n_draws", [0, 3])
def test_empty_sector_tables_have_the_sector_layout(tmp_path, n_draws, caplog):
    """A national table: the empty tables had every column of the schema, untyped (Parquet type null)."""
    emp = employment()
    full = rollup(_TASKS, crosswalk(), emp, weights="equal", n_draws=n_draws)
    national = rollup(_TASKS, crosswalk(), emp[emp["i_group"] == "cross-industry"], weights="equal",
                      n_draws=n_draws)
    assert national.sectors.empty and "no sector or 3-digit industry rows" in caplog.text
    assert list(national.sectors.columns) == list(full.sectors.columns)
    assert (national.sectors.dtypes == full.sectors.dtypes).all()
    assert ("beta_ci_low" in national.sectors.columns) == (n_draws > 0)
    national.write(tmp_path / "o")
    types = pq.read_schema(tmp_path / "o" / "sector_scores.parquet")
    assert str(types.field("beta").type) == "double" and str(types.field("naics").type) == "string"
    assert "title" not in types.names
