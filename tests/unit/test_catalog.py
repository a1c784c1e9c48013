"""The table catalogue: one declaration per processed table, consistent with its schema."""

from __future__ import annotations

import pandera.pandas as pa
import pytest

from exposure.errors import ExposureError
from exposure.schemas._catalog import ALIASES, PROCESSED_TABLES, TABLES, Table, get_table


def test_names_files_and_aliases_are_unique():
    names = [t.name for t in PROCESSED_TABLES]
    files = [t.filename for t in PROCESSED_TABLES]
    aliases = [a for t in PROCESSED_TABLES for a in t.aliases]
    assert len(set(names)) == len(names)
    assert len(set(files)) == len(files)
    assert len(set(aliases)) == len(aliases)
    assert not set(aliases) & set(names)
    assert list(TABLES) == names


@pytest.mark.parametrize("table", PROCESSED_TABLES, ids=lambda t: t.name)
def test_each_table_is_declared_consistently(table: Table):
    assert table.filename == f"{table.name}.parquet"
    assert issubclass(table.model, pa.DataFrameModel)
    columns = table.model.to_schema().columns
    assert table.keys and set(table.keys) <= set(columns)
    assert table.description.endswith(".") and table.description[0].isupper()


def test_keys_identify_rows_as_the_schema_says():
    for table in PROCESSED_TABLES:
        unique = table.model.to_schema().unique
        if unique:
            # a model's frame-level key may add a column the table fixes (sector level)
            assert set(table.keys) <= set(unique), table.name


def test_get_table_resolves_aliases_and_rejects_unknown_names():
    assert get_table("occupations") is TABLES["occupation_scores"]
    assert get_table("soc_scores") is TABLES["soc_scores"]
    assert {get_table(a).name for a in ALIASES} == set(ALIASES.values())
    with pytest.raises(ExposureError, match="unknown table 'jobs'; choose one of"):
        get_table("jobs")


def test_tables_are_immutable():
    with pytest.raises(AttributeError):
        TABLES["workforce"].filename = "x.parquet"
