"""Fault round 58: the published measures, ``exposure.measures.compare`` and ``exposure compare``.

1. A measure CSV read by ``exposure.measures._common.read_csv`` (Webb, Microsoft,
   Anthropic) took pandas' default missing tokens as empty cells: a percentile of
   ``#N/A`` (a spreadsheet's failed lookup, as Excel writes it to a CSV), ``NULL``,
   ``nan`` or ``None`` became a missing value, and the occupation dropped out of
   ``webb_ai`` (a completion of ``iwa_metrics.csv`` likewise) without a word, where the
   Felten and ILO workbooks refuse an error cell. Now only an empty cell is missing, as
   in the library's other file readers: ``webb.csv, row 3, column 'pct_ai': not a number:
   '#N/A'``.
2. ISCO-08 codes of crosswalk links given as numbers (a link table built from
   ``pd.read_csv("soc10_isco08.csv")``, whose ``isco08`` column is ``int64``: the armed
   forces' ``0110`` is ``110``; ``float64`` with a blank cell: ``2512.0``):
   ``ilo_to_soc(scores, links)`` left the armed forces' ``0110`` out, with a warning that
   it "has no SOC link"; ``to_isco(soc, links=...)`` returned the code ``'110'``, which
   matches no ILO score; float codes were ``none of the 3 codes matches the crosswalk
   (e.g. '0110')``, blaming the scores. Now link codes given as numbers are read as
   ``links_from_pairs`` reads them (``2512.0`` is ``2512``), and the ISCO-08 codes
   ``110``, ``210``, ``310`` are the armed forces' ``0110``, ``0210``, ``0310``, as the
   ILO and crosswalk readers read them.
3. ``webb.webb_to_soc(scores, occ_to_onet, onet_to_soc)`` with an occ1990dd crosswalk on
   O*NET-SOC 2019 codes (``15-1252.00``, a newer release) and the O*NET-SOC 2010 ->
   SOC 2018 links: those codes matched no link, so occ1990dd ``229`` left the result (an
   INFO line only) and ``15-1252`` took the score of another occupation, without a word.
   Now refused, as Felten's scores on SOC 2018 are: ``occ_to_onet, row 1, column
   'onetsoc_code': '15-1252.00' is an O*NET-SOC 2019 code ...``.
4. ``compare.drop_empty_measures`` said ``left out of the comparison`` also when ``exposure
   outcomes`` calls it; it takes ``what=`` now (``the outcomes``).
5. ``check_soc_scores`` (``exposure compare --ours``, ``exposure outcomes --soc-scores``)
   refused a ``beta`` of 40.0 without saying why a file holds it: now ``(scores on a
   0-100 scale? divide them by 100)``, as ``reproduce_occ_level`` says it.
6. The header check of ``exposure compare --ours`` is public as
   ``exposure.cli._compare.check_parquet_header`` (``exposure outcomes`` used it under its
   private name ``_check_header``, which still works).
"""

from __future__ import annotations

import io
import logging

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_faults_cli import cli, one_error_line

from exposure.errors import DataFormatError
from exposure.measures import compare as cmp
from exposure.measures import ilo, microsoft, webb
from exposure.measures._common import check_soc_scores

WEBB_HEAD = "occ1990dd,occ1990dd_title,lswt2010,pct_software,pct_robot,pct_ai\n"


