"""Round 52: numbers narrower than 64 bits, and other values, in JSON files and roll-up arguments.

A user follows the README with their own numbers: a confidence level, a gain or a
threshold taken from a float32 column or a ``np.float32`` config value, settings and
manifests built from numpy values. Round 51 made ``rollup()`` read a float32 as the decimal
it shows (:func:`exposure._args.as_shown`); the JSON writer and the functions of
``rollup/_sectors.py`` called on their own did not.

Faults found and fixed:

1. ``exposure._io.write_json`` (``coverage.json``, ``timings.json``, ``outcomes.json``)
   wrote a ``np.float32(0.9)`` as ``0.8999999761581421`` and a ``np.float16(0.1)`` as
   ``0.0999755859375``: written as the decimal they show (``0.9``, ``0.1``); float64 values
   are written exactly as before.
2. A float32 array was written as ``[0.8999999761581421, 0.30000001192092896]``: as shown.
3. A ``np.longdouble`` failed with ``RecursionError: maximum recursion depth exceeded``:
   written as the number (a finite one beyond the double range is refused).
4. NaN and infinities were written as ``NaN`` / ``Infinity``, which is not JSON (strict
   readers, ``jq``, JavaScript's ``JSON.parse``, refuse the file): written as ``null``, as
   the pipeline's manifest entries are.
5. A dict keyed by numpy numbers (``{np.int64(2024): ...}``) failed with ``TypeError: keys
   must be str, int, float, bool or None, not int64``; keys of several types (``{"a": 1,
   2: 3}``) with ``TypeError: '<' not supported between instances of 'int' and 'str'``:
   written, keys as JSON writes them (``"2024"``), a time as its text (as a time value is);
   two keys that JSON writes alike (``1`` and ``"1"``: a file with the key twice) are
   refused, naming the file and both keys.
6. A pandas Series or DataFrame was written as its printed text (``"0    0.5\\ndtype:
   float64"``), read back as a string: refused, naming the file and where it is.
7. A ``decimal.Decimal`` was written as text (``"0.1"``): written as a number.
8. ``working_time(soc, gain=np.float32(0.3))`` called on its own wrote ``gain``
   0.30000001192092896 and saveable shares off in the 8th digit (``rollup()`` reads it as
   0.3): read as the decimal it shows; so is ``check_gain``.
9. ``working_time(soc, hours=np.float32(37.7))``: ``saveable_hours`` used
   37.70000076293945: read as 37.7.
10. ``to_sectors(soc, emp, exposed_threshold=np.float32(0.7))`` used 0.699999988079071:
    an occupation with beta 0.7, not above the threshold, was counted in
    ``exposed_workers``: read as 0.7.
"""

from __future__ import annotations

import decimal
import json

import numpy as np
import pandas as pd
import pytest

from exposure._io import write_json
from exposure.errors import DataFormatError
from exposure.rollup import to_sectors, working_time
from exposure.rollup._sectors import check_fraction, check_gain


def _strict(text: str):
    """``json.loads`` refusing ``NaN`` and ``Infinity``, as strict JSON readers do."""
    def refuse(name):
        raise ValueError(f"not JSON: {name}")
    return json.loads(text, parse_constant=refuse)


# 1, 2. float32 / float16 as the decimal they show ------------------------------------------


def test_fault1_float32_scalars_written_as_shown(tmp_path):
    obj = {"level": np.float32(0.9), "gain": np.float16(0.1), "third": np.float32(1 / 3),
           "exact": 0.1 + 0.2, "f64": np.float64(0.1 + 0.2)}
    text = write_json(obj, tmp_path / "m.json").read_text()
    back = _strict(text)
    assert back["level"] == 0.9 and back["gain"] == 0.1 and back["third"] == 0.33333334
    # float64 values exactly as before (committed outputs unchanged)
    assert '"exact": 0.30000000000000004' in text and '"f64": 0.30000000000000004' in text


def test_fault2_float32_arrays_written_as_shown(tmp_path):
    obj = {"levels": np.array([0.9, 0.3], dtype=np.float32),
           "grid": np.array([[0.1, 0.7]], dtype=np.float16),
           "wide": np.array([0.1 + 0.2])}
    back = _strict(write_json(obj, tmp_path / "m.json").read_text())
    assert back["levels"] == [0.9, 0.3]
    assert back["grid"] == [[0.1, 0.7]]
    assert back["wide"] == [0.30000000000000004]


# 3. long double ---------------------------------------------------------------------------


def test_fault3_longdouble_written_as_number(tmp_path):
    back = _strict(write_json({"x": np.longdouble(0.5)}, tmp_path / "m.json").read_text())
    assert back == {"x": 0.5}
    with pytest.raises(DataFormatError, match=r"big\.json.*1e\+400 at \['x'\] is beyond the range of a double"):
        write_json({"x": np.longdouble("1e400")}, tmp_path / "big.json")
    assert not (tmp_path / "big.json").exists()


