"""Round 13: non-path arguments of the fetch functions, a constant measure of --soc-scores, empty -o, NUL bytes.

1. The low-level functions of :mod:`exposure.fetch` (``file_sha256``, ``verify``,
   ``download``, ``select_fetchable``, ``fetch_many``, ``extract_zip``, ``check_cache_dir``,
   ``mirror_holding``, ``remove_stale_partials``, ``fetch_table``'s reader, ``DataStore``)
   given None, a number, a list or bytes where a path (or a list of names) is expected:
   ``TypeError: expected str, bytes or os.PathLike object, not NoneType``,
   ``AttributeError: 'NoneType' object has no attribute 'lock'``, and
   ``file_sha256(5)`` read file descriptor 5.
2. ``exposure outcomes --soc-scores FILE`` with a measure of one value on every SOC code:
   ``measure 'beta' takes the one value 0.5 on all 10 occupations it covers``, naming no file.
3. ``exposure score IN -o ''``: ``.: cannot write: is a directory``; ``outcomes -o ''``
   wrote into the current directory; ``evaluate --out ''`` and ``validate --report-dir ''``
   were read as no option.
4. A NUL byte in a published-measure CSV/TSV (webb, microsoft, anthropic, eloundou) was
   read into a cell without a word; the task tables' reader refuses it.

No mirror and no network: tiny files written by the tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from _cli import _no_env, run  # noqa: F401 (_no_env: autouse fixture)

from exposure import fetch, outcomes
from exposure.errors import DataFormatError, ExposureError
from exposure.measures import anthropic, eloundou, microsoft, webb
from exposure.oews import read_oews

DATA = Path(__file__).resolve().parents[1] / "data"
NOT_PATHS = [(None, "NoneType None"), (5, "int 5"), (["a.csv"], "list ['a.csv']"),
             (b"/tmp/x", "bytes b'/tmp/x'")]


# 1. fetch functions given something that is not a path ---------------------------------

@pytest.fixture
def store(tmp_path):
    return fetch.DataStore(cache=tmp_path / "cache", home=tmp_path / "home", mirror=None)


@pytest.mark.parametrize("value, shown", NOT_PATHS)
@pytest.mark.parametrize("call, name, what", [
    (lambda v, d: fetch.verify(v, "0" * 64), "path", "a file path"),
    (lambda v, d: fetch.download("http://127.0.0.1:9/x.csv", v, retries=0, timeout=0.1), "dest",
     "a file path"),
    (lambda v, d: fetch.extract_zip(v, d / "out"), "archive", "a file path"),
    (lambda v, d: fetch.extract_zip(d / "a.zip", v), "target_dir", "a directory path"),
    (lambda v, d: fetch.check_cache_dir(v), "root", "a directory path"),
    (lambda v, d: fetch.mirror_holding(v), "data_dir", "a directory path"),
    (lambda v, d: fetch.mirror_holding(d, v), "mirror", "a directory path"),
    (lambda v, d: fetch.remove_stale_partials(v), "dest", "a file path"),
    (lambda v, d: fetch.DataStore(cache=v, home=d), "cache", "a directory path"),
], ids=["verify", "download", "extract_zip", "extract_zip-target", "check_cache_dir",
        "mirror_holding", "mirror_holding-mirror", "remove_stale_partials", "DataStore"])
def test_fetch_functions_name_an_argument_that_is_not_a_path(tmp_path, call, name, what, value, shown):
    if value is None and name == "mirror":
        call(value, tmp_path)  # None is no mirror
        return
    with pytest.raises(ExposureError, match=rf"^{name} must be {what} \(str or os\.PathLike\), "
                                            rf"got {shown.replace('[', '.').replace(']', '.')}$"):
        call(value, tmp_path)


@pytest.mark.parametrize("value, shown", [(None, "NoneType None"), (5, "int 5"),
                                           (["a"], "list .'a'.")])
def test_file_sha256_names_a_path_that_is_not_one(value, shown):
    """``file_sha256(5)`` read file descriptor 5; None and a list: open()'s TypeError."""
    with pytest.raises(ExposureError, match=rf"^path must be a file path \(str, bytes or os\.PathLike\), got {shown}$"):
        fetch.file_sha256(value)


