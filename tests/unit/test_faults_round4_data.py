"""Round-4 faults of the data commands: ``diff`` reports, ``sources --rehash``, Dask warnings."""

from __future__ import annotations

import json
import logging

import numpy as np
import pandas as pd
import pytest

from exposure._io import write_parquet
from exposure.cli import main
from exposure.pipeline import task_digests
from exposure.releases import Lock, layout_source

# --------------------------------------------------------------------- exposure diff


def _output(d, beta, release):
    """A tiny recompute output directory that :func:`exposure.reports.diff.diff_outputs` reads."""
    d.mkdir(parents=True)
    tasks = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-2011.00"], "task_id": [1, 10],
                          "task": ["Direct operations.", "Audit accounts."],
                          "task_type": ["Core", "Core"]})
    write_parquet(task_digests(tasks), d / "task_digests.parquet")
    write_parquet(tasks[["onetsoc_code", "task_id"]].assign(beta=[beta, 0.5]),
                  d / "task_scores.parquet")
    write_parquet(pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-2011.00"], "beta": [beta, 0.5],
                                "n_tasks": [1, 1]}), d / "occupation_scores.parquet")
    write_parquet(pd.DataFrame({"soc_code": ["11-1011"], "soc_title": ["Chief Executives"]}),
                  d / "soc_scores.parquet")
    for level, naics in (("sector", ["52"]), ("subsector", ["522"])):
        write_parquet(pd.DataFrame({"naics": naics, "naics_title": ["t"], "level": level,
                                    "beta": [beta], "exposed_workers": [1000.0 * beta]}),
                      d / f"{level}_scores.parquet")
    (d / "manifest.json").write_text(json.dumps({"releases": {"onet": release, "oews": "2025"}}))
    return d


def test_diff_reports_default_to_the_new_directory_not_the_cwd(tmp_path, monkeypatch, capsys):
    """`exposure diff OLD NEW` run elsewhere wrote a stray data/processed/reports there."""
    old = _output(tmp_path / "runs" / "old", 0.25, "29.1")
    new = _output(tmp_path / "runs" / "new", 0.75, "30.1")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["diff", str(old), str(new), "--quiet"]) == 0
    assert list(elsewhere.iterdir()) == []  # nothing written in the current directory
    assert sorted(p.name for p in (new / "reports").iterdir()) == [
        "diff_occupations.csv", "diff_sectors.csv", "diff_summary.csv", "diff_tasks.csv"]
    assert not (old / "reports").exists()
    # an explicit --reports is still where they go
    assert main(["diff", str(old), str(new), "--quiet", "--reports", str(tmp_path / "r")]) == 0
    assert (tmp_path / "r" / "diff_summary.csv").is_file()
    assert list(elsewhere.iterdir()) == []
    # the help names the default
    with pytest.raises(SystemExit):
        main(["diff", "--help"])
    assert "NEW_DIR/reports" in capsys.readouterr().out


# ---------------------------------------------------------------- sources --rehash


@pytest.fixture
def pinned_cache(tmp_path, monkeypatch):
    """A lock file pinning ``onet/31.0/Job Zones.txt`` (b"abc") and an empty cache."""
    home, cache = tmp_path / "home", tmp_path / "cache"
    f = tmp_path / "f"
    f.write_bytes(b"abc")
    Lock(home / "exposure.lock").pin(layout_source("onet/31.0/Job Zones.txt"), f)
    monkeypatch.setenv("EXPOSURE_HOME", str(home))
    (cache / "onet/31.0").mkdir(parents=True)
    return cache, cache / "onet/31.0/Job Zones.txt"


