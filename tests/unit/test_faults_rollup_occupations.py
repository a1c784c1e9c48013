"""Input faults of ``to_occupations`` / ``exposure rollup``: refused naming file, row and column.

Faults 2, 9, 12 and 13 of the roll-up hunt: a label or measures that no class
probabilities give, scores within the tolerance just above 1, an infinite OEWS wage, and
an input file that the roll-up would replace. Built on the tiny fixture files of
``tests/data/rollup`` (one header line, so frame row ``i`` is file row ``i + 1``).
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest

import exposure
from exposure import oews
from exposure.cli import main
from exposure.errors import DataFormatError, SchemaError
from exposure.rollup import to_occupations
from exposure.rollup._occupations import check_task_scores
from exposure.schemas import validate
from exposure.schemas._oews import Employment

pytestmark = pytest.mark.filterwarnings("error")


def _scores(fixtures) -> pd.DataFrame:
    return pd.read_csv(fixtures / "rollup" / "task_scores_tiny.csv", dtype={"onetsoc_code": str})


def _args(fixtures, scores, out, *extra):
    d = fixtures / "rollup"
    return ["rollup", str(scores), "-o", str(out), "--crosswalk", str(d / "onet_to_soc_tiny.csv"),
            "--employment", str(d / "oews_tiny.csv"), *extra]


def _err(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Warning" not in err, err  # one line, no warning leaked
    return err


# fault 2: a label or measures that contradict the probabilities -----------------------------------

_ONE = {"onetsoc_code": ["11-1011.00"], "task_id": [1]}


@pytest.mark.parametrize(("row", "column", "reason"), [
    # the fixture's row 3 (E2, p_e2 = 1) relabelled E0 by hand
    (dict(label="E0"), "label", "label 'E0' is not the most probable class: p_e0, p_e1, p_e2 = 0, 0, 1 give E2"),
    # no probability columns: those that alpha and gamma imply (E1 here)
    (dict(label="E0", alpha=1.0, beta=1.0, gamma=1.0, drop=True), "label",
     "label 'E0' contradicts alpha, beta, gamma = 1, 1, 1, which give E1"),
    (dict(label="E0", alpha=1.0, beta=0.0, gamma=0.0, drop=True), "alpha", "alpha is above beta"),
    (dict(label=None, alpha=0.2, beta=0.9, gamma=0.6, drop=True), "beta", "beta is above gamma"),
    (dict(label=None, alpha=0.0, beta=0.2, gamma=1.0, drop=True), "beta",
     "beta = 0.2 is not (alpha + gamma) / 2 = 0.5"),
    (dict(label="E1", alpha=0.5 + 3j, beta=1.0, gamma=1.0, drop=True), "alpha",
     "not a number: (0.5+3j) (a complex number"),
])
def test_fault2_scores_that_no_probabilities_give_are_refused(fixtures, row, column, reason):
    ts = _scores(fixtures)
    if row.pop("drop", False):
        ts = ts.drop(columns=["p_e0", "p_e1", "p_e2"])
    ts[list(row)] = ts[list(row)].astype(object)
    for name, value in row.items():
        ts.at[2, name] = value
    with pytest.raises(DataFormatError) as err:
        to_occupations(ts, weights="equal")
    assert (err.value.row, err.value.column) == (3, column)
    assert reason in str(err.value)


def test_fault2_ties_and_shipped_scores_pass_a_changed_label_does_not():
    """A tie accepts each tied class; every shipped row's label is its most probable class."""
    for label in ("E0", "E1"):
        tie = pd.DataFrame({**_ONE, "p_e0": [0.5], "p_e1": [0.5], "p_e2": [0.0], "label": [label],
                            "alpha": [0.5], "beta": [0.5], "gamma": [0.5]})
        assert check_task_scores(tie)["label"].tolist() == [label]
        assert check_task_scores(tie.drop(columns=["p_e0", "p_e1", "p_e2"]))["label"].tolist() == [label]
    shipped = exposure.load("task_scores")
    assert len(check_task_scores(shipped)) == len(shipped) == 18_796
    edited = shipped.copy()
    pos = int(np.flatnonzero((shipped["label"] == "E2").to_numpy(dtype=bool))[0])
    edited.loc[edited.index[pos], "label"] = "E0"
    with pytest.raises(DataFormatError, match=rf"^task_scores, row {pos + 1}, column 'label': label 'E0' is not the most"):
        check_task_scores(edited)


def test_fault2_cli_refuses_a_hand_edited_label_naming_file_row_column(fixtures, tmp_path, capsys):
    lines = (fixtures / "rollup" / "task_scores_tiny.csv").read_text().splitlines()
    lines[3] = lines[3].replace(",E2,", ",E0,")  # file row 4: task 3, p_e2 = 1
    bad = tmp_path / "bad_label.csv"
    bad.write_text("\n".join(lines) + "\n")
    assert main(_args(fixtures, bad, tmp_path / "out", "--weights", "equal")) == 2
    assert f"{bad}, row 4, column 'label': label 'E0' is not the most probable class" in _err(capsys)
    assert not (tmp_path / "out").exists()


