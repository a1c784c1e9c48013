"""Fault round 22: ``exposure.measures.compare`` and the shared crosswalk / reading helpers.

1. Employment weights too large to add up (three occupations of 1e308 workers, each a
   finite number the checks accept): ``weighted_pearson`` and ``weighted_spearman``
   returned NaN for measures that correlate (the sum of the weights overflowed, every
   normalised weight was 0), and ``compare`` stopped on pandera's ``MeasureCoverage
   validation failed ... check not_nullable: nan`` for ``emp_share``. Now the weights are
   scaled first (the correlation does not depend on their scale), and an employment whose
   total overflows is refused, naming ``employment`` and ``tot_emp``.
2. An employment frame holding the total (``00-0000``, the first row of an OEWS file) or a
   group beside its codes (``15-1250`` beside ``15-1252``, ``15-0000``): those workers
   were counted twice, every ``emp_share`` of ``compare`` and ``coverage`` halved without
   a word. Now refused, naming the row and column and the code it includes.
3. ``apply_links`` on scores whose codes are read as numbers and text (``1110`` and
   ``'1110'``, as a spreadsheet column gives them): both were averaged into the targets,
   one occupation counted twice. A missing code was read as the code ``'nan'``: dropped as
   unmatched without a word, or "none of the 1 codes matches the crosswalk (e.g. nan)".
   Now both refused, naming the row and column.
4. Crosswalk links given to ``apply_links`` (``to_isco(links=...)``, ``ilo_to_soc``): a
   link given twice had its weight counted twice (employment split to ISCO groups added up
   to more than the total, 225 of 150 workers); a missing ``crosswalk_weight`` was dropped
   from the mean without a word, a negative one made the score NaN. Now refused, naming
   ``links``, the row and the column.
5. Links whose codes are numbers (ISCO groups as ``int64``, read from a spreadsheet):
   pandas' ``ValueError: You are trying to merge on str and int64 columns``. Now the
   codes are read as text, as :func:`links_from_pairs` reads them.
6. Scores of 1e308 averaged by ``apply_links``: a mean of ``inf`` from finite scores; a
   count (employment split to ISCO groups by ``to_isco``) adding up past the largest float:
   ``inf`` without a word. Now the mean is right, and the count is refused, naming the
   target code and column.
7. ``compare(measures=["webb_ai", "webb_ai"])``: loaded once without a word (``correlations``
   refuses a name given twice); ``compare(key_measures=["a", "a"])`` was refused as
   ``measures names 'a' twice``, an argument the caller did not give. Now both refused,
   naming the argument.
"""

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.measures import compare as cmp
from exposure.measures._common import check_employment
from exposure.measures._crosswalk import apply_links
from exposure.measures.ilo import ilo_to_soc, to_isco

CODES = ["11-1011", "15-1252", "43-9021", "53-3032"]


def _measures():
    a = pd.DataFrame({"soc_code": CODES, "a": [0.3, 0.9, 0.8, 0.1]})
    b = pd.DataFrame({"soc_code": CODES, "b": [0.2, 0.7, 0.9, 0.5]})
    return {"a": a, "b": b}


# 1. overflowing weights


def test_weighted_pearson_weights_whose_sum_overflows():
    x, y = [1, 2, 3, 4], [1, 2, 4, 3]
    big = cmp.weighted_pearson(x, y, [1e308, 1e308, 1e308, 1.0])
    assert big == pytest.approx(cmp.weighted_pearson(x[:3], y[:3]), abs=1e-9)


def test_weighted_spearman_weights_whose_sum_overflows():
    assert cmp.weighted_spearman([1, 2, 3, 4], [1, 2, 4, 3], [1e308, 1e308, 1e308, 1.0]) == pytest.approx(1.0)


def test_compare_employment_total_overflows():
    emp = pd.DataFrame({"soc_code": CODES, "tot_emp": [1e308, 1e308, 1e308, 1.0]})
    with pytest.raises(DataFormatError, match=r"^employment, column 'tot_emp': tot_emp adds up to more than"):
        cmp.compare(measures=[], employment=emp, loaded=_measures())


