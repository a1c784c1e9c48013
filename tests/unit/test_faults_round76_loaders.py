"""Fault round 76 (loaders): reading the library's own outputs while a recompute replaces them, and ``exposure train``.

Faults found and fixed:

1. ``exposure.load`` (and ``load_manifest``) took no lock while it read an output directory
   of ``exposure recompute``: it read ``manifest.json`` to check ``release=``, then the
   manifest again and the table for its sha256, then the table, each a separate open. A
   recompute of another release replacing the directory between the reads had its table
   returned as the release asked for: in a loop of 1500 ``load("soc_scores",
   directory=out, release="29.1")`` against a writer swapping ``out`` between a run of
   O*NET 29.1 and one of 30.1, 2 returned the 30.1 table as 29.1, without a word. A
   directory being written was read as it was. Now the reads are done under the shared
   lock of the directory (``exposure._outdir.read_lock``), the release checked inside it:
   a directory a run is writing is refused (``RecomputeLockedError: <out>: another run
   (pid 123: ...) is writing this directory now (lock file <parent>/.exposure-out.lock is
   held), so its files would be read part before and part after the run replaces them;
   wait for it to finish, then read it again``); in the same loop, 0 mixed results. So
   is ``load("measures", directory=out)``, which reads ``reports/measures_table.csv`` and
   the ``soc`` table's titles.
2. ``exposure outcomes`` read up to three tables of ``exposure.load`` one by one, minutes
   apart: ``sector_scores`` (``--sectors``), the ``occupation_panel`` (``--panel
   shipped``), and the ``soc_scores`` of our measures only after the panel was built
   (``outcomes.exposure_table`` loading them itself). A recompute replacing the newest
   output meanwhile, or a newer recompute written, gave outcomes of the tables of two runs
   without a word. Now the tables it needs are read at once from one directory under its
   lock (``exposure._load.load_tables``): ``exposure outcomes --panel shipped`` of an
   output being written exits 2 with one line, ``exposure outcomes: error: <out>: another
   run (pid ...) is writing this directory now ...``; it was read (exit 0). Its results
   are unchanged (the ten files of ``--panel shipped --measure beta`` byte-identical).
3. ``exposure train`` had no way to give a label file: it trained on the published
   ``full_labelset_train.tsv`` only, although ``train_and_save`` reads a file of one's own
   human labels (``exposure train --labels mine.tsv`` was ``unrecognized arguments:
   --labels mine.tsv``). Now ``--labels FILE`` trains on that file (its sha256 recorded in
   the model), with ``--out`` (without it the package's own model would be replaced:
   refused, ``--labels mine.tsv: give --out PATH.npz for the model of your labels;
   without --out, train replaces the package's own model, which exposure score uses by
   default``); an empty ``--labels`` and a path that is no file are refused before
   anything is read, and a bad label names the file, the line and the column. ``--help``
   names the columns it needs. Without ``--labels`` the published file is fetched and
   trained on as before.
4. ``exposure.load(name, release="29.10")`` (the release 29.1 formatted with two
   decimals: a settings cell written with ``sprintf("%.2f")`` or a spreadsheet's 0.00,
   while the number ``29.10`` is read as ``'29.1'``) said ``no processed tables for
   release '29.10': the shipped tables are {'oews': '2025', 'onet': '29.1'} and no
   recompute in the user data directory matches; run `exposure recompute --onet-release
   ... --oews-release ...``` (and ``exposure recompute --onet-release 29.10`` is refused:
   ``not of the form MAJOR.MINOR``). The text is now the release ``'29.1'``, as the
   number is and as ``'2025.0'`` is the year ``'2025'``; so for ``tables_dir`` and
   ``load_manifest``, and beside ``directory=``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure import _load
from exposure._load import load, load_manifest, processed_dir
from exposure._outdir import RecomputeLockedError, read_lock, replace_directory
from exposure.errors import DataFormatError, ExposureError
from exposure.scoring.learned import load_model

#: The shipped tables a small recompute output is made of.
TABLES = ["soc_scores.parquet", "sector_scores.parquet", "occupation_panel.parquet", "manifest.json"]


@contextlib.contextmanager
def writing(out: Path, release: str = "29.1"):
    """Write the output ``out`` as exposure recompute writes it (``replace_directory``, its lock file held in the block)."""
    manifest = json.loads((processed_dir() / "manifest.json").read_text())
    manifest["releases"] = {"onet": release, "oews": "2025"}
    with replace_directory(out, owned=TABLES) as tmp:
        for name in TABLES[:-1]:
            shutil.copy(processed_dir() / name, tmp / name)
        (tmp / "manifest.json").write_text(json.dumps(manifest))
        yield tmp


def written(out: Path, release: str = "29.1") -> Path:
    """An output ``out`` written as exposure recompute writes it."""
    with writing(out, release):
        pass
    return out


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


# ------------------------------------------------------------ 1. exposure.load of a directory being written


@pytest.mark.parametrize("call", [
    lambda out: load("soc_scores", directory=out),
    lambda out: load("soc_scores", directory=out, release="29.1"),
    lambda out: load("soc_scores", directory=out, validate=False),
    lambda out: load_manifest(out, release="29.1"),
    lambda out: _load.load_tables(["soc_scores", "sector_scores"], directory=out),
], ids=["load", "release", "unvalidated", "manifest", "tables"])
def test_load_of_a_directory_being_written_is_refused_naming_it(tmp_path, call):
    out = written(tmp_path / "out")
    before = snapshot(out)
    with writing(out):  # a recompute holding it, before its swap
        with pytest.raises(RecomputeLockedError) as info:
            call(out)
        assert str(info.value).startswith(f"{out}: another run (pid ")
        assert f"is writing this directory now (lock file {tmp_path / '.exposure-out.lock'} is held)" in str(info.value)
        assert snapshot(out) == before
    assert load("soc_scores", directory=out, release="29.1").equals(load("soc_scores", directory=processed_dir()))


def test_load_of_the_newest_recompute_being_written_is_refused(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("EXPOSURE_HOME", str(home))
    out = written(home / "processed" / "onet-29.1_oews-2025")
    with writing(out):
        with pytest.raises(RecomputeLockedError, match=f"^{out}: another run .* is writing this directory now"):
            load("sector_scores")
    assert load("sector_scores").attrs["exposure_directory"] == str(out)


def test_the_measures_table_and_its_titles_are_read_under_the_lock(tmp_path):
    out = written(tmp_path / "out")
    (out / "reports").mkdir()
    pd.DataFrame({"soc_code": ["11-1011"], "beta": [0.5]}).to_csv(out / "reports" / "measures_table.csv",
                                                                   index=False)
    assert load("measures", directory=out)["soc_title"].tolist() == ["Chief Executives"]
    with writing(out):
        with pytest.raises(RecomputeLockedError, match="is writing this directory now"):
            load("measures", directory=out)


def test_readers_share_the_lock_and_load_tables_takes_a_list(tmp_path):
    out = written(tmp_path / "out")
    with read_lock(out):  # another reader (exposure diff) holds it: load reads as well
        assert list(_load.load_tables(["soc", "sectors"], directory=out)) == ["soc", "sectors"]
    with pytest.raises(DataFormatError, match="names must be a list of table names, got str 'soc'"):
        _load.load_tables("soc", directory=out)


# ------------------------------------------------------------ 2. exposure outcomes reading the tables of one run


def test_outcomes_of_a_recompute_being_written_is_refused(tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    monkeypatch.setenv("EXPOSURE_HOME", str(home))
    out = written(home / "processed" / "onet-29.1_oews-2025")
    args = ["outcomes", "--panel", "shipped", "--measure", "beta", "--no-figures", "--no-robustness",
            "--quantiles", "5"]
    with writing(out):
        code, _, err = cli(capsys, *args, "-o", tmp_path / "reports")
    line = one_error_line(err, command="outcomes")
    assert code == 2
    assert line.startswith(f"exposure outcomes: error: {out}: another run (pid ")
    assert "is writing this directory now" in line
    assert not (tmp_path / "reports").exists()
    code, _, err = cli(capsys, *args, "-o", tmp_path / "reports")  # once written: read as before
    assert code == 0, err
    assert (tmp_path / "reports" / "outcomes_headline.csv").is_file()


# ------------------------------------------------------------ 3. exposure train --labels


@pytest.fixture
def own_labels(tmp_path):
    """A file of one's own human labels (12 occupations of the published file, without GPT-4's columns)."""
    mirror = Path(os.environ["EXPOSURE_MIRROR"]).resolve()
    full = pd.read_csv(mirror / "reference" / "eloundou2023" / "full_labelset_train.tsv", sep="\t", index_col=0,
                       dtype=str)
    codes = full["O*NET-SOC Code"].drop_duplicates().iloc[:12]
    mine = full[full["O*NET-SOC Code"].isin(codes)][["O*NET-SOC Code", "Task ID", "Task", "Task Type", "Title",
                                                       "human_exposure_agg"]]
    path = tmp_path / "my labels.tsv"
    mine.to_csv(path, sep="\t", index=False)
    return path


def test_train_on_ones_own_labels(own_labels, tmp_path, capsys):
    out = tmp_path / "model" / "mine.npz"
    code, stdout, err = cli(capsys, "train", "--labels", own_labels, "--out", out)
    assert code == 0, err
    assert f"wrote {out}" in stdout
    model = load_model(out, registry=out.parent / "registry.txt")
    assert model.metadata["labels_sha256"] == hashlib.sha256(own_labels.read_bytes()).hexdigest()


def test_train_labels_without_out_is_refused(own_labels, capsys):
    code, _, err = cli(capsys, "train", "--labels", own_labels)
    assert code == 2
    assert one_error_line(err, command="train") == (
        f"exposure train: error: --labels {own_labels}: give --out PATH.npz for the model of your labels; without "
        "--out, train replaces the package's own model, which exposure score uses by default")


@pytest.mark.parametrize("given, expected", [
    ("", "--labels is empty: give your label file, or leave --labels out to train on the published labels "
         "(reference/eloundou2023/full_labelset_train.tsv)"),
    ("missing.tsv", "missing.tsv: label file not found"),
    (".", ".: is a directory, not a label file (a tab-separated file of human labels is expected)"),
])
def test_train_labels_that_is_no_file_is_refused(tmp_path, capsys, monkeypatch, given, expected):
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(capsys, "train", "--labels", given, "--out", tmp_path / "m.npz")
    assert code == 2
    assert one_error_line(err, command="train").startswith(f"exposure train: error: {expected}")
    assert not (tmp_path / "m.npz").exists()


def test_train_labels_with_a_bad_label_names_file_line_and_column(own_labels, tmp_path, capsys):
    lines = own_labels.read_text().splitlines()
    lines[3] = lines[3].rsplit("\t", 1)[0] + "\tE3"
    own_labels.write_text("\n".join(lines) + "\n")
    code, _, err = cli(capsys, "train", "--labels", own_labels, "--out", tmp_path / "m.npz")
    line = one_error_line(err, command="train")
    assert code == 2
    assert line.startswith(f"exposure train: error: {own_labels}, row 4, column 'human_exposure_agg': "), line
    assert "'E3'" in line


def test_train_help_says_the_layout_of_labels(capsys):
    with pytest.raises(SystemExit):
        cli(capsys, "train", "--help")
    text = " ".join(capsys.readouterr().out.split())
    for column in ("'O*NET-SOC Code'", "'Task ID'", "'Task'", "'Task Type'", "'Title'", "'human_exposure_agg'"):
        assert column in text
    assert "tab- separated" in text or "tab-separated" in text


# ------------------------------------------------------------ 4. a release written with two decimals


@pytest.mark.parametrize("release", ["29.10", "29.100"])
def test_a_release_written_with_two_decimals_is_that_release(tmp_path, release):
    assert _load.tables_dir(release) == processed_dir()
    assert load("soc", release=release).equals(load("soc", directory=processed_dir()))
    assert load_manifest(release=release)["releases"]["onet"] == "29.1"
    out = written(tmp_path / "out", "29.1")
    assert load("sector_scores", directory=out, release=release).attrs["exposure_directory"] == str(out)
    other = written(tmp_path / "other", "30.1")
    with pytest.raises(ExposureError, match="not of release '29.1'"):
        load("soc", directory=other, release=release)