# fault 9: scores accepted within the tolerance above 1 are clipped --------------------------------

_ROUND = dict(p_e0=0.0, p_e1=0.3000004, p_e2=0.7000004, label="E2", alpha=0.3000004,
              beta=0.6500006, gamma=1.0000008)


def test_fault9_scores_within_tolerance_above_one_are_clipped(fixtures, tmp_path, capsys):
    ts = pd.DataFrame({**_ONE, **{k: [v] for k, v in _ROUND.items()}})
    occ = to_occupations(ts, weights="equal")
    assert occ["gamma"].tolist() == [1.0]
    assert occ["alpha"].iloc[0] == pytest.approx(0.3000004, abs=0)
    scores = tmp_path / "round1.csv"
    ts.to_csv(scores, index=False)
    assert main(_args(fixtures, scores, tmp_path / "out", "--weights", "equal")) == 0
    out = pd.read_parquet(tmp_path / "out" / "occupation_scores.parquet")
    assert out["gamma"].tolist() == [1.0]
    assert capsys.readouterr().err == ""


# fault 12: an infinite OEWS wage --------------------------------------------------------------------

def _oews_with(fixtures, tmp_path, column: str, value: str):
    path = fixtures / "rollup" / "oews_tiny.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[2, column] = value  # file row 4: 11-1011 cross-industry
    out = tmp_path / "oews_inf.csv"
    frame.to_csv(out, index=False)
    return out


@pytest.mark.parametrize("column", ["A_MEAN", "H_MEDIAN", "EMP_PRSE"])
def test_fault12_validate_and_rollup_refuse_an_infinite_oews_number(fixtures, tmp_path, capsys, column):
    path = _oews_with(fixtures, tmp_path, column, "inf")
    assert main(["validate", "--file", "oews", str(path)]) == 2
    err = _err(capsys)
    assert f"{path}, row 4, column '{column}'" in err and "finite" in err  # as the file names it
    assert main(_args(fixtures, fixtures / "rollup" / "task_scores_tiny.csv", tmp_path / "out",
                      "--employment", str(path))) == 2
    err = _err(capsys)
    assert f"{path}, row 4, column '{column}'" in err and "finite" in err
    frame = oews.read_oews(fixtures / "rollup" / "oews_tiny.csv")
    frame.loc[2, column.lower()] = np.inf
    with pytest.raises(SchemaError, match="finite"):
        validate(frame, Employment)


def test_fault12_rollup_keeps_the_row_of_an_employment_error(fixtures, tmp_path, capsys, monkeypatch):
    """An error about the --employment frame names the file and its row (header = row 1)."""
    frame = oews.read_oews(fixtures / "rollup" / "oews_tiny.csv")
    frame.loc[2, "a_mean"] = np.inf  # as a reader without the schema's check would give it
    monkeypatch.setattr(oews, "read_oews", lambda path: frame)
    path = fixtures / "rollup" / "oews_tiny.csv"
    assert main(_args(fixtures, fixtures / "rollup" / "task_scores_tiny.csv", tmp_path / "out",
                      "--employment", str(path))) == 2
    assert f"{path}, row 4, column 'a_mean': a_mean must be a finite number" in _err(capsys)


# fault 13: an input file among the files the roll-up replaces ---------------------------------------

@pytest.mark.parametrize(("option", "name"), [
    (None, "soc_scores.csv"),
    (None, "occupation_scores.parquet"),
    ("--employment", "workforce.csv"),
    ("--crosswalk", "working_time.csv"),
    ("--tasks", "coverage.json"),
])
def test_fault13_rollup_refuses_to_replace_its_own_input(fixtures, tmp_path, capsys, option, name):
    out = tmp_path / "res"
    out.mkdir()
    d = fixtures / "rollup"
    source = {None: d / "task_scores_tiny.csv", "--employment": d / "oews_tiny.csv",
              "--crosswalk": d / "onet_to_soc_tiny.csv", "--tasks": d / "oews_tiny.csv"}[option]
    given = out / name
    if name.endswith(".parquet"):
        _scores(fixtures).to_parquet(given)
    else:
        given.write_bytes(source.read_bytes())
    before = given.read_bytes()
    args = _args(fixtures, given if option is None else d / "task_scores_tiny.csv", out)
    if option is not None:
        args += [option, str(given)]
    assert main(args) == 2
    assert f"the {option or 'task scores'} file {given} is one of the files it replaces" in _err(capsys)
    assert sorted(os.listdir(out)) == [name] and given.read_bytes() == before
    # the same file reached through a symbolic link to the output directory
    link = tmp_path / "link"
    link.symlink_to(out)
    args = [str(link / name) if a == str(given) else a for a in args]
    assert main(args) == 2
    assert f"the {option or 'task scores'} file {link / name} is one of the files" in _err(capsys)
    assert sorted(os.listdir(out)) == [name] and given.read_bytes() == before
