"""Fault round 61: the published measures and their crosswalks (``exposure.measures``).

1. A frame given to a crosswalk with a column it reads given twice (``pd.concat([a, b],
   axis=1)`` of two tables holding ``beta``; a second ``aioe`` or ``crosswalk_weight``),
   or with column names of two levels: ``to_isco``, ``ilo_to_soc``, ``felten_to_soc``,
   ``webb_to_soc`` and ``_crosswalk.apply_links`` / ``links_from_pairs`` /
   ``compose_links`` said ``row 1, column 'beta': not a number: array([0.6, 0.1],
   dtype=object)`` (the two cells of the row shown as one value), ``to_isco`` of a
   ``soc_code`` twice raised ``AttributeError: 'DataFrame' object has no attribute
   'str'``, and ``microsoft.rebuild_applicability`` and ``anthropic.anthropic_to_soc``
   failed the same ways. ``to_isco(values=["beta"], counts=["beta"])`` said ``not a
   number: array(...)`` too. Now refused, naming the frame and the column, in the words
   of ``compare``: ``soc_scores, column 'beta': column 'beta' appears more than once``;
   ``soc_scores has 2-level column names (e.g. ...): flatten them to one level``;
   ``column 'beta' is named in both values and counts ...``.
2. ``anthropic.anthropic_to_soc(usage, collaboration, matches)`` took the values of its
   frames as they came: a ``usage_share`` or ``split`` written as text raised ``TypeError:
   Can only string multiply by an integer``; ``True`` was a share of 1 (``anthropic_usage``
   1.0); a negative share gave a negative usage; a missing ``split`` or ``usage_share``
   gave the code a usage of 0.0, and a missing ``automation`` pulled the code's mean
   down; a missing or malformed ``onetsoc_code`` of ``matches`` dropped the task (its
   usage lost) or made a code ``'banana'`` of the result, all without a word. Now each is
   refused, naming the frame, the row (counted from 1) and the column, as
   ``microsoft.rebuild_applicability`` checks its frames (the one check,
   ``_common.checked_frame``, moved from ``microsoft``).
3. ``anthropic.read_task_collaboration`` read a blank ``pct`` cell (the task's share of
   conversations) as missing without a word: the task's usage (``load_anthropic("v3")``
   takes its usage from this column) came out 0.0 for its SOC codes, and it dropped out of
   their automation and augmentation means. Now ``c.csv, row 2, column 'pct': missing
   value``, as ``read_task_usage`` says it (a file without a ``pct`` column is read as
   before).
4. A complex number in a number column of a frame (``0.2+0.5j``) was read as its real
   part (0.2), with numpy's ``ComplexWarning`` only, by ``_crosswalk.numbers`` (so
   ``apply_links``, ``to_isco``, ``check_employment``, ``check_measure_frame``,
   ``rebuild_applicability``) and by ``check_soc_scores`` (``exposure.measures.compare``,
   ``exposure.outcomes``). Now refused as ``True`` is: ``soc_scores, row 2, column
   'beta': not a number: (0.2+0.5j)``.
5. ``felten.read_felten_occupations`` / ``read_felten_industries`` and ``ilo.read_ilo`` given
   a file that is no ``.xlsx`` workbook (the sheet exported as CSV, a CSV renamed
   ``.xlsx``, a gzip file) said pandas' ``cannot read sheet 'Appendix A': Excel file format
   cannot be determined, you must specify an engine manually``. Now ``lm.csv: not an .xlsx
   workbook: it looks like delimited text (a CSV or TSV file?); open it in a spreadsheet and
   save it as an .xlsx workbook``, in the words of the crosswalk readers
   (``_common.check_workbook``; round 75 named the file for what it is, was
   ``(no zip signature): it holds text (a CSV file?)``).
6. ``anthropic.match_tasks(names, onet_tasks, older)`` compared task IDs as the text of
   their cells: an ID of a float column (``8823.0``: a column with a blank cell, as
   ``pd.read_csv`` or ``pd.read_excel`` gives it) never met the same ID ``8823`` of the
   other release in stage 2, and the name was left unmatched without a word. Now IDs are
   compared as the library compares task IDs (``exposure._tables.norm_task_id``), and the
   result gives them as that text (``'8823'``).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from _frames import COLLAB, write_csv

from exposure.errors import DataFormatError
from exposure.measures import _common, anthropic, felten, ilo, microsoft, webb
from exposure.measures._crosswalk import apply_links, compose_links, links_from_pairs, numbers

# ---------------------------------------------------------------------------------------
# 1. a column given twice, or two levels of column names, in a frame given to a crosswalk
# ---------------------------------------------------------------------------------------

ISCO_LINKS = pd.DataFrame({"source_code": ["15-1252", "15-1253", "15-1253"],
                           "target_code": ["2512", "2512", "2519"], "crosswalk_weight": [1.0, 0.5, 0.5]})
SOC = pd.DataFrame({"soc_code": ["15-1252", "15-1253"], "beta": [0.6, 0.4], "tot_emp": [100.0, 50.0]})
LINK = pd.DataFrame({"source_code": ["2511"], "target_code": ["15-1211"], "crosswalk_weight": [1.0]})
ILO = pd.DataFrame({"isco08_code": ["2511"], "mean_score_2025": [0.4], "mean_score_2023": [0.3],
                    "gradient_level_2025": [2]})


def _twice(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """``frame`` with a second column ``column`` (other values), as ``pd.concat(axis=1)`` makes it."""
    other = frame[[column]]
    if pd.api.types.is_float_dtype(other[column]):
        other = other / 2
    return pd.concat([frame, other], axis=1)


@pytest.mark.parametrize("column", ["beta", "tot_emp", "soc_code"])
def test_to_isco_refuses_a_column_given_twice(column):
    """``not a number: array([0.6, 0.3], dtype=object)``; for soc_code an AttributeError."""
    with pytest.raises(DataFormatError, match=rf"^soc_scores, column '{column}': given more than once: keep one$") as err:
        ilo.to_isco(_twice(SOC, column), links=ISCO_LINKS)
    assert err.value.column == column


def test_to_isco_refuses_a_column_given_twice_among_the_values_named():
    with pytest.raises(DataFormatError, match=r"^soc_scores, column 'beta': given more than once: keep one$"):
        ilo.to_isco(_twice(SOC, "beta"), links=ISCO_LINKS, values=["beta"])
    # a column not read may be there twice
    out = ilo.to_isco(_twice(SOC, "beta").assign(gamma=0.7).drop(columns="beta").assign(beta=[0.6, 0.4]),
                      links=ISCO_LINKS, values=["gamma"])
    assert out["gamma"].tolist() == pytest.approx([0.7, 0.7])


def test_to_isco_refuses_multilevel_columns():
    """``not a number: array([0.6], dtype=object)``."""
    wide = pd.DataFrame({("soc_code", ""): ["15-1252"], ("beta", "mean"): [0.6]})
    with pytest.raises(DataFormatError, match=r"^soc_scores has 2-level column names \(e\.g\. \('soc_code', ''\)\): "
                                              r"flatten them to one level$"):
        ilo.to_isco(wide, links=ISCO_LINKS)


def test_to_isco_refuses_a_column_both_averaged_and_split():
    """``not a number: array([0.6, 0.6], dtype=object)``."""
    with pytest.raises(DataFormatError, match=r"^soc_scores, column 'beta': column 'beta' is named in both values and "
                                              r"counts: a score is averaged, a count is split; name it once$"):
        ilo.to_isco(SOC, links=ISCO_LINKS, values=["beta"], counts=["beta"])


@pytest.mark.parametrize("column", ["mean_score_2025", "isco08_code"])
def test_ilo_to_soc_refuses_a_score_column_given_twice(column):
    with pytest.raises(DataFormatError, match=rf"^scores, column '{column}': given more than once: keep one$"):
        ilo.ilo_to_soc(_twice(ILO, column), LINK)


@pytest.mark.parametrize("column", ["crosswalk_weight", "source_code"])
def test_ilo_to_soc_and_to_isco_refuse_a_link_column_given_twice(column):
    with pytest.raises(DataFormatError, match=rf"^links, column '{column}': given more than once: keep one$"):
        ilo.ilo_to_soc(ILO, _twice(LINK, column))
    with pytest.raises(DataFormatError, match=rf"^links, column '{column}': given more than once: keep one$"):
        ilo.to_isco(SOC, links=_twice(ISCO_LINKS, column))


def test_felten_to_soc_names_the_file_of_a_column_given_twice():
    scores = pd.DataFrame({"soc10_code": ["15-1132"], "title": ["a"], "aioe": [1.0]})
    links = pd.DataFrame({"source_code": ["15-1132"], "target_code": ["15-1252"], "crosswalk_weight": [1.0]})
    with pytest.raises(DataFormatError, match=r"^lm\.xlsx, column 'aioe': given more than once: keep one$"):
        felten.felten_to_soc(_twice(scores, "aioe"), links, path="lm.xlsx")


def test_webb_to_soc_refuses_a_crosswalk_column_given_twice():
    scores = pd.DataFrame({"occ1990dd": ["7"], "webb_ai": [0.2], "webb_software": [0.1], "webb_robot": [0.0]})
    pairs = pd.DataFrame({"onetsoc_code": ["15-1132.00"], "occ1990dd": ["7"]})
    onet = pd.DataFrame({"source_code": ["15-1132.00"], "target_code": ["15-1252"], "crosswalk_weight": [1.0]})
    with pytest.raises(DataFormatError, match=r"^occ_to_onet, column 'onetsoc_code': given more than once: keep one$"):
        webb.webb_to_soc(scores, _twice(pairs, "onetsoc_code"), onet)
    with pytest.raises(DataFormatError, match=r"^onet_to_soc, column 'target_code': given more than once: keep one$"):
        webb.webb_to_soc(scores, pairs, _twice(onet, "target_code"))
    with pytest.raises(DataFormatError, match=r"^occ_to_onet lacks column\(s\) \['occ1990dd'\]"):
        webb.webb_to_soc(scores, pairs.drop(columns="occ1990dd"), onet)
    assert webb.webb_to_soc(scores, pairs, onet)["webb_ai"].tolist() == [0.2]


def test_the_link_helpers_refuse_a_column_given_twice():
    pairs = pd.DataFrame({"a": ["1"], "b": ["x"]})
    with pytest.raises(DataFormatError, match=r"^crosswalk, column 'b': given more than once: keep one$"):
        links_from_pairs(_twice(pairs, "b"), "a", "b")
    with pytest.raises(DataFormatError, match=r"^second, column 'crosswalk_weight': given more than once: keep one$"):
        compose_links(LINK, _twice(LINK, "crosswalk_weight"))
    with pytest.raises(DataFormatError, match=r"^scores, column 'v': given more than once: keep one$"):
        apply_links(_twice(pd.DataFrame({"c": ["2511"], "v": [0.5]}), "v"), LINK, code="c", values=["v"])


def test_rebuild_applicability_refuses_a_column_given_twice():
    """``weights, row 1, column 'weight': not a number: array([1.0, 0.5], dtype=object)``."""
    iwa = pd.DataFrame({"iwa_id": ["a"], "share_user": [0.01], "share_ai": [0.01], "completion_user": [0.8],
                        "completion_ai": [1.0], "impact_scope_user": [0.5], "impact_scope_ai": [0.2]})
    w = pd.DataFrame({"soc_code": ["x"], "iwa_id": ["a"], "weight": [1.0]})
    links = pd.DataFrame({"soc_code": ["x"], "iwa_id": ["a"]})
    with pytest.raises(DataFormatError, match=r"^weights, column 'weight': given more than once: keep one$"):
        microsoft.rebuild_applicability(iwa, _twice(w, "weight"), links)
    with pytest.raises(DataFormatError, match=r"^soc_to_iwas, column 'iwa_id': given more than once: keep one$"):
        microsoft.rebuild_applicability(iwa, w, _twice(links, "iwa_id"))
    assert microsoft.rebuild_applicability(iwa, w, links)["ai_applicability_score"].tolist() == [0.5 * 0.4 + 0.5 * 0.2]


# ---------------------------------------------------------------------------------------
# 2. anthropic_to_soc: the values of its frames
# ---------------------------------------------------------------------------------------

MATCHES = pd.DataFrame({"task_name": ["a", "b"], "onetsoc_code": ["11-1011.00", "11-1021.00"],
                        "task_id": ["1", "2"], "split": [1.0, 1.0]})
USAGE = pd.DataFrame({"task_name": ["a", "b"], "usage_share": [0.1, 0.2]})
COLLAB_FRAME = pd.DataFrame({"task_name": ["a", "b"], "automation": [0.6, 0.2], "augmentation": [0.3, 0.5],
                             "usage_share": [0.1, 0.2]})


def _cell(frame: pd.DataFrame, column: str, value, pos: int = 0) -> pd.DataFrame:
    cells = list(frame[column])
    cells[pos] = value
    return frame.assign(**{column: pd.Series(cells, dtype=object)})


@pytest.mark.parametrize("arg, column, value, message", [
    ("usage", "usage_share", "0.1x", r"^usage, row 1, column 'usage_share': not a number: '0\.1x'$"),
    ("usage", "usage_share", True, r"^usage, row 1, column 'usage_share': not a number: True$"),
    ("usage", "usage_share", -0.1, r"^usage, row 1, column 'usage_share': usage_share must be at least 0\.0; "
                                   r"got -0\.1$"),
    ("usage", "usage_share", 10.0, r"^usage, row 1, column 'usage_share': usage_share must be at most 1\.0; "
                                   r"got 10\.0$"),
    ("usage", "usage_share", np.nan, r"^usage, row 1, column 'usage_share': missing value$"),
    ("matches", "split", "1", None),  # numeric text is read
    ("matches", "split", "one", r"^matches, row 1, column 'split': not a number: 'one'$"),
    ("matches", "split", np.nan, r"^matches, row 1, column 'split': missing value$"),
    ("matches", "onetsoc_code", None, r"^matches, row 1, column 'onetsoc_code': missing O\*NET-SOC code$"),
    ("matches", "onetsoc_code", "banana", r"^matches, row 1, column 'onetsoc_code': not an O\*NET-SOC code "
                                          r"\(like 11-1011\.00\): 'banana'$"),
    ("matches", "task_name", None, r"^matches, row 1, column 'task_name': task_name missing$"),
    ("collaboration", "automation", np.nan, r"^collaboration, row 1, column 'automation': missing value$"),
    ("collaboration", "augmentation", "x", r"^collaboration, row 1, column 'augmentation': not a number: 'x'$"),
    ("collaboration", "usage_share", np.nan, r"^collaboration, row 1, column 'usage_share': missing value$"),
])
def test_anthropic_to_soc_checks_the_values_of_its_frames(arg, column, value, message):
    """Text raised ``TypeError: Can only string multiply by an integer``; True was a share of 1.

    -0.1 was a usage of -0.1, a missing share or split a usage of 0.0, a missing code dropped the task.
    """
    frames = {"usage": USAGE, "collaboration": COLLAB_FRAME, "matches": MATCHES}
    frames[arg] = _cell(frames[arg], column, value)
    if message is None:
        out = anthropic.anthropic_to_soc(**frames)
        assert out["anthropic_usage"].tolist() == [0.1, 0.2]
        return
    with pytest.raises(DataFormatError, match=message) as err:
        anthropic.anthropic_to_soc(**frames)
    assert (err.value.row, err.value.column) == (1, column)


def test_anthropic_to_soc_refuses_a_collaboration_without_usage(tmp_path):
    """Read from a file without pct: every automation and augmentation came out missing."""
    path = write_csv(tmp_path, COLLAB.removesuffix(",pct\n") + "\na,0.5,0.1,0.1,0.2,0.1,0\n", "c.csv")
    collab = anthropic.read_task_collaboration(path)
    with pytest.raises(DataFormatError, match=r"^collaboration, column 'usage_share': missing on every row \(read "
                                              r"from a file without a pct column\?\): .*; give the file with pct$"):
        anthropic.anthropic_to_soc(None, collab, MATCHES.iloc[:1])


def test_anthropic_to_soc_valid_frames_give_what_they_gave():
    out = anthropic.anthropic_to_soc(USAGE, COLLAB_FRAME, MATCHES)
    assert out["soc_code"].tolist() == ["11-1011", "11-1021"]
    assert out["anthropic_usage"].tolist() == [0.1, 0.2]
    assert out["anthropic_automation"].tolist() == pytest.approx([0.6, 0.2])
    assert out["anthropic_augmentation"].tolist() == pytest.approx([0.3, 0.5])
    # numbers as text (a frame read with dtype=str) are read
    text = anthropic.anthropic_to_soc(USAGE.astype({"usage_share": str}), COLLAB_FRAME, MATCHES)
    pd.testing.assert_frame_equal(text, out)


# ---------------------------------------------------------------------------------------
# 3. read_task_collaboration: a blank pct
# ---------------------------------------------------------------------------------------

def test_collaboration_file_with_a_blank_pct_is_refused(tmp_path):
    """The task's usage came out 0.0 (v3 takes its usage from pct) without a word."""
    path = write_csv(tmp_path, COLLAB + "direct budgets.,0.5,0.1,0.1,0.2,0.1,0,\n"
                                        "hire staff.,0.5,0.1,0.1,0.2,0.1,0,0.02\n", "c.csv")
    with pytest.raises(DataFormatError, match=r"c\.csv, row 2, column 'pct': missing value$") as err:
        anthropic.read_task_collaboration(path)
    assert (err.value.row, err.value.column) == (2, "pct")
    # a pct on every row, or no pct column at all, reads as before
    full = write_csv(tmp_path, COLLAB + "direct budgets.,0.5,0.1,0.1,0.2,0.1,0,0.01\n", "f.csv")
    assert anthropic.read_task_collaboration(full)["usage_share"].tolist() == [0.01]
    bare = write_csv(tmp_path, COLLAB.removesuffix(",pct\n") + "\ndirect budgets.,0.5,0.1,0.1,0.2,0.1,0\n", "b.csv")
    assert anthropic.read_task_collaboration(bare)["usage_share"].isna().all()


