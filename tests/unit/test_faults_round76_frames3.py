"""Fault round 76 (third wave), frames named first: the frame (or file), then the column, once.

The rule of round 74: a frame error reads ``frame, row r, column 'c': reason`` (a file
error ``path, row r, column 'c': reason``), and never names the column twice.

1. **A measure written another way named the column before its frame, and named two
   columns as the column of the error.** ``to_sectors``, ``workforce_stats``, ``working_time``,
   ``to_soc`` and ``to_census_occ`` of a frame with ``Beta`` (``Share_E1``, ``A_MEAN``) said
   ``column 'Beta': soc_scores has the column 'beta' written 'Beta', which is not read: name
   it 'beta'`` (``column 'Share_E1': scores has the column 'share_e1' written 'Share_E1',
   ...``). Now the frame comes first and the column once: ``soc_scores, column 'Beta':
   'beta' written another way, which is not read: name it 'beta'``; the error's ``path`` is
   the frame's name, as the other errors of the roll-ups' frames (``measure_values``) have it.
   A frame without a name (``refuse_other_spelling(frame, None, ...)``) is told
   ``column 'Beta': 'beta' written another way, ...``.
2. **A collaboration without usage named the column before the frame, and the column
   twice.** ``anthropic_to_soc(None, collaboration, matches)`` of a collaboration read from a
   file without ``pct`` said ``column 'usage_share': collaboration has no usage_share (read
   from a file without a pct column?): ...``. Now: ``collaboration, column 'usage_share':
   missing on every row (read from a file without a pct column?): the automation and
   augmentation of a code are means weighted by the usage of its tasks; give the file with
   pct``, as the frame's other errors (``collaboration, row 1, column 'usage_share': ...``).
3. **A processed table with a column stored twice named the column twice.** ``exposure.load``
   and ``figures.read_results`` said ``p/soc_scores.parquet, column 'beta': column 'beta'
   appears twice (columns 4 and 21); a processed table has each column once``. Now:
   ``p/soc_scores.parquet, column 'beta': the column appears twice (columns 4 and 21); a
   processed table has each column once``, as the outcomes' frames say it (round 77: in the
   library's one wording, ``... column 'beta': given more than once in the Parquet schema
   (columns 4 and 21): keep one``).
4. **``to_soc`` of scores that reach no OEWS code named the column before the frame.**
   Scores none of whose codes is in the crosswalk said ``column 'onetsoc_code': none of the
   2 O*NET-SOC codes of occupation_scores (e.g. '15-1132.00') is in onet_to_soc ...``; an
   employment of other codes ``column 'occ_code': none of the 2 SOC codes that onet_to_soc
   gives the scored occupations (e.g. '11-1011') is an OEWS occupation code of the
   employment frame ...``. Now the frame of the column comes first, and is not named again:
   ``occupation_scores, column 'onetsoc_code': none of the 2 O*NET-SOC codes (e.g.
   '15-1132.00') is in onet_to_soc ...``, ``employment frame, column 'occ_code': ... is an
   OEWS occupation code of this frame or in one of its aggregates ...``.
5. **``to_census_occ(..., measures=["Beta"])`` of a column ``beta`` named the column
   twice, before the frame:** ``column 'beta': measures names 'Beta', which scores lacks;
   it has the column 'beta': write 'beta' in measures``. Now: ``scores, column 'beta':
   measures names it 'Beta': write 'beta' in measures`` (the advice, followed, is read).
"""

from __future__ import annotations

import re

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from _frames import COLLAB, crosswalk, employment, occupation_scores, soc_scores, write_csv

import exposure
from exposure.errors import DataFormatError
from exposure.measures import anthropic
from exposure.rollup import to_census_occ, to_sectors, to_soc, workforce_stats
from exposure.rollup._soc import refuse_other_spelling

NATIONAL = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011", "13-1020"],
                         "o_group": "detailed", "tot_emp": [100.0, 50.0]})

CENSUS = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"],
                       "census_occ": ["0010", "0010", "0710"]})
CENSUS_EMP = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "tot_emp": [100.0, 50.0]})


def _once(said: str, column: str) -> None:
    """Assert that ``said`` names ``column 'column'`` once."""
    assert said.count(f"column {column!r}") == 1, said