def test_coverage_employment_total_overflows():
    emp = pd.DataFrame({"soc_code": CODES, "tot_emp": [1e308, 1e308, 1e308, 1.0]})
    m = pd.DataFrame({"soc_code": CODES, "value": [0.1, 0.2, 0.3, 0.4]})
    with pytest.raises(DataFormatError, match="tot_emp adds up to more than"):
        cmp.coverage(m, emp)


# 2. employment holding a total or a group beside its codes


def test_compare_employment_with_the_total_row():
    emp = pd.DataFrame({"soc_code": ["00-0000", *CODES], "tot_emp": [1000.0, 100, 200, 300, 400]})
    with pytest.raises(DataFormatError, match=r"^employment, row 1, column 'soc_code': '00-0000' \(all "
                                              r"occupations\) includes '11-1011' \(row 2\)"):
        cmp.compare(measures=[], employment=emp, loaded=_measures())


def test_coverage_employment_with_a_broad_group_beside_its_code():
    emp = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "15-1250"], "tot_emp": [100.0, 200, 200]})
    m = pd.DataFrame({"soc_code": ["11-1011", "15-1252"], "value": [0.1, 0.2]})
    with pytest.raises(DataFormatError, match=r"row 3, column 'soc_code': '15-1250' includes '15-1252' \(row 2\)"):
        cmp.coverage(m, emp)


def test_employment_with_a_major_group():
    emp = pd.DataFrame({"soc_code": ["15-0000", "11-1011", "15-1252"], "tot_emp": [200.0, 100, 200]})
    with pytest.raises(DataFormatError, match=r"row 1, column 'soc_code': '15-0000' includes '15-1252' \(row 3\)"):
        check_employment(emp)


def test_employment_oews_aggregates_still_pass():
    emp = pd.DataFrame({"soc_code": ["31-1120", "29-1210", "13-1020", "11-1011"], "tot_emp": [1.0, 2, 3, 4]})
    assert check_employment(emp)["tot_emp"].tolist() == [1.0, 2.0, 3.0, 4.0]


# 3. source codes as numbers and text, or missing

LINKS = pd.DataFrame({"source_code": ["1110", "2511"], "target_code": ["11-1011", "15-1252"],
                      "crosswalk_weight": [1.0, 1.0]})


def test_apply_links_code_as_number_and_as_text():
    scores = pd.DataFrame({"isco": pd.Series([1110, "1110", "2511"], dtype=object), "v": [0.2, 0.8, 0.5]})
    with pytest.raises(DataFormatError, match=r"^s\.csv, row 2, column 'isco': code '1110' appears more than once "
                                              r"\(rows 1 and 2\)"):
        apply_links(scores, LINKS, code="isco", values=["v"], path="s.csv")


def test_apply_links_missing_code_among_others():
    scores = pd.DataFrame({"isco": ["1110", None, "2511"], "v": [0.2, 0.8, 0.5]})
    with pytest.raises(DataFormatError, match=r"^s\.csv, row 2, column 'isco': code missing"):
        apply_links(scores, LINKS, code="isco", values=["v"], path="s.csv")


def test_apply_links_only_code_missing():
    scores = pd.DataFrame({"isco": [None], "v": [0.2]})
    with pytest.raises(DataFormatError, match=r"row 1, column 'isco': code missing"):
        apply_links(scores, LINKS, code="isco", values=["v"])


# 4. links given twice, or with a missing or negative weight

SOC = pd.DataFrame({"soc_code": ["15-1252", "15-1253"], "beta": [0.6, 0.4], "tot_emp": [100.0, 50.0]})


def test_to_isco_link_given_twice():
    links = pd.DataFrame({"source_code": ["15-1252", "15-1253", "15-1253", "15-1252"],
                          "target_code": ["2512", "2512", "2519", "2512"], "crosswalk_weight": [1.0, 0.5, 0.5, 1.0]})
    with pytest.raises(DataFormatError, match=r"^links, row 4, column 'target_code': the link '15-1252' -> '2512' "
                                              r"is given twice \(rows 1 and 4\)"):
        to_isco(SOC, links=links)


