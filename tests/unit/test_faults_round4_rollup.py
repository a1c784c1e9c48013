"""Faults of the roll-ups beyond occupations and of ``exposure.load`` found in round 4.

Each test is a case that broke before (hunt 4, findings A2, A5, A6, B3, B4, B6, C1, C2):

- A2: a crosswalk whose index is named like one of its key columns (``set_index("soc_code",
  drop=False)``, ``rename_axis``) made ``to_soc`` / ``to_census_occ`` raise pandas'
  ``ValueError: 'soc_code' is both an index level and a column label``;
- A5: ``soc_structure=`` given a path or a raw ``pd.read_excel`` frame raised ``TypeError``
  / ``KeyError`` from inside;
- A6: ``load(["soc"])``, ``load(directory=5)``, ``load(store="x")``,
  ``to_sectors(level=["sector"])``, ``to_census_occ(mirror=5)`` raised ``TypeError`` /
  ``AttributeError`` from inside;
- B3: ``to_soc`` of an empty ``occupation_scores`` returned every OEWS code unscored;
- B4: codes padded with whitespace in ``occupation_scores`` or in the crosswalk were
  dropped by ``to_soc`` with (hundreds of) warnings that did not say why;
- B6: boolean measures were taken as 1.0 / 0.0;
- C1: a Census crosswalk whose ``census_occ`` was read as numbers (``10.0`` for ``0010``)
  failed only after computing, naming a 0-based row of the output;
- C2: codes in messages were not quoted, so whitespace around them was invisible.

Small hand-built frames; the tests on the real mirror are skipped without it.
"""

from __future__ import annotations

import logging
import pathlib
import warnings

import numpy as np
import pandas as pd
import pytest
from _frames import crosswalk as _xw
from _frames import employment as _emp
from _frames import occupation_scores as _occ
from _frames import soc_scores as _soc

import exposure
from exposure import crosswalks
from exposure.crosswalks import oews_code_map
from exposure.errors import DataFormatError, ExposureError
from exposure.rollup import census_weights, onet_to_oews, to_census_occ, to_sectors, to_soc
from exposure.rollup._soc import measure_values, national_detailed

CODES = ["11-1011.00", "11-1011.03", "13-1021.00", "15-1252.00"]
CXW = pd.DataFrame({"onetsoc_code": CODES, "census_occ": ["0010", "0010", "0010", "1021"]})
CEMP = pd.DataFrame({"soc_code": ["11-1011", "13-1020", "15-1252"], "tot_emp": [200.0, 50.0, 1000.0]})
COCC = pd.DataFrame({"onetsoc_code": CODES, "beta": [0.2, 0.4, 0.8, 0.9], "alpha": [0.1, 0.2, 0.3, 0.4]})
STRUCTURE = pd.DataFrame({"soc_code": ["11-1011", "13-1021"], "level": "detailed",
                          "broad_code": ["11-1010", "13-1020"]})


@pytest.fixture()
def no_crosswalk_load(monkeypatch):
    """Fail if the Census crosswalk is loaded: the arguments are refused before that."""

    def no_fetch(**kwargs):
        raise AssertionError("the crosswalk was loaded before the arguments were checked")

    monkeypatch.setattr(crosswalks, "load_census_crosswalk", no_fetch)


@pytest.fixture()
def no_computing(monkeypatch):
    """Fail if ``to_soc`` gets as far as its employment frame: the inputs are refused first."""
    import exposure.rollup._soc as soc_module

    def no_employment(employment):
        raise AssertionError("to_soc read the employment frame before refusing its inputs")

    monkeypatch.setattr(soc_module, "national_detailed", no_employment)


