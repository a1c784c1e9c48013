"""Loaders and code lists left open by the round-8 sweep (round 9).

Five modules: :mod:`exposure.measures.anthropic`, :mod:`exposure.pipeline`,
:mod:`exposure.crosswalks`, :mod:`exposure.rollup._census` and :mod:`exposure.oews`. Each
case raised a ``TypeError``, ``ValueError``, ``AttributeError`` or ``KeyError`` from inside
pandas, or gave a silently wrong result (``normalize_task(None)`` was ``'none'``, a
malformed code in a list of codes matched nothing, an OEWS ``n/a`` was read as a
suppressed cell, a crosswalk row given twice halved the weights). Now each is an
:class:`~exposure.errors.ExposureError` (a :class:`~exposure.errors.DataFormatError` for a
bad value or frame) of one line naming the argument, and the position and value, or the
file, row and column. Valid calls give what they gave. No mirror and no network.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from exposure import crosswalks, oews
from exposure._tables import number_hint
from exposure.errors import DataFormatError, ExposureError
from exposure.measures.anthropic import anthropic_to_soc, match_tasks, normalize_task
from exposure.pipeline import Stage, normalize_task_text, recompute, run_pipeline, task_digests
from exposure.rollup import census_weights, employment_frame, onet_to_oews, to_census_occ
from exposure.rollup._census import check_crosswalk
from exposure.schemas._catalog import TABLES

# 1. normalize_task, normalize_task_text ----------------------------------------------------

NOT_TEXT = [(None, "NoneType None"), (5, "int 5"), (2.5, "float 2.5"), (True, "bool True"),
            (["x"], r"list \['x'\]"), ({}, "dict"), (pd.Series(["x"]), "Series"), (b"x", "bytes b'x'"),
            (float("nan"), "float nan")]


@pytest.mark.parametrize("func", [normalize_task, normalize_task_text], ids=["anthropic", "pipeline"])
@pytest.mark.parametrize("text, shown", NOT_TEXT)
def test_normalizing_what_is_not_a_text_is_refused(func, text, shown):
    """``None`` was ``'none'``, ``nan`` ``'nan'``, a list ``"['x']"``: keys that matched other texts."""
    with pytest.raises(DataFormatError, match=rf"^text must be a task text \(str\), got {shown}$"):
        func(text)


@pytest.mark.parametrize("func", [normalize_task, normalize_task_text], ids=["anthropic", "pipeline"])
def test_normalizing_a_text_is_unchanged(func):
    assert func("  Direct  \u201cday-to-day\u201d operations. ") == 'direct "day-to-day" operations'
    assert func(np.str_("Review clients\u2019 records.")) == "review clients' records"


# 2. lists of codes: oews_code_map, onet_to_oews, census_weights ----------------------------

BAD_CODES = [(None, "None"), ("11-1011 ", "'11-1011 '"), ("111011", "'111011'"), ("11-1011.00", "'11-1011.00'"),
             (5, "5"), (True, "True"), (float("nan"), "nan"), (b"11-1011", "b'11-1011'"), ("x", "'x'")]
#: What a code (as shown) saved as a number or of the other kind is said to be (round 72) in a
#: list of SOC codes, and in a list of O*NET-SOC codes.
SOC_HINTS = {"'111011'": ": a code saved as a number? write it as text with its hyphen: '11-1011'",
             "'11-1011.00'": ": an O*NET-SOC code? a SOC code has no suffix: write '11-1011'",
             "'11-1011 '": ": spaces around the code: write '11-1011'",  # round 73
             "nan": ": a missing code (or one written as text)?"}  # round 75
ONETSOC_HINTS = {
    "'111011'": ": a code saved as a number? write it as text with its hyphen and suffix: '11-1011.00' (the SOC "
                "occupation itself) or the O*NET-SOC code meant",
    "'11-1011'": ": a SOC code? an O*NET-SOC code has a two-digit suffix: write '11-1011.00' (the SOC occupation "
                 "itself) or the O*NET-SOC code meant",
    "'11-1011 '": ": spaces around the code: a SOC code? an O*NET-SOC code has a two-digit suffix: write "
                  "'11-1011.00' (the SOC occupation itself) or the O*NET-SOC code meant",  # round 73
    "nan": ": a missing code (or one written as text)?"}  # round 75


@pytest.mark.parametrize("value, shown", BAD_CODES)
def test_oews_code_map_refuses_a_malformed_soc_code_naming_position_and_value(value, shown):
    """The code went through ``str`` and matched nothing: the row came out ``none``, no word."""
    match = (rf"^soc_codes must be a list of SOC codes \(like 11-1011\), got {re.escape(shown)} at position 1"
             rf"{re.escape(SOC_HINTS.get(shown, ''))}$")
    with pytest.raises(DataFormatError, match=match):
        crosswalks.oews_code_map(["11-1011", value], ["11-1011"])
    with pytest.raises(DataFormatError, match=match.replace("soc_codes", "oews_codes")):
        crosswalks.oews_code_map(["11-1011"], pd.Series(["11-1011", value], index=[7, 3], dtype=object))


@pytest.mark.parametrize("value, shown", [({"11-1011": 1}, "dict"), (pd.DataFrame({"soc_code": ["11-1011"]}),
                                                                   r"DataFrame: give one of its columns")])
def test_oews_code_map_refuses_a_mapping_or_a_frame(value, shown):
    """A dict was read as its keys; a frame as its column names (``'soc_code'`` as a code)."""
    with pytest.raises(DataFormatError, match=rf"^soc_codes must be a list of SOC codes, got {shown}"):
        crosswalks.oews_code_map(value, ["11-1011"])
    with pytest.raises(DataFormatError, match=rf"^oews_codes must be a list of SOC codes, got {shown}"):
        crosswalks.oews_code_map(["11-1011"], value)


def test_oews_code_map_lists_of_every_kind_give_the_same_map():
    soc = ["13-1021", "13-1031", "21-1011", "21-1012", "55-1011"]
    oews_codes = ["13-1020", "13-1031", "21-1018", "21-1012"]
    want = crosswalks.oews_code_map(soc, oews_codes)
    assert want["how"].tolist() == ["broad", "exact", "aggregate", "exact", "none"]
    for kind in (tuple, set, np.array, pd.Series, pd.Index, lambda v: pd.Series(v, dtype="string")):
        pd.testing.assert_frame_equal(crosswalks.oews_code_map(kind(soc), kind(oews_codes)), want)
    assert crosswalks.oews_code_map([], oews_codes).empty


def test_onet_to_oews_refuses_a_malformed_oews_code():
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00"]})
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "soc_code": ["11-1011"]})
    with pytest.raises(DataFormatError, match=r"^oews_codes must be a list of SOC codes \(like 11-1011\), "
                                              r"got '11-1011 ' at position 0: spaces around the code: write "
                                              r"'11-1011'$"):
        onet_to_oews(occ, xw, ["11-1011 "])
    assert onet_to_oews(occ, xw, ["11-1011"])["occ_code"].tolist() == ["11-1011"]


CXW = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"], "census_occ": ["0010"] * 3})
CEMP = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "tot_emp": [200.0, 50.0]})


@pytest.mark.parametrize("value, shown", BAD_CODES[:3] + [("11-1011", "'11-1011'"), (5, "5"), (float("nan"), "nan")])
def test_census_weights_refuses_a_malformed_scored_code(value, shown):
    """A bad code scored nothing: its Census code's weights were silently 0."""
    with pytest.raises(DataFormatError, match=rf"^scored must be a list of O\*NET-SOC codes \(like 11-1011.00\), "
                                              rf"got {re.escape(shown)} at position 1"
                                              rf"{re.escape(ONETSOC_HINTS.get(shown, ''))}$"):
        census_weights(CXW, CEMP, scored=["11-1011.00", value])


