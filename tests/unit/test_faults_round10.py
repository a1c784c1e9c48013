"""Round 10: train outputs, recompute inputs, stage names, the outcomes' tables and groups.

1. ``exposure train --out m.npz.gz`` (a compressed name, a name not ending in ``.npz``,
   a directory path, an empty name) started the training (minutes, after reading the
   labels and O*NET) instead of refusing: the artifact writer writes one uncompressed
   ``.npz`` whatever the name says (``--out ""`` even trained into the package's own
   ``learned-v1.npz``). Now refused before anything is read, exit 2, nothing written.
2. :class:`exposure.pipeline.RecomputeInputs` took ``onet_release=2.5`` (a float, read
   as the release ``"2.5"``) and any ``onet_format`` (``"pdf"``, ``["text"]``,
   ``"excel"`` for 29.1, pinned as text), refused only when the files were listed or the
   pipeline ran; a ``mirror``, ``data_dir`` or ``store`` of the wrong type said
   ``stage 'fetch' failed`` although no stage had run.
3. :func:`exposure.pipeline.run_pipeline` with two stages of one name (or a stage named
   ``write``, the name of its own write step) recorded one wall time for both.
4. :mod:`exposure.outcomes`: :func:`~exposure.outcomes.headline` /
   :func:`~exposure.outcomes.pretrend` read a ``p_value`` outside 0-1, a negative or
   fractional ``n_occupations`` and an interval with ``ci_low > ci_high``;
   :func:`~exposure.outcomes.exposure_groups` (and ``group_growth``) ignored ``q`` when
   ``cuts`` was given, and ``q=[]`` (``cuts=[]``) made one group; a sector twice in a
   by-industry table of :func:`~exposure.outcomes.sector_growth` was refused without
   its row.

No mirror and no network: the train cases stop before the labels would be read.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import exposure.cli._evaluate as train_cli
from exposure import outcomes
from exposure.cli import main
from exposure.errors import DataFormatError, ExposureError
from exposure.pipeline import RecomputeInputs, Stage, StageError, run_pipeline
from exposure.schemas._catalog import TABLES

pytestmark = pytest.mark.usefixtures("no_env")


# 1. exposure train --out -----------------------------------------------------------------

class _Read(AssertionError):
    """Raised where ``exposure train`` starts reading data: the output was not refused."""


@pytest.fixture
def no_reading(monkeypatch):
    """``exposure train`` with its readers replaced: reaching one fails the test."""
    def refuse(*args, **kwargs):
        raise _Read("exposure train read data: the output name was not refused first")
    for name in ("fetch", "load_onet", "train_and_save"):
        monkeypatch.setattr(train_cli, name, refuse)


def _train(tmp_path, out, capsys):
    """``exposure train --out OUT`` on an empty mirror: (exit code, stderr)."""
    (tmp_path / "mirror").mkdir(exist_ok=True)
    code = main(["train", "--mirror", str(tmp_path / "mirror"), "--data-dir", str(tmp_path / "cache"),
                 "--out", str(out)])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("name, what, give", [
    ("m.npz.gz", "gzip-compressed files are", "m.npz"),
    ("m.npz.bz2", "bzip2-compressed files are", "m.npz"),
    ("m.npz.xz", "xz-compressed files are", "m.npz"),
    ("m.npz.zst", "zstd-compressed files are", "m.npz"),
    ("m.npz.zip", "zip archives are", "m.npz"),
    ("model.gz", "gzip-compressed files are", "model.npz"),
])
def test_train_refuses_a_compressed_output_name_before_reading(tmp_path, capsys, no_reading, name, what, give):
    """``--out m.npz.gz``: the labels and O*NET were read and the model trained (minutes)."""
    out = tmp_path / "models" / name
    code, err = _train(tmp_path, out, capsys)
    assert code == 2
    assert err == (f"exposure train: error: --out {out}: the artifact is an uncompressed .npz file (a zip of "
                   f".npy arrays, compressed inside where that helps); {what} not written: give "
                   f"{tmp_path / 'models' / give}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mirror"]  # no models/, no cache/


@pytest.mark.parametrize("name, give", [
    ("m.txt", "m.npz"), ("m", "m.npz"), ("m.npy", "m.npz"), ("model.v2", "model.npz"),
])
def test_train_refuses_an_output_name_not_ending_in_npz(tmp_path, capsys, no_reading, name, give):
    """``--out m.txt`` wrote a zip of arrays under a text file's name."""
    out = tmp_path / "models" / name
    code, err = _train(tmp_path, out, capsys)
    assert code == 2
    assert err == (f"exposure train: error: --out {out}: the artifact is a .npz file (a zip of .npy arrays); "
                   f"give a name ending in .npz, e.g. {tmp_path / 'models' / give}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mirror"]