@pytest.mark.parametrize(("weight", "shown"), [(np.nan, "missing"), (-1.0, "-1.0")])
def test_apply_links_bad_weight(weight, shown):
    scores = pd.DataFrame({"c": ["A", "B"], "v": [1.0, 2.0]})
    links = pd.DataFrame({"source_code": ["A", "B"], "target_code": ["x", "x"], "crosswalk_weight": [1.0, weight]})
    with pytest.raises(DataFormatError, match=rf"^links, row 2, column 'crosswalk_weight': crosswalk_weight must be "
                                              rf"a number of 0 or more, got {shown}$"):
        apply_links(scores, links, code="c", values=["v"])


def test_apply_links_text_weight_refused_naming_row():
    scores = pd.DataFrame({"c": ["A", "B"], "v": [1.0, 2.0]})
    links = pd.DataFrame({"source_code": ["A", "B"], "target_code": ["x", "x"], "crosswalk_weight": [1.0, "half"]})
    with pytest.raises(DataFormatError, match=r"^links, row 2, column 'crosswalk_weight': not a number: 'half'"):
        apply_links(scores, links, code="c", values=["v"])


# 5. link codes given as numbers


def test_ilo_to_soc_links_with_number_codes():
    scores = pd.DataFrame({"isco08_code": ["2511", "2512"], "mean_score_2025": [0.4, 0.6],
                           "mean_score_2023": [0.3, 0.5], "gradient_level_2025": [2, 4]})
    links = pd.DataFrame({"source_code": [2511, 2511, 2512], "target_code": ["15-1211", "15-1252", "15-1252"],
                          "crosswalk_weight": [0.5, 0.5, 1.0]})
    out = ilo_to_soc(scores, links)
    assert out["soc_code"].tolist() == ["15-1211", "15-1252"]
    assert out["mean_score_2025"].round(4).tolist() == [0.4, 0.5333]


# 6. scores and counts too large to add up


def test_apply_links_mean_of_large_scores():
    scores = pd.DataFrame({"c": ["A", "B"], "v": [1e308, 1e308]})
    links = pd.DataFrame({"source_code": ["A", "B"], "target_code": ["x", "x"], "crosswalk_weight": [1.0, 1.0]})
    assert apply_links(scores, links, code="c", values=["v"])["v"].tolist() == [1e308]


def test_to_isco_employment_that_adds_up_to_more_than_a_float():
    soc = pd.DataFrame({"soc_code": ["15-1252", "15-1253"], "beta": [0.6, 0.4], "tot_emp": [1e308, 1e308]})
    links = pd.DataFrame({"source_code": ["15-1252", "15-1253"], "target_code": ["2512", "2512"],
                          "crosswalk_weight": [1.0, 1.0]})
    with pytest.raises(DataFormatError, match=r"^soc_scores, column 'tot_emp': the tot_emp of isco08_code '2512' adds up to more "
                                              r"than the largest number"):
        to_isco(soc, links=links)


# 7. a measure name given twice


def test_compare_measure_asked_twice():
    emp = pd.DataFrame({"soc_code": CODES, "tot_emp": [1.0, 2, 3, 4]})
    loaded = {"webb_ai": _measures()["a"].rename(columns={"a": "webb_ai"})}
    with pytest.raises(DataFormatError, match=r"^measures names 'webb_ai' twice$"):
        cmp.compare(measures=["webb_ai", "webb_ai"], employment=emp, loaded=loaded)


def test_compare_key_measure_given_twice_is_named_as_such():
    emp = pd.DataFrame({"soc_code": CODES, "tot_emp": [1.0, 2, 3, 4]})
    with pytest.raises(DataFormatError, match=r"^key_measures names 'a' twice$"):
        cmp.compare(measures=[], employment=emp, loaded=_measures(), key_measures=["a", "a"])