# ---------------------------------------------------------------------------------------
# 4. complex numbers
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("cells, at", [
    (pd.Series([0.1, 0.2 + 0.5j], dtype=object), r"row 2, column '{}': not a number: \(0\.2\+0\.5j\)$"),
    # a complex column: every cell is a complex number, as the roll-ups refuse such a column
    (pd.Series(np.array([0.1, 0.2 + 0.5j])), r"row 1, column '{}': not a number: \(0\.1\+0j\)$"),
])
def test_a_complex_number_is_not_read_as_its_real_part(cells, at):
    """Read as 0.2 (numpy's ComplexWarning only)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no ComplexWarning on the way to the error
        with pytest.raises(DataFormatError, match="^t, " + at.format("x")):
            numbers(pd.DataFrame({"x": cells}), "x", "t")
        with pytest.raises(DataFormatError, match="^soc_scores, " + at.format("beta")):
            _common.check_soc_scores(pd.DataFrame({"soc_code": ["11-1011", "11-1021"], "beta": cells}), ["beta"])
        with pytest.raises(DataFormatError, match="^employment, " + at.format("tot_emp")):
            _common.check_employment(pd.DataFrame({"soc_code": ["11-1011", "11-1021"], "tot_emp": cells}))
        # round 71: apply_links names the scores in every error (this one named no frame)
        with pytest.raises(DataFormatError, match="^soc_scores, " + at.format("beta")):
            ilo.to_isco(SOC.assign(beta=cells.to_numpy()), links=ISCO_LINKS, values=["beta"])


# ---------------------------------------------------------------------------------------
# 5. a file that is no workbook, given to the Felten and ILO readers
# ---------------------------------------------------------------------------------------

NO_WORKBOOK = (r"not an \.xlsx workbook: it looks like delimited text \(a CSV or TSV file{named}\?\); open it in a "
               r"spreadsheet and save it as an \.xlsx workbook$")


@pytest.mark.parametrize("name", ["lm.csv", "lm.xlsx"])
def test_felten_and_ilo_readers_name_a_csv_for_what_it_is(tmp_path, name):
    """``cannot read sheet 'LM AIOE': Excel file format cannot be determined, you must specify an engine manually``."""
    path = write_csv(tmp_path, "SOC Code,Occupation Title,Language Modeling AIOE\n11-1011,Chief Executives,1.3\n",
                     name)
    for read in (lambda p: felten.read_felten_occupations(p, "lm"), lambda p: felten.read_felten_industries(p, "lm"),
                 ilo.read_ilo):
        named = "" if name.endswith(".csv") else r" named \.xlsx"
        with pytest.raises(DataFormatError, match=rf"^{tmp_path}/{name}: " + NO_WORKBOOK.format(named=named)):
            read(path)


def test_felten_reader_names_a_gzip_file_as_no_workbook(tmp_path):
    import gzip

    path = tmp_path / "lm.xlsx"
    path.write_bytes(gzip.compress(b"SOC Code,Occupation Title,AIOE\n11-1011,Chief Executives,1.3\n"))
    with pytest.raises(DataFormatError, match=r"lm\.xlsx: not an \.xlsx workbook: it is gzip-compressed data; decompress it first$"):
        felten.read_felten_occupations(path)


# ---------------------------------------------------------------------------------------
# 6. match_tasks: task IDs of a float column
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("onet_ids, older_ids", [([8823.0, np.nan], [8823]), ([8823, 8824], ["8823.0"]),
                                                 (["8823", "8824"], [8823.0])])
def test_match_tasks_follows_a_task_id_written_as_a_float(onet_ids, older_ids):
    """Stage 2 compared '8823.0' with '8823': the name was left unmatched without a word."""
    onet = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": onet_ids,
                         "task": ["Direct the budgets of the organization.", "Hire staff."]})
    older = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": older_ids, "task": ["Direct budgets."]})
    out = anthropic.match_tasks(pd.Series(["direct budgets."]), onet, older)
    assert out[["task_id", "match"]].values.tolist() == [["8823", "task_id"]]
    assert out.attrs["unmatched"] == []