def test_sources_rehash_takes_a_name_the_lock_file_pins(pinned_cache, capsys):
    """`sources onet/31.0/Job Zones.txt --rehash` said 'unknown source' though fetch takes it."""
    cache, cached = pinned_cache
    args = ["sources", "--data-dir", str(cache), "--rehash", "onet/31.0/Job Zones.txt"]
    cached.write_bytes(b"abd")  # not the pinned bytes: removed, to be fetched again
    assert main(args) == 1
    captured = capsys.readouterr()
    assert "unknown source" not in captured.err
    assert "onet/31.0/Job Zones.txt" in captured.out and "removed" in captured.out
    assert not cached.exists()
    cached.write_bytes(b"abc")
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "verified" in out and "1 file in" in out
    # with a registry name beside it, and as TSV
    assert main([*args, "onet/29.1/Job Zones.txt", "--format", "tsv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert [r.split("\t")[0] for r in rows] == ["name", "onet/29.1/Job Zones.txt",
                                                "onet/31.0/Job Zones.txt"]
    assert rows[2].split("\t")[1:5] == ["onet", "31.0", "3", "verified"]


def test_sources_still_refuses_a_name_neither_pins(pinned_cache, capsys):
    cache, _ = pinned_cache
    assert main(["sources", "--data-dir", str(cache), "--rehash", "onet/31.0/Nope.txt"]) == 2
    assert "unknown source 'onet/31.0/Nope.txt'" in capsys.readouterr().err
    assert main(["sources", "--data-dir", str(cache), "onet/29.1/Task Statment.txt"]) == 2
    assert "unknown source 'onet/29.1/Task Statment.txt'" in capsys.readouterr().err


# ------------------------------------------------------------ Dask: one warning a run

ODD = pd.DataFrame({
    "onetsoc_code": ["43-9061.00", None, "43-9061.00", None, "47-2021.00", None, "43-9061.00",
                     None, "47-2021.00", None, None, None],
    "task": ["Answer telephones and relay messages.", "Write Python scripts to clean data.",
             "File records and documents.", "zzqx blorf", "Lay bricks to build walls.",
             "Review pull requests and fix failing tests.",
             "Operate office machines such as copiers.", "xyzzy", "Mix mortar by hand.",
             "qwerty asdf plugh", "Sort incoming mail.", "Deploy a web service to the cloud."],
    "title": [None, "Data Engineer", None, "Designer", None, "data engineer", None, None, None,
              "Designer", "Clerk", "Data Engineer"],
})


def _odd_records(caplog):
    from exposure.scoring.learned import ODD_TEXTS_MESSAGE

    return [r.getMessage() for r in caplog.records if r.msg is ODD_TEXTS_MESSAGE]


@pytest.mark.parametrize("cuts, codes, batch_rows", [
    ([4, 8], True, None), ([6], True, None), ([4, 8], False, None), ([6], True, 2)],
    ids=["occupations-span-files", "two-files", "no-regrouping", "partitions-in-batches"])
def test_dask_engine_warns_once_with_the_summed_counts(tmp_path, caplog, monkeypatch, cuts, codes,
                                                       batch_rows):
    """Each partition warned 'k of m texts do not read as work tasks' with its own rows."""
    distributed = pytest.importorskip("distributed")
    from exposure import dask as xd
    from exposure.scoring._files import score_file

    if batch_rows is not None:  # partitions of more rows are scored in batches
        monkeypatch.setattr(xd, "BATCH_ROWS", batch_rows)
    frame = ODD if codes else ODD.drop(columns="onetsoc_code")
    src = tmp_path / "in"
    src.mkdir()
    for k, rows in enumerate(np.split(np.arange(len(frame)), cuts)):
        frame.iloc[rows].to_parquet(src / f"part{k}.parquet")
    frame.to_parquet(tmp_path / "all.parquet")
    with caplog.at_level(logging.WARNING, logger="exposure"):
        score_file(tmp_path / "all.parquet", tmp_path / "all_scored.parquet", onet="none")
    stream = _odd_records(caplog)
    assert stream == [f"{tmp_path / 'all.parquet'}: 3 of 12 texts do not read as work tasks (no "
                      "O*NET task is similar, too few words to name one, more than 200 words (split a "
                      "job posting into its duties), another language than English, an address, an "
                      "occupation title or a line of a job posting that is no duty (pay, benefits, "
                      "requirements, the company, schedule, job title, how to apply): e.g. row 4, 'zzqx blorf'); "
                      "their scores have low confidence"]
    caplog.clear()
    with distributed.Client(processes=False, n_workers=2, threads_per_worker=1,
                            dashboard_address=":0") as client, \
            caplog.at_level(logging.WARNING, logger="exposure"):
        done = xd.score_dataset(src, tmp_path / "out", client=client, progress=False)
    assert done.n_tasks == 12
    # the stream engine's message for the dataset: its rows counted in file-name order
    assert _odd_records(caplog) == [stream[0].replace(str(tmp_path / "all.parquet"), str(src))]
    # the hidden column carrying the counts is not written
    got = pd.read_parquet(tmp_path / "out")
    assert got.pop("__index_level_0__").tolist() == list(range(12))  # the slices' row numbers
    want = pd.read_parquet(tmp_path / "all_scored.parquet")
    assert list(got.columns) == list(want.columns)
    cols = ["p_e0", "p_e1", "p_e2", "similarity"]
    assert np.array_equal(got[cols].to_numpy(), want[cols].to_numpy(), equal_nan=True)


def test_dask_engine_says_nothing_when_every_text_reads_as_a_task(tmp_path, caplog):
    distributed = pytest.importorskip("distributed")
    from exposure import dask as xd

    src = tmp_path / "in"
    src.mkdir()
    ODD.iloc[:3].to_parquet(src / "a.parquet")
    with distributed.Client(processes=False, n_workers=1, dashboard_address=":0") as client, \
            caplog.at_level(logging.WARNING, logger="exposure"):
        xd.score_dataset(src, tmp_path / "out", client=client, progress=False)
    assert _odd_records(caplog) == []


def test_dask_score_keeps_its_columns(tmp_path):
    """:func:`exposure.dask.score` (lazy, no run to sum over) is unchanged: no hidden column."""
    dd = pytest.importorskip("dask.dataframe")
    from exposure import dask as xd

    out = xd.score(dd.from_pandas(ODD, npartitions=3, sort=False)).compute(scheduler="sync")
    assert not [c for c in out.columns if c.startswith("__exposure")]