@pytest.mark.parametrize("scored, shown", [({"11-1011.00": 1}, "dict"),
                                           (pd.DataFrame({"onetsoc_code": ["11-1011.00"]}),
                                            r"DataFrame: give one of its columns, e.g. frame\['onetsoc_code'\]$")])
def test_census_weights_refuses_scored_that_is_a_mapping_or_a_frame(scored, shown):
    """A frame was read as its column names, so nothing was scored."""
    with pytest.raises(DataFormatError, match=rf"^scored must be a list of O\*NET-SOC codes \(or None\), got {shown}"):
        census_weights(CXW, CEMP, scored=scored)


def test_census_weights_valid_scored_lists_unchanged():
    want = census_weights(CXW, CEMP, scored=["11-1011.00", "13-1021.00"])
    assert want["weight"].tolist() == [200.0, 0.0, 50.0]
    for kind in (tuple, set, np.array, pd.Series, pd.Index):
        pd.testing.assert_frame_equal(census_weights(CXW, CEMP, scored=kind(["11-1011.00", "13-1021.00"])), want)
    assert census_weights(CXW, CEMP, scored=[])["weight"].tolist() == [0.0, 0.0, 0.0]


# 3. the OEWS loader: BLS's special values, and nothing else -----------------------------------

HEADER = ("NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,"
          "H_MEDIAN,A_MEDIAN,ANNUAL,HOURLY")
