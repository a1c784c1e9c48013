"""Fault round 56: the published measures, ``exposure.measures.compare`` and ``exposure compare``.

1. ``exposure compare`` writes its reports into hidden partial files renamed at the end
   (``atomic_paths``); a writer's error or warning named the partial file: a full disk was
   ``out/.measures_table.csv.p8794-jgzugcw7.tmp: cannot write: no space left on the
   device``, and the warning of a title a spreadsheet would run as a formula named that
   file too, both gone once the run ends. Now they name ``out/measures_table.csv``.
2. A measure of one value but for float noise (0.3 on some codes, ``0.1 + 0.2`` on
   others: means of the same scores summed in another order): ``weighted_pearson``
   correlated the noise (-0.13, while Spearman, which ties such values, said NaN and a
   warning called the correlation undefined), and ``compare`` took it as a measure, though
   it refuses one of a single value. Now one value to 12 decimals (``tied``): NaN, and
   ``compare`` refuses the measure as constant.
3. A measure CSV saved by Excel as Windows-1252 (an en dash in a title is the byte 0x96),
   read by the Microsoft, Webb or Anthropic readers: ``not UTF-8 text: 'utf-8' codec
   can't decode byte 0x96 in position 63``, no row nor column; a bytes buffer raised
   Python's ``UnicodeDecodeError``. Now the row, the column and what to save the file as,
   as the task tables say it.
4. ``microsoft.rebuild_applicability`` took its frames as they came: an IWA twice in
   ``iwa_metrics``, a (SOC, IWA) pair twice in ``weights`` or in ``soc_to_iwas`` counted
   twice (0.18 for 0.15), a negative or infinite weight, ``True``, or a completion in
   percent gave a wrong score without a word, and text raised pandas' ``TypeError:
   Invalid comparison``. Now each is refused naming the frame, row and column (a pair
   repeated in ``soc_to_iwas`` counts once, as ``read_soc_to_iwas`` reads a file).
5. ``exposure compare --ours`` (and ``compare(soc_scores=...)``) of the ``soc_scores``
   that ``exposure rollup`` writes for task scores leaving a measure empty on every row
   ("leave a measure empty on every row to leave it out"): refused, ``alpha is missing in
   every row``. Now the measure is left out of the comparison with a warning; scores none
   of whose measures has a value are still refused.
"""

from __future__ import annotations

import errno
import io
import logging

import numpy as np
import pandas as pd
import pytest

import exposure._io as io_mod
from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.measures import anthropic, microsoft, webb
from exposure.measures import compare as cmp

CODES = ["11-1011", "15-1252", "43-9021", "53-3032", "13-2011"]
EMP = pd.DataFrame({"soc_code": CODES, "tot_emp": [200.0, 1000.0, 50.0, 900.0, 400.0]})


@pytest.fixture
def fake(monkeypatch):
    """``exposure compare`` on three made-up codes (no mirror read)."""
    real_compare = cmp.compare
    codes = ["11-1011", "15-1252", "43-9021"]

    def fake_compare(ours, **kwargs):
        a = pd.DataFrame({"soc_code": codes, "a": [0.1, 0.9, 0.5]})
        b = pd.DataFrame({"soc_code": codes, "b": [0.2, 0.8, 0.7]})
        emp = pd.DataFrame({"soc_code": codes, "tot_emp": [1.0, 2.0, 3.0], "title": ["=1+1", "Dev", "Clerk"]})
        return real_compare(ours, measures=[], employment=emp, loaded={"a": a, "b": b}, key_measures=("a", "b"))

    rebuild = pd.DataFrame({"soc_code": ["11-1011"], "published": [0.1], "rebuilt": [0.1], "abs_diff": [0.0]})
    rebuild.attrs["max_abs_diff"] = 0.0
    monkeypatch.setattr(cmp, "compare", fake_compare)
    monkeypatch.setattr(microsoft, "load_rebuild", lambda **kw: rebuild)
    monkeypatch.setattr(cmp, "anthropic_match_rates",
                        lambda **kw: pd.DataFrame({"release": ["v2"], "task_names": [4], "matched": [3]}))


# 1. the reports' writers name the report, not its partial file


