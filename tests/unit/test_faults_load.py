"""Faults of ``exposure.load`` and ``load_manifest`` on bad files (hunt item 11).

Cases the code before this fix got wrong: ``load("measures")`` on an empty
``reports/measures_table.csv`` (pandas ``EmptyDataError``), on one without ``soc_code``
(``KeyError``), and on one with a measure that is not a number or outside 0 to 1
(returned as it was, although ``validate=True`` is the default); ``load_manifest`` on bad
JSON (``json.JSONDecodeError``); and a directory of the user data directory whose
``manifest.json`` is a JSON array, has ``"releases": 5`` or is not JSON, which broke
every ``exposure.load`` (``AttributeError``, ``TypeError``, or the table "not found" in it).
"""

from __future__ import annotations

import json
import logging
import os

import pandas as pd
import pytest

from exposure._io import write_parquet
from exposure._load import load, load_manifest, processed_dir, recomputes, tables_dir
from exposure.errors import DataFormatError, ExposureError
from exposure.fetch import DataStore

pytestmark = pytest.mark.filterwarnings("error")  # no warning may leak from these faults


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """An empty user data directory ($EXPOSURE_HOME), for every test of this module."""
    path = tmp_path / "home"
    monkeypatch.setenv("EXPOSURE_HOME", str(path))
    return path


def _measures(directory, text: str):
    (directory / "reports").mkdir(parents=True, exist_ok=True)
    path = directory / "reports" / "measures_table.csv"
    path.write_text(text)
    return path


# ------------------------------------------------------------------------- measures table
@pytest.mark.parametrize(
    ("text", "reason", "row", "column"),
    [
        ("", "file is empty", None, None),
        ("a,b\n1,2\n", "missing column 'soc_code' (columns are ['a', 'b'])", 1, None),
        ("soc_code,beta\n11-1011,0.5\n11-1021,abc\n", "not a number: 'abc'", 3, "beta"),
        ("soc_code,beta\n11-1011,0.5\n11-1021,7\n", "beta is a fraction, from 0 to 1; got 7.0",
         3, "beta"),
        ("soc_code,webb_ai,felten_aioe\n11-1011,0.5,-2.5\n11-1021,0.3,inf\n",
         "felten_aioe is a z-score, a finite number; got inf", 3, "felten_aioe"),
        ("soc_code,tot_emp,beta\n11-1011,-5,0.5\n", "tot_emp is a number of workers, 0 or more; "
         "got -5.0", 2, "tot_emp"),
        ("soc_code,beta\n11-1011,0.5\n11-101,0.2\n",
         "soc_code not a SOC code (like 11-1011): '11-101'", 3, "soc_code"),
        ("soc_code,beta\n11-1011,0.1\n11-1021,0.2\n11-1011,0.3\n",
         "SOC code '11-1011' appears twice (rows 2 and 4)", 4, "soc_code"),
        ("soc_code,beta\n11-1011,0.1\n11-1021,0.2,0.3\n", "too many fields: expected 2, got 3", 3,
         None),
    ],
    ids=["empty", "no-soc_code", "not-a-number", "fraction-above-1", "z-score-inf",
         "negative-employment", "bad-soc-code", "repeated-code", "ragged-line"],
)
def test_bad_measures_table_is_a_data_format_error_naming_file_row_column(
        tmp_path, text, reason, row, column):
    path = _measures(tmp_path, text)
    with pytest.raises(DataFormatError) as excinfo:
        load("measures", directory=tmp_path)
    err = excinfo.value
    assert err.path == str(path) and err.reason.startswith(reason)
    assert (err.row, err.column) == (row, column)
    assert str(err).startswith(str(path))


def test_measures_on_their_own_scales_load_and_validate_false_reads_as_is(tmp_path):
    """Felten's AIOE are z-scores (outside 0 to 1), gaps are missing values; beta 7 is refused."""
    text = ("soc_code,tot_emp,felten_aioe,webb_ai,beta\n"
            "11-1011,204350,-2.5,0.28,\n11-1021,,1.33,,0.4\n")
    _measures(tmp_path, text.replace("0.4", "7"))
    with pytest.raises(DataFormatError, match=r"row 3, column 'beta': .* from 0 to 1; got 7\.0"):
        load("measures", directory=tmp_path)
    assert load("measures", directory=tmp_path, validate=False)["beta"].tolist()[1] == 7
    _measures(tmp_path, text)
    got = load("measures", directory=tmp_path)
    assert got["felten_aioe"].tolist() == [-2.5, 1.33] and got["soc_code"].tolist() == [
        "11-1011", "11-1021"]
    assert pd.isna(got["beta"].iloc[0]) and got.attrs["exposure_directory"] == str(tmp_path)


