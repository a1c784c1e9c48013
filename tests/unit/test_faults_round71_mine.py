"""Fault round 71, the leads this round's helpers left in files no helper held (each test failed before its fix).

1. ``exposure report categories --hand-checked "hc.csv "`` (a path copied with a space
   after it) said ``hc.csv : hand-checked sample not found``, the space unseen, and
   ``--hand-checked "~/hc.csv"`` (quoted, so no shell expanded the ``~``) said the same.
   Both are named now, as the shared readers name them
   (:func:`exposure._tables.missing_note`): ``its name ends with a space; 'hc.csv'
   (without it) is a file: give that path``, and ``the '~' is not read as the home
   directory``.
2. A SOC code written with an en dash (``'11\u20131011'``, pasted from a document) or saved
   as a number (``111011``) in a column of SOC codes was said to be ``not a SOC code (like
   11-1011)`` without a word of why by every reader but ``to_sectors``, which added the
   hint itself; the O*NET-SOC twin of the check said it. The one check
   (:func:`exposure.schemas._fields.first_bad_soc_code`) says it now, so ``to_soc``'s
   crosswalk, the measures readers and ``to_sectors`` all say it, once.
3. A :class:`~exposure.errors.ChecksumMismatchError` whose message had advice added (an
   edited copy in the data directory, line ends converted) lost it when pickled (sent
   back from a worker process) or copied: round 71's ``__reduce__`` rebuilt the error
   from its parts alone. The message as said is kept now.
4. ``exposure score --occupation-column task_id`` (a column read as such already, or the
   text column) was told ``occupation_column 'task_id' is the column of task IDs ...:
   give the column of occupation titles, or None (no titles)``: the API's words, and
   ``--occupation-column None`` names a column ``None``. It says ``--occupation-column
   task_id ...: or leave --occupation-column out (no titles)`` now
   (:func:`exposure.scoring._inputs.argument_named`, :func:`~exposure.scoring._inputs.none_given`);
   the Python API keeps its words.
5. :func:`exposure.reports.outcomes.quintile_table` of a growth frame with a missing
   measure (None, NaN) or one that is not a name (a number, a blank) gave a row labelled
   ``NaN`` (or ``5``) among the measures, without a word. Refused now, naming the row and
   the column.
6. :func:`exposure.scoring.learned.load_model` of a model copied without the retrieval
   index or word vectors beside it said ``m/retrieval-v1.npz: retrieval index not found``,
   naming the file the metadata asks for but not the model asking for it. The model is
   named now, with what to do: ``(named in the metadata of the model m/learned-v1.npz:
   copy it with the files beside it)``.
"""

from __future__ import annotations

import copy
import pickle
import shutil

import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure.errors import ChecksumMismatchError, DataFormatError
from exposure.reports.outcomes import quintile_table
from exposure.rollup import to_sectors
from exposure.schemas._fields import first_bad_soc_code
from exposure.scoring import score_tasks
from exposure.scoring.learned import load_model, shipped_model_path


@pytest.mark.parametrize("given, said", [
    ("hc.csv ", "hand-checked sample not found: its name ends with a space; 'hc.csv' (without it) is a "
                "file: give that path"),
    ("~/exposure-no-such-sample.csv", "hand-checked sample not found: the '~' is not read as the home "
                                      "directory (a shell expands it only outside quotes)"),
])
def test_1_hand_checked_sample_path_with_a_stray_space_or_tilde_is_named(capsys, tmp_path, monkeypatch,
                                                                         given, said):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "hc.csv").write_text("task_id\n1\n")
    code, _, err = cli(capsys, "report", "categories", "--hand-checked", given, "--out-dir", tmp_path / "out")
    line = one_error_line(err, command="report categories")
    assert code == 2
    assert line.endswith(f"{given}: {said}"), line
    assert not (tmp_path / "out").exists()


DASH_HINT = ": '\u2013' (U+2013, a dash that is not the hyphen '-'; pasted from a document?): write '11-1011'"
NUMBER_HINT = ": a code saved as a number? write it as text with its hyphen: '11-1011'"


