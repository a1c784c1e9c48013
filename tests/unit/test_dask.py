"""exposure.dask: the same scores whatever the engine, the partitioning and the workers."""

import numpy as np
import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from exposure import dask as xd  # noqa: E402
from exposure.cli import _score, main  # noqa: E402
from exposure.errors import DataFormatError  # noqa: E402
from exposure.scoring import learned, score_tasks  # noqa: E402
from exposure.scoring._files import append_scores, score_file  # noqa: E402

#: Hand-written postings: occupations of several rows (by code, by title), lone rows.
POSTINGS = pd.DataFrame({
    "onetsoc_code": ["43-9061.00", None, "43-9061.00", None, "47-2021.00", None, "43-9061.00",
                     None, "47-2021.00", None, None, None],
    "task": ["Answer telephones and relay messages.", "Write Python scripts to clean data.",
             "File records and documents.", "Design a logo for a bakery.",
             "Lay bricks to build walls.", "Review pull requests and fix failing tests.",
             "Operate office machines such as copiers.", "Weld steel beams on site.",
             "Mix mortar by hand.", "Draft a press release.", "Sort incoming mail.",
             "Deploy a web service to the cloud."],
    "title": [None, "Data Engineer", None, "Designer", None, "data engineer", None, None, None,
              "Designer", "Clerk", "Data Engineer"],
    "naics": ["52", "51", "52", "54", "23", "51", "52", "23", "23", "54", "52", "51"],
    "openings": [1, 2, 1, 1, 3, 1, 1, 2, 1, 1, 5, 1],
})
NUMBERS = ["p_e0", "p_e1", "p_e2", "alpha", "beta", "gamma"]


def _single_process() -> pd.DataFrame:
    return append_scores(POSTINGS, score_tasks(POSTINGS))


def _same_scores(got: pd.DataFrame, want: pd.DataFrame) -> None:
    got = got.reset_index(drop=True)
    assert list(got.columns) == list(want.columns)
    assert np.array_equal(got[NUMBERS].to_numpy(), want[NUMBERS].to_numpy())  # bit for bit
    norm = lambda f: f.astype(object).where(f.notna(), None)  # noqa: E731 (dask's NA vs nan)
    pd.testing.assert_frame_equal(norm(got), norm(want), check_exact=True)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as c:
        yield c


def test_the_occupation_context_spans_partitions_here():
    # the input is not grouped: a naive per-partition scoring would differ, so the
    # identity tests below would fail without the regrouping of score()
    ddf = dd.from_pandas(POSTINGS, npartitions=4, sort=False)
    assert xd._spans_partitions(ddf, None)
    naive = pd.concat([score_tasks(p.compute()) for p in ddf.partitions], ignore_index=True)
    assert not np.array_equal(naive["p_e1"].to_numpy(), _single_process()["p_e1"].to_numpy())


@pytest.mark.parametrize("npartitions", [1, 3, 5])
def test_sync_scheduler_matches_one_process(npartitions):
    ddf = dd.from_pandas(POSTINGS, npartitions=npartitions, sort=False)
    _same_scores(xd.score(ddf).compute(scheduler="sync"), _single_process())


@pytest.mark.parametrize("method", ["learned", "rubric"])
def test_partitions_scored_in_batches_match_one_process(monkeypatch, method):
    # partitions larger than BATCH_ROWS are scored in batches of whole occupations (memory
    # per worker bounded): the occupations of POSTINGS are interleaved, so a batch cut by
    # row count alone would change the learned scores
    monkeypatch.setattr(xd, "BATCH_ROWS", 2)
    renamed = POSTINGS.reset_index(drop=True)
    for by_title in (False, True):  # True: a model that gives titled rows a context
        job = {"method": method, "occupation_column": None, "by_title": by_title}
        batches = xd._batches(renamed, job)
        assert sorted(np.concatenate(batches).tolist()) == list(range(len(POSTINGS)))
        if method == "learned":
            keys = [k or f"row:{i}" for i, k in enumerate(xd.occupation_keys(renamed, by_title=by_title))]
            owner = {keys[i]: b for b, rows in enumerate(batches) for i in rows}
            assert all(owner[keys[i]] == b for b, rows in enumerate(batches) for i in rows)
            assert len(batches) > 2
            together = [b for b, rows in enumerate(batches) for i in rows
                        if str(POSTINGS.loc[i, "title"]).lower() == "data engineer"]
            assert (len(set(together)) == 1) == by_title
    want = append_scores(POSTINGS, score_tasks(POSTINGS, method))
    ddf = dd.from_pandas(POSTINGS, npartitions=1)
    _same_scores(xd.score(ddf, method).compute(scheduler="sync"), want)
    ddf = dd.from_pandas(POSTINGS, npartitions=2, sort=False)
    _same_scores(xd.score(ddf, method).compute(scheduler="sync"), want)