# ------------------------------------------------- A2: a crosswalk index named like a key column
@pytest.mark.parametrize("index", [
    lambda f: f.set_index("soc_code", drop=False),
    lambda f: f.rename_axis("soc_code"),
    lambda f: f.rename_axis("onetsoc_code"),
    lambda f: f.set_index(["onetsoc_code", "soc_code"], drop=False),
])
def test_to_soc_crosswalk_index_named_like_a_column(index):
    expected = to_soc(_occ(), _xw(), _emp())
    pd.testing.assert_frame_equal(to_soc(_occ(), index(_xw()), _emp()), expected)
    pd.testing.assert_frame_equal(to_soc(_occ(), index(_xw()), _emp(), combine="n_tasks"),
                                  to_soc(_occ(), _xw(), _emp(), combine="n_tasks"))
    links = onet_to_oews(_occ().set_index("onetsoc_code", drop=False), index(_xw()), ["11-1011", "13-1020"])
    pd.testing.assert_frame_equal(links, onet_to_oews(_occ(), _xw(), ["11-1011", "13-1020"]))


@pytest.mark.parametrize("index", [
    lambda f: f.set_index("onetsoc_code", drop=False),
    lambda f: f.rename_axis("census_occ"),
    lambda f: f.set_index("census_occ", drop=False),
])
@pytest.mark.parametrize("scores", [COCC, pd.DataFrame({"soc_code": ["11-1011", "13-1020", "15-1252"],
                                                        "beta": [0.3, 0.8, 0.9]})])
def test_to_census_occ_crosswalk_index_named_like_a_column(index, scores):
    expected = to_census_occ(scores, CXW, CEMP)
    pd.testing.assert_frame_equal(to_census_occ(scores, index(CXW), CEMP), expected)
    pd.testing.assert_frame_equal(census_weights(index(CXW), CEMP), census_weights(CXW, CEMP))


# ------------------------------------------------- A5: soc_structure is checked
@pytest.mark.parametrize("value, says", [
    ("/data/crosswalks/SOC_Structure.xlsx",
     "soc_structure must be a pandas DataFrame, got str '/data/crosswalks/SOC_Structure.xlsx': read the "
     "file with exposure.crosswalks.read_soc_structure(path) (or load_soc_structure())"),
    (pathlib.Path("SOC_Structure.xlsx"), "soc_structure must be a pandas DataFrame, got PosixPath"),
    (pd.DataFrame({"Major Group": ["11-0000"], "Minor Group": [None]}),
     "soc_structure lacks column(s) ['soc_code', 'level', 'broad_code'] (columns: ['Major Group', "
     "'Minor Group']): give the frame of exposure.crosswalks.read_soc_structure or load_soc_structure"),
    (STRUCTURE.drop(columns="level"), "soc_structure lacks column(s) ['level']"),
    (STRUCTURE.assign(level="Detailed"), "soc_structure has no row of level 'detailed'"),
    (STRUCTURE.assign(broad_code=["11-1010 ", "13-1020"]),
     "soc_structure, row 1, column 'broad_code': not a SOC code (like 11-1011): '11-1010 '"),
    (STRUCTURE.assign(soc_code=["11-1011", None]), "soc_structure, row 2, column 'soc_code': missing"),
])
def test_soc_structure_is_checked(value, says, no_crosswalk_load):
    for call in (lambda: to_soc(_occ(), _xw(), _emp(), soc_structure=value),
                 lambda: to_census_occ(COCC, soc_structure=value),
                 lambda: to_census_occ(COCC, CXW, CEMP, soc_structure=value),
                 lambda: oews_code_map(["11-1011"], ["11-1011"], value),
                 lambda: crosswalks.check_soc_structure(value)):
        with pytest.raises(DataFormatError) as info:
            call()
        assert str(info.value).startswith(says), str(info.value)


def test_soc_structure_valid_frames_still_work():
    # the minimal frame the documentation gives (soc_code, level, broad_code) and rows of
    # other levels, whose codes are not checked
    other = pd.DataFrame({"soc_code": ["11-0000", "11-1011.03"], "level": ["major", "onet"],
                          "broad_code": [None, "11-1010"]})
    for structure in (STRUCTURE, pd.concat([other, STRUCTURE], ignore_index=True),
                      STRUCTURE.set_index("soc_code", drop=False)):
        crosswalks.check_soc_structure(structure)
        pd.testing.assert_frame_equal(to_soc(_occ(), _xw(), _emp(), soc_structure=structure),
                                      to_soc(_occ(), _xw(), _emp()))
        pd.testing.assert_frame_equal(to_census_occ(COCC, CXW, CEMP, soc_structure=structure),
                                      to_census_occ(COCC, CXW, CEMP))
    crosswalks.check_soc_structure(None)


