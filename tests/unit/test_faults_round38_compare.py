"""Fault round 38: ``exposure compare`` and ``exposure.measures.compare.compare``.

1. ``compare(key_measures=[...])`` naming a measure that is no measure of the comparison
   (a typo, ``"B"`` for ``"b"``, ``"Webb_AI"``): left out without a word, the disagreement
   table empty (0 rows, exit 0). Now refused, naming the argument and the name (and the
   measure it differs from only in case). A name of :data:`MEASURES` or of our columns
   that is not compared (the default holds ``beta``) is still left out, as documented.
2. ``compare(loaded={"Webb_AI": frame})``, a custom measure named as a registry measure in
   another case: it did not replace ``webb_ai`` (the registry's file was read too and both
   compared, the disagreement table built on the registry's one), a table with two columns
   that the library's header matching reads as one. Now refused, naming the measure to use.
   ``compare(measures=["Webb_AI"])`` now says which name was meant.
3. ``exposure compare --ours`` of another level than SOC codes, an occupation file
   (``occupation_scores.parquet``, ``onetsoc_code``), task or sector scores:
   ``soc_scores lacks column(s) ['soc_code']``, without the columns found or what the file
   is. Now names its code column, what the file holds and the file to give; a file
   without ``soc_code`` of no known level lists its columns.
4. ``--ours`` a Parquet file whose header holds a column twice (``beta``, ``beta``, as
   pyarrow writes it): ``cannot read this Parquet file: Multiple matches for
   FieldRef.Name(beta) in soc_code: large_string``. Now refused naming the column and
   both positions.
5. ``--ours`` saved with ``.set_index(...)`` under an index named in another case
   (``SOC_CODE``, ``SOC Code``): ``soc_scores lacks column(s) ['soc_code']``, although a
   ``soc_code`` index and a ``SOC_CODE`` column are both read. Now read.
6. A pair of measures whose correlation is undefined (one measure takes one value on the
   codes both cover: ties everywhere; fewer than 3 codes in common; no employment on 3 of
   them): NaN in ``measures_correlations.csv`` without a word. Now a warning names the pair
   and the reason (the table is unchanged).
"""

from __future__ import annotations

import logging
import re

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from _compare_files import run_compare as _run

from exposure.errors import DataFormatError
from exposure.measures import compare as cmp

CODES = ["11-1011", "15-1252", "43-9021", "53-3032", "29-1141"]
EMP = pd.DataFrame({"soc_code": CODES, "tot_emp": [200.0, 1000.0, 50.0, 900.0, 400.0]})


def _loaded():
    return {"a": pd.DataFrame({"soc_code": CODES, "a": [0.3, 0.9, 0.8, 0.1, 0.5]}),
            "b": pd.DataFrame({"soc_code": CODES, "b": [0.2, 0.7, 0.9, 0.5, 0.4]})}


# 1. key_measures naming no measure of the comparison


def test_key_measures_with_a_typo_is_refused():
    with pytest.raises(DataFormatError, match=r"key_measures names 'B'.*'b'"):
        cmp.compare(measures=[], employment=EMP, loaded=_loaded(), key_measures=["a", "B"])


def test_key_measures_unknown_name_is_refused():
    with pytest.raises(DataFormatError, match=r"key_measures names 'webb_al', no measure"):
        cmp.compare(measures=[], employment=EMP, loaded=_loaded(), key_measures=["a", "webb_al"])


def test_key_measures_known_but_not_compared_still_left_out():
    res = cmp.compare(measures=[], employment=EMP, loaded=_loaded(), key_measures=["a", "b", "webb_ai", "beta"])
    assert len(res.disagreements) == 3


# 2. a loaded measure named as a registry measure in another case


def test_loaded_name_in_another_case_of_a_registry_measure(tmp_path, shared_data):
    frame = _loaded()["a"].rename(columns={"a": "Webb_AI"})
    with pytest.raises(DataFormatError, match=r"'Webb_AI' differs from the measure 'webb_ai' only in case"):
        cmp.compare(measures=["webb_ai"], employment=EMP, loaded={"Webb_AI": frame, **_loaded()},
                    mirror=shared_data, data_dir=tmp_path / "cache")


def test_measures_name_in_another_case_says_which():
    with pytest.raises(DataFormatError, match=r"unknown measure\(s\) \['Webb_AI'\].*did you mean 'webb_ai'"):
        cmp.compare(measures=["Webb_AI"], employment=EMP, loaded=_loaded())


# 3. --ours of another level


@pytest.mark.parametrize(("column", "level"), [("onetsoc_code", "O\\*NET-SOC occupation"), ("naics", "sector"),
                                               ("task_id", "task scores")])
