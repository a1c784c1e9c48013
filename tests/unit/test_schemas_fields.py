"""Shared schema fields (exposure.schemas._fields) and the static schema package."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pandas as pd
import pandera.pandas as pa
import pytest
from pandera.typing import Series

import exposure.schemas as schemas
from exposure.errors import SchemaError
from exposure.schemas import _fields as F

PATTERNS = {name: getattr(F, name) for name in F.__all__ if name.endswith("_PATTERN")}


def _patterns(model) -> dict[str, str]:
    """Column -> its str_matches pattern, for the columns that have one."""
    out = {}
    for name, col in model.to_schema().columns.items():
        for check in col.checks:
            if check.name == "str_matches":
                pattern = check.statistics["pattern"]
                out[name] = getattr(pattern, "pattern", pattern)
    return out


@pytest.mark.parametrize(
    "pattern,good,bad",
    [
        ("ONETSOC_PATTERN", ["11-1011.00", "29-1229.01"], ["11-1011", "11-1011.0", "١١-١٠١١.٠٠"]),
        ("SOC_PATTERN", ["11-1011", "13-1020", "00-0000"], ["11-1011.00", "111011", "١١-١٠١١"]),
        ("SOC_MAJOR_PATTERN", ["11-0000"], ["11-1000"]),
        ("NAICS_PATTERN", ["31-33", "11", "113310"], ["4451A1", "1133100", "1"]),
        ("OEWS_NAICS_PATTERN", ["000000", "31-33", "113000", "4451A1"], ["1", "31-3", "a451A1"]),
        ("ISCO_PATTERN", ["0110", "2", "251"], ["25120", "2a"]),
        ("ISCO_UNIT_PATTERN", ["0110", "2512"], ["251", "٢٥١٢"]),
        ("DATE_PATTERN", ["08/2023"], ["13/2023", "8/2023"]),
        ("DWA_PATTERN", ["4.A.2.a.4.I09.D03"], ["4.A.2.a.4.I09"]),
    ],
)
def test_patterns_accept_and_reject(pattern, good, bad):
    regex = PATTERNS[pattern]
    assert all(re.fullmatch(regex, code) for code in good)
    assert not any(re.fullmatch(regex, code) for code in bad)


def test_patterns_refuse_a_trailing_newline_as_pandera_matches():
    """The str_matches check of pandera is ``Series.str.match``: a pattern ending in ``$`` let "11-1011.00\\n" through."""
    for model in schemas.all_models().values():
        for column, pattern in _patterns(model).items():
            assert pattern.endswith("\\Z"), (model.__name__, column, pattern)
    assert all(p.endswith("\\Z") for p in PATTERNS.values())
    examples = {"ONETSOC_PATTERN": "11-1011.00", "SOC_PATTERN": "11-1011", "DATE_PATTERN": "08/2023",
                "DWA_PATTERN": "4.A.2.a.4.I09.D03", "NAICS_PATTERN": "31-33"}
    for name, code in examples.items():
        for dtype in (object, "str"):
            got = pd.Series([code, code + "\n", code + "\r\n"], dtype=dtype).str.match(PATTERNS[name])
            assert got.tolist() == [True, False, False], (name, dtype)
    bad = pd.DataFrame({"share": [0.5], "workers": [3.0], "code": ["11-1011\n"]})
    with pytest.raises(SchemaError) as info:
        schemas.validate(bad, _shares_model())
    assert info.value.column == "code" and info.value.row == 0


def test_patterns_use_ascii_digit_classes_only():
    for model in schemas.all_models().values():
        for column, pattern in _patterns(model).items():
            assert "\\d" not in pattern, (model.__name__, column)
    assert not any("\\d" in p for p in PATTERNS.values())


def test_code_columns_use_the_shared_patterns():
    """Every O*NET-SOC, SOC and NAICS column takes its pattern from _fields."""
    soc = {"soc_code", "soc10_code", "soc_2010_code", "occ_code", "minor_code", "broad_code", "detailed_code"}
    seen = set()
    for model in schemas.all_models().values():
        for column, pattern in _patterns(model).items():
            if column.startswith("onetsoc"):
                assert pattern == F.ONETSOC_PATTERN, (model.__name__, column)
            elif column in soc:
                both = model is schemas.SocStructure and column == "soc_code"  # lists O*NET codes too
                expected = F.SOC_OR_ONETSOC_PATTERN if both else F.SOC_PATTERN
                assert pattern == expected, (model.__name__, column)
            elif column == "naics" and model is not schemas.FeltenIndustryScores:
                assert pattern in (F.NAICS_PATTERN, F.OEWS_NAICS_PATTERN), (model.__name__, column)
            seen.add(pattern)
    # a pattern that looks like one of _fields' but is spelled differently would show here
    soc_like = {p for p in seen if p.startswith("^[0-9]{2}-")}
    assert soc_like <= set(PATTERNS.values()), soc_like - set(PATTERNS.values())


def _shares_model():
    class Shares(pa.DataFrameModel):
        share: Series[float] = F.fraction_field("A share.", nullable=True)
        workers: Series[float] = F.workers_field("Workers.")
        code: Series[str] = F.soc_code_field("A SOC code.")

        class Config:
            coerce = True

    return Shares


def test_field_factories_carry_units_and_bounds():
    Shares = _shares_model()
    schema = Shares.to_schema()
    assert schema.columns["share"].metadata == {"unit": "fraction"}
    assert schema.columns["workers"].metadata == {"unit": "workers"}
    ok = pd.DataFrame({"share": [0.5, None], "workers": [3.0, 0.0], "code": ["11-1011", "13-1020"]})
    assert len(schemas.validate(ok, Shares)) == 2
    with pytest.raises(SchemaError) as info:
        schemas.validate(ok.assign(share=[1.5, None]), Shares)
    assert info.value.column == "share" and info.value.row == 0
    with pytest.raises(SchemaError) as info:
        schemas.validate(ok.assign(code=["11-1011", "131020"]), Shares)
    assert info.value.column == "code" and info.value.row == 1


def _declared_models() -> dict[str, type]:
    """Every DataFrameModel declared in a module of exposure.schemas (found by walking it)."""
    out = {}
    for info in pkgutil.iter_modules(schemas.__path__, "exposure.schemas."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if (
                isinstance(obj, type)
                and issubclass(obj, pa.DataFrameModel)
                and obj.__module__ == module.__name__
                and not name.startswith("_")
            ):
                out[name] = obj
    return out


def test_static_package_lists_every_model_once():
    models = schemas.all_models()
    assert models == _declared_models()
    assert sorted(schemas.__all__) == sorted(["validate", "all_models", *models])
    assert all(getattr(schemas, name) is model for name, model in models.items())
    assert not hasattr(schemas, "__getattr__")


def test_every_column_is_described():
    """The docs generator fails on a column without a description."""
    for name, model in schemas.all_models().items():
        for column, col in model.to_schema().columns.items():
            assert col.description, (name, column)