def test_file_sha256_and_verify_still_read_a_file(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(b"abc")
    digest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert fetch.file_sha256(p) == fetch.file_sha256(str(p)) == fetch.file_sha256(os.fsencode(p)) == digest
    assert fetch.verify(str(p), digest.upper()) == p


@pytest.mark.parametrize("call, message", [
    (lambda d: fetch.verify(d / "x", None), r"^sha256 must be a hex digest \(str\), got NoneType None$"),
    (lambda d: fetch.download(None, d / "x.csv", retries=0), r"^url must be a URL \(str\), got NoneType None$"),
    (lambda d: fetch.download("http://127.0.0.1:9/x", d / "x.csv", sha256=5),
     r"^sha256 must be a hex digest \(str\), got int 5$"),
])
def test_fetch_functions_name_a_text_argument_that_is_not_text(tmp_path, call, message):
    with pytest.raises(ExposureError, match=message):
        call(tmp_path)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("names, shown", [(5, "int 5"), (b"onet", "bytes b'onet'"),
                                           ([None], "NoneType None in it"), ([["a"]], r"list \['a'\] in it")])
def test_select_fetchable_and_fetch_many_name_names_that_are_not_a_list_of_str(store, tmp_path, names, shown):
    pattern = rf"^names must be a list of registry names, prefixes, kinds or globs \(str\), got {shown}$"
    with pytest.raises(ExposureError, match=pattern):
        fetch.select_fetchable(names, store)
    with pytest.raises(ExposureError, match=pattern):
        fetch.fetch_many(names, mirror=tmp_path, data_dir=tmp_path / "cache")


def test_select_fetchable_takes_one_name_and_names_a_store_that_is_not_one(store):
    """One str was read letter by letter (``unknown source 'o'``); None: an AttributeError."""
    assert [s.name for s in fetch.select_fetchable("onet/29.1/Job Zones.txt", store)] == \
        [s.name for s in fetch.select_fetchable(["onet/29.1/Job Zones.txt"], store)] == ["onet/29.1/Job Zones.txt"]
    with pytest.raises(ExposureError, match=r"^store must be an exposure\.fetch\.DataStore .*got NoneType None$"):
        fetch.select_fetchable(["onet/29.1/Job Zones.txt"], None)


def test_extract_zip_names_members_that_are_not_a_list(tmp_path):
    with pytest.raises(ExposureError, match=r"^members must be a list of zip member names \(str\) or None, "
                                            r"got str 'x\.txt': write \['x\.txt'\]$"):
        fetch.extract_zip(tmp_path / "a.zip", tmp_path / "out", "x.txt")
    with pytest.raises(ExposureError, match=r"^members must be a list of zip member names \(str\), got int 5$"):
        fetch.extract_zip(tmp_path / "a.zip", tmp_path / "out", 5)


def test_fetch_table_names_a_reader_that_is_not_a_function(store, monkeypatch):
    monkeypatch.setattr(fetch, "fetch", lambda *a, **k: pytest.fail("fetched before the reader was checked"))
    with pytest.raises(ExposureError, match=r"^reader must be a function of the file's path .*got int 5$"):
        fetch.fetch_table("onet/29.1/Job Zones.txt", 5, store=store)


# 2. outcomes --soc-scores FILE with a constant measure -----------------------------------

SOC_DETAILED = ["11-1011", "11-1021", "13-1021", "13-1022", "13-1023", "13-2011", "15-1252",
                "15-1211", "43-9021", "43-4051", "41-2031", "53-7062", "29-1024"]


@pytest.fixture(scope="module")
def outcome_files(tmp_path_factory):
    d = tmp_path_factory.mktemp("outcomes")
    frames = {y: read_oews(DATA / "outcomes" / f"oews_M{y}.csv") for y in outcomes.PANEL_YEARS}
    outcomes.build_panel(frames, SOC_DETAILED).to_parquet(d / "panel.parquet")
    scores = pd.read_csv(DATA / "outcomes" / "exposure.csv", dtype={"soc_code": str})
    scores.to_parquet(d / "soc.parquet")
    scores.assign(beta=0.5).to_parquet(d / "flat.parquet")
    scores.assign(soc_code=[f"4{i}-9999" for i in range(len(scores))]).to_parquet(d / "elsewhere.parquet")
    return d


@pytest.mark.parametrize("name, reason", [
    ("flat", r"measure 'beta' takes the one value 0\.5 on all 10 occupations it covers: nothing to compare"),
    ("elsewhere", r"measure 'beta' has no value on any balanced occupation of the panel"),
])
def test_outcomes_names_the_soc_scores_file_of_a_measure_with_nothing_to_compare(outcome_files, tmp_path,
                                                                                 capsys, name, reason):
    code, line = run(capsys, "outcomes", "--panel", outcome_files / "panel.parquet", "--soc-scores",
                     outcome_files / f"{name}.parquet", "--measure", "beta", "--no-figures",
                     "--no-robustness", "-o", tmp_path / "out")
    assert code == 2
    assert pytest.importorskip("re").search(rf"{name}\.parquet, column 'beta': {reason}", line), line
    assert not (tmp_path / "out").exists()


def test_outcomes_with_a_measure_that_varies_runs_as_before(outcome_files, tmp_path, capsys):
    code = run(capsys, "outcomes", "--panel", outcome_files / "panel.parquet", "--soc-scores",
               outcome_files / "soc.parquet", "--measure", "beta", "--no-figures", "--no-robustness",
               "-o", tmp_path / "out")[0]
    assert code == 0
    assert pd.read_csv(tmp_path / "out" / "outcomes_headline.csv")["measure"].tolist() == ["beta", "beta"]


def test_run_outcomes_says_the_same_without_a_file(outcome_files):
    """The library's own message (no file) is unchanged."""
    panel = pd.read_parquet(outcome_files / "panel.parquet")
    flat = pd.read_parquet(outcome_files / "flat.parquet")
    with pytest.raises(ExposureError, match=r"^measure 'beta' takes the one value 0\.5 on all"):
        outcomes.run_outcomes(panel, flat, ["beta"], with_robustness=False)


# 3. -o '' ---------------------------------------------------------------------------------

@pytest.mark.parametrize("argv, message", [
    (["score", "{i}", "-o", ""], "-o/--output is empty: give the output file's name, e.g. scores.csv"),
    (["score", "{i}", "--output="], "-o/--output is empty: give the output file's name, e.g. scores.csv"),
    (["rollup", "{i}", "-o", ""], "-o/--output is empty: give the output directory"),
    (["outcomes", "--panel", "shipped", "-o", ""], "-o/--output is empty: give the output directory"),
    (["compare", "-o", ""], "-o/--output is empty: give the output directory"),
    (["recompute", "--out", ""], "--out is empty: give the output directory"),
    (["recompute", "--out", "{d}/x", "--compare", "{d}/y", "--reports", ""],
     "--reports is empty: give the directory of the diff reports"),
    (["diff", "{d}/a", "{d}/b", "--reports", ""], "--reports is empty: give the directory of the diff reports"),
    (["evaluate", "--out", ""], "--out is empty: give the output file's name, e.g. agreement.csv"),
    (["report", "rubric", "--out-dir", ""], "--out-dir is empty: give the report directory"),
    (["validate", "--report-dir", ""], "--report-dir is empty: give the report directory"),
])
def test_an_empty_output_option_is_named(tmp_path, capsys, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.csv").write_text("task\nWrite reports\n")
    argv = [a.format(i=tmp_path / "in.csv", d=tmp_path) for a in argv]
    code, line = run(capsys, *argv)
    assert (code, line) == (2, f"exposure {argv[0]}{' ' + argv[1] if argv[0] == 'report' else ''}: error: {message}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]  # nothing written


# 4. a NUL byte in a published-measure file -------------------------------------------------

def _with_nul(src: Path, dest: Path, line: int = 3) -> Path:
    lines = src.read_bytes().split(b"\n")
    lines[line - 1] = lines[line - 1][:5] + b"\x00" + lines[line - 1][5:]
    dest.write_bytes(b"\n".join(lines))
    return dest


M = DATA / "measures"


@pytest.mark.parametrize("reader, src", [
    (webb.read_webb, M / "webb_scores.csv"),
    (webb.read_onet_to_occ1990dd, M / "onet_to_occ1990dd.csv"),
    (microsoft.read_applicability, M / "microsoft" / "soc_ai_applicability_scores.csv"),
    (microsoft.read_iwa_metrics, M / "microsoft" / "iwa_metrics.csv"),
    (microsoft.read_soc_iwa_weights, M / "microsoft" / "soc_iwa_weights.csv"),
    (microsoft.read_soc_to_iwas, M / "microsoft" / "soc_to_iwas.csv"),
    (anthropic.read_task_usage, M / "anthropic" / "task_pct.csv"),
    (anthropic.read_task_collaboration, M / "anthropic" / "collaboration.csv"),
    (eloundou.read_task_labels, DATA / "scoring" / "labels_tiny.tsv"),
    (eloundou.read_occ_level, DATA / "scoring" / "occ_level_tiny.csv"),
], ids=lambda v: getattr(v, "__name__", None) or Path(v).name)
def test_a_nul_byte_in_a_published_measure_file_is_refused_by_its_line(tmp_path, reader, src):
    reader(src)  # the file as shipped is read
    bad = _with_nul(src, tmp_path / src.name)
    with pytest.raises(DataFormatError, match=rf"^{bad}, row 3: file is binary, not text \(a NUL byte at offset \d+\)$"):
        reader(bad)


def test_the_task_tables_and_the_measures_say_the_same_of_a_nul_byte(tmp_path):
    from exposure._tables import check_delimited_file, read_frame

    bad = _with_nul(M / "webb_scores.csv", tmp_path / "w.csv")
    messages = set()
    for read in (read_frame, check_delimited_file, webb.read_webb):
        with pytest.raises(DataFormatError) as info:
            read(bad)
        messages.add(str(info.value))
    assert len(messages) == 1, messages