def test_batched_partition_errors_name_the_partition_row(monkeypatch):
    monkeypatch.setattr(xd, "BATCH_ROWS", 2)
    bad = POSTINGS.assign(task=POSTINGS["task"].where(POSTINGS.index != 9, "  "))
    with pytest.raises(DataFormatError, match="row 10, column 'task'"):
        xd.score(dd.from_pandas(bad, npartitions=1)).compute(scheduler="sync")


@pytest.mark.slow
def test_one_and_two_workers_match_one_process(cluster):
    want = _single_process()
    with distributed.Client(cluster):
        for npartitions in (2, 4):
            ddf = dd.from_pandas(POSTINGS, npartitions=npartitions, sort=False)
            _same_scores(xd.score(ddf).compute(), want)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as one, distributed.Client(one):
        ddf = dd.from_pandas(POSTINGS, npartitions=3, sort=False)
        _same_scores(xd.score(ddf).compute(), want)


def test_the_model_is_loaded_once_per_worker(monkeypatch):
    loads = []
    real = learned.load_model  # exposure.dask loads its models with learned.load_model_at
    monkeypatch.setattr(learned, "load_model", lambda path=None: loads.append(path) or real(path))
    monkeypatch.setattr(xd, "_MODELS", {})
    grouped = POSTINGS.assign(onetsoc_code=None, title=None)  # no context: no regrouping
    ddf = dd.from_pandas(grouped, npartitions=4, sort=False)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as one, distributed.Client(one):
        xd.score(ddf).compute()
    # one check of the artifact on the client, one load into the process's cache (the meta
    # probe; the in-process worker shares it): none per partition
    assert len(loads) == 2
    assert len(xd._MODELS) == 1


def test_check_finds_a_task_key_repeated_across_partitions():
    scored = append_scores(POSTINGS.iloc[:4], score_tasks(POSTINGS.iloc[:4], "rubric"))
    keys = scored.assign(onetsoc_code="43-9061.00", task_id=[1, 2, 3, 4])
    assert xd.check(dd.from_pandas(keys, npartitions=2)) == {"rows": 4, "scored": 4, "coverage": 1.0}
    keys.loc[3, "task_id"] = 1
    with pytest.raises(DataFormatError, match="1 task key"):
        xd.check(dd.from_pandas(keys, npartitions=2))


def test_roll_ups_are_weighted_means_whatever_the_partitioning():
    scored = _single_process()
    want = {}
    for code, g in scored.groupby("naics"):
        w = g["openings"].to_numpy(dtype=float)
        want[code] = [float(np.sum(w * g[m].astype(float)) / w.sum()) for m in xd.ROLLUP_MEASURES]
    for npartitions in (1, 4):
        ddf = dd.from_pandas(scored, npartitions=npartitions, sort=False)
        got = xd.to_sectors(ddf, "naics", weight="openings").compute(scheduler="sync")
        assert sorted(got.index) == sorted(want)
        for code, values in want.items():
            assert np.allclose(got.loc[code, list(xd.ROLLUP_MEASURES)].to_numpy(dtype=float), values,
                               rtol=0, atol=1e-12)
        assert got["n_rows"].sum() == len(scored)
    occ = xd.to_occupations(dd.from_pandas(scored.dropna(subset=["onetsoc_code"]), npartitions=2))
    occ = occ.compute(scheduler="sync")
    assert occ.loc["43-9061.00", "n_rows"] == 3
    ref = scored[scored["onetsoc_code"] == "43-9061.00"]["gamma"].mean()
    assert occ.loc["43-9061.00", "gamma"] == pytest.approx(ref, abs=1e-12)


@pytest.mark.slow
def test_cli_dask_engine_writes_the_scores_of_the_stream_engine(tmp_path, capsys):
    src = tmp_path / "postings"
    src.mkdir()
    for k, part in enumerate(np.array_split(np.arange(len(POSTINGS)), 3)):
        POSTINGS.iloc[part].to_parquet(src / f"part{k}.parquet")
    POSTINGS.to_parquet(tmp_path / "all.parquet")
    assert main(["score", str(src), "-o", str(tmp_path / "out"), "--engine", "dask",
                 "--workers", "1", "--onet", "none"]) == 0
    assert "scored 12 tasks with learned" in capsys.readouterr().out
    got = dd.read_parquet(tmp_path / "out").compute()
    # the parts, slices of POSTINGS, stored their row numbers (a RangeIndex from 4, from 8):
    # a column of every part, the first's from 0, as the stream engine keeps one of a file
    assert got.pop("__index_level_0__").tolist() == list(range(12))
    score_file(tmp_path / "all.parquet", tmp_path / "all_scored.parquet", onet="none")
    _same_scores(got, pd.read_parquet(tmp_path / "all_scored.parquet"))


