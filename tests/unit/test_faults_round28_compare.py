"""Fault round 28: ``exposure compare --ours`` and ``exposure.measures.compare.compare(soc_scores=...)``.

1. A SOC 2010 code in our scores (``15-1132``, split into ``15-1252`` and ``15-1253`` in
   SOC 2018): kept in the table with no employment, counted among the "SOC codes
   reached" of the coverage, and in no correlation, without a word (``compare`` checked
   the codes of ``loaded`` measures, not ours). Now refused, naming the file, row and
   column, and (from the registry's SOC 2010 -> 2018 crosswalk) the SOC 2018 codes.
2. A group code in our scores (``00-0000``, the major group ``15-0000``, the broad group
   ``15-1250``, also beside its own ``15-1252``): kept as above, silently. Now refused,
   naming the level. A ``loaded`` measure with a group code passed too when a SOC
   structure was given (any code of the structure, groups included, was "known").
3. ``exposure compare --ours ""``: the shipped ``soc_scores.parquet`` was compared
   instead, without a word. Now refused.
4. ``--ours`` (or ``soc_scores=``) with ``Gamma`` beside ``beta``: gamma was left out of
   the comparison without a word; ``Beta`` alone was refused although the other readers
   take a header in another case. Now read under its name; the caller's frame is not
   renamed; a ``loaded`` measure named ``beta`` beside our ``Beta`` is refused as beside
   ``beta`` (ours replaced it without a word).
5. ``--ours`` a Parquet file saved with ``soc_code`` as its index
   (``scores.set_index("soc_code").to_parquet(...)``): refused as ``soc_scores lacks
   column(s) ['soc_code']``, a column the file holds. Now read.
"""

from __future__ import annotations

import pandas as pd
import pytest
from _compare_files import CODES
from _compare_files import loaded_measures as _loaded
from _compare_files import ours_parquet as _ours
from _compare_files import run_compare as _run

from exposure.crosswalks import load_soc_structure
from exposure.errors import DataFormatError
from exposure.measures import compare as cmp

EMP = pd.DataFrame({"soc_code": CODES, "tot_emp": [200.0, 1000.0, 50.0, 900.0]})


# 1. SOC 2010 codes


def test_cli_ours_with_a_soc_2010_code(tmp_path, shared_data, capsys):
    path = _ours(tmp_path, ["11-1011", "15-1132", "43-9021"])
    assert _run(tmp_path, shared_data, "--ours", str(path)) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert f"{path}, row 2, column 'soc_code': '15-1132' is a SOC 2010 code (SOC 2018: 15-1252, 15-1253)" in err
    assert "load_soc_2010_to_2018" in err
    assert not (tmp_path / "out").exists()


def test_api_soc_scores_with_a_soc_2010_code(shared_data):
    structure = load_soc_structure(mirror=shared_data)
    ours = pd.DataFrame({"soc_code": ["11-1011", "15-1132", "43-9021"], "beta": [0.1, 0.5, 0.9]})
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 2, column 'soc_code': '15-1132' is not a SOC 2018 "
                                              r"code \(of soc_structure\) .*a SOC 2010 code\?"):
        cmp.compare(ours, measures=[], employment=EMP, soc_structure=structure, loaded=_loaded())


def test_api_soc_scores_with_a_major_group_without_a_structure():
    ours = pd.DataFrame({"soc_code": [*CODES, "15-0000"], "beta": [0.1, 0.5, 0.9, 0.3, 0.4]})
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 5, column 'soc_code': '15-0000' is a SOC 2018 major "
                                              r"group, not a detailed occupation"):
        cmp.compare(ours, measures=[], employment=EMP, loaded=_loaded())


# 2. group codes


def test_api_soc_scores_with_the_total():
    ours = pd.DataFrame({"soc_code": [*CODES, "00-0000"], "beta": [0.1, 0.5, 0.9, 0.3, 0.4]})
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 5, column 'soc_code': '00-0000' is the total of all "
                                              r"occupations, not a detailed occupation"):
        cmp.compare(ours, measures=[], employment=EMP, loaded=_loaded())