CELLS = {"TOT_EMP": '"1,000"', "EMP_PRSE": "1.0", "H_MEAN": "30.00", "A_MEAN": '"62,400"', "MEAN_PRSE": "0.5",
         "H_MEDIAN": "29.00", "A_MEDIAN": '"60,320"', "ANNUAL": "", "HOURLY": ""}


def _oews_file(tmp_path, **cells):
    """An OEWS CSV of two rows; ``cells`` replace cells of the second (row 3 of the file)."""
    first = ["000000,Cross-industry,cross-industry,11-1011,Chief Executives,detailed", *CELLS.values()]
    second = ["000000,Cross-industry,cross-industry,11-1021,Managers,detailed",
              *({**CELLS, **cells}).values()]
    path = tmp_path / "oews.csv"
    path.write_text("\n".join([HEADER, ",".join(first), ",".join(second)]) + "\n", encoding="utf-8")
    return path


def _raw(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.mark.parametrize("column", ["TOT_EMP", "A_MEAN", "EMP_PRSE", "H_MEDIAN"])
@pytest.mark.parametrize("value", ["n/a", "N/A", "NA", "1.200,5", "1,2", "nan", "(8)"])
def test_read_oews_refuses_what_employment_frame_refuses(tmp_path, column, value):
    """``n/a``, ``N/A`` and ``NA`` were read as missing, ``'1,2'`` as 12 and ``'1.200,5'`` as 1.2005.

    :func:`~exposure.rollup.employment_frame` (and the ``soc_scores`` checks) refuse them.
    """
    path = _oews_file(tmp_path, **{column: f'"{value}"'})
    match = (rf"^{re.escape(str(path))}, row 3, column '{column}': {column} must be a number or a BLS special "
             rf"value \(\*\* \* # ~\), got {re.escape(repr(value) + number_hint(value))}$")  # the number to write (round 74)
    with pytest.raises(DataFormatError, match=match) as err:
        oews.read_oews(path)
    assert (err.value.row, err.value.column) == (3, column)
    if column in ("TOT_EMP", "A_MEAN"):  # the columns employment_frame reads
        with pytest.raises(DataFormatError, match=rf"must be a number or a BLS special value .*got {re.escape(repr(value))}"):
            employment_frame(_raw(path))


@pytest.mark.parametrize("value", ["**", "*", "#", "~", "", " "])
def test_read_oews_reads_the_special_values_as_employment_frame_does(tmp_path, value):
    """What both accept as missing: BLS's ``**``, ``*``, ``#``, ``~`` and a blank cell."""
    path = _oews_file(tmp_path, TOT_EMP=value, A_MEAN=value)
    frame = oews.read_oews(path)
    assert pd.isna(frame["tot_emp"][1]) and np.isnan(frame["a_mean"][1])
    raw = employment_frame(_raw(path))
    assert np.isnan(raw["tot_emp"][1]) and np.isnan(raw["a_mean"][1])
    assert frame["tot_emp"][0] == raw["tot_emp"][0] == 1000


def test_read_oews_flags_each_special_value_as_documented(tmp_path):
    """``**``/``*``/``~``: not released; ``#`` in a wage: top-coded; a blank, or ``#`` in a count: no flag."""
    cases = {"**": (True, False), "*": (True, False), "~": (True, False), "#": (False, True), "": (False, False)}
    for value, (released, top) in cases.items():
        f = oews.read_oews(_oews_file(tmp_path, TOT_EMP=value, A_MEAN=value, A_MEDIAN=value))
        assert bool(f["tot_emp_not_released"][1]) is released and bool(f["a_mean_not_released"][1]) is released
        assert bool(f["a_mean_top_coded"][1]) is top and bool(f["any_top_coded"][1]) is top
        assert not f["tot_emp_not_released"][0] and not f["any_top_coded"][0]


@pytest.mark.parametrize("column", ["ANNUAL", "HOURLY"])
@pytest.mark.parametrize("value", ["x", "maybe", "2"])
def test_read_oews_refuses_an_annual_or_hourly_flag_that_is_not_one(tmp_path, column, value):
    """Anything but TRUE (and T, Y, YES, 1) was read as False, without a word."""
    path = _oews_file(tmp_path, **{column: value})
    with pytest.raises(DataFormatError, match=rf"^{re.escape(str(path))}, row 3, column '{column}': {column} must "
                                              rf"be TRUE, FALSE or blank, got '{value}'$"):
        oews.read_oews(path)


def test_read_oews_annual_and_hourly_values_unchanged(tmp_path):
    for value, want in (("TRUE", True), ("true", True), ("Y", True), ("1", True), ("", False),
                        ("FALSE", False), ("N", False), ("0", False)):
        assert bool(oews.read_oews(_oews_file(tmp_path, ANNUAL=value))["annual"][1]) is want


# 4. match_tasks, anthropic_to_soc -----------------------------------------------------------

ONET = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1021.00"], "task_id": ["1", "2"],
                     "task": ["Direct budgets.", "Hire staff."]})