def test_train_refuses_a_directory_path_as_output(tmp_path, capsys, no_reading):
    """``--out models/`` (not there yet) wrote the artifact as the file ``models``."""
    code, err = _train(tmp_path, f"{tmp_path / 'models'}/", capsys)
    assert code == 2
    assert err == (f"exposure train: error: --out {tmp_path / 'models'}/: a directory, not a file name: give "
                   f"the artifact's file name, e.g. {tmp_path / 'models' / 'learned-v1.npz'}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mirror"]
    (tmp_path / "dir.npz").mkdir()  # an existing directory, even named .npz
    code, err = _train(tmp_path, tmp_path / "dir.npz", capsys)
    assert code == 2
    assert err.startswith(f"exposure train: error: --out {tmp_path / 'dir.npz'}: a directory, not a file name")
    assert list((tmp_path / "dir.npz").iterdir()) == []


def test_train_refuses_an_empty_output_name(tmp_path, capsys, no_reading):
    """``--out ""`` was read as no ``--out``: the package's own artifact would be replaced."""
    code, err = _train(tmp_path, "", capsys)
    assert code == 2
    assert err == ("exposure train: error: --out is empty: give the artifact's file name, e.g. learned-v1.npz "
                   "(without --out, train replaces the package's own model)\n")


@pytest.mark.parametrize("name", ["m.npz", "model.v2.npz", "M.NPZ"])
def test_train_with_an_npz_output_goes_on_to_read_the_labels(tmp_path, capsys, no_reading, name):
    """A valid name is not refused: the command goes on to read the labels (stopped here)."""
    with pytest.raises(_Read):
        _train(tmp_path, tmp_path / name, capsys)


# 2. RecomputeInputs ------------------------------------------------------------------------

@pytest.mark.parametrize("value, shown", [
    (2.5, "float 2.5"), (29.1, "float 29.1"), (np.float64(30.1), "float64 30.1"), (31, "int 31"),
    (True, "bool True"), (None, "NoneType None"), (["29.1"], "list ['29.1']"), (b"29.1", "bytes b'29.1'"),
])
def test_recompute_inputs_refuse_an_onet_release_that_is_not_text(value, shown):
    """``onet_release=2.5`` was read as the release ``"2.5"``, and 29.1 as ``"29.1"``."""
    with pytest.raises(DataFormatError, match=rf"^onet_release must be an O\*NET release number as text \(str\), "
                                              rf"such as '29.1' or '31.0', got {re.escape(shown)}$"):
        RecomputeInputs(onet_release=value)


@pytest.mark.parametrize("value, match", [
    ("pdf", r"^onet_format must be 'text', 'excel' or None, got str 'pdf'$"),
    ("", r"^onet_format must be 'text', 'excel' or None, got str ''$"),
    (["text"], r"^onet_format must be one of text, excel \(str\), got list \['text'\]$"),
    (5, r"^onet_format must be one of text, excel \(str\), got int 5$"),
])
def test_recompute_inputs_refuse_an_unknown_onet_format(value, match):
    """Accepted at construction; refused (naming ``fmt``) when the files were listed."""
    with pytest.raises(DataFormatError, match=match):
        RecomputeInputs(onet_release="31.0", onet_format=value)


@pytest.mark.parametrize("release, fmt, pinned", [("29.1", "excel", "text"), ("30.1", "text", "excel")])
def test_recompute_inputs_refuse_a_format_the_package_does_not_pin(release, fmt, pinned):
    with pytest.raises(DataFormatError, match=rf"^onet_format={fmt!r}: O\*NET {release} is pinned by the package "
                                              rf"in {pinned} format only; leave onet_format out or give "
                                              rf"onet_format={pinned!r}$"):
        RecomputeInputs(onet_release=release, onet_format=fmt)


