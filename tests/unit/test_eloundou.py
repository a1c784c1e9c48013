"""Readers of the Eloundou et al. (2023) label files, on hand-written fixtures."""

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError, SchemaError
from exposure.measures.eloundou import LABELERS, read_occ_level, read_task_labels
from exposure.rollup import scores_from_labels, to_occupations
from exposure.scoring._evaluate import occupation_means
from exposure.scoring._train import training_frame


def test_read_task_labels_fixture(fixtures):
    labels = read_task_labels(fixtures / "scoring" / "labels_tiny.tsv")
    assert list(labels.columns) == [
        "onetsoc_code", "task_id", "task", "task_type", "title", "human_exposure_agg",
        "gpt4_exposure", "gpt4_exposure_alt_rubric", "gpt_3_relevant", "gpt4_automation"]
    assert labels["task_id"].tolist() == [101, 102, 201, 202]
    assert labels["task_id"].dtype == "int64"
    assert labels["human_exposure_agg"].tolist() == ["E1", "E2", "E0", "E2"]
    assert labels["gpt4_exposure"].tolist() == ["E1", "E1", "E0", "E2"]
    assert labels["task_type"].isna().tolist() == [False, False, False, True]
    assert labels["gpt_3_relevant"].tolist() == [True, False, False, False]
    # double quotes inside a task text are kept
    assert labels.loc[1, "task"] == 'File records in cabinets by "date" and subject.'


def test_read_task_labels_bad_label_names_row(tmp_path, fixtures):
    text = (fixtures / "scoring" / "labels_tiny.tsv").read_text().replace("\tE0\tE0\tE0\t", "\tE9\tE0\tE0\t")
    bad = tmp_path / "labels.tsv"
    bad.write_text(text)
    with pytest.raises(SchemaError) as info:
        read_task_labels(bad)
    assert info.value.row == 4 and info.value.column == "human_exposure_agg"
    assert "labels.tsv" in str(info.value)


def test_read_task_labels_non_integer_id(tmp_path, fixtures):
    text = (fixtures / "scoring" / "labels_tiny.tsv").read_text().replace("\t201.0\t", "\t201.5\t")
    bad = tmp_path / "labels.tsv"
    bad.write_text(text)
    with pytest.raises(DataFormatError, match="not an integer") as info:
        read_task_labels(bad)
    assert info.value.row == 4 and info.value.column == "Task ID"


def test_read_task_labels_missing_column_and_file(tmp_path):
    bad = tmp_path / "labels.tsv"
    bad.write_text("\tO*NET-SOC Code\tTask ID\n0\t11-1011.00\t1.0\n")
    with pytest.raises(DataFormatError, match="missing column"):
        read_task_labels(bad)
    with pytest.raises(DataFormatError, match="not found"):
        read_task_labels(tmp_path / "absent.tsv")


def test_read_occ_level_fixture(fixtures):
    occ = read_occ_level(fixtures / "scoring" / "occ_level_tiny.csv")
    assert occ["onetsoc_code"].tolist() == ["43-9061.00", "47-2021.00"]
    assert occ.loc[0, "title"] == "Office Clerks, General"
    assert occ.loc[0, "human_beta"] == pytest.approx(2.5 / 3)
    assert occ.loc[1, "gpt4_gamma"] == pytest.approx(1 / 3)


def test_occ_level_matches_task_labels(fixtures):
    """The occupation file is the Core=2 / other=1 weighted mean of the task labels."""
    labels = read_task_labels(fixtures / "scoring" / "labels_tiny.tsv")
    rows = training_frame(labels)
    means = occupation_means(np.eye(3)[rows["y"]], rows["onetsoc_code"], rows["weight"])
    occ = read_occ_level(fixtures / "scoring" / "occ_level_tiny.csv").set_index("onetsoc_code")
    for m in ("alpha", "beta", "gamma"):
        pd.testing.assert_series_equal(means[m], occ[f"human_{m}"], check_names=False)


def test_read_task_labels_bad_gpt3_flag_names_row(tmp_path, fixtures):
    text = (fixtures / "scoring" / "labels_tiny.tsv").read_text().replace("\tTrue\tT2\t", "\tyes\tT2\t")
    bad = tmp_path / "labels.tsv"
    bad.write_text(text)
    with pytest.raises(DataFormatError, match="expected True or False") as info:
        read_task_labels(bad)
    assert info.value.row == 2 and info.value.column == "gpt_3_relevant"


@pytest.mark.parametrize("labeler", sorted(LABELERS))
def test_labelers_name_the_columns_of_both_readers(fixtures, labeler):
    """The contract: each labeler's task labels roll up to its occupation columns.

    With core weights, the column ``LABELERS[labeler]`` gives ``{labeler}_{measure}``.
    """
    labels = read_task_labels(fixtures / "scoring" / "labels_tiny.tsv")
    occ = read_occ_level(fixtures / "scoring" / "occ_level_tiny.csv").set_index("onetsoc_code")
    ours = to_occupations(scores_from_labels(labels, LABELERS[labeler]), weights="core")
    ours = ours.set_index("onetsoc_code").loc[occ.index]
    for m in ("alpha", "beta", "gamma"):
        np.testing.assert_allclose(ours[m].to_numpy(), occ[f"{labeler}_{m}"].to_numpy(), rtol=0, atol=1e-12)


def test_read_task_labels_names_a_task_given_twice(tmp_path, fixtures):
    """A repeated task said only "check multiple_fields_uniqueness: '(the row)'", naming no column."""
    lines = (fixtures / "scoring" / "labels_tiny.tsv").read_text().splitlines()
    bad = tmp_path / "labels.tsv"
    bad.write_text("\n".join([*lines, lines[1]]) + "\n")
    with pytest.raises(DataFormatError) as info:
        read_task_labels(bad)
    assert info.value.row == len(lines) + 1 and info.value.column == "Task ID"
    assert f"is given twice (rows 2 and {len(lines) + 1}): keep one row per task" in str(info.value)
