"""Fault round 29: ``exposure compare`` and ``exposure.measures.compare.compare``.

1. Our scores giving both an OEWS aggregate (``31-1120``) and one of its own detailed
   codes (``31-1122``): both were averaged into ``31-1120`` without a word (0.1 and 0.9
   became 0.5), a value given for the whole aggregate counted as one of its parts. Now
   refused, naming the row of the detailed code and the aggregate's row; so is a
   ``loaded`` measure that does it. Several detailed codes of one aggregate are still
   averaged, as documented.
2. ``--ours`` with a ``SOC Code`` header: ``soc_scores lacks column(s) ['soc_code']``,
   without the columns found. Round 29 refused the file, naming the columns and the one
   to rename; since round 72 the header matching takes a space for an underscore
   (``exposure.measures._common.match_header_case``, as Stata writes ``SOC_Code``), and
   the file is read as with ``soc_code``.
3. ``--ours`` a CSV file: ``cannot read this Parquet file: ... Parquet magic bytes not
   found in footer``; an empty file: ``Parquet file size is 0 bytes``. Now says a Parquet
   file is expected (``exposure outcomes --soc-scores`` takes Parquet too) and how to
   convert.
4. ``--top -1``: ``top (codes per measure pair) must be 0 or more``, naming no option,
   after the scores were read. Now ``--top ...``, before any work.
5. A measure of ours (or a ``loaded`` one) with one value on every code: every
   correlation of it NaN and a disagreement table of tied ranks, exit 0. Now refused.
6. A measure of ours (or a ``loaded`` one) with values on fewer than 3 codes: every
   correlation of it NaN (``correlations`` needs 3 codes), exit 0. Now refused.
"""

from __future__ import annotations

import pandas as pd
import pytest
from _compare_files import CODES
from _compare_files import loaded_measures as _loaded
from _compare_files import ours_parquet as _ours
from _compare_files import run_compare as _run

from exposure.errors import DataFormatError
from exposure.measures import compare as cmp

EMP = pd.DataFrame({"soc_code": [*CODES, "31-1120"], "tot_emp": [200.0, 1000.0, 50.0, 900.0, 300.0]})


# 1. an OEWS aggregate beside one of its detailed codes


def test_cli_ours_with_an_aggregate_and_its_detailed_code(tmp_path, shared_data, capsys):
    path = _ours(tmp_path, ["11-1011", "31-1120", "15-1252", "31-1122", "43-9021"],
                 beta=[0.3, 0.1, 0.8, 0.9, 0.5])
    assert _run(tmp_path, shared_data, "--ours", str(path)) == 2
    err = capsys.readouterr().err
    assert f"{path}, row 4, column 'soc_code': '31-1122' is inside the OEWS aggregate '31-1120' (row 2)" in err
    assert not (tmp_path / "out" / "measures_table.csv").exists()


def test_api_soc_scores_with_an_aggregate_and_its_detailed_code():
    ours = pd.DataFrame({"soc_code": ["31-1122", *CODES, "31-1120"], "beta": [0.9, 0.3, 0.8, 0.5, 0.2, 0.1]})
    with pytest.raises(DataFormatError, match=r"soc_scores, row 1, column 'soc_code': '31-1122' is inside the "
                                              r"OEWS aggregate '31-1120' \(row 6\)"):
        cmp.compare(ours, measures=[], employment=EMP, loaded=_loaded())


def test_api_loaded_measure_with_an_aggregate_and_its_detailed_code():
    loaded = _loaded()
    loaded["c"] = pd.DataFrame({"soc_code": [*CODES, "31-1120", "31-1121"], "c": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]})
    with pytest.raises(DataFormatError, match=r"measure 'c', row 6, column 'soc_code': '31-1121' is inside the "
                                              r"OEWS aggregate '31-1120' \(row 5\)"):
        cmp.compare(measures=[], employment=EMP, loaded=loaded)


def test_api_detailed_codes_of_one_aggregate_still_averaged():
    ours = pd.DataFrame({"soc_code": [*CODES, "31-1121", "31-1122"], "beta": [0.3, 0.8, 0.5, 0.2, 0.1, 0.9]})
    res = cmp.compare(ours, measures=[], employment=EMP, loaded=_loaded())
    assert res.table.set_index("soc_code").loc["31-1120", "beta"] == pytest.approx(0.5)