@pytest.mark.parametrize("kwargs, match", [
    (dict(mirror=5), r"^mirror must be a directory path \(str or os.PathLike\), got int 5$"),
    (dict(data_dir=["/data"]), r"^data_dir must be a directory path \(str or os.PathLike\), got list \['/data'\]$"),
    (dict(store="~/data"), r"^store must be an exposure.fetch.DataStore \(e.g. DataStore.default\(\)\), "
                           r"got str '~/data'$"),
])
def test_recompute_inputs_refuse_locations_of_the_wrong_type_without_naming_a_stage(kwargs, match):
    """They said ``stage 'fetch' failed: ...; previous outputs left untouched``: no stage had run."""
    with pytest.raises(ExposureError, match=match) as info:
        RecomputeInputs(**kwargs)
    assert not isinstance(info.value, StageError)


def test_recompute_inputs_keep_valid_constructions(tmp_path):
    from exposure.fetch import DataStore
    store = DataStore(cache=tmp_path / "c", home=tmp_path / "h")
    assert RecomputeInputs(store=store).releases == {"onet": "29.1", "oews": "2025"}
    assert RecomputeInputs(oews_release=2025, store=store).oews_release == "2025"
    assert RecomputeInputs(onet_release="31.0", onet_format="excel", store=store).files[0] == \
        "onet/31.0/Occupation Data.xlsx"
    assert RecomputeInputs(onet_format="text", store=store).files == RecomputeInputs(store=store).files
    missing = tmp_path / "nope"  # a mirror that is not there is still a failure of the fetch stage
    with pytest.raises(StageError, match="^stage 'fetch' failed: mirror directory"):
        RecomputeInputs(mirror=missing)


# 3. run_pipeline: stage names -------------------------------------------------------------

def _digests(code):
    return {"task_digests": pd.DataFrame({
        "onetsoc_code": code, "task_id": [2, 1], "task_type": ["Core", None],
        "text_digest": ["0123456789abcdef"] * 2, "dwa_digest": ["e3b0c44298fc1c14"] * 2})}


@pytest.mark.parametrize("names, match", [
    (["make", "check", "make"], r"^stages: two stages are named 'make' \(positions 0 and 2\): each stage's wall "
                                r"time is recorded under its name; give them different names$"),
    (["make", "write"], r"^stages: the stage at position 1 is named 'write', the name of the pipeline's own write "
                        r"step \(its wall time is recorded under it\); give the stage another name$"),
])
def test_run_pipeline_refuses_stage_names_whose_timings_would_collide(tmp_path, names, match):
    """The second stage's wall time replaced the first's in ``timings.json``."""
    ran = []

    def make(code):
        ran.append("make")
        return _digests(code)

    def check(task_digests):
        ran.append("check")
        return {}

    stages = [Stage(n, make if n == "make" else check) for n in names]
    out = tmp_path / "out"
    with pytest.raises(DataFormatError, match=match):
        run_pipeline(stages, [TABLES["task_digests"]], out, context={"code": "11-1011.00"})
    assert ran == []
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_run_pipeline_with_distinct_names_records_each_stage(tmp_path):
    stages = [Stage("make", _digests), Stage("check", lambda task_digests: {})]
    res = run_pipeline(stages, [TABLES["task_digests"]], tmp_path / "out", context={"code": "11-1011.00"})
    assert res.timings["stage_order"] == ["make", "check", "write"]


# 4. outcomes: the coefficient table of headline / pretrend -----------------------------------

def _coefficients(**cells) -> pd.DataFrame:
    """Baseline rows 2021, 2022 (base), 2025 and an unweighted 2025 row; ``cells`` replace columns."""
    c = pd.DataFrame({"measure": "beta", "outcome": "log_emp",
                      "spec": ["baseline", "baseline", "baseline", "unweighted"],
                      "year": [2021, 2022, 2025, 2025], "coef": [0.0, 0.0, -0.02, -0.01],
                      "se": [0.01, np.nan, 0.005, 0.005], "ci_low": [-0.01, np.nan, -0.03, -0.02],
                      "ci_high": [0.01, np.nan, -0.01, 0.0], "p_value": [0.9, np.nan, 0.001, 0.05],
                      "n_occupations": 700})
    return c.assign(**cells)