# ------------------------------------------------- A6: arguments of the wrong type
@pytest.mark.parametrize("call, says", [
    (lambda: exposure.load(["soc"]), "name must be a table name (str), got list ['soc']"),
    (lambda: exposure.load("soc", directory=5),
     "directory must be a directory path (str or os.PathLike), got int 5"),
    (lambda: exposure.load("soc", store="x"),
     "store must be an exposure.fetch.DataStore (e.g. DataStore.default()), got str 'x'"),
    (lambda: exposure._load.load_manifest(directory=5),
     "directory must be a directory path (str or os.PathLike), got int 5"),
    (lambda: exposure._load.tables_dir(store=5), "store must be an exposure.fetch.DataStore"),
])
def test_load_refuses_arguments_of_the_wrong_type(call, says):
    with pytest.raises(ExposureError) as info:
        call()
    assert str(info.value).startswith(says), str(info.value)


def test_load_still_takes_its_arguments():
    soc = exposure.load("soc")
    pd.testing.assert_frame_equal(exposure.load("soc", directory=exposure._load.processed_dir()), soc)
    pd.testing.assert_frame_equal(exposure.load("soc", directory=str(exposure._load.processed_dir())), soc)
    pd.testing.assert_frame_equal(exposure.load("soc", release="29.1"), soc)


@pytest.mark.parametrize("level", [["sector"], ("sector",), {"sector": 1}, 1, None])
def test_to_sectors_level_of_the_wrong_type(level):
    with pytest.raises(DataFormatError) as info:
        to_sectors(_soc(), _emp(), level=level)
    assert str(info.value) == f"unknown level {level!r}; expected 'sector' or 'subsector'"


@pytest.mark.parametrize("kw", [{"mirror": 5}, {"data_dir": 5}, {"mirror": ["/data"]}, {"data_dir": b"/x"}])
def test_to_census_occ_mirror_of_the_wrong_type(kw, no_crosswalk_load):
    name, value = next(iter(kw.items()))
    with pytest.raises(ExposureError) as info:
        to_census_occ(COCC, **kw)
    assert str(info.value) == (f"{name} must be a directory path (str or os.PathLike), "
                               f"got {type(value).__name__} {value!r}")


def test_crosswalk_loaders_refuse_a_mirror_of_the_wrong_type():
    with pytest.raises(ExposureError, match=r"^mirror must be a directory path \(str or os.PathLike\), got int 5$"):
        crosswalks.load_census_crosswalk(mirror=5)
    with pytest.raises(ExposureError, match=r"^data_dir must be a directory path"):
        crosswalks.load_onet_to_soc(data_dir=3.5)


# ------------------------------------------------- B3: to_soc of no occupation scores
@pytest.mark.parametrize("occ", [_occ().iloc[:0], _occ().iloc[:0].astype(object)])
def test_to_soc_refuses_empty_occupation_scores(occ, no_computing):
    with pytest.raises(DataFormatError) as info:
        to_soc(occ, _xw(), _emp())
    assert str(info.value) == "occupation_scores have no rows"



def test_to_soc_refuses_scores_without_any_value(no_computing):
    """Every measure missing in every row gave every OEWS code unscored, without a word."""
    occ = _occ(alpha=[np.nan] * 3, beta=[None] * 3, gamma=[np.nan] * 3)
    with pytest.raises(DataFormatError) as info:
        to_soc(occ, _xw(), _emp())
    assert str(info.value).startswith("occupation_scores have no value: every row is missing all of "
                                      "['alpha', 'beta', 'gamma'")

