"""The tables page lists each model's table-level checks, not only its columns' (round 36).

``docs/tables.md`` is generated at site build by the ``{exposure:tables}`` block of
``docs/_ext/exposure_docs.py`` from :func:`exposure.schemas.all_models`. It listed each
column's dtype, nullability, checks, unit and description, but not the rules of the table
as a whole:

- ``@pa.dataframe_check`` methods (``TaskRatings.im_range``, ``category_by_scale``;
  ``TaskScores._probabilities_sum_to_one``, ``_measures_follow_probabilities``,
  ``_unique_keys``): not on the page at all, so a reader could not see that the
  probabilities must sum to 1 or that alpha, beta, gamma follow from them, and could not
  find the check an error message names (``(check im_range)``);
- whether other columns are allowed: ``strict`` was said, its absence not (``CensusScores``
  accepts extra columns, the page did not say so); ``ordered`` was never said;
- a new schema option (``drop_invalid_rows``, a pandera upgrade's new one) would have been
  left out in silence.

Now each model's section has a list "Table-level checks": its key (``Config.unique``), each
check with the name errors quote and its words (the check's ``description``, which pandera
takes from the method's docstring, else its name in words), the column it judges where
known, the allowed columns and their order, and coercion; a schema option the generator
cannot put in words fails the build.
"""

import inspect
import re
import sys
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pytest
from pandera.typing import Series
from sphinx.errors import ExtensionError

from exposure.schemas import all_models

REPO = Path(__file__).resolve().parents[2]
EXT = REPO / "docs" / "_ext"
if str(EXT) not in sys.path:
    sys.path.append(str(EXT))

import exposure_docs  # noqa: E402


def _plain(text: str) -> str:
    """Markdown text as read: escapes dropped, whitespace collapsed."""
    return " ".join(text.replace("\\", "").split())


