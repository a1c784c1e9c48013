"""Fault round 51 (load): ``exposure.load``'s arguments and the numbers a roll-up records.

Faults found and fixed:

1. ``exposure.load(name, release=["29.1"])`` (a list, as for ``measures=``) was not
   checked: ``no processed tables for release "['29.1']"``, as if the release were
   missing. So were ``release=True`` (``release 'True'``) and a dict. Now refused naming
   the argument and what it takes (an O*NET release, an OEWS year or an output name);
   the same in :func:`exposure._load.load_manifest` and :func:`exposure._load.tables_dir`.
2. ``release=2025.0`` (a float, as a notebook user types a year; also
   ``np.float32(2025)``) did not match OEWS 2025: ``no processed tables for release
   '2025.0'``. A whole number is now the year it names; ``29.1`` was and is O*NET 29.1.
3. ``release=""`` said ``no processed tables for release ''`` and ``release=" 29.1"``
   (pasted with a space) the same of ``' 29.1'``: now said to be empty, or given with
   spaces around it (naming ``'29.1'``).
4. ``directory="out\\0"`` (a NUL character) said ``directory not found`` of a path shown
   with the NUL in it; now refused as :func:`exposure._args.check_path` refuses it.
5. ``rollup(level=np.float32(0.9))`` recorded ``0.8999999761581421`` in its ``settings``
   and in ``coverage.json``, and computed the intervals at that level; a float32 (or
   float16) is now read as the decimal number it shows, 0.9: the same settings and tables
   as ``level=0.9``. :func:`check_level` (and so ``OccupationDraws.interval`` and
   ``workforce_stats``) reads it so; its message showed ``np.float32(95.0)``.
6. ``rollup(gain=np.float32(0.3))`` wrote ``gain`` 0.30000001192092896 into the
   ``working_time`` table and the settings (and ``saveable_share`` 0.15000000596...).
7. ``rollup(weights=np.str_("equal"))`` kept the numpy string in ``settings``
   (``{'weights': np.str_('equal')}``); settings now hold plain Python values.
8. ``to_occupations(weights="Core")`` said only ``unknown weights 'Core'``: now says to
   write ``'core'`` (the choices are case-sensitive).
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import exposure
from exposure._load import load_manifest, processed_dir, tables_dir
from exposure.errors import DataFormatError
from exposure.fetch import DataStore
from exposure.rollup import OccupationDraws, label_scores, rollup, to_occupations
from exposure.rollup._occupations import check_level


@pytest.fixture()
def store(tmp_path):
    """A user data directory without recomputes: the shipped tables are read."""
    home = tmp_path / "home"
    home.mkdir()
    return DataStore(cache=home, home=home)


def _recompute(store: DataStore, onet: str, oews: str):
    out = store.outputs / f"onet-{onet}_oews-{oews}"
    out.mkdir(parents=True)
    (out / "manifest.json").write_text(json.dumps({"format": 1, "releases": {"onet": onet, "oews": oews}}))
    return out


# --- 1. release of another type ---------------------------------------------------------

@pytest.mark.parametrize("release, shown", [(["29.1"], "list ['29.1']"), (True, "bool True"),
                                             ({"onet": "29.1"}, "dict")])
def test_release_of_another_type_is_named(store, release, shown):
    with pytest.raises(DataFormatError, match=r"release must be an O\*NET release") as err:
        exposure.load("soc", release=release, store=store)
    assert f"got {shown}" in str(err.value)
    assert "no processed tables" not in str(err.value)


def test_release_checked_by_load_manifest_and_tables_dir(store):
    for call in (lambda: load_manifest(release=["29.1"], store=store),
                 lambda: tables_dir(["29.1"], store=store)):
        with pytest.raises(DataFormatError, match=r"release must be .*got list \['29.1'\]"):
            call()


# --- 2. a year given as a number --------------------------------------------------------

@pytest.mark.parametrize("release", [2025.0, np.float32(2025), np.float64(2025.0), np.int64(2025), 29.1,
                                     np.float32(29.1)])
def test_release_as_number_reads_shipped(store, release):
    frame = exposure.load("soc", release=release, store=store)
    assert frame.attrs["exposure_directory"] == str(processed_dir())


def test_release_float_year_picks_recompute(store):
    _recompute(store, "29.1", "2024")
    newer = _recompute(store, "30.0", "2026")
    assert tables_dir(2026.0, store=store) == newer
    assert tables_dir(30.0, store=store) == newer  # O*NET 30.0 typed as a float is still found
    assert load_manifest(newer, release=2026.0)["releases"]["oews"] == "2026"


# --- 3. an empty release, or one with spaces --------------------------------------------

def test_release_empty_or_padded(store):
    with pytest.raises(DataFormatError, match="release is empty"):
        exposure.load("soc", release="", store=store)
    with pytest.raises(DataFormatError, match=r"release ' 29\.1' has spaces around it: write '29\.1'"):
        exposure.load("soc", release=" 29.1", store=store)


# --- 4. a NUL in the directory ----------------------------------------------------------

def test_directory_with_nul_refused():
    with pytest.raises(DataFormatError, match=r"directory 'out\\x00' holds a NUL character"):
        exposure.load("soc", directory="out\0")


# --- 5-7. numbers a roll-up records --------------------------------------------------------

def _inputs():
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "13-1021.00", "13-1021.00"],
                       "task_id": [1, 2, 3, 4], "label": ["E1", "E0", "E2", "E1"]})
    ts = pd.concat([ts, label_scores(ts["label"])], axis=1)
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "soc_code": ["11-1011", "13-1021"]})
    emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011", "13-1021"],
                        "o_group": "detailed", "tot_emp": [100.0, 300.0]})
    return ts, xw, emp


def test_float32_level_recorded_and_used_as_shown(tmp_path):
    ts, xw, emp = _inputs()
    r32 = rollup(ts, xw, emp, weights="equal", n_draws=40, level=np.float32(0.9))
    r64 = rollup(ts, xw, emp, weights="equal", n_draws=40, level=0.9)
    assert r32.settings["level"] == 0.9 and type(r32.settings["level"]) is float
    for a, b in zip(r32.tables().values(), r64.tables().values(), strict=True):
        pd.testing.assert_frame_equal(a, b)
    r32.write(tmp_path / "out")
    assert json.loads((tmp_path / "out" / "coverage.json").read_text())["settings"]["level"] == 0.9
    assert check_level(np.float16(0.9)) == 0.9
    draws = OccupationDraws(np.array(["11-1011.00"]), {"beta": np.linspace(0, 1, 11)[:, None]}, 0, False)
    assert [float(v[0]) for v in draws.interval("beta", np.float32(0.9))] == \
        [float(v[0]) for v in draws.interval("beta", 0.9)]


def test_level_message_shows_plain_number():
    with pytest.raises(exposure.errors.ExposureError, match=r"got float32 95\.0$"):
        check_level(np.float32(95))


def test_float32_gain_in_working_time_and_settings():
    ts, xw, emp = _inputs()
    r = rollup(ts, xw, emp, weights="equal", gain=np.float32(0.3))
    assert r.settings["gain"] == 0.3
    assert r.working_time["gain"].tolist() == [0.3] * len(r.working_time)
    ref = rollup(ts, xw, emp, weights="equal", gain=0.3)
    pd.testing.assert_frame_equal(r.working_time, ref.working_time)


def test_settings_hold_plain_python_values():
    ts, xw, emp = _inputs()
    r = rollup(ts, xw, emp, weights=np.str_("equal"), combine=np.str_("equal"), n_draws=np.int64(4),
               seed=np.uint32(7), level=np.float64(0.8), gain=np.float16(0.5))
    assert {k: type(v) for k, v in r.settings.items()} == {
        "weights": str, "combine": str, "n_draws": int, "seed": int, "gain": float, "level": float}
    assert repr(r.settings) == ("{'weights': 'equal', 'combine': 'equal', 'n_draws': 4, 'seed': 7, "
                                "'gain': 0.5, 'level': 0.8}")


# --- 8. a weights choice in another case -------------------------------------------------

def test_weights_in_another_case_hint():
    ts, _, _ = _inputs()
    with pytest.raises(DataFormatError, match=r"unknown weights 'Core'.*write 'core' \(the choices are "
                                              r"case-sensitive\)"):
        to_occupations(ts, weights="Core")