@pytest.mark.parametrize("function", [outcomes.headline, outcomes.pretrend])
@pytest.mark.parametrize("value, shown", [(1.5, "1.5"), (-0.01, "-0.01"), ("2", "2.0")])
def test_coefficients_refuse_a_p_value_outside_0_1(function, value, shown):
    """A p-value of 1.5 was put in the headline (and read as "not significant") as given."""
    cells = [0.9, np.nan, value, 0.05]
    with pytest.raises(DataFormatError, match=rf"^coefficients, row 3, column 'p_value': p_value must be from 0 to "
                                              rf"1, got {shown}$"):
        function(_coefficients(p_value=pd.Series(cells, dtype=object if isinstance(value, str) else float)))


@pytest.mark.parametrize("value, shown", [(-3, "-3.0"), (2.5, "2.5"), (-0.5, "-0.5")])
def test_headline_refuses_a_negative_or_fractional_number_of_occupations(value, shown):
    with pytest.raises(DataFormatError, match=rf"^coefficients, row 2, column 'n_occupations': n_occupations must be "
                                              rf"a whole number of occupations \(0 or more\), got {shown}$"):
        outcomes.headline(_coefficients(n_occupations=[700, value, 700, 700]))


@pytest.mark.parametrize("function", [outcomes.headline, outcomes.pretrend])
def test_coefficients_refuse_an_interval_whose_low_end_is_above_its_high_end(function):
    """``ci_low 0.05 > ci_high -0.03`` was reported as is (and passed the pre-trend test)."""
    c = _coefficients(ci_low=[0.05, np.nan, -0.03, -0.02], ci_high=[-0.03, np.nan, -0.01, 0.0])
    with pytest.raises(DataFormatError, match=r"^coefficients, row 1, column 'ci_low': ci_low 0.05 is above ci_high "
                                              r"-0.03 of the same row: the 95% interval runs from ci_low up to ci_high "
                                              r"\(are the two columns swapped\?\)$"):
        function(c)


def test_coefficients_with_valid_values_are_read_as_before():
    c = _coefficients(p_value=[0.0, np.nan, 1.0, 0.05], n_occupations=[700.0, 0.0, 700.0, 700.0],
                      ci_low=[0.0, np.nan, -0.01, -0.02], ci_high=[0.0, np.nan, -0.01, 0.0])
    h = outcomes.headline(c)
    assert h[["coef", "p_value", "pre_p_value", "n_occupations"]].to_dict("records") == [
        {"coef": -0.02, "p_value": 1.0, "pre_p_value": 0.0, "n_occupations": 700.0}]
    assert outcomes.pretrend(c)["passes"].tolist() == [True]


# 4. outcomes: exposure_groups and group_growth ----------------------------------------------

V = [0.1, 0.2, 0.3, 0.4]


@pytest.mark.parametrize("q", [5, 2, [0.5], 2.0])
def test_exposure_groups_refuse_q_together_with_cuts(q):
    """``q`` was ignored without a word when ``cuts`` was given."""
    with pytest.raises(DataFormatError, match=r"^give q or cuts, not both: cuts \(the group boundaries on the "
                                              r"measure's scale\) leave q \(quantile groups\) unused; got q=.* and "
                                              r"cuts=\[0.25\]$"):
        outcomes.exposure_groups(V, q=q, cuts=[0.25])


@pytest.mark.parametrize("q", [[], (), np.array([]), pd.Series([], dtype=float)])
def test_exposure_groups_refuse_an_empty_list_of_quantile_cut_points(q):
    """``q=[]`` put every occupation in group 1."""
    with pytest.raises(DataFormatError, match=r"^q must be a whole number of groups or a list of cut points in "
                                              r"\(0, 1\), got an empty list: it makes one group; give q=1 for one "
                                              r"group$"):
        outcomes.exposure_groups(V, q=q)


