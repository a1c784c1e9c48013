"""Fault round 69, published measures: codes written another way in the frames given to the crosswalks, the employment's titles.

1. ``felten.felten_to_soc(scores, links)`` with a ``soc10_code`` written another way beside
   codes that match: ``151133`` (a spreadsheet saved the code as a number), ``111011`` (an
   int), ``15-1133.00`` (an O*NET-SOC code), ``2011-11-01`` (a code read as a date). Before:
   the code matched no link and was left out, listed in ``attrs["unmatched"]`` only (an INFO
   line): ``15-1252`` took the score of ``15-1132`` alone (1.0 instead of 1.5). Now:
   ``scores, row 2, column 'soc10_code': not a SOC 2010 code (like 11-1011): '151133': a
   number? a spreadsheet may have saved the code as one; write it as text`` (the file named
   with ``path=``), as ``read_felten_occupations`` words it. A SOC 2010 code without a link
   is still left out (``attrs["unmatched"]``), and codes none of which matches still say so.
2. ``webb.webb_to_soc(scores, occ_to_onet, onet_to_soc)`` with a pair of ``occ_to_onet``
   whose ``onetsoc_code`` is no O*NET-SOC code (``13-2011``: a SOC code; ``banana``) or
   missing, or whose ``occ1990dd`` is none (``7a``); a score whose ``occ1990dd`` is none
   (``8.5``). Before: the pair linked nothing (occ1990dd 7's weight went to its other
   O*NET-SOC code: ``13-2011`` got nothing, ``15-1252`` 0.467 instead of 0.4), the score was
   left out (``attrs["unmatched"]``), without a word. Now: ``occ_to_onet, row 2, column
   'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): '13-2011'`` (``missing O*NET-SOC
   code``; ``column 'occ1990dd': not an occ1990dd code: '7a'``; ``scores, row 2, column
   'occ1990dd': not an occ1990dd code: '8.5'``). A pair without an ``occ1990dd`` (an O*NET
   code Dorn's crosswalk does not link) is left out as before.
3. ``compare.compare(employment=...)`` with the titles under ``Title`` (another case), or
   with ``title`` twice (``pd.concat`` of two tables holding it; ``title`` and ``Title``).
   Before: ``Title`` was left out without a word (the disagreement table without titles);
   two ``title`` columns raised ``titles must be a Series or a dict of titles by SOC code (or
   None), got DataFrame``, an argument the caller did not give. Now: ``Title`` is read as
   ``title`` (the caller's frame is not renamed); ``employment, column 'title': given more
   than once: keep one`` (``... given more than once (columns 3 and 4, written 'title' and
   'Title'): keep one``).
"""

from __future__ import annotations

import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.measures import compare, felten, webb

# 1. Felten scores with a code written another way -------------------------------------------

F_LINKS = pd.DataFrame({"source_code": ["15-1132", "15-1133", "11-1011"],
                        "target_code": ["15-1252", "15-1252", "11-1011"], "crosswalk_weight": [1.0, 1.0, 1.0]})
F_SCORES = pd.DataFrame({"soc10_code": ["15-1132", "15-1133", "11-1011"], "title": ["a", "b", "c"],
                         "aioe": [1.0, 2.0, 3.0]})


@pytest.mark.parametrize("row, code, said", [
    (2, "151133", r"'151133': a code saved as a number\? write it as text with its hyphen: '15-1133'$"),
    (2, "15-1133.00", r"'15-1133\.00'"),
    (3, 111011, r"'111011': a code saved as a number\? write it as text with its hyphen: '11-1011'$"),
    (3, pd.Timestamp("2011-11-01"), r"'2011-11-01 00:00:00': a date\? a spreadsheet read the code 11-2011 as one"),
])
def test_felten_to_soc_refuses_a_code_written_another_way(row, code, said):
    scores = F_SCORES.astype({"soc10_code": object})
    scores.loc[row - 1, "soc10_code"] = code
    with pytest.raises(DataFormatError, match=rf"^scores, row {row}, column 'soc10_code': not a SOC 2010 code "
                                              rf"\(like 11-1011\): {said}"):
        felten.felten_to_soc(scores, F_LINKS)
    with pytest.raises(DataFormatError, match=rf"^lm\.xlsx, row {row}, column 'soc10_code': "):
        felten.felten_to_soc(scores, F_LINKS, path="lm.xlsx")
    # a SOC 2010 code without a link is still left out, in attrs["unmatched"]
    out = felten.felten_to_soc(F_SCORES.assign(soc10_code=["15-1132", "15-1133", "19-9999"]), F_LINKS)
    assert out.to_dict("list") == {"soc_code": ["15-1252"], "aioe": [1.5], "crosswalk_weight": [2.0],
                                   "n_sources": [2]}
    assert out.attrs["unmatched"] == ["19-9999"]
    # codes none of which matches: said as before
    with pytest.raises(DataFormatError, match=r"none of the 3 codes matches the crosswalk \(e\.g\. '111011'\)"):
        felten.felten_to_soc(F_SCORES.assign(soc10_code=["151132", "151133", "111011"]), F_LINKS)


# 2. Webb's crosswalk and scores with codes that are none ----------------------------------------