def _sections(markdown: str) -> dict[str, str]:
    parts = re.split(r"^\(schema-([a-z0-9_]+)\)=$", markdown, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _words_of(check) -> str:
    """What the page must say of ``check``: the first paragraph of its description."""
    text = inspect.cleandoc(check.description or "").strip().split("\n\n")[0]
    return " ".join(text.split()).rstrip(".")


@pytest.fixture(scope="module")
def page():
    return _sections(exposure_docs.tables_markdown())


def test_the_tables_page_is_the_generated_block():
    assert re.search(r"^```\{exposure:tables\}", (REPO / "docs" / "tables.md").read_text(), re.M)


@pytest.mark.parametrize("name", list(all_models()))
def test_every_table_level_check_of_every_model_is_on_the_page(page, name):
    model = all_models()[name]
    schema = model.to_schema()
    section = page[name.lower()]
    head = section.split("| column |", 1)[0]  # the rules come before the column table
    text = _plain(head)
    shown = re.findall(r"^- Check `([^`]+)`", head, re.M)
    assert shown == [c.name for c in schema.checks], (name, shown)
    for check in schema.checks:
        words = _words_of(check)
        if words:
            assert _plain(words) in text, (name, check.name, words)
    if schema.unique:
        keys = [schema.unique] if isinstance(schema.unique, str) else list(schema.unique)
        key = re.search(r"^- Key \((.*?)\):", head, re.M)
        assert key and re.findall(r"`([^`]+)`", key[1]) == keys, (name, keys)
    else:
        assert "- Key (" not in head, name
    assert ("no other column allowed (strict)" in text) == bool(schema.strict), name
    assert ("other columns are allowed" in text) == (not schema.strict), name
    assert ("in this order (ordered)" in text) == bool(schema.ordered), name
    assert ("coerced" in text) == bool(schema.coerce), name


def test_the_checks_of_task_scores_are_told_in_words(page):
    text = _plain(page["taskscores"])
    assert "Check `_probabilities_sum_to_one`: p_e0 + p_e1 + p_e2 = 1 where scored" in text
    assert "Check `_measures_follow_probabilities`: alpha = p_e1, beta = p_e1 + 0.5 p_e2" in text
    ratings = _plain(page["taskratings"])
    assert "Check `im_range` (column `data_value`): IM (importance) values lie in [1, 5]." in ratings
    assert "Key (`onetsoc_code`, `task_id`, `scale_id`, `category`)" in ratings


def test_a_model_that_is_not_strict_says_other_columns_are_allowed(page):
    assert not all_models()["CensusScores"].to_schema().strict
    assert "other columns are allowed and kept (not strict)" in page["censusscores"]


class _Ranged(pa.DataFrameModel):
    """A made-up table with a confidence interval and shares."""

    value: Series[float] = pa.Field(description="Estimate.")
    ci_low: Series[float] = pa.Field(description="Lower bound.")
    ci_high: Series[float] = pa.Field(description="Upper bound.")

    @pa.dataframe_check
    def ci_order(cls, df: pd.DataFrame) -> pd.Series:
        """ci_low <= value <= ci_high on every row.

        A second paragraph that is not shown.
        """
        return (df["ci_low"] <= df["value"]) & (df["value"] <= df["ci_high"])

    @pa.dataframe_check(description="Shares sum to 1.")
    def shares(cls, df: pd.DataFrame) -> bool:
        return True

    @pa.dataframe_check(name="bounds_are_finiteNow")
    def _no_words(cls, df: pd.DataFrame) -> bool:
        return True

    class Config:
        unique = ["value", "ci_low"]
        ordered = True


def test_a_new_dataframe_check_is_shown_from_its_docstring_description_or_name():
    md = exposure_docs.model_markdown("_Ranged", _Ranged)
    text = _plain(md.split("| column |", 1)[0])
    assert "Check `ci_order`: ci_low <= value <= ci_high on every row." in text
    assert "second paragraph" not in text
    assert "Check `shares`: Shares sum to 1." in text
    assert "Check `bounds_are_finiteNow`: Bounds are finite now." in text
    assert "Key (`value`, `ci_low`): no two rows have the same combination of values there." in text
    assert "other columns are allowed and kept (not strict), the listed ones in this order (ordered)." in text
    assert "coerced" not in text


def test_schema_options_that_change_validation_are_told():
    class Filtered(pa.DataFrameModel):
        """Made up."""

        a: Series[int] = pa.Field(description="A.")

        class Config:
            strict = "filter"
            drop_invalid_rows = True
            unique_column_names = True
            coerce = True

    text = _plain(exposure_docs.model_markdown("Filtered", Filtered))
    assert "any other column is dropped" in text
    assert "Rows that fail a check are dropped (not reported)." in text
    assert "Each column name appears once." in text
    assert "Values are converted (coerced) to the declared dtypes before the checks." in text


def test_every_option_of_a_pandera_schema_is_put_in_words_or_is_a_label():
    # a pandera upgrade with a new option fails here (and table_rules refuses a model setting it)
    options = set(inspect.signature(pa.DataFrameSchema.__init__).parameters)
    assert options <= exposure_docs._SCHEMA_LABELS | exposure_docs._SCHEMA_RULES, (
        options - exposure_docs._SCHEMA_LABELS - exposure_docs._SCHEMA_RULES)


@pytest.mark.skipif("parser_source" not in inspect.signature(pa.DataFrameSchema.__init__).parameters,
                    reason="pandera before 0.36 has no parser_source")
def test_a_default_parser_source_is_put_in_words():
    # pandera 0.36 added parser_source (the default source column of derived columns): CI
    # installed it and the option test above failed; the page now says it when a model sets it
    class Derived(pa.DataFrameModel):
        """Made up."""

        body: Series[str] = pa.Field(description="A.")

        class Config:
            parser_source = "body"

    rules = " ".join(exposure_docs.table_rules("Derived", Derived))
    assert "A derived (parsed) column that names no source is computed from `body`." in rules


def test_an_option_the_page_cannot_tell_fails_the_build(monkeypatch):
    class Dropping(pa.DataFrameModel):
        """Made up."""

        a: Series[int] = pa.Field(description="A.")

        class Config:
            drop_invalid_rows = True

    # as if pandera had gained drop_invalid_rows after the generator was written
    monkeypatch.setattr(exposure_docs, "_SCHEMA_RULES", exposure_docs._SCHEMA_RULES - {"drop_invalid_rows"})
    with pytest.raises(ExtensionError, match=r"Dropping sets drop_invalid_rows=True, which the tables page"):
        exposure_docs.model_markdown("Dropping", Dropping)