@pytest.mark.parametrize("names, shown", [(None, "NoneType None"), ("direct budgets.", "str 'direct budgets.'"),
                                          (["direct budgets."], r"list \['direct budgets.'\]"),
                                          (pd.DataFrame({"task_name": ["a"]}), "DataFrame")])
def test_match_tasks_refuses_names_that_are_not_a_series(names, shown):
    """``AttributeError: 'list' object has no attribute 'astype'``."""
    with pytest.raises(DataFormatError, match=rf"^task_names must be a pandas Series of task names, got {shown}$"):
        match_tasks(names, ONET)


@pytest.mark.parametrize("arg", ["onet_tasks", "older"])
@pytest.mark.parametrize("value, match", [
    (5, r"must be a pandas DataFrame, got int 5$"),
    ("Task Statements.txt", r"must be a pandas DataFrame, got str 'Task Statements.txt'$"),
    (pd.Series(["x"]), r"must be a pandas DataFrame, got Series$"),
    (pd.DataFrame(), r"lacks column\(s\) \['onetsoc_code', 'task_id', 'task'\] \(columns: \[\]\)$"),
])
def test_match_tasks_refuses_task_frames_that_are_not_task_frames(arg, value, match):
    """``TypeError: string indices must be integers``, ``KeyError: "None of [Index([...])] are in the [columns]"``."""
    kwargs = {"onet_tasks": ONET, "older": None, arg: value}
    with pytest.raises(DataFormatError, match=rf"^{arg} {match}"):
        match_tasks(pd.Series(["direct budgets."]), **kwargs)


@pytest.mark.parametrize("missing, shown", [(None, "None"), (np.nan, "nan")])
def test_match_tasks_refuses_a_missing_task_name(missing, shown):
    """It was counted as a name and listed as unmatched; two of them raised ``TypeError`` in ``sorted``."""
    with pytest.raises(DataFormatError, match=rf"^task_names must be task names \(str\), got {shown} at position 1$"):
        match_tasks(pd.Series(["direct budgets.", missing, "fly planes."], dtype=object), ONET)


def test_match_tasks_never_matches_a_task_without_text():
    """A missing task text became the key ``'nan'`` and matched the task name ``'nan'``."""
    older = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": ["1"], "task": [None]})
    m = match_tasks(pd.Series(["nan"]), ONET, older)
    assert m.empty and m.attrs["unmatched"] == ["nan"]
    m = match_tasks(pd.Series(["nan", "hire staff"]), ONET.assign(task=[None, "Hire staff."]))
    assert m["task_id"].tolist() == ["2"] and m.attrs["unmatched"] == ["nan"]


MATCHES = match_tasks(pd.Series(["direct budgets.", "hire staff."]), ONET)
USAGE = pd.DataFrame({"task_name": ["direct budgets.", "hire staff."], "usage_share": [0.1, 0.4]})
COLLAB = pd.DataFrame({"task_name": ["direct budgets.", "hire staff."], "automation": [1.0, 0.0],
                       "augmentation": [0.0, 1.0], "usage_share": [0.1, 0.4]})


