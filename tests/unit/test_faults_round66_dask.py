"""Round 66 (dask): Parquet datasets whose files :mod:`exposure.dask` read wrongly or not at all.

Found in this round, as an analyst scoring a directory of postings on Dask meets them:

1. A symbolic link in the dataset directory whose target is missing (a partition
   directory ``year=2025 -> /archive/2025`` on a disk not mounted, a part file moved):
   neither a file nor a directory, it was left out without a word (nor named by the
   warning on files not read), and :func:`exposure.dask.score_dataset` (``exposure score
   DIR --engine dask``) scored the dataset without its rows. Now refused before any work,
   naming the link and its target (exit 2 on the command line).
2. A dataset given by a relative path (``exposure score postings -o scored --engine dask
   --scheduler ...``, ``read_dataset("postings")``), scored on workers started in another
   directory (``dask worker`` started from the home directory): each worker read the
   relative file names against its own working directory, so the run failed with
   ``cannot read this Parquet file: ... No such file`` for a file that exists, or scored
   another dataset's files of the same names, without a word; a relative ``model_path``
   (``learned``) was not found by the worker (``model artifact not found:
   models/learned-v1.npz``) though the client had just verified it. Now the files are read
   against the client's directory (errors still name them as given), and the model's
   path is made absolute on the client.
3. A Parquet file whose name is not UTF-8 (``caf\\xe9.parquet``, copied from a Windows
   share or unzipped from another code page): Arrow takes only UTF-8 names, and the file
   was refused (``cannot read this Parquet file: 'utf-8' codec can't encode character
   '\\udce9' ...``). Now it is opened by Python and read, and its rows are named
   ``caf\\udce9.parquet`` in errors, as the command line prints the name; rows regrouped
   by occupation through Dask's P2P shuffle too.
4. A Delta Lake table (a directory with a ``_delta_log``) given as the dataset: it keeps
   the Parquet files of its earlier versions beside the current ones until vacuumed, and
   every file was read (as ``dask.dataframe.read_parquet`` reads them), so the rows an
   overwrite had replaced were scored with their new versions (4 rows for a table of 2),
   without a word. Now refused before any work, naming the table, also when the
   directory given is a partition directory of a table.

Tiny files written here, in the real formats (the Delta log as Delta writes it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from test_faults_cli import cli, one_error_line  # noqa: E402

from exposure import dask as xd  # noqa: E402
from exposure.errors import DataFormatError  # noqa: E402
from exposure.scoring import score_tasks  # noqa: E402
from exposure.scoring.learned import shipped_model_path  # noqa: E402

TASKS = ["Weld steel pipes.", "Type letters and memos."]
SCORE = ["--engine", "dask", "--method", "rubric", "--onet", "none", "--workers", "1"]


def _parts(out: Path) -> pd.DataFrame:
    return pd.concat(pd.read_parquet(p) for p in sorted(out.glob("part-*.parquet")))


# ------------------------------------------------------------------ 1. broken links
def _with_broken_links(tmp_path: Path) -> Path:
    """``in/year=2024/a.parquet``, a link ``in/year=2025`` to an archive no longer there, and a dangling file link."""
    src, archive = tmp_path / "in", tmp_path / "archive" / "year=2025"
    (src / "year=2024").mkdir(parents=True)
    archive.mkdir(parents=True)
    pd.DataFrame({"task": TASKS}).to_parquet(src / "year=2024" / "a.parquet")
    pd.DataFrame({"task": ["Drive a delivery truck."]}).to_parquet(archive / "b.parquet")
    os.symlink(archive, src / "year=2025")
    archive.rename(tmp_path / "archive" / "unmounted")  # the disk is not mounted
    return src


def test_read_dataset_refuses_a_link_to_a_missing_partition_directory(tmp_path):
    src = _with_broken_links(tmp_path)
    with pytest.raises(DataFormatError, match=r"year=2025: a symbolic link to .*archive/year=2025, which "
                                              r"does not exist .*restore its target, or remove the link"):
        xd.read_dataset(src)  # before: year=2024's 2 rows, the 2025 ones left out without a word


def test_score_dataset_refuses_a_dangling_link_to_a_part_file(tmp_path, client):
    src = tmp_path / "in"
    src.mkdir()
    pd.DataFrame({"task": TASKS}).to_parquet(src / "a.parquet")
    os.symlink(tmp_path / "moved" / "b.parquet", src / "b.parquet")
    with pytest.raises(DataFormatError, match=r"b\.parquet: a symbolic link to .*moved/b\.parquet, which "
                                              "does not exist"):
        xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False)
    assert not (tmp_path / "out").exists()  # before: 2 rows written, b.parquet's left out


def test_cli_refuses_a_broken_link_in_one_line(tmp_path, capsys):
    src = _with_broken_links(tmp_path)
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out", *SCORE)
    line = one_error_line(err, command="score")
    assert code == 2 and "year=2025: a symbolic link to" in line and "does not exist" in line, err
    assert not (tmp_path / "out").exists()  # before: exit 0, "scored 2 tasks"


# ------------------------------------------- 2. relative paths, workers in another directory
def test_score_dataset_reads_a_relative_dataset_where_the_client_is(tmp_path, monkeypatch):
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    for top, tasks in ((project, TASKS), (elsewhere, ["Another dataset's row."] * 3)):
        (top / "in").mkdir(parents=True)
        pd.DataFrame({"task": tasks}).to_parquet(top / "in" / "a.parquet")
    monkeypatch.chdir(elsewhere)  # the worker starts here, as a `dask worker` started in another directory
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
        monkeypatch.chdir(project)  # the analyst runs from the project
        done = xd.score_dataset("in", "out", "rubric", client=client, progress=False)
        # the files as given, read against the client's directory (before: the worker's)
        assert xd.read_dataset("in").compute()["task"].tolist() == TASKS
        # a relative model_path too (before: "model artifact not found: models/learned-v1.npz"
        # in the worker, for the file the client had just verified)
        (project / "models").mkdir()
        for name in ("learned-v1.npz", "retrieval-v1.npz", "vectors-v1.npz"):
            os.symlink(shipped_model_path().parent / name, project / "models" / name)
        xd.score_dataset("in", "learned", "learned", client=client, progress=False,
                         model_path="models/learned-v1.npz")
    assert done.n_tasks == 2  # 3 before: elsewhere/in/a.parquet was scored
    assert _parts(project / "out")["task"].tolist() == TASKS
    want = score_tasks(pd.DataFrame({"task": TASKS}), "learned")
    assert _parts(project / "learned")["p_e0"].tolist() == want["p_e0"].tolist()


# --------------------------------------------------------- 3. a file name that is not UTF-8
LATIN1 = os.fsdecode(b"caf\xe9.parquet")  # as Python holds a name of another code page


def _write_latin1(frame: pd.DataFrame, src: Path) -> None:
    """``frame`` as ``src/caf\\xe9.parquet`` (Arrow writes only UTF-8 names: written, then renamed)."""
    frame.to_parquet(src / "x.parquet")
    os.replace(src / "x.parquet", src / LATIN1)


def test_score_dataset_reads_a_file_whose_name_is_not_utf8(tmp_path, client):
    src = tmp_path / "in"
    src.mkdir()
    pd.DataFrame({"task": TASKS}).to_parquet(src / "a.parquet")
    _write_latin1(pd.DataFrame({"task": ["Drive a delivery truck."]}), src)
    done = xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False)
    assert (done.n_tasks, done.n_partitions) == (3, 2)  # before: "cannot read this Parquet file"
    assert _parts(tmp_path / "out")["task"].tolist() == [*TASKS, "Drive a delivery truck."]


def test_regrouped_rows_of_a_file_whose_name_is_not_utf8(tmp_path, client):
    """``learned``, an occupation in both files: the rows go through Dask's P2P shuffle with their file."""
    src = tmp_path / "in"
    src.mkdir()
    a = pd.DataFrame({"onetsoc_code": ["43-9022.00", "47-2011.00"], "task": ["Type letters.", "Weld pipes."]})
    b = pd.DataFrame({"onetsoc_code": ["43-9022.00", "47-2011.00"], "task": ["File records.", "Cut steel."]})
    a.to_parquet(src / "a.parquet")
    _write_latin1(b, src)
    xd.score_dataset(src, tmp_path / "out", "learned", client=client, progress=False)
    want = score_tasks(pd.concat([a, b], ignore_index=True), "learned")
    assert _parts(tmp_path / "out")["p_e0"].tolist() == want["p_e0"].tolist()
    _write_latin1(b.assign(task=["File records.", "  "]), src)
    with pytest.raises(DataFormatError) as exc:
        xd.score_dataset(src, tmp_path / "out2", "learned", client=client, progress=False)
    # the name as the command line prints it (its surrogate escaped), the row in that file
    assert str(exc.value) == (f"{src}/caf\\udce9.parquet, row 2, column 'task': task text must be a "
                              "non-empty string, got '  '")