# ------------------------------------------------- B4: codes padded with whitespace
@pytest.mark.parametrize("occ, says", [
    (_occ(onetsoc_code=["11-1011.00", "11-1011.03 ", "13-1021.00"]),
     "occupation_scores, row 2, column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): '11-1011.03 ': "
     "spaces around the code: write '11-1011.03'"),
    (_occ(onetsoc_code=[" 11-1011.00", "11-1011.03", "13-1021.00"]),
     "occupation_scores, row 1, column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): ' 11-1011.00': "
     "spaces around the code: write '11-1011.00'"),
    (_occ(onetsoc_code=["11-1011.00", "11-1011.03", "13-1021"]),
     # with its hint since round 72 (first_bad_onetsoc_code says a SOC code is one)
     "occupation_scores, row 3, column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): '13-1021': a SOC "
     "code? an O*NET-SOC code has a two-digit suffix: write '13-1021.00' (the SOC occupation itself) or the "
     "O*NET-SOC code meant"),
    (_occ(onetsoc_code=["11-1011.00", "11-1011.03", "13-1021.00\n"]),
     "occupation_scores, row 3, column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): '13-1021.00\\n': "
     "a tab or a line break around the code: write '13-1021.00'"),
])
def test_to_soc_refuses_malformed_onetsoc_codes(occ, says, no_computing):
    with pytest.raises(DataFormatError) as info:
        to_soc(occ, _xw(), _emp())
    assert str(info.value) == says
    assert info.value.column == "onetsoc_code"


@pytest.mark.parametrize("xw, says", [
    (_xw(soc_code=["11-1011", "11-1011 ", "13-1021"]),
     "onet_to_soc, row 2, column 'soc_code': not a SOC code (like 11-1011): '11-1011 ': spaces around the code: "
     "write '11-1011'"),
    (_xw(soc_code=["11-1011", "11-1011", "131021"]),
     # with its hint since round 71 (first_bad_soc_code, as first_bad_onetsoc_code)
     "onet_to_soc, row 3, column 'soc_code': not a SOC code (like 11-1011): '131021': a code saved as a number? "
     "write it as text with its hyphen: '13-1021'"),
    (_xw(soc_code=["11-1011", None, "13-1021"]), "onet_to_soc, row 2, column 'soc_code': missing"),
    (_xw(onetsoc_code=["11-1011.00", "11-1011.03", "13-1021.00 "]),
     "onet_to_soc, row 3, column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): '13-1021.00 ': "
     "spaces around the code: write '13-1021.00'"),
    (_xw(onetsoc_code=["11-1011.00", np.nan, "13-1021.00"]),
     "onet_to_soc, row 2, column 'onetsoc_code': missing"),
])
def test_to_soc_refuses_malformed_crosswalk_codes(xw, says, no_computing):
    with pytest.raises(DataFormatError) as info:
        to_soc(_occ(), xw, _emp())
    assert str(info.value) == says
    with pytest.raises(DataFormatError) as info:
        onet_to_oews(_occ(), xw, ["11-1011", "13-1020"])
    assert str(info.value) == says


def test_to_soc_codes_of_other_types_still_work():
    expected = to_soc(_occ(), _xw(), _emp())
    for occ, xw in [(_occ().astype({"onetsoc_code": "category"}), _xw().astype("category")),
                    (_occ().astype({"onetsoc_code": "string[pyarrow]"}), _xw().astype("string")),
                    (_occ().astype({"onetsoc_code": object}), _xw().astype(object))]:
        pd.testing.assert_frame_equal(to_soc(occ, xw, _emp()), expected)


def test_to_census_occ_refuses_malformed_codes(no_crosswalk_load):
    with pytest.raises(DataFormatError) as info:
        to_census_occ(COCC.assign(onetsoc_code=[c + " " for c in CODES]))
    assert str(info.value) == ("scores, row 1, column 'onetsoc_code': not an O*NET-SOC code "
                               "(like 11-1011.00): '11-1011.00 ': spaces around the code: write '11-1011.00'")
    with pytest.raises(DataFormatError) as info:
        to_census_occ(pd.DataFrame({"soc_code": ["11-1011", "13-1020 "], "beta": [0.3, 0.8],
                                    "tot_emp": [1.0, 2.0]}))
    assert str(info.value) == ("scores, row 2, column 'soc_code': not a SOC code (like 11-1011): '13-1020 ': "
                               "spaces around the code: write '13-1020'")
    with pytest.raises(DataFormatError) as info:
        to_census_occ(COCC, CXW.assign(onetsoc_code=["11-1011.00", " 11-1011.03", *CODES[2:]]), CEMP)
    assert str(info.value) == ("crosswalk, row 2, column 'onetsoc_code': not an O*NET-SOC code "
                               "(like 11-1011.00): ' 11-1011.03': spaces around the code: write '11-1011.03'")