def test_cli_dask_engine_errors(tmp_path, capsys, monkeypatch):
    assert main(["score", str(tmp_path / "none"), "-o", str(tmp_path / "out"), "--engine", "dask",
                 "--workers", "1"]) == 2
    assert "input dataset not found" in capsys.readouterr().err
    # without the extra, --engine dask says what to install
    monkeypatch.setattr(_score.importlib.util, "find_spec",
                        lambda name: None if name == "distributed" else object())
    assert main(["score", str(tmp_path), "-o", str(tmp_path / "out"), "--engine", "dask"]) == 2
    assert "pip install 'ai-exposure[dask]'" in capsys.readouterr().err


def _dataset(tmp_path, frame, cuts, **kw):
    src = tmp_path / "in"
    src.mkdir(parents=True)
    for k, rows in enumerate(np.split(np.arange(len(frame)), cuts)):
        frame.iloc[rows].to_parquet(src / f"part{k}.parquet", **kw)
    return src


@pytest.mark.parametrize("cuts", [[4, 8], [5, 9]], ids=["files-split-occupations", "other-cut"])
def test_a_bad_cell_is_named_by_its_file_and_row_in_it(tmp_path, cuts):
    """Dask partitions named no file, and their own row (position in a regrouped partition)."""
    bad = POSTINGS.assign(task=POSTINGS["task"].where(POSTINGS.index != 10, "  "))
    src = _dataset(tmp_path, bad, cuts)
    ddf = xd.read_dataset(src)
    line = 10 - cuts[-1] + 1  # row 10 of the frame is in the last file
    with pytest.raises(DataFormatError, match=rf"part2\.parquet, row {line}, column 'task'"):
        xd.score(ddf).compute(scheduler="sync")


def test_read_dataset_rows_of_row_group_pieces_count_from_their_file(tmp_path, monkeypatch):
    monkeypatch.setattr(xd, "PARTITION_BYTES", 1)  # every row group its own partition
    bad = POSTINGS.assign(task=POSTINGS["task"].where(POSTINGS.index != 7, ""))
    src = _dataset(tmp_path, bad, [6], row_group_size=2)
    ddf = xd.read_dataset(src)
    assert ddf.npartitions == 6
    with pytest.raises(DataFormatError, match=r"part1\.parquet, row 2, column 'task'"):
        xd.score(ddf, "rubric").compute(scheduler="sync")
    good = xd.score(xd.read_dataset(_dataset(tmp_path / "g", POSTINGS, [6], row_group_size=2)))
    good = good.compute(scheduler="sync")
    assert good.pop("__index_level_0__").tolist() == list(range(12))  # the slices' row numbers
    _same_scores(good, _single_process())


