"""Round 65, area ``load``: the shipped tables and schema validation as a user reaches them.

1. ``exposure.schemas.validate(frame, model)`` of a frame indexed by its key
   (``soc.set_index("soc_code")``, ``scores.set_index(["onetsoc_code", "task_id"])``):
   ``column 'soc_code' is missing (SocScores requires it)``, of a frame that holds the
   codes (``validate`` drops the index). Now the column is said to be a level of the
   index, as the roll-ups and ``score_tasks`` say it: ``... column 'soc_code' is missing
   (SocScores requires it): it is a level of the frame's index; frame.reset_index() makes
   it a column again`` (:func:`exposure.schemas._base.check_index_levels`). A frame that
   keeps the column besides (``drop=False``) is validated as before.
2. ``exposure.load(name, release=float("nan"))`` (a blank cell of a settings file read as
   NaN; also ``pd.NA``, ``NaT``, infinity), ``tables_dir`` and ``load_manifest``: the
   missing value was looked for as a release, ``no processed tables for release 'nan':
   ... run `exposure recompute --onet-release ... --oews-release ...``` (an
   ``ExposureError`` telling to recompute). Now a ``DataFormatError`` naming the argument:
   ``release is float nan, which names no release (a blank cell read as a missing
   value?): give an O*NET release ('29.1'), ...``. ``2025.0`` and ``29.1`` are read as
   before.
3. ``exposure validate --file TABLE PATH``: every run of spaces in the error line was cut
   to one. ``--file job_zones "jz  two.txt"`` named a file ``jz two.txt`` that is not
   there; ``--file job_zones " jz.txt"`` (a path pasted with a space) said ``jz.txt: file
   not found`` of a file that is there; a cell quoted in the message (``got text
   '11-1011.  00'``) was shown as another value. Now the line says what the error says
   (a message of several lines is still joined into one).
4. ``exposure.load("sectors", directory=d)`` of a ``sector_scores.parquet`` holding the
   subsectors (``to_sectors(..., level="subsector")`` saved under the sectors' name) or
   both levels in one file, and ``load("subsectors", ...)`` of the sectors: returned
   without a word, as the sectors (both tables have the model ``SectorScores``, which
   takes either level; ``exposure diff`` refuses them). Now a ``DataFormatError`` naming
   the file, the first such row (from 1) and the column: ``d/sector_scores.parquet, row
   1, column 'level': level must be 'sector' in this table, got 'subsector': the rows of
   level 'subsector' belong in subsector_scores.parquet; write each level to its own
   table``. ``validate=False`` reads the file as it is.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

import exposure
from exposure._io import write_parquet
from exposure._load import load_manifest, processed_dir, tables_dir
from exposure.errors import DataFormatError, SchemaError
from exposure.fetch import DataStore
from exposure.schemas import TaskDigests, validate

DIGESTS = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [1, 2],
                        "task_type": ["Core", "Supplemental"],
                        "text_digest": ["0123456789abcdef", "fedcba9876543210"],
                        "dwa_digest": ["e3b0c44298fc1c14", "e3b0c44298fc1c14"]})


# 1. a column of the model that is a level of the frame's index

def test_validate_names_a_key_column_that_is_the_index():
    with pytest.raises(SchemaError) as err:
        validate(DIGESTS.set_index("task_id"), TaskDigests, path="digests.parquet")
    assert err.value.column == "task_id"
    assert str(err.value) == (
        "digests.parquet, column 'task_id': column 'task_id' is missing (TaskDigests requires it): it is a "
        "level of the frame's index; frame.reset_index() makes it a column again")
    # the key kept as a column besides: validated as before; a column in neither: told as before
    pd.testing.assert_frame_equal(validate(DIGESTS.set_index("task_id", drop=False), TaskDigests),
                                  validate(DIGESTS, TaskDigests))
    with pytest.raises(SchemaError, match="column 'task_id' is missing \\(TaskDigests requires it\\)$"):
        validate(DIGESTS.drop(columns="task_id"), TaskDigests)


def test_validate_names_every_key_column_of_a_multiindex():
    with pytest.raises(SchemaError) as err:
        validate(DIGESTS.set_index(["onetsoc_code", "task_id"]), TaskDigests)
    assert err.value.column == "onetsoc_code"
    assert ("columns 'onetsoc_code', 'task_id' are missing (TaskDigests requires them): they are levels of the "
            "frame's index; frame.reset_index() makes them columns again") in str(err.value)


# 2. a missing release

@pytest.fixture
def store(tmp_path):
    return DataStore(cache=tmp_path / "cache", home=tmp_path / "home")


@pytest.mark.parametrize("release", [float("nan"), np.float32("nan"), pd.NA, pd.NaT])
def test_load_refuses_a_missing_release(release, store):
    with pytest.raises(DataFormatError) as err:
        exposure.load("soc", release=release, store=store)
    assert str(err.value).startswith("release is ")
    assert ("which names no release (a blank cell read as a missing value?): give an O*NET release ('29.1'), an "
            "OEWS year ('2025') or an output name ('onet-29.1_oews-2025'), or leave it out (None)") in str(err.value)


def test_tables_dir_and_load_manifest_refuse_nan_and_infinity(store):
    with pytest.raises(DataFormatError, match="^release is float nan, which names no release"):
        tables_dir(float("nan"), store=store)
    with pytest.raises(DataFormatError, match="^release is float inf, which names no release: give"):
        load_manifest(release=float("inf"), store=store)
    # a release typed as a number is read as before
    assert tables_dir(2025.0, store=store) == processed_dir()
    assert tables_dir(np.float32(29.1), store=store) == processed_dir()
    assert len(exposure.load("soc", release=29.1, store=store)) > 0


# 3. exposure validate --file: the error line as the error says it

ZONES = "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n{code}\t{zone}\t08/2023\tAnalyst\r\n"


def test_validate_file_names_a_file_with_two_spaces_as_it_is(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "jz  two.txt").write_text(ZONES.format(code="11-1011.00", zone=9), encoding="utf-8", newline="")
    code, _, err = cli(capsys, "validate", "--file", "job_zones", "jz  two.txt")
    line = one_error_line(err, command="validate")
    assert code == 2
    assert line.startswith("exposure validate: error: job_zones: jz  two.txt, row 2, column 'Job Zone': ")


def test_validate_file_keeps_the_space_of_a_pasted_path(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "jz.txt").write_text(ZONES.format(code="11-1011.00", zone=5), encoding="utf-8", newline="")
    code, _, err = cli(capsys, "validate", "--file", "job_zones", " jz.txt")
    line = one_error_line(err, command="validate")
    assert code == 2
    assert line.startswith("exposure validate: error: job_zones:  jz.txt: "), line  # not "jz.txt: file not found"


def test_validate_file_quotes_a_cell_as_it_is(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "jz.txt").write_text(ZONES.format(code="11-1011.  00", zone=5), encoding="utf-8", newline="")
    code, _, err = cli(capsys, "validate", "--file", "job_zones", "jz.txt")
    line = one_error_line(err, command="validate")
    assert code == 2
    assert "'11-1011.  00'" in line, line


# 4. a table of industries of the other level

@pytest.fixture
def sectors():
    return exposure.load("sectors").head(3), exposure.load("subsectors").head(2)


def test_load_sectors_refuses_the_subsectors(tmp_path, sectors):
    _, sub = sectors
    write_parquet(sub, tmp_path / "sector_scores.parquet")
    with pytest.raises(DataFormatError) as err:
        exposure.load("sectors", directory=tmp_path)
    assert (err.value.row, err.value.column) == (1, "level")
    assert str(err.value) == (
        f"{tmp_path / 'sector_scores.parquet'}, row 1, column 'level': level must be 'sector' in this table, got "
        "'subsector': the rows of level 'subsector' belong in subsector_scores.parquet; write each level to its "
        "own table")
    assert len(exposure.load("sectors", directory=tmp_path, validate=False)) == 2  # read as it is


def test_load_sectors_refuses_both_levels_in_one_file(tmp_path, sectors):
    sec, sub = sectors
    write_parquet(pd.concat([sec, sub], ignore_index=True), tmp_path / "sector_scores.parquet")
    with pytest.raises(DataFormatError, match="row 4, column 'level': level must be 'sector' in this table"):
        exposure.load("sector_scores", directory=tmp_path)


def test_load_subsectors_refuses_the_sectors_and_reads_its_own(tmp_path, sectors):
    sec, sub = sectors
    write_parquet(sec, tmp_path / "subsector_scores.parquet")
    with pytest.raises(DataFormatError, match="level must be 'subsector' in this table, got 'sector': the rows of "
                                              "level 'sector' belong in sector_scores.parquet"):
        exposure.load("subsectors", directory=tmp_path)
    write_parquet(sub, tmp_path / "subsector_scores.parquet")
    write_parquet(sec, tmp_path / "sector_scores.parquet")
    assert exposure.load("subsectors", directory=tmp_path)["level"].tolist() == ["subsector"] * 2
    assert exposure.load("sectors", directory=tmp_path)["level"].tolist() == ["sector"] * 3
