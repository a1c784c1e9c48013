"""Fault round 71 (second helper): the Anthropic task matching, the measures table and compare.

1. ``anthropic._read_older_tasks`` (the publisher's O*NET task statements that
   ``load_anthropic`` reads) named the buffer object's repr when a column was missing:
   ``<_io.StringIO object at 0x7f...>, column 'Task ID': expected column(s) ['Task ID'] not
   found ...``. Now it names ``<buffer>``, as every other reader of the module does.
2. ``anthropic.match_tasks`` never read the task IDs of ``onet_tasks`` and ``older``: an ID
   that is no task ID (``9_0``, ``x``, ``1.5``, ``True``) matched no task of the other
   release in stage 2 (the task was lost without a word) and a text match gave a task
   ``'9_0'`` or ``'True'``. Now each is refused, naming the frame, the row (counted from 1)
   and ``task_id``: ``older, row 2, column 'task_id': task ID '9_0' is not an integer``
   (``exposure._tables.task_id_numbers``). A missing ID (a float column with a blank
   cell, allowed since round 61) was the ID ``'nan'`` in stage 2, which followed a missing
   ID of ``onet_tasks``: the name was given the occupation of another task without a word
   (``old budgets.`` matched to ``Hire staff.``). Now a missing ID is followed to no task
   (the name is left unmatched). The test of the round's tables helper that pinned
   ``9_0`` of ``older`` as left unmatched (``test_faults_round71_tables.py``) follows.
3. ``anthropic.match_tasks`` raised pandas' ``ValueError: Cannot set a DataFrame with
   multiple columns to the single column key`` for an ``onet_tasks`` (or ``older``) with a
   column given twice (two tables side by side). Now ``onet_tasks, column 'task':
   column 'task' appears more than once``.
4. ``compare.load_measure`` of a name written in another case (``Felten_AIOE``) said only
   ``unknown measure 'Felten_AIOE'; known: [...]``, while ``compare()`` says which name was
   meant. Now ``unknown measure 'Felten_AIOE' (did you mean 'felten_aioe'?); known: ...``.
5. ``load("measures")`` refused a ``tot_emp`` written with thousands separators
   (``"1,000"``: the table saved by Excel with a number format) as ``not a number:
   '1,000'``, while the readers of the published measures and of OEWS read such numbers.
   Now it is read (1000.0); a decimal comma (``0,5``) is still refused, and the message now
   says why: ``not a number: '0,5': a comma must separate thousands (1,234); write decimals
   with a point (0.5), not a comma``.
6. ``felten_to_soc``, ``ilo_to_soc`` and ``to_isco`` warn of the codes left without a link
   (``_common.warn_unmatched``), and ``_crosswalk.apply_links`` said the same codes at INFO
   level before: with ``exposure -v`` (or logging at INFO) each code was said twice
   (``1 source code(s) have no crosswalk link: ['11-9999']`` and ``felten_to_soc: 1 of the 3
   SOC 2010 codes have no SOC 2018 link ...``). Now those callers pass
   ``apply_links(..., log_unmatched=False)`` and the codes are said once, in the warning;
   ``apply_links`` still logs them at INFO by default (Webb and compare rely on it), and
   ``log_unmatched="no"`` is refused (``check_flag``).
7. ``anthropic.read_task_collaboration`` of a file holding all six patterns and a pattern
   of another release besides (``none``, ``not_classified``: a newer Economic Index
   reshaped to this form), so that the six add up to less than 1, asked ``... add up to
   0.9, not 1: a pattern column missing or renamed?``, though none was missing. Now it
   names the columns not read: ``... not 1: the file's column(s) ['none',
   'not_classified'] are not read (patterns of another release?): this reader takes the six
   patterns of releases v2 and v3 only``; without such columns it still asks whether a
   pattern column is missing.
"""

from __future__ import annotations

import io
import logging

import pandas as pd
import pytest

import exposure
from exposure.errors import DataFormatError
from exposure.measures import anthropic, compare, felten, ilo
from exposure.measures._crosswalk import apply_links

# 1. _read_older_tasks names a buffer "<buffer>"


def test_older_tasks_of_a_buffer_name_the_buffer():
    with pytest.raises(DataFormatError) as err:
        anthropic._read_older_tasks(io.StringIO("O*NET-SOC Code,Task\n11-1011.00,Direct budgets.\n"))
    assert str(err.value).startswith("<buffer>, column 'Task ID': expected column(s) ['Task ID'] not found")
    assert "StringIO" not in str(err.value)