W_SCORES = pd.DataFrame({"occ1990dd": ["7", "8"], "webb_ai": [0.2, 0.6], "webb_software": [0.1, 0.1],
                         "webb_robot": [0.0, 0.0]})
W_PAIRS = pd.DataFrame({"onetsoc_code": ["15-1132.00", "13-2011.00", "15-1133.00"], "occ1990dd": ["7", "7", "8"]})
W_ONET = pd.DataFrame({"source_code": ["15-1132.00", "13-2011.00", "15-1133.00"],
                       "target_code": ["15-1252", "13-2011", "15-1252"], "crosswalk_weight": [1.0, 1.0, 1.0]})


@pytest.mark.parametrize("column, value, message", [
    # round 72: a SOC code is said to be one, with the O*NET-SOC code to write (_common.check_codes)
    ("onetsoc_code", "13-2011", r"not an O\*NET-SOC code \(like 11-1011\.00\): '13-2011': a SOC code\? an O\*NET-SOC "
                                r"code has a two-digit suffix: write '13-2011\.00' \(the SOC occupation itself\) or "
                                r"the O\*NET-SOC code meant"),
    ("onetsoc_code", "banana", r"not an O\*NET-SOC code \(like 11-1011\.00\): 'banana'"),
    ("onetsoc_code", None, r"missing O\*NET-SOC code"),
    ("occ1990dd", "7a", r"not an occ1990dd code: '7a'"),
    ("occ1990dd", -7, r"not an occ1990dd code: -7"),
])
def test_webb_to_soc_refuses_a_pair_whose_code_is_none(column, value, message):
    pairs = W_PAIRS.astype(object)
    pairs.loc[1, column] = value
    with pytest.raises(DataFormatError, match=rf"^occ_to_onet, row 2, column '{column}': {message}$"):
        webb.webb_to_soc(W_SCORES, pairs, W_ONET)


def test_webb_to_soc_refuses_a_score_whose_occ1990dd_is_none():
    with pytest.raises(DataFormatError, match=r"^scores, row 2, column 'occ1990dd': not an occ1990dd code: '8\.5'$"):
        webb.webb_to_soc(W_SCORES.assign(occ1990dd=["7", "8.5"]), W_PAIRS, W_ONET)
    with pytest.raises(DataFormatError, match=r"^scores, row 2, column 'occ1990dd': not an occ1990dd code: 1200$"):
        webb.webb_to_soc(W_SCORES.assign(occ1990dd=[7, 1200]), W_PAIRS, W_ONET)  # int64: not np.int64(1200)
    with pytest.raises(DataFormatError, match=r"^w\.csv, row 2, column 'occ1990dd': "):
        webb.webb_to_soc(W_SCORES.assign(occ1990dd=["7", "8.5"]), W_PAIRS, W_ONET, path="w.csv")
    # codes that are codes read as before
    expected = webb.webb_to_soc(W_SCORES, W_PAIRS, W_ONET)
    assert expected["soc_code"].tolist() == ["13-2011", "15-1252"]
    assert expected["webb_ai"].round(6).tolist() == [0.2, 0.466667]
    # codes as numbers (pd.read_csv of the files: 7, 4.0) read as before
    numeric = webb.webb_to_soc(W_SCORES.assign(occ1990dd=[7, 8]), W_PAIRS.assign(occ1990dd=[7.0, 7.0, 8.0]), W_ONET)
    pd.testing.assert_frame_equal(numeric, expected)
    # a pair without an occ1990dd links nothing, as before
    out = webb.webb_to_soc(W_SCORES, W_PAIRS.assign(occ1990dd=["7", None, "8"]), W_ONET)
    assert out["soc_code"].tolist() == ["15-1252"] and out["webb_ai"].tolist() == [0.4]


# 3. the employment's titles ---------------------------------------------------------------------

EMP = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021"], "tot_emp": [1.0, 2.0, 3.0],
                    "title": ["Chief Executives", "Software Developers", "Data Entry Keyers"]})
LOADED = {"a": pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021"], "a": [0.1, 0.2, 0.3]}),
          "b": pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021"], "b": [0.3, 0.1, 0.2]})}


def _disagreements(employment):
    return compare.compare(measures=[], employment=employment, loaded=LOADED, key_measures=["a", "b"]).disagreements


@pytest.mark.parametrize("name", ["Title", "TITLE", " title "])
def test_compare_reads_the_titles_of_the_employment_in_another_case(name):
    expected = _disagreements(EMP)
    assert expected["title"].tolist() == ["Chief Executives", "Software Developers", "Data Entry Keyers"]
    employment = EMP.rename(columns={"title": name})
    pd.testing.assert_frame_equal(_disagreements(employment), expected)
    assert list(employment.columns) == ["soc_code", "tot_emp", name]  # the caller's frame is not renamed


def test_compare_refuses_the_titles_of_the_employment_given_twice():
    twice = pd.concat([EMP, EMP[["title"]]], axis=1)
    with pytest.raises(DataFormatError, match=r"^employment, column 'title': given more than once: keep one$"):
        _disagreements(twice)
    with pytest.raises(DataFormatError, match=r"^employment, column 'title': given more than once "
                                              r"\(columns 3 and 4, written 'title' and 'Title'\): keep one$"):
        _disagreements(EMP.assign(Title=EMP["title"]))