@pytest.mark.parametrize("arg, value, match", [
    ("matches", None, r"^matches must be a pandas DataFrame, got NoneType None$"),
    ("matches", ["x"], r"^matches must be a pandas DataFrame, got list$"),
    ("matches", pd.DataFrame(), r"^matches lacks column\(s\) \['task_name', 'onetsoc_code', 'split'\]"),
    ("usage", 5, r"^usage must be a pandas DataFrame, got int 5$"),
    ("usage", "task_pct_v2.csv", r"^usage must be a pandas DataFrame, got str 'task_pct_v2.csv'$"),
    ("usage", USAGE.drop(columns="usage_share"), r"^usage lacks column\(s\) \['usage_share'\]"),
    ("collaboration", pd.Series(["x"]), r"^collaboration must be a pandas DataFrame, got Series$"),
    ("collaboration", COLLAB.drop(columns="automation"), r"^collaboration lacks column\(s\) \['automation'\]"),
])
def test_anthropic_to_soc_refuses_frames_that_are_not_its_frames(arg, value, match):
    """``AttributeError: 'NoneType' object has no attribute 'copy'``, ``KeyError``, ``TypeError``."""
    kwargs = {"usage": USAGE, "collaboration": COLLAB, "matches": MATCHES, arg: value}
    with pytest.raises(DataFormatError, match=match):
        anthropic_to_soc(**kwargs)


@pytest.mark.parametrize("arg, frame", [("usage", USAGE), ("collaboration", COLLAB)])
def test_anthropic_to_soc_refuses_a_task_given_twice(arg, frame):
    """The task's usage was counted twice (``anthropic_usage`` 0.2 for a task of 0.1)."""
    twice = pd.concat([frame, frame.iloc[[0]]], ignore_index=True)
    kwargs = {"usage": USAGE, "collaboration": COLLAB, arg: twice}
    with pytest.raises(DataFormatError, match=rf"^{arg}, row 3, column 'task_name': task_name "
                                              r"'direct budgets.' is given twice \(rows 1 and 3\): give each task once$"):
        anthropic_to_soc(matches=MATCHES, **kwargs)


def test_anthropic_to_soc_valid_frames_unchanged():
    out = anthropic_to_soc(USAGE, COLLAB, MATCHES)
    assert out["anthropic_usage"].tolist() == [0.1, 0.4]
    assert out["anthropic_automation"].tolist() == [1.0, 0.0]
    assert anthropic_to_soc(None, None, MATCHES)["anthropic_usage"].isna().all()


# 5. task_digests, run_pipeline, Stage, recompute --------------------------------------------

DIG = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [8823, 8824],
                    "task": ["Direct operations.", "Plan budgets."], "task_type": ["Core", None]})


@pytest.mark.parametrize("column, value, match", [
    ("task", None, r"task text must be a string, got a missing value"),
    ("task", np.nan, r"task text must be a string, got a missing value"),
    ("task", 5, r"task text must be a string, got 5"),
    ("task_id", 2.5, r"task ID 2.5 is not an integer"),
    ("task_id", True, r"task ID True is not an integer"),
    ("task_id", "x", r"task ID 'x' is not an integer"),
    ("task_id", None, r"task ID missing"),
    ("onetsoc_code", "11-1011.00 ", r"not an O\*NET-SOC code \(like 11-1011.00\): '11-1011.00 ': spaces around "
                                    r"the code: write '11-1011\.00'"),
    ("onetsoc_code", None, r"missing"),
])
def test_task_digests_refuses_a_bad_cell_naming_row_and_column(column, value, match):
    """A missing text was hashed as ``'nan'``; task ID 2.5 became 2 and True 1; ``'x'`` raised ``ValueError``."""
    tasks = DIG.astype(object)
    tasks.loc[1, column] = value
    with pytest.raises(DataFormatError, match=rf"^tasks, row 2, column '{column}': {match}$"):
        task_digests(tasks)


def test_task_digests_valid_tasks_unchanged():
    out = task_digests(DIG)
    assert out["task_id"].tolist() == [8823, 8824]
    pd.testing.assert_frame_equal(task_digests(DIG.assign(task_id=["8823", "8824"])), out)