# 2. match_tasks reads the task IDs of onet_tasks and older


def _onet(ids, tasks=("Direct budgets.", "Hire staff.")):
    return pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1021.00"], "task_id": ids, "task": list(tasks)})


@pytest.mark.parametrize(("ids", "said"), [
    (["1", "9_0"], "onet_tasks, row 2, column 'task_id': task ID '9_0' is not an integer"),
    (["x", "2"], "onet_tasks, row 1, column 'task_id': task ID 'x' is not an integer"),
    ([1.0, 1.5], "onet_tasks, row 2, column 'task_id': task ID 1.5 is not an integer"),
    ([True, False], "onet_tasks, row 1, column 'task_id': task ID True is not an integer"),
])
def test_match_tasks_refuses_a_bad_task_id_of_onet_tasks(ids, said):
    with pytest.raises(DataFormatError) as err:
        anthropic.match_tasks(pd.Series(["direct budgets."]), _onet(ids))
    assert str(err.value).startswith(said)


def test_match_tasks_refuses_a_bad_task_id_of_older():
    # good IDs in other dtypes are read; a row without a task text matches nothing, its ID is not read
    onet = _onet(pd.Series([1, 2], dtype="category"))
    assert anthropic.match_tasks(pd.Series(["direct budgets."]), onet)["task_id"].tolist() == ["1"]
    onet = _onet([1.0, None], tasks=("Direct budgets.", None))
    assert anthropic.match_tasks(pd.Series(["direct budgets."]), onet)["task_id"].tolist() == ["1"]
    older = pd.DataFrame({"onetsoc_code": ["11-1021.00"], "task_id": ["2.0"], "task": ["Hire old staff."]})
    out = anthropic.match_tasks(pd.Series(["hire old staff."]), _onet([1, 2]), older)
    assert out[["onetsoc_code", "task_id", "match"]].values.tolist() == [["11-1021.00", "2", "task_id"]]
    # stage 2 lost the task without a word: 'old budgets.' matched nothing
    older = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": ["8823", "9_0"],
                          "task": ["Direct old budgets.", "Old budgets."]})
    with pytest.raises(DataFormatError) as err:
        anthropic.match_tasks(pd.Series(["old budgets."]), _onet(["8823", "90"]), older)
    assert str(err.value).startswith("older, row 2, column 'task_id': task ID '9_0' is not an integer")


def test_match_tasks_follows_no_missing_task_id():
    # both IDs missing: 'old budgets.' was given the occupation of 'Hire staff.' (task 'nan')
    older = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [float("nan")], "task": ["Old budgets."]})
    out = anthropic.match_tasks(pd.Series(["old budgets."]), _onet([1.0, None]), older)
    assert out.empty
    assert out.attrs["unmatched"] == ["old budgets."]


# 3. match_tasks: a column given twice


@pytest.mark.parametrize("arg", ["onet_tasks", "older"])
def test_match_tasks_refuses_a_column_given_twice(arg):
    twice = pd.DataFrame([["11-1011.00", "1", "Direct budgets.", "Hire staff."]],
                         columns=["onetsoc_code", "task_id", "task", "task"])
    frames = {"onet_tasks": _onet(["1", "2"]), "older": None, arg: twice}
    with pytest.raises(DataFormatError) as err:
        anthropic.match_tasks(pd.Series(["direct budgets."]), frames["onet_tasks"], frames["older"])
    assert str(err.value) == f"{arg}, column 'task': given more than once: keep one"


# 4. load_measure: did you mean


def test_load_measure_says_which_name_was_meant():
    for name, meant in (("Felten_AIOE", "felten_aioe"), ("WEBB_AI ", "webb_ai")):
        with pytest.raises(DataFormatError) as err:
            compare.load_measure(name)
        assert str(err.value).startswith(f"unknown measure {name!r} (did you mean {meant!r}?); known: [")
    with pytest.raises(DataFormatError) as err:  # no name meant: no hint
        compare.load_measure("webb_robots")
    assert str(err.value).startswith("unknown measure 'webb_robots'; known: [")


# 5. load("measures"): thousands separators read, a decimal comma refused saying why


def _measures_dir(tmp_path, text: str):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "measures_table.csv").write_text(text, encoding="utf-8")
    return tmp_path / "reports" / "measures_table.csv"