def test_cli_ours_with_a_broad_group_beside_its_code(tmp_path, shared_data, capsys):
    path = _ours(tmp_path, [*CODES, "15-1250"])
    assert _run(tmp_path, shared_data, "--ours", str(path)) == 2
    err = capsys.readouterr().err
    assert f"{path}, row 5, column 'soc_code': '15-1250' is a SOC 2018 broad group, not a detailed occupation" in err


def test_cli_ours_with_major_groups_only(tmp_path, shared_data, capsys):
    path = _ours(tmp_path, ["15-0000", "43-0000", "11-0000"])
    assert _run(tmp_path, shared_data, "--ours", str(path)) == 2
    assert f"{path}, row 1, column 'soc_code': '15-0000' is a SOC 2018 major group" in capsys.readouterr().err


def test_api_loaded_measure_with_a_group_code_and_a_structure(shared_data):
    structure = load_soc_structure(mirror=shared_data)
    loaded = _loaded()
    loaded["b"] = pd.DataFrame({"soc_code": [*CODES, "15-0000"], "b": [0.2, 0.7, 0.9, 0.5, 0.4]})
    with pytest.raises(DataFormatError, match=r"^measure 'b', row 5, column 'soc_code': '15-0000' is a SOC 2018 "
                                              r"major group"):
        cmp.compare(measures=[], employment=EMP, soc_structure=structure, loaded=loaded)


def test_api_detailed_codes_outside_oews_still_pass_with_a_structure(shared_data):
    structure = load_soc_structure(mirror=shared_data)
    ours = pd.DataFrame({"soc_code": [*CODES, "55-1011"], "beta": [0.1, 0.5, 0.9, 0.3, 0.4]})
    res = cmp.compare(ours, measures=[], employment=EMP, soc_structure=structure, loaded=_loaded())
    assert "55-1011" in res.table["soc_code"].tolist()


# 3. --ours ""


def test_cli_empty_ours(tmp_path, shared_data, capsys):
    assert _run(tmp_path, shared_data, "--ours", "") == 2
    err = capsys.readouterr().err
    assert "--ours is empty: give a SOC scores file (Parquet), or 'none' to skip" in err
    assert not (tmp_path / "out").exists()


# 4. column names in another case


def test_cli_ours_gamma_in_another_case(tmp_path, shared_data):
    path = _ours(tmp_path, CODES, beta=[0.1, 0.5, 0.9, 0.3], Gamma=[0.2, 0.6, 0.8, 0.4])
    assert _run(tmp_path, shared_data, "--ours", str(path)) == 0
    table = pd.read_csv(tmp_path / "out" / "measures_table.csv", dtype={"soc_code": str})
    assert table.set_index("soc_code").loc["15-1252", "gamma"] == pytest.approx(0.6)


def test_api_soc_scores_beta_in_another_case_frame_not_renamed():
    ours = pd.DataFrame({"soc_code": CODES, "Beta": [0.1, 0.5, 0.9, 0.3]})
    res = cmp.compare(ours, measures=[], employment=EMP, loaded=_loaded())
    assert "beta" in res.table.columns
    assert list(ours.columns) == ["soc_code", "Beta"]


def test_api_loaded_measure_named_as_our_column_in_another_case():
    ours = pd.DataFrame({"soc_code": CODES, "Beta": [0.1, 0.5, 0.9, 0.3]})
    loaded = _loaded()
    loaded["beta"] = loaded.pop("b").rename(columns={"b": "beta"})
    with pytest.raises(DataFormatError, match="loaded: 'beta' is also a column of soc_scores"):
        cmp.compare(ours, measures=[], employment=EMP, loaded=loaded)


# 5. soc_code as the index of the file


def test_cli_ours_with_soc_code_as_index(tmp_path, shared_data):
    path = tmp_path / "idx.parquet"
    pd.DataFrame({"soc_code": CODES, "beta": [0.1, 0.5, 0.9, 0.3]}).set_index("soc_code").to_parquet(path)
    assert _run(tmp_path, shared_data, "--ours", str(path)) == 0
    cov = pd.read_csv(tmp_path / "out" / "measures_coverage.csv").set_index("measure")
    assert cov.loc["beta", "soc_codes"] == 4