def test_real_padded_codes_are_refused(shared_data, caplog):
    occ = exposure.load("occupations")
    xw = crosswalks.load_onet_to_soc(mirror=shared_data)
    emp = exposure.load_oews("2025", "cross_industry", mirror=shared_data)
    with caplog.at_level(logging.INFO):
        with pytest.raises(DataFormatError, match=r"^onet_to_soc, row 1, column 'soc_code': not a SOC code "
                                                  r"\(like 11-1011\): '11-1011 ': spaces around the code: "
                                                  r"write '11-1011'$"):
            to_soc(occ, xw.assign(soc_code=xw["soc_code"] + " "), emp)
        with pytest.raises(DataFormatError, match=r"^occupation_scores, row 1, column 'onetsoc_code': not an "
                                                  r"O\*NET-SOC code \(like 11-1011.00\): '11-1011.00 ': spaces "
                                                  r"around the code: write '11-1011\.00'$"):
            to_soc(occ.assign(onetsoc_code=occ["onetsoc_code"] + " "), xw, emp)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    # the crosswalk's index named like its column (A2), on the real tables
    pd.testing.assert_frame_equal(to_soc(occ, xw.rename_axis("soc_code"), emp), to_soc(occ, xw, emp))


# ------------------------------------------------- B6: boolean measures
BOOLS = [
    (pd.Series([True, False, True]), 1, "True"),
    (pd.Series([0.2, True, 0.3], dtype=object), 2, "True"),
    (pd.Series([0.2, 0.6, np.False_], dtype=object), 3, "False"),
    (pd.Series([pd.NA, True, False], dtype="boolean"), 2, "True"),
    (pd.Series([None, None, False], dtype="bool[pyarrow]"), 3, "False"),
    (pd.Series(["0.2", True, "0.3"], dtype=object), 2, "True"),
]


@pytest.mark.parametrize("values, row, shown", BOOLS)
def test_measure_values_refuses_booleans(values, row, shown):
    with pytest.raises(DataFormatError) as info:
        measure_values(pd.DataFrame({"beta": values}), "soc_scores", ["beta"])
    assert str(info.value) == f"soc_scores, row {row}, column 'beta': not a number: {shown}"
    assert (info.value.row, info.value.column) == (row, "beta")


@pytest.mark.parametrize("values, row, shown", BOOLS)
def test_roll_ups_refuse_boolean_measures(values, row, shown):
    with pytest.raises(DataFormatError, match=rf"^occupation_scores, row {row}, column 'gamma': not a number: {shown}$"):
        to_soc(_occ(gamma=values), _xw(), _emp())
    with pytest.raises(DataFormatError, match=rf"^scores, row {row}, column 'beta': not a number: {shown}$"):
        to_census_occ(COCC.iloc[:3].assign(beta=values), CXW, CEMP)
    soc = pd.concat([_soc(), _soc(soc_code=["15-1252", "17-2011"])], ignore_index=True).iloc[:3]
    with pytest.raises(DataFormatError, match=rf"^soc_scores, row {row}, column 'alpha': not a number: {shown}$"):
        to_sectors(soc.assign(alpha=values), _emp())


def test_boolean_column_of_missing_values_only_stays_missing():
    out = measure_values(pd.DataFrame({"beta": pd.Series([pd.NA, pd.NA], dtype="boolean")}), "s", ["beta"])
    assert np.isnan(out).all()


