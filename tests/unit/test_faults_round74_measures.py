"""Fault round 74: ``to_isco``, ``compare.to_oews_codes`` and the reproduction report.

1. ``exposure.measures.ilo.to_isco(soc_scores, counts=())`` of SOC scores with a
   ``tot_emp`` column (``data/processed/soc_scores.parquet``) averaged the employment as a
   measure, without a word: ISCO-08 group ``2512``, holding the 100 workers of
   ``15-1252`` and half of the 50 of ``15-1253``, was returned with ``tot_emp`` 83.33 (a
   weighted mean of 100 and 50, read as its workers), ``2519`` with 50 for 25. Now
   employment that is no count is no measure either: it is left out of the default
   ``values`` (documented); ``values=[..., "tot_emp"]`` still gives its weighted mean.
2. ``to_isco`` of SOC scores merged with an OEWS file, whose employment column is
   ``TOT_EMP`` (OEWS's own header), did not split it (the default ``counts`` looked for
   ``tot_emp`` only): it was averaged as a measure, ``TOT_EMP`` 83.33 and 50 for 125 and
   25. Now employment in any case or spacing is the default count, split (125 and 25,
   the total preserved) and read as OEWS writes it (``**`` is missing, with the warning).
3. ``exposure.measures.compare.to_oews_codes(frame, ["m", "m"], ...)`` said ``frame, row
   1, column 'm': not a number: array([0.2, 0.2], dtype=object)``, as if the values were
   text. Now ``columns names 'm' twice``, in the words ``compare`` and ``correlations``
   use for a measure named twice.
4. ``exposure.reports.reproduction.workforce_shares(soc_scores, "tot_emp")`` said
   ``soc_scores, row 2, column 'tot_emp': tot_emp must be a fraction from 0 to 1, got 2.0
   (scores on a 0-100 scale? divide them by 100)``: advice to divide the employment by
   100, after which it returned shares of workers weighted by themselves; ``"soc_code"``
   said ``row 1, column 'soc_code': not a number: '11-1011'``. Now both are refused as
   what they are: ``measure 'tot_emp' is the employment column of soc_scores, not a
   measure: give the column of the measure (alpha, beta or gamma)``.
5. A choice of the measure readers given in another case was told the choices only, not
   what to write, as the library's other choices are told (``choice_hint``):
   ``felten.load_felten("LM")`` (and the three other readers of a Felten variant) said
   ``variant must be one of ['aioe', 'ig', 'lm'], not 'LM'``,
   ``anthropic.load_anthropic("V2")`` ``release must be one of ['v1', 'v2', 'v3'], not
   'V2'``, ``compare.correlation_matrix(corr, "Spearman")`` ``stat must be one of
   pearson, spearman, pearson_emp, spearman_emp, got 'Spearman'``. Now each adds ``: write
   'lm' (the choices are case-sensitive)``; following it works.
6. ``to_isco(soc_scores, values=["beta"])`` of SOC scores holding ``tot_emp`` twice (two
   tables concatenated side by side) raised ``AttributeError: 'DataFrame' object has no
   attribute 'dtype'``: the default count was not checked for a repeat when ``values`` was
   given. Now ``soc_scores, column 'tot_emp': column 'tot_emp' appears more than once``,
   as without ``values``.
"""

from __future__ import annotations

import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.measures import anthropic, compare, felten
from exposure.measures.compare import to_oews_codes
from exposure.measures.ilo import to_isco
from exposure.reports import reproduction

SOC = pd.DataFrame({"soc_code": ["15-1252", "15-1253"], "beta": [0.6, 0.4], "tot_emp": [100.0, 50.0]})
LINKS = pd.DataFrame({"source_code": ["15-1252", "15-1253", "15-1253"], "target_code": ["2512", "2512", "2519"],
                      "crosswalk_weight": [1.0, 0.5, 0.5]})


# 1 ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("counts", [(), []])
def test_1_to_isco_without_counts_does_not_average_employment(counts):
    out = to_isco(SOC, links=LINKS, counts=counts)
    assert list(out.columns) == ["isco08_code", "beta", "crosswalk_weight", "n_sources"]
    assert out["beta"].round(6).tolist() == [0.533333, 0.4]
    # its weighted mean when asked for by name; split by default
    named = to_isco(SOC, links=LINKS, counts=counts, values=["beta", "tot_emp"])
    assert named["tot_emp"].round(4).tolist() == [83.3333, 50.0]
    assert to_isco(SOC, links=LINKS)["tot_emp"].tolist() == [125.0, 25.0]