def test_read_dataset_refuses_no_files_and_files_of_other_columns(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("not data")
    with pytest.raises(DataFormatError, match="no Parquet files"):
        xd.read_dataset(tmp_path / "empty")
    src = _dataset(tmp_path, POSTINGS, [6])
    POSTINGS.rename(columns={"task": "text"}).to_parquet(src / "part9.parquet")
    with pytest.raises(DataFormatError, match=r"part9\.parquet: its columns .* are not those of part0"):
        xd.read_dataset(src)


@pytest.mark.slow
def test_cli_dask_engine_names_the_file_of_a_bad_cell(tmp_path, capfd):
    """The one error line: no INFO lines of distributed, no worker 'Compute Failed' traceback."""
    bad = POSTINGS.assign(task=POSTINGS["task"].where(POSTINGS.index != 10, "  "))
    src = _dataset(tmp_path, bad, [4, 8])
    assert main(["score", str(src), "-o", str(tmp_path / "out"), "--engine", "dask",
                 "--workers", "1", "--onet", "none"]) == 2
    err = capfd.readouterr().err  # the worker processes' output too
    assert f"{src / 'part2.parquet'}, row 3, column 'task': task text must be a non-empty string" in err
    assert "Compute Failed" not in err and "INFO distributed" not in err, err
    assert not (tmp_path / "out").exists()
    (tmp_path / "empty").mkdir()
    assert main(["score", str(tmp_path / "empty"), "-o", str(tmp_path / "out"), "--engine", "dask",
                 "--workers", "1"]) == 2
    assert "no Parquet files (.parquet, .pq, .parq) in the directory" in capfd.readouterr().err


def test_read_dataset_keeps_hive_partitions_as_columns(tmp_path):
    """As dask's read_parquet does: year=2024/ becomes a column."""
    for year, rows in ((2024, slice(0, 5)), (2025, slice(5, 12))):
        (tmp_path / f"year={year}").mkdir()
        POSTINGS.iloc[rows].to_parquet(tmp_path / f"year={year}" / "part.parquet")
    got = xd.score(xd.read_dataset(tmp_path), "rubric").compute(scheduler="sync")
    assert got["year"].tolist() == [2024] * 5 + [2025] * 7  # integers, as read_parquet infers them
    assert "__exposure_file" not in got.columns and "__exposure_line" not in got.columns
    (tmp_path / "other").mkdir()
    POSTINGS.to_parquet(tmp_path / "other" / "x.parquet")
    with pytest.raises(DataFormatError, match=r"part\.parquet: its partition directories \['year'\] are not "
                                              r"those of x\.parquet \[\]"):
        xd.read_dataset(tmp_path)


def test_read_dataset_keeps_a_stored_index_as_a_column(tmp_path, monkeypatch):
    """A task_id stored as the index was dropped by --engine dask (the stream engine kept it)."""
    monkeypatch.setattr(xd, "PARTITION_BYTES", 1)  # every row group its own partition
    keyed = POSTINGS[["task", "title"]].set_axis(pd.Index(range(101, 113), name="task_id"))
    (tmp_path / "named").mkdir()
    keyed.to_parquet(tmp_path / "named" / "a.parquet", row_group_size=5)
    shifted = POSTINGS[["task"]].set_axis(pd.RangeIndex(50, 62))  # no column: pandas metadata
    (tmp_path / "shifted").mkdir()
    shifted.to_parquet(tmp_path / "shifted" / "a.parquet", row_group_size=5)
    for name, column, values in (("named", "task_id", list(range(101, 113))),
                                 ("shifted", "__index_level_0__", list(range(50, 62)))):
        ddf = xd.read_dataset(tmp_path / name)
        assert ddf.npartitions == 3
        got = xd.score(ddf, "rubric").compute(scheduler="sync").reset_index(drop=True)
        assert got[column].tolist() == values, name
        score_file(tmp_path / name / "a.parquet", tmp_path / f"{name}.parquet", "rubric")
        want = pd.read_parquet(tmp_path / f"{name}.parquet")
        assert list(got.columns) == list(want.columns) and got[column].tolist() == want[column].tolist()


@pytest.mark.parametrize("values,said", [
    ([[1, 2], [3]], r"a\.parquet, column 'extra': the column holds nested values .* use --engine stream"),
    # binary: read as UTF-8 text since round 73, as the stream engine reads it
    ([b"ab", b"\xff\x00"], r"a\.parquet, row 2, column 'extra': the column is binary, read as UTF-8 text, "
                           r"and this cell is not UTF-8"),
], ids=["nested", "binary"])
def test_read_dataset_refuses_columns_dask_would_turn_into_text(tmp_path, values, said):
    """A list came out as the text '[1 2]'; bytes crashed a worker (UnicodeDecodeError)."""
    (tmp_path / "in").mkdir()
    pd.DataFrame({"task": ["Weld pipes.", "Type letters."], "extra": values}).to_parquet(
        tmp_path / "in" / "a.parquet")
    with pytest.raises(DataFormatError, match=said):
        xd.read_dataset(tmp_path / "in").compute()


def test_score_dataset_refuses_an_output_named_like_a_file(tmp_path):
    """-o scored.csv made a directory of Parquet files named scored.csv."""
    from exposure._outdir import OutputPathError

    src = _dataset(tmp_path, POSTINGS, [6])
    for name in ("scored.csv", "scored.XLSX", "scored.dta"):
        with pytest.raises(OutputPathError, match="writes a directory of Parquet files"):
            xd.score_dataset(src, tmp_path / name, "rubric", progress=False)
        assert not (tmp_path / name).exists()


def test_read_dataset_refuses_files_that_store_other_indexes(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    POSTINGS.iloc[:6].rename_axis("posting_id").to_parquet(src / "a.parquet")
    POSTINGS.iloc[6:].to_parquet(src / "b.parquet")
    with pytest.raises(DataFormatError, match=r"b\.parquet: its stored index \(none\) is not that "
                                              r"of a\.parquet \['posting_id'\]"):
        xd.read_dataset(src)