# ------------------------------------------------- C1: census_occ read as numbers
@pytest.mark.parametrize("census_occ, says", [
    ([10.0, 10.0, 10.0, 1021.0],
     "crosswalk, row 1, column 'census_occ': not a 4-digit Census code: 10.0 (a number: read the column as "
     "text, e.g. pd.read_csv(..., dtype=str), so that '0010' keeps its leading zeros)"),
    (pd.array([10, 10, None, 1021], dtype="Int64"),
     "crosswalk, row 1, column 'census_occ': not a 4-digit Census code: 10 (a number: read the column as text"),
    ([1010.0, 1010.0, np.nan, 1021.0],
     "crosswalk, row 1, column 'census_occ': not a 4-digit Census code: 1010.0 (a number"),
    (["0010", "0010", "10", "1021"],
     "crosswalk, row 3, column 'census_occ': not a 4-digit Census code (like '0010'): '10' (leading zeros "
     "lost? read the column as text, e.g. pd.read_csv(..., dtype=str))"),
    (["0010", "0010", "0010", " 1021"],
     "crosswalk, row 4, column 'census_occ': not a 4-digit Census code (like '0010'): ' 1021'"),
    (pd.Series(["0010", "0010", 10, "1021"], dtype=object),
     "crosswalk, row 3, column 'census_occ': not a 4-digit Census code: 10 (a number"),
])
def test_census_occ_read_as_numbers_is_refused_up_front(census_occ, says, no_crosswalk_load, monkeypatch):
    import exposure.rollup._census as census_module

    def no_weights(*args, **kwargs):
        raise AssertionError("census_weights ran before the crosswalk was checked")

    monkeypatch.setattr(census_module, "census_weights", no_weights)
    with pytest.raises(DataFormatError) as info:
        to_census_occ(COCC, CXW.assign(census_occ=census_occ), CEMP)
    assert type(info.value) is DataFormatError  # not a SchemaError about the output table
    assert str(info.value).startswith(says), str(info.value)
    assert (info.value.column, info.value.path) == ("census_occ", "crosswalk")


def test_census_weights_refuses_numeric_census_codes():
    with pytest.raises(DataFormatError, match=r"^crosswalk, row 1, column 'census_occ': not a 4-digit Census code: 10\.0 \(a number"):
        census_weights(CXW.assign(census_occ=[10.0, 10.0, 10.0, 1021.0]), CEMP)


def test_census_codes_missing_or_as_text_still_work():
    expected = to_census_occ(COCC, CXW, CEMP)
    got = to_census_occ(COCC, CXW.astype({"census_occ": "category"}), CEMP)
    pd.testing.assert_frame_equal(got, expected)
    pd.testing.assert_frame_equal(to_census_occ(COCC, CXW.astype({"census_occ": "string[pyarrow]"}), CEMP),
                                  expected)
    # a missing Census code (the two "All Other" codes of the registered file) is allowed
    with_missing = pd.concat([CXW, pd.DataFrame({"onetsoc_code": ["51-8099.00"], "census_occ": [None]})],
                             ignore_index=True)
    pd.testing.assert_frame_equal(to_census_occ(COCC, with_missing, CEMP), expected)


def test_real_census_crosswalk_read_with_plain_read_csv(shared_data, no_crosswalk_load):
    raw = pd.read_csv(shared_data / "crosswalks" / "onet_to_census_occ2018.csv").rename(
        columns={"Code": "onetsoc_code", "cps_code": "census_occ"})
    with pytest.raises(DataFormatError, match=r"^crosswalk, row 1, column 'census_occ': not a 4-digit "
                                              r"Census code: 10\.0 \(a number: read the column as text"):
        to_census_occ(exposure.load("occupations"), raw)
    as_text = pd.read_csv(shared_data / "crosswalks" / "onet_to_census_occ2018.csv", dtype=str).rename(
        columns={"Code": "onetsoc_code", "cps_code": "census_occ"})
    registered = crosswalks.read_census_crosswalk(shared_data / "crosswalks" / "onet_to_census_occ2018.csv")
    occ = exposure.load("occupations")
    pd.testing.assert_frame_equal(to_census_occ(occ, as_text), to_census_occ(occ, registered))