# 4. NaN and infinities --------------------------------------------------------------------


def test_fault4_nan_and_infinity_written_as_null(tmp_path):
    obj = {"share": float("nan"), "f32": np.float32("nan"), "inf": float("inf"),
           "list": [1.0, np.nan], "arr": np.array([np.nan, 0.5], dtype=np.float32)}
    back = _strict(write_json(obj, tmp_path / "m.json").read_text())
    assert back == {"share": None, "f32": None, "inf": None, "list": [1.0, None], "arr": [None, 0.5]}


# 5. keys ----------------------------------------------------------------------------------


def test_fault5_numpy_and_mixed_keys_written(tmp_path):
    obj = {"years": {np.int64(2024): 1, np.int64(2019): 2}, "mixed": {"a": 1, 2: 3, None: 4},
           "levels": {np.float32(0.9): "a"}, "when": {pd.Timestamp("2024-05-01"): 1}}
    back = _strict(write_json(obj, tmp_path / "m.json").read_text())
    assert back["years"] == {"2019": 2, "2024": 1}
    assert back["mixed"] == {"2": 3, "a": 1, "null": 4}
    assert back["levels"] == {"0.9": "a"}
    assert back["when"] == {"2024-05-01 00:00:00": 1}  # as a time value is written: its text


def test_fault5_keys_written_alike_refused(tmp_path):
    path = tmp_path / "m.json"
    with pytest.raises(DataFormatError, match=r"m\.json.*keys 1 and '1'.*both written '1'"):
        write_json({"years": {1: "a", "1": "b"}}, path)
    assert not path.exists()


# 6. pandas objects ------------------------------------------------------------------------


@pytest.mark.parametrize("value", [pd.Series([0.5, 0.25]), pd.DataFrame({"a": [1]})],
                         ids=["series", "frame"])
def test_fault6_pandas_objects_refused(tmp_path, value):
    path = tmp_path / "m.json"
    with pytest.raises(DataFormatError, match=r"m\.json.*pandas.*\['settings'\]\['shares'\]"):
        write_json({"settings": {"shares": value}}, path)
    assert not path.exists()


# 7. Decimal -------------------------------------------------------------------------------


def test_fault7_decimal_written_as_number(tmp_path):
    back = _strict(write_json({"x": decimal.Decimal("0.1")}, tmp_path / "m.json").read_text())
    assert back == {"x": 0.1}


# 8-10. roll-up arguments ------------------------------------------------------------------


SOC = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "soc_title": ["A", "B"],
                    "beta": [0.25, 0.5], "tot_emp": [10.0, 30.0]})


def test_fault8_gain_float32_read_as_shown():
    assert check_gain(np.float32(0.3)) == 0.3
    assert check_fraction(np.float16(0.1), "exposed_threshold") == 0.1
    wt = working_time(SOC, gain=np.float32(0.3))
    assert (wt["gain"] == 0.3).all()
    assert wt["saveable_share"].tolist() == [0.3 * 0.25, 0.3 * 0.5]


def test_fault9_hours_float32_read_as_shown():
    wt = working_time(SOC, gain=0.5, hours=np.float32(37.7))
    assert wt["saveable_hours"].tolist() == [0.125 * 37.7, 0.25 * 37.7]


def test_fault10_exposed_threshold_float32_read_as_shown():
    soc = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "alpha": [0.7, 0.1],
                        "beta": [0.7, 0.1], "gamma": [0.7, 0.1]})
    emp = pd.DataFrame({"naics": "11", "naics_title": "Agriculture", "i_group": "sector",
                        "occ_code": ["00-0000", "11-1011", "13-1020"],
                        "o_group": ["total", "detailed", "detailed"], "tot_emp": ["100", "60", "40"]})
    plain = to_sectors(soc, emp, exposed_threshold=0.7)
    narrow = to_sectors(soc, emp, exposed_threshold=np.float32(0.7))
    assert plain["exposed_workers"].tolist() == [0.0]  # beta 0.7 is not above 0.7
    assert narrow["exposed_workers"].tolist() == [0.0]


def test_outcomes_settings_take_the_numpy_numbers_write_json_writes():
    """A float32 setting was refused although write_json writes it; a path still is.

    write_outcomes(settings={"level": np.float32(0.9)}) said "Object of type float32 is
    not JSON serializable".
    """
    from pathlib import Path

    from exposure.errors import DataFormatError
    from exposure.reports.outcomes import _settings

    assert _settings({"level": np.float32(0.9), "seed": np.int64(3), "xs": np.array([1, 2])}, {})["seed"] == 3
    with pytest.raises(DataFormatError, match=r"settings\['where'\] cannot be written to JSON .*PosixPath"):
        _settings({"where": Path("x")}, {})


def test_the_manifest_records_a_float32_as_shown():
    from exposure.pipeline import _manifest_value

    assert _manifest_value({"level": np.float32(0.9), "gain": np.float16(0.1)}, "rollup") == {"level": 0.9, "gain": 0.1}