# ------------------------------------------------------------------ 1. missing tokens
@pytest.mark.parametrize("token", ["#N/A", "NULL", "nan", "None", "<NA>"])
def test_a_webb_percentile_of_a_missing_token_is_refused(tmp_path, token):
    path = tmp_path / "webb.csv"
    path.write_text(WEBB_HEAD + "4,Chiefs,10.5,30,9,28\n7,Managers,12,40,8," + token + "\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as err:
        webb.read_webb(path)
    # round 77: a spreadsheet's error value is said to be one (the number hint)
    failed = (": a spreadsheet's error value (a formula that failed in the spreadsheet): correct the formula there, "
              "or leave the cell empty") if token == "#N/A" else ""
    assert str(err.value) == f"{path}, row 3, column 'pct_ai': not a number: {token!r}{failed}"
    # an empty cell is still a missing percentile
    frame = webb.read_webb(io.StringIO(WEBB_HEAD + "4,Chiefs,10.5,30,9,28\n7,Managers,12,40,8,\n"))
    assert frame["webb_ai"].isna().tolist() == [False, True]


def test_a_microsoft_completion_of_n_a_is_refused():
    text = ("IWA,share_user,share_ai,completion_user,completion_ai,impact_scope_user,impact_scope_ai\n"
            "4.A.1.a.1.I01,0.004,0.0001,#N/A,0.9,0.5,0.4\n")
    with pytest.raises(DataFormatError, match=r"<buffer>, row 2, column 'completion_user': not a number: '#N/A'"):
        microsoft.read_iwa_metrics(io.StringIO(text))


def test_a_title_written_na_is_a_title():
    text = "SOC Code,title,ai_applicability_score\n11-1011,None,0.1\n"
    assert microsoft.read_applicability(io.StringIO(text))["title"].tolist() == ["None"]


# ------------------------------------------------------------------ 2. ISCO link codes as numbers
ILO_SCORES = pd.DataFrame({"isco08_code": ["0110", "2512", "2511"], "mean_score_2025": [0.1, 0.6, 0.5],
                           "mean_score_2023": [0.1, 0.5, 0.4], "gradient_level_2025": [0, 4, 3]})


def test_ilo_to_soc_reads_isco_link_codes_given_as_integers(caplog):
    caplog.set_level(logging.WARNING)
    links = pd.DataFrame({"source_code": [110, 2512, 2511], "target_code": ["55-1011", "15-1252", "15-1251"],
                          "crosswalk_weight": [1.0, 1.0, 1.0]})
    out = ilo.ilo_to_soc(ILO_SCORES, links)
    assert out["soc_code"].tolist() == ["15-1251", "15-1252", "55-1011"]
    assert out["mean_score_2025"].tolist() == [0.5, 0.6, 0.1]
    assert out.attrs["unmatched"] == []
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_ilo_to_soc_reads_isco_link_codes_given_as_floats():
    links = pd.DataFrame({"source_code": [110.0, 2512.0, 2511.0], "target_code": ["55-1011", "15-1252", "15-1251"],
                          "crosswalk_weight": [1.0, 1.0, 1.0]})
    assert ilo.ilo_to_soc(ILO_SCORES, links)["soc_code"].tolist() == ["15-1251", "15-1252", "55-1011"]


def test_a_link_code_with_decimals_is_refused_naming_the_row():
    links = pd.DataFrame({"source_code": [2512.0, 2511.5], "target_code": ["15-1252", "15-1251"],
                          "crosswalk_weight": [1.0, 1.0]})
    with pytest.raises(DataFormatError, match=r"^links, row 2, column 'source_code': not a code: 2511.5 "):
        ilo.ilo_to_soc(ILO_SCORES, links)


def test_to_isco_gives_the_armed_forces_their_leading_zero():
    soc = pd.DataFrame({"soc_code": ["55-1011", "15-1252"], "beta": [0.1, 0.6], "tot_emp": [10.0, 20.0]})
    links = pd.DataFrame({"source_code": ["55-1011", "15-1252"], "target_code": [110, 2512],
                          "crosswalk_weight": [1.0, 1.0]})
    out = ilo.to_isco(soc, links=links)
    assert out["isco08_code"].tolist() == ["0110", "2512"]
    assert out["tot_emp"].tolist() == [10.0, 20.0]


# ------------------------------------------------------------------ 3. Webb on O*NET-SOC 2019
ONET10_TO_18 = pd.DataFrame({"source_code": ["11-1011.00", "15-1132.00", "15-1132.00"],
                             "target_code": ["11-1011", "15-1252", "15-1253"], "crosswalk_weight": [1.0, 0.5, 0.5]})
WEBB_SCORES = pd.DataFrame({"occ1990dd": ["229", "4"], "webb_ai": [0.5, 0.2], "webb_software": [0.9, 0.1],
                            "webb_robot": [0.0, 0.0]})


def test_webb_crosswalk_on_onet_soc_2019_codes_is_refused():
    pairs = pd.DataFrame({"onetsoc_code": ["11-1011.00", "15-1252.00", "15-1253.00"],
                          "occ1990dd": ["4", "229", "229"]})
    with pytest.raises(DataFormatError) as err:
        webb.webb_to_soc(WEBB_SCORES, pairs, ONET10_TO_18)
    assert str(err.value).startswith("occ_to_onet, row 2, column 'onetsoc_code': '15-1252.00' is an O*NET-SOC "
                                     "2019 code (SOC 2018 15-1252, no SOC 2010 code), not an O*NET-SOC 2010 code")
    # the same crosswalk on O*NET-SOC 2010 codes is read
    pairs = pd.DataFrame({"onetsoc_code": ["11-1011.00", "15-1132.00"], "occ1990dd": ["4", "229"]})
    out = webb.webb_to_soc(WEBB_SCORES, pairs, ONET10_TO_18)
    assert out["soc_code"].tolist() == ["11-1011", "15-1252", "15-1253"]
    assert out["webb_ai"].tolist() == [0.2, 0.5, 0.5]


# ------------------------------------------------------------------ 4. what= of drop_empty_measures
def test_drop_empty_measures_says_what_it_leaves_the_measure_out_of(caplog):
    caplog.set_level(logging.WARNING)
    frame = pd.DataFrame({"soc_code": ["11-1011"], "share_admin": [None], "beta": [0.4]})
    out, ours = cmp.drop_empty_measures(frame, ["share_admin", "beta"], "s.parquet", what="the outcomes")
    assert ours == ["beta"] and list(out.columns) == ["soc_code", "beta"]
    assert [r.getMessage() for r in caplog.records] == [
        "s.parquet, column 'share_admin': share_admin is missing in every row: left out of the outcomes"]


# ------------------------------------------------------------------ 5. scores in percent
def test_soc_scores_in_percent_are_told_to_divide():
    frame = pd.DataFrame({"soc_code": ["11-1011", "15-1252"], "beta": [40.0, 20.0]})
    with pytest.raises(DataFormatError) as err:
        check_soc_scores(frame, ["beta"])
    assert str(err.value) == ("soc_scores, row 1, column 'beta': beta is a share of tasks, from 0 to 1; got 40.0 "
                              "(scores on a 0-100 scale? divide them by 100)")
    # a value of no scale (negative) gets no hint
    frame = pd.DataFrame({"soc_code": ["11-1011", "15-1252"], "beta": [0.4, -0.2]})
    with pytest.raises(DataFormatError) as err:
        check_soc_scores(frame, ["beta"])
    assert str(err.value).endswith("got -0.2")


def test_compare_ours_in_percent_says_so(tmp_path, capsys):
    path = tmp_path / "pct.parquet"
    pd.DataFrame({"soc_code": ["11-1011", "15-1252"], "beta": [40.0, 20.0]}).to_parquet(path)
    code, _, err = cli(capsys, "compare", "--ours", path, "-o", tmp_path / "out")
    assert code == 2
    assert one_error_line(err, command="compare").endswith(
        "pct.parquet, row 1, column 'beta': beta is a share of tasks, from 0 to 1; got 40.0 (scores on a 0-100 "
        "scale? divide them by 100)")


# ------------------------------------------------------------------ 6. check_parquet_header
def test_the_parquet_header_check_is_public(tmp_path):
    from exposure.cli import _compare

    path = tmp_path / "dup.parquet"
    pq.write_table(pa.table([["11-1011"], [0.1], [0.2]], names=["soc_code", "beta", "beta"]), path)
    with pytest.raises(DataFormatError, match=r"column 'beta': given more than once in the Parquet schema \(columns 2 and 3\): keep one$"):
        _compare.check_parquet_header(path)
    assert "check_parquet_header" in _compare.__all__