@pytest.mark.parametrize("code, hint", [("11\u20131011", DASH_HINT), ("111011", NUMBER_HINT), (111011, NUMBER_HINT)])
def test_2_a_soc_code_check_says_what_the_cell_may_be(code, hint):
    assert first_bad_soc_code(pd.Series(["13-1020", code], dtype=object)) == (
        1, f"not a SOC code (like 11-1011): {str(code)!r}{hint}")


def test_2_to_sectors_says_the_hint_once():
    soc = pd.DataFrame({"soc_code": ["13-1020", "11\u20131011"], "alpha": [0.0, 0.5], "beta": [0.1, 0.6],
                        "gamma": [0.2, 0.7]})
    emp = pd.DataFrame({"naics": "11", "naics_title": "Agriculture", "i_group": "sector",
                        "occ_code": ["00-0000", "11-1011", "13-1020"], "o_group": ["total", "detailed", "detailed"],
                        "tot_emp": ["100", "60", "40"]})
    with pytest.raises(DataFormatError) as info:
        to_sectors(soc, emp)
    assert str(info.value) == (f"soc_scores, row 2, column 'soc_code': not a SOC code (like 11-1011): "
                               f"'11\u20131011'{DASH_HINT}")


def test_3_a_checksum_error_keeps_its_advice_when_pickled_or_copied():
    error = ChecksumMismatchError("onet/29.1/Job Zones.txt", "a" * 64, "b" * 64, path="d/Job Zones.txt")
    error.args = (f"{error.args[0]}; put the publisher's file back unchanged",)
    for again in (pickle.loads(pickle.dumps(error)), copy.copy(error)):
        assert type(again) is ChecksumMismatchError
        assert str(again) == str(error)
        assert again.path == error.path and again.actual == "b" * 64


@pytest.mark.parametrize("column, what", [("task_id", "task IDs"), ("onetsoc_code", "O*NET-SOC codes")])
def test_4_exposure_score_advice_about_a_read_column_is_in_the_command_s_words(tmp_path, capsys, column, what):
    src = tmp_path / "t.csv"
    src.write_text("onetsoc_code,task_id,task\n11-1011.00,8823,Direct or coordinate budgets.\n")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", "--occupation-column", column)
    line = one_error_line(err, command="score")
    assert code == 2
    assert line.endswith(f"t.csv, column '{column}': --occupation-column {column} is the column of {what}, read as "
                         "such already: give the column of occupation titles, or leave --occupation-column out "
                         "(no titles)"), line
    assert not (tmp_path / "o.csv").exists()
    with pytest.raises(DataFormatError, match=r"occupation_column 'task_id' is the column of task IDs, .*or None "
                                              r"\(no titles\)$"):
        score_tasks(pd.DataFrame({"task": ["Direct budgets."], "task_id": [1]}), occupation_column="task_id")


@pytest.mark.parametrize("measure, said", [(None, "measure missing"), (float("nan"), "measure missing"),
                                           (" ", "measure must be a measure's name, got ' '"),
                                           (5, "measure must be a measure's name, got 5")])
def test_5_quintile_table_refuses_a_row_without_a_measure(measure, said):
    growth = pd.DataFrame({"measure": ["beta", measure], "group": [1, 2], "emp_growth_post": [0.05, -0.02]})
    with pytest.raises(DataFormatError) as info:
        quintile_table(growth)
    assert str(info.value) == f"growth, row 2, column 'measure': {said}"
    good = growth.assign(measure="beta")
    assert quintile_table(good).to_dict("records") == [
        {"measure": "ours: beta", "Q1 (least exposed)": 5.0, "Q2 (most exposed)": -2.0}]


def test_6_a_model_copied_without_its_index_or_vectors_is_named(tmp_path):
    shipped = shipped_model_path()
    for name in (shipped.name, "registry.txt"):
        shutil.copy(shipped.parent / name, tmp_path / name)
    model = tmp_path / shipped.name
    for needed, what in (("retrieval-v1.npz", "retrieval index"), ("vectors-v1.npz", "static word vectors")):
        with pytest.raises(DataFormatError) as info:
            load_model(model, registry=tmp_path / "registry.txt")
        assert str(info.value) == (f"{tmp_path / needed}: {what} not found (named in the metadata of the model "
                                   f"{model}: copy it with the files beside it)")
        shutil.copy(shipped.parent / needed, tmp_path / needed)  # the advice works
    assert load_model(model, registry=tmp_path / "registry.txt").index.n_tasks == 18796
