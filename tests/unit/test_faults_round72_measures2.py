"""Fault round 72, second pass on the published measures and ``exposure.measures.compare``.

1. A code of the other kind in a measure file's code column (an O*NET-SOC code
   ``11-1011.00`` in Microsoft's or Felten's ``SOC Code``, a SOC code ``11-1011`` in
   Webb's ``onetsoccode`` or Eloundou's ``O*NET-SOC Code``) was refused saying only what
   the column holds: ``app.csv, row 2, column 'SOC Code': not a SOC code (like 11-1011):
   '11-1011.00'``, without the code to write that the crosswalk readers give. Now the
   measure readers (``_common.check_codes``) say it: ``...: '11-1011.00': an O*NET-SOC
   code? a SOC code has no suffix: write '11-1011'``, and ``...: '11-1011': a SOC code? an
   O*NET-SOC code has a two-digit suffix: write '11-1011.00' (the SOC occupation itself)
   or the O*NET-SOC code meant``. An O*NET-SOC code pasted with an en dash
   (``11–1011.00``) in a SOC column was told ``write '11-1011.00'``, no SOC code either
   (following it gave the refusal above); now the dash is named without that advice.
2. A frame given indexed by its codes (``set_index("soc_code")``, as one looks codes up)
   was refused as lacking ``soc_code`` without a word of the index, e.g. ``employment,
   column 'soc_code': missing column(s) ['soc_code'] (columns are ['tot_emp'])``, by
   ``compare`` (``employment``, ``loaded``, ``soc_scores``), ``coverage``, ``correlations`` (its weight),
   ``disagreements``, ``to_oews_codes``, ``check_soc_scores``, ``ilo.to_isco`` and the
   figures' ``by_major_group``. Now each message ends ``; 'soc_code' is the index:
   reset_index() first``, as the crosswalk and O*NET checks say it; following it works.
3. ``compare(loaded={name: frame})`` given a measure as :func:`load_measure` returns it
   (long: ``soc_code``, ``measure``, ``value``) was refused as ``measure
   'felten_lm_aioe', column 'felten_lm_aioe': missing column(s) ['felten_lm_aioe']
   (columns are ['soc_code', 'measure', 'value', ...])``, without a word of the layout;
   and ``coverage`` given a measure as ``compare`` takes it (``soc_code`` and a column
   named as the measure) as ``measure lacks column(s) ['value']``. Now the first says the
   frame is a long table and to give ``frame.rename(columns={'value': name})`` (of one
   ``measure`` when it holds several), the second to give ``column=`` the measure's
   column; following either gives the result of the registry's measure.
4. ``compare`` and ``coverage`` given an OEWS table as pandas reads BLS's files (a
   ``TOT_EMP`` holding ``**``, employment not released, in ``pd.read_excel`` of a
   workbook, or ``1,234`` in a CSV saved with thousands separators) refused it: ``employment,
   row 2, column 'tot_emp': not a number: '**'``, although ``check_employment`` says
   ``**`` is missing and the roll-up's employment readers (``to_sectors``,
   ``workforce_stats``) read both. Now ``**`` (and BLS's other special values) is missing
   and ``1,234`` is 1234, as the roll-up reads them; other text (``0,5``, ``n/a``) is
   still refused.

Tiny files in the real formats written by the tests, and the real mirror
(``EXPOSURE_MIRROR``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.measures import _common, compare, eloundou, felten, ilo, microsoft, webb
from exposure.reports.figures import by_major_group


def _mirror() -> Path:
    """The real mirror of the published files (``EXPOSURE_MIRROR``, relative in CI)."""
    return Path(os.environ["EXPOSURE_MIRROR"]).resolve()


def _copy(source: str, path: Path, edit) -> Path:
    """``path`` holding the header and first rows of the mirror file ``source``, ``edit`` applied to row 2."""
    lines = (_mirror() / source).read_text(encoding="utf-8-sig").splitlines()
    path.write_text("\n".join([lines[0], edit(lines[1]), *lines[2:6]]) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------
# 1. a code of the other kind in a measure file
# ---------------------------------------------------------------------------------------

APPLICABILITY = "reference/microsoft_working_with_ai/soc_ai_applicability_scores.csv"


def test_microsoft_onet_soc_code_is_told_the_soc_code_to_write(tmp_path):
    path = _copy(APPLICABILITY, tmp_path / "app scores.csv", lambda line: line.replace("11-1011", "11-1011.00", 1))
    with pytest.raises(DataFormatError) as info:
        microsoft.read_applicability(path)
    assert str(info.value) == (f"{path}, row 2, column 'SOC Code': not a SOC code (like 11-1011): '11-1011.00': "
                               "an O*NET-SOC code? a SOC code has no suffix: write '11-1011'")


def test_microsoft_soc_to_iwas_onet_soc_code_is_told_the_soc_code_to_write(tmp_path):
    path = tmp_path / "soc_to_iwas.csv"
    path.write_text("SOC Code,IWA\n11-1011,4.A.4.a.2.I03\n15-1252.00,4.A.3.b.6.I01\n")
    with pytest.raises(DataFormatError, match=r"row 3, column 'SOC Code': not a SOC code \(like 11-1011\): "
                                              r"'15-1252\.00': an O\*NET-SOC code\? a SOC code has no suffix: "
                                              r"write '15-1252'$"):
        microsoft.read_soc_to_iwas(path)


def test_felten_onet_soc_code_is_told_the_soc_code_to_write(tmp_path):
    path = tmp_path / "lm.xlsx"
    pd.DataFrame({"SOC Code": ["11-1011", "13-2011.00"], "Occupation Title": ["Chief Executives", "Accountants"],
                  "Language Modeling AIOE": [1.3, 0.9]}).to_excel(path, sheet_name="LM AIOE", index=False)
    with pytest.raises(DataFormatError, match=r"row 3, column 'SOC Code': not a SOC 2010 code \(like 11-1011\): "
                                              r"'13-2011\.00': an O\*NET-SOC code\? a SOC code has no suffix: "
                                              r"write '13-2011'$"):
        felten.read_felten_occupations(path, "lm")


def test_webb_soc_code_is_told_the_onet_soc_code_to_write(tmp_path):
    path = _copy("reference/webb2020/onet_to_occ1990dd.csv", tmp_path / "onet_to_occ1990dd.csv",
                 lambda line: line.replace("11-1011.03", "11-1011", 1))
    with pytest.raises(DataFormatError) as info:
        webb.read_onet_to_occ1990dd(path)
    assert str(info.value) == (f"{path}, row 2, column 'onetsoccode': not an O*NET-SOC code (like 11-1011.00): "
                               "'11-1011': a SOC code? an O*NET-SOC code has a two-digit suffix: write "
                               "'11-1011.00' (the SOC occupation itself) or the O*NET-SOC code meant")


def test_eloundou_soc_code_is_told_the_onet_soc_code_to_write(tmp_path):
    path = _copy("reference/eloundou2023/occ_level_train.csv", tmp_path / "occ_level.csv",
                 lambda line: line.replace("11-1021.00", "11-1021", 1))
    with pytest.raises(DataFormatError, match=r"row 2, column 'O\*NET-SOC Code': not an O\*NET-SOC code "
                                              r"\(like 11-1011\.00\): '11-1021': a SOC code\? an O\*NET-SOC code has "
                                              r"a two-digit suffix: write '11-1021\.00'"):
        eloundou.read_occ_level(path)


def test_a_dash_pasted_onet_soc_code_among_soc_codes_is_not_told_to_be_written_so(tmp_path):
    path = _copy(APPLICABILITY, tmp_path / "app.csv", lambda line: line.replace("11-1011", "11\u20131011.00", 1))
    with pytest.raises(DataFormatError) as info:
        microsoft.read_applicability(path)
    message = str(info.value)
    assert message.endswith("'11\u20131011.00': '\u2013' (U+2013, a dash that is not the hyphen '-'; pasted from "
                            "a document?): an O*NET-SOC code? a SOC code has no suffix: write '11-1011'")  # round 73
    assert "write '11-1011.00'" not in message  # no SOC code either


# ---------------------------------------------------------------------------------------
# 2. a frame indexed by its codes
# ---------------------------------------------------------------------------------------

EMP = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021", "53-3032"],
                    "tot_emp": [200.0, 1000.0, 50.0, 900.0]})
OURS = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021", "53-3032"], "beta": [0.1, 0.5, 0.7, 0.2]})
THEIRS = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021", "53-3032"], "a": [0.3, 0.9, 0.8, 0.1]})
INDEX = "; 'soc_code' is the index: reset_index() first"


def _compare(soc_scores=None, employment=EMP, loaded=None):
    return compare.compare(soc_scores, measures=[], employment=employment,
                           loaded={"a": THEIRS} if loaded is None else loaded)


@pytest.mark.parametrize("call", [
    lambda: _compare(employment=EMP.set_index("soc_code")),
    lambda: _compare(loaded={"a": THEIRS.set_index("soc_code")}),
    lambda: _compare(OURS.set_index("soc_code")),
    lambda: compare.coverage(THEIRS.rename(columns={"a": "value"}).set_index("soc_code"), EMP),
    lambda: compare.coverage(THEIRS.rename(columns={"a": "value"}), EMP.set_index("soc_code")),
    lambda: compare.disagreements(OURS.merge(THEIRS).set_index("soc_code"), ["a", "beta"]),
    lambda: compare.to_oews_codes(OURS.set_index("soc_code"), ["beta"], EMP["soc_code"]),
    lambda: _common.check_soc_scores(OURS.set_index("soc_code"), ["beta"]),
    lambda: ilo.to_isco(OURS.set_index("soc_code"), links=pd.DataFrame(
        {"source_code": ["15-1252"], "target_code": ["2512"], "crosswalk_weight": [1.0]})),
    lambda: by_major_group(OURS.merge(EMP).set_index("soc_code"), ["beta"]),
], ids=["employment", "loaded", "soc_scores", "coverage measure", "coverage employment", "disagreements",
        "to_oews_codes", "check_soc_scores", "to_isco", "by_major_group"])
def test_a_frame_indexed_by_soc_code_is_told_so(call):
    with pytest.raises(DataFormatError) as info:
        call()
    assert str(info.value).endswith(INDEX)


def test_correlations_say_the_weight_is_the_index():
    with pytest.raises(DataFormatError) as info:
        compare.correlations(OURS.merge(THEIRS).merge(EMP).set_index("tot_emp"), ["a", "beta"])
    assert str(info.value) == ("correlations: the table lacks column(s) ['tot_emp']; 'tot_emp' is the index: "
                               "reset_index() first")


def test_the_index_advice_works():
    with pytest.raises(DataFormatError, match=f"{re.escape(INDEX)}$"):
        _compare(OURS.set_index("soc_code"), EMP.set_index("soc_code"), {"a": THEIRS.set_index("soc_code")})
    res = _compare(OURS.set_index("soc_code").reset_index(), EMP.set_index("soc_code").reset_index(),
                   {"a": THEIRS.set_index("soc_code").reset_index()})
    plain = _compare(OURS)
    pd.testing.assert_frame_equal(res.table, plain.table)
    pd.testing.assert_frame_equal(res.correlations, plain.correlations)
    # a frame without soc_code, in its columns or its index, is refused as before
    with pytest.raises(DataFormatError) as info:
        _compare(employment=EMP.rename(columns={"soc_code": "occ"}))
    assert str(info.value) == ("employment, column 'soc_code': missing column(s) ['soc_code'] (columns are "
                               "['occ', 'tot_emp'])")


# ---------------------------------------------------------------------------------------
# 3. load_measure's long table given to compare(loaded=...), compare's wide one to coverage
# ---------------------------------------------------------------------------------------


def _long(name: str, measures=None) -> pd.DataFrame:
    """``THEIRS`` as load_measure returns a measure (long) named ``name``; with ``measures``, one block of each."""
    out = THEIRS.rename(columns={"a": "value"}).assign(measure=name, crosswalk_weight=1.0, n_sources=1)
    if measures:
        out = pd.concat([out.assign(measure=m, value=out["value"] / (k + 1)) for k, m in enumerate(measures)],
                        ignore_index=True)
    return out[["soc_code", "measure", "value", "crosswalk_weight", "n_sources"]]


def test_compare_says_a_long_measure_is_long():
    with pytest.raises(DataFormatError) as info:
        _compare(OURS, loaded={"webb_ai": _long("webb_ai")})
    assert str(info.value) == (
        "measure 'webb_ai', column 'webb_ai': no column 'webb_ai': the frame is a long table (columns 'measure' "
        "and 'value', as load_measure returns it), and compare() takes one column per measure, named as the "
        "measure: give frame.rename(columns={'value': 'webb_ai'})")


def test_compare_names_one_measure_of_a_long_table_of_several():
    frame = _long("webb", ["webb_robot", "webb_ai"])
    with pytest.raises(DataFormatError, match=r"give frame\[frame\['measure'\] == 'webb_ai'\]\.rename\("
                                              r"columns=\{'value': 'webb_ai'\}\)$"):
        _compare(OURS, loaded={"webb_ai": frame})
    given = frame[frame["measure"] == "webb_ai"].rename(columns={"value": "webb_ai"})  # the advice
    res = _compare(OURS, loaded={"webb_ai": given})
    plain = _compare(OURS, loaded={"webb_ai": THEIRS.assign(webb_ai=THEIRS["a"] / 2).drop(columns="a")})
    pd.testing.assert_frame_equal(res.table, plain.table)


def test_load_measure_given_to_compare_following_the_advice():
    frame = compare.load_measure("webb_ai", mirror=_mirror())
    with pytest.raises(DataFormatError, match=r"give frame\.rename\(columns=\{'value': 'webb_ai'\}\)$"):
        compare.compare(measures=["ilo_2025"], loaded={"webb_ai": frame}, mirror=_mirror())
    res = compare.compare(measures=["ilo_2025"], loaded={"webb_ai": frame.rename(columns={"value": "webb_ai"})},
                          mirror=_mirror())
    plain = compare.compare(measures=["ilo_2025", "webb_ai"], mirror=_mirror())
    pd.testing.assert_frame_equal(res.table, plain.table)
    pd.testing.assert_frame_equal(res.coverage, plain.coverage)


def test_coverage_says_which_column_holds_the_measure():
    with pytest.raises(DataFormatError) as info:
        compare.coverage(THEIRS, EMP, name="a")
    assert str(info.value) == ("measure lacks column(s) ['value'] (columns: ['soc_code', 'a']): give column='a', "
                               "the column of the measure")
    got = compare.coverage(THEIRS, EMP, name="a", column="a")
    assert got == compare.coverage(THEIRS.rename(columns={"a": "value"}), EMP, name="a")
    assert np.isclose(got["emp_share"], 1.0)


# ---------------------------------------------------------------------------------------
# 4. OEWS's own cells in the employment given to compare and coverage
# ---------------------------------------------------------------------------------------


def test_employment_read_from_a_bls_workbook_is_compared(tmp_path):
    path = tmp_path / "national_M2024_dl.xlsx"
    pd.DataFrame({"OCC_CODE": EMP["soc_code"], "OCC_TITLE": ["Chief Executives", "Developers", "Clerks", "Drivers"],
                  "TOT_EMP": pd.Series([200, "**", 50, 900], dtype=object)}).to_excel(path, index=False)
    bls = pd.read_excel(path).rename(columns={"OCC_CODE": "soc_code"})
    assert bls["TOT_EMP"].tolist() == [200, "**", 50, 900]
    res = _compare(OURS, bls)
    plain = _compare(OURS, EMP.assign(tot_emp=[200.0, np.nan, 50.0, 900.0]))
    pd.testing.assert_frame_equal(res.table, plain.table)
    pd.testing.assert_frame_equal(res.coverage, plain.coverage)
    assert compare.coverage(THEIRS, bls, name="a", column="a")["emp_covered"] == 1150.0


def test_employment_with_thousands_separators_is_compared(tmp_path):
    path = tmp_path / "oews.csv"
    path.write_text('soc_code,tot_emp\n11-1011,"1,200"\n15-1252,"1,000,000"\n43-9021,50\n53-3032,900\n')
    res = _compare(OURS, pd.read_csv(path, dtype=str))
    plain = _compare(OURS, EMP.assign(tot_emp=[1200.0, 1e6, 50.0, 900.0]))
    pd.testing.assert_frame_equal(res.table, plain.table)
    pd.testing.assert_frame_equal(res.correlations, plain.correlations)
    with pytest.raises(DataFormatError, match=r"^employment, row 2, column 'tot_emp': not a number: '0,5': a decimal comma\? write decimals "
                       r"with a point: '0\.5'$"):
        _compare(OURS, EMP.assign(tot_emp=["1,200", "0,5", "50", "900"]))