def test_cli_ours_of_another_level(tmp_path, shared_data, capsys, column, level):
    path = tmp_path / "other.parquet"
    pd.DataFrame({column: ["11-1011.00", "15-1252.00", "43-9021.00"], "beta": [0.1, 0.5, 0.9]}).to_parquet(path)
    assert _run(tmp_path, shared_data, "--ours", str(path)) == 2
    err = capsys.readouterr().err
    assert "other.parquet" in err and column in err and "soc_scores.parquet" in err
    assert re.search(level, err)
    assert not (tmp_path / "out").exists()


def test_cli_ours_without_a_code_column_names_the_columns(tmp_path, shared_data, capsys):
    path = tmp_path / "ours.parquet"
    pd.DataFrame({"code": ["11-1011", "15-1252", "43-9021"], "beta": [0.1, 0.5, 0.9]}).to_parquet(path)
    assert _run(tmp_path, shared_data, "--ours", str(path)) == 2
    err = capsys.readouterr().err
    assert "ours.parquet" in err and "['code', 'beta']" in err


# 4. a column twice in the Parquet header


def test_cli_ours_with_a_column_twice(tmp_path, shared_data, capsys):
    path = tmp_path / "ours.parquet"
    pq.write_table(pa.table([pa.array(["11-1011", "15-1252", "43-9021"]), pa.array([0.1, 0.5, 0.9]),
                             pa.array([0.2, 0.4, 0.8])], names=["soc_code", "beta", "beta"]), path)
    assert _run(tmp_path, shared_data, "--ours", str(path)) == 2
    err = capsys.readouterr().err
    assert "ours.parquet" in err and "column 'beta'" in err and "columns 2 and 3" in err
    assert "FieldRef" not in err


# 5. an index named soc_code in another case


@pytest.mark.parametrize("name", ["SOC_CODE", "SOC_Code"])
def test_cli_ours_with_an_index_named_in_another_case(tmp_path, shared_data, name):
    path = tmp_path / "ours.parquet"
    frame = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021", "53-3032"], "beta": [0.1, 0.5, 0.9, 0.3]})
    frame.set_index("soc_code").rename_axis(name).to_parquet(path)
    assert _run(tmp_path, shared_data, "--ours", str(path)) == 0
    table = pd.read_csv(tmp_path / "out" / "measures_table.csv", dtype={"soc_code": str})
    assert table.set_index("soc_code").loc["15-1252", "beta"] == 0.5


# 6. undefined correlations named


def test_constant_on_the_common_codes_is_warned(caplog):
    loaded = _loaded()
    # c takes one value on the three codes it shares with a (ties everywhere), others elsewhere
    loaded["c"] = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021", "51-2031", "47-2061"],
                                "c": [0.4, 0.4, 0.4, 0.1, 0.9]})
    emp = pd.concat([EMP, pd.DataFrame({"soc_code": ["51-2031", "47-2061"], "tot_emp": [10.0, 20.0]})])
    with caplog.at_level(logging.WARNING, logger="exposure.measures.compare"):
        res = cmp.compare(measures=[], employment=emp, loaded=loaded, key_measures=[])
    row = res.correlations.set_index(["measure_a", "measure_b"]).loc[("a", "c")]
    assert row["n"] == 3 and pd.isna(row["spearman"])
    assert any("'a' and 'c'" in r.getMessage() and "one value" in r.getMessage() for r in caplog.records)


def test_too_few_common_codes_is_warned(caplog):
    loaded = _loaded()
    loaded["c"] = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "51-2031", "47-2061"], "c": [0.4, 0.2, 0.1, 0.9]})
    emp = pd.concat([EMP, pd.DataFrame({"soc_code": ["51-2031", "47-2061"], "tot_emp": [10.0, 20.0]})])
    with caplog.at_level(logging.WARNING, logger="exposure.measures.compare"):
        cmp.compare(measures=[], employment=emp, loaded=loaded, key_measures=[])
    text = [r.getMessage() for r in caplog.records]
    assert any("'a' and 'c'" in t and "2 codes in common" in t for t in text)
    assert not any("'a' and 'b'" in t for t in text)


def test_no_employment_on_the_common_codes_is_warned(caplog):
    emp = EMP.assign(tot_emp=[0.0, 0.0, 0.0, 900.0, 400.0])
    with caplog.at_level(logging.WARNING, logger="exposure.measures.compare"):
        res = cmp.compare(measures=[], employment=emp, loaded=_loaded(), key_measures=[])
    assert pd.isna(res.correlations["pearson_emp"].iloc[0])
    assert any("'a' and 'b'" in r.getMessage() and "employment" in r.getMessage() for r in caplog.records)
