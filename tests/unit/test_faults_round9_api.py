"""Round 9: the arguments of :mod:`exposure.dask`, compressed output names, atomic file sets.

1. A sweep of the public functions of :mod:`exposure.dask` with each argument replaced by
   None, a number, a bool, text, a list, a dict, a Series, an empty frame, bytes and a
   missing path. Each case below raised a ``TypeError``, ``ValueError``,
   ``AttributeError`` or ``KeyError`` from inside pathlib, pandas or distributed, was
   ignored silently, or named no file (``nan``). Now each is refused before any work
   (no cluster, no lock file) in one line naming the argument.
2. ``exposure score DIR -o out.csv.gz --engine dask`` wrote a directory named
   ``out.csv.gz``.
3. :func:`exposure._io.atomic_paths` renamed its files one by one: a rename that failed
   part-way left the files renamed before it replaced (a mixed set).

No mirror and no network; the Dask cases use tiny frames and an in-process client.
"""

from __future__ import annotations

import os
import stat

import pandas as pd
import pytest

from exposure import _io
from exposure._outdir import OutputPathError
from exposure.errors import DataFormatError, OutputError

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from exposure import dask as xd  # noqa: E402
from exposure.cli import main  # noqa: E402

TASKS = pd.DataFrame({"task": ["Answer telephones and relay messages.", "Weld pipes."]})
# round 79: the three probabilities (was p_e0 alone, which the Dask roll-ups now refuse as pandas does)
SCORED = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "p_e0": [0.6], "p_e1": [0.2],
                       "p_e2": [0.2], "alpha": [0.2],
                       "beta": [0.3], "gamma": [0.4], "admin": [True], "routine_coding": [False],
                       "entry_creative": [False], "n": [1.0]})
#: What is not a path, and how the message shows it.
NOT_PATHS = [(None, "NoneType None"), (5, "int 5"), (2.5, "float 2.5"), (True, "bool True"),
             (["x"], r"list \['x'\]"), ({}, "dict"), (pd.Series(["x"]), "Series"),
             (pd.DataFrame(), "DataFrame"), (b"x", "bytes b'x'")]


@pytest.fixture
def src(tmp_path):
    (tmp_path / "in").mkdir()
    TASKS.to_parquet(tmp_path / "in" / "a.parquet")
    return tmp_path / "in"


@pytest.fixture(autouse=True)
def no_local_cluster(monkeypatch):
    """A local cluster of worker processes is never started here (the checks come first)."""
    def refuse(*args, **kwargs):
        raise AssertionError("score_dataset started a local cluster")

    monkeypatch.setattr(xd, "LocalCluster", refuse)


def _only_input(tmp_path):
    """Nothing but the input was made (no output, no lock file, no temporary directory)."""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


# 1. read_dataset ----------------------------------------------------------------------

@pytest.mark.parametrize("value, shown", NOT_PATHS)
def test_read_dataset_src_that_is_not_a_path_is_refused(value, shown):
    """``TypeError: expected str, bytes or os.PathLike object, not NoneType`` (pathlib)."""
    with pytest.raises(DataFormatError, match=r"^src must be a Parquet file or directory \(str or "
                       rf"os.PathLike\), got {shown}$"):
        xd.read_dataset(value)


def test_read_dataset_missing_path_says_not_found(tmp_path):
    """It was ``cannot read this Parquet file: [Errno 2] Failed to open local file ...``."""
    with pytest.raises(DataFormatError, match=r"^.*/missing: input dataset not found$"):
        xd.read_dataset(tmp_path / "missing")


@pytest.mark.parametrize("name", ["t.csv", "t.xlsx", "t.csv.gz"])
def test_read_dataset_file_of_another_format_says_what_is_read(tmp_path, name):
    """A CSV file was ``cannot read this Parquet file: Parquet magic bytes not found ...``."""
    (tmp_path / name).write_text("task\nWeld pipes.\n")
    with pytest.raises(DataFormatError, match=rf"/{name}: a {name.rsplit('.', 1)[1]} file, not Parquet: "
                       r"--engine dask reads Parquet files \(\.parquet, \.pq, \.parq\); use --engine "
                       r"stream for other files$"):
        xd.read_dataset(tmp_path / name)


def test_read_dataset_parquet_file_without_suffix_stays_read(tmp_path):
    TASKS.to_parquet(tmp_path / "tasks")
    got = xd.read_dataset(tmp_path / "tasks").compute(scheduler="sync")
    assert got["task"].tolist() == TASKS["task"].tolist()


# 2. score_dataset ---------------------------------------------------------------------

