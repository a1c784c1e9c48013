"""Round 33: the reproduction report (``reports.reproduction``) and the sources report (``reports.sources``).

Faults found (each test below failed before its fix):

1. ``reproduce_occ_level``: published codes in another form than O*NET-SOC
   (``13-1021`` as SOC 2018, ``131021.00`` without the dash, the number ``131021``,
   ``' 13-1021.00'`` padded) matched none of ours, silently: ``n_matched`` 0 and
   ``max_abs_diff`` NaN on every row (all codes so), or an "unmatched occupation" that
   was ours. Refused now, naming the row and the column, with the form expected.
2. ``reproduce_occ_level``: published occupations none of which is among the labels'
   (another split), or a published table without rows, gave six rows of ``n_matched`` 0
   and ``max_abs_diff`` NaN, written as an empty cell: a reproduction that compared
   nothing looked like one without a difference. Refused now.
3. ``reproduce_occ_level``: a published score outside 0-1 (a table on the 0-100 scale,
   ``83.3``, or ``-0.1``) was compared as it came (``max_abs_diff`` 82.5), where the
   published file's reader refuses it. Refused now, naming row and column.
4. ``reproduce_occ_level`` and ``workforce_shares``: a column given twice (``human_beta``
   or ``beta`` twice) was refused as ``not a number: array([0.1, 0.83], dtype=object)``;
   ``onetsoc_code`` twice raised pandas' ``ValueError: Cannot construct a Series from a
   DataFrame``. Refused now, naming the column.
5. ``coverage_table`` with no occupation set or no OEWS release (an empty dict) raised
   ``KeyError: "None of [Index(['oews_emp', ...])] are in the [columns]"``.
6. ``sources.validate_sources`` with ``onet_releases`` naming a release twice
   (``["29.1", "29.1"]``) loaded it twice: its row counts were listed twice in the counts
   (and ``validate_row_counts.csv``), its failures reported twice.
7. ``sources.validate_sources`` with a mirror that is not a directory (a file, a path
   that does not exist) and ``on_error``: every one of the 13 sources failed with the same
   error, ``on_error`` called 13 times (``exposure validate`` checks it once). Refused
   once now, before any source is read.
8. ``sources.coverage_figures`` with a key that is not one of the forms
   ``validate_sources`` gives (``()``, ``("oews",)``, ``1``) raised ``IndexError`` /
   ``TypeError``; an OEWS frame whose flag or employment columns are text
   (``"False"``, ``"300"``) raised ``ValueError: invalid literal for int() ...
   'FalseFalse'`` / ``TypeError: unsupported operand type(s) for /: 'str' and 'str'``.
   A flag that is not True or False, or an employment that is not a number (``"3oo"``),
   is refused now, naming the key, row and column; numbers given as text are added.

Tiny made-up frames and folders written by the tests.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError, ExposureError
from exposure.reports import reproduction, sources


def _labels() -> pd.DataFrame:
    return pd.DataFrame({
        "onetsoc_code": ["13-1021.00", "13-1021.00", "15-1252.00"], "task_id": [1, 2, 3],
        "task_type": ["Core", "Supplemental", "Core"], "human_exposure_agg": ["E1", "E2", "E0"],
        "gpt4_exposure": ["E2", "E2", "E1"]})


def _published(**changes) -> pd.DataFrame:
    ref = pd.DataFrame({
        "onetsoc_code": ["13-1021.00", "15-1252.00"],
        "human_alpha": [2 / 3, 0.0], "human_beta": [2.5 / 3, 0.0], "human_gamma": [1.0, 0.0],
        "gpt4_alpha": [0.0, 1.0], "gpt4_beta": [0.5, 1.0], "gpt4_gamma": [1.0, 1.0]})
    return ref.assign(**changes)


# ---------------------------------------------------------------------------------------
# 1.-4. reproduce_occ_level
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("codes, match", [
    (["13-1021.00", "15-1252"], r"^occ_level, row 2, column 'onetsoc_code': not an O\*NET-SOC code \(like "
                                r"11-1011\.00\): '15-1252': a SOC code\? an O\*NET-SOC code has a two-digit suffix: "
                                r"write '15-1252\.00' \(the SOC occupation itself\) or the O\*NET-SOC code meant"),
    (["131021.00", "15-1252.00"], r"^occ_level, row 1, column 'onetsoc_code': not an O\*NET-SOC code .*'131021\.00'"),
    ([131021, 151252], r"^occ_level, row 1, column 'onetsoc_code': not an O\*NET-SOC code .*'131021'"),
    ([" 13-1021.00", "15-1252.00"], r"^occ_level, row 1, column 'onetsoc_code': not an O\*NET-SOC code .*' 13-1021\.00'"),
])
def test_published_codes_in_another_form_are_refused_not_unmatched(codes, match):
    with pytest.raises(DataFormatError, match=match):
        reproduction.reproduce_occ_level(_labels(), _published(onetsoc_code=codes))


@pytest.mark.parametrize("published, match", [
    (_published(onetsoc_code=["11-1011.00", "11-2011.00"]),
     r"^occ_level: none of its 2 occupations is among the 2 occupations of the labels \(first: '11-1011\.00'\)"),
    (_published().iloc[:0], r"^occ_level has no rows: no published occupation to compare with"),
])
def test_a_reproduction_that_compares_nothing_is_refused(published, match):
    with pytest.raises(DataFormatError, match=match):
        reproduction.reproduce_occ_level(_labels(), published)


def test_some_unmatched_published_occupations_are_still_counted():
    extra = pd.concat([_published(), _published().iloc[:1].assign(onetsoc_code="99-9999.00")])
    rep = reproduction.reproduce_occ_level(_labels(), extra)
    assert (rep["n_occupations"] == 3).all() and (rep["n_matched"] == 2).all()
    assert rep["max_abs_diff"].max() < 1e-15


@pytest.mark.parametrize("value, match", [
    (83.33, r"^occ_level, row 1, column 'human_beta': human_beta must be a share of tasks from 0 to 1, got 83\.33 "
            r"\(scores on a 0-100 scale\? divide them by 100\)"),
    (-0.1, r"^occ_level, row 1, column 'human_beta': human_beta must be a share of tasks from 0 to 1, got -0\.1$"),
])
def test_a_published_score_outside_0_1_is_refused_not_compared(value, match):
    with pytest.raises(DataFormatError, match=match):
        reproduction.reproduce_occ_level(_labels(), _published(human_beta=[value, 0.0]))


def test_published_scores_as_text_are_still_read():
    rep = reproduction.reproduce_occ_level(_labels(), _published(human_beta=[str(2.5 / 3), "0"]))
    assert rep["max_abs_diff"].max() < 1e-15 and (rep["n_matched"] == 2).all()


@pytest.mark.parametrize("column", ["human_beta", "onetsoc_code"])
def test_a_published_column_given_twice_is_refused(column):
    frame = _published()
    frame.insert(1, column, frame[column], allow_duplicates=True)
    with pytest.raises(DataFormatError, match=rf"^occ_level, column '{column}': given more "
                                              r"than once: keep one"):
        reproduction.reproduce_occ_level(_labels(), frame)


def test_workforce_shares_column_given_twice_is_refused():
    soc = pd.DataFrame([[0.1, 0.2, 1.0]], columns=["beta", "beta", "tot_emp"])
    with pytest.raises(DataFormatError, match=r"^soc_scores, column 'beta': given more than once"):
        reproduction.workforce_shares(soc, "beta")


# ---------------------------------------------------------------------------------------
# 5. coverage_table of nothing
# ---------------------------------------------------------------------------------------

XW = pd.DataFrame({"onetsoc_code": ["13-1021.00"], "soc_code": ["13-1021"]})
EMP = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["13-1021", "15-1252"],
                    "o_group": "detailed", "tot_emp": [1.0, 3.0]})
OCC = pd.DataFrame({"onetsoc_code": ["13-1021.00"], "alpha": [0.1], "beta": [0.2], "gamma": [0.3], "n_tasks": [2]})


@pytest.mark.parametrize("sets, employments, match", [
    ({}, {"2025": EMP}, r"^occupation_sets is empty: give at least one set of occupation scores"),
    ({"x": OCC}, {}, r"^employments is empty: give at least one OEWS release"),
])
def test_coverage_table_of_nothing_is_refused(sets, employments, match):
    with pytest.raises(DataFormatError, match=match):
        reproduction.coverage_table(sets, XW, employments)


def test_coverage_table_unchanged():
    row = reproduction.coverage_table({"x": OCC}, XW, {"2025": EMP}).iloc[0]
    assert row["share"] == 0.25 and row["covered_emp"] == 1 and row["oews_emp"] == 4


# ---------------------------------------------------------------------------------------
# 6.-7. validate_sources: a release twice, a mirror that is not one
# ---------------------------------------------------------------------------------------

def test_validate_sources_refuses_a_release_named_twice(tmp_path):
    (tmp_path / "m").mkdir()
    seen = []
    with pytest.raises(ExposureError, match=r"^onet_releases names O\*NET release '29\.1' twice"):
        sources.validate_sources(onet_releases=["29.1", "29.1"], mirror=tmp_path / "m", data_dir=tmp_path / "c",
                                 on_error=lambda label, exc: seen.append(label))
    assert seen == []


@pytest.mark.parametrize("kind, what", [("file", "is not a directory"), ("absent", "does not exist")])
def test_validate_sources_refuses_a_mirror_that_is_not_one_once(tmp_path, kind, what):
    mirror = tmp_path / "mirror"
    if kind == "file":
        mirror.write_text("x")
    seen = []
    with pytest.raises(ExposureError, match=rf"mirror directory '{mirror}' \(from --mirror/mirror=\) {what}"):
        sources.validate_sources(onet_releases=(), mirror=mirror, data_dir=tmp_path / "c",
                                 on_error=lambda label, exc: seen.append(label))
    assert seen == []


def test_validate_sources_empty_mirror_still_reports_each_source(tmp_path):
    (tmp_path / "m").mkdir()
    seen = []
    counts, _ = sources.validate_sources(onet_releases=(), mirror=tmp_path / "m", data_dir=tmp_path / "c",
                                         on_error=lambda label, exc: seen.append(label))
    assert seen[:2] == ["onet_to_soc", "soc_structure"] and len(counts) == 0
    assert counts.attrs["failed"] == seen


# ---------------------------------------------------------------------------------------
# 8. coverage_figures: keys it cannot place, text where numbers or flags are counted
# ---------------------------------------------------------------------------------------

FLAGS = ["tot_emp_not_released", "a_mean_not_released", "a_mean_top_coded", "any_top_coded"]


def _emp(**changes):
    return pd.DataFrame({"occ_code": ["11-1011", "13-1020"], "o_group": "detailed", "tot_emp": [300.0, 100.0],
                         **dict.fromkeys(FLAGS, False)}).assign(**changes)


@pytest.mark.parametrize("key", [(), ("oews",), 1, ("onet",)])
def test_coverage_figures_refuses_a_key_it_cannot_place(key):
    with pytest.raises(DataFormatError, match=r"^loaded has the key .+: expected \('onet', RELEASE\), "
                                              r"\('crosswalks', NAME\) or \('oews', RELEASE, TABLE\)"):
        sources.coverage_figures({key: _emp()})


@pytest.mark.parametrize("changes, match", [
    ({"any_top_coded": ["False", "False"]},
     r"^loaded\[\('oews', '2025', 'cross_industry'\)\], row 1, column 'any_top_coded': expected True or False, "
     r"got 'False'"),
    ({"tot_emp": ["3oo", "100"]},
     r"^loaded\[\('oews', '2025', 'cross_industry'\)\], row 1, column 'tot_emp': not a number: '3oo'"),
])
def test_coverage_figures_refuses_text_it_would_count(changes, match):
    cw = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "soc_code": ["11-1011"]})
    with pytest.raises(DataFormatError, match=match):
        sources.coverage_figures({("crosswalks", "onet_to_soc"): cw, ("oews", "2025", "cross_industry"): _emp(**changes)})


def test_coverage_figures_adds_employment_given_as_text():
    cw = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "soc_code": ["11-1011"]})
    fig = sources.coverage_figures({("crosswalks", "onet_to_soc"): cw,
                                    ("oews", "2025", "cross_industry"): _emp(tot_emp=["300", "100"])})
    assert fig.set_index("figure")["value"]["share of detailed employment with a direct SOC match"] == 0.75


def test_coverage_figures_unchanged_with_missing_employment():
    cw = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "soc_code": ["11-1011"]})
    fig = sources.coverage_figures({("crosswalks", "onet_to_soc"): cw,
                                    ("oews", "2025", "cross_industry"): _emp(tot_emp=[300.0, np.nan]),
                                    ("crosswalks", "soc_structure"): pd.DataFrame()})
    assert fig.set_index("figure")["value"]["share of detailed employment with a direct SOC match"] == 1.0
