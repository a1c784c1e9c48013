"""Fault round 65: crosswalks (``exposure.crosswalks``) and the Census occupation roll-up.

Found in this round (each test fails on the code before the fix):

1. :func:`exposure.rollup.to_census_occ` with the registered Census crosswalk (``crosswalk``
   left out) gave a scored O*NET-SOC code that the crosswalk lacks (``13-1199.01``, an
   O*NET-SOC 2010 code; a code of one's own such as ``11-1011.02``) a share of its OEWS
   code's workers, as if the crosswalk were cut to some Census codes (round 57): the
   codes the crosswalk lists lost that share, so the Census code's ``tot_emp`` came out
   too small (``0750``: 869,672 for 1,087,090, a fifth of ``13-1199``'s workers gone) and
   a Census code mixing OEWS codes got another mean (``0.436`` for ``0.4``), with only
   the warning that the code ``is not in the Census crosswalk``. The registered crosswalk
   lists every O*NET-SOC 2019 code, so such a code now takes no share (the result is
   that of the scores without it) and the warning says so: ``...: the registered
   crosswalk lists every O*NET-SOC 2019 code, so they are none (codes of another
   O*NET-SOC release, or of your own?) and are left out, taking no share of their OEWS
   code's workers``. A crosswalk given (one cut to some Census codes) weighs as before.
2. A frame indexed by one of the columns read (``set_index("onetsoc_code")``, the usual
   way to look codes up) was refused with advice that did not fit:
   ``to_census_occ`` / ``census_weights`` said of the crosswalk ``crosswalk lacks
   column(s) ['onetsoc_code'] (columns: ['census_occ']): read the file with
   exposure.crosswalks.read_census_crosswalk ...``; ``onet_to_soc_map`` ``...: read the
   file with read_onet_to_soc``; ``check_soc_structure`` (so ``soc_structure=`` of
   ``to_soc``, ``to_census_occ``, ``oews_code_map``) ``...: give the frame of
   exposure.crosswalks.read_soc_structure or load_soc_structure``; scores indexed by
   their code (``exposure.load("occupations").set_index("onetsoc_code")``) were ``scores
   need an onetsoc_code or a soc_code column``. Now, as the other roll-up frames say it:
   ``... 'onetsoc_code' is the index: reset_index() first``.
3. :func:`exposure.crosswalks.oews_code_map` put a SOC detailed code that ``oews_codes``
   lacked on the one OEWS aggregate of its broad group even when that aggregate is known
   not to hold it (:data:`~exposure.crosswalks.OEWS_AGGREGATES`: ``21-1018`` holds
   ``21-1011`` and ``21-1014``). Given the whole OEWS list that never happens, but
   :func:`~exposure.rollup.to_census_occ` maps the O*NET-SOC codes with the codes of the
   scores, and scores by OEWS code lacking some codes (``exposure.load("soc")`` cut to
   ``21-1012`` and ``21-1018``, a measure published for some occupations) gave the Census
   codes of ``21-1013``, ``21-1015`` and ``21-1019`` (marriage and family therapists,
   rehabilitation counselors, ...) the value of ``21-1018`` (substance abuse counselors)
   and split its 491,930 workers five ways instead of two (``tot_emp`` 98,386 for
   245,965 in ``2001`` and ``2004``), without a word. Now such a code is unmapped: those
   Census codes are unscored (the scores have no value for them) and the others get the
   rows of the whole scores. With the whole OEWS lists of May 2021-2025 every map (with
   and without the SOC structure) is as before.

Tiny made-up frames and files in the real formats, written by the tests.
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest

import exposure
from exposure import crosswalks
from exposure.crosswalks import check_soc_structure, oews_code_map, onet_to_soc_map
from exposure.errors import DataFormatError
from exposure.rollup import census_weights, to_census_occ

# 1. a scored code that the registered crosswalk lacks ---------------------------------------

#: Two children of 11-1011 and the buyers 13-1021.00 (in the OEWS aggregate 13-1020) share
#: Census code 0010; 11-1011.02 is no O*NET-SOC 2019 code.
SCORES = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00", "11-1011.02"],
                       "beta": [0.2, 0.4, 0.8, 0.9]})
REGISTERED = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"], "census_occ": "0010"})
EMP = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "tot_emp": [200.0, 50.0]})


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_code_the_registered_crosswalk_lacks_takes_no_share(monkeypatch, caplog):
    monkeypatch.setattr(crosswalks, "load_census_crosswalk", lambda **where: REGISTERED.copy())
    with caplog.at_level(logging.WARNING, logger="exposure"):
        row = to_census_occ(SCORES, employment=EMP).set_index("census_occ").loc["0010"]
    # before: 11-1011.02 took a third of 11-1011's workers: beta 0.436, tot_emp 183.3
    assert (row["beta"], row["tot_emp"], row["n_onet"]) == (pytest.approx(0.4), 250.0, 3)
    assert _warnings(caplog) == [
        "1 O*NET-SOC code of the scores is not in the registered Census crosswalk (e.g. '11-1011.02'), so its "
        "scores count for no Census code: it lists every O*NET-SOC 2019 code, so it is none (a code of another "
        "O*NET-SOC release, or of your own?) and takes no share of its OEWS code's workers; give it as the "
        "O*NET-SOC 2019 code it stands for (e.g. '11-1011.00')"]
    pd.testing.assert_frame_equal(to_census_occ(SCORES.iloc[:3], employment=EMP),
                                  to_census_occ(SCORES, employment=EMP))
    # a crosswalk given (one cut to some Census codes) gives the codes it lacks their share, as before
    cut = to_census_occ(SCORES.iloc[:3], REGISTERED.iloc[:1], EMP).set_index("census_occ").loc["0010"]
    assert (cut["beta"], cut["tot_emp"]) == (0.2, 100.0)


def test_an_o_net_soc_2010_code_leaves_the_workers_of_the_registered_codes(shared_data, tmp_path):
    where = {"mirror": shared_data, "data_dir": tmp_path / "cache"}
    occ = exposure.load("occupations")
    energy_auditors = occ[occ["onetsoc_code"] == "13-1199.05"].assign(onetsoc_code="13-1199.01")  # O*NET-SOC 2010
    full = to_census_occ(occ, **where).set_index("census_occ")
    more = to_census_occ(pd.concat([occ, energy_auditors], ignore_index=True), **where).set_index("census_occ")
    assert full.loc["0750", "tot_emp"] == 1087090.0  # before: 869,672 with the 2010 code
    pd.testing.assert_frame_equal(more, full)


# 2. a frame indexed by a column read ------------------------------------------------------------

XW = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "census_occ": ["0010"]})
OCC = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "beta": [0.2]})
ONE_EMP = pd.DataFrame({"soc_code": ["11-1011"], "tot_emp": [100.0]})


@pytest.mark.parametrize("call", [lambda xw: to_census_occ(OCC, xw, ONE_EMP), lambda xw: census_weights(xw, ONE_EMP)])
def test_census_crosswalk_indexed_by_its_code_is_said_to_be(call):
    with pytest.raises(DataFormatError) as info:
        call(XW.set_index("onetsoc_code"))
    assert str(info.value) == ("crosswalk lacks column(s) ['onetsoc_code'] (columns: ['census_occ']); "
                               "'onetsoc_code' is the index: reset_index() first")
    # the file read with pd.read_csv keeps its advice
    with pytest.raises(DataFormatError, match=r"\): read the file with exposure.crosswalks.read_census_crosswalk"):
        call(XW.rename(columns={"census_occ": "cps_code"}))


@pytest.mark.parametrize("scores, key", [(OCC, "onetsoc_code"),
                                         (pd.DataFrame({"soc_code": ["11-1011"], "beta": [0.2]}), "soc_code")])
def test_census_scores_indexed_by_their_code_are_said_to_be(scores, key):
    with pytest.raises(DataFormatError) as info:
        to_census_occ(scores.set_index(key), XW, ONE_EMP)
    assert str(info.value) == (f"scores lacks column(s) ['{key}'] (columns: ['beta']); '{key}' is the index: "
                               "reset_index() first")  # before: scores need an onetsoc_code or a soc_code column


def test_onet_to_soc_map_of_a_crosswalk_indexed_by_its_code_is_said_to_be():
    cw = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "soc_code": ["11-1011"]})
    with pytest.raises(DataFormatError) as info:
        onet_to_soc_map(cw.set_index("onetsoc_code"))
    assert str(info.value) == ("crosswalk lacks column(s) ['onetsoc_code'] (columns: ['soc_code']): 'onetsoc_code' "
                               "is the index: reset_index() first")  # before: read the file with read_onet_to_soc


def test_soc_structure_indexed_by_its_code_is_said_to_be():
    structure = pd.DataFrame({"soc_code": ["11-1011"], "level": ["detailed"], "broad_code": ["11-1010"]})
    with pytest.raises(DataFormatError) as info:
        check_soc_structure(structure.set_index("soc_code"))
    assert str(info.value) == ("soc_structure lacks column(s) ['soc_code'] (columns: ['level', 'broad_code']): "
                               "'soc_code' is the index: reset_index() first")
    with pytest.raises(DataFormatError, match=r"'soc_code', 'level' are the index: reset_index\(\) first$"):
        to_census_occ(OCC, XW, ONE_EMP, soc_structure=structure.set_index(["soc_code", "level"]))


# 3. scores by OEWS code lacking some codes of a broad group that holds an aggregate ------------

#: SOC 2018 detailed codes of the broad group 21-1010; OEWS publishes 21-1011 and 21-1014 in
#: the aggregate 21-1018 and the others on their own.
COUNSELORS = ["21-1011", "21-1012", "21-1013", "21-1014", "21-1015", "21-1019"]
SOME_SOC = pd.DataFrame({"soc_code": ["21-1012", "21-1018"], "beta": [0.4, 0.3], "tot_emp": [300.0, 500.0]})
ALL_SOC = pd.DataFrame({"soc_code": ["21-1012", "21-1013", "21-1015", "21-1018", "21-1019"],
                        "beta": [0.4, 0.7, 0.6, 0.3, 0.5], "tot_emp": [300.0, 60.0, 90.0, 500.0, 30.0]})
COUNSELORS_XW = pd.DataFrame({"onetsoc_code": [f"{c}.00" for c in COUNSELORS],
                              "census_occ": ["2001", "2002", "2003", "2004", "2005", "2006"]})


def test_oews_code_map_puts_no_code_on_an_aggregate_that_does_not_hold_it():
    out = oews_code_map(COUNSELORS, ["21-1012", "21-1018"]).set_index("soc_code")
    # before: 21-1013, 21-1015 and 21-1019 went to 21-1018 too (aggregate)
    assert out["occ_code"].fillna("none").to_dict() == {
        "21-1011": "21-1018", "21-1012": "21-1012", "21-1013": "none", "21-1014": "21-1018", "21-1015": "none",
        "21-1019": "none"}
    # the whole OEWS list maps as before
    whole = oews_code_map(COUNSELORS, ALL_SOC["soc_code"]).set_index("soc_code")["how"]
    assert whole.to_dict() == {"21-1011": "aggregate", "21-1012": "exact", "21-1013": "exact",
                               "21-1014": "aggregate", "21-1015": "exact", "21-1019": "exact"}


@pytest.mark.parametrize("structure", [None, pd.DataFrame({"soc_code": COUNSELORS, "level": "detailed",
                                                           "broad_code": "21-1010"})])
def test_census_codes_of_oews_codes_the_scores_lack_are_unscored(structure):
    cut = to_census_occ(SOME_SOC, COUNSELORS_XW, soc_structure=structure).set_index("census_occ")
    whole = to_census_occ(ALL_SOC, COUNSELORS_XW, soc_structure=structure).set_index("census_occ")
    # before: 2003, 2005, 2006 took the value of 21-1018 and 500 workers were split five ways
    assert cut["weighting"].to_dict() == {"2001": "employment", "2002": "employment", "2003": "none",
                                          "2004": "employment", "2005": "none", "2006": "none"}
    assert cut.loc["2001", "tot_emp"] == 250.0
    pd.testing.assert_frame_equal(cut.loc[["2001", "2002", "2004"]], whole.loc[["2001", "2002", "2004"]])


def test_some_oews_codes_of_the_shipped_scores_give_the_rows_of_the_whole(shared_data, tmp_path):
    where = {"mirror": shared_data, "data_dir": tmp_path / "cache"}
    soc = exposure.load("soc")
    whole = to_census_occ(soc, **where).set_index("census_occ")
    cut = to_census_occ(soc[soc["soc_code"].isin(["21-1012", "21-1018"])], **where).set_index("census_occ")
    assert cut.loc["2001", "tot_emp"] == 245965.0  # before: 98,386 (21-1018's workers split five ways)
    pd.testing.assert_frame_equal(cut.loc[["2001", "2002", "2004"]], whole.loc[["2001", "2002", "2004"]])
    assert cut.loc[["2003", "2005"], "weighting"].tolist() == ["none", "none"]  # before: 21-1018's beta