def _tiny(code):
    return {"task_digests": pd.DataFrame({"onetsoc_code": [code], "task_id": [1], "task_type": ["Core"],
                                          "text_digest": ["0123456789abcdef"], "dwa_digest": ["e3b0c44298fc1c14"]})}


@pytest.mark.parametrize("kwargs, match", [
    (dict(out=None), r"^out must be a directory path \(str or os.PathLike\), got NoneType None$"),
    (dict(out=5), r"^out must be a directory path \(str or os.PathLike\), got int 5$"),
    (dict(out=b"out"), r"^out must be a directory path \(str or os.PathLike\), got bytes b'out'$"),
    (dict(stages=None), r"^stages must be a list of Stage, got NoneType None$"),
    (dict(stages="make"), r"^stages must be a list of Stage, got str 'make'$"),
    (dict(stages=[print]), r"^stages must be a list of Stage, got builtin_function_or_method at position 0$"),
    (dict(tables=5), r"^tables must be a list of Table, got int 5$"),
    (dict(tables=["task_digests"]), r"^tables must be a list of Table, got str 'task_digests' at position 0$"),
    (dict(context=["code"]), r"^context must be a mapping of entry name to value \(a dict\) or None, "
                             r"got list \['code'\]$"),
    (dict(context=pd.Series({"code": "x"})), r"^context must be a mapping .*, got Series$"),
    (dict(manifest="code"), r"^manifest must be a list of context entry names, got str 'code': write \['code'\]$"),
    (dict(manifest=None), r"^manifest must be a list of context entry names, got NoneType None$"),
    (dict(manifest=[5]), r"^manifest must be a list of context entry names, got int 5 at position 0$"),
    (dict(progress="no"), r"^progress must be True or False, got str 'no'$"),
    (dict(progress=pd.Series([True])), r"^progress must be True or False, got Series$"),
    (dict(timings_path=5), r"^timings_path must be a file path \(str or os.PathLike\), got int 5$"),
    (dict(protect="cache"), r"^protect must be a list of paths, got str 'cache'$"),
    (dict(protect=None), r"^protect must be a list of paths, got NoneType None$"),
    (dict(protect=[5]), r"^protect must be a list of paths, got int 5 at position 0$"),
])
def test_run_pipeline_refuses_arguments_of_the_wrong_kind_before_anything_runs(tmp_path, kwargs, match):
    """Each raised from inside, or was read as another value.

    ``TypeError: expected str, bytes or os.PathLike object``, ``'NoneType' object is not
    iterable``, ``AttributeError: 'str' object has no attribute 'name'``, pandas' truth value
    error; ``progress="no"`` showed a bar, ``manifest="code"`` asked for entries 'c', 'o', ...
    """
    ran = []
    args = dict(stages=[Stage("make", lambda code: ran.append(code) or _tiny(code))],
                tables=[TABLES["task_digests"]], out=tmp_path / "out", context={"code": "11-1011.00"},
                manifest=["code"])
    args.update(kwargs)
    with pytest.raises(DataFormatError, match=match):
        run_pipeline(**args)
    assert not ran and not (tmp_path / "out").exists()


def test_run_pipeline_valid_arguments_unchanged(tmp_path):
    stage = Stage("make", _tiny)
    res = run_pipeline((stage,), (TABLES["task_digests"],), str(tmp_path / "a"), context={"code": "11-1011.00"},
                       manifest=("code",), progress=False, timings_path=tmp_path / "t.json",
                       protect=[None, tmp_path / "cache"])
    assert res.manifest["code"] == "11-1011.00"
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["manifest.json", "task_digests.parquet"]


@pytest.mark.parametrize("name, run, match", [
    (5, _tiny, r"^Stage name must be a non-empty string, got int 5$"),
    ("", _tiny, r"^Stage name must be a non-empty string, got str ''$"),
    (["make"], _tiny, r"^Stage name must be a non-empty string, got list \['make'\]$"),
    ("make", None, r"^Stage 'make': run must be a callable \(a function of the context entries it reads\), "
                   r"got NoneType None$"),
    ("make", "make", r"^Stage 'make': run must be a callable .*, got str 'make'$"),
])
def test_stage_refuses_a_name_or_run_of_the_wrong_kind(name, run, match):
    """``TypeError: None is not a callable object`` (at ``.inputs``), ``'<' not supported ...``."""
    with pytest.raises(DataFormatError, match=match):
        Stage(name, run)