# 2. a "SOC Code" header


def test_cli_ours_with_a_soc_code_header_with_a_space(tmp_path, shared_data, capsys):
    path = tmp_path / "space.parquet"
    pd.DataFrame({"SOC Code": CODES, "beta": [0.1, 0.5, 0.9, 0.3]}).to_parquet(path)
    assert _run(tmp_path, shared_data, "--ours", str(path)) == 0
    assert "error" not in capsys.readouterr().err
    table = pd.read_csv(tmp_path / "out" / "measures_table.csv", dtype={"soc_code": str}).set_index("soc_code")
    assert table.loc[CODES, "beta"].tolist() == [0.1, 0.5, 0.9, 0.3]


# 3. a CSV (or empty) file given to --ours


def test_cli_ours_a_csv_file(tmp_path, shared_data, capsys):
    path = tmp_path / "ours.csv"
    pd.DataFrame({"soc_code": CODES, "beta": [0.1, 0.5, 0.9, 0.3]}).to_csv(path, index=False)
    assert _run(tmp_path, shared_data, "--ours", str(path)) == 2
    err = capsys.readouterr().err
    assert f"{path}: is not a Parquet file (a CSV file?): --ours takes our SOC scores as Parquet" in err
    assert "to_parquet" in err
    assert "magic bytes" not in err


def test_cli_ours_an_empty_file(tmp_path, shared_data, capsys):
    path = tmp_path / "ours.parquet"
    path.write_bytes(b"")
    assert _run(tmp_path, shared_data, "--ours", str(path)) == 2
    err = capsys.readouterr().err
    assert f"{path}: file is empty: --ours takes our SOC scores as Parquet" in err


# 4. --top


def test_cli_negative_top_names_the_option(tmp_path, shared_data, capsys):
    # checked before the scores file, which does not exist
    assert _run(tmp_path, shared_data, "--top", "-1", "--ours", str(tmp_path / "missing.parquet")) == 2
    err = capsys.readouterr().err
    assert "--top must be 0 or more, got -1" in err  # round 73: as exposure diff --top says it
    assert not (tmp_path / "out").exists()


# 5. a constant measure


def test_cli_ours_with_a_constant_beta(tmp_path, shared_data, capsys):
    path = _ours(tmp_path, CODES, beta=[0.3, 0.3, 0.3, 0.3])
    assert _run(tmp_path, shared_data, "--ours", str(path)) == 2
    err = capsys.readouterr().err
    assert f"{path}, column 'beta': beta is 0.3 on every code: it correlates with nothing" in err
    assert not (tmp_path / "out" / "measures_correlations.csv").exists()


def test_api_loaded_constant_measure():
    loaded = _loaded()
    loaded["c"] = pd.DataFrame({"soc_code": CODES, "c": [1.0, 1.0, None, 1.0]})
    with pytest.raises(DataFormatError, match="measure 'c', column 'c': c is 1.0 on every code"):
        cmp.compare(measures=[], employment=EMP, loaded=loaded)


# 6. fewer than 3 codes


def test_cli_ours_with_two_codes(tmp_path, shared_data, capsys):
    path = _ours(tmp_path, ["11-1011", "15-1252"], beta=[0.3, 0.5])
    assert _run(tmp_path, shared_data, "--ours", str(path)) == 2
    err = capsys.readouterr().err
    assert (f"{path}, column 'beta': beta has a value on 2 SOC code(s) only (11-1011, 15-1252): a correlation "
            "needs 3 at least") in err


def test_api_codes_of_one_aggregate_count_once():
    ours = pd.DataFrame({"soc_code": ["11-1011", "31-1121", "31-1122"], "beta": [0.3, 0.1, 0.9]})
    with pytest.raises(DataFormatError, match=r"soc_scores, column 'beta': beta has a value on 2 SOC code\(s\) "
                                              r"only \(11-1011, 31-1120\)"):
        cmp.compare(ours, measures=[], employment=EMP, loaded=_loaded())


def test_api_loaded_measure_with_two_codes():
    loaded = _loaded()
    loaded["c"] = pd.DataFrame({"soc_code": CODES, "c": [0.1, None, None, 0.4]})
    with pytest.raises(DataFormatError, match=r"measure 'c', column 'c': c has a value on 2 SOC code\(s\) only"):
        cmp.compare(measures=[], employment=EMP, loaded=loaded)