@pytest.mark.parametrize("arg", ["src", "dst"])
@pytest.mark.parametrize("value, shown", NOT_PATHS)
def test_score_dataset_paths_that_are_not_paths_are_refused(tmp_path, src, arg, value, shown):
    """``TypeError: expected str, bytes or os.PathLike object, not NoneType`` (pathlib)."""
    what = "a Parquet file or directory" if arg == "src" else "an output directory"
    args = {"src": src, "dst": tmp_path / "out", arg: value}
    with pytest.raises(DataFormatError, match=rf"^{arg} must be {what} \(str or os.PathLike\), got {shown}$"):
        xd.score_dataset(args["src"], args["dst"], "rubric", progress=False)
    _only_input(tmp_path)


@pytest.mark.parametrize("value, shown", [(5, "int 5"), ("tcp://localhost:8786", "str 'tcp://localhost:8786'"),
                                          (True, "bool True"), ({}, "dict"), (pd.Series([1]), "Series")])
def test_score_dataset_client_that_is_not_a_client_is_refused(tmp_path, src, value, shown):
    """``AttributeError: 'int' object has no attribute 'compute'``, after the lock was taken."""
    with pytest.raises(DataFormatError, match=r"^client must be a distributed\.Client \(or None\), "
                       rf"got {shown}$"):
        xd.score_dataset(src, tmp_path / "out", "rubric", client=value, progress=False)
    _only_input(tmp_path)


@pytest.mark.parametrize("value, shown", [(0, "int 0"), (2.5, "float 2.5"), (True, "bool True"),
                                          ("2", "str '2'"), (["x"], r"list \['x'\]")])
def test_score_dataset_workers_that_is_not_a_count_is_refused(tmp_path, src, client, value, shown):
    """Ignored silently with a client; without one, handed to ``LocalCluster`` (True: 1 worker)."""
    with pytest.raises(DataFormatError, match=rf"^workers must be a whole number of 1 or more, got {shown}$"):
        xd.score_dataset(src, tmp_path / "out", "rubric", client=client, workers=value, progress=False)
    with pytest.raises(DataFormatError, match=rf"^workers must be a whole number of 1 or more, got {shown}$"):
        xd.score_dataset(src, tmp_path / "out", "rubric", workers=value, progress=False)
    _only_input(tmp_path)


def test_score_dataset_whole_number_of_workers_reaches_the_cluster_as_an_int(tmp_path, src, monkeypatch):
    """``workers=2.0`` was handed to ``LocalCluster``: ``TypeError`` (``range(2.0)``) once its scheduler ran."""
    seen = {}

    class Started(Exception):
        pass

    def cluster(**kwargs):
        seen.update(kwargs)
        raise Started

    monkeypatch.setattr(xd, "LocalCluster", cluster)
    with pytest.raises(Started):
        xd.score_dataset(src, tmp_path / "out", "rubric", workers=2.0, progress=False)
    assert seen["n_workers"] == 2 and type(seen["n_workers"]) is int


def test_score_dataset_workers_with_a_client_is_refused(tmp_path, src, client):
    """``workers=4`` with a client was ignored: the client's cluster has its own workers."""
    with pytest.raises(DataFormatError, match=r"^workers is for the local cluster score_dataset starts "
                       r"\(client=None\); the client given has its own workers: give one of them$"):
        xd.score_dataset(src, tmp_path / "out", "rubric", client=client, workers=4, progress=False)
    _only_input(tmp_path)


@pytest.mark.parametrize("flag", ["progress", "quiet"])
@pytest.mark.parametrize("value, shown", [(None, "NoneType None"), ("no", "str 'no'"), (5, "int 5"),
                                          (pd.Series([True]), "Series")])
def test_score_dataset_flags_that_are_not_bools_are_refused(tmp_path, src, client, flag, value, shown):
    """``progress="no"`` showed the bar; a Series raised pandas' truth-value error."""
    with pytest.raises(DataFormatError, match=rf"^{flag} must be True or False, got {shown}$"):
        xd.score_dataset(src, tmp_path / "out", "rubric", client=client, **{"progress": False, flag: value})
    _only_input(tmp_path)


@pytest.mark.parametrize("option", ["colour", "odd", "npartitions"])
def test_score_dataset_unknown_option_is_refused_before_any_work(tmp_path, src, option):
    """``TypeError: _score() got an unexpected keyword argument`` after the cluster started."""
    with pytest.raises(TypeError, match=rf"^score_dataset\(\) got an unexpected keyword argument "
                       rf"'{option}' \(its options are those of score: text_column, occupation_column, "
                       r"onet, reference_source, mirror, data_dir, model_path, registry\)$"):
        xd.score_dataset(src, tmp_path / "out", "rubric", progress=False, **{option: 1})
    _only_input(tmp_path)