@pytest.mark.parametrize("kwargs, match", [
    (dict(progress="yes"), r"^progress must be True or False, got str 'yes'$"),
    (dict(out=5), r"^out must be a directory path \(str or os.PathLike\), got int 5$"),
])
def test_recompute_refuses_progress_and_out_of_the_wrong_kind(kwargs, match):
    """``out=5``: ``TypeError`` from :mod:`os.path`; ``progress="yes"`` reached tqdm."""
    with pytest.raises(DataFormatError, match=match):  # checked before the release (28 is refused)
        recompute(onet_release="28", **kwargs)


# 6. census crosswalk and employment ----------------------------------------------------------

@pytest.mark.parametrize("value, shown", [(None, "NoneType"), ("census.csv", "str"), (pd.Series(["0010"]), "Series")])
def test_check_crosswalk_refuses_what_is_not_a_frame(value, shown):
    """``TypeError: 'NoneType' object is not subscriptable``, ``KeyError: 'onetsoc_code'``."""
    with pytest.raises(DataFormatError, match=rf"^crosswalk must be a pandas DataFrame, got {shown}$"):
        check_crosswalk(value)
    with pytest.raises(DataFormatError, match=r"^crosswalk lacks column\(s\) \['census_occ'\]"):
        check_crosswalk(pd.DataFrame({"onetsoc_code": ["11-1011.00"]}))


def test_a_crosswalk_code_given_twice_is_refused():
    """The repeated code counted twice: its OEWS code's employment split three ways, beta 0.33 not 0.5."""
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "11-1011.00"], "census_occ": ["0010"] * 3})
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03"], "beta": [0.0, 1.0]})
    emp = pd.DataFrame({"soc_code": ["11-1011"], "tot_emp": [200.0]})
    match = (r"^crosswalk, row 3, column 'onetsoc_code': O\*NET-SOC code '11-1011.00' is there twice "
             r"\(rows 1 and 3\): give each O\*NET-SOC code once, with its Census code$")
    for call in (lambda: check_crosswalk(xw), lambda: census_weights(xw, emp), lambda: to_census_occ(occ, xw, emp)):
        with pytest.raises(DataFormatError, match=match):
            call()
    assert to_census_occ(occ, xw.iloc[:2], emp)["beta"].tolist() == [0.5]


@pytest.mark.parametrize("code, match", [
    ("11-1011 ", r"not a SOC code \(like 11-1011\): '11-1011 ': spaces around the code: write '11-1011'"),
    ("11-1011.00", r"not a SOC code .*'11-1011.00': an O\*NET-SOC code\? a SOC code has no suffix: write '11-1011'"),
    (None, "missing"),
])
def test_census_weights_refuses_a_malformed_employment_code(code, match):
    """The code matched nothing (a padded one) or became the text ``'nan'``, without a word."""
    emp = pd.DataFrame({"soc_code": ["11-1011", code], "tot_emp": [200.0, 50.0]})
    with pytest.raises(DataFormatError, match=rf"^employment, row 2, column 'soc_code': {match}$"):
        census_weights(CXW, emp)
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "beta": [0.5]})
    with pytest.raises(DataFormatError, match=rf"^employment, row 2, column 'soc_code': {match}$"):
        to_census_occ(occ, CXW, emp)


def test_census_weights_refuses_an_employment_code_twice_with_different_counts():
    """The first count was kept and the second dropped, without a word."""
    emp = pd.DataFrame({"soc_code": ["11-1011", "13-1020", "11-1011"], "tot_emp": [200.0, 50.0, 5.0]})
    with pytest.raises(DataFormatError, match=r"^employment, row 3, column 'soc_code': soc_code '11-1011' is there "
                                              r"twice with different tot_emp \(200.0 in row 1, 5.0 in row 3\): "
                                              r"give each OEWS code once$"):
        census_weights(CXW, emp)


def test_census_weights_employment_code_repeated_with_its_count_stays_accepted():
    """O*NET-level scores carry their SOC code's employment on each child row."""
    emp = pd.concat([CEMP, CEMP.iloc[[0]], pd.DataFrame({"soc_code": ["99-9999"] * 2, "tot_emp": [None, None]})],
                    ignore_index=True)
    pd.testing.assert_frame_equal(census_weights(CXW, emp), census_weights(CXW, CEMP))
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03"], "soc_code": ["11-1011"] * 2,
                        "tot_emp": [200.0] * 2, "beta": [0.2, 0.4]})
    assert to_census_occ(occ, CXW)["tot_emp"].tolist() == [200.0]