# 1. a measure written another way: the frame first, the column once
@pytest.mark.parametrize("call, frame, column, meant", [
    (lambda: to_sectors(soc_scores().rename(columns={"beta": "Beta"}), employment()), "soc_scores", "Beta",
     "beta"),
    (lambda: workforce_stats(soc_scores(tot_emp=[100.0, 50.0], A_MEAN=[9e4, 8e4])), "soc_scores", "A_MEAN",
     "a_mean"),
    (lambda: to_soc(occupation_scores(Share_E1=[0.1, 0.2, 0.3]), crosswalk(), employment()), "occupation_scores",
     "Share_E1", "share_e1"),
    (lambda: to_census_occ(occupation_scores().drop(columns="n_tasks").assign(Share_E1=[0.1, 0.2, 0.3]), CENSUS,
                           CENSUS_EMP), "scores", "Share_E1", "share_e1"),
    (lambda: to_census_occ(occupation_scores()[["onetsoc_code", "beta"]].rename(columns={"beta": "Beta"}), CENSUS,
                           CENSUS_EMP, measures=["beta"]), "scores", "Beta", "beta"),
])
def test_1_a_measure_written_another_way_names_the_frame_first(call, frame, column, meant):
    with pytest.raises(DataFormatError) as err:
        call()
    said = str(err.value)
    assert said == (f"{frame}, column {column!r}: {meant!r} written another way, which is not read: "
                    f"name it {meant!r}")
    assert (err.value.path, err.value.column) == (frame, column)
    _once(said, column)


def test_1_a_frame_without_a_name():
    with pytest.raises(DataFormatError) as err:
        refuse_other_spelling(pd.DataFrame(columns=["soc_code", "Beta"]), None, "beta")
    assert str(err.value) == "column 'Beta': 'beta' written another way, which is not read: name it 'beta'"


# 2. a collaboration without usage: the frame first, the column once
def test_2_a_collaboration_without_usage_names_the_frame_first(tmp_path):
    path = write_csv(tmp_path, COLLAB.removesuffix(",pct\n") + "\na,0.5,0.1,0.1,0.2,0.1,0\n", "c.csv")
    collab = anthropic.read_task_collaboration(path)
    matches = pd.DataFrame({"task_name": ["a"], "onetsoc_code": ["11-1011.00"], "task_id": ["1"], "split": [1.0]})
    with pytest.raises(DataFormatError) as err:
        anthropic.anthropic_to_soc(None, collab, matches)
    said = str(err.value)
    assert said.startswith("collaboration, column 'usage_share': missing on every row (read from a file without "
                           "a pct column?): ")
    assert said.endswith("; give the file with pct")
    _once(said, "usage_share")
    assert said.count("usage_share") == 1
    # the usage given: read as before
    out = anthropic.anthropic_to_soc(None, collab.assign(usage_share=[0.5]), matches)
    assert out["soc_code"].tolist() == ["11-1011"]


# 3. a processed table with a column stored twice: the column named once
def test_3_a_column_stored_twice_is_named_once(tmp_path):
    folder = tmp_path / "p dir"
    folder.mkdir()
    path = folder / "soc_scores.parquet"
    beta = pa.array([0.1, 0.2])
    pq.write_table(pa.Table.from_arrays([pa.array(["11-1011", "13-1020"]), beta, pa.array([1.0, 2.0]), beta],
                                        names=["soc_code", "beta", "tot_emp", "beta"]), path)
    with pytest.raises(DataFormatError) as err:
        exposure.load("soc_scores", directory=folder, validate=False)
    said = str(err.value)
    assert re.fullmatch(rf"{re.escape(str(path))}, column 'beta': given more than once in the Parquet schema "
                        r"\(columns 2 and 4\): keep one", said), said
    _once(said, "beta")


# 4. to_soc of scores that reach no OEWS code: the frame of the column first, not named again
def test_4_scores_outside_the_crosswalk_name_their_frame_first():
    occ = occupation_scores(onetsoc_code=["15-1132.00", "15-1133.00", "15-1134.00"])
    with pytest.raises(DataFormatError) as err:
        to_soc(occ, crosswalk(), NATIONAL)
    said = str(err.value)
    assert said.startswith("occupation_scores, column 'onetsoc_code': none of the 3 O*NET-SOC codes (e.g. "
                           "'15-1132.00') is in onet_to_soc (O*NET-SOC 2019 codes expected, e.g. ")
    assert said.count("occupation_scores") == 1 and err.value.path == "occupation_scores"


def test_4_an_employment_of_other_codes_names_its_frame_first():
    emp = NATIONAL.assign(occ_code=["15-1132", "15-1133"])  # SOC 2010 codes: none is reached
    with pytest.raises(DataFormatError) as err:
        to_soc(occupation_scores(), crosswalk(), emp)
    said = str(err.value)
    assert said.startswith("employment frame, column 'occ_code': none of the ")
    assert " is an OEWS occupation code of this frame or in one of its aggregates " in said
    assert said.count("employment frame") == 1


# 5. a measure named in another case: the frame first, the column once
def test_5_a_measure_named_in_another_case_names_the_frame_first():
    scores = occupation_scores().drop(columns="n_tasks")[["onetsoc_code", "beta"]]
    with pytest.raises(DataFormatError) as err:
        to_census_occ(scores, CENSUS, CENSUS_EMP, measures=["Beta"])
    said = str(err.value)
    assert said == "scores, column 'beta': measures names it 'Beta': write 'beta' in measures"
    _once(said, "beta")
    out = to_census_occ(scores, CENSUS, CENSUS_EMP, measures=["beta"])  # the advice followed: read
    assert out["beta"].notna().all()