def test_cli_scores_a_file_whose_name_is_not_utf8(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    _write_latin1(pd.DataFrame({"task": TASKS}), src)
    code, out, err = cli(capsys, "score", src, "-o", tmp_path / "out", *SCORE)
    assert code == 0 and "scored 2 tasks" in out, err  # exit 2 before
    assert _parts(tmp_path / "out")["task"].tolist() == TASKS


# ------------------------------------------------------------------- 4. Delta Lake tables
def _delta_table(tmp_path: Path) -> Path:
    """A Delta table of 2 rows: version 0 wrote a part file, version 1 overwrote it with another.

    Both part files stay in the directory (until ``VACUUM``); the log says the first is removed.
    """
    table = tmp_path / "postings"
    (table / "_delta_log").mkdir(parents=True)
    old, new = "part-00000-0a-c000.snappy.parquet", "part-00000-1b-c000.snappy.parquet"
    pd.DataFrame({"task": ["Weld pipes (old).", "Type letters (old)."]}).to_parquet(table / old)
    pd.DataFrame({"task": TASKS}).to_parquet(table / new)
    schema = json.dumps({"type": "struct", "fields": [
        {"name": "task", "type": "string", "nullable": True, "metadata": {}}]})
    v0 = [{"protocol": {"minReaderVersion": 1, "minWriterVersion": 2}},
          {"metaData": {"id": "t", "format": {"provider": "parquet", "options": {}}, "schemaString": schema,
                        "partitionColumns": [], "configuration": {}, "createdTime": 0}},
          {"add": {"path": old, "partitionValues": {}, "size": 1, "modificationTime": 0, "dataChange": True}}]
    v1 = [{"remove": {"path": old, "deletionTimestamp": 1, "dataChange": True}},
          {"add": {"path": new, "partitionValues": {}, "size": 1, "modificationTime": 1, "dataChange": True}}]
    for version, actions in enumerate((v0, v1)):
        (table / "_delta_log" / f"{version:020d}.json").write_text("\n".join(map(json.dumps, actions)) + "\n")
    return table


def test_score_dataset_refuses_a_delta_table(tmp_path, client):
    table = _delta_table(tmp_path)
    with pytest.raises(DataFormatError, match=r"postings: a Delta Lake table \(it has a _delta_log\): its "
                                              "directory also holds the Parquet files of its earlier versions"):
        xd.score_dataset(table, tmp_path / "out", "rubric", client=client, progress=False)
    assert not (tmp_path / "out").exists()  # before: 4 rows scored, the 2 replaced ones with them


def test_read_dataset_refuses_a_partition_directory_of_a_delta_table(tmp_path):
    table = _delta_table(tmp_path)
    (table / "year=2024").mkdir()
    pd.DataFrame({"task": TASKS}).to_parquet(table / "year=2024" / "part-00000-2c.c000.snappy.parquet")
    with pytest.raises(DataFormatError, match="postings: a Delta Lake table"):
        xd.read_dataset(table / "year=2024")


def test_cli_refuses_a_delta_table_in_one_line(tmp_path, capsys):
    table = _delta_table(tmp_path)
    code, _, err = cli(capsys, "score", table, "-o", tmp_path / "out", *SCORE)
    line = one_error_line(err, command="score")
    assert code == 2 and "a Delta Lake table" in line and "DeltaTable(path).to_pyarrow_table()" in line, err
    assert not (tmp_path / "out").exists()  # before: exit 0, "scored 4 tasks"