@pytest.mark.parametrize("kwargs, match", [
    (dict(text_column=pd.Series(["task"])), r"^text_column must be a column name \(str\), got Series$"),
    (dict(text_column=pd.DataFrame()), r"^text_column must be a column name \(str\), got DataFrame$"),
    (dict(method=None), r"^method must be one of .* \(str\), got NoneType None$"),
    (dict(onet=["29.1"]), r"^onet must be an O\*NET release name such as '29.1' \(or None\), got list"),
    (dict(model_path=5), r"^model_path must be a model artifact path \(str or os.PathLike\), got int 5$"),
])
def test_score_dataset_score_options_are_checked_before_any_work(tmp_path, src, kwargs, match):
    """A Series text column raised pandas' truth-value error; the others came after the cluster started."""
    args = {"method": "rubric", **kwargs}
    with pytest.raises(DataFormatError, match=match):
        xd.score_dataset(src, tmp_path / "out", progress=False, **args)
    _only_input(tmp_path)


@pytest.mark.parametrize("kwargs, what", [(dict(text_column="x"), "missing text column 'x' "
                                                                  r"\(columns: \['task'\]\)"),
                                          (dict(occupation_column="x"), "missing occupation column 'x' "
                                                                        r"\(columns: \['task'\]\)")])
def test_score_dataset_missing_column_names_the_dataset_not_nan(tmp_path, src, client, kwargs, what):
    """The message began ``nan, column 'x':`` (the path of the probe row, missing)."""
    with pytest.raises(DataFormatError, match=rf"^{src}, column 'x': {what}$"):
        xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False, **kwargs)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["out.csv.gz", "out.gz", "out.parquet.zst", "out.zip", "out.bz2", "out.XZ"])
def test_score_dataset_refuses_an_output_named_like_a_compressed_file(tmp_path, src, name):
    """A directory of Parquet files named ``out.csv.gz`` was written."""
    suffix = os.path.splitext(name)[1]
    with pytest.raises(OutputPathError, match=rf"^{tmp_path / name}: --engine dask writes a directory of "
                       rf"Parquet files \(compressed already\), not a compressed {suffix} file; name a "
                       r"directory \(or use --engine stream with a \.parquet file\)$"):
        xd.score_dataset(src, tmp_path / name, "rubric", progress=False)
    _only_input(tmp_path)


def test_cli_dask_engine_refuses_a_compressed_output_name(tmp_path, src, capsys):
    """``exposure score DIR -o out.csv.gz --engine dask`` wrote a directory ``out.csv.gz``."""
    assert main(["score", str(src), "-o", str(tmp_path / "out.csv.gz"), "--engine", "dask",
                 "--method", "rubric"]) == 2
    err = capsys.readouterr().err
    assert "not a compressed .gz file" in err and "--engine stream with a .parquet file" in err
    _only_input(tmp_path)


def test_score_dataset_valid_calls_unchanged(tmp_path, src, client):
    done = xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False,
                            quiet=False, text_column="task", occupation_column=None, onet=None,
                            mirror=None, data_dir=None, reference_source=None, model_path=None)
    assert (done.n_tasks, done.n_unscored, done.n_partitions, done.method) == (2, 0, 1, "rubric")
    again = xd.score_dataset(str(src), str(tmp_path / "out2.parquet"), "rubric", client=client,
                             progress=False, workers=None)
    assert again.path.name == "out2.parquet"
    assert pd.read_parquet(tmp_path / "out").equals(pd.read_parquet(tmp_path / "out2.parquet"))


# 3. score, check, to_occupations, to_sectors -------------------------------------------

DDF = dd.from_pandas(TASKS, npartitions=1)
EMPTY = dd.from_pandas(pd.DataFrame(), npartitions=1)


@pytest.mark.parametrize("arg, optional", [("text_column", ""), ("occupation_column", " or None")])
def test_score_column_that_is_a_dask_frame_is_refused(arg, optional):
    """A Dask frame is hashable: it passed as a name and raised the truth-value ``ValueError``."""
    with pytest.raises(DataFormatError, match=rf"^{arg} must be a column name \(str\){optional}, got DataFrame$"):
        xd.score(DDF, "rubric", **{arg: EMPTY})
    with pytest.raises(DataFormatError, match=rf"^{arg} must be a column name \(str\){optional}, got Series$"):
        xd.score(DDF, "rubric", **{arg: DDF["task"]})


@pytest.mark.parametrize("scored, missing", [(DDF, r"\['p_e0'\]"), (EMPTY, r"\['p_e0'\]")])
def test_check_scored_without_scores_is_refused(scored, missing):
    """``KeyError: 'p_e0'``."""
    with pytest.raises(DataFormatError, match=rf"^scored lacks column\(s\) {missing} \(columns: "
                       r"\[.*\]\): give the output of score$"):
        xd.check(scored)