def test_a_full_disk_names_the_report_not_its_partial_file(tmp_path, fake, monkeypatch, capsys):
    def full(tmp, path):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(io_mod, "_flush", full)
    out = tmp_path / "out"
    assert main(["compare", "--ours", "none", "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"exposure compare: error: {out / 'measures_table.csv'}: cannot write: no space left on the device"
    assert not out.exists()


def test_a_formula_warning_names_the_report(tmp_path, fake, caplog):
    out = tmp_path / "out"
    with caplog.at_level(logging.WARNING, logger="exposure._io"):
        assert main(["compare", "--ours", "none", "-o", str(out)]) == 0
    shown = [r.getMessage() for r in caplog.records if "formulas" in r.getMessage()]
    assert shown and shown[0].startswith(f"{out / 'measures_disagreements.csv'}: 1 cell(s)")
    assert ".tmp" not in shown[0]


# 2. a measure of one value but for float noise


def test_pearson_of_a_constant_but_for_float_noise_is_nan():
    noisy = [0.3, 0.1 + 0.2, 0.3, 0.1 + 0.2]
    assert len(set(noisy)) == 2  # not one value for numpy
    assert np.isnan(cmp.weighted_pearson(noisy, [1.0, 2.0, 3.0, 4.0]))
    assert np.isnan(cmp.weighted_pearson([1.0, 2.0, 3.0, 4.0], noisy, [1.0, 2.0, 1.0, 1.0]))
    table = pd.DataFrame({"a": noisy, "b": [0.2, 0.7, 0.9, 0.1], "tot_emp": [1.0, 2.0, 3.0, 4.0]})
    corr = cmp.correlations(table, ["a", "b"])
    assert corr[["pearson", "spearman", "pearson_emp", "spearman_emp"]].isna().all(axis=None)
    # values that differ are correlated as before
    assert cmp.weighted_pearson([1, 2, 3], [1, 2, 4]) == pytest.approx(0.9819805)
    assert cmp.weighted_pearson([0.3, 0.3 + 1e-9, 0.3], [1, 2, 3]) == pytest.approx(0.0, abs=1e-6)


def test_compare_refuses_a_measure_constant_but_for_float_noise():
    a = pd.DataFrame({"soc_code": CODES, "a": [0.3, 0.1 + 0.2, 0.3, 0.1 + 0.2, 0.3]})
    b = pd.DataFrame({"soc_code": CODES, "b": [0.2, 0.7, 0.9, 0.1, 0.4]})
    with pytest.raises(DataFormatError, match=r"^measure 'a', column 'a': a is 0.3 on every code: it correlates"):
        cmp.compare(measures=[], employment=EMP, loaded={"a": a, "b": b})


# 3. a measure CSV that is not UTF-8

APPLICABILITY = "SOC Code,title,ai_applicability_score\n11-1011,Chief Executives \u2013 Public,0.15\n15-1252,Dev,0.5\n"


def test_windows_1252_measure_file_names_row_and_column(tmp_path):
    path = tmp_path / "app.csv"
    path.write_bytes(APPLICABILITY.encode("cp1252"))
    with pytest.raises(DataFormatError) as info:
        microsoft.read_applicability(path)
    assert str(info.value) == (f"{path}, row 2, column 'title': byte 0x96 is not valid UTF-8 (byte offset 63): the "
                               "file looks like Windows-1252/Latin-1 text (0x96 is '\u2013' there); save it as UTF-8 "
                               "('CSV UTF-8')")


def test_windows_1252_bytes_buffer_is_a_data_format_error():
    with pytest.raises(DataFormatError, match=r"^<buffer>, row 2, column 'title': byte 0x96 is not valid UTF-8"):
        microsoft.read_applicability(io.BytesIO(APPLICABILITY.encode("cp1252")))
    assert microsoft.read_applicability(io.BytesIO(APPLICABILITY.encode("utf-8")))["title"][0].endswith("\u2013 Public")


def test_other_measure_readers_name_the_bad_byte(tmp_path):
    usage = tmp_path / "task_pct.csv"
    usage.write_bytes("task_name,pct\nact as advisers.,60\nr\xe9sum\xe9 writing.,40\n".encode("latin-1"))
    with pytest.raises(DataFormatError, match=r"task_pct\.csv, row 3, column 'task_name': byte 0xe9 .*'\xe9' there"):
        anthropic.read_task_usage(usage)
    scores = tmp_path / "webb.csv"
    scores.write_bytes("occ1990dd,occ1990dd_title,lswt2010,pct_software,pct_robot,pct_ai\n"
                       "4,Chiefs \x96 public,10.5,30,9,28\n".encode("latin-1"))
    with pytest.raises(DataFormatError, match=r"webb\.csv, row 2, column 'occ1990dd_title': byte 0x96"):
        webb.read_webb(scores)


# 4. rebuild_applicability checks its frames

IWA = pd.DataFrame({"iwa_id": ["a", "b"], "share_user": [0.01, 0.01], "share_ai": [0.01, 0.0001],
                    "completion_user": [0.8, 0.5], "completion_ai": [1.0, 1.0],
                    "impact_scope_user": [0.5, 0.4], "impact_scope_ai": [0.2, 0.9]})
WEIGHTS = pd.DataFrame({"soc_code": ["x", "x"], "iwa_id": ["a", "b"], "weight": [1.0, 3.0]})
LINKS = pd.DataFrame({"soc_code": ["x", "x"], "iwa_id": ["a", "b"]})


def _score(iwa=IWA, weights=WEIGHTS, links=LINKS) -> float:
    return float(microsoft.rebuild_applicability(iwa, weights, links)["ai_applicability_score"].iloc[0])


def test_rebuild_refuses_a_key_given_twice():
    with pytest.raises(DataFormatError, match=r"^weights, row 3, column 'iwa_id': \('x', 'a'\) is given twice "
                                              r"\(rows 1 and 3\): it would count twice$"):
        _score(weights=pd.concat([WEIGHTS, WEIGHTS.iloc[[0]]]))
    with pytest.raises(DataFormatError, match=r"^iwa_metrics, row 3, column 'iwa_id': 'a' is given twice"):
        _score(iwa=pd.concat([IWA, IWA.iloc[[0]].assign(completion_user=0.1)]))


def test_rebuild_counts_a_repeated_link_once():
    assert _score() == pytest.approx(0.15)
    assert _score(links=pd.concat([LINKS, LINKS.iloc[[0]]])) == pytest.approx(0.15)  # was 0.18


@pytest.mark.parametrize(("frame", "column", "value", "message"), [
    ("weights", "weight", [-1.0, 3.0], r"^weights, row 1, column 'weight': weight must be at least 0.0; got -1.0$"),
    ("weights", "weight", [np.inf, 3.0], r"^weights, row 1, column 'weight': not a finite number: inf$"),
    ("weights", "weight", [True, False], r"^weights, row 1, column 'weight': not a number: True$"),
    ("weights", "weight", ["1", "x"], r"^weights, row 2, column 'weight': not a number: 'x'$"),
    ("iwa", "share_user", ["0.01", "x"], r"^iwa_metrics, row 2, column 'share_user': not a number: 'x'$"),
    ("iwa", "completion_user", [80.0, 50.0],
     r"^iwa_metrics, row 1, column 'completion_user': completion_user must be at most 1.0; got 80.0$"),
    ("iwa", "share_ai", [None, 0.1], r"^iwa_metrics, row 1, column 'share_ai': missing value$"),
])
def test_rebuild_refuses_a_bad_value(frame, column, value, message):
    args = {"iwa": IWA, "weights": WEIGHTS}
    args[frame] = args[frame].assign(**{column: value})
    with pytest.raises(DataFormatError, match=message):
        _score(**args)


def test_rebuild_reads_text_numbers_and_an_empty_completion():
    assert _score(weights=WEIGHTS.assign(weight=["1", "3"])) == pytest.approx(0.15)
    assert _score(iwa=IWA.assign(completion_ai=[1.0, None])) == pytest.approx(0.15)  # b is not covered on the AI side


# 5. our scores with a measure missing in every row


def test_compare_ours_leaves_out_a_measure_missing_in_every_row(tmp_path, fake, caplog):
    ours = tmp_path / "soc_scores.parquet"
    pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021"], "alpha": [np.nan] * 3,
                  "beta": [0.3, 0.6, 0.9], "gamma": [0.4, 0.8, 1.0]}).to_parquet(ours)
    with caplog.at_level(logging.WARNING, logger="exposure.measures.compare"):
        assert main(["compare", "--ours", str(ours), "-o", str(tmp_path / "out")]) == 0
    assert f"{ours}, column 'alpha': alpha is missing in every row: left out of the comparison" in caplog.text
    table = pd.read_csv(tmp_path / "out" / "measures_table.csv")
    assert list(table.columns) == ["soc_code", "tot_emp", "a", "b", "beta", "gamma"]


def test_compare_api_leaves_out_a_measure_missing_in_every_row(caplog):
    a = pd.DataFrame({"soc_code": CODES, "a": [0.3, 0.9, 0.8, 0.1, 0.5]})
    ours = pd.DataFrame({"soc_code": CODES, "alpha": [None] * 5, "beta": [0.2, 0.7, 0.9, 0.1, 0.4]})
    with caplog.at_level(logging.WARNING, logger="exposure.measures.compare"):
        res = cmp.compare(ours, measures=[], employment=EMP, loaded={"a": a})
    assert "soc_scores, column 'alpha': alpha is missing in every row" in caplog.text
    assert list(res.table.columns) == ["soc_code", "tot_emp", "a", "beta"]
    assert "alpha" in ours.columns  # the caller's frame is left alone
    # scores none of whose measures has a value are still refused
    with pytest.raises(DataFormatError, match=r"alpha is missing in every row"):
        cmp.compare(ours.assign(beta=np.nan), measures=[], employment=EMP, loaded={"a": a})
