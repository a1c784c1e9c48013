"""Fault round 23: data releases, the lock file, the release diff and ``exposure sources``.

1. A custom source pinned in ``exposure.lock`` under a name like a release file's: a file
   of 29.1 the registry lacks (``fetch_table(Source("onet/29.1/Skills.txt", ...))``), or
   ``onet/31.0/Job Zones.txt.txt``: ``exposure sources --releases`` stopped with
   ``unknown source 'onet/29.1/Skills.txt': O*NET 29.1 is pinned by the package and has
   no such file`` (exit 2, naming neither the lock file nor its line); a line
   ``onet/31.0/../Job Zones.txt`` was listed as a file of 31.0 (``fetch`` refuses the
   name as unsafe). Now such a pin is no release, as other custom sources: left out of
   the releases, listed with the lock's files.
2. ``exposure sources --releases`` with a NAME, ``--rehash`` or ``--format tsv``: the
   options were ignored without a word (the releases table printed, exit 0, nothing
   hashed); ``--rehash --format markdown`` printed the markdown and hashed nothing. Now a
   NAME or ``--rehash`` with ``--releases`` is refused, ``--format`` is honoured, and
   ``--rehash`` with ``--format markdown`` is refused.
3. ``exposure diff`` on a directory whose ``soc_scores.parquet`` is damaged (or a
   directory): the titles were dropped without a word (``soc_title`` empty in every row of
   ``diff_occupations.csv``). Now the damaged file is named; a missing one is still
   skipped.
4. A task that moved to another occupation: its old occupation counted no task change
   (``tasks_changed`` 0, and not in ``occupations_with_task_changes``) although it lost
   the task, and the moved task's ``old_beta`` was dropped although the old release
   scored it. Now the old occupation counts it, and ``old_beta`` is the old score.
5. ``exposure diff NEW OLD`` (the directories swapped: the first holds O*NET 30.1, the
   second 29.1): the diff was written without a word, every addition reported as a
   removal and every delta with the wrong sign. Now a warning names both releases.
6. ``exposure diff`` of two outputs scored by different scorers (or rolled up with other
   weights): every move was reported as the release's, without a word. Now a warning
   names what differs.
7. ``check_onet_release("029.1")``: accepted as a release of its own (a layout name
   ``onet/029.1/...``, the archive ``db_029_1_text.zip`` that does not exist, and in text
   format although ``030.1`` is 30.1, pinned as Excel). Now refused: ``write '29.1'``.
8. ``releases_frame`` sorted releases as text: O*NET ``100.0`` listed before 29.1 and
   ``5.1`` after 30.1. Now in the order of their numbers.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pandas as pd
import pytest
from _frames import recompute_outputs

from exposure import releases as R
from exposure._io import write_parquet
from exposure.cli import main
from exposure.errors import DataFormatError, ExposureError
from exposure.fetch import fetch_table
from exposure.pipeline import task_digests
from exposure.reports.diff import diff_outputs, write_diff_reports
from exposure.sources import Source

SHA = "a" * 64
HEADER = "name\tsize\tsha256\turl\tmember\n"


def _lock(tmp_path, *names) -> Path:
    lines = "".join(f"{n}\t3\t{SHA}\thttp://x\tm\n" for n in names)
    path = tmp_path / "exposure.lock"
    path.write_text(HEADER + lines, encoding="utf-8")
    return path


@pytest.fixture
def home(tmp_path, monkeypatch, no_env):
    """``tmp_path`` the home (``$EXPOSURE_HOME``), and no mirror or cache from the environment."""
    monkeypatch.setenv("EXPOSURE_HOME", str(tmp_path))
    return tmp_path


# 1. lock lines of custom sources named like release files


# "onet/31.0/../Job Zones.txt" is refused when the lock file is read (round 42)
@pytest.mark.parametrize("custom", ["onet/29.1/Skills.txt", "onet/31.0/Job Zones.txt.txt",
                                    "onet/029.1/Job Zones.txt"])
def test_a_custom_source_named_like_a_release_file_is_no_release(tmp_path, custom):
    path = _lock(tmp_path, "onet/31.0/Job Zones.txt", custom)
    assert custom in R.Lock(path).entries()
    frame = R.releases_frame(R.Lock(path))
    onet = frame[frame["kind"] == "onet"]
    assert onet["release"].tolist() == ["29.1", "30.1", "31.0"]
    assert onet["files"].tolist()[-1] == 1


def test_sources_releases_lists_a_custom_pin_of_a_pinned_release(home, capsys):
    """``fetch_table`` of a custom ``onet/29.1/Skills.txt`` (a file the registry lacks) pins it."""
    mirror = home / "m" / "onet" / "29.1"
    mirror.mkdir(parents=True)
    (mirror / "Skills.txt").write_text("a\tb\n1\t2\n")
    src = Source(name="onet/29.1/Skills.txt", release="29.1", url="https://example.org/db_29_1_text.zip",
                 sha256="", size=0, licence="CC BY 4.0", attribution="made up", kind="onet")
    fetch_table(src, lambda p: pd.read_csv(p, sep="\t"), mirror=home / "m", data_dir=home / "c")
    assert "onet/29.1/Skills.txt" in R.Lock(home / "exposure.lock").entries()
    assert main(["sources", "--releases"]) == 0
    out = capsys.readouterr().out
    assert "onet/29.1/Skills.txt  8 bytes" in out and "1 pinned file\n" in out


def test_the_lock_file_of_a_damaged_line_is_still_named(home, capsys):
    _lock(home, "onet/31.0/Job Zones.txt")
    text = (home / "exposure.lock").read_text().replace("\t3\t", "\tabc\t")
    (home / "exposure.lock").write_text(text)
    with pytest.raises(DataFormatError, match=r"exposure\.lock, row 2, column 'size'"):
        R.releases_frame(R.Lock(home / "exposure.lock"))


# 2. options that `exposure sources --releases` ignored


@pytest.mark.parametrize("argv, said", [
    (["sources", "--releases", "onet/29.1"], "--releases lists every release: it takes no NAME"),
    (["sources", "--releases", "--rehash"], "--releases lists the releases and hashes nothing"),
    (["sources", "--rehash", "--format", "markdown"], "--format markdown lists the registry and hashes nothing"),
])
def test_sources_options_that_were_ignored_are_refused(home, capsys, argv, said):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err


@pytest.mark.parametrize("fmt, first", [("tsv", "kind\trelease\tfiles\tpinned_by\turl"),
                                        ("markdown", "| kind | release | files | pinned by | archive |")])
def test_sources_releases_honours_format(home, capsys, fmt, first):
    assert main(["sources", "--releases", "--format", fmt]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == first
    row = next(ln for ln in out if "29.1" in ln)
    assert ("\t" in row) == (fmt == "tsv")


# 3. a damaged soc_scores.parquet


def _two(tmp_path, old_release="29.1", new_release="30.1"):
    return recompute_outputs(tmp_path / "old", old_release), recompute_outputs(tmp_path / "new", new_release)


def test_a_damaged_soc_scores_is_named(tmp_path):
    old, new = _two(tmp_path)
    (new / "soc_scores.parquet").write_bytes(b"PAR1 not a parquet file")
    with pytest.raises(ExposureError, match=r"new/soc_scores\.parquet"):
        diff_outputs(old, new)


def test_a_directory_in_place_of_soc_scores_is_named(tmp_path):
    old, new = _two(tmp_path)
    (new / "soc_scores.parquet").unlink()
    (new / "soc_scores.parquet").mkdir()
    with pytest.raises(ExposureError, match=r"new/soc_scores\.parquet: is a directory, not a file"):
        diff_outputs(old, new)


def test_a_missing_soc_scores_is_still_skipped(tmp_path):
    old, new = _two(tmp_path)
    (new / "soc_scores.parquet").unlink()
    (old / "soc_scores.parquet").unlink()
    occ = diff_outputs(old, new).occupations
    assert occ["soc_title"].isna().all()


# 4. a task that moved to another occupation


def _out(d: Path, rows, betas, release):
    """A recompute output of the task rows (code, id, text) with task and occupation scores."""
    d.mkdir()
    tasks = pd.DataFrame(rows, columns=["onetsoc_code", "task_id", "task"]).assign(task_type="Core")
    write_parquet(task_digests(tasks), d / "task_digests.parquet")
    write_parquet(tasks[["onetsoc_code", "task_id"]].assign(beta=[betas[t] for t in tasks["task_id"]]),
                  d / "task_scores.parquet")
    occ = tasks.groupby("onetsoc_code").agg(beta=("task_id", lambda ids: sum(betas[t] for t in ids) / len(ids)),
                                            n_tasks=("task_id", "size")).reset_index()
    write_parquet(occ, d / "occupation_scores.parquet")
    for level, naics in (("sector", "52"), ("subsector", "522000")):
        write_parquet(pd.DataFrame({"naics": [naics], "naics_title": ["t"], "level": level, "beta": 0.4,
                                    "exposed_workers": 1.0}), d / f"{level}_scores.parquet")
    (d / "manifest.json").write_text(json.dumps({"releases": {"onet": release, "oews": "2025"}}))
    return d


@pytest.fixture
def moved(tmp_path):
    old = _out(tmp_path / "old", [("11-1011.00", 1, "Direct operations."), ("11-1011.00", 3, "Prepare budgets."),
                                  ("13-2011.00", 10, "Audit accounts.")], {1: 0.5, 3: 0.25, 10: 0.5}, "29.1")
    new = _out(tmp_path / "new", [("11-1011.00", 1, "Direct operations."), ("13-2011.00", 3, "Prepare budgets."),
                                  ("13-2011.00", 10, "Audit accounts.")], {1: 0.5, 3: 0.75, 10: 0.5}, "30.1")
    return old, new


def test_the_old_occupation_of_a_moved_task_counts_it(moved):
    d = diff_outputs(*moved)
    occ = d.occupations.set_index("onetsoc_code")
    assert occ.loc["11-1011.00", "tasks_changed"] == 1 and occ.loc["13-2011.00", "tasks_changed"] == 1
    s = dict(zip(d.summary["item"], d.summary["count"]))
    assert s["tasks_moved"] == 1 and s["occupations_with_task_changes"] == 2


def test_a_moved_task_keeps_its_old_score(moved):
    t = diff_outputs(*moved).tasks.set_index("task_id")
    assert t.loc[3, "change"] == "moved" and t.loc[3, "onetsoc_code"] == "13-2011.00"
    assert t.loc[3, "old_beta"] == 0.25 and t.loc[3, "new_beta"] == 0.75


# 5. the directories given in the wrong order


def test_swapped_directories_are_warned_about(tmp_path, caplog):
    new, old = _two(tmp_path, "30.1", "29.1")  # "old" holds the later release
    with caplog.at_level(logging.WARNING, logger="exposure.reports.diff"):
        diff_outputs(new, old)
    said = " ".join(r.getMessage() for r in caplog.records)
    assert "O*NET 30.1, a later release than" in said and "(O*NET 29.1)" in said


@pytest.mark.parametrize("a, b", [("29.1", "30.1"), ("29.1", "29.1"), ("9.0", "10.0"), ("30.1", None)])
def test_directories_in_order_are_not_warned_about(tmp_path, caplog, a, b):
    old, new = _two(tmp_path, a, b)
    with caplog.at_level(logging.WARNING, logger="exposure.reports.diff"):
        diff_outputs(old, new)
    assert not caplog.records


def test_a_later_oews_release_first_is_warned_about(tmp_path, caplog):
    old, new = _two(tmp_path, "29.1", "29.1")
    m = json.loads((old / "manifest.json").read_text())
    m["releases"]["oews"] = "2026"
    (old / "manifest.json").write_text(json.dumps(m))
    with caplog.at_level(logging.WARNING, logger="exposure.reports.diff"):
        diff_outputs(old, new)
    assert "OEWS May 2026, a later release than" in " ".join(r.getMessage() for r in caplog.records)


# 6. outputs scored or rolled up otherwise


def _set(d: Path, key, value):
    m = json.loads((d / "manifest.json").read_text())
    m[key] = value
    (d / "manifest.json").write_text(json.dumps(m))


def test_a_scorer_change_is_warned_about(tmp_path, caplog):
    old, new = _two(tmp_path)
    _set(old, "scorer", {"method": "learned", "artifact_sha256": "1" * 64})
    _set(new, "scorer", {"method": "rubric"})
    with caplog.at_level(logging.WARNING, logger="exposure.reports.diff"):
        diff_outputs(old, new)
    said = " ".join(r.getMessage() for r in caplog.records)
    assert "were scored differently" in said and "'rubric'" in said


def test_a_rollup_change_is_warned_about_but_not_its_coverage(tmp_path, caplog):
    old, new = _two(tmp_path)
    _set(old, "rollup", {"weights": "core", "coverage": {"share": 0.9}})
    _set(new, "rollup", {"weights": "core", "coverage": {"share": 0.8}})
    with caplog.at_level(logging.WARNING, logger="exposure.reports.diff"):
        diff_outputs(old, new)
    assert not caplog.records
    _set(new, "rollup", {"weights": "equal", "coverage": {"share": 0.8}})
    with caplog.at_level(logging.WARNING, logger="exposure.reports.diff"):
        diff_outputs(old, new)
    assert "rolled up differently" in " ".join(r.getMessage() for r in caplog.records)


def test_the_shipped_manifests_agree(tmp_path, caplog):
    """The same scorer and roll-up in both: no warning (the reports of docs/validation/diff.md)."""
    shipped = json.loads((Path(__file__).parents[2] / "data" / "processed" / "manifest.json").read_text())
    old, new = _two(tmp_path)
    for d in (old, new):
        _set(d, "scorer", shipped["scorer"])
        _set(d, "rollup", shipped["rollup"])
    with caplog.at_level(logging.WARNING, logger="exposure.reports.diff"):
        write_diff_reports(diff_outputs(old, new), tmp_path / "r")
    assert not caplog.records


# 7. a release with a leading zero


@pytest.mark.parametrize("release, right", [("029.1", "29.1"), ("030.1", "30.1"), ("00.1", "0.1")])
def test_a_release_with_a_leading_zero_is_refused(release, right):
    with pytest.raises(ExposureError, match=f"O\\*NET release '{release}' has a leading zero: write '{right}'"):
        R.check_onet_release(release)
    with pytest.raises(ExposureError, match="leading zero"):
        R.layout_source(f"onet/{release}/Job Zones.txt")


def test_releases_without_a_leading_zero_pass():
    assert [R.check_onet_release(r) for r in ("0.1", "9.0", "31.0", "100.0")] == ["0.1", "9.0", "31.0", "100.0"]


# 8. the order of releases


def test_releases_are_listed_in_the_order_of_their_numbers(tmp_path):
    path = _lock(tmp_path, "onet/100.0/Job Zones.txt", "onet/5.1/Job Zones.txt", "onet/31.0/Job Zones.txt")
    frame = R.releases_frame(R.Lock(path))
    assert frame.loc[frame["kind"] == "onet", "release"].tolist() == ["5.1", "29.1", "30.1", "31.0", "100.0"]