def test_measures_table_reads_thousands_separators(tmp_path):
    _measures_dir(tmp_path, 'soc_code,tot_emp,felten_aioe\n11-1011,"1,350,430",0.5\n11-1021,200,-0.1\n')
    frame = exposure.load("measures", directory=tmp_path)
    assert frame["tot_emp"].tolist() == [1350430.0, 200.0]
    assert frame["felten_aioe"].tolist() == [0.5, -0.1]


@pytest.mark.parametrize("cell, written", [("0,5", "0.5"), ("1,00", "1.00")])
def test_measures_table_decimal_comma_is_refused_saying_why(tmp_path, cell, written):
    path = _measures_dir(tmp_path, f'soc_code,tot_emp,beta\n11-1011,100,"{cell}"\n')
    with pytest.raises(DataFormatError) as err:
        exposure.load("measures", directory=tmp_path)
    assert str(err.value) == (f"{path}, row 2, column 'beta': not a number: {cell!r}: a comma must separate "
                              f"thousands (1,234); write decimals with a point ({written}), not a comma")  # (round 74)


# 6. codes without a link said once, at WARNING level only, by the callers that warn


def _said(caplog, code: str) -> list[tuple[str, int]]:
    return [(r.name, r.levelno) for r in caplog.records if code in r.getMessage()]


def test_felten_to_soc_says_a_code_without_link_once(caplog):
    scores = pd.DataFrame({"soc10_code": ["15-1132", "15-1133", "11-9999"], "aioe": [1.0, 2.0, 3.0]})
    links = pd.DataFrame({"source_code": ["15-1132", "15-1133"], "target_code": ["15-1252", "15-1252"],
                          "crosswalk_weight": [1.0, 1.0]})
    with caplog.at_level(logging.INFO):
        out = felten.felten_to_soc(scores, links)
    assert out.attrs["unmatched"] == ["11-9999"]
    assert _said(caplog, "11-9999") == [("exposure.measures.felten", logging.WARNING)]


def test_ilo_to_soc_says_a_code_without_link_once(caplog):
    scores = pd.DataFrame({"isco08_code": ["2512", "9999"], "mean_score_2025": [0.5, 0.4],
                           "mean_score_2023": [0.4, 0.3], "gradient_level_2025": [3.0, 1.0]})
    links = pd.DataFrame({"source_code": ["2512"], "target_code": ["15-1252"], "crosswalk_weight": [1.0]})
    with caplog.at_level(logging.INFO):
        out = ilo.ilo_to_soc(scores, links)
    assert out.attrs["unmatched"] == ["9999"]
    assert _said(caplog, "'9999'") == [("exposure.measures.ilo", logging.WARNING)]


def test_apply_links_still_logs_unmatched_codes_at_info(caplog):
    scores = pd.DataFrame({"code": ["A", "B"], "v": [0.2, 0.8]})
    links = pd.DataFrame({"source_code": ["A"], "target_code": ["x"], "crosswalk_weight": [1.0]})
    with caplog.at_level(logging.INFO):
        apply_links(scores, links, code="code", values=["v"])
    assert _said(caplog, "'B'") == [("exposure.measures._crosswalk", logging.INFO)]
    caplog.clear()
    with caplog.at_level(logging.INFO):
        apply_links(scores, links, code="code", values=["v"], log_unmatched=False)
    assert _said(caplog, "'B'") == []
    with pytest.raises(DataFormatError, match="log_unmatched must be True or False"):
        apply_links(scores, links, code="code", values=["v"], log_unmatched="no")


# 7. read_task_collaboration names the columns it does not read


_HEAD = "task_name,directive,feedback_loop,learning,filtered,task_iteration,validation"


def test_collaboration_names_patterns_of_another_release():
    text = f"{_HEAD},none,not_classified,pct\na.,0.5,0.1,0.1,0.1,0.1,0,0.05,0.05,0.01\n"
    with pytest.raises(DataFormatError) as err:
        anthropic.read_task_collaboration(io.StringIO(text))
    assert str(err.value).endswith("add up to 0.9, not 1: the file's column(s) ['none', 'not_classified'] are not "
                                   "read (patterns of another release?): this reader takes the six patterns of "
                                   "releases v2 and v3 only")
    assert str(err.value).startswith("<buffer>, row 2: ")
    # no other column: a pattern column is asked for, as before
    with pytest.raises(DataFormatError, match=r"not 1: a pattern column missing or renamed\?$"):
        anthropic.read_task_collaboration(io.StringIO(f"{_HEAD},pct\na.,0.5,0.1,0.1,0.1,0.1,0,0.01\n"))