def test_scores_employment_code_is_named_as_scores():
    """With the employment taken from the scores, their frame is named."""
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03"], "soc_code": ["11-1011", "11-1011 "],
                        "tot_emp": [200.0] * 2, "beta": [0.2, 0.4]})
    with pytest.raises(DataFormatError, match=r"^scores, row 2, column 'soc_code': not a SOC code"):
        to_census_occ(occ, CXW)


# 7. the crosswalk readers and maps -----------------------------------------------------------

def test_onet_to_soc_map_refuses_a_frame_without_its_columns():
    """``KeyError: "None of ['onetsoc_code'] are in the columns"``."""
    with pytest.raises(DataFormatError, match=r"^crosswalk lacks column\(s\) \['onetsoc_code', 'soc_code'\] "
                                              r"\(columns: \[\]\): read the file with read_onet_to_soc$"):
        crosswalks.onet_to_soc_map(pd.DataFrame())


def test_onet_to_soc_map_refuses_an_onet_code_mapped_twice():
    """The map had the code twice; mapping with it raised pandas' ``InvalidIndexError``."""
    cw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "soc_code": ["11-1011", "11-1012"]})
    with pytest.raises(DataFormatError, match=r"^crosswalk, row 2, column 'onetsoc_code': O\*NET-SOC code "
                                              r"'11-1011.00' maps to two SOC codes \('11-1011' in row 1, "
                                              r"'11-1012' in row 2\): give each O\*NET-SOC code once$"):
        crosswalks.onet_to_soc_map(cw)


def test_onet_to_soc_map_row_repeated_as_is_counts_once():
    cw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "11-1011.00"], "soc_code": ["11-1011"] * 3})
    m = crosswalks.onet_to_soc_map(cw)
    assert m.to_dict() == {"11-1011.00": "11-1011", "11-1011.03": "11-1011"}
    assert pd.Series(["11-1011.00"]).map(m).tolist() == ["11-1011"]


def _census_file(tmp_path, zone="5", level="Y"):
    path = tmp_path / "census.csv"
    path.write_text("Job Zone,Occupation,Data-level,Code,cps_code\n"
                    "5,Chief Executives,Y,11-1011.00,0010\n"
                    f"{zone},Managers,{level},11-1021.00,0020\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("zone, what", [("x", "got 'x'"), ("2.5", "got '2.5'")])
def test_read_census_crosswalk_refuses_a_job_zone_that_is_not_one(tmp_path, zone, what):
    """``x`` was read as missing (``errors="coerce"``); ``2.5`` was accepted."""
    path = _census_file(tmp_path, zone=zone)
    with pytest.raises(DataFormatError, match=rf"^{re.escape(str(path))}, row 3, column 'Job Zone': Job Zone must be "
                                              rf"a whole number from 1 to 5, or blank, {what}$"):
        crosswalks.read_census_crosswalk(path)


@pytest.mark.parametrize("level", ["yes", "X", "1"])
def test_read_census_crosswalk_refuses_a_data_level_that_is_not_y_or_n(tmp_path, level):
    """Anything but Y was read as False."""
    path = _census_file(tmp_path, level=level)
    with pytest.raises(DataFormatError, match=rf"^{re.escape(str(path))}, row 3, column 'Data-level': Data-level "
                                              rf"must be Y, N or blank, got '{level}'$"):
        crosswalks.read_census_crosswalk(path)


def test_read_census_crosswalk_valid_values_unchanged(tmp_path):
    for zone, level, want in (("", "", (None, False)), ("3", "y", (3.0, True)), ("1", "N", (1.0, False))):
        f = crosswalks.read_census_crosswalk(_census_file(tmp_path, zone, level))
        got = (None if np.isnan(f["job_zone"][1]) else float(f["job_zone"][1]), bool(f["data_level"][1]))
        assert got == want
    assert str(f["job_zone"].dtype) == "float64"


def test_every_refusal_is_an_exposure_error():
    """The classes: callers catch :class:`ExposureError` (and ``ValueError``)."""
    with pytest.raises(ExposureError):
        normalize_task(None)
    with pytest.raises(ValueError):
        crosswalks.oews_code_map(["x"], [])