# ------------------------------------------------- C2: codes in messages are quoted
def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_to_soc_unmatched_warning_quotes_the_code(caplog):
    occ = pd.concat([_occ(), _occ().iloc[:1].assign(onetsoc_code="15-1132.00")], ignore_index=True)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        to_soc(occ, _xw(), _emp())
    assert _warnings(caplog) == [
        "1 O*NET-SOC code of the scores is not in the crosswalk onet_to_soc (e.g. '15-1132.00'), so its scores "
        "count for no OEWS code, sector or worker: add it to the crosswalk, or give it as the O*NET-SOC 2019 code "
        "it stands for (the crosswalk's taxonomy, e.g. '11-1011.00')"]


def test_crosswalk_errors_quote_the_code():
    xw = pd.concat([_xw(), _xw().iloc[:1].assign(soc_code="11-1021")], ignore_index=True)
    two = (r"^onet_to_soc, row 4, column 'onetsoc_code': O\*NET-SOC code '11-1011.00' maps to two SOC codes "
           r"\('11-1011' in row 1, '11-1021' in row 4\)")
    with pytest.raises(DataFormatError, match=two):
        to_soc(_occ(), xw, _emp())
    emp = pd.concat([_emp(), _emp().iloc[:1]], ignore_index=True)
    with pytest.raises(DataFormatError, match=r"^employment frame, row \d+, column 'occ_code': duplicate cross-industry occupation code '11-1011'"):
        national_detailed(emp)


def test_oews_code_map_warning_quotes_the_code(caplog):
    with caplog.at_level(logging.WARNING, logger="exposure"):
        oews_code_map(["11-2021"], ["11-2022", "11-2023"])
    assert _warnings(caplog) == ["'11-2021': several OEWS aggregates in its broad group ['11-2022', '11-2023'], or "
                                 "SOC detailed codes missing from soc_codes (a crosswalk cut to some occupations?): "
                                 "without soc_structure they cannot be told apart, so it is left unmapped; give "
                                 "soc_structure (exposure.crosswalks.load_soc_structure()) or every SOC code"]


def test_to_census_occ_messages_quote_the_code(caplog):
    with pytest.raises(DataFormatError) as info:
        to_census_occ(COCC.assign(onetsoc_code=["15-1132.00", "15-1133.00", "15-1134.00", "15-1135.00"]),
                      CXW, CEMP)
    assert str(info.value) == ("scores, column 'onetsoc_code': none of the 4 O*NET-SOC codes is in the Census "
                               "crosswalk (O*NET-SOC 2019 codes expected, e.g. '11-1011.00')")
    with pytest.raises(DataFormatError, match=r"SOC 2018 expected, e.g. '11-1011'\)$"):
        to_census_occ(pd.DataFrame({"soc_code": ["15-1132", "15-1133"], "beta": [0.3, 0.8]}), CXW, CEMP)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        to_census_occ(pd.concat([COCC, COCC.iloc[:1].assign(onetsoc_code="15-1132.00")]), CXW, CEMP)
    assert _warnings(caplog) == [
        "1 O*NET-SOC code of the scores is not in the Census crosswalk given (e.g. '15-1132.00'), so its scores "
        "count for no Census code: add it to the crosswalk (unless you cut the crosswalk to some Census codes), or "
        "give it as the O*NET-SOC 2019 code it stands for (the crosswalk's taxonomy, e.g. '11-1011.00')"]


def test_to_sectors_messages_quote_the_codes(caplog):
    with caplog.at_level(logging.WARNING, logger="exposure"):
        to_sectors(_soc(soc_code=["15-1132", "15-1133"]), _emp())
    assert any("(e.g. '15-1132' is not)" in m for m in _warnings(caplog)), _warnings(caplog)
    emp = pd.concat([_emp(), _emp().iloc[[3]]], ignore_index=True)
    with pytest.raises(DataFormatError, match=r"^employment frame, row 6, column 'occ_code': duplicate sector cell: "
                       r"NAICS '11', occupation '11-1011' \(rows 4 and 6\): keep one row per "
                       r"industry and occupation$"):
        to_sectors(_soc(), emp)


def test_no_numpy_or_pandas_warning_leaks():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        to_soc(_occ(), _xw().rename_axis("soc_code"), _emp(), soc_structure=STRUCTURE)
        to_census_occ(COCC, CXW.set_index("onetsoc_code", drop=False), CEMP, soc_structure=STRUCTURE)