@pytest.mark.parametrize("cuts", [[], np.array([])])
def test_exposure_groups_refuse_an_empty_list_of_cuts(cuts):
    with pytest.raises(DataFormatError, match=r"^cuts must hold at least one cut point, got an empty list: it makes "
                                              r"one group$"):
        outcomes.exposure_groups(V, cuts=cuts)


def test_group_growth_refuses_q_together_with_cuts():
    panel = pd.DataFrame([(c, y, 100.0) for c in ("11-1011", "43-9021") for y in (2021, 2022, 2025)],
                         columns=["soc_code", "year", "tot_emp"]).assign(a_mean=50e3, balanced=True,
                                                                         soc_major="11-0000")
    ex = pd.DataFrame({"soc_code": ["11-1011", "43-9021"], "beta": [0.1, 0.9]})
    with pytest.raises(DataFormatError, match=r"^give q or cuts, not both"):
        outcomes.group_growth(panel, ex, q=3, cuts=[0.5])
    assert outcomes.group_growth(panel, ex, cuts=[0.5])["group"].tolist() == [1, 2]  # the default q is no q
    assert outcomes.group_growth(panel, ex, q=2)["group"].tolist() == [1, 2]


def test_exposure_groups_of_one_argument_are_unchanged():
    assert outcomes.exposure_groups(V, cuts=[0.25]).tolist() == [1, 1, 2, 2]
    assert outcomes.exposure_groups(V, q=2).tolist() == [1, 1, 2, 2]
    assert outcomes.exposure_groups(V + [0.5], q=None).tolist() == outcomes.exposure_groups(V + [0.5], q=5).tolist()
    assert outcomes.exposure_groups([0.1, 0.2, 0.3, 0.4, 0.5]).tolist() == [1, 2, 3, 4, 5]
    assert outcomes.exposure_groups(V, q=1).tolist() == [1, 1, 1, 1]


# 4. outcomes: a sector twice in a by-industry table -------------------------------------------

def _oews(emp, naics=("51", "72")):
    return pd.DataFrame({"naics": list(naics), "naics_title": ["Information", "Food", "Again"][:len(naics)],
                         "i_group": "sector", "occ_code": "00-0000", "tot_emp": emp})


FRAMES = {2021: _oews([100, 200]), 2022: _oews([110, 200]), 2025: _oews([99, 220])}
SCORES = pd.DataFrame({"naics": ["51", "72"], "beta": [0.47, 0.18]})


def test_sector_growth_names_the_row_of_a_sector_given_twice_in_a_table():
    """It said ``OEWS 2021: sector 51 appears twice``, without the row."""
    cross = pd.DataFrame({"naics": ["000000"], "naics_title": ["Cross-industry"], "i_group": "cross-industry",
                          "occ_code": "00-0000", "tot_emp": [0]})
    table = pd.concat([cross, _oews([100, 200, 5], naics=("51", "72", "51"))], ignore_index=True)
    with pytest.raises(DataFormatError, match=r"^frames\[2021\], row 4, column 'naics': sector '51' appears twice "
                                              r"\(rows 2 and 4\): keep one row per sector$"):
        outcomes.sector_growth({**FRAMES, 2021: table}, SCORES, ["beta"])
    written_two_ways = _oews([100, 200, 5], naics=("51", "72", 51))
    with pytest.raises(DataFormatError, match=r"^frames\[2022\], row 3, column 'naics': sector '51' appears twice "
                                              r"\(rows 1 and 3\)"):
        outcomes.sector_growth({**FRAMES, 2022: written_two_ways}, SCORES, ["beta"])


def test_sector_growth_reads_rows_other_than_sector_rows_as_before():
    """A code repeated outside the sector rows (another occupation, the cross-industry row) is not read."""
    other = _oews([100, 200]).assign(occ_code="11-1011")
    out = outcomes.sector_growth({**FRAMES, 2021: pd.concat([FRAMES[2021], other], ignore_index=True)},
                                 SCORES, ["beta"])
    assert out["emp_growth_pre"].round(2).tolist() == [0.1, 0.0]
