"""Faults of the commands and API functions earlier hunts covered least, found in round 6.

1. the download cache's API (``exposure.fetch.fetch``, every loader built on it) given a
   name or a ``mirror``/``data_dir`` of the wrong type raised a ``TypeError`` from inside;
   a directory in the mirror in place of a file was "not found in mirror";
2. :func:`exposure.measures.compare.compare` and its helpers took employment, pre-loaded
   measures and ``top`` of the wrong type or with repeated, missing or non-numeric cells
   (tracebacks, or silently wrong correlations);
3. :mod:`exposure.outcomes` took exposures and panels with repeated codes, infinite or
   boolean measures, and odd ``q``/``cuts``/``weights`` (tracebacks, or silent groups);
4. the blind validation sample of ``exposure report categories`` took a task twice,
   an infinite weight and an inclusion probability above 1;
5. ``exposure diff`` read past a ``manifest.json`` that is a directory;
6. the measure loaders raised a bare ``ValueError`` for an unknown variant or release;
7. :mod:`exposure.sources` and :mod:`exposure.crosswalks` helpers given ``None``, numbers
   or a path raised ``TypeError`` / ``AttributeError`` (or returned a wrong answer).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _cli import _no_env, run  # noqa: F401 (_no_env: autouse fixture)

from exposure import crosswalks, fetch, outcomes, sources
from exposure.errors import DataFormatError, ExposureError
from exposure.measures import anthropic, felten
from exposure.measures import compare as cmp
from exposure.reports.categories import read_validation_sample
from exposure.sources import Source

REPO = Path(__file__).resolve().parents[2]


# 1. the download cache ---------------------------------------------------------------

@pytest.mark.parametrize("name", [["onet/29.1/Job Zones.txt"], [], 5, None])
def test_fetch_refuses_a_name_that_is_not_a_string(tmp_path, name):
    with pytest.raises(ExposureError, match=r"name must be a registry name \(str\) or a Source, got"):
        fetch.fetch(name, mirror=tmp_path, data_dir=tmp_path / "cache")
    with pytest.raises(ExposureError, match=r"name must be a registry name"):
        fetch.cache_status(name, data_dir=tmp_path / "cache")


@pytest.mark.parametrize("arg", ["mirror", "data_dir"])
@pytest.mark.parametrize("value", [5, [1], b"/tmp"])
def test_fetch_refuses_a_location_that_is_not_a_path(tmp_path, arg, value):
    kwargs = {"mirror": tmp_path, "data_dir": tmp_path / "cache", arg: value}
    with pytest.raises(ExposureError, match=rf"^{arg} must be a directory path \(str or os.PathLike\), got"):
        fetch.fetch("onet/29.1/Job Zones.txt", **kwargs)


def test_loaders_built_on_fetch_refuse_a_mirror_that_is_not_a_path(tmp_path):
    from exposure.measures import eloundou, webb
    from exposure.onet import load_onet
    for call in (lambda: webb.load_webb(mirror=5), lambda: cmp.load_measure("webb_ai", mirror=5),
                 lambda: eloundou.load_task_labels(data_dir=[1]),
                 lambda: load_onet("29.1", mirror=5, data_dir=tmp_path)):
        with pytest.raises(ExposureError, match=r"must be a directory path"):
            call()


def _demo_source(data: bytes) -> Source:
    return Source(name="demo/a.csv", release="1", url="https://example.org/a.csv",
                  sha256=hashlib.sha256(data).hexdigest(), size=len(data), licence="CC0",
                  attribution="demo")


def test_a_directory_in_the_mirror_in_place_of_a_file_is_named_as_such(tmp_path):
    mirror = tmp_path / "mirror"
    (mirror / "demo" / "a.csv").mkdir(parents=True)
    with pytest.raises(ExposureError, match=r"demo/a.csv: .*/mirror/demo/a.csv is a directory in the "
                                            r"mirror, not a file"):
        fetch.fetch(_demo_source(b"x\n1\n"), mirror=mirror, data_dir=tmp_path / "cache")


# 2. compare ---------------------------------------------------------------------------

A = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021", "53-3032"], "a": [0.3, 0.9, 0.8, 0.1]})
B = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021", "31-1122"], "b": [0.2, 0.7, 0.9, 0.1]})
EMP = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021", "53-3032", "31-1120"],
                    "tot_emp": [200.0, 1000.0, 50.0, 900.0, 300.0]})


def _compare(**kw):
    args = {"measures": [], "employment": EMP, "loaded": {"a": A, "b": B}}
    args.update(kw)
    return cmp.compare(**args)


def test_compare_of_valid_frames_is_unchanged():
    res = _compare()
    assert res.correlations[["n", "pearson", "spearman"]].round(3).to_dict("records") == [
        {"n": 3, "pearson": 0.906, "spearman": 0.5}]
    assert res.table["tot_emp"].tolist() == [200.0, 1000.0, 300.0, 50.0, 900.0]


@pytest.mark.parametrize("top", ["3", None, 2.5, True, np.float64(1.0)])
def test_compare_refuses_a_top_that_is_not_a_whole_number(top):
    with pytest.raises(DataFormatError, match=r"top \(codes per measure pair\) must be a whole number"):
        _compare(top=top)


def test_compare_reads_one_measure_name_given_as_a_string():
    with pytest.raises(DataFormatError, match=r"^measures must be a list of measure names, got str 'webb_ai'"):
        _compare(measures="webb_ai")


@pytest.mark.parametrize("kw, match", [
    ({"employment": "emp.csv"}, r"^employment must be a pandas DataFrame, got str 'emp.csv'"),
    ({"employment": [1, 2]}, r"^employment must be a pandas DataFrame, got list"),
    ({"soc_scores": pd.Series([0.1])}, r"^soc_scores: SOC scores must be a pandas DataFrame, got Series"),
    ({"soc_scores": "soc.parquet"}, r"^soc_scores: SOC scores must be a pandas DataFrame, got str"),
    ({"loaded": {"a": "a.csv", "b": B}}, r"^measure 'a' must be a pandas DataFrame, got str 'a.csv'"),
    ({"loaded": [A, B]}, r"^loaded must be a dict of measure name -> DataFrame, got list"),
])
def test_compare_refuses_arguments_of_the_wrong_type(kw, match):
    with pytest.raises(DataFormatError, match=match):
        _compare(**kw)


@pytest.mark.parametrize("emp, match", [
    (pd.concat([EMP, EMP.iloc[[0]]]), r"^employment, row 6, column 'soc_code': SOC code '11-1011' "
                                      r"appears twice \(rows 1 and 6\)"),
    (EMP.assign(soc_code=["11-1011", None, "43-9021", "53-3032", "31-1120"]),
     r"^employment, row 2, column 'soc_code': soc_code missing"),
    (EMP.assign(tot_emp=[-200.0, 1000, 50, 900, 300]),
     r"^employment, row 1, column 'tot_emp': employment must be at least 0.0; got -200.0"),
    (EMP.assign(tot_emp=["x", 1000, 50, 900, 300]), r"^employment, row 1, column 'tot_emp': not a number: 'x'"),
    (EMP.assign(tot_emp=[np.inf, 1000, 50, 900, 300]),
     r"^employment, row 1, column 'tot_emp': not a finite number: inf"),
    (EMP.assign(tot_emp=[True, 1000, 50, 900, 300]), r"^employment, row 1, column 'tot_emp': not a number: True"),
])
def test_compare_refuses_bad_employment(emp, match):
    with pytest.raises(DataFormatError, match=match):
        _compare(employment=emp)


def test_compare_accepts_missing_employment_values():
    res = _compare(employment=EMP.assign(tot_emp=[np.nan, 1000, 50, 900, 300]))
    assert np.isnan(res.table.loc[res.table["soc_code"] == "11-1011", "tot_emp"].iloc[0])


@pytest.mark.parametrize("a, match", [
    (A.assign(a=["x", 0.9, 0.8, 0.1]), r"^measure 'a', row 1, column 'a': not a number: 'x'"),
    (A.assign(a=[np.inf, 0.9, 0.8, 0.1]), r"^measure 'a', row 1, column 'a': not a finite number: inf"),
    (A.assign(a=[True, False, True, False]), r"^measure 'a', row 1, column 'a': not a number: True"),
    (A.assign(soc_code=["bad", "15-1252", "43-9021", "53-3032"]),
     r"^measure 'a', row 1, column 'soc_code': soc_code not a SOC code \(like 11-1011\): 'bad'"),
    (A.assign(soc_code=[None, "15-1252", "43-9021", "53-3032"]),
     r"^measure 'a', row 1, column 'soc_code': soc_code missing"),
    (pd.concat([A, A.iloc[[0]].assign(a=0.99)]),
     r"^measure 'a', row 5, column 'soc_code': SOC code '11-1011' appears twice \(rows 1 and 5\)"),
    (A.drop(columns="a"), r"^measure 'a', column 'a': missing column\(s\) \['a'\]"),
])
def test_compare_refuses_bad_loaded_measures(a, match):
    with pytest.raises(DataFormatError, match=match):
        _compare(loaded={"a": a, "b": B})


def test_compare_keeps_z_scores_and_missing_values_of_loaded_measures():
    res = _compare(loaded={"a": A.assign(a=[-1.5, 2.0, np.nan, 0.3]), "b": B})
    assert res.table.set_index("soc_code")["a"].to_dict()["15-1252"] == 2.0


def test_compare_helpers_refuse_bad_arguments():
    t = pd.DataFrame({"soc_code": ["11-1011", "11-1021"], "a": [1.0, 2.0], "b": [2.0, 1.0]})
    with pytest.raises(DataFormatError, match=r"x, y and w must have one length each, got 3 and 2"):
        cmp.weighted_pearson([1, 2, 3], [1, 2])
    with pytest.raises(DataFormatError, match=r"correlations: the table lacks column\(s\) \['c'\]"):
        cmp.correlations(t.assign(tot_emp=1.0), ["a", "c"])
    with pytest.raises(DataFormatError, match=r"correlations: the table lacks column\(s\) \['tot_emp'\]"):
        cmp.correlations(t, ["a", "b"])
    with pytest.raises(DataFormatError, match=r"stat must be one of .*got 'nope'"):
        cmp.correlation_matrix(cmp.correlations(t, ["a", "b"], weight=None), "nope")
    with pytest.raises(DataFormatError, match=r"top \(codes per measure pair\) must be a whole number"):
        cmp.disagreements(t, ["a", "b"], top="1")


# 3. outcomes --------------------------------------------------------------------------

def _panel():
    rows = [(f"{mj}-10{i}1", t, 100.0 * (i + 1) * (1.0 - 0.02 * i * (t > 2022))
             * (1 + 0.005 * ((3 * i + t) % 4)), f"{mj}-0000")
            for mj in ("11", "13") for i in range(4) for t in (2021, 2022, 2023)]
    return pd.DataFrame(rows, columns=["soc_code", "year", "tot_emp", "soc_major"]).assign(
        a_mean=1.0, balanced=True)


PANEL = _panel()
CODES = list(PANEL["soc_code"].unique())
EX = pd.DataFrame({"soc_code": CODES, "beta": [0.1, 0.2, 0.3, 0.4] * 2})


def _run(ex=EX, panel=PANEL, **kw):
    return outcomes.run_outcomes(panel, ex, q=2, with_robustness=False, **kw)


def test_outcomes_of_valid_frames_are_unchanged():
    head = _run().headline.query("outcome == 'log_emp'")
    assert round(float(head["coef"].iloc[0]), 6) == -0.028696


@pytest.mark.parametrize("ex, match", [
    (pd.concat([EX.assign(beta=[0.9, 0.2, 0.3, 0.4] * 2).iloc[[0]], EX]),
     r"^exposures, row 2, column 'soc_code': SOC code '11-1001' appears twice \(rows 1 and 2\)"),
    (EX.assign(beta=[np.inf, 0.2, 0.3, 0.4] * 2), r"^exposures, row 1, column 'beta': not a finite number: inf"),
    (EX.assign(beta=["0,1", 0.2, 0.3, 0.4] * 2), r"^exposures, row 1, column 'beta': not a number: '0,1'"),
    (EX.assign(beta=[True, False] * 4), r"^exposures, row 1, column 'beta': not a number: True"),
    (EX.assign(soc_code=[None, *CODES[1:]]), r"^exposures, row 1, column 'soc_code': soc_code missing"),
    (EX.drop(columns="soc_code"), r"^exposures lacks column\(s\) \['soc_code'\]"),
    (EX["beta"], r"^exposures must be a pandas DataFrame, got Series"),
    ("ex.parquet", r"^exposures must be a pandas DataFrame, got str 'ex.parquet'"),
])
@pytest.mark.parametrize("func", ["run_outcomes", "event_study", "group_growth", "robustness"])
def test_outcomes_refuse_bad_exposures(ex, match, func):
    call = {"run_outcomes": lambda: _run(ex),
            "event_study": lambda: outcomes.event_study(PANEL, ex, ["beta"]),
            "group_growth": lambda: outcomes.group_growth(PANEL, ex, ["beta"], q=2),
            "robustness": lambda: outcomes.robustness(PANEL, ex, ["beta"])}[func]
    with pytest.raises(DataFormatError, match=match):
        call()


def test_outcomes_read_one_measure_given_as_a_string_and_name_a_missing_column():
    with pytest.raises(DataFormatError, match=r"^measures must be a list of measure names, got str 'beta'"):
        _run(measures="beta")
    with pytest.raises(DataFormatError, match=r"^measures must be a list"):
        outcomes.event_study(PANEL, EX, "beta")
    with pytest.raises(DataFormatError, match=r"^exposures lacks column\(s\) \['gamma'\]"):
        _run(measures=["gamma"])


@pytest.mark.parametrize("panel, match", [
    (pd.concat([PANEL, PANEL.iloc[[0]].assign(tot_emp=5.0)]),
     r"^panel, row 25, column 'year': \(11-1001, 2021\) appears twice \(rows 1 and 25\)"),
    (None, r"^panel must be a pandas DataFrame, got NoneType"),
    (PANEL.drop(columns="balanced"), r"^panel lacks column\(s\) \['balanced'\]"),
    (PANEL.assign(tot_emp=[np.nan, *PANEL["tot_emp"][1:]]),
     r"^panel, row 1, column 'tot_emp': a balanced occupation needs employment in every year, got nan"),
    (PANEL.assign(tot_emp=[-5.0, *PANEL["tot_emp"][1:]]),
     r"^panel, row 1, column 'tot_emp': a balanced occupation needs employment in every year, got -5.0"),
    (PANEL.assign(tot_emp=[np.inf, *PANEL["tot_emp"][1:]]),
     r"^panel, row 1, column 'tot_emp': a balanced occupation needs employment in every year, got inf"),
])
def test_outcomes_refuse_bad_panels(panel, match):
    with pytest.raises(DataFormatError, match=match):
        _run(panel=panel)


@pytest.mark.parametrize("kw, match", [
    ({"q": 2.5}, r"^q must be a whole number of groups or a list of cut points in \(0, 1\), got float 2.5"),
    ({"q": "2"}, r"^q must be a whole number of groups or a list of cut points in \(0, 1\), got str '2'"),
    ({"q": True}, r"^q must be a whole number"),
    ({"q": [0.5, np.nan]}, r"^quantile cut points must lie in \(0, 1\), got \[0.5, nan\]"),
    ({"cuts": [np.nan]}, r"^cuts must be finite numbers, got \[nan\]"),
    ({"cuts": "0.5"}, r"^cuts must be a list of numbers, got str '0.5'"),
    ({"weights": [1, 2]}, r"^weights must have one value per exposure value \(4\), got 2"),
    ({"weights": [-1, 1, 1, 1]}, r"^weights must be finite and at least 0, got -1.0 at position 0"),
    ({"weights": [np.inf, 1, 1, 1]}, r"^weights must be finite and at least 0, got inf at position 0"),
])
def test_exposure_groups_refuse_bad_arguments(kw, match):
    args = {"q": 2, **kw}
    with pytest.raises(ExposureError, match=match):
        outcomes.exposure_groups([0.1, 0.2, 0.3, 0.4], **args)


@pytest.mark.parametrize("values, match", [
    ([0.1, 0.2, np.inf, 0.4], r"^exposure values must be finite numbers, got inf at position 2"),
    (["a", "0.2", "0.3", "0.4"], r"^exposure values must be numbers, got 'a' at position 0"),
])
def test_exposure_groups_refuse_bad_values(values, match):
    with pytest.raises(ExposureError, match=match):
        outcomes.exposure_groups(values, q=2)


def test_exposure_groups_of_valid_values_are_unchanged():
    assert outcomes.exposure_groups([0.1, 0.2, 0.3, 0.4], q=2).tolist() == [1, 1, 2, 2]
    assert outcomes.exposure_groups([0.1, 0.5, None], cuts=[0.5]).tolist() == [1, 2, pd.NA]
    assert outcomes.exposure_groups([0.1, 0.2, 0.3, 0.4], weights=[3, 1, 1, 1], q=2).tolist() == [1, 2, 2, 2]
    assert outcomes.exposure_groups([0.1, 0.2, 0.3, 0.4], weights=[np.nan, 1, 1, 1], q=2).tolist() == [1, 1, 2, 2]


@pytest.mark.parametrize("comparison, match", [
    (pd.DataFrame({"soc_code": ["11-1001", "11-1001"], "webb_ai": [0.1, 0.9]}),
     r"^comparison, row 2, column 'soc_code': SOC code '11-1001' appears twice \(rows 1 and 2\)"),
    (pd.DataFrame({"soc_code": ["11-1001"], "webb_ai": ["x"]}),
     r"^comparison, row 1, column 'webb_ai': not a number: 'x'"),
    (pd.DataFrame({"soc_code": [None, "11-1001"], "webb_ai": [0.1, 0.9]}),
     r"^comparison, row 1, column 'soc_code': soc_code missing"),
])
def test_exposure_table_refuses_a_bad_comparison(comparison, match):
    with pytest.raises(DataFormatError, match=match):
        outcomes.exposure_table(PANEL.assign(soc_title="t"), None, measures=["webb_ai"], comparison=comparison)


# 4. the blind validation sample -------------------------------------------------------

V2 = REPO / "tests" / "data" / "categories" / "v2"


@pytest.fixture
def v2(tmp_path):
    d = tmp_path / "v2"
    d.mkdir()
    for name in ("sample.csv", "labels_annotator_a.csv", "labels_annotator_b.csv"):
        shutil.copy(V2 / name, d / name)
    return d


def _set_cell(path: Path, column: str, value: str, row: int = 1) -> None:
    lines = path.read_text().splitlines()
    header = lines[0].split(",")
    cells = lines[row].split(",")
    cells[header.index(column)] = value
    lines[row] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n")


def test_a_task_twice_in_the_validation_sample_is_refused(v2):
    lines = (v2 / "sample.csv").read_text().splitlines()
    (v2 / "sample.csv").write_text("\n".join([*lines, lines[1]]) + "\n")
    with pytest.raises(DataFormatError, match=rf"sample.csv, row {len(lines) + 1}, column 'task_id': task "
                                              r"\(.+, .+\) is listed twice, first on row 2"):
        read_validation_sample(v2)


@pytest.mark.parametrize("column, value, match", [
    ("weight", "inf", r"weight must be a positive, finite number, got 'inf'"),
    ("inclusion_prob", "1.5", r"inclusion_prob must be a probability in \(0, 1\], got '1.5'"),
    ("inclusion_prob", "inf", r"inclusion_prob must be a probability in \(0, 1\], got 'inf'"),
    ("weight", "0", r"weight must be a positive number"),  # as before
])
def test_bad_design_values_of_the_validation_sample_are_refused(v2, column, value, match):
    _set_cell(v2 / "sample.csv", column, value)
    with pytest.raises(DataFormatError, match=rf"sample.csv, row 2, column '{column}': {match}"):
        read_validation_sample(v2)


def test_the_validation_sample_reads_as_before():
    s = read_validation_sample(V2)
    assert len(s) == 400 and not s.duplicated(["onetsoc_code", "task_id"]).any()


def test_a_validation_directory_that_is_a_file_is_named_as_such(tmp_path):
    f = tmp_path / "v2"
    f.write_text("x\n")
    with pytest.raises(DataFormatError, match=r"v2: is a file, not a directory \(the blind validation "
                                              r"sample's directory is expected\)"):
        read_validation_sample(f)


# 5. exposure diff ----------------------------------------------------------------------

def test_diff_refuses_a_manifest_that_is_a_directory(tmp_path):
    from exposure.reports.diff import check_diff_dir
    d = tmp_path / "new"
    d.mkdir()
    (d / "manifest.json").mkdir()
    for name in ("task_digests", "task_scores", "occupation_scores", "sector_scores", "subsector_scores"):
        (d / f"{name}.parquet").write_bytes(b"")
    with pytest.raises(DataFormatError, match=r"new/manifest.json: is a directory, not a file"):
        check_diff_dir(d)


# 6. loader arguments --------------------------------------------------------------------

@pytest.mark.parametrize("call", [
    lambda: felten.load_felten("nope"), lambda: felten.load_felten(["aioe"]),
    lambda: felten.read_felten_occupations("x.xlsx", "nope"),
    lambda: felten.read_felten_industries("x.xlsx", None),
    lambda: felten.load_felten_industries("gpt"),
])
def test_felten_refuses_an_unknown_variant_with_the_library_error(call):
    with pytest.raises(DataFormatError, match=r"^variant must be one of \['aioe', 'ig', 'lm'\], not"):
        call()


@pytest.mark.parametrize("release", ["v9", 2, None, ["v2"]])
def test_anthropic_refuses_an_unknown_release_with_the_library_error(release):
    with pytest.raises(DataFormatError, match=r"^release must be one of \['v1', 'v2', 'v3'\], not"):
        anthropic.load_anthropic(release)


def test_compare_load_measure_refuses_a_list():
    with pytest.raises(DataFormatError, match=r"^unknown measure \['webb_ai'\]"):
        cmp.load_measure(["webb_ai"])


# 7. sources and crosswalk helpers ---------------------------------------------------------

@pytest.mark.parametrize("name", [None, 5, ["onet/29.1/Job Zones.txt"]])
def test_get_source_refuses_a_name_that_is_not_a_string(name):
    with pytest.raises(ExposureError, match=r"^name must be a registry name \(str\), got"):
        sources.get_source(name)


def test_select_sources_reads_one_string_as_one_pattern_and_refuses_other_types():
    assert sources.select_sources("onet/29.1") == sources.select_sources(["onet/29.1"])
    with pytest.raises(ExposureError, match=r"^patterns must be a list of names or patterns \(str\), got int 5"):
        sources.select_sources(5)
    with pytest.raises(ExposureError, match=r"^patterns must be a list of names or patterns \(str\), "
                                            r"got NoneType None in it"):
        sources.select_sources([None])


@pytest.mark.parametrize("code", [None, "bad", 151252, "15-12", "1512521"])
def test_soc_broad_group_refuses_what_is_not_a_code(code):
    with pytest.raises(DataFormatError, match=r"not a SOC or O\*NET-SOC code"):
        crosswalks.soc_broad_group(code)


def test_soc_broad_group_of_codes_is_unchanged():
    assert crosswalks.soc_broad_group("15-1252") == "15-1250"
    assert crosswalks.soc_broad_group("15-1252.00") == "15-1250"


def test_crosswalk_maps_refuse_arguments_of_the_wrong_type():
    with pytest.raises(DataFormatError, match=r"^crosswalk must be a pandas DataFrame, got str 'x.csv'"):
        crosswalks.onet_to_soc_map("x.csv")
    with pytest.raises(DataFormatError, match=r"^soc_codes must be a list of SOC codes, got NoneType"):
        crosswalks.oews_code_map(None, ["11-1011"])
    with pytest.raises(DataFormatError, match=r"^soc_codes must be a list of SOC codes, got str '11-1011'"):
        crosswalks.oews_code_map("11-1011", ["11-1011"])
    with pytest.raises(DataFormatError, match=r"^oews_codes must be a list of SOC codes, got NoneType"):
        crosswalks.oews_code_map(["11-1011"], None)


# 8. exposure sources: a directory where a cached file belongs ------------------------------

def test_sources_reports_a_directory_in_place_of_a_cached_file(tmp_path, capsys):
    from exposure.cli import main
    cache = tmp_path / "cache"
    (cache / "onet" / "29.1" / "Job Zones.txt").mkdir(parents=True)
    assert fetch.cache_status("onet/29.1/Job Zones.txt", data_dir=cache) == "not a file"
    code = main(["sources", "--data-dir", str(cache), "onet/29.1/Job Zones.txt"])
    out = capsys.readouterr().out
    assert code == 1
    assert "not a file" in out
    assert "1 not a file (remove it: a directory or special file where the file belongs)" in out


def test_our_soc_scores_with_boolean_measures_are_refused():
    """``True`` was read as 1.0 by ``compare --ours`` and ``outcomes --soc-scores``."""
    from exposure.measures._common import check_soc_scores
    frame = pd.DataFrame({"soc_code": ["11-1011", "11-1021"], "beta": [True, False]})
    with pytest.raises(DataFormatError, match=r"^s.parquet, row 1, column 'beta': not a number: True"):
        check_soc_scores(frame, ["beta"], path="s.parquet")