# ------------------------------------------------------------------------------- manifest
@pytest.mark.parametrize(
    ("text", "reason", "line"),
    [
        ("{oops", "not valid JSON: Expecting property name enclosed in double quotes", 1),
        ('{\n"format": 1,\n}', "not valid JSON: ", 3),  # the wording varies by Python
        ("", "file is empty", None),
        ("[]", "must hold a JSON object, got a JSON array", None),
        ('{"releases": 5}', "'releases' must be a JSON object", None),
    ],
    ids=["bad-json", "trailing-comma", "empty", "array", "releases-number"],
)
def test_load_manifest_of_a_bad_file_is_a_data_format_error_naming_it(tmp_path, text, reason,
                                                                       line):
    path = tmp_path / "manifest.json"
    path.write_text(text)
    with pytest.raises(DataFormatError) as excinfo:
        load_manifest(tmp_path)
    err = excinfo.value
    assert err.path == str(path) and err.reason.startswith(reason) and err.line == line
    assert str(err).startswith(str(path) + (f", line {line}" if line else ":"))


# -------------------------------------------------------- stray manifests in the user home
def _digests(directory):
    frame = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "task_type": ["Core"],
                          "text_digest": ["00000000000000aa"], "dwa_digest": ["e3b0c44298fc1c14"]})
    write_parquet(frame, directory / "task_digests.parquet")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"[]", "must hold a JSON object, got a JSON array"),
        (b'{"releases": 5}', "'releases' must be a JSON object"),
        (b"{oops", "not valid JSON"),
        (b'{"releases": {"onet": "31.0"}}\xff', "is not valid UTF-8"),
    ],
    ids=["array", "releases-number", "bad-json", "not-utf8"],
)
@pytest.mark.parametrize("with_recompute", [False, True], ids=["alone", "beside-a-recompute"])
def test_a_malformed_manifest_in_the_user_home_is_skipped_with_a_warning(
        tmp_path, caplog, content, reason, with_recompute):
    home = tmp_path / "store"
    store = DataStore(cache=home, home=home)
    good = home / "processed" / "onet-31.0_oews-2026"
    if with_recompute:
        good.mkdir(parents=True)
        _digests(good)
        (good / "manifest.json").write_text(json.dumps({"releases": {"onet": "31.0",
                                                                     "oews": "2026"}}))
        os.utime(good / "manifest.json", (1_000_000, 1_000_000))
    stray = home / "processed" / "notes"
    stray.mkdir(parents=True)
    (stray / "manifest.json").write_bytes(content)  # the newest manifest
    expected = good if with_recompute else processed_dir()
    with caplog.at_level(logging.WARNING, logger="exposure._load"):
        first = load("task_digests", store=store)
        second = load("task_digests", store=store)
    assert first.attrs["exposure_directory"] == second.attrs["exposure_directory"] == str(expected)
    assert [p for p, _ in recomputes(store)] == ([good] if with_recompute else [])
    assert tables_dir(store=store) == expected
    skipped = [r.getMessage() for r in caplog.records if "skipped" in r.getMessage()]
    assert len(skipped) == 1, skipped  # once, not at every load
    assert str(stray / "manifest.json") in skipped[0] and reason in skipped[0]


@pytest.mark.parametrize("name, plain", [("SOC", "soc"), (" soc_scores ", "soc_scores"), ("Task_Scores", "task_scores")])
def test_load_names_a_table_name_in_capitals_or_with_spaces(name, plain):
    """``load("SOC")`` listed every table, not saying that the name is 'soc'."""
    with pytest.raises(ExposureError, match=rf"^unknown table {name!r}: table names are written in lower case, "
                                            rf"without spaces around them: {plain!r}$"):
        load(name)