# 2 ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["TOT_EMP", "Tot Emp"])
def test_2_to_isco_splits_employment_under_oews_header(name):
    out = to_isco(SOC.rename(columns={"tot_emp": name}), links=LINKS)
    assert out[name].tolist() == [125.0, 25.0]
    assert out[name].sum() == SOC["tot_emp"].sum()
    assert out["beta"].round(6).tolist() == [0.533333, 0.4]


def test_2_to_isco_oews_header_read_as_oews_writes_it(caplog):
    soc = SOC.rename(columns={"tot_emp": "TOT_EMP"}).assign(TOT_EMP=["1,000", "**"])
    out = to_isco(soc, links=LINKS)
    assert out["TOT_EMP"].tolist()[0] == 1000.0
    assert pd.isna(out["TOT_EMP"].tolist()[1])
    assert "TOT_EMP is missing for 1 of the 2 SOC codes ('15-1253' on row 2)" in caplog.text


# 3 ---------------------------------------------------------------------------------------

def test_3_to_oews_codes_column_named_twice():
    frame = pd.DataFrame({"soc_code": ["31-1122", "31-1121", "11-1011"], "m": [0.2, 0.4, 0.9]})
    with pytest.raises(DataFormatError, match=r"^columns names 'm' twice$"):
        to_oews_codes(frame, ["m", "m"], ["31-1120", "11-1011"])
    with pytest.raises(DataFormatError, match=r"^columns must be a list of column names, got str 'm': write \['m'\]$"):
        to_oews_codes(frame, "m", ["31-1120", "11-1011"])
    out = to_oews_codes(frame, ["m"], ["31-1120", "11-1011"])
    assert out.set_index("soc_code")["m"].round(6).to_dict() == {"11-1011": 0.9, "31-1120": 0.3}


# 4 ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("measure", "what"), [("tot_emp", "employment"), ("soc_code", "code")])
def test_4_workforce_shares_of_employment_or_codes_refused(measure, what):
    soc = pd.DataFrame({"soc_code": ["11-1011", "11-1021", "11-2011"], "beta": [0.1, 0.5, 0.7],
                        "tot_emp": [1.0, 2.0, 3.0]})
    with pytest.raises(DataFormatError, match=rf"^measure '{measure}' is the {what} column of soc_scores, not a "
                                              r"measure: give the column of the measure \(alpha, beta or gamma\)$"):
        reproduction.workforce_shares(soc, measure)
    assert reproduction.workforce_shares(soc, "beta")["covered_emp"] == 6.0


# 5 ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("call", "given", "meant"), [
    (lambda v: felten.load_felten(v, mirror="/nonexistent", data_dir="/nonexistent"), "LM", "lm"),
    (lambda v: felten.load_felten_industries(v, mirror="/nonexistent", data_dir="/nonexistent"), "Aioe", "aioe"),
    (lambda v: felten.read_felten_occupations("x.xlsx", v), "IG", "ig"),
    (lambda v: felten.read_felten_industries("x.xlsx", v), "Lm", "lm"),
    (lambda v: anthropic.load_anthropic(v, mirror="/nonexistent", data_dir="/nonexistent"), "V2", "v2"),
])
def test_5_reader_choice_in_another_case_told_what_to_write(call, given, meant):
    with pytest.raises(DataFormatError, match=rf"^\w+ must be one of \[.*\], not '{given}': write '{meant}' "
                                              r"\(the choices are case-sensitive\)$"):
        call(given)


def test_5_correlation_matrix_stat_in_another_case():
    table = pd.DataFrame({"soc_code": ["11-1011", "11-1021", "11-2011", "13-2011"], "a": [0.1, 0.5, 0.7, 0.2],
                          "b": [0.2, 0.4, 0.9, 0.1], "tot_emp": [1.0, 2.0, 3.0, 4.0]})
    corr = compare.correlations(table, ["a", "b"])
    with pytest.raises(DataFormatError, match=r"^stat must be one of pearson, spearman, pearson_emp, spearman_emp, "
                                              r"got 'Spearman': write 'spearman' \(the choices are case-sensitive\)$"):
        compare.correlation_matrix(corr, "Spearman")
    assert compare.correlation_matrix(corr, "spearman").columns.tolist() == ["measure", "a", "b"]


# 6 ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["tot_emp", "TOT_EMP"])
def test_6_to_isco_employment_twice_with_values(name):
    soc = pd.DataFrame([["15-1252", 0.6, 100.0, 100.0], ["15-1253", 0.4, 50.0, 50.0]],
                       columns=["soc_code", "beta", name, name])
    with pytest.raises(DataFormatError, match=rf"^soc_scores, column '{name}': given more than once: keep one$"):
        to_isco(soc, links=LINKS, values=["beta"])