@pytest.mark.parametrize("call", [xd.to_occupations, xd.to_sectors], ids=["to_occupations", "to_sectors"])
def test_rollup_by_and_weight_that_are_dask_frames_are_refused(call):
    """``weight=<dask frame>`` raised the truth-value ``ValueError``; ``by=`` printed the frame's repr."""
    scored = dd.from_pandas(SCORED, npartitions=1)
    with pytest.raises(DataFormatError, match=r"^by must be a column name \(str\), got DataFrame$"):
        call(scored, EMPTY)
    with pytest.raises(DataFormatError, match=r"^weight must be a column name \(str\) or None, got Series$"):
        call(scored, "onetsoc_code", weight=scored["n"])


def test_dask_valid_calls_unchanged():
    scored = dd.from_pandas(SCORED, npartitions=1)
    assert xd.check(scored) == {"rows": 1, "scored": 1, "coverage": 1.0}
    occ = xd.to_occupations(scored, "onetsoc_code", weight="n").compute(scheduler="sync")
    assert occ.index.tolist() == ["11-1011.00"] and occ["beta"].tolist() == [0.3]
    got = xd.score(DDF, "rubric", text_column="task", occupation_column=None).compute(scheduler="sync")
    assert got["task"].tolist() == TASKS["task"].tolist() and got["method"].tolist() == ["rubric"] * 2


# 4. atomic_paths: one set, or none ----------------------------------------------------

def _old_files(d):
    d.mkdir()
    (d / "a.csv").write_text("old a")
    (d / "b.csv").write_text("old b")
    os.chmod(d / "b.csv", 0o600)
    return d


def _listing(d):
    return sorted((p.name, p.read_text(), oct(stat.S_IMODE(p.stat().st_mode))) for p in d.iterdir()
                  if not p.is_dir())


def test_atomic_paths_failed_rename_restores_the_files_already_renamed(tmp_path, monkeypatch):
    """The second rename failed: the file renamed first was already replaced (a mixed set)."""
    d = _old_files(tmp_path / "d")
    before = _listing(d)
    calls = []
    real = os.replace

    def replace(a, b):
        calls.append(b)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(a, b)

    with pytest.raises(OutputError, match=r"cannot write: no space left on the device$"):
        with _io.atomic_paths([d / "a.csv", d / "b.csv", d / "c.csv"]) as paths:
            for p, text in zip(paths, ["new a", "new b", "new c"], strict=True):
                p.write_text(text)
            monkeypatch.setattr(os, "replace", replace)
    monkeypatch.undo()
    assert _listing(d) == before  # a and b as they were, c not made, no partial or backup file


def test_atomic_paths_interrupted_renames_restore_the_set(tmp_path, monkeypatch):
    """Ctrl-C (or SIGTERM, through terminate_cleanly) between two renames: the set is restored."""
    d = _old_files(tmp_path / "d")
    before = _listing(d)
    real, calls = os.replace, []

    def replace(a, b):
        calls.append(b)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(a, b)

    with pytest.raises(KeyboardInterrupt):
        with _io.atomic_paths([d / "a.csv", d / "b.csv"]) as (a, b):
            a.write_text("new a")
            b.write_text("new b")
            monkeypatch.setattr(os, "replace", replace)
    monkeypatch.undo()
    assert _listing(d) == before


def test_atomic_paths_destination_made_a_directory_is_found_before_any_rename(tmp_path):
    """``a.csv`` became a non-empty directory while the set was written: ``b.csv`` was replaced."""
    d = _old_files(tmp_path / "d")
    (d / "a.csv").unlink()
    with pytest.raises(OutputError, match=r"a\.csv: cannot write: is a directory"):
        with _io.atomic_paths([d / "a.csv", d / "b.csv"]) as (a, b):
            a.write_text("new a")
            b.write_text("new b")
            (d / "a.csv").mkdir()
            (d / "a.csv" / "x").write_text("x")
    assert (d / "b.csv").read_text() == "old b"
    assert sorted(p.name for p in d.iterdir()) == ["a.csv", "b.csv"]  # no partial or backup file


def test_atomic_paths_successful_set_unchanged(tmp_path):
    d = _old_files(tmp_path / "d")
    with _io.atomic_paths([d / "a.csv", d / "b.csv", d / "sub" / "c.csv"]) as paths:
        for p, text in zip(paths, ["new a", "new b", "new c"], strict=True):
            p.write_text(text)
    umask = os.umask(0)
    os.umask(umask)
    assert _listing(d / "sub") == [("c.csv", "new c", oct(0o666 & ~umask))]
    assert _listing(d) == [("a.csv", "new a", oct(0o666 & ~umask)),
                                                        ("b.csv", "new b", "0o600")]
    with _io.atomic_paths([]) as none:
        assert none == []
