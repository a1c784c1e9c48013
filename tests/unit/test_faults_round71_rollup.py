"""Round 71 (rollup): roll-ups and ``exposure rollup`` arguments that were taken without a word.

1. :func:`exposure.dask.to_occupations` / :func:`~exposure.dask.to_sectors` of scored rows
   whose measures no class probabilities can give (``alpha 0.9, beta 0.2, gamma 0.1``;
   ``alpha 0.1, beta 0.1, gamma 0.2``, beta not the mean of alpha and gamma): averaged as
   given, and the code's means broke the rubric (``alpha 0.5, beta 0.35, gamma 0.3``),
   where :func:`exposure.rollup.to_occupations` refuses such a row. Now refused when
   computed, with the pandas roll-up's words, naming the partition, the row and the
   column: ``scored.partitions[1], row 1, column 'alpha': alpha is above beta (alpha
   0.9, beta 0.2, gamma 0.1): the rubric gives alpha <= beta <= gamma ...``; ``...
   column 'beta': beta = 0.1 is not (alpha + gamma) / 2 = 0.15 ...``. Values within the
   check's tolerance (1e-6) are accepted, and the means of other frames are unchanged.
2. ``exposure rollup --onet-release 30.1`` with ``--tasks FILE`` (``--weights core``) or
   ``--task-ratings FILE`` (``--weights importance`` or ``frequency``): the file was read
   and the release ignored, without a word (exit 0). Now refused before any input is
   read, as ``--oews-release`` with ``--employment`` is: ``exposure rollup: error:
   --onet-release 30.1 chooses the O*NET release to load, and --tasks FILE gives the
   file --weights core reads (its release): drop one of them`` (exit 2).
3. :func:`exposure.rollup.to_soc` of occupation scores of which a row gives some of
   ``alpha``, ``beta`` and ``gamma`` but not the others (``beta`` alone on
   ``11-1011.03``): each measure of an OEWS code was a mean over the children that give
   it, and ``11-1011`` came out ``alpha 0.1, beta 0.4, gamma 0.3`` (beta above gamma),
   without a word, where :func:`~exposure.rollup.to_occupations` refuses such a task and
   :func:`~exposure.rollup.to_sectors` such an OEWS code. Now refused naming the row and
   column: ``occupation_scores, row 2, column 'alpha': beta is given and alpha, gamma are
   missing: ...``; a measure missing on every row is still left out.
4. ``exposure rollup --seed 3`` without ``--bootstrap``: nothing is drawn, and the seed
   was ignored without a word (and written to ``coverage.json`` as the run's seed). Now
   refused before any input is read: ``exposure rollup: error: --seed 3 seeds the
   bootstrap, and --bootstrap is 0 (no draws): add --bootstrap N (2 or more), or drop
   --seed`` (exit 2), as ``exposure report`` refuses a ``--seed`` its method does not use.
5. :func:`exposure.rollup.to_census_occ` (and :func:`~exposure.rollup.census_weights`) with
   ``employment=`` an OEWS frame (:func:`exposure.oews.load_oews`, ``read_oews``, or BLS's
   file read by :func:`pandas.read_excel`: ``OCC_CODE``, ``TOT_EMP``): ``employment lacks
   column(s) ['soc_code'] (columns: [...])`` and no more; renaming ``occ_code`` was not
   enough (``'11-0000' (row 2) is in '00-0000' (row 1) ...``: the frame holds the total,
   the groups and every industry). Now the error names the column and says what to give,
   advice that works: ``employment, column 'occ_code': OEWS's column of the occupation
   codes, not soc_code: an OEWS frame (every industry, the total and the groups)? give
   its cross-industry detailed occupations, each once:
   exposure.rollup.national_detailed(employment).rename(columns={'occ_code':
   'soc_code'})``; for a frame of codes and counts alone, ``... name the columns soc_code
   and tot_emp, e.g. employment.rename(columns={'OCC_CODE': 'soc_code', 'TOT_EMP':
   'tot_emp'})``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

import exposure
from exposure.errors import DataFormatError
from exposure.rollup import census_weights, to_census_occ, to_soc

dd = pytest.importorskip("dask.dataframe")

from exposure import dask as xd  # noqa: E402

MIRROR = Path(os.environ.get("EXPOSURE_MIRROR", "/work/shared/data")).resolve()
STATEMENTS = MIRROR / "onet" / "29.1" / "Task Statements.txt"
#: O*NET's Task Ratings layout (the mirror has no copy of the file): task 8823 of 11-1011.00 rated.
RATINGS_TEXT = (
    "O*NET-SOC Code\tTask ID\tScale ID\tCategory\tData Value\tN\tStandard Error\tLower CI Bound\t"
    "Upper CI Bound\tRecommend Suppress\tDate\tDomain Source\r\n"
    "11-1011.00\t8823\tIM\tn/a\t4.52\t22\t0.18\t4.16\t4.88\tN\t08/2023\tIncumbent\r\n"
    + "".join(f"11-1011.00\t8823\tFT\t{k}\t{v}\t22\t5.0\t0.0\t40.0\tN\t08/2023\tIncumbent\r\n"
              for k, v in enumerate([0.0, 5.0, 10.0, 20.0, 30.0, 25.0, 10.0], start=1)))


# 1. Dask roll-ups: measures that break the rubric ---------------------------------------------

def _scored(alpha, beta, gamma) -> pd.DataFrame:
    """Scored postings of two occupations (and industries), two rows each: the third row opens partition 1."""
    return pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "43-9061.00", "43-9061.00"],
                         "naics": ["52", "52", "23", "23"], "alpha": alpha, "beta": beta, "gamma": gamma,
                         "admin": [True, False, True, False], "routine_coding": False,
                         "entry_creative": False})


GOOD = ([0.2, 0.4, 0.1, 0.5], [0.3, 0.5, 0.15, 0.5], [0.4, 0.6, 0.2, 0.5])


@pytest.mark.parametrize("call, by", [(xd.to_occupations, "onetsoc_code"), (xd.to_sectors, "naics")])
@pytest.mark.parametrize("row, column, said", [
    ((0.9, 0.2, 0.1), "alpha", "alpha is above beta (alpha 0.9, beta 0.2, gamma 0.1): the rubric gives "
                               "alpha <= beta <= gamma"),
    ((0.1, 0.3, 0.2), "beta", "beta is above gamma (alpha 0.1, beta 0.3, gamma 0.2): the rubric gives "
                              "alpha <= beta <= gamma"),
    ((0.1, 0.1, 0.2), "beta", "beta = 0.1 is not (alpha + gamma) / 2 = 0.15 (alpha 0.1, gamma 0.2): the "
                              "rubric gives beta = p_e1 + p_e2 / 2"),
])
def test_dask_rollups_refuse_measures_that_break_the_rubric(call, by, row, column, said):
    """The row was averaged as given: ``43-9061.00`` came out ``alpha 0.7, beta 0.35, gamma 0.3``."""
    alpha, beta, gamma = (list(m) for m in GOOD)
    alpha[2], beta[2], gamma[2] = row
    ddf = dd.from_pandas(_scored(alpha, beta, gamma), npartitions=2)
    with pytest.raises(DataFormatError) as err:
        call(ddf, by).compute(scheduler="sync")
    assert str(err.value).startswith(f"scored.partitions[1], row 1, column '{column}': {said}"), err.value
    assert err.value.row == 1 and err.value.column == column
    # within the tolerance (scores rounded to 6 decimals: a beta off by 5e-7), the means of the values
    beta[2], alpha[2], gamma[2] = 0.15 + 5e-7, 0.1, 0.2
    got = call(dd.from_pandas(_scored(alpha, beta, gamma), npartitions=2), by).compute(scheduler="sync")
    got = got.loc[["11-1011.00", "43-9061.00"] if by == "onetsoc_code" else ["52", "23"]]
    np.testing.assert_allclose(got["beta"].to_numpy(), [0.4, (0.15 + 5e-7 + 0.5) / 2], rtol=0, atol=1e-15)
    np.testing.assert_allclose(got["alpha"].to_numpy(), [0.3, 0.3], rtol=0, atol=1e-15)


# 2. exposure rollup --onet-release with the O*NET file given -----------------------------------

def _scores_csv(tmp_path: Path) -> Path:
    """A task scores file of one task."""
    src = tmp_path / "scores.csv"
    src.write_text("onetsoc_code,task_id,alpha,beta,gamma\n11-1011.00,8823,0.1,0.15,0.2\n")
    return src


@pytest.mark.parametrize("weights, option", [
    ("core", "--tasks"),
    ("importance", "--task-ratings"),
    ("frequency", "--task-ratings"),
])
def test_rollup_refuses_an_onet_release_it_would_not_read(tmp_path, capsys, weights, option):
    """The file was read and ``--onet-release 30.1`` ignored, exit 0."""
    path = STATEMENTS
    if option == "--task-ratings":
        path = tmp_path / "Task Ratings.txt"
        path.write_text(RATINGS_TEXT, newline="")
    out = tmp_path / "out"
    code, _, err = cli(capsys, "rollup", _scores_csv(tmp_path), "-o", out, "--weights", weights,
                       option, path, "--onet-release", "30.1", "--mirror", MIRROR,
                       "--data-dir", tmp_path / "cache")
    line = one_error_line(err, command="rollup")
    assert code == 2
    assert line == (f"exposure rollup: error: --onet-release 30.1 chooses the O*NET release to load, and "
                    f"{option} {path} gives the file --weights {weights} reads (its release): drop one of them")
    assert not out.exists()


# 3. to_soc: occupation scores that give some of alpha, beta, gamma -----------------------------

OCC = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"],
                    "alpha": [0.1, None, 0.0], "beta": [0.2, 0.6, 0.3], "gamma": [0.3, None, 0.6]})
XW = pd.DataFrame({"onetsoc_code": OCC["onetsoc_code"], "soc_code": ["11-1011", "11-1011", "13-1021"]})
EMP = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011", "13-1020"],
                    "o_group": "detailed", "tot_emp": [100.0, 50.0]})


def test_to_soc_refuses_an_occupation_of_some_measures():
    """``11-1011`` came out ``alpha 0.1, beta 0.4, gamma 0.3``: beta over other children than alpha and gamma."""
    with pytest.raises(DataFormatError) as err:
        to_soc(OCC, XW, EMP)
    assert str(err.value) == (
        "occupation_scores, row 2, column 'alpha': beta is given and alpha, gamma are missing: an OEWS code's "
        "alpha, beta and gamma are means over the same O*NET occupations; give alpha, beta and gamma on a row, "
        "or none of them (leave a measure empty on every row to leave it out)")
    with pytest.raises(DataFormatError, match=r"^occupation_scores, row 1, column 'gamma': alpha, beta are "):
        to_soc(OCC.assign(alpha=[0.1, 0.5, 0.0], gamma=[None, 0.7, 0.6]), XW, EMP)
    # a column left empty is left out, and a row of no measure is an unscored occupation, as before
    beta_only = to_soc(OCC.assign(alpha=None, gamma=None), XW, EMP)
    assert beta_only["beta"].tolist() == [pytest.approx(0.4), pytest.approx(0.3)]
    assert beta_only[["alpha", "gamma"]].isna().all(axis=None)
    none = to_soc(OCC.assign(alpha=[0.1, None, 0.0], beta=[0.2, None, 0.3], gamma=[0.3, None, 0.6]), XW, EMP)
    assert none["beta"].tolist() == [pytest.approx(0.2), pytest.approx(0.3)]


# 4. exposure rollup --seed without --bootstrap -------------------------------------------------

@pytest.mark.parametrize("bootstrap", [[], ["--bootstrap", "0"]])
def test_rollup_refuses_a_seed_without_draws(tmp_path, capsys, bootstrap):
    """The seed was ignored, exit 0, and coverage.json said ``"seed": 3`` of a run of no draws."""
    src = tmp_path / "scores.csv"
    src.write_text("onetsoc_code,task_id,alpha,beta,gamma\n11-1011.00,8823,0.1,0.15,0.2\n"
                   "11-1011.00,8824,0.5,0.75,1.0\n")
    out = tmp_path / "out"
    code, _, err = cli(capsys, "rollup", src, "-o", out, "--weights", "equal", "--seed", "3", *bootstrap,
                       "--mirror", MIRROR, "--data-dir", tmp_path / "cache")
    assert code == 2
    assert one_error_line(err, command="rollup") == (
        "exposure rollup: error: --seed 3 seeds the bootstrap, and --bootstrap is 0 (no draws): add "
        "--bootstrap N (2 or more), or drop --seed")
    assert not out.exists()
    if bootstrap:
        return
    # with --bootstrap it is the run's seed; without --seed the seed is 0, as before
    for args, seed in ((["--bootstrap", "2", "--seed", "3"], 3), ([], 0)):
        out = tmp_path / f"out{seed}"
        code, _, err = cli(capsys, "rollup", src, "-o", out, "--weights", "equal", *args,
                           "--mirror", MIRROR, "--data-dir", tmp_path / "cache")
        assert code == 0, err
        assert json.loads((out / "coverage.json").read_text())["settings"]["seed"] == seed


# 5. to_census_occ: employment given as an OEWS frame ------------------------------------------

CENSUS_SCORES = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"], "beta": [0.2, 0.4, 0.8]})
CENSUS_XW = pd.DataFrame({"onetsoc_code": CENSUS_SCORES["onetsoc_code"], "census_occ": "0010"})
OEWS = pd.DataFrame({"naics": "000000", "naics_title": "Cross-industry", "i_group": "cross-industry",
                     "occ_code": ["00-0000", "11-0000", "11-1011", "13-1020"],
                     "o_group": ["total", "major", "detailed", "detailed"], "tot_emp": [250.0, 200.0, 200.0, 50.0]})


@pytest.mark.parametrize("frame, column, advice", [
    (OEWS, "occ_code", "an OEWS frame (every industry, the total and the groups)? give its cross-industry "
                       "detailed occupations, each once: "
                       "exposure.rollup.national_detailed(employment).rename(columns={'occ_code': 'soc_code'})"),
    (OEWS.rename(columns=str.upper), "OCC_CODE",
     "an OEWS frame (every industry, the total and the groups)? give its cross-industry detailed occupations, "
     "each once: exposure.rollup.national_detailed(employment).rename(columns={'occ_code': 'soc_code'})"),
    (OEWS.iloc[2:][["occ_code", "tot_emp"]], "occ_code",
     "name the columns soc_code and tot_emp, e.g. employment.rename(columns={'occ_code': 'soc_code'})"),
    (OEWS.iloc[2:][["occ_code", "tot_emp"]].rename(columns=str.upper), "OCC_CODE",
     "name the columns soc_code and tot_emp, e.g. "
     "employment.rename(columns={'OCC_CODE': 'soc_code', 'TOT_EMP': 'tot_emp'})"),
])
def test_census_employment_of_oews_columns_says_what_to_give(frame, column, advice):
    """``employment lacks column(s) ['soc_code'] (columns: [...])``, and renaming the column was not enough."""
    for call in (lambda e: to_census_occ(CENSUS_SCORES, CENSUS_XW, e), lambda e: census_weights(CENSUS_XW, e)):
        with pytest.raises(DataFormatError) as err:
            call(frame)
        assert str(err.value) == (f"employment, column {column!r}: OEWS's column of the occupation codes, "
                                  f"not soc_code: {advice}")
    # the advice works: the Census code of the example of to_census_occ
    fixed = eval(advice.split("each once: ")[-1].split("e.g. ")[-1],  # noqa: S307
                 {"exposure": exposure, "employment": frame})
    got = to_census_occ(CENSUS_SCORES, CENSUS_XW, fixed)
    assert got[["census_occ", "beta", "tot_emp", "n_onet"]].to_dict("records") == [
        {"census_occ": "0010", "beta": pytest.approx(0.4), "tot_emp": 250.0, "n_onet": 3}]
